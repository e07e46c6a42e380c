"""Backups in the GUI: the Sao lưu tab (list with records and check, second folder, restore), the automatic
backup on close and once a day, and a damaged data file at start-up."""

from __future__ import annotations

import hashlib
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.clock import Clock
from app.domain import roles
from app.services import backup_schedule as schedule
from app.services import unit_settings

from tests.app.test_backup_schedule import corrupt
from ui.style import WARNING


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def tab_for(qtbot, make_ctx):
    def _make(user: str = "admin"):
        from ui.screens.backups import BackupsTab

        ctx = make_ctx(user)
        tab = BackupsTab(ctx)
        qtbot.addWidget(tab)
        return ctx, tab

    return _make


def _wait_checked(qtbot, tab) -> None:
    qtbot.waitUntil(lambda: not tab.inspection_running() and all(r["check"] is not None for r in tab.model.rows()),
                    timeout=10000)


def _second_folder_shown(qtbot, tab) -> str:
    qtbot.waitUntil(lambda: not tab.second_folder_looking(), timeout=10000)
    return tab.second_value.text()


def test_tab_lists_backups_with_records_and_their_check(qtbot, tab_for):
    """Each backup shows when it was made, why, its size, its records and whether it passes SQLite's check —
    a damaged one in red, "Hỏng — không dùng"."""
    ctx, _ = tab_for("admin")
    good = schedule.make_backup(ctx.session)["file"]
    bad = schedule.make_backup(ctx.session, schedule.MANUAL)["file"]
    corrupt(Path(bad))
    from ui.screens.backups import BackupsTab

    tab = BackupsTab(ctx)
    qtbot.addWidget(tab)
    _wait_checked(qtbot, tab)
    m = tab.model
    col = {c.key: i for i, c in enumerate(m.columns)}
    shown = {m.row(i)["file"]: {k: m.data(m.index(i, j)) for k, j in col.items()} for i in range(m.rowCount())}
    assert shown[good]["check"] == "Tốt" and shown[good]["records"] == "0" and shown[good]["kind"] == "Tự động"
    assert shown[bad]["check"] == "Hỏng — không dùng" and shown[bad]["kind"] == "Thủ công"
    assert m.headerData(col["records"], __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == "Số hồ sơ"


def test_back_up_now_copies_to_the_second_folder(qtbot, tab_for, tmp_path, answer_boxes):
    """"Sao lưu ngay" with a second folder set: the backup is listed, and the message names the second copy."""
    ctx, tab = tab_for("admin")
    usb = tmp_path / "usb"
    assert tab.set_second_folder(str(usb)) == str(usb)
    assert _second_folder_shown(qtbot, tab) == f"{usb} (chưa có bản sao nào ở đó — lần sao lưu tới sẽ chép vào)"
    assert tab.second_off.isEnabled()
    res = tab.backup_now()
    assert res is not None and Path(res["copy"]).parent == usb
    assert _second_folder_shown(qtbot, tab).startswith(f"{usb} (bản sao gần nhất ở đó: ")
    assert tab.model.rowCount() == 1 and tab.model.row(0)["file"] == res["file"]
    assert "Một bản sao nữa" in answer_boxes.asked[-1]["text"]


def test_second_folder_failing_warns_and_the_backup_stands(qtbot, tab_for, tmp_path, answer_boxes):
    """A second folder that cannot be written (an unplugged drive): the backup is made and a warning says
    what to check."""
    ctx, tab = tab_for("admin")
    blocker = tmp_path / "E"
    blocker.write_text("not a drive")
    assert tab.set_second_folder(str(blocker / "SaoLuu")) is None  # refused when set: not there
    assert "Không tìm thấy thư mục" in answer_boxes.asked[-1]["text"] and schedule.copy_folder(ctx.session) is None
    blocker.unlink()
    blocker.mkdir()
    tab.set_second_folder(str(blocker / "SaoLuu"))
    shutil.rmtree(blocker)  # the drive pulled out afterwards
    blocker.write_text("not a drive")
    tab.reload()
    assert "hiện không tìm thấy" in _second_folder_shown(qtbot, tab)
    res = tab.backup_now()
    assert res is not None and Path(res["file"]).exists() and res["copy"] is None
    assert "không chép được sang thư mục thứ hai" in answer_boxes.asked[-1]["text"]
    tab.set_second_folder("")
    assert schedule.copy_folder(ctx.session) is None and not tab.second_off.isEnabled()


def test_a_second_folder_that_does_not_answer_does_not_hold_the_tab(qtbot, tab_for, tmp_path, monkeypatch):
    """A network share that takes its time: the tab is shown at once with "đang xem thư mục…", the answer fills
    the line when it comes, and an answer about a folder changed meanwhile is not shown for the new one."""
    import threading

    ctx, tab = tab_for("admin")
    share, usb = tmp_path / "share", tmp_path / "usb"
    share.mkdir()
    usb.mkdir()
    unit_settings.set_setting(ctx.session, schedule.COPY_FOLDER_SETTING, str(share))
    answer = threading.Event()
    real = schedule.folder_state

    def slow_share(folder, stem, **kw):
        if folder == share:
            assert answer.wait(10)  # the share answers only when the test says so
            return {"folder": str(share), "reachable": False, "last_copy": None}
        return real(folder, stem, **kw)

    monkeypatch.setattr(schedule, "folder_state", slow_share)
    tab.reload()  # returns while the share has not answered
    assert tab.second_folder_looking() and tab.second_value.text() == f"{share} — đang xem thư mục…"
    tab.reload()  # a second look waits for the first instead of starting another
    assert tab.second_off.isEnabled()
    tab.set_second_folder(str(usb))  # changed while the share is still silent
    assert _second_folder_shown(qtbot, tab) == f"{usb} (chưa có bản sao nào ở đó — lần sao lưu tới sẽ chép vào)"
    answer.set()  # the share's late answer is about a folder no longer set
    qtbot.wait(300)
    assert tab.second_value.text().startswith(str(usb)) and "không tìm thấy" not in tab.second_value.text()


def test_a_silent_share_switched_off_and_on_holds_one_worker(qtbot, tab_for, tmp_path, monkeypatch):
    """The thread pool has a worker per core (two on many laptops): a share that never answers, switched off
    and on again and again, must not take them all — one look at it at a time, and its answer when it comes."""
    import threading

    ctx, tab = tab_for("admin")
    share = tmp_path / "share"
    share.mkdir()
    answer = threading.Event()
    looks = []

    def silent_share(folder, stem, **kw):
        looks.append(folder)
        assert answer.wait(10)
        return {"folder": str(folder), "reachable": False, "last_copy": None}

    monkeypatch.setattr(schedule, "folder_state", silent_share)
    for _ in range(3):
        tab.set_second_folder(str(share))
        assert tab.second_folder_looking()
        tab.set_second_folder("")
        assert not tab.second_folder_looking() and tab.second_value.text().startswith("Chưa đặt")
    tab.set_second_folder(str(share))
    qtbot.waitUntil(lambda: len(looks) == 1, timeout=5000)  # the worker starts when the pool gets to it
    qtbot.wait(200)
    assert len(looks) == 1  # one look under way, however often the folder was switched off and on
    answer.set()
    qtbot.waitUntil(lambda: not tab.second_folder_looking(), timeout=5000)
    qtbot.waitUntil(lambda: "không tìm thấy" in tab.second_value.text(), timeout=5000)
    assert len(looks) == 2  # switched back while the first look was under way: looked at once more after it


def test_a_failing_look_is_shown_as_not_found(qtbot, tab_for, tmp_path, monkeypatch):
    ctx, tab = tab_for("admin")

    def broken(folder, stem, **kw):
        raise PermissionError("access denied")

    monkeypatch.setattr(schedule, "folder_state", broken)
    tab.set_second_folder(str(tmp_path))
    qtbot.waitUntil(lambda: "không tìm thấy" in tab.second_value.text(), timeout=5000)
    assert not tab.second_folder_looking()


@pytest.mark.parametrize("user", ["viewer", "officer"])
def test_second_folder_and_restore_disabled_with_reason(tab_for, user):
    """Only an administrator sets the second folder and restores: disabled (not hidden) for others, the reason
    as the tooltip."""
    ctx, tab = tab_for(user)
    for w in (tab.second_choose, tab.second_off):
        assert not w.isHidden() and not w.isEnabled()
    assert tab.second_choose.toolTip() == ctx.denied_reason(roles.MANAGE_SETTINGS)
    assert not tab.restore_file_button.isEnabled()
    assert tab.restore_file_button.toolTip() == ctx.denied_reason(roles.RESTORE)
    assert tab.set_second_folder("/tmp/x") is None and schedule.copy_folder(ctx.session) is None


def test_restore_from_the_tab_says_what_is_replaced(qtbot, tab_for, answer_boxes):
    """Restoring asks first — all current data replaced, the current data backed up first — then brings the
    backup's content back and keeps a copy of what was there."""
    from app.services import administration

    ctx, tab = tab_for("admin")
    schedule.make_backup(ctx.session)
    unit_settings.set_calendar_day(ctx.session, "2026-12-24", "off", None)
    administration.reset_password(ctx.session, "viewer", "Mat-khau-moi-2026")  # undone by the restore
    tab.reload()
    tab.table.selectRow(0)
    assert tab.restore_button.isEnabled()
    answer_boxes.push("Thay dữ liệu", "OK")
    res = tab.restore_selected()
    assert res is not None
    asked = answer_boxes.asked[-2]
    assert "TOÀN BỘ" in asked["text"] and "được lưu vào thư mục sao lưu trước" in asked["info"]
    assert "hồ sơ của Phường Ba Đình; sổ hiện có" in asked["text"]  # what the backup holds, checked first
    assert asked["text"].endswith("Các tài khoản sau trở về như trong bản sao lưu (mật khẩu, vai trò mới hoặc tài "
                                  "khoản tạo sau đó sẽ mất): viewer.")
    assert "mở lại" in answer_boxes.asked[-1]["text"]
    assert unit_settings.list_calendar(ctx.session) == []
    asked = len(answer_boxes.asked)
    assert not ctx.look_for_outside_changes() and len(answer_boxes.asked) == asked  # its own: not told again
    kinds = {b["kind"] for b in schedule.list_backups_in(tab.folder())}
    assert kinds == {schedule.AUTO, schedule.BEFORE_RESTORE}


def test_a_file_that_is_no_backup_of_ours_is_refused_before_the_question(qtbot, tab_for, answer_boxes, tmp_path):
    """A random file chosen to restore from is checked first: refused with the reason, and the officer is never
    asked to replace all the data with it (the question came first)."""
    ctx, tab = tab_for("admin")
    junk = tmp_path / "ngau-nhien.db"
    junk.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 40)
    answer_boxes.push("OK")
    assert tab.restore(str(junk)) is None
    assert len(answer_boxes.asked) == 1 and "TOÀN BỘ" not in answer_boxes.asked[0]["text"]
    assert "không phải là tệp dữ liệu" in answer_boxes.asked[0]["text"]
    assert "not a database" not in answer_boxes.asked[0]["text"]  # SQLite's English is not the officer's


