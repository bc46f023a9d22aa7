"""English phrase candidates for theme labels: clauses of member texts, and the phrases inside them.

Part of speech comes from closed-class word lists and, for open-class words, the lexicon of ``en_pos``
(LemmInflect; no tagger: measured, an offline spaCy pipeline costs ~15 packages and seconds per 10,000 texts):
a phrase never ends on a word that is only an adverb ("Fix soon") and a single word is a noun or adjective.
Phrases count as the same when they differ only in case or plural ("or nearly"); a subject joined to
what is said of it by a copula or auxiliary counts without it ("GPS is not accurate" = "GPS not accurate").
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Collection, Sequence

from .en_frames import frames, specific, title_of
from .en_pos import can_name, names_or_describes, only_adverb, parts
from .topic_keywords import _profane_token, english_stop, is_word
from .zh_phrases import _chinese_candidates
from .zh_words import segmenter

MAX_WORDS = 6
#: Characters of a member text read for phrases (the start says what it is about).
MAX_TEXT_CHARS = 600
#: A word written Title-case in at least this share of its occurrences where no sentence starts is a name.
NAME_SHARE = 0.6
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
theyre hes shes weve youve theyve whats gotta gonna wanna lol omg
""".split()) | frozenset(w for w in english_stop() if "'" in w)
#: Words that may start a label although they are function words: negations ("can't log in", "no sound").
NEGATIONS = frozenset("no not cannot can't cant doesn't doesnt don't dont won't wont couldn't unable never n't".split())
#: Function words that may start a label like a negation ("too many ads", "too slow"); the quantifiers that may
#: follow them ("no more ads").
STARTERS = frozenset(("too",))
_QUANTIFIERS = frozenset(("many", "much", "few", "little", "more"))
#: Quantifiers that may start a request phrase ("more lives", "need more levels"; not after a negation).
_WANTING = frozenset(("more", "fewer"))
#: Particles that may end a label after a verb ("log in", "sign up", "set up").
PARTICLES = frozenset("in up out down on off".split())
#: Verbs a particle may follow at a label's end ("log in", "sign up", "set up"): after other words a final
#: particle is a fragment ("Intermittent failure in").
PHRASAL = frozenset("""log logged logging sign signed signing set setting opt zoom turn turned plug plugged shut lock
locked check checking pop pops popping show shows back start clean mess messed hang hangs hung pick line sync fill wake
type scroll fall falls break breaks cut cuts load loads kick kicked kicks kicking freeze freezes slow slows shuts
shutting turns sort filter clear cleared come comes came get gets go goes went run runs ran time times timed""".split())
#: Words that leave a label dangling when they end it ("Model using", "Errors when trying").
DANGLING = frozenset("using trying tried getting got making want wants wanted need needs running keep keeps kept "
                     "stop new old own first last next".split())
#: ...of which these may stand alone (a one-word label "New" beats the member sentence it would give way to).
_DESCRIBING = frozenset("new old own first last next".split())
#: Nouns that name nothing on their own: never a one-word label ("Way" of "is there a way to", "Following" of
#: "the following error", "Difference" of "what's the difference between"); inside a phrase they may stand.
EMPTY_ALONE = frozenset("""way thing stuff following difference question problem issue version name option support link
far expected overall lot bit kind sort type part example reason case matter point idea detail info information item
code file data something anything everything nothing""".split())
#: Verbs that mean what they say only with their particle ("log in", "sign up", "opt out"): a label never ends on
#: one that its clause follows with a particle or "into" ("Can't log" of "can't log into my account").
_NEEDS_PARTICLE = frozenset("log logs logged logging sign signs signed signing opt opts opted plug plugged shut".split())
_THEIR_PARTICLES = PARTICLES | {"into", "onto"}
#: Determiners: the word after one in a label is a noun ("the longer" is no end).
_DETERMINERS = frozenset("the a an my your his her our their its this that these those every each".split())
#: Words that may join the parts of a label ("flights and rebooking", "login fails with SSO").
JOINERS = frozenset("and or of with for to in on at from after before without when while not no the a an my your "
                    "our their this that".split())

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TOKEN = re.compile(r"(?:[0-9]+(?=[\u3400-\u4dbf\u4e00-\u9fff]))?[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[A-Za-z'](?:[A-Za-z0-9_'+#]|[.\-](?![.\-]))*[A-Za-z0-9_+#]|[A-Za-z]"
                    r"|[.!?;:,()\[\]{}\"|/\\<>=*~…。！？；：，、（）【】「」《》\n-]+|\S")
