"""One place turns exceptions into sentences; unexpected ones go to the log, never as a traceback."""

from __future__ import annotations

import sqlite3

from app.errors import Cancelled, PermissionDenied, ValidationFailed


def test_unexpected_error_is_logged_and_shown_without_traceback(qt_app, tmp_path):
    """An unexpected exception: a Vietnamese sentence naming the log file; the traceback is in the log only."""
    from app.errorlog import log_folder
    from ui.errors import describe

    try:
        raise RuntimeError("hỏng bất ngờ")
    except RuntimeError as exc:
        message, details = describe(exc, "vi")
    log = log_folder() / "danvan.log"
    assert str(tmp_path) in str(log)  # the test's own folder, not the real profile
    assert "Traceback" not in message and "Traceback" not in details
    assert str(log) in message and message.startswith("Lỗi không mong đợi")
    assert "Traceback" in log.read_text(encoding="utf-8") and "hỏng bất ngờ" in log.read_text(encoding="utf-8")


def test_locked_database_reads_as_busy(qt_app):
    """SQLite's "database is locked" becomes the sentence that says to wait and try again."""
    from ui.errors import describe

    message, _ = describe(sqlite3.OperationalError("database is locked"), "vi")
    assert "Đợi vài giây rồi thử lại" in message


def test_core_errors_keep_their_message_and_details(qt_app):
    """A core error shows its own message; validation lists each problem in the details."""
    from ui.errors import describe

    msg, _ = describe(PermissionDenied("perm.denied", role="Chỉ xem", action="ghi hoặc sửa hồ sơ"), "vi")
    assert "Chỉ xem" in msg and "ghi hoặc sửa hồ sơ" in msg
    msg, details = describe(ValidationFailed(errors=[{"line": 1, "field": "content", "message": "Thiếu nội dung"}]),
                            "vi")
    assert "content: Thiếu nội dung" in details


def test_cancelled_is_silent(qtbot, qt_app, monkeypatch):
    """Cancel is the user's own choice: no dialog."""
    from PySide6.QtWidgets import QMessageBox

    from ui.errors import show_error

    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()))
    show_error(None, Cancelled())
    assert shown == []
    show_error(None, RuntimeError("x"))
    assert len(shown) == 1


def test_job_reports_result_and_failure_on_the_gui_thread(qtbot, qt_app):
    """A background job hands its result (or its exception) back through signals, with throttled progress."""
    from PySide6.QtCore import QThread

    from ui.jobs import Job

    seen = {}

    def work(n, progress=None, cancel=None):
        for i in range(n):
            progress(i + 1, n)
        return n * 2

    job = Job(work, 1000)
    job.progressed.connect(lambda d, t: seen.setdefault("progress", []).append((d, t)))
    job.succeeded.connect(lambda r: seen.update(result=r, thread=QThread.currentThread()))
    with qtbot.waitSignal(job.ended, timeout=5000):
        job.start()
    assert seen["result"] == 2000 and seen["thread"] is qt_app.thread()
    assert seen["progress"][-1] == (1000, 1000) and len(seen["progress"]) < 100

    def boom(progress=None, cancel=None):
        raise ValueError("hỏng")

    failed = Job(boom)
    with qtbot.waitSignal(failed.failed, timeout=5000) as blocker:
        failed.start()
    assert isinstance(blocker.args[0], ValueError)
