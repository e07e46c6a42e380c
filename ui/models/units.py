"""The official administrative units as a list model, for the set-up wizard's province and commune pickers.

Filtering is the core's search (`app.domain.units.search_units`): diacritic-blind, đ = d, best match first.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from app.domain import units

UNIT_ROLE = Qt.ItemDataRole.UserRole + 1  # the Unit itself
CODE_ROLE = Qt.ItemDataRole.UserRole + 2  # its code ("01", "00004")


class UnitListModel(QAbstractListModel):
    """Units of one level (all provinces, or the communes of one province), narrowed by a filter text."""

    def __init__(self, level: str = units.UPPER, province_code: str | None = None, parent=None):
        super().__init__(parent)
        self._level = level
        self._province = province_code
        self._text = ""
        self._rows: list[units.Unit] = []
        self._reload()

    # -- what is listed -----------------------------------------------------------------------------------
    @property
    def filter_text(self) -> str:
        return self._text

    @property
    def province_code(self) -> str | None:
        return self._province

    def set_filter(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self._reload()

    def set_province(self, province_code: str | None) -> None:
        if province_code != self._province:
            self._province = province_code
            self._reload()

    def _reload(self) -> None:
        self.beginResetModel()
        if self._level == units.COMMUNE and self._province is None:
            self._rows = []  # communes are always listed within one province
        else:
            scope = self._province if self._level == units.COMMUNE else None
            self._rows = units.search_units(self._text, self._level, scope, limit=None)
        self.endResetModel()

    def unit(self, row: int) -> units.Unit | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, code: str | None) -> int:
        """The row of the unit with this code, or -1 when it is filtered out."""
        for i, u in enumerate(self._rows):
            if u.code == code:
                return i
        return -1

    # -- Qt -----------------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.parent().isValid() or not 0 <= index.row() < len(self._rows):
            return None
        u = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return u.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return u.name if u.level == units.UPPER else f"{u.name} — {u.province_name}"
        if role == UNIT_ROLE:
            return u
        if role == CODE_ROLE:
            return u.code
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
