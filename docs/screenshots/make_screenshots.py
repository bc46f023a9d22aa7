"""Screenshots of every screen on the demo workspace, in English and Chinese.

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
        settle(9000 if index == 2 else 1500)  # the dashboard gathers its figures when first shown
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
    for lang in (("en", "zh") if args.lang == "both" else (args.lang,)):
        for path in shoot(lang, folder / "demo.triage"):
            print(path)


if __name__ == "__main__":
    main()
