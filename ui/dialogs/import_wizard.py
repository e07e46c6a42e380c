"""The import wizard: bring in the Excel/CSV books communes keep today (and exchange files).

1. pick the file (and the record type of each sheet, when it cannot be guessed);
2. map columns to fields (guessed from the Vietnamese headers by app.services.import_mapping);
3. preview the first rows as they will be read;
4. dry run in the background: line-numbered problems, errors block, warnings do not;
5. import in the background, then a summary per record type.

Work runs on a worker thread with its own database connection (`ctx.session.spawn()`), so the window keeps
painting; Cancel stops it before anything is written.
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QProgressBar, QPushButton, QSpinBox, QStyledItemDelegate,
                               QTableView, QVBoxLayout, QWidget, QWizard, QWizardPage)

from app.domain import roles
from app.services import import_mapping as im
from ui.errors import reported, show_error
from ui.jobs import Job
from ui.models.import_preview import (MappingModel, PreviewModel, ProblemsModel, SheetsModel, SummaryModel,
                                      type_label)
from ui.widgets.screen_fit import fit_to_screen
from ui.widgets.tables import row_height

PAGE_FILE, PAGE_MAPPING, PAGE_PREVIEW, PAGE_CHECK, PAGE_IMPORT = range(5)


def _table(parent: QWidget | None = None, *, stretch_last: bool = True) -> QTableView:
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(row_height(view))
    view.horizontalHeader().setStretchLastSection(stretch_last)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    return view


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box over the model's `choices()` [(label, key)]; the model's EditRole holds the key."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        combo.setMaxVisibleItems(20)
        for text, key in index.model().choices():
            combo.addItem(text, key)
        combo.currentIndexChanged.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor, index):
        key = index.data(Qt.ItemDataRole.EditRole) or ""
        i = editor.findData(key)
        editor.blockSignals(True)
        editor.setCurrentIndex(max(i, 0))
        editor.blockSignals(False)

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData() or "", Qt.ItemDataRole.EditRole)


def _open_editors(view: QTableView, column: int) -> None:
    model = view.model()
    for r in range(model.rowCount()):
        idx = model.index(r, column)
        if model.flags(idx) & Qt.ItemFlag.ItemIsEditable:
            view.openPersistentEditor(idx)


# ----------------------------------------------------------------------------------------------- page 1


class FilePage(QWizardPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self.wiz = wizard
        v = QVBoxLayout(self)
        row = QHBoxLayout()
        self.file_label = QLabel()
        self.path_edit = QLineEdit(readOnly=True)
        self.browse = QPushButton()
        self.browse.clicked.connect(self.choose_file)
        row.addWidget(self.file_label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        v.addLayout(row)
        self.found = QLabel(wordWrap=True)
        v.addWidget(self.found)
        self.sheets_view = _table(self)
        self.sheets_view.setItemDelegateForColumn(SheetsModel.TYPE, ChoiceDelegate(self.sheets_view))
        v.addWidget(self.sheets_view, 1)
        self.hint = QLabel(wordWrap=True, objectName="muted")
        v.addWidget(self.hint)
        self.denied = QLabel(wordWrap=True, objectName="fieldError")
        v.addWidget(self.denied)
        self.sheets_model: SheetsModel | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Choose the file"))
        self.setSubTitle(self.tr("An Excel workbook (.xlsx) or CSV file kept as a book, or an exchange file "
                                 "(.json, .ndjson) from Sổ Dân Vận."))
        self.file_label.setText(self.tr("File:"))
        self.path_edit.setPlaceholderText(self.tr("No file chosen yet"))
        self.browse.setText(self.tr("Choose file…"))
        self.hint.setText(self.tr("Choose the kind of records each sheet holds. A sheet set to \"Do not import\" "
                                  "is left out."))
        self.denied.setText(self.wiz.denied_text())
        self.denied.setVisible(bool(self.denied.text()))
        self.show_found()
        if self.sheets_model is not None:
            self.sheets_model.retranslate()

    def choose_file(self) -> None:
        start = self.wiz.ctx.settings.value("import/last_dir", str(Path.home()))
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the file to import"), str(start),
            self.tr("Books and exchange files (*.xlsx *.csv *.json *.ndjson *.jsonl);;All files (*)"))
        if path:
            self.wiz.ctx.settings.setValue("import/last_dir", str(Path(path).parent))
            self.wiz.set_path(path)

    def show_loaded(self) -> None:
        info = self.wiz.info
        self.path_edit.setText(str(info.path) if info else "")
        if info is not None and info.kind == "table":
            self.sheets_model = SheetsModel(info, self.wiz.plan, lambda: self.wiz.ctx.lang, self)
            self.sheets_model.type_changed.connect(self.wiz.sheet_type_changed)
            self.sheets_model.dataChanged.connect(lambda *_: self.completeChanged.emit())
            self.sheets_view.setModel(self.sheets_model)
            hh = self.sheets_view.horizontalHeader()
            hh.setSectionResizeMode(SheetsModel.SHEET, QHeaderView.ResizeMode.ResizeToContents)
            hh.setSectionResizeMode(SheetsModel.LAYOUT, QHeaderView.ResizeMode.ResizeToContents)
            _open_editors(self.sheets_view, SheetsModel.TYPE)
        else:
            self.sheets_model = None
            self.sheets_view.setModel(None)
        self.sheets_view.setEnabled(self.sheets_model is not None)
        self.show_found()
        self.completeChanged.emit()

    def show_found(self) -> None:
        info = self.wiz.info
        if info is None:
            self.found.setText("")
        elif info.kind == "records":
            self.found.setText(self.tr("An exchange file: its records are read as they are, no columns to map."))
        elif not info.sheets:
            self.found.setText(self.tr("The file has no filled rows."))
        elif any(s.layout == "form03" for s in info.sheets):
            self.found.setText(self.tr("Recognised as the reception book (Form 03): its columns are found by "
                                       "their headings."))
        else:
            self.found.setText(self.tr("{count} table(s) found.").format(count=len(info.sheets)))

    def isComplete(self) -> bool:
        plan = self.wiz.plan
        if plan is None:
            return False
        return plan.kind == "records" or any(s.rtype for s in plan.sheets)

    def nextId(self) -> int:
        plan = self.wiz.plan
        return PAGE_PREVIEW if plan is not None and plan.kind == "records" else PAGE_MAPPING


# ----------------------------------------------------------------------------------------------- page 2


class MappingPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self.wiz = wizard
        v = QVBoxLayout(self)
        top = QHBoxLayout()
        self.sheet_label = QLabel()
        self.sheet_combo = QComboBox()
        self.sheet_combo.setMinimumContentsLength(18)
        self.sheet_combo.currentIndexChanged.connect(self.show_sheet)
        self.header_label = QLabel()
        self.header_spin = QSpinBox()
        self.header_spin.setMinimum(1)
        self.header_spin.setMaximum(im.HEADER_SCAN_ROWS)
        self.header_spin.valueChanged.connect(self.header_row_changed)
        self.type_text = QLabel(objectName="muted")
        top.addWidget(self.sheet_label)
        top.addWidget(self.sheet_combo)
        top.addSpacing(16)
        top.addWidget(self.header_label)
        top.addWidget(self.header_spin)
        top.addSpacing(16)
        top.addWidget(self.type_text, 1)
        v.addLayout(top)
        self.layout_note = QLabel(wordWrap=True, objectName="muted")
        v.addWidget(self.layout_note)
        self.view = _table(self)
        self.view.setItemDelegateForColumn(MappingModel.TARGET, ChoiceDelegate(self.view))
        v.addWidget(self.view, 1)
        self.missing = QLabel(wordWrap=True, objectName="fieldError")
        v.addWidget(self.missing)
        host_row = QFormLayout()
        self.host_label = QLabel()
        self.host_edit = QLineEdit()
        self.host_edit.textChanged.connect(self.host_changed)
        host_row.addRow(self.host_label, self.host_edit)
        self.host_hint = QLabel(wordWrap=True, objectName="fieldError")
        host_row.addRow("", self.host_hint)
        v.addLayout(host_row)
        self.model: MappingModel | None = None
        self._loading = False
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(self.tr("Each column of the file is read into the field chosen beside it; guesses come "
                                 "from the column titles. Fields marked * are required."))
        self.sheet_label.setText(self.tr("Sheet:"))
        self.header_label.setText(self.tr("Column titles on row:"))
        self._show_host_state()
        self.host_edit.setPlaceholderText(self.tr("Full name of the person who received citizens"))
        if self.model is not None:
            self.model.retranslate()
        self.update_notes()

    def initializePage(self) -> None:
        self._loading = True
        self.sheet_combo.clear()
        plan = self.wiz.plan
        for i, s in enumerate(plan.sheets):
            if s.rtype:
                self.sheet_combo.addItem(s.title, i)
        self.sheet_combo.setEnabled(self.sheet_combo.count() > 1)
        self.host_edit.setText(plan.default_host or "")
        self._loading = False
        self.show_sheet()

    def current(self) -> int | None:
        i = self.sheet_combo.currentData()
        return i if isinstance(i, int) else None

    def show_sheet(self, *_args) -> None:
        if self._loading:
            return
        i = self.current()
        if i is None:
            return
        sheet, sp = self.wiz.info.sheets[i], self.wiz.plan.sheets[i]
        self.model = MappingModel(sheet, sp, lambda: self.wiz.ctx.lang, self)
        self.model.mapping_changed.connect(self.update_notes)
        self.view.setModel(self.model)
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(MappingModel.LETTER, QHeaderView.ResizeMode.ResizeToContents)
        for col, width in ((MappingModel.HEADER, 215), (MappingModel.SAMPLE, 210), (MappingModel.TARGET, 330)):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            self.view.setColumnWidth(col, width)
        _open_editors(self.view, MappingModel.TARGET)
        self.header_spin.blockSignals(True)
        self.header_spin.setValue(sp.header_row + 1)
        self.header_spin.blockSignals(False)
        self.header_spin.setEnabled(sheet.layout == "table")
        self.update_notes()

    def header_row_changed(self, value: int) -> None:
        i = self.current()
        if i is None:
            return
        self.wiz.set_header_row(i, value - 1)
        self.show_sheet()

    def host_changed(self, text: str) -> None:
        self.wiz.plan.default_host = text.strip() or None
        self._show_host_state()
        self.completeChanged.emit()

    def _show_host_state(self) -> None:
        """The host field is required when rows have no host column (the Form 03 book has none): marked with *,
        and while it is empty a line says why "Next" waits — a greyed-out button alone explains nothing."""
        plan = self.wiz.plan
        needs = plan is not None and plan.needs_host()
        self.host_edit.setEnabled(needs)
        self.host_label.setEnabled(needs)
        self.host_label.setText(self.tr("Received by (for rows without one):") + (" *" if needs else ""))
        waiting = needs and not plan.default_host
        self.host_hint.setText(self.tr("The file has no column for who received the citizens: type their name "
                                       "here to go on.") if waiting else "")
        self.host_hint.setVisible(waiting)

    def update_notes(self) -> None:
        i = self.current()
        if i is None or self.wiz.info is None:
            return
        sheet, sp = self.wiz.info.sheets[i], self.wiz.plan.sheets[i]
        lang = self.wiz.ctx.lang
        self.type_text.setText(self.tr("Record type: {type}").format(type=type_label(sp.rtype, lang)))
        if sheet.layout == "form03":
            self.layout_note.setText(self.tr("This sheet is the reception book (Form 03). Its columns are read "
                                             "by their headings, as shown; the name and address cell is split."))
        else:
            self.layout_note.setText(self.tr("Choose \"Skip\" for a column that should not be read."))
        missing = self.model.missing_required() if self.model else []
        self.missing.setText(self.tr("No column is read into these required fields: {fields}.").format(
            fields=", ".join(missing)) if missing else "")
        self.missing.setVisible(bool(missing))
        self._show_host_state()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        plan = self.wiz.plan
        return plan is not None and not (plan.needs_host() and not plan.default_host)


# ----------------------------------------------------------------------------------------------- page 3


class PreviewPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self.wiz = wizard
        v = QVBoxLayout(self)
        self.note = QLabel(wordWrap=True, objectName="muted")
        v.addWidget(self.note)
        self.view = _table(self, stretch_last=False)
        v.addWidget(self.view, 1)
        self.model: PreviewModel | None = None
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("The first rows as they will be read. Nothing is stored yet."))
        self._note()
        if self.model is not None:
            self.model.retranslate()

    def _note(self) -> None:
        n = self.model.rowCount() if self.model else 0
        self.note.setText(self.tr("{count} first row(s) shown. If a value sits in the wrong column, go back and "
                                  "change the matching.").format(count=n))

    def initializePage(self) -> None:
        rows: list = []
        with reported(self):
            rows = im.preview(self.wiz.plan)
        self.model = PreviewModel(rows, lambda: self.wiz.ctx.lang, self)
        self.view.setModel(self.model)
        self.view.resizeColumnsToContents()
        for c in range(self.model.columnCount()):
            self.view.setColumnWidth(c, min(self.view.columnWidth(c), 260))
        self._note()


# ----------------------------------------------------------------------------------------------- page 4


class _JobPanel(QWidget):
    """A status line, a progress bar and a Stop button for one background job."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        h = QHBoxLayout(self)
        h.setContentsMargins(0, 0, 0, 0)
        self.status = QLabel(wordWrap=True)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(260)
        self.stop = QPushButton()
        h.addWidget(self.status, 1)
        h.addWidget(self.bar)
        h.addWidget(self.stop)

    def running(self, text: str) -> None:
        self.status.setText(text)
        self.bar.setRange(0, 0)  # busy until the first progress report
        self.bar.setVisible(True)
        self.stop.setVisible(True)
        self.stop.setEnabled(True)

    def progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def finished(self, text: str) -> None:
        self.status.setText(text)
        self.bar.setVisible(False)  # a full bar beside "2 errors" would read as success
        self.stop.setVisible(False)
        self.stop.setEnabled(False)


