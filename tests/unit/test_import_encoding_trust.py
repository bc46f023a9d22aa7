"""Encodings: right or a clear stop (issue 14). Every fixture is written here."""
from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner

from conftest import shared_file
from triage_app.cli import cli
from triage_app.domain import EncodingUncertain, ImportFailure
from triage_app.importers import validate
from triage_app.importers.encoding import detect_encoding
from triage_app.importers.source import ImportOptions
from triage_app.services.importing import run_import
from triage_app.store import queries

ZH = ["配送太慢了，饭菜都凉了", "客服态度很好，下次还会再来", "包装破损，汤洒了一半", "价格有点贵但是味道不错",
      "送餐员很有礼貌，点赞", "米饭太硬了，希望改进"]
TW = ["配送太慢了，飯菜都涼了", "客服態度很好，下次還會再來", "包裝破損，湯灑了一半", "價格有點貴但是味道不錯",
      "送餐員很有禮貌，按讚", "米飯太硬了，希望改進"]


def _texts(ws) -> list[str]:
    return [r["text"] for r in queries.list_items(ws.conn, limit=10_000)]


def _excel_csv(header: str, lines: list[str]) -> str:
    return "\r\n".join([header] + lines) + "\r\n"  # Excel writes CRLF


def test_gbk_csv_from_excel_is_read_as_gb18030(workspace, write_file):
    lines = [f"{i},{ZH[i % len(ZH)]}（第{i}单）,{3 + i % 3}" for i in range(60)]
    path = write_file("外卖评价.csv", _excel_csv("编号,评价内容,评分", lines), encoding="gbk")
    result = run_import(workspace, path)
    assert result.encoding == "gb18030"
    assert (result.added, result.rejected) == (60, 0)
    assert set(_texts(workspace)) == {line.split(",")[1] for line in lines}


def test_big5_csv_is_read_as_big5(workspace, write_file):
    lines = [f"{i},{TW[i % len(TW)]}（第{i}單）" for i in range(40)]
    path = write_file("評論.csv", _excel_csv("編號,意見", lines), encoding="big5")
    assert detect_encoding(path.read_bytes(), whole=True).encoding == "cp950"
    result = run_import(workspace, path)
    assert (result.encoding, result.added) == ("cp950", 40)
    assert set(_texts(workspace)) == {line.split(",")[1] for line in lines}


def test_utf8_with_bad_rows_at_the_end_keeps_the_good_rows(workspace, write_file):
    good = "".join(f"{i},{ZH[i % len(ZH)]} {i}\n" for i in range(50)).encode()
    bad = b"50,\xe9\x85\x8d\xe9 broken\n51,\xff\xfe oops\n52,\xe4\xb8\n53,\xc3 cut\n"
    path = write_file("tail.csv", b"id,comment\n" + good + bad)
    result = run_import(workspace, path)
    assert (result.encoding, result.added, result.rejected) == ("utf-8", 50, 4)
    assert [r["row"] for r in result.rejected_rows] == [52, 53, 54, 55]
    assert all("not valid utf-8" in r["reason"] for r in result.rejected_rows)
    assert not any("\ufffd" in t or "Ã" in t for t in _texts(workspace))


def test_mostly_utf8_with_one_cp1252_row_reads_that_row_as_cp1252(workspace, write_file):
    body = "".join(f"{i},{ZH[i % len(ZH)]}\n" for i in range(30)).encode() + "30,Café crème – très bon\n".encode("cp1252")
    path = write_file("mixed.csv", b"id,comment\n" + body)
    result = run_import(workspace, path)
    assert (result.encoding, result.added, result.rejected) == ("utf-8", 31, 0)
    assert "Café crème – très bon" in _texts(workspace)
    assert any("Windows-1252" in w for w in result.warnings)


def test_invalid_bytes_stop_naming_the_candidates(tmp_path, write_file):
    rng = random.Random(7)
    data = bytes(rng.randrange(0x80, 0x100) if i % 3 else rng.randrange(0x41, 0x5b) for i in range(6000))
    path = write_file("garbage.csv", b"id,comment\n" + data.replace(b"\n", b" "))
    out = CliRunner().invoke(cli, ["import", str(path), "-w", str(tmp_path / "w.triage")])
    assert out.exit_code == 2
    assert "encoding" in out.output and "--encoding" in out.output
    assert "Traceback" not in out.output


