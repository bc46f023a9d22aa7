"""The redaction before embedding, done once per text: what ``analysis.pii.redact`` made of a text is
kept in the workspace (``redaction_cache``), so a re-run (a warm full analysis, an incremental one)
does not run the detectors again over every item (~5 s per 100,000 items).

A text's key is a hash of the text and of a fingerprint of the detectors: the kinds asked for, the
source of the detector modules (or their compiled code where no source ships) and the versions of
the packages whose lists they read. Any change there gives new keys, so a stale result is never
used; unused entries are dropped when most of the cache is unused (``PRUNE_SHARE``).
"""
from __future__ import annotations

import hashlib
import importlib.util
import marshal
import sqlite3
from functools import lru_cache
from importlib import metadata
from typing import Any, Sequence

from analysis.pii import redact

from ..store import redaction_queries as rq
from ..store.queries import transaction

#: the modules whose code decides a redaction
DETECTOR_MODULES = ("analysis.pii", "analysis.pii_people", "analysis.person_names")
#: packages whose data the detectors read (name lists, phone metadata, ID checksums, jieba's dictionary)
DETECTOR_PACKAGES = ("faker", "names", "phonenumbers", "python-stdnum", "jieba")
#: above this many keys the whole cache is read in one pass instead of looked up
FULL_READ = 5_000
#: after a whole read, entries no text used are dropped when they are this share of the cache
PRUNE_SHARE = 0.5


def _module_code(name: str) -> bytes:
    spec = importlib.util.find_spec(name)
    loader = spec.loader if spec else None
    source = None
    try:
        source = loader.get_source(name) if loader is not None else None  # type: ignore[attr-defined]
    except (ImportError, OSError, AttributeError):
        source = None
    if source is not None:
        return str(source).encode("utf-8")
    try:  # a bundle that ships compiled modules only
        return marshal.dumps(loader.get_code(name))  # type: ignore[union-attr]
    except (ImportError, OSError, AttributeError, ValueError):
        return name.encode("utf-8")


@lru_cache(maxsize=8)
def fingerprint(kinds: tuple[str, ...]) -> str:
    """What decides a redaction besides the text: kinds, detector code, package versions."""
    h = hashlib.blake2b(digest_size=16)
    h.update(repr(sorted(kinds)).encode("utf-8"))
    for name in DETECTOR_MODULES:
        h.update(b"\x00" + _module_code(name))
    for package in DETECTOR_PACKAGES:
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "-"
        h.update(f"\x00{package}={version}".encode("utf-8"))
    return h.hexdigest()


def text_key(text: str, print_: str) -> str:
    return hashlib.blake2b(f"{print_}\x1f{text}".encode("utf-8"), digest_size=16).hexdigest()


def redact_texts(conn: sqlite3.Connection, texts: Sequence[str | None], kinds: tuple[str, ...], *, remember: bool = True,
                 counts: dict[str, Any] | None = None) -> list[str | None]:
    """``redact(text, kinds)`` of each text, from the cache where it is there; the others are
    redacted and (``remember``) added to it. ``counts`` receives ``redacted`` (texts the detectors
    ran on) and ``cached``."""
    print_ = fingerprint(tuple(kinds))
    keys: list[str | None] = [text_key(t, print_) if t else None for t in texts]
    wanted = list(dict.fromkeys(k for k in keys if k is not None))
    whole = len(wanted) >= FULL_READ
    known = rq.all_redactions(conn) if whole else rq.redactions(conn, wanted)
    out: list[str | None] = []
    new: dict[str, str | None] = {}
    for text, key in zip(texts, keys):
        if key is None:
            out.append(text)
        elif key in known:
            cached = known[key]
            out.append(text if cached is None else cached)
        elif key in new:
            out.append(text if new[key] is None else new[key])
        else:
            redacted = redact(text, kinds)
            new[key] = None if redacted == text else redacted
            out.append(redacted)
    if counts is not None:
        counts["redacted"] = counts.get("redacted", 0) + len(new)
        counts["cached"] = counts.get("cached", 0) + (len(wanted) - len(new))
    if remember:
        used = set(wanted) if whole else set()
        unused = [k for k in known if k not in used] if whole else []
        prune = whole and len(unused) > PRUNE_SHARE * (len(known) + len(new))
        if new or prune:
            _remember(conn, new, unused if prune else [])
    return out


def _remember(conn: sqlite3.Connection, new: dict[str, str | None], forget: list[str]) -> None:
    """Write in the caller's transaction if there is one; on a read-only connection, nothing."""
    def write() -> None:
        rq.store_redactions(conn, new.items())
        rq.forget_redactions(conn, forget)

    try:
        if conn.in_transaction:
            write()
        else:
            with transaction(conn):
                write()
    except sqlite3.OperationalError as exc:  # a read-only connection: the cache is an optimisation
        if "readonly" not in str(exc).replace("-", "").replace(" ", "") and "query_only" not in str(exc):
            raise
