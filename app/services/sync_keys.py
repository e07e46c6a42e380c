"""This installation's sync keys and the peers it trusts (`danvan keys …`, SYNC.md "Keys change hands").

The private keys live sealed in `<db>.keys` beside the database (app/sync/keys.py), unlocked with the acting
user's own password; the public identity and the pseudonym secret are in the database (sync_site). A database
set up before sync existed gets its keys on first need, made by an admin with their password.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from app.clock import Clock, system_clock
from app.domain import roles
from app.domain.text import local_dmy_hm
from app.errors import DanvanError, PermissionDenied, UsageError
from app.services import accounts
from app.services.session import Session
from app.storage import audit, settings, sync_log, sync_peers
from app.storage.db import Database, write_transaction
from app.sync import keyfile, keys
from app.sync.keyfile import PublicIdentity


def read_chosen_file(path: str | Path, rejected: type[DanvanError], unreadable: str) -> bytes:
    """The bytes of a key file or receipt the officer chose; one that is missing (a stick pulled out, a mistyped
    name) or a folder is said to be so — not called "not a key file"."""
    p = Path(path)
    if p.is_dir():
        raise rejected("is_folder", path=str(p))
    if not p.exists():
        raise rejected("not_found", path=str(p))
    try:
        return p.read_bytes()
    except OSError:
        raise rejected(unreadable) from None


class TrustRefused(DanvanError):
    """A key file that must not be trusted here: `reason` wrong_level | own_key | revoked | escrow_at_upper |
    is_escrow | is_upper | other_site."""

    code = "trust_refused"

    def __init__(self, reason: str, **params):
        super().__init__(f"sync.trust.{reason}", **params)
        self.reason = reason


@dataclass(frozen=True)
class Unlocked:
    """This site's keys, unlocked for one operation: its private keys, public identity and pseudonym secret."""

    keypair: keys.KeyPair
    identity: PublicIdentity
    pseudonym_secret: str


def keys_path(db_path: str | Path) -> Path:
    """The sealed key file of a database: `<db>.keys` beside it (so a copied folder keeps them together)."""
    return Path(str(db_path) + ".keys")


def _aside_name(path: Path) -> Path:
    """Where an earlier key file is kept (keys are never overwritten): `<name>.old-<UTC stamp>`."""
    return path.with_name(f"{path.name}.old-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%SZ')}")


def _set_aside(path: Path) -> None:
    # A key file left from an earlier database at this path: never overwrite keys, keep it under another name.
    if path.exists():
        os.replace(path, _aside_name(path))


def _require_admin_password(session: Session, password: str) -> None:
    """Making keys is an administrator's act, proven again with the password (it also seals the new keys)."""
    if session.role != "admin":
        raise PermissionDenied("sync.keys_need_admin")
    if not accounts.verify_password(password, session.user["pw_hash"]):
        raise keys.WrongKeyPassword(session.user_name)


def _identity(db: Database, keypair: keys.KeyPair, clock: Clock) -> PublicIdentity:
    return keyfile.make_identity(keypair, unit_code=settings.get(db, "unit_code"),
                                 unit_name=settings.get(db, "unit_name"), level=settings.get(db, "level"),
                                 site_id=settings.get(db, "site_id"), clock=clock)


def create_site_keys(db: Database, db_path: str | Path, admin: str, password: str, *,
                     clock: Clock | None = None, keypair: keys.KeyPair | None = None) -> str:
    """Make this site's keys: the sealed file beside the database (unlockable by `admin`), then the identity row.
    Returns the fingerprint. The caller has checked `password` is `admin`'s."""
    clock = clock or system_clock()
    keypair = keypair or keys.generate()
    path = keys_path(db_path)
    _set_aside(path)
    keys.write_sealed(path, keys.seal(keypair, {admin: password}))
    identity = _identity(db, keypair, clock)
    with write_transaction(db):
        sync_peers.put_site_identity(db, identity, secrets.token_hex(32), clock.utc_stamp())
        audit.append(db, [audit.Entry("sync.keys_created", admin, detail=identity.fingerprint)], clock.utc_stamp())
    return identity.fingerprint


def site_fingerprint(session: Session) -> str | None:
    """This site's fingerprint (no password needed), or None when it has no keys yet."""
    found = sync_peers.site_identity(session.db)
    return found[0].fingerprint if found else None


