"""Precision and recall of analysis.pii on the labelled set tests/fixtures/pii_cases.jsonl.

    .venv/bin/python bench/pii_eval.py          # prints a table; --misses lists what was missed

The "dev" cases were written first and the detector tuned on them; the "holdout" cases were
written afterwards and never tuned on, so their figures are the honest estimate.

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
sys.path.insert(0, str(ROOT))

from analysis.pii import KINDS, find_pii  # noqa: E402


def load_cases(path: Path = CASES) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(cases: list[dict]) -> dict:
    tp, fp, fn = Counter(), Counter(), Counter()
    misses, false_alarms = [], []
    for case in cases:
        text = case["text"]
        found = find_pii(text)
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


def main() -> None:
    cases = load_cases()
    for split in ("dev", "holdout"):
        part = evaluate([c for c in cases if c.get("split", "dev") == split])
        print(f"{split}: {part['cases']} cases, {part['labels']} labels: precision {part['precision']:.3f},"
              f" recall {part['recall']:.3f}")
    started = time.perf_counter()
    result = evaluate(cases)
    seconds = time.perf_counter() - started
    print(f"{result['cases']} cases ({result['labels']} labelled findings, {result['negatives']} texts without any)")
    print("| kind | labelled | found right | false alarms | precision | recall |")
    print("|---|---|---|---|---|---|")
    for kind, r in result["per_kind"].items():
        print(f"| {kind} | {r['tp'] + r['fn']} | {r['tp']} | {r['fp']} | {r['precision']:.3f} | {r['recall']:.3f} |")
    print(f"| **all** | {result['labels']} | {result['labels'] - len(result['misses'])} | {len(result['false_alarms'])}"
          f" | **{result['precision']:.3f}** | **{result['recall']:.3f}** |")
    print(f"\n{seconds * 1000 / len(cases):.2f} ms per text on average")
    if "--misses" in sys.argv:
        for kind, value, text in result["misses"]:
            print(f"MISS {kind}: {value!r} in {text!r}")
        for kind, value, text in result["false_alarms"]:
            print(f"FALSE {kind}: {value!r} in {text!r}")


if __name__ == "__main__":
    main()
