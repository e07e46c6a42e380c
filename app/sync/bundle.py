"""The `.dvb` bundle file: a commune's changes, signed by it and encrypted for its upper level (SYNC.md "The file").

File format "dvb/1" — what a district script needs to read one
=============================================================
A ZIP archive (members STORED, i.e. not compressed; no other members, no folders) holding exactly, in this order:

``manifest.json``
    Canonical JSON (`app/sync/canonical.py`: keys sorted, UTF-8 not \\u escapes, separators "," and ":" with no
    spaces, integers only). These bytes, exactly, are signed. Fields::

        format          "dvb/1"
        schema_version  int    database schema version of the sender (the receiver refuses a newer one)
        app_version     text   sender's application version
        bundle_id       text   UUID of this bundle (re-importing the same id changes nothing)
        kind            "changes" (every change not yet acknowledged) | "snapshot" (every record)
        sender          {"unit_code", "unit_name", "site_id", "fingerprint"}
        recipients      [fingerprint, …]      the installations able to decrypt (upper level, optional escrow)
        seq_from        int    first change-log sequence number covered
        seq_to          int    last one (seq_from <= seq_to)
        last_ack_seq    int    newest high-water seq the sender has a receipt for (0 = none)
        counts          {entity: int}         records in the payload per `entity`
        payload_sha256  hex    SHA-256 of payload.bin (the ciphertext), checked before decrypting
        payload_bytes   int    size of payload.bin
        readme_sha256   hex    SHA-256 of README.txt
        enc             {"cipher": "AES-256-GCM", "nonce": b64 (12 bytes),
                         "wrap": "X25519-HKDF-SHA256-AES-256-GCM",
                         "keys": [{"recipient": fingerprint, "ephemeral": b64 (32 bytes X25519 public key),
                                   "nonce": b64 (12 bytes), "wrapped": b64 (48 bytes)}, …]}
        created_at      text   UTC ISO-8601 time of writing, e.g. "2026-11-23T10:00:00+00:00"
        identity        "included" — optional: the payload holds denouncers' real identities (USB only)
        reply_tracked_from  text   optional: "YYYY-MM-DD", the day from which the sender's receptions owe a tracked
                        reply to the citizen (app/services/reply_tracking.py); absent means 2026-12-07

    Fingerprints are those of `app/sync/keys.py` ("0123 4567 …", ten groups of four digits).

``manifest.sig``
    The 64-byte raw Ed25519 signature, by the sender's signing key, over the exact bytes of manifest.json.

``payload.bin``
    AES-256-GCM ciphertext (16-byte tag appended) with a fresh random 256-bit data key and `enc.nonce`;
    associated data ``b"dvb/1|payload|" + bundle_id``. The plaintext is a gzip stream of NDJSON: one JSON object
    per line, UTF-8, "\\n" after each; every object has a text `entity` (the counts are by it). An export's line
    is {entity, id, rev, owner_site, deleted, created_at, created_by, updated_at, updated_by, record} with `record`
    in the exchange format (INTERFACES.md), a field it lacks written as null (app/storage/payload_lines.py).

``README.txt``
    Plain Vietnamese for a person who finds the file: from which unit, which period, how many records, for whom.
    Informational; its hash is in the signed manifest, so it cannot be altered unnoticed either.

Data key wrapping, per recipient: a fresh ephemeral X25519 key pair; shared = X25519(ephemeral, recipient's
encryption key); wrap key = HKDF-SHA256(shared, salt = ephemeral public ‖ recipient public, info =
``b"dvb/1 data key wrap"``, 32 bytes); wrapped = AES-256-GCM(wrap key, nonce, data key, associated data =
bundle_id as UTF-8).

Checking a bundle (in SYNC.md's order; each refusal is a `BundleRejected` with its `reason`):
a readable ZIP of exactly these members within the size limits (``not_a_bundle``, ``damaged``, ``too_large``) →
a known `format` (``newer_format``), no manifest field this version does not know (``newer_version``) and a
`schema_version` not newer than ours (``newer_schema``) → the sender is
registered, with the same site and unit (``unknown_sender``) → the signature (``bad_signature``) → the payload and
README hashes (``damaged``) → addressed to us (``not_for_us``) → decryption and decoding (``damaged``).
Nothing is extracted to disk and member names are never used as paths.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import uuid
import zipfile
import zlib
from collections import Counter, deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

import app
from app.clock import Clock, system_clock
from app.errors import DanvanError
from app.io.writers import atomic_path, fsync_dir
from app.sync.canonical import NotCanonical, canonical_bytes, parse_canonical
from app.sync.keyfile import PublicIdentity
from app.sync.keys import KeyPair, fingerprint as fingerprint_of

BUNDLE_FORMAT = "dvb/1"
KINDS = ("changes", "snapshot")
MANIFEST, SIGNATURE, PAYLOAD, README = "manifest.json", "manifest.sig", "payload.bin", "README.txt"
MEMBERS = (MANIFEST, SIGNATURE, PAYLOAD, README)
SUFFIX = ".dvb"

# Limits: far above a real bundle (100,000 records gzip to a few tens of MB), far below what hurts a laptop.
MAX_BUNDLE_BYTES = 1 << 30
MAX_MANIFEST_BYTES = 1 << 20
MAX_README_BYTES = 1 << 18
MAX_PAYLOAD_BYTES = 1 << 30
MAX_PLAINTEXT_BYTES = 8 << 30  # decompressed NDJSON: a zip/gzip bomb stops here
MAX_RECORD_BYTES = 16 << 20
MAX_RECIPIENTS = 16

_PAYLOAD_AAD = b"dvb/1|payload|"
_WRAP_INFO = b"dvb/1 data key wrap"
_CIPHER, _WRAP = "AES-256-GCM", "X25519-HKDF-SHA256-AES-256-GCM"
_FORMAT_RE = re.compile(r"^dvb/(\d{1,6})$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_CHUNK = 1 << 20
_MANIFEST_FIELDS = {"format", "schema_version", "app_version", "bundle_id", "kind", "sender", "recipients",
                    "seq_from", "seq_to", "last_ack_seq", "counts", "payload_sha256", "payload_bytes",
                    "readme_sha256", "enc", "created_at"}
# Present only in a bundle that carries denouncers' identities (the audited setting sync_send_identity, SYNC.md
# "Export"): such a bundle travels by USB only — the upload channel refuses it.
_OPTIONAL_MANIFEST_FIELDS = {"identity", "reply_tracked_from"}
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
IDENTITY_INCLUDED = "included"
_SENDER_FIELDS = {"unit_code", "unit_name", "site_id", "fingerprint"}
_ENTITY_NAMES_VI = {"reception": "lượt tiếp công dân", "petition": "đơn thư", "model": "mô hình Dân vận khéo",
                    "dialogue": "buổi đối thoại"}

REASONS = ("not_a_bundle", "too_large", "damaged", "newer_format", "newer_schema", "unknown_sender",
           "revoked_sender", "bad_signature", "not_for_us", "newer_version")


class BundleRejected(DanvanError):
    """A bundle was refused; nothing was read from it. `reason` is one of REASONS (stable, for programs and
    results); `detail` says technically what failed (for logs, English)."""

    code = "bundle_rejected"

    def __init__(self, reason: str, detail: str = "", **params):
        assert reason in REASONS, reason
        super().__init__(f"sync.bundle.{reason}", **params)
        self.reason = reason
        self.detail = detail


class BundleWriteFailed(DanvanError):
    """The bundle written to disk did not read back as written (a failing disk or USB stick); it was removed."""

    code = "bundle_write_failed"

    def __init__(self, path: Path, detail: str = ""):
        super().__init__("sync.bundle.write_failed", path=str(path))
        self.detail = detail


@dataclass(frozen=True)
class Sender:
    unit_code: str
    unit_name: str
    site_id: str
    fingerprint: str


@dataclass(frozen=True)
class Manifest:
    """A bundle's manifest, as signed. `raw` holds the exact signed bytes."""

    format: str
    schema_version: int
    app_version: str
    bundle_id: str
    kind: str
    sender: Sender
    recipients: tuple[str, ...]
    seq_from: int
    seq_to: int
    last_ack_seq: int
    counts: dict[str, int]
    payload_sha256: str
    payload_bytes: int
    readme_sha256: str
    enc: dict
    created_at: str
    raw: bytes = field(repr=False, compare=False, default=b"")
    identity_included: bool = False  # the payload holds denouncers' real identities: USB only
    reply_tracked_from: str | None = None  # "YYYY-MM-DD" when the sender's day is not the usual one

    @property
    def records(self) -> int:
        """How many records the payload holds."""
        return sum(self.counts.values())

    def to_dict(self) -> dict:
        """The manifest as JSON values (as in manifest.json)."""
        return json.loads(self.raw.decode("utf-8"))