_SENTENCE = re.compile(r"[^.!?。！？\n]+[.!?。！？]?")
_CLAUSE_BREAK = re.compile(r"[.!?;:,()\[\]{}\"|/\\<>=*~…。！？；：，、（）【】「」《》\n]|^-+$")



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
        self.mixed: Counter[str] = Counter()  # non-initial words written with capitals inside (OpenCV, iPhone)
        #: per text: the clauses of its title (an issue's first line), () without one (``en_frames.title_of``)
        self.titles: list[tuple[tuple[str, ...], ...]] = []
        self.frame_keys: set = set()  # keys of problem/request frames counted from the titles (``_counts``)
        self.body_only: Counter = Counter()  # key -> texts with a title that have it in the body only
        self.frame_df: Counter = Counter()  # frame key -> texts that say it (titles of issues, else any clause)
        for text in texts:
            title = title_of(text) if "\n" in text else None
            self.titles.append(_parse_text(title, ())[0] if title and not _HAS_CJK.search(title) else ())
            text = unshout(text[:MAX_TEXT_CHARS].replace("\u2019", "'"))
            # only Chinese runs are segmented with ``words``: other texts parse the same for every corpus
            clauses, seen, title, upper, mixed = _parse_text(text, words if _HAS_CJK.search(text) else ())
            self.clauses.append(clauses)
            self.seen.update(seen)
            self.title.update(title)
            self.upper.update(upper)
            self.mixed.update(mixed)

    @property
    def forms(self) -> dict[str, str]:
        """lower-cased word -> its most common form with capitals inside (OpenCV), from ``mixed``."""
        if getattr(self, "_forms_of", None) is None or self._forms_n != len(self.mixed):
            best: dict[str, tuple[int, str]] = {}
            for form, c in self.mixed.items():
                low = form.lower()
                if low not in best or (c, form) > best[low]:
                    best[low] = (c, form)
            self._forms_of, self._forms_n = {low: f for low, (_, f) in best.items()}, len(self.mixed)
        return self._forms_of

    def bags(self) -> list[set]:
        """Per text: its words, normalised (cached)."""
        if getattr(self, "_bags", None) is None:
            self._bags = [{_norm(w) for clause in clauses for w in clause} for clauses in self.clauses]
        return self._bags

    def joined(self) -> list[str]:
        """Per text: its words run together (Chinese substrings are read in it; cached)."""
        if getattr(self, "_joined", None) is None:
            self._joined = ["".join(w for clause in clauses for w in clause) for clauses in self.clauses]
        return self._joined

    def is_name(self, low: str) -> bool:
        """Mostly written Title-case where a sentence does not start (Dallas, Google, Delta)."""
        return _name_by_case(self.seen.get(low, 0), self.title.get(low, 0))


#: A text whose Latin letters are at least this share capitals (of 20 or more) is shouted: its casing says
#: nothing of names or acronyms ("TRYING TO BUY A HOUSE" would label a theme "BUY"), so it is read lower-cased.
SHOUT_SHARE = 0.7
_SHOUT_MIN_LETTERS = 20


