"""PII detection: typed placeholders on known cases, and precision/recall on the labelled set
tests/fixtures/pii_cases.jsonl (281 texts, English and Chinese, 84 without personal data)."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from analysis.pii import PLACEHOLDERS, find_pii, luhn_ok, redact

ROOT = Path(__file__).resolve().parents[2]


def _pii_eval():
    spec = importlib.util.spec_from_file_location("pii_eval", ROOT / "bench" / "pii_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("text, expected", [
    ("mail john.doe+x@example.co.uk now", "mail [EMAIL] now"),
    ("我的手机号13812345678，谢谢", "我的手机号[PHONE]，谢谢"),
    ("call +86 138 1234 5678 or 010-12345678", "call [PHONE] or [PHONE]"),
    ("US (415) 555-2671, UK +44 20 7946 0958", "US [PHONE], UK [PHONE]"),
    ("from 192.168.1.20 and 2001:db8::ff00:42:8329", "from [IP] and [IP]"),
    ("IP地址172.16.254.1无法登录", "IP地址[IP]无法登录"),
    ("card 4111 1111 1111 1111 failed", "card [CARD] failed"),
    ("https://x.example/reset?token=abc123&lang=en", "https://x.example/reset?token=[TOKEN]&lang=en"),
    ("https://bob:hunter2@git.example.com/r.git", "https://bob:[TOKEN]@git.example.com/r.git"),
])
def test_redacts_with_typed_placeholders(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", [
    "Version 2.10.3 crashed on 2024-03-05 10:15:22", "Order #20231105 never arrived", "v1.2.3.4 released",
    "card 4111 1111 1111 1112 fails Luhn", "std::vector<int> and 16:9 at 10:30:45", "价格从¥1380涨到了¥1580",
    "Our invoice INV-2024-000123 was wrong", "https://example.com/search?q=token+expired",
])
def test_leaves_numbers_that_are_not_personal_data(text):
    assert find_pii(text) == [], find_pii(text)


def test_luhn():
    assert luhn_ok("4111111111111111") and not luhn_ok("4111111111111112")


def test_kinds_can_be_chosen_and_empty_text_passes_through():
    text = "a@b.com 13812345678"
    assert redact(text, kinds=["EMAIL"]) == "[EMAIL] 13812345678"
    assert redact("") == "" and redact(None) is None
    assert set(PLACEHOLDERS.values()) == {"[EMAIL]", "[PHONE]", "[IP]", "[CARD]", "[TOKEN]", "[ID]", "[IBAN]",
                                          "[HANDLE]", "[NAME]", "[ADDRESS]"}
    with pytest.raises(ValueError):
        find_pii("x", kinds=["PASSPORT"])


def test_precision_and_recall_on_the_labelled_set():
    pii_eval = _pii_eval()
    cases = pii_eval.load_cases()
    assert len(cases) >= 200 and sum(1 for c in cases if not c["pii"]) >= 50
    assert any("\u4e00" <= ch <= "\u9fff" for c in cases for ch in c["text"])
    # This set labels only the first five kinds (names in it are not labelled).
    everything = pii_eval.evaluate(cases, kinds=pii_eval.KINDS_V1)
    holdout = pii_eval.evaluate([c for c in cases if c.get("split") == "holdout"], kinds=pii_eval.KINDS_V1)
    print(f"all: precision {everything['precision']:.3f} recall {everything['recall']:.3f}; "
          f"holdout: precision {holdout['precision']:.3f} recall {holdout['recall']:.3f}")
    assert everything["recall"] > 0.95 and everything["precision"] > 0.9
    assert holdout["recall"] > 0.95 and holdout["precision"] > 0.9
