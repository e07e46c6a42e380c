"""Small table editors inside a form: the people of a record (petitioners, representatives) and a petition's
extensions — a compact QTableView over ui/models/people.py with Add / Remove buttons."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QAbstractScrollArea, QHBoxLayout,
                               QHeaderView, QLineEdit, QSpinBox, QStyledItemDelegate, QTableView, QToolButton,
                               QVBoxLayout, QWidget)

from ui.models.people import ExtensionsModel, PeopleModel, RowsModel
from ui.widgets.column_fit import fitted_widths
from ui.widgets.fields import DateEdit, EnumCombo
from ui.widgets.tables import row_height
from ui.widgets.unit_picker import UnitPicker


class RowsDelegate(QStyledItemDelegate):
    """Editors by column kind: a glossary picker for enumerations, a spin box for days, a date edit for dates."""

    def createEditor(self, parent, option, index: QModelIndex):
        editor = self._editor_for(parent, index)
        # a screen reader says which column and row is being typed into ("Họ và tên, dòng 2")
        title = index.model().headerData(index.column(), Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        editor.setAccessibleName(QCoreApplication.translate("RowsEditor", "{column}, row {row}").format(
            column=title or "", row=index.row() + 1))
        return editor

    @staticmethod
    def _editor_for(parent, index: QModelIndex) -> QWidget:
        model: RowsModel = index.model()
        col = model.column(index.column())
        if col.kind == "enum":
            return EnumCombo(col.field.choices, model.lang, parent, blank="")
        if col.kind == "int":
            box = QSpinBox(parent)
            box.setRange(0, 30)
            return box
        if col.kind == "date":
            return DateEdit(parent)
        if col.key == "ward_code":
            return UnitPicker(model.home_province, parent)
        return QLineEdit(parent)

    def eventFilter(self, editor, event) -> bool:
        # Ctrl+Tab in an open cell keeps what was typed and leaves the table (Qt would move to the next cell)
        if event.type() == QEvent.Type.KeyPress and isinstance(self.parent(), RowsView) and \
                event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            return self.parent().leave_with_ctrl_tab(event)
        return super().eventFilter(editor, event)

    def setEditorData(self, editor, index: QModelIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, EnumCombo):
            editor.set_value(value)
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
        elif isinstance(editor, (DateEdit, UnitPicker)):
            editor.set_value(value)
        else:
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor, model, index: QModelIndex) -> None:
        if isinstance(editor, EnumCombo):
            model.setData(index, editor.value())
        elif isinstance(editor, QSpinBox):
            model.setData(index, editor.value() or None)
        elif isinstance(editor, (DateEdit, UnitPicker)):
            model.setData(index, editor.value())
        else:
            model.setData(index, editor.text())


class RowsView(QTableView):
    """The table of a RowsEditor, for the keyboard: Tab goes from cell to cell and, past the last cell (Shift+Tab:
    before the first), on to the next field — a table must never hold the focus; Ctrl+Tab leaves it at once, as
    in any Qt table. Insert adds a row, and typing into an empty table starts its first row."""

    add_requested = Signal(str)  # the text typed into an empty table ("" for Insert)

    def _at_edge(self, forward: bool) -> bool:
        idx, m = self.currentIndex(), self.model()
        if not idx.isValid() or m.rowCount() == 0:
            return True
        if forward:
            return idx.row() == m.rowCount() - 1 and idx.column() == m.columnCount() - 1
        return idx.row() == 0 and idx.column() == 0

    def _leave(self, forward: bool) -> None:
        # the next widget in the window's focus chain, as if the table had no cells
        QAbstractScrollArea.focusNextPrevChild(self, forward)

    def closeEditor(self, editor, hint) -> None:
        forward = hint == QAbstractItemDelegate.EndEditHint.EditNextItem
        if (forward or hint == QAbstractItemDelegate.EndEditHint.EditPreviousItem) and self._at_edge(forward):
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self._leave(forward)
            return
        super().closeEditor(editor, hint)

    def focusNextPrevChild(self, forward: bool) -> bool:
        if self._at_edge(forward):
            return QAbstractScrollArea.focusNextPrevChild(self, forward)
        return super().focusNextPrevChild(forward)

    def leave_with_ctrl_tab(self, event) -> bool:
        """Ctrl+Tab / Ctrl+Shift+Tab, in a cell or on the table: on to the next (previous) field at once."""
        if event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) or \
                not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            return False
        self._leave(event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        return True

    def keyPressEvent(self, event) -> None:
        if self.leave_with_ctrl_tab(event):
            return
        editable = self.editTriggers() != QAbstractItemView.EditTrigger.NoEditTriggers and not getattr(
            self.model(), "read_only", False)
        if editable and event.key() == Qt.Key.Key_Insert:
            self.add_requested.emit("")
            return
        text = event.text()
        if (editable and self.model().rowCount() == 0 and text and text.isprintable() and not text.isspace()
                and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)):
            self.add_requested.emit(text)
            return
        super().keyPressEvent(event)


class RowsEditor(QWidget):
    """A table of a few rows with Add / Remove; `changed` when anything in it changes."""

    changed = Signal()  # a row was added, removed or edited

    def __init__(self, model: RowsModel, parent: QWidget | None = None, *, visible_rows: int = 3):
        super().__init__(parent)
        self.model = model
        self.model.changed.connect(self.changed)
        h = QHBoxLayout(self)
        h.setContentsMargins(0, 0, 0, 0)
        h.setSpacing(4)
        self.view = RowsView()
        self.view.setModel(model)
        self.view.setItemDelegate(RowsDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        row = row_height(self.view, 24)
        self.view.verticalHeader().setDefaultSectionSize(row)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.view.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        # room for the horizontal scroll bar too: when the columns are wider than the form it must not hide a row
        header = max(26, self.view.fontMetrics().height() + 10)
        self.view.setFixedHeight(header + row * visible_rows + 4 + self.view.horizontalScrollBar().sizeHint().height())
        h.addWidget(self.view, 1)
        buttons = QVBoxLayout()
        buttons.setSpacing(2)
        self.add_button = QToolButton()
        self.remove_button = QToolButton()
        for b in (self.add_button, self.remove_button):
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            b.setSizePolicy(b.sizePolicy().horizontalPolicy(), b.sizePolicy().verticalPolicy())
            buttons.addWidget(b)
        buttons.addStretch(1)
        h.addLayout(buttons)
        self.add_button.clicked.connect(self.add_row)
        self.view.add_requested.connect(self._add_typed)
        self.remove_button.clicked.connect(self.remove_selected)
        self._denied = ""
        self.retranslate_ui()

    def set_column_widths(self, widths: list[int]) -> None:
        for i, w in enumerate(widths):
            self.view.setColumnWidth(i, w)

    def set_rows(self, rows: list[dict] | None) -> None:
        self.model.set_rows(rows)

    def rows(self) -> list[dict]:
        self.commit_editing()
        return self.model.rows()

    def commit_editing(self) -> None:
        """Write back a cell still being edited (the officer pressed Save with the cursor in the table)."""
        idx = self.view.currentIndex()
        # indexWidget() also returns the delegate's open editor (Qt 6): that editor is what must be written back.
        w = self.view.indexWidget(idx) if idx.isValid() else None
        if w is None:
            focus = self.view.focusWidget()
            if focus is not None and focus is not self.view and self.view.isAncestorOf(focus):
                w = focus
        if w is not None:
            self.view.commitData(w)

    def focus_chain(self) -> list[QWidget]:
        """The table, then its Add and Remove buttons: the form's tab order puts them right after each other."""
        return [self.view, self.add_button, self.remove_button]

    def add_row(self) -> None:
        n = self.model.append_row()
        idx = self.model.index(n, 0)
        self.view.setFocus()
        self.view.setCurrentIndex(idx)
        self.view.edit(idx)

    def _add_typed(self, text: str) -> None:
        """Insert, or the first letter typed into the empty table: a new row, its first cell open with it."""
        self.add_row()
        editor = self.view.indexWidget(self.view.currentIndex())
        if text and isinstance(editor, QLineEdit):
            editor.setText(text)
        elif text.isdigit() and isinstance(editor, QSpinBox):  # an extension's days: "3" typed is 3 days
            editor.setValue(int(text))

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()} or
                      ({self.view.currentIndex().row()} if self.view.currentIndex().isValid() else set()),
                      reverse=True)
        for r in rows:
            self.model.removeRows(r, 1)

    def set_read_only(self, read_only: bool, reason: str = "") -> None:
        """Nothing can be edited (a viewer, or people the role may not see); `reason` is the tooltip."""
        self._denied = reason
        self.model.set_read_only(read_only)
        for b in (self.add_button, self.remove_button):
            b.setEnabled(not read_only)
            b.setToolTip(reason)
        self.view.setToolTip(reason)

    def set_language(self, lang: str) -> None:
        self.model.set_language(lang)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.add_button.setText(self.tr("Add"))
        self.remove_button.setText(self.tr("Remove"))
        self.add_button.setToolTip(self._denied or self.tr("Add a row"))
        self.remove_button.setToolTip(self._denied or self.tr("Remove the selected rows"))


