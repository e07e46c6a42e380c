"""A site's records as bundle payload lines — compact JSON built by SQLite itself (SYNC.md "Export").

A 100,000-record bundle is about 100 MB of JSON. Reading it into Python (a str per value, a dict per record) and
encoding it again was most of an export's time; here SQLite's json_object writes each line in C and hands it back
as UTF-8 bytes, ready for the compressor. Python only opens the sealed ID numbers (the data key never enters SQL)
and makes a denouncer's pseudonym, through two functions registered on the connection for the length of one read.

A line is {"entity", "id", "rev", "owner_site", "deleted", "created_at", "created_by", "updated_at", "updated_by",
"record"}: the record's newest state with its sync metadata, "record" in the exchange format's key order, people in
their stored order, a sealed value opened with the data key or "[Bảo mật]" without it. A field the record does not
have is written as null, not left out: the exchange format reads null as absent (validation skips it), and
leaving each one out cost SQLite a third more time than the whole line.
"""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from functools import lru_cache
from typing import Callable, Iterator

import orjson

from app.domain.masking import MASK
from app.domain.records import PERSON_FIELDS
from app.errors import DanvanError
from app.protect.cipher import PREFIX as SEALED_PREFIX, FieldUnreadable
from app.storage.data_keys import cipher_of
from app.storage.db import Database
from app.storage.records import (ALWAYS_SEALED, META_COLUMNS, PERSON_COLUMNS, PERSON_TABLES, SEALED_WHEN_CONFIDENTIAL,
                                 TABLES, exchange_plan, field_aad)

Pseudonym = Callable[[str, str, int], str]  # (record id, role, position) -> the stand-in name

_OPEN, _PSEUDONYM = "dv_open_sealed", "dv_pseudonym"
_PENDING = "temp.dv_export_pending"
FETCH = 1000  # lines fetched at a time: the payload streams into the compressor, memory stays flat


def _person_value(alias: str, column: str, may_be_sealed: bool) -> str:
    """One stored person value: a sealed one ("e1:…") opened in Python, any other as it is."""
    v = f"{alias}.{column}"
    if not may_be_sealed:
        return v
    # A range, not substr(): no string made per value. The associated data is records.field_aad's, in SQL (one
    # text argument is cheaper to hand to Python than four).
    aad = f"{alias}.record_id || '|' || {alias}.role || '|' || {alias}.pos || '|{column}'"
    return f"CASE WHEN {v} >= '{SEALED_PREFIX}' AND {v} < '{_AFTER_PREFIX}' THEN {_OPEN}({v}, {aad}) ELSE {v} END"


_AFTER_PREFIX = SEALED_PREFIX[:-1] + chr(ord(SEALED_PREFIX[-1]) + 1)  # "e1;": every "e1:…" sorts below it
assert field_aad("r", "o", 1, "c") == "r|o|1|c"  # the layout _person_value builds in SQL


def _person_object(alias: str, sealed: tuple[str, ...]) -> str:
    """A person as a JSON object; `sealed`: the columns that may hold a sealed value (the sealing rules of
    records.seal_person — checking only those saves a comparison per value)."""
    return "json_object(" + ", ".join(f"'{c}', {_person_value(alias, c, c in sealed)}" for c in PERSON_COLUMNS) + ")"


def _person_json(alias: str, pseudonyms: bool) -> str:
    """One person of the record `t`: a denouncer's (INTERFACES.md "Who may see what") only as a stand-in name, or
    as stored with every field that may be sealed opened when the identity is sent; anyone else's as stored."""
    ordinary = _person_object(alias, ALWAYS_SEALED)
    confidential = (f"json_object('name', {_PSEUDONYM}({alias}.record_id, {alias}.role, {alias}.pos))" if pseudonyms
                    else _person_object(alias, SEALED_WHEN_CONFIDENTIAL))
    return f"CASE WHEN t.confidential = 1 THEN {confidential} ELSE {ordinary} END"


def _list_of_people(entity: str, role: str, pseudonyms: bool) -> str:
    """A list field's people in position order; NULL when the record has none. (A value leaving a subquery is
    plain text again: json() makes it JSON, not a quoted string.)"""
    return (f"json((SELECT CASE WHEN count(*) THEN json_group_array(json(x)) END FROM "
            f"(SELECT {_person_json('p', pseudonyms)} AS x FROM {PERSON_TABLES[entity]} p "
            f"WHERE p.record_id = t.id AND p.role = '{role}' ORDER BY p.pos)))")


def _column_json(kind: str, column: str) -> str:
    if kind == "bool":
        return f"CASE WHEN {column} IS NULL THEN NULL WHEN {column} THEN json('true') ELSE json('false') END"
    if kind == "extensions":
        return f"json({column})"  # stored as JSON text: an array in the line, not a string
    return column


# Which records of a table a read takes: all the site's, or those mark_pending noted — a few looked up by id, or
# most of the table (then one walk in rid order beats a lookup per id and a sort of every line at the end).
ALL, LOOKUP, WALK = "all", "lookup", "walk"


