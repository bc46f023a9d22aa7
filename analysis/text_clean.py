"""The cleaned copy of a feedback text that analysis embeds and labels (the stored text is untouched).

Issue templates, quoted replies, code, stack traces, signatures, @mentions and URLs would otherwise
decide which items look alike. Rules are chosen per source format (``RULES``); ``describe_rules``
lists them for people, ``clean_item`` applies them to one item, and ``clean_corpus`` also drops lines
that a large share of one source's items repeat (template text nobody typed). ``clean_views`` gives the
analysis both texts of each item in one pass (``source_views``): the one it embeds and the one labels read.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from typing import Callable, Iterable, Sequence

MAX_CHARS = 2000

_URL = re.compile(r"(?:https?://|ftp://|www\.)\S+", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9](?:[A-Za-z0-9_-]{0,38})(?:/[A-Za-z0-9_-]+)?")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>\n]{0,200}>")
_FENCE = re.compile(r"(```|~~~).*?(?:\1|\Z)", re.S)
_INLINE_CODE = re.compile(r"`[^`\n]{25,}`")  # long inline code; short `names` carry meaning
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+.*$", re.M)
_CHECKBOX = re.compile(r"^\s*[-*]\s*\[[ xX]\]\s.*$|^\s*_No response_\s*$", re.M)
_QUOTED = re.compile(r"^\s*>.*$", re.M)
#: Environment lines of issue templates ("- OpenCV => 4.5.5", "VS Code version: 1.84", "OS: Windows 11").
_ENV_LINE = re.compile(
    r"^\s*(?:[-*+]\s*)?\**[\w ./()+-]{0,30}?\b(?:version|os|platform|browser|compiler|python|node|cuda|cudnn|gpu|cpu"
    r"|memory|system|device|build|bazel|gcc|environment|commit|electron|chromium|arch|architecture|distro|kernel)s?\b"
    r"[\w ./()+-]{0,20}\**\s*(?:=>|:)\s*.{0,100}$|^\s*(?:[-*+]\s*)?[\w ./()+-]{1,40}=>.{0,100}$", re.M | re.I)
#: An environment line whose tool is `quoted`.
_FORM_ENV_LINE = re.compile(r"^\s*(?:[-*+]\s*)?`[\w .-]{1,40}`[\w ./()+-]{0,30}?\b(?:version|platform)\b.{0,20}:.{0,100}$",
                            re.M | re.I)
#: A row of a table (two cells or more): system-info and extension tables of issue reporters.
_TABLE_ROW = re.compile(r"^[^|\n]*\|[^|\n]*\|.*$", re.M)
#: A line that is all bold: a template's question or heading ("**What is the current behavior?**").
_BOLD_LINE = re.compile(r"^\s*\*\*.{2,200}\*\*[:?]?\s*$", re.M)
#: The caption of a collapsed block (<summary>Click to expand</summary>): not the author's words.
_SUMMARY = re.compile(r"<summary>.*?</summary>", re.I | re.S)
_REPLY_HEADER = re.compile(
    r"^(?:On .{5,200}wrote:|-{2,}\s*Original Message\s*-{2,}|From: .+|在.{2,80}写道[:：]|发件人[:：].*)\s*$",
    re.M | re.I)
_SIGNATURE = re.compile(
    r"^(?:--\s?|(?:best|kind|warm)?\s*regards,?|thanks?(?: you)?(?: in advance)?[,!.]?|cheers,?|sincerely,?"
    r"|sent from my \w+.*|get outlook for .*|此致|敬礼|谢谢[!！。]?|发自我的\w+)\s*$", re.I)
_TRACE_LINE = re.compile(
    r"^\s*(?:at [\w$.<>]+\(.*\)|File \".*\", line \d+.*|Traceback \(most recent call last\):.*"
    r"|#\d+\s+0x[0-9a-f]+.*|\.{3} \d+ more"
    r"|(?:\[?\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d\S*\]?|\[(?:INFO|DEBUG|WARN|WARNING|ERROR|TRACE)\]|[IWEF]\d{4} \d\d:).*"
    r"|(?:\w+/)+\w+\.\w+:\d+(?::\d+)?.*)$")
_RETWEET = re.compile(r"(?<![\w@])(?:RT|MT)\b:?(?=\s*(?:@|:|$))|^\s*(?:RT|MT)\s*:", re.M)
_HASHTAG = re.compile(r"(?<![\w&#])#(\w+)")
#: Tokens nobody writes in a review or survey answer: snake_case identifiers ending in digits, long hex ids.
_NONWORD = re.compile(r"(?<![\w/.-])(?:[A-Za-z]+(?:_[A-Za-z]+)*_\d+|(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,})(?![\w/.-])")
#: Redaction marks of exports that mask personal data (the CFPB's "XXXX", "XX/XX/2019"; upper case only:
#: "xxx" of a review is a word of its own) and the braces such exports put around amounts ("{$200.00}").
_REDACTED = re.compile(r"(?<![\w/])(?:X{4,}|XX(?=/))(?:/(?:X{2,}|\d{2,4}))*(?![\w/])")
_BRACED_AMOUNT = re.compile(r"\{(\$?\d[\d,.]*)\}")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_WS = re.compile(r"[ \t\u3000]+")


def decode_entities(text: str) -> str:
    """HTML entities decoded (``&amp;`` -> ``&``, also when escaped twice: ``&amp;amp;``)."""
    for _ in range(2):
        if "&" not in text:
            break
        text = html.unescape(text)
    return text


def _hashtag(match: re.Match) -> str:
    """``#CustomerService`` -> ``Customer Service``; ``#123`` (an issue or ticket number) -> nothing."""
    word = match.group(1)
    if word.isdigit():
        return " "
    return _CAMEL.sub(" ", word)


