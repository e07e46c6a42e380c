"""Legal time limits of petitions, from the versioned rules in resources/data/deadline_rules.json."""

import json
from datetime import date

import pytest

from app.domain.deadlines import (
    Deadline,
    current_due,
    extension_warnings,
    RULES_FILE,
    load_rules,
    petition_deadlines,
    reception_reply_due,
)
from app.domain.workdays import WorkCalendar


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def by_step(deadlines, step):
    found = [d for d in deadlines if d.step == step]
    assert len(found) <= 1
    return found[0] if found else None


COMPLAINT = {
    "type": "petition",
    "received_on": "2025-09-03",
    "category": "complaint",
    "status": "in_progress",
    "accepted_on": "2025-09-10",
    "notified_on": "2025-09-10",
}


# -- the rule file ---------------------------------------------------------------------------------------------


def test_every_rule_cites_an_article(rules):
    """Every shipped rule names its article, its unit and a positive number of days."""
    for v in rules.all_versions():
        assert v.version and v.title
        for r in v.rules:
            assert r.article.strip()
            assert r.unit in ("working", "calendar")
            assert r.days > 0


def test_versions_sorted_with_2026_unverified(rules):
    """Versions are sorted by effective date; the Law 136/2025 version is flagged unverified and cites it."""
    versions = rules.all_versions()
    assert [v.effective_from for v in versions] == sorted(v.effective_from for v in versions)
    v26 = rules.version_for(date(2026, 7, 1))
    assert v26.effective_from == date(2026, 7, 1)
    assert not v26.verified
    assert all(not r.verified for r in v26.rules)
    assert all("136/2025/QH15" in r.article for r in v26.rules if r.article.startswith("Luật"))


def test_version_for_boundaries(rules):
    """version_for picks the version in force on the day; before 01/07/2014 there is none."""
    assert rules.version_for(date(2026, 6, 30)).effective_from < date(2026, 7, 1)
    assert rules.version_for("2026-07-01").effective_from == date(2026, 7, 1)
    with pytest.raises(LookupError):
        rules.version_for(date(2014, 6, 30))


def test_table_rows_for_gui(rules):
    """table_rows flattens every version's rules for a read-only table."""
    rows = rules.table_rows()
    assert sum(len(v.rules) for v in rules.all_versions()) == len(rows)
    assert {"version", "effective_from", "key", "days", "unit", "article", "verified"} <= set(rows[0])


def test_load_rules_rejects_bad_unit(tmp_path):
    """A rule file with an unknown unit is refused with a ValueError."""
    bad = {"versions": [{"version": "x", "effective_from": "2014-07-01", "rules": [
        {"key": "k", "step": "notify", "category": ["*"], "from": "received_on", "days": 10,
         "unit": "weeks", "article": "A"}]}]}
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(ValueError):
        load_rules(path)


# -- Deadline ---------------------------------------------------------------------------------------------------


def test_deadline_overdue_only_after_due_day():
    """overdue(today): due_on < today and not met; the due day itself is still in time."""
    d = Deadline("k", "Hạn", "Due", date(2026, 3, 20), None, "Điều 28", True)
    assert not d.overdue(date(2026, 3, 20))
    assert d.overdue(date(2026, 3, 21))
    met = Deadline("k", "Hạn", "Due", date(2026, 3, 20), date(2026, 3, 25), "Điều 28", True)
    assert not met.overdue(date(2026, 4, 1))
    assert met.met_late


# -- notify (Reception Law Art. 28) ---------------------------------------------------------------------------


def test_notify_ten_working_days_from_friday(cal, rules):
    """Reception Law Art. 28: notify within 10 working days — received Fri 06/03/2026, due Fri 20/03/2026."""
    p = {"received_on": "2026-03-06", "category": "petition", "status": "received"}
    d = by_step(petition_deadlines(p, cal, rules), "notify")
    assert d.due_on == date(2026, 3, 20)
    assert d.label_vi == "Hạn thông báo cho công dân"
    assert d.article.endswith("Điều 28") and d.verified
    assert d.met_on is None


