"""A citizen's address as printed: the text typed, then the commune picked from the unit list when it is not this
unit's own (app.domain.addresses), and that commune kept sealed for a denouncer."""

from __future__ import annotations

from app.domain.addresses import full_address, unit_label
from app.domain.masking import MASK
from app.domain import units
from app.reports import reception_log as rl
from app.reports.record_sheet import sheet_rows
from tests.app.conftest import citizen, denunciation, reception

BA_DINH, NGOC_HA = "00004", "00008"  # both in Hà Nội


def _other_province_commune() -> units.Unit:
    return next(u for u in units.search_units("", limit=0) if u.province_code != "01")


def test_a_person_of_this_commune_needs_no_commune_written():
    assert full_address({"address": "Tổ 5", "ward_code": BA_DINH}, BA_DINH) == "Tổ 5"
    assert full_address({"address": "Tổ 5"}, BA_DINH) == "Tổ 5"
    assert full_address({}, BA_DINH) is None


def test_a_person_from_elsewhere_gets_the_commune_and_the_province_when_it_differs():
    assert full_address({"address": "Tổ 5", "ward_code": NGOC_HA}, BA_DINH) == "Tổ 5, phường Ngọc Hà"
    far = _other_province_commune()
    got = full_address({"address": "Thôn 2", "ward_code": far.code}, BA_DINH)
    assert got == f"Thôn 2, {far.name[0].lower()}{far.name[1:]}, {far.province_name[0].lower()}{far.province_name[1:]}"
    assert full_address({"ward_code": NGOC_HA}, None) == "phường Ngọc Hà, thành phố Hà Nội"  # upper level: no home


def test_text_that_names_the_commune_already_is_left_alone_and_a_mask_stays_a_mask():
    assert full_address({"address": "Tổ 5, Ngọc Hà", "ward_code": NGOC_HA}, BA_DINH) == "Tổ 5, Ngọc Hà"
    assert full_address({"address": "to 5, phuong ngoc ha", "ward_code": NGOC_HA}, BA_DINH) == "to 5, phuong ngoc ha"
    assert full_address({"address": MASK, "ward_code": MASK}, BA_DINH) == MASK


def test_the_prints_write_the_commune_of_a_citizen_from_elsewhere():
    """The reception book's "Họ tên, địa chỉ" cell and the record sheet name the picked commune."""
    rec = reception(citizen=citizen(address="Tổ 5", ward_code=NGOC_HA))
    assert "Tổ 5, phường Ngọc Hà" in rl.body_cells(rec, BA_DINH)[1]
    assert "Ngọc Hà" not in rl.body_cells(reception(citizen=citizen(address="Tổ 5", ward_code=BA_DINH)), BA_DINH)[1]
    rows = {r.label: r.value for r in sheet_rows(rec) if r.kind == "field"}
    assert rows["Xã, phường"] == "Phường Ngọc Hà, Thành phố Hà Nội"


def test_unit_label_and_names_repeated_across_provinces():
    assert unit_label(units.find_unit(BA_DINH)) == "Phường Ba Đình — Thành phố Hà Nội"
    assert [u.code for u in units.units_named("phuong ba dinh")] == [BA_DINH]
    shared = next(n for n in ("Xã Tân Thành", "Xã Tân Phú", "Xã Bình Minh") if len(units.units_named(n)) > 1)
    assert len({u.province_code for u in units.units_named(shared)}) > 1


def test_a_denouncers_commune_is_sealed_in_the_file(session, db_path):
    """The commune of a denouncer is stored sealed like the address (it tells where the person lives); the
    application reads it back for those who may see it."""
    from app.services import records as service
    from app.storage import records as store

    rid = service.save(session, denunciation(petitioners=[citizen("Lê Văn Tố", None, address="Thôn 1",
                                                                  ward_code=NGOC_HA)]))
    raw = session.db.conn.execute("SELECT ward_code FROM petitions_persons WHERE record_id = ?", [rid]).fetchone()[0]
    assert raw.startswith("e1:") and NGOC_HA not in raw
    assert store.get(session.db, "petition", rid).record["petitioners"][0]["ward_code"] == NGOC_HA


def test_the_old_and_the_new_column_title_both_import_as_the_commune():
    """A sheet titled "Mã xã, phường" (before 2026-12-06) or "Xã, phường" fills the citizen's ward_code."""
    from app.io.tabular import header_map, resolve_header

    hmap = header_map("reception")
    assert resolve_header("reception", "Mã xã, phường", hmap) == "citizen.ward_code"
    assert resolve_header("reception", "Xã, phường", hmap) == "citizen.ward_code"


