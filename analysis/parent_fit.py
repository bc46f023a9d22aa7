"""The last check on a parent's label (``parent_readable.readable`` calls ``fit``): a label that names no category
of its children gives way. It is unfit when it
- joins two parts its members never say together ("Facebook and notification problems", "辣椒、袋子问题",
  "Vulkan and overflow"): two children's topics, not one category (``related``);
- is a one-character Chinese topic in a frame (肉问题, 菜问题): too terse to say what the parent holds;
- says what a sibling parent named before it says (same mood, same topic words once praise/complaint words and the
  corpus's subject are left out: "Great app" beside "Praise for app", 味道好评 beside 味道不错);
- names the parent by a topic said as often elsewhere (味道不错 over courier praise) while a topic of its own covers
  most of it (送餐).
An unfit label is replaced by, in order: a claim already written for the parent or a child that children holding
``BREADTH`` of its items say (难吃); the best head term the children share, framed, when it covers ``BREADTH``
(送餐快, "Crash problems"); the category whose cue words the members say (``parent_categories.category``:
"Crashes", 包装、漏送问题, "Performance"); the rest of the feedback of its mood, one such parent per mood ("Other
problems", 其他好评: ``parent_categories.other``); only then the largest child's phrase with how many more
sub-themes there are ("Receive notifications, and 6 more", "放了辣椒等5类问题", "Praise for note taking, and 3
more": the praise frame kept). Each is grounded in members' words, distinct from the siblings. A frame says the
mood ``name_parent``'s own frames may say: none over items that lean no way (菜品, "Other feedback" over dish
reviews half praise, half complaint), and a head term whose items the app reads as the other mood is not framed.
"""
from __future__ import annotations

import re

from .parent_categories import category, category_reach, chinese, is_other, other, written_in
from .parent_labels import (BREADTH, CLAIM_LIFT, CORPUS_SHARE, _FRAME_WORDS, _PLAIN_MOOD, _SUFFIX, Said, _fits_praise,
                            _head_term, _is_cjk, _predicate, _shares, coverage, frame, head_terms, label_terms,
                            own_mood, term_counts)
from .topic_keywords import is_insult

#: Two parts are one category when this share of the texts saying the rarer part also say the other...
PAIR_TOGETHER = 0.2
#: ...and at least this many texts say both.
PAIR_MIN = 3
#: The "and N more" form takes a child's label of at most this many English words / Chinese characters.
MORE_WORDS, MORE_ZH_CHARS = 3, 6
#: ...of a child at least 1/MORE_LEAD the size of the largest.
MORE_LEAD = 3
_MORE = re.compile(r"(?i), and \d+ more$|等\d+类(问题|好评|反馈)?$")
_FRAMES = re.compile(r"(?i)^praise for |\s+problems$|问题$|好评$")


def is_more(label: str) -> bool:
    """A label of the "and N more" form ("Login fails, and 3 more", "放了辣椒等5类问题")."""
    return bool(_MORE.search(_SUFFIX.sub("", label or "").strip()))


def pair_parts(label: str) -> list[str]:
    """The two parts a label joins ("Facebook and notification problems" -> Facebook, notification; "Photos and
    videos, netflix service" -> the two children's labels); [] for a label of one part."""
    if is_more(label):
        return []
    core = _FRAMES.sub("", _SUFFIX.sub("", label or "").strip()).strip()
    for sep in (", ", "、", " and "):
        parts = [p.strip() for p in (core.split(sep) if sep != " and " else re.split(r"(?i)\s+and\s+", core))]
        if len(parts) == 2 and all(parts):
            return parts
    return []


def _part_texts(part: str, texts, said: Said) -> set[int]:
    terms = [t for t in label_terms(part, said.words) if t not in _FRAME_WORDS]
    heads = [t for t in terms if _head_term(t)] or terms
    return {i for i, t in enumerate(texts) if any(_says_one(h, t, said) for h in heads)}


def _says_one(term: str, text: str, said: Said) -> bool:
    return term in text if _is_cjk(term) else term in said.terms(text)


def related(parts, texts, said: Said, other_texts=()) -> bool:
    """Whether members say two parts together: ``PAIR_TOGETHER`` of the texts saying the rarer part say the other
    ("Crashes and freezes", "Photos and videos"), at least ``PAIR_MIN`` of them; never with the corpus's subject,
    a part ``PAIR_SUBJECT`` of ``other_texts`` (the other parents') say ("iPod and apple")."""
    from .parent_readable import PAIR_SUBJECT

    if len(parts) != 2 or not texts:
        return True
    a, b = (_part_texts(p, texts, said) for p in parts)
    both = len(a & b)
    if not a or not b or both < PAIR_MIN or both < PAIR_TOGETHER * min(len(a), len(b)):
        return False
    return not other_texts or all(len(_part_texts(p, other_texts, said)) < PAIR_SUBJECT * len(other_texts)
                                  for p in parts)


