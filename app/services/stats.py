"""Statistics for a period (or all time): the figures `danvan stats` prints and the dashboard shows."""

from __future__ import annotations

from datetime import timedelta

from app.domain import roles
from app.domain.periods import PeriodError, parse_period, period_help
from app.errors import UsageError
from app.services.session import Session
from app.storage import settings, stats as q


def resolve_period(session: Session, period: str | None):
    if not period:
        return None
    cutoff = int(settings.get(session.db, "report_cutoff_day") or 15)
    today = session.clock.today()
    try:
        p = parse_period(period, cutoff_day=cutoff, today=today)
    except PeriodError as exc:
        # what exactly is wrong (a month 13, an end before the start), then how to write one
        detail = exc.message(session.lang)
        help_text = period_help(session.lang)
        raise UsageError("period.invalid", detail=detail if help_text in detail else f"{detail} {help_text}") from exc
    if p.start > today:  # nothing can be counted yet, and a report dated before its own period would mislead
        raise UsageError("period.not_started", label=p.label_vi if session.lang == "vi" else p.label_en,
                         start=p.start.strftime("%d/%m/%Y"))
    return p


def overdue_replies(session: Session) -> int:
    """Receptions whose reply to the citizen is late today (the one figure of `stats` a settings change asks
    for, without computing the rest on the window's thread)."""
    session.require(roles.READ)
    return q.reception_reply_overdue_count(session.db, session.clock.today().isoformat())


def stats(session: Session, period: str | None = None, by_unit: bool = False,
          sites: tuple[str, ...] | None = None) -> dict:
    """The figures of `danvan stats`. `by_unit`: "units" holds {unit_code: {type: n}} per owning unit (see
    app.services.consolidation.counts_by_unit) and "unit_names" {unit_code: name}; without it "units" is this
    unit's code with the totals, as before. `sites`: only the records owned by these site ids (one commune's, at
    the upper level)."""
    session.require(roles.READ)
    p = resolve_period(session, period)
    start = p.start.isoformat() if p else None
    end = p.end.isoformat() if p else None
    db = session.db
    today = session.clock.today()
    years = p.model_years if p else None  # models belong to every period of their year (Period.model_years)
    total = q.counts(db, date_from=start, date_to=end, sites=sites, model_years=years)
    out = {
        "period": ({"key": p.key, "from": start, "to": end, "model_years": list(years),
                    "label": p.label_vi if session.lang == "vi" else p.label_en} if p else None),
        "total": total,
        "overdue": q.overdue_count(db, today.isoformat(), start, end, sites),
        # receptions whose reply to the citizen (Reception Law Art. 28) is overdue; "overdue" counts petitions
        "overdue_replies": q.reception_reply_overdue_count(db, today.isoformat(), start, end, sites),
        # dialogues held in the period whose commitments have no result yet, and those of them past their deadline
        **dict(zip(("commitments_open", "commitments_late"),
                   q.open_commitments(db, today.isoformat(), start, end, sites))),
        "due_this_week": q.due_between(db, today.isoformat(), (today + timedelta(days=7)).isoformat(), sites),
        "by_category": {
            "reception": q.group_count(db, "reception", "category", start, end, sites=sites),
            "petition": q.group_count(db, "petition", "category", start, end, sites=sites),
        },
        "by_status": {
            "petition": q.group_count(db, "petition", "status", start, end, sites=sites),
            "model": q.group_count(db, "model", "status", start, end, sites=sites, model_years=years),
        },
        "by_field": {"model": q.group_count(db, "model", "field", start, end, sites=sites, model_years=years)},
        "receptions": q.reception_figures(db, start, end, sites),
        "petitions": {
            "duplicates": q.duplicates_count(db, start, end, sites),
            "by_direction": q.group_count(db, "petition", "direction", start, end, sites=sites),
        },
        "units": {session.unit_code: total},
    }
    if by_unit:
        # Per owning unit (an upper level: one entry per commune); the entries add up to "total".
        from app.services.consolidation import counts_by_unit, overdue_by_unit

        per_unit = counts_by_unit(session, start, end, years)
        out["units"], out["unit_names"] = per_unit["units"], per_unit["names"]
        # beside "units" (whose entries hold exactly one key per record type): what each unit owes, late, today
        out["unit_overdue"] = overdue_by_unit(session, per_unit["units"], start, end)
    return out
