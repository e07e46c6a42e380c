"""The `.dvb` bundle: written whole and verified, refused cleanly when damaged, forged, foreign or misaddressed."""

from __future__ import annotations

import hashlib
import io
import json
import re
import uuid
import zipfile
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.clock import Clock
from app.sync import bundle, keys
from app.sync.bundle import BundleRejected, BundleWriteFailed
from app.sync.canonical import canonical_bytes, parse_canonical
from app.sync.keyfile import make_identity

CLOCK = Clock(datetime(2026, 11, 23, 10, 0))
SECRET = "Nguyễn Văn Bí Mật"


class Party:
    def __init__(self, unit_code, unit_name, level):
        self.keys = keys.generate()
        self.id = make_identity(self.keys, unit_code=unit_code, unit_name=unit_name, level=level,
                                site_id=str(uuid.uuid4()), clock=CLOCK)


@pytest.fixture(scope="module")
def parties():
    return {"commune": Party("00004", "Phường Ba Đình", "commune"),
            "upper": Party("01", "Ban Dân vận Thành ủy Hà Nội", "upper"),
            "escrow": Party("01", "Khóa dự phòng Thành ủy", "upper"),
            "other": Party("79", "Ban Dân vận Thành ủy TP. Hồ Chí Minh", "upper")}


def _records(n=25):
    out = []
    for i in range(n):
        entity = ("reception", "petition", "model")[i % 3]
        out.append({"entity": entity, "id": str(uuid.UUID(int=i + 1)), "rev": 1 + i % 4, "deleted": False,
                    "data": {"content": f"Nội dung số {i}: {SECRET}", "score": i / 4}})
    return out


def _write(parties, path, records=None, recipients=("upper",), **over):
    c = parties["commune"]
    args = dict(keys=c.keys, sender=c.id, recipients=[parties[r].id for r in recipients], kind="changes",
                seq_from=101, seq_to=250, last_ack_seq=100, schema_version=1, clock=CLOCK)
    args.update(over)
    return bundle.write_bundle(path, _records() if records is None else records, **args)


@pytest.fixture(scope="module")
def made(parties, tmp_path_factory):
    """One bundle for the upper level and the escrow key, and its bytes."""
    folder = tmp_path_factory.mktemp("bundles")
    manifest = _write(parties, folder, recipients=("upper", "escrow"))
    path = folder / bundle.bundle_filename(manifest)
    return manifest, path, path.read_bytes()


def _open(parties, path, who="upper", trusted=None, max_schema_version=1):
    trusted = {parties["commune"].id.fingerprint: parties["commune"].id} if trusted is None else trusted
    manifest, records = bundle.verify_and_open(path, trusted=trusted, our_keys=parties[who].keys,
                                               max_schema_version=max_schema_version)
    return manifest, list(records)


