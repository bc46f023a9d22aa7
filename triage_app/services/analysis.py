"""The analyse service: items -> cleaned texts -> cached embeddings -> themes -> store.

``analyse`` is a generator (yields ``Progress``, checks the ``CancelToken`` between batches, returns an
``AnalysisResult``). Vectors are stored as each batch is embedded, so a cancelled run keeps them and
the next run embeds only what is missing. Themes are written in one transaction at the end.

Two modes:
- ``full``: score every item's sentiment and type not scored yet (the top level's praise frames read
  the stored facts the priority reads), cluster every item, then match the new clusters to the existing themes (item overlap,
  centroid similarity) so that ids, labels a person edited, statuses and history stay; unmatched
  clusters become new themes.
- ``incremental``: items not analysed yet join the nearest existing theme, without a re-fit; only
  when many of them fit no theme are those clustered, for new themes. The themes they join get new
  centroids, and new keywords and quotes once they grew enough (``theme_describe``).
``auto`` (default) is incremental when the embedding model is unchanged and at most
``INCREMENTAL_SHARE`` of the items are new.

A user's edits are never undone: ``origin='user'`` assignments are not overwritten, edited labels,
``hidden`` and ``merged_into`` are left alone (a cluster that matches a merged theme goes to the
theme it was merged into).
"""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field, replace
from typing import Callable, Generator

import numpy as np

from analysis.embeddings import DEFAULT_BACKEND, get_backend, text_hash
from analysis.text_clean import clean_views
from analysis.topic_matching import OldTheme, match_clusters, reduce_outliers, nearest
from analysis.topics import ThemeParams, auto_min_cluster_size, find_themes

from .. import engine_cache
from ..domain import CancelToken, Progress, drive
from ..store import Workspace
from ..store import meta
from ..store import themes as tq
from ..store.queries import transaction
from .privacy import load_settings
from .redaction_cache import redact_texts
from .theme_describe import clean_rows, moved_centroids, redescribe, themes_to_redescribe

INCREMENTAL_SHARE = 0.1
EMBED_CHARS = 1000  # the start of a long text says what it is about; embedding cost grows with length
MODEL_KEY = "embedding_model"


class AnalysisError(Exception):
    """Bad input for an analysis (unknown model, no items...)."""


@dataclass
class AnalysisResult:
    run_id: int | None
    mode: str
    model: str
    items: int = 0
    embedded: int = 0
    cached: int = 0
    themes: int = 0  # themes with items, both levels (as before two levels existed)
    top_themes: int = 0  # top-level themes with items
    sub_themes: int = 0  # sub-themes (themes with a parent) with items
    top_themes_created: int = 0
    themes_created: int = 0
    themes_kept: int = 0
    themes_updated: int = 0
    unassigned: int = 0
    unassigned_share: float = 0.0
    seconds: dict[str, float] = field(default_factory=dict)
    info: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        return asdict(self)


def analysis_rows(conn, counts: dict | None = None) -> list[tuple]:
    """``items_for_analysis`` rows, title and text redacted when the privacy setting
    ``redact_embedding`` (on by default) asks for it: the embedding model, the vector cache (keyed by
    the text embedded), keywords and labels then never see an e-mail address or a phone number.
    The items table keeps the text as stored. Each text is redacted once (``redaction_cache``);
    ``counts`` receives how many texts were ``redacted`` now and how many came ``cached``."""
    rows = tq.items_for_analysis(conn)
    settings = load_settings(conn)
    if not settings.redact_embedding or not settings.kinds:
        return rows
    n = len(rows)
    redacted = redact_texts(conn, [r[3] for r in rows] + [r[4] for r in rows], tuple(settings.kinds), counts=counts)
    return [(r[0], r[1], r[2], redacted[i], redacted[n + i]) for i, r in enumerate(rows)]


def workspace_model(ws: Workspace) -> str:
    return meta.get_text(ws.conn, MODEL_KEY) or DEFAULT_BACKEND


class _Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._t = time.perf_counter()

    def restart(self) -> None:
        self._t = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = round(self.seconds.get(stage, 0.0) + now - self._t, 3)
        self._t = now


