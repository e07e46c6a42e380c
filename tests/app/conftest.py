"""Fixtures for the headless core: a fresh database per test, sessions for every role, record factories.

`danvan init` costs one scrypt hash and each account another (~50 ms each), so the database is set up once per
test run with `app.services.setup.init` (plus one account per role via `app.services.accounts.add_user`) and
every test gets its own copy of that file in its `tmp_path`: fresh, isolated, and cheap.
"""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from app.clock import Clock
from app.services import accounts, setup
from app.services.session import Session
from app.storage.db import open_db

NOW = datetime(2026, 11, 23, 10, 0)
PASSWORD = "Kiem-tra-2026!"
UNIT = "00004"  # commune code 4: Phường Ba Đình
# account name -> role (the admin is made by init)
USERS = {"admin": "admin", "leader": "leader", "officer": "officer", "officer2": "officer", "viewer": "viewer"}


def make_clock() -> Clock:
    return Clock(NOW)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> Path:
    """One database set up the way `danvan init` does it, with one account of each role."""
    path = tmp_path_factory.mktemp("template") / "sodanvan.db"
    setup.init(path, "4", "commune", "admin", PASSWORD, clock=make_clock())
    # Through the admin's session, as in the application: it holds the data key and gives it to each account.
    admin = Session.open(path, "admin", PASSWORD, clock=make_clock())
    for name, role in USERS.items():
        if name != "admin":
            accounts.add_user(admin.db, name, role, PASSWORD, by="admin")
    admin.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    admin.close()
    assert not Path(str(path) + "-wal").exists() or Path(str(path) + "-wal").stat().st_size == 0
    return path


@pytest.fixture
def db_path(template_db, tmp_path) -> Path:
    """A fresh database file of its own for this test."""
    path = tmp_path / "sodanvan.db"
    shutil.copyfile(template_db, path)
    keys = Path(str(template_db) + ".keys")  # the sealed sync keys `init` writes beside the database
    if keys.exists():
        shutil.copyfile(keys, Path(str(path) + ".keys"))
    return path


@pytest.fixture
def open_session(db_path):
    """Factory: open a Session on this test's database as one of the USERS; closed at teardown."""
    opened: list[Session] = []

    def _open(user: str = "admin", lang: str = "vi") -> Session:
        s = Session.open(db_path, user, PASSWORD, lang=lang, clock=make_clock())
        opened.append(s)
        return s

    yield _open
    for s in opened:
        try:
            s.close()
        except Exception:  # already closed by the test
            pass


@pytest.fixture
def session(open_session) -> Session:
    """The admin's session (the unit's first account)."""
    return open_session("admin")


@pytest.fixture
def leader(open_session) -> Session:
    return open_session("leader")


@pytest.fixture
def officer(open_session) -> Session:
    return open_session("officer")


@pytest.fixture
def officer2(open_session) -> Session:
    return open_session("officer2")


@pytest.fixture
def viewer(open_session) -> Session:
    return open_session("viewer")


@pytest.fixture
def raw_conn(db_path):
    """A plain sqlite3 connection to the same file, as another tool (or process) would open it."""
    conn = sqlite3.connect(str(db_path), timeout=0.1, isolation_level=None)
    yield conn
    conn.close()


# -- record factories (exchange format) -------------------------------------------------------------------

def citizen(name="Trần Thị Bình", id_number="001234567890", **kw) -> dict:
    c = {"name": name}
    if id_number is not None:
        c["id_number"] = id_number
    c.update(kw)
    return c


def reception(**kw) -> dict:
    r = {
        "type": "reception",
        "received_at": "2026-11-20T08:30",
        "host_name": "Nguyễn Văn An",
        "citizen": citizen(),
        "content": "Tranh chấp ranh giới đất giữa hai hộ liền kề",
        "category": "complaint",
    }
    r.update(kw)
    return {k: v for k, v in r.items() if v is not None}


def petition(**kw) -> dict:
    p = {
        "type": "petition",
        "received_on": "2026-11-16",
        "category": "complaint",
        "petitioners": [citizen()],
        "content": "Khiếu nại quyết định thu hồi đất",
        "status": "received",
    }
    p.update(kw)
    return {k: v for k, v in p.items() if v is not None}


def denunciation(**kw) -> dict:
    kw.setdefault("petitioners", [citizen("Lê Văn Tố", "079088001234")])
    kw.setdefault("content", "Tố cáo cán bộ địa chính nhận tiền")
    kw.setdefault("respondent", "Cán bộ địa chính phường")
    return petition(category="denunciation", **kw)


def model(**kw) -> dict:
    m = {
        "type": "model",
        "year": 2026,
        "name": "Camera an ninh tổ dân phố",
        "kind": "collective",
        "field": "defense_security",
        "owner": "Tổ dân phố số 5",
    }
    m.update(kw)
    return {k: v for k, v in m.items() if v is not None}


def dialogue(**kw) -> dict:
    d = {
        "type": "dialogue",
        "held_on": "2026-10-02",
        "chair": "Chủ tịch UBND phường",
        "participants": 45,
        "topics": "Giải phóng mặt bằng đường vành đai",
    }
    d.update(kw)
    return {k: v for k, v in d.items() if v is not None}
