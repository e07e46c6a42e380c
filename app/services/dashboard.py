"""What the dashboard ("Tổng quan") shows, in one call: the current statistical period's figures (from
app.services.stats), receptions per report month, the petitions whose deadline is near or past, and the
"Dân vận khéo" models being carried out, by field.

Every figure is one or two indexed aggregate queries, so the screen opens at once on a 200,000-record database.
"""

from __future__ import annotations

from datetime import date, timedelta

from app.domain import roles
from app.domain.masking import MASK
from app.domain.periods import current_period, period_of
from app.services import stats as stats_service
from app.services.session import Session
from app.storage import dashboard as q, settings, stats as stats_store

MONTHS = 12
DUE_SOON_DAYS = 7  # "this week": the same window as stats' due_this_week (today .. today + 7)
OVERDUE_LIMIT = 100  # the longest overdue first; the full list is the petitions screen's "overdue" filter
DUE_SOON_LIMIT = 200
MODEL_ACTIVE_STATUS = "implementing"  # "Đang thực hiện"


def _cutoff(session: Session) -> int:
    return int(settings.get(session.db, "report_cutoff_day") or 15)


def receptions_by_month(session: Session, months: int = MONTHS) -> list[dict]:
    """Receptions in each of the last `months` report months (cut-off rule of app.domain.periods), oldest
    first, the current one last: [{key, year, month, from, to, count}]."""
    session.require(roles.READ)
    cutoff = _cutoff(session)
    now = current_period("month", session.clock.today(), cutoff)
    year, month = int(now.key[:4]), int(now.key[5:7])
    spans = []
    for back in range(months - 1, -1, -1):
        y, m = divmod((year * 12 + month - 1) - back, 12)
        spans.append(period_of("month", y, m + 1, cutoff))
    per_day = q.receptions_per_day(session.db, spans[0].start.isoformat(), spans[-1].end.isoformat())
    out = []
    for p in spans:
        start, end = p.start.isoformat(), p.end.isoformat()
        out.append({"key": p.key, "year": int(p.key[:4]),
                    "month": int(p.key[5:7]), "from": start, "to": end,
                    "count": sum(n for day, n in per_day.items() if start <= day <= end)})
    return out


def _working_day_counter(session: Session, first: date, last: date):
    """A function due -> working days in (today, due] (negative once overdue), from one pass over the days
    between the earliest deadline and the latest — not one walk per row."""
    cal = session.calendar()
    today = session.clock.today()
    first, last = min(first, today), max(last, today)
    upto: dict[date, int] = {}
    n, d = 0, first
    while d <= last:
        if cal.is_working_day(d):
            n += 1
        upto[d] = n
        d += timedelta(days=1)

    def left(due: date) -> int:
        return upto[due] - upto[today]

    return left


def _sees_identity(session: Session, created_by: str | None) -> bool:
    # The rule of app.services.records.sees_identity: leaders, and the officer who received the case.
    if session.can(roles.SEE_CONFIDENTIAL):
        return True
    return session.role == "officer" and created_by is not None and created_by == session.user_name


