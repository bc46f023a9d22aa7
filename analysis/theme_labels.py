"""Theme labels a person could have written: short phrases from the themes' own member texts.

``phrase_labels`` labels a set of sibling themes at once:
1. Candidates from each member text: English word sequences of 1-6 words inside one clause that
   neither start nor end with a function word (noun phrases "cancelled flights", verb-object phrases
   "reset password", "login fails with SSO"; negations may start one: "can't log in"); Chinese jieba
   words (knowing the corpus's own words, ``zh_words``) and pairs/triples of adjacent words, at most
   ``MAX_CHINESE_CHARS`` characters. Profanity, non-words and phrases headed by a name are skipped.
   Phrases count as the same when they differ only in case or plural ("or nearly").
2. Class-based TF-IDF over phrases: the share of a theme's texts that contain a phrase, times
   ``log(1 + mean texts per theme / texts of all siblings containing it)``; a phrase must occur in
   several member texts (``min_texts``); longer phrases get a small bonus (they read better).
3. Re-ranking by cosine closeness of the phrase's embedding to the theme's centroid (when ``embed``
   is given), then each theme takes its best phrase that no sibling took.
4. A chosen phrase that only names a topic ("Ads", 米饭) grows into the most common grounded phrase that
   contains it and says how it is ("Too many ads", 米饭太少): ``says_how``, ``_expand``; never against the
   theme's sentiment (VADER's lexicon), never negating praise, not when members disagree.
5. Fallback: the member sentence nearest the centroid (or with the theme's most distinctive words),
   cut to whole words.

Part of speech comes from closed-class word lists (no tagger): measured, an offline spaCy pipeline
costs ~15 packages and seconds per 10,000 texts for little gain on short feedback phrases.
``is_name_only`` tells a theme held together only by a name (place, person, product, company).
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Callable, Collection, Sequence

import numpy as np

from .topic_keywords import _profane_token, english_stop, is_profane, is_word
from .zh_phrases import (MAX_CHINESE_CHARS, _ZH_EVALUATIVE, _ZH_NEGATIVE, ZH_NEGATION, _chinese_candidates,
                         _zh_content, _zh_key, _zh_predicate)
from .zh_words import discover_words, is_chinese_name, segmenter, word_tag, words_key

MAX_WORDS = 6
#: Characters of a member text read for phrases (the start says what it is about).
MAX_TEXT_CHARS = 600
#: Candidates per theme re-ranked by embedding.
RERANK = 12
#: Score bonus per content word beyond the first (up to two): phrases read better than single words.
LENGTH_BONUS = 0.6
#: A word written Title-case in at least this share of its occurrences where no sentence starts is a name.
NAME_SHARE = 0.6
#: Weight of the c-TF-IDF score against embedding closeness in the final ranking.
TFIDF_WEIGHT = 0.6

#: Words that neither start nor end an English label (function words; content words of
#: scikit-learn's stop list such as "call", "system", "bill", "find" are allowed).
FUNCTION_WORDS = frozenset("""
a about above across after again against all almost along already also although always am among an and another
any anyhow anyone anything anyway are around as at be became because become becomes been before being below
beside besides between beyond both but by can could couldnt did do does doing done down during each either else
ever every everyone everything few for from further had has hasnt have having he her here hers herself him himself
his how however i if in into is it its itself just least less many may me might mine more most mostly much must my
myself neither nor now of off often on once only onto or other others otherwise our ours ourselves out over own
per perhaps please quite rather really same she should since so some somehow someone something sometimes still such
than that the their theirs them themselves then there these they this those though through thru thus to together too
toward towards under until up upon us very via was we well were what whatever when whenever where whether which
while who whom whose why will with within without would yet you your yours yourself yourselves
im ive id dont doesnt didnt wont isnt arent wasnt thats theres youre ill lets pls plz hi hello hey ok okay
thanks thank like got getting also even lot lots one etc eg ie amp via yes yeah 's 're 've 'll 'd 'm
""".split()) | frozenset(w for w in english_stop() if "'" in w)
#: Words that may start a label although they are function words: negations ("can't log in", "no sound").
NEGATIONS = frozenset("no not cannot can't cant doesn't doesnt don't dont won't wont couldn't unable never n't".split())
#: Function words that may start a label like a negation ("too many ads", "too slow"); the quantifiers that may
#: follow them.
STARTERS = frozenset(("too",))
_QUANTIFIERS = frozenset(("many", "much", "few", "little"))
#: Particles that may end a label after a verb ("log in", "sign up", "set up").
PARTICLES = frozenset("in up out down on off".split())
#: Verbs a particle may follow at a label's end ("log in", "sign up", "set up"): after other words a final
#: particle is a fragment ("Intermittent failure in").
PHRASAL = frozenset("""log logged logging sign signed signing set setting opt zoom turn turned plug plugged shut lock
locked check checking pop pops popping show shows back start clean mess messed hang hangs hung pick line sync fill wake
type scroll fall falls break breaks cut cuts load loads kick kicked kicks kicking freeze freezes slow slows shuts
shutting turns sort filter clear cleared come comes came get gets go goes went run runs ran time times timed""".split())
#: Words that leave a label dangling when they end it ("Model using", "Errors when trying").
DANGLING = frozenset("using trying tried getting got making want wants wanted need needs running".split())
#: Words that may join the parts of a label ("flights and rebooking", "login fails with SSO").
JOINERS = frozenset("and or of with for to in on at from after before without when while not no the a an my your "
                    "our their this that".split())

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TOKEN = re.compile(r"(?:[0-9]+(?=[\u3400-\u4dbf\u4e00-\u9fff]))?[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[A-Za-z'][A-Za-z0-9_'+#.\-]*[A-Za-z0-9_+#]|[A-Za-z]"
                    r"|[.!?;:,()\[\]{}\"|/\\<>=*~…。！？；：，、（）【】「」《》\n-]+|\S")
_SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？]?")
_CLAUSE_BREAK = re.compile(r"[.!?;:,()\[\]{}\"|/\\<>=*~…。！？；：，、（）【】「」《》\n]|^-+$")

Embed = Callable[[list[str]], np.ndarray]


def _is_cjk(text: str) -> bool:
    return bool(text) and (text[0] >= "\u3400" or (text[0].isdigit() and text[-1] >= "\u3400"))


def _is_cjk_key(key) -> bool:
    return bool(key) and _is_cjk(key[0] if isinstance(key, tuple) else key)


#: Contractions written without their apostrophe, as reviews often do (cant -> can't).
_CONTRACTIONS = {w.replace("'", ""): w for w in (
    "can't", "don't", "won't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "couldn't", "wouldn't",
    "shouldn't", "haven't", "hasn't", "hadn't")}


def _norm_contraction(low: str) -> str:
    return _CONTRACTIONS.get(low, low)


@lru_cache(maxsize=200_000)
def _norm(word: str) -> str:
    """Lower case, ``'s`` dropped, simple plural to singular, apostrophe restored (cant -> can't):
    phrases differing only so count as one."""
    w = _norm_contraction(word.lower().replace("\u2019", "'"))
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


class _Texts:
    """Clauses of a group's texts as token lists, with the case statistics that tell names."""

    def __init__(self, texts: Sequence[str], words: tuple[str, ...]):
        self.clauses: list[tuple[tuple[str, ...], ...]] = []  # per text: clauses: tokens (original case)
        self.title: Counter[str] = Counter()  # lower-cased word -> non-initial Title-case occurrences
        self.seen: Counter[str] = Counter()  # lower-cased word -> non-initial occurrences
        self.upper: Counter[str] = Counter()  # lower-cased word -> non-initial ALL-CAPS occurrences
        for text in texts:
            text = text[:MAX_TEXT_CHARS].replace("\u2019", "'")
            # only Chinese runs are segmented with ``words``: other texts parse the same for every corpus
            clauses, seen, title, upper = _parse_text(text, words if _HAS_CJK.search(text) else ())
            self.clauses.append(clauses)
            self.seen.update(seen)
            self.title.update(title)
            self.upper.update(upper)

    def is_name(self, low: str) -> bool:
        """Mostly written Title-case where a sentence does not start (Dallas, Google, Delta)."""
        seen = self.seen.get(low, 0)
        return seen >= 2 and self.title.get(low, 0) >= NAME_SHARE * seen


