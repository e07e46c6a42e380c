"""The dashboard's figures: receptions per report month, the near and overdue petitions, models by field."""

from __future__ import annotations

from app.domain.masking import MASK
from app.services import dashboard, records, stats
from tests.app.conftest import denunciation, model, petition, reception

# The test clock is 23/11/2026; with the default cut-off (15th) the current report month is 12/2026,
# running 15/11/2026 – 14/12/2026.


def test_receptions_are_counted_per_report_month_for_twelve_months(session):
    """Receptions fall in the report month of the cut-off rule (15th to 14th), twelve months, oldest first."""
    for when in ("2026-11-14T08:00", "2026-11-15T08:00", "2026-11-20T09:00", "2026-01-10T08:00",
                 "2025-12-15T08:00", "2025-12-14T08:00"):
        records.save(session, reception(received_at=when))
    months = dashboard.receptions_by_month(session)
    assert [m["key"] for m in months] == [f"2026-{m:02d}" for m in range(1, 13)]
    counts = {m["key"]: m["count"] for m in months}
    assert counts["2026-12"] == 2  # 15/11 and 20/11
    assert counts["2026-11"] == 1  # 14/11
    assert counts["2026-01"] == 2  # 15/12/2025 and 10/01/2026; 14/12/2025 is before the twelve months
    assert sum(counts.values()) == 5
    assert months[-1]["from"] == "2026-11-15" and months[-1]["to"] == "2026-12-14"


def test_deleted_receptions_are_not_counted(session):
    """A tombstoned reception drops out of the monthly bars."""
    rid = records.save(session, reception(received_at="2026-11-20T08:00"))
    records.save(session, reception(received_at="2026-11-21T08:00"))
    records.delete(session, "reception", rid)
    assert dashboard.receptions_by_month(session)[-1]["count"] == 1


def test_due_list_is_overdue_and_this_week_earliest_deadline_first(session):
    """The list holds overdue petitions and those due within seven days, earliest deadline first, with
    working days left (negative when overdue); a petition due later is not in it."""
    for day in ("2026-11-20", "2026-03-02", "2026-11-16", "2026-11-05"):
        records.save(session, petition(received_on=day, content=f"Đơn {day}"))
    later = records.save(session, petition(received_on="2026-11-18", status="in_progress",
                                           accepted_on="2026-11-20", direction="accept"))
    due = dashboard.due_petitions(session)
    rows = due["rows"]
    dues = [r["due_on"] for r in rows]
    assert dues == sorted(dues) and len(rows) == 4
    assert later not in {r["id"] for r in rows}
    assert [r["overdue"] for r in rows] == [True, True, False, False]
    assert due["overdue_total"] == 2 and due["due_soon_total"] == 2
    assert all((r["working_days_left"] < 0) == r["overdue"] for r in rows)
    assert rows[-1]["working_days_left"] > rows[-2]["working_days_left"] > 0
    assert due["overdue_total"] == stats.stats(session)["overdue"]  # every overdue petition, any period


def test_overdue_rows_are_capped_but_counted(session):
    """Only the longest overdue are listed; the total still counts them all."""
    for day in ("2026-03-02", "2026-04-01", "2026-05-04"):
        records.save(session, petition(received_on=day))
    due = dashboard.due_petitions(session, overdue_limit=2)
    assert len(due["rows"]) == 2 and due["overdue_total"] == 3
    assert due["rows"][0]["due_on"] < due["rows"][1]["due_on"]


def test_denouncer_is_masked_for_admin_and_shown_to_leader(session, leader):
    """A denouncer's name shows as [Bảo mật] to an admin (who may not see it) and by name to a leader."""
    records.save(session, denunciation(received_on="2026-11-16"))
    admin_row = dashboard.due_petitions(session)["rows"][0]
    assert admin_row["person"] == MASK and admin_row["masked"]
    leader_row = dashboard.due_petitions(leader)["rows"][0]
    assert leader_row["person"] == "Lê Văn Tố" and not leader_row["masked"]


def test_a_denouncer_shown_on_the_dashboard_is_logged_once_per_log_in(session, leader):
    """Showing the name is a read of confidential data: one "read.confidential" per record and log-in, however
    often the dashboard refreshes (also from its background session); the admin's masked view logs nothing."""
    rid = records.save(session, denunciation(received_on="2026-11-16"))

    def reads():
        return [r for r in session.db.conn.execute(
            "SELECT user, record_id FROM audit_log WHERE action = 'read.confidential'")]

    dashboard.due_petitions(session)
    assert reads() == []
    dashboard.due_petitions(leader)
    worker = leader.spawn()
    try:
        dashboard.due_petitions(worker)
    finally:
        worker.close()
    dashboard.due_petitions(leader)
    assert reads() == [("leader", rid)]


