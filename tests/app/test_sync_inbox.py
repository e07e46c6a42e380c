"""The upper level's watched inbox (issue 6, channel 2): bundles arriving in a folder — a network share, a synced
folder — are imported once they have finished arriving, then moved into the archive; refused ones stay with their
reason; a file still being copied in is never taken. Real databases, real bundles, real files."""

from __future__ import annotations

import os
import shutil
import time
from datetime import datetime
from pathlib import Path

import pytest

from app.clock import Clock
from app.errors import DanvanError
from app.services import records as record_service, setup, sync_export, sync_import, sync_inbox, sync_keys
from app.services.importing import import_file
from app.services.session import Session
from tests.app.conftest import PASSWORD
from tests.app.test_cli import run

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "samples" / "commune-sample.ndjson"


def _later() -> float:
    """"Now" for the settle check, a minute ahead: every file the test wrote has been left alone long enough.
    Taken when asked — a value taken at import was minutes old once the whole suite ran before it."""
    return time.time() + 60


def _clock() -> Clock:
    return Clock(datetime(2026, 11, 23, 10, 0))


@pytest.fixture
def world(tmp_path):
    """(commune, second commune of another unit, upper level) sessions; the first commune's key registered at the
    upper level, the second's not; the sample imported at the first."""
    made = []
    for name, code, level in (("c.db", "4", "commune"), ("d.db", "8", "commune"), ("u.db", "1", "upper")):
        setup.init(tmp_path / name, code, level, "admin", PASSWORD, clock=_clock())
        made.append(Session.open(tmp_path / name, "admin", PASSWORD, clock=_clock()))
    c, d, u = made
    sync_keys.export_keyfile(u, tmp_path / "u.dvkey", password=PASSWORD)
    for commune in (c, d):
        sync_keys.trust(commune, tmp_path / "u.dvkey")
    sync_keys.export_keyfile(c, tmp_path / "c.dvkey", password=PASSWORD)
    sync_keys.trust(u, tmp_path / "c.dvkey")
    assert not import_file(c, SAMPLE).errors
    yield c, d, u
    for s in made:
        s.close()


def _dialogue(n: int) -> dict:
    return {"type": "dialogue", "held_on": f"2026-10-{n:02d}", "chair": "Nguyễn Đình Khôi", "participants": 20,
            "topics": f"Đối thoại số {n}"}


def test_choosing_the_inbox_is_for_the_upper_level_and_an_existing_folder(world, tmp_path):
    c, _d, u = world
    with pytest.raises(DanvanError) as e:
        sync_inbox.set_inbox_folder(c, tmp_path)
    assert e.value.key == "sync.inbox.not_upper"
    with pytest.raises(DanvanError) as e:
        sync_inbox.set_inbox_folder(u, tmp_path / "missing")
    assert e.value.key == "sync.inbox.not_a_folder" and sync_inbox.inbox_folder(u) is None
    with pytest.raises(DanvanError) as e:
        sync_inbox.waiting(u)
    assert e.value.key == "sync.inbox.unset"
    (tmp_path / "inbox").mkdir()
    assert sync_inbox.set_inbox_folder(u, tmp_path / "inbox")["folder"] == str((tmp_path / "inbox").resolve())
    assert "sync_inbox" in [(r["detail"] or "").split("=")[0] for r in u.db.query(
        "SELECT detail FROM audit_log WHERE action = 'setting'")]


