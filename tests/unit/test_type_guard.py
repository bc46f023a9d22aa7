"""The feedback-type guard of the concept passes (``theme_tree.clear_kinds``, ``type_gaps`` in
``theme_concepts.follow_members``): a sub-theme whose members are no clear type is not "a problem" because problem
leads by a few points, and a sub-theme never follows its members into a parent whose type mix is further from its
own than its siblings' are. Without them nlbse24's "tflite model" (0.39 problem, 0.31 question, 0.29 request)
followed its members into the parent of crash reports (0.82-0.94 problem) and the top level fell below the flat
themes. Texts, vectors and type mixes are written here (real sets: bench/tree_quality.py)."""
from __future__ import annotations

import numpy as np
from scipy.spatial.distance import squareform

from analysis import theme_concepts as cm
from analysis.theme_tree import MIXED_KIND, clear_kinds, group_subthemes, type_gaps
from tests.unit.concept_fixtures import distances

EN = [  # 0-2 crash reports; 3 how-to questions about the same library; 4-5 more questions; 6-11 other things
    ["It crashes on start", "Segfault when loading", "Crash after update", "Abort in kernel", "Crashes", "Fatal"],
    ["Segmentation fault in op", "Crash with GPU", "Core dumped", "Crash on exit", "Abort trap", "Segfault again"],
    ["Overflow error crash", "Crash in graph", "Crash on save", "Abort on load", "Crashes at random", "Crash"],
    ["How do I load a model", "Is there a way to export", "How to convert", "Can I run this", "How to", "Why"],
    ["How can I install it", "Where is the guide", "How do I build", "Which version", "Is it supported", "How"],
    ["What does this flag do", "How to set the path", "Can I use it", "Where is it", "What is", "Which"],
    ["Add dark mode", "Please add themes", "Support dark theme", "Dark mode please", "Theme", "Colours"],
    ["Add an export button", "Export to csv", "Export please", "Support export", "Export", "Save as"],
    ["Typo in docs", "Docs are wrong", "Fix the readme", "Docs typo", "Readme", "Docs"],
    ["Thanks for this", "Great project", "Love it", "Thank you", "Nice work", "Awesome"],
    ["Build fails on mac", "Cannot build", "Build error", "Compile error", "Make fails", "Link error"],
    ["Test is flaky", "Flaky test", "Intermittent test", "Test timeout", "CI red", "Test fails"],
]
GROUPS = np.array([0, 0, 0, 1, 1, 1, 2, 3, 4, 5, 6, 7])  # 3 sits with the other questions 4-5
MOODS = np.zeros(len(EN), dtype=np.int64)  # issues: no mood leads


def _mixes(types: list[list[float]]) -> np.ndarray:
    """Sentiment columns (all neutral) beside each sub-theme's mean type mix (problem, request, question,
    praise, other)."""
    return np.hstack([np.tile([0.0, 1.0, 0.0], (len(types), 1)), np.array(types, dtype=np.float64)])


#: 0-2 clearly problems; 3 a bare plurality of problem, like its question siblings 4-5 (which lean question).
TYPES = ([[0.9, 0.05, 0.05, 0.0, 0.0]] * 3 + [[0.40, 0.25, 0.35, 0.0, 0.0]]
         + [[0.36, 0.22, 0.42, 0.0, 0.0]] * 2 + [[0.1, 0.8, 0.1, 0.0, 0.0]] * 2
         + [[0.2, 0.2, 0.2, 0.0, 0.4]] + [[0.0, 0.0, 0.0, 1.0, 0.0]] + [[0.8, 0.1, 0.1, 0.0, 0.0]] * 2)


def _vectors(n: int, target: int, rng: np.random.Generator, per: int = 30):
    """Sub-theme ``target``'s members lie between its own direction and sub-theme 0's (they vote for 0)."""
    centroids = np.eye(n + 1)[:n]
    docs, labels = [], []
    for k in range(n):
        for _ in range(per):
            v = centroids[k] + (0.8 * centroids[0] if k == target else 0) + 0.05 * rng.standard_normal(n + 1)
            docs.append(v / np.linalg.norm(v))
            labels.append(k)
    return np.array(docs), np.array(labels), centroids


def _square(n: int) -> np.ndarray:
    return distances(n, [(0, 1, 0.3), (0, 2, 0.3), (1, 2, 0.3), (3, 4, 0.3), (3, 5, 0.3), (4, 5, 0.3),
                         (3, 0, 0.5), (3, 1, 0.5), (3, 2, 0.5)])


