"""A full disk and a destination that fails mid-copy (issue 7's acceptance): a clear error, nothing lost, and no
half-written file left where a user would take it for a good one.

The data file's disk is made "full" with SQLite's max_page_count (DANVAN_TEST_MAX_PAGE_COUNT, a test seam read at
open: the file may not grow by a single page). A USB stick or second backup folder that fills up midway is a fake
writer, handed to the real channel code through its seam, that writes half the bytes and then raises
OSError(ENOSPC) as the operating system would.
"""

from __future__ import annotations

import errno
import functools
import os
from pathlib import Path

import pytest

from app.i18n import tr
from app.storage.backup import check_file
from tests.faults.conftest import (BUNDLE_RECORDS, PASSWORD, _open, copy_db, danvan, danvan_check, db_state, generated_records,
                                   integrity, write_ndjson)

FULL = {"DANVAN_TEST_MAX_PAGE_COUNT": "1"}  # below the file's size: SQLite keeps it at that size, no growth


def _enospc() -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("records", [1, 2000], ids=["one long record", "a book of 2000"])
def test_import_on_a_full_disk_is_refused_and_changes_nothing(commune_template, tmp_path, records):
    """`danvan import` on a full disk exits 1 with the disk-full sentence (no traceback); the database is as it
    was and checks clean; once there is room the same file imports."""
    db = copy_db(commune_template, tmp_path / "sodanvan.db")
    recs = generated_records(records, seed=21)
    if records == 1:  # long enough to need new pages (a short one fits in the file's free space)
        for field in ("topics", "commitments", "follow_up", "note"):  # the sample's first record is a dialogue
            recs[0][field] = (recs[0]["topics"] + " ") * (19_000 // (len(recs[0]["topics"]) + 1))
    book = write_ndjson(tmp_path / "so.ndjson", recs)
    before = db_state(db)
    code, data, err = danvan(["--db", db, "--json", "import", book], tmp_path, **FULL)
    assert code == 1, err
    assert data["error"] == {"code": "database", "message": tr("db.disk_full", "vi")}
    assert "Traceback" not in err and tr("db.disk_full", "vi") in err
    assert db_state(db) == before
    assert integrity(db) == "ok"
    code, check = danvan_check(db, tmp_path)
    assert code == 0 and check["ok"], check
    code, data, err = danvan(["--db", db, "--json", "import", book], tmp_path)
    assert code == 0 and sum(data["imported"].values()) == records, err


def test_bundle_import_on_a_full_disk_is_refused_and_changes_nothing(sync_pair, tmp_path):
    """`danvan bundle import` at an upper level whose disk is full exits 1 with the disk-full sentence; nothing of
    the bundle is held, so it imports whole once there is room."""
    db = copy_db(sync_pair.upper, tmp_path / "tinh.db")
    before = db_state(db)
    code, data, err = danvan(["--db", db, "--json", "bundle", "import", sync_pair.bundle], tmp_path, **FULL)
    assert code == 1, err
    assert data["error"]["message"] == tr("db.disk_full", "vi"), data
    assert "Traceback" not in err
    assert db_state(db) == before and integrity(db) == "ok"
    assert danvan_check(db, tmp_path)[0] == 0
    code, data, err = danvan(["--db", db, "--json", "bundle", "import", sync_pair.bundle], tmp_path)
    assert code == 0 and data["bundles"][0]["status"] == "imported", err


# -- a destination that fails mid-copy ----------------------------------------------------------------------------

class _FillingFile:
    """A file on a drive with `room` bytes left: writes up to that, then fails as the OS does (ENOSPC)."""

    def __init__(self, path: Path, room: int):
        self._fh = open(path, "xb")
        self._room = room

    def write(self, data: bytes) -> int:
        if len(data) > self._room:
            self._fh.write(data[:self._room])
            self._room = 0
            raise _enospc()
        self._room -= len(data)
        return self._fh.write(data)

    def flush(self):
        self._fh.flush()

    def fileno(self):
        return self._fh.fileno()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._fh.close()


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_bundle_to_a_usb_stick_that_fills_up(sync_pair, tmp_path, monkeypatch):
    """"Ghi ra USB" onto a stick that fills up halfway: the disk-full sentence, nothing on the stick (no bundle,
    no temp file), and nothing lost — the next export to a good stick carries every record again."""
    from app.services import sync_overview
    from app.sync.channels import DiskFull
    from app.sync.channels.removable import copy_verified

    db = copy_db(sync_pair.commune, tmp_path / "xa.db")
    stick = tmp_path / "usb"
    stick.mkdir()
    room = sync_pair.bundle.stat().st_size // 2
    monkeypatch.setattr(sync_overview, "copy_verified",
                        functools.partial(copy_verified, opener=lambda p: _FillingFile(p, room)))
    s = _open(db)
    try:
        with pytest.raises(DiskFull) as failed:
            sync_overview.export_to_drive(s, stick, password=PASSWORD)
        message = failed.value.message("vi")
        assert str(stick) in message and "không còn đủ chỗ" in message
        assert _names(stick) == []
        monkeypatch.undo()
        res = sync_overview.export_to_drive(s, stick, password=PASSWORD)
    finally:
        s.close()
    assert res["records"] == BUNDLE_RECORDS and _names(stick) == [Path(res["file"]).name]
    assert integrity(db) == "ok"


def test_backup_copy_to_a_second_folder_that_fills_up(commune_template, tmp_path):
    """A backup whose copy to the second folder (a USB drive) fails halfway: the backup in the data folder stands
    and checks ok, the caller gets a sentence naming the folder, and the second folder holds no backup file and
    no temp file."""
    from app.services import backup_schedule, unit_settings

    db = copy_db(commune_template, tmp_path / "data" / "sodanvan.db")
    second = tmp_path / "usb"
    second.mkdir()

    def filling_copier(src: Path, tmp: Path) -> None:
        if src.suffix == ".keys":  # the small key file fits; the database itself does not
            tmp.write_bytes(src.read_bytes())
            return
        data = src.read_bytes()
        tmp.write_bytes(data[:len(data) // 2])
        raise _enospc()

    s = _open(db)
    try:
        unit_settings.set_setting(s, backup_schedule.COPY_FOLDER_SETTING, str(second))
        res = backup_schedule.make_backup(s, backup_schedule.MANUAL, copier=filling_copier)
    finally:
        s.close()
    assert res["copy"] is None
    assert len(res["warnings"]) == 1 and str(second) in res["warnings"][0]
    assert check_file(res["file"]) == "ok" and db_state(Path(res["file"]))["receptions"] == 31
    assert not [n for n in _names(second) if n.endswith(".db") or n.endswith(".part")], _names(second)
    assert integrity(db) == "ok"


def test_backup_out_to_a_folder_that_fails(commune_template, tmp_path):
    """`danvan backup --out` into a folder that cannot be made (a file is in the way): exit 1 with the sentence
    naming the file — not an "unexpected error" from the clean-up tripping over the same missing folder."""
    db = copy_db(commune_template, tmp_path / "sodanvan.db")
    blocked = tmp_path / "khong-ghi-duoc"
    blocked.write_text("a file where the folder should be")
    code, data, err = danvan(["--db", db, "--json", "backup", "--out", blocked / "sao-luu.db"], tmp_path)
    assert code == 1 and "Traceback" not in err
    assert data["error"]["code"] == "refused" and "sao-luu.db" in data["error"]["message"], data
    assert blocked.read_text() == "a file where the folder should be"


def test_failed_backup_keeps_the_older_backup_of_that_name(commune_template, tmp_path):
    """A backup that fails while writing (here its temp file cannot be made) leaves the older, good backup at the
    same name where it was: a failure never costs the backup one already had."""
    db = copy_db(commune_template, tmp_path / "sodanvan.db")
    out = tmp_path / "usb" / "sao-luu.db"
    code, _, err = danvan(["--db", db, "--json", "backup", "--out", out], tmp_path)
    assert code == 0, err
    good = out.read_bytes()
    from app.io.part_files import part_name

    (out.parent / part_name(out)).mkdir()  # the temp name is taken by a folder: the copy cannot be written
    code, data, err = danvan(["--db", db, "--json", "backup", "--out", out], tmp_path)
    assert code == 1 and "sao-luu.db" in data["error"]["message"], data
    assert out.read_bytes() == good and check_file(out) == "ok"
    assert Path(str(out) + ".keys").is_file()
