"""A petition's legal deadlines as the GUI's deadline strip and `check` of a case show them, and the stored due
dates that lists, `stats` and the dashboard count overdue petitions by."""

from __future__ import annotations

import hashlib

from app.domain import roles
from app.domain.deadlines import petition_deadlines
from app.domain.legal_en import in_language
from app.errors import Cancelled, NotFound
from app.services.session import Session
from app.storage import records as store, settings
from app.storage.db import write_transaction

BASIS_SETTING = "due_dates_basis"  # what the stored due dates were computed under (due_dates_basis)
PROGRESS_EVERY = 500


def deadlines_of(session: Session, record_id: str, entity: str = "petition") -> list[dict]:
    """Every deadline of one petition — or the reply a reception owes the citizen (none when a petition made from
    it carries the notice, or before its unit followed replies): label, due date, met date, overdue today, working
    days left, how late it was met, article."""
    session.require(roles.READ)
    s = store.get(session.db, entity, record_id)
    if s is None or s.deleted:
        raise NotFound("record.not_found", id=record_id)
    today = session.clock.today()
    cal = session.calendar()
    out = []
    if entity == "reception":
        from app.domain.deadlines import reception_deadline
        from app.storage.listing import receptions_with_petitions

        reply = reception_deadline(s.record, cal, session.rules(), session.reply_tracked_from(s.owner_site))
        found = [] if reply is None or receptions_with_petitions(session.db, [record_id]) else [reply]
    else:
        found = petition_deadlines(s.record, cal, session.rules(), session.petition_notice_from(s.owner_site))
    for d in found:
        out.append({
            "key": d.key,
            "label": d.label_vi if session.lang == "vi" else d.label_en,
            "due_on": d.due_on.isoformat(),
            "met_on": d.met_on.isoformat() if d.met_on else None,
            "overdue": d.overdue(today),
            "working_days_left": None if d.met_on else d.working_days_left(cal, today),
            # met after the due day: how late, in the rule's own count (a board checks this; "met" read as in time)
            "met_late": d.met_late,
            "late_days": d.days_late(cal),
            "unit": d.unit,
            "article": in_language(d.article, session.lang),
            "verified": d.verified,
        })
    return out


def rule_table(session: Session) -> list[dict]:
    """The deadline rules in force and planned, with their articles (read-only table for Quản trị) — their
    titles, articles and notes in the session's language."""
    session.require(roles.READ)
    rows = session.rules().table_rows()
    for row in rows:
        for key in ("version_title", "article", "note"):
            if row.get(key):
                row[key] = in_language(row[key], session.lang)
    return rows


def recompute_due_dates(session: Session, *, progress=None, cancel=None, entities=store.DUE_TABLES,
                        owner_site: str | None = None) -> int:
    """Store each petition's and reception's due date again under the current calendar and rules; returns how
    many moved. `progress(done, total)` every few hundred records; `cancel` set → Cancelled and nothing stored.
    `entities` and `owner_site` narrow it (a commune's receptions, when its day of tracking replies changed)."""
    from app.services.records import due_of

    # Read and written under one write lock: a record saved by another process meanwhile must not get back a
    # due date computed from what it was before.
    with write_transaction(session.db):
        total = sum(store.live_count(session.db, e) for e in entities) if progress is not None else 0
        moved = done = 0
        for entity in entities:
            pairs = []
            for s in store.iter_stored(session.db, entity, owner_site=owner_site):
                due = due_of(session, entity, s.record, s.owner_site)
                if due != s.extra.get("due_on"):
                    pairs.append((due, s.id))
                done += 1
                if done % PROGRESS_EVERY == 0:
                    if cancel is not None and cancel.is_set():
                        raise Cancelled()
                    if progress is not None:
                        progress(done, total)
            if pairs:
                store.set_due_dates(session.db, pairs, entity)
            moved += len(pairs)
    return moved


def due_dates_basis() -> str:
    """What a stored due date depends on besides the record and the unit's own days (which recompute when they
    are edited): this program's version (the counting code) and its schema's (a migration may add due dates:
    receptions' came with schema 4), the `holidays` package's — the installer pins it, but a pip installation
    may upgrade it alone, and a new release adds or moves days off — and the rules file it ships
    (deadline_rules.json, corrected by hand when a rule is checked against the law)."""
    from app import __version__
    from app.domain.deadlines import RULES_FILE
    from app.resources import data_file
    from app.storage.migrations import SCHEMA_VERSION

    rules = hashlib.sha256(data_file(RULES_FILE).read_bytes()).hexdigest()[:16]
    return f"{__version__}+schema-{SCHEMA_VERSION}+holidays-{_holidays_version()}+{rules}"


def _holidays_version() -> str:
    # From the package's metadata: importing `holidays` itself costs the log-in ~100 ms.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("holidays")
    except PackageNotFoundError:  # a frozen build without the dist-info: the program's version pins it
        return "bundled"


def due_dates_outdated(session: Session) -> bool:
    """Whether the stored due dates were computed under another program, `holidays` or rules file."""
    return settings.get(session.db, BASIS_SETTING) != due_dates_basis()


def refresh_due_dates(session: Session, *, progress=None, cancel=None) -> int | None:
    """At log-in: when the program or its rules changed since the stored due dates were computed (an upgrade),
    compute them again, once — otherwise the lists, `stats` and the dashboard would count overdue petitions by
    the old rules while a petition's own deadline strip used the new ones. None when nothing changed, else how
    many due dates moved."""
    basis = due_dates_basis()
    if settings.get(session.db, BASIS_SETTING) == basis:
        return None
    moved = recompute_due_dates(session, progress=progress, cancel=cancel)
    with write_transaction(session.db):
        settings.put(session.db, BASIS_SETTING, basis)
    return moved
