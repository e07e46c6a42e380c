"""The "Dân vận khéo" models grouped by field: a two-level tree (field → models) over rows read from the core.

A commune registers tens of models a year, so a year's models (or every year's, a few hundred) are read whole
through app.services.listing — one filtered query per field — and sorted here when a header is clicked.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QPersistentModelIndex, QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPixmap

from app.domain import enums
from app.domain.enums import label
from app.domain.records import field_label
from app.domain.text import text_sort_key
from app.services import listing
from app.services.session import Session
from app.storage.listing import Filters
from ui.style import ACCENT, MUTED

FETCH = 2000
ROW_HEIGHT = 26  # as the other lists  # rows per query; a field rarely holds more than a few dozen models a year

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the record id of a model row (None on a field row)
FIELD_ROLE = Qt.ItemDataRole.UserRole + 2  # the field key of the row's group

# (column key, record field whose glossary label is the header)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "name"),
    ("owner", "owner"),
    ("kind", "kind"),
    ("year", "year"),
    ("status", "status"),
    ("recognition_level", "recognition_level"),
    ("decision_no", "decision_no"),
)
_STATUS_ORDER = {k: i for i, k in enumerate(enums.MODEL_STATUS)}


def year_filters(year: int | None, status: str | None = None) -> Filters:
    """A model's record_date is 1 January of its year (app.domain.records.record_date)."""
    if year is None:
        return Filters(status=status)
    return Filters(date_from=f"{year:04d}-01-01", date_to=f"{year:04d}-12-31", status=status)


def fetch_groups(session: Session, filters: Filters, text: str = "") -> dict[str, list[dict]]:
    """Every model matching the filters, by field (in the glossary's order of the four fields)."""
    out: dict[str, list[dict]] = {}
    for key in enums.MODEL_FIELD:
        f = replace(filters, field=key)
        rows: list[dict] = []
        while True:
            page = listing.page(session, "model", f, text=text.strip() or None, sort="date", descending=True,
                                offset=len(rows), limit=FETCH)
            rows.extend(page)
            if len(page) < FETCH:
                break
        out[key] = rows
    return out


def year_range(session: Session) -> list[int]:
    """The years the picker offers, newest first: the current year and every year that holds models."""
    this_year = session.clock.today().year
    newest = listing.page(session, "model", sort="date", descending=True, limit=1)
    oldest = listing.page(session, "model", sort="date", descending=False, limit=1)
    hi = max([this_year] + [r["year"] for r in newest if r.get("year")])
    lo = min([this_year] + [r["year"] for r in oldest if r.get("year")])
    return list(range(hi, lo - 1, -1))


def _person(p: QPainter, cx: float, top: float, scale: float, colour: QColor) -> None:
    """A head and shoulders, `scale` × 16 px tall, centred on cx."""
    p.setBrush(colour)
    r = 3.2 * scale
    p.drawEllipse(QPointF(cx, top + r), r, r)
    body = QPainterPath()
    w = 5.6 * scale
    y = top + 2 * r + 1.2 * scale
    body.moveTo(cx - w, top + 16 * scale)
    body.cubicTo(cx - w, y, cx + w, y, cx + w, top + 16 * scale)
    body.closeSubpath()
    p.drawPath(body)


def kind_icon(kind: str | None) -> QIcon:
    """One figure for an individual model, three for a collective one (drawn, no image files)."""
    size = 32  # drawn at 2× so it stays sharp at 125–200 % scaling
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    accent = QColor(ACCENT)
    if kind == "collective":
        back = QColor(ACCENT)
        back.setAlpha(140)
        _person(p, 8, 2, 1.35, back)
        _person(p, 24, 2, 1.35, back)
        _person(p, 16, 7, 1.55, accent)
    else:
        _person(p, 16, 3, 1.8, accent)
    p.end()
    pix.setDevicePixelRatio(2.0)
    return QIcon(pix)


