"""Demo data generator: deterministic, valid, realistic records in the exchange format."""

import json
import re
import unicodedata
import uuid
from collections import Counter
from datetime import date, datetime

import pytest

from app.domain import units
from app.domain.validation import validate
from app.services.demo_data import (
    DEMO_ACCOUNT,
    DEMO_UNIT_CODE,
    OFFICER_ACCOUNT,
    PLANTED_NAMES,
    generate,
)

TODAY = date(2026, 11, 23)
DATE_FIELDS = {
    "reception": (),
    "petition": ("received_on", "accepted_on", "notified_on", "resolved_on", "answered_on"),
    "model": ("recognized_on",),
    "dialogue": ("held_on",),
}


@pytest.fixture(scope="module")
def recs() -> list[dict]:
    return list(generate(2000, seed=7, today=TODAY))


def _people(rec: dict) -> list[dict]:
    out = [rec["citizen"]] if "citizen" in rec else []
    out += rec.get("representatives", []) + rec.get("petitioners", [])
    if "authorized_person" in rec:
        out.append(rec["authorized_person"])
    return out


def _record_date(rec: dict) -> date:
    t = rec["type"]
    if t == "reception":
        return date.fromisoformat(rec["received_at"][:10])
    if t == "petition":
        return date.fromisoformat(rec["received_on"])
    if t == "dialogue":
        return date.fromisoformat(rec["held_on"])
    return date(rec["year"], 1, 1)


def test_same_seed_same_records():
    """The same (n, seed, today) gives byte-identical output."""
    a = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in generate(500, seed=11, today=TODAY)]
    b = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in generate(500, seed=11, today=TODAY)]
    assert a == b


def test_different_seed_different_records():
    """A different seed gives different records."""
    a = list(generate(200, seed=1, today=TODAY))
    b = list(generate(200, seed=2, today=TODAY))
    assert a != b
    assert {r["id"] for r in a}.isdisjoint(r["id"] for r in b)


def test_yields_exactly_n():
    """generate yields exactly n records, zero included; a negative n is refused."""
    assert list(generate(0)) == []
    assert len(list(generate(37))) == 37
    with pytest.raises(ValueError):
        generate(-1)


def test_every_record_validates(recs):
    """Every one of 2,000 records passes validation with no errors (legacy CMND warnings only)."""
    problems = []
    warnings = Counter()
    for n, rec in enumerate(recs, 1):
        res = validate(rec, TODAY)
        if res.errors:
            problems.append((n, rec["type"], [(i.field, i.key) for i in res.errors]))
        warnings.update(i.key for i in res.warnings)
    assert problems == []
    assert set(warnings) <= {"v.id_number_legacy"}


def test_validation_changes_nothing(recs):
    """Records are already clean: validation only adds defaults and inferred ID types (NFC, no stray spaces)."""
    for rec in recs[:500]:
        cleaned = validate(rec, TODAY).record
        for k, v in rec.items():
            if k in ("citizen", "representatives", "petitioners", "authorized_person"):
                continue
            assert cleaned[k] == v, (k, v, cleaned[k])


def test_text_is_nfc(recs):
    """All text is NFC-normalised."""
    blob = json.dumps(recs, ensure_ascii=False)
    assert unicodedata.is_normalized("NFC", blob)


def test_no_future_dates(recs):
    """No date or time lies after today, and everything falls in the two years before it."""
    first = date.fromordinal(TODAY.toordinal() - 730)
    for rec in recs:
        assert first <= _record_date(rec) <= TODAY or rec["type"] == "model"
        for f in DATE_FIELDS[rec["type"]]:
            if f in rec:
                assert date.fromisoformat(rec[f]) <= TODAY, (f, rec)
        for ext in rec.get("extensions", []):
            assert date.fromisoformat(ext["decided_on"]) <= TODAY
    assert all(r["year"] in (TODAY.year - 1, TODAY.year) for r in recs if r["type"] == "model")


def test_stream_is_in_date_order(recs):
    """Records come in date order (models are filed under their registration date)."""
    dated = [_record_date(r) for r in recs if r["type"] != "model"]
    assert dated == sorted(dated)


def test_reception_times_and_days(recs):
    """Receptions are between 07:00 and 17:00, mostly Monday to Friday."""
    rec = [r for r in recs if r["type"] == "reception"]
    times = [datetime.fromisoformat(r["received_at"]) for r in rec]
    assert all(7 <= t.hour < 17 or (t.hour, t.minute) == (17, 0) for t in times)
    weekdays = Counter(t.weekday() for t in times)
    assert weekdays[6] == 0
    assert sum(weekdays[d] for d in range(5)) / len(times) > 0.9