_HAS_CJK = re.compile(r"[^\x00-\u33ff]")  # a character _is_cjk may take for Chinese


@lru_cache(maxsize=50_000)
def _parse_text(text: str, words: tuple[str, ...]) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...],
                                                             tuple[str, ...], tuple[str, ...]]:
    """One text's clauses (tuples of tokens, original case) and its non-initial words, lower-cased:
    all, the Title-case ones, the ALL-CAPS ones (for ``Counter.update``). Cached: the same member
    text is read at both levels of the tree and by the name check. Callers must not change it."""
    title: list[str] = []
    seen: list[str] = []
    upper: list[str] = []
    tk = None
    clauses: list[list[str]] = [[]]
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if _CLAUSE_BREAK.match(tok) or not (tok[0].isalpha() or tok[0] == "'" or _is_cjk(tok)):
            if clauses[-1]:
                clauses.append([])
            continue
        if _is_cjk(tok):
            if clauses[-1] and not _is_cjk(clauses[-1][-1]):
                clauses.append([])
            tk = tk or segmenter(words)
            clauses[-1].extend(w for w in tk.lcut(tok, HMM=True) if w.strip())
            clauses.append([])
            continue
        if tok[0] == "'" and tok.lower() not in FUNCTION_WORDS:
            tok = tok.strip("'")  # a quoted word
            if not tok:
                continue
        if clauses[-1] and tok.lower() in _CLITICS:  # "does n't", "it 's" of pre-tokenised text
            clauses[-1][-1] += tok
            continue
        if clauses[-1]:
            low = tok.lower()
            seen.append(low)
            if tok[0].isupper() and not tok.isupper():
                title.append(low)
            elif tok.isupper() and len(tok) > 1:
                upper.append(low)
        clauses[-1].append(tok)
    return tuple(tuple(c) for c in clauses if c), tuple(seen), tuple(title), tuple(upper)


