"""A database made by each earlier schema version upgrades cleanly (issue 7's acceptance).

tests/fixtures/schemas/vN.db were made by make_fixtures.py with only the first N migrations (records, accounts,
unit settings and their audit entries, as laptops in the field hold them). Opened by the current `danvan`: the
file is backed up first, the migrations run, `danvan check` is ok, every account still logs in and the records
read back exactly as the application exported them when the file was made.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.storage.backup import check_file
from app.storage.migrations import MIGRATIONS
from tests.faults.conftest import ROOT, danvan

FIXTURES = ROOT / "tests" / "fixtures" / "schemas"
ACCOUNTS = ("quantri", "lanhdao", "canbo", "xem")


def _applied(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()


def _records(path: Path) -> dict[str, dict]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r.get("type") != "meta":
            out[r["id"]] = r
    return out


@pytest.mark.parametrize("version", [1, 2, 3])
def test_a_database_of_an_earlier_schema_upgrades_cleanly(version, tmp_path):
    """vN.db (schema N) opened by the current command: backed up first, migrated to the current schema, checks
    clean, every account logs in, and its records read back equal to what it held."""
    db = tmp_path / "sodanvan.db"
    shutil.copyfile(FIXTURES / f"v{version}.db", db)
    keys = FIXTURES / f"v{version}.db.keys"
    if keys.exists():
        shutil.copyfile(keys, Path(str(db) + ".keys"))
        Path(str(db) + ".keys").chmod(0o600)
    assert _applied(db) == [name for name, _ in MIGRATIONS[:version]]

    code, data, err = danvan(["--db", db, "--user", "quantri", "--json", "check"], tmp_path)
    assert code == 0 and data["ok"], data or err
    assert _applied(db) == [name for name, _ in MIGRATIONS]
    saved = sorted((tmp_path / "backups").glob(f"*before-migration-v{version}-*.db"))
    if version < len(MIGRATIONS):  # (the newest fixture is the current schema until a migration is added)
        assert len(saved) == 1, sorted(p.name for p in tmp_path.rglob("*"))
        assert check_file(saved[0]) == "ok" and _applied(saved[0]) == [name for name, _ in MIGRATIONS[:version]]
    else:
        assert saved == []

    for user in ACCOUNTS:
        code, data, err = danvan(["--db", db, "--user", user, "--json", "stats"], tmp_path)
        assert code == 0, f"{user}: {err}"
        assert sum(data["total"].values()) == 40
        # schema 4 tracks receptions' replies from its own day on: an older book is not flagged overdue
        assert data["overdue_replies"] == 0

    # Once the personal data is sealed (step 5), a holder of the data key grants it at log-in to the accounts that
    # have logged in since: the administrator logs in once more, as after any first log-ins of new accounts.
    assert danvan(["--db", db, "--user", "quantri", "--json", "stats"], tmp_path)[0] == 0
    out = tmp_path / "doc-lai.ndjson"
    code, data, err = danvan(["--db", db, "--user", "lanhdao", "--json", "export", out, "--include-confidential"],
                             tmp_path)
    assert code == 0, err
    assert _records(out) == _records(FIXTURES / f"v{version}.records.ndjson")
