"""Consistent copies of the database with the SQLite backup API (safe while another process writes)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def backup_connection(conn: sqlite3.Connection, target: str | Path) -> Path:
    """Copy a live database to `target` atomically: written to a temp file, fsynced, checked, then renamed —
    so a power cut never leaves a half-written file that looks like a good backup."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    if tmp.exists():
        tmp.unlink()
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
    _fsync_dir(target.parent)
    return target


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
    conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def site_id_of_file(path: str | Path) -> str | None:
    """The installation id stored in a database file (None when it has none: not one of ours)."""
    conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = 'site_id'").fetchone()
        return row[0] if row else None
    finally:
        conn.close()


def sync_fingerprint_of_file(path: str | Path) -> str | None:
    """The sync key fingerprint recorded in a database file (None before sync, or when it had no keys yet)."""
    conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT fingerprint FROM sync_site WHERE id = 1").fetchone()
    except sqlite3.OperationalError:  # a backup from before sync: no such table
        return None
    finally:
        conn.close()
    return row[0] if row else None


def copy_file_into(source: str | Path, conn: sqlite3.Connection) -> None:
    """Replace the content behind `conn` with the database file `source` (page copy, under SQLite's locking)."""
    src = sqlite3.connect(f"file:{Path(source).as_posix()}?mode=ro", uri=True)
    try:
        src.backup(conn)
    finally:
        src.close()


def last_change_seq(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0]


def keep_change_seq_above(conn: sqlite3.Connection, seq: int) -> None:
    """After a restore, change_log numbering continues above `seq` (SYNC.md: numbers never go backwards)."""
    conn.execute("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'change_log'", [seq])
    conn.execute("INSERT INTO sqlite_sequence(name, seq) SELECT 'change_log', ? "
                 "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'change_log')", [seq])
