"""The one place that turns exceptions into dialogs: a full sentence in the interface language, details
expandable, `Cancelled` silent, anything unexpected logged to the platformdirs log folder."""

from __future__ import annotations

import logging
import sys
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.errorlog import log_unexpected
from app.errors import Cancelled, DanvanError, ValidationFailed, as_danvan_error
from app.i18n import tr as core_tr

log = logging.getLogger(__name__)


def current_lang() -> str:
    from PySide6.QtCore import QLocale

    return "vi" if QLocale().language() == QLocale.Language.Vietnamese else "en"


def describe(exc: BaseException, lang: str | None = None) -> tuple[str, str]:
    """(message, details) for an exception, in the interface language."""
    lang = lang or current_lang()
    if isinstance(exc, ValidationFailed):
        lines = [f"{e.get('field') or ''}: {e['message']}".lstrip(": ") for e in exc.errors]
        return exc.message(lang), "\n".join(lines)
    if isinstance(exc, DanvanError):
        return exc.message(lang), "\n".join(getattr(exc, "details", []) or [])
    low_level = as_danvan_error(exc)
    if low_level is not None:  # SQLite busy, full, damaged …: the core's sentence
        return low_level.message(lang), str(exc)
    if isinstance(exc, OSError):
        import errno

        if exc.errno == errno.ENOSPC:
            return core_tr("db.disk_full", lang), str(exc)
        return QCoreApplication.translate("ErrorDialogs", "The file could not be read or written: {error}").format(
            error=exc.strerror or str(exc)), str(exc.filename or "")
    where = log_unexpected(exc)
    return core_tr("unexpected", lang, kind=type(exc).__name__, log=str(where) if where else "-"), \
        f"{type(exc).__name__}: {exc}"


def show_error(parent: QWidget | None, exc: BaseException, title: str | None = None) -> None:
    """Show `exc` as a dialog (nothing for Cancelled)."""
    if isinstance(exc, Cancelled):
        return
    message, details = describe(exc)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title or QCoreApplication.translate("ErrorDialogs", "Sổ Dân Vận"))
    box.setText(message)
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.exec()


@contextmanager
def reported(parent: QWidget | None, title: str | None = None):
    """`with reported(self): ...` — any exception inside becomes a dialog instead of escaping."""
    try:
        yield
    except Exception as exc:  # the dialog is the handling; unexpected ones are logged by describe()
        show_error(parent, exc, title)


def install_excepthook() -> None:
    """An exception escaping a slot is logged and shown as a sentence — never a traceback, never a silent exit."""

    def hook(kind, exc, tb):
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        try:
            parent = QApplication.activeWindow()
            show_error(parent, exc.with_traceback(tb))
        except Exception:  # the dialog itself failed: at least the log has it
            log_unexpected(exc)

    sys.excepthook = hook
