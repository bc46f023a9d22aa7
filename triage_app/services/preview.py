"""What the import wizard shows before anything is written: the detected format and encoding,
the other candidates, the first rows as they will be imported, and rows that would be rejected."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from analysis.label_values import normalise_sentiment, normalise_type

from ..domain import EncodingUncertain, ImportFailure, Item, Note, Rejected, Respondent, Skipped
from ..importers import all_importers, choose_importer, detect
from ..importers.generic import FIELDS, guess_mapping, whole_column_codes
from ..importers.source import ImportOptions, SourceFile

COMMON_ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252", "gb18030", "cp950", "big5", "shift_jis", "latin-1")
#: file name endings the import reads; in a folder, other files are listed as skipped
DATA_SUFFIXES = (".csv", ".tsv", ".tab", ".txt", ".xlsx", ".xlsm", ".xls", ".json", ".jsonl", ".ndjson", ".zip", ".xml", ".parquet")


@dataclass
class FilePreview:
    path: Path
    size: int = 0
    kind: str = ""
    encoding: str | None = None
    encoding_reason: str = ""
    format: str | None = None
    candidates: list[tuple[str, str, float]] = field(default_factory=list)  # (name, label, score)
    headers: list[str] = field(default_factory=list)
    mapping: dict[str, str] = field(default_factory=dict)  # generic format only
    items: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    respondents: int = 0
    error: str | None = None
    #: when the encoding is uncertain: (encoding, share of plausible characters, a line as it reads), best first
    encoding_candidates: list[tuple[str, float, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    #: the mapped sentiment column holds codes, not words or stars: code -> label ({"1": "positive", ...})
    sentiment_codes: dict[str, str] | None = None
    #: values of that column read to judge it (all of them for codes), and the first one that is not a code (row, value)
    sentiment_rows: int = 0
    sentiment_other: tuple[int, str] | None = None

    @property
    def no_feedback(self) -> bool:
        """Read without error, but nothing in the first rows becomes an item."""
        return self.error is None and not self.items


def preview_file(path: str | Path, options: ImportOptions | None = None, rows: int = 12) -> FilePreview:
    """Read just enough of a file to show how it will be imported. Never raises for a bad file:
    the problem is in ``error``."""
    preview = FilePreview(Path(path))
    options = options or ImportOptions()
    try:
        source = SourceFile(path, options)
        preview.size, preview.kind = source.size, source.kind
        if source.kind in ("csv", "jsonl"):
            preview.encoding, preview.encoding_reason = source.encoding, source.encoding_guess.reason
            source.check_encoding_certain()
        ranked = detect(source)
        preview.candidates = [(imp.name, imp.label, round(score, 2)) for score, imp in ranked]
        importer = choose_importer(source)
        preview.format = importer.name
        if source.preview_rows:
            preview.headers = [h.strip() for h in source.preview_rows[0]]
        if importer.name == "generic" and preview.headers:
            preview.mapping = guess_mapping(preview.headers, source.preview_rows[1:])
            preview.mapping.update(options.mapping)
            reading = whole_column_codes(source, preview.headers, preview.mapping, source.preview_rows[1:])
            if reading is not None:  # judged on every row; the wizard says how many, or which value is not a code
                preview.sentiment_codes, preview.sentiment_rows, preview.sentiment_other = \
                    reading.codes, reading.rows, reading.other
        records = importer.read(source)
        try:
            for record in records:
                if isinstance(record, Item):
                    preview.items.append(_item_row(record))
                elif isinstance(record, Respondent):
                    preview.respondents += 1
                elif isinstance(record, Rejected):
                    preview.rejected.append({"row": record.row, "column": record.column, "reason": record.reason})
                elif isinstance(record, Skipped):  # left out on purpose: counted by reason, as the import does
                    preview.skipped[record.reason] = preview.skipped.get(record.reason, 0) + 1
                elif isinstance(record, Note):
                    if record.kind == "skipped":
                        preview.skipped[record.key] = preview.skipped.get(record.key, 0) + record.count
                    elif record.kind == "warning" and record.key not in preview.warnings:
                        preview.warnings.append(record.key)
                if len(preview.items) >= rows or len(preview.rejected) >= rows:
                    break
        finally:
            close = getattr(records, "close", None)
            if close:
                close()
    except EncodingUncertain as exc:
        preview.error = str(exc)
        preview.encoding_candidates = list(exc.candidates)
    except ImportFailure as exc:
        preview.error = str(exc)
    except KeyError as exc:
        preview.error = str(exc.args[0])
    except Exception as exc:  # a preview must never take the wizard down
        preview.error = f"{Path(path).name}: cannot be read ({type(exc).__name__}: {exc})"
    return preview


def preview_with_preset(path: str | Path, options: ImportOptions, workspace_path: str | Path,
                        rows: int = 12) -> tuple[FilePreview, ImportOptions]:
    """The preview, with the column mapping saved in the workspace for files of the same headers when
    none is chosen yet (returned in the options). The wizard runs this in a worker: reading the start
    of a large XLSX or JSON file takes seconds."""
    preview = preview_file(path, options, rows)
    if preview.headers and preview.format == "generic" and not options.mapping:
        from ..store import connect_reader
        from ..store.presets import load_preset

        conn = connect_reader(workspace_path)
        try:
            preset = load_preset(conn, preview.headers)
        finally:
            conn.close()
        if preset:
            options = replace(options, mapping=dict(preset))
            preview = preview_file(path, options, rows)
    return preview, options


def files_in_folder(folder: str | Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The data files in a folder (not its subfolders) and the other files with why they are left out:
    a name the import does not read, or a text file that is not a table (a README)."""
    files, skipped = [], []
    for path in sorted(Path(folder).iterdir()):
        if path.is_dir() or path.name.startswith("."):
            continue
        if path.suffix.lower() not in DATA_SUFFIXES:
            skipped.append((path, "not a data file"))
            continue
        if path.suffix.lower() == ".txt":
            problem = preview_file(path, rows=1).error
            if problem and "not a table" in problem:
                skipped.append((path, "a text document, not a table"))
                continue
        files.append(path)
    return files, skipped


def _item_row(item: Item) -> dict[str, Any]:
    score = next((getattr(item, k) for k in ("rating", "nps", "csat", "ces") if getattr(item, k) is not None), None)
    attributes = item.attributes or {}
    # a mapped sentiment / type column as it will count (1/0 codes already read as words by the importer)
    return {"created_at": item.created_at, "author": item.author, "title": item.title, "text": item.text,
            "score": score, "status": item.status or "new", "external_id": item.external_id,
            "sentiment": normalise_sentiment(attributes.get("_sentiment")), "type": normalise_type(attributes.get("_type"))}


def format_choices() -> list[tuple[str, str]]:
    return [(imp.name, imp.label) for imp in all_importers()]


MAPPING_FIELDS = FIELDS
