"""Counting queries for statistics (the periodic report of step 3 builds on the same figures)."""

from __future__ import annotations

from app.storage.records import TABLES
from app.storage.db import Database


def _where(date_from: str | None, date_to: str | None, sites: tuple[str, ...] | None = None) -> tuple[str, list]:
    """Live records, within the date range, owned by one of `sites` when given (an upper level's report per
    commune: a commune that re-installed has several site ids)."""
    sql, params = "deleted = 0", []
    if sites is not None:
        sql += f" AND owner_site IN ({', '.join('?' for _ in sites) or 'NULL'})"
        params.extend(sites)
    if date_from:
        sql += " AND record_date >= ?"
        params.append(date_from)
    if date_to:
        sql += " AND record_date <= ?"
        params.append(date_to)
    return sql, params


def where_for(entity: str, date_from: str | None, date_to: str | None, sites: tuple[str, ...] | None = None,
              model_years: tuple[int, int] | None = None) -> tuple[str, list]:
    """`_where` for one record type. Models are filed under 1 January of their year (record_date): with
    `model_years` (Period.model_years) they are selected by year instead of by the dates, so a period that holds
    no 1 January (2026-Q2) still counts its year's models."""
    if entity == "model" and model_years is not None:
        first, last = model_years
        return _where(f"{first:04d}-01-01", f"{last:04d}-01-01", sites)
    return _where(date_from, date_to, sites)


def counts(db: Database, *, date_from: str | None = None, date_to: str | None = None,
           sites: tuple[str, ...] | None = None, model_years: tuple[int, int] | None = None) -> dict[str, int]:
    """Live records per type, optionally within a date range (models: within `model_years`, see where_for)."""
    out = {}
    for entity, table in TABLES.items():
        where, params = where_for(entity, date_from, date_to, sites, model_years)
        out[entity] = db.conn.execute(f"SELECT count(*) FROM {table} WHERE {where}", params).fetchone()[0]
    return out


def group_count(db: Database, entity: str, column: str, date_from=None, date_to=None,
                extra: str = "", sites: tuple[str, ...] | None = None,
                model_years: tuple[int, int] | None = None) -> dict[str, int]:
    where, params = where_for(entity, date_from, date_to, sites, model_years)
    sql = f'SELECT "{column}", count(*) FROM {TABLES[entity]} WHERE {where} {extra} GROUP BY "{column}"'
    return {str(k) if k is not None else "": n for k, n in db.conn.execute(sql, params)}


def reception_figures(db: Database, date_from=None, date_to=None,
                      sites: tuple[str, ...] | None = None) -> dict[str, int]:
    where, params = _where(date_from, date_to, sites)
    row = db.conn.execute(
        "SELECT count(*), "
        "coalesce(sum(CASE WHEN coalesce(no_show, 0) = 1 THEN 0 ELSE coalesce(group_size, 1) END), 0), "
        "coalesce(sum(CASE WHEN coalesce(group_size, 1) > 1 THEN 1 ELSE 0 END), 0), "
        "coalesce(sum(CASE WHEN coalesce(group_size, 1) > 1 THEN group_size ELSE 0 END), 0), "
        "coalesce(sum(CASE WHEN coalesce(no_show, 0) = 1 THEN 1 ELSE 0 END), 0) "
        f"FROM receptions WHERE {where}", params).fetchone()
    return {"visits": row[0], "persons": row[1], "group_visits": row[2], "group_persons": row[3], "no_show": row[4]}


def overdue_count(db: Database, today: str, date_from=None, date_to=None,
                  sites: tuple[str, ...] | None = None) -> int:
    where, params = _where(date_from, date_to, sites)
    if not params:  # no period: steer SQLite to petitions_due (see app.storage.listing._where)
        where = where.replace("deleted = 0", "+deleted = 0")
    return db.conn.execute(
        f"SELECT count(*) FROM petitions WHERE {where} AND due_on IS NOT NULL AND due_on < ? "
        "AND duplicate_of IS NULL", [*params, today]).fetchone()[0]


def open_commitments(db: Database, today: str, date_from=None, date_to=None,
                     sites: tuple[str, ...] | None = None) -> tuple[int, int]:
    """Dialogues whose commitments have no result recorded yet (the Đối thoại list's box), and how many of them
    are past their deadline (`commitments_due` before `today`)."""
    from app.storage.listing import OPEN_COMMITMENTS

    where, params = _where(date_from, date_to, sites)
    row = db.conn.execute(
        "SELECT count(*), coalesce(sum(commitments_due IS NOT NULL AND commitments_due < ?), 0) FROM dialogues "
        f"WHERE {where} AND {OPEN_COMMITMENTS}", [today, *params]).fetchone()
    return row[0], row[1]


def reception_reply_overdue_count(db: Database, today: str, date_from=None, date_to=None,
                                  sites: tuple[str, ...] | None = None) -> int:
    """Receptions whose reply to the citizen (Reception Law Art. 28) was due before `today` and is not recorded,
    leaving out those a petition was made from (it carries the notice)."""
    from app.storage.listing import NO_LINKED_PETITION

    where, params = _where(date_from, date_to, sites)
    if not params:
        where = where.replace("deleted = 0", "+deleted = 0")
    return db.conn.execute(
        f"SELECT count(*) FROM receptions WHERE {where} AND due_on IS NOT NULL AND due_on < ? "
        f"AND {NO_LINKED_PETITION}", [*params, today]).fetchone()[0]


def overdue_by_owner(db: Database, today: str, date_from=None, date_to=None) -> dict[str, dict[str, int]]:
    """{owner site: {"overdue": petitions, "overdue_replies": receptions, "commitments_late": dialogues}} — the
    late counts above, per unit in one pass each (an upper level's 600 communes)."""
    from app.storage.listing import NO_LINKED_PETITION, OPEN_COMMITMENTS

    where, params = _where(date_from, date_to, None)
    out: dict[str, dict[str, int]] = {}
    for key, sql in (
            ("overdue", f"SELECT owner_site, count(*) FROM petitions WHERE {where} AND due_on IS NOT NULL "
                        "AND due_on < ? AND duplicate_of IS NULL GROUP BY owner_site"),
            ("overdue_replies", f"SELECT owner_site, count(*) FROM receptions WHERE {where} AND due_on IS NOT NULL "
                                f"AND due_on < ? AND {NO_LINKED_PETITION} GROUP BY owner_site"),
            ("commitments_late", f"SELECT owner_site, count(*) FROM dialogues WHERE {where} AND commitments_due < ? "
                                 f"AND {OPEN_COMMITMENTS} GROUP BY owner_site")):
        for site, n in db.conn.execute(sql, [*params, today]):
            out.setdefault(site, dict.fromkeys(LATE_KEYS, 0))[key] = n
    return out


LATE_KEYS = ("overdue", "overdue_replies", "commitments_late")  # what a unit owes, late, per overdue_by_owner


def due_between(db: Database, start: str, end: str, sites: tuple[str, ...] | None = None) -> int:
    where, params = _where(None, None, sites)
    return db.conn.execute(
        f"SELECT count(*) FROM petitions WHERE +{where} AND due_on BETWEEN ? AND ? AND duplicate_of IS NULL",
        [*params, start, end]).fetchone()[0]


def duplicates_count(db: Database, date_from=None, date_to=None,
                     sites: tuple[str, ...] | None = None) -> int:
    where, params = _where(date_from, date_to, sites)
    return db.conn.execute(f"SELECT count(*) FROM petitions WHERE {where} AND duplicate_of IS NOT NULL",
                           params).fetchone()[0]
