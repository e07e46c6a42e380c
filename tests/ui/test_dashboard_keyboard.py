"""Tổng quan without a mouse and with a screen reader: the overdue tile and the links under the due list are
reached with Tab and followed with Enter or Space, the tiles and charts are named, the tiles grow with the font."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QFont
from PySide6.QtWidgets import QApplication

from app.domain import enums
from app.domain.enums import label
from tests.ui.conftest import show_active
from tests.ui.test_dashboard import _screen, filled  # noqa: F401 — the records fixture
from ui import format as fmt


def _tab_to(qtbot, screen, target, limit: int = 40) -> bool:
    """Press Tab from the screen's first control until `target` has the focus (False if it never does)."""
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return True
        qtbot.keyClick(QApplication.focusWidget() or screen, Qt.Key.Key_Tab)
    return QApplication.focusWidget() is target


@pytest.fixture
def shown(qtbot, make_ctx, filled):  # noqa: F811 — pytest's fixture by its name
    screen = _screen(qtbot, make_ctx("officer"))
    show_active(qtbot, screen)
    return screen


def test_overdue_tile_is_a_button_reached_with_tab(qtbot, shown):
    """The overdue tile is a tab stop, a button to a screen reader, named by its figure and caption."""
    tile = shown.tile_overdue
    assert _tab_to(qtbot, shown, tile)
    assert tile.accessibleName() == "1 Đơn quá hạn"
    assert tile.accessibleDescription() == tile.note.text()
    iface = QAccessible.queryAccessibleInterface(tile)
    assert iface.role() == QAccessible.Role.Button
    assert iface.text(QAccessible.Text.Name) == "1 Đơn quá hạn"
    # the figures that open nothing are not tab stops
    assert shown.tile_receptions.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert shown.tile_receptions.accessibleName() == "2 Lượt tiếp công dân"


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space])
def test_overdue_tile_opens_the_overdue_list_with_enter_or_space(qtbot, shown, key):
    """Enter, the keypad's Enter and Space on the focused tile ask for the overdue petitions, as a click does."""
    tile = shown.tile_overdue
    tile.setFocus(Qt.FocusReason.TabFocusReason)
    with qtbot.waitSignal(shown.open_requested, timeout=2000) as sig:
        qtbot.keyClick(tile, key)
    assert sig.args == ["petition", "show_overdue"]


def test_overdue_tile_shows_where_the_focus_is(qtbot, shown):
    """The focused tile is drawn differently (its ring), at the same size."""
    tile = shown.tile_overdue
    shown.due_table.setFocus()
    before, size = tile.grab().toImage(), tile.size()
    tile.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(tile.hasFocus)
    assert tile.grab().toImage() != before
    assert tile.size() == size


def test_links_under_the_due_list_are_reached_with_tab_and_followed_with_enter(qtbot, shown):
    """After the due list, Tab goes to each link in turn and Enter opens what it names."""
    shown.data["tiles"]["overdue_replies"] = 2  # a second link: receptions whose reply is late
    shown._render()
    assert "<a " in shown.due_more.text()
    assert _tab_to(qtbot, shown, shown.due_table)
    qtbot.keyClick(shown.due_table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is shown.due_more
    with qtbot.waitSignal(shown.open_requested, timeout=2000) as sig:
        qtbot.keyClick(shown.due_more, Qt.Key.Key_Return)
    assert sig.args == ["petition", "show_overdue"]
    qtbot.keyClick(shown.due_more, Qt.Key.Key_Tab)  # the next link of the same line
    assert QApplication.focusWidget() is shown.due_more
    with qtbot.waitSignal(shown.open_requested, timeout=2000) as sig:
        qtbot.keyClick(shown.due_more, Qt.Key.Key_Return)
    assert sig.args == ["reception", "show_overdue"]
    qtbot.keyClick(shown.due_more, Qt.Key.Key_Tab)  # past the last link: on to the next control
    assert QApplication.focusWidget() is not shown.due_more
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)  # back: the last link first
    assert QApplication.focusWidget() is shown.due_more
    with qtbot.waitSignal(shown.open_requested, timeout=2000) as sig:
        qtbot.keyClick(shown.due_more, Qt.Key.Key_Return)
    assert sig.args == ["reception", "show_overdue"]


