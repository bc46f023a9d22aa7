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
- topic: share of topic-only labels: no evaluative or predicate word (the complement of evaluative,
  with problem/request words such as crash, fails, missing, add counted as predicates);
- name: share headed by a name: an @handle/#tag, a word the members mostly write Title-case or in
  capitals where no sentence starts (Dallas, Apple, NYC), or a jieba person/place/organisation word;
- contra: share whose own sentiment (the app's ``analysis.sentiment.text_sentiment``: VADER, SnowNLP)
  is polar and opposite to the theme's majority by the same sentiment (>= 20 points more members
  on one side than on the other);
- contra (app): the same with the theme's majority by the app's per-item sentiment (argmax of the
  feedback-class heads, as the app stores it), the mood a labeller is given when it takes ``moods``;
- dup: share of labels equal to a sibling's (case and "(2)" ignored);
- bare: share of bare topic nouns (one token and topic-only: 米饭, "App"), which say nothing of what members say;
- against: share of labels that say how (evaluative) and whose own sentiment (``text_sentiment``) is polar and
  opposite to the theme's majority by the app's per-item sentiment (unlike contra, topic nouns that SnowNLP
  happens to score are not counted);
- repeated: share of labels equal to another label anywhere in the set's tree (case, "(2)" and Chinese degree
  adverbs 很/太/... ignored: 送餐太慢 = 送餐很慢);
