"""Dates as an officer types them into a form (app.domain.typed_dates)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.domain.typed_dates import parse_date, parse_datetime

TODAY = date(2026, 12, 6)


@pytest.mark.parametrize("text", ["5/11/2026", "05/11/2026", "5-11-2026", "5.11.2026", "5 11 2026", "05-11-26",
                                  "05112026", "051126", "0511", "5/11", " 5 / 11 / 2026 ", "2026-11-05"])
def test_the_usual_ways_of_typing_a_date_mean_the_same_day(text):
    assert parse_date(text, TODAY) == date(2026, 11, 5)


@pytest.mark.parametrize("text", ["", "   ", "abc", "31/02/2026", "5/13/2026", "0/11/2026", "5/11/202", "123",
                                  "5/11/2026/1", "2026-13-01"])
def test_what_is_no_date_gives_none(text):
    assert parse_date(text, TODAY) is None


def test_a_missing_year_is_the_nearest_and_two_digits_are_this_century():
    assert parse_date("1/1", date(2027, 3, 1)) == date(2027, 1, 1)
    assert parse_date("1/1/99", TODAY) == date(2099, 1, 1)  # the validator then refuses it as in the future


def test_a_day_typed_without_a_year_just_after_new_year_is_last_year():
    """Catching up on December's letters on 2 January: "31/12" read as 31/12/2027 was refused as in the future.
    The nearest such day is meant — last December then; next January for a promise typed in December."""
    assert parse_date("31/12", date(2027, 1, 2)) == date(2026, 12, 31)
    assert parse_date("3112", date(2027, 1, 2)) == date(2026, 12, 31)
    assert parse_datetime("30/12 14h", date(2027, 1, 2)) == datetime(2026, 12, 30, 14, 0)
    assert parse_date("15/01", date(2026, 12, 20)) == date(2027, 1, 15)
    assert parse_date("29/2", date(2027, 3, 1)) is None  # no leap day near: none, as in a year without one
    assert parse_date("29/2", date(2028, 1, 10)) == date(2028, 2, 29)


@pytest.mark.parametrize("text,expected", [
    ("5/11/2026 14:30", datetime(2026, 11, 5, 14, 30)),
    ("5/11/26 8h", datetime(2026, 11, 5, 8, 0)),
    ("5/11/2026 8h05", datetime(2026, 11, 5, 8, 5)),
    ("05112026 0830", datetime(2026, 11, 5, 8, 30)),
    ("5 11 2026 14:30", datetime(2026, 11, 5, 14, 30)),
    ("5/11 9g15", datetime(2026, 11, 5, 9, 15)),
    ("2026-11-05T14:30", datetime(2026, 11, 5, 14, 30)),
    ("2026-11-05T14:30:00", datetime(2026, 11, 5, 14, 30)),
    ("5/11/2026", datetime(2026, 11, 5, 0, 0)),
])
def test_a_date_and_a_time(text, expected):
    assert parse_datetime(text, TODAY) == expected


@pytest.mark.parametrize("text", ["5/11/2026 25:00", "5/11/2026 14:60", "5/11/2026 sáng", "32/11/2026 08:00", ""])
def test_a_bad_time_or_date_gives_none(text):
    assert parse_datetime(text, TODAY) is None


def test_a_short_date_then_a_time_is_this_year_and_a_day_alone_keeps_a_given_time():
    """"5/11 14" is 05/11 at 14:00 (not 05/11/2014); a date typed without a time takes `default_time`."""
    from datetime import time

    assert parse_datetime("5/11 14", TODAY) == datetime(2026, 11, 5, 14, 0)
    assert parse_datetime("19/11", TODAY, default_time=time(8, 30)) == datetime(2026, 11, 19, 8, 30)
    assert parse_datetime("19/11 0h", TODAY, default_time=time(8, 30)) == datetime(2026, 11, 19, 0, 0)


@pytest.mark.parametrize("text", ["31/12/9999", "1/1/1899", "5/11/20226"])
def test_years_a_form_cannot_mean_are_no_date(text):
    assert parse_date(text, TODAY) is None