def test_uncertain_encoding_json_names_candidates(tmp_path, write_file):
    # Chinese characters that are frequent in both GBK and Big5 readings of the same bytes
    path = write_file("short.csv", b"id,comment\n1,\xb0\xa1\xb0\xa1\n")  # too little to tell
    guess = detect_encoding(path.read_bytes(), whole=True)
    if guess.certain:
        pytest.skip("the sample happened to be decisive")
    out = CliRunner().invoke(cli, ["import", str(path), "-w", str(tmp_path / "w.triage"), "--json"])
    assert out.exit_code == 2
    data = json.loads(out.output)
    assert [c["encoding"] for c in data["encoding_candidates"]]
    ok = CliRunner().invoke(cli, ["import", str(path), "-w", str(tmp_path / "w.triage"),
                                  "--encoding", data["encoding_candidates"][0]["encoding"]])
    assert ok.exit_code == 0, ok.output


def test_chinese_after_the_first_megabyte_stops_instead_of_mojibake(workspace, write_file):
    ascii_rows = "".join(f"{i},plain ascii feedback number {i} with some padding text\n" for i in range(20_000))
    zh_rows = "".join(f"{i},{ZH[i % len(ZH)]}\n" for i in range(20_000, 22_000))
    path = write_file("late.csv", b"id,comment\n" + ascii_rows.encode() + zh_rows.encode("gbk"))
    assert len(ascii_rows) > 1 << 20
    with pytest.raises(EncodingUncertain) as caught:
        run_import(workspace, path)
    assert caught.value.candidates[0][0] == "gb18030"
    assert workspace.conn.execute("SELECT count(*) FROM items").fetchone()[0] == 0
    result = run_import(workspace, path, ImportOptions(encoding="gb18030"))
    assert result.added == 22_000


def test_utf8_after_cp1252_start_stops(workspace, write_file):
    head = "".join(f"{i},Café crème numéro {i} très bien\n" for i in range(40_000)).encode("cp1252")
    tail = "".join(f"{i},配送太慢了 {i}\n" for i in range(40_000, 45_000)).encode("utf-8")
    path = write_file("late_utf8.csv", b"id,comment\n" + head + tail)
    assert detect_encoding(path.read_bytes()[: 1 << 20]).encoding == "cp1252"
    with pytest.raises(EncodingUncertain, match="UTF-8"):
        run_import(workspace, path)


def test_explicit_wrong_encoding_warns(workspace, write_file):
    path = write_file("zh.csv", "id,comment\n" + "".join(f"{i},{ZH[i % len(ZH)]}{i}\n" for i in range(40)), encoding="gbk")
    result = run_import(workspace, path, ImportOptions(encoding="cp1252"))
    assert any("not cp1252 as chosen" in w for w in result.warnings)


def test_truncated_last_row_is_rejected(workspace, write_file):
    path = write_file("cut.csv", 'id,comment,score\n1,"good",5\n2,"two\nlines",4\n3,"the download stopped in the mid')
    result = run_import(workspace, path)
    assert (result.added, result.rejected) == (2, 1)
    assert result.rejected_rows[0]["row"] == 4 and "cut off" in result.rejected_rows[0]["reason"]


def test_complete_last_row_without_newline_is_kept(workspace, write_file):
    path = write_file("fine.csv", 'id,comment\n1,"good"\n2,"also ""quoted"" fine"')
    assert run_import(workspace, path).added == 2


def test_validation_off_gives_the_same_items_for_a_clean_file(tmp_path, write_file, monkeypatch):
    from triage_app.store import Workspace

    path = write_file("clean.csv", "id,comment\n" + "".join(f"{i},{ZH[i % len(ZH)]} {i}\n" for i in range(300)),
                      encoding="gbk")
    stored = []
    for enabled in (True, False):
        monkeypatch.setattr(validate, "ENABLED", enabled)
        with Workspace(tmp_path / f"{enabled}.triage") as ws:
            run_import(ws, path)
            stored.append(sorted(_texts(ws)))
    assert stored[0] == stored[1]


def test_scan_file_streams_a_file(tmp_path):
    path = tmp_path / "big.csv"
    with open(path, "wb") as fh:
        for i in range(50_000):
            fh.write(f"{i},{ZH[i % len(ZH)]}\n".encode("gbk"))
    stats = validate.scan_file(path, "gb18030", block=1 << 16)
    assert stats["bytes"] == path.stat().st_size and stats["bad_bytes"] == 0
    with pytest.raises(validate.EncodingDoubt):
        validate.scan_file(path, "cp1252", block=1 << 16)


def test_reimport_with_the_right_encoding_replaces_without_id_column(workspace, write_file, monkeypatch):
    path = write_file("noid.csv", "意见\n" + "".join(f"{ZH[i % len(ZH)]} {i}\n" for i in range(30)), encoding="gbk")
    monkeypatch.setattr(validate, "ENABLED", False)  # what an earlier version stored: mojibake
    first = run_import(workspace, path, ImportOptions(encoding="cp1252"))
    monkeypatch.setattr(validate, "ENABLED", True)
    assert first.added == 30
    second = run_import(workspace, path)
    assert (second.encoding, second.added, second.replaced, second.replaced_imports) == ("gb18030", 30, 30, [first.import_id])
    assert sorted(_texts(workspace)) == sorted(f"{ZH[i % len(ZH)]} {i}" for i in range(30))
    assert queries.count_search(workspace.conn, "配送") > 0 and queries.count_search(workspace.conn, "ÅäËÍ") == 0


