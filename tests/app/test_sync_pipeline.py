"""Sync between two real databases — a commune and its upper level, made as `danvan init` makes them: keys, key
exchange, bundle export and import (SYNC.md, INTERFACES.md)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from app.clock import Clock
from app.services import setup, sync_keys
from app.services.session import Session
from app.storage.db import open_db
from app.sync import keys as sync_keys_crypto
from app.sync.keyfile import KeyfileRejected

PASSWORD = "Kiem-tra-2026!"
NOW = datetime(2026, 11, 23, 10, 0)
# The shared sample, copied into tests/fixtures so CI on a clean clone (no ../shared beside it) runs these tests.
SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "samples" / "commune-sample.ndjson"


def clock() -> Clock:
    return Clock(NOW)


def _copy_db(src: Path, dest: Path) -> Path:
    shutil.copyfile(src, dest)
    shutil.copy2(sync_keys.keys_path(src), sync_keys.keys_path(dest))  # with its owner-only mode
    return dest


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """A commune (code 4, Phường Ba Đình) and an upper level (code 1, Hà Nội), set up once per module."""
    d = tmp_path_factory.mktemp("sync-templates")
    setup.init(d / "c.db", "4", "commune", "admin", PASSWORD, clock=clock())
    setup.init(d / "c2.db", "4", "commune", "admin", PASSWORD, clock=clock())
    setup.init(d / "u.db", "1", "upper", "admin", PASSWORD, clock=clock())
    for name in ("c.db", "c2.db", "u.db"):
        db = open_db(d / name)
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
    return d


@pytest.fixture
def sites(templates, tmp_path):
    """Fresh copies: (commune db, second commune db, upper db) paths, keys beside each."""
    return tuple(_copy_db(templates / n, tmp_path / n) for n in ("c.db", "c2.db", "u.db"))


@pytest.fixture
def opened():
    sessions = []

    def _open(path, user="admin", password=PASSWORD):
        s = Session.open(path, user, password, clock=clock())
        sessions.append(s)
        return s

    yield _open
    for s in sessions:
        s.close()


def exchange(commune: Session, upper: Session, tmp_path: Path) -> None:
    sync_keys.export_keyfile(upper, tmp_path / "u.dvkey", password=PASSWORD)
    sync_keys.trust(commune, tmp_path / "u.dvkey")
    sync_keys.export_keyfile(commune, tmp_path / "c.dvkey", password=PASSWORD)
    sync_keys.trust(upper, tmp_path / "c.dvkey")


# -- keys ------------------------------------------------------------------------------------------------------------

def test_init_makes_sealed_keys_beside_the_database(sites, opened):
    """init writes <db>.keys (sealed, owner-only) and the identity; the admin's password unlocks them."""
    c, _, _ = sites
    path = sync_keys.keys_path(c)
    assert path.exists() and (os.name != "posix" or (path.stat().st_mode & 0o077) == 0)
    assert b"PRIVATE" not in path.read_bytes()
    s = opened(c)
    unlocked = sync_keys.unlock(s, PASSWORD)
    assert unlocked.identity.level == "commune" and unlocked.identity.unit_code == "00004"
    assert unlocked.keypair.fingerprint == sync_keys.site_fingerprint(s)
    with pytest.raises(sync_keys_crypto.WrongKeyPassword):
        sync_keys.unlock(s, "not-the-password")


def test_key_exchange_both_ways(sites, opened, tmp_path):
    """The commune registers the upper level's key and the upper level the commune's; both are listed."""
    c, _, u = sites
    cs, us = opened(c), opened(u)
    exchange(cs, us, tmp_path)
    assert [p["level"] for p in sync_keys.show(cs)["peers"]] == ["upper"]
    upeers = sync_keys.show(us)["peers"]
    assert [(p["level"], p["unit_code"], p["fingerprint"]) for p in upeers] == [
        ("commune", "00004", sync_keys.site_fingerprint(cs))]
    actions = [r["action"] for r in cs.db.query("SELECT action FROM audit_log")]
    assert "sync.trust" in actions and "sync.key_export" in actions


def test_wrong_level_key_refused(sites, opened, tmp_path):
    """A commune's key offered to a commune (or the upper's to the upper) is refused and nothing is registered."""
    c, c2, u = sites
    cs, c2s, us = opened(c), opened(c2), opened(u)
    sync_keys.export_keyfile(c2s, tmp_path / "c2.dvkey", password=PASSWORD)
    with pytest.raises(sync_keys.TrustRefused) as e:
        sync_keys.trust(cs, tmp_path / "c2.dvkey")
    assert e.value.reason == "wrong_level" and e.value.exit_code == 1
    sync_keys.export_keyfile(us, tmp_path / "u.dvkey", password=PASSWORD)
    with pytest.raises(sync_keys.TrustRefused):
        sync_keys.trust(us, tmp_path / "u.dvkey")
    assert sync_keys.show(cs)["peers"] == [] and sync_keys.show(us)["peers"] == []


def test_forged_keyfile_refused(sites, opened, tmp_path):
    """A key file altered after signing (unit code changed) is refused."""
    c, _, u = sites
    cs, us = opened(c), opened(u)
    sync_keys.export_keyfile(us, tmp_path / "u.dvkey", password=PASSWORD)
    doc = json.loads((tmp_path / "u.dvkey").read_text("utf-8"))
    doc["identity"]["unit_code"] = "79"
    (tmp_path / "u.dvkey").write_text(json.dumps(doc), "utf-8")
    with pytest.raises(KeyfileRejected):
        sync_keys.trust(cs, tmp_path / "u.dvkey")


def test_old_database_gets_keys_on_first_need_by_an_admin(sites, opened, tmp_path):
    """A database without keys (made before sync) gets them when an admin first needs them, with their password."""
    c, _, _ = sites
    db = open_db(c)
    db.conn.execute("DELETE FROM sync_site")
    db.close()
    sync_keys.keys_path(c).unlink()
    s = opened(c)
    assert sync_keys.site_fingerprint(s) is None
    res = sync_keys.export_keyfile(s, tmp_path / "c.dvkey", password=PASSWORD)
    assert res["fingerprint"] == sync_keys.site_fingerprint(s) and sync_keys.keys_path(c).exists()


# -- bundles ---------------------------------------------------------------------------------------------------------

from app.services import records as record_service, stats as stats_service, sync_export, sync_import  # noqa: E402
from app.services.importing import import_file  # noqa: E402
from app.domain.records import PERSON_FIELDS  # noqa: E402
from app.storage import payload_lines, records as record_store, sync_log  # noqa: E402


def _total(s: Session) -> int:
    return sum(stats_service.stats(s)["total"].values())


def _dialogue(n: int) -> dict:
    return {"type": "dialogue", "held_on": f"2026-10-{n:02d}", "chair": "Nguyễn Đình Khôi", "participants": 20,
            "topics": f"Đối thoại số {n}"}


@pytest.fixture
def linked(sites, opened, tmp_path):
    """(commune session, upper session) with keys exchanged and the shared sample imported at the commune."""
    c, _, u = sites
    cs, us = opened(c), opened(u)
    exchange(cs, us, tmp_path)
    res = import_file(cs, SAMPLE)
    assert not res.errors
    (tmp_path / "out").mkdir()
    return cs, us


def _snapshot(s: Session) -> tuple:
    db = s.db
    return (_total(s), db.conn.execute("SELECT count(*) FROM change_log").fetchone()[0],
            db.conn.execute("SELECT count(*) FROM sync_bundles_received").fetchone()[0],
            db.conn.execute("SELECT count(*) FROM sync_quarantine").fetchone()[0])


def test_commune_exports_and_upper_imports_all_records(linked, tmp_path):
    """The commune's bundle carries all 60 records; the upper level imports them and its stats count them."""
    cs, us = linked
    res = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    assert res["records"] == 60 and Path(res["file"]).exists() and res["seq_from"] >= 1
    summary = sync_import.import_bundles(us, [res["file"]], password=PASSWORD)["bundles"][0]
    assert (summary["status"], summary["imported"], summary["quarantined"], summary["conflicts"]) == \
        ("imported", 60, 0, 0)
    assert _total(us) == 60
    # imported rows keep the commune's rev and owner_site
    owners = {r[0] for r in us.db.conn.execute("SELECT owner_site FROM receptions")}
    assert owners == {cs.site_id}
    digest = sync_import.sha256_file(Path(res["file"]))
    assert (sync_import.archive_dir(us.path) / f"{digest}.dvb").exists()


