"""Top-level themes that hold one sub-theme ("lone" themes) are named by the leaf labeller among the top-level
themes; no parent labeller reads them. Their label is what a PM puts on a slide, so one that says nothing of
what the members report is named again here, once the tree is labelled (``theme_tree.build_tree``):

- empty: one word fewer than ``TOPIC_SHARE`` of the members say (a rare synonym: "Indigence"), or every content
  word of the label is generic or evaluative by ``label_polish.generic_word`` (a stop or
  generic word, a sentiment or problem word, a word said all over the corpus or mostly elsewhere): "Needs",
  "Awesome", "Not bad", "Great app" where "app" is in every review, "See details" where every issue form says
  it; not a word ``TOPIC_SHARE`` of the members say ``LIFT`` times as often as the corpus (their topic, however
  common: "Music and weather" among Alexa reviews). Chinese: every content word is a praise / complaint /
  degree word or a generic one (很好, 不错, 好评, 一般般);
- the new label is the most typical member sentence, shortened (``typical``: closest to the theme's centre),
  taken only when it is not empty itself, ``LEAST_MEMBERS`` and ``LEAST_SAID`` of the members say half its
  content words, one of them is said mostly by these members (``label_polish.concentrated``: no form
  boilerplate) or ``LIFT`` times as often as by the corpus, and it is distinct from every other label of the
  tree. Otherwise the label stays: a bare word beats a wrong phrase. The leaf labeller's phrases were already
  weighed for these themes; asking it again with the label reserved (as ``label_polish`` does for sub-themes)
  gave no acceptable phrase on six real sets and cost 0.3-0.7 s of CPU per 5,000 items (bench/RESULTS.md).
- a label that says less than a category its members' words support: one bare word ("Songs") or one holding a
  count ("Zero star", 五星) gives way, like an empty one, to the category of ``parent_categories.CATEGORIES`` whose
  cues ``parent_categories.LONE_SHARE`` of the members say (``lone_category``), ``CATEGORY_OVER_LABEL`` times as
  many members as say the label: "Music and playlist problems", "Star ratings", framed by the theme's mood;
- a verdict with no topic ("Not bad", "Awesome", a lone rare word such as "Indigence": every content word says
  how, or is one empty word) that neither a category nor a typical sentence replaces is named as what it is,
  by the type most of its members have and its mood (``vague``): "Requests for improvement", "Assorted
  questions", "Mixed opinions", "Praise without detail", "Complaints without detail" (改进建议, 各类提问, 评价一般,
  笼统的好评, 笼统的差评).
- an empty label that stays because no member sentence fits and is one bare verb that is also a noun ("Fix" over
  pull requests titled "Fix ...", "Fixed ...") is shown as that noun, plural (``noun_form``: "Fixes"): a top-level
  label names a kind of feedback, an imperative does not, when ``TOPIC_SHARE`` of the members say the word.
A label the user edited is not touched here (the store keeps edited labels over the analysis's).
"""
from __future__ import annotations

import re
from typing import Callable, Sequence

#: Share of a lone theme's members (its whole membership, or the corpus sample's) that must say a replacement
#: label: several members write it, not one.
LEAST_SAID = 0.05
#: ...where a member says a label when it holds this share of its content words (one of two, two of four).
SAID_PART = 0.5
#: ...and at least this many of them (in a small theme, one member's sentence is not what the theme says).
LEAST_MEMBERS = 3
#: A word the members say this many times as often as the corpus does is theirs (with TOPIC_SHARE of them saying it,
#: it is the theme's topic: "Weather" in a theme of Alexa's features, not an empty label).
LIFT = 3.0
TOPIC_SHARE = 0.2
#: Chinese words that name nothing alone (beside praise, complaint, degree and negation words).
ZH_GENERIC = frozenset("好评 差评 问题 东西 感觉 体验 还行 可以 一般 一般般 还好 非常好 很好 好 不好 满分 五星 一星".split())

#: jieba tags of words that count or tell when (numeral, measure, time): 第二次, 下次 name nothing alone.
_ZH_COUNT_TAGS = ("m", "q", "t")
#: English words that count (a label "Second time" or "Two" names nothing either).
_EN_COUNT = frozenset("zero one two three four five six seven eight nine ten first second third once twice time "
                      "times".split())

