"""Default mapping of source states onto the one workflow (docs: metrics.md, Resolution status).

A source state is written ``state`` or ``state/resolution`` in lower case, e.g. ``closed/not_planned``
(GitHub) or ``resolved/won't fix`` (Jira). The workspace may override any entry (issue: triage metrics);
this module holds the documented defaults.
"""
from __future__ import annotations

from .domain import STATUSES

DEFAULT_MAPPING: dict[str, dict[str, str]] = {
    "github": {
        "open": "new",
        "open/reopened": "triaged",
        "closed": "resolved",
        "closed/completed": "resolved",
        "closed/not_planned": "won't fix",
        "closed/duplicate": "duplicate",
        "closed/reopened": "resolved",
    },
    "gitlab": {"opened": "new", "open": "new", "closed": "resolved"},
    "jira": {
        "open": "new", "to do": "new", "backlog": "new", "new": "new", "reopened": "triaged",
        "triage": "triaged", "waiting for support": "triaged", "waiting for customer": "in progress",
        "selected for development": "planned", "planned": "planned", "in progress": "in progress",
        "in review": "in progress", "resolved": "resolved", "done": "resolved", "closed": "resolved",
        "won't fix": "won't fix", "won't do": "won't fix", "wontfix": "won't fix", "declined": "won't fix",
        "cannot reproduce": "won't fix", "duplicate": "duplicate",
        # Spanish exports
        "abierta": "new", "abierto": "new", "tareas por hacer": "new", "en curso": "in progress",
        "en progreso": "in progress", "resuelta": "resolved", "cerrada": "resolved", "listo": "resolved",
        "finalizada": "resolved",
        # Jira resolutions (outrank the bare status) and their Spanish names
        "fixed": "resolved", "not a problem": "won't fix", "invalid": "won't fix", "incomplete": "won't fix",
        "obsolete": "won't fix", "won't implement": "won't fix",
        "esperando por el cliente": "in progress", "esperando al cliente": "in progress",
        "esperando por soporte": "triaged", "esperando soporte": "triaged", "hecho": "resolved",
        "no se hará": "won't fix", "no se corregirá": "won't fix", "duplicado": "duplicate", "duplicada": "duplicate",
        "no se puede reproducir": "won't fix",
    },
    "zendesk": {
        "new": "new", "open": "triaged", "pending": "in progress", "hold": "in progress",
        "solved": "resolved", "closed": "resolved",
    },
    "complaints": {
        "in progress": "in progress", "closed": "resolved", "closed with explanation": "resolved",
        "closed with monetary relief": "resolved", "closed with non-monetary relief": "resolved",
        "closed with relief": "resolved", "closed without relief": "resolved", "untimely response": "triaged",
    },
}


def map_state(family: str, state: str | None, resolution: str | None = None) -> str:
    """The workflow status for a source state; unknown states map to ``new``.

    A resolution, where the source has one (Jira "Won't Fix", GitHub ``state_reason``), outranks
    the bare state: a closed issue resolved as duplicate is ``duplicate``.
    """
    table = DEFAULT_MAPPING.get(family, {})
    state_key = (state or "").strip().lower()
    res_key = (resolution or "").strip().lower()
    if res_key:
        for key in (f"{state_key}/{res_key}", res_key):
            if key in table:
                return table[key]
    status = table.get(state_key, "new")
    assert status in STATUSES
    return status


def source_state(state: str | None, resolution: str | None = None) -> str | None:
    if not state:
        return None
    state = state.strip().lower()
    return f"{state}/{resolution.strip().lower()}" if resolution and resolution.strip() else state
