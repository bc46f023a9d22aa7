"""``triage-app``: the headless commands. Their flags and JSON keys are a contract; add, don't rename.

Exit codes: 0 success, 1 a check failed, 2 bad input (unreadable file, bad workspace, bad flags).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import NoReturn

import click

from .domain import Cancelled, ImportFailure, Progress
from .store import Workspace, WorkspaceError

EXIT_BAD_INPUT = 2


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {_redactor().text(message)}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def _open(workspace: str, create: bool = False) -> Workspace:
    try:
        ws = Workspace(workspace, create=create)
    except WorkspaceError as exc:
        _fail(str(exc))
    _use_privacy_of(ws.conn)
    return ws


# -- the redaction policy of every command's output (issue 16) --------------------------------------
# Whatever a command prints goes through _print_json or _echo, which redact with the one decision of
# services.privacy.output_redactor: the workspace's setting unless --no-redact (every command has it).
def _use_privacy_of(conn) -> None:
    from .services.privacy import load_settings

    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.meta["triage.privacy"] = load_settings(conn)
        ctx.meta.pop("triage.redactor", None)


def _redactor():
    from .services.privacy import PrivacySettings, output_redactor

    ctx = click.get_current_context(silent=True)
    meta = ctx.meta if ctx is not None else {}
    if "triage.redactor" not in meta:
        settings = meta.get("triage.privacy") or PrivacySettings()
        redactor = output_redactor(settings, meta.get("triage.redact_override"))
        if ctx is None:
            return redactor
        meta["triage.redactor"] = redactor
    return meta["triage.redactor"]


def _redact_override() -> bool | None:
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get("triage.redact_override") if ctx is not None else None


def _set_override(ctx: click.Context, _param, value) -> None:
    if value is not None and value is not False:
        ctx.meta["triage.redact_override"] = False if value is True else value
        ctx.meta.pop("triage.redactor", None)


def _no_redact_option() -> click.Option:
    return click.Option(["--no-redact"], is_flag=True, expose_value=False, is_eager=True, callback=_set_override,
                        help="Show personal data as stored (default: replaced by placeholders such as [EMAIL], "
                             "as the workspace's privacy setting says).")


def _echo(text: str = "", **kwargs) -> None:
    click.echo(_redactor().text(text), **kwargs)


def _print_json(data) -> None:
    click.echo(json.dumps(_redactor().value(data), ensure_ascii=False, indent=2))


class _ProgressLine:
    """Progress on stderr, on one rewritten line when stderr is a terminal."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self._last = ""

    def __call__(self, p: Progress) -> None:
        if not self.tty:
            return
        total = f"/{p.total:,}" if p.total else ""
        line = f"  {p.stage} {p.done:,}{total} {p.message}"[:100]
        click.echo("\r" + line.ljust(len(self._last)), err=True, nl=False)
        self._last = line

    def end(self) -> None:
        if self.tty and self._last:
            click.echo("\r" + " " * len(self._last) + "\r", err=True, nl=False)
            self._last = ""


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Feedback Triage: import feedback exports, find themes, track status and satisfaction.

    Without a command, opens the desktop app.
    """
    if ctx.invoked_subcommand is None:
        from ui.app import main as run_app  # Qt is loaded only for the window

        sys.exit(run_app([]))


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("-w", "--workspace", required=True, type=click.Path(dir_okay=False), help="Workspace file (created if missing).")
@click.option("--format", "format_name", help="Importer to use (see `triage-app formats`); detected when omitted.")
@click.option("--map", "mappings", multiple=True, metavar="FIELD=COLUMN",
              help="Column mapping, e.g. --map text=Comment --map created_at=Date (fields: id, text, title, "
                   "created_at, author, score, nps, csat, ces, rating, status, link, labels, source, closed_at, "
                   "first_response_at, updated_at, state, votes, segment:NAME; dotted paths reach nested JSON "
                   "fields, e.g. author=user.name; dates may be epoch seconds or milliseconds).")
@click.option("--encoding", help="Text encoding (utf-8, utf-16, cp1252, gb18030...); detected when omitted.")
@click.option("--delimiter", help="CSV delimiter; detected when omitted.")
@click.option("--timezone", "tz", help="Time zone of times written without one (default UTC), e.g. Asia/Shanghai.")
@click.option("--source-name", "source_name", metavar="NAME",
              help='What people call this source, e.g. "Support desk"; shown instead of the format name.')
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", envvar="TRIAGE_LANG", show_default=True,
              help="Language of the text summary's errors, warnings and reasons (JSON stays English).")
def import_cmd(files, workspace, format_name, mappings, encoding, delimiter, tz, source_name, as_json, lang):
    """Import survey, issue-tracker, ticket and review exports into a workspace."""
    from .importers import get_importer
    from .importers.source import ImportOptions
    from .messages import localize
    from .services.importing import run_import

    def say(text):
        return localize(text, lang)

    mapping = {}
    for m in mappings:
        field, sep, column = m.partition("=")
        if not sep or not field.strip() or not column.strip():
            _fail(f"--map takes FIELD=COLUMN, not {m!r}")
        mapping[field.strip()] = column.strip()
    if format_name:
        try:
            get_importer(format_name)
        except KeyError as exc:
            _fail(exc.args[0])
    ws = _open(workspace, create=True)
    results, failed = [], False
    progress = _ProgressLine()
    for file in files:
        options = ImportOptions(format=format_name, encoding=encoding, delimiter=delimiter, mapping=mapping, timezone=tz,
                                source_name=source_name)
        try:
            result = run_import(ws, file, options, on_progress=progress)
            progress.end()
        except ImportFailure as exc:
            progress.end()
            failed = True
            entry = {"file": file, "format": None, "error": str(exc), "added": 0, "updated": 0,
                     "unchanged": 0, "rejected": 0}
            candidates = getattr(exc, "candidates", None)
            if candidates is not None:
                entry["encoding_candidates"] = [{"encoding": e, "plausible": s, "sample": t} for e, s, t in candidates]
            results.append(entry)
            if not as_json:
                _echo(f"error: {say(str(exc))}", err=True)
                for e, s, t in candidates or ():
                    _echo(f"  --encoding {e:<10} ({s:.0%} plausible): {t}", err=True)
            continue
        except (Cancelled, KeyboardInterrupt):
            progress.end()
            _fail(f"{file}: import cancelled; nothing was imported from it")
        results.append(result.as_json())
        if not as_json:
            _echo(
                f"{Path(file).name}: {result.format}"
                + (f" ({result.encoding})" if result.encoding else "")
                + f" - {result.added:,} added, {result.updated:,} updated, {result.unchanged:,} unchanged, "
                f"{result.rejected:,} rejected"
                + (f", {result.respondents:,} respondents" if result.respondents else "")
                + f" ({result.seconds:.1f} s)"
            )
            if result.replaced:
                click.echo(f"  replaced what the earlier import of this file stored: {result.replaced:,} items removed"
                           f" (import {', '.join(f'#{i}' for i in result.replaced_imports)})")
            if result.skipped:
                click.echo("  skipped (not feedback): " + ", ".join(f"{n:,} {say(reason)}" for reason, n in result.skipped.items()))
            for warning in result.warnings:
                click.echo(f"  warning: {say(warning)}")
            for r in result.rejected_rows[:10]:
                where = f"row {r['row']}" + (f", column {r['column']!r}" if r["column"] else "")
                _echo(f"  rejected {where}: {say(r['reason'])}")
            if result.rejected > 10:
                _echo(f"  ... {result.rejected - 10:,} more rejected rows are listed in the workspace")
    ws.close()
    if as_json:
        _print_json(results[0] if len(results) == 1 else results)
    sys.exit(EXIT_BAD_INPUT if failed else 0)


@cli.command()
@click.option("-w", "--workspace", required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def stats(workspace, as_json):
    """Counts of items per source format and status, and the time span covered."""
    if not Path(workspace).exists():
        _fail(f"{workspace}: no such workspace")
    with _open(workspace) as ws:
        data = ws.stats()
    if as_json:
        _print_json(data)
        return
    _echo(f"{data['items']:,} items, {data['respondents']:,} survey respondents, {data['imports']} imports")
    _echo(f"created {data['first_created'] or '-'} .. {data['last_created'] or '-'}")
    for name, title in (("by_source_format", "by format"), ("by_status", "by status")):
        _echo(title + ":")
        for key, count in data[name].items():
            _echo(f"  {key:<20} {count:>10,}")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def formats(as_json):
    """List every importer with a one-line description."""
    from .importers import all_importers

    rows = [{"name": i.name, "label": i.label, "kinds": list(i.kinds), "description": i.description}
            for i in all_importers()]
    if as_json:
        _print_json(rows)
        return
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        _echo(f"{r['name']:<{width}}  {r['description']}")


@cli.command()
@click.argument("query")
@click.option("-w", "--workspace", required=True, type=click.Path(dir_okay=False))
@click.option("--limit", default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True)
def search(query, workspace, limit, as_json):
    """Full-text search over item titles and texts (English and Chinese)."""
    from .store import queries

    with _open(workspace) as ws:
        rows = _redactor().value(queries.search_items(ws.conn, query, limit=limit))
    if as_json:
        _print_json(rows)
        return
    for r in rows:
        text = (r["title"] + ": " if r["title"] else "") + r["text"].replace("\n", " ")
        click.echo(f"{r['id']:>8}  {r['source_format']:<14} {text[:100]}")


@cli.command("warm-up")
@click.option("--background", is_flag=True, help="Run at low CPU priority (the app starts it so at first start).")
def warm_up_command(background):
    """Compile the theme engine's code cache once per machine, so the first analysis starts at once."""
    from analysis.engine_cache import is_warm, mark_warm

    if background and hasattr(os, "nice"):
        os.nice(10)
    from analysis.topics import warm_up

    was_warm = is_warm()
    seconds = warm_up()
    mark_warm()
    _echo(f"theme engine ready in {seconds:.1f} s ({'cache was ready' if was_warm else 'cache built'})")


