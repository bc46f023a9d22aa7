"""Rules for "one concept, one parent" measured on the same sub-themes (grouping only, no labels).

    PYTHONPATH=. .venv/bin/python bench/tree_rules.py [--sets waimai,app-reviews,nlbse24,kaggle,apple] [--cache DIR]

Each rule is this tree's ``theme_tree.top_groups`` with one part patched in this process:
- ``no refine``: without the ``theme_groups.refine`` post-pass (the grouping of main 367b0af);
- ``now``: as shipped;
- ``key terms 0.5``: the shared-words signal is the cosine of key-term profiles (per term, the share p of a
  sub-theme's sampled texts using it, weighted p x log(p / mean share) when above average) between sub-themes
  of the same majority type, weight 0.5, instead of the IDF cosine;
- ``type x0.6``: the type-mix term x 0.6 between sub-themes of the same majority type.
Columns as ``bench/tree_quality.py`` (same sub-themes: ``--reuse`` cache of that script). Rejected rules and why:
bench/RESULTS.md, "Top-level grouping (session 7)".
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
import tree_quality as tq  # noqa: E402
from analysis import theme_groups as gm  # noqa: E402
from analysis import theme_tree as tt  # noqa: E402


def key_term_similarity(texts, mixes):
    from sklearn.feature_extraction.text import CountVectorizer
    import scipy.sparse as sp
    import snowballstemmer

    stem = snowballstemmer.stemmer("english").stemWord
    flat = [t for group in texts for t in group]
    present = CountVectorizer(analyzer=lambda t: sorted(set(gm._lex_terms(t, stem))), binary=True).fit_transform(flat)
    lengths = np.array([len(g) for g in texts])
    owner = sp.csr_matrix((np.ones(len(flat)), (np.repeat(np.arange(len(texts)), lengths), np.arange(len(flat)))))
    share = (owner @ present).toarray() / np.maximum(lengths, 1)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        lift = np.log(np.where(share > 0, share / np.maximum(share.mean(axis=0, keepdims=True), 1e-12), 1.0))
    w = np.where(lift > 0, share * lift, 0.0)
    w /= np.maximum(np.linalg.norm(w, axis=1, keepdims=True), 1e-12)
    sim = np.clip(w @ w.T, 0.0, 1.0)
    if mixes is not None:
        major = np.nan_to_num(mixes[:, 3:]).argmax(axis=1)
        sim = sim * (major[:, None] == major[None, :])
    np.fill_diagonal(sim, 1.0)
    return sim


def same_type_discount(factor: float):
    from scipy.spatial.distance import pdist, squareform

    def distances(centroids, mixes=None, n_sentiments=3, kind_weight=tt.KIND_WEIGHT):
        out = np.maximum(pdist(np.asarray(centroids, dtype=np.float64), "cosine"), 0.0)
        if mixes is None or not kind_weight:
            return out
        filled = np.where(np.isnan(mixes), np.nanmean(mixes, axis=0), mixes)
        kind = (pdist(filled[:, :n_sentiments], "cityblock") + pdist(filled[:, n_sentiments:], "cityblock")) / 2
        major = filled[:, n_sentiments:].argmax(axis=1)
        same = squareform((major[:, None] == major[None, :]).astype(float) - np.eye(len(major)), checks=False)
        return out + kind_weight * kind * np.where(same > 0, factor, 1.0)
    return distances


def run(rule: str, docs, args, kwargs):
    saved = (gm.refine, gm.lexical_similarity, gm.with_words, tt.subtheme_distances, gm.profile_subthemes)
    try:
        if rule == "no refine":
            gm.refine = lambda groups, *a, **k: np.unique(groups, return_inverse=True)[1]
        elif rule == "key terms 0.5":
            seen = {}
            real_profile = gm.profile_subthemes

            def profile_spy(*a, **k):
                out = real_profile(*a, **k)
                seen["mixes"] = out[0]
                return out
            gm.profile_subthemes = profile_spy
            gm.lexical_similarity = lambda texts: key_term_similarity(texts, seen.get("mixes"))
            real_words = gm.with_words
            gm.with_words = lambda distances, lexical, weight=0.5: real_words(distances, lexical, weight)
        elif rule == "type x0.6":
            tt.subtheme_distances = same_type_discount(0.6)
        top_of, *_ = tt.top_groups(docs, args[2], args[3], args[4], args[5], seed=kwargs.get("seed", 42),
                                   embed=kwargs["embed"], profile=kwargs["profile"], profiled=kwargs.get("profiled"),
                                   kind_weight=kwargs.get("kind_weight", tt.KIND_WEIGHT), distance=kwargs.get("distance"))
        return top_of
    finally:
        gm.refine, gm.lexical_similarity, gm.with_words, tt.subtheme_distances, gm.profile_subthemes = saved


def main() -> None:
    from analysis import topics
    from analysis.embeddings import get_backend
    from analysis.feedback_classes import TYPES
    from sklearn.metrics import normalized_mutual_info_score as nmi
    from triage_app.engine_cache import cache_dir as engine_cache_dir

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="waimai,app-reviews,nlbse24,kaggle,apple")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "feedback-triage" / "eval")
    args = ap.parse_args()
    topics.import_engine(engine_cache_dir())
    print("| set | rule | top | largest parent | mixed parents (app) | mutual-nearest split by centroid / by words "
          "| concepts: parents/sub-themes, items outside the main parent | NMI top |")
    print("|---|---|---|---|---|---|---|---|")
    for name in args.sets.split(","):
        docs, human = tq.load(name)
        emb, _ = ev.vectors(name, docs, "use-multilingual", args.cache)
        profile = ev.profile_for("use-multilingual", docs, emb)
        result, bargs, bkwargs = tq.record_inputs(docs, emb, profile, get_backend("use-multilingual").encode,
                                                  args.cache / f"tree_inputs_{name}.pkl")
        labels, n = result.labels, len(result.themes)
        sent, kind = (p.argmax(1) for p in profile(np.arange(len(docs))))
        pol = np.array([tq.majority(sent[labels == k], 3) for k in range(n)])
        kinds = pol * 100 + np.array([tq.majority(kind[labels == k], len(TYPES)) for k in range(n)])
        centroids = np.vstack([t.centroid for t in result.themes]).astype(np.float64)
        rng = np.random.default_rng(0)
        lexical = gm.lexical_similarity([tt.sample_texts(docs, labels, k, rng, 100) for k in range(n)])
        near_cos, near_words = tq.mutual_pairs(centroids @ centroids.T, kinds), tq.mutual_pairs(lexical, kinds)
        concepts = tq.concept_subthemes(name, docs, labels, n)
        sizes = np.bincount(labels[labels >= 0], minlength=n)
        for rule in ("no refine", "now", "key terms 0.5", "type x0.6"):
            top_of = run(rule, docs, bargs, bkwargs)
            load = np.bincount(top_of, weights=sizes)
            mixed, _ = tq.tree_metrics(top_of, labels, sent, 3, True)
            spread = "; ".join(f"{c} {p}/{k} {100 * o:.0f}%" for c, (k, p, o) in
                               tq.concept_spread(top_of, sizes, concepts).items())
            items = np.where(labels >= 0, top_of[np.maximum(labels, 0)], -1)
            score = f"{nmi(human['class'], items):.4f}" if "class" in human else "-"
            print(f"| {name} | {rule} | {top_of.max() + 1} | {tq.pct(load.max() / load.sum())} | {tq.pct(mixed)} | "
                  f"{tq.pct(tq.pair_split(top_of, near_cos))} / {tq.pct(tq.pair_split(top_of, near_words))} | "
                  f"{spread or '-'} | {score} |", flush=True)


if __name__ == "__main__":
    main()
