"""Editable lists of small dicts shown as a table: the people of a record (petitioners, representatives) and a
petition's extensions. Column titles are the core's field labels (app/domain/records.py)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from app.domain import units
from app.domain.addresses import unit_in_words
from app.domain.enums import label
from app.domain.masking import MASK
from app.domain.records import CITIZEN_FIELDS, EXTENSION_FIELDS, Field
from ui import format as fmt

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class RowColumn:
    field: Field  # key, kind ("line" | "enum" | "int" | "date") and labels

    @property
    def key(self) -> str:
        return self.field.name

    @property
    def kind(self) -> str:
        return self.field.kind


PEOPLE_COLUMNS = tuple(RowColumn(f) for f in CITIZEN_FIELDS)
EXTENSION_COLUMNS = tuple(RowColumn(f) for f in EXTENSION_FIELDS)


class RowsModel(QAbstractTableModel):
    """One dict per row; a cell edits one key. Keys the columns do not show (a key of a newer version) are kept."""

    changed = Signal()  # any row added, removed or edited

    def __init__(self, columns: tuple[RowColumn, ...], lang: str = "vi", parent=None):
        super().__init__(parent)
        self._columns = columns
        self._rows: list[dict] = []
        self.lang = lang
        self.read_only = False
        self.home_province: str | None = None  # whose communes a commune picker offers first

    # -- our API ------------------------------------------------------------------------------------------------
    def set_rows(self, rows: list[dict] | None) -> None:
        self.beginResetModel()
        self._rows = [dict(r) for r in rows or () if isinstance(r, dict)]
        self.endResetModel()

    def rows(self) -> list[dict]:
        """The rows with something in them (an added row left empty is not a person)."""
        return [dict(r) for r in self._rows if any(v not in (None, "") for v in r.values())]

    def column(self, col: int) -> RowColumn:
        return self._columns[col]

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1))

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1))

    def append_row(self, row: dict | None = None) -> int:
        n = len(self._rows)
        self.insertRows(n, 1)
        if row:
            self._rows[n] = dict(row)
            self.dataChanged.emit(self.index(n, 0), self.index(n, len(self._columns) - 1))
        return n

    # -- Qt -------------------------------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                f = self._columns[section].field
                return f.label_vi if self.lang == "vi" else f.label_en
            return None
        return str(section + 1) if 0 <= section < len(self._rows) else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only or self._rows[index.row()].get(self._columns[index.column()].key) == MASK:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        col = self._columns[index.column()]
        value = self._rows[index.row()].get(col.key)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if value is None or value == MASK:
                return fmt.shown(value)
            if col.kind == "enum":
                return label(col.field.choices, value, self.lang)
            if col.kind == "date":
                return fmt.d(value)
            if col.key == "ward_code":  # the commune by its name, with its province when not this one's
                unit = units.find_unit(value)
                if unit is None:
                    return str(value)
                if role == Qt.ItemDataRole.ToolTipRole or unit.province_code != self.home_province:
                    return unit_in_words(unit)
                return unit.name
            return str(value)
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or \
                not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        col = self._columns[index.column()]
        if isinstance(value, str):
            value = " ".join(value.split()) if col.kind == "line" else value.strip()
        row = self._rows[index.row()]
        if value in (None, ""):
            if col.key not in row:
                return False
            del row[col.key]
        else:
            if row.get(col.key) == value:
                return False
            row[col.key] = value
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole])
        self.changed.emit()
        return True

    def insertRows(self, row: int, count: int, parent: _Index = QModelIndex()) -> bool:
        if parent.isValid() or count < 1 or not (0 <= row <= len(self._rows)) or self.read_only:
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        self._rows[row:row] = [{} for _ in range(count)]
        self.endInsertRows()
        self.changed.emit()
        return True

    def removeRows(self, row: int, count: int, parent: _Index = QModelIndex()) -> bool:
        if parent.isValid() or count < 1 or row < 0 or row + count > len(self._rows) or self.read_only:
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._rows[row:row + count]
        self.endRemoveRows()
        self.changed.emit()
        return True


class PeopleModel(RowsModel):
    """Petitioners or representatives: name, ID type, ID number, phone, address, commune."""

    def __init__(self, lang: str = "vi", parent=None):
        super().__init__(PEOPLE_COLUMNS, lang, parent)

    def is_masked(self) -> bool:
        """The core hid these people from this role ("[Bảo mật]")."""
        return any(v == MASK for r in self._rows for v in r.values())


class ExtensionsModel(RowsModel):
    """A petition's extensions: days, reason, decided on."""

    def __init__(self, lang: str = "vi", parent=None):
        super().__init__(EXTENSION_COLUMNS, lang, parent)
