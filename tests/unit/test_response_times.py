"""Response and resolution times against hand-computed values (../shared/docs/metrics.md)."""
from __future__ import annotations

import numpy as np
import pytest

from analysis import response_times as rt
from analysis.periods import to_epoch

H = 3600.0


def test_first_response_skips_the_author_bots_and_ignored_users():
    t0 = to_epoch("2024-01-01T00:00:00Z")
    events = [
        (t0 + 1 * H, "Alice", False),  # the author's own comment (case differs)
        (t0 + 2 * H, "renovate[bot]", False),  # a bot by name
        (t0 + 3 * H, "ci-helper", True),  # a bot by flag
        (t0 + 4 * H, "triager", False),  # on the ignore list
        (None, "someone", False),  # no time
        (t0 + 6 * H, "bob", False),
        (t0 + 5 * H, "carol", False),
    ]
    assert rt.first_response_at("alice", events) == t0 + 4 * H
    assert rt.first_response_at("alice", events, ignore=["TRIAGER"]) == t0 + 5 * H
    assert rt.first_response_at("alice", events[:3]) is None


def test_summary_mean_median_and_numpy_linear_p90():
    s = rt.summarize(np.array([1, 2, 3, 4, 10]) * H)
    assert (s.n, s.waiting) == (5, 0)
    assert s.mean_s == 4 * H and s.median_s == 3 * H
    assert s.p90_s == pytest.approx(7.6 * H)  # position 0.9 * 4 = 3.6: 4 + 0.6 * (10 - 4)
    assert s.km_median_s == 3 * H  # nothing censored: the KM median is the plain median


def test_kaplan_meier_median_treats_waiting_items_as_censored():
    # events at 1, 2, 3; waiting since 2.5, 10, 10. S(1) = 5/6, S(2) = 5/6 * 4/5 = 2/3,
    # S(3) = 2/3 * 2/3 = 4/9 <= 0.5 -> median 3 (the plain median of the answered ones is 2)
    s = rt.summarize(np.array([1.0, 2.0, 3.0]), np.array([2.5, 10.0, 10.0]))
    assert (s.n, s.waiting, s.median_s, s.km_median_s) == (3, 3, 2.0, 3.0)


def test_kaplan_meier_median_undefined_when_most_still_wait():
    s = rt.summarize(np.array([1.0]), np.array([5.0, 5.0, 5.0]))  # S(1) = 3/4 and never lower
    assert s.km_median_s is None and s.median_s == 1.0


def test_no_values_at_all():
    s = rt.summarize(np.array([]), np.array([4.0, 5.0]))
    assert s.as_json("all") == {"period": "all", "n": 0, "waiting": 2, "mean_s": None, "median_s": None,
                                "p90_s": None, "km_median_s": None}


def test_summaries_per_period_with_values_and_waiting_items():
    codes = np.array([0, 0, 1, 1, 1, -1])
    durations = np.array([10.0, 30.0, 5.0, 7.0, 100.0, 1.0])
    has_value = np.array([True, False, True, True, False, True])
    rows = rt.summarize_by_period(codes, ["2024-01", "2024-02"], durations, has_value)
    assert rows[0] == {"period": "2024-01", "n": 1, "waiting": 1, "mean_s": 10.0, "median_s": 10.0,
                       "p90_s": 10.0, "km_median_s": 10.0}
    assert (rows[1]["n"], rows[1]["waiting"], rows[1]["median_s"]) == (2, 1, 6.0)
    assert rows[1]["km_median_s"] == 7.0  # S(5) = 2/3, S(7) = 1/3


def test_mass_closure_detected_and_flagged():
    base = to_epoch("2024-05-01T09:00:00Z")
    sweep = base + np.arange(12) * 30.0  # 12 closes 30 s apart: a clean-up
    scattered = base + np.array([-5, -3, 2, 4, 9]) * 86400.0
    closed = np.concatenate([scattered[:2], sweep, scattered[2:]])
    mask, found = rt.mass_closure_mask(closed)
    assert found == [{"start_epoch": base, "end_epoch": base + 330.0, "count": 12}]
    assert mask.tolist() == [False, False] + [True] * 12 + [False] * 3
    nine = rt.mass_closure_mask(base + np.arange(9) * 30.0)[1]
    assert nine == []  # fewer than 10 is ordinary activity


def test_is_bot():
    assert rt.is_bot("dependabot[bot]") and rt.is_bot("x", True) and not rt.is_bot("bot-fan") and not rt.is_bot(None)