def unshout(text: str) -> str:
    """A shouted text lower-cased, its placeholders ([HANDLE]) and retweet markers kept as they are."""
    said = PLACEHOLDER.sub(" ", text) if "[" in text or "T" in text else text
    letters = sum(ch.isascii() and ch.isalpha() for ch in said)
    if letters < _SHOUT_MIN_LETTERS or sum(ch.isascii() and ch.isupper() for ch in said) < SHOUT_SHARE * letters:
        return text
    out, last = [], 0
    for m in PLACEHOLDER.finditer(text):
        out += [text[last:m.start()].lower(), m.group()]
        last = m.end()
    return "".join(out) + text[last:].lower()


def _name_by_case(seen: int, title: int) -> bool:
    return seen >= 2 and title >= NAME_SHARE * seen


def names_by_case(texts: Sequence[str], lows: Collection[str], words: tuple[str, ...] = ()) -> dict[str, bool]:
    """``_Texts(texts, words).is_name(low)`` for each of ``lows`` (lower-cased Latin words), counting only
    those words. Which Chinese ``words`` segment the texts does not change a Latin word's counts (a Chinese
    run always ends a clause); passing the corpus's lets the labels reuse the parse (``_parse_text``)."""
    seen = dict.fromkeys(lows, 0)
    title = dict.fromkeys(lows, 0)
    for text in texts:
        text = unshout(text[:MAX_TEXT_CHARS].replace("\u2019", "'"))
        _, said, titled, _, _ = _parse_text(text, words if _HAS_CJK.search(text) else ())
        for low in seen:
            seen[low] += said.count(low)
            title[low] += titled.count(low)
    return {low: _name_by_case(seen[low], title[low]) for low in seen}


_HAS_CJK = re.compile(r"[^\x00-\u33ff]")  # a character _is_cjk may take for Chinese
#: Redaction placeholders ([HANDLE], [EMAIL], [URL]...: ``analysis.pii``) and retweet markers (RT, MT): never a
#: word of a label; read as a clause break.
PLACEHOLDER = re.compile(r"\[[A-Z_]{2,10}\]|(?<![\w@])(?:RT|MT)\b:?")


def without_placeholders(text: str) -> str:
    """``text`` with redaction placeholders and retweet markers read as clause breaks."""
    return PLACEHOLDER.sub(" | ", text) if "[" in text or "T" in text else text


@lru_cache(maxsize=50_000)
def _parse_text(text: str, words: tuple[str, ...]) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...],
                                                             tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """One text's clauses (tuples of tokens, original case) and its non-initial words, lower-cased:
    all, the Title-case ones, the ALL-CAPS ones (for ``Counter.update``); and, as written, those with
    capitals inside (OpenCV). Cached: the same member
    text is read at both levels of the tree and by the name check. Callers must not change it."""
    title: list[str] = []
    seen: list[str] = []
    upper: list[str] = []
    mixed: list[str] = []
    tk = None
    clauses: list[list[str]] = [[]]
    for m in _TOKEN.finditer(without_placeholders(text)):
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
            if any(ch.isupper() for ch in tok[1:]) and not tok.isupper():
                mixed.append(tok)
        clauses[-1].append(tok)
    return tuple(tuple(c) for c in clauses if c), tuple(seen), tuple(title), tuple(upper), tuple(mixed)


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
    lows = [t.lower() for t in clause]
    yield from _predicates(list(clause), lows, [_word_kind(w) for w in lows], texts)


@lru_cache(maxsize=100_000)
def _clause_phrases(clause: tuple[str, ...]) -> tuple[tuple[tuple, str, str], ...]:
    """(key, surface, head word) of the phrases of a clause, before the group's names are left out
    (cached: a clause is read at both levels of the tree, and feedback repeats clauses)."""
    return tuple(_phrases(clause))