@lru_cache(maxsize=200_000)
def _word_kind(low: str) -> int:
    """0: not usable (non-word, profane); 1: content word; 2: function word; 3: negation."""
    if (not is_word(low) or "_" in low or not any(ch.isalpha() for ch in low) or _profane_token(low)
            or (len(low) > 1 and len(set(low)) == 1)):  # aaa, zzzz: keyboard noise
        return 0
    if low in NEGATIONS or low in STARTERS:
        return 3
    return 2 if low in FUNCTION_WORDS else 1


_CLITICS = frozenset(("n't", "'s", "'re", "'ve", "'ll", "'d", "'m"))
_PREPOSITIONS = frozenset(("with", "for", "of", "to", "in", "on", "at", "from"))


def _english_candidates(clause: Sequence[str], texts: _Texts):
    """(key, surface) of every acceptable English phrase in a clause."""
    for key, surface, head in _clause_phrases(tuple(clause)):
        if not texts.is_name(head):
            yield key, surface


@lru_cache(maxsize=100_000)
def _clause_phrases(clause: tuple[str, ...]) -> tuple[tuple[tuple, str, str], ...]:
    """(key, surface, head word) of the phrases of a clause, before the group's names are left out
    (cached: a clause is read at both levels of the tree, and feedback repeats clauses)."""
    return tuple(_phrases(clause))


def _phrases(clause: tuple[str, ...]):
    lows = [t.lower() for t in clause]
    kinds = [_word_kind(w) for w in lows]
    stop = english_stop()
    n = len(clause)
    for i in range(n):
        if kinds[i] in (0, 2):
            continue
        functions = 0
        for j in range(i, min(n, i + MAX_WORDS)):
            kind = kinds[j]
            if kind == 0:
                break
            last = lows[j]
            if kind >= 2:
                quantity = last in _QUANTIFIERS and j > i and lows[j - 1] in STARTERS  # too many
                functions += not quantity
                if j > i and kind == 2 and last not in JOINERS and last not in PARTICLES and not quantity:
                    break
                # a label ends on a content word, or on a particle after one ("log in")
                if not (j > i and last in PARTICLES and lows[j - 1] in PHRASAL):
                    continue
            if (j == i and (last in stop or len(last) < 3)) or (j > i and last in DANGLING):
                continue
            if functions * 2 > j - i + 1:
                continue
            words = lows[i:j + 1]
            head = next((w for w in reversed(words) if _word_kind(w) == 1), last)
            for k in range(1, len(words)):
                if words[k] in _PREPOSITIONS:
                    head = words[k - 1]
                    break
            yield _compounds(tuple(_norm(w) for w in words)), " ".join(clause[i:j + 1]), head


#: Verb + particle written as one word or two ("log in" / "login"): one key, so both count for the phrase.
_COMPOUNDS = {("log", "in"): "login", ("sign", "in"): "signin", ("sign", "up"): "signup", ("log", "out"): "logout",
              ("set", "up"): "setup", ("check", "out"): "checkout"}


