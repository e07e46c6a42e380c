"""User accounts (rows only; hashing and rules live in app/services/accounts.py)."""

from __future__ import annotations

import hashlib

from app.storage.records import canonical_json
from app.storage.db import Database


def get_by_name(db: Database, name: str) -> dict | None:
    return next(iter(db.query("SELECT * FROM users WHERE name = ?", [name])), None)


def all_users(db: Database) -> list[dict]:
    return list(db.query(
        "SELECT id, name, full_name, role, active, created_at, last_login_at, failed_logins, locked_until "
        "FROM users ORDER BY name"))


def insert(db: Database, row: dict) -> None:
    cols = list(row)
    db.conn.execute(f"INSERT INTO users ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                    [row[c] for c in cols])


def update(db: Database, user_id: str, **values) -> None:
    sets = ", ".join(f"{k} = ?" for k in values)
    db.conn.execute(f"UPDATE users SET {sets} WHERE id = ?", [*values.values(), user_id])


def count_admins(db: Database) -> int:
    return db.conn.execute("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1").fetchone()[0]


def user_state_hash(row: dict) -> str:
    """What the audit log vouches for about an account (not login counters, which change on every login)."""
    state = {k: row.get(k) for k in ("id", "name", "full_name", "role", "pw_hash", "active")}
    return hashlib.sha256(canonical_json(state).encode("utf-8")).hexdigest()
