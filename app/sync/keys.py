"""An installation's identity: its key pair, the fingerprint people compare, and the sealed private-key file.

Two keys per installation (SYNC.md): Ed25519 signs what it sends (bundles, receipts, its key file); X25519
receives the data key of bundles addressed to it. The signing key *is* the identity: the fingerprint is made from
it alone, and the encryption key is bound to it by the self-signed key file (`keyfile.py`).

The private keys never touch the disk in clear. The key file beside the database ("sealed" bytes, JSON):

    {"format": "dvkeys/1", "fingerprint": "...", "signing_public": b64, "encryption_public": b64,
     "keys": {"nonce": b64, "ciphertext": b64},          AES-256-GCM(KEK, raw Ed25519 seed ‖ raw X25519 key)
     "accounts": {name: {"kdf": "scrypt", "n", "r", "p", "salt": b64, "nonce": b64, "wrapped": b64}}}
                                                          AES-256-GCM(scrypt(password), KEK), once per account

A random key-encryption key (KEK) seals the private keys; the KEK is wrapped once per account allowed to sync, with
a key derived from that account's password — so the acting user's own password unlocks it, and changing a
password only rewraps the KEK. Associated data binds each ciphertext to its place (format, fingerprint, account).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.errors import AuthError, DanvanError

SEALED_FORMAT = "dvkeys/1"
# scrypt cost as for account passwords (app/services/accounts.py): ~50 ms, so unlocking costs one log-in.
_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2 ** 14, 8, 1
# A sealed file may name a stronger cost (a later version); refuse absurd ones that would exhaust memory.
_SCRYPT_MAX_N = 2 ** 20
_RAW = serialization.Encoding.Raw
_PRIVATE_RAW = (serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
_FINGERPRINT_DOMAIN = b"sodanvan fingerprint v1\x00"
FINGERPRINT_DIGITS = 40  # ten groups of four


class KeyStoreDamaged(DanvanError):
    """The sealed key file cannot be read (damaged, truncated, or not a key file)."""

    code = "key_store_damaged"

    def __init__(self, detail: str = ""):
        super().__init__("sync.key_store_damaged", detail=detail)


class WrongKeyPassword(AuthError):
    """The password given does not unlock the sync keys for this account."""

    def __init__(self, name: str):
        super().__init__("sync.key_wrong_password", user=name)


class AccountCannotSync(AuthError):
    """The account is not among those allowed to unlock the sync keys."""

    def __init__(self, name: str):
        super().__init__("sync.key_no_account", user=name)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    return base64.b64decode(text.encode("ascii"), validate=True)


def fingerprint(public_signing_key: bytes) -> str:
    """The fingerprint of an identity: 40 decimal digits in ten groups of four, e.g. "0123 4567 … 8901".

    Digits because they are read aloud the same way by everyone, with no letter names to confuse over a phone line
    (Vietnamese has no F, J, W, Z, and B/P or D/Đ are easily misheard), and officers already read 12-digit ID
    numbers this way. Groups of four keep one's place when comparing on paper. 40 digits carry ≈ 133 bits of a
    SHA-256 of the raw 32-byte public signing key (domain-separated): no one can make another key that matches.
    """
    if not isinstance(public_signing_key, (bytes, bytearray)) or len(public_signing_key) != 32:
        raise ValueError("an Ed25519 public key is 32 bytes")
    digest = hashlib.sha256(_FINGERPRINT_DOMAIN + bytes(public_signing_key)).digest()
    # 160 bits reduced mod 10^40 (< 2^133): the bias is below 2^-27, irrelevant for comparison.
    digits = str(int.from_bytes(digest[:20], "big") % 10 ** FINGERPRINT_DIGITS).zfill(FINGERPRINT_DIGITS)
    return " ".join(digits[i:i + 4] for i in range(0, FINGERPRINT_DIGITS, 4))


def normalize_fingerprint(text: str) -> str:
    """A fingerprint as typed or pasted (any spaces, dashes) in its standard grouped form; ValueError if not one."""
    digits = "".join(ch for ch in str(text) if not (ch.isspace() or ch in "-."))
    if len(digits) != FINGERPRINT_DIGITS or not digits.isascii() or not digits.isdigit():
        raise ValueError("a fingerprint is 40 digits")
    return " ".join(digits[i:i + 4] for i in range(0, FINGERPRINT_DIGITS, 4))


@dataclass(frozen=True)
class KeyPair:
    """An installation's private keys. Only in memory; on disk only sealed (`seal`)."""

    signing: Ed25519PrivateKey
    encryption: X25519PrivateKey

    @property
    def signing_public(self) -> bytes:
        return self.signing.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)

    @property
    def encryption_public(self) -> bytes:
        return self.encryption.public_key().public_bytes(_RAW, serialization.PublicFormat.Raw)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.signing_public)

    def sign(self, data: bytes) -> bytes:
        """An Ed25519 signature (64 bytes) over `data`."""
        return self.signing.sign(data)

    def _private_bytes(self) -> bytes:
        return self.signing.private_bytes(*_PRIVATE_RAW) + self.encryption.private_bytes(*_PRIVATE_RAW)

    def __repr__(self) -> str:  # never print private material in logs or tracebacks
        return f"KeyPair(fingerprint={self.fingerprint!r})"


