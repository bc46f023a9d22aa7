"""Rules that make the top level of the theme tree read right (used by ``theme_tree.build_tree``).

- **Mood is a hard constraint.** Each sub-theme gets a mood from the app's own per-item sentiment
  (argmax of the feedback-class heads over its profiled members): complaint (-1), praise (+1) or
  mixed (0, when the negative and positive shares are within ``MOOD_MARGIN`` or neutral is the most
  common). A praise sub-theme never shares a parent with a complaint sub-theme (``MOOD_PENALTY`` on
  their distance, then ``split_moods`` for any group a count bound forced together); mixed ones may
  join either. The distance then adds the feedback-type mix only (``types_only``).
- **No catch-alls.** A group holding more than ``max_share`` of the items is split in two by complete
  linkage of its own sub-themes (``cap_shares``); at the count ceiling the two closest groups merge instead.
- **One concept, one parent.** A sub-theme whose nearest sub-theme of the same mood (centroid cosine at
  least the ``NEAR_QUANTILE`` of all pairs) sits in another group, and which is on average closer to
  that group than to its own, moves there (``join_near_duplicates``): "两个小时才送到" beside "送餐太慢".
- **Parent labels name what the children share** (``parent_texts``, ``shared_label``, ``against_mood``):
  the parent is labelled from an equal sample of each child's texts, so a phrase only the largest child
  uses does not win; a word most children's labels share names it when there is one; a label whose own
  items are mostly of the opposite mood to the parent's is refused.
Tuned and checked on five real sets with ``bench/tree_quality.py`` (bench/RESULTS.md, session 5).
"""
from __future__ import annotations

import re
from typing import Callable, Sequence

import numpy as np

#: A sub-theme is mixed (mood 0) when its negative and positive shares differ by less than this (or
#: neutral is its most common sentiment).
MOOD_MARGIN = 0.02
#: Whether a sub-theme whose most common sentiment is neutral counts as mixed.
NEUTRAL_MIXED = True
#: Added to the distance of a praise and a complaint sub-theme: never within any cut.
MOOD_PENALTY = 100.0
#: No group of several sub-themes holds more than this share of the items (or 2 / the most groups).
MAX_SHARE = 0.15
#: Sub-theme pairs at least this close (quantile of all pairs' centroid cosine) say the same thing.
NEAR_QUANTILE = 0.97
#: Texts per child (at least) in the sample a parent's label is read from.
PARENT_TEXTS = 20
#: Fewer items than this containing a label cannot refuse it.
GUARD_MIN = 5

#: ``profile(indices)`` -> (sentiment probabilities, type probabilities) of those documents, one row
#: each (``analysis.feedback_classes.Heads.probabilities``).
Profile = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]


