"""Automatic backups and the start-up check.

- **When**: the GUI backs up on close and once a day (first open of the day, or a timer while it stays open);
  `danvan backup` without --out does the same kind of backup. Each is a `sodanvan-auto-YYYYMMDD-HHMMSS.db` in
  `backups/` beside the data file (the SQLite backup API to a temp name, fsynced, checked, renamed), with the
  sealed sync key file beside it.
- **Rotation** keeps the newest automatic backup of each of the last 7 days that have one and of each of the
  last 4 weeks that have one (restic's keep-daily/keep-weekly: days without work cost no backup). Backups made
  by hand, before a migration and before a restore are never removed; the one-per-run backups before a bundle
  import (upper level) rotate like the automatic ones, in their own series. The backup just made, and the newest
  of each series by modification time, are never removed: a clock years behind dates them before all others.
- **A second folder** (the unit setting `backup_copy_folder`, e.g. a USB drive) gets a copy of each automatic
  or hand-made backup, read back before it counts; when it fails (unplugged, full) the backup in the data
  folder stands and the caller gets a warning — no half file is left under a backup's name.
- **Start-up**: `PRAGMA quick_check` on the data file, read-only, before anything opens it for writing. A damaged
  file is never written: `DatabaseDamaged` names the newest good backup; `recover()` puts that backup in place
  after keeping the damaged file as `<name>.damaged-<stamp>`.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

from app.errors import DanvanError, DatabaseError, os_error_text
from app.paths import backups_dir_for
from app.storage import backup as store

log = logging.getLogger(__name__)

KEEP_DAILY = 7
KEEP_WEEKLY = 4
COPY_FOLDER_SETTING = "backup_copy_folder"
STALE_PART_SECONDS = 3600  # an unfinished copy older than this belongs to no running backup

# kinds, from the file name
AUTO, MANUAL, BEFORE_RESTORE, BEFORE_MIGRATION, BEFORE_BUNDLES = (
    "auto", "manual", "before_restore", "before_migration", "before_bundles")
ROTATED = (AUTO, BEFORE_BUNDLES)

_LOCAL_STAMP = re.compile(r"(\d{8})-(\d{6})")  # our own names: local time
_UTC_STAMP = re.compile(r"(\d{8})T(\d{6})Z")  # names made by migrations, restores, bundle imports: UTC

Copier = Callable[[Path, Path], None]


class DatabaseDamaged(DatabaseError):
    """The data file fails SQLite's check; it was not opened for writing. `backup` is the newest good one."""

    code = "damaged"

    def __init__(self, path: Path, detail: str, backup: dict | None, folder: Path):
        if backup is None:
            super().__init__("db.damaged_no_backup", path=str(path), detail=detail, folder=str(folder))
        else:
            super().__init__("db.damaged", path=str(path), detail=detail, backup=backup["file"],
                             when=_human_time(backup["made"]))
        self.path, self.detail, self.backup = Path(path), detail, backup


def _human_time(iso: str) -> str:
    d = datetime.fromisoformat(iso)
    return d.strftime("%H:%M %d/%m/%Y")


# -- names and kinds ----------------------------------------------------------------------------------------

def backup_kind(name: str) -> str:
    if "-before-restore-" in name:
        return BEFORE_RESTORE
    if "-before-migration-" in name:
        return BEFORE_MIGRATION
    if "-before-bundles-" in name:
        return BEFORE_BUNDLES
    if "-auto-" in name:
        return AUTO
    return MANUAL


# What follows "<stem>-" in the name of a backup of that database: a kind, then a stamp (and "-2" for a second one
# in the same second). "sodanvan-demo-auto-…" is the demo's, not one of "sodanvan": the two share a folder.
_OWN_NAME = re.compile(r"(?:auto-|before-(?:restore|migration|bundles)-(?:v\d+-)?)?\d{8}(?:-\d{6}|T\d{6}Z)(?:-\d+)?\.db")


def belongs_to(name: str, stem: str) -> bool:
    """Whether a backup file name is one this application made of the database named `stem`."""
    return name.startswith(stem + "-") and _OWN_NAME.fullmatch(name[len(stem) + 1:]) is not None


def made_at(name: str) -> datetime | None:
    """When a backup was made, read from its name (local, naive); None for a name without a stamp."""
    m = _UTC_STAMP.search(name)
    if m:
        utc = datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
        return utc.astimezone().replace(tzinfo=None)
    m = _LOCAL_STAMP.search(name)
    if m:
        try:
            return datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S")
        except ValueError:
            return None
    return None


