"""Chinese survey services: Wenjuanxing (问卷星) as text/codes in CSV, XLSX and XLS, Tencent Survey.

Fixtures are in tests/fixtures/sources (written for these tests); the .xls and .xlsx copies are
made here with xlwt and openpyxl. The real Wenjuanxing download in ../shared/data is read only
when present.
"""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from tests.conftest import shared_file
from triage_app.domain import Item, Respondent, Skipped
from triage_app.importers import SourceFile, detect
from triage_app.importers.source import ImportOptions
from triage_app.services.importing import run_import

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "sources"

# "answers as codes": single choices as numbers, a multi-select split into 0/1 option columns,
# -3 for a question the survey logic skipped, a typed "other" answer in its option column.
CODES = [
    ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "1、您的职业", "第2题(搜索)", "第2题(导出)",
     "第2题(其他【请注明】)", "3、您对产品有什么建议？"],
    [1, "2024/5/3 10:21:33", "120秒", "手机提交", "直接访问", "117.136.0.1(广东-广州)", 1, 1, 0, 0, "导出的表格没有表头，希望加上"],
    [2, "2024/5/3 11:00:00", "60秒", "微信", "直接访问", "36.110.2.3(北京-北京)", 2, 0, 1, "同步", "(跳过)"],
    [3, "2024/5/4 09:00:00", "90秒", "链接", "直接访问", "223.104.5.6(上海-上海)", -3, 1, 1, 0, "无"],
    [4, "2024/5/4 10:00:00", "80秒", "链接", "直接访问", "223.104.5.7(上海-上海)", 1, 0, 0, 0, "手机上打开报表太慢了，经常要等十几秒"],
]


def _records(path: Path, **options):
    source = SourceFile(path, ImportOptions(**options))
    ranked = detect(source)
    return ranked[0][1].name, list(ranked[0][1].read(source))


def _write_xls(path: Path, rows) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Sheet1")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(path))
    return path


def _write_xlsx(path: Path, rows) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _csv_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return [row for row in csv.reader(fh)]


def test_wenjuanxing_text_csv_open_answers_items_choices_segments(tmp_path):
    name, records = _records(FIXTURES / "wjx_text.csv")
    assert name == "wenjuanxing"
    respondents = [r for r in records if isinstance(r, Respondent)]
    items = [r for r in records if isinstance(r, Item)]
    assert len(respondents) == 6
    assert [i.text[:6] for i in items] == ["希望导出功能", "登录经常超时", "Dark m"]
    assert all(i.question == "4、您对产品有什么意见或建议？" for i in items)
    first = respondents[0]
    # the ┋-joined multi-select is a segment, never an item; the choice question too
    assert first.attributes["2、您最常用的功能（多选）"] == "搜索┋导出┋分享"
    assert first.attributes["1、您使用本产品多久了？"] == "半年以内"
    # the IP address is personal data: only its region is kept
    assert first.attributes["IP地区"] == "广东-广州"
    assert not any("117.136" in str(v) for r in respondents for v in r.attributes.values())
    assert "来自IP" not in first.attributes
    # 2024/3/5 10:21:33 China time
    assert first.submitted_at == "2024-03-05T02:21:33+00:00"
    assert first.nps == 9
    # "(跳过)" and "(空)" are no answer at all
    assert not any(i.text in ("(跳过)", "(空)") for i in items)


def test_wenjuanxing_timezone_option_wins(tmp_path):
    _, records = _records(FIXTURES / "wjx_text.csv", timezone="UTC")
    first = next(r for r in records if isinstance(r, Respondent))
    assert first.submitted_at == "2024-03-05T10:21:33+00:00"


@pytest.mark.parametrize("writer, suffix", [(_write_xls, ".xls"), (_write_xlsx, ".xlsx")])
def test_wenjuanxing_codes_in_excel(tmp_path, writer, suffix):
    path = writer(tmp_path / f"wjx_codes{suffix}", CODES)
    name, records = _records(path)
    assert name == "wenjuanxing"
    assert SourceFile(path).kind == suffix[1:]
    respondents = [r for r in records if isinstance(r, Respondent)]
    items = [r for r in records if isinstance(r, Item)]
    skipped = [r for r in records if isinstance(r, Skipped)]
    assert len(respondents) == 4
    assert [i.text for i in items] == ["导出的表格没有表头，希望加上", "手机上打开报表太慢了，经常要等十几秒"]
    assert [s.reason for s in skipped] == ["non-answers (无, 没有, N/A...)"]  # "无"
    by_id = {r.external_id.split(":")[1]: r for r in respondents}
    # the split multi-select is one segment of the chosen options; typed "other" text stays with it
    assert by_id["1"].attributes["第2题"] == "搜索"
    assert by_id["2"].attributes["第2题"] == "导出┋其他【请注明】〖同步〗"
    assert by_id["3"].attributes["第2题"] == "搜索┋导出"
    assert "1、您的职业" not in by_id["3"].attributes  # -3: skipped by the survey logic
    assert by_id["1"].attributes["1、您的职业"] == "1"
    assert by_id["1"].submitted_at == "2024-05-03T02:21:33+00:00"


def test_matrix_ratings_side_by_side_are_not_a_multi_select(tmp_path):
    rows = [["序号", "提交答卷时间", "来自IP", "5(服务态度)", "5(响应速度)", "6、其他建议"],
            [1, "2024/5/3 10:21:33", "1.2.3.4(广东-广州)", 4, 5, "客服回复很及时，但是解决问题的速度太慢"],
            [2, "2024/5/3 11:21:33", "1.2.3.5(广东-广州)", 2, 3, "希望周末也有人工客服可以咨询问题"]]
    _, records = _records(_write_xlsx(tmp_path / "matrix.xlsx", rows))
    first = next(r for r in records if isinstance(r, Respondent))
    assert (first.attributes["5(服务态度)"], first.attributes["5(响应速度)"]) == ("4", "5")
    assert "5" not in first.attributes


