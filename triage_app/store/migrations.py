"""Versioned schema migrations: each is a named function applied in one transaction and recorded.

Never edit a released migration; add a new one. ``MIGRATIONS[i]`` takes the schema from
version ``i`` to ``i + 1``.
"""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from typing import Callable

SCHEMA_V1 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    file_path TEXT NOT NULL,
    format TEXT NOT NULL,
    encoding TEXT,
    content_hash TEXT NOT NULL,
    size_bytes INTEGER,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    added INTEGER NOT NULL DEFAULT 0,
    updated INTEGER NOT NULL DEFAULT 0,
    unchanged INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    respondents INTEGER NOT NULL DEFAULT 0,
    options TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE rejected_rows (
    id INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    row INTEGER,
    column_name TEXT,
    reason TEXT NOT NULL
);
CREATE INDEX rejected_rows_import ON rejected_rows(import_id);

CREATE TABLE respondents (
    id INTEGER PRIMARY KEY,
    source_format TEXT NOT NULL,
    external_id TEXT NOT NULL,
    submitted_at TEXT,
    nps REAL,
    csat REAL,
    ces REAL,
    rating REAL,
    attributes TEXT NOT NULL DEFAULT '{}',
    row_hash INTEGER NOT NULL,
    first_import_id INTEGER REFERENCES imports(id),
    last_import_id INTEGER REFERENCES imports(id),
    UNIQUE (source_format, external_id)
);

CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    source_format TEXT NOT NULL,
    external_id TEXT NOT NULL,
    source TEXT,
    created_at TEXT,
    updated_at TEXT,
    closed_at TEXT,
    author TEXT,
    author_is_bot INTEGER NOT NULL DEFAULT 0,
    respondent_id INTEGER REFERENCES respondents(id),
    question TEXT,
    title TEXT,
    text TEXT NOT NULL,
    source_state TEXT,
    status TEXT NOT NULL DEFAULT 'new',
    labels TEXT NOT NULL DEFAULT '[]',
    link TEXT,
    nps REAL,
    csat REAL,
    ces REAL,
    rating REAL,
    first_response_s REAL,
    attributes TEXT NOT NULL DEFAULT '{}',
    row_hash INTEGER NOT NULL,
    first_import_id INTEGER REFERENCES imports(id),
    last_import_id INTEGER REFERENCES imports(id),
    UNIQUE (source_format, external_id)
);
CREATE INDEX items_created ON items(created_at);
CREATE INDEX items_status ON items(status);
CREATE INDEX items_respondent ON items(respondent_id);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT 'comment',
    created_at TEXT,
    author TEXT,
    author_is_bot INTEGER NOT NULL DEFAULT 0,
    author_association TEXT,
    body TEXT
);
CREATE INDEX events_item ON events(item_id, created_at);

CREATE TABLE status_history (
    id INTEGER PRIMARY KEY,
    item_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
    theme_id INTEGER,
    old_status TEXT,
    new_status TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('user', 'import')),
    note TEXT,
    import_id INTEGER REFERENCES imports(id)
);
CREATE INDEX status_history_item ON status_history(item_id);

