"""Automatic label-quality figures: a baseline labeller vs this tree's, on the same themes, same run.

    PYTHONPATH=. .venv/bin/python bench/label_quality.py --base /path/to/baseline/worktree [--sets app-reviews,...]

For each real set in ../shared/data: a seeded sample is cleaned as the app cleans it (``clean_corpus``),
embedded with the default model (vectors cached in --cache), clustered once with ``find_themes``
(this tree), and the resulting top-level themes and the sub-themes inside each are labelled by
both ``phrase_labels`` (the baseline's ``analysis`` package loaded from --base under another name,
and ours) on identical inputs. Measures, computed here and not by either labeller:

- single: share of labels that are one token (English: one word; Chinese: one jieba word);
- grounded: share whose words all occur in at least 3 member texts of the theme (or all of a
  smaller theme's; English by word stem, Chinese by substring; degree adverbs ignored);
- evaluative: share that say how something is (English: a VADER sentiment word or a negation;
  Chinese: a jieba adjective, negation or verb-complement after a noun);
- long: share over ~6 words / 10 Chinese characters; numbered: share with "(2)" (fallback duplicates);
- words / chars: mean length; CPU s: labelling time (all themes of the set).
Prints a Markdown table and a sample of labels per set (labels only, never member texts).
"""
from __future__ import annotations

import argparse
import csv
import importlib
import importlib.util
import os
import pickle
import random
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
DATA = Path(os.environ.get("TRIAGE_SHARED_DATA") or next(
    (p / "shared" / "data" for p in ROOT.parents if (p / "shared" / "data").exists()), ROOT.parent / "shared" / "data"))
csv.field_size_limit(10**9)
SAMPLE = 200  # member texts per theme given to the labeller (as theme_tree.KEYWORD_SAMPLE)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_NUMBERED = re.compile(r" \(\d+\)$")


def _sample(rows: list, n: int, seed: int = 42) -> list:
    return random.Random(seed).sample(rows, n) if len(rows) > n else rows


