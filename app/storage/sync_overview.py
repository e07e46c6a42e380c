"""Read-only SQL for the sync screen: what a commune has not sent yet, what its receipts cover, the bundles it
sent; at the upper level, per commune, the bundles received and the records held."""

from __future__ import annotations

from app.storage.records import TABLES
from app.storage.db import Database


def change_range(db: Database, site_id: str, after_seq: int, upto_seq: int | None = None) -> dict:
    """This site's own changes after `after_seq` (up to `upto_seq`): {"records": distinct records, "first_at",
    "last_seq"}."""
    n, first_at, last = db.conn.execute(
        "SELECT count(DISTINCT entity || '|' || id), min(at), max(seq) FROM change_log "
        "WHERE seq > ? AND seq <= ? AND owner_site = ?",
        [after_seq, upto_seq if upto_seq is not None else 2 ** 62, site_id]).fetchone()
    return {"records": n or 0, "first_at": first_at, "last_seq": last}


def unsent_records_capped(db: Database, site_id: str, after_seq: int, cap: int) -> int:
    """How many distinct own records changed after `after_seq`, counting no further than `cap` — for the
    navigation's mark, on the start-up path: a commune that never sent anything has a change log as long as its
    book, and counting all of it distinctly took half a second at 200,000 records."""
    return db.conn.execute(
        "SELECT count(*) FROM (SELECT DISTINCT entity, id FROM change_log WHERE seq > ? AND owner_site = ? LIMIT ?)",
        [after_seq, site_id, int(cap)]).fetchone()[0]


def change_at(db: Database, site_id: str, seq: int) -> str | None:
    """When this site's newest change at or before `seq` was made (UTC stamp), or None."""
    row = db.conn.execute("SELECT at FROM change_log WHERE seq <= ? AND owner_site = ? ORDER BY seq DESC LIMIT 1",
                          [seq, site_id]).fetchone()
    return row[0] if row else None


def state(db: Database, site_id: str) -> dict | None:
    row = db.conn.execute("SELECT last_ack_seq, updated_at FROM sync_state WHERE site_id = ?", [site_id]).fetchone()
    return {"last_ack_seq": row[0], "updated_at": row[1]} if row else None


def last_sent_seq(db: Database) -> int:
    row = db.conn.execute("SELECT max(seq_to) FROM sync_bundles_sent").fetchone()
    return row[0] or 0


def sent_bundles(db: Database, limit: int = 500) -> list[dict]:
    """Bundles this site wrote, newest first."""
    return list(db.query(
        "SELECT s.bundle_id, s.kind, s.seq_from, s.seq_to, s.records, s.recipient, s.file_name, s.created_at, "
        "s.created_by, p.unit_name AS recipient_name FROM sync_bundles_sent s "
        "LEFT JOIN sync_peers p ON p.fingerprint = s.recipient ORDER BY s.created_at DESC, s.rowid DESC LIMIT ?",
        [limit]))


def received_by_site(db: Database) -> dict[str, dict]:
    """Per sender site: {"bundles", "last_imported_at", "last_seq_to"}."""
    return {r[0]: {"bundles": r[1], "last_imported_at": r[2], "last_seq_to": r[3]} for r in db.conn.execute(
        "SELECT sender_site, count(*), max(imported_at), max(seq_to) FROM sync_bundles_received GROUP BY sender_site")}


def last_receipt_made(db: Database, unit_code: str) -> str | None:
    """When the upper level last made a receipt for this commune (UTC stamp, from the audit log), or None."""
    row = db.conn.execute("SELECT max(at) FROM audit_log WHERE entity IS NULL AND record_id = ? "
                          "AND action = 'sync.ack_export'", [unit_code]).fetchone()
    return row[0] if row else None


def records_by_site(db: Database) -> dict[str, int]:
    """How many live records each owner site has here."""
    out: dict[str, int] = {}
    for table in TABLES.values():
        for site, n in db.conn.execute(f"SELECT owner_site, count(*) FROM {table} WHERE deleted = 0 "
                                       "GROUP BY owner_site"):
            out[site] = out.get(site, 0) + n
    return out
