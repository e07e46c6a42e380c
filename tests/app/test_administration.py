"""The administration services: accounts under MANAGE_USERS, the unit, holidays by year, the backups folder."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import AuthError, Cancelled, DanvanError, PermissionDenied, UsageError
from app.services import administration as adm
from app.services.session import Session
from app.services.unit_settings import set_calendar_day

from tests.app.conftest import PASSWORD, make_clock


def test_list_users_needs_manage_users(officer):
    """Only an administrator may list the accounts."""
    with pytest.raises(PermissionDenied):
        adm.list_users(officer)


def test_list_users_hides_password_hashes(session):
    """The account list has names, roles and last log-ins, never a password hash."""
    users = {u["name"]: u for u in adm.list_users(session)}
    assert {"admin", "leader", "officer", "officer2", "viewer"} <= set(users)
    assert users["viewer"]["role"] == "viewer" and users["viewer"]["active"] is True
    assert users["admin"]["last_login_at"]  # this session's own log-in
    assert all("pw_hash" not in u for u in users.values())


def test_added_user_can_log_in(session, db_path):
    """An account added by the administrator logs in with its password and has its role."""
    row = adm.add_user(session, " thu.ha ", "officer", "mat-khau-moi", full_name="Lò Thị Thu Hà")
    assert row["name"] == "thu.ha" and "pw_hash" not in row
    s = Session.open(db_path, "thu.ha", "mat-khau-moi", clock=make_clock())
    try:
        assert s.role == "officer" and s.user["full_name"] == "Lò Thị Thu Hà"
    finally:
        s.close()


def test_add_user_refusals(session, officer):
    """Bad names, weak passwords, duplicates and non-administrators are refused with the core's messages."""
    with pytest.raises(UsageError):
        adm.add_user(session, "Thu Hà", "officer", "mat-khau-moi")
    with pytest.raises(DanvanError) as weak:
        adm.add_user(session, "thuha", "officer", "short")
    assert weak.value.key == "user.weak_password" and weak.value.exit_code == 1
    with pytest.raises(DanvanError, match="already exists"):
        adm.add_user(session, "viewer", "viewer", "mat-khau-moi")
    with pytest.raises(PermissionDenied):
        adm.add_user(officer, "thuha", "officer", "mat-khau-moi")


def test_reset_password_lifts_lock(session, db_path):
    """A reset password works at once and clears a lock-out from wrong guesses."""
    for _ in range(5):
        with pytest.raises(AuthError):
            Session.open(db_path, "viewer", "wrong-password", clock=make_clock())
    assert next(u for u in adm.list_users(session) if u["name"] == "viewer")["locked_until"]
    adm.reset_password(session, "viewer", "mat-khau-moi")
    assert next(u for u in adm.list_users(session) if u["name"] == "viewer")["locked_until"] is None
    Session.open(db_path, "viewer", "mat-khau-moi", clock=make_clock()).close()


def test_change_own_password_needs_current_one(officer, db_path):
    """Anyone may change their own password, but only with the current one."""
    with pytest.raises(AuthError):
        adm.change_own_password(officer, "wrong-password", "mat-khau-moi")
    adm.change_own_password(officer, PASSWORD, "mat-khau-moi")
    Session.open(db_path, "officer", "mat-khau-moi", clock=make_clock()).close()


def test_unit_info_has_unit_and_editable_settings(viewer):
    """The unit as set up plus every editable setting (with its default) is readable by any role."""
    info = adm.unit_info(viewer)
    assert info["unit_code"] == "00004" and info["level"] == "commune" and info["unit_name"]
    assert info["report_cutoff_day"] == "15" and info["letterhead_line1"] == ""


def test_public_holidays_in_both_languages():
    """Public holidays of a year come from the holidays package, named in the interface language."""
    vi = adm.public_holidays(2026, "vi")
    en = adm.public_holidays(2026, "en")
    assert [r["day"] for r in vi] == [r["day"] for r in en]
    new_year = next(r for r in vi if r["day"] == "2026-01-01")
    assert new_year["kind"] == "off" and "Tết" in new_year["name"]
    assert "New Year" in next(r for r in en if r["day"] == "2026-01-01")["name"]
    assert {"day": "2025-04-26", "name": "", "kind": "work"} in adm.public_holidays(2025, "en")


def test_calendar_days_of_year(session):
    """The unit's own calendar is listed per year."""
    set_calendar_day(session, "2026-12-24", "off", "Nghỉ họp")
    set_calendar_day(session, "2027-01-09", "work", None)
    assert [d["day"] for d in adm.calendar_days_of_year(session, 2026)] == ["2026-12-24"]
    assert [d["day"] for d in adm.calendar_days_of_year(session, 2027)] == ["2027-01-09"]


