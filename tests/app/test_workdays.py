"""WorkCalendar: working days, public holidays and Civil Code Arts. 147–148 counting."""

from datetime import date

import pytest

from app.domain.workdays import WorkCalendar


@pytest.fixture()
def cal() -> WorkCalendar:
    return WorkCalendar()


def test_lunar_new_year_2026_is_not_working(cal):
    """Tết Nguyên Đán 2026 (16–20 Feb) are public holidays, not working days."""
    for day in range(16, 21):
        assert not cal.is_working_day(date(2026, 2, day))
    assert cal.is_working_day(date(2026, 2, 13))
    assert cal.is_working_day(date(2026, 2, 23))


def test_lunar_new_year_skipped_when_counting(cal):
    """Counting working days skips the Tết week: the 1st working day after Fri 13/02/2026 is Mon 23/02."""
    assert cal.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert cal.add_working_days(date(2026, 2, 12), 2) == date(2026, 2, 23)


def test_holiday_name_is_vietnamese(cal):
    """holiday_name gives the package's Vietnamese name; None on an ordinary day."""
    assert "Tết" in cal.holiday_name(date(2026, 2, 17))
    assert cal.holiday_name(date(2026, 9, 2)) is not None
    assert cal.holiday_name(date(2026, 3, 10)) is None


def test_weekend_is_not_working(cal):
    """Saturday and Sunday are not working days."""
    assert not cal.is_working_day(date(2026, 3, 7))
    assert not cal.is_working_day(date(2026, 3, 8))
    assert cal.is_working_day(date(2026, 3, 9))


def test_observed_holiday_is_day_off(cal):
    """A holiday on Sunday gives an observed day off (Giỗ Tổ 26/04/2026 → Mon 27/04/2026)."""
    assert not cal.is_working_day(date(2026, 4, 27))


def test_substituted_day_off_is_day_off(cal):
    """A substituted day off (Fri 02/05/2025, for Sat 26/04/2025) is not a working day."""
    assert not cal.is_working_day(date(2025, 5, 2))


def test_package_make_up_saturday_counts():
    """The make-up Saturday the package knows (26/04/2025) is a working day unless turned off."""
    assert WorkCalendar().is_working_day(date(2025, 4, 26))
    assert not WorkCalendar(package_work_days=False).is_working_day(date(2025, 4, 26))


def test_user_make_up_saturday_counts():
    """A make-up working Saturday in extra_work_days counts as a working day."""
    sat = date(2026, 3, 7)
    cal = WorkCalendar(extra_work_days=[sat])
    assert cal.is_working_day(sat)
    assert cal.add_working_days(date(2026, 3, 6), 1) == sat
    assert WorkCalendar().add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)


def test_extra_work_day_overrides_holiday():
    """A public holiday listed in extra_work_days is worked."""
    assert WorkCalendar(extra_work_days=[date(2026, 2, 20)]).is_working_day(date(2026, 2, 20))


def test_extra_day_off_is_skipped():
    """A unit's extra day off is skipped when counting working days."""
    cal = WorkCalendar(extra_days_off=[date(2026, 3, 10)])
    assert not cal.is_working_day(date(2026, 3, 10))
    assert cal.add_working_days(date(2026, 3, 9), 1) == date(2026, 3, 11)


def test_extra_day_off_wins_over_extra_work_day():
    """A day in both user lists is a day off."""
    d = date(2026, 3, 7)
    assert not WorkCalendar(extra_days_off=[d], extra_work_days=[d]).is_working_day(d)


def test_ten_working_days_from_friday(cal):
    """10 working days from Fri 06/03/2026 (count starts the next day, Art. 147) end Fri 20/03/2026."""
    assert cal.add_working_days(date(2026, 3, 6), 10) == date(2026, 3, 20)


def test_ten_working_days_across_april_holidays(cal):
    """10 working days from Fri 24/04/2026 skip 27/04, 30/04 and 01/05: Wed 13/05/2026."""
    assert cal.add_working_days(date(2026, 4, 24), 10) == date(2026, 5, 13)


def test_zero_and_negative_working_days(cal):
    """n = 0 returns the start; a negative n counts back."""
    assert cal.add_working_days(date(2026, 3, 8), 0) == date(2026, 3, 8)
    assert cal.add_working_days(date(2026, 3, 9), -1) == date(2026, 3, 6)


def test_calendar_limit_ending_on_sunday_moves_to_monday(cal):
    """Art. 148(5): a calendar-day limit ending on Sunday ends on the next working day (Monday)."""
    assert cal.add_calendar_days(date(2026, 3, 1), 7) == date(2026, 3, 9)


def test_calendar_limit_ending_in_tet_moves_past_it(cal):
    """Art. 148(5): a limit ending inside Tết ends on the first working day after it."""
    assert cal.add_calendar_days(date(2026, 2, 7), 10) == date(2026, 2, 23)


def test_calendar_limit_ending_on_working_day_is_unchanged(cal):
    """A calendar-day limit ending on a working day ends that day."""
    assert cal.add_calendar_days(date(2026, 3, 2), 10) == date(2026, 3, 12)


def test_working_days_between(cal):
    """working_days_between counts (a, b]; negative when b < a; zero on the same day."""
    assert cal.working_days_between(date(2026, 3, 6), date(2026, 3, 20)) == 10
    assert cal.working_days_between(date(2026, 3, 20), date(2026, 3, 6)) == -10
    assert cal.working_days_between(date(2026, 3, 6), date(2026, 3, 6)) == 0
    assert cal.working_days_between(date(2026, 2, 13), date(2026, 2, 22)) == 0


def test_holidays_in_lists_tet(cal):
    """holidays_in(year) lists the year's days off, sorted."""
    days = cal.holidays_in(2026)
    assert [d for d, _ in days] == sorted(d for d, _ in days)
    assert date(2026, 2, 17) in dict(days)
