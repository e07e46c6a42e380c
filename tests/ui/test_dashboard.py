"""Tổng quan: the tiles, the due and overdue petitions, the charts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog

from app.domain.masking import MASK
from app.services import listing, records, stats
from tests.ui.conftest import denunciation, model, petition, reception
from ui import format as fmt
from ui.models.due_list import DueListModel
from ui.style import ACCENT, OVERDUE
from ui.widgets.charts import Bar, BarChart, HBarChart


def _screen(qtbot, ctx):
    """A dashboard with its first figures on screen (they load on a worker thread)."""
    from ui.screens.dashboard import DashboardScreen

    screen = DashboardScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1150, 700)
    if screen.data is None:
        qtbot.waitSignal(screen.loaded, timeout=10000).wait()
    return screen


@pytest.fixture
def filled(open_session):
    """Records around the test day (23/11/2026; current report month 15/11 – 14/12/2026)."""
    s = open_session("admin")
    records.save(s, reception(received_at="2026-11-20T08:00"))
    records.save(s, reception(received_at="2026-11-16T09:00"))
    records.save(s, reception(received_at="2026-10-02T08:00"))  # an earlier report month
    records.save(s, petition(received_on="2026-03-02", content="Quá hạn từ tháng 3"))  # overdue, earlier period
    records.save(s, petition(received_on="2026-11-16"))  # due this week
    records.save(s, denunciation(received_on="2026-11-16"))  # due this week, denouncer confidential
    records.save(s, petition(received_on="2026-11-16", anonymous=True, petitioners=None))
    records.save(s, model(status="implementing", field="economy"))
    records.save(s, model(status="recognized", field="economy", name="Đã công nhận"))
    return s


def test_tiles_show_the_statistics_of_the_current_period(qtbot, make_ctx, filled):
    """Receptions and petitions of the current month period come from app.services.stats; the overdue tile
    counts every overdue petition (as the overdue list does) and is red; the subtitle names the period."""
    ctx = make_ctx("officer")
    screen = _screen(qtbot, ctx)
    s = stats.stats(ctx.session, "this-month")
    assert screen.tile_receptions.value.text() == fmt.number(s["total"]["reception"]) == "2"
    assert screen.tile_petitions.value.text() == fmt.number(s["total"]["petition"]) == "3"
    overdue = stats.stats(ctx.session)["overdue"]
    assert screen.tile_overdue.value.text() == fmt.number(overdue) == "1"
    assert overdue == listing.count(ctx.session, "petition", overdue=True)
    assert screen.tile_overdue.value.objectName() == "tileValueAlert"
    active = stats.stats(ctx.session)["by_status"]["model"]["implementing"]
    assert screen.tile_models.value.text() == fmt.number(active) == "1"
    assert "15/11/2026 – 14/12/2026" in screen.subtitle.text()
    assert screen.title.text() == "Tổng quan" and screen.tile_overdue.caption.text() == "Đơn quá hạn"


def test_clicking_the_overdue_tile_asks_for_the_overdue_list(qtbot, make_ctx, filled):
    """A click (or Enter) on the overdue tile emits open_requested("petition", "show_overdue")."""
    screen = _screen(qtbot, make_ctx("officer"))
    with qtbot.waitSignal(screen.open_requested, timeout=2000) as sig:
        qtbot.mouseClick(screen.tile_overdue, Qt.MouseButton.LeftButton)
    assert sig.args == ["petition", "show_overdue"]
    screen.tile_overdue.setFocus()
    with qtbot.waitSignal(screen.open_requested, timeout=2000) as sig:
        qtbot.keyClick(screen.tile_overdue, Qt.Key.Key_Return)
    assert sig.args == ["petition", "show_overdue"]
    with qtbot.assertNotEmitted(screen.open_requested):
        qtbot.mouseClick(screen.tile_receptions, Qt.MouseButton.LeftButton)


def test_overdue_tile_opens_the_petitions_list_filtered_to_overdue(qtbot, make_ctx, filled):
    """In the main window, the overdue tile switches to Đơn thư with only overdue petitions listed."""
    from ui.main_window import MainWindow

    ctx = make_ctx("officer")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    dash = window.screen("dashboard")
    if dash.data is None:
        qtbot.waitSignal(dash.loaded, timeout=10000).wait()
    qtbot.mouseClick(dash.tile_overdue, Qt.MouseButton.LeftButton)
    petitions = window.current_screen()
    assert petitions is window.screens["petition"]
    assert petitions.overdue.isChecked()
    assert petitions.model.rowCount() == 1


def test_due_list_shows_overdue_first_in_red_and_masks_the_denouncer(qtbot, make_ctx, filled):
    """Rows run from the earliest deadline; overdue rows are red; a denouncer shows as [Bảo mật] for an admin,
    an anonymous petition as "Nặc danh"; dates are dd/mm/yyyy."""
    screen = _screen(qtbot, make_ctx("admin"))
    m = screen.due_model
    assert m.rowCount() == 4
    first = m.row_data(0)
    assert first["overdue"] and m.data(m.index(0, 0), Qt.ItemDataRole.ForegroundRole) == QColor(OVERDUE)
    assert m.data(m.index(1, 0), Qt.ItemDataRole.ForegroundRole) is None
    people = [m.data(m.index(r, 1)) for r in range(m.rowCount())]
    assert MASK in people and "Nặc danh" in people and "Lê Văn Tố" not in people
    assert m.data(m.index(0, 3)) == fmt.d(first["due_on"]) and "/" in m.data(m.index(0, 3))
    assert m.data(m.index(0, 4)).startswith("Quá ")
    assert "1 đơn quá hạn" in screen.due_more.text()


def test_due_list_shows_the_denouncer_to_a_leader(qtbot, make_ctx, filled):
    """A leader, who may see a denouncer's identity, sees the name."""
    screen = _screen(qtbot, make_ctx("leader"))
    people = [screen.due_model.data(screen.due_model.index(r, 1)) for r in range(screen.due_model.rowCount())]
    assert "Lê Văn Tố" in people and MASK not in people


