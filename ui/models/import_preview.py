"""Table models of the import wizard: the sheets of a file, the column mapping of one sheet, the preview of
the first rows, the problems of a dry run and the summary of an import.

They adapt the plain data of `app.services.import_mapping` (no I/O here); field and type labels come from the
record spec and the glossary, in the interface language.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from app.domain.enums import RECORD_TYPE_LABELS, RECORD_TYPES, label
from app.domain.records import CITIZEN_FIELDS, EXTENSION_FIELDS, FIELDS_BY_NAME, field_label
from app.services import import_mapping as im
from ui.format import d, dt
from ui.style import MUTED, OVERDUE

Index = QModelIndex | QPersistentModelIndex
ERROR_COLOR = QColor(OVERDUE)  # the style's red and grey: 4.5:1 or better on a selected row too (#6b6b6b was 4.1)
MUTED_COLOR = QColor(MUTED)


def column_letter(idx: int) -> str:
    """0 → A, 25 → Z, 26 → AA (as Excel names columns)."""
    out, n = "", idx + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def type_label(rtype: str | None, lang: str) -> str:
    return label(RECORD_TYPE_LABELS, rtype, lang) if rtype else ""


class _Table(QAbstractTableModel):
    """Common plumbing: a fixed list of header callables and rows kept in a list."""

    def __init__(self, lang: Callable[[], str], parent=None):
        super().__init__(parent)
        self._lang = lang

    def headers(self) -> list[str]:
        raise NotImplementedError

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            heads = self.headers()
            return heads[section] if 0 <= section < len(heads) else None
        return str(section + 1)

    def retranslate(self) -> None:
        """Headers and labels follow the interface language."""
        if self.columnCount():
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))


# ------------------------------------------------------------------------------------------------- sheets


class SheetsModel(_Table):
    """One row per sheet (a CSV file is one): its name, how it is read, and the record type (editable)."""

    SHEET, LAYOUT, TYPE = range(3)
    type_changed = Signal(int)  # the row whose record type the user changed

    def __init__(self, info: im.FileInfo, plan: im.ImportPlan, lang: Callable[[], str], parent=None):
        super().__init__(lang, parent)
        self._info, self._plan = info, plan

    def headers(self) -> list[str]:
        return [QCoreApplication.translate("ImportPreview", "Sheet"),
                QCoreApplication.translate("ImportPreview", "Layout"),
                QCoreApplication.translate("ImportPreview", "Record type")]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._info.sheets)

    def choices(self) -> list[tuple[str, str]]:
        """(label, key) for the type editor; key "" leaves the sheet out."""
        lang = self._lang()
        return [(QCoreApplication.translate("ImportPreview", "Do not import"), "")] + \
            [(type_label(t, lang), t) for t in RECORD_TYPES]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._info.sheets):
            return None
        sheet, sp = self._info.sheets[index.row()], self._plan.sheets[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.SHEET:
                return sheet.title
            if col == self.LAYOUT:
                if sheet.layout == "form03":
                    return QCoreApplication.translate("ImportPreview", "Reception book (Form 03)")
                return QCoreApplication.translate("ImportPreview", "Table, headers on row {row}").format(
                    row=sp.header_row + 1)
            if col == self.TYPE:
                return type_label(sp.rtype, self._lang()) or QCoreApplication.translate(
                    "ImportPreview", "Do not import")
        if role == Qt.ItemDataRole.EditRole and col == self.TYPE:
            return sp.rtype or ""
        if role == Qt.ItemDataRole.ForegroundRole and col == self.TYPE and not sp.rtype:
            return MUTED_COLOR
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.TYPE and self._info.sheets[index.row()].layout == "table":
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() != self.TYPE:
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        value = value or None
        if value is not None and value not in RECORD_TYPES:
            return False
        sp = self._plan.sheets[index.row()]
        if sp.rtype == value:
            return True
        sp.rtype = value
        self.dataChanged.emit(index, index)
        self.type_changed.emit(index.row())
        return True


# ------------------------------------------------------------------------------------------------ mapping


class MappingModel(_Table):
    """The columns of one sheet: letter, title in the file, a sample value, the field it goes to (editable
    for a table; shown for a Form 03 book) and how that was recognised."""

    LETTER, HEADER, SAMPLE, TARGET, HOW = range(5)
    mapping_changed = Signal()

    def __init__(self, sheet: im.SheetInfo, plan: im.SheetPlan, lang: Callable[[], str], parent=None):
        super().__init__(lang, parent)
        self._sheet, self._plan = sheet, plan
        self._manual: set[int] = set()  # columns the user set by hand

    def headers(self) -> list[str]:
        return [QCoreApplication.translate("ImportPreview", "Column"),
                QCoreApplication.translate("ImportPreview", "Title in the file"),
                QCoreApplication.translate("ImportPreview", "Example value"),
                QCoreApplication.translate("ImportPreview", "Read into field"),
                QCoreApplication.translate("ImportPreview", "Recognised by")]

    @property
    def editable(self) -> bool:
        return self._sheet.layout == "table" and self._plan.rtype is not None

    def _rows(self) -> list:
        return self._sheet.form03_columns if self._sheet.layout == "form03" else self._sheet.columns

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows())

    def choices(self) -> list[tuple[str, str]]:
        """(label, path) for the field editor, "" = skip; a guessed path outside the usual list is kept."""
        lang = self._lang()
        out = [(QCoreApplication.translate("ImportPreview", "Skip"), "")]
        if self._plan.rtype is None:
            return out
        items = im.targets(self._plan.rtype)
        known = {t.path for t in items}
        for p in self._plan.mapping.values():
            t = im.target_for(self._plan.rtype, p) if p not in known else None
            if t is not None:
                items.append(t)
                known.add(p)
        return out + [(t.label(lang) + (" *" if t.required else ""), t.path) for t in items]

    def path_label(self, path: str | None) -> str:
        if not path or self._plan.rtype is None:
            return ""
        t = im.target_for(self._plan.rtype, path)
        return t.label(self._lang()) if t else path

    def _form03_text(self, col: im.Form03Column) -> str:
        if not col.paths:
            return QCoreApplication.translate("ImportPreview", "Not read")
        text = ", ".join(self.path_label(p) for p in col.paths)
        if col.direction:
            from app.domain.enums import RECEPTION_DIRECTION

            text += " — " + label(RECEPTION_DIRECTION, col.direction, self._lang())
        return text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        rows = self._rows()
        if not index.isValid() or index.row() >= len(rows):
            return None
        c = rows[index.row()]
        col = index.column()
        form03 = self._sheet.layout == "form03"
        path = None if form03 else self._plan.mapping.get(c.index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == self.LETTER:
                return column_letter(c.index)
            if col == self.HEADER:
                return c.header
            if col == self.SAMPLE:
                return c.sample
            if col == self.TARGET:
                if form03:
                    return self._form03_text(c)
                return self.path_label(path) or QCoreApplication.translate("ImportPreview", "Skip")
            if col == self.HOW:
                return self._how_text(c, path)
        if role == Qt.ItemDataRole.EditRole and col == self.TARGET:
            return "" if form03 else (path or "")
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == self.TARGET and (not path and not form03 or form03 and not c.paths):
                return MUTED_COLOR
            if col == self.HOW:
                return MUTED_COLOR
        return None

    def _how_text(self, c, path: str | None) -> str:
        if self._sheet.layout == "form03":
            return QCoreApplication.translate("ImportPreview", "Book heading") if c.paths else ""
        if not path:
            return ""
        if c.index in self._manual or path != c.path:
            return QCoreApplication.translate("ImportPreview", "Chosen by you")
        return {im.EXACT: QCoreApplication.translate("ImportPreview", "Same title"),
                im.FOLDED: QCoreApplication.translate("ImportPreview", "Title without diacritics"),
                im.FUZZY: QCoreApplication.translate("ImportPreview", "Similar title (check)")}.get(c.how, "")

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.TARGET and self.editable:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() != self.TARGET:
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        value = value or None
        if value is not None and im.target_for(self._plan.rtype, value) is None and value != "type":
            return False
        c = self._sheet.columns[index.row()]
        if self._plan.mapping.get(c.index) == value:
            return True
        if value is not None:
            # A field is read from one column: the column that had it lets it go.
            for r, other in enumerate(self._sheet.columns):
                if other.index != c.index and self._plan.mapping.get(other.index) == value:
                    del self._plan.mapping[other.index]
                    self._manual.add(other.index)
                    self.dataChanged.emit(self.index(r, 0), self.index(r, self.HOW))
            self._plan.mapping[c.index] = value
        else:
            self._plan.mapping.pop(c.index, None)
        self._manual.add(c.index)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.HOW))
        self.mapping_changed.emit()
        return True

    def missing_required(self) -> list[str]:
        """Labels of the required fields (people's names aside) that no column is read into."""
        if self._sheet.layout != "table" or self._plan.rtype is None:
            return []
        mapped = set(self._plan.mapping.values())
        return [t.label(self._lang()) for t in im.targets(self._plan.rtype)
                if t.required and t.path not in mapped and t.path not in ("type", "host_name")]


# ------------------------------------------------------------------------------------------------ preview


def _field(rtype: str, path: str):
    parts = path.split(".")
    f = FIELDS_BY_NAME.get(rtype, {}).get(parts[0])
    if f is not None and len(parts) > 1:
        subs = CITIZEN_FIELDS if f.kind in ("citizen", "citizens") else EXTENSION_FIELDS
        f = {c.name: c for c in subs}.get(parts[-1])
    return f


def display_value(rtype: str, path: str, value, lang: str) -> str:
    """A value read from the file as the lists show it: labels for enumerations, dd/mm/yyyy dates."""
    if value is None:
        return ""
    f = _field(rtype, path)
    if f is not None and isinstance(value, str):
        if f.kind == "enum" and f.choices and value in f.choices:
            return label(f.choices, value, lang)
        if f.kind == "date":
            return d(value)
        if f.kind == "datetime":
            return dt(value)
    if isinstance(value, bool):
        return QCoreApplication.translate("ImportPreview", "Yes") if value else \
            QCoreApplication.translate("ImportPreview", "No")
    return " ".join(str(value).split())


class PreviewModel(_Table):
    """The first records as they will be read: sheet (for a workbook of several), line, then one column per
    field found, in the order of the record spec."""

    def __init__(self, rows: list[im.PreviewRow], lang: Callable[[], str], parent=None):
        super().__init__(lang, parent)
        self._rows = rows
        self._several_sheets = len({r.sheet for r in rows}) > 1
        types = list(dict.fromkeys(r.rtype for r in rows if r.rtype in RECORD_TYPES))
        self._several_types = len(types) > 1
        paths: list[tuple[str, str]] = []  # (path, rtype that names it)
        seen: set[str] = set()
        for t in types:
            order = {tg.path: i for i, tg in enumerate(im.targets(t))}
            present = {p for r in rows if r.rtype == t for p in r.values if p not in ("type",)}
            for p in sorted(present, key=lambda p: (order.get(p, order.get(self._first_of(p), 999)), p)):
                if p not in seen:
                    seen.add(p)
                    paths.append((p, t))
        self._paths = paths

    @staticmethod
    def _first_of(path: str) -> str:
        parts = path.split(".")
        return f"{parts[0]}.1.{parts[2]}" if len(parts) == 3 else path

    def _lead(self) -> list[str]:
        lead = []
        if self._several_sheets:
            lead.append("sheet")
        lead.append("line")
        if self._several_types:
            lead.append("type")
        return lead

    def headers(self) -> list[str]:
        names = {"sheet": QCoreApplication.translate("ImportPreview", "Sheet"),
                 "line": QCoreApplication.translate("ImportPreview", "Row"),
                 "type": QCoreApplication.translate("ImportPreview", "Record type")}
        lang = self._lang()
        out = [names[k] for k in self._lead()]
        for p, t in self._paths:
            tg = im.target_for(t, p)
            out.append(tg.label(lang) if tg else field_label(t, p, lang))
        return out

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        r = self._rows[index.row()]
        lead = self._lead()
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col < len(lead):
                kind = lead[col]
                return {"sheet": r.sheet or "", "line": str(r.line), "type": type_label(r.rtype, self._lang())}[kind]
            if col - len(lead) < len(self._paths):
                path, _t = self._paths[col - len(lead)]
                return display_value(r.rtype, path, r.values.get(path), self._lang())
        if role == Qt.ItemDataRole.TextAlignmentRole and col < len(lead) and lead[col] == "line":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


# ----------------------------------------------------------------------------------------------- problems


class ProblemsModel(_Table):
    """Errors (which block the import) then warnings (which do not), each with sheet, row, field, message."""

    KIND, SHEET, LINE, FIELD, MESSAGE = range(5)

    def __init__(self, lang: Callable[[], str], rtype_of: Callable[[str | None], str | None] = lambda s: None,
                 parent=None):
        super().__init__(lang, parent)
        self._items: list[dict] = []
        self._rtype_of = rtype_of

    def headers(self) -> list[str]:
        return [QCoreApplication.translate("ImportPreview", "Kind"),
                QCoreApplication.translate("ImportPreview", "Sheet"),
                QCoreApplication.translate("ImportPreview", "Row"),
                QCoreApplication.translate("ImportPreview", "Field"),
                QCoreApplication.translate("ImportPreview", "Problem")]

    def set_result(self, errors: list[dict], warnings: list[dict]) -> None:
        self.beginResetModel()
        self._items = [{**e, "error": True} for e in errors] + [{**w, "error": False} for w in warnings]
        self.endResetModel()

    def clear(self) -> None:
        self.set_result([], [])

    @property
    def error_count(self) -> int:
        return sum(1 for i in self._items if i["error"])

    @property
    def has_sheets(self) -> bool:
        """True when problems name their sheet (a workbook of several)."""
        return any(i.get("sheet") for i in self._items)

    @property
    def warning_count(self) -> int:
        return sum(1 for i in self._items if not i["error"])

    def item(self, row: int) -> dict:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def _field_text(self, item: dict) -> str:
        path = item.get("field") or ""
        rtype = self._rtype_of(item.get("sheet"))
        text = field_label(rtype, path, self._lang()) if rtype and path else path
        if item.get("column"):  # where the cell is in the sheet, as Excel names its columns
            text += " " + QCoreApplication.translate("ImportPreview", "(column {letter})").format(
                letter=item["column"])
        return text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._items):
            return None
        it = self._items[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == self.KIND:
                return QCoreApplication.translate("ImportPreview", "Error") if it["error"] else \
                    QCoreApplication.translate("ImportPreview", "Warning")
            if col == self.SHEET:
                return it.get("sheet") or ""
            if col == self.LINE:
                return str(it["line"]) if it.get("line") else ""
            if col == self.FIELD:
                return self._field_text(it)
            if col == self.MESSAGE:
                return it.get("message") or ""
        if role == Qt.ItemDataRole.ForegroundRole and col == self.KIND and it["error"]:
            return ERROR_COLOR
        if role == Qt.ItemDataRole.FontRole and col == self.KIND and it["error"]:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.LINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


# ------------------------------------------------------------------------------------------------ summary


class SummaryModel(_Table):
    """Per record type: how many records were added, updated and left unchanged."""

    TYPE, IMPORTED, UPDATED, UNCHANGED = range(4)

    def __init__(self, lang: Callable[[], str], parent=None):
        super().__init__(lang, parent)
        self._rows: list[tuple[str, int, int, int]] = []

    def headers(self) -> list[str]:
        return [QCoreApplication.translate("ImportPreview", "Record type"),
                QCoreApplication.translate("ImportPreview", "Added"),
                QCoreApplication.translate("ImportPreview", "Updated"),
                QCoreApplication.translate("ImportPreview", "Unchanged")]

    def set_result(self, res) -> None:
        self.beginResetModel()
        self._rows = [(t, res.imported.get(t, 0), res.updated.get(t, 0), res.unchanged.get(t, 0))
                      for t in RECORD_TYPES
                      if res.imported.get(t, 0) or res.updated.get(t, 0) or res.unchanged.get(t, 0)]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == self.TYPE:
                return type_label(row[0], self._lang())
            from ui.format import number

            return number(row[index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != self.TYPE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
