"""The workbook for people: a list's "Xuất Excel…" (`danvan export F.xlsx --readable`).

The same records as the exchange workbook (app.io.writers.write_xlsx), written for an officer who opens it in
Excel: a sheet per record type named in Vietnamese, a row number first, the Vietnamese title of every column,
the glossary's label of every coded value ("Khiếu nại", not "complaint"), dates as Excel dates shown dd/mm/yyyy,
"Có"/"Không" for yes/no, no column that is empty on every row, the record ids last. It still imports
(app.io.tabular reads titles, labels and Excel dates): each title is written only when the reader resolves it
to the same field, else the field's key.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from app.domain import enums
from app.domain.records import FIELDS_BY_NAME, Field
from app.io import tabular
from app.io.tabular import field_at
from app.io.writers import flat_columns, flatten

SHEET_NAMES = {"reception": "Tiếp công dân", "petition": "Đơn thư", "model": "Mô hình", "dialogue": "Đối thoại"}
ROW_NUMBER = "STT"
UNIT_TITLES = {"unit_code": "Mã đơn vị", "unit_name": "Đơn vị"}
# Ids the reader needs to update rather than add, and links between records: of no use to a reader, kept last.
_IDS_LAST = ("id", "reception_id", "duplicate_of")
_WIDTHS = {"text": 48, "line": 26, "date": 12, "datetime": 17, "int": 9, "bool": 9, "enum": 22, "uuid": 38}


def title(rtype: str, path: str, hmap: dict[str, str]) -> str:
    """The Vietnamese title of a column, or its key when the reader would not read that title back as it."""
    head, *rest = path.split(".")
    f = FIELDS_BY_NAME[rtype][head]
    sub = field_at(rtype, path)
    if not rest:
        words = f.label_vi
    elif len(rest) == 1:
        words = f"{f.label_vi} — {sub.label_vi}"
    else:
        words = f"{f.label_vi} {rest[0]} — {sub.label_vi}"
    return words if tabular.resolve_header(rtype, words, hmap) == path else path


def cell_value(f: Field | None, v):
    """A value as a person reads it; the reader turns each back into the exchange value."""
    if v is None or f is None:
        return v
    if f.kind == "enum" and f.choices and v in f.choices:
        return enums.label(f.choices, v, "vi")
    if f.kind == "bool":
        return "Có" if v else "Không"
    if f.kind == "date" and isinstance(v, str):
        try:
            return date.fromisoformat(v)
        except ValueError:
            return v
    if f.kind == "datetime" and isinstance(v, str):
        try:
            return datetime.fromisoformat(v)
        except ValueError:
            return v
    return v


def write_readable_xlsx(path: Path, by_type: dict[str, list[dict]],
                        units: dict[str, tuple[str, str]] | None = None) -> int:
    """`by_type`: {record type: records} (a sheet each, in this order, even empty); `units`: as write_xlsx's."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = openpyxl.Workbook(write_only=True)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE5F0")
    wrap = Alignment(wrap_text=True, vertical="top")
    n = 0
    for rtype, records in (by_type or {"reception": []}).items():
        ws = wb.create_sheet(SHEET_NAMES[rtype])
        flats = [flatten(r) for r in records]
        paths = [p for p in flat_columns(rtype, records) if p != "type"]
        if flats:  # a column empty on every row (a model's case number, a fifth representative) only widens the sheet
            paths = [p for p in paths if p == "id" or any(f.get(p) not in (None, "") for f in flats)]
        paths = [p for p in paths if p not in _IDS_LAST] + [p for p in _IDS_LAST if p in paths]
        hmap = tabular.header_map(rtype)
        fields = [field_at(rtype, p) for p in paths]
        unit_keys = list(UNIT_TITLES) if units is not None else []
        titles = [ROW_NUMBER, *(UNIT_TITLES[k] for k in unit_keys), *(title(rtype, p, hmap) for p in paths)]
        widths = [6, *([12, 24] if unit_keys else []), *(_WIDTHS.get(f.kind, 20) if f else 20 for f in fields)]
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.freeze_panes = "B2"
        head = []
        for t in titles:
            c = WriteOnlyCell(ws, value=t)
            c.font, c.fill, c.alignment = bold, fill, wrap
            head.append(c)
        ws.append(head)
        formats = {"date": "dd/mm/yyyy", "datetime": "dd/mm/yyyy hh:mm"}
        for i, (r, flat) in enumerate(zip(records, flats), 1):
            row = [i, *((units.get(r.get("id"), ("", ""))[j]) for j in range(len(unit_keys)))]
            for p, f in zip(paths, fields):
                v = cell_value(f, flat.get(p))
                if isinstance(v, str) and v.startswith("="):  # text, not a formula Excel would run
                    c = WriteOnlyCell(ws, value=v)
                    c.data_type = "s"
                    v = c
                elif f is not None and f.kind in formats and isinstance(v, (date, datetime)):
                    c = WriteOnlyCell(ws, value=v)
                    c.number_format = formats[f.kind]
                    v = c
                row.append(v)
            ws.append(row)
            n += 1
    wb.save(path)
    return n
