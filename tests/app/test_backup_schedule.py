"""Automatic backups: rotation by dates, the daily backup, the second folder failing, the start-up check and the
recovery of a damaged data file."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.clock import Clock
from app.errors import AuthError, DanvanError, PermissionDenied
from app.services import backup_schedule as bs
from app.services import unit_settings
from app.services.session import Session
from app.storage import backup as store

from tests.app.conftest import PASSWORD

pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning")


def corrupt(path: Path, page: int = 6) -> None:
    """Overwrite one b-tree page (the header stays: still an SQLite file, but a damaged one)."""
    with open(path, "r+b") as fh:
        fh.seek(4096 * (page - 1))
        fh.write(b"\xff" * 4096)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def at(session: Session, when: datetime) -> Session:
    session.clock = Clock(when)
    return session


# -- rotation (pure) ----------------------------------------------------------------------------------------

def test_rotation_keeps_newest_per_day_for_seven_days_and_per_week_for_four():
    """Of 60 days with two backups each, 7 daily (the newest of each of the last 7 days) and 4 weekly are kept."""
    start = datetime(2026, 9, 1, 8, 0)
    made = []
    for d in range(60):
        for hour in (8, 17):
            when = (start + timedelta(days=d)).replace(hour=hour)
            made.append((f"x-auto-{when:%Y%m%d-%H%M%S}.db", when))
    keep, drop = bs.rotation(made)
    kept = sorted(when for name, when in made if name in keep)
    last7 = [(start + timedelta(days=d)).replace(hour=17) for d in range(53, 60)]
    assert set(last7) <= set(kept)  # the evening (newest) backup of each of the last 7 days
    assert all(w.hour == 17 for w in kept)
    weeks = {w.isocalendar()[:2] for w in kept}
    assert len(weeks) == 4  # the last 7 days span 2 ISO weeks; the 2 weeks before add one each
    assert len(keep) == 7 + 2 and len(drop) == 120 - 9
    assert keep | drop == {n for n, _ in made} and not keep & drop


def test_rotation_counts_days_that_have_backups_not_calendar_days():
    """A laptop left off for a month still keeps its last 7 working days' backups (nothing expires by age)."""
    days = [datetime(2026, 1, 5), datetime(2026, 1, 6), datetime(2026, 2, 20), datetime(2026, 3, 30)]
    made = [(f"b{i}", d) for i, d in enumerate(days)]
    keep, drop = bs.rotation(made)
    assert keep == {"b0", "b1", "b2", "b3"} and drop == set()


def test_rotation_weekly_keeps_newest_of_each_week():
    """With daily=0, one backup per ISO week remains — the newest of that week — for the last 4 weeks."""
    mondays = [datetime(2026, 11, 2) + timedelta(weeks=w) for w in range(6)]
    made = [(f"{m:%m%d}-{d}", m + timedelta(days=d)) for m in mondays for d in range(7)]
    keep, _drop = bs.rotation(made, daily=0, weekly=4)
    assert keep == {f"{m:%m%d}-6" for m in mondays[-4:]}  # each week's Sunday


def test_names_kinds_and_times_read_from_names():
    """Automatic and hand-made names carry local time; names made by migrations, restores and bundle imports UTC."""
    when = datetime(2026, 11, 23, 17, 5, 9)
    assert bs.backup_name("sodanvan", when) == "sodanvan-auto-20261123-170509.db"
    assert bs.backup_name("sodanvan", when, bs.MANUAL) == "sodanvan-20261123-170509.db"
    assert bs.made_at("sodanvan-auto-20261123-170509.db") == when
    assert bs.backup_kind("sodanvan-auto-20261123-170509.db") == bs.AUTO
    assert bs.backup_kind("sodanvan-20261123-170509.db") == bs.MANUAL
    assert bs.backup_kind("sodanvan-before-bundles-20261123T100000Z.db") == bs.BEFORE_BUNDLES
    assert bs.backup_kind("sodanvan-before-migration-v2-20261123T100000Z.db") == bs.BEFORE_MIGRATION
    utc = bs.made_at("sodanvan-before-restore-20261123T100000Z.db")
    assert utc is not None and utc.tzinfo is None
    assert bs.is_due(None, when) and bs.is_due(when - timedelta(days=1), when)
    assert not bs.is_due(when.replace(hour=0, minute=1), when)


