"""Report periods with the TT 02/2021/TT-TTCP Art. 7 cut-off (15th to 14th) and plain calendar periods."""

from datetime import date

import pytest

from app.domain.periods import Period, PeriodError, current_period, parse_period


@pytest.mark.parametrize(
    "text, key, start, end",
    [
        ("2026-03", "2026-03", date(2026, 2, 15), date(2026, 3, 14)),
        ("2026-01", "2026-01", date(2025, 12, 15), date(2026, 1, 14)),
        ("2026-Q1", "2026-Q1", date(2025, 12, 15), date(2026, 3, 14)),
        ("2026-Q2", "2026-Q2", date(2026, 3, 15), date(2026, 6, 14)),
        ("2026-Q3", "2026-Q3", date(2026, 6, 15), date(2026, 9, 14)),
        ("2026-Q4", "2026-Q4", date(2026, 9, 15), date(2026, 12, 14)),
        ("2026-H1", "2026-H1", date(2025, 12, 15), date(2026, 6, 14)),
        ("2026-9M", "2026-9M", date(2025, 12, 15), date(2026, 9, 14)),
        ("2026", "2026", date(2025, 12, 15), date(2026, 12, 14)),
    ],
)
def test_tt02_2021_cutoff_table(text, key, start, end):
    """TT 02/2021 Art. 7: month, Q1–Q4, 6 months, 9 months and year run from the 15th to the 14th."""
    p = parse_period(text)
    assert (p.key, p.start, p.end) == (key, start, end)


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("2026-03", date(2026, 3, 1), date(2026, 3, 31)),
        ("2026-02", date(2026, 2, 1), date(2026, 2, 28)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-H1", date(2026, 1, 1), date(2026, 6, 30)),
        ("2026-9M", date(2026, 1, 1), date(2026, 9, 30)),
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_cutoff_day_one_gives_calendar_periods(text, start, end):
    """cutoff_day=1: plain calendar months, quarters, halves and years."""
    p = parse_period(text, cutoff_day=1)
    assert (p.start, p.end) == (start, end)


def test_other_cutoff_day():
    """A configurable cut-off (e.g. the 20th) shifts every period: March = 20/02 – 19/03."""
    p = parse_period("2026-03", cutoff_day=20)
    assert (p.start, p.end) == (date(2026, 2, 20), date(2026, 3, 19))


def test_labels_in_vietnamese_and_english():
    """Periods carry Vietnamese and English labels."""
    assert parse_period("2026-03").label_vi == "Tháng 3/2026"
    assert parse_period("2026-Q1").label_vi == "Quý I/2026"
    assert parse_period("2026-H1").label_vi == "6 tháng đầu năm 2026"
    assert parse_period("2026-9M").label_vi == "9 tháng năm 2026"
    assert parse_period("2026").label_vi == "Năm 2026"
    assert parse_period("2026-Q1").label_en == "Q1 2026"
    assert parse_period("2026-03").range_text == "15/02/2026 – 14/03/2026"


def test_lenient_spelling():
    """Lower case, spaces and a one-digit month are accepted and normalised in the key."""
    assert parse_period(" 2026-q2 ").key == "2026-Q2"
    assert parse_period("2026-h1").key == "2026-H1"
    assert parse_period("2026-6M").key == "2026-H1"
    assert parse_period("2026-3").key == "2026-03"


def test_explicit_range():
    """An explicit range 2026-01-01..2026-03-31 is inclusive and ignores the cut-off."""
    p = parse_period("2026-01-01..2026-03-31")
    assert (p.start, p.end) == (date(2026, 1, 1), date(2026, 3, 31))
    assert p.kind == "range"
    assert date(2026, 3, 31) in p and date(2026, 4, 1) not in p


def test_open_range_ends_today():
    """An open range 2026-01-01.. runs to the given today."""
    p = parse_period("2026-01-01..", today=date(2026, 2, 10))
    assert p.end == date(2026, 2, 10)


@pytest.mark.parametrize(
    "text",
    ["", "abc", "2026-13", "2026-00", "2026-Q5", "2026-H3", "2026-03-01..2026-02-01", "2026-02-30..2026-03-01", "26"],
)
def test_invalid_text_raises_with_both_languages(text):
    """Invalid period text raises ValueError with a Vietnamese message and an English one."""
    with pytest.raises(ValueError) as exc:
        parse_period(text)
    err = exc.value
    assert isinstance(err, PeriodError)
    assert err.message_vi and err.message_en
    assert str(err) == err.message_vi


def test_invalid_cutoff_day():
    """The cut-off day must be between 1 and 28."""
    with pytest.raises(PeriodError):
        parse_period("2026-03", cutoff_day=31)


@pytest.mark.parametrize(
    "kind, today, key",
    [
        ("month", date(2026, 3, 14), "2026-03"),
        ("month", date(2026, 3, 15), "2026-04"),
        ("month", date(2026, 12, 20), "2027-01"),
        ("quarter", date(2026, 3, 14), "2026-Q1"),
        ("quarter", date(2026, 3, 15), "2026-Q2"),
        ("quarter", date(2025, 12, 15), "2026-Q1"),
        ("half", date(2026, 6, 15), "2026-H2"),
        ("year", date(2025, 12, 16), "2026"),
    ],
)
def test_current_period_uses_cutoff(kind, today, key):
    """current_period: the month/quarter/half/year under the cut-off rule that contains today."""
    p = current_period(kind, today)
    assert p.key == key
    assert today in p


def test_current_period_calendar():
    """current_period with cutoff_day=1 is the calendar month/quarter."""
    assert current_period("month", date(2026, 3, 20), cutoff_day=1).key == "2026-03"
    assert current_period("quarter", date(2026, 3, 31), cutoff_day=1).key == "2026-Q1"


def test_current_period_unknown_kind():
    """An unknown kind raises PeriodError."""
    with pytest.raises(PeriodError):
        current_period("week", date(2026, 3, 20))


def test_this_quarter_keyword():
    """'this-quarter' names the quarter containing today."""
    assert parse_period("this-quarter", today=date(2026, 3, 20)).key == "2026-Q2"


def test_period_is_value_object():
    """Period is a frozen value with inclusive start and end."""
    p = parse_period("2026-03")
    assert isinstance(p, Period)
    assert p.days == 28
    with pytest.raises(AttributeError):
        p.start = date(2026, 1, 1)  # type: ignore[misc]


def test_model_years_are_the_named_periods_year_or_the_ranges_calendar_years():
    assert parse_period("2026-Q1", 15).model_years == (2026, 2026)  # starts 15/12/2025, yet a 2026 period
    assert parse_period("2026-12", 15).model_years == (2026, 2026)
    assert parse_period("2026", 1).model_years == (2026, 2026)
    assert parse_period("2025-12-20..2026-01-10").model_years == (2025, 2026)
