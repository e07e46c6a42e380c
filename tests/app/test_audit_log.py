"""The audit log as the "Nhật ký" screen reads it: admin and leader only, newest first, filters, labels, the check."""

from __future__ import annotations

from datetime import date

import pytest

from app.errors import AuthError, PermissionDenied
from app.services import audit_log
from app.services.audit_log import Filters
from app.services.records import save
from app.services.session import Session
from tests.app.conftest import make_clock, reception


def test_only_admin_and_leader_read_the_log(session, leader, officer, viewer):
    """Admins and leaders read the log; officers and viewers are refused."""
    assert audit_log.count(session) > 0
    assert audit_log.count(leader) == audit_log.count(session)
    for s in (officer, viewer):
        with pytest.raises(PermissionDenied):
            audit_log.page(s)


def test_newest_first_with_labels(session):
    """Entries come newest first, with the action's Vietnamese label and the local time."""
    save(session, reception())
    rows = audit_log.page(session, limit=5)
    assert [r["seq"] for r in rows] == sorted((r["seq"] for r in rows), reverse=True)
    assert rows[0]["action"] == "save.create" and rows[0]["action_label"] == "Thêm hồ sơ"
    assert rows[0]["entity_label"] == "Lượt tiếp công dân"
    assert rows[0]["when"].startswith("2026-11-")
    # The case number an officer knows from the paper file, not the internal id.
    assert rows[0]["case_no"] == session.db.conn.execute("SELECT case_no FROM receptions").fetchone()[0] != None


def test_filters_by_user_action_and_day(session, db_path):
    """Filters by user, action and local day range combine; a range with nothing gives nothing."""
    with pytest.raises(AuthError):
        Session.open(db_path, "viewer", "Sai-mat-khau-1", clock=make_clock())
    save(session, reception())
    failed = Filters(action="login.failed")
    assert audit_log.count(session, failed) == 1
    assert audit_log.page(session, failed)[0]["user"] == "viewer"
    assert audit_log.count(session, Filters(user="admin", action="save.create")) == 1
    assert audit_log.count(session, Filters(user="viewer", action="save.create")) == 0
    # the failed log-in ran on the real clock; the save on the test clock (23/11/2026)
    assert audit_log.count(session, Filters(date_from=date(2026, 11, 23), date_to=date(2026, 11, 23),
                                            action="save.create")) == 1
    assert audit_log.count(session, Filters(date_from=date(2020, 1, 1), date_to=date(2020, 12, 31))) == 0


def test_every_known_action_has_a_vietnamese_label():
    """Every action the application writes has its own label; an unknown one keeps its key visible."""
    for key in ("login.failed", "login.locked", "user.add", "user.passwd", "print", "print.confidential", "export",
                "export.confidential", "read.confidential", "sync.bundle_import", "import", "delete", "setting",
                "calendar", "init", "backup", "restore", "purge", "person.export"):
        assert audit_log.action_label(key, "vi") != key
        assert audit_log.action_label(key, "en") != key
    assert "sync.new_thing" in audit_log.action_label("sync.new_thing")
    assert audit_log.action_label("totally.new") == "totally.new"


def test_choices_list_users_and_actions(session):
    """The filter lists hold the users present in the log and every action with its label."""
    ch = audit_log.choices(session)
    assert "admin" in ch["users"]
    assert {"action": "user.add", "label": "Thêm tài khoản"} in ch["actions"]


def test_verify_in_plain_words(session, raw_conn):
    """"Kiểm tra chuỗi" says the log is intact, then names the damage after a row is edited behind its back."""
    save(session, reception())
    res = audit_log.verify(session)
    assert res["ok"] and "nguyên vẹn" in res["summary"] and res["entries"] > 0
    raw_conn.execute("UPDATE receptions SET content = 'sửa lén'")
    res = audit_log.verify(session)
    assert not res["ok"] and res["problems"] and "vấn đề" in res["summary"]


def test_details_read_in_words():
    """The stored detail stays for scripts; the screen shows it in words."""
    row = {"action": "save.update", "detail": "status=received>resolved"}
    assert audit_log.detail_text(row, "vi") == "trạng thái: Mới tiếp nhận → Đã giải quyết"
    assert audit_log.detail_text({"action": "import", "detail": "so.xlsx +12 ~3"}, "vi") == \
        "so.xlsx: 12 hồ sơ mới, 3 cập nhật"
    assert audit_log.detail_text({"action": "read.confidential", "detail": "list"}, "en") == "seen in a list"
    assert audit_log.detail_text({"action": "backup", "detail": "b.db"}, "vi") == "b.db"


def test_key_registrations_and_bundle_imports_read_in_words():
    """Not "commune 00226 4150 0485 …" (English in a Vietnamese screen) nor a bundle's bare id."""
    from app.services.audit_log import detail_text

    trust = {"action": "sync.trust", "detail": "commune 00226 4150 0485 1234 5678 9012 3456 7890 1234 5678 9012"}
    assert detail_text(trust, "vi") == ("khóa của xã, phường 00226 — vân tay 4150 0485 1234 5678 9012 3456 7890 "
                                        "1234 5678 9012")
    bundle = {"action": "sync.bundle_import",
              "detail": "0b0e4c5e-8d9a-4a51-9f3c-1f2e3d4c5b6a 00004 1-60 +58 ~1 =0 !1 ?0"}
    assert detail_text(bundle, "vi") == "gói của 00004: 58 mới, 1 cập nhật, 0 bỏ qua, 1 xung đột, 0 giữ lại"
    assert detail_text(bundle, "en").startswith("bundle of 00004: 58 new")
    assert detail_text({"action": "sync.trust", "detail": "something else"}, "vi") == "something else"
