"""First-run column widths that fit the screen.

Every list has first-run widths chosen for a commune's 1366-pixel laptop. The upper level adds a "Đơn vị" column,
and the last columns (a dialogue's result, a model's unit) went off the right edge, behind a scroll bar a person
does not think to use. Until the officer sets widths of their own (then remembered), the wide text columns give
up room, in proportion to what they have above a floor, so that every column shows."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView

FLOOR = 110  # a text column is never made narrower than this: a few words, the rest elided with a tooltip
LONG_TITLE = 170  # a title wider than this may be cut ("Nội dung tiếp thu, giải trình, cam kết"); shorter ones not


def fitted_widths(widths: list[int], room: int, floors: list[int] | None = None) -> list[int]:
    """`widths` shrunk to add up to `room` where they are wider: only columns wider than their floor (`floors`,
    by default FLOOR each) give, each in proportion to its width above it (a date or a count keeps its width).
    As they are when they fit; the floors when even those do not (the scroll bar then shows the rest)."""
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


def fit_columns(view: QAbstractItemView, widths: list[int]) -> None:
    """Set `widths` on `view`'s shown columns (a QTableView or QTreeView), fitted to its viewport's width now."""
    room = view.viewport().width()
    if room <= 0:
        return
    shown = [i for i in range(len(widths)) if not view.isColumnHidden(i)]
    header = view.header() if hasattr(view, "header") else view.horizontalHeader()
    # a column keeps room for its title (up to LONG_TITLE) — "Số người tham dự" cut to "ố người tham dụ" read badly
    floors = [max(FLOOR, min(widths[i], header.sectionSizeHint(i), LONG_TITLE)) for i in shown]
    for i, w in zip(shown, fitted_widths([widths[i] for i in shown], room, floors)):
        view.setColumnWidth(i, w)
