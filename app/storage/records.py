"""Record tables: mapping between the exchange format and rows, reads, bulk writes. The only SQL for records.

A record's people (citizen, representatives, petitioners, authorised person) live in `<table>_persons`;
everything else is one column per exchange field. Derived columns (record_date, search_fold, person_name,
person_sort, confidential, due_on) serve lists and search and are rebuilt from the record on every write.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Iterator

import orjson

from app.domain.masking import MASK
from app.domain.records import CITIZEN_FIELDS, PERSON_FIELDS, SPECS, is_confidential, record_date
from app.domain.text import fold, name_sort_key
from app.errors import DanvanError
from app.protect.cipher import PREFIX as SEALED_PREFIX, FieldCipher, FieldUnreadable
from app.storage.data_keys import cipher_of
from app.storage.db import Database

TABLES = {"reception": "receptions", "petition": "petitions", "model": "models", "dialogue": "dialogues"}
PERSON_TABLES = {"reception": "receptions_persons", "petition": "petitions_persons"}

# One column per scalar exchange field (in spec order); people are stored apart.
EXCHANGE_COLUMNS: dict[str, tuple[str, ...]] = {
    t: tuple(f.name for f in spec if f.name not in ("type", "id") and f.kind not in ("citizen", "citizens"))
    for t, spec in SPECS.items()
}
_KINDS = {t: {f.name: f.kind for f in spec} for t, spec in SPECS.items()}
META_COLUMNS = ("id", "rev", "owner_site", "deleted", "created_at", "created_by", "updated_at", "updated_by")
DERIVED_COLUMNS = {
    "reception": ("record_date", "search_fold", "person_name", "person_sort", "confidential", "due_on"),
    "petition": ("record_date", "search_fold", "person_name", "person_sort", "confidential", "due_on"),
    "model": ("record_date", "search_fold"),
    "dialogue": ("record_date", "search_fold"),
}
DUE_TABLES = ("reception", "petition")  # the types with a stored due date (derived, recomputed, never exchanged)
PERSON_COLUMNS = tuple(f.name for f in CITIZEN_FIELDS)
# Sealed with the data key (issue 7): every ID number; a confidential record's people also by name and contact.
ALWAYS_SEALED = ("id_number",)
SEALED_WHEN_CONFIDENTIAL = ("name", "id_number", "phone", "address", "ward_code")  # the commune hints where they live
STORED_PERSON_COLUMNS = ("record_id", "role", "pos") + PERSON_COLUMNS + ("name_fold", "name_sort", "id_hash")
# A person's name as list queries may hand it out (alias p): a sealed name (a denouncer's) never leaves as text —
# the caller shows "[Bảo mật]" or opens the record.
CLEAR_NAME = f"CASE WHEN p.name LIKE '{SEALED_PREFIX}%' THEN NULL ELSE p.name END"
# Text that goes into the full-text index (folded). ID numbers never do (INTERFACES.md).
SEARCH_TEXT_FIELDS = {
    "reception": ("case_no", "content", "host_name", "prior_handler", "forwarded_to", "result", "note"),
    "petition": ("case_no", "content", "respondent", "forwarded_to", "note"),
    "model": ("name", "owner", "description", "goals", "content_method", "area", "note"),
    "dialogue": ("chair", "topics", "commitments", "follow_up", "note"),
}
TITLE_FIELD = {"reception": "content", "petition": "content", "model": "name", "dialogue": "topics"}


@lru_cache(maxsize=65536)
def name_keys(name: str) -> tuple[str, str]:
    """(folded, Vietnamese sort key) of a person's name — cached: an import meets the same names again and again."""
    return fold(name), name_sort_key(name)


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def canonical_json(obj) -> str:
    """Sorted keys, no spaces, UTF-8 as is — the same bytes every time for the same data."""
    return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS).decode("utf-8")