def test_notify_applies_to_every_category(cal, rules):
    """Reception Law Art. 28 applies to complaints, denunciations, petitions, reflections and mixed petitions."""
    for cat in ("complaint", "denunciation", "petition", "reflection", "mixed"):
        p = {"received_on": "2026-03-06", "category": cat, "status": "received"}
        assert by_step(petition_deadlines(p, cal, rules), "notify") is not None, cat


def test_notify_met_by_notified_on_or_acceptance(cal, rules):
    """The notify deadline is met by notified_on, or by accepted_on (an acceptance notice notifies)."""
    p = {"received_on": "2026-03-06", "category": "complaint", "status": "received", "notified_on": "2026-03-12"}
    assert by_step(petition_deadlines(p, cal, rules), "notify").met_on == date(2026, 3, 12)
    p = {"received_on": "2026-03-06", "category": "complaint", "status": "accepted", "accepted_on": "2026-03-11"}
    assert by_step(petition_deadlines(p, cal, rules), "notify").met_on == date(2026, 3, 11)


def test_notify_overdue_when_nobody_answered(cal, rules):
    """A petition left unanswered past 10 working days is overdue on its notify deadline."""
    p = {"received_on": "2026-03-06", "category": "reflection", "status": "received"}
    due, overdue = current_due(p, cal, rules, date(2026, 3, 23))
    assert due == date(2026, 3, 20) and overdue
    assert current_due(p, cal, rules, date(2026, 3, 20)) == (date(2026, 3, 20), False)


def test_anonymous_petition_has_no_notify_deadline(cal, rules):
    """An anonymous petition without petitioners has nobody to notify."""
    p = {"received_on": "2026-03-06", "category": "denunciation", "status": "received", "anonymous": True,
         "petitioners": []}
    assert by_step(petition_deadlines(p, cal, rules), "notify") is None


def test_reception_reply_due(cal, rules):
    """Reception Law Art. 28: the reply after a reception is due 10 working days later."""
    assert reception_reply_due(date(2026, 3, 6), cal, rules) == date(2026, 3, 20)
    assert reception_reply_due("2026-02-13T09:30", cal, rules) == date(2026, 3, 6)
    assert reception_reply_due(date(2013, 5, 1), cal, rules) is None


# -- complaints (Complaint Law Arts. 27, 28, 37) ----------------------------------------------------------------


def test_complaint_accept_ten_calendar_days(cal, rules):
    """Complaint Law Art. 27: accept within 10 days of receipt — received Sun 01/03/2026, due Wed 11/03/2026."""
    p = {"received_on": "2026-03-01", "category": "complaint", "status": "received"}
    d = by_step(petition_deadlines(p, cal, rules), "accept")
    assert d.due_on == date(2026, 3, 11)
    assert d.key == "complaint_accept" and "Điều 27" in d.article
    assert d.met_on is None


def test_complaint_accept_end_moves_off_weekend(cal, rules):
    """Art. 27 with Civil Code Art. 148: received 02/07/2026, day 10 is Sun 12/07 → due Mon 13/07/2026."""
    p = {"received_on": "2026-07-02", "category": "complaint", "status": "received"}
    assert by_step(petition_deadlines(p, cal, rules), "accept").due_on == date(2026, 7, 13)


def test_complaint_guided_has_no_pending_acceptance(cal, rules):
    """Complaint returned with guidance (direction guide): no acceptance deadline pending."""
    p = {"received_on": "2026-03-01", "category": "complaint", "status": "received", "direction": "guide"}
    ds = petition_deadlines(p, cal, rules)
    assert by_step(ds, "accept") is None
    assert by_step(ds, "notify").met_on is None  # the citizen must still be told
    p["notified_on"] = "2026-03-05"
    assert by_step(petition_deadlines(p, cal, rules), "accept").met_on == date(2026, 3, 5)


