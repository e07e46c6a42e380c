"""The "Nhật ký" screen and the idle lock."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.errors import AuthError
from app.services.records import save
from app.services.session import Session
from tests.ui.conftest import PASSWORD, make_clock, reception


@pytest.fixture
def window_for(make_ctx, qtbot):
    def _make(user):
        from ui.main_window import MainWindow

        ctx = make_ctx(user)
        w = MainWindow(ctx)
        qtbot.addWidget(w)
        return w
    return _make


def test_audit_entry_disabled_for_officer_with_reason(window_for):
    """An officer sees Nhật ký in the navigation, disabled, with the reason as its tooltip."""
    w = window_for("officer")
    row = next(i for i, e in enumerate(w.entries) if e.key == "audit")
    item = w.nav.item(row)
    assert item.text() == "Nhật ký"
    assert not item.flags() & Qt.ItemFlag.ItemIsEnabled
    assert "không được phép xem nhật ký" in item.toolTip()


def test_screen_lists_newest_first_and_filters(window_for, qtmodeltester, db_path):
    """A leader sees the log newest first with Vietnamese labels; the action filter narrows it."""
    with pytest.raises(AuthError):
        Session.open(db_path, "viewer", "Sai-mat-khau-1", clock=make_clock())
    w = window_for("leader")
    save(w.ctx.session, reception())
    screen = w.go_to("audit")
    screen.refresh()
    qtmodeltester.check(screen.model)
    assert screen.model.index(0, 3).data() == "Thêm hồ sơ"
    i = screen.action.findData("login.failed")
    screen.action.setCurrentIndex(i)
    assert screen.model.rowCount() == 1
    assert screen.model.index(0, 2).data() == "viewer"
    assert screen.model.index(0, 3).data() == "Đăng nhập sai mật khẩu"
    assert "1 mục" in screen.count_label.text()


def test_officer_screen_is_disabled(make_ctx, qtbot):
    """Built for an officer, the screen queries nothing and says why."""
    from ui.screens.audit_log import AuditLogScreen

    screen = AuditLogScreen(make_ctx("officer"))
    qtbot.addWidget(screen)
    assert not screen.check_button.isEnabled() and not screen.table.isEnabled()
    assert screen.model.rowCount() == 0 and "nhật ký" in screen.notice.text()


def test_check_the_chain_in_plain_words(make_ctx, qtbot):
    """"Kiểm tra chuỗi" says the log is intact."""
    from ui.screens.audit_log import AuditLogScreen

    screen = AuditLogScreen(make_ctx("admin"))
    qtbot.addWidget(screen)
    res = screen.verify()
    assert res["ok"] and "nguyên vẹn" in screen.result.text()


def test_idle_lock_covers_and_asks_the_same_password(make_ctx, qtbot):
    """After the idle time the window is covered and a dialog asks the user's password; a wrong one keeps it
    locked (and counts as a failed log-in), the right one unlocks; an open form keeps its text meanwhile."""
    from PySide6.QtWidgets import QLineEdit

    from ui.idle_lock import IdleLock, _Cover
    from ui.main_window import MainWindow

    ctx = make_ctx("officer")
    w = MainWindow(ctx)
    qtbot.addWidget(w)
    w.idle_lock.stop()
    w.show()
    typed = QLineEdit("đang nhập dở")
    w.statusBar().addWidget(typed)
    lock = IdleLock(ctx, w, timeout_ms=150)
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    assert lock.is_locked and w.findChildren(_Cover)
    lock.dialog.password.setText("Sai-mat-khau-1")
    assert not lock.dialog.try_unlock()
    assert lock.is_locked and lock.dialog.error.isVisible()
    n_failed = ctx.session.db.conn.execute(
        "SELECT failed_logins FROM users WHERE name = 'officer'").fetchone()[0]
    assert n_failed == 1
    with qtbot.waitSignal(lock.unlocked, timeout=3000):
        lock.dialog.password.setText(PASSWORD)
        assert lock.dialog.try_unlock()
    assert not lock.is_locked and typed.text() == "đang nhập dở"
    qtbot.waitUntil(lambda: not w.findChildren(_Cover), timeout=2000)
    lock.stop()


def test_idle_lock_zero_means_never_and_close_session(make_ctx, qtbot):
    """A timeout of 0 never locks; "Close the session" asks the window to end the program."""
    from ui.idle_lock import IdleLock
    from PySide6.QtWidgets import QWidget

    ctx = make_ctx("officer")
    win = QWidget()
    qtbot.addWidget(win)
    lock = IdleLock(ctx, win, timeout_ms=0)
    qtbot.wait(100)
    assert not lock.is_locked
    dlg = lock.lock()
    with qtbot.waitSignal(lock.close_requested, timeout=2000):
        dlg.close_button.click()
    lock.stop()


def test_idle_minutes_from_the_unit_setting(make_ctx):
    """The idle time is the unit setting idle_lock_minutes (default 10)."""
    from app.services.unit_settings import set_setting
    from ui.idle_lock import idle_minutes

    ctx = make_ctx("admin")
    assert idle_minutes(ctx.session) == 10
    set_setting(ctx.session, "idle_lock_minutes", "3")
    assert idle_minutes(ctx.session) == 3


def test_every_column_holds_its_title_and_a_case_number_whole(window_for):
    """"Người thực hiện" lost its first and last letters and "Lượt tiếp công dân 00004…" its case number: a
    column is never narrower than its title, and the record column holds a reception's case number whole."""
    from PySide6.QtGui import QFontMetrics

    w = window_for("leader")
    save(w.ctx.session, reception())
    screen = w.go_to("audit")
    table, model = screen.table, screen.table.model()
    bold = table.horizontalHeader().font()
    bold.setBold(True)
    for i in range(model.columnCount() - 1):  # the last one stretches
        title = model.headerData(i, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        assert table.columnWidth(i) >= QFontMetrics(bold).horizontalAdvance(title) + 12, title
    record = next(i for i, c in enumerate(model.columns) if c.key == "record")
    text = "Lượt tiếp công dân 00004-2026-714"
    assert table.columnWidth(record) >= table.fontMetrics().horizontalAdvance(text) + 8