def test_backup_now_writes_into_backups_folder(session, viewer):
    """"Back up now" writes a new file into the backups folder, listed newest first; a viewer may not."""
    assert adm.list_backups(session) == []
    first = adm.backup_now(session)
    second = adm.backup_now(session)
    assert first["file"] != second["file"]
    listed = adm.list_backups(session)
    assert {b["file"] for b in listed} == {first["file"], second["file"]}
    assert all(b["kind"] == "manual" and b["size"] > 0 for b in listed)
    assert adm.backups_folder(session) == adm.backups_folder(viewer)
    with pytest.raises(PermissionDenied):
        adm.backup_now(viewer)


def test_an_account_can_be_disabled_enabled_and_given_another_role(session, db_path):
    """An officer who left is disabled: no log-in, no data key, no sync-key entry; enabled again they log in and
    read the protected data; a role changes; every change is audited and `check` stays clean."""
    from app.services import check as check_service, records, sync_keys
    from app.storage import data_keys, users as user_rows
    from app.sync import keys
    from tests.app.conftest import citizen, petition

    rid = records.save(session, petition(petitioners=[citizen("Lê Văn Hải", "001099887766")]))
    adm.add_user(session, "thu.ha", "officer", "Mat-khau-Thu-Ha-1")
    sync_keys.grant(session, PASSWORD, "thu.ha", "Mat-khau-Thu-Ha-1")
    assert "thu.ha" in keys.accounts(keys.read_sealed(sync_keys.keys_path(db_path)))
    uid = user_rows.get_by_name(session.db, "thu.ha")["id"]
    Session.open(db_path, "thu.ha", "Mat-khau-Thu-Ha-1", clock=make_clock()).close()  # gets the data key

    adm.set_active(session, "thu.ha", False)
    with pytest.raises(AuthError):
        Session.open(db_path, "thu.ha", "Mat-khau-Thu-Ha-1", clock=make_clock())
    assert data_keys.wrap_of(session.db, uid) is None
    assert "thu.ha" not in keys.accounts(keys.read_sealed(sync_keys.keys_path(db_path)))
    assert next(u for u in adm.list_users(session) if u["name"] == "thu.ha")["active"] is False

    adm.set_active(session, "thu.ha", True)
    adm.set_role(session, "thu.ha", "leader")
    s = Session.open(db_path, "thu.ha", "Mat-khau-Thu-Ha-1", clock=make_clock())
    try:
        assert s.role == "leader"
        assert records.get(s, "petition", rid)["petitioners"][0]["id_number"] == "001099887766"
    finally:
        s.close()
    actions = [r[0] for r in session.db.conn.execute("SELECT action FROM audit_log ORDER BY seq")]
    assert {"user.disable", "user.enable", "user.role"} <= set(actions)
    assert check_service.check(session)["ok"]


def test_the_last_administrator_stays_one_and_nobody_disables_themselves(session):
    """Without an active administrator nobody could manage accounts: the last one can be neither disabled nor
    given another role; nobody disables their own account."""
    with pytest.raises(DanvanError) as caught:
        adm.set_role(session, "admin", "officer")
    assert caught.value.key == "user.last_admin"
    with pytest.raises(DanvanError) as caught:
        adm.set_active(session, "admin", False)
    assert caught.value.key == "user.disable_self"
    adm.add_user(session, "quan.tri2", "admin", "Mat-khau-Quan-Tri-2")
    adm.set_role(session, "admin", "leader")  # allowed: another administrator is left
    with pytest.raises(DanvanError) as caught:
        adm.set_role(session, "quan.tri2", "viewer")
    assert caught.value.key == "user.last_admin"


def test_a_reset_with_the_admins_password_keeps_sync_access_and_a_wrong_one_changes_nothing(session, db_path):
    """Given the acting admin's password, the account reset keeps its entry in the sync keys; a mistyped admin
    password is refused before anything changes (it would have cost the account its sync access)."""
    from app.services import sync_keys

    adm.add_user(session, "thu.ha", "officer", "Mat-khau-Thu-Ha-1")
    sync_keys.grant(session, PASSWORD, "thu.ha", "Mat-khau-Thu-Ha-1")
    with pytest.raises(AuthError) as caught:
        adm.reset_password(session, "thu.ha", "Mat-khau-Moi-2026", admin_password="sai-mat-khau")
    assert caught.value.key == "user.admin_password_wrong"
    Session.open(db_path, "thu.ha", "Mat-khau-Thu-Ha-1", clock=make_clock()).close()  # unchanged
    out = adm.reset_password(session, "thu.ha", "Mat-khau-Moi-2026", admin_password=PASSWORD)
    assert out["sync_access"] == "kept"


