"""Only feedback becomes items: non-answers, choice columns and files that are not tables.

- A non-answer ("N/A", "none", "-", "无", "不知道"...) is an answer to a question, not feedback:
  surveys keep it as the respondent's attribute, tables skip the row (counted in the summary).
- A choice column (few distinct values, or multi-select answers joined by ┋ ; | 、) is a segment.
- A file that is not a table (XML, a prose text file, nested JSON records without a mapping) is
  refused with what to do, instead of becoming items made of markup or dict printouts.
"""
from __future__ import annotations

import html
import re

def decode_entities(text: str) -> str:
    """HTML entities in exported text ("&amp;", "&#39;") as the characters they stand for."""
    return html.unescape(text) if "&" in text else text


SKIP_EMPTY = "empty texts"
SKIP_NON_ANSWER = "non-answers (无, 没有, N/A...)"  # the same words as the Chinese survey importers
_NON_ANSWERS = {
    "n/a", "na", "n.a", "n.a.", "none", "nil", "null", "nothing", "no", "nope", "-", "--", "---", "—", ".", "..", "...",
    "/", "//", "?", "x", "not applicable", "no comment", "no comments", "nothing else", "nothing to add", "not sure",
    "don't know", "dont know", "do not know", "idk", "no opinion", "nothing really", "no answer", "not at this time",
    "无", "没有", "暂无", "不知道", "无意见", "没意见", "没有意见", "无建议", "没有建议", "暂时没有", "不清楚", "略", "无所谓",
    "没", "不", "否", "空", "无。", "没有。", "（空）", "(空)", "(跳过)", "（跳过）", "跳过",
}
_TRAILING = " .。!！~～"
#: longest non-answer (characters): longer texts are never looked up
MAX_NON_ANSWER = max(map(len, _NON_ANSWERS)) + 2


def is_non_answer(text: str) -> bool:
    """``text`` already stripped."""
    return len(text) <= MAX_NON_ANSWER and (text.lower() in _NON_ANSWERS or text.lower().rstrip(_TRAILING) in _NON_ANSWERS)


_MULTI_SEPARATORS = ("┋", ";", "|", "、", ", ")
CHOICE_HINT = re.compile(r"check all that apply|select all that apply|choose all that apply|all that apply|"
                         r"multiple choice|\(multi|多选|可多选|【多选题】|\[多选题\]|多项选择", re.I)


def multi_select(values: list[str]) -> bool:
    """Multi-select answers: joined by a separator, drawn from a small set of options."""
    values = [decode_entities(v) for v in values]  # the ";" of "&amp;" separates nothing
    if any("┋" in v for v in values):
        return True  # Wenjuanxing's multi-select separator: never in free text
    n = len(values)
    if n < 3:
        return False
    for sep in _MULTI_SEPARATORS:
        joined = [v for v in values if sep in v]
        if len(joined) < n / 2:
            continue
        parts = [p.strip().lower() for v in values for p in v.split(sep.strip() or sep) if p.strip()]
        if parts and len(set(parts)) <= max(3, 0.3 * len(parts)) and max(map(len, parts)) <= 60:
            return True
    return False


_PROSE_SUFFIXES = (".txt", ".md", ".markdown", ".rst", ".log", ".text")


def not_a_table(name: str, text_head: str, rows: list[list[str]]) -> str | None:
    """Why a file read as CSV is not a table, with what to do; None when it is one."""
    start = text_head.lstrip("\ufeff \t\r\n")[:200].lower()
    if start.startswith(("<?xml", "<rss", "<feed", "<posts", "<html", "<!doctype", "<root", "<export")) \
            or (start.startswith("<") and ">" in start[:100] and not start.startswith("<<")):
        return ("is an XML or HTML file, not a table: export the data as CSV, XLSX or JSON, or choose the importer "
                "for its format with --format (a Stack Exchange Posts.xml has its own)")
    if not rows:
        return None
    widths = [len([c for c in r if c.strip()]) for r in rows[:20]]
    single = sum(1 for w in widths if w <= 1) >= 0.8 * len(widths)
    ragged = max(widths.count(w) for w in set(widths)) < 0.8 * len(widths)  # no consistent columns
    header = rows[0][0].strip() if rows[0] else ""
    prose = len(header) > 50 and " " in header or header.startswith(("#", "=", "*"))
    if (single and prose) or (name.lower().endswith(_PROSE_SUFFIXES) and (single or ragged or widths[0] <= 1)):
        return ("is a text document, not a table (no columns, no header row): to import its lines as feedback, "
                "save them as a CSV with a header such as 'text'")
    return None


def nested_json(samples: list[dict]) -> list[str]:
    """Fields of sample records that hold lists of objects (what a generic table cannot show)."""
    fields = []
    for record in samples:
        for key, value in record.items():
            if isinstance(value, list) and value and isinstance(value[0], (dict, list)) and key not in fields:
                fields.append(key)
    return fields
