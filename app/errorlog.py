"""Unexpected errors go to a log file in the platformdirs log folder — never as a traceback to an officer."""

from __future__ import annotations

import logging
from pathlib import Path

from app.paths import APP_NAME

log = logging.getLogger("danvan")


def log_folder() -> Path:
    import platformdirs  # only when something goes wrong

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_unexpected(exc: BaseException) -> Path | None:
    """Append the exception with its traceback to danvan.log; return the file (None if it cannot be written)."""
    try:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "danvan.log"
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(handler)
        try:
            log.error("unexpected error", exc_info=exc)
        finally:
            log.removeHandler(handler)
            handler.close()
        return path
    except OSError:
        return None
