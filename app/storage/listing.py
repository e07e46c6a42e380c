"""Windowed, filtered, sorted record lists — what the GUI's table models fetch (200,000 rows, a page at a time).

Filtering and sorting happen in SQL; a page is a LIMIT/OFFSET window over an indexed order. Identifiers come
from the constants below, never from user input.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from app.protect.cipher import FieldCipher
from app.storage.records import CLEAR_NAME, PERSON_TABLES, TABLES, TITLE_FIELD, open_value, q
from app.storage.db import Database
from app.storage.migrations.m0006_case_order import GROUP as CASE_GROUP, KEY as CASE_KEY

# Sortable columns per record type (the GUI's column keys) → SQL expression.
# "date" sorts on the indexed record_date (then rid, i.e. order of entry, within a day); "case_no" in the case
# number's natural order (see case_order).
SORTS: dict[str, dict[str, str]] = {
    "reception": {"date": "record_date", "person": "person_sort", "category": "category", "case_no": "case_no",
                  "host": "host_name", "direction": "direction", "due": "due_on"},
    "petition": {"date": "record_date", "person": "person_sort", "category": "category", "status": "status",
                 "due": "due_on", "case_no": "case_no"},
    "model": {"date": "record_date", "name": "name", "field": "field", "kind": "kind", "status": "status"},
    "dialogue": {"date": "record_date", "chair": "chair", "due": "commitments_due"},
}
# Sorted with their empty values last either way: a dialogue with no deadline is not the most urgent. (Only on a
# small table: NULLS LAST keeps SQLite from walking an index in that order.)
NULLS_LAST = frozenset({"commitments_due"})
LIST_COLUMNS: dict[str, tuple[str, ...]] = {
    "reception": ("id", "case_no", "received_at", "person_name", "group_size", "no_show", "content", "category",
                  "direction", "host_name", "prior_handler", "forwarded_to", "result", "confidential", "owner_site",
                  "due_on", "notified_on"),
    "petition": ("id", "case_no", "received_on", "person_name", "anonymous", "content", "category", "status",
                 "direction", "due_on", "accepted_on", "resolved_on", "duplicate_of", "confidential", "owner_site"),
    "model": ("id", "year", "name", "kind", "field", "owner", "status", "recognition_level", "decision_no", "owner_site"),
    "dialogue": ("id", "held_on", "chair", "participants", "topics", "commitments", "commitments_due", "follow_up",
                 "owner_site"),
}


# A reception's reply is owed only while no petition was made from it: that petition carries its own notice
# deadline (app.domain.deadlines.reception_deadline), and the link lives on the petition.
NO_LINKED_PETITION = ("NOT EXISTS (SELECT 1 FROM petitions lp WHERE lp.reception_id = receptions.id "
                      "AND lp.deleted = 0)")
# A dialogue owes the follow-up of what was promised: commitments recorded, no result yet (the list's box, the
# dashboard's and stats' counts).
OPEN_COMMITMENTS = "COALESCE(dialogues.commitments, '') != '' AND COALESCE(dialogues.follow_up, '') = ''"


def receptions_with_petitions(db: Database, ids: list[str]) -> set[str]:
    """Which of these receptions a live petition was made from (one window of a list: at most a few hundred)."""
    if not ids:
        return set()
    marks = ", ".join("?" * len(ids))
    return {r[0] for r in db.conn.execute(
        f"SELECT DISTINCT reception_id FROM petitions WHERE reception_id IN ({marks}) AND deleted = 0", ids)}


@dataclass
class Filters:
    date_from: str | None = None
    date_to: str | None = None
    category: str | None = None
    status: str | None = None
    field: str | None = None
    direction: str | None = None  # the handling direction (receptions, petitions)
    overdue_on: str | None = None  # "YYYY-MM-DD": only petitions (receptions: replies) overdue on that day
    match: str | None = None  # an FTS5 MATCH expression (built by app.domain.text)
    unit_code: str | None = None  # only records of this unit (resolved to owner_sites by app.services.listing)
    owner_sites: tuple[str, ...] | None = None  # only records owned by these sites; () matches nothing


def _where(entity: str, f: Filters, *, many_matches: bool = False, match_joined: bool = False) -> tuple[str, list]:
    """The WHERE clause of a list. `many_matches`: the text filter is a test on each row (page()); `match_joined`:
    the caller joins the full-text matches itself and the clause leaves the text filter out (see page())."""
    table = TABLES[entity]
    sql = [f"{table}.deleted = 0"]
    params: list = []
    if f.date_from:
        sql.append(f"{table}.record_date >= ?")
        params.append(f.date_from)
    if f.date_to:
        sql.append(f"{table}.record_date <= ?")
        params.append(f.date_to)
    if f.category and entity in ("reception", "petition"):
        sql.append(f"{table}.category = ?")
        params.append(f.category)
    if f.direction and entity in ("reception", "petition"):
        sql.append(f"{table}.direction = ?")
        params.append(f.direction)
    if f.status and entity in ("petition", "model"):
        sql.append(f"{table}.status = ?")
        params.append(f.status)
    if f.field and entity == "model":
        sql.append(f"{table}.field = ?")
        params.append(f.field)
    if f.overdue_on and entity == "petition":
        # "+deleted" keeps SQLite off the (deleted, …) indexes, which match every row, and on petitions_due:
        # 200,000 records, overdue count 240 ms → 9 ms.
        sql[0] = f"+{table}.deleted = 0"
        sql.append(f"{table}.due_on < ? AND {table}.duplicate_of IS NULL")
        params.append(f.overdue_on)
    if f.overdue_on and entity == "reception":
        sql[0] = f"+{table}.deleted = 0"  # as petitions: on receptions_due
        sql.append(f"{table}.due_on < ? AND {NO_LINKED_PETITION}")
        params.append(f.overdue_on)
    if f.overdue_on and entity == "dialogue":
        # A dialogue has no legal deadline: what is owed is the follow-up of what was promised — commitments
        # recorded, no result yet (the Đối thoại list's "Cam kết chưa có kết quả" box).
        sql.append(OPEN_COMMITMENTS)
    if f.owner_sites is not None:
        if f.owner_sites:
            sql.append(f"{table}.owner_site IN ({', '.join('?' * len(f.owner_sites))})")
            params.extend(f.owner_sites)
        else:
            sql.append("0")
    if f.match and not match_joined:
        # "+": not a way in for the planner — a test on each row of the walk in the page's order (many_matches)
        plus = "+" if many_matches else ""
        sql.append(f"{plus}{table}.rid IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)")
        params.append(f.match)
    return " AND ".join(sql), params


# The filters each record type has (the others are not tested on it: see _where).
FILTERS_OF: dict[str, frozenset[str]] = {
    "reception": frozenset({"category", "direction", "overdue_on"}),
    "petition": frozenset({"category", "direction", "status", "overdue_on"}),
    "model": frozenset({"status", "field"}),
    "dialogue": frozenset({"overdue_on"}),
}


def where_clause(entity: str, f: Filters) -> tuple[str, list]:
    """The WHERE clause and parameters of a list's filters, for a query over its table (an export of the list)."""
    return _where(entity, f)


