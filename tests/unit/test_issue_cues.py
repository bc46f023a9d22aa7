"""Long-form type decision from the raw title and body (analysis.issue_cues, session 8). Every issue
here is written for these tests (none is a training example or from an evaluation set)."""
from __future__ import annotations

from importlib import resources

import numpy as np
import pytest

from analysis.embeddings import get_backend
from analysis.feedback_classes import CUE_NAMES, Heads, LongFormExamples, train
from analysis.issue_cues import ISSUE_CUE_NAMES, issue_cue_features, split_title
from analysis.text_clean import clean_item
from resources.classifier import train as training

# (title, raw body, type)
TEMPLATED = [
    ("Chart legend overlaps the axis labels", "**Describe the bug**\nWith more than six series the legend "
     "covers the x axis labels.\n\n**To Reproduce**\n1. Add seven series\n2. Open the chart\n\n**Expected "
     "behavior**\nThe legend wraps below the chart.", "problem"),
    ("Service worker keeps an old version after deploy", "After each deploy, users see the previous build until "
     "they clear the cache.\n\n```\nUncaught TypeError: Cannot read properties of undefined (reading 'map')\n"
     "    at render (bundle.js:1:2231)\n```", "problem"),
    ("[Bug] Import wizard freezes on a 0-byte file", "### Steps to reproduce\nChoose an empty file in the import "
     "wizard.\n\n### Actual behavior\nThe window stops responding.\n\n### Expected behavior\nA message that "
     "the file is empty.", "problem"),
    ("Allow choosing the first day of the week", "**Is your feature request related to a problem? Please "
     "describe.**\nOur team starts weeks on Monday but the calendar starts on Sunday.\n\n**Describe the "
     "solution you'd like**\nA setting for the first weekday.", "request"),
    ("[Feature Request] Colour labels for boards", "### Motivation\nBoards look the same in the list.\n\n### "
     "Proposal\nLet owners pick a colour per board, shown as a dot next to its name.", "request"),
    ("Per-folder ignore rules", "## Use case\nMonorepos need different ignore rules per package.\n\n## Proposed "
     "solution\nRead an ignore file in every folder, like git does.\n\n## Alternatives considered\nOne huge "
     "root file.", "request"),
    ("Question: can the scheduler run jobs in my local time zone?", "The docs only show UTC examples. Is there a "
     "setting for the time zone, or do I convert the times myself?", "question"),
    ("How do I point the client at a self-hosted server?", "I'm trying to use the client with our own "
     "instance. Which option sets the base URL? I could not find it in the README.", "question"),
    ("Is there a way to keep the sidebar collapsed?", "Every time I reopen the app the sidebar is expanded "
     "again. Is there a setting to remember its state, or am I missing something?", "question"),
]

# The same neutral prose under different templates, tags or a traceback: the raw text decides.
AMBIGUOUS = [
    ("Sidebar width in compact mode", "### Describe the bug\nIn compact mode the sidebar is 280px wide.\n\n### Steps to reproduce\nSwitch to compact mode.\n\n### Expected behavior\n240px as in the design.", "problem"),
    ("Sidebar width in compact mode", "**Is your feature request related to a problem? Please describe.**\nIn compact mode the sidebar is 280px wide.\n\n**Describe the solution you'd like**\nA narrower sidebar, 240px.", "request"),
    ("Page size of the list endpoint", "### Describe the bug\nThe list endpoint returns 20 items per page.\n\n### Expected behavior\nThe documented 50 items.\n\n### Actual behavior\n20 items.", "problem"),
    ("Page size of the list endpoint", "### Motivation\nThe list endpoint returns 20 items per page and we make many calls.\n\n### Proposal\nA `page_size` parameter up to 200.", "request"),
    ("Page size of the list endpoint", "Question: the list endpoint returns 20 items per page. Is there a way to get more per call, or is 20 fixed?", "question"),
    ("[Bug] Totals row in the export", "The totals row in the export sums the hidden rows too.", "problem"),
    ("[Feature Request] Totals row in the export", "The export has no totals row. A row with the sum of each column at the end.", "request"),
    ("Totals row in the export", "Traceback (most recent call last):\n  File \"export.py\", line 88, in totals\nTypeError: unsupported operand type(s) for +: 'int' and 'str'", "problem"),
]


def test_cues_read_title_tags_templates_and_errors():
    texts = [f"{t}\n{b}" for t, b, _ in TEMPLATED]
    cues = issue_cue_features(texts)
    at = {n: i for i, n in enumerate(ISSUE_CUE_NAMES)}
    assert cues.shape == (len(TEMPLATED), len(ISSUE_CUE_NAMES)) and set(np.unique(cues)) <= {0.0, 1.0}
    assert cues[0, at["template_bug"]] and not cues[0, at["template_feature"]]
    assert cues[1, at["error_evidence"]] and not cues[1, at["template_bug"]]
    assert cues[2, at["title_tag_bug"]] and cues[2, at["template_bug"]]
    assert cues[3, at["template_feature"]] and not cues[3, at["title_tag_bug"]]
    assert cues[4, at["title_tag_feature"]] and cues[4, at["template_feature"]]
    assert cues[6, at["title_tag_question"]] and cues[6, at["title_question"]]
    assert cues[7, at["title_question"]] and cues[7, at["question_phrase"]]
    assert not cues[:6, at["title_tag_question"]].any() and not cues[3:, at["title_tag_bug"]].any()
    # a tag is a tag only at the start of the title: "error" or "bug" inside a title is not one
    plain = issue_cue_features(["TypeError in the bug tracker view\nIt fails.", "Fix the feature flag docs\n"])
    assert not plain[:, [at["title_tag_bug"], at["title_tag_feature"]]].any()