def embed_texts(ws: Workspace, texts: list[str], model: str, cancel: CancelToken,
                counts: dict, engine=None) -> Generator[Progress, None, np.ndarray]:
    """Vectors for ``texts`` from the cache, embedding (and caching) only the missing ones, on
    ``engine`` (default: the local engine, every core; see triage_app.engines)."""
    from ..engines.local import LocalEngine

    engine = engine or LocalEngine()
    backend = get_backend(model)
    hashes = [text_hash(t) for t in texts]
    cached = tq.cached_vectors(ws.conn, model, hashes)
    missing: dict[str, str] = {}
    for h, t in zip(hashes, texts):
        if h not in cached and h not in missing:
            missing[h] = t
    counts["cached"] = sum(1 for h in hashes if h in cached)
    counts["embedded"] = counts.get("embedded", 0) + len(missing)
    todo_hashes, todo_texts = list(missing), list(missing.values())
    yield Progress("embedding", 0, len(todo_texts), f"{len(todo_texts):,} texts to embed with {model}")
    done = 0
    for indices, vectors in engine.embed(model, todo_texts, cancel):
        cancel.raise_if_cancelled()
        rows = [(todo_hashes[i], v.tobytes()) for i, v in zip(indices, vectors)]
        with transaction(ws.conn):
            tq.store_vectors(ws.conn, model, backend.dim, rows)
        cached.update(rows)
        done += len(rows)
        yield Progress("embedding", done, len(todo_texts), model)
    cancel.raise_if_cancelled()
    if not texts:
        return np.empty((0, backend.dim), dtype=np.float32)
    joined = bytearray().join([cached[h] for h in hashes])  # writable: no copy for numpy
    return np.frombuffer(joined, dtype=np.float32).reshape(len(texts), backend.dim)


def analyse(ws: Workspace, *, model: str | None = None, seed: int = 42, mode: str = "auto",
            params: ThemeParams | None = None, cancel: CancelToken | None = None,
            engine=None) -> Generator[Progress, None, AnalysisResult]:
    """``engine`` (triage_app.engines): where embedding and the nearest-theme assignment run
    (default: this machine, every core)."""
    cancel = cancel or CancelToken()
    conn = ws.conn
    previous = tq.last_run(conn)
    model = model or (previous["model"] if previous else None) or workspace_model(ws)
    try:
        get_backend(model)
    except KeyError as exc:
        raise AnalysisError(exc.args[0]) from None
    if mode not in ("auto", "full", "incremental"):
        raise AnalysisError(f"unknown mode {mode!r} (auto, full or incremental)")
    params = replace(params or ThemeParams(), seed=seed)
    timer = _Timer()

    yield Progress("reading", 0, None, "items")
    redaction: dict = {}
    rows = analysis_rows(conn, redaction)
    if not rows:
        raise AnalysisError("the workspace holds no items; import some feedback first")
    item_ids = np.array([r[0] for r in rows], dtype=np.int64)
    timer.lap("read")
    existing = {item: (theme, origin) for item, theme, origin in tq.assignments(conn)}
    same_model = previous is not None and previous["model"] == model
    new_items = [i for i, item in enumerate(item_ids) if int(item) not in existing]
    requested = mode
    if mode == "auto":
        mode = "incremental" if (same_model and tq.list_themes(conn, include_merged=False)
                                 and len(new_items) <= INCREMENTAL_SHARE * len(rows)) else "full"
    if mode == "incremental" and not (same_model and tq.list_themes(conn, include_merged=False)):
        raise AnalysisError("incremental analysis needs themes from an earlier full analysis with the same model")

    counts: dict = {}
    scored_ids = item_ids  # the items whose vectors ``vectors`` holds, for sentiment and type
    scored_docs: list[str] = []  # their embedded texts (incremental)
    result = AnalysisResult(run_id=None, mode=mode, model=model, items=len(rows))
    if redaction:  # texts the PII detectors ran on now; the others' redaction was cached
        result.info["texts_redacted"] = redaction.get("redacted", 0)
    if mode != "full":
        todo = new_items
        new_docs = clean_rows(rows, todo)
        timer.lap("clean")
        vectors = yield from embed_texts(ws, [d[:EMBED_CHARS] for d in new_docs], model, cancel, counts, engine)
        timer.lap("embed")
        yield Progress("assigning", 0, len(todo), "new items")
        plan = _plan_incremental(ws, vectors, existing, len(rows), params)
        if requested == "incremental" or plan.unplaced <= leftover_limit(len(rows)):
            result.mode = "incremental"
            _write_incremental(ws, result, [int(item_ids[i]) for i in todo], plan, params, vectors, rows)
            scored_ids, scored_docs = item_ids[todo], new_docs
        else:  # many new items fit no theme: look for new themes in a full analysis
            result.info["incremental_unplaced"] = plan.unplaced
            mode = "full"
    if mode == "full":
        result.mode = "full"
        embedded, docs = clean_views([r[1:] for r in rows])  # labels and keywords read ``docs`` (no form text)
        timer.lap("clean")
        vectors = yield from embed_texts(ws, [d[:EMBED_CHARS] for d in embedded], model, cancel, counts, engine)
        timer.lap("embed")
        cancel.raise_if_cancelled()
        # sentiment and type first: the tree frames a parent as praise by the stored facts the priority reads
        praise = yield from _stored_praise(ws, result, model, item_ids, vectors, cancel, embedded)
        timer.lap("sentiment")
        yield Progress("clustering", 0, None, f"{len(rows):,} items")
        found = find_themes(docs, vectors, params, embed=get_backend(model).encode,
                            nearest_fn=engine.nearest if engine is not None else None,
                            profile=kind_profile(model, vectors, embedded), cache_dir=engine_cache.cache_dir(),
                            praise=praise, group_docs=embedded)
        cancel.raise_if_cancelled()
        timer.seconds.update(found.seconds)
        timer.restart()
        yield Progress("writing", 0, None, "themes")
        _write_full(ws, result, found, item_ids, existing, same_model, params)
    result.embedded, result.cached = counts.get("embedded", 0), counts.get("cached", 0)
    timer.lap("write")
    if result.mode != "full":  # a full analysis scored every item before it grouped the themes
        yield from _score_classes(ws, result, model, scored_ids, vectors, cancel, scored_docs)
        timer.lap("sentiment")
    result.seconds = timer.seconds
    with transaction(conn):  # the final figures (the run was marked finished with the themes)
        if result.run_id is not None:  # set by the write of either mode
            tq.finish_run(conn, result.run_id, _summary(result))
    yield Progress("done", 1, 1, f"{result.themes} themes")
    return result


