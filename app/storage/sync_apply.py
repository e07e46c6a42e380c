"""SQL the bundle import needs in bulk, once per bundle rather than once per record (app/services/sync_import.py)."""

from __future__ import annotations

from app.storage.records import CASE_NUMBERED_TABLES
from app.storage.db import Database


def case_number_owners(db: Database, case_numbers: list[str]) -> dict[str, set[str]]:
    """{case_no: {record id, …}} for those of `case_numbers` already held by a reception or a petition (they share
    one sequence, so either table may hold a number)."""
    wanted = sorted(set(case_numbers))
    out: dict[str, set[str]] = {}
    for table in CASE_NUMBERED_TABLES:
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            for cn, rid in db.conn.execute(
                    f"SELECT case_no, id FROM {table} WHERE case_no IN ({','.join('?' * len(chunk))})", chunk):
                out.setdefault(cn, set()).add(rid)
    return out
