"""Default locations: the platformdirs user data dir (appauthor=False), overridable with --db / DANVAN_DB."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "SoDanVan"


def data_dir() -> Path:
    import platformdirs  # not on the way to the first paint when --db is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    env = os.environ.get("DANVAN_DB")
    if env:
        return Path(env)
    return data_dir() / "sodanvan.db"


def demo_db_path() -> Path:
    """The demo database: beside the real one, never over it (`danvan demo` and "Dùng thử với dữ liệu mẫu")."""
    return data_dir() / "sodanvan-demo.db"


def backups_dir_for(db_path: Path) -> Path:
    """Backups live beside the database, so moving the folder moves them too."""
    return Path(db_path).resolve().parent / "backups"