def _social(text: str) -> str:
    """Retweet markers (``RT @x:``) dropped; hashtags keep their word (``#delay`` -> ``delay``)."""
    if "RT" in text or "MT" in text:
        text = _RETWEET.sub(" ", text)
    return _HASHTAG.sub(_hashtag, text) if "#" in text else text
_BLANKS = re.compile(r"\n\s*\n+")


def _strip_reply_and_signature(text: str) -> str:
    """Cut a quoted e-mail reply (``On ... wrote:``) and a closing signature."""
    m = _REPLY_HEADER.search(text)
    if m and m.start() > 0:
        text = text[: m.start()]
    lines = text.rstrip().split("\n")
    # a sign-off in the last 6 lines ends the message
    for i in range(max(0, len(lines) - 6), len(lines)):
        if _SIGNATURE.match(lines[i].strip()) and i > 0:
            return "\n".join(lines[:i])
    return text


def _drop_traces(text: str) -> str:
    """Drop stack-trace and log lines (Java/Python/JS frames, timestamps, ``[ERROR]`` lines)."""
    kept, in_python_trace = [], False
    for line in text.split("\n"):
        if line.lstrip().startswith("Traceback (most recent call last)"):
            in_python_trace = True
            continue
        if in_python_trace:
            if not line.strip():
                in_python_trace = False
            continue
        if _TRACE_LINE.match(line):
            continue
        kept.append(line)
    return "\n".join(kept)


def _sub(pattern: re.Pattern, repl: str = " ", needs: str = "") -> Callable[[str], str]:
    """``pattern`` replaced by ``repl``; ``needs``: a character every match holds, so a text without it is left as
    it is without a search (the e-mail pattern backtracks over every long word run of a log or code: 1.3 of the
    3.5 CPU seconds of cleaning 3,000 GitHub issues, nearly all in texts with no ``@``)."""
    if needs:
        return lambda text: pattern.sub(repl, text) if needs in text else text
    return lambda text: pattern.sub(repl, text)


