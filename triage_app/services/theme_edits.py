"""A person's edits to themes: rename, merge, split (preview first), move items, move a sub-theme,
hide; undo and redo. Each works on top-level themes and sub-themes alike (two levels: ``parent_id``).

Every edit is one transaction that also writes an ``edit_journal`` entry whose payload holds a
``before`` and an ``after`` snapshot of exactly what it changed::

    {"themes": {"<id>": {column: value, ...} | null}, "items": {"<item id>": [theme_id, probability,
     origin, run_id] | null}, ...}

(null: the theme or assignment did not exist). Undo restores ``before``, redo restores ``after``, so
both survive restarts. Items an edit moves get ``origin='user'``, which analysis never overwrites.
Other engineers' edits (e.g. theme status) can journal the same way through ``record_edit``.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import engine_cache
from ..store import Workspace
from ..store import themes as tq
from ..store.queries import transaction

_FULL = ("label", "label_edited", "keywords", "quotes", "status", "hidden", "parent_id", "merged_into", "centroid",
         "size", "created_run_id", "updated_run_id", "created_at", "updated_at", "parent_edited")


class EditError(Exception):
    """An edit that cannot be made (unknown theme, nothing to undo...); the message says why."""


# -- snapshots -----------------------------------------------------------------------------------------
def _theme_fields(theme: dict, columns) -> dict:
    out = {}
    for c in columns:
        value = theme[c]
        if c == "centroid" and value is not None:
            value = base64.b64encode(value).decode()
        out[c] = value
    return out


def _decode(fields: dict) -> dict:
    fields = dict(fields)
    if fields.get("centroid") is not None:
        fields["centroid"] = base64.b64decode(fields["centroid"])
    return fields


#: An edit's journal entry, before or after: {"themes": {id: fields or None}, "items": {id: row or None}}
Journal = dict[str, dict[str, Any]]


def _theme(conn, theme_id: int, *, active: bool = True) -> dict[str, Any]:
    theme = tq.get_theme(conn, theme_id, with_centroid=True)
    if theme is None:
        raise EditError(f"no theme {theme_id}")
    if active and theme["merged_into"] is not None:
        raise EditError(f"theme {theme_id} was merged into theme {theme['merged_into']}")
    return theme


def _item_rows(conn, item_ids) -> dict[str, list | None]:
    rows = tq.assignment_rows(conn, item_ids)
    return {str(i): (list(rows[i]) if i in rows else None) for i in item_ids}


def record_edit(conn, action: str, before: dict, after: dict, **extra) -> int:
    """Journal an edit already applied in the current transaction."""
    return tq.journal_add(conn, action, {"before": before, "after": after, **extra})


def _restore(conn, snap: dict, fallback: int | None) -> None:
    themes = snap.get("themes", {})
    for key, fields in themes.items():
        if fields is not None:
            if tq.get_theme(conn, int(key)) is None:
                tq.insert_theme(conn, id=int(key), **_decode(fields))
            else:
                tq.update_theme(conn, int(key), **_decode(fields))
    items = snap.get("items", {})
    tq.set_assignments(conn, [(int(k), *v) for k, v in items.items() if v is not None])
    tq.delete_assignments(conn, [int(k) for k, v in items.items() if v is None])
    for key, fields in themes.items():
        if fields is None and tq.get_theme(conn, int(key)) is not None:
            left = tq.theme_member_ids(conn, int(key))  # items a later analysis put there
            if left:
                rows = tq.assignment_rows(conn, left)
                tq.set_assignments(conn, [(i, fallback, None, rows[i][2], rows[i][3]) for i in left])
            tq.delete_theme(conn, int(key))
    tq.refresh_sizes(conn)


def undo(ws: Workspace) -> dict:
    """Revert the newest edit not yet undone; returns its journal entry."""
    return _step(ws, undone=False)


def redo(ws: Workspace) -> dict:
    """Re-apply the edit undone last."""
    return _step(ws, undone=True)


def _step(ws: Workspace, undone: bool) -> dict:
    conn = ws.conn
    with transaction(conn):
        entry = tq.journal_next(conn, undone=undone)
        if entry is None:
            raise EditError("nothing to redo" if undone else "nothing to undo")
        payload = entry["payload"]
        _restore(conn, payload["after"] if undone else payload["before"], payload.get("fallback"))
        tq.journal_mark(conn, entry["id"], undone=not undone)
    what = payload.get("summary", entry["action"])
    return {"id": entry["id"], "action": entry["action"], "undone": not undone,
            "summary": f"{'redid' if undone else 'undid'}: {what}", "what": payload.get("what")}


def peek(ws: Workspace) -> dict:
    """What undo and redo would act on now: ``{"undo": {action, summary, what} | None, "redo": ...}``."""
    out = {}
    for key, undone in (("undo", False), ("redo", True)):
        entry = tq.journal_next(ws.conn, undone=undone)
        out[key] = None if entry is None else {"action": entry["action"], "what": entry["payload"].get("what"),
                                               "summary": entry["payload"].get("summary", entry["action"])}
    return out


def _q(label: str) -> str:
    return f"'{label}'"


# -- edits -----------------------------------------------------------------------------------------------
def rename(ws: Workspace, theme_id: int, label: str) -> dict:
    label = " ".join(label.split())
    if not label:
        raise EditError("a theme label cannot be empty")
    conn = ws.conn
    with transaction(conn):
        theme = _theme(conn, theme_id, active=False)
        before = {"themes": {str(theme_id): _theme_fields(theme, ("label", "label_edited"))}}
        tq.update_theme(conn, theme_id, label=label, label_edited=1)
        after = {"themes": {str(theme_id): {"label": label, "label_edited": 1}}}
        summary = f"renamed {_q(theme['label'])} to {_q(label)}"
        what = {"kind": "rename", "from": theme["label"], "to": label}
        record_edit(conn, "rename", before, after, summary=summary, what=what)
    return {"action": "rename", "theme_id": theme_id, "label": label, "summary": summary, "what": what}


def hide(ws: Workspace, theme_id: int, hidden: bool = True) -> dict:
    return hide_many(ws, [theme_id], hidden)


def hide_many(ws: Workspace, theme_ids: list[int], hidden: bool = True) -> dict:
    """Hide (or show) several themes as ONE edit: one journal entry, so one undo brings them all back
    (the board hides the selected sub-themes of a parent in one action)."""
    if not theme_ids:
        raise EditError("no theme to hide")
    conn = ws.conn
    ids = list(dict.fromkeys(theme_ids))
    with transaction(conn):
        themes = [_theme(conn, theme_id, active=False) for theme_id in ids]
        before = {"themes": {str(t["id"]): {"hidden": t["hidden"]} for t in themes}}
        for theme_id in ids:
            tq.update_theme(conn, theme_id, hidden=1 if hidden else 0)
        tq.refresh_sizes(conn)  # a hidden sub-theme's items leave its parent's size (store.theme_scope)
        labels = [t["label"] for t in themes]
        summary = f"{'hid' if hidden else 'showed'} {', '.join(_q(label) for label in labels)}"
        what = {"kind": "hide" if hidden else "show", "themes": labels}
        record_edit(conn, "hide", before, {"themes": {str(i): {"hidden": 1 if hidden else 0} for i in ids}},
                    summary=summary, what=what)
    out = {"action": "hide", "theme_id": ids[0], "hidden": hidden, "summary": summary, "what": what}
    if len(ids) > 1:
        out["theme_ids"] = ids
    return out


def merge(ws: Workspace, sources: list[int], target: int) -> dict:
    """Merge ``sources`` into ``target``: their items move there, they are marked ``merged_into``."""
    sources = list(dict.fromkeys(sources))
    if not sources:
        raise EditError("name at least one theme to merge")
    if target in sources:
        raise EditError(f"theme {target} cannot be merged into itself")
    conn = ws.conn
    with transaction(conn):
        into = _theme(conn, target)
        target_label = into["label"]
        labels = []
        before: Journal = {"themes": {}, "items": {}}
        after: Journal = {"themes": {}, "items": {}}
        children = tq.children_of(conn)
        # sub-themes of a merged top-level theme go under the target's top-level theme (two levels)
        top = into["parent_id"] if into["parent_id"] is not None else target
        if top in sources:  # merging a top-level theme into one of its own sub-themes: that one moves up
            top = target
            before["themes"][str(target)] = {"parent_id": into["parent_id"]}
            after["themes"][str(target)] = {"parent_id": None}
        for source in sources:
            theme = _theme(conn, source)
            labels.append(theme["label"])
            before["themes"][str(source)] = {"merged_into": None, "size": theme["size"]}
            after["themes"][str(source)] = {"merged_into": target, "size": 0}
            for child in children.get(source, []):
                if child != target and child not in sources:
                    before["themes"][str(child)] = {"parent_id": source}
                    after["themes"][str(child)] = {"parent_id": top}
            items = tq.theme_member_ids(conn, source)
            before["items"].update(_item_rows(conn, items))
            after["items"].update({str(i): [target, None, "user", None] for i in items})
        _restore(conn, after, None)
        summary = f"merged {', '.join(map(_q, labels))} into {_q(target_label)}"
        what = {"kind": "merge", "themes": labels, "target": target_label, "items": len(after["items"])}
        record_edit(conn, "merge", before, after, summary=summary, what=what)
    return {"action": "merge", "sources": sources, "target": target, "items_moved": len(after["items"]),
            "summary": summary, "what": what}


def move_items(ws: Workspace, item_ids: list[int], theme_id: int | None) -> dict:
    """Put items into a theme (None: the unassigned group); analysis keeps them there."""
    item_ids = list(dict.fromkeys(item_ids))
    if not item_ids:
        raise EditError("name at least one item to move")
    conn = ws.conn
    with transaction(conn):
        missing = set(item_ids) - tq.existing_item_ids(conn, item_ids)
        if missing:
            raise EditError(f"no item {sorted(missing)[0]}" + (f" (and {len(missing) - 1} more)" if len(missing) > 1
                                                                else ""))
        target_label = _theme(conn, theme_id)["label"] if theme_id is not None else None
        before = {"items": _item_rows(conn, item_ids)}
        after = {"items": {str(i): [theme_id, None, "user", None] for i in item_ids}}
        _restore(conn, after, None)
        where = _q(target_label) if target_label is not None else "unassigned"
        summary = f"moved {len(item_ids)} item{'s' if len(item_ids) > 1 else ''} to {where}"
        what = {"kind": "move", "items": len(item_ids), "target": target_label}
        record_edit(conn, "move", before, after, summary=summary, what=what)
    return {"action": "move", "items": item_ids, "theme_id": theme_id, "summary": summary, "what": what}


def set_parent(ws: Workspace, theme_id: int, parent_id: int | None) -> dict:
    """Move a theme under a top-level theme (None: make it a top-level theme). A theme with
    sub-themes cannot become a sub-theme (two levels). Analysis keeps it there (``parent_edited``)."""
    conn = ws.conn
    with transaction(conn):
        theme = _theme(conn, theme_id)
        if parent_id is not None:
            if parent_id == theme_id:
                raise EditError(f"theme {theme_id} cannot be its own parent")
            parent = _theme(conn, parent_id)
            if parent["parent_id"] is not None:
                raise EditError(f"theme {parent_id} is a sub-theme; pick a top-level theme")
            if tq.children_of(conn).get(theme_id):
                raise EditError(f"theme {theme_id} has sub-themes; it stays a top-level theme")
        before = {"themes": {str(theme_id): {"parent_id": theme["parent_id"], "parent_edited": theme["parent_edited"]}}}
        after = {"themes": {str(theme_id): {"parent_id": parent_id, "parent_edited": 1}}}
        _restore(conn, after, None)
        where = f"under theme {parent_id}" if parent_id is not None else "to the top level"
        summary = f"moved theme {theme_id} ({theme['label']}) {where}"
        what = {"kind": "parent", "theme": theme["label"], "target": parent["label"] if parent_id is not None else None}
        record_edit(conn, "parent", before, after, summary=summary, what=what)
    return {"action": "parent", "theme_id": theme_id, "parent_id": parent_id, "summary": summary}


# -- split -------------------------------------------------------------------------------------------------
@dataclass
class SplitPart:
    label: str
    keywords: list[str]
    item_ids: list[int]
    quotes: list[int]
    centroid: np.ndarray = field(repr=False)
    children: list[int] = field(default_factory=list)  # sub-theme ids, when a top-level theme splits

    def as_json(self, texts: dict[int, str]) -> dict:
        out = {"label": self.label, "keywords": self.keywords, "size": len(self.item_ids),
               "quotes": [{"item_id": q, "text": texts.get(q, "")[:300]} for q in self.quotes]}
        if self.children:
            out["children"] = self.children
        return out


def split_preview(ws: Workspace, theme_id: int, parts: int | None = None, seed: int = 42) -> list[SplitPart]:
    """How ``theme_id`` would split (the same every time for the same items, parts and seed). A
    top-level theme with sub-themes splits into groups of its sub-themes (``SplitPart.children``)."""
    from analysis.topics import split_documents

    from analysis.embeddings import get_backend

    from .analysis import theme_member_vectors, workspace_model

    conn = ws.conn
    theme = _theme(conn, theme_id)
    children = tq.children_of(conn).get(theme_id, [])
    if len(children) >= 2:
        groups = _group_preview(conn, theme_id, children, parts)
        groups[0].label = theme["label"]  # the first group stays in the theme, under its name (_split_groups)
        return groups
    item_ids, docs, vectors = theme_member_vectors(ws, theme_id)
    if len(item_ids) < 4:
        raise EditError(f"theme {theme_id} has {len(item_ids)} items; too few to split")
    if parts is not None and not 2 <= parts <= min(20, len(item_ids) // 2):
        raise EditError(f"--parts must be between 2 and {min(20, len(item_ids) // 2)} for this theme")
    result = split_documents(docs, vectors, parts=parts, seed=seed, embed=get_backend(workspace_model(ws)).encode,
                             cache_dir=engine_cache.cache_dir())
    out = []
    for t in result.themes:
        members = np.flatnonzero(result.labels == t.index)
        out.append(SplitPart(t.label, t.keywords, [item_ids[i] for i in members], [item_ids[i] for i in t.quotes],
                             t.centroid))
    return sorted(out, key=lambda p: -len(p.item_ids))


def _group_preview(conn, theme_id: int, children: list[int], parts: int | None) -> list[SplitPart]:
    """Parts of a top-level theme: its sub-themes grouped by their centroids (agglomerative, average
    cosine linkage; ``parts`` groups, default 2)."""
    from analysis.theme_tree import label_siblings
    from sklearn.cluster import AgglomerativeClustering

    k = parts or 2
    if not 2 <= k <= len(children):
        raise EditError(f"--parts must be between 2 and {len(children)} for this theme (its sub-themes)")
    subs = [_theme(conn, c, active=False) for c in children]
    vectors = np.vstack([np.frombuffer(t["centroid"], np.float32) if t["centroid"] else np.zeros(1, np.float32)
                         for t in subs])
    groups = AgglomerativeClustering(n_clusters=k, metric="cosine", linkage="average").fit_predict(vectors)
    out = []
    for g in range(k):
        members = [subs[i] for i in np.flatnonzero(groups == g)]
        members.sort(key=lambda t: (-t["size"], t["id"]))
        weights = np.array([max(t["size"], 1) for t in members], dtype=np.float32)
        centroid = (vectors[[subs.index(t) for t in members]] * weights[:, None]).sum(axis=0)
        centroid /= np.linalg.norm(centroid) or 1.0
        item_ids = [i for t in members for i in tq.theme_member_ids(conn, t["id"])]
        out.append(SplitPart(members[0]["label"], members[0]["keywords"], item_ids, members[0]["quotes"][:5],
                             centroid, children=[t["id"] for t in members]))
    out.sort(key=lambda p: (-len(p.item_ids), p.children[0]))
    texts: list[list[str]] = [[] for _ in out]  # the stored themes' texts are not at hand here: keywords only
    centroids = np.vstack([p.centroid for p in out])
    for part, label in zip(out, label_siblings(texts, centroids, [p.keywords for p in out])):
        if len(part.children) > 1:
            part.label = label
    return out


def _split_groups(conn, theme: dict, preview: list[SplitPart]) -> dict:
    """Apply a top-level theme's split: the first part stays; a part of one sub-theme makes it a
    top-level theme, a part of several gets a new top-level theme."""
    theme_id = theme["id"]
    before: dict = {"themes": {}, "items": {}}
    after: dict = {"themes": {}, "items": {}}
    new_ids = []
    for part in preview[1:]:
        parent = None
        if len(part.children) > 1:
            parent = tq.insert_theme(conn, label=part.label, keywords=part.keywords, quotes=part.quotes,
                                     centroid=part.centroid.astype(np.float32).tobytes(),
                                     created_run_id=theme["updated_run_id"], updated_run_id=theme["updated_run_id"])
            new_ids.append(parent)
            before["themes"][str(parent)] = None
            after["themes"][str(parent)] = _theme_fields(_theme(conn, parent), _FULL)
        for child in part.children:  # a person chose where they go: a full re-run keeps it (parent_edited)
            before["themes"][str(child)] = {"parent_id": theme_id, "parent_edited": _theme(conn, child)["parent_edited"]}
            after["themes"][str(child)] = {"parent_id": parent, "parent_edited": 1}
            if parent is None:
                new_ids.append(child)
    _restore(conn, after, theme_id)
    summary = f"split theme {theme_id} into {theme_id}, {', '.join(map(str, new_ids))}"
    what = {"kind": "split", "themes": [theme["label"]],
            "parts": [theme["label"]] + [_theme(conn, i)["label"] for i in new_ids]}
    record_edit(conn, "split", before, after, fallback=theme_id, summary=summary, what=what)
    return {"action": "split", "theme_id": theme_id, "new_themes": new_ids, "summary": summary, "what": what}


def split(ws: Workspace, theme_id: int, parts: int | None = None, seed: int = 42) -> dict:
    """Apply the split that ``split_preview`` shows: the largest part stays in ``theme_id`` (its id, status
    and history); every other part becomes a new theme beside it (the same parent). A top-level
    theme with sub-themes keeps the first group of them; the other groups become top-level themes."""
    preview = split_preview(ws, theme_id, parts, seed)
    if len(preview) < 2:
        raise EditError(f"theme {theme_id} does not divide into parts")
    conn = ws.conn
    with transaction(conn):
        theme = _theme(conn, theme_id)
        if preview[0].children:
            return _split_groups(conn, theme, preview)
        keep = preview[0]
        before: Journal = {"themes": {str(theme_id): _theme_fields(theme, ("label", "keywords", "quotes", "centroid"))},
                           "items": {}}
        after_theme = {"keywords": keep.keywords, "quotes": keep.quotes,
                       "centroid": base64.b64encode(keep.centroid.astype(np.float32).tobytes()).decode(),
                       "label": theme["label"] if theme["label_edited"] else keep.label}
        after: Journal = {"themes": {str(theme_id): after_theme}, "items": {}}
        new_ids = []
        for part in preview[1:]:
            new_id = tq.insert_theme(conn, label=part.label, keywords=part.keywords, quotes=part.quotes,
                                     centroid=part.centroid.astype(np.float32).tobytes(), parent_id=theme["parent_id"],
                                     created_run_id=theme["updated_run_id"], updated_run_id=theme["updated_run_id"])
            new_ids.append(new_id)
            created = _theme(conn, new_id)
            before["themes"][str(new_id)] = None
            after["themes"][str(new_id)] = _theme_fields(created, _FULL)
            before["items"].update(_item_rows(conn, part.item_ids))
            after["items"].update({str(i): [new_id, None, "user", None] for i in part.item_ids})
        _restore(conn, after, theme_id)
        labels = [str(after_theme["label"])] + [p.label for p in preview[1:]]
        summary = f"split {_q(theme['label'])} into {', '.join(map(_q, labels))}"
        what = {"kind": "split", "themes": [theme["label"]], "parts": labels}
        record_edit(conn, "split", before, after, fallback=theme_id, summary=summary, what=what)
    return {"action": "split", "theme_id": theme_id, "new_themes": new_ids, "summary": summary, "what": what}