def test_no_resolution_deadline_before_acceptance(cal, rules):
    """Complaint Law Art. 28 counts from acceptance: no resolution deadline until accepted_on is set."""
    p = {"received_on": "2026-03-01", "category": "complaint", "status": "received"}
    assert by_step(petition_deadlines(p, cal, rules), "resolve") is None


def test_complaint_accepted_months_ago_is_overdue(cal, rules):
    """Complaint Law Art. 28: 30 days from acceptance 10/09/2025 → 10/10/2025; still in progress in 2026 → overdue."""
    ds = petition_deadlines(COMPLAINT, cal, rules)
    d = by_step(ds, "resolve")
    assert d.key == "complaint_resolve_r1"
    assert d.due_on == date(2025, 10, 10)
    assert d.label_vi.startswith("Hạn giải quyết")
    assert d.overdue(date(2026, 1, 15))
    assert current_due(COMPLAINT, cal, rules, date(2026, 1, 15)) == (date(2025, 10, 10), True)


@pytest.mark.parametrize(
    "complex_, remote, key, due",
    [
        (True, False, "complaint_resolve_r1_complex", date(2025, 10, 27)),  # 45 days → Sat 25/10 → Mon 27/10
        (False, True, "complaint_resolve_r1_remote", date(2025, 10, 27)),  # 45 days
        (True, True, "complaint_resolve_r1_remote_complex", date(2025, 11, 10)),  # 60 days → Sun 09/11 → Mon
    ],
)
def test_complaint_round1_complex_and_remote(cal, rules, complex_, remote, key, due):
    """Complaint Law Art. 28: complex 45, remote area 45, remote and complex 60 days from acceptance."""
    p = dict(COMPLAINT, complex=complex_, remote_area=remote)
    d = by_step(petition_deadlines(p, cal, rules), "resolve")
    assert (d.key, d.due_on) == (key, due)


@pytest.mark.parametrize(
    "complex_, remote, key, due",
    [
        (False, False, "complaint_resolve_r2", date(2025, 10, 27)),  # 45 days
        (True, False, "complaint_resolve_r2_complex", date(2025, 11, 10)),  # 60 days
        (False, True, "complaint_resolve_r2_remote", date(2025, 11, 10)),  # 60 days
        (True, True, "complaint_resolve_r2_remote_complex", date(2025, 11, 19)),  # 70 days
    ],
)
def test_complaint_round2(cal, rules, complex_, remote, key, due):
    """Complaint Law Art. 37: 2nd-time complaint 45 / complex 60 / remote 60 / remote and complex 70 days."""
    p = dict(COMPLAINT, round=2, complex=complex_, remote_area=remote)
    d = by_step(petition_deadlines(p, cal, rules), "resolve")
    assert (d.key, d.due_on) == (key, due)
    assert "Điều 37" in d.article


def test_mixed_petition_uses_complaint_rules(cal, rules):
    """A mixed-content petition follows the complaint rules (Arts. 27–28)."""
    p = dict(COMPLAINT, category="mixed")
    ds = petition_deadlines(p, cal, rules)
    assert by_step(ds, "accept").key == "complaint_accept"
    assert by_step(ds, "resolve").key == "complaint_resolve_r1"


def test_resolved_complaint_not_overdue(cal, rules):
    """A resolved complaint has no pending deadline, even long after its due date."""
    p = dict(COMPLAINT, status="resolved", resolved_on="2025-11-20")
    d = by_step(petition_deadlines(p, cal, rules), "resolve")
    assert d.met_on == date(2025, 11, 20) and d.met_late
    assert not any(x.overdue(date(2026, 6, 1)) for x in petition_deadlines(p, cal, rules))
    assert current_due(p, cal, rules, date(2026, 6, 1)) == (None, False)