def test_backup_on_close(qtbot, make_ctx, answer_boxes):
    """Closing the main window makes an automatic backup (with its key file) in backups/."""
    from ui.main_window import MainWindow
    from ui.screens.backups import AutoBackup

    ctx = make_ctx("officer")
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    auto = AutoBackup.install(w, ctx)
    auto.timer.stop()
    folder = ctx.session.path.parent / "backups"
    assert schedule.list_backups_in(folder) == []
    w.show()
    w.close()
    listed = schedule.list_backups_in(folder)
    assert len(listed) == 1 and listed[0]["kind"] == schedule.AUTO and listed[0]["keys"]
    assert auto.last["file"] == listed[0]["file"] and answer_boxes.asked == []


def test_backup_on_close_warns_when_the_second_folder_fails(qtbot, make_ctx, tmp_path, answer_boxes):
    """On close with an unreachable second folder: the backup is made, a warning is shown, the window closes."""
    from ui.main_window import MainWindow
    from ui.screens.backups import AutoBackup

    ctx = make_ctx("admin")
    blocker = tmp_path / "E"
    blocker.mkdir()
    unit_settings.set_setting(ctx.session, schedule.COPY_FOLDER_SETTING, str(blocker / "SaoLuu"))
    blocker.rmdir()  # the drive pulled out after it was set
    blocker.write_text("x")
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    AutoBackup.install(w, ctx).timer.stop()
    w.show()
    w.close()
    assert not w.isVisible()
    assert len(schedule.list_backups_in(ctx.session.path.parent / "backups")) == 1
    assert "không chép được sang thư mục thứ hai" in answer_boxes.asked[-1]["text"]


