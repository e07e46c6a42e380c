"""From which day a unit's receptions owe a tracked reply to the citizen (app/services/reply_tracking.py): a book
created after replies began to be recorded starts on its creation day — the Excel book it migrates in is not
flagged overdue —, its administrator may move the day, and the upper level counts each commune from that
commune's own day, which its bundles carry."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.clock import Clock, vietnam_day
from app.domain.deadlines import RECEPTION_REPLY_TRACKED_FROM
from app.errors import DanvanError, PermissionDenied
from app.services import (accounts, administration, records, reply_tracking, setup, stats as stats_service,
                          sync_export, sync_import, sync_keys, unit_settings)
from app.services.session import Session
from app.storage import records as store
from app.storage.db import open_db
from app.sync.bundle import read_manifest
from tests.app.conftest import dialogue, reception

PASSWORD = "Kiem-tra-2026!"
CREATED = datetime(2027, 3, 1, 8, 0)  # the commune's book is made months after replies began to be recorded
LATER = datetime(2027, 3, 25, 9, 0)
OLD = "2027-02-10T08:30"  # a reception of the Excel book kept before: no reply date recorded anywhere
LIVE = "2027-03-02T08:30"  # one recorded in the program: its reply was due 16/03


def _at(path, when=LATER, user="admin") -> Session:
    return Session.open(path, user, PASSWORD, clock=Clock(when))


def _book(tmp_path, name="c.db", code="00004") -> tuple:
    path = tmp_path / name
    setup.init(path, code, "commune", "admin", PASSWORD, clock=Clock(CREATED))
    s = _at(path)
    old = records.save(s, reception(received_at=OLD, direction="accept"))
    live = records.save(s, reception(received_at=LIVE, direction="accept"))
    return path, s, old, live


def _due(s: Session, rid: str) -> str | None:
    return store.get(s.db, "reception", rid).extra["due_on"]


def test_the_vietnam_day_of_a_stamp_is_the_same_on_every_machine():
    assert vietnam_day("2027-03-01T16:59:59+00:00") == date(2027, 3, 1)
    assert vietnam_day("2027-03-01T17:00:00+00:00") == date(2027, 3, 2)  # midnight in Hà Nội
    assert vietnam_day("2027-03-01T23:30:00+07:00") == date(2027, 3, 1)


def test_a_book_created_later_follows_replies_from_its_creation_day(tmp_path):
    path, s, old, live = _book(tmp_path)
    assert s.reply_tracked_from() == date(2027, 3, 1)
    assert _due(s, old) is None and _due(s, live) == "2027-03-16"
    assert stats_service.stats(s)["overdue_replies"] == 1
    assert records.reply_tracked_from(s, old) == date(2027, 3, 1) == records.reply_tracked_from(s)
    info = administration.unit_info(s)
    assert info["reply_tracked_from"] == info["reply_tracked_from_default"] == "2027-03-01"
    # a bundle says so, since it is not the usual day
    assert reply_tracking.manifest_value(s.db) == "2027-03-01"
    s.close()


def test_a_book_created_later_does_not_follow_the_notices_of_the_letters_it_migrated_in(tmp_path):
    """The Art. 28 notice of a petition received before the book was created (an Excel book's letter, forwarded
    with no notice date recorded) is not counted overdue; its other deadlines still are, and a letter received
    since is followed in full. An older book follows every petition's notice, as it always did."""
    from app.services import deadlines as deadline_service
    from tests.app.conftest import petition

    path, s, _old, _live = _book(tmp_path)
    migrated = records.save(s, petition(received_on="2027-02-02", direction="forward",
                                        forwarded_to="Tòa án nhân dân khu vực 1"))
    complaint = records.save(s, petition(received_on="2027-02-10"))  # not accepted: the acceptance is late
    recent = records.save(s, petition(received_on="2027-03-02", direction="forward", forwarded_to="Công an xã"))
    due = {i: store.get(s.db, "petition", i).extra["due_on"] for i in (migrated, complaint, recent)}
    assert due[migrated] is None and due[complaint] is not None and due[recent] is not None
    keys = {d["key"] for d in deadline_service.deadlines_of(s, complaint)}
    assert "notify_citizen" not in keys and keys  # its acceptance deadline still stands
    assert "notify_citizen" in {d["key"] for d in deadline_service.deadlines_of(s, recent)}
    assert reply_tracking.notice_start(RECEPTION_REPLY_TRACKED_FROM) is None  # an older book: every notice
    unit_settings.set_setting(s, "reply_tracked_from", "2027-01-15")  # the administrator follows older ones too
    assert store.get(s.db, "petition", migrated).extra["due_on"] is not None
    s.close()