#: A category replaces a bare or counted label when this many times as many members say its cues as say the label.
CATEGORY_OVER_LABEL = 1.5
#: A category's cues are read on at most this many of a lone theme's members and of all documents (seeded samples).
CATEGORY_SAMPLE = 500
#: A theme of verdicts with no topic is of mixed opinions when praise and complaint each are this share of its members.
MIXED_SHARE = 0.25
#: Names of a theme of verdicts with no topic (``vague``), English and Chinese, by what most of its members are.
VAGUE = {"en": {"request": "Requests for improvement", "question": "Assorted questions", "mixed": "Mixed opinions",
                "praise": "Praise without detail", "complaint": "Complaints without detail", "other": "Assorted comments"},
         "zh": {"request": "改进建议", "question": "各类提问", "mixed": "评价一般", "praise": "笼统的好评",
                "complaint": "笼统的差评", "other": "各类反馈"}}

#: A Chinese word that counts: numerals and a measure (五星, 两份, 三次); jieba tags some as nouns.
_ZH_COUNTED = re.compile(r"^[零一二两三四五六七八九十百千万]+[星分次个份块元颗天]$")
#: Verbs of wanting or helping: their plural nouns ("Needs", "Supports") name no kind of feedback.
_WANTING = frozenset("want need wish support allow bring keep help like love hate hope use try work".split())

#: typical(g, reserved): the most typical member sentence of top-level theme ``g``, shortened, none of ``reserved``.
Typical = Callable[[int, list[str]], str | None]


def _zh_words(label: str) -> list[str]:
    """The jieba words of a Chinese label that can carry it (no degree adverb, particle or stop word)."""
    from .zh_phrases import ZH_DEGREE, ZH_NEGATION, _zh_content
    from .zh_words import segmenter

    out = []
    for w in segmenter().lcut(label):
        w = w.strip(" ，,、。!！?？~")
        if w and w not in ZH_DEGREE and re.search(r"[\u4e00-\u9fff]", w) and (_zh_content(w) or w in ZH_NEGATION):
            out.append(w)
    return out


def _zh_empty_word(w: str) -> bool:
    from .label_mood import _ZH_POSITIVE
    from .zh_phrases import _ZH_DEGREE_CHARS, _ZH_EVALUATIVE, _ZH_NEGATIVE, ZH_NEGATION

    from .zh_words import word_tag

    plain = w.lstrip("".join(_ZH_DEGREE_CHARS - {"好"})) or w
    if word_tag(w).startswith(_ZH_COUNT_TAGS):
        return True  # 第二次, 下次, 两份: when or how many, not what the members report
    return any(x in ZH_GENERIC or x in _ZH_EVALUATIVE or x in _ZH_POSITIVE or x in _ZH_NEGATIVE
               or x in ZH_NEGATION for x in (w, plain))


def empty_label(label: str, inside: Sequence[str], corpus: Sequence[str]) -> bool:
    """Whether a label says nothing of what its members report (module docstring); ``inside``: the theme's
    member texts, ``corpus``: all documents (both whole or equally sampled: shares are compared)."""
    from .label_polish import _WORD, _low_words

    label = re.sub(r"\s*\(\d+\)$", "", label).strip()
    if not label:
        return True
    if re.search(r"[\u4e00-\u9fff]", label):
        zh = _zh_words(label)
        return all(_zh_empty_word(w) for w in zh)  # no word that can carry a label (可以) is empty too
    stop = _low_words()
    words = [w for w in _WORD.findall(label) if w.lower().strip(".'-") not in stop]
    if not words:
        return True
    return all(w.lower().strip(".'-") in _EN_COUNT or w.isdigit() or _empty_word(w.strip(".'-"), inside, corpus)
               for w in words)


def _empty_word(word: str, inside: Sequence[str], corpus: Sequence[str]) -> bool:
    """``label_polish.generic_word``, except that a word the theme holds most uses of is its topic however
    common it is in the corpus (a large theme of a small corpus: "Gold" said by 20% of all documents)."""
    from .label_mood import evaluative_word
    from .label_polish import CONCENTRATION, _low_words, generic_word, is_name, word_pattern

    if is_name(word, inside):
        return False
    low = word.lower()
    if low in _low_words() or evaluative_word(low):
        return generic_word(word, inside, corpus)
    pat = word_pattern(low)
    everywhere = sum(1 for d in corpus if pat.search(d))
    here = sum(1 for d in inside if pat.search(d))
    if everywhere and (here >= CONCENTRATION * everywhere or _lifted(here, everywhere, len(inside), len(corpus),
                                                                    TOPIC_SHARE)):
        return False
    return generic_word(word, inside, corpus)


