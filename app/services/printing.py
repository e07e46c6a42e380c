"""Printing: one entry point for every printed document and report, with the same duties for each.

Permission (export; an explicit, audited choice to include a denouncer's identity), the file written under a
temporary name and renamed into place only after the audit entry is stored, and one result shape
`{"file", "pages", "entries"}` for the CLI and the GUI.

Each document is a module of app/reports with
    build(session, out: Path, options: dict, *, include_confidential: bool, invariant: bool) -> dict
returning at least {"pages": int, "entries": int}.
"""

from __future__ import annotations

import errno
import importlib
from pathlib import Path

from app.domain import roles
from app.errors import DanvanError, UsageError, os_error_text, require_extension
from app.io.writers import atomic_path
from app.services.session import Session

# kind -> (module, allowed output suffixes)
DOCUMENTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "reception-log": ("app.reports.reception_log", (".pdf",)),
    "petition-register": ("app.reports.petition_register", (".pdf",)),
    "models": ("app.reports.models_register", (".pdf",)),
    "dialogue-register": ("app.reports.dialogue_register", (".pdf",)),
    "notice": ("app.reports.notice", (".pdf",)),
    "record-sheet": ("app.reports.record_sheet", (".pdf",)),
    "report": ("app.reports.periodic", (".pdf", ".xlsx", ".docx")),
}


def available(kind: str) -> bool:
    """Whether this document is built yet (the GUI lists only what works)."""
    module = DOCUMENTS.get(kind, (None,))[0]
    return module is not None and importlib.util.find_spec(module) is not None


def print_document(session: Session, kind: str, out: str | Path, options: dict | None = None, *,
                   include_confidential: bool = False, invariant: bool = False, preview: bool = False,
                   progress=None, cancel=None) -> dict:
    """Build the document `kind` into `out`. `preview`: a file for the GUI's preview, audited as a preview
    ("print.preview"; a denouncer's identity shown there is still a read that leaves its trace) — printing or
    saving it afterwards is audited by `record_output`."""
    session.require(roles.EXPORT)
    if include_confidential:
        session.require(roles.EXPORT_CONFIDENTIAL)
    if kind not in DOCUMENTS:
        raise UsageError("v.enum", value=kind, allowed=", ".join(DOCUMENTS))
    module_name, suffixes = DOCUMENTS[kind]
    out = Path(out)
    session.refuse_as_output(out)
    require_extension(out, ", ".join(suffixes))
    if out.suffix.lower() not in suffixes:
        raise UsageError("print.unknown_ext", ext=out.suffix or out.name, allowed=", ".join(suffixes))
    module = importlib.import_module(module_name)
    if out.is_dir():  # refused before the build (and its audit entry), not after
        raise DanvanError("export.write_failed", path=str(out),
                          detail=os_error_text(IsADirectoryError(errno.EISDIR, str(out)), session.lang))
    try:
        with atomic_path(out) as tmp:
            result = module.build(session, tmp, dict(options or {}), include_confidential=include_confidential,
                                  invariant=invariant)
    except OSError as exc:
        raise DanvanError("export.write_failed", path=str(out), detail=os_error_text(exc, session.lang)) from exc
    # Audited once the file is in place (a file that could not be written was no print); a document whose trace
    # cannot be written is not left behind either.
    detail = f"{kind} {out.name} {result.get('entries', 0)} entries"
    try:
        session.audit(_action("print.preview" if preview else "print", include_confidential),
                      detail=detail + (" with confidential identity" if include_confidential else ""))
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return {"file": str(out), **result}


def _action(action: str, include_confidential: bool) -> str:
    return action + ".confidential" if include_confidential else action


def record_output(session: Session, kind: str, built: str | Path, *, include_confidential: bool,
                  saved_as: str | Path | None = None) -> None:
    """A previewed document sent to the printer (`saved_as` None) or saved as a file: the "print" entry that the
    preview itself did not make."""
    session.require(roles.EXPORT)
    if include_confidential:
        session.require(roles.EXPORT_CONFIDENTIAL)
    how = f"saved as {Path(saved_as).name}" if saved_as else "sent to the printer"
    session.audit(_action("print", include_confidential),
                  detail=f"{kind} {Path(built).name} {how}" + (" with confidential identity" if include_confidential
                                                               else ""))