def unlock(session: Session, password: str) -> Unlocked:
    """This site's keys, unlocked with the acting user's password; made first (admin only) if there are none.

    Raises WrongKeyPassword / AccountCannotSync / KeyStoreDamaged (app/sync/keys.py), PermissionDenied."""
    found = sync_peers.site_identity(session.db)
    path = keys_path(session.path)
    name = session.user_name
    if found is None:
        _require_admin_password(session, password)
        create_site_keys(session.db, session.path, name, password, clock=session.clock)
        found = sync_peers.site_identity(session.db)
    identity, secret = found
    pair = keys.unseal(keys.read_sealed(path), name, password)
    if pair.fingerprint != identity.fingerprint:
        from app.i18n import tr

        raise keys.KeyStoreDamaged(tr("sync.keys_of_another_installation", session.lang))
    return Unlocked(pair, identity, secret)


def show(session: Session) -> dict:
    """This site's fingerprint and the peers it trusts."""
    session.require(roles.READ)
    fp = site_fingerprint(session)
    return {"fingerprint": fp, "unit_code": session.unit_code, "level": settings.get(session.db, "level"),
            "peers": [{"unit_code": p["unit_code"], "unit_name": p["unit_name"], "level": p["level"],
                       "fingerprint": p["fingerprint"], "revoked": p["revoked"], "registered_at": p["registered_at"],
                       "escrow": p["escrow"]}
                      for p in sync_peers.peers(session.db, include_revoked=True, escrow=None)]}


def export_keyfile(session: Session, out: str | Path, *, password: str) -> dict:
    """Write this installation's signed public key file (`.dvkey`) to `out`. Audited."""
    session.require(roles.EXPORT)
    session.refuse_as_output(out)
    if Path(out).suffix.lower() != ".dvkey":  # a key file the other side's "Chọn tệp khóa" would not list
        raise UsageError("keys.bad_ext", name=Path(out).name)
    unlocked = unlock(session, password)
    # The identity is re-made from the current settings (a renamed unit), with the same keys.
    identity = _identity(session.db, unlocked.keypair, session.clock)
    data = keyfile.export_keyfile(unlocked.keypair, identity)
    from app.io.writers import atomic_path

    out = Path(out)
    with atomic_path(out) as tmp:
        tmp.write_bytes(data)
        # audited before the file takes its name: refused (the database held by another program) leaves no file
        session.audit("sync.key_export", detail=f"{out.name} {identity.fingerprint}")
    return {"file": str(out), "fingerprint": identity.fingerprint}


def trust_warning(session: Session, identity: PublicIdentity) -> str | None:
    """A sentence when the key's unit is not in this unit's province (a commune trusting another province's key,
    or a province registering another province's commune) — a likely mix-up of files, though not refused: the
    board decides who reports where. None when nothing looks wrong or a unit is not in the official list."""
    from app.domain.units import COMMUNE, find_unit
    from app.i18n import tr

    ours = settings.get(session.db, "level")
    notes = []
    known = sync_peers.peer(session.db, identity.fingerprint)
    if known and not known["revoked"]:
        notes.append(tr("sync.trust.already", session.lang, unit=identity.unit_name))
    if ours == "commune":
        current = sync_peers.current_upper(session.db)
        if current is not None and current["site_id"] != identity.site_id:
            notes.append(tr("sync.trust.replaces_upper", session.lang, old=current["unit_name"],
                            new=identity.unit_name))
    commune_code, upper_code = ((session.unit_code, identity.unit_code) if ours == "commune"
                                else (identity.unit_code, session.unit_code))
    commune, province = find_unit(commune_code, COMMUNE), find_unit(upper_code, "upper")
    if commune is not None and province is not None and commune.province_code != province.code:
        notes.append(tr("sync.trust.other_province", session.lang, commune=commune.name, province=province.name,
                        own=commune.province_name))
    return "\n".join(notes) or None


