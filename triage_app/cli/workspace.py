"""Commands about the workspace and the machine: ``check``, ``demo``, ``warm-up``."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from .common import ProgressLine, echo, fail, json_option, print_json, workspace_option
from .group import cli


@cli.command()
@workspace_option()
@json_option("Print the report as JSON.")
def check(workspace, as_json):
    """Check a workspace: integrity, schema version, search index and references.

    Exit code 0 when healthy, 1 when a check failed, 2 when the file is not a workspace.
    """
    from ..services.health import NotAWorkspace, check_workspace

    try:
        report = check_workspace(workspace)
    except NotAWorkspace as exc:
        fail(str(exc))
    if as_json:
        print_json(report.as_json())
    else:
        version = f"schema {report.schema_version}" if report.schema_version is not None else "schema unknown"
        echo(f"{workspace}: {'healthy' if report.healthy else 'NOT HEALTHY'} ({version})")
        width = max((len(c.name) for c in report.checks), default=0)
        for c in report.checks:
            echo(f"  {c.level:<8} {c.name:<{width}}  {c.detail}")
        if not report.healthy:
            if report.backups:
                echo("backups (newest first):")
                for b in report.backups:
                    echo(f"  {b}")
            else:
                echo("no backup of this workspace exists")
    sys.exit(0 if report.healthy else 1)


@cli.command("warm-up")
@click.option("--background", is_flag=True, help="Run at low CPU priority (the app starts it so at first start).")
def warm_up_command(background):
    """Compile the theme engine's code cache once per machine, so the first analysis starts at once."""
    from ..engine_cache import cache_dir, is_warm, mark_warm

    if background and hasattr(os, "nice"):
        os.nice(10)
    from analysis.topics import warm_up

    was_warm = is_warm()
    seconds = warm_up(cache_dir())
    mark_warm()
    echo(f"theme engine ready in {seconds:.1f} s ({'cache was ready' if was_warm else 'cache built'})")


@cli.command()
@workspace_option("Where to write the demo workspace.")
@click.option("--seed", default=7, show_default=True, help="Random seed (the same seed gives the same demo).")
@click.option("--analyse/--no-analyse", "analyse", default=True, show_default=True,
              help="Find the themes too (about a minute).")
@json_option()
def demo(workspace, seed, analyse, as_json):
    """Write the demo workspace: six months of generated English and Chinese feedback from a survey,
    GitHub issues, Google Play reviews and Zendesk tickets, imported and analysed."""
    from ..demo import build_demo_workspace

    if Path(workspace).exists():
        fail(f"{workspace}: already exists; choose a new file name")
    progress = ProgressLine()
    summary = build_demo_workspace(workspace, seed=seed, analyse=analyse, on_progress=progress)
    progress.end()
    if as_json:
        print_json(summary)
        return
    for f in summary["files"]:
        echo(f"{f['file']}: {f['format']} - {f['added']:,} items")
    echo(f"{summary['items']:,} items" + (f", {summary['themes']} themes" if "themes" in summary else "")
         + f" in {workspace}")
