"""The sync screen's read-only overview (app/services/sync_overview.py) on a real commune and upper level."""

from __future__ import annotations

import shutil

import pytest

from app.services import records, setup, sync_ack, sync_export, sync_import, sync_keys, sync_overview
from app.services.session import Session
from app.storage.db import open_db
from tests.app.conftest import PASSWORD, make_clock, reception


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    d = tmp_path_factory.mktemp("overview-templates")
    setup.init(d / "c.db", "4", "commune", "admin", PASSWORD, clock=make_clock())
    setup.init(d / "u.db", "1", "upper", "admin", PASSWORD, clock=make_clock())
    for name in ("c.db", "u.db"):
        db = open_db(d / name)
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
    return d


@pytest.fixture
def pair(templates, tmp_path):
    """(commune session, upper session) on fresh copies, keys exchanged both ways."""
    opened = []
    for name in ("c.db", "u.db"):
        shutil.copyfile(templates / name, tmp_path / name)
        shutil.copy2(sync_keys.keys_path(templates / name), sync_keys.keys_path(tmp_path / name))
        opened.append(Session.open(tmp_path / name, "admin", PASSWORD, clock=make_clock()))
    c, u = opened
    sync_keys.export_keyfile(u, tmp_path / "u.dvkey", password=PASSWORD)
    sync_keys.trust(c, tmp_path / "u.dvkey")
    sync_keys.export_keyfile(c, tmp_path / "c.dvkey", password=PASSWORD)
    sync_keys.trust(u, tmp_path / "c.dvkey")
    yield c, u
    for s in opened:
        s.close()


def test_unsent_counts_records_not_changes(pair):
    """Two changes of one record count as one unsent record; the first change's time is given."""
    c, _u = pair
    rid = records.save(c, reception())
    records.save(c, {**records.get(c, "reception", rid), "note": "bổ sung"})
    records.save(c, reception(content="Một việc khác"))
    o = sync_overview.commune_overview(c)
    assert o["unsent"] == 2 and o["waiting"] == 0 and o["unsent_since"]
    assert o["fingerprint"] == sync_keys.site_fingerprint(c) and o["upper"]["unit_code"] == "01"
    assert o["acknowledged_seq"] == 0 and o["acknowledged_through"] is None


def test_export_empties_unsent_and_receipt_ends_waiting(pair, tmp_path):
    """After a bundle, nothing is unsent but it waits for a receipt; the receipt clears waiting and is dated."""
    c, u = pair
    records.save(c, reception())
    res = sync_export.export_bundle(c, tmp_path, password=PASSWORD)
    o = sync_overview.commune_overview(c)
    assert (o["unsent"], o["waiting"]) == (0, 1)
    sent = sync_overview.sent_bundles(c)
    assert [b["bundle_id"] for b in sent] == [res["bundle_id"]] and not sent[0]["acknowledged"]
    assert sent[0]["recipient_name"] == o["upper"]["unit_name"]

    out = sync_import.import_bundles(u, [res["file"]], password=PASSWORD)
    assert out["bundles"][0]["status"] == "imported"
    [row] = sync_overview.communes(u)
    assert row["unit_code"] == "00004" and row["bundles"] == 1 and row["records"] == 1
    assert row["high_water"] == res["seq_to"] and row["last_bundle_at"]
    assert row["gaps"] == [] and row["last_receipt_at"] is None

    sync_ack.export_ack(u, "00004", tmp_path / "ack.dvack", password=PASSWORD)
    assert sync_overview.communes(u)[0]["last_receipt_at"]  # the registry shows the receipt made
    sync_ack.import_ack(c, tmp_path / "ack.dvack")
    o = sync_overview.commune_overview(c)
    assert o["waiting"] == 0 and o["acknowledged_seq"] == res["seq_to"] and o["acknowledged_through"]
    assert o["receipt_at"] and sync_overview.sent_bundles(c)[0]["acknowledged"]


def test_export_to_drive_copies_verified(pair, tmp_path):
    """A bundle written to a drive lands there under its own name; the next one (still unacknowledged) beside it."""
    c, _u = pair
    drive = tmp_path / "usb"
    drive.mkdir()
    records.save(c, reception())
    res = sync_overview.export_to_drive(c, drive, password=PASSWORD)
    assert res["records"] == 1 and [p.name for p in drive.iterdir()] == [res["file"].split("/")[-1]]
    assert sync_overview.commune_overview(c)["unsent"] == 0
    records.save(c, reception(content="Việc mới"))
    again = sync_overview.export_to_drive(c, drive, password=PASSWORD)  # the unacknowledged one travels again
    assert again["records"] == 2 and len(list(drive.iterdir())) == 2


def test_upper_level_lists_no_commune_before_trust(templates, tmp_path):
    """An upper level with no registered commune key has an empty communes table and says it is the upper level."""
    shutil.copyfile(templates / "u.db", tmp_path / "u.db")
    s = Session.open(tmp_path / "u.db", "admin", PASSWORD, clock=make_clock())
    try:
        assert sync_overview.level(s) == "upper" and sync_overview.communes(s) == []
    finally:
        s.close()


def test_import_files_reports_progress_and_stops_between_files(pair, tmp_path):
    """Each file reports progress; a second copy of a bundle is a duplicate; a stop request ends before the next file."""
    import threading

    c, u = pair
    records.save(c, reception())
    res = sync_export.export_bundle(c, tmp_path, password=PASSWORD)
    seen = []
    out = sync_overview.import_files(u, [res["file"], res["file"]], password=PASSWORD,
                                     progress=lambda d, t: seen.append((d, t)))
    assert [b["status"] for b in out["bundles"]] == ["imported", "duplicate"] and seen == [(1, 2), (2, 2)]
    stop = threading.Event()
    stop.set()
    out = sync_overview.import_files(u, [res["file"]], password=PASSWORD, cancel=stop)
    assert out == {"bundles": [], "cancelled": True}


def test_a_full_resend_due_shows_every_record_as_unsent(pair, tmp_path):
    """After a receipt whose digest disagreed (or a restore) the next bundle carries every own record: the screen and
    the status bar say so instead of "nothing left to send", and the export empties it again."""
    from app.storage import sync_log
    from app.storage.db import write_transaction

    c, _u = pair
    records.save(c, reception())
    records.save(c, reception(content="Một việc khác"))
    sync_export.export_bundle(c, tmp_path, password=PASSWORD)
    assert sync_overview.commune_overview(c)["unsent"] == 0 and sync_overview.unsent_capped(c, 99) == 0
    with write_transaction(c.db):
        sync_log.set_snapshot_due(c.db, True)
    o = sync_overview.commune_overview(c)
    assert o["resend_all"] and o["unsent"] == 2 and sync_overview.unsent_capped(c, 99) == 2
    res = sync_export.export_bundle(c, tmp_path, password=PASSWORD)
    assert res["records"] == 2 and res["kind"] == "snapshot"
    o = sync_overview.commune_overview(c)
    assert not o["resend_all"] and o["unsent"] == 0