def test_denouncer_is_shown_to_the_officer_who_received_it_only(officer, officer2):
    """The officer who recorded a denunciation sees the denouncer; another officer sees [Bảo mật]."""
    records.save(officer, denunciation(received_on="2026-11-16"))
    assert dashboard.due_petitions(officer)["rows"][0]["person"] == "Lê Văn Tố"
    assert dashboard.due_petitions(officer2)["rows"][0]["person"] == MASK


def test_anonymous_petition_has_no_person(session):
    """An anonymous petition is marked anonymous, with no name and nothing masked."""
    records.save(session, petition(received_on="2026-11-16", anonymous=True, petitioners=None))
    row = dashboard.due_petitions(session)["rows"][0]
    assert row["anonymous"] and row["person"] is None and not row["masked"]


def test_models_by_field_count_those_being_carried_out(session):
    """Models by field count only models being carried out (any year); the tile is their total."""
    records.save(session, model(field="economy", status="implementing"))
    records.save(session, model(field="economy", status="implementing", year=2025, name="Mô hình năm trước"))
    records.save(session, model(field="defense_security", status="implementing", name="Camera"))
    records.save(session, model(field="economy", status="recognized", name="Đã công nhận"))
    assert dashboard.models_by_field(session) == {"economy": 2, "defense_security": 1}
    assert dashboard.overview(session)["tiles"]["models_active"] == 3


def test_overview_tiles_use_the_statistics_of_the_current_period(session):
    """The reception and petition tiles are app.services.stats' totals for the current month period."""
    records.save(session, reception(received_at="2026-11-20T08:00"))
    records.save(session, reception(received_at="2026-11-10T08:00"))  # the previous report month
    records.save(session, petition(received_on="2026-11-16"))
    records.save(session, petition(received_on="2026-03-02"))
    o = dashboard.overview(session)
    s = stats.stats(session, "this-month")
    assert o["period"] == s["period"] and o["period"]["from"] == "2026-11-15"
    assert o["tiles"]["receptions"] == s["total"]["reception"] == 1
    assert o["tiles"]["petitions"] == s["total"]["petition"] == 1
    assert o["tiles"]["overdue"] == 1  # received in March, still overdue today
    assert o["petitions_by_category"] == {"complaint": 1}


def test_models_by_status_counts_this_years_models(session):
    """The dashboard's models-by-status chart counts the current year's models by status."""
    from app.services import dashboard, records

    from tests.app.conftest import model

    records.save(session, model(status="implementing"))
    records.save(session, model(name="Mô hình khác", status="recognized"))
    records.save(session, model(name="Năm trước", year=2025, status="implementing"))
    assert dashboard.models_by_status(session) == {"implementing": 1, "recognized": 1}


def test_dialogue_commitments_with_no_result_are_counted_and_the_late_ones_apart(session):
    """What leaders promised at a dialogue and has no result yet: counted on the dashboard (all time) and in
    `stats` (dialogues held in the period), those past their deadline apart; a result recorded, or no
    commitment, takes a dialogue out."""
    from tests.app.conftest import dialogue

    records.save(session, dialogue(held_on="2026-09-01", commitments="Sửa cống", commitments_due="2026-10-31"))
    records.save(session, dialogue(held_on="2026-11-20", commitments="Lắp đèn", commitments_due="2027-01-31"))
    records.save(session, dialogue(held_on="2026-11-21", commitments="Dọn rác"))  # no deadline: open, never late
    records.save(session, dialogue(held_on="2026-08-01", commitments="Làm đường", commitments_due="2026-09-30",
                                   follow_up="Đã làm xong"))
    records.save(session, dialogue(held_on="2026-11-22"))  # nothing promised
    gone = records.save(session, dialogue(held_on="2026-07-01", commitments="X", commitments_due="2026-08-01"))
    records.delete(session, "dialogue", gone)
    tiles = dashboard.overview(session)["tiles"]
    assert (tiles["open_commitments"], tiles["late_commitments"]) == (3, 1)
    s = stats.stats(session)
    assert (s["commitments_open"], s["commitments_late"]) == (3, 1)
    quarter = stats.stats(session, "2026-Q4")  # 15/09 – 14/12 under the cut-off day 15: not the 01/09 dialogue
    assert (quarter["commitments_open"], quarter["commitments_late"]) == (2, 0)  # held 20/11 and 21/11