class _JobPage(QWizardPage):
    """A page that runs one import job (the check, or the import itself) with a Stop button and the problems
    it found; the two pages differ in what they say and what they do with the result."""

    def __init__(self, wizard: "ImportWizard"):
        super().__init__()
        self.wiz = wizard
        self.job: Job | None = None
        self.result = None
        self._state = "idle"  # idle | running | done | stopped | failed
        self.panel = _JobPanel(self)
        self.panel.stop.clicked.connect(self.stop)
        self.problems = ProblemsModel(lambda: self.wiz.ctx.lang, self.wiz.rtype_of_sheet, self)

    def _problems_view(self) -> QTableView:
        view = _table(self)
        view.setModel(self.problems)
        hh = view.horizontalHeader()
        for c in (ProblemsModel.KIND, ProblemsModel.SHEET, ProblemsModel.LINE):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        view.setColumnWidth(ProblemsModel.FIELD, 320)
        return view

    def _run(self, *, dry_run: bool) -> None:
        self._state = "running"
        self.job = self.wiz.start_job(dry_run=dry_run, progressed=self.panel.progressed,
                                      succeeded=self._succeeded, failed=self._failed, ended=self._ended)
        self._show_state()
        self.completeChanged.emit()

    def stop(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _failed(self, exc) -> None:
        from app.errors import Cancelled

        if isinstance(exc, Cancelled):
            self._state = "stopped"
        else:
            self._state = "failed"
            show_error(self, exc)

    def _ended(self) -> None:
        self.job = None
        self._show_state()
        self.completeChanged.emit()
        self.wiz.job_ended()


class CheckPage(_JobPage):
    """The dry run: every row read and checked, nothing stored."""

    def __init__(self, wizard: "ImportWizard"):
        super().__init__(wizard)
        self.setCommitPage(True)
        v = QVBoxLayout(self)
        v.addWidget(self.panel)
        self.view = self._problems_view()
        self.view.horizontalHeader().setSectionResizeMode(ProblemsModel.FIELD, QHeaderView.ResizeMode.Interactive)
        v.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        self.denied = QLabel(wordWrap=True, objectName="fieldError")
        self.again = QPushButton()
        self.again.clicked.connect(self.start)
        bottom.addWidget(self.denied, 1)
        bottom.addStretch()
        bottom.addWidget(self.again)
        v.addLayout(bottom)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Check"))
        self.setSubTitle(self.tr("Every row is read and checked; nothing is stored. Errors must be put right "
                                 "before importing; warnings do not stop the import."))
        self.panel.stop.setText(self.tr("Stop"))
        self.again.setText(self.tr("Check again"))
        self.again.setToolTip(self.tr("Read the file again (after correcting it in Excel) and check it"))
        self.denied.setText(self.wiz.denied_text())
        self.denied.setVisible(bool(self.denied.text()))
        self.problems.retranslate()
        self._show_state()

    def initializePage(self) -> None:
        self.start()

    def cleanupPage(self) -> None:  # Back: a check still running is no longer wanted
        if self.job is not None:
            self.job.cancel()
        self.result = None
        self._state = "idle"
        self.problems.clear()

    def start(self) -> None:
        if self.job is not None:
            return
        self.result = None
        self.problems.clear()
        if not self.wiz.ctx.can(roles.IMPORT):
            self._state = "idle"
            self._show_state()
            self.completeChanged.emit()
            return
        self._run(dry_run=True)

    def _succeeded(self, res) -> None:
        self.result = res
        self._state = "done"
        self.problems.set_result(res.errors, res.warnings)
        self.view.setColumnHidden(ProblemsModel.SHEET, not self.problems.has_sheets)

    def _show_state(self) -> None:
        self.again.setEnabled(self.job is None and self.wiz.ctx.can(roles.IMPORT))
        if self._state == "running":
            self.panel.running(self.tr("Reading and checking the file…"))
        elif self._state == "stopped":
            self.panel.finished(self.tr("Check stopped. Nothing was stored."))
        elif self._state == "failed":
            self.panel.finished(self.tr("The check could not be completed."))
        elif self._state == "done" and self.result is not None:
            n = sum(self.result.imported.values()) + sum(self.result.updated.values()) + \
                sum(self.result.unchanged.values())
            errors, warnings = self.problems.error_count, self.problems.warning_count
            if errors:
                self.panel.finished(self.tr("{errors} error(s) and {warnings} warning(s). Nothing can be imported "
                                            "until the errors are corrected — correct the file, then Check again.")
                                    .format(errors=errors, warnings=warnings))
            else:
                self.panel.finished(self.tr("No errors: {count} record(s) ready to import, {warnings} warning(s). "
                                            "Press Import to store them.").format(count=n, warnings=warnings))
        else:
            self.panel.finished("")
        self.wiz.update_commit_button()

    def isComplete(self) -> bool:
        return (self.wiz.ctx.can(roles.IMPORT) and self._state == "done" and self.result is not None
                and not self.result.errors)


# ----------------------------------------------------------------------------------------------- page 5


class ImportPage(_JobPage):
    def __init__(self, wizard: "ImportWizard"):
        super().__init__(wizard)
        self.setFinalPage(True)
        v = QVBoxLayout(self)
        v.addWidget(self.panel)
        self.summary = SummaryModel(lambda: self.wiz.ctx.lang, self)
        self.summary_view = _table(self, stretch_last=False)
        self.summary_view.setModel(self.summary)
        self.summary_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.summary_view.setMaximumHeight(150)
        v.addWidget(self.summary_view)
        self.problems_view = self._problems_view()
        v.addWidget(self.problems_view, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(self.tr("Import"))
        self.setSubTitle(self.tr("The records are stored all together, or not at all."))
        self.panel.stop.setText(self.tr("Stop"))
        self.summary.retranslate()
        self.problems.retranslate()
        self._show_state()

    def initializePage(self) -> None:
        self.start()

    def start(self) -> None:
        if self.job is not None:
            return
        self._run(dry_run=False)

    def _succeeded(self, res) -> None:
        self.result = res
        self._state = "done"
        self.summary.set_result(res)
        self.problems.set_result(res.errors, res.warnings)
        self.problems_view.setColumnHidden(ProblemsModel.SHEET, not self.problems.has_sheets)
        if not res.errors:
            for entity, n in res.imported.items():
                if n or res.updated.get(entity):
                    self.wiz.ctx.notify_changed(entity)

    def _show_state(self) -> None:
        if self._state == "running":
            self.panel.running(self.tr("Importing…"))
        elif self._state == "stopped":
            self.panel.finished(self.tr("Import stopped. Nothing was stored."))
        elif self._state == "failed":
            self.panel.finished(self.tr("The import failed. Nothing was stored."))
        elif self._state == "done" and self.result is not None:
            if self.result.errors:
                self.panel.finished(self.tr("The file changed since the check and now has {errors} error(s). "
                                            "Nothing was stored.").format(errors=len(self.result.errors)))
            else:
                self.panel.finished(self.tr("Import complete: {added} added, {updated} updated, {same} unchanged.")
                                    .format(added=sum(self.result.imported.values()),
                                            updated=sum(self.result.updated.values()),
                                            same=sum(self.result.unchanged.values())))
        else:
            self.panel.finished("")

    def isComplete(self) -> bool:
        return self.job is None and self._state != "running"


# ------------------------------------------------------------------------------------------------ wizard


class ImportWizard(QWizard):
    """`ImportWizard(ctx, parent)`; `set_path(path)` loads a file without the file dialog."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.info: im.FileInfo | None = None
        self.plan: im.ImportPlan | None = None
        self._close_when_idle = False
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.check_page = CheckPage(self)
        self.import_page = ImportPage(self)
        for pid, page in ((PAGE_FILE, self.file_page), (PAGE_MAPPING, self.mapping_page),
                          (PAGE_PREVIEW, self.preview_page), (PAGE_CHECK, self.check_page),
                          (PAGE_IMPORT, self.import_page)):
            self.setPage(pid, page)
        self.setStartId(PAGE_FILE)
        fit_to_screen(self, 1100, 640)
        self.currentIdChanged.connect(lambda _i: self.update_commit_button())
        ctx.language_changed.connect(lambda _l: self.retranslate_ui())
        self.retranslate_ui()

    # -- text ----------------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Import records"))
        for which, text in ((QWizard.WizardButton.BackButton, self.tr("< Back")),
                            (QWizard.WizardButton.NextButton, self.tr("Next >")),
                            (QWizard.WizardButton.CommitButton, self.tr("Import")),
                            (QWizard.WizardButton.FinishButton, self.tr("Close")),
                            (QWizard.WizardButton.CancelButton, self.tr("Cancel"))):
            self.setButtonText(which, text)
        for page in (self.file_page, self.mapping_page, self.preview_page, self.check_page, self.import_page):
            page.retranslate_ui()
        self.update_commit_button()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def denied_text(self) -> str:
        return self.ctx.denied_reason(roles.IMPORT)

    def update_commit_button(self) -> None:
        """The Import button says why it is disabled when the role may not import."""
        reason = self.denied_text()
        for which in (QWizard.WizardButton.CommitButton, QWizard.WizardButton.FinishButton):
            self.button(which).setToolTip(reason)

    # -- the file and the plan -----------------------------------------------------------------------------
    def set_path(self, path: str | Path) -> bool:
        """Look at the file and take every guess; False (after saying why) when it cannot be read."""
        with reported(self):
            info = im.inspect(path)
            self.info, self.plan = info, im.plan_from(info)
            self.file_page.show_loaded()
            return True
        return False

    def sheet_type_changed(self, row: int) -> None:
        """Another record type for a sheet: guess its columns again for that type."""
        sheet, sp = self.info.sheets[row], self.plan.sheets[row]
        self._remap(sheet, sp)

    def set_header_row(self, row: int, header_row: int) -> None:
        sheet, sp = self.info.sheets[row], self.plan.sheets[row]
        sp.header_row = sheet.header_row = header_row
        self._remap(sheet, sp)

    @staticmethod
    def _remap(sheet: im.SheetInfo, sp: im.SheetPlan) -> None:
        if sheet.layout != "table":
            return
        sheet.columns = im.sheet_columns(sheet.rows, sp.header_row, sp.rtype)
        sp.mapping = {c.index: c.path for c in sheet.columns if c.path}

    def rtype_of_sheet(self, sheet: str | None) -> str | None:
        """The record type the rows of `sheet` are read as (for naming fields in problems)."""
        if self.plan is None:
            return None
        chosen = [s for s in self.plan.sheets if s.rtype]
        for s in chosen:
            if s.title == sheet:
                return s.rtype
        return chosen[0].rtype if len(chosen) == 1 else None

    # -- background work -----------------------------------------------------------------------------------
    def start_job(self, *, dry_run: bool, progressed, succeeded, failed, ended) -> Job:
        plan = copy.deepcopy(self.plan)  # the worker reads its own copy; the pages may change theirs
        session = self.ctx.session

        def work(progress=None, cancel=None):
            spawned = session.spawn()  # opened and closed on the worker thread: one connection per thread
            try:
                return im.import_mapped(spawned, plan, dry_run=dry_run, progress=progress, cancel=cancel)
            finally:
                spawned.close()

        job = Job(work)  # never parented: the job keeps itself alive until its worker reports
        job.progressed.connect(progressed)
        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        job.ended.connect(ended)
        return job.start()

    def running_job(self) -> Job | None:
        return self.check_page.job or self.import_page.job

    def job_ended(self) -> None:
        if self._close_when_idle and self.running_job() is None:
            self._close_when_idle = False
            super().reject()

    def reject(self) -> None:
        """Cancel while work runs stops the work first (nothing is stored), then closes."""
        job = self.running_job()
        if job is not None:
            self._close_when_idle = True
            job.cancel()
            return
        super().reject()

    def closeEvent(self, event) -> None:
        job = self.running_job()
        if job is not None:
            self._close_when_idle = True
            job.cancel()
            event.ignore()
            return
        super().closeEvent(event)