#: Every rule by name, applied in the order a source lists them.
RULE_FUNCTIONS: dict[str, tuple[str, Callable[[str], str]]] = {
    "entities": ("HTML entities decoded (&amp; -> &)", decode_entities),
    "redactions": ("redaction marks of exports that mask personal data (XXXX, XX/XX/2019); {$20.00} -> $20.00",
                   lambda t: _BRACED_AMOUNT.sub(r"\1", _REDACTED.sub(" ", t))),
    "html_comments": ("HTML comments (<!-- template hints -->)", _sub(_HTML_COMMENT)),
    "code_blocks": ("fenced code blocks and long inline code", lambda t: _INLINE_CODE.sub(" ", _FENCE.sub(" ", t))),
    "quoted_replies": ("quoted replies: '> ...' lines and everything after 'On ... wrote:'",
                       lambda t: _QUOTED.sub("", t)),
    "reply_and_signature": ("e-mail reply headers and what follows; sign-offs and signatures",
                            _strip_reply_and_signature),
    "stack_traces": ("stack traces and log lines", _drop_traces),
    "template_headings": ("markdown headings, all-bold lines, checklists and '_No response_' of issue templates "
                          "('### Describe the bug', '**What is the current behavior?**')",
                          lambda t: _BOLD_LINE.sub("", _CHECKBOX.sub("", _HEADING.sub("", _SUMMARY.sub(" ", t))))),
    "environment": ("environment lines of issue templates ('OS: Windows 11', '- OpenCV => 4.5.5')",
                    lambda t: _ENV_LINE.sub("", t)),
    "form_fields": ("issue forms' table rows and environment lines naming a `tool` ('|GPU|none|', "
                    "'- `datasets` version: 2.4.0')", lambda t: _TABLE_ROW.sub("", _FORM_ENV_LINE.sub("", t))),
    "markup": ("images, HTML tags; markdown links keep their text", lambda t: _HTML_TAG.sub(" ", _MD_LINK.sub(
        r"\1", _IMAGE.sub(" ", t)))),
    "urls": ("URLs", _sub(_URL)),
    "emails": ("e-mail addresses", _sub(_EMAIL, needs="@")),
    "mentions": ("@mentions", _sub(_MENTION, needs="@")),
    "social": ("retweet markers (RT); hashtags keep their word, issue numbers (#123) go", _social),
    "nonwords": ("tokens that are no words: identifiers with digits (atomic_number_53), hex ids and hashes",
                 _sub(_NONWORD)),
}

_ISSUE = ("entities", "html_comments", "code_blocks", "quoted_replies", "stack_traces", "template_headings",
          "environment", "markup",
          "urls", "emails", "mentions", "social")
_TICKET = ("entities", "redactions", "html_comments", "reply_and_signature", "quoted_replies", "stack_traces",
           "markup", "urls", "emails", "mentions", "social")
_SHORT = ("entities", "urls", "emails", "mentions", "social", "nonwords")

#: Rules per source format (importer name); anything else gets ``default``.
RULES: dict[str, tuple[str, ...]] = {
    "github": _ISSUE, "github_cli": _ISSUE, "gitlab": _ISSUE, "jira": _ISSUE,
    "zendesk": _TICKET, "cfpb_complaints": _TICKET,
    "default": _SHORT,
}

#: A line that at least this share of one source's items contain (and at least BOILERPLATE_MIN_ITEMS
#: items) is boilerplate of that source, not something a person wrote.
BOILERPLATE_SHARE = 0.2
BOILERPLATE_MIN_ITEMS = 5
#: In an issue or ticket form source (cleaned with the issue rules), a line repeated verbatim by this share
#: of its items (and at least BOILERPLATE_MIN_ITEMS) is form text: a bug form's prompts ("See details at",
#: "Link to code example") are in its bug reports only, a small share of the source, and nobody types the
#: same line into that many issues.
FORM_REPEAT_SHARE = 0.002


#: A source (format + repository, project or survey) whose items hold redaction marks (XXXX) at least this
#: share of the time is an export that masks personal data: its marks go whatever its format (a beer forum's
#: "Castlemaine XXXX" stays).
REDACTED_SHARE = 0.05


def redacted_source(texts: Iterable[str | None], share: float = REDACTED_SHARE) -> bool:
    """Whether a source's texts are an export that masks personal data (``REDACTED_SHARE`` of them hold marks)."""
    n, marked = _count_marked(texts, lambda text: "XX" in text and _REDACTED.search(text) is not None)
    return n > 0 and marked >= share * n


def _count_marked(texts: Iterable[str | None], marked_by) -> tuple[int, int]:
    """(texts, non-empty texts for which ``marked_by`` holds)."""
    n = marked = 0
    for text in texts:
        n += 1
        marked += bool(text and marked_by(text))
    return n, marked


