"""Statistical report periods with the cut-off day of TT 02/2021/TT-TTCP Art. 7.

With the default cut-off (15) a period named after month M runs from the 15th of month M−1 to the 14th of month M:

=========  ==========================  ===========================
text       period                      example (2026)
=========  ==========================  ===========================
2026-03    month                       15/02/2026 – 14/03/2026
2026-Q1    quarter                     15/12/2025 – 14/03/2026
2026-Q2    quarter                     15/03/2026 – 14/06/2026
2026-H1    6 months (also 2026-6M)     15/12/2025 – 14/06/2026
2026-H2    last 6 months               15/06/2026 – 14/12/2026
2026-9M    9 months                    15/12/2025 – 14/09/2026
2026       year                        15/12/2025 – 14/12/2026
=========  ==========================  ===========================

``cutoff_day=1`` gives plain calendar periods.  An explicit range ``2026-01-01..2026-03-31`` (inclusive) ignores
the cut-off; ``2026-01-01..`` runs to ``today``.  ``this-month``, ``this-quarter``, ``this-half`` and
``this-year`` name the period containing ``today``.  Bad text raises :class:`PeriodError` (a ``ValueError``
whose text is Vietnamese, with ``message_vi`` and ``message_en``).
"""

from __future__ import annotations

import calendar as _cal
import re
from dataclasses import dataclass
from datetime import date

__all__ = ["Period", "PeriodError", "parse_period", "current_period", "period_of", "KINDS"]

KINDS = ("month", "quarter", "half", "9M", "year")

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_MIN_YEAR, _MAX_YEAR = 1900, 2999

_HELP_VI = (
    "Dùng dạng 2026-03 (tháng), 2026-Q1 (quý), 2026-H1 (6 tháng), 2026-9M (9 tháng), 2026 (năm) "
    "hoặc khoảng ngày 2026-01-01..2026-03-31."
)
_HELP_EN = (
    "Use 2026-03 (month), 2026-Q1 (quarter), 2026-H1 (6 months), 2026-9M (9 months), 2026 (year) "
    "or a date range 2026-01-01..2026-03-31."
)


def period_help(lang: str = "vi") -> str:
    """How to write a period, for a message that refused one."""
    return _HELP_EN if lang == "en" else _HELP_VI


class PeriodError(ValueError):
    """Invalid period text or arguments; ``str()`` is the Vietnamese message."""

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi
        self.message_en = message_en

    def message(self, lang: str = "vi") -> str:
        return self.message_en if lang == "en" else self.message_vi


@dataclass(frozen=True)
class Period:
    key: str
    label_vi: str
    label_en: str
    start: date  # inclusive
    end: date  # inclusive
    kind: str = "range"

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.start <= d <= self.end

    def contains(self, d: date) -> bool:
        return d in self

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def model_years(self) -> tuple[int, int]:
        """The years whose "Dân vận khéo" models this period counts. A model is registered for a year, not a day,
        so it belongs to every period of that year — a named period's own year (2026-Q2 counts the 2026 models,
        though its days lie in no 1 January), or the calendar years an explicit date range touches."""
        if self.kind == "range":
            return self.start.year, self.end.year
        year = int(self.key[:4])
        return year, year

    @property
    def range_text(self) -> str:
        """"15/12/2025 – 14/03/2026"."""
        return f"{self.start:%d/%m/%Y} – {self.end:%d/%m/%Y}"


# --------------------------------------------------------------------------------------------------------------


def _check_cutoff(cutoff_day: int) -> None:
    if not isinstance(cutoff_day, int) or isinstance(cutoff_day, bool) or not 1 <= cutoff_day <= 28:
        raise PeriodError(
            f"Ngày chốt số liệu phải từ 1 đến 28 (nhận được: {cutoff_day!r}).",
            f"The cut-off day must be between 1 and 28 (got {cutoff_day!r}).",
        )


