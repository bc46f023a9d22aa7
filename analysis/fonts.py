"""The CJK-capable font every chart and window uses, shipped by a PyPI package (mplfonts bundles
Noto Sans CJK SC, SIL Open Font License), so Chinese labels never render as boxes, whatever fonts
the machine has."""
from __future__ import annotations

import logging
from functools import lru_cache
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
def configure_matplotlib() -> str:
    """Register the CJK font with matplotlib and make it the default sans-serif; returns the family."""
    import matplotlib
    from matplotlib import font_manager

    path = cjk_font_path()
    if path is not None:
        font_manager.fontManager.addfont(str(path))
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [CJK_FAMILY, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False  # the CJK font has no U+2212 minus glyph
    # the package ships the regular weight only: bold Chinese is drawn regular, by design, without
    # a "findfont: Failed to find font weight bold" line on stderr for every title
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
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
