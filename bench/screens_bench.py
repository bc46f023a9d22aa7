"""What the theme board and the Feedback detail cost on the UI thread and in the board's worker, on a real
workspace: render every theme's detail (its quotes), load the board, render the detail of the longest items
(Markdown issue bodies). Run for this tree and, with --base, for another tree in the same run (a subprocess with
that tree first on sys.path):

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. .venv/bin/python bench/screens_bench.py WORKSPACE [--base /tmp/base_main12]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path


def measure(workspace: str, longest: int = 200) -> dict:
    from PySide6.QtWidgets import QApplication

    from triage_app.services.theme_board import load_board
    from triage_app.services.theme_summaries import as_tree
    from triage_app.store import Workspace, queries
    from ui.feedback_view import render_item
    from ui.themes_view import render_loved, render_theme

    QApplication.instance() or QApplication([])
    with Workspace(Path(workspace)) as ws:
        conn = ws.conn
        load_board(conn)  # warm: imports, caches
        start = time.process_time()
        board = load_board(conn)
        board_s = time.process_time() - start
        pairs = as_tree(board["themes"])
        start = time.process_time()
        for top, subs in pairs:
            for theme in (top, *subs):
                render_theme(theme, board["quote_items"].get(theme.id, []), subs if theme is top else [])
        render_loved(board.get("loved", []), board.get("loved_total", 0))
        themes_s = time.process_time() - start
        ids = [i for (i,) in conn.execute("SELECT id FROM items ORDER BY length(text) DESC LIMIT ?", (longest,))]
        times = []
        for item_id in ids:
            item = queries.get_item(conn, item_id)
            start = time.process_time()
            render_item(item)
            times.append(time.process_time() - start)
    return {"themes": sum(len(s) + 1 for _, s in pairs), "load_board_cpu_s": round(board_s, 3),
            "render_all_theme_details_cpu_ms": round(themes_s * 1000, 1),
            "render_item_longest_mean_ms": round(1000 * sum(times) / max(1, len(times)), 2),
            "render_item_longest_max_ms": round(1000 * max(times, default=0), 2), "items": len(times)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("workspace")
    parser.add_argument("--base", help="another source tree, measured in a subprocess in the same run")
    parser.add_argument("--json", action="store_true", help="print this tree's figures as JSON only")
    args = parser.parse_args()
    if args.json:
        print(json.dumps(measure(args.workspace)))
        return
    rows = {"this tree": measure(args.workspace)}
    if args.base:
        env = dict(os.environ, PYTHONPATH=args.base)
        out = subprocess.run([sys.executable, str(Path(__file__).resolve()), args.workspace, "--json"], env=env,
                             cwd=args.base, capture_output=True, text=True, check=True)
        rows["base"] = json.loads(out.stdout.strip().splitlines()[-1])
    keys = list(rows["this tree"])
    print("| tree | " + " | ".join(keys) + " |")
    print("|---" * (len(keys) + 1) + "|")
    for name, row in rows.items():
        print(f"| {name} | " + " | ".join(str(row[k]) for k in keys) + " |")


if __name__ == "__main__":
    main()
