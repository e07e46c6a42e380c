"""Low-level integrity queries for `check`."""

from __future__ import annotations

from app.storage.db import Database



def integrity_check(db: Database) -> list[str]:
    rows = [r[0] for r in db.conn.execute("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows


def quick_check(db: Database) -> list[str]:
    rows = [r[0] for r in db.conn.execute("PRAGMA quick_check")]
    return [] if rows == ["ok"] else rows


def foreign_key_problems(db: Database) -> list[dict]:
    return [{"table": r[0], "rowid": r[1], "parent": r[2]} for r in db.conn.execute("PRAGMA foreign_key_check")]


def user_rows(db: Database) -> list[dict]:
    return list(db.query("SELECT * FROM users"))
