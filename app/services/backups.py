"""`danvan backup` / `danvan restore`: consistent copies with the SQLite backup API; restore only after a check."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from app.domain import roles
from app.errors import DanvanError, os_error_text
from app.i18n import tr
from app.paths import backups_dir_for
from app.services.session import Session
from app.storage import audit
from app.storage import backup as store_backup
from app.storage import settings, sync_log
from app.storage.db import migrate, translate_sqlite_error, write_transaction

log = logging.getLogger(__name__)


def keys_beside(backup_file: str | Path) -> Path:
    """Where a backup's sealed sync key file goes: `F.keys` beside the backup `F` (SYNC.md: moving to a new laptop
    is backup + restore, so the keys travel with the data — still sealed by the accounts' passwords)."""
    return Path(str(backup_file) + ".keys")


def _copy_keys(db_path: Path, backup_file: Path) -> Path | None:
    from app.services.sync_keys import keys_path
    from app.sync import keys

    src = keys_path(db_path)
    if not src.exists():
        return None
    dest = keys_beside(backup_file)
    keys.write_sealed(dest, keys.read_sealed(src))
    return dest


def backup(session: Session, out: str | Path, *, automatic: bool = False) -> dict:
    """Copy the database to `out` and its sealed sync key file to `out.keys`: {"file", "keys"} (keys None when
    this installation has none yet). An `automatic` backup (on close, daily) is made whoever is logged in."""
    if not automatic:
        session.require(roles.BACKUP)
    out = Path(out)
    session.refuse_as_output(out, "backup.over_live")  # it would replace the data it copies
    placed = False
    try:
        store_backup.backup_connection(session.db.conn, out)
        placed = True
        keys_file = _copy_keys(session.path, out)
    except (OSError, sqlite3.Error) as exc:
        # Never a backup without the key file it needs. Only what this call put in place goes: a failed copy left
        # nothing at `out` (it writes a temp file first), so a good older backup there is kept.
        if placed:
            _remove_unfinished(out)
        raise DanvanError("backup.failed", path=str(out), detail=_reason(exc, session.lang)) from exc
    try:
        session.audit("backup", detail=("auto: " if automatic else "") + out.name)
    except BaseException:
        # refused (another program holds the database, say) means nothing made: a script told "failed" must not
        # find a backup there, nor the officer a backup the audit log never mentions
        _remove_unfinished(out)
        raise
    return {"file": str(out), "keys": str(keys_file) if keys_file else None}


def _remove_unfinished(out: Path) -> None:
    """Remove a backup this call placed and its key file — without failing in turn (a drive pulled out)."""
    for p in (out, keys_beside(out)):
        try:
            p.unlink(missing_ok=True)
        except OSError as gone:
            log.warning("could not remove the unfinished backup %s: %s", p, gone)


def _reason(exc: Exception, lang: str) -> str:
    """Why a copy failed, in words an officer can act on (SQLite says "unable to open database file")."""
    if isinstance(exc, OSError):
        return os_error_text(exc, lang)
    if isinstance(exc, sqlite3.OperationalError) and "unable to open" in str(exc):
        return tr("backup.cannot_open_target", lang)
    if isinstance(exc, sqlite3.Error) and getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
        import errno

        return os_error_text(OSError(errno.ENOSPC, "disk full"), lang)  # "database or disk is full"
    return str(exc)


def bad_backup(path: Path, detail: str) -> DanvanError:
    """The refusal of a backup SQLite cannot use, in the officer's words: not a database file at all (another file
    named .db), damaged (its integrity check failed), else SQLite's own words (English) as the detail."""
    text = detail.lower()
    if "not a database" in text or "file is encrypted" in text:
        return DanvanError("restore.not_a_database", path=str(path))
    if "malformed" in text:  # (a failed integrity check's own lines are judged by validate_backup)
        return DanvanError("restore.damaged_backup", path=str(path))
    return DanvanError("restore.bad_backup", path=str(path), detail=detail)


def validate_backup(path: Path) -> None:
    """Refuse (restore.not_a_database / damaged_backup / bad_backup) a file that is missing, fails SQLite's full
    integrity check, or is not ours."""
    if not path.is_file():
        raise DanvanError("restore.not_found", path=str(path))
    try:
        result = store_backup.check_file(path)
    except sqlite3.Error as exc:
        raise bad_backup(path, str(exc)) from exc
    if result != "ok":
        raise DanvanError("restore.damaged_backup", path=str(path))
    try:
        site_id = store_backup.site_id_of_file(path)
    except sqlite3.Error as exc:
        raise bad_backup(path, str(exc)) from exc
    if site_id is None:
        raise DanvanError("restore.not_ours", path=str(path))
    # A backup made by a newer version cannot be opened by this one: refused before anything is replaced (it
    # was copied over the data first, and the officer was then locked out of the program).
    from app.storage.migrations import MIGRATIONS

    known = {name for name, _ in MIGRATIONS}
    applied = store_backup.migrations_of_file(path)
    if any(name not in known for name in applied):
        raise DanvanError("restore.newer_backup", path=str(path), found=len(applied), known=len(known))


