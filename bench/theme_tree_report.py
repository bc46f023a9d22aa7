"""The theme tree of a real data set as a person reads it: each top-level theme and each of its
sub-themes with label, size and three quotes.

    .venv/bin/python bench/theme_tree_report.py [--sets app-reviews,nlbse24,waimai,kaggle] [--quotes 3]

Reads ../shared/data (never copied; quotes are printed, not stored), embeds with the default model
(vectors cached as bench/eval_themes.py caches them) and runs ``find_themes`` with default settings.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import eval_themes as ev  # noqa: E402
from analysis.topics import ThemeParams, find_themes, import_engine  # noqa: E402
from triage_app.engine_cache import cache_dir as engine_cache_dir  # noqa: E402


def load(name: str) -> list[str]:
    return ev.load(name)[0]


def report(name: str, docs: list[str], emb: np.ndarray, n_quotes: int, backend: str = "use-multilingual") -> None:
    from analysis.embeddings import get_backend

    result = find_themes(docs, emb, ThemeParams(), embed=get_backend(backend).encode,
                         profile=ev.profile_for(backend, docs, emb), cache_dir=engine_cache_dir())
    names = set(result.info.get("name_only_subthemes", []))

    def quotes(indices: list[int], indent: str) -> None:
        for i in indices[:n_quotes]:
            print(f"{indent}  \u201c{' '.join(docs[i].split())[:110]}\u201d")

    print(f"\n## {name}: {len(docs):,} items, {len(result.tops)} top-level themes, {len(result.themes)} sub-themes, "
          f"{100 * result.unassigned_share:.1f}% unassigned\n")
    for top in sorted(result.tops, key=lambda t: -t.size):
        print(f"- **{top.label}** ({top.size:,})")
        if not top.is_group:
            quotes(result.themes[top.children[0]].quotes, "   ")
            continue
        quotes(top.quotes, "   ")
        for k in sorted(top.children, key=lambda k: -result.themes[k].size):
            sub = result.themes[k]
            print(f"    - {sub.label} ({sub.size:,}){' [name-only]' if k in names else ''}")
            quotes(sub.quotes, "       ")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="app-reviews,nlbse24,waimai,kaggle")
    ap.add_argument("--backend", default="use-multilingual")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "feedback-triage" / "eval")
    ap.add_argument("--quotes", type=int, default=3)
    args = ap.parse_args()
    import_engine(engine_cache_dir())
    for name in args.sets.split(","):
        docs = load(name)
        emb, _ = ev.vectors(name, docs, args.backend, args.cache)
        report(name, docs, emb, args.quotes, args.backend)


if __name__ == "__main__":
    main()
