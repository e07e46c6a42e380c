"""The "Đồng bộ" screen: a commune's unsent count, keys and bundles; the upper level's import and receipts."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog

from app.services import records, setup, sync_keys
from app.services.session import Session
from app.storage import settings as settings_store
from app.storage.db import open_db
from tests.app.conftest import PASSWORD, make_clock, reception


@pytest.fixture
def password_typed(monkeypatch):
    """The password dialog answers with the right password; what was asked is recorded."""
    asked = []

    def fake_get_text(parent, title, label, echo=None, *a, **kw):
        asked.append({"title": title, "label": label, "echo": echo})
        return PASSWORD, True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(fake_get_text))
    return asked


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    d = tmp_path_factory.mktemp("sync-ui")
    setup.init(d / "c.db", "4", "commune", "admin", PASSWORD, clock=make_clock())
    setup.init(d / "u.db", "1", "upper", "admin", PASSWORD, clock=make_clock())
    for name in ("c.db", "u.db"):
        db = open_db(d / name)
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
    return d


@pytest.fixture
def two_units(qt_app, templates, tmp_path):
    """(commune ctx, upper ctx) on fresh databases made by init, keys exchanged through the services."""
    from ui.context import AppContext, open_settings

    sessions = []
    for name in ("c.db", "u.db"):
        shutil.copyfile(templates / name, tmp_path / name)
        shutil.copy2(sync_keys.keys_path(templates / name), sync_keys.keys_path(tmp_path / name))
        sessions.append(Session.open(tmp_path / name, "admin", PASSWORD, clock=make_clock()))
    c, u = sessions
    sync_keys.export_keyfile(u, tmp_path / "u.dvkey", password=PASSWORD)
    sync_keys.trust(c, tmp_path / "u.dvkey")
    sync_keys.export_keyfile(c, tmp_path / "c.dvkey", password=PASSWORD)
    sync_keys.trust(u, tmp_path / "c.dvkey")
    yield tuple(AppContext(s, open_settings(tmp_path / f"{i}.ini")) for i, s in enumerate(sessions))
    for s in sessions:
        s.close()


def test_commune_shows_unsent_count_and_fingerprint(make_ctx, qtbot):
    """A commune sees "Chưa gửi: N bản ghi" for its own changes and its key fingerprint in groups of four."""
    from ui.screens.sync import SyncScreen

    ctx = make_ctx("admin")
    records.save(ctx.session, reception())
    records.save(ctx.session, reception(content="Việc thứ hai"))
    screen = SyncScreen(ctx)
    qtbot.addWidget(screen)
    assert screen.unsent_label.text().startswith("Chưa gửi: 2 bản ghi (từ ")
    fp = sync_keys.site_fingerprint(ctx.session)
    assert screen.own_key.text() == fp and len(fp.split(" ")) == 10
    assert "monospace" in screen.own_key.styleSheet()  # groups of four line up
    screen.overview = {**screen.overview, "fingerprint": None}  # no key yet: a sentence, in the text's own face
    screen._show_state()
    assert screen.own_key.text().startswith("Chưa có khóa") and "monospace" not in screen.own_key.styleSheet()
    assert "chưa đăng ký" in screen.peer_key.text()
    # No upper-level key yet: sending is disabled, saying why.
    assert not screen.folder_button.isEnabled() and "khóa của cấp trên" in screen.folder_button.toolTip()


def test_a_full_resend_due_is_shown_as_unsent(make_ctx, qtbot):
    """After a receipt that disagreed with this unit's data, the screen says the next bundle sends everything again
    (it said "nothing left to send", so nobody pressed the button)."""
    from app.storage import sync_log
    from app.storage.db import write_transaction
    from ui.screens.sync import SyncScreen

    ctx = make_ctx("admin")
    records.save(ctx.session, reception())
    with write_transaction(ctx.session.db):
        sync_log.set_snapshot_due(ctx.session.db, True)
    screen = SyncScreen(ctx)
    qtbot.addWidget(screen)
    assert screen.unsent_label.text().startswith("Gói tới sẽ gửi lại toàn bộ 1 bản ghi")


def test_roles_and_demo_disable_with_reason(make_ctx, qtbot):
    """A viewer may not receive a key or take a receipt (the role's reason); a demo database may not export."""
    from app.domain import roles
    from ui.screens.sync import SyncScreen

    vctx = make_ctx("viewer")
    viewer = SyncScreen(vctx)
    qtbot.addWidget(viewer)
    assert not viewer.trust_button.isEnabled()
    assert viewer.trust_button.toolTip() == vctx.denied_reason(roles.MANAGE_SETTINGS) != ""
    assert not viewer.ack_import_button.isEnabled()
    assert viewer.ack_import_button.toolTip() == vctx.denied_reason(roles.IMPORT) != ""
    assert viewer.trust_key("/nonexistent.dvkey") is None  # the method refuses too

    admin = make_ctx("admin")
    settings_store.put(admin.session.db, "demo", "1")
    screen = SyncScreen(admin)
    qtbot.addWidget(screen)
    assert not screen.usb_button.isEnabled() and "mẫu" in screen.usb_button.toolTip()
    assert not screen.export_key_button.isEnabled() and screen.trust_button.isEnabled()
    # The hint under the empty list says why, instead of "click Write to USB" on a greyed-out button.
    assert screen.empty.text() == screen.usb_button.toolTip()


def test_round_trip_through_the_screens(two_units, qtbot, tmp_path, monkeypatch, answer_boxes, password_typed):
    """Commune saves a bundle to a folder; the upper level imports it (per-file result: imported); its receipt
    taken back at the commune empties "waiting" and dates the last receipt."""
    from ui.screens.sync import SyncScreen

    cctx, uctx = two_units
    records.save(cctx.session, reception())
    commune = SyncScreen(cctx)
    qtbot.addWidget(commune)
    assert commune.folder_button.isEnabled() and commune.peer_key.text().startswith("Khóa của cấp trên: Thành phố")
    out = tmp_path / "outbox"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(out)))
    res = commune.save_to_folder()
    assert res["records"] == 1 and password_typed[-1]["echo"].name == "Password"
    bundle = next(out.glob("*.dvb"))
    assert commune.unsent_label.text() == "Không còn bản ghi nào chưa gửi."
    assert "chờ biên nhận: 1" in commune.waiting_label.text()
    assert commune.sent_model.rowCount() == 1 and "Chờ" in commune.sent_model.index(0, 5).data()

    upper = SyncScreen(uctx)
    qtbot.addWidget(upper)
    assert upper.communes_model.rowCount() == 1 and upper.communes_model.index(0, 2).data() == "0"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(bundle), str(bundle)], "")))
    with qtbot.waitSignal(upper.imported, timeout=20_000) as got:
        upper.import_bundles()
    assert [b["status"] for b in got.args[0]["bundles"]] == ["imported", "duplicate"]
    qtbot.waitUntil(lambda: upper.job is None)
    m = upper.results_model
    assert [m.index(r, 2).data() for r in range(2)] == ["Đã nhập", "Đã nhập trước đó"]
    assert "1 mới" in m.index(0, 3).data()
    assert m.index(0, 1).data().endswith("(00004)") and m.index(0, 1).data().startswith("Phường")  # named, not a code
    # a summary over the list, and the list tall enough to show its rows (it showed one and a half)
    assert upper.results_title.text() == ("Kết quả lần nhập gần nhất: 2 tệp — 1 đã nhập, 1 đã nhập trước đó, "
                                          "0 bị từ chối")
    assert upper.split.sizes()[1] >= 2 * upper.results.verticalHeader().defaultSectionSize() \
        + upper.results.horizontalHeader().sizeHint().height()
    assert upper.communes_model.index(0, 2).data() == "1" and upper.communes_model.index(0, 3).data() == "1"
    assert upper.communes_model.index(0, 4).data() == "" and upper.communes_model.index(0, 5).data() == "Chưa có"

    upper.communes.selectRow(0)
    assert upper.ack_export_button.isEnabled()
    ack = tmp_path / "ack.dvack"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(ack), "")))
    assert upper.export_receipt() is not None and ack.exists()
    assert upper.communes_model.index(0, 5).data() != "Chưa có"  # the registry shows the receipt just made

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(ack), "")))
    assert commune.import_receipt() is not None
    assert commune.waiting_label.text() == ""
    assert commune.receipt_label.text().startswith("Cấp trên đã nhận đến ")
    assert "Đã nhận" in commune.sent_model.index(0, 5).data()


