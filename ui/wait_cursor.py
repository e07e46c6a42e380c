"""The wait cursor, for work on the GUI thread that can wait on the file (a save while a `danvan import` holds the
write lock waits up to the busy timeout): a window that does not answer shows that it is working."""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


@contextmanager
def wait_cursor():
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()
