"""Bundle import checks case numbers for the whole bundle at once (app/storage/sync_apply.py): a number held by
another record, here or earlier in the same bundle, quarantines that record and lets the rest of the bundle in."""

from __future__ import annotations

import uuid
from datetime import datetime

import pytest

from app.clock import Clock
from app.services import setup, sync_import, sync_keys
from app.services.session import Session
from app.storage import sync_log
from app.storage.migrations import EXCHANGE_SCHEMA_VERSION
from app.sync.bundle import write_bundle
from tests.app.conftest import petition, reception

PASSWORD = "Kiem-tra-2026!"
NOW = datetime(2026, 11, 23, 10, 0)


def _clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def pair(tmp_path):
    """(commune session, upper session), keys exchanged both ways."""
    setup.init(tmp_path / "c.db", "4", "commune", "admin", PASSWORD, clock=_clock())
    setup.init(tmp_path / "u.db", "1", "upper", "admin", PASSWORD, clock=_clock())
    c = Session.open(tmp_path / "c.db", "admin", PASSWORD, clock=_clock())
    u = Session.open(tmp_path / "u.db", "admin", PASSWORD, clock=_clock())
    sync_keys.export_keyfile(u, tmp_path / "u.dvkey", password=PASSWORD)
    sync_keys.trust(c, tmp_path / "u.dvkey")
    sync_keys.export_keyfile(c, tmp_path / "c.dvkey", password=PASSWORD)
    sync_keys.trust(u, tmp_path / "c.dvkey")
    yield c, u
    c.close()
    u.close()


def _line(site: str, rec: dict, rev: int = 1) -> dict:
    rec = dict(rec, id=rec.get("id") or str(uuid.uuid4()))
    return {"entity": rec["type"], "id": rec["id"], "rev": rev, "owner_site": site, "deleted": 0,
            "created_at": "2026-11-23T10:00:00+00:00", "created_by": "admin",
            "updated_at": "2026-11-23T10:00:00+00:00", "updated_by": "admin", "record": rec}


def _bundle(c: Session, u: Session, folder, lines: list[dict], seq: tuple[int, int]):
    mine = sync_keys.unlock(c, PASSWORD)
    upper = sync_keys.unlock(u, PASSWORD).identity
    folder.mkdir(exist_ok=True)
    m = write_bundle(folder, lines, keys=mine.keypair, sender=mine.identity, recipients=[upper], kind="changes",
                     seq_from=seq[0], seq_to=seq[1], last_ack_seq=0, schema_version=EXCHANGE_SCHEMA_VERSION,
                     clock=_clock())
    return next(p for p in folder.glob("*.dvb") if m.bundle_id and p.name.startswith(m.sender.unit_code)
                and f"_{seq[0]}-{seq[1]}_" in p.name)


def test_two_records_of_one_bundle_with_one_case_number_quarantine_the_second_only(pair, tmp_path):
    """The first holder of a case number is imported, a second record of the same bundle claiming it is
    quarantined ("case_no_taken"), and every other record goes in — the bundle is not refused as a whole."""
    c, u = pair
    site = c.site_id
    lines = [_line(site, reception(case_no="00004-2026-7")), _line(site, petition(case_no="00004-2026-7")),
             _line(site, reception(case_no="00004-2026-8"))]
    f = _bundle(c, u, tmp_path / "out", lines, (1, 3))
    res = sync_import.import_bundles(u, [f], password=PASSWORD)["bundles"][0]
    assert (res["status"], res["imported"], res["quarantined"]) == ("imported", 2, 1)
    assert res["quarantine"] == [{"id": lines[1]["id"], "reason": "case_no_taken"}]
    held = dict(u.db.conn.execute("SELECT case_no, id FROM receptions").fetchall())
    assert held == {"00004-2026-7": lines[0]["id"], "00004-2026-8": lines[2]["id"]}
    assert [q["record_id"] for q in sync_log.quarantined(u.db)] == [lines[1]["id"]]
    # a run of bundles leaves the planner statistics of what it brought (see app.storage.db.refresh_statistics)
    assert u.db.conn.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'receptions'").fetchone()[0] > 0


def test_a_case_number_held_by_another_record_is_refused_but_the_same_record_may_keep_it(pair, tmp_path):
    """A later bundle: a new record reusing a held number is quarantined; the holder's own update keeps it."""
    c, u = pair
    site = c.site_id
    first = _line(site, reception(case_no="00004-2026-9"))
    sync_import.import_bundles(u, [_bundle(c, u, tmp_path / "a", [first], (1, 1))], password=PASSWORD)
    again = _line(site, dict(first["record"], content="Nội dung đã được bổ sung sau khi tiếp"), rev=2)
    thief = _line(site, reception(case_no="00004-2026-9"))
    res = sync_import.import_bundles(u, [_bundle(c, u, tmp_path / "b", [again, thief], (2, 3))],
                                     password=PASSWORD)["bundles"][0]
    assert (res["updated"], res["imported"], res["quarantined"]) == (1, 0, 1)
    assert res["quarantine"] == [{"id": thief["id"], "reason": "case_no_taken"}]
    assert u.db.conn.execute("SELECT id, rev FROM receptions WHERE case_no = '00004-2026-9'").fetchall() == \
        [(first["id"], 2)]
