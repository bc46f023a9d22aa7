"""In-domain ceilings of the feedback-type decision, linear against nonlinear (issue 13, session 8).

    PYTHONPATH=. HF_HUB_OFFLINE=1 .venv/bin/python bench/type_ceiling.py [--quick]

A measurement only, never a shippable model: each classifier is trained on the evaluation set itself
(cross-validated) over the features the product's heads read: the sentence vector of the cleaned
text (multilingual USE, cached by bench/vector_cache.py) and ``cue_features`` of the raw text.
Schemes: nlbse24 test split (5 repositories x 300 issues) leave-one-repository-out (what a user's own,
unseen tracker looks like), shuffled stratified 5-fold (same repositories in train and test), and
trained on the train split -> test; app-reviews-4class stratified 5-fold, shuffled (as session 7) and
with near-duplicates kept in one fold: the balanced_8000 file is augmented (a review and its
synonym-replaced copy, "I" -> "atomic_number_53"), so shuffled folds put copies of a test review in
training; groups are the connected components of review pairs with cosine >= 0.85. The baseline in the
same run is the balanced logistic regression of the session-7 ceilings. Prints a Markdown table.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import labelled_sets as sets  # noqa: E402
import vector_cache  # noqa: E402


def macro_recall(y, p) -> float:
    y, p = np.asarray(y), np.asarray(p)
    return float(np.mean([(p[y == c] == c).mean() for c in np.unique(y)]))


def _weights(y) -> np.ndarray:
    """Balanced sample weights (MLP and boosting have no class_weight for every version)."""
    y = np.asarray(y)
    counts = {c: (y == c).sum() for c in np.unique(y)}
    return np.array([len(y) / (len(counts) * counts[c]) for c in y])


def models(quick: bool):
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier
    from sklearn.svm import SVC

    yield "logistic regression, balanced, C 1 (the session-7 ceiling; baseline)", \
        lambda: LogisticRegression(max_iter=3000, class_weight="balanced"), False
    yield "RBF SVM, balanced, C 3", lambda: SVC(C=3.0, kernel="rbf", gamma="scale", class_weight="balanced"), False
    yield "MLP 256 hidden, alpha 1e-3, early stopping", lambda: MLPClassifier(
        (256,), alpha=1e-3, early_stopping=True, max_iter=300, random_state=0), True
    if not quick:
        yield "MLP 512-128, alpha 1e-2, early stopping", lambda: MLPClassifier(
            (512, 128), alpha=1e-2, early_stopping=True, max_iter=300, random_state=0), True
        yield "RBF SVM, balanced, C 10", lambda: SVC(C=10.0, kernel="rbf", gamma="scale",
                                                     class_weight="balanced"), False
    yield "HistGradientBoosting, 200 rounds, balanced", lambda: HistGradientBoostingClassifier(
        max_iter=200, learning_rate=0.1, class_weight="balanced", random_state=0), False


def cross(make, weighted, x, y, folds) -> float:
    pred, scored = np.empty(len(y), dtype=object), np.zeros(len(y), bool)
    for train, test in folds:
        scored[test] = True
        model = make()
        if weighted:
            model.fit(x[train], y[train], sample_weight=_weights(y[train]))
        else:
            model.fit(x[train], y[train])
        pred[test] = model.predict(x[test])
    return macro_recall(y[scored], pred[scored])


def near_duplicates(vectors: np.ndarray, threshold: float = 0.85) -> np.ndarray:
    """Group id per row: connected components of the pairs whose cosine is at least ``threshold``."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    rows, cols = [], []
    for start in range(0, len(unit), 1000):
        i, j = np.nonzero(unit[start:start + 1000] @ unit.T >= threshold)
        rows.append(i + start)
        cols.append(j)
    r, c = np.concatenate(rows), np.concatenate(cols)
    return connected_components(coo_matrix((np.ones(len(r)), (r, c)), shape=(len(unit),) * 2))[1]


def data():
    from analysis.feedback_classes import cue_features

    out = {}
    for split in ("test", "train"):
        issues = sets.nlbse(split)
        import csv

        csv.field_size_limit(1 << 30)
        with open(sets.DATA / "nlbse24-github-issues" / f"issues_{split}.csv", encoding="utf-8", newline="") as fh:
            repos = [r["repo"] for r in csv.DictReader(fh) if r["label"] in ("bug", "feature", "question")]
        v = vector_cache.vectors(f"nlbse{split}", vector_cache.cleaned([(a, b) for a, b, _ in issues], "github"))
        c = cue_features([f"{a}\n{b}" for a, b, _ in issues])
        out[f"nlbse-{split}"] = (v, c, np.array([t for _, _, t in issues]), np.array(repos))
    reviews = sets.app_reviews()
    v = vector_cache.vectors("app-reviews", vector_cache.cleaned([(None, t) for t, _ in reviews]))
    out["app"] = (v, cue_features([t for t, _ in reviews]), np.array([lab for _, lab in reviews]), None)
    return out


def main() -> None:
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true", help="more model settings")
    args = parser.parse_args()
    d = data()
    (vt, ct, yt, rt), (vr, cr, yr, _) = d["nlbse-test"], d["nlbse-train"]
    va, ca, ya, _ = d["app"]
    shuffled = StratifiedKFold(5, shuffle=True, random_state=0)
    grouped = list(StratifiedGroupKFold(5, shuffle=True, random_state=0).split(va, ya, near_duplicates(va)))
    loro = [(np.flatnonzero(rt != r), np.flatnonzero(rt == r)) for r in np.unique(rt)]
    columns = ["nlbse24 leave-one-repository-out", "nlbse24 shuffled 5-fold", "nlbse24 train split -> test",
               "app-reviews-4class shuffled 5-fold",
               "app-reviews-4class 5-fold, near-duplicates grouped"]
    print("| classifier | features | " + " | ".join(columns) + " |")
    print("|---|---|" + "---|" * len(columns))
    for name, make, weighted in models(not args.full):
        for feats, xt, xr, xa in (("vectors", vt, vr, va),
                                  ("vectors + cues", np.hstack([vt, ct]), np.hstack([vr, cr]), np.hstack([va, ca]))):
            start = time.process_time()
            cells = [cross(make, weighted, xt, yt, loro),
                     cross(make, weighted, xt, yt, list(shuffled.split(xt, yt))),
                     cross(make, weighted, np.vstack([xr, xt]), np.concatenate([yr, yt]),
                           [(np.arange(len(yr)), len(yr) + np.arange(len(yt)))]),
                     cross(make, weighted, xa, ya, list(shuffled.split(xa, ya))),
                     cross(make, weighted, xa, ya, grouped)]
            print(f"| {name} | {feats} | " + " | ".join(f"{c:.3f}" for c in cells)
                  + f" |  <!-- {time.process_time() - start:.0f} CPU s -->", flush=True)


if __name__ == "__main__":
    main()
