"""Do top-level theme labels describe their children? The same sub-themes grouped and named by the
baseline's ``theme_tree.build_tree`` (git ref, default 367b0af, loaded beside ours) and by today's, in one run.

    PYTHONPATH=. .venv/bin/python bench/parent_label_quality.py [--sets waimai,app-reviews,nlbse24,kaggle,apple]
        [--base 367b0af] [--cache DIR] [--dump FILE]

Per set (the sub-themes of one ``find_themes`` run, kept in --cache as bench/tree_quality.py keeps them), for
each parent (a top-level theme of two or more sub-themes), computed here and not by the labeller:
- child: the label is a child's label, or one child's entity: its words are all in one child's label and in no
  other's, and fewer than two children say it ("Whatsapp" over Save photos / Subtitles / Whatsapp; "Jupyter"
  over "Jupyter lab" and "Jupyter notebook" is not);
- ungrounded: fewer than ``SAID`` of the parent's sampled items (an equal sample per child) say it, or fewer
  than two children say it in 15% of their texts. A text says a label when it holds all its content words
  (English: Snowball stems, words of 3+ letters, stop words left out; Chinese: jieba words, degree adverbs
  and particles left out, as substrings); "and" / "、" / "和" join alternatives (a text saying either counts)
  and the frame words "problems", "praise", "for", "问题", "好评" are left out (their mood is checked by "mood");
- mood: the label goes against the parent's mood by the app's sentiment (argmax of the feedback-class heads,
  one side leading by 20 points): its own words (VADER / the Chinese word lists of ``label_mood``) go the
  other way, or the parent's items that say it are mostly of the other mood (5+ of them);
- bare: one English word or at most two Chinese characters; dup: equal to a sibling top-level label;
- said: mean share of the parent's sampled items that say its label.
``--dump`` writes every parent with its children and two member snippets each (real data: keep it outside
the repository). Prints a Markdown table and the labels (product-generated strings only).
"""
from __future__ import annotations

import argparse
import contextlib
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import tree_quality as tq  # noqa: E402
from analysis import theme_tree as tt  # noqa: E402
from analysis import topics  # noqa: E402
from triage_app.engine_cache import cache_dir as engine_cache_dir  # noqa: E402

SAID = 0.2
CHILD = 0.15
SAMPLE = 100
_FRAME = frozenset("problems problem praise for issues 问题 好评".split())
_SUFFIX = re.compile(r"\s*\(\d+\)$")
_CJK = re.compile(r"[\u3400-\u9fff]")


class Reader:
    def __init__(self):
        import snowballstemmer

        from analysis.topic_keywords import english_stop
        from analysis.zh_phrases import ZH_DEGREE

        self.stem = snowballstemmer.stemmer("english").stemWord
        self.stop = english_stop() | {"and", "any", "the"}
        self.degree = ZH_DEGREE | {"了", "的", "啊", "吧", "呢", "和"}
        self.cache: dict[str, set] = {}

    def words(self, text: str) -> set:
        out = self.cache.get(text)
        if out is None:
            out = self.cache[text] = {self.stem(w) for w in re.findall(r"[a-z][a-z0-9']+", text.lower())}
        return out

    def alternatives(self, label: str) -> list[tuple[str, ...]]:
        from analysis.zh_words import segmenter

        label = _SUFFIX.sub("", label)
        out = []
        for part in re.split(r"\band\b|、|和|&", label, flags=re.I):
            terms = []
            if _CJK.search(part):
                for w in segmenter().lcut(part):
                    w = w.strip()
                    if w and w not in self.degree and w not in _FRAME and _CJK.search(w):
                        for ch in ("太", "很", "超", "好", "挺", "巨", "真") if len(w) == 2 else ():
                            if w.startswith(ch) and w != "好吃" and w != "好喝":
                                w = w[1:]
                        terms.append("zh:" + w)
            for w in re.findall(r"[a-z][a-z0-9']+", part.lower()):
                if len(w) > 2 and w not in self.stop and w not in _FRAME:
                    terms.append(self.stem(w))
            if terms:
                out.append(tuple(terms))
        return out

    def says(self, alternatives, text: str) -> bool:
        for terms in alternatives:
            if all((t[3:] in text) if t.startswith("zh:") else (t in self.words(text)) for t in terms):
                return True
        return False


def parent_rows(name: str, docs, labels, tops, sub_labels, app_sent, reader: Reader) -> list[dict]:
    from analysis.label_mood import app_polarity
    from analysis.parent_labels import own_mood

    rng = np.random.default_rng(0)
    samples = {k: tt.sample_indices(labels, k, rng, SAMPLE) for k in range(len(sub_labels))}
    rows = []
    siblings = [_SUFFIX.sub("", t.label).lower() for t in tops]
    for g, top in enumerate(tops):
        if not top.is_group:
            continue
        label = top.label
        alts = reader.alternatives(label)
        child_alts = [reader.alternatives(sub_labels[k]) for k in top.children]
        words = {t for a in alts for t in a}
        holders = [k for k, ca in enumerate(child_alts) if words and words <= {t for a in ca for t in a}]
        shares = [np.mean([reader.says(alts, docs[i]) for i in samples[k]]) if len(samples[k]) else 0.0
                  for k in top.children]
        said = float(np.mean(shares))  # an equal sample per child
        members = np.flatnonzero(np.isin(labels, top.children))
        mood = app_polarity((app_sent[members] - 1).tolist())
        saying = [i for k in top.children for i in samples[k] if reader.says(alts, docs[i])]
        against_items = False
        if mood and len(saying) >= 5:
            s = app_sent[saying]
            lead = np.mean(s == 2) - np.mean(s == 0)
            against_items = lead >= 0.2 if mood < 0 else -lead >= 0.2
        own = own_mood(label)
        plain = _SUFFIX.sub("", label)
        rows.append({
            "label": label, "size": top.size, "mood": mood,
            "children": [(sub_labels[k], int((labels == k).sum())) for k in top.children],
            "child": plain.lower() in {_SUFFIX.sub("", sub_labels[k]).lower() for k in top.children} or (len(holders) == 1 and sum(s >= CHILD for s in shares) < 2),
            "ungrounded": said < SAID or sum(s >= CHILD for s in shares) < 2,
            "against": bool(mood and (own == -mood or against_items)),
            "bare": (len(plain.split()) < 2) if plain.isascii() else len(_CJK.findall(plain)) <= 2,
            "dup": siblings.count(plain.lower()) > 1,
            "said": said, "quotes": {k: [docs[i] for i in samples[k][:2]] for k in top.children}})
    return rows


