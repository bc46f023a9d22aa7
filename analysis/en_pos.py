"""Which English words can name a thing: the parts of speech a word can have (LemmInflect's lexicon, the NIH
SPECIALIST lexicon bundled in its wheel; no download) and how the member texts use it.

A label's head should be a noun ("Login problems", "Dark mode"), never a word that is only a verb, adverb or
adjective ("Praise for cheaper", "Fix soon", "See and boards"). Many words are both ("type", "view", "fix",
"dark"): then the texts decide, by the word before and after each use (after "the"/"my" it is a noun; after
"to"/"can't" or before "the" it is a verb; after "is"/"so" or before another noun it describes).
Words the lexicon does not know (app, sync, product names) count as nouns.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Sequence

#: Words before a noun use.
_DETERMINERS = frozenset("the a an my your his her our their its this that these those any some no every each "
                         "another other new old more less many much few".split())
#: Singular determiners: an -s form after one is a verb's ("this works", "that crashes"), never a plural noun.
_SINGULAR = frozenset("this that a an every each another".split())
#: Words after a verb use that say how it goes ("works great", "works like new"): a noun is not followed by them.
_MANNER_AFTER = frozenset("great perfectly perfect fine well flawlessly like good beautifully wonderfully "
                          "smoothly fast".split())
#: Words before a verb use.
_VERB_BEFORE = frozenset("to can't cannot cant can don't dont doesn't doesnt didn't won't wont will would could "
                         "should must please pls not never i we you they he she it".split())
#: Words before a verb's -ing form used as a verb ("when running", "keeps crashing", "stop loading").
_ING_VERB_BEFORE = frozenset("when while after before by without keep keeps kept stop stops stopped start starts "
                             "started am".split())
#: Words before a describing use (predicative adjectives, adverbs).
_DESCRIBE_BEFORE = frozenset("is are was were be been so very too really pretty quite more most less".split())


@lru_cache(maxsize=1)
def _lemmas():
    try:
        from lemminflect import getAllLemmas
    except ImportError:  # a trimmed bundle: every word may be a noun (the old behaviour)
        return None
    return getAllLemmas


@lru_cache(maxsize=100_000)
def parts(low: str) -> frozenset:
    """The universal POS tags the lexicon gives a lower-case word (NOUN, VERB, ADJ, ADV...); empty when unknown."""
    lemmas = _lemmas()
    if lemmas is None or not low.isascii() or not low.isalpha():
        return frozenset()
    try:
        return frozenset(lemmas(low))
    except Exception:  # noqa: BLE001 - a lexicon lookup never stops labelling
        return frozenset()


@lru_cache(maxsize=100_000)
def can_name(low: str) -> bool:
    """Whether a word can be a noun (or is unknown to the lexicon: app, sync, product names)."""
    tags = parts(low)
    return not tags or "NOUN" in tags or "PROPN" in tags


@lru_cache(maxsize=100_000)
def names_or_describes(low: str) -> bool:
    """A word that can stand alone as a label: a noun or adjective ("Login", "Slow"), or unknown to the lexicon;
    not a word that is only a verb or adverb ("See", "Soon")."""
    tags = parts(low)
    return not tags or bool(tags & {"NOUN", "PROPN", "ADJ"})


@lru_cache(maxsize=100_000)
def only_adverb(low: str) -> bool:
    """A word the lexicon knows only as an adverb (soon, again, anymore)."""
    tags = parts(low)
    return bool(tags) and tags <= {"ADV"}


def uses(word: str, clauses: Iterable[Sequence[str]]) -> tuple[int, int]:
    """(noun uses, other uses) of a lower-case word in tokenised clauses, by the word before and after it;
    uses neither side tells are not counted."""
    noun = other = 0
    for clause in clauses:
        lows = None
        for i, tok in enumerate(clause):
            if tok.lower() != word and tok.lower().rstrip("s") != word:
                continue
            lows = lows or [t.lower() for t in clause]
            before = lows[i - 1] if i else ""
            after = lows[i + 1] if i + 1 < len(lows) else ""
            if before in _SINGULAR and lows[i] != word and lows[i].endswith("s"):
                other += 1  # "this works great": a verb after a singular subject, not plural works
            elif before in _DETERMINERS or before.endswith("'s"):
                noun += 1
            elif (before in _VERB_BEFORE or (before in _ING_VERB_BEFORE and word.endswith("ing"))
                  or after in ("the", "a", "an", "my", "your", "it", "them", "this") or after in _MANNER_AFTER
                  or (after == "to" and _describes(word))):  # "due to", "able to": describing, not naming
                other += 1
            elif before in _DESCRIBE_BEFORE:
                other += 1
    return noun, other


def names_thing(word: str, clauses: Iterable[Sequence[str]], least: int = 3) -> bool:
    """Whether a word names a thing in these texts: it can be a noun, and when it can also be something else
    its uses that tell are not mostly of the other kind (fewer than ``least`` telling uses: the lexicon alone)."""
    if not can_name(word):
        return False
    tags = parts(word)
    if not tags or tags <= {"NOUN", "PROPN"}:
        return True
    noun, other = uses(word, clauses)
    if other and not noun and (_describes(word) or (word.endswith("ing") and "VERB" in tags)):
        return False  # "due to", "when running": a describing word or a verb's -ing form, never once a noun
    return noun + other < least or noun * 2 >= other


def _describes(word: str) -> bool:
    """A word the lexicon knows as an adjective or adverb and never as a verb (due, able, prior; not crash)."""
    tags = parts(word)
    return bool(tags & {"ADJ", "ADV"}) and "VERB" not in tags