# -- making backups ------------------------------------------------------------------------------------------

def test_automatic_backup_is_checked_has_keys_and_is_listed(session, db_path):
    """An automatic backup lands in backups/ with its key file, passes the full check and counts the records."""
    res = bs.make_backup(at(session, datetime(2026, 11, 23, 17, 0)))
    f = Path(res["file"])
    assert f.parent == db_path.parent / "backups" and f.name == "sodanvan-auto-20261123-170000.db"
    assert Path(res["keys"]).exists() and res["keys"] == str(f) + ".keys"
    assert res["copy"] is None and res["warnings"] == [] and res["removed"] == []
    assert not list(f.parent.glob("*.part"))
    listed = bs.list_backups_in(f.parent)
    assert [b["name"] for b in listed] == [f.name] and listed[0]["kind"] == bs.AUTO and listed[0]["keys"]
    info = bs.inspect(f)
    assert info == {"check": "ok", "records": 0, "ours": True}


def test_viewer_gets_automatic_backups_but_not_manual_ones(viewer):
    """Automatic backups protect everyone's work, whoever is logged in; "Back up now" needs the permission."""
    assert Path(bs.make_backup(viewer)["file"]).exists()
    with pytest.raises(PermissionDenied):
        bs.make_backup(viewer, bs.MANUAL)


def test_daily_backup_once_a_day_and_rotation_over_days(session, db_path):
    """The daily backup happens at the first chance of each day only; after 20 days 7 + weekly ones remain."""
    start = datetime(2026, 10, 1, 8, 0)
    for d in range(20):
        day = start + timedelta(days=d)
        assert bs.daily_backup(at(session, day)) is not None
        assert bs.daily_backup(at(session, day + timedelta(hours=3))) is None  # not twice the same day
        bs.make_backup(at(session, day.replace(hour=17)))  # on close
    folder = db_path.parent / "backups"
    autos = sorted(b["made"] for b in bs.list_backups_in(folder))
    keep, _ = bs.rotation([(str(i), datetime(2026, 10, 1, 17) + timedelta(days=i)) for i in range(20)])
    assert len(autos) == len(keep) == 7 + 2
    assert all(a.endswith("T17:00:00") for a in autos)  # each day's newest (the close) is the one kept
    assert len(list(folder.glob("*.keys"))) == len(autos)  # key files go with their backups


def test_rotation_never_removes_hand_made_or_safety_backups(session, db_path):
    """Backups made by hand, before a migration or before a restore stay, however many automatic ones come."""
    folder = db_path.parent / "backups"
    bs.make_backup(at(session, datetime(2026, 1, 1, 9, 0)), bs.MANUAL)
    keep_names = {"sodanvan-before-migration-v1-20250101T000000Z.db", "sodanvan-before-restore-20250101T000000Z.db"}
    for n in keep_names:
        shutil.copyfile(db_path, folder / n)
    for d in range(12):
        bs.make_backup(at(session, datetime(2026, 3, 1, 12, 0) + timedelta(days=d)))
    names = {b["name"] for b in bs.list_backups_in(folder)}
    assert keep_names | {"sodanvan-20260101-090000.db"} <= names
    assert sum(1 for n in names if "-auto-" in n) < 12


def test_second_folder_gets_a_verified_copy(session, tmp_path):
    """With backup_copy_folder set, each backup and its key file are copied there too (read back first)."""
    usb = tmp_path / "usb" / "SaoLuu"
    usb.parent.mkdir()  # the stick is plugged in; its folder is made
    unit_settings.set_setting(session, "backup_copy_folder", str(usb))
    res = bs.make_backup(session)
    copy = Path(res["copy"])
    assert copy.parent == usb and digest(copy) == digest(Path(res["file"]))
    assert Path(str(copy) + ".keys").exists()
    assert res["warnings"] == [] and not list(usb.glob(".*.part"))


