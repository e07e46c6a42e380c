"""One list screen per record type: search as you type (diacritic-blind, in SQL), filters that persist,
a lazily fetched table, a row count, Enter opens, Ctrl+N adds, an empty state that says what to do."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, QTimer, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu,
                               QMessageBox, QPushButton, QTableView, QVBoxLayout, QWidget)

from app.domain import roles
from app.services import records
from app.services.sync_overview import level as unit_level
from app.storage.listing import Filters
from ui import format as fmt
from ui.errors import reported
from ui.forms.registry import open_form
from ui.models.listing_source import ListingSource
from ui.models.record_table import PAGE_SIZE, Column, RecordTableModel
from ui.models.unit_column import unit_column, unit_filter
from ui.style import OVERDUE
from ui.widgets.column_fit import AutoFit
from ui.widgets.fields import DateEdit, EnumCombo
from ui.widgets.flow import FlowLayout, pair
from ui.widgets.tables import row_height

SEARCH_DEBOUNCE_MS = 250
STATUS_SECONDS = 10  # how long "Đã lưu …" stays in the status bar


@dataclass
class FilterSpec:
    key: str  # Filters attribute: "category", "status", "field"
    table: dict  # glossary table of the choices
    title: Callable[[], str]


@dataclass
class ListSpec:
    entity: str
    title: Callable[[], str]
    columns: Callable[["RecordListScreen"], list[Column]]
    add_text: Callable[[], str]
    empty_text: Callable[[], str]
    count_text: Callable[[int], str]  # "1.254 lượt tiếp"
    filters: list[FilterSpec] = field(default_factory=list)
    search_hint: Callable[[], str] | None = None  # what the search box finds, when not names and ID numbers
    print_kind: str | None = None  # the book this list prints ("In sổ"): a document kind of app.services.printing
    print_text: Callable[[], str] | None = None
    overdue_filter: bool = False
    overdue_text: Callable[[], str] | None = None  # the overdue box's own words ("Overdue only" without)
    overdue_sort: str | None = None  # the column the dashboard's link sorts by, ascending (a Column key)
    importable: bool = False  # offers the import wizard for the books kept in Excel today


class RecordListScreen(QWidget):
    def __init__(self, ctx, spec: ListSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.spec = spec
        self._stale = False
        self._settings_key = f"lists/{spec.entity}"
        # At the upper level the lists hold every commune's records: a "Đơn vị" column and a unit filter.
        self.upper = unit_level(ctx.session) == "upper"
        filters = list(spec.filters) + ([unit_filter(ctx)] if self.upper else [])
        v = QVBoxLayout(self)
        v.setContentsMargins(14, 10, 14, 8)

        top = QHBoxLayout()
        self.title = QLabel(objectName="screenTitle")
        top.addWidget(self.title)
        top.addStretch(1)
        self.search = QLineEdit(clearButtonEnabled=True)
        self.search.setMinimumWidth(240)
        self.search.setMaximumWidth(420)
        top.addWidget(self.search)
        v.addLayout(top)

        # The filters wrap onto a second line where the window is narrow (a laptop at 125 % display scaling),
        # each label with its field.
        bar_box = QWidget()
        bar = FlowLayout(bar_box, spacing=8)
        self.from_label, self.to_label = QLabel(), QLabel()
        self.date_from, self.date_to = DateEdit(), DateEdit()
        for d in (self.date_from, self.date_to):
            d.setMaximumWidth(d.fitting_width(130))  # the date and the calendar button; a filter line is short of room
        bar.addWidget(pair(self.from_label, self.date_from, self.to_label, self.date_to))
        self.filter_combos: dict[str, tuple[QLabel, EnumCombo, FilterSpec]] = {}
        for fs in filters:
            lab = QLabel()
            combo = EnumCombo(fs.table, ctx.lang, blank="")
            # Not as wide as its longest entry ("Chuyển đơn đến cơ quan có thẩm quyền"): the open list shows
            # every entry whole.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
            bar.addWidget(pair(lab, combo))
            self.filter_combos[fs.key] = (lab, combo, fs)
        self.overdue = QCheckBox() if spec.overdue_filter else None
        if self.overdue is not None:
            bar.addWidget(self.overdue)
        self.clear_filters = QPushButton()
        self.clear_filters.setFlat(True)
        bar.addWidget(self.clear_filters)
        v.addWidget(bar_box)

        columns = spec.columns(self)
        if self.upper:
            columns.insert(1, unit_column())
        self.model = RecordTableModel(columns, parent=self)
        self.model.counted.connect(lambda _n: self._update_count())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # rows by the arrows; Tab leaves for the buttons below
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(row_height(self.table))
        # Fixed row heights: the view never asks every row for its size hint (200,000 rows).
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        h = self.table.horizontalHeader()
        h.setSectionsMovable(True)
        h.setStretchLastSection(True)
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.setSortIndicatorShown(True)
        h.setTextElideMode(Qt.TextElideMode.ElideRight)  # a title cut at its end, not on both sides
        v.addWidget(self.table, 1)
        self.empty = QLabel(self.table.viewport(), objectName="emptyState", wordWrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()

        bottom = QHBoxLayout()
        self.add_button = QPushButton(objectName="primary")
        bottom.addWidget(self.add_button)
        self.import_button = self._permitted_button(bottom, self.open_import, roles.IMPORT) \
            if spec.importable else None
        self.print_button = self._permitted_button(bottom, self.open_print, roles.EXPORT) \
            if spec.print_kind else None
        self.export_button = QPushButton()
        bottom.addWidget(self.export_button)
        self.export_button.clicked.connect(self.export_excel)
        self.extra_buttons = QHBoxLayout()
        bottom.addLayout(self.extra_buttons)
        bottom.addStretch(1)
        self.count_label = QLabel(objectName="muted")
        bottom.addWidget(self.count_label)
        v.addLayout(bottom)

        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.date_from.dateChanged.connect(lambda _d: self.reload())
        self.date_to.dateChanged.connect(lambda _d: self.reload())
        for _lab, combo, _fs in self.filter_combos.values():
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        if self.overdue is not None:
            self.overdue.toggled.connect(lambda _c: self.reload())
        self.clear_filters.clicked.connect(self.reset_filters)
        self.add_button.clicked.connect(self.add_new)
        self.table.activated.connect(lambda idx: self.open_row(idx.row()))
        self.table.customContextMenuRequested.connect(self._context_menu)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self._open_current,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Enter), self.table, activated=self._open_current,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.search.returnPressed.connect(self._focus_table)
        ctx.records_changed.connect(self._on_records_changed)

        add_reason = ctx.denied_reason(roles.WRITE)
        self.add_button.setEnabled(not add_reason)
        self.add_button.setToolTip(add_reason)
        self.retranslate_ui()
        self._fit_when_shown = False  # set by _restore_state unless the officer's own widths were saved
        self._restore_state()
        self.autofit = AutoFit(self.table, lambda: [c.width for c in self.model.columns],
                               lambda: [c.min_width for c in self.model.columns], self._save_header,
                               active=self._fit_when_shown, drops=lambda: [c.drop for c in self.model.columns])
        self._load()
        h.sectionMoved.connect(lambda *_: self._save_header())
        h.sortIndicatorChanged.connect(lambda *_: self._save_header())  # the order the officer chose stays

    # -- the screen protocol the main window uses --------------------------------------------------------------
    def nav_title(self) -> str:
        return self.spec.title()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def add_new(self) -> None:
        if not self.ctx.can(roles.WRITE):
            return
        form = open_form(self.ctx, self.spec.entity, parent=self.window())
        if form is not None:
            self._follow(form)

    def _follow(self, form) -> None:
        """Once a new record is saved, the list shows it selected and the status bar says so — and so for each
        form "Lưu và thêm mới" opens after it."""
        form.saved.connect(self._new_saved)
        form.continued.connect(self._follow)

    def _new_saved(self, record_id: str) -> None:
        # the form reports before the list is reloaded (notify_changed follows): look once that is done
        QTimer.singleShot(0, self, lambda: self.show_saved(record_id))  # dropped if the list is gone

    def show_saved(self, record_id: str) -> bool:
        """Select the record `record_id` if the list (its first page) shows it; the status bar says it was saved,
        or why it is not in view. True when it was found."""
        found = None
        for r in range(min(self.model.rowCount(), PAGE_SIZE)):
            if self.model.record_id(r) == record_id:
                found = r
                break
        if found is not None:
            self.table.selectRow(found)
            self.table.scrollTo(self.model.index(found, 0))
            # the keyboard on the new row (Enter opens it): the form's close gave it back to where it was before
            # the form opened, often the menu on the left
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            case_no = (self.model.row(found) or {}).get("case_no")
            text = (self.tr("Saved: {case_no}.").format(case_no=case_no) if case_no else self.tr("Saved."))
        elif self._filtered():
            text = self.tr("Saved. It is not in this list as filtered now — clear the filters to see it.")
        else:
            text = self.tr("Saved.")  # further down the list (an older date typed from a paper book)
        bar = getattr(self.window(), "statusBar", None)
        if bar is not None:
            bar().showMessage(text, STATUS_SECONDS * 1000)
        return found is not None

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._load()

    # -- data -------------------------------------------------------------------------------------------------------
    def current_filters(self) -> Filters:
        f = Filters(date_from=self.date_from.iso(), date_to=self.date_to.iso())
        for key, (_lab, combo, _fs) in self.filter_combos.items():
            setattr(f, key, combo.value())
        return f

    def reload(self) -> None:
        """Run the query again — now if the screen is on show, else when it is next shown (a hidden or
        closing screen never queries, e.g. after its session was closed)."""
        if not self.isVisible():
            self._stale = True
            return
        self._load()

    def _load(self) -> None:
        self._stale = False
        sort_col = self.table.horizontalHeader().sortIndicatorSection()
        desc = self.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        cols = self.model.columns
        sort = cols[sort_col].sort_key if 0 <= sort_col < len(cols) and cols[sort_col].sort_key else "date"
        current = self.table.currentIndex()
        selected = self.model.record_id(current.row()) if current.isValid() else None
        scrolled = self.table.verticalScrollBar().value()
        with reported(self):
            source = ListingSource(self.ctx.session, self.spec.entity, self.current_filters(),
                                   text=self.search.text(), overdue=bool(self.overdue and self.overdue.isChecked()),
                                   sort=sort, descending=desc if sort != "date" or sort_col >= 0 else True)
            self.model.set_source(source, count_in_background=True)  # first rows now, the count from a worker
        if selected:  # reloaded under the officer's eyes (a change elsewhere): the same row stays chosen
            self.table.verticalScrollBar().setValue(scrolled)
            for r in range(min(self.model.rowCount(), PAGE_SIZE)):
                if self.model.record_id(r) == selected:
                    self.table.selectionModel().setCurrentIndex(
                        self.model.index(r, max(0, current.column())),
                        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                    break
        self._save_filters()
        self._update_count()

    def _filtered(self) -> bool:
        return bool(self.search.text().strip() or self.date_from.iso() or self.date_to.iso()
                    or any(c.value() for _l, c, _f in self.filter_combos.values())
                    or (self.overdue is not None and self.overdue.isChecked()))

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(self.tr("Counting…") if self.model.counting else self.spec.count_text(n))
        filtered = self._filtered()
        if n == 0:
            self.empty.setText(self.tr("Nothing matches these filters — change or clear them.") if filtered
                               else self.spec.empty_text())
            self.empty.setGeometry(self.table.viewport().rect().adjusted(20, 20, -20, -20))
            self.empty.show()
        else:
            self.empty.hide()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.empty.isVisible():
            self.empty.setGeometry(self.table.viewport().rect().adjusted(20, 20, -20, -20))

    def _on_records_changed(self, entity: str) -> None:
        if entity == self.spec.entity:
            self.reload()

    def show_overdue(self) -> None:
        """The dashboard's links: only the overdue records (petitions; receptions whose reply is late)."""
        if self.overdue is None:
            return
        self.reset_filters()
        self.overdue.setChecked(True)
        keys = [c.key for c in self.model.columns]
        if self.spec.overdue_sort in keys:
            self.table.sortByColumn(keys.index(self.spec.overdue_sort), Qt.SortOrder.AscendingOrder)

    def reset_filters(self) -> None:
        for w in (self.search, self.date_from, self.date_to, *(c for _l, c, _f in self.filter_combos.values())):
            w.blockSignals(True)
        self.search.clear()
        self.date_from.set_value(None)
        self.date_to.set_value(None)
        for _l, c, _f in self.filter_combos.values():
            c.setCurrentIndex(0)
        for w in (self.search, self.date_from, self.date_to, *(c for _l, c, _f in self.filter_combos.values())):
            w.blockSignals(False)
        if self.overdue is not None:
            self.overdue.blockSignals(True)
            self.overdue.setChecked(False)
            self.overdue.blockSignals(False)
        self.reload()

    # -- opening and deleting ----------------------------------------------------------------------------------------
    def _focus_table(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def _open_current(self) -> None:
        idx = self.table.currentIndex()
        if idx.isValid():
            self.open_row(idx.row())

    def open_row(self, row: int):
        rid = self.model.record_id(row)
        if not rid:
            return None
        form = open_form(self.ctx, self.spec.entity, rid, parent=self.window())
        if form is None:  # not there any more (deleted elsewhere, said in the box): the list shows what is
            self.reload()
        return form

    def _context_menu(self, pos) -> None:
        idx = self.table.indexAt(pos)
        if idx.isValid():
            self.row_menu(idx).exec(self.table.viewport().mapToGlobal(pos))

    def row_menu(self, idx) -> QMenu:
        """"Mở" and "Xóa…" for one row ("Xóa…" disabled, saying why, for a viewer or a commune's record)."""
        menu = QMenu(self)
        menu.setToolTipsVisible(True)  # a disabled "Xóa…" says why
        menu.addAction(self.tr("Open"), lambda: self.open_row(idx.row()))
        delete = menu.addAction(self.tr("Delete…"), lambda: self.delete_row(idx.row()))
        reason = self.ctx.record_denied_reason(self.spec.entity, self.model.record_id(idx.row()))
        delete.setEnabled(not reason)
        delete.setToolTip(reason)
        return menu

    def _named(self, row: int) -> str:
        """The row as the officer knows it — its case number, date and person ("00004-2026-17 · 04/12/2026 14:15 ·
        Hoàng Quang Sơn") — so that "Có" deletes the record they meant, not "this record" of a list scrolled since."""
        data = self.model.row(row) or {}
        words = [c.display(data) for c in self.model.columns[:3] if not c.align_right]
        return " · ".join(w for w in words if w) or self.tr("this record")

    def delete_row(self, row: int) -> None:
        rid = self.model.record_id(row)
        if not rid:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete record"),
            self.tr("Delete {record}? It disappears from lists and reports; the audit log keeps the deletion "
                    "and the upper level receives it with the next bundle.").format(record=self._named(row)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        with reported(self):
            records.delete(self.ctx.session, self.spec.entity, rid)
            self.ctx.notify_changed(self.spec.entity)

    # -- import and export ---------------------------------------------------------------------------------------------
    def _permitted_button(self, row: QHBoxLayout, action, permission: str) -> QPushButton:
        """A button in `row` running `action`, disabled with the role's reason when it lacks `permission`."""
        button = QPushButton()
        row.addWidget(button)
        button.clicked.connect(action)
        reason = self.ctx.denied_reason(permission)
        button.setEnabled(not reason)
        button.setToolTip(reason)
        return button

    def open_print(self) -> QWidget | None:
        """"In sổ": the Print & reports screen with this list's book chosen, over the list's dates when set."""
        unit = self.current_filters().unit_code
        window = self.window()
        screen = window.go_to("print") if hasattr(window, "go_to") else None
        if screen is None or not screen.select_kind(self.spec.print_kind):
            return None
        screen.select_unit(unit)
        if self.date_from.iso():
            screen.date_from.set_value(self.date_from.iso())
        if self.date_to.iso():
            screen.date_to.set_value(self.date_to.iso())
        return screen

    def open_import(self) -> None:
        from ui.dialogs.import_wizard import ImportWizard

        wizard = ImportWizard(self.ctx, self.window())
        wizard.open()

    def export_excel(self) -> None:
        """The records this list shows (its search text, dates, unit and boxes) to an Excel workbook; a denouncer's
        identity stays out."""
        if self.model.rowCount() == 0 and not self.model.counting:
            nothing_to_export(self)
            return
        f = self.current_filters()
        export_to_excel(self, self.ctx, self.spec.entity, f.date_from, f.date_to, f.unit_code, filters=f,
                        text=self.search.text(), overdue=bool(self.overdue and self.overdue.isChecked()),
                        filtered=self._filtered())

    # -- remembered state --------------------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        s = self.ctx.settings
        state = s.value(f"{self._settings_key}/header")
        if state is not None:
            self.table.horizontalHeader().restoreState(state)
        else:
            self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
            for i, col in enumerate(self.model.columns):
                self.table.setColumnWidth(i, col.width)
        # fitted to the list's width unless the officer's own widths were saved (a header saved before this flag
        # existed holds them)
        self._fit_when_shown = state is None or str(s.value(f"{self._settings_key}/own_widths", "")) == "false"
        widgets = [self.search, self.date_from, self.date_to, *(c for _l, c, _f in self.filter_combos.values())]
        for w in widgets:
            w.blockSignals(True)
        self.search.setText(str(s.value(f"{self._settings_key}/text", "")))
        self.date_from.set_value(s.value(f"{self._settings_key}/from") or None)
        self.date_to.set_value(s.value(f"{self._settings_key}/to") or None)
        for key, (_l, combo, _f) in self.filter_combos.items():
            combo.set_value(s.value(f"{self._settings_key}/{key}") or None)
        for w in widgets:
            w.blockSignals(False)
        if self.overdue is not None:
            self.overdue.blockSignals(True)
            self.overdue.setChecked(str(s.value(f"{self._settings_key}/overdue", "false")) == "true")
            self.overdue.blockSignals(False)

    def _save_filters(self) -> None:
        s = self.ctx.settings
        s.setValue(f"{self._settings_key}/text", self.search.text())
        s.setValue(f"{self._settings_key}/from", self.date_from.iso() or "")
        s.setValue(f"{self._settings_key}/to", self.date_to.iso() or "")
        for key, (_l, combo, _f) in self.filter_combos.items():
            s.setValue(f"{self._settings_key}/{key}", combo.value() or "")
        if self.overdue is not None:
            s.setValue(f"{self._settings_key}/overdue", "true" if self.overdue.isChecked() else "false")

    def _save_header(self) -> None:
        self.ctx.settings.setValue(f"{self._settings_key}/header", self.table.horizontalHeader().saveState())
        fitted = getattr(self, "autofit", None) is not None and self.autofit.active
        self.ctx.settings.setValue(f"{self._settings_key}/own_widths", "false" if fitted else "true")

    # -- language --------------------------------------------------------------------------------------------------------
    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.title.setText(self.spec.title())
        self.search.setPlaceholderText(self.spec.search_hint() if self.spec.search_hint
                                       else self.tr("Search: name, ID number, content…  (Ctrl+F)"))
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("to"))
        for _key, (lab, combo, fs) in self.filter_combos.items():
            lab.setText(fs.title())
            combo.set_blank_text(self.tr("All"))
            combo.set_language(self.ctx.lang)
        if self.overdue is not None:
            self.overdue.setText(self.spec.overdue_text() if self.spec.overdue_text else self.tr("Overdue only"))
        self.clear_filters.setText(self.tr("Clear filters"))
        self.add_button.setText(self.spec.add_text())
        if self.import_button is not None:
            self.import_button.setText(self.tr("Import from Excel/CSV…"))
        self.export_button.setText(self.tr("Export to Excel…"))
        if self.print_button is not None:
            self.print_button.setText(self.spec.print_text())
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self.model.columnCount() - 1))
        if self.model.rowCount() or self.empty.isVisible():
            self._update_count()