#: Issue-form structure at the start of a line: a markdown heading, an HTML comment, a checklist item, a code
#: fence or an all-bold question ("### Describe the bug", "<!-- ... -->", "- [x] I searched", "**To Reproduce**").
_FORM_MARK = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+\S|<!--|[-*][ \t]*\[[ xX]\][ \t]|```|~~~|\*\*[^*\n]{2,200}\*\*[:?]?[ \t]*$)",
                        re.M)
#: A source whose texts carry issue-form structure at least this share of the time (and at least
#: ``FORM_MIN_ITEMS`` of them) is an issue or ticket export (a CSV or JSON of GitHub issues): it is cleaned with
#: the issue rules whatever its format.
FORM_SHARE = 0.1
FORM_MIN_ITEMS = 3


def form_source(texts: Iterable[str | None], share: float = FORM_SHARE) -> bool:
    """Whether a source's texts are issue-form exports (``FORM_SHARE`` of them hold form structure)."""
    n, marked = _count_marked(texts, lambda text: "\n" in text and _FORM_MARK.search(text) is not None)
    return marked >= max(FORM_MIN_ITEMS, share * n)


def rules_for(source_format: str | None, form: bool = False) -> tuple[str, ...]:
    """The rules of a format; ``form``: its source holds issue forms (``form_source``), so the issue rules
    join its own, in the issue rules' order."""
    rules = RULES.get(source_format or "default", RULES["default"])
    if not form:
        return rules
    out = list(rules)
    for i, rule in enumerate(_ISSUE + ("form_fields",)):
        if rule not in out:
            before = [r for r in (_ISSUE + ("form_fields",))[:i] if r in out]
            out.insert(out.index(before[-1]) + 1 if before else 0, rule)
    return tuple(out)


def describe_rules() -> dict[str, list[str]]:
    """Rule descriptions per source format, for people (docs, ``triage-app items --cleaned``)."""
    return {fmt: [RULE_FUNCTIONS[r][0] for r in rules] for fmt, rules in RULES.items()}


def _tidy(text: str) -> str:
    lines = [_WS.sub(" ", ln).strip() for ln in text.split("\n")]
    return _BLANKS.sub("\n", "\n".join(ln for ln in lines if ln)).strip()


def _rule_chain(source_format: str | None, redacted: bool, form: bool) -> tuple[str, ...]:
    """The rules one text of a source goes through, in order (``clean_text``)."""
    rules = rules_for(source_format, form)
    if redacted and "redactions" not in rules:
        rules = ("redactions",) + rules
    return rules


def _apply(text: str, rules: Sequence[str]) -> str:
    for rule in rules:
        text = RULE_FUNCTIONS[rule][1](text)
    return text


def _lines(text: str | None) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n")


def _finish(text: str, boilerplate: frozenset[str], key: Callable[[str], str] | None, form: bool = False) -> str:
    """A text after its rules: lines in ``boilerplate`` (compared by ``key``) dropped (``form``: and form prompts,
    ``_answers_of_form``), spaces tidied."""
    if boilerplate:
        key = key or _plain_key
        text = _answers_of_form(text, boilerplate, key) if form else \
            "\n".join(ln for ln in text.split("\n") if key(ln) not in boilerplate)
    return _tidy(text)


#: Characters before a colon that may be a form field's prompt.
PROMPT_CHARS = 200
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")


def _answers_of_form(text: str, form_lines: frozenset[str], key: Callable[[str], str]) -> str:
    """``text`` without its form lines (``form_lines``, compared by ``key``) and form prompts: a field's prompt
    ("- **OS Platform**: Ubuntu") whose text is a form line leaves its answer ("Ubuntu"), and so does a prompt
    wrapped onto the next line ("- **Have I written custom code (as opposed to using a stock example script" /
    "    provided in TensorFlow)**: yes": the indented line that continues a form line, up to its colon)."""
    kept: list[str] = []
    after_form = False
    for line in text.split("\n"):
        if key(line) in form_lines:
            after_form = True
            continue
        wrapped = after_form and line[:1] in (" ", "\t") and line.strip() and not _LIST_ITEM.match(line)
        after_form = False
        colon, tries = line.find(":"), 0
        while 0 < colon < PROMPT_CHARS and tries < 3:  # a prompt is short; code and log lines hold many colons
            if wrapped or key(line[:colon]) in form_lines:
                line = line[colon + 1:]
                break
            colon, tries = line.find(":", colon + 1), tries + 1
        kept.append(line)
    return "\n".join(kept)


def clean_text(text: str | None, source_format: str | None = None,
               boilerplate: frozenset[str] = frozenset(), redacted: bool = False, form: bool = False,
               key: Callable[[str], str] | None = None) -> str:
    """Apply the source's rules to one text; lines in ``boilerplate`` are dropped; ``redacted``: the source
    masks personal data (``redacted_source``), so its redaction marks go whatever its format; ``form``: the
    source holds issue forms (``form_source``), so the issue rules apply whatever its format; ``key``: how
    lines are compared with ``boilerplate`` (``boilerplate_lines``'s ``key``)."""
    return _finish(_apply(_lines(text), _rule_chain(source_format, redacted, form)), boilerplate, key, form)


def _head(title: str | None) -> str:
    """An item's title as it heads its cleaned text."""
    return _tidy(_social(_URL.sub(" ", decode_entities(title or ""))))


def _joined(title: str | None, text: str | None, head: str, body: str) -> str:
    """Title (``head``) and cleaned body as one text (never empty: falls back to the raw text)."""
    if head and body and not body.startswith(head):
        combined = f"{head}\n{body}"
    else:
        combined = body or head
    if not combined:
        combined = _tidy(f"{title or ''}\n{text or ''}") or "(empty)"
    return combined[:MAX_CHARS]


def clean_item(title: str | None, text: str | None, source_format: str | None = None,
               boilerplate: frozenset[str] = frozenset(), redacted: bool = False, form: bool = False,
               key: Callable[[str], str] | None = None) -> str:
    """Title and cleaned body as one text (never empty: falls back to the raw text)."""
    return _joined(title, text, _head(title), clean_text(text, source_format, boilerplate, redacted, form, key))


_ISSUE_NUMBER = re.compile(r"(?<![\w&#])#\d+")


def _plain_key(line: str) -> str:
    """A line as every source's boilerplate compares it (spaces and case)."""
    return _WS.sub(" ", line).strip().lower()


def _line_key(line: str) -> str:
    """A line as lines are compared: without links, addresses, mentions, tags, issue numbers, hashtag signs and
    end signs, so that a form line and its cleaned copy match ("See details at https://..." and "See details at")."""
    if "](" in line:
        line = _MD_LINK.sub(r"\1", line)
    if "://" in line or "www." in line:
        line = _URL.sub(" ", line)
    if "@" in line:
        line = _MENTION.sub(" ", _EMAIL.sub(" ", line))
    if "<" in line:
        line = _HTML_TAG.sub(" ", line)
    if "#" in line:
        line = _HASHTAG.sub(r"\1", _ISSUE_NUMBER.sub(" ", line))
    return " ".join(line.split()).strip(":;,.-*_`").lower()


