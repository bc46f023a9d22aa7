"""Briefing benchmark (issue: briefing export). A benchmark, not a test: run it by hand.

    .venv/bin/python bench/brief_bench.py [--items 100000] [--keep DIR] [--top 11]

Builds a workspace of about ``--items`` items with the demo generator's exports scaled up (a survey,
GitHub issues with comments, Google Play reviews, Zendesk tickets; six months, English and
Chinese) through the import service, and gives it themes: one per demo phrase group, assigned
from the text (a stand-in for the theme analysis, whose embedding would take many minutes here;
the briefing only reads the themes). Then it times, each in a fresh process, the CLI
``triage-app brief`` to PDF and to PPTX (the whole command, start-up included), and in-process
the stages of the PDF. Goal: a 20-page briefing in under 30 s.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

AS_OF = datetime(2025, 6, 30, 12, tzinfo=timezone.utc)
PERIOD = "2025-04-01..2025-06-30"


def build(path: Path, items: int) -> dict:
    from triage_app.demo import _Generator
    from triage_app.services.importing import run_import
    from triage_app.store import Workspace
    from triage_app.store import themes as tq
    from triage_app.store.queries import transaction

    gen = _Generator(11, AS_OF)
    folder = path.parent / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    share = {"survey": 0.45, "github": 0.25, "play": 0.2, "zendesk": 0.15}  # surveys: ~80% have a comment
    files = [
        (folder / "survey.csv", gen.survey_csv(int(items * share["survey"])), "utf-8"),
        (folder / "issues.json", gen.github_json(int(items * share["github"])), "utf-8"),
        (folder / "reviews.csv", gen.play_csv(int(items * share["play"])), "utf-16"),
        (folder / "tickets.json", gen.zendesk_json(int(items * share["zendesk"])), "utf-8"),
    ]
    started = time.perf_counter()
    with Workspace(path) as ws:
        for file, content, encoding in files:
            file.write_bytes(content.encode(encoding))
            run_import(ws, file)
        imported = time.perf_counter() - started
        # themes: one per (demo theme, half of its phrases), assigned by the phrase the text contains
        phrases = []
        for t in gen.themes:
            for lang in ("en", "zh"):
                for k, p in enumerate(t[lang]):
                    core = p.split("，")[0].split(", ")[0].lower()[:40]
                    phrases.append((core, f"{t['key']}-{k % 2}", t))
        with transaction(ws.conn):
            run_id = tq.create_run(ws.conn, "bench-phrases", 0, {"source": "demo phrases"})
            ids = {}
            for _, key, t in phrases:
                if key not in ids:
                    ids[key] = tq.insert_theme(ws.conn, label=key.replace("-", " #"), keywords=[t["key"]],
                                               created_run_id=run_id, updated_run_id=run_id)
            rows = []
            for item_id, _, _, title, text in tq.items_for_analysis(ws.conn):
                low = (text or "").lower()
                theme = next((ids[key] for core, key, _ in phrases if core in low), None)
                rows.append((item_id, theme, 0.9 if theme else None, "model", run_id))
            tq.set_assignments(ws.conn, rows)
            tq.refresh_sizes(ws.conn)
            tq.finish_run(ws.conn, run_id, {"themes": len(ids)})
        stats = ws.stats()
    return {"items": stats["items"], "themes": len(ids), "import_s": round(imported, 1)}


def _child_cpu() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def cli(workspace: Path, out: Path, top: int) -> dict:
    cpu = _child_cpu()
    started = time.perf_counter()
    proc = subprocess.run([str(Path(sys.executable).with_name("triage-app")), "brief", "-w", str(workspace),
                           "-o", str(out), "--period", PERIOD, "--top", str(top), "--json"],
                          capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    summary = json.loads(proc.stdout)
    return {"wall_s": round(wall, 2), "cpu_s": round(_child_cpu() - cpu, 2), "pages": summary["pages"],
            "size_kb": out.stat().st_size // 1024, "service_s": summary["seconds"]}


def stages(workspace: Path, out: Path, top: int) -> dict:
    from triage_app.services.briefing import BriefingRequest, generate
    from triage_app.store import Workspace

    marks, last = {}, time.perf_counter()
    with Workspace(workspace) as ws:
        gen = generate(ws.conn, BriefingRequest(period=PERIOD, top=top, workspace_name=workspace.name), out)
        stage = None
        try:
            while True:
                p = next(gen)
                now = time.perf_counter()
                if stage is not None:
                    marks[stage] = marks.get(stage, 0.0) + now - last
                stage, last = f"{p.stage}:{p.message}" if p.stage == "gathering" else p.stage, now
        except StopIteration:
            marks[stage] = marks.get(stage, 0.0) + time.perf_counter() - last
    return {k: round(v, 2) for k, v in marks.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--top", type=int, default=11)
    ap.add_argument("--keep", type=Path, help="keep the workspace and briefings in this folder")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="brief-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    workspace = folder / "bench.triage"
    built = build(workspace, args.items) if not workspace.exists() else {"items": None, "reused": True}
    import os

    result = {"load_average_before": [round(x, 1) for x in os.getloadavg()], "workspace": built,
              "pdf": cli(workspace, folder / "brief.pdf", args.top),
              "pptx": cli(workspace, folder / "brief.pptx", args.top),
              "pdf_stages_s": stages(workspace, folder / "stages.pdf", args.top)}
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
