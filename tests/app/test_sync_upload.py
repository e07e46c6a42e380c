""""Gửi lên máy chủ" (app/services/sync_upload.py) and the outbox's lock: settings with a sealed password, a bundle
uploaded to a real WebDAV server, errors that need a person stop the retries, and two processes enqueuing at once."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.clock import Clock
from app.errors import DanvanError, PermissionDenied, UsageError
from app.services import check as check_service, records as record_service, setup, sync_keys, sync_upload
from app.services.session import Session
from app.storage import audit
from app.sync.channels import UploadBadUrl, UploadNetworkError
from app.sync.channels.outbox import LockFile, Outbox, OutboxBusy
from tests.app.test_sync_webdav import PASSWORD as DAV_PASSWORD, USER as DAV_USER, dav  # noqa: F401  (fixture)

PASSWORD = "Kiem-tra-2026!"
NOW = datetime(2026, 11, 23, 10, 0)
T0 = NOW.replace(tzinfo=timezone.utc)


def _open(path: Path, user: str = "admin") -> Session:
    return Session.open(path, user, PASSWORD, clock=Clock(NOW))


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """A commune (code 4) that trusts its upper level (code 1), with an officer account; keys beside each."""
    d = tmp_path_factory.mktemp("upload")
    setup.init(d / "u.db", "1", "upper", "admin", PASSWORD, clock=Clock(NOW))
    setup.init(d / "c.db", "4", "commune", "admin", PASSWORD, clock=Clock(NOW))
    u, c = _open(d / "u.db"), _open(d / "c.db")
    sync_keys.export_keyfile(u, d / "u.dvkey", password=PASSWORD)
    sync_keys.trust(c, d / "u.dvkey")
    from app.services import accounts

    accounts.add_user(c.db, "viewer", "viewer", PASSWORD, by="admin")
    u.close()
    c.close()
    return d


@pytest.fixture
def commune(template, tmp_path):
    shutil.copyfile(template / "c.db", tmp_path / "c.db")
    shutil.copyfile(sync_keys.keys_path(template / "c.db"), sync_keys.keys_path(tmp_path / "c.db"))
    s = _open(tmp_path / "c.db")
    yield s
    s.close()


def _dialogue(n: int) -> dict:
    return {"type": "dialogue", "held_on": f"2026-10-{n:02d}", "chair": "Nguyễn Đình Khôi", "participants": 20 + n,
            "topics": f"Đối thoại số {n} về vệ sinh môi trường"}


def _actions(s: Session) -> list[dict]:
    return list(audit.recent(s.db, 50))


# --- settings ----------------------------------------------------------------------------------------------------

def test_settings_keep_the_password_sealed_and_never_give_it_back(commune):
    """The password is stored sealed for the site's key (not in the file in clear), never returned; the acting
    user's password opens it; the change is audited without it."""
    res = sync_upload.save_settings(commune, "https://dav.example.vn/inbox", "xa-ba-dinh", "Mật-khẩu-WebDAV 7")
    assert res["url"] == "https://dav.example.vn/inbox/" and res["has_password"]
    raw = sync_upload.config_path(commune.path).read_text(encoding="utf-8")
    assert "Mật-khẩu-WebDAV 7" not in raw and "xa-ba-dinh" in raw
    got = sync_upload.get_settings(commune)
    assert got == {"url": "https://dav.example.vn/inbox/", "username": "xa-ba-dinh", "has_password": True,
                   "configured": True}
    target = sync_upload.open_target(commune, PASSWORD)
    assert target.password == "Mật-khẩu-WebDAV 7" and "Mật-khẩu" not in repr(target)
    entry = next(e for e in _actions(commune) if e["action"] == "sync.upload_settings")
    assert "dav.example.vn" in entry["detail"] and "Mật-khẩu" not in json.dumps(entry, ensure_ascii=False)


