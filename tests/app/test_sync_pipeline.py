"""Sync between two real databases — a commune and its upper level, made as `danvan init` makes them: keys, key
exchange, bundle export and import (SYNC.md, INTERFACES.md)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from app.clock import Clock
from app.services import setup, sync_keys
from app.services.session import Session
from app.storage.db import open_db
from app.sync import keys as sync_keys_crypto
from app.sync.keyfile import KeyfileRejected

PASSWORD = "Kiem-tra-2026!"
NOW = datetime(2026, 11, 23, 10, 0)
SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "domain" / "samples" / "commune-sample.ndjson"


def clock() -> Clock:
    return Clock(NOW)


def _copy_db(src: Path, dest: Path) -> Path:
    shutil.copyfile(src, dest)
    shutil.copy2(sync_keys.keys_path(src), sync_keys.keys_path(dest))  # with its owner-only mode
    return dest


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """A commune (code 4, Phường Ba Đình) and an upper level (code 1, Hà Nội), set up once per module."""
    d = tmp_path_factory.mktemp("sync-templates")
    setup.init(d / "c.db", "4", "commune", "admin", PASSWORD, clock=clock())
    setup.init(d / "c2.db", "4", "commune", "admin", PASSWORD, clock=clock())
    setup.init(d / "u.db", "1", "upper", "admin", PASSWORD, clock=clock())
    for name in ("c.db", "c2.db", "u.db"):
        db = open_db(d / name)
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
    return d


@pytest.fixture
def sites(templates, tmp_path):
    """Fresh copies: (commune db, second commune db, upper db) paths, keys beside each."""
    return tuple(_copy_db(templates / n, tmp_path / n) for n in ("c.db", "c2.db", "u.db"))


@pytest.fixture
def opened():
    sessions = []

    def _open(path, user="admin"):
        s = Session.open(path, user, PASSWORD, clock=clock())
        sessions.append(s)
        return s

    yield _open
    for s in sessions:
        s.close()


def exchange(commune: Session, upper: Session, tmp_path: Path) -> None:
    sync_keys.export_keyfile(upper, tmp_path / "u.dvkey", password=PASSWORD)
    sync_keys.trust(commune, tmp_path / "u.dvkey")
    sync_keys.export_keyfile(commune, tmp_path / "c.dvkey", password=PASSWORD)
    sync_keys.trust(upper, tmp_path / "c.dvkey")


# -- keys ------------------------------------------------------------------------------------------------------------

def test_init_makes_sealed_keys_beside_the_database(sites, opened):
    """init writes <db>.keys (sealed, owner-only) and the identity; the admin's password unlocks them."""
    c, _, _ = sites
    path = sync_keys.keys_path(c)
    assert path.exists() and (os.name != "posix" or (path.stat().st_mode & 0o077) == 0)
    assert b"PRIVATE" not in path.read_bytes()
    s = opened(c)
    unlocked = sync_keys.unlock(s, PASSWORD)
    assert unlocked.identity.level == "commune" and unlocked.identity.unit_code == "00004"
    assert unlocked.keypair.fingerprint == sync_keys.site_fingerprint(s)
    with pytest.raises(sync_keys_crypto.WrongKeyPassword):
        sync_keys.unlock(s, "not-the-password")


def test_key_exchange_both_ways(sites, opened, tmp_path):
    """The commune registers the upper level's key and the upper level the commune's; both are listed."""
    c, _, u = sites
    cs, us = opened(c), opened(u)
    exchange(cs, us, tmp_path)
    assert [p["level"] for p in sync_keys.show(cs)["peers"]] == ["upper"]
    upeers = sync_keys.show(us)["peers"]
    assert [(p["level"], p["unit_code"], p["fingerprint"]) for p in upeers] == [
        ("commune", "00004", sync_keys.site_fingerprint(cs))]
    actions = [r["action"] for r in cs.db.query("SELECT action FROM audit_log")]
    assert "sync.trust" in actions and "sync.key_export" in actions


def test_wrong_level_key_refused(sites, opened, tmp_path):
    """A commune's key offered to a commune (or the upper's to the upper) is refused and nothing is registered."""
    c, c2, u = sites
    cs, c2s, us = opened(c), opened(c2), opened(u)
    sync_keys.export_keyfile(c2s, tmp_path / "c2.dvkey", password=PASSWORD)
    with pytest.raises(sync_keys.TrustRefused) as e:
        sync_keys.trust(cs, tmp_path / "c2.dvkey")
    assert e.value.reason == "wrong_level" and e.value.exit_code == 1
    sync_keys.export_keyfile(us, tmp_path / "u.dvkey", password=PASSWORD)
    with pytest.raises(sync_keys.TrustRefused):
        sync_keys.trust(us, tmp_path / "u.dvkey")
    assert sync_keys.show(cs)["peers"] == [] and sync_keys.show(us)["peers"] == []


def test_forged_keyfile_refused(sites, opened, tmp_path):
    """A key file altered after signing (unit code changed) is refused."""
    c, _, u = sites
    cs, us = opened(c), opened(u)
    sync_keys.export_keyfile(us, tmp_path / "u.dvkey", password=PASSWORD)
    doc = json.loads((tmp_path / "u.dvkey").read_text("utf-8"))
    doc["identity"]["unit_code"] = "79"
    (tmp_path / "u.dvkey").write_text(json.dumps(doc), "utf-8")
    with pytest.raises(KeyfileRejected):
        sync_keys.trust(cs, tmp_path / "u.dvkey")


def test_old_database_gets_keys_on_first_need_by_an_admin(sites, opened, tmp_path):
    """A database without keys (made before sync) gets them when an admin first needs them, with their password."""
    c, _, _ = sites
    db = open_db(c)
    db.conn.execute("DELETE FROM sync_site")
    db.close()
    sync_keys.keys_path(c).unlink()
    s = opened(c)
    assert sync_keys.site_fingerprint(s) is None
    res = sync_keys.export_keyfile(s, tmp_path / "c.dvkey", password=PASSWORD)
    assert res["fingerprint"] == sync_keys.site_fingerprint(s) and sync_keys.keys_path(c).exists()
