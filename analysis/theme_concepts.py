"""One concept, one parent, even past the size cap (used by ``theme_tree.group_subthemes``).

The ordinary grouping (``theme_groups.constrained_linkage`` and ``refine``) never lets a parent hold more
than ``theme_groups.MAX_SHARE`` of the items and stops at the cut, so a large concept (slow delivery is
~18% of a food-delivery set) ends torn over several parents. Two post-passes join what is **one concept**
(``one_concept``), by three kinds of evidence at once:
- every sub-theme has the same majority mood (``theme_groups.profile_subthemes``) and feedback type;
- a shared **key term**: a term (English stem or Chinese character pair) that is key to one of them (used
  by ``KEY_SHARE`` of its sampled texts, ``KEY_LIFT`` x as often as its peers: the sub-themes of its mood
  and type) and used by every one (``USE_SHARE``, ``USE_LIFT`` x its peers). A word all complaints (or
  all praise) use is never key, so a shared generic word ("app", "吃", "love") joins nothing;
- closeness: average distance (the grouping distance) within ``CONCEPT_DISTANCE`` x the ordinary cut.
``merge_parents`` merges whole groups that together are one concept (closest first); ``gather`` moves
a sub-theme (with its nearest sibling when both qualify) from a mixed group into a one-concept group it
is closer to than to its own. A group that is one concept may hold up to ``CONCEPT_SHARE`` of the items
(the lead's decision, session 8: only a parent whose children are one concept may pass the ordinary cap).
Session 9: ``merge_parents`` needs the term key to ``KEY_TIMES`` of the merged sub-themes (a term key to
one issue and merely used by the rest joined four unrelated feature requests); ``leave_mixed`` lets a
sub-theme whose parent holds another concept move to the parent of its own (``linked`` sub-themes: a term
key to one, used by the other), when it is no further from that parent than from its siblings: a grab-bag
parent of taste, spills and dish names splits along what its children say.
Session 10: ``follow_members`` moves a sub-theme to the parent its own members sit nearest to (``member_votes``:
each sampled member's nearest other sub-theme by its centroid), when that parent draws clearly more of them than
its own: what the members say, not a shared word nor the one centroid ("两个小时才送到" members sit nearest the
"送餐慢" children even though no key term joins them and the lexical term pulls the sub-theme to "饭都凉").
Session 11: a cap never tears a near-duplicate from its twin (``twins``: its nearest sub-theme by the grouping
distance, of its mood and kind, is also where most of its members sit nearest): it follows its members into the
twin's parent although that parent is at the cap (a second wording adds no claim; its items do not count against
the ordinary cap, ``CONCEPT_SHARE`` still bounds the parent), even out of a pair of two moods or kinds ("奇慢"
paired with the mixed "送货员" because "送餐太慢" was full). And two parents of one mood and kind that are each
other's first choice by their members' votes merge under the ordinary cap (``merge_voted_parents``): "送餐太慢"
(慢, 奇慢) and "两个小时才送到" (小时, 分钟) share no key term and lie beyond the cut, yet their members say one thing.
Session 11 (slow11): a sub-theme alone in its parent joins its twin's parent too ("外卖小哥送" beside "师傅好"), and
such arrivals do not count against the cap of ``merge_voted_parents`` either.
Measured on five real sets with ``bench/tree_quality.py`` (bench/RESULTS.md, sessions 8 to 11).
Deterministic: no randomness but the seeded member sample of ``member_votes``; ties go to the lowest index.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

#: The most items (share of all) a parent holding one concept's sub-themes only may hold.
CONCEPT_SHARE = 0.30
#: Sub-themes of one concept lie within this many times the ordinary cut of each other (average linkage).
CONCEPT_DISTANCE = 1.5
#: A term is key to a sub-theme when at least this share of its sampled texts use it...
KEY_SHARE = 0.2
#: ...and this many times as often as its peers (the sub-themes of its mood and type).
KEY_LIFT = 4.0
#: Key terms are weighed against the sub-themes of the same mood and kind when there are this many.
MIN_PEERS = 5
#: The typical share among peers: "median" (a word half the peers use is generic) or "mean".
REFERENCE = "mean"
#: Every sub-theme of a concept uses the concept's key term in at least this share of its texts...
USE_SHARE = 0.1
#: ...and this many times as often as its peers.
USE_LIFT = 1.5
#: Two groups merge only when their concept's term is key to at least this many of their sub-themes.
KEY_TIMES = 2
#: A sub-theme leaves its parent for another when that many of the other's items (share) are linked to it...
AFFINITY = 0.5
#: ...and that much more than of its own siblings' items (``leave_mixed``).
AFFINITY_MARGIN = 0.25
#: Members per sub-theme whose nearest other sub-theme is read (a seeded sample; ``member_votes``).
VOTE_SAMPLE = 200
#: A sub-theme follows its members to another parent when at least this share of them sit nearest to it...
VOTE_SHARE = 0.4
#: ...and this much more than to its own siblings (``follow_members``).
VOTE_MARGIN = 0.25
#: ...from a parent that keeps at least this many sub-themes (moving lone sub-themes and pairs too dropped the
#: nlbse24 top level below the flat themes, session 10).
STAY = 2
#: Two parents merge when each is the other's first choice and at least this share of each one's members sit
#: nearest to a sub-theme of the other (``merge_voted_parents``).
PARENT_VOTE = 0.1


def term_shares(texts: Sequence[Sequence[str]], with_terms: bool = False):
    """Per sub-theme (``texts``: a sample of its member texts) the share of its texts using each term
    that some sub-theme could hold as key (columns: terms used by ``KEY_SHARE`` of some sub-theme);
    ``with_terms``: (shares, the terms)."""
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import CountVectorizer

    from .theme_groups import _lex_terms, stem_word

    flat = [t for group in texts for t in group]
    lengths = np.array([len(g) for g in texts], dtype=np.int64)
    if not flat:
        return (np.zeros((len(texts), 0)), np.zeros(0, dtype=object)) if with_terms else np.zeros((len(texts), 0))
    try:
        vocabulary = CountVectorizer(analyzer=lambda t: {w for w in _lex_terms(t, stem_word) if len(w) > 1},
                                     binary=True)
        present = vocabulary.fit_transform(flat)  # Chinese: character pairs, not single characters
    except ValueError:  # no terms at all
        return (np.zeros((len(texts), 0)), np.zeros(0, dtype=object)) if with_terms else np.zeros((len(texts), 0))
    owner = sp.csr_matrix((np.ones(len(flat)), (np.repeat(np.arange(len(texts)), lengths), np.arange(len(flat)))),
                          shape=(len(texts), len(flat)))
    share = np.asarray((owner @ present).todense(), dtype=np.float64) / np.maximum(lengths, 1)[:, None]
    keep = share.max(axis=0) >= KEY_SHARE
    return (share[:, keep], vocabulary.get_feature_names_out()[keep]) if with_terms else share[:, keep]


def _keys(share: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Which terms are key in ``share`` against its peers' average ``mean``."""
    return (share >= KEY_SHARE) & (share >= KEY_LIFT * np.maximum(mean, 1e-12))