def profile_subthemes(labels: np.ndarray, n_sub: int, indices: np.ndarray,
                      profile: Profile) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(mixes, moods, profiled indices, their sentiment argmax): per sub-theme the mean sentiment and
    type probabilities side by side (NaN without a profiled member) and its mood (-1, 0, 1)."""
    indices = np.asarray(indices, dtype=np.int64)
    indices = indices[labels[indices] >= 0]
    sent, kind = profile(indices)
    sent, kind = np.asarray(sent, np.float64), np.asarray(kind, np.float64)
    rows = np.hstack([sent, kind])
    sub = labels[indices]
    counts = np.bincount(sub, minlength=n_sub)
    sums = np.zeros((n_sub, rows.shape[1]))
    np.add.at(sums, sub, rows)
    mixes = sums / np.maximum(counts, 1)[:, None]
    mixes[counts == 0] = np.nan
    said = sent.argmax(axis=1) if len(sent) else np.zeros(0, np.int64)
    neg = np.bincount(sub[said == 0], minlength=n_sub) / np.maximum(counts, 1)
    pos = np.bincount(sub[said == 2], minlength=n_sub) / np.maximum(counts, 1)
    neu = 1.0 - neg - pos if NEUTRAL_MIXED else np.zeros(n_sub)
    praise, complaint = (pos - neg >= MOOD_MARGIN) & (pos > neu), (neg - pos >= MOOD_MARGIN) & (neg > neu)
    moods = np.where(praise, 1, np.where(complaint, -1, 0))
    moods[counts == 0] = 0
    return mixes, moods.astype(np.int64), indices, said


def types_only(mixes: np.ndarray | None, n_sentiments: int = 3) -> np.ndarray | None:
    """The mixes with the sentiment columns zeroed: with mood a hard rule, the distance adds the
    difference in feedback type only (a sentiment term on top pulled topics apart by tone)."""
    if mixes is None:
        return None
    out = np.array(mixes, dtype=np.float64, copy=True)
    out[:, :n_sentiments] = np.where(np.isnan(out[:, :n_sentiments]), np.nan, 0.0)
    return out


def mood_penalty(moods: np.ndarray) -> np.ndarray:
    """Condensed ``MOOD_PENALTY`` for every praise/complaint pair (0 elsewhere)."""
    from scipy.spatial.distance import pdist

    m = np.asarray(moods, dtype=np.float64)[:, None]
    return np.where(pdist(m, "cityblock") >= 2, MOOD_PENALTY, 0.0)


def split_moods(groups: np.ndarray, moods: np.ndarray, square: np.ndarray) -> np.ndarray:
    """Groups holding praise and complaint sub-themes split by mood; a mixed sub-theme goes with the
    side it is closer to on average (``square``: distances between sub-themes)."""
    groups = np.array(groups, dtype=np.int64, copy=True)
    for g in sorted(set(groups.tolist())):
        members = np.flatnonzero(groups == g)
        if not ((moods[members] > 0).any() and (moods[members] < 0).any()):
            continue
        praise = members[moods[members] > 0]
        complaint = members[moods[members] < 0]
        new = groups.max() + 1
        groups[praise] = new
        for k in members[moods[members] == 0]:
            if square[k, praise].mean() < square[k, complaint].mean():
                groups[k] = new
    return groups


def cap_shares(groups: np.ndarray, sizes: np.ndarray, square: np.ndarray, max_groups: int,
               max_share: float | None = None) -> np.ndarray:
    """Split the largest group while it holds more than ``max_share`` of the items (default
    max(``MAX_SHARE``, 2 / ``max_groups``)) and has sub-themes to split: complete linkage of its
    sub-themes, cut in two. Past ``max_groups`` groups, the two groups closest on average (average
    linkage) that stay under the share are merged instead, so the count keeps its ceiling."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    groups = np.array(groups, dtype=np.int64, copy=True)
    total = max(1, int(sizes.sum()))
    cap = max(MAX_SHARE, 2.0 / max(1, max_groups)) if max_share is None else max_share
    for _ in range(2 * len(groups)):
        share = {g: sizes[groups == g].sum() / total for g in set(groups.tolist())}
        over = [g for g in sorted(share, key=lambda g: (-share[g], g)) if share[g] > cap and np.sum(groups == g) > 1]
        if not over:
            break
        members = np.flatnonzero(groups == over[0])
        halves = fcluster(linkage(squareform(square[np.ix_(members, members)], checks=False), "complete"), 2,
                          "maxclust")
        trial = groups.copy()
        trial[members[halves == 2]] = groups.max() + 1
        if len(set(trial.tolist())) > max_groups:
            pair = _closest_pair(trial, sizes, square, cap * total, keep=set(trial[members].tolist()))
            if pair is None:
                break
            trial[trial == pair[1]] = pair[0]
        groups = trial
    return groups


def _closest_pair(groups: np.ndarray, sizes: np.ndarray, square: np.ndarray, most: float,
                  keep: set[int]) -> tuple[int, int] | None:
    """The two groups (not both in ``keep``: the halves just split) closest on average whose union
    holds at most ``most`` items."""
    ids = sorted(set(groups.tolist()))
    best = None
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            if {a, b} <= keep or sizes[(groups == a) | (groups == b)].sum() > most:
                continue
            d = float(square[np.ix_(groups == a, groups == b)].mean())
            if best is None or d < best[0]:
                best = (d, a, b)
    return None if best is None else (best[1], best[2])


def join_near_duplicates(groups: np.ndarray, centroids: np.ndarray, moods: np.ndarray, square: np.ndarray,
                         min_groups: int) -> np.ndarray:
    """Move a sub-theme to the group of its near-duplicate (nearest same-mood sub-theme, cosine at
    least the ``NEAR_QUANTILE`` of all pairs) when it is on average closer to that group than to its
    own, never emptying a group below ``min_groups`` groups or joining praise to complaint."""
    groups = np.array(groups, dtype=np.int64, copy=True)
    n = len(groups)
    if n < 3:
        return groups
    c = np.asarray(centroids, dtype=np.float64)
    c = c / np.maximum(np.linalg.norm(c, axis=1, keepdims=True), 1e-12)
    sim = c @ c.T
    near = float(np.quantile(sim[np.triu_indices(n, 1)], NEAR_QUANTILE))
    np.fill_diagonal(sim, -np.inf)
    for k in np.argsort(-sim.max(axis=1), kind="stable"):
        same = np.flatnonzero((moods == moods[k]) | (moods == 0) | (moods[k] == 0))
        same = same[same != k]
        if not len(same):
            continue
        j = same[np.argmax(sim[k, same])]
        if sim[k, j] < near or groups[j] == groups[k]:
            continue
        target, own = groups == groups[j], (groups == groups[k])
        own[k] = False
        if moods[k] and (moods[target] == -moods[k]).any():
            continue
        if not own.any() and len(set(groups.tolist())) <= min_groups:
            continue
        if not own.any() or square[k, target].mean() < square[k, own].mean():
            groups[k] = groups[j]
    return groups


