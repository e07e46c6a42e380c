"""The upper level's review (app/services/sync_review.py): conflicts shown field by field and settled either way
(audited, through the storage write path, `danvan check` still clean), quarantined records listed with their
commune, silent communes, the navigation badge's counts; and `stats --by-unit` as text, one line per unit."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.clock import Clock
from app.errors import DanvanError, PermissionDenied
from app.services import (check as check_service, records as record_service, setup, sync_ack, sync_export,
                          sync_import, sync_keys, sync_review, unit_settings)
from app.services.session import Session
from app.storage import audit, records as store, sync_log
from app.storage.db import write_transaction

PASSWORD = "Kiem-tra-2026!"
NOW = datetime(2026, 11, 23, 10, 0)
T0 = NOW.replace(tzinfo=timezone.utc)
SAME_ID = "019a0000-0000-7000-8000-000000000001"
COMMUNES = {"a": "00004", "b": "00008"}


def _open(path: Path, user: str = "admin") -> Session:
    return Session.open(path, user, PASSWORD, clock=Clock(NOW))


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    d = tmp_path_factory.mktemp("review")
    setup.init(d / "u.db", "1", "upper", "admin", PASSWORD, clock=Clock(NOW))
    for k, code in COMMUNES.items():
        setup.init(d / f"{k}.db", code, "commune", "admin", PASSWORD, clock=Clock(NOW))
    u = _open(d / "u.db")
    from app.services import accounts

    accounts.add_user(u.db, "viewer", "viewer", PASSWORD, by="admin")
    sync_keys.export_keyfile(u, d / "u.dvkey", password=PASSWORD)
    for k in COMMUNES:
        c = _open(d / f"{k}.db")
        sync_keys.trust(c, d / "u.dvkey")
        sync_keys.export_keyfile(c, d / f"{k}.dvkey", password=PASSWORD)
        sync_keys.trust(u, d / f"{k}.dvkey")
        c.close()
    u.close()
    return d


@pytest.fixture
def world(templates, tmp_path):
    out = {}
    for name in ("u", *COMMUNES):
        shutil.copyfile(templates / f"{name}.db", tmp_path / f"{name}.db")
        shutil.copyfile(sync_keys.keys_path(templates / f"{name}.db"), sync_keys.keys_path(tmp_path / f"{name}.db"))
        out[name] = _open(tmp_path / f"{name}.db")
    (tmp_path / "out").mkdir()
    out["dir"] = tmp_path / "out"
    yield out
    for k in ("u", *COMMUNES):
        out[k].close()


def _dialogue(chair: str, participants: int, **kw) -> dict:
    return {"type": "dialogue", "id": SAME_ID, "held_on": "2026-10-05", "chair": chair, "participants": participants,
            "topics": "Đối thoại về thu gom rác thải", **kw}


def _conflict(w) -> int:
    """Both communes hold a record with the same id; A's bundle comes first, B's becomes an other_site conflict."""
    record_service.save(w["a"], _dialogue("Nguyễn Đình Khôi", 30))
    record_service.save(w["b"], _dialogue("Lò Thị Ưng", 45, commitments="Lắp thêm thùng rác"))
    for k in ("a", "b"):
        res = sync_export.export_bundle(w[k], w["dir"], password=PASSWORD)
        got = sync_import.import_bundles(w["u"], [Path(res["file"])], password=PASSWORD)["bundles"][0]
    assert got["conflicts"] == 1
    [c] = sync_review.conflicts(w["u"])
    return c["id"]


def test_a_conflict_is_listed_with_its_commune_and_its_differences(world):
    """The queue names the record, the commune that sent the version received and how many fields differ; the
    detail lists both versions field by field, differing fields flagged, in Vietnamese labels."""
    cid = _conflict(world)
    [c] = sync_review.conflicts(world["u"])
    assert c["reason"] == "other_site" and c["unit_code"] == "00008" and "Ngọc Hà" in c["unit_name"]
    assert c["differences"] == 3 and "thu gom rác" in c["title"]
    d = sync_review.conflict_detail(world["u"], cid)
    by = {f["path"]: f for f in d["fields"]}
    assert by["chair"]["local"] == "Nguyễn Đình Khôi" and by["chair"]["incoming"] == "Lò Thị Ưng"
    assert by["chair"]["differs"] and by["participants"]["differs"] and not by["topics"]["differs"]
    assert by["commitments"] == {"path": "commitments", "label": "Nội dung tiếp thu, giải trình, cam kết",
                                 "local": "", "incoming": "Lắp thêm thùng rác", "differs": True}
    assert d["conflict"]["local_unit"]["unit_code"] == "00004"


def test_taking_the_version_received_writes_it_and_is_audited(world):
    """"Dùng bản mới nhận": the record becomes the received version with the sender's rev and owner_site, the
    conflict is settled by this user, the audit entry carries the new state, and `check` stays clean."""
    cid = _conflict(world)
    u = world["u"]
    res = sync_review.resolve(u, cid, "incoming")
    assert res == {"id": cid, "choice": "incoming", "record_id": SAME_ID}
    s = store.get(u.db, "dialogue", SAME_ID)
    assert s.record["chair"] == "Lò Thị Ưng" and s.owner_site == world["b"].site_id and s.rev == 1
    assert sync_review.conflicts(u) == []
    e = next(e for e in audit.recent(u.db, 20) if e["action"] == "sync.conflict.take_incoming")
    assert e["record_id"] == SAME_ID and e["user"] == "admin"
    assert check_service.check(u)["ok"], check_service.check(u)["problems"]
    with pytest.raises(DanvanError) as info:
        sync_review.resolve(u, cid, "keep")
    assert info.value.key == "sync.review.already_resolved" and "admin" in info.value.message("vi")


def test_keeping_the_current_version_changes_no_record(world):
    """"Giữ bản hiện có": the record stays as it was, the conflict is settled and the choice audited."""
    cid = _conflict(world)
    u = world["u"]
    before = store.get(u.db, "dialogue", SAME_ID)
    sync_review.resolve(u, cid, "keep")
    after = store.get(u.db, "dialogue", SAME_ID)
    assert (after.record, after.rev, after.owner_site) == (before.record, before.rev, before.owner_site)
    assert any(e["action"] == "sync.conflict.keep_local" and SAME_ID in e["detail"] for e in audit.recent(u.db, 20))
    assert sync_review.attention(u)["conflicts"] == 0 and check_service.check(u)["ok"]


def test_a_viewer_sees_the_queue_but_cannot_settle(world):
    """Reading the queue is open to every role; settling needs the right to import."""
    cid = _conflict(world)
    v = _open(world["u"].path, "viewer")
    try:
        assert len(sync_review.conflicts(v)) == 1
        with pytest.raises(PermissionDenied):
            sync_review.resolve(v, cid, "incoming")
    finally:
        v.close()
    assert len(sync_review.conflicts(world["u"])) == 1


def test_an_outdated_conflict_cannot_overwrite_a_newer_record(world):
    """When the record changed after the conflict was found (a newer bundle), taking the old received version is
    refused and nothing changes."""
    cid = _conflict(world)
    u = world["u"]
    # A newer copy from A arrives (A's rev 2): the stored record moves on.
    record_service.save(world["a"], _dialogue("Nguyễn Đình Khôi", 31))
    res = sync_export.export_bundle(world["a"], world["dir"], password=PASSWORD)
    sync_import.import_bundles(u, [Path(res["file"])], password=PASSWORD)
    with pytest.raises(DanvanError) as info:
        sync_review.resolve(u, cid, "incoming")
    assert info.value.key == "sync.review.outdated"
    assert store.get(u.db, "dialogue", SAME_ID).record["participants"] == 31
    assert len(sync_review.conflicts(u)) == 1


def test_quarantined_records_are_listed_with_their_commune_and_counted_until_a_good_copy_arrives(world):
    """A record set aside at import is listed (bundle, commune, record, reason) and counted on the badge; once a
    valid copy of the same record is held, it is shown as settled and no longer counted."""
    u = world["u"]
    record_service.save(world["a"], _dialogue("Nguyễn Đình Khôi", 30))
    res = sync_export.export_bundle(world["a"], world["dir"], password=PASSWORD)
    sync_import.import_bundles(u, [Path(res["file"])], password=PASSWORD)
    bundle_id = res["bundle_id"]
    with write_transaction(u.db):
        sync_log.add_quarantined(u.db, bundle_id=bundle_id, sender_site=world["a"].site_id, entity="dialogue",
                                 record_id="019a0000-0000-7000-8000-00000000ffff",
                                 record={"entity": "dialogue", "record": {"topics": "Họp dân tổ 5"}},
                                 reason="invalid: held_on: bắt buộc", at="2026-11-23T10:00:00+00:00")
        sync_log.add_quarantined(u.db, bundle_id=bundle_id, sender_site=world["a"].site_id, entity="dialogue",
                                 record_id=SAME_ID, record={"entity": "dialogue", "record": {"topics": "cũ"}},
                                 reason="reference_missing", at="2026-11-23T10:00:00+00:00")
    rows = sync_review.quarantined(u)
    assert [r["reason"] for r in rows] == ["reference_missing", "invalid: held_on: bắt buộc"]
    assert rows[1]["unit_code"] == "00004" and rows[1]["title"] == "Họp dân tổ 5" and rows[1]["bundle_id"] == bundle_id
    assert rows[0]["settled"] and not rows[1]["settled"]
    att = sync_review.attention(u)
    assert att["quarantined"] == 1 and att["count"] == 1


def test_a_silent_commune_is_marked_after_the_configured_days(world):
    """A commune with no bundle for more than 30 days (counted from its registration when it never sent) is silent;
    the setting sync_silent_days moves the limit; one that sent recently is not."""
    u = world["u"]
    record_service.save(world["a"], _dialogue("Nguyễn Đình Khôi", 30))
    res = sync_export.export_bundle(world["a"], world["dir"], password=PASSWORD)
    sync_import.import_bundles(u, [Path(res["file"])], password=PASSWORD)
    at = {c["unit_code"]: c for c in sync_review.communes(u, now=T0 + timedelta(days=31))}
    assert at["00004"]["silent"] and at["00008"]["silent"] and at["00008"]["silent_for"] == 31
    assert not any(c["silent"] for c in sync_review.communes(u, now=T0 + timedelta(days=30)))
    unit_settings.set_setting(u, "sync_silent_days", "45")
    assert not any(c["silent"] for c in sync_review.communes(u, now=T0 + timedelta(days=31)))
    assert sync_review.attention(u, now=T0 + timedelta(days=46))["silent"] == 2


def test_the_badge_counts_unsent_records_at_a_commune(world):
    """At a commune the badge counts the records not yet sent; a written bundle clears it."""
    a = world["a"]
    assert sync_review.attention(a) == {"level": "commune", "unsent": 0, "count": 0, "more": False}
    record_service.save(a, _dialogue("Nguyễn Đình Khôi", 30))
    assert sync_review.attention(a)["count"] == 1
    sync_export.export_bundle(a, world["dir"], password=PASSWORD)
    assert sync_review.attention(a)["count"] == 0


def test_the_commune_badge_stops_counting_at_its_cap(world, monkeypatch):
    """On the start-up path the count stops at the cap (a commune that never sent has a long change log) and
    says there are more; an edited record counts once."""
    a = world["a"]
    monkeypatch.setattr(sync_review, "ATTENTION_CAP", 2)
    def fresh(n):  # a record of its own (the helper's id is shared on purpose elsewhere)
        return {k: v for k, v in _dialogue("Nguyễn Đình Khôi", n).items() if k != "id"}

    rid = record_service.save(a, fresh(30))
    record_service.save(a, {**record_service.get(a, "dialogue", rid), "participants": 99})
    assert sync_review.attention(a) == {"level": "commune", "unsent": 1, "count": 1, "more": False}
    record_service.save(a, fresh(31))
    record_service.save(a, fresh(32))
    assert sync_review.attention(a) == {"level": "commune", "unsent": 2, "count": 2, "more": True}


def _cli_env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_")}
    env.update({"XDG_DATA_HOME": str(tmp_path / "xdg"), "XDG_STATE_HOME": str(tmp_path / "xdg"),
                "XDG_CONFIG_HOME": str(tmp_path / "xdg"), "DANVAN_USER": "admin", "DANVAN_PASSWORD": PASSWORD})
    return env


def test_stats_by_unit_prints_one_line_per_unit(world, tmp_path):
    """`danvan stats --by-unit` (human text) prints one line per commune with its counts, as the JSON has them."""
    record_service.save(world["a"], _dialogue("Nguyễn Đình Khôi", 30))
    res = sync_export.export_bundle(world["a"], world["dir"], password=PASSWORD)
    sync_import.import_bundles(world["u"], [Path(res["file"])], password=PASSWORD)
    proc = subprocess.run([sys.executable, "-m", "app", "--db", str(world["u"].path), "stats", "--by-unit"],
                          capture_output=True, text=True, env=_cli_env(tmp_path), timeout=60)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    a_line = next(ln for ln in lines if ln.strip().startswith("00004 "))
    b_line = next(ln for ln in lines if ln.strip().startswith("00008 "))
    assert "Phường Ba Đình" in a_line and "Đối thoại 1" in a_line and "Đối thoại 0" in b_line


def _send(w, k: str) -> dict:
    res = sync_export.export_bundle(w[k], w["dir"], password=PASSWORD)
    return sync_import.import_bundles(w["u"], [Path(res["file"])], password=PASSWORD)["bundles"][0]


def _receipt(w, k: str) -> dict:
    out = w["dir"] / f"{k}.dvack"
    sync_ack.export_ack(w["u"], COMMUNES[k], out, password=PASSWORD)
    return sync_ack.import_ack(w[k], out)


def test_a_version_sent_again_while_under_review_is_still_one_conflict(world):
    """A commune re-sends what is not acknowledged: the same version again is not a second conflict (nor settled
    ones brought back), a newer version brings the one open conflict up to date."""
    _conflict(world)
    again = _send(world, "b")
    assert again["conflicts"] == 0 and again["ignored"] == 1
    assert len(sync_review.conflicts(world["u"])) == 1
    record_service.save(world["b"], {**record_service.get(world["b"], "dialogue", SAME_ID), "participants": 50})
    newer = _send(world, "b")
    assert newer["conflicts"] == 1
    [c] = sync_review.conflicts(world["u"])
    by = {f["path"]: f for f in sync_review.conflict_detail(world["u"], c["id"])["fields"]}
    assert by["participants"]["incoming"] == "50"
    sync_review.resolve(world["u"], c["id"], "keep")
    assert _send(world, "b")["conflicts"] == 0  # decided already: not asked again
    assert sync_review.attention(world["u"])["conflicts"] == 0


def test_a_receipt_agrees_when_the_upper_level_holds_a_record_for_review(world, tmp_path):
    """A record under conflict review, or held back as invalid, has reached the upper level: the receipt's state
    digest agrees, so the commune's next bundle is not a full re-send (it was every time, for ever)."""
    _conflict(world)
    got = _receipt(world, "b")
    assert got["digest_matches"] is True and not got["snapshot_next"]

    later = Clock(NOW + timedelta(days=40))  # the commune's laptop clock runs ahead: a date the upper level refuses
    ahead = Session.open(world["a"].path, "admin", PASSWORD, clock=later)
    try:
        record_service.save(ahead, {"type": "dialogue", "held_on": "2026-12-20", "chair": "Nguyễn Đình Khôi",
                                    "participants": 12, "topics": "Đối thoại về đường liên thôn"})
    finally:
        ahead.close()
    held = _send(world, "a")
    assert held["quarantined"] == 1
    assert _send(world, "a")["quarantined"] == 1  # sent again, still held: one line, not two
    assert len([q for q in sync_review.quarantined(world["u"]) if not q["settled"]]) == 1
    got = _receipt(world, "a")
    assert len(got["quarantined"]) == 1 and "Ngày đối thoại" in got["quarantined"][0]["reason"]
    assert got["digest_matches"] is True and not got["snapshot_next"]
    # `danvan ack import` names the record set aside and why (it said nothing of it)
    proc = subprocess.run([sys.executable, "-m", "app", "--db", str(world["a"].path), "ack", "import",
                           str(world["dir"] / "a.dvack")], capture_output=True, text=True, env=_cli_env(tmp_path),
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "để riêng 1 bản ghi" in proc.stdout
    held_id = got["quarantined"][0]["id"]
    assert got["quarantined"][0]["title"].endswith("Đối thoại về đường liên thôn")
    assert f"Đối thoại về đường liên thôn ({held_id}): Không hợp lệ: Ngày đối thoại" in proc.stdout
    # the list stays for the Đồng bộ screen after the message is closed, and says when the record was corrected
    kept = sync_ack.held_by_upper(world["a"])
    assert [(q["id"], q["edited"]) for q in kept["quarantined"]] == [(held_id, False)] and kept["in_review"] == []
    fixer = Session.open(world["a"].path, "admin", PASSWORD, clock=Clock(NOW + timedelta(hours=1)))
    try:
        fixed = {**record_service.get(fixer, "dialogue", held_id), "held_on": "2026-11-20"}
        record_service.save(fixer, fixed)
        assert [q["edited"] for q in sync_ack.held_by_upper(fixer)["quarantined"]] == [True]
    finally:
        fixer.close()


def test_verify_says_when_a_bundle_is_for_another_upper_level(world, templates, tmp_path):
    """`bundle verify` at an upper level that registered the commune but is not the bundle's recipient: not ok,
    "not_for_us" — as the import would say (it said "Gói hợp lệ")."""
    setup.init(tmp_path / "u2.db", "4", "upper", "admin", PASSWORD, clock=Clock(NOW))
    other = _open(tmp_path / "u2.db")
    try:
        sync_keys.trust(other, templates / "a.dvkey")
        record_service.save(world["a"], _dialogue("Nguyễn Đình Khôi", 30))
        bundle = sync_export.export_bundle(world["a"], world["dir"], password=PASSWORD)["file"]
        assert sync_import.verify_file(world["u"], bundle)["ok"] is True
        there = sync_import.verify_file(other, bundle)
        assert there["ok"] is False and there["reason"] == "not_for_us" and there["sender"] == "00004"
        assert "đơn vị khác" in there["message"]
    finally:
        other.close()


def test_a_receipt_taken_at_the_wrong_commune_names_the_commune_it_is_for(world):
    """Two communes' receipts swapped on a USB stick: refused, nothing changed, and the message says whose it is
    (and calls it a receipt — "biên nhận" — as every screen does)."""
    record_service.save(world["a"], _dialogue("Nguyễn Đình Khôi", 30))
    _send(world, "a")
    out = world["dir"] / "a.dvack"
    sync_ack.export_ack(world["u"], COMMUNES["a"], out, password=PASSWORD)
    with pytest.raises(DanvanError) as caught:
        sync_ack.import_ack(world["b"], out)
    assert caught.value.message("vi").startswith("Biên nhận này lập cho Phường Ba Đình (00004), không phải")
    assert sync_log.last_ack_seq(world["b"].db, world["b"].site_id) == 0


def _danvan(tmp_path: Path, db: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "app", "--db", str(db), *map(str, args)], capture_output=True,
                          text=True, env=_cli_env(tmp_path), timeout=120)


