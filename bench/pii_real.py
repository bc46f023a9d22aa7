"""Personal-data findings on real feedback in ../shared/data (no labels there: a false-alarm
proxy), now and with the session 3 detector (git 295ae32, loaded by bench/pii_at_commit.py)
in the same run.
Prints counts per kind and time per text only, never the texts (they must not be copied).

    .venv/bin/python bench/pii_real.py [--texts 3000]
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
DATA = ROOT.parent / "shared" / "data"
if not DATA.exists():
    DATA = Path("/work/shared/data")
SETS = {"app reviews (EN)": ("app-reviews-4class/dataset_balanced_8000.csv", ","),
        "waimai reviews (ZH)": ("zh-waimai-10k/waimai_10k.csv", ","),
        "GitHub issues (nlbse)": ("nlbse24-github-issues/issues_test.csv", ","),
        "Alexa reviews": ("amazon-alexa-reviews/amazon_alexa.tsv", "\t"),
        "CFPB complaints": ("cfpb-complaints-sample/Consumer_Complaints.csv", ",")}


def _texts(path: Path, delimiter: str, limit: int) -> list[str]:
    csv.field_size_limit(1 << 30)
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=delimiter))
    header, rows = rows[0], rows[1:]
    col = max(range(len(header)), key=lambda i: sum(len(r[i]) for r in rows[:200] if len(r) > i))  # the text
    return [r[col] for r in rows if len(r) > col and r[col].strip()][:limit]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", type=int, default=3000)
    args = ap.parse_args()
    from analysis.pii import find_pii
    from pii_at_commit import detector_at

    before = detector_at("295ae32")
    warm = "Thanks, Priya Sharma (Wei Zhang). 谢谢王伟，联系李娜"
    find_pii(warm)  # load the name lists and jieba's dictionary outside the timing
    before(warm)

    print("| set | texts | with findings (before -> now) | findings by kind now | before | ms/text (before -> now) |")
    print("|---|---|---|---|---|---|")
    for name, (rel, delimiter) in SETS.items():
        path = DATA / rel
        if not path.exists():
            continue
        texts = _texts(path, delimiter, args.texts)
        rows = {}
        for label, detect in (("before", before), ("now", find_pii)):
            started = time.perf_counter()
            found = [detect(t) for t in texts]
            rows[label] = (found, (time.perf_counter() - started) * 1000 / len(texts))
        kinds = {k: Counter(s.kind for f in rows[k][0] for s in f) for k in rows}
        hits = {k: sum(1 for f in rows[k][0] if f) for k in rows}
        print(f"| {name} | {len(texts)} | {hits['before']} -> {hits['now']} | {dict(kinds['now'])} | {dict(kinds['before'])} |"
              f" {rows['before'][1]:.2f} -> {rows['now'][1]:.2f} |")


if __name__ == "__main__":
    main()
