"""Import (.ndjson, .json, .csv, .xlsx) and export in the exchange format, with protected identity redacted."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import datetime

import openpyxl
import pytest

from app.errors import DanvanError, PermissionDenied, UsageError
from app.services import records
from app.services.export import export
from app.services.importing import import_file
from app.services.session import Session
from tests.app.conftest import (PASSWORD, citizen, denunciation, dialogue, make_clock, model, petition,
                                reception)
from tests.app.test_cli_refusals import _cp1258

BOM = b"\xef\xbb\xbf"
MASK = "[Bảo mật]"
NONE = {"reception": 0, "petition": 0, "model": 0, "dialogue": 0}


def write_ndjson(path, *objs, raw_lines=None):
    lines = [json.dumps(o, ensure_ascii=False) for o in objs] if raw_lines is None else raw_lines
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def meta(fmt=1):
    return {"type": "meta", "format": fmt, "unit_code": "00004", "exported_at": "2026-11-23T09:00"}


def count(session, table):
    return session.db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def audit_actions(session):
    return [r[0] for r in session.db.conn.execute("SELECT action FROM audit_log ORDER BY seq")]


@pytest.fixture
def elsewhere(template_db, tmp_path):
    """An admin session on a second, separate database (another installation's file)."""
    path = tmp_path / "elsewhere" / "sodanvan.db"
    path.parent.mkdir()
    shutil.copyfile(template_db, path)
    s = Session.open(path, "admin", PASSWORD, clock=make_clock())
    yield s
    s.close()


# -- NDJSON ---------------------------------------------------------------------------------------------------------

def test_ndjson_with_meta_line(session, tmp_path):
    """An NDJSON file that starts with the meta line imports its records."""
    f = write_ndjson(tmp_path / "in.ndjson", meta(), reception(), petition(), model(), dialogue())
    res = import_file(session, f)
    assert res.errors == []
    assert res.imported == {"reception": 1, "petition": 1, "model": 1, "dialogue": 1}
    assert audit_actions(session)[-1] == "import"


def test_ndjson_without_meta_line(session, tmp_path):
    """The meta line is optional."""
    f = write_ndjson(tmp_path / "in.ndjson", reception(), reception())
    res = import_file(session, f)
    assert res.errors == [] and res.imported["reception"] == 2


def test_ndjson_newer_format_refused(session, tmp_path):
    """A meta line with format 2 is refused with a message to update the application; nothing is imported."""
    f = write_ndjson(tmp_path / "in.ndjson", meta(2), reception())
    res = import_file(session, f)
    assert [(e["line"], e["field"]) for e in res.errors] == [(1, "format")]
    assert "cập nhật ứng dụng" in res.errors[0]["message"]
    assert res.imported == NONE
    assert count(session, "receptions") == 0


def test_ndjson_error_names_line_field_and_rule(session, tmp_path):
    """Errors name the NDJSON line (blank lines counted), the field path and the rule."""
    lines = [json.dumps(meta())] + [json.dumps(reception(), ensure_ascii=False)] * 4 + [""] + [
        json.dumps(reception(citizen=citizen(id_number="00123456789")), ensure_ascii=False)]
    f = write_ndjson(tmp_path / "in.ndjson", raw_lines=lines)
    res = import_file(session, f)
    assert res.errors == [{"line": 7, "field": "citizen.id_number", "message": "số định danh phải có 12 chữ số"}]
    assert count(session, "receptions") == 0


def test_ndjson_nested_field_numbering(session, tmp_path):
    """Nested fields are named like petitioners[2].id_number (1 = first)."""
    f = write_ndjson(tmp_path / "in.ndjson", petition(petitioners=[citizen(), citizen("B", "12")]))
    res = import_file(session, f)
    assert [(e["line"], e["field"]) for e in res.errors] == [(1, "petitioners[2].id_number")]


def test_ndjson_bad_json_line_reported_with_the_rest(session, tmp_path):
    """A line that is not JSON is reported by number, alongside validation errors elsewhere; nothing imported."""
    f = write_ndjson(tmp_path / "in.ndjson", raw_lines=[
        json.dumps(reception(), ensure_ascii=False), "{not json", json.dumps(reception(host_name=None))])
    res = import_file(session, f)
    assert [(e["line"], e["field"]) for e in res.errors] == [(2, ""), (3, "host_name")]
    assert res.imported == NONE and count(session, "receptions") == 0


def test_ndjson_unknown_key_refused(session, tmp_path):
    """Unknown keys in a file are errors, not silently dropped."""
    f = write_ndjson(tmp_path / "in.ndjson", reception(ghi_chu_them="x"))
    res = import_file(session, f)
    assert [(e["line"], e["field"]) for e in res.errors] == [(1, "ghi_chu_them")]


def test_record_with_list_type_is_a_line_error(session, tmp_path):
    """A malformed `type` value is reported against its line, not raised."""
    f = write_ndjson(tmp_path / "in.ndjson", reception(), {"type": ["reception"]})
    res = import_file(session, f)
    assert [(e["line"], e["field"]) for e in res.errors] == [(2, "type")]
    assert count(session, "receptions") == 0


def test_reimport_same_id_updates(session, tmp_path):
    """Importing the same id again with a change updates that record (rev 2)."""
    rid = "01935c8e-7b6a-7cc1-8a43-3b1a5f0e2d31"
    import_file(session, write_ndjson(tmp_path / "a.ndjson", dialogue(id=rid)))
    res = import_file(session, write_ndjson(tmp_path / "b.ndjson", dialogue(id=rid, follow_up="Đã làm xong")))
    assert res.updated["dialogue"] == 1
    assert records.get(session, "dialogue", rid)["follow_up"] == "Đã làm xong"
    assert session.db.conn.execute("SELECT rev FROM dialogues").fetchone()[0] == 2


def test_import_dry_run_writes_nothing(session, tmp_path):
    """import --dry-run reports what would happen and changes nothing."""
    f = write_ndjson(tmp_path / "in.ndjson", meta(), reception(), petition())
    res = import_file(session, f, dry_run=True)
    assert res.errors == [] and res.imported["reception"] == res.imported["petition"] == 1
    assert count(session, "receptions") == count(session, "petitions") == 0
    assert "import" not in audit_actions(session)


def test_empty_file_refused(session, tmp_path):
    """A file with no records is an error, not a silent success."""
    f = write_ndjson(tmp_path / "in.ndjson", meta())
    assert import_file(session, f).errors


def test_unknown_extension_refused(session, tmp_path):
    """Only .ndjson/.json/.csv/.xlsx are read."""
    f = tmp_path / "in.txt"
    f.write_text("x")
    with pytest.raises(DanvanError):
        import_file(session, f)


def test_missing_file_is_a_clean_error(session, tmp_path):
    """A path that does not exist gives a DanvanError naming it."""
    with pytest.raises(DanvanError) as exc:
        import_file(session, tmp_path / "absent.ndjson")
    assert "absent.ndjson" in exc.value.message("vi")


# -- JSON array -----------------------------------------------------------------------------------------------------

def test_json_array_element_numbering(session, tmp_path):
    """In a .json array, `line` is the element number (1 = first, the meta element included)."""
    f = tmp_path / "in.json"
    f.write_text(json.dumps([meta(), reception(), petition(received_on="2026-11-31")], ensure_ascii=False),
                 encoding="utf-8")
    res = import_file(session, f)
    assert [(e["line"], e["field"]) for e in res.errors] == [(3, "received_on")]

    f.write_text(json.dumps([reception(), petition(received_on="2026-11-31")], ensure_ascii=False), encoding="utf-8")
    res = import_file(session, f)
    assert [(e["line"], e["field"]) for e in res.errors] == [(2, "received_on")]


def test_json_array_imports(session, tmp_path):
    """A good .json array imports all its records."""
    f = tmp_path / "in.json"
    f.write_text(json.dumps([meta(), model(), dialogue()], ensure_ascii=False), encoding="utf-8")
    res = import_file(session, f)
    assert res.errors == [] and res.imported == {"reception": 0, "petition": 0, "model": 1, "dialogue": 1}


def test_json_round_trip(session, tmp_path):
    """.json export → import reports everything unchanged."""
    records.save(session, reception())
    records.save(session, model())
    out = tmp_path / "all.json"
    assert export(session, out)["count"] == 2
    res = import_file(session, out)
    assert res.errors == [] and res.unchanged == {"reception": 1, "petition": 0, "model": 1, "dialogue": 0}


# -- CSV ------------------------------------------------------------------------------------------------------------

BOOK_HEADER = "Ngày tiếp,Họ và tên,Số CCCD,Nội dung vụ việc,Phân loại đơn,Hướng xử lý,Người tiếp"


def test_csv_with_bom_vietnamese_headers_and_labels(session, tmp_path):
    """A UTF-8-with-BOM CSV with the book's Vietnamese titles, label values and dd/mm/yyyy dates imports."""
    text = "\n".join([
        BOOK_HEADER,
        "15/11/2026,Nguyễn Văn Hùng,001099012345,Tranh chấp đất với hộ bên cạnh,Khiếu nại,Thụ lý để giải quyết,"
        "Trần Văn Cán",
        "3/9/2026 14:30,Lê Thị Mai,079188001122,Đề nghị cấp giấy chứng nhận,Kiến nghị,Trả lại đơn và hướng dẫn,"
        "Trần Văn Cán",
    ]) + "\n"
    f = tmp_path / "reception.csv"
    f.write_bytes(BOM + text.encode("utf-8"))
    res = import_file(session, f)
    assert res.errors == [], res.errors
    assert res.imported["reception"] == 2
    got = sorted((records.get(session, "reception", i) for i in res.ids), key=lambda r: r["received_at"])
    assert got[0]["received_at"] == "2026-09-03T14:30"
    assert (got[0]["category"], got[0]["direction"]) == ("petition", "guide")
    assert got[1]["received_at"] == "2026-11-15T00:00"
    assert (got[1]["category"], got[1]["direction"]) == ("complaint", "accept")
    assert got[1]["citizen"] == {"name": "Nguyễn Văn Hùng", "id_type": "cccd", "id_number": "001099012345"}
    assert got[1]["host_name"] == "Trần Văn Cán"
    assert got[1]["content"] == "Tranh chấp đất với hộ bên cạnh"


def test_csv_row_numbers_count_the_header(session, tmp_path):
    """CSV errors name the row with the header as row 1."""
    text = "\n".join([
        BOOK_HEADER,
        "15/11/2026,Nguyễn Văn Hùng,001099012345,Tranh chấp đất,Khiếu nại,Thụ lý để giải quyết,Trần Văn Cán",
        "16/11/2026,Lê Thị Mai,07918800112,Đề nghị,Kiến nghị,Thụ lý để giải quyết,Trần Văn Cán",
    ]) + "\n"
    f = tmp_path / "reception.csv"
    f.write_bytes(BOM + text.encode("utf-8"))
    res = import_file(session, f)
    assert res.errors == [{"line": 3, "field": "citizen.id_number", "message": "số định danh phải có 12 chữ số",
                           "column": "C"}]  # where the cell is in the sheet
    assert count(session, "receptions") == 0


def test_title_lines_above_the_header_are_passed_over(session, tmp_path):
    """An Excel book's title lines above its table ("UBND …", "SỔ THEO DÕI …", a blank line) are not the header:
    the first row below that names the book's columns is, and errors name the sheet's own row numbers."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["UBND PHƯỜNG BA ĐÌNH"])
    ws.append(["SỔ THEO DÕI TIẾP CÔNG DÂN NĂM 2026"])
    ws.append([])
    ws.append(BOOK_HEADER.split(","))
    ws.append(["15/11/2026", "Nguyễn Văn Hùng", "001099012345", "Tranh chấp đất", "Khiếu nại",
               "Thụ lý để giải quyết", "Trần Văn Cán"])
    ws.append(["16/11/2026", "Lê Thị Mai", "07918800112", "Đề nghị", "Kiến nghị", "Thụ lý để giải quyết",
               "Trần Văn Cán"])
    f = tmp_path / "reception.xlsx"
    wb.save(f)
    res = import_file(session, f)
    assert res.errors == [{"line": 6, "field": "citizen.id_number", "message": "số định danh phải có 12 chữ số",
                           "column": "C"}]
    ws.delete_rows(6)
    wb.save(f)
    res = import_file(session, f)
    assert res.errors == [] and res.imported["reception"] == 1
    got = records.get(session, "reception", res.ids[0])
    assert (got["citizen"]["name"], got["content"]) == ("Nguyễn Văn Hùng", "Tranh chấp đất")


def test_csv_unknown_header_refused(session, tmp_path):
    """A column title that maps to no field is reported against row 1."""
    f = tmp_path / "reception.csv"
    f.write_bytes(BOM + (BOOK_HEADER + ",Cột lạ\n15/11/2026,A,,B,Khiếu nại,,C,x\n").encode("utf-8"))
    res = import_file(session, f)
    assert (1, "Cột lạ") in [(e["line"], e["field"]) for e in res.errors]
    assert count(session, "receptions") == 0


def test_csv_round_trip_keeps_leading_zeros(session, elsewhere, tmp_path):
    """ID numbers with leading zeros survive a CSV export and an import into another database."""
    records.save(session, petition(petitioners=[citizen(id_number="000123456789", phone="0081234567")]))
    out = tmp_path / "petition.csv"
    export(session, out, types=["petition"])
    assert out.read_bytes().startswith(BOM)
    assert ",000123456789," in out.read_text(encoding="utf-8-sig")
    res = import_file(session, out)
    assert res.errors == [] and res.unchanged["petition"] == 1
    res = import_file(elsewhere, out)
    assert res.errors == [] and res.imported["petition"] == 1
    got = records.get(elsewhere, "petition", res.ids[0])
    assert got["petitioners"][0]["id_number"] == "000123456789"


def test_csv_export_needs_one_type(session, tmp_path):
    """CSV holds one record type per file."""
    with pytest.raises(UsageError):
        export(session, tmp_path / "all.csv")


def test_csv_round_trip_with_awkward_text(session, tmp_path):
    """Quotes, semicolons, commas and line breaks in text survive CSV export and re-import."""
    records.save(session, reception(content='Ông A nói "không"; bà B nói "có", rồi\nđi về', note='"a";"b"'))
    out = tmp_path / "reception.csv"
    export(session, out, types=["reception"])
    res = import_file(session, out)
    assert res.errors == [] and res.unchanged["reception"] == 1


# -- XLSX -----------------------------------------------------------------------------------------------------------

def _seed_everything(session, leader):
    records.save(session, reception(citizen=citizen(id_number="000987654321", phone="0912345678")))
    records.save(session, reception(citizen=None, group_size=8,
                                    representatives=[citizen("Đại diện Một", None), citizen("Đại diện Hai", "012345678901")]))
    records.save(session, petition(extensions=[{"days": 10, "reason": "phức tạp", "decided_on": "2026-11-20"}],
                                   complex=True, authorized_person=citizen("Luật sư C", None)))
    records.save(leader, denunciation())
    records.save(session, model(description="Mô tả\nnhiều dòng"))
    records.save(session, dialogue())


def test_xlsx_round_trip_unchanged(session, leader, tmp_path):
    """XLSX export → import reports every record unchanged."""
    _seed_everything(session, leader)
    out = tmp_path / "all.xlsx"
    res = export(session, out)
    assert res["count"] == 6
    wb = openpyxl.load_workbook(out)
    assert set(wb.sheetnames) == {"reception", "petition", "model", "dialogue"}
    res = import_file(session, out)
    assert res.errors == [], res.errors
    assert res.unchanged == {"reception": 2, "petition": 2, "model": 1, "dialogue": 1}
    assert res.imported == NONE and res.updated == NONE


def test_xlsx_keeps_leading_zeros(session, elsewhere, tmp_path):
    """ID numbers are written as text cells and read back with their leading zeros, in another database too."""
    records.save(session, reception(citizen=citizen(id_number="000987654321")))
    out = tmp_path / "all.xlsx"
    export(session, out)
    ws = openpyxl.load_workbook(out)["reception"]
    header = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=header.index("citizen.id_number") + 1)
    assert (cell.value, cell.data_type) == ("000987654321", "s")
    res = import_file(elsewhere, out)
    assert res.errors == []
    assert records.get(elsewhere, "reception", res.ids[0])["citizen"]["id_number"] == "000987654321"


def test_xlsx_with_vietnamese_headers_and_excel_dates(session, tmp_path):
    """An XLSX sheet named after the type, with book titles and real Excel dates, imports."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "reception"
    ws.append(BOOK_HEADER.split(","))
    ws.append([datetime(2026, 11, 15, 9, 30), "Nguyễn Văn Hùng", "001099012345", "Tranh chấp đất", "Khiếu nại",
               "Chuyển đơn đến cơ quan có thẩm quyền", "Trần Văn Cán"])
    f = tmp_path / "book.xlsx"
    wb.save(f)
    res = import_file(session, f)
    assert res.errors == [], res.errors
    got = records.get(session, "reception", res.ids[0])
    assert (got["received_at"], got["direction"], got["category"]) == ("2026-11-15T09:30", "forward", "complaint")


def test_corrupt_xlsx_is_a_clean_error(session, tmp_path):
    """A damaged .xlsx gives a DanvanError with a readable message, not a raw traceback."""
    f = tmp_path / "broken.xlsx"
    f.write_bytes(b"PK\x03\x04 this is not really a workbook")
    with pytest.raises(DanvanError) as exc:
        import_file(session, f)
    assert exc.value.key == "import.not_xlsx"  # says what to do: open it in Excel and save it again
    assert "broken.xlsx" in exc.value.message("vi")
    assert count(session, "receptions") == 0


def test_truncated_xlsx_is_a_clean_error(session, tmp_path):
    """A half-copied workbook (cut-off zip) is refused cleanly too."""
    records.save(session, reception())
    good = tmp_path / "good.xlsx"
    export(session, good)
    f = tmp_path / "cut.xlsx"
    f.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(DanvanError):
        import_file(session, f)


def test_zip_that_is_not_a_workbook(session, tmp_path):
    """A valid zip without workbook parts is refused cleanly."""
    f = tmp_path / "other.xlsx"
    with zipfile.ZipFile(f, "w") as z:
        z.writestr("hello.txt", "xin chào")
    with pytest.raises(DanvanError):
        import_file(session, f)


# -- export ---------------------------------------------------------------------------------------------------------

def test_export_meta_line(session, tmp_path):
    """An NDJSON export begins with the meta line (format 1, unit code, exported_at from the clock)."""
    records.save(session, dialogue())
    out = tmp_path / "out.ndjson"
    res = export(session, out)
    first, *rest = out.read_text(encoding="utf-8").splitlines()
    m = json.loads(first)
    assert (m["type"], m["format"], m["unit_code"], m["exported_at"]) == ("meta", 1, "00004", "2026-11-23T10:00")
    assert res["count"] == len(rest) == 1
    assert res["file"] == str(out)


def test_export_filters_by_type_and_date(session, tmp_path):
    """--type and --from/--to select records by type and record date."""
    records.save(session, reception(received_at="2026-01-10T08:00"))
    records.save(session, reception(received_at="2026-06-10T08:00"))
    records.save(session, dialogue(held_on="2026-06-11"))
    out = tmp_path / "out.ndjson"
    assert export(session, out, types=["reception"], date_from="2026-06-01", date_to="2026-06-30")["count"] == 1
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert [(r["type"], r["received_at"]) for r in lines] == [("reception", "2026-06-10T08:00")]


def _exported(out):
    return [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()[1:]]


def test_export_takes_a_lists_filters(session, tmp_path):
    """A list's "Xuất Excel…" writes what the list shows: its search text (diacritic-blind), category, direction,
    status and "overdue" box narrow the export as they narrow the list — and a type that has no such filter is
    left out rather than exported whole."""
    from app.services import listing
    from app.services.listing import Filters

    records.save(session, reception(content="Tranh chấp đất đai ở thôn Đông", category="complaint"))
    records.save(session, reception(content="Đèn đường hỏng", category="reflection", direction="guide"))
    records.save(session, petition(received_on="2026-06-01", status="accepted", accepted_on="2026-06-02"))
    records.save(session, petition(content="Kiến nghị sửa đường"))
    records.save(session, dialogue(commitments="Sửa đường trước Tết"))
    records.save(session, dialogue(topics="Vệ sinh môi trường", commitments="Dọn rác", follow_up="Đã dọn"))
    records.save(session, model())
    out = tmp_path / "o.ndjson"

    assert export(session, out, types=["reception"], text="tranh chap dat")["count"] == 1
    assert [r["content"] for r in _exported(out)] == ["Tranh chấp đất đai ở thôn Đông"]
    assert export(session, out, types=["reception"], filters=Filters(category="reflection", direction="guide"))[
        "count"] == 1
    assert _exported(out)[0]["content"] == "Đèn đường hỏng"
    assert export(session, out, types=["petition"], filters=Filters(status="accepted"))["count"] == 1

    # "Chỉ đơn quá hạn": the petition accepted in June is overdue today, the new one is not — the export holds
    # exactly what the list counts
    listed = listing.count(session, "petition", overdue=True)
    assert export(session, out, types=["petition"], overdue=True)["count"] == listed == 1
    assert _exported(out)[0]["received_on"] == "2026-06-01"
    # every type at once: only those with an overdue notion, the dialogue whose commitment has no result
    export(session, out, overdue=True)
    kinds = sorted((r["type"], r.get("topics") or r.get("content")) for r in _exported(out))
    assert ("dialogue", "Giải phóng mặt bằng đường vành đai") in kinds
    assert not any(t == "model" for t, _ in kinds)
    assert ("dialogue", "Vệ sinh môi trường") not in kinds
    # a search made only of punctuation selects everything, as in the list
    assert export(session, out, types=["reception"], text='" *')["count"] == 2


def test_export_leaves_out_deleted_records(session, tmp_path):
    """Tombstoned records are not exported as live records."""
    rid = records.save(session, reception())
    records.save(session, reception(content="giữ lại"))
    records.delete(session, "reception", rid)
    assert export(session, tmp_path / "o.ndjson")["count"] == 1


def test_export_is_nfc_utf8(session, tmp_path):
    """The exchange file is UTF-8 and NFC."""
    import unicodedata

    records.save(session, reception(content=unicodedata.normalize("NFD", "Người dân phản ánh")))
    out = tmp_path / "o.ndjson"
    export(session, out)
    text = out.read_bytes().decode("utf-8")
    assert unicodedata.is_normalized("NFC", text) and "Người dân phản ánh" in text


def test_export_denunciation_by_admin_is_redacted(session, leader, tmp_path):
    """An admin's export writes "[Bảo mật]" for a denouncer and lists the redacted field."""
    records.save(leader, denunciation())
    records.save(session, petition())
    out = tmp_path / "o.ndjson"
    res = export(session, out)
    assert res["redacted"] == ["petitioners"]
    text = out.read_text(encoding="utf-8")
    assert "Lê Văn Tố" not in text and "079088001234" not in text
    recs = [json.loads(x) for x in text.splitlines()[1:]]
    den = next(r for r in recs if r["category"] == "denunciation")
    assert den["petitioners"][0]["name"] == MASK
    assert den["petitioners"][0]["id_number"] == MASK
    plain = next(r for r in recs if r["category"] == "complaint")
    assert plain["petitioners"][0]["id_number"] == "001234567890"  # admins see ID numbers


def test_export_of_denunciation_reception_is_redacted(session, leader, tmp_path):
    """A reception categorised as a denunciation has its citizen and representatives redacted."""
    records.save(leader, reception(category="denunciation", group_size=3,
                                   representatives=[citizen("Đại diện Tố", "012345678912")]))
    out = tmp_path / "o.ndjson"
    res = export(session, out)
    assert sorted(res["redacted"]) == ["citizen", "representatives"]
    rec = json.loads(out.read_text(encoding="utf-8").splitlines()[1])
    assert rec["citizen"]["name"] == MASK and rec["representatives"][0]["name"] == MASK


def test_redacted_reimport_keeps_stored_identity(session, leader, tmp_path):
    """Re-importing a redacted export keeps the stored denouncer instead of erasing it."""
    did = records.save(leader, denunciation())
    out = tmp_path / "o.ndjson"
    export(session, out)
    res = import_file(session, out)
    assert res.errors == [] and res.unchanged["petition"] == 1
    assert records.get(leader, "petition", did)["petitioners"] == [
        {"name": "Lê Văn Tố", "id_type": "cccd", "id_number": "079088001234"}]

    # The same redacted file with a real change: updated, identity still kept.
    recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    recs[1]["note"] = "Đã chuyển thanh tra"
    write_ndjson(out, *recs)
    res = import_file(session, out)
    assert res.errors == [] and res.updated["petition"] == 1
    got = records.get(leader, "petition", did)
    assert got["note"] == "Đã chuyển thanh tra"
    assert got["petitioners"][0]["name"] == "Lê Văn Tố"


def test_redacted_file_refused_elsewhere(session, leader, elsewhere, tmp_path):
    """A redacted record cannot create a record in another database (it would lose the identity)."""
    records.save(leader, denunciation())
    out = tmp_path / "o.ndjson"
    export(session, out)
    res = import_file(elsewhere, out)
    assert [(e["line"], e["field"]) for e in res.errors] == [(2, "petitioners")]
    assert count(elsewhere, "petitions") == 0


def test_include_confidential_refused_for_officer_and_admin(officer, session, tmp_path):
    """--include-confidential needs the export.confidential right: officers and admins are refused."""
    for s in (officer, session):
        with pytest.raises(PermissionDenied):
            export(s, tmp_path / "o.ndjson", include_confidential=True)
    assert not (tmp_path / "o.ndjson").exists()
    assert "export.confidential" not in audit_actions(session)


def test_include_confidential_by_leader_works_and_is_audited(leader, tmp_path):
    """A leader may export denouncers' identity; the export is audited as export.confidential."""
    records.save(leader, denunciation())
    out = tmp_path / "o.ndjson"
    res = export(leader, out, include_confidential=True)
    assert res["redacted"] == []
    rec = json.loads(out.read_text(encoding="utf-8").splitlines()[1])
    assert rec["petitioners"][0] == {"name": "Lê Văn Tố", "id_type": "cccd", "id_number": "079088001234"}
    row = leader.db.conn.execute(
        "SELECT user, detail FROM audit_log WHERE action = 'export.confidential'").fetchall()
    assert len(row) == 1 and row[0][0] == "leader" and "o.ndjson" in row[0][1]
    assert "Lê Văn Tố" not in row[0][1] and "079088001234" not in row[0][1]


def test_unaudited_confidential_export_leaves_no_file(db_path, monkeypatch, tmp_path):
    """A confidential export that cannot be audited does not leave the confidential file behind."""
    import sqlite3

    from app.errors import DatabaseBusy

    monkeypatch.setenv("DANVAN_BUSY_TIMEOUT", "0.2")
    s = Session.open(db_path, "leader", PASSWORD, clock=make_clock())
    blocker = sqlite3.connect(str(db_path), isolation_level=None)
    try:
        records.save(s, denunciation())
        out = tmp_path / "secret.ndjson"
        blocker.execute("BEGIN IMMEDIATE")
        with pytest.raises(DatabaseBusy):
            export(s, out, include_confidential=True)
        blocker.execute("ROLLBACK")
        assert not out.exists()
    finally:
        blocker.close()
        s.close()


def test_plain_export_is_audited(session, tmp_path):
    """Every export leaves an audit entry."""
    records.save(session, model())
    export(session, tmp_path / "o.xlsx")
    assert audit_actions(session)[-1] == "export"


def test_viewer_export_masks_id_numbers(viewer, session, tmp_path):
    """A viewer's export masks ID numbers (last three digits kept) and says something was redacted."""
    records.save(session, reception(citizen=citizen(id_number="001234567890")))
    records.save(session, petition(petitioners=[citizen(id_number="001234567891")]))
    out = tmp_path / "o.ndjson"
    res = export(viewer, out)
    text = out.read_text(encoding="utf-8")
    assert "001234567890" not in text and "001234567891" not in text
    assert "•••••••••890" in text
    assert "petitioners.id_number" in res["redacted"] and len(res["redacted"]) == 2


def test_viewer_export_lists_masked_citizen_id_number(viewer, session, tmp_path):
    """`redacted` names the masked field as citizen.id_number."""
    records.save(session, reception(citizen=citizen(id_number="001234567890")))
    res = export(viewer, tmp_path / "o.ndjson")
    assert res["redacted"] == ["citizen.id_number"]


def test_viewer_masked_file_reimport_keeps_id_numbers(viewer, session, tmp_path):
    """A file with masked ID numbers re-imported by an admin keeps the stored numbers."""
    rid = records.save(session, reception(citizen=citizen(id_number="001234567890")))
    out = tmp_path / "o.ndjson"
    export(viewer, out)
    res = import_file(session, out)
    assert res.errors == [] and res.unchanged["reception"] == 1
    assert records.get(session, "reception", rid)["citizen"]["id_number"] == "001234567890"


def test_unknown_export_extension(session, tmp_path):
    """Exporting to an unknown file type is a usage error and writes nothing."""
    with pytest.raises(UsageError):
        export(session, tmp_path / "o.pdf")
    assert not (tmp_path / "o.pdf").exists()


def test_export_writes_no_partial_file(session, tmp_path):
    """The export is written to a temporary file and renamed: no .part file is left behind."""
    records.save(session, reception())
    export(session, tmp_path / "o.xlsx")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_errors_in_a_workbook_of_several_sheets_name_the_sheet(session, tmp_path):
    """Row numbers restart on every sheet, so an error in a multi-sheet workbook names its sheet."""
    import openpyxl

    from app.services.importing import import_file

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "dialogue"
    ws.append(["held_on", "chair", "topics"])
    ws.append(["2026-05-01", "Nguyễn Đình Khôi", "Đối thoại về môi trường"])
    ws2 = wb.create_sheet("model")
    ws2.append(["year", "name", "kind", "field", "owner"])
    ws2.append([2026, "Mô hình tốt", "tập thể", "economy", "Hội Nông dân"])
    ws2.append([2026, "Mô hình thiếu lĩnh vực", "collective", "", "Đoàn Thanh niên"])
    path = tmp_path / "book.xlsx"
    wb.save(path)
    res = import_file(session, path)
    assert [(e.get("sheet"), e["line"], e["field"]) for e in res.errors] == [("model", 3, "field")]


def test_a_book_without_ids_imported_again_adds_nothing(session, tmp_path):
    """An Excel book has no ids: each row gets the id its date, people and content give, so importing the same
    book again changes nothing (it doubled every entry), a row corrected in the book updates its record, two alike
    rows stay two records, and another commune importing the same book gets ids of its own."""
    import copy

    from tests.app.test_form03 import HOST, fx

    book = fx.write_xlsx(tmp_path / "so.xlsx")
    first = import_file(session, book, default_host=HOST)
    assert not first.errors and sum(first.imported.values()) == 8
    again = import_file(session, book, default_host=HOST)
    assert sum(again.imported.values()) == 0 and sum(again.unchanged.values()) == 8
    assert count(session, "receptions") == 8

    rows = copy.deepcopy(fx.BOOK)
    rows[fx.FIRST_DATA_ROW - 1][10] = "Đã có kết quả giải quyết lần hai"  # the "Theo dõi kết quả" of row 10
    rows.append(list(rows[fx.FIRST_DATA_ROW]))  # row 11 twice
    changed = import_file(session, fx.write_xlsx(tmp_path / "so2.xlsx", rows), default_host=HOST)
    assert not changed.errors
    assert (sum(changed.imported.values()), sum(changed.updated.values())) == (1, 1)
    assert count(session, "receptions") == 9

    from app.services import setup

    setup.init(tmp_path / "xa-khac.db", "8", "commune", "admin", PASSWORD, clock=make_clock())
    elsewhere = Session.open(tmp_path / "xa-khac.db", "admin", PASSWORD, clock=make_clock())
    try:
        other = import_file(elsewhere, book, default_host=HOST)
        assert sum(other.imported.values()) == 8 and not set(other.ids) & set(first.ids)
    finally:
        elsewhere.close()


def test_numbers_excel_stripped_of_their_zeros_come_back_with_a_warning(session, tmp_path):
    """An ID number or a phone typed into a number cell loses its leading zeros in Excel (001085012345 becomes
    1085012345, 0912345678 becomes 912345678): they are put back, with a warning to check — they were refused."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "reception"
    ws.append(["received_at", "host_name", "citizen.name", "citizen.id_number", "citizen.phone", "content"])
    ws.append(["2026-11-20T08:30", "Nguyễn Văn An", "Trần Thị Bình", 1085012345, 912345678, "Hỏi về thủ tục đất"])
    path = tmp_path / "so.xlsx"
    wb.save(path)
    res = import_file(session, path)
    assert not res.errors, res.errors
    person = records.get(session, "reception", res.ids[0])["citizen"]
    assert (person["id_number"], person["phone"]) == ("001085012345", "0912345678")
    assert sum("bỏ số 0 ở đầu" in w["message"] for w in res.warnings) == 2


def test_a_petitions_list_in_plain_vietnamese_imports(session, tmp_path):
    """The words officers write — "Qua bưu điện", "Trực tiếp", "Thụ lý", "Chuyển đơn", "Kiến nghị, phản ánh", a
    two-digit year, a "Người viết đơn" column, an "STT" column — are read (they refused the whole file)."""
    path = tmp_path / "don.csv"
    path.write_text(
        "STT;Ngày nhận đơn;Người viết đơn;Nội dung;Phân loại đơn;Nguồn đơn;Hướng xử lý;Chuyển đến cơ quan\n"
        "1;5/11/26;Lê Văn Ân;Đề nghị làm lại đường;Kiến nghị, phản ánh;Qua bưu điện;Thụ lý;\n"
        "2;06/11/2026;Trần Thị Bé;Tranh chấp đất;Khiếu nại;Trực tiếp;Chuyển đơn;Tòa án nhân dân khu vực 1\n",
        encoding="utf-8-sig")
    res = import_file(session, path)
    assert not res.errors, res.errors
    got = sorted((records.get(session, "petition", i) for i in res.ids), key=lambda r: r["received_on"])
    assert [(r["received_on"], r["category"], r["source"], r["direction"]) for r in got] == [
        ("2026-11-05", "petition", "post", "accept"), ("2026-11-06", "complaint", "in_person", "forward")]


def test_a_models_list_with_the_fields_written_as_officers_write_them_imports(session, tmp_path):
    """The four fields as lists write them — an en dash, a comma for "và", no dash, a short name — are read (each
    refused the whole file); a word that is no field is still refused."""
    path = tmp_path / "mo-hinh.csv"
    path.write_text(
        "Năm;Tên mô hình;Tập thể / cá nhân;Lĩnh vực;Đơn vị / cá nhân thực hiện\n"
        "2026;Đèn đường tổ 5;Tập thể;Văn hóa – Xã hội;Chi hội Phụ nữ\n"
        "2026;Camera an ninh;Tập thể;Quốc phòng an ninh;Tổ dân phố 3\n"
        "2026;Chi bộ gương mẫu;Tập thể;Xây dựng Đảng, hệ thống chính trị;Chi bộ 2\n"
        "2026;Đảng viên giúp hộ nghèo;Cá nhân;Xây dựng Đảng;Nguyễn Văn An\n", encoding="utf-8-sig")
    res = import_file(session, path)
    assert not res.errors, res.errors
    got = {r["name"]: r["field"] for r in (records.get(session, "model", i) for i in res.ids)}
    assert got == {"Đèn đường tổ 5": "culture_society", "Camera an ninh": "defense_security",
                   "Chi bộ gương mẫu": "party_building", "Đảng viên giúp hộ nghèo": "party_building"}
    bad = tmp_path / "sai.csv"
    bad.write_text("Năm;Tên mô hình;Tập thể / cá nhân;Lĩnh vực;Đơn vị / cá nhân thực hiện\n"
                   "2026;Khác;Tập thể;Môi trường;Tổ 1\n", encoding="utf-8-sig")
    assert [e["field"] for e in import_file(session, bad).errors] == ["field"]


def test_a_dialogues_list_with_its_deadline_column_imports_and_exports(session, tmp_path):
    """"Hạn thực hiện" (or the field's own label) is read as `commitments_due`, a date ahead of today included,
    and an export writes it back."""
    path = tmp_path / "doi-thoai.csv"
    path.write_text("Ngày đối thoại;Người chủ trì;Nội dung đối thoại;Nội dung tiếp thu, giải trình, cam kết;"
                    "Hạn thực hiện\n02/10/2026;Bí thư Đảng ủy;Đường làng;Đổ bê tông;31/01/2027\n",
                    encoding="utf-8-sig")
    res = import_file(session, path)
    assert not res.errors, res.errors
    assert records.get(session, "dialogue", res.ids[0])["commitments_due"] == "2027-01-31"
    out = tmp_path / "ra.ndjson"
    export(session, out, types=["dialogue"])
    assert '"commitments_due": "2027-01-31"' in out.read_text(encoding="utf-8")


def test_several_signers_in_one_cell_become_several_petitioners(session, tmp_path):
    """"Nguyễn Văn An, Trần Thị Bé" in the name cell: two petitioners, with a warning (one petitioner with both
    names counted as a single-signer petition); "Các hộ dân tổ 5 (12 hộ)" stays one."""
    path = tmp_path / "don.csv"
    path.write_text(
        "Ngày nhận đơn;Người viết đơn;Địa chỉ;Nội dung;Phân loại đơn\n"
        "05/11/2026;Nguyễn Văn An, Trần Thị Bé;Tổ 3;Đề nghị làm lại đường;Kiến nghị\n"
        "06/11/2026;\"Phạm Thị Dung; Hoàng Văn Em; Vũ Thị Giang\";Tổ 4;Phản ánh tiếng ồn;Phản ánh\n"
        "07/11/2026;Các hộ dân tổ 5 (12 hộ);Tổ 5;Phản ánh ngập úng;Phản ánh\n", encoding="utf-8-sig")
    res = import_file(session, path)
    assert not res.errors, res.errors
    got = {r["received_on"]: r["petitioners"] for r in (records.get(session, "petition", i) for i in res.ids)}
    assert [p["name"] for p in got["2026-11-05"]] == ["Nguyễn Văn An", "Trần Thị Bé"]
    assert got["2026-11-05"][0]["address"] == "Tổ 3"
    assert [p["name"] for p in got["2026-11-06"]] == ["Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang"]
    assert [p["name"] for p in got["2026-11-07"]] == ["Các hộ dân tổ 5 (12 hộ)"]
    assert sum("người cùng đứng đơn" in w["message"] for w in res.warnings) == 2


def test_a_petition_book_naming_the_person_in_its_titles_is_read(session, tmp_path):
    """Column titles a migrated book writes with the person named ("Người gửi đơn — Họ và tên", "Địa chỉ người gửi
    đơn") or a plain "Phân loại" are read by `danvan import` as by the wizard (they refused the whole file)."""
    src = tmp_path / "don-thu.csv"
    src.write_text("Ngày nhận đơn,Người gửi đơn — Họ và tên,Địa chỉ người gửi đơn,Nội dung,Phân loại\n"
                   "03/11/2026,Hà Văn Khánh,Bản Nà Sản,Kiến nghị sửa đường liên bản,Kiến nghị\n", encoding="utf-8")
    res = import_file(session, src)  # the record type from the titles: "Ngày nhận đơn" is a petition's
    assert not res.errors, res.errors
    stored = records.get(session, "petition", res.ids[0])
    assert stored["petitioners"] == [{"name": "Hà Văn Khánh", "address": "Bản Nà Sản"}]
    assert stored["category"] == "petition"


def test_a_filter_a_type_does_not_have_is_refused_and_nothing_is_written(session, tmp_path):
    """"--type reception --status received": receptions have no status — a usage error naming the filter and
    the type (it crashed on a CSV, and wrote an empty file otherwise); a model's status asked of petitions too;
    an export that matches nothing is a sheet of the type asked, with its headers."""
    import openpyxl

    from app.services.listing import Filters

    records.save(session, reception())
    for out, types, f in ((tmp_path / "r.csv", ["reception"], Filters(status="received")),
                          (tmp_path / "p.xlsx", ["petition"], Filters(status="implementing")),
                          (tmp_path / "all.xlsx", None, Filters(category="complaint", field="economy"))):
        with pytest.raises(UsageError) as err:
            export(session, out, types=types, filters=f)
        assert "--" in str(err.value) and not out.exists()
    with pytest.raises(UsageError) as err:
        export(session, tmp_path / "x.ndjson", types=["reception"], filters=Filters(status="received"))
    assert "--status" in str(err.value) and "Lượt tiếp" in str(err.value)

    out = tmp_path / "none.xlsx"
    assert export(session, out, types=["petition"], text="zzzz")["count"] == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["petition"] and "received_on" in [c.value for c in wb["petition"][1]]


def test_a_damaged_utf8_file_is_refused_naming_its_line_not_read_as_an_old_windows_file(session, tmp_path):
    """One byte of a Vietnamese letter cut (a copy cut short on a stick): the file used to be read as cp1252 and
    every letter of it stored as look-alikes ("Nguyá»…n"), updating the records it named. Now NDJSON, JSON and a
    UTF-8 CSV are refused, the line named, nothing changed; an old Windows-1258 CSV still imports."""
    rid = records.save(session, dialogue(chair="Nguyễn Đình Khôi"))
    good = tmp_path / "good.ndjson"
    export(session, good, types=["dialogue"])
    raw = good.read_bytes()
    cut = raw.rindex("ễ".encode())
    bad = tmp_path / "bad.ndjson"
    bad.write_bytes(raw[:cut + 1] + raw[cut + 2:])
    with pytest.raises(DanvanError) as caught:
        import_file(session, bad)
    assert caught.value.key == "import.not_utf8" and caught.value.params["line"] == 2
    assert "dòng 2" in caught.value.message("vi")
    assert records.get(session, "dialogue", rid)["chair"] == "Nguyễn Đình Khôi"
    as_json = tmp_path / "bad.json"
    as_json.write_bytes(b'[{"type": "dialogue",\n "chair": "Nguy\xe1\xbb n"}]')
    with pytest.raises(DanvanError, match="line 2"):
        import_file(session, as_json)

    csv_bad = tmp_path / "reception.csv"
    text = BOOK_HEADER + "\n15/11/2026,Nguyễn Văn Hùng,,Tranh chấp đất,Khiếu nại,Thụ lý để giải quyết,Trần Văn Cán\n"
    data = text.encode("utf-8")
    i = data.index("ễ".encode())
    csv_bad.write_bytes(data[:i + 1] + data[i + 2:])
    with pytest.raises(DanvanError) as caught:
        import_file(session, csv_bad)
    assert caught.value.key == "import.not_utf8" and caught.value.params["line"] == 2
    csv_1258 = tmp_path / "reception-1258.csv"
    csv_1258.write_bytes(_cp1258(text))
    res = import_file(session, csv_1258)
    assert not res.errors and res.imported["reception"] == 1


@pytest.mark.parametrize("value", [1e308, 99999999999999999999, 9223372036854775808, "99999999999999999999", 1e10])
def test_a_count_no_field_can_hold_is_a_line_error_not_a_crash(session, tmp_path, value):
    """participants 1e308 passed a dry run, then the import died with "unexpected error" (an integer beyond
    64 bits); now a field error on its line, in a dry run and in the import alike."""
    line = {"type": "dialogue", "held_on": "2026-06-19", "chair": "Nguyễn Văn An", "topics": "Đường làng",
            "participants": value}
    f = tmp_path / "big.ndjson"
    f.write_text(json.dumps(line) + "\n", encoding="utf-8")
    for dry_run in (True, False):
        res = import_file(session, f, dry_run=dry_run)
        assert [(e["line"], e["field"]) for e in res.errors] == [(1, "participants")]
        assert "tối đa 1.000.000" in res.errors[0]["message"]
    assert count(session, "dialogues") == 0
    csv_file = tmp_path / "dialogue.csv"
    csv_file.write_text(f"held_on,chair,topics,group\n2026-06-19,An,Đường,{value}\n".replace("group", "participants"),
                        encoding="utf-8")
    res = import_file(session, csv_file, dry_run=True)
    assert [e["field"] for e in res.errors] == ["participants"]


def test_an_export_clears_what_a_killed_export_of_the_same_file_left(session, tmp_path):
    """kill -9 mid-export left a hidden ".xxxxxxxx.so.ndjson.part" that nothing removed (2–7 MB each on a stick);
    the next export of that file removes those an hour old, and keeps a fresh one (a writer still at work) and
    other files' parts."""
    import os
    import time

    old = tmp_path / ".0123abcd.so.ndjson.part"
    fresh = tmp_path / ".4567ef01.so.ndjson.part"
    other = tmp_path / ".89abcdef.khac.ndjson.part"
    for p in (old, fresh, other):
        p.write_text("{", encoding="utf-8")
    hour_ago = time.time() - 3700
    for p in (old, other):
        os.utime(p, (hour_ago, hour_ago))
    records.save(session, reception())
    export(session, tmp_path / "so.ndjson")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(("ndjson", ".part"))) == sorted(
        [fresh.name, other.name, "so.ndjson"])