def _label_mood(label: str, said: Said) -> int:
    plain = _SUFFIX.sub("", label or "").strip()
    if plain.lower().startswith("praise for ") or plain.endswith("好评"):
        return 1
    if plain.lower().endswith(" problems") or plain.endswith("问题"):
        return -1
    return own_mood(plain, said.words)


def meaning(label: str, other_texts, said: Said) -> tuple[int, frozenset]:
    """(mood, topic words) of a label: its words but praise/complaint words and the corpus's subject (a word
    ``CORPUS_SHARE`` of the other parents' texts say: app, 外卖)."""
    from .label_mood import evaluative_word

    if is_more(label) or is_other(label):
        return 0, frozenset()  # its largest child and how many more, or the rest of a mood: no sibling's meaning
    words = set()
    for t in label_terms(label, said.words):
        if t in _PLAIN_MOOD or (not _is_cjk(t) and evaluative_word(t)) or (_is_cjk(t) and own_mood(t, said.words)):
            continue
        if other_texts and _shares([(t,)], [list(other_texts)], said)[0] >= CORPUS_SHARE:
            continue
        words.add(t)
    if not words:  # a claim without a topic (难吃, "Keeps crashing"): what it says is its meaning
        words = {t for t in label_terms(label, said.words) if t not in _PLAIN_MOOD}
    return _label_mood(label, said), frozenset(words)


def terse(label: str, said: Said) -> bool:
    """A one-character Chinese topic in a frame or alone (肉问题, 菜问题, 菜)."""
    terms = label_terms(label, said.words)
    return len(terms) == 1 and _is_cjk(terms[0]) and len(terms[0]) == 1 and not own_mood(label, said.words)


def _lift_ok(term: str, texts, other_texts, said: Said) -> bool:
    from .parent_readable import TERM_LIFT

    inside, outside = _shares([(term,)], [texts, list(other_texts)], said)
    return inside >= TERM_LIFT * max(outside, 1.0 / max(1, len(other_texts)))


def fit(label: str, child_labels, sizes, texts, other_texts, mood: int, taken: set[str], said: Said,
        loved: bool | None, current: str = "", other_counts=None, frame_mood: int | None = None,
        refused=lambda label: False) -> str:
    """``label``, or a label that names a category of the parent's children (module docstring). ``frame_mood``: the
    mood the replacement's frame may say (``parent_labels.name_parent``'s: 0 over a parent whose items do not clearly
    lean one way, so "Other feedback", not "Other problems", over mixed dish reviews; default from ``mood`` and
    ``loved``); ``refused(term)``: whether the app's sentiment of the items saying a head term goes against the
    parent's mood (味道 said as often in praise: never 味道问题), as ``name_parent``'s own frames ask."""
    if len(sizes) < 2 or is_more(label) or is_other(label):
        return label
    flat = [t for g in texts for t in g]
    clashes = _clash_test(taken, other_texts, said)
    heads = None
    zh = chinese(texts, child_labels, sizes)

    def ranked():
        nonlocal heads
        if heads is None:
            counts = other_counts if other_counts is not None else term_counts(other_texts, said)
            heads = [h for h in head_terms(texts, sizes, counts, len(other_texts), child_labels, said)
                     if h[1] >= BREADTH and not (_is_cjk(h[2]) and len(h[2]) == 1)
                     and counts.get(h[2], 0) < CORPUS_SHARE * max(1, len(other_texts))
                     and _lift_ok(h[2], flat, other_texts, said)]
            heads = [h for h in heads if _is_cjk(h[2]) == zh] or heads
        return heads

    parts = pair_parts(label)
    unfit = ((parts and not related(parts, flat, said, other_texts)) or terse(label, said) or clashes(label)
             or is_insult(label)
             or not written_in(label, zh) or _weak_topic(label, flat, other_texts, said, ranked))

    def usable(option: str | None) -> bool:
        return (bool(option) and option.lower() not in taken and not clashes(option) and option != label
                and written_in(option, zh))

    if frame_mood is None:
        frame_mood = mood if loved is None else (1 if loved else min(mood, 0))
    if not unfit:
        broader = _broader_category(label, texts, sizes, other_texts, frame_mood, said, usable, child_labels)
        return broader or label
    for option in (lambda: _claim([current] + list(child_labels), texts, sizes, other_texts, mood, said, loved),
                   lambda: _head_frame(ranked(), child_labels, flat, frame_mood, said, refused),
                   lambda: category(texts, sizes, other_texts, frame_mood, said, usable, child_labels,
                                    twins=not written_in(label, zh))):
        out = option()
        if usable(out):
            return out
    rest = other(texts, frame_mood, child_labels, sizes)
    if rest.lower() not in taken:  # one per mood; it says no sibling's meaning, only that it holds the rest
        return rest
    out = _more(child_labels, sizes, mood, loved, said, flat, other_texts, taken, zh)
    return out if usable(out) else label


