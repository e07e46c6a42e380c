"""`danvan bundle import` / `bundle verify` at the upper level, in SYNC.md's order ("Import").

Per bundle: verify (format, registered sender, signature, hashes, addressed to us) and decrypt; a bundle id
already imported changes nothing (a UNIQUE constraint decides); each record is validated — bad ones are
quarantined and listed, the rest applied — all in ONE write transaction: new → imported, higher rev → updated,
same rev and hash or an older rev → ignored, same rev with another hash (or the same id from another site) →
conflict, both versions kept. Imported rows keep the sender's rev and owner_site, so they are never exported as
this site's changes. The file is archived under its hash beside the database.
"""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

from app.clock import vietnam_day
from app.domain import roles
from app.domain.records import field_label
from app.domain.validation import validate
from app.errors import os_error_text
from app.i18n import tr
from app.services import reply_tracking
from app.services.deadlines import recompute_due_dates
from app.services.records import due_of
from app.services.session import Session
from app.services.sync_keys import site_fingerprint, unlock
from app.storage import audit, records as store, sync_apply, sync_log, sync_peers
from app.storage.db import fewer_checkpoints, refresh_statistics, statistics_outdated, write_transaction
from app.sync.bundle import BundleRejected, Manifest, read_manifest, verify, verify_and_open
from app.sync.channels import sha256_file
from app.sync.keyfile import PublicIdentity

_META_INT = ("rev", "deleted")
_MAX_REV = 2 ** 63 - 1  # SQLite's INTEGER: a larger rev (a sender's bug) is quarantined, not an OverflowError
_REFERENCES = (("duplicate_of", "petition"), ("reception_id", "reception"))


def archive_dir(db_path: Path) -> Path:
    return Path(db_path).resolve().parent / "archive"


def trusted_communes(session: Session):
    """The `trusted` lookup for app.sync.bundle: a registered, unrevoked commune key by fingerprint."""
    def lookup(fp: str) -> PublicIdentity | None:
        p = sync_peers.peer(session.db, fp)
        if p is None or p["level"] != "commune":
            return None
        if p["revoked"]:
            raise BundleRejected("revoked_sender", f"fingerprint {fp}", unit=p["unit_name"])
        return p["identity"]
    return lookup


def _summary(path: Path) -> dict:
    return {"file": str(path), "bundle_id": None, "sender": None, "status": None, "imported": 0, "updated": 0,
            "ignored": 0, "conflicts": 0, "quarantined": 0, "reason": None, "gaps": []}


def verify_file(session: Session, path: str | Path) -> dict:
    """Check a bundle's signature and hashes without importing: {"ok", "sender", "reason"}. A bundle addressed to
    another upper level is not ok here ("not_for_us"): importing it would be refused."""
    session.require(roles.READ)
    path = Path(path)
    mistaken = _not_a_bundle_message(path, session.lang)  # missing, a folder, a receipt: said as such
    if mistaken:
        return {"ok": False, "sender": None, "reason": "not_a_bundle", "message": mistaken}
    try:
        m = verify(path, trusted=trusted_communes(session))
        me = site_fingerprint(session)
        if me is not None and me not in m.recipients:
            raise BundleRejected("not_for_us", f"recipients {list(m.recipients)}", unit=m.sender.unit_name)
        return {"ok": True, "sender": m.sender.unit_code, "reason": None}
    except BundleRejected as exc:
        try:
            sender = read_manifest(path).sender.unit_code
        except BundleRejected:
            sender = None
        return {"ok": False, "sender": sender, "reason": exc.reason, "message": exc.message(session.lang)}


def import_bundles(session: Session, paths: list, *, password: str, progress=None, cancel=None) -> dict:
    """Import each bundle in its own transaction; {"bundles": [summary, …], "cancelled": bool} in the order
    given. `progress(done, total)` after each file; `cancel` (a threading.Event) stops between files — the files
    not reached are simply not in the list."""
    session.require(roles.IMPORT)
    unlocked = unlock(session, password)
    if paths:
        _backup(session)
    out: list[dict] = []
    try:
        with fewer_checkpoints(session.db):
            for i, p in enumerate(paths):
                if cancel is not None and cancel.is_set():
                    return {"bundles": out, "cancelled": True}
                out.append(import_one(session, Path(p), unlocked.keypair))
                if progress is not None:
                    progress(i + 1, len(paths))
        return {"bundles": out, "cancelled": False}
    finally:
        added = sum(b.get("imported") or 0 for b in out)
        if statistics_outdated(session.db, added):
            refresh_statistics(session.db)  # the consolidated tables grew: the planner must know (see there)


