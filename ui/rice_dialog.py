"""RICE inputs of one theme (reach comes from the data: its distinct people)."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel

from triage_app.services import metrics

IMPACTS = ((3.0, "3 — massive"), (2.0, "2 — high"), (1.0, "1 — medium"), (0.5, "0.5 — low"), (0.25, "0.25 — minimal"))
CONFIDENCES = ((1.0, "100% — high"), (0.8, "80% — medium"), (0.5, "50% — low"))


class RiceDialog(QDialog):
    def __init__(self, conn, theme, parent=None):
        super().__init__(parent)
        self.theme_id = theme.id  # conn: a read-only connection, for the saved inputs
        self.setWindowTitle(self.tr("RICE Inputs"))
        saved = metrics.rice_inputs(conn, self.theme_id)
        self.impact = QComboBox()
        self.impact.addItem(self.tr("Automatic (from the share of negative feedback)"), None)
        for value, text in IMPACTS:
            self.impact.addItem(self.tr(text), value)
        self.impact.setCurrentIndex(max(0, self.impact.findData(saved.get("impact"))))
        self.confidence = QComboBox()
        self.confidence.addItem(self.tr("Automatic (from the number of items)"), None)
        for value, text in CONFIDENCES:
            self.confidence.addItem(self.tr(text), value)
        self.confidence.setCurrentIndex(max(0, self.confidence.findData(saved.get("confidence"))))
        self.effort = QDoubleSpinBox(minimum=0.1, maximum=120.0, singleStep=0.5, decimals=1,
                                     value=float(saved.get("effort", 1.0)), suffix=self.tr(" person-months"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("“{0}”: RICE = reach (its distinct people) × impact × confidence / effort. "
                                   "Used when the workspace's priority scheme is RICE (Workspace Settings).")
                           .format(theme.label), wordWrap=True))
        form.addRow(self.tr("Impact"), self.impact)
        form.addRow(self.tr("Confidence"), self.confidence)
        form.addRow(self.tr("Effort"), self.effort)
        form.addRow(buttons)

    def values(self) -> dict:
        """The inputs chosen (the window writes them with ``metrics.set_rice_inputs`` in a worker)."""
        return {"impact": self.impact.currentData(), "confidence": self.confidence.currentData(),
                "effort": self.effort.value()}
