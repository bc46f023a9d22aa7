"""A parent's label that a PM can read (``parent_labels.name_parent`` calls ``readable`` last): a label that is
only frame words around one or two terms gives way when a term does not say what the parent holds (a bare word of
one child, the corpus's subject, an empty word) to the parent's largest children's labels ("Files and songs"); a
pair of plain words is shown as the children's own noun phrases ("Secret boards and group chats")."""
from __future__ import annotations

import re

from .en_phrases import EMPTY_ALONE
from .parent_labels import (BREADTH, Said, _HAS_CJK, _SUFFIX, _fits_praise, _head_term, _shares, _token_term, coverage,
                            frame, label_terms, own_mood)
from .topic_keywords import is_insult

#: A word of a parent's label says what the parent is about when the parent's texts say it this many times
#: more often than the other parents' ("Apple" over Apple tweets, "App" over app reviews do not).
TERM_LIFT = 2.0
#: One-word labels that name no topic of their own (issue-form and review boilerplate).
_EMPTY_WORDS = frozenset("feature need needs limit detail details app apps thing things stuff issue issues "
                         "problem problems update version way".split()) | EMPTY_ALONE
#: The longest parent label made of its children's labels: English words, Chinese characters.
MAX_WORDS, MAX_ZH_CHARS = 6, 10


def _weak_terms(label: str, texts, sizes, other_texts, said: Said, breadth: bool = True) -> list[str]:
    """The words of a label that do not say what its parent is about: said by its texts less than
    ``TERM_LIFT`` times as often as by the other parents' (the corpus's subject: Apple, app), or (a label of
    one word) by children holding less than ``BREADTH`` of the parent's items, or an empty word."""
    terms = label_terms(label, said.words)
    flat = [t for g in texts for t in g]
    out = []
    for term in terms:
        inside, outside = _shares([(term,)], [flat, list(other_texts)], said)
        narrow = breadth and len(terms) == 1 and coverage([(term,)], texts, sizes, (), said)[1] < BREADTH
        if inside < TERM_LIFT * max(outside, 1.0 / max(1, len(other_texts))) or term in _EMPTY_WORDS or narrow:
            out.append(term)
    return out


def readable(label: str, child_labels, sizes, texts, other_texts, mood: int, taken: set[str], said: Said,
             loved: bool | None, current: str = "", other_counts=None, frame_mood: int | None = None,
             refused=lambda label: False) -> str:
    """``_readable``, then ``parent_fit.fit``: a label that names no category of the children gives way.
    ``frame_mood``: the mood a frame built here may say (``parent_labels.name_parent``'s: 0 over a parent whose
    items do not clearly lean one way; default from ``mood`` and ``loved``); ``refused(term)``: whether the app's
    sentiment of the items saying a term goes against the parent's mood (such a term is never framed by it)."""
    from .parent_fit import fit

    if frame_mood is None:
        frame_mood = mood if loved is None else (1 if loved else min(mood, 0))
    out = _readable(label, child_labels, sizes, texts, other_texts, mood, taken, said, loved, frame_mood)
    return fit(out, child_labels, sizes, texts, other_texts, mood, taken, said, loved, current, other_counts,
               frame_mood=frame_mood, refused=refused)


