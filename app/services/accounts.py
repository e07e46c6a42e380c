"""Passwords (scrypt from the standard library), log-in with lockout, and account management."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
from datetime import datetime, timedelta, timezone

from app.domain.ids import new_id
from app.domain.roles import ROLES
from app.errors import AuthError, DanvanError, DatabaseBusy, UsageError
from app.services import protection
from app.storage import audit, users as user_rows
from app.storage.db import Database, write_transaction

MIN_PASSWORD = 8
MAX_FAILED = 5  # then locked, with a delay that doubles on every further failure
LONGEST_LOCK = timedelta(minutes=60)  # the delay stops doubling here
_NAME_RE = re.compile(r"^[A-Za-z0-9._-]{2,32}$")
# scrypt cost: ~50 ms on a modest laptop — slow for guessing, quick enough for every CLI command.
_N, _R, _P = 2 ** 14, 8, 1


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return "scrypt${}${}${}${}${}".format(_N, _R, _P, base64.b64encode(salt).decode(), base64.b64encode(digest).decode())


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt_b64), n=int(n), r=int(r),
                                p=int(p), dklen=32)
        return hmac.compare_digest(digest, base64.b64decode(digest_b64))
    except (ValueError, TypeError):
        return False


def check_user_name(name: str) -> None:
    """Letters without diacritics, digits, dot, underscore, hyphen; 2–32 characters (UsageError otherwise)."""
    if not _NAME_RE.match(name or ""):
        raise UsageError("user.bad_name")


# Passwords guessed first by anyone who tries (folded: lower case, no diacritics, letters and digits only).
COMMON_PASSWORDS = frozenset({
    "password1", "password12", "password123", "passw0rd", "p4ssw0rd", "abc12345", "abcd1234", "abc123456",
    "a1234567", "a12345678", "a123456789", "1234567a", "12345678a", "123456789a", "1q2w3e4r", "1qaz2wsx",
    "qwerty123", "qwerty12", "qwe12345", "admin123", "admin1234", "admin2025", "admin2026", "matkhau1",
    "matkhau123", "matkhau2026", "vietnam1", "vietnam123", "iloveyou1", "123abc123", "abc123abc", "zaq12wsx",
    "sodanvan1", "danvan123", "tiepdan123", "12345qwert", "qwert12345", "test1234", "test12345",
})


def _fold_alnum(text: str) -> str:
    from app.domain.text import fold

    return "".join(ch for ch in fold(text or "") if ch.isalnum())


def _unit_names(unit_name: str | None) -> set[str]:
    """The unit's name folded, with and without its kind ("Phường Ba Đình" → phuongbadinh, badinh)."""
    if not unit_name:
        return set()
    out = {_fold_alnum(unit_name)}
    words = unit_name.split()
    for n in (1, 2):  # "Xã", "Phường", "Thị trấn", "Đặc khu"
        if len(words) > n:
            out.add(_fold_alnum(" ".join(words[n:])))
    return {n for n in out if n}


def check_new_password(password: str, *, user: str | None = None, unit_name: str | None = None) -> None:
    """The password rules (DanvanError naming the rule broken — bad input, exit 1, not a usage error): at least
    MIN_PASSWORD characters; not only digits nor only letters; not the user name or the unit's name; not one of the
    commonest passwords."""
    password = password or ""
    if len(password) < MIN_PASSWORD:
        raise DanvanError("user.weak_password", min=MIN_PASSWORD)
    if password.isdigit() or password.isalpha():
        raise DanvanError("user.weak_password_kinds")
    folded = _fold_alnum(password)
    if user and folded == _fold_alnum(user):
        raise DanvanError("user.weak_password_name")
    if folded in _unit_names(unit_name):
        raise DanvanError("user.weak_password_unit")
    if folded in COMMON_PASSWORDS or password.lower() in COMMON_PASSWORDS:
        raise DanvanError("user.weak_password_common")


def _unit_name_of(db: Database) -> str | None:
    from app.storage import settings

    return settings.get(db, "unit_name")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def lock_end(locked_until: str | None, now: datetime) -> datetime | None:
    """When a lock that still holds ends; None when there is none, it is over, or it ends further ahead than any
    lock we set: it was set while the clock was ahead (then put right), and would keep the account locked for
    as long as the clock was wrong."""
    if not locked_until:
        return None
    end = datetime.fromisoformat(locked_until)
    return end if now < end <= now + LONGEST_LOCK else None