def test_an_index_only_upgrade_keeps_its_bundles_readable_by_an_upper_level_not_yet_upgraded(linked, tmp_path):
    """Migration 0006 adds only indexes (case-number order): its bundles still declare schema 5, so a province
    that has not installed this version yet (it refuses a schema above 5) imports them — before, every upgrade
    made the upper level upgrade first, or refuse its communes' bundles as "newer"."""
    from app.storage import migrations
    from app.sync import bundle

    assert migrations.SCHEMA_VERSION == 6 and migrations.EXCHANGE_SCHEMA_VERSION == 5
    cs, us = linked
    f = Path(sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["file"])
    assert bundle.read_manifest(f).schema_version == 5
    summary = sync_import.import_bundles(us, [f], password=PASSWORD)["bundles"][0]
    assert summary["status"] == "imported" and summary["imported"] == 60


def test_reimport_is_a_duplicate_and_changes_nothing(linked, tmp_path):
    """Importing the same bundle again reports "duplicate" and changes nothing."""
    cs, us = linked
    f = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["file"]
    sync_import.import_bundles(us, [f], password=PASSWORD)
    before = _snapshot(us)
    again = sync_import.import_bundles(us, [f], password=PASSWORD)["bundles"][0]
    assert again["status"] == "duplicate" and again["imported"] == 0
    assert _snapshot(us) == before


def test_tampered_bundle_refused_and_changes_nothing(linked, tmp_path):
    """A bundle with one byte of its payload changed is rejected; the upper level's data is untouched."""
    cs, us = linked
    f = Path(sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["file"])
    data = bytearray(f.read_bytes())
    i = data.index(b"payload.bin") + 200
    data[i] ^= 0x01
    bad = tmp_path / "bad.dvb"
    bad.write_bytes(bytes(data))
    before = _snapshot(us)
    summary = sync_import.import_bundles(us, [bad], password=PASSWORD)["bundles"][0]
    assert summary["status"] == "rejected" and summary["reason"] in ("damaged", "bad_signature")
    assert _snapshot(us) == before
    assert sync_import.verify_file(us, bad)["ok"] is False


def test_second_export_after_new_records_carries_them(linked, tmp_path):
    """Without a receipt, the next export carries everything unacknowledged, new records included; the upper
    level adds only the new ones and ignores the rest."""
    cs, us = linked
    first = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    sync_import.import_bundles(us, [first["file"]], password=PASSWORD)
    for n in (1, 2, 3):
        record_service.save(cs, _dialogue(n))
    second = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    assert second["records"] == 63 and second["seq_to"] > first["seq_to"]
    summary = sync_import.import_bundles(us, [second["file"]], password=PASSWORD)["bundles"][0]
    assert (summary["imported"], summary["ignored"]) == (3, 60)
    assert _total(us) == 63


def test_a_record_of_the_senders_day_is_not_future_at_an_upper_level_whose_clock_is_behind(linked, tmp_path):
    """Records are judged against the later of the upper level's today and the sender's day when it wrote the
    bundle: an upper level whose clock is a day behind imports a dialogue the commune held today, instead of
    quarantining it as a future date (the receipt would acknowledge it and the commune never send it again)."""
    cs, us = linked
    today = {"type": "dialogue", "held_on": NOW.date().isoformat(), "chair": "Nguyễn Đình Khôi",
             "participants": 20, "topics": "Đối thoại hôm nay"}
    record_service.save(cs, today)
    res = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    us.clock = Clock(datetime(2026, 11, 22, 10, 0))  # a day behind the commune
    summary = sync_import.import_bundles(us, [res["file"]], password=PASSWORD)["bundles"][0]
    assert (summary["status"], summary["imported"], summary["quarantined"]) == ("imported", 61, 0)
    assert us.db.conn.execute("SELECT count(*) FROM sync_quarantine").fetchone()[0] == 0


def test_a_record_dated_after_the_senders_own_day_is_still_future(linked, tmp_path):
    """The sender's day moves the bound, it does not lift it: a record dated after both days is quarantined."""
    from app.storage.migrations import EXCHANGE_SCHEMA_VERSION
    from app.sync.bundle import write_bundle

    cs, us = linked
    mine, upper = sync_keys.unlock(cs, PASSWORD), sync_keys.unlock(us, PASSWORD).identity
    line = {"entity": "dialogue", "id": "0190f0f0-0000-7000-8000-000000000001", "rev": 1, "owner_site": cs.site_id,
            "deleted": 0, "created_at": "2026-11-23T10:00:00+00:00", "created_by": "admin",
            "updated_at": "2026-11-23T10:00:00+00:00", "updated_by": "admin",
            "record": dict(_dialogue(1), id="0190f0f0-0000-7000-8000-000000000001", held_on="2026-11-24")}
    write_bundle(tmp_path / "out", [line], keys=mine.keypair, sender=mine.identity, recipients=[upper],
                 kind="changes", seq_from=1, seq_to=1, last_ack_seq=0, schema_version=EXCHANGE_SCHEMA_VERSION,
                 clock=clock())
    us.clock = Clock(datetime(2026, 11, 22, 10, 0))
    (path,) = (tmp_path / "out").glob("*.dvb")
    summary = sync_import.import_bundles(us, [path], password=PASSWORD)["bundles"][0]
    assert (summary["imported"], summary["quarantined"]) == (0, 1)
    reason = summary["quarantine"][0]["reason"]
    assert "24/11/2026" in reason and "(23/11/2026)" in reason  # judged against the sender's day, not ours


def test_acknowledged_changes_are_not_sent_again(linked, tmp_path):
    """After last_ack_seq covers every change, export writes no file and says 0 records."""
    cs, us = linked
    first = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    with sync_log_tx(cs):
        sync_log.set_last_ack_seq(cs.db, cs.site_id, first["seq_to"], "2026-11-23T10:00:00+00:00")
    assert sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD) == {
        "file": None, "bundle_id": None, "seq_from": None, "seq_to": None, "records": 0}


def sync_log_tx(s: Session):
    from app.storage.db import write_transaction

    return write_transaction(s.db)


def test_updates_raise_rev_and_same_rev_other_content_is_a_conflict(linked, tmp_path):
    """A higher rev updates the upper's copy; the same rev with other content is kept as a conflict, not applied."""
    cs, us = linked
    sync_import.import_bundles(us, [sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["file"]],
                               password=PASSWORD)
    rid = record_service.save(cs, _dialogue(9))
    sync_import.import_bundles(us, [sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["file"]],
                               password=PASSWORD)
    rec = record_service.get(cs, "dialogue", rid)
    record_service.save(cs, {**rec, "participants": 99})
    summary = sync_import.import_bundles(
        us, [sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["file"]], password=PASSWORD)
    assert summary["bundles"][0]["updated"] == 1
    assert record_service.get(us, "dialogue", rid)["participants"] == 99
    # the upper level's copy is edited behind the commune's back at the same rev: the next copy conflicts
    us.db.conn.execute("UPDATE dialogues SET participants = 5 WHERE id = ?", [rid])
    record_service.save(cs, _dialogue(10))
    summary = sync_import.import_bundles(
        us, [sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["file"]], password=PASSWORD)
    assert summary["bundles"][0]["conflicts"] == 1
    assert [c["record_id"] for c in sync_log.conflicts(us.db)] == [rid]
    # the commune hears of it in the next receipt, as under review there (not as a record to correct) …
    sync_ack.export_ack(us, "4", tmp_path / "c.dvack", password=PASSWORD)
    got = sync_ack.import_ack(cs, tmp_path / "c.dvack")
    assert [(q["id"], q["reason"], q["title"]) for q in got["in_review"]] == [
        (rid, "conflict_same_rev", "Đối thoại số 9")] and got["quarantined"] == []
    # … and no more once the upper level has settled it
    from app.services import sync_review

    sync_review.resolve(us, sync_log.conflicts(us.db)[0]["id"], sync_review.KEEP)
    us.clock = Clock(datetime(2026, 11, 23, 11, 0))  # the newer receipt is made later
    sync_ack.export_ack(us, "4", tmp_path / "c2.dvack", password=PASSWORD)
    assert sync_ack.import_ack(cs, tmp_path / "c2.dvack")["in_review"] == []
    assert sync_ack.held_by_upper(cs) == {"quarantined": [], "in_review": []}
    # the older receipt taken again afterwards (both files on one stick) does not bring the conflict back
    sync_ack.import_ack(cs, tmp_path / "c.dvack")
    assert sync_ack.held_by_upper(cs) == {"quarantined": [], "in_review": []}


