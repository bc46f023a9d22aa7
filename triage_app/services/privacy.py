"""The redaction option: what others call before showing, embedding or exporting feedback text,
and the passes that redact (or restore) the text stored in a workspace.

Defaults (docs/schema.md, ``pii_originals``): briefings and exports are redacted; text fed to the
embedding model is redacted (an e-mail address says nothing about a theme); what the app shows is
not; the stored text is left as imported unless the user turns ``redact_stored`` on, and the
originals are then kept only if the user also turns ``keep_originals`` on.

One decision for every output (issue 16): text that leaves the store for a person or a file — CLI
text and JSON, exports, briefings, the app's views — goes through a :class:`Redactor` from
:func:`output_redactor`, which follows the workspace setting (``redact_exports`` for what leaves
the app, ``redact_display`` for the app's views) unless the user explicitly opts out
(``--no-redact``) or in (``--redact``)::

    r = output_redactor(load_settings(ws.conn), override=None)  # None: the workspace setting
    print(json.dumps(r.value(rows)))  # strings redacted, identifiers and dates kept
    cell = r.text(item["text"])
"""
from __future__ import annotations

import json
import re
import time
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Generator

from analysis.pii import KINDS, KINDS_V1, redact

from ..domain import CancelToken, Progress
from ..store import privacy_queries as pq
from ..store import queries
from ..store.settings import get_setting, put_setting

BATCH = 2_000


@dataclass
class PrivacySettings:
    redact_exports: bool = True  # briefings and every export
    redact_display: bool = False  # the app's own views
    redact_embedding: bool = True  # text given to the embedding model
    redact_stored: bool = False  # rewrite the text in the workspace (imports included)
    keep_originals: bool = False  # with redact_stored: keep the originals, restorable
    kinds: tuple[str, ...] = field(default=KINDS)  # which kinds of personal data

    def to_json(self) -> dict:
        data = asdict(self)
        data["kinds"] = list(self.kinds)
        return data

    @classmethod
    def from_json(cls, data: dict) -> "PrivacySettings":
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        kinds = tuple(k for k in values.get("kinds", KINDS) if k in KINDS)
        if set(kinds) == set(KINDS_V1):  # saved before names, addresses, IDs... were found: all of them now
            kinds = KINDS
        values["kinds"] = kinds
        for name in known - {"kinds"}:
            if name in values:
                values[name] = bool(values[name])
        return cls(**values)


def load_settings(conn) -> PrivacySettings:
    return PrivacySettings.from_json(get_setting(conn, "privacy"))


def save_settings(conn, settings: PrivacySettings) -> None:
    """Save the settings. Turning ``keep_originals`` off forgets every kept original (at once,
    in the same transaction): that is the user's choice that the originals must not stay."""
    with queries.transaction(conn):
        put_setting(conn, "privacy", settings.to_json())
        if not settings.keep_originals:
            pq.forget_originals(conn)


# -- text for a purpose ----------------------------------------------------------------------
def redact_for_display(text: str | None, settings: PrivacySettings) -> str | None:
    return output_redactor(settings, display=True).text(text)


def redact_for_export(text: str | None, settings: PrivacySettings) -> str | None:
    """For briefings, CSV/XLSX/PPTX exports: redacted unless the user turned it off."""
    return output_redactor(settings).text(text)


_RETWEETS = re.compile(r"^(?:\s*(?:RT\s*)?\[HANDLE\]\s*:\s*)+")
_LEADING_HANDLES = re.compile(r"^[\s.'\"“]*(?:\[HANDLE\][\s,:]*)+")
_TRAILING = re.compile(r"(?:\s*(?:\[HANDLE\]|https?://\S+|\bvia\b))+[\s.]*$")


def readable_quote(text: str | None) -> str | None:
    """A redacted quote as a sentence: the @handles a post starts or ends with (they address people,
    they say nothing), a retweet's "RT [HANDLE]:" and trailing links go; a handle inside a sentence
    reads "@…". "[HANDLE] [HANDLE] my phone does it. Thanks [HANDLE]" -> "my phone does it. Thanks".
    The text itself when nothing would be left."""
    if not text or "[HANDLE]" not in text and "http" not in text:
        return text
    out = _TRAILING.sub("", _LEADING_HANDLES.sub("", _RETWEETS.sub("", text, count=1))).strip()
    out = out.replace("[HANDLE]", "@…")
    return out if len(out) >= 3 else text


