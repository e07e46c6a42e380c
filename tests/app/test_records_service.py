"""The records service (apply_records / save / delete / get), deadlines in stats, and `check`."""

from __future__ import annotations

import sqlite3

import pytest

from app.errors import NotFound, ValidationFailed
from app.services import check as check_service
from app.services import records, search, stats
from app.services.records import Incoming, apply_records
from tests.app.conftest import citizen, denunciation, dialogue, model, petition, reception

OTHER_ID = "01935c8e-7b6a-7cc1-8a43-3b1a5f0e2d11"


def count(session, table, where="1=1"):
    return session.db.conn.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0]


def batch(*raws, start=1):
    return [Incoming(n, r) for n, r in enumerate(raws, start)]


# -- all or nothing ----------------------------------------------------------------------------------------------

def test_one_bad_record_refuses_the_whole_batch(session):
    """A batch with one invalid record writes nothing at all, and names the bad line and field."""
    audit_before = count(session, "audit_log")
    res = apply_records(session, batch(reception(), petition(received_on="2026-02-30"), model(), dialogue()))
    assert [(e["line"], e["field"]) for e in res.errors] == [(2, "received_on")]
    assert sum(res.imported.values()) == 0
    for t in ("receptions", "petitions", "models", "dialogues", "change_log", "case_counters",
              "receptions_persons", "petitions_persons"):
        assert count(session, t) == 0, t
    assert count(session, "audit_log") == audit_before


def test_all_errors_of_a_batch_reported_sorted_by_line(session):
    """Every bad record is reported in one run, in line order."""
    res = apply_records(session, batch(reception(host_name=None), reception(), petition(category=None)))
    assert [(e["line"], e["field"]) for e in res.errors] == [(1, "host_name"), (3, "category")]


def test_good_batch_counts_per_type(session):
    """A good batch reports what it imported per record type."""
    res = apply_records(session, batch(reception(), reception(), petition(), model(), dialogue()))
    assert res.errors == []
    assert res.imported == {"reception": 2, "petition": 1, "model": 1, "dialogue": 1}
    assert len(res.ids) == 5 and len(set(res.ids)) == 5


def test_second_run_updates_and_leaves_identical_unchanged(session):
    """Re-applying: a changed record is updated, an identical one left alone."""
    a, b = petition(id=OTHER_ID), model(id="01935c8e-7b6a-7cc1-8a43-3b1a5f0e2d12")
    apply_records(session, batch(a, b))
    res = apply_records(session, batch(dict(a, content="Nội dung mới"), b))
    assert res.updated["petition"] == 1 and res.unchanged["model"] == 1
    assert sum(res.imported.values()) == 0


def test_dry_run_writes_nothing(session):
    """--dry-run runs every check (constraints included) and rolls back."""
    audit_before = count(session, "audit_log")
    res = apply_records(session, batch(reception(), petition()), dry_run=True)
    assert res.errors == [] and res.imported["reception"] == 1
    assert count(session, "receptions") == count(session, "petitions") == count(session, "case_counters") == 0
    assert count(session, "audit_log") == audit_before


def test_save_raises_validation_failed_with_errors(session):
    """save() refuses an invalid record with ValidationFailed listing field and message."""
    with pytest.raises(ValidationFailed) as exc:
        records.save(session, reception(citizen=citizen(id_number="00123456789")))
    assert exc.value.errors == [{"line": 1, "field": "citizen.id_number",
                                 "message": "số định danh phải có 12 chữ số"}]
    assert count(session, "receptions") == 0


def test_warnings_do_not_block(session):
    """A record with only warnings (legacy CMND) is saved and the warning reported."""
    res = apply_records(session, batch(reception(citizen=citizen(id_number="123456789"))))
    assert res.errors == [] and res.imported["reception"] == 1
    assert [w["field"] for w in res.warnings] == ["citizen.id_number"]


