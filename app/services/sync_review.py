"""The upper level's review of what a bundle import could not settle alone (SYNC.md "Import" 5–6): conflicts, both
versions kept side by side until a person chooses, and records set aside as not valid (quarantine); what the
"Đồng bộ" navigation badge counts; communes silent for too long.

Settling a conflict is audited either way. Taking the version received writes it through the storage write path
bundle import uses (app/storage/records.write_many: row, people, search index, change log), keeping the sender's
rev and owner_site (SYNC.md: only the owning site raises rev), after validating it as an import does.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone

from app.domain import roles
from app.domain.masking import masked_record
from app.domain.records import CITIZEN_FIELDS, EXTENSION_FIELDS, FIELDS_BY_NAME, field_label
from app.domain.validation import validate
from app.errors import DanvanError, NotFound, UsageError
from app.services import consolidation, sync_overview
from app.services.records import due_of, sees_identity
from app.services.session import Session
from app.storage import audit, records as store, settings, sync_log, sync_review as review_store
from app.storage.db import write_transaction

KEEP, INCOMING = "keep", "incoming"
SILENT_DAYS_KEY = "sync_silent_days"
DEFAULT_SILENT_DAYS = 30
_SKIP = ("type", "id")  # the same on both sides by construction


# --- conflicts -----------------------------------------------------------------------------------------------------

def _load(text: str | None) -> dict | None:
    return json.loads(text) if text else None


def record_title(record: dict | None) -> str:
    """A short name for a record in a list: its case number and the start of its main text."""
    if not record:
        return ""
    head = record.get("case_no") or ""
    body = (record.get("name") or record.get("content") or record.get("topics") or "").strip().replace("\n", " ")
    if len(body) > 80:
        body = body[:79] + "…"
    return f"{head} — {body}" if head and body else head or body


def _unit(known: dict, site: str | None) -> dict:
    return consolidation.unit_of(known, site)


def conflicts(session: Session) -> list[dict]:
    """Unresolved conflicts, oldest first: id, entity, record_id, title, reason (same_rev | other_site), unit_code /
    unit_name (the sender of the version received), found_at, local_rev, incoming_rev, differences (how many
    fields differ)."""
    session.require(roles.READ)
    known = consolidation.site_units(session)
    out = []
    for c in _open_conflicts(session):
        local, incoming = _load(c["local_record"]), _load(c["incoming_record"])
        u = _unit(known, c["incoming_owner_site"])
        out.append({"id": c["id"], "entity": c["entity"], "record_id": c["record_id"],
                    "title": record_title(incoming or local), "reason": c["reason"], "found_at": c["found_at"],
                    "bundle_id": c["bundle_id"], "unit_code": u["unit_code"], "unit_name": u["unit_name"],
                    "local_rev": c["local_rev"], "incoming_rev": c["incoming_rev"],
                    "differences": sum(1 for f in _fields(c["entity"], local, incoming, "vi") if f["differs"])})
    return out


def _open_conflicts(session: Session) -> list[dict]:
    return [c for c in sync_log.conflicts(session.db) if not c["resolved_at"]]


def _conflict(session: Session, conflict_id) -> dict:
    try:
        wanted = int(conflict_id)
    except (TypeError, ValueError):
        raise NotFound("sync.review.not_found", id=conflict_id) from None
    found = next((c for c in sync_log.conflicts(session.db) if c["id"] == wanted), None)
    if found is None:
        raise NotFound("sync.review.not_found", id=conflict_id)
    return found


def _flat(record: dict | None) -> dict[str, object]:
    out: dict[str, object] = {}
    for k, v in (record or {}).items():
        if k in _SKIP:
            continue
        if isinstance(v, dict):
            for sk, sv in v.items():
                out[f"{k}.{sk}"] = sv
        elif isinstance(v, list) and v and all(isinstance(i, dict) for i in v):
            for n, item in enumerate(v, 1):
                for sk, sv in item.items():
                    out[f"{k}[{n}].{sk}"] = sv
        else:
            out[k] = v
    return out


_SUB_FIELDS = {c.name: c for c in CITIZEN_FIELDS + EXTENSION_FIELDS}


def _order(entity: str) -> dict[str, int]:
    return {name: i for i, name in enumerate(FIELDS_BY_NAME.get(entity, {}))}


def _label(entity: str, path: str, lang: str) -> str:
    head, _, rest = path.partition(".")
    name, _, idx = head.partition("[")
    text = field_label(entity, f"{name}.{rest}" if rest else name, lang)
    if idx:
        text = text.replace(" — ", f" {idx.rstrip(']')} — ", 1) if " — " in text else f"{text} {idx.rstrip(']')}"
    return text


def _value(entity: str, path: str, v, lang: str) -> str:
    if v is None or v == "" or v == []:
        return ""
    head, _, rest = path.partition(".")
    name = head.split("[")[0]
    f = _SUB_FIELDS.get(rest) if rest else FIELDS_BY_NAME.get(entity, {}).get(name)
    if f is not None and getattr(f, "choices", None) and v in f.choices:
        vi, en = f.choices[v]
        return vi if lang == "vi" else en
    kind = getattr(f, "kind", None)
    if kind in ("date", "datetime") and isinstance(v, str) and len(v) >= 10 and v[4] == "-":
        return f"{v[8:10]}/{v[5:7]}/{v[:4]}" + (f" {v[11:16]}" if kind == "datetime" and len(v) >= 16 else "")
    if isinstance(v, bool):
        return ("Có" if v else "Không") if lang == "vi" else ("Yes" if v else "No")
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _fields(entity: str, local: dict | None, incoming: dict | None, lang: str) -> list[dict]:
    a, b = _flat(local), _flat(incoming)
    order = _order(entity)
    paths = sorted(set(a) | set(b), key=lambda p: (order.get(p.split(".")[0].split("[")[0], 999), p))
    out = []
    for p in paths:
        la, lb = _value(entity, p, a.get(p), lang), _value(entity, p, b.get(p), lang)
        if not la and not lb:
            continue
        out.append({"path": p, "label": _label(entity, p, lang), "local": la, "incoming": lb, "differs": la != lb})
    return out


def conflict_detail(session: Session, conflict_id: int) -> dict:
    """Both versions field by field, as this user may see them: {"conflict": conflicts()-like row + local_unit,
    "fields": [{"path", "label", "local", "incoming", "differs"}]} in the form's field order (empty on both sides
    left out). A denouncer's identity is masked for roles that may not see it."""
    session.require(roles.READ)
    c = _conflict(session, conflict_id)
    local, incoming = _load(c["local_record"]), _load(c["incoming_record"])
    see_ids = session.can(roles.SEE_ID_NUMBERS)
    stored = store.get(session.db, c["entity"], c["record_id"])
    see_conf = sees_identity(session, stored) if stored is not None else session.can(roles.SEE_CONFIDENTIAL)
    if local:
        local = masked_record(local, see_confidential=see_conf, see_id_numbers=see_ids)[0]
    if incoming:
        incoming = masked_record(incoming, see_confidential=see_conf, see_id_numbers=see_ids)[0]
    known = consolidation.site_units(session)
    lu, iu = _unit(known, c["local_owner_site"]), _unit(known, c["incoming_owner_site"])
    row = {"id": c["id"], "entity": c["entity"], "record_id": c["record_id"], "reason": c["reason"],
           "title": record_title(incoming or local), "found_at": c["found_at"], "bundle_id": c["bundle_id"],
           "local_rev": c["local_rev"], "incoming_rev": c["incoming_rev"], "resolved_at": c["resolved_at"],
           "resolved_by": c["resolved_by"], "local_unit": lu, "incoming_unit": iu,
           "unit_code": iu["unit_code"], "unit_name": iu["unit_name"]}
    return {"conflict": row, "fields": _fields(c["entity"], local, incoming, session.lang)}