def _reason(parties, path, **kw) -> str:
    with pytest.raises(BundleRejected) as exc:
        _open(parties, path, **kw)
    assert exc.value.message("vi") and exc.value.message("en") and exc.value.exit_code == 1
    return exc.value.reason


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _rezip(path: Path, members: dict[str, bytes], compression=zipfile.ZIP_STORED) -> Path:
    """A bundle rebuilt with valid ZIP checksums — tampering as an attacker would do it, not as a USB fault."""
    with zipfile.ZipFile(path, "w", compression=compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _resign(manifest_body: dict, party: Party) -> tuple[bytes, bytes]:
    raw = canonical_bytes(manifest_body)
    return raw, party.keys.sign(raw)


# --- writing and reading --------------------------------------------------------------------------------------------

def test_round_trip_records_out_equal_records_in(parties, made):
    """What the commune puts in is exactly what the upper level gets out, with the manifest's counts."""
    manifest, path, _ = made
    got_manifest, records = _open(parties, path)
    assert records == _records()
    assert got_manifest == manifest
    assert manifest.counts == {"model": 8, "petition": 8, "reception": 9} and manifest.records == 25
    assert (manifest.kind, manifest.seq_from, manifest.seq_to, manifest.last_ack_seq) == ("changes", 101, 250, 100)
    assert manifest.sender.unit_code == "00004" and manifest.sender.fingerprint == parties["commune"].id.fingerprint


def test_file_name_and_members_follow_the_format(parties, made):
    """`{unit}_{from}-{to}_{UTC}.dvb` holding exactly manifest.json, manifest.sig, payload.bin, README.txt."""
    manifest, path, data = made
    assert path.name == "00004_101-250_20261123T100000Z.dvb"
    with zipfile.ZipFile(path) as zf:
        assert zf.namelist() == list(bundle.MEMBERS)
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temp file left


def test_manifest_is_canonical_signed_and_complete(parties, made):
    """manifest.json is canonical JSON with every SYNC.md field; manifest.sig verifies over its exact bytes."""
    manifest, _, data = made
    m = _members(data)
    body = parse_canonical(m["manifest.json"])
    assert set(body) >= {"format", "schema_version", "app_version", "bundle_id", "kind", "sender", "recipients",
                         "seq_from", "seq_to", "last_ack_seq", "counts", "payload_sha256", "enc", "created_at"}
    assert body["format"] == "dvb/1" and uuid.UUID(body["bundle_id"])
    assert set(body["sender"]) == {"unit_code", "unit_name", "site_id", "fingerprint"}
    assert body["recipients"] == [parties["upper"].id.fingerprint, parties["escrow"].id.fingerprint]
    assert body["payload_sha256"] == hashlib.sha256(m["payload.bin"]).hexdigest()
    assert parties["commune"].id.verify(m["manifest.sig"], m["manifest.json"])
    assert bundle.read_manifest(made[1]) == manifest  # readable without any key


def test_payload_is_encrypted(made):
    """No record text is readable in the file: the payload is ciphertext, not even gzip."""
    _, _, data = made
    assert SECRET.encode() not in data and "Nội dung số".encode() not in data
    assert not _members(data)["payload.bin"].startswith(b"\x1f\x8b")


def test_readme_says_in_vietnamese_who_what_when_for_whom(parties, made):
    """README.txt names the sending commune, the period, the number of records and the recipients."""
    text = _members(made[2])["README.txt"].decode("utf-8")
    assert "Phường Ba Đình" in text and "101" in text and "250" in text and "25" in text
    assert "Ban Dân vận Thành ủy Hà Nội" in text and "Số bản ghi" in text


def test_upper_level_and_escrow_both_decrypt(parties, made):
    """Each recipient — the upper level and the escrow key — opens the same bundle with its own key."""
    assert _open(parties, made[1], who="upper")[1] == _open(parties, made[1], who="escrow")[1] == _records()


def test_a_bundle_for_another_upper_level_is_refused(parties, made):
    """A bundle not addressed to us is refused as not_for_us (after the signature checks out)."""
    assert _reason(parties, made[1], who="other") == "not_for_us"


def test_unregistered_sender_is_refused(parties, made):
    """A sender whose key we never registered is refused, whether the registry is a dict or a lookup function."""
    assert _reason(parties, made[1], trusted={}) == "unknown_sender"
    assert _reason(parties, made[1], trusted=lambda fp: None) == "unknown_sender"
    c = parties["commune"].id
    moved = type(c)(**{**c.__dict__, "site_id": str(uuid.uuid4())})
    assert _reason(parties, made[1], trusted={c.fingerprint: moved}) == "unknown_sender"


def test_unit_code_written_differently_is_the_same_unit(parties, made):
    """A registry holding the unit as "4" accepts a bundle whose manifest says "00004"."""
    c = parties["commune"].id
    same = type(c)(**{**c.__dict__, "unit_code": "4"})
    assert _open(parties, made[1], trusted={c.fingerprint: same})[1] == _records()


def test_revoked_sender_raised_by_the_registry_passes_through(parties, made):
    """A registry may refuse a revoked key itself; its BundleRejected reaches the caller unchanged."""
    def lookup(fp):
        raise BundleRejected("revoked_sender", unit="Phường Ba Đình")
    assert _reason(parties, made[1], trusted=lookup) == "revoked_sender"


def test_verify_checks_without_decrypting(parties, made):
    """`verify` (for `bundle verify`) checks signature and hashes with no private key."""
    c = parties["commune"].id
    assert bundle.verify(made[1], trusted={c.fingerprint: c}, max_schema_version=1) == made[0]


def test_an_empty_changes_bundle_round_trips(parties, tmp_path):
    """A bundle with no records is still a valid, verifiable file."""
    manifest = _write(parties, tmp_path / "x.dvb", records=[], seq_from=5, seq_to=5)
    assert manifest.counts == {} and _open(parties, tmp_path / "x.dvb")[1] == []


def test_write_refuses_bad_arguments_and_leaves_no_file(parties, tmp_path):
    """Records without an entity, no recipients or reversed sequence numbers are refused before any file exists."""
    for kw in ({"records": [{"id": "x"}]}, {"recipients": ()}, {"seq_from": 9, "seq_to": 3}, {"kind": "all"}):
        with pytest.raises(ValueError):
            _write(parties, tmp_path / "x.dvb", **kw)
    assert list(tmp_path.iterdir()) == []


def test_read_back_verification_catches_a_corrupted_write(parties, tmp_path, monkeypatch):
    """If the disk keeps other bytes than those written, write_bundle removes the file and says so."""
    real = bundle.atomic_path

    @contextmanager
    def faulty_disk(path):
        with real(path) as tmp:
            yield tmp
        data = bytearray(Path(path).read_bytes())
        data[len(data) // 2] ^= 0x40  # a bit flipped in the payload
        Path(path).write_bytes(bytes(data))

    monkeypatch.setattr(bundle, "atomic_path", faulty_disk)
    with pytest.raises(BundleWriteFailed) as exc:
        _write(parties, tmp_path / "x.dvb")
    assert not (tmp_path / "x.dvb").exists()
    assert "x.dvb" in exc.value.message("vi")


def test_a_drive_filling_up_during_the_write_names_the_bundle_and_leaves_nothing(parties, tmp_path, monkeypatch):
    """write() on a full drive raises ENOSPC with no file name: the message named no file ("Không đọc/ghi được :
    ổ đĩa đã đầy"); now it names the bundle asked for, and no temporary file is left."""
    import errno

    real_writestr = zipfile.ZipFile.writestr

    def full_drive(self, name, data, *a, **k):
        if str(getattr(name, "filename", name)) == "payload.bin":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_writestr(self, name, data, *a, **k)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", full_drive)
    with pytest.raises(OSError) as exc:
        _write(parties, tmp_path / "x.dvb")
    assert exc.value.errno == errno.ENOSPC and exc.value.filename == str(tmp_path / "x.dvb")
    assert list(tmp_path.iterdir()) == []


def test_payload_counts_disagreeing_with_the_manifest_are_refused(parties, tmp_path, monkeypatch):
    """Even a signed payload is refused while reading if its records disagree with the manifest's counts."""
    real = bundle._compress_records
    monkeypatch.setattr(bundle, "_compress_records", lambda recs: (real(recs)[0], {"reception": 1}))
    _write(parties, tmp_path / "x.dvb")
    assert _reason(parties, tmp_path / "x.dvb") == "damaged"


def test_a_gzip_bomb_inside_a_signed_payload_stops_at_the_limit(parties, tmp_path, monkeypatch):
    """Decompression is bounded: past MAX_PLAINTEXT_BYTES the records stop with too_large."""
    _write(parties, tmp_path / "x.dvb", records=[{"entity": "x", "pad": "0" * 200_000}] * 20)
    monkeypatch.setattr(bundle, "MAX_PLAINTEXT_BYTES", 1_000_000)
    assert _reason(parties, tmp_path / "x.dvb") == "too_large"


# --- tampering --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("change", [
    lambda b: b.update(seq_to=b["seq_to"] + 1),
    lambda b: b.update(last_ack_seq=0),
    lambda b: b["counts"].update(petition=9),
    lambda b: b["sender"].update(unit_name="Phường Khác"),
    lambda b: b.update(kind="snapshot"),
])
def test_any_edit_of_the_manifest_breaks_the_signature(parties, made, tmp_path, change):
    """A changed manifest field (kept valid and canonical) is refused as bad_signature."""
    m = _members(made[2])
    body = json.loads(m["manifest.json"])
    change(body)
    m["manifest.json"] = canonical_bytes(body)
    assert _reason(parties, _rezip(tmp_path / "t.dvb", m)) == "bad_signature"


