"""Fixtures of the fault-injection suite (issue 7's acceptance): databases prepared once per session, the real
`danvan` command in subprocesses, and the checks every broken run must pass afterwards.

Setting up a unit costs scrypt hashes and a big import costs seconds, so each template is made once per test run
in tmp_path_factory; every kill works on a fresh copy of it (a file copy, milliseconds).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from app.clock import Clock

PASSWORD = "Kiem-tra-2026!"
NOW = datetime(2026, 11, 23, 10, 0)
NOW_ENV = "2026-11-23T10:00"  # the same instant for the subprocesses (DANVAN_NOW): dates stay valid on any day
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "samples" / "commune-sample.ndjson"

BIG_IMPORT = 6000  # above BULK_THRESHOLD (5,000): the import lifts the change-log triggers inside its transaction
BUNDLE_RECORDS = 1500

# What a database's content is, for "wholly or not at all": rows per table, and the sum of revs for the records.
RECORD_TABLES = ("receptions", "petitions", "models", "dialogues")
COUNTED_TABLES = RECORD_TABLES + ("receptions_persons", "petitions_persons", "change_log", "audit_log",
                                  "case_counters", "sync_bundles_received", "sync_quarantine", "sync_conflicts")


def clock() -> Clock:
    return Clock(NOW)


# -- records ------------------------------------------------------------------------------------------------------

def sample_records() -> list[dict]:
    return [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]


def generated_records(n: int, seed: int) -> list[dict]:
    """`n` realistic records: the shared sample's records over and over, each with a fresh (seeded) id."""
    base = sample_records()
    out = []
    for i in range(n):
        r = json.loads(json.dumps(base[i % len(base)]))
        # Hashed, not random.Random: the sample's own ids came from a seeded Random and would collide.
        r["id"] = str(uuid.UUID(bytes=hashlib.sha256(f"faults|{seed}|{i}".encode()).digest()[:16], version=4))
        out.append(r)
    return out


def write_ndjson(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


# -- the real command ----------------------------------------------------------------------------------------------

def cli_env(workdir: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_")}
    env.update({"XDG_DATA_HOME": str(workdir / "xdg"), "XDG_STATE_HOME": str(workdir / "xdg"),
                "XDG_CONFIG_HOME": str(workdir / "xdg"), "DANVAN_BUSY_TIMEOUT": "2", "DANVAN_NOW": NOW_ENV,
                "DANVAN_USER": "admin", "DANVAN_PASSWORD": PASSWORD,
                # the subprocess runs the very code these tests import, whatever is installed
                "PYTHONPATH": os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])})
    env.update(extra)
    return env


def danvan_argv(args: list) -> list[str]:
    return [sys.executable, "-m", "app", *map(str, args)]


def danvan(args: list, workdir: Path, timeout: float = 120, **env_extra) -> tuple[int, dict | None, str]:
    """Run `danvan ARGS` to its end: (exit code, the --json document or None, stderr)."""
    proc = subprocess.run(danvan_argv(args), capture_output=True, text=True, env=cli_env(workdir, **env_extra),
                          stdin=subprocess.DEVNULL, timeout=timeout, cwd=workdir)
    data = json.loads(proc.stdout) if "--json" in map(str, args) and proc.stdout.strip() else None
    return proc.returncode, data, proc.stderr


def danvan_check(db: Path, workdir: Path) -> tuple[int, dict]:
    """`danvan --json check` through the command's own entry point, in this process (a subprocess per kill would
    double the suite's time for the same code path): (exit code, its JSON document)."""
    from app.cli import main

    saved = dict(os.environ)
    out = io.StringIO()
    try:
        os.environ.clear()
        os.environ.update(cli_env(workdir))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = main(["--db", str(db), "--json", "check"])
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return code, json.loads(out.getvalue())


