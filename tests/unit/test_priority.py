"""Theme priority: weighted score with each factor's contribution, and RICE (hand-computed)."""
from __future__ import annotations

import pytest

from analysis import priority as pr


def _themes():
    return [
        pr.ThemeInputs(theme_id=1, items=40, people=20, recent=30, previous=10, negative_share=0.5,
                       nps_impact=-5.0, csat_impact=None, unresolved_share=0.75, response_lag_s=7200, item_count=40),
        pr.ThemeInputs(theme_id=2, items=10, people=10, recent=2, previous=4, negative_share=0.1,
                       nps_impact=3.0, csat_impact=-20.0, unresolved_share=0.0, response_lag_s=None, item_count=10),
    ]


def test_scaled_factors_hand_computed():
    f = pr.scaled_factors(_themes())
    assert f[1] == {"volume": 1.0, "people": 1.0, "growth": 1.0, "negativity": 0.5, "nps_impact": 0.5,
                    "csat_impact": 0.0, "unresolved": 0.75, "response_lag": 1.0, "votes": 0.0}
    assert f[2] == {"volume": 0.25, "people": 0.5, "growth": -0.5, "negativity": 0.1, "nps_impact": 0.0,
                    "csat_impact": 1.0, "unresolved": 0.0, "response_lag": 0.0, "votes": 0.0}


def test_weighted_priority_is_the_sum_of_contributions_with_default_weights():
    out = pr.weighted(_themes())
    t1, t2 = out[1], out[2]
    # default weights sum to 1.0 without votes (no theme has any, so the votes weight is left out):
    # contribution = 100 * weight * scaled factor
    assert t1["factors"] == {"volume": 25.0, "people": 15.0, "growth": 15.0, "negativity": 7.5, "nps_impact": 5.0,
                             "csat_impact": 0.0, "unresolved": 7.5, "response_lag": 5.0, "votes": 0.0}
    assert t1["priority"] == 80.0
    assert t2["factors"]["growth"] == -7.5 and t2["factors"]["csat_impact"] == 5.0
    assert t2["priority"] == pytest.approx(6.25 + 7.5 - 7.5 + 1.5 + 5.0)
    assert t2["priority"] == pytest.approx(sum(t2["factors"].values()))


def test_edited_weights_change_the_ranking():
    out = pr.weighted(_themes(), {"volume": 0, "people": 0, "growth": 0, "negativity": 0, "nps_impact": 0,
                                  "unresolved": 0, "response_lag": 0, "csat_impact": 1.0})
    assert out[2]["priority"] == 100.0 and out[1]["priority"] == 0.0
    with pytest.raises(ValueError):
        pr.check_weights({"loudness": 1.0})
    with pytest.raises(ValueError):
        pr.check_weights({f: 0.0 for f in pr.FACTORS})


def test_rice_defaults_and_overrides():
    out = pr.rice(_themes())
    # reach 20 x impact 1 (50% negative) x confidence 1.0 (40 items) / effort 1
    assert out[1]["priority"] == 20.0 and out[1]["factors"] == {"reach": 20, "impact": 1.0, "confidence": 1.0, "effort": 1.0}
    # reach 10 x impact 0.25 (10% negative) x confidence 0.8 (10 items) / 1
    assert out[2]["priority"] == 2.0
    out = pr.score(_themes(), "rice", rice_overrides={2: {"impact": 3, "effort": 0.5}})
    assert out[2]["priority"] == pytest.approx(10 * 3 * 0.8 / 0.5)
    with pytest.raises(ValueError):
        pr.score(_themes(), "loudest")


def test_no_themes_and_all_zero_inputs():
    assert pr.weighted([]) == {}
    out = pr.weighted([pr.ThemeInputs(theme_id=5, items=0, people=0)])
    assert out[5]["priority"] == 0.0
