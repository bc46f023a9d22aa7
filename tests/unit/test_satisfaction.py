"""Satisfaction metrics and periods against hand-computed values (../shared/docs/metrics.md)."""
from __future__ import annotations

import math

import numpy as np
import pytest

from analysis import periods, satisfaction as sat


def test_nps_hand_computed_with_standard_error_and_interval():
    n, p, d = sat.nps_counts([10, 9, 8, 7, 6, 0, 10, 3, 9, 5, None, 11])  # None and 11 are not answers
    assert (n, p, d) == (10, 4, 4)
    s = sat.nps(n, p, d)
    assert s.value == 0.0
    assert s.se == pytest.approx(100 * math.sqrt(0.08))  # ((p+d) - (p-d)^2) / n = 0.8 / 10
    assert s.low == pytest.approx(-55.437, abs=1e-3) and s.high == pytest.approx(55.437, abs=1e-3)
    assert s.extra == {"promoters": 4, "passives": 2, "detractors": 4}


def test_nps_interval_is_clipped_to_the_scale():
    s = sat.nps(*sat.nps_counts([10, 10, 10, 9, 8, 2]))  # p = 4/6, d = 1/6
    assert s.value == pytest.approx(50.0)
    assert s.se == pytest.approx(100 * math.sqrt((5 / 6 - 0.25) / 6))  # 31.18
    assert s.low == pytest.approx(50 - 1.959964 * 31.1805, abs=1e-2)
    assert s.high == 100.0


def test_nps_edge_cases_no_answers_all_detractors_one_answer():
    empty = sat.nps(*sat.nps_counts([]))
    assert (empty.n, empty.value, empty.low, empty.high) == (0, None, None, None)
    worst = sat.nps(*sat.nps_counts([0, 3, 6, 6]))
    assert (worst.value, worst.se, worst.low, worst.high) == (-100.0, 0.0, -100.0, -100.0)
    one = sat.nps(*sat.nps_counts([9]))
    assert one.value == 100.0 and one.low is None and one.high is None


def test_qualtrics_nps_group_is_an_equivalent_input():
    assert sat.nps_group_counts([1, 2, 3, 3, "1", None]) == (5, 2, 2)
    assert sat.nps(*sat.nps_group_counts([1, 2, 3, 3])).value == pytest.approx(25.0)


def test_csat_is_top_two_box_not_the_mean_with_wilson_interval():
    n, k = sat.csat_counts([5, 4, 3, 2, 1, 5, None, 0])  # None unrated, 0 off the scale
    assert (n, k) == (6, 3)
    s = sat.csat(n, k)
    assert s.value == 50.0
    assert s.low == pytest.approx(18.76, abs=0.01) and s.high == pytest.approx(81.24, abs=0.01)  # Wilson 3/6
    assert sat.csat(0, 0).value is None


def test_binary_csat_is_good_over_good_plus_bad():
    assert sat.csat_binary(8, 2).value == 80.0
    assert sat.csat_binary(0, 0).n == 0


def test_ces_mean_with_t_interval_and_stated_scale():
    n, total, sq = sat.mean_counts([1, 7, 4, 4, 9], sat.CES_SCALE)  # 9 is off the 1-7 scale
    assert (n, total, sq) == (4, 16.0, 82.0)
    s = sat.ces(n, total, sq)
    assert s.value == 4.0
    half = 3.182446 * math.sqrt(6) / 2  # t(0.975, 3) * sd / sqrt(n)
    assert s.low == pytest.approx(4 - half, abs=1e-4) and s.high == pytest.approx(4 + half, abs=1e-4)
    assert s.as_json()["scale"] == "1-7"


def test_star_rating_mean_and_distribution():
    n, total, sq = sat.mean_counts([5, 5, 4, 1], sat.RATING_SCALE)
    s = sat.rating(n, total, sq, {5: 2, 4: 1, 1: 1})
    assert s.value == 3.75
    assert s.as_json()["distribution"] == {"1": 1, "2": 0, "3": 0, "4": 1, "5": 2}


def test_period_change_is_significant_only_when_intervals_do_not_overlap():
    a = sat.nps(100, 50, 10).as_json("2024-01")  # 40 +- 14.6
    b = sat.nps(100, 20, 40).as_json("2024-02")  # -20 +- 17.7: apart
    c = sat.nps(100, 25, 20).as_json("2024-03")  # 5 +- 16.8: overlaps b
    rows = sat.add_changes([a, b, c, sat.nps(0, 0, 0).as_json("2024-04")])
    assert [r["significant"] for r in rows] == [None, True, False, None]
    assert rows[1]["change"] == pytest.approx(-60.0) and rows[3]["change"] is None


def test_theme_impact_on_nps_is_overall_minus_without_theme_with_bootstrap_interval():
    # 1000 answers, NPS 10; the theme's 100 respondents: 10 promoters, 60 detractors
    impact = sat.nps_impact((1000, 400, 300), (100, 10, 60), draws=2000, seed=1)
    assert impact.value == pytest.approx(10.0 - 100 * (390 - 240) / 900)  # -6.667
    assert -9.5 < impact.low < impact.value < impact.high < -4.0
    assert (impact.n_theme, impact.n_total) == (100, 1000)


def test_theme_impact_on_csat_and_degenerate_cases():
    assert sat.csat_impact((100, 80), (20, 8)).value == pytest.approx(80 - 90)
    everyone = sat.nps_impact((10, 5, 2), (10, 5, 2))
    assert everyone.value is None  # nothing left without the theme
    nobody = sat.nps_impact((10, 5, 2), (0, 0, 0))
    assert nobody.value == 0.0 and nobody.low is None


def test_periods_label_utc_times_and_honour_offsets():
    # 23:30 at UTC-2 on the 5th is 01:30 UTC on the 6th
    assert periods.to_epoch("2024-03-05T23:30:00-02:00") == periods.to_epoch("2024-03-06T01:30:00Z")
    assert periods.label_of("2024-03-05T23:30:00-02:00", "day") == "2024-03-06"
    assert periods.label_of("2024-12-30T10:00:00+00:00", "week") == "2025-W01"  # ISO week-year
    assert periods.label_of("2024-03-31T23:59:59+00:00", "quarter") == "2024-Q1"
    assert periods.label_of("2024-04-01T00:00:00+00:00", "quarter") == "2024-Q2"
    times = np.array([periods.to_epoch(t) for t in ("2024-02-01T00:00:00Z", "2024-01-31T23:59:59Z")] + [np.nan])
    codes, labels = periods.bucket(times, "month")
    assert labels == ["2024-01", "2024-02"] and codes.tolist() == [1, 0, -1]
    with pytest.raises(ValueError):
        periods.check("year")
