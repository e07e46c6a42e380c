"""Shared editors: dates dd/mm/yyyy that may be empty, pickers that never drop a stored value."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.domain import enums


def test_enum_combo_keeps_a_value_outside_the_glossary(qt_app):
    """A stored value the glossary does not know (an old import) survives opening and saving."""
    from ui.widgets.fields import EnumCombo

    combo = EnumCombo(enums.LEVEL, "vi", blank="")
    combo.set_value("commune")
    assert combo.currentText() == "Cấp xã" and combo.value() == "commune"
    combo.set_value("Cấp huyện")
    assert combo.value() == "Cấp huyện"
    combo.set_value(None)
    assert combo.value() is None


def test_date_edit_is_dd_mm_yyyy_and_may_be_empty(qt_app):
    """An optional date starts empty, shows dd/mm/yyyy, and gives ISO dates to the core."""
    from ui.widgets.fields import DateEdit

    d = DateEdit()
    assert d.value() is None
    d.set_value("2026-02-03")
    assert d.text() == "03/02/2026" and d.value() == "2026-02-03"
    d.set_value(None)
    assert d.value() is None


def _typed(qtbot, edit, text):
    """Select what the box shows, type over it, and leave it with Enter (as an officer does)."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_a_date_typed_over_a_filled_date_replaces_it_whole(qtbot, qt_app):
    """"5/11/26" typed over 06/12/2026 is 05/11/2026 — Qt's sectioned editor kept parts of the old date — and the
    change is signalled once, when the officer leaves the date."""
    from ui.widgets.fields import DateEdit

    d = DateEdit(optional=False)
    qtbot.addWidget(d)
    d.set_value("2026-12-06")
    seen = []
    d.dateChanged.connect(seen.append)
    _typed(qtbot, d, "5/11/26")
    assert (d.text(), d.value(), seen) == ("05/11/2026", "2026-11-05", ["2026-11-05"])
    _typed(qtbot, d, "20112026")
    assert (d.text(), d.value(), seen[-1]) == ("20/11/2026", "2026-11-20", "2026-11-20")


def test_what_is_no_date_stays_as_typed_and_is_marked(qtbot, qt_app):
    """"31/02/2026" is kept for the officer to correct, marked, with a Vietnamese hint; the form gets the text
    itself (so saving names the field) and a filter gets no date; nothing is signalled."""
    from ui.widgets.fields import DateEdit

    d = DateEdit()
    qtbot.addWidget(d)
    seen = []
    d.dateChanged.connect(seen.append)
    _typed(qtbot, d, "31/02/2026")
    assert d.text() == "31/02/2026" and d.property("invalid") is True
    # it is written day/month/year: what is wrong is the day, which February has not
    assert d.toolTip() == d.invalid_text() == "Tháng 2/2026 chỉ có 28 ngày."
    assert (d.value(), d.iso(), d.is_valid(), seen) == ("31/02/2026", None, False, [])
    _typed(qtbot, d, "05/13/2026")
    assert d.invalid_text() == "Không có tháng 13: gõ ngày/tháng/năm, ví dụ 05/11/2026."
    _typed(qtbot, d, "hom qua")
    assert "ngày/tháng/năm" in d.toolTip() and "05/11/2026" in d.toolTip()
    _typed(qtbot, d, "28/02/2026")
    assert d.property("invalid") is False and d.toolTip() == "" and seen == ["2026-02-28"]
    _typed(qtbot, d, "")  # emptied: an optional date has none
    assert (d.value(), seen[-1]) == (None, None)