def _compounds(key: tuple) -> tuple:
    if len(key) < 2 or not any(key[i:i + 2] in _COMPOUNDS for i in range(len(key) - 1)):
        return key
    out, i = [], 0
    while i < len(key):
        if key[i:i + 2] in _COMPOUNDS:
            out.append(_COMPOUNDS[key[i:i + 2]])
            i += 2
        else:
            out.append(key[i])
            i += 1
    return tuple(out)


def _counts(texts: _Texts) -> tuple[Counter, dict]:
    """Texts containing each phrase key, and the surfaces seen. A phrase found mostly inside one
    identical clause of 6+ words (12+ characters) that several texts repeat is template text ("Describe the feature
    and the current behavior"), not a topic: left out."""
    df: Counter = Counter()
    surfaces: dict = defaultdict(Counter)
    in_clause: Counter = Counter()
    clause_texts: Counter = Counter()
    for clauses in texts.clauses:
        keys = set()
        seen_clauses = set()
        for clause in clauses:
            cjk = any(_CJK.search(w) for w in clause[:3])
            whole = "".join(clause) if cjk else " ".join(clause).lower()
            long_clause = len(whole) >= 12 if cjk else len(clause) >= 6
            gen = _chinese_candidates(clause) if cjk else _english_candidates(clause, texts)
            for key, surface in gen:
                keys.add(key)
                surfaces[key][surface] += 1
                if long_clause:
                    in_clause[key, whole] += 1
            if long_clause:
                seen_clauses.add(whole)
        df.update(keys)
        clause_texts.update(seen_clauses)
    for (key, whole), c in in_clause.items():
        if clause_texts[whole] >= 3 and c >= 0.5 * sum(surfaces[key].values()) and key in df:
            del df[key]
    return df, surfaces


def _display(key, surfaces: Counter, case: _Texts) -> str:
    """The most common written form in sentence case; each word written as the texts mostly write it
    where no sentence starts (names Title-case, acronyms upper case, iPhone as is), otherwise lower."""
    best = max(surfaces.items(), key=lambda kv: (kv[1], kv[0]))[0] if surfaces else " ".join(key)
    if _is_cjk(best):
        return best
    out = []
    for w in best.split():
        low = w.lower()
        seen = case.seen.get(low, 0)
        if low in _CONTRACTIONS:
            out.append(_CONTRACTIONS[low])
        elif any(ch.isupper() for ch in w[1:]) and not w.isupper():
            out.append(w)  # iPhone, WhatsApp
        elif seen and case.upper.get(low, 0) >= 0.6 * seen and len(w) <= 6:
            out.append(w.upper())
        elif seen and case.title.get(low, 0) >= 0.6 * seen:
            out.append(low[:1].upper() + low[1:])
        else:
            out.append(low)
    text = " ".join(out)
    return text if any(ch.isupper() for ch in out[0][1:]) else text[:1].upper() + text[1:]


def min_texts(n: int) -> int:
    """Member texts (of ``n`` distinct ones read) that must contain a label's phrase: 'several'."""
    return max(3 if n >= 15 else 2, min(5, math.ceil(0.03 * n)))


def _length_bonus(key) -> float:
    if _is_cjk_key(key):
        chars = sum(len(w) for w in key)
        return 1.0 + 0.15 * min(chars - 2, 4) if chars > 2 else 1.0
    content = sum(1 for w in key if w not in FUNCTION_WORDS)
    return 1.0 + LENGTH_BONUS * min(content - 1, 2) + 0.05 * min(len(key) - content, 2)


