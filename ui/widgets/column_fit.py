"""First-run column widths that fit the list's width — until the officer sets widths of their own.

Every list has first-run widths chosen for a commune's 1366-pixel laptop. The upper level adds a "Đơn vị" column,
and the last columns (a dialogue's result, a reception's reply date) went off the right edge, behind a scroll bar a
person does not think to use. So the columns are fitted to the list's width whenever it changes (a window made
larger, a screen of another size) while the officer has not dragged a column's edge: the text columns give room in
proportion to what they have above their floor (their title); a date or a case number keeps its width — a cut case
number is worse than a scroll bar. Once the officer resizes a column, their widths are kept and remembered;
"Đặt lại độ rộng cột" on the header hands the columns back to the fitting."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu

FLOOR = 80  # a text column is never made narrower than this: a word or two, the rest elided with a tooltip
LONG_TITLE = 170  # a title wider than this may be cut ("Nội dung tiếp thu, giải trình, cam kết"); shorter ones not


def fitted_widths(widths: list[int], room: int, floors: list[int] | None = None) -> list[int]:
    """`widths` shrunk to add up to `room` where they are wider: only columns wider than their floor (`floors`,
    by default FLOOR each) give, each in proportion to its width above it. As they are when they fit; the floors
    when even those do not (the scroll bar then shows the rest)."""
    floors = floors or [FLOOR] * len(widths)
    total = sum(widths)
    if total <= room:
        return list(widths)
    spare = sum(w - f for w, f in zip(widths, floors) if w > f)
    if spare <= 0:
        return list(widths)
    give = min(spare, total - room)
    out = [w - round((w - f) * give / spare) if w > f else w for w, f in zip(widths, floors)]
    over = sum(out) - room  # rounding: never a pixel over, taken from the widest (it stays above its floor)
    if over > 0 and give < spare:
        widest = max(range(len(out)), key=lambda i: out[i] - floors[i])
        out[widest] -= min(over, out[widest] - floors[widest])
    return out


def _header(view: QAbstractItemView) -> QHeaderView:
    return view.header() if hasattr(view, "header") else view.horizontalHeader()


def fit_columns(view: QAbstractItemView, widths: list[int], min_widths: list[int | None] | None = None,
                drops: list[int | None] | None = None) -> None:
    """Set `widths` on `view`'s shown columns (a QTableView or QTreeView), fitted to its viewport's width now;
    a column with a `min_widths` entry never goes below it (a date or a case number: its own width). When even
    the floors do not fit (a 1366-pixel screen at 125 %), the columns with a `drops` rank are hidden, lowest rank
    first, until they do — a column the officer can open the record for, rather than the reply's due date behind
    a scroll bar — and shown again when there is room."""
    room = view.viewport().width()
    if room <= 0:
        return
    n = len(widths)
    min_widths = min_widths or [None] * n
    drops = drops or [None] * n
    header = _header(view)
    # a column with a rank is hidden only by this function: the others hidden are the screen's (the models' year)
    shown = [i for i in range(n) if not view.isColumnHidden(i) or drops[i] is not None]
    least_of = {i: min(widths[i], min_widths[i]) if min_widths[i] is not None else FLOOR for i in shown}
    sorted_by = header.sortIndicatorSection() if header.isSortIndicatorShown() else -1
    # the column the list is sorted by stays: its order with no column showing it reads as no order at all
    for i in sorted((i for i in shown if drops[i] is not None and i != sorted_by), key=lambda i: drops[i]):
        if sum(least_of[j] for j in shown) <= room:
            break
        shown.remove(i)
    for i in range(n):
        if drops[i] is not None:
            view.setColumnHidden(i, i not in shown)
    # a column keeps room for its title (up to LONG_TITLE) — "Số người tham dự" cut to "ố người tham dụ" read badly —
    # unless even that leaves no room: then the titles are elided ("Hướng xử…", the whole title as the tooltip)
    # rather than a column lost off the edge
    least = [least_of[i] for i in shown]
    floors = [max(low, min(widths[i], header.sectionSizeHint(i), LONG_TITLE)) for low, i in zip(least, shown)]
    if sum(floors) > room:
        floors = least
    for i, w in zip(shown, fitted_widths([widths[i] for i in shown], room, floors)):
        view.setColumnWidth(i, w)


def show_dropped(view: QAbstractItemView, drops: list[int | None]) -> None:
    """The columns fit_columns hid, shown again (the officer's own widths: they scroll to them)."""
    for i, rank in enumerate(drops):
        if rank is not None and view.isColumnHidden(i):
            view.setColumnHidden(i, False)


class AutoFit(QObject):
    """Keeps `view`'s columns fitted (fit_columns) while `active`; the officer's first drag of a column's edge
    ends it (`on_own_widths` is then called to remember them). `first_widths()`/`min_widths()` give the first-run
    widths and their floors, for the columns the view has now."""

    def __init__(self, view: QAbstractItemView, first_widths: Callable[[], list[int]],
                 min_widths: Callable[[], list[int | None]], on_own_widths: Callable[[], None], active: bool,
                 drops: Callable[[], list[int | None]] | None = None):
        super().__init__(view)
        self.view = view
        self.active = active
        self._first_widths = first_widths
        self._min_widths = min_widths
        self._drops = drops or (lambda: [])
        self._on_own_widths = on_own_widths
        self._fitting = False
        self._queued = False
        if not active:  # a header saved while a narrow window had hidden some: the officer's widths show them all
            show_dropped(view, self._drops())
        view.viewport().installEventFilter(self)
        header = _header(view)
        header.sectionResized.connect(self._section_resized)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize and self.active and not self._queued:
            self._queued = True
            QTimer.singleShot(0, self, self.fit)  # after the layout has settled; dropped with the view
        return False

    def fit(self) -> None:
        self._queued = False
        if not self.active:
            return
        self._fitting = True
        try:
            fit_columns(self.view, self._first_widths(), self._min_widths(), self._drops() or None)
        finally:
            self._fitting = False

    def reset(self) -> None:
        """"Đặt lại độ rộng cột": the first-run widths, fitted again, and kept fitted."""
        self.active = True
        self.fit()
        self._on_own_widths()  # remembered as "not the officer's own" (the caller reads `active`)

    def _section_resized(self, logical: int, old: int, new: int) -> None:
        header = _header(self.view)
        last = max((i for i in range(header.count()) if not header.isSectionHidden(i)),
                   key=header.visualIndex, default=-1)
        if old == 0 or new == 0:  # a column hidden or shown (the models' year): fit the others around it
            if self.active and not self._fitting and not self._queued:
                self._queued = True
                QTimer.singleShot(0, self, self.fit)
            return
        # ours, or the stretching last column's: not the officer's drag
        if self._fitting or logical == last or not self.view.isVisible():
            return
        if self.active:
            self.active = False
            self._fitting = True
            try:
                show_dropped(self.view, self._drops())
            finally:
                self._fitting = False
        self._on_own_widths()

    def _header_menu(self, pos) -> None:
        menu = QMenu(self.view)
        menu.addAction(QCoreApplication.translate("ColumnFit", "Reset column widths"), self.reset)
        menu.exec(_header(self.view).mapToGlobal(pos))
