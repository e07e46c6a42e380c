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
    assert "ngày/tháng/năm" in d.toolTip() and "05/11/2026" in d.toolTip()
    assert (d.value(), d.iso(), d.is_valid(), seen) == ("31/02/2026", None, False, [])
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
