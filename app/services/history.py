"""A petition's status history read from the audit log (who changed it, when), and the hosts a reception
form offers again."""

from __future__ import annotations

from datetime import date, datetime, timezone

from app.domain import roles
from app.services.session import Session
from app.storage import history as store


def _local(stamp: str) -> str:
    """The audit's UTC stamp as local wall-clock time, "YYYY-MM-DDTHH:MM"."""
    try:
        t = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return t.astimezone().strftime("%Y-%m-%dT%H:%M")


def local_day(stamp: str) -> date:
    """The local day of an audit's UTC stamp."""
    return date.fromisoformat(_local(stamp)[:10])


def status_part(detail: str) -> str | None:
    """"old>new" or "new" from an audit detail "status=…" (a save) or "<bundle id> status=… changed=…" (a
    bundle's record)."""
    if detail.startswith("status="):
        return detail[len("status="):]
    _bundle, sep, rest = detail.partition(" status=")
    return rest.split(" changed=")[0] if sep else None


def changed_part(detail: str) -> str | None:
    """When the sending unit saved a bundle's record ("… changed=<its time>"), or None."""
    _head, sep, rest = detail.partition(" changed=")
    return rest.strip() or None if sep else None


def status_history(session: Session, petition_id: str) -> list[dict]:
    """Each status a petition was given, oldest first: {at (local), user, old, new, action, arrived}.

    Saves record "status=new" (created) or "status=old>new" (changed) in their audit entry, and so does a
    bundle's record at the upper level after its bundle's id; there the one who changed it is the commune (its
    name, not the account that imported the bundle), `at` is when the commune saved it and `arrived` when the
    bundle came in (None for a change made here). Entries written before that (or an import that did not change
    the status) carry no status: a creation still shows, with its status unknown (None); other updates are left
    out."""
    session.require(roles.READ)
    out = []
    sender = None
    for e in store.record_events(session.db, "petition", petition_id):
        status = status_part(e["detail"] or "")
        old = new = None
        if status is not None:
            old, sep, new = status.partition(">")
            if not sep:
                old, new = None, old
        elif not e["action"].endswith(".create"):
            continue
        user, at, arrived = e["user"], _local(e["at"]), None
        if e["action"].startswith("sync.import."):
            if sender is None:
                from app.services.records import owner_elsewhere

                sender = owner_elsewhere(session, "petition", petition_id) or ""
            user = sender or user
            arrived = at  # when the bundle came in; `at` is when the commune saved it, where the bundle says
            changed = changed_part(e["detail"] or "")
            if changed:  # a day of the record's (accepted_on…) stays a day; a time is the commune's, made local
                at = changed if len(changed) == 10 else _local(changed)
        out.append({"at": at, "user": user, "action": e["action"], "old": old or None, "new": new or None,
                    "arrived": arrived})
    return out


def recent_hosts(session: Session, limit: int = 30) -> list[dict]:
    """Who received citizens before ({name, role}), most recent first — the choices of "Người tiếp"."""
    session.require(roles.READ)
    return [{"name": n, "role": r} for n, r in store.recent_hosts(session.db, limit)]
