"""Work that must wait until a window has been drawn once: started earlier, a worker thread holds the interpreter
lock while the window is still being built and painted, and the officer waits longer for the first screen."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

FALLBACK_MS = 1000  # a window shown but never painted (minimised at start, say) still gets its work done


class FirstPaint(QObject):
    """Calls `then()` once, at the end of the first paint pass of the widget it watches (the first Paint event,
    then a zero timer: it fires once that pass has been drawn)."""

    def __init__(self, widget: QWidget, then: Callable[[], None]):
        super().__init__(widget)
        self._then = then
        self.done = False
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, self.fire)
        return False

    def fire(self) -> None:
        if not self.done:
            self.done = True
            self.parent().removeEventFilter(self)
            self._then()


def after_first_paint(widget: QWidget, then: Callable[[], None]) -> FirstPaint:
    """Call `then()` once `widget` has painted; straight away (from the event loop) if it is not shown by then —
    a widget built but never shown never paints — and at the latest FALLBACK_MS after it was shown."""
    hook = FirstPaint(widget, then)

    def shown_or_not() -> None:
        if hook.done:
            return
        if not widget.isVisible():
            hook.fire()
        else:
            QTimer.singleShot(FALLBACK_MS, hook, hook.fire)

    QTimer.singleShot(0, hook, shown_or_not)
    return hook
