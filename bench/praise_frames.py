"""Does a parent's praise frame agree with the priority? This code against a baseline checkout, same run.

    PYTHONPATH=. .venv/bin/python bench/praise_frames.py --base-root /tmp/base_main10 [--sets app-reviews waimai]

Each set (bench/label_report.py's sample writer, default --max 20000: whole) is imported and analysed with
the CLI of each side in its own temporary workspace (the two sides run one after the other). For every
top-level theme with sub-themes: is its label framed as praise ("Praise for X" / "X好评", ``parent_labels.own_mood``
> 0) while the priority does not list it as mostly praise, or framed as complaints while it does? Also how many
labels (both levels) differ between the sides. Prints a Markdown table.
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
sys.path.insert(0, str(ROOT))
PY = sys.executable


def _cli(root: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(root), "HF_HUB_OFFLINE": "1"}
    out = subprocess.run([PY, "-m", "triage_app", *args], cwd=root, env=env, text=True, capture_output=True)
    if out.returncode:
        raise SystemExit(out.stderr[-2000:])
    return out.stdout


def side(root: Path, name: str, folder: Path, n: int) -> list[dict]:
    from label_report import write_sample

    path, mapping = write_sample(name, folder, n, 42)
    ws = folder / f"{root.name}.triage"
    _cli(root, "import", str(path), "-w", str(ws), *[a for k, v in mapping.items() for a in ("--map", f"{k}={v}")])
    _cli(root, "analyze", "-w", str(ws))
    return json.loads(_cli(root, "themes", "-w", str(ws), "--json"))


def frames(themes: list[dict]) -> tuple[int, int, int]:
    """(parents, framed as praise but to fix, framed as complaints but mostly praise)."""
    from analysis.parent_labels import own_mood
    from analysis.priority import mostly_praise

    parents = [t for t in themes if t["parent_id"] is None and t["children"]]
    wrong_praise = sum(own_mood(t["label"]) > 0 and not mostly_praise(t["praise_share"]) for t in parents)
    wrong_complaint = sum(own_mood(t["label"]) < 0 and mostly_praise(t["praise_share"]) for t in parents)
    return len(parents), wrong_praise, wrong_complaint


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base-root", type=Path, required=True)
    ap.add_argument("--sets", nargs="+", default=["app-reviews", "waimai"])
    ap.add_argument("--max", type=int, default=20000)
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    print("| set | side | parents | praise frame, to fix | complaint frame, mostly praise | labels differing |")
    print("|---|---|---|---|---|---|")
    for name in args.sets:
        with tempfile.TemporaryDirectory(prefix="frames-") as tmp:
            got = {label: side(root, name, Path(tmp), args.max) for label, root in
                   (("this", ROOT), ("base", args.base_root.resolve()))}
        labels = {k: {(t["parent_id"] is None, t["label"]) for t in v} for k, v in got.items()}
        differ = len(labels["this"] ^ labels["base"])
        for label, themes in got.items():
            n, wp, wc = frames(themes)
            print(f"| {name} | {label} | {n} | {wp} | {wc} | {differ} |")


if __name__ == "__main__":
    main()
