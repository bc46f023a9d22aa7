"""The CJK-capable font every chart and window uses, shipped by a PyPI package (mplfonts bundles
Noto Sans CJK SC, SIL Open Font License), so Chinese labels never render as boxes, whatever fonts
the machine has."""
from __future__ import annotations

import logging
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator
from importlib import resources
from pathlib import Path

CJK_FAMILY = "Noto Sans CJK SC"


@lru_cache(maxsize=1)
def cjk_font_path() -> Path | None:
    try:
        path = Path(str(resources.files("mplfonts") / "fonts" / "NotoSansCJKsc-Regular.otf"))
    except ModuleNotFoundError:
        return None
    return path if path.exists() else None


@lru_cache(maxsize=1)
def register_cjk_font() -> str:
    """Make the CJK font known to matplotlib's font manager (once; adds a font, changes no setting)."""
    from matplotlib import font_manager

    path = cjk_font_path()
    if path is not None:
        font_manager.fontManager.addfont(str(path))
    return CJK_FAMILY


def cjk_rc() -> dict[str, object]:
    """The rc settings that make the CJK font the default sans-serif, for ``matplotlib.rc_context``
    (``analysis.chart_style.style``: scoped to building and saving a chart)."""
    register_cjk_font()
    families = [CJK_FAMILY, "DejaVu Sans"]
    # the family named (not "sans-serif"): text keeps it when drawn after the scope has ended
    return {"font.family": families, "font.sans-serif": families,
            "axes.unicode_minus": False}  # the CJK font has no U+2212 minus glyph


@lru_cache(maxsize=1)
def configure_matplotlib() -> str:
    """For an application (the window draws charts at paint time, outside any scope): the CJK font
    as the process's default sans-serif. Library code uses ``cjk_rc`` in a scope instead."""
    import matplotlib

    matplotlib.rcParams.update(cjk_rc())
    return CJK_FAMILY


@lru_cache(maxsize=1)
def _drawable_codepoints() -> frozenset[int]:
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    points: set[int] = set()
    for path in (cjk_font_path(), font_manager.findfont("DejaVu Sans")):
        if path is not None:
            points |= set(FT2Font(str(path)).get_charmap())
    return frozenset(points)


def drawable(text: str) -> str:
    """``text`` without the characters neither chart font (Noto Sans CJK, then DejaVu Sans) can draw:
    control characters, mojibake leftovers ("\x9f\x98"), most emoji. Drawn, they were empty boxes."""
    points = _drawable_codepoints()
    if all(ord(ch) in points or ch.isspace() for ch in text):
        return text
    return "".join(ch for ch in text if ch.isspace() or ord(ch) in points)


@contextmanager
def quiet_findfont() -> Iterator[None]:
    """The CJK package ships the regular weight only: bold Chinese is drawn regular, by design, without a
    "findfont: Failed to find font weight bold" line on stderr for every title (the logger's level comes back)."""
    logger = logging.getLogger("matplotlib.font_manager")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
