"""SQL for sync identities: this site's public identity (sync_site) and the registry of trusted peers (sync_peers)."""

from __future__ import annotations

import json

from app.sync.keyfile import PublicIdentity
from app.storage import settings
from app.storage.db import Database


def site_identity(db: Database) -> tuple[PublicIdentity, str] | None:
    """(this site's public identity, its pseudonym secret), or None when no keys were made yet."""
    row = db.conn.execute("SELECT identity, pseudonym_secret FROM sync_site WHERE id = 1").fetchone()
    if row is None:
        return None
    return PublicIdentity.from_dict(json.loads(row[0])), row[1]


def put_site_identity(db: Database, identity: PublicIdentity, pseudonym_secret: str, at: str) -> None:
    """Record this site's identity — once: a second one is refused by the table's single-row key."""
    db.conn.execute("INSERT INTO sync_site(id, fingerprint, identity, pseudonym_secret, created_at) VALUES (1, ?, ?, ?, ?)",
                    [identity.fingerprint, json.dumps(identity.to_dict(), ensure_ascii=False, sort_keys=True),
                     pseudonym_secret, at])


def replace_site_identity(db: Database, identity: PublicIdentity) -> None:
    """This site's new public identity after `keys new` (same site id and pseudonym secret, new keys)."""
    db.conn.execute("UPDATE sync_site SET fingerprint = ?, identity = ? WHERE id = 1",
                    [identity.fingerprint, json.dumps(identity.to_dict(), ensure_ascii=False, sort_keys=True)])


def _peer(row) -> dict:
    return {"fingerprint": row[0], "unit_code": row[1], "unit_name": row[2], "level": row[3], "site_id": row[4],
            "identity": PublicIdentity.from_dict(json.loads(row[5])), "revoked": bool(row[6]),
            "registered_at": row[7]}


_COLS = "fingerprint, unit_code, unit_name, level, site_id, identity, revoked, registered_at"


def peer(db: Database, fingerprint: str) -> dict | None:
    row = db.conn.execute(f"SELECT {_COLS} FROM sync_peers WHERE fingerprint = ?", [fingerprint]).fetchone()
    if row is None:
        return None
    p = _peer(row)
    p["escrow"] = fingerprint in escrow_fingerprints(db)
    return p


def peers(db: Database, level: str | None = None, *, include_revoked: bool = False,
          escrow: bool | None = False) -> list[dict]:
    """Registered peers, newest registration first; each with "escrow" (an escrow key, SYNC.md: an extra recipient
    of this commune's bundles, never its upper level). `escrow`: False (the default) leaves escrow keys out, True
    gives only them, None both."""
    escrows = escrow_fingerprints(db)
    where, params = ["1=1"], []
    if level:
        where.append("level = ?")
        params.append(level)
    if not include_revoked:
        where.append("revoked = 0")
    rows = db.conn.execute(f"SELECT {_COLS} FROM sync_peers WHERE {' AND '.join(where)} "
                           "ORDER BY registered_at DESC, rowid DESC", params).fetchall()
    out = []
    for r in rows:
        p = _peer(r)
        p["escrow"] = p["fingerprint"] in escrows
        if escrow is None or p["escrow"] == escrow:
            out.append(p)
    return out


# Escrow keys are marked in the settings, not in a column of sync_peers: a new column is a migration, and a
# migration raises the schema version every bundle carries, which an upper level not yet updated refuses.
_ESCROW = "sync_escrow_keys"  # settings key: JSON list of the fingerprints registered as escrow keys


def current_upper(db: Database) -> dict | None:
    """The upper level this commune sends its bundles to: its most recently registered upper-level key (escrows
    aside), or None."""
    uppers = peers(db, "upper")
    return uppers[0] if uppers else None


def _fingerprints(db: Database, key: str) -> list[str]:
    """A JSON list of fingerprints kept under the settings `key` (empty when missing or unreadable)."""
    try:
        return list(json.loads(settings.get(db, key) or "[]"))
    except (ValueError, TypeError):
        return []


def _add_fingerprint(db: Database, key: str, fingerprint: str) -> None:
    known = _fingerprints(db, key)
    if fingerprint not in known:
        settings.put(db, key, json.dumps(known + [fingerprint]))


def escrow_fingerprints(db: Database) -> set[str]:
    return set(_fingerprints(db, _ESCROW))


def mark_escrow(db: Database, fingerprint: str) -> None:
    _add_fingerprint(db, _ESCROW, fingerprint)


def put_peer(db: Database, identity: PublicIdentity, at: str, by: str | None) -> None:
    """Register a peer's identity (again: its details are refreshed, its revocation is kept)."""
    db.conn.execute(
        "INSERT INTO sync_peers(fingerprint, unit_code, unit_name, level, site_id, identity, registered_at, registered_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(fingerprint) DO UPDATE SET unit_code = excluded.unit_code, "
        "unit_name = excluded.unit_name, identity = excluded.identity",
        [identity.fingerprint, identity.unit_code, identity.unit_name, identity.level, identity.site_id,
         json.dumps(identity.to_dict(), ensure_ascii=False, sort_keys=True), at, by])


def revoke_peer(db: Database, fingerprint: str, at: str) -> bool:
    cur = db.conn.execute("UPDATE sync_peers SET revoked = 1, revoked_at = ? WHERE fingerprint = ? AND revoked = 0",
                          [at, fingerprint])
    return cur.rowcount > 0


_OWN_REVOKED = "sync_own_keys_revoked"  # settings key: JSON list of this site's fingerprints revoked upstairs


def own_revoked(db: Database) -> list[str]:
    """This site's key fingerprints that a receipt said the upper level revoked."""
    return _fingerprints(db, _OWN_REVOKED)


def add_own_revoked(db: Database, fingerprint: str) -> None:
    _add_fingerprint(db, _OWN_REVOKED, fingerprint)


def own_key_revoked(db: Database) -> bool:
    """A receipt said the upper level revoked this site's current key (until `keys new` makes another)."""
    own = site_identity(db)
    return own is not None and own[0].fingerprint in own_revoked(db)