def test_a_bare_plurality_is_no_kind():
    mixes = _mixes(TYPES)
    mixes[8, 3:] = np.nan  # no profiled member
    kinds = clear_kinds(mixes)
    assert kinds[0] == 0 and kinds[6] == 1 and kinds[9] == 3  # a type that clearly leads
    assert kinds[3] == kinds[4] == MIXED_KIND  # problem by 5 points, question by 6: no type
    assert kinds[8] < 0 and kinds[8] not in np.delete(kinds, 8)  # a kind of its own
    assert clear_kinds(mixes, margin=0.0)[3] == 0  # the bare argmax the old guard read


def _grouped(kinds: np.ndarray, gaps: np.ndarray | None) -> np.ndarray:
    n = len(EN)
    docs, labels, centroids = _vectors(n, 3, np.random.default_rng(1))
    votes = cm.member_votes(docs, labels, centroids, MOODS, np.random.default_rng(0))
    assert votes[3, 0] > 0.9  # the question members sit nearest to the crash reports
    return group_subthemes(squareform(_square(n), checks=False), np.full(n, 60), 0.35, max_top=n, moods=MOODS,
                           max_share=0.5, concept=(kinds, cm.term_shares(EN)), votes=votes, type_gaps=gaps)


def test_questions_stay_with_questions_though_their_members_sit_near_crash_reports():
    mixes = _mixes(TYPES)
    argmax = mixes[:, 3:].argmax(axis=1)  # the old guard: 3 is "a problem" like the crash reports
    moved = _grouped(argmax, None)
    assert moved[3] == moved[0]  # what the type guard must prevent
    for kinds, gaps in ((argmax, type_gaps(mixes)), (clear_kinds(mixes), None), (clear_kinds(mixes), type_gaps(mixes))):
        out = _grouped(kinds, gaps)
        assert out[3] == out[4] == out[5] != out[0], (kinds, gaps is None)
        assert out[0] == out[1] == out[2]


def test_a_clear_problem_still_follows_its_members_to_the_problem_parent():
    types = [list(t) for t in TYPES]
    types[3] = [0.85, 0.05, 0.1, 0.0, 0.0]  # now a crash report in other words, beside two question sub-themes
    mixes = _mixes(types)
    out = _grouped(clear_kinds(mixes), type_gaps(mixes))
    assert out[3] == out[0] and out[4] == out[5] != out[0]


def test_a_question_sharing_the_crash_word_does_not_leave_its_siblings_for_the_crash_parent():
    """``leave_mixed``: "why does it crash when..." questions share the key term with the crash reports and lie
    nearer them, but their type mix is their question siblings'; with ``type_gaps`` they stay."""
    n = 16
    texts = [[f"word{k}a text", f"word{k}b more", f"word{k}c other", f"word{k}d and"] for k in range(n)]
    for k in (0, 1, 2):  # 0-1 crash reports, 2 questions about crashes
        texts[k] = [f"crash {w}" for w in texts[k]]
    groups = np.array([0, 0, 1, 1, 1] + list(range(2, 2 + n - 5)))
    square = np.full((n, n), 0.9)
    for i, j, d in [(0, 1, 0.2), (2, 0, 0.3), (2, 1, 0.3), (2, 3, 0.4), (2, 4, 0.4), (3, 4, 0.3)]:
        square[i, j] = square[j, i] = d
    np.fill_diagonal(square, 0.0)
    types = [[0.95, 0.0, 0.05, 0.0, 0.0]] * 2 + [[0.6, 0.0, 0.4, 0.0, 0.0]] * 3 + [[0.8, 0.1, 0.1, 0.0, 0.0]] * 11
    mixes = _mixes(types)
    kinds, moods = clear_kinds(mixes), np.zeros(n, dtype=np.int64)
    assert (kinds == 0).all()  # every one clearly a problem by the argmax guard
    args = (square, np.full(n, 50.0), moods, kinds, cm.term_shares(texts), 0.6, 1e9, 1e9)
    assert cm.leave_mixed(groups, *args)[2] == cm.leave_mixed(groups, *args)[0]  # the word and the distance move it
    out = cm.leave_mixed(groups, *args, type_gaps=type_gaps(mixes))
    assert out[2] == out[3] == out[4] != out[0]