def test_settings_keep_the_old_password_only_for_the_same_address_and_account(commune):
    """An empty password keeps the stored one for the same URL and account; a new URL or account needs it again
    (the sealed password is bound to both), and nothing is changed by the refusal."""
    sync_upload.save_settings(commune, "https://dav.example.vn/inbox/", "xa", "pw-1")
    sync_upload.save_settings(commune, "https://dav.example.vn/inbox/", "xa", None)
    assert sync_upload.open_target(commune, PASSWORD).password == "pw-1"
    with pytest.raises(UsageError) as info:
        sync_upload.save_settings(commune, "https://other.example.vn/inbox/", "xa", "")
    assert info.value.key == "sync.upload.password_needed"
    assert sync_upload.get_settings(commune)["url"] == "https://dav.example.vn/inbox/"


@pytest.mark.parametrize("url", ["ftp://dav.example.vn/", "dav.example.vn/inbox", "https://xa:pw@dav.example.vn/",
                                 ""])
def test_a_bad_address_is_refused_and_nothing_is_written(commune, url):
    """A URL that is not http(s)://host/… (or carries the account inside it) is refused; no settings file appears."""
    with pytest.raises(UploadBadUrl):
        sync_upload.save_settings(commune, url, "xa", "pw")
    assert not sync_upload.config_path(commune.path).exists()


def test_only_an_administrator_changes_the_upload_settings(commune, tmp_path):
    """A viewer may read the settings (no password) but not change them."""
    viewer = _open(commune.path, "viewer")
    try:
        with pytest.raises(PermissionDenied):
            sync_upload.save_settings(viewer, "https://dav.example.vn/", "xa", "pw")
        assert sync_upload.get_settings(viewer)["configured"] is False
    finally:
        viewer.close()


def test_sending_without_settings_says_what_to_set_up(commune):
    """"Gửi ngay" with no server set up is refused with the sentence naming the settings; no bundle is written."""
    with pytest.raises(DanvanError) as info:
        sync_upload.send_now(commune, password=PASSWORD)
    assert info.value.key == "sync.upload.not_configured" and "Cài đặt gửi lên máy chủ" in info.value.message("vi")
    assert sync_upload.status(commune)["waiting"] == 0


# --- against a real WebDAV server ---------------------------------------------------------------------------------

def test_send_now_writes_a_bundle_and_uploads_it(commune, dav):
    """"Gửi ngay": a bundle of the unsent changes lands on the server byte for byte; the queue is empty after."""
    record_service.save(commune, _dialogue(1))
    sync_upload.save_settings(commune, dav.url(), DAV_USER, DAV_PASSWORD)
    res = sync_upload.send_now(commune, password=PASSWORD, now=T0)
    assert res["bundle"]["records"] == 1 and res["sent"] == [Path(res["bundle"]["file"]).name]
    on_server = sorted(p.name for p in (dav.root / "inbox").iterdir())
    assert on_server == res["sent"] and on_server[0].startswith("00004_") and on_server[0].endswith(".dvb")
    st = sync_upload.status(commune)
    assert st["waiting"] == 0 and st["last_error_text"] is None
    assert not list(Path(str(commune.path) + ".outbox-files").glob("*"))


def test_a_wrong_password_stops_retrying_until_the_settings_are_fixed(commune, dav):
    """401 needs a person: the item is blocked (the timer's runs leave it alone, even hours later) and the status
    says to check the account; saving the right password unblocks it and the next run sends it."""
    record_service.save(commune, _dialogue(2))
    sync_upload.save_settings(commune, dav.url(), DAV_USER, "sai-mat-khau")
    res = sync_upload.send_now(commune, password=PASSWORD, now=T0)
    assert res["sent"] == [] and res["needs_person"] and "tài khoản" in res["error"]
    st = sync_upload.status(commune)
    assert st["waiting"] == 1 and st["blocked"] and st["items"][0]["blocked"] and "kiểm tra lại tài khoản" in \
        st["last_error_text"]
    target = sync_upload.open_target(commune, PASSWORD)
    later = sync_upload.drain(commune, target, T0 + timedelta(hours=5))
    assert later["sent"] == [] and later["failed"] == [] and len(later["blocked"]) == 1  # not tried
    sync_upload.save_settings(commune, dav.url(), DAV_USER, DAV_PASSWORD)
    assert not sync_upload.status(commune)["blocked"]
    done = sync_upload.drain(commune, sync_upload.open_target(commune, PASSWORD), T0 + timedelta(hours=5))
    assert len(done["sent"]) == 1 and len(list((dav.root / "inbox").iterdir())) == 1


