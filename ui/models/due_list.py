"""The dashboard's "Sắp đến hạn / Quá hạn" table: petitions overdue or due within a week (a few hundred rows
at most, from app.services.dashboard.due_petitions), overdue rows in red."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.domain import enums
from app.domain.enums import label
from ui import format as fmt
from ui.style import OVERDUE

ID_ROLE = Qt.ItemDataRole.UserRole  # the petition's id
COLUMNS = ("case_no", "person", "category", "due_on", "left")


class DueListModel(QAbstractTableModel):
    def __init__(self, lang: str = "vi", parent=None):
        super().__init__(parent)
        self._rows: list[dict] = []
        self._lang = lang

    # -- content ------------------------------------------------------------------------------------------
    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self.endResetModel()

    def set_language(self, lang: str) -> None:
        self._lang = lang
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def record_id(self, row: int) -> str | None:
        return self._rows[row]["id"] if 0 <= row < len(self._rows) else None

    def row_data(self, row: int) -> dict | None:
        return dict(self._rows[row]) if 0 <= row < len(self._rows) else None

    # -- Qt -------------------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                QCoreApplication.translate("DueList", "Case no."),
                QCoreApplication.translate("DueList", "Petitioner"),
                QCoreApplication.translate("DueList", "Category"),
                QCoreApplication.translate("DueList", "Due"),
                QCoreApplication.translate("DueList", "Working days"),
            )[section]
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section] == "left":
            return QCoreApplication.translate("DueList", "Working days left until the deadline")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = COLUMNS[section] == "left"
            return int((Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
                       | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(COLUMNS):
            return None
        r = self._rows[index.row()]
        col = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return fmt.shown(self._display(r, col))
        if role == Qt.ItemDataRole.ForegroundRole and r.get("overdue"):
            return QColor(OVERDUE)
        if role == ID_ROLE:
            return r.get("id")
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == "person":  # the case number and category, which a narrow panel hides, with the name
                said = " · ".join(x for x in (r.get("case_no"), label(enums.CATEGORY, r.get("category"), self._lang))
                                  if x)
                if r.get("masked"):
                    said += "\n" + QCoreApplication.translate("DueList",
                                                               "The denouncer's identity is kept confidential.")
                return said or None
            if col == "category":
                return label(enums.CATEGORY, r.get("category"), self._lang)
            if col == "case_no" and r.get("unit_name"):  # an upper level: whose petition it is
                return f"{r['unit_name']} ({r.get('unit_code') or ''})"
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == "left":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, r: dict, col: str) -> str:
        if col == "case_no":
            return r.get("case_no") or ""
        if col == "person":
            if r.get("anonymous"):
                return QCoreApplication.translate("DueList", "Anonymous")
            return r.get("person") or ""
        if col == "category":
            return label(enums.CATEGORY, r.get("category"), self._lang)
        if col == "due_on":
            return fmt.d(r.get("due_on"))
        n = r.get("working_days_left")
        if n is None:
            return ""
        if r.get("overdue") and n >= 0:  # due on a day off just past: no working day lost yet
            return QCoreApplication.translate("DueList", "Overdue")
        if n > 0:
            return QCoreApplication.translate("DueList", "{n} left").format(n=fmt.number(n))
        if n == 0:
            return QCoreApplication.translate("DueList", "Today")
        return QCoreApplication.translate("DueList", "{n} overdue").format(n=fmt.number(-n))
