"""The CLI is a contract: run every command (text and --json, errors, every --help) on a copy of the
demo workspace with the code of a baseline commit and with this tree, IN THE SAME RUN, and compare
stdout, stderr and exit codes byte for byte (times, which differ between runs, are masked).

    PYTHONPATH=$PWD .venv/bin/python bench/cli_contract.py [--base e3c99e6] [--demo /tmp/demo.triage]

Prints a Markdown table for bench/RESULTS.md and every difference; exit code 1 when any differs.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# {ws}: a fresh copy of the demo workspace; {out}: an output path; {csv}: a small file to import;
# {leaf}/{top}: a theme without sub-themes and a top-level theme of the demo.
INVOCATIONS: list[list[str]] = [
    ["stats", "-w", "{ws}"], ["stats", "-w", "{ws}", "--json"], ["stats", "-w", "{dir}/missing.triage"],
    ["formats"], ["formats", "--json"],
    ["search", "crash", "-w", "{ws}"], ["search", "crash", "-w", "{ws}", "--json"],
    ["search", "\u95ea\u9000", "-w", "{ws}", "--json", "--limit", "5"],
    ["import", "{csv}", "-w", "{ws}"], ["import", "{csv}", "-w", "{ws}", "--json"],
    ["import", "{csv}", "{csv}", "-w", "{ws}", "--json", "--format", "generic", "--map", "text=comment"],
    ["import", "{csv}", "-w", "{ws}", "--map", "text"], ["import", "{csv}", "-w", "{ws}", "--format", "nope"],
    ["import", "{dir}/missing.csv", "-w", "{ws}", "--json"], ["import", "{dir}/missing.csv", "-w", "{ws}", "--lang", "zh"],
    ["export", "-w", "{ws}", "-o", "{out}.csv", "--json"], ["export", "-w", "{ws}", "-o", "{out}.csv", "--what", "themes"],
    ["export", "-w", "{ws}", "-o", "{out}.txt"],
    ["check", "-w", "{ws}"], ["check", "-w", "{ws}", "--json"], ["check", "-w", "{csv}"],
    ["metrics", "-w", "{ws}", "--as-of", "2026-01-01"], ["metrics", "-w", "{ws}", "--json", "--by", "month", "--as-of", "2026-01-01"],
    ["metrics", "-w", "{ws}", "--as-of", "yesterday"], ["metrics", "-w", "{ws}", "--theme", "99999"],
    ["metrics", "-w", "{ws}", "--segment", "plan", "--as-of", "2026-01-01"],
    ["status", "1", "resolved", "-w", "{ws}"], ["status", "t1", "planned", "-w", "{ws}", "--json", "--note", "n"],
    ["status", "1", "nonsense", "-w", "{ws}"],
    ["status-map", "-w", "{ws}"], ["status-map", "-w", "{ws}", "--json", "--set", "github:closed/not_planned=duplicate"],
    ["status-map", "-w", "{ws}", "--set", "bad"],
    ["priority", "-w", "{ws}"], ["priority", "-w", "{ws}", "--json", "--weight", "volume=2", "--scheme", "weighted"],
    ["priority", "-w", "{ws}", "--weight", "nope=1"], ["priority", "-w", "{ws}", "--rice", "x"],
    ["sentiment", "-w", "{ws}"], ["sentiment", "-w", "{ws}", "--json"],
    ["themes", "-w", "{ws}"], ["themes", "-w", "{ws}", "--json"], ["themes", "-w", "{ws}", "--all", "--json"],
    ["items", "-w", "{ws}", "--limit", "30"], ["items", "-w", "{ws}", "--jsonl", "--limit", "30"],
    ["items", "-w", "{ws}", "--jsonl", "--theme", "{top}", "--limit", "20"], ["items", "-w", "{ws}", "--theme", "99999"],
    ["items", "-w", "{ws}", "--unassigned", "--jsonl", "--limit", "20"],
    ["theme", "rename", "{top}", "Parcels", "-w", "{ws}"], ["theme", "rename", "{top}", "Parcels", "-w", "{ws}", "--json"],
    ["theme", "merge", "{leaf}", "--into", "{top}", "-w", "{ws}", "--json"],
    ["theme", "split", "{top}", "--parts", "2", "-w", "{ws}", "--json"],
    ["theme", "move", "1", "2", "--to", "{leaf}", "-w", "{ws}"], ["theme", "move", "1", "--to", "none", "-w", "{ws}", "--json"],
    ["theme", "move", "1", "--to", "x", "-w", "{ws}"],
    ["theme", "parent", "{leaf}", "--to", "none", "-w", "{ws}", "--json"], ["theme", "hide", "{top}", "-w", "{ws}", "--json"],
    ["undo", "-w", "{ws}"], ["undo", "-w", "{ws}", "--json"], ["redo", "-w", "{ws}", "--json"],
    ["tell", "-w", "{ws}", "--theme", "{top}"], ["tell", "-w", "{ws}", "--theme", "{top}", "--json", "--lang", "zh"],
    ["tell", "-w", "{ws}", "--items", "1,2,x"], ["tell", "-w", "{ws}"],
    ["brief", "-w", "{ws}", "-o", "{out}.pdf", "--json"], ["brief", "-w", "{ws}", "-o", "{out}.doc"],
    ["brief", "-w", "{ws}", "-o", "{out}.pdf", "--period", "2025-13-01..2025-14-01"],
    ["analyze", "-w", "{ws}", "--address", "x"],
    ["analyze", "-w", "{ws}", "--model", "static", "--json"],
    ["demo", "-w", "{ws}"],
    ["--no-such-command"], ["stats"],
]

# Runs in the tree under test (PYTHONPATH): every invocation in-process through click's test runner.
_RUNNER = r'''
import json, re, shutil, sys
from pathlib import Path
import click
from click.testing import CliRunner
from triage_app.cli import cli

demo, work, csv, invocations = sys.argv[1], Path(sys.argv[2]), sys.argv[3], json.loads(sys.argv[4])
ws = work / "w.triage"

def fresh():
    for p in work.iterdir():
        if p.name.startswith(("w.triage", "out")):
            shutil.rmtree(p) if p.is_dir() else p.unlink()
    shutil.copy(demo, ws)

fresh()
listed = json.loads(CliRunner().invoke(cli, ["themes", "-w", str(ws), "--json"]).output)
top = next(t["id"] for t in listed if t["parent_id"] is None and t["children"])
leaf = next(t["id"] for t in listed if not t["children"] and t["parent_id"] is not None)
values = {"{ws}": str(ws), "{out}": str(work / "out"), "{csv}": csv, "{dir}": str(work), "{top}": str(top),
          "{leaf}": str(leaf)}

def commands(group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,)
        if isinstance(command, click.Group):
            yield from commands(command, prefix + (name,))

results = []
for argv in invocations + [list(c) + ["--help"] for c in commands(cli)] + [["--help"]]:
    fresh()
    args = []
    for a in argv:
        for k, v in values.items():
            a = a.replace(k, v)
        args.append(a)
    r = CliRunner().invoke(cli, args)
    results.append({"argv": argv, "exit": r.exit_code, "stdout": r.stdout, "stderr": r.stderr,
                    "exception": None if r.exception is None or isinstance(r.exception, SystemExit)
                    else type(r.exception).__name__})
print(json.dumps(results, ensure_ascii=False))
'''

_TIMES = [
    (r'("seconds": )[0-9.e+-]+', r"\1X"), (r'"seconds": \{[^}]*\}', '"seconds": X'),
    (r"\(\d+(\.\d+)? s\)", "(X s)"), (r"^seconds: .*$", "seconds: X"), (r"ready in [0-9.]+ s", "ready in X s"),
    (r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?", "TIME"),  # when a change was recorded
    (r'("(started_at|finished_at|changed_at|created|generated_at)": )"[^"]*"', r'\1"X"'),
]


def _masked(text: str) -> str:
    import re

    for pattern, repl in _TIMES:
        text = re.sub(pattern, repl, text, flags=re.M)
    return text


def _run(tree: Path, demo: Path, work: Path, csv: Path) -> list[dict]:
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(tree), QT_QPA_PLATFORM="offscreen", HF_HUB_OFFLINE="1", TRIAGE_LANG="en")
    out = subprocess.run([sys.executable, "-c", _RUNNER, str(demo), str(work), str(csv), json.dumps(INVOCATIONS)],
                         env=env, cwd=work, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default="e3c99e6", help="baseline commit (default: before the cli/ package)")
    parser.add_argument("--demo", type=Path, help="an analysed demo workspace (built when omitted)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cli-contract-") as tmp_name:
        tmp = Path(tmp_name)
        demo = args.demo
        if demo is None:
            demo = tmp / "demo.triage"
            subprocess.run([sys.executable, "-m", "triage_app", "demo", "-w", str(demo)], check=True,
                           env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True)
        base_tree = tmp / "base"
        base_tree.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.base, "triage_app", "analysis", "resources"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base_tree)], input=archive, check=True)
        csv = tmp / "small.csv"
        csv.write_text("id,created,comment\n1,2025-05-02,the app crashes on start\n2,2025-05-03,\n"
                       "3,2025-05-04,\u5feb\u9012\u592a\u6162\u4e86\n", encoding="utf-8")
        # the same work path for both trees, so paths in the output agree
        before = _run(base_tree, demo, tmp / "work", csv)
        after = _run(ROOT, demo, tmp / "work", csv)
    differ = []
    for b, a in zip(before, after):
        if b["argv"] != a["argv"]:
            differ.append((b["argv"], "the command list differs", "", ""))
            continue
        for key in ("exit", "stdout", "stderr", "exception"):
            bv, av = b[key], a[key]
            if isinstance(bv, str):
                bv, av = _masked(bv), _masked(av)
            if bv != av:
                differ.append((b["argv"], key, bv, av))
    if len(before) != len(after):
        differ.append((["(commands)"], "count", len(before), len(after)))
    helps = sum(1 for r in after if r["argv"][-1] == "--help")
    print(f"| CLI contract vs {args.base} | invocations | of them --help | identical | differ |")
    print("|---|---:|---:|---:|---:|")
    print(f"| stdout, stderr, exit code (times masked) | {len(after)} | {helps} | "
          f"{len(after) - len({' '.join(d[0]) for d in differ})} | {len({' '.join(d[0]) for d in differ})} |")
    for argv, key, bv, av in differ:
        print(f"\n### {' '.join(argv)}: {key}\n--- {args.base}\n{str(bv)[:1500]}\n--- this tree\n{str(av)[:1500]}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
