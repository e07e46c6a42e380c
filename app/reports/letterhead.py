"""The two lines above every print's national heading, decided once (they differed from print to print).

The admin's letterhead lines when set (Quản trị → Thông tin đơn vị); otherwise the body above the unit — its
upper unit, or failing that its province — over the unit's own name. Qt-free and reportlab-free: the DOCX and
XLSX reports use it too."""

from __future__ import annotations

from app.storage import settings


def letterhead(db) -> tuple[str | None, str]:
    """(the body above, or None; the unit)."""
    upper = (settings.get(db, "letterhead_line1") or settings.get(db, "upper_unit_name")
             or settings.get(db, "province_name") or None)
    unit = settings.get(db, "letterhead_line2") or settings.get(db, "unit_name") or ""
    if upper and upper.casefold() == unit.casefold():
        upper = None  # a province board: its province is the unit itself ("THÀNH PHỐ HÀ NỘI" twice otherwise)
    return upper, unit