def test_rejected_bundle_shows_the_reason(two_units, qtbot, tmp_path, password_typed):
    """A file that is not a bundle is listed as refused with the core's reason sentence."""
    from ui.screens.sync import SyncScreen

    _c, uctx = two_units
    junk = tmp_path / "junk.dvb"
    junk.write_bytes(b"not a bundle at all")
    upper = SyncScreen(uctx)
    qtbot.addWidget(upper)
    with qtbot.waitSignal(upper.imported, timeout=20_000):
        upper.import_bundles([str(junk)])
    m = upper.results_model
    assert m.index(0, 2).data() == "Bị từ chối" and "không phải gói đồng bộ" in m.index(0, 3).data()


def test_trust_asks_to_compare_the_fingerprint(two_units, qtbot, tmp_path, answer_boxes, password_typed):
    """Receiving a key shows its fingerprint first; answering No registers nothing."""
    from ui.screens.sync import SyncScreen

    cctx, uctx = two_units
    upper = SyncScreen(uctx)
    qtbot.addWidget(upper)
    key = tmp_path / "c-again.dvkey"
    sync_keys.export_keyfile(cctx.session, key, password=PASSWORD)
    answer_boxes.push("no")
    assert upper.trust_key(str(key)) is None
    assert sync_keys.site_fingerprint(cctx.session) in answer_boxes.asked[-1]["text"]


