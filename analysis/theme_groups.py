"""Rules that make the top level of the theme tree read right (used by ``theme_tree.build_tree``).

- **Mood is a hard constraint.** Each sub-theme gets a mood from the app's own per-item sentiment
  (argmax of the feedback-class heads over its profiled members): complaint (-1), praise (+1) or
  mixed (0, when the negative and positive shares are within ``MOOD_MARGIN`` or neutral is the most
  common). A praise group never merges with a complaint group (``constrained_linkage``); mixed ones
  may join either. The distance then adds the feedback-type mix only (``types_only``).
- **One concept, one parent.** Two sub-themes that say the same thing in other words ("两个小时才送到"
  and "送餐太慢": times and lengths move their centroids apart) share words: the grouping distance
  subtracts ``LEXICAL_WEIGHT`` x the cosine of their TF-IDF term vectors (``lexical_similarity``:
  English stems, Chinese characters and character pairs, so 太慢/巨慢/送餐慢 all say 慢).
- **No catch-alls, and no split that tears near-duplicates apart.** The cap on a group's share of the
  items is a constraint of the linkage itself (``constrained_linkage``): the closest pairs merge first
  and a group at the cap takes no more, instead of splitting a grown group afterwards.
- **No sub-theme left behind by the greedy order** (``refine``): one whose nearest sub-theme sits in
  another group it is closer to on average (and within the cut) moves there, under the same rules.
- **Parent labels name what the children share** (``parent_texts``, ``against_mood``; the naming itself is
  ``parent_labels``): the parent is labelled from an equal sample of each child's texts, so a phrase only
  the largest child uses does not win; a label whose own items are mostly of the opposite mood is refused.
Tuned and checked on five real sets with ``bench/tree_quality.py`` (bench/RESULTS.md, sessions 5-7).
"""
from __future__ import annotations

import functools
import re
import threading
from typing import Callable, Sequence

import numpy as np

#: A sub-theme is mixed (mood 0) when its negative and positive shares differ by less than this (or
#: neutral is its most common sentiment).
MOOD_MARGIN = 0.02
#: Whether a sub-theme whose most common sentiment is neutral counts as mixed.
NEUTRAL_MIXED = True
#: No group of several sub-themes holds more than this share of the items (or 2 / the most groups).
MAX_SHARE = 0.15
#: Weight of shared words (``lexical_similarity``, 0-1) subtracted from the distance of two sub-themes.
LEXICAL_WEIGHT = 1.25
#: Texts per child (at least) in the sample a parent's label is read from.
PARENT_TEXTS = 20
#: Fewer items than this containing a label cannot refuse it.
GUARD_MIN = 5

#: ``profile(indices)`` -> (sentiment probabilities, type probabilities) of those documents, one row
#: each (``analysis.feedback_classes.Heads.probabilities``).
Profile = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]


