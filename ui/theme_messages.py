"""Theme edits in the user's words: messages that name themes by label (translated), the Undo/Redo
menu texts, and a searchable theme picker for Move to Theme."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout


def _t(text: str) -> str:
    return QCoreApplication.translate("ThemeMessages", text)


def _names(labels) -> str:
    return _t(", ").join(f"“{label}”" for label in labels)


def describe(what: dict | None, fallback: str = "") -> str:
    """One edit, e.g. ``merged “Login fails” into “SSO problems”``; ``fallback`` for older journal entries."""
    if not what:
        return fallback
    kind = what.get("kind")
    if kind == "rename":
        return _t("renamed “{0}” to “{1}”").format(what["from"], what["to"])
    if kind == "hide":
        return _t("hid {0}").format(_names(what["themes"]))
    if kind == "show":
        return _t("showed {0}").format(_names(what["themes"]))
    if kind == "merge":
        return _t("merged {0} into “{1}”").format(_names(what["themes"]), what["target"])
    if kind == "move":
        n = f"{what['items']:,}"
        return (_t("moved {0} item(s) to “{1}”").format(n, what["target"]) if what.get("target")
                else _t("moved {0} item(s) out of their themes (unassigned)").format(n))
    if kind == "split":
        return _t("split “{0}” into {1}").format(what["themes"][0], _names(what["parts"]))
    if kind == "parent":
        return (_t("moved “{0}” under “{1}”").format(what["theme"], what["target"]) if what.get("target")
                else _t("made “{0}” a top-level theme").format(what["theme"]))
    if kind == "status":
        return _t("set the status of {0} to {1}").format(
            _names(what["themes"]), QCoreApplication.translate("FeedbackView", what["to"]))
    return fallback


def undo_text(peek: dict | None, redo: bool = False) -> str:
    """The Edit menu item: "Undo merged “A” into “B”", or the plain name when there is nothing."""
    entry = (peek or {}).get("redo" if redo else "undo")
    if entry is None:
        return _t("&Redo Theme Edit") if redo else _t("&Undo Theme Edit")
    what = describe(entry.get("what"), entry.get("summary", ""))
    if len(what) > 60:
        what = what[:59] + "…"
    return (_t("&Redo: {0}") if redo else _t("&Undo: {0}")).format(what.replace("&", "&&"))


class ThemePicker(QDialog):
    """Choose a theme by typing part of its name; Enter takes the first match. Nothing is chosen
    until the user picks (no default to "unassigned")."""

    UNASSIGNED = -1

    def __init__(self, themes: list[dict], count: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_t("Move to Theme"))
        self.resize(460, 520)
        self.search = QLineEdit(placeholderText=_t("Type to find a theme…"), clearButtonEnabled=True)
        self.list = QListWidget()
        for theme in themes:
            item = QListWidgetItem(_t("{0}  ({1} items)").format(theme["label"], f"{theme.get('size', 0):,}"))
            item.setData(Qt.ItemDataRole.UserRole, theme["id"])
            item.setData(Qt.ItemDataRole.UserRole + 1, theme["label"].lower())
            self.list.addItem(item)
        out = QListWidgetItem(_t("(no theme: unassigned)"))
        out.setData(Qt.ItemDataRole.UserRole, self.UNASSIGNED)
        out.setData(Qt.ItemDataRole.UserRole + 1, "")
        self.list.addItem(out)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_t("Move {0} item(s) to:").format(f"{count:,}")))
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self._take_first)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.list.currentItemChanged.connect(lambda *_: self._update_ok())
        self.list.setCurrentRow(-1)
        self._update_ok()
        self.search.setFocus()

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            label = item.data(Qt.ItemDataRole.UserRole + 1)
            unassigned = item.data(Qt.ItemDataRole.UserRole) == self.UNASSIGNED
            item.setHidden(bool(words) and (unassigned or not all(w in label for w in words)))
        current = self.list.currentItem()
        if current is not None and current.isHidden():
            self.list.setCurrentRow(-1)
        self._update_ok()

    def visible_ids(self) -> list[int]:
        return [self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count())
                if not self.list.item(r).isHidden()]

    def _take_first(self) -> None:
        for row in range(self.list.count()):
            if not self.list.item(row).isHidden():
                self.list.setCurrentRow(row)
                self.accept()
                return

    def _update_ok(self) -> None:
        current = self.list.currentItem()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(current is not None and not current.isHidden())

    def chosen(self) -> int | None:
        """The theme id, or None for unassigned (only after ``exec`` returned Accepted)."""
        theme_id = self.list.currentItem().data(Qt.ItemDataRole.UserRole)
        return None if theme_id == self.UNASSIGNED else theme_id


# For pyside6-lupdate: the strings above (and the new ones of theme_actions) go through _t().
from PySide6.QtCore import QT_TRANSLATE_NOOP  # noqa: E402

_STRINGS = [
    QT_TRANSLATE_NOOP("ThemeMessages", ", "),
    QT_TRANSLATE_NOOP("ThemeMessages", "renamed “{0}” to “{1}”"),
    QT_TRANSLATE_NOOP("ThemeMessages", "hid {0}"),
    QT_TRANSLATE_NOOP("ThemeMessages", "showed {0}"),
    QT_TRANSLATE_NOOP("ThemeMessages", "merged {0} into “{1}”"),
    QT_TRANSLATE_NOOP("ThemeMessages", "moved {0} item(s) to “{1}”"),
    QT_TRANSLATE_NOOP("ThemeMessages", "moved {0} item(s) out of their themes (unassigned)"),
    QT_TRANSLATE_NOOP("ThemeMessages", "split “{0}” into {1}"),
    QT_TRANSLATE_NOOP("ThemeMessages", "moved “{0}” under “{1}”"),
    QT_TRANSLATE_NOOP("ThemeMessages", "made “{0}” a top-level theme"),
    QT_TRANSLATE_NOOP("ThemeMessages", "set the status of {0} to {1}"),
    QT_TRANSLATE_NOOP("ThemeMessages", "&Redo Theme Edit"),
    QT_TRANSLATE_NOOP("ThemeMessages", "&Undo Theme Edit"),
    QT_TRANSLATE_NOOP("ThemeMessages", "&Redo: {0}"),
    QT_TRANSLATE_NOOP("ThemeMessages", "&Undo: {0}"),
    QT_TRANSLATE_NOOP("ThemeMessages", "Move to Theme"),
    QT_TRANSLATE_NOOP("ThemeMessages", "Type to find a theme…"),
    QT_TRANSLATE_NOOP("ThemeMessages", "{0}  ({1} items)"),
    QT_TRANSLATE_NOOP("ThemeMessages", "(no theme: unassigned)"),
    QT_TRANSLATE_NOOP("ThemeMessages", "Move {0} item(s) to:"),
    QT_TRANSLATE_NOOP("ThemeActions", ", "),
    QT_TRANSLATE_NOOP("ThemeActions", "Merge {0} into “{1}” ({2})?"),
    QT_TRANSLATE_NOOP("ThemeActions", "Undone: {0}"),
    QT_TRANSLATE_NOOP("ThemeActions", "Redone: {0}"),
]