def test_a_missing_folder_blocks_too_and_names_the_address(commune, dav):
    """404/409 (the folder is not on the server) needs a person as well: blocked, with the address in the text."""
    record_service.save(commune, _dialogue(3))
    sync_upload.save_settings(commune, dav.url("khong-co/"), DAV_USER, DAV_PASSWORD)
    res = sync_upload.send_now(commune, password=PASSWORD, now=T0)
    assert res["needs_person"] and "khong-co" in res["error"] and sync_upload.status(commune)["blocked"]


def test_with_the_server_down_the_bundle_backs_off_and_goes_when_it_is_back(commune, dav):
    """A network error keeps backing off (not blocked, not tried before its time); with the server back, the run
    at the retry time sends it."""
    record_service.save(commune, _dialogue(4))
    sync_upload.save_settings(commune, dav.url(), DAV_USER, DAV_PASSWORD)
    dav.stop()
    res = sync_upload.send_now(commune, password=PASSWORD, now=T0)
    assert res["sent"] == [] and not res["needs_person"] and "mạng" in res["error"]
    st = sync_upload.status(commune)
    assert not st["blocked"] and st["next_try"] == (T0 + timedelta(minutes=1)).isoformat(timespec="seconds")
    assert "máy chủ không nhận kết nối" in st["last_error_text"] and "refused" not in st["last_error_text"]
    commune.lang = "en"  # the same failure read in an English interface: English only
    english = sync_upload.status(commune)["last_error_text"]
    commune.lang = "vi"
    assert "the server refused the connection" in english and "máy chủ" not in english
    target = sync_upload.open_target(commune, PASSWORD)
    dav.start()
    early = sync_upload.drain(commune, target, T0 + timedelta(seconds=30))
    assert early["sent"] == [] and early["failed"] == []  # back-off respected
    done = sync_upload.drain(commune, target, T0 + timedelta(minutes=1))
    assert len(done["sent"]) == 1 and sync_upload.status(commune)["waiting"] == 0
    assert check_service.check(commune)["ok"]


# --- the lock ------------------------------------------------------------------------------------------------------

_ENQUEUER = r"""
import sys, time
from pathlib import Path
from app.sync.channels.outbox import Outbox
state, src, start = Path(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3])
ob = Outbox(state, lambda p, n: None)
files = sorted(src.iterdir())
while time.time() < start:
    time.sleep(0.001)
for f in files:
    ob.enqueue(f)
"""


def test_a_retry_set_while_the_clock_was_ahead_is_due_when_it_is_put_right(commune, dav):
    """A bundle that failed at a 2030 clock shows as due now on the screen (its timer runs the queue) once the
    clock is back in 2026, and goes — it does not wait for 2030."""
    record_service.save(commune, _dialogue(5))
    sync_upload.save_settings(commune, dav.url(), DAV_USER, DAV_PASSWORD)
    dav.stop()
    ahead = T0.replace(year=2030)
    assert sync_upload.send_now(commune, password=PASSWORD, now=ahead)["sent"] == []
    assert sync_upload.outbox(commune).items()[0].next_try_at.year == 2030
    st = sync_upload.status(commune)  # the session's clock: 2026
    assert st["next_try"] == st["items"][0]["next_try"] == T0.isoformat(timespec="seconds")
    dav.start()
    done = sync_upload.drain(commune, sync_upload.open_target(commune, PASSWORD), T0)
    assert len(done["sent"]) == 1 and sync_upload.status(commune)["waiting"] == 0


