"""Keep themes described while incremental runs add items to them: centroids, keywords, label, quotes.

An incremental run (analysis.py) puts new items into existing themes without a re-fit. Here:
- ``moved_centroids``: each theme that received items gets the centroid of its members old and new,
  from the stored centroid weighted by the sum of its members' similarities to it (the length of the
  sum of their unit vectors), plus the new vectors. No stored vector is read.
- ``redescribe``: a theme whose items added since it was last described reach ``REFRESH_SHARE`` of
  its size gets new keywords (c-TF-IDF over a seeded sample of every theme's members), a new phrase
  label (``analysis.theme_labels``, read against every theme; unless a person edited it) and new quotes (``pick_quotes`` among its most typical members and a
  random draw of others).
  Themes that grew less keep their description, so a small import costs nothing here.
- Top-level themes with sub-themes are described the same way at their own level
  (``redescribe(..., top_level=True)``): their members are their sub-themes' and their siblings,
  read for the keywords and the distinct label, are the other top-level themes.
"""
from __future__ import annotations

import numpy as np

from analysis.embeddings import text_hash
from analysis.sibling_phrase import labelling_run
from analysis.text_clean import source_views
from analysis.embeddings import get_backend
from analysis.theme_labels import phrase_labels
from analysis.topic_keywords import class_keywords
from analysis.topics import corpus_words, pick_quotes

from ..store import themes as tq

#: A theme is described again once the items it received since reach this share of its size...
REFRESH_SHARE = 0.1
#: ...and at least this many.
REFRESH_MIN_ITEMS = 5
#: Members per theme whose words make the keywords (a seeded sample).
KEYWORD_SAMPLE = 200
#: Quotes are chosen among this many of a theme's most typical members and as many others.
QUOTE_CANDIDATES = 50


def clean_rows(rows: list[tuple], indices: list[int]) -> list[str]:
    """The embedded texts of ``rows[i]`` for ``indices`` (``row_views``)."""
    return row_views(rows, indices)[0]


def row_views(rows: list[tuple], indices: list[int]) -> tuple[list[str], list[str]]:
    """(embedded, read) cleaned texts of ``rows[i]`` (``items_for_analysis`` rows) for ``indices``, exactly as a
    full analysis (``clean_views``) cleans them: boilerplate and forms are judged within each one's whole source,
    but only the texts asked for are cleaned."""
    groups: dict[tuple, list[int]] = {}
    for i in indices:
        groups.setdefault((rows[i][1], rows[i][2]), [])
    for i, r in enumerate(rows):
        if (r[1], r[2]) in groups:
            groups[(r[1], r[2])].append(i)
    embedded: dict[int, str] = {}
    read: dict[int, str] = {}
    wanted = set(indices)
    for (fmt, _), members in groups.items():
        views = source_views(fmt, [rows[i][4] for i in members])
        for i in members:
            if i in wanted:
                embedded[i], read[i] = views(rows[i][3], rows[i][4])
    return [embedded[i] for i in indices], [read[i] for i in indices]


def moved_centroids(conn, vectors: np.ndarray, theme_of: list[int | None]) -> dict[int, np.ndarray]:
    """New unit centroid of each theme that ``theme_of`` (theme id per row of ``vectors``) adds to.

    Call before the new assignments are written (the sums must be of the old members only).
    """
    weights = tq.similarity_sums(conn)
    old = {t["id"]: np.frombuffer(t["centroid"], np.float32) for t in tq.list_themes(conn, with_centroid=True)
           if t["centroid"]}
    out: dict[int, np.ndarray] = {}
    for theme_id in {t for t in theme_of if t is not None}:
        rows = [i for i, t in enumerate(theme_of) if t == theme_id]
        total = vectors[rows].astype(np.float64).sum(axis=0)
        if theme_id in old and len(old[theme_id]) == len(total):
            total += old[theme_id] * max(0.0, weights.get(theme_id, 0.0))
        norm = np.linalg.norm(total)
        if norm > 0:
            out[theme_id] = (total / norm).astype(np.float32)
    return out


def themes_to_redescribe(conn, touched: set[int], top_level: bool = False) -> list[int]:
    """Themes among ``touched`` whose items added since their last description reach the threshold;
    ``top_level``: the top-level themes of the ``touched`` sub-themes, by their sub-themes' items."""
    if top_level:
        parents = {c: p for p, children in tq.children_of(conn).items() for c in children}
        touched = {parents[t] for t in touched if t in parents}
        growth = tq.group_growth_since_described(conn)
    else:
        growth = tq.growth_since_described(conn)
    out = []
    for theme_id in sorted(touched):
        added, size = growth.get(theme_id, (0, 0))
        if added >= max(REFRESH_MIN_ITEMS, REFRESH_SHARE * (size - added)):
            out.append(theme_id)
    return out