def _check_year(year: int, text: str) -> None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise PeriodError(
            f"Năm không hợp lệ trong kỳ báo cáo “{text}”: {year}.",
            f"Invalid year in report period “{text}”: {year}.",
        )


def _span(year: int, first_month: int, last_month: int, cutoff_day: int) -> tuple[date, date]:
    """Start and end of the period covering report months first_month..last_month of ``year``."""
    if cutoff_day == 1:
        return date(year, first_month, 1), date(year, last_month, _cal.monthrange(year, last_month)[1])
    sy, sm = (year - 1, 12) if first_month == 1 else (year, first_month - 1)
    return date(sy, sm, cutoff_day), date(year, last_month, cutoff_day - 1)


def _month(year: int, month: int, cutoff_day: int) -> Period:
    s, e = _span(year, month, month, cutoff_day)
    return Period(f"{year:04d}-{month:02d}", f"Tháng {month}/{year}", f"{_MONTHS_EN[month - 1]} {year}", s, e, "month")


def _quarter(year: int, q: int, cutoff_day: int) -> Period:
    s, e = _span(year, 3 * q - 2, 3 * q, cutoff_day)
    return Period(f"{year:04d}-Q{q}", f"Quý {_ROMAN[q]}/{year}", f"Q{q} {year}", s, e, "quarter")


def _half(year: int, h: int, cutoff_day: int) -> Period:
    if h == 1:
        s, e = _span(year, 1, 6, cutoff_day)
        return Period(f"{year:04d}-H1", f"6 tháng đầu năm {year}", f"First half of {year}", s, e, "half")
    s, e = _span(year, 7, 12, cutoff_day)
    return Period(f"{year:04d}-H2", f"6 tháng cuối năm {year}", f"Second half of {year}", s, e, "half")


def _nine_months(year: int, cutoff_day: int) -> Period:
    s, e = _span(year, 1, 9, cutoff_day)
    return Period(f"{year:04d}-9M", f"9 tháng năm {year}", f"First nine months of {year}", s, e, "9M")


def _year(year: int, cutoff_day: int) -> Period:
    s, e = _span(year, 1, 12, cutoff_day)
    return Period(f"{year:04d}", f"Năm {year}", f"Year {year}", s, e, "year")


def _range(start: date, end: date) -> Period:
    return Period(
        f"{start.isoformat()}..{end.isoformat()}",
        f"Từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}",
        f"{start.day} {_MONTHS_EN[start.month - 1][:3]} {start.year} – {end.day} {_MONTHS_EN[end.month - 1][:3]} {end.year}",
        start,
        end,
        "range",
    )


def _report_month(today: date, cutoff_day: int) -> tuple[int, int]:
    """(year, month) of the report month whose period contains ``today``."""
    if cutoff_day == 1 or today.day < cutoff_day:
        return today.year, today.month
    return (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)


def period_of(kind: str, year: int, number: int = 0, cutoff_day: int = 15) -> Period:
    """Build a period directly: ``("month", 2026, 3)``, ``("quarter", 2026, 1)``, ``("half", 2026, 1)``,
    ``("9M", 2026)``, ``("year", 2026)``."""
    _check_cutoff(cutoff_day)
    _check_year(year, str(year))
    if kind == "month" and 1 <= number <= 12:
        return _month(year, number, cutoff_day)
    if kind == "quarter" and 1 <= number <= 4:
        return _quarter(year, number, cutoff_day)
    if kind == "half" and number in (1, 2):
        return _half(year, number, cutoff_day)
    if kind == "9M":
        return _nine_months(year, cutoff_day)
    if kind == "year":
        return _year(year, cutoff_day)
    raise PeriodError(
        f"Loại kỳ báo cáo không hợp lệ: {kind!r} {number!r}.",
        f"Invalid report period kind: {kind!r} {number!r}.",
    )


