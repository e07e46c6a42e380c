"""The PDF of `danvan person export`: what the unit holds about one citizen, for that citizen.

A4 portrait: the national heading, who asked and when, each record as on its sheet (app/reports/record_sheet.py),
the records that only share the name (to be checked), and the audit entries about these records. The "MẬT" mark
when a denouncer's identity is shown (a user who may see it made the export).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer

from app.domain.enums import RECORD_TYPE_LABELS, label
from app.domain.masking import MASK
from app.domain.records import is_confidential
from app.reports import layout
from app.reports.fonts import UI_FONT
from app.reports.models_register import unit_of
from app.reports.record_sheet import LABEL_MM, sheet_rows, sheet_style

TITLE = "THÔNG TIN CÁ NHÂN ĐANG ĐƯỢC LƯU GIỮ"
AUDIT_MM = (30, 28, 62)  # the record column takes the rest


def _shows_identity(records: list[dict]) -> bool:
    return any(is_confidential(r) and MASK not in str(r) for r in records)


def audit_rows(entries: list[dict]) -> list[tuple[str, ...]]:
    """Header and one row per entry: when (local dd/mm/yyyy HH:MM), who, what, which record."""
    out = [("Thời gian", "Người thực hiện", "Hoạt động", "Hồ sơ")]
    for e in entries:
        when = datetime.fromisoformat(e["when"])
        out.append((when.strftime("%d/%m/%Y %H:%M"), e.get("user") or "", e.get("action_label") or e["action"],
                    (e.get("entity_label") or "")))
    return out


def build(session, out: Path, meta: dict, data: dict, *, invariant: bool = False) -> dict:
    unit = unit_of(session.db)
    st = layout.styles(UI_FONT, 10)
    margin_l, margin_r = 20 * mm, 15 * mm
    width = A4[0] - margin_l - margin_r
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=margin_l, rightMargin=margin_r, topMargin=15 * mm,
                            bottomMargin=18 * mm, title=TITLE, author=unit.name, initialFontName=UI_FONT,
                            invariant=1 if invariant else 0)
    subject = data["subject"]
    story = [layout.national_heading(st, unit.upper, unit.issuing, width), Spacer(1, 4 * mm),
             Paragraph(TITLE, st.title),
             Paragraph(layout.text(f"Số định danh cá nhân: {subject['id_number']}"
                                   + (f" — Họ và tên: {subject['name']}" if subject.get("name") else "")), st.subtitle),
             Paragraph(layout.text(
                 f"Lập ngày {layout.dmy(session.clock.today().isoformat())} theo yêu cầu của công dân, "
                 f"người lập: {meta.get('exported_by') or ''}. Có {len(data['records'])} hồ sơ ghi số định danh này"
                 + (f" và {len(data['name_matches'])} hồ sơ cùng họ tên nhưng không ghi số định danh (cần xác minh "
                    "với công dân)" if subject.get("name") else "") + "."), st.body),
             Spacer(1, 3 * mm)]

    def record_part(rec: dict, n: int) -> list:
        rows = sheet_rows(rec)
        cells = []
        for r in rows:
            if r.kind == "section":
                cells.append([Paragraph(f"<b>{layout.text(r.label)}</b>", st.cell), ""])
            else:
                cells.append([Paragraph(layout.text(r.label), st.cell), Paragraph(layout.text(r.value), st.cell)])
        t = LongTable(cells, colWidths=[LABEL_MM * mm, width - LABEL_MM * mm])
        t.setStyle(sheet_style(rows))
        head = f"{n}. {label(RECORD_TYPE_LABELS, rec['type'])}" + (f" — số hồ sơ {rec['case_no']}"
                                                                     if rec.get("case_no") else "")
        return [Paragraph(f"<b>{layout.text(head)}</b>", st.body), Spacer(1, 1.5 * mm), t, Spacer(1, 4 * mm)]

    n = 0
    for rec in data["records"]:
        n += 1
        story += record_part(rec, n)
    if data["name_matches"]:
        story.append(Paragraph("<b>HỒ SƠ CÙNG HỌ TÊN, KHÔNG GHI SỐ ĐỊNH DANH (CẦN XÁC MINH)</b>", st.body))
        story.append(Spacer(1, 2 * mm))
        for rec in data["name_matches"]:
            n += 1
            story += record_part(rec, n)
    story.append(Paragraph("<b>NHẬT KÝ XỬ LÝ CÁC HỒ SƠ TRÊN</b>", st.body))
    story.append(Spacer(1, 2 * mm))
    rows = audit_rows(data["audit"])
    if len(rows) > 1:
        t = LongTable([[Paragraph(layout.text(c), st.head) for c in rows[0]]]
                      + [[Paragraph(layout.text(c), st.cell) for c in r] for r in rows[1:]],
                      colWidths=[w * mm for w in AUDIT_MM] + [width - sum(AUDIT_MM) * mm],
                      repeatRows=1)
        t.setStyle(layout.grid_style(UI_FONT, header_rows=1))
        story.append(t)
    else:
        story.append(Paragraph("Không có mục nhật ký nào.", st.body))
    confidential = _shows_identity(data["records"] + data["name_matches"])
    doc.build(story, canvasmaker=layout.numbered_canvas(UI_FONT, confidential=confidential))
    return {"pages": doc.page}