def _readable(label: str, child_labels, sizes, texts, other_texts, mood: int, taken: set[str], said: Said,
              loved: bool | None, frame_mood: int) -> str:
    """``label``, or what the parent's largest children are called when ``label`` is a bare word or a pair
    of words that does not say what the parent holds ("Terminal" over build, test and editor children,
    "Apple and iPhone" over Apple tweets, "Whatsapp" over photos, Netflix and WhatsApp): "Unit test and
    fail to build". A predicate frame (送餐慢) or a phrase keeps its place; a label of two words keeps its
    good one ("iPod and apple" -> "iPod" -> then the same test)."""
    terms = label_terms(label, said.words)
    frame_only = not terms or len(terms) > 2 or _HAS_CJK.search(label) and len(terms) == 1 and not label.endswith(
        ("问题", "好评")) and label_terms(label, said.words) != (label,)
    if frame_only or not terms or any(not _head_term(t) for t in terms) or not _term_frame(label, terms):
        return label  # a phrase that says how (送餐慢, Can't login) or more than words ("App of the year")
    framed = own_mood(label, said.words) != 0 or label.endswith(("问题", "好评")) or label.lower().endswith(
        " problems") or label.lower().startswith("praise for ")
    weak = _weak_terms(label, texts, sizes, other_texts, said)
    if len(terms) == 2 and not weak:  # a pair with the corpus's subject ("iPod and apple"): the other word
        weak = [t for t in terms if other_texts and _shares([(t,)], [list(other_texts)], said)[0] >= PAIR_SUBJECT]
        weak = weak if len(weak) == 1 else []
    if not weak and not framed and len(terms) == 2 and label.isascii():
        return _compounds(label, terms, child_labels, sizes, taken, said)
    if framed and len(terms) == 1:  # "Praise for app" over generic praise: the frame says it; not a narrow word
        weak = [t for t in weak if coverage([(t,)], texts, sizes, (), said)[1] < BREADTH]
    if not weak:
        return label
    kept = [t for t in terms if t not in weak]
    if kept and len(terms) == 2:
        single = frame(kept, frame_mood, said, None, [t for g in texts for t in g])
        if single.lower() not in taken and not _weak_terms(single, texts, sizes, other_texts, said):
            return single
    joined = _children_named(child_labels, sizes, texts, other_texts, mood, taken, said, loved, alone=not framed,
                             frame_mood=frame_mood)
    return joined or label


#: In a pair of words, one that this share of the other parents' texts say is the corpus's subject ("apple").
PAIR_SUBJECT = 0.1
#: Two children's labels name a parent only when the two hold this share of its items.
PAIR_BREADTH = 0.4
#: A child's label that may join another's to name a parent: at most this many English words / Chinese characters.
PART_WORDS, PART_ZH_CHARS = 4, 6


def _term_frame(label: str, terms) -> bool:
    """Whether a label is only its words in a frame ("Boards and group", "Praise for app", "菜、辣椒问题"), not a
    phrase ("App of the year")."""
    rest = re.sub(r"(?i)^praise for |\s+problems$|问题$|好评$", "", label.strip())
    parts = [p for p in re.split(r"(?i)\s+and\s+|、", rest) if p.strip()]
    return len(parts) == len(terms) and all(len(p.split()) == 1 for p in parts)


def _compounds(label: str, terms, child_labels, sizes, taken: set[str], said: Said) -> str:
    """A pair of words shown as the children's own noun phrases that hold them ("Boards and group" ->
    "Secret boards and group chats"): per word, the largest child whose label is a noun phrase of at most
    three words holding it (every word a noun or adjective, no number, no mood); the word itself otherwise."""
    from .en_pos import can_name, names_or_describes

    shown = []
    for term in terms:
        best = None
        for k in sorted(range(len(sizes)), key=lambda k: (-sizes[k], k)):
            plain = _SUFFIX.sub("", child_labels[k] or "").strip()
            words = plain.split()
            if (not plain.isascii() or not 1 < len(words) <= 3 or any(ch.isdigit() for ch in plain)
                    or any(w.lower() in ("and", "or", "&") for w in words)
                    or term not in label_terms(plain, said.words) or own_mood(plain, said.words)
                    or not all(names_or_describes(w.lower()) for w in words) or not can_name(words[-1].lower())):
                continue
            best = plain
            break
        shown.append(best)
    if any(b is None for b in shown) or {w.lower() for w in shown[0].split()} & {w.lower() for w in shown[1].split()}:
        return label  # "Tensorflow and python and python pandas": a word said twice
    second = shown[1] if shown[1].split()[0][1:] != shown[1].split()[0][1:].lower() else shown[1][:1].lower() + shown[1][1:]
    out = f"{shown[0]} and {second}"
    return out if len(out.split()) <= MAX_WORDS and out.lower() not in taken else label


