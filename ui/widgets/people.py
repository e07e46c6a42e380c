"""Small table editors inside a form: the people of a record (petitioners, representatives) and a petition's
extensions — a compact QTableView over ui/models/people.py with Add / Remove buttons."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLineEdit, QSpinBox, QStyledItemDelegate,
                               QTableView, QToolButton, QVBoxLayout, QWidget)

from ui.models.people import ExtensionsModel, PeopleModel, RowsModel
from ui.widgets.fields import DateEdit, EnumCombo
from ui.widgets.unit_picker import UnitPicker


class RowsDelegate(QStyledItemDelegate):
    """Editors by column kind: a glossary picker for enumerations, a spin box for days, a date edit for dates."""

    def createEditor(self, parent, option, index: QModelIndex):
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
        self.view = QTableView()
        self.view.setModel(model)
        self.view.setItemDelegate(RowsDelegate(self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.view.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setFixedHeight(26 + 24 * visible_rows + 4)
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

    def add_row(self) -> None:
        n = self.model.append_row()
        idx = self.model.index(n, 0)
        self.view.setCurrentIndex(idx)
        self.view.edit(idx)

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
        self.set_column_widths([170, 105, 150, 105, 170])

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
