"""What the audit log says about one record, and the names a form offers again (hosts of earlier receptions)."""

from __future__ import annotations

from app.storage.db import Database



def record_events(db: Database, entity: str, record_id: str) -> list[dict]:
    """The audit entries about one record, oldest first (indexed on entity, record_id)."""
    return [dict(zip(("seq", "at", "user", "action", "detail"), row)) for row in db.conn.execute(
        "SELECT seq, at, user, action, detail FROM audit_log WHERE entity = ? AND record_id = ? ORDER BY seq",
        [entity, record_id])]


def recent_hosts(db: Database, limit: int = 30) -> list[tuple[str, str | None]]:
    """(host name, role last used with it) of live receptions, the most recently received first."""
    rows = db.conn.execute(
        "SELECT host_name, host_role, max(record_date) AS last FROM receptions "
        "WHERE deleted = 0 AND host_name IS NOT NULL GROUP BY host_name ORDER BY last DESC LIMIT ?",
        [int(limit)]).fetchall()
    out = []
    for name, _role, _last in rows:
        role = db.conn.execute(
            "SELECT host_role FROM receptions WHERE deleted = 0 AND host_name = ? AND host_role IS NOT NULL "
            "ORDER BY record_date DESC, rid DESC LIMIT 1", [name]).fetchone()
        out.append((name, role[0] if role else None))
    return out
