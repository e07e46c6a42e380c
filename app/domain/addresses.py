"""A citizen's address as it is written on paper: the text typed (house, hamlet, street) and, when the person
lives in another commune than this unit, that commune and province from the unit list (`ward_code`)."""

from __future__ import annotations

from app.domain import units
from app.domain.masking import MASK


def _lower_first(name: str) -> str:
    """"Phường Ba Đình" → "phường Ba Đình": inside an address the kind of unit is written in lower case."""
    return name[:1].lower() + name[1:] if name else name


def unit_label(unit: units.Unit) -> str:
    """How a picker shows a commune-level unit: "Phường Ba Đình — Thành phố Hà Nội" (names repeat across
    provinces)."""
    return f"{unit.name} — {unit.province_name}"


def unit_in_words(unit: units.Unit) -> str:
    """A commune with its province, as a sheet or a table cell writes it: "Phường Ngọc Hà, Thành phố Hà Nội"."""
    return f"{unit.name}, {unit.province_name}"


def full_address(person: dict, home_code: str | None = None) -> str | None:
    """`address`, then ", phường X, tỉnh Y" from `ward_code` when it is not `home_code` (this unit's own: its
    people need no commune written) — each only when the text does not name it already. None when there is
    nothing; a masked address ("[Bảo mật]") stays masked, with no commune that would hint where the person lives."""
    text = (person.get("address") or "").strip()
    if text == MASK:
        return text
    code = person.get("ward_code")
    unit = units.find_unit(code) if code and code != MASK else None
    if unit is None or (home_code and units.normalize_code(home_code, units.COMMUNE) == unit.code):
        return text or None
    text = text.rstrip(" ,;.")
    parts = [text] if text else []
    if not units.names_place(text, unit.name):
        parts.append(_lower_first(unit.name))
    home = units.find_unit(home_code) if home_code else None
    if (home is None or home.province_code != unit.province_code) and not units.names_place(text, unit.province_name):
        parts.append(_lower_first(unit.province_name))
    return ", ".join(parts) or None
