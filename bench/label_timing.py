"""Time that phrase labels add to a 20,000-item analysis (real reviews: app-reviews-4class + zh-waimai-10k).

    PYTHONPATH=. .venv/bin/python bench/label_timing.py [--cache /tmp/label-timing]

Runs find_themes once (default parameters, the default embedding model, vectors cached in --cache)
and reports, in the same run: the old label (``short_label`` of the keywords, the baseline), the
corpus's Chinese words (``corpus_words``), and ``label_clusters`` with and without the embedding
re-ranking; wall and CPU seconds with the load average.
"""
from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
DATA = Path(os.environ.get("TRIAGE_SHARED_DATA") or next(
    (p / "shared" / "data" for p in ROOT.parents if (p / "shared" / "data").exists()), ROOT.parent / "shared" / "data"))


def clear_text_caches() -> None:
    """Empty the per-text caches (lru_cache with maxsize > 1) of this tree's and the baseline's ``analysis``
    modules, so that neither labeller finds the other's or an earlier run's work done; one-time loads
    (jieba's dictionary, VADER's lexicon) stay."""
    for name, mod in list(sys.modules.items()):
        if not name.startswith(("analysis.", "base_analysis.")):
            continue
        for value in list(vars(mod).values()):
            info = getattr(value, "cache_info", None)
            if callable(info) and (info().maxsize or 0) > 1:
                value.cache_clear()


def timed(fn):
    clear_text_caches()
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t, time.process_time() - c


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, default=Path(tempfile_dir()) / "label-timing")
    ap.add_argument("--base", type=Path, help="a checkout of the baseline: its label_clusters timed in the same run")
    args = ap.parse_args()
    from analysis.embeddings import get_backend
    from analysis.text_clean import clean_corpus
    from analysis.theme_labels import label_clusters
    from analysis.topic_keywords import short_label
    from analysis.topics import ThemeParams, corpus_words, find_themes
    from triage_app.engine_cache import cache_dir as engine_cache_dir

    app = [r["review"] for r in csv.DictReader(open(DATA / "app-reviews-4class/dataset_balanced_8000.csv",
                                                    encoding="utf-8"))]
    zh = [r["review"] for r in csv.DictReader(open(DATA / "zh-waimai-10k/waimai_10k.csv", encoding="utf-8"))]
    docs = clean_corpus([(None, None, None, t) for t in (app + zh)[:20_000]])
    backend = get_backend()
    path = args.cache / f"vectors_{len(docs)}.npy"
    if path.exists():
        vectors = np.load(path)
    else:
        vectors = np.vstack([backend.encode([d[:1000] for d in docs[i:i + 256]]) for i in range(0, len(docs), 256)])
        args.cache.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    backend.encode(["warm up"])
    found = find_themes(docs, vectors, ThemeParams(), embed=backend.encode, cache_dir=engine_cache_dir())
    keywords = [t.keywords for t in found.themes]
    centroids = np.vstack([t.centroid for t in found.themes])
    rows = []
    _, w, c = timed(lambda: [short_label(k) for k in keywords])
    rows.append(("keyword triple (baseline)", w, c))
    words, w, c = timed(lambda: corpus_words(docs, 42))
    rows.append((f"corpus Chinese words ({len(words)})", w, c))
    _, w, c = timed(lambda: label_clusters(docs, found.labels, centroids, None, keywords, 42, words=words))
    rows.append(("phrase labels, no re-ranking", w, c))
    _, w, c = timed(lambda: label_clusters(docs, found.labels, centroids, backend.encode, keywords, 42, words=words))
    rows.append(("phrase labels + embedding re-ranking", w, c))
    if args.base is not None:
        sys.path.insert(0, str(ROOT / "bench"))
        from label_quality import load_base

        base = load_base(args.base.resolve())
        for name, emb in (("no re-ranking", None), ("+ embedding re-ranking", backend.encode)):
            for tag, fn in (("base", base.label_clusters), ("this tree", label_clusters)):
                _, w, c = timed(lambda: fn(docs, found.labels, centroids, emb, keywords, 42, words=words))
                rows.append((f"{tag}: phrase labels {name} (again, same run)", w, c))
    print(f"{len(docs):,} items, {len(found.themes)} themes; find_themes stages: {found.seconds}; "
          f"load average {os.getloadavg()[0]:.1f}\n")
    print("| step | wall s | CPU s |\n|---|---|---|")
    for name, w, c in rows:
        print(f"| {name} | {w:.2f} | {c:.2f} |")


def tempfile_dir() -> str:
    import tempfile

    return tempfile.gettempdir()


if __name__ == "__main__":
    main()
