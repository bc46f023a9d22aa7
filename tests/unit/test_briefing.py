"""The briefing export: periods, figures, the PDF and PPTX files, the CLI, the checked-in examples."""
from __future__ import annotations

import io
import json
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image
from pptx import Presentation

from triage_app.cli import cli
from triage_app.domain import Cancelled, CancelToken
from triage_app.services import briefing_pages
from triage_app.services.briefing import (
    BriefingError, BriefingRequest, gather, generate, parse_period, period_grid, status_flow,
)
from triage_app.store import Workspace
from triage_app.store import metrics_queries as mq

sys.path.insert(0, str(Path(__file__).parent))
from pdf_pages import drawing_ops, page_contents  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
AS_OF = datetime(2025, 6, 30, 12, tzinfo=timezone.utc)
PERIOD = "2025-04-01..2025-06-30"
FORMULA = '=HYPERLINK("http://evil.example/x","click") write to jane.doe@example.com'


def _drive(gen):
    try:
        while True:
            next(gen)
    except StopIteration as stop:
        return stop.value


def _add_themes(ws) -> list[int]:
    """Themes from the demo's phrases (a stand-in for the analysis), and a formula-looking quote."""
    import json as _json
    from importlib import resources

    from triage_app.store import themes as tq
    from triage_app.store.queries import transaction

    demo = _json.loads((resources.files("resources") / "demo" / "feedback.json").read_text(encoding="utf-8"))
    with transaction(ws.conn):
        run_id = tq.create_run(ws.conn, "test-phrases", 1, {})
        ids, phrases = {}, []
        for t in demo["themes"]:
            ids[t["key"]] = tq.insert_theme(ws.conn, label=t["key"].replace("_", " "), keywords=[t["key"], "demo"],
                                            created_run_id=run_id, updated_run_id=run_id)
            phrases += [(p.split("，")[0].split(", ")[0].lower()[:30], ids[t["key"]]) for lang in ("en", "zh")
                        for p in t[lang]]
        rows = []
        for item_id, _, _, _, text in tq.items_for_analysis(ws.conn):
            low = (text or "").lower()
            theme = ids["login"] if text.startswith("=HYPERLINK") else next((t for p, t in phrases if p in low), None)
            rows.append((item_id, theme, 0.9 if theme else None, "model", run_id))
            if text.startswith("=HYPERLINK"):
                tq.update_theme(ws.conn, ids["login"], quotes=[item_id])
        tq.set_assignments(ws.conn, rows)
        tq.refresh_sizes(ws.conn)
        tq.finish_run(ws.conn, run_id, {})
    return list(ids.values())


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """(workspace with themes, workspace without) built from the demo exports, as of 2025-06-30."""
    from triage_app.demo import build_demo_workspace
    from triage_app.services.importing import run_import

    folder = tmp_path_factory.mktemp("brief")
    plain = folder / "plain.triage"
    build_demo_workspace(plain, as_of=AS_OF)
    themed = folder / "demo.triage"
    shutil.copy(plain, themed)
    extra = folder / "extra.csv"
    extra.write_text("id,created_at,text\nx1,2025-05-02T10:00:00Z,\"" + FORMULA.replace('"', '""') + "\"\n",
                     encoding="utf-8")
    with Workspace(themed) as ws:
        run_import(ws, extra)
        _add_themes(ws)
    return themed, plain


