"""Long work behind a progress dialog (ui/widgets/progress.py): the window takes no second click meanwhile, the
dialog shows even before the first progress report, and Cancel pressed while the work waits is a cancel."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QProgressDialog, QPushButton, QVBoxLayout, QWidget

from app.errors import Cancelled, DatabaseBusy
from ui.widgets import progress


@pytest.fixture
def window(qtbot, qt_app):
    w = QWidget()
    w.setLayout(QVBoxLayout())
    button = QPushButton("Thêm", w)
    w.layout().addWidget(button)
    w.clicks = []
    button.clicked.connect(lambda: w.clicks.append(1))
    w.button = button
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def _dialog(w) -> QProgressDialog | None:
    found = w.findChildren(QProgressDialog)
    return found[-1] if found else None


def test_a_second_click_does_not_reach_the_window_while_the_work_runs(window):
    """Before the dialog is shown (it waits 300 ms so quick work does not flash one) a click on the button that
    started the work used to run it twice."""
    release = threading.Event()
    seen = {}

    def work(progress=None, cancel=None):
        release.wait(5)
        return "done"

    def click_then_release():
        QTest.mouseClick(window.button, Qt.MouseButton.LeftButton)  # swallowed
        QTest.keyClick(window.button, Qt.Key.Key_Space)  # so is the keyboard
        seen["early"] = len(window.clicks)
        QTimer.singleShot(progress.SHOW_AFTER_MS + 200, lambda: (seen.setdefault(
            "shown", bool(_dialog(window) and _dialog(window).isVisible())), release.set()))

    QTimer.singleShot(50, click_then_release)
    assert progress.run_with_progress(window, "Đang làm…", work) == "done"
    assert seen == {"early": 0, "shown": True}  # shown with no progress report at all (a wait for a lock)
    QTest.mouseClick(window.button, Qt.MouseButton.LeftButton)
    assert window.clicks == [1]  # afterwards the window takes clicks again


def test_cancel_pressed_while_the_work_waits_is_a_cancel(window):
    """Cancel pressed while the worker waits for another program's lock ends as that wait's error; nothing was
    done either way, so the caller hears Cancelled (and says "cancelled", not "busy")."""
    release = threading.Event()

    def work(progress=None, cancel=None):
        release.wait(5)
        raise DatabaseBusy("db.busy")

    def press_cancel():
        QTest.mouseClick(_dialog(window).findChild(QPushButton), Qt.MouseButton.LeftButton)  # the dialog's own
        release.set()

    QTimer.singleShot(progress.SHOW_AFTER_MS + 100, press_cancel)
    with pytest.raises(Cancelled):
        progress.run_with_progress(window, "Đang làm…", work)


def test_an_error_without_cancel_is_the_error(window):
    def work(progress=None, cancel=None):
        raise DatabaseBusy("db.busy")

    with pytest.raises(DatabaseBusy):
        progress.run_with_progress(window, "Đang làm…", work)
