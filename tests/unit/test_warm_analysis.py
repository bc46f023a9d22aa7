"""A warm re-run does not redo work an earlier run did (issue 12, speed): the redaction before
embedding comes from the workspace's cache, the theme engine is imported without torch, plotly or the
Hub client, and work whose result nobody reads is skipped without changing any result."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from analysis import pii
from analysis.pii import redact
from triage_app.importers.source import ImportOptions
from triage_app.services import privacy
from triage_app.services import redaction_cache as rc
from triage_app.services.analysis import analysis_rows, run_analysis
from triage_app.services.importing import run_import
from triage_app.store import themes as tq
from triage_app.store.workspace import connect_reader

ROOT = Path(__file__).resolve().parents[2]
_TOPICS = ["the parcel arrived late and the courier lost it", "the app crashes when I open the camera screen",
           "my refund was never processed after weeks", "the price of the yearly plan went up too much"]
_CONTACTS = ["call me on 13812345678", "write to karlsson.refunds@example.com", "Thanks, Maria Lopez",
             "send it to 221B Baker Street, London NW1 6XE"]


def _csv(write_file, name: str = "items.csv", changed: int = 0) -> Path:
    lines = ["id,comment"]
    for i in range(120):
        extra = " (edited)" if i < changed else ""
        lines.append(f'{i},"{_TOPICS[i % 4]} {i}{extra}, {_CONTACTS[i % 4]}"')
    return write_file(name, "\n".join(lines) + "\n")


def _expected(conn) -> list[tuple]:
    kinds = privacy.load_settings(conn).kinds
    return [(r[0], r[1], r[2], redact(r[3], kinds), redact(r[4], kinds)) for r in tq.items_for_analysis(conn)]


def _count_detector_calls(monkeypatch) -> list[str]:
    """Record every call of the real PII detectors (they still run)."""
    calls: list[str] = []
    for kind, detector in list(pii._DETECTORS.items()):
        def spy(text, _detector=detector, _kind=kind):
            calls.append(_kind)
            return _detector(text)
        monkeypatch.setitem(pii._DETECTORS, kind, spy)
    return calls


def test_a_warm_rerun_does_not_run_the_pii_detectors_again(workspace, write_file, monkeypatch):
    run_import(workspace, _csv(write_file), ImportOptions(format="generic"))
    calls = _count_detector_calls(monkeypatch)
    first = run_analysis(workspace, model="static", mode="full")
    assert calls and first.info["texts_redacted"] == 120
    vectors = tq.cached_vector_count(workspace.conn, "static")
    calls.clear()
    second = run_analysis(workspace, model="static", mode="full")
    assert calls == [] and second.info["texts_redacted"] == 0
    assert tq.cached_vector_count(workspace.conn, "static") == vectors  # the same texts, so the same vectors
    rows = analysis_rows(workspace.conn)
    assert rows == _expected(workspace.conn)  # the cached redaction is the redaction
    assert sum("[EMAIL]" in r[4] for r in rows) == 30 and sum("[NAME]" in r[4] for r in rows) == 30
    assert sum("[ADDRESS]" in r[4] for r in rows) == 30 and sum("[PHONE]" in r[4] for r in rows) == 30


def test_changed_texts_and_changed_kinds_are_redacted_again(workspace, write_file, monkeypatch):
    run_import(workspace, _csv(write_file), ImportOptions(format="generic"))
    counts: dict = {}
    analysis_rows(workspace.conn, counts)
    assert counts == {"redacted": 120, "cached": 0}
    run_import(workspace, _csv(write_file, "edited.csv", changed=7), ImportOptions(format="generic"))
    calls = _count_detector_calls(monkeypatch)
    counts = {}
    assert analysis_rows(workspace.conn, counts) == _expected(workspace.conn)
    assert counts == {"redacted": 7, "cached": 113} and calls

    settings = privacy.load_settings(workspace.conn)
    settings.kinds = tuple(k for k in settings.kinds if k != "EMAIL")
    privacy.save_settings(workspace.conn, settings)
    counts = {}
    rows = analysis_rows(workspace.conn, counts)
    assert counts["redacted"] == 120 and rows == _expected(workspace.conn)
    assert sum("karlsson.refunds@example.com" in r[4] for r in rows) == 30  # e-mails are no longer a kind


def test_a_read_only_connection_reads_the_cache_and_writes_nothing(workspace, write_file):
    run_import(workspace, _csv(write_file), ImportOptions(format="generic"))
    reader = connect_reader(workspace.path)
    try:
        counts: dict = {}
        assert analysis_rows(reader, counts) == _expected(workspace.conn)
        assert counts["redacted"] == 120
        analysis_rows(workspace.conn)  # the writer fills the cache
        counts = {}
        analysis_rows(reader, counts)
        assert counts == {"redacted": 0, "cached": 120}
    finally:
        reader.close()


def test_the_fingerprint_covers_every_module_the_detectors_use():
    """A change to any detector's code gives new cache keys: every module of ours that the detector
    modules import is in the fingerprint, and each is read in full."""
    for name in rc.DETECTOR_MODULES:
        code = rc._module_code(name).decode("utf-8")
        assert len(code) > 1000 and "def " in code
        for imported in re.findall(r"^from \.(\w+) import", code, re.M):
            assert f"analysis.{imported}" in rc.DETECTOR_MODULES, (name, imported)
    assert rc.fingerprint(("EMAIL",)) != rc.fingerprint(("EMAIL", "NAME"))


def test_the_theme_engine_imports_without_torch_plotly_or_the_hub_client():
    code = ("import sys; from analysis.topics import import_engine; import_engine();"
            "names = ('torch', 'transformers', 'sentence_transformers', 'plotly', 'huggingface_hub');"
            "print([n for n in names if n in sys.modules]); import bertopic, umap, hdbscan")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"  # not loaded, and not left blocked (a None entry would be listed)


def test_reading_most_of_the_vector_cache_in_one_pass_gives_what_lookups_give(workspace):
    import numpy as np

    from triage_app.store.queries import transaction

    rng = np.random.default_rng(0)
    rows = [(f"h{i:05d}", rng.normal(size=4).astype(np.float32).tobytes()) for i in range(6_000)]
    with transaction(workspace.conn):
        tq.store_vectors(workspace.conn, "static", 4, rows)
        tq.store_vectors(workspace.conn, "other", 4, rows[:100])
    wanted = [h for h, _ in rows[:5_500]] + ["missing-1", "missing-2", "h00001"]
    scanned = tq.cached_vectors(workspace.conn, "static", wanted)  # most of the cache: one pass
    looked_up = tq.cached_vectors(workspace.conn, "static", wanted[:1_000])  # a few: lookups
    assert scanned == dict(rows[:5_500]) and looked_up == dict(rows[:1_000])


def test_label_caches_do_not_change_labels(monkeypatch):
    """The labels' per-text and per-clause caches (theme_labels) give the labels computed without
    them, whatever was read before: a clause read in a group where a word is a name and in one where
    it is not, Chinese texts segmented with and without the corpus's words."""
    import numpy as np

    from analysis import en_phrases, label_mood
    from analysis import theme_labels as tl

    airline = [f"Flew with Delta again {i}, the Delta flight was cancelled and Delta lost my bag" for i in range(8)]
    sync = [f"the delta flight mode sync was cancelled {i}, delta sync lost my notes" for i in range(8)]
    food = [f"外卖送到的时候饭菜都凉了{i}，森林人套餐分量太少" for i in range(8)]
    groups = [airline, sync, food]
    centroids = np.eye(3, 4, dtype=np.float32)
    owners = {"_parse_text": en_phrases, "_clause_phrases": en_phrases, "_text_mood": label_mood}
    caches = tuple(getattr(m, n) for n, m in owners.items())

    def labels() -> list[str]:
        return tl.phrase_labels([list(g) for g in groups], centroids, None, [["delta"], ["sync"], ["外卖"]], 7,
                                words=["森林人"])

    for cache in caches:
        cache.cache_clear()
    cold = labels()
    tl.phrase_labels([sync, airline[:3] + sync[:3]], centroids[:2], None, None, 3)  # other contexts first
    tl.is_name_only(airline + food, ["delta", "flight"])
    assert labels() == cold
    assert {c.cache_info().hits for c in caches} != {0}  # the caches were used
    for name, module in owners.items():
        monkeypatch.setattr(module, name, getattr(module, name).__wrapped__)  # the same code, never cached
    assert labels() == cold