def test_a_line_without_links_is_not_a_tab_stop(qtbot, shown):
    """Only petitions due soon: the line under the list is text, Tab passes it by."""
    shown.data["due"]["overdue_total"] = 0
    shown.data["tiles"].update(overdue_replies=0, open_commitments=0)
    shown.data["due"]["due_soon_total"] = max(1, shown.data["due"]["due_soon_total"])
    shown._render()
    assert shown.due_more.isVisibleTo(shown) and "<a " not in shown.due_more.text()
    assert shown.due_more.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_charts_are_named_and_describe_their_values(qtbot, shown):
    """Each chart is named by its title and describes its values as text ("Khiếu nại: 1; Tố cáo: 1; …")."""
    d = shown.data
    cats = d["petitions_by_category"]
    want = "; ".join(f"{label(enums.CATEGORY, k, 'vi')}: {fmt.number(cats.get(k, 0))}" for k in enums.CATEGORY)
    assert shown.by_category.accessibleDescription() == want
    assert "Khiếu nại: " in want and "Tố cáo: 1" in want
    assert shown.by_category.accessibleName() == "Đơn thư tiếp nhận trong kỳ — Theo phân loại"
    assert shown.by_status.accessibleName() == "Đơn thư tiếp nhận trong kỳ — Theo trạng thái"
    assert shown.months_chart.accessibleName() == shown.months_panel.title.text()
    months = shown.months_chart.accessibleDescription().split("; ")
    assert len(months) == len(d["receptions_by_month"])
    assert sum(int(m.rsplit(": ", 1)[1]) for m in months) == sum(m["count"] for m in d["receptions_by_month"])
    assert shown.models_chart.accessibleName() == shown.models_panel.title.text()
    assert "Kinh tế: 1" in shown.models_chart.accessibleDescription()
    iface = QAccessible.queryAccessibleInterface(shown.by_category)
    assert iface.text(QAccessible.Text.Description) == want


def test_an_empty_chart_describes_itself_with_its_sentence(qtbot, make_ctx):
    """No petitions: the chart's description is the sentence it shows."""
    screen = _screen(qtbot, make_ctx("officer"))
    assert screen.by_category.accessibleDescription() == "Chưa có đơn nào trong kỳ này."


@pytest.fixture
def large_font(qt_app):
    """The application font at 15 pt (Windows' "Make text bigger"), put back afterwards."""
    before = QFont(qt_app.font())
    big = QFont(before)
    big.setPointSize(15)
    qt_app.setFont(big)
    yield big
    qt_app.setFont(before)


def _cut_off(tile) -> list[str]:
    """The texts of a tile drawn shorter than they need, or past its bottom edge."""
    cut = []
    for part in (tile.value, tile.caption, tile.note):
        need = part.heightForWidth(part.width()) if part.wordWrap() else part.sizeHint().height()
        if part.height() < need or part.geometry().bottom() >= tile.height() - 1:
            cut.append(part.text())
    return cut


def test_tiles_grow_with_a_large_font(qtbot, make_ctx, filled, large_font):  # noqa: F811
    """At 15 pt in a 1366-pixel window every figure, caption and note of the tiles is drawn whole: a caption or
    note that wraps makes the tiles taller (their fixed height cut "Lượt tiếp công dân" in half)."""
    from ui.main_window import MainWindow

    w = MainWindow(make_ctx("officer"))
    w.resize(1366, 740)
    show_active(qtbot, w)
    screen = w.go_to("dashboard")
    qtbot.waitUntil(lambda: screen.data is not None, timeout=10000)
    tiles = (screen.tile_receptions, screen.tile_petitions, screen.tile_overdue, screen.tile_models)
    qtbot.wait(100)  # the figures' layout settled
    for tile in tiles:
        assert not _cut_off(tile), tile.accessibleName()