def profile_subthemes(labels: np.ndarray, n_sub: int, indices: np.ndarray,
                      profile: Profile) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(mixes, moods, profiled indices, their sentiment argmax, their type argmax): per sub-theme the mean
    sentiment and type probabilities side by side (NaN without a profiled member) and its mood (-1, 0, 1)."""
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
    typed = kind.argmax(axis=1) if len(kind) else np.zeros(0, np.int64)
    neg = np.bincount(sub[said == 0], minlength=n_sub) / np.maximum(counts, 1)
    pos = np.bincount(sub[said == 2], minlength=n_sub) / np.maximum(counts, 1)
    neu = 1.0 - neg - pos if NEUTRAL_MIXED else np.zeros(n_sub)
    praise, complaint = (pos - neg >= MOOD_MARGIN) & (pos > neu), (neg - pos >= MOOD_MARGIN) & (neg > neu)
    moods = np.where(praise, 1, np.where(complaint, -1, 0))
    moods[counts == 0] = 0
    return mixes, moods.astype(np.int64), indices, said, typed


def types_only(mixes: np.ndarray | None, n_sentiments: int = 3) -> np.ndarray | None:
    """The mixes with the sentiment columns zeroed: with mood a hard rule, the distance adds the
    difference in feedback type only (a sentiment term on top pulled topics apart by tone)."""
    if mixes is None:
        return None
    out = np.array(mixes, dtype=np.float64, copy=True)
    out[:, :n_sentiments] = np.where(np.isnan(out[:, :n_sentiments]), np.nan, 0.0)
    return out


def constrained_linkage(square: np.ndarray, sizes: np.ndarray, stop: float, most: int, least: int,
                        moods: np.ndarray | None = None, max_items: float | None = None) -> np.ndarray:
    """Average linkage (UPGMA) of sub-themes on ``square`` distances that never merges a praise group
    with a complaint group (``moods``) nor makes a group of more than ``max_items`` items: merging
    stops at distance ``stop`` once at most ``most`` groups remain, and never goes below ``least``.
    The closest pairs (near-duplicates) merge first, so no later split can separate them; a group at
    the cap simply takes no more. Returns a group per sub-theme (numbered by first sub-theme)."""
    n = len(sizes)
    dist = np.array(square, dtype=np.float64, copy=True)
    np.fill_diagonal(dist, np.inf)
    items = np.asarray(sizes, dtype=np.float64).copy()
    count = np.ones(n)
    moods = np.zeros(n, np.int64) if moods is None else np.asarray(moods)
    pos, neg = moods > 0, moods < 0
    cap = np.inf if max_items is None else float(max_items)
    alive = np.ones(n, dtype=bool)
    owner = np.arange(n)
    while alive.sum() > least:
        barred = ((pos[:, None] & neg[None, :]) | (neg[:, None] & pos[None, :])
                  | (items[:, None] + items[None, :] > cap) | ~(alive[:, None] & alive[None, :]))
        masked = np.where(barred, np.inf, dist)
        a, b = divmod(int(np.argmin(masked)), n)
        if not np.isfinite(masked[a, b]) or (masked[a, b] > stop and alive.sum() <= most):
            break
        a, b = min(a, b), max(a, b)
        merged = (count[a] * dist[a] + count[b] * dist[b]) / (count[a] + count[b])
        dist[a], dist[:, a] = merged, merged
        dist[b], dist[:, b] = np.inf, np.inf
        dist[a, a] = np.inf
        count[a] += count[b]
        items[a] += items[b]
        pos[a] |= pos[b]
        neg[a] |= neg[b]
        alive[b] = False
        owner[owner == b] = a
    return np.unique(owner, return_inverse=True)[1].astype(np.int64)


def refine(groups: np.ndarray, square: np.ndarray, sizes: np.ndarray, moods: np.ndarray | None,
           max_items: float | None, least: int, stop: float = np.inf, rounds: int = 50) -> np.ndarray:
    """Move each sub-theme whose nearest sub-theme (by ``square``) sits in another group to that group
    when it is closer on average to that group's members than to its own group's other members (what
    the greedy linkage got wrong: a sub-theme that merged early with a neighbour and was then carried
    away from its twin), never to a group of the opposite mood or past ``max_items``, as long as
    ``least`` groups remain. The largest gain moves first; repeated until nothing moves."""
    groups = np.array(groups, dtype=np.int64, copy=True)
    n = len(groups)
    moods = np.zeros(n, np.int64) if moods is None else np.asarray(moods)
    cap = np.inf if max_items is None else float(max_items)
    dist = np.array(square, dtype=np.float64, copy=True)
    np.fill_diagonal(dist, np.inf)
    nearest = dist.argmin(axis=1)
    np.fill_diagonal(dist, 0.0)
    for _ in range(rounds):
        best = None
        load = {g: float(sizes[groups == g].sum()) for g in set(groups.tolist())}
        for k in range(n):
            g, h = groups[k], groups[nearest[k]]
            own = groups == g
            own[k] = False
            if g == h or (not own.any() and len(load) <= least):
                continue
            target = groups == h
            if moods[k] and (moods[target] == -moods[k]).any() or load[h] + sizes[k] > cap:
                continue
            there = float(dist[k, target].mean())
            gain = (float(dist[k, own].mean()) if own.any() else stop) - there
            if there <= stop and gain > 0 and (best is None or gain > best[0]):
                best = (gain, k, h)
        if best is None:
            break
        groups[best[1]] = best[2]
    return np.unique(groups, return_inverse=True)[1].astype(np.int64)


def attach_names(groups: np.ndarray, attach: Sequence[int], square: np.ndarray, sizes: np.ndarray,
                 moods: np.ndarray | None, max_items: float | None, least: int,
                 twin: np.ndarray | None = None) -> np.ndarray:
    """Each sub-theme in ``attach`` (held together by a name) moves to the group whose other, content
    sub-theme members it is nearest to on average by ``square`` (its members re-embedded without the
    name), never to a group of the opposite mood or past ``max_items``, as long as ``least`` groups remain.
    ``twin`` (per sub-theme its near-duplicate or -1, ``theme_concepts.twins``; session 12): a sub-theme beside its
    twin moves with it, as one unit by their mean distance (the larger alone counted against ``max_items``: a second
    wording adds no claim, as in ``theme_concepts.follow_members``; when its nearest group is full, the pair stays
    where it is rather than going further), or stays when the twin is a content sub-theme
    (placing each alone tore "Steve Jobs emails" from "Steve Jobs at the trial" after the concept passes joined
    them, and the cap sent one of two automated stock posts away from the stock parent)."""
    groups = np.array(groups, dtype=np.int64, copy=True)
    n = len(groups)
    content = ~np.isin(np.arange(n), list(attach))
    moods = np.zeros(n, np.int64) if moods is None else np.asarray(moods)
    cap = np.inf if max_items is None else float(max_items)
    done: set[int] = set()
    for k in sorted(attach):
        if k in done:
            continue
        unit = _with_twin(k, groups, twin)
        done.update(unit)
        if content[unit].any():  # its twin is a content sub-theme: the pair stays where the concept passes put it
            continue
        mean, full = {}, set()
        for g in sorted(set(groups.tolist())):
            others = (groups == g) & content
            others[unit] = False
            members = groups == g
            if not others.any() or any(moods[u] and (moods[members] == -moods[u]).any() for u in unit):
                continue
            if g != groups[k] and sizes[members].sum() + sizes[unit].max() > cap:  # a twin adds no claim
                full.add(g)
            mean[g] = float(square[np.ix_(unit, np.flatnonzero(others))].mean())
        if len(unit) > 1 and mean and min(mean, key=lambda g: (mean[g], g)) in full:
            continue  # the pair's nearest parent is full: the pair stays together where it is
        mean = {g: m for g, m in mean.items() if g not in full}
        if not mean:
            continue
        best = min(mean, key=lambda g: (mean[g], g))
        alone = np.sum(groups == groups[k]) == len(unit)
        if best != groups[k] and (not alone or len(set(groups.tolist())) > least):
            groups[unit] = best
    return groups


def _with_twin(k: int, groups: np.ndarray, twin: np.ndarray | None) -> list[int]:
    """``k`` and the sub-themes of its group that are its twin or whose twin it is."""
    if twin is None:
        return [k]
    twin = np.asarray(twin)
    mates = {int(twin[k])} if twin[k] >= 0 else set()
    mates |= {int(j) for j in np.flatnonzero(twin == k)}
    return [k] + sorted(j for j in mates if j != k and groups[j] == groups[k])


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


def _said_parts(label: str) -> list[str]:
    """What a lower-cased text must contain to say ``label``: its words of three letters or more (all
    its words if none; English), or the whole label (Chinese)."""
    if label.isascii():
        return [w for w in label.lower().split() if len(w) > 2] or label.lower().split()
    return [label.lower()]


def _says(label: str, text: str) -> bool:
    low = text.lower()
    return all(w in low for w in _said_parts(label))


def against_mood(label: str, docs: Sequence[str], indices: np.ndarray, said: np.ndarray, mood: int,
                 lowered: Sequence[str] | None = None) -> bool:
    """Whether the items among ``indices`` (profiled, sentiment argmax ``said``) that say ``label``
    are mostly of the mood opposite to ``mood`` (at least ``GUARD_MIN`` of them). ``lowered``: the
    texts of ``indices`` lower-cased, when the caller asks about several labels (10,000 texts each)."""
    if not mood or not label:
        return False
    texts = (docs[i].lower() for i in indices) if lowered is None else lowered
    pairs = list(zip(texts, said))
    for part in _said_parts(label):  # every part: the texts holding the first, then of those the next...
        pairs = [(low, s) for low, s in pairs if part in low]
    hits = [s for _, s in pairs]
    if len(hits) < GUARD_MIN:
        return False
    hits = np.asarray(hits)
    neg, pos = float(np.mean(hits == 0)), float(np.mean(hits == 2))
    return (pos - neg >= MOOD_MARGIN) if mood < 0 else (neg - pos >= MOOD_MARGIN)


def group_mood(children: Sequence[int], moods: np.ndarray, sizes: np.ndarray) -> int:
    """The mood most of a group's items have (by its children's moods, weighted by size)."""
    weight = {m: int(sizes[[k for k in children if moods[k] == m]].sum()) for m in (-1, 0, 1)}
    return max(weight, key=lambda m: (weight[m], -abs(m)))



_LEX_LATIN = re.compile(r"[a-z][a-z'+#-]*[a-z+#]")
_LEX_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def _lex_terms(text: str, stem) -> list[str]:
    """Terms two wordings of one concept share: English word stems (stop words left out) and, for
    Chinese, single characters (stop characters left out) and character pairs: 太慢, 巨慢 and
    送餐慢 all say 慢 without any segmentation."""
    from .topic_keywords import CHINESE_STOP, english_stop

    low = text.lower()
    stop = english_stop()
    out = [stem(w) for w in _LEX_LATIN.findall(low) if len(w) > 2 and w not in stop]
    for run in _LEX_CJK.findall(low):
        out.extend(ch for ch in run if ch not in CHINESE_STOP)
        out.extend(run[i:i + 2] for i in range(len(run) - 1))
    return out


_STEM_LOCK = threading.Lock()


@functools.lru_cache(maxsize=200_000)
def stem_word(word: str) -> str:
    """The English Snowball stem of ``word`` (cached: the shared-words and key-term passes read the same texts)."""
    with _STEM_LOCK:  # one stemmer object, not safe to share across threads
        return _stemmer().stemWord(word)


@functools.lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def with_words(distances: np.ndarray, lexical: np.ndarray | None, weight: float = LEXICAL_WEIGHT) -> np.ndarray:
    """Condensed ``distances`` less ``weight`` x the sub-themes' ``lexical_similarity`` (square), at least 0."""
    if lexical is None or not weight or not len(distances):
        return distances
    from scipy.spatial.distance import squareform

    return np.maximum(distances - weight * squareform(lexical, checks=False), 0.0)


def lexical_similarity(texts: Sequence[Sequence[str]]) -> np.ndarray:
    """Cosine similarity of sub-themes' TF-IDF term vectors (``texts``: a sample of each one's member
    texts; a sub-theme is one document, so the IDF is over sub-themes): how much two sub-themes say
    in the same words, whatever else (lengths, numbers, times) moves their centroids apart."""
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import CountVectorizer

    n = len(texts)
    if n < 2:
        return np.ones((n, n))
    vectorizer = CountVectorizer(analyzer=lambda group: [t for text in group for t in _lex_terms(text, stem_word)])
    try:
        counts = vectorizer.fit_transform([list(g) for g in texts]).astype(np.float64)
    except ValueError:  # no terms at all
        return np.eye(n)
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    counts.data = np.log1p(counts.data)  # sublinear term frequency
    weights = counts @ sp.diags(np.log(n / np.maximum(df, 1)))  # a term every sub-theme uses weighs 0
    norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
    weights = sp.diags(1.0 / np.maximum(norms, 1e-12)) @ weights
    sim = (weights @ weights.T).toarray()
    np.fill_diagonal(sim, 1.0)
    return np.clip(sim, 0.0, 1.0)