def phrase_labels(groups: list[list[str]], centroids: np.ndarray, embed: Embed | None = None,
                  keywords: list[list[str]] | None = None, seed: int = 42, *,
                  words: Collection[str] | None = None, reserved: Collection[str] = ()) -> list[str]:
    """One short phrase label per group of member texts; distinct among the groups (siblings).

    ``centroids[k]``: unit centroid of group k in the space of ``embed`` (phrases -> unit vectors;
    None: no re-ranking). ``keywords`` (optional, per group) guide the fallback sentence. ``words``:
    the corpus's own Chinese words (None: discovered from the groups). ``reserved``: labels that other
    themes hold (never given again). Deterministic for the same input and seed.
    """
    if not groups:
        return []
    if words is None:
        words = discover_words([t for g in groups for t in g if _CJK.search(t)], seed=seed)
    key_words = words_key(words)
    groups = [list(dict.fromkeys(g)) for g in groups]  # a text repeated (copied reviews) counts once
    parsed = [_Texts(g, key_words) for g in groups]
    case = _Texts([], key_words)
    for p in parsed:
        case.title.update(p.title)
        case.seen.update(p.seen)
        case.upper.update(p.upper)
    counted = [_counts(t) for t in parsed]
    sizes = [max(1, len(g)) for g in groups]
    total: Counter = Counter()
    surfaces: dict = defaultdict(Counter)
    for df, surf in counted:
        total.update(df)
        for key, c in surf.items():
            surfaces[key].update(c)
    mean_size = float(np.mean(sizes))
    ranked: list[list[tuple[float, str, tuple]]] = []
    for k, (df, _) in enumerate(counted):
        need = min_texts(sizes[k])
        scored = []
        for key, c in df.items():
            if c < need:
                continue
            score = c / sizes[k] * math.log(1 + mean_size / total[key]) * _length_bonus(key)
            scored.append((score, key))
        scored.sort(key=lambda sk: (-sk[0], str(sk[1])))
        scored = _drop_contained(scored, df)[:RERANK]
        ranked.append([(s, _display(key, surfaces[key], case), key) for s, key in scored])
    if embed is not None and any(ranked):
        ranked = _rerank(ranked, np.asarray(centroids, dtype=np.float32), embed)
    taken = {r.strip().lower() for r in reserved}
    labels: list[str | None] = [None] * len(groups)
    order = sorted(range(len(groups)), key=lambda k: (-(ranked[k][0][0] if ranked[k] else -1), k))
    for k in order:
        polarity = _theme_polarity(parsed[k])
        for i, (_, label, key) in enumerate(ranked[k]):
            if polarity and not _is_cjk_key(key) and _polarity(label.lower().split()) * polarity < 0:
                continue  # "Good game" is not what a theme of crash reports is about
            if label.lower() not in taken:
                need = min_texts(sizes[k])
                topic = _disputed(key, label, counted[k][0], need)
                if topic is not None:  # 送餐太慢 where as many members say 送餐很快: the topic, 送餐
                    key, label = topic, _display(topic, surfaces[topic], case)
                    if label.lower() in taken:
                        continue
                longer = _expand(key, counted[k][0], need, surfaces, case, taken, polarity)
                paired = None if longer else _paired(ranked[k], i, parsed[k], need)
                labels[k] = longer or (paired if paired and paired.lower() not in taken else label)
                break
        if labels[k] is None:
            labels[k] = _fallback(groups[k], centroids[k] if len(centroids) > k else None, embed,
                                  keywords[k] if keywords and k < len(keywords) else [], taken)
        taken.add(labels[k].lower())
    return [lab or "(no label)" for lab in labels]


#: A phrase that says how things are replaces the chosen topic phrase it contains ("Ads" -> "Too many ads",
#: 米饭 -> 米饭量少) when at least this share of the texts with the topic phrase contain it.
EXPAND_SHARE = 0.05

#: English words that make a phrase say how something is, beside VADER's sentiment words and negations:
#: problems that are not sentiment words, and requests ("Bring back the old layout").
PROBLEM_WORDS = frozenset("""
slow slower laggy lag lags lagging glitch glitches glitchy bug bugs buggy issue issues freeze freezes freezing froze
frozen crashes crashing crashed crash late delay delays long longer stuck missing wrong broken error errors fail fails
failed failing keeps keep won't can't cannot unable doesn't don't didn't isn't wasn't never too drain draining dead
add adding bring allow support wish want need needs please fix fixed expensive overpriced cold small
""".split())


@lru_cache(maxsize=1)
def _valence() -> dict[str, float]:
    """VADER's sentiment lexicon (word -> valence), read from the vaderSentiment package; empty without it."""
    from importlib import resources

    try:
        text = (resources.files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):  # a trimmed bundle: problem words only
        return {}
    out = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) > 1 and " " not in parts[0]:
            try:
                out[parts[0]] = float(parts[1])
            except ValueError:
                continue
    return out


def _evaluative_word(low: str) -> bool:
    if low in PROBLEM_WORDS or low in NEGATIONS:
        return True
    lex = _valence()
    for stem in (low, low[:-1], low[:-2], low[:-3], low[:-3] + "e", low[:-1] if low.endswith("d") else ""):
        if len(stem) >= 3 and abs(lex.get(stem, 0.0)) >= 0.9:
            return True
    return False