def test_calendar_marks_that_need_a_word_are_accepted_with_one(session):
    """A make-up working day put on a public holiday is accepted but named (it makes the holiday count toward
    time limits); a mark on a day that already is what it says changes nothing and says so; a usual make-up
    Saturday needs no word."""
    worked = set_calendar_day(session, "2026-09-02", "work", None)  # Quốc khánh
    assert worked["notice"] == "calendar.notice.holiday_worked" and "Quốc khánh" in worked["holiday"]
    assert session.calendar().is_working_day(date(2026, 9, 2))
    assert set_calendar_day(session, "2026-12-02", "work", None)["notice"] == "calendar.notice.already_working"
    assert set_calendar_day(session, "2026-12-06", "off", None)["notice"] == "calendar.notice.already_off"
    assert "notice" not in set_calendar_day(session, "2026-12-12", "work", None)  # a Saturday
    assert "notice" not in set_calendar_day(session, "2026-12-03", "off", None)  # a Thursday


def test_a_commune_code_is_not_taken_for_the_upper_province():
    """"00004" is Phường Ba Đình written as a commune's code; read as a number it was the province 04 (Cao Bằng),
    and the reports' header went there. Up to three digits a province code is read as one ("1", "01", "001")."""
    from app.services import unit_settings

    refused = unit_settings.refusal("upper_unit_code", "00004")
    assert refused is not None and refused.key == "setting.bad_province"
    assert unit_settings.refusal("upper_unit_code", "0004") is not None
    assert [unit_settings.refusal("upper_unit_code", v) for v in ("1", "01", "001", "04", "")] == [None] * 5


def _due_dates(session) -> list:
    return session.db.conn.execute("SELECT id, due_on FROM petitions ORDER BY id").fetchall()


@pytest.fixture
def pressed_cancel(monkeypatch):
    """A Cancel already pressed, looked at after every record of a recount (not every 500)."""
    import threading

    from app.services import deadlines as deadline_service

    monkeypatch.setattr(deadline_service, "PROGRESS_EVERY", 1)
    stop = threading.Event()
    stop.set()
    return stop


def _calendar_failure(session, expected: type[BaseException], **how):
    """A calendar change whose recount is cancelled, or fails half-way (a progress report that raises, as a
    disk error or a power cut would stop it): all of it is undone."""
    from app.services import records
    from tests.app.conftest import petition

    for n in range(3):
        records.save(session, petition(received_on=f"2026-11-1{n}"))
    before, audit_rows = _due_dates(session), session.db.conn.execute("SELECT count(*) FROM audit_log").fetchone()
    with pytest.raises(expected):
        set_calendar_day(session, "2026-11-20", "off", None, **how)
    assert adm.calendar_days_of_year(session, 2026) == []
    assert _due_dates(session) == before
    assert session.db.conn.execute("SELECT count(*) FROM audit_log").fetchone() == audit_rows
    assert session.calendar().is_working_day(date(2026, 11, 20))  # the cached calendar was not kept either


def test_a_cancelled_calendar_recount_leaves_the_day_and_the_due_dates_as_they_were(session, pressed_cancel):
    _calendar_failure(session, Cancelled, cancel=pressed_cancel)


def test_a_calendar_recount_that_fails_half_way_changes_nothing(session, pressed_cancel):
    def boom(done, total):
        raise OSError(28, "No space left on device")

    _calendar_failure(session, OSError, progress=boom)


def test_moving_the_reply_day_and_its_recount_are_one_change(session, pressed_cancel):
    """The day receptions owe a reply from and the due dates it moves are stored together or not at all."""
    from app.services import records
    from app.services.unit_settings import set_setting
    from app.storage import settings
    from tests.app.conftest import reception

    records.save(session, reception(received_at="2026-11-20T08:30"))
    before = session.db.conn.execute("SELECT due_on FROM receptions").fetchall()
    assert before == [(None,)]  # received before the book's own day (its creation): no reply followed
    stored = settings.get(session.db, "reply_tracked_from")
    with pytest.raises(Cancelled):
        set_setting(session, "reply_tracked_from", "2026-11-19", cancel=pressed_cancel)
    assert settings.get(session.db, "reply_tracked_from") == stored
    assert session.db.conn.execute("SELECT due_on FROM receptions").fetchall() == before
    assert session.reply_tracked_from() != date(2026, 11, 19)
    res = set_setting(session, "reply_tracked_from", "2026-11-19")  # then for real: the reply is owed now
    assert res["due_dates_changed"] == 1 and session.reply_tracked_from() == date(2026, 11, 19)
