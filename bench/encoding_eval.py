"""Encoding detection: right, a clear stop, or wrong (issue 14). A quality figure, not a timing.

    .venv/bin/python bench/encoding_eval.py [--slices 40] [--old PATH/TO/OLD/encoding.py]

Slices of real exports in ../shared/data (Chinese reviews, English reviews and issues) are written
in the encodings their users' tools write (UTF-8, GBK, Big5, Windows-1252; mixed files too) and given
to the detector. Outcomes: *right* (the chosen encoding gives back the text), *stop* (the import
stops naming candidates: the user picks), *wrong* (mojibake would be stored). For *mixed* (UTF-8 with one row in the
local code page) and *damaged* (UTF-8 with bytes broken near the end) *right* means UTF-8 is chosen
(the odd rows are then repaired or rejected one by one), or an encoding that gives back the text. The baseline is the detector before this issue (``--old``, default: the main repository's ``encoding.py``), same slices.
Reads ../shared/data only; nothing from it is written anywhere.
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
if not DATA.exists():
    DATA = Path("/work/shared/data")

from triage_app.importers.encoding import detect_encoding  # noqa: E402

SOURCES = {  # file, encoding it is stored in, text column, language
    "zh": ("zh-waimai-10k/waimai_10k.csv", "utf-8", "review"),
    "en": ("app-reviews-3raters/Dataset3.csv", "cp1252", "text"),
    "en-issues": ("jira-hive-summaries/jira_issues.csv", "utf-8", None),
}
TARGETS = {"zh": ("utf-8", "gbk", "cp950"), "en": ("utf-8", "cp1252"), "en-issues": ("utf-8", "cp1252")}


def _rows(name: str) -> list[str]:
    rel, enc, column = SOURCES[name]
    with open(DATA / rel, encoding=enc, newline="", errors="replace") as fh:
        reader = csv.DictReader(fh)
        col = column or reader.fieldnames[-1]
        return [r[col].replace("\n", " ") for r in reader if r.get(col)]


def _load_old(path: Path):
    spec = importlib.util.spec_from_file_location("old_encoding", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_encoding"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module.detect_encoding


def _outcome(guess, data: bytes, text: str, new: bool) -> str:
    if new and not guess.certain:
        return "stop"
    try:
        decoded = data.decode(guess.encoding)
    except (UnicodeDecodeError, LookupError):
        return "stop"  # a strict decode stops the import at the row
    return "right" if decoded.replace("\r\n", "\n") == text else "wrong"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slices", type=int, default=40)
    parser.add_argument("--old", type=Path, default=Path("/work/main/triage_app/importers/encoding.py"))
    args = parser.parse_args()
    old_detect = _load_old(args.old)
    rng = random.Random(11)
    table: dict[tuple[str, str, int], dict] = {}
    for name in SOURCES:
        rows = _rows(name)
        for size in (5, 50, 500):
            for target in TARGETS[name] + ("mixed", "damaged"):
                counts = {"new": {"right": 0, "stop": 0, "wrong": 0}, "old": {"right": 0, "stop": 0, "wrong": 0}}
                for _ in range(args.slices):
                    start = rng.randrange(0, max(1, len(rows) - size))
                    lines = [f"{i},\"{t.replace(chr(34), chr(39))}\"" for i, t in enumerate(rows[start:start + size])]
                    text = "id,comment\n" + "\n".join(lines) + "\n"
                    if target == "damaged":  # UTF-8 whose last rows lost bytes (a broken copy)
                        raw = bytearray(text.encode())
                        highs = [i for i in range(len(raw) * 3 // 4, len(raw)) if raw[i] >= 0xC0]
                        if not highs:
                            continue
                        for i in rng.sample(highs, min(2, len(highs))):
                            raw[i] = 0xFF
                        data, expect = bytes(raw), "utf-8"
                    elif target == "mixed":  # UTF-8 with one row saved in the local code page
                        local = "gbk" if name == "zh" else "cp1252"
                        k = rng.randrange(len(lines))
                        head = "id,comment\n" + "\n".join(lines[:k]) + ("\n" if k else "")
                        tail = "\n".join(lines[k + 1:]) + ("\n" if k + 1 < len(lines) else "")
                        try:
                            data = head.encode() + (lines[k] + "\n").encode(local) + tail.encode()
                        except UnicodeEncodeError:
                            continue
                        if data.decode("utf-8", "replace") == text:
                            continue  # the row was ASCII: nothing mixed
                        expect = "utf-8"
                    else:
                        data = text.encode(target, "ignore")
                        text = data.decode(target)
                        expect = target
                    for label, detect in (("new", detect_encoding), ("old", old_detect)):
                        guess = detect(data, whole=True) if label == "new" else detect(data)
                        if target in ("mixed", "damaged"):
                            try:
                                same = data.decode(guess.encoding) == text  # e.g. the rest is ASCII
                            except (UnicodeDecodeError, LookupError):
                                same = False
                            ok = (guess.encoding.startswith("utf-8") or same) and getattr(guess, "certain", True)
                            counts[label]["right" if ok else "wrong" if getattr(guess, "certain", True) else "stop"] += 1
                        else:
                            counts[label][_outcome(guess, data, text, label == "new")] += 1
                    _ = expect
                table[(name, target, size)] = counts
    print("| data | written as | rows | right (new / old) | stop (new / old) | wrong (new / old) |")
    print("|---|---|---|---|---|---|")
    totals = {"new": {"right": 0, "stop": 0, "wrong": 0}, "old": {"right": 0, "stop": 0, "wrong": 0}}
    for (name, target, size), counts in table.items():
        n = sum(counts["new"].values())
        if not n:
            continue
        for label in totals:
            for k in totals[label]:
                totals[label][k] += counts[label][k]
        print(f"| {name} | {target} | {size} | {counts['new']['right']}/{n} / {counts['old']['right']}/{n} | "
              f"{counts['new']['stop']} / {counts['old']['stop']} | {counts['new']['wrong']} / {counts['old']['wrong']} |")
    n = sum(totals["new"].values())
    print(f"| **all** | | | {totals['new']['right']}/{n} / {totals['old']['right']}/{n} | "
          f"{totals['new']['stop']} / {totals['old']['stop']} | **{totals['new']['wrong']} / {totals['old']['wrong']}** |")


if __name__ == "__main__":
    main()