def _backup(session: Session) -> None:
    # One backup of this database per import run, not per bundle (SYNC.md step 7).
    from app.paths import backups_dir_for
    from app.storage.backup import backup_connection

    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    backup_connection(session.db.conn, backups_dir_for(session.path) / f"{session.path.stem}-before-bundles-{stamp}.db")


def gaps(manifest: Manifest, have: int) -> list[list[int]]:
    """The seq ranges [[first, last]] of the sender's changes we are missing (SYNC.md "Import" step 8), given the
    contiguous high-water `have` we hold from that site.

    A changes bundle carries everything after the sender's last receipt (`last_ack_seq`), so a range is missing
    only when that receipt claims more than we hold — then seqs have+1 … seq_from-1 never reached us (a lost
    earlier bundle, or this database restored from an older backup). A first bundle starting above 1 is no gap; a
    snapshot carries every record, so it never has one."""
    if manifest.kind == "snapshot" or manifest.last_ack_seq <= have or manifest.seq_from <= have + 1:
        return []
    return [[have + 1, manifest.seq_from - 1]]


def _not_a_bundle_message(path: Path, lang: str) -> str | None:
    """What a file chosen by mistake is, when it is something of ours (a folder, a receipt, a key file)."""
    if path.is_dir():
        return tr("sync.bundle.is_folder", lang, path=str(path))
    if not path.exists():
        return tr("sync.bundle.not_found", lang, path=str(path))
    return {".dvack": tr("sync.bundle.is_receipt", lang),
            ".dvkey": tr("sync.bundle.is_keyfile", lang)}.get(path.suffix.lower())


def import_one(session: Session, path: Path, our_keys) -> dict:
    out = _summary(path)
    mistaken = _not_a_bundle_message(path, session.lang)
    if mistaken:
        out.update(status="rejected", reason="not_a_bundle", message=mistaken)
        return out
    try:
        manifest, stream = verify_and_open(path, trusted=trusted_communes(session), our_keys=our_keys)
        out["bundle_id"], out["sender"] = manifest.bundle_id, manifest.sender.unit_code
        out["sender_name"] = manifest.sender.unit_name
        records = list(stream)  # fully decoded (and counted against the manifest) before anything is written
        digest = sha256_file(path)
    except BundleRejected as exc:
        out.update(status="rejected", reason=exc.reason, message=exc.message(session.lang))
        if not out.get("sender"):
            try:  # the sender the file names (unverified: for the list of results, not for trust)
                named = read_manifest(path).sender
                out["sender"], out["sender_name"] = named.unit_code, named.unit_name
            except BundleRejected:
                pass
        return out
    except OSError as exc:
        detail = os_error_text(exc, session.lang)
        out.update(status="rejected", reason="not_a_bundle",
                   message=tr("export.read_failed", session.lang, path=str(path), detail=detail))
        return out
    db = session.db
    now = session.clock.utc_stamp()
    with write_transaction(db):
        if not sync_log.add_received(db, bundle_id=manifest.bundle_id, sender_unit=manifest.sender.unit_code,
                                     sender_site=manifest.sender.site_id,
                                     sender_fingerprint=manifest.sender.fingerprint, seq_from=manifest.seq_from,
                                     seq_to=manifest.seq_to, file_sha256=digest, at=now, by=session.user_name,
                                     summary={}):
            before = sync_log.received(db, manifest.bundle_id)
            out.update(status="duplicate", reason="already_imported", imported_at=before and before["imported_at"])
            return out
        _apply(session, manifest, records, out, now)
        out["status"] = "imported"
        site = manifest.sender.site_id
        if manifest.kind == "snapshot":
            out["not_in_snapshot"] = _held_not_sent(db, site, records)
        have = sync_log.last_ack_seq(db, site)
        out["gaps"] = gaps(manifest, have)
        sync_log.set_summary(db, manifest.bundle_id, {k: out[k] for k in ("imported", "updated", "ignored",
                                                                            "conflicts", "quarantined", "gaps")})
        # The bundle holds every change after the sender's last receipt: if we hold that much, we now hold all.
        # A snapshot holds every record, so after it we hold all whatever we had before.
        if manifest.kind == "snapshot" or manifest.last_ack_seq <= have:
            sync_log.set_last_ack_seq(db, site, manifest.seq_to, now)
        audit.append(db, [audit.Entry("sync.bundle_import", session.user_name, detail=(
            f"{manifest.bundle_id} {manifest.sender.unit_code} {manifest.seq_from}-{manifest.seq_to} "
            f"+{out['imported']} ~{out['updated']} ={out['ignored']} !{out['conflicts']} ?{out['quarantined']}"))],
            now)
    _archive(session, path, digest)
    return out


