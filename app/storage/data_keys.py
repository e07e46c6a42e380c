"""SQL for the data key's wraps and the accounts' key pairs (see app/protect/wraps.py), and the cipher that an
open database carries while its user holds the data key."""

from __future__ import annotations

from app.protect.cipher import PREFIX, FieldCipher, FieldUnreadable
from app.storage.db import Database

RECOVERY = "recovery"
VERIFIER = "verifier"  # not a wrap: a known text sealed with the data key, to tell whether a key is this file's
_VERIFIER_TEXT = "Sổ Dân Vận"


def attach(db: Database, cipher: FieldCipher | None) -> None:
    """Give this connection the data key (storage seals and opens protected fields with it)."""
    db.field_cipher = cipher


def cipher_of(db: Database) -> FieldCipher | None:
    return getattr(db, "field_cipher", None)


def exists(db: Database) -> bool:
    return db.conn.execute("SELECT 1 FROM data_key_wraps LIMIT 1").fetchone() is not None


def put_verifier(db: Database, cipher: FieldCipher, at: str, by: str | None) -> None:
    put_wrap(db, VERIFIER, cipher.seal(_VERIFIER_TEXT, VERIFIER), at, by)


def verifies(db: Database, cipher: FieldCipher | None) -> bool:
    """Whether `cipher` is this database's data key (after a restore the file may hold another one)."""
    sealed = wrap_of(db, VERIFIER)
    if cipher is None or sealed is None:
        return False
    try:
        return cipher.open(sealed, VERIFIER) == _VERIFIER_TEXT
    except FieldUnreadable:
        return False


def wrap_of(db: Database, holder: str) -> str | None:
    row = db.conn.execute("SELECT wrapped FROM data_key_wraps WHERE holder = ?", [holder]).fetchone()
    return row[0] if row else None


def put_wrap(db: Database, holder: str, wrapped: str, at: str, by: str | None) -> None:
    db.conn.execute("INSERT INTO data_key_wraps(holder, wrapped, created_at, created_by) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT(holder) DO UPDATE SET wrapped = excluded.wrapped, created_at = excluded.created_at, "
                    "created_by = excluded.created_by", [holder, wrapped, at, by])


def drop_wrap(db: Database, holder: str) -> None:
    db.conn.execute("DELETE FROM data_key_wraps WHERE holder = ?", [holder])


def set_account_keys(db: Database, user_id: str, public: str, sealed_private: str) -> None:
    db.conn.execute("UPDATE users SET enc_public = ?, enc_private = ? WHERE id = ?", [public, sealed_private, user_id])


def account_keys(db: Database, user_id: str) -> tuple[str | None, str | None]:
    row = db.conn.execute("SELECT enc_public, enc_private FROM users WHERE id = ?", [user_id]).fetchone()
    return (row[0], row[1]) if row else (None, None)


def accounts_without_wrap(db: Database) -> list[dict]:
    """Active accounts with a key pair but no wrap of the data key yet."""
    return [dict(zip(("id", "name", "role", "enc_public"), r)) for r in db.conn.execute(
        "SELECT u.id, u.name, u.role, u.enc_public FROM users u LEFT JOIN data_key_wraps w ON w.holder = u.id "
        "WHERE w.holder IS NULL AND u.enc_public IS NOT NULL AND u.active = 1")]


def disabled_wraps(db: Database) -> list[str]:
    return [r[0] for r in db.conn.execute(
        "SELECT u.id FROM users u JOIN data_key_wraps w ON w.holder = u.id WHERE u.active = 0")]


def unsealed_people(db: Database, table: str, parent: str, confidential_columns: tuple[str, ...],
                    batch: int = 2000) -> list[dict]:
    """People whose ID number is still in clear, or whose record is confidential with one of
    `confidential_columns` still in clear (a database made before migration 0003, or before the commune was
    sealed with the rest) — one batch."""
    in_clear = " OR ".join(f"(p.{c} IS NOT NULL AND p.{c} <> '' AND p.{c} NOT LIKE '{PREFIX}%')"
                           for c in confidential_columns)
    columns = ", ".join(f"p.{c}" for c in dict.fromkeys(("id_number",) + confidential_columns))
    return [dict(r) for r in db.query(
        f"SELECT p.rid, p.record_id, p.role, p.pos, {columns}, p.id_hash, t.confidential "
        f"FROM {table} p JOIN {parent} t ON t.id = p.record_id "
        f"WHERE (p.id_number IS NOT NULL AND p.id_number <> '' AND p.id_number NOT LIKE '{PREFIX}%') "
        f"OR (t.confidential = 1 AND ({in_clear})) "
        f"LIMIT {int(batch)}")]


# The person columns sealing rewrites, in store_sealed_person's order (then the row's rid).
SEALED_UPDATE_COLUMNS = ("name", "id_number", "id_hash", "phone", "address", "ward_code", "name_fold", "name_sort")


def store_sealed_person(db: Database, table: str, rows: list[tuple]) -> None:
    """rows: SEALED_UPDATE_COLUMNS' values, then the row's rid."""
    sets = ", ".join(f"{c} = ?" for c in SEALED_UPDATE_COLUMNS)
    db.conn.executemany(f"UPDATE {table} SET {sets} WHERE rid = ?", rows)
