"""Is the top level of the theme tree trustworthy as a PM reads it? The same sub-themes grouped by the
baseline's ``theme_tree.build_tree`` (git ref, default 367b0af, loaded beside ours) and by today's, in one run.

    PYTHONPATH=. .venv/bin/python bench/tree_quality.py [--sets waimai,app-reviews,nlbse24,kaggle,apple]
        [--base 367b0af] [--flat] [--labels]

Per tree, by the APP'S OWN predicted sentiment and type of each item (argmax of the feedback-class heads,
what the item list shows for items without a rating) and, where the set has them, by the human labels:
- mixed parents: share of parents (2+ children) holding a child whose majority polarity (negative /
  neutral / positive) is the opposite of the parent's (praise under a complaint parent, or the reverse);
- items against parent: share of assigned items in children whose majority class differs from their
  parent's (polarity, and feedback type by the app);
- concept split, three definitions of a near-duplicate sub-theme pair (the share of such pairs under different
  top-level themes):
  * old (session 5): centroid cosine in the top 3% of all pairs, same majority polarity. Unsound as a target:
    the pairs chain into components of 30-60% of the items (a ``same area`` relation, not ``same concept``),
    so with no parent above ~15% a large share must split whatever the grouping does;
  * mutual-nearest by centroid / by shared words (session 6): each is the other's nearest sub-theme (centroid
    cosine / ``theme_groups.lexical_similarity``), that pair in the top 3% of all pairs, and the same majority
    polarity and feedback type by the app. No chains; the words view shares its signal with the grouping;
- concepts (session 6): hand-written patterns per set (``CONCEPTS``: "slow delivery", "login", "jupyter"...);
  a sub-theme is in a concept when at least half its members match; per concept the number of parents
  holding its sub-themes and the share of its items outside its largest parent (independent of both signals);
  beside it the same by the session 12 patterns (``STRICT_CONCEPTS``: sharpened where reading showed the old
  pattern counting texts not about the concept; the old column stays);
- build_tree CPU: process seconds of ``build_tree`` (grouping and the labels of both levels; the lesser of two runs);
- catch-all: the largest top-level theme's share of assigned items; number of top-level themes;
- NMI of the top level (and sub-themes, and with ``--flat`` the flat themes of ea7c5e7) vs human classes.
``--labels`` prints each tree's top-level labels with their children (product-generated strings only).
Reads ../shared/data (never copied); vectors cached as bench/eval_themes.py caches them.
"""
from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import eval_themes as ev  # noqa: E402
import labelled_sets as lsets  # noqa: E402
from analysis import theme_tree as tt  # noqa: E402
from analysis import topics  # noqa: E402
from analysis.text_clean import clean_corpus  # noqa: E402
from triage_app.engine_cache import cache_dir as engine_cache_dir  # noqa: E402

POLARITY = ("negative", "neutral", "positive")


def load(name: str) -> tuple[list[str], dict[str, list[str]]]:
    """Cleaned texts and human label sets by kind ({} when none)."""
    if name == "apple":
        rows = lsets.apple_tweets()
        return clean_corpus([("default", None, None, t) for t, _ in rows]), {"sentiment": [s for _, s in rows]}
    docs, truth = ev.load(name)
    if name == "waimai":
        import csv

        with open(ev.DATA / "zh-waimai-10k/waimai_10k.csv", encoding="utf-8") as fh:  # the rows ev.load read
            return docs, {"sentiment": ["positive" if r["label"] == "1" else "negative" for r in csv.DictReader(fh)]}
    return docs, ({"class": list(truth)} if truth is not None else {})


def module_at(ref: str, path: str, name: str):
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:{path}"], capture_output=True, text=True,
                            check=True).stdout
    spec = importlib.util.spec_from_loader(name, loader=None)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "analysis"
    sys.modules[name] = module
    exec(compile(source, f"{ref}:{path}", "exec"), module.__dict__)
    return module