# --- small helpers ---------------------------------------------------------------------------------------------------

def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text, length: int) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError):
        raise ValueError("not base64") from None
    if len(data) != length:
        raise ValueError(f"expected {length} bytes")
    return data


def _is_int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _same_unit(a: str, b: str) -> bool:
    """Unit codes compare as numbers when they are numbers: 4 and 00004 are the same unit (INTERFACES.md)."""
    if a.isascii() and a.isdigit() and b.isascii() and b.isdigit():
        return a.lstrip("0") == b.lstrip("0")
    return a == b


def _utc_compact(created_at: str) -> str:
    dt = datetime.fromisoformat(created_at)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def bundle_filename(manifest: Manifest) -> str:
    """`{unit_code}_{seq_from}-{seq_to}_{UTC timestamp}.dvb`, e.g. `00004_101-250_20261123T100000Z.dvb`.
    For people and folders only: a bundle is identified by its content (bundle_id), never by its name."""
    unit = re.sub(r"[^0-9A-Za-z-]", "", manifest.sender.unit_code) or "unit"
    return f"{unit}_{manifest.seq_from}-{manifest.seq_to}_{_utc_compact(manifest.created_at)}{SUFFIX}"


def _unused(path: Path) -> Path:
    """`path`, or `NAME-2.dvb`, `NAME-3.dvb` … when a bundle exported in the same second is there already (its
    name has the second as its finest part): the earlier file stays — an operator may be copying it."""
    n = 2
    candidate = path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        n += 1
    return candidate