@lru_cache(maxsize=None)
def _line_sql(entity: str, pseudonyms: bool, which: str) -> str:
    roles = dict(PERSON_FIELDS.get(entity, ()))
    joins = []
    fields = [f"'type', '{entity}'", "'id', t.id"]
    for name, kind, i in exchange_plan(entity):
        if i >= 0:
            value = _column_json(kind, f"t.{name}")
        elif roles[name]:
            value = _list_of_people(entity, name, pseudonyms)
        else:
            # The one person of a field is stored at position 1 (records.persons_of): a join, cheaper than a
            # subquery per record.
            alias = f"p{len(joins)}"
            joins.append(f"LEFT JOIN {PERSON_TABLES[entity]} {alias} ON {alias}.record_id = t.id "
                         f"AND {alias}.role = '{name}' AND {alias}.pos = 1")
            value = f"CASE WHEN {alias}.rid IS NOT NULL THEN {_person_json(alias, pseudonyms)} END"
        fields.append(f"'{name}', {value}")
    meta = ", ".join(f"'{c}', t.{c}" for c in META_COLUMNS)
    line = f"json_object('entity', '{entity}', {meta}, 'record', json_object({', '.join(fields)}))"
    where = "+t.owner_site = ?"  # "+": a walk in rid order, not the owner_site index and a sort
    if which != ALL:
        # "+t.id" for the walk: the id index left alone, the noted ids are a set each row is checked against
        where += f" AND {'+t.id' if which == WALK else 't.id'} IN (SELECT id FROM {_PENDING} WHERE entity = '{entity}')"
    return (f"SELECT CAST({line} AS BLOB) FROM {TABLES[entity]} t {' '.join(joins)} WHERE {where} "
            "ORDER BY t.rid")


def check_shape(entity: str, line: bytes) -> None:
    """Refuse to send a line whose nested values came out as quoted text: the JSON functions of the SQLite in use
    must keep a person, a list of people, a boolean and the extensions as JSON through CASE and subqueries, or the
    upper level would set every such record aside. Checked on the first line of every batch (cheap), never assumed
    for a SQLite version not tested here."""
    try:
        record = orjson.loads(line)["record"]
        ok = isinstance(record, dict) and record.get("type") == entity
        roles = dict(PERSON_FIELDS.get(entity, ()))
        for name, kind, _i in exchange_plan(entity):
            v = record.get(name)
            if v is None:
                continue
            if name in roles:
                ok = ok and (isinstance(v, list) and all(isinstance(p, dict) for p in v) if roles[name]
                             else isinstance(v, dict))
            elif kind == "bool":
                ok = ok and isinstance(v, bool)
            elif kind == "extensions":
                ok = ok and isinstance(v, list)
    except (orjson.JSONDecodeError, KeyError, TypeError):
        ok = False
    if not ok:
        raise DanvanError("sync.payload_shape", sqlite=sqlite3.sqlite_version)


@contextmanager
def _functions(db: Database, pseudonym: Pseudonym | None):
    """The two Python functions the lines need, registered on the connection while they are read. Afterwards the
    names stay behind as stubs that only raise (Python's sqlite3 cannot unregister one): the data key and the
    pseudonym secret the functions held are let go."""
    cipher = cipher_of(db)

    def open_sealed(value: str, aad: str) -> str:
        if cipher is None:
            return MASK
        try:
            return cipher.open(value, aad)
        except FieldUnreadable:
            return MASK

    conn = db.conn
    conn.create_function(_OPEN, 2, open_sealed)
    if pseudonym is not None:
        conn.create_function(_PSEUDONYM, 3, pseudonym)
    try:
        yield
    finally:
        conn.create_function(_OPEN, 2, None)
        if pseudonym is not None:
            conn.create_function(_PSEUDONYM, 3, None)


def mark_pending(db: Database, site_id: str, after_seq: int, upto_seq: int) -> None:
    """Note which of this site's records changed in (after_seq, upto_seq] for `iter_lines(pending=True)`; in a
    temporary table of this connection, so the ids never pass through Python."""
    conn = db.conn
    conn.execute(f"CREATE TABLE IF NOT EXISTS {_PENDING} (entity TEXT NOT NULL, id TEXT NOT NULL, "
                 "PRIMARY KEY (entity, id)) WITHOUT ROWID")
    conn.execute(f"DELETE FROM {_PENDING}")
    conn.execute(f"INSERT OR IGNORE INTO {_PENDING}(entity, id) SELECT entity, id FROM change_log "
                 "WHERE seq > ? AND seq <= ? AND owner_site = ?", [after_seq, upto_seq, site_id])


def clear_pending(db: Database) -> None:
    """Forget the ids mark_pending noted (the export is written): nothing of it stays on the connection."""
    db.conn.execute(f"DROP TABLE IF EXISTS {_PENDING}")


def iter_lines(db: Database, entity: str, *, owner_site: str, pending: bool,
               pseudonym: Pseudonym | None) -> Iterator[list[bytes]]:
    """Batches of payload lines (UTF-8 JSON, no newline) of `entity`'s records owned by `owner_site`, tombstones
    included, in rid order: every such record, or with `pending` those `mark_pending` noted. `pseudonym` None:
    a denouncer's identity goes as it is (the audited choice to send it; USB only)."""
    conn = db.conn
    which = ALL
    if pending:
        noted = conn.execute(f"SELECT count(*) FROM {_PENDING} WHERE entity = ?", [entity]).fetchone()[0]
        if not noted:
            return
        owned = conn.execute(f"SELECT count(*) FROM {TABLES[entity]} WHERE owner_site = ?", [owner_site]).fetchone()[0]
        which = WALK if noted * 4 >= owned * 3 else LOOKUP
    sql = _line_sql(entity, pseudonym is not None, which)
    with _functions(db, pseudonym):
        cur = conn.execute(sql, [owner_site])
        try:
            while True:
                rows = cur.fetchmany(FETCH)
                if not rows:
                    return
                check_shape(entity, rows[0][0])
                yield [r[0] for r in rows]
        finally:
            cur.close()