def backup_name(stem: str, when: datetime, kind: str = AUTO) -> str:
    stamp = when.strftime("%Y%m%d-%H%M%S")
    return f"{stem}-auto-{stamp}.db" if kind == AUTO else f"{stem}-{stamp}.db"


def _free_name(folder: Path, name: str) -> Path:
    out = folder / name
    n = 2
    while out.exists() or Path(str(out) + ".keys").exists():
        out = folder / f"{name[:-3]}-{n}.db"
        n += 1
    return out


# -- rotation (pure) ----------------------------------------------------------------------------------------

def rotation(made: Iterable[tuple[str, datetime]], daily: int = KEEP_DAILY,
             weekly: int = KEEP_WEEKLY) -> tuple[set[str], set[str]]:
    """(keep, drop) among backups given as (name, made at): the newest of each of the last `daily` days that
    have a backup, and the newest of each of the last `weekly` ISO weeks that have one."""
    ordered = sorted(made, key=lambda x: (x[1], x[0]), reverse=True)
    keep: set[str] = set()
    for count, bucket in ((daily, lambda d: d.date()), (weekly, lambda d: d.isocalendar()[:2])):
        last = None
        for name, when in ordered:
            if count <= 0:
                break
            b = bucket(when)
            if b != last:
                keep.add(name)
                last = b
                count -= 1
    return keep, {name for name, _ in ordered} - keep


def is_due(last_auto: datetime | None, now: datetime) -> bool:
    """A daily backup is due when none was made yet today (or ever). One dated after today is not today's: it
    was made while the clock was ahead, and must not stop the daily backup once the clock is put right."""
    return last_auto is None or last_auto.date() != now.date()


def rotate(folder: Path, stem: str, *, keep: Iterable[str] = (), daily: int = KEEP_DAILY,
           weekly: int = KEEP_WEEKLY) -> list[str]:
    """Remove the automatic (and before-bundle-import) backups of `stem` that rotation drops, with their key
    files; returns the names removed. Other backups are never touched, nor those named in `keep` (the backup
    just made), nor the newest of each series by modification time: names carry the clock's date, and a clock
    years behind (a dead CMOS battery) dates the newest backup before all the others."""
    removed = []
    _clear_stale_parts(folder)
    for kind in ROTATED:
        found = [b for b in _scan(folder, stem) if b["kind"] == kind]
        series = [(b["name"], datetime.fromisoformat(b["made"])) for b in found]
        _keep, drop = rotation(series, daily, weekly)
        drop -= set(keep) | _newest_written(folder, [b["name"] for b in found])
        for name in sorted(drop):
            for p in (folder / name, folder / (name + ".keys")):
                try:
                    p.unlink(missing_ok=True)
                except OSError as exc:  # a file held open elsewhere: it goes next time
                    log.warning("could not remove old backup %s: %s", p, exc)
            removed.append(name)
    return removed


def _newest_written(folder: Path, names: list[str]) -> set[str]:
    """{the name of the file written last} among `names` (empty when none can be read)."""
    written = []
    for name in names:
        try:
            written.append((os.stat(folder / name).st_mtime_ns, name))
        except OSError:  # removed meanwhile
            continue
    return {max(written)[1]} if written else set()


def _clear_stale_parts(folder: Path, older_than: float = STALE_PART_SECONDS) -> None:
    """Unfinished copies (`*.part`) left by a backup that was killed or lost its drive; never listed as
    backups, removed once they are old enough not to belong to a backup still running."""
    if not folder.is_dir():
        return
    limit = datetime.now().timestamp() - older_than
    for p in [*folder.glob("*.part"), *folder.glob(".*.part")]:
        try:
            if p.stat().st_mtime < limit:
                p.unlink()
        except OSError as exc:
            log.warning("could not remove the unfinished copy %s: %s", p, exc)


# -- listing ------------------------------------------------------------------------------------------------

def _scan(folder: Path, stem: str | None = None) -> list[dict]:
    if not folder.is_dir():
        return []
    out = []
    for p in folder.glob("*.db"):
        if stem is not None and not belongs_to(p.name, stem):
            continue
        try:
            st = p.stat()
        except OSError:  # removed meanwhile
            continue
        made = made_at(p.name) or datetime.fromtimestamp(st.st_mtime)
        out.append({"file": str(p), "name": p.name, "size": st.st_size, "kind": backup_kind(p.name),
                    "made": made.isoformat(timespec="seconds"),
                    "modified": datetime.fromtimestamp(st.st_mtime).isoformat(timespec="seconds"),
                    "keys": Path(str(p) + ".keys").exists()})
    return sorted(out, key=lambda b: (b["made"], b["name"]), reverse=True)