def test_denouncer_identity_is_pseudonymised(linked, tmp_path):
    """A denouncer's name, ID and address never leave the commune: a stable pseudonym stands in."""
    cs, us = linked
    f = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["file"]
    sync_import.import_bundles(us, [f], password=PASSWORD)
    ids = [r[0] for r in us.db.conn.execute("SELECT id FROM receptions WHERE category = 'denunciation'")]

    def people_of(s, rid):  # the stored record, opened with that level's data key (no role masking)
        rec = record_store.get(s.db, "reception", rid).record
        return ([rec["citizen"]] if rec.get("citizen") else []) + list(rec.get("representatives") or [])

    people = [p for i in ids for p in people_of(us, i)]
    assert people and all(p["name"].startswith(sync_export.PSEUDONYM_PREFIX) and not p.get("id_number")
                          and not p.get("address") for p in people)
    real = {p["name"] for i in ids for p in people_of(cs, i)}
    assert real and not any(n.startswith(sync_export.PSEUDONYM_PREFIX) for n in real)
    assert not real & {p["name"] for p in people}


def test_bundle_from_unregistered_commune_refused(sites, opened, tmp_path):
    """A bundle signed by a commune the upper level never registered is rejected (unknown_sender)."""
    c, c2, u = sites
    cs, c2s, us = opened(c), opened(c2), opened(u)
    exchange(cs, us, tmp_path)
    sync_keys.trust(c2s, tmp_path / "u.dvkey")
    record_service.save(c2s, _dialogue(1))
    (tmp_path / "out").mkdir()
    f = sync_export.export_bundle(c2s, tmp_path / "out", password=PASSWORD)["file"]
    summary = sync_import.import_bundles(us, [f], password=PASSWORD)["bundles"][0]
    assert (summary["status"], summary["reason"]) == ("rejected", "unknown_sender")


def test_demo_database_never_exports(linked, tmp_path):
    """A database marked as demo refuses to export a bundle."""
    cs, _ = linked
    cs.db.conn.execute("UPDATE settings SET value = '1' WHERE key = 'demo'")
    with pytest.raises(Exception) as e:
        sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    assert getattr(e.value, "key", None) == "sync.demo_no_export"


# -- the command line, as the contract drives it --------------------------------------------------------------------

