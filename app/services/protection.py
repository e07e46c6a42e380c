"""Personal data at rest (issue 7): the database's data key — made, unlocked at log-in, handed to the accounts
allowed to see personal data, recovered with the recovery key — and the sealing of data written before it existed.

Who holds the data key: every active account. What each role is shown stays decided by role on top of that
(app/domain/masking.py: a viewer sees ID numbers masked to their last digits, a denouncer's identity only with the
confidential right) — the key protects the file when it leaves the laptop (theft, a copied file, a lost stick);
every account needs it because officers seal what they record and every role runs `check`, which verifies the
records' hashes over their opened content. A database file copied to another machine opens nothing: the key is
only ever stored wrapped (app/protect/wraps.py).
"""

from __future__ import annotations

from pathlib import Path

from app import clock as clock_mod
from app.errors import AuthError, DanvanError
from app.protect import wraps
from app.protect.cipher import PREFIX as SEALED_PREFIX, FieldCipher, new_data_key
from app.storage import audit, data_keys, settings
from app.storage.db import Database, checkpoint, open_db, write_transaction

SEALED_SETTING = "protect_sealed"  # the SEALED_VERSION of what was last sealed in bulk
# "1": ID numbers and a confidential person's name, phone and address (migration 0003); "2": the commune too
# (ward_code joined SEALED_WHEN_CONFIDENTIAL on 2026-12-06) — a file sealed at "1" is sealed again at next log-in.
SEALED_VERSION = "2"


def _now() -> str:
    return clock_mod.system_clock().utc_stamp()


def create_data_key(db: Database, *, by: str | None) -> str:
    """A new database's data key, attached to `db`; returns the recovery key (shown once, never stored)."""
    data_key = new_data_key()
    recovery_key = wraps.new_recovery_key()
    with write_transaction(db):
        data_keys.put_wrap(db, data_keys.RECOVERY, wraps.wrap_for_recovery(data_key, recovery_key), _now(), by)
        data_keys.put_verifier(db, FieldCipher(data_key), _now(), by)
        settings.put(db, SEALED_SETTING, SEALED_VERSION)
    data_keys.attach(db, FieldCipher(data_key))
    return recovery_key


def give_account_keys(db: Database, user: dict, password: str, *, by: str | None) -> None:
    """A new key pair for an account whose password was just set (a new account, a change or a reset), and the
    data key wrapped to it when this connection holds the data key — call inside the write transaction.

    Without the data key here (e.g. a reset by an admin who has not been given it yet), the account's old wrap
    is dropped — its old private key is gone with the old password — and it is given the key by the next
    session that holds it (grant_pending)."""
    public, sealed = wraps.new_account_keys(password, user["id"])
    data_keys.set_account_keys(db, user["id"], public, sealed)
    cipher = data_keys.cipher_of(db)
    if cipher is not None and user.get("active", 1):
        data_keys.put_wrap(db, user["id"], wraps.wrap_for_public(cipher.data_key, public, user["id"]), _now(), by)
    else:
        data_keys.drop_wrap(db, user["id"])


def grant_pending(db: Database, *, by: str | None) -> list[str]:
    """Give the data key to accounts that have a key pair but no wrap yet, and take it back from disabled
    accounts. Needs a connection holding the data key; returns the names granted."""
    cipher = data_keys.cipher_of(db)
    if cipher is None:
        return []
    if not data_keys.accounts_without_wrap(db) and not data_keys.disabled_wraps(db):
        return []  # the usual log-in: nothing to write, so no write lock (a read-only command must not wait)
    granted = []
    with write_transaction(db):
        for row in data_keys.accounts_without_wrap(db):
            data_keys.put_wrap(db, row["id"], wraps.wrap_for_public(cipher.data_key, row["enc_public"], row["id"]),
                               _now(), by)
            granted.append(row["name"])
        for user_id in data_keys.disabled_wraps(db):
            data_keys.drop_wrap(db, user_id)
        if granted:
            audit.append(db, [audit.Entry("protect.grant", by, detail=", ".join(granted))], _now())
    return granted


def open_account_key(user: dict, password: str) -> bytes | None:
    """The account's private key opened with `password` (its users row), or None: no key yet, a wrong password
    or a damaged seal."""
    sealed = user.get("enc_private")
    if not sealed:
        return None
    try:
        return wraps.open_private(sealed, password, user["id"])
    except wraps.WrapUnreadable:
        return None


def open_account_key_ahead(user: dict, password: str) -> None:
    """Start opening the account's private key on a worker thread; the next open_account_key() of the same
    account and password takes that result instead of deriving again (Session.begin_open)."""
    if user.get("enc_private"):
        wraps.open_private_ahead(user["enc_private"], password, user["id"])


def unlock(db: Database, user: dict, password: str, private: bytes | None = None) -> FieldCipher | None:
    """At log-in (the password is known to be right): attach the data key to `db` if this account holds it.
    `private`: the account's private key when log-in already opened it (one scrypt derivation, not two).

    An account from before migration 0003 gets its key pair now; a database from before it gets its data key
    from the first account allowed to hold one, and everything written earlier is sealed there and then."""
    public, sealed = data_keys.account_keys(db, user["id"])
    if sealed is None:
        with write_transaction(db):
            give_account_keys(db, user, password, by=user["name"])
        public, sealed = data_keys.account_keys(db, user["id"])
    cipher = None
    if not data_keys.exists(db):
        data_key = new_data_key()
        with write_transaction(db):
            data_keys.put_wrap(db, user["id"], wraps.wrap_for_public(data_key, public, user["id"]), _now(),
                               user["name"])
            data_keys.put_verifier(db, FieldCipher(data_key), _now(), user["name"])
            audit.append(db, [audit.Entry("protect.key_created", user["name"])], _now())
        cipher = FieldCipher(data_key)
    else:
        wrapped = data_keys.wrap_of(db, user["id"])
        if wrapped is not None:
            try:
                raw = private if private is not None else wraps.open_private(sealed, password, user["id"])
                cipher = FieldCipher(wraps.unwrap_with_private(wrapped, raw, user["id"]))
            except wraps.WrapUnreadable:
                cipher = None  # a damaged wrap: the account works on, with personal data masked
    data_keys.attach(db, cipher)
    if cipher is not None:
        grant_pending(db, by=user["name"])
        if settings.get(db, SEALED_SETTING) != SEALED_VERSION:
            seal_existing(db, by=user["name"])
    return cipher


