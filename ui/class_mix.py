"""Sentiment and feedback-type names in the UI language, and the theme detail's mix bars (HTML for a
QTextBrowser: one stacked bar per kind with its shares as text)."""
from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_CONTEXT = "ClassMix"
SENTIMENT_NAMES = {"negative": QT_TRANSLATE_NOOP("ClassMix", "Negative"),
                   "neutral": QT_TRANSLATE_NOOP("ClassMix", "Neutral"),
                   "positive": QT_TRANSLATE_NOOP("ClassMix", "Positive")}
TYPE_NAMES = {"problem": QT_TRANSLATE_NOOP("ClassMix", "Problems"),
              "request": QT_TRANSLATE_NOOP("ClassMix", "Requests"),
              "question": QT_TRANSLATE_NOOP("ClassMix", "Questions"),
              "praise": QT_TRANSLATE_NOOP("ClassMix", "Praise"),
              "other": QT_TRANSLATE_NOOP("ClassMix", "Other")}
_HEADINGS = (QT_TRANSLATE_NOOP("ClassMix", "Sentiment"), QT_TRANSLATE_NOOP("ClassMix", "Feedback type"))
# Okabe-Ito colours: distinguishable with colour-blindness, readable on light and dark backgrounds; the
# same as the dashboard's and the briefing's charts (analysis.charts; not imported here: it loads matplotlib)
_SENTIMENT_COLOURS = {"negative": "#d55e00", "neutral": "#999999", "positive": "#0072b2"}
_TYPE_COLOURS = {"problem": "#d55e00", "request": "#0072b2", "question": "#e69f00", "praise": "#009e73",
                 "other": "#999999"}


def _t(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def type_name(kind: str) -> str:
    return _t(TYPE_NAMES.get(kind, kind))


def sentiment_name(label: str) -> str:
    return _t(SENTIMENT_NAMES.get(label, label))


def _bar(shares: dict[str, float], names: dict[str, str], colours: dict[str, str], width: int = 220) -> str:
    order = [k for k in names if shares.get(k)]
    cells = "".join(f"<td width='{max(1, round(width * shares[k]))}' bgcolor='{colours[k]}' "
                    f"title='{html.escape(_t(names[k]))}'>&nbsp;</td>" for k in order)
    # each name after a swatch of its colour: the text lists the largest first, the bar keeps a fixed order
    text = " · ".join(f"<font color='{colours[k]}'>\u25a0</font>&nbsp;{html.escape(_t(names[k]))} {shares[k]:.0%}"
                      for k in sorted(order, key=lambda k: -shares[k]))
    return (f"<table cellspacing='0' cellpadding='0'><tr>{cells}</tr></table>"
            f"<small>{text}</small>")


def render_mix(sentiment_shares: dict[str, float] | None, type_shares: dict[str, float] | None) -> str:
    """The two bars as an HTML fragment; empty when the theme's items are not scored yet."""
    parts = []
    for heading, shares, names, colours in ((_HEADINGS[0], sentiment_shares, SENTIMENT_NAMES, _SENTIMENT_COLOURS),
                                            (_HEADINGS[1], type_shares, TYPE_NAMES, _TYPE_COLOURS)):
        if shares:
            parts.append(f"<p><b>{html.escape(_t(heading))}:</b><br>{_bar(shares, names, colours)}</p>")
    return "".join(parts)