def says_how(label: str) -> bool:
    """Whether a label says how something is or what the members want (a problem, request or praise:
    "Too many ads", "Can't log in", "送餐太慢") rather than only naming a topic ("Ads", "米饭")."""
    if _CJK.search(label):
        tk = segmenter()
        return _zh_predicate(tuple(k for k in (_zh_key(w) for w in tk.lcut(label) if _zh_content(w) or w in ZH_NEGATION)
                                   if k))
    words = [w.lower().strip("'") for w in label.replace("\u2019", "'").split()]
    return any(_evaluative_word(_norm_contraction(w)) for w in words)


def _polarity(words: Sequence[str]) -> float:
    """VADER's valence of English words (lower case), a negation flipping the next three words' sign."""
    lex = _valence()
    total, flip = 0.0, 0
    for w in words:
        w = _norm_contraction(w)
        if w in NEGATIONS or w.endswith("n't"):
            flip = 3
            continue
        v = lex.get(w, 0.0)
        if not v and w in PROBLEM_WORDS and w not in _REQUESTS:
            v = -1.0
        total += -v if flip else v
        flip = max(0, flip - 1)
    return total


_REQUESTS = frozenset("add adding bring allow support wish want need needs please fix".split())


def _theme_polarity(texts: _Texts) -> int:
    """-1 when a theme's English texts name problems at least as often as praise (reviews mix both: "great
    game but it crashes" is a crash report), 1 when praise clearly dominates, else 0."""
    neg = pos = n = 0
    for clauses in texts.clauses:
        english, negative, positive = _text_polarity(clauses)
        n += english
        neg += negative
        pos += positive
    if not n:
        return 0
    neg, pos = neg / n, pos / n
    return -1 if neg >= max(pos, 0.3) else 1 if pos > neg + 0.15 else 0


@lru_cache(maxsize=50_000)
def _text_polarity(clauses: tuple[tuple[str, ...], ...]) -> tuple[bool, bool, bool]:
    """(has English words, names a problem, praises) for one text's clauses (cached, as ``_parse_text``)."""
    lex = _valence()
    words = [_norm_contraction(w.lower()) for c in clauses if not any(_CJK.search(w) for w in c[:3]) for w in c]
    if not words:
        return False, False, False
    neg = any(lex.get(w, 0.0) <= -0.9 or (w in PROBLEM_WORDS and w not in _REQUESTS) or w in NEGATIONS
              or w.endswith("n't") for w in words)
    return True, neg, any(lex.get(w, 0.0) >= 0.9 for w in words)


def _key_says_how(key, text: str) -> bool:
    return _zh_predicate(key) if _is_cjk_key(key) else says_how(text)


def _negates(longer: tuple, key: tuple) -> bool:
    """Whether ``longer`` puts a negation right before an evaluative ``key`` (好吃 -> 不好吃, good -> not good):
    the opposite, not a longer way of saying it. Negating a topic is fine (login -> can't login, 送到 -> 没送到)."""
    head = key[0]
    if _is_cjk(head):
        evaluative = word_tag(head).startswith("a") or head in _ZH_EVALUATIVE
    else:
        evaluative = abs(_valence().get(head, 0.0)) >= 0.9
    if not evaluative:
        return False
    for i in range(1, len(longer) - len(key) + 1):
        if longer[i:i + len(key)] == key and (longer[i - 1] in ZH_NEGATION or longer[i - 1] in NEGATIONS):
            return True
    return False


