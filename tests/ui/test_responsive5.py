"""Issue 17, session 5: work that froze the window now runs off the UI thread (the import
wizard's preview), and the Chinese UI's file dialogs. Offscreen; fixtures written here."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")


def test_wizard_reads_the_preview_in_a_worker_with_a_busy_note(qtbot, settings_home, tmp_path, monkeypatch):
    from triage_app.services import preview as preview_service
    from triage_app.store import Workspace
    from ui.import_wizard import ImportWizard

    threads = []
    real = preview_service.preview_file

    def recording(*args, **kwargs):  # the real reader; only which thread ran it is noted
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(preview_service, "preview_file", recording)
    data = tmp_path / "big.csv"
    data.write_text("id,comment\n" + "".join(f"{i},The sync button is slow number {i}\n" for i in range(5000)))
    with Workspace(tmp_path / "w.triage") as ws:
        wizard = ImportWizard(ws, [str(data)])
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.next()
        page = wizard.preview_page
        assert page.loading and page.reading.isVisibleTo(page) and "big.csv" in page.reading.text()
        assert not page.isComplete()  # Import waits for the file to be read
        qtbot.waitUntil(lambda: not page.loading, timeout=10_000)
        assert threads and not any(threads)  # never read on the UI thread
        assert not page.reading.isVisibleTo(page) and page.isComplete()
        assert page.preview_model.rowCount() == 12 and page.mapping_combos["text"].currentData() == "comment"


def test_preview_of_an_earlier_choice_does_not_replace_a_newer_one(qtbot, settings_home, tmp_path):
    from triage_app.store import Workspace
    from ui.import_wizard import ImportWizard

    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text("id,comment\n1,first file\n")
    second.write_text("id,comment\n1,second file\n2,more\n")
    with Workspace(tmp_path / "w.triage") as ws:
        wizard = ImportWizard(ws, [str(first), str(second)])
        qtbot.addWidget(wizard)
        wizard.show()
        wizard.next()
        wizard.preview_page.file_list.setCurrentRow(1)  # before the first file's read came back
        qtbot.waitUntil(lambda: not wizard.preview_page.loading, timeout=10_000)
        model = wizard.preview_page.preview_model
        assert model.rowCount() == 2 and "second file" in model.item(0, 3).text()


def test_chinese_file_dialog_names_types_and_labels_in_chinese(qtbot, settings_home, tmp_path, monkeypatch):
    """Qt's own dialog: the Type column (MIME comments follow the default locale) and the labels
    Qt 6.11's Chinese catalogue lacks ("&Look in:", "Files of &type:", a folder's type)."""
    from PySide6.QtCore import QLocale, QSettings
    from PySide6.QtWidgets import QDialog, QFileDialog, QLabel, QTreeView

    from triage_app.store import Workspace
    from ui import language

    folder = tmp_path / "exports"
    (folder / "older").mkdir(parents=True)
    (folder / "reviews.csv").write_text("id,comment\n1,慢\n")
    monkeypatch.setenv("HOME", str(folder))
    seen = {}

    def look(dialog):
        dialog.show()
        tree = dialog.findChild(QTreeView, "treeView")
        model = tree.model()
        qtbot.waitUntil(lambda: model.rowCount(tree.rootIndex()) == 2, timeout=10_000)
        qtbot.waitUntil(lambda: all(model.index(r, 2, tree.rootIndex()).data() for r in range(2)), timeout=10_000)
        seen["types"] = {model.index(r, 0, tree.rootIndex()).data(): model.index(r, 2, tree.rootIndex()).data()
                         for r in range(2)}
        seen["labels"] = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QFileDialog, "exec", look)
    settings = QSettings(str(tmp_path / "lang.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/language", "zh_CN")
    language.install(settings)
    try:
        from ui.import_wizard import ImportWizard

        with Workspace(tmp_path / "w.triage") as ws:
            wizard = ImportWizard(ws)
            qtbot.addWidget(wizard)
            wizard.files_page._choose()
    finally:
        settings.setValue("ui/language", "en_US")
        language.install(settings)
    assert seen["types"] == {"older": "文件夹", "reviews.csv": "CSV 文档"}, seen
    assert seen["labels"]["lookInLabel"].startswith("查找范围") and seen["labels"]["fileTypeLabel"].startswith("文件类型")
    assert QLocale().language() == QLocale.Language.English  # English again once the language is switched back


def test_empty_workspace_says_to_import_first_on_feedback_and_themes(qtbot, settings_home, tmp_path):
    """Run Analysis is disabled on an empty workspace, so the Themes pane must not ask to click it;
    the Feedback pane says the workspace is empty rather than "no feedback matches these filters"."""
    from ui.main_window import MainWindow

    window = MainWindow(tmp_path / "empty.triage")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "empty" in window.themes.detail.toPlainText(), timeout=10_000)
    assert "Import feedback first" in window.themes.detail.toPlainText()
    qtbot.waitUntil(lambda: "empty" in window.feedback.detail.toPlainText(), timeout=10_000)
    assert "Import Files" in window.feedback.detail.toPlainText()
    # the count that disables Run Analysis arrives by its own signal: under load it can land after the panes' text
    qtbot.waitUntil(lambda: not window.run_action.isEnabled(), timeout=10_000)
    window.feedback.search.setText("login")
    window.feedback.apply_filter()
    qtbot.waitUntil(lambda: "No feedback matches" in window.feedback.detail.toPlainText(), timeout=10_000)


def test_run_analysis_does_not_import_the_analysis_on_the_ui_thread(tmp_path):
    """Pressing Run Analysis imported services.analysis (scikit-learn, pandas: 0.8-3 s) on the UI
    thread. A fresh interpreter, as the app starts: the module is not loaded when the click returns."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from triage_app.services.importing import run_import\n"
        "from triage_app.store import Workspace\n"
        f"path = {str(tmp_path / 'w.triage')!r}\n"
        f"open({str(tmp_path / 'f.csv')!r}, 'w').write('id,comment\\n' + ''.join(f'{{i}},sync fails {{i}}\\n' for i in range(30)))\n"
        "with Workspace(path) as ws:\n"
        f"    run_import(ws, {str(tmp_path / 'f.csv')!r})\n"
        "from ui.main_window import MainWindow\n"
        "window = MainWindow(path)\n"
        "window.analysis_possible = True\n"
        "window.run_analysis()\n"
        "print('LOADED' if 'triage_app.services.analysis' in sys.modules else 'NOT LOADED', flush=True)\n"
        "window.jobs.cancel('analysis')\n"
        "import time\n"
        "end = time.monotonic() + 120\n"
        "while window.jobs.running('analysis') and time.monotonic() < end:\n"
        "    app.processEvents(); time.sleep(0.01)\n"
        "window.close()\n"
    )
    import ui

    root = str(Path(ui.__file__).resolve().parents[1])  # this tree, whatever the current folder
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               PYTHONPATH=os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")])))
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True,
                         timeout=300)
    assert "NOT LOADED" in out.stdout, out.stdout + out.stderr[-2000:]