def overdue_colour(today_iso: str):
    def colour(row: dict):
        due = row.get("due_on")
        if due and due < today_iso and row.get("status") not in ("resolved", "answered", "closed"):
            return QColor(OVERDUE)
        return None
    return colour


# The workbook's suggested name: the list's own name, as an officer files it (without diacritics, for any disk)
FILE_NAMES = {"reception": "tiep-cong-dan", "petition": "don-thu", "model": "mo-hinh-dan-van-kheo",
              "dialogue": "doi-thoai"}


def nothing_to_export(parent: QWidget) -> None:
    QMessageBox.information(parent, QCoreApplication.translate("RecordListScreen", "Export to Excel"),
                            QCoreApplication.translate("RecordListScreen",
                                                       "The list shows no record to export — change or clear the "
                                                       "filters."))


def export_to_excel(parent: QWidget, ctx, entity: str, date_from: str | None, date_to: str | None,
                    unit_code: str | None = None, filters: Filters | None = None, text: str | None = None,
                    overdue: bool = False, filtered: bool = False) -> None:
    """Records of one type (within the dates, the unit and a list's other filters) to an Excel workbook the
    officer names, behind a progress dialog; a denouncer's identity stays out. Used by the record lists and the
    models screen (the words are the lists'). `filtered`: the list shows part of its records — the file's name and
    the message say so, so that a two-row file is not sent on as the whole book."""
    from PySide6.QtWidgets import QFileDialog

    from app.services import export
    from ui.widgets.progress import run_with_progress

    title = QCoreApplication.translate("RecordListScreen", "Export to Excel")
    start = str(ctx.settings.value("export/folder", "") or "")
    name = f"{FILE_NAMES[entity]}-{ctx.session.clock.today():%Y%m%d}{'-loc' if filtered else ''}.xlsx"
    path, _ = QFileDialog.getSaveFileName(parent.window(), title, str(Path(start) / name) if start else name,
                                          QCoreApplication.translate("RecordListScreen", "Excel workbook (*.xlsx)"))
    if not path:
        return
    if not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    session = ctx.session

    def work(progress=None, cancel=None):
        own = session.spawn()  # a worker thread never shares the GUI's connection
        try:
            return export.export(own, path, types=[entity], date_from=date_from, date_to=date_to,
                                 unit_code=unit_code or None, filters=filters, text=text, overdue=overdue,
                                 readable=True)
        finally:
            own.close()

    with reported(parent):
        result = run_with_progress(parent.window(), QCoreApplication.translate("RecordListScreen", "Exporting…"),
                                   work)
        ctx.settings.setValue("export/folder", str(Path(path).parent))
        message = (QCoreApplication.translate("RecordListScreen", "Exported {n} records shown by the filters to {file}.")
                   if filtered else QCoreApplication.translate("RecordListScreen", "Exported {n} records to {file}.")
                   ).format(n=fmt.number(result["count"]), file=path)
        if result.get("redacted_records"):
            message += " " + QCoreApplication.translate(
                "RecordListScreen", "Denouncers whose identity was left out (shown as [Bảo mật]): {n}.").format(
                n=fmt.number(result["redacted_records"]))
        QMessageBox.information(parent, title, message)