def _held_not_sent(db, site: str, records: list) -> int:
    """How many of `site`'s records held here a snapshot of it leaves out: it went back to an older backup (or
    lost them otherwise). They are kept here; the upper level is told, so the two can compare lists."""
    sent = {r.get("id") for r in records if isinstance(r, dict)}
    return sum(1 for table in store.TABLES.values() for rid, _rev in sync_log.owned_revisions(db, table, site)
               if rid not in sent)


def _archive(session: Session, path: Path, digest: str) -> None:
    """Keep a copy under its hash (the officer's file, e.g. on a USB stick, stays where it is)."""
    from app.io.writers import atomic_path

    target = archive_dir(session.path) / f"{digest}{path.suffix.lower()}"
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target) as tmp:
        shutil.copyfile(path, tmp)


def _import_detail(bundle_id: str, w: store.Write, old: store.Stored | None) -> str:
    """The audit detail of a record a bundle brought: the bundle, and for a petition the status it moved to, as a
    save here records it ("status=new" or "status=old>new"), and when the commune saved it — the petition's status
    history at the upper level reads it (it showed one line, the importing account and no status). Statuses the
    record passed through between two bundles are not known here."""
    if w.entity != "petition":
        return bundle_id
    new = w.record.get("status") or ""
    was = old.record.get("status") or "" if old is not None else None
    if was == new:
        return bundle_id
    # "changed=": when the commune gave it that status — the record's own date of it where it has one (accepted_on
    # for "accepted"…), else when the commune last saved it (a later note would move that) — not when the bundle
    # arrived here (the entry's own time)
    changed = w.record.get(_STATUS_DAY.get(new, "")) or w.updated_at
    return f"{bundle_id} status={new if was is None else f'{was}>{new}'} changed={changed}"


_STATUS_DAY = {"received": "received_on", "accepted": "accepted_on", "resolved": "resolved_on",
               "answered": "answered_on"}


def _check(r, manifest: Manifest, today):
    """(cleaned record, None) or (None, reason) for one payload line."""
    if not isinstance(r, dict) or not isinstance(r.get("record"), dict):
        return None, "malformed"
    entity, rec = r.get("entity"), r["record"]
    if entity not in store.TABLES or rec.get("type") != entity or rec.get("id") != r.get("id"):
        return None, "malformed"
    if any(not isinstance(r.get(k), int) or isinstance(r.get(k), bool) for k in _META_INT) \
            or not 1 <= r["rev"] <= _MAX_REV or r["deleted"] not in (0, 1):
        return None, "malformed"
    if r.get("owner_site") != manifest.sender.site_id:
        return None, "not_owner"  # a unit sends only its own records
    for k in ("created_at", "updated_at"):
        if not isinstance(r.get(k), str) or not r[k]:
            return None, "malformed"
    result = validate(rec, today)
    if not result.ok:
        # Stored and sent in the receipt as it is: the field named by its label ("Ngày đối thoại"), not its key.
        return None, "invalid: " + "; ".join(f"{field_label(entity, i.field, 'vi')}: {i.message('vi')}"
                                             for i in result.errors)[:500]
    return result.record, None


def _judging_day(session: Session, manifest: Manifest):
    """The day a bundle's records are checked against for "no future dates": the later of ours and the sender's
    own day when it wrote the bundle. A record the commune could save must not be quarantined here because our
    clock is behind theirs (a dead CMOS battery, another zone): the receipt acknowledges quarantined records, so
    the commune would never send them again."""
    today = session.clock.today()
    try:
        return max(today, vietnam_day(manifest.created_at))
    except (TypeError, ValueError):  # the reader checked it is a date-time; ours alone is still a day to judge by
        return today


