"""Content ids for rows without an id: the same in memory and once counted on disk (huge files)."""
from __future__ import annotations

from triage_app.importers.base import ContentIds
from triage_app.services.importing import run_import
from triage_app.store import Workspace

ROWS = [("2024-01-01", None, None, f"text {i % 7}") for i in range(60)]  # every text repeats


def test_disk_counting_gives_the_same_ids_as_memory():
    in_memory, spilling = ContentIds(), ContentIds(in_memory=3)
    a = [in_memory(*r) for r in ROWS]
    b = [spilling(*r) for r in ROWS]
    assert spilling._disk is not None and not spilling._seen  # it did move to disk
    assert a == b and len(set(a)) == 60 and sum(i.endswith("#2") for i in a) == 7


def test_an_import_past_the_memory_bound_stores_the_same_items(tmp_path, monkeypatch):
    data = tmp_path / "noids.csv"
    data.write_text("created,comment\n" + "".join(f"2024-01-{1 + i % 28:02d},same or not {i % 13}\n"
                                                  for i in range(400)), encoding="utf-8")

    def items(path):
        with Workspace(path) as ws:
            run_import(ws, data)
            run_import(ws, data)  # a re-import adds nothing
            return ws.conn.execute("SELECT external_id, text, created_at FROM items ORDER BY external_id").fetchall()

    expected = items(tmp_path / "memory.triage")
    monkeypatch.setattr(ContentIds, "IN_MEMORY", 5)
    assert items(tmp_path / "disk.triage") == expected and len(expected) == 400
