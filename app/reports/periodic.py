"""The periodic statistics report (báo cáo định kỳ) as PDF, XLSX or DOCX — chosen by the suffix of `out`.

The figures come from app.reports.periodic_figures (the same numbers as `danvan stats`); this module only lays
them out: an official report on A4 portrait in Tinos 13 pt (PDF), the same tables with totals as formulas
(XLSX), and an editable Word document in Times New Roman 13 pt that officials adjust and sign (DOCX).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from app.domain.text import vn_number
from app.reports import periodic_figures as pf
from app.services.session import Session

TITLE = "BÁO CÁO"
SUBJECT = ("Kết quả công tác tiếp công dân, giải quyết khiếu nại, tố cáo, kiến nghị, phản ánh "
           "và công tác dân vận")
SIGNER = "THỦ TRƯỞNG ĐƠN VỊ"
SIGNER_NOTE = "(Ký, ghi rõ họ tên, đóng dấu)"
DOCX_FONT = "Times New Roman"


def _span(f: pf.Figures, today: date | None) -> str:
    """"từ ngày … đến ngày …", and the day the figures stop at when the period has not ended yet."""
    span = f"từ ngày {f.start:%d/%m/%Y} đến ngày {f.end:%d/%m/%Y}"
    if today is not None and today < f.end:
        span += f"; số liệu tính đến ngày {today:%d/%m/%Y}"
    return span


def period_line(f: pf.Figures, today: date | None = None) -> str:
    return f"{f.period_label} ({_span(f, today)})"


def heading_lines(f: pf.Figures) -> tuple[str, str]:
    """(issuing body above, the unit) of the national heading: app/reports/letterhead.py's, as every print."""
    return f.letterhead[0], f.letterhead[1] or f.unit_name


def place_date(f: pf.Figures, day: date) -> str:
    from app.reports.layout import place_and_date, place_name

    return place_and_date(place_name(f.unit_name), day)


def recipients(f: pf.Figures) -> list[str]:
    return [f"- {f.upper_unit_name or 'Cơ quan cấp trên'};", "- Lưu: VT."]


def entries(f: pf.Figures) -> int:
    """Records the report counts: receptions, petitions received, models and dialogues of the period."""
    return sum(f.total(k) for k in ("r.visits", "p.received", "m.total", "d.count"))


def output_format(out: Path) -> str:
    """".pdf", ".xlsx" or ".docx" from the file name — printing writes to ".<token>.<name>.part" and renames it after."""
    name = out.name[:-len(".part")] if out.name.endswith(".part") else out.name
    return Path(name).suffix.lower()


def build(session: Session, out: Path, options: dict, *, include_confidential: bool, invariant: bool) -> dict:
    """The report names no person, so include_confidential changes nothing."""
    f = pf.compute(session, options.get("period") or "")
    today = session.clock.today()
    suffix = output_format(Path(out))
    if suffix == ".xlsx":
        pages = build_xlsx(f, Path(out), today, invariant=invariant)
    elif suffix == ".docx":
        pages = build_docx(f, Path(out), today)
    else:
        pages = build_pdf(f, Path(out), today, invariant=invariant)
    return {"pages": pages, "entries": entries(f), "period": f.period_key}


# -- PDF ------------------------------------------------------------------------------------------------------

def _cell(value) -> str:
    """A table cell as text: a count with "." between thousands (1.979), a unit's name as it is."""
    return vn_number(value) if isinstance(value, int) and not isinstance(value, bool) else str(value)


def pdf_table_data(table: pf.FigureTable, f: pf.Figures) -> dict:
    """The cells of one PDF table as plain data: header titles, body rows and the total row, numbers as text."""
    g = pf.table_rows(table, f)
    body = [[_cell(c) for c in row] for row in g["rows"]]
    total = [_cell(c) for c in g["total"]] if g["total"] else None
    return {"header": g["header"], "rows": body + ([total] if total else []), "has_total": total is not None}


