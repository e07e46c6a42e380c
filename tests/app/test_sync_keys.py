"""Sync identity: key pairs, fingerprints, the sealed private-key file, and signed `.dvkey` key files."""

from __future__ import annotations

import base64
import json
import os
import re
import unicodedata
import uuid
from datetime import datetime

import pytest

from app.clock import Clock
from app.errors import AuthError, DanvanError
from app.sync import keys
from app.sync.keyfile import KeyfileRejected, PublicIdentity, export_keyfile, make_identity, read_keyfile

CLOCK = Clock(datetime(2026, 11, 23, 10, 0))


@pytest.fixture(scope="module")
def pair():
    return keys.generate()


@pytest.fixture(scope="module")
def sealed(pair):
    return keys.seal(pair, {"admin": "Mat-khau-1!", "canbo": "Mat-khau-2!"})


def _raw_private(pair) -> list[bytes]:
    raw = pair._private_bytes()
    return [raw[:32], raw[32:]]


# --- key pairs and fingerprints ------------------------------------------------------------------------------------

def test_generate_makes_distinct_signing_and_encryption_keys():
    """Every installation gets its own Ed25519 and X25519 keys."""
    a, b = keys.generate(), keys.generate()
    assert a.signing_public != b.signing_public and a.encryption_public != b.encryption_public
    assert len(a.signing_public) == 32 and len(a.encryption_public) == 32
    assert len(a.sign(b"x")) == 64


def test_fingerprint_is_ten_groups_of_four_digits_and_stable(pair):
    """The fingerprint reads aloud as digits in groups of four, the same every time, different per key."""
    fp = keys.fingerprint(pair.signing_public)
    assert re.fullmatch(r"\d{4}( \d{4}){9}", fp)
    assert fp == keys.fingerprint(pair.signing_public) == pair.fingerprint
    assert fp != keys.generate().fingerprint


def test_fingerprint_typed_with_other_spacing_is_normalised(pair):
    """A fingerprint copied from paper with dashes or no spaces compares equal; a wrong length is refused."""
    fp = pair.fingerprint
    assert keys.normalize_fingerprint(fp.replace(" ", "")) == fp
    assert keys.normalize_fingerprint(fp.replace(" ", "-")) == fp
    with pytest.raises(ValueError):
        keys.normalize_fingerprint(fp[:-1])
    with pytest.raises(ValueError):
        keys.fingerprint(b"short")


def test_keypair_repr_shows_no_private_material(pair):
    """Logging a key pair prints its fingerprint, never the private key."""
    text = repr(pair)
    assert pair.fingerprint in text
    assert all(base64.b64encode(raw).decode() not in text and raw.hex() not in text for raw in _raw_private(pair))


# --- the sealed key file --------------------------------------------------------------------------------------------

def test_unseal_with_each_account_gives_back_the_same_keys(pair, sealed):
    """Every account allowed to sync unlocks the same keys with its own password."""
    for name, pw in (("admin", "Mat-khau-1!"), ("canbo", "Mat-khau-2!")):
        got = keys.unseal(sealed, name, pw)
        assert got.fingerprint == pair.fingerprint
        assert got.encryption_public == pair.encryption_public
    assert keys.accounts(sealed) == ["admin", "canbo"]
    assert keys.sealed_fingerprint(sealed) == pair.fingerprint


def test_private_keys_are_never_in_clear_in_the_sealed_file(pair, sealed):
    """Neither the raw private keys nor their base64 or hex appear in the sealed bytes."""
    for raw in _raw_private(pair):
        assert raw not in sealed
        assert base64.b64encode(raw) not in sealed and raw.hex().encode() not in sealed


def test_wrong_password_is_refused_with_a_clear_typed_error(sealed):
    """A wrong password raises WrongKeyPassword: an authentication error (exit 3) naming the account."""
    with pytest.raises(keys.WrongKeyPassword) as exc:
        keys.unseal(sealed, "admin", "Mat-khau-2!")
    assert isinstance(exc.value, AuthError) and exc.value.exit_code == 3
    assert "admin" in exc.value.message("vi") and "admin" in exc.value.message("en")


