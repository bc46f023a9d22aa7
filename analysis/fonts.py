"""The CJK-capable font every chart and window uses, shipped by a PyPI package (mplfonts bundles
Noto Sans CJK SC, SIL Open Font License), so Chinese labels never render as boxes, whatever fonts
the machine has."""
from __future__ import annotations

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
    return CJK_FAMILY