# Measured 2026-12-07 (100,000- and 600,000-record files): a step of the walk — an index entry tested against
# the matches' list — costs ~0.1–0.2 µs; fetching a match's row and sorting it ~4 µs.
WALK_STEPS_PER_FETCH = 20


def _walk_for_matches(db: Database, entity: str, match: str, window: int) -> bool:
    """Whether a page of `window` rows (offset + limit) is found sooner by walking the table in its order and
    testing each row against the text filter than by fetching every match and sorting them: the walk reads about
    window × rows ÷ matches index entries, the fetch `matches` rows, each ~WALK_STEPS_PER_FETCH times dearer —
    so walk when matches ≥ √(window × rows ÷ WALK_STEPS_PER_FETCH). Reads at most that many matches (~1 ms);
    the table's size is its largest rid."""
    table = TABLES[entity]
    rows = db.conn.execute(f"SELECT max(rid) FROM {table}").fetchone()[0] or 0
    enough = max(1, math.isqrt(window * rows // WALK_STEPS_PER_FETCH))
    return db.conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {table}_fts WHERE {table}_fts MATCH ? LIMIT {enough})",
        [match]).fetchone()[0] >= enough


def case_order(table: str, direction: str) -> str:
    """ORDER BY terms of a list sorted by case number: by year, unit, then running number as a number, either
    way; malformed numbers after the well-formed ones and records without one last, either way. The expressions
    are the ones migration 0006 indexes: walked ascending; descending, each group is sorted from it."""
    c = f"{table}.case_no"
    return f"{CASE_GROUP.format(c=c)}, {CASE_KEY.format(c=c)} {direction}, {table}.rid {direction}"