def test_second_folder_failing_mid_copy_warns_and_keeps_the_primary(session, tmp_path):
    """A drive that fails mid-copy (OSError after half the bytes): a warning, the primary backup stands, no file
    in the second folder under a backup's name."""
    usb = tmp_path / "usb"
    unit_settings.set_setting(session, "backup_copy_folder", str(usb))

    def failing(src: Path, dst: Path) -> None:
        data = src.read_bytes()
        with open(dst, "wb") as fh:
            fh.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    res = bs.make_backup(session, copier=failing)
    assert Path(res["file"]).exists() and bs.inspect(res["file"])["check"] == "ok"
    assert res["copy"] is None
    assert len(res["warnings"]) == 1 and "không chép được sang thư mục thứ hai" in res["warnings"][0]
    assert str(usb) in res["warnings"][0] and "ổ đĩa đã đầy" in res["warnings"][0]  # the reason in Vietnamese
    assert list(usb.iterdir()) == []  # neither a half backup nor a .part left behind


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions and a non-root user")
def test_second_folder_read_only_warns(session, tmp_path):
    """A read-only second folder: a warning, the primary backup made."""
    usb = tmp_path / "ro"
    usb.mkdir()
    usb.chmod(0o500)
    try:
        unit_settings.set_setting(session, "backup_copy_folder", str(usb))
        res = bs.make_backup(session)
        assert Path(res["file"]).exists() and res["copy"] is None and res["warnings"]
    finally:
        usb.chmod(0o700)


def test_second_folder_unplugged_warns(session, tmp_path):
    """A drive pulled out after it was set (its place now a file, which can never be made a folder): a warning."""
    blocker = tmp_path / "not-a-drive"
    blocker.mkdir()
    unit_settings.set_setting(session, "backup_copy_folder", str(blocker / "SaoLuu"))
    blocker.rmdir()
    blocker.write_text("x")
    res = bs.make_backup(session)
    assert Path(res["file"]).exists() and res["copy"] is None and len(res["warnings"]) == 1


def test_primary_backup_failing_leaves_no_half_file(session, db_path, monkeypatch):
    """A backup that fails (disk full during the copy) raises a sentence and leaves nothing in backups/."""
    def full(conn, target):
        raise sqlite3.OperationalError("database or disk is full")

    real = store.backup_connection

    def half(conn, target):
        tmp = Path(str(target) + ".part")
        tmp.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(b"half")
        return full(conn, target)

    monkeypatch.setattr(store, "backup_connection", half)
    with pytest.raises(DanvanError) as exc:
        bs.make_backup(session)
    assert exc.value.key == "backup.failed"
    monkeypatch.setattr(store, "backup_connection", real)
    assert bs.list_backups_in(db_path.parent / "backups") == []


def test_backup_connection_removes_its_part_file_on_failure(session, tmp_path, monkeypatch):
    """The storage copy itself: a failed check removes the temporary file (no `.part` stays behind)."""
    target = tmp_path / "out" / "b.db"

    class Conn:
        def backup(self, dest):
            dest.execute("CREATE TABLE t (x)")
            raise sqlite3.OperationalError("database or disk is full")

    with pytest.raises(sqlite3.OperationalError):
        store.backup_connection(Conn(), target)
    assert list(target.parent.iterdir()) == []


def test_copy_file_verified_refuses_a_copy_that_reads_back_differently(tmp_path):
    """A copy whose bytes differ from the original (a bad USB stick) is refused and removed."""
    src = tmp_path / "a.db"
    src.write_bytes(b"x" * 10000)

    def flipping(s: Path, d: Path) -> None:
        d.write_bytes(s.read_bytes()[:-1] + b"y")

    with pytest.raises(OSError):
        store.copy_file_verified(src, tmp_path / "usb" / "a.db", flipping)
    assert list((tmp_path / "usb").iterdir()) == []