# --- crypto pieces ----------------------------------------------------------------------------------------------------

def _wrap_key_for(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral_public + recipient_public,
                info=_WRAP_INFO).derive(shared)


def _wrap(data_key: bytes, recipient: PublicIdentity, bundle_id: str) -> dict:
    ephemeral = X25519PrivateKey.generate()
    eph_public = ephemeral.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient.encryption_key))
    nonce = os.urandom(12)
    wrapped = AESGCM(_wrap_key_for(shared, eph_public, recipient.encryption_key)).encrypt(
        nonce, data_key, bundle_id.encode("utf-8"))
    return {"recipient": recipient.fingerprint, "ephemeral": _b64(eph_public), "nonce": _b64(nonce),
            "wrapped": _b64(wrapped)}


def _unwrap(entry: dict, our_keys: KeyPair, bundle_id: str) -> bytes:
    eph_public = _unb64(entry["ephemeral"], 32)
    shared = our_keys.encryption.exchange(X25519PublicKey.from_public_bytes(eph_public))
    key = _wrap_key_for(shared, eph_public, our_keys.encryption_public)
    return AESGCM(key).decrypt(_unb64(entry["nonce"], 12), _unb64(entry["wrapped"], 48), bundle_id.encode("utf-8"))


# --- writing ----------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class EncodedLines:
    """Payload lines already written as compact UTF-8 JSON (no newline), each one record of `entity` — what an
    export hands over instead of a dict per record (app/storage/payload_lines.py builds them in SQLite)."""

    entity: str
    lines: list[bytes]


def _encode_into(batch: list[bytes], record: dict, counts: Counter) -> None:
    entity = record.get("entity") if isinstance(record, dict) else None
    if not isinstance(entity, str) or not entity:
        raise ValueError("every record must be a JSON object with a text `entity`")
    counts[entity] += 1
    try:
        # orjson writes the same compact UTF-8 JSON as json.dumps(ensure_ascii=False, separators=(",", ":")),
        # about ten times faster
        batch.append(orjson.dumps(record))
    except orjson.JSONEncodeError as exc:
        raise ValueError(f"a record is not JSON: {exc}") from None


def _compress_records(records: Iterable[dict | EncodedLines]) -> tuple[bytes, dict[str, int]]:
    """gzip'd NDJSON of `records` (dicts, or batches of lines already encoded) and the count per entity."""
    counts: Counter = Counter()
    # Level 3: about twice as fast as the default 6 for ~20 % more bytes — export speed matters more on a laptop.
    # wbits 31: a gzip stream (mtime 0, so deterministic).
    gz = zlib.compressobj(3, zlib.DEFLATED, 31)
    parts: list[bytes] = []
    batch: list[bytes] = []
    # zlib lets go of the interpreter while it compresses: one worker thread compresses each batch while the next
    # records are read and encoded (a fifth of an export's time, overlapped). One worker, so the batches go
    # through the compressor in order; at most a few batches wait, so memory stays flat.
    in_flight: deque = deque()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="gzip") as pool:
        for record in records:
            if record.__class__ is EncodedLines:
                if not record.lines:
                    continue
                counts[record.entity] += len(record.lines)
                batch.extend(record.lines)
            else:
                _encode_into(batch, record, counts)
            if len(batch) >= 1000:
                batch.append(b"")
                in_flight.append(pool.submit(gz.compress, b"\n".join(batch)))
                batch = []
                while len(in_flight) > 3:
                    parts.append(in_flight.popleft().result())
        if batch:
            batch.append(b"")
            in_flight.append(pool.submit(gz.compress, b"\n".join(batch)))
        parts.extend(f.result() for f in in_flight)
    parts.append(gz.flush())
    return b"".join(parts), dict(sorted(counts.items()))


