"""A petition's legal deadlines as the GUI's deadline strip and `check` of a case show them."""

from __future__ import annotations

from app.domain import roles
from app.domain.deadlines import petition_deadlines
from app.errors import NotFound
from app.services.session import Session
from app.storage import records as store


def deadlines_of(session: Session, petition_id: str) -> list[dict]:
    """Every deadline of one petition: label, due date, met date, overdue today, working days left, article."""
    session.require(roles.READ)
    s = store.get(session.db, "petition", petition_id)
    if s is None or s.deleted:
        raise NotFound("record.not_found", id=petition_id)
    today = session.clock.today()
    cal = session.calendar()
    out = []
    for d in petition_deadlines(s.record, cal, session.rules()):
        out.append({
            "key": d.key,
            "label": d.label_vi if session.lang == "vi" else d.label_en,
            "due_on": d.due_on.isoformat(),
            "met_on": d.met_on.isoformat() if d.met_on else None,
            "overdue": d.overdue(today),
            "working_days_left": None if d.met_on else d.working_days_left(cal, today),
            "article": d.article,
            "verified": d.verified,
        })
    return out


def rule_table(session: Session) -> list[dict]:
    """The deadline rules in force and planned, with their articles (read-only table for Quản trị)."""
    session.require(roles.READ)
    return session.rules().table_rows()