def base_tree(ref: str):
    """``theme_tree`` of ``ref`` with the ``theme_groups`` of ``ref`` (its ``from . import theme_groups``
    sees the baseline's module while it loads) and, when ``ref`` has one, the ``theme_concepts`` of ``ref``
    (imported inside ``group_subthemes``: swapped in while the baseline's ``build_tree`` runs)."""
    import functools

    import analysis
    import analysis.theme_concepts  # noqa: F401  (ours, restored after each baseline call)

    import analysis.theme_labels as labels_now

    if not hasattr(labels_now, "_fallback"):  # a baseline before session 10 imports the fallback by its old name
        labels_now._fallback = labels_now.typical_sentence  # type: ignore[attr-defined]
    ours = sys.modules["analysis.theme_groups"]
    groups = module_at(ref, "analysis/theme_groups.py", "analysis._base_theme_groups")
    sys.modules["analysis.theme_groups"], analysis.theme_groups = groups, groups
    try:
        tree = module_at(ref, "analysis/theme_tree.py", "analysis._base_theme_tree")
    finally:
        sys.modules["analysis.theme_groups"], analysis.theme_groups = ours, ours
    try:
        concepts = module_at(ref, "analysis/theme_concepts.py", "analysis._base_theme_concepts")
    except subprocess.CalledProcessError:  # a baseline before session 8
        return tree
    real = tree.build_tree

    @functools.wraps(real)
    def build_tree(*args, **kwargs):
        mine = sys.modules["analysis.theme_concepts"]
        sys.modules["analysis.theme_concepts"], analysis.theme_concepts = concepts, concepts
        try:
            return real(*args, **kwargs)
        finally:
            sys.modules["analysis.theme_concepts"], analysis.theme_concepts = mine, mine

    tree.build_tree = build_tree
    return tree


def grouped_by(build, docs, recorded: dict) -> dict:
    """The recorded keyword arguments that ``build`` takes, with ``group_docs`` (the embedded texts, issue forms
    kept: what the app's grouping reads) when it takes it; a baseline before session 10 reads ``docs``."""
    import inspect

    params = inspect.signature(inspect.unwrap(build)).parameters
    kwargs = {k: v for k, v in recorded.items() if k in params}
    embedded = ev.EMBEDDED.get(id(docs))
    if "group_docs" in params and embedded is not None and embedded != docs:
        kwargs["group_docs"] = embedded
    return kwargs


def record_inputs(docs, emb, profile, embed, path: Path | None = None):
    """Run ``find_themes`` once; return the sub-themes and the arguments it gave ``build_tree``
    (kept in ``path`` when given: the sub-themes do not depend on the grouping)."""
    import pickle

    if path is not None and path.exists():
        result, args, kwargs = pickle.loads(path.read_bytes())
        kwargs.update(embed=embed, profile=profile)
        return result, (docs, emb, *args[2:]), kwargs
    seen = {}
    real = topics.build_tree

    def spy(*args, **kwargs):
        seen["args"], seen["kwargs"] = args, dict(kwargs)
        return real(*args, **kwargs)

    topics.build_tree = spy
    try:
        result = topics.find_themes(docs, emb, topics.ThemeParams(), embed=embed, profile=profile,
                                    cache_dir=engine_cache_dir())
    finally:
        topics.build_tree = real
    if path is not None:
        kept = {k: v for k, v in seen["kwargs"].items() if k not in ("embed", "profile")}
        path.write_bytes(pickle.dumps((result, (None, None, *seen["args"][2:]), kept)))
    return result, seen["args"], seen["kwargs"]


def majority(values: np.ndarray, n_classes: int) -> int:
    return int(np.bincount(values, minlength=n_classes).argmax())