def test_resolved_without_date_not_overdue(cal, rules):
    """Status resolved without resolved_on: nothing is pending (the resolution date is just unknown)."""
    p = dict(COMPLAINT, status="resolved")
    assert current_due(p, cal, rules, date(2026, 6, 1)) == (None, False)


def test_closed_and_forwarded_have_no_pending_deadline(cal, rules):
    """Closed or forwarded petitions carry no pending deadline."""
    for status in ("closed", "forwarded"):
        p = {"received_on": "2026-03-01", "category": "complaint", "status": status}
        assert all(d.met_on is not None for d in petition_deadlines(p, cal, rules))
        assert current_due(p, cal, rules, date(2026, 6, 1)) == (None, False)


def test_duplicate_has_no_deadline(cal, rules):
    """A duplicate petition (trùng đơn, duplicate_of set) has no deadline of its own."""
    p = dict(COMPLAINT, duplicate_of="0b7c6f0e-1111-4222-8333-444455556666")
    assert petition_deadlines(p, cal, rules) == []
    assert current_due(p, cal, rules, date(2026, 1, 15)) == (None, False)


# -- denunciations (Denunciation Law Arts. 24, 30) ----------------------------------------------------------------


def test_denunciation_accept_seven_working_days_unverified(cal, rules):
    """Denunciation Law Art. 24: register and check within 7 working days (marked unverified)."""
    p = {"received_on": "2025-03-03", "category": "denunciation", "status": "received"}
    d = by_step(petition_deadlines(p, cal, rules), "accept")
    assert d.due_on == date(2025, 3, 12)
    assert not d.verified


def test_denunciation_resolve_thirty_days(cal, rules):
    """Denunciation Law Art. 30: 30 days from acceptance 10/03/2025 → 09/04/2025."""
    p = {"received_on": "2025-03-03", "category": "denunciation", "status": "in_progress",
         "accepted_on": "2025-03-10"}
    d = by_step(petition_deadlines(p, cal, rules), "resolve")
    assert d.due_on == date(2025, 4, 9)
    assert "Điều 30" in d.article


def test_denunciation_with_two_extensions(cal, rules):
    """Denunciation Law Art. 30: especially complex, two 30-day extensions → 90 days → Sun 08/06 → Mon 09/06/2025."""
    p = {"received_on": "2025-03-03", "category": "denunciation", "status": "in_progress",
         "accepted_on": "2025-03-10", "complex": True,
         "extensions": [{"days": 30, "reason": "Phức tạp", "decided_on": "2025-04-05"},
                        {"days": 30, "reason": "Đặc biệt phức tạp", "decided_on": "2025-05-05"}]}
    d = by_step(petition_deadlines(p, cal, rules), "resolve")
    assert d.due_on == date(2025, 6, 9)
    assert "gia hạn 2 lần" in d.label_vi
    assert current_due(p, cal, rules, date(2025, 6, 9)) == (date(2025, 6, 9), False)
    assert current_due(p, cal, rules, date(2025, 6, 10)) == (date(2025, 6, 9), True)


def test_denunciation_extensions_capped(cal, rules):
    """Denunciation Law Art. 30: at most 2 extensions of at most 30 days each are counted, with warnings."""
    p = {"received_on": "2025-03-03", "category": "denunciation", "status": "in_progress",
         "accepted_on": "2025-03-10", "complex": True,
         "extensions": [{"days": 45, "reason": "a", "decided_on": "2025-04-05"},
                        {"days": 30, "reason": "b", "decided_on": "2025-05-05"},
                        {"days": 30, "reason": "c", "decided_on": "2025-06-05"}]}
    d = by_step(petition_deadlines(p, cal, rules), "resolve")
    assert d.due_on == date(2025, 6, 9)  # 30 + 30 + 30, third ignored
    warnings = extension_warnings(p, rules)
    assert len(warnings) >= 2
    assert all(vi and en for vi, en in warnings)


