"""Cues of long-form items (issues, tickets) read from the RAW title and body, before the analysis'
cleaning strips issue-template headings, code and stack traces (session 8, issue 13).

The template an author picked says what kind of report it is ("Describe the bug" / "Steps to
reproduce" -> problem, "Is your feature request related to a problem" / "Describe the solution you'd
like" -> request), and so do title tags ("[Bug]", "Feature request:", "Question:"), a question in the
title and error evidence (tracebacks, stack frames, "TypeError: ..."). The phrase lists follow GitHub's
default issue templates and common conventions; they were written before measuring and not tuned on
any evaluation set. Each cue is 0 or 1; the long-form type head reads them after the common features.
"""
from __future__ import annotations

import re
from typing import Sequence

import numpy as np

_TAG = r"^\s*(?:\[[^\]]{0,40}\]\s*)*[\[(]?\s*(?:[\w-]+\s+){0,2}(?:WORDS)\s*(?:[\])]\s*:?|:)"
_TITLE_BUG = re.compile(_TAG.replace("WORDS", r"bug|bug report|bugfix|crash|regression|defect|error"), re.I)
_TITLE_FEATURE = re.compile(_TAG.replace("WORDS", r"feature|feature request|enhancement|proposal|rfc|request"
                                        r"|suggestion|idea|feat"), re.I)
_TITLE_QUESTION = re.compile(_TAG.replace("WORDS", r"question|q|help|help wanted|support|how to|howto|discussion"), re.I)
_QUESTION_START = re.compile(r"^\s*(?:\[[^\]]{0,40}\]\s*)*(?:how|what|why|where|when|which|who|is|are|can|could"
                             r"|do|does|did|should|would|will|any|anyone|has|have)\b", re.I)

#: lower-case substrings (a shorter one covers its longer forms: "expected behavio" -> behavior, behaviour)
_BUG_TEMPLATE = ("describe the bug", "bug description", "to reproduce", "steps to repro", "reproduction steps",
                 "repro steps", "expected behavio", "expected result", "actual behavio", "actual result",
                 "current behavio", "observed behavio", "what happened", "minimal reproduction",
                 "reproducible example", "regression?")
_FEATURE_TEMPLATE = ("is your feature request related to a problem", "describe the solution you",
                     "alternatives you've considered", "alternatives considered", "proposed solution",
                     "feature description", "describe the feature", "feature request", "motivation", "use case",
                     "proposed api", "proposed change", "what problem does this solve", "the solution you'd like",
                     "would this change")
_QUESTION_TEMPLATE = ("# question", "**question**", "question:", "describe your question", "what do you need help with",
                      "your question", "ask a question", "support request")
_QUESTION_PHRASES = ("how do i", "how can i", "how should i", "how to ", "is there a way", "is it possible",
                     "what is the best way", "what's the best way", "can someone", "can anyone", "does anyone",
                     "anyone know", "any help", "i'm trying to", "i am trying to", "i'm wondering", "i was wondering",
                     "am i missing", "am i doing something wrong", "what am i doing wrong", "any suggestion",
                     "any idea", "is this expected", "is this the intended")
#: error evidence in the raw body (case as written): tracebacks, stack frames, error lines, crashes;
#: plus a word ending in "Error" (TypeError), checked only when "Error" occurs (a regex over the whole body
#: cost 130 µs per issue, these substring checks under 10)
_ERRORS = ("Traceback (most recent call last)", "Error:", "Exception", "error:", "segmentation fault",
           "Segmentation fault", "core dumped", "panicked", "FATAL", "atal error", "undefined reference",
           "ssertion failed", '", line ', "\n    at ", "\tat ")
_ERROR_WORD = re.compile(r"Error\b")


def _error_evidence(body: str) -> bool:
    if any(s in body for s in _ERRORS):
        return True
    return "Error" in body and any(body[m.start() - 1:m.start()].islower() for m in _ERROR_WORD.finditer(body))


ISSUE_CUE_NAMES = ("title_tag_bug", "title_tag_feature", "title_tag_question", "title_question",
                   "template_bug", "template_feature", "template_question", "question_phrase", "error_evidence")
BODY_CHARS = 2000  # the service scores title + body cut at 2,000 characters
QUESTION_CHARS = 1000  # question phrases: the title and the start of the body (as the common cues read it)


def split_title(text: str, title: str | None = None) -> tuple[str, str]:
    """(title, body): the given title, else the text's first line (a long-form text is ``title\\nbody``)."""
    if title is not None:
        body = text[len(title):] if text.startswith(title) else text
        return title, body
    head, _, body = text.partition("\n")
    return head, body


def issue_cue_features(texts: Sequence[str], titles: Sequence[str | None] | None = None) -> np.ndarray:
    """(n, len(ISSUE_CUE_NAMES)) float32 of 0/1 cues over each raw title and the first BODY_CHARS of its body."""
    out = np.zeros((len(texts), len(ISSUE_CUE_NAMES)), np.float32)
    for i, text in enumerate(texts):
        title, body = split_title(text or "", None if titles is None else titles[i])
        title, body = title[:300], body[:BODY_CHARS]
        lower = body.lower()
        both = title.lower() + "\n" + lower[:QUESTION_CHARS]
        out[i] = (bool(_TITLE_BUG.search(title)), bool(_TITLE_FEATURE.search(title)),
                  bool(_TITLE_QUESTION.search(title)), "?" in title or bool(_QUESTION_START.search(title)),
                  any(p in lower for p in _BUG_TEMPLATE), any(p in lower for p in _FEATURE_TEMPLATE),
                  any(p in lower for p in _QUESTION_TEMPLATE),
                  any(p in both for p in _QUESTION_PHRASES), _error_evidence(body))
    return out
