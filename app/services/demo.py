"""The demo database: a realistic commune (Phường Ba Đình) with generated records and documented accounts.

It is marked `demo = 1`: such a database never exports a sync bundle. Rebuilding over an existing demo database
is allowed; over a real one it is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from app.clock import Clock, system_clock
from app.errors import DanvanError
from app.services.session import Session
from app.storage import settings
from app.storage.db import open_db

if TYPE_CHECKING:
    from app.services.records import Incoming

BATCH = 20_000


def demo_accounts():
    from app.services.demo_data import DEMO_ACCOUNT, OFFICER_ACCOUNT

    return [
        {"user": "quantri", "password": DEMO_ACCOUNT["password"], "role": "admin"},
        DEMO_ACCOUNT,
        OFFICER_ACCOUNT,
        {"user": "xem", "password": DEMO_ACCOUNT["password"], "role": "viewer"},
    ]


def _is_demo(path: Path) -> bool:
    try:
        db = open_db(path, migrate=False)
    except DanvanError:
        return False
    try:
        return settings.get(db, "demo") == "1"
    except Exception:
        return False
    finally:
        db.close()


def build_demo(path: str | Path, records: int = 2000, seed: int = 2026, *, lang: str = "vi",
               clock: Clock | None = None, progress=None, cancel=None) -> dict:
    # Imported here: the log-in screen of the demo needs only demo_accounts(), before the first paint.
    from app.services import accounts, setup
    from app.services.demo_data import DEMO_UNIT_CODE, generate
    from app.services.records import Incoming
    from app.storage import users as user_rows

    path = Path(path)
    clock = clock or system_clock()
    # An old demo is replaced only once the new one is complete: interrupted, the officer still has one.
    replace = path.exists() and path.stat().st_size > 0
    if replace and not _is_demo(path):
        raise DanvanError("demo.exists", path=str(path))
    unit = setup.resolve_unit(DEMO_UNIT_CODE, "commune", lang)
    accts = demo_accounts()
    counts: dict[str, int] = {}

    def populate(db):
        for a in accts[1:]:
            accounts.add_user(db, a["user"], a["role"], a["password"], by=accts[0]["user"])
        session = Session(db=db, path=path, user=user_rows.get_by_name(db, accts[1]["user"]), lang=lang, clock=clock)
        _track_replies_since_they_were_recorded(db, clock)
        batch: list[Incoming] = []
        done = 0
        for n, rec in enumerate(generate(records, seed=seed, today=clock.today(), unit_name=unit.name, now=clock.now()), 1):
            batch.append(Incoming(n, rec))
            if len(batch) >= BATCH:
                _apply(session, batch, counts)
                done += len(batch)
                batch = []
                if progress:
                    progress(done, records)
            if cancel is not None and cancel.is_set():
                from app.errors import Cancelled

                raise Cancelled()
        if batch:
            _apply(session, batch, counts)
            if progress:
                progress(records, records)

    out = setup.create_database(path, unit, "commune", accts[0]["user"], accts[0]["password"], demo=True,
                                clock=clock, populate=populate, replace=replace)
    return {"db": out["db"], "counts": counts, "accounts": accts, "unit_name": unit.name}


def _track_replies_since_they_were_recorded(db, clock: Clock) -> None:
    """A demo book is made today but reads as kept for years: its receptions owe a tracked reply from the day
    receptions began to record one (the generator gives them replies from then), not from today."""
    from app.domain.deadlines import RECEPTION_REPLY_TRACKED_FROM
    from app.services import reply_tracking
    from app.storage.db import write_transaction

    if reply_tracking.default_start(db) == RECEPTION_REPLY_TRACKED_FROM:
        return
    with write_transaction(db):
        settings.put_audited(db, reply_tracking.SETTING, RECEPTION_REPLY_TRACKED_FROM.isoformat(), clock.utc_stamp())


def _apply(session: Session, batch: list[Incoming], counts: dict[str, int]) -> None:
    from app.services.records import apply_records

    res = apply_records(session, batch, action="import", detail="demo")
    if res.errors:  # the generator must only make valid records; fail loudly in development
        raise DanvanError("validation.failed", count=len(res.errors))
    for t, n in res.imported.items():
        counts[t] = counts.get(t, 0) + n
