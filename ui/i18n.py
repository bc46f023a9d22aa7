"""Strings translated at run time from data (statuses, stages, column names), declared here so
that pyside6-lupdate finds them; each under the class (context) whose ``tr`` translates it."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

DYNAMIC_STRINGS = [
    # workflow statuses (docs/metrics.md)
    QT_TRANSLATE_NOOP("FeedbackView", "new"), QT_TRANSLATE_NOOP("FeedbackView", "triaged"),
    QT_TRANSLATE_NOOP("FeedbackView", "planned"), QT_TRANSLATE_NOOP("FeedbackView", "in progress"),
    QT_TRANSLATE_NOOP("FeedbackView", "resolved"), QT_TRANSLATE_NOOP("FeedbackView", "won't fix"),
    QT_TRANSLATE_NOOP("FeedbackView", "duplicate"),
    # score bands and periods
    QT_TRANSLATE_NOOP("FeedbackView", "NPS detractors (0-6)"), QT_TRANSLATE_NOOP("FeedbackView", "NPS passives (7-8)"),
    QT_TRANSLATE_NOOP("FeedbackView", "NPS promoters (9-10)"), QT_TRANSLATE_NOOP("FeedbackView", "Low (1-2 stars / CSAT)"),
    QT_TRANSLATE_NOOP("FeedbackView", "Neutral (3)"), QT_TRANSLATE_NOOP("FeedbackView", "High (4-5)"),
    QT_TRANSLATE_NOOP("FeedbackView", "7 days"), QT_TRANSLATE_NOOP("FeedbackView", "30 days"),
    QT_TRANSLATE_NOOP("FeedbackView", "90 days"), QT_TRANSLATE_NOOP("FeedbackView", "365 days"),
    QT_TRANSLATE_NOOP("FeedbackView", "Attributes"), QT_TRANSLATE_NOOP("FeedbackView", "Responses"),
    QT_TRANSLATE_NOOP("FeedbackView", "Status history"), QT_TRANSLATE_NOOP("FeedbackView", "No feedback matches these filters."),
    QT_TRANSLATE_NOOP("FeedbackView", "The filter could not be applied"),
    # detail pane
    QT_TRANSLATE_NOOP("FeedbackView", "Source"), QT_TRANSLATE_NOOP("FeedbackView", "Created"),
    QT_TRANSLATE_NOOP("FeedbackView", "Author"), QT_TRANSLATE_NOOP("FeedbackView", "Status"),
    QT_TRANSLATE_NOOP("FeedbackView", "Source state"), QT_TRANSLATE_NOOP("FeedbackView", "Question"),
    QT_TRANSLATE_NOOP("FeedbackView", "Labels"), QT_TRANSLATE_NOOP("FeedbackView", "Link"),
    # table columns
    QT_TRANSLATE_NOOP("ItemsTableModel", "#"), QT_TRANSLATE_NOOP("ItemsTableModel", "Created (UTC)"),
    QT_TRANSLATE_NOOP("ItemsTableModel", "Source"), QT_TRANSLATE_NOOP("ItemsTableModel", "Title"),
    QT_TRANSLATE_NOOP("ItemsTableModel", "Feedback"), QT_TRANSLATE_NOOP("ItemsTableModel", "Status"),
    QT_TRANSLATE_NOOP("ItemsTableModel", "Theme"), QT_TRANSLATE_NOOP("ItemsTableModel", "Score"),
    QT_TRANSLATE_NOOP("ItemsTableModel", "Author"),
    # import wizard
    QT_TRANSLATE_NOOP("PreviewPage", "text"), QT_TRANSLATE_NOOP("PreviewPage", "title"),
    QT_TRANSLATE_NOOP("PreviewPage", "created at"), QT_TRANSLATE_NOOP("PreviewPage", "id"),
    QT_TRANSLATE_NOOP("PreviewPage", "author"), QT_TRANSLATE_NOOP("PreviewPage", "score"),
    QT_TRANSLATE_NOOP("PreviewPage", "status"), QT_TRANSLATE_NOOP("PreviewPage", "labels"),
    QT_TRANSLATE_NOOP("PreviewPage", "source"),
    QT_TRANSLATE_NOOP("ProgressPage", "reading"), QT_TRANSLATE_NOOP("ProgressPage", "importing"),
    QT_TRANSLATE_NOOP("ProgressPage", "redacting"), QT_TRANSLATE_NOOP("ProgressPage", "indexing"),
    QT_TRANSLATE_NOOP("ProgressPage", "done"),
    QT_TRANSLATE_NOOP("SummaryPage", "File"), QT_TRANSLATE_NOOP("SummaryPage", "Format"),
    QT_TRANSLATE_NOOP("SummaryPage", "Added"), QT_TRANSLATE_NOOP("SummaryPage", "Updated"),
    QT_TRANSLATE_NOOP("SummaryPage", "Unchanged"), QT_TRANSLATE_NOOP("SummaryPage", "Rejected"),
    QT_TRANSLATE_NOOP("FilesPage", "Exports (*.csv *.tsv *.txt *.xlsx *.xlsm *.json *.jsonl *.ndjson *.zip);;All files (*)"),
    QT_TRANSLATE_NOOP("MainWindow", "Feedback Triage workspace (*.triage);;All files (*)"),
]