# -- ids ------------------------------------------------------------------------------------------------------------

def test_duplicate_ids_in_one_file(session):
    """The same id twice in one file is an error naming the first line; nothing is written."""
    res = apply_records(session, batch(petition(id=OTHER_ID), reception(), petition(id=OTHER_ID, content="khác")))
    assert [(e["line"], e["field"]) for e in res.errors] == [(3, "id")]
    assert "dòng 1" in res.errors[0]["message"]
    assert count(session, "petitions") == count(session, "receptions") == 0


def test_id_of_another_record_type_refused(session):
    """Reusing a stored petition's id for a reception is an error, not an overwrite."""
    records.save(session, petition(id=OTHER_ID))
    res = apply_records(session, batch(reception(id=OTHER_ID)))
    assert [(e["line"], e["field"]) for e in res.errors] == [(1, "id")]
    assert count(session, "receptions") == 0


# -- references -----------------------------------------------------------------------------------------------------

def test_duplicate_of_must_exist(session):
    """duplicate_of naming no stored or incoming petition is refused."""
    res = apply_records(session, batch(petition(duplicate_of=OTHER_ID)))
    assert [(e["line"], e["field"]) for e in res.errors] == [(1, "duplicate_of")]
    assert OTHER_ID in res.errors[0]["message"]


def test_reception_id_must_exist(session):
    """reception_id naming no stored or incoming reception is refused."""
    res = apply_records(session, batch(petition(reception_id=OTHER_ID)))
    assert [(e["line"], e["field"]) for e in res.errors] == [(1, "reception_id")]


def test_references_to_stored_records(session):
    """duplicate_of / reception_id may point at records already in the database."""
    first = records.save(session, petition())
    visit = records.save(session, reception())
    dup = records.save(session, petition(duplicate_of=first, reception_id=visit))
    got = records.get(session, "petition", dup)
    assert (got["duplicate_of"], got["reception_id"]) == (first, visit)


def test_references_within_the_same_batch_in_any_order(session):
    """A reference may point at a record later in the same file."""
    pid, rid = "01935c8e-7b6a-7cc1-8a43-3b1a5f0e2d21", "01935c8e-7b6a-7cc1-8a43-3b1a5f0e2d22"
    res = apply_records(session, batch(
        petition(duplicate_of=pid, reception_id=rid, content="đơn trùng"),
        petition(id=pid),
        reception(id=rid),
    ))
    assert res.errors == [] and res.imported == {"reception": 1, "petition": 2, "model": 0, "dialogue": 0}
    assert count(session, "petitions", "duplicate_of IS NOT NULL") == 1


def test_reference_to_the_wrong_type_refused(session):
    """duplicate_of must name a petition and reception_id a reception."""
    visit = records.save(session, reception())
    pet = records.save(session, petition())
    res = apply_records(session, batch(petition(duplicate_of=visit), petition(reception_id=pet)))
    assert [(e["line"], e["field"]) for e in res.errors] == [(1, "duplicate_of"), (2, "reception_id")]


def test_reference_to_wrong_type_in_same_batch_refused(session):
    """A same-batch reference to a record of the wrong type is refused too."""
    rid = "01935c8e-7b6a-7cc1-8a43-3b1a5f0e2d23"
    res = apply_records(session, batch(reception(id=rid), petition(duplicate_of=rid)))
    assert [(e["line"], e["field"]) for e in res.errors] == [(2, "duplicate_of")]


# -- deadlines ------------------------------------------------------------------------------------------------------

def test_due_on_stored_and_overdue_counted(session):
    """A complaint accepted months ago and still in progress has a past due_on and counts as overdue."""
    rid = records.save(session, petition(received_on="2026-06-01", accepted_on="2026-06-05", status="in_progress"))
    due = session.db.conn.execute("SELECT due_on FROM petitions WHERE id = ?", [rid]).fetchone()[0]
    assert due is not None and "2026-06-05" < due < "2026-11-23"
    assert stats.stats(session)["overdue"] == 1