def current_period(kind: str, today: date, cutoff_day: int = 15) -> Period:
    """The month / quarter / half / year period (under the cut-off rule) that contains ``today``."""
    _check_cutoff(cutoff_day)
    y, m = _report_month(today, cutoff_day)
    if kind == "month":
        return _month(y, m, cutoff_day)
    if kind == "quarter":
        return _quarter(y, (m - 1) // 3 + 1, cutoff_day)
    if kind == "half":
        return _half(y, 1 if m <= 6 else 2, cutoff_day)
    if kind == "year":
        return _year(y, cutoff_day)
    raise PeriodError(
        f"Loại kỳ báo cáo không hợp lệ: {kind!r} (dùng month, quarter, half hoặc year).",
        f"Invalid report period kind: {kind!r} (use month, quarter, half or year).",
    )


_RE_YEAR = re.compile(r"(\d{4})")
_RE_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_RE_QUARTER = re.compile(r"(\d{4})-q(\d)")
_RE_HALF = re.compile(r"(\d{4})-(?:h([12])|(6)m)")
_RE_9M = re.compile(r"(\d{4})-9m")
_RE_RANGE = re.compile(r"(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})?")
_THIS = {"this-month": "month", "this-quarter": "quarter", "this-half": "half", "this-year": "year"}


def parse_period(text: str, cutoff_day: int = 15, today: date | None = None) -> Period:
    """Parse a report period (see the module docstring); raises :class:`PeriodError`."""
    _check_cutoff(cutoff_day)
    raw = text if isinstance(text, str) else ""
    t = raw.strip().lower()

    def bad() -> PeriodError:
        return PeriodError(
            f"Kỳ báo cáo không hợp lệ: “{raw}”. {_HELP_VI}",
            f"Invalid report period: “{raw}”. {_HELP_EN}",
        )

    if not t:
        raise bad()
    if t in _THIS:
        return current_period(_THIS[t], today or date.today(), cutoff_day)
    if m := _RE_RANGE.fullmatch(t):
        try:
            start = date.fromisoformat(m.group(1))
            end = date.fromisoformat(m.group(2)) if m.group(2) else (today or date.today())
        except ValueError:
            raise PeriodError(
                f"Ngày không hợp lệ trong kỳ báo cáo “{raw}” (dạng YYYY-MM-DD).",
                f"Invalid date in report period “{raw}” (use YYYY-MM-DD).",
            ) from None
        if end < start:
            raise PeriodError(
                f"Ngày kết thúc {end:%d/%m/%Y} trước ngày bắt đầu {start:%d/%m/%Y}.",
                f"The end date {end.isoformat()} is before the start date {start.isoformat()}.",
            )
        return _range(start, end)
    if m := _RE_YEAR.fullmatch(t):
        year = int(m.group(1))
        _check_year(year, raw)
        return _year(year, cutoff_day)
    if m := _RE_MONTH.fullmatch(t):
        year, month = int(m.group(1)), int(m.group(2))
        _check_year(year, raw)
        if not 1 <= month <= 12:
            raise PeriodError(
                f"Tháng không hợp lệ trong kỳ báo cáo “{raw}”: tháng phải từ 1 đến 12.",
                f"Invalid month in report period “{raw}”: the month must be 1 to 12.",
            )
        return _month(year, month, cutoff_day)
    if m := _RE_QUARTER.fullmatch(t):
        year, q = int(m.group(1)), int(m.group(2))
        _check_year(year, raw)
        if not 1 <= q <= 4:
            raise PeriodError(
                f"Quý không hợp lệ trong kỳ báo cáo “{raw}”: quý phải từ 1 đến 4.",
                f"Invalid quarter in report period “{raw}”: the quarter must be 1 to 4.",
            )
        return _quarter(year, q, cutoff_day)
    if m := _RE_HALF.fullmatch(t):
        year = int(m.group(1))
        _check_year(year, raw)
        return _half(year, 1 if m.group(3) else int(m.group(2)), cutoff_day)
    if m := _RE_9M.fullmatch(t):
        year = int(m.group(1))
        _check_year(year, raw)
        return _nine_months(year, cutoff_day)
    raise bad()

