"""Consistent copies of the database with the SQLite backup API (safe while another process writes), plain
file copies read back before they count, and read-only looks into a database file (check, counts, ids)."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Callable

from app.io.part_files import part_name

SQLITE_HEADER = b"SQLite format 3\x00"
RECORD_TABLES = ("receptions", "petitions", "models", "dialogues")
_CHUNK = 1024 * 1024
log = logging.getLogger(__name__)


def _ro(path: str | Path, *, immutable: bool = False) -> sqlite3.Connection:
    """A read-only connection: nothing is ever written into the file (a damaged one above all). `immutable`:
    not even the -wal and -shm files beside it are made or read (a damaged file's folder stays as it was)."""
    return sqlite3.connect(Path(path).resolve().as_uri() + ("?immutable=1" if immutable else "?mode=ro"), uri=True)


def _discard(path: Path) -> None:
    """Remove a temporary file if it can be removed (an unplugged drive cannot: its name still ends in .part)."""
    try:
        path.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("could not remove the unfinished copy %s: %s", path, exc)


def backup_connection(conn: sqlite3.Connection, target: str | Path) -> Path:
    """Copy a live database to `target` atomically: written to a temp file, fsynced, checked, then renamed —
    so a power cut never leaves a half-written file that looks like a good backup."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(part_name(target))
    if tmp.exists():
        tmp.unlink()
    try:
        dest = sqlite3.connect(str(tmp))
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
            ok = dest.execute("PRAGMA quick_check").fetchone()[0]
            if ok != "ok":
                raise sqlite3.DatabaseError(f"backup copy failed its check: {ok}")
        finally:
            dest.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        _discard(tmp)  # a full disk or a failed check leaves nothing that looks like a backup
        _discard(tmp.with_name(tmp.name + "-journal"))  # nor SQLite's rollback journal of the copy
        raise
    _fsync_dir(target.parent)
    return target


def copy_database_file(source: str | Path, target: str | Path) -> Path:
    """Copy the database file `source` to `target` with the backup API (read-only on the source): temp file,
    fsync, quick check, rename — as backup_connection."""
    src = _ro(source)
    try:
        return backup_connection(src, target)
    finally:
        src.close()


def _plain_copy(source: Path, target: Path) -> None:
    with open(source, "rb") as src, open(target, "wb") as dst:
        shutil.copyfileobj(src, dst, _CHUNK)
        dst.flush()
        os.fsync(dst.fileno())


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(_CHUNK), b""):
            h.update(block)
    return h.hexdigest()


def copy_file_verified(source: str | Path, target: str | Path,
                       copier: Callable[[Path, Path], None] | None = None) -> Path:
    """Copy a finished file (a backup, its key file) to `target` — e.g. on a USB drive: written as
    `.NAME.part`, read back and compared byte for byte (SHA-256), then renamed. A failure (drive full or
    pulled out) raises OSError and leaves no file under `target`'s name. `copier(src, tmp)` is a test seam."""
    source, target = Path(source), Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(part_name(target))
    try:
        (copier or _plain_copy)(source, tmp)
        if _digest(tmp) != _digest(source):
            raise OSError(f"the copy at {target.parent} reads back differently from the original")
        os.replace(tmp, target)
    except BaseException:
        _discard(tmp)
        raise
    _fsync_dir(target.parent)
    return target


def is_sqlite_file(path: str | Path) -> bool:
    """True when the file starts with SQLite's header (so a damage found inside it is damage, not a stranger)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def quick_check_file(path: str | Path) -> str:
    """'ok' or the first problem SQLite's quick check finds in the file (read-only; raises sqlite3.Error when
    the file cannot be read as a database at all)."""
    conn = _ro(path)
    try:
        return conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    finally:
        conn.close()


def audit_reach(path: str | Path) -> int:
    """How far a database file's data goes: its audit log's last entry (every change leaves one, in order);
    -1 when it cannot be read. Read-only."""
    try:
        conn = _ro(path)
        try:
            return conn.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return -1


def record_count(conn: sqlite3.Connection) -> int:
    """How many records (not deleted) a database holds, all four kinds together."""
    return sum(conn.execute(f"SELECT count(*) FROM {t} WHERE deleted = 0").fetchone()[0] for t in RECORD_TABLES)


def record_count_of_file(path: str | Path) -> int:
    """record_count of a database file, read-only."""
    conn = _ro(path)
    try:
        return record_count(conn)
    finally:
        conn.close()


def last_change_seq_of_file(path: str | Path) -> int | None:
    """The highest change number a database file used (None when it cannot be read: a damaged file)."""
    try:
        conn = _ro(path)
        try:
            return last_change_seq(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(str(path), os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def check_file(path: str | Path) -> str:
    """'ok' or the first problem SQLite's integrity check reports for the file at `path`."""
    conn = _ro(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def migrations_of_file(path: str | Path) -> list[str]:
    """The names of the migrations a database file has applied, read-only ([] for a file without any)."""
    conn = _ro(path)
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
                        ).fetchone() is None:
            return []
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()


def site_id_of_file(path: str | Path) -> str | None:
    """The installation id stored in a database file (None when it has none: not one of ours)."""
    return settings_of_file(path, ("site_id",))["site_id"]


def accounts_of_file(path: str | Path) -> dict[str, tuple]:
    """{name: (role, active, password hash)} of the accounts a database file holds, read-only."""
    conn = _ro(path)
    try:
        return accounts(conn)
    finally:
        conn.close()


def accounts(conn: sqlite3.Connection) -> dict[str, tuple]:
    """{name: (role, active, password hash)} of the accounts an open database holds."""
    return {r[0]: tuple(r[1:]) for r in conn.execute("SELECT name, role, active, pw_hash FROM users")}


def settings_of_file(path: str | Path, keys: tuple[str, ...], *, immutable: bool = False) -> dict[str, str | None]:
    """Some settings stored in a database file, read-only ({key: None} for those it lacks)."""
    conn = _ro(path, immutable=immutable)
    try:
        rows = dict(conn.execute(f"SELECT key, value FROM settings WHERE key IN ({', '.join('?' * len(keys))})",
                                 keys).fetchall())
    finally:
        conn.close()
    return {k: rows.get(k) for k in keys}


def sync_fingerprint_of_file(path: str | Path) -> str | None:
    """The sync key fingerprint recorded in a database file (None before sync, or when it had no keys yet)."""
    conn = _ro(path)
    try:
        row = conn.execute("SELECT fingerprint FROM sync_site WHERE id = 1").fetchone()
    except sqlite3.OperationalError:  # a backup from before sync: no such table
        return None
    finally:
        conn.close()
    return row[0] if row else None


def copy_file_into(source: str | Path, conn: sqlite3.Connection) -> None:
    """Replace the content behind `conn` with the database file `source` (page copy, under SQLite's locking)."""
    src = _ro(source)
    try:
        src.backup(conn)
    finally:
        src.close()


def last_change_seq(conn: sqlite3.Connection) -> int:
    """The highest change number this file used: its counter, which a restore or a receipt may have moved above
    the rows (SQLite's AUTOINCREMENT continues from it)."""
    return conn.execute("SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'change_log'), 0), "
                        "coalesce((SELECT max(seq) FROM change_log), 0))").fetchone()[0]


def keep_change_seq_above(conn: sqlite3.Connection, seq: int) -> None:
    """After a restore, change_log numbering continues above `seq` (SYNC.md: numbers never go backwards)."""
    conn.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'change_log'", [seq])
    conn.execute("INSERT INTO sqlite_sequence(name, seq) SELECT 'change_log', ? "
                 "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'change_log')", [seq])
