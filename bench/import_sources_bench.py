"""Community and Chinese-survey importers on the real samples in ../shared/data, and a synthetic
Posts.xml large enough to show streaming. Baseline (same run): what the code without these
importers does with each file — the same import run with the code at ``--baseline`` (default: the
main checkout beside this worktree, or skipped when absent), format detected as a user would.

    .venv/bin/python bench/import_sources_bench.py [--posts 100000] [--baseline /path/to/old/checkout]

Prints a Markdown table: items, events, respondents, skipped, rejected, seconds; peak RSS of the
synthetic Posts.xml import (a child process per import so the figure is its own).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("TRIAGE_SHARED_DATA") or ROOT.parents[1] / "shared" / "data")
if not SHARED.is_dir():
    SHARED = Path("/work/shared/data")
SAMPLES = [
    ("Wenjuanxing .xls (codes)", "community-and-zh-survey-exports/wenjuanxing_800_800_2.xls"),
    ("Slack export folder", "community-and-zh-survey-exports/slack_export"),
    ("Stack Exchange Posts.xml (beer)", "community-and-zh-survey-exports/stackexchange_beer_Posts.xml"),
]


def _child(path: str, fmt: str | None, root: Path = ROOT) -> dict:
    """One import in a fresh process with the code at ``root``: counts, time and peak RSS."""
    code = f"""
import json, resource, sys, tempfile, time
sys.path.insert(0, {str(root)!r})
from pathlib import Path
from triage_app.domain import ImportFailure
from triage_app.importers.source import ImportOptions
from triage_app.services.importing import run_import
from triage_app.store import Workspace
try:  # what the triage-app entry point sets for its process (older code: the import did it)
    from triage_app.process import configure
    configure()
except ImportError:
    pass
path, fmt = {path!r}, {fmt!r}
with tempfile.TemporaryDirectory() as tmp:
    ws = Workspace(Path(tmp) / "b.triage")
    t = time.perf_counter()
    try:
        r = run_import(ws, path, ImportOptions(format=fmt))
        out = dict(format=r.format, items=r.added, respondents=r.respondents, rejected=r.rejected,
                   skipped=sum(getattr(r, "skipped", {{}}).values()), seconds=time.perf_counter() - t)
        out["events"] = ws.conn.execute("SELECT count(*) FROM events").fetchone()[0]
        out["votes"] = ws.conn.execute("SELECT count(*) FROM items WHERE json_extract(attributes, '$.votes') IS NOT NULL").fetchone()[0]
    except ImportFailure as exc:
        out = dict(format=fmt, error=exc.reason[:70], seconds=time.perf_counter() - t)
    ws.close()
out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ,
                          "HF_HUB_OFFLINE": "1"})
    if done.returncode:
        return {"format": fmt, "error": done.stderr.strip().splitlines()[-1][:70]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def synthetic_posts(path: Path, questions: int) -> None:
    """A Posts.xml with ``questions`` questions and two answers each (answers later in the file)."""
    rnd = random.Random(7)
    words = "sync export crash login search slow import plugin proxy cache timeout error dark mode".split()
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="utf-8"?>\n<posts>\n')
        next_id = questions + 1
        for q in range(1, questions + 1):
            body = " ".join(rnd.choice(words) for _ in range(40))
            fh.write(f'  <row Id="{q}" PostTypeId="1" AcceptedAnswerId="{next_id}" CreationDate="2020-01-01T00:00:00.000"'
                     f' Score="{rnd.randint(-2, 50)}" ViewCount="10" Body="&lt;p&gt;{body}&lt;/p&gt;" OwnerUserId="{q % 997}"'
                     f' Title="Question {q} about {rnd.choice(words)}" Tags="&lt;{rnd.choice(words)}&gt;" AnswerCount="2" />\n')
            next_id += 2
        next_id = questions + 1
        for q in range(1, questions + 1):
            for k in range(2):
                body = " ".join(rnd.choice(words) for _ in range(30))
                fh.write(f'  <row Id="{next_id}" PostTypeId="2" ParentId="{q}" CreationDate="2020-01-0{2 + k}T00:00:00.000"'
                         f' Score="1" Body="&lt;p&gt;{body}&lt;/p&gt;" OwnerUserId="{(q + k + 1) % 991}" />\n')
                next_id += 1
        fh.write("</posts>\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=100_000, help="questions in the synthetic Posts.xml")
    parser.add_argument("--baseline", type=Path, default=ROOT.parents[1] / "main",
                        help="a checkout of the code before these importers")
    args = parser.parse_args()
    baseline = args.baseline if (args.baseline / "triage_app").is_dir() else None
    print(f"load average at start: {os.getloadavg()[0]:.2f}\n")
    print("| file | importer | items | events | respondents | skipped | rejected | votes kept | s | baseline: code before, detected format |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    rows = [(label, str(SHARED / rel)) for label, rel in SAMPLES if (SHARED / rel).exists()]
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "synthetic" / "Posts.xml"
        big.parent.mkdir()
        synthetic_posts(big, args.posts)
        rows.append((f"synthetic Posts.xml ({args.posts:,} questions, {big.stat().st_size >> 20} MB)", str(big)))
        for label, path in rows:
            new = _child(path, None)
            target = str(Path(path) / "channels.json") if Path(path).is_dir() else path
            if baseline is None:
                base_text = "no baseline checkout"
            else:
                base = _child(target, None, baseline)
                base_text = base.get("error") or f"{base['format']}: {base['items']:,} items, {base['rejected']:,} rejected"
            if "error" in new:
                print(f"| {label} | - | {new['error']} | | | | | | | {base_text} |")
                continue
            print(f"| {label} | {new['format']} | {new['items']:,} | {new['events']:,} | {new['respondents']:,} |"
                  f" {new['skipped']:,} | {new['rejected']:,} | {new['votes']:,} | {new['seconds']:.2f}"
                  f" (RSS {new['rss_mb']:.0f} MB) | {base_text} |")
    print(f"\nload average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