def test_account_without_sync_access_is_refused(sealed):
    """An account that was never granted access is told so, not told its password is wrong."""
    with pytest.raises(keys.AccountCannotSync):
        keys.unseal(sealed, "viewer", "anything")


def test_rewrap_after_a_password_change(sealed):
    """After rewrap the new password unlocks, the old one no longer does, other accounts are untouched."""
    new = keys.rewrap(sealed, "canbo", "Mat-khau-2!", "Moi-doi-2026")
    assert keys.unseal(new, "canbo", "Moi-doi-2026").fingerprint == keys.sealed_fingerprint(sealed)
    with pytest.raises(keys.WrongKeyPassword):
        keys.unseal(new, "canbo", "Mat-khau-2!")
    assert keys.unseal(new, "admin", "Mat-khau-1!")
    with pytest.raises(keys.WrongKeyPassword):
        keys.rewrap(sealed, "canbo", "not-the-old-one", "x")


def test_add_account_needs_an_account_that_already_unlocks(sealed):
    """A new account is granted only by someone who can unlock the keys; removing it withdraws access."""
    with pytest.raises(keys.WrongKeyPassword):
        keys.add_account(sealed, "admin", "wrong", "moi", "Mat-khau-3!")
    added = keys.add_account(sealed, "admin", "Mat-khau-1!", "moi", "Mat-khau-3!")
    assert keys.unseal(added, "moi", "Mat-khau-3!")
    removed = keys.remove_account(added, "moi")
    with pytest.raises(keys.AccountCannotSync):
        keys.unseal(removed, "moi", "Mat-khau-3!")
    with pytest.raises(ValueError):
        keys.remove_account(keys.remove_account(removed, "canbo"), "admin")


def test_password_typed_with_decomposed_vietnamese_marks_unlocks(pair):
    """The same password in NFC or NFD (keyboards differ) unlocks the keys."""
    sealed = keys.seal(pair, {"admin": "Mật khẩu Đà Nẵng"})
    assert keys.unseal(sealed, "admin", unicodedata.normalize("NFD", "Mật khẩu Đà Nẵng"))


def test_an_account_entry_moved_to_another_name_does_not_unlock(sealed):
    """Each wrapped key is bound to its account name: copying canbo's entry over admin's gives nothing."""
    doc = json.loads(sealed)
    doc["accounts"]["admin"] = doc["accounts"]["canbo"]
    with pytest.raises(keys.WrongKeyPassword):
        keys.unseal(json.dumps(doc).encode(), "admin", "Mat-khau-2!")


def test_damaged_sealed_file_is_reported_as_damaged(sealed):
    """Garbage or altered sealed keys raise KeyStoreDamaged, not a crash or a misleading 'wrong password'."""
    for bad in (b"", b"\x00\xff garbage", b"[]", json.dumps({"format": "other"}).encode()):
        with pytest.raises(keys.KeyStoreDamaged):
            keys.unseal(bad, "admin", "Mat-khau-1!")
    doc = json.loads(sealed)
    ct = bytearray(base64.b64decode(doc["keys"]["ciphertext"]))
    ct[5] ^= 1
    doc["keys"]["ciphertext"] = base64.b64encode(bytes(ct)).decode()
    with pytest.raises(keys.KeyStoreDamaged):
        keys.unseal(json.dumps(doc).encode(), "admin", "Mat-khau-1!")
    doc = json.loads(sealed)
    doc["fingerprint"] = keys.generate().fingerprint  # associated data no longer matches
    with pytest.raises(DanvanError):
        keys.unseal(json.dumps(doc).encode(), "admin", "Mat-khau-1!")