def pdf_table_style(family: str, n_rows: int, *, multi: bool, has_total: bool, size: float = 12) -> list[tuple]:
    """TableStyle commands: the shared grid, our font on every cell, numbers centred, the total row bold."""
    from app.reports.fonts import bold
    from app.reports.layout import grid_style

    cmds = grid_style(family, header_rows=1) + [
        ("FONTSIZE", (0, 1), (-1, -1), size),
        ("ALIGN", (1 if multi else 0, 1), (-1, -1), "CENTER"),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
    ]
    if has_total:
        cmds.append(("FONTNAME", (0, n_rows - 1), (-1, n_rows - 1), bold(family)))
    return cmds


def build_pdf(f: pf.Figures, out: Path, today: date, *, invariant: bool) -> int:
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from app.reports.fonts import LETTER_FONT, bold, italic
    from app.reports.layout import national_heading, numbered_canvas, styles, text

    st = styles(LETTER_FONT, 13)
    cells = styles(LETTER_FONT, 12)
    para = ParagraphStyle("para", parent=st.body, alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=4,
                          leading=13 * 1.3)
    section = ParagraphStyle("section", parent=st.body, fontName=bold(LETTER_FONT), spaceBefore=8, spaceAfter=4)
    caption = ParagraphStyle("caption", parent=st.body, fontName=italic(LETTER_FONT), spaceBefore=4, spaceAfter=3)
    left, right = 30 * mm, 15 * mm
    width = A4[0] - left - right - 12  # the frame pads 6 pt each side: tables then line up with the text
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=left, rightMargin=right, topMargin=20 * mm,
                            bottomMargin=20 * mm, invariant=1 if invariant else 0, title=f"{TITLE} {f.period_label}",
                            author=f.unit_name, creator="Sổ Dân Vận", subject=SUBJECT)
    upper, unit = heading_lines(f)
    # 12 pt: the nation line fits on one line beside the unit (Decree 30/2020 allows 12–13 pt there)
    story: list = [national_heading(styles(LETTER_FONT, 12), upper or None, unit, width)]
    number = Table([[Paragraph("Số: &nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/BC", st.center),
                     Paragraph(f"<i>{text(place_date(f, today))}</i>", st.center)]],
                   colWidths=[width * 0.42, width * 0.58])
    number.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), LETTER_FONT), ("TOPPADDING", (0, 0), (-1, -1), 6),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    story += [number, Spacer(1, 6 * mm), Paragraph(TITLE, st.title),
              Paragraph(f"<b>{text(SUBJECT)}</b>", st.center_bold), Paragraph(text(period_line(f, today)), st.subtitle),
              Spacer(1, 3 * mm)]
    story.append(Paragraph(text(intro(f, today)), para))
    n = 0
    for sec in f.sections:
        story.append(Paragraph(f"{sec.number}. {text(sec.title)}", section))
        story += [Paragraph(text(p), para) for p in sec.paragraphs]
        for table in sec.tables:
            n += 1
            data = pdf_table_data(table, f)
            head = [Paragraph(text(h), cells.head) for h in data["header"]]
            body = [[Paragraph(text(c), cells.cell) if (f.multi and i == 0) else c for i, c in enumerate(row)]
                    for row in data["rows"]]
            ncols = len(head)
            if f.multi:
                first = 38 * mm
                widths = [first] + [(width - first) / (ncols - 1)] * (ncols - 1)
            else:
                widths = [width / ncols] * ncols
            t = Table([head] + body, colWidths=widths, repeatRows=1)
            t.setStyle(TableStyle(pdf_table_style(LETTER_FONT, 1 + len(body), multi=f.multi,
                                                  has_total=data["has_total"])))
            story.append(KeepTogether([Paragraph(f"Bảng {n}. {text(table.title)}", caption), t]))
    story.append(Spacer(1, 6 * mm))
    story.append(KeepTogether([_pdf_signature(f, st, width, today)]))
    doc.build(story, canvasmaker=numbered_canvas(LETTER_FONT))
    return doc.page


