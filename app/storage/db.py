"""Opening the one SQLite file: pragmas, busy timeout, functions, migrations (with a backup first).

Two processes may share the file (the GUI and a `danvan` command). WAL lets readers go on while one writer
writes; a writer waits `busy_timeout` seconds for the lock, then fails with `DatabaseBusy` — never corrupts.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from app.domain.text import fold
from app.errors import DatabaseBusy, DatabaseError
from app.storage import migrations as mig

DEFAULT_BUSY_TIMEOUT = 5.0


class Database:
    """The open file: its sqlite3 connection (`conn`, what the storage modules mostly use) and the few helpers of
    sqlite-utils' Database they call, with the same behaviour. sqlite-utils itself is imported only when a
    migration runs (its `Migrations` applies them): importing it, with click, pluggy and importlib.metadata, was
    a tenth of the desktop application's start."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def query(self, sql: str, params=()) -> Iterator[dict]:
        """Rows as dicts keyed by column name (sqlite-utils' `Database.query`)."""
        cursor = self.conn.execute(sql, params)
        keys = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(keys, row))

    def executescript(self, sql: str) -> sqlite3.Cursor:
        return self.conn.executescript(sql)

    def close(self) -> None:
        self.conn.close()

    @contextlib.contextmanager
    def atomic(self) -> Iterator["Database"]:
        """A transaction, or a savepoint inside the one already open (sqlite-utils' `Database.atomic`)."""
        conn = self.conn
        if not conn.in_transaction:
            conn.execute("BEGIN")
            try:
                yield self
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")
            return
        savepoint = f"sp_{secrets.token_hex(8)}"
        conn.execute(f"SAVEPOINT {savepoint}")
        try:
            yield self
        except BaseException:
            if conn.in_transaction:  # a RAISE(ROLLBACK) in a trigger may have ended the whole transaction
                conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            raise
        else:
            conn.execute(f"RELEASE SAVEPOINT {savepoint}")


def data_version(db: Database) -> int:
    """A number that moves whenever another connection commits to the file (this connection's own commits leave
    it): SQLite's data_version."""
    return db.conn.execute("PRAGMA data_version").fetchone()[0]


def busy_timeout() -> float:
    try:
        return float(os.environ.get("DANVAN_BUSY_TIMEOUT", DEFAULT_BUSY_TIMEOUT))
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT


def translate_sqlite_error(exc: sqlite3.Error, path: str | Path = "") -> Exception:
    """Map an sqlite3 error to a typed core error with a sentence an officer understands."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseBusy("db.busy")
    if "disk is full" in text or "database or disk is full" in text:
        return DatabaseError("db.disk_full")
    if "readonly" in text or "read-only" in text:
        return DatabaseError("db.readonly", path=str(path))
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return DatabaseError("db.not_ours", path=str(path))
    return DatabaseError("db.failed", detail=str(exc))


def _file_of(conn: sqlite3.Connection) -> str:
    """The file a connection has open (for a message that names it: "Không ghi được vào  (chỉ đọc…)" named none)."""
    try:
        return conn.execute("PRAGMA database_list").fetchone()[2] or ""
    except sqlite3.Error:
        return ""


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: Python never opens a transaction behind our back (its legacy mode BEGINs before any
    # INSERT/UPDATE/DELETE, which once swallowed an import into a transaction nobody committed). Transactions are
    # explicit: write_transaction() below, or sqlite-utils' atomic().
    conn = sqlite3.connect(str(path), timeout=busy_timeout(), check_same_thread=False, isolation_level=None)
    conn.create_function("vn_fold", 1, lambda s: fold(s) if isinstance(s, str) else s, deterministic=True)
    return conn


CACHE_KIB = 65_536  # 64 MB of page cache (SQLite's default is 2 MB): a 200,000-record book's indexes stay in memory
READER_CACHE_KIB = 8_192  # a short read on a worker thread (the dashboard's figures): see Session.spawn


def spelled_otherwise(path: Path) -> Path | None:
    """Another file in `path`'s folder whose name reads the same but is spelled with other Unicode code points:
    "Sổ.db" typed on Windows (composed letters) beside "Sổ.db" copied from a Mac (letters and separate marks).
    To the officer they are one name; to the file system two files."""
    import unicodedata

    want = unicodedata.normalize("NFC", path.name)
    try:
        for p in path.parent.iterdir():
            if p.name != path.name and unicodedata.normalize("NFC", p.name) == want:
                return p
    except OSError:
        pass  # a folder that cannot be listed: nothing to suggest
    return None


def open_db(path: str | Path, *, create: bool = False, migrate: bool = True, cache_kib: int = CACHE_KIB) -> Database:
    """Open (or with `create`, make) the database and bring its schema up to date.

    An existing file whose schema is older is copied to `backups/` before any migration runs.
    """
    path = Path(path)
    if path.is_dir():  # SQLite says only "unable to open database file"
        raise DatabaseError("db.is_folder", path=str(path))
    existed = path.exists() and path.stat().st_size > 0
    if not existed and not create:
        from app.errors import NotFound

        twin = spelled_otherwise(path)
        if twin is not None:
            raise NotFound("db.not_found_twin", path=str(path), twin=twin.name)
        raise NotFound("db.not_found", path=str(path))
    if create:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = _connect(path)
        db = Database(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal" and str(path) != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a power cut loses at most the last commit
        conn.execute(f"PRAGMA cache_size = -{int(cache_kib)}")
        conn.execute("PRAGMA temp_store = MEMORY")
        # Test seam (tests/faults): a full disk without filling one — the file may not grow past this many
        # pages. Never set in real use.
        if os.environ.get("DANVAN_TEST_MAX_PAGE_COUNT", "").isdigit():
            conn.execute(f"PRAGMA max_page_count = {int(os.environ['DANVAN_TEST_MAX_PAGE_COUNT'])}")
        # Freed pages are zeroed: a sealed or rewritten value leaves no readable copy behind in the file.
        conn.execute("PRAGMA secure_delete = ON")
        if migrate:
            _migrate(db, path, existed)
        return db
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, path) from exc


def _applied(db: Database) -> list[str]:
    if db.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'").fetchone() \
            is None:
        return []
    return [r["name"] for r in db.query(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id", [mig.MIGRATION_SET])]


def schema_version(db: Database) -> int:
    return len(_applied(db))


def _migrate(db: Database, path: Path, existed: bool) -> None:
    applied = _applied(db)
    known = [name for name, _ in mig.MIGRATIONS]
    unknown = [n for n in applied if n not in known]
    if unknown:
        raise DatabaseError("db.newer", found=len(applied), known=len(known))
    if existed and not applied and _has_foreign_tables(db):
        raise DatabaseError("db.not_ours", path=str(path))
    if len(applied) == len(known):
        return
    if existed and applied:
        backup_before_migration(db, path, len(applied))
    # BEGIN IMMEDIATE semantics: take the write lock before reading what to apply, so two processes opening
    # an old file at once cannot both migrate it.
    import sqlite_utils  # only when a migration runs (see Database)

    mig.build().apply(sqlite_utils.Database(db.conn, execute_plugins=False))


def migrate(db: Database, path: Path) -> None:
    """Bring an open, existing database's schema up to date (backing it up first when it is older)."""
    _migrate(db, Path(path), True)