def test_models_pass_the_model_tester(two_units, qtmodeltester):
    """The sync tables are well-behaved Qt models, empty and filled."""
    from ui.models.sync_tables import CommunesModel, ImportResultsModel, SentBundlesModel

    for model, rows in (
        (SentBundlesModel(), [{"bundle_id": "b", "seq_from": 1, "seq_to": 4, "records": 3, "recipient_name": "Hà Nội",
                               "file_name": "x.dvb", "created_at": "2026-11-23T03:00:00Z", "created_by": "admin",
                               "acknowledged": False}]),
        (CommunesModel(), [{"unit_code": "00004", "unit_name": "Phường Ba Đình", "fingerprint": "1234 5678",
                            "bundles": 0, "last_bundle_at": None, "records": 0}]),
        (ImportResultsModel(), [{"file": "/x/a.dvb", "sender": "00004", "status": "imported", "imported": 2,
                                 "updated": 0, "ignored": 1, "conflicts": 1, "quarantined": 0},
                                {"file": "/x/b.dvb", "status": "rejected", "message": "Hỏng"}]),
    ):
        qtmodeltester.check(model)
        model.set_rows(rows)
        qtmodeltester.check(model)


def test_a_commune_admin_makes_a_new_key_after_asking(two_units, qtbot, answer_boxes, password_typed):
    """"Tạo khóa mới…" (commune, admin): asked first — Cancel changes nothing —, then the password; the new
    fingerprint is shown and is the unit's from then on. Hidden at the upper level."""
    from ui.screens.sync import SyncScreen

    c, u = two_units
    screen = SyncScreen(c)
    qtbot.addWidget(screen)
    screen.show()
    old = sync_keys.site_fingerprint(c.session)
    assert screen.new_key_button.isEnabled()
    answer_boxes.push("Hủy")
    assert screen.new_key() is None and sync_keys.site_fingerprint(c.session) == old
    answer_boxes.push("Tạo khóa mới")
    res = screen.new_key()
    assert res["previous"] == old and sync_keys.site_fingerprint(c.session) == res["fingerprint"] != old
    assert res["fingerprint"] in answer_boxes.asked[-1]["text"] and password_typed
    upper = SyncScreen(u)
    qtbot.addWidget(upper)
    upper.show()
    assert not upper.new_key_button.isVisible()


def test_a_receipt_naming_the_commune_key_as_revoked_stops_exports_until_a_new_key(
        two_units, qtbot, tmp_path, answer_boxes, password_typed):
    """A receipt that says the upper level revoked this commune's key: the screen says so beside the last receipt,
    Write to USB and Save to a folder are disabled with the way out as their tooltip; after Tạo khóa mới… they work
    again."""
    from app.services import sync_ack
    from ui.screens.sync import SyncScreen

    c, u = two_units
    records.save(c.session, reception())
    sync_keys.revoke(u.session, "4")
    sync_ack.export_ack(u.session, "4", tmp_path / "r.dvack", password=PASSWORD)
    screen = SyncScreen(c)
    qtbot.addWidget(screen)
    assert screen.folder_button.isEnabled()
    res = screen.import_receipt(str(tmp_path / "r.dvack"))
    assert res["key_revoked"] is True
    assert "thu hồi khóa" in screen.revoked_label.text() and not screen.revoked_label.isHidden()
    for button in (screen.usb_button, screen.folder_button):
        assert not button.isEnabled() and "Tạo khóa mới" in button.toolTip()
    answer_boxes.push("Tạo khóa mới")
    screen.new_key()
    assert screen.folder_button.isEnabled() and screen.revoked_label.isHidden()


