"""Unexpected errors go to a log file in the platformdirs log folder — never as a traceback to an officer."""

from __future__ import annotations

import logging
from pathlib import Path

from app.paths import APP_NAME

log = logging.getLogger("danvan")


def log_folder() -> Path:
    import platformdirs  # only when something goes wrong

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


class _LogFile(logging.Handler):
    """Warnings and errors of the core and the interface, appended to danvan.log — the file opened only when
    there is something to write (start-up stays untouched). Without it Python prints them, in English, on
    stderr, beside the officer's own message in Vietnamese."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            folder = log_folder()
            folder.mkdir(parents=True, exist_ok=True)
            with open(folder / "danvan.log", "a", encoding="utf-8") as f:
                f.write(self.format(record) + "\n")
        except Exception:  # a log that cannot be written must not stop the work it describes
            pass


def install_log_file() -> None:
    """Route the warnings of `app.*` and `ui.*` to danvan.log (once per process), and the errors Python meets
    while cleaning up after a failure it already reported (an .xlsx writer's zip file closed on a full disk) —
    else printed as tracebacks under the officer's message."""
    import sys

    for name in ("app", "ui"):
        logger = logging.getLogger(name)
        if not any(isinstance(h, _LogFile) for h in logger.handlers):
            logger.addHandler(_LogFile())
    sys.unraisablehook = _log_unraisable


def _log_unraisable(unraisable) -> None:
    logging.getLogger("app.cleanup").warning(
        "ignored during clean-up (%s): %s: %s", unraisable.err_msg or "", type(unraisable.exc_value).__name__,
        unraisable.exc_value)


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