# -- start-up check and recovery ----------------------------------------------------------------------------

def test_damage_found_read_only_and_newest_good_backup_named(session, db_path):
    """A damaged data file is found by the start-up check without a byte of it changing; the newest good backup
    (a damaged newer one skipped) is named with the command to restore it."""
    good = bs.make_backup(at(session, datetime(2026, 11, 20, 17, 0)))["file"]
    bad = bs.make_backup(at(session, datetime(2026, 11, 21, 17, 0)))["file"]
    corrupt(Path(bad))
    session.close()
    assert bs.damage_of(db_path) is None
    corrupt(db_path)
    before = digest(db_path)
    with pytest.raises(bs.DatabaseDamaged) as exc:
        bs.check_at_open(db_path)
    assert digest(db_path) == before
    assert exc.value.backup["file"] == good and exc.value.code == "damaged"
    msg = exc.value.message("vi")
    assert "bị hỏng" in msg and f'restore "{good}"' in msg and "Page 6" in msg


def test_the_backup_offered_for_a_damaged_file_is_the_one_with_the_latest_data(session, db_path):
    """A backup made while the clock was set years ahead (named 2030) holds older data than today's: the damaged
    file is offered today's, by what each holds, not by its name."""
    from app.services import records
    from tests.app.conftest import reception

    ahead = bs.make_backup(at(session, datetime(2030, 1, 5, 17, 0)))["file"]
    records.save(session, reception())  # work done after the clock was put right
    today = bs.make_backup(at(session, datetime(2026, 11, 23, 17, 0)))["file"]
    assert Path(ahead).name > Path(today).name  # by name, the 2030 one looks newest
    session.close()
    corrupt(db_path)
    assert bs.newest_good_backup(db_path)["file"] == today


def test_damaged_without_backup_says_so(db_path):
    """With no good backup, the message says none was found and where it looked."""
    corrupt(db_path)
    with pytest.raises(bs.DatabaseDamaged) as exc:
        bs.check_at_open(db_path)
    assert exc.value.backup is None and "không tìm thấy bản sao lưu tốt" in exc.value.message("vi")


def test_not_an_sqlite_file_is_left_to_open(tmp_path):
    """A file that is not SQLite at all is not "damaged": opening it says it is not ours."""
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database " * 100)
    assert bs.damage_of(junk) is None
    assert bs.damage_of(tmp_path / "missing.db") is None


def test_recover_keeps_the_damaged_file_and_restores_the_backup(session, db_path):
    """recover: the backup is put in place, the damaged file kept byte for byte as <name>.damaged-<stamp>, the
    next export is a snapshot and the restore is audited."""
    from app.services import check
    from app.storage import sync_log

    good = bs.make_backup(session)["file"]
    session.close()
    corrupt(db_path)
    before = digest(db_path)
    res = bs.recover(db_path, good, user="admin", password=PASSWORD)
    damaged = Path(res["damaged"])
    assert damaged.name.startswith("sodanvan.db.damaged-") and digest(damaged) == before
    assert bs.damage_of(db_path) is None
    s = Session.open(db_path, "admin", PASSWORD)
    try:
        assert sync_log.snapshot_due(s.db)
        assert check.check(s)["ok"]
        assert any(e["action"] == "restore" for e in s.db.query("SELECT action FROM audit_log"))
    finally:
        s.close()
    assert not list(db_path.parent.glob("*restoring*"))


def test_recover_refuses_a_wrong_password_or_role_and_changes_nothing(session, db_path):
    """From the command line the account logs in to the backup; a wrong password or a viewer changes nothing."""
    good = bs.make_backup(session)["file"]
    session.close()
    corrupt(db_path)
    before = digest(db_path)
    with pytest.raises(AuthError):
        bs.recover(db_path, good, user="admin", password="wrong-password")
    with pytest.raises(PermissionDenied):
        bs.recover(db_path, good, user="viewer", password=PASSWORD)
    assert digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir() if p.is_file()) == ["sodanvan.db", "sodanvan.db.keys"]