def test_arrows_step_a_day_and_the_calendar_picks_one(qtbot, qt_app):
    """↑/↓ move a day; the calendar (F4) opens on the date shown, and a click sets it and closes."""
    from PySide6.QtCore import QDate

    from ui.widgets.fields import DateEdit

    d = DateEdit()
    qtbot.addWidget(d)
    d.set_value("2026-11-30")
    qtbot.keyClick(d, Qt.Key.Key_Up)
    assert d.value() == "2026-12-01"
    qtbot.keyClick(d, Qt.Key.Key_Down)
    qtbot.keyClick(d, Qt.Key.Key_Down)
    assert d.value() == "2026-11-29"
    qtbot.keyClick(d, Qt.Key.Key_F4)
    popup = d._popup
    assert popup is not None and popup.isVisible() and popup.selectedDate() == QDate(2026, 11, 29)
    popup.clicked.emit(QDate(2026, 10, 2))
    assert d.text() == "02/10/2026" and d.value() == "2026-10-02"
    qtbot.waitUntil(lambda: d._popup is None or not d._popup.isVisible())


def test_a_date_and_time_typed_the_short_way(qtbot, qt_app):
    """"5/11/2026 14h30" is 05/11/2026 14:30; picking another day on the calendar keeps the time."""
    from PySide6.QtCore import QDate

    from ui.widgets.fields import DateTimeEdit

    d = DateTimeEdit()
    qtbot.addWidget(d)
    _typed(qtbot, d, "5/11/2026 14h30")
    assert (d.text(), d.value()) == ("05/11/2026 14:30", "2026-11-05T14:30")
    d.open_calendar()
    d._popup.clicked.emit(QDate(2026, 11, 6))
    assert d.value() == "2026-11-06T14:30"
    _typed(qtbot, d, "6/11/2026 25:00")
    assert d.value() == "6/11/2026 25:00" and d.property("invalid") is True


def test_a_read_only_date_opens_no_calendar_and_does_not_step(qtbot, qt_app):
    from ui.widgets.fields import DateEdit

    d = DateEdit()
    qtbot.addWidget(d)
    d.set_value("2026-11-05")
    d.setReadOnly(True)
    qtbot.keyClick(d, Qt.Key.Key_Up)
    qtbot.keyClick(d, Qt.Key.Key_F4)
    assert d.value() == "2026-11-05" and d._popup is None and not d._calendar_action.isVisible()


def test_stepping_past_the_last_date_does_nothing(qtbot, qt_app):
    """↑ on 31/12/9999 has no day to go to: the date stays (no traceback)."""
    from ui.widgets.fields import DateEdit

    d = DateEdit()
    qtbot.addWidget(d)
    d.set_value("9999-12-31")
    qtbot.keyClick(d, Qt.Key.Key_Up)
    assert d.value() == "9999-12-31"


def test_the_calendar_opens_above_a_date_at_the_bottom_of_the_screen(qtbot, qt_app):
    """A date field near the bottom of the screen opens its calendar above itself, inside the screen."""
    from ui.widgets.fields import DateEdit

    d = DateEdit()
    qtbot.addWidget(d)
    area = d.screen().availableGeometry()
    d.resize(160, 26)
    d.move(area.right() - 100, area.bottom() - 30)
    d.show()
    qtbot.waitExposed(d)
    d.open_calendar()
    g = d._popup.geometry()
    assert area.contains(g.topLeft()) and area.contains(g.bottomRight())
    assert g.bottom() <= d.mapToGlobal(d.rect().topLeft()).y()


def _extensions(qtbot):
    """A petition's extensions table (a date column edited in the cell) in a window, with another field."""
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    from ui.widgets.people import ExtensionsEditor

    host = QWidget()
    lay = QVBoxLayout(host)
    table = ExtensionsEditor("vi")
    other = QLineEdit()
    lay.addWidget(table)
    lay.addWidget(other)
    qtbot.addWidget(host)
    host.show()
    host.activateWindow()
    qtbot.waitExposed(host)
    table.set_rows([{"days": 5}])
    col = next(i for i, c in enumerate(table.model._columns) if c.kind == "date")
    table._test_host = host  # keep the window alive as long as the table
    return table, table.model.index(0, col)