def _run(args, tmp_path, extra=None, *, as_json=True):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_")}
    env.update({"XDG_DATA_HOME": str(tmp_path / "xdg"), "XDG_STATE_HOME": str(tmp_path / "xdg"),
                "XDG_CONFIG_HOME": str(tmp_path / "xdg"), "DANVAN_USER": "admin", "DANVAN_PASSWORD": PASSWORD})
    env.update(extra or {})
    proc = subprocess.run([sys.executable, "-m", "app", *(["--json"] if as_json else []), *args],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    return proc.returncode, (json.loads(proc.stdout) if as_json and proc.stdout.strip() else None), proc


def test_cli_key_exchange_export_import_duplicate_and_wrong_level(tmp_path):
    """danvan keys/bundle: exchange keys, carry 60 records up, a re-import is a duplicate, a wrong-level key exits 1."""
    c, u, c2 = str(tmp_path / "c.db"), str(tmp_path / "u.db"), str(tmp_path / "c2.db")
    assert _run(["--db", c, "init", "--unit-code", "4", "--admin", "admin"], tmp_path)[0] == 0
    assert _run(["--db", c2, "init", "--unit-code", "4", "--admin", "admin"], tmp_path)[0] == 0
    assert _run(["--db", u, "init", "--unit-code", "1", "--level", "upper", "--admin", "admin"], tmp_path)[0] == 0
    assert _run(["--db", c, "import", str(SAMPLE)], tmp_path)[0] == 0
    rc, data, _ = _run(["--db", u, "keys", "export", "--out", str(tmp_path / "u.dvkey")], tmp_path)
    assert rc == 0 and len(data["fingerprint"].split()) == 10
    assert _run(["--db", c, "keys", "trust", str(tmp_path / "u.dvkey")], tmp_path)[1]["unit_code"] == "01"
    assert _run(["--db", c, "keys", "export", "--out", str(tmp_path / "c.dvkey")], tmp_path)[0] == 0
    assert _run(["--db", u, "keys", "trust", str(tmp_path / "c.dvkey")], tmp_path)[1]["unit_code"] == "00004"
    rc, data, proc = _run(["--db", c, "keys", "trust", str(tmp_path / "c.dvkey")], tmp_path)
    assert rc == 1 and data["error"]["code"] == "trust_refused", proc.stderr
    (tmp_path / "out").mkdir()
    rc, x, proc = _run(["--db", c, "bundle", "export", "--out", str(tmp_path / "out")], tmp_path)
    assert rc == 0 and x["records"] == 60, proc.stderr
    rc, y, proc = _run(["--db", u, "bundle", "import", x["file"]], tmp_path)
    assert rc == 0 and y["bundles"][0]["imported"] == 60, proc.stderr
    rc, y, _ = _run(["--db", u, "bundle", "import", x["file"]], tmp_path)
    assert rc == 0 and y["bundles"][0]["status"] == "duplicate"
    rc, v, _ = _run(["--db", u, "bundle", "verify", x["file"]], tmp_path)
    assert rc == 0 and v == {"ok": True, "sender": "00004", "reason": None}
    rc, s, _ = _run(["--db", u, "stats"], tmp_path)
    assert sum(s["total"].values()) == 60
    (tmp_path / "junk.dvb").write_bytes(b"not a bundle")
    rc, y, _ = _run(["--db", u, "bundle", "import", str(tmp_path / "junk.dvb"), x["file"]], tmp_path)
    assert rc == 1 and [b["status"] for b in y["bundles"]] == ["rejected", "duplicate"]


# -- receipts --------------------------------------------------------------------------------------------------------

from app.services import sync_ack  # noqa: E402
from app.sync.receipt import ReceiptRejected  # noqa: E402


def test_receipt_moves_last_ack_and_stops_resending(linked, tmp_path):
    """The upper level's signed receipt moves the commune's last_ack_seq: the next export has nothing to send."""
    cs, us = linked
    f = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    sync_import.import_bundles(us, [f["file"]], password=PASSWORD)
    res = sync_ack.export_ack(us, "4", tmp_path / "c.dvack", password=PASSWORD)
    assert res["high_water_seq"] == f["seq_to"]
    got = sync_ack.import_ack(cs, tmp_path / "c.dvack")
    assert got["acknowledged_seq"] == f["seq_to"] and got["digest_matches"] is True
    assert sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["records"] == 0


def test_forged_receipt_refused(linked, tmp_path):
    """A receipt whose high-water mark was raised after signing is refused and moves nothing."""
    cs, us = linked
    sync_import.import_bundles(us, [sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["file"]],
                               password=PASSWORD)
    sync_ack.export_ack(us, "4", tmp_path / "c.dvack", password=PASSWORD)
    doc = json.loads((tmp_path / "c.dvack").read_text("utf-8"))
    doc["receipt"]["high_water_seq"] += 1000
    (tmp_path / "c.dvack").write_text(json.dumps(doc), "utf-8")
    with pytest.raises(ReceiptRejected) as e:
        sync_ack.import_ack(cs, tmp_path / "c.dvack")
    assert e.value.reason == "bad_signature"
    assert sync_log.last_ack_seq(cs.db, cs.site_id) == 0


# -- password changes and sync access ---------------------------------------------------------------------------------

from app.services import accounts as account_service, administration  # noqa: E402

NEW = "Mat-khau-moi-2026"


def _officer(admin: Session, password: str = PASSWORD) -> None:
    account_service.add_user(admin.db, "canbo", "officer", password, by="admin")


def test_granted_account_exports_with_its_own_password(linked, tmp_path, opened):
    """`keys grant` lets another account unlock the keys with its own log-in password; it can then export."""
    cs, _ = linked
    _officer(cs)
    officer = opened(cs.path, "canbo")
    with pytest.raises(sync_keys_crypto.AccountCannotSync):
        sync_export.export_bundle(officer, tmp_path / "out", password=PASSWORD)
    with pytest.raises(Exception) as e:
        sync_keys.grant(cs, PASSWORD, "canbo", "not-their-password")
    assert getattr(e.value, "key", None) == "sync.grant_wrong_password"
    sync_keys.grant(cs, PASSWORD, "canbo", PASSWORD)
    assert sync_export.export_bundle(officer, tmp_path / "out", password=PASSWORD)["records"] == 60


def test_password_changes_keep_sync_access(linked, tmp_path, opened):
    """An own change rewraps with the old password; an admin's reset rewraps with the admin's: exports still work,
    and the old password no longer unlocks the keys."""
    cs, _ = linked
    _officer(cs)
    sync_keys.grant(cs, PASSWORD, "canbo", PASSWORD)
    officer = opened(cs.path, "canbo")
    assert administration.change_own_password(officer, PASSWORD, NEW) == {"sync_access": "kept"}
    with pytest.raises(sync_keys_crypto.WrongKeyPassword):
        sync_keys.unlock(officer, PASSWORD)
    assert sync_export.export_bundle(officer, tmp_path / "out", password=NEW)["records"] == 60
    res = administration.reset_password(cs, "canbo", "Mat-khau-thu-ba", admin_password=PASSWORD)
    assert res["sync_access"] == "kept"
    assert sync_keys.unlock(opened(cs.path, "canbo", "Mat-khau-thu-ba"), "Mat-khau-thu-ba").keypair.fingerprint \
        == sync_keys.site_fingerprint(cs)


def test_reset_without_the_admins_key_access_says_grant_again(linked, tmp_path, opened):
    """A reset that cannot update the key file still changes the password, drops the stale entry (the old password
    stops unlocking) and says access must be granted again; a grant restores it."""
    cs, _ = linked
    _officer(cs)
    sync_keys.grant(cs, PASSWORD, "canbo", PASSWORD)
    res = administration.reset_password(cs, "canbo", NEW)  # the screen did not ask the admin's password
    assert res["sync_access"] == "lost"
    officer = opened(cs.path, "canbo", NEW)
    with pytest.raises(sync_keys_crypto.AccountCannotSync):
        sync_keys.unlock(officer, PASSWORD)
    sync_keys.grant(cs, PASSWORD, "canbo", NEW)
    assert sync_export.export_bundle(officer, tmp_path / "out", password=NEW)["records"] == 60


def test_cli_user_passwd_then_export_and_keys_grant(tmp_path):
    """`user passwd` (own, then an admin's reset of another) keeps sync working; `keys grant` gives access."""
    c, u = str(tmp_path / "c.db"), str(tmp_path / "u.db")
    assert _run(["--db", c, "init", "--unit-code", "4", "--admin", "admin"], tmp_path)[0] == 0
    assert _run(["--db", u, "init", "--unit-code", "1", "--level", "upper", "--admin", "admin"], tmp_path)[0] == 0
    assert _run(["--db", u, "keys", "export", "--out", str(tmp_path / "u.dvkey")], tmp_path)[0] == 0
    assert _run(["--db", c, "keys", "trust", str(tmp_path / "u.dvkey")], tmp_path)[0] == 0
    assert _run(["--db", c, "import", str(SAMPLE)], tmp_path)[0] == 0
    rc, res, proc = _run(["--db", c, "user", "passwd", "admin"], tmp_path, extra={"DANVAN_NEW_PASSWORD": NEW})
    assert rc == 0 and res["sync_access"] == "kept", proc.stderr
    rc, res, _ = _run(["--db", c, "user", "add", "canbo", "--role", "officer"], tmp_path,
                      extra={"DANVAN_PASSWORD": NEW, "DANVAN_NEW_PASSWORD": PASSWORD})
    assert rc == 0
    rc, res, proc = _run(["--db", c, "keys", "grant", "canbo"], tmp_path,
                         extra={"DANVAN_PASSWORD": NEW, "DANVAN_NEW_PASSWORD": PASSWORD})
    assert rc == 0 and res["user"] == "canbo", proc.stderr
    rc, res, proc = _run(["--db", c, "user", "passwd", "canbo"], tmp_path,
                         extra={"DANVAN_PASSWORD": NEW, "DANVAN_NEW_PASSWORD": "Mat-khau-can-bo"})
    assert rc == 0 and res["sync_access"] == "kept", proc.stderr
    (tmp_path / "out").mkdir()
    rc, x, proc = _run(["--db", c, "bundle", "export", "--out", str(tmp_path / "out")], tmp_path,
                       extra={"DANVAN_USER": "canbo", "DANVAN_PASSWORD": "Mat-khau-can-bo"})
    assert rc == 0 and x["records"] == 60, proc.stderr


# -- backup and restore carry the keys; the next export is a snapshot ------------------------------------------------

from app.errors import DanvanError  # noqa: E402
from app.services import backups as backup_service  # noqa: E402


def test_backup_and_restore_move_the_keys_to_a_new_laptop(linked, sites, opened, tmp_path):
    """backup writes F.keys beside F; restore on another installation puts the keys back, the same identity
    unlocks with the same password, and the next export is a snapshot of every own record, then changes again."""
    cs, us = linked
    first = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    assert first["kind"] == "changes"
    sync_import.import_bundles(us, [first["file"]], password=PASSWORD)
    res = backup_service.backup(cs, tmp_path / "b.db")
    assert res["keys"] == str(tmp_path / "b.db.keys") and Path(res["keys"]).read_bytes() == \
        sync_keys.keys_path(cs.path).read_bytes()
    fingerprint = sync_keys.site_fingerprint(cs)
    laptop = opened(sites[1])  # another installation, with keys of its own
    assert sync_keys.site_fingerprint(laptop) != fingerprint
    # the backup's data were sealed elsewhere: the recovery key printed there is the one that works now, said
    assert backup_service.restore(laptop, tmp_path / "b.db")["other_recovery_key"] is True
    assert sync_keys.unlock(laptop, PASSWORD).keypair.fingerprint == fingerprint
    # the restored content has its own data key: until the user logs in again nothing is sent masked
    with pytest.raises(DanvanError) as refused:
        sync_export.export_bundle(laptop, tmp_path / "out", password=PASSWORD)
    assert refused.value.key == "protect.no_key"
    laptop = opened(sites[1])  # as the GUI does after a restore: closed and opened again
    snap = sync_export.export_bundle(laptop, tmp_path / "out", password=PASSWORD)
    assert (snap["kind"], snap["records"]) == ("snapshot", 60)
    summary = sync_import.import_bundles(us, [snap["file"]], password=PASSWORD)["bundles"][0]
    assert (summary["status"], summary["ignored"], summary["not_in_snapshot"]) == ("imported", 60, 0)
    assert sync_export.export_bundle(laptop, tmp_path / "out", password=PASSWORD)["kind"] == "changes"


def test_an_older_backup_on_a_new_laptop_numbers_its_changes_above_the_receipt(linked, sites, opened, tmp_path):
    """A backup older than what was sent, restored on a new laptop (no earlier numbering there to keep above): the
    upper level's receipt names higher change numbers than the file ever used. Numbering continues above them and
    the next bundle is a snapshot — before, the changes made next got numbers under the receipt's, counted as
    acknowledged, and `bundle export` said there was nothing to send (from a review of a laptop replaced)."""
    cs, us = linked
    sync_import.import_bundles(us, [sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["file"]],
                               password=PASSWORD)
    backup_service.backup(cs, tmp_path / "old.db")
    for n in range(1, 6):  # made after the backup, sent: the upper level's numbers run past the backup's
        record_service.save(cs, _dialogue(n))
    sent = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    sync_import.import_bundles(us, [sent["file"]], password=PASSWORD)

    laptop = opened(sites[1])
    backup_service.restore(laptop, tmp_path / "old.db")
    laptop = opened(sites[1])
    snap = sync_export.export_bundle(laptop, tmp_path / "out", password=PASSWORD)
    assert snap["kind"] == "snapshot" and snap["seq_to"] < sent["seq_to"]
    sync_import.import_bundles(us, [snap["file"]], password=PASSWORD)
    sync_ack.export_ack(us, "4", tmp_path / "c.dvack", password=PASSWORD)
    got = sync_ack.import_ack(laptop, tmp_path / "c.dvack")
    assert got["seq_behind"] == {"upper": sent["seq_to"], "here": snap["seq_to"]}
    assert got["snapshot_next"] is True
    sync_export.export_bundle(laptop, tmp_path / "out", password=PASSWORD)  # the snapshot asked for

    for n in range(10, 13):
        record_service.save(laptop, _dialogue(n))
    after = sync_export.export_bundle(laptop, tmp_path / "out", password=PASSWORD)
    assert (after["kind"], after["records"]) == ("changes", 3)
    assert after["seq_from"] > sent["seq_to"]
    summary = sync_import.import_bundles(us, [after["file"]], password=PASSWORD)["bundles"][0]
    assert (summary["status"], summary["imported"]) == ("imported", 3)


def test_a_mismatch_a_received_snapshot_did_not_cure_asks_no_more_snapshots(linked, sites, opened, tmp_path):
    """The upper level holds records the laptop lost (an older backup restored): the snapshot it received did not
    make the digests agree, and another would not — every receipt made the next bundle a full re-send, for ever,
    over a metered line. Now said once, no snapshot asked; changes still go up as changes."""
    cs, us = linked
    backup_service.backup(cs, tmp_path / "old.db")
    for n in range(1, 4):
        record_service.save(cs, _dialogue(n))  # sent, then lost with the laptop
    sync_import.import_bundles(us, [sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["file"]],
                               password=PASSWORD)
    laptop = opened(sites[1])
    backup_service.restore(laptop, tmp_path / "old.db")
    laptop = opened(sites[1])
    snap = sync_export.export_bundle(laptop, tmp_path / "out", password=PASSWORD)
    assert snap["kind"] == "snapshot"
    summary = sync_import.import_bundles(us, [snap["file"]], password=PASSWORD)["bundles"][0]
    assert summary["not_in_snapshot"] == 3  # the upper level is told the commune lacks three of its records
    sync_ack.export_ack(us, "4", tmp_path / "1.dvack", password=PASSWORD)
    first = sync_ack.import_ack(laptop, tmp_path / "1.dvack")
    assert first["seq_behind"] and first["snapshot_next"]  # behind: one snapshot, numbered above the receipt
    again = sync_export.export_bundle(laptop, tmp_path / "out", password=PASSWORD)
    assert again["kind"] == "snapshot"
    sync_import.import_bundles(us, [again["file"]], password=PASSWORD)
    sync_ack.export_ack(us, "4", tmp_path / "2.dvack", password=PASSWORD)
    second = sync_ack.import_ack(laptop, tmp_path / "2.dvack")
    assert (second["digest_matches"], second["digest_persistent"], second["snapshot_next"]) == (False, True, False)
    assert sync_export.export_bundle(laptop, tmp_path / "out", password=PASSWORD)["file"] is None
    record_service.save(laptop, _dialogue(20))
    assert sync_export.export_bundle(laptop, tmp_path / "out", password=PASSWORD)["kind"] == "changes"


def test_cli_ack_import_says_the_laptop_is_behind(linked, sites, opened, tmp_path):
    """The sentence says what happened (an older backup), what the program did and what to check."""
    cs, us = linked
    backup_service.backup(cs, tmp_path / "old.db")
    record_service.save(cs, _dialogue(1))  # sent after the backup was made
    sync_import.import_bundles(us, [sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["file"]],
                               password=PASSWORD)
    sync_ack.export_ack(us, "4", tmp_path / "c.dvack", password=PASSWORD)
    laptop = opened(sites[1])
    backup_service.restore(laptop, tmp_path / "old.db")
    laptop.close()
    rc, _res, out = _run(["--db", str(sites[1]), "ack", "import", str(tmp_path / "c.dvack")], tmp_path,
                         {"DANVAN_NOW": "2026-11-23T10:00"}, as_json=False)
    assert rc == 0, out.stderr
    assert "khôi phục từ một bản sao lưu cũ hơn" in out.stdout and "gửi lại toàn bộ dữ liệu" in out.stdout


def test_restore_without_its_key_file_is_refused(linked, sites, opened, tmp_path):
    """A backup whose keys are neither beside it nor the current ones is refused, and nothing changes."""
    cs, _ = linked
    backup_service.backup(cs, tmp_path / "b.db")
    (tmp_path / "b.db.keys").unlink()
    laptop = opened(sites[1])
    before, keys_before = _snapshot(laptop), sync_keys.keys_path(laptop.path).read_bytes()
    with pytest.raises(Exception) as e:
        backup_service.restore(laptop, tmp_path / "b.db")
    assert getattr(e.value, "key", None) == "restore.keys_missing"
    assert _snapshot(laptop) == before and sync_keys.keys_path(laptop.path).read_bytes() == keys_before
    # the same installation restoring its own backup needs no copy: its current keys match
    assert backup_service.restore(cs, tmp_path / "b.db")["other_recovery_key"] is False
    assert sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["kind"] == "snapshot"


# -- revocation ------------------------------------------------------------------------------------------------------

def test_bundle_signed_with_a_revoked_key_is_refused(linked, tmp_path):
    """After the upper level revokes a commune's key, its bundles are refused (revoked_sender), nothing is
    imported, and the same key file cannot be registered again."""
    cs, us = linked
    f = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["file"]
    res = sync_keys.revoke(us, "4")
    assert res == {"unit_code": "00004", "revoked": [sync_keys.site_fingerprint(cs)]}
    before = _snapshot(us)
    summary = sync_import.import_bundles(us, [f], password=PASSWORD)["bundles"][0]
    assert (summary["status"], summary["reason"]) == ("rejected", "revoked_sender")
    assert _snapshot(us) == before
    with pytest.raises(sync_keys.TrustRefused) as e:
        sync_keys.trust(us, tmp_path / "c.dvkey")
    assert e.value.reason == "revoked"
    assert sync_keys.revoke(us, "4")["revoked"] == []  # again: already revoked, nothing more


def test_a_second_installation_of_a_registered_unit_is_refused_until_the_old_key_is_revoked(linked, sites,
                                                                                               opened, tmp_path):
    """Two installations of one unit number their cases alike, so the second one's records would be held at the
    upper level for good: its key file is refused (naming the key in use and what to do) while the first one's
    key stands, and registered once it is revoked — the stolen laptop with no backup (from a review)."""
    cs, us = linked
    other = opened(sites[1])  # unit 4 as well, set up on another computer
    sync_keys.export_keyfile(other, tmp_path / "other.dvkey", password=PASSWORD)
    with pytest.raises(sync_keys.TrustRefused) as e:
        sync_keys.trust(us, tmp_path / "other.dvkey")
    assert e.value.reason == "other_site" and e.value.exit_code == 1
    assert sync_keys.site_fingerprint(cs) in str(e.value) and "keys revoke 4" in str(e.value)
    assert [p["fingerprint"] for p in sync_keys.show(us)["peers"]] == [sync_keys.site_fingerprint(cs)]
    sync_keys.revoke(us, "4")
    assert sync_keys.trust(us, tmp_path / "other.dvkey")["fingerprint"] == sync_keys.site_fingerprint(other)


@pytest.mark.parametrize("damage", ["missing", "garbage"])
def test_keys_new_works_when_the_key_file_is_lost_or_damaged(linked, tmp_path, damage):
    """A backup opened without its key file (lost with the laptop), or a damaged one: `keys new` failed with "Không
    đọc/ghi được ….keys" — the one way out of it. It makes the new keys, and the next bundle is a snapshot."""
    cs, _us = linked
    path = sync_keys.keys_path(cs.path)
    if damage == "missing":
        path.unlink()
    else:
        path.write_bytes(b"\x00 not a key file")
    res = sync_keys.new_keys(cs, PASSWORD)
    assert res["fingerprint"] != res["previous"]
    assert (res["old_key_file"] is None) == (damage == "missing")
    assert sync_keys.unlock(cs, PASSWORD).keypair.fingerprint == res["fingerprint"]
    assert sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["kind"] == "snapshot"


def test_revoking_one_key_by_its_fingerprint_keeps_the_new_one(linked, tmp_path):
    """The new key of a commune (`keys new`, same installation) registered before the old one was revoked:
    `revoke CODE --fingerprint` takes the old one only — a plain revoke took both, and the commune's next bundle,
    signed with its new key, was refused. A fingerprint not of that unit is refused, nothing revoked."""
    cs, us = linked
    old = sync_keys.site_fingerprint(cs)
    new = sync_keys.new_keys(cs, PASSWORD)["fingerprint"]
    sync_keys.export_keyfile(cs, tmp_path / "new.dvkey", password=PASSWORD)
    sync_keys.trust(us, tmp_path / "new.dvkey")
    with pytest.raises(DanvanError) as e:
        sync_keys.revoke(us, "4", fingerprint="1234 5678")
    assert e.value.key == "sync.revoke_unknown_key"
    assert all(not p["revoked"] for p in sync_keys.show(us)["peers"])
    assert sync_keys.revoke(us, "4", fingerprint=old.replace(" ", ""))["revoked"] == [old]
    bundle = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    summary = sync_import.import_bundles(us, [bundle["file"]], password=PASSWORD)["bundles"][0]
    assert summary["status"] == "imported" and new != old


def test_a_commune_with_a_revoked_key_makes_a_new_one_and_is_heard_again(linked, tmp_path):
    """`keys new` after a revocation: a new fingerprint under the same site id, the old key file kept aside; the
    upper level registers the new key file and imports the next bundle — a full snapshot, nothing duplicated."""
    cs, us = linked
    first = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    sync_import.import_bundles(us, [first["file"]], password=PASSWORD)
    old = sync_keys.site_fingerprint(cs)
    sync_keys.revoke(us, "4")
    with pytest.raises(Exception):
        sync_keys.new_keys(cs, "not the password")
    assert sync_keys.site_fingerprint(cs) == old
    res = sync_keys.new_keys(cs, PASSWORD)
    assert res["previous"] == old and res["fingerprint"] != old and Path(res["old_key_file"]).exists()
    assert sync_keys.unlock(cs, PASSWORD).keypair.fingerprint == res["fingerprint"]
    sync_keys.export_keyfile(cs, tmp_path / "c-new.dvkey", password=PASSWORD)
    assert sync_keys.trust(us, tmp_path / "c-new.dvkey")["fingerprint"] == res["fingerprint"]
    before = _total(us)
    snap = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    assert snap["kind"] == "snapshot"
    summary = sync_import.import_bundles(us, [snap["file"]], password=PASSWORD)["bundles"][0]
    assert summary["status"] == "imported" and summary["ignored"] == snap["records"] and _total(us) == before


def test_cli_keys_new_says_when_the_old_key_was_not_revoked(sites, tmp_path):
    """The window asks before making new keys; the command cannot, so it says afterwards what follows when the
    upper level has not revoked the old key (its bundles are refused until the new key file is registered)."""
    rc, _res, proc = _run(["--db", str(sites[0]), "keys", "new"], tmp_path, as_json=False)
    assert rc == 0, proc.stderr
    assert "cấp trên chưa thu hồi khóa cũ" in proc.stdout


def test_a_unit_set_up_again_numbers_its_cases_above_its_old_computers(linked, sites, opened, tmp_path):
    """A laptop lost without a backup: the unit is set up again on another computer (a new site), whose case
    numbers start from 1 — at the upper level they collided with the old computer's and each such record was held
    for good ("case_no_taken"; a case number cannot be edited). The receipt for the new computer says where the
    unit's numbering stands (`case_numbers`, only when the unit has had another computer), and it continues above."""
    from tests.app.conftest import reception

    cs, us = linked
    sync_import.import_bundles(us, [sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["file"]],
                               password=PASSWORD)
    highest = record_store.highest_case_numbers(us.db, "00004")
    assert highest  # the sample's receptions and petitions are numbered
    sync_keys.revoke(us, "4")
    again = opened(sites[1])  # unit 4 set up anew, another site
    sync_keys.trust(again, tmp_path / "u.dvkey")
    sync_keys.export_keyfile(again, tmp_path / "again.dvkey", password=PASSWORD)
    sync_keys.trust(us, tmp_path / "again.dvkey")
    receipt = sync_ack.export_ack(us, "4", tmp_path / "again.dvack", password=PASSWORD)
    taken = sync_ack.import_ack(again, tmp_path / "again.dvack")
    assert receipt["high_water_seq"] == 0 and taken["case_numbers"] == highest
    rid = record_service.save(again, reception(received_at="2026-11-21T09:00"))
    case_no = record_service.get(again, "reception", rid)["case_no"]
    year, n = int(case_no.split("-")[1]), int(case_no.split("-")[2])
    assert n == highest[year] + 1
    summary = sync_import.import_bundles(
        us, [sync_export.export_bundle(again, tmp_path / "out", password=PASSWORD)["file"]],
        password=PASSWORD)["bundles"][0]
    assert (summary["status"], summary["imported"], summary["quarantined"]) == ("imported", 1, 0)


def test_an_ordinary_receipt_carries_no_case_numbers(linked, tmp_path):
    """Written only for a unit set up again: a commune of an earlier version refuses a receipt with a field it does
    not know, so every other receipt stays as it was."""
    cs, us = linked
    sync_import.import_bundles(us, [sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["file"]],
                               password=PASSWORD)
    sync_ack.export_ack(us, "4", tmp_path / "c.dvack", password=PASSWORD)
    assert "case_numbers" not in json.loads((tmp_path / "c.dvack").read_text("utf-8"))["receipt"]


def test_a_revocation_travels_to_the_commune_in_its_receipt(linked, tmp_path):
    """SYNC.md: "revocations travel to the commune in receipts". The upper level still makes the commune's receipt
    after revoking its only key; taking it, the commune learns its key is revoked and stops exporting with a
    sentence that says what to do; after `keys new` (and the upper level registering the new key file) it exports
    again and the next receipt lists the old key only — not the new one."""
    from app.errors import DanvanError
    from app.services import sync_ack, sync_overview

    cs, us = linked
    first = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    sync_import.import_bundles(us, [first["file"]], password=PASSWORD)
    old = sync_keys.site_fingerprint(cs)
    sync_keys.revoke(us, "4")
    made = sync_ack.export_ack(us, "4", tmp_path / "r1.dvack", password=PASSWORD)
    assert made["revoked"] == [old]
    taken = sync_ack.import_ack(cs, tmp_path / "r1.dvack")
    assert taken["key_revoked"] is True and taken["acknowledged_seq"] == first["seq_to"]
    assert sync_overview.commune_overview(cs)["key_revoked"] is True
    with pytest.raises(DanvanError) as e:
        sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    assert e.value.key == "sync.own_key_revoked" and "keys new" in e.value.message("vi")
    sync_keys.new_keys(cs, PASSWORD)
    assert sync_overview.commune_overview(cs)["key_revoked"] is False
    sync_keys.export_keyfile(cs, tmp_path / "c-new.dvkey", password=PASSWORD)
    sync_keys.trust(us, tmp_path / "c-new.dvkey")
    snap = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    assert sync_import.import_bundles(us, [snap["file"]], password=PASSWORD)["bundles"][0]["status"] == "imported"
    sync_ack.export_ack(us, "4", tmp_path / "r2.dvack", password=PASSWORD)
    again = sync_ack.import_ack(cs, tmp_path / "r2.dvack")
    assert again["key_revoked"] is False
    assert json.loads((tmp_path / "r2.dvack").read_text())["receipt"]["revoked"] == [old]


def test_cli_ack_import_says_the_key_was_revoked(linked, tmp_path):
    """Through the real command: `ack import` of a receipt naming this commune's key reports it, and `bundle export`
    then exits 1 with the way out in words."""
    from app.services import sync_ack

    cs, us = linked
    sync_keys.revoke(us, "4")
    sync_ack.export_ack(us, "4", tmp_path / "r.dvack", password=PASSWORD)
    c = str(cs.path)
    cs.close()
    rc, res, proc = _run(["--db", c, "ack", "import", str(tmp_path / "r.dvack")], tmp_path)
    assert rc == 0 and res["key_revoked"] is True, proc.stderr
    (tmp_path / "out").mkdir(exist_ok=True)
    rc, res, proc = _run(["--db", c, "bundle", "export", "--out", str(tmp_path / "out")], tmp_path)
    assert rc == 1 and "keys new" in res["error"]["message"], proc.stderr


def test_cli_keys_revoke(tmp_path):
    """`danvan keys revoke CODE` revokes the unit's key (shown as revoked); an unknown unit exits 1."""
    c, u = str(tmp_path / "c.db"), str(tmp_path / "u.db")
    assert _run(["--db", c, "init", "--unit-code", "4", "--admin", "admin"], tmp_path)[0] == 0
    assert _run(["--db", u, "init", "--unit-code", "1", "--level", "upper", "--admin", "admin"], tmp_path)[0] == 0
    assert _run(["--db", c, "keys", "export", "--out", str(tmp_path / "c.dvkey")], tmp_path)[0] == 0
    assert _run(["--db", u, "keys", "trust", str(tmp_path / "c.dvkey")], tmp_path)[0] == 0
    rc, res, proc = _run(["--db", u, "keys", "revoke", "4"], tmp_path)
    assert rc == 0 and res["unit_code"] == "00004" and len(res["revoked"]) == 1, proc.stderr
    rc, res, _ = _run(["--db", u, "keys", "show"], tmp_path)
    assert [p["revoked"] for p in res["peers"]] == [True]
    assert _run(["--db", u, "keys", "revoke", "77"], tmp_path)[0] == 1
    old = _run(["--db", c, "keys", "show"], tmp_path)[1]["fingerprint"]
    rc, res, proc = _run(["--db", c, "keys", "new"], tmp_path)
    assert rc == 0 and res["previous"] == old and res["fingerprint"] != old, proc.stderr
    assert _run(["--db", c, "keys", "show"], tmp_path)[1]["fingerprint"] == res["fingerprint"]


# -- gaps ------------------------------------------------------------------------------------------------------------

def test_import_reports_the_missing_seq_range(linked, tmp_path):
    """A bundle whose sender holds a receipt for more than we have says which seq range never reached us; the
    high-water mark does not move past the gap. A first bundle, and an in-step one, report none."""
    cs, us = linked
    first = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    mid = first["seq_from"] + 29
    with sync_log_tx(cs):  # as if a receipt for the first 30 changes had come (from a copy since lost here)
        sync_log.set_last_ack_seq(cs.db, cs.site_id, mid, "2026-11-23T10:00:00+00:00")
    later = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    assert later["seq_from"] == mid + 1
    summary = sync_import.import_bundles(us, [later["file"]], password=PASSWORD)["bundles"][0]
    assert summary["status"] == "imported" and summary["gaps"] == [[1, mid]]
    assert sync_log.last_ack_seq(us.db, cs.site_id) == 0
    # the receipt carries the gap back to the commune, which is told its next bundle will fill it
    receipt = sync_ack.export_ack(us, "4", tmp_path / "gap.dvack", password=PASSWORD)
    assert receipt["gaps"] == [[1, mid]] and receipt["high_water_seq"] == 0
    assert sync_ack.import_ack(cs, tmp_path / "gap.dvack")["gaps"] == [[1, mid]]
    again = sync_import.import_bundles(us, [first["file"]], password=PASSWORD)["bundles"][0]
    assert again["gaps"] == [] and sync_log.last_ack_seq(us.db, cs.site_id) == first["seq_to"]
    assert sync_log.open_gaps(us.db, cs.site_id) == []
    record_service.save(cs, _dialogue(4))
    nxt = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    assert sync_import.import_bundles(us, [nxt["file"]], password=PASSWORD)["bundles"][0]["gaps"] == []


# -- state digest ----------------------------------------------------------------------------------------------------

def test_digest_mismatch_makes_the_next_export_a_snapshot(linked, tmp_path):
    """A receipt whose state digest disagrees makes the next export a full snapshot (every own record), once."""
    cs, us = linked
    first = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    sync_import.import_bundles(us, [first["file"]], password=PASSWORD)
    us.db.conn.execute("UPDATE receptions SET rev = rev + 1 WHERE rid = (SELECT min(rid) FROM receptions)")
    sync_ack.export_ack(us, "4", tmp_path / "c.dvack", password=PASSWORD)
    got = sync_ack.import_ack(cs, tmp_path / "c.dvack")
    assert (got["acknowledged_seq"], got["digest_matches"], got["snapshot_next"]) == (first["seq_to"], False, True)
    snap = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    assert (snap["kind"], snap["records"]) == ("snapshot", 60)
    assert sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["file"] is None  # sent once


def test_digest_not_compared_while_changes_are_still_on_the_way(linked, tmp_path):
    """Changes made after the receipt's high-water mark make the digest inconclusive: no snapshot is asked."""
    cs, us = linked
    sync_import.import_bundles(us, [sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["file"]],
                               password=PASSWORD)
    sync_ack.export_ack(us, "4", tmp_path / "c.dvack", password=PASSWORD)
    record_service.save(cs, _dialogue(5))
    got = sync_ack.import_ack(cs, tmp_path / "c.dvack")
    assert (got["digest_matches"], got["snapshot_next"]) == (None, False)
    assert sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)["kind"] == "changes"


