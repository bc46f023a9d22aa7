"""The phrase counts of a theme's siblings are cached for one labelling run only (``sibling_phrase.labelling_run``):
read once in a run however many themes ask, the same labels as without the cache, nothing kept between runs."""
from __future__ import annotations

import analysis.sibling_phrase as sp

CRASH = ["The app crashes after the update", "Crash after update on Android", "crashes after update every time"]
FAILS = ["Update fails to install", "the update fails halfway", "update keeps failing"]
SLOW = ["Sync is slow after the update", "the update made sync slow", "slow sync since the update"]


def _counting(monkeypatch) -> list[tuple[str, ...]]:
    reads: list[tuple[str, ...]] = []
    real = sp._read_counts

    def counted(texts):
        reads.append(texts)
        return real(texts)
    monkeypatch.setattr(sp, "_read_counts", counted)
    return reads


def _labels() -> list[str | None]:
    """Each theme's phrase against its two siblings (the fallback asks for every theme's siblings)."""
    themes = [CRASH, FAILS, SLOW]
    return [sp.distinct_phrase("Update", own, [t for t in themes if t is not own], ["update"]) for own in themes]


def test_a_run_reads_each_siblings_texts_once_and_keeps_nothing_after(monkeypatch):
    reads = _counting(monkeypatch)
    without = _labels()
    assert len(reads) == 6  # outside a run nothing is cached: two siblings per theme
    reads.clear()
    with sp.labelling_run():
        inside = _labels()
        assert len(reads) == 3 and len(set(reads)) == 3  # each theme's texts read once
        with sp.labelling_run():  # a run inside a run is part of it
            assert _labels() == inside and len(reads) == 3
    assert inside == without and all(inside)
    reads.clear()
    with sp.labelling_run():  # a new run starts empty
        _labels()
    assert len(reads) == 3
    assert sp._RUN_COUNTS.get() is None


def test_the_tree_builder_is_one_run(monkeypatch):
    seen = []
    real = sp._sibling_counts

    def watched(texts):
        seen.append(sp._RUN_COUNTS.get())
        return real(texts)
    monkeypatch.setattr(sp, "_sibling_counts", watched)

    @sp.labelling_run()
    def labelling():
        _labels()
        _labels()
    labelling()
    labelling()
    assert len(seen) == 24 and len({id(c) for c in seen[:12]}) == 1 and seen[0] is not None
    assert seen[12] is not seen[0]  # each call its own cache
    from analysis.theme_tree import build_tree

    assert getattr(build_tree, "__wrapped__", None) is not None  # decorated by labelling_run
