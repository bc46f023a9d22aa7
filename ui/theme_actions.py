"""Running analysis and theme edits from the window (through its job runner): split preview, undo/redo.

Kept apart from main_window.py so the window stays about layout and menus."""
from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QInputDialog, QLabel, QMessageBox, QSpinBox, QTextBrowser, QVBoxLayout

from triage_app.domain import Cancelled

from .jobs import Changes
from .theme_messages import ThemePicker, describe
from .theme_writes import write_in_worker

STAGES = {"reading": "Reading items", "embedding": "Embedding texts", "assigning": "Assigning new items",
          "clustering": "Finding themes", "labelling": "Labelling themes", "writing": "Saving themes", "sentiment": "Scoring sentiment",
          "done": "Done"}


def _t(text: str) -> str:
    return QCoreApplication.translate("ThemeActions", text)


def _progress_text(p) -> str:
    return f"{_t('Analysis')}: {_t(STAGES.get(p.stage, p.stage))}"


def run_analysis(window) -> None:
    """One action: embed (n of N), cluster, label, save — with progress and cancel in the status bar
    (the job runner's); the window stays usable. Not while another long task runs."""
    if window.ws is None or window.jobs.busy or not window.analysis_possible:
        return
    ws, path = window.ws, window.ws.path

    def work(cancel):  # in a child process: clustering holds the GIL for seconds, which froze the window
        # services.analysis imports scikit-learn and pandas (0.8-3 s): here, never on the UI thread
        from triage_app.services.analysis_process import chosen_model
        from triage_app.workflows import analyse_in_process

        with ws.reading() as view:
            model = chosen_model(view)
        return (yield from analyse_in_process(path, model, cancel))

    def done(result):
        if result.mode == "full" and result.items > 100:  # UMAP ran and filled the engine's cache
            from triage_app.engine_cache import mark_warm

            mark_warm()
        window.statusBar().showMessage(
            _t("Analysis finished: {0} themes ({1} new, {2} kept), {3:.0%} unassigned").format(
                result.themes, result.themes_created, result.themes_kept, result.unassigned_share), 15_000)

    def failed(exc):
        if isinstance(exc, Cancelled):
            window.statusBar().showMessage(_t("Analysis cancelled; the themes are as they were."), 10_000)
        elif type(exc).__name__ == "AnalysisError":  # its module is not imported on the UI thread
            QMessageBox.warning(window, _t("Analysis not run"), str(exc))
        else:
            QMessageBox.warning(window, _t("Analysis failed"), f"{type(exc).__name__}: {exc}")

    window.jobs.run(work, done, failed, name="analysis", progress_label=_t("Starting analysis…"),
                    progress_text=_progress_text, cancellable=True, changes=Changes.ANALYSIS)


def _show_edit(window, result: dict) -> None:
    window.statusBar().showMessage(describe(result.get("what"), result.get("summary", "")), 10_000)


def edit_themes(window, action: str, ids: list[int]) -> None:
    """Ask what the edit needs on the UI thread; write it in a worker (theme_writes)."""
    from triage_app.services import theme_edits as edits

    themes = {t.id: t for t in window.themes.model.themes}
    keep = ids[0]  # the theme the selection stays on
    if action == "rename":
        label, ok = QInputDialog.getText(window, _t("Rename Theme"), _t("New name:"), text=themes[ids[0]].label)
        if not ok:
            return

        def work(ws):
            return edits.rename(ws, ids[0], label)
    elif action == "merge":
        if len(ids) < 2:
            QMessageBox.information(window, _t("Merge Themes"), _t("Select two or more themes to merge."))
            return
        names = _t(", ").join(f"“{themes[i].label}” ({themes[i].size:,})" for i in ids[1:])
        if QMessageBox.question(window, _t("Merge Themes"), _t("Merge {0} into “{1}” ({2})?").format(
                names, themes[ids[0]].label, f"{themes[ids[0]].size:,}")) != QMessageBox.StandardButton.Yes:
            return

        def work(ws):
            return edits.merge(ws, ids[1:], ids[0])
    elif action == "hide":
        keep = None  # hidden themes leave the board: the selection goes to the first row

        def work(ws):  # one edit: one undo brings all of them back
            return edits.hide_many(ws, ids, True)
    elif action == "unhide":  # hidden themes listed with "Show hidden"
        targets = unhide_targets(themes, ids)
        if not targets:
            return

        def work(ws):
            return edits.hide_many(ws, targets, False)
    elif action == "split":
        split_with_preview(window, ids[0])
        return
    elif action == "parent":
        target = ask_parent(window, themes[ids[0]])
        if target is False:
            return

        def work(ws):
            return edits.set_parent(ws, ids[0], target)
    elif action == "rice":
        return edit_rice(window, themes[ids[0]])
    else:
        return

    def done(result):
        window.select_theme_after_refresh = keep
        _show_edit(window, result)

    write_in_worker(window, work, done, _t("Theme not changed"))


