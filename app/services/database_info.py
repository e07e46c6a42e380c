"""What the log-in screen shows before anyone has logged in: which unit a data file belongs to, and whether it
is the demo database. Reads the settings only — no account, no migration, nothing written."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from app.errors import DatabaseError
from app.storage import settings
from app.storage.db import open_db, translate_sqlite_error


@dataclass(frozen=True)
class DatabaseInfo:
    path: Path
    unit_code: str | None
    unit_name: str | None
    level: str | None  # "commune" or "upper"
    demo: bool


def describe_database(path: str | Path) -> DatabaseInfo:
    """The unit and demo flag of the database at `path`. Raises NotFound for a missing file, DatabaseError for
    a file that is not ours or has no unit set up, DatabaseBusy when another program holds it."""
    path = Path(path)
    db = open_db(path, migrate=False)
    try:
        values = settings.get_all(db)
    except sqlite3.Error as exc:
        if "no such table" in str(exc).lower():
            raise DatabaseError("db.not_initialised") from exc
        raise translate_sqlite_error(exc, path) from exc
    finally:
        db.close()
    if not values.get("site_id"):
        raise DatabaseError("db.not_initialised")
    return DatabaseInfo(path=path, unit_code=values.get("unit_code"), unit_name=values.get("unit_name"),
                        level=values.get("level"), demo=values.get("demo") == "1")