#: A category names a parent in place of the bare word its children share when its cues are said by this many times
#: as many of the parent's texts as the word ("Crashes" over overflow, segfault and abort reports that share "input").
CATEGORY_OVER_TERM = 1.5


def _broader_category(label: str, texts, sizes, other_texts, mood: int, said: Said, usable, child_labels) -> str | None:
    """The category (``parent_categories.category``) of a parent labelled by one bare word its children share
    ("Input", "Running") or one word and the kind of report ("Overflow bug"), when the category's cues are said
    ``CATEGORY_OVER_TERM`` times as widely as the label and cover at least as many of its items: a word said in
    passing does not say what the children are kinds of."""
    terms = label_terms(label, said.words)
    plain = _SUFFIX.sub("", label or "").strip()
    bare = len(terms) == 1 and plain.lower() in {terms[0], terms[0] + "s"}
    tagged = (len(terms) == 2 and plain.isascii() and len(plain.split()) == 2  # "Overflow bug": a word + what it is
              and sum(map(_head_term, terms)) == 1 and not _head_term(terms[1]))
    if not (bare or tagged):
        return None  # a phrase, a frame ("Crash problems") or a claim (送餐慢): it says more than a word
    option = category(texts, sizes, other_texts, mood, said, usable, child_labels)
    reach = category_reach(option, texts, sizes, said) if option else None
    if reach is None:
        return None
    inside, breadth, _, _ = coverage([terms], texts, sizes, (), said)
    return option if reach[0] >= CATEGORY_OVER_TERM * inside and reach[1] >= breadth else None


def _clash_test(taken: set[str], other_texts, said: Said):
    keys: dict[str, tuple] = {}

    def clashes(label: str) -> bool:
        mood = _label_mood(label, said)
        if not mood or is_more(label):
            return False
        mine = None
        for t in sorted(taken):
            if is_more(t) or _label_mood(t, said) != mood:
                continue  # the cheap test first: the words' shares are read only for labels of the same mood
            if t not in keys:
                keys[t] = meaning(t, other_texts, said)
            mine = mine or meaning(label, other_texts, said)
            if keys[t] == mine:
                return True
        return False

    return clashes


def _weak_topic(label: str, flat, other_texts, said: Said, ranked) -> bool:
    """A label whose topic words are all said about as often elsewhere (味道 over courier praise) while a topic
    of the parent's own covers ``BREADTH`` of it."""
    topics = [t for t in label_terms(label, said.words) if _head_term(t)]
    if not topics or any(_lift_ok(t, flat, other_texts, said) for t in topics):
        return False
    return bool(ranked())


def _claim(candidates, texts, sizes, other_texts, mood: int, said: Said, loved) -> str | None:
    """A complaint or praise already written for the parent or a child (难吃, "Keeps crashing") that children
    holding ``BREADTH`` of its items say (two or more), ``CLAIM_LIFT`` times more than the other parents."""
    if not mood:
        return None
    flat = [t for g in texts for t in g]
    best = None
    for label in dict.fromkeys(_SUFFIX.sub("", c or "").strip() for c in candidates):
        chars = len(re.sub(r"[^\u3400-\u9fff]", "", label))
        if (not label or label.startswith("(") or any(ch.isdigit() for ch in label) or ":" in label
                or (chars and chars < 2) or (not chars and len(label.split()) > MORE_WORDS)
                or own_mood(label, said.words) != mood or not _fits_praise(label, loved, said)):
            continue
        terms = label_terms(label, said.words)
        if not terms or all(t in _PLAIN_MOOD for t in terms):
            continue  # 不错, "Good": says that, not what
        _, breadth, n_cov, outside = coverage([terms], texts, sizes, other_texts, said)
        inside = _shares([terms], [flat], said)[0]
        if n_cov < 2 or breadth < BREADTH or inside < CLAIM_LIFT * outside:
            continue
        key = (round(breadth, 3), inside, label)
        if best is None or key[:2] > best[:2]:
            best = key
    return None if best is None else best[2]


