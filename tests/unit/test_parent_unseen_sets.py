"""Parent labels on kinds of feedback the label rules were not tuned on (session 12, issue 12: product reviews, a
Java issue tracker, a beer forum): a head term shown in the compound members write it in ("Praise for fire stick",
not "Praise for stick"); the parent's own phrase over the one bare word of it ("Recipe search", not "Recipe"); Java
exception names as cues of "Errors and exceptions" (not "Throws NPE, and 2 more"). Fixtures written here."""
from __future__ import annotations

from analysis import parent_labels as pl
from analysis.parent_categories import category

OTHERS = ["the export button is missing", "please add a dark theme", "love the new icons", "search finds nothing",
          "billing page shows the wrong plan", "calendar sync works well", "great support team",
          "cannot change my avatar", "the widget is too small", "dark mode please"] * 4


def _name(current, children: dict, mood: int, others=OTHERS, loved=None, taken=()):
    texts = [list(t) * 5 for t in children.values()]
    sizes = [40] * len(children)
    return pl.name_parent(current, list(children), sizes, texts, others, mood, set(taken), pl.Said(), loved=loved)


HOSE = {  # every child says "hose", mostly as "garden hose"
    "Leaks at the tap": ["the garden hose leaks at the tap", "my garden hose drips at the tap",
                         "garden hose leaking from the tap joint", "the hose leaks where it meets the tap"],
    "Nozzle breaks": ["the nozzle of the garden hose broke", "garden hose nozzle cracked in a week",
                      "nozzle snapped off the garden hose", "cheap nozzle on this garden hose"],
    "Kinks all the time": ["the garden hose kinks all the time", "garden hose kinks when I pull it",
                           "constant kinks in the garden hose", "this garden hose twists and kinks"],
}


def test_a_head_term_is_shown_in_the_compound_members_write_it_in():
    label = _name("Tap and nozzle", HOSE, -1, loved=False)
    assert label == "Garden hose problems", label  # ece40c5: "Hose problems" (cut from "garden hose")


def test_a_verb_or_a_mood_word_before_the_term_is_no_compound():
    said = pl.Said()
    texts = ["play music in the kitchen", "I play music all day", "play music from my phone", "great music here",
             "great music every morning", "great music and news", "great music on demand"]
    assert said.compound("music", texts) is None  # "play" is a verb, "great" says how
    assert said.compound("hose", [t for g in HOSE.values() for t in g]) == "garden"
    assert said.compound("送餐", ["送餐很快", "送餐太慢"]) is None  # a jieba word already holds its compound


RECIPES = {  # "recipe" shared by every child, written after no one word; the parent's phrase is one child's words
    "Search by ingredient": ["recipe search by ingredient finds nothing", "recipe search ignores what is in the fridge",
                             "recipe search ignores the ingredient", "the recipe search wants every ingredient"],
    "Saved recipes vanish": ["my saved recipe list is empty", "saved recipe disappeared after the update",
                             "lost every saved recipe", "the saved recipe folder vanished"],
    "Recipe photos": ["the recipe photo does not load", "recipe photos are blurry",
                      "add a photo to each recipe", "a recipe without photos"],
}


def test_the_parents_own_phrase_replaces_the_bare_word_it_holds():
    label = _name("Recipe search", RECIPES, 0)
    assert label == "Recipe search", label  # ece40c5: "Recipe"


def test_a_phrase_few_members_say_does_not_replace_the_word():
    label = _name("Recipe contest", RECIPES, 0)
    assert label != "Recipe contest", label  # nobody writes "contest": the phrase is not the parent's
    more = dict(RECIPES, **{
        "Recipe units": ["recipe units are in cups", "convert the recipe to grams", "recipe units are wrong",
                         "metric units for every recipe"],
        "Recipe sharing": ["share a recipe with my sister", "recipe sharing link is broken",
                           "cannot share the recipe", "share recipe by mail"]})
    label = _name("Recipe search", more, 0)
    assert label != "Recipe search", label  # one child of five says it: a part of the parent, not its name


JAVA = {  # a Java tracker: exceptions by class name, none of them the word "exception" alone
    "Throws NPE": ["NPE in the compactor", "NullPointerException when the table is empty", "npe on reload",
                   "compactor throws NPE"],
    "Cast fails in reader": ["ClassCastException in the ORC reader", "reader fails with ClassCastException",
                             "ClassCastException for decimal columns", "cast error in reader: ClassCastException"],
    "Index out of bounds": ["ArrayIndexOutOfBoundsException in the vectorizer", "vectorizer throws "
                            "ArrayIndexOutOfBoundsException", "ArrayIndexOutOfBoundsException on wide rows",
                            "IndexOutOfBoundsException when sorting"],
}


def test_java_exception_classes_are_cues_of_errors_and_exceptions():
    flat = [list(t) * 5 for t in JAVA.values()]
    assert category(flat, [40] * 3, OTHERS, 0, pl.Said()) == "Errors and exceptions"  # ece40c5: None
    assert category([["the errors are shown in red", "an error page"] * 5] * 3, [40] * 3, OTHERS, 0,
                    pl.Said()) != "Errors and exceptions"  # the plain word is not a class name


def test_the_leaf_labellers_topic_frame_keeps_the_compound():
    """A sub-theme or lone theme named by its topic as a problem: "Credit karma problems", not "Karma problems"."""
    from collections import Counter

    from analysis.en_phrases import _Texts
    from analysis.theme_labels import _Taken, _topic_frame

    texts = ["credit karma keeps logging me out", "credit karma shows the wrong score", "the karma app crashed",
             "credit karma will not load", "credit karma lost my report"]
    df = Counter({("karma",): 5, ("credit", "karma"): 4})
    surfaces = {("karma",): Counter({"karma": 5}), ("credit", "karma"): Counter({"credit karma": 4})}
    assert _topic_frame(("karma",), df, 2, surfaces, _Texts(texts, ()), _Taken(), -1) == "Credit karma problems"
    loved = Counter({("music",): 5, ("love", "music"): 4})  # "love" says how: no compound
    shown = {("music",): Counter({"music": 5}), ("love", "music"): Counter({"love music": 4})}
    assert _topic_frame(("music",), loved, 2, shown, _Texts(["i love music"] * 4 + ["music"], ()), _Taken(), 1) == "Music"