def list_backups_in(folder: str | Path) -> list[dict]:
    """Every backup in `folder`, newest first: file, name, size, kind, made (local ISO), modified, keys (the
    sealed key file is beside it)."""
    return _scan(Path(folder))


def inspect(path: str | Path) -> dict:
    """What a backup holds, read-only: {"check": "ok" or the problem, "records": n or None, "ours": bool}.
    Reads the whole file (SQLite's full integrity check): run it off the GUI thread."""
    path = Path(path)
    try:
        check = store.check_file(path)
        ours = store.site_id_of_file(path) is not None
        records = store.record_count_of_file(path) if check == "ok" and ours else None
    except sqlite3.Error as exc:
        return {"check": str(exc), "records": None, "ours": False}
    if check == "ok" and not ours:
        check = "not a Sổ Dân Vận database"
    return {"check": check, "records": records, "ours": ours}


# -- making one ---------------------------------------------------------------------------------------------

def copy_folder(session) -> Path | None:
    """The second backup folder set for this unit (None: none)."""
    from app.storage import settings

    value = (settings.get(session.db, COPY_FOLDER_SETTING) or "").strip()
    return Path(value) if value else None


def copy_folder_refusal(db_path: Path, folder: Path) -> str | None:
    """Why `folder` cannot be the second backup folder (an i18n key), or None. A second folder must be reachable
    now — the folder, or the drive and folder it would be made in (copy_to_folder makes only its last level) —
    so a typo or a USB stick that is not plugged in is said at once, not at the next backup; and it must not be
    the backups folder itself (every copy would fail)."""
    try:
        if folder.resolve() == backups_dir_for(db_path).resolve():
            return "setting.copy_folder_is_backups"
        if not _reachable(folder):
            return "setting.copy_folder_missing"
    except OSError:  # a name too long, a share that does not answer, a folder we may not look into
        return "setting.copy_folder_missing"
    return None


def _reachable(folder: Path) -> bool:
    """A copy can be made in `folder` now: it is a folder, or nothing is in its place on a drive that is there."""
    return folder.is_dir() or (not folder.exists() and folder.parent.is_dir())


def copy_folder_state(session) -> dict | None:
    """The second backup folder as the Sao lưu tab shows it (None when none is set): {"folder", "reachable" (a
    copy could be made there now), "last_copy" (local ISO time of the newest backup of this data file there, or
    None)}."""
    folder = copy_folder(session)
    return None if folder is None else folder_state(folder, Path(session.path).stem)


def folder_state(folder: Path, stem: str, progress=None, cancel=None) -> dict:
    """copy_folder_state's look at the folder itself, for the copies of the data file named `stem`. It touches
    the disk (a network share can take seconds to answer, or never), so the GUI runs it as a background job."""
    try:
        reachable = _reachable(folder)
        copies = _scan(folder, stem) if folder.is_dir() else []
    except OSError:  # a network share that does not answer
        reachable, copies = False, []
    return {"folder": str(folder), "reachable": reachable, "last_copy": copies[0]["made"] if copies else None}


def automatic_state(session) -> dict:
    """When the automatic backups run, for the Sao lưu tab: {"made_today": local ISO time of today's automatic
    backup or None}. The program makes one at the first start of each day (or past midnight while it stays
    open) and one each time it closes (ui.screens.backups.AutoBackup)."""
    now = session.clock.now()
    last = last_automatic(session.path, now)
    today = not is_due(last, now)  # the rule the daily backup itself follows
    return {"made_today": last.isoformat(timespec="seconds") if today else None}


def last_automatic(db_path: Path, now: datetime | None = None) -> datetime | None:
    """When the newest automatic backup was made; with `now`, the newest not dated after now's day (one made
    while the clock was ahead would otherwise stay the newest, and today's never count, until that day)."""
    autos = [datetime.fromisoformat(b["made"]) for b in _scan(backups_dir_for(db_path), Path(db_path).stem)
             if b["kind"] == AUTO]
    if now is not None:
        autos = [made for made in autos if made.date() <= now.date()]
    return autos[0] if autos else None


def daily_due(session) -> bool:
    now = session.clock.now()
    return is_due(last_automatic(session.path, now), now)


