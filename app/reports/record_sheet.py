"""The sheet of one record: "PHIẾU TIẾP CÔNG DÂN" for a reception, "PHIẾU THEO DÕI ĐƠN" for a petition.

A4 portrait, every field of the record under its Vietnamese label (app/domain/records.py), enumerations by their
labels, dates dd/mm/yyyy, the people one block each; masked as the rules say (a denouncer's identity "[Bảo mật]"
unless the confidential right is used — then the "MẬT" mark; ID numbers for roles that may see them); for a
petition its legal deadlines with their due dates.

`sheet_rows` / `sheet_style` / `deadline_rows` give the content as plain data (tested before drawing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, LongTable, Paragraph, SimpleDocTemplate, Spacer, Table

from app.domain import enums, roles, units
from app.domain.addresses import unit_in_words
from app.domain.masking import MASK, masked_record
from app.domain.records import CITIZEN_FIELDS, EXTENSION_FIELDS, SPECS, is_confidential
from app.errors import NotFound, UsageError
from app.reports import layout
from app.reports.fonts import UI_FONT, bold
from app.reports.models_register import Unit, unit_of
from app.storage import records as store

TITLES = {"reception": "PHIẾU TIẾP CÔNG DÂN", "petition": "PHIẾU THEO DÕI ĐƠN"}
SIGNERS = {"reception": ("CÔNG DÂN", "NGƯỜI TIẾP CÔNG DÂN"), "petition": ("NGƯỜI LẬP PHIẾU", "LÃNH ĐẠO DUYỆT")}
NONE_TEXT = "(không có)"
LABEL_MM = 58
TAIL_ROWS = 3  # a reception sheet's last rows, kept on the page of its signatures


@dataclass(frozen=True)
class Row:
    kind: str  # "section" (spans both columns) | "field"
    label: str
    value: str = ""


def _datetime(v) -> str:
    s = str(v)
    if len(s) >= 16 and s[10] == "T":
        return f"{layout.dmy(s[:10])} {s[11:16]}"
    return layout.dmy(s)


def value_text(f, v, links: dict[str, str] | None = None) -> str:
    """One field's value as printed: labels for enumerations, dd/mm/yyyy, Có/Không."""
    if v is None or v == "":
        return ""
    if f.kind == "bool":
        return "Có" if v else "Không"
    if f.kind == "enum":
        return enums.label(f.choices or {}, v)
    if f.kind == "date":
        return layout.dmy(v)
    if f.kind == "datetime":
        return _datetime(v)
    if f.kind == "uuid" and f.name != "id":
        case = (links or {}).get(v)
        return f"{case} ({v})" if case else str(v)
    if f.name == "type":
        return enums.label(enums.RECORD_TYPE_LABELS, v)
    if f.name == "ward_code":  # the commune by name, as picked
        unit = units.find_unit(v) if v != MASK else None
        return unit_in_words(unit) if unit else str(v)
    return str(v)


def _person_rows(title: str, person: dict) -> list[Row]:
    rows = [Row("section", title)]
    for cf in CITIZEN_FIELDS:
        rows.append(Row("field", cf.label_vi, value_text(cf, person.get(cf.name))))
    return rows


def sheet_rows(record: dict, links: dict[str, str] | None = None) -> list[Row]:
    """Every field of the record's spec in order, the people as sections of their own."""
    entity = record["type"]
    rows: list[Row] = []
    for f in SPECS[entity]:
        v = record.get(f.name)
        if f.kind == "citizen":
            rows += _person_rows(f.label_vi, v) if v else [Row("field", f.label_vi, NONE_TEXT)]
        elif f.kind == "citizens":
            people = v or []
            if not people:
                rows.append(Row("field", f.label_vi, NONE_TEXT))
            for i, p in enumerate(people, 1):
                rows += _person_rows(f"{f.label_vi} ({i}/{len(people)})" if len(people) > 1 else f.label_vi, p)
        elif f.kind == "extensions":
            exts = v or []
            rows.append(Row("field", f.label_vi, NONE_TEXT if not exts else ""))
            for i, e in enumerate(exts, 1):
                parts = [f"{ef.label_vi}: {value_text(ef, e.get(ef.name))}" for ef in EXTENSION_FIELDS
                         if e.get(ef.name) not in (None, "")]
                rows.append(Row("field", f"Lần {i}", "; ".join(parts)))
        else:
            rows.append(Row("field", f.label_vi, value_text(f, v, links)))
    return rows


