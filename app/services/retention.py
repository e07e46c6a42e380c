"""Retention periods per record type and the purge (Personal Data Protection Law: keep personal data no longer
than needed).

Settings (unit settings, whole years; 0 = keep for ever), with the defaults below:
  retention_reception_years  5   counted from the day of the reception
  retention_petition_years   10  counted from the petition's closing (resolved or answered; a closed or forwarded
                                 petition without those dates: its last change); open petitions are never purged
  retention_model_years      0   models are the unit's record of good practice: kept
  retention_dialogue_years   0   dialogues hold no citizen's identity: kept

A reception or petition past its period keeps its content and figures, but its people lose their name (replaced by
ERASED_NAME, so the record stays valid for sync and statistics), ID number, phone and address. A model or dialogue
past a non-zero period is tombstoned. Each erased record is written like any change (new rev, change log, its
audited state), and the run leaves one "purge" audit entry with the counts. Records are never DELETEd.
"""

from __future__ import annotations

import copy
from datetime import date

from app.domain import roles
from app.domain.enums import PETITION_DONE_STATUSES, RECORD_TYPES
from app.domain.records import PERSON_FIELDS
from app.errors import UsageError
from app.services.session import Session
from app.storage import audit, records as store, retention as queries, settings
from app.storage.db import write_transaction

ERASED_NAME = "[Đã xóa]"
ERASED_FIELDS = ("id_number", "id_type", "phone", "address")
DEFAULT_YEARS = {"reception": 5, "petition": 10, "model": 0, "dialogue": 0}
MAX_YEARS = 100


def setting_key(entity: str) -> str:
    return f"retention_{entity}_years"


def valid_years(value: str) -> bool:
    return value.isdigit() and 0 <= int(value) <= MAX_YEARS


def periods(session: Session) -> dict[str, int]:
    """Years kept per record type (0 = for ever)."""
    session.require(roles.READ)
    out = {}
    for entity in RECORD_TYPES:
        raw = settings.get(session.db, setting_key(entity))
        out[entity] = int(raw) if raw is not None and valid_years(raw) else DEFAULT_YEARS[entity]
    return out


def set_periods(session: Session, years: dict[str, int]) -> dict[str, int]:
    """Change some periods (admin; audited as settings)."""
    from app.services.unit_settings import set_setting

    session.require(roles.MANAGE_SETTINGS)
    for entity, n in years.items():
        if entity not in RECORD_TYPES:
            raise UsageError("v.enum", value=entity, allowed=", ".join(RECORD_TYPES))
        if not valid_years(str(n)):
            set_setting(session, setting_key(entity), str(n))  # refuses it with the setting's own message
    current = periods(session)
    for entity, n in years.items():
        if current[entity] != int(n):
            set_setting(session, setting_key(entity), str(int(n)))
    return periods(session)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def has_personal_data(record: dict) -> bool:
    for person in _people(record):
        if (person.get("name") not in (None, "", ERASED_NAME)) or any(person.get(k) for k in ERASED_FIELDS):
            return True
    return False


def _people(record: dict) -> list[dict]:
    out = []
    for fname, is_list in PERSON_FIELDS.get(record.get("type"), ()):
        v = record.get(fname)
        if v:
            out.extend(v if is_list else [v])
    return out


def erased(record: dict) -> dict:
    """A copy of `record` whose people keep only what identifies no one (ward code)."""
    out = copy.deepcopy(record)
    for person in _people(out):
        for k in ERASED_FIELDS:
            person.pop(k, None)
        person["name"] = ERASED_NAME
    return out


def _due(session: Session, today: date) -> tuple[dict[str, list[store.Stored]], int]:
    """This unit's records past their retention period, by type, and how many of other units' (a commune's
    records at the upper level) are past it too. Those are left alone: SYNC.md — only the owning site raises
    `rev`, and a purge travels upward like any change — so each commune erases its own and its next bundle
    carries the erasure here (erasing them here made the commune's next change of such a record a conflict)."""
    db = session.db
    years = periods(session)
    own = session.site_id
    others = 0
    out: dict[str, list[store.Stored]] = {}
    for entity in RECORD_TYPES:
        n = years[entity]
        if n <= 0:
            out[entity] = []
            continue
        before = _years_before(today, n).isoformat()
        ids = queries.candidates(db, entity, before, tuple(sorted(PETITION_DONE_STATUSES)))
        found: list[store.Stored] = []
        for i in range(0, len(ids), 500):
            chunk = store.get_many(db, entity, ids[i:i + 500])
            for rid in ids[i:i + 500]:
                s = chunk.get(rid)
                if s is None or s.deleted:
                    continue
                if entity in PERSON_FIELDS and PERSON_FIELDS[entity] and not has_personal_data(s.record):
                    continue  # already erased by an earlier run
                if s.owner_site and s.owner_site != own:
                    others += 1
                    continue
                found.append(s)
        out[entity] = found
    return out, others


def _item(s: store.Stored) -> dict:
    return {"type": s.entity, "id": s.id, "case_no": s.record.get("case_no"), "date": s.extra.get("record_date"),
            "action": "erase" if PERSON_FIELDS.get(s.entity) else "tombstone"}


def purge(session: Session, *, dry_run: bool = False, limit_list: int = 1000) -> dict:
    """Erase the personal data of every record past its retention period (or, dry run, only list them).

    Returns {"dry_run", "periods", "counts": {type: n}, "total", "records": [{"type", "id", "case_no", "date",
    "action"}] (at most `limit_list`), "left_to_owners": n (other units' records past the period, left for their
    unit to erase)}. Nothing personal goes into the result or the audit entry."""
    session.require(roles.PURGE)
    today = session.clock.today()
    db = session.db
    with write_transaction(db):  # one lock from choosing to writing: no save slips in between
        due, others = _due(session, today)
        counts = {entity: len(items) for entity, items in due.items()}
        listed = [_item(s) for entity in RECORD_TYPES for s in due[entity]][:limit_list]
        total = sum(counts.values())
        if not dry_run and total:
            now = session.clock.utc_stamp()
            user = session.user_name
            writes: list[store.Write] = []
            entries: list[audit.Entry] = []
            for entity in RECORD_TYPES:
                for s in due[entity]:
                    tombstone = not PERSON_FIELDS.get(entity)
                    record = s.record if tombstone else erased(s.record)
                    w = store.Write(entity, record, s.rev + 1, s.owner_site, s.created_at, s.created_by, now, user,
                                    is_new=False, deleted=1 if tombstone else s.deleted,
                                    due_on=s.extra.get("due_on"))
                    writes.append(w)
                    entries.append(audit.Entry("purge.delete" if tombstone else "purge.update", user, entity, s.id,
                                               store.state_hash(record, w.rev, w.deleted, s.owner_site)))
            store.write_many(db, writes)
            entries.append(audit.Entry("purge", user, detail=" ".join(f"{e}={counts[e]}" for e in RECORD_TYPES)))
            audit.append(db, entries, now)
    return {"dry_run": dry_run, "periods": periods(session), "counts": counts, "total": total, "records": listed,
            "left_to_owners": others}