def test_bundle_import_tells_the_officer_what_each_file_is_and_what_to_do(world, tmp_path):
    """`danvan bundle import`: a folder, a receipt or a key file chosen by mistake is named as such; a conflict
    points to the tab where it is reviewed; a bundle imported before says when; the totals line gives no advice of
    its own (each file's line has the right one)."""
    _conflict(world)
    bundle = next(world["dir"].glob("00008_*.dvb"))
    ack = world["dir"] / "a.dvack"
    sync_ack.export_ack(world["u"], COMMUNES["a"], ack, password=PASSWORD)
    key = world["dir"] / "u.dvkey"
    sync_keys.export_keyfile(world["u"], key, password=PASSWORD)
    proc = _danvan(tmp_path, world["u"].path, "bundle", "import", world["dir"], ack, key, bundle)
    assert proc.returncode == 1
    out = proc.stdout + proc.stderr
    assert f"{world['dir']} là một thư mục — hãy chọn các tệp gói (.dvb)" in out
    assert "Tệp này là biên nhận (.dvack), không phải gói dữ liệu" in out
    assert "Tệp này là tệp khóa đơn vị (.dvkey)" in out
    assert "gói này đã được nhập lúc " in out
    assert "3/4 gói bị từ chối (lý do và việc cần làm ghi ở trên, theo từng tệp)" in out
    assert "xuất lại" not in out.split("3/4 gói")[1]

    record_service.save(world["b"], {**record_service.get(world["b"], "dialogue", SAME_ID), "participants": 50})
    newer = sync_export.export_bundle(world["b"], world["dir"].parent, password=PASSWORD)["file"]
    proc = _danvan(tmp_path, world["u"].path, "bundle", "import", newer)
    assert proc.returncode == 0, proc.stderr
    assert "1 xung đột" in proc.stdout and "thẻ \"Xung đột cần xem\"" in proc.stdout


