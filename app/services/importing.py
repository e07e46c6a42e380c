"""`danvan import`: read a file, then apply all of it or nothing."""

from __future__ import annotations

from pathlib import Path

from app.domain import roles
from app.i18n import tr
from app.io.readers import ReadResult, read_file
from app.services.records import (CASE_NUMBERED, ApplyResult, apply_records, case_no_unit, error_order,
                                  gc_paused)
from app.services.session import Session


def import_file(session: Session, path: str | Path, *, dry_run: bool = False, default_host: str | None = None,
                progress=None, cancel=None) -> ApplyResult:
    session.require(roles.IMPORT)
    path = Path(path)
    with gc_paused():
        read = read_file(path, default_host=default_host)
    return apply_read(session, read, detail=path.name, dry_run=dry_run, progress=progress, cancel=cancel)


def apply_read(session: Session, read: ReadResult, *, detail: str, dry_run: bool = False, progress=None,
               cancel=None) -> ApplyResult:
    """Validate and (unless `dry_run` or anything is wrong) store what a reader produced — all or nothing.
    Reading problems are reported with the validation problems of the readable lines."""
    session.require(roles.IMPORT)
    lang = session.lang
    _name_units_passed_over(session, read)
    read_errors = [{"line": e["line"], "field": e["field"], "message": tr(e["key"], lang, **e["params"]),
                    **({"sheet": e["sheet"]} if e.get("sheet") else {})} for e in read.errors]
    if read_errors:
        # Still validate the readable lines so one run reports every problem of the file.
        res = apply_records(session, read.items, dry_run=True, detail=detail, progress=progress, cancel=cancel)
        # A missing column reported once for the file (e.g. the book's host) is not repeated on every row.
        file_level = {e["field"] for e in read.errors if e["key"] in ("import.no_host",)}
        res.errors = [e for e in res.errors if e["field"] not in file_level]
        res.errors = sorted(read_errors + res.errors, key=error_order)
        res.imported = {k: 0 for k in res.imported}
        res.updated = {k: 0 for k in res.updated}
        res.unchanged = {k: 0 for k in res.unchanged}
        return res
    if not read.items:
        res = ApplyResult()
        res.errors.append({"line": 1, "field": "", "message": tr("import.empty", lang)})
        return res
    res = apply_records(session, read.items, dry_run=dry_run, detail=detail, progress=progress, cancel=cancel)
    for note in read.notes:
        res.warnings.insert(0, {"line": 0, "field": "", "message": tr(note["key"], lang, **note.get("params", {}))})
    return res


def _name_units_passed_over(session: Session, read: ReadResult) -> None:
    """An exchange file (NDJSON/JSON) names no unit on its lines, but a reception's or petition's case number
    begins with its unit's code: in a file another unit exported, a line whose case number is neither this unit's
    nor the exporter's is a third unit's record passed on (a province's export of every commune). Named like a
    table's unit column, it is refused the same way (records.apply_records), not taken as ours. In such a file a
    model or dialogue (no case number) not already here cannot be told to be ours, and is refused too."""
    exporter = str((read.meta or {}).get("unit_code") or "").strip()
    own = session.unit_code or ""
    if not exporter or exporter == own:
        return
    from app.domain.units import find_unit

    passed_on = False
    for item in read.items:
        if item.unit_code or not isinstance(item.raw, dict) or not isinstance(item.raw.get("case_no"), str):
            continue
        code = case_no_unit(item.raw["case_no"]).strip()
        if code and code not in (own, exporter):
            unit = find_unit(code) if code.isdigit() and len(code) == 5 else None
            item.unit_code, item.unit_name = code, unit.name if unit else tr("unit.by_code", session.lang, code=code)
            passed_on = True
    if passed_on:
        for item in read.items:
            if isinstance(item.raw, dict) and item.raw.get("type") not in CASE_NUMBERED:
                item.unit_unknown = True
