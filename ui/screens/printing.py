"""In & báo cáo: pick a document (reception book, petition register, "Dân vận khéo" register, periodic report),
its period, preview its pages, print them or save the file.

Documents are built only through app.services.printing (permissions, audit, atomic write) on a worker thread into
a temporary folder that lives as long as the screen. Print and Save as use the document previewed; when the
choices (or the data) changed since, they build it again first. Excel and Word files have no preview: the screen
says so and offers Save as and opening them with the program the computer uses for them.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTemporaryDir, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFormLayout, QFrame, QGroupBox, QHBoxLayout,
                               QLabel, QListView, QPushButton, QSizePolicy, QSpinBox, QStackedWidget, QVBoxLayout, QWidget)

from app.domain import roles
from app.services import printing as service
from app.services.stats import resolve_period
from app.services.sync_overview import level as unit_level
from ui import printing as printer_tools
from ui.errors import reported, show_error
from ui.models.print_documents import KIND_ROLE, PrintDocumentsModel, title
from ui.models.unit_column import unit_choices
from ui.widgets.fields import DateEdit
from ui.widgets.pdf_preview import PdfPreview

RANGE_KINDS = ("reception-log", "petition-register", "dialogue-register")
UNIT_KINDS = (*RANGE_KINDS, "models")  # the books an upper level prints for one commune or for all
PERIOD_KINDS = ("month", "quarter", "half", "9M", "year")
_UNSAFE = re.compile(r'[<>:"/\\|?*]+')


def _period_text(kind: str, number: int, year: int) -> str:
    return {"month": f"{year:04d}-{number:02d}", "quarter": f"{year:04d}-Q{number}", "half": f"{year:04d}-H{number}",
            "9M": f"{year:04d}-9M", "year": f"{year:04d}"}[kind]


REPORT_DUE_DAYS = 10  # for these days after a cut-off the periodic report defaults to the period just ended


class PrintScreen(QWidget):
    built = Signal(dict)  # a document is ready ({"file", "pages", "entries"})

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.result: dict | None = None  # the last document built
        self.stale = False  # choices or data changed since it was built
        self._building_kind = self._built_kind = None  # the document being built, the one built last
        self._tmp = QTemporaryDir()
        self._count = 0
        self._job = None
        self._then: str | None = None  # "print" or "save" once the build is done

        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 10, 14, 10)
        outer.setSpacing(8)
        self.title = QLabel(objectName="screenTitle")
        outer.addWidget(self.title)
        body = QHBoxLayout()
        body.setSpacing(12)
        outer.addLayout(body, 1)

        # -- left: choices -------------------------------------------------------------------------------------
        left = QVBoxLayout()
        left.setSpacing(8)
        side = QWidget()
        side.setLayout(left)
        side.setFixedWidth(340)
        body.addWidget(side)

        self.kind_label = QLabel()
        left.addWidget(self.kind_label)
        self.kinds = PrintDocumentsModel(self)
        self.kind_view = QListView()
        self.kind_view.setModel(self.kinds)
        self.kind_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.kind_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.kind_view.setSpacing(2)
        self.kind_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        rows = max(1, self.kinds.rowCount())  # as tall as its few rows, no scrolling
        self.kind_view.setFixedHeight(rows * (self.kind_view.sizeHintForRow(0) + 2 * self.kind_view.spacing())
                                      + 2 * self.kind_view.frameWidth() + 4)
        left.addWidget(self.kind_view)

        self.params_box = QGroupBox()
        pv = QVBoxLayout(self.params_box)
        self.params = QStackedWidget()
        pv.addWidget(self.params)
        # At the upper level a book holds every commune's entries (each naming its commune) or one commune's.
        self.upper = unit_level(ctx.session) == "upper"
        self.unit_row = QWidget()
        uf = QFormLayout(self.unit_row)
        uf.setContentsMargins(0, 0, 0, 0)
        self.unit_label = QLabel()
        self.unit = QComboBox()
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        # Narrow when closed (the side panel is fixed; a long name is in the tooltip), as wide as the column allows.
        self.unit.setMinimumContentsLength(10)
        self.unit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.unit.addItem("", "")  # every commune: text set in retranslate_ui
        self._fill_units()
        uf.addRow(self.unit_label, self.unit)
        uf.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)  # the same columns as the period's form above
        self.unit_row.setVisible(False)
        pv.addWidget(self.unit_row)
        left.addWidget(self.params_box)

        # date range: the two books
        self.range_page = QWidget()
        rf = QFormLayout(self.range_page)
        rf.setContentsMargins(0, 0, 0, 0)
        rf.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.date_from = DateEdit(optional=False)
        self.date_to = DateEdit(optional=False)
        self.from_label, self.to_label = QLabel(), QLabel()
        rf.addRow(self.from_label, self.date_from)
        rf.addRow(self.to_label, self.date_to)
        quick = QHBoxLayout()
        self.this_month = QPushButton()
        self.this_quarter = QPushButton()
        self.this_year = QPushButton()
        for b, key in ((self.this_month, "this-month"), (self.this_quarter, "this-quarter"),
                       (self.this_year, "this-year")):
            b.clicked.connect(lambda _c=False, k=key: self.set_range_period(k))
            quick.addWidget(b)
        rf.addRow(quick)
        self.params.addWidget(self.range_page)

        # year: the models register
        self.year_page = QWidget()
        yf = QFormLayout(self.year_page)
        yf.setContentsMargins(0, 0, 0, 0)
        yf.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.year_label = QLabel()
        self.year = QSpinBox(minimum=2000, maximum=2100)
        yf.addRow(self.year_label, self.year)
        self.params.addWidget(self.year_page)

        # period and format: the periodic report
        self.report_page = QWidget()
        pf = QFormLayout(self.report_page)
        pf.setContentsMargins(0, 0, 0, 0)
        pf.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.period_kind_label, self.period_number_label = QLabel(), QLabel()
        self.report_year_label, self.format_label = QLabel(), QLabel()
        self.period_kind = QComboBox()
        self.period_number = QComboBox()
        self.report_year = QSpinBox(minimum=2000, maximum=2100)
        self.period_range = QLabel(objectName="muted")
        self.out_format = QComboBox()
        pf.addRow(self.period_kind_label, self.period_kind)
        pf.addRow(self.period_number_label, self.period_number)
        pf.addRow(self.report_year_label, self.report_year)
        pf.addRow("", self.period_range)
        pf.addRow(self.format_label, self.out_format)
        self.params.addWidget(self.report_page)

        self.confidential = QCheckBox()
        self.confidential.setStyleSheet("QCheckBox { spacing: 6px; }")
        left.addWidget(self.confidential)

        actions = QHBoxLayout()
        self.preview_button = QPushButton(objectName="primary")
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        for b in (self.preview_button, self.print_button, self.save_button):
            actions.addWidget(b)
        left.addLayout(actions)
        self.status = QLabel(objectName="muted", wordWrap=True)
        left.addWidget(self.status)
        left.addStretch(1)

        # -- right: the pages ------------------------------------------------------------------------------------
        self.view = QStackedWidget()
        frame = QFrame(objectName="panel")
        frame.setStyleSheet("QFrame#panel { border: 1px solid #d0d4d9; border-radius: 6px; background: white; }")
        fv = QVBoxLayout(frame)
        fv.setContentsMargins(1, 1, 1, 1)
        fv.addWidget(self.view)
        body.addWidget(frame, 1)
        self.empty = QLabel(objectName="emptyState", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.preview = PdfPreview()
        self.no_preview = QWidget()
        nv = QVBoxLayout(self.no_preview)
        nv.addStretch(1)
        self.no_preview_text = QLabel(objectName="emptyState", alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.no_preview_text.setMaximumWidth(560)
        nv.addWidget(self.no_preview_text, 0, Qt.AlignmentFlag.AlignHCenter)
        nb = QHBoxLayout()
        nb.addStretch(1)
        self.no_preview_save = QPushButton(objectName="primary")
        self.open_button = QPushButton()
        nb.addWidget(self.no_preview_save)
        nb.addWidget(self.open_button)
        nb.addStretch(1)
        nv.addLayout(nb)
        nv.addStretch(2)
        for w in (self.empty, self.preview, self.no_preview):
            self.view.addWidget(w)

        # -- wiring ----------------------------------------------------------------------------------------------
        self.kind_view.selectionModel().currentChanged.connect(lambda _c, _p: self._kind_changed())
        self.period_kind.currentIndexChanged.connect(self._period_kind_changed)
        for w in (self.period_number, self.out_format, self.unit):
            w.currentIndexChanged.connect(lambda _i: self._choices_changed())
        self.unit.currentIndexChanged.connect(lambda _i: self._unit_tooltip())
        for w in (self.year, self.report_year):
            w.valueChanged.connect(lambda _v: self._choices_changed())
        for w in (self.date_from, self.date_to):
            w.dateChanged.connect(lambda _d: self._choices_changed())
            w.editingFinished.connect(self._choices_changed)  # a date mistyped: say so at once
        self.confidential.toggled.connect(self._confidential_toggled)
        self.preview_button.clicked.connect(self.show_preview)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        self.no_preview_save.clicked.connect(self.save_as)
        self.open_button.clicked.connect(self.open_with_system)
        self.preview.failed.connect(lambda exc: show_error(self, exc))
        ctx.records_changed.connect(self._data_changed)

        self._set_defaults()
        self.retranslate_ui()
        if self.kinds.kinds:
            self.kind_view.setCurrentIndex(self.kinds.index(0))
        self._update_actions()

    # -- choices ---------------------------------------------------------------------------------------------------
    @property
    def kind(self) -> str | None:
        index = self.kind_view.currentIndex()
        return index.data(KIND_ROLE) if index.isValid() else None

    def select_kind(self, kind: str) -> bool:
        row = self.kinds.row_of(kind)
        if row >= 0:
            self.kind_view.setCurrentIndex(self.kinds.index(row))
        return row >= 0

    def select_unit(self, unit_code: str | None) -> None:
        """The unit a list or the models screen shows: "" or None for every unit — never one chosen here
        earlier, which would print one commune's book under a list of every commune's."""
        self.unit.setCurrentIndex(max(0, self.unit.findData(unit_code or "")))

    def _set_defaults(self) -> None:
        self.set_range_period("this-month")
        today = self.ctx.session.clock.today()
        self.year.setValue(today.year)
        month = resolve_period(self.ctx.session, "this-month")
        if (today - month.start).days < REPORT_DUE_DAYS:
            # just after a cut-off the report being written is the period that has just ended (on 15/12 the
            # year's report, not "Tháng 1" of next year with nothing in it yet)
            y, m = int(month.key[:4]), int(month.key[5:7])
            month = resolve_period(self.ctx.session, f"{y - 1}-12" if m == 1 else f"{y}-{m - 1:02d}")
        self.report_year.setValue(int(month.key[:4]))
        self._fill_period_kinds()
        self._fill_numbers(int(month.key[5:7]))
        self._fill_formats()

    def set_range_period(self, key: str) -> None:
        """"Tháng này / Quý này / Năm nay": the statistical period (the unit's cut-off day) containing today."""
        with reported(self):
            p = resolve_period(self.ctx.session, key)
            self.date_from.set_value(p.start.isoformat())
            self.date_to.set_value(p.end.isoformat())

    def _fill_units(self) -> None:
        """The units whose books can be printed here (this unit, then the registered communes), keeping the
        choice; filled again each time the screen is shown, so a commune registered meanwhile is there."""
        if not self.upper:
            return
        current = self.unit.currentData() or ""
        self.unit.blockSignals(True)
        while self.unit.count() > 1:
            self.unit.removeItem(1)
        with reported(self):
            for code, text in unit_choices(self.ctx.session):
                self.unit.addItem(text, code)
        self.unit.setCurrentIndex(max(0, self.unit.findData(current)))
        self.unit.blockSignals(False)
        self.unit.view().setMinimumWidth(self.unit.view().sizeHintForColumn(0) + 24)
        self._unit_tooltip()

    def _unit_tooltip(self) -> None:
        """The chosen unit's whole name (a long one is cut in the closed box), then what the choice does."""
        what = self.tr("A book of one unit, or of every commune kept together commune by commune, each entry "
                       "naming its unit")
        chosen = self.unit.currentText() if self.unit.currentData() else ""
        self.unit.setToolTip(f"{chosen}\n{what}" if chosen else what)

    def showEvent(self, event) -> None:
        self._fill_units()
        super().showEvent(event)

    def _fill_period_kinds(self) -> None:
        current = self.period_kind.currentData() or "month"
        names = {"month": self.tr("Month"), "quarter": self.tr("Quarter"), "half": self.tr("6 months"),
                 "9M": self.tr("9 months"), "year": self.tr("Year")}
        self.period_kind.blockSignals(True)
        self.period_kind.clear()
        for key in PERIOD_KINDS:
            self.period_kind.addItem(names[key], key)
        self.period_kind.setCurrentIndex(PERIOD_KINDS.index(current))
        self.period_kind.blockSignals(False)

    def _fill_numbers(self, keep: int | None = None) -> None:
        kind = self.period_kind.currentData()
        keep = keep if keep is not None else (self.period_number.currentData() or 1)
        if kind == "month":
            items = [(self.tr("Month {n}").format(n=m), m) for m in range(1, 13)]
        elif kind == "quarter":
            items = [(self.tr("Quarter {n}").format(n=r), q) for q, r in enumerate(("I", "II", "III", "IV"), 1)]
        elif kind == "half":
            items = [(self.tr("First 6 months"), 1), (self.tr("Last 6 months"), 2)]
        else:
            items = []
        self.period_number.blockSignals(True)
        self.period_number.clear()
        for text, value in items:
            self.period_number.addItem(text, value)
        values = [v for _t, v in items]
        self.period_number.setCurrentIndex(values.index(keep) if keep in values else 0)
        self.period_number.setEnabled(bool(items))
        self.period_number.blockSignals(False)

    def _fill_formats(self) -> None:
        current = self.out_format.currentData() or ".pdf"
        names = {".pdf": self.tr("PDF (preview and print)"), ".xlsx": self.tr("Excel (.xlsx)"),
                 ".docx": self.tr("Word (.docx)")}
        self.out_format.blockSignals(True)
        self.out_format.clear()
        for suffix in service.DOCUMENTS.get("report", (None, (".pdf",)))[1]:
            self.out_format.addItem(names.get(suffix, suffix), suffix)
        self.out_format.setCurrentIndex(max(0, self.out_format.findData(current)))
        self.out_format.blockSignals(False)

    def _period_kind_changed(self, _i: int) -> None:
        self._fill_numbers()
        self._choices_changed()

    def period(self) -> str:
        return _period_text(self.period_kind.currentData() or "month", self.period_number.currentData() or 1,
                            self.report_year.value())

    @property
    def suffix(self) -> str:
        return (self.out_format.currentData() or ".pdf") if self.kind == "report" else ".pdf"

    def options(self) -> dict:
        kind = self.kind
        unit = {"unit_code": self.unit.currentData()} if self.upper and self.unit.currentData() else {}
        if kind in RANGE_KINDS:
            return {"date_from": self.date_from.iso(), "date_to": self.date_to.iso(), **unit}
        if kind == "models":
            return {"year": self.year.value(), **unit}
        if kind == "report":
            return {"period": self.period()}
        return {}

    def problem(self) -> str:
        """Why the current choices cannot be built ("" when they can)."""
        if self.kind is None:
            return self.tr("No document can be printed yet.")
        if not self.ctx.can(roles.EXPORT):
            return self.ctx.denied_reason(roles.EXPORT)
        if self.kind in RANGE_KINDS:
            start, end = self.date_from.iso(), self.date_to.iso()
            if start is None or end is None:
                return self.tr("Type the start and end dates as day/month/year, for example 05/11/2026.")
            if start > end:
                return self.tr("The start date is after the end date.")
        return ""

    def suggested_name(self) -> str:
        kind, o = self.kind, self.options()
        name = title(kind)
        if kind in RANGE_KINDS:
            d = lambda iso: "-".join(reversed(iso.split("-")))  # noqa: E731 — dd-mm-yyyy (no "/" in file names)
            name += f" {d(o['date_from'])} – {d(o['date_to'])}"
        elif kind == "models":
            name += f" {o['year']}"
        elif kind == "report":
            with reported(self):
                p = resolve_period(self.ctx.session, o["period"])
                name += " " + (p.label_vi if self.ctx.lang == "vi" else p.label_en)
        if o.get("unit_code"):  # "Sổ tiếp công dân Phường Ngọc Hà (00008) …" — one commune's book
            name = name.replace(title(kind), f"{title(kind)} {self.unit.currentText()}", 1)
        return _UNSAFE.sub("", name.replace("/", "-")).strip()  # "Tháng 12/2026" → "Tháng 12-2026"

    def _kind_changed(self) -> None:
        kind = self.kind
        page = {"models": self.year_page, "report": self.report_page}.get(kind, self.range_page)
        for p in (self.range_page, self.year_page, self.report_page):  # the box as tall as the shown page only
            p.setSizePolicy(QSizePolicy.Policy.Preferred,
                            QSizePolicy.Policy.Preferred if p is page else QSizePolicy.Policy.Ignored)
        self.params.setCurrentWidget(page)
        self.unit_row.setVisible(self.upper and kind in UNIT_KINDS)
        self.params.adjustSize()
        if kind not in printer_tools.CONFIDENTIAL_KINDS and self.confidential.isChecked():
            self.confidential.blockSignals(True)
            self.confidential.setChecked(False)
            self.confidential.blockSignals(False)
        self._retranslate_params()
        self._choices_changed()
        # Another document's pages must not stand under this one's name: back to the prompt until it is built;
        # the document shown last comes back if the officer returns to it.
        shown = self.result is not None and self._built_kind == kind
        if self.result is not None and Path(self.result["file"]).suffix.lower() == ".pdf":
            self.view.setCurrentWidget(self.preview if shown else self.empty)

    def _choices_changed(self) -> None:
        if self.kind == "report":
            try:
                self.period_range.setText(resolve_period(self.ctx.session, self.period()).range_text)
            except Exception:  # an impossible period (year out of range): the build will say why
                self.period_range.setText("")
        self.stale = True
        self._update_actions()

    def _data_changed(self, _entity: str = "") -> None:
        if self.result is not None:
            self.stale = True
            self._update_actions()

    def _confidential_toggled(self, checked: bool) -> None:
        if checked and not printer_tools.confirm_confidential(self):
            self.confidential.blockSignals(True)
            self.confidential.setChecked(False)
            self.confidential.blockSignals(False)
            return
        self._choices_changed()

    # -- state of the buttons ---------------------------------------------------------------------------------------
    def _update_actions(self) -> None:
        busy = self._job is not None
        problem = self.problem()
        ok = not problem and not busy
        for b in (self.preview_button, self.save_button):
            b.setEnabled(ok)
            b.setToolTip(problem)
        printable = self.suffix == ".pdf"
        self.print_button.setEnabled(ok and printable)
        self.print_button.setToolTip(problem or ("" if printable else self.tr(
            "Only PDF documents are printed from here: save the file and print it from Excel or Word.")))
        can = self.ctx.can(roles.EXPORT_CONFIDENTIAL)
        applies = self.kind in printer_tools.CONFIDENTIAL_KINDS
        self.confidential.setEnabled(can and applies and not busy)
        self.confidential.setVisible(applies)  # a register with no denouncers does not offer the choice at all
        if not can:
            self.confidential.setToolTip(self.ctx.denied_reason(roles.EXPORT_CONFIDENTIAL))
        elif not applies:
            self.confidential.setToolTip(self.tr("This document contains no denouncer's identity."))
        else:
            self.confidential.setToolTip(self.tr(
                "Denouncers' names, ID numbers and addresses are printed instead of \"[Bảo mật]\"; the pages bear "
                "the \"MẬT\" mark and the choice is recorded in the activity log."))
        if busy:
            self.status.setText(self.tr("Preparing the document…"))
        elif problem:
            self.status.setText(problem)
        elif self.result is not None and not self.stale:
            self.status.setText(printer_tools.status_text(self.result, Path(self.result["file"]).suffix))
        elif self.result is not None:
            self.status.setText(self.tr("The choices or the data changed: press Preview to see the new pages."))
        else:
            self.status.setText("")

    # -- building and using the document --------------------------------------------------------------------------
    def build(self, then: str | None = None) -> bool:
        """Build the chosen document in the background; `then` ("print", "save") continues once it is ready."""
        if self._job is not None or self.problem():
            return False
        self._count += 1
        self._building_kind = self.kind
        out = Path(self._tmp.path()) / f"{self.kind}-{self._count}{self.suffix}"
        self._then = then
        self._job = printer_tools.build_job(self.ctx, self.kind, out, self.options(), self.confidential.isChecked())
        self._job.succeeded.connect(self._built)
        self._job.failed.connect(self._build_failed)
        self._last_job = self._job  # held past its report (see PdfPreview._keep)
        self._job.start()
        self._update_actions()
        return True

    def _built(self, result: dict) -> None:
        self._job = None
        self.result = result
        self._built_kind = self._building_kind
        self.stale = False
        path = Path(result["file"])
        if path.suffix.lower() == ".pdf":
            self.preview.set_pdf(path)
            self.view.setCurrentWidget(self.preview)
        else:
            self.preview.clear()
            self.view.setCurrentWidget(self.no_preview)
        self._update_actions()
        self.built.emit(result)
        then, self._then = self._then, None
        if then == "print":
            self.print_document()
        elif then == "save":
            self.save_as()

    def _build_failed(self, exc) -> None:
        self._job = None
        self._then = None
        self._update_actions()
        show_error(self, exc)

    def _current_file(self) -> Path | None:
        if self.result is None or self.stale or Path(self.result["file"]).suffix.lower() != self.suffix:
            return None
        return Path(self.result["file"])

    def show_preview(self) -> bool:
        """"Xem trước": build the document and show its pages (or, for Excel and Word, what can be done)."""
        return self.build()

    def print_document(self) -> bool:
        """"In…": the system print dialog for the document shown (built first when the choices changed)."""
        if self.suffix != ".pdf":
            return False
        path = self._current_file()
        if path is None:
            return self.build(then="print")
        with reported(self):
            printed = printer_tools.print_with_dialog(self, path)
            if printed:
                printer_tools.record_output(self.ctx, self.result)
            return printed
        return False

    def save_as(self) -> Path | None:
        """"Lưu thành…": copy the built file where the user chooses (built first when the choices changed)."""
        path = self._current_file()
        if path is None:
            self.build(then="save")
            return None
        with reported(self):
            target = printer_tools.save_copy(self, self.ctx.settings, path, self.suggested_name())
            if target is not None:
                printer_tools.record_output(self.ctx, self.result, target)
            return target
        return None

    def open_with_system(self) -> bool:
        path = self._current_file()
        return bool(path) and printer_tools.open_with_system(path)

    # -- language -----------------------------------------------------------------------------------------------------
    def _retranslate_params(self) -> None:
        self.params_box.setTitle(self.tr("{document}: choices").format(document=title(self.kind))
                                 if self.kind else self.tr("Choices"))

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Print & reports"))
        self.kind_label.setText(self.tr("Document"))
        self.kinds.retranslate()
        self._retranslate_params()
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("To"))
        self.this_month.setText(self.tr("This month"))
        self.this_quarter.setText(self.tr("This quarter"))
        self.this_year.setText(self.tr("This year"))
        for b in (self.this_month, self.this_quarter, self.this_year):
            b.setToolTip(self.tr("The statistical period containing today (cut-off day of the unit's settings)"))
        self.year_label.setText(self.tr("Year"))
        self.period_kind_label.setText(self.tr("Period"))
        self.period_number_label.setText(self.tr("Which"))
        self.report_year_label.setText(self.tr("Year"))
        self.format_label.setText(self.tr("File format"))
        self.unit_label.setText(self.tr("Unit"))
        self.unit.setItemText(0, self.tr("Every commune"))
        self._unit_tooltip()
        self._align_labels()
        self._fill_period_kinds()
        self._fill_numbers()
        self._fill_formats()
        self.confidential.setText(self.tr("Include the denouncer's identity"))
        self.preview_button.setText(self.tr("Preview"))
        self.print_button.setText(self.tr("Print…"))
        self.save_button.setText(self.tr("Save as…"))
        self.empty.setText(self.tr("Choose a document and its period, then press Preview to see its pages.")
                           if self.kinds.kinds else self.tr("No document can be printed yet."))
        self.no_preview_text.setText(self.tr(
            "Excel and Word files have no preview here. Save the file, or open it with the program your computer "
            "uses for it, to check and edit it before signing."))
        self.no_preview_save.setText(self.tr("Save as…"))
        self.open_button.setText(self.tr("Open with the computer's program"))
        self._update_actions()

    def _align_labels(self) -> None:
        """The "Đơn vị" row sits in its own form under the period's: one label width keeps both columns of boxes
        in line, in either language."""
        labels = (self.from_label, self.to_label, self.year_label, self.period_kind_label, self.period_number_label,
                  self.report_year_label, self.format_label, self.unit_label)
        for label in labels:
            label.setMinimumWidth(0)
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
