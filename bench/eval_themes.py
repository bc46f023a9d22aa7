"""Theme quality against human labels, in the same run as plain BERTopic defaults on the same vectors.

    .venv/bin/python bench/eval_themes.py [--backends use-multilingual,minilm,static] [--out results.json]

Sets (read from ../shared/data when present; never copied): app-reviews-4class (8,000 Google Play
reviews, label), nlbse24-github-issues (3,000 issues, label), zh-waimai-10k (Chinese reviews: keywords
only) and tests/fixtures/themes_bilingual.csv (the same complaints in Chinese and English).

Per set and embedding backend: NMI and ARI of theme assignments vs labels (unassigned items count as
one more cluster, as HDBSCAN's -1 does for the baseline), share unassigned, number of themes, seconds.
"Ours" is analysis.topics.find_themes with default ThemeParams; "defaults" is ``BERTopic()`` with
every component at its default, given the same embeddings. Vectors are cached in --cache.
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
from analysis.text_clean import clean_corpus  # noqa: E402
from analysis.topics import ThemeParams, find_themes, import_engine  # noqa: E402

DATA = Path(os.environ.get("TRIAGE_SHARED_DATA", ROOT.parent / "shared" / "data"))
EMBED_CHARS = 1000  # as the analysis service does
csv.field_size_limit(10**9)


def load(name: str) -> tuple[list[str], list[str] | None]:
    """Cleaned texts and labels (None: no labels)."""
    if name == "app-reviews":
        rows = list(csv.DictReader(open(DATA / "app-reviews-4class/dataset_balanced_8000.csv", encoding="utf-8")))
        return clean_corpus([("google_play", None, None, r["review"]) for r in rows]), [r["label"] for r in rows]
    if name == "nlbse24":
        rows = []
        for f in ("issues_train.csv", "issues_test.csv"):
            rows += list(csv.DictReader(open(DATA / "nlbse24-github-issues" / f, encoding="utf-8")))
        return clean_corpus([("github", r["repo"], r["title"], r["body"]) for r in rows]), [r["label"] for r in rows]
    if name == "waimai":
        rows = list(csv.DictReader(open(DATA / "zh-waimai-10k/waimai_10k.csv", encoding="utf-8")))
        return clean_corpus([(None, None, None, r["review"]) for r in rows]), None
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
    texts = [d[:EMBED_CHARS] for d in docs]
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backends", default="use-multilingual,minilm,static")
    ap.add_argument("--sets", default="app-reviews,nlbse24,waimai,bilingual")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "feedback-triage" / "eval")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    import_engine()
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
            ours = find_themes(docs, emb, ThemeParams(seed=args.seed))
            row["ours"] = {**score(ours.labels, truth), "seconds": round(time.perf_counter() - t, 1),
                           "cpu_s": round(time.process_time() - c, 1)}
            t, c = time.perf_counter(), time.process_time()
            base, base_kw = defaults(docs, emb)
            row["defaults"] = {**score(base, truth), "seconds": round(time.perf_counter() - t, 1),
                               "cpu_s": round(time.process_time() - c, 1)}
            if ids:
                row["ours"]["pairs_together"] = pairs_together(ours.labels, ids)
                row["defaults"]["pairs_together"] = pairs_together(base, ids)
            if name in ("waimai", "bilingual"):
                row["ours"].update(keyword_stats({t.index: t.keywords for t in ours.themes}))
                row["defaults"].update(keyword_stats(base_kw))
                row["top_themes"] = [{"size": t.size, "label": t.label, "keywords": t.keywords[:8]}
                                     for t in sorted(ours.themes, key=lambda t: -t.size)[:8]]
            results.append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
    print("\n| set | backend | ours NMI | defaults NMI | ours ARI | defaults ARI | ours unassigned | defaults "
          "unassigned | ours themes | defaults themes |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        o, d = r["ours"], r["defaults"]
        print(f"| {r['set']} | {r['backend']} | {o.get('nmi', '-')} | {d.get('nmi', '-')} | {o.get('ari', '-')} | "
              f"{d.get('ari', '-')} | {100 * o['unassigned']:.1f}% | {100 * d['unassigned']:.1f}% | {o['themes']} | "
              f"{d['themes']} |")
    if args.out:
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
