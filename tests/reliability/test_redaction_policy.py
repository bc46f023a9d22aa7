"""One redaction policy for every output (issue 16): a workspace seeded with personal data of every
kind; every CLI command in every output format (found by walking the click group) must print none
of it, nor write it to an export or a briefing, unless --no-redact is given.

A new command or output flag fails ``test_every_command_and_format_is_covered`` until it is added
to COMMANDS (and so checked) or, if it never shows workspace text, to NO_WORKSPACE_TEXT."""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from triage_app.cli import cli

# One value of every kind; each topic always carries the same values (strong keywords if unredacted).
_PERSONAL = {
    "EMAIL": "karlsson.refunds@example.com", "EMAIL_IDN": "josé.garcía@ejemplo.es",
    "PHONE": "13812345678", "PHONE_AU": "0412 345 678", "IP": "2001:db8::ff00:42:8329", "CARD": "4580 7302 1573 6812",
    "TOKEN": "s3cr3tPass", "ID": "11010519491231002X", "IBAN": "DE89 3704 0044 0532 0130 00", "HANDLE": "@octocat",
    "NAME": "Natalie Brooks", "NAME_ZH": "欧阳娜娜", "ADDRESS": "42 Wallaby Way, Sydney NSW 2000",
    "ADDRESS_ZH": "北京市朝阳区建国路88号",
}
_TOPICS = [
    ("the parcel arrived late and the courier lost it",
     f"my name is {_PERSONAL['NAME']}, ship to {_PERSONAL['ADDRESS']}, phone {_PERSONAL['PHONE_AU']}"),
    ("the app crashes when I open the camera screen",
     f"mail {_PERSONAL['EMAIL']} or {_PERSONAL['EMAIL_IDN']}, server {_PERSONAL['IP']}, cc {_PERSONAL['HANDLE']}"),
    ("my refund was never processed after weeks",
     f"card {_PERSONAL['CARD']}, IBAN {_PERSONAL['IBAN']}, https://bob:{_PERSONAL['TOKEN']}@git.example.com/r.git"),
    ("快递太慢了，包裹丢了",
     f"我叫{_PERSONAL['NAME_ZH']}，地址{_PERSONAL['ADDRESS_ZH']}，身份证{_PERSONAL['ID']}，手机{_PERSONAL['PHONE']}"),
]
# What each secret looks like in output (cards and IBANs may lose their spaces in a cell).
SECRETS = sorted({v for v in _PERSONAL.values()} | {_PERSONAL["CARD"].replace(" ", ""), "Natalie", "Brooks",
                                                    "karlsson", "octocat", "Wallaby", "建国路"})

