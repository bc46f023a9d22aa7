"""Regenerate the example briefings in this folder from the demo workspace:

    .venv/bin/python docs/examples/make_examples.py

Builds the demo workspace as of a fixed date (so the output is the same on every run), finds its
themes with the real analysis (seeded) and scores sentiment, then writes one briefing per language
as PDF and PPTX for the quarter 2025-04-01..2025-06-30, and manifest.json (pages, titles, chart
pages) that tests/unit/test_briefing.py checks the files against. Takes about two minutes.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

AS_OF = datetime(2025, 6, 30, 12, tzinfo=timezone.utc)
PERIOD = "2025-04-01..2025-06-30"
TOP = 8


def _drive(gen):
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        return stop.value


def main() -> None:
    from triage_app.demo import build_demo_workspace
    from triage_app.services.analysis import run_analysis
    from triage_app.services.briefing import BriefingRequest, generate
    from triage_app.services.sentiment import score_items
    from triage_app.store import Workspace

    manifest = {}
    with tempfile.TemporaryDirectory(prefix="triage-examples-") as tmp:
        path = Path(tmp) / "demo.triage"
        build_demo_workspace(path, as_of=AS_OF)
        with Workspace(path) as ws:
            analysis = run_analysis(ws, seed=42)
            print(f"themes: {analysis.themes}, unassigned {analysis.unassigned}", file=sys.stderr)
            _drive(score_items(ws.conn))
            for lang in ("en", "zh"):
                entry = {}
                for suffix in ("pdf", "pptx"):
                    out = HERE / f"briefing-{lang}.{suffix}"
                    request = BriefingRequest(period=PERIOD, top=TOP, lang=lang, workspace_name="demo.triage")
                    result = _drive(generate(ws.conn, request, out))
                    entry[suffix] = {"pages": result.pages, "page_titles": result.page_titles,
                                     "size_bytes": out.stat().st_size}
                    entry["chart_pages"] = result.chart_pages
                    print(f"{out.name}: {result.pages} pages, {out.stat().st_size // 1024} KB, {result.seconds} s",
                          file=sys.stderr)
                manifest[lang] = entry
    manifest["source"] = {"workspace": "triage_app.demo.build_demo_workspace(as_of=2025-06-30T12:00Z)",
                          "period": PERIOD, "top": TOP, "themes": analysis.themes, "model": analysis.model}
    (HERE / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