def copy_to_folder(backup_file: Path, folder: Path, copier: Copier | None = None) -> Path:
    """Copy a finished backup (and its key file) into `folder`, each read back before it counts. Only the folder
    itself is made: a drive that is not there (a USB stick at another letter, a mistyped path) is an error, not
    a new folder on the local disk that would pass for the copy away from it."""
    if not folder.is_dir():
        if not _reachable(folder):  # the rule the setting was checked by (copy_folder_refusal)
            raise FileNotFoundError(errno.ENOENT, "not there", str(folder))
        folder.mkdir()
    target = folder / backup_file.name
    keys_src = Path(str(backup_file) + ".keys")
    if keys_src.exists():  # the key file first: a backup never sits there without the keys it needs
        store.copy_file_verified(keys_src, Path(str(target) + ".keys"), copier)
    return store.copy_file_verified(backup_file, target, copier)


def make_backup(session, kind: str = AUTO, *, copier: Copier | None = None, progress=None, cancel=None) -> dict:
    """One backup into the backups folder (automatic, or `MANUAL` for "Back up now"), a copy in the second
    folder when one is set, then rotation. Returns {"file", "keys", "kind", "copy", "warnings", "removed"}:
    `copy` is the second folder's file or None; `warnings` are sentences (a failed second copy)."""
    from app.services import backups

    if progress is not None:
        progress(0, 3)
    folder = backups_dir_for(session.path)
    out = _free_name(folder, backup_name(session.path.stem, session.clock.now(), kind))
    res = backups.backup(session, out, automatic=kind == AUTO)
    if progress is not None:
        progress(1, 3)
    result = {**res, "kind": kind, "copy": None, "warnings": [], "removed": []}
    second = copy_folder(session)
    if second is not None:
        try:
            if second.resolve() == folder.resolve():
                raise OSError("it is the backups folder itself")
            result["copy"] = str(copy_to_folder(out, second, copier))
            result["removed"] += [f"{second / n}" for n in rotate(second, session.path.stem, keep={out.name})]
        except OSError as exc:
            log.warning("second backup copy to %s failed: %s", second, exc)
            result["warnings"].append(DanvanError("backup.copy_failed", file=out.name, folder=str(second),
                                                  detail=os_error_text(exc, session.lang)).message(session.lang))
    if progress is not None:
        progress(2, 3)
    result["removed"] = rotate(folder, session.path.stem, keep={out.name}) + result["removed"]
    if progress is not None:
        progress(3, 3)
    return result


def daily_backup(session, *, copier: Copier | None = None, progress=None, cancel=None) -> dict | None:
    """The day's automatic backup if none was made today yet (None: nothing to do)."""
    if not daily_due(session):
        return None
    return make_backup(session, AUTO, copier=copier, progress=progress, cancel=cancel)


# -- start-up -----------------------------------------------------------------------------------------------

def damage_of(path: str | Path) -> str | None:
    """None when the data file passes `PRAGMA quick_check` (or is not an SQLite file at all — opening it
    says so); else what is wrong. Read-only: the file is never written."""
    path = Path(path)
    if not path.is_file() or not store.is_sqlite_file(path):
        return None
    try:
        result = store.quick_check_file(path)
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        if "locked" in text or "busy" in text or "unable to open" in text:
            return None  # not damage: opening reports it with its own sentence
        return str(exc)
    except sqlite3.DatabaseError as exc:  # "database disk image is malformed", "file is not a database"
        return str(exc)
    return None if result == "ok" else _one_line(result)


def _one_line(problem: str) -> str:
    lines = [ln.strip() for ln in problem.splitlines() if ln.strip() and not ln.startswith("***")]
    return "; ".join(lines) or problem


def newest_good_backup(db_path: str | Path, site_id: str | None = None) -> dict | None:
    """The backup of this database (the demo's share the folder) in the backups folder beside `db_path` holding the
    latest data — by its audit log, not its name or file time, which follow a clock that may have been set years
    ahead or behind when it was made — that passes the full check (and belongs to `site_id` when given); None
    when there is none."""
    found = _scan(backups_dir_for(Path(db_path)), Path(db_path).stem)  # newest name first: it decides a tie
    for b in sorted(found, key=lambda b: store.audit_reach(b["file"]), reverse=True):
        info = inspect(b["file"])
        if info["check"] != "ok":
            continue
        if site_id is not None and store.site_id_of_file(b["file"]) != site_id:
            continue
        return {**b, **info}
    return None


def check_at_open(path: str | Path) -> None:
    """Raise DatabaseDamaged (naming the newest good backup) when the data file fails its quick check."""
    path = Path(path)
    problem = damage_of(path)
    if problem is None:
        return
    log.error("data file %s failed its start-up check: %s", path, problem)
    raise DatabaseDamaged(path, problem, newest_good_backup(path), backups_dir_for(path))


