"""Queries behind the dashboard that app/storage/stats.py does not already answer: receptions per day over a
range, the petitions whose deadline is near or past, and models by field for one status.

Each is one indexed query: receptions_date(deleted, record_date) covers the per-day counts, the partial index
petitions_due(due_on) finds the few petitions with a pending deadline among 200,000.
"""

from __future__ import annotations

from app.storage.data_keys import cipher_of
from app.storage.db import Database

DUE_COLUMNS = ("id", "case_no", "category", "due_on", "anonymous", "confidential", "person_name", "created_by",
               "owner_site")


def receptions_per_day(db: Database, date_from: str, date_to: str) -> dict[str, int]:
    """{"YYYY-MM-DD": live receptions that day} within [date_from, date_to] (days without any are absent)."""
    return dict(db.conn.execute(
        "SELECT record_date, count(*) FROM receptions WHERE deleted = 0 AND record_date BETWEEN ? AND ? "
        "GROUP BY record_date", [date_from, date_to]))


def _due_where(before: str | None, date_from: str | None, date_to: str | None) -> tuple[str, list]:
    # `due_on IS NOT NULL` lets SQLite use the partial index petitions_due.
    sql, params = ["due_on IS NOT NULL", "deleted = 0", "duplicate_of IS NULL"], []
    if before is not None:
        sql.append("due_on < ?")
        params.append(before)
    if date_from is not None:
        sql.append("due_on >= ?")
        params.append(date_from)
    if date_to is not None:
        sql.append("due_on <= ?")
        params.append(date_to)
    return " AND ".join(sql), params


def due_petitions(db: Database, *, before: str | None = None, date_from: str | None = None,
                  date_to: str | None = None, limit: int = 200) -> list[dict]:
    """Live, non-duplicate petitions with a pending deadline in the range, earliest deadline first."""
    where, params = _due_where(before, date_from, date_to)
    cols = ", ".join(DUE_COLUMNS)
    sql = f"SELECT {cols} FROM petitions WHERE {where} ORDER BY due_on, case_no, rid LIMIT ?"
    return [dict(zip(DUE_COLUMNS, row)) for row in db.conn.execute(sql, [*params, int(limit)])]


def due_count(db: Database, *, before: str | None = None, date_from: str | None = None,
              date_to: str | None = None) -> int:
    where, params = _due_where(before, date_from, date_to)
    return db.conn.execute(f"SELECT count(*) FROM petitions WHERE {where}", params).fetchone()[0]


def first_petitioner_names(db: Database, record_ids: list[str]) -> dict[str, str]:
    """{petition id: the first petitioner's name} — only for the few confidential rows a role may see."""
    from app.storage.records import open_value

    cipher = cipher_of(db)
    out: dict[str, str] = {}
    for i in range(0, len(record_ids), 500):
        chunk = record_ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for rid, pos, name in db.conn.execute(
                f"SELECT record_id, pos, name FROM petitions_persons WHERE record_id IN ({marks}) "
                "AND role = 'petitioners' AND name IS NOT NULL ORDER BY record_id, pos", chunk):
            if rid not in out:  # a confidential name is sealed: opened here with the data key, or masked
                out[rid] = open_value(cipher, name, rid, "petitioners", pos, "name")
    return out


def models_by_field(db: Database, status: str) -> dict[str, int]:
    """{field: live models of that status} (all years: a model is carried on until it is evaluated)."""
    return {str(k) if k is not None else "": n for k, n in db.conn.execute(
        "SELECT field, count(*) FROM models WHERE deleted = 0 AND status = ? GROUP BY field", [status])}
