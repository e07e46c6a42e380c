"""Windows that fit the screen they open on.

A commune's laptop is often 1366×768 with Windows' display scaling at 125 % or 150 %: Qt then works in logical
pixels of 1093×614 or 911×512, less the taskbar, and a title bar inside that. A dialog opened at a fixed size
larger than that has its buttons below the screen — and a dialog has no maximise button to get them back."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget
from PySide6.QtCore import Qt

# Room the window manager takes around a window's client area (Windows 10/11: a ~31 px title bar and thin borders).
FRAME_WIDTH, FRAME_HEIGHT = 16, 40


def available(widget: QWidget):
    """The available area (taskbar excluded) of the screen `widget` opens on: its parent window's, else the
    primary screen."""
    anchor = widget.parentWidget().window() if widget.parentWidget() is not None else widget
    screen = QWidget.screen(anchor) or QGuiApplication.primaryScreen()  # (MainWindow.screen is its own)
    return screen.availableGeometry()


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Resize `window` to width × height, or less where its screen is smaller."""
    area = available(window)
    window.resize(max(200, min(width, area.width() - FRAME_WIDTH)),
                  max(150, min(height, area.height() - FRAME_HEIGHT)))


def screen_is_small(window: QWidget, width: int, height: int) -> bool:
    """Whether a window of width × height would not fit its screen with its frame."""
    area = available(window)
    return area.width() - FRAME_WIDTH < width or area.height() - FRAME_HEIGHT < height


def scrolling(widget: QWidget) -> QScrollArea:
    """`widget` in a frameless scroll area: on a screen smaller than the widget's minimum size it scrolls instead of
    forcing its window larger than the screen; otherwise it fills the area and no scroll bar shows."""
    area = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a stop of its own between the widget's fields
    area.setWidget(widget)
    return area