class _FakeForm(QDialog):
    opened: list = []

    def __init__(self, ctx, record_id=None, *, initial=None, draft_key=None, parent=None):
        super().__init__(parent)
        _FakeForm.opened.append(record_id)


def test_clicking_or_entering_a_due_row_opens_that_petition(qtbot, make_ctx, filled, monkeypatch):
    """A click on a row, or Enter on the selected row, opens the petition form for that petition."""
    from ui.forms import registry

    entities = []
    monkeypatch.setattr(registry, "form_class", lambda entity: entities.append(entity) or _FakeForm)
    _FakeForm.opened = []
    screen = _screen(qtbot, make_ctx("officer"))
    screen.show()
    table = screen.due_table
    rect = table.visualRect(screen.due_model.index(1, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert _FakeForm.opened == [screen.due_model.record_id(1)] and entities == ["petition"]
    table.setFocus()
    table.setCurrentIndex(screen.due_model.index(2, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert _FakeForm.opened[-1] == screen.due_model.record_id(2) and len(_FakeForm.opened) == 2


def test_empty_database_says_so(qtbot, make_ctx):
    """With no records the tiles show 0, the due list says nothing is due, the charts say there is no data."""
    screen = _screen(qtbot, make_ctx("viewer"))
    assert screen.tile_receptions.value.text() == "0"
    assert screen.tile_overdue.value.objectName() == "tileValue"  # red only when something is overdue
    assert screen.due_stack.currentWidget() is screen.due_empty
    assert screen.months_chart.is_empty() and screen.models_chart.is_empty()
    assert "12 tháng" in screen.months_chart._empty_text


def test_dashboard_reloads_when_records_change(qtbot, make_ctx):
    """A saved record reaches the tiles and the monthly chart on records_changed."""
    ctx = make_ctx("officer")
    screen = _screen(qtbot, ctx)
    screen.show()
    assert screen.tile_receptions.value.text() == "0"
    records.save(ctx.session, reception(received_at="2026-11-20T08:00"))
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        ctx.notify_changed("reception")
    assert screen.tile_receptions.value.text() == "1"
    assert screen.months_chart.bars()[-1].value == 1


def test_due_list_model_passes_the_model_tester(qt_app, qtmodeltester):
    """The due-list model is a well-behaved Qt model, empty and filled."""
    m = DueListModel("vi")
    qtmodeltester.check(m)
    m.set_rows([
        {"id": "a", "case_no": "00004-2026-1", "person": "Trần Thị Bình", "anonymous": False, "masked": False,
         "category": "complaint", "due_on": "2026-11-10", "working_days_left": -9, "overdue": True},
        {"id": "b", "case_no": "00004-2026-2", "person": None, "anonymous": True, "masked": False,
         "category": "denunciation", "due_on": "2026-11-23", "working_days_left": 0, "overdue": False},
        {"id": "c", "case_no": "00004-2026-3", "person": MASK, "anonymous": False, "masked": True,
         "category": "denunciation", "due_on": "2026-11-26", "working_days_left": 3, "overdue": False},
    ])
    qtmodeltester.check(m)
    assert [m.data(m.index(r, 4)) for r in range(3)] == ["Quá 9", "Hôm nay", "Còn 3"]
    assert m.record_id(2) == "c" and m.record_id(3) is None
    assert m.data(QModelIndex()) is None


def _colours(widget) -> set:
    img = widget.grab().toImage()
    return {img.pixel(x, y) for x in range(0, img.width(), 3) for y in range(0, img.height(), 3)}


@pytest.mark.parametrize("cls", [BarChart, HBarChart])
def test_charts_paint_with_data_and_without(qtbot, qt_app, cls):
    """A chart draws accent-coloured bars for data, and a short text (not a blank box) with none."""
    chart = cls()
    qtbot.addWidget(chart)
    chart.resize(420, 200)
    chart.set_empty_text("Chưa có dữ liệu.")
    empty = _colours(chart)
    assert len(empty) > 2  # the sentence is drawn
    assert QColor(ACCENT).rgb() not in empty
    chart.set_bars([Bar("01/26", 5), Bar("02/26", 0), Bar("03/26", 12)])
    full = _colours(chart)
    assert QColor(ACCENT).rgb() in full and len(full) > 2
    chart.set_bars([Bar("01/26", 0), Bar("02/26", 0)])
    assert chart.is_empty() and QColor(ACCENT).rgb() not in _colours(chart)


def test_language_switch_retranslates_the_dashboard(qtbot, make_ctx, filled):
    """Switching to English re-labels the screen and reloads the period's name; nothing stays Vietnamese."""
    ctx = make_ctx("officer")
    screen = _screen(qtbot, ctx)
    assert screen.due_model.headerData(0, Qt.Orientation.Horizontal) == "Số hồ sơ"
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        ctx.set_language("en")
    assert screen.title.text() == "Overview" and screen.tile_overdue.caption.text() == "Overdue petitions"
    assert screen.due_model.headerData(0, Qt.Orientation.Horizontal) == "Case no."
    assert screen.subtitle.text().startswith("Statistical period: December 2026")
    assert screen.by_category.bars()[0].label == "Complaint"


def test_hidden_dashboard_reloads_when_shown_again(qtbot, make_ctx):
    """A change made while another screen is shown reaches the dashboard the next time it is shown."""
    ctx = make_ctx("officer")
    screen = _screen(qtbot, ctx)
    screen.hide()
    records.save(ctx.session, reception(received_at="2026-11-20T08:00"))
    with qtbot.assertNotEmitted(screen.loaded, wait=300):
        ctx.notify_changed("reception")
    with qtbot.waitSignal(screen.loaded, timeout=10000):
        screen.show()
    assert screen.tile_receptions.value.text() == "1"


def test_a_long_field_name_is_drawn_whole_in_a_narrow_chart(qtbot, qt_app, monkeypatch):
    """The models-by-field chart on a 1366-pixel screen (~420 px) drew "Xây dựng Đảng và hệ thố…"."""
    from PySide6.QtGui import QPainter

    drawn = []
    real = QPainter.drawText
    monkeypatch.setattr(QPainter, "drawText", lambda p, *a: (drawn.append(a[-1]), real(p, *a))[1])
    chart = HBarChart()
    qtbot.addWidget(chart)
    chart.resize(420, 120)
    chart.set_bars([Bar("Kinh tế", 2), Bar("Văn hóa - Xã hội", 3), Bar("Quốc phòng - An ninh", 2),
                    Bar("Xây dựng Đảng và hệ thống chính trị", 1)])
    chart.grab()
    assert "Xây dựng Đảng và hệ thống chính trị" in drawn


def test_late_dialogue_commitments_link_to_the_dialogues_list(qtbot, make_ctx):
    """A commitment past its deadline with no result shows under the due petitions as a link that opens the
    dialogues with "Chỉ cam kết chưa có kết quả" checked."""
    from tests.ui.conftest import dialogue
    from ui.main_window import MainWindow

    ctx = make_ctx("officer")
    screen = _screen(qtbot, ctx)
    assert "cam kết" not in screen.due_more.text()
    records.save(ctx.session, dialogue(held_on="2026-11-20", commitments="Lắp đèn", commitments_due="2027-01-31"))
    screen.refresh()  # one promise, not late yet: the link says so, with no late figure
    qtbot.waitUntil(lambda: "cam kết" in screen.due_more.text(), timeout=5000)
    assert "Đối thoại: 1 buổi có cam kết chưa có kết quả" in screen.due_more.text()
    assert "quá hạn" not in screen.due_more.text().split("Đối thoại:")[1]
    records.save(ctx.session, dialogue(held_on="2026-09-01", commitments="Sửa cống", commitments_due="2026-10-31"))
    screen.refresh()
    qtbot.waitUntil(lambda: "2 buổi" in screen.due_more.text(), timeout=5000)
    assert "Đối thoại: 2 buổi có cam kết chưa có kết quả, 1 buổi đã quá hạn" in screen.due_more.text()
    asked = []
    screen.open_requested.connect(lambda key, action: asked.append((key, action)))
    screen.due_more.linkActivated.emit("commitments")
    assert asked == [("dialogue", "show_overdue")]

    w = MainWindow(ctx)
    qtbot.addWidget(w)
    dialogues = w.go_to("dialogue", "show_overdue")
    assert dialogues.overdue.isChecked()
    qtbot.waitUntil(lambda: dialogues.model.rowCount() == 2)  # the link's first figure
    # the late one first: sorted by the deadline, earliest first
    assert [dialogues.model.row(r)["commitments_due"] for r in range(2)] == ["2026-10-31", "2027-01-31"]


@pytest.mark.parametrize("width, hidden", [(1150, set()), (1000, {2}), (800, {0, 2})])
def test_a_narrow_due_list_keeps_the_name_and_the_days_left(qtbot, make_ctx, filled, width, hidden):
    """At 125 % on a 1366-pixel screen the due panel is ~350 px: the petitioner was squeezed to 20 px and the
    working days went off the right edge. The category goes first, then the case number; every shown column is
    in view and the name keeps room to be read."""
    from ui.screens.dashboard import DUE_PERSON_MIN

    screen = _screen(qtbot, make_ctx("admin"))
    screen.resize(width, 700)
    screen.show()
    qtbot.waitExposed(screen)
    table, h = screen.due_table, screen.due_table.horizontalHeader()
    qtbot.waitUntil(lambda: {c for c in range(5) if table.isColumnHidden(c)} == hidden, timeout=3000)
    assert h.length() <= table.viewport().width()
    assert h.sectionSize(1) >= DUE_PERSON_MIN
    assert not table.isColumnHidden(4) and not table.isColumnHidden(1)