def renumber(groups: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """0 = the largest group by items, ties by first sub-theme."""
    order = sorted(set(groups.tolist()),
                   key=lambda g: (-int(sizes[groups == g].sum()), int(np.flatnonzero(groups == g)[0])))
    rank = {g: i for i, g in enumerate(order)}
    return np.array([rank[g] for g in groups], dtype=np.int64)


def parent_texts(docs: Sequence[str], labels: np.ndarray, children: Sequence[int], rng: np.random.Generator,
                 total: int = 200) -> list[str]:
    """An equal sample of each child's member texts (at least ``PARENT_TEXTS`` each), in document order."""
    per = max(PARENT_TEXTS, total // max(1, len(children)))
    picked = []
    for k in children:
        members = np.flatnonzero(labels == k)
        if len(members) > per:
            members = rng.choice(members, per, replace=False)
        picked.extend(members.tolist())
    return [docs[i] for i in sorted(picked)]


def _says(label: str, text: str) -> bool:
    low = text.lower()
    if label.isascii():
        words = [w for w in label.lower().split() if len(w) > 2] or label.lower().split()
        return all(w in low for w in words)
    return label.lower() in low


def against_mood(label: str, docs: Sequence[str], indices: np.ndarray, said: np.ndarray, mood: int) -> bool:
    """Whether the items among ``indices`` (profiled, sentiment argmax ``said``) that say ``label``
    are mostly of the mood opposite to ``mood`` (at least ``GUARD_MIN`` of them)."""
    if not mood or not label:
        return False
    hits = [s for i, s in zip(indices, said) if _says(label, docs[i])]
    if len(hits) < GUARD_MIN:
        return False
    hits = np.asarray(hits)
    neg, pos = float(np.mean(hits == 0)), float(np.mean(hits == 2))
    return (pos - neg >= MOOD_MARGIN) if mood < 0 else (neg - pos >= MOOD_MARGIN)


def group_mood(children: Sequence[int], moods: np.ndarray, sizes: np.ndarray) -> int:
    """The mood most of a group's items have (by its children's moods, weighted by size)."""
    weight = {m: int(sizes[[k for k in children if moods[k] == m]].sum()) for m in (-1, 0, 1)}
    return max(weight, key=lambda m: (weight[m], -abs(m)))



_SUFFIX = re.compile(r"\s*\(\d+\)$")
_LATIN = re.compile(r"[a-z][a-z0-9+#.]{2,}")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
#: A word the labels of children holding at least this share of a parent's items contain names the parent.
SHARED_SHARE = 0.5


def _tokens(label: str) -> set[str]:
    """Words of a label (Latin, 3+ letters) and character pairs of its Chinese runs."""
    low = _SUFFIX.sub("", label).lower()
    out = set(_LATIN.findall(low))
    for run in _CJK_RUN.findall(low):
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out


def shared_label(current: str, child_labels: Sequence[str], child_sizes: Sequence[int], taken: set[str]) -> str:
    """The label of the largest child whose label has the word most of the parent's children share
    (children holding at least ``SHARED_SHARE`` of its items, two or more): "Jupyter" over "Jupyter lab",
    "Jupyter notebook"...; ``current`` when no word is shared that widely or it already has that word."""
    total = float(sum(child_sizes)) or 1.0
    cover: dict[str, list[int]] = {}
    for k, label in enumerate(child_labels):
        for tok in _tokens(label):
            cover.setdefault(tok, []).append(k)
    best = max(((sum(child_sizes[k] for k in ks) / total, -len(tok), tok) for tok, ks in cover.items() if len(ks) > 1),
               default=None)
    if best is None or best[0] < SHARED_SHARE or best[2] in _tokens(current):
        return current
    for k in sorted(cover[best[2]], key=lambda k: (-child_sizes[k], k)):
        label = _SUFFIX.sub("", child_labels[k])
        if label.lower() not in taken:
            return label
    return current
