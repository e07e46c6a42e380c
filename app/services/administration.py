"""What the administration screen needs beyond the existing services: accounts listed and managed under the
session's permission, the unit as set up, the year's public holidays in either language, and the backups folder.

Everything goes through a Session, so the permission checks are the ones the CLI applies.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from app.domain import roles
from app.errors import AuthError, DanvanError
from app.paths import backups_dir_for
from app.services import accounts
from app.services import backups as backup_service
from app.services import reply_tracking, sync_keys
from app.services.session import Session
from app.services.unit_settings import EDITABLE
from app.storage import settings
from app.storage import users as user_rows

# -- accounts ----------------------------------------------------------------------------------------------------

_PUBLIC_USER_FIELDS = ("id", "name", "full_name", "role", "active", "created_at", "last_login_at", "failed_logins")


def _public(row: dict, now: datetime) -> dict:
    """A user row without its password hash; `locked_until` only while the lock still holds."""
    out = {k: row.get(k) for k in _PUBLIC_USER_FIELDS}
    out["active"] = bool(out["active"])
    until = row.get("locked_until")
    out["locked_until"] = until if accounts.lock_end(until, now) is not None else None
    return out


def list_users(session: Session) -> list[dict]:
    """Every account (name, full name, role, active, last log-in in UTC, lock) — administrators only."""
    session.require(roles.MANAGE_USERS)
    now = datetime.now(timezone.utc)
    return [_public(r, now) for r in user_rows.all_users(session.db)]


def add_user(session: Session, name: str, role: str, password: str, full_name: str | None = None) -> dict:
    """A new account (audited by the core, created by the session's user)."""
    session.require(roles.MANAGE_USERS)
    row = accounts.add_user(session.db, (name or "").strip(), role, password, by=session.user_name,
                            full_name=(full_name or "").strip() or None)
    return _public(row, datetime.now(timezone.utc))


def reset_password(session: Session, name: str, password: str, admin_password: str | None = None) -> dict:
    """An administrator sets a new password for `name` (this also lifts a lock-out); audited.

    With the acting admin's own password the sync keys follow (the account keeps its sync access); without it, or
    if the admin has no sync access, "sync_access" is "lost" and the admin must grant it again."""
    session.require(roles.MANAGE_USERS)
    if admin_password:  # checked first: a mistyped one would otherwise cost the account its sync access
        me = user_rows.get_by_name(session.db, session.user_name)
        if me is None or not accounts.verify_password(admin_password, me["pw_hash"]):
            raise AuthError("user.admin_password_wrong")
    row = accounts.set_password(session.db, name, password, by=session.user_name)
    out = _public(row, datetime.now(timezone.utc))
    out["sync_access"] = sync_keys.password_changed(session, name, password, admin_password)
    return out


def set_active(session: Session, name: str, active: bool) -> dict:
    """Disable an account, or enable it again (administrators; not one's own). A disabled account also loses its
    access to the sync keys."""
    session.require(roles.MANAGE_USERS)
    if name == session.user_name and not active:
        raise DanvanError("user.disable_self")
    row = accounts.set_active(session.db, name, active, by=session.user_name)
    if not active:
        sync_keys.drop_access(session, name)
    return _public(row, datetime.now(timezone.utc))


def set_role(session: Session, name: str, role: str) -> dict:
    """Another role for an account (administrators)."""
    session.require(roles.MANAGE_USERS)
    return _public(accounts.set_role(session.db, name, role, by=session.user_name), datetime.now(timezone.utc))


def change_own_password(session: Session, current: str, new: str) -> dict:
    """Any user changes their own password after proving the current one (a wrong one counts as a failed
    log-in, so guessing through this door locks the account like the log-in screen does). The sync keys are
    rewrapped with the new password: {"sync_access": "kept" | "none" | "lost"}."""
    if session.user is None:
        raise AuthError("auth.no_user")
    accounts.check_new_password(new)
    accounts.authenticate(session.db, session.user_name, current)
    accounts.set_password(session.db, session.user_name, new, by=session.user_name)
    return {"sync_access": sync_keys.password_changed(session, session.user_name, new, current)}


# -- the unit ----------------------------------------------------------------------------------------------------

UNIT_FIELDS = ("unit_name", "unit_code", "level", "province_name", "district_name")


def unit_info(session: Session) -> dict:
    """The unit as set up (read-only: name, code, level, province) and the editable settings' current values."""
    session.require(roles.READ)
    values = settings.get_all(session.db)
    out = {k: values.get(k) or "" for k in UNIT_FIELDS}
    out.update({k: values.get(k) or "" for k in EDITABLE})
    # shown as the day in force: the book's creation day (or 07/12/2026) until the administrator sets another
    out[reply_tracking.SETTING] = reply_tracking.own_start(session.db).isoformat()
    out["reply_tracked_from_default"] = reply_tracking.default_start(session.db).isoformat()
    return out


# -- the calendar ------------------------------------------------------------------------------------------------

def public_holidays(year: int, lang: str = "vi") -> list[dict]:
    """The year's public holidays and substituted days off from the `holidays` package (kind "off"), and the
    make-up working Saturdays the government fixed (kind "work"), sorted by day — names in `lang`."""
    import holidays

    language = "vi" if lang == "vi" else "en_US"
    if language not in holidays.list_localized_countries().get("VN", ()):
        language = None
    try:
        table = holidays.country_holidays("VN", years=[year], language=language) if language else \
            holidays.country_holidays("VN", years=[year])
    except (NotImplementedError, KeyError, ValueError):  # years the package cannot compute
        return []
    rows = [{"day": d.isoformat(), "name": str(name), "kind": "off"} for d, name in table.items() if d.year == year]
    work = getattr(table, "weekend_workdays", ()) or ()
    for d in work:
        if d.year == year:
            rows.append({"day": d.isoformat(), "name": "", "kind": "work"})
    return sorted(rows, key=lambda r: r["day"])


def calendar_days_of_year(session: Session, year: int) -> list[dict]:
    """The unit's own extra days off and make-up working days within `year`."""
    from app.services.unit_settings import list_calendar

    lo, hi = date(year, 1, 1).isoformat(), date(year, 12, 31).isoformat()
    return [d for d in list_calendar(session) if lo <= d["day"] <= hi]


# -- backups -----------------------------------------------------------------------------------------------------

def backups_folder(session: Session) -> Path:
    return backups_dir_for(session.path)


def list_backups(session: Session) -> list[dict]:
    """The copies in the backups folder beside the database, newest first (app.services.backup_schedule): file,
    name, size in bytes, when it was made and written (local time, ISO), and why ("auto", "manual",
    "before_restore", "before_migration", "before_bundles")."""
    from app.services import backup_schedule

    session.require(roles.READ)
    return backup_schedule.list_backups_in(backups_folder(session))


def backup_now(session: Session, out: str | Path | None = None, *, progress=None, cancel=None) -> dict:
    """Back up to `out`, or ("Back up now") to a new time-stamped file in the backups folder, copied to the
    second folder when one is set (app.services.backup_schedule.make_backup)."""
    if out is None:
        from app.services import backup_schedule

        return backup_schedule.make_backup(session, backup_schedule.MANUAL, progress=progress, cancel=cancel)
    return backup_service.backup(session, out)