def _pdf_signature(f: pf.Figures, st, width: float, today: date):
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    from app.reports.fonts import LETTER_FONT
    from app.reports.layout import text

    left = [Paragraph("<b><i>Nơi nhận:</i></b>", st.small)] + [Paragraph(text(r), st.small) for r in recipients(f)]
    right = [Paragraph(f"<b>{SIGNER}</b>", st.center), Paragraph(f"<i>{text(SIGNER_NOTE)}</i>", st.center)]
    t = Table([[left, right]], colWidths=[width * 0.45, width * 0.55])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), LETTER_FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 24 * mm)]))
    return t


def intro(f: pf.Figures, today: date | None = None) -> str:
    return (f"Thực hiện chế độ báo cáo định kỳ, {f.unit_name} báo cáo kết quả công tác tiếp công dân, giải quyết "
            f"khiếu nại, tố cáo, kiến nghị, phản ánh và công tác dân vận {f.period_label[0].lower()}"
            f"{f.period_label[1:]} ({_span(f, today)}) như sau:")


# -- XLSX -----------------------------------------------------------------------------------------------------

def _col(i: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(i)


def _sum_formula(cols: list[int], row: int) -> str:
    cols = sorted(cols)
    if cols == list(range(cols[0], cols[-1] + 1)):
        return f"=SUM({_col(cols[0])}{row}:{_col(cols[-1])}{row})"
    return "=SUM(" + ",".join(f"{_col(c)}{row}" for c in cols) + ")"


def xlsx_layout(f: pf.Figures) -> list[dict]:
    """Where each table lands in the sheet, as data: its title row, header row, unit rows, total row, and for
    every cell either a number or a formula. The XLSX writer and the tests read this."""
    row = 7  # rows 1–6: the title block
    out = []
    n = 0
    for sec in f.sections:
        if not sec.tables:
            continue
        sec_row = row
        row += 1
        for table in sec.tables:
            n += 1
            g = pf.table_rows(table, f)
            first = 2 if f.multi else 1  # first figure column (1 = A)
            title_row, header_row = row, row + 1
            body_rows = list(range(header_row + 1, header_row + 1 + len(f.units)))
            cells: dict[tuple[int, int], object] = {}
            for r, unit in zip(body_rows, f.units):
                if f.multi:
                    cells[(r, 1)] = unit.unit.name
                for i, c in enumerate(table.columns):
                    col = first + i
                    if c.key is None:
                        cells[(r, col)] = _sum_formula([first + j for j in c.sum_of], r)
                    else:
                        cells[(r, col)] = int(unit.values.get(c.key, 0))
            total_row = None
            if f.multi:
                total_row = body_rows[-1] + 1
                cells[(total_row, 1)] = "Tổng cộng"
                for i in range(len(table.columns)):
                    col = first + i
                    cells[(total_row, col)] = f"=SUM({_col(col)}{body_rows[0]}:{_col(col)}{body_rows[-1]})"
            out.append({"section": f"{sec.number}. {sec.title}", "section_row": sec_row if table is sec.tables[0]
                        else None, "key": table.key, "title": f"Bảng {n}. {table.title}", "title_row": title_row,
                        "header_row": header_row, "header": g["header"], "body_rows": body_rows,
                        "total_row": total_row, "cells": cells, "first_col": first})
            row = (total_row or body_rows[-1]) + 2
    return out


def build_xlsx(f: pf.Figures, out: Path, today: date, *, invariant: bool) -> int:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    font, bold_font = Font(name=DOCX_FONT, size=12), Font(name=DOCX_FONT, size=12, bold=True)
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    layout = xlsx_layout(f)
    ncols = max(len(t["header"]) for t in layout)
    upper, unit = heading_lines(f)
    ws["A1"] = (upper + " — " if upper else "") + unit.upper()
    ws["A1"].font = bold_font
    ws["A2"] = TITLE
    ws["A2"].font = Font(name=DOCX_FONT, size=14, bold=True)
    ws["A3"] = SUBJECT
    ws["A3"].font = bold_font
    ws["A4"] = period_line(f, today)
    ws["A4"].font = Font(name=DOCX_FONT, size=12, italic=True)
    ws["A5"], ws["B5"], ws["C5"], ws["D5"] = "Từ ngày", f.start, "Đến ngày", f.end
    ws["A6"], ws["B6"] = "Ngày lập", today
    for ref in ("B5", "D5", "B6"):
        ws[ref].number_format = "dd/mm/yyyy"
        ws[ref].alignment = Alignment(horizontal="left")
    for r in range(2, 5):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
        ws.cell(r, 1).alignment = Alignment(horizontal="center", wrap_text=True)
    for t in layout:
        if t["section_row"]:
            ws.cell(t["section_row"], 1, t["section"]).font = bold_font
        ws.cell(t["title_row"], 1, t["title"]).font = Font(name=DOCX_FONT, size=12, bold=True, italic=True)
        for i, h in enumerate(t["header"], start=1):
            c = ws.cell(t["header_row"], i, h)
            c.font, c.alignment, c.border = bold_font, center, box
            c.fill = PatternFill("solid", fgColor="F0F0F0")
        ws.row_dimensions[t["header_row"]].height = 48
        for (r, col), value in t["cells"].items():
            c = ws.cell(r, col, value)
            c.border = box
            c.font = bold_font if r == t["total_row"] else font
            c.alignment = center if col >= t["first_col"] else Alignment(vertical="center", wrap_text=True)
            if col >= t["first_col"]:
                c.number_format = "0"
    for i in range(1, ncols + 1):
        ws.column_dimensions[_col(i)].width = 16
    if f.multi:
        ws.column_dimensions["A"].width = 30
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.properties.creator = "Sổ Dân Vận"
    wb.properties.title = f"{TITLE} {f.period_label}"
    if invariant:
        stamp = datetime(f.end.year, f.end.month, f.end.day)
        wb.properties.created = wb.properties.modified = stamp
    wb.save(str(out))
    return 1


# -- DOCX -----------------------------------------------------------------------------------------------------

def docx_table_cells(table: pf.FigureTable, f: pf.Figures) -> list[list[str]]:
    """The Word table as text cells: header row, unit rows, total row."""
    g = pf.table_rows(table, f)
    rows = [g["header"]] + [[_cell(c) for c in r] for r in g["rows"]]
    if g["total"]:
        rows.append([_cell(c) for c in g["total"]])
    return rows


def _docx_page_numbers(section, *, size) -> None:
    """"Trang x/y" at the foot of every page, as the PDF has: Word's PAGE and NUMPAGES fields."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def text(value: str) -> None:
        p.add_run(value).font.size = size

    def field(instr: str) -> None:
        fld = OxmlElement("w:fldSimple")
        fld.set(qn("w:instr"), instr)
        run = p.add_run("1")  # what a reader that does not update fields shows
        run.font.size = size
        run._r.addprevious(fld)
        fld.append(run._r)

    text("Trang ")
    field("PAGE")
    text("/")
    field("NUMPAGES")


def build_docx(f: pf.Figures, out: Path, today: date) -> int:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    d = docx.Document()
    sec = d.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = Cm(3), Cm(1.5), Cm(2), Cm(2)

    def set_font(style, size=13, bold=None):
        style.font.name = DOCX_FONT
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        if bold is not None:
            style.font.bold = bold
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), DOCX_FONT)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)

    set_font(d.styles["Normal"])
    d.styles["Normal"].paragraph_format.space_after = Pt(3)
    for name in ("Heading 1", "Heading 2"):
        set_font(d.styles[name], 13, bold=True)
        d.styles[name].font.italic = False
        d.styles[name].paragraph_format.space_before = Pt(6)
        d.styles[name].paragraph_format.space_after = Pt(3)

    def para(container, value="", *, bold=False, italic=False, underline=False, align=None, size=None):
        p = container.add_paragraph()
        if value:
            r = p.add_run(value)
            r.bold, r.italic, r.underline = bold, italic, underline
            if size:
                r.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        p.paragraph_format.space_after = Pt(0)
        return p

    def layout_table(rows: int, cols: int, widths: list):
        t = d.add_table(rows=rows, cols=cols)
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        for column, w in zip(t.columns, widths):
            column.width = w  # the table's grid (LibreOffice lays out by it), as well as each cell
        for row in t.rows:
            for cell, w in zip(row.cells, widths):
                cell.width = w
        return t

    C = WD_ALIGN_PARAGRAPH.CENTER
    _docx_page_numbers(sec, size=Pt(10))
    upper, unit = heading_lines(f)
    # The national heading's cell wide enough for "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" on one line at 12 pt.
    head = layout_table(1, 2, [Cm(6.0), Cm(10.5)])
    lc, rc = head.rows[0].cells
    lc.paragraphs[0].text = ""
    if upper:
        r = lc.paragraphs[0].add_run(upper.upper())
    else:
        r = lc.paragraphs[0].add_run(unit.upper())
        r.bold = r.underline = True
    lc.paragraphs[0].alignment = C
    if upper:
        para(lc, unit.upper(), bold=True, underline=True, align=C)
    para(lc, "Số:      /BC", align=C)
    rc.paragraphs[0].alignment = C
    rr = rc.paragraphs[0].add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    rr.bold = True
    rr.font.size = Pt(12)
    para(rc, "Độc lập - Tự do - Hạnh phúc", bold=True, underline=True, align=C)
    para(rc, place_date(f, today), italic=True, align=C)

    p = para(d, TITLE, bold=True, align=C, size=14)
    p.paragraph_format.space_before = Pt(12)
    para(d, SUBJECT, bold=True, align=C)
    para(d, period_line(f, today), italic=True, align=C)
    p = d.add_paragraph(intro(f, today))
    p.paragraph_format.first_line_indent = Cm(1)
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    n = 0
    for s in f.sections:
        d.add_heading(f"{s.number}. {s.title}", level=1)
        for text_ in s.paragraphs:
            p = d.add_paragraph(text_)
            p.paragraph_format.first_line_indent = Cm(1)
            # a line of dots to write on stays as it is: justified, Word spreads its few words across the page
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if "……" in text_ else WD_ALIGN_PARAGRAPH.JUSTIFY
        for table in s.tables:
            n += 1
            d.add_heading(f"Bảng {n}. {table.title}", level=2)
            cells = docx_table_cells(table, f)
            ncols = len(cells[0])
            if f.multi:
                widths = [Cm(4)] + [Cm((16.5 - 4) / (ncols - 1))] * (ncols - 1)
            else:
                widths = [Cm(16.5 / ncols)] * ncols
            t = layout_table(len(cells), ncols, widths)
            t.style = d.styles["Table Grid"]
            last = len(cells) - 1
            for i, row in enumerate(cells):
                for j, value in enumerate(row):
                    cell = t.cell(i, j)
                    cp = cell.paragraphs[0]
                    run = cp.add_run(value)
                    run.font.size = Pt(12)
                    run.bold = i == 0 or (f.multi and i == last)
                    cp.alignment = C if (i == 0 or j > 0 or not f.multi) else None
                    cp.paragraph_format.space_after = Pt(0)
            d.add_paragraph()
    sig = layout_table(1, 2, [Cm(7.5), Cm(9)])
    lc, rc = sig.rows[0].cells
    r = lc.paragraphs[0].add_run("Nơi nhận:")
    r.bold = r.italic = True
    r.font.size = Pt(12)
    for line in recipients(f):
        para(lc, line, size=11)
    rc.paragraphs[0].alignment = C
    rc.paragraphs[0].add_run(SIGNER).bold = True
    para(rc, SIGNER_NOTE, italic=True, align=C)
    d.core_properties.title = f"{TITLE} {f.period_label}"
    d.core_properties.author = f.unit_name
    d.save(str(out))
    return 1
