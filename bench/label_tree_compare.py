"""Top-level and sub-theme labels of a baseline checkout and of this code on the same sub-themes, in one run.

    PYTHONPATH=. .venv/bin/python bench/label_tree_compare.py --base /work/main --inputs DIR
        [--sets waimai,app-reviews,nlbse24,kaggle,apple-tweets] [--capture] [--show]

``--capture``: for each set, the path of ``bench/label_report.py`` (a seeded 5,000-item sample imported into a
temporary workspace and analysed by this code) is run once and ``build_tree``'s inputs are pickled into DIR
(documents, vectors, sub-themes, the feedback-class profile). Then each side replays ``build_tree`` on them in
a fresh process (the embedding model loaded before the clock starts) and the labels are counted:
- bare: a topic in one word (one English word, one jieba word) that says nothing of it (``label_mood.says_how``);
- repeated: labels equal to another label anywhere in the tree (case, plural and a "(2)" ignored);
- parent=child: sub-themes whose label equals their parent's, or repeats its words but frame words ("Phone"
  under "Phone problems"; "Login" under "Login and account problems" is a part, not a repeat; "Other Excel
  feedback", 其他菜品问题 under "Excel", 菜品问题 says it is the rest, ``child_repeats.remainder_label``);
- placeholder: a label holding a redaction marker word ("Handle" where the texts have [HANDLE]) or a
  retweet marker (RT), or an "[X]" marker itself;
- minority claim: a label that says how (``label_mood.says_how``: 没有米饭, "Can't log in") whose content words
  (Chinese: jieba words without degree adverbs, as substrings; English: normalised words) are in fewer than
  ``CLAIM`` of its theme's member texts (a seeded sample of 200; a parent: all its children's members);
- count form: top-level labels naming the largest child and how many more ("Page problems, and 5 more", 米饭等6类问题);
- other: parents named as the rest of one mood ("Other problems", 其他好评: ``parent_categories.other``);
- top empty: top-level labels that are bare, generic 1-word, or whose content words are all generic or evaluative
  (``lone_labels.empty_label``: "Awesome", "Not bad", "Great app" where "app" is everywhere);
- CPU: build_tree's CPU seconds (grouping and labels; load-dependent).
``--show`` prints every top-level label with its children's (product-generated strings only). The inputs hold
real data: keep DIR outside the repository.
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
SETS = "waimai,app-reviews,nlbse24,kaggle,apple-tweets"
_MARKER = re.compile(r"\[(EMAIL|PHONE|IP|CARD|TOKEN|ID|IBAN|HANDLE|NAME|ADDRESS|URL)\]")
_SUFFIX = re.compile(r"\s*\(\d+\)$")
CLAIM = 0.08
_OTHER = re.compile(r"^(Other (problems|praise|feedback|requests)|其他(问题|好评|反馈|建议))$")


def capture(name: str, out: Path) -> None:
    """Run bench/label_report.py's path for ``name`` with this code, pickling build_tree's inputs to ``out``."""
    import numpy as np

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    import analysis.topics as topics
    import label_report
    from triage_app.importers.source import ImportOptions
    from triage_app.services.analysis import run_analysis
    from triage_app.services.importing import run_import
    from triage_app.store import Workspace

    real = topics.build_tree

    def keep(*args, **kw):
        profile, profiled = kw.get("profile"), kw.get("profiled")
        sent, kind = profile(np.asarray(profiled)) if profile is not None else (None, None)
        data = {"args": args, "kw": {k: v for k, v in kw.items() if k not in ("embed", "profile", "info")},
                "sent": sent, "kind": kind}
        with open(out, "wb") as fh:
            pickle.dump(data, fh)
        return real(*args, **kw)

    topics.build_tree = keep
    with tempfile.TemporaryDirectory() as tmp:
        path, mapping = label_report.write_sample(name, Path(tmp), 5000, 42)
        ws = Workspace(Path(tmp) / "capture.triage")
        run_import(ws, path, ImportOptions(mapping=mapping) if mapping else None)
        run_analysis(ws, seed=42, mode="full")
        ws.close()


def replay(path: str) -> None:
    """Replay build_tree of the code on PYTHONPATH on pickled inputs; print its labels as JSON."""
    from tree_replay import timed_tree

    cpu, sub_labels, _, tops = timed_tree(path)
    print(json.dumps({"cpu_s": round(cpu, 2), "sub_labels": sub_labels,
                      "tops": [[t.children, t.label, t.size] for t in tops]}, ensure_ascii=False))


def run_side(root: Path, path: Path) -> dict:
    out = subprocess.run([PY, str(ROOT / "bench" / "label_tree_compare.py"), "--replay", str(path)], cwd=root,
                         text=True, capture_output=True,
                         env={**os.environ, "PYTHONPATH": str(root), "HF_HUB_OFFLINE": "1"})
    if out.returncode != 0:
        raise SystemExit(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


class Counts:
    def __init__(self, docs, labels):
        import numpy as np

        from analysis.zh_words import segmenter

        self.cut = segmenter().lcut
        joined = "\n".join(docs[:5000])
        self.markers = {m.lower() for m in _MARKER.findall(joined)}
        self.docs, self.labels = docs, np.asarray(labels)
        self.rng_seed = 7

    def members(self, subs: list[int]) -> list[str]:
        import numpy as np

        idx = np.flatnonzero(np.isin(self.labels, subs))
        if len(idx) > 200:
            idx = np.sort(np.random.default_rng(self.rng_seed).choice(idx, 200, replace=False))
        return [self.docs[i] for i in idx]

    def minority(self, label: str, texts: list[str]) -> bool:
        from analysis.en_phrases import FUNCTION_WORDS, NEGATIONS, _norm
        from analysis.label_mood import says_how
        from analysis.zh_phrases import ZH_DEGREE

        label = _SUFFIX.sub("", label).strip()
        if not texts or not says_how(label):
            return False
        if label.isascii():
            need = {_norm(w) for w in re.findall(r"[A-Za-z']+", label.lower())
                    if w not in FUNCTION_WORDS or w in NEGATIONS}
            said = sum(need <= {_norm(w) for w in re.findall(r"[A-Za-z']+", t.lower())} for t in texts)
        else:
            need = [w for w in self.cut(label) if w.strip() and w not in ZH_DEGREE and w not in "问题好评、"]
            said = sum(all(w in t for w in need) for t in texts)
        return said < CLAIM * len(texts)

    def key(self, label: str) -> str:
        from analysis.en_phrases import _norm

        label = _SUFFIX.sub("", label).strip().lower()
        return " ".join(_norm(w) for w in label.split()) if label.isascii() else label

    def words(self, label: str) -> list[str]:
        label = _SUFFIX.sub("", label).strip()
        if label.isascii():
            return [self.key(w) for w in re.findall(r"[A-Za-z0-9'+#.-]+", label)]
        return [w for w in self.cut(label) if w.strip()]

    def bare(self, label: str) -> bool:
        from analysis.label_mood import says_how

        return len(self.words(label)) == 1 and not says_how(_SUFFIX.sub("", label))

    def placeholder(self, label: str) -> bool:
        if _MARKER.search(label) or "[" in label:
            return True
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", label)]
        return "rt" in words or bool(words and (words[0] in self.markers or words[-1] in self.markers))

    def only_repeats(self, child: str, parent: str) -> bool:
        from analysis.parent_labels import label_terms

        if re.search(r", and \d+ more$|等\d+类", parent):
            return False  # "Login fails, and 3 more" names its largest child on purpose (parent_fit)
        if re.match(r"Other |其他", child) and not re.match(r"Other |其他", parent):
            return False  # the parent's remainder ("Other Excel feedback", 其他菜品问题: child_repeats) says it is the rest
        if self.key(child) == self.key(parent):
            return True
        c, p = set(label_terms(child)), set(label_terms(parent))
        return bool(c) and c == p

    def row(self, side: dict) -> dict:
        from collections import Counter

        tops, subs = side["tops"], side["sub_labels"]
        labels = [t[1] for t in tops] + [subs[k] for t in tops if len(t[0]) > 1 for k in t[0]]
        keys = Counter(self.key(x) for x in labels)
        low = Counter(x.lower() for x in labels)
        pairs = [(subs[k], t[1]) for t in tops if len(t[0]) > 1 for k in t[0]]
        themes = [(t[1], t[0]) for t in tops] + [(subs[k], [k]) for t in tops if len(t[0]) > 1 for k in t[0]]
        return {"labels": len(labels), "top": len(tops), "bare": sum(self.bare(x) for x in labels),
                "minority claim": sum(self.minority(x, self.members(ks)) for x, ks in themes),
                "repeated": sum(keys[self.key(x)] > 1 for x in labels),
                "parent=child": sum(self.only_repeats(c, p) for c, p in pairs),
                "placeholder": sum(self.placeholder(x) for x in labels), "cpu": side["cpu_s"],
                "numbered": sum(bool(_SUFFIX.search(x)) for x in labels),
                "case dup": sum(low[x.lower()] > 1 or self.twin(x) for x in labels),
                "generic 1-word": sum(self.generic(x, ks) for x, ks in themes),
                "count form": sum(bool(re.search(r", and \d+ more$|等\d+类(问题|好评|反馈)?$", t[1])) for t in tops),
                "other": sum(bool(_OTHER.match(t[1])) for t in tops if len(t[0]) > 1),
                "top empty": sum(self.bare(t[1]) or self.generic(t[1], t[0]) or self.empty(t[1], t[0]) for t in tops),
                **self.category(tops)}

    def category(self, tops) -> dict:
        """Top-level labels that name no category (``parent_fit``'s tests, read on 400 sampled members of each):
        two parts members never say together, a one-character Chinese topic in a frame, the meaning of a larger
        top-level theme's label (same mood, same topic words)."""
        import numpy as np

        from analysis.parent_fit import meaning, pair_parts, related, terse
        from analysis.parent_labels import Said

        said = Said()
        unrelated = short = same = 0
        seen = []
        for children, label, _ in tops:
            idx = np.flatnonzero(np.isin(self.labels, children))
            rng = np.random.default_rng(self.rng_seed)
            inside = [self.docs[i] for i in (np.sort(rng.choice(idx, 400, replace=False)) if len(idx) > 400 else idx)]
            rest = np.flatnonzero(~np.isin(self.labels, children) & (self.labels >= 0))
            others = [self.docs[i] for i in np.sort(rng.choice(rest, min(len(rest), 2000), replace=False))]
            parts = pair_parts(label) if len(children) > 1 else []
            unrelated += bool(parts) and not related(parts, inside, said, others)
            short += terse(label, said)
            key = meaning(label, others, said)
            same += key[0] != 0 and key in seen
            seen.append(key)
        return {"unrelated pair": unrelated, "terse": short, "sibling same": same}

    def empty(self, label: str, subs: list[int]) -> bool:
        """A label whose content words are all generic or evaluative (``lone_labels.empty_label``, the test the
        new code applies to lone top-level themes: "Awesome", "Not bad"), read on all the theme's documents."""
        import numpy as np

        from analysis.lone_labels import empty_label

        inside = [self.docs[i] for i in np.flatnonzero(np.isin(self.labels, subs))]
        return empty_label(_SUFFIX.sub("", label), inside, self.docs)

    def twin(self, label: str) -> bool:
        """A label holding one word twice in two casings ("AAPL aapl")."""
        words = re.findall(r"[A-Za-z]+", label)
        return len({w.lower() for w in words}) < len(set(words))

    def generic(self, label: str, subs: list[int]) -> bool:
        """A one-word English label that ``label_polish.generic_word`` calls generic (the same test the
        new code applies, on all the theme's documents)."""
        import numpy as np

        from analysis.label_polish import generic_word, one_word

        if not one_word(label):
            return False
        inside = [self.docs[i] for i in np.flatnonzero(np.isin(self.labels, subs))]
        return generic_word(label, inside, self.docs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", type=Path)
    ap.add_argument("--inputs", type=Path)
    ap.add_argument("--sets", default=SETS)
    ap.add_argument("--capture", action="store_true")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--replay", help=argparse.SUPPRESS)
    ap.add_argument("--capture-one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.replay:
        replay(args.replay)
        return
    if args.capture_one:
        capture(args.capture_one, args.inputs / f"{args.capture_one}.pkl")
        return
    sys.path.insert(0, str(ROOT))
    args.inputs.mkdir(parents=True, exist_ok=True)
    rows = []
    shown = []
    for name in args.sets.split(","):
        path = args.inputs / f"{name}.pkl"
        if args.capture or not path.exists():
            subprocess.run([PY, str(ROOT / "bench" / "label_tree_compare.py"), "--capture-one", name, "--inputs",
                            str(args.inputs)], check=True, cwd=ROOT,
                           env={**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"})
        with open(path, "rb") as fh:
            data = pickle.load(fh)
        counts = Counts(data["args"][0], data["args"][2])
        sides = {"base": run_side(args.base.resolve(), path), "new": run_side(ROOT, path)}
        for side, result in sides.items():
            rows.append((name, side, counts.row(result)))
        shown.append((name, sides))
    cols = ["labels", "top", "count form", "other", "top empty", "unrelated pair", "terse", "sibling same", "numbered",
            "case dup", "generic 1-word", "bare", "repeated", "parent=child", "placeholder", "minority claim", "cpu"]
    print("| set | code | " + " | ".join(c if c != "cpu" else "build_tree CPU s" for c in cols) + " |")
    print("|---" * (len(cols) + 2) + "|")
    for name, side, row in rows:
        print(f"| {name} | {side} | " + " | ".join(str(row[c]) for c in cols) + " |")
    if args.show:
        for name, sides in shown:
            print(f"\n### {name}\n")
            base, new = sides["base"], sides["new"]
            for (children, b_label, size), (_, n_label, _) in zip(base["tops"], new["tops"]):
                print(f"- {b_label} -> **{n_label}** ({size})")
                if len(children) > 1:
                    print("    " + "; ".join(f"{base['sub_labels'][k]} -> {new['sub_labels'][k]}" for k in children))


if __name__ == "__main__":
    main()