def test_complaint_ignores_extensions(cal, rules):
    """The Complaint Law has no extension: a complaint's extensions do not move its deadline."""
    p = dict(COMPLAINT, extensions=[{"days": 30, "reason": "x", "decided_on": "2025-10-01"}])
    assert by_step(petition_deadlines(p, cal, rules), "resolve").due_on == date(2025, 10, 10)
    assert extension_warnings(p, rules)


# -- petitions and reflections -----------------------------------------------------------------------------------


def test_petition_has_no_statutory_resolution_deadline(cal, rules):
    """Kiến nghị / phản ánh: only notify and the (unverified) TT 05/2021 processing rule, no resolution limit."""
    p = {"received_on": "2026-03-06", "category": "petition", "status": "accepted", "accepted_on": "2026-03-10"}
    ds = petition_deadlines(p, cal, rules)
    assert {d.step for d in ds} == {"notify", "process"}
    process = by_step(ds, "process")
    assert process.due_on == date(2026, 3, 20) and not process.verified


def test_answered_petition_not_overdue(cal, rules):
    """A reflection answered (answered_on) is not overdue."""
    p = {"received_on": "2026-03-06", "category": "reflection", "status": "answered", "answered_on": "2026-03-30"}
    assert current_due(p, cal, rules, date(2026, 5, 1)) == (None, False)


# -- versions ------------------------------------------------------------------------------------------------------


def test_petition_after_july_2026_uses_2026_version(cal, rules):
    """A petition received on or after 01/07/2026 uses the Law 136/2025/QH15 version (unverified)."""
    p = {"received_on": "2026-07-02", "category": "complaint", "status": "received"}
    ds = petition_deadlines(p, cal, rules)
    v26 = rules.version_for(date(2026, 7, 1)).version
    assert ds and all(d.version == v26 for d in ds)
    assert all("136/2025/QH15" in d.article and not d.verified for d in ds)
    before = petition_deadlines(dict(p, received_on="2026-06-30"), cal, rules)
    assert all(d.version != v26 and d.verified for d in before if d.step in ("notify", "accept"))


def test_petition_before_first_version_has_no_deadline(cal, rules):
    """A petition received before the Reception Law came into force (01/07/2014) gets no deadline."""
    p = {"received_on": "2013-05-01", "category": "complaint", "status": "received"}
    assert petition_deadlines(p, cal, rules) == []


def test_denunciation_before_2019_has_no_denunciation_rules(cal, rules):
    """Denunciation Law 2018 limits apply from 01/01/2019; earlier denunciations get only the notify rule."""
    p = {"received_on": "2018-06-01", "category": "denunciation", "status": "received"}
    assert {d.step for d in petition_deadlines(p, cal, rules)} == {"notify"}


def test_stored_due_dates_follow_a_new_rules_file_at_the_next_log_in(open_session, tmp_path, monkeypatch):
    """A release that corrects a rule (the 2026-07 rules are marked for checking): at the next log-in the stored
    due dates — what the lists, `stats` and the dashboard count overdue by — are computed again, once; a log-in
    under the same rules computes nothing."""
    from app.resources import data_file
    from app.services import deadlines as service
    from app.services import records
    from app.storage import records as store
    from tests.app.conftest import petition

    s = open_session("admin")
    pid = records.save(s, petition(received_on="2026-11-16"))  # a complaint: acceptance within 10 days
    due_before = store.get(s.db, "petition", pid).extra["due_on"]
    assert service.refresh_due_dates(s) is None  # the log-in already recorded this basis
    doc = json.loads(data_file(RULES_FILE).read_text(encoding="utf-8"))
    changed = json.dumps(doc).replace('"days": 10', '"days": 20')
    assert changed != json.dumps(doc)
    corrected = tmp_path / "data" / RULES_FILE
    corrected.parent.mkdir()
    corrected.write_text(changed, encoding="utf-8")
    monkeypatch.setattr("app.resources.resources_dir", lambda: tmp_path)
    s.close()
    again = open_session("admin")  # the new rules: recomputed at log-in
    due_after = store.get(again.db, "petition", pid).extra["due_on"]
    assert due_after > due_before
    assert service.refresh_due_dates(again) is None  # once