def test_xls_and_csv_of_one_download_give_the_same_ids(tmp_path):
    rows = _csv_rows(FIXTURES / "wjx_text.csv")
    _, from_csv = _records(FIXTURES / "wjx_text.csv")
    _, from_xls = _records(_write_xls(tmp_path / "same.xls", rows))
    assert [r.external_id for r in from_csv] == [r.external_id for r in from_xls]


def test_two_surveys_numbered_from_one_never_share_respondents(tmp_path):
    other = [CODES[0][:6] + ["1、另一个问题", "2、您还有什么意见？"],
             [1, "2024/6/1 08:00:00", "1秒", "链接", "", "", 2, "完全不同的一份问卷的回答内容"]]
    _, first = _records(_write_xlsx(tmp_path / "a.xlsx", CODES))
    _, second = _records(_write_xlsx(tmp_path / "b.xlsx", other))
    ids = {r.external_id for r in first if isinstance(r, Respondent)}
    assert not ids & {r.external_id for r in second if isinstance(r, Respondent)}


def test_text_and_codes_downloads_of_one_survey_share_respondent_and_item_ids(tmp_path):
    as_text = [row[:6] + ["1、您的职业", "2、您常用的功能", row[10]] for row in CODES]
    as_text[1][6:8], as_text[2][6:8] = ["学生", "搜索"], ["教师", "导出┋其他〖同步〗"]
    as_text[3][6:8], as_text[4][6:8] = ["(跳过)", "搜索┋导出"], ["学生", ""]
    _, codes = _records(_write_xls(tmp_path / "codes.xls", CODES))
    _, text = _records(_write_xlsx(tmp_path / "text.xlsx", as_text))
    def ids(records):
        return [(type(r).__name__, r.external_id) for r in records if isinstance(r, (Item, Respondent))]

    assert ids(codes) == ids(text) and len(ids(codes)) == 6


def test_wenjuanxing_reimport_never_duplicates(workspace):
    first = run_import(workspace, FIXTURES / "wjx_text.csv")
    again = run_import(workspace, FIXTURES / "wjx_text.csv")
    assert (first.added, first.respondents) == (3, 6)
    assert (again.added, again.unchanged) == (0, 3)
    assert workspace.stats()["items"] == 3


def test_tencent_survey_options_become_one_segment():
    name, records = _records(FIXTURES / "tencent.csv")
    assert name == "tencent_survey"
    respondents = [r for r in records if isinstance(r, Respondent)]
    items = [r for r in records if isinstance(r, Item)]
    assert len(respondents) == 5 and len(items) == 3
    assert respondents[0].attributes["Q2"] == "性能┋价格"
    assert "Q2" not in respondents[2].attributes  # nothing chosen
    assert respondents[0].attributes["省"] == "广东"
    assert items[0].question == "Q3:请写下您对新版本的反馈意见"
    assert respondents[0].submitted_at == "2024-04-01T02:03:20+00:00"  # 结束答题时间, China time
    assert [r.reason for r in records if isinstance(r, Skipped)] == ["non-answers (无, 没有, N/A...)"]  # "没有"


def test_damaged_xls_is_a_clear_failure(tmp_path):
    path = tmp_path / "broken.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    from triage_app.domain import ImportFailure

    source = SourceFile(path)
    assert source.kind == "xls"
    with pytest.raises(ImportFailure, match="not a readable Excel 97-2003 workbook"):
        list(source.iter_rows())


@pytest.mark.shared_data
def test_real_wenjuanxing_xls(tmp_path):
    path = shared_file("community-and-zh-survey-exports", "wenjuanxing_800_800_2.xls")
    name, records = _records(path)
    assert name == "wenjuanxing"
    respondents = [r for r in records if isinstance(r, Respondent)]
    assert len(respondents) == 800
    assert not [r for r in records if isinstance(r, Item)]  # a codes download with no open question
    assert len({r.external_id for r in respondents}) == 800
    # multi-select option columns collapse into one segment per question
    keys = set().union(*(r.attributes for r in respondents))
    assert not any(k.startswith("第6题(") for k in keys)
    assert "第6题" in keys
    chosen = [p for r in respondents for p in r.attributes.get("第6题", "").split("┋") if p]
    assert chosen and not any(p.isdigit() for p in chosen)  # option labels, not 0/1 codes
    copy = shutil.copy(path, tmp_path / "copy.xls")
    assert [r.external_id for r in _records(Path(copy))[1]] == [r.external_id for r in records]


def test_wenjuanxing_csv_saved_by_excel_on_chinese_windows(tmp_path):
    text = (FIXTURES / "wjx_text.csv").read_text(encoding="utf-8-sig")
    path = tmp_path / "gbk.csv"
    path.write_bytes(text.encode("gb18030"))
    name, records = _records(path, encoding="gb18030")
    assert name == "wenjuanxing"
    _, utf8 = _records(FIXTURES / "wjx_text.csv")
    assert [(type(r).__name__, getattr(r, "external_id", None), getattr(r, "text", None)) for r in records] == \
        [(type(r).__name__, getattr(r, "external_id", None), getattr(r, "text", None)) for r in utf8]