def test_fresh_petition_not_overdue(session):
    """A petition received three days ago has a due date ahead and is not overdue."""
    rid = records.save(session, petition(received_on="2026-11-20"))
    due = session.db.conn.execute("SELECT due_on FROM petitions WHERE id = ?", [rid]).fetchone()[0]
    assert due is not None and due >= "2026-11-23"
    s = stats.stats(session)
    assert s["overdue"] == 0 and s["due_this_week"] == 1


def test_resolved_petition_has_no_pending_deadline(leader):
    """A resolved petition carries no due date and is never overdue."""
    rid = records.save(leader, petition(received_on="2026-06-01", accepted_on="2026-06-05",
                                        resolved_on="2026-06-20", status="resolved"))
    assert leader.db.conn.execute("SELECT due_on FROM petitions WHERE id = ?", [rid]).fetchone()[0] is None
    assert stats.stats(leader)["overdue"] == 0


def test_duplicate_petition_not_overdue(session):
    """A duplicate petition is handled with the first and never counts as overdue."""
    first = records.save(session, petition(received_on="2026-11-20"))
    records.save(session, petition(received_on="2026-06-01", accepted_on="2026-06-05", status="in_progress",
                                   duplicate_of=first))
    assert stats.stats(session)["overdue"] == 0


# -- tombstones -----------------------------------------------------------------------------------------------------

def test_delete_is_a_tombstone(session):
    """delete keeps the row with deleted=1, raises rev, logs the change and hides the record from get."""
    rid = records.save(session, reception())
    records.delete(session, "reception", rid)
    row = session.db.conn.execute("SELECT deleted, rev, content FROM receptions WHERE id = ?", [rid]).fetchone()
    assert row[0] == 1 and row[1] == 2 and row[2]
    assert session.db.conn.execute(
        "SELECT rev FROM change_log WHERE id = ? ORDER BY seq", [rid]).fetchall() == [(1,), (2,)]
    assert session.db.conn.execute(
        "SELECT action FROM audit_log WHERE record_id = ? ORDER BY seq", [rid]).fetchall()[-1] == ("delete",)
    with pytest.raises(NotFound):
        records.get(session, "reception", rid)
    with pytest.raises(NotFound):
        records.delete(session, "reception", rid)


def test_deleted_records_hidden_from_stats_and_search(session):
    """A tombstoned record no longer counts in stats nor shows in search."""
    rid = records.save(session, petition(received_on="2026-06-01", accepted_on="2026-06-05", status="in_progress",
                                         content="Khiếu nại bồi thường ruộng lúa"))
    keep = records.save(session, reception(content="Phản ánh đèn đường hỏng"))
    assert stats.stats(session)["overdue"] == 1
    assert [r["id"] for r in search.search(session, "ruong lua")] == [rid]
    records.delete(session, "petition", rid)
    s = stats.stats(session)
    assert s["total"] == {"reception": 1, "petition": 0, "model": 0, "dialogue": 0}
    assert s["overdue"] == 0
    assert s["by_category"]["petition"] == {}
    assert search.search(session, "ruong lua") == []
    assert [r["id"] for r in search.search(session, "den duong")] == [keep]


def test_deleted_record_hidden_from_id_number_search(session):
    """A tombstoned record is not found by its citizen's ID number either."""
    rid = records.save(session, reception(citizen=citizen(id_number="038099001122")))
    assert [r["id"] for r in search.search(session, "038099001122")] == [rid]
    records.delete(session, "reception", rid)
    assert search.search(session, "038099001122") == []


def test_delete_unknown_record(session):
    """Deleting an id that does not exist is NotFound."""
    with pytest.raises(NotFound):
        records.delete(session, "petition", OTHER_ID)


# -- get ------------------------------------------------------------------------------------------------------------