def kind_profile(model: str, vectors: np.ndarray, docs: list[str]):
    """Sentiment and type probabilities of documents by index (``theme_tree.Profile``) from the
    feedback-class heads, which read the vectors of their own model only (None for another model:
    the top level then groups by content alone)."""
    from .sentiment import MODEL, heads

    if model != MODEL:
        return None
    model_heads = heads()
    return lambda indices: model_heads.probabilities(vectors[indices], [docs[i] for i in indices])


def _score_classes(ws, result: AnalysisResult, model: str, item_ids, vectors, cancel: CancelToken,
                   embedded: list[str]):
    """Sentiment and feedback type of the items not scored yet, from the vectors in memory when the
    model is the one the classifier reads (services.sentiment), else by the ``embedded`` texts of
    ``item_ids`` (not cleaned again); a cancel here keeps the themes."""
    from ..domain import Cancelled
    from .sentiment import MODEL, score_items

    known = (item_ids, vectors) if model == MODEL and len(item_ids) == len(vectors) else None
    try:
        scored = yield from score_items(ws.conn, cancel, known=known, counts=False, embedded=(item_ids, embedded))
        result.info["sentiment_scored"] = scored["scored"]
    except Cancelled:
        result.info["sentiment_scored"] = "cancelled"


def _stored_praise(ws, result: AnalysisResult, model: str, item_ids, vectors, cancel: CancelToken,
                   embedded: list[str]) -> Generator[Progress, None, np.ndarray]:
    """Score the items not scored yet (a cancel here ends the analysis, themes unchanged; the scores
    written are kept; when ``model`` is not the heads', by the ``embedded`` texts, not cleaned again), then
    whether each item is praise by its stored facts (``metrics_queries.PRAISE_SQL``, the rule the priority's
    praise share counts)."""
    from ..store.metrics_queries import praise_by_item
    from .sentiment import MODEL, score_items

    known = (item_ids, vectors) if model == MODEL and len(item_ids) == len(vectors) else None
    scored = yield from score_items(ws.conn, cancel, known=known, counts=False, embedded=(item_ids, embedded))
    result.info["sentiment_scored"] = scored["scored"]
    return np.asarray(praise_by_item(ws.conn, item_ids), dtype=bool)


