"""A clock that cannot be trusted for the book's dates is said (the main window's status bar, `danvan check`):
a time zone other than Vietnam's, or a clock behind what the data already holds (a flat clock battery)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.clock import Clock
from app.services import records
from app.services.clock_check import clock_doubts
from app.services.session import Session
from tests.app.conftest import PASSWORD, reception


@pytest.fixture
def on_time(db_path):
    """A session whose clock is the real one (the test database was made by the real clock)."""
    s = Session.open(db_path, "officer", PASSWORD, clock=Clock(datetime.now() + timedelta(minutes=1)))
    yield s
    s.close()


def test_vietnam_time_on_a_clock_that_is_not_behind_raises_no_doubt(on_time):
    assert clock_doubts(on_time, zone_offset=timedelta(hours=7)) == []


def test_a_time_zone_other_than_vietnams_is_said_with_what_to_do(on_time):
    doubts = clock_doubts(on_time, zone_offset=timedelta(0))
    assert [d["kind"] for d in doubts] == ["zone"]
    assert doubts[0]["message"].startswith("Đồng hồ máy tính đang đặt múi giờ UTC+00:00, không phải giờ Việt Nam")
    assert "(UTC+07:00) Bangkok, Hà Nội, Jakarta" in doubts[0]["message"]
    assert "UTC-07:00" in clock_doubts(on_time, zone_offset=timedelta(hours=-7))[0]["message"]


def test_a_clock_behind_what_the_data_holds_is_said(on_time, db_path):
    records.save(on_time, reception(received_at="2026-11-20T08:00"))
    back = Session.open(db_path, "officer", PASSWORD, clock=Clock(datetime(2019, 6, 3, 8, 0)))
    try:
        records.save(back, reception(received_at="2019-06-03T07:00"))  # the behind clock's own entries come after
        doubts = clock_doubts(back, zone_offset=timedelta(hours=7))
        assert [d["kind"] for d in doubts] == ["behind"]
        assert doubts[0]["message"].startswith("Đồng hồ máy tính có vẻ bị chậm: bây giờ máy báo 03/06/2019")
    finally:
        back.close()


def test_a_fixed_clock_without_a_zone_is_vietnam_time_in_its_stamps(monkeypatch):
    """DANVAN_NOW (the subprocess tests' seam) at 20:00 on New Year's Eve: its UTC stamps were 20:00Z — 03:00 on 1
    January in Vietnam —, moving a book's first day and a bundle's day to the next year."""
    from app.clock import system_clock, vietnam_day

    monkeypatch.setenv("DANVAN_NOW", "2026-12-31T20:00:00")
    clock = system_clock()
    assert clock.now().isoformat() == "2026-12-31T20:00:00"
    assert clock.utc_stamp() == "2026-12-31T13:00:00+00:00"
    assert vietnam_day(clock.utc_stamp()).isoformat() == "2026-12-31"
    monkeypatch.setenv("DANVAN_NOW", "2026-12-31T16:59:00+00:00")  # a zone given: the same instant, in Vietnam
    clock = system_clock()
    assert clock.now().isoformat() == "2026-12-31T23:59:00" and clock.utc_stamp() == "2026-12-31T16:59:00+00:00"
