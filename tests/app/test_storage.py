"""Storage: migrations, pragmas, change tracking triggers, append-only tables, ids, revisions, case numbers, locks."""

from __future__ import annotations

import json
import re
import sqlite3
import time
import types
import uuid

import pytest

from app.errors import DatabaseBusy, DatabaseError
from app.services import records
from app.services.importing import import_file
from app.services.session import Session
from app.storage import migrations as mig
from app.storage.db import open_db, schema_version
from tests.app.conftest import PASSWORD, UNIT, dialogue, make_clock, model, petition, reception


def rows(session, sql, params=()):
    return [tuple(r) for r in session.db.conn.execute(sql, params).fetchall()]


# -- migrations ------------------------------------------------------------------------------------------------

def test_migrations_recorded(session):
    """Every migration applied is recorded by name in _sqlite_migrations under our migration set."""
    applied = rows(session, "SELECT migration_set, name FROM _sqlite_migrations ORDER BY id")
    assert applied == [(mig.MIGRATION_SET, name) for name, _ in mig.MIGRATIONS]
    assert applied[0] == ("sodanvan", "0001_initial")
    assert schema_version(session.db) == mig.SCHEMA_VERSION


SHIPPED = [name for name, _ in mig.MIGRATIONS]  # the real migrations, before any test adds a fake one


def _fake_migration(monkeypatch, name="9999_test_extra"):
    def apply(db):
        db.execute("CREATE TABLE test_extra (x TEXT)")

    monkeypatch.setattr(mig, "MIGRATIONS", [*mig.MIGRATIONS, (name, types.SimpleNamespace(apply=apply))])


def test_older_schema_is_backed_up_before_migrating(session, db_path, monkeypatch):
    """Opening a file at an older schema copies it into backups/ first, then migrates it."""
    rid = records.save(session, reception())
    session.close()
    assert not (db_path.parent / "backups").exists()
    _fake_migration(monkeypatch)

    db = open_db(db_path)
    try:
        names = [r["name"] for r in db.query("SELECT name FROM _sqlite_migrations ORDER BY id")]
        assert names == [*SHIPPED, "9999_test_extra"]
        assert db.conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'test_extra'").fetchone()[0] == 1
    finally:
        db.close()

    backups = list((db_path.parent / "backups").glob("*.db"))
    assert len(backups) == 1
    assert re.fullmatch(rf"sodanvan-before-migration-v{len(SHIPPED)}-\d{{8}}T\d{{6}}Z\.db", backups[0].name)
    old = sqlite3.connect(backups[0])
    try:
        assert [r[0] for r in old.execute("SELECT name FROM _sqlite_migrations")] == SHIPPED
        assert old.execute("SELECT count(*) FROM sqlite_master WHERE name = 'test_extra'").fetchone()[0] == 0
        assert old.execute("SELECT id FROM receptions").fetchall() == [(rid,)]
        assert old.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        old.close()


def test_failed_migration_changes_nothing_and_keeps_the_backup(session, db_path, monkeypatch):
    """A migration that fails is rolled back as a typed error; the backup is there and the file still opens."""
    rid = records.save(session, reception())
    session.close()

    def apply(db):
        db.execute("CREATE TABLE test_half (x TEXT)")
        db.execute("CREATE TABLE receptions (x TEXT)")  # already exists: fails half-way

    monkeypatch.setattr(mig, "MIGRATIONS", [*mig.MIGRATIONS, ("9999_broken", types.SimpleNamespace(apply=apply))])
    with pytest.raises(DatabaseError):
        open_db(db_path)
    assert len(list((db_path.parent / "backups").glob("*.db"))) == 1

    monkeypatch.setattr(mig, "MIGRATIONS", mig.MIGRATIONS[:-1])
    s = Session.open(db_path, "admin", PASSWORD, clock=make_clock())
    try:
        assert s.db.conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'test_half'").fetchone()[0] == 0
        assert [r["name"] for r in s.db.query("SELECT name FROM _sqlite_migrations")] == SHIPPED
        assert records.get(s, "reception", rid)["id"] == rid
    finally:
        s.close()


def test_up_to_date_file_is_not_backed_up(session, db_path):
    """Opening a file whose schema is current makes no backup."""
    session.close()
    open_db(db_path).close()
    assert not (db_path.parent / "backups").exists()


def test_new_database_is_not_backed_up(tmp_path, monkeypatch):
    """Creating a database migrates from nothing without a backup."""
    _fake_migration(monkeypatch)
    db = open_db(tmp_path / "new.db", create=True)
    db.close()
    assert not (tmp_path / "backups").exists()


