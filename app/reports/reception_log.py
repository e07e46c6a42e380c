"""Sổ tiếp công dân — the reception book, Form 03 of Circular 04/2021/TT-TTCP, for a period.

A4 landscape: the national heading with the unit, the title and the period, then the 12 columns of the form with
"Hướng xử lý" as one heading over its three tick columns (two header rows joined by SPAN, and a row of column
numbers), repeated at the top of every page; "Trang x/y" on every page and the signature block on the last.
A denouncer's name, ID number and address print as "[Bảo mật]" unless the print explicitly includes them (then
every page bears the "MẬT" mark).

The rows and style commands are built as plain data (`header_rows`, `body_row`, `table_style`) and tested as such
before any PDF is made. A long book is laid out page by page (`BookTable`): each row is measured once at its
column widths, a page takes the rows whose heights fit, and its grid and text are drawn directly — the cost is
linear in the number of rows and about a tenth of a ReportLab Table's.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path

from xml.sax.saxutils import unescape

from reportlab.lib import colors
from reportlab.lib.colors import toColor
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.domain import enums, roles
from app.domain.addresses import full_address
from app.domain.masking import masked_record
from app.domain.text import vn_number
from app.reports import layout
from app.reports.fonts import UI_FONT, italic
from app.reports.unit_scope import Scope, scope_of
from app.storage import printing_queries, settings

TITLE = "SỔ TIẾP CÔNG DÂN"
PAGE = landscape(A4)
MARGIN = 12 * mm
WIDTH = PAGE[0] - 2 * MARGIN
FONT_SIZE = 9  # cells are 8 pt
BOTTOM_MARGIN = MARGIN + 2 * mm
FRAME_HEIGHT = PAGE[1] - MARGIN - BOTTOM_MARGIN - 12  # a page's frame inside its 6 pt paddings

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

def period_line(date_from: str | None, date_to: str | None) -> str:
    if date_from and date_to:
        return f"Từ ngày {layout.dmy(date_from)} đến ngày {layout.dmy(date_to)}"
    if date_from:
        return f"Từ ngày {layout.dmy(date_from)}"
    if date_to:
        return f"Đến ngày {layout.dmy(date_to)}"
    return "Toàn bộ thời gian"


def unit_names(db) -> tuple[str | None, str]:
    """(upper unit, unit) for the heading — the same two lines as every other print (app/reports/letterhead.py)."""
    from app.reports.letterhead import letterhead

    return letterhead(db)


def running_head(family: str, line: str):
    """onPage callback: a small running head on the pages after the first (the book's name and period)."""

    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont(italic(family), 7.5)
        canvas.drawString(MARGIN, PAGE[1] - 8 * mm, line)
        canvas.restoreState()

    return draw


# -- the book's table: every row measured once, pages filled by summing row heights, drawn directly ---------
#
# ReportLab's Table measures each Paragraph several times (to size the row, to split the page, to draw) and
# restyles every cell of every page's table: 9 s for 1,000 receptions. The books need little of it — a grid,
# header cells spanning rows or columns, and cells of wrapped text in a few faces — so `TextCell` lays out its
# text once at its column width (the subset of Paragraph markup the books use) and `BookTable` fills each page
# by adding known row heights, then draws the page's grid and lines of text on the canvas itself. The layout
# follows the table style commands (`table_style`), read as data: the same commands a Table would be given.

_TAG = re.compile(r"<(/?)(\w+)([^>]*?)/?>")
_ATTR = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
_SPACE = re.compile(r"[ \t\r\n]+")
_WIDTHS: dict[tuple, float] = {}
_BLACK = colors.black


def _width(s: str, font: str, size: float) -> float:
    key = (s, font, size)
    w = _WIDTHS.get(key)
    if w is None:
        if len(_WIDTHS) > 200_000:
            _WIDTHS.clear()
        w = _WIDTHS[key] = stringWidth(s, font, size)
    return w


@lru_cache(maxsize=None)
def _family(font: str) -> tuple[str, int, int]:
    return ps2tt(font)


@lru_cache(maxsize=None)
def _face(family: str, b: int, i: int) -> str:
    return tt2ps(family, b, i)


class TextCell:
    """Text of a cell that wraps at its column width, in a ParagraphStyle's face, size, leading and alignment.
    `text` is the markup: the Paragraph subset the books use — <b>, <i>, <br/>, <font size=".." color="..">,
    escaped &amp; &lt; &gt;."""

    __slots__ = ("text", "style")

    def __init__(self, markup: str, style: ParagraphStyle):
        self.text = markup
        self.style = style

    def runs(self) -> list[list[tuple[str, tuple]]]:
        """The text as paragraphs (split at <br/>) of runs (text, (font, size, color))."""
        st = self.style
        family, b0, i0 = _family(st.fontName)
        stack: list[tuple[int, int, float, object, str]] = []
        b, i, size, color = b0, i0, st.fontSize, st.textColor
        paras: list[list] = [[]]
        pos = 0
        markup = self.text
        for m in _TAG.finditer(markup):
            if m.start() > pos:
                paras[-1].append((unescape(markup[pos:m.start()]), (_face(family, b, i), size, color)))
            pos = m.end()
            closing, tag = m.group(1), m.group(2).lower()
            if tag == "br":
                paras.append([])
            elif closing:
                if stack and stack[-1][4] == tag:
                    b, i, size, color, _t = stack.pop()
            else:
                stack.append((b, i, size, color, tag))
                if tag == "b":
                    b = 1
                elif tag == "i":
                    i = 1
                elif tag == "font":
                    attrs = dict(_ATTR.findall(m.group(3)))
                    size = float(attrs.get("size", size))
                    color = toColor(attrs["color"]) if "color" in attrs else color
                else:
                    raise ValueError(f"unsupported markup <{tag}> in a book cell")
        if pos < len(markup):
            paras[-1].append((unescape(markup[pos:]), (_face(family, b, i), size, color)))
        return paras

    def lines(self, width: float) -> list[tuple[float, list[tuple[str, tuple]]]]:
        """The lines at this width: (line width, [(text, font key)…]). Words break at spaces; a word longer than
        the width is cut unless the style says splitLongWords=0."""
        split_long = getattr(self.style, "splitLongWords", 1)
        limit = width + 1e-6
        out = []
        for runs in self.runs():
            words: list[tuple[list, float]] = []  # (fragments, width)
            cur: list = []
            cur_w = 0.0
            for text, fk in runs:
                font, size = fk[0], fk[1]
                for j, part in enumerate(_SPACE.split(text)):
                    if j and cur:
                        words.append((cur, cur_w))
                        cur, cur_w = [], 0.0
                    if part:
                        cur.append((part, fk))
                        w = _WIDTHS.get((part, font, size))
                        cur_w += w if w is not None else _width(part, font, size)
            if cur:
                words.append((cur, cur_w))
            line: list = []
            lw = 0.0
            for word, ww in words:
                if line:
                    fk0 = word[0][1]
                    sp = _width(" ", fk0[0], fk0[1])
                    if lw + sp + ww <= limit:
                        line.append((" ", fk0))
                        line.extend(word)
                        lw += sp + ww
                        continue
                    out.append((lw, line))
                    line, lw = [], 0.0
                if ww > limit and split_long:
                    for t, fk in word:
                        for ch in t:
                            cw = _width(ch, fk[0], fk[1])
                            # closing punctuation hangs into the cell's padding rather than start a line alone
                            if line and lw + cw > limit and ch not in _HANGING:
                                out.append((lw, line))
                                line, lw = [], 0.0
                            line.append((ch, fk))
                            lw += cw
                else:
                    line, lw = list(word), ww
            out.append((lw, line))
        return [(w, _merge(segs)) for w, segs in out]


_HANGING = frozenset(").,;:!?]}”’%")


def _merge(segs: list) -> list:
    out: list = []
    for t, fk in segs:
        if out and out[-1][1] == fk:
            out[-1] = (out[-1][0] + t, fk)
        else:
            out.append((t, fk))
    return out


class _CellStyle:
    """What the table style commands say about one cell (a Table's defaults where they say nothing)."""

    __slots__ = ("fontname", "fontsize", "leading", "align", "valign", "lpad", "rpad", "tpad", "bpad", "background")

    def __init__(self):
        self.fontname, self.fontsize, self.leading = "Helvetica", 10, 12
        self.align, self.valign = "LEFT", "BOTTOM"
        self.lpad, self.rpad, self.tpad, self.bpad = 6, 6, 3, 3
        self.background = None

    def copy(self) -> "_CellStyle":
        other = _CellStyle()
        for k in self.__slots__:
            setattr(other, k, getattr(self, k))
        return other


_CMD_ATTR = {"LEFTPADDING": "lpad", "RIGHTPADDING": "rpad", "TOPPADDING": "tpad", "BOTTOMPADDING": "bpad",
             "ALIGN": "align", "ALIGNMENT": "align", "VALIGN": "valign", "BACKGROUND": "background",
             "FONTNAME": "fontname", "FACE": "fontname", "LEADING": "leading"}


class _Layout:
    """The style commands resolved for the header rows and for a body row (every body row is alike), the
    header's boxes (spans) measured once, and the grid's line."""

    def __init__(self, header: list[list], col_widths: list[float], cmds: list[tuple]):
        self.col_widths = list(col_widths)
        self.x = [0.0]
        for w in self.col_widths:
            self.x.append(self.x[-1] + w)
        ncols, nh = len(col_widths), len(header)
        nrows = nh + 1  # the header rows and one body row stand for the table
        cells = [[_CellStyle() for _ in range(ncols)] for _ in range(nrows)]
        spans: list[tuple[int, int, int, int]] = []
        self.line_width, self.line_color = 0, None
        for cmd in cmds:
            name, (c0, r0), (c1, r1), *args = cmd
            c0, c1 = (c0 + ncols if c0 < 0 else c0), (c1 + ncols if c1 < 0 else c1)
            r0, r1 = (r0 + nrows if r0 < 0 else r0), (r1 + nrows if r1 < 0 else r1)
            if name == "SPAN":
                if r1 >= nh:
                    raise ValueError("a book table spans cells only in its header")
                spans.append((c0, r0, c1, r1))
                continue
            if name in ("GRID", "INNERGRID", "BOX"):
                self.line_width, self.line_color = args[0], toColor(args[1])
                continue
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    st = cells[r][c]
                    if name == "FONTSIZE" or name == "SIZE":
                        st.fontsize, st.leading = args[0], args[0] * 1.2
                    elif name == "FONT":
                        st.fontname = args[0]
                        if len(args) > 1:
                            st.fontsize, st.leading = args[1], args[1] * 1.2
                    elif name in _CMD_ATTR:
                        value = args[0]
                        if name == "BACKGROUND":
                            value = toColor(value)
                        setattr(st, _CMD_ATTR[name], value)
                    else:
                        raise ValueError(f"unsupported table style command {name} in a book table")
        self.body_styles = cells[nh]
        # Header boxes: (c0, r0, c1, r1) for every cell not hidden by a span.
        covered = set()
        boxes = []
        for c0, r0, c1, r1 in spans:
            boxes.append((c0, r0, c1, r1))
            covered |= {(c, r) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for r in range(nh):
            for c in range(ncols):
                if (c, r) not in covered:
                    boxes.append((c, r, c, r))
        boxes.sort(key=lambda b: (b[1], b[0]))
        # Row heights: cells of one row first, then a span taller than its rows lengthens its last row.
        measured = []
        heights = [0.0] * nh
        for c0, r0, c1, r1 in boxes:
            st = cells[r0][c0]
            cell = _measure(header[r0][c0], st, self.x[c1 + 1] - self.x[c0])
            measured.append(((c0, r0, c1, r1), st, cell))
            if r0 == r1:
                heights[r0] = max(heights[r0], cell[2])
        for (c0, r0, c1, r1), _st, cell in measured:
            if r1 > r0 and sum(heights[r0:r1 + 1]) < cell[2]:
                heights[r1] += cell[2] - sum(heights[r0:r1 + 1])
        self.header_heights = heights
        self.encoded: dict = {}  # (text, font) -> PDF text of its TrueType subsets, for this document
        self.header_ops: str | None = None
        self.header_height = sum(heights)
        self.header = measured

    def measure_row(self, row: list) -> tuple[float, list]:
        cells = [_measure(v, st, w) for v, st, w in zip(row, self.body_styles, self.col_widths)]
        return max(c[2] for c in cells), cells


def _measure(value, st: _CellStyle, width: float) -> tuple[list, tuple, float]:
    """A cell laid out at its width: (lines, (leading, font size, alignment), height with paddings)."""
    inner = width - st.lpad - st.rpad
    if isinstance(value, TextCell):
        ps = value.style
        lines = value.lines(inner)
        fmt = (ps.leading, ps.fontSize, ("LEFT", "CENTER", "RIGHT", "LEFT")[ps.alignment])
        h = len(lines) * ps.leading
    elif value in (None, ""):
        lines, fmt, h = [], (st.leading, st.fontsize, st.align), 0.0
    else:
        fk = (st.fontname, st.fontsize, None)
        lines = [(_width(t, st.fontname, st.fontsize), [(t, fk)]) for t in str(value).split("\n")]
        fmt = (st.leading, st.fontsize, st.align)
        h = len(lines) * st.leading
    return lines, fmt, h + st.tpad + st.bpad


def _split_row(row: tuple[float, list], height: float, styles: list[_CellStyle]) -> tuple[tuple, tuple]:
    """A row taller than a page cut at `height`: the lines that fit, and the rest (continued on the next page)."""
    first, rest = [], []
    for (lines, fmt, _h), st in zip(row[1], styles):
        k = max(0, int((height - st.tpad - st.bpad) // fmt[0]))
        a, b = lines[:k], lines[k:]
        first.append((a, fmt, len(a) * fmt[0] + st.tpad + st.bpad))
        rest.append((b, fmt, len(b) * fmt[0] + st.tpad + st.bpad))
    return (max(c[2] for c in first), first), (max(c[2] for c in rest), rest)


class BookTable(Flowable):
    """A long table laid out page by page: the header rows on every page, then the body rows that fit. Each body
    row is made and measured once (`make_row(i)` gives its cells: TextCell, plain text or ""), pages are filled
    by adding row heights, and each page is drawn directly (grid and text). A row taller than a whole page
    continues on the next one."""

    def __init__(self, header: list[list], count: int, make_row, col_widths: list[float], style_cmds: list[tuple],
                 *, page_height: float, _layout: _Layout | None = None, _start: int = 0,
                 _measured: dict | None = None):
        super().__init__()
        self.layout = _layout or _Layout(header, col_widths, style_cmds)
        self.header, self.count, self.make_row = header, count, make_row
        self.col_widths, self.style_cmds = col_widths, style_cmds
        self.page_height = page_height  # the frame's height: what a page can hold at most
        self.start = _start
        self.measured = _measured if _measured is not None else {}
        self._rows: list | None = None
        self._fit_for: tuple | None = None
        self.width = self.layout.x[-1]
        self.hAlign = "CENTER"  # as a Table: the grid is centred between the margins

    def _row(self, i: int) -> tuple[float, list]:
        row = self.measured.get(i)
        if row is None:
            row = self.measured[i] = self.layout.measure_row(self.make_row(i))
        return row

    def _fit(self, avail: float) -> tuple[int, float]:
        """How many rows from `start` fit in `avail` points under the header, and their height."""
        if self._fit_for and self._fit_for[0] == avail:
            return self._fit_for[1]
        room = avail - self.layout.header_height
        n, used = 0, 0.0
        while self.start + n < self.count:
            h = self._row(self.start + n)[0]
            if used + h > room + 1e-6:
                break
            used += h
            n += 1
        self._fit_for = (avail, (n, used))
        return n, used

    def wrap(self, avail_width, avail_height):
        n, used = self._fit(avail_height)
        if self.start + n < self.count:
            self._rows = None
            return self.width, avail_height + 1  # more rows follow: the frame asks us to split
        self._rows = [self._row(i) for i in range(self.start, self.count)]
        self.height = self.layout.header_height + used
        return self.width, self.height

    def split(self, avail_width, avail_height):
        n, used = self._fit(avail_height)
        rows = [self._row(i) for i in range(self.start, self.start + n)]
        start = self.start + n
        room = avail_height - self.layout.header_height
        if n == 0:
            row = self._row(start)
            if row[0] <= self.page_height - self.layout.header_height + 1e-6 or room < 3 * 9.6 + 5:
                return []  # on the next page
            first, rest = _split_row(row, room, self.layout.body_styles)
            rows, used = [first], first[0]
            self.measured[start] = rest  # continued on the next page, same number
        else:
            for k in range(self.start, start):
                self.measured.pop(k, None)
        page = _BookPage(self.layout, rows, self.layout.header_height + used)
        rest = BookTable(self.header, self.count, self.make_row, self.col_widths, self.style_cmds,
                         page_height=self.page_height, _layout=self.layout, _start=start, _measured=self.measured)
        return [page, rest]

    def draw(self):
        _draw_page(self.canv, self.layout, self._rows or [], self.height)


class _BookPage(Flowable):
    """One page of a BookTable: the header and these measured rows."""

    def __init__(self, layout: _Layout, rows: list, height: float):
        super().__init__()
        self.layout, self.rows = layout, rows
        self.width, self.height = layout.x[-1], height
        self.hAlign = "CENTER"

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def split(self, avail_width, avail_height):
        return []

    def draw(self):
        _draw_page(self.canv, self.layout, self.rows, self.height)


def _draw_page(canvas, lay: _Layout, rows: list, height: float) -> None:
    """A page of the table, written as PDF operators: the header (the same on every page, written once per
    document), then the rows' text as one text object, then the grid."""
    xs = lay.x
    y0 = height - lay.header_height
    if lay.header_ops is None:
        lay.header_ops = _header_ops(canvas, lay)
    ops = ["q", f"1 0 0 1 0 {y0:.2f} cm", lay.header_ops, "Q"]
    text = _PageText(canvas, lay.encoded)
    ys = [y0]
    for row_h, cells in rows:
        y = ys[-1] - row_h
        for i, cell in enumerate(cells):
            if cell[0]:
                _draw_cell(text, cell, lay.body_styles[i], xs[i], y, xs[i + 1] - xs[i], row_h)
        ys.append(y)
    ops += ["q", text.code(), "Q"]  # the canvas's own colour and font stay as it knows them
    if lay.line_width and rows:
        ops += ["q", _stroke(lay)]
        for x in xs:
            ops.append(f"{x:.2f} {ys[0]:.2f} m {x:.2f} {ys[-1]:.2f} l")
        for y in ys[1:]:
            ops.append(f"{xs[0]:.2f} {y:.2f} m {xs[-1]:.2f} {y:.2f} l")
        ops += ["S", "Q"]
    canvas.addLiteral("\n".join(ops))


def _stroke(lay: _Layout) -> str:
    r, g, b = lay.line_color.rgb()
    return f"{lay.line_width:g} w {r:.4g} {g:.4g} {b:.4g} RG"


def _header_ops(canvas, lay: _Layout) -> str:
    """The header's operators, its bottom at y = 0: backgrounds, text, each box's outline (spans as one box)."""
    xs = lay.x
    tops = [lay.header_height]
    for h in lay.header_heights:
        tops.append(tops[-1] - h)
    ops = ["q"]
    boxes = []
    for (c0, r0, c1, r1), st, _cell in lay.header:
        box = (xs[c0], tops[r1 + 1], xs[c1 + 1] - xs[c0], tops[r0] - tops[r1 + 1])
        boxes.append(box)
        if st.background is not None:
            r, g, b = st.background.rgb()
            ops.append(f"{r:.4g} {g:.4g} {b:.4g} rg " + " ".join(f"{v:.2f}" for v in box) + " re f")
    text = _PageText(canvas, lay.encoded)
    for ((c0, r0, c1, r1), st, cell), (x, y, w, h) in zip(lay.header, boxes):
        _draw_cell(text, cell, st, x, y, w, h)
    ops.append(text.code())
    if lay.line_width:
        ops.append(_stroke(lay))
        ops += [" ".join(f"{v:.2f}" for v in box) + " re S" for box in boxes]
    ops.append("Q")
    return "\n".join(ops)


class _PageText:
    """PDF text operators for a page's cells (BT … ET), the TrueType subsets encoded once per text."""

    def __init__(self, canvas, encoded: dict):
        self.canvas = canvas
        self.encoded = encoded
        self.ops = ["BT"]
        self.font = None
        self.color = None

    def line(self, x: float, y: float, segs: list) -> None:
        ops = self.ops
        ops.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm")
        for t, (font, size, color) in segs:
            color = color or _BLACK
            if color is not self.color:
                r, g, b = color.rgb()
                ops.append(f"{r:.4g} {g:.4g} {b:.4g} rg")
                self.color = color
            for sub, esc in self._encode(t, font):
                if (sub, size) != self.font:
                    ops.append(f"{sub} {size:g} Tf")
                    self.font = (sub, size)
                ops.append(f"({esc}) Tj")

    def _encode(self, t: str, font: str) -> list[tuple[str, str]]:
        key = (t, font)
        enc = self.encoded.get(key)
        if enc is None:
            f = getFont(font)
            doc = self.canvas._doc
            if f._dynamicFont:
                enc = [(f.getSubsetInternalName(sub, doc), self.canvas._escape(part))
                       for sub, part in f.splitString(t, doc)]
            else:  # a standard font (not used by the books, kept for completeness)
                enc = [(doc.getInternalFontName(font), self.canvas._escape(t))]
            self.encoded[key] = enc
        return enc

    def code(self) -> str:
        return "\n".join(self.ops + ["ET"])


def _draw_cell(text: _PageText, cell: tuple, st: _CellStyle, x: float, y: float, w: float, h: float) -> None:
    """The lines of one cell in the box (x, y, w, h): first baseline one font size under the top of the text,
    the text at the top of the box or in its middle, as a Table places a cell's content."""
    lines, (leading, size, align), _h = cell
    content = len(lines) * leading
    if st.valign == "TOP":
        top = y + h - st.tpad
    elif st.valign == "MIDDLE":
        top = y + (h + st.bpad - st.tpad + content) / 2
    else:
        top = y + st.bpad + content
    baseline = top - size
    left, inner = x + st.lpad, w - st.lpad - st.rpad
    for lw, segs in lines:
        if segs:
            if align == "CENTER":
                lx = left + (inner - lw) / 2
            elif align == "RIGHT":
                lx = left + inner - lw
            else:
                lx = left
            text.line(lx, baseline, segs)
        baseline -= leading


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

    def p(self, markup: str, style=None) -> TextCell:
        return TextCell(markup, style or self.cell)


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


def _person_line(person: dict, home: str | None) -> str:
    name = layout.text(person.get("name") or "")
    addr = full_address(person, home)
    return f"<b>{name}</b>" + (f"<br/>{layout.text(addr)}" if addr else "")


def follow_up(petition: dict) -> str:
    """How a petition made from the reception stands, for column 11: "Đơn 00004-2026-2: đã thụ lý ngày 19/11/2026;
    đã giải quyết ngày 18/12/2026; đã trả lời công dân ngày 21/12/2026" — its dates, else its status."""
    steps = []
    if petition.get("accepted_on"):
        steps.append(f"đã thụ lý ngày {layout.dmy(petition['accepted_on'])}")
    if petition.get("direction") == "forward" and petition.get("forwarded_to"):
        steps.append(f"đã chuyển đến {petition['forwarded_to']}")
    if petition.get("resolved_on"):
        steps.append(f"đã giải quyết ngày {layout.dmy(petition['resolved_on'])}")
    if petition.get("answered_on"):
        steps.append(f"đã trả lời công dân ngày {layout.dmy(petition['answered_on'])}")
    if not steps and petition.get("status"):
        steps.append(enums.label(enums.PETITION_STATUS, petition["status"]).lower())
    name = f"Đơn {petition['case_no']}" if petition.get("case_no") else "Đơn"
    return layout.text(f"{name}: {'; '.join(steps)}" if steps else name)


def body_cells(record: dict, home: str | None = None, petitions: list[dict] = ()) -> list[str]:
    """The 12 cells of one reception as markup strings ("" for empty) — the record already masked. `home`: this
    unit's commune code (an address elsewhere gets its commune written out); `petitions`: those made from it, whose
    handling column 11 follows."""
    received = record.get("received_at") or ""
    when = layout.dmy(received)
    if len(received) > 10 and received[11:16] not in ("", "00:00"):
        when += f"<br/>{received[11:16]}"
    size = int(record.get("group_size") or 1)
    reps = record.get("representatives") or []
    citizen = record.get("citizen")
    if record.get("no_show"):
        who, ids = f"<i>{NO_SHOW}</i>", ""
    elif size > 1 or (reps and not citizen):
        people = reps or ([citizen] if citizen else [])
        who = "Đại diện: " + "<br/>".join(_person_line(p, home) for p in people) if people else ""
        ids = "<br/>".join(layout.text(p.get("id_number") or "") for p in people)
    else:
        who = _person_line(citizen, home) if citizen else ""
        ids = layout.text((citizen or {}).get("id_number") or "")
    category = enums.label(enums.CATEGORY, record.get("category")) if record.get("category") else ""
    count = f"Đoàn {size} người" if size > 1 else ("1 người" if not record.get("no_show") else "")
    kind = "<br/>".join(x for x in (layout.text(category), count) if x)
    ticks = ["x" if record.get("direction") == key else "" for key, _t in DIRECTIONS]
    result = layout.text(record.get("result") or "")
    if record.get("forwarded_to") and record["forwarded_to"] not in (record.get("result") or ""):
        fwd = f"Chuyển đến: {layout.text(record['forwarded_to'])}"
        result = fwd + (f"<br/>{result}" if result else "")
    if record.get("notified_on"):  # the reply owed after the reception (Reception Law Art. 28)
        told = f"Đã trả lời công dân ngày {layout.dmy(record['notified_on'])}"
        result = result + (f"<br/>{told}" if result else told)
    for p in petitions:
        line = follow_up(p)
        result = result + (f"<br/>{line}" if result else line)
    return [when, who, ids, layout.text(record.get("content") or ""), kind,
            layout.text(record.get("prior_handler") or ""), *ticks, result, layout.text(record.get("note") or "")]


def body_row(c: Cells, number: int, record: dict, case_no: str | None, home: str | None = None,
             petitions: list[dict] = (), unit: str = "") -> list:
    """One table row: STT and the ticks as plain centred text, every other cell a TextCell (they wrap). `unit`:
    the commune named above the content in an upper level's book of every commune."""
    cells = body_cells(record, home, petitions)
    heading = "<br/>".join(x for x in (layout.text(unit), f"Hồ sơ số {layout.text(case_no)}" if case_no else "") if x)
    if heading:  # the case number heads the case's content (stable forever; the slips carry it too)
        cells[3] = f'<font size="{FONT_SIZE - 2}" color="#444444">{heading}</font>' \
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


def subtitles(st, scope: Scope, period: str) -> list:
    """The lines under a book's title: at the upper level whose entries it holds, then the period."""
    return [Paragraph(layout.text(line), st.subtitle) for line in (*scope.unit_lines, period)]


def closing(c: Cells, unit: str, today: date) -> KeepTogether:
    sig = layout.signature_block(c.st, WIDTH, left_title="NGƯỜI LẬP SỔ", right_title="THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
                                 place_date=layout.place_and_date(layout.place_name(unit), today),
                                 right_note="(Ký, ghi rõ họ tên, đóng dấu)")
    return KeepTogether([Spacer(1, 6 * mm), sig])


def build(session, out: Path, options: dict, *, include_confidential: bool, invariant: bool) -> dict:
    date_from, date_to = options.get("date_from"), options.get("date_to")
    scope = scope_of(session, options)
    stored = printing_queries.records_in_period(session.db, "reception", date_from, date_to, scope.sites,
                                                scope.order)
    made = printing_queries.petitions_from_receptions(session.db, [s.id for s in stored])
    home = session.home_commune
    c = Cells()
    period = period_line(date_from, date_to)

    def make_row(i: int) -> list:
        s = stored[i]
        return body_row(c, i + 1, visible(session, s.record, include_confidential), s.record.get("case_no"), home,
                        made.get(s.id, ()), scope.label(s.owner_site))

    return write_book(session, out, c, title=TITLE, scope=scope, period=period, count=len(stored), make_row=make_row,
                      header=header_rows(c), widths=col_widths(), style=table_style(),
                      empty="Không có lượt tiếp công dân nào trong thời gian này.",
                      tally=(scope.tally(s.owner_site for s in stored), "Số lượt tiếp"),
                      confidential=include_confidential, invariant=invariant)


def write_book(session, out: Path, c: Cells, *, title: str, scope: Scope, period: str, count: int, make_row,
               header: list[list], widths: list[float], style: list[tuple], empty: str, confidential: bool,
               invariant: bool, total: str = "", tally: tuple[list[tuple[str, int]], str] = ([], "")) -> dict:
    """A book of the period into `out` (the reception book, the petition and dialogue registers): the national
    heading, the title and the lines under it, `count` rows made by `make_row(i)` under `header`, the sentence
    `empty` when there are none, the signatures; "Trang x/y" and, for `confidential`, the MẬT mark on each page.
    `total`: a line under the table; `tally` — each unit's count and the column's title — closes a book of every
    commune with a table by unit."""
    upper, unit = unit_names(session.db)
    unit_name = settings.get(session.db, "unit_name") or unit
    story = [
        layout.national_heading(c.st, upper, unit, WIDTH),
        Spacer(1, 4 * mm),
        Paragraph(title, c.st.title),
        *subtitles(c.st, scope, period),
        BookTable(header, count, make_row, widths, style, page_height=FRAME_HEIGHT),
    ]
    if not count:
        story.append(Paragraph(f"<i>{layout.text(empty)}</i>", c.st.center))
    if total:
        story.append(Paragraph(f"<b>{layout.text(total)}</b>", c.st.body))
    if tally[0]:  # the table by unit and the signatures on one page: never a page of signatures alone
        story.append(KeepTogether([*unit_tally(c, *tally), closing(c, unit_name, session.clock.today())]))
    else:
        story.append(closing(c, unit_name, session.clock.today()))
    named = " — ".join(x for x in (title, unit_name, scope.file_tag) if x)
    doc = SimpleDocTemplate(str(out), pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=BOTTOM_MARGIN, title=named, author=unit_name,
                            subject=period, invariant=1 if invariant else 0)
    doc.build(story, onLaterPages=running_head(UI_FONT, f"{named} — {period}"),
              canvasmaker=layout.numbered_canvas(UI_FONT, confidential=confidential))
    return {"pages": doc.page, "entries": count}


def unit_tally(c: Cells, counts: list[tuple[str, int]], counted: str) -> list:
    """After a book of every commune: how many entries each unit has, and the total — what a province board
    reads first, and where a commune that sent nothing shows as 0."""
    st = c.st
    rows = [[Paragraph("STT", c.head), Paragraph("Đơn vị", c.head), Paragraph(layout.text(counted), c.head)]]
    rows += [[Paragraph(str(i), st.cell_center), Paragraph(layout.text(label), st.cell),
              Paragraph(vn_number(n), st.cell_center)] for i, (label, n) in enumerate(counts, 1)]
    rows.append(["", Paragraph("<b>Tổng cộng</b>", st.cell),
                 Paragraph(f"<b>{vn_number(sum(n for _l, n in counts))}</b>", st.cell_center)])
    table = Table(rows, colWidths=[12 * mm, 110 * mm, 35 * mm], repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle(layout.grid_style(UI_FONT, 1)))
    return [Spacer(1, 5 * mm), Paragraph("<b>Tổng hợp theo đơn vị</b>", st.body), Spacer(1, 2 * mm), table]


def numbered_header_rows(c: Cells, columns) -> list[list]:
    """The header of a book without grouped columns: the titles, then the column numbers (1)…(n)."""
    return [[c.p(layout.text(t), c.head) for t, _w in columns],
            [c.p(f"({i})", c.center) for i in range(1, len(columns) + 1)]]


def numbered_table_style(family: str = UI_FONT) -> list[tuple]:
    """The grid of such a book (two header rows), its first column (STT) centred, the body a point smaller."""
    return layout.grid_style(family, 2) + [
        ("ALIGN", (0, 2), (0, -1), "CENTER"),
        ("FONTSIZE", (0, 2), (-1, -1), FONT_SIZE - 1),
    ]
