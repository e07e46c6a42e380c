"""Saving records: validation, references, permissions, case numbers, deadlines, audit — all or nothing.

One pipeline serves a single form save in the GUI and a 200,000-record import: `apply_records`.
"""

from __future__ import annotations

import contextlib
import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone


from app.domain import roles
from app.domain.ids import new_id
from app.domain.enums import RECORD_TYPES
from app.domain.masking import MASK, masked_record
from app.domain.records import PERSON_FIELDS, SPECS, is_confidential, record_date
from app.domain.text import local_dmy_hm
from app.domain.validation import Issue, validate
from app.errors import DanvanError, NotFound, RecordChanged, ValidationFailed
from app.i18n import tr
from app.services.session import Session
from app.storage import audit, records as store
from app.storage.db import write_transaction

CASE_NUMBERED = ("reception", "petition")
WRITE_CHUNK = 5000
BULK_THRESHOLD = 5000  # from this many writes, change_log is written in bulk (see bulk_change_logging)


@dataclass
class Incoming:
    """One record read from a file or a form, with where it came from (for error messages)."""

    line: int
    raw: dict
    issues: list[Issue] = field(default_factory=list)  # problems found while reading (e.g. legacy encoding)
    sheet: str | None = None  # the worksheet, in a workbook of several
    columns: dict[str, str] | None = None  # a sheet's: {field: Excel column letter} ("citizen.id_number": "C")
    unit_code: str | None = None  # the unit an upper level's table export names for the row (app.io.tabular)
    unit_name: str | None = None
    unit_unknown: bool = False  # a line of a file holding several units' records that does not say whose it is


@dataclass
class ApplyResult:
    imported: dict[str, int] = field(default_factory=lambda: {t: 0 for t in RECORD_TYPES})
    updated: dict[str, int] = field(default_factory=lambda: {t: 0 for t in RECORD_TYPES})
    unchanged: dict[str, int] = field(default_factory=lambda: {t: 0 for t in RECORD_TYPES})
    warnings: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # the id of each incoming record, in order (when ok)

    def as_json(self) -> dict:
        return {"imported": self.imported, "updated": self.updated, "unchanged": self.unchanged,
                "warnings": self.warnings, "errors": self.errors}


def error_order(e: dict) -> tuple:
    return (e.get("sheet") or "", e["line"])


def _issue_dict(where: "Incoming | int", issue: Issue, lang: str) -> dict:
    if isinstance(where, Incoming):
        out = _issue_dict(where.line, issue, lang)
        if where.sheet:
            out["sheet"] = where.sheet
        if where.columns and issue.field in where.columns:
            out["column"] = where.columns[issue.field]
        return out
    line = where
    return {"line": line, "field": issue.field, "message": issue.message(lang)}


def _is_masked(value) -> bool:
    return isinstance(value, str) and (value == MASK or "•" in value)


def _strip_masked_people(raw):
    """Take out people written as "[Bảo mật]" (or with a masked ID number) by a redacted export.

    Returns the record without them and the names of the fields to keep from the stored record."""
    if not isinstance(raw, dict):
        return raw, []
    rtype = raw.get("type")
    fields = PERSON_FIELDS.get(rtype, ()) if isinstance(rtype, str) else ()
    kept = []
    for fname, _is_list in fields:
        v = raw.get(fname)
        if not v:
            continue
        for p in (v if isinstance(v, list) else (v,)):
            if isinstance(p, dict) and any(_is_masked(x) for x in p.values()):
                kept.append(fname)
                break
    if not kept:
        return raw, []
    return {k: v for k, v in raw.items() if k not in kept}, kept


def check_one(raw, today: date, now: datetime | None = None):
    """Validate one incoming record; people written as "[Bảo mật]" are taken out to be restored later."""
    raw, kept = _strip_masked_people(raw)
    r = validate(raw, today, now)
    if kept:
        # The people taken out come back from the stored record; "required" errors about them are moot.
        related = set(kept) | ({"citizen"} if "representatives" in kept else set())
        r.issues = [i for i in r.issues if i.field.split("[")[0].split(".")[0] not in related]
    return r, kept


