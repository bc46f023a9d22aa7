"""The workflows the CLI and the app share (triage_app.workflows): one multi-file import, one
"analyse then score"."""
from __future__ import annotations

from click.testing import CliRunner

from triage_app.cli import cli
from triage_app.domain import CancelToken, drive
from triage_app.importers.source import ImportOptions
from triage_app.store.feedback_class_queries import count_to_score
from triage_app.store.presets import load_preset
from triage_app.workflows import FileImport, FileProgress, analyse_then_score, import_files

ROWS = "".join(f"{i},2024-01-{1 + i % 28:02d},sync fails after sleep number {i}\n" for i in range(40))


def test_a_failing_file_does_not_stop_the_others(workspace, write_file, tmp_path):
    good = write_file("good.csv", "id,created,comment\n" + ROWS)
    steps = list(_steps(import_files(workspace, [tmp_path / "missing.csv", good], lambda f: ImportOptions())))
    done = [s for s in steps if isinstance(s, FileImport)]
    assert [d.file for d in done] == [str(tmp_path / "missing.csv"), str(good)]
    assert done[0].failure is not None and done[0].result is None
    assert done[1].result is not None and done[1].result.added == 40
    assert any(isinstance(s, FileProgress) and s.number == 2 and s.count == 2 for s in steps)


def test_a_cancel_stops_after_the_file_it_interrupted(workspace, write_file):
    first, second = write_file("a.csv", "id,created,comment\n" + ROWS), write_file("b.csv", "id,created,comment\n" + ROWS)
    token = CancelToken()
    token.cancel()
    outcomes = drive(import_files(workspace, [first, second], lambda f: ImportOptions(), token))
    assert [(o.file, o.cancelled) for o in outcomes] == [(str(first), True)]
    assert workspace.stats()["items"] == 0


def test_the_cli_keeps_the_column_mapping_as_a_preset_like_the_wizard(tmp_path, write_file):
    from triage_app.store import Workspace

    data = write_file("survey.csv", "Ref,When,What they said\n1,2024-02-01,the export button is hidden\n")
    ws = tmp_path / "w.triage"
    out = CliRunner().invoke(cli, ["import", str(data), "-w", str(ws), "--format", "generic", "--map", "text=What they said",
                                   "--map", "created_at=When", "--map", "id=Ref"])
    assert out.exit_code == 0, out.output
    with Workspace(ws) as opened:
        assert load_preset(opened.conn, ["Ref", "When", "What they said"]) == {
            "text": "What they said", "created_at": "When", "id": "Ref"}


def test_analyse_then_score_leaves_no_item_unscored(workspace, write_file):
    drive(import_files(workspace, [write_file("f.csv", "id,created,comment\n" + ROWS)], lambda f: ImportOptions()))
    assert count_to_score(workspace.conn) == 40
    result = drive(analyse_then_score(workspace, model="static", mode="full", seed=1))
    assert result.items == 40
    assert count_to_score(workspace.conn) == 0


def _steps(gen):
    try:
        while True:
            yield next(gen)
    except StopIteration:
        return