def _lifted(here: int, everywhere: int, n_inside: int, n_corpus: int, least: float) -> bool:
    """Said by ``least`` of the members and ``LIFT`` times as often as in the corpus."""
    return here >= least * n_inside and here * n_corpus >= LIFT * everywhere * n_inside


def lifted(label: str, inside: Sequence[str], corpus: Sequence[str]) -> bool:
    """Whether a content word of an English label is said by ``LEAST_SAID`` of the members and ``LIFT`` times as
    often by them as by the corpus (what these members say more than others); a Chinese label: True (its words
    were read from these members, ``said_share`` holds it to them)."""
    from .label_polish import some_content_word

    return some_content_word(label, inside, corpus, lambda here, everywhere: _lifted(
        here, everywhere, len(inside), len(corpus), LEAST_SAID))


def said_share(label: str, texts: Sequence[str], whole: bool = False) -> float:
    """Share of ``texts`` that say ``SAID_PART`` of the content words of ``label`` (English: any inflection;
    Chinese: jieba words but degree adverbs, as substrings): a member sentence is said in others' words too;
    ``whole``: all of them (what a short label claims)."""
    import math

    from .label_polish import _WORD, _low_words, word_pattern

    if not texts:
        return 0.0
    if label.isascii():
        stop = _low_words()
        pats = [word_pattern(w) for w in dict.fromkeys(_WORD.findall(label)) if w.lower() not in stop]
        hits = [lambda t, p=p: bool(p.search(t)) for p in pats]
    else:
        hits = [lambda t, w=w: w in t for w in dict.fromkeys(_zh_words(label))]
    if not hits:
        return 0.0
    need = len(hits) if whole else math.ceil(SAID_PART * len(hits))
    return sum(1 for t in texts if sum(h(t) for h in hits) >= need) / len(texts)


def counted(label: str) -> bool:
    """Whether a label holds a count or a number ("Zero star", "5 stars", 五星, 第二次): what a few members wrote."""
    if re.search(r"[\u4e00-\u9fff]", label):
        from .zh_words import segmenter, word_tag

        return any(ch.isdigit() for ch in label) or any(
            word_tag(w).startswith(_ZH_COUNT_TAGS) or _ZH_COUNTED.match(w) for w in segmenter().lcut(label) if w.strip())
    from .label_polish import _WORD

    return any(ch.isdigit() for ch in label) or any(w.lower() in _EN_COUNT for w in _WORD.findall(label))


def verdict(label: str, inside: Sequence[str], corpus: Sequence[str]) -> bool:
    """Whether an empty label (``empty_label``) only says how members find the product, of no topic: every content
    word a sentiment word, a negation or a count ("Not bad", "Awesome", 很好, 一般般), or it is one word fewer than
    ``TOPIC_SHARE`` of the members say (a rare synonym: "Indigence"); not a problem word ("Fix the bug" says what to
    do)."""
    from .label_mood import _valence
    from .label_polish import _WORD, _low_words, one_word
    from .en_phrases import NEGATIONS

    if re.search(r"[\u4e00-\u9fff]", label):
        return empty_label(label, inside, corpus)
    if one_word(label):
        return said_share(label, inside) < TOPIC_SHARE  # a word few members say ("Indigence") names none of them
    stop = _low_words()
    lex = _valence()
    words = [w.lower().strip(".'-") for w in _WORD.findall(label)]
    content = [w for w in words if w not in stop or w in NEGATIONS]
    return bool(content) and all(w in NEGATIONS or w in _EN_COUNT or abs(lex.get(w, 0.0)) >= 0.9 for w in content)


def vague(label: str, facts: tuple[int, str, bool] | None) -> str:
    """The name of a theme of verdicts with no topic (``VAGUE``) in the language of its ``label``, by its ``facts``
    (mood, the type most members have, whether praise and complaint are both ``MIXED_SHARE``): requests or
    questions when most are; else mixed, praise or complaint by the mood; other when neutral."""
    names = VAGUE["zh" if re.search(r"[\u4e00-\u9fff]", label) else "en"]
    mood, kind, mixed = facts if facts is not None else (0, "other", False)
    if kind in ("request", "question"):
        return names[kind]
    return names["mixed" if mixed else "praise" if mood > 0 else "complaint" if mood < 0 else "other"]