def keys_for_restore(db_path: Path, source: Path, *, without_keys: bool = False) -> bytes | None:
    """The sealed key file to put back with `source` (None: the current one serves, or the backup predates sync).
    Refuses (nothing changed) a backup with keys whose key file is neither beside it nor the current one — unless
    `without_keys` (the key file was lost with the laptop: `keys new` makes new ones afterwards)."""
    from app.services.sync_keys import keys_path
    from app.sync import keys

    wanted = store_backup.sync_fingerprint_of_file(source)
    if wanted is None:
        return None
    beside, current = keys_beside(source), keys_path(db_path)
    for candidate, put_back in ((beside, True), (current, False)):
        if not candidate.exists():
            continue
        try:
            sealed = keys.read_sealed(candidate)
            if keys.sealed_fingerprint(sealed) == wanted:
                return sealed if put_back else None
        except keys.KeyStoreDamaged:
            continue
    if without_keys:
        return None
    raise DanvanError("restore.keys_missing", path=str(source), keys=beside.name)


RESTORE_UNIT_SETTINGS = ("unit_code", "level", "demo")


def _same_unit_or_refuse(session: Session, source: Path) -> None:
    """A backup of another unit or level, or a demo database over real data, would silently turn this
    installation into something else (a demo can never send bundles): refused, nothing changed."""
    try:
        theirs = store_backup.settings_of_file(source, RESTORE_UNIT_SETTINGS)
    except sqlite3.Error as exc:
        raise bad_backup(source, str(exc)) from exc
    ours = {k: settings.get(session.db, k) for k in RESTORE_UNIT_SETTINGS}
    refuse_other_unit(source, theirs, ours, ours["demo"] == "1")


def refuse_other_unit(source: Path, theirs: dict, ours: dict | None, ours_demo: bool) -> None:
    """The refusals of _same_unit_or_refuse, given both files' RESTORE_UNIT_SETTINGS (`ours` None: a damaged file
    that could not be read, whose unit cannot be compared)."""
    if theirs["demo"] == "1" and not ours_demo:
        raise DanvanError("restore.demo_over_real", path=str(source))
    if ours is not None and (theirs["unit_code"], theirs["level"]) != (ours["unit_code"], ours["level"]):
        raise DanvanError("restore.other_unit", path=str(source), theirs=theirs["unit_code"] or "?",
                          ours=ours["unit_code"] or "?")


def _safety_copy_path(db_path: Path) -> Path:
    """Where the current content goes before a restore: never over an earlier safety copy (two restores in
    the same second must not leave the first content nowhere)."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    folder = backups_dir_for(db_path)
    path = folder / f"{db_path.stem}-before-restore-{stamp}.db"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{db_path.stem}-before-restore-{stamp}-{n}.db"
    return path


def _put_back(session: Session, safety: Path) -> None:
    """The content saved just before a restore, copied back over the database."""
    try:
        store_backup.copy_file_into(safety, session.db.conn)
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, session.path) from exc


def _check_restored(session: Session, source: Path) -> None:
    """`danvan check` on the restored content (its audit chain and every record against its audited state): a
    backup edited behind the application's back is refused (the caller copies the previous content back)."""
    from app.services.check import check

    problems = [p for p in check(session)["problems"] if p["kind"] != "locked"]  # locked: another data key
    if problems:
        raise DanvanError("restore.check_failed", path=str(source), n=len(problems), first=problems[0]["message"])


def _checked_source(session: Session, source: Path, without_keys: bool = False) -> bytes | None:
    """Everything a restore refuses before it changes anything (check_restore asks the same); returns the key file
    to put back with it (keys_for_restore)."""
    validate_backup(source)
    new_keys = keys_for_restore(session.path, source, without_keys=without_keys)
    _same_unit_or_refuse(session, source)
    return new_keys


