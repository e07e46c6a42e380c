"""Which records have outlived their retention period (the SQL behind app/services/retention.py).

Only candidates are chosen here, by date; the service reads them in full and decides what still holds personal
data. Records are never DELETEd (a trigger refuses it): the service rewrites them without the personal fields.
"""

from __future__ import annotations

from app.storage.records import TABLES
from app.storage.db import Database

# A petition's retention runs from its closing: the day it was resolved or answered, else (closed or forwarded
# without those dates) the day the record was last changed.
PETITION_CLOSED_ON = "coalesce(max(coalesce(resolved_on, ''), coalesce(answered_on, '')), '')"
_PETITION_REF = (f"CASE WHEN {PETITION_CLOSED_ON} <> '' THEN {PETITION_CLOSED_ON} "
                 "ELSE substr(updated_at, 1, 10) END")


def candidates(db: Database, entity: str, before: str, done_statuses: tuple[str, ...] = ()) -> list[str]:
    """Ids of live records of `entity` whose reference day is before `before` (YYYY-MM-DD): the record's date,
    or for petitions the closing day (only petitions in one of `done_statuses`)."""
    table = TABLES[entity]
    if entity == "petition":
        marks = ",".join("?" * len(done_statuses)) or "NULL"
        sql = (f"SELECT id FROM {table} WHERE deleted = 0 AND status IN ({marks}) AND {_PETITION_REF} < ? "
               "ORDER BY rid")
        params = [*done_statuses, before]
    else:
        sql = f"SELECT id FROM {table} WHERE deleted = 0 AND record_date IS NOT NULL AND record_date < ? ORDER BY rid"
        params = [before]
    return [r[0] for r in db.conn.execute(sql, params)]
