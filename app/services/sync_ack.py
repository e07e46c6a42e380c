"""Receipts (`danvan ack export|import`, SYNC.md "Receipts"): the upper level acknowledges what it holds from a
commune; the commune, on taking the receipt, stops resending those changes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from app.domain import roles
from app.errors import DanvanError, UsageError
from app.services.session import Session
from app.services.sync_keys import unlock
from app.storage import audit, backup as store_backup, records as store, settings, sync_log, sync_peers
from app.storage.db import write_transaction
from app.sync.receipt import ReceiptRejected, make_receipt, read_receipt


def state_digest(session: Session, site_id: str) -> str:
    """XOR of SHA-256(entity|id|rev) over the records owned by `site_id` — equal on both sides when in step. At the
    upper level a record received but not applied (under conflict review, or quarantined) counts at the revision
    received: re-sending it would not change the answer."""
    revs: dict[tuple[str, str], int] = {}
    for entity, table in store.TABLES.items():
        for rid, rev in sync_log.owned_revisions(session.db, table, site_id):
            revs[(entity, rid)] = rev
    for key, rev in sync_log.received_not_applied(session.db, site_id).items():
        revs[key] = max(revs.get(key, 0), rev)
    acc = 0
    for (entity, rid), rev in revs.items():
        acc ^= int.from_bytes(hashlib.sha256(f"{entity}|{rid}|{rev}".encode()).digest(), "big")
    return f"{acc:064x}"


def export_ack(session: Session, unit_code: str, out: str | Path, *, password: str) -> dict:
    """A signed receipt for the commune `unit_code` (its most recently registered key): {"file", "high_water_seq"}."""
    session.require(roles.IMPORT)
    session.refuse_as_output(out)
    if Path(out).suffix.lower() != ".dvack":  # a receipt the commune's "Nhận biên nhận" would not list
        raise UsageError("ack.bad_ext", name=Path(out).name)
    from app.domain.units import normalize_code

    code = normalize_code(unit_code, "commune") or unit_code
    # A commune whose key was revoked here still gets receipts: they are how it learns of the revocation.
    known = [p for p in sync_peers.peers(session.db, "commune", include_revoked=True) if p["unit_code"] == code]
    peer = next((p for p in known if not p["revoked"]), known[0] if known else None)
    if peer is None:
        raise DanvanError("sync.ack_unknown_unit", code=unit_code)
    revoked = [p["fingerprint"] for p in known if p["revoked"] and p["site_id"] == peer["site_id"]]
    # A unit set up again on another computer (its old one's key revoked): its case numbers start from 1 there,
    # and would collide here with the old computer's — the receipt says where numbering stands.
    case_numbers = (store.highest_case_numbers(session.db, code)
                    if any(p["site_id"] != peer["site_id"] for p in known) else None)
    unlocked = unlock(session, password)
    site = peer["site_id"]
    db = session.db
    high = sync_log.last_ack_seq(db, site)
    bundle_ids = sync_log.received_bundle_ids(db, site)
    # Records under conflict review travel in the same list, with a reason of their own ("conflict_…"): not
    # applied here either, and a commune of an older version still reads the receipt.
    quarantined = sync_log.quarantined_of_site(db, site) + sync_log.conflicts_of_site(db, site)
    gaps = sync_log.open_gaps(db, site)
    data = make_receipt(unlocked.keypair, unlocked.identity, site_id=site, unit_code=code, high_water_seq=high,
                        bundle_ids=bundle_ids, quarantined=quarantined, state_digest=state_digest(session, site),
                        created_at=session.clock.utc_stamp(), gaps=gaps, revoked=revoked,
                        case_numbers=case_numbers)
    from app.io.writers import atomic_path

    out = Path(out)
    with atomic_path(out) as tmp:
        tmp.write_bytes(data)
    # record_id = the commune's code: the registry's "last receipt" is found through the audit log's index
    session.audit("sync.ack_export", record_id=code, detail=f"{code} {high}")
    return {"file": str(out), "high_water_seq": high, "gaps": gaps, "revoked": revoked}


def receipt_notes(res: dict, lang: str, *, digest_differs: bool = False) -> list[str]:
    """The sentences `import_ack`'s result calls for beyond the counts — the numbering behind the upper level's, a
    mismatch no snapshot cures (or, with `digest_differs`, one the next snapshot should), the case numbering
    continued — for the command and the Đồng bộ screen alike."""
    from app.i18n import tr

    notes = []
    if res.get("seq_behind"):
        notes.append(tr("sync.ack_seq_behind", lang, **res["seq_behind"]))
    elif res.get("digest_persistent"):
        notes.append(tr("sync.ack_digest_persistent", lang))
    elif digest_differs and res.get("digest_matches") is False:
        notes.append(tr("out.ack_digest_differs", lang))
    if res.get("case_numbers"):
        notes.append(tr("out.ack_case_numbers", lang, numbers=", ".join(
            f"{n} ({y})" for y, n in sorted(res["case_numbers"].items()))))
    return notes


def _titled(session: Session, held: list) -> list[dict]:
    """The receipt's records set aside, each with what this unit calls it: its kind and title ("the record with id
    019a…" tells an officer nothing)."""
    from app.services.sync_review import record_title

    out = [dict(q) for q in held if isinstance(q, dict)]
    kinds = store.existing_ids(session.db, [q["id"] for q in out if isinstance(q.get("id"), str)])
    for q in out:
        entity = kinds.get(q.get("id"))
        found = store.get(session.db, entity, q["id"]) if entity else None
        q["entity"], q["title"] = entity, record_title(found.record) if found else ""
        q["rev_here"] = found.rev if found else None
    return out


