"""A working session: one open database, the acting user, the clock and the language.

Every service takes a Session, so the CLI and the GUI go through the same permission checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.clock import Clock, system_clock
from app.domain import roles
from app.errors import DatabaseError, PermissionDenied
from app.services import accounts
from app.storage import audit, data_keys, settings
from app.storage.db import CACHE_KIB, READER_CACHE_KIB, Database, open_db, write_transaction


@dataclass
class Session:
    db: Database
    path: Path
    user: dict | None = None  # the users row; None only while setting up (init, demo)
    lang: str = "vi"
    clock: Clock = field(default_factory=system_clock)
    _calendar: object = None
    _rules: object = None
    # owner site -> the day its receptions' replies are tracked from (app.services.reply_tracking)
    _reply_starts: dict = field(default_factory=dict, repr=False)
    # (entity, id) of denouncers' identities already shown in a list this log-in (read.confidential logged once
    # per record and log-in, however often the dashboard refreshes); shared with spawned sessions.
    confidential_seen: set = field(default_factory=set, repr=False)
    # What the officer is told once logged in (message keys of app.i18n): "restore.undone".
    notices: list = field(default_factory=list, repr=False)

    # -- opening ------------------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, user: str, password: str, *, lang: str = "vi", clock: Clock | None = None,
             refresh_due_dates: bool = True):
        """Log in. `refresh_due_dates=False`: the caller refreshes the stored due dates itself after an upgrade
        (the GUI, behind a progress dialog — app.services.deadlines.refresh_due_dates)."""
        undone = _undo_interrupted_restore(path)
        session = cls._log_in(open_db(path), path, user, password, lang, clock, refresh_due_dates)
        if undone:
            session.notices.append("restore.undone")
            session.audit("restore.undone", detail="a restore cut short: the data and key file saved before it")
        return session

    @classmethod
    def begin_open(cls, path: str | Path, user: str, password: str, *, lang: str = "vi",
                   clock: Clock | None = None) -> "OpeningSession":
        """`open()` in two halves, for a caller that knows the password before it has built its windows
        (`danvan --smoke`): the account's key starts opening now on a worker thread — one scrypt derivation,
        ~50 ms, which releases the interpreter lock — while the caller goes on; `.result()` then logs in on the
        caller's thread (which takes the key already opened) and returns the Session or raises what `open()`
        raises. Nothing else runs on the worker: a second thread holding the lock only makes the first wait."""
        from app.services import protection
        from app.storage import users as user_rows

        _undo_interrupted_restore(path)
        db = open_db(path)
        try:
            account = user_rows.get_by_name(db, user)
            if account is not None:
                protection.open_account_key_ahead(account, password)
        except BaseException:
            db.close()
            raise
        return OpeningSession(lambda: cls._log_in(db, path, user, password, lang, clock))

    @classmethod
    def _log_in(cls, db: Database, path: str | Path, user: str, password: str, lang: str, clock: Clock | None,
                refresh_due_dates: bool = True):
        """Log `user` in on the open `db` (closed again if that fails)."""
        try:
            if settings.get(db, "site_id") is None:
                raise DatabaseError("db.not_initialised")
            row, private = accounts.log_in(db, user, password)
            accounts.record_login(db, row)
            from app.services import protection

            protection.unlock(db, row, password, private)
        except BaseException:
            db.close()
            raise
        session = cls(db=db, path=Path(path), user=row, lang=lang, clock=clock or system_clock())
        if refresh_due_dates:
            session._refresh_due_dates()
        return session

    def _refresh_due_dates(self) -> None:
        """After an upgrade that changed the deadline rules or the holidays, the stored due dates are computed
        again (app.services.deadlines.refresh_due_dates). Never in the way of logging in: a database busy with
        another writer, or read-only, is refreshed at a later log-in."""
        from app.services.deadlines import refresh_due_dates

        try:
            refresh_due_dates(self)
        except Exception:  # noqa: BLE001 — the due dates stay as they were; the log says why
            import logging

            logging.getLogger(__name__).warning("due dates not refreshed at log-in", exc_info=True)

    def close(self) -> None:
        self.db.close()

    def spawn(self, *, reader: bool = False) -> "Session":
        """A second session for another thread (a background job): the same user and clock, its own
        connection — one SQLite connection is never shared between threads.

        `reader`: a short read that is closed straight after (the dashboard's figures, the navigation's counts),
        with a small page cache. Such a connection reads each page about once and is then dropped, so a full
        64 MB cache bought nothing but resident memory (the dashboard's first loading took the program from
        ~85 to ~195 MB at 200,000 records; the operating system keeps the file's pages in its own cache)."""
        db = open_db(self.path, cache_kib=READER_CACHE_KIB if reader else CACHE_KIB)
        data_keys.attach(db, self.cipher)
        return Session(db=db, path=self.path, user=self.user, lang=self.lang, clock=self.clock,
                       confidential_seen=self.confidential_seen)

    def outside_changes(self) -> int | None:
        """A number that moves whenever another connection — another window, a `danvan` command, a worker of this
        program — commits to the file (SQLite's data_version; this session's own commits leave it). None when the
        session is closed."""
        import sqlite3

        from app.storage.db import data_version

        try:
            return data_version(self.db)
        except (sqlite3.Error, AttributeError):
            return None

    def refresh_account(self) -> None:
        """The account as it is now, before a write: an administrator (or `danvan user`) may have disabled it or
        changed its role since this session logged in — a write goes by the account as it stands."""
        if not self.user or "name" not in self.user:
            return
        from app.storage import users as user_rows

        row = user_rows.get_by_name(self.db, self.user["name"])
        if row is None or not row.get("active", 1):
            raise PermissionDenied("account.disabled_meanwhile", user=self.user["name"])
        if row.get("role") and row["role"] != self.user.get("role"):
            self.user = {**self.user, "role": row["role"]}

    def person_name(self, user: str | None) -> str:
        """An account's full name where it has one (the officer knows "Trần Văn Cán", not "canbo")."""
        from app.storage import users as user_rows

        row = user_rows.get_by_name(self.db, user) if user else None
        return (row or {}).get("full_name") or user or "?"

    def own_files(self) -> list[Path]:
        """The files this installation lives in: the database, its WAL and shared-memory files, the key store and a
        restore's journal."""
        from app.services.restore_journal import journal_path

        live = self.path
        return [live, *(live.with_name(live.name + end) for end in ("-wal", "-shm", "-journal", ".keys")),
                journal_path(live)]

    def refuse_as_output(self, out: str | Path, key: str = "output.own_file") -> None:
        """An export, a print, a key file or a receipt is written where the officer says — never over one of
        this installation's own files (`--out` given the database's name replaced the data with a key file)."""
        import os

        def same(p: Path) -> str:
            return os.path.normcase(os.path.abspath(os.path.realpath(p)))  # C:\Data == c:\data on Windows

        target = same(Path(out))
        if any(target == same(p) for p in self.own_files()):
            from app.errors import DanvanError

            raise DanvanError(key, path=str(out))

    @property
    def cipher(self):
        """The data key's cipher while this account holds it (None: personal data stays masked)."""
        return data_keys.cipher_of(self.db)

    # -- who ----------------------------------------------------------------------------------------------
    @property
    def user_name(self) -> str | None:
        return self.user["name"] if self.user else None

    @property
    def role(self) -> str:
        return self.user["role"] if self.user else "admin"  # set-up runs with full rights

    def can(self, permission: str) -> bool:
        return roles.can(self.role, permission)

    def require(self, permission: str) -> None:
        if not self.can(permission):
            vi, en = roles.ACTION_WORDS.get(permission, (permission, permission))
            from app.domain.enums import ROLE, label

            raise PermissionDenied("perm.denied", role=label(ROLE, self.role, self.lang),
                                   action=vi if self.lang == "vi" else en)

    # -- the unit -----------------------------------------------------------------------------------------
    @property
    def site_id(self) -> str:
        return settings.get(self.db, "site_id")

    @property
    def unit_code(self) -> str:
        return settings.get(self.db, "unit_code")

    @property
    def level(self) -> str:
        """"commune" or "upper" (the unit's level, set at init)."""
        return settings.get(self.db, "level") or "commune"

    @property
    def home_commune(self) -> str | None:
        """This unit's commune code (None at the upper level): its own citizens' addresses need no commune."""
        if self.level == "upper":
            return None
        return self.unit_code

    @property
    def home_province(self) -> str | None:
        """The province this unit is in (its own code at the upper level): its communes come first in pickers."""
        from app.domain import units

        code = self.unit_code
        if not code:
            return None
        if self.level == "upper":
            return units.normalize_code(code, units.UPPER)
        unit = units.find_unit(code)
        return unit.province_code if unit else None

    @property
    def is_demo(self) -> bool:
        return settings.get(self.db, "demo") == "1"

    # -- deadlines ----------------------------------------------------------------------------------------
    def calendar(self):
        if self._calendar is None:
            from app.domain.workdays import WorkCalendar

            days = settings.calendar_days(self.db)
            from datetime import date

            self._calendar = WorkCalendar(
                extra_days_off=[date.fromisoformat(d["day"]) for d in days if d["kind"] == "off"],
                extra_work_days=[date.fromisoformat(d["day"]) for d in days if d["kind"] == "work"])
        return self._calendar

    def rules(self):
        if self._rules is None:
            from app.domain.deadlines import load_rules

            self._rules = load_rules()
        return self._rules

    def invalidate_calendar(self) -> None:
        self._calendar = None

    def reply_tracked_from(self, owner_site: str | None = None):
        """The day from which receptions of `owner_site` (this unit when None) owe a tracked reply."""
        site = owner_site or self.site_id
        start = self._reply_starts.get(site)
        if start is None:
            from app.services import reply_tracking

            start = self._reply_starts[site] = reply_tracking.start_of(self.db, site)
        return start

    def petition_notice_from(self, owner_site: str | None = None):
        """The day from which petitions of `owner_site` owe a followed notice (None: every one)."""
        from app.services.reply_tracking import notice_start

        return notice_start(self.reply_tracked_from(owner_site))

    def invalidate_reply_starts(self) -> None:
        self._reply_starts.clear()

    # -- audit --------------------------------------------------------------------------------------------
    def audit_confidential_reads(self, entity: str, record_ids) -> None:
        """Log "read.confidential" for denouncers' identities shown outside their record (the dashboard), once per
        record and log-in."""
        new = [i for i in record_ids if (entity, i) not in self.confidential_seen]
        if not new:
            return
        with write_transaction(self.db):
            audit.append(self.db, [audit.Entry("read.confidential", self.user_name, entity, i, detail="list")
                                   for i in new], self.clock.utc_stamp())
        self.confidential_seen.update((entity, i) for i in new)

    def audit(self, action: str, *, entity=None, record_id=None, state_hash=None, detail=None) -> None:
        """One audit entry in its own transaction (for events that change nothing else)."""
        with write_transaction(self.db):
            audit.append(self.db, [audit.Entry(action, self.user_name, entity, record_id, state_hash, detail)],
                         self.clock.utc_stamp())


class OpeningSession:
    """A log-in under way (Session.begin_open): `result()` finishes it, once."""

    def __init__(self, finish):
        self._finish = finish

    def result(self) -> Session:
        finish, self._finish = self._finish, None
        if finish is None:
            raise RuntimeError("this log-in has already finished")
        return finish()


def _undo_interrupted_restore(path) -> bool:
    from app.services.restore_journal import undo_interrupted

    return undo_interrupted(path)
