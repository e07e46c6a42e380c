"""Quản trị: accounts, unit settings, the unit's calendar, deadline rules, backups and the interface language."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.domain import roles
from app.errors import AuthError
from app.services import administration, records, unit_settings
from app.services.session import Session

from tests.app.conftest import PASSWORD, make_clock
from tests.app.test_sync_scenario import templates, world  # noqa: F401 — three communes and an upper level
from tests.ui.conftest import petition


@pytest.fixture
def screen_for(qtbot, make_ctx):
    """Factory: the administration screen for one of the test accounts."""

    def _make(user: str):
        from ui.screens.admin import AdminScreen

        ctx = make_ctx(user)
        screen = AdminScreen(ctx)
        qtbot.addWidget(screen)
        return ctx, screen

    return _make


@pytest.mark.parametrize("user", ["viewer", "officer"])
def test_user_controls_disabled_with_reason_for_non_admins(screen_for, user):
    """A viewer or officer sees the account controls disabled (not hidden), the reason as their tooltip."""
    ctx, screen = screen_for(user)
    reason = ctx.denied_reason(roles.MANAGE_USERS)
    assert reason and "quản lý tài khoản" in reason
    tab = screen.users
    for w in (tab.add_button, tab.reset_button, tab.active_button, tab.role_button, tab.table):
        assert not w.isHidden()
        assert not w.isEnabled()
        assert w.toolTip() == reason
    assert tab.model.rowCount() == 0  # the account list is for administrators only
    assert tab.own_button.isEnabled()  # but anyone may change their own password
    settings_reason = ctx.denied_reason(roles.MANAGE_SETTINGS)
    assert not screen.unit.upper_name.isEnabled() and screen.unit.upper_name.toolTip() == settings_reason
    assert not screen.calendar.add_button.isEnabled() and screen.calendar.add_button.toolTip() == settings_reason
    assert not screen.backups.restore_file_button.isEnabled()
    assert screen.backups.restore_file_button.toolTip() == ctx.denied_reason(roles.RESTORE)
    assert screen.backups.backup_button.isEnabled() == (user == "officer")
    assert screen.language.vi.isEnabled() and screen.language.en.isEnabled()


def test_admin_adds_user_through_dialog_who_can_log_in(screen_for, answer_boxes):
    """The administrator adds an account in the dialog; it appears in the list and can log in."""
    ctx, screen = screen_for("admin")
    tab = screen.users
    assert {"admin", "viewer"} <= {r["name"] for r in tab.model.rows()}
    dlg = tab.add_user()
    dlg.name.setText("thu.ha")
    dlg.full_name.setText("Lò Thị Thu Hà")
    dlg.role.set_value("leader")
    dlg.password.setText("mat-khau-moi")
    dlg.confirm.setText("mat-khau-khac")
    assert not dlg.submit()  # the two passwords differ: said beside the repeat field, nothing saved
    assert dlg._errors["confirm"].text() == "Hai mật khẩu không giống nhau."
    dlg.confirm.setText("mat-khau-moi")
    dlg.ok_button.click()
    assert dlg.result() == dlg.DialogCode.Accepted
    row = next(r for r in tab.model.rows() if r["name"] == "thu.ha")
    assert row["role"] == "leader" and row["full_name"] == "Lò Thị Thu Hà"
    assert tab.selected_user()["name"] == "thu.ha"
    s = Session.open(ctx.session.path, "thu.ha", "mat-khau-moi", clock=make_clock())
    try:
        assert s.role == "leader"
    finally:
        s.close()


def test_admin_disables_enables_and_changes_the_role_of_an_account(screen_for, monkeypatch):
    """Select an account: "Khóa tài khoản…" (after a confirmation) stops its log-in and the list says so; the same
    button then reads "Mở lại tài khoản"; "Đổi vai trò…" picks a role from the list."""
    from PySide6.QtWidgets import QInputDialog

    ctx, screen = screen_for("admin")
    tab = screen.users
    row = next(i for i, r in enumerate(tab.model.rows()) if r["name"] == "viewer")
    tab.table.selectRow(row)
    assert tab.active_button.isEnabled() and tab.active_button.text() == "Khóa tài khoản…"
    assert tab.toggle_active(answer=False) is None  # "Cancel": nothing changes
    assert tab.toggle_active(answer=True)["active"] is False
    with pytest.raises(AuthError):
        Session.open(ctx.session.path, "viewer", PASSWORD, clock=make_clock())
    assert tab.selected_user()["name"] == "viewer" and tab.active_button.text() == "Mở lại tài khoản"
    assert tab.toggle_active()["active"] is True
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("Cán bộ", True)))
    assert tab.change_role()["role"] == "officer"
    s = Session.open(ctx.session.path, "viewer", PASSWORD, clock=make_clock())
    try:
        assert s.role == "officer"
    finally:
        s.close()


def test_add_user_dialog_shows_core_messages_beside_fields(screen_for):
    """The core's refusals (bad name, existing name, short password) appear beside the field concerned."""
    _ctx, screen = screen_for("admin")
    dlg = screen.users.add_user()
    dlg.name.setText("Thu Hà")
    dlg.password.setText("mat-khau-moi")
    dlg.confirm.setText("mat-khau-moi")
    assert not dlg.submit()
    assert "không dấu" in dlg._errors["name"].text()
    dlg.name.setText("viewer")
    assert not dlg.submit()
    assert "đã tồn tại" in dlg._errors["name"].text()
    dlg.name.setText("moi")
    dlg.password.setText("ngan")
    dlg.confirm.setText("ngan")
    assert not dlg.submit()
    assert "ít nhất 8" in dlg._errors["password"].text() and not dlg._errors["name"].text()
    dlg.reject()


