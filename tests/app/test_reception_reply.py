"""A reception's reply to the citizen (Reception Law Art. 28; BRIEF "After reception": a notification task with a
due date) — the deadline, its stored due date, the overdue counts and list filter, and the upgrade."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest

from app.clock import Clock
from app.domain.deadlines import RECEPTION_REPLY_TRACKED_FROM, default_rules, reception_deadline
from app.domain.validation import validate
from app.domain.workdays import WorkCalendar
from app.services import deadlines as deadline_service
from app.services import listing, records
from app.services.session import Session
from app.services.stats import stats
from app.storage import records as store
from tests.app.conftest import PASSWORD, petition, reception

LATER = datetime(2027, 1, 20, 9, 0)  # a working Wednesday, after receptions began recording their reply


@pytest.fixture
def later(db_path):
    """A session whose today is LATER (the shared test clock stands before the tracking began)."""
    opened = []

    def _open(when: datetime = LATER) -> Session:
        s = Session.open(db_path, "admin", PASSWORD, clock=Clock(when))
        opened.append(s)
        return s

    yield _open
    for s in opened:
        s.close()


def _deadline(**kw):
    return reception_deadline(reception(**kw), WorkCalendar(), default_rules())


def test_the_reply_is_due_ten_working_days_after_the_reception():
    d = _deadline(received_at="2027-01-08T09:00", direction="accept")  # a Friday
    assert d.due_on == date(2027, 1, 22) and d.met_on is None  # two working weeks
    assert "Điều 28" in d.article and d.overdue(date(2027, 1, 25)) and not d.overdue(date(2027, 1, 22))
    assert _deadline(received_at="2027-01-08T09:00", notified_on="2027-01-15").met_on == date(2027, 1, 15)


def test_nothing_is_owed_by_a_no_show_an_answer_at_the_desk_or_an_older_book():
    """Guidance given at the desk ("Trả lại đơn và hướng dẫn") is the direct answer; receptions from before the
    program recorded replies have no reply date anywhere, so they are not counted at all."""
    assert _deadline(received_at="2027-01-08T09:00", no_show=True) is None
    guided = _deadline(received_at="2027-01-08T09:00", direction="guide")
    assert guided.met_on == date(2027, 1, 8)
    day_before = RECEPTION_REPLY_TRACKED_FROM.toordinal() - 1
    assert _deadline(received_at=f"{date.fromordinal(day_before).isoformat()}T09:00") is None
    assert _deadline(received_at=f"{RECEPTION_REPLY_TRACKED_FROM.isoformat()}T09:00") is not None


def test_a_reply_before_the_reception_is_refused():
    result = validate(reception(received_at="2027-01-08T09:00", notified_on="2027-01-07"),
                             today=date(2027, 1, 20), now=LATER)
    assert [(i.field, i.message("vi")) for i in result.errors] == [
        ("notified_on", "không được trước ngày tiếp 08/01/2027")]


def test_overdue_replies_are_counted_filtered_and_cleared_by_the_reply_or_a_petition(later):
    s = later()
    late = records.save(s, reception(received_at="2027-01-04T08:30", direction="accept"))  # due 18/01 (10 working days from a Monday)
    answered = records.save(s, reception(received_at="2027-01-04T09:30", direction="forward",
                                         forwarded_to="Thanh tra tỉnh", notified_on="2027-01-12"))
    guided = records.save(s, reception(received_at="2027-01-04T10:30", direction="guide"))
    in_time = records.save(s, reception(received_at="2027-01-15T08:30", direction="accept"))  # due 29/01
    made_petition = records.save(s, reception(received_at="2027-01-05T08:30", direction="accept"))
    due = {i: store.get(s.db, "reception", i).extra["due_on"] for i in (late, answered, guided, in_time)}
    assert due == {late: "2027-01-18", answered: None, guided: None, in_time: "2027-01-29"}
    assert stats(s)["overdue_replies"] == 2
    overdue = listing.page(s, "reception", overdue=True)
    assert {r["id"] for r in overdue} == {late, made_petition}
    assert listing.count(s, "reception", overdue=True) == 2
    # A petition made from a reception carries the notice deadline itself: the reception no longer counts.
    records.save(s, petition(received_on="2027-01-05", reception_id=made_petition))
    assert stats(s)["overdue_replies"] == 1
    # The reply recorded: nothing is owed any more.
    rec = store.get(s.db, "reception", late).record
    records.save(s, dict(rec, notified_on="2027-01-19"))
    assert store.get(s.db, "reception", late).extra["due_on"] is None
    assert stats(s)["overdue_replies"] == 0
    # "overdue" still counts petitions only (INTERFACES.md): the one made from the reception, whose own notice
    # (10 working days from 05/01) is now late
    assert stats(s)["overdue"] == 1


def test_an_upgraded_database_gets_its_receptions_due_dates_at_the_next_log_in(later, db_path):
    """Existing receptions get their stored due dates at the first log-in after the upgrade (the schema's version
    is part of what stored due dates were computed under)."""
    s = later()
    rid = records.save(s, reception(received_at="2027-01-04T08:30", direction="accept"))
    s.close()
    con = sqlite3.connect(db_path)  # as the upgrade leaves it: the column new, empty, under the old basis
    con.execute("UPDATE receptions SET due_on = NULL")
    con.execute("UPDATE settings SET value = 'version 3' WHERE key = ?", (deadline_service.BASIS_SETTING,))
    con.commit()
    con.close()
    again = later()
    assert store.get(again.db, "reception", rid).extra["due_on"] == "2027-01-18"
    assert not deadline_service.due_dates_outdated(again)
