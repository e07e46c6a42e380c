"""`danvan bundle export`: this site's changes not yet acknowledged, as one signed, encrypted `.dvb` for its
upper level (SYNC.md "Export").

A bundle holds every change after the last receipt (not after the last export), so a lost stick heals itself on
the next export. Only this site's own records travel (rows imported from elsewhere keep their owner_site). A
denouncer's identity never leaves: each such person is replaced by a stable pseudonym.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
from pathlib import Path
from typing import Iterator

from app.domain import roles
from app.domain.records import PERSON_FIELDS, is_confidential
from app.errors import DanvanError
from app.services.session import Session
from app.services.sync_keys import unlock
from app.storage import audit, data_keys, records as store, settings, sync_log, sync_peers
from app.storage.db import write_transaction
from app.storage.migrations import SCHEMA_VERSION
from app.sync.bundle import write_bundle

PSEUDONYM_PREFIX = "Người tố cáo "


def pseudonym(secret: str, record_id: str, role: str, pos: int) -> str:
    """A stable stand-in for one confidential person: the same person of the same record gets the same name in
    every bundle (so the upper level's copy does not churn), and no one without the site secret can link it back."""
    digest = hmac.new(bytes.fromhex(secret), f"{record_id}|{role}|{pos}".encode("utf-8"), hashlib.sha256).hexdigest()
    return PSEUDONYM_PREFIX + digest[:8].upper()


def pseudonymised(record: dict, secret: str) -> dict:
    """`record` with a denouncer's identity replaced by pseudonyms (only the name is kept, as a pseudonym)."""
    if not is_confidential(record):
        return record
    out = dict(record)
    for fname, is_list in PERSON_FIELDS.get(record.get("type"), ()):
        v = out.get(fname)
        if not v:
            continue
        people = v if is_list else [v]
        masked = [{"name": pseudonym(secret, record["id"], fname, i)} for i, _p in enumerate(people, 1)]
        out[fname] = masked if is_list else masked[0]
    return out


def payload_record(s: store.Stored, secret: str | None) -> dict:
    """One line of the bundle payload: the record's newest state with its sync metadata. `secret` None: the
    denouncer's identity goes as it is (the audited setting sync_send_identity; the bundle is then USB-only)."""
    return {"entity": s.entity, "id": s.id, "rev": s.rev, "owner_site": s.owner_site, "deleted": int(s.deleted),
            "created_at": s.created_at, "created_by": s.created_by, "updated_at": s.updated_at,
            "updated_by": s.updated_by, "record": s.record if secret is None else pseudonymised(s.record, secret)}


SEND_IDENTITY_SETTING = "sync_send_identity"


def sends_identity(db) -> bool:
    """Whether this commune's bundles carry denouncers' identities (an admin's audited setting, off by default)."""
    return settings.get(db, SEND_IDENTITY_SETTING) == "1"


READ_CHUNK = 2000  # records read at a time: the payload streams into the compressor, memory stays flat


def _payload_lines(db, site: str, secret: str | None, ids: dict[str, list[str]] | None) -> Iterator[dict]:
    """The payload lines of this site's own records: those of `ids` ({entity: [id, …]}, pending changes), or
    every own record, tombstones included, when `ids` is None (a snapshot: the upper level's copy is rebuilt from
    it alone). Read in chunks as the bundle is written, never all at once (a 100,000-record bundle held ~0.5 GB)."""
    if ids is None:
        for entity in store.TABLES:
            for s in store.iter_stored(db, entity, include_deleted=True, owner_site=site):
                yield payload_record(s, secret)
        return
    for entity, entity_ids in ids.items():
        if len(entity_ids) * 4 >= store.count_owned(db, entity, site) * 3:
            # Most of the table (a first export): one pass over it beats looking each record up by id.
            for s in store.iter_stored(db, entity, include_deleted=True, owner_site=site, only=set(entity_ids)):
                yield payload_record(s, secret)
            continue
        for k in range(0, len(entity_ids), READ_CHUNK):
            chunk = entity_ids[k:k + READ_CHUNK]
            stored = store.get_many(db, entity, chunk)
            for i in chunk:
                s = stored.get(i)
                if s is not None and s.owner_site == site:
                    yield payload_record(s, secret)


def export_bundle(session: Session, out_dir: str | Path, *, password: str) -> dict:
    """Write a bundle of every change of this site's records after its last acknowledged seq into `out_dir`.

    Returns {"file", "bundle_id", "seq_from", "seq_to", "records", "kind"}; with nothing to send, no file is
    written and "file" is None. When a snapshot is due (after a restore, or a receipt whose state digest disagreed)
    the bundle is a "snapshot": every own record, seq_from..seq_to the whole own change log. Refuses a demo database and a site that has not registered its upper level's key."""
    session.require(roles.EXPORT)
    if session.is_demo:
        raise DanvanError("sync.demo_no_export")
    db = session.db
    upper = sync_peers.current_upper(db)
    if upper is None:
        raise DanvanError("sync.no_upper")
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise DanvanError("sync.no_out_dir", path=str(out_dir))
    if session.cipher is None and data_keys.exists(db):  # sealed fields would go up as "[Bảo mật]"
        raise DanvanError("protect.no_key")
    if sync_peers.own_key_revoked(db):
        raise DanvanError("sync.own_key_revoked")  # the upper level would refuse the bundle: say so here, now
    unlocked = unlock(session, password)
    site = session.site_id
    last_ack = sync_log.last_ack_seq(db, site)
    snapshot = sync_log.snapshot_due(db)
    if snapshot:
        seq_from, seq_to = sync_log.own_seq_range(db, site)
        ids = None
    else:
        seq_from, seq_to, ids = sync_log.pending_changes(db, site, last_ack)
    with_identity = sends_identity(db)
    lines = _payload_lines(db, site, None if with_identity else unlocked.pseudonym_secret, ids)
    first = next(lines, None)
    if first is None:
        return {"file": None, "bundle_id": None, "seq_from": None, "seq_to": None, "records": 0}
    recipient = upper["identity"]
    escrows = [p["identity"] for p in sync_peers.peers(db, "upper", escrow=True)]  # SYNC.md: optional, not revoked
    manifest = write_bundle(out_dir, itertools.chain([first], lines), keys=unlocked.keypair, sender=unlocked.identity,
                            recipients=[recipient, *escrows], kind="snapshot" if snapshot else "changes", seq_from=seq_from, seq_to=seq_to,
                            last_ack_seq=last_ack, schema_version=SCHEMA_VERSION, clock=session.clock,
                            identity_included=with_identity)
    from app.sync.bundle import bundle_filename

    path = out_dir / bundle_filename(manifest)
    records = manifest.records
    now = session.clock.utc_stamp()
    with write_transaction(db):
        sync_log.add_sent(db, bundle_id=manifest.bundle_id, kind=manifest.kind, seq_from=seq_from, seq_to=seq_to,
                          records=records, recipient=recipient.fingerprint, file_name=path.name, at=now,
                          by=session.user_name)
        if snapshot:
            sync_log.set_snapshot_due(db, False)  # sent once; a later disagreeing receipt asks again
        entries = [audit.Entry("sync.bundle_export", session.user_name, detail=(
            f"{manifest.bundle_id} {seq_from}-{seq_to} {records} -> {recipient.unit_code}"
            + "".join(f" +escrow {e.fingerprint}" for e in escrows)))]
        if with_identity:
            entries.append(audit.Entry("export.confidential", session.user_name,
                                       detail=f"bundle {manifest.bundle_id} (USB only)"))
        audit.append(db, entries, now)
    return {"file": str(path), "bundle_id": manifest.bundle_id, "seq_from": seq_from, "seq_to": seq_to,
            "records": records, "kind": manifest.kind, "identity_included": with_identity,
            "escrow": [e.fingerprint for e in escrows]}