def _readme(sender: PublicIdentity, recipients: Sequence[PublicIdentity], kind: str, seq_from: int, seq_to: int,
            counts: dict[str, int], bundle_id: str, created_at: str, identity_included: bool = False) -> bytes:
    total = sum(counts.values())
    per = "; ".join(f"{_ENTITY_NAMES_VI.get(e, e)}: {n}" for e, n in counts.items()) or "không có"
    what = ("Toàn bộ dữ liệu của đơn vị" if kind == "snapshot"
            else "Các thay đổi chưa được cấp trên xác nhận đã nhận")
    lines = [
        "GÓI DỮ LIỆU ĐỒNG BỘ — phần mềm Sổ Dân Vận",
        "",
        f"Đơn vị gửi: {sender.unit_name} (mã {sender.unit_code})",
        f"Nội dung: {what}, số thứ tự thay đổi từ {seq_from} đến {seq_to}.",
        f"Số bản ghi: {total} ({per}).",
        f"Lập lúc: {created_at} (giờ UTC).",
        "Gửi cho: " + "; ".join(f"{r.unit_name} (mã {r.unit_code})" for r in recipients) + ".",
        "",
        "Dữ liệu trong tệp đã được mã hóa: chỉ các đơn vị nhận nêu trên mở được, bằng phần mềm Sổ Dân Vận",
        "(chức năng Đồng bộ → Nhập gói). Tệp có chữ ký số của đơn vị gửi; nếu tệp bị hỏng hoặc bị sửa, phần mềm",
        "sẽ từ chối và báo lý do — khi đó hãy đề nghị đơn vị gửi xuất lại gói. Không cần giải nén tệp này.",
        "",
        f"Mã gói: {bundle_id}",
        f"Dấu vân tay khóa đơn vị gửi: {sender.fingerprint}",
        "",
    ]
    if identity_included:
        lines[8:8] = ["MẬT: gói này có thông tin nhân thân người tố cáo. Chỉ chuyển bằng USB, trao tay; không gửi qua",
                      "mạng, thư điện tử hay thư mục dùng chung.", ""]
    return "\r\n".join(lines).encode("utf-8")  # CRLF: opens cleanly in Windows Notepad


