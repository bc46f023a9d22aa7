"""Top-level labels a PM can read (session 11, issue 12): a word the children share only in passing ("due to",
"when running", "input") does not head a parent when a category covers the children; a lone theme named by a count
(第二次, "Second time") is empty; a typical sentence that ends on a word wanting more ("...the old") gives way to the
next one. Fixtures written here."""
from __future__ import annotations

from analysis import parent_labels as pl
from analysis.en_pos import names_thing
from analysis.lone_labels import empty_label
from analysis.theme_labels import typical_sentence

OTHERS = ["the export button is missing", "please add a dark theme", "love the new icons", "search finds nothing",
          "billing page shows the wrong plan", "calendar sync works well", "great support team",
          "cannot change my avatar", "the widget is too small", "dark mode please"] * 4


def _clauses(texts):
    said = pl.Said()
    return [c for t in texts if said.terms(t) is not None for c in said._clauses[t]]


def test_a_describing_word_or_a_verbs_ing_form_names_no_thing():
    due = ["crash due to overflow", "abort due to a bad shape", "segfault due to large input"]
    assert not names_thing("due", _clauses(due))
    running = ["check failure when running conv3d", "abort while running the op", "the tests fail"]
    assert not names_thing("running", _clauses(running))
    # nouns stay nouns: "the input", an -ing word written as a noun
    assert names_thing("input", _clauses(["crash on the input", "input too large"]))
    assert names_thing("training", _clauses(["the training is slow", "my training stops"]))


CRASHES = {  # overflow, segfault and abort reports that share "input" in passing
    "Overflow bug": ["integer overflow with a large input", "overflow in conv2d", "stack overflow in parse",
                     "overflow when multiplying shapes", "heap overflow on negative input"],
    "Segmentation fault": ["segmentation fault with an empty input", "segfault in sparse slice",
                           "segmentation fault in gather", "segfault on the tensor list", "segmentation fault on exit"],
    "Abort on check": ["abort with a wrong input", "abort in the shape check", "check failure aborts the process",
                       "aborted in reshape", "abort on a zero size input"],
}


def test_a_category_that_covers_the_children_beats_a_word_they_share_in_passing():
    texts = [list(t) * 4 for t in CRASHES.values()]
    label = pl.name_parent("Input", list(CRASHES), [40, 35, 25], texts, OTHERS, 0, set(), pl.Said())
    assert label == "Crashes", label  # before: "Input"


def test_a_count_or_a_time_names_no_lone_theme():
    inside = ["第二次点了，量大，很不错", "下次还点！", "我居然还买了第二次", "second time ordering, still good"]
    corpus = inside + ["送餐太慢了", "味道不错", "包装很好", "the app crashes"] * 5
    assert empty_label("第二次", inside, corpus)
    assert empty_label("Second time", inside, corpus)
    assert not empty_label("送餐太慢", inside, corpus)


def test_a_typical_sentence_that_dangles_gives_way_to_the_next():
    texts = ["bring back the old.", "bring back the old.", "please bring that back."]
    label = typical_sentence(texts, None, None, ["back", "bring"], set())
    assert label == "Please bring that back", label  # before: "Bring back the old"


def test_a_category_beats_one_word_and_the_kind_of_report():
    from analysis.parent_fit import fit

    texts = [list(t) * 4 for t in CRASHES.values()]
    texts[0][0] = "overflow bug in conv2d"
    label = fit("Overflow bug", list(CRASHES), [40, 35, 25], texts, OTHERS, 0, set(), pl.Said(), None)
    assert label == "Crashes", label  # before: "Overflow bug", one child's kind of crash over all three
    claim = fit("Segfault on exit", list(CRASHES), [40, 35, 25], texts, OTHERS, 0, set(), pl.Said(), None)
    assert claim == "Segfault on exit"  # a phrase says more than a word: kept
