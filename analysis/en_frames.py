"""Problem and request phrases of issue titles, counted across wordings.

An issue tracker's titles carry the predicate ("Dataset loading fails", "Fails to load the dataset",
"Cannot build the extension", "Add support for ONNX"), but seldom with the same words in the same
order. A *frame* is a predicate word (a problem: fails, error, crash, missing...; a request: add,
support, allow...; or a negation: cannot, unable, doesn't) with one or two content words near it in
the same clause of a title; its key is the set of the words' Snowball stems (``snowballstemmer``),
so "fails to load dataset", "dataset loading failed" and "dataset load failure" count as one.
The words shown are the most common way the members wrote it.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

#: Stems of words that make a title say what is wrong or wanted (beside negations).
PROBLEM_STEMS = frozenset("""fail failur error crash hang freez froze broken break miss slow wrong leak incorrect
invalid except regress stuck timeout unexpect inconsist flaki flaky corrupt deadlock overflow segfault""".split())
REQUEST_STEMS = frozenset("add support allow enabl provid expos implement".split())
#: Negations: one predicate ("not"), whichever way written.
NEGATION_WORDS = frozenset("not cannot can't cant unable doesn't doesnt don't dont won't wont couldn't isn't "
                           "aren't wasn't didn't no".split())
#: Titles of more words than this are sentences, not titles.
MAX_TITLE_WORDS = 20
#: Content words this far from the predicate (in tokens) may join its frame.
WINDOW = 3


@lru_cache(maxsize=1)
def _stemmer():
    try:
        import snowballstemmer
    except ImportError:  # a trimmed bundle: words count as written
        return None
    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def stem(low: str) -> str:
    """The Snowball (Porter 2) stem of a lower-case English word; negations are all "not"."""
    if low in NEGATION_WORDS:
        return "not"
    stemmer = _stemmer()
    return stemmer.stemWord(low) if stemmer is not None else low


def predicate(low: str) -> bool:
    """A word that says what is wrong or wanted: a problem or request stem, or a negation."""
    s = stem(low)
    return s == "not" or s in PROBLEM_STEMS or s in REQUEST_STEMS


def title_of(text: str) -> str | None:
    """The first line of a text when it reads as a title (a short line with more text after it), else None."""
    head, sep, rest = text.partition("\n")
    if not sep or not rest.strip() or not head.strip() or len(head.split()) > MAX_TITLE_WORDS:
        return None
    return head


def frames(clause: Sequence[str], kinds: Sequence[int], usable) -> list[tuple[tuple, str]]:
    """(key, surface) of the frames of one title clause. ``kinds``: ``en_phrases._word_kind`` per token (1
    content, 2 function, 3 negation); ``usable(low)``: whether a content word may stand in a label. The key
    is the sorted stems of the predicate and one or two content words within ``WINDOW`` tokens (two only
    when at most one word apart: "dataset loading", "build the extension"); the surface runs from the first
    to the last of them."""
    lows = [t.lower() for t in clause]
    n = len(clause)
    out = []
    for p in range(n):
        if not predicate(lows[p]) or kinds[p] == 0:
            continue
        near = [i for i in range(max(0, p - WINDOW), min(n, p + WINDOW + 1))
                if i != p and kinds[i] == 1 and usable(lows[i]) and stem(lows[i]) != stem(lows[p])]
        picks = [(i,) for i in near] + [(i, j) for i, j in zip(near, near[1:]) if j - i <= 2]
        negation = stem(lows[p]) == "not"
        for pick in picks:
            lo, hi = min(p, *pick), max(p, *pick)
            if negation and hi == p:
                continue  # "wallet does not": what does it not do
            if negation and lo == p and p > 0 and lows[p - 1] in _AUXILIARIES and lows[p] == "not":
                lo -= 1  # "does not load", "can not build"; never "Is no push notification", "Is not working"
            if any(kinds[i] == 0 for i in range(lo, hi + 1)) or hi - lo + 1 > 6:
                continue
            key = tuple(sorted({stem(lows[i]) for i in (p, *pick)}))
            if len(key) < 2 or set(key) <= _TEMPLATE:
                continue
            out.append((key, " ".join(clause[lo:hi + 1])))
    return out


#: Auxiliaries a negated frame starts with ("does not load"); a copula is left out ("is not working" -> "not working").
_AUXILIARIES = frozenset("can does do did will could would should".split())
#: Issue-form headings, not problems: "Feature request", "Bug report".
_TEMPLATE = frozenset("featur request bug report issu".split())
#: Stems that say nothing about what (a frame needs one content stem beside these and the predicate's).
GENERIC = frozenset("work run use code issu problem bug thing way time version error get make try".split())


def specific(key: tuple) -> bool:
    """Whether a frame names what it is about: a stem that is no predicate, negation or ``GENERIC`` word
    ("Not working" and "Crash when running" do not; "Build fails", "Not working in terminal" do); after a
    negation, two ("Cannot load" does not say what; "Cannot read property" does)."""
    if "not" in key:  # after a negation the verb is content too ("Cannot add node")
        return sum(1 for k in key if k not in GENERIC and k != "not") >= 2
    return any(k not in GENERIC and k not in PROBLEM_STEMS and k not in REQUEST_STEMS for k in key)