def test_a_commune_that_changes_its_upper_level_sends_it_everything(world, tmp_path):
    """Registering another upper level's key (a district's board replaced by the province's) says what happens:
    bundles go to the new one, the first carries every record (the new one holds nothing, whatever the old one
    acknowledged), and the old one's receipts are refused. `keys show` tells which key bundles go to."""
    a = world["a"]
    record_service.save(a, _dialogue("Nguyễn Đình Khôi", 30))
    _send(world, "a")
    old_receipt = world["dir"] / "old.dvack"
    sync_ack.export_ack(world["u"], COMMUNES["a"], old_receipt, password=PASSWORD)
    assert sync_ack.import_ack(a, old_receipt)["acknowledged_seq"] > 0

    setup.init(tmp_path / "p.db", "1", "upper", "admin", PASSWORD, clock=Clock(NOW))
    new_upper = _open(tmp_path / "p.db")
    try:
        sync_keys.export_keyfile(new_upper, tmp_path / "p.dvkey", password=PASSWORD)
        res = sync_keys.trust(a, tmp_path / "p.dvkey")
        assert "từ nay gói gửi cho" in res["warning"] and "gửi lại toàn bộ dữ liệu" in res["warning"]
        again = sync_keys.trust(a, tmp_path / "p.dvkey")
        assert "đã được đăng ký ở đây" in again["warning"]
        bundle = sync_export.export_bundle(a, world["dir"], password=PASSWORD)
        assert bundle["kind"] == "snapshot" and bundle["records"] == 1
        with pytest.raises(DanvanError) as caught:
            sync_ack.import_ack(a, old_receipt)
        assert "không phải của cấp trên đơn vị đang gửi gói" in caught.value.message("vi")
        proc = _danvan(tmp_path, a.path, "keys", "show")
        assert proc.returncode == 0, proc.stderr
        assert "(cấp trên — gói gửi cho khóa này)" in proc.stdout
        assert "(cấp trên trước đây — không còn dùng)" in proc.stdout
    finally:
        new_upper.close()
