"""Tree-wide checks on theme labels once both levels are named (``theme_tree.build_tree``):

- casing: a word is written as members write it most (AAPL, iPad: ``house_casing``), and a label never holds
  one word twice in two casings ("AAPL aapl");
- generic: a one-word English label that says nothing of its theme ("App", "New", "Guys", "Hate") is named
  again with that word reserved. A word is generic (``generic_word``) when it is a stop or generic word of
  the code's lists, a sentiment or problem word (it says how, not what), or when the theme holds less than
  ``CONCENTRATION`` of the corpus's documents that contain it while less than that share of its members say
  it, or when ``CORPUS_SHARE`` of all documents say it (the data's own test: "Macbook" is where the Macbook
  posts are; "App" is in every theme of app reviews). Names (AAPL, iPad, Apple: ``is_name``) never are;
- unique: no two labels of the tree are equal ignoring case; the later one (a sub-theme, a smaller theme) is
  named again, else takes a phrase that its own members say more than its siblings (``sibling_phrase``).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable, Sequence

#: A one-word label names its theme only when the theme holds at least this share of the corpus's
#: documents that contain the word (its members say it; the rest of the corpus mostly does not).
CONCENTRATION = 0.5
#: ...and it is generic wherever it is this share of all documents or more ("App" in app reviews).
CORPUS_SHARE = 0.1
#: A generic label's replacement must be said by at least this share of the members that say the generic word
#: (a top-level theme of requests is not named by one request its members rarely make).
COVER = 0.5
#: Documents the shares are read on (a seeded sample beyond).
CORPUS_SAMPLE = 20000
#: Times a label is asked for again while the answer is one word that is no name.
ATTEMPTS = 3
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'+#.-]*")
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9'+#-]*")


def _low_words() -> frozenset:
    from .en_frames import GENERIC
    from .en_phrases import FUNCTION_WORDS
    from .topic_keywords import english_stop

    return frozenset(english_stop()) | frozenset(FUNCTION_WORDS) | GENERIC


def one_word(label: str) -> bool:
    """An English label of one word ("App", "Macbook"; not a phrase, not Chinese)."""
    return label.isascii() and len(_WORD.findall(label)) == 1 and len(label.split()) == 1


def word_pattern(word: str) -> re.Pattern:
    """The word and its inflections (app, apps; need, needs), whole words, any case."""
    base = word.lower().rstrip("s") if len(word) > 3 else word.lower()
    return re.compile(r"\b" + re.escape(base) + r"(?:s|es|ed|ing)?\b", re.I)


def generic_word(word: str, inside: Sequence[str], corpus: Sequence[str]) -> bool:
    """Whether a one-word label says nothing of its theme (see the module docstring): ``inside``: the
    theme's member texts, ``corpus``: all documents (both whole, not samples: shares are compared)."""
    from .en_frames import stem
    from .label_mood import evaluative_word

    if is_name(word, inside):
        return False
    low = word.lower()
    if low in _low_words() or stem(low) in _low_words() or low.rstrip("s") in _low_words():
        return True
    if evaluative_word(low):
        return True
    pat = word_pattern(low)
    everywhere = sum(1 for d in corpus if pat.search(d))
    if not everywhere:
        return False
    if everywhere >= CORPUS_SHARE * len(corpus):
        return True  # "App" in app reviews
    here = sum(1 for d in inside if pat.search(d))
    return here < CONCENTRATION * everywhere and here < CONCENTRATION * max(1, len(inside))


def is_name(word: str, inside: Sequence[str]) -> bool:
    """Whether a one-word label is a name: written with a capital past its first letter (AAPL, iPad, WhatsApp)
    or mostly Title-case where no sentence starts in the members' texts (Apple, Twitter: ``names_by_case``)."""
    from .en_phrases import names_by_case

    if any(ch.isupper() for ch in word[1:]):
        return True
    low = word.lower()
    return bool(names_by_case(list(inside[:400]), {low}).get(low))


