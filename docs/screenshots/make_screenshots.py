"""Screenshots of every screen on the demo workspace, in English and Chinese; and the dashboard of a
short-span workspace (nine days: drawn by day) and of an undated one (no trends: a one-line note),
both made from the demo's survey, the theme tree (a top-level theme opened) and the "Tell people"
dialog of a resolved theme.

    xvfb-run -a .venv/bin/python docs/screenshots/make_screenshots.py [--lang en|zh|both]

Runs the real window (use Xvfb on a machine without a display) and saves PNGs next to this file.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))


def _settle(app, ms=600) -> None:
    import time

    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        app.processEvents()


def _wait(app, condition, timeout_ms=180_000) -> None:
    import time

    end = time.monotonic() + timeout_ms / 1000
    while not condition() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def survey_workspaces(folder: Path, as_of) -> dict[str, Path]:
    """Two workspaces from the demo's survey (generated, no real data): "short" = its answers moved
    into the last nine days (Google Forms, dated), "undated" = the same answers without the
    Timestamp column. Both are analysed."""
    import csv
    import io
    from datetime import datetime

    from triage_app.importers.source import ImportOptions
    from triage_app.services.analysis import run_analysis
    from triage_app.services.importing import run_import
    from triage_app.store import Workspace

    survey = next((folder / "exports").glob("*survey*.csv"))
    rows = list(csv.reader(io.StringIO(survey.read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    stamp = header.index("Timestamp")
    naive = as_of.replace(tzinfo=None)
    short_rows = []
    for row in body:
        when = datetime.strptime(row[stamp], "%m/%d/%Y %H:%M:%S")
        squeezed = naive - (naive - when) * (9 / 180)  # six months of answers into nine days
        short_rows.append(row[:stamp] + [squeezed.strftime("%m/%d/%Y %H:%M:%S")] + row[stamp + 1:])
    out = {}
    for name, table in (("short", [header] + short_rows),
                        ("undated", [[c for k, c in enumerate(r) if k != stamp] for r in [header] + body])):
        source = folder / f"{name}-survey.csv"
        with open(source, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(table)
        path = folder / f"{name}.triage"
        with Workspace(path) as ws:
            text = "What is the main reason for your score?"
            run_import(ws, source, ImportOptions() if name == "short" else ImportOptions(mapping={"text": text}))
            run_analysis(ws)
        out[name] = path
    return out


def shoot_more(lang: str, workspace: Path, extra: dict[str, Path]) -> list[Path]:
    """The dashboards of the short-span and the undated workspace, the theme tree with a top-level
    theme opened, and "Tell people" for a resolved theme of the demo."""
    from PySide6.QtWidgets import QApplication

    from triage_app.services.status import set_status
    from triage_app.store import Workspace
    from ui.main_window import MainWindow

    app = QApplication.instance()
    saved = []
    for name, path in extra.items():
        window = MainWindow(path)
        window.resize(1400, 860)
        window.show()
        window.tabs.setCurrentWidget(window.dashboard)
        _wait(app, lambda: bool(window.dashboard._canvases or window.dashboard.notices))
        _settle(app, 1500)
        out = HERE / f"dashboard-{name}-{lang}.png"
        window.grab().save(str(out))
        saved.append(out)
        window.close()
    window = MainWindow(workspace)
    window.resize(1400, 860)
    window.show()
    board = window.themes
    window.tabs.setCurrentWidget(board)
    _wait(app, lambda: board.model.rowCount() > 0)
    board.table.expand(board.model.index(0, 0))
    board.select_row(1)  # the first sub-theme of the first top-level theme
    _settle(app, 1500)
    out = HERE / f"theme-tree-{lang}.png"
    window.grab().save(str(out))
    saved.append(out)
    top = board.model.tops[0]
    with Workspace(workspace) as ws:
        if top.status != "resolved":
            set_status(ws.conn, f"theme:{top.id}", "resolved", note="Fixed in version 3.5 (shipped last week)."
                       if lang == "en" else "已在 3.5 版修复（上周发布）。")
    dialog = window.tell_people(theme_id=top.id)
    _wait(app, lambda: dialog.draft is not None)
    if lang == "zh":  # the update in Chinese (the theme's feedback is mostly English)
        dialog.language.setCurrentIndex(dialog.language.findData("zh"))
        _wait(app, lambda: dialog.draft is not None and dialog.draft.lang == "zh")
    _settle(app, 1000)
    out = HERE / f"tell-people-{lang}.png"
    dialog.grab().save(str(out))
    saved.append(out)
    dialog.reject()
    window.close()
    return saved


def shoot(lang: str, workspace: Path) -> list[Path]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ui import app as app_module
    from ui.main_window import APP, ORG, MainWindow

    app = QApplication.instance() or QApplication([])
    settings = QSettings(ORG, APP)  # in the temporary XDG_CONFIG_HOME main() sets: the user's are untouched
    settings.setValue("ui/language", "zh_CN" if lang == "zh" else "en_US")
    settings.sync()
    app_module._install_translation(app, settings)
    window = MainWindow(workspace)
    window.resize(1400, 860)
    window.show()
    saved = []

    def settle(ms=600):
        end = __import__("time").monotonic() + ms / 1000
        while __import__("time").monotonic() < end:
            app.processEvents()

    settle(1500)
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        if index == 2:  # the dashboard gathers its figures when first shown (a fixed wait caught it empty)
            _wait(app, lambda: bool(window.dashboard._canvases or window.dashboard.notices), 180_000)
        settle(1500)
        name = ["feedback", "themes", "dashboard"][index]
        path = HERE / f"{name}-{lang}.png"
        window.grab().save(str(path))
        saved.append(path)
    if lang == "en":  # View › Appearance › Dark
        window.set_appearance("dark")
        for index, name in ((1, "themes"), (0, "feedback")):
            window.tabs.setCurrentIndex(index)
            settle(1200)
            path = HERE / f"{name}-dark-{lang}.png"
            window.grab().save(str(path))
            saved.append(path)
        window.set_appearance("system")
        settle(600)
    window.tabs.setCurrentIndex(0)
    window.feedback.search.setText("登录" if lang == "zh" else "export")
    settle(1500)
    path = HERE / f"feedback-search-{lang}.png"
    window.grab().save(str(path))
    saved.append(path)
    wizard = window.show_import_wizard([str(p) for p in sorted((workspace.parent / "exports").glob("*"))])
    wizard.next()
    settle(1200)
    path = HERE / f"import-preview-{lang}.png"
    wizard.grab().save(str(path))
    saved.append(path)
    wizard.reject()
    settings = window.open_settings()
    tabs = settings.findChild(__import__("PySide6.QtWidgets", fromlist=["QTabWidget"]).QTabWidget)
    for index, name in ((0, "settings-priority"), (1, "settings-status-mapping")):
        tabs.setCurrentIndex(index)
        settle(600)
        path = HERE / f"{name}-{lang}.png"
        settings.grab().save(str(path))
        saved.append(path)
    settings.reject()
    window.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", choices=("en", "zh", "both"), default="both")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    from datetime import datetime, timezone

    from triage_app.demo import build_demo_workspace, write_demo_files

    folder = Path(tempfile.mkdtemp(prefix="triage-shots-"))
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")  # language and window state of these shots only
    as_of = datetime(2026, 11, 1, tzinfo=timezone.utc)
    build_demo_workspace(folder / "demo.triage", as_of=as_of, analyse=True)
    write_demo_files(folder / "exports", as_of=as_of)
    extra = survey_workspaces(folder, as_of)
    for lang in (("en", "zh") if args.lang == "both" else (args.lang,)):
        for path in shoot(lang, folder / "demo.triage") + shoot_more(lang, folder / "demo.triage", extra):
            print(path)


if __name__ == "__main__":
    main()