class ModelsTreeModel(QAbstractItemModel):
    """Top-level rows are the four fields ("Kinh tế (3)"), their children the models of that field.

    Internal ids: 0 for a field row, group number + 1 for a model row (so parent() needs no lookup)."""

    def __init__(self, lang: Callable[[], str], parent=None, *, with_unit: bool = False):
        """`with_unit`: an upper level's tree holds every commune's models — a "Đơn vị" column says whose."""
        super().__init__(parent)
        self._lang = lang
        self.columns = COLUMNS + ((("unit", "unit"),) if with_unit else ())
        self._groups: list[tuple[str, list[dict]]] = []
        self._order: dict[str, int] = {}  # record id → position in the core's order (the unsorted order)
        self._sort: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self._icons: dict[str, QIcon] = {}

    # -- data in ---------------------------------------------------------------------------------------------
    def set_groups(self, groups: dict[str, list[dict]], *, keep_empty: bool = True) -> None:
        """Replace every row. Fields without a model stay as empty groups when `keep_empty` (the count says 0)."""
        self.beginResetModel()
        self._groups = [(k, list(rows)) for k, rows in groups.items() if rows or keep_empty]
        self._order = {r["id"]: i for _k, rows in self._groups for i, r in enumerate(rows)}
        self._sort_rows()
        self.endResetModel()

    def total(self) -> int:
        return sum(len(rows) for _k, rows in self._groups)

    def kind_counts(self) -> dict[str, int]:
        out = {k: 0 for k in enums.MODEL_KIND}
        for _k, rows in self._groups:
            for r in rows:
                if r.get("kind") in out:
                    out[r["kind"]] += 1
        return out

    def group_keys(self) -> list[str]:
        return [k for k, _rows in self._groups]

    def group_row(self, field: str) -> int:
        return next((i for i, (k, _r) in enumerate(self._groups) if k == field), -1)

    def record(self, index: QModelIndex | QPersistentModelIndex) -> dict | None:
        """The model row behind an index (None for a field row or an invalid index)."""
        if not index.isValid() or index.internalId() == 0:
            return None
        g = index.internalId() - 1
        if not 0 <= g < len(self._groups):
            return None
        rows = self._groups[g][1]
        return rows[index.row()] if 0 <= index.row() < len(rows) else None

    def record_id(self, index: QModelIndex | QPersistentModelIndex) -> str | None:
        r = self.record(index)
        return r.get("id") if r else None

    def index_of(self, record_id: str) -> QModelIndex:
        for g, (_k, rows) in enumerate(self._groups):
            for i, r in enumerate(rows):
                if r.get("id") == record_id:
                    return self.createIndex(i, 0, g + 1)
        return QModelIndex()

    # -- structure -----------------------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if column < 0 or column >= len(self.columns) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != 0 or parent.column() != 0 or not 0 <= parent.row() < len(self._groups):
            return QModelIndex()  # models have no children; only column 0 of a field row has them
        if row >= len(self._groups[parent.row()][1]):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child=None):  # Qt's two overloads: parent(index) and QObject.parent()
        if child is None:
            return super().parent()
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, 0)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0 and 0 <= parent.row() < len(self._groups):
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return len(self.columns)

    def hasChildren(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return self.rowCount(parent) > 0

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- display ------------------------------------------------------------------------------------------------
    def _icon(self, kind: str | None) -> QIcon:
        key = kind or ""
        if key not in self._icons:
            self._icons[key] = kind_icon(kind)
        return self._icons[key]

    def _cell(self, row: dict, key: str) -> str:
        lang = self._lang()
        if key == "kind":
            return label(enums.MODEL_KIND, row.get("kind"), lang)
        if key == "status":
            return label(enums.MODEL_STATUS, row.get("status"), lang)
        if key == "year":
            return str(row.get("year") or "")
        if key == "unit":
            return row.get("unit_name") or row.get("unit_code") or ""
        return " ".join(str(row.get(key) or "").split())

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not self.checkIndex(index):
            return None
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(-1, ROW_HEIGHT)
        key = self.columns[index.column()][0]
        if index.internalId() == 0:  # a field row
            field, rows = self._groups[index.row()]
            if role == FIELD_ROLE:
                return field
            if index.column() != 0:
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{label(enums.MODEL_FIELD, field, self._lang())} ({len(rows)})"
            if role == Qt.ItemDataRole.FontRole:
                f = QFont()
                f.setBold(True)
                return f
            if role == Qt.ItemDataRole.ForegroundRole and not rows:
                return QColor(MUTED)
            return None
        row = self.record(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(row, key)
        if role == Qt.ItemDataRole.DecorationRole and key == "kind":
            return self._icon(row.get("kind"))
        if role == Qt.ItemDataRole.ToolTipRole:
            if key == "name":
                return row.get("name") or None
            return self._cell(row, key) or None
        if role == ID_ROLE:
            return row.get("id")
        if role == FIELD_ROLE:
            return self._groups[index.internalId() - 1][0]
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "year":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role not in (Qt.ItemDataRole.DisplayRole,
                                                                   Qt.ItemDataRole.ToolTipRole):
            return None  # the tooltip: a title a narrow column cuts
        if not 0 <= section < len(self.columns):
            return None
        if self.columns[section][0] == "unit":
            return QCoreApplication.translate("SyncTables", "Unit")
        return field_label("model", self.columns[section][1], self._lang())

    def column_keys(self) -> tuple[str, ...]:
        return tuple(k for k, _f in self.columns)

    def retranslate(self) -> None:
        """The language changed: every label is read again at paint time."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._groups:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._groups) - 1, len(self.columns) - 1))
            for g, (_k, rows) in enumerate(self._groups):
                if rows:
                    parent = self.index(g, 0)
                    self.dataChanged.emit(self.index(0, 0, parent), self.index(len(rows) - 1, len(self.columns) - 1, parent))

    # -- sorting (within each field; the fields keep the glossary's order) -----------------------------------------
    def _sort_value(self, row: dict, key: str):
        if key == "year":
            return row.get("year") or 0
        if key == "status":
            return _STATUS_ORDER.get(row.get("status"), len(_STATUS_ORDER))
        return text_sort_key(self._cell(row, key))  # Vietnamese order: Đ after D, Ư after U

    def _sort_rows(self) -> None:
        column, order = self._sort
        desc = order == Qt.SortOrder.DescendingOrder
        for _k, rows in self._groups:
            if 0 <= column < len(self.columns):
                key = self.columns[column][0]
                rows.sort(key=lambda r: (self._sort_value(r, key), self._order.get(r["id"], 0)), reverse=desc)
            else:
                rows.sort(key=lambda r: self._order.get(r["id"], 0))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [(self.record_id(i), i.column()) for i in before]
        self._sort = (column, order)
        self._sort_rows()
        after = []
        for (rid, col), old in zip(ids, before):
            if rid is None:
                after.append(old)  # field rows do not move
            else:
                new = self.index_of(rid)
                after.append(new.siblingAtColumn(col) if new.isValid() else QModelIndex())
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()
