"""Sổ tiếp công dân — the reception book, Form 03 of Circular 04/2021/TT-TTCP, for a period.

A4 landscape: the national heading with the unit, the title and the period, then the 12 columns of the form with
"Hướng xử lý" as one heading over its three tick columns (two header rows joined by SPAN, and a row of column
numbers), repeated at the top of every page; "Trang x/y" on every page and the signature block on the last.
A denouncer's name, ID number and address print as "[Bảo mật]" unless the print explicitly includes them (then
every page bears the "MẬT" mark).

The rows and style commands are built as plain data (`header_rows`, `body_row`, `table_style`) and tested as such
before any PDF is made. A long book is laid out page by page (`PagedTable`): each page is one LongTable of the
header plus the rows that fit, so the cost stays linear in the number of rows.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from app.domain import enums, roles
from app.domain.masking import masked_record
from app.reports import layout
from app.reports.fonts import UI_FONT, italic
from app.storage import printing_queries, settings

TITLE = "SỔ TIẾP CÔNG DÂN"
PAGE = landscape(A4)
MARGIN = 12 * mm
WIDTH = PAGE[0] - 2 * MARGIN
FONT_SIZE = 9  # cells are 8 pt

# The 12 columns of Form 03 (titles as app/io/form03.py reads them back), widths in mm (sum = 273 = WIDTH).
DIRECTION_HEAD = "Hướng xử lý"
DIRECTIONS = (  # (direction key, tick-column title)
    ("accept", "Thụ lý để giải quyết"),
    ("guide", "Trả lại đơn và hướng dẫn"),
    ("forward", "Chuyển đơn đến cơ quan, tổ chức có thẩm quyền"),
)
COLUMNS = (
    ("STT", 8),
    ("Ngày tiếp", 20),
    ("Họ tên - Địa chỉ", 40),
    ("Số CMND/Hộ chiếu (CCCD)", 25),
    ("Nội dung vụ việc", 48),
    ("Phân loại đơn/Số người", 24),
    ("Cơ quan đã giải quyết", 20),
    (DIRECTIONS[0][1], 15),
    (DIRECTIONS[1][1], 15),
    (DIRECTIONS[2][1], 15),
    ("Theo dõi kết quả giải quyết", 27),
    ("Ghi chú", 16),
)
TICK_COLS = (7, 8, 9)
HEADER_ROWS = 3  # the heading row, the tick-title row, the row of column numbers
NO_SHOW = "Không có công dân đến"


# -- shared with the petition register ---------------------------------------------------------------------

def fmt_date(value: str | None) -> str:
    """ISO date or datetime as dd/mm/yyyy."""
    if not value:
        return ""
    d = date.fromisoformat(str(value)[:10])
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def period_line(date_from: str | None, date_to: str | None) -> str:
    if date_from and date_to:
        return f"Từ ngày {fmt_date(date_from)} đến ngày {fmt_date(date_to)}"
    if date_from:
        return f"Từ ngày {fmt_date(date_from)}"
    if date_to:
        return f"Đến ngày {fmt_date(date_to)}"
    return "Toàn bộ thời gian"


def unit_names(db) -> tuple[str | None, str]:
    """(upper unit, unit) for the heading: the letterhead lines when the admin set them, else the upper unit's
    name (or the province) and the unit's own name."""
    upper = settings.get(db, "letterhead_line1") or settings.get(db, "upper_unit_name") \
        or settings.get(db, "province_name")
    unit = settings.get(db, "letterhead_line2") or settings.get(db, "unit_name") or ""
    return upper, unit


def place_name(unit_name: str) -> str:
    """The place in "…, ngày … tháng … năm …": the unit's name without its kind ("Phường Ba Đình" -> "Ba Đình")."""
    return re.sub(r"^(?:xã|phường|thị trấn|đặc khu)\s+", "", unit_name.strip(), flags=re.IGNORECASE) or unit_name


def running_head(family: str, line: str):
    """onPage callback: a small running head on the pages after the first (the book's name and period)."""

    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont(italic(family), 7.5)
        canvas.drawString(MARGIN, PAGE[1] - 8 * mm, line)
        canvas.restoreState()

    return draw


