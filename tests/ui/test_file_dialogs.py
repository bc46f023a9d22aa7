"""The import file chooser shows whole sizes and types (issue 17: Qt's own dialog cut them to "11…iB")."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")


def test_import_chooser_columns_fit_their_text(qtbot, settings_home, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog, QFileDialog, QTreeView

    from triage_app.store import Workspace
    from ui.import_wizard import ImportWizard

    folder = tmp_path / "exports"
    folder.mkdir()
    for name, size in (("app_reviews_2024_export_final.csv", 12_345_678), ("survey.xlsx", 45_000)):
        with open(folder / name, "wb") as fh:
            fh.truncate(size)
    monkeypatch.setenv("HOME", str(folder))
    checked = []

    def look(dialog):
        dialog.show()
        tree = dialog.findChild(QTreeView, "treeView")
        model = tree.model()
        qtbot.waitUntil(lambda: model.rowCount(tree.rootIndex()) == 2, timeout=10_000)
        header = tree.header()

        def fitting() -> list[tuple[str, bool]]:
            out = []
            for row in range(2):
                for column in (1, 2):  # size, type
                    text = model.index(row, column, tree.rootIndex()).data() or ""
                    out.append((text, bool(text) and header.sectionSize(column) >= tree.fontMetrics().horizontalAdvance(text)))
            return out

        try:  # the sizes (and the widths made for them) arrive after the names: later on a loaded machine
            qtbot.waitUntil(lambda: all(ok for _text, ok in fitting()), timeout=10_000)
        except qtbot.TimeoutError:
            pass  # the assertion below names what does not fit
        checked.extend(fitting())
        checked.append(("width", dialog.width() >= 900))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QFileDialog, "exec", look)
    with Workspace(tmp_path / "w.triage") as ws:
        wizard = ImportWizard(ws)
        qtbot.addWidget(wizard)
        wizard.files_page._choose()
    assert checked and all(ok for _text, ok in checked), checked
    assert any("MiB" in text or "MB" in text for text, _ok in checked)
