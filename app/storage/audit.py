"""The append-only audit log, chained by hashes.

Each entry's hash covers its own fields and the previous entry's hash, so removing, reordering or editing an
entry breaks the chain. Entries about a record carry the SHA-256 of the record's new state, so `check` notices a
row edited with another SQLite tool: its state no longer matches the last audited one.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Iterator

import orjson

from app.storage.db import Database

GENESIS = "0" * 64


@dataclass
class Entry:
    action: str
    user: str | None = None
    entity: str | None = None
    record_id: str | None = None
    state_hash: str | None = None
    detail: str | None = None  # short, never personal data (no ID numbers, no denouncer names)

    def __post_init__(self) -> None:
        # A file name Linux could not read as UTF-8 (bytes of an old Windows code page on a stick) reaches Python
        # with lone surrogates, which neither the hash nor SQLite can encode: kept with "?" in their place.
        d = self.detail
        if d is not None and not d.isascii():
            try:
                d.encode("utf-8")
            except UnicodeEncodeError:
                self.detail = d.encode("utf-8", "replace").decode("utf-8")


def entry_hash(prev_hash: str, seq: int, at: str, user, action, entity, record_id, state_hash, detail) -> str:
    # Unit-separated fields; free text (user, detail) JSON-quoted so no value can imitate a separator.
    body = b"\x1f".join((prev_hash.encode(), str(seq).encode(), at.encode(), orjson.dumps(user), action.encode(),
                         (entity or "").encode(), (record_id or "").encode(), (state_hash or "").encode(),
                         orjson.dumps(detail)))
    return hashlib.sha256(body).hexdigest()


INSERT_SQL = ("INSERT INTO audit_log(seq, at, user, action, entity, record_id, state_hash, detail, prev_hash, hash) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


class Chain:
    """The head of the chain, read once; then rows are made in Python (for pipelined imports)."""

    def __init__(self, db: Database):
        conn = db.conn
        row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        self.seq, self.prev = (row[0], row[1]) if row else (0, GENESIS)
        # AUTOINCREMENT never reuses a number, even after a rolled-back insert; continue from the highest ever.
        top = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'").fetchone()
        if top and top[0] > self.seq:
            self.seq = top[0]

    def statement(self, entries: list[Entry], at: str) -> tuple[str, list[tuple]]:
        rows = []
        seq, prev = self.seq, self.prev
        for e in entries:
            seq += 1
            h = entry_hash(prev, seq, at, e.user, e.action, e.entity, e.record_id, e.state_hash, e.detail)
            rows.append((seq, at, e.user, e.action, e.entity, e.record_id, e.state_hash, e.detail, prev, h))
            prev = h
        self.seq, self.prev = seq, prev
        return INSERT_SQL, rows


def append(db: Database, entries: list[Entry], at: str) -> None:
    """Append entries — call inside the same write transaction as the change they describe."""
    if not entries:
        return
    sql, rows = Chain(db).statement(entries, at)
    db.conn.executemany(sql, rows)


def verify_chain(db: Database) -> list[dict]:
    """Walk the whole chain; the entries whose link or content does not match their hash. (The latest state of
    each record is read afterwards by latest_state_hashes, through the index: keeping it for every record of a
    province while walking took ~400 MB.)"""
    problems: list[dict] = []
    prev = GENESIS
    cur = db.conn.execute(
        "SELECT seq, at, user, action, entity, record_id, state_hash, detail, prev_hash, hash FROM audit_log ORDER BY seq")
    for seq, at, user, action, entity, record_id, sh, detail, prev_hash, h in cur:
        if prev_hash != prev:
            problems.append({"kind": "audit_chain", "seq": seq, "detail": "prev_hash does not match the entry before"})
        if entry_hash(prev_hash, seq, at, user, action, entity, record_id, sh, detail) != h:
            problems.append({"kind": "audit_entry", "seq": seq, "detail": "entry content does not match its hash"})
        prev = h
    return problems


def latest_state_hashes(db: Database, entity: str, ids: list[str]) -> dict[str, str]:
    """The state hash of the latest audit entry that has one, per record id (those with none are absent)."""
    out: dict[str, str] = {}
    at: dict[str, int] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        for record_id, state, seq in db.conn.execute(
                f"SELECT record_id, state_hash, seq FROM audit_log WHERE entity = ? AND record_id IN "
                f"({', '.join('?' * len(chunk))}) AND state_hash IS NOT NULL", [entity, *chunk]):
            if seq > at.get(record_id, -1):
                at[record_id], out[record_id] = seq, state
    return out


def audited_but_absent(db: Database, entity: str, table: str) -> list[str]:
    """Ids the audit log holds a state of whose row is gone from `table` (deleted behind the application)."""
    return [r[0] for r in db.conn.execute(
        f"SELECT DISTINCT a.record_id FROM audit_log a WHERE a.entity = ? AND a.record_id IS NOT NULL "
        f"AND a.state_hash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {table} t WHERE t.id = a.record_id)",
        [entity])]


def latest_stamp(db: Database, among_last: int) -> str | None:
    """The latest time stamp among the last `among_last` entries (not the last entry's: one written by a clock
    that is behind comes after, with an earlier stamp)."""
    row = db.conn.execute("SELECT max(at) FROM (SELECT at FROM audit_log ORDER BY seq DESC LIMIT ?)",
                          (among_last,)).fetchone()
    return row[0] if row else None


def head(db: Database) -> tuple[int, str] | None:
    """The newest entry's number and hash: a mark to tell later whether the log was replaced meanwhile."""
    row = db.conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (row[0], row[1]) if row else None