def trust(session: Session, path: str | Path, *, escrow: bool = False) -> dict:
    """Register a peer's key file: a commune trusts its upper level; the upper level trusts its communes.

    `escrow` (a commune only): an upper-level installation kept as an escrow (SYNC.md) — every bundle is also
    encrypted to it, so the data survives a lost upper-level machine; it is never this commune's upper level and its
    receipts are refused. Refuses (TrustRefused, exit 1, nothing registered) a key of the wrong level — a commune's
    key offered to a commune, an upper level's to an upper level —, this site's own key, a key revoked here, an
    escrow at the upper level, a key registered already in the other role, and at the upper level a commune's key
    from another installation of a unit whose key is registered and not revoked. Audited."""
    session.require(roles.MANAGE_SETTINGS)
    data = read_chosen_file(path, keyfile.KeyfileRejected, "not_a_keyfile")
    identity = keyfile.read_keyfile(data)
    ours = settings.get(session.db, "level")
    wanted = "upper" if ours == "commune" else "commune"
    if identity.level != wanted:
        raise TrustRefused("wrong_level", unit=identity.unit_name, level=identity.level, ours=ours)
    if identity.fingerprint == site_fingerprint(session) or identity.site_id == session.site_id:
        raise TrustRefused("own_key")
    if escrow and ours != "commune":
        raise TrustRefused("escrow_at_upper")
    known = sync_peers.peer(session.db, identity.fingerprint)
    if known and known["revoked"]:
        raise TrustRefused("revoked", unit=identity.unit_name, fingerprint=identity.fingerprint)
    if known and known["escrow"] != escrow:
        raise TrustRefused("is_escrow" if known["escrow"] else "is_upper", unit=identity.unit_name)
    if ours == "upper":
        # One unit, one sending installation: a second one numbers its changes and case numbers from 1 again, so
        # its records collide here with the first one's and are held for good. A replaced laptop that kept its
        # data comes by backup and restore (same installation, same key); one that did not is a new
        # installation, registered once the old key is revoked.
        other = next((p for p in sync_peers.peers(session.db, "commune")
                      if p["unit_code"] == identity.unit_code and p["site_id"] != identity.site_id), None)
        if other is not None:
            raise TrustRefused("other_site", unit=identity.unit_name, fingerprint=other["fingerprint"],
                               code=identity.unit_code.lstrip("0") or "0",
                               registered=local_dmy_hm(other["registered_at"])[:10])
    warning = None if escrow else trust_warning(session, identity)  # read before the key is registered
    current = sync_peers.current_upper(session.db) if ours == "commune" and not escrow else None
    now = session.clock.utc_stamp()
    with write_transaction(session.db):
        if current is not None and current["site_id"] != identity.site_id:
            # Another upper level from now on (a district's board replaced by the province's): it holds nothing
            # of ours, so the next bundle carries every record, whatever the old one acknowledged.
            sync_log.set_snapshot_due(session.db, True)
        sync_peers.put_peer(session.db, identity, now, session.user_name)
        if escrow:
            sync_peers.mark_escrow(session.db, identity.fingerprint)
        audit.append(session.db, [audit.Entry("sync.trust", session.user_name, detail=(
            f"{'escrow' if escrow else identity.level} {identity.unit_code} {identity.fingerprint}"))], now)
    return {"unit_code": identity.unit_code, "unit_name": identity.unit_name, "level": identity.level,
            "fingerprint": identity.fingerprint, "escrow": escrow, "warning": warning}


# --- who may unlock the keys (SYNC.md: "changing a password rewraps it") -------------------------------------------

SYNC_ACCESS_KEPT, SYNC_ACCESS_NONE, SYNC_ACCESS_LOST = "kept", "none", "lost"