def test_two_processes_enqueuing_at_once_lose_no_item(tmp_path):
    """Two real processes enqueue 15 files each into one queue at the same moment: all 30 items are there, each with
    its spool copy, and no lock file is left."""
    state = tmp_path / "db.outbox.json"
    for who in ("gui", "cli"):
        d = tmp_path / who
        d.mkdir()
        for n in range(15):
            (d / f"{who}_{n:02d}.dvb").write_bytes(os.urandom(2048) + who.encode())
    start = time.time() + 1.5
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    procs = [subprocess.Popen([sys.executable, "-c", _ENQUEUER, str(state), str(tmp_path / who), str(start)],
                              env=env) for who in ("gui", "cli")]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    ob = Outbox(state, lambda p, n: None)
    items = ob.items()
    assert sorted(it.name for it in items) == sorted(f"{w}_{n:02d}.dvb" for w in ("gui", "cli") for n in range(15))
    assert sorted(p.name for p in ob.spool_dir.iterdir()) == sorted(it.spool for it in items)
    assert not ob.lock_path.exists()


def test_a_lock_left_by_a_dead_process_is_broken(tmp_path):
    """A lock file whose process is gone (or that is older than the stale limit) does not block the queue."""
    ob = Outbox(tmp_path / "outbox.json", lambda p, n: None)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    import socket

    ob.lock_path.write_text(json.dumps({"pid": int(dead.stdout), "host": socket.gethostname(), "token": "x"}))
    src = tmp_path / "a.dvb"
    src.write_bytes(b"bundle")
    assert ob.enqueue(src).name == "a.dvb"
    old = LockFile(tmp_path / "other.lock", stale=60)
    old.path.write_text("{}")
    past = time.time() - 120
    os.utime(old.path, (past, past))
    assert old.try_acquire() is False and old.try_acquire() is True  # first breaks it, then takes it
    old.release()
    assert not old.path.exists()


def test_a_live_lock_makes_the_writer_wait_then_say_the_queue_is_busy(tmp_path):
    """While another live process holds the lock, a writer waits and then gives a sentence, changing nothing."""
    holder = LockFile(tmp_path / "outbox.json.lock")
    assert holder.try_acquire()
    try:
        with pytest.raises(OutboxBusy) as info:
            LockFile(holder.path).acquire(timeout=0.2)
        assert "chương trình khác" in info.value.message("vi")
    finally:
        holder.release()


def test_one_runner_at_a_time(tmp_path):
    """A second run while one is sending tries nothing (it reports busy) — a file is never sent twice at once."""
    ob = Outbox(tmp_path / "outbox.json", lambda p, n: None)
    src = tmp_path / "a.dvb"
    src.write_bytes(b"x")
    ob.enqueue(src, now=T0)
    runner = LockFile(ob.run_lock_path, stale=1800)
    assert runner.try_acquire()
    try:
        rep = ob.run_once(T0)
        assert rep.busy and rep.sent == [] and len(ob.items()) == 1
    finally:
        runner.release()
    assert len(ob.run_once(T0).sent) == 1


def test_network_failures_are_not_blocking(tmp_path):
    """A network error is retryable: the item stays due after its back-off, never blocked."""
    def send(p, n):
        raise UploadNetworkError("h", "down")

    ob = Outbox(tmp_path / "outbox.json", send)
    src = tmp_path / "a.dvb"
    src.write_bytes(b"x")
    ob.enqueue(src, now=T0)
    rep = ob.run_once(T0)
    assert len(rep.failed) == 1 and not rep.blocked and ob.run_once(T0 + timedelta(minutes=1)).failed


# --- the command (a scheduled task on the commune's laptop) ---------------------------------------------------------

