"""Reads for the printed books and registers: the live records of a period, in the book's order.

SQL only here (app/storage). The records of the period come from `iter_stored` (the same filter and batched
people as every other reader). Case numbers end in a running number, so "…-2026-10" must come after "…-2026-9": the final
order is made in Python with a natural key.
"""

from __future__ import annotations

import re

from app.storage.records import Stored, iter_stored
from app.storage.db import Database

_DATE_COLUMN = {"reception": "received_at", "petition": "received_on", "dialogue": "held_on"}
_TAIL_NUMBER = re.compile(r"^(.*?)(\d+)$")


def case_key(case_no: str | None) -> tuple:
    """Natural order of case numbers ("00004-2026-9" before "00004-2026-10"); records without one come last."""
    if not case_no:
        return (1, "", 0)
    m = _TAIL_NUMBER.match(case_no)
    if not m:
        return (0, case_no, 0)
    return (0, m.group(1), int(m.group(2)))


def records_in_period(db: Database, entity: str, date_from: str | None, date_to: str | None,
                      owner_sites: tuple[str, ...] | None = None, group=None) -> list[Stored]:
    """The live (not deleted) receptions, petitions or dialogues filed (held) between the two ISO dates (inclusive), ordered by
    date (and time), then case number. `owner_sites`: only those sites' records (one commune at the upper level);
    `group(owner_site)`: a key placed before the date, keeping each unit's records together."""
    out = list(iter_stored(db, entity, date_from=date_from, date_to=date_to, owner_sites=owner_sites))
    field = _DATE_COLUMN[entity]
    first = group or (lambda _site: "")
    out.sort(key=lambda s: (first(s.owner_site), s.record.get(field) or "", case_key(s.record.get("case_no")), s.id))
    return out


_FOLLOW_UP_COLUMNS = ("reception_id", "case_no", "status", "direction", "accepted_on", "forwarded_to", "resolved_on",
                      "answered_on")


def petitions_from_receptions(db: Database, reception_ids: list[str]) -> dict[str, list[dict]]:
    """{reception id: [its live petitions' handling, oldest first]} — what the book's column 11 ("Theo dõi kết
    quả giải quyết") follows once a petition was made from the reception."""
    out: dict[str, list[dict]] = {}
    ids = list(dict.fromkeys(reception_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for row in db.conn.execute(
                f"SELECT {', '.join(_FOLLOW_UP_COLUMNS)} FROM petitions WHERE deleted = 0 AND reception_id IN "
                f"({', '.join('?' * len(chunk))}) ORDER BY rid", chunk):
            item = dict(zip(_FOLLOW_UP_COLUMNS, row))
            out.setdefault(item.pop("reception_id"), []).append(item)
    return out
