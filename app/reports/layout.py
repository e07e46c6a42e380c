"""Pieces every printed document shares: paragraph styles in our fonts, the national heading with the unit,
"Trang x/y" on every page, a signature block, and writing the file atomically.

Text cells are Paragraphs (they wrap); text is escaped before it reaches reportlab's mini-markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from app.domain.text import dmy  # noqa: F401 — the prints' name for the one dd/mm/yyyy rule
from app.reports.fonts import bold, italic, register_fonts

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def text(value) -> str:
    """Plain text made safe for a Paragraph (& < > escaped, line breaks kept)."""
    if value is None:
        return ""
    return escape(str(value)).replace("\n", "<br/>")


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    head: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    center: ParagraphStyle
    center_bold: ParagraphStyle
    right: ParagraphStyle
    italic_center: ParagraphStyle


def styles(family: str, size: float = 10) -> Styles:
    register_fonts()
    lead = size * 1.25
    base = ParagraphStyle("body", fontName=family, fontSize=size, leading=lead, alignment=TA_LEFT)
    return Styles(
        body=base,
        small=ParagraphStyle("small", parent=base, fontSize=size - 1.5, leading=(size - 1.5) * 1.25),
        cell=ParagraphStyle("cell", parent=base, fontSize=size - 1, leading=(size - 1) * 1.2),
        cell_center=ParagraphStyle("cellc", parent=base, fontSize=size - 1, leading=(size - 1) * 1.2,
                                   alignment=TA_CENTER),
        head=ParagraphStyle("head", parent=base, fontName=bold(family), fontSize=size - 1, leading=(size - 1) * 1.2,
                            alignment=TA_CENTER),
        title=ParagraphStyle("title", parent=base, fontName=bold(family), fontSize=size + 5, leading=(size + 5) * 1.3,
                             alignment=TA_CENTER, spaceBefore=6, spaceAfter=2),
        subtitle=ParagraphStyle("subtitle", parent=base, fontName=italic(family), alignment=TA_CENTER,
                                spaceAfter=6),
        center=ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        center_bold=ParagraphStyle("centerb", parent=base, fontName=bold(family), alignment=TA_CENTER),
        right=ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        italic_center=ParagraphStyle("italicc", parent=base, fontName=italic(family), alignment=TA_CENTER),
    )


def national_heading(st: Styles, upper_unit: str | None, unit: str, width: float) -> Table:
    """Left: the issuing body (upper unit over the unit, the unit underlined in bold); right: the nation and
    motto. The layout of the heading of an administrative document (Decree 30/2020/NĐ-CP, Appendix I)."""
    left = []
    if upper_unit:
        left.append(Paragraph(text(upper_unit.upper()), st.center))
    left.append(Paragraph(f"<b><u>{text(unit.upper())}</u></b>", st.center))
    right = [Paragraph(f"<b>{NATION}</b>", st.center), Paragraph(f"<b><u>{MOTTO}</u></b>", st.center)]
    t = Table([[left, right]], colWidths=[width * 0.42, width * 0.58])
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), st.body.fontName),  # a Table names Helvetica unless told otherwise
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    return t


_UNIT_KIND = re.compile(r"^(?:xã|phường|thị trấn|đặc khu)\s+", re.IGNORECASE)


def place_name(unit_name: str) -> str:
    """The place in "<place>, ngày … tháng … năm …": the unit's name without its kind ("Phường Ba Đình" →
    "Ba Đình") — unless the rest is only a number ("Phường 1" stays)."""
    name = unit_name.strip()
    rest = _UNIT_KIND.sub("", name)
    return name if not rest or rest.isdigit() else rest


def place_and_date(place: str, day: date) -> str:
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def signature_block(st: Styles, width: float, *, left_title: str, right_title: str, place_date: str | None = None,
                    right_note: str = "(Ký, ghi rõ họ tên)", left_note: str = "(Ký, ghi rõ họ tên)") -> Table:
    left = [Paragraph(f"<b>{text(left_title)}</b>", st.center), Paragraph(f"<i>{text(left_note)}</i>", st.center)]
    right = []
    if place_date:
        right.append(Paragraph(f"<i>{text(place_date)}</i>", st.center))
    right += [Paragraph(f"<b>{text(right_title)}</b>", st.center), Paragraph(f"<i>{text(right_note)}</i>", st.center)]
    t = Table([[left, right]], colWidths=[width / 2, width / 2])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), st.body.fontName), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 24 * mm)]))
    return t


def grid_style(family: str, header_rows: int = 1) -> list[tuple]:
    """The table style of books and registers: thin grid, bold centred header rows, our font everywhere."""
    return [
        ("FONTNAME", (0, 0), (-1, -1), family),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#f0f0f0")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]


def numbered_canvas(family: str, *, confidential: bool = False, footer_left: str = ""):
    """A canvas class that writes "Trang x/y" on every page once the page count is known, and the "MẬT" mark
    on every page of a print that carries a denouncer's identity."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            kwargs["initialFontName"] = kwargs.get("initialFontName") or family  # else the page preamble names Helvetica
            super().__init__(*args, **kwargs)
            self._saved: list[dict] = []

        def showPage(self):
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._saved)
            for state in self._saved:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int) -> None:
            w, _h = self._pagesize
            self.setFont(family, 8)
            self.drawRightString(w - 12 * mm, 8 * mm, f"Trang {self._pageNumber}/{total}")
            if footer_left:
                self.drawString(12 * mm, 8 * mm, footer_left)
            if confidential:
                self.setFont(bold(family), 14)
                self.setFillColor(colors.red)
                self.drawString(12 * mm, self._pagesize[1] - 10 * mm, "MẬT")
                self.setFillColor(colors.black)

    return NumberedCanvas
