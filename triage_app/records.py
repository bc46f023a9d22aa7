"""Typed records that cross the seams between store, services, CLI and app.

``ThemeSummary`` is the one description of a theme that the theme board, ``triage-app themes`` and
the briefing share (built by ``services.theme_summaries.theme_summaries``, one query, one order).
``ItemSummary`` is an item as listed with its themes and classes (``store.themes.iter_items_with_themes``,
``triage-app items``). ``as_json`` gives the CLI's keys, in the CLI's order.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from analysis.priority import rank_key

#: Sentiment labels of ``item_sentiment``, in the order shares are reported.
SENTIMENTS = ("negative", "neutral", "positive")


@dataclass
class ThemeSummary:
    id: int
    label: str
    keywords: list[str]
    quotes: list[int]  # item ids of representative quotes
    size: int  # items in the theme and (top-level) its sub-themes
    status: str
    hidden: bool
    label_edited: bool
    parent_id: int | None  # None: a top-level theme
    merged_into: int | None
    children: list[int] = field(default_factory=list)  # sub-theme ids, in the board's order
    priority: float = 0.0
    factors: dict[str, float] = field(default_factory=dict)
    items_resolved: int = 0
    items_total: int = 0
    #: items that carry a status (from their source or set by a person); 0: reviews, survey answers, where
    #: "0 of N closed" would say nothing
    items_with_status: int = 0
    #: shares of negative / neutral / positive among the scored items (sum 1); empty when none is scored
    sentiment_shares: dict[str, float] = field(default_factory=dict)
    #: shares of problem / request / question / praise / other among the typed items (sum 1); empty when none
    type_shares: dict[str, float] = field(default_factory=dict)
    #: share of the theme's items that are praise (store.metrics_queries.PRAISE_SQL): scales the problem factors
    praise_share: float = 0.0
    #: why growth is neutral ({"span_days", "needs_days"}), None when it is measured
    growth_note: dict[str, Any] | None = None

    @property
    def is_top(self) -> bool:
        return self.parent_id is None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def sort_key(theme: ThemeSummary) -> tuple[Any, ...]:
    """The one order of themes everywhere (analysis.priority.rank_key): themes to fix before mostly-praise
    ones, then priority (high first), size (large first), id."""
    return rank_key(theme.priority, theme.praise_share, theme.size, theme.id)


@dataclass
class ItemSummary:
    """An item in a listing: what it says, where it came from, its theme and that theme's top-level
    theme (None before analysis or when unassigned), its sentiment and feedback type (None before scoring)."""

    id: int
    external_id: str | None
    source_format: str
    source: str | None
    created_at: str | None
    title: str | None
    text: str
    status: str
    rating: float | None
    theme_id: int | None
    theme_label: str | None
    theme_origin: str | None  # "model" or "user" (a person's assignment)
    top_theme_id: int | None  # the theme itself when it has no parent
    top_theme_label: str | None
    sentiment: str | None
    feedback_type: str | None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)
