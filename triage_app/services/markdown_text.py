"""Markdown in feedback: whether an item's text is Markdown (a GitHub or GitLab issue body, an issue exported as a
table) and that text made ready to render in the app's detail pane (ui.formatting.markdown_html renders it with
Qt's own Markdown reader, raw HTML shown as text).

Reviews and survey answers are not Markdown: "5* app, **really**" stays as written."""
from __future__ import annotations

import re

#: formats whose texts are written in Markdown
MARKDOWN_FORMATS = frozenset({"github", "github_cli", "gitlab", "github_discussions"})

#: signs of Markdown that a review or an answer does not have: a heading, a code fence, a link or an image, an
#: HTML comment (issue templates), a task-list box
_STRONG = re.compile(r"^ {0,3}#{1,6} \S|^ {0,3}(?:```|~~~)|!?\[[^\]\n]*\]\([^)\s]+\)|<!--|^ {0,3}[-*+] \[[ xX]\] ", re.M)
#: weaker signs: bold, inline code, a list
_WEAK = re.compile(r"(?P<bold>\*\*\S[^*\n]*\*\*)|(?P<code>`[^`\n]+`)|(?P<list>^ {0,3}(?:[-*+]|\d+\.) \S)", re.M)

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_LINK = re.compile(r"(?<!!)\[([^\]\n]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HEADING = re.compile(r"^( {0,3})#{1,6}(?= )", re.M)
#: harmless tags of issue templates, shown as text otherwise: <br> is a line break, the others only wrap text
_BREAK = re.compile(r"<br\s*/?>", re.I)
_WRAPPERS = re.compile(r"</?(?:details|summary|b|i|em|strong|sub|sup|kbd|p|div|span)(?:\s[^<>]*)?>", re.I)
_WEB = ("https://", "http://")
#: a fenced code block, up to its closing fence or the end of the text (one capture: re.split keeps it)
_FENCED = re.compile(r"(^ {0,3}(?:```|~~~)[^\n]*\n.*?(?:^ {0,3}(?:```|~~~)[ \t]*$|\Z))", re.M | re.S)


def is_markdown(text: str | None, source_format: str | None = None) -> bool:
    """True when ``text`` reads as Markdown: of a Markdown format with any sign of it, else (an issue exported
    as a table) with a heading, fence, link, image, HTML comment or task box, or two weaker signs."""
    if not text:
        return False
    if _STRONG.search(text):
        return True
    weak = {m.lastgroup for m in _WEAK.finditer(text)}
    return len(weak) >= (1 if source_format in MARKDOWN_FORMATS else 2)


def for_display(text: str) -> str:
    """The Markdown as the detail pane renders it: HTML comments dropped (GitHub does not show them either),
    headings made small (the item's title is the heading), an image as a link to it, a link that is not to
    a web page as its text only, and template tags (<details>, <b>, <br>) as the text they wrap."""
    parts = _FENCED.split(_COMMENT.sub("", text))  # code blocks (odd parts) are kept as they are
    return "".join(part if odd % 2 else _prose(part) for odd, part in enumerate(parts))


def _prose(text: str) -> str:
    text = _BREAK.sub("\n", _WRAPPERS.sub("", text))
    text = _HEADING.sub(lambda m: m.group(1) + "####", text)
    text = _IMAGE.sub(lambda m: _link(m.group(1) or "image", m.group(2)), text)
    return _LINK.sub(lambda m: _link(m.group(1), m.group(2)), text)


def _link(label: str, url: str) -> str:
    return f"[{label or url}]({url})" if url.lower().startswith(_WEB) else label
