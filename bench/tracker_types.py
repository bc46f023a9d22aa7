"""Types the trackers state: how many issues of real exports carry a type in their issue type or
labels (mapped at import, outranking the model), and how often the model alone would have agreed.

    PYTHONPATH=. HF_HUB_OFFLINE=1 .venv/bin/python bench/tracker_types.py

Same run, same items: each export is imported once and scored twice, with the stated types (now)
and with them ignored (baseline: the model decides every item, as before this change). Reads
../shared/data (github-issues-hf-datasets, github-issues-dplyr-rest, jira-export-format-sample);
prints a Markdown table for bench/RESULTS.md. Quality only (no timings).
"""
from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from pathlib import Path
from unittest import mock

from triage_app.domain import drive
from triage_app.importers.source import ImportOptions
from triage_app.services import sentiment as sentiment_service
from triage_app.services.importing import run_import
from triage_app.services.sentiment import score_items
from triage_app.store import open_workspace
from triage_app.store.feedback_class_queries import item_types

DATA = Path("/work/shared/data")
SETS = {
    "github-issues-hf-datasets (GitHub REST)": "github-issues-hf-datasets/datasets-issues.zip",
    "github-issues-dplyr-rest (GitHub REST, 2014)": "github-issues-dplyr-rest/dplyr_issues_2014.json",
    "jira-export-format-sample (Jira CSV)": "jira-export-format-sample/JIRA.csv",
}
KINDS = ("problem", "request", "question")


def scored(path: Path, stated: bool) -> dict:
    ws = open_workspace(path, create=False)
    if stated:
        drive(score_items(ws.conn))
    else:  # baseline: a stated type means nothing, the model decides
        with mock.patch.object(sentiment_service, "normalise_type", lambda value: None):
            drive(score_items(ws.conn))
    out = item_types(ws.conn)
    ws.close()
    return out


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, rel in SETS.items():
            a = Path(tmp) / "a.ftw"
            for f in Path(tmp).glob("*"):
                f.unlink()
            ws = open_workspace(a)
            run_import(ws, str(DATA / rel), ImportOptions())
            ws.close()
            b = Path(tmp) / "b.ftw"
            shutil.copy(a, b)
            now, base = scored(a, True), scored(b, False)
            mapped = {i: t for i, (t, m) in now.items() if m == "mapped"}
            agree = sum(base[i][0] == t for i, t in mapped.items())
            by_kind = Counter(mapped.values())
            per_kind = {k: (sum(base[i][0] == k for i, t in mapped.items() if t == k), by_kind[k]) for k in KINDS}
            rows.append((name, len(now), len(mapped), by_kind, agree, per_kind))
    print("| export | items | type stated (issue type or labels) | problem / request / question stated "
          "| model alone agreed (baseline) | per type: problem / request / question |")
    print("|---|---|---|---|---|---|")
    for name, n, m, by_kind, agree, per_kind in rows:
        share = f"{m:,} ({100 * m / n:.0f}%)" if n else "0"
        agreed = f"{agree:,} of {m:,} ({100 * agree / m:.0f}%)" if m else "–"
        kinds = " / ".join(f"{by_kind[k]:,}" for k in KINDS)
        per = " / ".join(f"{a}/{b}" if b else "–" for a, b in per_kind.values())
        print(f"| {name} | {n:,} | {share} | {kinds} | {agreed} | {per} |")


if __name__ == "__main__":
    main()