def test_reset_password_asks_first_then_works(screen_for, answer_boxes):
    """Resetting a password asks for confirmation; after "Yes" the new password logs in."""
    ctx, screen = screen_for("admin")
    tab = screen.users
    tab.table.selectRow(next(i for i, r in enumerate(tab.model.rows()) if r["name"] == "viewer"))
    dlg = tab.reset_password()
    dlg.password.setText("mat-khau-moi")
    dlg.confirm.setText("mat-khau-moi")
    answer_boxes.push("no")
    assert not dlg.submit()
    Session.open(ctx.session.path, "viewer", PASSWORD, clock=make_clock()).close()  # unchanged
    answer_boxes.push("yes")
    assert dlg.submit()
    assert "viewer" in answer_boxes.asked[-1]["text"]
    Session.open(ctx.session.path, "viewer", "mat-khau-moi", clock=make_clock()).close()


def test_a_reset_asks_the_admins_password_and_ones_own_row_is_a_change(screen_for, answer_boxes):
    """The reset dialog takes the admin's own password (a wrong one is said beside it and changes nothing); on
    one's own row "Đặt lại mật khẩu…" opens "Đổi mật khẩu của tôi" (a reset of oneself lost one's sync access)."""
    from ui.dialogs.user_dialog import OWN

    ctx, screen = screen_for("admin")
    tab = screen.users
    tab.table.selectRow(next(i for i, r in enumerate(tab.model.rows()) if r["name"] == "viewer"))
    dlg = tab.reset_password()
    assert dlg._labels["admin_password"].text() == "Mật khẩu của bạn"
    dlg.password.setText("mat-khau-moi")
    dlg.confirm.setText("mat-khau-moi")
    dlg.admin_password.setText("sai-mat-khau")
    answer_boxes.push("yes")
    assert not dlg.submit()
    assert "không đúng" in dlg._errors["admin_password"].text()
    Session.open(ctx.session.path, "viewer", PASSWORD, clock=make_clock()).close()  # unchanged
    dlg.admin_password.setText(PASSWORD)
    answer_boxes.push("yes")
    assert dlg.submit()
    dlg.close()
    tab.table.selectRow(next(i for i, r in enumerate(tab.model.rows()) if r["name"] == "admin"))
    own = tab.reset_password()
    assert own.mode == OWN
    own.close()


def test_officer_changes_own_password(screen_for):
    """Any role changes its own password, after giving the current one."""
    ctx, screen = screen_for("officer")
    dlg = screen.users.change_own_password()
    dlg.current.setText("sai-mat-khau")
    dlg.password.setText("mat-khau-moi")
    dlg.confirm.setText("mat-khau-moi")
    assert not dlg.submit()
    assert dlg._errors["current"].text()
    dlg.current.setText(PASSWORD)
    assert dlg.submit()
    with pytest.raises(AuthError):
        Session.open(ctx.session.path, "officer", PASSWORD, clock=make_clock())
    Session.open(ctx.session.path, "officer", "mat-khau-moi", clock=make_clock()).close()


