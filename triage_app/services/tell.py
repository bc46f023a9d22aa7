"""Closing the loop: "Tell people" what became of what they said.

For a theme, or a selection of items, ``draft`` writes an update in Markdown (what people reported,
with a few representative quotes redacted as the workspace's privacy setting asks for exports, and
what was done: the status and the notes of its status changes), in the workspace's language or the
one asked for, and lists the people to tell with where to reach them (author, source, link to their
issue, post or ticket). ``export`` writes the update, a CSV of the people for mail-merge and one
Markdown file per source; ``mark_told`` records in the status history that they were told, so the
same theme is not announced twice (``draft`` reports earlier announcements in ``already_told``).

The recipients list is contact data by purpose: it carries the authors' handles as imported (a
redacted address cannot be written to); the draft, meant to be published, never names anyone.
"""
from __future__ import annotations

import csv
import html
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..domain import DECIDED_STATUSES
from ..store import queries
from ..store import tell_queries as tq
from .privacy import load_settings, readable_quote, redact_for_export
from .source_labels import source_label, sources_line

#: Statuses worth telling people about (the work is decided or done).
TELLABLE = DECIDED_STATUSES
LANGUAGES = ("en", "zh")
CSV_COLUMNS = ("name", "contact", "source_format", "source", "link", "item_id", "external_id", "status", "reported_at")
_EMAIL_KEY = re.compile(r"e-?mail|邮箱", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff]")


class TellError(ValueError):
    """Bad input: no such theme or items, nothing to tell, unknown language (the message says which)."""


@dataclass
class Recipient:
    name: str  # the author as imported ("" when the source does not say who)
    contact: str  # an e-mail address the item or its survey response carries, else ""
    source_format: str
    source: str
    link: str
    item_id: int
    external_id: str
    status: str
    reported_at: str


@dataclass
class TellDraft:
    title: str
    lang: str
    markdown: str
    recipients: list[Recipient]
    quotes: list[dict]
    items: int
    unreachable: int  # items with neither an author, an address nor a link
    already_told: list[dict] = field(default_factory=list)
    theme_id: int | None = None
    item_ids: list[int] = field(default_factory=list)
    status: str = ""

    def as_json(self) -> dict:
        out = asdict(self)
        out["recipients"] = [asdict(r) for r in self.recipients]
        return out


def clean_text(text: str | None) -> str:
    """Feedback text as shown: HTML entities decoded (``&amp;`` → ``&``), whitespace collapsed."""
    return " ".join(html.unescape(text or "").split())


def detect_language(texts: list[str]) -> str:
    """``zh`` when a fair share of the characters are Chinese, else ``en``."""
    sample = "".join(texts[:200])
    letters = sum(ch.isalpha() for ch in sample) or 1
    return "zh" if len(_CJK.findall(sample)) / letters > 0.3 else "en"


def _contact(item: dict) -> str:
    for attrs in (item.get("attributes") or {}, item.get("respondent_attributes") or {}):
        for key, value in attrs.items():
            if _EMAIL_KEY.search(str(key)) and isinstance(value, str) and "@" in value:
                return value.strip()
    author = (item.get("author") or "").strip()
    return author if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", author) else ""


def recipients(items: list[dict]) -> tuple[list[Recipient], int]:
    """One recipient per person and source (bots left out); and how many items nobody can be traced for."""
    out: dict[tuple, Recipient] = {}
    unreachable = 0
    for item in items:
        if item.get("author_is_bot"):
            continue
        name, contact, link = (item.get("author") or "").strip(), _contact(item), (item.get("link") or "").strip()
        if not (name or contact or link):
            unreachable += 1
            continue
        key = (item["source_format"], name or contact) if (name or contact) else (item["source_format"], link)
        if key in out:
            continue
        out[key] = Recipient(name, contact, item["source_format"], item.get("source") or "", link, item["id"],
                             item.get("external_id") or "", item.get("status") or "", (item.get("created_at") or "")[:10])
    return list(out.values()), unreachable


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+|[\u3400-\u9fff]", text.lower()))


_MARKUP = re.compile(r"```+|`|^#+\s*|\s#{2,}\s*|\*\*|!\[[^\]]*\]\([^)]*\)")