def _open_cell(qtbot, table, idx):
    from PySide6.QtWidgets import QApplication

    from ui.widgets.fields import DateEdit

    rect = table.view.visualRect(idx)
    qtbot.mouseClick(table.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), DateEdit))
    return QApplication.focusWidget()


def test_a_date_picked_on_the_calendar_in_a_table_cell_is_kept(qtbot, qt_app):
    """In the extensions table, F4 opens the calendar from the cell's editor; the day picked lands in the row
    and the calendar closes (the editor used to be closed — the pick lost — as soon as the calendar took focus)."""
    from PySide6.QtCore import QDate

    table, idx = _extensions(qtbot)
    editor = _open_cell(qtbot, table, idx)
    qtbot.keyClicks(editor, "5/11/2026")
    qtbot.keyClick(editor, Qt.Key.Key_F4)
    popup = editor._popup
    assert popup is not None and popup.isVisible()
    popup.clicked.emit(QDate(2026, 11, 20))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.model.rows()[0].get("decided_on") == "2026-11-20")
    assert table.model.rows() == [{"days": 5, "decided_on": "2026-11-20"}]


def test_what_was_mistyped_in_a_cell_comes_back_as_typed(qtbot, qt_app):
    """"31/02/2026" left in a cell is kept as typed; opening the cell again shows it (marked), not an empty box
    that Enter would turn into no date."""
    table, idx = _extensions(qtbot)
    editor = _open_cell(qtbot, table, idx)
    qtbot.keyClicks(editor, "31/02/2026")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.model.rows()[0].get("decided_on") == "31/02/2026")
    again = _open_cell(qtbot, table, idx)
    assert again.text() == "31/02/2026" and again.property("invalid") is True
    qtbot.keyClick(again, Qt.Key.Key_Return)
    assert table.model.rows()[0]["decided_on"] == "31/02/2026"


def test_a_day_typed_over_a_date_and_time_keeps_the_time(qtbot, qt_app):
    """20/11/2026 08:30 with "19/11" typed over it is 19/11/2026 08:30 (as a calendar pick keeps it); "5/11 14"
    is 5/11 this year at 14:00, not 5/11/2014."""
    from datetime import date

    from ui.widgets.fields import DateTimeEdit

    d = DateTimeEdit()
    qtbot.addWidget(d)
    d.set_value("2026-11-20T08:30")
    _typed(qtbot, d, "19/11")
    assert d.value() == "2026-11-19T08:30"
    _typed(qtbot, d, "5/11 14")
    assert d.value() == f"{date.today().year}-11-05T14:00"


def test_a_mistyped_filter_date_stops_filtering_by_the_date_before(qtbot, qt_app):
    """A filter box changed from 05/11 to "32/11" signals "no date" at once, so the list stops filtering from
    05/11 instead of keeping it until some other reload; a year far out of range is no date either."""
    from ui.widgets.fields import DateEdit

    d = DateEdit()
    qtbot.addWidget(d)
    seen = []
    d.dateChanged.connect(seen.append)
    _typed(qtbot, d, "5/11/2026")
    _typed(qtbot, d, "32/11")
    assert seen == ["2026-11-05", None] and d.iso() is None
    _typed(qtbot, d, "31/12/9999")
    assert d.property("invalid") is True and d.iso() is None


def test_a_date_box_is_as_wide_as_a_date_in_its_font(qtbot):
    """Windows' "make text bigger": the list filters' date boxes were capped at 130 px and showed "dd/mm/…"."""
    from PySide6.QtGui import QFont

    from ui.widgets.fields import DateEdit

    normal = DateEdit()
    big = DateEdit()
    font = QFont(big.font())
    font.setPointSizeF(16)
    big.setFont(font)
    for box in (normal, big):
        qtbot.addWidget(box)
    assert normal.fitting_width(130) == 130  # the usual font: as before
    assert big.fitting_width(130) > big.fontMetrics().horizontalAdvance("31/12/2026") + 16 > 130
