"""triage-app commands of the check area (registered on the group in cli.py)."""
from __future__ import annotations

import sys

import click

from .cli import _echo, _fail, _print_json, cli


@cli.command()
@click.option("-w", "--workspace", required=True, type=click.Path(dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def check(workspace, as_json):
    """Check a workspace: integrity, schema version, search index and references.

    Exit code 0 when healthy, 1 when a check failed, 2 when the file is not a workspace.
    """
    from .services.health import NotAWorkspace, check_workspace

    try:
        report = check_workspace(workspace)
    except NotAWorkspace as exc:
        _fail(str(exc))
    if as_json:
        _print_json(report.as_json())
    else:
        version = f"schema {report.schema_version}" if report.schema_version is not None else "schema unknown"
        _echo(f"{workspace}: {'healthy' if report.healthy else 'NOT HEALTHY'} ({version})")
        width = max((len(c.name) for c in report.checks), default=0)
        for c in report.checks:
            _echo(f"  {c.level:<8} {c.name:<{width}}  {c.detail}")
        if not report.healthy:
            if report.backups:
                _echo("backups (newest first):")
                for b in report.backups:
                    _echo(f"  {b}")
            else:
                _echo("no backup of this workspace exists")
    sys.exit(0 if report.healthy else 1)
