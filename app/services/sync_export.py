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
from typing import Callable, Iterator

from app.domain import roles
from app.errors import DanvanError
from app.services.session import Session
from app.services import reply_tracking
from app.services.sync_keys import unlock
from app.storage import audit, data_keys, payload_lines, records as store, settings, sync_log, sync_peers
from app.storage.db import write_transaction
from app.storage.migrations import EXCHANGE_SCHEMA_VERSION
from app.sync.bundle import EncodedLines, write_bundle

PSEUDONYM_PREFIX = "Người tố cáo "


def pseudonyms(secret: str) -> Callable[[str, str, int], str]:
    """The stand-in name of each confidential person, (record id, role, position) -> name: the same person of the
    same record gets the same name in every bundle (so the upper level's copy does not churn), and no one without
    the site secret can link it back. HMAC-SHA256 keyed once, copied per person."""
    keyed = hmac.new(bytes.fromhex(secret), digestmod=hashlib.sha256)

    def pseudonym(record_id: str, role: str, pos: int) -> str:
        h = keyed.copy()
        h.update(f"{record_id}|{role}|{pos}".encode("utf-8"))
        return PSEUDONYM_PREFIX + h.hexdigest()[:8].upper()
    return pseudonym


SEND_IDENTITY_SETTING = "sync_send_identity"


def sends_identity(db) -> bool:
    """Whether this commune's bundles carry denouncers' identities (an admin's audited setting, off by default)."""
    return settings.get(db, SEND_IDENTITY_SETTING) == "1"


def _payload_lines(db, site: str, secret: str | None, pending: tuple[int, int] | None) -> Iterator[EncodedLines]:
    """The payload lines of this site's own records, tombstones included: those changed in `pending` (after_seq,
    upto_seq], or every one when `pending` is None (a snapshot: the upper level's copy is rebuilt from it alone).
    Each line is {"entity", "id", "rev", "owner_site", "deleted", "created_at", "created_by", "updated_at",
    "updated_by", "record"}: the record's newest state with its sync metadata. `secret` None: the denouncer's
    identity goes as it is (the audited setting sync_send_identity; the bundle is then USB-only); otherwise each
    such person is only a stable pseudonym. Read in batches as the bundle is written, never all at once."""
    if pending is not None:
        payload_lines.mark_pending(db, site, *pending)
    stand_in = None if secret is None else pseudonyms(secret)
    try:
        for entity in store.TABLES:
            for lines in payload_lines.iter_lines(db, entity, owner_site=site, pending=pending is not None,
                                                  pseudonym=stand_in):
                yield EncodedLines(entity, lines)
    finally:
        if pending is not None:
            payload_lines.clear_pending(db)


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
    else:
        seq_from, seq_to = sync_log.pending_range(db, site, last_ack)
    with_identity = sends_identity(db)
    # Every own change still pending (a first export): every own record goes, read in one walk without noting
    # which (each record's creation is in the change log, so "all of them" is exactly the pending ones).
    everything = snapshot or seq_from == sync_log.own_seq_range(db, site)[0]
    pending = None if everything else (last_ack, seq_to)
    lines = _payload_lines(db, site, None if with_identity else unlocked.pseudonym_secret, pending)
    first = next(lines, None)
    day = reply_tracking.manifest_value(db)
    if first is None:
        if not reply_tracking.day_unsent(db):
            return {"file": None, "bundle_id": None, "seq_from": None, "seq_to": None, "records": 0}
        # Only the day replies are followed from changed: a bundle of no records tells the upper level, which
        # otherwise goes on counting this unit's overdue replies from the old day. It covers no change (from and
        # to the last acknowledged one), so the upper level's high-water mark and gaps stay as they are.
        seq_from = seq_to = last_ack
        payload = iter(())
    else:
        payload = itertools.chain([first], lines)
    recipient = upper["identity"]
    escrows = [p["identity"] for p in sync_peers.peers(db, "upper", escrow=True)]  # SYNC.md: optional, not revoked
    written: list[Path] = []
    manifest = write_bundle(out_dir, payload, keys=unlocked.keypair, sender=unlocked.identity,
                            recipients=[recipient, *escrows], kind="snapshot" if snapshot else "changes", seq_from=seq_from, seq_to=seq_to,
                            last_ack_seq=last_ack, schema_version=EXCHANGE_SCHEMA_VERSION, clock=session.clock,
                            identity_included=with_identity, reply_tracked_from=day, written=written)
    path = written[0]
    records = manifest.records
    now = session.clock.utc_stamp()
    with write_transaction(db):
        sync_log.add_sent(db, bundle_id=manifest.bundle_id, kind=manifest.kind, seq_from=seq_from, seq_to=seq_to,
                          records=records, recipient=recipient.fingerprint, file_name=path.name, at=now,
                          by=session.user_name)
        if snapshot:
            sync_log.set_snapshot_due(db, False)  # sent once; a later disagreeing receipt asks again
        reply_tracking.note_sent(db, day)
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