def generate() -> KeyPair:
    """A new identity: a fresh Ed25519 signing key and a fresh X25519 encryption key."""
    return KeyPair(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())


# --- the sealed key file -------------------------------------------------------------------------------------------

def _password_bytes(password: str) -> bytes:
    # NFC, so the same password typed with composed or decomposed Vietnamese marks unlocks the same key.
    return unicodedata.normalize("NFC", password).encode("utf-8")


def _derive(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(_password_bytes(password), salt=salt, n=n, r=r, p=p, dklen=32,
                          maxmem=128 * r * n * p + 2 ** 24)


def _account_aad(doc: dict, name: str) -> bytes:
    return f"{SEALED_FORMAT}|kek|{doc['fingerprint']}|{name}".encode("utf-8")


def _keys_aad(doc: dict) -> bytes:
    return f"{SEALED_FORMAT}|keys|{doc['fingerprint']}".encode("utf-8")


def _wrap_for(doc: dict, kek: bytes, name: str, password: str) -> dict:
    salt, nonce = os.urandom(16), os.urandom(12)
    key = _derive(password, salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    return {"kdf": "scrypt", "n": _SCRYPT_N, "r": _SCRYPT_R, "p": _SCRYPT_P, "salt": _b64(salt),
            "nonce": _b64(nonce), "wrapped": _b64(AESGCM(key).encrypt(nonce, kek, _account_aad(doc, name)))}


def _dump(doc: dict) -> bytes:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8") + b"\n"


def _load(sealed: bytes) -> dict:
    try:
        doc = json.loads(bytes(sealed).decode("utf-8"))
    except (UnicodeDecodeError, ValueError, TypeError, RecursionError):
        raise KeyStoreDamaged("not JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != SEALED_FORMAT:
        raise KeyStoreDamaged("not a sealed key file")
    if not (isinstance(doc.get("fingerprint"), str) and isinstance(doc.get("accounts"), dict)
            and isinstance(doc.get("keys"), dict)):
        raise KeyStoreDamaged("incomplete")
    return doc


def _unwrap_kek(doc: dict, name: str, password: str) -> bytes:
    entry = doc["accounts"].get(name)
    if entry is None:
        raise AccountCannotSync(name)
    return _open_entry(doc, entry, name, password)


def _open_entry(doc: dict, entry, name: str, password: str) -> bytes:
    try:
        n, r, p = int(entry["n"]), int(entry["r"]), int(entry["p"])
        if entry.get("kdf") != "scrypt" or not (2 <= n <= _SCRYPT_MAX_N and n & (n - 1) == 0) \
                or not (1 <= r <= 32 and 1 <= p <= 16):
            raise ValueError("unsupported key derivation")
        salt, nonce, wrapped = _unb64(entry["salt"]), _unb64(entry["nonce"]), _unb64(entry["wrapped"])
        key = _derive(password, salt, n, r, p)
    except (KeyError, TypeError, ValueError) as exc:
        raise KeyStoreDamaged(f"account entry: {exc}") from None
    try:
        kek = AESGCM(key).decrypt(nonce, wrapped, _account_aad(doc, name))
    except (InvalidTag, ValueError):
        raise WrongKeyPassword(name) from None
    if len(kek) != 32:
        raise KeyStoreDamaged("key-encryption key has the wrong length")
    return kek


def seal(keypair: KeyPair, accounts: dict[str, str]) -> bytes:
    """The sealed key file for `keypair`, unlockable by each account {name: password}. At least one account."""
    if not accounts:
        raise ValueError("at least one account must be able to unlock the keys")
    kek, nonce = AESGCM.generate_key(bit_length=256), os.urandom(12)
    doc = {"format": SEALED_FORMAT, "fingerprint": keypair.fingerprint,
           "signing_public": _b64(keypair.signing_public), "encryption_public": _b64(keypair.encryption_public)}
    doc["keys"] = {"nonce": _b64(nonce),
                   "ciphertext": _b64(AESGCM(kek).encrypt(nonce, keypair._private_bytes(), _keys_aad(doc)))}
    doc["accounts"] = {name: _wrap_for(doc, kek, name, pw) for name, pw in accounts.items()}
    return _dump(doc)


def unseal(sealed: bytes, name: str, password: str) -> KeyPair:
    """The key pair, unlocked with account `name`'s password.

    Raises AccountCannotSync (the account has no access), WrongKeyPassword, or KeyStoreDamaged (the file is not
    intact, or its keys do not match its recorded fingerprint)."""
    doc = _load(sealed)
    kek = _unwrap_kek(doc, name, password)
    try:
        nonce, ciphertext = _unb64(doc["keys"]["nonce"]), _unb64(doc["keys"]["ciphertext"])
        raw = AESGCM(kek).decrypt(nonce, ciphertext, _keys_aad(doc))
    except (KeyError, TypeError, ValueError, InvalidTag):
        raise KeyStoreDamaged("sealed keys") from None
    if len(raw) != 64:
        raise KeyStoreDamaged("sealed keys have the wrong length")
    pair = KeyPair(Ed25519PrivateKey.from_private_bytes(raw[:32]), X25519PrivateKey.from_private_bytes(raw[32:]))
    if pair.fingerprint != doc["fingerprint"]:
        raise KeyStoreDamaged("keys do not match the recorded fingerprint")
    return pair


def add_account(sealed: bytes, unlock_name: str, unlock_password: str, new_name: str, new_password: str) -> bytes:
    """`sealed` with `new_name` also able to unlock it (replacing its entry if it had one — e.g. an admin resetting
    a user's password). Proves access first with an account that already has it."""
    doc = _load(sealed)
    kek = _unwrap_kek(doc, unlock_name, unlock_password)
    doc["accounts"][new_name] = _wrap_for(doc, kek, new_name, new_password)
    return _dump(doc)


def rewrap(sealed: bytes, name: str, old_password: str, new_password: str) -> bytes:
    """`sealed` after account `name` changed its password (the old one must still unlock it)."""
    return add_account(sealed, name, old_password, name, new_password)


def remove_account(sealed: bytes, name: str) -> bytes:
    """`sealed` without `name`'s access (a user removed or no longer allowed to sync). The last one cannot go."""
    doc = _load(sealed)
    if name not in doc["accounts"]:
        return _dump(doc)
    if len(doc["accounts"]) == 1:
        raise ValueError("the last account able to unlock the keys cannot be removed")
    del doc["accounts"][name]
    return _dump(doc)


# The recovery key (app/protect/wraps.py: printed once at set-up, kept in a safe) wraps the KEK too, beside the
# accounts: the day every password is forgotten it gives the admin back the sync keys with the data — before, the
# admin had the data back and a key file nobody could open (every commune registering a new province key).
_RECOVERY = "\x00recovery"  # not an account name: the entry lives under "recovery", never in "accounts"


def _recovery_secret(recovery_key: str) -> str:
    from app.protect.wraps import normalize_recovery_key

    return normalize_recovery_key(recovery_key)


def set_recovery(sealed: bytes, unlock_name: str, unlock_password: str, recovery_key: str) -> bytes:
    """`sealed` with the KEK also wrapped to `recovery_key` (replacing an older recovery key's entry)."""
    doc = _load(sealed)
    kek = _unwrap_kek(doc, unlock_name, unlock_password)
    doc["recovery"] = _wrap_for(doc, kek, _RECOVERY, _recovery_secret(recovery_key))
    return _dump(doc)


def drop_recovery(sealed: bytes) -> bytes:
    """`sealed` without a recovery entry (a new recovery key could not be added: the old one must not go on
    opening the keys)."""
    doc = _load(sealed)
    doc.pop("recovery", None)
    return _dump(doc)


def has_recovery(sealed: bytes) -> bool:
    return isinstance(_load(sealed).get("recovery"), dict)


def recover_account(sealed: bytes, recovery_key: str, name: str, new_password: str) -> bytes:
    """`sealed` with account `name` able to unlock it with `new_password`, proved by the recovery key.
    AccountCannotSync when the file has no recovery entry (made before it existed), WrongKeyPassword when the key
    is not the one it was wrapped to."""
    doc = _load(sealed)
    entry = doc.get("recovery")
    if not isinstance(entry, dict):
        raise AccountCannotSync(name)
    kek = _open_entry(doc, entry, _RECOVERY, _recovery_secret(recovery_key))
    doc["accounts"][name] = _wrap_for(doc, kek, name, new_password)
    return _dump(doc)


def accounts(sealed: bytes) -> list[str]:
    """The accounts able to unlock `sealed`, sorted."""
    return sorted(_load(sealed)["accounts"])


def sealed_fingerprint(sealed: bytes) -> str:
    """The fingerprint recorded in `sealed`, readable without a password (for "which keys are these?")."""
    return _load(sealed)["fingerprint"]


def write_sealed(path: Path, sealed: bytes) -> None:
    """Write the sealed key file atomically (temp file, fsync, rename), readable by its owner only."""
    from app.io.writers import atomic_path

    _load(sealed)  # never write something that is not a sealed key file
    path = Path(path)
    with atomic_path(path) as tmp:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(sealed)


def read_sealed(path: Path) -> bytes:
    """The sealed key file's bytes; KeyStoreDamaged if it is missing or unreadable."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise KeyStoreDamaged(f"{path}: {exc.strerror or exc}") from None
