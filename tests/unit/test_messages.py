"""Importer messages in Chinese (issue 17): every message the importers and the import service can
word has a translation in resources/translations/messages_zh_CN.json, and messages built from
other messages or prefixed with a file and row are translated piece by piece."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from triage_app.messages import has_translation, localize

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "triage_app" / "importers").glob("*.py")) + [
    ROOT / "triage_app" / p for p in ("services/importing.py", "services/reading.py", "services/preview.py",
                                       "store/disk.py", "rows.py", "domain.py")]
#: calls whose argument at this position reaches the user as a message
MESSAGE_CALLS = {"Rejected": 1, "Skipped": 1, "ImportFailure": 1, "EncodingUncertain": 1, "fail": 0, "ValueError": 0,
                 "note": 1, "EncodingGuess": 1, "EncodingDoubt": 1, "TooDeep": 0, "_uncertain": 0}
#: functions whose returned strings are messages
MESSAGE_FUNCTIONS = {"too_many_cells", "unstorable", "bad_field", "checked_score", "_rating", "not_a_table",
                     "too_long_message", "disk_full_message", "check"}


def _template(node) -> str | None:
    """The message a string or f-string makes, its formatted values as {0}, {1}..."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts, n = [], 0
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(value.value)
            else:
                parts.append("{%d}" % n)
                n += 1
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _template(node.left), _template(node.right)
        return None if left is None or right is None else left + right
    return None


def _messages() -> dict[str, str]:
    found: dict[str, str] = {}

    def add(node, where):
        for candidate in ([node.body, node.orelse] if isinstance(node, ast.IfExp) else
                          node.elts if isinstance(node, ast.Tuple) else [node]):
            text = _template(candidate)
            if text and any(c.isalpha() for c in text) and text not in ("warning", "skipped"):
                found.setdefault(text, where)

    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            where = f"{path.name}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in MESSAGE_CALLS and len(node.args) > MESSAGE_CALLS[name]:
                    add(node.args[MESSAGE_CALLS[name]], where)
            elif isinstance(node, ast.FunctionDef) and node.name in MESSAGE_FUNCTIONS:
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Return) and inner.value is not None:
                        add(inner.value, where)
            elif isinstance(node, ast.Assign) and any(getattr(t, "id", "").startswith(("SKIP_", "_SKIPPED"))
                                                      for t in node.targets):
                for value in (node.value.values if isinstance(node.value, ast.Dict) else [node.value]):
                    add(value, where)
    return found


def test_every_importer_message_has_a_chinese_translation():
    messages = _messages()
    assert len(messages) > 100  # the extraction finds the importers' messages
    samples = {text: _fill(text) for text in messages}
    missing = [f"{messages[t]}: {t}" for t, sample in samples.items() if not has_translation(sample, "zh")]
    assert not missing, "no Chinese for:\n" + "\n".join(missing)


def _fill(template: str) -> str:
    out, n = template, 0
    while "{%d}" % n in out:
        out = out.replace("{%d}" % n, f"V{n}x", 1)
        n += 1
    return out


@pytest.mark.parametrize("english, chinese", [
    ("Star Rating 'ten' is not 1-5", "星级 'ten' 不在 1-5 之间"),
    ("empty texts", "空白文字"),
    ("no row could be read; first problem: not a date: '31/02/2024'",
     "没有任何一行可以读取；第一个问题：不是日期：'31/02/2024'"),
    ("/tmp/x/reviews.csv, row 4: has 5 cells but the header has 3 (an unquoted delimiter in a value?)",
     "/tmp/x/reviews.csv，第 4 行: 有 5 个单元格，但表头只有 3 个（某个值中有未加引号的分隔符？）"),
    ("/tmp/empty.csv: the file is empty", "/tmp/empty.csv: 文件是空的"),
    ("Wenjuanxing 问卷星", "问卷星"),
])
def test_messages_are_translated_piece_by_piece(english, chinese):
    assert localize(english, "zh") == chinese
    assert localize(english, "zh_CN") == chinese
    assert localize(english, "en") == english  # English stays as the importers wrote it


def test_unknown_text_is_left_as_it_is():
    assert localize("a message nobody wrote a template for", "zh") == "a message nobody wrote a template for"
    assert localize(None, "zh") is None
