"""UI freeze probe (issue 17): the longest time the window's event loop could not answer, while the
app imports (a CSV and an XLSX), analyses, edits themes, opens a large workspace, draws the dashboard
and exports (CSV and PDF).

    .venv/bin/python bench/freeze_bench.py [--rows 100000] [--analysis-rows 20000] [--baseline /work/main]

A QTimer pings the event loop every 50 ms; a stall is the gap between two pings minus 50 ms (what a
user feels as a frozen window). Each case runs in a fresh offscreen process, once with this tree's
code and once with the baseline tree's (same workspaces, same run), so the table compares them
directly. Goal: no stall over 250 ms. Timings depend on the machine's load: the load average is
printed with the table.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

CASES = ("open", "dashboard", "theme_edit", "move_items", "theme_small_edits", "import", "import_xlsx", "analysis",
         "export_items", "export_briefing")

CHILD = r'''
import json, os, sys, time
from pathlib import Path
case, ws_path, extra = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QDialog
app = QApplication([])
import ui.app
if hasattr(ui.app, "_preload_in_background"):  # as the app's main() does, in the trees that have it
    ui.app._preload_in_background()
from ui.main_window import MainWindow

gaps, last = [], [None]
def ping():
    now = time.perf_counter()
    if last[0] is not None:
        gaps.append(now - last[0] - 0.05)
    last[0] = now
timer = QTimer(); timer.setInterval(50); timer.timeout.connect(ping)

samples, stall_log = None, []
if os.environ.get("FREEZE_PROFILE"):  # --profile: sample the UI thread's stack while it does not answer
    import collections, threading, traceback
    samples, main_id = collections.Counter(), threading.main_thread().ident

    def sampler():
        while True:
            time.sleep(0.01)
            since = last[0]
            if since is not None and time.perf_counter() - since > 0.12:
                me = threading.get_ident()
                for ident, frame in sys._current_frames().items():  # the UI thread, and what the others do
                    if ident == me:
                        continue
                    stack = traceback.extract_stack(frame)[-14 if ident == main_id else -4:]
                    samples[("UI" if ident == main_id else "other",) + tuple(
                        f"{Path(f.filename).parent.name}/{Path(f.filename).name}:{f.lineno} {f.name}"
                        for f in stack)] += 1
    threading.Thread(target=sampler, daemon=True).start()

def busy(window):
    from superqt.utils._qthreading import WorkerBase  # every started worker, until its thread ends
    if hasattr(window, "jobs"):  # the trees with a job runner (session 6)
        return window.jobs.active or bool(WorkerBase._worker_set)
    owners = [window, window.dashboard, window.feedback, window.themes] + list(window.findChildren(QDialog))
    return any(o.__dict__.get("_running_workers") for o in owners) or window.__dict__.get("_analysis_running")

def analysing(window):
    if hasattr(window, "jobs"):
        return window.jobs.running("analysis") is not None
    return window.__dict__.get("_analysis_running")

def spin(until, timeout=900):
    end = time.monotonic() + timeout
    while time.monotonic() < end and not until():
        app.processEvents()
        time.sleep(0.002)

def settle(window, extra_s=0.5):
    spin(lambda: not busy(window))
    end = time.monotonic() + extra_s
    spin(lambda: time.monotonic() > end)

QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
QMessageBox.information = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Ok)
window = MainWindow()
window.resize(1300, 850)
window.show()
app.processEvents()
if case != "open":
    window.open_workspace(ws_path)
    settle(window, 1.0)
    if case == "dashboard" or case == "export_briefing":
        pass
timer.start(); ping()
started = time.perf_counter()
if case == "open":
    window.open_workspace(ws_path)
    spin(lambda: window.feedback.model.rowCount() > 0)
    settle(window)
elif case == "dashboard":
    window.tabs.setCurrentWidget(window.dashboard)
    spin(lambda: len(window.dashboard._canvases) > 0, 300)
    settle(window)
elif case == "theme_edit":
    window.tabs.setCurrentIndex(1)
    spin(lambda: window.themes.model.rowCount() >= 2)
    settle(window)
    window.themes.select_index(window.themes.model.index(0, 0))  # the board is a tree since session 3
    sm = window.themes.table.selectionModel()
    sm.select(window.themes.model.index(1, 0), sm.SelectionFlag.Select | sm.SelectionFlag.Rows)
    window.edit_themes("merge")
    settle(window)
    window.undo()
    settle(window)
elif case == "move_items":  # Move to Theme with 10,000 items chosen, through the window's own path
    from ui import theme_actions
    from ui.theme_messages import ThemePicker
    from triage_app.store import themes as tq
    window.tabs.setCurrentIndex(1)
    spin(lambda: window.themes.model.rowCount() >= 2)
    settle(window)
    themes = window.themes.model.themes
    ids = tq.theme_member_ids(window.ws.conn, themes[0].id)[:10000]
    ThemePicker.exec = lambda self: 1
    ThemePicker.chosen = lambda self: themes[1].id
    theme_actions.move_items(window, ids)
    settle(window)
elif case == "theme_small_edits":  # rename, hide, status of a theme, then undo all three
    from PySide6.QtWidgets import QInputDialog
    from ui.status_dialog import StatusDialog
    window.tabs.setCurrentIndex(1)
    spin(lambda: window.themes.model.rowCount() >= 2)
    settle(window)
    QInputDialog.getText = staticmethod(lambda *a, **k: ("Renamed theme", True))
    StatusDialog.exec = lambda self: 1
    StatusDialog.values = lambda self: ("planned", "bench")
    for action in ("rename", "status", "hide"):
        window.themes.select_index(window.themes.model.index(0, 0))
        window.edit_themes(action)
        settle(window)
    for _ in range(3):
        window.undo()
        settle(window)
elif case in ("import", "import_xlsx"):  # a CSV, or the same rows as an Excel workbook
    wizard = window.show_import_wizard([extra])
    spin(lambda: wizard.isVisible())
    wizard.next()  # files -> preview (reads the file)
    settle(window, 0.3)
    wizard.next()  # Import
    spin(lambda: bool(getattr(wizard.progress_page, "finished", False)), 900)
    settle(window)
    wizard.accept()
    settle(window, 1.0)
elif case == "analysis":
    window.run_analysis()
    spin(lambda: not analysing(window), 1800)
    settle(window, 2.0)
elif case == "export_items":
    out = Path(extra) / "items.csv"
    QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(out), "CSV (*.csv)"))
    window.export_items()
    spin(lambda: out.exists() and not busy(window), 600)
    settle(window)
elif case == "export_briefing":
    out = Path(extra) / "brief.pdf"
    QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(out), "PDF document (*.pdf)"))
    window.export_briefing()
    spin(lambda: out.exists() and not busy(window), 900)
    settle(window)
timer.stop()
gaps = [max(0.0, g) for g in gaps]
if samples is not None:
    for stack, count in samples.most_common(20):
        print(f"PROFILE {count} samples (~{count * 10} ms):\n    " + "\n    ".join(stack), flush=True)
print("RESULT " + json.dumps({"case": case, "max_stall_ms": round(1000 * max(gaps or [0]), 0),
                              "stalls_over_250": sum(g > 0.25 for g in gaps),
                              "seconds": round(time.perf_counter() - started, 1)}), flush=True)
window.close()
'''


def make_themed_workspace(folder: Path, rows: int) -> Path:
    """``rows`` survey items in 40 themes (assigned round-robin, as a stand-in for an analysis)."""
    from ui_bench import make_workspace

    from triage_app.store import Workspace
    from triage_app.store import themes as tq
    from triage_app.store.queries import transaction

    path = folder / f"freeze-{rows}.triage"
    if path.exists():
        return path
    base = make_workspace(folder, rows)
    path.write_bytes(base.read_bytes())
    with Workspace(path) as ws:
        ids = [r[0] for r in ws.conn.execute("SELECT id FROM items ORDER BY id")]
        with transaction(ws.conn):
            run = tq.create_run(ws.conn, "bench", 1, {})
            themes = [tq.insert_theme(ws.conn, label=f"Theme {k}", keywords=["bench", str(k)], quotes=ids[k:k + 3],
                                      created_run_id=run, updated_run_id=run) for k in range(40)]
            tq.set_assignments(ws.conn, ((i, themes[n % 40], 0.8, "model", run) for n, i in enumerate(ids)))
            tq.refresh_sizes(ws.conn)
            tq.finish_run(ws.conn, run, {})
    return path


def small_xlsx(csv_path: Path) -> Path:
    """The import CSV's rows as an .xlsx workbook (openpyxl, write-only), made once."""
    import csv

    from openpyxl import Workbook

    path = csv_path.with_suffix(".xlsx")
    if not path.exists():
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Responses")
        with open(csv_path, encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                sheet.append(row)
        book.save(path)
    return path


def run_case(tree: Path, case: str, ws: Path, extra: str, profile: bool = False) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HF_HUB_OFFLINE="1", PYTHONPATH=str(tree),
               XDG_CONFIG_HOME=tempfile.mkdtemp(), XDG_DATA_HOME=tempfile.mkdtemp())
    if profile:
        env["FREEZE_PROFILE"] = "1"
    proc = subprocess.run([sys.executable, "-c", CHILD, case, str(ws), extra], env=env, cwd=tree,
                          capture_output=True, text=True, timeout=3600)
    if profile:
        print("\n".join(line for line in proc.stdout.splitlines() if not line.startswith("RESULT ")), file=sys.stderr)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    return {"case": case, "error": (proc.stderr.strip().splitlines() or ["no result"])[-1][:120]}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--analysis-rows", type=int, default=20_000)
    ap.add_argument("--baseline", default="/work/main", help="tree whose code is the baseline")
    ap.add_argument("--folder", default=str(Path(tempfile.gettempdir()) / "triage-freeze-bench"))
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--profile", action="store_true",
                    help="print the UI thread's most frequent stacks while it did not answer (this tree only)")
    ap.add_argument("--only-this", action="store_true", help="skip the baseline (for profiling)")
    args = ap.parse_args()
    folder = Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)
    big = make_themed_workspace(folder, args.rows)
    from import_bench import generate

    small_csv = folder / f"import-{args.analysis_rows}.csv"
    if not small_csv.exists():
        generate(small_csv, args.analysis_rows, seed=11)
    load = os.getloadavg()
    rows = []
    for case in args.cases.split(","):
        results = {}
        trees = (("baseline", Path(args.baseline)), ("this tree", ROOT))
        for name, tree in trees[1:] if args.only_this else trees:
            scratch = Path(tempfile.mkdtemp(dir=folder))
            if case in ("import", "import_xlsx", "analysis"):
                ws = scratch / "w.triage"
                if case == "analysis":
                    from triage_app.services.importing import run_import
                    from triage_app.store import Workspace

                    from triage_app.services.analysis import MODEL_KEY
                    from triage_app.store import meta

                    with Workspace(ws) as w:
                        run_import(w, small_csv)
                        meta.set_text(w.conn, MODEL_KEY, "static")  # the quick model, chosen as a user would
                else:
                    from triage_app.store import Workspace

                    Workspace(ws).close()
            else:
                ws = scratch / big.name
                ws.write_bytes(big.read_bytes())  # edits must not change the next run's workspace
            extra = str(small_csv) if case == "import" else str(small_xlsx(small_csv)) if case == "import_xlsx" \
                else str(scratch)
            results[name] = run_case(tree, case, ws, extra, args.profile and name == "this tree")
            shutil.rmtree(scratch, ignore_errors=True)  # a copy of the large workspace a case
            print(f"{case:16} {name:10} {results[name]}", file=sys.stderr, flush=True)
        rows.append((case, results))
    print(f"\nload average at start: {load[0]:.2f}, {load[1]:.2f}, {load[2]:.2f} · {args.rows:,} items "
          f"({args.analysis_rows:,} for import and analysis)\n")
    print("| case | baseline longest stall | this tree longest stall | stalls > 250 ms (baseline → this) |")
    print("|---|---:|---:|---:|")
    for case, r in rows:
        b, t = r.get("baseline", {"error": "skipped"}), r["this tree"]

        def cell(x):
            return f"{x['max_stall_ms']:,.0f} ms" if "max_stall_ms" in x else f"error: {x.get('error')}"

        print(f"| {case} | {cell(b)} | {cell(t)} | {b.get('stalls_over_250', '–')} → {t.get('stalls_over_250', '–')} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