def test_the_title_is_given_or_the_first_line():
    assert split_title("Crash on save. It crashed\nagain", "Crash on save") == ("Crash on save", ". It crashed\nagain")
    assert split_title("Crash on save\nIt crashed") == ("Crash on save", "It crashed")
    # the service joins title and body with ". ": with the title given, the title's cues are the title's only
    joined = "Export is slow. How do I make it faster?"
    at = ISSUE_CUE_NAMES.index("title_question")
    assert issue_cue_features([joined])[0, at] == 1.0  # one line: all of it read as the title
    assert issue_cue_features([joined], ["Export is slow"])[0, at] == 0.0


def test_the_long_form_head_learns_the_issue_cues_from_written_issues(tmp_path):
    rng = np.random.default_rng(3)
    texts = ["it crashes", "please add it", "how do i?", "love it", "ok"] * 6
    vectors = rng.normal(size=(len(texts), 8)).astype(np.float32)
    types = [("problem", "request", "question", "praise", "other")[i % 5] for i in range(len(texts))]
    sentiments = [("negative", "neutral", "neutral", "positive", "neutral")[i % 5] for i in range(len(texts))]
    issues = [f"{t}\n{b}" for t, b, _ in TEMPLATED] * 2
    examples = LongFormExamples(rng.normal(size=(len(issues), 8)).astype(np.float32), issues,
                                [k for _, _, k in TEMPLATED] * 2, weight=3.0)
    model = train(vectors, texts, sentiments, types, long_types=types, long_examples=examples)
    width = 8 + len(CUE_NAMES) + 2
    assert model.type_coef.shape[1] == width and model.sent_coef.shape[1] == width
    assert model.long_type[0].shape[1] == width + len(ISSUE_CUE_NAMES)
    assert np.abs(model.long_type[0][:, width:]).max() > 0.1  # the cues carry weight
    model.save(tmp_path / "h.npz")
    again = Heads.load(tmp_path / "h.npz")
    long = again.predict(examples.vectors, issues, long_form=[True] * len(issues))
    assert [p.feedback_type for p in long] == [p.feedback_type for p in model.predict(
        examples.vectors, issues, long_form=[True] * len(issues))]
    # a head trained without written issues reads no issue cues (and older heads.npz files still load)
    plain = train(vectors, texts, sentiments, types, long_types=types)
    assert plain.long_type[0].shape[1] == width
    plain.predict(examples.vectors, issues, long_form=[True] * len(issues))


def test_written_long_form_issues_train_the_long_form_head_only():
    rows = training.long_form_examples()
    assert len(rows) >= 60 and {k for _, _, k in rows} == {"problem", "request", "question"}
    assert all("\\n" not in body for _, body, _ in rows) and sum("\n" in body for _, body, _ in rows) >= 20
    head_texts = set(training.training_rows(snownlp_weight=0, lexicon_weight=0)[0])
    assert not {f"{t}\n{b}" for t, b, _ in rows} & head_texts and not {t for t, _, _ in rows} & head_texts
    fixtures = {t for t, _, _ in TEMPLATED + AMBIGUOUS}
    assert not fixtures & {t for t, _, _ in rows}


@pytest.fixture(scope="module")
def shipped() -> Heads:
    return Heads.load(resources.files("resources.classifier") / "heads.npz")


def test_shipped_long_form_head_types_templated_issues(shipped):
    assert shipped.long_type[0].shape[1] == shipped.dim + len(CUE_NAMES) + 2 + len(ISSUE_CUE_NAMES)
    docs = [clean_item(t, b, "github") for t, b, _ in TEMPLATED]
    vectors = get_backend("use-multilingual").encode(docs)
    texts = [f"{t}. {b}" for t, b, _ in TEMPLATED]  # as the service joins them
    got = [p.feedback_type for p in shipped.predict(vectors, texts, long_form=[True] * len(texts),
                                                     titles=[t for t, _, _ in TEMPLATED])]
    right = sum(g == k for g, (_, _, k) in zip(got, TEMPLATED))
    assert right >= 8, list(zip([t for t, _, _ in TEMPLATED], got))


def test_the_template_decides_when_the_prose_is_neutral(shipped):
    docs = [clean_item(t, b, "github") for t, b, _ in AMBIGUOUS]
    vectors = get_backend("use-multilingual").encode(docs)
    got = [p.feedback_type for p in shipped.predict(vectors, [f"{t}. {b}" for t, b, _ in AMBIGUOUS],
                                                     long_form=[True] * len(AMBIGUOUS),
                                                     titles=[t for t, _, _ in AMBIGUOUS])]
    right = sum(g == k for g, (_, _, k) in zip(got, AMBIGUOUS))
    assert right >= 7, list(zip([k for _, _, k in AMBIGUOUS], got))
    # same title and sentence, bug template against feature template (heads-6: request for both)
    assert got[0] == "problem" and got[1] == "request", got