def test_recover_refuses_a_bad_backup(session, db_path):
    """A backup that fails its own check is refused; the damaged file stays where it is."""
    bad = bs.make_backup(session)["file"]
    session.close()
    corrupt(Path(bad))
    corrupt(db_path)
    before = digest(db_path)
    with pytest.raises(DanvanError) as exc:
        bs.recover(db_path, bad)
    assert exc.value.key == "restore.damaged_backup" and digest(db_path) == before
    assert "bị hỏng" in exc.value.message("vi")  # in words, not SQLite's English


def test_unfinished_copies_from_a_killed_backup_are_cleared(session, db_path):
    """A `.part` left by a backup killed half-way is never listed, and the next backup removes it once it is
    old enough not to belong to a backup still running."""
    folder = db_path.parent / "backups"
    folder.mkdir()
    old, fresh = folder / "sodanvan-auto-20261101-100000.db.part", folder / "sodanvan-auto-20261123-095959.db.part"
    for p in (old, fresh):
        p.write_bytes(b"half a backup")
    os.utime(old, (0, 0))
    assert bs.list_backups_in(folder) == []
    bs.make_backup(session)
    assert not old.exists() and fresh.exists()


def test_a_backup_of_the_demo_is_never_taken_for_the_real_databases():
    """The demo (sodanvan-demo.db) and the real data (sodanvan.db) share the backups folder: a name is one of a
    database's backups only when a kind and a stamp follow its stem — "sodanvan-demo-auto-…" is not sodanvan's."""
    for name in ("sodanvan-auto-20270128-080000.db", "sodanvan-20261206-101010.db", "sodanvan-20261206-101010-2.db",
                 "sodanvan-before-restore-20261206T101010Z.db", "sodanvan-before-bundles-20261206T101010Z-3.db",
                 "sodanvan-before-migration-v2-20261206T101010Z.db"):
        assert bs.belongs_to(name, "sodanvan"), name
    for name in ("sodanvan-demo-auto-20270128-090000.db", "sodanvan-demo-20270128-090000.db",
                 "sodanvan-copy.db", "sodanvan-2-auto-20270128-090000.db"):
        assert not bs.belongs_to(name, "sodanvan"), name
    assert bs.belongs_to("sodanvan-demo-auto-20270128-090000.db", "sodanvan-demo")


def test_the_demos_backups_neither_rotate_away_nor_stand_in_for_the_real_ones(session, db_path, tmp_path):
    """A demo's daily backup in the same folder does not count as the real database's (the real one's daily
    backup was skipped), rotation of the real database never removes the demo's nor the reverse, and a damaged
    real file is offered — and given — only its own backups (it was offered the demo's, as the default)."""
    folder = db_path.parent / "backups"
    first = bs.make_backup(at(session, datetime(2027, 1, 28, 8, 0)))["file"]
    folder.mkdir(exist_ok=True)
    demo = folder / "sodanvan-demo-auto-20270128-090000.db"
    shutil.copyfile(first, demo)
    with sqlite3.connect(demo) as conn:
        conn.execute("UPDATE settings SET value = '1' WHERE key = 'demo'")
        if conn.execute("SELECT count(*) FROM settings WHERE key = 'demo'").fetchone()[0] == 0:
            conn.execute("INSERT INTO settings(key, value) VALUES ('demo', '1')")
    assert bs.last_automatic(db_path) == datetime(2027, 1, 28, 8, 0)
    bs.make_backup(at(session, datetime(2027, 1, 29, 8, 0)))
    names = sorted(p.name for p in folder.glob("*.db"))
    assert Path(first).name in names and demo.name in names
    session.close()
    corrupt(db_path)
    offered = bs.newest_good_backup(db_path)
    assert offered is not None and bs.belongs_to(Path(offered["file"]).name, "sodanvan")
    with pytest.raises(DanvanError) as caught:
        bs.recover(db_path, demo)
    assert caught.value.key == "restore.demo_over_real"