def resolve(session: Session, conflict_id: int, choice: str) -> dict:
    """Settle one conflict: `keep` the version held here, or take the `incoming` one (written with the sender's rev
    and owner_site). Audited. Refused (nothing changed): a settled conflict, a record changed since the conflict
    was found (a newer bundle), a received version that is not valid. {"id", "choice", "record_id"}."""
    session.require(roles.IMPORT)
    if choice not in (KEEP, INCOMING):
        raise UsageError("sync.review.bad_choice", choice=choice)
    db = session.db
    now = session.clock.utc_stamp()
    with write_transaction(db):
        c = _conflict(session, conflict_id)
        if c["resolved_at"]:
            raise DanvanError("sync.review.already_resolved", id=c["id"], user=c["resolved_by"] or "",
                              at=c["resolved_at"])
        entity, rid = c["entity"], c["record_id"]
        entries = []
        if choice == INCOMING:
            old = store.get(db, entity, rid)
            if old is not None and (old.rev, old.owner_site) != (c["local_rev"], c["local_owner_site"]):
                raise DanvanError("sync.review.outdated", id=c["id"])
            incoming = _load(c["incoming_record"])
            if incoming is None:  # kept sealed and this account cannot open it
                raise DanvanError("sync.review.incoming_invalid", id=c["id"], detail="—")
            result = validate(incoming, session.clock.today())
            if not result.ok:
                raise DanvanError("sync.review.incoming_invalid", id=c["id"], detail="; ".join(
                    f"{i.field}: {i.message(session.lang)}" for i in result.errors)[:300])
            rec = result.record
            if rec.get("case_no") and store.case_no_taken(db, rec["case_no"], except_id=rid):
                raise DanvanError("sync.review.incoming_invalid", id=c["id"], detail=rec["case_no"])
            w = store.Write(entity, rec, c["incoming_rev"], c["incoming_owner_site"],
                            old.created_at if old else c["found_at"], old.created_by if old else None,
                            c["found_at"], session.user_name, is_new=old is None, deleted=0)
            w.due_on = due_of(session, entity, rec, w.owner_site)
            store.write_many(db, [w])
            entries.append(audit.Entry("sync.conflict.take_incoming", session.user_name, entity, rid,
                                       store.state_hash(rec, w.rev, w.deleted, w.owner_site),
                                       f"conflict {c['id']} bundle {c['bundle_id']}"))
        else:
            entries.append(audit.Entry("sync.conflict.keep_local", session.user_name,
                                       detail=f"conflict {c['id']} {entity} {rid} bundle {c['bundle_id']}"))
        review_store.mark_resolved(db, c["id"], now, session.user_name)
        audit.append(db, entries, now)
    return {"id": c["id"], "choice": choice, "record_id": rid}


