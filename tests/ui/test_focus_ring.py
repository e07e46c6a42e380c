"""Where the keyboard is: every kind of focusable control is drawn differently when it has the focus (a ring), at
the same size — flat buttons ("Xóa bộ lọc", "Xem") and the navigation list showed nothing, an empty table nothing,
a primary button a dark dotted line on its blue."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QStandardItemModel
from PySide6.QtWidgets import (QCheckBox, QComboBox, QCommandLinkButton, QLineEdit, QListWidget, QPushButton,
                               QTableView, QVBoxLayout, QWidget)

from tests.ui.conftest import show_active
from ui.style import ACCENT


def _flat():
    b = QPushButton("Xóa bộ lọc")
    b.setFlat(True)
    return b


def _nav():
    nav = QListWidget(objectName="navList")
    nav.addItems(["Tổng quan", "Tiếp công dân", "Đơn thư"])
    nav.setCurrentRow(1)
    return nav


def _table():
    table = QTableView()
    table.setModel(QStandardItemModel(0, 3, table))  # empty: no current cell to show the focus
    return table


def _combo():
    c = QComboBox()
    c.addItems(["Tất cả", "Khiếu nại"])
    return c


KINDS = {
    "flat button": _flat,
    "push button": lambda: QPushButton("Thoát"),
    "primary button": lambda: QPushButton("Lưu", objectName="primary"),
    "link button": lambda: QPushButton("Tạo khóa mới", objectName="link"),
    "command link": lambda: QCommandLinkButton("Dùng thử với dữ liệu mẫu", "Một cơ sở dữ liệu mẫu"),
    "navigation list": _nav,
    "empty table": _table,
    "line edit": QLineEdit,
    "check box": lambda: QCheckBox("Đơn nặc danh"),
    "combo box": _combo,
}


def _accent_pixels(img: QImage) -> int:
    accent = QColor(ACCENT)
    return sum(1 for y in range(img.height()) for x in range(img.width())
               if img.pixelColor(x, y) == accent)


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_focused_control_shows_a_ring_at_the_same_size(qtbot, qt_app, kind):
    """Focused by Tab, the control's pixels differ from its unfocused ones (for all but the primary button, by
    accent-coloured ones), and neither its size nor its size hint changes."""
    window = QWidget()
    v = QVBoxLayout(window)
    before_widget = QLineEdit()  # where the focus starts
    control = KINDS[kind]()
    v.addWidget(before_widget)
    v.addWidget(control)
    window.resize(420, 260)
    show_active(qtbot, window)
    before_widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(before_widget.hasFocus)
    unfocused, size, hint = control.grab().toImage(), control.size(), control.sizeHint()
    control.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(control.hasFocus)
    focused = control.grab().toImage()
    assert focused != unfocused
    assert control.size() == size and control.sizeHint() == hint
    if kind != "primary button":  # its ring is light, on its own blue
        assert _accent_pixels(focused) > _accent_pixels(unfocused) + 20


def test_primary_button_ring_is_light_on_its_blue(qtbot, qt_app):
    """The focused primary button's edge is the light ring, not the blue fill nor a dark dotted line."""
    from ui.style import FOCUS_ON_ACCENT

    window = QWidget()
    v = QVBoxLayout(window)
    other, button = QLineEdit(), QPushButton("Lưu", objectName="primary")
    v.addWidget(other)
    v.addWidget(button)
    show_active(qtbot, window)
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    img = button.grab().toImage()
    mid = img.height() // 2
    assert img.pixelColor(1, mid) == QColor(FOCUS_ON_ACCENT)
    assert img.pixelColor(img.width() // 4, 3) == QColor(ACCENT)  # inside the ring: the fill