def test_admin_saves_unit_settings(screen_for):
    """Editable unit settings are saved through the core; an emptied required one is refused beside its field."""
    ctx, screen = screen_for("admin")
    tab = screen.unit
    assert tab.read_only["unit_code"][1].text() == "00004"
    assert not tab.save_button.isEnabled()  # nothing changed yet
    tab.upper_name.setText("Ban Tiếp công dân tỉnh")
    tab.cutoff.setValue(20)
    tab.line1.setText("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI")
    assert tab.save_button.isEnabled()
    assert tab.save()
    info = administration.unit_info(ctx.session)
    assert info["upper_unit_name"] == "Ban Tiếp công dân tỉnh" and info["report_cutoff_day"] == "20"
    assert info["letterhead_line1"] == "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"
    assert tab.saved_label.text() == "Đã lưu."
    tab.upper_name.setText("")
    tab.upper_code.setText("12a")
    assert not tab.save()
    assert tab.errors["upper_unit_name"].text() and tab.errors["upper_unit_code"].text()
    assert administration.unit_info(ctx.session)["upper_unit_name"] == "Ban Tiếp công dân tỉnh"
    tab.upper_name.setText("Ban Tuyên giáo và Dân vận Tỉnh ủy")
    tab.upper_code.setText("99")  # digits, but no province has them: refused beside the field, nothing saved
    assert not tab.save()
    assert tab.errors["upper_unit_code"].text().startswith("Không có tỉnh, thành phố nào mang mã này")
    assert not tab.errors["upper_unit_name"].text()
    assert administration.unit_info(ctx.session)["upper_unit_name"] == "Ban Tiếp công dân tỉnh"
    tab.upper_code.setText("1")
    assert tab.save()
    assert administration.unit_info(ctx.session)["upper_unit_code"] == "01"


def test_admin_adds_extra_day_off_and_sees_due_dates_move(screen_for, answer_boxes):
    """An extra day off added on the calendar tab is listed, and the number of moved due dates is shown."""
    ctx, screen = screen_for("admin")
    # a complaint received 16/11 must be accepted within 10 days: by Thursday 26/11
    records.save(ctx.session, petition(received_on="2026-11-16"))
    tab = screen.calendar
    assert tab.year.value() == 2026
    assert any(r["day"] == "2026-09-02" for r in tab.holidays.rows())  # Quốc khánh, read-only list
    assert tab.days.rowCount() == 0 and not tab.empty_days.isHidden()
    tab.day.set_value("2026-11-26")
    tab.kind.setCurrentIndex(tab.kind.findData("off"))
    tab.note.setText("Nghỉ họp toàn cơ quan")
    tab.add_button.click()
    assert [(r["day"], r["kind"], r["note"]) for r in tab.days.rows()] == [
        ("2026-11-26", "off", "Nghỉ họp toàn cơ quan")]
    assert tab.days.data(tab.days.index(0, 2)) == "Ngày nghỉ thêm"
    assert "26/11/2026" in tab.result.text() and "Hạn của 1 hồ sơ đã thay đổi" in tab.result.text()
    assert "Lưu ý" not in tab.result.text()
    tab.day.set_value("2026-11-29")  # a Sunday: already a day off, accepted with a word
    tab.add_button.click()
    assert "vốn đã là ngày nghỉ" in tab.result.text()
    unit_settings.set_calendar_day(ctx.session, "2026-11-29", None)
    tab.reload()
    assert [d["day"] for d in unit_settings.list_calendar(ctx.session)] == ["2026-11-26"]
    # removing it asks first
    tab.days_view.selectRow(0)
    answer_boxes.push("no")
    tab.remove_button.click()
    assert tab.days.rowCount() == 1
    answer_boxes.push("yes")
    tab.remove_button.click()
    assert tab.days.rowCount() == 0
    assert "bình thường" in tab.result.text()


def test_calendar_year_picker_switches_lists(screen_for):
    """Another year shows that year's public holidays and the unit's days of that year."""
    ctx, screen = screen_for("admin")
    unit_settings.set_calendar_day(ctx.session, "2027-01-09", "work", None)
    tab = screen.calendar
    tab.year.setValue(2027)
    assert all(r["day"].startswith("2027-") for r in tab.holidays.rows()) and tab.holidays.rowCount() > 5
    assert [r["day"] for r in tab.days.rows()] == ["2027-01-09"]
    assert tab.days.data(tab.days.index(0, 2)) == "Ngày làm bù"


