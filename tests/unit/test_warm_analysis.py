"""A warm re-run does not redo work an earlier run did (issue 12, speed): the redaction before
embedding comes from the workspace's cache, and the theme engine is imported without torch."""
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


def test_the_theme_engine_imports_without_torch():
    code = ("import sys; from analysis.topics import import_engine; import_engine();"
            "names = ('torch', 'transformers', 'sentence_transformers');"
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
