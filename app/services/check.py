"""`danvan check`: SQLite integrity, foreign keys, the audit chain, and every record against its audited state."""

from __future__ import annotations

import json

from app.domain import roles
from app.domain.masking import MASK
from app.domain.enums import RECORD_TYPES
from app.services.session import Session
from app.storage import audit, integrity, records as store, settings, users as user_store


def _problem(kind: str, lang: str, key: str, **params) -> dict:
    from app.i18n import tr

    return {"kind": kind, **{k: v for k, v in params.items() if k in ("entity", "id", "seq")},
            "message": tr(key, lang, **params)}


def check(session: Session) -> dict:
    session.require(roles.CHECK)
    db, lang = session.db, session.lang
    problems: list[dict] = []
    for line in integrity.integrity_check(db):
        problems.append(_problem("integrity", lang, "check.integrity", detail=line))
    for fk in integrity.foreign_key_problems(db):
        problems.append(_problem("foreign_key", lang, "check.fk", **fk))
    for p in audit.verify_chain(db):
        problems.append(_problem(p["kind"], lang, "check." + p["kind"], seq=p["seq"]))

    # Every record against the state its latest audit entry holds, a batch at a time (memory stays flat: a
    # province's 600,000 records and their hashes no longer sit in memory at once).
    locked = 0  # records whose sealed fields this session cannot open: their hash cannot be recomputed here
    for entity in RECORD_TYPES:
        batch: list = []
        for s in store.iter_stored(db, entity, include_deleted=True):
            batch.append(s)
            if len(batch) == CHECK_BATCH:
                locked += _check_records(session, entity, batch, problems)
                batch = []
        locked += _check_records(session, entity, batch, problems)
    if locked:
        problems.append(_problem("locked", lang, "check.locked", n=locked))
    accounts = integrity.user_rows(db)
    latest = audit.latest_state_hashes(db, "user", [row["id"] for row in accounts])
    for row in accounts:
        expected = latest.get(row["id"])
        if expected is None:
            problems.append(_problem("unaudited", lang, "check.unaudited", entity="user", id=row["name"]))
        elif expected != user_store.user_state_hash(row):
            problems.append(_problem("changed", lang, "check.changed", entity="user", id=row["name"]))
    stored_settings = settings.stored_settings(db)
    latest = audit.latest_state_hashes(db, "setting", list(stored_settings))
    for k, v in stored_settings.items():
        expected = latest.get(k)
        if expected is not None and expected != settings.setting_state_hash(k, v):
            problems.append(_problem("changed", lang, "check.changed", entity="setting", id=k))
    for entity, table in (*((e, store.TABLES[e]) for e in RECORD_TYPES), ("user", "users")):
        for rid in audit.audited_but_absent(db, entity, table):
            problems.append(_problem("missing", lang, "check.missing", entity=entity, id=rid))
    return {"ok": not problems, "problems": problems}


CHECK_BATCH = 1000


def _check_records(session: Session, entity: str, batch: list, problems: list[dict]) -> int:
    """Compare a batch of stored records with their audited states; returns how many could not be compared."""
    lang, locked = session.lang, 0
    latest = audit.latest_state_hashes(session.db, entity, [s.id for s in batch])
    for s in batch:
        expected = latest.get(s.id)
        if expected is None:
            problems.append(_problem("unaudited", lang, "check.unaudited", entity=entity, id=s.id))
        elif expected != s.state_hash():
            if session.cipher is None and MASK in json.dumps(s.record, ensure_ascii=False):
                locked += 1
                continue
            problems.append(_problem("changed", lang, "check.changed", entity=entity, id=s.id))
    return locked
