"""Issue-form text in what analysis reads, and theme quality, with the baseline's cleaning and ours, in one run.

    PYTHONPATH=. .venv/bin/python bench/form_text.py [--base f9ea2fb] [--layouts repo,csv] [--no-themes]

nlbse24 (3,000 GitHub issues of five repositories, label bug / feature / question) cleaned two ways, as the app
receives such issues: ``repo`` = the GitHub importer's records (format github, one source per repository) and
``csv`` = the same issues exported to a CSV (format generic, one source: the file), each by the baseline's
``analysis/text_clean.py`` (git ref, loaded beside ours) and by ours. Per side:
- form lines left: lines of the cleaned texts that are a form prompt of the set (the text of any raw line that
  is a markdown heading, an HTML comment or an all-bold line, in 3+ items) or are repeated verbatim by 1% or
  more of the items: the share of items holding one, and the count;
- changed: items whose cleaned text differs from the baseline's;
- NMI / ARI of both theme levels vs the human labels (``find_themes`` as the app runs it: the base reads and
  embeds one text; ours embeds ``clean_views``' embedded texts (the baseline's, byte for byte) and labels, keywords
  and groups its read texts; default model, vectors cached in --cache), unassigned share, theme counts;
- clean CPU: both views for ours.
Reads ../shared/data (never copied). Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import eval_themes as ev  # noqa: E402
from analysis import text_clean as ours  # noqa: E402

csv.field_size_limit(10**9)
_PROMPT = re.compile(r"^\s{0,3}(?:#{1,6}\s+(.+)|<!--+\s*(.+?)\s*-*-->|\*\*(.{2,200})\*\*[:?]?)\s*$")


def base_module(ref: str):
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:analysis/text_clean.py"], capture_output=True,
                            text=True, check=True).stdout
    spec = importlib.util.spec_from_loader("_base_text_clean", loader=None)
    module = importlib.util.module_from_spec(spec)
    exec(compile(source, f"{ref}:analysis/text_clean.py", "exec"), module.__dict__)
    return module


def rows() -> list[dict]:
    out = []
    for part in ("issues_train.csv", "issues_test.csv"):
        with open(ev.DATA / "nlbse24-github-issues" / part, encoding="utf-8") as fh:
            out += list(csv.DictReader(fh))
    return out


def records(data: list[dict], layout: str) -> list[tuple]:
    if layout == "repo":
        return [("github", r["repo"], r["title"], r["body"]) for r in data]
    return [("generic", "issues.csv", r["title"], r["body"]) for r in data]


def _key(line: str) -> str:
    return " ".join(line.split()).strip(":;,.-*_`").lower()


def prompts(data: list[dict]) -> set[str]:
    """The form prompts of the set: the text of raw heading / comment / bold lines that 3+ items carry."""
    counts: Counter = Counter()
    for r in data:
        found = set()
        for line in (r["body"] or "").replace("\r", "").split("\n"):
            m = _PROMPT.match(line)
            if m:
                text = _key(next(g for g in m.groups() if g))
                if len(text) > 3:
                    found.add(text)
        counts.update(found)
    return {p for p, c in counts.items() if c >= 3}


def form_left(docs: list[str], form: set[str]) -> tuple[float, int]:
    """(share of items holding a form line, number of form lines) in cleaned texts (titles not counted)."""
    lines = [[_key(x) for x in d.split("\n")[1:]] for d in docs]
    repeats: Counter = Counter()
    for ls in lines:
        repeats.update({x for x in ls if len(x) > 3})
    heavy = {x for x, c in repeats.items() if c >= 0.01 * len(docs)}
    hits = [sum(x in form or x in heavy for x in ls) for ls in lines]
    return round(sum(h > 0 for h in hits) / max(1, len(docs)), 4), int(sum(hits))


def themes(name: str, embedded: list[str], docs: list[str], truth, cache: Path, seed: int) -> dict:
    """Scores of ``find_themes`` on ``docs`` with the vectors (and heads) of ``embedded``, as the app runs it."""
    from analysis.embeddings import get_backend
    from analysis.topics import ThemeParams, find_themes
    from triage_app.engine_cache import cache_dir as engine_cache_dir

    digest = hashlib.sha1("\x00".join(embedded).encode()).hexdigest()[:12]
    emb, _ = ev.vectors(f"form_{name}_{digest}", embedded, "use-multilingual", cache)
    found = find_themes(docs, emb, ThemeParams(seed=seed), embed=get_backend("use-multilingual").encode,
                        profile=ev.profile_for("use-multilingual", embedded, emb), cache_dir=engine_cache_dir())
    return {"top": ev.score(found.top_labels, truth), "sub": ev.score(found.labels, truth),
            "labels": [t.label for t in found.tops]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", default="f9ea2fb")
    ap.add_argument("--layouts", default="repo,csv")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "feedback-triage" / "eval")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--no-themes", action="store_true")
    args = ap.parse_args()
    base = base_module(args.base)
    data = rows()
    truth = [r["label"] for r in data]
    form = prompts(data)
    table = []
    for layout in args.layouts.split(","):
        recs = records(data, layout)
        sides = {}
        for side, module in (("base", base), ("ours", ours)):
            t = time.process_time()
            embedded, docs = (docs := module.clean_corpus(recs), docs) if side == "base" else ours.clean_views(recs)
            cpu = time.process_time() - t
            share, count = form_left(docs, form)
            sides[side] = docs
            row = {"layout": layout, "side": side, "form_items": share, "form_lines": count,
                   "chars": sum(len(d) for d in docs), "clean_cpu_s": round(cpu, 2)}
            if not args.no_themes:
                row.update(themes(layout, embedded, docs, truth, args.cache, args.seed))
            table.append(row)
            print({k: v for k, v in row.items() if k != "labels"}, flush=True)
            print(f"  {layout} {side} top-level labels: {row.get('labels')}", flush=True)
        table[-1]["changed"] = sum(a != b for a, b in zip(sides["base"], sides["ours"]))
    print(f"\n| layout | side | items holding form text | form lines | chars | clean CPU s | top NMI / ARI | "
          f"sub NMI / ARI | unassigned | top / sub themes | changed |\n|---|---|---|---|---|---|---|---|---|---|---|")
    for r in table:
        top, sub = r.get("top", {}), r.get("sub", {})
        print(f"| {r['layout']} | {r['side']} | {r['form_items']:.1%} | {r['form_lines']:,} | {r['chars']:,} | "
              f"{r['clean_cpu_s']} | {top.get('nmi', '-')} / {top.get('ari', '-')} | {sub.get('nmi', '-')} / "
              f"{sub.get('ari', '-')} | {sub.get('unassigned', '-')} | {top.get('themes', '-')} / "
              f"{sub.get('themes', '-')} | {r.get('changed', '')} |")


if __name__ == "__main__":
    main()