def test_a_commune_registers_an_escrow_key_after_comparing_it(two_units, qtbot, tmp_path, answer_boxes,
                                                              password_typed):
    """"Thêm khóa dự phòng…" (commune only, admins): the question names the escrow and what it means; after Yes
    the keys panel lists it under the upper level's key, and a viewer's button is disabled with the reason."""
    from app.domain import roles
    from ui.screens.sync import SyncScreen

    cctx, uctx = two_units
    commune, upper = SyncScreen(cctx), SyncScreen(uctx)
    qtbot.addWidget(commune)
    qtbot.addWidget(upper)
    assert commune.escrow_button.isVisibleTo(commune) and not upper.escrow_button.isVisibleTo(upper)
    escrow_db = tmp_path / "e.db"
    setup.init(escrow_db, "1", "upper", "admin", PASSWORD, clock=make_clock())
    e = Session.open(escrow_db, "admin", PASSWORD, clock=make_clock())
    key = tmp_path / "e.dvkey"
    sync_keys.export_keyfile(e, key, password=PASSWORD)
    fp = sync_keys.site_fingerprint(e)
    e.close()
    answer_boxes.push("Yes")
    res = commune.trust_key(str(key), escrow=True)
    assert res["escrow"] is True
    assert fp in answer_boxes.asked[-1]["text"] and "dự phòng" in answer_boxes.asked[-1]["text"]
    assert "Khóa dự phòng" in commune.peer_key.text() and fp in commune.peer_key.text()
    assert sync_keys.site_fingerprint(uctx.session) in commune.peer_key.text()  # the upper level's key stays
    viewer = SyncScreen(_viewer_ctx(cctx))
    qtbot.addWidget(viewer)
    try:
        assert not viewer.escrow_button.isEnabled()
        assert viewer.escrow_button.toolTip() == viewer.ctx.denied_reason(roles.MANAGE_SETTINGS) != ""
    finally:
        viewer.ctx.session.close()


def _viewer_ctx(ctx):
    """The same database seen by a viewer account."""
    from app.services import administration as adm
    from ui.context import AppContext, open_settings

    adm.add_user(ctx.session, "xem1", "viewer", "Xem-thu-2026!")
    s = Session.open(ctx.session.path, "xem1", "Xem-thu-2026!", clock=make_clock())
    return AppContext(s, open_settings(ctx.session.path.with_suffix(".viewer.ini")))


def test_the_history_marks_a_full_resend(qt_app):
    """A snapshot bundle in the commune's history says it sent everything again (and why, in its tooltip)."""
    from PySide6.QtCore import Qt

    from ui.models.sync_tables import SentBundlesModel

    m = SentBundlesModel()
    m.set_rows([{"kind": "snapshot", "seq_from": 1, "seq_to": 62, "records": 60},
                {"kind": "changes", "seq_from": 63, "seq_to": 63, "records": 1}])
    assert m.index(0, 2).data().endswith("(gửi lại toàn bộ)")
    assert "khi biên nhận không khớp" in m.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "gửi lại" not in m.index(1, 2).data()


def test_a_receipt_says_which_records_the_upper_level_is_reviewing(two_units, qtbot, tmp_path, answer_boxes):
    """A record under conflict review at the upper level comes back in the receipt: the commune is told it is
    being reviewed there (by its title), not asked to correct it."""
    from app.services import sync_ack, sync_export, sync_import
    from ui.screens.sync import SyncScreen

    c, u = two_units
    rid = records.save(c.session, reception(content="Xin xác nhận hộ nghèo"))
    (tmp_path / "out").mkdir()

    def send():
        f = sync_export.export_bundle(c.session, tmp_path / "out", password=PASSWORD)["file"]
        return sync_import.import_bundles(u.session, [f], password=PASSWORD)["bundles"][0]

    send()
    u.session.db.conn.execute("UPDATE receptions SET note = 'sửa ở cấp trên' WHERE id = ?", [rid])
    records.save(c.session, reception(content="Việc thứ hai"))
    assert send()["conflicts"] == 1  # the first record came again, unacknowledged, at the same revision
    sync_ack.export_ack(u.session, "4", tmp_path / "r.dvack", password=PASSWORD)
    screen = SyncScreen(c)
    qtbot.addWidget(screen)
    res = screen.import_receipt(str(tmp_path / "r.dvack"))
    assert [q["id"] for q in res["in_review"]] == [rid]
    text = answer_boxes.asked[-1]["text"]
    assert "cấp trên đang xem xét vì khác với bản cấp trên đang có" in text and "Xin xác nhận hộ nghèo" in text
    assert "không hợp lệ" not in text
    # the screen keeps saying it after the message is closed, until the next receipt
    assert not screen.held_label.isHidden() and "cấp trên đang xem xét 1 bản ghi" in screen.held_label.text()
    assert "Xin xác nhận hộ nghèo" in screen.held_label.text()