def _themes(result) -> list:
    """Everything find_themes decided, as comparable values (vectors as bytes)."""
    return [result.labels.tolist(), result.similarity.tobytes(), result.info,
            [(t.index, t.keywords, t.label, t.centroid.tobytes(), t.size, t.quotes) for t in result.themes],
            [(t.children, t.keywords, t.label, t.centroid.tobytes(), t.size, t.quotes) for t in result.tops]]


def test_describing_the_found_clusters_later_changes_no_theme(monkeypatch):
    """BERTopic describes the clusters it finds (c-TF-IDF words, representative documents) as it fits;
    find_themes describes its final themes itself, so that is skipped (``topics._DescribeLater``) unless
    topic reduction reads it. The themes are those of BERTopic's own order, with and without reduction."""
    import numpy as np
    from bertopic import BERTopic

    from analysis import topics

    rng = np.random.default_rng(5)
    words = ["battery drains charging hot", "login password locked account", "export pdf excel download",
             "dark mode theme night", "refund charged twice money", "ads video sound skip"]
    docs, vecs = [], []
    for t, w in enumerate(words):
        for i in range(40):
            docs.append(" ".join(rng.choice(w.split(), 5)) + f" case {i}")
            vecs.append(np.eye(16)[t] + 0.15 * rng.normal(size=16))
    vecs = np.asarray(vecs, dtype=np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    described: list[int] = []
    original = BERTopic._extract_representative_docs

    def counted(self, *args, **kwargs):
        described.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(BERTopic, "_extract_representative_docs", counted)
    cases = [topics.ThemeParams(reducer="pca", seed=7), topics.ThemeParams(reducer="pca", seed=7, max_themes=4)]
    later = [topics.find_themes(docs, vecs, p) for p in cases]
    assert len(later[0].themes) == 6 and len(later[1].themes) == 4  # the second was reduced
    assert len(described) == 2  # only with reduction: the skipped description, then the reduction's own

    class AsFitted:  # BERTopic's own order: describe while fitting
        def __init__(self, model) -> None:
            pass

        restore = run = lambda self: None

    monkeypatch.setattr(topics, "_DescribeLater", AsFitted)
    described.clear()
    fitted = [topics.find_themes(docs, vecs, p) for p in cases]
    assert len(described) == 3  # each fit, and the reduction
    for a, b in zip(later, fitted):
        assert _themes(a) == _themes(b)


def test_centroids_are_the_row_by_row_sums_bit_for_bit():
    """centroids_of sums each theme's float32 rows in float64 per theme: the very bits of adding them
    row by row (np.add.at), which it replaced for speed."""
    import numpy as np

    from analysis.topic_matching import centroids_of

    def row_by_row(vectors, labels, n):
        sums = np.zeros((n, vectors.shape[1]))
        np.add.at(sums, labels[labels >= 0], vectors[labels >= 0])
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return (sums / norms).astype(np.float32)

    rng = np.random.default_rng(3)
    for n, k, dim in ((3000, 40, 512), (500, 3, 64), (40, 12, 16), (0, 2, 8)):
        vectors = rng.normal(size=(n, dim)).astype(np.float32)
        labels = rng.integers(-1, k, n)
        labels[labels == 1] = -1  # an empty theme
        assert centroids_of(vectors, labels, k + 1).tobytes() == row_by_row(vectors, labels, k + 1).tobytes()
        wide = vectors.astype(np.float64)  # other input: row by row as before
        assert centroids_of(wide, labels, k).tobytes() == row_by_row(wide, labels, k).tobytes()
    column = rng.normal(size=(900, 1)).astype(np.float32)
    assert centroids_of(column, np.zeros(900, np.int64), 1).tobytes() == row_by_row(column, np.zeros(900, np.int64), 1).tobytes()


def test_the_mood_guard_reads_lower_cased_texts_once_with_the_same_verdicts():
    import numpy as np

    from analysis.theme_groups import against_mood

    docs = ["Great DELIVERY, fast", "delivery was slow", "Slow Delivery again", "slow delivery, cold food",
            "slow delivery today", "the delivery is slow", "送餐太慢了", "送餐太慢", "送餐太慢，凉了", "送餐太慢!",
            "送餐太慢。", "very slow"] * 2
    said = np.array([2, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1] * 2)
    idx = np.arange(len(docs))
    lowered = [d.lower() for d in docs]
    verdicts = []
    for label in ("Slow delivery", "送餐太慢", "Fast", "a b", "slow"):
        for mood in (-1, 1):
            alone = against_mood(label, docs, idx, said, mood)
            assert against_mood(label, docs, idx, said, mood, lowered) == alone
            verdicts.append(alone)
    assert True in verdicts and False in verdicts


def test_exact_neighbours_are_scikit_learns_bit_for_bit():
    """cosine_kneighbors is NearestNeighbors' brute-force cosine search with numpy's clip: the same
    distances and the same neighbours in the same order, ties and duplicates included, in one chunk of
    rows (the matrix times itself) and in several."""
    import numpy as np
    from sklearn import config_context
    from sklearn.neighbors import NearestNeighbors

    from analysis.topics import cosine_kneighbors

    rng = np.random.default_rng(1)
    for n, dim in ((800, 16), (4097, 8)):  # one chunk; two (128 MiB of float64 distances per chunk)
        x = np.round(rng.normal(size=(n, dim)), 1).astype(np.float32)  # many equal distances
        x[10:60] = x[3]  # more duplicates than neighbours
        x[100:105] = x[200]
        x[500:502] = 0  # no direction
        with config_context(working_memory=128):
            dist, ind = NearestNeighbors(n_neighbors=15, metric="cosine", algorithm="brute").fit(x).kneighbors()
        ours = cosine_kneighbors(x, 15)
        assert ours[0].dtype == dist.dtype and ours[0].tobytes() == dist.tobytes()
        assert np.array_equal(ours[1], ind)


def test_the_unpacked_model_gives_the_packaged_models_vectors(tmp_path):
    """The default model's tokenizer and weights unpacked once per machine (analysis.use_unpacked): the first
    process unpacks them, the next loads them from there, and the vectors are those of the package's files."""
    code = ("import sys, numpy as np; from analysis import use_unpacked; from analysis.embeddings import UseMultilingual;"
            "m = use_unpacked.load(); print('from-cache' if m._backend is not None else 'parsed');"
            "texts = [f'the export to PDF fails on page {i}' for i in range(150)] + ['送餐太慢了，饭菜都凉了', 'ok', 'Café ☕'];"
            "np.save(sys.argv[1], UseMultilingual().encode(texts))")
    outputs = []
    for run, cache in enumerate(("cache", "cache", "off")):
        env = {**__import__("os").environ, "TRIAGE_MODEL_CACHE": str(tmp_path / cache) if cache != "off" else "off"}
        out = subprocess.run([sys.executable, "-c", code, str(tmp_path / f"v{run}.npy")], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr[-2000:]
        outputs.append(out.stdout.strip())
    assert outputs == ["parsed", "from-cache", "parsed"]
    assert [p.name for p in sorted((tmp_path / "cache").glob("usem3-*/*"))] == ["tokenizer.pickle", "weights.npz"]
    import numpy as np

    first, cached, packaged = (np.load(tmp_path / f"v{run}.npy") for run in range(3))
    assert first.shape == (153, 512) and first.tobytes() == cached.tobytes() == packaged.tobytes()


def test_the_garbage_collector_pauses_while_themes_are_found_and_resumes_after():
    import gc

    import numpy as np

    from analysis.topics import ThemeParams, find_themes

    rng = np.random.default_rng(2)
    vecs = np.repeat(np.eye(8, dtype=np.float32)[:3], 30, axis=0) + 0.05 * rng.normal(size=(90, 8)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    docs = [f"{w} report {i}" for i, w in enumerate(["battery drains", "login fails", "export broken"] * 30)]
    seen: list[bool] = []

    def profile(indices):  # read while the tree is built, inside find_themes
        seen.append(gc.isenabled())
        n = len(indices)
        return np.full((n, 3), 1 / 3), np.full((n, 5), 0.2)

    assert gc.isenabled()
    result = find_themes(docs, vecs, ThemeParams(reducer="pca", seed=1), profile=profile)
    assert result.themes and seen == [False] and gc.isenabled()
    gc.disable()
    try:  # a caller that had paused it finds it paused
        find_themes(docs, vecs, ThemeParams(reducer="pca", seed=1))
        assert not gc.isenabled()
    finally:
        gc.enable()