def test_get_returns_the_exchange_format(session):
    """get gives back the record in exchange format with defaults and case number filled in."""
    rid = records.save(session, petition(extensions=[{"days": 15, "reason": "phức tạp", "decided_on": "2026-11-20"}],
                                         complex=True))
    got = records.get(session, "petition", rid)
    assert got["type"] == "petition" and got["id"] == rid
    assert got["complex"] is True and got["anonymous"] is False
    assert got["extensions"] == [{"days": 15, "reason": "phức tạp", "decided_on": "2026-11-20"}]
    assert got["petitioners"] == [{"name": "Trần Thị Bình", "id_type": "cccd", "id_number": "001234567890"}]
    assert got["case_no"] == "00004-2026-1"


def test_get_unknown_record(session):
    """get of an unknown id is NotFound."""
    with pytest.raises(NotFound):
        records.get(session, "reception", OTHER_ID)


def test_update_replaces_people(session):
    """An update replaces the record's people rather than appending to them."""
    rid = records.save(session, petition(petitioners=[citizen("A Một", None), citizen("B Hai", None)]))
    records.save(session, petition(id=rid, petitioners=[citizen("C Ba", None)]))
    assert [p["name"] for p in records.get(session, "petition", rid)["petitioners"]] == ["C Ba"]
    assert count(session, "petitions_persons") == 1


def test_audit_entries_for_save_and_update(session):
    """Each create and update is audited with the acting user and the record's state hash."""
    rid = records.save(session, reception())
    records.save(session, reception(id=rid, note="ghi chú"))
    rows = session.db.conn.execute(
        "SELECT action, user, entity, state_hash IS NOT NULL FROM audit_log WHERE record_id = ? ORDER BY seq",
        [rid]).fetchall()
    assert rows == [("save.create", "admin", "reception", 1), ("save.update", "admin", "reception", 1)]


# -- check ----------------------------------------------------------------------------------------------------------

def test_check_ok_on_fresh_database(session):
    """A fresh database passes every check."""
    assert check_service.check(session) == {"ok": True, "problems": []}


def test_check_ok_after_ordinary_work(session, leader):
    """Saves, updates, deletes and an unchanged re-save leave the database consistent."""
    a = records.save(session, reception())
    b = records.save(leader, denunciation())
    records.save(session, reception(id=a, note="sửa"))
    records.save(session, reception(id=a, note="sửa"))
    records.save(session, model())
    records.delete(leader, "petition", b)
    res = check_service.check(session)
    assert res == {"ok": True, "problems": []}


def test_check_detects_a_row_changed_outside_the_app(session, raw_conn):
    """A record edited with another SQLite tool no longer matches its audited state: reported as changed."""
    rid = records.save(session, reception())
    raw_conn.execute("UPDATE receptions SET content = 'x' WHERE id = ?", [rid])
    res = check_service.check(session)
    assert not res["ok"]
    assert [(p["kind"], p.get("entity"), p.get("id")) for p in res["problems"]] == [("changed", "reception", rid)]


def test_check_detects_a_person_changed_outside_the_app(session, raw_conn):
    """Editing a citizen's ID number directly in the people table is caught too."""
    rid = records.save(session, reception())
    raw_conn.execute("UPDATE receptions_persons SET id_number = '001234567891' WHERE record_id = ?", [rid])
    res = check_service.check(session)
    assert [(p["kind"], p.get("id")) for p in res["problems"]] == [("changed", rid)]


def test_check_detects_a_row_added_outside_the_app(session, raw_conn):
    """A record inserted without the application is reported as unaudited."""
    raw_conn.execute(
        "INSERT INTO dialogues(id, owner_site, created_at, updated_at, held_on, chair, topics) "
        "VALUES (?, 'x', 'now', 'now', '2026-10-01', 'Chủ tịch', 'Đất đai')", [OTHER_ID])
    res = check_service.check(session)
    assert [(p["kind"], p.get("id")) for p in res["problems"]] == [("unaudited", OTHER_ID)]


