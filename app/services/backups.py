"""`danvan backup` / `danvan restore`: consistent copies with the SQLite backup API; restore only after a check."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from app.domain import roles
from app.errors import DanvanError
from app.paths import backups_dir_for
from app.services.session import Session
from app.storage import backup as store_backup
from app.storage import settings
from app.storage.db import migrate, translate_sqlite_error, write_transaction


def backup(session: Session, out: str | Path) -> dict:
    session.require(roles.BACKUP)
    out = Path(out)
    try:
        store_backup.backup_connection(session.db.conn, out)
    except (OSError, sqlite3.Error) as exc:
        raise DanvanError("backup.failed", path=str(out), detail=str(exc)) from exc
    session.audit("backup", detail=out.name)
    return {"file": str(out)}


def _validate_backup(path: Path) -> None:
    if not path.is_file():
        raise DanvanError("restore.bad_backup", path=str(path), detail="không tìm thấy tệp / file not found")
    try:
        result = store_backup.check_file(path)
    except sqlite3.Error as exc:
        raise DanvanError("restore.bad_backup", path=str(path), detail=str(exc)) from exc
    if result != "ok":
        raise DanvanError("restore.bad_backup", path=str(path), detail=result)
    try:
        site_id = store_backup.site_id_of_file(path)
    except sqlite3.Error as exc:
        raise DanvanError("restore.bad_backup", path=str(path), detail=str(exc)) from exc
    if site_id is None:
        raise DanvanError("restore.bad_backup", path=str(path),
                          detail="không phải dữ liệu Sổ Dân Vận / not a Sổ Dân Vận database")


def restore(session: Session, source: str | Path) -> dict:
    """Replace the database's content with a checked backup; the current content is saved first."""
    session.require(roles.RESTORE)
    source = Path(source)
    _validate_backup(source)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    safety = backups_dir_for(session.path) / f"{session.path.stem}-before-restore-{stamp}.db"
    store_backup.backup_connection(session.db.conn, safety)
    last_seq = store_backup.last_change_seq(session.db.conn)
    try:
        store_backup.copy_file_into(source, session.db.conn)
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, session.path) from exc
    # Bring an older backup's schema up to date, and keep sync numbering moving forward (SYNC.md): change_log
    # continues above the last number this installation used, and the next bundle is a full snapshot.
    migrate(session.db, session.path)
    with write_transaction(session.db):
        store_backup.keep_change_seq_above(session.db.conn, last_seq)
        settings.put(session.db, "next_export_snapshot", "1")
    session.audit("restore", detail=f"{source.name}; previous content saved as {safety.name}")
    return {"file": str(source), "saved_previous": str(safety)}
