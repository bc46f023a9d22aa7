"""Labels that read like a person wrote them (session 11): no phrase cut before its last word, no phrase across a
title/body or line break, no issue-form prompt, a sub-theme gets back the phrase its parent gave up (own texts)."""
from __future__ import annotations

import numpy as np

from analysis.en_frames import frames
from analysis.en_phrases import _english_candidates, _Texts, _word_kind
from analysis.text_clean import clean_views
from analysis.theme_labels import _shorten, typical_sentence


def _surfaces(text: str) -> set[str]:
    parsed = _Texts([text], ())
    return {surface for clauses in parsed.clauses for clause in clauses
            for _, surface in _english_candidates(clause, parsed)}


def test_a_predicate_never_ends_on_the_adverb_of_its_word():
    found = _surfaces("Startup is painfully slow, I usually go and make coffee while it loads")
    assert "Startup is painfully slow" in found
    assert not any(s.endswith("painfully") for s in found), found


def test_a_phrase_never_ends_where_a_determiner_still_wants_its_noun():
    found = _surfaces("The app gets slower the longer it stays open")
    assert "app gets slower" in found
    assert not any(s.endswith(("the longer", "the")) for s in found), found


def test_a_verb_is_not_cut_from_its_particle():
    found = _surfaces("I cant log into my account since Monday")
    assert not any(s.lower().split()[-1] == "log" for s in found), found
    assert "log in" in _surfaces("please let me log in")


def test_a_negated_frame_leaves_the_copula_out():
    clause = "There is no push notification when a build fails".split()
    surfaces = [s for _, s in frames(clause, [_word_kind(w.lower()) for w in clause], lambda w: len(w) > 2)]
    assert "no push notification" in surfaces
    assert not any(s.lower().startswith("is ") for s in surfaces), surfaces
    clause = "Export does not load".split()  # a verb's auxiliary stays: "does not load"
    assert "does not load" in [s for _, s in frames(clause, [_word_kind(w.lower()) for w in clause], lambda w: True)]


def test_a_fallback_sentence_never_runs_an_issue_title_into_its_body():
    texts = ["Jira integration\nA two-way Jira integration would save us a lot of copy and paste"] * 3
    label = typical_sentence(texts, None, None, ["jira", "integration"], set())
    assert "integration A" not in label and label in ("Jira integration", "A two-way Jira integration"), label


def test_a_cut_sentence_ends_at_its_first_clause_or_before_a_verb_cut_from_its_object():
    assert _shorten("Startup is painfully slow, I usually go and make coffee while it loads") == \
        "Startup is painfully slow"
    assert _shorten("A two-way Jira integration would save us a lot of copy and paste") == "A two-way Jira integration"
    assert _shorten("I like it all") == "I like it all"  # a whole sentence stays whole
    assert _shorten("The app crashes every time I open it") == "The app crashes every time"


FORM = ("**System information**\n"
        "-   **Have I written custom code (as opposed to using a stock example script\n"
        "    provided in Acme)**:{answer}\n"
        "-   **Which part of Acme did you use**:{part}\n\n{own}")
OWN = ["Widget export hangs on large files", "Gizmo import drops the header row", "Sprocket view flickers",
       "Doohickey sync stops after sleep", "Thingamajig search ignores accents", "Whatsit crashes on paste"]


def test_an_issue_form_prompt_wrapped_over_two_lines_and_its_fields_leave_only_the_answers():
    answers = [" yes", " No", " Yes", " no", "", " yes, a little", " nope", " YES", " n/a", " sure", " y", " none"]
    used = ["", "", "", "", "", "", " the blue gadget", " Widgets", " the CLI", " a plugin", " the web page", " all"]
    bodies = [FORM.format(answer=a, part=p, own=f"{OWN[i % 6]} ({i})") for i, (a, p) in enumerate(zip(answers, used))]
    bodies += [f"{OWN[i % 6]} again, see below ({i})\nnothing more {i}" for i in range(12)]
    _, read = clean_views([("github", "acme/acme", f"Issue {i}", b) for i, b in enumerate(bodies)])
    assert not any("provided in" in r.lower() or "which part" in r.lower() for r in read), read[:3]
    assert read[6].split("\n")[1:] == ["nope", "the blue gadget", "Widget export hangs on large files (6)"] and "Widget export hangs on large files (0)" in read[0]