def keep_if_same_key(db: Database) -> bool:
    """After the file's content was replaced (a restore): keep the attached key only if it is this content's;
    otherwise personal data stays masked and nothing new is sealed until the user logs in again."""
    if data_keys.verifies(db, data_keys.cipher_of(db)):
        return True
    data_keys.attach(db, None)
    return False


def _is_sealed(value) -> bool:
    return isinstance(value, str) and value.startswith(SEALED_PREFIX)


def seal_existing(db: Database, *, by: str | None, progress=None) -> int:
    """Seal what was written in clear before migration 0003 (ID numbers, confidential identities, the records
    kept for conflict review and quarantine), or before a column joined SEALED_WHEN_CONFIDENTIAL. One transaction; freed pages are zeroed (secure_delete) and the
    WAL is emptied afterwards so no clear copy is left in the files."""
    from app.storage.records import (PERSON_TABLES, SEALED_WHEN_CONFIDENTIAL, STORED_PERSON_COLUMNS, TABLES,
                                     seal_person)

    cipher = data_keys.cipher_of(db)
    if cipher is None:
        return 0
    done = 0
    with write_transaction(db):
        for entity, table in PERSON_TABLES.items():
            while True:
                batch = data_keys.unsealed_people(db, table, TABLES[entity], SEALED_WHEN_CONFIDENTIAL)
                if not batch:
                    break
                rows = []
                for p in batch:
                    # a value already sealed is kept as it is (sealing it again would make it unreadable)
                    kept = {k: p[k] for k in SEALED_WHEN_CONFIDENTIAL if _is_sealed(p[k])}
                    person = {k: p[k] for k in SEALED_WHEN_CONFIDENTIAL if p[k] is not None and k not in kept}
                    sealed = dict(zip(STORED_PERSON_COLUMNS, seal_person(
                        cipher, p["record_id"], p["role"], p["pos"], person, bool(p["confidential"]))))
                    sealed.update(kept)
                    if "id_number" in kept:
                        sealed["id_hash"] = p["id_hash"]
                    rows.append(tuple(sealed[c] for c in data_keys.SEALED_UPDATE_COLUMNS) + (p["rid"],))
                data_keys.store_sealed_person(db, table, rows)
                done += len(rows)
                if progress:
                    progress(done, None)
        from app.storage import sync_log

        sync_log.seal_review_copies(db, cipher)
        settings.put(db, SEALED_SETTING, SEALED_VERSION)
        audit.append(db, [audit.Entry("protect.sealed", by, detail=f"{done} people")], _now())
    checkpoint(db)
    return done


def recover(path: str | Path, admin: str, recovery_key: str, new_password: str, *, lang: str = "vi") -> dict:
    """The day every password is forgotten: the recovery key opens the data key, the named admin gets a new
    password and the data key again. Audited."""
    from app.services import accounts
    from app.storage import users as user_rows

    db = open_db(path)
    try:
        row = user_rows.get_by_name(db, admin)
        if row is None or row["role"] != "admin":
            raise DanvanError("protect.recover_not_admin", user=admin)
        wrapped = data_keys.wrap_of(db, data_keys.RECOVERY)
        if wrapped is None:
            raise DanvanError("protect.no_recovery_key")
        try:
            data_key = wraps.unwrap_with_recovery(wrapped, recovery_key)
        except wraps.WrapUnreadable:
            raise AuthError("protect.bad_recovery_key") from None
        data_keys.attach(db, FieldCipher(data_key))
        accounts.set_password(db, admin, new_password, by=admin)
        from app.services.sync_keys import recover_access

        sync_access = recover_access(path, recovery_key, admin, new_password)
        with write_transaction(db):
            user_rows.update(db, row["id"], failed_logins=0, locked_until=None, active=1)
            audit.append(db, [audit.Entry("protect.recover", admin, "user", row["id"],
                                          detail=f"{admin} sync:{sync_access}")], _now())
        return {"user": admin, "recovered": True, "sync_access": sync_access}
    finally:
        db.close()


def replace_recovery_key(session, password: str | None = None) -> str:
    """"Tạo khóa khôi phục mới" (admin): a new recovery key, shown once; the old one stops working. Needs a
    session holding the data key. With the admin's `password` it also opens the sync keys (which it then wraps
    too); without, the old key's hold on them is dropped. Audited."""
    from app.domain import roles

    session.require(roles.MANAGE_USERS)
    cipher = session.cipher
    if cipher is None:
        raise DanvanError("protect.no_key")
    key = wraps.new_recovery_key()
    with write_transaction(session.db):
        data_keys.put_wrap(session.db, data_keys.RECOVERY, wraps.wrap_for_recovery(cipher.data_key, key), _now(),
                           session.user_name)
        audit.append(session.db, [audit.Entry("protect.recovery_key", session.user_name)], _now())
    from app.services.sync_keys import keys_recovery

    keys_recovery(session.path, session.user_name, password, key)
    return key


def has_recovery_key(session) -> bool:
    return data_keys.wrap_of(session.db, data_keys.RECOVERY) is not None