def check_restore(session: Session, source: str | Path) -> dict:
    """What restoring `source` would do, checked the way `restore` checks it and changing nothing: refuses (the
    same sentences) a damaged file, a newer version's, another unit's or the demo's; else {"records": what the
    backup holds, "current": what the book holds now, "unit_name", "accounts_undone": the accounts made, given
    a new password or role, disabled or enabled since the backup — the restore puts them back as they were}.
    Asked before the officer is asked to confirm."""
    session.require(roles.RESTORE)
    source = Path(source)
    _checked_source(session, source)
    return {"records": store_backup.record_count_of_file(source),
            "current": store_backup.record_count(session.db.conn),
            "unit_name": store_backup.settings_of_file(source, ("unit_name",))["unit_name"] or "",
            "accounts_undone": _accounts_undone(session, source)}


def _accounts_undone(session: Session, source: Path) -> list[str]:
    """The accounts made, given a new password or role, disabled or enabled since `source` was made: restoring it
    puts them back as they were there."""
    then, now = store_backup.accounts_of_file(source), store_backup.accounts(session.db.conn)
    return sorted(name for name in now if then.get(name) != now[name])


def restore(session: Session, source: str | Path, *, without_keys: bool = False) -> dict:
    """Replace the database's content with a checked backup; the current content (and key file) is saved first.
    The backup's sealed key file (`F.keys`) comes back with it. The next export is a snapshot. Returns {"file",
    "saved_previous", "accounts_undone" (as check_restore names them), "other_recovery_key" (the backup's data were
    sealed by another installation: the recovery key printed there is the one that works now, not this one's)}."""
    session.require(roles.RESTORE)
    source = Path(source)
    new_keys = _checked_source(session, source, without_keys)
    undone = _accounts_undone(session, source)  # read before the accounts are replaced
    safety = _safety_copy_path(session.path)
    try:
        store_backup.backup_connection(session.db.conn, safety)
        saved_keys = _copy_keys(session.path, safety)
    except (OSError, sqlite3.Error) as exc:  # no copy of the current data: nothing is replaced
        raise DanvanError("backup.failed", path=str(safety), detail=getattr(exc, "strerror", None) or str(exc)) from exc
    last_seq = store_backup.last_change_seq(session.db.conn)
    from app.services.restore_journal import RestoreJournal
    from app.services.sync_keys import keys_path

    # Killed from here to the end, the next log-in puts the saved copy back (app.services.restore_journal).
    with RestoreJournal(session.path, safety, saved_keys, keys_path(session.path)) as journal:
        try:
            store_backup.copy_file_into(source, session.db.conn)
        except sqlite3.Error as exc:
            journal.settled = True  # nothing was replaced
            raise translate_sqlite_error(exc, session.path) from exc
        try:
            # Bring an older backup's schema up to date, and keep sync numbering moving forward (SYNC.md):
            # change_log continues above the last number this installation used, and the next bundle is a full
            # snapshot.
            migrate(session.db, session.path)
            from app.services import protection

            # a backup from another installation has its own data key — and its own recovery key
            same_key = protection.keep_if_same_key(session.db)
            _check_restored(session, source)
            with write_transaction(session.db):
                store_backup.keep_change_seq_above(session.db.conn, last_seq)
                sync_log.set_snapshot_due(session.db, True)
            if new_keys is not None:
                from app.sync import keys

                keys.write_sealed(keys_path(session.path), new_keys)  # atomic: the old one stays if this fails
        except BaseException:
            _put_back(session, safety)  # whatever went wrong after the copy, the data is what it was
            journal.settled = True  # (should putting it back fail too, the journal stays for the next log-in)
            raise
        journal.settled = True
    session.audit("restore", detail=f"{source.name}; previous content saved as {safety.name}")
    return {"file": str(source), "saved_previous": str(safety), "accounts_undone": undone,
            "other_recovery_key": not same_key}


def history_mark(session: Session) -> tuple[int, str] | None:
    """Where the audit log stands now: given back to `restored_since` to tell whether a restore happened since."""
    return audit.head(session.db)


def restored_since(session: Session, mark: tuple[int, str] | None) -> dict | None:
    """A restore made by another program (`danvan restore`, a second window) since `mark`: {"file", "at", "by"}
    (each None when the log does not say), or None when there was none. A restore puts back the backup's audit
    log, so the marked entry is gone or changed; a backup made after the mark still holds it, but the restore's
    own entry then comes after it."""
    if mark is None:
        return None
    if audit.holds(session.db, mark):
        entry = audit.latest_action(session.db, "restore", after_seq=mark[0])
        if entry is None:
            return None
    else:
        entry = audit.latest_action(session.db, "restore") or {}
    detail = entry.get("detail") or ""
    return {"file": detail.split(";")[0].strip() or None, "at": entry.get("at"),
            "by": session.person_name(entry["user"]) if entry.get("user") else None}