def _children_named(child_labels, sizes, texts, other_texts, mood: int, taken: set[str], said: Said,
                    loved: bool | None, alone: bool = True, frame_mood: int | None = None) -> str | None:
    """The two largest children's labels joined ("Files and songs", "Apple store and new iPhone"), or the
    largest alone when both are too long and it holds ``BREADTH`` of the items (``alone``: not in place of a
    frame, "Praise for experience"); None
    when no child's label may name the parent. A child's label
    may when it is short (not a member sentence), has no number, fits the parent's mood and praise verdict,
    and a topic word of it is the parent's own (``_weak_terms``: not "Power", "Guys", "Best app")."""
    usable = []
    for k in sorted(range(len(sizes)), key=lambda k: (-sizes[k], k)):
        plain = _SUFFIX.sub("", child_labels[k] or "").strip()
        long = (len(re.sub(r"[^\u3400-\u9fff]", "", plain)) > PART_ZH_CHARS if _HAS_CJK.search(plain)
                else len(plain.split()) > PART_WORDS)
        if (not plain or long or plain.startswith("(") or any(ch.isdigit() for ch in plain) or ":" in plain
                or not _fits_praise(plain, loved, said) or (mood and own_mood(plain, said.words) == -mood)
                or is_insult(plain)):
            continue  # "Ur a disgrace and ruin my life": abuse names no parent
        topics = [t for t in label_terms(plain, said.words) if _head_term(t)]
        weak = set(_weak_terms(" ".join(topics), texts, sizes, other_texts, said, breadth=False)) if topics else set()
        if not topics or not set(topics) - weak:
            continue
        if plain.isascii() and len(plain.split()) == 1:
            from .label_polish import generic_word

            flat = [t for g in texts for t in g]
            if generic_word(plain, flat, flat + list(other_texts)):
                continue  # "Power", "Guys"
        usable.append((plain, sizes[k]))
    flat = [t for g in texts for t in g]
    total = float(sum(sizes)) or 1.0
    alone_ok = [[u] for u, n in usable[:1] if alone and n >= BREADTH * total]  # one child: only when it is most
    pair = [[u for u, _ in usable[:2]]] if len(usable) >= 2 and sum(n for _, n in usable[:2]) >= PAIR_BREADTH * total \
        else []  # two children that are a small part of it would name a part: "送来都凉、凉皮吃" over 1,400 items
    for option in pair + alone_ok:
        label = _join(option, mood if frame_mood is None else frame_mood, loved, said, flat)
        if label and label.lower() not in taken:
            return label
    return None


def _join(parts: list[str], mood: int, loved: bool | None, said: Said, texts=()) -> str | None:
    """Labels joined as one: English "A and b" (", " when one has an "and"), Chinese "A、B" with the parent's
    frame word when neither says how; None when too long or of two languages."""
    if len({bool(_HAS_CJK.search(p)) for p in parts}) > 1:
        return None
    if _HAS_CJK.search(parts[0]):
        bare = [re.sub(r"(问题|好评)$", "", p) for p in parts]
        says = any(own_mood(p, said.words) for p in bare)
        tail = "" if says else "问题" if (mood < 0 and not loved) else "好评" if loved else ""
        out = "、".join(bare) + tail
        return out if len(re.sub(r"[^㐀-鿿]", "", out)) <= MAX_ZH_CHARS else None
    shown = [parts[0]]
    for p in parts[1:]:
        first = p.split()[0]
        term = _token_term(first)
        name = p[1:] != p[1:].lower() or (term is not None and said.surface(term, texts)[:1].isupper())
        shown.append(p if name else p[:1].lower() + p[1:])  # "Netflix service", "iPhone" keep their capitals
    out = (", " if any(" and " in p.lower() for p in parts) else " and ").join(shown)
    return out if len(out.split()) <= MAX_WORDS else None