def _apply(session: Session, manifest: Manifest, records: list, out: dict, now: str) -> None:
    db = session.db
    today = _judging_day(session, manifest)
    bundle_id, sender_site = manifest.bundle_id, manifest.sender.site_id

    def quarantine(r, reason):
        rec = r.get("record") if isinstance(r, dict) else None
        sync_log.add_quarantined(db, bundle_id=bundle_id, sender_site=sender_site,
                                 entity=r.get("entity") if isinstance(r, dict) else None,
                                 record_id=r.get("id") if isinstance(r, dict) else None,
                                 record=r if rec is None else r, reason=reason, at=now)
        out["quarantined"] += 1
        out.setdefault("quarantine", []).append({"id": r.get("id") if isinstance(r, dict) else None,
                                                 "reason": reason})

    # The day this commune's receptions owe a tracked reply from, as its newest bundle says: a change moves the
    # due dates of its receptions already here (an older bundle imported late does not turn it back).
    if manifest.seq_to >= sync_log.last_ack_seq(db, sender_site) \
            and reply_tracking.take_from_bundle(db, sender_site, manifest.reply_tracked_from, now):
        session.invalidate_reply_starts()
        recompute_due_dates(session, owner_site=sender_site)  # its receptions' replies, its petitions' notices

    good: list[tuple[dict, dict]] = []
    seen: set[str] = set()
    for r in records:
        rec, reason = _check(r, manifest, today)
        if reason is None and rec["id"] in seen:
            reason = "duplicate_in_bundle"
        if reason:
            quarantine(r, reason)
            continue
        seen.add(rec["id"])
        good.append((r, rec))

    existing = store.existing_ids(db, [rec["id"] for _, rec in good])
    stored: dict[str, store.Stored] = {}
    for entity in store.TABLES:
        want = [rec["id"] for _, rec in good if existing.get(rec["id"]) == entity]
        if want:
            stored.update(store.get_many(db, entity, want))

    # Case numbers already held: one query for the whole bundle, not two per record.
    held = sync_apply.case_number_owners(db, [rec["case_no"] for _, rec in good if rec.get("case_no")])
    claimed: dict[str, str] = {}
    writes: list[store.Write] = []
    for r, rec in good:
        entity, rid = r["entity"], rec["id"]
        if rid in existing and existing[rid] != entity:
            quarantine(r, "id_conflict")
            continue
        incoming = {"rev": r["rev"], "owner_site": r["owner_site"], "record": rec}
        old = stored.get(rid)
        if old is not None:
            local = {"rev": old.rev, "owner_site": old.owner_site, "record": old.record}
            if old.owner_site != r["owner_site"]:
                kept = sync_log.add_conflict(db, bundle_id=bundle_id, entity=entity, record_id=rid,
                                             reason="other_site", local=local, incoming=incoming, at=now)
                out["conflicts" if kept else "ignored"] += 1  # a version already under review is not new
                continue
            if r["rev"] < old.rev or (r["rev"] == old.rev and store.state_hash(rec, r["rev"], r["deleted"],
                                                                               r["owner_site"]) == old.state_hash()):
                out["ignored"] += 1
                continue
            if r["rev"] == old.rev:
                kept = sync_log.add_conflict(db, bundle_id=bundle_id, entity=entity, record_id=rid,
                                             reason="same_rev", local=local, incoming=incoming, at=now)
                out["conflicts" if kept else "ignored"] += 1
                continue
        cn = rec.get("case_no")
        if cn and (held.get(cn, set()) - {rid} or claimed.setdefault(cn, rid) != rid):
            quarantine(r, "case_no_taken")  # held by another record here, or by an earlier one of this bundle
            continue
        writes.append(store.Write(entity, rec, r["rev"], r["owner_site"], r["created_at"], r.get("created_by"),
                                  r["updated_at"], r.get("updated_by"), is_new=old is None, deleted=r["deleted"]))

    # A petition may only point at records that exist (the foreign keys would refuse the whole bundle).
    while True:
        ids = {w.record["id"] for w in writes}
        missing = [w for w in writes if any(
            w.record.get(k) and w.record[k] not in ids and store.existing_ids(db, [w.record[k]]).get(w.record[k]) != t
            for k, t in _REFERENCES)]
        if not missing:
            break
        for w in missing:
            writes.remove(w)
            quarantine({"entity": w.entity, "id": w.record["id"], "record": w.record}, "reference_missing")

    for w in writes:
        w.due_on = due_of(session, w.entity, w.record, w.owner_site)
        out["imported" if w.is_new else "updated"] += 1
    if writes:
        store.write_many(db, writes)
        audit.append(db, [audit.Entry(f"sync.import.{'create' if w.is_new else 'update'}", session.user_name,
                                      w.entity, w.record["id"],
                                      store.state_hash(w.record, w.rev, w.deleted, w.owner_site),
                                      _import_detail(bundle_id, w, stored.get(w.record["id"])))
                          for w in writes], now)