def boilerplate_lines(texts: Iterable[str | None], share: float = BOILERPLATE_SHARE,
                      min_items: int = BOILERPLATE_MIN_ITEMS, key: Callable[[str], str] | None = None
                      ) -> frozenset[str]:
    """Lines (normalised by ``key``, default ``_plain_key``) that at least ``share`` of the texts contain; needs
    ``min_items`` texts. An issue form's text (``FORM_REPEAT_SHARE``, ``_line_key``) is a lower ``share``: it is
    often only in the issues of one kind."""
    key = key or _plain_key
    counts: Counter[str] = Counter()
    n = 0
    for text in texts:
        n += 1
        if text and "\n" in text:
            counts.update({k for k in (key(ln) for ln in text.split("\n")) if len(k) > 3})
    if n < min_items:
        return frozenset()
    need = max(min_items, share * n)
    return frozenset(line for line, c in counts.items() if c >= need)


def form_rules(source_format: str | None, texts: Sequence[str | None]) -> bool:
    """Whether a source is cleaned as issue forms (its format's rules or ``form_source``)."""
    return "template_headings" in rules_for(source_format) or form_source(texts)


def source_cleaner(source_format: str | None, texts: Sequence[str | None], forms: bool = True
                   ) -> Callable[[str | None, str | None], str]:
    """``clean_item`` for the items of one source (format + repository, project or survey) whose bodies are
    ``texts``: what the whole source says decides its boilerplate lines and whether it masks personal data.
    ``forms``: an issue-form source (``form_rules``) also loses its form text (``form_source``, lines compared
    without links and signs, ``FORM_REPEAT_SHARE``): the text labels and keywords are read from. Without, every
    source is cleaned as the vectors and the sentiment heads were made on."""
    redacted = redacted_source(texts)
    if forms and form_rules(source_format, texts):
        shared = boilerplate_lines(texts, FORM_REPEAT_SHARE, key=_line_key)
        return lambda title, text: clean_item(title, text, source_format, shared, redacted, True, _line_key)
    plain = boilerplate_lines(texts)
    return lambda title, text: clean_item(title, text, source_format, plain, redacted)


