"""Light and dark appearance: follow the system's colour scheme (default), or a fixed choice from
View › Appearance. Charts stay on white "paper", as they are exported for slides and documents."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

MODES = ("system", "light", "dark")
#: Okabe-Ito blues: the darker reads on light backgrounds, the lighter on dark ones
ACCENT_ON_LIGHT, ACCENT_ON_DARK = "#0072b2", "#56b4e9"


def system_prefers_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def dark_palette() -> QPalette:
    p = QPalette()
    base, window, text, mid = QColor(30, 30, 30), QColor(45, 45, 48), QColor(230, 230, 230), QColor(90, 90, 95)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        p.setColor(group, QPalette.ColorRole.Window, window)
        p.setColor(group, QPalette.ColorRole.WindowText, text)
        p.setColor(group, QPalette.ColorRole.Base, base)
        p.setColor(group, QPalette.ColorRole.AlternateBase, QColor(40, 40, 43))
        p.setColor(group, QPalette.ColorRole.ToolTipBase, QColor(60, 60, 64))
        p.setColor(group, QPalette.ColorRole.ToolTipText, text)
        p.setColor(group, QPalette.ColorRole.PlaceholderText, QColor(150, 150, 150))
        p.setColor(group, QPalette.ColorRole.Text, text)
        p.setColor(group, QPalette.ColorRole.Button, window)
        p.setColor(group, QPalette.ColorRole.ButtonText, text)
        p.setColor(group, QPalette.ColorRole.BrightText, QColor(255, 80, 80))
        p.setColor(group, QPalette.ColorRole.Link, QColor(ACCENT_ON_DARK))
        p.setColor(group, QPalette.ColorRole.Highlight, QColor(38, 110, 170))
        p.setColor(group, QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
        p.setColor(group, QPalette.ColorRole.Mid, mid)
        p.setColor(group, QPalette.ColorRole.Dark, QColor(25, 25, 25))
        p.setColor(group, QPalette.ColorRole.Light, QColor(70, 70, 74))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(120, 120, 120))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Base, QColor(38, 38, 38))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Button, window)
    return p


def apply(mode: str) -> bool:
    """Use ``mode`` (system, light or dark) for the whole application; returns whether it is dark."""
    app = QApplication.instance()
    if app is None:
        return False
    if not hasattr(app, "_system_palette"):
        app._system_palette = QPalette(app.palette())
    dark = mode == "dark" or (mode == "system" and system_prefers_dark())
    if dark:
        app.setStyle("Fusion")  # draws every control from the palette
        app.setPalette(dark_palette())
    else:
        app.setPalette(app._system_palette)
    return dark


def is_dark(widget=None) -> bool:
    palette = widget.palette() if widget is not None else QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def accent(widget=None) -> str:
    return ACCENT_ON_DARK if is_dark(widget) else ACCENT_ON_LIGHT


SC_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC")


def prefer_simplified_chinese_glyphs() -> None:
    """Draw Chinese with a Simplified Chinese font: without this, Qt's fallback may pick a Japanese
    or Korean variant of the same font, whose glyphs differ for many characters."""
    from PySide6.QtGui import QFontDatabase

    app = QApplication.instance()
    if app is None or getattr(app, "_sc_font", False):
        return
    available = set(QFontDatabase.families())
    family = next((f for f in SC_FAMILIES if f in available), None)
    if family is None:
        return
    font = app.font()
    font.setFamilies([font.family(), family])
    app.setFont(font)
    app._sc_font = True
