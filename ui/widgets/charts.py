"""Two plain charts drawn with QPainter (the Essentials wheel has no QtCharts): vertical bars with their values
(receptions per month) and horizontal bars with a label per row (models by field, petitions by category).

One accent colour, the value written on every bar, labels in the widget's font, no grid, no legend, no
decoration. With nothing to show (no bars, or every value 0) the chart says so in a short sentence.

A screen reader hears a chart as its title (the accessible name, set_title) and its values as text (the accessible
description: "Khiếu nại: 1; Tố cáo: 1; …", or the empty sentence). In a high-contrast theme the bars and
labels take the theme's colours.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ui import format as fmt
from ui import style  # style.prefers_high_contrast() asked when needed (tests simulate a theme)
from ui.style import ACCENT, BORDER, MUTED


@dataclass
class Bar:
    label: str
    value: int
    tooltip: str = ""


class _Chart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._bars: list[Bar] = []
        self._empty_text = ""
        self._hit: list[tuple[QRectF, Bar]] = []  # areas for tooltips, rebuilt at each paint
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def set_bars(self, bars: list[Bar]) -> None:
        self._bars = list(bars)
        self._describe()
        self.updateGeometry()
        self.update()

    def set_title(self, title: str) -> None:
        """The name a screen reader gives the chart (the title shown above it)."""
        self.setAccessibleName(title)

    def summary(self) -> str:
        """The values as one line of text: "label: value; label: value", or the empty sentence."""
        if self.is_empty():
            return self._empty_text
        return "; ".join(f"{b.label}: {fmt.number(b.value)}" for b in self._bars)

    def _describe(self) -> None:
        self.setAccessibleDescription(self.summary())

    def _colours(self) -> tuple[QColor, QColor, QColor]:
        """(bars, labels, baseline): ours, or in a high-contrast theme the theme's own."""
        if style.prefers_high_contrast():
            pal = QGuiApplication.palette()  # the theme's
            text = pal.color(QPalette.ColorRole.WindowText)
            return pal.color(QPalette.ColorRole.Highlight), text, text
        return QColor(ACCENT), QColor(MUTED), QColor(BORDER)

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self._describe()
        self.update()

    def is_empty(self) -> bool:
        return not any(b.value for b in self._bars)

    def _small_font(self) -> QFont:
        f = QFont(self.font())
        f.setPointSizeF(max(7.5, f.pointSizeF() - 1))
        return f

    def _paint_empty(self, p: QPainter) -> None:
        p.setPen(self._colours()[1])
        p.drawText(self.rect().adjusted(8, 8, -8, -8), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                   self._empty_text)

    def event(self, e) -> bool:
        if e.type() == QEvent.Type.ToolTip:
            pos = e.position() if hasattr(e, "position") else e.pos()
            for area, bar in self._hit:
                if area.contains(pos):
                    QToolTip.showText(e.globalPos(), bar.tooltip or f"{bar.label}: {fmt.number(bar.value)}", self)
                    return True
            QToolTip.hideText()
            e.ignore()
            return True
        return super().event(e)

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self._hit = []
        if self.is_empty():
            self._paint_empty(p)
        else:
            self._paint_bars(p)
        p.end()

    def _paint_bars(self, p: QPainter) -> None:  # pragma: no cover — overridden
        raise NotImplementedError


class BarChart(_Chart):
    """Vertical bars, left to right, each with its value above and its label below."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(max(240, 44 * len(self._bars)), 180)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 110)

    def _paint_bars(self, p: QPainter) -> None:
        small = self._small_font()
        fm = QFontMetrics(small)
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        top = fm.height() + 4  # room for the tallest bar's value
        bottom = fm.height() + 8  # room for the labels
        r = QRectF(self.rect()).adjusted(4, top, -4, -bottom)
        n = len(self._bars)
        slot = r.width() / n
        bar_w = max(4.0, min(slot * 0.62, 56.0))
        peak = max(b.value for b in self._bars) or 1
        bar_colour, label_colour, line_colour = self._colours()
        p.setFont(small)
        # The baseline: the only axis line; values are written on the bars, so no scale is needed.
        p.setPen(line_colour)
        p.drawLine(r.bottomLeft(), r.bottomRight())
        for i, b in enumerate(self._bars):
            cx = r.left() + slot * (i + 0.5)
            h = r.height() * b.value / peak
            bar = QRectF(cx - bar_w / 2, r.bottom() - h, bar_w, h)
            if b.value:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(bar_colour)
                p.drawRoundedRect(bar, 2, 2)
            p.setPen(text_colour)
            value_box = QRectF(cx - slot / 2, bar.top() - fm.height() - 2, slot, fm.height())
            p.drawText(value_box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, fmt.number(b.value))
            p.setPen(label_colour)
            label_box = QRectF(cx - slot / 2, r.bottom() + 4, slot, fm.height())
            p.drawText(label_box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                       fm.elidedText(b.label, Qt.TextElideMode.ElideRight, int(slot)))
            self._hit.append((QRectF(cx - slot / 2, r.top() - top, slot, r.height() + top + bottom), b))


class HBarChart(_Chart):
    """Horizontal bars, one row each: the label on the left, the bar, its value at the end."""

    ROW_GAP = 5

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._label_width: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def label_width_needed(self) -> int:
        fm = QFontMetrics(self.font())
        return max((fm.horizontalAdvance(b.label) for b in self._bars), default=0) + 10

    def set_label_width(self, width: int | None) -> None:
        """Line the bars of charts stacked one above the other up on the same left edge."""
        self._label_width = width
        self.update()

    def _row_height(self) -> int:
        return QFontMetrics(self.font()).height() + self.ROW_GAP

    def sizeHint(self) -> QSize:
        rows = max(2, len(self._bars)) if not self.is_empty() else 2
        return QSize(260, rows * self._row_height() + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.sizeHint().height())

    def _paint_bars(self, p: QPainter) -> None:
        fm = QFontMetrics(self.font())
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        rh = self._row_height()
        width = self.width()
        # the label may take most of a narrow chart: "Xây dựng Đảng và hệ thống chính trị" was cut at 45 %
        label_w = min(self._label_width or self.label_width_needed(), int(width * 0.6))
        value_w = max(fm.horizontalAdvance(fmt.number(b.value)) for b in self._bars) + 8
        track = max(10, width - label_w - value_w - 4)
        peak = max(b.value for b in self._bars) or 1
        bar_h = max(6, rh - self.ROW_GAP - 4)
        bar_colour = self._colours()[0]
        for i, b in enumerate(self._bars):
            y = i * rh
            p.setPen(text_colour)
            label = fm.elidedText(b.label, Qt.TextElideMode.ElideRight, label_w - 10)
            p.drawText(QRectF(0, y, label_w - 10, rh), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                       label)
            w = track * b.value / peak
            if b.value:
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(bar_colour)
                p.drawRoundedRect(QRectF(label_w, y + (rh - bar_h) / 2, max(w, 2), bar_h), 2, 2)
            p.setPen(text_colour)
            p.drawText(QRectF(label_w + w + 5, y, value_w, rh),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, fmt.number(b.value))
            self._hit.append((QRectF(0, y, width, rh), b))