def checkpoint(db: Database) -> None:
    """Fold the WAL into the main file (before handing the file on, e.g. at the end of a set-up)."""
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def refresh_statistics(db: Database) -> bool:
    """Tell SQLite's query planner how the data is spread (ANALYZE), after a bulk write: an import of thousands
    of records, a run of bundles. Without statistics the planner took the indexes that begin with `deleted` for
    selective — that column is 0 on nearly every row — and read whole tables: at 600,000 records a quarter's
    report took 5 minutes and the Đồng bộ screen 2–3 s to open. The whole tables are read (about half a second
    for a 1.3 GB file the system has cached): a sampled ANALYZE (analysis_limit) cannot see that `deleted` has a
    single value, and its statistics left the plans as bad as none. Best effort: a database busy with another
    writer keeps its older statistics (the data is untouched either way)."""
    try:
        db.conn.execute("PRAGMA analysis_limit = 0")
        db.conn.execute("ANALYZE")
        return True
    except sqlite3.Error as exc:
        import logging

        logging.getLogger(__name__).warning("statistics not refreshed: %s", exc)
        return False


def statistics_missing(db: Database) -> bool:
    """Whether the file holds records but the planner was never given statistics (no sqlite_stat1)."""
    if db.conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone()[0]:
        return False
    return any(db.conn.execute(f"SELECT max(rid) FROM {t}").fetchone()[0]
               for t in ("receptions", "petitions", "models", "dialogues"))


def statistics_outdated(db: Database, added: int) -> bool:
    """Whether `added` new rows make the planner's statistics worth refreshing: none were ever taken, or the
    tables grew by a tenth or more since (a run of one bundle into a province's 600,000 records does not pay
    ANALYZE's half second; the first run after an upgrade, or a large one, does)."""
    try:
        rows = db.conn.execute(  # the records the statistics knew of, over the four record tables
            "SELECT sum(n) FROM (SELECT max(CAST(stat AS INTEGER)) AS n FROM sqlite_stat1 WHERE tbl IN "
            "('receptions', 'petitions', 'models', 'dialogues') GROUP BY tbl)").fetchone()[0]
    except sqlite3.OperationalError:  # no sqlite_stat1: never analysed
        return added > 0
    return rows is None or added * 10 >= rows


WAL_AUTOCHECKPOINT_PAGES = 1000  # SQLite's default: the WAL is folded into the file after each ~4 MB written


@contextlib.contextmanager
def fewer_checkpoints(db: Database, pages: int = 16384):
    """Inside: the WAL is folded into the database file only every `pages` pages (64 MB) instead of after every
    commit of a few MB — each fold writes and syncs the file, which cost a run of bundle imports a quarter of its
    time. Every transaction still commits to the WAL (safe from a crash or a power cut); one fold at the end."""
    db.conn.execute(f"PRAGMA wal_autocheckpoint = {int(pages)}")
    try:
        yield db
    finally:
        db.conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
        try:
            db.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")  # never waits for a reader; the rest folds later
        except sqlite3.Error:
            pass


def _has_foreign_tables(db: Database) -> bool:
    names = {r["name"] for r in db.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return bool(names - {"_sqlite_migrations"})


def backup_before_migration(db: Database, path: Path, from_version: int) -> Path:
    from app.paths import backups_dir_for
    from app.storage.backup import backup_connection

    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = backups_dir_for(path) / f"{path.stem}-before-migration-v{from_version}-{stamp}.db"
    backup_connection(db.conn, target)
    return target


@contextlib.contextmanager
def write_transaction(db: Database):
    """BEGIN IMMEDIATE … COMMIT: take the write lock up front (waiting up to the busy timeout), so a writer
    never fails half-way through on a lock upgrade; everything inside commits wholly or not at all."""
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise translate_sqlite_error(exc, _file_of(conn)) from exc
    try:
        yield db
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise translate_sqlite_error(exc, _file_of(conn)) from exc
