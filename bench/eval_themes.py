"""Theme quality against human labels, in the same run as plain BERTopic defaults on the same vectors.

    .venv/bin/python bench/eval_themes.py [--backends use-multilingual,minilm,static] [--out results.json]

Sets (read from ../shared/data when present; never copied): app-reviews-4class (8,000 Google Play
reviews, label), nlbse24-github-issues (3,000 issues, label), zh-waimai-10k (Chinese reviews: keywords
only) and tests/fixtures/themes_bilingual.csv (the same complaints in Chinese and English).

Per set and embedding backend: NMI and ARI of theme assignments vs labels (unassigned items count as
one more cluster, as HDBSCAN's -1 does for the baseline), share unassigned, number of themes, seconds.
Scored in one run on the same vectors: "top" and "sub" = the two levels of analysis.topics.find_themes
(default ThemeParams and, as the app passes them, the phrase embedder and the feedback-class profile;
an item's top-level theme is its sub-theme's group), "flat" = find_themes of the
baseline git ref (default ``ea7c5e7``, the last commit with flat themes, loaded from git beside ours), "defaults" =
``BERTopic()`` with every component at its default. Vectors are cached in --cache. ``--distances``
also scores other top-level distance thresholds on the same sub-themes (tuning).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from analysis.embeddings import get_backend  # noqa: E402
from analysis.text_clean import clean_corpus, clean_views  # noqa: E402
from analysis.topics import ThemeParams, find_themes, import_engine  # noqa: E402
from triage_app.engine_cache import cache_dir as engine_cache_dir  # noqa: E402

DATA = Path(os.environ.get("TRIAGE_SHARED_DATA") or next(
    (p / "shared" / "data" for p in ROOT.parents if (p / "shared" / "data").exists()), ROOT.parent / "shared" / "data"))
EMBED_CHARS = 1000  # as the analysis service does
csv.field_size_limit(10**9)


#: The texts the app embeds for a list of texts labels read (``clean_views``), by the list's id.
EMBEDDED: dict[int, list[str]] = {}


def _views(records) -> list[str]:
    """The texts labels read; the ones the app embeds are kept in ``EMBEDDED`` for ``vectors``."""
    embedded, read = clean_views(records)
    EMBEDDED[id(read)] = embedded
    return read


def load(name: str) -> tuple[list[str], list[str] | None]:
    """Cleaned texts and labels (None: no labels)."""
    if name == "app-reviews":
        rows = list(csv.DictReader(open(DATA / "app-reviews-4class/dataset_balanced_8000.csv", encoding="utf-8")))
        return clean_corpus([("google_play", None, None, r["review"]) for r in rows]), [r["label"] for r in rows]
    if name == "nlbse24":
        rows = []
        for f in ("issues_train.csv", "issues_test.csv"):
            rows += list(csv.DictReader(open(DATA / "nlbse24-github-issues" / f, encoding="utf-8")))
        return _views([("github", r["repo"], r["title"], r["body"]) for r in rows]), [r["label"] for r in rows]
    if name == "waimai":
        rows = list(csv.DictReader(open(DATA / "zh-waimai-10k/waimai_10k.csv", encoding="utf-8")))
        return clean_corpus([(None, None, None, r["review"]) for r in rows]), None
    if name == "kaggle":  # every free-form answer of 3+ characters, a seeded sample of 10,000
        with open(DATA / "kaggle-survey-2018-freeform/freeFormResponses.csv", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))[2:]  # header, then the question texts
        texts = [cell.strip() for row in rows for cell in row if len(cell.strip()) >= 3]
        if len(texts) > 10_000:
            pick = np.sort(np.random.default_rng(42).choice(len(texts), 10_000, replace=False))
            texts = [texts[i] for i in pick]
        return clean_corpus([("survey", None, None, t) for t in texts]), None
    if name == "bilingual":
        rows = list(csv.DictReader(open(ROOT / "tests/fixtures/themes_bilingual.csv", encoding="utf-8")))
        return [r["text"] for r in rows], [r["theme"] for r in rows]
    raise KeyError(name)


def vectors(name: str, docs: list[str], backend: str, cache: Path) -> tuple[np.ndarray, float]:
    path = cache / f"{name}_{backend}_t{EMBED_CHARS}.npy"
    if path.exists():
        return np.load(path), float("nan")
    model = get_backend(backend)
    model.encode(["warm up"])
    t = time.perf_counter()
    texts = [d[:EMBED_CHARS] for d in EMBEDDED.get(id(docs), docs)]
    out = np.vstack([model.encode(texts[i:i + 256]) for i in range(0, len(texts), 256)])
    rate = len(texts) / (time.perf_counter() - t)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, out)
    return out, rate


def defaults(docs, emb):
    from bertopic import BERTopic

    model = BERTopic()  # every component at its default; the vectors are given
    topics, _ = model.fit_transform(docs, emb)
    keywords = {t: [w for w, s in model.get_topic(t) if w] for t in set(topics) if t >= 0}
    return np.asarray(topics), keywords


def score(labels, truth) -> dict:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    out = {"themes": int(labels.max()) + 1, "unassigned": round(float((labels < 0).mean()), 4)}
    if truth is not None:
        out["nmi"] = round(float(normalized_mutual_info_score(truth, labels)), 4)
        out["ari"] = round(float(adjusted_rand_score(truth, labels)), 4)
    return out


def polarity_conflicts(result, profile) -> int:
    """Top-level themes holding a clearly positive sub-theme (mean P(positive) - P(negative) >= 0.2
    over its members) beside a clearly negative one (<= -0.2): a parent that contradicts its children."""
    if profile is None or not result.tops:
        return -1
    from analysis.theme_tree import kind_mixes

    mixes = kind_mixes(result.labels, len(result.themes), np.arange(len(result.labels)), profile)
    net = mixes[:, 2] - mixes[:, 0]
    return sum(1 for t in result.tops if t.is_group and net[t.children].max() >= 0.2 and net[t.children].min() <= -0.2)


def pairs_together(labels, truth_ids) -> float:
    """Bilingual fixture: share of en/zh pairs that landed in the same (assigned) theme."""
    by_id = dict(zip(truth_ids, labels))
    keys = {k[:-3] for k in truth_ids}
    return round(sum(1 for k in keys if by_id[f"{k}-en"] >= 0 and by_id[f"{k}-en"] == by_id[f"{k}-zh"]) / len(keys), 4)


def keyword_stats(keywords: dict) -> dict:
    words = [w for ws in keywords.values() for w in ws]
    cjk = [w for w in words if any("\u4e00" <= c <= "\u9fff" for c in w)]
    return {"keywords": len(words), "chinese_keywords": len(cjk),
            "longest_chinese_keyword": max((len(w) for w in cjk), default=0),
            "chinese_keywords_over_4_chars": sum(1 for w in cjk if len(w) > 4)}


def profile_for(backend: str, docs: list[str], emb: np.ndarray):
    """The feedback-class profile the app passes to ``find_themes`` (None for a model the heads do not read):
    read on the texts the app embeds (``EMBEDDED``, issue forms kept), as the analysis service does."""
    from triage_app.services.analysis import kind_profile

    return kind_profile(backend, emb, EMBEDDED.get(id(docs), docs))


def main_flat(ref: str = "ea7c5e7"):
    """``find_themes`` of the code at git ``ref`` (today's flat themes), loaded as a module beside ours."""
    import importlib.util
    import subprocess

    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:analysis/topics.py"], capture_output=True,
                            text=True, check=True).stdout
    spec = importlib.util.spec_from_loader("analysis._flat_topics", loader=None)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "analysis"
    sys.modules[spec.name] = module  # dataclasses look their module up
    exec(compile(source, f"{ref}:analysis/topics.py", "exec"), module.__dict__)
    return module


