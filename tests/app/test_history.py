"""Status history of a petition from the audit log; hosts offered again by the reception form."""

from __future__ import annotations

from app.services import history, records

from tests.app.conftest import petition, reception


def test_status_history_names_each_change_with_user(open_session):
    """Creating a petition and changing its status leaves who/when/old→new in the audit log."""
    officer = open_session("officer")
    leader = open_session("leader")
    pid = records.save(officer, petition())
    rec = records.get(officer, "petition", pid)
    records.save(officer, rec | {"status": "accepted", "accepted_on": "2026-11-17"})
    rec = records.get(leader, "petition", pid)
    records.save(leader, rec | {"note": "không đổi trạng thái"})  # an edit without a status change
    records.save(leader, rec | {"status": "resolved", "resolved_on": "2026-11-20", "note": "xong"})
    h = history.status_history(officer, pid)
    assert [(e["user"], e["old"], e["new"]) for e in h] == [
        ("officer", None, "received"), ("officer", "received", "accepted"), ("leader", "accepted", "resolved")]
    assert all(len(e["at"]) == 16 for e in h)


def test_status_history_of_unknown_petition_is_empty(session):
    """A petition never saved has no history (not an error)."""
    assert history.status_history(session, "0190a000-0000-7000-8000-000000000000") == []


def test_recent_hosts_newest_first_with_last_role(open_session):
    """Hosts of earlier receptions come back, most recent first, with the role last used."""
    s = open_session("officer")
    records.save(s, reception(host_name="Nguyễn Văn An", host_role="officer", received_at="2026-11-01T08:00"))
    records.save(s, reception(host_name="Nguyễn Văn An", host_role="chairman", received_at="2026-11-10T08:00"))
    records.save(s, reception(host_name="Lê Thị Hoa", received_at="2026-11-05T08:00"))
    assert history.recent_hosts(s) == [{"name": "Nguyễn Văn An", "role": "chairman"},
                                       {"name": "Lê Thị Hoa", "role": None}]
