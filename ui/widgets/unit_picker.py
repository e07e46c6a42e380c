"""The commune of a citizen's address, picked from the official unit list by typing part of its name."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QStringListModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from app.domain import units
from app.domain.addresses import unit_label

_OFFERED = 12  # names under the box while typing: enough to tell apart communes of the same name


class UnitPicker(QLineEdit):
    """Type "ba dinh" (diacritics optional) and pick "Phường Ba Đình — Thành phố Hà Nội" from the list under the
    box; `value()` is the unit's code. The communes of this unit's own province come first. Text that names no
    unit goes to the core as typed, so saving says the commune is not in the list instead of dropping it."""

    def __init__(self, home_province: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._home_province = home_province
        self._offered: dict[str, str] = {}  # label shown -> code
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        # The list is our search (diacritic-blind, by words); the completer must not filter it again by prefix.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(_OFFERED)
        self.setCompleter(completer)
        # QLineEdit takes a pick only while it has the focus; a pick is a pick whenever it comes.
        completer.activated.connect(self.setText)
        self.textEdited.connect(self._offer)
        self.setClearButtonEnabled(True)
        self._retranslate()

    def value(self) -> str | None:
        """The picked unit's code; a name typed whole that only one unit has counts as picked."""
        text = self.text().strip()
        if not text:
            return None
        if text in self._offered:
            return self._offered[text]
        named = units.units_named(text)
        if len(named) > 1 and self._home_province:  # "Xã Tân Thành": the one of this province, if it has one
            named = [u for u in named if u.province_code == self._home_province] or named
        return named[0].code if len(named) == 1 else text

    def set_value(self, code: str | None) -> None:
        unit = units.find_unit(code) if code else None
        text = unit_label(unit) if unit is not None else (code or "")
        if unit is not None:
            self._offered[text] = unit.code
        self.setText(text)

    # -- typing -----------------------------------------------------------------------------------------------------
    def _search(self, text: str, limit: int) -> list[units.Unit]:
        found = units.search_units(text, limit=0)
        if self._home_province:  # this province's communes first, the search's order kept within each part
            found.sort(key=lambda u: u.province_code != self._home_province)
        return found[:limit]

    def _offer(self, text: str) -> None:
        query = text.strip()
        found = self._search(query, _OFFERED) if len(query) >= 2 else []
        self._offered.update({unit_label(u): u.code for u in found})
        self._model.setStringList([unit_label(u) for u in found])
        if found:
            self.completer().complete()

    # -- language ---------------------------------------------------------------------------------------------------
    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setPlaceholderText(QCoreApplication.translate("UnitPicker", "Type part of the name, then pick"))
        self.setToolTip(QCoreApplication.translate(
            "UnitPicker", "The commune or ward where the person lives, from the official list of units"))

