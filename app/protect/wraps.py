"""Who can open the data key: one X25519 key pair per account, and a recovery key for the admin.

Each account has a key pair; its private half is sealed with a key derived from the account's password (scrypt),
its public half is in clear. The data key is wrapped to the public key of every account allowed to see personal
data (ephemeral X25519 → HKDF-SHA256 → AES-256-GCM, as bundles do), so an admin holding the data key can give it
to a new account or to one whose password was reset without knowing that password, and a password change only
re-seals one private key. The recovery key (printed once at set-up) wraps the data key too, for the day every
password is forgotten. All of it is JSON text stored in the database: the file alone opens nothing.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import threading
import unicodedata

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_SCRYPT_N, _SCRYPT_R, _SCRYPT_P = 2 ** 14, 8, 1  # as for passwords (~50 ms)
_SCRYPT_MAX_N = 2 ** 20
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed back by hand
RECOVERY_GROUPS = 8


class WrapUnreadable(Exception):
    """A wrap that does not open (wrong password or recovery key, or damaged)."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _password_bytes(password: str) -> bytes:
    return unicodedata.normalize("NFC", password).encode("utf-8")


def new_account_keys(password: str, user_id: str) -> tuple[str, str]:
    """(public key b64, sealed private key JSON) for a new or reset account."""
    private = X25519PrivateKey.generate()
    public = private.public_key().public_bytes_raw()
    raw = private.private_bytes_raw()
    return _b64(public), seal_private(raw, password, user_id)


def seal_private(raw_private: bytes, password: str, user_id: str) -> str:
    salt, nonce = os.urandom(16), os.urandom(12)
    kek = hashlib.scrypt(_password_bytes(password), salt=salt, n=_SCRYPT_N, r=_SCRYPT_R, p=_SCRYPT_P, dklen=32,
                         maxmem=64 << 20)
    ct = AESGCM(kek).encrypt(nonce, raw_private, b"account key " + user_id.encode())
    return json.dumps({"kdf": "scrypt", "n": _SCRYPT_N, "r": _SCRYPT_R, "p": _SCRYPT_P, "salt": _b64(salt),
                       "nonce": _b64(nonce), "sealed": _b64(ct)}, sort_keys=True)


class _Ahead:
    """open_private() running on a worker thread (hashlib.scrypt releases the interpreter lock)."""

    def __init__(self, sealed: str, password: str, user_id: str):
        self.args = (sealed, password, user_id)
        self.raw: bytes | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="account key", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.raw = _open_private(*self.args)
        except BaseException as exc:  # re-raised by open_private on the caller's thread
            self.error = exc


_ahead: _Ahead | None = None
_ahead_lock = threading.Lock()


def open_private_ahead(sealed: str, password: str, user_id: str) -> None:
    """Start open_private(sealed, password, user_id) on a worker thread: the next open_private() call takes its
    result if its arguments are the same (and drops it if not — one is kept, never more)."""
    global _ahead
    with _ahead_lock:
        _ahead = _Ahead(sealed, password, user_id)


def open_private(sealed: str, password: str, user_id: str) -> bytes:
    """The account's private key, opened with `password` (WrapUnreadable: a wrong password or a damaged seal)."""
    global _ahead
    with _ahead_lock:
        ahead, _ahead = _ahead, None
    if ahead is not None and ahead.args == (sealed, password, user_id):
        ahead.thread.join()
        if ahead.error is not None:
            raise ahead.error
        return ahead.raw
    return _open_private(sealed, password, user_id)


def _open_private(sealed: str, password: str, user_id: str) -> bytes:
    try:
        doc = json.loads(sealed)
        n, r, p = int(doc["n"]), int(doc["r"]), int(doc["p"])
        if doc["kdf"] != "scrypt" or not (2 <= n <= _SCRYPT_MAX_N and n & (n - 1) == 0) or not (1 <= r <= 32) \
                or not (1 <= p <= 16):
            raise ValueError("kdf")
        kek = hashlib.scrypt(_password_bytes(password), salt=_unb64(doc["salt"]), n=n, r=r, p=p, dklen=32,
                             maxmem=256 << 20)
        return AESGCM(kek).decrypt(_unb64(doc["nonce"]), _unb64(doc["sealed"]), b"account key " + user_id.encode())
    except (InvalidTag, ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise WrapUnreadable() from exc


def _wrap_key(shared: bytes, eph_public: bytes, public: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=eph_public + public,
                info=b"sodanvan data key v1").derive(shared)


def wrap_for_public(data_key: bytes, public_b64: str, holder: str) -> str:
    public = _unb64(public_b64)
    eph = X25519PrivateKey.generate()
    eph_public = eph.public_key().public_bytes_raw()
    key = _wrap_key(eph.exchange(X25519PublicKey.from_public_bytes(public)), eph_public, public)
    nonce = os.urandom(12)
    ct = AESGCM(key).encrypt(nonce, data_key, b"data key for " + holder.encode())
    return json.dumps({"wrap": "x25519", "ephemeral": _b64(eph_public), "nonce": _b64(nonce),
                       "wrapped": _b64(ct)}, sort_keys=True)


def unwrap_with_private(wrapped: str, raw_private: bytes, holder: str) -> bytes:
    try:
        doc = json.loads(wrapped)
        private = X25519PrivateKey.from_private_bytes(raw_private)
        public = private.public_key().public_bytes_raw()
        eph_public = _unb64(doc["ephemeral"])
        key = _wrap_key(private.exchange(X25519PublicKey.from_public_bytes(eph_public)), eph_public, public)
        return AESGCM(key).decrypt(_unb64(doc["nonce"]), _unb64(doc["wrapped"]), b"data key for " + holder.encode())
    except (InvalidTag, ValueError, KeyError, TypeError, binascii.Error) as exc:
        raise WrapUnreadable() from exc


# -- the recovery key -------------------------------------------------------------------------------------

def new_recovery_key() -> str:
    """40 characters from a 32-letter alphabet (200 bits), in eight groups of five: printed once, kept in a safe."""
    chars = [_RECOVERY_ALPHABET[b % 32] for b in os.urandom(40)]  # 256 is a multiple of 32: no bias
    return "-".join("".join(chars[i:i + 5]) for i in range(0, 40, 5))


def normalize_recovery_key(text: str) -> str:
    return "".join(c for c in (text or "").upper() if c.isascii() and c.isalnum())


def _recovery_kek(recovery_key: str, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt,
                info=b"sodanvan recovery v1").derive(normalize_recovery_key(recovery_key).encode("ascii"))


def wrap_for_recovery(data_key: bytes, recovery_key: str) -> str:
    salt, nonce = os.urandom(16), os.urandom(12)
    ct = AESGCM(_recovery_kek(recovery_key, salt)).encrypt(nonce, data_key, b"data key for recovery")
    return json.dumps({"wrap": "recovery", "salt": _b64(salt), "nonce": _b64(nonce), "wrapped": _b64(ct)},
                      sort_keys=True)


def unwrap_with_recovery(wrapped: str, recovery_key: str) -> bytes:
    try:
        doc = json.loads(wrapped)
        return AESGCM(_recovery_kek(recovery_key, _unb64(doc["salt"]))).decrypt(
            _unb64(doc["nonce"]), _unb64(doc["wrapped"]), b"data key for recovery")
    except (InvalidTag, ValueError, KeyError, TypeError, binascii.Error, UnicodeError) as exc:
        raise WrapUnreadable() from exc