def redact_for_embedding(text: str | None, settings: PrivacySettings) -> str | None:
    return redact(text, settings.kinds) if settings.redact_embedding else text


# JSON keys whose values are identifiers, codes, dates or numbers-as-text, never free text: kept
# as they are so that scripts can still join on them.
STRUCTURAL_KEYS = frozenset({
    "id", "item_id", "theme_id", "external_id", "parent_id", "merged_into", "source_format", "format", "status",
    "old_status", "new_status", "created_at", "updated_at", "closed_at", "first_created", "last_created", "period",
    "as_of", "by", "start", "end", "model", "mode", "encoding", "kinds", "level", "schema_version", "scheme",
    "family", "source_state", "maps_to", "date", "lang", "sentiment", "sentiment_method", "hidden",
})


@dataclass(frozen=True)
class Redactor:
    """The redaction decision for one output: ``on`` and which kinds."""

    on: bool
    kinds: tuple[str, ...] = KINDS

    def text(self, text: str | None) -> str | None:
        return redact(text, self.kinds) if self.on and self.kinds else text

    def value(self, value: Any) -> Any:
        """JSON-like data with every free-text string redacted (keys and STRUCTURAL_KEYS' values kept)."""
        if not self.on or not self.kinds:
            return value
        return _walk(value, self.kinds)


def _walk(value: Any, kinds) -> Any:
    if isinstance(value, str):
        return redact(value, kinds)
    if isinstance(value, (list, tuple)):
        return [_walk(v, kinds) for v in value]
    if isinstance(value, dict):
        return {k: (v if k in STRUCTURAL_KEYS and not isinstance(v, (dict, list)) else _walk(v, kinds))
                for k, v in value.items()}
    return value


def output_redactor(settings: PrivacySettings, override: bool | None = None, *, display: bool = False) -> Redactor:
    """The one redaction decision for text leaving the store: ``override`` (True: --redact, False:
    --no-redact) wins; otherwise the workspace setting for exports and the CLI (``redact_exports``,
    on by default) or, with ``display``, for the app's own views (``redact_display``)."""
    on = override if override is not None else (settings.redact_display if display else settings.redact_exports)
    return Redactor(bool(on), tuple(settings.kinds))


def redact_value(value: Any, kinds=KINDS) -> Any:
    """Strings redacted; lists and dicts walked (keys kept); anything else unchanged."""
    if isinstance(value, str):
        return redact(value, kinds)
    if isinstance(value, list):
        return [redact_value(v, kinds) for v in value]
    if isinstance(value, dict):
        return {k: redact_value(v, kinds) for k, v in value.items()}
    return value


def _redact_json(text: str | None, kinds) -> str | None:
    if not text or text in ("{}", "[]"):
        return text
    try:
        data = json.loads(text)
    except ValueError:
        return redact(text, kinds)
    new = redact_value(data, kinds)
    return text if new == data else json.dumps(new, ensure_ascii=False)


# -- the stored text ---------------------------------------------------------------------------
@dataclass
class RedactionResult:
    items: int = 0  # items whose stored text changed
    events: int = 0
    respondents: int = 0
    originals_kept: int = 0
    seconds: float = 0.0


