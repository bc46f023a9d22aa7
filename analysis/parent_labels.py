"""Names for top-level themes that hold two or more sub-themes (``theme_tree.guard_parent_labels``).

A parent's name must cover its children, not name one of them: a candidate is *said* by a text when the
text holds all its content words (English: normalised words; Chinese: the phrase's words, as substrings,
degree adverbs left out: 送餐太慢 is said by 送餐巨慢), and it *covers* a child when at least
``CHILD_SHARE`` of the child's sampled texts say it. A parent is named by
1. the best phrase already written for it or its children (the parent's own phrase from the sibling
   labeller, its children's labels) that covers children holding at least ``BREADTH`` of its items, two or
   more, is said more inside than in the other parents (score: share of the parent's texts saying it x
   log of that lift) and does not go against the parent's mood (its own words, or the app's sentiment of
   the items that say it);
2. else a covering phrase built from the *head terms* the children share: the term said across most of the
   children and rarely elsewhere (a second one for the children the first misses), framed by the parent's
   mood: "Account and login problems", "Praise for notes and files", "Notes and files" (no mood); Chinese
   the term with the complaint or praise word members most often write after it (送餐慢, 味道不错) or, for a
   complaint, what they say did not happen to it (电话打不通 for 电话打不通 / 电话没人接 / 电话也不接), over items of
   no clear mood the aspect they write after it (配送速度), else "配送、米饭问题" / "包装、速度好评". A phrase of
   step 1 that is only a Chinese topic in a frame (电话问题) takes that claim too.
Never an arbitrary child's label, never a bare word kept because nothing else was found; distinct from its
siblings' labels. Deterministic (ties by text). Reads only the seeded samples the tree already drew.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Sequence

import numpy as np

from .en_frames import GENERIC, stem
from .en_pos import names_thing
from .en_phrases import _HAS_CJK, _TOKEN, MAX_TEXT_CHARS, _is_cjk, _norm, _parse_text, _word_kind
from .label_mood import _REQUESTS, evaluative_word, mood as phrase_mood
from .zh_phrases import _ZH_EVALUATIVE, _ZH_NEGATIVE, ZH_DEGREE, ZH_NEGATION, _zh_content, _zh_key
from .zh_words import segmenter, word_tag, words_key

#: A label covers a child when at least this share of the child's sampled texts say it...
CHILD_SHARE = 0.15
#: ...and names a parent when the children it covers hold this share of the parent's items (two or more).
BREADTH = 0.5
#: A word a fifth of the other parents' texts say is what the corpus is about (app, Apple): no head term.
CORPUS_SHARE = 0.2
#: One child's word that this share of the other parents' texts say (the product or company the reviews are of:
#: "dot", "Amazon") names a parent whose children share no word only when the parent's own label does not.
SUBJECT_SHARE = 0.04
#: A second head term joins the first when the first covers less than this share of the parent's items...
SECOND_BELOW = 0.7
#: ...and the second covers children holding at least this share that the first does not.
SECOND_GAIN = 0.1
#: A Chinese complaint/praise word follows the head term in this share of the texts saying it: 送餐 + 慢.
PREDICATE_SHARE = 0.15
#: Head terms that are in two or more children's labels count this much more.
LABEL_TERM_BONUS = 1.5
#: Chinese head terms jieba tags as verbs (送来, 送到) count this much (nouns name what a group is about).
VERB_WEIGHT = 0.3
#: ...and one-character Chinese nouns (菜, 肉) this much.
ONE_CHAR_WEIGHT = 0.5

_SUFFIX = re.compile(r"\s*\(\d+\)$")
_ZH_PRAISE = frozenset("好 好吃 好喝 不错 满意 喜欢 新鲜 准时 热情 实惠 干净 方便 值得 划算 快 棒 赞 给力 美味 香 入味 及时 "
                       "周到 辛苦 可口 足 快捷 到位 贴心".split())
#: Chinese words that measure or point rather than name a subject (小时 in 两个小时才送到).
_ZH_NOT_HEAD = frozenset("小时 分钟 时候 东西 问题 感觉 时间段 一次 下次 这家 那家 商家 店家 外卖 点餐 订餐 以后".split())
#: English words that say how something is without VADER scoring them (fast in "Praise for fast").
_EN_DESCRIBE = frozenset("fast slow quick easy simple smooth new old big small many much better best more less "
                         "lot lots really very".split())
#: Adverbs and light verbs: they say when or that something happens, never what a group is about ("Login and
#: soon problems", "See and boards").
_EN_NOT_HEAD = frozenset("soon now again always still already just even ever never also often sometimes anymore "
                         "today yesterday tonight see let get got make made take put give keep seem".split())
#: Chinese words that tell when, how much or where rather than name a subject (时 in 导出时, 店里): jieba tags many
#: of them as nouns.
_ZH_TIME_MEASURE = frozenset("时 天 次 点 分 秒 块 元 份 个 号 周 月 年 日 早 晚 回 遍 顿 家 店 人 事 里 上 下 中 内 外 前 后 边 "
                             "时候 之前 之后 以前 当时 那时 现在 最近 每次 这次 那次 今天 昨天 明天 晚上 早上 中午 下午 上午".split())
#: A two-character word ending in one of these after a noun is a place (店里, 路上, 家中).
_ZH_PLACE_SUFFIX = frozenset("里上中内外下边")
#: jieba tags that never head a label: adjective, adverb, numeral, measure, pronoun, preposition, conjunction,
#: particle, time, place, direction.
_ZH_NOT_HEAD_TAGS = ("a", "d", "m", "q", "r", "p", "c", "u", "t", "s", "f")
#: An English head term is shown with the word members write right before it when this share of its uses have
#: that word there ("fire stick", "credit karma": one noun in two words; "stick" alone is cut from it; half is not
#: most: "secret boards" beside "swipe boards")...
COMPOUND_SHARE = 0.6
#: ...and at least this many uses do.
COMPOUND_MIN = 3
#: Words of the frames themselves (never a head term; left out when a frame's coverage is read).
_FRAME_WORDS = frozenset("problems problem praise and for issues 问题 好评 和".split())


def _key_words(words) -> tuple[str, ...]:
    return words if isinstance(words, tuple) else words_key(words)


class Said:
    """Per text: its English words (normalised) and Chinese words (keyed), cached for one tree."""

    def __init__(self, words=()):
        self.words = _key_words(words)
        self._terms: dict[str, frozenset] = {}
        self._clauses: dict[str, tuple] = {}  # clauses of each text read, for ``surface``

    def terms(self, text: str) -> frozenset:
        out = self._terms.get(text)
        if out is None:
            cut = text[:MAX_TEXT_CHARS].replace("\u2019", "'")
            clauses = _parse_text(cut, self.words if _HAS_CJK.search(cut) else ())[0]
            found = {_token_term(tok) for clause in clauses for tok in clause}
            found.discard(None)
            out = self._terms[text] = frozenset(found)
            self._clauses[text] = clauses
        return out

    def names_thing(self, term: str, groups: Sequence[Sequence[str]]) -> bool:
        """Whether an English term is used as a noun in these texts (``en_pos.names_thing``); Chinese: True."""
        if _is_cjk(term):
            return True
        if self.written_as_name(term, groups):
            return True  # a name as the texts write it (React, Vulkan), whatever the lexicon says of the word
        return names_thing(term, [c for g in groups for t in g if term in self.terms(t) for c in self._clauses[t]])

    def written_as_name(self, term: str, groups: Sequence[Sequence[str]]) -> bool:
        """Whether the texts mostly write an English term with a capital where no clause starts (React, Excel)."""
        clauses = [c for g in groups for t in g if term in self.terms(t) for c in self._clauses[t]]
        written = [tok for c in clauses for tok in c[1:] if _token_term(tok) == term]
        return bool(written) and sum(tok[:1].isupper() for tok in written) * 2 >= len(written)

    def surface(self, term: str, texts: Sequence[str]) -> str:
        """How ``texts`` mostly write an English term (lower case unless mostly written with capitals)."""
        forms: Counter = Counter()
        for text in texts:
            if term not in self.terms(text):
                continue
            for clause in self._clauses[text]:
                for tok in clause:
                    if not _is_cjk(tok) and _token_term(tok) == term:
                        forms[tok if tok[1:].lower() != tok[1:] else tok.lower()] += 1
        return _mostly(forms, term)

    def compound(self, term: str, texts: Sequence[str]) -> str | None:
        """The word ``texts`` write right before an English term in ``COMPOUND_SHARE`` of its uses (at least
        ``COMPOUND_MIN``) when the two make one noun ("fire" before "stick", "credit" before "karma"), as mostly
        written; None otherwise. Not a function, evaluative or describing word ("this app", "great sound", "new
        phone"), nor a word that cannot name or describe (a verb: "play music") nor a strong mood word ("love
        alexa": ``compound_word``). Chinese terms are jieba words, which already hold their compounds (外卖小哥): None."""
        if _is_cjk(term):
            return None
        before: Counter = Counter()
        forms: dict[str, Counter] = {}
        uses = 0
        for text in texts:
            if term not in self.terms(text):
                continue
            for clause in self._clauses[text]:
                for i, tok in enumerate(clause):
                    if _is_cjk(tok) or _token_term(tok) != term:
                        continue
                    uses += 1
                    prev = clause[i - 1] if i else ""
                    if prev and not _is_cjk(prev):
                        before[prev.lower()] += 1
                        forms.setdefault(prev.lower(), Counter())[prev if prev[1:].lower() != prev[1:]
                                                                  else prev.lower()] += 1
        if not before:
            return None
        word, count = min(before.items(), key=lambda x: (-x[1], x[0]))
        if count < max(COMPOUND_MIN, COMPOUND_SHARE * uses) or _norm(word) == term:
            return None
        return _mostly(forms[word], word) if compound_word(word) else None


#: A word VADER scores this strongly says how, whatever else it can be ("love music", "enjoy games"); a milder one
#: may name a thing ("credit karma", "fire stick").
COMPOUND_MOOD = 2.0


def compound_word(word: str) -> bool:
    """Whether a lower-case English word can be the first of a two-word noun (fire stick, credit karma): a content
    word of letters that names or describes, not a describing, light or frame word (new, just, problems), an
    evaluative adjective or adverb (great sound, really slow) nor a strong mood word (love, enjoy)."""
    from .en_pos import names_or_describes, parts
    from .label_mood import _valence

    if (_word_kind(word) != 1 or not word.isalpha() or len(word) < 3 or word in _EN_DESCRIBE
            or word in _EN_NOT_HEAD or word in _FRAME_WORDS or not names_or_describes(word)):
        return False
    if not evaluative_word(word):
        return True
    return not (parts(word) & {"ADJ", "ADV"} or abs(_valence().get(word, 0.0)) >= COMPOUND_MOOD
                or word in _REQUESTS)


def _mostly(forms: Counter, default: str) -> str:
    """The form most written (lower case unless mostly written with capitals)."""
    if not forms:
        return default
    low = sum(c for f, c in forms.items() if f.islower())
    if low * 2 >= sum(forms.values()):
        return max((c, f) for f, c in forms.items() if f.islower())[1]
    return max((c, f) for f, c in forms.items())[1]


@lru_cache(maxsize=200_000)
def _token_term(tok: str) -> str | None:
    """The term a token counts as: a Chinese word keyed (degree adverbs dropped, 太慢 -> 慢) or a negation;
    an English content word or negation, normalised (plural, case); None for anything else."""
    if _is_cjk(tok):
        return tok if tok in ZH_NEGATION else (_zh_key(tok) if _zh_content(tok) else None)
    low = tok.lower()
    return _norm(low) if _word_kind(low) in (1, 3) else None


def label_terms(label: str, words=()) -> tuple[str, ...]:
    """The content words a text must hold to say ``label`` (frame words, degree adverbs left out)."""
    label = _SUFFIX.sub("", label or "").strip()
    out: list[str] = []
    for m in _TOKEN.finditer(label):
        tok = m.group()
        if _is_cjk(tok):
            for w in segmenter(_key_words(words)).lcut(tok):
                key = w if w in ZH_NEGATION else (_zh_key(w) if _zh_content(w) else None)
                if key and key not in _FRAME_WORDS and key not in ZH_DEGREE:
                    out.append(key)
        elif tok[0].isalpha():
            low = tok.lower()
            if _word_kind(low) in (1, 3) and low not in _FRAME_WORDS:
                out.append(_norm(low))
    return tuple(dict.fromkeys(out))


def says(terms: Sequence[str], text: str, said: Said) -> bool:
    """Whether ``text`` holds every one of ``terms`` (Chinese: as a substring, whatever the segmentation)."""
    if not terms:
        return False
    have = None
    for t in terms:
        if _is_cjk(t):
            if t not in text:
                return False
        else:
            have = said.terms(text) if have is None else have
            if t not in have:
                return False
    return True


def _shares(alternatives: Sequence[Sequence[str]], groups: Sequence[Sequence[str]], said: Said) -> list[float]:
    """Per group of texts, the share saying any of ``alternatives`` (each a tuple of terms)."""
    out = []
    for texts in groups:
        hit = sum(any(says(a, t, said) for a in alternatives) for t in texts)
        out.append(hit / len(texts) if texts else 0.0)
    return out


def coverage(alternatives, child_texts, child_sizes, other_texts, said: Said) -> tuple[float, float, int, float]:
    """(share of the parent's items saying it, share of its items in children it covers, children it covers,
    share of the other parents' texts saying it)."""
    total = float(sum(child_sizes)) or 1.0
    shares = _shares(alternatives, child_texts, said)
    inside = sum(s * n for s, n in zip(shares, child_sizes)) / total
    covered = [s >= CHILD_SHARE for s in shares]
    breadth = sum(n for c, n in zip(covered, child_sizes) if c) / total
    outside = _shares(alternatives, [other_texts], said)[0] if other_texts else 0.0
    return inside, breadth, sum(covered), outside


def _phrase(label: str) -> bool:
    """A phrase, not a bare word ("Game", "送来" name no concept): 2+ English words or 3+ Chinese characters."""
    if label.isascii():
        return len(label.split()) >= 2
    return len(re.sub(r"[^\u3400-\u9fff]", "", label)) >= 3


def own_mood(label: str, words=()) -> int:
    """Which way a label's own words go (-1 complaint, 1 praise, 0 neither)."""
    if _HAS_CJK.search(label):
        # keyed words (太慢 -> 慢), as label_terms reads them: 送餐太慢 complains as 送餐慢 does
        return phrase_mood(tuple(_zh_key(w) or w for w in segmenter(_key_words(words)).lcut(label)), label)
    return phrase_mood(label.lower(), label)


@lru_cache(maxsize=200_000)
def _head_term(term: str) -> bool:
    """A word that can name what a group is about: a content word that is not itself praise, complaint or a
    request (English), or a Chinese word of two+ characters that is not an adjective, negation or measure."""
    if term in _FRAME_WORDS:
        return False
    if _is_cjk(term):
        if ((len(term) < 2 and not word_tag(term).startswith("n")) or term in _ZH_NOT_HEAD or term in ZH_NEGATION
                or term in _ZH_NEGATIVE or term in _ZH_PRAISE or term in _ZH_EVALUATIVE or term in _ZH_TIME_MEASURE
                or term in _zh_requests()):
            return False  # ...nor a wish (希望, 建议: what is asked for names the group, as "add" does not)
        if len(term) == 2 and term[1] in _ZH_PLACE_SUFFIX and word_tag(term[0]).startswith("n"):
            return False  # 店里, 路上: where, not what
        tag = word_tag(term)
        return not tag.startswith(_ZH_NOT_HEAD_TAGS) and "不" not in term and "没" not in term
    return (len(term) > 2 and _word_kind(term) == 1 and not evaluative_word(term) and term not in _REQUESTS
            and term not in _EN_DESCRIBE and term not in _EN_NOT_HEAD)


@lru_cache(maxsize=200_000)
def _scored_name(term: str) -> bool:
    """An English word that is no head term only because VADER scores it (excel, spark): when the texts write it
    as a name (``Said.written_as_name``) it names a product, not praise."""
    from .label_mood import PROBLEM_WORDS
    from .en_phrases import NEGATIONS

    return (not _is_cjk(term) and len(term) > 2 and _word_kind(term) == 1 and evaluative_word(term)
            and term not in PROBLEM_WORDS and term not in NEGATIONS and term not in _REQUESTS
            and term not in _EN_DESCRIBE and term not in _EN_NOT_HEAD and term not in _FRAME_WORDS)


@lru_cache(maxsize=1)
def _zh_requests() -> frozenset:
    """Chinese words of a wish or request (希望, 建议: the feedback types' request cues)."""
    from .feedback_classes import CUES

    return frozenset(CUES["request_zh"][2])


def _verb(term: str) -> bool:
    """A Chinese word jieba tags as a verb (送来, 送到): it names an event, not what a group is about."""
    return _is_cjk(term) and word_tag(term).startswith("v") and word_tag(term) != "vn"


def term_counts(texts: Sequence[str], said: Said) -> Counter:
    out: Counter = Counter()
    for t in texts:
        out.update(said.terms(t))
    return out


def head_terms(child_texts, child_sizes, other_counts: Counter, n_other: int, child_labels, said: Said
               ) -> list[tuple[float, float, str, list[float]]]:
    """Head terms, best first: (score, breadth, term, per-child shares); a term must cover two children."""
    total = float(sum(child_sizes)) or 1.0
    per_child = [term_counts(texts, said) for texts in child_texts]
    in_labels: Counter = Counter()
    for label in child_labels:
        in_labels.update(set(label_terms(label, said.words)))
    floor = 1.0 / max(1, n_other)
    out = []
    for term in sorted(set().union(*per_child) if per_child else ()):
        scored_name = not _head_term(term)
        if scored_name and not _scored_name(term):
            continue
        shares = [c[term] / max(1, len(texts)) for c, texts in zip(per_child, child_texts)]
        if sum(s >= CHILD_SHARE for s in shares) < min(2, len(shares)):
            continue
        if scored_name and not said.written_as_name(term, child_texts):
            continue  # a name VADER scores (Excel, "excel" +2) is what its members' answers are about
        if not said.names_thing(term, child_texts):
            continue  # "type", "view": written as verbs here
        inside = sum(s * n for s, n in zip(shares, child_sizes)) / total
        outside = max(other_counts.get(term, 0) / max(1, n_other), floor)
        if inside <= outside:
            continue
        score = inside * float(np.log(inside / outside))
        if in_labels[term] >= 2:
            score *= LABEL_TERM_BONUS
        if _verb(term):
            score *= VERB_WEIGHT
        if _is_cjk(term) and len(term) == 1:
            score *= ONE_CHAR_WEIGHT  # 菜, 肉: part of many words; a word of its own names the group better
        breadth = sum(n for s, n in zip(shares, child_sizes) if s >= CHILD_SHARE) / total
        out.append((score, breadth, term, shares))
    out.sort(key=lambda x: (-x[0], x[2]))
    return out


def _second_term(first, child_sizes, other_counts: Counter, n_other: int, per_child_terms) -> str | None:
    """The term that covers most of the children ``first`` misses (at least ``SECOND_GAIN`` of the items)."""
    total = float(sum(child_sizes)) or 1.0
    missed = [k for k, s in enumerate(first[3]) if s < CHILD_SHARE]
    best = None
    for term, shares in per_child_terms:
        if term == first[2]:
            continue
        gain = sum(child_sizes[k] for k in missed if shares[k] >= CHILD_SHARE) / total
        inside = sum(s * n for s, n in zip(shares, child_sizes)) / total
        outside = max(other_counts.get(term, 0) / max(1, n_other), 1.0 / max(1, n_other))
        if gain < SECOND_GAIN or inside <= outside:
            continue
        key = (gain, inside * float(np.log(inside / outside)), term)
        if best is None or key[:2] > best[:2] or (key[:2] == best[:2] and term < best[2]):
            best = key
    return None if best is None else best[2]


def _predicate(term: str, texts: Sequence[str], mood: int, said: Said) -> str | None:
    """The complaint (``mood`` -1) or praise word members most often write right after a Chinese ``term``
    (within three words of one clause), when at least ``PREDICATE_SHARE`` of the texts saying it do: 慢 for 送餐.
    Without one, for a complaint: what members most often say did not happen to it (``_denial``: 电话打不通, 电话没人接,
    电话不接 say one thing in several words), when ``PREDICATE_SHARE`` of the texts saying the term deny something."""
    found: Counter = Counter()
    denied: Counter = Counter()
    saying = denying = 0
    for text in texts:
        if term not in text:
            continue
        saying += 1
        seen, refusals = set(), set()
        for clause in _parse_text(text[:MAX_TEXT_CHARS], said.words)[0]:
            for i, w in enumerate(clause):
                if w != term:
                    continue
                for j, nxt in enumerate(clause[i + 1:i + 4], i + 1):
                    key = _zh_key(nxt) if _zh_content(nxt) else None
                    if key and ((mood < 0 and (key in _ZH_NEGATIVE or key in ("不好", "不好吃", "不新鲜")))
                                or (mood > 0 and key in _ZH_PRAISE)):
                        seen.add(key)
                        break
                    refusal = _denial(clause, j) if mood < 0 else None
                    if refusal:
                        refusals.add(refusal)
                        break
        found.update(seen)
        denied.update(refusals)
        denying += bool(refusals)
    if not saying:
        return None
    if found:
        word, count = min(found.items(), key=lambda x: (-x[1], x[0]))
        if count >= PREDICATE_SHARE * saying:
            return word
    if denied and denying >= PREDICATE_SHARE * saying:
        return min(denied.items(), key=lambda x: (-x[1], x[0]))[0]
    return None


def _denial(clause: Sequence[str], j: int) -> str | None:
    """What a Chinese clause says did not happen at word ``j``: a verb with a negative complement or a negation
    inside (打不通, 没人接), or a negation before a verb (不 + 接 -> 不接); not a negated quality (不错, 不新鲜:
    said how something is) nor a bare negation (没有)."""
    word = clause[j]
    if word in ZH_NEGATION:
        nxt = clause[j + 1] if j + 1 < len(clause) else ""
        if word_tag(nxt).startswith("v") and nxt not in _ZH_EVALUATIVE and nxt not in _ZH_PRAISE:
            return word + nxt
        return None
    if (len(word) < 2 or not any(ch in word for ch in "不没无") or word in _ZH_EVALUATIVE or word in _ZH_PRAISE
            or word_tag(word).startswith(("a", "d", "n")) or _zh_key(word) != word):
        return None
    verb = word_tag(word).startswith("v") or (word[0] == "不" and word_tag(word[1:]).startswith("v"))
    return word if verb or "不" in word[1:] or word[0] in "没无" else None


#: A Chinese topic over items of no clear mood is named with the aspect members most often write right after it
#: (配送速度, 卷饼味道: what the members discuss of it) when at least this share of the texts saying it do...
ASPECT_SHARE = 0.05
#: ...and at least this many texts.
ASPECT_MIN = 3


def _aspect(term: str, texts: Sequence[str], said: Said) -> str | None:
    """The noun members most often write right after a Chinese ``term`` (速度 after 配送), or None (see
    ``ASPECT_SHARE``); never after a word of a wish (希望主题: what is wished, not an aspect of it)."""
    if any(cue in term for cue in _zh_requests()):
        return None
    found: Counter = Counter()
    saying = 0
    for text in texts:
        if term not in text:
            continue
        saying += 1
        said.terms(text)  # parses it once (cached)
        found.update({clause[i + 1] for clause in said._clauses[text] for i in range(len(clause) - 1)
                      if clause[i] == term and clause[i + 1] != term and len(clause[i + 1]) >= 2
                      and word_tag(clause[i + 1]) == "n" and _head_term(clause[i + 1])})
    if not found:
        return None
    word, count = min(found.items(), key=lambda x: (-x[1], x[0]))
    return word if count >= max(ASPECT_MIN, ASPECT_SHARE * saying) else None


def _singular(word: str) -> str:
    """A plural noun as written singular ("crashes" -> "crash", "ads" -> "ad"); _norm's key drops only the s."""
    if word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    return _norm(word)


def frame(terms: Sequence[str], mood: int, said: Said, predicate: str | None = None, texts: Sequence[str] = ()) -> str:
    """A covering phrase from head terms and the parent's mood."""
    if all(_is_cjk(t) for t in terms):
        if predicate and len(terms) == 1:
            return terms[0] + predicate
        aspect = _aspect(terms[0], texts, said) if not mood and len(terms) == 1 and texts else None
        if aspect:
            return terms[0] + aspect  # 卷饼 over mixed items: 卷饼味道, what members discuss of it
        body = "、".join(terms)
        return body + ("问题" if mood < 0 else "好评" if mood > 0 else "")
    surfaces = {t: said.surface(t, texts) for t in terms if not _is_cjk(t)}
    shown = [t if _is_cjk(t) else _singular(surfaces[t]) if mood < 0 and surfaces[t].islower() else surfaces[t]
             for t in terms]
    compounds = {t: said.compound(t, texts) for t in terms}  # "Praise for fire stick", not "Praise for stick"
    shown = [f"{first} {s}" if (first := compounds[t]) and _norm(first.lower()) not in terms else s
             for t, s in zip(terms, shown)]
    body = " and ".join(shown)  # "Ad problems": a noun before a noun is singular
    text = f"{body} problems" if mood < 0 else f"Praise for {body}" if mood > 0 else body
    return text[0].upper() + text[1:]


def name_parent(current: str, child_labels: Sequence[str], child_sizes: Sequence[int],
                child_texts: Sequence[Sequence[str]], other_texts: Sequence[str], mood: int, taken: set[str],
                said: Said, refused=lambda label: False, other_counts: Counter | None = None,
                frame_mood: int | None = None, loved: bool | None = None) -> str:
    """A label for one parent (see the module docstring). ``taken``: its siblings' labels (lower case);
    ``refused(label)``: whether the app's sentiment of the items saying it goes against the parent's mood;
    ``other_counts``: term counts of ``other_texts`` (computed when not given); ``frame_mood``: the mood a
    built phrase says (default ``mood``; 0 for a parent whose items do not clearly lean one way); ``loved``:
    whether the parent is mostly praise by ``priority.is_praise`` (None: unknown): a phrase of praise only
    over one that is, of complaint only over one that is not (the board lists it where its name says)."""
    sizes = [int(n) for n in child_sizes]
    texts = [list(t) for t in child_texts]
    out = _name_parent(current, child_labels, sizes, texts, other_texts, mood, taken, said, refused, other_counts,
                       frame_mood, loved)
    out = _own_phrase_over_word(out, current, child_labels, sizes, texts, other_texts, mood, taken, said, loved)
    from .parent_readable import readable

    framing = frame_mood if frame_mood is not None else mood if loved is None else (1 if loved else min(mood, 0))
    return readable(out, child_labels, sizes, texts, other_texts, mood, taken, said, loved, current, other_counts,
                    frame_mood=framing, refused=refused)


def _name_parent(current, child_labels, sizes, texts, other_texts, mood, taken, said, refused, other_counts,
                 frame_mood, loved) -> str:
    from .parent_categories import chinese, written_in

    zh = chinese(texts, child_labels, sizes)  # the language most members write: a label in the other is never
    candidates = [c for c in [current] + list(child_labels) if written_in(c, zh)]  # chosen while one in it fits
    best = None
    seen = set()
    for label in candidates:
        label = _SUFFIX.sub("", label or "").strip()
        low = label.lower()
        if (not label or low in seen or low in taken or label.startswith("(") or not _phrase(label)
                or any(ch.isdigit() for ch in label)):
            continue  # numbers (1点送到, 80分钟) belong to one child's texts, never to a parent
        seen.add(low)
        terms = label_terms(label, said.words)
        if not terms or not any(_head_term(t) for t in terms):
            continue  # "Not bad", "不错": says how, not about what
        inside, breadth, n_cov, _ = coverage([terms], texts, sizes, (), said)
        if n_cov < min(2, len(sizes)) or breadth < BREADTH:
            continue
        if (mood and own_mood(label, said.words) == -mood) or not _fits_praise(label, loved, said):
            continue
        outside = _shares([terms], [other_texts], said)[0] if other_texts else 0.0  # the costly part: last
        if inside <= outside or refused(label):
            continue
        score = inside * float(np.log(inside / max(outside, 1.0 / max(1, len(other_texts)))))
        if best is None or score > best[0]:
            best = (score, label, breadth)
    own = best is not None and best[1].lower() == _SUFFIX.sub("", current or "").strip().lower()
    # a child's label that covers them all would leave that child repeating its parent: a frame instead; the
    # parent's own phrase stays (the child that says the same is labelled again, ``theme_tree``)
    repeated = best is not None and not own and any(repeats(c, best[1], said.words) for c in child_labels)
    if best is not None and not repeated:
        return _said_of_topic(best[1], texts, mood, taken, said, refused)
    frame_args = (texts, sizes, other_texts, other_counts, [current] + list(child_labels),
                  _praise_said(mood if frame_mood is None else frame_mood, texts, said), taken, said, refused, zh)
    framed = _framed(*frame_args, loose=False)
    if framed is None or not framed[2] or framed[1] < BREADTH:  # a predicate frame over most of the parent
        # (送餐慢, 师傅好) already says what is wrong or right; one over a quarter of it (味道不错) does not
        claim = _shared_claim(candidates, texts, sizes, other_texts, mood, taken, said, refused, loved)
        if claim is not None:
            return claim  # 送餐太慢 over late-delivery children: what is wrong, said across them (a child relabelled)
    if best is not None and framed is None:
        return best[1]  # a child's label only when nothing the children share frames them (then relabelled)
    if framed is not None:
        return framed[0]
    framed = _framed(*frame_args, common=False)
    if framed is not None:
        return framed[0]
    plain = _SUFFIX.sub("", current or "").strip()
    if (plain and not plain.startswith("(") and plain.lower() not in taken and written_in(plain, zh)
            and any(_head_term(t) for t in label_terms(plain, said.words))
            and not any(repeats(c, plain, said.words) for c in child_labels)):
        return plain  # the children share no word and the largest child's own word is one the whole corpus says
        # (its subject: "dot", "Amazon" in Alexa reviews): the parent's own label, chosen on all its texts among
        # its siblings ("Refurbished echo dot", "Wifi"), when it names a thing ("New" does not) and no child
        # would only repeat it
    framed = _framed(*frame_args)
    if framed is not None:
        return framed[0]
    if plain.lower() not in taken:
        return plain
    from .sibling_phrase import distinct_phrase  # nothing the children share is free: a phrase of theirs

    return distinct_phrase(plain, [t for g in texts for t in g], [list(other_texts)], taken) or plain


#: A parent's own phrase holding the one word it would be named by takes its place when this share of the parent's
#: items say the phrase's words ("Test failures" over flaky-test and failing-test children, not "Test")...
OWN_PHRASE_SHARE = 0.1
#: ...children holding this share of them say it (a third: not one small child's topic, "Tflite model" over
#: TensorFlow, GPU and graph children)...
OWN_PHRASE_BREADTH = 0.3
#: ...and it is at most this many words long (a phrase, not a member sentence).
OWN_PHRASE_WORDS = 4


def _own_phrase_over_word(label: str, current: str, child_labels, sizes, texts, other_texts, mood: int,
                          taken: set[str], said: Said, loved: bool | None) -> str:
    """``label``, or the parent's own phrase (``current``: the sibling labeller's, chosen on all the parent's texts)
    when ``label`` is one bare English word of it ("Test" from "Test failures", "Beer" from "Craft beer"): a word
    names no concept a PM can brief from, the phrase members write it in does. The phrase must be said by
    ``OWN_PHRASE_SHARE`` of the parent's items, in children holding ``OWN_PHRASE_BREADTH`` of them, more than by the
    other parents' texts, hold no number, fit the parent's mood and praise verdict, be free among the siblings and
    not be only what a child is called. English only: a bare Chinese topic over items of no clear mood is already
    named by what members discuss of it (``_aspect``: 卷饼味道), and one with a mood by its frame (米饭问题)."""
    plain = _SUFFIX.sub("", label or "").strip()
    own = _SUFFIX.sub("", current or "").strip()
    if (not plain.isascii() or len(plain.split()) != 1 or not own.isascii() or own.startswith("(")
            or not 1 < len(own.split()) <= OWN_PHRASE_WORDS or any(ch.isdigit() for ch in own)
            or own.lower() in taken):
        return label
    word, terms = label_terms(plain, said.words), label_terms(own, said.words)
    if len(word) != 1 or word[0] not in terms or not (terms[0] == word[0] or _head_term(terms[0])):
        return label  # it must open on a topic ("Craft beer"), not on how it is ("Great app")
    if ((mood and own_mood(own, said.words) == -mood) or not _fits_praise(own, loved, said)
            or any(repeats(c, own, said.words) for c in child_labels)):
        return label
    inside, breadth, _, _ = coverage([terms], texts, sizes, (), said)
    outside = _shares([terms], [list(other_texts)], said)[0] if other_texts else 0.0
    return own if inside >= OWN_PHRASE_SHARE and breadth >= OWN_PHRASE_BREADTH and inside > outside else label


def _said_of_topic(label: str, texts, mood: int, taken: set[str], said: Said, refused) -> str:
    """A Chinese topic in a frame (电话问题, 送餐好评) as what members say of the topic when they write it often
    enough (``_predicate``: 电话打不通, 送餐快); else ``label``."""
    plain = _SUFFIX.sub("", label).strip()
    if not mood or not plain.endswith(("问题", "好评")):
        return label
    terms = label_terms(plain, said.words)
    if len(terms) != 1 or not _is_cjk(terms[0]) or plain[:-2] != terms[0]:
        return label
    predicate = _predicate(terms[0], [t for g in texts for t in g], mood, said)
    if predicate and _verb(terms[0]) and not any(ch in predicate for ch in "不没无"):
        predicate = None  # 送到 + 凉 says nothing; 打电话 + 没人接 says what went wrong with the call
    out = frame(terms, mood, said, predicate) if predicate else label
    return out if out.lower() not in taken and not refused(out) else label


#: A praise frame needs this share of the parent's texts to hold a word of praise (VADER's lexicon, the Chinese
#: praise words): the app's sentiment heads read build logs ("Enabled vulkan") as content.
PRAISE_WORDS = 0.2


def _praise_said(mood: int, texts, said: Said) -> int:
    """``mood``, or 0 for praise that the parent's texts do not put in words ("Praise for vulkan")."""
    if mood <= 0:
        return mood
    from .label_mood import MOOD_NEUTRAL, _valence

    lex = {w: v for w, v in _valence().items() if v >= 1.5 and w not in MOOD_NEUTRAL}
    flat = [t for g in texts for t in g]
    if not flat or not lex:
        return mood
    warm = sum(any((_is_cjk(w) and w in _ZH_PRAISE) or w in lex for w in said.terms(t)) for t in flat)
    return mood if warm >= PRAISE_WORDS * len(flat) else 0


def _framed(texts, sizes, other_texts, other_counts, labels, mood, taken, said: Said, refused, zh: bool | None = None,
            loose: bool = True, common: bool = True) -> tuple[str, float, bool] | None:
    """(a covering phrase from the children's head terms and the parent's mood, the share of the parent's
    items in children it covers, whether it names what is wrong or right: 送餐慢), or None when the
    children share no word at all. Head terms are taken from the words of the labels (the parent's own
    phrase, its children's: they name things) when one of those qualifies, and never a word a fifth of
    the other parents' texts say (app, Apple) when another does. ``loose``: without a word two children share,
    the largest child's own word (``_loose_terms``); ``common``: also when ``SUBJECT_SHARE`` of the other
    parents' texts say it."""
    if other_counts is None:
        other_counts = term_counts(other_texts, said)
    n_other = len(other_texts)
    ranked = full = _in_language(head_terms(texts, sizes, other_counts, n_other, labels[1:], said), zh)
    everywhere = {r[2] for r in ranked if other_counts.get(r[2], 0) >= CORPUS_SHARE * n_other}
    ranked = [r for r in ranked if r[2] not in everywhere] or ranked
    named = {t for label in labels[1:] + labels[:1 if _phrase(labels[0] or "") else 0]
             for t in label_terms(label, said.words)}
    ranked = [r for r in ranked if r[2] in named] or ranked
    ranked = ranked + [r for r in full if r not in ranked]  # the others only when a sibling took those
    state: dict = {}

    def attempt(candidates) -> tuple[str, float, bool] | None:
        for first in candidates:
            if refused(first[2]):  # the app's sentiment of the items saying it goes the other way
                continue
            chosen = [first[2]]
            predicate = None
            if mood and _is_cjk(first[2]) and not _verb(first[2]):
                predicate = _predicate(first[2], [t for g in texts for t in g], mood, said)
            if first[1] < SECOND_BELOW and not (predicate and first[1] >= BREADTH):
                if "per_child" not in state:
                    state["per_child"] = _all_shares(texts, said)
                per_child = state["per_child"]
                script = [p for p in per_child if _is_cjk(p[0]) == _is_cjk(first[2]) and p[0] not in everywhere]
                second = _second_term(first, sizes, other_counts, n_other,  # one language, no corpus-wide word
                                      [p for p in script if p[0] in named] or script)
                if (second is not None and _head_term(second) and stem(second) not in GENERIC
                        and said.names_thing(second, texts) and not refused(second)):  # not "Editor and code"
                    chosen.append(second)
                    predicate = None
            options = [(chosen, predicate if len(chosen) == 1 else None), (chosen[:1], predicate), (chosen[:1], None)]
            for option, pred in options:
                label = frame(option, mood, said, pred, [t for g in texts for t in g])
                if label.lower() not in taken:
                    alternatives = [(option[0], pred)] if pred else [(t,) for t in option]
                    return label, coverage(alternatives, texts, sizes, (), said)[1], bool(pred)
        return None

    # no word two children share (or only words the app's sentiment refuses): the largest child's own word
    if not loose:
        return attempt(ranked)
    lone = [r for r in _loose_terms(texts, sizes, other_counts, n_other, said, zh)
            if common or other_counts.get(r[2], 0) < SUBJECT_SHARE * n_other]
    return attempt(ranked) or attempt(lone)


def _all_shares(texts, said: Said) -> list[tuple[str, list[float]]]:
    """(term, per-child shares) of every head term in the children's texts, by term."""
    per_child = [term_counts(g, said) for g in texts]
    terms = sorted({t for c in per_child for t in c if _head_term(t)})
    return [(t, [c[t] / max(1, len(g)) for c, g in zip(per_child, texts)]) for t in terms]


def _in_language(ranked: list, zh: bool | None) -> list:
    """Head terms (``head_terms`` rows) of the language ``zh`` says, or all of them when none is (or ``zh`` None)."""
    if zh is None:
        return ranked
    return [r for r in ranked if _is_cjk(r[2]) == zh] or ranked


def _loose_terms(texts, sizes, other_counts: Counter, n_other: int, said: Said, zh: bool | None = None):
    """Without a shared term: the most distinctive head term of the largest child (of the parent's language
    ``zh`` when it has one), as a one-term ranking."""
    order = sorted(range(len(sizes)), key=lambda k: (-sizes[k], k))
    floor = 1.0 / max(1, n_other)
    total = float(sum(sizes)) or 1.0
    for k in order:
        counts = term_counts(texts[k], said)
        scored = []
        for term, c in counts.items():
            share = c / max(1, len(texts[k]))
            outside = max(other_counts.get(term, 0) / max(1, n_other), floor)
            if _head_term(term) and share >= CHILD_SHARE and share > outside and said.names_thing(term, [texts[k]]):
                scored.append((share * float(np.log(share / outside)), term))
        scored = ([x for x in scored if _is_cjk(x[1]) == zh] or scored) if zh is not None else scored
        if scored:
            term = min(scored, key=lambda x: (-x[0], x[1]))[1]
            shares = [(term_counts(g, said)[term] / max(1, len(g))) for g in texts]
            breadth = sum(n for s, n in zip(shares, sizes) if s >= CHILD_SHARE) / total
            return [(0.0, breadth, term, shares)]
    return []


#: Words that say only that something is good or bad (or is missing), not what is wrong or right with it.
_PLAIN_MOOD = frozenset("好 不错 满意 差 不好 一般 很好 好评 差评 失望 喜欢 推荐 good great nice bad awesome love like best "
                        "excellent amazing perfect terrible horrible worst hate poor fine ok okay not no too very so".split())
#: A claim's complaint/praise word names a parent when this share of the parent's texts say it more than the
#: other parents' texts do (lift).
CLAIM_LIFT = 1.5
#: ...and its topic words are said by children holding this share of the parent's items.
TOPIC_BREADTH = 0.3


def _shared_claim(candidates, texts, sizes, other_texts, mood: int, taken: set[str], said: Said, refused,
                  loved: bool | None) -> str | None:
    """A phrase already written for the parent or a child that says what is wrong (or right) with something,
    when what it says is wrong is what the children share: its complaint/praise words (送餐太慢: 慢) are said
    by children holding ``BREADTH`` of the parent's items (two or more), more than elsewhere, and its topic
    words more inside than elsewhere. The children that say the word most and the phrase itself decide
    among several (ties by text)."""
    if not mood:
        return None
    flat = [t for g in texts for t in g]
    best = None
    for label in dict.fromkeys(_SUFFIX.sub("", c or "").strip() for c in candidates):
        if (not label or label.lower() in taken or label.startswith("(") or not _phrase(label)
                or any(ch.isdigit() for ch in label) or not _fits_praise(label, loved, said)):
            continue
        terms = label_terms(label, said.words)
        claims = tuple(t for t in terms if not _head_term(t) and t not in _PLAIN_MOOD and t not in ZH_NEGATION
                       and own_mood(t, said.words) == mood)  # 慢, crash: not 没有, 好, good
        topics = tuple(t for t in terms if _head_term(t))
        if not claims or not topics or own_mood(label, said.words) == -mood:
            continue
        _, breadth, n_cov, outside = coverage([(c,) for c in claims], texts, sizes, other_texts, said)
        inside = _shares([(c,) for c in claims], [flat], said)[0]
        if n_cov < 2 or breadth < BREADTH or inside < CLAIM_LIFT * outside:
            continue
        topic_in = _shares([(t,) for t in topics], [flat, list(other_texts)], said)
        if (topic_in[0] <= topic_in[1] or coverage([(t,) for t in topics], texts, sizes, (), said)[1] < TOPIC_BREADTH
                or refused(label)):
            continue  # its topic must be the parent's too: not 送货快 over courier praise that says 快 in passing
        key = (round(breadth, 3), _shares([terms], [flat], said)[0], label)
        if best is None or key[:2] > best[:2] or (key[:2] == best[:2] and label < best[2]):
            best = key
    return None if best is None else best[2]


def _fits_praise(label: str, loved: bool | None, said: Said) -> bool:
    """Whether a label's own mood agrees with the praise rule's verdict on its parent (``loved``)."""
    if loved is None:
        return True
    own = own_mood(label, said.words)
    return not ((own > 0 and not loved) or (own < 0 and loved))


def repeats(child: str, parent: str, words=()) -> bool:
    """Whether a sub-theme's label only repeats its parent's ("Phone" under "Phone" or "Phone problems", 送餐太慢
    under 送餐慢): the same words but frame words and degree adverbs ("Login" under "Login and account problems"
    names a part of it)."""
    from .parent_fit import is_more

    if is_more(parent):
        return False  # "Login fails, and 3 more" names its largest child on purpose
    mine = _label_words(child, words)
    return bool(mine) and mine == _label_words(parent, words)


def _label_words(label: str, words=()) -> set:
    """Every word of a label but frame words and degree adverbs (Chinese keyed: 太慢 -> 慢; English normalised)."""
    label = _SUFFIX.sub("", label or "").strip()
    out = set()
    for m in _TOKEN.finditer(label):
        tok = m.group()
        if _is_cjk(tok):
            out.update(k for w in segmenter(_key_words(words)).lcut(tok) if (k := _zh_key(w)) and k not in _FRAME_WORDS)
        elif tok[0].isalpha() and tok.lower() not in _FRAME_WORDS:
            out.add(_norm(tok.lower()))
    return out


def parent_words(parent: str, words=()) -> list[str]:
    """What a sub-theme must not be labelled under ``parent``: the label, its content words and each of them."""
    terms = label_terms(parent, words)
    return [parent, " ".join(terms), "".join(terms)] + list(terms)
