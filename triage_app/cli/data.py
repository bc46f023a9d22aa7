"""Commands over the items: ``import``, ``formats``, ``stats``, ``search``, ``export``."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..domain import drive
from .common import (EXIT_BAD_INPUT, ProgressLine, echo, existing, fail, json_option, open_workspace, print_json,
                     redactor, workspace_option)
from .group import cli


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@workspace_option("Workspace file (created if missing).")
@click.option("--format", "format_name", help="Importer to use (see `triage-app formats`); detected when omitted.")
@click.option("--map", "mappings", multiple=True, metavar="FIELD=COLUMN",
              help="Column mapping, e.g. --map text=Comment --map created_at=Date (fields: id, text, title, "
                   "created_at, author, score, nps, csat, ces, rating, status, link, labels, source, closed_at, "
                   "first_response_at, updated_at, state, votes, sentiment, type, segment:NAME; sentiment and type "
                   "values such as positive/neg/1-5/好评/差评 or bug/feature/question outrank the model; dotted "
                   "paths reach nested JSON fields, e.g. author=user.name; dates may be epoch seconds or "
                   "milliseconds).")
@click.option("--encoding", help="Text encoding (utf-8, utf-16, cp1252, gb18030...); detected when omitted.")
@click.option("--delimiter", help="CSV delimiter; detected when omitted.")
@click.option("--timezone", "tz", help="Time zone of times written without one (default UTC), e.g. Asia/Shanghai.")
@click.option("--source-name", "source_name", metavar="NAME",
              help='What people call this source, e.g. "Support desk"; shown instead of the format name.')
@json_option("Print the summary as JSON.")
@click.option("--lang", type=click.Choice(["en", "zh"]), default="en", envvar="TRIAGE_LANG", show_default=True,
              help="Language of the text summary's errors, warnings and reasons (JSON stays English).")
def import_cmd(files, workspace, format_name, mappings, encoding, delimiter, tz, source_name, as_json, lang):
    """Import survey, issue-tracker, ticket and review exports into a workspace."""
    from ..importers import get_importer
    from ..importers.source import ImportOptions
    from ..workflows import FileImport, import_files

    mapping = dict(_pair(m, "--map", "FIELD=COLUMN") for m in mappings)
    if format_name:
        try:
            get_importer(format_name)
        except KeyError as exc:
            fail(exc.args[0])
    ws = open_workspace(workspace, create=True)
    results, failed = [], False
    progress = ProgressLine()
    current = files[0]

    def options(file: str) -> ImportOptions:
        nonlocal current
        current = file
        return ImportOptions(format=format_name, encoding=encoding, delimiter=delimiter, mapping=mapping, timezone=tz,
                             source_name=source_name)

    try:
        for step in import_files(ws, files, options):
            if not isinstance(step, FileImport):
                progress(step.progress)
                continue
            progress.end()
            if step.cancelled:
                fail(f"{step.file}: import cancelled; nothing was imported from it")
            results.append(step.as_json())
            if step.failure is not None:
                failed = True
                if not as_json:
                    _say_failure(step.failure, lang)
            elif not as_json:
                _say_result(step.file, step.result, lang)
    except KeyboardInterrupt:
        progress.end()
        fail(f"{current}: import cancelled; nothing was imported from it")
    ws.close()
    if as_json:
        print_json(results[0] if len(results) == 1 else results)
    sys.exit(EXIT_BAD_INPUT if failed else 0)


def _pair(text: str, flag: str, form: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    # FIELD= (nothing after "="): leave the column guessed for FIELD unused; a segment needs its column
    if not sep or not key.strip() or (not value.strip() and key.strip().startswith("segment:")):
        fail(f"{flag} takes {form}, not {text!r}")
    return key.strip(), value.strip()


def _say_failure(exc, lang: str) -> None:
    from ..messages import localize

    echo(f"error: {localize(str(exc), lang)}", err=True)
    for e, s, t in getattr(exc, "candidates", None) or ():
        echo(f"  --encoding {e:<10} ({s:.0%} plausible): {t}", err=True)


def _say_result(file: str, result, lang: str) -> None:
    from ..messages import localize

    echo(
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
        click.echo("  skipped (not feedback): " + ", ".join(f"{n:,} {localize(reason, lang)}"
                                                          for reason, n in result.skipped.items()))
    for warning in result.warnings:
        click.echo(f"  warning: {localize(warning, lang)}")
    for r in result.rejected_rows[:10]:
        where = f"row {r['row']}" + (f", column {r['column']!r}" if r["column"] else "")
        echo(f"  rejected {where}: {localize(r['reason'], lang)}")
    if result.rejected > 10:
        echo(f"  ... {result.rejected - 10:,} more rejected rows are listed in the workspace")


@cli.command()
@workspace_option()
@json_option("Print as JSON.")
def stats(workspace, as_json):
    """Counts of items per source format and status, and the time span covered."""
    with existing(workspace) as ws:
        data = ws.stats()
    if as_json:
        print_json(data)
        return
    echo(f"{data['items']:,} items, {data['respondents']:,} survey respondents, {data['imports']} imports")
    echo(f"created {data['first_created'] or '-'} .. {data['last_created'] or '-'}")
    for name, title in (("by_source_format", "by format"), ("by_status", "by status")):
        echo(title + ":")
        for key, count in data[name].items():
            echo(f"  {key:<20} {count:>10,}")


@cli.command()
@json_option("Print as JSON.")
def formats(as_json):
    """List every importer with a one-line description."""
    from ..importers import all_importers

    rows = [{"name": i.name, "label": i.label, "kinds": list(i.kinds), "description": i.description}
            for i in all_importers()]
    if as_json:
        print_json(rows)
        return
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        echo(f"{r['name']:<{width}}  {r['description']}")


@cli.command()
@click.argument("query")
@workspace_option()
@click.option("--limit", default=20, show_default=True)
@json_option()
def search(query, workspace, limit, as_json):
    """Full-text search over item titles and texts (English and Chinese)."""
    from ..store import queries

    with open_workspace(workspace) as ws:
        rows = redactor().value(queries.search_items(ws.conn, query, limit=limit))
    if as_json:
        print_json(rows)
        return
    for r in rows:
        text = (r["title"] + ": " if r["title"] else "") + r["text"].replace("\n", " ")
        click.echo(f"{r['id']:>8}  {r['source_format']:<14} {text[:100]}")


@cli.command("export")
@workspace_option(exists=True)
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
@json_option()
def export_cmd(workspace, output, format_name, what, search, sources, statuses, themes, date_from, date_to, redact,
               as_json):
    """Export items (with filters) or themes to CSV, XLSX or Parquet; formula-like cells are neutralised."""
    from ..services.exporting import ExportError, export_items, export_themes
    from ..store.item_queries import ItemFilter

    ctx = click.get_current_context()
    if redact is not None:
        ctx.meta["triage.redact_override"] = redact
    with open_workspace(workspace) as ws:
        try:
            if what == "themes":
                result = export_themes(ws.conn, output, redact, format=format_name)
            else:
                f = ItemFilter(search=search, source_formats=list(sources), statuses=list(statuses),
                               theme_ids=list(themes), created_from=date_from, created_to=date_to)
                result = drive(export_items(ws.conn, output, f, redact, format=format_name))
        except ExportError as exc:
            fail(str(exc))
    if as_json:
        print_json({"file": result.path, "rows": result.rows, "format": result.format, "cells_cut": result.cells_cut})
    else:
        echo(f"{result.rows:,} {what} written to {result.path}")
        if result.cells_cut:
            echo(f"{result.cells_cut:,} cells were longer than Excel's 32,767-character limit and were cut "
                 "(marked in the cell); export to .csv to keep them whole", err=True)
