"""The ``triage-app`` click group and the entry point; the commands register themselves on ``cli``
from their modules (imported by the package)."""
from __future__ import annotations

import os
import sys

import click

from ..process import configure as configure_process
from .common import redactor


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Feedback Triage: import feedback exports, find themes, track status and satisfaction.

    Without a command, opens the desktop app.
    """
    if ctx.invoked_subcommand is None:
        from ui.app import main as run_app  # Qt is loaded only for the window

        sys.exit(run_app([]))


def main(argv: list[str] | None = None) -> None:
    configure_process()  # the one place a triage-app process (commands and window) sets process state
    try:
        cli.main(args=argv, prog_name="triage-app", standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # never a traceback for a user; TRIAGE_DEBUG=1 shows it
        if os.environ.get("TRIAGE_DEBUG"):
            raise
        click.echo(f"error: {type(exc).__name__}: {redactor().text(str(exc))}", err=True)
        sys.exit(1)