class PagedTable(Flowable):
    """A long table laid out one page at a time: each page is a LongTable of the header rows plus the body rows
    that fit. Only a window of `window` rows is measured per page, so 10,000 rows cost ten times 1,000 (a single
    LongTable re-slices every remaining row, span map included, at each page break).

    `make_row(i)` gives body row i (cells); rows are made once, when first needed."""

    def __init__(self, header: list[list], count: int, make_row, col_widths: list[float], style_cmds: list[tuple],
                 *, start: int = 0, cache: dict | None = None, window: int = 16):
        super().__init__()
        self.header = header
        self.count = count
        self.make_row = make_row
        self.col_widths = col_widths
        self.style_cmds = style_cmds
        self.start = start
        self.cache = cache if cache is not None else {}
        self.window = window
        self._table: LongTable | None = None

    def _rows(self, n: int) -> list[list]:
        out = []
        for i in range(self.start, min(self.count, self.start + n)):
            row = self.cache.get(i)
            if row is None:
                row = self.cache[i] = self.make_row(i)
            out.append(row)
        return out

    def _make(self, rows: list[list]) -> LongTable:
        t = LongTable(self.header + rows, colWidths=self.col_widths, repeatRows=len(self.header))
        t.setStyle(TableStyle(self.style_cmds))
        return t

    def _remaining(self) -> int:
        return self.count - self.start

    def wrap(self, avail_width, avail_height):
        width = sum(self.col_widths)
        if self._remaining() > self.window:
            self._table = None
            return width, avail_height + 1  # more rows follow: the frame asks us to split (measured there, once)
        self._table = self._make(self._rows(self.window))
        return self._table.wrap(avail_width, avail_height)

    def split(self, avail_width, avail_height):
        n = self.window
        while True:
            rows = self._rows(n)
            table = self._make(rows)
            _w, h = table.wrap(avail_width, avail_height)
            if h <= avail_height and len(rows) < self._remaining():
                n *= 2  # a page of very short rows: look further
                continue
            break
        if h <= avail_height:
            return [table]
        parts = table.split(avail_width, avail_height)
        if not parts:
            return []
        first = parts[0]
        used = len(first._cellvalues) - len(self.header)
        if used <= 0:
            return []
        for k in range(self.start, self.start + used):
            self.cache.pop(k, None)  # placed: the rows not placed stay made for the next page
        rest = PagedTable(self.header, self.count, self.make_row, self.col_widths, self.style_cmds,
                          start=self.start + used, cache=self.cache, window=self.window)
        return [first, rest]

    def drawOn(self, canvas, x, y, _sW=0):
        self._table.drawOn(canvas, x, y, _sW)

    def draw(self):  # drawOn is overridden; kept for Flowable's interface
        self._table.draw()


# -- the reception book ------------------------------------------------------------------------------------

class Cells:
    """Paragraph styles of the book's cells."""

    def __init__(self, family: str = UI_FONT, size: float = FONT_SIZE):
        self.st = layout.styles(family, size)
        self.cell = self.st.cell
        self.center = self.st.cell_center
        self.head = ParagraphStyle("headsmall", parent=self.st.head, fontSize=size - 1.5, leading=(size - 1.5) * 1.15)
        # Numbers never break inside (a case number or an ID number cut in two cannot be read back).
        self.whole = ParagraphStyle("whole", parent=self.st.cell, splitLongWords=0)

    def p(self, markup: str, style=None) -> Paragraph:
        return Paragraph(markup, style or self.cell)


def header_rows(c: Cells) -> list[list]:
    """Row 0: every column title spanning two rows, except "Hướng xử lý" over the three tick columns; row 1: the
    tick titles; row 2: the column numbers (1)…(12)."""
    row0, row1 = [], []
    for i, (title, _w) in enumerate(COLUMNS):
        if i in TICK_COLS:
            row0.append(c.p(f"<b>{layout.text(DIRECTION_HEAD)}</b>", c.head) if i == TICK_COLS[0] else "")
            row1.append(c.p(layout.text(title), c.head))
        else:
            row0.append(c.p(layout.text(title), c.head))
            row1.append("")
    numbers = [c.p(f"({i})", c.center) for i in range(1, len(COLUMNS) + 1)]
    return [row0, row1, numbers]


def table_style(family: str = UI_FONT) -> list[tuple]:
    """The grid, the header spans, the ticks centred."""
    cmds = layout.grid_style(family, HEADER_ROWS)
    for i in range(len(COLUMNS)):
        if i not in TICK_COLS:
            cmds.append(("SPAN", (i, 0), (i, 1)))
    cmds.append(("SPAN", (TICK_COLS[0], 0), (TICK_COLS[-1], 0)))
    cmds += [
        ("ALIGN", (0, HEADER_ROWS), (0, -1), "CENTER"),
        ("ALIGN", (TICK_COLS[0], HEADER_ROWS), (TICK_COLS[-1], -1), "CENTER"),
        ("FONTSIZE", (0, HEADER_ROWS), (-1, -1), FONT_SIZE - 1),
        ("VALIGN", (TICK_COLS[0], HEADER_ROWS), (TICK_COLS[-1], -1), "MIDDLE"),
    ]
    return cmds


def col_widths() -> list[float]:
    return [w * mm for _t, w in COLUMNS]


def _person_line(person: dict) -> str:
    name = layout.text(person.get("name") or "")
    addr = person.get("address")
    return f"<b>{name}</b>" + (f"<br/>{layout.text(addr)}" if addr else "")