def _phrases(clause: tuple[str, ...]):
    lows = [t.lower() for t in clause]
    kinds = [3 if w in _WANTING else _word_kind(w) for w in lows]
    stop = english_stop()
    n = len(clause)
    for i in range(n):
        if kinds[i] in (0, 2) or (i and lows[i] in _QUANTIFIERS and (kinds[i - 1] == 3 or lows[i - 1] == "any")):
            continue  # "no more ads" is not "More ads"
        functions = 0
        for j in range(i, min(n, i + MAX_WORDS)):
            kind = kinds[j]
            if kind == 0:
                break
            last = lows[j]
            if kind >= 2:
                quantity = last in _QUANTIFIERS and j > i and kinds[j - 1] == 3  # too many, no more
                functions += not quantity
                if j > i and kind == 2 and last not in JOINERS and last not in PARTICLES and not quantity:
                    break
                # a label ends on a content word, or on a particle after one ("log in")
                if not (j > i and last in PARTICLES and lows[j - 1] in PHRASAL):
                    continue
            if ((j == i and (last in stop or len(last) < 3 or _norm(last) in EMPTY_ALONE))
                    or (last in DANGLING and (j > i or last not in _DESCRIBING))):  # "Needs": a verb wants its object
                continue
            if kind == 1 and (only_adverb(last) or (j == i and not names_or_describes(last))):
                continue  # "Fix soon", "See": no thing named (en_pos)
            if j > i and lows[j - 1] in _WANTING and _norm(last) == last and "ADJ" in parts(last):
                continue  # "More secret" of "more secret boards": the thing wanted is still to come
            if last in _NEEDS_PARTICLE and j + 1 < n and lows[j + 1] in _THEIR_PARTICLES:
                continue  # "Can't log" of "can't log into my account": the verb's particle is cut off
            if j > i and lows[j - 1] in _DETERMINERS and not can_name(last):
                continue  # "App gets slower the longer" (it runs): a determiner's noun is still to come
            if functions * 2 > j - i + 1:
                continue
            words = lows[i:j + 1]
            head = next((w for w in reversed(words) if _word_kind(w) == 1), last)
            for k in range(1, len(words)):
                if words[k] in _PREPOSITIONS:
                    head = words[k - 1]
                    break
            yield _compounds(tuple(_norm(w) for w in words)), " ".join(clause[i:j + 1]), head


#: Copulas and auxiliaries a subject may be joined to its predicate with; a label leaves them out
#: ("GPS is not accurate" -> "GPS not accurate", "Sync does not work" -> "Sync doesn't work").
_COPULAS = frozenset("is are was were be been being has have had 's 're seems seem seemed".split())
_AUXILIARIES = {"does": "doesn't", "do": "don't", "did": "didn't", "can": "can't", "will": "won't",
                "would": "won't", "could": "can't"}
_NOT_FORMS = {"isn't": "not", "aren't": "not", "wasn't": "not", "weren't": "not", "hasn't": "not", "haven't": "not",
              "doesn't": "doesn't", "don't": "don't", "didn't": "didn't", "can't": "can't", "cannot": "can't",
              "won't": "won't", "wouldn't": "won't", "couldn't": "can't", "never": "never", "not": "not"}
#: Intensifiers a label leaves out ("is really slow" -> "slow").
_INTENSIFIERS = frozenset("very so really extremely super pretty quite always just still now also totally".split())


