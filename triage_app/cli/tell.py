"""Closing the loop: ``tell``."""
from __future__ import annotations

import click

from .common import echo, existing, fail, json_option, print_json, redactor, workspace_option
from .group import cli


def _ids(text: str | None) -> list[int]:
    if not text:
        return []
    try:
        return [int(x) for x in text.replace(" ", "").split(",") if x]
    except ValueError:
        fail(f"--items takes item ids separated by commas (e.g. 12,15,40), not {text!r}")


@cli.command()
@workspace_option()
@click.option("--theme", "theme_id", type=int, help="The theme whose people to tell.")
@click.option("--items", "items", metavar="ID,ID,...", help="Or these items (ids separated by commas).")
@click.option("--lang", type=click.Choice(["en", "zh"]), help="Language of the update (default: the feedback's).")
@click.option("-o", "--output", "outdir", type=click.Path(file_okay=False),
              help="Folder for update.md, recipients.csv and one update-<source>.md per source; "
                   "without it the update is printed.")
@click.option("--mark-told", is_flag=True, help="Record in the status history that the people were told.")
@click.option("--force", is_flag=True, help="With --mark-told: record it even when they were told before.")
@json_option("Print the draft and the recipients as JSON.")
def tell(workspace, theme_id, items, lang, outdir, mark_told, force, as_json):
    """Close the loop: draft an update for the people behind a theme or items, and list whom to tell."""
    from ..services.tell import TellError, draft, export, redact_recipients
    from ..services.tell import mark_told as record

    ids = _ids(items)
    if (theme_id is None) == (not ids):
        fail("give either --theme ID or --items ID,ID,...")
    with existing(workspace) as ws:
        try:
            d = draft(ws.conn, theme_id=theme_id, item_ids=ids or None, lang=lang)
        except TellError as exc:
            fail(str(exc))
        privacy = redactor()
        if privacy.on:  # whom to tell is personal data: listed only with --no-redact
            d = redact_recipients(d, privacy.text)
        files = []
        if outdir:
            try:
                files = [str(p) for p in export(d, outdir)]
            except OSError as exc:
                fail(f"{outdir}: cannot be written ({exc.strerror or exc})")
        told_now = False
        if mark_told:
            if d.already_told and not force:
                fail(f"already told on {d.already_told[0]['changed_at'][:10]} ({d.already_told[0]['note']}); "
                      "add --force to record it again")
            record(ws.conn, d, "triage-app tell")
            told_now = True
    if as_json:
        out = d.as_json()
        out.update({"files": files, "marked_told": told_now})
        print_json(out)
        return
    if not outdir:
        echo(d.markdown)
    for note in d.already_told[:1]:
        click.echo(f"note: already told on {note['changed_at'][:10]} ({note['note']})", err=True)
    click.echo(f"{len(d.recipients)} people to tell ({d.unreachable} items without a name, address or link)"
               + (f"; written: {', '.join(files)}" if files else "") + ("; recorded as told" if told_now else "")
               + ("; names and addresses hidden by the privacy setting (add --no-redact to list them)"
                  if privacy.on and d.recipients else ""),
               err=not outdir)
