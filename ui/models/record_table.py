"""A table model over a list that lives in SQLite: it holds the row count and a few cached pages, and fetches
a page of rows from the core only when the view paints a row of it (200,000 rows open instantly).

Sorting is done by the source (in SQL); the model only forwards the request and resets.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Protocol

import logging

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from shiboken6 import isValid

from ui import format as fmt

log = logging.getLogger(__name__)

PAGE_SIZE = 200
MAX_PAGES = 40  # ~8,000 rows kept; older pages are dropped as the user scrolls on

# Computed once: data() and flags() run for every visible cell on every paint, and combining Qt flags in
# Python costs more than the lookup itself.
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_DISPLAY = Qt.ItemDataRole.DisplayRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FONT = Qt.ItemDataRole.FontRole
_SPOKEN = Qt.ItemDataRole.AccessibleTextRole
_BOLD: list[QFont] = []


def _bold_font() -> QFont:
    """The application's font, bold (made once, after the application has its font)."""
    if not _BOLD:
        font = QFont()
        font.setBold(True)
        _BOLD.append(font)
    return _BOLD[0]


class RowSource(Protocol):
    """Where rows come from. `sort` is a column's sort key (or None when the column cannot sort)."""

    def count(self) -> int: ...

    def fetch(self, offset: int, limit: int) -> list[dict]: ...

    def set_sort(self, key: str, descending: bool) -> None: ...


class CountsElsewhere(Protocol):
    """A RowSource that can also count on another session (a worker's own connection): see set_source."""

    session: object

    def count_with(self, session) -> int: ...


@dataclass
class Column:
    key: str  # stable id, used for saved widths/order
    title: Callable[[], str]  # translated at paint time, so a language switch needs no rebuild
    display: Callable[[dict], str]
    sort_key: str | None = None  # the core's sort name (app.storage.listing.SORTS), or None
    align_right: bool = False
    foreground: Callable[[dict], object] | None = None  # a QColor for a row (e.g. overdue in red)
    tooltip: Callable[[dict], str] | None = None
    width: int = 120  # first-run width in pixels; the user's own widths are remembered
    min_width: int | None = None  # never fitted narrower (ui.widgets.column_fit): a date's, a case number's length
    drop: int | None = None  # hidden, lowest first, when even the floors do not fit the list (column_fit)
    # Its coloured cells warn (a due date passed): drawn bold too and read "… — quá hạn", not told by colour alone
    # (a red-green colour-blind officer, a screen reader).
    alert: bool = False


