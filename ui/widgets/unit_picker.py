"""The commune of a citizen's address, picked from the official unit list by typing part of its name."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStringListModel, QTimer
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from app.domain import units
from app.domain.addresses import unit_label

_OFFERED = 30  # names in the list (it scrolls): a name shared by 15 communes still shows every one of them
_VISIBLE = 12


class UnitPicker(QLineEdit):
    """Type "ba dinh" (diacritics optional; a province's name narrows: "tan thanh can tho") and pick "Phường Ba Đình
    — Thành phố Hà Nội" from the list under the box; `value()` is the unit's code. The name as typed comes first,
    this unit's province first among equals. Escape or a click elsewhere puts back what was typed (not the name
    the arrows were on). Text that names no unit, or several, goes to the core as typed, so saving refuses it by
    name (with `invalid_text` in the box's own words) instead of dropping it or choosing for the officer."""

    def __init__(self, home_province: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._home_province = home_province
        self._offered: dict[str, str] = {}  # label shown -> code
        self._typed = ""  # the text before the arrows moved through the list
        self._picked = False
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        # The list is our search (diacritic-blind, by words); the completer must not filter it again by prefix.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(_VISIBLE)
        self.setCompleter(completer)
        # QLineEdit takes a pick only while it has the focus; a pick is a pick whenever it comes.
        completer.activated.connect(self._pick)
        popup = completer.popup()
        popup.setMinimumWidth(380)  # a narrow table cell must not cut off the province, which tells names apart
        popup.installEventFilter(self)
        self.textEdited.connect(self._offer)
        self.setClearButtonEnabled(True)
        self._retranslate()

    def value(self) -> str | None:
        """The picked unit's code; a name typed whole that only one unit has (or one of this province) counts as
        picked; a code is passed on as typed (the core knows codes)."""
        text = self.text().strip()
        if not text:
            return None
        if text in self._offered:
            return self._offered[text]
        named = units.communes_named(text, self._home_province)
        return named[0].code if len(named) == 1 else text

    def invalid_text(self) -> str | None:
        """Why what is typed is no commune (None when it is one, or empty), in words an officer acts on."""
        text = self.text().strip()
        value = self.value()
        if not text or value != text or (text.isdigit() and units.find_unit(text) is not None):
            return None
        n = len(units.communes_named(text, self._home_province))
        if n > 1:
            return QCoreApplication.translate(
                "UnitPicker", "{n} communes have this name: pick one from the list (type the province to narrow it)."
            ).format(n=n)
        return QCoreApplication.translate("UnitPicker", "No commune or ward of this name: type part of it and pick "
                                                        "from the list.")

    def set_value(self, code: str | None) -> None:
        unit = units.find_unit(code) if code else None
        text = unit_label(unit) if unit is not None else (code or "")
        if unit is not None:
            self._offered[text] = unit.code
        self.setText(text)

    # -- typing -----------------------------------------------------------------------------------------------------
    def _offer(self, text: str) -> None:
        self._typed, self._picked = text, False
        query = text.strip()
        found = units.pick_communes(query, self._home_province, _OFFERED) if len(query) >= 2 else []
        self._offered.update({unit_label(u): u.code for u in found})
        self._model.setStringList([unit_label(u) for u in found])
        if found:
            self.completer().complete()

    def _pick(self, label: str) -> None:
        self._picked = True
        self.setText(label)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.completer().popup() and event.type() == QEvent.Type.Hide:
            QTimer.singleShot(0, self, self._list_closed)  # after a pick by Enter or click has been signalled
        return super().eventFilter(watched, event)

    def _list_closed(self) -> None:
        if not self._picked and self._typed and self.text() != self._typed:
            self.setText(self._typed)  # closed without a pick: the arrows only looked

    # -- language ---------------------------------------------------------------------------------------------------
    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setPlaceholderText(QCoreApplication.translate("UnitPicker", "Type part of the name, then pick"))
        self.setToolTip(QCoreApplication.translate(
            "UnitPicker", "The commune or ward where the person lives, from the official list of units"))
