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
   contains it and says how it is ("Too many ads", 米饭太少): ``says_how``, ``_expand``; or into a problem or
   request frame that contains it ("Game" -> "Game crashes", ``en_frames``); never negating praise, not when
   members disagree. No label goes against the theme's mood: the app's per-item sentiment of the members
   (``moods``) or, without it, word lists (``label_mood``); a phrase that would turns to what members write
   on the theme's side about the same topic (送餐太慢 -> 送餐很快), else to the topic (``_turned``).
   Issues (texts with a title line): problem and request frames of the titles ("Build fails", "Cannot read
   property") score ``FRAME_BOOST`` times more, and phrases only in the bodies (form fields, logs) less.
   Only candidates in the language most members write (by a margin) when there are some (session 12).
5. Fallback: the member sentence nearest the centroid (or with the theme's most distinctive words),
   cut to whole words.

English candidates: ``en_phrases``; Chinese: ``zh_phrases``; what a label says and which way: ``label_mood``.
``is_name_only`` tells a theme held together only by a name (place, person, product, company).
"""
from __future__ import annotations

import math
import re
from collections import Counter, OrderedDict, defaultdict
from typing import Callable, Collection, Sequence

import numpy as np

from .en_frames import GENERIC, stem
from .en_pos import can_name
from .en_phrases import (PLACEHOLDER, _CJK, _INTENSIFIERS, _CONTRACTIONS, _SENTENCE, EMPTY_ALONE, FUNCTION_WORDS, MAX_TEXT_CHARS, MAX_WORDS, NAME_SHARE,
                         NEGATIONS,
                         _counts, _display, _is_cjk, _is_cjk_key, _norm, _Texts, names_by_case)
from .label_mood import (_REQUESTS, _Against, _key_says_how, _negates, _polarity, _sign, _text_moods, _theme_polarity,
                         _topic_words, _zh_mood, app_polarity, evaluative_word, mood, moods_of, says_how)
from .topic_keywords import english_stop, is_profane
from .zh_phrases import _ZH_EVALUATIVE, _ZH_NUMERAL, MAX_CHINESE_CHARS, ZH_NEGATION, _zh_key, _zh_says
from .zh_words import discover_words, is_chinese_name, segmenter, word_tag, words_key

#: Candidates per theme re-ranked by embedding.
RERANK = 12
#: Score bonus per content word beyond the first (up to two): phrases read better than single words.
LENGTH_BONUS = 0.6
#: Weight of the c-TF-IDF score against embedding closeness in the final ranking.
TFIDF_WEIGHT = 0.6


Embed = Callable[[list[str]], np.ndarray]



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
                  words: Collection[str] | None = None, reserved: Collection[str] = (),
                  moods: Sequence[Sequence[int] | None] | None = None, avoid: Collection[str] = (),
                  phrases_for: Collection[int] = (), fell_back: list[int] | None = None) -> list[str]:
    """One short phrase label per group of member texts; distinct among the groups (siblings).

    ``centroids[k]``: unit centroid of group k in the space of ``embed`` (phrases -> unit vectors;
    None: no re-ranking). ``keywords`` (optional, per group) guide the fallback sentence. ``words``:
    the corpus's own Chinese words (None: discovered from the groups). ``reserved``: labels that other
    themes hold (never given again); ``avoid``: labels elsewhere in the tree, not given again unless a group
    has no other grounded phrase (then a repeat beats a numbered member sentence). ``moods`` (optional, per group, one per text): the app's sentiment
    of each member text (-1, 0, 1; the feedback-class heads' argmax), which decides the theme's mood a
    label must not go against (without it: ``label_mood``'s word lists). ``phrases_for``: groups whose English
    label must be a phrase, not one word; ``fell_back`` receives the groups labelled by a member sentence
    (no grounded phrase). Deterministic for the same input and seed.
    """
    if not groups:
        return []
    if words is None:
        words = discover_words([t for g in groups for t in g if _CJK.search(t)], seed=seed)
    key_words = words_key(words)
    said_by = _text_moods(groups, moods)
    members = groups  # every member, copies too: which language most of them write (``_in_members_language``)
    groups = [list(dict.fromkeys(g)) for g in groups]  # a text repeated (copied reviews) counts once
    said_by = [None if m is None else [m[t] for t in g] for g, m in zip(groups, said_by)]
    read = [_read(g, key_words) for g in groups]
    parsed = [r[0] for r in read]
    case = _Texts([], key_words)
    for p in parsed:
        case.title.update(p.title)
        case.seen.update(p.seen)
        case.upper.update(p.upper)
        case.mixed.update(p.mixed)
    counted = [r[1] for r in read]
    sizes = [max(1, len(g)) for g in groups]
    total: Counter = Counter()
    surfaces: dict = defaultdict(Counter)
    for df, surf in counted:
        total.update(df)
        for key, c in surf.items():
            surfaces[key].update(c)
    mean_size = float(np.mean(sizes))
    named = _corpus_names(case, sum(sizes))
    ranked: list[list[tuple[float, str, tuple]]] = []
    top_words = [_keyword_forms(keywords[k] if keywords and k < len(keywords) else ()) for k in range(len(groups))]
    for k, (df, _) in enumerate(counted):
        need = min_texts(sizes[k]) if k not in phrases_for else min(3, min_texts(sizes[k]))
        scored = []
        for key, c in df.items():
            if c < need or (len(key) == 2 and key[0] == key[1]):  # "aapl aapl": a tag repeated as a word
                continue
            if k in phrases_for and len(key) == 1 and not _is_cjk_key(key):  # a one-word label said nothing
                continue
            weight = c - (1 - BODY_WEIGHT) * parsed[k].body_only.get(key, 0)  # issues: titles count most
            score = weight / sizes[k] * math.log(1 + mean_size / total[key]) * _length_bonus(key)
            if len(key) > 1 and key[0] in named:
                score *= NAME_PENALTY
            score *= _keyword_weight(key, top_words[k])
            if key in parsed[k].frame_keys and c >= FRAME_MIN_SHARE * sizes[k]:
                score *= FRAME_BOOST  # an issue title's problem or request: what a PM names it by
            scored.append((score, key))
        scored.sort(key=lambda sk: (-sk[0], str(sk[1])))
        scored = _drop_contained(scored, df, named, parsed[k].frame_keys)
        scored = _in_members_language(scored, members[k], surfaces)[:RERANK]
        ranked.append([(s, _display(key, surfaces[key], case), key) for s, key in scored])
    if embed is not None and any(ranked):
        ranked = _rerank(ranked, np.asarray(centroids, dtype=np.float32), embed)
    taken = _Taken(list(reserved) + list(avoid))
    near = _Taken(reserved)  # hard: the caller's reserved labels and the siblings'
    labels: list[str | None] = [None] * len(groups)
    elsewhere = _Taken(avoid)
    order = sorted(range(len(groups)), key=lambda k: (-_first_free(ranked[k], elsewhere), k))
    for k in order:
        polarity = _theme_polarity(parsed[k]) if said_by[k] is None else app_polarity(said_by[k])
        against = _Against(polarity, said_by[k] is not None)
        first = None
        for pool in (taken, near) if avoid else (taken,):  # labels elsewhere in the tree: avoided where possible
            if labels[k] is not None:  # ...unless the one left is one bare word (卷饼 for 卷饼好吃)
                if _says_what(labels[k]):
                    break
                first, labels[k] = labels[k], None
            for i, (_, label, key) in enumerate(ranked[k]):
                if against(key, label):  # "Good game" is not what a theme of crash reports is about; 味道不错 not over 难吃
                    turned = _turned(key, counted[k][0], min_texts(sizes[k]), surfaces, case, pool, against,
                                     {c[2] for c in ranked[k]})
                    if turned is None:
                        continue
                    labels[k] = turned
                    break
                if label.lower() not in pool:
                    need = min_texts(sizes[k])
                    topic = _disputed(key, label, counted[k][0], need)
                    if topic is not None:  # 送餐太慢 where as many members say 送餐很快: the topic, 送餐
                        key, label = topic, _display(topic, surfaces[topic], case)
                        if label.lower() in pool:
                            continue
                    longer = _expand(key, counted[k][0], need, surfaces, case, pool, against)
                    if longer is None and not _key_says_how(key, label):  # "Email" -> "Can't send email"
                        longer = _frame_for(key, counted[k][0], parsed[k].frame_df, need, surfaces, case, pool, against,
                                            FRAME_SHARE if parsed[k].frame_keys else REVIEW_FRAME_SHARE)
                    if longer is None and (not _key_says_how(key, label) or _bare(key)) and not _zh_evaluative(key):
                        # "GPS": what about it; "Good", "Add": what is good, what to add
                        longer = _expand(key, counted[k][0], max(3, need - 2), surfaces, case, pool, against,
                                         share=LOW_EXPAND_SHARE, compact=True)
                    paired = None if longer else _paired(ranked[k], i, parsed[k], need)
                    labels[k] = longer or (paired if paired and paired.lower() not in pool else label)
                    if not longer and not says_how(labels[k]):  # 薯条 over members who write 没有番茄酱
                        labels[k] = _predicate_for(key, counted[k][0], need, surfaces, case, pool, against,
                                                   top_words[k]) or labels[k]
                    if len(key) == 1 and labels[k] == label and not says_how(label):  # 小时: what members say of it
                        labels[k] = _clause_for(key, label, parsed[k], need, centroids[k] if len(centroids) > k else None,
                                                embed, pool, against) or label
                    if labels[k] != label and not _claim_grounded(labels[k], parsed[k]):  # a claim a few members
                        labels[k] = (None if says_how(label) else _topic_frame(  # make grew from the topic: the topic
                            key, counted[k][0], need, surfaces, case, pool, polarity)) or label
                    if not _claim_grounded(labels[k], parsed[k]):  # 没有米饭 where most say other things of rice
                        labels[k] = _topic_frame(key, counted[k][0], need, surfaces, case, pool, polarity)
                        if labels[k] is None:
                            continue
                    break
        if labels[k] is None or (first is not None and _names_keyword(first, top_words[k])
                                 and not _names_keyword(labels[k], top_words[k])):
            labels[k] = first  # a one-word label avoided gives way to the repeat ("Spyder", not "JupyterLab") when
            # that is about the theme's own words (速度 stays over 味道不错 for a sub-theme about speed)
        if labels[k] is not None and not _says_what(labels[k]) and not says_how(labels[k]):
            labels[k] = _claim_instead(labels[k], ranked[k], counted[k][0], min_texts(sizes[k]), taken, against,
                                       parsed[k]) or labels[k]  # 分钟 where as many members write 太慢
        if labels[k] is None:
            texts = groups[k]
            if said_by[k] is not None and polarity:  # the typical sentence of members of the theme's mood
                texts = [t for t, m in zip(groups[k], said_by[k]) if m * polarity >= 0] or texts
            if fell_back is not None:
                fell_back.append(k)
            labels[k] = typical_sentence(texts, centroids[k] if len(centroids) > k else None, embed,
                                         keywords[k] if keywords and k < len(keywords) else [], near,
                                         [g for j, g in enumerate(groups) if j != k])
        taken.add(labels[k].lower())
        near.add(labels[k].lower())
    return [lab or "(no label)" for lab in labels]


def _in_members_language(scored: list, texts: Sequence[str], surfaces) -> list:
    """A theme's (score, key) candidates in the language most of its members write (``parent_categories.chinese``:
    by ``LANGUAGE_MARGIN`` over half; 报表能导出 over members two in three of whom write "export"), when one is;
    a name of one word (SSO, iOS: mostly written with a capital) reads in either. Near even: all of them."""
    from .parent_categories import LANGUAGE_MARGIN

    if not texts or not scored or len({_is_cjk_key(c[1]) for c in scored}) < 2:
        return scored  # candidates of one language (every monolingual corpus): nothing to choose
    share = sum(bool(_CJK.search(t)) for t in texts) / len(texts)
    if abs(share - 0.5) < LANGUAGE_MARGIN:
        return scored
    zh = share > 0.5

    def name(key) -> bool:
        forms = surfaces.get(key) or Counter()
        return len(key) == 1 and sum(c for f, c in forms.items() if f[:1].isupper()) * 2 > sum(forms.values())

    return [c for c in scored if _is_cjk_key(c[1]) == zh or (zh and name(c[1]))] or scored


def _first_free(ranked: list, taken: "_Taken") -> float:
    """The score a group is labelled in order of: its best phrase that no theme elsewhere in the tree holds (a
    sub-theme whose best phrase its parent took goes after the siblings whose best is free, so it does not take
    theirs: 半小时 stays with the sub-theme that says it most, not 分钟); -1 for no phrase."""
    if not ranked:
        return -1.0
    return next((s for s, label, _ in ranked if label.lower() not in taken), ranked[0][0])


def memo_embed(embed: Embed | None) -> Embed | None:
    """``embed`` that encodes each phrase once (labels of a tree re-rank many of the same phrases)."""
    if embed is None:
        return None
    seen: dict[str, np.ndarray] = {}

    def encode(phrases: list[str]) -> np.ndarray:
        new = [p for p in dict.fromkeys(phrases) if p not in seen]
        if new:
            for p, v in zip(new, np.asarray(embed(new), dtype=np.float32)):
                seen[p] = v
        return np.stack([seen[p] for p in phrases]) if phrases else np.zeros((0, 0), np.float32)

    return encode


_READ: "OrderedDict[tuple, tuple]" = OrderedDict()


def _read(texts: list[str], key_words: tuple) -> tuple:
    """(parsed texts, phrase counts) of one group, kept for the last ``READ_CACHE`` groups: a sub-theme labelled
    again (``theme_tree``: one that repeated its parent's label) is not read twice. Callers must not change them."""
    key = (tuple(texts), len(key_words), hash(key_words))
    out = _READ.get(key)
    if out is None:
        parsed = _Texts(texts, key_words)
        out = _READ[key] = (parsed, _counts(parsed))
        while len(_READ) > READ_CACHE:
            _READ.popitem(last=False)
    return out


READ_CACHE = 64


#: Keywords of a theme (its c-TF-IDF words against all themes, best first) that make a phrase of several words
#: containing one score up to ``1 + KEYWORD_BOOST`` times more (the first keyword most): what sets the theme apart beyond its
#: siblings (味道不错 is common under a parent about couriers, not in a sub-theme whose words are 脾气, 时间长).
KEYWORD_TOP = 6
KEYWORD_BOOST = 1.0


def _keyword_forms(keywords: Sequence[str]) -> list[tuple[str, bool]]:
    """(form, Chinese?) of a theme's first ``KEYWORD_TOP`` keywords: English by stem, Chinese as written."""
    out = []
    for w in list(keywords)[:KEYWORD_TOP]:
        w = str(w).strip()
        if not w:
            continue
        if _is_cjk(w):
            out.append((w, True))
        elif len(w) > 2 and w.lower() not in english_stop() and stem(_norm(w.lower())) not in _LIGHT:
            out.append((stem(_norm(w.lower())), False))  # "let", "use": in any phrase, they say nothing of it
    return out


_LIGHT = GENERIC | {"let", "want", "need", "help", "pleas", "app"}


def _names_keyword(label: str, forms: list[tuple[str, bool]]) -> bool:
    """Whether a label contains one of the theme's keywords (Chinese as written, English by stem)."""
    low = label.lower()
    stems = {stem(_norm(w)) for w in low.split()}
    return any((form in low) if zh else (form in stems) for form, zh in forms)


def _keyword_weight(key: tuple, forms: list[tuple[str, bool]]) -> float:
    """1 + KEYWORD_BOOST x (how early the first keyword the phrase contains comes); 1 without one."""
    if not forms or len(key) == 1:
        return 1.0  # a phrase with a keyword, not the keyword alone ("Dataset", "Fix", 米饭: its c-TF-IDF counts it)
    joined = "".join(key) if _is_cjk_key(key) else None
    stems = None if joined is not None else {stem(w) for w in key}
    for r, (form, zh) in enumerate(forms):
        if (zh and joined is not None and (form in key or len(form) > 1 and form in joined)) or (not zh and stems is not None and form in stems):
            return 1.0 + KEYWORD_BOOST * (1 - r / len(forms))
    return 1.0


#: A topic label gives way to a phrase that says how, contains one of the theme's keywords and is written in at
#: least this share of as many texts as the topic (薯条 -> 没有番茄酱 in a sub-theme of missing sauce).
PREDICATE_SHARE = 0.2


def _predicate_for(key, df: Counter, need: int, surfaces: dict, case: _Texts, taken: "_Taken",
                   against: "_Against", forms: list[tuple[str, bool]]) -> str | None:
    """For a topic label: the most common grounded phrase that says how (``says_how``) about something named
    (its topic words), contains a keyword of the theme (``forms``) and does not go against the theme's mood;
    over a theme of mixed mood only one that is neither praise nor complaint. None when there is none."""
    if not forms:
        return None
    floor = max(need, PREDICATE_SHARE * df.get(key, 0))
    best = None
    for other, c in df.items():
        if c < floor or other == key or _keyword_weight(other, forms) == 1.0:
            continue
        if (set(other) & set(key) or _part_of_word(other, key)) and not _contains(other, key) and not _of_head(other, key):
            continue  # "Add dark" for "Dark mode", 肉很多 for 肥肉: a fragment of the topic
        text = _display(other, surfaces[other], case)
        if not _key_says_how(other, text) or not _topic_words(other) or text.lower() in taken or against(other, text):
            continue
        if not against.polarity and mood(other, text):
            continue
        rank = (c * _keyword_weight(other, forms), len(other), str(other))
        if best is None or rank > best[0]:
            best = (rank, text)
    return best[1] if best else None


#: A claim (``says_how``: 太慢, "Too many ads") among a theme's candidates replaces a bare topic label when at least
#: this share of the topic's member texts make it.
CLAIM_OVER_BARE = 0.5


def _claim_instead(label: str, cands: list, df: Counter, need: int, taken: "_Taken", against: "_Against",
                   texts: _Texts) -> str | None:
    """For a bare topic label (分钟, "Improvement"): the best ranked candidate that says what is wrong or liked,
    free, on the theme's side (neither praise nor complaint over a mixed theme), grounded (``_claim_grounded``),
    written by ``CLAIM_SHARE`` of the members and by at least ``CLAIM_OVER_BARE`` as many as the topic. None when
    there is none."""
    bare = next((key for _, text, key in cands if text == label), None)
    if bare is None or _topic_words(bare) != bare:  # 汤撒 already says what happened
        return None
    floor = max(need, CLAIM_OVER_BARE * df.get(bare, 0))
    for _, text, key in cands:
        if (key == bare or df.get(key, 0) < max(floor, CLAIM_SHARE * len(texts.clauses)) or text.lower() in taken
                or not says_how(text)):
            continue
        if _bare(key) or against(key, text) or (not against.polarity and mood(key, text)):
            continue
        if _claim_grounded(text, texts):
            return text
    return None


def _of_head(other: tuple, key: tuple) -> bool:
    """Whether a Chinese phrase speaks of the head (last word) of a topic of several words and of nothing else in it:
    骑士辛苦 of 百度骑士 (a Baidu rider is a rider); not 百度很好 (the modifier), nor 肉很多 of 肥肉 (part of a word)."""
    if not _is_cjk_key(key) or len(key) < 2 or key[-1] not in other or _part_of_word(other, key):
        return False
    return not set(other) & set(key[:-1])


def _part_of_word(other: tuple, key: tuple) -> bool:
    """Whether a Chinese phrase holds a word that is a part of one of the topic's words (肉 of 肥肉): it names
    something else (肉很多 praises the meat, 肥肉 complains of fat)."""
    return _is_cjk_key(other) and any(w != t and w in t for w in other for t in key)


def _says_what(label: str) -> bool:
    """A label of more than one word (jieba's, for Chinese): "Pop up ads", 卷饼好吃; not a bare topic or
    evaluative word ("Update", 卷饼, "Love", 好吃)."""
    if _CJK.search(label):
        return len([w for w in segmenter().lcut(label) if w.strip()]) > 1
    return len(label.split()) > 1


def _clause_for(key: tuple, label: str, texts: _Texts, need: int, centroid, embed: Embed | None,
                taken: "_Taken", against: "_Against") -> str | None:
    """For a bare topic noun (one word that says nothing of it: 小时, 鸡肉, "App"): the member clause nearest the
    theme's centre (among the most common) that starts with the topic (after fillers such as 就是, "the", and
    numerals: 两个小时才送到), says how it is (``says_how``), fits a label as written (no cut) and does not go
    against the theme's mood; only when at least ``need`` member texts have such a clause (what members say of
    the topic, if not in the same words)."""
    word = key[0]
    zh = _is_cjk(word)
    if zh and (_zh_says(word) or word in _ZH_EVALUATIVE or _zh_mood(key)) or not zh and evaluative_word(word):
        return None  # 好吃, 不错, "Good": not a topic
    if (zh and (not word_tag(word) or is_chinese_name(word))) or (not zh and texts.is_name(word)):
        return None  # a product or brand name (the corpus's own word: 森林人, "Skype") is the theme's topic whole
    found: Counter = Counter()
    texts_with = 0
    for clauses in texts.clauses:
        hit = False
        for clause in clauses:
            if zh != _is_cjk(clause[0]):
                continue
            clause = _trim_clause(clause, zh)
            if not zh and clause and (clause[-1].lower() in FUNCTION_WORDS or any(
                    w.lower() in _EN_SUBORDINATE for w in clause[1:])):
                continue  # "Stars if it didn't have many": no label
            if len(clause) < 2 or any(a == b for a, b in zip(clause, clause[1:])) or (
                    not zh and any(_STRETCHED.search(w) for w in clause)):
                continue
            head = next((w for w in clause if not (zh and _ZH_NUMERAL.match(w))), "")
            if not (word in head if zh else _norm(head) == word):
                continue
            text = "".join(clause) if zh else " ".join(clause)
            if (len(text) > MAX_CHINESE_CHARS if zh else len(clause) > MAX_WORDS) or (zh and "比" in text):
                continue
            if is_profane(text) or not says_how(text):
                continue
            ckey = tuple(k for w in clause if (k := _zh_key(w))) if zh else tuple(_norm(w) for w in clause)
            if against(ckey, text) or text.lower() in taken:  # 速度太慢 keyed (速度, 慢): a complaint
                continue
            found[text if zh else text[:1].upper() + text[1:]] += 1
            hit = True
        texts_with += hit
    if texts_with < need or not found:
        return None
    # grounded: the clause's content words (in any order, "or nearly") in several member texts
    bags, joined = texts.bags(), texts.joined()
    support = {}
    for text in found:
        parts = _content_parts(text, zh)
        support[text] = sum(all(p in j for p in parts) for j in joined) if zh else sum(parts <= b for b in bags)
    floor = max(need, CLAUSE_SHARE * texts_with)
    options = sorted((t for t in found if support[t] >= floor), key=lambda t: (-support[t], len(t), t))[:CLAUSE_OPTIONS]
    if not options:
        return None
    if embed is not None and centroid is not None and np.any(centroid) and len(options) > 1:
        sims = np.asarray(embed(options), dtype=np.float32) @ np.asarray(centroid, dtype=np.float32)
        return options[int(np.argmax(sims))]
    return options[0]


#: Words a clause may start with that a label leaves out (就是鸡肉比较少 -> 鸡肉比较少, "the app" -> "app").
_ZH_FILLERS = frozenset("就是 但是 不过 而且 还是 感觉 觉得 当然 可是 就 还 也 都 又 只是 然后 结果 其实 所以 我 我们 你们 他们 这个 那个 这次 今天".split())
_EN_SUBORDINATE = frozenset("if when because that which who whose where while unless since".split())
_EN_FILLERS = frozenset("the my this your their our a an and but so then also just".split())
#: Particles a Chinese label does not end with (太甜了 -> 太甜).
_ZH_TAIL = frozenset("了 啊 的 呢 吧 哦 呀 啦 嘛 哈 么")


def _content_parts(text: str, zh: bool):
    """The words of a clause that must recur for it to be grounded: Chinese content words and negations keyed as
    in phrases (degree adverbs out); English content words, normalised."""
    if zh:
        return [k for w in segmenter().lcut(text) if (k := _zh_key(w)) and w.strip() and w not in _ZH_TAIL]
    return {_norm(w) for w in text.split() if w.lower() not in FUNCTION_WORDS or w.lower() in NEGATIONS}


def _trim_clause(clause: tuple, zh: bool) -> tuple:
    clause = list(clause)
    fillers = _ZH_FILLERS if zh else _EN_FILLERS
    while clause and (clause[0] if zh else clause[0].lower()) in fillers:
        clause.pop(0)
    if not zh:  # "Ads are just so annoying" -> "Ads are annoying"
        clause = [w for w in clause if w.lower() not in _INTENSIFIERS]
    cut = next((i for i, w in enumerate(clause) if i and (w if zh else w.lower()) in _CONTRASTS), len(clause))
    clause = clause[:cut]  # 味道很好就是送餐太慢: the first of two things said
    while zh and clause and clause[-1] in _ZH_TAIL:
        clause.pop()
    return tuple(clause)


_STRETCHED = re.compile(r"([a-z])\1\1", re.I)  # sooooo
_CONTRASTS = frozenset("就是 但是 不过 可是 只是 但 而且 and but though although except".split())


#: A label that makes a claim (says how: 没有米饭, "Can't log in") is said (its content words, ``_content_parts``) by
#: at least this share of the theme's member texts...
CLAIM_SHARE = 0.08
#: ...or by this share of the member texts about its topic, and at least ``CLAIM_FLOOR`` of all.
CLAIM_TOPIC_SHARE = 0.3
CLAIM_FLOOR = 0.04


def _claim_grounded(label: str, texts: _Texts) -> bool:
    """Whether a label's claim is what a meaningful share of the members say, not a few of them (see
    ``CLAIM_SHARE``); a label that only names a topic needs nothing more."""
    if not label or not says_how(label):
        return True
    zh = bool(_CJK.search(label))
    parts = _content_parts(label, zh)
    if not parts or not texts.clauses:
        return True
    if zh:
        joined = texts.joined()
        said = sum(all(p in j for p in parts) for j in joined)
    else:  # negations count as one ("can't", "cannot", "unable", "won't")
        parts = {"not" if p in NEGATIONS or p.endswith("n't") else p for p in parts}
        bags = [b | {"not"} if any(w in NEGATIONS or w.endswith("n't") for w in b) else b for b in texts.bags()]
        said = sum(parts <= b for b in bags)
    n = len(texts.clauses)
    if said >= CLAIM_SHARE * n:
        return True
    topic = [p for p in (parts if zh else sorted(parts)) if _topic_words((p,)) and (zh or can_name(p))]  # about what
    if not topic or said < CLAIM_FLOOR * n:
        return False
    about = sum(all(p in j for p in topic) for j in joined) if zh else sum(set(topic) <= b for b in bags)
    return said >= CLAIM_TOPIC_SHARE * about


def _topic_frame(key, df: Counter, need: int, surfaces: dict, case: _Texts, taken: "_Taken", polarity: int) -> str | None:
    """For a claim a minority makes: its topic, grounded (``need`` texts) and free, named as a problem when the
    theme complains (米饭问题, "Rice problems"), else as it is; None when there is none."""
    from .parent_labels import _head_term

    topic = _topic_words(key)
    if (not topic or len(topic) > 2 or df.get(topic, 0) < need or _ZH_NUMERAL.match(topic[0][:1])
            or any(ch.isdigit() for w in topic for ch in w)
            or not all(_head_term(w) if _is_cjk(w) else (can_name(w) and _head_term(_norm(w))) for w in topic)):
        return None  # 半小时问题, "Receive notifications problems": a measure or a verb names no topic
    if not _is_cjk_key(topic) and (any(stem(w) in GENERIC for w in topic) or (
            key[0] in NEGATIONS and key[0] != "no" and topic[0].endswith("ing"))):
        return None  # "Working" of "Not working", "Loading" of "Not loading": the verb negated, no topic
    whole = _compound_topic(topic, df, surfaces)  # "Credit karma problems", not "Karma problems"
    text = _display(whole, surfaces[whole], case)
    if polarity < 0:
        text = text + "问题" if _is_cjk_key(topic) else f"{text} problems"
    return None if text.lower() in taken else text


def _compound_topic(topic: tuple, df: Counter, surfaces: dict) -> tuple:
    """An English one-word topic as the two-word noun members write it in: the key of a word before it that
    ``parent_labels.COMPOUND_SHARE`` of the texts saying the topic say (credit karma, fire stick), that word a noun
    or name, not a mood or describing word (``parent_labels.compound_word``); else ``topic``. Chinese topics are
    jieba words, which already hold their compounds."""
    from .parent_labels import COMPOUND_SHARE, compound_word

    if len(topic) != 1 or _is_cjk_key(topic) or not df.get(topic):
        return topic
    best = None
    for key, n in df.items():
        if (len(key) == 2 and key[1] == topic[0] and key in surfaces and n >= COMPOUND_SHARE * df[topic]
                and compound_word(key[0]) and (best is None or (n, key) > (df[best], best))):
            best = key
    return best or topic


#: ...whose content words at least this share of the texts that say something of the topic have (not a minority's).
CLAUSE_SHARE = 0.15
#: Member clauses a bare topic's label is chosen among (the most common, then nearest the theme's centre).
CLAUSE_OPTIONS = 20


class _Taken:
    """Labels already given (lower case), compared as they read: Chinese without degree adverbs and particles
    (送餐太慢 = 送餐很慢), English without plural s (Messages = Message)."""

    def __init__(self, labels: Collection[str] = ()):
        self._keys: set[str] = set()
        for label in labels:
            self.add(label)

    @staticmethod
    def key(label: str) -> str:
        label = label.strip().lower()
        if _CJK.search(label):
            return "".join(k for w in segmenter().lcut(label) if (k := _zh_key(w)) and w.strip())
        return " ".join(_norm(w) for w in label.split())

    def add(self, label: str) -> None:
        self._keys.add(self.key(label))

    def __contains__(self, label: object) -> bool:
        return isinstance(label, str) and self.key(label) in self._keys


#: A phrase that says how things are replaces the chosen topic phrase it contains ("Ads" -> "Too many ads",
#: 米饭 -> 米饭量少) when at least this share of the texts with the topic phrase contain it.
EXPAND_SHARE = 0.05
#: A topic label with no such phrase takes one found in fewer texts (at least 3, "several", and this share).
LOW_EXPAND_SHARE = 0.02

def _expand(key, df: Counter, need: int, surfaces: dict, case: _Texts, taken: set[str],
            contra: "_Against | None" = None, share: float = EXPAND_SHARE, compact: bool = False) -> str | None:
    """The most common phrase that contains the topic phrase ``key`` and says how it is (``says_how``),
    found in at least ``need`` member texts and ``EXPAND_SHARE`` of those with ``key``, and not of the
    opposite sentiment to the theme's ``polarity`` (English: "Good game" never labels crash reports).
    None when ``key`` says so already, no such phrase is grounded, the best one is a sibling's, or members
    disagree: a second phrase saying something else is nearly as common (送餐很快 vs 送餐太慢 in one theme
    about delivery speed keeps 送餐速度)."""
    if len(key) > 1 and _key_says_how(key, _display(key, surfaces[key], case)):
        return None  # a single word that says how ("Needs", 好吃) may still say more ("Needs improvement")
    floor = max(need, share * df[key])
    found, against = [], []
    for other, c in df.items():
        if c < floor or len(other) <= len(key) or not _contains(other, key) or _negates(other, key):
            continue
        text = _display(other, surfaces[other], case)
        if compact and not (_compact(other, key) and (not _is_cjk_key(key) or text.startswith(
                _display(key, surfaces[key], case)) or text[0] in "不没")):
            continue  # 两个盒子装: the topic, then what about it
        if _key_says_how(other, text):  # equally grounded: the longer says more
            opposite = contra is not None and contra(other, text)
            (against if opposite else found).append(((c, len(other), str(other)), other, text))
    if not found:
        return None
    found.sort(reverse=True)
    (c, _, _), best, text = found[0]
    sign = _sign(best, text)
    # phrases of the other side than the theme's mood do not dispute it when the app's sentiment gave the mood
    others = found[1:] + ([] if contra is not None and contra.trusted else sorted(against, reverse=True))
    rival = next((r for r in others if _sign(r[1], r[2]) != sign), None)
    if rival and rival[0][0] >= AGREE * c:
        return None
    # the best a sibling holds: the next one saying the same, if nearly as common ("Good game" after "Good app")
    return next((t for (n, _, _), o, t in found if t.lower() not in taken and n >= AGREE * c and _sign(o, t) == sign),
                None)


#: Weight of an issue's body against its title: a phrase only in the body (form fields, logs) counts this much.
BODY_WEIGHT = 0.4
#: Score factor of an issue title's problem or request frame (``en_frames``) against plain phrases.
FRAME_BOOST = 2.5
#: ...when it is in at least this share of the theme's texts (a problem of a few issues does not name the theme).
FRAME_MIN_SHARE = 0.05
#: A topic grows into a frame that contains it when this share of the texts with the topic have the frame.
FRAME_SHARE = 0.05
#: ...for texts without titles (reviews): this share, and no complaint or praise over a theme of mixed mood.
REVIEW_FRAME_SHARE = 0.1


def _frame_for(key, df: Counter, frame_df: Counter, need: int, surfaces: dict, case: _Texts, taken: set[str],
               contra: "_Against", share: float = FRAME_SHARE) -> str | None:
    """The most common problem or request frame (``en_frames``: an issue's title, a review's clause) that
    contains every word of the topic ``key`` (by stem: "OpenCV" -> "Unable to build OpenCV", "Email" ->
    "Can't send email"), in at least ``need`` texts and ``FRAME_SHARE`` of those with the topic; None when
    there is none, it goes against the theme's mood or a sibling holds it."""
    if _is_cjk_key(key):
        return None
    stems = {stem(w) for w in key if w not in FUNCTION_WORDS}
    floor = max(3, need, share * df.get(key, 0))
    best = None
    for other, c in frame_df.items():
        if c < floor or not stems or not stems <= set(other) or len(other) <= len(stems):
            continue
        text = _display(other, surfaces[other], case)
        if text.lower() in taken or contra(other, text) or (share > FRAME_SHARE and not contra.polarity
                                                             and mood(other, text)):
            # a review theme of mixed mood is not named by a complaint or praise a few write
            continue
        if best is None or (c, len(other), str(other)) > best[0]:
            best = ((c, len(other), str(other)), text)
    return best[1] if best else None


#: A phrase against the theme's mood gives way to one on the theme's side about the same topic when that is
#: at least this common relative to it (送餐太慢 -> 送餐很快 in a theme of praise); else to the bare topic.
TURN_SHARE = 0.5


def _turned(key, df: Counter, need: int, surfaces: dict, case: _Texts, taken: set[str],
            against: "_Against", candidates: Collection = ()) -> str | None:
    """For a phrase against the theme's mood: the most common grounded phrase about the same topic that is on
    the theme's side (if nearly as common, ``TURN_SHARE``), else the topic itself (English: when it is one of
    the theme's own ``candidates``: VADER can be wrong, "credit" is praise to it); None when neither is there."""
    topic = _topic_words(key)
    if not topic or topic == key:
        return None
    best = None
    for other, c in df.items():
        if c < max(need, TURN_SHARE * df.get(key, 0)) or other == key or not _contains(other, topic):
            continue
        text = _display(other, surfaces[other], case)
        if mood(other, text) * against.polarity <= 0 or against(other, text) or text.lower() in taken:
            continue
        if best is None or (c, str(other)) > best[0]:
            best = ((c, str(other)), text)
    if best is not None:
        return best[1]
    if df.get(topic, 0) >= need and (_is_cjk_key(topic) or topic in candidates):
        text = _display(topic, surfaces[topic], case)
        if text.lower() not in taken and not against(topic, text):
            return text
    return None


def _zh_evaluative(key: tuple) -> bool:
    """A one-word Chinese label that says how already (好吃, 不错, 一般): nothing to grow."""
    return len(key) == 1 and _is_cjk_key(key) and (_zh_says(key[0]) or key[0] in _ZH_EVALUATIVE or _zh_mood(key) != 0)


def _compact(longer: tuple, key: tuple) -> bool:
    """Whether ``longer`` is ``key`` plus a short predicate that says how it is (English: at most two more
    words, one a problem, sentiment word or negation but not a request: "GPS not accurate", never "VS code
    allows"; Chinese: at most four more characters)."""
    at = next(i for i in range(len(longer) - len(key) + 1) if longer[i:i + len(key)] == key)
    extra = longer[:at] + longer[at + len(key):]
    if _is_cjk_key(longer):  # 盒子破了, 没有筷子: a predicate after the topic, or a negation before it
        return sum(len(w) for w in extra) <= 4 and longer[-1][-1] not in "在给把被对从向和跟" and all(w in ZH_NEGATION for w in longer[:at]) and (
            bool(longer[:at]) or any(_zh_says(w) for w in longer[at + len(key):]))
    if len(extra) > 2:
        return False
    if _bare(key):  # "Good" -> "Good game", "Add" -> "Add more levels": what it is about
        return at == 0 and any(w not in FUNCTION_WORDS and w != key[0] for w in extra)
    return any(w in NEGATIONS or (evaluative_word(w) and w not in _REQUESTS) for w in extra)


def _bare(key: tuple) -> bool:
    """A one-word English label that says how but not about what ("Good", "Add", "Slow")."""
    return len(key) == 1 and not _is_cjk_key(key) and key[0] not in NEGATIONS and evaluative_word(key[0])


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


#: Score factor of a phrase of several words headed by the corpus's subject name ("Apple's iPhone", "AAPL stock";
#: the name alone stays a candidate: for survey answers that are tool names, the name is the content).
NAME_PENALTY = 0.6
#: A name in at least this share of all the siblings' texts is what the whole corpus is about (Apple in tweets
#: about Apple): no label starts with it.
SUBJECT_SHARE = 0.3


def _corpus_names(case: _Texts, n_texts: int) -> frozenset:
    """Words that are names (mostly Title-case or ALL-CAPS where no sentence starts: Apple, AAPL) and written
    that way in at least ``SUBJECT_SHARE`` of the siblings' texts: what the whole corpus is about."""
    out = set()
    for word, seen in case.seen.items():
        caps = case.title.get(word, 0) + case.upper.get(word, 0)
        if seen >= 3 and caps >= NAME_SHARE * seen and caps >= SUBJECT_SHARE * n_texts:
            out.add(_norm(word))
    return frozenset(out)


def _drop_contained(scored: list, df: Counter, named: Collection = (), frame_keys: Collection = ()) -> list:
    """Drop a phrase when a longer one containing it is in most of the same texts ("flight" vs
    "cancelled flight"); the longer says more, unless what it adds is names ("Apple's PT raised" keeps
    "PT raised")."""
    keys = [key for _, key in scored]
    out = []
    for score, key in scored:
        inside = False
        for other in keys:
            if other == key or len(other) <= len(key) or other[0] in named:
                continue
            contains = _contains(other, key) or (key in frame_keys and other in frame_keys and set(key) < set(other))
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


#: Auxiliaries and modals a sentence cut just after (with one word of its verb phrase at most) is cut before.
_CUT_AUXILIARIES = frozenset("would will should could can must might may is are was were has have had does do".split())


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
    words = sentence.split()
    tokens = words[:MAX_WORDS]
    if len(words) > MAX_WORDS:  # cut: at the end of its first clause ("Startup is painfully slow, I usually go")
        end = next((i for i, w in enumerate(tokens[:-1]) if i >= 2 and w[-1] in ",;:"), None)
        if end is not None:
            tokens = tokens[:end + 1]
        else:  # else before a verb cut from its object: the subject ("A two-way Jira integration would save")
            aux = next((i for i, w in enumerate(tokens) if i >= 2 and w.lower() in _CUT_AUXILIARIES), None)
            if aux is not None and aux >= len(tokens) - 2:
                tokens = tokens[:aux]
    while len(words) > MAX_WORDS and len(tokens) > 1 and tokens[-1].lower().strip(",.;:") in FUNCTION_WORDS:
        tokens.pop()  # a cut sentence does not end on "the" or "(on"; a whole one stays whole ("I like it all")
    text = " ".join(tokens).strip(",;:")
    return text[:1].upper() + text[1:]


def _empty_line(sentence: str) -> bool:
    """A line of one English word that names nothing ("Following", "Thanks", "Hi"): no fallback label."""
    words = sentence.strip(" .!?").split()
    if len(words) != 1 or _CJK.search(sentence):
        return False
    low = _norm(words[0])
    return low in EMPTY_ALONE or low in FUNCTION_WORDS or words[0].lower() in english_stop()


def _dangles(line: str) -> bool:
    """An English line that ends on a word wanting what follows ("Please bring back the old", "Stop using"): a
    label the next typical sentence beats (``en_phrases.DANGLING``)."""
    from .en_phrases import DANGLING

    words = line.strip(" .!?").split()
    return len(words) > 1 and not _CJK.search(line) and words[-1].lower() in DANGLING


#: Member sentences (most typical first) a fallback label may take when the most typical one is taken.
FALLBACK_OPTIONS = 5


def typical_sentence(texts: Sequence[str], centroid, embed: Embed | None, keywords: list[str], taken: set[str],
              others: Sequence[Sequence[str]] = ()) -> str:
    """The most typical member sentence, shortened; when taken, the next of the ``FALLBACK_OPTIONS`` most typical,
    else it with a word its members say and ``others`` (the siblings' texts) do not."""
    sentences = []
    for text in texts[:40]:
        for line in text[:MAX_TEXT_CHARS].split("\n"):  # a line break ends a sentence: an issue's title never
            for m in _SENTENCE.finditer(" ".join(PLACEHOLDER.sub(" ", line).split())):  # runs into its body
                s = m.group().strip(" :")
                if 2 <= len(s) <= 160 and any(ch.isalpha() for ch in s) and not is_profane(s) and not _empty_line(s):
                    sentences.append(s)
    sentences = sorted(set(sentences))
    order: list[str] = []
    if sentences and embed is not None and centroid is not None and np.any(centroid):
        sims = np.asarray(embed(sentences), dtype=np.float32) @ np.asarray(centroid, dtype=np.float32)
        order = [sentences[i] for i in np.argsort(-sims, kind="stable")]
    elif sentences:
        kw = set(keywords[:10])
        order = sorted(sentences, key=lambda s: (len(s.split()) >= 3 or len(s) >= 6 and _CJK.search(s) is not None,
                                                 sum(w in s.lower() for w in kw), -len(s), s), reverse=True)
    shortened = [_shorten(s) for s in order]
    shortened = [s for s in shortened if not _dangles(s)] + [s for s in shortened if _dangles(s)]
    label = shortened[0] if shortened else (keywords[0] if keywords else "(no label)")
    if label.lower() in taken:  # the next most typical sentence, else what only these members say; never "(2)"
        from .sibling_phrase import distinct_phrase

        free = [s for s in shortened[:FALLBACK_OPTIONS] if s.lower() not in taken]
        label = free[0] if free else distinct_phrase(label, texts, others, taken) or label
        base, extra = label, [w for w in keywords if w.lower() not in label.lower() and w.lower() not in taken]
        while label.lower() in taken and extra:  # a keyword of theirs, as a word
            word = extra.pop(0)
            label = word[:1].upper() + word[1:]
        n = 2
        while label.lower() in taken:  # only members with no word at all (empty texts) come here
            label, n = f"{base} ({n})", n + 1
    return label


def is_name_only(group_texts: Sequence[str], keywords: Sequence[str], top: int = 3,
                 words: Collection[str] = ()) -> bool:
    """Whether a theme is held together only by names: at least two of its ``top`` keywords are names
    of places, people, products or companies (English: mostly written Title-case where no sentence
    starts; Chinese: tagged a name in jieba's dictionary). ``words``: the corpus's Chinese words, when
    known (the same answer; the labels then reuse the texts' parse)."""
    head = [w for w in keywords[:top] if w]
    if len(head) < 2:
        return False
    named = names_by_case(group_texts[:400], {w.lower() for w in head if not _is_cjk(w)}, words_key(words))
    names = sum(1 for w in head if (is_chinese_name(w) if _is_cjk(w) else named[w.lower()]))
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
