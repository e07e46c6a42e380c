"""Status history of a petition from the audit log; hosts offered again by the reception form."""

from __future__ import annotations

from app.services import history, records

from tests.app.conftest import petition, reception
from tests.app.test_sync_scenario import templates, world  # noqa: F401 — fixtures


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


def b_updated_at(session, record_id):
    from app.storage import records as store

    return store.get(session.db, "petition", record_id).updated_at


def test_a_communes_petition_at_the_upper_level_shows_its_statuses_as_the_communes(world, tmp_path):
    """At the upper level a commune's petition's history names the commune (it named the account that imported
    the bundle) and the statuses each bundle brought; the audit log reads the status in words."""
    from app.services import audit_log
    from tests.app.test_sync_scenario import _export, _import

    from datetime import datetime

    from app.clock import Clock

    b, u = world["b"], world["u"]
    pid = records.save(b, petition(received_on="2026-10-01"))
    _import(u, _export(b, tmp_path)["file"])
    today = b.clock
    b.clock = Clock(datetime(2026, 10, 20, 9, 0))  # accepted at the commune weeks before the bundle arrives
    changed = {**records.get(b, "petition", pid), "status": "accepted", "accepted_on": "2026-10-15"}
    records.save(b, changed)
    b.clock = today
    _import(u, _export(b, tmp_path)["file"])
    h = history.status_history(u, pid)
    assert [(e["user"], e["old"], e["new"]) for e in h] == [
        ("Phường Ngọc Hà", None, "received"), ("Phường Ngọc Hà", "received", "accepted")]
    # when the commune saved it (its own record's time), and apart, when the bundle arrived here
    saved = records.get(b, "petition", pid)
    # dated by the record's own day of that status (accepted_on), not by a later save nor the bundle's arrival
    assert all(e["arrived"] for e in h) and h[-1]["at"] == "2026-10-15" and h[-1]["arrived"][:10] == "2026-11-23"
    assert b_updated_at(b, pid)[:10] == "2026-10-20"
    rows = [r for r in audit_log.page(u) if r["action"] == "sync.import.update" and r["record_id"] == pid]
    assert rows and "→" in rows[0]["detail_text"] and "status=" not in rows[0]["detail_text"]
    assert "(gói " in rows[0]["detail_text"]  # which bundle brought it
    assert saved["status"] == "accepted"
    # at the commune, its own history is unchanged: its own account
    assert history.status_history(b, pid)[-1]["user"] == b.user_name