def _set_damaged_aside(path: Path, stamp: str) -> Path:
    """Keep the damaged file (and its WAL, which belongs to it) as `<name>.damaged-<stamp>`. The main file is
    hard-linked where the disk allows it, so the data file's name is never empty for a moment."""
    damaged = path.with_name(f"{path.name}.damaged-{stamp}")
    try:
        os.link(path, damaged)
    except OSError:  # FAT drives have no hard links: rename instead
        os.replace(path, damaged)
    for suffix in ("-wal", "-shm"):  # never left beside the restored file, which they do not belong to
        side = Path(str(path) + suffix)
        if side.exists():
            os.replace(side, Path(str(damaged) + suffix))
    return damaged


def _same_kind_or_refuse(db_path: Path, source: Path) -> None:
    """A demo backup never goes over a real database, nor another unit's over this one's. The damaged file may
    be unreadable: then its name says whether it is the demo."""
    from app.paths import demo_db_path
    from app.services import backups

    theirs = store.settings_of_file(source, backups.RESTORE_UNIT_SETTINGS)
    try:
        ours = store.settings_of_file(db_path, backups.RESTORE_UNIT_SETTINGS, immutable=True)
    except sqlite3.Error:
        ours = None  # too damaged to say
    ours_demo = ours["demo"] == "1" if ours is not None else db_path.name == demo_db_path().name
    backups.refuse_other_unit(source, theirs, ours if ours and ours["unit_code"] else None, ours_demo)


def recover(db_path: str | Path, backup_file: str | Path, *, user: str | None = None, password: str | None = None,
            lang: str = "vi", clock=None, without_keys: bool = False) -> dict:
    """Put a checked backup in place of a damaged data file — or where there is none yet (a new computer: the
    officer brings yesterday's backup on a USB stick). The backup is first copied beside it under a temporary name
    and brought up to date there (with `user`, that account must log in to it and may restore); only then is the
    damaged file kept aside as `<name>.damaged-<stamp>` and the copy renamed into place. `without_keys`: a backup
    whose sync key file is lost is put in place all the same (`keys new` then makes new keys). Returns {"file",
    "restored", "damaged" (None on a new computer), "keys_restored"}."""
    from app.clock import system_clock
    from app.services import backups
    from app.services.session import Session
    from app.storage import audit, sync_log
    from app.storage.db import checkpoint, open_db, write_transaction

    clock = clock or system_clock()
    db_path, source = Path(db_path), Path(backup_file)
    fresh = not db_path.exists()
    backups.validate_backup(source)
    _same_kind_or_refuse(db_path, source)
    new_keys = backups.keys_for_restore(db_path, source, without_keys=without_keys)
    if fresh:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    work = db_path.with_name(f"{db_path.stem}-restoring.db")
    for p in (work, Path(str(work) + "-wal"), Path(str(work) + "-shm")):
        p.unlink(missing_ok=True)
    store.copy_database_file(source, work)
    try:
        if user is not None:
            from app.domain import roles

            s = Session.open(work, user, password or "", lang=lang, clock=clock)
            s.require(roles.RESTORE)
            db, who = s.db, s.user_name
        else:
            db, who = open_db(work), None
        try:
            last_seq = store.last_change_seq_of_file(db_path) or 0
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
            damaged_name = f"{db_path.name}.damaged-{stamp}"
            detail = (f"{source.name}; put in place on a computer without data" if fresh else
                      f"{source.name}; damaged file kept as {damaged_name}")
            with write_transaction(db):
                store.keep_change_seq_above(db.conn, last_seq)
                sync_log.set_snapshot_due(db, True)
                audit.append(db, [audit.Entry("restore", who, detail=detail)], clock.utc_stamp())
            checkpoint(db)
            db.conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file to rename
        finally:
            db.close()
        with open(work, "rb") as fh:
            os.fsync(fh.fileno())
        damaged = None if fresh else _set_damaged_aside(db_path, stamp)
        os.replace(work, db_path)
        store._fsync_dir(db_path.parent)
    except BaseException:
        for p in (work, Path(str(work) + "-wal"), Path(str(work) + "-shm")):
            p.unlink(missing_ok=True)
        raise
    if new_keys is not None:
        from app.services.sync_keys import keys_path
        from app.sync import keys

        keys.write_sealed(keys_path(db_path), new_keys)
    log.warning("data file %s restored from %s; damaged file kept as %s", db_path, source, damaged)
    return {"file": str(source), "restored": str(db_path), "damaged": str(damaged) if damaged else None,
            "keys_restored": new_keys is not None}