def _expand(key, df: Counter, need: int, surfaces: dict, case: _Texts, taken: set[str],
            polarity: int = 0) -> str | None:
    """The most common phrase that contains the topic phrase ``key`` and says how it is (``says_how``),
    found in at least ``need`` member texts and ``EXPAND_SHARE`` of those with ``key``, and not of the
    opposite sentiment to the theme's ``polarity`` (English: "Good game" never labels crash reports).
    None when ``key`` says so already, no such phrase is grounded, the best one is a sibling's, or members
    disagree: a second phrase saying something else is nearly as common (送餐很快 vs 送餐太慢 in one theme
    about delivery speed keeps 送餐速度)."""
    if len(key) > 1 and _key_says_how(key, _display(key, surfaces[key], case)):
        return None  # a single word that says how ("Needs", 好吃) may still say more ("Needs improvement")
    floor = max(need, EXPAND_SHARE * df[key])
    found = []
    for other, c in df.items():
        if c < floor or len(other) <= len(key) or not _contains(other, key) or _negates(other, key):
            continue
        text = _display(other, surfaces[other], case)
        if polarity and not _is_cjk_key(other) and _polarity(text.lower().split()) * polarity < 0:
            continue
        if _key_says_how(other, text):
            found.append(((c, len(other), str(other)), other, text))  # equally grounded: the longer says more
    if not found:
        return None
    found.sort(reverse=True)
    (c, _, _), best, text = found[0]
    sign = _sign(best, text)
    rival = next((r for r in found[1:] if _sign(r[1], r[2]) != sign), None)
    if text.lower() in taken or (rival and rival[0][0] >= AGREE * c):
        return None
    return text


#: Members agree on how a topic is when no phrase of the opposite sentiment is this common relative to the best one.
AGREE = 0.67
def _disputed(key, text: str, df: Counter, need: int):
    """The topic word of a phrase that says how its topic is when as many members say the opposite about it
    (送餐太慢 vs 送餐很快: 送餐, when grounded); None otherwise."""
    if len(key) < 2 or not _key_says_how(key, text):
        return None
    topic, sign = key[:1], _sign(key, text)
    if df.get(topic, 0) < need:
        return None
    for other, c in df.items():
        if (len(other) > 1 and other[0] == key[0] and c >= AGREE * df[key] and other != key
                and _sign(other, " ".join(other)) != sign and _key_says_how(other, " ".join(other))):
            return topic
    return None


def _sign(key, text: str) -> int:
    """-1 for a phrase that complains, 1 otherwise (English: VADER's valence; Chinese: negations and
    ``_ZH_NEGATIVE``; 不错 is praise)."""
    if not _is_cjk_key(key):
        return -1 if _polarity(text.lower().split()) < 0 else 1
    return -1 if any(w in ZH_NEGATION or w in _ZH_NEGATIVE or (w != "不错" and ("不" in w or "没" in w))
                     for w in key) else 1


#: A single-word label takes a second single word ("Password and login") scoring at least this share of it.
PAIR_SHARE = 0.75


def _paired(cands: list, i: int, texts: _Texts, need: int) -> str | None:
    """"A and b" when the chosen English label and the next candidate are single words that score
    alike, differ in stem, are no names, and occur together in ``need`` member texts (so the pair is
    grounded too); None otherwise."""
    score, label, key = cands[i]
    if _is_cjk_key(key) or len(key) != 1 or i + 1 >= len(cands):
        return None
    score2, label2, key2 = cands[i + 1]
    if _is_cjk_key(key2) or len(key2) != 1 or score2 < PAIR_SHARE * score:
        return None
    a, b = key[0], key2[0]
    if says_how(label) or says_how(label2):
        return None  # "Needs and improvement": pairs are for two topics ("Password and login")
    if a[:4] == b[:4] or a in b or b in a or texts.is_name(a) or texts.is_name(b):
        return None
    together = 0
    for clauses in texts.clauses:
        words = {_norm(w.lower()) for clause in clauses for w in clause}
        together += a in words and b in words
        if together >= need:
            second = label2 if (label2.isupper() or any(ch.isupper() for ch in label2[1:])) else label2.lower()
            return f"{label} and {second}"
    return None


def _drop_contained(scored: list, df: Counter) -> list:
    """Drop a phrase when a longer one containing it is in most of the same texts ("flight" vs
    "cancelled flight"); the longer says more."""
    keys = [key for _, key in scored]
    out = []
    for score, key in scored:
        inside = False
        for other in keys:
            if other == key or len(other) <= len(key):
                continue
            contains = _contains(other, key)
            if contains and df[other] >= 0.6 * df[key]:
                inside = True
                break
        if not inside:
            out.append((score, key))
    return out


def _contains(longer: tuple, key: tuple) -> bool:
    """Whether ``key`` is a contiguous part of ``longer`` (both phrase keys)."""
    return any(longer[i:i + len(key)] == key for i in range(len(longer) - len(key) + 1))


