"""Why a concept's sub-theme is not under the concept's main parent: the ``theme_concepts.follow_members`` rules
read on the final tree of ``bench/tree_quality.py``'s sub-themes (its ``--reuse`` cache; no labels needed).

    PYTHONPATH=. .venv/bin/python bench/concept_blockers.py [--sets waimai] [--cache DIR] [--strict]

Per concept of ``tree_quality.CONCEPTS`` (``--strict``: the session 12 patterns, ``STRICT_CONCEPTS``; sub-themes at least half of whose members match its pattern), per such
sub-theme outside the parent holding most of its items: size, the app's negative share, mood and clear kind
(``theme_tree.clear_kinds``), its ``twins`` partner, its members' votes per parent (``member_votes``), and each
rule of ``follow_members`` for a move to the main parent, "ok" or what blocks it:
votes (< ``VOTE_SHARE``), margin (gain over its siblings < ``VOTE_MARGIN``), mood/kind (a sub-theme of another mood
or kind there), distance (> ``CONCEPT_DISTANCE`` x cut), stay (its parent would keep fewer than ``STAY``), type gap
(further in type mix than its siblings), cap (items past the ordinary cap, or the concept ceiling when the parent
would be one concept). The rules are read on the final grouping (the passes ran in order before it).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import tree_quality as tq  # noqa: E402
from analysis import theme_concepts as cm  # noqa: E402
from analysis import theme_tree as tt  # noqa: E402


def captured(name: str, cache: Path):
    """(the sub-themes' result, the docs, the app's negative flag per doc, ``group_subthemes``' args and kwargs,
    the final top-level group per sub-theme) for one set."""
    from analysis.embeddings import get_backend

    docs, _ = tq.load(name)
    emb, _ = tq.ev.vectors(name, docs, "use-multilingual", cache)
    profile = tq.ev.profile_for("use-multilingual", docs, emb)
    result, bargs, bkwargs = tq.record_inputs(docs, emb, profile, get_backend("use-multilingual").encode,
                                              cache / f"tree_inputs_{name}.pkl")
    seen: dict = {}
    real = tt.group_subthemes

    def spy(*args, **kwargs):
        seen["args"], seen["kwargs"] = args, kwargs
        return real(*args, **kwargs)

    tt.group_subthemes = spy
    try:
        a = list(bargs)
        a[6] = [""] * len(result.themes)
        top_of, _ = tt.build_tree(*a, **tq.grouped_by(tt.build_tree, docs, bkwargs))
    finally:
        tt.group_subthemes = real
    neg = profile(np.arange(len(docs)))[0].argmax(1) == 0
    return result, docs, neg, seen["args"], seen["kwargs"], np.asarray(top_of)


def blockers(s: int, target: int, top_of, votes, square, sizes, moods, kinds, shares, stop, cap, ceiling,
             gaps) -> list[str]:
    """The ``follow_members`` rules that keep sub-theme ``s`` out of parent ``target`` (empty: none would)."""
    ids = np.arange(top_of.max() + 1)
    member = (top_of[:, None] == ids[None, :]).astype(np.float64)
    counts = member.sum(axis=0)
    own = top_of[s]
    drawn = votes[s] @ member
    out = []
    if drawn[target] < cm.VOTE_SHARE:
        out.append(f"votes {drawn[target]:.2f} < {cm.VOTE_SHARE}")
    if drawn[target] - drawn[own] < cm.VOTE_MARGIN:
        out.append(f"margin {drawn[target] - drawn[own]:+.2f} < {cm.VOTE_MARGIN} (own {drawn[own]:.2f})")
    there = top_of == target
    if (moods[there] != moods[s]).any() or (kinds[there] != kinds[s]).any():
        out.append(f"mood/kind {moods[s]}/{kinds[s]} vs {sorted(map(int, set(moods[there])))}/{sorted(map(int, set(kinds[there])))}")
    near = float(square[s, there].mean())
    if near > stop:
        out.append(f"distance {near:.3f} > {stop:.3f}")
    if counts[own] - 1 < cm.STAY:
        out.append(f"stay: its parent keeps {int(counts[own]) - 1}")
    if gaps is not None and counts[own] > 1:
        gap = float(gaps[s, there].mean())
        siblings = float(gaps[s, (top_of == own) & (np.arange(len(top_of)) != s)].mean())
        if gap > siblings + 1e-12:
            out.append(f"type gap {gap:.3f} > siblings' {siblings:.3f}")
    moved = there.copy()
    moved[s] = True
    same, key, used = cm._evidence(moods, kinds, shares)
    one = bool(len(cm.one_concept(moved, same, key, used)))
    total = float(sizes[moved].sum())
    if total > (ceiling if one else cap):
        out.append(f"{'ceiling' if one else 'cap'} {total:.0f} > {ceiling if one else cap:.0f}")
    return out


def report(name: str, cache: Path, strict: bool = False) -> None:
    from scipy.spatial.distance import squareform

    result, docs, neg, args, kwargs, top_of = captured(name, cache)
    labels = result.labels
    distances, sizes, cut = args[:3]
    sizes = np.asarray(sizes, dtype=np.float64)
    square = squareform(np.asarray(distances, dtype=np.float64))
    moods = np.asarray(kwargs["moods"])
    kinds, shares = kwargs["concept"]
    votes, gaps = kwargs["votes"], kwargs.get("type_gaps")
    cap = kwargs["max_share"] * sizes.sum()
    ceiling = cm.CONCEPT_SHARE * sizes.sum()
    stop = cm.CONCEPT_DISTANCE * cut
    twin = cm.twins(votes, square, moods, kinds)
    member = (top_of[:, None] == np.arange(top_of.max() + 1)[None, :]).astype(np.float64)
    items = sizes @ member
    print(f"\n## {name}: {len(sizes)} sub-themes, {int(sizes.sum())} items, {len(items)} parents; cap {cap:.0f}, "
          f"concept ceiling {ceiling:.0f}, stop {stop:.3f}")
    for concept, subs in tq.concept_subthemes(name, docs, labels, len(sizes), strict).items():
        by = np.bincount(top_of[subs], weights=sizes[subs], minlength=len(items))
        main = int(by.argmax())
        outside = [int(s) for s in subs if top_of[s] != main]
        print(f"\n### {concept}: main parent {main} ({items[main]:.0f} items, {by[main]:.0f} of the concept); "
              f"outside: {sum(sizes[s] for s in outside):.0f} items in {len(outside)} sub-themes")
        for s in outside:
            drawn = votes[s] @ member
            best = np.argsort(-drawn)[:3]
            print(f"- sub {s} ({sizes[s]:.0f} items, {neg[labels == s].mean():.0%} neg) in parent {top_of[s]} "
                  f"({items[top_of[s]]:.0f}); mood {moods[s]} kind {kinds[s]} twin {twin[s]}; votes "
                  + ", ".join(f"p{b} {drawn[b]:.2f}" for b in best))
            why = blockers(s, main, top_of, votes, square, sizes, moods, kinds, shares, stop, cap, ceiling, gaps)
            print("  to the main parent: " + ("; ".join(why) if why else "ok (no rule blocks it)"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="waimai")
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "feedback-triage" / "eval")
    ap.add_argument("--strict", action="store_true", help="the session 12 concept patterns")
    a = ap.parse_args()
    for name in a.sets.split(","):
        report(name, a.cache, a.strict)


if __name__ == "__main__":
    main()