def _head_frame(ranked, child_labels, flat, frame_mood: int, said: Said, refused=lambda label: False) -> str | None:
    """The best head term covering ``BREADTH`` of the parent that a child's label names, framed by its mood
    (送餐快, "Phone problems"; not "CPUs", a word of build logs no child is named by); a term ``refused`` refuses
    (its items lean the other way) is framed by no mood."""
    for _, _, term, _ in ranked:
        if not any(term in label if _is_cjk(term) else term in label_terms(label, said.words)
                   for label in child_labels):
            continue
        if frame_mood and refused(term):
            continue
        predicate = _predicate(term, flat, frame_mood, said) if frame_mood and _is_cjk(term) else None
        return frame([term], frame_mood, said, predicate, flat)
    return None


#: A parent whose sub-themes holding this share of its items are abuse ("Ur a disgrace") is named for what it is.
INSULT_SHARE = 0.5
VENTING = {"en": "Insults and venting", "zh": "谩骂和发泄"}


def _more(child_labels, sizes, mood: int, loved, said: Said, flat=(), other_texts=(), taken=(),
          zh: bool | None = None) -> str | None:
    """The largest child's phrase and how many more sub-themes there are ("Receive notifications, and 6 more");
    a child's one English word only when it is a name and the parent's own; never a child less than
    1/``MORE_LEAD`` the size of the largest. Never an insult ("Ur a disgrace"): a parent mostly of abuse is
    "Insults and venting" / 谩骂和发泄."""
    from .label_polish import bare_topic, generic_word, is_name
    from .parent_readable import MAX_WORDS, MAX_ZH_CHARS

    held = {frozenset(label_terms(_MORE.sub("", t), said.words)) for t in taken}  # "Quick note" twice: no
    if zh is None and flat:
        zh = sum(bool(re.search(r"[\u3400-\u9fff]", t)) for t in flat) * 2 > len(flat)
    insults = sum(n for c, n in zip(child_labels, sizes) if c and is_insult(c))
    if insults >= INSULT_SHARE * (sum(sizes) or 1):
        venting = VENTING["zh" if zh else "en"]
        return venting if venting.lower() not in taken else None
    order = sorted(range(len(sizes)), key=lambda k: (-sizes[k], k))

    def lead(k: int) -> str | None:
        """Child ``k``'s label as the label's lead (Chinese without its frame word), or None when it may not."""
        plain = _SUFFIX.sub("", child_labels[k] or "").strip()
        cjk = bool(re.search(r"[\u3400-\u9fff]", plain))
        if (zh is not None and cjk != zh) or frozenset(label_terms(plain, said.words)) in held:
            return None  # the language most of the parent's members write; not what a sibling is named by
        if (not plain or plain.startswith("(") or ":" in plain or any(ch.isdigit() for ch in plain)
                or is_more(plain) or pair_parts(plain) or (mood and own_mood(plain, said.words) == -mood)
                or (mood and not _fits_praise(plain, loved, said)) or is_insult(plain)):
            return None
        if cjk:
            bare = re.sub(r"(问题|好评)$", "", plain)
            if len(re.sub(r"[^\u3400-\u9fff]", "", bare)) > MORE_ZH_CHARS or len(bare) < 2 or (
                    bare_topic(bare) and not plain.endswith(("问题", "好评")) and not own_mood(bare, said.words)):
                return None  # 米饭 alone is relabelled later (餐盒问题): the parent would name a word no child has
            return plain
        if len(plain.split()) > MORE_WORDS:
            return None
        if len(plain.split()) == 1 and (not is_name(plain, flat)
                                        or generic_word(plain, flat, list(flat) + list(other_texts))
                                        or not all(_lift_ok(t, flat, other_texts, said)
                                                   for t in label_terms(plain, said.words))):
            return None  # one word: a name that is the parent's own ("Excel, and 6 more"); not "Power", "Answer"
        return plain

    for k in order:
        if sizes[k] * MORE_LEAD < sizes[order[0]]:
            return None  # a small child would lead a label over a parent it says little of
        plain = lead(k)
        if plain is None:
            continue
        if re.search(r"[\u3400-\u9fff]", plain):
            bare = re.sub(r"(问题|好评)$", "", plain)
            tail = "好评" if loved or (loved is None and mood > 0) else "问题" if mood < 0 else "反馈"
            out = f"{bare}等{len(sizes)}类{tail}"
            if len(re.sub(r"[^\u3400-\u9fff]", "", out)) <= MAX_ZH_CHARS:
                return out
            continue
        praise = (loved or (loved is None and mood > 0)) and own_mood(plain, said.words) <= 0
        if len(plain.split()) + 3 + bool(praise) > MAX_WORDS:
            continue  # "Praise for note taking, and 3 more": the praise frame kept ("Love trip advisor" says it)
        if praise:
            return f"Praise for {plain if is_name(plain.split()[0], flat) else plain[:1].lower() + plain[1:]}, " \
                   f"and {len(sizes) - 1} more"
        return f"{plain}, and {len(sizes) - 1} more"
    return None
