"""Property-based tests (hypothesis) of the two doors data comes in by — the importer and the bundle reader: for
thousands of generated inputs, the answer is a result or a clean refusal (a DanvanError with a message), never
another exception (issue 7's acceptance).

The inputs start from valid data — the shared sample's records, a bundle the commune really signed for its upper
level — and are then broken the ways files get broken: fields removed, retyped, overlong or out of range, unknown
keys, the file truncated or with bytes changed; for bundles also foreign ZIP members, and manifests and payloads
altered and then *re-signed with the sender's real key*, so that the checks past the signature are reached too.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import uuid
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app.errors import DanvanError
from app.sync import bundle
from app.sync.bundle import BundleRejected
from app.sync.canonical import canonical_bytes
from tests.faults.conftest import PASSWORD, _open, copy_db, generated_records, sample_records

SAMPLES = sample_records()
FIELDS = sorted({k for r in SAMPLES for k in r} | {"case_no", "duplicate_of", "reception_id", "extensions",
                                                   "authorized_person", "no_show", "round", "outcome", "x", ""})
PERSON_FIELDS = ["name", "id_type", "id_number", "phone", "address", "ward_code", "x"]
TRICKY = st.sampled_from([
    "", " ", "\x00", "\ufeff", "[Bảo mật]", "2026-02-30", "2026-11-23", "9999-12-31", "0001-01-01", "1899-12-31",
    "2026-11-23T25:61", "30/02/2026", "23/11/2026", "001089012345", "079088001234", "12345678", "+84912345678",
    "Khiếu nại", "Tố cáo", "denunciation", "closed", "reception", "petition", "model", "dialogue", "meta", "true",
    "NaN", "1e309", "-1", "Ð", "ĐƯỜNG", "x" * 20_001, "00004-2026-1", str(uuid.UUID(int=1)), "\u0301\u0301"])
VALUES = st.one_of(st.none(), st.booleans(), st.integers(-(2 ** 70), 2 ** 70), st.floats(allow_nan=True),
                   st.text(max_size=30), TRICKY, st.lists(st.one_of(st.text(max_size=5), st.integers()), max_size=3),
                   st.dictionaries(st.sampled_from(PERSON_FIELDS), st.one_of(st.text(max_size=8), TRICKY),
                                   max_size=4))
# (what, field, person field, value)
MUTATIONS = st.lists(st.tuples(st.sampled_from(["set", "del", "person"]), st.sampled_from(FIELDS),
                               st.sampled_from(PERSON_FIELDS), VALUES), max_size=4)
# The file's bytes, afterwards: untouched, cut short, or with a few bytes changed (a failing stick, a bad paste).
DAMAGE = st.one_of(st.none(), st.tuples(st.just("cut"), st.floats(0, 1)),
                   st.tuples(st.just("bytes"), st.lists(st.tuples(st.floats(0, 1, exclude_max=True),
                                                                  st.binary(min_size=1, max_size=4)),
                                                        min_size=1, max_size=3)))


def _mutate(record: dict, mutations) -> dict:
    r = json.loads(json.dumps(record))
    for what, field, sub, value in mutations:
        if what == "set":
            r[field] = value
        elif what == "del":
            r.pop(field, None)
        else:  # a person's field: the citizen, one of the petitioners or representatives
            target = r.get(field)
            if isinstance(target, list) and target and isinstance(target[0], dict):
                target[0][sub] = value
            elif isinstance(target, dict):
                target[sub] = value
            else:
                r[field] = {sub: value}
    return r


def _damage(data: bytes, damage) -> bytes:
    if damage is None:
        return data
    if damage[0] == "cut":
        return data[:int(damage[1] * len(data))]
    out = bytearray(data)
    for where, new in damage[1]:
        i = int(where * len(out)) if out else 0
        out[i:i + len(new)] = new
    return bytes(out)


def _flat(value, key: str, out: dict) -> None:
    """A record as one CSV row with the importer's dotted headers (citizen.name, petitioners.1.id_number)."""
    if isinstance(value, dict):
        for k, v in value.items():
            _flat(v, f"{key}.{k}" if key else str(k), out)
    elif isinstance(value, list):
        for i, v in enumerate(value, 1):
            _flat(v, f"{key}.{i}", out)
    elif isinstance(value, bool):
        out[key] = "x" if value else ""
    else:
        out[key] = "" if value is None else value


