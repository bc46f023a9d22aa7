"""The sub-theme chart (dashboard and briefing) shows whole labels over two lines: four panels cut
"Phone and music problems" to "Phone and music pr…" (session 9)."""
from __future__ import annotations

from analysis import charts
from analysis.chart_style import ChartMeta

THEMES = [("Phone and music problems", 420, [("Music stops when screen locks", 90), ("Cannot hear caller", 60)]),
          ("Login and account access", 300, [("Two-factor codes never arrive", 100)]),
          ("送餐太慢而且饭菜都凉了", 280, [("骑手迟到一个多小时", 90)]),
          ("Crashes after the latest update", 200, [("Crash when uploading photos", 50)])]


def _flat(text: str) -> str:
    return " ".join(text.split("\n")).replace("  ", " ")


def test_four_panels_show_whole_titles_and_bar_labels():
    fig = charts.sub_theme_breakdown(THEMES, ChartMeta(period="p", source="s"))
    panels = [ax for ax in fig.axes if ax.get_visible() and ax.axison]
    titles = [ax.get_title(loc="left") for ax in panels]
    assert not any("…" in t for t in titles)
    for (label, n, subs), title, ax in zip(THEMES, titles, panels):
        flat = _flat(title)
        assert flat.replace(" ", "") == f"{label} (n = {n:,})".replace(" ", "")
        ticks = [_flat(t.get_text()).replace(" ", "") for t in ax.get_yticklabels()]
        assert [name.replace(" ", "") for name, _ in subs] == ticks[:len(subs)]


def test_wrapped_keeps_words_whole_and_shortens_only_past_the_lines():
    assert charts.wrapped("Phone and music problems", 18) == "Phone and music\nproblems"
    assert charts.wrapped("short", 18) == "short"
    assert charts.wrapped("骑手迟到一个多小时", 16) == "骑手迟到一个多小时"  # one character left over stays
    three = charts.wrapped("one two three four five six seven eight nine ten", 10)
    assert three.count("\n") == 1 and three.endswith("…")


def test_stacked_panels_keep_one_line_bar_labels_and_whole_titles():
    """Nine themes: three rows of panels, seven bars each in a short panel; two-line bar labels
    overlapped there, so they stay on one line while the titles are whole."""
    nine = [(f"Theme number {k} about login problems", 100, [(f"Sub-theme {j} of a longer name", 10) for j in range(7)])
            for k in range(9)]
    fig = charts.sub_theme_breakdown(nine, ChartMeta(period="p", source="s"))
    panels = [ax for ax in fig.axes if ax.get_visible() and ax.axison]
    assert all("\n" not in t.get_text() for ax in panels for t in ax.get_yticklabels())
    assert all("…" not in ax.get_title(loc="left") for ax in panels)


def test_theme_volume_titles_are_whole():
    series = {label: [1, 2, 3] for label, *_ in THEMES}
    fig = charts.theme_volume(["w1", "w2", "w3"], series, ChartMeta(period="p", source="s"))
    titles = [t for ax in fig.axes for t in (ax.get_title(loc=k) for k in ("left", "center")) if t]
    assert len(titles) == 4 and not any("…" in t for t in titles)
    assert _flat(titles[0]).replace(" ", "") == "Phoneandmusicproblems(n=6)"