class PeopleEditor(RowsEditor):
    """Petitioners or representatives. People the core masked ("[Bảo mật]") are shown read-only."""

    def __init__(self, lang: str = "vi", parent: QWidget | None = None, *, visible_rows: int = 3,
                 home_province: str | None = None):
        super().__init__(PeopleModel(lang), parent, visible_rows=visible_rows)
        self.model.home_province = home_province
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        self.set_column_widths(self.WIDTHS)
        # Fitted to the table's width until the officer drags a column's edge: with the name and the address
        # stretching and the rest fixed, a 760-pixel form left the name 60 pixels ("Phạ…").
        self._own_widths = False
        self._fitting = False
        self.view.viewport().installEventFilter(self)
        header.sectionResized.connect(self._section_resized)

    # name, document, ID number, phone, address, commune: wider than these, the name and the address share the
    # rest; narrower, every column gives down to its floor (the name keeps a person's usual name, the ID number its
    # twelve digits), then the table scrolls
    WIDTHS = [160, 110, 135, 100, 140, 150]
    FLOORS = [140, 80, 110, 95, 80, 80]

    def eventFilter(self, watched, event) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize and not self._own_widths:
            self.fit_columns()
        return super().eventFilter(watched, event)

    def fit_columns(self) -> None:
        room = self.view.viewport().width()
        if room <= 0:
            return
        widths = list(self.WIDTHS)
        extra = room - sum(widths)
        if extra >= 0:
            widths[0] += extra // 2
            widths[4] += extra - extra // 2
        else:
            widths = fitted_widths(widths, room, self.FLOORS)
        self._fitting = True
        try:
            self.set_column_widths(widths)
        finally:
            self._fitting = False

    def _section_resized(self, _logical: int, _old: int, _new: int) -> None:
        if not self._fitting and self.view.isVisible():
            self._own_widths = True  # the officer's drag: kept until the form closes

    def set_people(self, people: list[dict] | None) -> None:
        self.set_rows(people)

    def people(self) -> list[dict]:
        return self.rows()

    def is_masked(self) -> bool:
        return self.model.is_masked()


class ExtensionsEditor(RowsEditor):
    """A petition's extensions: days, reason, date of the decision."""

    def __init__(self, lang: str = "vi", parent: QWidget | None = None, *, visible_rows: int = 2):
        super().__init__(ExtensionsModel(lang), parent, visible_rows=visible_rows)
        self.set_column_widths([130, 300])
