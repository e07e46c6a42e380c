"""The signed `.dvack` receipt an upper level sends back to a commune (SYNC.md "Receipts").

A `.dvack` file is UTF-8 JSON: {"receipt": body, "signature": b64(Ed25519 over canonical_bytes(body))}, body:
    {"format": "dvack/1", "sender": {unit_code, unit_name, site_id, fingerprint}, "site_id": commune site,
     "unit_code": commune unit, "high_water_seq": int, "bundle_ids": [..], "quarantined": [{"id", "reason"}],
     "state_digest": hex, "created_at": text, "gaps": [[first, last], …], "revoked": [fingerprint, …]}
Taking it moves the commune's last_ack_seq, so changes up to there are no longer sent. `quarantined` lists the
commune's records received but not applied: set aside as not valid (reason as stored), or under conflict review
("conflict_same_rev", "conflict_other_site"). `gaps` (added within
dvack/1; a receipt without it still reads) are seq ranges the upper level is missing above the high-water seq —
the commune's next bundle carries them anyway, since it sends everything after the high-water seq. `revoked`
(also added within dvack/1, present only when not empty) lists this commune's keys the upper level revoked (SYNC.md:
"revocations travel to the commune in receipts"): a commune whose own key is among them stops exporting until it
makes a new key — a restored backup of a stolen laptop brings the revoked key back.
"""

from __future__ import annotations

import base64
import binascii
import json

from app.domain.units import find_unit
from app.errors import DanvanError
from app.sync.canonical import NotCanonical, canonical_bytes
from app.sync.keyfile import PublicIdentity
from app.sync.keys import KeyPair

RECEIPT_FORMAT = "dvack/1"
MAX_RECEIPT_BYTES = 16 << 20
_FIELDS = {"format", "sender", "site_id", "unit_code", "high_water_seq", "bundle_ids", "quarantined",
           "state_digest", "created_at"}
# Optional fields within dvack/1, each written only when it has something to say, so a commune of an earlier
# version reads every other receipt: "gaps", "revoked", and "case_numbers" ({year: the highest case number the
# upper level holds for the unit}) — sent to a unit set up again on another computer, whose numbering must
# continue above its old computer's.
_OPTIONAL = {"gaps", "revoked", "case_numbers"}


class ReceiptRejected(DanvanError):
    """A `.dvack` was refused: `reason` not_a_receipt | unknown_sender | bad_signature | not_for_us (and, raised by
    the caller's `trusted`, from_escrow | not_current_upper; by the caller's reading, not_found | is_folder)."""

    code = "receipt_rejected"

    def __init__(self, reason: str, **params):
        super().__init__(f"sync.receipt.{reason}", **params)
        self.reason = reason


def make_receipt(keys: KeyPair, sender: PublicIdentity, *, site_id: str, unit_code: str, high_water_seq: int,
                 bundle_ids: list[str], quarantined: list[dict], state_digest: str, created_at: str,
                 gaps: list[list[int]] = (), revoked: list[str] = (),
                 case_numbers: dict[int, int] | None = None) -> bytes:
    body = {"format": RECEIPT_FORMAT,
            "sender": {"unit_code": sender.unit_code, "unit_name": sender.unit_name, "site_id": sender.site_id,
                       "fingerprint": sender.fingerprint},
            "site_id": site_id, "unit_code": unit_code, "high_water_seq": int(high_water_seq),
            "bundle_ids": list(bundle_ids), "quarantined": list(quarantined), "state_digest": state_digest,
            "created_at": created_at, "gaps": [[int(a), int(b)] for a, b in gaps]}
    if revoked:  # only when there is one: an older commune reads every receipt without a revocation
        body["revoked"] = sorted(set(revoked))
    if case_numbers:
        body["case_numbers"] = {str(int(y)): int(n) for y, n in sorted(case_numbers.items())}
    sig = base64.b64encode(keys.sign(canonical_bytes(body))).decode("ascii")
    return json.dumps({"receipt": body, "signature": sig}, ensure_ascii=False, indent=1, sort_keys=True).encode() + b"\n"


def read_receipt(data: bytes, *, trusted, site_id: str) -> dict:
    """The receipt's body after checking it is signed by a trusted key (`trusted(fingerprint)` → identity or None)
    and addressed to `site_id`."""
    try:
        if len(data) > MAX_RECEIPT_BYTES:
            raise ValueError("too large")
        doc = json.loads(bytes(data).decode("utf-8-sig"))
        body, sig = doc["receipt"], base64.b64decode(doc["signature"].encode("ascii"), validate=True)
        if not (_FIELDS <= set(body) <= _FIELDS | _OPTIONAL) or body["format"] != RECEIPT_FORMAT \
                or not isinstance(body["high_water_seq"], int):
            raise ValueError("not a receipt")
        signed = canonical_bytes(body)  # as signed: an older receipt has no "gaps" (added within dvack/1)
        gaps = body.setdefault("gaps", [])
        if not isinstance(gaps, list) or not all(
                isinstance(g, list) and len(g) == 2 and all(type(x) is int for x in g) and 0 < g[0] <= g[1]
                for g in gaps):
            raise ValueError("bad gaps")
        revoked = body.setdefault("revoked", [])
        if not isinstance(revoked, list) or not all(isinstance(f, str) and 0 < len(f) <= 200 for f in revoked):
            raise ValueError("bad revoked")
        numbers = body.setdefault("case_numbers", {})
        if not isinstance(numbers, dict) or len(numbers) > 200 or not all(
                isinstance(y, str) and len(y) == 4 and y.isdigit() and type(n) is int and 0 < n < 10 ** 7
                for y, n in numbers.items()):
            raise ValueError("bad case_numbers")
        fp = body["sender"]["fingerprint"]
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error, UnicodeError, NotCanonical,
            RecursionError):
        raise ReceiptRejected("not_a_receipt") from None
    sender = trusted(fp)
    if sender is None or sender.site_id != body["sender"]["site_id"]:
        raise ReceiptRejected("unknown_sender", fingerprint=fp)
    if not sender.verify(sig, signed):
        raise ReceiptRejected("bad_signature")
    if body["site_id"] != site_id:
        code = str(body.get("unit_code") or "?")
        found = find_unit(code) if code != "?" else None
        raise ReceiptRejected("not_for_us", unit=f"{found.name} ({code})" if found else code)
    return body
