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
    # developer-community sources: an accepted answer or a solution resolves; answers alone do not
    "stackexchange": {"open": "new", "answered": "new", "accepted": "resolved", "closed": "won't fix"},
    "discourse": {"open": "new", "solved": "resolved", "closed": "resolved", "archived": "resolved"},
    "github_discussions": {
        "open": "new", "open/reopened": "triaged", "answered": "resolved", "closed": "resolved",
        "closed/resolved": "resolved", "closed/outdated": "won't fix", "closed/duplicate": "duplicate",
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


# -- per-workspace mapping (issue: triage metrics) ---------------------------------------------
#: Which mapping family each importer's states belong to.
FAMILIES: dict[str, str] = {
    "github": "github", "github_cli": "github", "gitlab": "gitlab", "jira": "jira", "zendesk": "zendesk",
    "complaints": "complaints",
}


def family_of(source_format: str) -> str:
    return FAMILIES.get(source_format, source_format)


def effective_mapping(overrides: dict[str, dict[str, str]] | None = None) -> dict[str, dict[str, str]]:
    """The defaults with a workspace's overrides (``{family: {state: status}}``) laid over them."""
    merged = {family: dict(table) for family, table in DEFAULT_MAPPING.items()}
    for family, table in (overrides or {}).items():
        merged.setdefault(family, {}).update({k.strip().lower(): v for k, v in table.items()})
    return merged


def check_override(family: str, state: str, status: str) -> tuple[str, str, str]:
    """Validated (family, state key, status) for one mapping entry; ValueError says what is wrong."""
    family, state = family.strip().lower(), state.strip().lower()
    if not family or not state:
        raise ValueError("a mapping entry needs a source family and a state, e.g. github:closed/not_planned")
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}; the workflow is: {', '.join(STATUSES)}")
    return family, state, status


def map_stored_state(source_format: str, stored: str | None, mapping: dict[str, dict[str, str]]) -> str | None:
    """The status for a stored ``state`` or ``state/resolution`` under ``mapping``; None when the
    mapping does not know the state (the item keeps the status it has)."""
    if not stored:
        return None
    table = mapping.get(family_of(source_format), {})
    if stored in table:
        return table[stored]
    state, _, resolution = stored.partition("/")
    if resolution and resolution in table:
        return table[resolution]
    return table.get(state)