def write_bundle(path: Path, records: Iterable[dict], *, keys: KeyPair, sender: PublicIdentity,
                 recipients: Sequence[PublicIdentity], kind: str, seq_from: int, seq_to: int, last_ack_seq: int,
                 schema_version: int, clock: Clock | None = None, bundle_id: str | None = None,
                 identity_included: bool = False, reply_tracked_from: str | None = None,
                 written: list | None = None) -> Manifest:
    """Write a bundle of `records` and return its manifest (and append the file's path to `written`, if given).

    `path` is the file to write, or an existing folder to write `bundle_filename(manifest)` into (with "-2" … when
    a bundle of the same second is there). `keys` signs;
    `sender` is this installation's identity (its keys must be `keys`'); `recipients` (upper level, optionally an
    escrow key) are those who can decrypt. Each record is a JSON-able dict with a text `entity`, or an
    EncodedLines batch of lines already encoded.

    Guarantees: the file appears under its name only complete (temp file, fsync, rename), and is read back from
    disk and verified (signature, hashes, manifest bytes) before this returns; if the read-back differs the file
    is removed and BundleWriteFailed is raised. The data key exists only in memory."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    if not all(_is_int(v) and v >= 0 for v in (seq_from, seq_to, last_ack_seq, schema_version)) or seq_from > seq_to:
        raise ValueError("sequence numbers and schema_version must be integers >= 0, with seq_from <= seq_to")
    if sender.signing_key != keys.signing_public or sender.fingerprint != keys.fingerprint:
        raise ValueError("the sender identity is not this key pair's")
    if not recipients or len(recipients) > MAX_RECIPIENTS:
        raise ValueError(f"a bundle needs between 1 and {MAX_RECIPIENTS} recipients")
    fps = [r.fingerprint for r in recipients]
    if len(set(fps)) != len(fps) or any(r.fingerprint != fingerprint_of(r.signing_key) for r in recipients):
        raise ValueError("recipients must be distinct identities with correct fingerprints")

    clock = clock or system_clock()
    bundle_id = bundle_id or str(uuid.uuid4())
    created_at = clock.utc_stamp()
    compressed, counts = _compress_records(records)
    data_key, nonce = AESGCM.generate_key(bit_length=256), os.urandom(12)
    payload = AESGCM(data_key).encrypt(nonce, compressed, _PAYLOAD_AAD + bundle_id.encode("utf-8"))
    if len(payload) > MAX_PAYLOAD_BYTES:
        raise ValueError("too many records for one bundle")
    readme = _readme(sender, recipients, kind, seq_from, seq_to, counts, bundle_id, created_at, identity_included)
    body = {
        "format": BUNDLE_FORMAT, "schema_version": schema_version, "app_version": app.__version__,
        "bundle_id": bundle_id, "kind": kind,
        "sender": {"unit_code": sender.unit_code, "unit_name": sender.unit_name, "site_id": sender.site_id,
                   "fingerprint": sender.fingerprint},
        "recipients": fps, "seq_from": seq_from, "seq_to": seq_to, "last_ack_seq": last_ack_seq,
        "counts": counts, "payload_sha256": hashlib.sha256(payload).hexdigest(), "payload_bytes": len(payload),
        "readme_sha256": hashlib.sha256(readme).hexdigest(),
        "enc": {"cipher": _CIPHER, "nonce": _b64(nonce), "wrap": _WRAP,
                "keys": [_wrap(data_key, r, bundle_id) for r in recipients]},
        "created_at": created_at,
    }
    if identity_included:
        body["identity"] = IDENTITY_INCLUDED
    if reply_tracked_from is not None:
        body["reply_tracked_from"] = reply_tracked_from
    raw = canonical_bytes(body)
    manifest = _manifest_from(body, raw)
    signature = keys.sign(raw)

    path = Path(path)
    if path.is_dir():
        path = _unused(path / bundle_filename(manifest))
    stamp = _zip_time(created_at)
    with atomic_path(path) as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_STORED) as zf:
            for name, data in ((MANIFEST, raw), (SIGNATURE, signature), (PAYLOAD, payload), (README, readme)):
                zf.writestr(zipfile.ZipInfo(name, date_time=stamp), data)
    fsync_dir(path.parent)
    _read_back(path, manifest, sender)
    if written is not None:
        written.append(path)
    return manifest


def _zip_time(created_at: str) -> tuple:
    dt = datetime.fromisoformat(created_at).astimezone(timezone.utc)
    return (max(dt.year, 1980), dt.month, dt.day, dt.hour, dt.minute, dt.second)


def _drop_cache(path: Path) -> None:
    """Ask the OS to forget its cached copy, so the read-back reads the disk, not memory (Linux; elsewhere no-op)."""
    if not hasattr(os, "posix_fadvise"):
        return
    try:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)
    except OSError:
        pass


def _read_back(path: Path, manifest: Manifest, sender: PublicIdentity) -> None:
    _drop_cache(path)
    try:
        again = verify(path, trusted={sender.fingerprint: sender}, max_schema_version=manifest.schema_version)
        if again.raw != manifest.raw:
            raise BundleRejected("damaged", "manifest differs from the one written")
    except BundleRejected as exc:
        try:
            path.unlink()
        except OSError:
            pass
        raise BundleWriteFailed(path, f"{exc.reason}: {exc.detail}") from None


# --- reading ----------------------------------------------------------------------------------------------------------

def _starts_like_a_zip(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


class _Bundle:
    """An open bundle ZIP whose member list has been checked. Use as a context manager."""

    def __init__(self, path: Path):
        try:
            size = os.path.getsize(path)
        except OSError as exc:
            raise BundleRejected("not_a_bundle", f"cannot read: {exc}") from None
        if size > MAX_BUNDLE_BYTES:
            raise BundleRejected("too_large", f"{size} bytes")
        if size == 0 and os.path.isfile(path):
            raise BundleRejected("damaged", "empty file (a copy cut short?)")
        try:
            self.zf = zipfile.ZipFile(path, "r")
        except Exception:  # zipfile parses hostile bytes; whatever it trips on, the answer is the same
            if _starts_like_a_zip(path):  # the start of a ZIP whose end is missing: a copy cut short, not a wrong file
                raise BundleRejected("damaged", "truncated or damaged ZIP archive") from None
            raise BundleRejected("not_a_bundle", "not a ZIP archive") from None
        try:
            infos = self.zf.infolist()
            names = [i.filename for i in infos]
            if MANIFEST not in names or SIGNATURE not in names or PAYLOAD not in names:
                raise BundleRejected("not_a_bundle", f"members {names[:10]}")
            if sorted(names) != sorted(MEMBERS):  # extra, repeated or path-like members: someone altered it
                raise BundleRejected("damaged", f"unexpected members {names[:10]}")
            self.infos = {i.filename: i for i in infos}
        except BaseException:
            self.zf.close()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.zf.close()

    def read(self, name: str, limit: int) -> bytes:
        info = self.infos[name]
        if info.file_size > limit:
            raise BundleRejected("too_large", f"{name} declares {info.file_size} bytes")
        try:
            with self.zf.open(info) as fh:
                data = fh.read(limit + 1)
        except Exception as exc:  # as above: CRC, truncation, unsupported method, encrypted member, …
            raise BundleRejected("damaged", f"{name}: {type(exc).__name__}: {exc}") from None
        if len(data) > limit:
            raise BundleRejected("too_large", f"{name} is larger than {limit} bytes")
        return data


def _check_format(value) -> None:
    fmt = value.get("format") if isinstance(value, dict) else None
    if fmt == BUNDLE_FORMAT:
        return
    m = _FORMAT_RE.match(fmt) if isinstance(fmt, str) else None
    if m and int(m.group(1)) > 1:
        raise BundleRejected("newer_format", f"format {fmt}", format=fmt)
    raise BundleRejected("not_a_bundle", f"format {fmt!r}")


class _UnknownFields(ValueError):
    """Every field this version needs is there, and more it does not know: most likely a newer version's."""

    def __init__(self, fields: list[str]):
        super().__init__(f"unknown fields {fields}")
        self.fields = fields


