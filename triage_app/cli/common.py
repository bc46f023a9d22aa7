"""What every ``triage-app`` command shares: the exit-2 error, opening the workspace, the shared
options, output through the one redaction policy, and driving a service with a progress line."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable, Generator
from pathlib import Path
from typing import IO, Any, NoReturn, TypeVar

import click

from ..domain import Cancelled, Progress
from ..store import Workspace, WorkspaceError

EXIT_BAD_INPUT = 2
T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


class BadInput(click.ClickException):
    """Bad input (unreadable file, bad workspace, bad flag value): ``error: ...`` on stderr, exit code 2.
    The message is redacted when raised, while the command's privacy setting is known."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str) -> None:
        super().__init__(redactor().text(message))

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"error: {self.message}", err=True)


def fail(message: str) -> NoReturn:
    raise BadInput(message)


def open_workspace(workspace: str, create: bool = False) -> Workspace:
    try:
        ws = Workspace(workspace, create=create)
    except WorkspaceError as exc:
        fail(str(exc))
    use_privacy_of(ws)
    return ws


def existing(workspace: str) -> Workspace:
    """Open a workspace that must exist (a missing file is an error, not a new workspace)."""
    if not Path(workspace).exists():
        fail(f"{workspace}: no such workspace")
    return open_workspace(workspace)


# -- shared options --------------------------------------------------------------------------------
def workspace_option(help: str | None = None, exists: bool = False) -> Callable[[F], F]:
    return click.option("-w", "--workspace", required=True, type=click.Path(dir_okay=False, exists=exists), help=help)


def json_option(help: str | None = None) -> Callable[[F], F]:
    return click.option("--json", "as_json", is_flag=True, help=help)


# -- the redaction policy of every command's output (issue 16) --------------------------------------
# Whatever a command prints goes through print_json or echo, which redact with the one decision of
# services.privacy.output_redactor: the workspace's setting unless --no-redact (every command has it).
def use_privacy_of(ws: Workspace) -> None:
    from ..services.privacy import load_settings

    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.meta["triage.privacy"] = load_settings(ws.conn)
        ctx.meta.pop("triage.redactor", None)


def redactor() -> Any:
    from ..services.privacy import PrivacySettings, output_redactor

    ctx = click.get_current_context(silent=True)
    meta = ctx.meta if ctx is not None else {}
    if "triage.redactor" not in meta:
        settings = meta.get("triage.privacy") or PrivacySettings()
        made = output_redactor(settings, meta.get("triage.redact_override"))
        if ctx is None:
            return made
        meta["triage.redactor"] = made
    return meta["triage.redactor"]


def redact_override() -> bool | None:
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get("triage.redact_override") if ctx is not None else None


def _set_override(ctx: click.Context, _param: click.Parameter, value: Any) -> None:
    if value is not None and value is not False:
        ctx.meta["triage.redact_override"] = False if value is True else value
        ctx.meta.pop("triage.redactor", None)


def no_redact_option() -> click.Option:
    return click.Option(["--no-redact"], is_flag=True, expose_value=False, is_eager=True, callback=_set_override,
                        help="Show personal data as stored (default: replaced by placeholders such as [EMAIL], "
                             "as the workspace's privacy setting says).")


def add_no_redact(group: click.Group) -> None:
    """Every command gets --no-redact (export has its own --redact/--no-redact)."""
    for command in group.commands.values():
        if isinstance(command, click.Group):
            add_no_redact(command)
        elif not any(p.name in ("redact", "no_redact") for p in command.params):
            command.params.append(no_redact_option())


def echo(text: str = "", **kwargs: Any) -> None:
    click.echo(redactor().text(text), **kwargs)


def print_json(data: Any) -> None:
    click.echo(json.dumps(redactor().value(data), ensure_ascii=False, indent=2))


# -- long work -------------------------------------------------------------------------------------
class ProgressLine:
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


def run_service(service: Generator[Progress, Any, T], cancelled: str,
                errors: dict[type[BaseException], Callable[[BaseException], str]] | None = None) -> T:
    """Drive a service with a progress line; a cancel (Ctrl+C) fails with ``cancelled``, and an
    exception listed in ``errors`` with the message made from it."""
    progress = ProgressLine()
    try:
        while True:
            progress(next(service))
    except StopIteration as stop:
        result: T = stop.value
    except (Cancelled, KeyboardInterrupt):
        progress.end()
        fail(cancelled)
    except tuple(errors or ()) as exc:
        progress.end()
        fail(next(say for kind, say in (errors or {}).items() if isinstance(exc, kind))(exc))
    progress.end()
    return result
