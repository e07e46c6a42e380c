"""Editors shared by every form: dd/mm/yyyy dates that may be left empty, enumeration pickers with the
glossary's labels, and the red message shown beside a field."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QCalendarWidget, QComboBox, QLabel, QLineEdit, QStyle, QWidget

from app.clock import system_clock
from app.domain.enums import label
from app.domain.typed_dates import parse_date, parse_datetime
from ui.accessibility import describe_message
from ui.widgets.icons import calendar_icon

# A date in the shape officers type ("31/02/2026", "5.13.26"), checked for a day its month has
_DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?!\d)")


class _TypedDateEdit(QLineEdit):
    """A date typed the way the officer types it — "5/11/2026", "05-11-26", "05112026", "5/11" — rewritten as
    dd/mm/yyyy on leaving the field, with a calendar from its button (or Alt+↓, F4) and ↑/↓ for a day more or
    less. A plain text box on purpose: Qt's sectioned date editor kept parts of the old date when a date was typed
    over it with slashes or a two-digit year, and saved that mixture without a word. Text that is no date stays as
    typed, marked, and saving it names the field (nothing is half-changed or dropped)."""

    dateChanged = Signal(object)  # the new ISO value (None when emptied), once typed and left, picked or set

    with_time = False

    def __init__(self, parent: QWidget | None = None, *, optional: bool = True):
        super().__init__(parent)
        self.optional = optional
        self._iso: str | None = None
        self._popup: QCalendarWidget | None = None
        self.setMaxLength(40)
        self._calendar_action = self.addAction(calendar_icon(), QLineEdit.ActionPosition.TrailingPosition)
        self._calendar_action.triggered.connect(self.open_calendar)
        self.editingFinished.connect(self._commit)
        self.textEdited.connect(lambda _t: self._mark(False))
        self._retranslate()

    # -- what the forms and screens use ---------------------------------------------------------------------------
    def fitting_width(self, at_least: int = 0) -> int:
        """Wide enough for a whole date (and time) and the calendar button in this box's font: a fixed 130 px
        showed "dd/mm/…" at a large system font."""
        sample = "00/00/0000 00:00" if self.with_time else "00/00/0000"
        icon = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        return max(at_least, self.fontMetrics().horizontalAdvance(sample) + icon + 24)

    def value(self) -> str | None:
        """The ISO date (date-time) typed; None when empty; the text itself when it is no date, so saving refuses
        it by name instead of dropping it."""
        text = self.text().strip()
        if not text:
            return None
        parsed = self._parse(text)
        return self._iso_of(parsed) if parsed is not None else text

    def iso(self) -> str | None:
        """The ISO value, or None when empty or not a date (a filter that is not a date filters nothing)."""
        parsed = self._parse(self.text())
        return self._iso_of(parsed) if parsed is not None else None

    def is_valid(self) -> bool:
        return not self.text().strip() or self._parse(self.text()) is not None

    def set_value(self, iso: str | None) -> None:
        """Show `iso`; text that is no date (a draft or a table cell holding what was mistyped) is shown as it
        was typed, marked — never replaced by today or by nothing."""
        parsed = self._parse(iso) if iso else None
        if iso and parsed is None:
            self.setText(str(iso))
            self._mark(True)
            self._changed_to(None)
            return
        if parsed is None and not self.optional:
            parsed = self._default()
        self._show(parsed)
        self._changed_to(self._iso_of(parsed) if parsed is not None else None)

    def invalid_text(self) -> str | None:
        """What to tell the officer about this box ("not a date, type day/month/year…"), or None when it is fine."""
        return None if self.is_valid() else self.problem_text()

    def problem_text(self) -> str:
        """Why the text is no date: a day the month does not have (31/02/2026 is written day/month/year — "type
        day/month/year" told the officer nothing), or how to write one."""
        m = _DAY_MONTH_YEAR.match(self.text())
        if m:
            day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            year = year + 2000 if len(m.group(3)) == 2 else year
            if not 1 <= month <= 12:
                return QCoreApplication.translate("DateEdit", "There is no month {month}: type day/month/year, for "
                                                              "example {example}.").format(
                    month=month, example=self._hint_example())
            if year >= 1 and day > calendar.monthrange(year, month)[1]:
                return QCoreApplication.translate("DateEdit", "Month {month}/{year} has only {days} days.").format(
                    month=month, year=year, days=calendar.monthrange(year, month)[1])
        return self.typing_hint()

    def setReadOnly(self, read_only: bool) -> None:  # a read-only date opens no calendar and takes no ↑/↓
        super().setReadOnly(read_only)
        self._calendar_action.setVisible(not read_only)

    # -- typing -------------------------------------------------------------------------------------------------------
    def _commit(self) -> None:
        text = self.text().strip()
        parsed = self._parse(text) if text else None
        if text and parsed is None:
            self._mark(True)
            self._changed_to(None)  # a filter follows: no date, no filtering by the one before
            return
        self._show(parsed)
        self._changed_to(self._iso_of(parsed) if parsed is not None else None)

    def _show(self, parsed) -> None:
        self.setText(self._format(parsed) if parsed is not None else "")
        self._mark(False)

    def _changed_to(self, iso: str | None) -> None:
        if iso != self._iso:
            self._iso = iso
            self.dateChanged.emit(iso)

    def _mark(self, invalid: bool) -> None:
        if bool(self.property("invalid")) == invalid:
            return
        self.setProperty("invalid", invalid)
        self.setToolTip(self.problem_text() if invalid else "")
        self.style().unpolish(self)
        self.style().polish(self)

    def keyPressEvent(self, event):
        key, mods = event.key(), event.modifiers()
        if self.isReadOnly():
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier):
            self.open_calendar()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not mods & Qt.KeyboardModifier.AltModifier:
            self._step(1 if key == Qt.Key.Key_Up else -1)
            return
        super().keyPressEvent(event)

    def _step(self, days: int) -> None:
        parsed = self._parse(self.text())
        if parsed is None and self.text().strip():
            return  # not a date: the officer corrects it first
        try:
            stepped = parsed + timedelta(days=days) if parsed is not None else self._default()
        except OverflowError:  # past 31/12/9999 or before 01/01/0001: nowhere to step to
            return
        self.set_value(self._iso_of(stepped))
        self.selectAll()

    # -- the calendar --------------------------------------------------------------------------------------------------
    def open_calendar(self) -> None:
        """A month calendar under the field, on the date typed (today when empty or not a date)."""
        parsed = self._parse(self.text())
        # A child of the box (a window of its own): a table cell's editor then keeps the focus "inside" while the
        # calendar is open, instead of being closed — and the pick lost — the moment the calendar takes the focus.
        popup = QCalendarWidget(self)
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        popup.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        day = parsed.date() if isinstance(parsed, datetime) else parsed
        popup.setSelectedDate(QDate(day.year, day.month, day.day) if day is not None else QDate.currentDate())
        popup.clicked.connect(self._picked)
        popup.activated.connect(self._picked)
        popup.adjustSize()
        popup.move(self._popup_position(popup.sizeHint()))
        self._popup = popup
        popup.destroyed.connect(lambda *_: setattr(self, "_popup", None))
        popup.show()
        popup.move(self._popup_position(popup.frameGeometry().size()))  # its real size is known once shown
        popup.setFocus()

    def _popup_position(self, size) -> QPoint:
        """Under the field, or above it when the screen ends first (a date near the bottom of a form), and never
        past the screen's right edge."""
        below = self.mapToGlobal(self.rect().bottomLeft())
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else None
        if area is None:
            return below
        x = max(area.left(), min(below.x(), area.right() - size.width()))
        y = below.y()
        if y + size.height() > area.bottom():
            y = max(area.top(), self.mapToGlobal(self.rect().topLeft()).y() - size.height())
        return QPoint(x, y)

    def _picked(self, qd: QDate) -> None:
        picked = date(qd.year(), qd.month(), qd.day())
        current = self._parse(self.text())
        if self.with_time:  # the day changes, the time typed stays
            t = current.time() if isinstance(current, datetime) else self._default().time()
            picked = datetime.combine(picked, t)
        self.set_value(self._iso_of(picked))
        if self._popup is not None:
            self._popup.close()
        self.setFocus()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setPlaceholderText(self._hint_format())
        self._calendar_action.setToolTip(QCoreApplication.translate("DateEdit", "Choose on a calendar (F4)"))
        if self.property("invalid"):
            self.setToolTip(self.problem_text())

    def typing_hint(self) -> str:
        return QCoreApplication.translate(
            "DateEdit", "Not a date. Type day/month/year, for example {example}.").format(example=self._hint_example())

    # -- one kind: a date, or a date and a time -------------------------------------------------------------------------
    def _today(self) -> date:
        return system_clock().today()  # the core's clock (DANVAN_NOW in a test), not the date module's

    def _parse(self, text):
        return parse_date(text or "", self._today())

    def _default(self):
        return self._today()

    @staticmethod
    def _format(d) -> str:
        return f"{d.day:02d}/{d.month:02d}/{d.year:04d}"

    @staticmethod
    def _iso_of(d) -> str:
        return d.isoformat()

    @staticmethod
    def _hint_format() -> str:
        return QCoreApplication.translate("DateEdit", "dd/mm/yyyy")

    @staticmethod
    def _hint_example() -> str:
        return "05/11/2026"