def test_an_older_book_keeps_the_day_replies_began_to_be_recorded(open_session):
    s = open_session("admin")  # the shared test book was created on 23/11/2026
    assert s.reply_tracked_from() == RECEPTION_REPLY_TRACKED_FROM
    assert reply_tracking.manifest_value(s.db) is None  # bundles stay as an older upper level reads them


def test_the_administrator_moves_the_day_and_the_due_dates_follow(tmp_path):
    path, s, old, live = _book(tmp_path)
    res = unit_settings.set_setting(s, "reply_tracked_from", "2027-02-01")
    assert res["due_dates_changed"] == 1 and _due(s, old) is not None
    assert stats_service.stats(s)["overdue_replies"] == 2
    s.close()
    s = _at(path)  # stored, not only in this session
    assert s.reply_tracked_from() == date(2027, 2, 1)
    res = unit_settings.set_setting(s, "reply_tracked_from", "")  # back to the day the book was made
    assert res["due_dates_changed"] == 1 and _due(s, old) is None
    assert administration.unit_info(s)["reply_tracked_from"] == "2027-03-01"
    s.close()


@pytest.mark.parametrize("bad, why", [("01/02/2027", "năm-tháng-ngày"), ("2027-02-30", "năm-tháng-ngày"),
                                      ("mai", "năm-tháng-ngày"), ("2027-2-1", "năm-tháng-ngày"),
                                      ("2014-06-30", "từ 2014-07-01"), ("2027-03-26", "đến hôm nay (2027-03-25)"),
                                      ("2030-01-01", "tắt việc theo dõi")])
def test_a_day_that_is_no_day_or_out_of_range_is_refused_and_changes_nothing(tmp_path, bad, why):
    """A day ahead of today would switch tracking off until then without a word; one before the Reception Law
    has no rule to count by."""
    path, s, old, live = _book(tmp_path)
    with pytest.raises(DanvanError) as exc:
        unit_settings.set_setting(s, "reply_tracked_from", bad)
    assert exc.value.exit_code == 1 and why in exc.value.message("vi")
    assert s.reply_tracked_from() == date(2027, 3, 1) and _due(s, old) is None
    assert unit_settings.set_setting(s, "reply_tracked_from", "2027-03-25")["value"] == "2027-03-25"  # today is fine
    s.close()


def test_only_an_administrator_moves_the_day(tmp_path):
    path, s, old, live = _book(tmp_path)
    accounts.add_user(s.db, "officer", "officer", PASSWORD, by="admin")
    s.close()
    officer = _at(path, user="officer")
    with pytest.raises(PermissionDenied):
        unit_settings.set_setting(officer, "reply_tracked_from", "2027-02-01")
    assert _due(officer, old) is None
    officer.close()


def _upper_with(tmp_path, commune_path) -> Session:
    """An upper level (made in 2026, before the commune) and the commune, keys exchanged both ways."""
    upper_path = tmp_path / "u.db"
    setup.init(upper_path, "1", "upper", "admin", PASSWORD, clock=Clock(datetime(2026, 11, 23, 10, 0)))
    u, c = _at(upper_path), _at(commune_path)
    sync_keys.export_keyfile(u, tmp_path / "u.dvkey", password=PASSWORD)
    sync_keys.trust(c, tmp_path / "u.dvkey")
    sync_keys.export_keyfile(c, tmp_path / "c.dvkey", password=PASSWORD)
    sync_keys.trust(u, tmp_path / "c.dvkey")
    c.close()
    return u


def _send(s: Session, out) -> str:
    out.mkdir(exist_ok=True)
    return sync_export.export_bundle(s, out, password=PASSWORD)["file"]


def _import(u: Session, *files) -> list[dict]:
    return sync_import.import_bundles(u, list(files), password=PASSWORD)["bundles"]