@contextlib.contextmanager
def _parent_labels(module):
    """The baseline's ``parent_labels`` while its tree runs (``guard_parent_labels`` imports it when called, so
    without this the baseline's tree would name its parents with today's code)."""
    import analysis

    if module is None:
        yield
        return
    import analysis.parent_labels  # noqa: F401 - loaded before it is swapped

    ours = sys.modules["analysis.parent_labels"]
    sys.modules["analysis.parent_labels"], analysis.parent_labels = module, module
    try:
        yield
    finally:
        sys.modules["analysis.parent_labels"], analysis.parent_labels = ours, ours


def evaluate(name: str, args, reader: Reader) -> list[dict]:
    from analysis.embeddings import get_backend

    docs, _ = tq.load(name)
    emb, _ = tq.ev.vectors(name, docs, "use-multilingual", args.cache)
    profile = tq.ev.profile_for("use-multilingual", docs, emb)
    sent_p, _ = profile(np.arange(len(docs)))
    app_sent = sent_p.argmax(1)
    result, bargs, bkwargs = tq.record_inputs(docs, emb, profile, get_backend("use-multilingual").encode,
                                              args.cache / f"tree_inputs_{name}.pkl")
    labels = result.labels
    base = tq.base_tree(args.base)
    base_labels = tq.module_at(args.base, "analysis/parent_labels.py", "analysis._base_parent_labels")
    out = []
    for tree_name, build in ((f"base {args.base}", base.build_tree), ("now", tt.build_tree)):
        a = list(bargs)
        cpu = np.inf
        for _ in range(2):  # the lesser of two: the first pays one-time loads
            a[6] = sub_labels = [""] * len(result.themes)
            with _parent_labels(base_labels if tree_name != "now" else None):
                t = time.process_time()
                top_of, tops = build(*a, **bkwargs)
                cpu = min(cpu, time.process_time() - t)
        rows = parent_rows(name, docs, labels, tops, sub_labels, app_sent, reader)
        out.append({"set": name, "tree": tree_name, "rows": rows, "cpu": cpu, "tops": len(tops)})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="waimai,app-reviews,nlbse24,kaggle,apple")
    ap.add_argument("--base", default="367b0af")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "feedback-triage" / "eval")
    ap.add_argument("--dump", type=Path)
    args = ap.parse_args()
    topics.import_engine(engine_cache_dir())
    reader = Reader()
    results = [r for name in args.sets.split(",") for r in evaluate(name, args, reader)]
    print(f"\n| set | tree | parents | child's label/entity | ungrounded (< {SAID:.0%} or < 2 children) | "
          "against mood | bare | dup | said (mean) | build_tree CPU s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        rows = r["rows"]
        n = max(1, len(rows))

        def count(key):
            return f"{sum(x[key] for x in rows)} ({100 * sum(x[key] for x in rows) / n:.0f}%)"

        print(f"| {r['set']} | {r['tree']} | {len(rows)} | {count('child')} | {count('ungrounded')} | "
              f"{count('against')} | {count('bare')} | {count('dup')} | "
              f"{100 * np.mean([x['said'] for x in rows]) if rows else 0:.0f}% | {r['cpu']:.2f} |")
    for r in results:
        print(f"\n### {r['set']}: {r['tree']}\n")
        for x in sorted(r["rows"], key=lambda x: -x["size"]):
            flags = ",".join(k for k in ("child", "ungrounded", "against", "bare", "dup") if x[k])
            kids = " · ".join(f"{c} ({n})" for c, n in sorted(x["children"], key=lambda c: -c[1]))
            print(f"- **{x['label']}** ({x['size']:,}, mood {x['mood']:+d}, said {100 * x['said']:.0f}%)"
                  f"{' [' + flags + ']' if flags else ''}: {kids}")
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as fh:
            for r in results:
                fh.write(f"\n### {r['set']}: {r['tree']}\n")
                for x in sorted(r["rows"], key=lambda x: -x["size"]):
                    fh.write(f"\n- {x['label']} ({x['size']}, mood {x['mood']:+d})\n")
                    for (c, n), quotes in zip(x["children"], x["quotes"].values()):
                        fh.write(f"    - {c} ({n})\n")
                        for q in quotes:
                            fh.write(f"        > {' '.join(q.split())[:140]}\n")


if __name__ == "__main__":
    main()
