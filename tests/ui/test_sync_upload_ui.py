"""The commune's "Gửi lên máy chủ" panel: the settings dialog never shows the stored password back, "Gửi ngay"
uploads to a real WebDAV server, a wrong password is shown in plain Vietnamese and stops the timer's retries, the
timer drains the queue once the server is back; roles disable what they may not do, with the reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QInputDialog

from app.services import records, setup, sync_keys, sync_upload
from app.services.session import Session
from tests.app.conftest import PASSWORD, make_clock
from tests.app.test_sync_webdav import PASSWORD as DAV_PASSWORD, USER as DAV_USER, dav  # noqa: F401 (fixture)


@pytest.fixture
def password_typed(monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (PASSWORD, True)))


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    d = tmp_path_factory.mktemp("sync-upload-ui")
    setup.init(d / "c.db", "4", "commune", "admin", PASSWORD, clock=make_clock())
    setup.init(d / "u.db", "1", "upper", "admin", PASSWORD, clock=make_clock())
    u = Session.open(d / "u.db", "admin", PASSWORD, clock=make_clock())
    c = Session.open(d / "c.db", "admin", PASSWORD, clock=make_clock())
    sync_keys.export_keyfile(u, d / "u.dvkey", password=PASSWORD)
    sync_keys.trust(c, d / "u.dvkey")
    from app.services import accounts

    accounts.add_user(c.db, "canbo", "officer", PASSWORD, by="admin")
    u.close()
    c.close()
    return d


@pytest.fixture
def commune(qt_app, templates, tmp_path):
    from ui.context import AppContext, open_settings

    shutil.copyfile(templates / "c.db", tmp_path / "c.db")
    shutil.copy2(sync_keys.keys_path(templates / "c.db"), sync_keys.keys_path(tmp_path / "c.db"))
    s = Session.open(tmp_path / "c.db", "admin", PASSWORD, clock=make_clock())
    records.save(s, {"type": "dialogue", "held_on": "2026-10-05", "chair": "Nguyễn Đình Khôi", "participants": 30,
                     "topics": "Đối thoại về thu gom rác thải"})
    yield AppContext(s, open_settings(tmp_path / "c.ini"))
    s.close()


def _screen(ctx, qtbot):
    from ui.screens.sync import SyncScreen

    screen = SyncScreen(ctx)
    qtbot.addWidget(screen)
    return screen


def _fill_settings(monkeypatch, url, user, password):
    from ui.screens import sync_upload as panel_mod

    def fake_exec(dialog):
        dialog.url.setText(url)
        dialog.user.setText(user)
        dialog.password.setText(password)
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(panel_mod.UploadSettingsDialog, "exec", fake_exec)


def test_send_now_needs_settings_first_and_says_so(commune, qtbot):
    """Without an upload server, Send now is disabled with the reason; the panel says how to set it up."""
    screen = _screen(commune, qtbot)
    p = screen.upload
    assert not p.send_button.isEnabled() and "Cài đặt gửi lên máy chủ" in p.send_button.toolTip()
    assert p.settings_button.isEnabled() and "Chưa cài đặt" in p.state_label.text()


def test_settings_dialog_never_shows_the_stored_password(commune, qtbot, monkeypatch):
    """Saving the settings keeps the password sealed; the dialog opened again shows an empty password field."""
    from ui.screens.sync_upload import UploadSettingsDialog

    _fill_settings(monkeypatch, "https://dav.example.vn/inbox/", "xa-ba-dinh", "Bi-mat 123")
    screen = _screen(commune, qtbot)
    assert screen.upload.edit_settings()["configured"]
    again = UploadSettingsDialog(commune, sync_upload.get_settings(commune.session))
    qtbot.addWidget(again)
    assert again.password.text() == "" and "giữ mật khẩu" in again.password.placeholderText()
    assert again.url.text() == "https://dav.example.vn/inbox/" and screen.upload.send_button.isEnabled()


def test_send_now_uploads_and_the_panel_says_the_queue_is_empty(commune, qtbot, monkeypatch, dav, answer_boxes,
                                                              password_typed):
    """"Gửi ngay" writes the bundle and uploads it; the result is told; the queue is empty."""
    _fill_settings(monkeypatch, dav.url(), DAV_USER, DAV_PASSWORD)
    screen = _screen(commune, qtbot)
    screen.upload.edit_settings()
    res = screen.upload.send_now()
    assert len(res["sent"]) == 1 and len(list((dav.root / "inbox").iterdir())) == 1
    assert "Đã tải 1 gói" in answer_boxes.asked[-1]["text"] or "1" in answer_boxes.asked[-1]["text"]
    assert "trống" in screen.upload.state_label.text() or "empty" in screen.upload.state_label.text()


def test_a_wrong_password_is_shown_and_the_timer_leaves_it_alone(commune, qtbot, monkeypatch, dav, answer_boxes,
                                                                 password_typed):
    """401: the panel shows the server's refusal in Vietnamese and that it will not retry by itself; the timer's
    tick starts no upload; fixing the settings lets the next tick send it."""
    _fill_settings(monkeypatch, dav.url(), DAV_USER, "sai")
    screen = _screen(commune, qtbot)
    p = screen.upload
    p.edit_settings()
    p.send_now()
    assert "cần bạn xử lý" in answer_boxes.asked[-1]["text"] or "needs you" in answer_boxes.asked[-1]["text"]
    assert p.error_label.isVisibleTo(p) and "từ chối tài khoản" in p.error_label.text()
    assert "không tự thử lại" in p.detail_label.text() or "not retried" in p.detail_label.text()
    assert p.tick() is None  # blocked: nothing to run
    _fill_settings(monkeypatch, dav.url(), DAV_USER, DAV_PASSWORD)
    p.edit_settings()  # saving unblocks; the target must be opened again
    assert p.target is None and p.tick() is None
    p.send_now()
    assert len(list((dav.root / "inbox").iterdir())) == 1 and not p.error_label.isVisibleTo(p)


def test_the_timer_sends_when_the_server_is_back(commune, qtbot, monkeypatch, dav, answer_boxes, password_typed):
    """With the server down the bundle waits (a network error keeps backing off); once it is back and the item is
    due, the timer's run uploads it in the background."""
    from app.clock import Clock
    from tests.app.conftest import NOW
    from datetime import timedelta

    _fill_settings(monkeypatch, dav.url(), DAV_USER, DAV_PASSWORD)
    screen = _screen(commune, qtbot)
    p = screen.upload
    p.edit_settings()
    dav.stop()
    p.send_now()
    assert "tự thử lại" in answer_boxes.asked[-1]["text"] or "tried again" in answer_boxes.asked[-1]["text"]
    assert p.state["waiting"] == 1 and not p.state["blocked"]
    dav.start()
    assert p.tick() is None  # not due yet (back-off of one minute)
    commune.session.clock = Clock(NOW + timedelta(minutes=2))
    job = p.tick()
    assert job is not None
    qtbot.waitUntil(lambda: p.job is None, timeout=30_000)
    assert p.state["waiting"] == 0 and len(list((dav.root / "inbox").iterdir())) == 1