def _lock_minutes(failed: int) -> int:
    return min(int(LONGEST_LOCK.total_seconds() // 60), 2 ** (failed - MAX_FAILED))


def authenticate(db: Database, name: str, password: str) -> dict:
    """Return the user row, or raise AuthError. Failures are counted and audited; five lock the account."""
    return log_in(db, name, password)[0]


def log_in(db: Database, name: str, password: str) -> tuple[dict, bytes | None]:
    """authenticate(), also returning the account's private key when the password opened it.

    The private key is sealed under a key derived from the same password (set in the same transaction as the
    password hash), and opening it is authenticated encryption: success proves the password with the one scrypt
    derivation log-in needs anyway. The stored hash is checked only when that key cannot be opened (a wrong
    password, an account from before migration 0003, a damaged seal)."""
    row = user_rows.get_by_name(db, name)
    if row is None:
        # Same answer as a wrong password, so names cannot be probed; still cost the same scrypt time: two
        # derivations (making a throwaway hash, then checking it), as a wrong password costs (the key, the hash).
        verify_password(password, hash_password("x"))
        raise AuthError("auth.failed")
    now = _now()
    end = lock_end(row["locked_until"], now)
    if end is not None:
        minutes = max(1, int((end - now).total_seconds() // 60) + 1)
        raise AuthError("auth.locked", user=name, minutes=minutes)
    if not row["active"]:
        raise AuthError("auth.inactive", user=name)
    private = protection.open_account_key(row, password)
    if private is None and not verify_password(password, row["pw_hash"]):
        failed = row["failed_logins"] + 1
        locked_until = None
        if failed >= MAX_FAILED:
            locked_until = (now + timedelta(minutes=_lock_minutes(failed))).isoformat(timespec="seconds")
        with write_transaction(db):
            user_rows.update(db, row["id"], failed_logins=failed, locked_until=locked_until)
            entries = [audit.Entry("login.failed", user=name, entity="user", record_id=row["id"])]
            if locked_until:
                entries.append(audit.Entry("login.locked", user=name, entity="user", record_id=row["id"],
                                           detail=f"until {locked_until}"))
            audit.append(db, entries, now.isoformat(timespec="seconds"))
        if locked_until:
            raise AuthError("auth.locked", user=name, minutes=_lock_minutes(failed))
        raise AuthError("auth.failed")
    if row["failed_logins"] or row["locked_until"]:
        with write_transaction(db):
            user_rows.update(db, row["id"], failed_logins=0, locked_until=None)
    return row, private


LOGIN_STAMP_WAIT_MS = 200


def record_login(db: Database, row: dict) -> None:
    """Note the time of the log-in — only if the file is free within a moment: it is informational, and a
    read-only command (search, stats, export) must not fail because the GUI or an import holds the write lock."""
    conn = db.conn
    saved = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute(f"PRAGMA busy_timeout = {LOGIN_STAMP_WAIT_MS}")
    try:
        with write_transaction(db):
            user_rows.update(db, row["id"], last_login_at=_now().isoformat(timespec="seconds"))
    except DatabaseBusy:
        pass
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(saved)}")


def add_user(db: Database, name: str, role: str, password: str, *, by: str | None,
             full_name: str | None = None) -> dict:
    check_user_name(name)
    if role not in ROLES:
        raise UsageError("v.enum", value=role, allowed=", ".join(ROLES))
    check_new_password(password, user=name, unit_name=_unit_name_of(db))
    if user_rows.get_by_name(db, name) is not None:
        raise DanvanError("user.exists", user=name)
    row = {
        "id": new_id(), "name": name, "full_name": full_name, "role": role, "pw_hash": hash_password(password),
        "active": 1, "created_at": _now().isoformat(timespec="seconds"), "created_by": by,
    }
    with write_transaction(db):
        user_rows.insert(db, row)
        protection.give_account_keys(db, row, password, by=by)
        audit.append(db, [audit.Entry("user.add", user=by, entity="user", record_id=row["id"],
                                      state_hash=user_rows.user_state_hash(row), detail=f"{name} ({role})")],
                     _now().isoformat(timespec="seconds"))
    return row


def set_password(db: Database, name: str, password: str, *, by: str | None) -> dict:
    check_new_password(password, user=name, unit_name=_unit_name_of(db))
    row = user_rows.get_by_name(db, name)
    if row is None:
        raise DanvanError("user.not_found", user=name)
    new_hash = hash_password(password)
    with write_transaction(db):
        user_rows.update(db, row["id"], pw_hash=new_hash, failed_logins=0, locked_until=None)
        row = dict(row, pw_hash=new_hash)
        protection.give_account_keys(db, row, password, by=by)
        audit.append(db, [audit.Entry("user.passwd", user=by, entity="user", record_id=row["id"],
                                      state_hash=user_rows.user_state_hash(row), detail=name)],
                     _now().isoformat(timespec="seconds"))
    return row


def _last_admin_guard(db: Database, row: dict) -> None:
    """An installation always keeps one active administrator: nobody could manage accounts any more."""
    if row["role"] == "admin" and row["active"] and user_rows.count_admins(db) <= 1:
        raise DanvanError("user.last_admin", user=row["name"])


def set_active(db: Database, name: str, active: bool, *, by: str | None) -> dict:
    """Disable an account (an officer who left: it can no longer log in, and the data key is taken back from it
    at once) or enable it again. Audited; the last active administrator cannot be disabled."""
    row = user_rows.get_by_name(db, name)
    if row is None:
        raise DanvanError("user.not_found", user=name)
    if bool(row["active"]) == active:
        return row
    if not active:
        _last_admin_guard(db, row)
    with write_transaction(db):
        user_rows.update(db, row["id"], active=1 if active else 0, failed_logins=0, locked_until=None)
        row = dict(row, active=1 if active else 0)
        if not active:
            from app.storage import data_keys

            data_keys.drop_wrap(db, row["id"])
        audit.append(db, [audit.Entry("user.enable" if active else "user.disable", user=by, entity="user",
                                      record_id=row["id"], state_hash=user_rows.user_state_hash(row),
                                      detail=name)], _now().isoformat(timespec="seconds"))
    if active:
        protection.grant_pending(db, by=by)  # the data key again, now if this connection holds it
    return row


def set_role(db: Database, name: str, role: str, *, by: str | None) -> dict:
    """Give an account another role (an officer made leader). Audited; the last active administrator keeps the
    role."""
    if role not in ROLES:
        raise UsageError("v.enum", value=role, allowed=", ".join(ROLES))
    row = user_rows.get_by_name(db, name)
    if row is None:
        raise DanvanError("user.not_found", user=name)
    if row["role"] == role:
        return row
    _last_admin_guard(db, row)
    with write_transaction(db):
        user_rows.update(db, row["id"], role=role)
        old, row = row["role"], dict(row, role=role)
        audit.append(db, [audit.Entry("user.role", user=by, entity="user", record_id=row["id"],
                                      state_hash=user_rows.user_state_hash(row), detail=f"{name} {old}>{role}")],
                     _now().isoformat(timespec="seconds"))
    return row