def password_changed(session: Session, name: str, new_password: str, acting_password: str | None) -> str:
    """Carry a password change of account `name` (already stored) into the sealed key file.

    The acting user's password from before the change unlocks the keys: for one's own change it is the old
    password (a rewrap), for an admin's reset of someone else it is the admin's (the entry is replaced); None when
    it is not known. Returns
    "kept" (the new password unlocks the keys), "none" (the account had no sync access, or there are no keys) or
    "lost" (the file could not be updated: the account's stale entry is dropped, so its old password no longer
    opens the keys, unless it is the only one left — an admin must `keys grant` it again). Never raises for the
    key file: the password change has happened and stays."""
    path = keys_path(session.path)
    if sync_peers.site_identity(session.db) is None or not path.exists():
        return SYNC_ACCESS_NONE
    try:
        sealed = keys.read_sealed(path)
        if name not in keys.accounts(sealed):
            return SYNC_ACCESS_NONE
    except keys.KeyStoreDamaged:
        return SYNC_ACCESS_LOST
    try:
        if acting_password is None:  # e.g. a screen that did not ask the admin's password
            raise keys.AccountCannotSync(session.user_name)
        keys.write_sealed(path, keys.add_account(sealed, session.user_name, acting_password, name, new_password))
        outcome = SYNC_ACCESS_KEPT
    except (keys.AccountCannotSync, keys.WrongKeyPassword, keys.KeyStoreDamaged):
        try:
            keys.write_sealed(path, keys.remove_account(sealed, name))
        except (ValueError, OSError):  # the last account that can unlock: kept, its old password still opens it
            pass
        outcome = SYNC_ACCESS_LOST
    session.audit("sync.access_" + outcome, detail=name)
    return outcome


def keys_recovery(db_path: str | Path, unlock_name: str, password: str | None, recovery_key: str) -> bool:
    """Wrap this site's sync keys to a new recovery key too (at set-up, and when a new recovery key is made), so
    `recovery-key use` gives the admin the sync keys back with the data. False when `unlock_name` cannot open them
    (no sync access, or no password given): an older recovery key's entry is then dropped — the key printed before
    stops opening anything. Never raises for the key file."""
    path = keys_path(db_path)
    if not path.exists():
        return False
    try:
        sealed = keys.read_sealed(path)
        try:
            keys.write_sealed(path, keys.set_recovery(sealed, unlock_name, password or "", recovery_key))
            return True
        except (keys.AccountCannotSync, keys.WrongKeyPassword):
            if keys.has_recovery(sealed):
                keys.write_sealed(path, keys.drop_recovery(sealed))
            return False
    except (keys.KeyStoreDamaged, OSError):
        return False


def recover_access(db_path: str | Path, recovery_key: str, name: str, new_password: str) -> str:
    """After `recovery-key use`: admin `name` opens the sync keys with the new password again. "kept", "none" (no
    keys here) or "lost" (the key file has no entry for this recovery key: made before recovery keys opened the
    sync keys, or after `keys new`) — then `danvan keys new` is the way."""
    path = keys_path(db_path)
    if not path.exists():
        return SYNC_ACCESS_NONE
    try:
        keys.write_sealed(path, keys.recover_account(keys.read_sealed(path), recovery_key, name, new_password))
        return SYNC_ACCESS_KEPT
    except (keys.AccountCannotSync, keys.WrongKeyPassword, keys.KeyStoreDamaged, OSError):
        return SYNC_ACCESS_LOST


def drop_access(session: Session, name: str) -> bool:
    """Take an account's entry out of the sealed key file (a disabled account): its password no longer opens the
    sync keys. False when it had none, or is the only account that can (kept: the keys would be lost)."""
    path = keys_path(session.path)
    if not path.exists():
        return False
    try:
        sealed = keys.read_sealed(path)
        if name not in keys.accounts(sealed):
            return False
        keys.write_sealed(path, keys.remove_account(sealed, name))
    except (ValueError, OSError, keys.KeyStoreDamaged):
        return False
    session.audit("sync.access_removed", detail=name)
    return True


def grant(session: Session, admin_password: str, name: str, password: str) -> dict:
    """Let account `name` unlock the sync keys with its own log-in `password` (`danvan keys grant`); admins only.

    `admin_password` is the acting admin's (who must have sync access — or the keys are made now, as on first
    need). `password` must be `name`'s current log-in password, so the entry matches what that user types.
    Replaces an existing entry. Audited."""
    session.require(roles.MANAGE_USERS)
    from app.storage import users as user_rows

    row = user_rows.get_by_name(session.db, name)
    if row is None:
        raise DanvanError("user.not_found", user=name)
    if not accounts.verify_password(password, row["pw_hash"]):
        raise DanvanError("sync.grant_wrong_password", user=name)
    unlock(session, admin_password)  # proves the admin's access (and makes the keys if there were none)
    path = keys_path(session.path)
    keys.write_sealed(path, keys.add_account(keys.read_sealed(path), session.user_name, admin_password, name,
                                             password))
    session.audit("sync.grant", detail=name)
    return {"user": name, "accounts": keys.accounts(keys.read_sealed(path))}