def _as_file(records: list[dict], fmt: str) -> bytes:
    if fmt == "ndjson":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")
    rows = []
    for r in records:
        row: dict = {}
        _flat(r, "", row)
        rows.append(row)
    headers = list(dict.fromkeys(k for row in rows for k in row))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=headers or ["type"], lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


@pytest.fixture(scope="module")
def importer(commune_template, tmp_path_factory):
    """An officer's session on a commune holding the sample — the role that imports books day to day."""
    from app.services import accounts

    path = copy_db(commune_template, tmp_path_factory.mktemp("properties-import") / "sodanvan.db")
    s = _open(path)
    accounts.add_user(s.db, "canbo", "officer", PASSWORD, by="admin")
    s.close()
    from app.services.session import Session
    from tests.faults.conftest import clock

    officer = Session.open(path, "canbo", PASSWORD, clock=clock())
    yield officer, path.parent
    officer.close()


@settings(max_examples=1200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(picks=st.lists(st.tuples(st.integers(0, len(SAMPLES) - 1), MUTATIONS), min_size=1, max_size=4),
       fmt=st.sampled_from(["ndjson", "json", "csv"]), damage=DAMAGE)
def test_the_importer_answers_any_mutated_file_cleanly(importer, picks, fmt, damage):
    """Sample records with fields removed, retyped or overlong, as NDJSON, JSON or CSV, possibly cut short or with
    bytes changed: `import` (its dry run: every check, database constraints included) gives a result whose errors
    name line, field and rule — or refuses with a DanvanError — and never raises anything else."""
    from app.services.importing import import_file

    session, folder = importer
    records = [_mutate(SAMPLES[i], m) for i, m in picks]
    path = folder / f"so.{fmt}"
    path.write_bytes(_damage(_as_file(records, fmt), damage))
    try:
        res = import_file(session, path, dry_run=True)
    except DanvanError as exc:
        assert exc.message("vi") and exc.message("en")
        return
    for e in res.errors:
        assert isinstance(e["line"], int) and isinstance(e["field"], str) and e["message"], e
    if not res.errors:
        assert sum(res.imported.values()) + sum(res.updated.values()) + sum(res.unchanged.values()) >= 1


# -- the bundle reader ----------------------------------------------------------------------------------------------

class _Sites:
    """An upper level that trusts the commune, and the commune's real keys to sign bundles with."""

    def __init__(self, pair, folder: Path):
        from app.services import sync_keys

        self.upper = _open(copy_db(pair.upper, folder / "tinh" / "tinh.db"))
        commune = _open(copy_db(pair.commune, folder / "xa" / "xa.db"))
        try:
            c = sync_keys.unlock(commune, PASSWORD)
        finally:
            commune.close()
        self.keys, self.identity = c.keypair, c.identity
        u = sync_keys.unlock(self.upper, PASSWORD)
        self.upper_keys, self.upper_identity = u.keypair, u.identity
        self.trusted = {self.identity.fingerprint: self.identity}
        self.folder = folder

    def write(self, records, **over) -> Path:
        from app.storage.migrations import EXCHANGE_SCHEMA_VERSION

        args = dict(keys=self.keys, sender=self.identity, recipients=[self.upper_identity], kind="changes",
                    seq_from=1, seq_to=max(1, len(records)), last_ack_seq=0,
                    schema_version=EXCHANGE_SCHEMA_VERSION)
        args.update(over)
        path = self.folder / f"{uuid.uuid4()}.dvb"
        bundle.write_bundle(path, records, **args)
        return path

    def open(self, path: Path) -> list:
        manifest, records = bundle.verify_and_open(path, trusted=self.trusted, our_keys=self.upper_keys)
        return list(records)


@pytest.fixture(scope="module")
def sites(sync_pair, tmp_path_factory):
    s = _Sites(sync_pair, tmp_path_factory.mktemp("properties-bundle"))
    yield s
    s.upper.close()


def _payload_lines(site_id: str) -> list[dict]:
    """Valid payload lines, as sync_export writes them, for twelve generated records."""
    out = []
    for r in generated_records(12, seed=31):
        out.append({"entity": r["type"], "id": r["id"], "rev": 1, "owner_site": site_id, "deleted": 0,
                    "created_at": "2026-11-20T08:00:00", "created_by": "admin", "updated_at": "2026-11-20T08:00:00",
                    "updated_by": "admin", "record": r})
    return out


@pytest.fixture(scope="module")
def good_bundle(sites) -> bytes:
    path = sites.write(_payload_lines(sites.identity.site_id))
    assert len(sites.open(path)) == 12
    return path.read_bytes()


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def _zip(path: Path, members) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return path


def _refused_or_read(sites, path: Path) -> None:
    """The one acceptable outcome besides success: BundleRejected with a message, from both ways of reading."""
    for read in (lambda: sites.open(path), lambda: bundle.read_manifest(path)):
        try:
            read()
        except BundleRejected as exc:
            assert exc.reason in bundle.REASONS and exc.message("vi") and exc.message("en")


PROPS = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])


