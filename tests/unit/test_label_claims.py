"""Claims members make become label candidates (sublabel10, session 10): one-character Chinese adjectives marked by
a degree adverb (挺快, 太慢), spans of time fused into one word (送了俩小时 = 送了两个小时), English requests for
more of something ("More lives", never from "no more ads"); a verb wanting its object ("Needs") is no label; a
bare topic gives way to a claim as many members make."""
from __future__ import annotations

import numpy as np

from analysis.en_phrases import _phrases
from analysis.label_mood import says_how
from analysis.theme_labels import phrase_labels
from analysis.zh_phrases import _chinese_candidates
from analysis.zh_words import segmenter


def _zh_keys(text: str) -> dict:
    return dict(_chinese_candidates(segmenter(()).lcut(text)))


def _en_keys(text: str) -> set:
    return {key for key, _, _ in _phrases(tuple(text.split()))}


def test_a_marked_one_character_claim_is_a_candidate_and_says_how():
    assert _zh_keys("送餐挺快的")[("快",)] == "挺快"
    assert ("慢",) in _zh_keys("太慢了")
    assert says_how("挺快") and says_how("太慢")
    assert not says_how("快") and not _zh_keys("快")  # unmarked, one character: names nothing


def test_a_span_of_time_fused_into_one_word_counts_as_its_unit():
    words = segmenter(("俩小时",)).lcut("送了俩小时")
    assert "俩小时" in words  # the corpus's own word
    fused = dict(_chinese_candidates(words))
    assert ("送", "小时") in fused and ("送", "小时") in _zh_keys("送了两个小时")


def test_english_requests_for_more_are_candidates_and_no_more_is_not_more():
    assert ("more", "live") in _en_keys("it needs more lives")
    assert ("more", "ads") not in _en_keys("no more ads please")
    assert ("no", "more", "ads") in _en_keys("no more ads please")
    assert ("more", "secret") not in _en_keys("more secret boards")  # the thing wanted is still to come
    assert says_how("More lives")


def test_a_verb_wanting_its_object_is_no_label():
    assert ("need",) not in _en_keys("Needs")
    assert ("need", "better", "tagging") in _en_keys("Needs better tagging")
    assert ("new",) in _en_keys("New")  # an adjective may still stand alone


def test_a_bare_topic_gives_way_to_the_claim_as_many_members_make():
    slow = ["等了四十分钟，太慢了", "五十分钟才送到", "四十分钟", "太慢了，九十分钟", "分钟数都数不清，太慢了", "六十分钟",
            "太慢了", "八十分钟才到", "等了七十分钟", "太慢了吧", "七十分钟", "一百分钟，太慢了"]
    rice = ["米饭太硬了", "米饭夹生", "米饭不够", "米饭太少", "米饭凉了", "米饭很硬", "米饭难吃", "米饭有沙子"]
    args = ([slow, rice], np.zeros((2, 4), np.float32), None, [["分钟"], ["米饭"]])
    kw = dict(words=(), moods=[[-1] * len(slow), [-1] * len(rice)])
    labels = phrase_labels(*args, **kw)
    assert labels[0] == "太慢"
    assert phrase_labels(*args, **kw) == labels  # same input, same labels


def test_an_english_request_for_more_labels_its_theme():
    more = ["needs more lives", "please give more lives", "Need more lives!", "more lives please", "we need more lives",
            "I want more lives", "Needs more lives and levels", "lives run out, need more lives", "more lives", "Needs"]
    crash = ["app keeps crashing", "keeps crashing on start", "crashes all the time", "it keeps crashing", "crash again",
             "keeps crashing after update", "crashing constantly", "keeps crashing when I open it"]
    labels = phrase_labels([more, crash], np.zeros((2, 4), np.float32), None, [["lives"], ["crashing"]],
                           moods=[[-1] * len(more), [-1] * len(crash)])
    assert "more lives" in labels[0].lower()
