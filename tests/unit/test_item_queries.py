"""The feedback table's queries: every filter, both orders of page and count, and keyset paging."""
from __future__ import annotations

import pytest

from triage_app.domain import drive
from triage_app.services.importing import run_import
from triage_app.services.sentiment import score_items
from triage_app.store.item_queries import ItemFilter, count_items, counts_first, first_page_and_count, page_items

ROWS = [(i, f"2024-0{1 + i % 6}-1{i % 9} 10:00", text, score, plan) for i, (text, score, plan) in enumerate([
    ("Export to Excel is broken", 1, "team"), ("Love the dashboard", 5, "free"), ("配送太慢了", 2, "team"),
    ("Dark mode please", 3, "free"), ("Sync fails every night", 1, "business"), ("Great support thanks", 5, "team"),
    ("Search results are wrong", 2, "free"), ("Onboarding was easy", 4, "business"),
] * 40)]


@pytest.fixture
def ws(workspace, write_file):
    lines = ["id,created,comment,score,plan"] + [f"{i},{d},{t},{s},{p}" for i, d, t, s, p in ROWS]
    run_import(workspace, write_file("f.csv", "\n".join(lines) + "\n"))
    drive(score_items(workspace.conn))
    return workspace


def _all_ids(conn, f: ItemFilter) -> list[int]:
    ids, after = [], None
    while True:
        page = page_items(conn, f, "created_at", True, 37, after, None)
        if not page:
            return ids
        ids += [r[0] for r in page]
        after = (page[-1][-1], page[-1][0])


@pytest.mark.parametrize("f", [
    ItemFilter(), ItemFilter(search="excel"), ItemFilter(search="配送"), ItemFilter(search="sync fails"),
    ItemFilter(search="excel", score_band="low"), ItemFilter(score_band="low"), ItemFilter(score_band="high"),
    ItemFilter(segment=("plan", "team")), ItemFilter(sentiment="negative"), ItemFilter(sentiment="positive"),
    ItemFilter(sentiment="neutral", created_from="2024-03-01"), ItemFilter(statuses=["new"], sentiment="negative"),
])
def test_first_page_then_count_agree_with_a_full_walk(ws, f):
    steps = first_page_and_count(ws.conn, f, "created_at", True, 25)
    rows, total = next(steps)
    if counts_first(f):
        assert total is not None
    else:
        assert total is None
        with pytest.raises(StopIteration) as done:
            next(steps)
        total = done.value.value
    every = _all_ids(ws.conn, f)
    assert total == count_items(ws.conn, f) == len(every) == len(set(every))
    assert [r[0] for r in rows] == every[:25]


def test_sentiment_filter_follows_ratings(ws):
    negative = {r[0] for r in page_items(ws.conn, ItemFilter(sentiment="negative"), limit=1000)}
    low = {r[0] for r in page_items(ws.conn, ItemFilter(score_band="low"), limit=1000)}
    assert negative == low and len(negative) == 4 * 40  # ratings 1-2 are negative whatever the text says
    assert count_items(ws.conn, ItemFilter(sentiment="positive")) == 3 * 40  # 4-5 stars
    with pytest.raises(ValueError):
        count_items(ws.conn, ItemFilter(sentiment="angry"))


def test_search_count_follows_updated_texts(workspace, write_file):
    """Counting a search in the full-text index alone stays right when a re-import changes texts."""
    first = "id,created,comment\n" + "".join(f"{i},2024-01-0{1 + i % 9} 10:00,excel export broken {i}\n" for i in range(30))
    run_import(workspace, write_file("a.csv", first))
    changed = first.replace("excel export broken 1", "pdf export broken 1")  # ids 1 and 10-19 now say pdf
    run_import(workspace, write_file("a.csv", changed))
    for word, expected in (("excel", 19), ("pdf", 11), ("export", 30)):
        f = ItemFilter(search=word)
        assert count_items(workspace.conn, f) == len(_all_ids(workspace.conn, f)) == expected
