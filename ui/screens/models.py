"""Mô hình "Dân vận khéo": the models of a year (or of every year), grouped by the four fields, with
collective / individual told apart by an icon. Search as you type (diacritic-blind, in SQL), a status filter,
Enter opens, Ctrl+N registers a new model for the chosen year."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu,
                               QMessageBox, QPushButton, QTreeView, QVBoxLayout, QWidget)

from app.domain import enums, roles
from app.services import records
from app.services.sync_overview import level as unit_level
from ui import format as fmt
from ui.errors import reported
from ui.forms.registry import open_form
from ui.models.models_tree import FIELD_ROLE, ModelsTreeModel, fetch_groups, year_filters, year_range
from ui.models.unit_column import unit_choices
from ui.screens.record_list import export_to_excel, nothing_to_export
from ui.widgets.column_fit import AutoFit
from ui.widgets.fields import EnumCombo

SEARCH_DEBOUNCE_MS = 250
ENTITY = "model"
ALL_YEARS = "all"
WIDTHS = {"name": 310, "owner": 200, "kind": 135, "year": 56, "status": 150, "recognition_level": 115,
          "decision_no": 130, "unit": 180}  # a commune's 1366-pixel screen shows every column; the upper level's
# unit column is made room for by ui.widgets.column_fit
# the model's name beside the tree's indentation: "Cựu chiế…" at 118 px read as nothing
MIN_WIDTHS = {"unit": 120, "year": 56, "name": 220}
DROPS = {"decision_no": 1, "recognition_level": 2}  # hidden first when even the floors do not fit (column_fit)


class ModelsScreen(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._stale = False
        self._years_stale = False
        self._collapsed: set[str] = set()  # fields the officer folded away (kept across reloads)
        self._settings_key = "lists/model"
        # Every child is created with its parent, so Qt owns it: were Python to own a child, collecting a
        # closed screen could delete that child under a screen Qt still holds.
        v = QVBoxLayout(self)
        v.setContentsMargins(14, 10, 14, 8)

        top = QHBoxLayout()
        self.title = QLabel(self, objectName="screenTitle")
        top.addWidget(self.title)
        top.addStretch(1)
        self.search = QLineEdit(self, clearButtonEnabled=True)
        self.search.setMinimumWidth(360)
        top.addWidget(self.search)
        v.addLayout(top)

        bar = QHBoxLayout()
        self.year_label = QLabel(self)
        self.year = QComboBox(self)
        self.year.setMinimumContentsLength(12)
        self.year.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status_label = QLabel(self)
        self.status = EnumCombo(enums.MODEL_STATUS, ctx.lang, self, blank="")
        self.clear_filters = QPushButton(self)
        self.clear_filters.setFlat(True)
        self.year_label.setBuddy(self.year)
        self.status_label.setBuddy(self.status)
        # At the upper level the tree holds every commune's models: a unit filter, as on the other lists.
        self.upper = unit_level(ctx.session) == "upper"
        self.unit_label = QLabel(self)
        self.unit = QComboBox(self)
        # as wide as a short commune's name, not the longest of 600 (the screen ran off a laptop's at 125 %)
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit.setMinimumContentsLength(22)
        self.unit.addItem("", "")  # "Tất cả": text set in retranslate_ui
        self.unit_label.setBuddy(self.unit)
        if self.upper:
            with reported(self):
                for code, text in unit_choices(ctx.session):
                    self.unit.addItem(text, code)
            self.unit.view().setMinimumWidth(self.unit.view().sizeHintForColumn(0) + 24)  # the open list: whole
        self.unit_label.setVisible(self.upper)
        self.unit.setVisible(self.upper)
        for w in (self.year_label, self.year, self.status_label, self.status, self.unit_label, self.unit,
                  self.clear_filters):
            bar.addWidget(w)
        bar.addStretch(1)
        v.addLayout(bar)

        self.model = ModelsTreeModel(lambda: self.ctx.lang, parent=self, with_unit=self.upper)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setWordWrap(False)
        self.tree.setSortingEnabled(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        h = self.tree.header()
        h.setSectionsMovable(True)
        h.setStretchLastSection(True)
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        h.setSortIndicatorShown(True)
        h.setTextElideMode(Qt.TextElideMode.ElideRight)  # a title cut at its end, not clipped
        v.addWidget(self.tree, 1)
        self.empty = QLabel(self.tree.viewport(), objectName="emptyState", wordWrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()

        bottom = QHBoxLayout()
        self.add_button = QPushButton(self, objectName="primary")
        bottom.addWidget(self.add_button)
        # The register of the year shown, and the models to Excel — as the other lists offer their book.
        self.print_button = QPushButton(self)
        self.export_button = QPushButton(self)
        for b, action in ((self.print_button, self.open_print), (self.export_button, self.export_excel)):
            bottom.addWidget(b)
            b.clicked.connect(action)
            b.setEnabled(ctx.can(roles.EXPORT))
            b.setToolTip(ctx.denied_reason(roles.EXPORT))
        bottom.addStretch(1)
        self.count_label = QLabel(self, objectName="muted")
        bottom.addWidget(self.count_label)
        v.addLayout(bottom)

        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._filters_changed)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._focus_tree)
        # index -1: the combo is being emptied (as it is destroyed with the screen) — nothing to show then
        self.year.currentIndexChanged.connect(lambda i: i >= 0 and self._filters_changed())
        self.status.currentIndexChanged.connect(lambda i: i >= 0 and self._filters_changed())
        self.unit.currentIndexChanged.connect(lambda i: i >= 0 and self._filters_changed())
        self.clear_filters.clicked.connect(self.reset_filters)
        self.add_button.clicked.connect(self.add_new)
        self.tree.activated.connect(self._activated)
        self.tree.collapsed.connect(lambda idx: self._collapsed.add(idx.data(FIELD_ROLE)))
        self.tree.expanded.connect(lambda idx: self._collapsed.discard(idx.data(FIELD_ROLE)))
        self.tree.customContextMenuRequested.connect(self._context_menu)
        ctx.records_changed.connect(self._on_records_changed)

        reason = ctx.denied_reason(roles.WRITE)
        self.add_button.setEnabled(not reason)
        self.add_button.setToolTip(reason)
        self._fill_years()
        self.retranslate_ui()
        self._fit_when_shown = False  # set by _restore_state when no widths were saved
        self._restore_state()
        self.reload()
        self.autofit = AutoFit(self.tree, lambda: [WIDTHS[k] for k in self.model.column_keys()],
                               lambda: [MIN_WIDTHS.get(k) for k in self.model.column_keys()], self._save_header,
                               active=self._fit_when_shown,
                               drops=lambda: [DROPS.get(k) for k in self.model.column_keys()])
        h.sectionMoved.connect(lambda *_: self._save_header())
        h.sortIndicatorChanged.connect(lambda *_: self._save_header())

    # -- the screen protocol the main window uses --------------------------------------------------------------
    def nav_title(self) -> str:
        return self.tr("\"Dân vận khéo\" models")

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def add_new(self):
        """Register a new model, for the year the picker shows (this year when it shows every year)."""
        if not self.ctx.can(roles.WRITE):
            return None
        year = self.selected_year() or self.ctx.session.clock.today().year
        return open_form(self.ctx, ENTITY, initial={"year": year}, parent=self.window())

    def showEvent(self, event) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    # -- filters -----------------------------------------------------------------------------------------------
    def selected_year(self) -> int | None:
        data = self.year.currentData()
        return None if data in (None, ALL_YEARS) else int(data)

    def set_year(self, year: int | None) -> None:
        """Show one year (None: every year); a year without models is added to the picker."""
        if year is not None and self.year.findData(year) < 0:
            self._fill_years(extra=year)
        self.year.setCurrentIndex(self.year.findData(ALL_YEARS if year is None else year))

    def _fill_years(self, extra: int | None = None) -> None:
        current = self.year.currentData() if self.year.count() else self.ctx.session.clock.today().year
        with reported(self):
            years = set(year_range(self.ctx.session))
            if extra is not None:
                years.add(extra)
            if isinstance(current, int):
                years.add(current)
            self.year.blockSignals(True)
            self.year.clear()
            self.year.addItem("", ALL_YEARS)  # "Tất cả các năm": text set in retranslate_ui
            for y in sorted(years, reverse=True):
                self.year.addItem(str(y), y)
            i = self.year.findData(current)
            self.year.setCurrentIndex(i if i >= 0 else 0)
            self.year.setItemText(0, self.tr("All years"))
            self.year.blockSignals(False)

    def selected_unit(self) -> str | None:
        return self.unit.currentData() or None

    def _is_filtered(self) -> bool:
        return bool(self.search.text().strip() or self.status.value() or self.selected_unit())

    def reset_filters(self) -> None:
        for w in (self.search, self.status, self.year, self.unit):
            w.blockSignals(True)
        self.search.clear()
        self.status.setCurrentIndex(0)
        self.unit.setCurrentIndex(0)
        this_year = self.ctx.session.clock.today().year
        self.year.setCurrentIndex(max(0, self.year.findData(this_year)))
        for w in (self.search, self.status, self.year, self.unit):
            w.blockSignals(False)
        self.reload()

    # -- data -------------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        self._stale = False
        if self._years_stale:
            self._years_stale = False
            self._fill_years()
        with reported(self):
            filters = replace(year_filters(self.selected_year(), self.status.value()), unit_code=self.selected_unit())
            groups = fetch_groups(self.ctx.session, filters, self.search.text())
            any_rows = any(groups.values())
            self.model.set_groups(groups, keep_empty=any_rows and not self._is_filtered())
        for row, key in enumerate(self.model.group_keys()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
            self.tree.setExpanded(self.model.index(row, 0), key not in self._collapsed)
        self.tree.setColumnHidden(self.model.column_keys().index("year"), self.selected_year() is not None)
        self._save_filters()
        self._update_count()

    def _update_count(self) -> None:
        n = self.model.total()
        kinds = self.model.kind_counts()
        self.count_label.setText(
            self.tr("{n} models: {collective} collective, {individual} individual").format(
                n=fmt.number(n), collective=fmt.number(kinds["collective"]),
                individual=fmt.number(kinds["individual"])))
        if n == 0:
            year = self.selected_year()
            if self._is_filtered():
                text = self.tr("No model matches these filters — change or clear them.")
            elif year is None:
                text = self.tr("No models registered yet — press Register a model (Ctrl+N).")
            else:
                text = self.tr("No models registered for {year} — press Register a model (Ctrl+N), or choose "
                               "another year.").format(year=year)
            self.empty.setText(text)
            self.empty.setGeometry(self.tree.viewport().rect().adjusted(20, 20, -20, -20))
            self.empty.show()
        else:
            self.empty.hide()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.empty.isVisible():
            self.empty.setGeometry(self.tree.viewport().rect().adjusted(20, 20, -20, -20))

    def _filters_changed(self) -> None:
        """Read again now, or when next shown (a closed screen keeps quiet)."""
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def _on_records_changed(self, entity: str) -> None:
        if entity != ENTITY:
            return
        self._years_stale = True  # a model of a new year adds that year to the picker
        self._filters_changed()

    # -- opening and deleting -------------------------------------------------------------------------------------------
    def _focus_tree(self) -> None:
        for g in range(self.model.rowCount()):
            parent = self.model.index(g, 0)
            if self.model.rowCount(parent):
                self.tree.setFocus()
                self.tree.setCurrentIndex(self.model.index(0, 0, parent))
                return

    def _activated(self, index: QModelIndex) -> None:
        if self.model.record_id(index):
            self.open_index(index)
        # a field row: double-click already folds it, and the arrow keys fold and unfold

    def open_index(self, index: QModelIndex):
        rid = self.model.record_id(index)
        if rid:
            return open_form(self.ctx, ENTITY, rid, parent=self.window())
        return None

    def _context_menu(self, pos) -> None:
        idx = self.tree.indexAt(pos)
        if self.model.record_id(idx):
            self.row_menu(idx).exec(self.tree.viewport().mapToGlobal(pos))

    def row_menu(self, idx) -> QMenu:
        """"Mở" and "Xóa…" for one model ("Xóa…" disabled, saying why, for a viewer or a commune's model)."""
        menu = QMenu(self)
        menu.setToolTipsVisible(True)  # a disabled "Xóa…" says why
        menu.addAction(self.tr("Open"), lambda: self.open_index(idx))
        delete = menu.addAction(self.tr("Delete…"), lambda: self.delete_index(idx))
        reason = self.ctx.record_denied_reason(ENTITY, self.model.record_id(idx))
        delete.setEnabled(not reason)
        delete.setToolTip(reason)
        return menu

    def delete_index(self, index: QModelIndex) -> None:
        row = self.model.record(index)
        if not row or not self.ctx.can(roles.WRITE):
            return
        answer = QMessageBox.question(
            self, self.tr("Delete model"),
            self.tr("Delete the model \"{name}\"? It disappears from lists and reports; the audit log keeps the "
                    "deletion and the upper level receives it with the next bundle.").format(name=row.get("name")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        with reported(self):
            records.delete(self.ctx.session, ENTITY, row["id"])
            self.ctx.notify_changed(ENTITY)

    def open_print(self) -> QWidget | None:
        """"In sổ…": the Print & reports screen with the models register of the year shown (this year when every
        year is shown), and the unit chosen here at the upper level."""
        unit = self.unit.currentData() if self.unit.isVisible() else None  # read before the screen is hidden
        window = self.window()
        screen = window.go_to("print") if hasattr(window, "go_to") else None
        if screen is None or not screen.select_kind("models"):
            return None
        screen.year.setValue(self.selected_year() or self.ctx.session.clock.today().year)
        screen.select_unit(unit)
        return screen

    def export_excel(self) -> None:
        """The models shown — the year (every year's when every year is shown), status, search text and unit — to
        an Excel workbook."""
        if self.model.total() == 0:
            nothing_to_export(self)
            return
        year = self.selected_year()
        day = f"{year:04d}-01-01" if year else None  # a model's date is its year's first day
        unit = self.unit.currentData() if self.unit.isVisible() else None  # the upper level's unit filter
        export_to_excel(self, self.ctx, ENTITY, day, day, unit, filters=year_filters(None, self.status.value()),
                        text=self.search.text(), filtered=self._is_filtered())

    # -- remembered state -------------------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        s = self.ctx.settings
        state = s.value(f"{self._settings_key}/header")
        h = self.tree.header()
        if state is not None:
            h.restoreState(state)
            self.model.sort(h.sortIndicatorSection(), h.sortIndicatorOrder())
        else:
            h.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            for i, key in enumerate(self.model.column_keys()):
                self.tree.setColumnWidth(i, WIDTHS[key])
        # fitted to the tree's width unless the officer's own widths were saved (as the record lists)
        self._fit_when_shown = state is None or str(s.value(f"{self._settings_key}/own_widths", "")) == "false"
        for w in (self.search, self.status, self.year, self.unit):
            w.blockSignals(True)
        self.search.setText(str(s.value(f"{self._settings_key}/text", "")))
        self.unit.setCurrentIndex(max(0, self.unit.findData(str(s.value(f"{self._settings_key}/unit", "") or ""))))
        self.status.set_value(s.value(f"{self._settings_key}/status") or None)
        year = str(s.value(f"{self._settings_key}/year", "") or "")
        if year == ALL_YEARS:
            self.year.setCurrentIndex(0)
        elif year.isdigit():  # a year other than the current one, chosen last time
            if self.year.findData(int(year)) < 0:
                self._fill_years(extra=int(year))
            self.year.setCurrentIndex(self.year.findData(int(year)))
        for w in (self.search, self.status, self.year, self.unit):
            w.blockSignals(False)

    def _save_filters(self) -> None:
        s = self.ctx.settings
        s.setValue(f"{self._settings_key}/unit", self.selected_unit() or "")
        s.setValue(f"{self._settings_key}/text", self.search.text())
        s.setValue(f"{self._settings_key}/status", self.status.value() or "")
        year = self.selected_year()
        # "" = the current year, whichever it is when the program next starts
        s.setValue(f"{self._settings_key}/year", ALL_YEARS if year is None else
                   ("" if year == self.ctx.session.clock.today().year else str(year)))

    def _save_header(self) -> None:
        self.ctx.settings.setValue(f"{self._settings_key}/header", self.tree.header().saveState())
        fitted = getattr(self, "autofit", None) is not None and self.autofit.active
        self.ctx.settings.setValue(f"{self._settings_key}/own_widths", "false" if fitted else "true")

    # -- language -----------------------------------------------------------------------------------------------------
    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("\"Dân vận khéo\" models"))
        self.search.setPlaceholderText(self.tr("Search: model name, owner, content…  (Ctrl+F)"))
        self.year_label.setText(self.tr("Year"))
        if self.year.count():
            self.year.setItemText(0, self.tr("All years"))
        self.status_label.setText(self.tr("Status"))
        self.unit_label.setText(self.tr("Unit"))
        self.unit.setItemText(0, self.tr("All units"))
        self.status.set_blank_text(self.tr("All"))
        self.status.set_language(self.ctx.lang)  # the same filter in other words: no reload
        self.clear_filters.setText(self.tr("Clear filters"))
        self.add_button.setText(self.tr("+ Register a model  (Ctrl+N)"))
        self.print_button.setText(self.tr("Print the register…"))
        self.export_button.setText(self.tr("Export to Excel…"))
        self.model.retranslate()
        if self.count_label.text() or self.empty.isVisible():
            self._update_count()