def records(name: str, n: int) -> list[tuple]:
    """(source_format, source, title, text) as the importers would store them."""
    if name == "app-reviews":
        rows = [r["review"] for r in csv.DictReader(open(DATA / "app-reviews-4class/dataset_balanced_8000.csv",
                                                         encoding="utf-8"))]
        return [(None, None, None, t) for t in _sample(rows, n)]
    if name == "nlbse24":
        rows = []
        for part in ("issues_train.csv", "issues_test.csv"):
            rows += list(csv.DictReader(open(DATA / "nlbse24-github-issues" / part, encoding="utf-8")))
        return [("github", r["repo"], r["title"], r["body"]) for r in _sample(rows, n)]
    if name == "waimai":
        rows = [r["review"] for r in csv.DictReader(open(DATA / "zh-waimai-10k/waimai_10k.csv", encoding="utf-8"))]
        return [(None, None, None, t) for t in _sample(rows, n)]
    if name == "kaggle":
        with open(DATA / "kaggle-survey-2018-freeform/freeFormResponses.csv", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        answers = [a for r in rows[2:] for a in r
                   if a.strip() and not a.strip().replace(".", "").replace("-", "").isdigit()]
        return [(None, None, None, t) for t in _sample(answers, n)]
    if name == "apple-tweets":
        with open(DATA / "apple-tweets-sentiment/Apple-Twitter-Sentiment-DFE.csv", encoding="latin-1") as f:
            next(f)
            rows = [r["text"] for r in csv.DictReader(f, delimiter=";")]
        return [(None, None, None, t) for t in _sample(rows, n)]
    if name == "cfpb":
        rows = [r["Consumer_complaint_narrative"] for r in csv.DictReader(
            open(DATA / "cfpb-complaints-sample/Consumer_Complaints.csv", encoding="utf-8"))]
        return [("cfpb_complaints", None, None, t) for t in _sample([r for r in rows if r.strip()], n)]
    if name == "alexa":
        rows = [r["verified_reviews"] for r in csv.DictReader(
            open(DATA / "amazon-alexa-reviews/amazon_alexa.tsv", encoding="utf-8-sig"), delimiter="\t")]
        return [(None, None, None, t) for t in _sample([r for r in rows if r.strip()], n)]
    raise SystemExit(f"unknown set {name!r}")


def load_base(path: Path):
    """The baseline tree's ``analysis.theme_labels`` as module ``base_analysis.theme_labels``."""
    spec = importlib.util.spec_from_file_location("base_analysis", path / "analysis" / "__init__.py",
                                                  submodule_search_locations=[str(path / "analysis")])
    mod = importlib.util.module_from_spec(spec)
    sys.modules["base_analysis"] = mod
    spec.loader.exec_module(mod)
    return importlib.import_module("base_analysis.theme_labels")


class Measure:
    """The figures of one list of labels against the members of their themes."""

    ADVERBS = re.compile("[很太超挺好真都也还就非常特别比较有点]")

    def __init__(self):
        import jieba
        import vaderSentiment

        from analysis.topic_keywords import english_stop

        self.tk = jieba.Tokenizer()
        self.tk.initialize()
        import jieba.posseg
        self.tags = jieba.posseg.dt.word_tag_tab
        lex = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
        self.valence = {ln.split("\t")[0]: float(ln.split("\t")[1]) for ln in lex.read_text(encoding="utf-8").splitlines()
                        if "\t" in ln}
        self.stop = english_stop()

    def words(self, label: str) -> list[str]:
        label = _NUMBERED.sub("", label)
        if _CJK.search(label):
            return [w for w in self.tk.lcut(label) if w.strip()]
        return re.findall(r"[A-Za-z0-9'+#.-]+", label)

    def grounded(self, label: str, members: list[str]) -> bool:
        label = _NUMBERED.sub("", label)
        if _CJK.search(label):
            parts = [w for w in self.words(label) if not self.ADVERBS.fullmatch(w)]
            hits = sum(all(p in t for p in parts) for t in members)
        else:
            stems = [w.lower()[:5] for w in self.words(label) if w.lower() not in self.stop and len(w) > 1]
            stems = stems or [w.lower()[:5] for w in self.words(label)]
            hits = 0
            for t in members:
                toks = set(x[:5] for x in re.findall(r"[a-z0-9'+#.-]+", t.lower()))
                hits += all(s in toks for s in stems)
        return hits >= min(3, len(members))

    def evaluative(self, label: str) -> bool:
        words = self.words(label)
        if _CJK.search(label):
            tags = [self.tags.get(w, "x") for w in words]
            return len(words) > 1 and any(t.startswith("a") or w in ("不", "没", "没有") or (i and t.startswith("v"))
                                          for i, (w, t) in enumerate(zip(words, tags)))
        lows = [w.lower() for w in words]
        return any(self.valence.get(w, 0) != 0 or w in ("no", "not", "can't", "cannot", "unable", "never", "won't",
                                                        "doesn't", "don't", "isn't") for w in lows)

    def table(self, labels: list[str], members: list[list[str]]) -> dict:
        n = max(1, len(labels))
        words = [self.words(lab) for lab in labels]
        zh = [bool(_CJK.search(lab)) for lab in labels]
        en_len = [len(w) for w, z in zip(words, zh) if not z]
        zh_len = [len(_NUMBERED.sub("", lab)) for lab, z in zip(labels, zh) if z]
        return {
            "single": sum(len(w) == 1 for w in words) / n,
            "grounded": sum(self.grounded(lab, m) for lab, m in zip(labels, members)) / n,
            "evaluative": sum(self.evaluative(lab) for lab in labels) / n,
            "long": sum((len(w) > 6) if not z else len(_NUMBERED.sub("", lab)) > 10
                        for lab, w, z in zip(labels, words, zh)) / n,
            "numbered": sum(bool(_NUMBERED.search(lab)) for lab in labels) / n,
            "words": float(np.mean(en_len)) if en_len else float("nan"),
            "chars": float(np.mean(zh_len)) if zh_len else float("nan"),
        }


def sibling_sets(docs, labels, top_of, n_top, seed):
    """[(texts per theme, centroid rows, all members per theme)] for the top level and each group's sub-themes."""
    rng = np.random.default_rng(seed)
    top_labels = np.where(labels >= 0, top_of[np.maximum(labels, 0)], -1)

    def texts(lab, k, limit=SAMPLE):
        idx = np.flatnonzero(lab == k)
        every = [docs[i] for i in idx]
        if len(idx) > limit:
            idx = np.sort(rng.choice(idx, limit, replace=False))
        return [docs[i] for i in idx], every

    out = [("top", [texts(top_labels, g) for g in range(n_top)], list(range(n_top)))]
    for g in range(n_top):
        children = [int(k) for k in np.flatnonzero(top_of == g)]
        if len(children) > 1:
            out.append(("sub", [texts(labels, k) for k in children], children))
    return out


def run_set(name: str, n: int, base_mod, cache: Path, measure: Measure, show: int) -> list[str]:
    from analysis import theme_labels
    from analysis.embeddings import get_backend
    from analysis.text_clean import clean_corpus
    from analysis.topics import ThemeParams, corpus_words, find_themes

    docs = clean_corpus(records(name, n))
    backend = get_backend()
    path = cache / f"{name}_{len(docs)}.npy"
    if path.exists():
        vectors = np.load(path)
    else:
        vectors = np.vstack([backend.encode([d[:1000] for d in docs[i:i + 256]]) for i in range(0, len(docs), 256)])
        cache.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    backend.encode(["warm up"])
    themes_path = cache / f"{name}_{len(docs)}_themes.pkl"
    if themes_path.exists():  # the same clusters as an earlier run (find_themes is deterministic)
        found = pickle.loads(themes_path.read_bytes())
    else:
        found = find_themes(docs, vectors, ThemeParams(), embed=backend.encode)
        themes_path.write_bytes(pickle.dumps(found))
    n_top = len(found.tops)
    sub_centroids = np.vstack([t.centroid for t in found.themes])
    top_centroids = np.vstack([t.centroid for t in found.tops])
    sets = sibling_sets(docs, found.labels, found.top_of, n_top, 42)
    results = {}
    for tag, mod in (("base", base_mod), ("new", theme_labels)):
        words_fn = getattr(mod, "discover_words")
        zh = [d for d in docs if _CJK.search(d)]
        t = time.process_time()
        words = words_fn(zh, seed=42) if len(zh) >= 20 else []
        labels_all, members_all = [], []
        for level, groups, idx in sets:
            cents = top_centroids[idx] if level == "top" else sub_centroids[idx]
            kws = [found.tops[i].keywords if level == "top" else found.themes[i].keywords for i in idx]
            labs = mod.phrase_labels([g[0] for g in groups], cents, backend.encode, kws, 42, words=words)
            labels_all += [(level, lab) for lab in labs]
            members_all += [g[1] for g in groups]
        cpu = time.process_time() - t
        results[tag] = (labels_all, members_all, cpu)
    lines = []
    for tag in ("base", "new"):
        labels_all, members_all, cpu = results[tag]
        m = measure.table([lab for _, lab in labels_all], members_all)
        lines.append(f"| {name} ({len(docs):,}) | {tag} | {len(labels_all)} | {m['single']:.0%} | {m['grounded']:.0%} | "
                     f"{m['evaluative']:.0%} | {m['long']:.0%} | {m['numbered']:.0%} | {m['words']:.1f} | "
                     f"{m['chars']:.1f} | {cpu:.1f} |")
    samples = []
    base_labels, new_labels = results["base"][0], results["new"][0]
    order = sorted(range(len(new_labels)), key=lambda i: -len(results["new"][1][i]))[:show]
    for i in order:
        samples.append(f"{base_labels[i][1]} → {new_labels[i][1]}")
    return lines + ["SAMPLE " + name + ": " + " · ".join(samples)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=Path, required=True, help="a checkout of the baseline (git worktree)")
    ap.add_argument("--sets", default="app-reviews,nlbse24,waimai,kaggle,apple-tweets,cfpb,alexa")
    ap.add_argument("--max", type=int, default=5000)
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/label-quality-cache"),
                    help="vectors and themes of earlier runs (delete it after changing the clustering)")
    args = ap.parse_args()
    base_mod = load_base(args.base.resolve())
    measure = Measure()
    print(f"load average at start: {', '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
    print("| set | labeller | labels | single | grounded | evaluative | long | numbered | words | chars | CPU s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    samples = []
    for name in args.sets.split(","):
        lines = run_set(name, args.max, base_mod, args.cache, measure, args.show)
        for ln in lines:
            if ln.startswith("SAMPLE"):
                samples.append(ln)
            else:
                print(ln, flush=True)
    print()
    for s in samples:
        print(s[len("SAMPLE "):], "\n")
    print(f"load average at end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