def test_the_upper_level_counts_a_commune_from_the_commune_s_own_day(tmp_path):
    path, c, old, live = _book(tmp_path)
    c.close()
    u = _upper_with(tmp_path, path)
    c = _at(path)
    first = _send(c, tmp_path / "b1")
    assert read_manifest(first).reply_tracked_from == "2027-03-01"
    assert [b["status"] for b in _import(u, first)] == ["imported"]
    site = c.site_id
    assert u.reply_tracked_from(site) == date(2027, 3, 1)
    assert _due(u, old) is None and _due(u, live) == "2027-03-16"
    assert stats_service.stats(u, sites=(site,))["overdue_replies"] == stats_service.stats(c)["overdue_replies"] == 1

    # A bundle written before the commune moved its day reaches the province after a newer one: it turns nothing back.
    records.save(c, dialogue())
    stale = _send(c, tmp_path / "b2")
    unit_settings.set_setting(c, "reply_tracked_from", "2027-02-01")
    records.save(c, dialogue(held_on="2027-03-03"))
    newer = _send(c, tmp_path / "b3")
    assert read_manifest(newer).reply_tracked_from == "2027-02-01"
    assert [b["status"] for b in _import(u, newer, stale)] == ["imported", "imported"]
    assert u.reply_tracked_from(site) == date(2027, 2, 1)
    assert _due(u, old) == _due(c, old) is not None
    assert stats_service.stats(u, sites=(site,))["overdue_replies"] == stats_service.stats(c)["overdue_replies"] == 2
    # `stats --by-unit` says what each commune owes, late, beside its counts
    by_unit = stats_service.stats(u, by_unit=True)
    own = stats_service.stats(c)
    assert by_unit["unit_overdue"][c.unit_code] == {"overdue": own["overdue"], "overdue_replies": 2,
                                                   "commitments_late": 0}
    assert set(by_unit["units"][c.unit_code]) == {"reception", "petition", "model", "dialogue"}  # as the contract says
    c.close()
    u.close()


def test_a_day_moved_with_nothing_else_to_send_still_goes_up(tmp_path):
    """Moving the day changes no record: a bundle of no records carries it, the Đồng bộ screen says one is due,
    and the upper level's figures for the commune follow; with nothing new at all, nothing is written."""
    from app.services import sync_ack, sync_overview

    path, c, old, live = _book(tmp_path)
    c.close()
    u = _upper_with(tmp_path, path)
    c = _at(path)
    first = _send(c, tmp_path / "b1")
    _import(u, first)
    receipt = sync_ack.export_ack(u, c.unit_code, tmp_path / "a.dvack", password=PASSWORD)["file"]
    sync_ack.import_ack(c, receipt)  # everything acknowledged
    assert _send(c, tmp_path / "b2") is None  # nothing changed: no bundle
    assert sync_overview.commune_overview(c)["reply_day_unsent"] is False
    unit_settings.set_setting(c, "reply_tracked_from", "2027-02-01")
    assert sync_overview.commune_overview(c)["reply_day_unsent"] is True
    carrier = _send(c, tmp_path / "b3")
    assert carrier is not None and read_manifest(carrier).records == 0
    assert read_manifest(carrier).reply_tracked_from == "2027-02-01"
    assert sync_overview.commune_overview(c)["reply_day_unsent"] is False
    assert [b["status"] for b in _import(u, carrier)] == ["imported"]
    assert stats_service.stats(u, sites=(c.site_id,))["overdue_replies"] == stats_service.stats(c)["overdue_replies"] == 2
    c.close()
    u.close()


def test_the_upper_level_dashboard_names_the_communes_that_owe_most(tmp_path):
    from app.services import dashboard

    path, c, old, live = _book(tmp_path)
    c.close()
    u = _upper_with(tmp_path, path)
    c = _at(path)
    _import(u, _send(c, tmp_path / "b1"))
    assert dashboard.overview(c)["units_overdue"] is None  # a commune has its own figures
    late = dashboard.overview(u)["units_overdue"]
    assert late == [{"unit_code": c.unit_code, "unit_name": "Phường Ba Đình", "overdue": 0, "overdue_replies": 1,
                     "commitments_late": 0}]
    c.close()
    u.close()


def test_a_commune_that_never_said_is_counted_from_the_usual_day(tmp_path):
    """A commune made before 07/12/2026 (or by an older version) sends no day: the upper level assumes the usual
    one, and writes nothing for it."""
    upper_path = tmp_path / "u.db"
    setup.init(upper_path, "1", "upper", "admin", PASSWORD, clock=Clock(datetime(2026, 11, 23, 10, 0)))
    u = _at(upper_path)
    assert u.reply_tracked_from("some-other-site") == RECEPTION_REPLY_TRACKED_FROM
    assert reply_tracking.take_from_bundle(u.db, "some-other-site", None, "2027-03-25T02:00:00+00:00") is False
    db = open_db(upper_path)
    assert db.conn.execute("SELECT count(*) FROM settings WHERE key LIKE 'reply_tracked_from@%'").fetchone()[0] == 0
    db.close()
    u.close()
