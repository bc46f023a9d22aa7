"""Same input, same seed, same results: a full analysis with this code and with a baseline checkout,
each on its own copy of the same workspace, compared byte for byte.

    .venv/bin/python bench/same_results.py --baseline-root /tmp/base_main8 \
        [--sets bench-20000,nlbse24,waimai] [--reps 2] [--dir /tmp/same-results]

Sets: ``bench-N`` is ``theme_bench.py``'s workspace (``--source``/bench-N.triage, vectors cached);
``nlbse24`` (3,000 GitHub issues, a CSV), ``hf-zip`` (3,019 issues of huggingface/datasets, the GitHub REST
zip), ``waimai`` (10,000 Chinese delivery reviews) and ``waimai-N`` (a seeded sample of N) are imported from
../shared/data and
analysed once with this code first, so that both sides start warm (vectors cached, themes of an earlier
run to match). Each side then runs ``triage-app analyze --mode full`` in a fresh process (alternating,
``--reps`` times, each on its own copy) and prints ``triage-app themes --json`` and ``items --jsonl``
with its own code (kept in ``--dir``), and every item's stored sentiment and type; the outputs of the two sides' n-th
runs must be identical. ``--rescore``: the stored sentiments and types are dropped before each run, so both sides
score every item; ``--model``: the timed runs embed with another model (``static``: the sentiment stage then
embeds the cleaned texts with the heads' model itself). Prints a Markdown table
with the CPU seconds of each analysis (children's user + system time) and the load average (1-min).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
DATA = Path(os.environ.get("TRIAGE_SHARED_DATA") or next(
    (p / "shared" / "data" for p in ROOT.parents if (p / "shared" / "data").exists()), ROOT.parent / "shared" / "data"))
#: Real sets: files and column mapping for ``triage-app import``.
REAL = {
    "nlbse24": ([DATA / "nlbse24-github-issues" / "issues_train.csv", DATA / "nlbse24-github-issues" / "issues_test.csv"],
                ["--map", "text=body", "--map", "title=title", "--map", "created_at=created_at"]),
    "waimai": ([DATA / "zh-waimai-10k" / "waimai_10k.csv"], ["--map", "text=review"]),
    "hf-zip": ([DATA / "github-issues-hf-datasets" / "datasets-issues.zip"], []),  # GitHub REST export: github rules
}
#: ``waimai-N``: a seeded sample of N waimai reviews (``--dir``/waimai-N.csv; the sample is scratch output).
SAMPLED = {"waimai": (DATA / "zh-waimai-10k" / "waimai_10k.csv", "review")}


def load() -> float:
    return round(os.getloadavg()[0], 1)


def cli(root: Path, *args: str) -> tuple[str, float]:
    """``triage-app ARGS`` with ``root``'s code in a fresh process: (stdout, its CPU seconds)."""
    env = {**os.environ, "PYTHONPATH": str(root), "HF_HUB_OFFLINE": "1"}
    c0 = os.times()
    out = subprocess.run([PY, "-m", "triage_app", *args], cwd=root, env=env, capture_output=True, text=True)
    c1 = os.times()
    if out.returncode != 0:
        raise SystemExit(f"{root}: triage-app {' '.join(args)} failed\n{out.stderr[-3000:]}")
    return out.stdout, c1.children_user + c1.children_system - c0.children_user - c0.children_system


def source(name: str, args, ours: Path) -> Path:
    """The workspace both sides copy: theme_bench's, or a real set imported and analysed once."""
    if name.startswith("bench-"):
        return args.source / f"{name}.triage"
    path = args.dir / f"src-{name}.triage"
    if not path.exists():
        files, mapping = REAL[name] if name in REAL else sample(name, args)
        cli(ours, "import", *map(str, files), "-w", str(path), *mapping)
        cli(ours, "analyze", "-w", str(path), "--mode", "full", "--seed", str(args.seed))
    return path


def sample(name: str, args) -> tuple[list[Path], list[str]]:
    """``SAMPLED`` set ``name``-N: N rows drawn with ``--seed``, written under ``--dir``."""
    import random

    base, n = name.rsplit("-", 1)
    src, column = SAMPLED[base]
    with open(src, encoding="utf-8", newline="") as fh:
        rows = [r[column] for r in csv.DictReader(fh)]
    path = args.dir / f"{name}.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([column])
        writer.writerows([r] for r in random.Random(args.seed).sample(rows, min(int(n), len(rows))))
    return [path], ["--map", f"text={column}"]


