"""A reception's reply to the citizen in the GUI: the date in the form with its live deadline, the list's
"Hạn trả lời" column and "Chỉ lượt quá hạn trả lời" filter, and the dashboard's link to them."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from app.clock import Clock
from app.services import records
from app.services.session import Session
from tests.ui.conftest import PASSWORD, petition, reception

LATER = datetime(2027, 1, 20, 9, 0)  # after receptions began recording their reply (the test clock is before)


@pytest.fixture(autouse=True)
def _boxes_answered(answer_boxes):
    return answer_boxes


@pytest.fixture
def ctx(qt_app, db_path, tmp_path):
    from ui.context import AppContext, open_settings

    session = Session.open(db_path, "officer", PASSWORD, clock=Clock(LATER))
    yield AppContext(session, open_settings(tmp_path / "settings.ini"))
    session.close()


def _form(qtbot, ctx, record_id=None):
    from ui.forms.reception_form import ReceptionForm

    form = ReceptionForm(ctx, record_id)
    qtbot.addWidget(form)
    return form


def test_the_form_shows_the_reply_deadline_and_stores_the_reply(qtbot, ctx):
    rid = records.save(ctx.session, reception(received_at="2027-01-04T08:30", direction="accept"))
    form = _form(qtbot, ctx, rid)
    strip = form.reply_strip
    assert strip.state == "overdue" and "18/01" in strip.text() and "quá hạn" in strip.text()
    assert form.lbl_notified_on.text().replace("&", "") == "Ngày thông báo cho công dân"
    form.notified_on.set_value("2027-01-18")  # on the due day: in time (19/01 is late: see below)
    assert strip.state == "none" and strip.text() == "Đã trả lời, thông báo cho công dân."
    assert form.save()
    stored = records.get(ctx.session, "reception", rid)
    assert stored["notified_on"] == "2027-01-18"


def test_guidance_at_the_desk_is_the_answer_and_a_petition_carries_the_notice(qtbot, ctx):
    form = _form(qtbot, ctx)
    form.received_at.set_value("2027-01-18T08:00")
    form.direction_radios["accept"].setChecked(True)
    assert form.reply_strip.state == "normal" and "01/02" in form.reply_strip.text()  # 10 working days
    form.direction_radios["guide"].setChecked(True)
    assert form.reply_strip.text() == "Đã trả lời, thông báo cho công dân."
    rid = records.save(ctx.session, reception(received_at="2027-01-05T08:30", direction="accept"))
    records.save(ctx.session, petition(received_on="2027-01-05", reception_id=rid))
    linked = _form(qtbot, ctx, rid)
    assert linked.reply_strip.text().startswith("Việc thông báo cho công dân được theo dõi ở đơn 00004-2027-")


def test_the_list_filters_to_late_replies_and_the_dashboard_links_there(qtbot, ctx):
    from ui.screens.dashboard import DashboardScreen
    from ui.screens.lists import ReceptionsScreen

    late = records.save(ctx.session, reception(received_at="2027-01-04T08:30", direction="accept"))
    records.save(ctx.session, reception(received_at="2027-01-18T08:30", direction="accept"))  # in time
    records.save(ctx.session, reception(received_at="2027-01-04T09:30", direction="guide"))
    screen = ReceptionsScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    assert screen.model.rowCount() == 3 and screen.overdue.text() == "Chỉ lượt quá hạn trả lời"
    headers = [screen.model.headerData(c, Qt.Orientation.Horizontal) for c in range(screen.model.columnCount())]
    assert "Hạn trả lời" in headers
    due_col = headers.index("Hạn trả lời")
    shown = {screen.model.row(r)["id"]: screen.model.data(screen.model.index(r, due_col)) for r in range(3)}
    assert shown[late] == "18/01/2027"
    screen.show_overdue()
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert screen.model.row(0)["id"] == late
    dash = DashboardScreen(ctx)
    qtbot.addWidget(dash)
    asked = []
    dash.open_requested.connect(lambda key, action: asked.append((key, action)))
    dash.show()
    qtbot.waitUntil(lambda: "lượt tiếp quá hạn trả lời" in dash.due_more.text(), timeout=5000)
    assert "1 lượt tiếp quá hạn trả lời công dân" in dash.due_more.text()
    dash.due_more.linkActivated.emit("replies")
    assert asked == [("reception", "show_overdue")]


def test_the_unit_tab_moves_the_day_replies_are_followed_from(qtbot, qt_app, db_path, tmp_path):
    """Quản trị → Đơn vị shows the day replies are followed from (the usual one for this older book); moving it
    later clears an overdue reception before it, and the form says why no deadline is shown."""
    from app.services.stats import stats
    from ui.context import AppContext, open_settings
    from ui.screens.admin import AdminScreen

    session = Session.open(db_path, "admin", PASSWORD, clock=Clock(LATER))
    ctx = AppContext(session, open_settings(tmp_path / "admin.ini"))
    rid = records.save(session, reception(received_at="2027-01-04T08:30", direction="accept"))
    assert stats(session)["overdue_replies"] == 1
    screen = AdminScreen(ctx)
    qtbot.addWidget(screen)
    tab = screen.unit
    assert tab.reply_from.iso() == "2026-12-07" and "07/12/2026" in tab.reply_hint.text()
    assert tab.labels["reply_tracked_from"].text() == "Theo dõi hạn trả lời công dân từ ngày"
    assert not tab.save_button.isEnabled()
    tab.reply_from.setText("31/02/2027")  # said in the box's own words (the month's days), never the setting's key
    assert not tab.save() and "reply_tracked_from" not in tab.errors["reply_tracked_from"].text()
    assert tab.errors["reply_tracked_from"].text() == "Tháng 2/2027 chỉ có 28 ngày."
    tab.reply_from.set_value("2027-01-21")  # tomorrow: tracking would be off until then
    assert not tab.save() and tab.errors["reply_tracked_from"].text().startswith("Chọn một ngày từ 01/07/2014")
    tab.reply_from.set_value("2027-01-10")
    assert tab.save() and stats(session)["overdue_replies"] == 0
    assert tab.saved_label.text() == "Đã lưu. Đã tính lại thời hạn của 1 hồ sơ; hiện có 0 lượt tiếp quá hạn trả lời."
    form = _form(qtbot, ctx, rid)
    assert form.reply_strip.state == "none"
    assert form.reply_strip.text() == ("Không theo dõi hạn trả lời: đơn vị theo dõi hạn cho các lượt tiếp từ ngày "
                                       "10/01/2027 (Quản trị → Đơn vị).")
    form.close()
    session.close()


def test_a_citizen_answered_late_is_said_so(qtbot, ctx):
    """Told on 18/01 about a reception of 04/01 (reply due 10 working days after): "trễ hạn", amber — it read
    "Đã trả lời, thông báo cho công dân" as if in time; answered in time it still reads so."""
    rid = records.save(ctx.session, reception(received_at="2027-01-04T08:30", direction="accept",
                                              notified_on="2027-01-19"))
    form = _form(qtbot, ctx, rid)
    strip = form.reply_strip
    due = strip.deadlines[0].due_on
    assert due < strip.deadlines[0].met_on
    assert "trễ hạn" in strip.text() and "ngày làm việc" in strip.text() and strip.state == "warning"
    ok = records.save(ctx.session, reception(received_at="2027-01-11T08:30", direction="accept",
                                             notified_on="2027-01-12"))
    assert "trễ" not in _form(qtbot, ctx, ok).reply_strip.text()
