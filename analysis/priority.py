"""Priority of a theme: one explainable score, or RICE (../shared/docs/metrics.md, Priority).

Weighted score (default scheme). Each factor is scaled to 0..1 (growth to -1..1), multiplied by
its weight; the priority is the sum, as 0..100 of the total weight, so that every factor's
contribution is shown and they add up to the priority:

    priority = 100 * sum(weight_f * factor_f) / sum(|weight_f|)

| factor | scaled value | default weight |
|---|---|---|
| volume | the theme's items (each weighted by its source's weight) / the largest theme's | 0.25 |
| people | distinct authors or respondents (source-weighted) / the largest theme's | 0.15 |
| growth | (items in the last window - the window before) / max(the one before, 1), clipped to -1..1; 0 when the data is too short (below) | 0.15 |
| negativity | share of the theme's items with negative sentiment (a rating/NPS outranks text) | 0.15 |
| nps_impact | NPS points the theme costs (-impact), over 10 points, clipped to 0..1 | 0.10 |
| csat_impact | CSAT points the theme costs (-impact), over 10 points, clipped to 0..1 | 0.05 |
| unresolved | share of the theme's items not resolved / won't fix / duplicate; weight 0 while no item of the workspace has a status (reviews, survey answers) | 0.10 |
| response_lag | the theme's median time to first response / the slowest theme's | 0.05 |
| votes | votes and reactions on the theme's items (source-weighted) / the largest theme's; weight 0 while no item has votes | 0.10 |

**Praise is not a problem.** Priority ranks what to fix next, so a theme people praise must not
rank high for being large. Each theme has a praise share p (the share of its items that are praise, below;
store.metrics_queries.praise_share_by_theme). The factors that measure how much is said - volume,
people, votes, growth, unresolved, response lag - count only the theme's non-praise part: they are
multiplied by (1 - p). Negativity, NPS and CSAT impact already measure harm and are left as they are
(a theme that is half praise, half complaints keeps its full negativity). A theme that is 90% praise
thus keeps a tenth of its size-driven score; the board and the briefing list the mostly-praise
themes (p > PRAISE_THEME_SHARE) separately as "What people love". Scaling alone does not keep
them out of a top five: where most themes are praise (92% of one set's reviews have 4-5 stars), a
big mostly-praise theme's non-praise part can outweigh a small problem theme. So the ranking
(``rank_key``) puts every theme that is not mostly praise first, then the mostly-praise ones.

**What counts as praise** ("people are happy here"; ``is_praise`` below, store.metrics_queries.PRAISE_SQL in SQL,
per item; the theme tree's "Praise for X" / "X好评" frames use the same rule and ``mostly_praise``):

1. a type the file states (``type=COL``, a Zendesk / Jira / GitHub issue type) decides when it says
   problem, request, question or praise - a ticket whose support got a good CSAT is still a problem;
2. else an item's own rating / CSAT / NPS / CES answer or mapped sentiment decides: satisfied (4-5 stars,
   NPS 9-10) is praise, whatever type the text model guessed - a score outranks text;
3. else the text models must agree: typed praise, and a sentiment that is not negative.

Measured on real sets (session 7, bench/priority_check.py): of 2,693 four- and five-star Alexa reviews
the type model types 772 other than praise (278 problem, 228 request, 246 other; read, most of the
"problems" are plain praise with a negation in it), while the 26 one- and two-star reviews typed praise
are complaints; counting only typed praise made themes that are 73-100% 4-5 stars look 25-45% praise
and rank as problems. Without scores, typed praise that the sentiment model calls negative is mostly
complaints and sarcasm (26% positive by zh-waimai-10k's own labels, vs 85% when both agree), and
positive items typed "other" are news and mentions as often as praise (45%), so neither counts.
Session 9: the theme tree's "Praise for X" / "X好评" frames follow this rule too (a parent is framed as praise
only when ``mostly_praise``, never as complaints when it is). They used the sentiment heads' majority before,
which reads polite requests ("we would pay for a cheaper plan") as praise: the demo's "Praise for enterprise"
(14% praise by this rule) sat in the briefing's list of themes to fix. This rule is the right one for a PM
because it is the one the priority, the board, the briefing and What people love already act on, and it
reads what the PM's own data states (a type column, stars, NPS, CSAT) before any model. Session 10: the tree
reads each item's stored facts (``metrics_queries.praise_by_item``), not the heads' guess on a sample, so a
parent near the line is framed as the priority ranks it.

**Growth needs time.** The two windows compared are GROWTH_WINDOW_DAYS long (30 days), or a week
when the data spans less than two of those; when the data spans less than two weeks, growth is
neutral (0) for every theme and the breakdown says why (``growth_note``). Otherwise data of nine
days would give every theme full growth (nothing "before"). The span is counted in calendar days (the
oldest item's day to the newest's, both included), as every display says it.

**Votes** count only when some item in the workspace has votes: in a workspace without any, the
votes weight is left out of the total so that the other factors read as before.

Source weights (default 1.0 per source format, e.g. ``{"zendesk": 2.0}`` when a paying customer's
ticket weighs more than an anonymous review) enter through volume and people. A factor without data
(no scores, no response times) counts 0. Weights are edited by the user and saved in the workspace.

RICE (alternative): reach (distinct people) x impact (0.25/0.5/1/2/3; default from the negative
share: <20% 0.25, <40% 0.5, <60% 1, <80% 2, else 3) x confidence (0..1; default 1.0 from 30 items,
0.8 from 10, else 0.5) / effort (person-months, default 1). Impact, confidence and effort can be
set per theme.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

FACTORS = ("volume", "people", "growth", "negativity", "nps_impact", "csat_impact", "unresolved", "response_lag",
           "votes")
DEFAULT_WEIGHTS: dict[str, float] = {
    "volume": 0.25, "people": 0.15, "growth": 0.15, "negativity": 0.15,
    "nps_impact": 0.10, "csat_impact": 0.05, "unresolved": 0.10, "response_lag": 0.05, "votes": 0.10,
}
#: factors that measure how much is said about a theme: only its non-praise part counts
PRAISE_SCALED = ("volume", "people", "votes", "growth", "unresolved", "response_lag")
#: a theme whose praise share is above this is "mostly praise" (listed under What people love; half
#: praise, half complaints is not)
PRAISE_THEME_SHARE = 0.5
GROWTH_WINDOW_DAYS = 30
SHORT_GROWTH_WINDOW_DAYS = 7
IMPACT_FULL_POINTS = 10.0
RICE_IMPACTS = (0.25, 0.5, 1.0, 2.0, 3.0)
SCHEMES = ("weighted", "rice")


@dataclass(slots=True)
class ThemeInputs:
    theme_id: int
    items: float  # source-weighted item count
    people: float  # source-weighted distinct authors / respondents
    recent: float = 0.0  # items in the last period
    previous: float = 0.0  # items in the period before
    negative_share: float | None = None
    nps_impact: float | None = None  # NPS points: overall - without the theme
    csat_impact: float | None = None
    unresolved_share: float | None = None
    response_lag_s: float | None = None
    item_count: int = 0  # unweighted, for RICE confidence
    praise_share: float = 0.0  # share of the theme's items that are praise
    votes: float = 0.0  # source-weighted votes / reactions on its items
    growth_days: int | None = GROWTH_WINDOW_DAYS  # window compared; None: the data is too short
    span_days: float | None = None  # oldest to newest item of the workspace
    statuses: bool = True  # some item of the workspace carries a status (False: reviews, answers only)


#: sentiment methods that are the item's own score or a value the file mapped (rule 2 of ``is_praise``)
SCORE_METHODS = ("rating", "csat", "nps", "ces", "mapped")


def is_praise(stated_type: str | None, score_label: str | None, feedback_type: str | None,
              sentiment: str | None) -> bool:
    """THE definition of a praise item (module docstring, "What counts as praise"); the store's PRAISE_SQL is
    this rule in SQL (a test runs both on every combination) and the theme tree's praise frames use it too
    ("Praise for X" only over a theme the priority lists as mostly praise). ``stated_type``: the type the
    file states (None when none); ``score_label``: positive / neutral / negative from the item's own score or
    a mapped sentiment (None without one); ``feedback_type`` and ``sentiment``: what the text models say."""
    if stated_type is not None and stated_type != "other":
        return stated_type == "praise"
    if score_label is not None:
        return score_label == "positive"
    if feedback_type is not None:
        return feedback_type == "praise" and sentiment != "negative"
    return sentiment == "positive"


def praise_flags(stated_types, score_labels, feedback_types, sentiments) -> list[bool]:
    """``is_praise`` of each item (four sequences of equal length; ``stated_types`` / ``score_labels`` may be
    None: nothing stated, no scores)."""
    n = len(feedback_types)
    stated = stated_types if stated_types is not None else [None] * n
    scores = score_labels if score_labels is not None else [None] * n
    return [is_praise(a, b, c, d) for a, b, c, d in zip(stated, scores, feedback_types, sentiments)]


def mostly_praise(praise_share: float | None) -> bool:
    """A theme whose items are mostly praise: listed under What people love, ranked after the themes to fix."""
    return (praise_share or 0.0) > PRAISE_THEME_SHARE


def rank_key(priority: float, praise_share: float | None, size: float = 0.0, theme_id: int = 0) -> tuple:
    """The order of themes: the themes to fix first (not mostly praise), each group by priority (high
    first), then size (large first), then id. A theme that is mostly praise never ranks above one
    that is not, even when few themes are problems (a set of glowing reviews): its priority, from
    the non-praise share, still orders it among the loved themes."""
    return (mostly_praise(praise_share), -priority, -size, theme_id)


def growth_window_days(span_days: float | None) -> int | None:
    """The length of the two windows growth compares, or None when the data spans too little time
    (``span_days``: calendar days, both ends included)."""
    if span_days is None:
        return None
    for window in (GROWTH_WINDOW_DAYS, SHORT_GROWTH_WINDOW_DAYS):
        if span_days >= 2 * window:
            return window
    return None


def growth_note(t: ThemeInputs) -> dict | None:
    """Why growth is neutral: ``{"span_days", "needs_days"}`` (None when growth is measured)."""
    if t.growth_days is not None:
        return None
    return {"span_days": None if t.span_days is None else round(t.span_days, 1),
            "needs_days": 2 * SHORT_GROWTH_WINDOW_DAYS}


def check_weights(weights: dict[str, float]) -> dict[str, float]:
    unknown = set(weights) - set(FACTORS)
    if unknown:
        raise ValueError(f"unknown priority factor(s): {', '.join(sorted(unknown))}; known: {', '.join(FACTORS)}")
    merged = {**DEFAULT_WEIGHTS, **{k: float(v) for k, v in weights.items()}}
    if sum(abs(v) for v in merged.values()) == 0:
        raise ValueError("at least one priority weight must be non-zero")
    return merged


def _ratio(value: float | None, top: float) -> float:
    return 0.0 if value is None or top <= 0 else max(0.0, value) / top


def scaled_factors(themes: list[ThemeInputs]) -> dict[int, dict[str, float]]:
    """Every factor of every theme scaled to 0..1 (growth -1..1)."""
    top_items = max((t.items for t in themes), default=0.0)
    top_people = max((t.people for t in themes), default=0.0)
    top_lag = max((t.response_lag_s or 0.0 for t in themes), default=0.0)
    top_votes = max((t.votes for t in themes), default=0.0)
    out = {}
    for t in themes:
        growth = (t.recent - t.previous) / max(t.previous, 1.0) if t.growth_days else 0.0
        problem = 1.0 - min(1.0, max(0.0, t.praise_share))
        factors = {
            "volume": _ratio(t.items, top_items),
            "people": _ratio(t.people, top_people),
            "growth": max(-1.0, min(1.0, growth)),
            "negativity": t.negative_share or 0.0,
            "nps_impact": min(1.0, max(0.0, -(t.nps_impact or 0.0)) / IMPACT_FULL_POINTS),
            "csat_impact": min(1.0, max(0.0, -(t.csat_impact or 0.0)) / IMPACT_FULL_POINTS),
            "unresolved": t.unresolved_share or 0.0,
            "response_lag": _ratio(t.response_lag_s, top_lag),
            "votes": _ratio(t.votes, top_votes),
        }
        out[t.theme_id] = {f: v * problem if f in PRAISE_SCALED else v for f, v in factors.items()}
    return out


def weighted(themes: list[ThemeInputs], weights: dict[str, float] | None = None) -> dict[int, dict]:
    """{theme_id: {"priority", "factors": {name: contribution}, "scaled": {...}, "inputs": {...}}}."""
    w = check_weights(weights or {})
    if not any(t.votes > 0 for t in themes):
        w = {**w, "votes": 0.0}  # no votes in the workspace: the factor does not dilute the others
    if themes and not any(t.statuses for t in themes):
        w = {**w, "unresolved": 0.0}  # no status anywhere (reviews, answers): likewise
    total = sum(abs(v) for v in w.values()) or 1.0
    scaled = scaled_factors(themes)
    out = {}
    for t in themes:
        contrib = {f: round(100.0 * w[f] * scaled[t.theme_id][f] / total, 2) for f in FACTORS}
        out[t.theme_id] = {
            "priority": round(sum(contrib.values()), 2),
            "factors": contrib,
            "scaled": {f: round(v, 4) for f, v in scaled[t.theme_id].items()},
            "inputs": asdict(t),
            "scheme": "weighted",
            "praise_share": round(t.praise_share, 4),
            "growth_note": growth_note(t),
        }
    return out


def rice_impact_from_negativity(share: float | None) -> float:
    share = share or 0.0
    for bound, impact in zip((0.2, 0.4, 0.6, 0.8), RICE_IMPACTS):
        if share < bound:
            return impact
    return RICE_IMPACTS[-1]


def rice_confidence_from_count(items: int) -> float:
    return 1.0 if items >= 30 else 0.8 if items >= 10 else 0.5


def rice(themes: list[ThemeInputs], overrides: dict[int, dict] | None = None) -> dict[int, dict]:
    """RICE per theme; ``overrides[theme_id]`` may set ``impact``, ``confidence``, ``effort``."""
    overrides = overrides or {}
    out = {}
    for t in themes:
        o = overrides.get(t.theme_id, {})
        impact = float(o.get("impact", rice_impact_from_negativity(t.negative_share)))
        confidence = float(o.get("confidence", rice_confidence_from_count(t.item_count)))
        effort = float(o.get("effort", 1.0))
        if effort <= 0:
            raise ValueError(f"theme {t.theme_id}: RICE effort must be positive")
        score = t.people * impact * confidence / effort
        out[t.theme_id] = {
            "priority": round(score, 2),
            "factors": {"reach": round(t.people, 2), "impact": impact, "confidence": confidence, "effort": effort},
            "inputs": asdict(t),
            "scheme": "rice",
            "praise_share": round(t.praise_share, 4),
            "growth_note": None,
        }
    return out


def score(themes: list[ThemeInputs], scheme: str = "weighted", weights: dict[str, float] | None = None,
          rice_overrides: dict[int, dict] | None = None) -> dict[int, dict]:
    if scheme == "weighted":
        return weighted(themes, weights)
    if scheme == "rice":
        return rice(themes, rice_overrides)
    raise ValueError(f"priority scheme must be one of {', '.join(SCHEMES)}, not {scheme!r}")