def test_every_commune_can_be_reached_by_its_name_in_the_picker():
    """Typing a commune's bare name lists it (the list holds 30; the name as typed, with its diacritics, first),
    or with its province's name after it: from a Hà Nội and a Cần Thơ unit, no commune whose name others share is
    out of reach — before, exact names of other provinces fell behind this province's partial matches and off a
    list of 12."""
    from collections import Counter

    everyone = units.search_units("", limit=0)
    shared = Counter(units._fold(u.name.split(" ", 1)[1]) for u in everyone)
    hard = [u for u in everyone if shared[units._fold(u.name.split(" ", 1)[1])] > 1]  # the others lead their list
    assert len(hard) > 300
    for home in ("01", "92"):
        missing = [u.code for u in hard
                   if u not in units.pick_communes(u.name.split(" ", 1)[1], home)
                   and u not in units.pick_communes(f"{u.name.split(' ', 1)[1]} {u.province_name}", home)]
        assert missing == [], (home, missing[:5])


def test_a_name_typed_with_diacritics_is_that_name_only():
    """"Xã Tân Thành" is never Xã Tân Thanh (another commune), even in the province that has the latter; several
    communes of that name are several (the officer picks), one in this province is that one."""
    named = units.communes_named("Xã Tân Thành", "08")  # Tuyên Quang has Xã Tân Thanh, no Xã Tân Thành
    assert len(named) > 1 and all(u.name == "Xã Tân Thành" for u in named)
    tay_ninh = next(u.province_code for u in named if u.province_name == "Tỉnh Tây Ninh")
    assert [u.name for u in units.communes_named("Xã Tân Thành", tay_ninh)] == ["Xã Tân Thành"]
    assert [u.code for u in units.communes_named("Phường Ngọc Hà — Thành phố Hà Nội")] == [NGOC_HA]


def test_a_street_or_hamlet_of_the_same_name_is_not_the_commune_and_the_province_is_not_repeated():
    hai_ba_trung = units.communes_named("Phường Hai Bà Trưng")[0].code
    assert full_address({"address": "Số 5 đường Hai Bà Trưng", "ward_code": hai_ba_trung}, BA_DINH) \
        == "Số 5 đường Hai Bà Trưng, phường Hai Bà Trưng"
    far = _other_province_commune()
    assert full_address({"address": "Tổ 5,", "ward_code": NGOC_HA}, far.code) == "Tổ 5, phường Ngọc Hà, thành phố Hà Nội"
    assert full_address({"address": "Tổ 5, TP. Hà Nội", "ward_code": NGOC_HA}, far.code) == "Tổ 5, TP. Hà Nội, phường Ngọc Hà"
    assert full_address({"address": "Tổ 3, P. Ngọc Hà", "ward_code": NGOC_HA}, far.code) \
        == "Tổ 3, P. Ngọc Hà, thành phố Hà Nội"


def test_a_sheet_may_name_the_commune_when_only_one_has_that_name():
    """Validation takes "Phường Ngọc Hà" in a ward_code (a sheet titled "Xã, phường") as its code; a name several
    communes share is refused, asking for the code or a unique name."""
    from datetime import date

    from app.domain.validation import validate
    from tests.app.conftest import petition

    ok = validate(petition(petitioners=[citizen(ward_code="Phường Ngọc Hà")]), date(2026, 11, 23))
    assert ok.ok and ok.record["petitioners"][0]["ward_code"] == NGOC_HA
    shared = validate(petition(petitioners=[citizen(ward_code="Xã Tân Thành")]), date(2026, 11, 23))
    assert "mã 5 số" in shared.messages()["petitioners[1].ward_code"]


def test_a_name_typed_without_diacritics_puts_the_home_province_first():
    """"ba dinh" typed in a hurry in a Hà Nội ward: Phường Ba Đình of Hà Nội comes first, not Xã Ba Dinh of
    Quảng Ngãi, whose name happens to be spelt exactly so; typed "Ba Dinh" with no diacritics is no exact spelling.
    Typed with its diacritics, a name still comes first wherever it is."""
    first = units.pick_communes("ba dinh", "01")[0]
    assert (first.name, first.province_code) == ("Phường Ba Đình", "01")
    assert units.pick_communes("Ba Đình", "51")[0].name == "Phường Ba Đình"
    assert [u.name for u in units.pick_communes("ba dinh", "51")[:2]] == ["Xã Ba Dinh", "Phường Ba Đình"]  # home