def test_type_mix(recs):
    """About 52 % receptions, 27 % petitions, 11 % models and 10 % dialogues."""
    mix = Counter(r["type"] for r in recs)
    n = len(recs)
    for t, share in (("reception", 0.52), ("petition", 0.27), ("model", 0.11), ("dialogue", 0.10)):
        assert abs(mix[t] / n - share) < 0.04, (t, mix[t] / n)


def test_references_point_to_earlier_records(recs):
    """duplicate_of names an earlier petition and reception_id an earlier reception, both present."""
    seen: dict[str, str] = {}
    dup = rid = 0
    for rec in recs:
        if "duplicate_of" in rec:
            dup += 1
            assert seen.get(rec["duplicate_of"]) == "petition"
        if "reception_id" in rec:
            rid += 1
            assert seen.get(rec["reception_id"]) == "reception"
        seen[rec["id"]] = rec["type"]
    assert dup > 0 and rid > 0


def test_planted_names_present():
    """"Đặng Văn Đức" and "Ưng Hoàng Phúc" appear (in a non-confidential record) for n = 1,000 and n = 100."""
    for n in (100, 1000):
        found = {}
        for rec in generate(n, seed=5, today=TODAY):
            if rec.get("category") != "denunciation":
                for p in _people(rec):
                    found.setdefault(p["name"], p)
        for name, _female, _year in PLANTED_NAMES:
            assert name in found, (n, name)


def test_id_numbers(recs):
    """CCCD numbers: 12 digits, a real legacy province prefix, a century/sex digit consistent with the birth year."""
    cccd = cmnd = none = 0
    for rec in recs:
        for p in _people(rec):
            num = p.get("id_number")
            if num is None:
                none += 1
            elif p.get("id_type") == "cmnd":
                cmnd += 1
                assert re.fullmatch(r"\d{9}", num)
            elif p.get("id_type") == "passport":
                assert re.fullmatch(r"[A-Z]\d{7}", num)
            else:
                cccd += 1
                assert re.fullmatch(r"\d{12}", num), num
                assert units.legacy_province_of_id(num) is not None, num
                century, yy = int(num[3]), int(num[4:6])
                assert century in (0, 1, 2, 3)
                year = (1900 if century < 2 else 2000) + yy
                assert 1940 <= year <= 2006, num
    total = cccd + cmnd + none
    assert 0.01 < cmnd / total < 0.06
    assert 0.06 < none / total < 0.15


def test_planted_person_id_matches_sex_and_year():
    """Đặng Văn Đức (male, 1968) has a CCCD with century digit 0 and birth year 68."""
    for rec in generate(300, seed=3, today=TODAY):
        for p in _people(rec):
            if p["name"] == "Đặng Văn Đức" and "id_number" in p:
                assert p["id_number"][3:6] == "068"
                return
    pytest.fail("Đặng Văn Đức not found")


def test_phones(recs):
    """Phones are 10-digit mobiles with real prefixes; about 15 % of people have none."""
    prefixes = set("032 033 034 035 036 037 038 039 070 076 077 078 079 081 082 083 084 085 086 088 089 "
                   "090 091 092 093 094 096 097 098".split())
    people = [p for r in recs for p in _people(r)]
    for p in people:
        if "phone" in p:
            assert re.fullmatch(r"0\d{9}", p["phone"]) and p["phone"][:3] in prefixes, p["phone"]
    missing = sum("phone" not in p for p in people) / len(people)
    assert 0.08 < missing < 0.22


def test_family_names(recs):
    """Family names follow real frequencies: Nguyễn about 38 %, then Trần and Lê."""
    fam = Counter(p["name"].split()[0] for r in recs for p in _people(r))
    total = sum(fam.values())
    assert 0.32 < fam["Nguyễn"] / total < 0.45
    assert fam["Trần"] > fam["Phạm"] and fam["Lê"] > fam["Phạm"]


def test_ids_are_unique_uuid7(recs):
    """Record ids are unique, UUID version 7 and never repeated across a big run."""
    ids = [r["id"] for r in generate(20_000, seed=9, today=TODAY)]
    assert len(set(ids)) == len(ids)
    for i in ids[:200] + [r["id"] for r in recs[:200]]:
        u = uuid.UUID(i)
        assert u.version == 7 and str(u) == i
    assert all("case_no" not in r for r in recs)