def _check_all(items: list[Incoming], today: date, now: datetime, cancel, progress) -> list:
    """Validate every incoming record, in order. (Splitting this across two processes was measured: pickling
    the records there and back cost more than the second core saved.)"""
    out = []
    for n, item in enumerate(items):
        if n % 1000 == 0:
            if cancel is not None and cancel.is_set():
                from app.errors import Cancelled

                raise Cancelled()
            if progress and n % 5000 == 0:
                progress(n, len(items))
        out.append(check_one(item.raw, today, now))
    return out


def petition_due(session: Session, record: dict, owner_site: str | None = None) -> str | None:
    from app.domain.deadlines import current_due

    due, _overdue = current_due(record, session.calendar(), session.rules(), session.clock.today(),
                                session.petition_notice_from(owner_site))
    return due.isoformat() if due else None


def reception_due(session: Session, record: dict, owner_site: str | None = None) -> str | None:
    """The stored due date of a reception's reply to the citizen: None once met or when none is owed (counted
    from the day `owner_site` — this unit when None — began tracking replies)."""
    from app.domain.deadlines import reception_deadline

    d = reception_deadline(record, session.calendar(), session.rules(), session.reply_tracked_from(owner_site))
    return d.due_on.isoformat() if d is not None and d.met_on is None else None


def due_of(session: Session, entity: str, record: dict, owner_site: str | None) -> str | None:
    """The due date stored with a record of a type that has one (store.DUE_TABLES), else None. `owner_site`: the
    unit that owns the record (None: this one) — a reception's reply is tracked from its owner's day."""
    if entity == "petition":
        return petition_due(session, record, owner_site)
    if entity == "reception":
        return reception_due(session, record, owner_site)
    return None


def _owner_site(session: Session, entity: str, record_id: str | None) -> str | None:
    """The unit owning a stored record; None (this unit) for a new one."""
    session.require(roles.READ)
    s = store.get(session.db, entity, record_id) if record_id else None
    return s.owner_site if s is not None else None


def reply_tracked_from(session: Session, record_id: str | None = None) -> date:
    """The day from which a reception (this unit's new one when `record_id` is None) owes a tracked reply."""
    return session.reply_tracked_from(_owner_site(session, "reception", record_id))


def petition_notice_from(session: Session, record_id: str | None = None) -> date | None:
    """The day from which a petition (this unit's new one when `record_id` is None) owes a followed notice."""
    return session.petition_notice_from(_owner_site(session, "petition", record_id))


def _same(stored: dict, incoming: dict) -> bool:
    a = {k: v for k, v in stored.items() if k != "case_no"}
    b = {k: v for k, v in incoming.items() if k != "case_no"}
    return a == b


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector: with hundreds of thousands of live dicts (an import) it rescans
    them again and again for cycles that this code never makes. Nesting is fine."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def apply_records(session: Session, items: list[Incoming], *, dry_run: bool = False, action: str = "import",
                  detail: str | None = None, progress=None, cancel=None,
                  expected_revs: dict[str, int] | None = None) -> ApplyResult:
    """Validate everything first; write nothing unless every record is good; then write in one transaction.
    `expected_revs` ({id: rev}): the revisions a form loaded — RecordChanged when one is no longer so."""
    with gc_paused():
        return _apply_records(session, items, dry_run=dry_run, action=action, detail=detail, progress=progress,
                              cancel=cancel, expected_revs=expected_revs)


def _id_from_content(site_id: str, rec: dict, occurrences: dict[str, int]) -> str:
    from app.domain.ids import derived_id
    from app.domain.records import natural_key, record_date

    key = natural_key(rec)
    n = occurrences[key] = occurrences.get(key, 0) + 1
    try:
        when = datetime.fromisoformat(record_date(rec)).replace(tzinfo=timezone.utc)
        ms = int(when.timestamp() * 1000)
    except (TypeError, ValueError):
        ms = 0
    return derived_id(f"{site_id}\x1f{key}\x1f{n}", ms)