def test_check_detects_a_row_deleted_outside_the_app_and_an_edited_account(session, raw_conn, monkeypatch):
    """A record removed with another SQLite tool is missing (its audited state has no row); an account edited
    behind the application is changed. Records are compared in batches, each against its latest audited state,
    however many entries it has."""
    from app.services import check as check_module

    monkeypatch.setattr(check_module, "CHECK_BATCH", 2)  # several batches, one of them partial
    ids = [records.save(session, reception(content=f"Nội dung {i}")) for i in range(5)]
    rec = records.get(session, "reception", ids[3])
    records.save(session, dict(rec, result="Đã giải thích"))  # a later state: the one that counts
    assert check_service.check(session)["ok"]
    raw_conn.execute("PRAGMA foreign_keys = OFF")
    raw_conn.execute("DROP TRIGGER receptions_no_delete")  # what another tool could do
    raw_conn.execute("DELETE FROM receptions_persons WHERE record_id = ?", [ids[1]])
    raw_conn.execute("DELETE FROM receptions WHERE id = ?", [ids[1]])
    raw_conn.execute("UPDATE users SET role = 'admin' WHERE name = 'viewer'")
    res = check_service.check(session)
    assert sorted((p["kind"], p.get("entity"), p.get("id")) for p in res["problems"]) == [
        ("changed", "user", "viewer"), ("missing", "reception", ids[1])]


def test_check_detects_a_broken_audit_chain(session, raw_conn):
    """Deleting an audit entry (after dropping its trigger) breaks the hash chain, and check says so."""
    for i in range(3):
        records.save(session, model(name=f"Mô hình {i}"))
    seqs = [r[0] for r in raw_conn.execute("SELECT seq FROM audit_log ORDER BY seq")]
    victim = seqs[len(seqs) // 2]
    raw_conn.execute("DROP TRIGGER audit_log_no_delete")
    raw_conn.execute("DELETE FROM audit_log WHERE seq = ?", [victim])
    res = check_service.check(session)
    assert not res["ok"]
    kinds = {p["kind"] for p in res["problems"]}
    assert "audit_chain" in kinds
    chain = [p for p in res["problems"] if p["kind"] == "audit_chain"]
    assert chain[0]["seq"] == seqs[seqs.index(victim) + 1]


def test_check_detects_an_edited_audit_entry(session, raw_conn):
    """Rewriting an audit entry's text (trigger dropped) is caught by its hash."""
    records.save(session, model())
    raw_conn.execute("DROP TRIGGER audit_log_no_update")
    raw_conn.execute("UPDATE audit_log SET user = 'someone' WHERE seq = (SELECT max(seq) FROM audit_log)")
    res = check_service.check(session)
    assert [p["kind"] for p in res["problems"]] == ["audit_entry"]


def test_check_messages_in_english(open_session, raw_conn):
    """check problems carry a message in the session's language."""
    s = open_session("admin", lang="en")
    rid = records.save(s, reception())
    raw_conn.execute("UPDATE receptions SET content = 'x' WHERE id = ?", [rid])
    msg = check_service.check(s)["problems"][0]["message"]
    assert "changed outside the application" in msg


def test_raw_delete_of_audit_row_still_refused_with_trigger(raw_conn, session):
    """Without dropping the trigger an audit row cannot be removed (the check above needs the drop)."""
    with pytest.raises(sqlite3.DatabaseError):
        raw_conn.execute("DELETE FROM audit_log")


def test_large_import_is_committed_and_survives_reopening(tmp_path, open_session):
    """An import of more than 500 records (the temp-table id look-up path) is committed, not left in an open transaction."""
    import json
    from datetime import date

    from app.services.demo_data import generate
    from app.services.importing import import_file
    from app.services.stats import stats

    src = tmp_path / "many.ndjson"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in generate(1200, seed=3, today=date(2026, 11, 23))),
                   encoding="utf-8")
    s = open_session("admin")
    res = import_file(s, src)
    assert not res.errors and sum(res.imported.values()) == 1200
    assert not s.db.conn.in_transaction
    s.close()
    s2 = open_session("admin")
    assert sum(stats(s2)["total"].values()) == 1200