# Every command and the invocations that cover its output formats. {ws}: the seeded workspace (a
# fresh copy for each invocation), {csv}: a file to import, {out}: a path for the command's output.
COMMANDS: dict[str, list[list[str]]] = {
    "import": [["{csv}", "-w", "{ws}"], ["{csv}", "-w", "{ws}", "--json"], ["{csv}", "-w", "{ws}", "--format", "generic"],
               ["{csv}", "-w", "{ws}", "--lang", "zh"]],
    "stats": [["-w", "{ws}"], ["-w", "{ws}", "--json"]],
    "search": [["parcel", "-w", "{ws}"], ["parcel", "-w", "{ws}", "--json"], ["快递", "-w", "{ws}", "--json"]],
    "export": [["-w", "{ws}", "-o", "{out}.csv"], ["-w", "{ws}", "-o", "{out}.xlsx", "--json"],
               ["-w", "{ws}", "-o", "{out}.csv", "--what", "themes"], ["-w", "{ws}", "-o", "{out}.xlsx", "--what", "themes"],
               ["-w", "{ws}", "-o", "{out}.parquet", "--format", "parquet", "--json"],
               ["-w", "{ws}", "-o", "{out}.parquet", "--format", "parquet", "--what", "themes"]],
    "brief": [["-w", "{ws}", "-o", "{out}.pptx", "--period", "2025-05-01..2025-05-31"],
              ["-w", "{ws}", "-o", "{out}.pdf", "--period", "2025-05-01..2025-05-31", "--json", "--lang", "zh"]],
    "check": [["-w", "{ws}"], ["-w", "{ws}", "--json"]],
    "metrics": [["-w", "{ws}"], ["-w", "{ws}", "--json", "--by", "month"]],
    "status": [["1", "resolved", "-w", "{ws}"], ["t1", "planned", "-w", "{ws}", "--json"]],
    "status-map": [["-w", "{ws}"], ["-w", "{ws}", "--json"]],
    "priority": [["-w", "{ws}"], ["-w", "{ws}", "--json"]],
    "sentiment": [["-w", "{ws}"], ["-w", "{ws}", "--json"]],
    "analyze": [["-w", "{ws}", "--model", "static"], ["-w", "{ws}", "--model", "static", "--json"]],
    "themes": [["-w", "{ws}"], ["-w", "{ws}", "--json"], ["-w", "{ws}", "--all", "--json"]],
    "items": [["-w", "{ws}"], ["-w", "{ws}", "--jsonl"], ["-w", "{ws}", "--jsonl", "--cleaned"],
              ["-w", "{ws}", "--unassigned", "--jsonl"]],
    "theme rename": [["1", "Parcels", "-w", "{ws}"], ["1", "Parcels", "-w", "{ws}", "--json"]],
    "theme merge": [["2", "--into", "1", "-w", "{ws}"], ["2", "--into", "1", "-w", "{ws}", "--json"]],
    "theme split": [["1", "--parts", "2", "-w", "{ws}"], ["1", "--parts", "2", "-w", "{ws}", "--json"],
                    ["1", "--parts", "2", "--apply", "-w", "{ws}", "--json"]],
    "theme move": [["1", "2", "--to", "2", "-w", "{ws}"], ["1", "--to", "none", "-w", "{ws}", "--json"]],
    "theme parent": [["{leaf}", "--to", "{top}", "-w", "{ws}"], ["{leaf}", "--to", "none", "-w", "{ws}", "--json"]],
    "theme hide": [["1", "-w", "{ws}"], ["1", "-w", "{ws}", "--json"]],
    "undo": [["-w", "{ws}"], ["-w", "{ws}", "--json"]],
    "tell": [["-w", "{ws}", "--theme", "1"], ["-w", "{ws}", "--theme", "1", "--json", "--lang", "zh"],
             ["-w", "{ws}", "--items", "1,2,3,4,5,6", "-o", "{out}"]],
    "redo": [["-w", "{ws}"], ["-w", "{ws}", "--json"]],
}
# Commands that never show a workspace's text (they still take --no-redact).
NO_WORKSPACE_TEXT = {
    "formats": "lists the importers",
    "warm-up": "compiles the theme engine's cache",
    "demo": "writes a new workspace of generated feedback",
}
# Commands whose output shows stored text: with --no-redact the personal data must show.
SHOWS_TEXT = {"search": 1, "items": 1, "export": 0, "themes": 1}


def _all_commands(group: click.Group = cli, prefix: str = "") -> dict[str, click.Command]:
    found = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.update(_all_commands(command, f"{prefix}{name} "))
        else:
            found[prefix + name] = command
    return found


def test_every_command_and_format_is_covered():
    commands = _all_commands()
    assert set(commands) == set(COMMANDS) | set(NO_WORKSPACE_TEXT), \
        "a command was added or removed: cover it in COMMANDS (or NO_WORKSPACE_TEXT)"
    for name, command in commands.items():
        flags = {opt for p in command.params if isinstance(p, click.Option) for opt in p.opts + p.secondary_opts}
        assert "--no-redact" in flags, f"{name} has no --no-redact"
        output_flags = {"--json", "--jsonl", "--cleaned", "--what", "--all", "--lang", "--apply", "--output", "--format"}
        for option in (p for p in command.params if isinstance(p, click.Option)):
            spellings = set(option.opts + option.secondary_opts)
            if spellings & output_flags and name not in NO_WORKSPACE_TEXT:  # -o covers --output
                assert any(spellings & set(args) for args in COMMANDS[name]), f"{name} {option.opts[0]} is not covered"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> dict:
    from triage_app.domain import drive
    from triage_app.importers.source import ImportOptions
    from triage_app.services.analysis import run_analysis
    from triage_app.services.importing import run_import
    from triage_app.services.sentiment import score_items
    from triage_app.store import Workspace

    base = tmp_path_factory.mktemp("seeded")
    rng = random.Random(3)
    lines = ["id,created,author,comment"]
    for i in range(120):
        topic, contact = _TOPICS[i % len(_TOPICS)]
        words = " ".join(rng.choices(["again", "today", "really", "still", "please", "help", "week"], k=3))
        author = _PERSONAL["HANDLE"] if i % 5 == 0 else f"user{i}"
        lines.append(f'{i},2025-05-{1 + i % 28:02d},{author},"{topic} {words}, {contact}"')
    csv_path = base / "personal.csv"
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ws_path = base / "seeded.triage"
    with Workspace(str(ws_path), create=True) as ws:
        run_import(ws, str(csv_path), ImportOptions(format="generic"))
        run_analysis(ws, model="static", mode="full", seed=1)
        drive(score_items(ws.conn), lambda p: None)
        from triage_app.services import theme_edits

        theme_edits.rename(ws, 2, "Crashes")  # something to undo, and (after the undo) to redo
        theme_edits.rename(ws, 3, "Refunds")
        theme_edits.undo(ws)
        from triage_app.store import themes as tq

        parents = tq.children_of(ws.conn)  # a theme without sub-themes to move, and a top-level theme to move it to
        listed = [t for t in tq.list_themes(ws.conn, include_merged=False) if t["size"] > 0]
        leaf = min(t["id"] for t in listed if t["id"] not in parents)
        top = min(parents) if parents else min(t["id"] for t in listed if t["parent_id"] is None and t["id"] != leaf)
    return {"ws": ws_path, "csv": csv_path, "base": base, "leaf": str(leaf), "top": str(top)}