def redescribe(conn, rows: list[tuple], theme_ids: list[int], *, model: str, run_id: int, seed: int,
               embed_chars: int, n_keywords: int = 10, n_quotes: int = 5, top_level: bool = False) -> None:
    """New keywords, label (unless edited) and quotes for ``theme_ids``; ``rows`` are
    ``items_for_analysis`` rows. ``top_level``: ``theme_ids`` are top-level themes, described among
    the top-level themes from their sub-themes' items. Writes inside the caller's transaction."""
    if not theme_ids:
        return
    themes = {t["id"]: t for t in tq.list_themes(conn, include_merged=False, with_centroid=True) if t["size"] > 0}
    level = {c: p for p, children in tq.children_of(conn).items() for c in children} if top_level else {}
    if top_level:  # a hidden sub-theme's items are not its parent's (store.theme_scope): not read, not quoted
        level = {c: p for c, p in level.items() if c in themes and not themes[c]["hidden"]}
        themes = {i: t for i, t in themes.items() if t["parent_id"] is None}
    members: dict[int, list[tuple[int, float]]] = {}
    for item, theme, probability in tq.member_rows(conn):
        theme = level.get(theme, theme)
        if theme in themes:
            members.setdefault(theme, []).append((item, probability or 0.0))
    position = {r[0]: i for i, r in enumerate(rows)}
    rng = np.random.default_rng(seed)
    classes = sorted(members)  # every theme: the words' frequencies across themes weigh the keywords
    samples: dict[int, list[int]] = {}
    candidates: dict[int, list[int]] = {}
    for theme in classes:
        items = [m for m, _ in members[theme] if m in position]
        take: np.ndarray | list[int] = rng.choice(len(items), min(KEYWORD_SAMPLE, len(items)), replace=False) if items else []
        samples[theme] = [items[i] for i in sorted(take)]
        if theme in theme_ids:  # the most typical members and as many drawn at random (one wording is typical)
            ranked = [m for m, _ in sorted(members[theme], key=lambda mp: (-mp[1], mp[0])) if m in position]
            rest = ranked[QUOTE_CANDIDATES:]
            drawn: np.ndarray | list[int] = rng.choice(len(rest), min(QUOTE_CANDIDATES, len(rest)), replace=False) if rest else []
            candidates[theme] = ranked[:QUOTE_CANDIDATES] + [rest[i] for i in sorted(drawn)]
    wanted = sorted({m for v in samples.values() for m in v} | {m for v in candidates.values() for m in v})
    embedded, read = row_views(rows, [position[m] for m in wanted])
    docs = dict(zip(wanted, read))  # labels and keywords read texts without issue-form text
    texts = [[docs[m] for m in samples[t]] for t in classes]
    chinese = corpus_words([d for group in texts for d in group], seed)
    keywords = dict(zip(classes, class_keywords(texts, n_keywords, words=chinese)))
    labels = _labels(themes, classes, texts, keywords, set(theme_ids), model, seed, chinese)
    for theme_id in theme_ids:
        if theme_id not in themes:
            continue
        fields: dict = {"keywords": keywords.get(theme_id, []), "updated_run_id": run_id}
        if not themes[theme_id]["label_edited"] and theme_id in labels:
            fields["label"] = labels[theme_id]
        quotes = _quotes(conn, model, themes[theme_id], candidates.get(theme_id, []), docs, embed_chars, n_quotes,
                         dict(zip(wanted, embedded)))
        if quotes:
            fields["quotes"] = quotes
        tq.update_theme(conn, theme_id, **fields)


@labelling_run()  # the siblings' phrase counts are read once per call (``sibling_phrase``)
def _labels(themes: dict, classes: list[int], texts: list[list[str]], keywords: dict, wanted: set[int],
            model: str, seed: int, chinese: list[str]) -> dict[int, str]:
    """Phrase labels for the ``wanted`` themes, read against every theme (their siblings); labels the
    other themes keep are not given again."""
    dim = next((len(t["centroid"]) // 4 for t in themes.values() if t["centroid"]), 0)
    centroids = np.zeros((len(classes), dim), np.float32)
    for i, t in enumerate(classes):
        if themes[t]["centroid"] and len(themes[t]["centroid"]) // 4 == dim:
            centroids[i] = np.frombuffer(themes[t]["centroid"], np.float32)
    try:
        embed = get_backend(model).encode
    except KeyError:  # the model of the stored vectors is not available in this build
        embed = None
    reserved = [themes[t]["label"] for t in classes if t not in wanted or themes[t]["label_edited"]]
    out = phrase_labels(texts, centroids, embed, [keywords.get(t, []) for t in classes], seed, words=chinese,
                        reserved=reserved)
    return {t: label for t, label in zip(classes, out) if t in wanted}


def _quotes(conn, model: str, theme: dict, items: list[int], docs: dict[int, str], embed_chars: int,
            n_quotes: int, embedded: dict[int, str] | None = None) -> list[int]:
    """Item ids of the theme's quotes, among ``items`` whose vectors are cached (by their ``embedded`` texts,
    default ``docs``)."""
    embedded = docs if embedded is None else embedded
    hashes = [text_hash(embedded[m][:embed_chars]) for m in items]
    cached = tq.cached_vectors(conn, model, hashes)
    keep = [(m, h) for m, h in zip(items, hashes) if h in cached]
    if not keep or not theme["centroid"]:
        return []
    vectors = np.vstack([np.frombuffer(cached[h], np.float32) for _, h in keep])
    centroid = np.frombuffer(theme["centroid"], np.float32)
    if vectors.shape[1] != len(centroid):
        return []
    chosen = pick_quotes([docs[m] for m, _ in keep], vectors, vectors @ centroid, n_quotes)
    return [keep[i][0] for i in chosen]
