"""Shared editors: dates dd/mm/yyyy that may be empty, pickers that never drop a stored value."""

from __future__ import annotations

from app.domain import enums


def test_enum_combo_keeps_a_value_outside_the_glossary(qt_app):
    """A stored value the glossary does not know (an old import) survives opening and saving."""
    from ui.widgets.fields import EnumCombo

    combo = EnumCombo(enums.LEVEL, "vi", blank="")
    combo.set_value("commune")
    assert combo.currentText() == "Cấp xã" and combo.value() == "commune"
    combo.set_value("Cấp huyện")
    assert combo.value() == "Cấp huyện"
    combo.set_value(None)
    assert combo.value() is None


def test_date_edit_is_dd_mm_yyyy_and_may_be_empty(qt_app):
    """An optional date starts empty, shows dd/mm/yyyy, and gives ISO dates to the core."""
    from ui.widgets.fields import DateEdit

    d = DateEdit()
    assert d.value() is None
    d.set_value("2026-02-03")
    assert d.text() == "03/02/2026" and d.value() == "2026-02-03"
    d.set_value(None)
    assert d.value() is None