def _groups(records: Sequence[tuple]) -> dict[tuple, list[int]]:
    groups: dict[tuple, list[int]] = {}
    for i, (fmt, source, _, _) in enumerate(records):
        groups.setdefault((fmt, source), []).append(i)
    return groups


def clean_corpus(records: Sequence[tuple[str | None, str | None, str | None, str | None]],
                 forms: bool = True) -> list[str]:
    """Clean ``(source_format, source, title, text)`` records.

    Lines that many items of one source repeat are dropped; a source that masks personal data
    (``redacted_source``) loses its redaction marks; ``forms``: one that holds issue forms loses its form text
    (``source_cleaner``).
    """
    out: list[str] = [""] * len(records)
    for (fmt, _), indices in _groups(records).items():
        clean = source_cleaner(fmt, [records[i][3] for i in indices], forms)
        for i in indices:
            out[i] = clean(records[i][2], records[i][3])
    return out


Views = Callable[[str | None, str | None], tuple[str, str]]


def source_views(source_format: str | None, texts: Sequence[str | None]) -> Views:
    """For the items of one source whose bodies are ``texts``: (title, text) -> (embedded, read), in one pass.

    ``embedded`` is ``source_cleaner(..., forms=False)``'s text, ``read`` ``source_cleaner``'s (the same string
    for a source without issue forms). The rules both views share at their start (all of the embedded rules for
    an issue format: the read view adds ``form_fields``) run once per text, and so does the title."""
    redacted = redacted_source(texts)
    plain = boilerplate_lines(texts)
    embedded_rules = _rule_chain(source_format, redacted, False)
    if not form_rules(source_format, texts):
        def one_view(title: str | None, text: str | None) -> tuple[str, str]:
            embedded = _joined(title, text, _head(title), _finish(_apply(_lines(text), embedded_rules), plain, None))
            return embedded, embedded
        return one_view
    shared = boilerplate_lines(texts, FORM_REPEAT_SHARE, key=_line_key)
    read_rules = _rule_chain(source_format, redacted, True)
    common = 0
    while common < min(len(embedded_rules), len(read_rules)) and embedded_rules[common] == read_rules[common]:
        common += 1
    prefix, embedded_rest, read_rest = embedded_rules[:common], embedded_rules[common:], read_rules[common:]

    def two_views(title: str | None, text: str | None) -> tuple[str, str]:
        start = _apply(_lines(text), prefix)
        head = _head(title)
        return (_joined(title, text, head, _finish(_apply(start, embedded_rest), plain, None)),
                _joined(title, text, head, _finish(_apply(start, read_rest), shared, _line_key, True)))
    return two_views


def clean_views(records: Sequence[tuple[str | None, str | None, str | None, str | None]]
                ) -> tuple[list[str], list[str]]:
    """(embedded, read): ``clean_corpus`` without and with ``forms``, in one pass per text (``source_views``; the
    same strings for a source without issue forms). Form text out of the vectors lowered theme quality (NMI on
    nlbse24: bug reports share their form), so only labels and keywords are read without it."""
    embedded: list[str] = [""] * len(records)
    read: list[str] = [""] * len(records)
    for (fmt, _), indices in _groups(records).items():
        views = source_views(fmt, [records[i][3] for i in indices])
        for i in indices:
            embedded[i], read[i] = views(records[i][2], records[i][3])
    return embedded, read