@PROPS
@given(damage=DAMAGE.filter(lambda d: d is not None))
def test_a_bundle_cut_short_or_with_bytes_changed_is_refused_cleanly(sites, good_bundle, tmp_path, damage):
    """A bundle truncated anywhere or with bytes overwritten anywhere: BundleRejected or (ZIP bookkeeping only)
    read as it was — never another exception."""
    path = tmp_path / "d.dvb"
    path.write_bytes(_damage(good_bundle, damage))
    _refused_or_read(sites, path)


_NAMES = st.one_of(st.sampled_from(list(bundle.MEMBERS) + ["../evil.sh", "/abs", "manifest.json/", "a/b", "x"]),
                   # (zipfile itself cannot write an empty name, a NUL or a lone surrogate)
                   st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1,
                           max_size=12))


@pytest.mark.filterwarnings("ignore:Duplicate name")
@PROPS
@given(keep=st.lists(st.sampled_from(list(bundle.MEMBERS)), unique=True),
       extra=st.lists(st.tuples(_NAMES, st.binary(max_size=200)), max_size=4))
def test_random_zip_members_are_refused_cleanly(sites, good_bundle, tmp_path, keep, extra):
    """A ZIP with some of the real members left out, repeated, or foreign ones added (odd names, path-like names,
    random bytes): a clean refusal, never another exception, and nothing written outside."""
    real = _members(good_bundle)
    path = _zip(tmp_path / "z.dvb", [(n, real[n]) for n in keep] + extra)
    _refused_or_read(sites, path)
    assert not (tmp_path.parent / "evil.sh").exists()


_MANIFEST_KEYS = sorted(bundle._MANIFEST_FIELDS) + ["x"]
_SUB_KEYS = ["unit_code", "unit_name", "site_id", "fingerprint", "cipher", "nonce", "wrap", "keys", "reception",
             "petition", "recipient", "ephemeral", "wrapped", "x"]
_JSON = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-(2 ** 70), 2 ** 70), st.text(max_size=20),
                               TRICKY),
                     lambda inner: st.one_of(st.lists(inner, max_size=3),
                                             st.dictionaries(st.sampled_from(_SUB_KEYS), inner, max_size=3)),
                     max_leaves=6)


