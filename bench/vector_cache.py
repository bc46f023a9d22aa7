"""Embeddings of bench texts with the analysis' default model, cached on disk between runs (bench only).

Texts are cleaned as the analysis cleans them (``clean_corpus``, per data set) and cut to the same
length, so the vectors are those a workspace would hold.
"""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CACHE = Path(os.environ.get("TRIAGE_BENCH_CACHE", "/tmp/triage_bench_vectors"))
EMBED_CHARS = 1000


def cleaned(records: list[tuple[str | None, str | None]], source_format: str = "default") -> list[str]:
    """``(title, text)`` records -> the texts the analysis would embed."""
    from analysis.text_clean import clean_corpus

    return [d[:EMBED_CHARS] for d in clean_corpus([(source_format, "bench", t, x) for t, x in records], forms=False)]


def vectors(name: str, texts: list[str]) -> np.ndarray:
    """Vectors of ``texts`` (``name`` only for messages), each text cached once on disk by its hash."""
    from analysis.embeddings import get_backend

    CACHE.mkdir(parents=True, exist_ok=True)
    keys = [hashlib.blake2b(t.encode(), digest_size=12).hexdigest() for t in texts]
    store = CACHE / "texts.npz"
    known: dict[str, np.ndarray] = {}
    if store.exists():
        with np.load(store) as z:
            known = dict(zip(z["keys"], z["vectors"]))
    missing = list(dict.fromkeys(k for k in keys if k not in known))
    if missing:
        print(f"embedding {len(missing):,} texts of {name}", file=sys.stderr, flush=True)
        by_key = dict(zip(keys, texts))
        backend = get_backend()
        todo = [by_key[k] for k in missing]
        new = np.vstack([backend.encode(todo[i:i + 256]) for i in range(0, len(todo), 256)])
        known.update(zip(missing, new))
        np.savez(store, keys=np.array(list(known)), vectors=np.vstack(list(known.values())))
    return np.vstack([known[k] for k in keys]) if keys else np.zeros((0, 512), np.float32)
