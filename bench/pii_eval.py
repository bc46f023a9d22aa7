"""Precision and recall of analysis.pii on the labelled sets, against the detector before issue 16
(loaded from git at commit e1a6e81) in the same run.

    .venv/bin/python bench/pii_eval.py          # prints tables; --misses lists what was missed

tests/fixtures/pii_cases.jsonl (session 2): "dev" cases tuned on, "holdout" written afterwards.
tests/fixtures/pii_cases_2.jsonl (issue 16: names, addresses, Chinese IDs, IBANs, handles, IPv6,
IDN e-mails, national phones, and texts without personal data): "tune" written first and tuned on;
"heldout" written after the tuning and never tuned on, so its figures are the honest estimate.
tests/fixtures/pii_cases_3.jsonl (session 4): "untuned4", written after the first round of session 4
tuning (international names...); its misses were then looked at and a second round was tuned, so
only its "round 1" column is an untuned figure. tests/fixtures/pii_cases_4.jsonl: "fresh4", written
after the second round and never tuned on: the honest figure for the detector now. The session 3
detector (git 295ae32) and the round 1 detector (git fad85ab) are loaded from git and scored in the
same run (``--misses`` lists the current detector's misses and false alarms).

A finding counts as correct when it has the labelled kind and covers the labelled text, reaching
at most 3 characters beyond it (a phone's "(", a trailing "%eth0"). Anything else found is a false
positive; any label not covered is a miss. The test tests/reliability/test_pii.py uses ``evaluate``.
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "fixtures" / "pii_cases.jsonl"
CASES_2 = ROOT / "tests" / "fixtures" / "pii_cases_2.jsonl"
CASES_3 = ROOT / "tests" / "fixtures" / "pii_cases_3.jsonl"
CASES_4 = ROOT / "tests" / "fixtures" / "pii_cases_4.jsonl"
SESSION_3 = "295ae32"  # the detector as session 3 left it
ROUND_1 = "fad85ab"  # session 4's first round (the commit that added pii_cases_3.jsonl)
sys.path.insert(0, str(ROOT))

from analysis.pii import KINDS, KINDS_V1, find_pii  # noqa: E402


def load_cases(path: Path = CASES) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(cases: list[dict], detector=None, kinds=None) -> dict:
    """``kinds``: only these kinds are looked for (the session 2 set labels only the first five)."""
    base = detector or find_pii
    detector = base if kinds is None else (lambda text: [s for s in base(text) if s.kind in kinds])
    tp, fp, fn = Counter(), Counter(), Counter()
    misses, false_alarms = [], []
    for case in cases:
        text = case["text"]
        found = detector(text)
        used = set()
        for kind, value in case["pii"]:
            start = text.find(value)
            end = start + len(value)
            hit = next((i for i, s in enumerate(found) if i not in used and s.kind == kind
                        and s.start <= start and s.end >= end and (start - s.start) + (s.end - end) <= 3), None)
            if hit is None:
                fn[kind] += 1
                misses.append((kind, value, text))
            else:
                used.add(hit)
                tp[kind] += 1
        for i, s in enumerate(found):
            if i not in used:
                fp[s.kind] += 1
                false_alarms.append((s.kind, s.text, text))

    def ratio(a, b):
        return a / b if b else 1.0

    per_kind = {k: {"tp": tp[k], "fp": fp[k], "fn": fn[k], "precision": ratio(tp[k], tp[k] + fp[k]),
                    "recall": ratio(tp[k], tp[k] + fn[k])} for k in KINDS}
    T, F, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    return {"cases": len(cases), "labels": T + N, "negatives": sum(1 for c in cases if not c["pii"]),
            "precision": ratio(T, T + F), "recall": ratio(T, T + N), "per_kind": per_kind,
            "misses": misses, "false_alarms": false_alarms}


def _baseline():
    sys.path.insert(0, str(ROOT / "bench"))
    from pii_at_commit import BEFORE_ISSUE_16, detector_at

    return detector_at(BEFORE_ISSUE_16)


def _at(commit: str):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from pii_at_commit import detector_at

        return detector_at(commit)
    except Exception as exc:  # noqa: BLE001 - no git history (a source tarball): skip the column
        print(f"(detector of {commit} not loadable from git: {exc})")
        return None


def _cell(cases, detector, kinds) -> str:
    if detector is None:
        return "-"
    r = evaluate(cases, detector, kinds)
    return f"{r['precision']:.3f} / {r['recall']:.3f}"


def main() -> None:
    baseline, session3, round1 = _baseline(), _at(SESSION_3), _at(ROUND_1)
    parts = [("session 2 dev", [c for c in load_cases() if c.get("split", "dev") == "dev"]),
             ("session 2 holdout", [c for c in load_cases() if c.get("split") == "holdout"]),
             ("issue 16 tune", [c for c in load_cases(CASES_2) if c["split"] == "tune"]),
             ("issue 16 heldout", [c for c in load_cases(CASES_2) if c["split"] == "heldout"]),
             ("session 4 untuned4", load_cases(CASES_3) if CASES_3.exists() else []),
             ("session 4 fresh4", load_cases(CASES_4) if CASES_4.exists() else [])]
    print("Session 2 parts are scored on the five kinds they label (EMAIL, PHONE, IP, CARD, TOKEN).\n")
    print("| part | texts | labels | no personal data | before issue 16: P / R | session 3: P / R |"
          " session 4 round 1: P / R | now: P / R |")
    print("|---|---|---|---|---|---|---|---|")
    for name, cases in parts:
        if not cases:
            continue
        kinds = KINDS_V1 if name.startswith("session 2") else None
        new = evaluate(cases, None, kinds)
        print(f"| {name} | {new['cases']} | {new['labels']} | {new['negatives']} | {_cell(cases, baseline, kinds)} |"
              f" {_cell(cases, session3, kinds)} | {_cell(cases, round1, kinds)} |"
              f" **{new['precision']:.3f} / {new['recall']:.3f}** |")
    for name, cases in parts[2:]:
        if not cases:
            continue
        started = time.perf_counter()
        result = evaluate(cases)
        seconds = time.perf_counter() - started
        old = evaluate(cases, session3) if session3 else evaluate(cases, baseline)
        print(f"\n{name}: per kind ({'session 3' if session3 else 'before issue 16'} -> now)\n")
        print("| kind | labelled | found right | false alarms | precision | recall |")
        print("|---|---|---|---|---|---|")
        for kind, r in result["per_kind"].items():
            o = old["per_kind"].get(kind, {"tp": 0, "fp": 0, "precision": 1.0, "recall": 0.0})
            print(f"| {kind} | {r['tp'] + r['fn']} | {o['tp']} -> {r['tp']} | {o['fp']} -> {r['fp']} |"
                  f" {o['precision']:.3f} -> {r['precision']:.3f} | {o['recall']:.3f} -> {r['recall']:.3f} |")
        print(f"| **all** | {result['labels']} | {old['labels'] - len(old['misses'])} -> "
              f"{result['labels'] - len(result['misses'])} | {len(old['false_alarms'])} -> {len(result['false_alarms'])}"
              f" | {old['precision']:.3f} -> **{result['precision']:.3f}** | {old['recall']:.3f} -> **{result['recall']:.3f}** |")
        print(f"\n{seconds * 1000 / len(cases):.2f} ms per text on average (after the name lists are loaded)")
        if "--misses" in sys.argv:
            for kind, value, text in result["misses"]:
                print(f"MISS {kind}: {value!r} in {text!r}")
            for kind, value, text in result["false_alarms"]:
                print(f"FALSE {kind}: {value!r} in {text!r}")


if __name__ == "__main__":
    main()