def test_newer_schema_refused(session, db_path, monkeypatch):
    """A file migrated by a newer version (an unknown migration) is refused, not touched."""
    _fake_migration(monkeypatch, "9999_from_the_future")
    session.close()
    open_db(db_path).close()
    monkeypatch.setattr(mig, "MIGRATIONS", mig.MIGRATIONS[:-1])
    with pytest.raises(DatabaseError) as exc:
        open_db(db_path)
    assert exc.value.key == "db.newer"


def test_foreign_sqlite_file_refused(tmp_path):
    """Some other application's SQLite file is not migrated into ours."""
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE stuff (x)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError) as exc:
        open_db(other)
    assert exc.value.key == "db.not_ours"
    conn = sqlite3.connect(other)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = '_sqlite_migrations'").fetchone()[0] == 0
    conn.close()


def test_missing_file_not_created(tmp_path):
    """Opening a database that does not exist is NotFound and creates no file."""
    from app.errors import NotFound

    with pytest.raises(NotFound):
        open_db(tmp_path / "nope.db")
    assert not (tmp_path / "nope.db").exists()


# -- pragmas ------------------------------------------------------------------------------------------------------

def test_wal_and_foreign_keys(session):
    """The database runs in WAL mode with foreign keys enforced."""
    conn = session.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_wal_persists_in_file(session, raw_conn):
    """WAL is a property of the file: another connection sees it too."""
    assert raw_conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# -- change_log ----------------------------------------------------------------------------------------------------

def test_insert_and_update_append_to_change_log(session):
    """Every insert and update of a record appends (entity, id, rev, owner_site) to change_log."""
    rid = records.save(session, reception())
    log = rows(session, "SELECT entity, id, rev, owner_site FROM change_log ORDER BY seq")
    assert log == [("reception", rid, 1, session.site_id)]

    records.save(session, reception(id=rid, content="Nội dung đã sửa"))
    log = rows(session, "SELECT entity, id, rev, owner_site FROM change_log ORDER BY seq")
    assert log == [("reception", rid, 1, session.site_id), ("reception", rid, 2, session.site_id)]


@pytest.mark.parametrize("factory, entity", [
    (petition, "petition"),
    (model, "model"),
    (dialogue, "dialogue"),
])
def test_change_log_for_every_record_type(session, factory, entity):
    """The change_log triggers exist for all four record types."""
    rid = records.save(session, factory())
    assert rows(session, "SELECT entity, id, rev FROM change_log") == [(entity, rid, 1)]


def test_raw_update_is_picked_up_by_change_log(session, raw_conn):
    """A change made behind the application's back still lands in change_log (triggers, not code)."""
    rid = records.save(session, reception())
    raw_conn.execute("UPDATE receptions SET note = 'sửa tay' WHERE id = ?", [rid])
    assert rows(session, "SELECT id, rev FROM change_log ORDER BY seq") == [(rid, 1), (rid, 1)]


def test_raw_person_edit_is_picked_up_by_change_log(session, raw_conn):
    """Editing a record's person row behind the application's back still lands in change_log."""
    records.save(session, reception())
    before = rows(session, "SELECT count(*) FROM change_log")[0][0]
    raw_conn.execute("UPDATE receptions_persons SET name = 'Người Khác'")
    assert rows(session, "SELECT count(*) FROM change_log")[0][0] == before + 1


def test_unchanged_save_adds_nothing_to_change_log(session):
    """Saving an identical record writes nothing: no new rev, no change_log row, no audit row."""
    rid = records.save(session, reception())
    before_audit = rows(session, "SELECT count(*) FROM audit_log")
    records.save(session, reception(id=rid))
    assert rows(session, "SELECT count(*) FROM change_log") == [(1,)]
    assert rows(session, "SELECT count(*) FROM audit_log") == before_audit


# -- append-only / tombstone-only -------------------------------------------------------------------------------

@pytest.mark.parametrize("table", ["receptions", "petitions", "models", "dialogues"])
def test_raw_delete_of_records_refused(session, raw_conn, table):
    """Records are tombstoned, never deleted: a raw DELETE is refused by a trigger."""
    factory = {"receptions": reception, "petitions": petition, "models": model, "dialogues": dialogue}[table]
    records.save(session, factory())
    with pytest.raises(sqlite3.DatabaseError, match="tombstoned"):
        raw_conn.execute(f"DELETE FROM {table}")
    assert raw_conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 1