def _summary(result: AnalysisResult) -> dict:
    return {k: v for k, v in result.as_json().items() if k != "run_id"}


def _members(existing: dict, theme_ids: set[int]) -> dict[int, set[int]]:
    members: dict[int, set[int]] = {t: set() for t in theme_ids}
    for item, (theme, _origin) in existing.items():
        if theme in members:
            members[theme].add(item)
    return members


def _final_theme(theme_id: int, merged: dict[int, int | None]) -> int:
    seen = set()
    while (into := merged.get(theme_id)) and theme_id not in seen:
        seen.add(theme_id)
        theme_id = into
    return theme_id


def _old_for_matching(old: list[dict], members: dict[int, set[int]], same_model: bool) -> list[OldTheme]:
    return [OldTheme(t["id"], np.frombuffer(t["centroid"], np.float32) if (same_model and t["centroid"]) else None,
                     frozenset(members.get(t["id"], ()))) for t in old]


def _write_full(ws, result: AnalysisResult, found, item_ids, existing, same_model, params) -> None:
    """Match the new sub-themes to the old themes without sub-themes, and the new groups (top-level
    themes of several sub-themes) to the old themes with sub-themes; write both levels."""
    conn = ws.conn
    old = tq.list_themes(conn, with_centroid=True)
    children = tq.children_of(conn)
    members = _members(existing, {t["id"] for t in old})
    merged = {t["id"]: t["merged_into"] for t in old}
    # a theme merged into a group may have been a group itself: it is a candidate at both levels (by
    # its centroid), so the group it described keeps going where the person put it
    into_group = {t["id"] for t in old if t["merged_into"] is not None and _final_theme(t["id"], merged) in children}
    old_parents = [t for t in old if t["id"] in children or t["id"] in into_group]
    old_leaves = [t for t in old if t["id"] not in children]
    for t in old_parents:  # a group's items are its sub-themes' (and any it holds itself)
        members[t["id"]] = members[t["id"]].union(*(members.get(c, set()) for c in children.get(t["id"], ())))
    new_members = [frozenset(int(x) for x in item_ids[found.labels == k]) for k in range(len(found.themes))]
    centroids = np.vstack([t.centroid for t in found.themes]) if found.themes else np.zeros((0, 1), np.float32)
    matches = match_clusters(new_members, centroids, _old_for_matching(old_leaves, members, same_model))
    groups = [g for g, top in enumerate(found.tops) if top.is_group]
    group_members = [frozenset().union(*(new_members[k] for k in found.tops[g].children)) for g in groups]
    group_centroids = (np.vstack([found.tops[g].centroid for g in groups]) if groups
                       else np.zeros((0, 1), np.float32))
    group_matches = {groups[i]: old_id for i, old_id in
                     match_clusters(group_members, group_centroids,
                                    _old_for_matching(old_parents, members, same_model)).items()}
    by_id = {t["id"]: t for t in old}
    with transaction(conn):
        run_id = tq.create_run(conn, result.model, params.seed, {**params.as_json(), "mode": "full"})
        result.run_id = run_id

        def user_free(quotes: list[int], pool: frozenset[int]) -> list[int]:
            user_elsewhere = {item for item in pool if existing.get(item, (None, "model"))[1] == "user"}
            return [int(item_ids[i]) for i in quotes if int(item_ids[i]) not in user_elsewhere]

        def write(theme, pool: frozenset[int], old_id: int | None, parent_id: int | None,
                  group: bool = False) -> tuple[int, bool]:
            """Insert or update one theme; returns (its id, whether it is new)."""
            fields = dict(keywords=theme.keywords, quotes=user_free(theme.quotes, pool),
                          centroid=theme.centroid.astype(np.float32).tobytes(), updated_run_id=run_id,
                          parent_id=parent_id)
            if old_id is None:
                return tq.insert_theme(conn, label=theme.label, created_run_id=run_id, **fields), True
            target = _final_theme(old_id, merged)
            if group and by_id.get(target, {}).get("parent_id"):
                target = by_id[target]["parent_id"]  # merged into a sub-theme: its top-level theme (two levels)
            if target == old_id:
                if not by_id[old_id]["label_edited"]:
                    fields["label"] = theme.label
                if by_id[old_id]["parent_edited"]:  # a person chose its top-level theme
                    del fields["parent_id"]
                tq.update_theme(conn, old_id, **fields)
            return target, False

        parent_of: dict[int, int | None] = {}  # sub-theme index -> parent theme id
        for i, g in enumerate(groups):
            top = found.tops[g]
            parent_id, _created = write(top, group_members[i], group_matches.get(g), None, group=True)
            result.top_themes_created += int(_created)
            parent_of.update({k: parent_id for k in top.children})
        theme_of: dict[int, int] = {}
        for theme in found.themes:
            old_id = matches.get(theme.index)
            theme_of[theme.index], created = write(theme, new_members[theme.index], old_id,
                                                   parent_of.get(theme.index))
            if created:
                result.themes_created += 1
            elif old_id is not None and set(members.get(old_id, ())) == {i for i in new_members[theme.index]
                                                  if existing.get(i, (0, ""))[1] != "user"}:
                result.themes_kept += 1
            else:
                result.themes_updated += 1
        rows = ((int(item), theme_of[int(k)] if k >= 0 else None, float(s) if k >= 0 else None)
                for item, k, s in zip(item_ids, found.labels, found.similarity))
        tq.write_model_assignments(conn, rows, run_id)
        tq.refresh_sizes(conn)
        tq.journal_clear_redo(conn)
        meta.set_text(conn, MODEL_KEY, result.model)
        _summarise(conn, result)
        tq.finish_run(conn, run_id, _summary(result))
    result.info.update({**found.info, "matched": len(matches), "groups_matched": len(group_matches)})