def test_petition_dates_and_statuses(recs):
    """Petition dates run received ≤ accepted ≤ resolved ≤ answered, and the status matches them."""
    for p in (r for r in recs if r["type"] == "petition"):
        chain = [p[k] for k in ("received_on", "accepted_on", "resolved_on", "answered_on") if k in p]
        assert chain == sorted(chain), p
        if "notified_on" in p:
            assert p["notified_on"] >= p["received_on"]
        st = p["status"]
        if st == "answered":
            assert "answered_on" in p
        if st in ("accepted", "in_progress"):
            assert "accepted_on" in p and "resolved_on" not in p
        if st == "forwarded":
            assert p["direction"] == "forward" and p["forwarded_to"]
        if st == "received":
            assert "accepted_on" not in p
        if p.get("eligible") is False:
            assert p["ineligible_reason"]
        if p.get("anonymous"):
            assert p["category"] == "denunciation" and not p["petitioners"]
        if "outcome" in p:
            assert p["category"] in ("complaint", "denunciation") and "resolved_on" in p
        exts = p.get("extensions", [])
        assert len(exts) <= 2 and all(1 <= e["days"] <= 30 for e in exts)
        if "round" in p:
            assert p["category"] == "complaint" and p["round"] in (1, 2)


def test_some_petitions_overdue(recs):
    """Some petitions are still in progress although accepted months ago."""
    old = [p for p in recs if p["type"] == "petition" and p["status"] in ("accepted", "in_progress")
           and (TODAY - date.fromisoformat(p["accepted_on"])).days > 60]
    assert old


def test_reception_shapes(recs):
    """Groups have 5–30 people and 1–5 representatives; forwards name a body; a few no-shows."""
    rec = [r for r in recs if r["type"] == "reception"]
    groups = [r for r in rec if r.get("group_size", 1) > 1]
    assert 0.04 < len(groups) / len(rec) < 0.13
    for g in groups:
        assert 5 <= g["group_size"] <= 30 and 1 <= len(g["representatives"]) <= 5 and "citizen" not in g
    for r in rec:
        if r.get("direction") == "forward":
            assert r["forwarded_to"]
        if r.get("no_show"):
            assert "citizen" not in r and "content" not in r
    assert {r["host_role"] for r in rec} == {"chairman", "vice_chairman", "party_secretary", "officer",
                                              "council_delegate"}
    assert len({r["host_name"] for r in rec}) <= 5


def test_models_and_dialogues(recs):
    """Recognised models carry a date, level and decision number; dialogues have 20–150 participants."""
    models = [r for r in recs if r["type"] == "model"]
    assert {m["field"] for m in models} == {"economy", "culture_society", "defense_security", "party_building"}
    for m in models:
        if m["status"] == "recognized":
            assert m["recognized_on"] and m["recognition_level"] in ("Cấp xã", "Cấp tỉnh")
            assert re.fullmatch(r"\d+(/QĐ-UBND|-QĐ/ĐU|-QĐ/TU)", m["decision_no"])
        else:
            assert "recognized_on" not in m
    for d in (r for r in recs if r["type"] == "dialogue"):
        assert 20 <= d["participants"] <= 150 and d["chair"] and d["topics"]


def test_commune_unit_wording():
    """A commune ("Xã …") gets "xã" wording and village addresses; a ward gets "phường"."""
    ward = list(generate(300, seed=4, today=TODAY))
    commune = list(generate(300, seed=4, today=TODAY, unit_name="Xã Tân Lập"))
    assert any("phường" in r.get("content", "") or "phường" in r.get("forwarded_to", "") for r in ward)
    assert not any("phường" in json.dumps(r, ensure_ascii=False) for r in commune)
    assert all(validate(r, TODAY).ok for r in commune)


def test_other_today_is_respected():
    """With another `today`, nothing is dated after it."""
    today = date(2025, 3, 10)
    for rec in generate(800, seed=2, today=today):
        assert validate(rec, today).ok
        assert _record_date(rec) <= today


def test_accounts_documented():
    """The documented demo accounts and the demo unit code."""
    assert DEMO_ACCOUNT == {"user": "demo", "password": "Demo-2026!", "role": "leader"}
    assert OFFICER_ACCOUNT == {"user": "canbo", "password": "Canbo-2026!", "role": "officer"}
    assert DEMO_UNIT_CODE == "00004"
    assert units.find_unit(DEMO_UNIT_CODE, "commune").name == "Phường Ba Đình"


def test_receptions_of_today_are_not_later_than_now():
    """A demo book built at 09:10 has no reception later today than 09:10 (it would be refused as not come yet);
    without the time, today's receptions are at 07:00 at the latest. The other days keep their office hours."""
    def latest_today(recs):
        times = [r["received_at"][11:] for r in recs if r["type"] == "reception" and r["received_at"][:10] == "2026-11-23"]
        assert times
        return max(times)

    recs = list(generate(3000, seed=5, today=TODAY, now=datetime(2026, 11, 23, 9, 10)))
    assert latest_today(recs) <= "09:10"
    assert all(validate(r, TODAY, datetime(2026, 11, 23, 9, 10)).ok for r in recs)
    assert latest_today(list(generate(3000, seed=5, today=TODAY))) <= "07:00"
    assert max(r["received_at"][11:] for r in recs if r["type"] == "reception") > "09:10"