@PROPS
@given(changes=st.lists(st.tuples(st.sampled_from(["set", "del", "sub"]), st.sampled_from(_MANIFEST_KEYS),
                                  st.sampled_from(_SUB_KEYS), _JSON), min_size=1, max_size=3),
       resign=st.booleans())
def test_a_mutated_manifest_is_refused_cleanly_even_when_re_signed(sites, good_bundle, tmp_path, changes, resign):
    """Manifest fields removed, retyped or out of range — then, half the time, signed again with the commune's real
    key so the checks after the signature see them: a clean refusal (or a bundle read exactly), never another
    exception."""
    members = _members(good_bundle)
    body = json.loads(members["manifest.json"])
    for what, key, sub, value in changes:
        if what == "set":
            body[key] = value
        elif what == "del":
            body.pop(key, None)
        elif isinstance(body.get(key), dict):
            body[key][sub] = value
        elif isinstance(body.get(key), list) and body[key] and isinstance(body[key][0], dict):
            body[key][0][sub] = value
    try:
        raw = canonical_bytes(body)
    except Exception:  # not expressible canonically (a float, …): the JSON as another writer would put it
        raw = json.dumps(body, ensure_ascii=False).encode("utf-8")
    members["manifest.json"] = raw
    if resign:
        members["manifest.sig"] = sites.keys.sign(raw)
    path = _zip(tmp_path / "m.dvb", [(n, members[n]) for n in bundle.MEMBERS])
    _refused_or_read(sites, path)


def _payload_of(lines: list) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode("utf-8") + b"\n" for r in lines)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(mutations=st.lists(st.tuples(st.integers(0, 11), st.sampled_from(["rev", "deleted", "owner_site", "id",
                                                                          "entity", "created_at", "created_by",
                                                                          "updated_by", "record", "x"]),
                                    _JSON, MUTATIONS), max_size=4),
       raw=st.one_of(st.none(), st.binary(max_size=300), st.sampled_from([b"\n\n", b"{}\n", b"[]\n", b"null\n",
                                                                          b'{"entity": ""}\n', b"\xff\xfe\n"])))
def test_a_signed_bundle_of_broken_records_is_imported_or_refused_cleanly(sites, monkeypatch, mutations, raw):
    """A bundle that is signed and encrypted correctly but whose records are broken — metadata retyped, fields of
    the record mutated, or a payload that is not NDJSON at all — goes through the upper level's real import:
    the bad records are quarantined or the bundle refused, nothing else escapes."""
    from app.services import sync_import

    lines = _payload_lines(sites.identity.site_id)
    for i, key, value, record_mutations in mutations:
        lines[i] = dict(lines[i])
        if key == "record":
            lines[i]["record"] = _mutate(lines[i]["record"], record_mutations)
        else:
            lines[i][key] = value
    lines = [ln for ln in lines if isinstance(ln.get("entity"), str) and ln["entity"]] or [{"entity": "reception"}]
    # The payload's plaintext is put in as these bytes (the standard json module writes what orjson, the app's
    # writer, would refuse — integers beyond 64 bits): signed and encrypted all the same.
    counts = Counter(ln["entity"] for ln in lines)
    plain = (raw or b"") + _payload_of(lines)
    monkeypatch.setattr(bundle, "_compress_records",
                        lambda records: (gzip.compress(plain, mtime=0), dict(sorted(counts.items()))))
    try:
        path = sites.write(lines)
    finally:
        monkeypatch.undo()
    out = sync_import.import_one(sites.upper, path, sites.upper_keys)
    event(f"{out['status']} {out['reason'] or ''} quarantined={min(out['quarantined'], 1)}")
    assert out["status"] in ("imported", "rejected", "duplicate"), out
    if out["status"] == "rejected":
        assert out["reason"] in bundle.REASONS and out["message"]
    for q in out.get("quarantine", ()):
        assert q["reason"]
