"""The live deadline line of a petition form: "Hạn thụ lý 18/02 · Hạn giải quyết 20/03 (còn 12 ngày làm việc)",
calm while there is time, amber when three working days or fewer are left, red once overdue. A reception form
shows its reply to the citizen the same way (`for_reception`).

It computes from the form's current values with the core's pure functions (app/domain/deadlines.py), so it
follows every edit of the dates, the category or the remote-area tick before anything is saved."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from app.domain.enums import PETITION_DONE_STATUSES
from app.domain.deadlines import RECEPTION_REPLY_TRACKED_FROM, Deadline, petition_deadlines, reception_deadline
from app.domain.legal_en import in_language
from ui import format as fmt
from ui.style import OVERDUE, WARNING

WARN_DAYS = 3  # amber from this many working days left

_STYLES = {
    "none": "QFrame#deadlineStrip { background: #f6f7f8; border: 1px solid #e0e3e7; border-radius: 4px; }",
    "normal": "QFrame#deadlineStrip { background: #eef4fa; border: 1px solid #c9d9ea; border-radius: 4px; }",
    "warning": (f"QFrame#deadlineStrip {{ background: #fff4e5; border: 1px solid #f0c36d; border-radius: 4px; }}"
                f" QLabel {{ color: {WARNING}; font-weight: 600; }}"),
    "overdue": (f"QFrame#deadlineStrip {{ background: #fdecea; border: 1px solid #f1aca5; border-radius: 4px; }}"
                f" QLabel {{ color: {OVERDUE}; font-weight: 600; }}"),
}


class DeadlineStrip(QFrame):
    def __init__(self, parent: QWidget | None = None, *, for_reception: bool = False):
        super().__init__(parent)
        self.for_reception = for_reception
        self._compute = self._reception_deadlines if for_reception else self._petition_deadlines
        self.tracked_from = RECEPTION_REPLY_TRACKED_FROM  # a reception's unit tracks replies from this day
        self.notice_from = None  # a petition's unit follows notices from this day (None: every one)
        self._date_key = "received_at" if for_reception else "received_on"
        self.carried_by: list[str] = []  # a reception's petitions, which carry the notice instead
        self.setObjectName("deadlineStrip")
        h = QHBoxLayout(self)
        h.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel(wordWrap=True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        h.addWidget(self.label, 1)
        self.state = "none"  # none | normal | warning | overdue
        self.deadlines: list[Deadline] = []
        self._args = None
        self.setStyleSheet(_STYLES["none"])

    def _petition_deadlines(self, record: dict, calendar, rules) -> list[Deadline]:
        return petition_deadlines(record, calendar, rules, self.notice_from)

    def _reception_deadlines(self, record: dict, calendar, rules) -> list[Deadline]:
        d = reception_deadline(record, calendar, rules, self.tracked_from)
        return [d] if d is not None else []

    def _before_tracking(self, record: dict) -> bool:
        received = str(record.get(self._date_key) or "")[:10]
        return bool(received) and received < self.tracked_from.isoformat()

    def update_from(self, record: dict, calendar, rules, today: date, lang: str = "vi") -> None:
        """Recompute from an exchange-format petition or reception (the form's current values)."""
        self._args = (record, calendar, rules, today, lang)
        try:
            self.deadlines = self._compute(record, calendar, rules)
        except (ValueError, OverflowError):  # a date the form cannot hold; never interrupt typing over a hint
            self.deadlines = []
        pending = [d for d in self.deadlines if d.met_on is None]
        parts = []
        state = "none"
        if pending and self.carried_by:
            self.label.setText(self.tr("The notice to the citizen is followed on the petition {case_no} made "
                                       "from this reception.").format(case_no=", ".join(self.carried_by)))
        elif pending:
            first = pending[0]
            left = first.working_days_left(calendar, today)
            for d in pending:
                text = f"{d.label_vi if lang == 'vi' else d.label_en} {self._short(d.due_on, today)}"
                if d is first:
                    if first.overdue(today):
                        text += " " + self.tr("(overdue by {n} working days)").format(n=max(1, -left))
                    elif left == 0:
                        text += " " + self.tr("(due today)")
                    else:
                        text += " " + self.tr("({n} working days left)").format(n=left)
                parts.append(text)
            # a deadline already met late stays said while the next one runs (accepted late, not yet resolved)
            parts += [self.tr("done late: {item}").format(item=self._late_text(d, calendar, lang))
                      for d in self.deadlines if d.met_late]
            if any(d.overdue(today) for d in pending):
                state = "overdue"
            elif left <= WARN_DAYS:
                state = "warning"
            else:
                state = "normal"
            self.label.setText(" · ".join(parts))
        elif self.deadlines and not self.for_reception and not self._finished(record):
            # Every deadline so far is met but the case runs on (a recommendation accepted and not yet resolved
            # has no resolution deadline): saying "every deadline met" read as if the case were done.
            self.label.setText(" · ".join([self._still_open_text(record), *(
                self.tr("done late: {item}").format(item=self._late_text(d, calendar, lang))
                for d in self.deadlines if d.met_late)]))
            state = "warning" if any(d.met_late for d in self.deadlines) else "none"
        elif not self.for_reception and record.get("duplicate_of"):
            self.label.setText(self.tr("A duplicate of an earlier petition: it is filed with it, has no deadline of "
                                       "its own and is not counted as a new case."))
        elif late := [d for d in self.deadlines if d.met_late]:
            # met, but after the day: never "every deadline met" for a petition resolved late, nor "answered" alone
            # for a citizen answered late
            self.label.setText(self.tr("Done, but late: {items}").format(
                items=" · ".join(self._late_text(d, calendar, lang) for d in late)))
            state = "warning"
        elif self.deadlines and self.for_reception:
            self.label.setText(self.tr("The citizen has been answered."))
        elif self.deadlines:
            self.label.setText(self.tr("Every legal deadline of this petition is met on time."))
        elif self.for_reception and not record.get("no_show") and self._before_tracking(record):
            self.label.setText(self.tr("No reply deadline is followed: this unit follows them for receptions from "
                                       "{day} (Administration → Unit).").format(day=fmt.d(self.tracked_from)))
        elif self.for_reception and record.get(self._date_key):
            self.label.setText(self.tr("No reply is owed: nobody came to this session."))
        elif record.get(self._date_key):
            self.label.setText(self.tr("No legal deadline is pending."))
        else:
            self.label.setText(self.tr("Deadlines appear once the received date is set."))
        self.label.setToolTip(self._details(lang))
        if state != self.state:
            self.state = state
            self.setStyleSheet(_STYLES[state])

    @staticmethod
    def _finished(record: dict) -> bool:
        """The petition's handling is over: resolved, answered, forwarded, guided, filed or not eligible."""
        return bool(record.get("status") in PETITION_DONE_STATUSES or record.get("resolved_on")
                    or record.get("answered_on") or record.get("direction") in ("guide", "forward", "file")
                    or record.get("eligible") is False)

    def _still_open_text(self, record: dict) -> str:
        no_resolution_deadline = record.get("category") in ("petition", "reflection")
        accepted = str(record.get("accepted_on") or "")[:10]
        if accepted and no_resolution_deadline:
            return self.tr("Accepted on {day}; recommendations and reflections have no legal deadline for "
                           "resolving them.").format(day=fmt.d(accepted))
        if accepted:
            return self.tr("Accepted on {day}; no further legal deadline runs yet and the case is not finished."
                           ).format(day=fmt.d(accepted))
        if no_resolution_deadline:
            return self.tr("Deadlines so far met on time; recommendations and reflections have no legal deadline "
                           "for resolving them.")
        return self.tr("Deadlines so far met on time; the case is not finished.")

    def text(self) -> str:
        return self.label.text()

    def _late_text(self, d: Deadline, calendar, lang: str) -> str:
        """"Hạn giải quyết khiếu nại lần đầu: 15/10/2026, thực hiện 20/10/2026 (trễ 5 ngày)" — in the rule's count."""
        n = d.days_late(calendar)
        late = (self.tr("({n} working days late)") if d.unit == "working" else self.tr("({n} days late)")).format(n=n)
        return self.tr("{what} due {due}, done {done} {late}").format(
            what=d.label_vi if lang == "vi" else d.label_en, due=fmt.d(d.due_on), done=fmt.d(d.met_on), late=late)

    @staticmethod
    def _short(d: date, today: date) -> str:
        full = fmt.d(d)
        return full[:5] if d.year == today.year else full

    def _details(self, lang: str) -> str:
        lines = []
        for d in self.deadlines:
            label = d.label_vi if lang == "vi" else d.label_en
            line = f"{label}: {fmt.d(d.due_on)} — {in_language(d.article, lang)}"
            if d.met_on:
                line += " ✓ " + fmt.d(d.met_on) + (" " + self.tr("(late)") if d.met_late else "")
            lines.append(line)
        return "\n".join(lines)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._args is not None:
            self.update_from(*self._args)
        super().changeEvent(event)
