"""SQL for themes: analysis runs, themes, item assignments, the embedding cache and the edit journal.

Schema in docs/schema.md (migration 2). ``item_themes`` has one row per analysed item; a row with
``origin='user'`` was set by a person and analysis never overwrites it (``write_model_assignments``
enforces that in SQL).
"""
from __future__ import annotations

import json
import sqlite3
from typing import Any, Iterable, Iterator, Sequence

from ..records import ItemSummary
from .queries import inserted_id, now_iso
from .theme_scope import rolled_child, sub_themes_of

_CHUNK = 900  # host parameters per IN (...)
_SCAN_FROM = 5_000  # cached_vectors: from this many texts, read the whole cache when they are most of it

THEME_COLUMNS = ("id", "label", "label_edited", "keywords", "quotes", "status", "hidden", "parent_id", "merged_into",
                 "size", "created_run_id", "updated_run_id", "created_at", "updated_at", "parent_edited")
_WRITABLE = set(THEME_COLUMNS) - {"id"} | {"centroid"}
_JSON_COLUMNS = ("keywords", "quotes")


def _chunks(values: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


# -- items as analysis reads them --------------------------------------------------------------
def items_for_analysis(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """``(id, source_format, source, title, text)`` of every item, by id."""
    return conn.execute("SELECT id, source_format, source, title, text FROM items ORDER BY id").fetchall()


def items_by_id(conn: sqlite3.Connection, item_ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """``id -> (source_format, source, title, text)``."""
    out: dict[int, tuple[Any, ...]] = {}
    for chunk in _chunks(list(item_ids)):
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(f"SELECT id, source_format, source, title, text FROM items WHERE id IN ({marks})",
                                chunk):
            out[row[0]] = row[1:]
    return out


def existing_item_ids(conn: sqlite3.Connection, item_ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(list(item_ids)):
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in conn.execute(f"SELECT id FROM items WHERE id IN ({marks})", chunk))
    return found


def iter_items_with_themes(conn: sqlite3.Connection, theme_id: int | None = None,
                           unassigned: bool = False) -> Iterator[ItemSummary]:
    """Every item with its theme, that theme's top-level theme, sentiment and feedback type
    (``records.ItemSummary``), by id. ``theme_id`` selects the items of a theme and of its sub-themes."""
    sql = ("SELECT i.id, i.external_id, i.source_format, i.source, i.created_at, i.title, i.text, i.status, i.rating,"
           " it.theme_id, t.label, it.origin, coalesce(p.id, t.id), coalesce(p.label, t.label),"
           " s.label, s.feedback_type"
           " FROM items i LEFT JOIN item_themes it ON it.item_id = i.id"
           " LEFT JOIN themes t ON t.id = it.theme_id LEFT JOIN themes p ON p.id = t.parent_id"
           " LEFT JOIN item_sentiment s ON s.item_id = i.id")
    args: tuple[Any, ...] = ()
    if theme_id is not None:
        sql += f" WHERE it.theme_id = ? OR (t.parent_id = ? AND {rolled_child('t')})"  # not a hidden sub-theme
        args = (theme_id, theme_id)
    elif unassigned:
        sql += " WHERE it.theme_id IS NULL"
    for row in conn.execute(sql + " ORDER BY i.id", args):
        yield ItemSummary(*row)  # the columns above, in the record's field order


# -- embedding cache -----------------------------------------------------------------------------
def cached_vectors(conn: sqlite3.Connection, model: str, hashes: Sequence[str]) -> dict[str, bytes]:
    """``text_hash -> float32 bytes`` for the hashes already embedded with ``model``."""
    out: dict[str, bytes] = {}
    unique = list(dict.fromkeys(hashes))
    if len(unique) >= _SCAN_FROM and 2 * len(unique) >= cached_vector_count(conn):
        # most of the cache is wanted (a re-analysis): one pass over the table costs a fifth of the lookups
        wanted = set(unique)
        rows = conn.execute("SELECT text_hash, vector FROM embeddings WHERE model=?", (model,))
        return {h: v for h, v in rows if h in wanted}
    for chunk in _chunks(unique):
        marks = ",".join("?" * len(chunk))
        out.update(conn.execute(f"SELECT text_hash, vector FROM embeddings WHERE model=? AND text_hash IN ({marks})",
                                [model, *chunk]).fetchall())
    return out


def store_vectors(conn: sqlite3.Connection, model: str, dim: int, rows: Iterable[tuple[str, bytes]]) -> None:
    conn.executemany("INSERT OR IGNORE INTO embeddings (text_hash, model, dim, vector) VALUES (?, ?, ?, ?)",
                     ((h, model, dim, v) for h, v in rows))


def cached_vector_count(conn: sqlite3.Connection, model: str | None = None) -> int:
    if model is None:
        return int(conn.execute("SELECT count(*) FROM embeddings").fetchone()[0])
    return int(conn.execute("SELECT count(*) FROM embeddings WHERE model=?", (model,)).fetchone()[0])


# -- analysis runs ---------------------------------------------------------------------------------
def create_run(conn: sqlite3.Connection, model: str, seed: int | None, params: dict[str, Any]) -> int:
    return inserted_id(conn.execute("INSERT INTO analysis_runs (started_at, model, seed, params) VALUES (?, ?, ?, ?)",
                        (now_iso(), model, seed, json.dumps(params))))


def finish_run(conn: sqlite3.Connection, run_id: int, summary: dict[str, Any]) -> None:
    conn.execute("UPDATE analysis_runs SET finished_at=?, summary=? WHERE id=?",
                 (now_iso(), json.dumps(summary), run_id))


def last_run(conn: sqlite3.Connection) -> dict[str, Any] | None:
    row = conn.execute("SELECT id, started_at, finished_at, model, seed, params, summary FROM analysis_runs"
                       " WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    run = dict(zip(("id", "started_at", "finished_at", "model", "seed", "params", "summary"), row))
    run["params"], run["summary"] = json.loads(run["params"]), json.loads(run["summary"])
    return run


# -- themes ------------------------------------------------------------------------------------------
def _theme_dict(row: tuple[Any, ...], with_centroid: bool) -> dict[str, Any]:
    theme = dict(zip(THEME_COLUMNS + (("centroid",) if with_centroid else ()), row))
    for key in _JSON_COLUMNS:
        theme[key] = json.loads(theme[key] or "[]")
    return theme


def list_themes(conn: sqlite3.Connection, *, include_hidden: bool = True, include_merged: bool = True,
                with_centroid: bool = False) -> list[dict[str, Any]]:
    cols = ", ".join(THEME_COLUMNS + (("centroid",) if with_centroid else ()))
    where = []
    if not include_hidden:
        where.append("hidden = 0")
    if not include_merged:
        where.append("merged_into IS NULL")
    sql = f"SELECT {cols} FROM themes" + (" WHERE " + " AND ".join(where) if where else "")
    return [_theme_dict(r, with_centroid) for r in conn.execute(sql + " ORDER BY size DESC, id")]


def get_theme(conn: sqlite3.Connection, theme_id: int, with_centroid: bool = False) -> dict[str, Any] | None:
    cols = ", ".join(THEME_COLUMNS + (("centroid",) if with_centroid else ()))
    row = conn.execute(f"SELECT {cols} FROM themes WHERE id=?", (theme_id,)).fetchone()
    return _theme_dict(row, with_centroid) if row else None


def _encode(fields: dict[str, Any]) -> dict[str, Any]:
    bad = set(fields) - _WRITABLE - {"id"}
    if bad:
        raise ValueError(f"not theme columns: {sorted(bad)}")
    out = dict(fields)
    for key in _JSON_COLUMNS:
        if key in out and not isinstance(out[key], str):
            out[key] = json.dumps(out[key], ensure_ascii=False)
    return out


def insert_theme(conn: sqlite3.Connection, **fields: Any) -> int:
    """Insert a theme (``id`` may be given, to restore one); returns its id."""
    now = now_iso()
    fields = _encode({"created_at": now, "updated_at": now, **fields})
    cols = ", ".join(fields)
    marks = ", ".join("?" * len(fields))
    return inserted_id(conn.execute(f"INSERT INTO themes ({cols}) VALUES ({marks})", list(fields.values())))


def update_theme(conn: sqlite3.Connection, theme_id: int, **fields: Any) -> None:
    if not fields:
        return
    fields = _encode({**fields, "updated_at": fields.get("updated_at", now_iso())})
    sets = ", ".join(f"{k}=?" for k in fields)
    conn.execute(f"UPDATE themes SET {sets} WHERE id=?", [*fields.values(), theme_id])


def delete_theme(conn: sqlite3.Connection, theme_id: int) -> None:
    conn.execute("DELETE FROM themes WHERE id=?", (theme_id,))


def theme_ids(conn: sqlite3.Connection) -> set[int]:
    return {r[0] for r in conn.execute("SELECT id FROM themes")}


def refresh_sizes(conn: sqlite3.Connection) -> None:
    """Recount every theme's items: its own and, for a top-level theme, its sub-themes' (two levels;
    a hidden sub-theme's items are left out of its parent's size, ``theme_scope``)."""
    conn.execute("UPDATE themes SET size = (SELECT count(*) FROM item_themes WHERE item_themes.theme_id = themes.id)")
    conn.execute("UPDATE themes SET size = size + (SELECT coalesce(sum(c.size), 0) FROM themes c"
                 f" WHERE c.parent_id = themes.id AND {rolled_child('c')}) WHERE parent_id IS NULL")


def children_of(conn: sqlite3.Connection) -> dict[int, list[int]]:
    """``parent id -> ids of its sub-themes`` (not merged away), by id."""
    out: dict[int, list[int]] = {}
    for child, parent in conn.execute("SELECT id, parent_id FROM themes WHERE parent_id IS NOT NULL"
                                      " AND merged_into IS NULL ORDER BY id"):
        out.setdefault(parent, []).append(child)
    return out


def theme_member_ids_deep(conn: sqlite3.Connection, theme_id: int) -> list[int]:
    """Items of a theme and of its (counted, not hidden) sub-themes."""
    return [r[0] for r in conn.execute(
        f"SELECT item_id FROM item_themes WHERE theme_id = ? OR theme_id IN ({sub_themes_of('?')})"
        " ORDER BY item_id", (theme_id, theme_id))]


# -- assignments --------------------------------------------------------------------------------------
def assignments(conn: sqlite3.Connection) -> list[tuple[int, int | None, str]]:
    """``(item_id, theme_id, origin)`` of every analysed item."""
    return conn.execute("SELECT item_id, theme_id, origin FROM item_themes").fetchall()


def assignment_rows(conn: sqlite3.Connection, item_ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """``item_id -> (theme_id, probability, origin, run_id)`` for the given items that have a row."""
    out: dict[int, tuple[Any, ...]] = {}
    for chunk in _chunks(list(item_ids)):
        marks = ",".join("?" * len(chunk))
        for r in conn.execute(f"SELECT item_id, theme_id, probability, origin, run_id FROM item_themes"
                              f" WHERE item_id IN ({marks})", chunk):
            out[r[0]] = r[1:]
    return out


def theme_member_ids(conn: sqlite3.Connection, theme_id: int) -> list[int]:
    return [r[0] for r in conn.execute("SELECT item_id FROM item_themes WHERE theme_id=? ORDER BY item_id",
                                       (theme_id,))]


def similarity_sums(conn: sqlite3.Connection) -> dict[int, float]:
    """``theme_id -> sum of the members' similarity to the theme's centroid`` (= the length of the sum
    of their unit vectors, which an incremental run needs to move the centroid by new members)."""
    return dict(conn.execute("SELECT theme_id, total(probability) FROM item_themes WHERE theme_id IS NOT NULL"
                             " GROUP BY theme_id"))


def growth_since_described(conn: sqlite3.Connection) -> dict[int, tuple[int, int]]:
    """``theme_id -> (members assigned by runs after the one that last described it, members)``."""
    rows = conn.execute(
        "SELECT it.theme_id, total(it.run_id > coalesce(t.updated_run_id, 0)), count(*) FROM item_themes it"
        " JOIN themes t ON t.id = it.theme_id GROUP BY it.theme_id")
    return {theme: (int(added), int(size)) for theme, added, size in rows}


def group_growth_since_described(conn: sqlite3.Connection) -> dict[int, tuple[int, int]]:
    """``top-level theme id -> (members assigned by runs after the one that last described it, members)``
    for top-level themes with sub-themes, where its members are its own items and its sub-themes' but
    not a hidden sub-theme's: the items its size counts (``theme_scope``)."""
    rows = conn.execute(
        "SELECT p.id, total(it.run_id > coalesce(p.updated_run_id, 0)), count(*) FROM item_themes it"
        " JOIN themes t ON t.id = it.theme_id JOIN themes p ON p.id = coalesce(t.parent_id, t.id)"
        f" WHERE ({rolled_child('t')}) OR (t.parent_id IS NULL AND t.merged_into IS NULL"
        "  AND t.id IN (SELECT parent_id FROM themes WHERE parent_id IS NOT NULL))"
        " GROUP BY p.id")
    return {theme: (int(added), int(size)) for theme, added, size in rows}


def member_rows(conn: sqlite3.Connection) -> list[tuple[int, int, float | None]]:
    """``(item_id, theme_id, probability)`` of every assigned item, by item id."""
    return conn.execute("SELECT item_id, theme_id, probability FROM item_themes WHERE theme_id IS NOT NULL"
                        " ORDER BY item_id").fetchall()


def write_model_assignments(conn: sqlite3.Connection, rows: Iterable[tuple[int, int | None, float | None]], run_id: int) -> None:
    """Model assignments ``(item_id, theme_id, probability)``; rows a user set (origin 'user') are kept."""
    conn.executemany(
        "INSERT INTO item_themes (item_id, theme_id, probability, origin, run_id) VALUES (?, ?, ?, 'model', ?)"
        " ON CONFLICT(item_id) DO UPDATE SET theme_id=excluded.theme_id, probability=excluded.probability,"
        " run_id=excluded.run_id WHERE item_themes.origin = 'model'",
        ((i, t, p, run_id) for i, t, p in rows))


def set_assignments(conn: sqlite3.Connection, rows: Iterable[tuple[int, int | None, float | None, str, int | None]]) -> None:
    """Set ``(item_id, theme_id, probability, origin, run_id)`` whatever the row held (edits, undo)."""
    conn.executemany(
        "INSERT INTO item_themes (item_id, theme_id, probability, origin, run_id) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(item_id) DO UPDATE SET theme_id=excluded.theme_id, probability=excluded.probability,"
        " origin=excluded.origin, run_id=excluded.run_id", rows)


def delete_assignments(conn: sqlite3.Connection, item_ids: Sequence[int]) -> None:
    for chunk in _chunks(list(item_ids)):
        marks = ",".join("?" * len(chunk))
        conn.execute(f"DELETE FROM item_themes WHERE item_id IN ({marks})", chunk)


# -- edit journal -----------------------------------------------------------------------------------------
def journal_add(conn: sqlite3.Connection, action: str, payload: dict[str, Any]) -> int:
    """Record an edit; a new edit discards what could be redone."""
    conn.execute("DELETE FROM edit_journal WHERE undone = 1")
    return inserted_id(conn.execute("INSERT INTO edit_journal (created_at, action, payload) VALUES (?, ?, ?)",
                        (now_iso(), action, json.dumps(payload, ensure_ascii=False))))


def journal_clear_redo(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM edit_journal WHERE undone = 1")


def journal_next(conn: sqlite3.Connection, undone: bool) -> dict[str, Any] | None:
    """The edit that undo (newest not undone) or redo (oldest undone) would act on."""
    sql = ("SELECT id, created_at, action, payload FROM edit_journal WHERE undone=1 ORDER BY id LIMIT 1" if undone
           else "SELECT id, created_at, action, payload FROM edit_journal WHERE undone=0 ORDER BY id DESC LIMIT 1")
    row = conn.execute(sql).fetchone()
    if row is None:
        return None
    return {"id": row[0], "created_at": row[1], "action": row[2], "payload": json.loads(row[3])}


def journal_mark(conn: sqlite3.Connection, entry_id: int, undone: bool) -> None:
    conn.execute("UPDATE edit_journal SET undone=? WHERE id=?", (1 if undone else 0, entry_id))


# merge shims (session 4): the meta table's accessor is store.meta; remove once no branch calls these
def meta_get(conn: sqlite3.Connection, key: str) -> str | None:
    from .meta import get_text

    return get_text(conn, key)


def meta_set(conn: sqlite3.Connection, key: str, value: str) -> None:
    from .meta import set_text

    set_text(conn, key, value)