def due_petitions(session: Session, *, days: int = DUE_SOON_DAYS, overdue_limit: int = OVERDUE_LIMIT,
                  due_soon_limit: int = DUE_SOON_LIMIT) -> dict:
    """Petitions overdue today and those due within `days`, earliest deadline first:
    {"rows": [{id, case_no, person, anonymous, masked, category, due_on, working_days_left, overdue}],
     "overdue_total": n, "due_soon_total": n}. Only the `overdue_limit` longest overdue are listed.

    The person is the first petitioner; None with anonymous=True for an anonymous petition; "[Bảo mật]" with
    masked=True for a denouncer the role may not see."""
    session.require(roles.READ)
    db = session.db
    today = session.clock.today()
    t, until = today.isoformat(), (today + timedelta(days=days)).isoformat()
    rows = q.due_petitions(db, before=t, limit=overdue_limit) + \
        q.due_petitions(db, date_from=t, date_to=until, limit=due_soon_limit)
    reveal = [r["id"] for r in rows if r["confidential"] and not r["anonymous"]
              and _sees_identity(session, r["created_by"])]
    names = q.first_petitioner_names(db, reveal) if reveal else {}
    if names:  # a denouncer's name on the dashboard is a read of confidential data (issue 7)
        session.audit_confidential_reads("petition", [i for i, n in names.items() if n and n != MASK])
    out = []
    if rows:
        dues = [date.fromisoformat(r["due_on"]) for r in rows]
        left = _working_day_counter(session, min(dues), max(dues))
    for r in rows:
        due = date.fromisoformat(r["due_on"])
        anonymous = bool(r["anonymous"])
        masked = bool(r["confidential"]) and not anonymous and r["id"] not in names
        if anonymous:
            person = None
        elif masked:
            person = MASK
        elif r["confidential"]:
            person = names.get(r["id"])
        else:
            person = r["person_name"]
        out.append({"id": r["id"], "case_no": r["case_no"], "person": person, "anonymous": anonymous,
                    "masked": masked, "category": r["category"], "due_on": r["due_on"],
                    "working_days_left": left(due), "overdue": due < today, "owner_site": r["owner_site"]})
    if session.level == "upper":  # whose petition it is: its commune's name (the case number holds only its code)
        from app.services.consolidation import annotate

        out = annotate(session, out)
    return {"rows": out,
            "overdue_total": q.due_count(db, before=t),
            "due_soon_total": q.due_count(db, date_from=t, date_to=until)}


def models_by_field(session: Session, status: str = MODEL_ACTIVE_STATUS) -> dict[str, int]:
    """Live models with this status (by default those being carried out), per field, all years."""
    session.require(roles.READ)
    return q.models_by_field(session.db, status)


def overview(session: Session) -> dict:
    """Everything the dashboard shows.

    The reception and petition tiles count the current statistical period (the month containing today, under
    the unit's cut-off day); the overdue tile counts every petition overdue today, whenever it was received
    (the same as the petitions screen's "overdue" filter and the navigation badge); the models tile counts
    the models being carried out now."""
    s = stats_service.stats(session, "this-month")
    fields = models_by_field(session)
    # every dialogue, whenever held (as the overdue petitions tile)
    commitments, late_commitments = stats_store.open_commitments(session.db, session.clock.today().isoformat())
    return {
        "period": s["period"],
        "tiles": {
            "receptions": s["total"]["reception"],
            "petitions": s["total"]["petition"],
            "overdue": stats_store.overdue_count(session.db, session.clock.today().isoformat()),
            "overdue_replies": stats_store.reception_reply_overdue_count(session.db,
                                                                         session.clock.today().isoformat()),
            "models_active": sum(fields.values()),
            # what leaders promised at dialogues and has no result yet (BRIEF: commitments, deadlines, follow-up)
            "open_commitments": commitments,
            "late_commitments": late_commitments,
        },
        "petitions_by_category": s["by_category"]["petition"],
        "petitions_by_status": s["by_status"]["petition"],
        "receptions_by_month": receptions_by_month(session),
        "due": due_petitions(session),
        "models_by_field": fields,
        "models_by_status": models_by_status(session),
        # an upper level: the communes that owe most, late (None at a commune)
        "units_overdue": units_overdue(session) if session.level == "upper" else None,
    }


UNITS_SHOWN = 6  # communes in the upper level's "late" chart (the ones owing most)


def units_overdue(session: Session, limit: int = UNITS_SHOWN) -> list[dict]:
    """The communes with the most overdue petitions and unanswered receptions today, most first: [{"unit_code",
    "unit_name", "overdue", "overdue_replies", "commitments_late"}] — only those owing any."""
    from app.services import consolidation

    late = [{"unit_code": code, "unit_name": name, **counts}
            for code, name, counts in consolidation.overdue_units(session)
            if any(counts.values())]
    late.sort(key=lambda u: (-(u["overdue"] + u["overdue_replies"] + u["commitments_late"]), u["unit_code"]))
    return late[:limit]


def models_by_status(session: Session) -> dict[str, int]:
    """This year's models (registered for the current year) by status — registered, carried out, evaluated,
    recognised, rejected."""
    year = session.clock.today().year
    return stats_store.group_count(session.db, "model", "status", model_years=(year, year))
