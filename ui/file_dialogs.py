"""File choosers whose columns fit: Qt's own (non-native) dialog, used where the desktop offers
none (e.g. Linux without a portal), opens at ~600 px wide and cuts sizes and types to "11…iB"."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFileDialog, QHeaderView, QSplitter, QTreeView

MIN_WIDTH, MIN_HEIGHT = 900, 540


def fit_columns(dialog: QFileDialog) -> None:
    """Widen Qt's own dialog and size its detail columns to their contents (the name takes the
    rest). A native dialog has no such widgets and is left to the desktop."""
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is None:
        return
    dialog.resize(max(dialog.width(), MIN_WIDTH), max(dialog.height(), MIN_HEIGHT))
    header = tree.header()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(60)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, header.count()):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    splitter = dialog.findChild(QSplitter, "splitter")  # the places on the left: wide enough for their names
    if splitter is not None and splitter.count() == 2:
        splitter.setSizes([170, dialog.width() - 170])


def open_file_names(parent, title: str, folder: str, filters: str) -> list[str]:
    """Like ``QFileDialog.getOpenFileNames``, with columns that fit; [] when cancelled."""
    dialog = QFileDialog(parent, title, folder, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    fit_columns(dialog)
    return dialog.selectedFiles() if dialog.exec() == QDialog.DialogCode.Accepted else []


def open_file_name(parent, title: str, folder: str, filters: str) -> str:
    """Like ``QFileDialog.getOpenFileName``, with columns that fit; "" when cancelled."""
    dialog = QFileDialog(parent, title, folder, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    fit_columns(dialog)
    files = dialog.selectedFiles() if dialog.exec() == QDialog.DialogCode.Accepted else []
    return files[0] if files else ""