def leftover_limit(n_items: int) -> int:
    """New items that fit no theme, above which ``auto`` runs a full analysis to find new themes."""
    return max(2 * auto_min_cluster_size(n_items), int(0.01 * n_items))


@dataclass
class IncrementalPlan:
    """Where an incremental analysis would put the new items, decided before anything is written."""

    labels: np.ndarray  # index into ``theme_ids`` per new item, -1: unassigned
    similarity: np.ndarray  # cosine similarity to that theme's centroid (0 when unassigned)
    theme_ids: list[int]  # the themes new items may join (a merged theme's id is where it was merged)
    unplaced: int  # new items less than ``min_similarity`` similar to every theme

    @property
    def theme_of(self) -> list[int | None]:
        return [self.theme_ids[k] if k >= 0 else None for k in self.labels]


def _plan_incremental(ws, vectors: np.ndarray, existing: dict, n_items: int, params: ThemeParams) -> IncrementalPlan:
    """Nearest theme for each new item (a merged theme's items go where it was merged).

    Items at least ``min_similarity`` similar join; of the rest, the nearest join only as far as
    needed to keep the workspace at most ``max_unassigned`` unassigned.
    """
    # themes a full analysis left empty stay retired; a merged theme's items go where it was merged
    # new items join sub-themes (and top-level themes without any), never a group as such
    groups = tq.children_of(ws.conn)
    themes = [t for t in tq.list_themes(ws.conn, with_centroid=True)
              if t["centroid"] and (t["size"] > 0 or t["merged_into"] is not None) and t["id"] not in groups]
    merged = {t["id"]: t["merged_into"] for t in themes}
    ids = [_final_theme(t["id"], merged) for t in themes]
    n = len(vectors)
    labels = np.full(n, -1, dtype=np.int64)
    similarity = np.zeros(n, dtype=np.float32)
    unplaced = n
    if themes and n:
        centroids = np.vstack([np.frombuffer(t["centroid"], np.float32) for t in themes])
        best, sim = nearest(vectors, centroids)
        unplaced = int((sim < params.min_similarity).sum())
        already = sum(1 for theme, _ in existing.values() if theme is None)
        allowed = max(0, int(params.max_unassigned * n_items) - already)
        labels, similarity = reduce_outliers(vectors, labels, centroids, max_share=allowed / n,
                                             min_similarity=params.min_similarity)
    return IncrementalPlan(labels, similarity, ids, unplaced)


