"""The triage-app command line: its flags, JSON keys and exit codes are a contract."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from triage_app.cli import cli

ROOT = Path(__file__).resolve().parents[2]
CSV = "id,created,comment,status\n1,2024-03-01,Export is broken,open\n2,2024-03-05,Love it,closed\n"


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_import_json_keys_and_stats(tmp_path):
    data = tmp_path / "f.csv"
    data.write_text(CSV)
    ws = str(tmp_path / "w.triage")
    result = run("import", str(data), "-w", ws, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert {"file", "format", "added", "updated", "unchanged", "rejected"} <= set(summary)
    assert (summary["format"], summary["added"]) == ("generic", 2)
    again = json.loads(run("import", str(data), "-w", ws, "--json").output)
    assert (again["added"], again["unchanged"]) == (0, 2)
    stats = json.loads(run("stats", "-w", ws, "--json").output)
    assert stats["items"] == 2
    assert stats["by_source_format"] == {"generic": 2}
    assert sum(stats["by_status"].values()) == 2
    assert stats["first_created"].startswith("2024-03-01") and stats["last_created"].startswith("2024-03-05")


def test_mapping_flag_and_text_summary(tmp_path):
    data = tmp_path / "m.csv"
    data.write_text("A,B,C\nx1,2024-01-01,Notes about the sync bug\nx2,2024-01-02,Another note\n")
    result = run("import", str(data), "-w", str(tmp_path / "w.triage"), "--map", "id=A", "--map", "text=C",
                 "--map", "created_at=B")
    assert result.exit_code == 0, result.output
    assert "2 added, 0 updated, 0 unchanged, 0 rejected" in result.output


def test_bad_file_exits_2_with_a_message_and_no_traceback(tmp_path):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.xlsx"
    good.write_text(CSV)
    bad.write_bytes(b"PK\x03\x04garbage")
    result = subprocess.run([sys.executable, "-m", "triage_app", "import", str(good), str(bad), "-w",
                             str(tmp_path / "w.triage")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert "bad.xlsx" in result.stderr and "Traceback" not in result.stderr
    assert "good.csv: generic" in result.stdout


def test_unknown_format_and_bad_map_exit_2(tmp_path):
    data = tmp_path / "f.csv"
    data.write_text(CSV)
    ws = str(tmp_path / "w.triage")
    assert run("import", str(data), "-w", ws, "--format", "nope").exit_code == 2
    assert run("import", str(data), "-w", ws, "--map", "textComment").exit_code == 2
    assert run("import", str(data), "-w", ws, "--map", "text=NoSuchColumn").exit_code == 2


def test_not_a_workspace_exits_2(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    result = run("stats", "-w", str(notes), "--json")
    assert result.exit_code == 2
    assert run("stats", "-w", str(tmp_path / "missing.triage")).exit_code == 2


def test_formats_lists_every_importer_with_a_description():
    result = run("formats", "--json")
    rows = json.loads(result.output)
    names = {r["name"] for r in rows}
    assert "generic" in names
    assert all(r["description"] for r in rows)
    text = run("formats").output
    assert all(name in text for name in names)


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"triage-app {name}" in readme, f"`triage-app {name}` is not in README.md"


def test_import_lang_zh_prints_the_reasons_in_chinese_and_json_stays_english(tmp_path):
    data = tmp_path / "f.csv"
    data.write_text("id,comment\n1,The export is slow\n2,a,b,c\n3,N/A\n", encoding="utf-8")
    ws = str(tmp_path / "w.triage")
    out = CliRunner().invoke(cli, ["import", str(data), "-w", ws, "--lang", "zh"]).output
    assert "有 4 个单元格，但表头只有 2 个" in out and "无效回答" in out and "cells but the header" not in out
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    failed = CliRunner().invoke(cli, ["import", str(empty), "-w", ws], env={"TRIAGE_LANG": "zh"})
    assert failed.exit_code == 2 and "文件是空的" in failed.output
    as_json = CliRunner().invoke(cli, ["import", str(empty), "-w", ws, "--json", "--lang", "zh"])
    assert json.loads(as_json.output)["error"].endswith("the file is empty")