# -- sending denouncers' identity: an audited setting, USB only ------------------------------------------------------

def test_identity_setting_sends_real_identity_in_a_usb_only_bundle(linked, tmp_path):
    """With sync_send_identity = 1 the bundle carries the denouncer's identity (marked in the signed manifest and
    the README), the export of it is audited, and neither the upload nor the outbox takes such a bundle."""
    from app.errors import DanvanError
    from app.services import sync_upload, unit_settings
    from app.sync.bundle import read_manifest
    from app.sync.channels.outbox import Outbox

    cs, us = linked
    unit_settings.set_setting(cs, "sync_send_identity", "1")
    f = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    assert f["identity_included"] and read_manifest(Path(f["file"])).identity_included
    sync_import.import_bundles(us, [f["file"]], password=PASSWORD)
    ids = [r[0] for r in us.db.conn.execute("SELECT id FROM receptions WHERE category = 'denunciation'")]
    real = [record_store.get(cs.db, "reception", i).record for i in ids]
    got = [record_store.get(us.db, "reception", i).record for i in ids]
    assert got == real and not any(sync_export.PSEUDONYM_PREFIX in json.dumps(r, ensure_ascii=False) for r in got)
    actions = [r[0] for r in cs.db.conn.execute("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 3")]
    assert "export.confidential" in actions
    with pytest.raises(DanvanError) as refused:
        sync_upload.send_now(cs, password=PASSWORD)
    assert refused.value.key == "sync.identity_usb_only"
    with pytest.raises(DanvanError):
        Outbox(tmp_path / "outbox" / "state.json", lambda p, n: None).enqueue(Path(f["file"]))
    assert not list((tmp_path / "outbox").glob("**/*.dvb"))
    unit_settings.set_setting(cs, "sync_send_identity", "0")
    record_service.save(cs, _dialogue(7))
    g = sync_export.export_bundle(cs, tmp_path / "out", password=PASSWORD)
    assert not g["identity_included"] and not read_manifest(Path(g["file"])).identity_included