def sentiment_rows(path: Path) -> str:
    """Every item's stored sentiment and type (score, label, method, type, confidence), one line each."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT item_id, score, label, method, feedback_type, type_score, type_method"
                            " FROM item_sentiment ORDER BY item_id").fetchall()
    finally:
        conn.close()
    return "\n".join(map(repr, rows))


def rescore(path: Path) -> None:
    """Forget every stored sentiment and type, so that the analysis scores all items again."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        with conn:
            conn.execute("DELETE FROM item_sentiment")
    finally:
        conn.close()


def first_difference(a: str, b: str) -> str:
    for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines())):
        if x != y:
            return f"line {i + 1}: {x[:200]!r} vs {y[:200]!r}"
    return f"lengths {len(a)} vs {len(b)}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline-root", type=Path, required=True)
    ap.add_argument("--ours-root", type=Path, default=ROOT)
    ap.add_argument("--sets", default="bench-20000,nlbse24")
    ap.add_argument("--source", type=Path, default=Path("/tmp/theme-bench"))
    ap.add_argument("--reps", type=int, default=1)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/same-results"))
    ap.add_argument("--rescore", action="store_true", help="score every item's sentiment and type again in each run")
    ap.add_argument("--model", default=None, help="embedding model of the timed runs (default: the workspace's)")
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    sides = {"baseline": args.baseline_root.resolve(), "ours": args.ours_root.resolve()}
    csv.field_size_limit(10**9)
    lines = ["| set | run | baseline CPU s | this code CPU s | themes --json | items --jsonl | sentiment and type "
             "| themes | load (1-min) |", "|---|---|---|---|---|---|---|---|---|"]
    failed = False
    for name in args.sets.split(","):
        src = source(name, args, sides["ours"])
        ws = {}
        for side, root in sides.items():
            ws[side] = args.dir / f"{side}-{name}.triage"
            for old in args.dir.glob(f"{side}-{name}.triage*"):
                old.unlink()
            shutil.copyfile(src, ws[side])
            cli(root, "stats", "-w", str(ws[side]))  # schema upgrade before the timed runs
        cpu: dict[str, list[float]] = {side: [] for side in sides}
        for rep in range(args.reps):
            outputs, loads = {}, []
            for side, root in sides.items():
                if args.rescore:
                    rescore(ws[side])
                loads.append(load())
                model = ["--model", args.model] if args.model else []
                summary, seconds = cli(root, "analyze", "-w", str(ws[side]), "--mode", "full", "--seed",
                                       str(args.seed), "--json", *model)
                cpu[side].append(seconds)
                outputs[side] = (cli(root, "themes", "-w", str(ws[side]), "--json")[0],
                                 cli(root, "items", "-w", str(ws[side]), "--jsonl")[0], sentiment_rows(ws[side]),
                                 json.loads(summary))
                for text, ext in zip(outputs[side][:3], ("themes.json", "items.jsonl", "sentiment.txt")):
                    (args.dir / f"{side}-{name}-{rep + 1}.{ext}").write_text(text, encoding="utf-8")
                loads.append(load())
            same = [outputs["baseline"][i] == outputs["ours"][i] for i in (0, 1, 2)]
            failed |= not all(same)
            verdict = ["identical" if s else "DIFFERENT: " + first_difference(outputs["baseline"][i], outputs["ours"][i])
                       for i, s in enumerate(same)]
            themes = outputs["ours"][3]
            lines.append(f"| {name} | {rep + 1} | {cpu['baseline'][-1]:.1f} | **{cpu['ours'][-1]:.1f}** | {verdict[0]} | "
                         f"{verdict[1]} | {verdict[2]} | {themes['top_themes']} top / {themes['themes']} | "
                         f"{' '.join(map(str, loads))} |")
            print(lines[-1], flush=True)
        if args.reps > 1:
            med = {side: statistics.median(v) for side, v in cpu.items()}
            lines.append(f"| {name} | median | {med['baseline']:.1f} | **{med['ours']:.1f}** "
                         f"({med['ours'] - med['baseline']:+.1f}) | | | | | |")
    print("\n".join(lines))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