def _reference(shares: np.ndarray, same: np.ndarray) -> np.ndarray:
    """Per sub-theme, the typical (``REFERENCE``) share of each term among the sub-themes of its mood and kind
    (``same``; all sub-themes when fewer than ``MIN_PEERS``): praise words are not key among praise."""
    pick = np.median if REFERENCE == "median" else np.mean
    overall = pick(shares, axis=0) if len(shares) else np.zeros(shares.shape[1])
    out = np.empty_like(shares)
    for k in range(len(shares)):
        out[k] = pick(shares[same[k]], axis=0) if same[k].sum() >= MIN_PEERS else overall
    return out


def _used(share: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Which terms ``share`` uses clearly more than its peers' average ``mean``."""
    return (share >= USE_SHARE) & (share >= USE_LIFT * np.maximum(mean, 1e-12))


def _evidence(moods: np.ndarray, kinds: np.ndarray, shares: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(pairs of the same mood and kind, key terms, used terms) of the sub-themes."""
    same = (moods[:, None] == moods[None, :]) & (kinds[:, None] == kinds[None, :])
    mean = _reference(shares, same)
    return same, _keys(shares, mean), _used(shares, mean)


def one_concept(members: np.ndarray, same: np.ndarray, key: np.ndarray, used: np.ndarray,
                times: int = 1) -> np.ndarray:
    """The terms that make the sub-themes ``members`` (a boolean mask) one concept: all of one mood and
    kind (``same``), key to ``times`` of them and used by every one (empty when they are not one concept)."""
    if not same[np.ix_(members, members)].all():
        return np.zeros(0, dtype=np.int64)
    often = key[members].sum(axis=0) >= times
    return np.flatnonzero(often & used[members].all(axis=0))


def linked(same: np.ndarray, key: np.ndarray, used: np.ndarray) -> np.ndarray:
    """Pairs of sub-themes of one mood and kind (``same``) where a term key to one is used by the other."""
    k, u = key.astype(np.float64), used.astype(np.float64)
    hit = (k @ u.T) > 0
    out = same & (hit | hit.T)
    np.fill_diagonal(out, False)
    return out


def merge_parents(groups: np.ndarray, square: np.ndarray, sizes: np.ndarray, moods: np.ndarray, kinds: np.ndarray,
                  shares: np.ndarray, stop: float, max_items: float, least: int,
                  trace: list | None = None) -> np.ndarray:
    """Merge whole groups (parents, or sub-themes alone) that are one concept: every sub-theme of both has
    the same mood and kind (``moods``, ``kinds``), some term is key to one of them and used by every one
    (``shares``; a generic word is never key), their average distance (``square``) is at most ``stop`` and
    together they hold at most ``max_items`` items. The closest pair first, while more than ``least`` remain."""
    groups = np.array(groups, dtype=np.int64, copy=True)
    same, key, used = _evidence(moods, kinds, shares)
    sizes = np.asarray(sizes, dtype=np.float64)
    merged = True
    while merged and len(np.unique(groups)) > least:
        merged = False
        ids = np.unique(groups)
        pairs = []
        for i, g in enumerate(ids):
            a = groups == g
            for h in ids[i + 1:]:
                b = groups == h
                d = float(square[np.ix_(a, b)].mean())
                if d <= stop and sizes[a].sum() + sizes[b].sum() <= max_items:
                    pairs.append((d, int(g), int(h)))
        for d, g, h in sorted(pairs):  # the closest pair that is one concept merges; then look again
            evidence = one_concept((groups == g) | (groups == h), same, key, used, KEY_TIMES)
            if len(evidence):
                if trace is not None:
                    trace.append((g, h, d, evidence.tolist()))
                groups[groups == h] = g
                merged = True
                break
    return np.unique(groups, return_inverse=True)[1].astype(np.int64)


def gather(groups: np.ndarray, square: np.ndarray, sizes: np.ndarray, moods: np.ndarray, kinds: np.ndarray,
           shares: np.ndarray, stop: float, max_items: float, trace: list | None = None,
           rounds: int = 50) -> np.ndarray:
    """Move sub-themes left in a mixed group into the one-concept group (``one_concept``, 2+ sub-themes)
    they belong to: the group with them is still one concept and holds at most ``max_items``, and they are
    closer to it on average (``square``, at most ``stop``) than to the rest of their own group. A sub-theme
    moves with its nearest sub-theme in its group when both qualify (twins stay together). The largest
    gain first, until nothing moves."""
    groups = np.array(groups, dtype=np.int64, copy=True)
    n = len(groups)
    same, key, used = _evidence(moods, kinds, shares)
    sizes = np.asarray(sizes, dtype=np.float64)
    dist = np.array(square, dtype=np.float64, copy=True)
    np.fill_diagonal(dist, np.inf)
    for _ in range(rounds):
        concept = [int(g) for g in np.unique(groups)
                   if np.sum(groups == g) > 1 and len(one_concept(groups == g, same, key, used))]
        best = None
        for k in range(n):
            own = groups == groups[k]
            if int(groups[k]) in concept or own.sum() < 2:
                continue
            mates = np.flatnonzero(own & (np.arange(n) != k))
            twin = int(mates[np.argmin(dist[k, mates])])
            for unit in ([k, twin], [k]) if len(mates) > 1 else ([k],):
                rest = own.copy()
                rest[unit] = False
                for g in concept:
                    target = groups == g
                    moved = target.copy()
                    moved[unit] = True
                    if sizes[moved].sum() > max_items or not len(one_concept(moved, same, key, used)):
                        continue
                    there = float(dist[np.ix_(unit, np.flatnonzero(target))].mean())
                    gain = float(dist[np.ix_(unit, np.flatnonzero(rest))].mean()) - there
                    if there <= stop and gain > 0 and (best is None or gain > best[0]):
                        best = (gain, tuple(unit), g)
        if best is None:
            break
        if trace is not None:
            trace.append(best)
        groups[list(best[1])] = best[2]
    return np.unique(groups, return_inverse=True)[1].astype(np.int64)


def leave_mixed(groups: np.ndarray, square: np.ndarray, sizes: np.ndarray, moods: np.ndarray, kinds: np.ndarray,
                shares: np.ndarray, stop: float, max_items: float, concept_items: float,
                trace: list | None = None, rounds: int = 50, type_gaps: np.ndarray | None = None) -> np.ndarray:
    """A sub-theme whose parent holds another concept moves to the parent of its own: at least ``AFFINITY`` of
    that parent's items are in sub-themes ``linked`` to it (a term key to one, used by the other; same mood and
    kind), ``AFFINITY_MARGIN`` more than of its own siblings' items, it lies within ``stop`` of that parent on
    average (``square``) and no further than from its own siblings, never across moods, and the parent then
    holds at most ``max_items`` (``concept_items`` when it is then one concept). The clearest move first,
    until nothing moves. ``type_gaps``: nor to a parent further in type mix than its siblings (``follow_members``)."""
    groups = np.array(groups, dtype=np.int64, copy=True)
    n = len(groups)
    same, key, used = _evidence(moods, kinds, shares)
    link = linked(same, key, used).astype(np.float64)
    sizes = np.asarray(sizes, dtype=np.float64)
    moods = np.asarray(moods)
    for _ in range(rounds):
        best = None
        ids = np.unique(groups)
        for k in range(n):
            own = groups == groups[k]
            own[k] = False
            if not own.any() or not link[k].any():
                continue
            mine = float(sizes[own] @ link[k, own]) / float(sizes[own].sum())
            for g in ids:
                target = groups == g
                if g == groups[k] or (moods[k] and (moods[target] == -moods[k]).any()):
                    continue
                theirs = float(sizes[target] @ link[k, target]) / float(sizes[target].sum())
                gain = theirs - mine
                if theirs < AFFINITY or gain < AFFINITY_MARGIN or (best is not None and gain <= best[0]):
                    continue
                there = float(square[k, target].mean())
                if there > stop or there > float(square[k, own].mean()):  # never further than its siblings
                    continue
                if type_gaps is not None and float(type_gaps[k, target].mean()) > float(type_gaps[k, own].mean()) + 1e-12:
                    continue  # nor further in type mix (``follow_members``)
                moved = target.copy()
                moved[k] = True
                ceiling = concept_items if len(one_concept(moved, same, key, used)) else max_items
                if sizes[moved].sum() <= ceiling:
                    best = (gain, k, int(g))
        if best is None:
            break
        if trace is not None:
            trace.append(best)
        groups[best[1]] = best[2]
    return np.unique(groups, return_inverse=True)[1].astype(np.int64)


def member_votes(embeddings: np.ndarray, labels: np.ndarray, centroids: np.ndarray, moods: np.ndarray,
                 rng: np.random.Generator, per: int = VOTE_SAMPLE) -> np.ndarray:
    """``votes[k, j]``: the share of sub-theme ``k``'s sampled members (``per`` each) whose nearest sub-theme
    centroid other than ``k``'s own, among those not of the opposite mood, is ``j`` (rows sum to 1; 0 without
    members). Cosine on unit centroids; ties go to the lowest index."""
    n = len(centroids)
    votes = np.zeros((n, n))
    if n < 2:
        return votes
    unit = np.asarray(centroids, dtype=np.float32)
    unit = unit / np.maximum(np.linalg.norm(unit, axis=1, keepdims=True), 1e-12)
    moods = np.asarray(moods)
    picked = []
    for k in range(n):
        members = np.flatnonzero(labels == k)
        picked.append(np.sort(rng.choice(members, per, replace=False)) if len(members) > per else members)
    rows = np.concatenate(picked) if picked else np.zeros(0, np.int64)
    if not len(rows):
        return votes
    owner = np.repeat(np.arange(n), [len(p) for p in picked])
    sim = np.asarray(embeddings[rows], dtype=np.float32) @ unit.T  # one product for every sampled member
    barred = np.eye(n, dtype=bool) | ((moods[:, None] * moods[None, :]) < 0)  # its own, and the other mood
    sim[barred[owner]] = -np.inf
    nearest = sim.argmax(axis=1)
    ok = ~barred[owner, nearest]  # a member with nothing allowed left votes for none
    np.add.at(votes, (owner[ok], nearest[ok]), 1.0)
    return votes / np.maximum(np.array([len(p) for p in picked], dtype=np.float64), 1)[:, None]


def twins(votes: np.ndarray, square: np.ndarray, moods: np.ndarray, kinds: np.ndarray) -> np.ndarray:
    """Per sub-theme, the sub-theme it is a near-duplicate of (-1: none): its nearest sub-theme by ``square`` (the
    grouping distance), of its mood and kind, which is also the one most of its members sit nearest to (at least
    ``VOTE_SHARE`` of them by ``votes``): the same claim by centroid, words and members at once."""
    n = len(square)
    if n < 2:
        return np.full(n, -1, dtype=np.int64)
    dist = np.array(square, dtype=np.float64, copy=True)
    np.fill_diagonal(dist, np.inf)
    nearest = dist.argmin(axis=1)
    rows = np.arange(n)
    moods, kinds = np.asarray(moods), np.asarray(kinds)
    ok = ((votes.argmax(axis=1) == nearest) & (votes[rows, nearest] >= VOTE_SHARE)
          & (moods[nearest] == moods) & (kinds[nearest] == kinds))
    return np.where(ok, nearest, -1).astype(np.int64)


def follow_members(groups: np.ndarray, votes: np.ndarray, square: np.ndarray, sizes: np.ndarray, moods: np.ndarray,
                   kinds: np.ndarray, shares: np.ndarray, stop: float, max_items: float, concept_items: float,
                   trace: list | None = None, rounds: int = 50, type_gaps: np.ndarray | None = None,
                   arrivals: np.ndarray | None = None, firm: np.ndarray | None = None) -> np.ndarray:
    """A sub-theme moves to the parent its members sit nearest to (``votes``, ``member_votes``): at least
    ``VOTE_SHARE`` of them nearest to that parent's sub-themes and ``VOTE_MARGIN`` more than to its own siblings,
    of the mood and kind of every sub-theme there, within ``stop`` of it on average (``square``), the parent then
    holding at most ``max_items`` (``concept_items`` when it is then one concept, ``one_concept``), and its own
    parent keeping ``STAY`` sub-themes. The clearest move first, until nothing moves.
    Session 11: a sub-theme whose ``twins`` partner is in that parent joins it as a near-duplicate: its items do
    not count against ``max_items`` (a second wording adds no claim to the parent; ``concept_items`` still bounds
    it), and it may leave a pair whose other sub-theme is of another mood or kind (such a pair is no concept:
    the cap left it behind with whatever was near).
    ``type_gaps`` (square, the total variation distance of the sub-themes' mean feedback-type mixes): never to a
    parent whose sub-themes' type mixes are further from its own on average than its siblings' are (the members'
    votes read what they are about, not what kind of feedback they are: nlbse24's questions about TF Lite models
    followed their members into the parent of crash reports).
    A sub-theme alone in its parent may leave it for its twin's parent too (session 11, slow11: "外卖小哥送" alone
    while its twin sat under "师傅好"). ``arrivals`` (bool per sub-theme, filled when given): which joined their
    twin's parent and are still beside it (``merge_voted_parents`` does not count their items either).
    Session 12 (guard12): the margin is over the siblings of its own mood and kind only (the target counts only such
    sub-themes too: a mixed sibling, "配送速度" speed remarks both ways, does not hold a plain complaint back), and
    ``firm`` (bool per sub-theme: its type leads the next by ``theme_tree.FIRM_MARGIN``) lifts the type gap for a
    firm sub-theme going to a parent whose sub-themes are all firm (of its kind, as every move): two firm
    complaints differ in the minor types' noise ("慢, 饭还可以" a quarter praise-typed), not in kind. A pair with a
    sibling of another mood or kind is no concept: its sub-theme may leave it for any parent, not only its twin's."""
    groups = np.array(groups, dtype=np.int64, copy=True)
    n = len(groups)
    same, key, used = _evidence(moods, kinds, shares)
    sizes = np.asarray(sizes, dtype=np.float64)
    apart = (~same).astype(np.float64)
    twin = twins(votes, square, moods, kinds)
    has_twin = twin >= 0
    arrived = np.zeros(n, dtype=bool)  # joined its twin's parent: its items are not counted against max_items
    rows = np.arange(n)
    for _ in range(rounds):
        ids, where = np.unique(groups, return_inverse=True)
        member = (where[:, None] == np.arange(len(ids))[None, :]).astype(np.float64)
        counts = member.sum(axis=0)
        drawn = votes @ member  # votes[k, k] is 0: the own column counts the siblings only
        held = ((votes * same) @ member)[rows, where]  # siblings of its own mood and kind hold it
        gain = drawn - held[:, None]
        near = (square @ member) / counts
        fit = ((apart @ member) == 0) & (where[:, None] != np.arange(len(ids))[None, :])
        exempt = np.where(arrived & has_twin & (where[twin] == where), sizes, 0.0)  # while its twin is there
        joins_twin = np.zeros((n, len(ids)), dtype=bool)
        joins_twin[rows[has_twin], where[twin[has_twin]]] = True
        mixed_pair = (counts[where] == 2) & ((apart @ member)[rows, where] > 0)
        alone = counts[where] == 1
        stays = ((counts[where] - 1 >= STAY) | mixed_pair)[:, None] | (joins_twin & alone[:, None])
        fit &= stays  # a pair of one kind is not torn apart, a sub-theme alone stays alone (but for a twin)
        fit &= (drawn >= VOTE_SHARE) & (gain >= VOTE_MARGIN) & (near <= stop)
        if type_gaps is not None:  # never to a parent further in type mix than its own siblings
            gap = (type_gaps @ member) / counts
            siblings = gap[rows, where] * counts[where] / np.maximum(counts[where] - 1, 1)
            passes = (gap <= siblings[:, None] + 1e-12) | (counts[where] == 1)[:, None]
            if firm is not None:  # firm into all-firm: the gap is noise between two clear mixes of one type
                loose = (~np.asarray(firm, dtype=bool)).astype(np.float64) @ member
                passes |= np.asarray(firm, dtype=bool)[:, None] & (loose == 0)[None, :]
            fit &= passes
        best = None
        for k, g in sorted(zip(*np.nonzero(fit)), key=lambda kg: (-gain[kg], kg[0], kg[1])):
            moved = where == g
            moved[k] = True
            total = float(sizes[moved].sum())
            counted = total - float(exempt[moved].sum()) - (sizes[k] if joins_twin[k, g] else 0.0)
            ceiling = concept_items if len(one_concept(moved, same, key, used)) else max_items
            if counted <= ceiling and total <= max(concept_items, max_items):
                best = (float(gain[k, g]), int(k), int(ids[g]), bool(joins_twin[k, g]))
                break
        if best is None:
            break
        if trace is not None:
            trace.append(best[:3])
        arrived[best[1]] = best[3]
        groups[best[1]] = best[2]
    if arrivals is not None:
        arrivals[:] = arrived & has_twin & (groups[np.maximum(twin, 0)] == groups)
    return np.unique(groups, return_inverse=True)[1].astype(np.int64)



