"""Sổ đăng ký, theo dõi mô hình "Dân vận khéo" of one year: A4 landscape, grouped by field (the order of
MODEL_FIELD), one heading row per field with its count, totals by kind at the end, "Trang x/y", signatures.

`register_rows` and `register_style` give the table as plain data (tested before anything is drawn); `build`
is the printing service's entry point. Also home of the small helpers the other one-record prints share
(the unit's names from the settings, Vietnamese dates).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, LongTable, Paragraph, SimpleDocTemplate, Spacer

from app.domain import enums
from app.domain.text import text_sort_key
from app.reports import layout
from app.reports.fonts import UI_FONT, bold
from app.reports.unit_scope import scope_of
from app.storage import records as store
from app.storage import settings

TITLE = "SỔ ĐĂNG KÝ, THEO DÕI MÔ HÌNH \u201cDÂN VẬN KHÉO\u201d NĂM {year}"  # curly quotes, as the report writes them
HEADERS = ("STT", "Tên mô hình", "Đơn vị/cá nhân thực hiện", "Tập thể/ Cá nhân", "Nội dung, cách làm",
           "Trạng thái", "Cấp công nhận", "Số quyết định, ngày công nhận")
# millimetres; they add up to the A4 landscape frame (297 − 2 × 12)
COL_MM = (10, 56, 44, 19, 60, 24, 25, 35)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
SHORT = 260  # characters of "nội dung, cách làm" kept in the register (the full text is on the model's sheet)


# -- helpers shared by the one-record prints ---------------------------------------------------------------

@dataclass(frozen=True)
class Unit:
    name: str  # "Phường Ba Đình"
    upper: str | None  # the body above (letterhead line 1, or the upper unit)
    issuing: str  # letterhead line 2, or the unit's name


def unit_of(db) -> Unit:
    from app.reports.letterhead import letterhead

    upper, issuing = letterhead(db)
    return Unit(name=settings.get(db, "unit_name") or "", upper=upper, issuing=issuing)


def shorten(value: str | None, limit: int = SHORT) -> str:
    s = " ".join((value or "").split())
    if len(s) <= limit:
        return s
    cut = s[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:.") + " …"


# -- the register as data ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    kind: str  # "header" | "group" | "model" | "total"
    cells: tuple[str, ...]


def _sort_key(m: dict) -> tuple:
    return (0 if m.get("kind") == "collective" else 1, text_sort_key(m.get("name") or ""), m.get("id") or "")


def _owner_with_unit(owner: str, unit: str) -> str:
    """The owner, then its unit in brackets — unless the owner already names it ("… phường Ngọc Hà")."""
    if not unit or unit.casefold() in owner.casefold():
        return owner
    return f"{owner} ({unit})" if owner else unit


def register_rows(models: list[dict], unit_of_model=None) -> list[Row]:
    """Header, then per field (MODEL_FIELD order) a group row "I. Kinh tế (n mô hình)" and its models
    (collective first, then by name), numbered 1…N across the register; totals by kind and status last.
    `unit_of_model(model)` → (sort key, name): in an upper level's register of every unit, each field's models
    are kept together unit by unit and the unit is written after the owner."""
    unit_of = unit_of_model or (lambda _m: ("", ""))
    rows = [Row("header", HEADERS)]
    by_field: dict[str, list[dict]] = {k: [] for k in enums.MODEL_FIELD}
    for m in models:
        by_field.setdefault(m.get("field") or "", []).append(m)
    n = 0
    for gi, (fkey, items) in enumerate(by_field.items()):
        if fkey not in enums.MODEL_FIELD and not items:
            continue
        title = enums.label(enums.MODEL_FIELD, fkey) or "Chưa phân lĩnh vực"
        roman = ROMAN[gi] if gi < len(ROMAN) else str(gi + 1)
        rows.append(Row("group", (f"{roman}. Lĩnh vực {title} ({len(items)} mô hình)",)))
        for m in sorted(items, key=lambda m: (unit_of(m)[0], *_sort_key(m))):
            n += 1
            decision = m.get("decision_no") or ""
            if m.get("recognized_on"):
                decision = f"{decision}, ngày {layout.dmy(m['recognized_on'])}" if decision else layout.dmy(m["recognized_on"])
            owner = _owner_with_unit(m.get("owner") or "", unit_of(m)[1])
            rows.append(Row("model", (
                str(n), m.get("name") or "", owner, enums.label(enums.MODEL_KIND, m.get("kind")),
                shorten(m.get("content_method") or m.get("description")),
                enums.label(enums.MODEL_STATUS, m.get("status") or "registered"),
                m.get("recognition_level") or "", decision)))
    coll = sum(1 for m in models if m.get("kind") == "collective")
    indiv = sum(1 for m in models if m.get("kind") == "individual")
    recog = sum(1 for m in models if m.get("status") == "recognized")
    rows.append(Row("total", (f"Tổng cộng: {len(models)} mô hình (tập thể: {coll}; cá nhân: {indiv}); "
                              f"được công nhận: {recog}",)))
    return rows


def register_style(rows: list[Row]) -> list[tuple]:
    """The TableStyle commands: the grid of books, group and total rows spanning the table, shaded, bold."""
    cmds = layout.grid_style(UI_FONT, header_rows=1)
    for i, r in enumerate(rows):
        if r.kind in ("group", "total"):
            cmds += [("SPAN", (0, i), (-1, i)), ("FONTNAME", (0, i), (-1, i), bold(UI_FONT)),
                     ("BACKGROUND", (0, i), (-1, i), colors.HexColor("#f7f7f7" if r.kind == "group" else "#ececec"))]
            if r.kind == "group" and i + 1 < len(rows):  # a field's heading never ends a page without a model
                cmds.append(("NOSPLIT", (0, i), (-1, i + 1)))
    return cmds


def _table(rows: list[Row], st: layout.Styles) -> LongTable:
    data = []
    for r in rows:
        if r.kind == "header":
            data.append([Paragraph(layout.text(c), st.head) for c in r.cells])
        elif r.kind in ("group", "total"):
            data.append([Paragraph(f"<b>{layout.text(r.cells[0])}</b>", st.cell)] + [""] * (len(HEADERS) - 1))
        else:
            cells = [Paragraph(layout.text(c), st.cell) for c in r.cells]
            for i in (0, 3, 5, 6):
                cells[i] = Paragraph(layout.text(r.cells[i]), st.cell_center)
            data.append(cells)
    t = LongTable(data, colWidths=[w * mm for w in COL_MM], repeatRows=1)
    t.setStyle(register_style(rows))
    return t


def load_models(db, year: int, owner_sites: tuple[str, ...] | None = None) -> list[store.Stored]:
    first = f"{int(year):04d}-01-01"
    return list(store.iter_stored(db, "model", date_from=first, date_to=first, owner_sites=owner_sites))


def _unit_tally(scope, stored: list[store.Stored]) -> list:
    """A register of every unit ends, like the other books, with each unit's count (0 for a silent commune)."""
    counts = scope.tally(s.owner_site for s in stored)
    if not counts:
        return []
    from app.reports.reception_log import Cells, unit_tally

    return unit_tally(Cells(), counts, "Số mô hình")


