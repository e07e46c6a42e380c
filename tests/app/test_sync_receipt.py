"""The receipt format (`.dvack`, app/sync/receipt.py): gaps and revocations added within dvack/1 — a receipt made before them
still reads, a malformed gap list is refused like any damaged receipt."""

from __future__ import annotations

import base64
import json

import pytest

from app.clock import Clock
from app.sync import keys
from app.sync.canonical import canonical_bytes
from app.sync.keyfile import make_identity
from app.sync.receipt import ReceiptRejected, make_receipt, read_receipt

SITE = "019a0000-0000-7000-8000-000000000004"


@pytest.fixture(scope="module")
def upper():
    pair = keys.generate()
    identity = make_identity(pair, unit_code="01", unit_name="Thành phố Hà Nội", level="upper",
                             site_id="019a0000-0000-7000-8000-000000000001", clock=Clock())
    return pair, identity


def _receipt(upper, **kw) -> bytes:
    pair, identity = upper
    return make_receipt(pair, identity, site_id=SITE, unit_code="00004", high_water_seq=30, bundle_ids=["b1"],
                        quarantined=[], state_digest="0" * 64, created_at="2026-11-23T10:00:00+00:00", **kw)


def _resigned(upper, body: dict) -> bytes:
    pair, _ = upper
    sig = base64.b64encode(pair.sign(canonical_bytes(body))).decode("ascii")
    return json.dumps({"receipt": body, "signature": sig}, ensure_ascii=False).encode()


def _trusted(upper):
    _, identity = upper
    return lambda fp: identity if fp == identity.fingerprint else None


def test_gaps_travel_and_an_older_receipt_without_them_still_reads(upper):
    body = read_receipt(_receipt(upper, gaps=[[31, 40]]), trusted=_trusted(upper), site_id=SITE)
    assert body["gaps"] == [[31, 40]] and body["high_water_seq"] == 30
    old = json.loads(_receipt(upper))["receipt"]
    del old["gaps"]  # as made before gaps were added, signed as it was
    assert read_receipt(_resigned(upper, old), trusted=_trusted(upper), site_id=SITE)["gaps"] == []


@pytest.mark.parametrize("field, value", [
    *[("gaps", g) for g in ([[40, 31]], [[0, 3]], [["1", 2]], [[1]], "1-2", [[1, 2, 3]], [[True, 2]])],
    *[("revoked", r) for r in ("AAAA", [1], [""], [None], {"a": 1})],
])
def test_a_malformed_gap_or_revocation_list_is_refused(upper, field, value):
    body = json.loads(_receipt(upper))["receipt"]
    body[field] = value
    with pytest.raises(ReceiptRejected) as e:
        read_receipt(_resigned(upper, body), trusted=_trusted(upper), site_id=SITE)
    assert e.value.reason == "not_a_receipt"


def test_revocations_travel_only_when_there_is_one(upper):
    """`revoked` (added within dvack/1) is written only when not empty — a commune on an older version reads every
    receipt without a revocation — and reads back as a list either way; its bytes are covered by the signature."""
    assert "revoked" not in json.loads(_receipt(upper))["receipt"]
    assert read_receipt(_receipt(upper), trusted=_trusted(upper), site_id=SITE)["revoked"] == []
    data = _receipt(upper, revoked=["AAAA BBBB", "AAAA BBBB"])
    assert read_receipt(data, trusted=_trusted(upper), site_id=SITE)["revoked"] == ["AAAA BBBB"]
    forged = json.loads(data)
    forged["receipt"]["revoked"] = []  # a revocation taken out on the way no longer verifies
    with pytest.raises(ReceiptRejected) as e:
        read_receipt(json.dumps(forged).encode(), trusted=_trusted(upper), site_id=SITE)
    assert e.value.reason == "bad_signature"