def _run(seeded, name: str, args: list[str], tag: str, extra: list[str]) -> tuple[str, list[Path]]:
    work = seeded["base"] / f"{name.replace(' ', '_')}-{tag}"
    work.mkdir(exist_ok=True)
    ws = work / "w.triage"
    shutil.copy(seeded["ws"], ws)
    out = work / "out"
    values = {"{ws}": str(ws), "{csv}": str(seeded["csv"]), "{out}": str(out), "{leaf}": seeded["leaf"],
              "{top}": seeded["top"]}
    argv = name.split() + [next((a.replace(k, v) for k, v in values.items() if k in a), a) for a in args] + extra
    result = CliRunner().invoke(cli, argv, catch_exceptions=False)
    assert result.exit_code in (0, 1), (argv, result.output)
    files = [f for p in work.iterdir() if p.name.startswith("out") for f in (sorted(p.iterdir()) if p.is_dir() else [p])]
    return result.output + (result.stderr if result.stderr_bytes else ""), files


def _file_text(path: Path) -> str:
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        return "\n".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c)
    if path.suffix == ".pptx":
        from pptx import Presentation

        return "\n".join(shape.text_frame.text for slide in Presentation(str(path)).slides
                         for shape in slide.shapes if shape.has_text_frame)
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq  # the [parquet] extra; the test extra installs it

        return "\n".join(str(v) for row in pq.read_table(path).to_pylist() for v in row.values() if v)
    if path.suffix == ".pdf":
        return ""  # matplotlib's PDF text is glyph-coded; the PPTX run checks the same briefing data
    return path.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_no_personal_data_in_any_output(seeded, name):
    for n, args in enumerate(COMMANDS[name]):
        output, files = _run(seeded, name, args, f"r{n}", [])
        shown = output + "".join(_file_text(f) for f in files)
        leaked = [s for s in SECRETS if s in shown]
        assert not leaked, f"{name} {' '.join(args)} shows {leaked}:\n{shown[:2000]}"


@pytest.mark.parametrize("name", sorted(SHOWS_TEXT))
def test_no_redact_shows_the_stored_text(seeded, name):
    args = COMMANDS[name][SHOWS_TEXT[name]]
    output, files = _run(seeded, name, args, "raw", ["--no-redact"])
    shown = output + "".join(_file_text(f) for f in files)
    assert _PERSONAL["EMAIL"] in shown or _PERSONAL["NAME_ZH"] in shown or _PERSONAL["NAME"] in shown, shown[:2000]


def test_items_jsonl_keeps_identifiers_and_dates(seeded):
    output, _ = _run(seeded, "items", ["-w", "{ws}", "--jsonl"], "keys", [])
    rows = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    assert len(rows) == 120
    assert {r["external_id"] for r in rows} == {str(i) for i in range(120)}
    assert all(r["created_at"].startswith("2025-05-") for r in rows)
    assert sum("[NAME]" in r["text"] for r in rows) >= 30 and sum("[ADDRESS]" in r["text"] for r in rows) >= 30
