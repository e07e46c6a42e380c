"""Long work behind a modal progress dialog with Cancel; the window keeps painting meanwhile."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from app.errors import Cancelled
from ui.jobs import Job

SHOW_AFTER_MS = 300  # a job shorter than this shows no dialog at all (no flash for a commune's quick recount)


class JobFailed(Exception):
    """Carries the worker's exception back to the caller of run_with_progress."""

    def __init__(self, error: BaseException):
        super().__init__(str(error))
        self.error = error


class _InputHeld(QObject):
    """While a job runs, the user's clicks and keys reach only its dialog. The dialog is modal only once shown
    (after SHOW_AFTER_MS, so that quick work does not flash one): before that a second click on the button that
    started the job ran the whole change twice, and a shortcut could start another."""

    INPUT = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
             QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Wheel, QEvent.Type.ShortcutOverride,
             QEvent.Type.Shortcut, QEvent.Type.TouchBegin, QEvent.Type.ContextMenu}

    def __init__(self, dialog: QProgressDialog):
        super().__init__()
        self.dialog = dialog

    def _in_dialog(self, obj) -> bool:
        if isinstance(obj, QWidget):
            return obj is self.dialog or self.dialog.isAncestorOf(obj)
        if isinstance(obj, QWindow):
            return obj is self.dialog.windowHandle()
        return True  # not a window or a widget: not the user's input

    def eventFilter(self, obj, event) -> bool:
        if event.type() in self.INPUT and not self._in_dialog(obj):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # taken as a plain key (swallowed below), so no shortcut fires
            return True
        return False


def run_with_progress(parent: QWidget | None, label: str, fn, *args, **kwargs):
    """Run `fn(*args, progress=…, cancel=…, **kwargs)` in the background; return its result.
    Raises the worker's exception (Cancelled when the user pressed Cancel — also when the work then ended in an
    error it was waiting on, such as a file busy in another program: nothing was done either way)."""
    dialog = QProgressDialog(label, QCoreApplication.translate("Progress", "Cancel"), 0, 0, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Progress", "Please wait"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    job = Job(fn, *args, **kwargs)
    outcome: dict = {}
    loop = QEventLoop()

    def progressed(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    def show_if_running() -> None:  # even with no progress yet (waiting for another program's lock: Cancel shows)
        if "ended" not in outcome:
            dialog.show()

    job.progressed.connect(progressed)
    job.succeeded.connect(lambda r: outcome.setdefault("result", r))
    job.failed.connect(lambda e: outcome.setdefault("error", e))
    job.ended.connect(lambda: outcome.setdefault("ended", True))
    job.ended.connect(loop.quit)
    dialog.canceled.connect(job.cancel)
    held = _InputHeld(dialog)
    app = QApplication.instance()
    app.installEventFilter(held)
    try:
        job.start()
        QTimer.singleShot(SHOW_AFTER_MS, show_if_running)
        if "ended" not in outcome:  # (a job may report before the loop starts)
            loop.exec()
    finally:
        app.removeEventFilter(held)
        cancelled = job.cancelled  # before close(): closing a progress dialog emits `canceled` itself
        dialog.close()
    if "error" in outcome:
        if cancelled and not isinstance(outcome["error"], Cancelled):
            raise Cancelled() from outcome["error"]
        raise outcome["error"]
    return outcome.get("result")
