"""Before log-in: the unit and demo flag of a data file; the user-name rule on its own."""

from __future__ import annotations

import pytest

from app.errors import DatabaseError, NotFound, UsageError
from app.services import accounts
from app.services.database_info import describe_database


def test_describe_names_the_unit_of_a_set_up_database(db_path):
    """A set-up database reports its unit code and name, and is not a demo."""
    info = describe_database(db_path)
    assert info.unit_code == "00004" and info.unit_name == "Phường Ba Đình"
    assert info.level == "commune" and info.demo is False


def test_describe_refuses_missing_and_foreign_files(tmp_path):
    """A missing file is NotFound; a file that is not a database is a DatabaseError, never a traceback."""
    with pytest.raises(NotFound):
        describe_database(tmp_path / "none.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(DatabaseError):
        describe_database(junk)


def test_describe_refuses_an_empty_sqlite_file(tmp_path):
    """An SQLite file without our settings is 'not set up', not a crash."""
    import sqlite3

    p = tmp_path / "empty.db"
    sqlite3.connect(p).execute("CREATE TABLE t(x)").connection.close()
    with pytest.raises(DatabaseError) as err:
        describe_database(p)
    assert err.value.key == "db.not_initialised"


@pytest.mark.parametrize("name,ok", [("quantri", True), ("nguyen.van-a_1", True), ("a", False),
                                     ("nguyễn", False), ("has space", False), ("", False)])
def test_user_name_rule(name, ok):
    """User names: unaccented letters, digits, . _ -, 2 to 32 characters."""
    if ok:
        accounts.check_user_name(name)
    else:
        with pytest.raises(UsageError):
            accounts.check_user_name(name)
