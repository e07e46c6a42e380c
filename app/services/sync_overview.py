"""What the "Đồng bộ" screen shows, read-only (SYNC.md): at a commune, the changes not yet sent or not yet
acknowledged, the last receipt, the keys and the bundles sent; at the upper level, one row per registered commune.

Also the one composed action the screen needs beyond the sync services: a bundle written onto a removable drive
(exported into a temporary folder, then copied with read-back verification).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from app.domain import roles
from app.services import reply_tracking, sync_ack, sync_export, sync_import
from app.services.session import Session
from app.storage import settings, sync_log, sync_overview as store, sync_peers
from app.sync.channels.removable import copy_verified


def level(session: Session) -> str:
    """"commune" or "upper" (the unit's level, set at init)."""
    return session.level


def _upper_key(session: Session) -> dict | None:
    p = sync_peers.current_upper(session.db)  # the one bundles are addressed to
    if p is None:
        return None
    return {"unit_code": p["unit_code"], "unit_name": p["unit_name"], "fingerprint": p["fingerprint"],
            "registered_at": p["registered_at"]}


def _sent_to(db, site: str) -> int:
    """The last change seq a bundle carried (or a receipt acknowledged): what comes after it is unsent."""
    return max(sync_log.last_ack_seq(db, site), store.last_sent_seq(db))


def _unsent_after(db, site: str) -> int:
    """The change seq after which records are unsent: 0 when the next bundle is a full re-send (after a restore, or
    a receipt whose digest disagreed) — then every own record goes again."""
    return 0 if sync_log.snapshot_due(db) else _sent_to(db, site)


def unsent_capped(session: Session, cap: int) -> int:
    """Own records the next bundle carries that no bundle carried since the last one sent or acknowledged (all of
    them before a full re-send), counted up to `cap` (cheap at start-up)."""
    return store.unsent_records_capped(session.db, session.site_id, _unsent_after(session.db, session.site_id), cap)


def commune_overview(session: Session) -> dict:
    """A commune's sync state.

    unsent: records changed since the last bundle written (or receipt), with the UTC stamp of the first change —
    every own record when resend_all (the next bundle is a full re-send: after a restore, or a receipt whose state
    digest disagreed);
    waiting: records in bundles written but not yet acknowledged (they travel again in the next bundle);
    acknowledged_seq / acknowledged_through: the last receipt's high-water mark and when that change was made;
    receipt_at: when that receipt was taken here;
    held: what that receipt said the upper level did not apply (sync_ack.held_by_upper)."""
    session.require(roles.READ)
    db, site = session.db, session.site_id
    ack = sync_log.last_ack_seq(db, site)
    sent_to = _sent_to(db, site)
    unsent = store.change_range(db, site, _unsent_after(db, site))
    sent_unacked = store.change_range(db, site, ack, sent_to)
    st = store.state(db, site)
    own = sync_peers.site_identity(db)
    return {
        "level": level(session),
        "unit_code": session.unit_code,
        "unit_name": settings.get(db, "unit_name"),
        "is_demo": session.is_demo,
        "sends_identity": sync_export.sends_identity(db),  # bundles then go by USB only
        "fingerprint": own[0].fingerprint if own else None,
        "key_revoked": sync_peers.own_key_revoked(db),
        "upper": _upper_key(session),
        "escrow": [{"unit_code": p["unit_code"], "unit_name": p["unit_name"], "fingerprint": p["fingerprint"]}
                   for p in sync_peers.peers(db, "upper", escrow=True)],
        "unsent": unsent["records"],
        "resend_all": sync_log.snapshot_due(db),
        "unsent_since": unsent["first_at"],
        # the day replies are followed from changed since the last bundle: one must go up even with no record
        "reply_day_unsent": reply_tracking.day_unsent(db),
        "waiting": sent_unacked["records"],
        "acknowledged_seq": ack,
        "acknowledged_through": store.change_at(db, site, ack) if ack else None,
        "receipt_at": st["updated_at"] if st and ack else None,
        "held": sync_ack.held_by_upper(session),
    }


def sent_bundles(session: Session) -> list[dict]:
    """Bundles this unit wrote, newest first: bundle_id, seq_from, seq_to, records, recipient_name, file_name,
    created_at (UTC), created_by, and acknowledged (its last change is covered by a receipt)."""
    session.require(roles.READ)
    ack = sync_log.last_ack_seq(session.db, session.site_id)
    return [{**r, "acknowledged": r["seq_to"] <= ack} for r in store.sent_bundles(session.db)]


def communes(session: Session) -> list[dict]:
    """At the upper level, each registered (unrevoked) commune key: unit_code, unit_name, fingerprint,
    bundles (received), last_bundle_at (UTC), high_water (contiguous seq held), gaps (seq ranges still missing),
    last_receipt_at (UTC, the last receipt made for it), records (held here), by unit code."""
    session.require(roles.READ)
    db = session.db
    got = store.received_by_site(db)
    held = store.records_by_site(db)
    out = []
    for p in sync_peers.peers(db, "commune"):
        r = got.get(p["site_id"], {})
        out.append({"unit_code": p["unit_code"], "unit_name": p["unit_name"], "fingerprint": p["fingerprint"],
                    "site_id": p["site_id"], "registered_at": p["registered_at"], "bundles": r.get("bundles", 0),
                    "last_bundle_at": r.get("last_imported_at"),
                    "high_water": sync_log.last_ack_seq(db, p["site_id"]), "gaps": sync_log.open_gaps(db, p["site_id"]),
                    "last_receipt_at": store.last_receipt_made(db, p["unit_code"]),
                    "records": held.get(p["site_id"], 0)})
    return sorted(out, key=lambda c: (c["unit_code"], c["registered_at"]))


def export_to_drive(session: Session, drive: str | Path, *, password: str) -> dict:
    """Export a bundle (sync_export.export_bundle) into a temporary folder, then copy it onto `drive` verified
    byte for byte (copy_verified). Returns export_bundle's summary with "file" the path on the drive (None when
    there was nothing to send: nothing is written then)."""
    with tempfile.TemporaryDirectory(prefix="danvan-bundle-") as tmp:
        res = sync_export.export_bundle(session, tmp, password=password)
        if res["file"] is None:
            return res
        res["file"] = str(copy_verified(Path(res["file"]), Path(drive)))
        return res


def import_files(session: Session, paths: list, *, password: str, progress=None, cancel=None) -> dict:
    """The screen's import: sync_import.import_bundles with progress and a stop between files."""
    return sync_import.import_bundles(session, [Path(p) for p in paths], password=password, progress=progress,
                                      cancel=cancel)