class RecordTableModel(QAbstractTableModel):
    counted = Signal(int)  # a count made in the background arrived (the model has that many rows now)

    def __init__(self, columns: list[Column], source: RowSource | None = None, parent=None):
        super().__init__(parent)
        self.columns = columns
        self._source = source
        self._count = 0
        self._pages: OrderedDict[int, list[dict]] = OrderedDict()
        self.rows_fetched = 0  # how many rows were ever read from the source (tests, benchmarks)
        self.counting = False  # the first page is shown, the full count is being made on a worker
        self._generation = 0  # which set_source a background count belongs to (older ones are dropped)
        self._count_job = None
        if source is not None:
            self._count = max(0, int(source.count()))

    # -- the source -----------------------------------------------------------------------------------------
    def set_source(self, source: RowSource, *, count_in_background: bool = False) -> None:
        """Show `source`'s rows. `count_in_background` (a source that CountsElsewhere): the first page is read now
        and shown as the whole list; when it is full, the rows are counted on a worker thread and the model grows
        to the full count when that arrives (`counted`). At 200,000 records the count on a fresh connection took a
        third of the time a list needed to open, and the officer only needs the first rows to start."""
        self._generation += 1
        self.beginResetModel()
        self._source = source
        self._pages.clear()
        self.counting = False
        if count_in_background:
            first = source.fetch(0, PAGE_SIZE)
            self.rows_fetched += len(first)
            self._pages[0] = first
            self._count = len(first)
            self.counting = len(first) == PAGE_SIZE  # a page not full is the whole list
        else:
            self._count = max(0, int(source.count()))
        self.endResetModel()
        if self.counting:
            self._count_elsewhere(source, self._generation)

    def _count_elsewhere(self, source: CountsElsewhere, generation: int) -> None:
        from ui.jobs import Job, in_own_session

        job = self._count_job = Job(lambda progress=None, cancel=None: in_own_session(
            source.session, source.count_with, reader=True))
        job.succeeded.connect(lambda n: self._counted(generation, n))
        job.failed.connect(lambda exc: self._count_failed(generation, exc))
        job.start()

    def _current(self, generation: int) -> bool:
        """Whether a count made for `generation` still applies: the model is alive (a closed screen deletes it
        while the worker counts) and neither the filters, the search nor the sort changed since."""
        return isValid(self) and generation == self._generation and self._source is not None

    def _count_failed(self, generation: int, exc: BaseException) -> None:
        if not self._current(generation):
            return
        log.warning("background count failed (%s); counting here", exc)
        try:
            n = int(self._source.count())
        except Exception:  # noqa: BLE001 — the list keeps the rows it shows; the next load counts again
            log.exception("count failed")
            n = self._count
        self._counted(generation, n)

    def _counted(self, generation: int, n: int) -> None:
        if not self._current(generation):
            return
        self.counting = False
        n = max(0, int(n))
        if n > self._count:
            self.beginInsertRows(QModelIndex(), self._count, n - 1)
            self._count = n
            self.endInsertRows()
        elif n < self._count:  # rows went away meanwhile (another process deleted some)
            self.beginRemoveRows(QModelIndex(), n, self._count - 1)
            self._count = n
            self._pages.clear()
            self.endRemoveRows()
        self.counted.emit(n)

    def refresh(self) -> None:
        """Count and drop cached rows again (after a save, a filter change or another process's write)."""
        if self._source is None:
            return
        self._generation += 1  # a background count still running is for the rows before this refresh
        self.counting = False
        self.beginResetModel()
        self._pages.clear()
        self._count = max(0, int(self._source.count()))
        self.endResetModel()

    def row(self, r: int) -> dict | None:
        if not 0 <= r < self._count or self._source is None:
            return None
        page_no, within = divmod(r, PAGE_SIZE)
        page = self._pages.get(page_no)
        if page is None:
            page = self._source.fetch(page_no * PAGE_SIZE, PAGE_SIZE)
            self.rows_fetched += len(page)
            self._pages[page_no] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page[within] if within < len(page) else None  # the table shrank meanwhile: paint blank

    def record_id(self, r: int) -> str | None:
        row = self.row(r)
        return row.get("id") if row else None

    # -- Qt --------------------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self._count or index.column() >= len(self.columns):
            return None
        col = self.columns[index.column()]
        if role == _DISPLAY:
            row = self.row(index.row())
            return fmt.shown(col.display(row)) if row is not None else ""
        if role == _ALIGN:
            return _RIGHT if col.align_right else _LEFT
        if role == _FOREGROUND:
            if col.foreground is None:
                return None
            row = self.row(index.row())
            return col.foreground(row) if row is not None else None
        if role == _TOOLTIP:
            row = self.row(index.row())
            if row is None:
                return None
            return fmt.shown(col.tooltip(row) if col.tooltip else (col.display(row) or None))
        if (role == _FONT or role == _SPOKEN) and col.alert:
            row = self.row(index.row())
            if row is None or col.foreground is None or col.foreground(row) is None:
                return None
            if role == _FONT:
                return _bold_font()
            return QCoreApplication.translate("RecordTable", "{value} — overdue").format(
                value=fmt.shown(col.display(row)))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in (Qt.ItemDataRole.DisplayRole, _TOOLTIP):  # the tooltip: a title a narrow column cuts
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title() if 0 <= section < len(self.columns) else None
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or self._source is None:
            return
        key = self.columns[column].sort_key
        if key is None:
            return
        self.beginResetModel()  # every row moves: a reset is honest and drops stale persistent indexes
        self._source.set_sort(key, order == Qt.SortOrder.DescendingOrder)
        self._pages.clear()
        self.endResetModel()