def test_write_failure_in_a_later_chunk_rolls_everything_back(tmp_path, open_session, monkeypatch):
    """When writing fails on a later chunk, the whole import is rolled back and the error surfaces."""
    import json
    from datetime import date

    import app.services.records as service
    from app.services.demo_data import generate
    from app.services.importing import import_file
    from app.services.stats import stats
    from app.storage import records as store

    monkeypatch.setattr(service, "WRITE_CHUNK", 50)
    real = store.WritePlan.statements
    calls = fail_third_write_chunk(monkeypatch)
    src = tmp_path / "many.ndjson"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in generate(400, seed=4, today=date(2026, 11, 23))),
                   encoding="utf-8")
    s = open_session("admin")
    with pytest.raises(Exception):
        import_file(s, src)
    assert calls["n"] >= 3
    assert not s.db.conn.in_transaction
    assert sum(stats(s)["total"].values()) == 0
    monkeypatch.setattr(store.WritePlan, "statements", real)
    res = import_file(s, src)  # and the same file then imports whole
    assert sum(res.imported.values()) == 400


def test_bulk_import_logs_every_change_and_restores_the_triggers(tmp_path, open_session, monkeypatch):
    """A bulk import writes one change_log row per record itself, and the per-row triggers are back afterwards
    — also after a failed bulk import."""
    import json
    from datetime import date

    import app.services.records as service
    from app.services.demo_data import generate
    from app.services.importing import import_file
    from app.storage import records as store

    monkeypatch.setattr(service, "BULK_THRESHOLD", 100)
    monkeypatch.setattr(service, "WRITE_CHUNK", 70)
    src = tmp_path / "many.ndjson"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in generate(300, seed=5, today=date(2026, 11, 23))),
                   encoding="utf-8")
    s = open_session("admin")
    conn = s.db.conn

    def log_triggers():
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger' AND name LIKE '%_log_ai'")}

    assert len(log_triggers()) == 4
    real = store.WritePlan.statements
    fail_third_write_chunk(monkeypatch)
    with pytest.raises(Exception):
        import_file(s, src)
    assert len(log_triggers()) == 4
    assert conn.execute("SELECT count(*) FROM change_log").fetchone()[0] == 0
    monkeypatch.setattr(store.WritePlan, "statements", real)
    res = import_file(s, src)
    assert sum(res.imported.values()) == 300
    assert len(log_triggers()) == 4
    logged = conn.execute("SELECT count(DISTINCT id), count(*) FROM change_log").fetchone()
    assert logged == (300, 300)
    records.save(s, dialogue())  # a single save is logged by the trigger again
    assert conn.execute("SELECT count(*) FROM change_log").fetchone()[0] == 301


def test_deadlines_of_a_petition_name_their_article_and_days_left(session):
    """A complaint in progress lists its deadlines with the article, the due date and whether it is overdue."""
    from app.services.deadlines import deadlines_of, rule_table

    pid = records.save(session, petition(category="complaint", status="in_progress", received_on="2026-03-02",
                                         accepted_on="2026-03-09", direction="accept"))
    dls = deadlines_of(session, pid)
    resolve = [d for d in dls if d["key"].startswith("complaint_resolve")]
    assert resolve and resolve[0]["overdue"] is True  # the fixed clock is 23/11/2026
    assert "Điều 28" in resolve[0]["article"] or "Art" in resolve[0]["article"]
    assert resolve[0]["working_days_left"] < 0
    assert any(r["article"] for r in rule_table(session))


