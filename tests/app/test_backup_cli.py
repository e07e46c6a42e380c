"""`danvan backup` without --out, and a damaged data file met by the real `danvan` at start-up."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from tests.app.test_backup_schedule import corrupt
from tests.app.test_cli import run


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _copy(db_path: Path, tmp_path: Path) -> Path:
    """The test database copied to a folder of its own (with its key file), as a real data folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    target = folder / "sodanvan.db"
    shutil.copyfile(db_path, target)
    shutil.copyfile(str(db_path) + ".keys", str(target) + ".keys")
    return target


def test_backup_without_out_is_automatic_kind(db_path, tmp_path):
    """`danvan backup` with no --out writes a time-stamped automatic backup (and key file) into backups/;
    `backup --out F` still writes F."""
    db = _copy(db_path, tmp_path)
    rc, data, proc = run(["--db", str(db), "--json", "backup"], tmp_path,
                         env_extra={"DANVAN_NOW": "2026-11-23T17:30:00"})
    assert rc == 0, proc.stderr
    assert data["file"] == str(db.parent / "backups" / "sodanvan-auto-20261123-173000.db")
    assert Path(data["keys"]).exists() and data["kind"] == "auto" and data["warnings"] == []
    out = tmp_path / "b.db"
    rc, data, proc = run(["--db", str(db), "--json", "backup", "--out", str(out)], tmp_path)
    assert rc == 0 and data["file"] == str(out) and out.exists()


def test_backup_second_folder_unavailable_still_exit_0_with_warning(db_path, tmp_path):
    """A second folder that cannot be written: the backup is made (exit 0) and stderr says what to check."""
    db = _copy(db_path, tmp_path)
    blocker = tmp_path / "E"
    rc, _d, proc = run(["--db", str(db), "setting", "backup_copy_folder", str(blocker / "SaoLuu")], tmp_path)
    assert rc == 1 and "Không tìm thấy thư mục" in proc.stderr  # not there when set: bad input, said at once
    blocker.mkdir()  # the drive is there when the folder is set …
    rc, _d, proc = run(["--db", str(db), "setting", "backup_copy_folder", str(blocker / "SaoLuu")], tmp_path)
    assert rc == 0, proc.stderr
    blocker.rmdir()  # … and gone at the backup
    blocker.write_text("not a folder")
    rc, data, proc = run(["--db", str(db), "--json", "backup"], tmp_path)
    assert rc == 0 and Path(data["file"]).exists() and data["copy"] is None
    assert "không chép được sang thư mục thứ hai" in proc.stderr


def test_damaged_file_at_start_exit_1_names_backup_and_is_untouched(db_path, tmp_path):
    """The real `danvan` on a damaged data file: exit 1, the message names the newest good backup and the
    command that restores it, and the file is untouched byte for byte."""
    db = _copy(db_path, tmp_path)
    rc, data, proc = run(["--db", str(db), "--json", "backup"], tmp_path)
    assert rc == 0, proc.stderr
    good = data["file"]
    corrupt(db)
    before = digest(db)
    for args in (["stats"], ["check"], ["backup"]):
        rc, data, proc = run(["--db", str(db), "--json", *args], tmp_path)
        assert rc == 1, proc.stderr
        assert data["error"]["code"] == "damaged"
        assert f'danvan --db "{db}" restore "{good}"' in proc.stderr and "bị hỏng" in proc.stderr
        assert digest(db) == before
    wal = Path(str(db) + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # a read-only look leaves at most an empty WAL
    rc, _d, proc = run(["--db", str(db), "--lang", "en", "stats"], tmp_path)
    assert rc == 1 and "is damaged" in proc.stderr and "Traceback" not in proc.stderr
    # The technical line goes to the log file, not beside the officer's message (it is English)
    assert "failed its start-up check" not in proc.stderr
    logs = list((tmp_path / "xdg").rglob("danvan.log"))
    assert len(logs) == 1 and "failed its start-up check" in logs[0].read_text(encoding="utf-8")


def test_restore_over_damaged_file_keeps_it_and_works_again(db_path, tmp_path):
    """`danvan restore F` on a damaged data file: the account logs in to the backup, the damaged file is kept
    as <name>.damaged-<stamp>, and the data file passes `check` again."""
    db = _copy(db_path, tmp_path)
    rc, data, _ = run(["--db", str(db), "--json", "backup"], tmp_path)
    good = data["file"]
    corrupt(db)
    before = digest(db)
    rc, data, proc = run(["--db", str(db), "--json", "restore", good], tmp_path, password="wrong-password")
    assert rc == 3 and digest(db) == before
    rc, data, proc = run(["--db", str(db), "--json", "restore", good], tmp_path)
    assert rc == 0, proc.stderr
    damaged = Path(data["damaged"])
    assert damaged.parent == db.parent and digest(damaged) == before and data["saved_previous"] == str(damaged)
    rc, data, proc = run(["--db", str(db), "--json", "check"], tmp_path)
    assert rc == 0 and data["ok"], proc.stderr


def test_a_backup_from_a_newer_version_is_refused_before_anything_is_replaced(db_path, tmp_path):
    """`danvan restore` of a backup a newer version made: exit 1, the data is what it was and the program still
    opens it (the backup was copied over the data first and every later command then refused the file)."""
    import sqlite3

    db = _copy(db_path, tmp_path)
    newer = tmp_path / "moi-hon.db"
    rc, _d, proc = run(["--db", str(db), "backup", "--out", str(newer)], tmp_path)
    assert rc == 0, proc.stderr
    with sqlite3.connect(newer) as conn:
        conn.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
                     "SELECT migration_set, 'm9999_future', applied_at FROM _sqlite_migrations LIMIT 1")
    conn.close()
    rc, data, proc = run(["--db", str(db), "--json", "restore", str(newer)], tmp_path)
    assert rc == 1 and "phiên bản mới hơn" in data["error"]["message"] and "giữ nguyên" in data["error"]["message"]
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:  # still this version's schema, not the backup's
        assert conn.execute("SELECT count(*) FROM _sqlite_migrations WHERE name = 'm9999_future'").fetchone()[0] == 0
    conn.close()
    rc, data, proc = run(["--db", str(db), "--json", "check"], tmp_path)
    assert rc == 0 and data["ok"], proc.stderr