def _danvan(args, tmp_path, **env_extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_")}
    env.update({"XDG_DATA_HOME": str(tmp_path / "xdg"), "XDG_STATE_HOME": str(tmp_path / "xdg"),
                "DANVAN_USER": "admin", "DANVAN_PASSWORD": PASSWORD, "DANVAN_NOW": "2026-11-23T10:00", **env_extra})
    proc = subprocess.run([sys.executable, "-m", "app", "--db", str(tmp_path / "c.db"), "--json", *args],
                          capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=60)
    return proc.returncode, (json.loads(proc.stdout) if proc.stdout.strip() else None), proc


def test_upload_set_without_a_password_says_where_to_give_it(commune, dav, tmp_path):
    """With no DANVAN_UPLOAD_PASSWORD and no terminal, `upload set` exits 3 naming the variable (its message was
    hidden by the GUI's message under the same key)."""
    rc, res, proc = _danvan(["upload", "set", dav.url(), "--username", DAV_USER], tmp_path)
    assert rc == 3 and "DANVAN_UPLOAD_PASSWORD" in res["error"]["message"], proc.stderr


def test_upload_command_sets_sends_and_keeps_what_could_not_go(commune, dav, tmp_path):
    """`upload set` stores the server account (password from DANVAN_UPLOAD_PASSWORD, never printed); `upload send`
    with the server down exits 1 and keeps the bundle queued; with it back, the same command sends it."""
    record_service.save(commune, _dialogue(5))
    rc, res, proc = _danvan(["upload", "set", dav.url(), "--username", DAV_USER], tmp_path,
                            DANVAN_UPLOAD_PASSWORD=DAV_PASSWORD)
    assert rc == 0 and res["connection"] == "ok", proc.stderr  # tried at once, no file sent
    assert DAV_PASSWORD not in proc.stdout + proc.stderr
    rc, res, _p = _danvan(["upload", "set", dav.url(), "--username", DAV_USER], tmp_path,
                          DANVAN_UPLOAD_PASSWORD="sai mật khẩu")
    assert rc == 0 and res["connection"] == "failed"  # saved all the same (offline is the rule), said
    rc, res, proc = _danvan(["upload", "set", dav.url(), "--username", DAV_USER], tmp_path,
                            DANVAN_UPLOAD_PASSWORD=DAV_PASSWORD)
    assert rc == 0 and res["connection"] == "ok" and list((dav.root / "inbox").iterdir()) == []
    dav.stop()
    rc, res, proc = _danvan(["upload", "send"], tmp_path)
    assert rc == 1 and "hàng chờ" in proc.stderr and res["error"]["code"] == "refused"
    rc, res, _ = _danvan(["upload", "status"], tmp_path)
    assert rc == 0 and res["waiting"] == 1
    dav.start()
    rc, res, proc = _danvan(["upload", "send"], tmp_path)
    assert rc == 0 and len(res["sent"]) == 1, proc.stderr
    assert DAV_PASSWORD not in proc.stdout + proc.stderr
    assert sorted(p.name for p in (dav.root / "inbox").iterdir()) == res["sent"]
    assert _danvan(["upload", "status"], tmp_path)[1]["waiting"] == 0


def test_upload_send_while_another_run_holds_the_queue_says_so_and_exits_1(commune, dav, tmp_path):
    """A scheduled `upload send` while the window's timer is uploading: it said "Đã gửi 0 gói" and exited 0 —
    a log that reads as success. Now exit 1 with a sentence: the bundle is queued and goes with that run."""
    record_service.save(commune, _dialogue(6))
    rc, _res, proc = _danvan(["upload", "set", dav.url(), "--username", DAV_USER], tmp_path,
                             DANVAN_UPLOAD_PASSWORD=DAV_PASSWORD)
    assert rc == 0, proc.stderr
    runner = LockFile(sync_upload.outbox(commune).run_lock_path)
    assert runner.try_acquire()  # another process's run, alive
    try:
        rc, res, proc = _danvan(["upload", "send"], tmp_path)
    finally:
        runner.release()
    assert rc == 1 and "lượt gửi khác" in res["error"]["message"], proc.stderr
    assert _danvan(["upload", "status"], tmp_path)[1]["waiting"] == 1  # queued, goes with the next run


def test_upload_status_without_settings_says_none_is_set_up(commune, tmp_path):
    from tests.app.test_cli import run

    rc, _res, human = run(["--db", str(tmp_path / "c.db"), "upload", "status"], tmp_path)
    assert rc == 0 and human.stdout.startswith("Chưa cài đặt máy chủ nhận dữ liệu"), human.stdout