def sheet_style(rows: list[Row]) -> list[tuple]:
    """The label column shaded, section rows spanning both columns in bold, our font everywhere."""
    cmds = [
        ("FONTNAME", (0, 0), (-1, -1), UI_FONT),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f7f7f7")),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for i, r in enumerate(rows):
        if r.kind == "section":
            cmds += [("SPAN", (0, i), (-1, i)), ("FONTNAME", (0, i), (-1, i), bold(UI_FONT)),
                     ("BACKGROUND", (0, i), (-1, i), colors.HexColor("#e8e8e8"))]
    return cmds


def deadline_rows(deadlines: list[dict]) -> list[tuple[str, ...]]:
    """Header and one row per deadline: what, due, done on, state, legal basis."""
    out = [("Thời hạn", "Hạn", "Đã thực hiện", "Tình trạng", "Căn cứ")]
    for d in deadlines:
        if d.get("met_on") and d.get("met_late"):
            state = (f"Thực hiện trễ {d.get('late_days') or 1} ngày"
                     + (" làm việc" if d.get("unit", "working") == "working" else ""))
        elif d.get("met_on"):
            state = "Đã thực hiện đúng hạn"
        elif d.get("overdue"):
            state = "Quá hạn"
        elif d.get("working_days_left") is not None:
            state = f"Còn {d['working_days_left']} ngày làm việc"
        else:
            state = ""
        out.append((d["label"], layout.dmy(d["due_on"]), layout.dmy(d.get("met_on")), state, d.get("article") or ""))
    return out


DEADLINE_MM = (52, 24, 24, 30, 45)


def load(session, record_id: str, *, include_confidential: bool) -> tuple[str, dict, dict[str, str]]:
    """(entity, record as the print may show it, {linked id: case number})."""
    session.require(roles.READ)
    entity = store.entity_of(session.db, record_id) if record_id else None
    if entity is None:
        raise NotFound("record.not_found", id=record_id)
    if entity not in TITLES:
        raise UsageError("v.enum", value=entity, allowed="reception, petition")
    s = store.get(session.db, entity, record_id)
    if s is None or s.deleted:
        raise NotFound("record.not_found", id=record_id)
    rec, _ = masked_record(s.record, see_confidential=include_confidential,
                           see_id_numbers=session.can(roles.SEE_ID_NUMBERS))
    links = {}
    for key, other in (("duplicate_of", "petition"), ("reception_id", "reception")):
        if rec.get(key):
            linked = store.get(session.db, other, rec[key])
            if linked is not None and linked.record.get("case_no"):
                links[rec[key]] = linked.record["case_no"]
    return entity, rec, links


def _deadline_table(drows: list[tuple[str, ...]], st) -> LongTable:
    """deadline_rows() as a grid, its header repeated on a new page."""
    table = LongTable([[Paragraph(layout.text(c), st.head) for c in drows[0]]]
                      + [[Paragraph(layout.text(c), st.cell) for c in r] for r in drows[1:]],
                      colWidths=[w * mm for w in DEADLINE_MM], repeatRows=1)
    table.setStyle(layout.grid_style(UI_FONT, header_rows=1))
    return table


def _arrived_on(session, entity: str, record_id: str) -> date | None:
    """The day the newest bundle bringing this record was imported here (its audit entry), or None."""
    from app.services.history import local_day
    from app.storage.history import record_events

    imports = [e["at"] for e in record_events(session.db, entity, record_id) if e["action"].startswith("sync.import.")]
    return local_day(imports[-1]) if imports else None


def build(session, out: Path, options: dict, *, include_confidential: bool, invariant: bool) -> dict:
    from app.services.deadlines import deadlines_of
    from app.services.records import owner_elsewhere

    entity, rec, links = load(session, options.get("id") or "", include_confidential=include_confidential)
    confidential = include_confidential and is_confidential(rec)
    unit = unit_of(session.db)
    owner = owner_elsewhere(session, entity, rec["id"])
    printed_here = None
    if owner:
        # A commune's record printed at the upper level is the commune's sheet: its name heads it, under this
        # level (the commune's upper unit), and a line says where the copy was printed from (the province's
        # heading on it read as if the province had received the citizen).
        arrived = _arrived_on(session, entity, rec["id"])
        printed_here = (f"Bản in tại {unit.name} từ dữ liệu do {owner} gửi lên"
                        + (f" (nhận ngày {arrived:%d/%m/%Y})" if arrived else ""))
        copy_note = (f"Ngày in: {session.clock.today():%d/%m/%Y} — bản in để theo dõi tại {unit.name}, không thay "
                     f"cho phiếu của {owner}.")
        unit = Unit(name=owner, upper=unit.issuing or unit.name, issuing=owner)
    st = layout.styles(UI_FONT, 10)
    margin_l, margin_r = 20 * mm, 15 * mm
    width = A4[0] - margin_l - margin_r
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin_l, rightMargin=margin_r, topMargin=15 * mm,
                            bottomMargin=18 * mm, title=TITLES[entity], author=unit.name,
                            initialFontName=UI_FONT, invariant=1 if invariant else 0)
    rows = sheet_rows(rec, links)
    data = []
    for r in rows:
        if r.kind == "section":
            data.append([Paragraph(f"<b>{layout.text(r.label)}</b>", st.cell), ""])
        else:
            data.append([Paragraph(layout.text(r.label), st.cell), Paragraph(layout.text(r.value), st.cell)])
    # The last rows of the table travel with what follows (deadlines, signatures) to the next page when they do not
    # fit: a page holding only the signatures is no use to anyone.
    tail = TAIL_ROWS if entity == "reception" else 0
    col_widths = [LABEL_MM * mm, width - LABEL_MM * mm]
    table = LongTable(data[:len(data) - tail] if tail else data, colWidths=col_widths)
    table.setStyle(sheet_style(rows[:len(rows) - tail] if tail else rows))
    story = [layout.national_heading(st, unit.upper, unit.issuing, width), Spacer(1, 4 * mm),
             Paragraph(TITLES[entity], st.title)]
    if rec.get("case_no"):
        story.append(Paragraph(layout.text(f"Số hồ sơ: {rec['case_no']}"), st.subtitle))
    if printed_here:
        story.append(Paragraph(f"<i>{layout.text(printed_here)}</i>", st.subtitle))
    story.append(table)
    ending = []
    if tail:
        last = Table(data[-tail:], colWidths=col_widths)
        last.setStyle(sheet_style(rows[-tail:]))
        ending.append(last)
    drows = deadline_rows(deadlines_of(session, rec["id"], entity))
    if entity == "reception" and len(drows) > 1:
        # the reply owed to the citizen (Reception Law Art. 28): in time, late, or still running
        ending += [Spacer(1, 5 * mm), Paragraph("<b>THỜI HẠN TRẢ LỜI CÔNG DÂN</b>", st.body), Spacer(1, 2 * mm),
                   _deadline_table(drows, st)]
    if entity == "petition":
        part = [Paragraph("<b>THỜI HẠN XỬ LÝ, GIẢI QUYẾT</b>", st.body), Spacer(1, 2 * mm)]
        part.append(_deadline_table(drows, st) if len(drows) > 1
                    else Paragraph("Không có thời hạn nào đang áp dụng.", st.body))
        ending += [Spacer(1, 5 * mm), *part]
    left, right = SIGNERS[entity]
    # A reception's sheet is signed the day the citizen came; a petition's follow-up sheet the day it is printed.
    signed_on = (date.fromisoformat(str(rec["received_at"])[:10]) if entity == "reception" and rec.get("received_at")
                 else session.clock.today())
    if printed_here:
        # not the commune's to sign here, nor dated as if it had been made today at the commune
        ending += [Spacer(1, 5 * mm), Paragraph(f"<i>{layout.text(copy_note)}</i>", st.body)]
    else:
        ending += [Spacer(1, 6 * mm),
                   layout.signature_block(st, width, left_title=left, right_title=right,
                                          place_date=layout.place_and_date(layout.place_name(unit.name), signed_on))]
    story.append(KeepTogether(ending))
    doc.build(story, canvasmaker=layout.numbered_canvas(UI_FONT, confidential=confidential))
    return {"pages": doc.page, "entries": 1, "type": entity}