HELD_SETTING = "sync_receipt_held"  # the newest receipt's records not applied there (_held_stored)


def _split(held: list[dict]) -> tuple[list[dict], list[dict]]:
    """(set aside as not valid, under conflict review) — the receipt lists both with their reasons."""
    bad, review = [], []
    for q in held:
        (review if str(q.get("reason") or "").startswith("conflict_") else bad).append(q)
    return bad, review


def _held_stored(session: Session) -> dict:
    """{"created_at": the receipt's, "held": [{"id", "reason", "rev"}]} as import_ack kept it, or {}."""
    try:
        stored = json.loads(settings.get(session.db, HELD_SETTING) or "{}")
    except ValueError:
        return {}
    return stored if isinstance(stored, dict) else {}


def held_by_upper(session: Session) -> dict:
    """What the last receipt said the upper level did not apply, as the Đồng bộ screen lists it: {"quarantined":
    records set aside as not valid, "in_review": records under conflict review there}, each {"id", "reason",
    "entity", "title", "edited": changed here after the receipt was taken (its correction goes with the next
    bundle)}."""
    session.require(roles.READ)
    held = _held_stored(session).get("held")
    titled = _titled(session, held if isinstance(held, list) else [])
    for q in titled:
        then, now = q.pop("rev", None), q.pop("rev_here", None)
        q["edited"] = isinstance(then, int) and isinstance(now, int) and now > then
    bad, review = _split(titled)
    return {"quarantined": bad, "in_review": review}


