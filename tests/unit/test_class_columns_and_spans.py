"""Issue 13's product bullets not covered elsewhere: a mapped sentiment / type column outranks the model
through the real analysis and its re-runs (and a re-import that changes the value), more of the common
spellings, and trends drawn by week and by month on long spans (board sparklines and briefing)."""
from __future__ import annotations

import csv
import zlib
from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from analysis.embeddings import Backend, register_backend
from analysis.label_values import normalise_sentiment, normalise_type
from analysis.topics import ThemeParams
from triage_app.domain import drive
from triage_app.importers.source import ImportOptions
from triage_app.services.analysis import run_analysis
from triage_app.services.briefing import BriefingRequest, gather
from triage_app.services.importing import run_import
from triage_app.services.theme_board import load_board
from triage_app.store import metrics_queries as mq

TOPICS = {
    "battery": "battery drains fast phone gets hot while charging overnight",
    "login": "login fails password rejected account locked cannot sign",
    "export": "export pdf excel file download broken spreadsheet",
    "dark": "dark mode theme night colours contrast eyes",
}


class _Words(Backend):
    """Bag of words over the topics' words (deterministic, instant): the themes' model, not sentiment's."""

    name, dim, batch_size = "test-class-words", 64, 16

    def _load(self):
        return None

    def _encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, zlib.crc32(word.encode()) % self.dim] += 1.0
        return out


register_backend("test-class-words", _Words)
FAST = dict(model="test-class-words", params=ThemeParams(reducer="pca", cluster_selection="eom"))
START = datetime(2024, 1, 1, 9, tzinfo=timezone.utc)


def _write(path, moods: dict[str, tuple[str, str]], days: int = 0) -> None:
    """20 items per topic; ``moods``: id -> (sentiment, type) as the file spells them (others blank)."""
    rng = np.random.default_rng(0)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "comment", "mood", "kind", "date"])
        n = 0
        for name, words in TOPICS.items():
            for i in range(20):
                key = f"{name}-{i}"
                mood, kind = moods.get(key, ("", ""))
                when = START + timedelta(days=days * n / 80) if days else START
                w.writerow([key, " ".join(rng.choice(words.split(), 6)), mood, kind, when.isoformat()])
                n += 1


def _classes(ws) -> dict[str, tuple]:
    return {ext: tuple(r) for ext, *r in ws.conn.execute(
        "SELECT i.external_id, s.label, s.method, s.feedback_type, s.type_method FROM items i"
        " JOIN item_sentiment s ON s.item_id = i.id")}


def test_mapped_values_outrank_the_model_through_analysis_re_runs_and_re_imports(workspace, tmp_path):
    path = tmp_path / "f.csv"
    moods = {"battery-0": ("差评", "Bug"), "login-3": ("Positive", "Question"), "dark-5": ("", "Feature Request")}
    _write(path, moods)
    options = ImportOptions(mapping={"id": "id", "text": "comment", "sentiment": "mood", "type": "kind",
                                     "created_at": "date"})
    run_import(workspace, path, options)
    first = run_analysis(workspace, **FAST)
    assert first.info["sentiment_scored"] == 80
    got = _classes(workspace)
    assert got["battery-0"] == ("negative", "mapped", "problem", "mapped")
    assert got["login-3"] == ("positive", "mapped", "question", "mapped")
    assert got["dark-5"][2:] == ("request", "mapped") and got["dark-5"][1] == "model"  # no mapped sentiment
    assert sum(r[1] == "model" for r in got.values()) == 78  # the rest: the text model
    again = run_analysis(workspace, mode="full", **FAST)  # a re-analysis scores nothing and keeps them
    assert again.info["sentiment_scored"] == 0 and _classes(workspace) == got
    # the file now says otherwise for one item: the re-import changes it, the next analysis re-scores it only
    _write(path, {**moods, "battery-0": ("好评", "表扬")})
    run_import(workspace, path, options)
    third = run_analysis(workspace, **FAST)
    assert third.info["sentiment_scored"] == 1
    after = _classes(workspace)
    assert after["battery-0"] == ("positive", "mapped", "praise", "mapped")
    assert {k: v for k, v in after.items() if k != "battery-0"} == {k: v for k, v in got.items() if k != "battery-0"}


@pytest.mark.parametrize("value, expected", [
    ("正面", "positive"), ("负面", "negative"), ("中性", "neutral"), ("NEGATIVE", "negative"), (" Positive ", "positive"),
    ("4.0", "positive"), ("1.5", "negative"), ("5/5", "positive"), ("Neutral", "neutral"), ("差评 ", "negative")])
def test_more_sentiment_spellings(value, expected):
    assert normalise_sentiment(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("Bug", "problem"), ("BUG", "problem"), ("Feature Request", "request"), ("feature request", "request"),
    ("Question", "question"), ("Complaint", "problem"), ("Compliment", "praise"), ("问题", "problem"),
    ("表扬", "praise"), ("Other", "other")])
def test_more_type_spellings(value, expected):
    assert normalise_type(value) == expected


@pytest.mark.parametrize("days, unit", [(120, "week"), (730, "month")])
def test_long_spans_are_drawn_by_week_and_by_month(workspace, tmp_path, days, unit):
    path = tmp_path / "f.csv"
    _write(path, {}, days=days)
    run_import(workspace, path, ImportOptions(mapping={"id": "id", "text": "comment", "created_at": "date"}))
    run_analysis(workspace, **FAST)
    board = load_board(workspace.conn)
    assert board["trend_unit"] == unit
    assert 2 <= len(board["trend_starts"]) <= 12
    tops = [t for t in board["themes"] if t.parent_id is None]
    assert sum(sum(board["trend"][t.id]) for t in tops) > 0
    oldest, newest = mq.created_span(workspace.conn)
    request = BriefingRequest(period=f"{oldest[:10]}..{newest[:10]}", as_of=newest)
    data = drive(gather(workspace.conn, request))
    assert data["by"] == unit  # the briefing's and the dashboard's trend charts: the same rule
