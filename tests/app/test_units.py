"""Administrative units (post-2025: 34 provinces, 3,321 communes) and legacy CCCD province codes."""

from __future__ import annotations

import json

import pytest

from app.domain import units
from app.resources import data_file


def test_commune_code_4_is_ba_dinh_in_hanoi():
    """Commune-level code 4 is Phường Ba Đình, province 01 Hà Nội."""
    u = units.find_unit(4)
    assert u is not None
    assert (u.code, u.name, u.level) == ("00004", "Phường Ba Đình", "commune")
    assert (u.province_code, u.province_name, u.division_type) == ("01", "Thành phố Hà Nội", "phường")


def test_upper_code_4_is_cao_bang():
    """The same number at upper level is a province: 4 is Cao Bằng, 1 is Hà Nội."""
    u = units.find_unit(4, level="upper")
    assert u is not None
    assert (u.code, u.name, u.level, u.division_type) == ("04", "Tỉnh Cao Bằng", "upper", "tỉnh")
    assert (u.province_code, u.province_name) == ("04", "Tỉnh Cao Bằng")
    assert units.find_unit("01", level="upper").name == "Thành phố Hà Nội"


@pytest.mark.parametrize("code", ["00004", "4", 4, " 4 ", "0004"])
def test_code_spellings_are_equivalent(code):
    """A code given as int, short, padded or spaced string finds the same unit."""
    assert units.find_unit(code) == units.find_unit(4)


@pytest.mark.parametrize(
    ("code", "level", "expected"),
    [
        ("4", "commune", "00004"),
        (4, "commune", "00004"),
        (" 4 ", "commune", "00004"),
        ("00004", "commune", "00004"),
        ("1", "upper", "01"),
        ("01", "upper", "01"),
        ("123456", "commune", None),
        ("001", "upper", "01"),  # extra leading zeros never matter either
        ("00004", "upper", "04"),
        ("100", "upper", None),
        ("abc", "commune", None),
        ("4a", "commune", None),
        ("", "commune", None),
        (-4, "commune", None),
        (True, "commune", None),
    ],
)
def test_normalize_code(code, level, expected):
    """normalize_code zero-pads to 5 (commune) / 2 (upper) digits, None for non-numeric or too long."""
    assert units.normalize_code(code, level) == expected


def test_unknown_codes_are_none():
    """Codes that are not in the list, or are malformed, give None rather than an error."""
    assert units.find_unit(99999) is None
    assert units.find_unit(2, level="upper") is None  # Hà Giang (old) is no longer a province
    assert units.find_unit("x") is None


def test_bad_level_is_an_error():
    """Only the levels "commune" and "upper" exist."""
    with pytest.raises(ValueError):
        units.find_unit(4, level="district")


def test_counts_34_provinces_3321_communes():
    """There are 34 provinces and 3,321 commune-level units, provinces sorted by code."""
    provs = units.provinces()
    assert len(provs) == 34
    assert [p.code for p in provs] == sorted(p.code for p in provs)
    assert sum(len(units.communes_of(p.code)) for p in provs) == 3321
    assert sum(p.division_type == "thành phố trung ương" for p in provs) == 6


def test_communes_of_province():
    """communes_of lists one province's communes (Hà Nội has 126), [] for an unknown province."""
    hn = units.communes_of(1)
    assert len(hn) == 126
    assert {u.province_code for u in hn} == {"01"}
    assert hn[0].name == "Phường Ba Đình"
    assert units.communes_of("02") == []


def test_search_is_diacritic_and_case_blind():
    """Search folds case and diacritics (đ = d): "ba dinh" finds Phường Ba Đình first."""
    hits = units.search_units("ba dinh")
    assert hits[0].code == "00004"
    assert units.search_units("BA ĐÌNH", province_code="01")[0].code == "00004"
    assert [u.name for u in units.search_units("da nang", level="upper")] == ["Thành phố Đà Nẵng"]


def test_search_matches_every_word_and_respects_scope():
    """Every query word must occur in the name; province_code and limit narrow the result."""
    hits = units.search_units("tan", limit=5)
    assert len(hits) == 5
    in_hn = units.search_units("phuong", province_code=1, limit=None)
    assert in_hn and all(u.province_code == "01" for u in in_hn)
    assert units.search_units("ba dinh zzz") == []
    assert units.search_units("ea h'leo")[0].name == "Xã Ea H\u2019Leo"


def test_legacy_prefix_decodes_old_province():
    """A CCCD's first three digits are the old 63-province code: 087 is Đồng Tháp (old)."""
    assert units.legacy_province_of_id("087123456789") == "Tỉnh Đồng Tháp"
    assert units.legacy_province_of_id("001099001234") == "Thành phố Hà Nội"


def test_legacy_prefix_is_not_a_new_code():
    """082 in a CCCD is Tiền Giang (old), not Đồng Tháp (new province 82)."""
    assert units.legacy_province_of_id("082300000001") == "Tỉnh Tiền Giang"
    assert units.find_unit("82", level="upper").name == "Tỉnh Đồng Tháp"


@pytest.mark.parametrize("bad", ["003123456789", "08712345678", "0871234567890", "08712345678x", ""])
def test_legacy_prefix_unknown_or_malformed(bad):
    """An unknown prefix or a number that is not 12 digits decodes to None."""
    assert units.legacy_province_of_id(bad) is None


def test_json_records_source_version():
    """The shipped JSON names its source package version and data version, and the API reports them."""
    raw = json.loads(data_file("admin_units.json").read_text(encoding="utf-8"))
    assert raw["source"] == units.DATA_SOURCE == "vietnam-provinces 2026.9.0"
    assert raw["data_version"] == units.data_version()
    assert units.data_source() == f"vietnam-provinces 2026.9.0 (data {raw['data_version']})"
    assert len(raw["legacy_provinces"]) == 63
    assert data_file("admin_units.json").stat().st_size < 1_000_000