def _predicates(clause: list[str], lows: list[str], kinds: list[int], texts: _Texts):
    """(key, surface) of "subject [not] predicate" where the clause joins a subject of one or two content
    words to what is said of it by a copula or auxiliary: "the GPS is not accurate" -> "GPS not accurate",
    "notes are gone" -> "Notes gone", "sync does not work" -> "Sync doesn't work". The predicate is one word
    (two after "too" or an adverb: "is painfully slow", never "is painfully"); it must say how
    (``label_mood.evaluative_word``) unless it is negated."""
    from .label_mood import evaluative_word

    n = len(clause)
    for a in range(1, n - 1):
        if lows[a] not in _COPULAS and lows[a] not in _AUXILIARIES and _norm_contraction(lows[a]) not in _NOT_FORMS:
            continue
        if a >= 1 and lows[a - 1] in _COPULAS:
            continue  # the chain was handled at its first word
        s = a
        while s > 0 and a - s < 2 and kinds[s - 1] == 1:
            s -= 1
        if s == a or texts.is_name(lows[a - 1]) or lows[a - 1] in english_stop() or len(lows[a - 1]) < 2:
            continue
        b, neg = a, None
        while b < n and b - a < 3:
            low = _norm_contraction(lows[b])
            if low == "not" and lows[b - 1] in _AUXILIARIES:
                neg = _AUXILIARIES[lows[b - 1]]
            elif low in _NOT_FORMS:
                neg = _NOT_FORMS[low]
            elif not (low in _COPULAS or low in _AUXILIARIES or low in _INTENSIFIERS):
                break
            b += 1
        if b >= n or (neg is None and any(lows[k] in _AUXILIARIES for k in range(a, b))):
            continue  # "can load", "will add": no statement about the subject
        # "too slow", "painfully slow": the word an adverb modifies ends the predicate, never the adverb
        end = b + 1 if (lows[b] == "too" or only_adverb(lows[b])) and b + 1 < n else b
        last = lows[end]
        if (kinds[end] != 1 or last in DANGLING or last in english_stop() or only_adverb(last)
                or (neg is None and not evaluative_word(last))):
            continue
        joined = [clause[k] for k in range(a, b) if lows[k] not in _INTENSIFIERS]
        words = [clause[k] for k in range(s, a)] + joined + [clause[k] for k in range(b, end + 1)]
        if len(words) > MAX_WORDS:
            continue
        key = tuple(_norm(w) for w in clause[s:a]) + ((neg,) if neg else ()) + tuple(_norm(w) for w in clause[b:end + 1])
        yield _compounds(key), " ".join(words)


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


#: A group reads as issues (titles and bodies) when at least this share of its texts have a title.
TITLED_SHARE = 0.5


def _usable(low: str) -> bool:
    """A content word that may stand in a frame: a word of three letters or more, no stop word, no name check."""
    return len(low) > 2 and low not in english_stop() and _word_kind(low) == 1


def _counts(texts: _Texts) -> tuple[Counter, dict]:
    """Texts containing each phrase key, and the surfaces seen (with an issue's title: its problem and
    request frames, ``en_frames``). A phrase found mostly inside one identical clause of 6+ words (12+
    characters) that several texts repeat is template text ("Describe the feature and the current
    behavior"), not a topic: left out."""
    df: Counter = Counter()
    surfaces: dict = defaultdict(Counter)
    in_clause: Counter = Counter()
    clause_texts: Counter = Counter()
    titled = sum(1 for t in texts.titles if t) >= TITLED_SHARE * max(1, len(texts.titles))
    for t, clauses in enumerate(texts.clauses):
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
        if titled and texts.titles[t]:  # issues: the title names it; bodies hold form fields and logs
            in_title = {key for clause in texts.titles[t] for key, _ in (
                _chinese_candidates(clause) if any(_CJK.search(w) for w in clause[:3]) else
                _english_candidates(clause, texts))}
            texts.body_only.update(keys - in_title)
        said = set()  # problem/request frames: from an issue's title, else from every English clause
        for clause in (texts.titles[t] if titled and texts.titles[t] else clauses):
            if any(_CJK.search(w) for w in clause[:3]):
                continue
            for key, surface in frames(clause, [_word_kind(w.lower()) for w in clause], _usable):
                if specific(key):
                    said.add(key)
                    surfaces[key][surface] += 1
        texts.frame_df.update(said)
        if titled and texts.titles[t]:
            keys |= said
            texts.frame_keys |= said
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
        elif seen and low in case.forms and case.mixed[case.forms[low]] >= 0.5 * seen:
            out.append(case.forms[low])  # "opencv" where the members mostly write OpenCV
        elif seen and case.upper.get(low, 0) >= 0.6 * seen and len(w) <= 6:
            out.append(w.upper())
        elif seen and case.title.get(low, 0) >= 0.6 * seen:
            out.append(low[:1].upper() + low[1:])
        else:
            out.append(low)
    text = " ".join(out)
    return text if any(ch.isupper() for ch in out[0][1:]) else text[:1].upper() + text[1:]
