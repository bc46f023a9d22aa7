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


def test_precision_and_recall_on_the_issue_16_set():
    """Names, addresses, Chinese IDs, IBANs, handles, IDN e-mails, national phones and look-alikes
    (tests/fixtures/pii_cases_2.jsonl): "tune" was tuned on, "heldout" was written after the tuning."""
    pii_eval = _pii_eval()
    cases = pii_eval.load_cases(pii_eval.CASES_2)
    tune = [c for c in cases if c["split"] == "tune"]
    heldout = [c for c in cases if c["split"] == "heldout"]
    assert len(cases) >= 500 and len(heldout) >= 200 and sum(1 for c in cases if not c["pii"]) >= 150
    labelled = {kind for c in heldout for kind, _ in c["pii"]}
    assert labelled == set(pii_eval.KINDS)
    t, h = pii_eval.evaluate(tune), pii_eval.evaluate(heldout)
    old = pii_eval.evaluate(heldout, pii_eval._baseline())
    # Floors just under today's figures (session 4 looked at this part's misses: see the untuned test).
    assert t["recall"] > 0.97 and t["precision"] > 0.97
    assert h["recall"] > 0.97 and h["precision"] > 0.97
    assert h["recall"] > old["recall"] + 0.5 and h["precision"] > old["precision"]


@pytest.mark.parametrize("path_name, split", [("CASES_3", "untuned4"), ("CASES_4", "fresh4")])
def test_precision_and_recall_on_the_session_4_parts(path_name, split):
    """tests/fixtures/pii_cases_3.jsonl ("untuned4", written after session 4's first round of tuning;
    its misses were seen before the second round) and pii_cases_4.jsonl ("fresh4", written after the
    second round, never tuned on: the honest figures). Goal 0.95 / 0.95."""
    pii_eval = _pii_eval()
    cases = pii_eval.load_cases(getattr(pii_eval, path_name))
    assert len(cases) >= 200 and sum(1 for c in cases if not c["pii"]) >= 80
    assert {c["split"] for c in cases} == {split}
    assert {kind for c in cases for kind, _ in c["pii"]} == set(pii_eval.KINDS)
    assert sum(1 for c in cases if any("\u4e00" <= ch <= "\u9fff" for ch in c["text"])) >= 50
    now = pii_eval.evaluate(cases)
    assert now["recall"] > 0.93 and now["precision"] > 0.96
    assert now["per_kind"]["NAME"]["recall"] > 0.88  # the session 3 detector: 0.50 on both


@pytest.mark.parametrize("text, expected", [
    ("My name is John Smith, call 0412 345 678.", "My name is [NAME], call [PHONE]."),
    ("我叫张伟，住在北京市朝阳区建国路88号3号楼501室", "我叫[NAME]，住在[ADDRESS]"),
    ("身份证11010519491231002X", "身份证[ID]"),
    ("IBAN DE89 3704 0044 0532 0130 00 please", "IBAN [IBAN] please"),
    ("ping @octocat about @param", "ping [HANDLE] about @param"),
    ("fe80::1. and 2001:db8::1, ok", "[IP]. and [IP], ok"),
    ("mail 用户@例子.中国请回复", "mail [EMAIL]请回复"),
    ("+91 98765 43210 and 090-1234-5678", "[PHONE] and [PHONE]"),
    # session 4: names beyond the US census (Faker's lists), pinyin, weaker Chinese cues, dotted handles
    ("Cheers,\nBandile Nkosi", "Cheers,\n[NAME]"),
    ("Hi Thandiwe, the report is empty.", "Hi [NAME], the report is empty."),
    ("Obinna Okafor and Mateus Oliveira see it too.", "[NAME] and [NAME] see it too."),
    ("Chen Jing cannot upload.", "[NAME] cannot upload."),
    ("Greta from accounting asked.", "[NAME] from accounting asked."),
    ("多谢吴芳帮忙。", "多谢[NAME]帮忙。"),
    ("客服小赵很耐心", "客服[NAME]很耐心"),
    ("tag @k.tanaka please", "tag [HANDLE] please"),
    ("Listening on [::1]:5000", "Listening on [[IP]]:5000"),
])
def test_new_kinds(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", [
    "Version 1.2.3.4 crashed", "Order 123456789012345678 late", "订单号：768467176167835287，一直没有发货。",
    "Will Update fix this?", "项目经理说下周上线。", "王者荣耀的皮肤太贵了。", "@Override public void run() {}",
    "谢谢商家，送餐很快。", "联系方式在哪里？", "不是高峰期也很慢", "@tf.function\ndef step(x):", "after adding @pytest.fixture it fails",
    "Model Name: MacBook Air", "in div (created by Container)", "- Link to the docs", "Call Link is broken",
    "My Good experience", "icon@2x.png is blurry", "Lot 4580730215736812 expired",
])
def test_look_alikes_are_left_alone(text):
    assert redact(text) == text