def _row_table(results: list[dict]) -> None:
    cols = ("top", "sub", "flat", "defaults")
    print("\n| set | backend | NMI " + " / ".join(cols) + " | ARI " + " / ".join(cols) + " | unassigned "
          + " / ".join(cols) + " | themes " + " / ".join(cols) + " |")
    print("|---|---|---|---|---|---|")
    for r in results:
        def cell(key, fmt=str):
            return " / ".join(fmt(r[c][key]) if key in r[c] else "-" for c in cols)
        print(f"| {r['set']} ({r['items']:,}) | {r['backend']} | {cell('nmi')} | {cell('ari')} | "
              f"{cell('unassigned', lambda v: f'{100 * v:.1f}%')} | {cell('themes')} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backends", default="use-multilingual")
    ap.add_argument("--sets", default="app-reviews,nlbse24,bilingual,waimai,kaggle")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "feedback-triage" / "eval")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--baseline", default="ea7c5e7",
                    help="git ref whose flat themes are the baseline (default: the last commit before two levels)")
    ap.add_argument("--distances", help="comma-separated top-level distance[/kind weight] pairs to compare (tuning)")
    ap.add_argument("--no-defaults", action="store_true", help="skip plain BERTopic (tuning runs)")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    import_engine(engine_cache_dir())
    flat = main_flat(args.baseline) if args.baseline else None
    results = []
    for name in args.sets.split(","):
        if name != "bilingual" and not DATA.exists():
            print(f"skip {name}: {DATA} not present")
            continue
        docs, truth = load(name)
        ids = None
        if name == "bilingual":
            ids = [r["id"] for r in csv.DictReader(open(ROOT / "tests/fixtures/themes_bilingual.csv", encoding="utf-8"))]
        for backend in args.backends.split(","):
            emb, rate = vectors(name, docs, backend, args.cache)
            row = {"set": name, "backend": backend, "items": len(docs), "texts_per_s": round(rate, 1)}
            t, c = time.perf_counter(), time.process_time()
            ours = find_themes(docs, emb, ThemeParams(seed=args.seed), embed=get_backend(backend).encode,
                               profile=profile_for(backend, docs, emb), cache_dir=engine_cache_dir())
            took = {"seconds": round(time.perf_counter() - t, 1), "cpu_s": round(time.process_time() - c, 1)}
            row["sub"] = {**score(ours.labels, truth), **took}
            row["top"] = {**score(ours.top_labels, truth), **took,
                          "polarity_conflicts": polarity_conflicts(ours, profile_for(backend, docs, emb)),
                          "name_only_subthemes": len(ours.info.get("name_only_subthemes", []))}
            if args.distances:  # the same sub-themes grouped at other settings (distance x spread / kind weight)
                from analysis import theme_tree as tt

                centroids = np.vstack([th.centroid for th in ours.themes])
                sizes = [th.size for th in ours.themes]
                profile = profile_for(backend, docs, emb)
                mixes = tt.kind_mixes(ours.labels, len(sizes), np.arange(len(docs)), profile) if profile else None
                row["tuning"] = {}
                for pair in args.distances.split(","):
                    d, _, w = pair.partition("/")
                    dist = tt.subtheme_distances(centroids, mixes, kind_weight=float(w or tt.KIND_WEIGHT))
                    top_of = tt.group_subthemes(dist, sizes, tt.cut_distance(dist, ours.labels, ours.similarity, float(d)),
                                                tt.max_top_themes(len(docs)))
                    row["tuning"][pair] = score(np.where(ours.labels >= 0, top_of[np.maximum(ours.labels, 0)], -1), truth)
            if flat is not None:
                t, c = time.perf_counter(), time.process_time()
                base_flat = flat.find_themes(docs, emb, flat.ThemeParams(seed=args.seed))
                row["flat"] = {**score(base_flat.labels, truth), "seconds": round(time.perf_counter() - t, 1),
                               "cpu_s": round(time.process_time() - c, 1)}
            if not args.no_defaults:
                t, c = time.perf_counter(), time.process_time()
                base, base_kw = defaults(docs, emb)
                row["defaults"] = {**score(base, truth), "seconds": round(time.perf_counter() - t, 1),
                                   "cpu_s": round(time.process_time() - c, 1)}
            if ids:
                for key, labels in (("top", ours.top_labels), ("sub", ours.labels)):
                    row[key]["pairs_together"] = pairs_together(labels, ids)
            row["top_themes"] = [{"size": tp.size, "label": tp.label, "children": len(tp.children)}
                                 for tp in ours.tops[:12]]
            results.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
    _row_table([{**r, **{k: r.get(k, {}) for k in ("flat", "defaults")}} for r in results])
    if args.out:
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
