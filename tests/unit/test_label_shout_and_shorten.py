"""Found on unseen real sets (session 9): a shouted complaint set a label's casing ("BUY"), and a whole member
sentence used as a label lost its end to the function-word trim ("I like almost everything" -> "I")."""
from __future__ import annotations

from analysis.label_polish import house_casing, surface_counts
from analysis.theme_labels import _shorten


def test_shouted_texts_do_not_set_a_labels_casing():
    texts = ["I TRIED TO BUY A CAR AND THEY REFUSED MY LOAN", "WHY CAN I NOT BUY ANYTHING WITH THIS CARD",
             "They would not let me buy it", "THE BANK BLOCKED MY BUY ORDER"]
    assert house_casing("Buy", surface_counts(texts)) == "Buy"


def test_a_name_members_write_in_capitals_keeps_them():
    texts = ["The AAPL price fell", "Sold my AAPL shares", "aapl is up", "AAPL earnings today"]
    assert house_casing("Aapl shares", surface_counts(texts)) == "AAPL shares"


def test_a_whole_short_sentence_stays_whole():
    assert _shorten("I like almost everything.") == "I like almost everything"
    assert _shorten("i love it") == "I love it"


def test_a_cut_sentence_does_not_end_on_a_function_word():
    assert _shorten("Login fails after the update on my phone today") == "Login fails after the update"