def state_hash(record: dict, rev: int, deleted: int, owner_site: str) -> str:
    """SHA-256 of a record's full state; the audit log keeps it so `check` notices edits made behind our back."""
    payload = orjson.dumps({"r": record, "rev": rev, "del": int(bool(deleted)), "site": owner_site},
                           option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(payload).hexdigest()


@dataclass
class Stored:
    """A record as stored: the exchange-format dict plus its sync/audit metadata."""

    entity: str
    record: dict
    rev: int
    owner_site: str
    deleted: int
    created_at: str
    created_by: str | None
    updated_at: str
    updated_by: str | None
    extra: dict = field(default_factory=dict)  # derived columns (due_on, confidential …)

    @property
    def id(self) -> str:
        return self.record["id"]

    def state_hash(self) -> str:
        return state_hash(self.record, self.rev, self.deleted, self.owner_site)


# -- mapping ----------------------------------------------------------------------------------------------

def _to_column(kind: str, value):
    if value is None:
        return None
    if kind == "bool":
        return 1 if value else 0
    if kind == "extensions":
        return canonical_json(value)
    return value


def _from_column(kind: str, value):
    if value is None:
        return None
    if kind == "bool":
        return bool(value)
    if kind == "extensions":
        return json.loads(value)
    return value


def persons_of(entity: str, record: dict) -> list[tuple[str, int, dict]]:
    """(role, position, person) for each person in the record; role is the exchange field name."""
    out = []
    for fname, is_list in PERSON_FIELDS.get(entity, ()):
        v = record.get(fname)
        if not v:
            continue
        if is_list:
            out.extend((fname, i, p) for i, p in enumerate(v, 1))
        else:
            out.append((fname, 1, v))
    return out


def derive(entity: str, record: dict, due_on: str | None = None) -> dict:
    """The derived columns of a record. A confidential record keeps its people out of the index and lists."""
    confidential = is_confidential(record)
    parts = [record.get(k) for k in SEARCH_TEXT_FIELDS[entity]]
    out = {"record_date": record_date(record)}
    if entity in PERSON_TABLES:
        people = persons_of(entity, record)
        first = next((p.get("name") for _, _, p in people if p.get("name")), None)
        if not confidential:
            parts.extend(p.get("name") for _, _, p in people)
            parts.extend(p.get("address") for _, _, p in people)
            out["person_name"] = first
            out["person_sort"] = name_keys(first)[1] if first else None
        else:
            out["person_name"] = None
            out["person_sort"] = None
        out["confidential"] = 1 if confidential else 0
    if entity in DUE_TABLES:
        out["due_on"] = due_on
    out["search_fold"] = fold(" ".join(p for p in parts if p))
    return out


class KeyRequired(DanvanError):
    """A protected field must be written but this account does not hold the data key."""

    code = "key_required"

    def __init__(self):
        super().__init__("protect.no_key")


def field_aad(record_id: str, role: str, pos: int, column: str) -> str:
    """What a sealed person field is bound to: moved to another record, person or column, it no longer opens."""
    return f"{record_id}|{role}|{pos}|{column}"


def open_value(cipher: FieldCipher | None, v, record_id: str, role: str, pos: int, column: str):
    """One stored person value: a sealed one opened with the data key — or "[Bảo mật]" without it."""
    if v.__class__ is str and v.startswith(SEALED_PREFIX):
        if cipher is None:
            return MASK
        try:
            return cipher.open(v, field_aad(record_id, role, pos, column))
        except FieldUnreadable:
            return MASK
    return v


def _open_person_row(cipher: FieldCipher | None, row: tuple) -> dict:
    """A stored person (a _PERSON_READ tuple: this runs for every person of an export) with its sealed fields
    opened — or shown as "[Bảo mật]" without the data key."""
    rid, role, pos = row[0], row[1], row[2]
    out = {}
    for k, v in zip(PERSON_COLUMNS, row[3:]):
        if v is not None:
            # The prefix test inline: most values are not sealed, and a call per value is what costs here.
            out[k] = open_value(cipher, v, rid, role, pos, k) if v.__class__ is str and v.startswith(SEALED_PREFIX) \
                else v
    return out


def seal_person(cipher: FieldCipher | None, record_id: str, role: str, pos: int, person: dict,
                confidential: bool) -> tuple:
    """The stored columns of one person (STORED_PERSON_COLUMNS order): protected fields sealed, the ID number's
    keyed hash for exact lookups, and no name keys for a confidential person (they would reveal the name)."""
    sealed = SEALED_WHEN_CONFIDENTIAL if confidential else ALWAYS_SEALED
    values = []
    id_hash = None
    for c in PERSON_COLUMNS:
        v = person.get(c)
        if v is not None and v != "" and c in sealed:
            if cipher is None:
                raise KeyRequired()
            if c == "id_number":
                id_hash = cipher.id_hash(str(v))
            v = cipher.seal(str(v), field_aad(record_id, role, pos, c))
        values.append(v)
    name = person.get("name")
    keys = name_keys(name) if name and not confidential else (None, None)
    return (record_id, role, pos, *values, *keys, id_hash)


_ONE_PERSON, _PERSON_LIST = "person", "person_list"


# What a read brings back: every column but search_fold (a folded copy of the record's text, as long as the text
# itself, which only the search index needs) — a bundle of 100,000 records read it all for nothing.
_READ_DERIVED = {e: tuple(c for c in cols if c != "search_fold") for e, cols in DERIVED_COLUMNS.items()}
_PERSON_READ = ("record_id", "role", "pos") + PERSON_COLUMNS


@lru_cache(maxsize=None)
def _read_order(entity: str) -> tuple[str, ...]:
    """The columns a read selects, in order: rows are plain tuples indexed by position (sqlite3.Row's lookup by
    name compares the names one by one — a third of the time reading 100,000 records for a bundle)."""
    return ("rid",) + META_COLUMNS + EXCHANGE_COLUMNS[entity] + _READ_DERIVED[entity]


@lru_cache(maxsize=None)
def _read_columns(entity: str) -> str:
    return ", ".join(q(c) for c in _read_order(entity))


_RID, _ID = 0, 1  # positions in _read_order; META_COLUMNS follow the rid
_CONVERTED = frozenset({"bool", "extensions"})  # the kinds _from_column changes; the others are stored as they are


@lru_cache(maxsize=None)
def exchange_plan(entity: str) -> tuple[tuple[str, object, int], ...]:
    """The exchange format's fields after "type" and "id", in its order, each with how it is read: (name, one
    person / a list of people of that role, -1), or (name, the column's kind, its position in the row)."""
    kinds = _KINDS[entity]
    roles = dict(PERSON_FIELDS.get(entity, ()))
    at = {c: i for i, c in enumerate(_read_order(entity))}
    columns = set(EXCHANGE_COLUMNS[entity])
    plan = []
    for f in SPECS[entity]:
        if f.name in roles:
            plan.append((f.name, _PERSON_LIST if roles[f.name] else _ONE_PERSON, -1))
        elif f.name in columns:
            plan.append((f.name, kinds[f.name], at[f.name]))
    return tuple(plan)


def row_to_record(entity: str, row: tuple, persons: list[tuple] | None, cipher: FieldCipher | None = None) -> dict:
    """`row`: a tuple in _read_order(entity); `persons`: its people as _PERSON_READ tuples. Built in one pass in the
    exchange format's key order: this runs for every record of a bundle or an export."""
    people: dict[str, list[dict]] = {}
    for p in persons or ():
        people.setdefault(p[1], []).append(_open_person_row(cipher, p))
    rec = {"type": entity, "id": row[_ID]}
    for name, kind, i in exchange_plan(entity):
        if i < 0:
            if name in people:
                rec[name] = people[name] if kind is _PERSON_LIST else people[name][-1]
            continue
        v = row[i]
        if v is not None:
            rec[name] = v if kind not in _CONVERTED else _from_column(kind, v)
    return rec

# -- reads ------------------------------------------------------------------------------------------------

def _persons_for(db: Database, entity: str, ids: list[str]) -> dict[str, list[tuple]]:
    if entity not in PERSON_TABLES or not ids:
        return {}
    out: dict[str, list[tuple]] = {}
    table = PERSON_TABLES[entity]
    conn = db.conn
    columns = ", ".join(_PERSON_READ)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for p in conn.execute(f"SELECT {columns} FROM {table} WHERE record_id IN ({marks}) "
                              "ORDER BY record_id, role, pos", chunk):
            out.setdefault(p[0], []).append(p)
    return out


def _stored(entity: str, row: tuple, persons: list[tuple] | None, cipher: FieldCipher | None = None) -> Stored:
    _id, rev, owner_site, deleted, created_at, created_by, updated_at, updated_by = row[1:9]  # META_COLUMNS
    derived = _READ_DERIVED[entity]
    return Stored(entity, row_to_record(entity, row, persons, cipher), rev, owner_site, deleted, created_at,
                  created_by, updated_at, updated_by, dict(zip(derived, row[len(row) - len(derived):])))


def get(db: Database, entity: str, record_id: str) -> Stored | None:
    rows = db.conn.execute(f"SELECT {_read_columns(entity)} FROM {TABLES[entity]} WHERE id = ?",
                           [record_id]).fetchall()
    if not rows:
        return None
    return _stored(entity, rows[0], _persons_for(db, entity, [record_id]).get(record_id), cipher_of(db))


def get_many(db: Database, entity: str, ids: list[str]) -> dict[str, Stored]:
    out: dict[str, Stored] = {}
    rows: list = []
    conn = db.conn
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        rows.extend(conn.execute(f"SELECT {_read_columns(entity)} FROM {TABLES[entity]} WHERE id IN ({marks})", chunk))
    persons = _persons_for(db, entity, [r[_ID] for r in rows])
    cipher = cipher_of(db)
    for r in rows:
        out[r[_ID]] = _stored(entity, r, persons.get(r[_ID]), cipher)
    return out


def entity_of(db: Database, record_id: str) -> str | None:
    for entity, table in TABLES.items():
        if next(iter(db.query(f"SELECT 1 AS x FROM {table} WHERE id = ?", [record_id])), None):
            return entity
    return None


def existing_ids(db: Database, ids: Iterable[str]) -> dict[str, str]:
    """{id: entity} for those of `ids` already stored (in any table)."""
    ids = list(ids)
    if not ids:
        return {}
    conn = db.conn
    found: dict[str, str] = {}
    if not any(conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone() for t in TABLES.values()):
        return found  # a first import into an empty book
    if len(ids) <= 500:
        marks = ",".join("?" * len(ids))
        for entity, table in TABLES.items():
            for r in conn.execute(f"SELECT id FROM {table} WHERE id IN ({marks})", ids):
                found[r[0]] = entity
        return found
    # Many ids (an import): one temporary table joined against each record table.
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS _lookup_ids (id TEXT PRIMARY KEY) WITHOUT ROWID")
    conn.execute("DELETE FROM _lookup_ids")
    conn.executemany("INSERT OR IGNORE INTO _lookup_ids(id) VALUES (?)", [(i,) for i in ids])
    for entity, table in TABLES.items():
        for r in conn.execute(f"SELECT t.id FROM _lookup_ids l JOIN {table} t ON t.id = l.id"):
            found[r[0]] = entity
    conn.execute("DELETE FROM _lookup_ids")
    return found


def iter_stored(db: Database, entity: str, *, include_deleted: bool = False,
                date_from: str | None = None, date_to: str | None = None, batch: int = 2000,
                owner_site: str | None = None, owner_sites: tuple[str, ...] | None = None,
                matching: tuple[str, list] | None = None) -> Iterator[Stored]:
    """Every record of a type in rid order, in batches (memory stays flat at 200,000 records); with `owner_site`
    only that site's, with `owner_sites` only those sites' (a unit that re-installed has several); `matching`: a
    list's WHERE clause and parameters over this table (app.storage.listing.where_clause)."""
    where = ["1=1"]
    params: list = []
    if matching is not None:
        where.append(f"({matching[0]})")
        params.extend(matching[1])
    sites = (owner_site,) if owner_site is not None else owner_sites
    if sites is not None:
        # "+": the rowid walk, not the owner_site index and a sort of each batch
        where.append(f"+owner_site IN ({', '.join('?' * len(sites))})" if sites else "0")
        params.extend(sites)
    if not include_deleted:
        where.append("deleted = 0")
    if date_from:
        where.append("record_date >= ?")
        params.append(date_from)
    if date_to:
        where.append("record_date <= ?")
        params.append(date_to)
    last = 0
    table = TABLES[entity]
    cipher = cipher_of(db)
    conn = db.conn
    while True:
        rows = conn.execute(
            f"SELECT {_read_columns(entity)} FROM {table} WHERE rid > ? AND {' AND '.join(where)} "
            f"ORDER BY rid LIMIT {int(batch)}",
            [last, *params]).fetchall()
        if not rows:
            return
        last = rows[-1][_RID]
        persons = _persons_for(db, entity, [r[_ID] for r in rows])
        for r in rows:
            yield _stored(entity, r, persons.get(r[_ID]), cipher)


# -- writes -----------------------------------------------------------------------------------------------

@dataclass
class Write:
    """One record to insert or update, with everything the row needs."""

    entity: str
    record: dict  # cleaned exchange format, with id (and case_no where given)
    rev: int
    owner_site: str
    created_at: str
    created_by: str | None
    updated_at: str
    updated_by: str | None
    is_new: bool
    deleted: int = 0
    due_on: str | None = None


class WritePlan:
    """Turns `Write`s into SQL statements with their rows, without touching the database after construction —
    so an import can prepare one chunk in Python while the previous one is being written (storage/pipeline.py).

    Construction reads what the statements depend on: the next free `rid` of each table and, for updates, the
    old `rid` and search text (the external-content FTS index needs the old text to delete its entry)."""

    def __init__(self, db: Database, writes: list[Write]):
        conn = db.conn
        self.cipher = cipher_of(db)
        self.next_rid: dict[str, int] = {}
        self.old_rows: dict[str, tuple[int, str]] = {}
        for entity, table in TABLES.items():
            self.next_rid[entity] = conn.execute(f"SELECT coalesce(max(rid), 0) FROM {table}").fetchone()[0] + 1
            upd_ids = [w.record["id"] for w in writes if w.entity == entity and not w.is_new]
            for i in range(0, len(upd_ids), 500):
                chunk = upd_ids[i:i + 500]
                for rid, rec_id, fold_text in conn.execute(
                        f"SELECT rid, id, search_fold FROM {table} WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                    self.old_rows[rec_id] = (rid, fold_text)

    def statements(self, writes: list[Write]) -> list[tuple[str, list[tuple]]]:
        by_entity: dict[str, list[Write]] = {}
        for w in writes:
            by_entity.setdefault(w.entity, []).append(w)
        out: list[tuple[str, list[tuple]]] = []
        for entity, items in by_entity.items():
            out.extend(self._entity_statements(entity, items))
        return out

    def _entity_statements(self, entity: str, items: list[Write]) -> list[tuple[str, list[tuple]]]:
        table = TABLES[entity]
        fts = f"{table}_fts"
        kinds = _KINDS[entity]
        ex_cols = EXCHANGE_COLUMNS[entity]
        der_cols = DERIVED_COLUMNS[entity]
        cols = ("rid",) + META_COLUMNS + ex_cols + der_cols
        fold_at = len(cols) - len(der_cols) + der_cols.index("search_fold")
        new_rows, upd_rows, fts_new, fts_old = [], [], [], []
        next_rid = self.next_rid[entity]
        # Only booleans and lists need converting; everything else goes to its column as is.
        convert = [(i, kinds[c]) for i, c in enumerate(ex_cols) if kinds[c] in ("bool", "extensions")]
        for w in items:
            rec = w.record
            der = derive(entity, rec, w.due_on)
            if w.is_new:
                rid = next_rid
                next_rid += 1
            else:
                rid, old_fold = self.old_rows[rec["id"]]
                fts_old.append((rid, old_fold))
            get = rec.get
            ex_values = [get(c) for c in ex_cols]
            for i, kind in convert:
                if ex_values[i] is not None:
                    ex_values[i] = _to_column(kind, ex_values[i])
            values = (
                (rid, rec["id"], w.rev, w.owner_site, w.deleted, w.created_at, w.created_by, w.updated_at, w.updated_by)
                + tuple(ex_values)
                + tuple([der[c] for c in der_cols])
            )
            if w.is_new:
                new_rows.append(values)
            else:
                upd_rows.append(values[2:] + (rec["id"],))
            fts_new.append((rid, values[fold_at]))
        self.next_rid[entity] = next_rid
        out: list[tuple[str, list[tuple]]] = []
        if fts_old:
            out.append((f"INSERT INTO {fts}({fts}, rowid, search_fold) VALUES ('delete', ?, ?)", fts_old))
        if new_rows:
            out.append((f"INSERT INTO {table} ({', '.join(q(c) for c in cols)}) "
                        f"VALUES ({', '.join('?' * len(cols))})", new_rows))
        if upd_rows:
            sets = ", ".join(f"{q(c)} = ?" for c in cols[2:])
            out.append((f"UPDATE {table} SET {sets} WHERE id = ?", upd_rows))
        out.append((f"INSERT INTO {fts}(rowid, search_fold) VALUES (?, ?)", fts_new))
        if entity in PERSON_TABLES:
            ptable = PERSON_TABLES[entity]
            upd_ids = [(w.record["id"],) for w in items if not w.is_new]
            if upd_ids:
                out.append((f"DELETE FROM {ptable} WHERE record_id = ?", upd_ids))
            prow = []
            for w in items:
                confidential = is_confidential(w.record)
                for role, pos, p in persons_of(entity, w.record):
                    prow.append(seal_person(self.cipher, w.record["id"], role, pos, p, confidential))
            if prow:
                pcols = STORED_PERSON_COLUMNS
                out.append((f"INSERT INTO {ptable} ({', '.join(pcols)}) VALUES ({', '.join('?' * len(pcols))})",
                            prow))
        return out


CHANGE_LOG_SQL = "INSERT INTO change_log(entity, id, rev, owner_site, at) VALUES (?, ?, ?, ?, ?)"


def change_log_rows(writes: list[Write], at: str) -> list[tuple]:
    return [(w.entity, w.record["id"], w.rev, w.owner_site, at) for w in writes]


@contextlib.contextmanager
def bulk_change_logging(db: Database):
    """For a big import only, inside its write transaction: lift the per-row INSERT triggers that fill
    change_log (SQLite's per-row trigger cost made them a third of an import's time) while the caller writes
    the same change_log rows itself in bulk; the triggers are put back, identical, before the commit.

    Safe because the transaction holds the write lock throughout (no other writer can insert meanwhile) and
    DDL is transactional: a crash or an error rolls the triggers back into place with everything else."""
    conn = db.conn
    assert conn.in_transaction, "bulk_change_logging needs the caller's write transaction"
    saved = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
        f"({', '.join('?' * len(TABLES))})", [f"{t}_log_ai" for t in TABLES.values()]).fetchall()
    for name, _sql in saved:
        conn.execute(f"DROP TRIGGER {name}")
    try:
        yield
    finally:
        if conn.in_transaction:
            for _name, sql in saved:
                conn.execute(sql)


def execute_statements(db: Database, statements: list[tuple[str, list[tuple]]]) -> None:
    """Run statements prepared by WritePlan / audit.Chain, in order."""
    for sql, rows in statements:
        db.conn.executemany(sql, rows)


def write_many(db: Database, writes: list[Write]) -> None:
    """Insert or update rows, their people and their full-text entries — call inside a write transaction."""
    execute_statements(db, WritePlan(db, writes).statements(writes))


def rebuild_search_index(db: Database) -> None:
    """Rebuild every full-text index from its table (derived data; e.g. after a repair)."""
    for table in TABLES.values():
        db.conn.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")


def petitions_made_from(db: Database, reception_id: str) -> list[str]:
    """Case numbers (or ids, before one is given) of the live petitions linked to a reception."""
    return [r[0] for r in db.conn.execute(
        "SELECT coalesce(case_no, id) FROM petitions WHERE reception_id = ? AND deleted = 0 ORDER BY rid",
        (reception_id,))]


def live_count(db: Database, entity: str) -> int:
    """How many records of a type are not deleted (a long walk's progress total)."""
    return db.conn.execute(f"SELECT count(*) FROM {TABLES[entity]} WHERE deleted = 0").fetchone()[0]


def set_due_dates(db: Database, pairs: list[tuple[str | None, str]], entity: str = "petition") -> None:
    """Store recomputed due dates [(due_on, id)] — derived data, so rev and change_log are untouched."""
    db.conn.executemany(f"UPDATE {TABLES[entity]} SET due_on = ? WHERE id = ?", pairs)


CASE_NUMBERED_TABLES = ("receptions", "petitions")  # one sequence per unit and year, shared by both


def case_no_taken(db: Database, case_no: str, except_id: str | None = None) -> bool:
    for table in CASE_NUMBERED_TABLES:
        row = db.conn.execute(f"SELECT id FROM {table} WHERE case_no = ?", [case_no]).fetchone()
        if row is not None and row[0] != except_id:
            return True
    return False


def petition_with_case_no(db: Database, case_no: str) -> tuple[str, str | None] | None:
    """(id, received_on) of the live petition numbered `case_no`, or None."""
    row = db.conn.execute("SELECT id, received_on FROM petitions WHERE case_no = ? AND deleted = 0",
                          [case_no]).fetchone()
    return (row[0], row[1]) if row else None


def case_numbers(db: Database, ids: Iterable[str]) -> dict[str, str]:
    """{id: case_no} for those of `ids` that are receptions or petitions with a case number."""
    ids = list(dict.fromkeys(ids))
    out: dict[str, str] = {}
    for table in CASE_NUMBERED_TABLES:
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for rid, case_no in db.conn.execute(
                    f"SELECT id, case_no FROM {table} WHERE id IN ({','.join('?' * len(chunk))}) "
                    "AND case_no IS NOT NULL", chunk):
                out[rid] = case_no
    return out


def highest_case_numbers(db: Database, unit_code: str) -> dict[int, int]:
    """{year: the highest case number held here for `unit_code`} (any site's records of that unit)."""
    prefix = f"{unit_code}-"
    out: dict[int, int] = {}
    for table in CASE_NUMBERED_TABLES:
        for (cn,) in db.conn.execute(f"SELECT case_no FROM {table} WHERE case_no LIKE ?", [prefix + "%"]):
            year, _, tail = cn[len(prefix):].partition("-")
            if year.isdigit() and len(year) == 4 and tail.isdigit():
                out[int(year)] = max(out.get(int(year), 0), int(tail))
    return out


def raise_case_counter(db: Database, unit_code: str, year: int, at_least: int) -> None:
    """The next case number of (unit, year) comes after `at_least` — inside the caller's write transaction."""
    db.conn.execute(
        "INSERT INTO case_counters(unit_code, year, last) VALUES (?, ?, ?) "
        "ON CONFLICT(unit_code, year) DO UPDATE SET last = max(last, excluded.last)", [unit_code, year, at_least])


def next_case_numbers(db: Database, unit_code: str, year: int, n: int, kept: frozenset[int] = frozenset()) -> list[int]:
    """Reserve `n` free case numbers for (unit, year) — inside the caller's write transaction.

    Numbers kept from an imported book may already sit above the counter; those are skipped, never reused —
    and so are `kept`, the numbers the same import keeps for its other records (not written yet)."""
    row = db.conn.execute("SELECT last FROM case_counters WHERE unit_code = ? AND year = ?", [unit_code, year]).fetchone()
    last = row[0] if row else 0
    prefix = f"{unit_code}-{year}-"
    taken: set[int] = set(kept)
    for table in CASE_NUMBERED_TABLES:
        for (cn,) in db.conn.execute(f"SELECT case_no FROM {table} WHERE case_no > ? AND case_no LIKE ?",
                                     [prefix, prefix + "%"]):
            tail = cn[len(prefix):]
            if tail.isdigit() and int(tail) > last:
                taken.add(int(tail))
    out: list[int] = []
    k = last
    while len(out) < n:
        k += 1
        if k not in taken:
            out.append(k)
    db.conn.execute(
        "INSERT INTO case_counters(unit_code, year, last) VALUES (?, ?, ?) "
        "ON CONFLICT(unit_code, year) DO UPDATE SET last = excluded.last", [unit_code, year, k])
    return out