- said: mean share of a theme's members that contain the label (its words as ``grounded`` matches them).
- words / chars: mean length; CPU s: labelling time (all themes of the set).
A labeller that takes ``moods`` is run twice: with the app's sentiment of the sampled members ("new") and
without ("new, no moods": what the app labels while its caller passes none). Prints a Markdown table and a sample of labels per set (labels only, never member texts).
``--dump FILE`` writes every label pair with three member snippets per theme for reading by a
person (outside the repository: it holds real data).
"""
from __future__ import annotations

import argparse
import csv
import importlib
import importlib.util
import inspect
import os
import pickle
import random
import re
import sys
import time
from collections import Counter
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
    if name == "hf-datasets":
        import json

        rows = [json.loads(ln) for ln in open(DATA / "github-issues-hf-datasets/datasets-issues-1000.jsonl",
                                             encoding="utf-8") if ln.strip()]
        return [("github", "huggingface/datasets", r.get("title"), r.get("body") or "") for r in _sample(rows, n)]
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

    def hits(self, label: str, members: list[str]) -> int:
        """Members that contain the label's words (Chinese: each word as a substring, degree adverbs left out;
        English: each content word's first five letters as a token's)."""
        label = _NUMBERED.sub("", label)
        if _CJK.search(label):
            parts = [w for w in self.words(label) if not self.ADVERBS.fullmatch(w)]
            return sum(all(p in t for p in parts) for t in members)
        stems = [w.lower()[:5] for w in self.words(label) if w.lower() not in self.stop and len(w) > 1]
        stems = stems or [w.lower()[:5] for w in self.words(label)]
        hits = 0
        for t in members:
            toks = set(x[:5] for x in re.findall(r"[a-z0-9'+#.-]+", t.lower()))
            hits += all(s in toks for s in stems)
        return hits

    def grounded(self, label: str, members: list[str]) -> bool:
        return self.hits(label, members) >= min(3, len(members))

    def said(self, label: str, members: list[str]) -> float:
        return self.hits(label, members) / max(1, len(members))

    def bare(self, label: str) -> bool:
        return len(self.words(label)) == 1 and self.topic_only(label)

    def tree_key(self, label: str) -> str:
        label = _NUMBERED.sub("", label).strip().lower()
        return self.ADVERBS.sub("", label) if _CJK.search(label) else re.sub(r"s\b", "", label)

    def evaluative(self, label: str) -> bool:
        words = self.words(label)
        if _CJK.search(label):
            tags = [self.tags.get(w, "x") for w in words]
            return len(words) > 1 and any(t.startswith("a") or w in ("不", "没", "没有") or (i and t.startswith("v"))
                                          for i, (w, t) in enumerate(zip(words, tags)))
        lows = [w.lower() for w in words]
        return any(self.valence.get(w, 0) != 0 or w in ("no", "not", "can't", "cannot", "unable", "never", "won't",
                                                        "doesn't", "don't", "isn't") for w in lows)

    #: Predicate words the VADER lexicon lacks: problems and requests ("Editor crashes on save", "Add dark mode").
    PREDICATES = frozenset("""crash crashes crashing crashed fail fails failed failing failure error errors bug bugs
    buggy broken missing slow stuck freeze freezes frozen lag laggy wrong late delayed delay not no never can't cannot
    unable won't doesn't don't isn't add allow support request need needs want fix fixed raise raises raised
    inaccurate incorrect drain drains draining keeps leak leaks leaking timeout timed hangs hang lost""".split())

    def topic_only(self, label: str) -> bool:
        if _CJK.search(label):
            return not self.evaluative(label)
        lows = [w.lower().strip("'") for w in self.words(label)]
        return not (self.evaluative(label) or any(w in self.PREDICATES for w in lows))

    def name_led(self, label: str, case: dict) -> bool:
        """Headed by an @handle/#tag, a name by the members' casing, or a jieba name word."""
        label = _NUMBERED.sub("", label).strip()
        if label[:1] in "@#":
            return True
        words = self.words(label)
        if not words:
            return False
        if _CJK.search(label):
            return self.tags.get(words[0], "x")[:2] in ("nr", "ns", "nt", "nz")
        first = next((w for w in words if w.lower() not in self.stop), words[0]).lower()
        seen, title = case.get(first, (0, 0))
        return seen >= 3 and title >= 0.6 * seen

    def table(self, labels: list[str], members: list[list[str]], polarity: list[int] | None = None,
              siblings: list[int] | None = None, case: dict | None = None) -> dict:
        from analysis.sentiment import text_sentiment

        n = max(1, len(labels))
        words = [self.words(lab) for lab in labels]
        zh = [bool(_CJK.search(lab)) for lab in labels]
        en_len = [len(w) for w, z in zip(words, zh) if not z]
        zh_len = [len(_NUMBERED.sub("", lab)) for lab, z in zip(labels, zh) if z]
        contra = 0
        for lab, pol in zip(labels, polarity or []):
            own = text_sentiment(_NUMBERED.sub("", lab)).label
            contra += bool(pol) and own != "neutral" and (own == "positive") != (pol > 0)
        against = 0
        for lab, pol in zip(labels, polarity or []):
            own = text_sentiment(_NUMBERED.sub("", lab)).label
            against += bool(pol) and self.evaluative(lab) and own != "neutral" and (own == "positive") != (pol > 0)
        tree = Counter(self.tree_key(lab) for lab in labels)
        dup = 0
        if siblings is not None:
            keys = [(s, _NUMBERED.sub("", lab).strip().lower()) for s, lab in zip(siblings, labels)]
            counts = Counter(keys)
            dup = sum(counts[k] > 1 for k in keys)
        return {
            "single": sum(len(w) == 1 for w in words) / n,
            "grounded": sum(self.grounded(lab, m) for lab, m in zip(labels, members)) / n,
            "evaluative": sum(self.evaluative(lab) for lab in labels) / n,
            "topic": sum(self.topic_only(lab) for lab in labels) / n,
            "name": sum(self.name_led(lab, case or {}) for lab in labels) / n,
            "contra": contra / n,
            "dup": dup / n,
            "bare": sum(self.bare(lab) for lab in labels) / n,
            "against": against / n,
            "repeated": sum(tree[self.tree_key(lab)] > 1 for lab in labels) / n,
            "said": float(np.mean([self.said(lab, m) for lab, m in zip(labels, members)])) if labels else 0.0,
            "long": sum((len(w) > 6) if not z else len(_NUMBERED.sub("", lab)) > 10
                        for lab, w, z in zip(labels, words, zh)) / n,
            "numbered": sum(bool(_NUMBERED.search(lab)) for lab in labels) / n,
            "words": float(np.mean(en_len)) if en_len else float("nan"),
            "chars": float(np.mean(zh_len)) if zh_len else float("nan"),
        }


def member_case(docs: list[str]) -> dict:
    """lower word -> (non-initial occurrences, Title-case or ALL-CAPS ones) over all texts."""
    seen: Counter = Counter()
    title: Counter = Counter()
    for d in docs:
        for sent in re.split(r"[.!?\n]+", d):
            toks = re.findall(r"[A-Za-z][A-Za-z0-9'&-]*", sent)
            for t in toks[1:]:
                low = t.lower()
                seen[low] += 1
                title[low] += t[0].isupper()
    return {w: (c, title[w]) for w, c in seen.items()}


