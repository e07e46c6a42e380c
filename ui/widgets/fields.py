"""Editors shared by every form: dd/mm/yyyy dates that may be left empty, enumeration pickers with the
glossary's labels, and the red message shown beside a field."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, Qt, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QDateTimeEdit, QLabel, QWidget

from app.domain.enums import label
from ui.format import iso_date, iso_datetime, qdate, qdatetime

EMPTY_DATE = QDate(1900, 1, 1)  # the minimum shows as blank: "no date yet"


class DateEdit(QDateEdit):
    """A date typed as dd/mm/yyyy with a calendar pop-up; `optional` dates can be empty (shown blank)."""

    def __init__(self, parent: QWidget | None = None, *, optional: bool = True):
        super().__init__(parent)
        self.optional = optional
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        if optional:
            self.setMinimumDate(EMPTY_DATE)
            self.setSpecialValueText(" ")
            self.setDate(EMPTY_DATE)
        else:
            self.setDate(QDate.currentDate())

    def value(self) -> str | None:
        if self.optional and self.date() == EMPTY_DATE:
            return None
        return iso_date(self.date())

    def set_value(self, iso: str | None) -> None:
        q = qdate(iso)
        self.setDate(q if q.isValid() else (EMPTY_DATE if self.optional else QDate.currentDate()))

    def keyPressEvent(self, event):
        # An empty optional date has no sections to type into (it shows the blank special value): the first digit
        # fills in today's date with the day selected, so "05112026" types 05/11/2026 and Tab moves on as usual.
        if self.optional and self.date() == EMPTY_DATE and event.text().isdigit():
            self.setDate(QDate.currentDate())
            self.setCurrentSection(QDateEdit.Section.DaySection)
            self.setSelectedSection(QDateEdit.Section.DaySection)
        super().keyPressEvent(event)

    def mousePressEvent(self, event):  # opening the calendar on an empty date starts at today, not 1900
        if self.optional and self.date() == EMPTY_DATE:
            self.calendarWidget().setSelectedDate(QDate.currentDate())
        super().mousePressEvent(event)


class DateTimeEdit(QDateTimeEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.setCalendarPopup(True)
        self.setDateTime(QDateTime.currentDateTime())

    def value(self) -> str | None:
        return iso_datetime(self.dateTime())

    def set_value(self, iso: str | None) -> None:
        q = qdatetime(iso)
        if q.isValid():
            self.setDateTime(q)


class EnumCombo(QComboBox):
    """A picker over one glossary table; the first entry may be "not set" (`blank` text) when optional."""

    value_changed = Signal(object)  # the selected key, or None

    def __init__(self, table: dict, lang: str, parent: QWidget | None = None, *, blank: str | None = None):
        super().__init__(parent)
        self._table = table
        self._blank = blank
        self.set_language(lang)
        self.currentIndexChanged.connect(lambda _i: self.value_changed.emit(self.value()))

    def set_language(self, lang: str) -> None:
        """Relabel the choices; the selection stays and no change is signalled (the value is the same)."""
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

    def show_message(self, text: str | None) -> None:
        self.setText(text or "")
        self.setVisible(bool(text))