def test_every_manifest_byte_flipped_is_refused(parties, made, tmp_path):
    """Flipping any byte of manifest.json (checksums redone) never yields an accepted bundle."""
    m = _members(made[2])
    raw = m["manifest.json"]
    reasons = set()
    for i in range(0, len(raw), 7):
        m["manifest.json"] = raw[:i] + bytes([raw[i] ^ 0x01]) + raw[i + 1:]
        reasons.add(_reason(parties, _rezip(tmp_path / "t.dvb", m)))
    assert reasons <= {"bad_signature", "damaged", "not_a_bundle", "unknown_sender", "newer_schema", "newer_version"}
    assert "bad_signature" in reasons


def test_every_signature_byte_flipped_is_refused_as_bad_signature(parties, made, tmp_path):
    """Any change to manifest.sig is a bad signature."""
    m = _members(made[2])
    sig = m["manifest.sig"]
    for i in range(len(sig)):
        m["manifest.sig"] = sig[:i] + bytes([sig[i] ^ 0x80]) + sig[i + 1:]
        assert _reason(parties, _rezip(tmp_path / "t.dvb", m)) == "bad_signature"
    m["manifest.sig"] = b""
    assert _reason(parties, _rezip(tmp_path / "t.dvb", m)) == "bad_signature"