def _apply_records(session: Session, items: list[Incoming], *, dry_run: bool, action: str, detail: str | None,
                   progress, cancel, expected_revs: dict[str, int] | None = None) -> ApplyResult:
    session.refresh_account()
    session.require(roles.IMPORT if action == "import" else roles.WRITE)
    lang = session.lang
    today = session.clock.today()
    res = ApplyResult()
    cleaned: list[tuple[Incoming, dict]] = []
    seen: dict[str, int] = {}
    occurrences: dict[str, int] = {}  # natural key -> rows of this file with it so far
    masked_fields: dict[int, list[str]] = {}
    checked = _check_all(items, today, session.clock.now(), cancel, progress)
    for item, (r, kept) in zip(items, checked):
        if kept:
            masked_fields[id(r.record)] = kept
        for i in item.issues + r.issues:
            (res.errors if i.severity == "error" else res.warnings).append(_issue_dict(item, i, lang))
        if not r.ok:
            continue
        rec = r.record
        if "id" not in rec:
            # A row of a file without ids (an Excel book) gets the id its content gives: imported again, it is
            # the same record, not a copy. Two alike rows of one file are the first and the second of them.
            rec["id"] = _id_from_content(session.site_id, rec, occurrences) if action == "import" else new_id()
        first = seen.get(rec["id"])
        if first is not None:
            res.errors.append(_issue_dict(item, Issue("id", "v.duplicate_in_file", {"id": rec["id"], "first": first}), lang))
            continue
        seen[rec["id"]] = item.line
        cleaned.append((item, rec))

    db = session.db
    # Everything from here reads and writes under one write lock, so no other process (the GUI, another
    # command) can change a record between the comparison with the stored copy and the write.
    with write_transaction(db):
        existing = store.existing_ids(db, seen) if seen else {}
        in_file = {rec["id"]: rec["type"] for _, rec in cleaned}
        for item, rec in cleaned:
            have = existing.get(rec["id"])
            if have and have != rec["type"]:
                res.errors.append(_issue_dict(item, Issue("id", "v.id_conflict", {"id": rec["id"]}), lang))
            for fname in masked_fields.get(id(rec), ()):
                if have != rec["type"]:
                    res.errors.append(_issue_dict(item, Issue(fname, "v.masked_identity"), lang))
            if rec["type"] == "petition":
                for k, want in (("duplicate_of", "petition"), ("reception_id", "reception")):
                    v = rec.get(k)
                    if not v or in_file.get(v) == want or existing.get(v) == want:
                        continue
                    if v not in in_file and v not in existing and store.existing_ids(db, [v]).get(v) == want:
                        continue
                    key = "v.duplicate_missing" if k == "duplicate_of" else "v.reception_missing"
                    res.errors.append(_issue_dict(item, Issue(k, key, {"id": v}), lang))
        res.errors.sort(key=error_order)
        if res.errors:
            return res

        # Compare with what is stored: identical records change nothing.
        stored_by_entity: dict[str, dict[str, store.Stored]] = {}
        for entity in RECORD_TYPES:
            ids = [rec["id"] for _, rec in cleaned if rec["type"] == entity and rec["id"] in existing]
            stored_by_entity[entity] = store.get_many(db, entity, ids) if ids else {}
        for _line, rec in cleaned:
            for fname in masked_fields.get(id(rec), ()):
                old = stored_by_entity[rec["type"]].get(rec["id"])
                if old is not None and fname in old.record:
                    rec[fname] = old.record[fname]  # a redacted export keeps the stored identity
            if masked_fields.get(id(rec)):
                order = [f.name for f in SPECS[rec["type"]]]
                rec_sorted = {k: rec[k] for k in order if k in rec}
                rec.clear()
                rec.update(rec_sorted)
        # after the identities are put back: a redacted export of a commune's record, imported again, is unchanged
        _refuse_other_units_records(session, cleaned, stored_by_entity, res)
        if res.errors:
            return res

        now = session.clock.utc_stamp()
        user = session.user_name
        site = session.site_id
        unit = session.unit_code
        writes: list[store.Write] = []
        needs_close = False
        status_notes: dict[str, str] = {}  # petition id -> "status=old>new" for the audit entry (status history)
        for _line, rec in cleaned:
            entity = rec["type"]
            old = stored_by_entity[entity].get(rec["id"])
            res.ids.append(rec["id"])
            if old is not None:
                if _same(old.record, rec) and not old.deleted:
                    res.unchanged[entity] += 1
                    continue
                if is_confidential(old.record) and not is_confidential(rec) and not sees_identity(session, old):
                    # Reclassifying would unmask the denouncer for everyone: only someone who may see them decides.
                    session.require(roles.SEE_CONFIDENTIAL)
                if "case_no" in old.record:
                    rec["case_no"] = old.record["case_no"]  # stable forever
                else:
                    rec.pop("case_no", None)
                if entity == "petition" and rec.get("status") != old.record.get("status"):
                    status_notes[rec["id"]] = f"status={old.record.get('status') or ''}>{rec.get('status') or ''}"
                    if rec.get("status") in roles.CLOSING_STATUSES:
                        needs_close = True
                writes.append(store.Write(entity, rec, old.rev + 1, old.owner_site, old.created_at, old.created_by,
                                          now, user, is_new=False))
                res.updated[entity] += 1
            else:
                if entity == "petition":
                    status_notes[rec["id"]] = f"status={rec.get('status') or ''}"
                    if rec.get("status") in roles.CLOSING_STATUSES:
                        needs_close = True
                writes.append(store.Write(entity, rec, 1, site, now, user, now, user, is_new=True))
                res.imported[entity] += 1
        if needs_close and not session.can(roles.CLOSE):
            session.require(roles.CLOSE)
        if not writes:
            return res

        for w in writes:
            w.due_on = due_of(session, w.entity, w.record, w.owner_site)

        try:
            with write_transaction(db):
                if expected_revs:  # inside the transaction: nobody can change them between this look and the write
                    _refuse_changed_elsewhere(session, writes, expected_revs)
                _assign_case_numbers(session, [w for w in writes if w.is_new and w.entity in CASE_NUMBERED], unit)
                plan = store.WritePlan(db, writes)
                chain = audit.Chain(db)
                # In chunks, so the rows of a 200,000-record import are never all in memory as tuples at once.
                # (A writer thread overlapping this was tried: the GIL hand-off per row made it no faster.)
                bulk = len(writes) >= BULK_THRESHOLD
                with store.bulk_change_logging(db) if bulk else contextlib.nullcontext():
                    for i in range(0, len(writes), WRITE_CHUNK):
                        chunk = writes[i:i + WRITE_CHUNK]
                        statements = plan.statements(chunk)
                        if bulk:
                            statements.append((store.CHANGE_LOG_SQL, store.change_log_rows(chunk, now)))
                        statements.append(chain.statement(
                            [audit.Entry(f"{action}.{'create' if w.is_new else 'update'}", user, w.entity,
                                         w.record["id"], store.state_hash(w.record, w.rev, w.deleted, w.owner_site),
                                         status_notes.get(w.record["id"]))
                             for w in chunk], now))
                        store.execute_statements(db, statements)
                if action == "import":
                    store.execute_statements(db, [chain.statement([audit.Entry("import", user, detail=(
                        f"{detail or ''} +{sum(res.imported.values())} ~{sum(res.updated.values())}").strip())],
                        now)])
                if dry_run:
                    # Every check, database constraints included, has passed; undo it all.
                    raise _DryRun()
        except _DryRun:
            pass
        return res