def said_by(label: str, texts: Sequence[str]) -> float:
    """Share of ``texts`` that hold every content word of an English label (any inflection); 1.0 for others."""
    if not label.isascii() or not texts:
        return 1.0
    stop = _low_words()
    pats = [word_pattern(w) for w in _WORD.findall(label) if w.lower() not in stop]
    if not pats:
        return 0.0
    return sum(1 for t in texts if all(p.search(t) for p in pats)) / len(texts)


def some_content_word(label: str, inside: Sequence[str], corpus: Sequence[str],
                      test: Callable[[int, int], bool]) -> bool:
    """Whether ``test(members saying it, corpus documents saying it)`` holds for a content word of an English
    label (a Chinese label: True, its words were read from these members)."""
    if not label.isascii():
        return True
    stop = _low_words()
    for w in _WORD.findall(label):
        if w.lower() in stop:
            continue
        pat = word_pattern(w)
        everywhere = sum(1 for d in corpus if pat.search(d))
        if everywhere and test(sum(1 for d in inside if pat.search(d)), everywhere):
            return True
    return False


def concentrated(label: str, inside: Sequence[str], corpus: Sequence[str]) -> bool:
    """Whether a content word of an English label is said mostly by the theme's members (``CONCENTRATION`` of
    the corpus's documents with it): not a form's boilerplate every issue carries ("GitHub policy")."""
    return some_content_word(label, inside, corpus, lambda here, everywhere: here >= CONCENTRATION * everywhere)


def shouting(label: str) -> bool:
    """A label of several words written in capitals (a member sentence typed in caps: "OH MY GOD")."""
    letters = [ch for ch in label if ch.isalpha() and ch.isascii()]
    return len(label.split()) > 1 and len(letters) >= 4 and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)


def surface_counts(texts: Sequence[str]) -> dict[str, Counter]:
    """How members write each word: lower-case form -> Counter of surfaces (a shouted text, all capitals, says
    nothing of how a word is written: it is read lower-cased, as the labeller reads it)."""
    from .en_phrases import unshout
    out: dict[str, Counter] = {}
    for t in texts:
        for w in _TOKEN.findall(unshout(t)):
            out.setdefault(w.lower(), Counter())[w] += 1
    return out


def house_casing(label: str, surfaces: dict[str, Counter]) -> str:
    """``label`` with each word written as members write it most when that is a name's casing (AAPL, iPad,
    not "apple" for "Apple" at a label's start), and a word repeated in another casing dropped."""
    if not label.isascii():
        return label
    out: list[str] = []
    seen: set[str] = set()
    for tok in label.split():
        core = tok.strip(".,;:!?")
        low = core.lower()
        if low in seen and _WORD.fullmatch(core) and core not in out:
            continue  # "AAPL aapl": the same word in two casings
        seen.add(low)
        common = surfaces.get(low)
        if common and core and _WORD.fullmatch(core):
            best, n = max(common.items(), key=lambda kv: (kv[1], kv[0]))
            if best != core and any(ch.isupper() for ch in best[1:]) and 2 * n > sum(common.values()):
                tok = tok.replace(core, best)
        out.append(tok)
    text = " ".join(out) or label
    return text[:1].upper() + text[1:] if text[:1].islower() and not any(c.isupper() for c in text[1:2]) else text


def bare_topic(label: str) -> bool:
    """A label of one word (jieba's, for Chinese) that names a topic without saying how it is (送餐, 分钟, "Wifi"):
    a worse answer than a claim or a phrase when a label must change (a name, iPad, is not bare)."""
    from .label_mood import says_how

    if label.isascii():
        return one_word(label) and not any(ch.isupper() for ch in label[1:]) and not says_how(label)
    from .zh_words import segmenter

    return len([w for w in segmenter().lcut(label) if w.strip()]) == 1 and not says_how(label)