def _redact_items(conn, rows: list[tuple], settings: PrivacySettings, result: RedactionResult,
                  *, reindex: bool, replace: bool) -> None:
    kinds = settings.kinds
    if replace:  # rows an import has just rewritten: their old originals are out of date
        pq.drop_originals(conn, "item", [r[0] for r in rows])
    updates, old_index, kept = [], [], []
    for item_id, title, text, author, attributes in rows:
        new = (redact(title, kinds), redact(text, kinds), redact(author, kinds), _redact_json(attributes, kinds))
        old = (title, text, author, attributes)
        if new == old:
            continue
        updates.append(new + (item_id,))
        if reindex and (new[0], new[1]) != (title, text):
            old_index.append((item_id, title, text))
        if settings.keep_originals:
            kept += [("item", item_id, f, o) for f, o, n in zip(pq.ITEM_FIELDS, old, new) if o != n]
    if reindex:
        changed_text = {i for i, _, _ in old_index}
        pq.update_items(conn, [u for u in updates if u[4] not in changed_text])
        pq.update_items(conn, [u for u in updates if u[4] in changed_text], old_for_search=old_index)
    else:
        pq.update_items(conn, updates)
    result.items += len(updates)
    events = pq.events_of_items(conn, [r[0] for r in rows])
    event_updates = []
    for event_id, body, author in events:
        new_event = (redact(body, kinds), redact(author, kinds))
        if new_event != (body, author):
            event_updates.append(new_event + (event_id,))
            if settings.keep_originals:
                kept += [("event", event_id, f, o) for f, o, n in zip(pq.EVENT_FIELDS, (body, author), new_event) if o != n]
    pq.update_events(conn, event_updates)
    result.events += len(event_updates)
    if kept:
        pq.keep_originals(conn, kept)
        result.originals_kept += len(kept)


def _redact_respondents(conn, rows: list[tuple], settings: PrivacySettings, result: RedactionResult,
                        *, replace: bool) -> None:
    if replace:
        pq.drop_originals(conn, "respondent", [r[0] for r in rows])
    updates, kept = [], []
    for rid, attributes in rows:
        new = _redact_json(attributes, settings.kinds)
        if new != attributes:
            updates.append((new, rid))
            if settings.keep_originals:
                kept.append(("respondent", rid, "attributes", attributes))
    pq.update_respondents(conn, updates)
    result.respondents += len(updates)
    if kept:
        pq.keep_originals(conn, kept)
        result.originals_kept += len(kept)


def redact_import(conn, import_id: int) -> Generator[tuple[int, int], None, None]:
    """Called by the import service inside its transaction, before the full-text indexing: when
    ``redact_stored`` is on, redact what this import added or changed; yields (done, total)."""
    settings = load_settings(conn)
    if not settings.redact_stored:
        return
    result = RedactionResult()
    last = 0
    while rows := pq.respondent_batch(conn, last, BATCH, import_id):
        _redact_respondents(conn, rows, settings, result, replace=True)
        last = rows[-1][0]
    total, done, last = pq.count_items(conn, import_id), 0, 0
    yield 0, total
    while rows := pq.item_batch(conn, last, BATCH, import_id):
        # Not indexed yet (the import indexes these rows afterwards): no search update here.
        _redact_items(conn, rows, settings, result, reindex=False, replace=True)
        last, done = rows[-1][0], done + len(rows)
        yield done, total


def redact_workspace(ws, cancel: CancelToken | None = None,
                     settings: PrivacySettings | None = None) -> Generator[Progress, None, RedactionResult]:
    """Redact every stored item, event and respondent in one transaction (all or nothing).

    Used when the user turns ``redact_stored`` on for a workspace that already holds feedback.
    """
    cancel = cancel or CancelToken()
    started = time.perf_counter()
    conn = ws.conn
    settings = settings or load_settings(conn)
    result = RedactionResult()
    total = pq.count_items(conn)
    yield Progress("redacting", 0, total, "personal data")
    with queries.transaction(conn):
        last = 0
        while rows := pq.respondent_batch(conn, last, BATCH):
            _redact_respondents(conn, rows, settings, result, replace=False)
            last = rows[-1][0]
            cancel.raise_if_cancelled()
        done, last = 0, 0
        while rows := pq.item_batch(conn, last, BATCH):
            _redact_items(conn, rows, settings, result, reindex=True, replace=False)
            last, done = rows[-1][0], done + len(rows)
            cancel.raise_if_cancelled()
            yield Progress("redacting", done, total, "personal data")
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def restore_originals(ws) -> int:
    """Put the kept originals back into the stored text (and forget them); returns fields restored."""
    with queries.transaction(ws.conn):
        return pq.restore_originals(ws.conn)


def originals_of_item(ws, item_id: int) -> dict[str, str]:
    """The kept originals of one item's fields ({} when none were kept)."""
    return pq.originals(ws.conn, "item", item_id)
