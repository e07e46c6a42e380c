"""`danvan export`: records in the exchange format, with protected identity left out unless explicitly asked.

Left-out people are written as the "[Bảo mật]" marker (not dropped), so a redacted file re-imported here keeps
the stored identity instead of erasing it, and an import elsewhere is refused rather than losing it silently.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from app import __version__
from app.domain import enums, roles
from app.domain.enums import RECORD_TYPES
from app.domain.masking import masked_record
from app.errors import DanvanError, UsageError, os_error_text, require_extension
from app.io import writers
from app.services.listing import resolve
from app.services.session import Session
from app.storage import records as store
from app.storage.listing import FILTERS_OF, Filters, where_clause

FORMATS = (".ndjson", ".jsonl", ".json", ".csv", ".xlsx")


# `danvan export`'s filter options → the Filters attribute each sets
_OPTIONS = {"category": "category", "direction": "direction", "status": "status", "field": "field",
            "overdue": "overdue_on"}


def _values_for(entity: str, name: str) -> dict | None:
    """The values a filter takes for a record type (None: any), e.g. a model's statuses are not a petition's."""
    return {"category": enums.CATEGORY, "field": enums.MODEL_FIELD,
            "direction": enums.PETITION_DIRECTION if entity == "petition" else enums.RECEPTION_DIRECTION,
            "status": enums.PETITION_STATUS if entity == "petition" else enums.MODEL_STATUS}.get(name)


def _filters_not_for(entity: str, f: Filters) -> list[str]:
    """The filter options set in `f` that this record type does not have, or with a value it never takes."""
    out = []
    for name, attr in _OPTIONS.items():
        value = getattr(f, attr)
        if value is None:
            continue
        values = _values_for(entity, name)
        if attr not in FILTERS_OF[entity] or (values is not None and value not in values):
            out.append(name)
    return out


def export(session: Session, out: str | Path, *, types: list[str] | None = None, date_from: str | None = None,
           date_to: str | None = None, include_confidential: bool = False, unit_code: str | None = None,
           filters: Filters | None = None, text: str | None = None, overdue: bool = False,
           readable: bool = False) -> dict:
    """`unit_code`: one unit's records only (at the upper level a registered commune's; at a commune its own).
    `filters`, `text`, `overdue`: a list's other filters, so that its "Xuất Excel…" writes the records it shows
    (app.services.listing reads them the same way; its dates and unit are the arguments above).
    `readable`: the .xlsx workbook for people (app.io.readable) — Vietnamese titles and labels — not the exchange
    format's keys and codes; it imports all the same."""
    session.require(roles.EXPORT)
    if include_confidential:
        session.require(roles.EXPORT_CONFIDENTIAL)
    out = Path(out)
    session.refuse_as_output(out)
    require_extension(out, ".ndjson, .json, .csv, .xlsx")
    ext = out.suffix.lower()
    if ext not in FORMATS:
        raise UsageError("export.unknown_ext", ext=ext or out.name)
    entities = [t for t in (types or RECORD_TYPES) if t in RECORD_TYPES]
    if ext == ".csv" and len(entities) != 1:
        raise UsageError("export.csv_one_type")
    if readable and ext != ".xlsx":
        raise UsageError("export.readable_xlsx", ext=ext)
    sites = None
    if unit_code:
        from app.services.consolidation import unit_sites_asked

        sites = unit_sites_asked(session, unit_code.strip(), "export.unknown_unit")
    narrowed = None
    if (filters is not None and filters != Filters()) or (text and text.strip()) or overdue:
        narrowed = resolve(session, replace(filters or Filters(), date_from=None, date_to=None, unit_code=None,
                                            owner_sites=None), text, overdue)
        kept = [t for t in entities if not _filters_not_for(t, narrowed)]
        if not kept or (types and len(kept) < len(entities)):
            # "--type reception --status received": receptions have no status — say so, write nothing
            missed = sorted({n for t in entities for n in _filters_not_for(t, narrowed)}, key=list(_OPTIONS).index)
            raise UsageError("export.filter_not_for_type", options=", ".join(f"--{n}" for n in missed),
                             types=", ".join(enums.label(enums.RECORD_TYPE_LABELS, t, session.lang)
                                             for t in entities if t not in kept))
        entities = kept
    # An upper level's table names each row's unit in front (the case number holds only its code) — one commune's
    # too: a commune given it takes its own rows only (app.services.records refuses another unit's)
    units: dict[str, tuple[str, str]] | None = None
    if session.level == "upper" and ext in (".csv", ".xlsx"):
        from app.services.consolidation import site_units
        from app.services.records import case_no_unit

        known, units = site_units(session), {}
    see_ids = session.can(roles.SEE_ID_NUMBERS) or include_confidential
    redacted_fields: set[str] = set()
    redacted_records = 0

    def records():
        nonlocal redacted_records
        for entity in entities:
            matching = where_clause(entity, narrowed) if narrowed is not None else None
            for s in store.iter_stored(session.db, entity, date_from=date_from, date_to=date_to, owner_sites=sites,
                                       matching=matching):
                rec, masked = masked_record(s.record, see_confidential=include_confidential, see_id_numbers=see_ids)
                if units is not None:
                    u = known.get(s.owner_site or "") or {}
                    units[s.id] = (u.get("unit_code") or case_no_unit(rec.get("case_no")), u.get("unit_name") or "")
                if masked:
                    redacted_records += 1
                    for m in masked:
                        field = m.split("[")[0].split(".")[0]
                        redacted_fields.add(field + ".id_number" if m.endswith(".id_number") else field)
                yield rec

    meta = {"type": "meta", "format": 1, "unit_code": session.unit_code,
            "exported_at": session.clock.now().strftime("%Y-%m-%dT%H:%M"), "app_version": __version__}
    try:
        # Written beside the target under a temporary name; it becomes the real file only after the audit entry
        # is stored, so a file with confidential identities never exists without its audit record.
        with writers.atomic_path(out) as tmp:
            if ext in (".ndjson", ".jsonl"):
                count = writers.write_ndjson(tmp, meta, records())
            elif ext == ".json":
                count = writers.write_json(tmp, meta, records())
            elif ext == ".csv":
                count = writers.write_csv(tmp, entities[0], list(records()), units)
            else:
                by_type: dict[str, list[dict]] = {t: [] for t in entities}  # a sheet per type asked, even empty
                for r in records():
                    by_type[r["type"]].append(r)
                if readable:
                    from app.io.readable import write_readable_xlsx

                    count = write_readable_xlsx(tmp, by_type, units)
                else:
                    count = writers.write_xlsx(tmp, by_type, units)
            session.audit("export.confidential" if include_confidential else "export",
                          detail=f"{out.name} {count} records"
                                 f"{' with confidential identity' if include_confidential else ''}")
    except OSError as exc:
        raise DanvanError("export.write_failed", path=str(out), detail=os_error_text(exc, session.lang)) from exc
    return {"file": str(out), "count": count, "redacted": sorted(redacted_fields), "redacted_records": redacted_records}