def test_a_second_folder_whose_drive_is_not_there_is_not_made_on_the_local_disk(session, tmp_path):
    """The second folder on a drive that is not plugged in (or a mistyped path): the copy fails with a warning in
    Vietnamese and nothing is created — it used to make the whole path on the local disk, passing for the copy
    away from it. A missing last folder on a drive that is there is made."""
    (tmp_path / "khong-co-o").mkdir()  # there when it was set, pulled out before the backup
    unit_settings.set_setting(session, bs.COPY_FOLDER_SETTING, str(tmp_path / "khong-co-o" / "SaoLuu"))
    (tmp_path / "khong-co-o").rmdir()
    res = bs.make_backup(session)
    assert res["copy"] is None and not (tmp_path / "khong-co-o").exists()
    assert "không có tệp hoặc thư mục này" in res["warnings"][0]
    unit_settings.set_setting(session, bs.COPY_FOLDER_SETTING, str(tmp_path / "SaoLuu"))
    res = bs.make_backup(at(session, datetime(2026, 11, 24, 8, 0)))
    assert res["copy"] is not None and Path(res["copy"]).exists()


def test_a_second_folder_that_is_not_there_is_refused_when_set(session, db_path, tmp_path):
    """Setting the second folder checks it at once: a drive that is not plugged in (or a typo), or the backups
    folder itself, is refused with what to do and the setting stays as it was; a folder still to be made on a
    drive that is there, and "" (off), are accepted."""
    usb = tmp_path / "usb"
    usb.mkdir()
    unit_settings.set_setting(session, bs.COPY_FOLDER_SETTING, str(usb / "SaoLuu"))  # made at the first backup
    for bad, key in ((tmp_path / "khong-co-o" / "SaoLuu", "setting.copy_folder_missing"),
                     (db_path.parent / "backups", "setting.copy_folder_is_backups")):
        with pytest.raises(DanvanError) as caught:
            unit_settings.set_setting(session, bs.COPY_FOLDER_SETTING, str(bad))
        assert caught.value.key == key and "chưa đổi" in caught.value.message("vi")
        assert bs.copy_folder(session) == usb / "SaoLuu"
    with pytest.raises(DanvanError) as caught:  # a name the system cannot even look up: the same sentence
        unit_settings.set_setting(session, bs.COPY_FOLDER_SETTING, str(tmp_path / ("a" * 300)))
    assert caught.value.key == "setting.copy_folder_missing"
    unit_settings.set_setting(session, bs.COPY_FOLDER_SETTING, "")
    assert bs.copy_folder(session) is None and bs.copy_folder_state(session) is None


def test_the_backups_tab_facts_say_when_and_where(session, tmp_path):
    """What the Sao lưu tab shows: whether today's automatic backup was made and when, whether the second folder
    can be reached now, and the newest copy there."""
    assert bs.automatic_state(session) == {"made_today": None}
    usb = tmp_path / "usb"
    usb.mkdir()
    unit_settings.set_setting(session, bs.COPY_FOLDER_SETTING, str(usb))
    assert bs.copy_folder_state(session) == {"folder": str(usb), "reachable": True, "last_copy": None}
    made = at(session, datetime(2026, 11, 23, 8, 5))
    bs.make_backup(made)
    assert bs.automatic_state(made) == {"made_today": "2026-11-23T08:05:00"}
    assert bs.copy_folder_state(made)["last_copy"] == "2026-11-23T08:05:00"
    assert bs.automatic_state(at(session, datetime(2026, 11, 24, 7, 0))) == {"made_today": None}  # a new day
    shutil.rmtree(usb)
    usb.write_text("the drive letter is something else now")
    assert bs.copy_folder_state(session) == {"folder": str(usb), "reachable": False, "last_copy": None}


