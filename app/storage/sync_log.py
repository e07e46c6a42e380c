"""SQL for sync bookkeeping: pending changes (change_log), bundles sent and received, receipts' high-water marks,
conflicts and quarantined records."""

from __future__ import annotations

import json
import sqlite3

from app.protect.cipher import PREFIX, FieldUnreadable, is_sealed
from app.storage.data_keys import cipher_of
from app.storage.db import Database


# -- export side ---------------------------------------------------------------------------------------------------

def last_ack_seq(db: Database, site_id: str) -> int:
    row = db.conn.execute("SELECT last_ack_seq FROM sync_state WHERE site_id = ?", [site_id]).fetchone()
    return row[0] if row else 0


def set_last_ack_seq(db: Database, site_id: str, seq: int, at: str) -> None:
    """Move the mark forward only: an old receipt arriving late never moves it back."""
    db.conn.execute("INSERT INTO sync_state(site_id, last_ack_seq, updated_at) VALUES (?, ?, ?) "
                    "ON CONFLICT(site_id) DO UPDATE SET last_ack_seq = max(last_ack_seq, excluded.last_ack_seq), "
                    "updated_at = excluded.updated_at", [site_id, seq, at])


# After a restore, or a receipt whose state digest disagrees, the next export is a full snapshot (SYNC.md). A flag
# among the settings (existing table, not audited as a unit setting): set by those two, cleared by the export.
SNAPSHOT_FLAG = "next_export_snapshot"


def snapshot_due(db: Database) -> bool:
    row = db.conn.execute("SELECT value FROM settings WHERE key = ?", [SNAPSHOT_FLAG]).fetchone()
    return bool(row and row[0] == "1")


def set_snapshot_due(db: Database, due: bool) -> None:
    if due:
        db.conn.execute("INSERT INTO settings(key, value) VALUES (?, '1') "
                        "ON CONFLICT(key) DO UPDATE SET value = '1'", [SNAPSHOT_FLAG])
    else:
        db.conn.execute("DELETE FROM settings WHERE key = ?", [SNAPSHOT_FLAG])


def own_seq_range(db: Database, site_id: str) -> tuple[int, int]:
    """(first, last) change-log seq of this site's own records; (0, 0) when it has none."""
    lo, hi = db.conn.execute("SELECT min(seq), max(seq) FROM change_log WHERE owner_site = ?", [site_id]).fetchone()
    return (lo or 0, hi or 0)


def pending_range(db: Database, site_id: str, after_seq: int) -> tuple[int, int]:
    """(seq_from, seq_to) of this site's own changes after `after_seq`; (0, 0) when there are none (the records
    themselves: `payload_lines.mark_pending`). Rows imported from another site keep its owner_site, so they are
    never counted here."""
    lo, hi = db.conn.execute("SELECT min(seq), max(seq) FROM change_log WHERE seq > ? AND owner_site = ?",
                             [after_seq, site_id]).fetchone()
    return (lo, hi) if lo is not None else (0, 0)


def add_sent(db: Database, *, bundle_id: str, kind: str, seq_from: int, seq_to: int, records: int,
             recipient: str, file_name: str, at: str, by: str | None) -> None:
    db.conn.execute("INSERT INTO sync_bundles_sent(bundle_id, kind, seq_from, seq_to, records, recipient, file_name, "
                    "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [bundle_id, kind, seq_from, seq_to, records, recipient, file_name, at, by])


def last_sent_snapshot(db: Database) -> str | None:
    """The bundle id of the latest snapshot this site wrote, if any."""
    row = db.conn.execute("SELECT bundle_id FROM sync_bundles_sent WHERE kind = 'snapshot' "
                          "ORDER BY created_at DESC, rowid DESC LIMIT 1").fetchone()
    return row[0] if row else None


# -- import side ---------------------------------------------------------------------------------------------------

def received(db: Database, bundle_id: str) -> dict | None:
    row = db.conn.execute("SELECT imported_at, summary FROM sync_bundles_received WHERE bundle_id = ?",
                          [bundle_id]).fetchone()
    return {"imported_at": row[0], "summary": json.loads(row[1])} if row else None


def add_received(db: Database, *, bundle_id: str, sender_unit: str, sender_site: str,
                 sender_fingerprint: str, seq_from: int, seq_to: int, file_sha256: str, at: str, by: str | None,
                 summary: dict) -> bool:
    """Record a bundle as imported; False (nothing written) when its id already was — the UNIQUE constraint
    decides, so two imports racing cannot both apply it."""
    try:
        db.conn.execute(
            "INSERT INTO sync_bundles_received(bundle_id, sender_unit, sender_site, sender_fingerprint, seq_from, "
            "seq_to, file_sha256, imported_at, imported_by, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [bundle_id, sender_unit, sender_site, sender_fingerprint, seq_from, seq_to, file_sha256, at, by,
             json.dumps(summary, ensure_ascii=False, sort_keys=True)])
    except sqlite3.IntegrityError:
        return False
    return True


