"""The one clock of the core. Deadlines and "no future dates" read it, so tests can fix it.

`DANVAN_NOW` (ISO date-time) fixes the clock for a whole process — a test seam for subprocess tests. It is
Vietnam's wall-clock time unless it names its zone: its UTC stamps are then what a laptop in Vietnam would write
(taken as UTC, an evening's stamps fell on the next day in Vietnam and moved a book's first day).
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone

# Vietnam keeps one time zone all year (no summer time): a stored UTC stamp's day in Vietnam is the same on every
# machine, whatever zone its operating system is set to — a commune and its upper level count alike.
VIETNAM_UTC_OFFSET = timedelta(hours=7)


class Clock:
    def __init__(self, fixed: datetime | None = None, *, fixed_utc: datetime | None = None):
        self._fixed = fixed  # the wall-clock time (naive)
        self._fixed_utc = fixed_utc  # the same instant in UTC, when known (DANVAN_NOW); else `fixed` is taken as UTC

    def now(self) -> datetime:
        """Local wall-clock time, naive (the exchange format's times are local)."""
        if self._fixed is not None:
            return self._fixed
        return datetime.now()

    def today(self) -> date:
        return self.now().date()

    def utc_stamp(self) -> str:
        """An ISO timestamp for metadata columns (created_at, audit) in UTC."""
        if self._fixed_utc is not None:
            return self._fixed_utc.isoformat(timespec="seconds")
        if self._fixed is not None:
            return self._fixed.replace(tzinfo=timezone.utc).isoformat(timespec="seconds")
        return datetime.now(timezone.utc).isoformat(timespec="seconds")


def system_clock() -> Clock:
    fixed = os.environ.get("DANVAN_NOW")
    if fixed:
        try:
            t = datetime.fromisoformat(fixed)
        except ValueError:
            from app.errors import UsageError

            raise UsageError("clock.bad_now", value=fixed[:40]) from None
        vietnam = timezone(VIETNAM_UTC_OFFSET)
        if t.tzinfo is None:
            t = t.replace(tzinfo=vietnam)
        return Clock(t.astimezone(vietnam).replace(tzinfo=None), fixed_utc=t.astimezone(timezone.utc))
    return Clock()


def vietnam_day(utc_stamp: str) -> date:
    """The day in Vietnam of a metadata stamp (Clock.utc_stamp; a stamp without a zone is taken as UTC).
    ValueError when it is not a date-time."""
    t = datetime.fromisoformat(utc_stamp)
    if t.tzinfo is not None:
        t = t.astimezone(timezone.utc).replace(tzinfo=None)
    return (t + VIETNAM_UTC_OFFSET).date()
