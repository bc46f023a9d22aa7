"""Per-source cleaning rules for the text that analysis reads (analysis/text_clean.py)."""
from __future__ import annotations

from analysis.text_clean import boilerplate_lines, clean_corpus, clean_item, clean_text, describe_rules, rules_for

ISSUE = """<!-- Please describe the bug clearly -->
### Describe the bug
Exporting to PDF hangs at 99% for @alice and me.
See https://example.com/log.txt
```
def export(): pass
```
Traceback (most recent call last):
  File "app.py", line 3, in <module>
    export()
  ValueError: bad page
2024-03-05 10:15:22 [ERROR] export failed
> I saw this too
- [x] I searched existing issues
### Expected behavior
The PDF is written.
_No response_
"""


def test_issue_rules_keep_what_a_person_wrote():
    assert clean_text(ISSUE, "github") == "Exporting to PDF hangs at 99% for and me.\nSee\nThe PDF is written."


def test_ticket_rules_cut_quoted_reply_and_signature():
    mail = ("My invoice shows the wrong amount, please correct it.\n\nBest regards,\nJane Doe\nACME Ltd\n\n"
            "On Mon, 4 Mar 2024 at 10:00, Support <help@x.com> wrote:\n> How can we help?")
    assert clean_text(mail, "zendesk") == "My invoice shows the wrong amount, please correct it."
    assert clean_text("发票金额不对，请更正。\n谢谢！\n张三\n在 2024年3月4日 写道：\n> 您好", "zendesk") == "发票金额不对，请更正。"


def test_reviews_and_surveys_only_lose_urls_mentions_emails_and_non_words():
    text = "Love it! Contact me at bob@mail.com or @bob_dev, see www.example.org ### not a heading"
    assert clean_text(text, "google_play") == "Love it! Contact me at or , see ### not a heading"
    assert rules_for("google_play") == rules_for(None) == ("entities", "urls", "emails", "mentions", "social",
                                                           "nonwords")
    # identifiers and hashes nobody writes in a review go; versions, C++ and file names stay
    assert clean_text("atomic_number_53 love it since v2 on ios13, not deadbeef42 or C++ in app_config.json") == \
        "love it since v2 on ios13, not or C++ in app_config.json"
    assert clean_text("atomic_number_53 in tf_keras_2", "github") == "atomic_number_53 in tf_keras_2"  # code stays


def test_redaction_marks_of_masked_exports_go_and_amounts_lose_their_braces():
    # the CFPB masks names, numbers and dates as XXXX and XX/XX/2021 and writes amounts as {$120.00}
    text = "On XX/XX/2021 XXXX XXXX bank took {$120.00} from acct ending XXXX; see XXXXXX/XX/2021 and XX/XX/XXXX."
    assert clean_text(text, "cfpb_complaints") == "On bank took $120.00 from acct ending ; see and ."
    assert clean_text(text, "zendesk") == clean_text(text, "cfpb_complaints")
    # upper-case runs only, whole tokens: sizes, Roman numerals and words stay
    assert clean_text("Fits XXL and XL, Super Bowl XX, love xxx, EXXON, {a}", "zendesk") == \
        "Fits XXL and XL, Super Bowl XX, love xxx, EXXON, {a}"


def test_a_source_that_masks_personal_data_loses_its_marks_whatever_its_format():
    masked = [f"Charged twice on XX/XX/2022 by XXXX, refund {i}" for i in range(4)] + ["Late fee again"] * 16
    forum = ["Is Castlemaine XXXX a lager?"] + [f"Best stout number {i}" for i in range(40)]
    assert clean_text(masked[0]) == masked[0]  # a generic CSV alone does not know it is masked
    cleaned = clean_corpus([("generic", "bank.csv", None, t) for t in masked]
                           + [("generic", "forum.csv", None, t) for t in forum])
    assert cleaned[0] == "Charged twice on by , refund 0"
    assert cleaned[len(masked)] == "Is Castlemaine XXXX a lager?"  # 1 of 41: a name, not a mark


def test_title_and_body_are_joined_and_never_empty():
    assert clean_item("Crash on start", "https://x.y/z", "github") == "Crash on start"
    assert clean_item(None, "```only code```", "github") == "```only code```"  # nothing left: raw text
    assert clean_item("Dark mode", "Please add dark mode", "github") == "Dark mode\nPlease add dark mode"


def test_lines_shared_by_many_items_of_a_source_are_boilerplate():
    texts = [f"Seen on page {i}\nReported via the web form\nThe sidebar flickers {i}" for i in range(10)]
    assert boilerplate_lines(texts) == frozenset({"reported via the web form"})
    cleaned = clean_corpus([("jira", "PROJ", None, t) for t in texts]
                           + [("jira", "OTHER", None, "Reported via the web form\nok")])
    assert cleaned[0] == "Seen on page 0\nThe sidebar flickers 0"
    assert cleaned[-1] == "Reported via the web form\nok"  # another source: its own (too few) items decide
    # environment lines of issue templates go whatever their share
    assert clean_corpus([("jira", "X", None, "Version: 1.0\nOS: Windows\nThe sidebar flickers")]) == \
        ["The sidebar flickers"]


def test_rules_are_described_for_people():
    rules = describe_rules()
    assert "stack traces and log lines" in rules["github"]
    assert rules["default"][1:4] == ["URLs", "e-mail addresses", "@mentions"]
    assert rules["default"][0].startswith("HTML entities") and rules["default"][4].startswith("retweet markers")
    assert rules["cfpb_complaints"][1].startswith("redaction marks")
