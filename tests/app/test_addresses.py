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
    assert full_address({"address": "to 5 phuong ngoc ha", "ward_code": NGOC_HA}, BA_DINH) == "to 5 phuong ngoc ha"
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
