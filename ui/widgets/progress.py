"""Long work behind a modal progress dialog with Cancel; the window keeps painting meanwhile."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.jobs import Job


class JobFailed(Exception):
    """Carries the worker's exception back to the caller of run_with_progress."""

    def __init__(self, error: BaseException):
        super().__init__(str(error))
        self.error = error


def run_with_progress(parent: QWidget | None, label: str, fn, *args, **kwargs):
    """Run `fn(*args, progress=…, cancel=…, **kwargs)` in the background; return its result.
    Raises the worker's exception (Cancelled when the user pressed Cancel)."""
    dialog = QProgressDialog(label, QCoreApplication.translate("Progress", "Cancel"), 0, 0, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Progress", "Please wait"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    job = Job(fn, *args, **kwargs)
    outcome: dict = {}
    loop = QEventLoop()

    def progressed(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    job.progressed.connect(progressed)
    job.succeeded.connect(lambda r: outcome.setdefault("result", r))
    job.failed.connect(lambda e: outcome.setdefault("error", e))
    job.ended.connect(loop.quit)
    dialog.canceled.connect(job.cancel)
    job.start()
    loop.exec()
    dialog.close()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")
