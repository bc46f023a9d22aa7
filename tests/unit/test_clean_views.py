"""The two cleaned views of a text (embedded: what the vectors and heads read; read: the same without issue-form
text, what labels and keywords read) come from one pass per text (``text_clean.source_views``), and are the texts
the two cleanings give on their own (``source_cleaner`` with and without ``forms``)."""
from __future__ import annotations

import pytest

import analysis.text_clean as tc
from analysis.text_clean import clean_corpus, clean_views, source_cleaner, source_views

FORM = ("<!-- Please fill in the form -->\r\n### Describe the bug\r\n{body}\r\n**Expected behavior**\r\n"
        "it works on file {i}\r\n- [x] I have searched existing issues\r\n| GPU | none |\r\n"
        "- `datasets` version: 2.{i}.0\r\nOS: Windows 11\r\n")
BODIES = ["Export to PDF hangs at 99% &amp; @alice saw it", "Sidebar flickers, see https://example.org/x #12",
          "Login fails: mail me at dev@example.org", "RT @bob: sync #broken since update",
          "Crash in fn_name_42 at 0xdeadbeef1",
          "```\nTraceback (most recent call last):\n  File \"a.py\", line 1\n```\nstill crashes",
          "XXXX charged {$20.00}"]
TITLES = ["Crash &amp; burn #42", "", None, "See https://example.org", "#DarkMode please"]


def _records(fmt: str, source: str, n: int = 40) -> list[tuple]:
    out = []
    for i in range(n):
        body = BODIES[i % len(BODIES)] + f" ({i})"
        text = FORM.format(body=body, i=i) if i % 3 == 0 else (body if i % 7 else "")
        out.append((fmt, source, TITLES[i % len(TITLES)], text))
    return out


SOURCES = [("github", "org/repo"), ("generic", "issues.csv"), ("zendesk", "desk"), ("google_play", None),
           ("jira", "PROJ"), ("cfpb_complaints", None)]


@pytest.mark.parametrize("fmt, source", SOURCES)
def test_one_pass_gives_the_texts_of_the_two_cleanings(fmt, source):
    records = _records(fmt, source)
    texts = [r[3] for r in records]
    embedded, read = clean_views(records)
    plain, formed = source_cleaner(fmt, texts, forms=False), source_cleaner(fmt, texts)
    assert embedded == [plain(r[2], r[3]) for r in records] == clean_corpus(records, forms=False)
    assert read == [formed(r[2], r[3]) for r in records] == clean_corpus(records)


def test_an_issue_keeps_its_form_in_the_vectors_and_loses_it_where_labels_read():
    records = _records("github", "org/repo")
    embedded, read = clean_views(records)
    assert embedded[0] == ("Crash & burn\nExport to PDF hangs at 99% & saw it (0)\nit works on file 0\n"
                           "- `datasets` version: 2.0.0")  # the table row: boilerplate of a third of the source
    assert read[0] == "Crash & burn\nExport to PDF hangs at 99% & saw it (0)\nit works on file 0"
    assert embedded[1] == read[1] == "Sidebar flickers, see (1)"  # no title, no form


def _count_rules(monkeypatch) -> dict[str, int]:
    calls: dict[str, int] = {}
    for name, (about, rule) in list(tc.RULE_FUNCTIONS.items()):
        def counted(text, name=name, rule=rule):
            calls[name] = calls.get(name, 0) + 1
            return rule(text)
        monkeypatch.setitem(tc.RULE_FUNCTIONS, name, (about, counted))
    return calls


def test_an_issue_sources_rules_run_once_per_text(monkeypatch):
    records = _records("github", "org/repo")
    calls = _count_rules(monkeypatch)
    embedded, read = clean_views(records)
    # the source masks personal data (XXXX): redactions too
    assert calls == {rule: len(records) for rule in ("redactions",) + tc.rules_for("github", form=True)}
    assert embedded != read


def test_an_export_of_another_format_shares_the_rules_both_views_start_with(monkeypatch):
    records = _records("generic", "issues.csv")
    assert tc.form_rules("generic", [r[3] for r in records])
    calls = _count_rules(monkeypatch)
    clean_views(records)
    # entities start both chains; the rest differ in order (urls before or after code blocks), so run per view
    assert calls["entities"] == len(records) and calls["urls"] == calls["social"] == 2 * len(records)


def test_the_incremental_views_are_the_full_analysis_views():
    from triage_app.services.theme_describe import row_views

    records = _records("github", "org/repo") + _records("generic", "issues.csv") + _records("google_play", None, 10)
    rows = [(i + 1, *r) for i, r in enumerate(records)]
    wanted = [0, 5, 41, 60, 85, 89]
    embedded, read = clean_views(records)
    assert row_views(rows, wanted) == ([embedded[i] for i in wanted], [read[i] for i in wanted])


def test_a_rule_that_needs_a_sign_leaves_texts_without_it_as_they_are():
    for text in ("no address here but a_very_long_identifier_name_that_goes_on_and_on", "mail x@y.org @bob",
                 "RT @x: fine #Good", "MT: hi", "a # b", "plain"):
        assert tc.RULE_FUNCTIONS["emails"][1](text) == tc._EMAIL.sub(" ", text)
        assert tc.RULE_FUNCTIONS["mentions"][1](text) == tc._MENTION.sub(" ", text)
        assert tc._social(text) == tc._HASHTAG.sub(tc._hashtag, tc._RETWEET.sub(" ", text))
    assert source_views("google_play", ["a"])("T", "a") == ("T\na", "T\na")
