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
