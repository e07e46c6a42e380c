"""The public identity of an installation as a self-signed `.dvkey` file.

A `.dvkey` file is UTF-8 JSON (indented for people; the indentation is not signed):

    {"identity": {"format": "dvkey/1", "unit_code": "00004", "unit_name": "Phường Ba Đình", "level": "commune",
                  "site_id": "<uuid>", "signing_key": b64(32 bytes Ed25519 public), "encryption_key":
                  b64(32 bytes X25519 public), "fingerprint": "0123 4567 …", "created_at": "2026-…+00:00"},
     "signature": b64(Ed25519 signature by signing_key over canonical_bytes(identity))}

The signature proves the file was made by the holder of the signing key and binds the encryption key and the
unit to it; the fingerprint (of the signing key) is what people compare by phone or on paper before trusting
the file — the signature alone cannot tell a genuine file from one an impostor made with their own key.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import asdict, dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.clock import Clock, system_clock
from app.errors import DanvanError
from app.sync.canonical import NotCanonical, canonical_bytes
from app.sync.keys import KeyPair, fingerprint

KEYFILE_FORMAT = "dvkey/1"
LEVELS = ("commune", "upper")
MAX_KEYFILE_BYTES = 64 * 1024
_FIELDS = ("format", "unit_code", "unit_name", "level", "site_id", "signing_key", "encryption_key",
           "fingerprint", "created_at")
_FORMAT_RE = re.compile(r"^dvkey/(\d{1,6})$")


class KeyfileRejected(DanvanError):
    """A `.dvkey` file was refused. `reason`: not_a_keyfile | newer_format | damaged | bad_fingerprint |
    bad_signature | not_found | is_folder."""

    code = "keyfile_rejected"

    def __init__(self, reason: str, **params):
        super().__init__(f"sync.keyfile.{reason}", **params)
        self.reason = reason


@dataclass(frozen=True)
class PublicIdentity:
    """What one installation knows of another (or of itself): unit, level, site and public keys."""

    unit_code: str
    unit_name: str
    level: str
    site_id: str
    signing_key: bytes
    encryption_key: bytes
    fingerprint: str
    created_at: str

    def verify(self, signature: bytes, data: bytes) -> bool:
        """True when `signature` is this identity's Ed25519 signature over `data`."""
        try:
            Ed25519PublicKey.from_public_bytes(self.signing_key).verify(signature, data)
            return True
        except (InvalidSignature, ValueError):
            return False

    def to_dict(self) -> dict:
        """The signed body of a key file (keys in base64), also what a registry may store."""
        d = asdict(self)
        d["signing_key"] = base64.b64encode(self.signing_key).decode("ascii")
        d["encryption_key"] = base64.b64encode(self.encryption_key).decode("ascii")
        return {"format": KEYFILE_FORMAT, **d}

    @classmethod
    def from_dict(cls, body: dict) -> "PublicIdentity":
        """The identity in a key file's body (as `to_dict` makes it); ValueError if malformed. No signature check."""
        if not isinstance(body, dict) or set(body) != set(_FIELDS):
            raise ValueError("fields differ from a key file's")
        for name in _FIELDS:
            if not isinstance(body[name], str) or not body[name].strip():
                raise ValueError(f"{name} must be non-empty text")
        if body["level"] not in LEVELS:
            raise ValueError(f"level must be one of {LEVELS}")
        try:
            sk = base64.b64decode(body["signing_key"].encode("ascii"), validate=True)
            ek = base64.b64decode(body["encryption_key"].encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError):
            raise ValueError("keys must be base64") from None
        if len(sk) != 32 or len(ek) != 32:
            raise ValueError("public keys are 32 bytes")
        return cls(unit_code=body["unit_code"], unit_name=body["unit_name"], level=body["level"],
                   site_id=body["site_id"], signing_key=sk, encryption_key=ek, fingerprint=body["fingerprint"],
                   created_at=body["created_at"])


def make_identity(keypair: KeyPair, *, unit_code: str, unit_name: str, level: str, site_id: str,
                  clock: Clock | None = None) -> PublicIdentity:
    """This installation's public identity (for its key file and as a bundle's sender)."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    return PublicIdentity(unit_code=str(unit_code), unit_name=unit_name, level=level, site_id=str(site_id),
                          signing_key=keypair.signing_public, encryption_key=keypair.encryption_public,
                          fingerprint=keypair.fingerprint, created_at=(clock or system_clock()).utc_stamp())


def export_keyfile(keypair: KeyPair, identity: PublicIdentity) -> bytes:
    """The `.dvkey` file's bytes: `identity` signed by `keypair` (which must hold that identity's keys)."""
    if identity.signing_key != keypair.signing_public or identity.encryption_key != keypair.encryption_public:
        raise ValueError("the identity's public keys are not this key pair's")
    body = identity.to_dict()
    PublicIdentity.from_dict(body)  # never sign a file read_keyfile would refuse
    doc = {"identity": body, "signature": base64.b64encode(keypair.sign(canonical_bytes(body))).decode("ascii")}
    return json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8") + b"\n"


def read_keyfile(data: bytes) -> PublicIdentity:
    """The identity in a `.dvkey` file, after checking its format, its fingerprint and its signature.

    Raises KeyfileRejected(reason): not_a_keyfile (not JSON / not a key file / too large), newer_format (made by a
    newer version), damaged (fields missing or malformed), bad_fingerprint (the fingerprint is not that of the key),
    bad_signature (altered after signing, or signed by another key)."""
    if not isinstance(data, (bytes, bytearray)) or len(data) > MAX_KEYFILE_BYTES:
        raise KeyfileRejected("not_a_keyfile")
    try:
        doc = json.loads(bytes(data).decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise KeyfileRejected("not_a_keyfile") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("identity"), dict):
        raise KeyfileRejected("not_a_keyfile")
    body = doc["identity"]
    fmt = body.get("format")
    if fmt != KEYFILE_FORMAT:
        m = _FORMAT_RE.match(fmt) if isinstance(fmt, str) else None
        raise KeyfileRejected("newer_format" if m and int(m.group(1)) > 1 else "not_a_keyfile")
    try:
        identity = PublicIdentity.from_dict(body)
        signature = base64.b64decode(str(doc.get("signature", "")).encode("ascii"), validate=True)
        signed = canonical_bytes(body)
    except (ValueError, binascii.Error, UnicodeEncodeError, NotCanonical):
        raise KeyfileRejected("damaged") from None
    if set(doc) != {"identity", "signature"} or len(signature) != 64:
        raise KeyfileRejected("damaged")
    if identity.fingerprint != fingerprint(identity.signing_key):
        raise KeyfileRejected("bad_fingerprint")
    if not identity.verify(signature, signed):
        raise KeyfileRejected("bad_signature")
    return identity
