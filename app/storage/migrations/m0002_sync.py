"""Migration 0002 — sync bundles (SYNC.md): this site's identity, trusted peers, bundles sent and received, receipts'
high-water marks, conflicts and quarantined records. SHIPPED once released: never edit; add a new migration.

"Already imported" is a UNIQUE constraint on the received bundle id, not a check in code (a race once stored
duplicate submissions in KoboToolbox). Private keys are never here: they live sealed in `<db>.keys`.
"""

SQL = r"""
-- This installation's public identity (the signed body of its .dvkey) and the secret for denouncer pseudonyms.
CREATE TABLE sync_site (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL,
    identity TEXT NOT NULL,
    pseudonym_secret TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Units whose key file was registered: the upper level (at a commune) or communes (at the upper level).
CREATE TABLE sync_peers (
    fingerprint TEXT PRIMARY KEY,
    unit_code TEXT NOT NULL,
    unit_name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('commune', 'upper')),
    site_id TEXT NOT NULL,
    identity TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    registered_at TEXT NOT NULL,
    registered_by TEXT,
    revoked_at TEXT
);
CREATE INDEX sync_peers_unit ON sync_peers(unit_code);
CREATE INDEX sync_peers_site ON sync_peers(site_id);

CREATE TABLE sync_bundles_sent (
    bundle_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('changes', 'snapshot')),
    seq_from INTEGER NOT NULL,
    seq_to INTEGER NOT NULL,
    records INTEGER NOT NULL,
    recipient TEXT NOT NULL,
    file_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT
);

CREATE TABLE sync_bundles_received (
    bundle_id TEXT NOT NULL UNIQUE,
    sender_unit TEXT NOT NULL,
    sender_site TEXT NOT NULL,
    sender_fingerprint TEXT NOT NULL,
    seq_from INTEGER NOT NULL,
    seq_to INTEGER NOT NULL,
    file_sha256 TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT,
    summary TEXT NOT NULL
);
CREATE INDEX sync_bundles_received_site ON sync_bundles_received(sender_site, seq_to);

-- Per site: at a commune its own row holds the newest receipt (last_ack_seq); at the upper level one row per
-- commune site holds the contiguous high-water seq received from it.
CREATE TABLE sync_state (
    site_id TEXT PRIMARY KEY,
    last_ack_seq INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);

-- Same id, same rev, different content (or the same id from two sites): both versions kept for review.
CREATE TABLE sync_conflicts (
    id INTEGER PRIMARY KEY,
    bundle_id TEXT NOT NULL,
    entity TEXT NOT NULL,
    record_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    local_rev INTEGER,
    local_owner_site TEXT,
    local_record TEXT,
    incoming_rev INTEGER NOT NULL,
    incoming_owner_site TEXT NOT NULL,
    incoming_record TEXT NOT NULL,
    found_at TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by TEXT
);
CREATE INDEX sync_conflicts_record ON sync_conflicts(record_id);

-- Records of an accepted bundle that failed validation: kept as received, with the reason, never applied.
CREATE TABLE sync_quarantine (
    id INTEGER PRIMARY KEY,
    bundle_id TEXT NOT NULL,
    sender_site TEXT NOT NULL,
    entity TEXT,
    record_id TEXT,
    record TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX sync_quarantine_bundle ON sync_quarantine(bundle_id);
"""


def apply(db) -> None:
    db.executescript(SQL)