def _manifest_from(body: dict, raw: bytes) -> Manifest:
    """A Manifest from parsed JSON, checking every field's presence and type; ValueError if anything is off."""
    unknown = sorted(set(body) - _MANIFEST_FIELDS - _OPTIONAL_MANIFEST_FIELDS)
    if _MANIFEST_FIELDS <= set(body) and unknown:
        raise _UnknownFields(unknown)
    if not _MANIFEST_FIELDS <= set(body) <= _MANIFEST_FIELDS | _OPTIONAL_MANIFEST_FIELDS:
        raise ValueError(f"fields differ: {sorted(set(body) ^ _MANIFEST_FIELDS)}")
    if body.get("identity", IDENTITY_INCLUDED) != IDENTITY_INCLUDED:
        raise ValueError("identity")
    if "reply_tracked_from" in body:
        day = body["reply_tracked_from"]
        if not isinstance(day, str) or not _ISO_DAY.match(day):
            raise ValueError("reply_tracked_from")
        date.fromisoformat(day)
    for name in ("schema_version", "seq_from", "seq_to", "last_ack_seq", "payload_bytes"):
        if not _is_int(body[name]) or body[name] < 0:
            raise ValueError(f"{name} must be an integer >= 0")
    if body["seq_from"] > body["seq_to"]:
        raise ValueError("seq_from > seq_to")
    for name in ("app_version", "bundle_id", "created_at"):
        if not isinstance(body[name], str) or not body[name]:
            raise ValueError(f"{name} must be text")
    uuid.UUID(body["bundle_id"])
    _utc_compact(body["created_at"])
    if body["kind"] not in KINDS:
        raise ValueError("unknown kind")
    sender = body["sender"]
    if not isinstance(sender, dict) or set(sender) != _SENDER_FIELDS \
            or not all(isinstance(v, str) and v for v in sender.values()):
        raise ValueError("sender")
    recipients = body["recipients"]
    if not isinstance(recipients, list) or not 1 <= len(recipients) <= MAX_RECIPIENTS \
            or not all(isinstance(r, str) for r in recipients) or len(set(recipients)) != len(recipients):
        raise ValueError("recipients")
    counts = body["counts"]
    if not isinstance(counts, dict) or not all(_is_int(n) and n >= 0 for n in counts.values()):
        raise ValueError("counts")
    for name in ("payload_sha256", "readme_sha256"):
        if not isinstance(body[name], str) or not _HEX64.match(body[name]):
            raise ValueError(f"{name} must be a hex SHA-256")
    enc = body["enc"]
    if not isinstance(enc, dict) or set(enc) != {"cipher", "nonce", "wrap", "keys"} \
            or enc["cipher"] != _CIPHER or enc["wrap"] != _WRAP:
        raise ValueError("enc")
    _unb64(enc["nonce"], 12)
    keys = enc["keys"]
    if not isinstance(keys, list) or [k.get("recipient") if isinstance(k, dict) else None for k in keys] \
            != recipients:
        raise ValueError("enc.keys must follow recipients")
    for k in keys:
        if set(k) != {"recipient", "ephemeral", "nonce", "wrapped"}:
            raise ValueError("enc.keys entry")
        _unb64(k["ephemeral"], 32), _unb64(k["nonce"], 12), _unb64(k["wrapped"], 48)
    return Manifest(format=body["format"], schema_version=body["schema_version"], app_version=body["app_version"],
                    bundle_id=body["bundle_id"], kind=body["kind"], sender=Sender(**sender),
                    recipients=tuple(recipients), seq_from=body["seq_from"], seq_to=body["seq_to"],
                    last_ack_seq=body["last_ack_seq"], counts=dict(counts), payload_sha256=body["payload_sha256"],
                    payload_bytes=body["payload_bytes"], readme_sha256=body["readme_sha256"], enc=enc,
                    created_at=body["created_at"], raw=raw, identity_included="identity" in body,
                    reply_tracked_from=body.get("reply_tracked_from"))


