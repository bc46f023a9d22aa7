"""The briefing command: ``brief``."""
from __future__ import annotations

from pathlib import Path

import click

from .common import echo, existing, fail, json_option, print_json, redact_override, run_service, workspace_option
from .group import cli


@cli.command()
@workspace_option()
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="OUT.pdf or OUT.pptx")
@click.option("--period", default="30", show_default=True, metavar="LAST_N_DAYS|FROM..TO",
              help="The last N days up to the newest item (or --as-of), or whole UTC days FROM..TO, e.g. 2025-04-01..2025-06-30.")
@click.option("--top", default=10, show_default=True, type=int, help="Themes to fix to report, by priority (one page each); themes that are mostly praise are under What people love.")
@click.option("--lang", default="en", show_default=True, type=click.Choice(["en", "zh"]), help="Language of the briefing.")
@click.option("--as-of", "as_of", help="End of LAST_N_DAYS (ISO 8601; default: the newest item, as on the dashboard).")
@click.option("--segment", metavar="ATTRIBUTE", help="Segment of the theme heatmap, e.g. plan (default: the source).")
@json_option("Print a summary as JSON.")
def brief(workspace, output, period, top, lang, as_of, segment, as_json):
    """A briefing for leadership: a PDF or PPTX with summary, top themes, satisfaction, times, methods."""
    from ..services.briefing import BriefingError, BriefingRequest, generate, parse_period
    from ..workflows import briefing_end

    if not Path(workspace).exists():
        fail(f"{workspace}: no such workspace")
    request = BriefingRequest(period=period, top=top, lang=lang, as_of=as_of, segment=segment,
                              workspace_name=Path(workspace).name, redact=redact_override())
    try:
        request.check()
        parse_period(period, as_of)
        if Path(output).suffix.lower() not in (".pdf", ".pptx"):
            raise BriefingError(f"{output}: the briefing is written as .pdf or .pptx")
    except BriefingError as exc:
        fail(str(exc))
    with existing(workspace) as ws:
        request.as_of = briefing_end(ws, as_of)
        result = run_service(generate(ws.conn, request, output), "cancelled; no briefing was written",
                             {BriefingError: str, OSError: lambda exc: f"{output}: cannot be written ({exc.strerror or exc})"})
    if as_json:
        print_json(result.as_json())
        return
    echo(f"{result.path}: {result.pages} pages, {result.themes} themes, {result.period} ({result.seconds:.1f} s)")
