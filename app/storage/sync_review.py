"""SQL of the upper level's review queues beyond app/storage/sync_log (which keeps and reads the two versions of a
conflict and the quarantined records): settling a conflict, what the navigation badge counts, and which
quarantined records are held here since (a corrected copy arrived later)."""

from __future__ import annotations

from app.storage.db import Database
from app.storage.sync_log import held_now_sql


def mark_resolved(db: Database, conflict_id: int, at: str, by: str | None) -> bool:
    """Settle one conflict; False when it was settled already (by someone else meanwhile)."""
    cur = db.conn.execute("UPDATE sync_conflicts SET resolved_at = ?, resolved_by = ? "
                          "WHERE id = ? AND resolved_at IS NULL", [at, by, conflict_id])
    return cur.rowcount == 1


def settled_quarantine_ids(db: Database) -> set[int]:
    """Quarantine rows whose record is held here now (a valid copy of it came in a later bundle)."""
    return {r[0] for r in db.conn.execute(
        f"SELECT q.id FROM sync_quarantine q WHERE q.record_id IS NOT NULL AND {held_now_sql('q')}")}


def open_counts(db: Database) -> dict[str, int]:
    """{"conflicts": unresolved conflicts, "quarantined": quarantined records not held here since}."""
    c = db.conn.execute("SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL").fetchone()[0]
    q = db.conn.execute(f"SELECT count(*) FROM sync_quarantine q WHERE q.record_id IS NULL OR NOT {held_now_sql('q')}"
                        ).fetchone()[0]
    return {"conflicts": c, "quarantined": q}
