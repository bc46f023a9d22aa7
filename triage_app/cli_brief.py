"""triage-app commands of the briefing area (registered on the group in cli.py): ``brief``."""
from __future__ import annotations

from pathlib import Path

import click

from .cli import _echo, _fail, _open, _print_json, _ProgressLine, _redact_override, cli
from .domain import Cancelled


@cli.command()
@click.option("-w", "--workspace", required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="OUT.pdf or OUT.pptx")
@click.option("--period", default="30", show_default=True, metavar="LAST_N_DAYS|FROM..TO",
              help="The last N days up to the newest item (or --as-of), or whole UTC days FROM..TO, e.g. 2025-04-01..2025-06-30.")
@click.option("--top", default=10, show_default=True, type=int, help="Themes to report, by priority (one page each).")
@click.option("--lang", default="en", show_default=True, type=click.Choice(["en", "zh"]), help="Language of the briefing.")
@click.option("--as-of", "as_of", help="End of LAST_N_DAYS (ISO 8601; default: the newest item, as on the dashboard).")
@click.option("--segment", metavar="ATTRIBUTE", help="Segment of the theme heatmap, e.g. plan (default: the source).")
@click.option("--json", "as_json", is_flag=True, help="Print a summary as JSON.")
def brief(workspace, output, period, top, lang, as_of, segment, as_json):
    """A briefing for leadership: a PDF or PPTX with summary, top themes, satisfaction, times, methods."""
    from .services.briefing import BriefingError, BriefingRequest, generate, newest_end, parse_period

    if not Path(workspace).exists():
        _fail(f"{workspace}: no such workspace")
    request = BriefingRequest(period=period, top=top, lang=lang, as_of=as_of, segment=segment,
                              workspace_name=Path(workspace).name, redact=_redact_override())
    try:
        request.check()
        parse_period(period, as_of)
        if Path(output).suffix.lower() not in (".pdf", ".pptx"):
            raise BriefingError(f"{output}: the briefing is written as .pdf or .pptx")
    except BriefingError as exc:
        _fail(str(exc))
    progress = _ProgressLine()
    with _open(workspace) as ws:
        if as_of is None:  # like the dashboard: the period ends at the newest item, not today
            request.as_of = newest_end(ws.conn)
        gen = generate(ws.conn, request, output)
        try:
            while True:
                progress(next(gen))
        except StopIteration as stop:
            result = stop.value
        except BriefingError as exc:
            progress.end()
            _fail(str(exc))
        except (Cancelled, KeyboardInterrupt):
            progress.end()
            _fail("cancelled; no briefing was written")
        except OSError as exc:
            progress.end()
            _fail(f"{output}: cannot be written ({exc.strerror or exc})")
    progress.end()
    if as_json:
        _print_json(result.as_json())
        return
    _echo(f"{result.path}: {result.pages} pages, {result.themes} themes, {result.period} ({result.seconds:.1f} s)")