def _parse_manifest(raw: bytes) -> Manifest:
    try:
        body = parse_canonical(raw)
    except NotCanonical as exc:
        try:  # still say "newer format" for a newer manifest, even if its writing rules changed
            _check_format(json.loads(raw))
        except (ValueError, UnicodeDecodeError, RecursionError):
            pass
        raise BundleRejected("damaged", f"manifest: {exc}") from None
    _check_format(body)
    try:
        return _manifest_from(body, raw)
    except _UnknownFields as exc:
        # The manifest is strict (a signed document read by security code), so a field added by a later version
        # is refused here too — but as "update the application", not as a damaged file the commune re-sends.
        raise BundleRejected("newer_version", f"manifest: {exc}", fields=", ".join(exc.fields)) from None
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise BundleRejected("damaged", f"manifest: {exc}") from None


def read_manifest(path: Path) -> Manifest:
    """The manifest of the bundle at `path`, without any key and WITHOUT checking the signature — for showing what
    a file is and routing it. Raises BundleRejected (not_a_bundle, damaged, too_large, newer_format)."""
    with _Bundle(Path(path)) as b:
        return _parse_manifest(b.read(MANIFEST, MAX_MANIFEST_BYTES))


Trusted = Callable[[str], "PublicIdentity | None"] | Mapping[str, PublicIdentity]


def _lookup(trusted: Trusted, fp: str) -> PublicIdentity | None:
    return trusted(fp) if callable(trusted) else trusted.get(fp)


def _default_schema_version() -> int:
    from app.storage.migrations import EXCHANGE_SCHEMA_VERSION

    return EXCHANGE_SCHEMA_VERSION


def _verify_open(b: _Bundle, trusted: Trusted, max_schema_version: int | None) -> tuple[Manifest, bytes]:
    manifest = _parse_manifest(b.read(MANIFEST, MAX_MANIFEST_BYTES))
    ours = _default_schema_version() if max_schema_version is None else max_schema_version
    if manifest.schema_version > ours:
        raise BundleRejected("newer_schema", f"schema {manifest.schema_version} > {ours}",
                             version=manifest.schema_version)
    s = manifest.sender
    sender = _lookup(trusted, s.fingerprint)
    if sender is None:
        raise BundleRejected("unknown_sender", f"fingerprint {s.fingerprint}", unit=s.unit_name,
                             fingerprint=s.fingerprint)
    if sender.fingerprint != s.fingerprint or sender.site_id != s.site_id \
            or not _same_unit(sender.unit_code, s.unit_code):
        raise BundleRejected("unknown_sender", "registered key belongs to another site or unit", unit=s.unit_name,
                             fingerprint=s.fingerprint)
    if not sender.verify(b.read(SIGNATURE, 1024), manifest.raw):
        raise BundleRejected("bad_signature", "Ed25519 signature does not verify", unit=s.unit_name)
    if b.infos[PAYLOAD].file_size != manifest.payload_bytes:
        raise BundleRejected("damaged", "payload size differs from the signed manifest")
    payload = b.read(PAYLOAD, min(MAX_PAYLOAD_BYTES, manifest.payload_bytes))
    if len(payload) != manifest.payload_bytes or hashlib.sha256(payload).hexdigest() != manifest.payload_sha256:
        raise BundleRejected("damaged", "payload hash differs from the signed manifest")
    if hashlib.sha256(b.read(README, MAX_README_BYTES)).hexdigest() != manifest.readme_sha256:
        raise BundleRejected("damaged", "README hash differs from the signed manifest")
    return manifest, payload