def test_a_key_from_another_province_is_registered_with_a_warning(tmp_path):
    """A commune of Hà Nội registering the key of Hồ Chí Minh City's board is told to check the file (a likely
    mix-up) — the key is registered all the same; its own province's key gives no warning."""
    paths = {"c": tmp_path / "c.db", "hn": tmp_path / "hn.db", "hcm": tmp_path / "hcm.db"}
    setup.init(paths["c"], "4", "commune", "admin", PASSWORD, clock=clock())
    setup.init(paths["hn"], "1", "upper", "admin", PASSWORD, clock=clock())
    setup.init(paths["hcm"], "79", "upper", "admin", PASSWORD, clock=clock())
    s = {k: Session.open(p, "admin", PASSWORD, clock=clock()) for k, p in paths.items()}
    try:
        for k in ("hn", "hcm"):
            sync_keys.export_keyfile(s[k], tmp_path / f"{k}.dvkey", password=PASSWORD)
        assert sync_keys.trust(s["c"], tmp_path / "hn.dvkey")["warning"] is None
        res = sync_keys.trust(s["c"], tmp_path / "hcm.dvkey")
        assert "Phường Ba Đình" in res["warning"] and "Hồ Chí Minh" in res["warning"]
        assert {p["unit_code"] for p in sync_keys.show(s["c"])["peers"]} == {"01", "79"}
        sync_keys.export_keyfile(s["c"], tmp_path / "c.dvkey", password=PASSWORD)
        assert "Hà Nội" in sync_keys.trust(s["hcm"], tmp_path / "c.dvkey")["warning"]
    finally:
        for x in s.values():
            x.close()


