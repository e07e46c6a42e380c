"""Sổ theo dõi đơn — the petition register for a period, A4 landscape.

One row per petition received in the period (not deleted), by received date then case number: STT, ngày nhận,
người gửi đơn ("Nặc danh" for an anonymous petition; "[Bảo mật]" for a denouncer unless the print explicitly
includes the identity), địa chỉ, phân loại, nội dung, hướng xử lý, hạn giải quyết (the stored legal due date and
any extensions), trạng thái, kết quả. ID numbers are never printed in the register.
Same heading, page layout, "Trang x/y", MẬT mark and signature block as the reception book.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.units import mm

from app.domain import enums
from app.domain.addresses import full_address
from app.reports import layout
from app.reports.fonts import UI_FONT
from app.reports.reception_log import (FONT_SIZE, Cells, numbered_header_rows, numbered_table_style, period_line,
                                       visible, write_book)
from app.reports.unit_scope import scope_of
from app.storage import printing_queries

TITLE = "SỔ THEO DÕI ĐƠN"
ANONYMOUS = "Nặc danh"
COLUMNS = (  # (title, width in mm); sum = 273
    ("STT", 9),
    ("Ngày nhận đơn", 24),
    ("Người gửi đơn", 34),
    ("Địa chỉ", 34),
    ("Phân loại đơn", 19),
    ("Nội dung đơn", 53),
    ("Hướng xử lý", 30),
    ("Hạn giải quyết", 20),
    ("Trạng thái", 20),
    ("Kết quả giải quyết", 30),
)
HEADER_ROWS = 2  # titles, column numbers


def header_rows(c: Cells) -> list[list]:
    return numbered_header_rows(c, COLUMNS)


def table_style(family: str = UI_FONT) -> list[tuple]:
    return numbered_table_style(family)


def col_widths() -> list[float]:
    return [w * mm for _t, w in COLUMNS]


def finished_deadline(record: dict, calendar, rules) -> tuple[str | None, bool]:
    """(the last legal deadline of a finished petition, whether it was met late). Its stored due date is cleared
    once it is done (nothing is pending), yet the register must still show the deadline and a late resolution."""
    from app.domain.deadlines import petition_deadlines

    if record.get("status") not in enums.PETITION_DONE_STATUSES:
        return None, False
    deadlines = petition_deadlines(record, calendar, rules)
    if not deadlines:
        return None, False
    last = max(deadlines, key=lambda d: d.due_on)
    return last.due_on.isoformat(), any(d.met_on is not None and d.met_on > d.due_on for d in deadlines)


def body_cells(record: dict, due_on: str | None, today: date, home: str | None = None,
               late: bool = False, unit: str = "") -> list[str]:
    """Columns (2)…(10) of one petition as markup ("" for empty) — the record already masked."""
    received = layout.dmy(record.get("received_on"))
    for small in (record.get("case_no"), unit):  # the case number; the commune in a book of every commune
        if small:
            received += f'<br/><font size="{FONT_SIZE - 2}" color="#444444">{layout.text(small)}</font>'
    people = record.get("petitioners") or []
    if record.get("anonymous") or not people:
        who, where = f"<i>{ANONYMOUS}</i>", ""
    else:
        who = "<br/>".join(f"<b>{layout.text(p.get('name') or '')}</b>" for p in people)
        addresses = []
        for p in people:
            a = full_address(p, home)
            if a and a not in addresses:
                addresses.append(a)
        where = "<br/>".join(layout.text(a) for a in addresses)
        if len(people) > 1:
            who += f"<br/><i>({len(people)} người đứng tên)</i>"
    category = layout.text(enums.label(enums.CATEGORY, record.get("category")))
    direction = ""
    if record.get("direction"):
        direction = layout.text(enums.label(enums.PETITION_DIRECTION, record["direction"]))
        if record.get("forwarded_to"):
            direction += f": {layout.text(record['forwarded_to'])}"
    if record.get("accepted_on"):
        direction += ("<br/>" if direction else "") + f"Thụ lý ngày {layout.dmy(record['accepted_on'])}"
    due = layout.dmy(due_on)
    extensions = record.get("extensions") or []
    if extensions:
        days = sum(int(e.get("days") or 0) for e in extensions)
        due += f"<br/>(gia hạn {days} ngày)"
    status_key = record.get("status")
    status = layout.text(enums.label(enums.PETITION_STATUS, status_key))
    if due_on and status_key not in enums.PETITION_DONE_STATUSES and due_on < today.isoformat():
        status += "<br/><b>Quá hạn</b>"
    elif late:
        status += "<br/><b>Giải quyết quá hạn</b>"
    result = []
    if record.get("outcome"):
        result.append(layout.text(enums.label(enums.OUTCOME, record["outcome"])))
    if record.get("resolved_on"):
        result.append(f"Giải quyết ngày {layout.dmy(record['resolved_on'])}")
    if record.get("answered_on"):
        result.append(f"Trả lời công dân ngày {layout.dmy(record['answered_on'])}")
    if record.get("eligible") is False:
        reason = record.get("ineligible_reason")
        result.append("Không đủ điều kiện xử lý" + (f": {layout.text(reason)}" if reason else ""))
    if record.get("note"):
        result.append(f"<i>{layout.text(record['note'])}</i>")
    return [received, who, where, category, layout.text(record.get("content") or ""), direction, due, status,
            "<br/>".join(result)]


def body_row(c: Cells, number: int, record: dict, due_on: str | None, today: date, home: str | None = None,
             late: bool = False, unit: str = "") -> list:
    cells = body_cells(record, due_on, today, home, late, unit)
    return [str(number)] + [c.p(m, c.whole if i == 0 else None) if m else "" for i, m in enumerate(cells)]


def build(session, out: Path, options: dict, *, include_confidential: bool, invariant: bool) -> dict:
    date_from, date_to = options.get("date_from"), options.get("date_to")
    scope = scope_of(session, options)
    stored = printing_queries.records_in_period(session.db, "petition", date_from, date_to, scope.sites,
                                                scope.order)
    today = session.clock.today()
    home = session.home_commune
    calendar, rules = session.calendar(), session.rules()
    c = Cells()
    period = period_line(date_from, date_to)

    def make_row(i: int) -> list:
        s = stored[i]
        rec = visible(session, s.record, include_confidential)
        due_on, late = s.extra.get("due_on"), False
        if due_on is None:
            due_on, late = finished_deadline(s.record, calendar, rules)
        return body_row(c, i + 1, rec, due_on, today, home, late, scope.label(s.owner_site))

    return write_book(session, out, c, title=TITLE, scope=scope, period=period, count=len(stored), make_row=make_row,
                      header=header_rows(c), widths=col_widths(), style=table_style(),
                      empty="Không có đơn nào trong thời gian này.", confidential=include_confidential,
                      invariant=invariant,
                      tally=(scope.tally(s.owner_site for s in stored), "Số đơn"))
