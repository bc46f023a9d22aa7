"""Operations of several steps that the CLI and the app both run, written once: import files (and
keep the column mapping of each as a preset), analyse then score sentiment, and the period and
end of a briefing. Generators like the services: they yield progress and honour a CancelToken."""
from __future__ import annotations

from collections.abc import Callable, Generator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .domain import CancelToken, Cancelled, ImportFailure, Progress

if TYPE_CHECKING:
    from .importers.source import ImportOptions
    from .services.analysis import AnalysisResult
    from .services.importing import ImportResult
    from .store import Workspace


# -- import files ------------------------------------------------------------------------------------
@dataclass
class FileProgress:
    """Progress of file ``number`` of ``count``."""

    number: int
    count: int
    file: str
    progress: Progress


@dataclass
class FileImport:
    """One file of a multi-file import: its result, or the failure or cancel that left nothing of it."""

    file: str
    result: ImportResult | None = None
    failure: ImportFailure | None = None
    cancelled: bool = False

    def as_json(self) -> dict[str, Any]:
        """The file's import summary (``triage-app import --json``): the result's fields, or for a
        failure the file, the error, zero counts and any encoding candidates."""
        if self.result is not None:
            return self.result.as_json()
        entry: dict[str, Any] = {"file": self.file, "format": None, "error": str(self.failure or "import cancelled"),
                                 "added": 0, "updated": 0, "unchanged": 0, "rejected": 0}
        candidates = getattr(self.failure, "candidates", None)
        if candidates is not None:
            entry["encoding_candidates"] = [{"encoding": e, "plausible": p, "sample": t} for e, p, t in candidates]
        return entry


def import_files(ws: Workspace, files: Sequence[str | Path], options: Callable[[str], ImportOptions],
                 cancel: CancelToken | None = None, headers: Mapping[str, list[str]] | None = None,
                 ) -> Generator[FileProgress | FileImport, None, list[FileImport]]:
    """Import ``files`` one after the other (each in its own transaction). Yields FileProgress while
    a file is read and its FileImport when it is done; a file that fails does not stop the others, a
    cancel stops after the file it interrupted (nothing of that file is kept). A generic file read
    with a column mapping keeps that mapping as the preset of its header row (``headers`` by file,
    when the caller has read them already)."""
    from .services.importing import import_file

    done: list[FileImport] = []
    for number, file in enumerate(map(str, files), start=1):
        chosen = options(file)
        outcome = FileImport(file)
        try:
            service = import_file(ws, file, chosen, cancel)
            while True:
                try:
                    step = next(service)
                except StopIteration as stop:
                    outcome.result = stop.value
                    break
                yield FileProgress(number, len(files), file, step)
        except Cancelled:
            outcome.cancelled = True
        except ImportFailure as exc:
            outcome.failure = exc
        if outcome.result is not None and outcome.result.format == "generic" and chosen.mapping:
            _save_preset(ws, file, chosen, (headers or {}).get(file))
        done.append(outcome)
        yield outcome
        if outcome.cancelled:
            break
    return done


def _save_preset(ws: Workspace, file: str, options: ImportOptions, headers: list[str] | None) -> None:
    from .services.preview import preview_file
    from .store.presets import save_preset

    headers = headers if headers is not None else preview_file(file, options, rows=1).headers
    if headers:
        save_preset(ws.conn, headers, options.mapping)


# -- analyse, then score -------------------------------------------------------------------------------
def analyse_then_score(ws: Workspace, *, cancel: CancelToken | None = None, **analysis: Any,
                       ) -> Generator[Progress, None, AnalysisResult]:
    """Find themes, then give every item not scored yet a sentiment and a feedback type (what Run
    Analysis and ``triage-app analyze`` do). ``analysis``: the keywords of services.analysis.analyse."""
    from .services.analysis import analyse
    from .services.sentiment import score_items

    result = yield from analyse(ws, cancel=cancel, **analysis)
    yield from score_items(ws.conn, cancel)
    return result


def _analyse_and_score(path: str, model: str | None, cancel: CancelToken) -> Generator[Progress, None, AnalysisResult]:
    from .store import Workspace

    with Workspace(path) as ws:
        return (yield from analyse_then_score(ws, model=model, cancel=cancel))


def analyse_in_process(path: str | Path, model: str | None = None,
                       cancel: CancelToken | None = None) -> Generator[Progress, None, object]:
    """``analyse_then_score`` in a child process (services.analysis_process: the window stays
    responsive while clustering holds the GIL)."""
    from .services.analysis_process import in_process

    return in_process(_analyse_and_score, (str(path), model), cancel)


# -- the briefing's period -------------------------------------------------------------------------------
def briefing_end(ws: Workspace, as_of: str | None) -> str | None:
    """The end of a briefing's LAST_N_DAYS: the time given, else (like the dashboard) the newest item,
    not today."""
    from .services.briefing import newest_end

    return as_of if as_of is not None else newest_end(ws.conn)


def whole_span(ws: Workspace) -> str:
    """The period FROM..TO of every item in the workspace (whole UTC days)."""
    stats = ws.stats()
    return f"{(stats['first_created'] or '')[:10]}..{(stats['last_created'] or '')[:10]}"