def tree_metrics(top_of: np.ndarray, labels: np.ndarray, classes: np.ndarray, n_classes: int,
                 polar: bool) -> tuple[float, float]:
    """(share of parents with a child opposite the parent's polarity, or for types any child of another
    majority; share of assigned items in children whose majority differs from their parent's)."""
    assigned = labels >= 0
    tops = top_of[labels[assigned]]
    cls = classes[assigned]
    child_major = {k: majority(cls[labels[assigned] == k], n_classes) for k in np.unique(labels[assigned])}
    mixed = groups = against = 0
    for g in np.unique(tops):
        children = [k for k in np.flatnonzero(top_of == g) if k in child_major]
        parent = majority(cls[tops == g], n_classes)
        if len(children) > 1:
            groups += 1
            if polar:
                mixed += any(abs(child_major[k] - parent) == 2 for k in children)
            else:
                mixed += any(child_major[k] != parent for k in children)
        against += sum(int((labels == k).sum()) for k in children if child_major[k] != parent)
    return (mixed / groups if groups else 0.0), against / max(1, int(assigned.sum()))


def concept_split(top_of: np.ndarray, centroids: np.ndarray, child_polarity: np.ndarray) -> tuple[float, int]:
    """(share of near-duplicate sub-theme pairs under different parents, number of such pairs)."""
    sim = centroids @ centroids.T
    iu = np.triu_indices(len(centroids), 1)
    if not len(iu[0]):
        return 0.0, 0
    tau = float(np.quantile(sim[iu], 0.97))
    pairs = [(i, j) for i, j in zip(*iu) if sim[i, j] >= tau and child_polarity[i] == child_polarity[j]]
    split = sum(1 for i, j in pairs if top_of[i] != top_of[j])
    return (split / len(pairs) if pairs else 0.0), len(pairs)


#: Concepts a reader names in each set (regular expressions, written from the sets' product-generated labels).
CONCEPTS = {
    "waimai": {"slow delivery": r"慢|小时|分钟|才送到|迟到|超时|等了", "courier thanks": r"小哥|师傅|骑士|骑手|辛苦",
               "spills": r"洒|撒|漏", "cold food": r"凉了|都凉|凉的|冷了|不热|冰凉",
               "portion size": r"分量|量少|量太少|量小|太少|吃不饱|不够吃|菜少"},
    "app-reviews": {"login": r"log ?in|password|sign ?in|account", "crash": r"crash|freez|force clos|won'?t (open|load|start|work)|not working|stopp?ed working",
                    "ads": r"\bads?\b|advert", "dark mode": r"dark (mode|theme)|night mode",
                    "praise for app": r"^(?=.*\b(great|good|best|awesome|amazing|nice|excellent|love|perfect|useful|helpful)\b)"
                                      r"(?=.*\bapps?\b)"},
    "nlbse24": {"tensorflow": r"tensorflow|\btf\b", "vscode": r"vs ?code|visual studio code", "bitcoin": r"bitcoin|wallet",
                "opencv": r"opencv|cv2", "react": r"\breact\b"},
    "kaggle": {"jupyter": r"jupyter|notebook", "sql": r"\bsql\b|mysql|postgres", "spreadsheets": r"excel|spreadsheet|sheets",
               "cloud": r"\baws\b|azure|google cloud|gcp"},
    "apple": {"stock": r"\$aapl|stock|shares|price target|\bpt\b", "battery": r"battery|charg",
              "music": r"itunes|music|songs?\b|ipod", "steve jobs": r"steve|jobs"},
}


