"""The demo's generated feedback: the same seed writes the same files, and texts read like different users."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone

from triage_app.demo import _shares_a_word, write_demo_files

AS_OF = datetime(2025, 6, 30, 12, tzinfo=timezone.utc)


def test_the_same_seed_writes_the_same_files_and_another_seed_does_not(tmp_path):
    a, b, c = (write_demo_files(tmp_path / name, seed=seed, as_of=AS_OF) for name, seed in (("a", 7), ("b", 7), ("c", 8)))
    assert [p.read_bytes() for p in a.files] == [p.read_bytes() for p in b.files]
    assert [p.read_bytes() for p in a.files] != [p.read_bytes() for p in c.files]


def test_users_do_not_repeat_each_other_word_for_word_and_titles_fit_their_issue(tmp_path):
    demo = write_demo_files(tmp_path, seed=7, as_of=AS_OF)
    by_name = {p.name: p for p in demo.files}
    rows = list(csv.reader(io.StringIO(by_name["devhub-survey-responses.csv"].read_text(encoding="utf-8"))))[1:]
    comments = [r[3] for r in rows if r[3]]
    assert len(set(comments)) >= 0.6 * len(comments) > 300
    assert not any(": " in c.split(".")[0][:12] for c in comments)  # no "Quick note: ..." template openers
    issues = json.loads(by_name["devhub-issues.json"].read_text(encoding="utf-8"))
    for issue in issues:
        title, body = issue["title"], issue["body"]
        assert 0 < len(title) <= 70 and (body.startswith(title) or title in body or _shares_a_word(title, body)), issue
    assert sum(any("\u4e00" <= ch <= "\u9fff" for ch in i["body"]) for i in issues) > 0.2 * len(issues)  # Chinese too
