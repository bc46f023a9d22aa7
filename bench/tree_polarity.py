"""Do top-level themes contradict their sub-themes? Checked against the human sentiment labels of
zh-waimai-10k (1 = positive review), on the same sub-themes grouped two ways in one run.

    PYTHONPATH=. .venv/bin/python bench/tree_polarity.py [--cache DIR]

"content" = the session-3 grouping (cosine distance of centroids alone, cut at 0.8 x the typical
spread, no count ceiling); "content + kind" = today's default (``theme_tree.build_tree``: type and
sentiment mixes from the feedback-class heads added, count between 5 and ``max_top_themes``).
A parent *conflicts* when it holds a sub-theme with >= 70% positive reviews beside one with <= 30%;
"against parent" counts the items of sub-themes whose majority label differs from their parent's.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import eval_themes as ev  # noqa: E402
from analysis import theme_tree as tt  # noqa: E402
from analysis.topics import ThemeParams, find_themes, import_engine  # noqa: E402
from triage_app.engine_cache import cache_dir as engine_cache_dir  # noqa: E402


def conflicts(groups: np.ndarray, labels: np.ndarray, positive: np.ndarray, sizes: np.ndarray) -> tuple[int, int]:
    share = np.array([positive[labels == k].mean() if (labels == k).any() else 0.5 for k in range(len(sizes))])
    bad = against = 0
    for g in set(groups.tolist()):
        children = np.flatnonzero(groups == g)
        if len(children) > 1 and share[children].max() >= 0.7 and share[children].min() <= 0.3:
            bad += 1
        majority = positive[np.isin(labels, children)].mean() >= 0.5
        against += sum(int(sizes[k]) for k in children if (share[k] >= 0.5) != majority)
    return bad, against


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "feedback-triage" / "eval")
    args = ap.parse_args()
    import_engine(engine_cache_dir())
    docs, _ = ev.load("waimai")
    with open(ev.DATA / "zh-waimai-10k/waimai_10k.csv", encoding="utf-8") as fh:
        positive = np.array([r["label"] == "1" for r in csv.DictReader(fh)])
    emb, _ = ev.vectors("waimai", docs, "use-multilingual", args.cache)
    result = find_themes(docs, emb, ThemeParams(), profile=ev.profile_for("use-multilingual", docs, emb),
                         cache_dir=engine_cache_dir())
    labels, sizes = result.labels, np.array([t.size for t in result.themes])
    centroids = np.vstack([t.centroid for t in result.themes])
    content = tt.subtheme_distances(centroids)
    before = tt.group_subthemes(content, sizes, tt.cut_distance(content, labels, result.similarity, tt.TOP_DISTANCE))
    print("| grouping | top-level themes | parents that conflict | items in sub-themes against their parent |")
    print("|---|---|---|---|")
    for name, groups in (("content (session 3)", before), ("content + kind (now)", result.top_of)):
        bad, against = conflicts(groups, labels, positive, sizes)
        print(f"| {name} | {groups.max() + 1} | {bad} | {against:,} ({against / len(docs):.1%}) |")


if __name__ == "__main__":
    main()