def _refuse_changed_elsewhere(session: Session, writes: list[store.Write], expected: dict[str, int]) -> None:
    """A form's record changed, deleted or put back by a restore since the form loaded it (another window, a
    `danvan import`, a purge): saving the form would silently write its older content over that."""
    for w in writes:
        want = expected.get(w.record["id"])
        if want is None:
            continue
        now = store.get(session.db, w.entity, w.record["id"])
        if now is None or now.deleted:
            raise RecordChanged("record.deleted_elsewhere")
        if now.rev != want:
            raise RecordChanged("record.changed_elsewhere", by=session.person_name(now.updated_by),
                                at=local_dmy_hm(now.updated_at))


def revision(session: Session, entity: str, record_id: str) -> int | None:
    """The stored revision of a record (None when it is not there or deleted): what a form remembers on loading
    it, so that saving can tell whether someone else changed it meanwhile."""
    s = store.get(session.db, entity, record_id)
    return None if s is None or s.deleted else s.rev


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def case_no_unit(case_no: str | None) -> str:
    """The unit code a case number begins with (`{unit_code}-{year}-{n}`), "" without one."""
    return (case_no or "").split("-")[0]


def _assign_case_numbers(session: Session, writes: list[store.Write], unit: str) -> None:
    """`{unit_code}-{year}-{n}`: keep a number from this unit that is still free, give the others a new one."""
    prefix = f"{unit}-"
    kept: set[str] = set()
    wanted: dict[int, list[store.Write]] = {}
    for w in writes:
        cn = w.record.get("case_no")
        if cn and cn.startswith(prefix) and cn not in kept and not store.case_no_taken(session.db, cn):
            kept.add(cn)
            continue
        w.record.pop("case_no", None)
        year = int((record_date(w.record) or session.clock.today().isoformat())[:4])
        wanted.setdefault(year, []).append(w)
    for year, ws in wanted.items():
        # a number this import keeps for another record is not free (two receptions of one file: the second
        # kept "-2" while the first, renumbered, was given "-2" again)
        same_year = f"{prefix}{year}-"
        kept_here = frozenset(int(cn[len(same_year):]) for cn in kept
                              if cn.startswith(same_year) and cn[len(same_year):].isdigit())
        numbers = store.next_case_numbers(session.db, unit, year, len(ws), kept_here)
        for w, n in zip(ws, numbers):
            w.record["case_no"] = f"{unit}-{year}-{n}"