#: Session 12: the same concepts, patterns sharpened where reading the sub-themes outside the main parent showed the
#: session 6 pattern counting texts that are not about the concept; (pattern, exclusion): a text matching the
#: exclusion is not in the concept. Both are reported (``--concepts``); concepts not listed keep their pattern.
#: - waimai slow delivery: durations counted deliveries praised as fast ("不到20分钟就到了", "提前一小时送来"),
#:   while late arrivals told by clock times ("十点半订的, 一点才送到") were missed: clock-time spans and
#:   "才送来/才到" join, speed praise and early arrival are excluded;
#: - apple stock: the cashtag "$AAPL" is appended to any news (iPhone 6 sales, market share against Android):
#:   market words instead (stock, price target, EPS, trading, analysts, put/call ...), "in/out of stock" excluded;
#: - apple steve jobs: "steve" matched Steve Wozniak and other Steves;
#: - app-reviews praise for app: "would be great if ...", "good app but please add ..." are requests: excluded.
STRICT_CONCEPTS: dict[str, dict[str, str | tuple[str, str]]] = {
    "waimai": {"slow delivery": (
        r"慢|小时|钟头|分钟|才(送到|送来|到)|迟到|超时|等了"
        r"|[\d一二三四五六七八九十两]点.{0,12}(下单|下的单|订|定|点的).{0,16}[\d一二三四五六七八九十两]点",
        r"(送餐|送货|配送|送的|送得|速度|来的|到的|送达|送来|上菜)(也|很|挺|非常|特别|超级|超|真|比较|蛮|还|太|都|的|得)*"
        r"(快|及时|准时|迅速)(?!点|一点|些)|提前|早到|早了|不到.{0,4}(分钟|小时)|(分钟|小时|点)(就|便)(送|到|来)|神速")},
    "apple": {"stock": (r"\bstocks?\b|stockaction|price target|\btarget\b|priced at|share price|\bpt\b|\beps\b|earnings"
                        r"|\btrad(ing|ers?)\b|analysts?\b|investors?\b|investment|wall street|nasdaq|fibonacci|intraday"
                        r"|put.?call|outperform|market cap|\bshares\b|upside|\bbull(ish|s)?\b|\bbear(ish|s)?\b|dropped by",
                        r"\b(in|out of) stock\b"),
              "steve jobs": r"steve\s*jobs|\bjobs'"},
    "app-reviews": {"praise for app": (
        CONCEPTS["app-reviews"]["praise for app"],
        r"\b(wish|would be|would like|could you|please|pls|plz|add|needs?|should|hope|improve|fix)\b"
        r"|\bif (you|we|it|they|there)\b")},
}


def concept_patterns(name: str, strict: bool = False) -> dict[str, tuple[str, str | None]]:
    """(pattern, exclusion or None) per concept of the set: ``CONCEPTS``, or with ``strict`` ``STRICT_CONCEPTS``
    where it sharpens one."""
    out: dict[str, tuple[str, str | None]] = {}
    for concept, pattern in CONCEPTS.get(name, {}).items():
        sharp = STRICT_CONCEPTS.get(name, {}).get(concept) if strict else None
        chosen = pattern if sharp is None else sharp
        out[concept] = (chosen, None) if isinstance(chosen, str) else chosen
    return out


def concept_hits(texts, pattern: str, exclude: str | None = None) -> np.ndarray:
    """Whether each text is in the concept: matches ``pattern`` and not ``exclude`` (case-insensitive)."""
    import re

    rx, no = re.compile(pattern, re.I), (re.compile(exclude, re.I) if exclude else None)
    return np.array([bool(rx.search(t)) and not (no is not None and no.search(t)) for t in texts], dtype=bool)


def concept_subthemes(name: str, docs, labels: np.ndarray, n_sub: int, strict: bool = False) -> dict[str, np.ndarray]:
    """Sub-themes of which at least half the members match each concept of the set (concepts of 2+); ``strict``:
    by the session 12 patterns (``STRICT_CONCEPTS``)."""
    out = {}
    counts = np.bincount(labels[labels >= 0], minlength=n_sub)
    for concept, (pattern, exclude) in concept_patterns(name, strict).items():
        hit = concept_hits(docs, pattern, exclude).astype(np.float64)
        share = np.bincount(labels[labels >= 0], weights=hit[labels >= 0], minlength=n_sub) / np.maximum(counts, 1)
        subs = np.flatnonzero(share >= 0.5)
        if len(subs) > 1:
            out[concept] = subs
    return out


def concept_spread(top_of: np.ndarray, sizes: np.ndarray, concepts: dict) -> dict[str, tuple[int, int, float]]:
    """Per concept: (sub-themes, parents holding them, share of its items outside its largest parent)."""
    out = {}
    for concept, subs in concepts.items():
        by: dict[int, int] = {}
        for k in subs:
            by[int(top_of[k])] = by.get(int(top_of[k]), 0) + int(sizes[k])
        out[concept] = (len(subs), len(by), 1 - max(by.values()) / max(1, sum(by.values())))
    return out