def name_lone_tops(tops, sub_labels: list[str], docs: Sequence[str], labels, typical: Typical,
                   sample: int = 20000, facts: Sequence[tuple[int, str, bool] | None] | None = None
                   ) -> list[tuple[str, str]]:
    """Name again the lone top-level themes of ``tops`` (``theme_tree.TopTheme``) whose label is empty, or says less
    than a category of its members (module docstring); ``labels``: the sub-theme of each of ``docs``; ``facts``: per
    top-level theme, (its mood, the type most of its members have, whether praise and complaint are both
    ``MIXED_SHARE`` of them) by the app's profile, or None. Labels
    are set in place (the lone sub-theme's too); returns the (old, new) pairs changed."""
    import numpy as np

    from .label_polish import concentrated, one_word, shouting
    from .parent_categories import lone_category
    from .parent_labels import Said

    labels = np.asarray(labels)
    if len(docs) > sample:  # the shares are read on a seeded sample of a large corpus
        keep = np.sort(np.random.default_rng(0).choice(len(docs), sample, replace=False))
        docs, labels = [docs[j] for j in keep], labels[keep]
    changed: list[tuple[str, str]] = []
    said = Said()  # one parse per text for every lone theme: the categories' cues are read on seeded samples
    pool = np.sort(np.random.default_rng(1).choice(len(docs), min(len(docs), CATEGORY_SAMPLE), replace=False))
    for g, top in enumerate(tops):
        if top.is_group:
            continue
        inside = [docs[j] for j in np.flatnonzero(labels == top.children[0])]
        old = top.label
        if not inside:
            continue
        empty = empty_label(old, inside, docs) or (one_word(old) and said_share(old, inside) < TOPIC_SHARE)
        if not empty and not one_word(old) and not counted(old):
            continue
        others = {t.label.lower() for t in tops if t is not top}
        others |= {sub_labels[k].lower() for t in tops if t.is_group for k in t.children}

        def fits(new: str | None) -> bool:
            return bool(new) and not new.endswith(")") and new.lower() not in others and new.lower() != old.lower() \
                and not shouting(new) and not empty_label(new, inside, docs) \
                and said_share(new, inside) * len(inside) >= max(LEAST_MEMBERS, LEAST_SAID * len(inside)) \
                and (concentrated(new, inside, docs) or lifted(new, inside, docs))

        fact = facts[g] if facts is not None else None
        mood = fact[0] if fact is not None else 0
        rest = [docs[j] for j in pool if labels[j] >= 0 and labels[j] != top.children[0]]
        read = inside if len(inside) <= CATEGORY_SAMPLE else [inside[j] for j in np.sort(
            np.random.default_rng(g).choice(len(inside), CATEGORY_SAMPLE, replace=False))]
        cat = lone_category(read, rest, mood, said, lambda label: label.lower() not in others
                            and label.lower() != old.lower())
        new = None
        if cat is not None and (empty or cat[1] >= CATEGORY_OVER_LABEL * said_share(old, inside, whole=True)):
            new = cat[0]  # the category its members' words support says more than a bare word or a count
        elif empty:
            found = typical(g, sorted(others) + [old])
            new = found if fits(found) else None
            if new is None and verdict(old, inside, docs):
                new = vague(old, fact)
                new = None if new.lower() in others else new
            if new is None:
                noun = noun_form(old, inside)
                new = noun if noun and noun.lower() not in others else None
        if new is not None:
            top.label = new
            sub_labels[top.children[0]] = new
            changed.append((old, new))
    return changed


def noun_form(label: str, inside: Sequence[str]) -> str | None:
    """The plural noun of a one-word English label that is a bare verb ("Fix" -> "Fixes", "Update" -> "Updates"),
    when the lexicon knows the word as a verb and a noun and ``TOPIC_SHARE`` of ``inside`` say it (any
    inflection); None otherwise (a noun, a name, a word only a verb: "See")."""
    from .en_pos import parts
    from .label_polish import one_word, word_pattern

    plain = re.sub(r"\s*\(\d+\)$", "", label).strip()
    low = plain.lower()
    if not one_word(plain) or not low.isalpha() or plain[1:] != low[1:] or low.endswith("s"):
        return None
    tags = parts(low)
    if "VERB" not in tags or "NOUN" not in tags or low in _WANTING:
        return None
    pat = word_pattern(low)
    if not inside or sum(1 for t in inside if pat.search(t)) < TOPIC_SHARE * len(inside):
        return None
    plural = low + "es" if low.endswith(("ch", "sh", "x", "z")) else low[:-1] + "ies" if (
        low.endswith("y") and low[-2:-1] not in "aeiou") else low + "s"
    return plural[:1].upper() + plural[1:]
