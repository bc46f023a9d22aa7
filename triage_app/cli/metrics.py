"""Commands of the metrics area:
``metrics``, ``status``, ``status-map``, ``priority``, ``sentiment``."""
from __future__ import annotations

import click

from .common import echo, existing, fail, json_option, print_json, run_service, workspace_option
from .group import cli

_BY = click.Choice(["all", "day", "week", "month", "quarter"])


def _pairs(values, what: str, sep: str = "=") -> list[tuple[str, str]]:
    out = []
    for v in values:
        key, found, value = v.partition(sep)
        if not found or not key.strip() or not value.strip():
            fail(f"{what} takes KEY{sep}VALUE, not {v!r}")
        out.append((key.strip(), value.strip()))
    return out


def _days(seconds) -> str:
    return "-" if seconds is None else f"{seconds / 86400:.1f} d"


@cli.command()
@workspace_option()
@click.option("--by", "by", type=_BY, default="all", show_default=True, help="Period of each row.")
@click.option("--theme", "theme_id", type=int, help="Only feedback in this theme (adds its impact on NPS/CSAT).")
@click.option("--source", help="Only this source: an importer name (github, zendesk...) or a source (owner/repo, survey).")
@click.option("--segment", help="Only answers whose attribute KEY has VALUE, e.g. --segment plan=team.")
@click.option("--ignore-user", "ignore_users", multiple=True, metavar="LOGIN",
              help="Comments by this user are not responses (repeat, or comma-separate).")
@click.option("--as-of", "as_of", help="Report time for open items (ISO 8601; default now).")
@json_option("Print as JSON.")
def metrics(workspace, by, theme_id, source, segment, ignore_users, as_of, as_json):
    """NPS, CSAT, CES, star ratings, time to first response, time to close and open age, per period."""
    from analysis.periods import to_epoch
    from ..services.metrics import MetricsRequest, metrics_job

    seg = _pairs([segment], "--segment")[0] if segment else None
    users = tuple(u.strip() for v in ignore_users for u in v.split(",") if u.strip())
    if as_of:
        try:
            to_epoch(as_of)
        except ValueError:
            fail(f"--as-of {as_of!r} is not an ISO 8601 time")
    request = MetricsRequest(by=by, source=source, theme_id=theme_id, segment=seg, ignore_users=users, as_of=as_of)
    with existing(workspace) as ws:
        if theme_id is not None:
            from ..store.statuses import theme_status

            if theme_status(ws.conn, theme_id) is None:
                fail(f"no theme with id {theme_id}")
        data = run_service(metrics_job(ws.conn, request), "cancelled")
    if as_json:
        print_json(data)
        return
    _print_metrics(data)


def _print_metrics(data: dict) -> None:
    echo(f"as of {data['as_of']}, by {data['by']}")
    for key, name in (("nps", "NPS"), ("csat", "CSAT (top-2-box)"), ("ces", "CES (1-7 mean)"), ("rating", "rating (mean)")):
        rows = [r for r in data[key] if r["n"]]
        if not rows:
            continue
        echo(f"{name}:")
        for r in rows:
            flag = "  significant change" if r.get("significant") else ""
            echo(f"  {r['period']:<10} n={r['n']:<8,} {r['value']:8.1f}  [{r['low'] if r['low'] is None else round(r['low'], 1)}, "
                       f"{r['high'] if r['high'] is None else round(r['high'], 1)}]{flag}")
    for key, name in (("response_time", "time to first response"), ("time_to_close", "time to close"), ("open_age", "open age")):
        if not any(r["n"] or r["waiting"] for r in data[key]):
            continue
        echo(f"{name}:")
        for r in data[key]:
            unknown = f" ({r['unknown']:,} more with comments the export does not hold)" if r.get("unknown") else ""
            echo(f"  {r['period']:<10} n={r['n']:<7,} waiting={r['waiting']:<7,} mean {_days(r['mean_s'])}, "
                       f"median {_days(r['median_s'])}, p90 {_days(r['p90_s'])}, Kaplan-Meier median "
                       f"{_days(r['km_median_s'])}{unknown}")
    for m in data["mass_closures"]:
        echo(f"mass closure: {m['count']:,} items closed {m['start']} .. {m['end']}")


@cli.command()
@click.argument("target", metavar="ITEM_OR_THEME_ID")
@click.argument("new_status")
@workspace_option()
@click.option("--note", help="Why (kept in the history).")
@json_option()
def status(target, new_status, workspace, note, as_json):
    """Record a status change of an item (12, item:12) or a theme (t3, theme:3).

    Statuses: new, triaged, planned, "in progress", resolved, "won't fix", duplicate.
    """
    from ..services.status import StatusError, set_status

    with existing(workspace) as ws:
        try:
            row = set_status(ws.conn, target, new_status, note)
        except StatusError as exc:
            fail(str(exc))
    if as_json:
        print_json(row)
        return
    extra = f" ({row['items_resolved']} of {row['items_total']} linked items closed)" if "items_total" in row else ""
    echo(f"{row['target']}: {row['old_status']} -> {row['new_status']}{extra}")


@cli.command("status-map")
@workspace_option()
@click.option("--set", "sets", multiple=True, metavar="FAMILY:STATE=STATUS",
              help='Override a mapping, e.g. --set "github:closed/not_planned=duplicate".')