def unhide_targets(themes: dict, ids: list[int]) -> list[int]:
    """The themes to show again for a selection of hidden ones (``themes``: id -> ThemeSummary): a hidden theme
    itself; for a sub-theme of a hidden theme, that theme; for a parent hidden because every sub-theme is,
    those sub-themes."""
    out: list[int] = []
    for i in ids:
        theme = themes[i]
        parent = themes.get(theme.parent_id) if theme.parent_id is not None else None
        if theme.hidden:
            out.append(i)
        elif parent is not None and parent.hidden:
            out.append(parent.id)
        else:
            out += [c for c in theme.children if c in themes and themes[c].hidden]
    return list(dict.fromkeys(out))


def set_theme_status(window, theme_id: int, status: str, note: str | None) -> None:
    """A theme's status (undoable, in the status history), written in a worker."""
    from triage_app.services.status import set_status

    def done(_row):
        window.select_theme_after_refresh = theme_id

    write_in_worker(window, lambda ws: set_status(ws.conn, f"theme:{theme_id}", status, note), done,
                    QCoreApplication.translate("MainWindow", "Status not changed"), changes=Changes.STATUSES)


def split_with_preview(window, theme_id: int) -> None:
    """Re-cluster one theme in a worker, show the sub-themes, and apply only when the user agrees."""
    from triage_app.services import theme_edits as edits

    parts_box = QSpinBox(minimum=0, maximum=20, value=0, specialValueText=_t("automatic"))
    dialog = QDialog(window)
    dialog.setWindowTitle(_t("Split Theme"))
    text = QTextBrowser()
    text.setMinimumSize(560, 360)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Apply).setEnabled(False)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(_t("Number of parts:")))
    layout.addWidget(parts_box)
    layout.addWidget(text)
    layout.addWidget(buttons)

    def preview():
        text.setHtml(_t("Working out the sub-themes…"))
        parts = parts_box.value() or None

        def work(ws):  # on the writer: a preview embeds (and caches) the vectors it lacks
            from triage_app.services.tell import quote_of
            from triage_app.store import tell_queries

            result = edits.split_preview(ws, theme_id, parts)
            ids = [q for p in result for q in p.quotes[:2]]
            texts = {i["id"]: quote_of(i) for i in tell_queries.items(ws.conn, ids)}
            return result, texts

        def show(found):
            result, texts = found

            def quotes(p):
                return "".join(f"<br><i>“{html.escape(texts[q][:160])}”</i>" for q in p.quotes[:2] if texts.get(q))

            def children(n, p):  # a group of one sub-theme is that sub-theme, moved to the top level
                if len(p.children) > 1:
                    return f", {len(p.children)} {_t('sub-themes')}"
                return ", " + _t("a sub-theme moved to the top level") if p.children and n else ""

            rows = "".join(f"<li><b>{html.escape(p.label)}</b> — {len(p.item_ids):,} {_t('items')}"
                           + children(n, p) + "<br>"
                           f"<small>{html.escape(', '.join(p.keywords[:8]))}</small>{quotes(p)}</li>" for n, p in enumerate(result))
            text.setHtml(f"<p>{_t('The theme would become:')}</p><ol>{rows}</ol>")
            buttons.button(QDialogButtonBox.StandardButton.Apply).setEnabled(len(result) >= 2)

        window.jobs.write(work, show, lambda exc: text.setHtml(html.escape(str(exc))), changes=Changes.NONE,
                          name="split preview")

    parts_box.valueChanged.connect(preview)
    buttons.rejected.connect(dialog.reject)

    def apply():
        parts = parts_box.value() or None
        dialog.accept()

        def done(result):
            window.select_theme_after_refresh = theme_id  # the selection stays on the theme that was split
            _show_edit(window, result)

        write_in_worker(window, lambda ws: edits.split(ws, theme_id, parts), done, _t("Theme not changed"))

    buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(apply)
    preview()
    dialog.open()
    window.split_dialog = dialog


