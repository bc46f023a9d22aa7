"""A helper of the lone-label tests (not a test module): lone top-level themes named by ``name_lone_tops``."""
from __future__ import annotations

import numpy as np

from analysis.lone_labels import name_lone_tops
from analysis.theme_labels import typical_sentence
from analysis.theme_tree import TopTheme


def lone_tree(groups: list[list[str]], given: list[str], facts=None):
    """Each group a lone top-level theme labelled ``given``; the labeller's own typical member sentence; ``facts``
    the per-theme (mood, type, mixed) profile theme_tree passes. Returns (labels, sub-theme labels, changes)."""
    docs = [t for g in groups for t in g]
    labels = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
    cents = np.zeros((len(groups), 4), np.float32)
    tops = [TopTheme([k], [], given[k], cents[k], len(g)) for k, g in enumerate(groups)]
    sub_labels = list(given)

    def typical(g, reserved):
        return typical_sentence(groups[g], None, None, [], {r.lower() for r in reserved},
                                [t for h, t in enumerate(groups) if h != g])

    changed = name_lone_tops(tops, sub_labels, docs, labels, typical, facts=facts)
    return [t.label for t in tops], sub_labels, changed