def _without_nulls(value):
    """A payload value as the exchange format reads it: a null field is an absent one."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def _lines(db, site, secret, pending=None) -> dict:
    out = {}
    for batch in sync_export._payload_lines(db, site, secret, pending):
        for raw in batch.lines:
            line = json.loads(raw)
            assert line["entity"] == batch.entity and line["id"] not in out
            out[line["id"]] = line
    return out


def _expected_line(stored, pseudonym) -> dict:
    """What a payload line must say, worked out from the record as the application reads it (records.py)."""
    record = dict(stored.record)
    if pseudonym is not None and stored.record.get("category") == "denunciation":
        for field, is_list in PERSON_FIELDS.get(stored.entity, ()):
            people = record.get(field)
            if people:
                masked = [{"name": pseudonym(stored.id, field, i)} for i, _p in enumerate(people if is_list
                                                                                          else [people], 1)]
                record[field] = masked if is_list else masked[0]
    return {"entity": stored.entity, "id": stored.id, "rev": stored.rev, "owner_site": stored.owner_site,
            "deleted": stored.deleted, "created_at": stored.created_at, "created_by": stored.created_by,
            "updated_at": stored.updated_at, "updated_by": stored.updated_by, "record": record}


@pytest.fixture
def varied(linked):
    """The linked commune with what the sample lacks: a petition with extensions and three petitioners, a deleted
    record, and a record owned by another site (it must never travel)."""
    cs, _us = linked
    pid = record_service.save(cs, {
        "type": "petition", "received_on": "2026-09-01", "category": "complaint", "content": "Khiếu nại đền bù",
        "petitioners": [{"name": "Lê Thị Ba", "id_type": "cccd", "id_number": "001190000003"},
                        {"name": "Trần Văn Một", "phone": "0912345678"}, {"name": "Đỗ Thị Hai"}],
        "eligible": True, "accepted_on": "2026-09-05", "direction": "accept", "status": "in_progress",
        "extensions": [{"days": 15, "reason": "Vụ việc phức tạp", "decided_on": "2026-10-01"}]})
    gone = cs.db.conn.execute("SELECT id FROM dialogues ORDER BY rid LIMIT 1").fetchone()[0]
    record_service.delete(cs, "dialogue", gone)
    other = cs.db.conn.execute("SELECT id FROM receptions ORDER BY rid LIMIT 1").fetchone()[0]
    cs.db.conn.execute("UPDATE receptions SET owner_site = 'another-site' WHERE id = ?", [other])
    return cs, pid, gone, other


@pytest.mark.parametrize("with_identity", [False, True])
def test_payload_lines_say_what_the_records_say(varied, with_identity):
    """Each payload line, built by SQLite, holds exactly the record as the application reads it (sealed ID numbers
    opened, people in order, booleans, extensions, tombstones), a denouncer only as a pseudonym unless the identity
    is sent, and nothing owned by another site."""
    cs, pid, gone, other = varied
    secret = None if with_identity else "ab" * 32
    pseudonym = None if secret is None else sync_export.pseudonyms(secret)
    lines = _lines(cs.db, cs.site_id, secret)
    expected = {s.id: _expected_line(s, pseudonym) for entity in record_store.TABLES
                for s in record_store.iter_stored(cs.db, entity, include_deleted=True, owner_site=cs.site_id)}
    assert {k: _without_nulls(v) for k, v in lines.items()} == expected
    assert other not in lines and lines[gone]["deleted"] == 1 and len(lines) == 60
    petition = lines[pid]["record"]
    assert [p["name"] for p in petition["petitioners"]] == ["Lê Thị Ba", "Trần Văn Một", "Đỗ Thị Hai"]
    assert petition["petitioners"][0]["id_number"] == "001190000003" and petition["eligible"] is True
    assert petition["extensions"] == [{"days": 15, "decided_on": "2026-10-01", "reason": "Vụ việc phức tạp"}]
    stored_id = cs.db.conn.execute("SELECT id_number FROM petitions_persons WHERE record_id = ? AND pos = 1",
                                   [pid]).fetchone()[0]
    assert stored_id.startswith("e1:")  # what was opened really was sealed
    denounced = [v["record"] for v in lines.values() if v["record"].get("category") == "denunciation"]
    names = [p["name"] for r in denounced for p in ([r["citizen"]] if r.get("citizen") else [])
             + (r.get("representatives") or []) + (r.get("petitioners") or [])]
    assert names and all(n.startswith(sync_export.PSEUDONYM_PREFIX) != with_identity for n in names)


def test_pending_lines_are_the_changed_records_read_either_way(varied, monkeypatch):
    """After a receipt only the records changed since go, whether a table is walked (most of it changed) or its
    changed records are looked up by id (a few): the same lines either way."""
    cs, pid, gone, _other = varied
    secret = "ab" * 32
    everything = _lines(cs.db, cs.site_id, secret)
    after = cs.db.conn.execute("SELECT max(seq) FROM change_log WHERE id = ?", [pid]).fetchone()[0]
    record_service.save(cs, {**record_service.get(cs, "petition", pid, reveal=True), "note": "Đã đối thoại"})
    changed_dialogue = cs.db.conn.execute("SELECT id FROM dialogues WHERE deleted = 0 ORDER BY rid DESC").fetchone()[0]
    record_service.save(cs, {**record_service.get(cs, "dialogue", changed_dialogue), "note": "Bổ sung"})
    upto = cs.db.conn.execute("SELECT max(seq) FROM change_log").fetchone()[0]
    looked_up = _lines(cs.db, cs.site_id, secret, (after, upto))
    monkeypatch.setattr(payload_lines, "LOOKUP", payload_lines.WALK)  # as if most of each table had changed
    walked = _lines(cs.db, cs.site_id, secret, (after, upto))
    assert looked_up == walked and set(looked_up) == {pid, gone, changed_dialogue}  # gone: deleted after pid was made
    assert looked_up[pid]["record"]["note"] == "Đã đối thoại" and looked_up[pid]["rev"] == everything[pid]["rev"] + 1
    assert _lines(cs.db, cs.site_id, secret, (upto, upto)) == {}


def test_without_the_data_key_sealed_values_go_as_masked(varied):
    """A session without the data key cannot open an ID number: the line says "[Bảo mật]", never the sealed text."""
    cs, pid, _gone, _other = varied
    key = cs.db.field_cipher
    cs.db.field_cipher = None
    try:
        lines = _lines(cs.db, cs.site_id, "ab" * 32)
    finally:
        cs.db.field_cipher = key
    assert lines[pid]["record"]["petitioners"][0]["id_number"] == "[Bảo mật]"
    assert "e1:" not in json.dumps(list(lines.values()))


def test_a_line_whose_nested_values_came_out_as_text_stops_the_export(varied, tmp_path, monkeypatch):
    """A SQLite whose JSON functions lost the JSON mark on the way (a person or a list as a quoted string, "true"
    as text) would send records the upper level sets aside: such a line is refused, with the version, and no
    bundle file is written."""
    cs, pid, _gone, _other = varied
    good = next(line for batch in sync_export._payload_lines(cs.db, cs.site_id, "ab" * 32, None)
                if batch.entity == "petition" for line in batch.lines if json.loads(line)["id"] == pid)
    payload_lines.check_shape("petition", good)  # the real line passes
    line = json.loads(good)
    for field, bad in (("petitioners", json.dumps(line["record"]["petitioners"])), ("eligible", "true"),
                       ("extensions", json.dumps(line["record"]["extensions"]))):
        broken = {**line, "record": {**line["record"], field: bad}}
        with pytest.raises(DanvanError) as caught:
            payload_lines.check_shape("petition", json.dumps(broken).encode())
        assert caught.value.key == "sync.payload_shape" and "SQLite" in caught.value.message("vi")
    out = tmp_path / "shape"
    out.mkdir()

    def broken_check(entity, line):
        raise DanvanError("sync.payload_shape", sqlite="3.0.0")
    monkeypatch.setattr(payload_lines, "check_shape", broken_check)
    with pytest.raises(DanvanError):
        sync_export.export_bundle(cs, out, password=PASSWORD)
    assert list(out.iterdir()) == []
