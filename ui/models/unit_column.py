"""At the upper level every list holds the communes' records: a "Đơn vị" column (whose record it is, from the
row's owner_site) and a unit filter (run in SQL by app.services.listing through Filters.unit_code)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.services.consolidation import units as known_units
from ui.models.record_table import Column


def unit_column() -> Column:
    """"Đơn vị": not sortable (the unit is not a column of the record tables)."""
    return Column("unit", lambda: QCoreApplication.translate("SyncTables", "Unit"),
                  lambda r: r.get("unit_name") or r.get("unit_code") or "", None, width=200, min_width=120,
                  tooltip=lambda r: f"{r.get('unit_name') or ''} ({r.get('unit_code') or ''})")


def unit_choices(session) -> list[tuple[str, str]]:
    """(code, "Name (code)") of the units whose records can be here: this unit, then the communes by code."""
    return [(u["unit_code"], f"{u['unit_name'] or u['unit_code']} ({u['unit_code']})") for u in known_units(session)]


def unit_filter(ctx):
    """A picker of the units whose records can be here, for the record lists."""
    from ui.screens.record_list import FilterSpec

    table = {code: (text, text) for code, text in unit_choices(ctx.session)}
    return FilterSpec("unit_code", table, lambda: QCoreApplication.translate("SyncTables", "Unit"))
