"""Quản trị → Bảo vệ dữ liệu: idle time and retention settings, the purge with its confirmation, a citizen's export."""

from __future__ import annotations

import json

from app.services import retention
from app.services.records import Incoming, apply_records
from tests.ui.conftest import citizen, reception


def _tab(make_ctx, qtbot, user="admin"):
    from ui.screens.data_protection import DataProtectionTab

    ctx = make_ctx(user)
    tab = DataProtectionTab(ctx)
    qtbot.addWidget(tab)
    return ctx, tab


def test_roles_see_disabled_actions_with_reasons(make_ctx, qtbot):
    """A leader may export a citizen's data but not change settings nor purge (disabled, with the reason)."""
    _ctx, tab = _tab(make_ctx, qtbot, "leader")
    assert tab.person_button.isEnabled()
    assert not tab.save_button.isEnabled() and "thiết lập" in tab.save_button.toolTip()
    assert not tab.purge_button.isEnabled() and tab.purge_button.toolTip()


def test_settings_saved_and_audited(make_ctx, qtbot):
    """Saving stores the idle time and the periods as audited unit settings."""
    ctx, tab = _tab(make_ctx, qtbot)
    assert tab.idle.value() == 10 and tab.years["reception"].value() == 5
    tab.idle.setValue(3)
    tab.years["reception"].setValue(2)
    assert tab.save()
    assert retention.periods(ctx.session)["reception"] == 2
    keys = [r[0] for r in ctx.session.db.conn.execute("SELECT record_id FROM audit_log WHERE action = 'setting'")]
    assert "idle_lock_minutes" in keys and "retention_reception_years" in keys


def test_purge_asks_first_and_dry_run_lists(make_ctx, qtbot, answer_boxes):
    """The dry run lists the old reception; the purge asks first, does nothing on Cancel, erases on confirm."""
    ctx, tab = _tab(make_ctx, qtbot)
    res = apply_records(ctx.session, [Incoming(1, reception(received_at="2019-03-04T08:00",
                                                            citizen=citizen("Phạm Văn Cũ", "001099000111")))],
                        action="save")
    assert not res.errors
    out = tab.run_purge(dry_run=True)
    assert out["total"] == 1 and "Lượt tiếp công dân" in tab.purge_result.toPlainText()
    assert tab.run_purge(dry_run=False) is None  # the question closed without an answer: nothing erased
    assert "xóa" in answer_boxes.asked[-1]["text"].lower()
    assert retention.purge(ctx.session, dry_run=True)["total"] == 1
    answer_boxes.push("Xóa")
    out = tab.run_purge(dry_run=False)
    assert out["total"] == 1 and retention.purge(ctx.session, dry_run=True)["total"] == 0


def test_person_export_dialog_checks_the_number_then_writes(make_ctx, qtbot, tmp_path):
    """The dialog says a bad ID number beside the field; with a good one it writes the file in the background."""
    from ui.dialogs.person_export import PersonExportDialog

    ctx = make_ctx("leader")
    apply_records(ctx.session, [Incoming(1, reception(citizen=citizen("Trịnh Văn Hỏi", "001099000555")))],
                  action="save")
    dlg = PersonExportDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.number.setText("123")
    assert dlg.export(".json", str(tmp_path / "x.json")) is None
    assert dlg.number_error.text() and not (tmp_path / "x.json").exists()
    dlg.number.setText("001099000555")
    res = dlg.export(".json", str(tmp_path / "x.json"))
    assert res["records"] == 1
    assert json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))["records"][0]["citizen"]["name"] == \
        "Trịnh Văn Hỏi"


def test_admin_screen_has_the_tab(make_ctx, qtbot):
    """Quản trị shows the "Bảo vệ dữ liệu" tab."""
    from ui.screens.admin import AdminScreen

    screen = AdminScreen(make_ctx("admin"))
    qtbot.addWidget(screen)
    assert screen.tabs.tabText(screen.tabs.indexOf(screen.protection)) == "Bảo vệ dữ liệu"


def test_admin_makes_a_new_recovery_key_that_works(make_ctx, qtbot, answer_boxes, recovery_keys_shown, tmp_path,
                                                  monkeypatch):
    """"Tạo khóa khôi phục mới…" asks first, then the admin's password (so the key opens the sync keys too), shows
    the new key once, and that key (not the old one) recovers the admin account with its sync keys; a leader sees
    the button disabled with the reason."""
    from PySide6.QtWidgets import QInputDialog

    from app.services import protection
    from tests.app.conftest import PASSWORD

    typed = []
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: typed.pop(0) if typed else ("", False)))
    _ctx, leader_tab = _tab(make_ctx, qtbot, "leader")
    assert not leader_tab.recovery_button.isEnabled() and leader_tab.recovery_button.toolTip()
    ctx, tab = _tab(make_ctx, qtbot)
    answer_boxes.push("Hủy")
    assert tab.new_recovery_key() is None and recovery_keys_shown == []
    answer_boxes.push("Tạo khóa mới")  # then the password box is cancelled: nothing is made
    assert tab.new_recovery_key() is None and recovery_keys_shown == []
    answer_boxes.push("Tạo khóa mới")
    typed.append((PASSWORD, True))
    key = tab.new_recovery_key()
    assert key and recovery_keys_shown == [key]
    assert "đã có khóa khôi phục" in tab.recovery_hint.text()
    out = protection.recover(ctx.session.path, ctx.session.user_name, key, "Mat-khau-moi-2026!")
    assert out["recovered"] and out["sync_access"] == "kept"