def _write_incremental(ws, result: AnalysisResult, items: list[int], plan: IncrementalPlan, params: ThemeParams,
                       vectors: np.ndarray, rows: list[tuple]) -> None:
    """Write the new items' themes; move the centroids of the themes they join; describe again the
    themes that grew enough since they were last described (``theme_describe``)."""
    conn = ws.conn
    labels, similarity = plan.labels, plan.similarity
    theme_of = plan.theme_of
    touched = {t for t in theme_of if t is not None}
    with transaction(conn):
        run_id = tq.create_run(conn, result.model, params.seed, {**params.as_json(), "mode": "incremental"})
        result.run_id = run_id
        centroids = moved_centroids(conn, vectors, theme_of)  # before the new rows exist
        tq.write_model_assignments(conn, ((item, t, float(s) if t is not None else None)
                                          for item, t, s in zip(items, theme_of, similarity)), run_id)
        for theme_id, centroid in centroids.items():
            tq.update_theme(conn, theme_id, centroid=centroid.tobytes())
        tq.refresh_sizes(conn)
        _move_group_centroids(conn, touched)
        described = themes_to_redescribe(conn, touched)
        redescribe(conn, rows, described, model=result.model, run_id=run_id, seed=params.seed,
                   embed_chars=EMBED_CHARS, n_keywords=params.n_keywords, n_quotes=params.n_quotes)
        groups = themes_to_redescribe(conn, touched, top_level=True)  # their top-level themes grew too
        redescribe(conn, rows, groups, model=result.model, run_id=run_id, seed=params.seed,
                   embed_chars=EMBED_CHARS, n_keywords=params.n_keywords, n_quotes=params.n_quotes, top_level=True)
        _summarise(conn, result)
        result.themes_updated = len(touched)
        result.themes_kept = max(0, result.themes - len(touched))
        tq.finish_run(conn, run_id, _summary(result))
    result.info.update({"new_items": len(items), "assigned": int((labels >= 0).sum()), "unplaced": plan.unplaced,
                        "described": len(described), "described_top": len(groups)})


def _move_group_centroids(conn, touched: set[int]) -> None:
    """A top-level theme whose sub-themes received items: centroid = their size-weighted mean."""
    themes = {t["id"]: t for t in tq.list_themes(conn, include_merged=False, with_centroid=True)}
    for parent, children in tq.children_of(conn).items():
        if parent not in themes or not touched.intersection(children):
            continue
        total = sum((np.frombuffer(themes[c]["centroid"], np.float32).astype(np.float64) * themes[c]["size"]
                     for c in children if themes.get(c, {}).get("centroid")), np.zeros(1))
        norm = float(np.linalg.norm(total))
        if norm > 0:
            tq.update_theme(conn, parent, centroid=(total / norm).astype(np.float32).tobytes())


def _summarise(conn, result: AnalysisResult) -> None:
    active = [t for t in tq.list_themes(conn, include_merged=False) if t["size"] > 0]
    result.themes = len(active)
    result.top_themes = sum(1 for t in active if t["parent_id"] is None)
    result.sub_themes = result.themes - result.top_themes
    rows = tq.assignments(conn)
    result.unassigned = sum(1 for _, theme, _ in rows if theme is None) + (result.items - len(rows))
    result.unassigned_share = round(result.unassigned / result.items, 4) if result.items else 0.0


def theme_member_vectors(ws: Workspace, theme_id: int) -> tuple[list[int], list[str], np.ndarray]:
    """A theme's item ids, cleaned texts and vectors (from the cache; missing ones are embedded)."""
    conn = ws.conn
    members = tq.theme_member_ids(conn, theme_id)
    rows = analysis_rows(conn)
    position = {r[0]: i for i, r in enumerate(rows)}
    docs = clean_rows(rows, [position[m] for m in members])
    vectors = drive(embed_texts(ws, [d[:EMBED_CHARS] for d in docs], workspace_model(ws), CancelToken(), {}))
    return members, docs, vectors


def run_analysis(ws: Workspace, *, on_progress: Callable[[Progress], None] | None = None,
                 **kwargs) -> AnalysisResult:
    """Drive ``analyse`` to the end and return its result."""
    return drive(analyse(ws, **kwargs), on_progress)