@click.option("--reset", "resets", multiple=True, metavar="FAMILY:STATE", help="Back to the default mapping.")
@json_option()
def status_map(workspace, sets, resets, as_json):
    """Show (and edit) how the source states in this workspace map onto the workflow; edits re-map
    the items whose status came from their source."""
    from ..services.status import StatusError, apply_mapping, mapping_table, set_mapping

    with existing(workspace) as ws:
        try:
            for key, value in _pairs(sets, "--set"):
                family, found, state = key.partition(":")
                if not found:
                    fail(f"--set takes FAMILY:STATE=STATUS, not {key!r}")
                set_mapping(ws.conn, family, state, value)
            for key in resets:
                family, found, state = key.partition(":")
                if not found:
                    fail(f"--reset takes FAMILY:STATE, not {key!r}")
                set_mapping(ws.conn, family, state, None)
        except StatusError as exc:
            fail(str(exc))
        changed = apply_mapping(ws.conn) if (sets or resets) else 0
        rows = mapping_table(ws.conn)
    if as_json:
        print_json({"mapping": rows, "items_changed": changed})
        return
    for r in rows:
        mark = " (edited)" if r["overridden"] else ""
        echo(f"{r['source_format']:<12} {r['source_state']:<28} -> {str(r['maps_to']):<12} {r['items']:>8,}{mark}")
    if sets or resets:
        echo(f"{changed:,} items changed status")


@cli.command("priority")
@workspace_option()
@click.option("--scheme", type=click.Choice(["weighted", "rice"]), help="Scoring scheme (saved with the workspace).")
@click.option("--weight", "weights", multiple=True, metavar="FACTOR=WEIGHT", help="Set a factor's weight (saved).")
@click.option("--source-weight", "source_weights", multiple=True, metavar="FORMAT=WEIGHT",
              help="Weight of one source's items, e.g. zendesk=2 (saved).")
@click.option("--rice", "rice_inputs", multiple=True, metavar="THEME:FIELD=VALUE",
              help="RICE input of a theme: impact, confidence or effort, e.g. 3:effort=2 (saved).")
@json_option()
def priority_cmd(workspace, scheme, weights, source_weights, rice_inputs, as_json):
    """Rank themes by priority and show each factor's contribution; edit the weights."""
    from analysis.priority import FACTORS
    from ..services.metrics import save_priority_settings, theme_priorities, weights as saved_weights
    from ..services.status import theme_progress

    def number(key, value):
        try:
            return float(value)
        except ValueError:
            fail(f"{key}: {value!r} is not a number")

    w = {k: number(k, v) for k, v in _pairs(weights, "--weight")}
    unknown = set(w) - set(FACTORS)
    if unknown:
        fail(f"unknown factor(s) {', '.join(sorted(unknown))}; factors: {', '.join(FACTORS)}")
    sw = {k: number(k, v) for k, v in _pairs(source_weights, "--source-weight")}
    rice: dict[int, dict] = {}
    for key, value in _pairs(rice_inputs, "--rice"):
        theme, found, fld = key.partition(":")
        if not found or not theme.isdigit() or fld not in ("impact", "confidence", "effort"):
            fail(f"--rice takes THEME:impact|confidence|effort=VALUE, not {key!r}")
        rice.setdefault(int(theme), {})[fld] = number(key, value)
    with existing(workspace) as ws:
        try:
            if w or sw or scheme or rice:
                save_priority_settings(ws.conn, weights=w or None, source_weights=sw or None, scheme=scheme,
                                       rice_inputs=rice or None)
            scores = theme_priorities(ws.conn)
        except ValueError as exc:
            fail(str(exc))
        progress = theme_progress(ws.conn)
        used = saved_weights(ws.conn)
    from analysis.priority import mostly_praise, rank_key

    ranked = sorted(scores.items(), key=lambda kv: rank_key(kv[1]["priority"], kv[1].get("praise_share"),
                                                            theme_id=kv[0]))
    rows = [{"theme": tid, "label": progress.get(tid, {}).get("label"), "priority": s["priority"],
             "factors": s["factors"], "scheme": s["scheme"], "praise_share": s.get("praise_share", 0.0),
             "growth_note": s.get("growth_note")} for tid, s in ranked]
    if as_json:
        print_json({"weights": used, "themes": rows})
        return
    for r in rows:
        top = sorted(r["factors"].items(), key=lambda kv: -abs(kv[1]))[:3]
        praise = f"  (praise {r['praise_share']:.0%})" if mostly_praise(r["praise_share"]) else ""
        echo(f"{r['theme']:>5} {r['priority']:8.2f}  {(r['label'] or '')[:40]:<40} "
                   + ", ".join(f"{k} {v:g}" for k, v in top) + praise)
    note = next((r["growth_note"] for r in rows if r["growth_note"]), None)
    if note:
        span = "the items have no dates" if note["span_days"] is None else f"the data spans {note['span_days']:g} days"
        echo(f"growth is neutral: {span}; growth needs at least {note['needs_days']} days")


@cli.command()
@workspace_option()
@json_option()
def sentiment(workspace, as_json):
    """Score the sentiment and feedback type of every item not scored yet (a mapped column, then a
    rating or NPS answer, outrank the text model; texts never embedded are embedded and cached)."""
    from ..services.sentiment import score_items

    with existing(workspace) as ws:
        result = run_service(score_items(ws.conn), "cancelled; the items scored so far are kept")
    if as_json:
        print_json(result)
        return
    echo(f"{result['scored']:,} items scored")
    for key, count in result["counts"].items():
        echo(f"  {key:<24} {count:>10,}")
    echo("feedback types:")
    for key, count in result["types"].items():
        echo(f"  {key:<24} {count:>10,}")