class DateEdit(_TypedDateEdit):
    """A date (dd/mm/yyyy); `optional` dates may be left empty, the others start at today."""

    def __init__(self, parent: QWidget | None = None, *, optional: bool = True):
        super().__init__(parent, optional=optional)
        if not optional:
            self.set_value(None)


class DateTimeEdit(_TypedDateEdit):
    """A date and a time (dd/mm/yyyy HH:mm), starting at now; a date typed alone is at 00:00."""

    with_time = True

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, optional=False)
        self.set_value(None)

    def _parse(self, text):
        # A day typed alone over a date and time keeps the time (as a day picked on the calendar does).
        kept = datetime.fromisoformat(self._iso).time() if self._iso else None
        return parse_datetime(text or "", self._today(), default_time=kept)

    def _default(self):
        return system_clock().now().replace(second=0, microsecond=0)

    @staticmethod
    def _format(d) -> str:
        return f"{d.day:02d}/{d.month:02d}/{d.year:04d} {d.hour:02d}:{d.minute:02d}"

    @staticmethod
    def _iso_of(d) -> str:
        if not isinstance(d, datetime):
            d = datetime(d.year, d.month, d.day)
        return d.strftime("%Y-%m-%dT%H:%M")

    @staticmethod
    def _hint_format() -> str:
        return QCoreApplication.translate("DateEdit", "dd/mm/yyyy hh:mm")

    @staticmethod
    def _hint_example() -> str:
        return "05/11/2026 14:30"