def test_rules_table_marks_unchecked_rules(screen_for):
    """The deadline rules cite their article; the unchecked ones are marked "Chưa đối chiếu"."""
    _ctx, screen = screen_for("viewer")
    tab = screen.rules
    current = tab.version.currentData()
    assert current == "vn-2026-07"  # in force on the test clock's day (23/11/2026)
    assert "đang áp dụng" in tab.version.currentText()
    tab.version.setCurrentIndex(tab.version.findData("vn-2021-11"))
    m = tab.model
    rows = m.rows()
    assert rows and all(r["version"] == "vn-2021-11" for r in rows)
    col = {c.key: i for i, c in enumerate(m.columns)}
    checked = [m.data(m.index(i, col["verified"])) for i in range(m.rowCount())]
    assert "Chưa đối chiếu" in checked and "Có" in checked
    assert any("Điều 28" in m.data(m.index(i, col["article"])) for i in range(m.rowCount()))
    tab.version.setCurrentIndex(tab.version.findData(tab.ALL))
    assert m.rowCount() == len(tab.rows) and not tab.table.isColumnHidden(0)
    _ctx.set_language("en")  # the laws' names, articles and notes in English too
    QApplication.processEvents()  # the language change reaches the widgets as posted events
    assert "Law 136/2025/QH15 amending" in tab.version.itemText(tab.version.findData("vn-2026-07"))
    articles = [m.data(m.index(i, col["article"])) for i in range(m.rowCount())]
    assert any("Article 28" in a for a in articles) and not any("Điều" in a for a in articles)


def test_backup_now_then_restore(screen_for, answer_boxes):
    """"Sao lưu ngay" writes a listed backup; restoring it (after a strong confirmation) brings the old data
    back and says the program must be opened again."""
    ctx, screen = screen_for("admin")
    tab = screen.backups
    assert tab.model.rowCount() == 0 and "Chưa có bản sao lưu" in tab.last_value.text()
    res = tab.backup_now()
    assert res is not None
    assert tab.model.rowCount() == 1 and tab.model.row(0)["file"] == res["file"]
    assert tab.model.row(0)["name"] in tab.last_value.text()
    unit_settings.set_calendar_day(ctx.session, "2026-12-24", "off", None)  # made after the backup
    tab.table.selectRow(0)
    answer_boxes.push("Hủy")
    assert tab.restore_selected() is None  # refused at the confirmation: nothing changes
    assert unit_settings.list_calendar(ctx.session)
    answer_boxes.push("Thay dữ liệu", "OK")
    out = tab.restore_selected()
    assert out is not None
    assert "TOÀN BỘ" in answer_boxes.asked[-2]["text"]
    assert "mở lại" in answer_boxes.asked[-1]["text"]
    assert unit_settings.list_calendar(ctx.session) == []  # the backup's content is back
    kinds = {b["kind"] for b in administration.list_backups(ctx.session)}
    assert kinds == {"manual", "before_restore"}


def test_language_switch_retranslates_without_restart(qtbot, screen_for):
    """Choosing English re-translates the screen at once; choosing Tiếng Việt brings Vietnamese back."""
    ctx, screen = screen_for("admin")
    try:
        assert screen.title.text() == "Quản trị" and screen.tabs.tabText(0) == "Người dùng"
        screen.language.en.setChecked(True)
        assert ctx.lang == "en"
        qtbot.waitUntil(lambda: screen.title.text() == "Administration", timeout=3000)
        assert screen.tabs.tabText(0) == "Users"
        assert screen.users.model.headerData(0, Qt.Orientation.Horizontal) == "User name"
        assert screen.users.model.data(screen.users.model.index(0, 2)) in {"Administrator", "Leader", "Officer",
                                                                          "Viewer"}
        assert screen.calendar.holidays.rows()[0]["name"] == "New Year's Day"
        screen.language.vi.setChecked(True)
        qtbot.waitUntil(lambda: screen.title.text() == "Quản trị", timeout=3000)
        assert screen.tabs.tabText(5) == "Ngôn ngữ"
        assert screen.calendar.holidays.rows()[0]["name"] == "Tết Dương lịch"
    finally:
        ctx.set_language("vi")
        assert ctx.lang == "vi"


def test_models_pass_qtmodeltester(qtmodeltester, screen_for):
    """Every table model of the screen satisfies Qt's model checks, with rows in it."""
    ctx, screen = screen_for("admin")
    unit_settings.set_calendar_day(ctx.session, "2026-12-24", "off", "Nghỉ")
    administration.backup_now(ctx.session)
    screen.calendar.reload()
    screen.backups.reload()
    for model in (screen.users.model, screen.calendar.holidays, screen.calendar.days, screen.rules.model,
                  screen.backups.model):
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_a_viewer_is_told_whom_to_ask_for_a_backup(screen_for):
    """A viewer cannot back up: with no backup yet the tab asks them to have one made, not to click the button
    that is off for them; an officer is told to back up now."""
    _ctx, viewer = screen_for("viewer")
    assert not viewer.backups.backup_button.isEnabled()
    assert "hãy nhờ cán bộ hoặc quản trị viên" in viewer.backups.last_value.text()
    _ctx, officer = screen_for("officer")
    assert officer.backups.last_value.text().startswith("Chưa có bản sao lưu nào — hãy sao lưu ngay")