def _rerank(ranked: list, centroids: np.ndarray, embed: Embed) -> list:
    """Order each group's candidates by c-TF-IDF (scaled to its best) and closeness to its centroid."""
    phrases = sorted({label for cands in ranked for _, label, _ in cands})
    vectors = np.asarray(embed(phrases), dtype=np.float32)
    row = {p: i for i, p in enumerate(phrases)}
    out = []
    for k, cands in enumerate(ranked):
        if not cands or k >= len(centroids) or not np.any(centroids[k]):
            out.append(cands)
            continue
        sims = np.array([float(vectors[row[label]] @ centroids[k]) for _, label, _ in cands])
        top = max(s for s, _, _ in cands)
        best_sim = max(sims.max(), 1e-6)
        final = [(TFIDF_WEIGHT * s / top + (1 - TFIDF_WEIGHT) * max(sim, 0) / best_sim, label, key)
                 for (s, label, key), sim in zip(cands, sims)]
        final.sort(key=lambda t: (-t[0], t[1]))
        out.append(final)
    return out


def _shorten(sentence: str) -> str:
    """A sentence cut to at most MAX_WORDS words (English) or MAX_CHINESE_CHARS characters of whole words."""
    sentence = sentence.strip(" \t.!?。！？,，;；:：")
    if _CJK.search(sentence) and len("".join(_CJK.findall(sentence))) * 2 >= len(sentence.replace(" ", "")):
        out = ""
        for w in segmenter().lcut(sentence, HMM=True):
            if len(out) + len(w) > MAX_CHINESE_CHARS:
                break
            out += w
        return out.strip(" ，,。") or sentence[:MAX_CHINESE_CHARS]
    tokens = sentence.split()[:MAX_WORDS]
    while len(tokens) > 1 and tokens[-1].lower().strip(",.;:") in FUNCTION_WORDS:
        tokens.pop()
    text = " ".join(tokens).strip(",;:")
    return text[:1].upper() + text[1:]


def _fallback(texts: Sequence[str], centroid, embed: Embed | None, keywords: list[str], taken: set[str]) -> str:
    """The most typical member sentence, shortened; made distinct with a number when it is taken."""
    sentences = []
    for text in texts[:40]:
        for m in _SENTENCE.finditer(text[:MAX_TEXT_CHARS]):
            s = m.group().strip()
            if 2 <= len(s) <= 160 and any(ch.isalpha() for ch in s) and not is_profane(s):
                sentences.append(s)
    sentences = sorted(set(sentences))
    best = None
    if sentences and embed is not None and centroid is not None and np.any(centroid):
        sims = np.asarray(embed(sentences), dtype=np.float32) @ np.asarray(centroid, dtype=np.float32)
        best = sentences[int(np.argmax(sims))]
    elif sentences:
        kw = set(keywords[:10])
        best = max(sentences, key=lambda s: (len(s.split()) >= 3 or len(s) >= 6 and _CJK.search(s) is not None,
                                             sum(w in s.lower() for w in kw), -len(s), s))
    label = _shorten(best) if best else (keywords[0] if keywords else "(no label)")
    base, n = label, 2
    while label.lower() in taken:
        label, n = f"{base} ({n})", n + 1
    return label


def is_name_only(group_texts: Sequence[str], keywords: Sequence[str], top: int = 3) -> bool:
    """Whether a theme is held together only by names: at least two of its ``top`` keywords are names
    of places, people, products or companies (English: mostly written Title-case where no sentence
    starts; Chinese: tagged a name in jieba's dictionary)."""
    head = [w for w in keywords[:top] if w]
    if len(head) < 2:
        return False
    parsed = _Texts(group_texts[:400], ())
    names = sum(1 for w in head if (is_chinese_name(w) if _is_cjk(w) else parsed.is_name(w.lower())))
    return names >= 2


def label_clusters(docs: Sequence[str], labels: np.ndarray, centroids: np.ndarray, embed: Embed | None = None,
                   keywords: list[list[str]] | None = None, seed: int = 42, sample: int = 150,
                   words: Collection[str] | None = None) -> list[str]:
    """``phrase_labels`` for clusters ``0..len(centroids)-1`` of ``docs`` (``labels``: cluster per doc),
    reading a seeded sample of at most ``sample`` members each."""
    rng = np.random.default_rng(seed)
    groups = []
    for k in range(len(centroids)):
        members = np.flatnonzero(labels == k)
        if len(members) > sample:
            members = np.sort(rng.choice(members, sample, replace=False))
        groups.append([docs[i] for i in members])
    return phrase_labels(groups, centroids, embed, keywords, seed, words=words)
