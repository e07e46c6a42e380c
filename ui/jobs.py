"""The one way to run long work (an import, building the demo) off the GUI thread, with progress and Cancel.

The core function gets `progress(done, total)` and a `cancel` threading.Event; results and errors come back
to the GUI thread as signals. The worker never touches a widget.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

_PROGRESS_INTERVAL = 0.1  # at most ~10 progress updates a second reach the GUI
_running: set["Job"] = set()  # keeps a Job alive until its worker reports back


class Job(QObject):
    progressed = Signal(int, int)  # done, total
    succeeded = Signal(object)  # the function's return value
    failed = Signal(object)  # the exception (Cancelled included: callers usually ignore it)
    ended = Signal()  # after succeeded or failed

    def __init__(self, fn, *args, **kwargs):
        # Never parented to a widget: a closing window would delete the signals under a running worker.
        # The job keeps itself alive in _running until it has reported.
        super().__init__()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        self.cancel_event = threading.Event()
        self._last = 0.0
        self.failed.connect(lambda _e: None)  # a failure with no listener is still consumed cleanly
        # Released on the GUI thread once `ended` has been delivered there: dropping the last reference on the
        # worker thread would delete the QObject while its queued signals are still on their way.
        self.ended.connect(self._release)

    def start(self) -> "Job":
        _running.add(self)
        QThreadPool.globalInstance().start(_Runner(self))
        return self

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last >= _PROGRESS_INTERVAL or done >= total:
            self._last = now
            self._emit(self.progressed, int(done), int(total))

    def _emit(self, signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the application is shutting down and Qt already deleted the object
            log.debug("job finished after shutdown")

    def _run(self) -> None:
        try:
            result = self._fn(*self._args, progress=self._progress, cancel=self.cancel_event, **self._kwargs)
        except BaseException as exc:  # handed to the GUI thread, which decides how to show it
            if not _is_cancel(exc):
                log.debug("job failed", exc_info=exc)
            self._emit(self.failed, exc)
        else:
            self._emit(self.succeeded, result)
        finally:
            self._emit(self.ended)

    def _release(self) -> None:
        _running.discard(self)


def _is_cancel(exc: BaseException) -> bool:
    from app.errors import Cancelled

    return isinstance(exc, Cancelled)


class _Runner(QRunnable):
    def __init__(self, job: Job):
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job._run()


def in_own_session(session, fn, *args, progress=None, cancel=None, reader: bool = False, **kwargs):
    """Run `fn(session, *args, **kwargs)` on a connection of its own (a worker never shares the GUI's);
    `reader`: a short read, with a small page cache (Session.spawn)."""
    own = session.spawn(reader=reader)
    try:
        return fn(own, *args, **kwargs)
    finally:
        own.close()


def in_own_session_reporting(session, fn, *args, progress=None, cancel=None, **kwargs):
    """`in_own_session` for a core function that reports progress and honours Cancel itself: it is handed the
    job's `progress` and `cancel` (a backup, the due dates' recompute after an upgrade)."""
    own = session.spawn()
    try:
        return fn(own, *args, progress=progress, cancel=cancel, **kwargs)
    finally:
        own.close()


class Refresh:
    """Figures read on a worker: `run()` calls `fn(own session)` there and hands the result to `on_result` on the
    GUI thread. One run at a time; asked again meanwhile, it runs once more when the first ends (the dashboard's
    figures, the navigation badges)."""

    def __init__(self, session_of: Callable[[], object], fn, on_result, on_error=None):
        self._session_of, self._fn = session_of, fn
        self._on_result, self._on_error = on_result, on_error
        self.job: Job | None = None
        self._again = False

    def run(self) -> None:
        if self.job is not None:
            self._again = True
            return
        session = self._session_of()
        self.job = Job(lambda progress=None, cancel=None: in_own_session(session, self._fn, reader=True))
        self.job.succeeded.connect(self._on_result)
        if self._on_error is not None:
            self.job.failed.connect(self._on_error)
        self.job.ended.connect(self._ended)
        self.job.start()

    def _ended(self) -> None:
        self.job = None
        if self._again:
            self._again = False
            self.run()


def wait_all(timeout_ms: int = 30_000) -> bool:
    """Wait for every job (used at exit and in tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