def distinguishing_word(own: Sequence[str], siblings: Sequence[Sequence[str]], exclude: Sequence[str] = ()
                        ) -> str | None:
    """A word that at least two of ``own`` texts say and as few of each sibling's texts as possible (largest
    share in ``own`` minus the largest share in any sibling), written as members write it most; None when
    no word says more here than in a sibling."""
    stop = _low_words()
    skip = {w.lower() for e in exclude for w in _WORD.findall(e)}

    def shares(texts: Sequence[str]) -> Counter:
        c: Counter = Counter()
        for t in texts:
            c.update({w.lower() for w in _TOKEN.findall(t) if len(w) >= 3})
        return c

    mine = shares(own)
    n_own = max(1, len(own))
    theirs = [(shares(s), max(1, len(s))) for s in siblings]
    best = None
    for w, c in mine.items():
        if c < 2 or w in stop or w in skip or not w.isalpha():
            continue
        gap = c / n_own - max((o[w] / n for o, n in theirs), default=0.0)
        if gap > 0 and (best is None or (gap, w) > best[:2]):
            best = (gap, w)
    if best is None:
        return None
    surf = surface_counts(own).get(best[1])
    return max(surf.items(), key=lambda kv: (kv[1], kv[0]))[0] if surf else best[1]


#: relabel(g, i, reserved): a new label for top-level theme ``g`` (``i`` None) or its ``i``-th sub-theme, none
#: of ``reserved`` (lower-case compared), or None.
Relabel = Callable[[int, int | None, list[str]], str | None]


def polish_tree(tops, sub_labels: list[str], docs: Sequence[str], labels, top_texts: Sequence[Sequence[str]],
                child_texts: dict, relabel: Relabel) -> None:
    """Casing, generic one-word labels and duplicates ignoring case, across a tree (module docstring);
    ``tops``: ``theme_tree.TopTheme`` list (labels set in place, as are ``sub_labels``), ``labels``: the
    sub-theme of each of ``docs``, ``top_texts``/``child_texts``: the sampled texts the labels were read from.
    A generic top-level label is left as it is: the phrases found for one (c-TF-IDF over the other top-level
    themes) were form boilerplate or one member's request ("GitHub policy" for "Feature" on nlbse24)."""
    import numpy as np

    from .sibling_phrase import distinct_phrase

    labels = np.asarray(labels)
    if len(docs) > CORPUS_SAMPLE:  # the shares are read on a seeded sample of a large corpus
        keep = np.sort(np.random.default_rng(0).choice(len(docs), CORPUS_SAMPLE, replace=False))
        docs, labels = [docs[j] for j in keep], labels[keep]
    surfaces = surface_counts([t for ts in top_texts for t in ts])
    for top in tops:
        top.label = house_casing(top.label, surfaces)
        if not top.is_group:
            sub_labels[top.children[0]] = top.label
    for top in tops:
        if top.is_group:
            for k in top.children:
                sub_labels[k] = house_casing(sub_labels[k], surfaces)
    entries = [(g, None) for g in range(len(tops))] + [(g, i) for g, t in enumerate(tops) if t.is_group
                                                         for i in range(len(t.children))]

    def get(e) -> str:
        g, i = e
        return tops[g].label if i is None else sub_labels[tops[g].children[i]]

    def put(e, label: str) -> None:
        g, i = e
        if i is None:
            tops[g].label = label
            if not tops[g].is_group:
                sub_labels[tops[g].children[0]] = label
        else:
            sub_labels[tops[g].children[i]] = label

    def members(e) -> list[str]:
        g, i = e
        subs = tops[g].children if i is None else [tops[g].children[i]]
        return [docs[j] for j in np.flatnonzero(np.isin(labels, subs))]

    def generic(label: str, e) -> bool:
        return one_word(label) and generic_word(label, members(e), docs)

    seen: set[str] = set()
    for e in entries:
        label = get(e)
        dup = label.lower() in seen
        if dup or (e[1] is not None and generic(label, e)):  # top level: see the docstring
            reserved = [get(x) for x in entries if x != e] + [label]
            plain = None  # a bare topic word offered for a duplicate claim: taken only when nothing says more
            for _ in range(ATTEMPTS):  # a one-word answer that is no name is reserved too and asked again
                new = relabel(e[0], e[1], reserved)
                if (not new or new.endswith(")") or new.lower() in seen or new.lower() == label.lower()
                        or shouting(new)):
                    break
                if dup and bare_topic(new) and not bare_topic(label):  # 送餐太慢 held elsewhere: not 送餐
                    plain = plain or new
                    reserved.append(new)
                    continue
                if dup or (not (one_word(new) and (generic(new, e) or not is_name(new, members(e))))
                           and said_by(new, members(e)) >= COVER * said_by(label, members(e))
                           and concentrated(new, members(e), docs)):
                    put(e, new)
                    break
                reserved.append(new)
            if get(e) == label and dup and plain:
                put(e, plain)
            if get(e) == label and dup:
                g, i = e
                own = top_texts[g] if i is None else child_texts[g][i]
                sibs = ([t for h, t in enumerate(top_texts) if h != g] if i is None else
                        [t for j, t in enumerate(child_texts[g]) if j != i])
                phrase = distinct_phrase(label, own, sibs, {get(x).lower() for x in entries if x != e})
                if phrase:
                    put(e, phrase)
        seen.add(get(e).lower())
    claimed_topics(tops, sub_labels, top_texts, child_texts, relabel)