def quote_of(item: dict) -> str:
    """What a person said, as one line: an issue's title (its body is mostly a template), else the
    text; entities decoded, Markdown markers dropped."""
    title = clean_text(item.get("title"))
    text = title if title and len(title) >= 12 else clean_text(item.get("text"))
    return " ".join(_MARKUP.sub(" ", text).split())


def choose_quotes(items: list[dict], preferred: list[int], settings, limit: int = 3) -> list[dict]:
    """A few representative quotes: the theme's representative items first, then readable texts;
    near-repeats skipped; redacted for export and entity-decoded."""
    by_id = {i["id"]: i for i in items}
    ordered = [by_id[i] for i in preferred if i in by_id] + sorted(
        items, key=lambda i: (not 30 <= len(i.get("text") or "") <= 400))
    chosen: list[dict] = []
    seen: list[Any] = []
    texts: set[str] = set()
    for item in ordered:
        text = quote_of(item)
        tokens = _tokens(text)
        if not tokens or text in texts or any(len(tokens & s) / max(1, min(len(tokens), len(s))) > 0.6 for s in seen):
            continue
        texts.add(text)
        seen.append(tokens)
        if len(text) > 280:
            text = text[:280].rstrip() + "…"
        chosen.append({"item_id": item["id"], "text": readable_quote(redact_for_export(text, settings)),
                       "source": source_label(_source_of(item)),
                       "date": (item.get("created_at") or "")[:10]})
        if len(chosen) >= limit:
            break
    return chosen


def _source_of(item: dict) -> str:
    """A table's items by the name of their file or import ("Table" says nothing); others by importer."""
    return item.get("source") or "generic" if item["source_format"] == "generic" else item["source_format"]


def _source_names(items: list[dict], tr=None) -> str:
    return sources_line((_source_of(i) for i in items), tr)


def compose(tr, *, title: str, status: str, items: list[dict], quotes: list[dict], done: list[str]) -> str:
    """The update in Markdown."""
    dates = sorted(d for d in ((i.get("created_at") or "")[:10] for i in items) if d)
    lines = [f"# {tr('Update: {title}', title=title)}", "",
             f"**{tr('Status')}:** {tr(status)}", "", f"## {tr('What you told us')}", ""]
    if len(items) == 1:
        lines.append(tr("One report on {a} (from {s}).", a=dates[0], s=_source_names(items, tr)) if dates
                     else tr("One report (from {s}).", s=_source_names(items, tr)))
    elif dates and dates[0] == dates[-1]:
        lines.append(tr("{n} reports on {a} (from {s}).", n=f"{len(items):,}", a=dates[0], s=_source_names(items, tr)))
    elif dates:
        lines.append(tr("{n} reports between {a} and {b} (from {s}).", n=f"{len(items):,}", a=dates[0], b=dates[-1],
                        s=_source_names(items, tr)))
    else:
        lines.append(tr("{n} reports (from {s}).", n=f"{len(items):,}", s=_source_names(items, tr)))
    lines.append("")
    for q in quotes:
        where = ", ".join(x for x in (source_label(q["source"], tr), q["date"]) if x)
        lines += [f"> “{q['text']}”", f"> — {where}", ""]
    lines += [f"## {tr('What we did')}", ""]
    if done:
        lines += [f"- {d}" for d in done]
    else:
        lines.append(tr(TEMPLATE_BY_STATUS.get(status, "_Describe what was done here._")))
    lines += ["", tr("Thank you for telling us. Reply to this message if something is still not right."), ""]
    return "\n".join(lines)


TEMPLATE_BY_STATUS = {
    "resolved": "We fixed this. _Describe the change and the version it ships in._",
    "planned": "This is planned. _Say when you expect it._",
    "in progress": "We are working on this. _Say what is changing._",
    "won't fix": "We decided not to change this. _Say why._",
    "duplicate": "This is tracked with another report. _Link it here._",
}


