"""A row of widgets that wraps onto further lines when the window is too narrow for it (Qt's FlowLayout example),
and the pairs it holds ("Phân loại" + its list) so that a label never wraps away from its field.

A list's filters or the sync screen's boxes side by side set the width of the whole window otherwise: on a
1366×768 laptop at 125 % display scaling they ran off the right of the screen."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QSizePolicy, QWidget, QWidgetItem


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, *, spacing: int = 6, line_spacing: int = 4,
                 justify: bool = False):
        """`justify`: each line's items share its whole width and take its height (panels side by side);
        otherwise they keep their own size and the line's end stays free (a row of filters)."""
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._line_spacing = line_spacing if not justify else spacing
        self._justify = justify
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout ----------------------------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def addWidget(self, widget: QWidget) -> None:  # noqa: N802 — Qt's name
        self.addChildWidget(widget)
        self.addItem(QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        """How tall the lines are at `width` (not announced as height-for-width: see setGeometry)."""
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        needed = self._place(rect, move=True)
        # The wrapped lines' height becomes the holder's minimum height. Announcing height-for-width instead would
        # reach a scroll area around the screen, which then takes the whole screen's preferred height (its tables
        # at full size) as the least it needs, and scrolls a screen that fits.
        holder = self.parentWidget()
        if holder is not None and holder.minimumHeight() != needed:
            holder.setMinimumHeight(needed)

    def sizeHint(self) -> QSize:  # noqa: N802
        """All on one line."""
        width = sum(i.sizeHint().width() for i in self._visible()) + self._spacing * max(0, len(self._visible()) - 1)
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        """As narrow as its widest item: the rest wraps."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size.grownBy(QMargins(m.left(), m.top(), m.right(), m.bottom()))

    # -- placing ----------------------------------------------------------------------------------------------
    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if not (i.widget() is not None and i.widget().isHidden())]

    def _place(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.marginsRemoved(m)
        room = QSize(max(1, area.width()), 1 << 20)

        def height_at(item: QLayoutItem, width: int) -> int:
            # a panel of word-wrapped text is taller when narrower: ask it at the width it gets
            if item.hasHeightForWidth():
                return max(item.heightForWidth(width), item.minimumSize().height())
            return item.sizeHint().boundedTo(room).expandedTo(item.minimumSize()).height()

        # Lines first: justified panels go on a line while their minimum widths fit; other items take the width
        # they ask for.
        lines: list[list[tuple[QLayoutItem, int]]] = [[]]
        x = area.x()
        for item in self._visible():
            wanted = item.minimumSize() if self._justify else item.sizeHint()
            width = wanted.boundedTo(room).expandedTo(item.minimumSize()).width()
            if lines[-1] and x + width > area.right() + 1:
                lines.append([])
                x = area.x()
            lines[-1].append((item, width))
            x += width + self._spacing

        y = area.y()
        for line in (ln for ln in lines if ln):
            if self._justify:  # the line's spare room shared out, every panel as tall as the line
                used = sum(width for _, width in line) + self._spacing * (len(line) - 1)
                extra, left = divmod(max(0, area.width() - used), len(line))
                line = [(item, width + extra + (left if n == len(line) - 1 else 0))
                        for n, (item, width) in enumerate(line)]
            heights = [height_at(item, width) for item, width in line]
            line_height = max(heights)
            if move:
                x_at = area.x()
                for (item, width), height in zip(line, heights):
                    if self._justify:
                        item.setGeometry(QRect(x_at, y, width, line_height))
                    else:  # centred on the line's height
                        item.setGeometry(QRect(x_at, y + (line_height - height) // 2, width, height))
                    x_at += width + self._spacing
            y += line_height + self._line_spacing
        if any(lines):
            y -= self._line_spacing
        return y - rect.y() + m.bottom()


def pair(*widgets: QWidget, spacing: int = 4) -> QWidget:
    """Widgets kept together on one line of a FlowLayout (a label and its field)."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(spacing)
    for w in widgets:
        row.addWidget(w)
    # a label before a field is its label: Alt+letter goes there, a screen reader names the field after it
    for label, field in zip(widgets, widgets[1:]):
        if isinstance(label, QLabel) and not isinstance(field, QLabel) and label.buddy() is None:
            label.setBuddy(field)
    box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return box
