"""Everything held about one citizen, on their request (Personal Data Protection Law): `danvan person export`.

The records are found by the citizen's ID number through app.services.search (exact match, as every search of an
ID number); with a name, records where a person of exactly that name appears without any ID number are added as
"possible matches" for the officer to check with the citizen. Each record is given as this user may see it (a
denouncer's identity stays masked for roles that may not see it), with the audit entries about it. The export is
written atomically and audited ("person.export", the counts only — never the number or the name).
"""

from __future__ import annotations

import json
from pathlib import Path

from app.domain import roles
from app.domain.identity import clean_id_number, looks_like_id_number
from app.domain.records import PERSON_FIELDS
from app.domain.text import fold
from app.errors import DanvanError, UsageError, os_error_text, require_extension
from app.io.writers import atomic_path
from app.services import audit_log, records as record_service, search as search_service
from app.services.session import Session
from app.storage import audit, settings

MAX_RECORDS = 1000  # search's own ceiling; a single citizen with more than this would be extraordinary
FORMATS = (".json", ".pdf")


def _people(record: dict) -> list[dict]:
    out = []
    for fname, is_list in PERSON_FIELDS.get(record.get("type"), ()):
        v = record.get(fname)
        if v:
            out.extend(v if is_list else [v])
    return out


def _has_number(record: dict, number: str) -> bool:
    return any(clean_id_number(str(p.get("id_number") or "")) == number for p in _people(record))


def _has_name_only(record: dict, folded: str) -> bool:
    return any(fold(p.get("name") or "") == folded and not p.get("id_number") for p in _people(record))


def collect(session: Session, id_number: str, name: str | None = None) -> dict:
    """{"subject", "records", "name_matches", "audit"} — nothing written, nothing audited."""
    session.require(roles.PERSON_EXPORT)
    session.require(roles.SEE_ID_NUMBERS)
    raw = (id_number or "").strip()
    if not looks_like_id_number(raw):
        raise UsageError("person.bad_id_number", value=raw)
    number = clean_id_number(raw)
    records, seen = [], set()
    for hit in search_service.search(session, number, limit=MAX_RECORDS):
        rec = record_service.get(session, hit["type"], hit["id"])
        if rec["id"] not in seen and _has_number(rec, number):
            seen.add(rec["id"])
            records.append(rec)
    name_matches = []
    name = (name or "").strip() or None
    if name:
        folded = fold(name)
        for hit in search_service.search(session, name, limit=MAX_RECORDS):
            if hit["id"] in seen or hit["type"] not in ("reception", "petition"):
                continue
            rec = record_service.get(session, hit["type"], hit["id"])
            if _has_name_only(rec, folded):
                seen.add(rec["id"])
                name_matches.append(rec)
    ids = [r["id"] for r in records + name_matches]
    entries = [audit_log.describe(e, session.lang) for e in audit.for_records(session.db, ids)]
    return {"subject": {"id_number": number, "name": name}, "records": records, "name_matches": name_matches,
            "audit": entries}


def export_person(session: Session, id_number: str, out: str | Path, *, name: str | None = None,
                  progress=None, cancel=None) -> dict:
    """Write what `collect` finds to `out` (.json or .pdf). Returns {"file", "records", "name_matches",
    "audit_entries"}."""
    session.require(roles.PERSON_EXPORT)
    out = Path(out)
    session.refuse_as_output(out)
    suffix = out.suffix.lower()
    require_extension(out, ".json, .pdf")
    if suffix not in FORMATS:
        raise UsageError("person.bad_format", ext=out.suffix or out.name)
    data = collect(session, id_number, name)
    if progress is not None:
        progress(1, 2)
    meta = {"kind": "person_export", "format": 1, "unit_code": session.unit_code,
            "unit_name": settings.get(session.db, "unit_name"), "exported_at": session.clock.utc_stamp(),
            "exported_by": session.user_name}
    counts = {"records": len(data["records"]), "name_matches": len(data["name_matches"]),
              "audit_entries": len(data["audit"])}
    try:
        with atomic_path(out) as tmp:
            if suffix == ".json":
                doc = {"meta": meta, **data}
                tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
            else:
                from app.reports.person_data import build

                build(session, tmp, meta, data)
            session.audit("person.export", detail=f"{suffix[1:]} records={counts['records']} "
                                                  f"name_matches={counts['name_matches']}")
    except OSError as exc:
        raise DanvanError("export.write_failed", path=str(out), detail=os_error_text(exc, session.lang)) from exc
    if progress is not None:
        progress(2, 2)
    return {"file": str(out), **counts}