def test_write_sealed_is_atomic_and_owner_only(tmp_path, sealed):
    """The key file is written whole under its name, readable by its owner only, with no temp file left."""
    path = tmp_path / "sodanvan.keys"
    keys.write_sealed(path, sealed)
    assert keys.read_sealed(path) == sealed
    if os.name == "posix":
        assert (path.stat().st_mode & 0o777) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sodanvan.keys"]
    with pytest.raises(keys.KeyStoreDamaged):
        keys.write_sealed(path, b"not sealed")
    assert keys.read_sealed(path) == sealed
    with pytest.raises(keys.KeyStoreDamaged):
        keys.read_sealed(tmp_path / "missing.keys")


# --- key files (.dvkey) ---------------------------------------------------------------------------------------------

def _identity(pair, **over) -> PublicIdentity:
    args = dict(unit_code="00004", unit_name="Phường Ba Đình", level="commune", site_id=str(uuid.uuid4()),
                clock=CLOCK)
    args.update(over)
    return make_identity(pair, **args)


def test_keyfile_round_trip(pair):
    """A key file exported by an installation reads back as the same identity."""
    ident = _identity(pair)
    got = read_keyfile(export_keyfile(pair, ident))
    assert got == ident
    assert got.fingerprint == pair.fingerprint and got.created_at == "2026-11-23T10:00:00+00:00"
    assert got.verify(pair.sign(b"hello"), b"hello") and not got.verify(pair.sign(b"hello"), b"hellO")


def test_keyfile_with_an_altered_field_is_refused_as_bad_signature(pair):
    """Changing the unit name, level or encryption key of a signed key file breaks its signature."""
    data = export_keyfile(pair, _identity(pair))
    other = keys.generate()
    for field, value in (("unit_name", "Phường Khác"), ("level", "upper"),
                         ("encryption_key", base64.b64encode(other.encryption_public).decode())):
        doc = json.loads(data)
        doc["identity"][field] = value
        with pytest.raises(KeyfileRejected) as exc:
            read_keyfile(json.dumps(doc).encode())
        assert exc.value.reason == "bad_signature"


def test_forged_keyfile_reusing_a_fingerprint_is_refused(pair):
    """A forger who re-signs with their own key but keeps the victim's fingerprint is caught by the fingerprint."""
    forger = keys.generate()
    victim = _identity(pair)
    body = dict(_identity(forger).to_dict(), unit_code=victim.unit_code, site_id=victim.site_id,
                fingerprint=victim.fingerprint)
    from app.sync.canonical import canonical_bytes

    doc = {"identity": body, "signature": base64.b64encode(forger.sign(canonical_bytes(body))).decode()}
    with pytest.raises(KeyfileRejected) as exc:
        read_keyfile(json.dumps(doc).encode())
    assert exc.value.reason == "bad_fingerprint"
    # A forger's self-consistent file is valid, but shows the forger's fingerprint: why people compare it.
    own = read_keyfile(export_keyfile(forger, _identity(forger)))
    assert own.fingerprint != victim.fingerprint


def test_keyfile_garbage_newer_and_incomplete_are_refused_with_their_reason(pair):
    """Not JSON → not_a_keyfile; a newer format → newer_format; a missing field → damaged."""
    for bad in (b"", b"\xff\xfe", b"{}", b"[1]", b"x" * 100_000):
        with pytest.raises(KeyfileRejected) as exc:
            read_keyfile(bad)
        assert exc.value.reason == "not_a_keyfile"
    doc = json.loads(export_keyfile(pair, _identity(pair)))
    doc["identity"]["format"] = "dvkey/2"
    with pytest.raises(KeyfileRejected) as exc:
        read_keyfile(json.dumps(doc).encode())
    assert exc.value.reason == "newer_format"
    doc = json.loads(export_keyfile(pair, _identity(pair)))
    del doc["identity"]["site_id"]
    with pytest.raises(KeyfileRejected) as exc:
        read_keyfile(json.dumps(doc).encode())
    assert exc.value.reason == "damaged"
    assert exc.value.message("vi") and exc.value.exit_code == 1


def test_export_refuses_an_identity_of_another_key_pair(pair):
    """One cannot sign a key file for keys one does not hold."""
    with pytest.raises(ValueError):
        export_keyfile(pair, _identity(keys.generate()))
    with pytest.raises(ValueError):
        _identity(pair, level="province")
