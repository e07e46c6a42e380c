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
    chain_problems, latest = audit.verify_chain(db)
    for p in chain_problems:
        problems.append(_problem(p["kind"], lang, "check." + p["kind"], seq=p["seq"]))

    seen: set[tuple[str, str]] = set()
    locked = 0  # records whose sealed fields this session cannot open: their hash cannot be recomputed here
    for entity in RECORD_TYPES:
        for s in store.iter_stored(db, entity, include_deleted=True):
            key = (entity, s.id)
            seen.add(key)
            expected = latest.get(key)
            if expected is None:
                problems.append(_problem("unaudited", lang, "check.unaudited", entity=entity, id=s.id))
            elif expected != s.state_hash():
                if session.cipher is None and MASK in json.dumps(s.record, ensure_ascii=False):
                    locked += 1
                    continue
                problems.append(_problem("changed", lang, "check.changed", entity=entity, id=s.id))
    if locked:
        problems.append(_problem("locked", lang, "check.locked", n=locked))
    for row in integrity.user_rows(db):
        key = ("user", row["id"])
        seen.add(key)
        expected = latest.get(key)
        if expected is None:
            problems.append(_problem("unaudited", lang, "check.unaudited", entity="user", id=row["name"]))
        elif expected != user_store.user_state_hash(row):
            problems.append(_problem("changed", lang, "check.changed", entity="user", id=row["name"]))
    stored_settings = settings.stored_settings(db)
    for k, v in stored_settings.items():
        key = ("setting", k)
        seen.add(key)
        expected = latest.get(key)
        if expected is not None and expected != settings.setting_state_hash(k, v):
            problems.append(_problem("changed", lang, "check.changed", entity="setting", id=k))
    for (entity, rid) in latest:
        if (entity, rid) not in seen and (entity in RECORD_TYPES or entity == "user"):
            problems.append(_problem("missing", lang, "check.missing", entity=entity, id=rid))
    return {"ok": not problems, "problems": problems}