def verify(path: Path, *, trusted: Trusted, max_schema_version: int | None = None) -> Manifest:
    """Check a bundle without decrypting it (`bundle verify`, and the sender's read-back): format, schema,
    registered sender, signature, payload and README hashes. Returns the manifest or raises BundleRejected.

    `trusted` maps a sender fingerprint to its registered PublicIdentity (a dict, or a function returning None
    for an unknown one; it may itself raise BundleRejected("revoked_sender", …)). `max_schema_version` defaults
    to this application's database schema version."""
    with _Bundle(Path(path)) as b:
        manifest, _ = _verify_open(b, trusted, max_schema_version)
    return manifest


def verify_and_open(path: Path, *, trusted: Trusted, our_keys: KeyPair,
                    max_schema_version: int | None = None) -> tuple[Manifest, Iterator[dict]]:
    """Check a bundle in SYNC.md's order, decrypt it, and return (manifest, records).

    Every check up to and including decryption (the GCM tag authenticates the whole payload) happens before this
    returns. The records are then decoded lazily, one per step; should the decoded stream — though signed and
    authenticated — not be gzip'd NDJSON of objects with an `entity`, or disagree with the manifest's counts, the
    iterator raises BundleRejected("damaged") (the import applies in one transaction, so that changes nothing)."""
    with _Bundle(Path(path)) as b:
        manifest, payload = _verify_open(b, trusted, max_schema_version)
    me = our_keys.fingerprint
    entry = next((k for k in manifest.enc["keys"] if k["recipient"] == me), None)
    if entry is None:
        raise BundleRejected("not_for_us", f"recipients {list(manifest.recipients)}", unit=manifest.sender.unit_name)
    try:
        data_key = _unwrap(entry, our_keys, manifest.bundle_id)
        compressed = AESGCM(data_key).decrypt(_unb64(manifest.enc["nonce"], 12), payload,
                                              _PAYLOAD_AAD + manifest.bundle_id.encode("utf-8"))
    except (InvalidTag, ValueError) as exc:
        raise BundleRejected("damaged", f"decryption failed: {type(exc).__name__}") from None
    del payload
    return manifest, _records(compressed, manifest)


def _parse_record(line: bytes, counts: Counter) -> dict:
    try:
        record = orjson.loads(line)  # UTF-8 checked; NaN, Infinity and over-deep nesting refused
    except (orjson.JSONDecodeError, RecursionError):
        raise BundleRejected("damaged", "a payload line is not JSON") from None
    entity = record.get("entity") if isinstance(record, dict) else None
    if not isinstance(entity, str) or not entity:
        raise BundleRejected("damaged", "a payload record has no entity")
    counts[entity] += 1
    return record


def _records(compressed: bytes, manifest: Manifest) -> Iterator[dict]:
    d = zlib.decompressobj(31)
    counts: Counter = Counter()
    pending, total, data = b"", 0, compressed
    try:
        while True:
            chunk = d.decompress(data, _CHUNK)
            data = d.unconsumed_tail
            total += len(chunk)
            if total > MAX_PLAINTEXT_BYTES:
                raise BundleRejected("too_large", "decompressed payload exceeds the limit")
            lines = (pending + chunk).split(b"\n")
            pending = lines.pop()
            if len(pending) > MAX_RECORD_BYTES:
                raise BundleRejected("damaged", "a payload record exceeds the size limit")
            for line in lines:
                if line.strip():
                    yield _parse_record(line, counts)
            if d.eof:
                break
            if not chunk and not data:
                raise BundleRejected("damaged", "the payload stream is truncated")
    except zlib.error as exc:
        raise BundleRejected("damaged", f"payload is not gzip: {exc}") from None
    if d.unused_data or pending.strip():
        raise BundleRejected("damaged", "data after the end of the payload stream")
    if dict(counts) != {e: n for e, n in manifest.counts.items() if n}:
        raise BundleRejected("damaged", f"records per entity {dict(counts)} differ from the manifest")
