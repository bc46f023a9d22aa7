"""Chart figures (analysis/charts.py): data drawn, labels and footers, export, CJK font, palette."""
from __future__ import annotations

import warnings

import numpy as np
import pytest
from matplotlib.figure import Figure
from PIL import Image

from analysis import charts
from analysis.chart_style import BLUE, GREY, OKABE_ITO, VERMILLION, ChartMeta, export

META = ChartMeta(period="2025-04-01 – 2025-06-30", source="test.triage: github")
WEEKS = [f"2025-W{w:02d}" for w in range(1, 9)]


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]


def _axes(fig):
    return [ax for ax in fig.get_axes() if ax.axison]


def _footer(fig) -> str:
    return fig._supxlabel.get_text()


def _all_charts() -> dict[str, Figure]:
    rng = np.random.default_rng(3)
    themes = [{"label": "Login fails", "priority": 40.0, "factors": {"volume": 25.0, "growth": -5.0, "negativity": 20.0}},
              {"label": "Sync", "priority": 12.0, "factors": {"volume": 7.0, "growth": 5.0}}]
    return {
        "priority": charts.priority_ranking(themes, META, n=120),
        "factors": charts.priority_factors(themes[0]["factors"], META, priority=40.0, n=80),
        "volume": charts.theme_volume(WEEKS, {"Login fails": [3, 4, 5, 6, 2, 1, 0, 7], "Sync": [1] * 8}, META,
                                      highlight=("2025-W05", "2025-W08")),
        "trend": charts.score_trend({"nps": [{"period": p, "value": -10.0 + i, "low": -30.0 + i, "high": 10.0 + i,
                                              "n": 40} for i, p in enumerate(WEEKS)]}, META),
        "times": charts.time_distribution([{"name": "Time to first response", "observed": rng.exponential(36000, 200),
                                            "waiting": rng.exponential(90000, 40)}], META),
        "flow": charts.status_flow(WEEKS, [5] * 8, [3] * 8, list(range(2, 18, 2)), META),
        "heatmap": charts.theme_segment_heatmap(["Login fails", "Sync"], ["github", "zendesk"], [[6, 2], [3, 1]], META),
        "sentiment": charts.sentiment_by_theme(["Login fails", "Sync"], [(6, 2, 2), (1, 1, 3)], META),
    }


def test_every_chart_has_title_units_footer_and_data():
    for name, fig in _all_charts().items():
        assert fig.get_suptitle(), name
        footer = _footer(fig)
        assert "n = " in footer and "2025-04-01" in footer and "test.triage" in footer, (name, footer)
        axes = _axes(fig)
        assert axes, name
        drawn = sum(len(ax.patches) + len(ax.lines) + len(ax.images) + len(ax.collections) for ax in axes)
        assert drawn > 0, name
        assert any(ax.get_xlabel() or ax.get_ylabel() for ax in axes), name


def test_counts_in_footers_are_the_data_totals():
    figs = _all_charts()
    assert "n = 120" in _footer(figs["priority"])
    assert "n = 36" in _footer(figs["volume"])  # 28 + 8 items
    assert "n = 320" in _footer(figs["trend"])  # 8 weeks x 40 answers
    assert "n = 240" in _footer(figs["times"])  # 200 answered + 40 waiting
    assert "n = 12" in _footer(figs["heatmap"])
    assert "n = 15" in _footer(figs["sentiment"])


def test_priority_bars_stack_factor_contributions_and_negative_growth_goes_left():
    fig = charts.priority_ranking([{"label": "A", "priority": 40.0,
                                    "factors": {"volume": 25.0, "growth": -5.0, "negativity": 20.0}}], META)
    ax = _axes(fig)[0]
    widths = sorted(round(p.get_width(), 6) for p in ax.patches)
    assert widths == [-5.0, 20.0, 25.0]
    right_end = max(p.get_x() + p.get_width() for p in ax.patches)
    assert right_end == pytest.approx(45.0)  # positive contributions stack: 25 + 20


