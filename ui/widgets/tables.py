"""The read-only table the administration and sync screens show: whole-row selection, no editing, fixed row
height, the last column stretching; first widths from the model's columns."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def make_table(model) -> QTableView:
    """`model` has `columns`, each with a first-run `width` in pixels."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # a read-only list: rows by the arrows, Tab leaves it
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    h = view.horizontalHeader()
    h.setStretchLastSection(True)
    h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    bold = h.font()
    bold.setBold(True)  # the header's titles are set bold by the style sheet: measure them so
    fm = QFontMetrics(bold)
    for i, col in enumerate(model.columns[:-1]):  # the last one stretches over what is left
        title = str(model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        # never narrower than its title ("Người thực hiện" lost its first and last letters)
        view.setColumnWidth(i, max(col.width, fm.horizontalAdvance(title) + TITLE_PADDING))
    return view


TITLE_PADDING = 26  # the header section's margins and room for the sort arrow
