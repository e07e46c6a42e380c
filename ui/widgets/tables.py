"""The read-only table the administration and sync screens show: whole-row selection, no editing, fixed row
height, the last column stretching; first widths from the model's columns."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ui.widgets.column_fit import AutoFit



def row_height(view: QAbstractItemView, least: int = 26) -> int:
    """A row as tall as a line of the view's font needs (Windows' "make text bigger" cut the text of fixed
    26-pixel rows), never lower than `least`."""
    return max(least, view.fontMetrics().height() + 8)

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
    view.verticalHeader().setDefaultSectionSize(row_height(view))
    h = view.horizontalHeader()
    h.setStretchLastSection(True)
    h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    bold = h.font()
    bold.setBold(True)  # the header's titles are set bold by the style sheet: measure them so
    fm = QFontMetrics(bold)
    widths = []
    for i, col in enumerate(model.columns):
        title = str(model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        # never narrower than its title ("Người thực hiện" lost its first and last letters)
        widths.append(max(col.width, fm.horizontalAdvance(title) + TITLE_PADDING))
    for i, w in enumerate(widths[:-1]):  # the last one stretches over what is left
        view.setColumnWidth(i, w)
    # fitted to the table's width (a 1366-pixel screen at 125 %: the audit's record column went behind a scroll
    # bar) until the officer drags a column's edge
    view.autofit = AutoFit(view, lambda: widths, lambda: [c.min_width for c in model.columns], lambda: None,
                           active=True)
    return view


TITLE_PADDING = 26  # the header section's margins and room for the sort arrow