@cli.command()
@click.option("-w", "--workspace", required=True, type=click.Path(dir_okay=False), help="Where to write the demo workspace.")
@click.option("--seed", default=7, show_default=True, help="Random seed (the same seed gives the same demo).")
@click.option("--analyse/--no-analyse", "analyse", default=True, show_default=True,
              help="Find the themes too (about a minute).")
@click.option("--json", "as_json", is_flag=True)
def demo(workspace, seed, analyse, as_json):
    """Write the demo workspace: six months of generated English and Chinese feedback from a survey,
    GitHub issues, Google Play reviews and Zendesk tickets, imported and analysed."""
    from .demo import build_demo_workspace

    if Path(workspace).exists():
        _fail(f"{workspace}: already exists; choose a new file name")
    progress = _ProgressLine()
    summary = build_demo_workspace(workspace, seed=seed, analyse=analyse, on_progress=progress)
    progress.end()
    if as_json:
        _print_json(summary)
        return
    for f in summary["files"]:
        _echo(f"{f['file']}: {f['format']} - {f['added']:,} items")
    _echo(f"{summary['items']:,} items" + (f", {summary['themes']} themes" if "themes" in summary else "")
               + f" in {workspace}")


@cli.command("export")
@click.option("-w", "--workspace", required=True, type=click.Path(dir_okay=False, exists=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="OUT.csv, OUT.xlsx or OUT.parquet")
@click.option("--format", "format_name", type=click.Choice(["csv", "xlsx", "parquet"]),
              help="File format (default: from the output's suffix); parquet needs pyarrow (the [parquet] extra).")
@click.option("--what", type=click.Choice(["items", "themes"]), default="items", show_default=True)
@click.option("--search", default="", help="Only items matching this full-text search.")
@click.option("--source", "sources", multiple=True, help="Only this source format (repeatable).")
@click.option("--status", "statuses", multiple=True, help="Only this workflow status (repeatable).")
@click.option("--theme", "themes", multiple=True, type=int, help="Only this theme id (0: unassigned; repeatable).")
@click.option("--from", "date_from", help="Created on or after (YYYY-MM-DD).")
@click.option("--to", "date_to", help="Created before (YYYY-MM-DD).")
@click.option("--redact/--no-redact", default=None, help="Replace personal data with placeholders (default: the workspace setting, on).")
@click.option("--json", "as_json", is_flag=True)
def export_cmd(workspace, output, format_name, what, search, sources, statuses, themes, date_from, date_to, redact,
               as_json):
    """Export items (with filters) or themes to CSV, XLSX or Parquet; formula-like cells are neutralised."""
    from .services.exporting import ExportError, export_items, export_themes
    from .store.item_queries import ItemFilter

    ctx = click.get_current_context()
    if redact is not None:
        ctx.meta["triage.redact_override"] = redact
    with _open(workspace) as ws:
        try:
            if what == "themes":
                result = export_themes(ws.conn, output, redact, format=format_name)
            else:
                f = ItemFilter(search=search, source_formats=list(sources), statuses=list(statuses),
                               theme_ids=list(themes), created_from=date_from, created_to=date_to)
                gen = export_items(ws.conn, output, f, redact, format=format_name)
                while True:
                    try:
                        next(gen)
                    except StopIteration as stop:
                        result = stop.value
                        break
        except ExportError as exc:
            _fail(str(exc))
    if as_json:
        _print_json({"file": result.path, "rows": result.rows, "format": result.format, "cells_cut": result.cells_cut})
    else:
        _echo(f"{result.rows:,} {what} written to {result.path}")
        if result.cells_cut:
            _echo(f"{result.cells_cut:,} cells were longer than Excel's 32,767-character limit and were cut "
                       "(marked in the cell); export to .csv to keep them whole", err=True)


def main(argv: list[str] | None = None) -> None:
    try:
        cli.main(args=argv, prog_name="triage-app", standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # never a traceback for a user; TRIAGE_DEBUG=1 shows it
        if os.environ.get("TRIAGE_DEBUG"):
            raise
        click.echo(f"error: {type(exc).__name__}: {_redactor().text(str(exc))}", err=True)
        sys.exit(1)


# Commands of each area live in their own module and register themselves on ``cli``.
from . import cli_brief, cli_check, cli_metrics, cli_tell, cli_themes  # noqa: E402,F401


def _add_no_redact(group: click.Group) -> None:
    """Every command gets --no-redact (export has its own --redact/--no-redact)."""
    for command in group.commands.values():
        if isinstance(command, click.Group):
            _add_no_redact(command)
        elif not any(p.name in ("redact", "no_redact") for p in command.params):
            command.params.append(_no_redact_option())


_add_no_redact(cli)