def test_upper_level_watches_its_inbox_folder_and_imports_what_arrived(two_units, qtbot, tmp_path, monkeypatch,
                                                                      password_typed):
    """The upper level's inbox (issue 6, channel 2): none chosen is said, with the import disabled saying why; a
    folder chosen is looked at on a worker; a bundle left there by a commune is counted, imported with one click
    through the result list, and moved away; a folder gone (a network drive) is said in red."""
    import os
    import time

    from app.services import sync_export
    from ui.screens.sync import SyncScreen

    cctx, uctx = two_units
    upper = SyncScreen(uctx)
    qtbot.addWidget(upper)
    panel = upper.inbox
    assert panel.label.text().startswith("Thư mục nhận gói: chưa chọn")
    assert not panel.import_button.isEnabled() and panel.import_button.toolTip() == "Hãy chọn thư mục nhận gói trước."
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(inbox)))
    assert panel.choose()["folder"] == str(inbox.resolve())
    qtbot.waitUntil(lambda: "Không có gói mới." in panel.label.text(), timeout=10_000)
    assert not panel.import_button.isEnabled()

    records.save(cctx.session, reception())
    bundle = sync_export.export_bundle(cctx.session, inbox, password=PASSWORD)["file"]
    past = time.time() - 60
    os.utime(bundle, (past, past))
    qtbot.waitUntil(lambda: panel._looking is None)
    panel.look()
    qtbot.waitUntil(lambda: "1 gói đã về, chưa nhập." in panel.label.text(), timeout=10_000)
    assert panel.import_button.isEnabled()
    with qtbot.waitSignal(upper.imported, timeout=20_000) as got:
        upper.import_inbox()
    assert [b["status"] for b in got.args[0]["bundles"]] == ["imported"]
    qtbot.waitUntil(lambda: upper.job is None)
    assert upper.results_model.index(0, 2).data() == "Đã nhập" and list(inbox.iterdir()) == []
    qtbot.waitUntil(lambda: "Không có gói mới." in panel.label.text(), timeout=10_000)

    inbox.rmdir()
    qtbot.waitUntil(lambda: panel._looking is None)
    panel.look()
    qtbot.waitUntil(lambda: "Không mở được thư mục nhận gói" in panel.label.text(), timeout=10_000)
    assert "color" in panel.label.styleSheet() and not panel.import_button.isEnabled()


def test_upper_level_revokes_a_communes_key_and_writes_its_receipt(two_units, qtbot, tmp_path, answer_boxes,
                                                                   password_typed):
    """A commune's laptop stolen: at the province "Thu hồi khóa của xã đã chọn…" (admins, a commune selected)
    asks first, revokes that key only, and offers the receipt at once — the commune's computer learns of it
    there (the commune leaves the table once revoked, so "Xuất biên nhận…" could no longer reach it)."""
    from app.services import sync_ack
    from ui.screens.sync import SyncScreen

    cctx, uctx = two_units
    upper = SyncScreen(uctx)
    qtbot.addWidget(upper)
    upper.communes.clearSelection()
    assert not upper.revoke_button.isEnabled()
    assert upper.revoke_button.toolTip() == "Hãy chọn một xã, phường trong bảng trước."
    upper.communes.selectRow(0)
    assert upper.revoke_button.isEnabled()
    answer_boxes.push("Hủy")
    assert upper.revoke_key() is None and upper.communes_model.rowCount() == 1
    receipt = tmp_path / "bien-nhan.dvack"
    answer_boxes.push("Thu hồi", "yes")
    res = upper.revoke_key(str(receipt))
    assert res["revoked"] == [sync_keys.site_fingerprint(cctx.session)]
    assert upper.communes_model.rowCount() == 0 and receipt.exists()
    assert sync_ack.import_ack(cctx.session, receipt)["key_revoked"] is True