def mutual_pairs(similarity: np.ndarray, kinds: np.ndarray) -> list[tuple[int, int]]:
    """Mutual nearest sub-themes by ``similarity``, in its top 3% of pairs, of the same kind."""
    sim = np.array(similarity, dtype=np.float64, copy=True)
    n = len(sim)
    if n < 3:
        return []
    tau = float(np.quantile(sim[np.triu_indices(n, 1)], 0.97))
    np.fill_diagonal(sim, -np.inf)
    nearest = sim.argmax(axis=1)
    return sorted({(min(i, j), max(i, j)) for i, j in enumerate(nearest)
                   if nearest[j] == i and sim[i, j] >= tau and kinds[i] == kinds[j]})


def pair_split(top_of: np.ndarray, pairs) -> float | None:
    return sum(top_of[i] != top_of[j] for i, j in pairs) / len(pairs) if pairs else None


def nmi(truth, labels) -> float:
    from sklearn.metrics import normalized_mutual_info_score

    return float(normalized_mutual_info_score(truth, labels))


def evaluate(name: str, args) -> list[dict]:
    from analysis.embeddings import get_backend
    from analysis.feedback_classes import TYPES

    docs, human = load(name)
    emb, _ = ev.vectors(name, docs, "use-multilingual", args.cache)
    profile = ev.profile_for("use-multilingual", docs, emb)
    sent_p, type_p = profile(np.arange(len(docs)))
    app_sent, app_type = sent_p.argmax(1), type_p.argmax(1)
    result, bargs, bkwargs = record_inputs(docs, emb, profile, get_backend("use-multilingual").encode,
                                           args.cache / f"tree_inputs_{name}.pkl" if args.reuse else None)
    labels = result.labels
    centroids = np.vstack([t.centroid for t in result.themes]).astype(np.float64)
    child_pol = np.array([majority(app_sent[labels == k], 3) for k in range(len(result.themes))])
    child_kind = child_pol * 100 + np.array([majority(app_type[labels == k], len(TYPES))
                                             for k in range(len(result.themes))])
    from analysis.theme_groups import lexical_similarity

    rng = np.random.default_rng(0)
    lexical = lexical_similarity([tt.sample_texts(docs, labels, k, rng, 100) for k in range(len(result.themes))])
    near_cos, near_words = mutual_pairs(centroids @ centroids.T, child_kind), mutual_pairs(lexical, child_kind)
    concepts = concept_subthemes(name, docs, labels, len(result.themes))
    strict = concept_subthemes(name, docs, labels, len(result.themes), strict=True)
    sub_sizes = np.bincount(labels[labels >= 0], minlength=len(result.themes))
    base = base_tree(args.base)
    flat_nmi = {}
    if args.flat and human.get("class"):
        flat = ev.main_flat().find_themes(docs, emb)
        flat_nmi = {k: nmi(v, flat.labels) for k, v in human.items()}
    rows = []
    for tree_name, build in ((f"base {args.base}", base.build_tree), ("now", tt.build_tree)):
        sub_labels = [""] * len(result.themes)
        row = {"set": name, "tree": tree_name, "items": len(docs)}
        a = list(bargs)
        a[6] = sub_labels
        import time

        row["cpu"] = np.inf
        for _ in range(2):  # the lesser of two runs: the first one pays one-time loads (jieba, models)
            a[6] = sub_labels = [""] * len(result.themes)
            cpu = time.process_time()
            top_of, tops = build(*a, **grouped_by(build, docs, bkwargs))
            row["cpu"] = min(row["cpu"], time.process_time() - cpu)
        top_items = np.where(labels >= 0, top_of[np.maximum(labels, 0)], -1)
        row.update({"tops": len(tops), "subs": len(result.themes)})
        sizes = np.array([t.size for t in tops])
        row["catch_all"] = sizes.max() / max(1, sizes.sum())
        row["mixed_app"], row["against_app"] = tree_metrics(top_of, labels, app_sent, 3, True)
        row["type_mixed_app"], row["type_against_app"] = tree_metrics(top_of, labels, app_type, len(TYPES), False)
        if "sentiment" in human:
            truth = np.array([POLARITY.index(s) for s in human["sentiment"]])
            row["mixed_human"], row["against_human"] = tree_metrics(top_of, labels, truth, 3, True)
        row["split"], row["near_pairs"] = concept_split(top_of, centroids, child_pol)
        row["split_cos"], row["split_words"] = pair_split(top_of, near_cos), pair_split(top_of, near_words)
        row["n_cos"], row["n_words"] = len(near_cos), len(near_words)
        row["concepts"] = concept_spread(top_of, sub_sizes, concepts)
        row["concepts_strict"] = concept_spread(top_of, sub_sizes, strict)
        for kind, truth in human.items():
            row[f"nmi_{kind}"] = (nmi(truth, top_items), nmi(truth, labels), flat_nmi.get(kind))
        neg = app_sent == 0
        pos = app_sent == 2
        row["labels"] = [(t.label, t.size, float(neg[top_items == g].mean()), float(pos[top_items == g].mean()),
                          [(sub_labels[k], int((labels == k).sum()), float(neg[labels == k].mean()))
                           for k in sorted(t.children, key=lambda k: -(labels == k).sum())])
                         for g, t in enumerate(tops)]
        rows.append(row)
    return rows


