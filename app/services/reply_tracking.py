"""From which day a unit's receptions owe a tracked reply to the citizen (Reception Law Art. 28).

A unit's book starts tracking on the day it was created, or on RECEPTION_REPLY_TRACKED_FROM for a book older than
that (the day receptions began to record their reply): the receptions of an Excel book migrated in, or of the
years before, have no reply date recorded anywhere, and counting them would flag nearly all of them as overdue. The
administrator may set another day (the unit setting `reply_tracked_from`). A petition's notice to the citizen
(the same Art. 28) is followed from that day too when it is later than RECEPTION_REPLY_TRACKED_FROM: the letters
of a book migrated in recorded no notice date either (notice_start).

An upper level counts each commune's receptions from that commune's own day, which its bundles carry (the
manifest's optional `reply_tracked_from`, written only when it is not RECEPTION_REPLY_TRACKED_FROM): the province's
overdue figures for a commune are the commune's own."""

from __future__ import annotations

from datetime import date

from app.clock import vietnam_day
from app.domain.deadlines import RECEPTION_REPLY_TRACKED_FROM
from app.storage import settings
from app.storage.db import Database

SETTING = "reply_tracked_from"  # this unit's own day, when its administrator set one ("" = the default)


def peer_setting(site_id: str) -> str:
    """The settings key of a commune's day at the upper level, as its latest bundle gave it."""
    return f"{SETTING}@{site_id}"


def default_start(db: Database) -> date:
    """The day this book was created, or RECEPTION_REPLY_TRACKED_FROM if it is older."""
    created = settings.get(db, "created_at")
    try:
        day = vietnam_day(created) if created else RECEPTION_REPLY_TRACKED_FROM
    except ValueError:
        day = RECEPTION_REPLY_TRACKED_FROM
    return max(day, RECEPTION_REPLY_TRACKED_FROM)


def own_start(db: Database) -> date:
    value = settings.get(db, SETTING)
    return _parse(value) or default_start(db)


def start_of(db: Database, site_id: str | None) -> date:
    """The day receptions owned by `site_id` are tracked from: this unit's own, or what a commune's bundle said
    (RECEPTION_REPLY_TRACKED_FROM for a commune whose bundles never said)."""
    if site_id is None or site_id == settings.get(db, "site_id"):
        return own_start(db)
    return _parse(settings.get(db, peer_setting(site_id))) or RECEPTION_REPLY_TRACKED_FROM


def notice_start(reply_start: date) -> date | None:
    """The day a unit follows petitions' notice to the citizen from, given its receptions' day: the same day
    when it is later than RECEPTION_REPLY_TRACKED_FROM (a book created since, or a day its administrator set),
    else none — petitions have always had their notice date, so an older book follows every one, as before."""
    return reply_start if reply_start > RECEPTION_REPLY_TRACKED_FROM else None


def manifest_value(db: Database) -> str | None:
    """What this unit's bundles say in `reply_tracked_from`: None when it is RECEPTION_REPLY_TRACKED_FROM, which
    a receiver assumes — a bundle of such a book stays readable by an upper level that does not know the field."""
    start = own_start(db)
    return None if start == RECEPTION_REPLY_TRACKED_FROM else start.isoformat()


SENT_SETTING = "reply_tracked_from_sent"  # the day the last bundle written told the upper level ("" = the usual)


def day_unsent(db: Database) -> bool:
    """This unit's day changed since its last bundle: a bundle must go up even with no record to carry, or the
    upper level goes on counting this unit's overdue replies from the old day."""
    return (settings.get(db, SENT_SETTING) or "") != (manifest_value(db) or "")


def note_sent(db: Database, value: str | None) -> None:
    """Within the transaction that records a bundle as written: the day it carried."""
    settings.put(db, SENT_SETTING, value or "")


def take_from_bundle(db: Database, site_id: str, value: str | None, at: str) -> bool:
    """Record a commune's day as its bundle gave it (None: RECEPTION_REPLY_TRACKED_FROM); True when it changed,
    so that commune's stored reply due dates must be computed again. Audited like a setting."""
    new = _parse(value) or RECEPTION_REPLY_TRACKED_FROM
    key = peer_setting(site_id)
    old = _parse(settings.get(db, key)) or RECEPTION_REPLY_TRACKED_FROM
    if new == old:
        return False
    settings.put_audited(db, key, new.isoformat(), at)
    return True


def _parse(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