def _label_words(label: str) -> set[str]:
    """A label's words, lower-case (jieba's for Chinese)."""
    if label.isascii():
        return {w.lower() for w in _WORD.findall(label)}
    from .zh_words import segmenter

    return {w for w in segmenter().lcut(label) if w.strip()}


def _share(word: str, texts: Sequence[str]) -> float:
    """Share of ``texts`` that say ``word`` (English: as a word, any inflection; Chinese: anywhere)."""
    if not texts:
        return 0.0
    if word.isascii():
        pat = word_pattern(word)
        return sum(1 for t in texts if pat.search(t)) / len(texts)
    return sum(1 for t in texts if word in t) / len(texts)


def claimed_topics(tops, sub_labels: list[str], top_texts: Sequence[Sequence[str]], child_texts: dict,
                   relabel: Relabel) -> None:
    """A sub-theme labelled by a bare topic word (``bare_topic``: 米饭, 小时) that another theme's label names and
    that theme's members say more often (米饭问题 elsewhere, over a sub-theme of box complaints whose members
    mention rice in passing) is named again with that word reserved. The new label must say more than a topic
    word, or be a topic word said more here than in any other theme (餐盒: its own topic, not another's)."""
    entries = [(g, None) for g in range(len(tops))] + [(g, i) for g, t in enumerate(tops) if t.is_group
                                                         for i in range(len(t.children))]

    def get(e) -> str:
        return tops[e[0]].label if e[1] is None else sub_labels[tops[e[0]].children[e[1]]]

    def texts(e) -> Sequence[str]:
        return top_texts[e[0]] if e[1] is None else child_texts[e[0]][e[1]]

    def home(word: str, e) -> bool:
        here = _share(word, texts(e))
        return all(_share(word, texts(x)) <= here for x in entries if x != e and x[1] is not None)

    every = [t for ts in top_texts for t in ts]
    for e in entries:
        label = get(e)
        if e[1] is None or not bare_topic(label):
            continue
        word = label.lower()
        here = _share(word, texts(e))
        if _share(word, every) >= CORPUS_SHARE:
            continue  # the corpus's subject ("App" in app reviews): every theme may say it; the generic pass decides
        rivals = [x for x in entries if x != e and x != (e[0], None) and get(x).lower() != word
                  and word in _label_words(get(x)) and _share(word, texts(x)) > here]
        if not rivals:
            continue
        reserved = [get(x) for x in entries if x != e] + [label]
        for _ in range(ATTEMPTS):
            new = relabel(e[0], e[1], reserved)
            if not new or new.endswith(")") or new.lower() in {r.lower() for r in reserved} or shouting(new):
                break
            if not bare_topic(new) or home(new.lower(), e):
                sub_labels[tops[e[0]].children[e[1]]] = new
                break
            reserved.append(new)
