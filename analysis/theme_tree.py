"""Two levels of themes: sub-themes (the clusters ``find_themes`` finds) grouped into top-level themes.

Top-level themes are groups of sub-themes that are about the same thing *and* of the same kind:
average linkage of the sub-themes (``theme_groups.constrained_linkage``) on a distance that adds
- the cosine distance of their centroids (what they are about) and
- ``KIND_WEIGHT`` times the difference of their mixes of feedback type (problem / request /
  question / praise / other; total variation distance; ``profiles``, from
  ``analysis.feedback_classes`` in the app), so that problems group with problems,
and subtracts ``theme_groups.LEXICAL_WEIGHT`` times how much they say in the same words (two
wordings of one concept). Two constraints hold during the merging itself: a praise group never
merges with a complaint group (moods from the app's own per-item sentiment: "tastes bad" never over
"tastes good") and no group grows past ``theme_groups.MAX_SHARE`` of the items (no catch-all).
Without profiles (another embedding model) there is no kind term and no mood.
The tree is cut where two groups are further apart than ``top_distance`` times the typical spread of
a sub-theme (the median over sub-themes of their members' mean cosine distance to their centroid),
or than the closest 3% of sub-theme pairs when that is further (``cut_distance``): relative,
because corpora differ (GitHub issues' clusters sit close together, app reviews' far apart). The
count that gives is kept between ``MIN_TOP`` and ``max_top_themes(n)`` (a handful for a few hundred
items, at most 25 from ~10,000), so it follows the data without a cap every set hits.
Near-duplicate clusters ("hung / wait / phone" and "counting / hold / minutes") are closer than
their own members are to their centres and land in one group.
Greedy merging can still leave a sub-theme behind: it joined a first partner early, and its nearest
sub-theme's group, completed later, is now closer to it on average. A post-pass
(``theme_groups.refine``) moves such a sub-theme to the group of its nearest sub-theme when its mean
distance to that group is below both its mean distance to its own group and the cut, never across
moods, past the cap or below ``MIN_TOP`` groups; the largest gain first, until nothing moves.
Measured in session 7 (bench/RESULTS.md): stronger rules for "one concept, one parent" (key-term
similarity, no kind term between same-type or mutual-nearest sub-themes, merging parents) joined
more of each concept but every one dropped the GitHub issues' top level below the flat themes' NMI.
Session 8 (``theme_concepts``): parents whose sub-themes are all one concept (same mood and type, a key
term every one uses, within 1.5x the cut) merge, and a sub-theme left in a mixed parent moves to its
concept's parent; only such a one-concept parent may pass the cap (up to ``theme_concepts.CONCEPT_SHARE``).
Session 9: a sub-theme also leaves a mixed parent for the parent of its own concept (``theme_concepts.leave_mixed``).
Session 10: a sub-theme follows its members to the parent most of them sit nearest to
(``theme_concepts.follow_members``): "two hours late" under "slow delivery" when no shared word links them.
Session 11: a near-duplicate (``theme_concepts.twins``) follows its twin past the size cap (up to the concept ceiling),
and parents whose members vote for each other merge (``theme_concepts.merge_voted_parents``, under the cap).
Session 11 (nlbse11): the concept passes read a feedback type only where it clearly leads (``clear_kinds``), and a
sub-theme never follows its members nor its key terms (``follow_members``, ``leave_mixed``) to a parent further in type mix
than its siblings (``type_gaps``).
Session 12 (reqframe12): once labelled, a parent of mostly requests (the app's type) with a bare-topic label is named as
requests ("Editor requests", 编辑器建议, "Other requests": ``request_frame``).
Session 12: the name-only pass below moves a sub-theme beside its twin together with it, never one alone
(``theme_groups.attach_names``: "Steve Jobs emails" and "Steve Jobs at the trial" went to two parents).
Session 12 (guard12): a sub-theme whose type is firm (``firm_kinds``) follows its members into a parent of firm
sub-themes of its type past the type gap, only siblings of its own mood and kind hold it back, and it may leave a pair
whose other sub-theme is of another mood or kind (``follow_members``).

A sub-theme held together only by a name (``theme_labels.is_name_only``: "dfw / dallas / buffalo")
is then moved to the group nearest to what its members say without the name (their texts
re-embedded with the name words removed, when ``embed`` is given), so it never stays a top-level
theme on its own and sits with the theme its content belongs to. Where most sub-themes are names (a survey answered with tool names) the names are
the content and nothing is moved.

A group of one sub-theme is a top-level theme by itself (no parent with a single child). Each
group of two or more gets its own centroid (the mean of its members' vectors), keywords
(c-TF-IDF over the groups), a label distinct among the top-level themes and quotes.
Deterministic: the linkage has no randomness (ties go to the lowest index); groups are numbered by size, then by
their smallest sub-theme index.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from . import theme_groups as groups_mod
from .theme_groups import Profile
from .label_mood import app_polarity, moods_of
from .child_repeats import distinguish_repeats
from .label_polish import polish_tree
from .lone_labels import name_lone_tops
from .request_frame import frame_request_parents
from .priority import mostly_praise
from .sibling_phrase import labelling_run
from .topic_keywords import class_keywords

#: Sub-themes share a top-level theme while their (average-linkage) cosine distance is below this
#: many times the typical spread of a sub-theme (tuned on the labelled sets, bench/eval_themes.py)...
TOP_DISTANCE = 0.8
#: ...and, with the kind (type mix) added to the distance and shared words taken off, this many
#: (session 6: 1.5 kept the top level above the flat themes on both labelled sets).
TOP_DISTANCE_WITH_KIND = 1.5
#: Weight of the difference in kind against the cosine distance of the centroids (bench/RESULTS.md;
#: since session 5 the type mix only: praise and complaint are kept apart by a hard rule instead).
KIND_WEIGHT = 1.5
#: ...or at least as close as this share of all pairs of sub-themes (the closest 3%).
CLOSEST_PAIRS = 0.03
#: Fewer sub-themes than this are not grouped ("a handful" needs no second level), and grouping
#: never leaves fewer top-level themes than this.
MIN_TOP = 5
#: The most top-level themes, whatever the number of items (``max_top_themes``).
MAX_TOP = 25
#: Documents per group whose words make a top-level theme's keywords (a seeded sample).
KEYWORD_SAMPLE = 200
#: Member texts read to tell a name-only sub-theme, and re-embedded without the names.
NAME_SAMPLE = 100
#: A sub-theme is of a feedback type for the concept passes (``theme_concepts``) when that type's mean probability
#: leads the next one's by at least this; else it is of ``MIXED_KIND`` (``clear_kinds``).
KIND_MARGIN = 0.15
#: A sub-theme's type is firm when it leads the next one's by at least this (``firm_kinds``): a firm sub-theme may
#: follow its members into a parent of firm sub-themes past the type gap (``theme_concepts.follow_members``).
#: Session 12 (guard12): nlbse24's top level fell below the flat themes with a move at a 0.31 lead into crash
#: reports (0.61-0.76); the app's waimai sample's plain slow-delivery complaint "送餐速度太慢" leads by 0.39.
FIRM_MARGIN = 0.35
#: The kind of a sub-theme whose members are no clear type (same kind as other such sub-themes only).
MIXED_KIND = 99



@dataclass
class TopTheme:
    """A top-level theme: ``children`` are indices into the sub-themes (one child: the sub-theme
    itself is the top-level theme and ``index`` equals that child's index)."""

    children: list[int]
    keywords: list[str]
    label: str
    centroid: np.ndarray
    size: int
    quotes: list[int] = field(default_factory=list)  # indices into the input documents

    @property
    def is_group(self) -> bool:
        return len(self.children) > 1


def max_top_themes(n_items: int) -> int:
    """The most top-level themes for ``n_items`` items: sqrt(n)/4 between ``MIN_TOP`` and ``MAX_TOP``
    (5 for a few hundred, 14 for 3,000, 25 from 10,000)."""
    return int(np.clip(round(np.sqrt(max(n_items, 0)) / 4), MIN_TOP, MAX_TOP))


def typical_spread(labels: np.ndarray, similarity: np.ndarray, n_sub: int) -> float:
    """Median over sub-themes of their members' mean cosine distance to the sub-theme's centroid."""
    assigned = labels >= 0
    counts = np.bincount(labels[assigned], minlength=n_sub)
    sums = np.bincount(labels[assigned], weights=1.0 - similarity[assigned], minlength=n_sub)
    spread = sums[counts > 0] / counts[counts > 0]
    return float(np.median(spread)) if len(spread) else 0.0


def kind_mixes(labels: np.ndarray, n_sub: int, indices: np.ndarray, profile: Profile) -> np.ndarray:
    """Per sub-theme: its mean sentiment and type probabilities (one row, the two mixes side by
    side), over the documents ``indices`` (a sample) that belong to one."""
    indices = np.asarray(indices, dtype=np.int64)
    indices = indices[labels[indices] >= 0]
    sent, kind = profile(indices)
    rows = np.hstack([np.asarray(sent, np.float64), np.asarray(kind, np.float64)])
    sums = np.zeros((n_sub, rows.shape[1]))
    np.add.at(sums, labels[indices], rows)
    counts = np.bincount(labels[indices], minlength=n_sub)[:, None]
    mixes = sums / np.maximum(counts, 1)
    mixes[counts[:, 0] == 0] = np.nan  # no profiled member: no kind
    return mixes


def subtheme_distances(centroids: np.ndarray, mixes: np.ndarray | None = None, n_sentiments: int = 3,
                       kind_weight: float = KIND_WEIGHT) -> np.ndarray:
    """Condensed distances between sub-themes: cosine distance of the centroids plus ``kind_weight``
    times the total variation distance of the sentiment mixes and of the type mixes."""
    from scipy.spatial.distance import pdist

    out = np.maximum(pdist(np.asarray(centroids, dtype=np.float64), "cosine"), 0.0)
    if mixes is not None and kind_weight:
        filled = np.where(np.isnan(mixes), np.nanmean(mixes, axis=0) if (~np.isnan(mixes)).any() else 0.0, mixes)
        kind = (pdist(filled[:, :n_sentiments], "cityblock") + pdist(filled[:, n_sentiments:], "cityblock")) / 2
        out = out + kind_weight * kind
    return out


def cut_distance(distances: np.ndarray, labels: np.ndarray, similarity: np.ndarray, distance: float) -> float:
    """Where the grouping stops: ``distance`` x the typical spread, or the distance under which the
    closest ``CLOSEST_PAIRS`` of sub-theme pairs lie (``distances``, condensed) when that is larger
    (very tight clusters, such as templated texts, have almost no spread yet their closest pairs
    still belong together)."""
    n = int(round((1 + np.sqrt(1 + 8 * len(distances))) / 2)) if len(distances) else 0
    relative = distance * typical_spread(labels, similarity, n)
    if n < 3:
        return relative
    return max(relative, float(np.quantile(distances, CLOSEST_PAIRS)))


def group_subthemes(distances: np.ndarray, sizes: Sequence[int] | np.ndarray, cut: float, max_top: int | None = None,
                    attach: Sequence[int] = (), attach_distances: np.ndarray | None = None,
                    moods: np.ndarray | None = None, max_share: float | None = None,
                    concept: tuple[np.ndarray, np.ndarray] | None = None,
                    votes: np.ndarray | None = None, type_gaps: np.ndarray | None = None,
                    firm: np.ndarray | None = None) -> np.ndarray:
    """Top-level group per sub-theme (0 = the largest group by items, ties by first sub-theme):
    average linkage on ``distances`` (condensed), cut at ``cut``, with between ``MIN_TOP`` and
    ``max_top`` groups; with ``moods`` a praise group never merges with a complaint group, and no group
    grows past ``max_share`` of the items (``theme_groups.constrained_linkage``). Then each sub-theme in
    ``attach`` (name-only) moves to the group nearest to it by ``attach_distances`` (default
    ``distances``; mean distance to the group's other sub-themes that are not in ``attach``), as long as
    ``MIN_TOP`` groups remain. ``concept`` = (majority feedback type, key-term shares) per sub-theme:
    near-duplicates of one concept end under one parent, which may pass the cap (``theme_concepts``);
    ``votes`` (``theme_concepts.member_votes``): a sub-theme then follows its members to their nearest parent (past
    the cap when its near-duplicate is there), and two parents whose members choose each other merge under the cap.
    ``type_gaps`` / ``firm`` (``type_gaps``, ``firm_kinds``): the type guard of the concept passes."""
    from scipy.spatial.distance import squareform

    counts = np.asarray(sizes, dtype=np.int64)
    n = len(counts)
    if n <= 1:
        return np.zeros(n, dtype=np.int64)
    if n <= MIN_TOP:
        return np.arange(n, dtype=np.int64)
    most = max(MIN_TOP, max_top or n)
    cap = None if max_share is None else max_share * float(counts.sum())
    square = squareform(np.asarray(distances, dtype=np.float64))
    raw = groups_mod.constrained_linkage(square, counts, cut, most, MIN_TOP, moods, cap)
    raw = groups_mod.refine(raw, square, counts, moods, cap, MIN_TOP, cut)
    twin = None  # near-duplicates (``theme_concepts.twins``): a name-only one is re-attached with its twin
    if concept is not None and moods is not None:  # session 8: one concept, one parent (theme_concepts)
        from . import theme_concepts as cm

        args = (square, counts, np.asarray(moods), concept[0], concept[1], cm.CONCEPT_DISTANCE * cut,
                cm.CONCEPT_SHARE * float(counts.sum()))
        raw = cm.gather(cm.merge_parents(raw, *args, MIN_TOP), *args)
        raw = cm.leave_mixed(raw, *args[:-1], cap if cap is not None else np.inf, args[-1], type_gaps=type_gaps)
        if votes is not None:
            arrivals = np.zeros(n, dtype=bool)  # near-duplicates beside their twin: not counted against the cap
            raw = cm.follow_members(raw, votes, *args[:-1], cap if cap is not None else np.inf, args[-1],
                                    type_gaps=type_gaps, arrivals=arrivals, firm=firm)
            raw = cm.merge_voted_parents(raw, votes, square, counts, np.asarray(moods), concept[0], args[5],
                                         cap if cap is not None else np.inf, MIN_TOP, arrivals=arrivals,
                                         ceiling=args[6])
        raw = cm.merge_parents(raw, *args, MIN_TOP)
        if votes is not None:
            twin = cm.twins(votes, square, np.asarray(moods), concept[0])
    if len(attach):
        near = square if attach_distances is None else squareform(np.asarray(attach_distances, dtype=np.float64))
        raw = groups_mod.attach_names(raw, attach, near, counts, moods, cap, MIN_TOP, twin=twin)
    return groups_mod.renumber(raw, counts)


def name_words(texts: Sequence[str], keywords: Sequence[str], top: int = 3, words: Sequence[str] = ()) -> list[str]:
    """The keywords among the first ``top`` that are names (``is_name_only`` asked of each alone)."""
    from .theme_labels import is_name_only

    return [w for w in keywords[:top] if w and is_name_only(texts, [w, w], top=2, words=words)]


def _without(texts: Sequence[str], words: Sequence[str]) -> list[str]:
    """``texts`` with ``words`` removed (whole words, any case; Chinese words wherever they occur)."""
    latin = [re.escape(w) for w in words if w.isascii()]
    pattern = re.compile(r"\b(?:" + "|".join(latin) + r")\b", re.I) if latin else None
    out = []
    for text in texts:
        if pattern is not None:
            text = pattern.sub(" ", text)
        for w in words:
            if not w.isascii():
                text = text.replace(w, " ")
        out.append(" ".join(text.split()) or ".")
    return out


def name_only_subthemes(docs: Sequence[str], labels: np.ndarray, keywords: Sequence[Sequence[str]],
                        centroids: np.ndarray, rng: np.random.Generator, embed=None,
                        samples: list | None = None, words: Sequence[str] = ()) -> tuple[list[int], np.ndarray]:
    """(the sub-themes held together only by names, centroids to group them by); ``samples`` receives
    the member texts read per sub-theme (``NAME_SAMPLE`` each, for the shared-words signal). A flagged
    sub-theme's centroid is that of a sample of its members re-embedded without the name words
    (``embed``; None: its own centroid). Nothing is flagged where most sub-themes are names.
    ``words``: the corpus's Chinese words (the same flags; the labels then reuse the texts' parse)."""
    from .theme_labels import is_name_only

    flagged: list[int] = []
    read: dict[int, list[str]] = {}
    for k in range(len(centroids)):
        texts = sample_texts(docs, labels, k, rng, NAME_SAMPLE)
        if samples is not None:
            samples.append(texts)
        if texts and is_name_only(texts, list(keywords[k]), words=words):
            flagged.append(k)
            read[k] = texts
    content = np.array(centroids, dtype=np.float32, copy=True)
    if not flagged or 2 * len(flagged) > len(centroids):
        return [], content
    if embed is not None:
        for k in flagged:
            stripped = _without(read[k], name_words(read[k], keywords[k], words=words))
            mean = np.asarray(embed(stripped), dtype=np.float64).mean(axis=0)
            norm = float(np.linalg.norm(mean))
            if norm > 0:
                content[k] = (mean / norm).astype(np.float32)
    return flagged, content


@labelling_run()  # a call of its own (a theme split in two) is one run; inside ``build_tree``, part of the tree's
def label_siblings(groups: Sequence[Sequence[str]], centroids: np.ndarray, keywords: Sequence[Sequence[str]],
                   seed: int = 42, embed=None, words=None, moods=None, avoid=(), reserved=(), phrases_for=(),
                   fell_back=None) -> list[str]:
    """Labels for themes shown side by side (``groups``: a sample of each one's member texts),
    distinct from each other: phrases from the members' own words (``theme_labels.phrase_labels``;
    ``embed`` maps phrases to vectors for the re-ranking, ``words`` the corpus's Chinese words,
    ``moods`` each sampled member's sentiment from the app's heads, see ``label_mood.moods_of``)."""
    from .theme_labels import phrase_labels

    return phrase_labels([list(g) for g in groups], np.asarray(centroids), embed, [list(k) for k in keywords],
                         seed, words=words, moods=moods, avoid=avoid, reserved=reserved,
                         phrases_for=phrases_for, fell_back=fell_back)  # avoid: elsewhere in the tree


def sample_indices(labels: np.ndarray, k: int, rng: np.random.Generator, limit: int = KEYWORD_SAMPLE) -> np.ndarray:
    """Up to ``limit`` member indices of theme ``k`` (a seeded sample, in document order)."""
    members = np.flatnonzero(labels == k)
    if len(members) > limit:
        members = np.sort(rng.choice(members, limit, replace=False))
    return members


def sample_texts(docs: Sequence[str], labels: np.ndarray, k: int, rng: np.random.Generator,
                 limit: int = KEYWORD_SAMPLE) -> list[str]:
    """Up to ``limit`` member texts of theme ``k`` (a seeded sample, in document order)."""
    return [docs[i] for i in sample_indices(labels, k, rng, limit)]


def _group_centroids(sub_centroids: np.ndarray, labels: np.ndarray, similarity: np.ndarray, top_of: np.ndarray,
                     n_top: int) -> np.ndarray:
    """Unit mean vector of each group's members, from the sub-themes' centroids: the sum of a
    sub-theme's unit member vectors is its centroid times the sum of their similarities to it."""
    n_sub = len(sub_centroids)
    assigned = labels >= 0
    lengths = np.bincount(labels[assigned], weights=similarity[assigned], minlength=n_sub)
    sums = np.zeros((n_top, sub_centroids.shape[1]), dtype=np.float64)
    np.add.at(sums, top_of, sub_centroids.astype(np.float64) * lengths[:, None])
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return (sums / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def _similarity(embeddings: np.ndarray, labels: np.ndarray, centroids: np.ndarray, chunk: int = 8192) -> np.ndarray:
    """Cosine similarity of each document to its group's centroid (0 when unassigned), in chunks
    (no copy of the whole embedding matrix at 100,000 items)."""
    out = np.zeros(len(labels), dtype=np.float32)
    for start in range(0, len(labels), chunk):
        part = labels[start:start + chunk]
        rows = np.flatnonzero(part >= 0)
        if len(rows):
            out[start + rows] = np.einsum("ij,ij->i", embeddings[start + rows], centroids[part[rows]])
    return out


def group_tree(*, distances: np.ndarray, labels: np.ndarray, similarity: np.ndarray, sizes: np.ndarray,
               moods: np.ndarray, n_docs: int, distance: float, attach: Sequence[int] = (),
               attach_distances: np.ndarray | None = None,
               concept: tuple[np.ndarray, np.ndarray] | None = None, votes: np.ndarray | None = None,
               type_gaps: np.ndarray | None = None, firm: np.ndarray | None = None) -> np.ndarray:
    """Top-level group per sub-theme: average linkage on ``distances``, praise and complaint never in
    one group, no group past max(``MAX_SHARE``, 2 / ``max_top_themes``) of the items (but a parent of one
    concept's sub-themes, ``concept``), at most ``max_top_themes`` groups unless those constraints leave no merge."""
    most = max_top_themes(n_docs)
    return group_subthemes(distances, sizes, cut_distance(distances, labels, similarity, distance), most,
                           attach=attach,
                           attach_distances=attach_distances, moods=moods,
                           max_share=max(groups_mod.MAX_SHARE, 2.0 / most), concept=concept, votes=votes,
                           type_gaps=type_gaps, firm=firm)


def guard_parent_labels(tops: list[TopTheme], docs: Sequence[str], sub_labels: Sequence[str],
                        sub_centroids: np.ndarray, sizes: np.ndarray, moods: np.ndarray,
                        profiled: np.ndarray, said: np.ndarray, child_texts: dict[int, list[list[str]]] | None = None,
                        top_texts: Sequence[Sequence[str]] | None = None, words=None,
                        labels: np.ndarray | None = None, praise: np.ndarray | None = None,
                        praised: np.ndarray | None = None) -> None:
    """Name each parent by what its children share (``parent_labels.name_parent``: a phrase said across
    children holding most of its items, else a covering phrase from the terms they share and the parent's
    mood), distinct from its siblings; ``child_texts``: each group's children's sampled texts, ``top_texts``:
    every top-level theme's, ``words``: the corpus's Chinese words. A label whose own items are mostly of
    the opposite mood to the parent's (the app's sentiment, ``profiled``/``said``) is never chosen; a frame
    says complaint or praise only when one side leads among the parent's profiled items (``labels``: the
    sub-theme of each document; ``label_mood.app_polarity``). ``praise``: whether each document of ``praised``
    (document indices; default ``profiled``) is praise by ``priority.is_praise`` (the rule the priority splits
    themes by): a praise frame or label only over a parent that is mostly praise by it, a complaint frame or
    label never over one (``_praise_mood``)."""
    from collections import Counter

    from .parent_labels import Said, name_parent, term_counts

    if child_texts is None or top_texts is None:
        return
    reader = Said(words or ())
    counts = [term_counts(texts, reader) for texts in top_texts]
    total: Counter = Counter()
    for c in counts:
        total.update(c)
    taken = {t.label.lower() for t in tops if not t.is_group}  # and the parents named so far: a later
    # parent's label is only a candidate for it, a parent named first may say it (送餐太慢)
    lowered = [docs[i].lower() for i in profiled] if any(t.is_group for t in tops) else []
    for g, top in enumerate(tops):
        if not top.is_group:
            continue
        mood = groups_mod.group_mood(top.children, moods, sizes)
        lead = mood
        if labels is not None and len(said):
            inside = np.isin(labels[np.asarray(profiled, dtype=np.int64)], top.children)
            lead = app_polarity((np.asarray(said)[inside] - 1).tolist()) if inside.any() else 0
        frame_mood = lead if lead == mood else 0
        loved = None
        if praise is not None and labels is not None and len(praise):
            inside = np.isin(labels[np.asarray(profiled if praised is None else praised, dtype=np.int64)],
                             top.children)
            loved = mostly_praise(float(np.mean(np.asarray(praise)[inside]))) if inside.any() else None
            frame_mood = _praise_mood(frame_mood, loved)
        others = [t for h, texts in enumerate(top_texts) if h != g for t in texts]
        top.label = name_parent(top.label, [sub_labels[k] for k in top.children],
                                [int(sizes[k]) for k in top.children], child_texts[g], others, mood, taken, reader,
                                refused=lambda label, m=lead if lead == mood else 0:
                                groups_mod.against_mood(label, docs, profiled, said, m, lowered),
                                other_counts=total - counts[g], frame_mood=frame_mood, loved=loved)
        taken.add(top.label.lower())


def _praise_mood(frame_mood: int, loved: bool | None) -> int:
    """The mood a parent's frame may say given whether it is mostly praise by ``priority.is_praise``: praise
    only when it is (whatever the sentiment's lead: a polite request reads positive), complaint only when it
    is not; ``loved`` None (no profile): ``frame_mood`` as the sentiment leads."""
    if loved is None:
        return frame_mood
    return 1 if loved else min(frame_mood, 0)


def document_praise(profiled: np.ndarray, said: np.ndarray, kinds: np.ndarray | None) -> np.ndarray:
    """``priority.is_praise`` of each profiled document from the heads' sentiment and type argmax (``said`` /
    ``kinds``): the stand-in for the stored facts when there is no workspace (``build_tree``'s ``praise``)."""
    from .feedback_classes import SENTIMENTS, TYPES
    from .priority import praise_flags

    if kinds is None or not len(profiled):
        return np.zeros(0, dtype=bool)
    return np.asarray(praise_flags(None, None, [TYPES[k] for k in np.asarray(kinds).tolist()],
                                   [SENTIMENTS[k] for k in np.asarray(said).tolist()]), dtype=bool)


def type_gaps(mixes: np.ndarray, n_sentiments: int = 3) -> np.ndarray:
    """Square total variation distance of the sub-themes' mean feedback-type mixes (0-1; no profiled member: the
    mean mix)."""
    from scipy.spatial.distance import pdist, squareform

    types = mixes[:, n_sentiments:]
    filled = np.where(np.isnan(types), np.nanmean(types, axis=0) if (~np.isnan(types)).any() else 0.0, types)
    return squareform(pdist(filled, "cityblock") / 2)


def _concept_inputs(mixes: np.ndarray, read: list[list[str]], n_sentiments: int = 3
                    ) -> tuple[np.ndarray, np.ndarray]:
    """(clear feedback type, ``clear_kinds``; key-term shares) per sub-theme for ``theme_concepts``."""
    from .theme_concepts import term_shares

    return clear_kinds(mixes, n_sentiments), term_shares(read)


def clear_kinds(mixes: np.ndarray, n_sentiments: int = 3, margin: float | None = None) -> np.ndarray:
    """Per sub-theme the feedback type its profiled members mostly are, when it leads the next type by at least
    ``KIND_MARGIN`` (mean probabilities); else ``MIXED_KIND`` (a kind of its own, like a mixed mood: it is of the
    same kind as other mixed sub-themes only). No profiled member: a kind of its own (-1 - index). A bare plurality
    is no type: nlbse24's "tflite model" (0.39 problem, 0.31 question, 0.29 request) followed its members into the
    parent of crash reports at 0.82-0.94 problem and the top level fell below the flat themes."""
    margin = KIND_MARGIN if margin is None else margin
    types = np.nan_to_num(mixes[:, n_sentiments:])
    unknown = np.isnan(mixes[:, n_sentiments:]).any(axis=1)  # no profiled member: a kind of its own
    kinds = np.where(type_leads(mixes, n_sentiments) >= margin, types.argmax(axis=1), MIXED_KIND)
    return np.where(unknown, -1 - np.arange(len(mixes)), kinds).astype(np.int64)


def type_leads(mixes: np.ndarray, n_sentiments: int = 3) -> np.ndarray:
    """Per sub-theme how far its first feedback type's mean probability leads the second's (0: no profiled member)."""
    types = np.nan_to_num(mixes[:, n_sentiments:])
    ranked = np.sort(types, axis=1)
    lead = ranked[:, -1] - ranked[:, -2] if types.shape[1] > 1 else np.ones(len(types))
    return np.where(np.isnan(mixes[:, n_sentiments:]).any(axis=1), 0.0, lead)


def firm_kinds(mixes: np.ndarray, n_sentiments: int = 3) -> np.ndarray:
    """Per sub-theme whether its feedback type is firm: it leads the next type by at least ``FIRM_MARGIN``."""
    return type_leads(mixes, n_sentiments) >= FIRM_MARGIN


def _votes(embeddings: np.ndarray, labels: np.ndarray, centroids: np.ndarray, moods: np.ndarray,
           seed: int) -> np.ndarray:
    from .theme_concepts import member_votes

    return member_votes(embeddings, labels, centroids, moods, np.random.default_rng(seed + 3))


def top_groups(docs: Sequence[str], labels: np.ndarray, sub_similarity: np.ndarray, sub_centroids: np.ndarray,
               sub_keywords: Sequence[Sequence[str]], *, distance: float | None = None, seed: int = 42, embed=None,
               profile: Profile | None = None, profiled: np.ndarray | None = None,
               kind_weight: float = KIND_WEIGHT, info: dict | None = None, chinese_words=None,
               embeddings: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(top-level group per sub-theme, mood per sub-theme, profiled document indices, their sentiment
    argmax, their type argmax): the grouping half of ``build_tree`` (see there for the arguments; ``embeddings``:
    the documents' vectors, for the members' votes, ``theme_concepts.member_votes``; None: no votes)."""
    n_sub = len(sub_centroids)
    sizes = np.bincount(labels[labels >= 0], minlength=n_sub) if n_sub else np.zeros(0, np.int64)
    top_of = np.zeros(0, dtype=np.int64)
    moods, profiled_idx, said = np.zeros(n_sub, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    typed = np.zeros(0, np.int64)
    if not n_sub:
        return top_of, moods, profiled_idx, said, typed
    read: list[list[str]] = []
    flagged, content = name_only_subthemes(docs, labels, sub_keywords, sub_centroids,
                                           np.random.default_rng(seed + 1), embed, samples=read,
                                           words=chinese_words or ())
    use_kind = profile is not None and kind_weight > 0
    mixes = None
    if profile is not None:
        mixes, moods, profiled_idx, said, typed = groups_mod.profile_subthemes(
            labels, n_sub, np.arange(len(docs)) if profiled is None else profiled, profile)
    kind = groups_mod.types_only(mixes) if use_kind else None
    lexical = groups_mod.lexical_similarity(read) if n_sub > MIN_TOP else None
    top_of = group_tree(distances=groups_mod.with_words(subtheme_distances(sub_centroids, kind,
                                                                           kind_weight=kind_weight), lexical),
                        labels=labels, similarity=sub_similarity, sizes=sizes, moods=moods, n_docs=len(docs),
                        distance=distance if distance is not None else
                        TOP_DISTANCE_WITH_KIND if use_kind else TOP_DISTANCE,
                        attach=flagged, attach_distances=groups_mod.with_words(
                            subtheme_distances(content, kind, kind_weight=kind_weight), lexical)
                        if flagged else None,
                        concept=_concept_inputs(mixes, read) if use_kind and n_sub > MIN_TOP else None,
                        votes=_votes(embeddings, labels, sub_centroids, moods, seed)
                        if use_kind and n_sub > MIN_TOP and embeddings is not None else None,
                        type_gaps=type_gaps(mixes) if use_kind and n_sub > MIN_TOP else None,
                        firm=firm_kinds(mixes) if use_kind and n_sub > MIN_TOP else None)
    if info is not None:
        info["name_only_subthemes"] = flagged
        info["grouped_by_kind"] = use_kind
    return top_of, moods, profiled_idx, said, typed


@labelling_run()  # the siblings' phrase counts are read once per tree (``sibling_phrase``)
def build_tree(docs: Sequence[str], embeddings: np.ndarray, labels: np.ndarray, sub_similarity: np.ndarray,
               sub_centroids: np.ndarray, sub_keywords: list[list[str]], sub_labels: list[str], *,
               distance: float | None = None, seed: int = 42, n_keywords: int = 10,
               n_quotes: int = 5, embed=None, chinese_words=None, profile: Profile | None = None,
               profiled: np.ndarray | None = None, kind_weight: float = KIND_WEIGHT,
               info: dict | None = None, praise: np.ndarray | None = None,
               group_docs: Sequence[str] | None = None) -> tuple[np.ndarray, list[TopTheme]]:
    """Group sub-themes into top-level themes; returns (top index per sub-theme, top-level themes).
    ``sub_labels`` (one per sub-theme) is filled with labels distinct among siblings.

    ``labels`` is the sub-theme per document (-1 unassigned). ``profile`` gives documents' sentiment
    and type probabilities (read for ``profiled``, a sample of document indices; default all);
    ``distance`` (x the typical spread) defaults to ``TOP_DISTANCE_WITH_KIND`` with a profile and
    ``TOP_DISTANCE`` without. A group of one keeps its sub-theme's keywords; groups of several get
    c-TF-IDF keywords over a seeded sample of their documents. ``info`` receives what was decided
    (name-only sub-themes). ``praise``: per document, whether it is praise by ``priority.is_praise`` on the
    item's stored facts (the stated type, its own score, the stored type and sentiment: what the store's
    PRAISE_SQL reads for the priority), so that a parent is framed as praise exactly when the priority lists it
    as mostly praise; None (no workspace, e.g. a replay of saved inputs): the heads' top guesses on the profiled
    sample stand in. ``group_docs``: the texts the grouping reads for shared words and names (default ``docs``):
    the analysis gives it the embedded texts, issue forms kept, while labels read ``docs`` without them (the
    forms' words group bug reports with bug reports: nlbse24's top level fell below the flat themes without).
    """
    from .theme_labels import memo_embed
    from .topics import representative

    n_sub = len(sub_centroids)
    sizes = np.bincount(labels[labels >= 0], minlength=n_sub) if n_sub else np.zeros(0, np.int64)
    grouped = docs if group_docs is None else group_docs
    top_of, moods, profiled_idx, said, typed = top_groups(grouped, labels, sub_similarity, sub_centroids,
                                                          sub_keywords, distance=distance, seed=seed, embed=embed,
                                                          profile=profile, profiled=profiled, kind_weight=kind_weight,
                                                          info=info, chinese_words=chinese_words,
                                                          embeddings=embeddings)
    n_top = int(top_of.max()) + 1 if n_sub else 0
    top_labels = np.where(labels >= 0, top_of[np.maximum(labels, 0)], -1) if n_sub else labels
    rng = np.random.default_rng(seed)
    alone = [sample_indices(top_labels, g, rng) if np.sum(top_of == g) == 1 else None for g in range(n_top)]
    docs_by_top = [[docs[i] for i in alone[g]] if alone[g] is not None else
                   groups_mod.parent_texts(docs, labels, np.flatnonzero(top_of == g).tolist(), rng)
                   for g in range(n_top)]
    top_moods = ([None if idx is None else moods_of([idx], profiled_idx, said)[0] for idx in alone]
                 if len(said) else None)
    group_keywords = class_keywords(docs_by_top, n_keywords) if n_top > 1 else [sub_keywords[0]] * n_top
    centroids = _group_centroids(sub_centroids, labels, sub_similarity, top_of, n_top)
    similarity = _similarity(embeddings, top_labels, centroids)
    tops: list[TopTheme] = []
    embed = memo_embed(embed)  # the labels of both levels re-rank many of the same phrases
    for g in range(n_top):
        children = [int(k) for k in np.flatnonzero(top_of == g)]
        words = sub_keywords[children[0]] if len(children) == 1 else (group_keywords[g] or sub_keywords[children[0]])
        quotes = representative(docs, embeddings, top_labels, similarity, g, n_quotes) if len(children) > 1 else []
        tops.append(TopTheme(children, list(words), "", centroids[g], int(sizes[children].sum()), quotes))
    for top, label in zip(tops, label_siblings(docs_by_top, centroids, [t.keywords for t in tops], seed, embed,
                                                     chinese_words, top_moods)):
        top.label = label
    child_texts: dict[int, list[list[str]]] = {}
    child_idx: dict[int, list[np.ndarray]] = {}
    for g, top in enumerate(tops):  # siblings get distinct labels; a sub-theme alone is its top-level theme
        if top.is_group:
            picked = child_idx[g] = [sample_indices(labels, k, rng) for k in top.children]
            texts = child_texts[g] = [[docs[i] for i in idx] for idx in picked]
            leaf_moods = moods_of(picked, profiled_idx, said) if len(said) else None
            for k, label in zip(top.children, label_siblings(texts, sub_centroids[top.children],
                                                             [sub_keywords[k] for k in top.children], seed,
                                                             embed, chinese_words, leaf_moods,
                                                             [t.label for t in tops] + [sub_labels[c] for h in tops[:g] for c in h.children])):
                sub_labels[k] = label
        else:
            sub_labels[top.children[0]] = top.label
    if praise is not None:  # the stored facts of every document
        praised, praise = np.arange(len(docs)), np.asarray(praise, dtype=bool)
    else:
        praised, praise = profiled_idx, document_praise(profiled_idx, said, typed if len(said) else None)
    provisional = [t.label for t in tops]
    guard_parent_labels(tops, docs, sub_labels, sub_centroids, sizes, moods, profiled_idx, said, child_texts,
                        docs_by_top, words=chinese_words, labels=labels, praise=praise, praised=praised)
    _take_released(tops, provisional, sub_labels, child_texts, child_idx, sub_centroids, sub_keywords, seed, embed,
                   chinese_words, profiled_idx, said)
    _distinct_from_parents(tops, sub_labels, child_texts, child_idx, sub_centroids, sub_keywords, seed, embed,
                           chinese_words, profiled_idx, said)

    def relabel(g: int, i: int | None, reserved: list[str]) -> str | None:
        """A grounded phrase (no member sentence) for top ``g`` or its ``i``-th child, none of ``reserved``."""
        fell: list[int] = []
        if i is None:
            out = label_siblings(docs_by_top, centroids, [t.keywords for t in tops], seed, embed, chinese_words,
                                 top_moods, reserved=reserved, phrases_for=(g,), fell_back=fell)[g]
            return None if g in fell else out
        kids = tops[g].children
        out = label_siblings(child_texts[g], sub_centroids[kids], [sub_keywords[k] for k in kids], seed, embed,
                             chinese_words, moods_of(child_idx[g], profiled_idx, said) if len(said) else None,
                             reserved=reserved, phrases_for=(i,), fell_back=fell)[i]
        return None if i in fell else out

    polish_tree(tops, sub_labels, docs, labels, docs_by_top, child_texts, relabel)

    def typical(g: int, reserved: list[str]) -> str | None:
        """The most typical sentence of top ``g``'s sampled members, shortened, none of ``reserved``."""
        from .theme_labels import typical_sentence

        return typical_sentence(docs_by_top[g], centroids[g], embed, tops[g].keywords,
                                {r.lower() for r in reserved}, [t for h, t in enumerate(docs_by_top) if h != g])

    frame_request_parents(tops, sub_labels, labels, profiled_idx, typed if len(said) else np.zeros(0, np.int64),
                          KIND_MARGIN, chinese_words or ())
    name_lone_tops(tops, sub_labels, docs, labels, typical, facts=_lone_facts(tops, alone, profiled_idx, said, typed))
    distinguish_repeats(tops, sub_labels, child_texts, relabel, chinese_words or ())  # "Excel" under "Excel": no
    return top_of, tops


def _lone_facts(tops, alone, profiled_idx: np.ndarray, said: np.ndarray, typed: np.ndarray
                ) -> list[tuple[int, str, bool] | None]:
    """Per top-level theme of one sub-theme, over its profiled sampled members (``alone``): (its mood by the app's
    sentiment, the feedback type most of them have by the app's type, whether praise and complaint are both
    ``lone_labels.MIXED_SHARE`` of them); None for groups or without a profile."""
    from .feedback_classes import TYPES
    from .lone_labels import MIXED_SHARE

    known = dict(zip(np.asarray(profiled_idx).tolist(), range(len(profiled_idx))))
    out: list[tuple[int, str, bool] | None] = []
    for top, idx in zip(tops, alone):
        rows = [known[int(i)] for i in idx if int(i) in known] if idx is not None and len(said) else []
        if top.is_group or not rows or len(typed) != len(said):
            out.append(None)
            continue
        moods = (np.asarray(said)[rows] - 1).tolist()
        kinds = np.bincount(np.asarray(typed)[rows], minlength=len(TYPES))
        mixed = min(moods.count(1), moods.count(-1)) >= MIXED_SHARE * len(moods)
        out.append((app_polarity(moods), TYPES[int(kinds.argmax())], mixed))
    return out


def _take_released(tops, provisional, sub_labels, child_texts, child_idx, sub_centroids, sub_keywords, seed, embed,
                   words, profiled_idx, said) -> None:
    """A phrase a parent held before it was named by what its children share (``guard_parent_labels``) goes to
    the child that says it: the children were labelled avoiding it ("Startup is painfully slow" was the
    parent's, so its own sub-theme took a lesser phrase). Labelled again with the label free, the child that
    takes it gets it; its siblings keep theirs (only parents whose children's texts hold the phrase are read). Not a
    single word ("Dataset", 卷饼: a topic, not what a child says) nor one that says nothing (``_says_nothing``)."""
    from .parent_labels import repeats
    from .theme_labels import _says_what

    for g, top in enumerate(tops):
        old = provisional[g]
        low = old.lower()
        if not top.is_group or not old or low == top.label.lower() or g not in child_texts:
            continue
        used = {t.label.lower() for t in tops} | {sub_labels[c].lower() for t in tops for c in t.children}
        if low in used or not _says_what(old) or _says_nothing(old) or not any(sum(low in t.lower() for t in texts) >= 2
                                                        for texts in child_texts[g]):
            continue
        leaf_moods = moods_of(child_idx[g], profiled_idx, said) if len(said) else None
        elsewhere = [t.label for t in tops] + [sub_labels[c] for h in tops if h is not top for c in h.children]
        fresh = label_siblings(child_texts[g], sub_centroids[top.children], [sub_keywords[k] for k in top.children],
                               seed, embed, words, leaf_moods, elsewhere)
        for k, label in zip(top.children, fresh):
            if label.lower() == low and not repeats(label, top.label, words or ()):
                sub_labels[k] = label
                break


def _says_nothing(label: str) -> bool:
    """An English label whose content words are all generic or evaluative ("Not working", "Works great"): no
    child takes it for its own label (Chinese labels: their words were weighed by the leaf labeller)."""
    from .en_frames import GENERIC, stem
    from .en_phrases import FUNCTION_WORDS, NEGATIONS, _norm
    from .label_mood import evaluative_word

    if not label.isascii():
        return False
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w'+#.-]*", label)]
    content = [w for w in words if w not in FUNCTION_WORDS and w not in NEGATIONS]
    return all(stem(_norm(w)) in GENERIC or evaluative_word(w) for w in content)


def _distinct_from_parents(tops, sub_labels, child_texts, child_idx, sub_centroids, sub_keywords, seed, embed, words,
                           profiled_idx, said) -> None:
    """Siblings labelled again, with their parent's label and words reserved, where one only repeats the
    parent's label ("Phone" under "Phone": ``parent_labels.repeats``)."""
    from .parent_labels import parent_words, repeats

    for g, top in enumerate(tops):
        again = [k for k in top.children if top.is_group and repeats(sub_labels[k], top.label, words or ())]
        if not again:
            continue
        leaf_moods = moods_of(child_idx[g], profiled_idx, said) if len(said) else None
        elsewhere = [t.label for t in tops] + [sub_labels[c] for h in tops if h is not top for c in h.children]
        kept = [sub_labels[k] for k in top.children if k not in again]  # the siblings keep theirs
        for k, label in zip(top.children, label_siblings(child_texts[g], sub_centroids[top.children],
                                                         [sub_keywords[k] for k in top.children], seed, embed, words,
                                                         leaf_moods, elsewhere,
                                                         parent_words(top.label, words or ()) + kept)):
            if k in again and _better_than_repeat(label) and not repeats(label, top.label, words or ()):
                sub_labels[k] = label  # a numbered member sentence or a stray word is no better than the repeat


def _better_than_repeat(label: str) -> bool:
    """A label that may replace a sub-theme's repeat of its parent: a phrase, or a name (iPad, NASDAQ); not a
    numbered member sentence nor one common word ("Fix", "Free")."""
    if label.endswith(")"):
        return False
    if not label.isascii():
        return len(label) >= 3
    return len(label.split()) > 1 or any(ch.isupper() for ch in label[1:])