def test_payload_bytes_flipped_or_cut_are_refused_as_damaged(parties, made, tmp_path):
    """Any change to payload.bin or README.txt fails the signed hashes: damaged, before decryption."""
    m = _members(made[2])
    payload = m["payload.bin"]
    for i in list(range(0, len(payload), max(1, len(payload) // 40))) + [len(payload) - 1]:
        m["payload.bin"] = payload[:i] + bytes([payload[i] ^ 0x01]) + payload[i + 1:]
        assert _reason(parties, _rezip(tmp_path / "t.dvb", m)) == "damaged"
    for cut in (payload[:-1], payload + b"\x00", b""):
        m["payload.bin"] = cut
        assert _reason(parties, _rezip(tmp_path / "t.dvb", m)) == "damaged"
    m = _members(made[2])
    m["README.txt"] = m["README.txt"].replace("Phường Ba Đình".encode(), "Phường Giả Mạo".encode())
    assert _reason(parties, _rezip(tmp_path / "t.dvb", m)) == "damaged"


def test_a_forged_manifest_is_refused(parties, made, tmp_path):
    """Re-signed by someone else: with the commune's fingerprint → bad_signature; with their own → unknown_sender."""
    forger = parties["other"]
    m = _members(made[2])
    body = json.loads(m["manifest.json"])
    body["seq_to"] = 999
    m["manifest.json"], m["manifest.sig"] = _resign(body, forger)
    assert _reason(parties, _rezip(tmp_path / "t.dvb", m)) == "bad_signature"
    body["sender"]["fingerprint"] = forger.id.fingerprint
    m["manifest.json"], m["manifest.sig"] = _resign(body, forger)
    assert _reason(parties, _rezip(tmp_path / "t.dvb", m)) == "unknown_sender"


def test_newer_format_and_newer_schema_are_refused_before_the_signature(parties, made, tmp_path):
    """A bundle from a newer version says "update the application", even before the sender is checked."""
    m = _members(made[2])
    body = json.loads(m["manifest.json"])
    body["format"] = "dvb/2"
    m["manifest.json"] = canonical_bytes(body)
    assert _reason(parties, _rezip(tmp_path / "t.dvb", m), trusted={}) == "newer_format"
    assert _reason(parties, made[1], trusted={}, max_schema_version=0) == "newer_schema"


def test_a_manifest_field_this_version_does_not_know_asks_for_an_update(parties, made, tmp_path):
    """A later version's new manifest field (signed by the real commune) is refused — the manifest stays strict —
    but as "update the application", naming the field, not as a damaged file to send again."""
    m = _members(made[2])
    body = json.loads(m["manifest.json"])
    body["calendar_digest"] = "abc"
    m["manifest.json"], m["manifest.sig"] = _resign(body, parties["commune"])
    path = _rezip(tmp_path / "t.dvb", m)
    assert _reason(parties, path) == "newer_version"
    with pytest.raises(bundle.BundleRejected) as err:
        bundle.read_manifest(path)
    assert "calendar_digest" in err.value.message("vi") and "cập nhật ứng dụng" in err.value.message("vi")
    del body["seq_to"]  # a field it needs is missing as well: damaged, whatever else is there
    m["manifest.json"], m["manifest.sig"] = _resign(body, parties["commune"])
    assert _reason(parties, _rezip(tmp_path / "t.dvb", m)) == "damaged"


@pytest.mark.parametrize("day", ["2027-02-30", "01/03/2027", 20270301, ""])
def test_the_reply_tracking_day_travels_signed_and_a_wrong_one_is_refused(parties, tmp_path, day):
    """The optional `reply_tracked_from` comes back as written; one that is no day, even signed by the commune
    itself, makes the manifest damaged (it decides which receptions count as overdue at the upper level)."""
    manifest = _write(parties, tmp_path, reply_tracked_from="2027-03-01")
    path = tmp_path / bundle.bundle_filename(manifest)
    assert _open(parties, path)[0].reply_tracked_from == "2027-03-01"
    assert _write(parties, tmp_path / "plain.dvb").reply_tracked_from is None
    m = _members(path.read_bytes())
    body = json.loads(m["manifest.json"])
    body["reply_tracked_from"] = day
    m["manifest.json"], m["manifest.sig"] = _resign(body, parties["commune"])
    assert _reason(parties, _rezip(tmp_path / "t.dvb", m)) == "damaged"


# --- foreign and hostile files ----------------------------------------------------------------------------------------

def test_files_that_are_not_bundles_are_refused(parties, made, tmp_path):
    """Empty, text, a truncated bundle, an unrelated ZIP, a missing file: all refused with a reason. A copy cut
    short (empty, or the start of a bundle) is "damaged — copy it again", not "choose the right file"."""
    cases = {"empty.dvb": (b"", "damaged"), "text.dvb": ("Xin chào".encode(), "not_a_bundle"),
             "half.dvb": (made[2][: len(made[2]) // 2], "damaged"), "head.dvb": (made[2][:3000], "damaged"),
             "tail.dvb": (made[2][:-30], "damaged")}
    for name, (data, reason) in cases.items():
        (tmp_path / name).write_bytes(data)
        assert _reason(parties, tmp_path / name) == reason, name
    _rezip(tmp_path / "other.zip", {"doc.txt": b"hello"})
    assert _reason(parties, tmp_path / "other.zip") == "not_a_bundle"
    assert _reason(parties, tmp_path / "missing.dvb") == "not_a_bundle"
    with pytest.raises(BundleRejected):
        bundle.read_manifest(tmp_path / "text.dvb")


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_a_zip_with_path_members_is_refused(parties, made, tmp_path):
    """An extra member like ../../evil (or a folder) makes the bundle damaged; nothing is ever extracted."""
    for extra in ("../../evil.sh", "/etc/passwd", "sub/", "manifest.json"):
        m = list(_members(made[2]).items()) + [(extra, b"x")]
        path = tmp_path / "t.dvb"
        with zipfile.ZipFile(path, "w") as zf:
            for name, data in m:
                zf.writestr(name, data)
        assert _reason(parties, path) == "damaged"
    assert not (tmp_path.parent / "evil.sh").exists()


def test_a_zip_bomb_member_is_refused_before_it_is_inflated(parties, made, tmp_path):
    """A manifest that inflates to 200 MB is refused as too_large, without inflating it."""
    m = _members(made[2])
    m["manifest.json"] = b" " * (200 << 20)
    path = _rezip(tmp_path / "bomb.dvb", m, compression=zipfile.ZIP_DEFLATED)
    assert path.stat().st_size < 2 << 20
    assert _reason(parties, path) == "too_large"


def test_a_bundle_above_the_size_limit_is_refused(parties, made, monkeypatch):
    """A file larger than MAX_BUNDLE_BYTES is not even opened."""
    monkeypatch.setattr(bundle, "MAX_BUNDLE_BYTES", 1000)
    assert _reason(parties, made[1]) == "too_large"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=2000),
                      st.binary(max_size=300).map(lambda b: b"PK\x03\x04" + b),
                      st.binary(max_size=300).map(lambda b: b"PK\x05\x06" + b.ljust(18, b"\x00"))))
def test_garbage_bytes_give_only_a_clean_refusal(parties, tmp_path, data):
    """Whatever bytes a file holds, reading it ends in BundleRejected, never another exception."""
    path = tmp_path / "g.dvb"
    path.write_bytes(data)
    with pytest.raises(BundleRejected):
        _open(parties, path)
    with pytest.raises(BundleRejected):
        bundle.read_manifest(path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(where=st.floats(0, 1, exclude_max=True), xor=st.integers(1, 255))
def test_any_byte_of_the_file_flipped_is_refused_or_harmless(parties, made, tmp_path, where, xor):
    """A USB fault anywhere in the file is refused cleanly — or hit only ZIP bookkeeping and changed nothing."""
    data = bytearray(made[2])
    i = int(where * len(data))
    data[i] ^= xor
    path = tmp_path / "f.dvb"
    path.write_bytes(bytes(data))
    try:
        manifest, records = _open(parties, path)
    except BundleRejected:
        return
    assert manifest == made[0] and records == _records()


def test_bundle_filename_uses_the_utc_time(parties, made):
    """The name carries the creation time in UTC, compact and sortable."""
    assert re.fullmatch(r"00004_101-250_\d{8}T\d{6}Z\.dvb", bundle.bundle_filename(made[0]))


def test_a_large_payload_comes_back_whole_and_in_order(parties, tmp_path):
    """5,500 records: compressed a batch of 1,000 at a time on a worker thread while the next batches are encoded —
    every record comes back, in the order written."""
    records = _records(5500)
    m1 = _write(parties, tmp_path / "a.dvb", records=records, bundle_id="019a0000-0000-7000-8000-00000000aaaa")
    m2 = _write(parties, tmp_path / "b.dvb", records=records, bundle_id="019a0000-0000-7000-8000-00000000aaaa")
    _, got = _open(parties, tmp_path / "a.dvb")
    assert got == records and m1.records == 5500 and m1.counts == m2.counts


def test_a_record_that_is_not_json_mid_stream_leaves_no_file(parties, tmp_path):
    """A bad record after several compressed batches: the writing stops with a clear error and no .dvb appears."""
    records = _records(3500)
    records[3200] = {"entity": "reception", "id": "x", "data": {1, 2}}  # a set is not JSON
    with pytest.raises(ValueError):
        _write(parties, tmp_path, records=records)
    assert list(tmp_path.iterdir()) == []  # neither a .dvb nor its .part


def test_two_bundles_of_the_same_second_keep_both_files(parties, tmp_path):
    """A bundle's name has the second as its finest part: a second export within it replaced the first file
    (which an operator may be copying). The second gets "-2"; each is where `written` says."""
    first, second = [], []
    m1 = _write(parties, tmp_path, written=first)
    m2 = _write(parties, tmp_path, written=second)
    assert first[0].name == bundle.bundle_filename(m1)
    assert second[0].name == bundle.bundle_filename(m2).replace(".dvb", "-2.dvb")
    assert _open(parties, first[0])[0].bundle_id == m1.bundle_id
    assert _open(parties, second[0])[0].bundle_id == m2.bundle_id != m1.bundle_id
