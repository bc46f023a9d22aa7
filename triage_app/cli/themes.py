"""Commands of the themes area:
``analyze``, ``themes``, ``items``, ``theme rename|merge|split|move|parent|hide``, ``undo``, ``redo``."""
from __future__ import annotations

import json
import click

from .common import echo, existing, fail, json_option, print_json, redactor, run_service, workspace_option
from .group import cli

_W = workspace_option("Workspace file.")

@cli.command()
@_W
@click.option("--seed", default=42, show_default=True, type=int, help="Random seed: same items + seed = same themes.")
@click.option("--model", help="Embedding model: use-multilingual (default), minilm, static.")
@click.option("--mode", type=click.Choice(["auto", "full", "incremental"]), default="auto", show_default=True,
              help="full: re-cluster everything; incremental: put new items into existing themes; auto: decide.")
@click.option("--engine", "engine_name", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where embedding and assignment run: this machine (every core) or a Ray cluster (the [scale] extra).")
@click.option("--address", help="Ray cluster address (HOST:PORT, or 'auto'); without it --engine ray starts Ray "
                                "on this machine.")
@json_option("Print the summary as JSON.")
def analyze(workspace, seed, model, mode, engine_name, address, as_json):
    """Find themes: embed new texts, cluster, label, match to existing themes."""
    from ..engines import EngineError, get_engine
    from ..services.analysis import AnalysisError
    from ..workflows import analyse_then_score

    if address and engine_name != "ray":
        fail("--address needs --engine ray")
    with existing(workspace) as ws:
        engine = None
        engine_failed = {EngineError: lambda exc: f"{exc}; the workspace is as it was: themes unchanged (vectors of "
                                                  "finished batches were kept for the next run)"}
        try:
            try:
                engine = get_engine(engine_name, address) if engine_name != "local" else None
            except EngineError as exc:
                fail(engine_failed[EngineError](exc))
            result = run_service(
                analyse_then_score(ws, model=model, seed=seed, mode=mode, engine=engine),
                "analysis cancelled; the themes are unchanged (embedded texts were kept)",
                {AnalysisError: str, **engine_failed})
        finally:
            if engine is not None:
                engine.close()
    if as_json:
        print_json(result.as_json())
        return
    echo(f"{result.mode} analysis of {result.items:,} items with {result.model}: {result.top_themes} top-level "
               f"themes holding {result.sub_themes} sub-themes ({result.themes} in all; "
               f"{result.themes_created} created, {result.themes_kept} kept, {result.themes_updated} updated), "
               f"{result.unassigned:,} unassigned ({100 * result.unassigned_share:.1f}%)")
    echo(f"embedded {result.embedded:,} new texts, {result.cached:,} from the cache")
    echo("seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in result.seconds.items()))


def _quotes(conn, themes) -> dict[int, str]:
    from ..store import themes as tq

    ids = [q for t in themes for q in t.quotes]
    return {i: (row[2] + ": " if row[2] else "") + row[3] for i, row in tq.items_by_id(conn, ids).items()}


@cli.command()
@_W
@click.option("--all", "show_all", is_flag=True, help="Include hidden and merged themes.")
@json_option("Print as JSON.")
def themes(workspace, show_all, as_json):
    """List themes as a tree (top-level themes, each with its sub-themes), by priority, with keywords
    and representative quotes."""
    from ..services.theme_summaries import as_tree, theme_summaries

    with existing(workspace) as ws:
        # the board's list: an emptied theme (size 0, its items moved out) is listed as the board lists
        # it; hidden ones (theme_scope: also a parent with every sub-theme hidden) only with --all
        rows = theme_summaries(ws.conn, include_hidden=show_all, include_merged=show_all)
        texts = _quotes(ws.conn, rows)
        total = ws.stats()["items"]
        from ..store.theme_board_queries import unassigned_count

        unassigned = unassigned_count(ws.conn)

    def as_dict(t) -> dict:
        return {"id": t.id, "label": t.label, "keywords": t.keywords, "size": t.size,
                "share": round(t.size / total, 4) if total else 0.0,
                "quotes": [{"item_id": q, "text": " ".join(texts.get(q, "").split())[:300]} for q in t.quotes],
                "status": t.status, "hidden": t.hidden, "label_edited": t.label_edited,
                "parent_id": t.parent_id, "merged_into": t.merged_into, "priority": t.priority, "factors": t.factors,
                "items_resolved": t.items_resolved, "items_total": t.items_total, "children": t.children,
                "sentiment_shares": {k: round(v, 4) for k, v in t.sentiment_shares.items()},
                "type_shares": {k: round(v, 4) for k, v in t.type_shares.items()},
                "praise_share": round(t.praise_share, 4), "growth_note": t.growth_note}

    if as_json:
        print_json([as_dict(t) for t in rows])
        return
    if not rows:
        echo("no themes yet: run `triage-app analyze -w WORKSPACE`")
        return

    privacy = redactor()

    def line(t, indent: str) -> None:
        flags = (" [hidden]" if t.hidden else "") + (f" [merged into {t.merged_into}]" if t.merged_into else "")
        echo(f"{t.id:>5}  {t.size:>7,}  {t.status:<11} {indent}{t.label}{flags}")
        pad = " " * (26 + len(indent))
        echo(f"{pad}{', '.join(t.keywords[:8])}")
        for q in t.quotes[:2 if indent else 3]:
            echo(f"{pad}\u201c{' '.join(privacy.text(texts.get(q, '')).split())[:90]}\u201d")  # redacted before cut

    for top, subs in as_tree(rows):
        line(top, "")
        for sub in subs:
            line(sub, "  \u2514 ")
    echo(f"{'':>5}  {unassigned:>7,}  {'':<11} (unassigned)")


@cli.command()
@_W
@click.option("--jsonl", "as_jsonl", is_flag=True, help="One JSON object per line.")
@click.option("--theme", "theme_id", type=int, help="Only the items of this theme (and of its sub-themes).")
@click.option("--unassigned", is_flag=True, help="Only items in no theme.")
@click.option("--cleaned", is_flag=True, help="Add the cleaned text that analysis reads (`clean_text`).")
@click.option("--limit", type=int, help="At most this many items.")
def items(workspace, as_jsonl, theme_id, unassigned, cleaned, limit):
    """List items with their theme and its top-level theme (null before analysis or when unassigned)."""
    from ..store import themes as tq

    with existing(workspace) as ws:
        if theme_id is not None and tq.get_theme(ws.conn, theme_id) is None:
            fail(f"no theme {theme_id}")
        clean = None
        if cleaned:
            from analysis.text_clean import clean_corpus

            from ..services.analysis import analysis_rows

            rows = analysis_rows(ws.conn)  # redacted as analysis reads it
            clean = dict(zip((r[0] for r in rows), clean_corpus([r[1:] for r in rows])))
        privacy = redactor()
        for n, summary in enumerate(tq.iter_items_with_themes(ws.conn, theme_id=theme_id, unassigned=unassigned)):
            if limit is not None and n >= limit:
                break
            item = summary.as_json()
            if clean is not None:
                item["clean_text"] = clean.get(summary.id)
            item = privacy.value(item)  # the one redaction decision (issue 16); ids and dates kept
            if as_jsonl:
                click.echo(json.dumps(item, ensure_ascii=False))
            else:
                text = (item["title"] + ": " if item["title"] else "") + item["text"]
                click.echo(f"{item['id']:>8}  {str(item['theme_id'] or '-'):>5}  {' '.join(text.split())[:100]}")


@cli.group()
def theme():
    """Edit themes: rename, merge, split, move items, move a sub-theme, hide (each can be undone)."""


def _edit(workspace: str, fn, *args, as_json: bool = False, **kwargs) -> None:
    from ..services.theme_edits import EditError

    with existing(workspace) as ws:
        try:
            result = fn(ws, *args, **kwargs)
        except EditError as exc:
            fail(str(exc))
    if as_json:
        print_json(result)
    else:
        echo(result["summary"])


_JSON = json_option("Print the result as JSON.")


@theme.command("rename")
@click.argument("theme_id", type=int)
@click.argument("label")
@_W
@_JSON
def theme_rename(theme_id, label, workspace, as_json):
    """Give a theme a new label (analysis will not change it again)."""
    from ..services.theme_edits import rename

    _edit(workspace, rename, theme_id, label, as_json=as_json)


@theme.command("merge")
@click.argument("theme_ids", nargs=-1, required=True, type=int)
@click.option("--into", "target", required=True, type=int, help="The theme that receives the items.")
@_W
@_JSON
def theme_merge(theme_ids, target, workspace, as_json):
    """Merge themes into another one."""
    from ..services.theme_edits import merge

    _edit(workspace, merge, list(theme_ids), target, as_json=as_json)


@theme.command("split")
@click.argument("theme_id", type=int)
@click.option("--parts", type=int, help="Number of parts (default: chosen from the data).")
@click.option("--seed", default=42, show_default=True, type=int)
@click.option("--apply", "apply_", is_flag=True, help="Apply the split; without it, only show the preview.")
@_W
@_JSON
def theme_split(theme_id, parts, seed, apply_, workspace, as_json):
    """Re-cluster one theme into parts: preview first, then --apply the same split."""
    from ..services.theme_edits import EditError, split, split_preview
    from ..store import themes as tq

    with existing(workspace) as ws:
        try:
            if apply_:
                result = split(ws, theme_id, parts, seed)
            else:
                preview = split_preview(ws, theme_id, parts, seed)
                privacy = redactor()  # redacted before the quotes are cut: a cut address is no longer found
                texts = {i: privacy.text(row[3] or "")
                         for i, row in tq.items_by_id(ws.conn, [q for p in preview for q in p.quotes]).items()}
                result = {"theme_id": theme_id, "preview": True, "parts": [p.as_json(texts) for p in preview],
                          "summary": f"theme {theme_id} would split into {len(preview)} parts (add --apply to do it)"}
        except EditError as exc:
            fail(str(exc))
    if as_json:
        print_json(result)
        return
    echo(result["summary"])
    for i, part in enumerate(result.get("parts", [])):
        echo(f"  part {i + 1}: {part['size']:,} items - {part['label']} ({', '.join(part['keywords'][:6])})")
        for q in part["quotes"][:2]:
            echo(f"      \u201c{' '.join(q['text'].split())[:90]}\u201d")


@theme.command("move")
@click.argument("item_ids", nargs=-1, required=True, type=int)
@click.option("--to", "target", required=True, help="Theme id, or 'none' for the unassigned group.")
@_W
@_JSON
def theme_move(item_ids, target, workspace, as_json):
    """Move items into a theme (analysis keeps them there)."""
    from ..services.theme_edits import move_items

    if target.lower() in ("none", "unassigned"):
        theme_id = None
    else:
        try:
            theme_id = int(target)
        except ValueError:
            fail(f"--to takes a theme id or 'none', not {target!r}")
    _edit(workspace, move_items, list(item_ids), theme_id, as_json=as_json)


@theme.command("parent")
@click.argument("theme_id", type=int)
@click.option("--to", "target", required=True, help="A top-level theme's id, or 'none' to make it a top-level theme.")
@_W
@_JSON
def theme_parent(theme_id, target, workspace, as_json):
    """Move a theme under another top-level theme (analysis keeps it there)."""
    from ..services.theme_edits import set_parent

    parent_id = None
    if target.lower() not in ("none", "top"):
        try:
            parent_id = int(target)
        except ValueError:
            fail(f"--to takes a theme id or 'none', not {target!r}")
    _edit(workspace, set_parent, theme_id, parent_id, as_json=as_json)


@theme.command("hide")
@click.argument("theme_id", type=int)
@click.option("--unhide", is_flag=True, help="Show the theme again.")
@_W
@_JSON
def theme_hide(theme_id, unhide, workspace, as_json):
    """Hide a theme from the list (its items stay in it)."""
    from ..services.theme_edits import hide

    _edit(workspace, hide, theme_id, not unhide, as_json=as_json)


@cli.command()
@_W
@_JSON
def undo(workspace, as_json):
    """Undo the last theme edit."""
    from ..services import theme_edits

    _edit(workspace, theme_edits.undo, as_json=as_json)


@cli.command()
@_W
@_JSON
def redo(workspace, as_json):
    """Redo the theme edit undone last."""
    from ..services import theme_edits

    _edit(workspace, theme_edits.redo, as_json=as_json)