-- Full-text index over title and text. Contentless: the text lives in items. CJK characters
-- are indexed one per token (see store.search), so Chinese words of any length are found.
CREATE VIRTUAL TABLE items_fts USING fts5(title, text, content='', tokenize='unicode61 remove_diacritics 2');
"""


def _v1_initial(conn: sqlite3.Connection) -> None:
    for statement in _split_sql(SCHEMA_V1):
        conn.execute(statement)


def _split_sql(script: str) -> list[str]:
    """Split a schema script into statements (no statement here contains a ';' in a string)."""
    lines = [ln for ln in script.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


SCHEMA_V2 = """
CREATE TABLE analysis_runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    model TEXT NOT NULL,
    seed INTEGER,
    params TEXT NOT NULL DEFAULT '{}',
    summary TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE themes (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    label_edited INTEGER NOT NULL DEFAULT 0,
    keywords TEXT NOT NULL DEFAULT '[]',
    quotes TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'new',
    hidden INTEGER NOT NULL DEFAULT 0,
    parent_id INTEGER REFERENCES themes(id) ON DELETE SET NULL,
    merged_into INTEGER REFERENCES themes(id) ON DELETE SET NULL,
    centroid BLOB,
    size INTEGER NOT NULL DEFAULT 0,
    created_run_id INTEGER REFERENCES analysis_runs(id),
    updated_run_id INTEGER REFERENCES analysis_runs(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE item_themes (
    item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    theme_id INTEGER REFERENCES themes(id) ON DELETE SET NULL,
    probability REAL,
    origin TEXT NOT NULL DEFAULT 'model' CHECK (origin IN ('model', 'user')),
    run_id INTEGER REFERENCES analysis_runs(id)
);
CREATE INDEX item_themes_theme ON item_themes(theme_id);

CREATE TABLE embeddings (
    text_hash TEXT NOT NULL,
    model TEXT NOT NULL,
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (text_hash, model)
) WITHOUT ROWID;

CREATE TABLE edit_journal (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    action TEXT NOT NULL,
    payload TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX status_history_theme ON status_history(theme_id);
"""


def _v2_themes(conn: sqlite3.Connection) -> None:
    for statement in _split_sql(SCHEMA_V2):
        conn.execute(statement)


SCHEMA_V3 = """
CREATE TABLE pii_originals (
    id INTEGER PRIMARY KEY,
    item_id INTEGER REFERENCES items(id) ON DELETE CASCADE,
    event_id INTEGER REFERENCES events(id) ON DELETE CASCADE,
    respondent_id INTEGER REFERENCES respondents(id) ON DELETE CASCADE,
    field TEXT NOT NULL,
    original TEXT NOT NULL,
    redacted_at TEXT NOT NULL,
    CHECK ((item_id IS NOT NULL) + (event_id IS NOT NULL) + (respondent_id IS NOT NULL) = 1)
);
CREATE UNIQUE INDEX pii_originals_item ON pii_originals(item_id, field) WHERE item_id IS NOT NULL;
CREATE UNIQUE INDEX pii_originals_event ON pii_originals(event_id, field) WHERE event_id IS NOT NULL;
CREATE UNIQUE INDEX pii_originals_respondent ON pii_originals(respondent_id, field) WHERE respondent_id IS NOT NULL
"""


def _v3_pii_originals(conn: sqlite3.Connection) -> None:
    for statement in _split_sql(SCHEMA_V3):
        conn.execute(statement)


SCHEMA_V4_SENTIMENT = """
CREATE TABLE item_sentiment (
    item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    score REAL NOT NULL,
    label TEXT NOT NULL,
    method TEXT NOT NULL,
    row_hash INTEGER
)
"""


def _v4_sentiment(conn: sqlite3.Connection) -> None:
    for statement in _split_sql(SCHEMA_V4_SENTIMENT):
        conn.execute(statement)


def _feedback_type(conn: sqlite3.Connection) -> None:
    """Feedback type (problem, request, question, praise, other) in the sentiment cache; rows scored
    before have none, so the next scoring run scores them again with the current model."""
    for column in ("feedback_type TEXT", "type_score REAL", "type_method TEXT"):
        conn.execute(f"ALTER TABLE item_sentiment ADD COLUMN {column}")


def _v5_theme_parent_edited(conn: sqlite3.Connection) -> None:
    """Two levels of themes: a sub-theme a person moved to another top-level theme stays there."""
    conn.execute("ALTER TABLE themes ADD COLUMN parent_edited INTEGER NOT NULL DEFAULT 0")
    conn.execute("CREATE INDEX IF NOT EXISTS themes_parent ON themes(parent_id)")


def _redaction_cache(conn: sqlite3.Connection) -> None:
    """What the redaction before embedding made of each text (docs/schema.md, ``redaction_cache``)."""
    conn.execute("CREATE TABLE redaction_cache (key TEXT PRIMARY KEY, redacted TEXT) WITHOUT ROWID")


def _hidden_sub_theme_sizes(conn: sqlite3.Connection) -> None:
    """Data only: a top-level theme's stored size leaves out its hidden sub-themes' items
    (``theme_scope``); workspaces hidden in before counted them. The SQL of ``themes.refresh_sizes``
    at this schema, written out so that later changes there cannot change what this step did."""
    conn.execute("UPDATE themes SET size = (SELECT count(*) FROM item_themes WHERE item_themes.theme_id = themes.id)"
                 " + (SELECT count(*) FROM item_themes it JOIN themes c ON c.id = it.theme_id"
                 "    WHERE c.parent_id = themes.id AND c.merged_into IS NULL AND c.hidden = 0)"
                 " WHERE parent_id IS NULL AND id IN (SELECT parent_id FROM themes WHERE hidden = 1)")


MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [
    ("initial schema: imports, respondents, items, events, status history, full-text index", _v1_initial),
    ("themes: analysis runs, themes, item assignments, embedding cache, edit journal", _v2_themes),
    ("privacy: originals of redacted personal data, kept only when the user chooses", _v3_pii_originals),
    ("sentiment: cached sentiment per item", _v4_sentiment),
    ("feedback type: type per item beside its sentiment", _feedback_type),
    ("themes: two levels, a parent a person chose is kept", _v5_theme_parent_edited),
    ("redaction cache: texts redacted before embedding, so a re-run does not redact them again", _redaction_cache),
    ("themes: a hidden sub-theme's items leave its top-level theme's size (data only)", _hidden_sub_theme_sizes),
]

LATEST_VERSION = len(MIGRATIONS)


def latest_version() -> int:
    return len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def schema_snapshot(conn: sqlite3.Connection, kinds: tuple[str, ...] = ("table",)) -> tuple[int, set[str]]:
    """(schema version, names of the schema objects of ``kinds``) read in one transaction: read apart, another
    process committing a new schema between the two reads showed version 0 beside its tables ("not a workspace")."""
    marks = ",".join("?" * len(kinds))
    conn.execute("BEGIN")
    try:
        version = current_version(conn)
        names = {r[0] for r in conn.execute(f"SELECT name FROM sqlite_master WHERE type IN ({marks})", kinds)}
    finally:
        conn.execute("COMMIT")
    return version, names


def apply_pending(conn: sqlite3.Connection, target: int | None = None) -> list[str]:
    """Apply every migration above the file's version and return their names. Each is recorded in
    ``schema_migrations``; all pending ones run in one transaction, so a failure in any of them
    leaves the file exactly as it was (not half-way between two versions)."""
    applied = []
    target = latest_version() if target is None else target
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL)"
        )
        version = current_version(conn)
        while version < target:
            name, migrate = MIGRATIONS[version]
            migrate(conn)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version + 1, name, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
            conn.execute(f"PRAGMA user_version = {version + 1}")
            version += 1
            applied.append(name)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return applied