def test_kaplan_meier_curve_matches_hand_computation():
    # answered after 1, 2, 3 h; one item still waiting after 2.5 h (censored)
    t, s = charts.km_curve(np.array([1.0, 2.0, 3.0]), np.array([2.5]))
    assert list(t) == [0.0, 1.0, 2.0, 2.5, 3.0]
    # S(1) = 3/4; S(2) = 3/4 * 2/3 = 1/2; the censoring at 2.5 h leaves S alone;
    # at 3 h one item is at risk and it is answered: S = 0
    assert s == pytest.approx([1.0, 0.75, 0.5, 0.5, 0.0])


def test_sentiment_uses_okabe_ito_colours_and_shares_add_to_100():
    fig = charts.sentiment_by_theme(["A"], [(2, 1, 1)], META)
    ax = _axes(fig)[0]
    colours = [tuple(round(c, 3) for c in p.get_facecolor()[:3]) for p in ax.patches]

    def rgb(hex_colour):
        return tuple(round(int(hex_colour[i:i + 2], 16) / 255, 3) for i in (1, 3, 5))

    assert colours == [rgb(VERMILLION), rgb(GREY), rgb(BLUE)]
    assert [round(p.get_width()) for p in ax.patches] == [50, 25, 25]
    assert {VERMILLION, BLUE} <= set(OKABE_ITO)


def test_heatmap_shares_are_per_segment():
    fig = charts.theme_segment_heatmap(["A", "B"], ["x", "y"], [[6, 2], [3, 1]], META)
    image = np.asarray(_axes(fig)[0].images[0].get_array())
    assert list(image[:, 0]) == pytest.approx([100 * 6 / 9, 100 * 3 / 9])
    assert list(image[:, 1]) == pytest.approx([100 * 2 / 3, 100 * 1 / 3])


def test_empty_data_says_so_instead_of_drawing_an_empty_axis():
    fig = charts.score_trend({"nps": [{"period": "2025-W01", "n": 0, "value": None, "low": None, "high": None}]}, META)
    assert "No scores in this period" in _texts(fig)
    fig = charts.time_distribution([{"name": "Time to close", "observed": [], "waiting": [3600.0]}], META)
    assert "No data in this period" in _texts(fig)


def test_export_png_at_2x_svg_and_pdf(tmp_path):
    fig = _all_charts()["priority"]
    files = export(fig, tmp_path / "priority")
    assert sorted(f.suffix for f in files) == [".pdf", ".png", ".svg"]
    with Image.open(tmp_path / "priority.png") as img:
        assert img.size == (2666, 1500)  # 13.33 x 7.5 in at 200 dpi
        grey = np.asarray(img.convert("L"))
    assert (grey < 200).mean() > 0.05  # a chart, not a blank page
    assert (tmp_path / "priority.pdf").read_bytes().startswith(b"%PDF")
    assert "<svg" in (tmp_path / "priority.svg").read_text(encoding="utf-8")[:500]


def test_chinese_labels_use_the_cjk_font_without_missing_glyphs(tmp_path):
    from matplotlib import font_manager

    zh = ChartMeta(period="2025-04-01 – 2025-06-30", source="演示", tr={"Sentiment by theme": "各主题的情感分布"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font" would fail the test
        fig = charts.sentiment_by_theme(["登录失败", "同步冲突"], [(3, 1, 1), (1, 1, 1)], zh)
        export(fig, tmp_path / "zh", ("png",))
    label = next(t for t in _axes(fig)[0].get_yticklabels() if t.get_text() == "登录失败")
    path = font_manager.findfont(label.get_fontproperties(), fallback_to_default=False)
    assert "NotoSansCJK" in path.replace(" ", "")
    assert fig.get_suptitle() == "各主题的情感分布"


def test_feedback_text_is_not_parsed_as_mathtext(tmp_path):
    fig = charts.priority_ranking([{"label": "costs $5 and $10 a month", "priority": 10.0,
                                    "factors": {"volume": 10.0}}], META)
    export(fig, tmp_path / "dollar", ("png",))  # would raise or typeset maths if parsed
    assert charts.safe("$5 and $10") == r"\$5 and \$10"