def test_bundles_that_arrived_are_imported_and_moved_away_refused_and_unfinished_ones_stay(world, tmp_path):
    """Two bundles of a registered commune are imported and leave the folder (kept in the archive under their
    hash); one from an unregistered commune is refused and stays, named; one still being copied in — its full
    size already there, its end not yet (as Windows' copy writes) — is neither taken nor refused, and is imported
    once complete; other files and temporary names are left alone."""
    c, d, u = world
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    sync_inbox.set_inbox_folder(u, inbox)
    first = Path(sync_export.export_bundle(c, inbox, password=PASSWORD)["file"])
    record_service.save(c, _dialogue(1))
    second = Path(sync_export.export_bundle(c, inbox, password=PASSWORD)["file"])
    record_service.save(d, _dialogue(2))
    stranger = Path(sync_export.export_bundle(d, inbox, password=PASSWORD)["file"])
    record_service.save(c, _dialogue(3))
    third = Path(sync_export.export_bundle(c, tmp_path, password=PASSWORD)["file"])
    whole = third.read_bytes()
    copying = inbox / third.name
    copying.write_bytes(whole[: len(whole) // 2] + bytes(len(whole) - len(whole) // 2))  # preallocated, half filled
    (inbox / "ghi-chu.txt").write_text("không phải gói", "utf-8")
    (inbox / f".{third.name}.part").write_bytes(whole[:100])

    found = sync_inbox.waiting(u, now=_later())
    assert found["ready"] == sorted([first, second, stranger], key=lambda p: p.name) and found["arriving"] == 1

    res = sync_inbox.import_waiting(u, password=PASSWORD, now=_later())
    by_file = {Path(b["file"]).name: b for b in res["bundles"]}
    assert {by_file[first.name]["status"], by_file[second.name]["status"]} == {"imported"}
    assert by_file[first.name]["imported"] == 60 and by_file[second.name]["imported"] == 1
    assert by_file[stranger.name]["status"] == "rejected" and res["left"] == [stranger.name]
    assert res["arriving"] == 1 and res["not_moved"] == []
    assert sorted(p.name for p in inbox.iterdir()) == sorted(
        [stranger.name, copying.name, "ghi-chu.txt", f".{third.name}.part"])
    archived = {p.name for p in sync_import.archive_dir(u.path).iterdir()}
    assert len(archived) == 2

    copying.write_bytes(whole)  # the copy finished
    again = sync_inbox.import_waiting(u, password=PASSWORD, now=_later())
    statuses = {Path(b["file"]).name: b["status"] for b in again["bundles"]}
    assert statuses == {stranger.name: "rejected", third.name: "imported"}
    assert not copying.exists() and stranger.exists()


def test_a_bundle_put_in_the_inbox_again_is_taken_as_imported_before_and_moved_away(world, tmp_path):
    c, _d, u = world
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    sync_inbox.set_inbox_folder(u, inbox)
    f = Path(sync_export.export_bundle(c, tmp_path, password=PASSWORD)["file"])
    sync_import.import_bundles(u, [f], password=PASSWORD)  # imported from a USB stick first
    shutil.copyfile(f, inbox / f"ban-sao-{f.name}")  # then the sync tool brings it too, under another name
    res = sync_inbox.import_waiting(u, password=PASSWORD, now=_later())
    assert [b["status"] for b in res["bundles"]] == ["duplicate"] and list(inbox.iterdir()) == []


def test_an_inbox_that_cannot_be_reached_is_said_and_nothing_changes(world, tmp_path):
    _c, _d, u = world
    inbox = tmp_path / "share"
    inbox.mkdir()
    sync_inbox.set_inbox_folder(u, inbox)
    inbox.rmdir()  # the network drive went away
    before = u.db.conn.execute("SELECT count(*) FROM sync_bundles_received").fetchone()[0]
    with pytest.raises(DanvanError) as e:
        sync_inbox.import_waiting(u, password=PASSWORD, now=_later())
    assert e.value.key == "sync.inbox.unreachable" and "ổ mạng chưa kết nối" in e.value.message("vi")
    assert u.db.conn.execute("SELECT count(*) FROM sync_bundles_received").fetchone()[0] == before


def test_cli_bundle_inbox_sets_the_folder_imports_and_exits_1_when_one_is_refused(world, tmp_path):
    c, d, u = world
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    record_service.save(d, _dialogue(2))  # something for the unregistered commune to send
    for s in world:
        s.close()
    db = str(tmp_path / "u.db")
    rc, _res, proc = run(["--db", db, "bundle", "inbox", "--set", str(inbox)], tmp_path)
    assert rc == 0 and "Thư mục nhận gói" in proc.stdout, proc.stderr
    rc, _res, proc = run(["--db", db, "bundle", "inbox"], tmp_path)
    assert rc == 0 and "Không có gói mới" in proc.stdout, proc.stderr

    for name in ("c.db", "d.db"):
        rc, _res, proc = run(["--db", str(tmp_path / name), "--json", "bundle", "export", "--out", str(inbox)],
                             tmp_path)
        assert rc == 0, proc.stderr
    past = time.time() - 60
    for p in inbox.iterdir():
        os.utime(p, (past, past))
    rc, res, proc = run(["--db", db, "--json", "bundle", "inbox"], tmp_path)
    assert rc == 1, proc.stderr
    assert sorted(b["status"] for b in res["bundles"]) == ["imported", "rejected"]
    assert len(res["left"]) == 1 and [p.name for p in inbox.iterdir()] == res["left"]
