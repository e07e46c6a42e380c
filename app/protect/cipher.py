"""Field-by-field encryption with the database's data key.

A protected value is stored as text `e1:` + base64(nonce ‖ AES-256-GCM ciphertext), its associated data naming
the record and the field, so a ciphertext moved to another row or column no longer opens. ID numbers are also
stored as a keyed hash (HMAC-SHA256 with a key derived from the data key) so an exact lookup still works while the
file alone reveals nothing: without the data key neither the number nor a dictionary of hashes can be made.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

PREFIX = "e1:"
DATA_KEY_BYTES = 32


class FieldUnreadable(Exception):
    """A protected value that does not open with this data key (damaged, or moved from elsewhere)."""


def is_sealed(value) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def _subkey(data_key: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"sodanvan " + purpose).derive(data_key)


class FieldCipher:
    """Seals and opens protected fields; one per open database whose user holds the data key."""

    def __init__(self, data_key: bytes):
        if len(data_key) != DATA_KEY_BYTES:
            raise ValueError("a data key is 32 bytes")
        self.data_key = data_key
        self._aead = AESGCM(_subkey(data_key, b"fields v1"))
        self._hash_key = _subkey(data_key, b"id hash v1")

    def __repr__(self) -> str:  # never print key material in logs or tracebacks
        return "FieldCipher(<data key>)"

    def seal(self, text: str, aad: str) -> str:
        nonce = os.urandom(12)
        ct = self._aead.encrypt(nonce, text.encode("utf-8"), aad.encode("utf-8"))
        return PREFIX + base64.b64encode(nonce + ct).decode("ascii")

    def open(self, value: str, aad: str) -> str:
        try:
            raw = binascii.a2b_base64(value[len(PREFIX):], strict_mode=True)  # = b64decode(validate=True), faster
            return self._aead.decrypt(raw[:12], raw[12:], aad.encode("utf-8")).decode("utf-8")
        except (InvalidTag, binascii.Error, ValueError, UnicodeError) as exc:
            raise FieldUnreadable(aad) from exc

    def id_hash(self, number: str) -> str:
        """The lookup key of an ID number (exact match only, as INTERFACES.md wants)."""
        return hmac.new(self._hash_key, number.strip().encode("utf-8"), hashlib.sha256).hexdigest()[:40]

    def seal_bytes(self, data: bytes, aad: str) -> bytes:
        nonce = os.urandom(12)
        return nonce + self._aead.encrypt(nonce, data, aad.encode("utf-8"))

    def open_bytes(self, data: bytes, aad: str) -> bytes:
        try:
            return self._aead.decrypt(data[:12], data[12:], aad.encode("utf-8"))
        except (InvalidTag, ValueError) as exc:
            raise FieldUnreadable(aad) from exc


def new_data_key() -> bytes:
    return os.urandom(DATA_KEY_BYTES)