def test_daily_backup_once_a_day_while_open(qtbot, make_ctx):
    """The first look of the day makes the day's backup in the background; later looks the same day do
    nothing; after midnight the timer's look makes the next day's."""
    from PySide6.QtWidgets import QMainWindow

    from ui.screens.backups import AutoBackup

    ctx = make_ctx("officer")
    w = QMainWindow()
    qtbot.addWidget(w)
    auto = AutoBackup.install(w, ctx)
    auto.timer.stop()
    folder = ctx.session.path.parent / "backups"
    auto.check_due()
    qtbot.waitUntil(lambda: auto.job is None and auto.last is not None, timeout=10000)
    assert len(schedule.list_backups_in(folder)) == 1
    auto.check_due()
    assert auto.job is None and len(schedule.list_backups_in(folder)) == 1
    ctx.session.clock = Clock(datetime(2026, 11, 24, 0, 30))
    auto.last = None
    auto.check_due()
    qtbot.waitUntil(lambda: auto.job is None and auto.last is not None, timeout=10000)
    made = sorted(b["made"] for b in schedule.list_backups_in(folder))
    assert made == ["2026-11-23T10:00:00", "2026-11-24T00:30:00"]


def test_demo_database_gets_no_automatic_backups(qtbot, make_ctx, monkeypatch):
    """The demo's data is not worth a backup: nothing on close, nothing daily."""
    from PySide6.QtWidgets import QMainWindow

    from app.services.session import Session
    from ui.screens.backups import AutoBackup

    ctx = make_ctx("officer")
    monkeypatch.setattr(Session, "is_demo", property(lambda self: True))
    w = QMainWindow()
    qtbot.addWidget(w)
    auto = AutoBackup.install(w, ctx)
    assert not auto.enabled and not auto.timer.isActive()
    w.close()
    assert not (ctx.session.path.parent / "backups").exists()


