"""Tree-wide label checks: no numbered duplicates, one casing per word, no generic one-word labels."""
from __future__ import annotations

import re

import numpy as np

from analysis.label_polish import (distinguishing_word, generic_word, house_casing, polish_tree, surface_counts)
from analysis.theme_labels import phrase_labels
from analysis.theme_tree import TopTheme

_NUMBERED = re.compile(r"\(\d+\)$")


def test_siblings_sharing_a_typical_sentence_are_never_numbered():
    groups = [["We need the batteries. Studio at high altitude today"],
              ["We need the batteries. One outlet and four computers"],
              ["We need the batteries. Charging in the old library"]]
    labels = phrase_labels(groups, np.zeros((3, 4), np.float32))
    assert not any(_NUMBERED.search(x) for x in labels), labels
    assert len({x.lower() for x in labels}) == 3, labels


def test_a_word_only_these_members_say_tells_them_apart():
    own = ["need batteries in the studio", "the studio needs batteries", "batteries for studio work"]
    sibling = ["need batteries at the outlet", "batteries and the outlet", "outlet batteries"]
    assert distinguishing_word(own, [sibling], ["We need the batteries"]) == "studio"
    assert distinguishing_word(own, [own], []) is None  # nothing tells identical members apart


def test_a_word_is_written_as_members_write_it_most():
    surfaces = surface_counts(["$AAPL up today", "AAPL falls", "buy AAPL now", "aapl chart", "Apple event"])
    assert house_casing("Aapl", surfaces) == "AAPL"
    assert house_casing("Apple aapl", surfaces) == "Apple AAPL"
    assert house_casing("AAPL aapl stock", surfaces) == "AAPL stock"  # one word never twice in two casings
    assert house_casing("Apple event", surfaces) == "Apple event"  # a capital at the start is no name casing


def _corpus():
    fixtures = ["the app keeps crashing on start", "love the app, great design", "app needs a dark mode",
                "the app is slow to sync", "my macbook overheats with the app", "macbook fan is loud",
                "macbook battery drains fast", "I hate the new app icon", "the app logs me out"]
    others = [f"ticket {i}: the app {verb} after the update" for i in range(40)
              for verb in ("freezes", "stalls")]
    return fixtures * 3 + others


def test_generic_words_are_told_from_topics_by_the_data():
    corpus = _corpus()
    mac = [t for t in corpus if "macbook" in t]
    crash = [t for t in corpus if "crash" in t]
    assert generic_word("App", crash, corpus)  # said in most documents of the corpus
    assert generic_word("Hate", [t for t in corpus if "hate" in t], corpus)  # says how, not what
    assert not generic_word("Macbook", mac, corpus)  # the theme holds the Macbook posts
    assert not generic_word("AAPL", ["AAPL up", "AAPL down"], corpus + ["AAPL"] * 40)  # a name


def test_polish_tree_leaves_labels_unique_ignoring_case_and_never_numbered():
    docs = ["AAPL stock is up today", "AAPL shares rise after earnings", "buy AAPL before earnings",
            "AAPL chart looks bullish", "AAPL stock falls on news", "AAPL shares drop premarket",
            "sell AAPL after the drop", "AAPL chart looks bearish"]
    labels = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    tops = [TopTheme([0], ["aapl"], "AAPL", np.ones(4, np.float32), 4),
            TopTheme([1], ["aapl"], "Aapl", np.ones(4, np.float32), 4)]
    sub_labels = ["AAPL", "Aapl"]
    texts = [docs[:4], docs[4:]]
    polish_tree(tops, sub_labels, docs, labels, texts, {}, lambda g, i, reserved: None)
    got = [t.label for t in tops]
    assert len({x.lower() for x in got}) == 2, got
    assert got[0] == "AAPL" and got[1].startswith("AAPL") and ":" not in got[1], got
    assert not any(_NUMBERED.search(x) for x in got)
    assert sub_labels == got  # a theme of one sub-theme keeps both labels equal


def test_a_taken_label_gives_way_to_a_phrase_its_members_write_not_a_label_and_a_word():
    from analysis.sibling_phrase import distinct_phrase

    crash = ["The app crashes after the update", "Crash after update on Android", "crashes after update every time"]
    fails = ["Update fails to install", "the update fails halfway", "update keeps failing"]
    mine, theirs = distinct_phrase("Update", crash, [fails], ["update"]), distinct_phrase("Update", fails, [crash], [])
    assert mine and theirs and mine.lower() != theirs.lower() and "update" not in (mine.lower(), theirs.lower())
    assert ":" not in mine + theirs and "crash" in mine.lower() and "fail" in theirs.lower()
    slow = ["重新联网后同步很慢", "重新联网后同步要很久", "联网后同步慢得要命"]
    clash = ["同步冲突太多了", "总是弹出同步冲突", "同步冲突不知道保留哪个"]
    zh = distinct_phrase("同步问题", slow, [clash], []), distinct_phrase("同步问题", clash, [slow], [])
    assert zh[0] in "".join(slow) and zh[1] in "".join(clash) and zh[0] != zh[1]  # a whole phrase of theirs
    assert distinct_phrase("Update", crash, [crash], []) is None  # nothing tells identical members apart
    from analysis.theme_labels import _Taken  # the phrase labeller's taken labels (compared as they read)

    other = distinct_phrase("Update", crash, [fails], _Taken([mine.upper()]))
    assert other and other.lower() != mine.lower()