def holds(db: Database, mark: tuple[int, str]) -> bool:
    """Whether the entry a mark names is still there unchanged (a restore puts back a backup's log, without it)."""
    return db.conn.execute("SELECT 1 FROM audit_log WHERE seq = ? AND hash = ?", mark).fetchone() is not None


def latest_action(db: Database, action: str, *, after_seq: int = 0, among_last: int = 200) -> dict | None:
    """The newest entry of one action after `after_seq`, looked for among the last `among_last` entries only
    (the log has no index on actions; a whole province's log is long)."""
    row = db.conn.execute(
        "SELECT seq, at, user, detail FROM (SELECT seq, at, user, action, detail FROM audit_log ORDER BY seq DESC "
        "LIMIT ?) WHERE action = ? AND seq > ? ORDER BY seq DESC LIMIT 1", (among_last, action, after_seq)).fetchone()
    return dict(zip(("seq", "at", "user", "detail"), row)) if row else None


def recent(db: Database, limit: int = 100) -> Iterator[dict]:
    return db.query("SELECT seq, at, user, action, entity, record_id, detail FROM audit_log ORDER BY seq DESC LIMIT ?",
                    [limit])


# -- reading the log (the "Nhật ký" screen, a citizen's data export) -------------------------------------------

_COLUMNS = "seq, at, user, action, entity, record_id, detail"


@dataclass
class Query:
    """Which entries: `at` in [at_from, at_before) (UTC stamps), one user, actions (exact keys), records."""

    at_from: str | None = None
    at_before: str | None = None
    user: str | None = None
    actions: tuple[str, ...] = ()
    record_ids: tuple[str, ...] = ()


def _where(qry: Query) -> tuple[str, list]:
    clauses, params = [], []
    if qry.at_from:
        clauses.append("at >= ?")
        params.append(qry.at_from)
    if qry.at_before:
        clauses.append("at < ?")
        params.append(qry.at_before)
    if qry.user is not None:
        clauses.append("user = ?")
        params.append(qry.user)
    if qry.actions:
        clauses.append(f"action IN ({','.join('?' * len(qry.actions))})")
        params.extend(qry.actions)
    if qry.record_ids:
        clauses.append(f"record_id IN ({','.join('?' * len(qry.record_ids))})")
        params.extend(qry.record_ids)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def count(db: Database, qry: Query) -> int:
    where, params = _where(qry)
    return db.conn.execute(f"SELECT count(*) FROM audit_log{where}", params).fetchone()[0]


def page(db: Database, qry: Query, offset: int, limit: int) -> list[dict]:
    """Newest first."""
    where, params = _where(qry)
    return list(db.query(f"SELECT {_COLUMNS} FROM audit_log{where} ORDER BY seq DESC LIMIT ? OFFSET ?",
                         [*params, int(limit), int(offset)]))


def users(db: Database) -> list[str]:
    return [r[0] for r in db.conn.execute("SELECT DISTINCT user FROM audit_log WHERE user IS NOT NULL ORDER BY user")]


def actions(db: Database) -> list[str]:
    return [r[0] for r in db.conn.execute("SELECT DISTINCT action FROM audit_log ORDER BY action")]


def for_records(db: Database, record_ids: list[str]) -> list[dict]:
    """Every entry about these records, oldest first (uses the (entity, record_id) index through record_id)."""
    out: list[dict] = []
    for i in range(0, len(record_ids), 500):
        chunk = record_ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        out.extend(db.query(f"SELECT {_COLUMNS} FROM audit_log WHERE entity IN ('reception', 'petition', 'model', "
                            f"'dialogue') AND record_id IN ({marks})", chunk))
    return sorted(out, key=lambda r: r["seq"])


def size(db: Database) -> int:
    return db.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