# -- start-up ----------------------------------------------------------------------------------------------

@pytest.fixture
def damaged(open_session, db_path):
    """A data file with a good backup beside it, then damaged (one b-tree page overwritten)."""
    s = open_session("admin")
    s.clock = Clock(datetime(2026, 11, 20, 17, 0))
    good = schedule.make_backup(s)["file"]
    s.close()
    corrupt(db_path)
    return db_path, good


def test_start_up_good_file_goes_on(qt_app, db_path, answer_boxes):
    """A good data file passes the start-up check without a question."""
    from ui.screens.backups import check_data_file

    assert check_data_file(db_path) is True and answer_boxes.asked == []


def test_start_up_damaged_file_quit_leaves_it_untouched(qt_app, damaged, answer_boxes):
    """A damaged file: the dialog names the newest good backup; "Thoát" leaves the file byte for byte."""
    from ui.screens.backups import check_data_file

    path, good = damaged
    before = digest(path)
    answer_boxes.push("Thoát")
    assert check_data_file(path) is False
    asked = answer_boxes.asked[0]
    assert "bị hỏng" in asked["text"] and Path(good).name in asked["info"]
    assert "Khôi phục bản này" in asked["buttons"] and "Thoát" in asked["buttons"]
    assert digest(path) == before


def test_start_up_damaged_file_restored_from_newest_good_backup(qt_app, damaged, answer_boxes):
    """"Khôi phục bản này": the backup is put in place, the damaged file kept as <name>.damaged-<stamp>, and
    the log-in can go on."""
    from app.services.session import Session
    from ui.screens.backups import check_data_file

    from tests.app.conftest import PASSWORD

    path, good = damaged
    before = digest(path)
    answer_boxes.push("Khôi phục bản này", "OK")
    assert check_data_file(path) is True
    kept = [p for p in path.parent.iterdir() if p.name.startswith("sodanvan.db.damaged-") and "-wal" not in p.name
            and "-shm" not in p.name]
    assert len(kept) == 1 and digest(kept[0]) == before
    assert kept[0].name in answer_boxes.asked[-1]["text"]
    assert schedule.damage_of(path) is None
    Session.open(path, "admin", PASSWORD).close()


