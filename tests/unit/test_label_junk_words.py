"""Tokens that are no words never become keywords or label words; empty nouns never stand alone as a label."""
from __future__ import annotations

from analysis.en_phrases import _clause_phrases, _parse_text
from analysis.topic_keywords import is_word, tokenize


def _surfaces(text: str) -> set[str]:
    clauses = _parse_text(text, ())[0]
    return {surface for clause in clauses for _, surface, _ in _clause_phrases(clause)}


def test_tracker_keys_slugs_and_repeated_signs_are_no_words():
    for junk in ("HIVE-21786", "spark-1234", "cve-2021-44228", "xxxx", "zzz", "a++++",
                 "multilingual-amazon-review-sentiment-processed"):
        assert not is_word(junk.lower()), junk
    for word in ("covid-19", "utf-8", "windows-10", "log4j2", "branch-3", "c++", "wi-fi", "up-to-date", "python3"):
        assert is_word(word.lower()), word
    assert tokenize("Backport HIVE-21786 to branch-3 fixing wi-fi") == ["backport", "branch-3", "fixing", "wi-fi"]


def test_doubled_hyphens_and_ellipses_split_words():
    assert tokenize("setup--amazing speaker") == ["setup", "amazing", "speaker"]
    assert "Speaker...works" not in _surfaces("Great speaker...works fine") and "speaker" in {
        s.lower() for s in _surfaces("Great speaker...works fine")}
    assert "Backport HIVE-21786" not in _surfaces("Backport HIVE-21786 to branch")


def test_empty_nouns_never_stand_alone_but_stay_inside_phrases():
    said = _surfaces("What's the difference between stout and porter")
    assert "difference" not in {s.lower() for s in said} and "stout" in said
    said = _surfaces("I get the following error on import")
    assert "following" not in {s.lower() for s in said} and "following error" in {s.lower() for s in said}
    said = _surfaces("Is there a better way to export notes")
    assert "way" not in {s.lower() for s in said} and "better way" in {s.lower() for s in said}
    assert "far" not in {s.lower() for s in _surfaces("Love it so far")}


def test_shouted_texts_say_nothing_of_acronyms_or_names():
    from analysis.en_phrases import _display, _Texts, unshout

    shouted = ["I AM TRYING TO BUY A HOUSE AND THE REPORT IS WRONG", "WHY CAN'T I BUY A HOUSE WITH THIS REPORT"]
    case = _Texts(shouted + ["we want to buy a house soon"], ())
    assert case.upper.get("buy", 0) == 0 and not case.is_name("house")
    assert _display(("buy", "a", "house"), {"BUY A HOUSE": 2, "buy a house": 1}, case) == "Buy a house"
    # placeholders and retweet markers stay what they are (never a word), and do not make a text shouted
    assert unshout("RT [HANDLE]: I CANNOT BELIEVE THE NEW UPDATE BROKE IT") == \
        "RT [HANDLE]: i cannot believe the new update broke it"
    assert unshout("[HANDLE] [HANDLE] [HANDLE] [URL] so sad about this one") == \
        "[HANDLE] [HANDLE] [HANDLE] [URL] so sad about this one"
    # acronyms of texts written normally keep their capitals
    case = _Texts(["The GPS drifts in town", "my GPS is off by a mile", "GPS keeps losing signal"], ())
    assert _display(("gps",), {"GPS": 3}, case) == "GPS"
