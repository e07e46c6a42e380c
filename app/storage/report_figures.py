"""Counting queries the periodic report needs beyond app.storage.stats (SQL lives in app/storage only)."""

from __future__ import annotations

from app.domain.enums import PETITION_DONE_STATUSES
from app.storage.stats import _where
from app.storage.db import Database


# The latest handling date of a petition ('' when none is known: before every date). SQLite's max() of several
# arguments is NULL as soon as one is, hence the coalesces.
LAST_HANDLED = ("max(coalesce(resolved_on, ''), coalesce(answered_on, ''), coalesce(notified_on, ''), "
                "coalesce(accepted_on, ''))")


def carried_over(db: Database, start: str, sites: tuple[str, ...] | None = None) -> int:
    """Petitions received before `start`, not duplicates, and still open on `start`.

    A petition is open on `start` when its status is not a final one, or when the latest date of its handling
    we know of — resolved, answered, the citizen notified (a forwarded or returned petition's notice), accepted —
    is on or after `start`. Each of those dates falls on or before the day the petition was closed, so one
    on or after `start` proves it was still open then; a final status with no such date is taken as closed
    earlier: without a date we cannot place it in the period, and counting it would inflate every later report.
    """
    return sum(carried_over_by_status(db, start, sites).values())


def carried_over_by_status(db: Database, start: str, sites: tuple[str, ...] | None = None) -> dict[str, int]:
    """The petitions carried_over counts, by their status now: what became of them."""
    done = sorted(PETITION_DONE_STATUSES)
    marks = ", ".join("?" for _ in done)
    where, params = _where(None, None, sites)
    return {k or "": n for k, n in db.conn.execute(
        f"SELECT status, count(*) FROM petitions WHERE {where} AND record_date < ? AND duplicate_of IS NULL AND ("
        f"coalesce(status, 'received') NOT IN ({marks}) OR {LAST_HANDLED} >= ?) GROUP BY status",
        [*params, start, *done, start])}


def eligibility(db: Database, date_from=None, date_to=None,
                sites: tuple[str, ...] | None = None) -> dict[str, int]:
    """Petitions of the period by eligibility: {"eligible", "ineligible", "unknown"} (duplicates left out)."""
    where, params = _where(date_from, date_to, sites)
    row = db.conn.execute(
        "SELECT coalesce(sum(eligible = 1), 0), coalesce(sum(eligible = 0), 0), coalesce(sum(eligible IS NULL), 0) "
        f"FROM petitions WHERE {where} AND duplicate_of IS NULL", params).fetchone()
    return {"eligible": row[0], "ineligible": row[1], "unknown": row[2]}


def dialogue_participants(db: Database, date_from=None, date_to=None,
                          sites: tuple[str, ...] | None = None) -> tuple[int, int]:
    """(people who took part, dialogues whose head count was not recorded) — the sum leaves those out."""
    where, params = _where(date_from, date_to, sites)
    return db.conn.execute(f"SELECT coalesce(sum(participants), 0), count(*) - count(participants) FROM dialogues "
                           f"WHERE {where}", params).fetchone()