def sees_identity(session: Session, stored: store.Stored) -> bool:
    """Leaders, and the officer who received the case, see a denouncer's identity (INTERFACES.md)."""
    if session.can(roles.SEE_CONFIDENTIAL):
        return True
    return session.role == "officer" and stored.created_by is not None and stored.created_by == session.user_name


def petition_from_reception(session: Session, reception_id: str) -> dict:
    """"Tạo đơn từ lượt tiếp này": a new petition prefilled from a reception (not saved — the form shows it)."""
    session.require(roles.WRITE)
    r = get(session, "reception", reception_id)
    people = [r["citizen"]] if r.get("citizen") else list(r.get("representatives") or ())
    draft = {
        "type": "petition",
        "received_on": r["received_at"][:10],
        "source": "in_person",
        "category": r.get("category") or "petition",
        "petitioners": [p for p in people if MASK not in p.values()],
        "content": r.get("content"),
        "reception_id": r["id"],
        "status": "received",
    }
    if r.get("direction") in ("accept", "guide", "forward"):
        draft["direction"] = r["direction"]
    if r.get("forwarded_to"):
        draft["forwarded_to"] = r["forwarded_to"]
    # A masked denouncer (a role that may not see them) is left out: someone who may completes the form.
    return {k: v for k, v in draft.items() if v not in (None, "")}


def petitions_made_from(session: Session, reception_id: str) -> list[str]:
    """The case numbers of the live petitions made from a reception: such a petition carries the notice to the
    citizen, so the reception's own reply deadline no longer counts (app.storage.listing.NO_LINKED_PETITION)."""
    session.require(roles.READ)
    return store.petitions_made_from(session.db, reception_id)


def petition_by_case_no(session: Session, case_no: str) -> dict | None:
    """{"id", "case_no", "date"} of the petition with this case number (as typed: spaces and case ignored), or
    None — to name the earlier petition a duplicate belongs to."""
    session.require(roles.READ)
    typed = "".join(str(case_no or "").split()).upper()
    found = store.petition_with_case_no(session.db, typed) if typed else None
    return {"id": found[0], "case_no": typed, "date": found[1]} if found else None


def other_owner(session: Session, stored: store.Stored) -> str | None:
    """The unit a stored record belongs to when it is not this unit's own (a commune's record received at the
    upper level), else None. Only the owning site changes a record (SYNC.md: it alone raises `rev`): a change made
    here would never reach the commune, and the commune's next change of it would come in as a conflict."""
    if not stored.owner_site or stored.owner_site == session.site_id:
        return None
    from app.storage.consolidation import site_units

    unit = site_units(session.db).get(stored.owner_site) or {}
    if unit.get("unit_name") or unit.get("unit_code"):
        return unit.get("unit_name") or unit["unit_code"]
    code = case_no_unit(stored.record.get("case_no"))  # a sender no longer registered: its case number
    return tr("unit.by_code", session.lang, code=code) if code else tr("unit.other", session.lang)


def owner_elsewhere(session: Session, entity: str, record_id: str) -> str | None:
    """The unit whose record this is when it is not this unit's (the GUI shows such a record read-only)."""
    s = store.get(session.db, entity, record_id)
    return other_owner(session, s) if s is not None else None


