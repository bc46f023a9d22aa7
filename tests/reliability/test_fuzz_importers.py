"""Property-based fuzzing of every importer family, plus the named attacks as plain tests.

Each generated file is parsed (detection + every importer path + row preparation) and imported
into a workspace: the outcome must be an import or a typed ImportFailure naming the file, and a
failed import must leave the workspace unchanged. The default run uses ``TRIAGE_FUZZ_EXAMPLES``
(200) inputs per family; bench/fuzz_importers.py runs 100,000+ per family.
"""
from __future__ import annotations

import json
import os
import resource
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from harness import fuzz_inputs as F
from triage_app.domain import ImportFailure
from triage_app.importers.source import ImportOptions
from triage_app.services.importing import run_import
from triage_app.store import Workspace

EXAMPLES = int(os.environ.get("TRIAGE_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, phases=[Phase.generate, Phase.shrink],
                suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def fuzz_ws(tmp_path_factory):
    ws = Workspace(tmp_path_factory.mktemp("fuzz") / "fuzz.triage")
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("inputs")


def _check(case, fuzz_ws, fuzz_dir):
    name, data, fmt = case
    path = fuzz_dir / name
    path.write_bytes(data)
    parsed = F.parse_only(path, fmt)
    assert parsed.kind in ("ok", "failed"), f"{parsed.kind}: {parsed.detail} (format {fmt})"
    imported = F.import_into(fuzz_ws, path, fmt)
    assert imported.kind in ("ok", "failed"), f"{imported.kind}: {imported.detail} (format {fmt})"


@pytest.mark.parametrize("family", F.FAMILIES)
def test_importers_survive_generated_files(family, fuzz_ws, fuzz_dir):
    @FUZZ
    @given(case=F.STRATEGIES[family]())
    def run(case):
        _check(case, fuzz_ws, fuzz_dir)

    run()
    assert fuzz_ws.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# -- named attacks ---------------------------------------------------------------------------
def _fails_cleanly(workspace, path, fmt=None, match=None) -> ImportFailure:
    before = F.fingerprint(workspace.conn)
    with pytest.raises(ImportFailure) as info:
        run_import(workspace, path, ImportOptions(format=fmt))
    assert str(path) in str(info.value)
    assert "could not be imported (" not in str(info.value), "an unexpected exception reached the service"
    if match:
        assert match in str(info.value)
    assert F.fingerprint(workspace.conn) == before
    return info.value


@pytest.mark.parametrize("fmt", [None, "github", "zendesk", "generic"])
def test_json_nested_100000_deep_is_refused_fast_and_small(workspace, write_file, fmt):
    deep = "[" * 100_000 + "]" * 100_000
    files = [write_file("a.json", '[{"number": 1, "title": "x", "body": ' + deep + "}]"),
             write_file("b.json", '{"tickets": ' + deep + "}"),
             write_file("c.jsonl", '{"title": "ok", "body": "fine"}\n{"x": ' + deep + "}\n")]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()  # CPU seconds of this process: a loaded machine does not add to them
    for path in files:
        try:
            run_import(workspace, path, ImportOptions(format=fmt))
        except ImportFailure as exc:
            assert "could not be imported (" not in str(exc)
    assert time.process_time() - started < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss < 200_000  # KiB: no blow-up
    assert workspace.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_brackets_inside_strings_do_not_count_as_nesting(workspace, write_file):
    body = "[" * 5000 + " ]]] \\\" {{{"
    records = [{"number": i, "state": "open", "title": f"t{i}", "body": body,
                "html_url": f"https://github.com/o/r/issues/{i}", "created_at": "2024-03-05T10:15:22Z"}
               for i in range(1, 4)]
    result = run_import(workspace, write_file("issues.json", json.dumps(records)), ImportOptions(format="github"))
    assert result.added == 3
    assert workspace.conn.execute("SELECT text FROM items LIMIT 1").fetchone()[0] == body


def test_billion_laughs_in_xlsx_is_refused(workspace, tmp_path):
    path = tmp_path / "laughs.xlsx"
    path.write_bytes(F.xlsx_bytes(F.workbook_parts(F.sheet_xml([["text"], ["x"]], F._LAUGHS, "&lol9;"))))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _fails_cleanly(workspace, path)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss < 200_000


def test_external_entity_in_xlsx_is_not_resolved(workspace, tmp_path):
    path = tmp_path / "xxe.xlsx"
    path.write_bytes(F.xlsx_bytes(F.workbook_parts(F.sheet_xml([["text"], ["x"]], F._XXE, "&xxe;"))))
    try:
        run_import(workspace, path)
    except ImportFailure as exc:
        assert "could not be imported (" not in str(exc)
    texts = " ".join(r[0] for r in workspace.conn.execute("SELECT text FROM items"))
    assert "root:" not in texts


@pytest.mark.parametrize("kind", ["xlsx", "zip"])
def test_zip_bomb_is_refused(workspace, tmp_path, kind):
    path = tmp_path / f"bomb.{kind}"
    path.write_bytes(F._bomb(kind, 60))
    _fails_cleanly(workspace, path, match="zip bomb")


def test_xlsx_that_is_not_a_zip(workspace, write_file):
    _fails_cleanly(workspace, write_file("book.xlsx", b"this is not a workbook"), match="not an Excel workbook")


def test_damaged_zip_member_is_a_typed_failure(workspace, tmp_path):
    data = bytearray(F.xlsx_bytes({"issues.json": json.dumps([{"title": "x" * 50, "body": "y" * 500}] * 20)}))
    data[60:70] = b"\xff" * 10  # inside the compressed member
    path = tmp_path / "export.zip"
    path.write_bytes(bytes(data))
    _fails_cleanly(workspace, path)


def test_wrong_typed_zendesk_fields_reject_the_record_not_the_file(workspace, write_file):
    tickets = [{"id": 1, "subject": {"not": "a string"}, "status": "open", "description": "x", "via": {}},
               {"id": 2, "subject": "Printer on fire", "status": "open", "description": "It burns", "via": {}}]
    result = run_import(workspace, write_file("t.json", json.dumps({"tickets": tickets})), ImportOptions(format="zendesk"))
    assert (result.added, result.rejected) == (1, 1)
    assert "unexpected type" in result.rejected_rows[0]["reason"]


def test_lone_surrogate_in_json_rejects_that_record(workspace, write_file):
    lines = ['{"id": "1", "text": "bad \\ud800 half"}', '{"id": "2", "text": "good"}']
    result = run_import(workspace, write_file("x.jsonl", "\n".join(lines)), ImportOptions(format="generic"))
    assert (result.added, result.rejected) == (1, 1)


def test_a_stray_nul_does_not_make_a_csv_binary(workspace, write_file):
    result = run_import(workspace, write_file("nul.csv", b"id,text\n1,hello\x00world\n"))
    assert result.added == 1
    assert workspace.conn.execute("SELECT text FROM items").fetchone()[0] == "hello\x00world"


def test_random_bytes_are_refused_as_binary(workspace, write_file):
    _fails_cleanly(workspace, write_file("noise.csv", bytes(range(256)) * 16), match="binary")


REGRESSIONS = sorted((Path(__file__).resolve().parents[1] / "fixtures" / "fuzz_regressions").iterdir())


@pytest.mark.parametrize("sample", REGRESSIONS, ids=lambda p: p.name)
def test_inputs_that_once_crashed_an_importer(sample, fuzz_ws, tmp_path):
    """Files the bench fuzzer found (lone-surrogate escapes, a 6,000-digit integer, damaged zip
    headers...): every format must give an import or a typed failure."""
    path = tmp_path / sample.name
    path.write_bytes(sample.read_bytes())
    for fmt in (None, "generic", "github", "github_cli", "zendesk") if sample.suffix != ".csv" else (None, "generic", "jira"):
        try:
            parsed = F.parse_only(path, fmt)
        except Exception as exc:  # noqa: BLE001
            pytest.fail(f"{fmt}: {exc!r}")
        assert parsed.kind in ("ok", "failed"), (fmt, parsed)
        imported = F.import_into(fuzz_ws, path, fmt)
        assert imported.kind in ("ok", "failed"), (fmt, imported)
