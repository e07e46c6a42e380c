"""Accounts: password rules, lock-out after five wrong passwords (through the real command), audited resets."""

from __future__ import annotations

import sqlite3

import pytest

from app.errors import AuthError, DanvanError
from app.services import accounts, administration as adm
from app.services.demo import demo_accounts
from app.services.session import Session
from tests.app.conftest import PASSWORD, make_clock
from tests.app.test_cli import run


@pytest.mark.parametrize("password, key", [
    ("ngan", "user.weak_password"),
    ("12345678901", "user.weak_password_kinds"),
    ("matkhaumoi", "user.weak_password_kinds"),
    ("Phườngbađình", "user.weak_password_kinds"),
    ("Thu.Ha-01", None),
    ("Password123", "user.weak_password_common"),
    ("abc-12345", "user.weak_password_common"),
    ("Phường Ba Đình", "user.weak_password_unit"),
])
def test_password_rules_name_the_broken_rule(password, key):
    """Each rule has its own message: length, only digits/letters, the unit name, a common password."""
    if key is None:
        accounts.check_new_password(password, user="thu.ha", unit_name="Phường Ba Đình")
        return
    with pytest.raises(DanvanError) as err:
        accounts.check_new_password(password, user="thu.ha", unit_name="Phường Ba Đình")
    assert err.value.key == key
    assert err.value.exit_code == 1  # bad input (INTERFACES: exit 1), not a usage error
    assert err.value.message("vi") and err.value.message("en")


def test_password_may_not_be_the_user_name():
    """A password equal to the user name (case, diacritics and punctuation aside) is refused."""
    with pytest.raises(DanvanError) as err:
        accounts.check_new_password("Nguyen.An-2026", user="nguyen-an.2026")
    assert err.value.key == "user.weak_password_name"
    accounts.check_new_password("Nguyen.An-2026", user="nguyen.an")


def test_password_may_not_be_the_unit_name_without_its_kind():
    """"Ba Đình" alone (the unit's name without "Phường") is refused like the full name."""
    with pytest.raises(DanvanError) as err:
        accounts.check_new_password("Ba-Đình!!", unit_name="Phường Ba Đình")
    assert err.value.key == "user.weak_password_unit"


def test_existing_test_and_demo_passwords_stay_valid():
    """The passwords the tests and the demo database use still pass every rule for their own accounts."""
    cases = [("admin", PASSWORD), ("leader", PASSWORD), ("officer", PASSWORD), ("viewer", PASSWORD),
             ("xa-an-binh", "mật-khẩu đúng"), ("thu.ha", "mat-khau-moi"), ("canbo", "Can-bo-2026"),
             ("xem", "Xem-thu-2026"), ("quantri", "Mat-khau-9!"), ("canbo", "Mat-khau-can-bo"),
             ("admin", "Mat-khau-moi-2026"), ("canbo", "Mat-khau-thu-ba"), ("admin", "Bench-2026!")]
    cases += [(a["user"], a["password"]) for a in demo_accounts()]
    for user, pw in cases:
        accounts.check_new_password(pw, user=user, unit_name="Phường Ba Đình")


def test_add_user_and_reset_apply_the_rules(session):
    """add_user and an admin's reset refuse a weak password and change nothing."""
    with pytest.raises(DanvanError):
        adm.add_user(session, "thu.ha", "officer", "12345678")
    assert "thu.ha" not in [u["name"] for u in adm.list_users(session)]
    with pytest.raises(DanvanError):
        adm.reset_password(session, "viewer", "V-i-e-w-e-r")
    Session.open(session.path, "viewer", PASSWORD, clock=make_clock()).close()


def test_admin_reset_is_audited_as_user_passwd(session, db_path):
    """An administrator's password reset (the GUI's Quản trị → Người dùng path) is in the audit log."""
    adm.reset_password(session, "viewer", "Mat-khau-moi-1")
    conn = sqlite3.connect(db_path)
    rows = conn.execute("SELECT user, action, entity, detail FROM audit_log ORDER BY seq DESC LIMIT 1").fetchall()
    conn.close()
    assert rows == [("admin", "user.passwd", "user", "viewer")]


