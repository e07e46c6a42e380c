"""The upper level's watched inbox (issue 6, channel 2: "a folder as … watched inbox (upper level) for network
shares and synced folders"): communes' bundles arrive in one folder — a network share, or a folder OneDrive,
Nextcloud or Syncthing fills — and the program tells which have finished arriving. Importing them needs the
officer's password (it opens the sealed keys), so the GUI watches and counts, and the officer imports with one
click (`danvan bundle inbox` from a scheduled task does the same). Each bundle imported now, or imported before, is
moved into the archive beside the database under its hash, so the folder holds only what is still to do; a refused
one stays, with its reason, until someone removes it or it becomes importable (its commune's key registered).

A file still arriving is never taken: not before it has been left alone for a few seconds (`folder.pending`), and
not while its ZIP end record is missing — Windows' copy and some sync tools give a file its full size first and
fill it in afterwards, so neither size nor time alone proves it complete."""

from __future__ import annotations

import os
from pathlib import Path

from app.domain import roles
from app.errors import DanvanError, os_error_text
from app.services import sync_import
from app.services.session import Session
from app.storage import settings
from app.storage.db import write_transaction
from app.sync.channels import ChannelError, folder as folder_channel, sha256_file

SETTING = "sync_inbox"
_EOCD = b"PK\x05\x06"  # a ZIP's end-of-central-directory record: written last, within its final 65,557 bytes
_EOCD_REACH = 22 + 65_535


def inbox_folder(session: Session) -> Path | None:
    value = settings.get(session.db, SETTING)
    return Path(value) if value else None


def set_inbox_folder(session: Session, path: str | Path | None) -> dict:
    """Choose (or with None / "" forget) the inbox folder. Upper level, admins; audited. {"folder"}."""
    session.require(roles.MANAGE_SETTINGS)
    if settings.get(session.db, "level") != "upper":
        raise DanvanError("sync.inbox.not_upper")
    value = ""
    if path not in (None, ""):
        target = Path(path).expanduser()
        if not target.is_dir():
            raise DanvanError("sync.inbox.not_a_folder", path=str(target))
        value = str(target.resolve())
    with write_transaction(session.db):
        settings.put_audited(session.db, SETTING, value, session.clock.utc_stamp(), session.user_name)
    return {"folder": value or None}


def _complete(path: Path) -> bool:
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            fh.seek(max(0, size - _EOCD_REACH))
            return _EOCD in fh.read()
    except OSError:
        return False  # vanished or locked by the program still writing it


def waiting(session: Session, *, now: float | None = None) -> dict:
    """What the inbox holds: {"folder", "ready": [paths of bundles that have finished arriving, by name],
    "arriving": n still being written}. DanvanError sync.inbox.unset / sync.inbox.unreachable (a network share
    not connected, a folder removed) — said in the officer's words, nothing changed."""
    folder = inbox_folder(session)
    if folder is None:
        raise DanvanError("sync.inbox.unset")
    return waiting_in(folder, now=now)


def waiting_in(folder: Path, *, now: float | None = None) -> dict:
    """`waiting` for a folder already read from the settings: files only, no database (the GUI counts on a worker
    thread — a network share that does not answer must not freeze the window)."""
    try:
        if not folder.is_dir():
            raise DanvanError("sync.inbox.unreachable", path=str(folder))
        settled = folder_channel.pending(folder, suffixes=(".dvb",), now=now)
        named = [e.name for e in os.scandir(folder)
                 if e.name.lower().endswith(".dvb") and not folder_channel.looks_partial(e.name)]
    except OSError as exc:
        raise DanvanError("sync.inbox.unreachable", path=str(folder)) from exc
    ready = [p for p in settled if _complete(p)]
    return {"folder": str(folder), "ready": ready, "arriving": len(named) - len(ready)}


def import_waiting(session: Session, *, password: str, progress=None, cancel=None, now: float | None = None) -> dict:
    """Import every bundle that has finished arriving (`sync_import.import_bundles`: one backup, each bundle in its
    own transaction), then move each one imported or imported before out of the inbox into the archive.

    {"folder", "bundles": [summary, …], "cancelled", "arriving", "left": [file names refused and left in the
    folder], "not_moved": [{"file", "message"}]} — a file that could not be moved (the share went read-only)
    stays and is taken as "imported before" next time."""
    session.require(roles.IMPORT)
    found = waiting(session, now=now)
    # Each file's hash as it is before the import reads it: a file replaced under the same name meanwhile (a
    # commune uploading again) no longer has it, so it is not moved away unread (folder.archive refuses it).
    digests = {}
    for p in found["ready"]:
        try:
            digests[p] = sha256_file(p)
        except OSError:
            digests[p] = ""  # vanished: the import says so
    res = sync_import.import_bundles(session, found["ready"], password=password, progress=progress, cancel=cancel)
    archive = sync_import.archive_dir(session.path)
    left, not_moved = [], []
    for summary in res["bundles"]:
        path = Path(summary["file"])
        if summary["status"] == "rejected":
            left.append(path.name)
            continue
        try:
            folder_channel.archive(path, archive, digests.get(path, ""))
        except ChannelError as exc:
            not_moved.append({"file": path.name, "message": exc.message(session.lang)})
        except OSError as exc:
            not_moved.append({"file": path.name, "message": os_error_text(exc, session.lang)})
    return {"folder": found["folder"], **res, "arriving": found["arriving"], "left": left, "not_moved": not_moved}
