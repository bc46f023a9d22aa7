"""Workspace settings, saved in the workspace itself: priority weights (and per-source weights),
how source states map onto the workflow, and privacy (personal data redaction)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHeaderView, QLabel,
    QPushButton, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from analysis import priority
from triage_app.domain import STATUSES
from triage_app.services import metrics, privacy
from triage_app.services import status as status_service
from triage_app.services.preview import format_choices
from triage_app.store.item_queries import filter_choices

from .format_names import format_label
from .themes_view import FACTOR_NAMES

FACTOR_HELP = {
    "volume": "Items about the theme", "people": "Distinct people (respondents, else authors)",
    "growth": "Items in the last 30 days against the 30 before (a week against the week before when the data "
              "spans under 60 days; neutral under 14 days)",
    "negativity": "Share of negative items (sentiment; ratings and scores first)",
    "nps_impact": "How much the theme pulls NPS down: NPS minus NPS without its respondents",
    "csat_impact": "How much the theme pulls CSAT (top-2-box) down",
    "unresolved": "Share of the theme's items not resolved, won't fix or duplicate",
    "response_lag": "Median time to first response of the theme's tracked items",
    "votes": "Votes and reactions on the theme's items (community posts, GitHub reactions), source-weighted, "
             "against the most-voted theme; counts only when some item has votes",
}


def _t(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


class SettingsDialog(QDialog):
    """Shows the workspace's settings; ``save(conn)`` writes what changed."""

    def __init__(self, conn, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Workspace Settings"))
        self.resize(720, 560)
        tabs = QTabWidget()
        tabs.addTab(self._priority_tab(conn), self.tr("Priority"))
        tabs.addTab(self._mapping_tab(conn), self.tr("Status Mapping"))
        tabs.addTab(self._privacy_tab(conn), self.tr("Privacy"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    # -- priority ------------------------------------------------------------------------------
    def _priority_tab(self, conn) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.scheme = QComboBox()
        self.scheme.addItem(self.tr("Weighted factors"), "weighted")
        self.scheme.addItem(self.tr("RICE (reach × impact × confidence / effort)"), "rice")
        self.scheme.setCurrentIndex(max(0, self.scheme.findData(metrics.priority_scheme(conn))))
        self.scheme.setToolTip(self.tr("RICE: reach is the theme's distinct people; impact, confidence and effort are entered "
                                       "per theme (triage-app priority --rice 3:effort=2)"))
        layout.addWidget(self.scheme)
        box = QGroupBox(self.tr("Factor weights (each factor's contribution is shown for every theme)"))
        form = QFormLayout(box)
        self.weights: dict[str, QDoubleSpinBox] = {}
        saved = metrics.weights(conn)
        for factor in priority.FACTORS:
            spin = QDoubleSpinBox(minimum=0.0, maximum=1.0, singleStep=0.05, decimals=2, value=saved[factor])
            spin.setToolTip(_t(FACTOR_HELP[factor]))
            self.weights[factor] = spin
            form.addRow(QCoreApplication.translate("ThemesView", FACTOR_NAMES[factor]), spin)
        defaults = QPushButton(self.tr("Restore Defaults"))
        defaults.clicked.connect(self._restore_default_weights)
        form.addRow(defaults)
        layout.addWidget(box)
        sources = QGroupBox(self.tr("Source weights (a paying customer's ticket may weigh more than a review)"))
        source_form = QFormLayout(sources)
        self.source_weights: dict[str, QDoubleSpinBox] = {}
        saved_sources = metrics.source_weights(conn)
        labels = dict(format_choices())  # "github_cli" -> "GitHub issues (gh CLI JSON)", in the UI language
        for fmt in sorted(set(filter_choices(conn)["formats"]) | set(saved_sources)):
            spin = QDoubleSpinBox(minimum=0.0, maximum=10.0, singleStep=0.25, decimals=2,
                                  value=saved_sources.get(fmt, 1.0))
            self.source_weights[fmt] = spin
            source_form.addRow(format_label(labels.get(fmt, fmt)), spin)
        layout.addWidget(sources)
        layout.addStretch(1)
        return page

    def _restore_default_weights(self) -> None:
        for factor, spin in self.weights.items():
            spin.setValue(priority.DEFAULT_WEIGHTS[factor])

    # -- status mapping ------------------------------------------------------------------------
    def _mapping_tab(self, conn) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("How each state found in your exports maps onto the workflow. "
                                        "Changing one updates the items imported with it (kept in their history).")))
        rows = status_service.mapping_table(conn)
        self.mapping_rows = rows
        labels = dict(format_choices())
        table = QTableWidget(len(rows), 4)
        table.setHorizontalHeaderLabels([self.tr("Source"), self.tr("State in the export"), self.tr("Items"),
                                         self.tr("Workflow status")])
        table.verticalHeader().setVisible(False)
        self.mapping_combos: list[QComboBox] = []
        for r, row in enumerate(rows):
            shown = format_label(labels.get(row["source_format"], row["source_format"]))
            for c, value in enumerate((shown, row["source_state"] or "—", f"{row['items']:,}")):
                cell = QTableWidgetItem(value)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
                table.setItem(r, c, cell)
            combo = QComboBox()
            for status in STATUSES:
                combo.addItem(QCoreApplication.translate("FeedbackView", status), status)
            combo.setCurrentIndex(max(0, combo.findData(row["maps_to"])))
            combo.setEnabled(bool(row["source_state"]))
            table.setCellWidget(r, 3, combo)
            self.mapping_combos.append(combo)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(table)
        self.mapping_table = table
        return page

    # -- privacy -------------------------------------------------------------------------------
    def _privacy_tab(self, conn) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        s = privacy.load_settings(conn)
        layout.addWidget(QLabel(self.tr("Emails, phone numbers, IP addresses, card numbers and URLs with tokens "
                                        "are replaced by placeholders such as [EMAIL].")))
        self.redact_exports = QCheckBox(self.tr("In briefings and exports"), checked=s.redact_exports)
        self.redact_embedding = QCheckBox(self.tr("Before theme analysis (the embedding model never sees them)"),
                                          checked=s.redact_embedding)
        self.redact_display = QCheckBox(self.tr("In this app's views"), checked=s.redact_display)
        self.redact_stored = QCheckBox(self.tr("In the workspace itself (rewrites the stored text, imports included)"),
                                       checked=s.redact_stored)
        self.keep_originals = QCheckBox(self.tr("Keep the originals in the workspace, restorable"),
                                        checked=s.keep_originals)
        self.keep_originals.setEnabled(s.redact_stored)
        self.redact_stored.toggled.connect(self.keep_originals.setEnabled)
        for box in (self.redact_exports, self.redact_embedding, self.redact_display, self.redact_stored,
                    self.keep_originals):
            layout.addWidget(box)
        layout.addStretch(1)
        self._privacy_before = s
        return page

    # -- saving ----------------------------------------------------------------------------------
    def privacy_settings(self) -> privacy.PrivacySettings:
        before = self._privacy_before
        return privacy.PrivacySettings(
            redact_exports=self.redact_exports.isChecked(), redact_display=self.redact_display.isChecked(),
            redact_embedding=self.redact_embedding.isChecked(), redact_stored=self.redact_stored.isChecked(),
            keep_originals=self.redact_stored.isChecked() and self.keep_originals.isChecked(), kinds=before.kinds)

    def needs_redaction_run(self) -> bool:
        """Turning stored redaction on rewrites the feedback already in the workspace (long work)."""
        return self.redact_stored.isChecked() and not self._privacy_before.redact_stored

    def save(self, conn) -> bool:
        """Write the settings; returns whether the status mapping changed (the items imported with
        a re-mapped state are then updated by ``status.apply_mapping``, which can take a while).
        One unit of work: every part commits together or not at all."""
        return self.writer()(conn)

    def writer(self):
        """What the dialog shows, read here (on the UI thread), as a function that writes it to a
        connection (in a worker): ``writer()(conn)`` returns what ``save`` returns."""
        from triage_app.store.queries import atomic

        weights = {f: spin.value() for f, spin in self.weights.items()}
        source_weights = {fmt: spin.value() for fmt, spin in self.source_weights.items()}
        scheme, settings = self.scheme.currentData(), self.privacy_settings()
        mapping = [(row["family"], row["source_state"], combo.currentData())
                   for row, combo in zip(self.mapping_rows, self.mapping_combos)
                   if row["source_state"] and combo.currentData() != row["maps_to"]]

        def write(conn) -> bool:
            with atomic(conn):
                metrics.save_priority_settings(conn, weights=weights, source_weights=source_weights, scheme=scheme)
                for family, state, status in mapping:
                    status_service.set_mapping(conn, family, state, status)
                privacy.save_settings(conn, settings)
            return bool(mapping)

        return write