@pytest.fixture(scope="module")
def pdf_en(demo, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "brief.pdf"
    with Workspace(demo[0]) as ws:
        result = _drive(generate(ws.conn, BriefingRequest(period=PERIOD, top=2, workspace_name="demo.triage"), out))
    return out, result


@pytest.fixture(scope="module")
def pptx_zh(demo, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "brief.pptx"
    with Workspace(demo[0]) as ws:
        result = _drive(generate(ws.conn, BriefingRequest(period=PERIOD, top=2, lang="zh",
                                                          workspace_name="demo.triage"), out))
    return out, result


# -- periods ----------------------------------------------------------------------------------
def test_periods_from_to_and_last_n_days():
    w = parse_period("2025-04-01..2025-06-30")
    assert w.start == datetime(2025, 4, 1, tzinfo=timezone.utc).timestamp()
    assert w.end == datetime(2025, 7, 1, tzinfo=timezone.utc).timestamp()  # TO is included
    assert w.label == "2025-04-01 – 2025-06-30" and w.days == 91
    p = w.previous()
    assert p.end == w.start and p.start == w.start - 91 * 86400
    last = parse_period("30", "2025-06-30T12:00:00+00:00")
    assert last.end == AS_OF.timestamp() and last.days == 30
    for bad in ("2025-06-30..2025-04-01", "last month", "0", "2025-13-01..2025-13-02"):
        with pytest.raises(BriefingError):
            parse_period(bad)


def test_period_grid_has_no_gaps_and_clips_to_the_window():
    start = datetime(2025, 4, 2, tzinfo=timezone.utc).timestamp()  # a Wednesday
    end = datetime(2025, 4, 16, tzinfo=timezone.utc).timestamp()
    grid = period_grid(start, end, "week")
    assert [g[0] for g in grid] == ["2025-W14", "2025-W15", "2025-W16"]
    assert grid[0][1] == start and grid[-1][2] == end
    assert grid[1][1] == datetime(2025, 4, 7, tzinfo=timezone.utc).timestamp()


def test_status_flow_counts_opened_resolved_and_backlog_by_hand():
    day = 86400.0
    cols = mq.TimeColumns(
        item_id=np.arange(4), created=np.array([0.5, 1.5, 1.6, 2.5]) * day,
        closed=np.array([1.2, np.nan, 2.2, np.nan]) * day, is_open=np.array([False, True, False, False]),
        first_response=np.full(4, np.nan), response_unknown=np.zeros(4, dtype=bool))
    # item 3 is closed without a close time: left out of the flow
    flow = status_flow(cols, [("d0", 0, day), ("d1", day, 2 * day), ("d2", 2 * day, 3 * day)])
    assert flow["opened"] == [1, 2, 0]
    assert flow["resolved"] == [0, 1, 1]
    assert flow["backlog"] == [1, 2, 1]


# -- figures ------------------------------------------------------------------------------------
def test_headline_nps_is_the_hand_computed_nps_of_the_period(demo):
    with Workspace(demo[0]) as ws:
        data = _drive(gather(ws.conn, BriefingRequest(period=PERIOD, top=3)))
        n, p, d = ws.conn.execute(
            "SELECT count(*), total(nps >= 9), total(nps <= 6) FROM respondents WHERE nps IS NOT NULL"
            " AND submitted_at >= '2025-04-01' AND submitted_at < '2025-07-01'").fetchone()
        items = ws.conn.execute("SELECT count(*) FROM items WHERE created_at >= '2025-04-01'"
                                " AND created_at < '2025-07-01'").fetchone()[0]
    nps = data["scores"]["now"]["nps"][0]
    assert nps["n"] == n > 100
    assert nps["value"] == pytest.approx(100 * (p - d) / n, abs=1e-3)
    assert data["items_now"] == items
    assert [t["rank"] for t in data["themes"]] == [1, 2, 3]
    priorities = [t["priority"] for t in data["themes"]]
    assert priorities == sorted(priorities, reverse=True)
    for t in data["themes"]:
        assert sum(t["series"]) == t["items_now"] + t["items_before"]
        assert len(t["quotes_shown"]) == 3


def test_scope_narrows_scores_times_and_status_to_one_source(demo):
    with Workspace(demo[0]) as ws:
        scope = mq.Filters(source="google_play")
        data = _drive(gather(ws.conn, BriefingRequest(period=PERIOD, top=3, lang="zh", scope=scope)))
        n, stars = ws.conn.execute(
            "SELECT count(*), avg(rating) FROM items WHERE source_format = 'google_play' AND rating IS NOT NULL"
            " AND created_at >= '2025-04-01' AND created_at < '2025-07-01'").fetchone()
        statuses = dict(ws.conn.execute(
            "SELECT status, count(*) FROM items WHERE source_format = 'google_play' AND created_at >= '2025-04-01'"
            " AND created_at < '2025-07-01' GROUP BY status").fetchall())
    assert data["scores"]["now"]["nps"][0]["n"] == 0  # the survey's NPS is out of scope
    assert data["scores"]["now"]["rating"][0]["n"] == n > 20
    assert data["scores"]["now"]["rating"][0]["value"] == pytest.approx(stars, abs=1e-4)  # rounded to 4 places
    assert data["status_counts"] == statuses
    pages = {p.title: p for p in briefing_pages.build(data)}
    for chart in pages["满意度"].charts:
        chart.draw(None)
    assert sorted(data["translator"].missing) == []
    assert "来源 google_play" in briefing_pages._scoped_source(data, data["translator"])


def test_without_themes_the_briefing_says_so_and_keeps_the_other_pages(demo):
    with Workspace(demo[1]) as ws:
        data = _drive(gather(ws.conn, BriefingRequest(period=PERIOD)))
    pages = briefing_pages.build(data)
    assert [p.title for p in pages] == ["Summary", "Satisfaction", "Response and resolution times", "Status", "Methods"]
    assert any("No themes yet" in f for f in pages[0].facts)
    assert any("no theme analysis" in line for _, lines in pages[-1].sections for line in lines)


def test_every_chinese_string_is_translated(demo):
    with Workspace(demo[0]) as ws:
        data = _drive(gather(ws.conn, BriefingRequest(period=PERIOD, top=2, lang="zh")))
    pages = briefing_pages.build(data)
    for page in pages:  # chart text is looked up while drawing
        for chart in page.charts:
            chart.draw(None)
    assert pages[0].title == "摘要"
    assert sorted(data["translator"].missing) == []  # pages and chart text alike


# -- the files ------------------------------------------------------------------------------------
def test_pdf_pages_titles_and_non_empty_charts(pdf_en):
    path, result = pdf_en
    contents = page_contents(path)
    assert len(contents) == result.pages == len(result.page_titles)
    assert result.page_titles[:3] == ["Summary", "Themes ranked by priority", "Theme volume over time"]
    assert result.page_titles[3].startswith("Theme 1: ") and result.page_titles[4].startswith("Theme 2: ")
    # the demo's onboarding and documentation themes are mostly praise: their own page, not ranked problems
    assert result.page_titles[5:12] == ["Themes by segment", "Sentiment by theme", "Feedback type by theme",
                                        "What people love", "Satisfaction", "Response and resolution times", "Status"]
    assert result.page_titles[12].startswith("Methods")
    for title, content in zip(result.page_titles, contents):
        if title not in ("Summary", "What people love") and not title.startswith("Methods"):
            assert drawing_ops(content) >= 15 or b" Do" in content, title
    assert result.headline["nps"]["n"] > 100


def _pictures(slide):
    return [s for s in slide.shapes if s.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE


def _not_blank(blob: bytes) -> bool:
    with Image.open(io.BytesIO(blob)) as img:
        grey = np.asarray(img.convert("L"))
    return (grey < 200).mean() > 0.02


def test_pptx_slides_titles_pictures_and_chinese(pptx_zh):
    path, result = pptx_zh
    prs = Presentation(str(path))
    slides = list(prs.slides)
    assert len(slides) == result.pages
    titles = [s.shapes.title.text for s in slides]
    assert titles == result.page_titles
    assert titles[0] == "摘要" and titles[1] == "按优先级排序的主题" and titles[3].startswith("主题 1：")
    assert prs.slide_width * 9 == prs.slide_height * 16  # 16:9
    for slide, title in zip(slides, titles):
        pics = _pictures(slide)
        if title.startswith("主题 ") and "：" in title:
            assert len(pics) == 2, title  # trend and priority factors
        if title in ("满意度", "响应与解决时间", "状态", "各主题的情感分布", "按细分群体的主题分布", "各主题的反馈类型"):
            assert len(pics) == 1, title
        for pic in pics:
            assert pic.image.content_type == "image/png" and _not_blank(pic.image.blob), title


def test_formula_looking_quote_is_inert_and_redacted(pptx_zh, pdf_en):
    path, _ = pptx_zh
    texts = [p.text for s in Presentation(str(path)).slides for sh in s.shapes if sh.has_text_frame
             for p in sh.text_frame.paragraphs]
    quote = next(t for t in texts if "HYPERLINK" in t)
    assert quote.startswith("“=HYPERLINK(")  # opens with a quotation mark: never a formula
    assert "[EMAIL]" in quote and "jane.doe@example.com" not in quote
    assert not any(t.startswith(("=", "+", "-", "@")) for t in texts)
    assert b"jane.doe@example.com" not in path.read_bytes()


def test_cancel_leaves_no_file(demo, tmp_path):
    out = tmp_path / "cancelled.pdf"
    token = CancelToken()
    with Workspace(demo[1]) as ws:
        gen = generate(ws.conn, BriefingRequest(period=PERIOD), out, cancel=token)
        with pytest.raises(Cancelled):
            for progress in gen:
                if progress.stage == "pages":
                    token.cancel()
    assert list(tmp_path.iterdir()) == []


# -- CLI ------------------------------------------------------------------------------------------
def test_cli_brief_json_and_errors(demo, tmp_path):
    runner = CliRunner()
    out = tmp_path / "b.pdf"
    ok = runner.invoke(cli, ["brief", "-w", str(demo[1]), "-o", str(out), "--period", PERIOD, "--json"])
    assert ok.exit_code == 0, ok.output
    summary = json.loads(ok.stdout)
    assert summary["pages"] == len(page_contents(out)) and summary["themes"] == 0 and summary["format"] == "pdf"
    for args, message in (
        (["--period", "2025-06-30..2025-04-01"], "FROM is after TO"),
        (["--period", "soon"], "--period takes"),
        (["--top", "0"], "--top"),
        (["-o", str(tmp_path / "b.docx")], ".pdf or .pptx"),
    ):
        base = ["brief", "-w", str(demo[1]), "-o", str(out)]
        if args[0] == "-o":
            base = base[:3]
        bad = runner.invoke(cli, base + args)
        assert bad.exit_code == 2 and "error:" in bad.stderr and message in bad.stderr, bad.output
    missing = runner.invoke(cli, ["brief", "-w", str(tmp_path / "none.triage"), "-o", str(out)])
    assert missing.exit_code == 2 and "no such workspace" in missing.stderr


# -- the checked-in examples ------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_examples_have_their_pages_and_non_empty_charts(lang):
    manifest = json.loads((EXAMPLES / "manifest.json").read_text(encoding="utf-8"))[lang]
    pdf = EXAMPLES / f"briefing-{lang}.pdf"
    contents = page_contents(pdf)
    assert len(contents) == manifest["pdf"]["pages"] >= 12
    for title, content in zip(manifest["pdf"]["page_titles"], contents):
        if title in manifest["chart_pages"]:
            assert drawing_ops(content) >= 15 or b" Do" in content, title
    prs = Presentation(str(EXAMPLES / f"briefing-{lang}.pptx"))
    slides = list(prs.slides)
    assert len(slides) == manifest["pptx"]["pages"]
    assert [s.shapes.title.text for s in slides] == manifest["pptx"]["page_titles"]
    pictures = [p for s in slides for p in _pictures(s)]
    assert len(pictures) >= len(manifest["chart_pages"])
    assert all(_not_blank(p.image.blob) for p in pictures)
    for f in (pdf, EXAMPLES / f"briefing-{lang}.pptx"):
        assert f.stat().st_size < 3_000_000, f  # commit-size friendly


def test_wrap_fits_latin_and_chinese_and_keeps_closing_marks_on_the_line():
    from triage_app.services.briefing_render import text_em, wrap

    lines = wrap("Time to first response (KM median) and the plain median of answered items", 12)
    assert all(text_em(line) <= 12 for line in lines) and " ".join(lines).split() == \
        "Time to first response (KM median) and the plain median of answered items".split()
    zh = wrap("关闭时间（KM 中位数）未达到，超过一半仍在等待。", 9)
    assert "".join(zh).replace(" ", "") == "关闭时间（KM中位数）未达到，超过一半仍在等待。"
    assert not any(line[:1] in "）。，" for line in zh)
