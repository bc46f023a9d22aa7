"""The importer registry: one module per format, each exposing ``IMPORTERS`` (a list of instances).

Modules are found by walking this package, so adding a format is adding a module.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from ..domain import ImportFailure
from .base import Importer
from .source import ImportOptions, SourceFile

_HELPER_MODULES = {"base", "source", "encoding", "dates", "scores", "survey_common", "json_depth",
                   "plausible", "validate", "feedback_only"}


@lru_cache(maxsize=1)
def all_importers() -> tuple[Importer, ...]:
    found: list[Importer] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name in _HELPER_MODULES or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.extend(getattr(module, "IMPORTERS", []))
    names = [i.name for i in found]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise RuntimeError(f"importer names used twice: {sorted(duplicates)}")
    return tuple(sorted(found, key=lambda i: (i.name != "generic", i.name)))


def get_importer(name: str) -> Importer:
    for importer in all_importers():
        if importer.name == name:
            return importer
    known = ", ".join(i.name for i in all_importers())
    raise KeyError(f"unknown format {name!r}; known formats: {known}")


def detect(source: SourceFile) -> list[tuple[float, Importer]]:
    """Importers ranked by how sure each is that it reads this file (best first, score > 0)."""
    if source.kind == "binary":
        raise ImportFailure(str(source.path), "is a binary file, not a CSV, TSV, XLSX or JSON export")
    scored = []
    for importer in all_importers():
        if source.kind not in importer.kinds:
            continue
        try:
            score = importer.sniff(source)
        except ImportFailure:
            raise
        except Exception:  # a sniffer must never stop detection
            score = 0.0
        if score > 0:
            scored.append((score, importer))
    scored.sort(key=lambda pair: -pair[0])
    if not scored:
        raise ImportFailure(str(source.path), f"no importer reads {source.kind.upper()} files like this one")
    return scored


def choose_importer(source: SourceFile) -> Importer:
    if source.options.format:
        importer = get_importer(source.options.format)
        if source.kind not in importer.kinds:
            raise ImportFailure(str(source.path), f"is a {source.kind.upper()} file; the {importer.name} format reads "
                                f"{', '.join(k.upper() for k in importer.kinds)}")
        return importer
    return detect(source)[0][1]


__all__ = ["Importer", "ImportOptions", "SourceFile", "all_importers", "get_importer", "detect", "choose_importer"]