def test_reimport_with_a_new_mapping_replaces_with_id_column(workspace, write_file):
    path = write_file("tickets.csv", "id,subject,comment\n" + "".join(f"{i},s{i},long comment text {i}\n" for i in range(20)))
    first = run_import(workspace, path, ImportOptions(mapping={"text": "subject"}))
    second = run_import(workspace, path, ImportOptions(mapping={"text": "comment"}))
    assert (first.added, second.updated, second.replaced) == (20, 20, 0)
    assert workspace.conn.execute("SELECT count(*) FROM items").fetchone()[0] == 20
    # the same name with other rows is a newer export, not a correction: nothing replaced
    write_file("tickets.csv", "id,comment\n" + "".join(f"{i},new {i}\n" for i in range(100, 110)))
    third = run_import(workspace, path)
    assert (third.added, third.replaced) == (10, 0)
    assert workspace.conn.execute("SELECT count(*) FROM items").fetchone()[0] == 30


def test_cli_summary_says_it_replaced(tmp_path, write_file):
    path = write_file("n.csv", "comment\n" + "".join(f"text number {i}\n" for i in range(5)))
    ws = str(tmp_path / "w.triage")
    CliRunner().invoke(cli, ["import", str(path), "-w", ws, "--map", "text=comment"])
    path.write_text("comment\n" + "".join(f"text number {i}!\n" for i in range(5)))  # corrected, same rows
    out = CliRunner().invoke(cli, ["import", str(path), "-w", ws])
    assert out.exit_code == 0 and "replaced" in out.output


def test_failure_is_an_import_failure(workspace, write_file):
    path = write_file("gb.csv", "id,comment\n1,配送太慢了\n", encoding="gb18030")
    with pytest.raises(ImportFailure, match="choose another encoding"):
        run_import(workspace, path, ImportOptions(encoding="utf-8"))


# -- real files (skipped when ../shared/data is absent) --------------------------------------
@pytest.mark.parametrize("encoding, expected", [("gbk", "gb18030"), ("cp950", "cp950")])
def test_real_chinese_reviews_saved_in_a_chinese_windows_encoding(tmp_path, workspace, encoding, expected):
    import csv as csv_module

    source = shared_file("zh-waimai-10k", "waimai_10k.csv")
    text = source.read_text("utf-8")
    path = tmp_path / f"waimai_{encoding}.csv"
    path.write_bytes(text.encode(encoding, "ignore"))  # what Excel on Chinese Windows writes
    result = run_import(workspace, path)
    assert result.encoding == expected and result.rejected == 0
    with open(path, encoding=expected, newline="") as fh:
        rows = list(csv_module.reader(fh))[1:]
    assert set(_texts(workspace)) <= {r[-1] for r in rows}
    assert not any("\ufffd" in t or "Ã" in t for t in _texts(workspace))


def test_real_cp1252_reviews_still_cp1252(workspace):
    result = run_import(workspace, shared_file("app-reviews-3raters", "Dataset3.csv"))
    assert result.encoding == "cp1252" and result.rejected == 0


def test_cyrillic_code_page_is_not_taken_for_a_double_byte_encoding(workspace, write_file):
    lines = "".join(f"{i},\"Приложение работает медленно, поиск не находит заказы {i}\"\n" for i in range(200))
    path = write_file("ru.csv", "id,comment\n" + lines, encoding="cp1251")
    result = run_import(workspace, path, ImportOptions(encoding="cp1251"))
    assert result.added == 200 and not result.warnings
    assert "Приложение работает медленно, поиск не находит заказы 7" in _texts(workspace)


def test_a_newer_export_with_the_same_name_and_row_count_replaces_nothing(workspace, write_file):
    """Weekly exports often share a name and a row cap: read the same way, the newer one is new
    feedback, and what the earlier one stored (with its statuses and themes) stays."""
    path = write_file("weekly.csv", "comment\n" + "".join(f"week one remark {i}\n" for i in range(10)))
    first = run_import(workspace, path)
    write_file("weekly.csv", "comment\n" + "".join(f"week two remark {i}\n" for i in range(10)))
    second = run_import(workspace, path)
    assert (first.added, second.added, second.replaced) == (10, 10, 0)
    assert workspace.conn.execute("SELECT count(*) FROM items").fetchone()[0] == 20