def test_start_up_damaged_without_backup_only_quits(qt_app, db_path, answer_boxes):
    """No good backup: the dialog says where it looked and offers only to quit; the file is untouched."""
    from ui.screens.backups import check_data_file

    shutil.rmtree(db_path.parent / "backups", ignore_errors=True)
    corrupt(db_path)
    before = digest(db_path)
    assert check_data_file(db_path) is False
    asked = answer_boxes.asked[0]
    assert "Khôi phục bản này" not in asked["buttons"] and "Thoát" in asked["buttons"]
    assert "Không tìm thấy bản sao lưu tốt" in asked["info"]
    assert digest(db_path) == before


def test_models_pass_qtmodeltester(qtbot, qtmodeltester, tab_for):
    """The backups model satisfies Qt's model checks, before and after the background check fills it in."""
    ctx, _ = tab_for("admin")
    schedule.make_backup(ctx.session)
    schedule.make_backup(ctx.session, schedule.MANUAL)
    from ui.screens.backups import BackupsTab

    tab = BackupsTab(ctx)
    qtbot.addWidget(tab)
    qtmodeltester.check(tab.model)
    _wait_checked(qtbot, tab)
    qtmodeltester.check(tab.model)
    assert tab.model.rowCount() == 2


def test_last_backup_reminder_in_amber_after_a_week(tab_for):
    """The last backup older than a week is shown in amber with "hãy sao lưu ngay"."""
    ctx, _ = tab_for("admin")
    ctx.session.clock = Clock(datetime(2026, 11, 1, 9, 0))
    schedule.make_backup(ctx.session)
    ctx.session.clock = Clock(datetime(2026, 11, 1, 9, 0) + timedelta(days=10))
    from ui.screens.backups import BackupsTab

    tab = BackupsTab(ctx)
    assert "hãy sao lưu ngay" in tab.last_value.text() and WARNING in tab.last_value.styleSheet()



def test_the_start_up_check_waits_for_a_slow_file(qtbot, qt_app, db_path, answer_boxes, monkeypatch):
    """A check that takes its time (a province's 1.3 GB file) is waited for, then the log-in goes on."""
    import threading

    from ui.screens import backups

    release = threading.Event()
    real = backups._look

    def slow(path, **kw):
        assert release.wait(10)
        return real(path, **kw)

    monkeypatch.setattr(backups, "_look", slow)
    threading.Timer(0.3, release.set).start()
    assert backups.check_data_file(db_path) is True and answer_boxes.asked == []