def heads_polarity(moods: list[int] | None) -> int:
    """+1/-1 when at least 20 points more of a theme's sampled members are positive than negative (or the reverse)
    by the app's per-item sentiment (the feedback-class heads); 0 otherwise."""
    if not moods:
        return 0
    pos, neg = moods.count(1) / len(moods), moods.count(-1) / len(moods)
    return 1 if pos - neg >= 0.2 else -1 if neg - pos >= 0.2 else 0


def item_moods(docs: list[str], vectors: np.ndarray) -> np.ndarray:
    """The app's sentiment per document (-1, 0, 1): argmax of the feedback-class heads (services.analysis)."""
    from triage_app.services.analysis import kind_profile
    from triage_app.services.sentiment import MODEL

    sent, _ = kind_profile(MODEL, vectors, docs)(np.arange(len(docs)))
    return np.asarray(sent).argmax(axis=1) - 1


def theme_polarity(texts: list[str]) -> int:
    """+1/-1 when at least 20 points more of the texts are positive than negative (or the reverse) by the
    app's sentiment; 0 otherwise."""
    from analysis.sentiment import text_sentiment

    if not texts:
        return 0
    labels = [text_sentiment(t[:1000]).label for t in texts]
    pos, neg = labels.count("positive") / len(labels), labels.count("negative") / len(labels)
    return 1 if pos - neg >= 0.2 else -1 if neg - pos >= 0.2 else 0


def sibling_sets(docs, labels, top_of, n_top, seed, said=None):
    """[(level, [(sampled texts, all members, sampled moods)] per theme, theme indices)] for the top level and
    each group's sub-themes; ``said``: the app's sentiment per document (-1, 0, 1) or None."""
    rng = np.random.default_rng(seed)
    top_labels = np.where(labels >= 0, top_of[np.maximum(labels, 0)], -1)

    def texts(lab, k, limit=SAMPLE):
        idx = np.flatnonzero(lab == k)
        every = [docs[i] for i in idx]
        if len(idx) > limit:
            idx = np.sort(rng.choice(idx, limit, replace=False))
        return [docs[i] for i in idx], every, None if said is None else [int(said[i]) for i in idx]

    out = [("top", [texts(top_labels, g) for g in range(n_top)], list(range(n_top)))]
    for g in range(n_top):
        children = [int(k) for k in np.flatnonzero(top_of == g)]
        if len(children) > 1:
            out.append(("sub", [texts(labels, k) for k in children], children))
    return out


