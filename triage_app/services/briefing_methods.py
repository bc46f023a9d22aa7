"""The briefing's methods appendix: the metric definitions (../shared/docs/metrics.md), the data
sources and counts, the models used and what the report leaves out."""
from __future__ import annotations

from typing import Any

from analysis.charts import FACTOR_NAMES
from analysis.priority import DEFAULT_WEIGHTS

from .briefing_pages import Page, Tr
from .source_labels import source_label

DEFINITIONS = (
    ("NPS", "Answers 0-10 to \"how likely are you to recommend\". Promoters 9-10, passives 7-8, detractors 0-6. "
            "NPS = % promoters - % detractors (-100 to +100). Standard error = 100 * sqrt(((p + d) - (p - d)^2) / n); "
            "the interval is NPS +/- 1.96 standard errors."),
    ("CSAT", "Share of answers 4 or 5 on a 1-5 scale (top-2-box) x 100, not the mean; good / (good + bad) for "
             "good/bad ratings; unrated items are not counted. Interval: Wilson score."),
    ("CES", "CES 2.0: agreement with \"made it easy to handle my issue\" on 1-7; CES = mean, with a Student t interval."),
    ("Star ratings", "App reviews, 1-5: mean with a Student t interval, and the distribution."),
    ("Theme impact", "The overall score minus the score recomputed without every response that mentions the theme; "
                     "negative: the theme drags the score down. Interval: bootstrap over respondents."),
    ("Time to first response", "First response - creation. A response is the earliest comment or reply by someone "
                               "other than the author, not by a bot; a time the source reports itself wins."),
    ("Time to close", "Closed time - creation time; for reopened items only the last close counts."),
    ("Waiting items and Kaplan-Meier", "Items not yet answered or closed are counted as waiting and enter the "
                                       "Kaplan-Meier median as censored observations, beside the plain median of the "
                                       "answered items, so a backlog cannot make times look better. 90th percentile: "
                                       "numpy's linear method."),
    ("Backlog and status", "One workflow: new, triaged, planned, in progress, resolved, plus won't fix and duplicate "
                           "(the last three count as closed). Backlog = tracked items open at a period's end."),
    ("Sentiment", "A sentiment column in the file, then a rating, CSAT, NPS or CES answer, outranks the text; "
                  "otherwise a classifier over the sentence vectors (English and Chinese) chooses negative, neutral or "
                  "positive. Feedback type (problem, request, question, praise, other) likewise."),
)


def _weights_line(tr: Tr, data: dict[str, Any]) -> str:
    w = data.get("weights") or DEFAULT_WEIGHTS
    parts = ", ".join(f"{tr(FACTOR_NAMES.get(k, k))} {v:g}" for k, v in w.items())
    return tr("Priority ({scheme}): 100 x sum of weight x factor (each factor scaled 0-1, growth -1..1) / sum of weights. "
              "Weights: {w}.", scheme=tr(data.get("scheme", "weighted")), w=parts) + " " + tr(
        "Votes count only when some item has votes or reactions.")


def methods_pages(data: dict[str, Any], tr: Tr) -> list[Page]:
    win, prev = data["window"], data["previous"]
    read = [
        tr("Period: {p}; compared with the previous period of the same length, {q}.", p=win.label, q=prev.label)
        if data.get("earlier_data", True) else
        tr("Period: {p}; there is no earlier feedback, so nothing is compared with a previous period.", p=win.label),
        tr("Figures are as of {a}: responses and closes after that time are not counted.", a=data["as_of"][:16].replace("T", " ")),
        tr("Trends are per {unit}; the first and last {unit} may be partial.", unit=tr(data["by"])),
        tr("Scores count by the time of the answer; times count the items created in the period (a cohort)."),
        tr("Priority uses all of a theme's feedback up to the as-of time; growth compares its last 30 days with "
           "the 30 before (a week with the week before when the data spans under 60 days; no growth under 14 days). "
           "Status and roll-up are as they are now."),
        tr("Praise is not a problem: volume, people, votes, growth, unresolved share and response lag count only "
           "the share of a theme's items that are not praise; themes that are mostly praise are listed under "
           "What people love."),
        tr("An item is praise when the file's own type says so; else when its rating, CSAT or NPS says satisfied "
           "(4-5 stars, NPS 9-10), whatever the text; else when its text is typed praise and its sentiment is not "
           "negative. Mostly: over half of a theme's items."),
    ]
    if data.get("undated"):  # no item has a date: no periods, no trends
        read[:4] = [tr("Period: every item; none has a date, so nothing is compared or drawn over time.")]
    definitions = [f"{tr(name)}: {tr(text)}" for name, text in DEFINITIONS] + [_weights_line(tr, data)]
    sources = [tr("{f}: {n} items in the period, {t} in the workspace", f=source_label(s["format"], tr), n=f"{s['in_period']:,}",
                  t=f"{s['total']:,}") for s in data["sources"]]
    sources.append(tr("Survey respondents in the period: {n}", n=f"{data['respondents']:,}"))
    for imp in data["imports"][:8]:
        sources.append(tr("Imported file {f} ({fmt}, {n} added)", f=imp["file"], fmt=source_label(imp["format"], tr),
                          n=f"{imp['added'] or 0:,}"))
    if len(data["imports"]) > 8:
        sources.append(tr("... and {n} more imports", n=len(data["imports"]) - 8))
    run = data.get("analysis_run")
    models = []
    if run:
        models.append(tr("Themes: analysis run {id} of {d}, embedding model {m}, seed {s}.", id=run["id"],
                         d=(run["finished_at"] or "")[:10], m=run["model"], s=run["seed"]))
    else:
        models.append(tr("Themes: no theme analysis has been run in this workspace."))
    sm = data.get("sentiment_methods") or {}
    if sm:
        methods: dict[str, int] = {}
        for key, n in sm.items():
            m = key.split(":")[0]
            methods[m] = methods.get(m, 0) + n
        models.append(tr("Sentiment scores stored: {m}.", m=", ".join(f"{k} {v:,}" for k, v in sorted(methods.items()))))
    else:
        models.append(tr("Sentiment: no stored scores; theme sentiment comes from ratings and NPS answers only."))
    ex = data["exclusions"]
    excluded = [
        tr("Items without a creation time (not in any period): {n}", n=f"{ex['no_time']:,}"),
        tr("Items in the period not in any theme: {n}", n=f"{ex['unassigned']:,}"),
        tr("Items in the period in hidden themes: {n}", n=f"{ex['hidden_theme']:,}"),
        tr("Closed items without a close time (left out of time to close and the status flow): {n}",
           n=f"{ex['closed_without_time']:,}"),
        tr("Items written by bots in the period (kept as feedback; bot comments never count as responses): {n}",
           n=f"{ex['bot_authored']:,}"),
        tr("Items in mass closures (kept, flagged): {n}", n=f"{data['times']['now'].get('items_in_mass_closures', 0):,}"),
    ]
    privacy = data.get("privacy")
    if privacy is not None and privacy.redact_exports:
        excluded.append(tr("Quotes: personal data redacted ({k}).", k=", ".join(privacy.kinds)))
    else:
        excluded.append(tr("Quotes: personal data redaction is turned off for exports."))
    sections = [(tr("How to read this briefing"), read), (tr("Definitions"), definitions),
                (tr("Data sources and counts"), sources), (tr("Models used"), models), (tr("What was excluded"), excluded)]
    return [Page(tr("Methods"), "text", tr("Definitions, data sources, models and exclusions"), sections=sections)]
