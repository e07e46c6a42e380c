"""Personal data at rest (issue 7): ID numbers and denouncers' identities sealed field by field, a keyed hash for
ID lookups, the data key wrapped per account and for the recovery key, reads of confidential identity audited."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.errors import AuthError
from app.protect import wraps
from app.protect.cipher import PREFIX as SEALED_PREFIX, FieldCipher, new_data_key
from app.services import audit_log, check as check_service, protection, records, search as search_service, setup
from app.services.importing import import_file
from app.services.session import Session
from app.storage import data_keys, records as store
from app.storage.db import open_db
from tests.app.conftest import PASSWORD, make_clock, petition, citizen

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "samples" / "commune-sample.ndjson"


def _people(r: dict):
    for k in ("citizen", "representatives", "petitioners"):
        v = r.get(k)
        yield from ([v] if isinstance(v, dict) else v or [])


def _secrets() -> tuple[set[str], set[str]]:
    """(ID numbers, names that only ever appear as a denouncer) of the shared sample."""
    ids, denouncers, others = set(), set(), set()
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        for p in _people(r):
            if p.get("id_number"):
                ids.add(p["id_number"])
            if p.get("name"):
                (denouncers if r.get("category") == "denunciation" else others).add(p["name"])
    return ids, denouncers - others


def _file_bytes(path: Path) -> bytes:
    return b"".join(Path(str(path) + sfx).read_bytes() for sfx in ("", "-wal", "-shm")
                    if Path(str(path) + sfx).exists())


def test_raw_file_holds_no_denouncer_name_and_no_id_number(session, db_path):
    """The acceptance point: after importing the shared sample, neither the database file nor its WAL holds a
    denouncer's name or any citizen ID number in clear — while the application still shows them to the right
    people."""
    res = import_file(session, SAMPLE)
    assert not res.errors
    ids, denouncers = _secrets()
    assert len(ids) > 50 and len(denouncers) > 3
    raw = _file_bytes(db_path)
    for secret in ids | denouncers:
        assert secret.encode("utf-8") not in raw, secret
    # the data itself is intact: an account holding the key reads the numbers back
    shown = {p.get("id_number") for e in ("reception", "petition")
             for s in store.iter_stored(session.db, e) for p in _people(s.record)}
    assert ids <= shown


def test_lookup_by_id_number_works_on_the_keyed_hash(session):
    rid = records.save(session, petition(petitioners=[citizen("Lê Văn Hải", "001099887766")]))
    hits = search_service.search(session, "001099887766")
    assert [h["id"] for h in hits] == [rid]
    assert search_service.search(session, "001099887767") == []


def test_a_copied_file_opens_nothing_without_a_password(session, db_path, tmp_path):
    """The file alone (another machine, no account password): sealed fields read as "[Bảo mật]"."""
    rid = records.save(session, petition(petitioners=[citizen("Lê Văn Hải", "001099887766")]))
    session.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stolen = tmp_path / "stolen.db"
    shutil.copyfile(db_path, stolen)
    db = open_db(stolen)
    try:
        assert data_keys.cipher_of(db) is None
        person = store.get(db, "petition", rid).record["petitioners"][0]
        assert person["name"] == "Lê Văn Hải" and person["id_number"] == "[Bảo mật]"
        # and a key that is not this file's does not open it either
        data_keys.attach(db, FieldCipher(new_data_key()))
        assert not data_keys.verifies(db, data_keys.cipher_of(db))
        assert store.get(db, "petition", rid).record["petitioners"][0]["id_number"] == "[Bảo mật]"
    finally:
        db.close()


def test_a_sealed_value_moved_to_another_record_does_not_open(session):
    a = records.save(session, petition(petitioners=[citizen("Lê Văn Hải", "001099887766")]))
    b = records.save(session, petition(petitioners=[citizen("Ngô Thị Mai", "001011223344")]))
    sealed = session.db.conn.execute("SELECT id_number FROM petitions_persons WHERE record_id = ?", [a]).fetchone()[0]
    session.db.conn.execute("UPDATE petitions_persons SET id_number = ? WHERE record_id = ?", [sealed, b])
    assert store.get(session.db, "petition", b).record["petitioners"][0]["id_number"] == "[Bảo mật]"


def test_every_account_holds_the_key_and_a_viewer_still_sees_it_masked(session, viewer):
    rid = records.save(session, petition(petitioners=[citizen("Lê Văn Hải", "001099887766")]))
    assert viewer.cipher is not None
    assert records.get(viewer, "petition", rid)["petitioners"][0]["id_number"].endswith("766")
    assert "001099887766" not in json.dumps(records.get(viewer, "petition", rid))


def test_reading_a_denouncers_identity_is_audited(session, leader, viewer):
    rid = records.save(leader, petition(category="denunciation",
                                        petitioners=[citizen("Hoàng Văn Tố", "001088776655")]))
    before = [e for e in audit_log.page(session, limit=1000) if e["action"] == "read.confidential"]
    assert records.get(leader, "petition", rid)["petitioners"][0]["name"] == "Hoàng Văn Tố"
    assert records.get(viewer, "petition", rid)["petitioners"][0]["name"] == "[Bảo mật]"  # masked: no read
    after = [e for e in audit_log.page(session, limit=1000) if e["action"] == "read.confidential"]
    assert len(after) == len(before) + 1
    assert after[0]["user"] == "leader" and after[0]["record_id"] == rid


def test_recovery_key_gives_the_admin_back_the_data(tmp_path):
    path = tmp_path / "r.db"
    res = setup.init(path, "4", "commune", "admin", PASSWORD, clock=make_clock())
    key = res["recovery_key"]
    assert len(key.split("-")) == wraps.RECOVERY_GROUPS
    s = Session.open(path, "admin", PASSWORD, clock=make_clock())
    rid = records.save(s, petition(petitioners=[citizen("Lê Văn Hải", "001099887766")]))
    s.close()
    with pytest.raises(AuthError):
        protection.recover(path, "admin", key.replace(key[0], "Z" if key[0] != "Z" else "Y", 1), "Mat-khau-moi-2026!")
    out = protection.recover(path, "admin", key.lower().replace("-", " "), "Mat-khau-moi-2026!")
    assert out["recovered"]
    s = Session.open(path, "admin", "Mat-khau-moi-2026!", clock=make_clock())
    try:
        assert records.get(s, "petition", rid)["petitioners"][0]["id_number"] == "001099887766"
        assert any(e["action"] == "protect.recover" for e in audit_log.page(s, limit=1000))
    finally:
        s.close()


def test_recovery_key_gives_the_admin_back_the_sync_keys_too(tmp_path):
    """The recovery key printed at set-up also opens the sync keys: after `recovery-key use` the admin's new
    password unlocks them (before, the data came back and the key file stayed sealed with the forgotten password —
    a province then needed every commune to register a new key). A new recovery key made with the password takes
    over; made without it, the old one no longer opens them; after `keys new` recovery says the access is lost."""
    from app.services import sync_keys

    path = tmp_path / "r.db"
    key = setup.init(path, "1", "upper", "admin", PASSWORD, clock=make_clock())["recovery_key"]
    s = Session.open(path, "admin", PASSWORD, clock=make_clock())
    fingerprint = sync_keys.site_fingerprint(s)
    s.close()
    out = protection.recover(path, "admin", key, "Mat-khau-moi-2026!")
    assert out["sync_access"] == "kept"
    s = Session.open(path, "admin", "Mat-khau-moi-2026!", clock=make_clock())
    try:
        assert sync_keys.unlock(s, "Mat-khau-moi-2026!").keypair.fingerprint == fingerprint
        newer = protection.replace_recovery_key(s, "Mat-khau-moi-2026!")
    finally:
        s.close()
    assert protection.recover(path, "admin", newer, "Lan-thu-ba-2026!")["sync_access"] == "kept"
    s = Session.open(path, "admin", "Lan-thu-ba-2026!", clock=make_clock())
    try:
        assert sync_keys.unlock(s, "Lan-thu-ba-2026!").keypair.fingerprint == fingerprint
        unguarded = protection.replace_recovery_key(s)  # no password: it cannot take the sync keys over
    finally:
        s.close()
    assert not sync_keys.keys.has_recovery(sync_keys.keys_path(path).read_bytes())  # `newer` opens nothing now
    assert protection.recover(path, "admin", unguarded, "Lan-thu-tu-2026!")["sync_access"] == "lost"
    s = Session.open(path, "admin", "Lan-thu-tu-2026!", clock=make_clock())
    try:
        with pytest.raises(sync_keys.keys.WrongKeyPassword):
            sync_keys.unlock(s, "Lan-thu-tu-2026!")
    finally:
        s.close()


def test_a_denouncers_commune_left_in_clear_is_sealed_at_the_next_log_in(session, open_session, db_path):
    """A confidential person's commune joined the sealed fields after files were already sealed (setting "1"):
    such a file has the commune in clear until the next log-in seals it in bulk, and the record reads back the
    same for those allowed to see it."""
    rid = records.save(session, petition(category="denunciation",
                                         petitioners=[citizen("Hoàng Văn Tố", "001088776655", ward_code="00004")]))
    conn = session.db.conn
    sealed = conn.execute("SELECT ward_code FROM petitions_persons WHERE record_id = ?", [rid]).fetchone()[0]
    assert sealed.startswith(SEALED_PREFIX)
    # the file as an earlier version left it: the commune in clear, sealed in bulk at version "1"
    conn.execute("UPDATE petitions_persons SET ward_code = '00004' WHERE record_id = ?", [rid])
    conn.execute("UPDATE settings SET value = '1' WHERE key = ?", [protection.SEALED_SETTING])
    session.close()

    again = open_session("admin")
    stored = again.db.conn.execute("SELECT ward_code FROM petitions_persons WHERE record_id = ?", [rid]).fetchone()[0]
    assert stored.startswith(SEALED_PREFIX)
    assert records.get(open_session("leader"), "petition", rid)["petitioners"][0]["ward_code"] == "00004"
    assert again.db.conn.execute("SELECT value FROM settings WHERE key = ?",
                                 [protection.SEALED_SETTING]).fetchone()[0] == protection.SEALED_VERSION
    assert check_service.check(again)["problems"] == []  # sealing changes how a value is kept, not the record
