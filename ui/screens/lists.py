"""The list screens of receptions, petitions and dialogues (models have their own, grouped by field)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from app.domain import enums
from app.domain.enums import label
from ui import format as fmt
from ui.models.record_table import Column
from ui.screens.record_list import FilterSpec, ListSpec, RecordListScreen, overdue_colour
from ui.style import OVERDUE



def _person(row: dict) -> str:
    name = row.get("person_name") or ""
    if row.get("anonymous"):
        return QCoreApplication.translate("Lists", "Anonymous")
    if row.get("no_show"):  # a reception session at which no citizen came: say so, not an empty row
        return QCoreApplication.translate("Lists", "No citizen came")
    n = row.get("group_size") or 1
    if n > 1:
        return QCoreApplication.translate("Lists", "{name} (group of {n})").format(name=name, n=n)
    return name


# The widest case number a unit reaches in a year, and the widest date and time: their columns never show less
# of one — the number officers quote ("00004-2026-7…" at 1366 px with a fixed 120 px floor). Measured in the
# interface font, whose digits are proportional ("09:15" is wider than "14:15") and wider than the pixel counts
# once assumed.
_WIDEST_CASE_NO = "00004-2026-8888"
_WIDEST_DATE_TIME = "00/00/0000 00:00"
_CELL_PADDING = 16


def _text_width(sample: str) -> int:
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QApplication

    return QFontMetrics(QApplication.font()).horizontalAdvance(sample) + _CELL_PADDING


# a name is what the officer looks for in the list: never fitted narrower than "Nguyễn Thị Thu …"
PERSON_MIN = 130


def _case_no_column() -> Column:
    width = _text_width(_WIDEST_CASE_NO)
    return Column("case_no", lambda: QCoreApplication.translate("Lists", "Case no."),
                  lambda r: r.get("case_no") or "", "case_no", width=max(135, width), min_width=width)


def _one_line(text: str | None, limit: int = 160) -> str:
    s = " ".join((text or "").split())
    return s if len(s) <= limit else s[:limit - 1] + "…"


def _reception_columns(screen: RecordListScreen) -> list[Column]:
    lang = lambda: screen.ctx.lang  # noqa: E731 — read at paint time: the language may change
    red = overdue_colour(screen.ctx.session.clock.today().isoformat())
    when_width = _text_width(_WIDEST_DATE_TIME)
    return [
        _case_no_column(),
        Column("received_at", lambda: QCoreApplication.translate("Lists", "Received"), lambda r: fmt.dt(r.get("received_at")), "date",
               width=max(135, when_width), min_width=when_width),
        Column("person", lambda: QCoreApplication.translate("Lists", "Citizen"), _person, "person", width=160,
               min_width=PERSON_MIN),
        Column("content", lambda: QCoreApplication.translate("Lists", "Content"), lambda r: _one_line(r.get("content")), None, width=185,
               tooltip=lambda r: r.get("content") or ""),
        Column("category", lambda: QCoreApplication.translate("Lists", "Category"), lambda r: label(enums.CATEGORY, r.get("category"), lang()),
               "category", width=115, drop=3),
        Column("direction", lambda: QCoreApplication.translate("Lists", "Handling"),
               lambda r: label(enums.RECEPTION_DIRECTION, r.get("direction"), lang()), "direction", width=145,
               drop=4),  # at 150 % on 1366 px the reply's due date needs its room
        Column("host", lambda: QCoreApplication.translate("Lists", "Received by"), lambda r: r.get("host_name") or "", "host", width=120,
               drop=2),
        Column("result", lambda: QCoreApplication.translate("Lists", "Result"), lambda r: _one_line(r.get("result"), 120), None, width=90,
               drop=1),
        # the reply owed to the citizen (Reception Law Art. 28): empty once answered or nothing is owed
        Column("due", lambda: QCoreApplication.translate("Lists", "Reply due"), lambda r: fmt.d(r.get("due_on")), "due",
               width=112, min_width=100, foreground=red, alert=True),
    ]


def _petition_columns(screen: RecordListScreen) -> list[Column]:
    lang = lambda: screen.ctx.lang  # noqa: E731
    today = screen.ctx.session.clock.today().isoformat()
    red = overdue_colour(today)
    return [
        _case_no_column(),
        Column("received_on", lambda: QCoreApplication.translate("Lists", "Received on"), lambda r: fmt.d(r.get("received_on")), "date", width=95, min_width=90),
        Column("person", lambda: QCoreApplication.translate("Lists", "Petitioner"), _person, "person", width=165,
               min_width=PERSON_MIN),
        Column("content", lambda: QCoreApplication.translate("Lists", "Content"), lambda r: _one_line(r.get("content")), None, width=190,
               tooltip=lambda r: r.get("content") or "", drop=3),  # the record says it whole
        Column("category", lambda: QCoreApplication.translate("Lists", "Category"), lambda r: label(enums.CATEGORY, r.get("category"), lang()),
               "category", width=125, drop=2),
        Column("status", lambda: QCoreApplication.translate("Lists", "Status"), lambda r: label(enums.PETITION_STATUS, r.get("status"), lang()),
               "status", width=160),
        Column("due", lambda: QCoreApplication.translate("Lists", "Due"), lambda r: fmt.d(r.get("due_on")), "due", width=112, min_width=100, foreground=red,
               alert=True),
        Column("direction", lambda: QCoreApplication.translate("Lists", "Handling"),
               lambda r: label(enums.PETITION_DIRECTION, r.get("direction"), lang()), None, width=150, drop=1),
    ]


def _dialogue_columns(screen: RecordListScreen) -> list[Column]:
    today = screen.ctx.session.clock.today().isoformat()

    def late(r: dict):  # a promise whose day has passed with no result recorded
        due = r.get("commitments_due")
        return QColor(OVERDUE) if due and due < today and not r.get("follow_up") else None

    return [
        Column("held_on", lambda: QCoreApplication.translate("Lists", "Held on"), lambda r: fmt.d(r.get("held_on")), "date", width=110, min_width=95),
        Column("chair", lambda: QCoreApplication.translate("Lists", "Chaired by"), lambda r: r.get("chair") or "", "chair", width=135, drop=2),
        Column("participants", lambda: QCoreApplication.translate("Lists", "Participants"),
               lambda r: fmt.number(r["participants"]) if r.get("participants") is not None else "", None,
               align_right=True, width=126, drop=1),
        Column("topics", lambda: QCoreApplication.translate("Lists", "Topics"), lambda r: _one_line(r.get("topics")), None, width=165,
               tooltip=lambda r: r.get("topics") or ""),
        Column("commitments", lambda: QCoreApplication.translate("Lists", "Commitments"), lambda r: _one_line(r.get("commitments")), None, width=252,
               tooltip=lambda r: r.get("commitments") or ""),
        Column("commitments_due", lambda: QCoreApplication.translate("Lists", "Due by"), lambda r: fmt.d(r.get("commitments_due")),
               "due", width=110, min_width=100, foreground=late, alert=True),
        # what became of the promises: an empty cell beside a commitment is a promise not yet followed up
        Column("follow_up", lambda: QCoreApplication.translate("Lists", "Follow-up"), lambda r: _one_line(r.get("follow_up")), None, width=145,
               tooltip=lambda r: r.get("follow_up") or ""),
    ]


def receptions_spec() -> ListSpec:
    return ListSpec(
        entity="reception",
        title=lambda: QCoreApplication.translate("Lists", "Citizen reception"),
        columns=_reception_columns,
        add_text=lambda: QCoreApplication.translate("Lists", "+ Add a reception  (Ctrl+N)"),
        empty_text=lambda: QCoreApplication.translate("Lists", "No receptions yet — press Add a reception (Ctrl+N)."),
        count_text=lambda n: QCoreApplication.translate("Lists", "{n} receptions").format(n=fmt.number(n)),
        filters=[FilterSpec("category", enums.CATEGORY, lambda: QCoreApplication.translate("Lists", "Category")),
                 FilterSpec("direction", enums.RECEPTION_DIRECTION,
                            lambda: QCoreApplication.translate("Lists", "Handling"))],
        overdue_filter=True,
        overdue_text=lambda: QCoreApplication.translate("Lists", "Reply overdue only"),
        importable=True,
        print_kind="reception-log",
        print_text=lambda: QCoreApplication.translate("Lists", "Print the book…"),
    )


def petitions_spec() -> ListSpec:
    return ListSpec(
        entity="petition",
        title=lambda: QCoreApplication.translate("Lists", "Petitions"),
        columns=_petition_columns,
        add_text=lambda: QCoreApplication.translate("Lists", "+ Add a petition  (Ctrl+N)"),
        empty_text=lambda: QCoreApplication.translate("Lists", "No petitions yet — press Add a petition (Ctrl+N)."),
        count_text=lambda n: QCoreApplication.translate("Lists", "{n} petitions").format(n=fmt.number(n)),
        filters=[FilterSpec("category", enums.CATEGORY, lambda: QCoreApplication.translate("Lists", "Category")),
                 FilterSpec("status", enums.PETITION_STATUS, lambda: QCoreApplication.translate("Lists", "Status"))],
        overdue_filter=True,
        importable=True,
        print_kind="petition-register",
        print_text=lambda: QCoreApplication.translate("Lists", "Print the register…"),
    )


def dialogues_spec() -> ListSpec:
    return ListSpec(
        entity="dialogue",
        title=lambda: QCoreApplication.translate("Lists", "Dialogues"),
        columns=_dialogue_columns,
        add_text=lambda: QCoreApplication.translate("Lists", "+ Add a dialogue  (Ctrl+N)"),
        empty_text=lambda: QCoreApplication.translate("Lists", "No dialogues yet — press Add a dialogue (Ctrl+N)."),
        count_text=lambda n: QCoreApplication.translate("Lists", "{n} dialogues").format(n=fmt.number(n)),
        search_hint=lambda: QCoreApplication.translate("Lists", "Search: chair, topics, commitments…  (Ctrl+F)"),
        print_kind="dialogue-register",
        print_text=lambda: QCoreApplication.translate("Lists", "Print the dialogue register…"),
        overdue_filter=True,
        overdue_text=lambda: QCoreApplication.translate("Lists", "Commitments not yet followed up only"),
        overdue_sort="commitments_due",  # the dashboard's late commitments: the earliest deadline first
    )


class ReceptionsScreen(RecordListScreen):
    def __init__(self, ctx, parent=None):
        super().__init__(ctx, receptions_spec(), parent)


class PetitionsScreen(RecordListScreen):
    def __init__(self, ctx, parent=None):
        super().__init__(ctx, petitions_spec(), parent)


class DialoguesScreen(RecordListScreen):
    def __init__(self, ctx, parent=None):
        super().__init__(ctx, dialogues_spec(), parent)