def body_cells(record: dict) -> list[str]:
    """The 12 cells of one reception as markup strings ("" for empty) — the record already masked."""
    received = record.get("received_at") or ""
    when = fmt_date(received)
    if len(received) > 10 and received[11:16] not in ("", "00:00"):
        when += f"<br/>{received[11:16]}"
    size = int(record.get("group_size") or 1)
    reps = record.get("representatives") or []
    citizen = record.get("citizen")
    if record.get("no_show"):
        who, ids = f"<i>{NO_SHOW}</i>", ""
    elif size > 1 or (reps and not citizen):
        people = reps or ([citizen] if citizen else [])
        who = "Đại diện: " + "<br/>".join(_person_line(p) for p in people) if people else ""
        ids = "<br/>".join(layout.text(p.get("id_number") or "") for p in people)
    else:
        who = _person_line(citizen) if citizen else ""
        ids = layout.text((citizen or {}).get("id_number") or "")
    category = enums.label(enums.CATEGORY, record.get("category")) if record.get("category") else ""
    count = f"Đoàn {size} người" if size > 1 else ("1 người" if not record.get("no_show") else "")
    kind = "<br/>".join(x for x in (layout.text(category), count) if x)
    ticks = ["x" if record.get("direction") == key else "" for key, _t in DIRECTIONS]
    result = layout.text(record.get("result") or "")
    if record.get("forwarded_to") and record["forwarded_to"] not in (record.get("result") or ""):
        fwd = f"Chuyển đến: {layout.text(record['forwarded_to'])}"
        result = fwd + (f"<br/>{result}" if result else "")
    return [when, who, ids, layout.text(record.get("content") or ""), kind,
            layout.text(record.get("prior_handler") or ""), *ticks, result, layout.text(record.get("note") or "")]


def body_row(c: Cells, number: int, record: dict, case_no: str | None) -> list:
    """One table row: STT and the ticks as plain centred text, every other cell a Paragraph (they wrap)."""
    cells = body_cells(record)
    if case_no:  # the case number heads the case's content (stable forever; the slips carry it too)
        cells[3] = f'<font size="{FONT_SIZE - 2}" color="#444444">Hồ sơ số {layout.text(case_no)}</font>' \
            + (f"<br/>{cells[3]}" if cells[3] else "")
    row: list = [str(number)]
    for i, markup in enumerate(cells, start=1):
        if i in TICK_COLS:
            row.append(markup)
        elif i in (1, 3):
            row.append(c.p(markup, c.whole) if markup else "")
        else:
            row.append(c.p(markup) if markup else "")
    return row


def visible(session, stored_record: dict, include_confidential: bool) -> dict:
    see_ids = session.can(roles.SEE_ID_NUMBERS) or include_confidential
    rec, _masked = masked_record(stored_record, see_confidential=include_confidential, see_id_numbers=see_ids)
    return rec


def closing(c: Cells, unit: str, today: date) -> KeepTogether:
    sig = layout.signature_block(c.st, WIDTH, left_title="NGƯỜI LẬP SỔ", right_title="THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
                                 place_date=layout.place_and_date(place_name(unit), today),
                                 right_note="(Ký, ghi rõ họ tên, đóng dấu)")
    return KeepTogether([Spacer(1, 6 * mm), sig])


def build(session, out: Path, options: dict, *, include_confidential: bool, invariant: bool) -> dict:
    date_from, date_to = options.get("date_from"), options.get("date_to")
    stored = printing_queries.records_in_period(session.db, "reception", date_from, date_to)
    upper, unit = unit_names(session.db)
    unit_name = settings.get(session.db, "unit_name") or unit
    c = Cells()
    period = period_line(date_from, date_to)

    def make_row(i: int) -> list:
        s = stored[i]
        return body_row(c, i + 1, visible(session, s.record, include_confidential), s.record.get("case_no"))

    story = [
        layout.national_heading(c.st, upper, unit, WIDTH),
        Spacer(1, 4 * mm),
        Paragraph(TITLE, c.st.title),
        Paragraph(layout.text(period), c.st.subtitle),
        PagedTable(header_rows(c), len(stored), make_row, col_widths(), table_style()),
    ]
    if not stored:
        story.append(Paragraph("<i>Không có lượt tiếp công dân nào trong thời gian này.</i>", c.st.center))
    story.append(closing(c, unit_name, session.clock.today()))
    doc = SimpleDocTemplate(str(out), pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN + 2 * mm, title=f"{TITLE} — {unit_name}", author=unit_name,
                            subject=period, invariant=1 if invariant else 0)
    head = running_head(UI_FONT, f"{TITLE} — {unit_name} — {period}")
    doc.build(story, onLaterPages=head,
              canvasmaker=layout.numbered_canvas(UI_FONT, confidential=include_confidential))
    return {"pages": doc.page, "entries": len(stored)}