# --- quarantine ----------------------------------------------------------------------------------------------------

def reason_text(code: str | None, lang: str = "vi") -> str:
    """A quarantine reason code (as stored, and as listed in a receipt) in words an officer can act on."""
    from app.i18n import tr

    code = code or ""
    if code.startswith("invalid:"):
        return tr("sync.quarantine.invalid", lang, detail=code[len("invalid:"):].strip())
    key = f"sync.quarantine.{code}"
    text = tr(key, lang)
    return code if text == key else text


def quarantined(session: Session) -> list[dict]:
    """Records set aside at import, newest first: id, bundle_id, unit_code / unit_name, entity, record_id, title,
    reason (a code: malformed, not_owner, invalid: …, duplicate_in_bundle, id_conflict, case_no_taken,
    reference_missing), at, settled (a valid copy of the same record arrived later)."""
    session.require(roles.READ)
    known = consolidation.site_units(session)
    out = []
    settled = review_store.settled_quarantine_ids(session.db)
    for q in reversed(sync_log.quarantined(session.db)):
        try:
            raw = json.loads(q["record"]) if q["record"] else None
        except ValueError:
            raw = None
        rec = raw.get("record") if isinstance(raw, dict) and isinstance(raw.get("record"), dict) else raw
        u = _unit(known, q["sender_site"])
        out.append({"id": q["id"], "bundle_id": q["bundle_id"], "unit_code": u["unit_code"],
                    "unit_name": u["unit_name"], "entity": q["entity"], "record_id": q["record_id"],
                    "title": record_title(rec if isinstance(rec, dict) else None), "reason": q["reason"],
                    "at": q["at"], "settled": q["id"] in settled})
    return out


# --- what needs a person -------------------------------------------------------------------------------------------

def silent_days(session: Session) -> int:
    """After how many days without a bundle a commune is marked (setting sync_silent_days, default 30)."""
    v = settings.get(session.db, SILENT_DAYS_KEY)
    return int(v) if v and str(v).isdigit() and int(v) > 0 else DEFAULT_SILENT_DAYS


def _days_since(stamp: str | None, now: datetime) -> int | None:
    if not stamp:
        return None
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return (now - when).days


def communes(session: Session, now: datetime | None = None) -> list[dict]:
    """sync_overview.communes() with "silent" (True when no bundle came for more than silent_days — counted from
    the registration when none ever came), "silent_for" (days) and "silent_limit"."""
    limit = silent_days(session)
    now = now or _now(session)
    out = []
    for c in sync_overview.communes(session):
        days = _days_since(c.get("last_bundle_at") or c.get("registered_at"), now)
        out.append({**c, "silent": days is not None and days > limit, "silent_for": days, "silent_limit": limit})
    return out


def _now(session: Session) -> datetime:
    stamp = session.clock.utc_stamp()
    when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


ATTENTION_CAP = 1000  # the commune's mark counts unsent records up to here ("1.000+")


def attention(session: Session, now: datetime | None = None) -> dict:
    """What the navigation badge of "Đồng bộ" counts. Commune: {"level", "unsent": records not yet sent (at most
    ATTENTION_CAP), "count": unsent, "more": the cap was reached}. Upper level: {"level", "conflicts", "quarantined", "silent": communes, "count": conflicts +
    quarantined}."""
    session.require(roles.READ)
    lvl = sync_overview.level(session)
    if lvl != "upper":
        n = sync_overview.unsent_capped(session, ATTENTION_CAP)
        return {"level": lvl, "unsent": n, "count": n, "more": n >= ATTENTION_CAP}
    counts = review_store.open_counts(session.db)
    silent = sum(1 for c in communes(session, now) if c["silent"])
    return {"level": lvl, **counts, "silent": silent, "count": counts["conflicts"] + counts["quarantined"]}