def test_a_new_holidays_release_also_recomputes_stored_due_dates(open_session, monkeypatch):
    """A pip installation may upgrade the `holidays` package alone (pyproject allows any newer release), and a
    release adds or moves days off: its version is part of what the stored due dates were computed under."""
    from app.services import deadlines as service
    from app.services import records
    from app.storage import records as store
    from tests.app.conftest import petition

    s = open_session("admin")
    pid = records.save(s, petition(received_on="2026-11-16"))
    right = store.get(s.db, "petition", pid).extra["due_on"]
    store.set_due_dates(s.db, [("2000-01-01", pid)])  # as an older holidays calendar would have left it
    assert not service.due_dates_outdated(s)
    monkeypatch.setattr(service, "_holidays_version", lambda: "9999.1")
    assert service.due_dates_outdated(s)
    s.close()
    again = open_session("admin")
    assert store.get(again.db, "petition", pid).extra["due_on"] == right
    assert not service.due_dates_outdated(again)


def test_recomputing_due_dates_reports_progress_and_a_cancel_stores_nothing(open_session, monkeypatch):
    """The GUI runs the recompute behind a progress dialog: it says how far it is, and Cancel leaves every
    stored date — and the basis, so the next log-in tries again — as it was."""
    import threading

    from app.errors import Cancelled
    from app.services import deadlines as service
    from app.services import records
    from app.storage import records as store, settings
    from tests.app.conftest import petition

    monkeypatch.setattr(service, "PROGRESS_EVERY", 2)
    s = open_session("admin")
    ids = [records.save(s, petition(received_on="2026-11-16")) for _ in range(5)]
    store.set_due_dates(s.db, [("2000-01-01", i) for i in ids])
    settings.put(s.db, service.BASIS_SETTING, "older")
    seen = []
    cancel = threading.Event()

    def progress(done, total):
        seen.append((done, total))
        cancel.set()  # Cancel pressed after the first report

    with pytest.raises(Cancelled):
        service.refresh_due_dates(s, progress=progress, cancel=cancel)
    assert seen == [(2, 5)]
    assert {store.get(s.db, "petition", i).extra["due_on"] for i in ids} == {"2000-01-01"}
    assert service.due_dates_outdated(s)
    seen.clear()
    assert service.refresh_due_dates(s, progress=lambda d, t: seen.append((d, t))) == 5
    assert seen == [(2, 5), (4, 5)]
    assert "2000-01-01" not in {store.get(s.db, "petition", i).extra["due_on"] for i in ids}
    assert not service.due_dates_outdated(s)


def test_a_deadline_met_after_its_day_says_how_late(session):
    """A complaint accepted on 15/09 and resolved on 20/10 (due 15/10 without extension): the resolution
    deadline is met late, by the working days between — a board reading "met" would take it as in time."""
    from app.services import records
    from app.services.deadlines import deadlines_of
    from tests.app.conftest import petition

    pid = records.save(session, petition(received_on="2026-09-10", status="resolved", accepted_on="2026-09-15",
                                         resolved_on="2026-10-20", direction="accept", eligible=True,
                                         notified_on="2026-09-15"))
    rows = {d["key"]: d for d in deadlines_of(session, pid)}
    late = [d for d in rows.values() if d["met_late"]]
    assert late and all(d["met_on"] > d["due_on"] for d in late)
    resolve = next(d for d in late if d["met_on"] == "2026-10-20")
    # counted as its rule counts: the resolution's 30 days are calendar days — 20/10 is 5 days after 15/10
    assert (resolve["unit"], resolve["due_on"], resolve["late_days"]) == ("calendar", "2026-10-15", 5)
    assert all(d["late_days"] == 0 for d in rows.values() if not d["met_late"])