def count(db: Database, entity: str, f: Filters) -> int:
    where, params = _where(entity, f)
    return db.conn.execute(f"SELECT count(*) FROM {TABLES[entity]} WHERE {where}", params).fetchone()[0]


def page(db: Database, entity: str, f: Filters, sort: str = "date", descending: bool = True,
         offset: int = 0, limit: int = 200) -> list[dict]:
    """One window of rows (list columns only), in a stable order: the sort column, then rid.

    A text filter is planned by how many records it matches, not left to SQLite, which cannot know it (a
    full-text table has no statistics; _walk_for_matches): a common word ("nguyễn", "đất đai": tens of thousands
    of matches at an upper level) is tested row by row while the page walks its order and stops at the window's
    end — fetching and sorting every match took 60–170 ms at 600,000 records, the walk 10–30 ms; a rare one (a
    person's name, a decision number) is fetched first — walking for it read the whole table to find nothing
    (35 ms there, 6–9 ms at a commune of 100,000, now under 2 ms)."""
    table = TABLES[entity]
    column = SORTS[entity].get(sort, SORTS[entity]["date"])
    direction = "DESC" if descending else "ASC"
    cols = ", ".join(f"{table}.{q(c)}" for c in LIST_COLUMNS[entity])
    source = table
    if f.match and not _walk_for_matches(db, entity, f.match, int(offset) + int(limit)):
        # Few matches: fetched first (CROSS JOIN keeps that order whatever the planner guesses), then sorted.
        where, params = _where(entity, f, match_joined=True)
        source = (f"(SELECT rowid AS r FROM {table}_fts WHERE {table}_fts MATCH ?) m "
                  f"CROSS JOIN {table} ON {table}.rid = m.r")
        params = [f.match, *params]
    else:
        where, params = _where(entity, f, many_matches=bool(f.match))
    if column == "case_no":
        order = case_order(table, direction)
    else:
        order = (f"{table}.{q(column)} {direction}{' NULLS LAST' if column in NULLS_LAST else ''}, "
                 f"{table}.rid {direction}")
    sql = f"SELECT {cols} FROM {source} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
    return [dict(zip(LIST_COLUMNS[entity], row))
            for row in db.conn.execute(sql, [*params, int(limit), int(offset)])]


def _people_matching(db: Database, column: str, value: str, reason: str, limit: int,
                     cipher: FieldCipher | None = None) -> list[dict]:
    """Each hit also carries the matched person's ID number (opened with `cipher`, "[Bảo mật]" without it), its
    keyed hash (to tell apart two people of one name) and address — the officer compares them before saving."""
    out = []
    for entity, ptable in PERSON_TABLES.items():
        table = TABLES[entity]
        for row in db.conn.execute(
                f"SELECT DISTINCT t.id, t.record_date, t.{q(TITLE_FIELD[entity])}, {CLEAR_NAME}, t.confidential, t.case_no, "
                f"p.role, p.pos, p.id_number, p.id_hash, p.address "
                f"FROM {ptable} p JOIN {table} t ON t.id = p.record_id "
                f"WHERE p.{column} = ? AND t.deleted = 0 ORDER BY t.record_date DESC LIMIT ?", [value, limit]):
            rid, role, pos = row[0], row[6], row[7]
            opened = {c: open_value(cipher, v, rid, role, pos, c) if v is not None else None
                      for c, v in (("id_number", row[8]), ("address", row[10]))}
            out.append({"type": entity, "id": rid, "date": row[1], "title": row[2], "person": row[3],
                        "confidential": bool(row[4]), "reason": reason, "case_no": row[5],
                        "id_number": opened["id_number"], "id_hash": row[9], "address": opened["address"]})
    return out


def same_id_hash(db: Database, id_hash: str, limit: int = 20, cipher: FieldCipher | None = None) -> list[dict]:
    """Earlier records with a person holding this exact ID number, by its keyed hash (for "possible duplicates")."""
    return _people_matching(db, "id_hash", id_hash, "id_number", limit, cipher)


def same_name(db: Database, name_fold: str, limit: int = 20, cipher: FieldCipher | None = None) -> list[dict]:
    """Earlier records with a person of the same folded name (diacritic-blind: Đức = Duc)."""
    return _people_matching(db, "name_fold", name_fold, "name", limit, cipher)