def run_set(name: str, n: int, base_mod, cache: Path, measure: Measure, show: int,
            dump: Path | None = None) -> list[str]:
    from analysis import theme_labels
    from analysis.embeddings import get_backend
    from analysis.text_clean import clean_corpus
    from analysis.topics import ThemeParams, corpus_words, find_themes
    from triage_app.engine_cache import cache_dir as engine_cache_dir

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
    from triage_app.services.analysis import kind_profile
    from triage_app.services.sentiment import MODEL

    if themes_path.exists():  # the same clusters as an earlier run (find_themes is deterministic)
        found = pickle.loads(themes_path.read_bytes())
    else:  # as the app runs it: with the feedback-class profile
        found = find_themes(docs, vectors, ThemeParams(), embed=backend.encode,
                            profile=kind_profile(MODEL, vectors, docs), cache_dir=engine_cache_dir())
        themes_path.write_bytes(pickle.dumps(found))
    n_top = len(found.tops)
    sub_centroids = np.vstack([t.centroid for t in found.themes])
    top_centroids = np.vstack([t.centroid for t in found.tops])
    said = item_moods(docs, vectors)
    sets = sibling_sets(docs, found.labels, found.top_of, n_top, 42, said)
    results = {}
    from analysis import theme_tree

    # the tree keeps labels unique beyond siblings when its label_siblings takes the labels given so far
    tree_reserved = "avoid" in inspect.signature(theme_tree.label_siblings).parameters
    runs = [("base", base_mod, True), ("new", theme_labels, True)]
    if "moods" in inspect.signature(theme_labels.phrase_labels).parameters:
        runs.append(("new, no moods", theme_labels, False))  # as labelled while the caller passes no moods
    for tag, mod, with_moods in runs:
        words_fn = getattr(mod, "discover_words")
        zh = [d for d in docs if _CJK.search(d)]
        t = time.process_time()
        words = words_fn(zh, seed=42) if len(zh) >= 20 else []
        labels_all, members_all, sibs, samples_all, moods_all, kws_all = [], [], [], [], [], []
        for s_i, (level, groups, idx) in enumerate(sets):
            cents = top_centroids[idx] if level == "top" else sub_centroids[idx]
            kws = [found.tops[i].keywords if level == "top" else found.themes[i].keywords for i in idx]
            extra = {"moods": [g[2] for g in groups]} if with_moods and "moods" in inspect.signature(
                mod.phrase_labels).parameters else {}
            if tree_reserved and mod is theme_labels:
                extra["avoid"] = [lab for _, lab in labels_all]
            labs = mod.phrase_labels([g[0] for g in groups], cents, backend.encode, kws, 42, words=words, **extra)
            labels_all += [(level, lab) for lab in labs]
            kws_all += [list(k) for k in kws]
            members_all += [g[1] for g in groups]
            samples_all += [g[0] for g in groups]
            moods_all += [g[2] for g in groups]
            sibs += [s_i] * len(labs)
        cpu = time.process_time() - t
        results[tag] = (labels_all, members_all, cpu, sibs, samples_all, moods_all)
    polarity = [theme_polarity(g) for g in results["new"][4]]
    app_polarity = [heads_polarity(m) for m in results["new"][5]]
    case = member_case(docs)
    lines = []
    for tag in results:
        labels_all, members_all, cpu, sibs, _, _ = results[tag]
        m = measure.table([lab for _, lab in labels_all], members_all, polarity, sibs, case)
        app = measure.table([lab for _, lab in labels_all], members_all, app_polarity)
        m["contra_app"], m["against"] = app["contra"], app["against"]
        lines.append(f"| {name} ({len(docs):,}) | {tag} | {len(labels_all)} | {m['single']:.0%} | {m['topic']:.0%} | "
                     f"{m['bare']:.0%} | {m['name']:.0%} | {m['contra']:.0%} | {m['contra_app']:.0%} | "
                     f"{m['against']:.0%} | {m['dup']:.0%} | {m['repeated']:.0%} | {m['said']:.0%} | {m['grounded']:.0%} | "
                     f"{m['long']:.0%} | {m['numbered']:.0%} | {m['words']:.1f} | {m['chars']:.1f} | {cpu:.1f} |")
    samples = []
    base_labels, new_labels = results["base"][0], results["new"][0]
    order = sorted(range(len(new_labels)), key=lambda i: -len(results["new"][1][i]))[:show]
    for i in order:
        samples.append(f"{base_labels[i][1]} → {new_labels[i][1]}")
    if dump is not None:
        with open(dump, "a", encoding="utf-8") as f:
            f.write(f"\n######## {name}\n")
            for i in range(len(new_labels)):
                m = results["new"][5][i] or []
                share = f" neg={m.count(-1) / max(1, len(m)):.0%} pos={m.count(1) / max(1, len(m)):.0%}"
                said = measure.said(new_labels[i][1], results["new"][1][i])
                f.write(f"[{i}] {new_labels[i][0]} n={len(results['new'][1][i])} pol={polarity[i]:+d}{share} "
                        f"said={said:.0%} kw={','.join(kws_all[i][:5])} | "
                        f"{base_labels[i][1]}  →  {new_labels[i][1]}\n")
                for q in results["new"][4][i][:3]:
                    f.write("      > " + " ".join(q.split())[:150] + "\n")
    return lines + ["SAMPLE " + name + ": " + " · ".join(samples)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=Path, required=True, help="a checkout of the baseline (git worktree)")
    ap.add_argument("--sets", default="app-reviews,nlbse24,waimai,kaggle,apple-tweets,hf-datasets,cfpb,alexa")
    ap.add_argument("--dump", type=Path, help="write labels with member snippets here (outside the repository)")
    ap.add_argument("--max", type=int, default=5000)
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/label-quality-cache"),
                    help="vectors and themes of earlier runs (delete it after changing the clustering)")
    args = ap.parse_args()
    base_mod = load_base(args.base.resolve())
    measure = Measure()
    print(f"load average at start: {', '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
    print("| set | labeller | labels | single | topic-only | bare | name | contra | contra (app) | against | dup | repeated | "
          "said | grounded | long | numbered | words | chars | CPU s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    samples = []
    for name in args.sets.split(","):
        lines = run_set(name, args.max, base_mod, args.cache, measure, args.show, args.dump)
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
