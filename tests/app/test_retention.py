"""Retention periods and the purge: personal fields erased past the period, records kept, one audit entry per run."""

from __future__ import annotations

import pytest

from app.errors import DanvanError, PermissionDenied
from app.services import check as check_service
from app.services import records, retention
from app.services.records import Incoming, apply_records
from app.storage import records as store
from tests.app.conftest import citizen, dialogue, model, petition, reception


def _save(session, *raws) -> list[str]:
    res = apply_records(session, [Incoming(i, r) for i, r in enumerate(raws, 1)], action="save")
    assert not res.errors, res.errors
    return res.ids


@pytest.fixture
def book(session):
    """An old reception (2019), a recent one, a petition closed in 2015, one closed in 2024, an open one from
    2014, a model of 2010 and a dialogue of 2012."""
    ids = _save(session,
                reception(received_at="2019-03-04T08:00", citizen=citizen("Phạm Văn Cũ", "001099000111",
                                                                        phone="0912345678", address="Tổ 3")),
                reception(received_at="2025-03-04T08:00", citizen=citizen("Hà Thị Mới", "001099000222")),
                petition(received_on="2015-01-05", status="resolved", resolved_on="2015-02-01",
                         petitioners=[citizen("Đỗ Văn Đơn", "001099000333")]),
                petition(received_on="2024-01-05", status="resolved", resolved_on="2024-02-01"),
                petition(received_on="2014-01-05", status="in_progress",
                         petitioners=[citizen("Vũ Thị Mở", "001099000444")]),
                model(year=2010), dialogue(held_on="2012-05-01"))
    return dict(zip(("old_rec", "new_rec", "old_pet", "new_pet", "open_pet", "model", "dialogue"), ids))


def test_defaults_and_settings(session):
    """Defaults: receptions 5 years, petitions 10 after closing, models and dialogues kept (0)."""
    assert retention.periods(session) == {"reception": 5, "petition": 10, "model": 0, "dialogue": 0}
    assert retention.set_periods(session, {"reception": 3})["reception"] == 3
    with pytest.raises(DanvanError) as caught:  # a value refused is bad input (exit 1), not a usage error
        retention.set_periods(session, {"reception": 1000})
    assert caught.value.exit_code == 1


def test_only_admin_sets_periods_and_purges(leader, officer):
    """A leader may not change the periods nor purge; an officer neither."""
    with pytest.raises(PermissionDenied):
        retention.set_periods(leader, {"reception": 3})
    for s in (leader, officer):
        with pytest.raises(PermissionDenied):
            retention.purge(s, dry_run=True)


def test_dry_run_lists_and_changes_nothing(session, book):
    """A dry run names what would be erased (the old reception and the petition closed in 2015) and writes nothing."""
    before = session.db.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    res = retention.purge(session, dry_run=True)
    assert res["counts"] == {"reception": 1, "petition": 1, "model": 0, "dialogue": 0}
    assert {r["id"] for r in res["records"]} == {book["old_rec"], book["old_pet"]}
    assert session.db.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before
    assert records.get(session, "reception", book["old_rec"])["citizen"]["name"] == "Phạm Văn Cũ"


def test_purge_erases_personal_fields_keeps_records_and_check_stays_ok(session, book):
    """The purge erases name, ID number, phone and address; the record, its content and the chain stay; the run
    leaves one 'purge' entry with the counts; a second run finds nothing."""
    res = retention.purge(session)
    assert res["total"] == 2
    rec = records.get(session, "reception", book["old_rec"])
    assert rec["citizen"] == {"name": retention.ERASED_NAME}
    assert rec["content"]
    pet = records.get(session, "petition", book["old_pet"])
    assert pet["petitioners"] == [{"name": retention.ERASED_NAME}]
    assert records.get(session, "petition", book["open_pet"])["petitioners"][0]["name"] == "Vũ Thị Mở"
    assert records.get(session, "reception", book["new_rec"])["citizen"]["name"] == "Hà Thị Mới"
    conn = session.db.conn
    # nothing of the erased person remains in the row, its people, the search column or the index
    for table in ("receptions_persons", "petitions_persons"):
        values = " ".join(str(v) for row in conn.execute(f"SELECT * FROM {table}") for v in row)
        assert "001099000111" not in values and "0912345678" not in values and "Tổ 3" not in values
    folded = " ".join(r[0] for r in conn.execute("SELECT search_fold FROM receptions"))
    assert "pham van cu" not in folded
    summary = conn.execute("SELECT user, detail FROM audit_log WHERE action = 'purge'").fetchall()
    assert summary == [("admin", "reception=1 petition=1 model=0 dialogue=0")]
    assert check_service.check(session)["ok"]
    assert store.get(session.db, "reception", book["old_rec"]).rev == 2  # a change like any other (sync sends it)
    assert retention.purge(session, dry_run=True)["total"] == 0


def test_erased_record_is_still_valid_for_sync_and_forms(session, book):
    """An erased record passes validation again (a form save or the upper level's import does not refuse it)."""
    retention.purge(session)
    rec = records.get(session, "reception", book["old_rec"])
    rec["note"] = "đã xóa dữ liệu cá nhân"
    records.save(session, rec)


def test_model_and_dialogue_tombstoned_when_a_period_is_set(session, book):
    """With a period for models, an old model is tombstoned (never DELETEd)."""
    retention.set_periods(session, {"model": 10})
    res = retention.purge(session)
    assert res["counts"]["model"] == 1 and res["counts"]["dialogue"] == 0
    s = store.get(session.db, "model", book["model"])
    assert s is not None and s.deleted == 1
    assert check_service.check(session)["ok"]