def _refuse_other_units_records(session: Session, cleaned, stored_by_entity, res: ApplyResult) -> None:
    """A line that would change another unit's record is refused (the same record unchanged passes), and so is a
    row an upper level's export names as another unit's that is not here as that unit's record (a commune taking
    the province's export of every commune took the others' records as its own)."""
    own = (session.unit_code or "").lstrip("0")
    for item, rec in cleaned:
        old = stored_by_entity[rec["type"]].get(rec["id"])
        named = (getattr(item, "unit_code", None) or "").strip()
        if named and named.lstrip("0") != own and (old is None or old.owner_site == session.site_id):
            res.errors.append(_issue_dict(item, Issue("unit_code", "v.row_of_other_unit",
                                                      {"unit": item.unit_name or named, "code": named}),
                                          session.lang))
            continue
        if item.unit_unknown and old is None:
            res.errors.append(_issue_dict(item, Issue("unit_code", "v.row_unit_unknown", {}), session.lang))
            continue
        if old is None or (_same(old.record, rec) and not old.deleted):
            continue
        owner = other_owner(session, old)
        if owner:
            res.errors.append(_issue_dict(item, Issue("id", "v.other_owner", {"unit": owner}), session.lang))
    res.errors.sort(key=error_order)


def save(session: Session, raw: dict, *, expected_rev: int | None = None) -> str:
    """Save one record from a form; raise ValidationFailed with {field: message} when it is not valid, and
    RecordChanged when `expected_rev` (the revision the form loaded) is no longer the stored one."""
    expected = {raw["id"]: expected_rev} if expected_rev is not None and isinstance(raw, dict) and raw.get("id") \
        else None
    result = apply_records(session, [Incoming(1, raw)], action="save", expected_revs=expected)
    if result.errors:
        raise ValidationFailed(errors=result.errors)
    return result.ids[0]


def problems(session: Session, raw: dict) -> list[dict]:
    """What saving `raw` would refuse, without saving it: the errors `save` would raise ValidationFailed with
    (every check of a save, the database's included, in a transaction that is rolled back)."""
    return apply_records(session, [Incoming(1, raw)], dry_run=True, action="save").errors


def warnings(session: Session, raw: dict) -> list[dict]:
    """What a form should point out before saving `raw` — [{"field", "message"}] in the session's language; empty
    when there is none, or when `raw` has errors (saving reports those)."""
    r, _kept = check_one(raw, session.clock.today(), session.clock.now())
    if not r.ok:
        return []
    from app.domain.records import field_label

    rtype = raw.get("type") if isinstance(raw, dict) else None
    return [{"field": i.field, "label": field_label(rtype, i.field, session.lang) if rtype else i.field,
             "message": i.message(session.lang)} for i in r.warnings]


def get(session: Session, entity: str, record_id: str, *, reveal: bool = False) -> dict:
    """A record as this user may see it (masked where the role may not see identity)."""
    session.require(roles.READ)
    s = store.get(session.db, entity, record_id)
    if s is None or s.deleted:
        raise NotFound("record.not_found", id=record_id)
    see_conf = sees_identity(session, s)
    rec, _masked = masked_record(s.record, see_confidential=see_conf, see_id_numbers=session.can(roles.SEE_ID_NUMBERS))
    shown = see_conf and is_confidential(s.record) and any(p.get("name") for _, _, p in store.persons_of(entity, s.record))
    if shown:  # Decision 774: every read of a denouncer's identity leaves a trace (issue 7)
        session.audit("read.confidential", entity=entity, record_id=record_id)
    return rec


def delete(session: Session, entity: str, record_id: str) -> None:
    """Tombstone a record (deleted = 1); it is never removed, so the deletion travels upward too."""
    session.refresh_account()
    session.require(roles.WRITE)
    s = store.get(session.db, entity, record_id)
    if s is None or s.deleted:
        raise NotFound("record.not_found", id=record_id)
    owner = other_owner(session, s)
    if owner:
        raise DanvanError("record.other_owner", unit=owner)
    now = session.clock.utc_stamp()
    w = store.Write(entity, s.record, s.rev + 1, s.owner_site, s.created_at, s.created_by, now,
                    session.user_name, is_new=False, deleted=1, due_on=s.extra.get("due_on"))
    with write_transaction(session.db):
        store.write_many(session.db, [w])
        audit.append(session.db, [audit.Entry("delete", session.user_name, entity, record_id,
                                              store.state_hash(s.record, w.rev, 1, s.owner_site))], now)