def _cancel_at_once(monkeypatch) -> list[str]:
    """The admin screen's recount runs on this thread with Cancel already pressed (looked at every record); the
    progress dialogs' labels are collected in the list returned."""
    import threading

    import ui.screens.admin as admin_screen
    from app.services import deadlines as deadline_service

    labels: list[str] = []

    def cancelled_at_once(parent, label, fn, *args, **kwargs):
        labels.append(label)
        stop = threading.Event()
        stop.set()
        return fn(*args, progress=None, cancel=stop, **kwargs)

    monkeypatch.setattr(deadline_service, "PROGRESS_EVERY", 1)
    monkeypatch.setattr(admin_screen, "run_with_progress", cancelled_at_once)
    return labels


def test_a_calendar_change_recounts_on_a_worker_and_cancel_changes_nothing(screen_for, monkeypatch):
    """Adding a day works every due date out again behind a progress dialog (the window keeps painting at an
    upper level's 600,000 records); Cancel leaves the calendar and the due dates as they were, and says so."""
    import threading

    import ui.screens.admin as admin_screen
    from ui.widgets import progress

    ctx, screen = screen_for("admin")
    records.save(ctx.session, petition(received_on="2026-11-16"))
    before = ctx.session.db.conn.execute("SELECT due_on FROM petitions").fetchall()
    labels = _cancel_at_once(monkeypatch)
    tab = screen.calendar
    tab.day.set_value("2026-11-26")
    tab.kind.setCurrentIndex(tab.kind.findData("off"))
    tab.add_button.click()
    assert labels == ["Đang tính lại thời hạn theo luật với các ngày mới…"]
    assert tab.result.text() == "Đã hủy: lịch làm việc không thay đổi."
    assert tab.days.rowCount() == 0 and unit_settings.list_calendar(ctx.session) == []
    assert ctx.session.db.conn.execute("SELECT due_on FROM petitions").fetchall() == before

    ran_on = []

    def real(parent, label, fn, *args, **kwargs):  # the real dialog and worker, noting the thread
        def noted(*a, **k):
            ran_on.append(threading.current_thread() is threading.main_thread())
            return fn(*a, **k)
        return progress.run_with_progress(parent, label, noted, *args, **kwargs)

    monkeypatch.setattr(admin_screen, "run_with_progress", real)
    tab.add_button.click()
    assert ran_on == [False] and [r["day"] for r in tab.days.rows()] == ["2026-11-26"]
    assert "Hạn của 1 hồ sơ đã thay đổi" in tab.result.text()
    assert ctx.session.calendar().is_working_day(date(2026, 11, 26)) is False  # this window's calendar read again


def test_an_upper_levels_unit_tab_gives_its_own_examples_and_no_province_code(qt_app, qtbot, world, tmp_path):
    """A province board reports to a central body: its examples say so and the upper unit's province code (a
    commune's setting) is not asked for."""
    from ui.context import AppContext, open_settings
    from ui.screens.admin import AdminScreen

    screen = AdminScreen(AppContext(world["u"], open_settings(tmp_path / "u.ini")))
    qtbot.addWidget(screen)
    tab = screen.unit
    assert tab.upper_name.placeholderText() == "ví dụ: Ban Dân vận Trung ương"
    assert not tab.settings_form.isRowVisible(tab.labels["upper_unit_code"])
    commune = AdminScreen(AppContext(world["a"], open_settings(tmp_path / "a.ini")))
    qtbot.addWidget(commune)
    assert commune.unit.upper_name.placeholderText() == "ví dụ: Ban Tiếp công dân tỉnh …"
    assert commune.unit.settings_form.isRowVisible(commune.unit.labels["upper_unit_code"])


def test_cancelling_the_reply_day_recount_says_so_and_keeps_the_day(screen_for, monkeypatch):
    """Cancel in the reply-tracking day's recount: the stored day stays, the typed one stays typed, and the tab
    says it was cancelled (the sentence was cleared at once by the form's own 'changed' check)."""
    ctx, screen = screen_for("admin")
    records.save(ctx.session, petition(received_on="2026-11-16"))
    stored = administration.unit_info(ctx.session)["reply_tracked_from"]
    _cancel_at_once(monkeypatch)
    tab = screen.unit
    tab.reply_from.set_value("2026-11-01")
    assert not tab.save()
    assert tab.saved_label.text() == "Đã hủy: ngày bắt đầu theo dõi việc trả lời công dân không thay đổi."
    assert administration.unit_info(ctx.session)["reply_tracked_from"] == stored
    assert tab.reply_from.value() == "2026-11-01" and tab.save_button.isEnabled()