def test_a_backup_to_a_full_drive_says_so_and_leaves_nothing(session, tmp_path, monkeypatch):
    """The drive fills up during the copy: the officer reads "ổ đĩa đã đầy" (not SQLite's "database or disk is
    full"), and neither the copy nor its journal is left beside the target."""
    from app.services.backups import backup

    real = sqlite3.connect

    def small_drive(path, *a, **k):
        conn = real(path, *a, **k)
        if str(path).endswith(".part"):
            conn.execute("PRAGMA max_page_count = 2")  # the copy may not grow past two pages
        return conn

    monkeypatch.setattr(sqlite3, "connect", small_drive)
    out = tmp_path / "usb" / "b.db"
    with pytest.raises(DanvanError) as caught:
        backup(session, out)
    assert "ổ đĩa đã đầy" in caught.value.message("vi") and "disk is full" not in caught.value.message("vi")
    assert list(out.parent.iterdir()) == []


# -- a clock that is wrong ----------------------------------------------------------------------------------

def _six_weeks_of_backups(session: Session) -> None:
    for d in range(0, 48, 4):  # every fourth day: the last 7 days and 4 weeks that have one are all in 2026
        bs.make_backup(at(session, datetime(2026, 10, 1, 17, 0) + timedelta(days=d)))


def test_a_backup_made_at_a_clock_years_behind_is_not_rotated_away_at_once(session, db_path, tmp_path):
    """Names carry the clock's date: a backup made at a 2019 clock (a dead CMOS battery) among six weeks of 2026
    backups sorts oldest, yet the backup just made stays — here and in the second folder."""
    usb = tmp_path / "usb"
    usb.mkdir()
    unit_settings.set_setting(session, bs.COPY_FOLDER_SETTING, str(usb))
    _six_weeks_of_backups(session)
    res = bs.make_backup(at(session, datetime(2019, 1, 1, 8, 0)))
    made = Path(res["file"])
    assert made.name == "sodanvan-auto-20190101-080000.db" and made.exists()
    assert Path(str(made) + ".keys").exists() and Path(res["copy"]).exists()
    assert made.name not in res["removed"] and str(usb / made.name) not in res["removed"]


def test_rotation_keeps_the_backup_written_last_whatever_its_name_says(session, db_path):
    """Rotation on its own (the next backup's, the second folder's) keeps the newest file by modification time
    of each series, however old the date in its name."""
    _six_weeks_of_backups(session)
    folder = db_path.parent / "backups"
    behind = Path(bs.make_backup(at(session, datetime(2019, 1, 1, 8, 0)))["file"])
    written = max(p.stat().st_mtime for p in folder.glob("*.db"))
    os.utime(behind, (written + 60, written + 60))  # written after every other one
    assert behind.name not in bs.rotate(folder, "sodanvan") and behind.exists()
    os.utime(behind, (written - 86400, written - 86400))  # written before the others now: its date rules
    assert bs.rotate(folder, "sodanvan") == [behind.name] and not behind.exists()


def test_a_backup_made_while_the_clock_was_ahead_does_not_stop_the_daily_backup(session, db_path):
    """One automatic backup dated 2030 (the clock was ahead, then put right) is not today's: the daily backup
    is made, once a day as before, and the Sao lưu tab shows today's."""
    assert bs.is_due(datetime(2030, 5, 1, 8, 0), datetime(2026, 11, 23, 9, 0))
    bs.make_backup(at(session, datetime(2030, 5, 1, 8, 0)))
    assert bs.daily_backup(at(session, datetime(2026, 11, 23, 9, 0))) is not None
    assert bs.daily_backup(at(session, datetime(2026, 11, 23, 15, 0))) is None  # not twice the same day
    assert bs.automatic_state(session) == {"made_today": "2026-11-23T09:00:00"}
    assert bs.daily_backup(at(session, datetime(2026, 11, 24, 8, 0))) is not None
    assert bs.last_automatic(db_path) == datetime(2030, 5, 1, 8, 0)  # without a day, the newest name