def test_a_backup_over_the_data_file_itself_is_refused(db_path, tmp_path):
    """`backup --out` naming the data file in use (or its key file) is refused, and the data is untouched (it was
    replaced by its own copy while open)."""
    db = _copy(db_path, tmp_path)
    keys = digest(Path(str(db) + ".keys"))
    for target in (db, Path(str(db) + ".keys")):
        rc, data, _proc = run(["--db", str(db), "--json", "backup", "--out", str(target)], tmp_path)
        assert rc == 1 and "chính tệp dữ liệu đang dùng" in data["error"]["message"]
    assert digest(Path(str(db) + ".keys")) == keys
    rc, data, proc = run(["--db", str(db), "--json", "check"], tmp_path)
    assert rc == 0 and data["ok"], proc.stderr


def test_restore_on_a_new_computer_puts_the_backup_in_place(db_path, tmp_path):
    """A laptop replaced: on a computer without data, `danvan restore F` (the account logs in to the backup) puts
    yesterday's backup in place with its key file — before, it said there was no database and the officer had to
    set up a throwaway unit first, whose recovery key then silently stopped working."""
    db = _copy(db_path, tmp_path)
    usb = tmp_path / "usb"
    rc, _d, proc = run(["--db", str(db), "import", str(Path(__file__).parents[1] / "fixtures" / "samples" /
                                                       "commune-sample.ndjson")], tmp_path)
    assert rc == 0, proc.stderr
    rc, data, proc = run(["--db", str(db), "--json", "backup", "--out", str(usb / "hom-qua.db")], tmp_path)
    assert rc == 0, proc.stderr
    new = tmp_path / "may-moi" / "SoDanVan" / "sodanvan.db"
    rc, _d, proc = run(["--db", str(new), "restore", str(usb / "hom-qua.db")], tmp_path, password="sai-mat-khau")
    assert rc == 3 and not new.exists()  # the backup's own accounts decide who may put it in place
    rc, data, proc = run(["--db", str(new), "--json", "restore", str(usb / "hom-qua.db")], tmp_path)
    assert rc == 0 and data["damaged"] is None and data["keys_restored"], proc.stderr
    rc, stats, _p = run(["--db", str(new), "--json", "stats"], tmp_path)
    assert sum(stats["total"].values()) == 60
    assert Path(str(new) + ".keys").read_bytes() == Path(str(db) + ".keys").read_bytes()
    assert run(["--db", str(new), "check"], tmp_path)[0] == 0


def test_restore_without_its_key_file_says_how_and_goes_on_with_without_keys(db_path, tmp_path):
    """The backup's key file lost with the laptop: refused naming `--without-keys`; with it the data come back
    and `keys new` makes the new keys (it failed on the missing file)."""
    db = _copy(db_path, tmp_path)
    usb = tmp_path / "usb"
    assert run(["--db", str(db), "backup", "--out", str(usb / "b.db")], tmp_path)[0] == 0
    Path(str(usb / "b.db") + ".keys").unlink()
    new = tmp_path / "may-moi" / "sodanvan.db"
    rc, _d, proc = run(["--db", str(new), "restore", str(usb / "b.db")], tmp_path)
    assert rc == 1 and "--without-keys" in proc.stderr and not new.exists()
    rc, _d, proc = run(["--db", str(new), "restore", str(usb / "b.db"), "--without-keys"], tmp_path)
    assert rc == 0 and "keys new" in proc.stdout, proc.stderr
    rc, data, proc = run(["--db", str(new), "--json", "keys", "new"], tmp_path)
    assert rc == 0 and data["fingerprint"], proc.stderr
