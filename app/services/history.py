"""A petition's status history read from the audit log (who changed it, when), and the hosts a reception
form offers again."""

from __future__ import annotations

from datetime import datetime, timezone

from app.domain import roles
from app.i18n import tr
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


def status_part(detail: str) -> str | None:
    """"old>new" or "new" from an audit detail "status=…" (a save) or "<bundle id> status=…" (a bundle's record)."""
    if detail.startswith("status="):
        return detail[len("status="):]
    _bundle, sep, rest = detail.partition(" status=")
    return rest if sep else None


def status_history(session: Session, petition_id: str) -> list[dict]:
    """Each status a petition was given, oldest first: {at (local), user, old, new, action}.

    Saves record "status=new" (created) or "status=old>new" (changed) in their audit entry, and so does a
    bundle's record at the upper level after its bundle's id; there the one who changed it is the commune
    ("Phường Ngọc Hà (gửi lên qua gói dữ liệu)"), not the account that imported the bundle, and `at` is when it
    arrived. Entries written before that (or an import that did not change the status) carry no status: a
    creation still shows, with its status unknown (None); other updates are left out."""
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
        user = e["user"]
        if e["action"].startswith("sync.import."):
            if sender is None:
                from app.services.records import owner_elsewhere

                sender = owner_elsewhere(session, "petition", petition_id) or ""
            user = tr("history.via_bundle", session.lang, unit=sender) if sender else user
        out.append({"at": _local(e["at"]), "user": user, "action": e["action"],
                    "old": old or None, "new": new or None})
    return out


def recent_hosts(session: Session, limit: int = 30) -> list[dict]:
    """Who received citizens before ({name, role}), most recent first — the choices of "Người tiếp"."""
    session.require(roles.READ)
    return [{"name": n, "role": r} for n, r in store.recent_hosts(session.db, limit)]