def import_ack(session: Session, path: str | Path) -> dict:
    """Take a receipt from the registered upper level: moves last_ack_seq forward.

    {"acknowledged_seq", "quarantined", "in_review", "gaps", "digest_matches", "snapshot_next", "seq_behind",
    "digest_persistent", "case_numbers", "key_revoked"}: `quarantined` the records the upper level set aside as not valid (to
    correct), `in_review` those it holds under conflict review (it differs from the copy there; the upper level
    decides). `seq_behind` ({"upper", "here"}, else None): the upper level has seen higher change numbers than this
    file ever used (an older backup restored). `digest_persistent`: the digest still disagrees after a snapshot the
    upper level has received — no new snapshot is asked (it would not help). `case_numbers` ({year: n}): a unit set
    up again on another computer numbers its cases above its old computer's from now on. `key_revoked`: the
    receipt says the
    upper level revoked this site's current key — exports stop until `keys new`. The state digest is compared only
    when this site has no change after the receipt's high-water seq (else the upper level cannot hold them yet and
    a difference means nothing: `digest_matches` is None). When it disagrees, the next export is a full snapshot."""
    session.require(roles.IMPORT)
    current = sync_peers.current_upper(session.db)

    def trusted(fp):
        p = sync_peers.peer(session.db, fp)
        if p and p["escrow"]:  # it holds copies for safekeeping; only the upper level acknowledges what it has
            raise ReceiptRejected("from_escrow", unit=p["unit_name"])
        if p and p["level"] == "upper" and current and p["site_id"] != current["site_id"]:
            # an upper level this unit no longer sends to: what it received says nothing of what the new one holds
            raise ReceiptRejected("not_current_upper", unit=p["unit_name"], current=current["unit_name"])
        return p["identity"] if p and p["level"] == "upper" and not p["revoked"] else None
    from app.services.sync_keys import read_chosen_file

    data = read_chosen_file(path, ReceiptRejected, "not_a_receipt")
    body = read_receipt(data, trusted=trusted, site_id=session.site_id)
    site = session.site_id
    matches = None
    if sync_log.own_seq_range(session.db, site)[1] <= body["high_water_seq"]:
        matches = body["state_digest"] == state_digest(session, site)
    own = sync_peers.site_identity(session.db)
    revoked_now = own is not None and own[0].fingerprint in body["revoked"]
    now = session.clock.utc_stamp()
    held = _titled(session, body["quarantined"])
    with write_transaction(session.db):
        # The upper level has seen change numbers this file never used: it was restored from a backup older than
        # what was sent (on a new laptop, where the restore had no higher number to keep above). Numbering
        # continues above the receipt's, or the next changes would count as acknowledged and never go up; and
        # the next bundle carries every record, as the upper level's copy and this one have parted.
        used = store_backup.last_change_seq(session.db.conn)
        behind = body["high_water_seq"] > used
        if behind:
            store_backup.keep_change_seq_above(session.db.conn, body["high_water_seq"])
            sync_log.set_snapshot_due(session.db, True)
        sync_log.set_last_ack_seq(session.db, site, body["high_water_seq"], now)
        # A snapshot the upper level has received did not make the two agree: it holds records this file no
        # longer has (an older backup restored). Another snapshot would not change that — each one re-sent every
        # record over a metered 3G line at every receipt, for ever. Said instead: the two must be compared.
        snapshot = sync_log.last_sent_snapshot(session.db)
        persistent = matches is False and not behind and snapshot is not None and snapshot in body["bundle_ids"]
        if matches is False and not persistent:
            sync_log.set_snapshot_due(session.db, True)
        if revoked_now:
            sync_peers.add_own_revoked(session.db, own[0].fingerprint)
        for year, last in body["case_numbers"].items():  # numbering continues above the unit's old computer's
            store.raise_case_counter(session.db, session.unit_code, int(year), last)
        # kept for the Đồng bộ screen until the next receipt (the message at import is easily closed unread), with
        # each record's revision here then: a later one is its correction, on its way up. An older receipt taken
        # after a newer one (two files on one stick) does not bring back what the newer one cleared.
        if str(body["created_at"]) >= str(_held_stored(session).get("created_at") or ""):
            settings.put(session.db, HELD_SETTING, json.dumps(
                {"created_at": body["created_at"],
                 "held": [{"id": q.get("id"), "reason": q.get("reason"), "rev": q.get("rev_here")} for q in held]},
                ensure_ascii=False))
        audit.append(session.db, [audit.Entry("sync.ack_import", session.user_name, detail=(
            f"{body['high_water_seq']}" + (" digest differs" if matches is False else "")
            + (f" numbering here was at {used}: continued above" if behind else "")
            + (f" key {own[0].fingerprint} revoked" if revoked_now else "")))], now)
    for q in held:
        q.pop("rev_here", None)
    bad, in_review = _split(held)
    return {"acknowledged_seq": sync_log.last_ack_seq(session.db, site),
            "quarantined": bad, "in_review": in_review,
            "gaps": body["gaps"], "digest_matches": matches, "snapshot_next": sync_log.snapshot_due(session.db),
            "seq_behind": {"upper": body["high_water_seq"], "here": used} if behind else None,
            "digest_persistent": persistent,
            "case_numbers": {int(y): n for y, n in body["case_numbers"].items()},
            "key_revoked": sync_peers.own_key_revoked(session.db)}