def test_five_wrong_passwords_lock_the_account_through_the_cli(tmp_path):
    """Five wrong passwords through the real `danvan` command lock the account; the lock is in the audit log,
    and even the right password is then refused (exit 3) until the lock ends."""
    path = tmp_path / "t.db"
    rc, _, proc = run(["--db", str(path), "--json", "init", "--unit-code", "4", "--admin", "admin"], tmp_path)
    assert rc == 0, proc.stderr
    for i in range(5):
        rc, data, _ = run(["--db", str(path), "--json", "stats"], tmp_path, password="Sai-mat-khau-1")
        assert rc == 3
        assert ("bị khóa" in data["error"]["message"]) == (i == 4)
    rc, data, proc = run(["--db", str(path), "--json", "stats"], tmp_path)
    assert rc == 3 and "bị khóa" in data["error"]["message"]
    assert "bị khóa" in proc.stderr
    conn = sqlite3.connect(path)
    actions = [r[0] for r in conn.execute("SELECT action FROM audit_log WHERE user = 'admin' AND action LIKE "
                                          "'login.%' ORDER BY seq")]
    locked_until = conn.execute("SELECT locked_until FROM users WHERE name = 'admin'").fetchone()[0]
    conn.close()
    assert actions == ["login.failed"] * 5 + ["login.locked"]
    assert locked_until


def test_lock_grows_with_each_further_failure(db_path):
    """After the lock ends, each further wrong password doubles the delay (2, 4, … minutes, at most 60)."""
    from datetime import datetime, timedelta, timezone

    conn = sqlite3.connect(db_path)
    for _ in range(5):
        with pytest.raises(AuthError):
            Session.open(db_path, "viewer", "Sai-mat-khau-1", clock=make_clock())
    first = datetime.fromisoformat(conn.execute("SELECT locked_until FROM users WHERE name='viewer'").fetchone()[0])
    past = (datetime.now(timezone.utc) - timedelta(seconds=1)).isoformat(timespec="seconds")
    conn.execute("UPDATE users SET locked_until = ? WHERE name = 'viewer'", [past])
    conn.commit()
    with pytest.raises(AuthError) as err:
        Session.open(db_path, "viewer", "Sai-mat-khau-1", clock=make_clock())
    assert err.value.key == "auth.locked"
    second = datetime.fromisoformat(conn.execute("SELECT locked_until FROM users WHERE name='viewer'").fetchone()[0])
    conn.close()
    now = datetime.now(timezone.utc)
    assert timedelta(minutes=1) < first - now + timedelta(seconds=5) and second - now > timedelta(minutes=1, seconds=50)


def test_a_lock_set_while_the_clock_was_ahead_ends_when_the_clock_is_put_right(db_path, session):
    """A lock ending further ahead than the longest lock the app sets (60 minutes) was set at a clock years ahead:
    it counts as over — the right password opens the account and clears it — while a lock within an hour holds."""
    from datetime import datetime, timedelta, timezone

    conn = sqlite3.connect(db_path)

    def lock(until: datetime) -> None:
        conn.execute("UPDATE users SET failed_logins = 7, locked_until = ? WHERE name = 'viewer'",
                     [until.isoformat(timespec="seconds")])
        conn.commit()

    now = datetime.now(timezone.utc)
    lock(now + timedelta(minutes=50))
    with pytest.raises(AuthError) as err:
        Session.open(db_path, "viewer", PASSWORD, clock=make_clock())
    assert err.value.key == "auth.locked"
    lock(now.replace(year=now.year + 4))
    assert [u["locked_until"] for u in adm.list_users(session) if u["name"] == "viewer"] == [None]
    Session.open(db_path, "viewer", PASSWORD, clock=make_clock()).close()
    assert conn.execute("SELECT failed_logins, locked_until FROM users WHERE name = 'viewer'").fetchone() == (0, None)
    conn.close()


def _count_scrypt(monkeypatch) -> list:
    import hashlib

    calls = []
    real = hashlib.scrypt

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counted)
    return calls


def test_log_in_costs_one_scrypt_derivation(db_path, monkeypatch):
    """The right password opens the account's private key, which proves it: log-in derives one key from the
    password, not two (a twentieth of a second at start-up), and the data key is attached."""
    Session.open(db_path, "viewer", PASSWORD, clock=make_clock()).close()  # keys made at the first log-in
    calls = _count_scrypt(monkeypatch)
    s = Session.open(db_path, "viewer", PASSWORD, clock=make_clock())
    assert len(calls) == 1
    assert s.cipher is not None
    s.close()


def test_wrong_password_is_refused_although_the_key_is_tried_first(db_path, monkeypatch):
    """A wrong password opens neither the key nor the hash: refused and counted, as before."""
    calls = _count_scrypt(monkeypatch)
    with pytest.raises(AuthError) as err:
        Session.open(db_path, "viewer", "Sai-mat-khau-1", clock=make_clock())
    assert err.value.key == "auth.failed" and len(calls) == 2
    with pytest.raises(AuthError) as err:  # an unknown name: the same answer, and the same cost
        Session.open(db_path, "khong-co-ai", "Sai-mat-khau-1", clock=make_clock())
    assert err.value.key == "auth.failed" and len(calls) == 4
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT failed_logins FROM users WHERE name = 'viewer'").fetchone()[0] == 1
    conn.close()


