"""Session-5 label rules: topic labels say what about the topic, names of the corpus's subject do not
head labels, and the label keeps the theme's mood (own bilingual fixtures)."""
from __future__ import annotations

import numpy as np

from analysis.en_phrases import _english_candidates, _Texts
from analysis.theme_labels import phrase_labels, says_how

DARK = ["Please add a dark mode", "A dark mode would be great at night", "dark mode please, my eyes hurt",
        "Is there a dark mode planned?", "Dark mode for the reader view would be lovely",
        "I'd pay for a dark mode", "The white screen is blinding, add dark mode", "Still waiting for dark mode"]
ADS = ["way too many ads now", "too many ads, uninstalling", "an ad after every level", "ads everywhere",
       "ad popups cover the buttons", "remove the ads please", "the ads are loud", "too many ads in the feed"]
TASTE = ["味道很好，分量也足", "味道很好，下次还点", "味道很好，包装也不错", "菜的味道很好，就是有点贵",
         "味道很好，米饭有点硬", "鱼香肉丝味道很好", "分量足，味道很好", "味道很好，推荐"]


def _centroids(n: int) -> np.ndarray:
    return np.eye(n, 8, dtype=np.float32)


def test_a_subject_joined_by_a_copula_is_one_phrase_without_it():
    texts = _Texts(["The GPS is not accurate at all", "Sync does not work since Monday", "my notes are gone"], ())
    found = {key: surface for clauses in texts.clauses for clause in clauses
             for key, surface in _english_candidates(clause, texts)}
    assert found[("gps", "not", "accurate")] == "GPS is not accurate"
    assert ("sync", "doesn't", "work") in found and ("note", "gone") in found
    assert not any(key[-1] in ("is", "does", "are") for key in found)


def test_a_topic_label_says_what_about_it_when_a_few_members_say_so():
    """Every member names the GPS; only three say how it is (under the 5% a label needs): still the label."""
    places = ("Arlo Bexby Corin Dunmore Elsby Farrow Galen Harwick Islay Jorvik Kessel Lomond Marrow Nethy Orrin Pellow "
              "Quarry Rosling Sedge Tarrow Ulvin Varden Wexley Yarrow Zennor Ashby Brora Cleat Dornie Eskdale").split()
    gps = ([f"GPS for {p}" for p in places] + [f"GPS in {p}" for p in places]
           + ["GPS is not accurate in town", "the GPS is not accurate at all", "GPS was not accurate on the hike"])
    gps += ["GPS not accurate near the coast", "GPS is not accurate again", "gps not accurate in the forest"]
    label = phrase_labels([gps, DARK, ADS], _centroids(3))[0]
    assert label.lower().startswith("gps") and "not accurate" in label.lower(), label  # 6 of 66 members
    assert says_how(label)


def test_a_chinese_topic_label_grows_into_a_less_common_complaint():
    broken = ["盒子破了，汤都洒了", "送来盒子破了", "盒子破了一个洞", "盒子破了", "盒子又破了", "盒子破了，差评"]
    boxes = [f"盒子第{i}次用这种" for i in range(60)] + broken
    label = phrase_labels([boxes, TASTE], _centroids(2))[0]
    assert label.startswith("盒子") and "破" in label, label  # 6 of 66: a share of the members, if not most


def test_a_lower_support_phrase_never_goes_against_the_themes_mood():
    """A complaint theme about the box: two members' praise of it is not its label."""
    boxes = ([f"盒子漏了，汤洒了{i}" for i in range(2)] + [f"盒子第{i}次用，太差了，没法吃" for i in range(30)]
             + ["盒子很好看", "盒子很好看，结实"])
    label = phrase_labels([boxes, TASTE], _centroids(2))[0]
    assert "好看" not in label, label


def test_the_corpus_subject_name_does_not_head_a_label():
    """Every tweet names the (made-up) company; the label says what about it."""
    def tweets(topic: list[str]) -> list[str]:
        return [f"So the Zenco {t} today" if i % 2 else f"Why is Zenco {t} again" for i, t in enumerate(topic)]
    battery = tweets(["battery drains fast"] * 6 + ["battery drains overnight", "charger broke"])
    store = tweets(["store queue was long"] * 6 + ["store staff were rude", "store closed early"])
    labels = phrase_labels([battery, store, DARK], _centroids(3))
    assert not any(lab.lower().startswith("zenco") for lab in labels[:2]), labels
    assert "battery" in labels[0].lower() and "store" in labels[1].lower(), labels


def test_a_word_that_only_starts_like_a_sentiment_word_is_not_one():
    assert not says_how("Terminal window") and not says_how("Files from Dropbox")
    assert says_how("App keeps crashing") and says_how("Loved the update")