def test_a_sub_theme_gets_back_the_phrase_its_parent_gave_up():
    from analysis.theme_tree import TopTheme, _take_released

    sync = [f"Sync conflict lost my edits in file {i}" for i in range(8)] + ["sync conflict again", "sync conflict"]
    slow = ["Startup is painfully slow, I make coffee", "Startup is painfully slow on my laptop",
            "startup is painfully slow every morning", "Startup is painfully slow since the update",
            "The app gets slower over time", "the app gets slower each day"]
    tops = [TopTheme([0, 1], ["sync", "startup"], "Syncing problems", np.ones(4, np.float32), 16)]
    sub_labels = ["Sync conflict", "App gets slower"]
    _take_released(tops, ["Startup is painfully slow"], sub_labels, {0: [sync, slow]},
                   {0: [np.arange(10), np.arange(10, 16)]}, np.eye(2, 4, dtype=np.float32),
                   [["sync", "conflict"], ["startup", "slow"]], 42, None, (), np.zeros(0, np.int64), np.zeros(0))
    assert sub_labels == ["Sync conflict", "Startup is painfully slow"]
    tops[0].label = "Startup is painfully slow"  # a parent that kept it: nothing to give back
    sub_labels = ["Sync conflict", "App gets slower"]
    _take_released(tops, ["Startup is painfully slow"], sub_labels, {0: [sync, slow]},
                   {0: [np.arange(10), np.arange(10, 16)]}, np.eye(2, 4, dtype=np.float32),
                   [["sync", "conflict"], ["startup", "slow"]], 42, None, (), np.zeros(0, np.int64), np.zeros(0))
    assert sub_labels == ["Sync conflict", "App gets slower"]


def test_a_line_of_one_empty_word_is_no_fallback_label():
    """Even when it is the sentence nearest the theme's centre (a stand-in embedding puts it there)."""
    def embed(sentences):
        return np.array([[1.0, 0.0] if s.split()[0].lower().strip(".:!") in ("following", "thanks") else [0.6, 0.8]
                         for s in sentences], dtype=np.float32)

    texts = ["Following. The export hangs on big files", "Thanks! The export hangs on big files again"]
    label = typical_sentence(texts, np.array([1.0, 0.0], np.float32), embed, ["export"], set())
    assert label.lower().startswith("the export hangs"), label


def test_the_topic_of_a_minority_claim_is_never_the_verb_it_negates():
    from collections import Counter

    from analysis.theme_labels import _Taken, _topic_frame

    parsed = _Texts([], ())
    for key, topic in ((("not", "working"), "working"), (("not", "loading"), "loading")):
        assert _topic_frame(key, Counter({(topic,): 9}), 3, {(topic,): Counter({topic: 9})}, parsed, _Taken([]),
                            0) is None
    assert _topic_frame(("can't", "login"), Counter({("login",): 9}), 3, {("login",): Counter({"login": 9})}, parsed,
                        _Taken([]), -1) == "Login problems"


def test_a_released_parent_label_that_says_nothing_goes_to_no_child():
    from analysis.theme_tree import TopTheme, _take_released

    broken = [f"not working {w}" for w in "today again anymore still badly now here lately".split()]
    broken += ["my downloads", "downloads"]  # labelled "Not working" when that is free: it says nothing
    login = [f"Can't login to my account {i}" for i in range(6)]
    tops = [TopTheme([0, 1], ["download", "login"], "Crash problems", np.ones(4, np.float32), 16)]
    sub_labels = ["Downloads", "Can't login"]
    _take_released(tops, ["Not working"], sub_labels, {0: [broken, login]}, {0: [np.arange(10), np.arange(10, 16)]},
                   np.eye(2, 4, dtype=np.float32), [["download"], ["login"]], 42, None, (), np.zeros(0, np.int64),
                   np.zeros(0))
    assert sub_labels == ["Downloads", "Can't login"]


def test_a_released_one_word_parent_label_goes_to_no_child():
    """A stand-in embedding puts "Dataset" at the child's centre: labelled again it would take it."""
    from analysis.theme_tree import TopTheme, _take_released

    def embed(phrases):
        return np.array([[1.0, 0, 0, 0] if p.lower() == "dataset" else [0, 0.6, 0.8, 0] for p in phrases], np.float32)

    adding = [f"dataset {w}" for w in "alpha beta gamma delta omega sigma kappa zeta".split()]
    adding += ["huggingface dataset", "the huggingface dataset", "a huggingface dataset"]
    speech = [f"Add a speech corpus {i}" for i in range(6)]
    tops = [TopTheme([0, 1], ["dataset", "speech"], "Description", np.ones(4, np.float32), 17)]
    sub_labels = ["Huggingface dataset", "Add a speech corpus"]
    _take_released(tops, ["Dataset"], sub_labels, {0: [adding, speech]}, {0: [np.arange(11), np.arange(11, 17)]},
                   np.eye(2, 4, dtype=np.float32), [["dataset"], ["speech"]], 42, embed, (), np.zeros(0, np.int64),
                   np.zeros(0))
    assert sub_labels == ["Huggingface dataset", "Add a speech corpus"]
