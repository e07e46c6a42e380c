"""Small icons drawn in code (no icon files to ship or scale): one way to paint them, each icon its strokes."""

from __future__ import annotations

from functools import cache
from typing import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from ui.style import MUTED


# Windows' display scaling (125 %, 150 %, a 4K screen at 200 %): one painted 16-pixel bitmap stretched by 1.5 reads
# blurry beside crisp text, so each icon is painted at each of these ratios and Qt picks the screen's own.
SCALES = (1.0, 1.25, 1.5, 2.0, 3.0)


def drawn_icon(size: int, paint: Callable[[QPainter, float], None]) -> QIcon:
    """An icon of `size` logical px painted by `paint(painter, s)` on a 16-unit grid (`s` = one unit in pixels),
    sharp at every display scale in SCALES."""
    icon = QIcon()
    for ratio in SCALES:
        pm = QPixmap(round(size * ratio), round(size * ratio))
        pm.setDevicePixelRatio(ratio)  # the painter works in logical pixels
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint(p, size / 16)
        p.end()
        icon.addPixmap(pm)
    return icon


@cache
def lock_icon(size: int = 16, color: str = MUTED) -> QIcon:
    """A padlock: the mark of an identity the role may not see."""
    def paint(p: QPainter, s: float) -> None:
        p.setPen(QPen(QColor(color), 1.6 * s))
        shackle = QPainterPath()
        shackle.moveTo(QPointF(5 * s, 7.5 * s))
        shackle.lineTo(QPointF(5 * s, 5 * s))
        shackle.arcTo(QRectF(5 * s, 2 * s, 6 * s, 6 * s), 180, -180)
        shackle.lineTo(QPointF(11 * s, 7.5 * s))
        p.drawPath(shackle)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(color))
        p.drawRoundedRect(QRectF(3 * s, 7 * s, 10 * s, 8 * s), 1.5 * s, 1.5 * s)

    return drawn_icon(size, paint)


@cache  # every date field has one: painted once
def calendar_icon(size: int = 16, color: str = "#5f6368") -> QIcon:
    """A month page: the date fields' calendar button."""
    def paint(p: QPainter, s: float) -> None:
        p.setPen(QPen(QColor(color), 1.3 * s))
        p.drawRoundedRect(QRectF(2 * s, 3 * s, 12 * s, 11 * s), 1.5 * s, 1.5 * s)
        p.drawLine(QPointF(2 * s, 6.5 * s), QPointF(14 * s, 6.5 * s))
        p.drawLine(QPointF(5.5 * s, 1.5 * s), QPointF(5.5 * s, 4 * s))
        p.drawLine(QPointF(10.5 * s, 1.5 * s), QPointF(10.5 * s, 4 * s))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(color))
        for x in (4.5, 7.5, 10.5):
            for y in (8.5, 11):
                p.drawRect(QRectF(x * s, y * s, 1.6 * s, 1.4 * s))

    return drawn_icon(size, paint)
