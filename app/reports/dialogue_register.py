"""Sổ theo dõi đối thoại — the dialogues between leaders and people held in a period, A4 landscape.

Party secretaries and chairmen receive the people and hold dialogues with them (QĐ 11-QĐi/TW, amended by
KL 215-KL/TW; Reception Law): what they promised is followed up and reported. One row per dialogue held in the
period (not deleted), by date: STT, ngày, người chủ trì, số người dự, nội dung đối thoại, cam kết/giải đáp, kết quả
thực hiện, ghi chú. A dialogue names no private person, so nothing is masked. Same heading, page layout,
"Trang x/y" and signature block as the reception book; at the upper level each entry names its unit.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm

from app.domain import roles
from app.domain.text import vn_number
from app.reports import layout
from app.reports.reception_log import FONT_SIZE, Cells, numbered_header_rows, numbered_table_style, period_line, write_book
from app.reports.unit_scope import scope_of
from app.storage import printing_queries

TITLE = "SỔ THEO DÕI ĐỐI THOẠI"
COLUMNS = (  # (title, width in mm); sum = 273, the frame of the reception book
    ("STT", 9),
    ("Ngày đối thoại", 22),
    ("Người chủ trì", 34),
    ("Số người tham dự", 16),
    ("Nội dung đối thoại", 60),
    ("Nội dung tiếp thu, giải trình, cam kết", 53),
    ("Kết quả thực hiện", 53),
    ("Ghi chú", 26),
)


def col_widths() -> list[float]:
    return [w * mm for _t, w in COLUMNS]


def body_cells(record: dict, unit: str = "") -> list[str]:
    """Columns (2)…(8) of one dialogue as markup ("" for empty). `unit`: the commune in a book of every commune."""
    when = layout.dmy(record.get("held_on"))
    small = f'<br/><font size="{FONT_SIZE - 2}" color="#444444">{layout.text(unit)}</font>' if unit else ""
    participants = record.get("participants")
    due = record.get("commitments_due")
    promised = layout.text(record.get("commitments") or "") + (f"<br/><i>Hạn thực hiện: {layout.dmy(due)}</i>"
                                                               if due else "")
    return [when + small, layout.text(record.get("chair") or ""),
            "" if participants is None else f"{participants:,}".replace(",", "."),  # 1.200, the Vietnamese way
            layout.text(record.get("topics") or ""), promised,
            layout.text(record.get("follow_up") or ""), layout.text(record.get("note") or "")]


def body_row(c: Cells, number: int, record: dict, unit: str = "") -> list:
    cells = body_cells(record, unit)
    styles = {0: c.whole, 2: c.center}  # the date never breaks inside; the number of people centred
    return [str(number)] + [c.p(m, styles.get(i)) if m else "" for i, m in enumerate(cells)]


def total_line(dialogues: list[dict]) -> str:
    """"Tổng cộng: 6 cuộc đối thoại, 1.950 người tham dự" — and how many have no head count, so the sum is not
    read as everyone who came."""
    people = sum(d.get("participants") or 0 for d in dialogues)
    unknown = sum(1 for d in dialogues if d.get("participants") is None)
    line = f"Tổng cộng: {vn_number(len(dialogues))} cuộc đối thoại, {vn_number(people)} người tham dự"
    return line + (f" ({vn_number(unknown)} cuộc chưa ghi số người)" if unknown else "") + "."


def build(session, out: Path, options: dict, *, include_confidential: bool, invariant: bool) -> dict:
    session.require(roles.READ)
    date_from, date_to = options.get("date_from"), options.get("date_to")
    scope = scope_of(session, options)
    stored = printing_queries.records_in_period(session.db, "dialogue", date_from, date_to, scope.sites,
                                                scope.order)
    c = Cells()
    period = period_line(date_from, date_to)

    def make_row(i: int) -> list:
        s = stored[i]
        return body_row(c, i + 1, s.record, scope.label(s.owner_site))

    return write_book(session, out, c, title=TITLE, scope=scope, period=period, count=len(stored), make_row=make_row,
                      header=numbered_header_rows(c, COLUMNS), widths=col_widths(), style=numbered_table_style(),
                      empty="Không có buổi đối thoại nào trong thời gian này.", confidential=False,
                      invariant=invariant, total=total_line([s.record for s in stored]) if stored else "",
                      tally=(scope.tally(s.owner_site for s in stored), "Số cuộc đối thoại"))