def fail_third_write_chunk(monkeypatch) -> dict:
    """Make the third chunk of an import carry a statement that fails; returns the call counter."""
    from app.storage import records as store

    real = store.WritePlan.statements
    calls = {"n": 0}

    def failing(self, writes):
        calls["n"] += 1
        out = real(self, writes)
        if calls["n"] == 3:
            out.append(("INSERT INTO no_such_table VALUES (?)", [(1,)]))
        return out

    monkeypatch.setattr(store.WritePlan, "statements", failing)
    return calls


# -- a form's record changed elsewhere meanwhile --------------------------------------------------------------------

def test_a_save_never_writes_over_a_change_made_since_the_form_loaded_the_record(session):
    """A form holds the revision it loaded. Another window or `danvan import` changed the record meanwhile:
    saving the form's older content is refused (RecordChanged) and the other change stays."""
    from app.errors import RecordChanged

    rid = records.save(session, reception())
    loaded = records.revision(session, "reception", rid)
    form_copy = records.get(session, "reception", rid)
    records.save(session, {**records.get(session, "reception", rid), "type": "reception",
                           "result": "Đã trả lời tại chỗ"})  # the other change
    with pytest.raises(RecordChanged) as caught:
        records.save(session, {**form_copy, "type": "reception", "note": "Ghi chú của cán bộ"}, expected_rev=loaded)
    assert caught.value.key == "record.changed_elsewhere"
    stored = records.get(session, "reception", rid)
    assert stored["result"] == "Đã trả lời tại chỗ" and "note" not in stored
    # at the revision now stored, the save goes through
    rid2 = records.save(session, {**stored, "type": "reception", "note": "Ghi chú"},
                        expected_rev=records.revision(session, "reception", rid))
    assert rid2 == rid and records.get(session, "reception", rid)["note"] == "Ghi chú"


def test_a_save_never_brings_back_a_record_deleted_or_restored_away(session):
    """Deleted (or purged) since the form loaded it: the save would undelete it; restored to a backup made before
    it existed: the save would make it again. Both refused."""
    from app.errors import RecordChanged

    rid = records.save(session, reception())
    loaded = records.revision(session, "reception", rid)
    form_copy = {**records.get(session, "reception", rid), "type": "reception"}
    records.delete(session, "reception", rid)
    with pytest.raises(RecordChanged) as caught:
        records.save(session, form_copy, expected_rev=loaded)
    assert caught.value.key == "record.deleted_elsewhere"
    assert session.db.conn.execute("SELECT deleted FROM receptions WHERE id = ?", (rid,)).fetchone()[0] == 1
    gone = {**form_copy, "id": OTHER_ID}
    gone.pop("case_no", None)
    with pytest.raises(RecordChanged):
        records.save(session, gone, expected_rev=3)
    assert count(session, "receptions", f"id = '{OTHER_ID}'") == 0
    assert records.revision(session, "reception", rid) is None


def test_a_write_goes_by_the_account_as_it_stands_now(open_session):
    """`danvan user disable` or `user role` while the officer is logged in (the GUI open all day): before, the
    session kept the rights it had at log-in until the idle lock."""
    from app.errors import PermissionDenied
    from app.services import accounts

    officer = open_session("officer")
    admin = open_session("admin")
    rid = records.save(officer, reception())
    accounts.set_role(admin.db, "officer", "viewer", by="admin")
    with pytest.raises(PermissionDenied) as caught:
        records.save(officer, {**records.get(officer, "reception", rid), "type": "reception", "note": "x"})
    assert caught.value.key == "perm.denied" and officer.role == "viewer"
    accounts.set_role(admin.db, "officer", "officer", by="admin")
    accounts.set_active(admin.db, "officer", False, by="admin")
    with pytest.raises(PermissionDenied) as caught:
        records.delete(officer, "reception", rid)
    assert caught.value.key == "account.disabled_meanwhile"
    assert records.revision(admin, "reception", rid) == 1
