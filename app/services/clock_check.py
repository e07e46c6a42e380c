"""Whether this computer's clock can be trusted for the book's dates. Every date the officer does not type — a new
reception's time, "today" for deadlines and "no future dates" — is the computer's wall clock, as the officer sees
it in the taskbar. A laptop set to another time zone (a factory image on UTC or US time) or with a clock reset
years back by a dead battery puts real receptions in the future or on the wrong day; nothing can correct that
silently (which of the clock and the zone is wrong is not knowable here), so it is said, with what to do."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from app.clock import VIETNAM_UTC_OFFSET
from app.domain.text import local_dmy_hm
from app.i18n import tr
from app.storage import audit

BEHIND_SLACK = timedelta(minutes=10)
RECENT_ENTRIES = 1000  # two computers' clocks a few minutes apart are not "behind"


def _offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def clock_doubts(session, *, zone_offset: timedelta | None = None) -> list[dict]:
    """[{"kind": "zone"|"behind", "message"}] in the session's language; empty when the clock looks right.
    `zone_offset`: the computer's UTC offset now (by default asked of the operating system)."""
    out = []
    offset = datetime.now().astimezone().utcoffset() if zone_offset is None else zone_offset
    if offset is not None and offset != VIETNAM_UTC_OFFSET:
        out.append({"kind": "zone", "message": tr("clock.zone", session.lang, zone=_offset_text(offset))})
    newest = audit.latest_stamp(session.db, RECENT_ENTRIES)
    if newest:
        try:
            last = datetime.fromisoformat(newest)
            now = datetime.fromisoformat(session.clock.utc_stamp())
            if last.tzinfo is None:
                last = last.replace(tzinfo=timezone.utc)
            if now.tzinfo is None:
                now = now.replace(tzinfo=timezone.utc)
        except ValueError:
            return out
        if now < last - BEHIND_SLACK:
            out.append({"kind": "behind", "message": tr("clock.behind", session.lang, last=local_dmy_hm(newest),
                                                         now=session.clock.now().strftime("%d/%m/%Y %H:%M"))})
    return out