def pct(v) -> str:
    return "-" if v is None else f"{100 * v:.1f}%"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="waimai,app-reviews,nlbse24,kaggle,apple")
    ap.add_argument("--base", default="367b0af")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "feedback-triage" / "eval")
    ap.add_argument("--flat", action="store_true", help="also score the flat themes of ea7c5e7 (slower)")
    ap.add_argument("--reuse", action="store_true", help="keep/reuse the sub-themes in --cache (tuning)")
    ap.add_argument("--labels", action="store_true", help="print the top-level labels and their children")
    args = ap.parse_args()
    topics.import_engine(engine_cache_dir())
    rows = [r for name in args.sets.split(",") for r in evaluate(name, args)]
    print("\n| set | tree | top / sub | catch-all | mixed parents app / human | items against parent app / human "
          "| type-against (app) | near-dup split: old (pairs) | mutual-nearest by centroid / by words (pairs) "
          "| concepts: parents/sub-themes, items outside the main parent | ... by the session 12 patterns "
          "| NMI top / sub / flat | build_tree CPU s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        nmis = "; ".join(f"{k[4:]} {t:.4f} / {s:.4f} / {'-' if f is None else f'{f:.4f}'}"
                         for k, (t, s, f) in ((k, v) for k, v in r.items() if k.startswith("nmi_")))
        concepts, strict = ("; ".join(f"{c} {p}/{n} {100 * o:.0f}%" for c, (n, p, o) in r[key].items())
                            for key in ("concepts", "concepts_strict"))
        print(f"| {r['set']} ({r['items']:,}) | {r['tree']} | {r['tops']} / {r['subs']} | {pct(r['catch_all'])} | "
              f"{pct(r['mixed_app'])} / {pct(r.get('mixed_human'))} | {pct(r['against_app'])} / "
              f"{pct(r.get('against_human'))} | {pct(r['type_against_app'])} | {pct(r['split'])} ({r['near_pairs']}) "
              f"| {pct(r['split_cos'])} ({r['n_cos']}) / {pct(r['split_words'])} ({r['n_words']}) | {concepts or '-'} "
              f"| {strict or '-'} "
              f"| {nmis or '-'} | {r['cpu']:.1f} |")
    if args.labels:
        for r in rows:
            print(f"\n### {r['set']}: {r['tree']}\n")
            for label, size, neg, pos, children in sorted(r["labels"], key=lambda x: -x[1]):
                kids = " · ".join(f"{c} ({n}, {100 * cn:.0f}% neg)" for c, n, cn in children) if len(children) > 1 \
                    else ""
                print(f"- **{label}** ({size:,}; {100 * neg:.0f}% neg / {100 * pos:.0f}% pos) {kids}")


if __name__ == "__main__":
    main()