def test_an_officer_may_send_but_not_change_the_settings(templates, qt_app, qtbot, tmp_path):
    """Roles: the settings button is disabled for an officer with the reason as its tooltip."""
    from ui.context import AppContext, open_settings

    shutil.copyfile(templates / "c.db", tmp_path / "c.db")
    s = Session.open(tmp_path / "c.db", "canbo", PASSWORD, clock=make_clock())
    try:
        screen = _screen(AppContext(s, open_settings(tmp_path / "o.ini")), qtbot)
        assert not screen.upload.settings_button.isEnabled() and screen.upload.settings_button.toolTip()
    finally:
        s.close()


def test_the_settings_try_the_connection_before_they_are_relied_on(commune, dav, qtbot, answer_boxes):
    """"Thử kết nối" asks the folder with what is typed — a wrong password is said as the server's refusal, the
    right one as a connection that works; nothing is stored either way (the queue's first failure came days later)."""
    from ui.screens.sync_upload import UploadSettingsDialog

    dlg = UploadSettingsDialog(commune, sync_upload.get_settings(commune.session))
    qtbot.addWidget(dlg)
    dlg.url.setText(dav.url())
    dlg.user.setText(DAV_USER)
    assert dlg.try_connection() is False and "nhập mật khẩu" in answer_boxes.asked[-1]["text"].lower()
    dlg.password.setText("sai mật khẩu")
    assert dlg.try_connection() is False and "từ chối tài khoản" in answer_boxes.asked[-1]["text"]
    dlg.password.setText(DAV_PASSWORD)
    assert dlg.try_connection() is True and "máy chủ trả lời" in answer_boxes.asked[-1]["text"]
    assert sync_upload.get_settings(commune.session)["configured"] is False  # tried, not stored