def set_summary(db: Database, bundle_id: str, summary: dict) -> None:
    db.conn.execute("UPDATE sync_bundles_received SET summary = ? WHERE bundle_id = ?",
                    [json.dumps(summary, ensure_ascii=False, sort_keys=True), bundle_id])


def _review_aad(record_id) -> str:
    """What a sealed review copy is bound to (its record): moved to another row, it no longer opens."""
    return f"review|{record_id or ''}"


def _seal_copy(db: Database, record_id, text: str | None) -> str | None:
    """A record kept for review holds ID numbers (and, if the commune chose to send them, identities): sealed
    with the data key like the records themselves (issue 7)."""
    cipher = cipher_of(db)
    if text is None or cipher is None:
        return text
    return cipher.seal(text, _review_aad(record_id))


def open_review_copy(db: Database, record_id, text: str | None) -> str | None:
    """The JSON text of a record kept for conflict review or quarantine (opened, or None without the key)."""
    if text is None or not is_sealed(text):
        return text
    cipher = cipher_of(db)
    if cipher is None:
        return None
    try:
        return cipher.open(text, _review_aad(record_id))
    except FieldUnreadable:
        return None


def seal_review_copies(db: Database, cipher) -> None:
    """Seal the review copies written in clear before migration 0003 (inside the caller's transaction)."""
    for table, columns in (("sync_conflicts", ("local_record", "incoming_record")), ("sync_quarantine", ("record",))):
        for column in columns:
            rows = db.conn.execute(f"SELECT id, record_id, {column} FROM {table} "
                                   f"WHERE {column} IS NOT NULL AND {column} NOT LIKE '{PREFIX}%'").fetchall()
            db.conn.executemany(f"UPDATE {table} SET {column} = ? WHERE id = ?",
                                [(cipher.seal(text, _review_aad(rid)), row_id) for row_id, rid, text in rows])


def _opened(db: Database, rows: list[dict], columns: tuple[str, ...]) -> list[dict]:
    for r in rows:
        for c in columns:
            r[c] = open_review_copy(db, r.get("record_id"), r.get(c))
    return rows


def add_conflict(db: Database, *, bundle_id: str, entity: str, record_id: str, reason: str,
                 local: dict | None, incoming: dict, at: str) -> bool:
    """Keep both versions (`local` / `incoming`: {"rev", "owner_site", "record"}) for a person to review — once.

    False, and nothing written, when this very incoming version was kept already (open or settled: a commune
    re-sends it until the receipt's digest agrees). An open conflict of the same record is brought up to date with
    the newer version instead of a second one being added, so one record is one line to review."""
    incoming_text = json.dumps(incoming["record"], ensure_ascii=False, sort_keys=True)
    rows = db.conn.execute("SELECT id, incoming_rev, incoming_owner_site, incoming_record, resolved_at "
                           "FROM sync_conflicts WHERE record_id = ? ORDER BY id", [record_id]).fetchall()
    for _, rev, site, text, _resolved in rows:
        if (rev, site) == (incoming["rev"], incoming["owner_site"]) \
                and open_review_copy(db, record_id, text) == incoming_text:
            return False
    values = [bundle_id, entity, reason, local and local["rev"], local and local["owner_site"],
              _seal_copy(db, record_id, local and json.dumps(local["record"], ensure_ascii=False, sort_keys=True)),
              incoming["rev"], incoming["owner_site"], _seal_copy(db, record_id, incoming_text), at]
    still_open = [r[0] for r in rows if r[4] is None]
    if still_open:
        db.conn.execute("UPDATE sync_conflicts SET bundle_id = ?, entity = ?, reason = ?, local_rev = ?, "
                        "local_owner_site = ?, local_record = ?, incoming_rev = ?, incoming_owner_site = ?, "
                        "incoming_record = ?, found_at = ? WHERE id = ?", values + [still_open[-1]])
    else:
        db.conn.execute(
            "INSERT INTO sync_conflicts(bundle_id, entity, reason, local_rev, local_owner_site, local_record, "
            "incoming_rev, incoming_owner_site, incoming_record, found_at, record_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values + [record_id])
    return True


def conflicts(db: Database, bundle_id: str | None = None) -> list[dict]:
    sql, params = "SELECT * FROM sync_conflicts", []
    if bundle_id:
        sql, params = sql + " WHERE bundle_id = ?", [bundle_id]
    return _opened(db, list(db.query(sql + " ORDER BY id", params)), ("local_record", "incoming_record"))


def add_quarantined(db: Database, *, bundle_id: str, sender_site: str, entity, record_id,
                    record, reason: str, at: str) -> None:
    """Set one received record aside. A record already held from the same site is replaced by this newer copy
    (a commune re-sends what is not acknowledged: one record stays one line)."""
    record_id = record_id if isinstance(record_id, str) else None
    if record_id is not None:
        db.conn.execute("DELETE FROM sync_quarantine WHERE sender_site = ? AND record_id = ?",
                        [sender_site, record_id])
    db.conn.execute("INSERT INTO sync_quarantine(bundle_id, sender_site, entity, record_id, record, reason, at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [bundle_id, sender_site, entity if isinstance(entity, str) else None, record_id,
                     _seal_copy(db, record_id, json.dumps(record, ensure_ascii=False, sort_keys=True, default=str)),
                     reason, at])