def draft(conn, theme_id: int | None = None, item_ids: list[int] | None = None, lang: str | None = None,
          quotes: int = 3) -> TellDraft:
    """The update and the people to tell, for a theme or for a selection of items."""
    if lang is not None and lang not in LANGUAGES:
        raise TellError(f"--lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    settings = load_settings(conn)
    if theme_id is not None:
        theme = tq.theme(conn, theme_id)
        if theme is None:
            raise TellError(f"no theme with id {theme_id}")
        rows = tq.theme_items(conn, theme_id)
        title, status, preferred = theme["label"], theme["status"], theme["quotes"]
        notes = tq.notes(conn, theme_id=theme_id)
        told = tq.told(conn, theme_id=theme_id)
    else:
        ids = [int(i) for i in item_ids or []]
        if not ids:
            raise TellError("choose a theme or some items to tell people about")
        rows = tq.items(conn, ids)
        if not rows:
            raise TellError(f"no items with ids {', '.join(map(str, ids[:5]))}")
        first = rows[0]
        title = clean_text(first.get("title")) or clean_text(first.get("text"))[:60]
        statuses = [r["status"] for r in rows]
        status = max(set(statuses), key=statuses.count)
        preferred, notes = [], tq.notes(conn, item_ids=ids)
        told = tq.told(conn, item_ids=ids)
    if not rows:
        raise TellError(f"theme {theme_id} has no items: nobody to tell")
    lang = lang or detect_language([r.get("text") or "" for r in rows])
    tr = _tr(lang)
    title = redact_for_export(clean_text(title), settings) or tr("your feedback")
    chosen = choose_quotes(rows, preferred, settings, quotes)
    done = list(dict.fromkeys(redact_for_export(n["note"].strip(), settings) or "" for n in notes))[:5]
    people, unreachable = recipients(rows)
    markdown = compose(tr, title=title, status=status, items=rows, quotes=chosen, done=done)
    return TellDraft(title, lang, markdown, people, chosen, len(rows), unreachable, told, theme_id,
                     [r["id"] for r in rows] if theme_id is None else [], status)


def _tr(lang: str):
    from .briefing_pages import Tr  # loads matplotlib (the briefing's charts): only when a draft is written

    return Tr(lang)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")[:40] or "source"


def export(d: TellDraft, folder: str | Path, markdown: str | None = None) -> list[Path]:
    """Write ``update.md``, ``recipients.csv`` (UTF-8 with BOM, for spreadsheet mail-merge) and one
    ``update-<source>.md`` per source (the update, then the people of that source with their links)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    text = markdown if markdown is not None else d.markdown
    tr = _tr(d.lang)
    written = [folder / "update.md", folder / "recipients.csv"]
    written[0].write_text(text, encoding="utf-8")
    with open(written[1], "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)
        for r in d.recipients:
            writer.writerow([_cell(getattr(r, c)) for c in CSV_COLUMNS])
    by_source: dict[str, list[Recipient]] = {}
    for r in d.recipients:
        by_source.setdefault(r.source_format, []).append(r)
    for fmt, people in by_source.items():
        path = folder / f"update-{_slug(fmt)}.md"
        where_from = sources_line(dict.fromkeys(_source_of({"source_format": fmt, "source": r.source}) for r in people), tr)
        lines = [text.rstrip(), "", "---", "", f"## {tr('People to tell on {s}', s=where_from)}", ""]
        for r in people:
            who = r.name or r.contact or tr("(no name)")
            where = r.link or r.contact or r.source or r.external_id
            lines.append(f"- {who}" + (f" — {where}" if where and where != who else ""))
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    return written


def _cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (the exports' one rule)."""
    from .exporting import neutralise

    return neutralise("" if value is None else str(value))


def redact_recipients(d: TellDraft, redact) -> TellDraft:
    """``d`` with the people's names, addresses and links passed through ``redact`` (text -> text):
    the output policy hides who they are unless the user opts out (``--no-redact``)."""
    from dataclasses import replace

    people = [replace(r, name=redact(r.name) if r.name else r.name, contact=redact(r.contact) if r.contact else "",
                      link=redact(r.link) if r.link else r.link) for r in d.recipients]
    return replace(d, recipients=people)


def mark_told(conn, d: TellDraft, channel: str = "") -> int:
    """Record that the people were told (a status-history note on the theme or on each item)."""
    note = f"{tq.TOLD_PREFIX} {len(d.recipients)} people" + (f" via {channel}" if channel else "")
    with queries.transaction(conn):
        return tq.record_told(conn, note, theme_id=d.theme_id, item_ids=d.item_ids)


def is_tellable(status: str) -> bool:
    """Whether the work is decided or done (planned, in progress, resolved, won't fix, duplicate)."""
    return status in TELLABLE
