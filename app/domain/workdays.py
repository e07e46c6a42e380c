"""Working-day calendar for counting legal time limits (Bộ luật Dân sự 2015, Điều 147–148).

* A day is a working day when it is Monday–Friday, is not a Vietnamese public holiday (including Tết Nguyên Đán
  and the substituted / "nghỉ bù" days off that the ``holidays`` package lists), and is not in the unit's
  ``extra_days_off``.  Days in ``extra_work_days`` (make-up working Saturdays, a holiday the office works
  through, …) are working days unless they are also in ``extra_days_off`` — a day off always wins.
* The ``holidays`` package also knows the make-up working Saturdays the government fixes when it moves a day off
  (e.g. Sat 26/04/2025 worked for Fri 02/05/2025).  They are working days by default; pass
  ``package_work_days=False`` to rely only on the user's ``extra_work_days`` list.
* Counting starts the day after the event (Art. 147).  A limit in calendar days ("ngày") whose last day is not a
  working day ends at the close of the next working day (Art. 148(5)).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Iterable

__all__ = ["WorkCalendar"]

_ONE = timedelta(days=1)


@lru_cache(maxsize=None)
def _year_table(year: int) -> tuple[dict[date, str], frozenset[date]]:
    """Public holidays (date → name, Vietnamese when available) and make-up working days of one year."""
    # Imported here, not at the top: the package loads every country it knows (~0.2 s), which the GUI should
    # pay after its window is on screen, not before.
    import holidays

    try:
        table = holidays.country_holidays("VN", years=[year])
        if "vi" in getattr(table, "supported_languages", ()):
            table = holidays.country_holidays("VN", years=[year], language="vi")
    except (NotImplementedError, KeyError, ValueError):  # pragma: no cover - years the package cannot compute
        return {}, frozenset()
    days_off = {d: str(name) for d, name in table.items() if d.year == year}
    work = frozenset(d for d in getattr(table, "weekend_workdays", ()) if d.year == year)
    return days_off, work


def _as_date(d: date | datetime) -> date:
    if isinstance(d, datetime):
        return d.date()
    if isinstance(d, date):
        return d
    raise TypeError(f"expected a date, got {type(d).__name__}")


class WorkCalendar:
    """Which days are working days at the commune office, and date arithmetic on them."""

    def __init__(
        self,
        extra_days_off: Iterable[date] = (),
        extra_work_days: Iterable[date] = (),
        *,
        package_work_days: bool = True,
    ) -> None:
        self.extra_days_off: frozenset[date] = frozenset(_as_date(d) for d in extra_days_off)
        self.extra_work_days: frozenset[date] = frozenset(_as_date(d) for d in extra_work_days)
        self.package_work_days = package_work_days

    def __repr__(self) -> str:
        return (
            f"WorkCalendar(extra_days_off={sorted(self.extra_days_off)!r}, "
            f"extra_work_days={sorted(self.extra_work_days)!r}, package_work_days={self.package_work_days!r})"
        )

    # -- single days ------------------------------------------------------------------------------------------

    def holiday_name(self, d: date) -> str | None:
        """The public holiday's name (Vietnamese where the package has it), or None."""
        d = _as_date(d)
        return _year_table(d.year)[0].get(d)

    def is_public_holiday(self, d: date) -> bool:
        d = _as_date(d)
        return d in _year_table(d.year)[0]

    def is_working_day(self, d: date) -> bool:
        d = _as_date(d)
        if d in self.extra_days_off:
            return False
        if d in self.extra_work_days:
            return True
        days_off, make_up = _year_table(d.year)
        if d in days_off:
            return False
        if d.weekday() >= 5:
            return self.package_work_days and d in make_up
        return True

    def next_working_day(self, d: date) -> date:
        """``d`` itself when it is a working day, else the first working day after it."""
        d = _as_date(d)
        while not self.is_working_day(d):
            d += _ONE
        return d

    def holidays_in(self, year: int) -> list[tuple[date, str]]:
        """The package's public holidays (and substituted days off) of ``year``, sorted — for display."""
        return sorted(_year_table(year)[0].items())

    # -- arithmetic -------------------------------------------------------------------------------------------

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (counting from the next day, Art. 147).

        ``n == 0`` returns ``start``; a negative ``n`` gives the |n|-th working day before ``start``.
        """
        d = _as_date(start)
        key = (d, n)
        cache = self.__dict__.setdefault("_add_cache", {})  # an import computes the same dates thousands of times
        hit = cache.get(key)
        if hit is not None:
            return hit
        step = _ONE if n >= 0 else -_ONE
        remaining = abs(n)
        while remaining:
            d += step
            if self.is_working_day(d):
                remaining -= 1
        cache[key] = d
        return d

    def add_calendar_days(self, start: date, n: int) -> date:
        """``start + n`` days; when that last day is not a working day, the next working day (Art. 148(5))."""
        return self.next_working_day(_as_date(start) + timedelta(days=n))

    def working_days_between(self, a: date, b: date) -> int:
        """Number of working days in (a, b]; negative when b < a (then −count of (b, a])."""
        a, b = _as_date(a), _as_date(b)
        if b < a:
            return -self.working_days_between(b, a)
        count = 0
        d = a
        while d < b:
            d += _ONE
            if self.is_working_day(d):
                count += 1
        return count