def quarantined(db: Database, bundle_id: str | None = None) -> list[dict]:
    sql, params = "SELECT * FROM sync_quarantine", []
    if bundle_id:
        sql, params = sql + " WHERE bundle_id = ?", [bundle_id]
    return _opened(db, list(db.query(sql + " ORDER BY id", params)), ("record",))


def received_bundle_ids(db: Database, sender_site: str) -> list[str]:
    """The bundles received from one site, in the order they were imported (for its receipt)."""
    return [r[0] for r in db.conn.execute(
        "SELECT bundle_id FROM sync_bundles_received WHERE sender_site = ? ORDER BY imported_at", [sender_site])]


def open_gaps(db: Database, sender_site: str) -> list[list[int]]:
    """Seq ranges of `sender_site` still missing above its contiguous high-water seq: holes between the bundles
    received after it (a lost stick whose content no later bundle has carried yet)."""
    cur = last_ack_seq(db, sender_site)
    out = []
    for seq_from, seq_to in db.conn.execute(
            "SELECT seq_from, seq_to FROM sync_bundles_received WHERE sender_site = ? AND seq_to > ? "
            "ORDER BY seq_from", [sender_site, cur]):
        if seq_from > cur + 1:
            out.append([cur + 1, seq_from - 1])
        cur = max(cur, seq_to)
    return out


def held_now_sql(alias: str) -> str:
    """SQL: true when `alias`.record_id is now held in one of the record tables (a quarantined record is settled
    once a valid copy of it came in a later bundle)."""
    from app.storage.records import TABLES

    return "(" + " OR ".join(f"EXISTS (SELECT 1 FROM {t} WHERE id = {alias}.record_id)" for t in TABLES.values()) + ")"


def quarantined_of_site(db: Database, sender_site: str) -> list[dict]:
    """{"id", "reason"} of every record of one site still held in quarantine (for its receipt): one line per
    record, and none once a valid copy of it was taken."""
    return [{"id": r[0], "reason": r[1]} for r in db.conn.execute(
        f"SELECT q.record_id, q.reason FROM sync_quarantine q WHERE q.sender_site = ? "
        f"AND (q.record_id IS NULL OR NOT {held_now_sql('q')}) ORDER BY q.id", [sender_site])]


def conflicts_of_site(db: Database, site_id: str) -> list[dict]:
    """{"id", "reason"} of `site_id`'s records under conflict review here and not settled yet, one per record (for
    its receipt: "conflict_same_rev", "conflict_other_site")."""
    return [{"id": r[0], "reason": f"conflict_{r[1]}"} for r in db.conn.execute(
        "SELECT c.record_id, c.reason FROM sync_conflicts c WHERE c.incoming_owner_site = ? AND c.resolved_at IS NULL "
        "AND c.id = (SELECT max(id) FROM sync_conflicts WHERE record_id = c.record_id AND incoming_owner_site = ? "
        "AND resolved_at IS NULL) ORDER BY c.id", [site_id, site_id])]  # the newest open one of each record


def received_not_applied(db: Database, site_id: str) -> dict[tuple[str, str], int]:
    """{(entity, id): rev} of `site_id`'s own records that reached this upper level but are not applied here: under
    conflict review (open or settled) or held in quarantine. The receipt's state digest counts them as received —
    sending them again would change nothing, and a digest that never agreed would make every export a snapshot."""
    out: dict[tuple[str, str], int] = {}

    def take(entity, rid, rev):
        if isinstance(entity, str) and isinstance(rid, str) and isinstance(rev, int) and not isinstance(rev, bool):
            out[(entity, rid)] = max(out.get((entity, rid), 0), rev)

    for entity, rid, rev in db.conn.execute(
            "SELECT entity, record_id, incoming_rev FROM sync_conflicts WHERE incoming_owner_site = ?", [site_id]):
        take(entity, rid, rev)
    for entity, rid, text in db.conn.execute(
            "SELECT entity, record_id, record FROM sync_quarantine WHERE sender_site = ? AND record_id IS NOT NULL",
            [site_id]):
        try:
            line = json.loads(open_review_copy(db, rid, text) or "null")
        except ValueError:
            continue
        if isinstance(line, dict) and line.get("owner_site") == site_id:
            take(entity, rid, line.get("rev"))
    return out


def owned_revisions(db: Database, table: str, site_id: str):
    """(id, rev) of every row of `table` (a name from app.storage.records.TABLES) owned by `site_id`."""
    return db.conn.execute(f"SELECT id, rev FROM {table} WHERE owner_site = ?", [site_id])