def new_keys(session: Session, password: str) -> dict:
    """`keys new`: this installation gets a new key pair — after its old key was revoked (a stolen laptop whose
    backup was restored elsewhere brings the old key back). Same unit, same site id, same pseudonyms; only the
    acting admin can unlock the new keys at first (`keys grant` gives them to others again). The old key file is
    kept beside the database as `.old-<stamp>`; the next bundle is a full snapshot. The upper level then registers
    the new key file. Admins; audited. {"fingerprint", "previous"}."""
    session.require(roles.MANAGE_SETTINGS)
    _require_admin_password(session, password)
    found = sync_peers.site_identity(session.db)
    if found is None:  # no keys yet: the first ones, as the first export would make them
        return {"fingerprint": create_site_keys(session.db, session.path, session.user_name, password,
                                                clock=session.clock), "previous": None}
    previous = found[0].fingerprint
    was_revoked = sync_peers.own_key_revoked(session.db)
    pair = keys.generate()
    identity = _identity(session.db, pair, session.clock)
    path = keys_path(session.path)
    fresh = path.with_name(path.name + ".new")
    keys.write_sealed(fresh, keys.seal(pair, {session.user_name: password}))  # complete before anything changes
    aside = _aside_name(path)
    now = session.clock.utc_stamp()
    swapped = had_file = False
    try:
        # The key file is swapped inside the transaction and swapped back if it does not commit: the database's
        # identity and the key file beside it always belong together.
        with write_transaction(session.db):
            sync_peers.replace_site_identity(session.db, identity)
            sync_log.set_snapshot_due(session.db, True)
            audit.append(session.db, [audit.Entry("sync.keys_replaced", session.user_name,
                                                  detail=f"{previous} -> {identity.fingerprint}")], now)
            had_file = path.exists()  # none: a backup opened without its key file — new keys all the same
            if had_file:
                os.replace(path, aside)
            swapped = True
            os.replace(fresh, path)
    except BaseException:
        if swapped:
            if path.exists():
                os.replace(path, fresh)
            if had_file:
                os.replace(aside, path)
        fresh.unlink(missing_ok=True)
        raise
    return {"fingerprint": identity.fingerprint, "previous": previous,
            "old_key_file": str(aside) if had_file else None, "previous_revoked": was_revoked}


def revoke(session: Session, unit_code: str, fingerprint: str | None = None) -> dict:
    """Revoke every registered key of the peer unit `unit_code` (a stolen laptop, SYNC.md "Keys change hands"), or
    with `fingerprint` only that one (the new key already registered stays): bundles signed with them are refused
    from now on (BundleRejected "revoked_sender"), and the same key file cannot be trusted again — the unit makes a
    new key and its new key file is registered. Admins; audited. {"unit_code", "revoked": [fingerprint, …]};
    DanvanError sync.ack_unknown_unit when no such key is registered, sync.revoke_unknown_key when the fingerprint
    is not one of the unit's."""
    session.require(roles.MANAGE_SETTINGS)
    from app.domain.units import normalize_code

    other = "upper" if settings.get(session.db, "level") == "commune" else "commune"
    code = normalize_code(unit_code, other) or str(unit_code).strip()
    found = [p for p in sync_peers.peers(session.db, other, include_revoked=True, escrow=None)
             if p["unit_code"] == code]
    if not found:
        raise DanvanError("sync.ack_unknown_unit", code=unit_code)
    if fingerprint is not None:
        try:
            wanted = keys.normalize_fingerprint(fingerprint)
        except ValueError:
            wanted = None
        found = [p for p in found if p["fingerprint"] == wanted]
        if not found:
            raise DanvanError("sync.revoke_unknown_key", code=code, fingerprint=fingerprint)
    now = session.clock.utc_stamp()
    with write_transaction(session.db):
        revoked = [p["fingerprint"] for p in found if sync_peers.revoke_peer(session.db, p["fingerprint"], now)]
        audit.append(session.db, [audit.Entry("sync.revoke", session.user_name, detail=f"{code} {fp}")
                                  for fp in revoked], now)
    return {"unit_code": code, "revoked": revoked}
