"""A restore cut short (a power cut, the process killed) is undone at the next log-in.

`restore` replaces the data, brings it up to date, checks it for seconds, moves the sync numbering on and puts
the backup's key file in place — steps no single transaction holds. Killed between them, the laptop held one
installation's data with another's keys, or a change log numbered backwards (SYNC.md forbids both). So before
the data is touched a journal beside the database names the copy of the data and key file saved first; it is
removed once every step is done. Found at a log-in, it means the restore never finished: the saved copy goes
back (the data and keys as they were before it began), and the officer is told to restore again.

While a restore runs, its journal is locked by the process doing it, so another program logging in meanwhile
(a `danvan` command beside the GUI) leaves it alone.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from pathlib import Path

from app.io.writers import fsync_dir

log = logging.getLogger(__name__)

SUFFIX = ".restoring"


def journal_path(db_path: str | Path) -> Path:
    return Path(str(db_path) + SUFFIX)


class RestoreJournal:
    """`with RestoreJournal(db, saved_copy, saved_keys, keys_file) as journal:` around the steps of a restore,
    which sets `journal.settled` once the data and keys are of one installation again — the restore done, or its
    failure put right. Left in place when the process dies inside, or leaves the block unsettled (putting the
    saved copy back failed too): the next log-in then puts it back."""

    def __init__(self, db_path: Path, saved_copy: Path, saved_keys: Path | None, keys_file: Path):
        self.path = journal_path(db_path)
        self.body = {"saved_copy": str(saved_copy), "saved_keys": str(saved_keys) if saved_keys else None,
                     "keys_file": str(keys_file)}
        self.settled = False
        self._fh = None

    def __enter__(self) -> "RestoreJournal":
        tmp = self.path.with_name(self.path.name + ".part")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(self.body, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)
        fsync_dir(self.path.parent)
        self._fh = open(self.path, "r+b")
        _lock(self._fh)
        return self

    def __exit__(self, *exc) -> None:
        try:
            _unlock(self._fh)
            self._fh.close()
        finally:
            if self.settled:
                self.path.unlink(missing_ok=True)
                fsync_dir(self.path.parent)


def undo_interrupted(db_path: str | Path) -> bool:
    """Put back what a restore cut short replaced (the data and key file saved before it began); True when it
    did. A journal whose restore is still running (locked) is left alone, and so is one naming no saved copy."""
    path = journal_path(db_path)
    if not path.exists():
        return False
    try:
        fh = open(path, "r+b")
    except OSError:
        return False
    try:
        if not _try_lock(fh):
            return False  # the restore is running in another process
        body = json.loads(fh.read().decode("utf-8") or "{}")
        saved_copy = Path(body.get("saved_copy") or "")
        if not saved_copy.is_file():
            log.warning("restore journal %s names no saved copy (%s): left as it is", path, saved_copy)
            return False
        from app.storage.backup import copy_file_into

        conn = sqlite3.connect(str(db_path), timeout=30, isolation_level=None)
        try:
            copy_file_into(saved_copy, conn)
        finally:
            conn.close()
        _put_back_keys(body)
        _unlock(fh)
    finally:
        fh.close()
    path.unlink(missing_ok=True)
    log.warning("a restore cut short was undone from %s", saved_copy)
    return True


def _put_back_keys(body: dict) -> None:
    from app.sync import keys

    keys_file = Path(body["keys_file"])
    if body.get("saved_keys"):
        keys.write_sealed(keys_file, keys.read_sealed(Path(body["saved_keys"])))
    else:  # there was none before the restore: none now
        keys_file.unlink(missing_ok=True)


# -- a lock the operating system drops when its process dies ------------------------------------------------------

if os.name == "nt":  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fh) -> bool:
        try:
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _lock(fh) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(fh) -> None:
        try:
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _try_lock(fh) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _lock(fh) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fh) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