def test_audit_log_is_append_only(session, raw_conn):
    """UPDATE and DELETE on audit_log are refused."""
    records.save(session, reception())
    n = raw_conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    assert n > 0
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        raw_conn.execute("UPDATE audit_log SET user = 'mallory'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        raw_conn.execute("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    assert raw_conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == n


# -- ids and revisions ----------------------------------------------------------------------------------------------

def test_ids_are_uuid7_when_not_given(session):
    """A record saved without an id gets a UUIDv7 (time-ordered) id."""
    a = records.save(session, reception())
    b = records.save(session, petition())
    for rid in (a, b):
        u = uuid.UUID(rid)
        assert u.version == 7 and str(u) == rid
    assert a < b  # v7 ids sort by creation time


def test_given_id_is_kept(session):
    """An id given on import is kept as the record's identity (any UUID version)."""
    rid = "6f9619ff-8b86-d011-b42d-00c04fc964ff"
    assert records.save(session, petition(id=rid)) == rid
    assert records.get(session, "petition", rid)["id"] == rid


def test_rev_goes_up_on_update_and_stays_on_identical_reimport(session, tmp_path):
    """rev 1 on insert, 2 on a real change, still 2 after re-importing the same content."""
    rid = records.save(session, petition())
    rev = lambda: rows(session, "SELECT rev FROM petitions WHERE id = ?", [rid])[0][0]  # noqa: E731
    assert rev() == 1
    records.save(session, petition(id=rid, status="accepted", accepted_on="2026-11-18"))
    assert rev() == 2

    import json

    stored = records.get(session, "petition", rid)
    f = tmp_path / "same.ndjson"
    f.write_text(json.dumps(stored, ensure_ascii=False) + "\n", encoding="utf-8")
    res = import_file(session, f)
    assert res.errors == []
    assert res.unchanged["petition"] == 1 and res.updated["petition"] == 0
    assert rev() == 2


def test_owner_site_is_this_installation(session):
    """A record made here is owned by this site's site_id."""
    rid = records.save(session, reception())
    assert rows(session, "SELECT owner_site FROM receptions WHERE id = ?", [rid]) == [(session.site_id,)]
    uuid.UUID(session.site_id)


# -- case numbers ---------------------------------------------------------------------------------------------------

def test_case_no_format_and_sequence(session):
    """case_no is {unit_code}-{year}-{n}, numbered per unit and year."""
    a = records.save(session, reception())
    b = records.save(session, reception(citizen=None, group_size=3, representatives=[{"name": "Đại diện"}]))
    c = records.save(session, reception(received_at="2025-12-30T09:00"))
    assert records.get(session, "reception", a)["case_no"] == f"{UNIT}-2026-1"
    assert records.get(session, "reception", b)["case_no"] == f"{UNIT}-2026-2"
    assert records.get(session, "reception", c)["case_no"] == f"{UNIT}-2025-1"


def test_case_no_stable_on_update(session):
    """Editing a record never changes its case number."""
    rid = records.save(session, petition())
    first = records.get(session, "petition", rid)["case_no"]
    records.save(session, petition(id=rid, content="Nội dung bổ sung", received_on="2025-06-02"))
    records.save(session, petition(id=rid, content="Lần sửa thứ ba", case_no="00004-2026-99"))
    assert records.get(session, "petition", rid)["case_no"] == first


def test_case_no_from_another_unit_is_replaced(session):
    """A case number from another unit is ignored on import and a local one given."""
    rid = records.save(session, petition(case_no="00007-2026-5"))
    assert records.get(session, "petition", rid)["case_no"] == f"{UNIT}-2026-1"


def test_case_no_from_this_unit_kept_when_free(session):
    """A case number of this unit that is still free is kept on import."""
    rid = records.save(session, petition(case_no=f"{UNIT}-2026-7"))
    assert records.get(session, "petition", rid)["case_no"] == f"{UNIT}-2026-7"


def test_new_records_skip_case_numbers_taken_by_an_import(session):
    """After importing a record numbered ahead of the counter, new records still save with fresh numbers."""
    records.save(session, petition(case_no=f"{UNIT}-2026-2", content="đơn nhập từ sổ cũ"))
    ids = [records.save(session, petition(content=f"đơn mới {i}")) for i in range(3)]
    nos = {records.get(session, "petition", i)["case_no"] for i in ids}
    assert len(nos) == 3 and f"{UNIT}-2026-2" not in nos


def test_a_number_one_import_keeps_is_not_given_to_another_record_of_it(session, tmp_path):
    """Two records of one file: the first's number is taken here already (renumbered), the second keeps the next
    one — which the first was given too, and the import died on the database's unique index."""
    from app.services.importing import import_file

    records.save(session, reception(received_at="2026-03-01T09:00"))  # takes -1
    f = tmp_path / "clash.ndjson"
    f.write_text("\n".join(json.dumps(reception(case_no=f"{UNIT}-2026-{n}", content=f"lượt {n}"), ensure_ascii=False)
                           for n in (1, 2)) + "\n", encoding="utf-8")
    assert not import_file(session, f, dry_run=True).errors
    res = import_file(session, f)
    assert not res.errors and res.imported["reception"] == 2
    nos = sorted(records.get(session, "reception", i)["case_no"] for i in res.ids)
    assert nos == [f"{UNIT}-2026-2", f"{UNIT}-2026-3"]


def test_case_numbers_unique_across_receptions_and_petitions(session):
    """One case number names one case in the unit, whatever its record type."""
    p = records.save(session, petition(case_no=f"{UNIT}-2026-1"))
    r = records.save(session, reception())
    assert records.get(session, "reception", r)["case_no"] != records.get(session, "petition", p)["case_no"]


def test_case_no_unique(session, raw_conn):
    """Two records never share a case number; the database refuses a duplicate."""
    ids = [records.save(session, petition(content=f"Đơn số {i}")) for i in range(5)]
    nos = [records.get(session, "petition", i)["case_no"] for i in ids]
    assert len(set(nos)) == 5
    with pytest.raises(sqlite3.IntegrityError):
        raw_conn.execute("UPDATE petitions SET case_no = ? WHERE id = ?", [nos[0], ids[1]])


def test_case_numbers_not_reused_after_a_failed_batch(session):
    """A refused batch reserves no case numbers."""
    with pytest.raises(Exception):
        records.save(session, petition(received_on="bad"))
    rid = records.save(session, petition())
    assert records.get(session, "petition", rid)["case_no"] == f"{UNIT}-2026-1"


# -- locks ------------------------------------------------------------------------------------------------------------

def test_busy_database_gives_database_busy_and_writes_nothing(db_path, monkeypatch):
    """Another writer holding the lock makes a save fail with DatabaseBusy after the busy timeout, leaving no trace."""
    monkeypatch.setenv("DANVAN_BUSY_TIMEOUT", "0.2")
    s = Session.open(db_path, "admin", PASSWORD, clock=make_clock())
    blocker = sqlite3.connect(str(db_path), timeout=0.1, isolation_level=None)
    try:
        counts_before = {t: s.db.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                         for t in ("receptions", "receptions_persons", "change_log", "audit_log", "case_counters")}
        blocker.execute("BEGIN IMMEDIATE")
        t0 = time.monotonic()
        with pytest.raises(DatabaseBusy):
            records.save(s, reception())
        waited = time.monotonic() - t0
        assert 0.15 <= waited < 3
        blocker.execute("ROLLBACK")
        assert not s.db.conn.in_transaction
        counts_after = {t: s.db.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in counts_before}
        assert counts_after == counts_before
        # and the session still works once the lock is gone
        rid = records.save(s, reception())
        assert records.get(s, "reception", rid)["case_no"] == f"{UNIT}-2026-1"
    finally:
        blocker.close()
        s.close()


def test_busy_message_is_a_sentence(db_path, monkeypatch):
    """DatabaseBusy carries a readable message in both languages."""
    monkeypatch.setenv("DANVAN_BUSY_TIMEOUT", "0.2")
    s = Session.open(db_path, "admin", PASSWORD, clock=make_clock())
    blocker = sqlite3.connect(str(db_path), timeout=0.1, isolation_level=None)
    try:
        blocker.execute("BEGIN IMMEDIATE")
        with pytest.raises(DatabaseBusy) as exc:
            records.save(s, petition())
        assert exc.value.message("vi") and exc.value.message("en") != exc.value.key
        assert exc.value.exit_code == 1
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
        s.close()


# -- what never goes into the index or the audit text ----------------------------------------------------------------

def test_id_numbers_never_in_full_text_index_or_audit(session):
    """ID numbers are matched exactly, never via the full-text column or the audit log text."""
    records.save(session, reception(citizen={"name": "Hoàng Văn Em", "id_number": "079123456789",
                                             "phone": "0912345678"}))
    folded = rows(session, "SELECT search_fold FROM receptions")[0][0]
    assert "079123456789" not in folded
    assert "hoang van em" in folded
    for (detail, state) in rows(session, "SELECT coalesce(detail, ''), coalesce(state_hash, '') FROM audit_log"):
        assert "079123456789" not in detail + state


def test_denouncer_kept_out_of_search_columns(session):
    """A denunciation keeps its people out of the index and the list columns."""
    records.save(session, petition(category="denunciation",
                                   petitioners=[{"name": "Lê Văn Tố", "address": "Tổ 9"}]))
    folded, person, conf = rows(session, "SELECT search_fold, person_name, confidential FROM petitions")[0]
    assert "le van to" not in folded and "to 9" not in folded
    assert person is None and conf == 1


def test_fewer_checkpoints_keeps_every_commit_and_restores_the_default(tmp_path):
    """Inside fewer_checkpoints the WAL grows past SQLite's 1,000-page fold (each commit still lands in the WAL,
    so a second connection sees it); afterwards the default is back and the WAL is folded."""
    from app.storage.db import WAL_AUTOCHECKPOINT_PAGES, fewer_checkpoints, open_db

    db = open_db(tmp_path / "w.db", create=True, migrate=False)
    db.conn.execute("CREATE TABLE t (x BLOB)")
    other = sqlite3.connect(tmp_path / "w.db")
    wal = tmp_path / "w.db-wal"
    with fewer_checkpoints(db, pages=5000):
        assert db.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 5000
        for _ in range(12):  # 12 commits of ~1 MB: past 1,000 pages of 4 KB
            db.conn.execute("BEGIN IMMEDIATE")
            db.conn.executemany("INSERT INTO t VALUES (randomblob(4000))", [()] * 250)
            db.conn.execute("COMMIT")
        assert wal.stat().st_size > 2500 * 4096  # with the default fold it stays near 1,000 pages (~4 MB)
        assert other.execute("SELECT count(*) FROM t").fetchone()[0] == 3000
    assert db.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == WAL_AUTOCHECKPOINT_PAGES
    busy, log, folded = db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert busy == 0 and log == folded
    other.close()
    db.close()


def test_opening_an_up_to_date_file_does_not_load_sqlite_utils(session, db_path):
    """sqlite-utils is loaded only to run a migration: opening a current file and logging in (the desktop
    application's start) never imports it — it cost the start a tenth of its time. A new file does load it."""
    import subprocess
    import sys

    session.close()
    code = ("import sys; from app.services.session import Session; "
            f"s = Session.open({str(db_path)!r}, 'admin', {PASSWORD!r}); s.close(); "
            "print('sqlite_utils' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False"]
    code = ("import sys; from app.storage.db import open_db; "
            f"open_db({str(db_path.with_name('new.db'))!r}, create=True).close(); print('sqlite_utils' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True"]


def test_atomic_nests_as_a_savepoint(tmp_path):
    """Database.atomic (as sqlite-utils'): a failing inner block rolls back only itself; the outer one commits."""
    from app.storage.db import Database

    db = Database(sqlite3.connect(tmp_path / "a.db", isolation_level=None))
    db.conn.execute("CREATE TABLE t (x INTEGER)")
    with db.atomic():
        db.conn.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(ValueError):
            with db.atomic():
                db.conn.execute("INSERT INTO t VALUES (2)")
                raise ValueError("inner")
        db.conn.execute("INSERT INTO t VALUES (3)")
    assert [r["x"] for r in db.query("SELECT x FROM t ORDER BY x")] == [1, 3]
    with pytest.raises(ValueError):
        with db.atomic():
            db.conn.execute("INSERT INTO t VALUES (4)")
            raise ValueError("outer")
    assert db.conn.execute("SELECT count(*) FROM t").fetchone()[0] == 2 and not db.conn.in_transaction
    db.close()


def test_planner_statistics_are_taken_once_and_again_when_the_tables_have_grown(session):
    """Never analysed: any addition is worth ANALYZE. Analysed at 40 receptions: two more are not (a bundle's
    worth into a large file), four more are (a tenth). After ANALYZE the statistics count the rows."""
    from app.storage.db import refresh_statistics, statistics_outdated

    db = session.db
    assert statistics_outdated(db, 1) and not statistics_outdated(db, 0)
    for i in range(40):
        records.save(session, reception(received_at=f"2026-11-{1 + i % 20:02d}T08:00", content=f"Việc số {i}"))
    assert refresh_statistics(db)
    counted = rows(session, "SELECT stat FROM sqlite_stat1 WHERE idx = 'receptions_date'")[0][0]
    assert int(counted.split()[0]) == 40
    assert not statistics_outdated(db, 2) and statistics_outdated(db, 4)