def merge_voted_parents(groups: np.ndarray, votes: np.ndarray, square: np.ndarray, sizes: np.ndarray,
                        moods: np.ndarray, kinds: np.ndarray, stop: float, max_items: float, least: int,
                        trace: list | None = None, arrivals: np.ndarray | None = None,
                        ceiling: float = np.inf) -> np.ndarray:
    """Two parents that are each other's first choice by their members' votes (``member_votes``; per parent, the
    share of its items' sampled members whose nearest other sub-theme is in the other parent, at least
    ``PARENT_VOTE`` both ways) among the parents each may join (every sub-theme of both of one mood and kind,
    within ``stop`` on average by ``square``, together at most ``max_items``: the ordinary cap) merge: one concept
    in two wordings ("送餐太慢" and "两个小时才送到") that the cut kept apart. The strongest pair first, while
    more than ``least`` parents remain. ``arrivals`` (``follow_members``): near-duplicates that joined their twin's
    parent; their items do not count against ``max_items`` (a second wording adds no claim), the pair then holding
    at most ``ceiling`` items in all."""
    groups = np.array(groups, dtype=np.int64, copy=True)
    sizes = np.asarray(sizes, dtype=np.float64)
    moods, kinds = np.asarray(moods), np.asarray(kinds)
    while len(np.unique(groups)) > least:
        ids, where = np.unique(groups, return_inverse=True)
        m = len(ids)
        member = (where[:, None] == np.arange(m)[None, :]).astype(np.float64)
        weight = sizes[:, None] * member
        items = weight.sum(axis=0)
        counted = items if arrivals is None else (sizes * ~np.asarray(arrivals, dtype=bool)) @ member
        share = (weight.T @ (votes @ member)) / np.maximum(items, 1e-12)[:, None]
        counts = member.sum(axis=0)
        near = (member.T @ square @ member) / np.outer(counts, counts)
        lo_mood, hi_mood = [np.array([f(moods[where == a]) for a in range(m)]) for f in (np.min, np.max)]
        lo_kind, hi_kind = [np.array([f(kinds[where == a]) for a in range(m)]) for f in (np.min, np.max)]
        one = (lo_mood == hi_mood) & (lo_kind == hi_kind)  # a parent of one mood and kind
        ok = (one[:, None] & one[None, :] & (lo_mood[:, None] == lo_mood[None, :])
              & (lo_kind[:, None] == lo_kind[None, :]) & (counted[:, None] + counted[None, :] <= max_items)
              & (items[:, None] + items[None, :] <= max(max_items, ceiling))
              & (near <= stop) & ~np.eye(m, dtype=bool))
        score = np.where(ok, share, -1.0)
        first = score.argmax(axis=1)
        both = np.minimum(score[np.arange(m), first], score[first, np.arange(m)])
        pairs = [(float(both[a]), -a, a, int(first[a])) for a in range(m)
                 if first[first[a]] == a and a < first[a] and both[a] >= PARENT_VOTE]
        if not pairs:
            break
        _, _, a, b = max(pairs)
        if trace is not None:
            trace.append((int(ids[a]), int(ids[b]), float(share[a, b]), float(share[b, a])))
        groups[where == b] = ids[a]
    return np.unique(groups, return_inverse=True)[1].astype(np.int64)
