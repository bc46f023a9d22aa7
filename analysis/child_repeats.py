"""A sub-theme whose label only repeats its parent's says what sets it apart, once the whole tree is named.

A person who expands "Excel" and reads "Excel" again learns nothing. ``theme_tree._distinct_from_parents`` asks
the leaf labeller again with the parent's words reserved, but later passes rename parents (``label_polish``), and
when the labeller has nothing better the repeat stays ("Python" under "Python", "Fire stick" under "Praise for
fire stick", 配送 under 配送问题). The last pass of ``build_tree`` (``distinguish_repeats``) gives such a child, in
this order:
1. the leaf labeller's next grounded phrase with every label of the tree and the parent's words reserved;
2. a phrase its own members say more than its siblings (``sibling_phrase.distinct_phrase``);
3. else the remainder of its parent, said plainly: "Other Python feedback", "Other praise for fire stick",
   "Other credit karma problems", 其他配送问题, 其他米饭反馈 (honest: its siblings took the parts with a name).
Labels a person edited are never touched: the store writes a model label only where ``label_edited`` is unset.
"""
from __future__ import annotations

import re
from typing import Callable, Sequence

from .request_frame import ZH_FRAMES

Relabel = Callable[[int, int | None, list[str]], str | None]

_EN_FRAME = re.compile(r"^praise\b|\b(problems?|issues?|praise|feedback|requests?|questions?)$", re.I)


def remainder_label(parent: str, texts: Sequence[str] = ()) -> str:
    """The rest of ``parent`` once its named parts are taken: "Other Python feedback", "Other praise for fire
    stick", "Other login problems"; 其他配送问题, 其他米饭反馈. The parent's opening word is written lower-case
    when it is a frame word or ``texts`` (the members) write it lower-case more often than capitalised."""
    parent = parent.strip()
    if re.search(r"[\u4e00-\u9fff]", parent):
        return "其他" + parent + ("" if parent.endswith(ZH_FRAMES) else "反馈")
    first, _, rest = parent.partition(" ")
    if first[1:].islower() and (first.lower() in _COMMON_OPENERS or _mostly_lower(first, texts)):
        first = first.lower()  # "Other praise for...", but "Other Python feedback"
    body = f"{first} {rest}".strip()
    return f"Other {body}" + ("" if _EN_FRAME.search(parent) else " feedback")


def _mostly_lower(word: str, texts: Sequence[str]) -> bool:
    """A word of the lexicon ("credit", not "jupyter": a name keeps the parent's casing) that ``texts`` write
    lower-case more often than not."""
    from .en_pos import parts

    if not parts(word.lower()):
        return False
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.I)
    said = [m.group() for t in texts for m in pattern.finditer(t)]
    return sum(w.islower() for w in said) > len(said) / 2


def _says_how_joined(label: str) -> bool:
    """A phrase qualified by a word that only says how ("Easy set up and Love": ``sibling_phrase._joined``)."""
    from .label_mood import evaluative_word

    *head, last = label.split(" and ") if " and " in label else ("", "")
    return bool(head) and evaluative_word(last.strip().lower())


def _against_frame(label: str, parent: str) -> bool:
    """Praise under a parent framed as problems (菜品还不错 under 菜品问题) or a complaint under one framed as praise."""
    from .label_mood import mood
    from .zh_words import segmenter

    key = tuple(segmenter().lcut(label)) if re.search(r"[\u4e00-\u9fff]", label) else tuple(label.lower().split())
    said = mood(key, label)
    if re.search(r"(?i)(problems?|issues?)$|问题$", parent):
        return said > 0
    if re.search(r"(?i)^praise\b|praise$|好评$", parent):
        return said < 0
    return False


#: Opening words of a parent label written lower-case after "Other" (a frame or a common word, not a name).
_COMMON_OPENERS = frozenset("praise problems issues requests questions feedback".split())


def distinguish_repeats(tops, sub_labels: list[str], child_texts: dict, relabel: Relabel,
                        words: Sequence[str] = ()) -> list[int]:
    """Relabel in place every sub-theme of a group whose label only repeats its parent's (``parent_labels.repeats``:
    "Excel" under "Excel", "Fire stick" under "Praise for fire stick"); returns the sub-theme indices changed. One
    with the parent's content words in other words ("Love my Echo" under "Praise for echo": ``label_terms``) takes
    a grounded phrase when there is one, never the remainder.
    ``child_texts[g][i]``: the sampled texts of group ``g``'s ``i``-th child; ``relabel(g, i, reserved)``: a grounded
    phrase for that child, none of ``reserved`` (None when it has none)."""
    from .parent_fit import is_more
    from .parent_labels import label_terms, parent_words, repeats
    from .sibling_phrase import distinct_phrase
    from .theme_tree import _better_than_repeat

    changed: list[int] = []
    for g, top in enumerate(tops):
        if not top.is_group:
            continue
        for i, k in enumerate(top.children):
            label = sub_labels[k]
            if is_more(top.label):
                continue  # "Google cloud, and 8 more" names its largest child on purpose (``parent_fit``)
            strict = repeats(label, top.label, words)
            terms = label_terms(top.label, words)
            if not strict and not (terms and label_terms(label, words) == terms):
                continue  # "Love my Echo" under "Praise for echo": the same content words, only a phrase replaces it
            taken = {t.label.lower() for t in tops} | {sub_labels[c].lower() for t in tops for c in t.children}

            def fits(new: str | None) -> bool:
                return bool(new) and new.lower() not in taken and not new.endswith(")") \
                    and _better_than_repeat(new) and not repeats(new, top.label, words) \
                    and label_terms(new, words) != terms and not _says_how_joined(new) \
                    and not _against_frame(new, top.label) \
                    and not any(repeats(new, sub_labels[c], words) for c in top.children if c != k)

            reserved = sorted(taken) + parent_words(top.label, words)
            new = relabel(g, i, reserved)
            if not fits(new) and g in child_texts and strict:
                own = child_texts[g][i]
                sibs = [t for j, t in enumerate(child_texts[g]) if j != i]
                new = distinct_phrase(label, own, sibs, set(taken) | {w.lower() for w in reserved})
            if not fits(new):
                if not strict:
                    continue
                if re.match(r"(?i)other\b|其他", top.label):
                    continue  # the remainder of "Other problems" is no label
                new = remainder_label(top.label, child_texts.get(g, [[]] * (i + 1))[i])
                if new.lower() in taken:
                    continue
            sub_labels[k] = new
            changed.append(k)
    return changed