class EnumCombo(QComboBox):
    """A picker over one glossary table; the first entry may be "not set" (`blank` text) when optional."""

    value_changed = Signal(object)  # the selected key, or None

    def __init__(self, table: dict, lang: str, parent: QWidget | None = None, *, blank: str | None = None):
        super().__init__(parent)
        self._table = table
        self._blank = blank
        self._lang: str | None = None
        self.set_language(lang)
        self.currentIndexChanged.connect(lambda _i: self.value_changed.emit(self.value()))

    def set_language(self, lang: str) -> None:
        """Relabel the choices; the selection stays and no change is signalled (the value is the same)."""
        if self.count() and lang == self._lang:
            return  # labelled in this language already (a unit filter holds 600 communes at a province)
        self._lang = lang
        current = self.value() if self.count() else None
        was_blocked = self.blockSignals(True)
        self.clear()
        if self._blank is not None:
            self.addItem(self._blank, None)
        for key in self._table:
            self.addItem(label(self._table, key, lang), key)
        self.set_value(current)
        self.blockSignals(was_blocked)

    def set_blank_text(self, text: str) -> None:
        self._blank = text
        if self.count() and self.itemData(0) is None:
            self.setItemText(0, text)

    def value(self):
        return self.currentData()

    def set_value(self, key) -> None:
        """Select `key`; a stored value outside the glossary (an old import) is kept as its own entry, so
        opening and saving a record never silently drops it."""
        i = self.findData(key)
        if i < 0 and key not in (None, ""):
            self.addItem(str(key), key)
            i = self.count() - 1
        self.setCurrentIndex(i if i >= 0 else 0)


class FieldError(QLabel):
    """The message shown under a field when validation refuses it; hidden when there is none."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()
        self.describes: QWidget | None = None  # the field it is about: a screen reader says the message there

    def show_message(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))
        if self.describes is not None:
            describe_message(self.describes, text)