def test_a_damaged_account_key_still_lets_the_right_password_in(db_path):
    """When the sealed private key cannot be opened, the password hash decides; the account works on with
    personal data masked, and a wrong password is still refused."""
    Session.open(db_path, "viewer", PASSWORD, clock=make_clock()).close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE users SET enc_private = '{\"kdf\": \"scrypt\"}' WHERE name = 'viewer'")
    conn.commit()
    conn.close()
    s = Session.open(db_path, "viewer", PASSWORD, clock=make_clock())
    assert s.user["name"] == "viewer" and s.cipher is None
    s.close()
    with pytest.raises(AuthError):
        Session.open(db_path, "viewer", "Sai-mat-khau-1", clock=make_clock())


def test_a_key_sealed_with_an_old_password_does_not_open_the_account(db_path, session):
    """After a reset the old password opens nothing: the new key pair is sealed under the new password."""
    Session.open(db_path, "viewer", PASSWORD, clock=make_clock()).close()
    adm.reset_password(session, "viewer", "Mat-khau-moi-1")
    with pytest.raises(AuthError):
        Session.open(db_path, "viewer", PASSWORD, clock=make_clock())
    Session.open(db_path, "viewer", "Mat-khau-moi-1", clock=make_clock()).close()


def test_begin_open_derives_the_key_on_another_thread_once(db_path, monkeypatch):
    """`Session.begin_open` (danvan --smoke): the key derivation runs on a worker thread while the caller goes on,
    and the log-in that finishes it takes that key — one derivation in all, the data key attached."""
    import threading

    Session.open(db_path, "viewer", PASSWORD, clock=make_clock()).close()  # keys made at the first log-in
    import hashlib

    real, threads = hashlib.scrypt, []

    def counted(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counted)
    opening = Session.begin_open(db_path, "viewer", PASSWORD, clock=make_clock())
    s = opening.result()
    assert threads == ["account key"]
    assert s.user["name"] == "viewer" and s.cipher is not None
    s.close()
    with pytest.raises(RuntimeError):
        opening.result()  # finished once: never a second session from the same log-in


def test_begin_open_refuses_and_counts_a_wrong_password(db_path):
    """A wrong password derived ahead is refused by result() exactly as by open(): counted, nothing opened."""
    Session.open(db_path, "viewer", PASSWORD, clock=make_clock()).close()
    with pytest.raises(AuthError) as err:
        Session.begin_open(db_path, "viewer", "Sai-mat-khau-1", clock=make_clock()).result()
    assert err.value.key == "auth.failed"
    with pytest.raises(AuthError):
        Session.begin_open(db_path, "khong-co-ai", "Sai-mat-khau-1", clock=make_clock()).result()
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT failed_logins FROM users WHERE name = 'viewer'").fetchone()[0] == 1
    conn.close()


def test_a_key_opened_ahead_serves_only_the_same_seal_and_password(monkeypatch):
    """The key opened ahead is taken only by the same seal, password and account; anything else derives again
    (and drops it), so a key opened ahead never stands in for a password that was not checked."""
    from app.protect import wraps

    raw = bytes(range(32))
    sealed = wraps.seal_private(raw, "Mat-khau-dung-1", "u1")
    calls = _count_scrypt(monkeypatch)
    wraps.open_private_ahead(sealed, "Mat-khau-dung-1", "u1")
    with pytest.raises(wraps.WrapUnreadable):
        wraps.open_private(sealed, "Mat-khau-sai-1", "u1")  # another password: derived again, refused
    assert len(calls) == 2
    assert wraps.open_private(sealed, "Mat-khau-dung-1", "u1") == raw  # the ahead key was dropped: derived
    assert len(calls) == 3
    wraps.open_private_ahead(sealed, "Mat-khau-dung-1", "u1")
    assert wraps.open_private(sealed, "Mat-khau-dung-1", "u1") == raw and len(calls) == 4  # taken: no new one


def test_worker_readers_get_a_small_page_cache(session):
    """A worker's short read (the dashboard's figures, the navigation's counts) has an 8 MB page cache, not the
    64 MB of a working connection — resident memory at 200,000 records went from ~85 to ~195 MB without it."""
    from app.storage.db import CACHE_KIB, READER_CACHE_KIB

    reader, worker = session.spawn(reader=True), session.spawn()
    try:
        assert reader.db.conn.execute("PRAGMA cache_size").fetchone()[0] == -READER_CACHE_KIB
        assert worker.db.conn.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB
        assert session.db.conn.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB
        assert reader.cipher is session.cipher or (reader.cipher is not None) == (session.cipher is not None)
    finally:
        reader.close()
        worker.close()