def build(session, out: Path, options: dict, *, include_confidential: bool, invariant: bool) -> dict:
    from app.domain import roles

    session.require(roles.READ)
    year = int(options["year"])
    scope = scope_of(session, options)
    stored = load_models(session.db, year, scope.sites)
    models = [s.record for s in stored]
    site_of = {s.id: s.owner_site for s in stored}
    unit = unit_of(session.db)
    st = layout.styles(UI_FONT, 10)
    pagesize = landscape(A4)
    margin = 12 * mm
    width = pagesize[0] - 2 * margin
    doc = SimpleDocTemplate(str(out), pagesize=pagesize, leftMargin=margin, rightMargin=margin, topMargin=12 * mm,
                            bottomMargin=15 * mm, author=unit.name,
                            title=" — ".join(x for x in (TITLE.format(year=year), scope.file_tag) if x),
                            invariant=1 if invariant else 0)

    def unit_of_model(m: dict) -> tuple[str, str]:
        site = site_of.get(m.get("id"))
        return scope.order(site), scope.label(site)

    rows = register_rows(models, unit_of_model if scope.names else None)
    story = [
        layout.national_heading(st, unit.upper, unit.issuing, width),
        Spacer(1, 4 * mm),
        Paragraph(layout.text(TITLE.format(year=year)), st.title),
        *[Paragraph(layout.text(line), st.subtitle) for line in (scope.unit_lines or (f"Đơn vị: {unit.name}",))],
        _table(rows, st),
        # the table by unit and the signatures kept on one page: never a page of signatures alone
        KeepTogether([*_unit_tally(scope, stored), Spacer(1, 6 * mm),
                      layout.signature_block(st, width, left_title="NGƯỜI LẬP SỔ", right_title="THỦ TRƯỞNG ĐƠN VỊ",
                                             right_note="(Ký, ghi rõ họ tên, đóng dấu)",
                                             place_date=layout.place_and_date(layout.place_name(unit.name),
                                                                              session.clock.today()))]),
    ]
    doc.build(story, canvasmaker=layout.numbered_canvas(UI_FONT))
    return {"pages": doc.page, "entries": len(models)}


