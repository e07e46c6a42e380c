"""The one clock of the core. Deadlines and "no future dates" read it, so tests can fix it.

`DANVAN_NOW` (ISO date-time) fixes the clock for a whole process — a test seam for subprocess tests.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timezone


class Clock:
    def __init__(self, fixed: datetime | None = None):
        self._fixed = fixed

    def now(self) -> datetime:
        """Local wall-clock time, naive (the exchange format's times are local)."""
        if self._fixed is not None:
            return self._fixed
        return datetime.now()

    def today(self) -> date:
        return self.now().date()

    def utc_stamp(self) -> str:
        """An ISO timestamp for metadata columns (created_at, audit) in UTC."""
        if self._fixed is not None:
            return self._fixed.replace(tzinfo=timezone.utc).isoformat(timespec="seconds")
        return datetime.now(timezone.utc).isoformat(timespec="seconds")


def system_clock() -> Clock:
    fixed = os.environ.get("DANVAN_NOW")
    if fixed:
        try:
            return Clock(datetime.fromisoformat(fixed))
        except ValueError:
            from app.errors import UsageError

            raise UsageError("clock.bad_now", value=fixed[:40]) from None
    return Clock()