def move_items(window, item_ids: list[int]) -> None:
    from triage_app.services import theme_edits as edits

    themes = window.themes.model.themes
    if window.ws is None or not item_ids or not themes:
        return
    # the tree's order, sub-themes indented under their top-level theme; type to filter
    choices = [{"id": t.id, "label": ("\u2003" if t.parent_id else "") + t.label, "size": t.size} for t in themes]
    picker = ThemePicker(choices, len(item_ids), window)
    if picker.exec() != QDialog.DialogCode.Accepted:
        return
    target = picker.chosen()
    write_in_worker(window, lambda ws: edits.move_items(ws, item_ids, target), lambda r: _show_edit(window, r),
                    _t("Items not moved"))


def ask_parent(window, theme):
    """Ask where a theme goes: the id of a top-level theme, None for the top level, False when cancelled."""
    tops = [t for t in window.themes.model.tops if t.id != theme.id]
    labels = [_t("(top level)")] + [t.label for t in tops]
    current = next((i + 1 for i, t in enumerate(tops) if t.id == theme.parent_id), 0)
    label, ok = QInputDialog.getItem(window, _t("Move Theme"), _t("Put “{0}” under:").format(theme.label),
                                     labels, current, False)
    if not ok:
        return False
    return None if labels.index(label) == 0 else tops[labels.index(label) - 1].id


def undo_redo(window, redo: bool) -> None:
    from triage_app.services import theme_edits as edits

    if window.ws is None:
        return
    keep = window.themes.selected_theme_ids()[:1]

    def done(result):
        window.select_theme_after_refresh = keep[0] if keep else None
        what = describe(result.get("what"), result["summary"])
        window.statusBar().showMessage((_t("Redone: {0}") if redo else _t("Undone: {0}")).format(what)
                                       if result.get("what") else result["summary"], 10_000)

    def nothing(exc):  # "nothing to undo" and the like: a line in the status bar, not a dialog
        if isinstance(exc, edits.EditError):
            window.statusBar().showMessage(str(exc), 5_000)
        else:
            QMessageBox.warning(window, _t("Theme not changed"), f"{type(exc).__name__}: {exc}")

    write_in_worker(window, edits.redo if redo else edits.undo, done, _t("Theme not changed"), nothing,
                    changes=Changes.THEMES | Changes.STATUSES)  # a theme's status change is undoable too


def edit_rice(window, theme: dict):
    from triage_app.services import metrics

    from .rice_dialog import RiceDialog

    dialog = RiceDialog(window.ws.reader(), theme, window)

    def save():  # written in a worker; a refusal (ValueError) is shown under the title
        def failed(exc):
            QMessageBox.warning(window, _t("Theme not changed"), str(exc))

        values, theme_id = dialog.values(), dialog.theme_id  # read here, written in the worker
        window.jobs.write(lambda ws: metrics.set_rice_inputs(ws.conn, theme_id, values), None, failed,
                          changes=Changes.THEMES, name="rice")

    dialog.accepted.connect(save)
    dialog.open()
    return dialog
