"""Resolution status of items and themes: one workflow, every change kept in history.

Targets are written ``12`` / ``i12`` / ``item:12`` for an item and ``t12`` / ``theme:12`` for a
theme. The mapping of source states onto the workflow (statuses.DEFAULT_MAPPING) can be overridden
per workspace; ``apply_mapping`` re-maps the items whose status came from their source (a status a
user set is never undone).
"""
from __future__ import annotations

import re
import sqlite3
from typing import Any

from .. import statuses
from ..domain import STATUSES
from ..store import metrics_queries as mq
from ..store import settings
from ..store import statuses as sq
from ..store.queries import transaction

MAPPING_KEY = "setting:status_mapping"
_TARGET = re.compile(r"^\s*(?:(item|theme|i|t)\s*:?\s*)?#?(\d+)\s*$", re.IGNORECASE)


class StatusError(ValueError):
    """Bad input: unknown status, target or mapping entry (the message says which)."""


def parse_target(target: str) -> tuple[str, int]:
    """``("item", 12)`` or ``("theme", 3)`` from ``12``, ``i12``, ``item:12``, ``t3``, ``theme:3``."""
    m = _TARGET.match(str(target))
    if not m:
        raise StatusError(f"{target!r} is not an item or theme id (write 12 or item:12 for an item, t3 or theme:3 for a theme)")
    kind = (m.group(1) or "item").lower()
    return ("theme" if kind.startswith("t") else "item"), int(m.group(2))


def normalise_status(value: str) -> str:
    v = value.strip().lower().replace("_", " ").replace("-", " ")
    v = {"wont fix": "won't fix", "in-progress": "in progress", "inprogress": "in progress"}.get(v, v)
    if v not in STATUSES:
        raise StatusError(f"unknown status {value!r}; the workflow is: {', '.join(STATUSES)}")
    return v


def set_status(conn: sqlite3.Connection, target: str, new_status: str, note: str | None = None,
               origin: str = "user", changed_at: str | None = None) -> dict[str, Any]:
    """Record a status change of an item or a theme (one transaction); returns the history row
    plus, for a theme, its roll-up."""
    kind, ident = parse_target(target)
    status = normalise_status(new_status)
    current = sq.item_status(conn, ident) if kind == "item" else sq.theme_status(conn, ident)
    if current is None:
        raise StatusError(f"no {kind} with id {ident}")
    with transaction(conn):
        row = sq.record_status(conn, new_status=status, note=note, origin=origin, changed_at=changed_at,
                               **({"item_id": ident} if kind == "item" else {"theme_id": ident}))
        if kind == "theme" and origin == "user" and status != current:  # undoable like every theme edit
            from .theme_edits import record_edit

            from ..store import themes as tq

            label = (tq.get_theme(conn, ident) or {}).get("label", f"#{ident}")
            record_edit(conn, "status", {"themes": {str(ident): {"status": current}}},
                        {"themes": {str(ident): {"status": status}}},
                        summary=f"set the status of theme {ident} from {current!r} to {status!r}",
                        what={"kind": "status", "themes": [label], "from": current, "to": status})
    row["target"] = f"{kind}:{ident}"
    if kind == "theme":
        row.update({k: v for k, v in mq.theme_rollup(conn).get(ident, {}).items() if k.startswith("items_")})
    return row


def set_statuses(conn: sqlite3.Connection, targets: list[str], new_status: str, note: str | None = None) -> int:
    """The same status change for many items or themes (a selection) in one transaction: all or
    none; returns how many were changed."""
    with transaction(conn):
        for target in targets:
            set_status(conn, target, new_status, note)
    return len(targets)


def history(conn: sqlite3.Connection, target: str) -> list[dict[str, Any]]:
    kind, ident = parse_target(target)
    return sq.status_history(conn, **({"item_id": ident} if kind == "item" else {"theme_id": ident}))


def theme_progress(conn: sqlite3.Connection) -> dict[int, dict[str, Any]]:
    """{theme id: {label, status, items_resolved, items_total, progress}} e.g. "31 of 40 linked items closed"."""
    out = mq.theme_rollup(conn)
    for row in out.values():
        row["progress"] = f"{row['items_resolved']} of {row['items_total']} linked items closed"
    return out


# -- the source-state mapping -----------------------------------------------------------------
def overrides(conn: sqlite3.Connection) -> dict[str, dict[str, str]]:
    return settings.get_value(conn, MAPPING_KEY, {}) or {}


def mapping(conn: sqlite3.Connection) -> dict[str, dict[str, str]]:
    """The mapping in force in this workspace: defaults with its overrides."""
    return statuses.effective_mapping(overrides(conn))


def mapping_table(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every source state in the workspace with the status it maps to, for showing and editing."""
    table = mapping(conn)
    custom = overrides(conn)
    rows = []
    for fmt, state, status, count in sq.source_states(conn):
        family = statuses.family_of(fmt)
        rows.append({"source_format": fmt, "family": family, "source_state": state,
                     "maps_to": statuses.map_stored_state(fmt, state, table), "items": count,
                     "overridden": state in custom.get(family, {})})
    return rows


def set_mapping(conn: sqlite3.Connection, family: str, state: str, status: str | None) -> dict[str, Any]:
    """Override (or with ``status=None`` reset to the default) how one source state maps."""
    custom = overrides(conn)
    try:
        if status is None:
            family, state = family.strip().lower(), state.strip().lower()
            custom.get(family, {}).pop(state, None)
        else:
            family, state, status = statuses.check_override(family, state, normalise_status(status))
            custom.setdefault(family, {})[state] = status
    except ValueError as exc:
        raise StatusError(str(exc)) from exc
    custom = {f: t for f, t in custom.items() if t}
    with transaction(conn):
        settings.put_value(conn, MAPPING_KEY, custom)
    return custom


def apply_mapping(conn: sqlite3.Connection) -> int:
    """Re-map every item whose status came from its source state; each change is kept in history
    (origin ``import``, note ``status mapping``). Returns the number of items changed."""
    if not overrides(conn):
        return 0  # imports map with the defaults already
    table = mapping(conn)
    changed = 0
    with transaction(conn):
        for item_id, fmt, state, status in sq.remap_candidates(conn):
            new = statuses.map_stored_state(fmt, state, table)
            if new is not None and new != status:
                sq.record_status(conn, item_id=item_id, new_status=new, origin="import", note="status mapping")
                changed += 1
    return changed