def timed_run(args: list, workdir: Path) -> float:
    """Wall time of one complete run, measured as the kill loop sees it (from spawn to exit)."""
    start = time.perf_counter()
    proc = subprocess.Popen(danvan_argv(args), env=cli_env(workdir), cwd=workdir, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, err = proc.communicate(timeout=120)
    elapsed = time.perf_counter() - start
    assert proc.returncode == 0, err.decode("utf-8", "replace")
    return elapsed


def run_and_kill(args: list, workdir: Path, delay: float) -> int | None:
    """Start `danvan ARGS`, SIGKILL it `delay` seconds later (no clean-up handler can run). The exit code if it
    had already finished by then, else None."""
    proc = subprocess.Popen(danvan_argv(args), env=cli_env(workdir), cwd=workdir, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        proc.wait(timeout=delay)
        return proc.returncode
    except subprocess.TimeoutExpired:
        proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: both stop it dead
        proc.wait()
        return None


def killer_argv(target: int, args: list) -> list[str]:
    return [sys.executable, "-m", "tests.faults.killer", str(target), *map(str, args)]


def count_statements(args: list, workdir: Path) -> int:
    """How many SQL statements one complete run executes (tests/faults/killer.py with K = 0)."""
    proc = subprocess.run(killer_argv(0, args), capture_output=True, text=True, env=cli_env(workdir), cwd=workdir,
                          stdin=subprocess.DEVNULL, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return int(proc.stderr.strip().splitlines()[-1].removeprefix("statements="))


def kill_at_statement(args: list, workdir: Path, target: int) -> int | None:
    """Run `danvan ARGS` and SIGKILL it as its `target`-th SQL statement starts: None when it died so."""
    proc = subprocess.run(killer_argv(target, args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          env=cli_env(workdir), cwd=workdir, stdin=subprocess.DEVNULL, timeout=120)
    return None if proc.returncode in (-9, 137) else proc.returncode


# -- what must hold after a crash ----------------------------------------------------------------------------------

def integrity(path: Path) -> str:
    """SQLite's full integrity check, as another tool opening the file after the crash would run it."""
    conn = sqlite3.connect(str(path))
    try:
        return "; ".join(r[0] for r in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()


def db_state(path: Path) -> dict:
    """Rows per table and the sum of the records' revs: equal states mean equal content for these operations."""
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        state = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED_TABLES}
        for t in RECORD_TABLES:
            state[t + ".rev"] = conn.execute(f"SELECT coalesce(sum(rev), 0) FROM {t}").fetchone()[0]
        state["audit_head"] = conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
        return state
    finally:
        conn.close()


def copy_db(src: Path, dest: Path) -> Path:
    """Copy a database file with its sealed key file."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dest)
    keys = Path(str(src) + ".keys")
    if keys.exists():
        shutil.copy2(keys, Path(str(dest) + ".keys"))
    return dest


def checkpointed(path: Path) -> Path:
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return path


# -- templates, made once per session -------------------------------------------------------------------------------

def _open(path: Path):
    from app.services.session import Session

    return Session.open(path, "admin", PASSWORD, clock=clock())


@pytest.fixture(scope="session")
def commune_template(tmp_path_factory) -> Path:
    """A commune (code 4, Phường Ba Đình) set up as `danvan init` does, holding the shared sample's 60 records."""
    from app.services import setup
    from app.services.importing import import_file

    path = tmp_path_factory.mktemp("commune") / "sodanvan.db"
    setup.init(path, "4", "commune", "admin", PASSWORD, clock=clock())
    s = _open(path)
    try:
        res = import_file(s, SAMPLE)
        assert not res.errors, res.errors
    finally:
        s.close()
    return checkpointed(path)


@pytest.fixture(scope="session")
def big_ndjson(tmp_path_factory) -> Path:
    """An NDJSON book of BIG_IMPORT new records."""
    return write_ndjson(tmp_path_factory.mktemp("big") / "so-tiep-cong-dan.ndjson",
                        generated_records(BIG_IMPORT, seed=7))


@dataclass(frozen=True)
class SyncPair:
    upper: Path  # an upper level (Hà Nội, code 1) that trusts the commune's key
    commune: Path  # the commune (code 4), which trusts the upper level's key and holds BUNDLE_RECORDS records
    bundle: Path  # the bundle of all those records the commune exported for the upper level


@pytest.fixture(scope="session")
def sync_pair(tmp_path_factory, commune_template) -> SyncPair:
    from app.io.readers import read_ndjson
    from app.services import setup, sync_export, sync_keys
    from app.services.records import apply_records

    d = tmp_path_factory.mktemp("sync")
    upper = d / "tinh" / "tinh.db"
    setup.init(upper, "1", "upper", "admin", PASSWORD, clock=clock())
    commune = copy_db(commune_template, d / "xa" / "xa.db")
    c, u = _open(commune), _open(upper)
    try:
        sync_keys.export_keyfile(u, d / "u.dvkey", password=PASSWORD)
        sync_keys.trust(c, d / "u.dvkey")
        sync_keys.export_keyfile(c, d / "c.dvkey", password=PASSWORD)
        sync_keys.trust(u, d / "c.dvkey")
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n"
                       for r in generated_records(BUNDLE_RECORDS - len(sample_records()), seed=11))
        res = apply_records(c, read_ndjson(text).items)
        assert not res.errors, res.errors
        out = d / "usb"
        out.mkdir()
        exported = sync_export.export_bundle(c, out, password=PASSWORD)
        assert exported["records"] == BUNDLE_RECORDS
    finally:
        c.close()
        u.close()
    return SyncPair(checkpointed(upper), checkpointed(commune), Path(exported["file"]))
