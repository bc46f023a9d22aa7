"""Parents of mostly requests named as requests. A parent's frame says its mood ("Login problems", "Praise for
review") but not its type: a parent of dark-mode, shortcut and integration requests was a bare "Editor", which a
PM writes "Editor requests" (编辑器建议). Once the tree is labelled (``theme_tree.build_tree``), a parent whose
profiled members are mostly requests by the app's own feedback type (``REQUEST_SHARE`` of them, leading the next
type by ``theme_tree.KIND_MARGIN``) and whose label is a bare topic is framed: "X requests" (a noun before a
noun is singular: "Keyboard shortcut requests", as "Ad problems"), Chinese "X建议"; the rest of a mood ("Other
feedback", 其他反馈) becomes "Other requests" (其他建议). A label that already says how or what is wanted ("Add
dark mode", "More levels", 希望支持深色模式), holds a frame, a question, a number or more than ``MAX_WORDS`` words
stays, and so does every label of a parent whose types are mixed. Lone top-level themes are named by
``lone_labels`` (its "Requests for improvement"). Labels the user edited are kept by the store, not read here.
"""
from __future__ import annotations

import re
from typing import Sequence

import numpy as np

#: Share of a parent's profiled members the app types as requests for it to be named as requests...
REQUEST_SHARE = 0.5
#: ...at least this many of them (a few profiled members are no majority)...
LEAST_PROFILED = 10
#: ...and a framed label is a topic of at most this many words (a longer one is a member's sentence).
MAX_WORDS = 4

#: The rest of one mood with no type (``parent_categories.other``) and its request form.
OTHER = {"Other feedback": "Other requests", "其他反馈": "其他建议"}
#: English words that make a label a frame, a request or a question already (not a bare topic).
_EN_FRAMED = frozenset("problems problem issues issue praise complaints requests request feature features "
                       "suggestions suggestion ideas idea feedback other wishes wish questions question".split())
#: English words that open a request, a change or a question rather than name a topic ("Add dark mode").
_EN_VERBS = frozenset("add adding allow bring support wish want need needs please fix make let enable improve "
                      "provide implement include give remove change update create show hide get have can could "
                      "should would will how why what when where is are does do more fewer less better".split())
#: Plural-looking English words a noun-before-noun form keeps ("Settings requests", "Analytics requests").
_KEEP_PLURAL = ("ss", "us", "is", "ics", "ings", "news", "ways")
#: Chinese endings of a frame or a category (配送问题, 包装好评, 功能建议); ``child_repeats`` reads them too.
ZH_FRAMES = ("问题", "好评", "差评", "反馈", "建议", "需求", "吐槽")
_WORD = re.compile(r"[A-Za-z][\w'+#.-]*")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def mostly_requests(kinds: Sequence[int], request: int, margin: float) -> bool:
    """Whether the members' feedback types (``kinds``: type indices) are mostly requests (type ``request``):
    ``REQUEST_SHARE`` of at least ``LEAST_PROFILED``, leading every other type by ``margin`` (a share)."""
    kinds = np.asarray(kinds, dtype=np.int64)
    if len(kinds) < LEAST_PROFILED:
        return False
    shares = np.bincount(kinds, minlength=max(request + 1, int(kinds.max()) + 1)) / len(kinds)
    lead = shares[request]
    rest = np.delete(shares, request)
    return bool(lead >= REQUEST_SHARE and lead - (rest.max() if len(rest) else 0.0) >= margin)


def bare_topic(label: str, words=()) -> bool:
    """Whether ``label`` only names a topic ("Editor", "Keyboard shortcuts", 编辑器): no frame, no request, verb or
    question opening it, no mood, no number; every content word a head term (``parent_labels._head_term``)."""
    from .label_mood import says_how
    from .parent_labels import _head_term, label_terms, own_mood

    plain = label.strip()
    if (not plain or plain.startswith("(") or plain.endswith(("?", "？", ")")) or any(ch.isdigit() for ch in plain)
            or says_how(plain) or own_mood(plain, words)):
        return False
    terms = label_terms(plain, words)
    if not terms or not all(_head_term(t) for t in terms):
        return False
    if _CJK.search(plain):
        return not plain.endswith(ZH_FRAMES) and not any(w in plain for w in ("希望", "建议", "能不能", "可以", "能否"))
    low = [w.lower() for w in _WORD.findall(plain)]
    return (0 < len(low) <= MAX_WORDS and low[0] not in _EN_VERBS and not any(w in _EN_FRAMED for w in low)
            and len(low) == len(plain.split()))


def _noun_before_noun(word: str) -> str:
    """A lowercase plural as a modifier is singular ("shortcuts" -> "shortcut"); names and mass plurals stay."""
    from .parent_labels import _singular

    if not word.islower() or not word.endswith("s") or word.endswith(_KEEP_PLURAL) or len(word) < 4:
        return word
    return _singular(word)


def request_label(label: str, words=()) -> str | None:
    """The request form of a parent's label, or None when it is no bare topic nor the rest of a mood."""
    plain = label.strip()
    if plain in OTHER:
        return OTHER[plain]
    if not bare_topic(plain, words):
        return None
    if _CJK.search(plain):
        return f"{plain}建议"
    parts = plain.split()
    for i, word in enumerate(parts):  # the last noun of each joined part ("Note and file requests")
        if i == len(parts) - 1 or parts[i + 1].lower() in ("and", "&") or word.endswith(","):
            comma = "," if word.endswith(",") else ""
            bare = word.rstrip(",")
            opening = i == 0 and bare[:1].isupper() and bare[1:].islower()  # sentence case, not a name
            parts[i] = (_noun_before_noun(bare.lower()).capitalize() if opening else _noun_before_noun(bare)) + comma
    return " ".join(parts) + " requests"


def frame_request_parents(tops, sub_labels: Sequence[str], labels, profiled: np.ndarray, typed: np.ndarray,
                          margin: float, words=()) -> list[tuple[str, str]]:
    """Frame each parent of ``tops`` (``theme_tree.TopTheme``) whose profiled members (``profiled``: document
    indices, ``typed``: their feedback-type indices, ``labels``: each document's sub-theme) are mostly requests and
    whose label is a bare topic (module docstring); never to a label another theme or sub-theme has. Labels are
    set in place; returns the (old, new) pairs changed."""
    from .feedback_classes import TYPES

    if not len(profiled) or len(typed) != len(profiled):
        return []
    request = TYPES.index("request")
    member_of = np.asarray(labels)[np.asarray(profiled, dtype=np.int64)]
    changed: list[tuple[str, str]] = []
    for top in tops:
        if not top.is_group:
            continue
        kinds = np.asarray(typed)[np.isin(member_of, top.children)]
        new = request_label(top.label, words) if mostly_requests(kinds, request, margin) else None
        if new is None:
            continue
        used = {t.label.lower() for t in tops if t is not top} | {s.lower() for s in sub_labels}
        if new.lower() in used:
            continue
        changed.append((top.label, new))
        top.label = new
    return changed
