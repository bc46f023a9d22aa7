"""A label that tells a theme from its siblings when its own label is taken, written as members write it.

Session 8 made such a label distinct by appending a word ("Fix: update", "请尽快修复: reconnect"): distinct,
but no person writes it. Here the theme takes a phrase of its own members instead (the same phrase
extraction as every label: ``en_phrases``/``zh_phrases``), the one its members say most often relative to
its siblings' ("Update crashes", "联网后同步"), preferring one that keeps the taken label's words and phrases
of several words. When only one word tells them apart, it qualifies the label as a person would write it
("Python and PyCharm" for a name, "AAPL drop" after one word); else the member sentence that says it, shortened.
"""
from __future__ import annotations

import contextlib
from collections import Counter
from contextvars import ContextVar
from functools import lru_cache
from typing import Callable, Container, Iterator, Sequence

from .en_phrases import _CJK, MAX_WORDS, _Texts, _counts, _display, _norm
from .topic_keywords import is_profane
from .zh_phrases import MAX_CHINESE_CHARS

#: Texts read per side (the labels are read on samples already; this keeps a rare path cheap).
MAX_TEXTS = 400
#: A phrase must be said by at least this many of the theme's own texts.
MIN_TEXTS = 2
#: Score factor of a phrase that keeps the taken label's words ("Login page" -> "Login page spins").
KEEPS_LABEL = 1.5
#: Score factor of a one-word phrase (a bare word says less than a phrase).
ONE_WORD = 0.6


def _label_keys(label: str) -> set[str]:
    if _CJK.search(label):
        return {label}
    return {_norm(w.lower()) for w in label.split() if w.isalpha()}


def _keeps(key: tuple, display: str, label_keys: set[str]) -> bool:
    if not label_keys:
        return False
    if _CJK.search(display):
        return any(k in display or display in k for k in label_keys)
    return label_keys <= set(key)


class _Blocked:
    """``label`` and ``taken`` (lower-case labels, or ``theme_labels._Taken``), asked with a lower-cased label."""

    def __init__(self, label: str, taken: Container[str]):
        self.label, self.taken = label.lower(), taken

    def __contains__(self, low: object) -> bool:
        return low == self.label or low in self.taken


def distinct_phrase(label: str, own: Sequence[str], siblings: Sequence[Sequence[str]],
                    taken: Container[str]) -> str | None:
    """A phrase at least ``MIN_TEXTS`` of ``own`` say, more often (as a share) than any of ``siblings``, that
    is not ``label`` and not in ``taken`` (lower-case labels, or anything that answers ``in`` so); None when no
    phrase or member sentence tells them apart."""
    own = list(dict.fromkeys(own))[:MAX_TEXTS]
    if len(own) < MIN_TEXTS:
        return None
    parsed = _Texts(own, ())
    df, surfaces = _counts(parsed)
    others = []
    for texts in siblings:
        texts = tuple(dict.fromkeys(texts))[:MAX_TEXTS]
        if texts:
            others.append((_sibling_counts(texts), len(texts)))
    label_keys = _label_keys(label)
    blocked = _Blocked(label, taken)
    best = None
    for key, c in df.items():
        if c < MIN_TEXTS or len(set(key)) < len(key):  # "aapl aapl": a tag repeated as a word
            continue
        gap = c / len(own) - max((o[key] / n for o, n in others), default=0.0)
        if gap <= 0:
            continue
        display = _display(key, surfaces[key], parsed)
        if display.lower() in blocked or is_profane(display):
            continue
        score = gap * (KEEPS_LABEL if _keeps(key, display, label_keys) else 1.0) * (ONE_WORD if len(key) == 1 else 1.0)
        if best is None or (score, len(key), display) > best[:3]:
            best = (score, len(key), display, key)
    if best is not None and (best[1] > 1 or _keeps(best[3], best[2], label_keys)):
        return best[2]
    from .label_polish import distinguishing_word

    word = distinguishing_word(own, siblings, [label])  # one word (names too: the phrases leave names out)
    joined = _joined(label, word) if word else None
    if joined and joined.lower() not in blocked:
        return joined
    said = _said_sentence(word, own, blocked) if word else None
    return said or (best[2] if best is not None else None)


#: Sibling texts read in a labelling run that ``labelling_run`` opened: the run's own cache (None outside one).
_RUN_COUNTS: ContextVar[Callable[[tuple[str, ...]], Counter] | None] = ContextVar("sibling_counts", default=None)
#: Siblings whose counts one run keeps (the most recently asked).
RUN_CACHE_SIZE = 128


@contextlib.contextmanager
def labelling_run() -> Iterator[None]:
    """One labelling run (an analysis' tree, an incremental run's new labels; also a decorator): the phrase
    counts of a sibling's texts are read once in it however many of its siblings ask (the fallback asks for every
    theme's siblings: 108 parses each, 16 times, on a 21,000-item run), and dropped when it ends. A run inside a
    run is part of it."""
    if _RUN_COUNTS.get() is not None:
        yield
        return
    token = _RUN_COUNTS.set(lru_cache(maxsize=RUN_CACHE_SIZE)(_read_counts))
    try:
        yield
    finally:
        _RUN_COUNTS.reset(token)


def _read_counts(texts: tuple[str, ...]) -> Counter:
    return _counts(_Texts(list(texts), ()))[0]


def _sibling_counts(texts: tuple[str, ...]) -> Counter:
    """The phrase counts of one sibling's texts: from the run's cache inside ``labelling_run``, else read now."""
    cached = _RUN_COUNTS.get()
    return _read_counts(texts) if cached is None else cached(texts)


def _joined(label: str, word: str) -> str | None:
    """``label`` qualified by ``word`` as one phrase, None when too long: a name or a word the lexicon does not know
    (a tool: mariadb) joins with "and" ("Python and PyCharm"), an English word follows a one-word label ("AAPL drop");
    Chinese runs together (同步冲突)."""
    if _CJK.search(label) or _CJK.search(word):
        both = label + word
        return both if _CJK.search(label) and _CJK.search(word) and len(both) <= MAX_CHINESE_CHARS else None
    if len(label.split()) + 2 > MAX_WORDS or word.lower() in label.lower().split():
        return None
    from .en_pos import parts

    if word[:1].isupper() or not parts(word.lower()):
        return f"{label} and {word}"
    return f"{label} {word}" if len(label.split()) == 1 else None  # "Mobile app crashes update": no


def _said_sentence(word: str, own: Sequence[str], blocked: Container[str]) -> str | None:
    """The first member sentence (shortened) holding ``word``, the word that only these members say; a long one is
    cut to the words before it ("The Android app freezes on the loading screen after the update" -> "Loading
    screen after the update")."""
    import re

    from .en_phrases import _SENTENCE, FUNCTION_WORDS
    from .theme_labels import _shorten

    low = word.lower()
    for text in own:
        for m in _SENTENCE.finditer(text):
            s = m.group().strip()
            if low not in s.lower():
                continue
            short = _shorten(s)
            if low not in short.lower() and not _CJK.search(s):
                clause = next(c for c in re.split(r"[,;:]", s) if low in c.lower()).split()
                at = next((i for i, w in enumerate(clause) if low in w.lower()), len(clause) - 1)
                tokens = clause[max(0, at + 1 - MAX_WORDS):at + 1]
                while len(tokens) > 1 and tokens[0].lower() in FUNCTION_WORDS:
                    tokens.pop(0)
                short = _shorten(" ".join(tokens))
            if low in short.lower() and short.lower() not in blocked and not is_profane(short):
                return short
    return None
