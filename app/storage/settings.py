"""Business settings (unit, cut-off day, …) and the user-edited calendar, as key/value rows with defaults."""

from __future__ import annotations

import hashlib

from app.storage.db import Database


DEFAULTS = {
    "report_cutoff_day": "15",  # TT 02/2021 Art. 7: the 15th of the previous month to the 14th
    "demo": "0",
}


def get(db: Database, key: str, default: str | None = None) -> str | None:
    row = db.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    if row is not None:
        return row[0]
    return DEFAULTS.get(key, default)


def get_all(db: Database) -> dict[str, str]:
    out = dict(DEFAULTS)
    out.update({r[0]: r[1] for r in db.conn.execute("SELECT key, value FROM settings")})
    return out


def put(db: Database, key: str, value: str) -> None:
    db.conn.execute("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [key, str(value)])


def setting_state_hash(key: str, value: str | None) -> str:
    return hashlib.sha256(f"{key}\x1f{value}".encode("utf-8")).hexdigest()


def put_audited(db: Database, key: str, value: str, at: str, user: str | None = None) -> None:
    """Store a setting with its audit entry (its state hash is what `check` compares the stored value with) —
    inside the caller's write transaction."""
    from app.storage import audit

    put(db, key, value)
    audit.append(db, [audit.Entry("setting", user, "setting", key, setting_state_hash(key, value),
                                  detail=f"{key}={value}")], at)


def stored_settings(db: Database) -> dict[str, str]:
    return {r[0]: r[1] for r in db.conn.execute("SELECT key, value FROM settings")}


def calendar_days(db: Database) -> list[dict]:
    return list(db.query("SELECT day, kind, note FROM calendar_days ORDER BY day"))


def put_calendar_day(db: Database, day: str, kind: str, note: str | None) -> None:
    db.conn.execute(
        "INSERT INTO calendar_days(day, kind, note) VALUES (?, ?, ?) "
        "ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, note = excluded.note", [day, kind, note])


def delete_calendar_day(db: Database, day: str) -> None:
    db.conn.execute("DELETE FROM calendar_days WHERE day = ?", [day])
