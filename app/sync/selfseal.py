"""A small secret sealed for one X25519 public key (this site's own), so it rests on disk unreadable without the
site's private key — which only opens with a sync account's password (app/sync/keys.py).

Used for the WebDAV upload password: anyone may seal (only the public key is needed, so an admin can save the
settings without unlocking anything), only an unlocked site can open. The construction is the bundle's key wrap
(ephemeral X25519 → HKDF-SHA256 → AES-256-GCM) with its own HKDF label, from the `cryptography` package.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.sync.keys import KeyPair

_INFO = b"danvan self-sealed secret v1"


def _key(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral_public + recipient_public,
                info=_INFO).derive(shared)


def seal(recipient_public: bytes, secret: str, context: str) -> dict:
    """`secret` encrypted for `recipient_public`; `context` (e.g. the URL and user it belongs to) is bound to it,
    so the sealed value cannot be moved to other settings unnoticed."""
    ephemeral = X25519PrivateKey.generate()
    eph = ephemeral.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    nonce = os.urandom(12)
    ct = AESGCM(_key(shared, eph, recipient_public)).encrypt(nonce, secret.encode("utf-8"), context.encode("utf-8"))
    enc = base64.b64encode
    return {"v": 1, "ephemeral": enc(eph).decode(), "nonce": enc(nonce).decode(), "ct": enc(ct).decode()}


def open_sealed(keys: KeyPair, sealed: dict, context: str) -> str | None:
    """The secret, or None when it was not sealed for these keys with this context (or is damaged)."""
    try:
        dec = base64.b64decode
        eph, nonce, ct = dec(sealed["ephemeral"]), dec(sealed["nonce"]), dec(sealed["ct"])
        shared = keys.encryption.exchange(X25519PublicKey.from_public_bytes(eph))
        plain = AESGCM(_key(shared, eph, keys.encryption_public)).decrypt(nonce, ct, context.encode("utf-8"))
        return plain.decode("utf-8")
    except (KeyError, TypeError, ValueError, InvalidTag):
        return None
