"""Importing with a column mapping: guesses from Vietnamese headers, reading with an explicit mapping, preview,
dry run and cancel (app.services.import_mapping)."""

from __future__ import annotations

import threading
from pathlib import Path

import openpyxl
import pytest

from app.errors import Cancelled, DanvanError, PermissionDenied
from app.services import import_mapping as im
from app.services import records

BOM = b"\xef\xbb\xbf"
FORM03 = Path(__file__).resolve().parent.parent / "fixtures" / "form03"


def count(session, table):
    return session.db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def write_csv(path: Path, *lines: str) -> Path:
    path.write_bytes(BOM + ("\n".join(lines) + "\n").encode("utf-8"))
    return path


@pytest.mark.parametrize("header, path, how", [
    ("Họ và tên", "citizen.name", im.EXACT),
    ("Ngày tiếp", "received_at", im.EXACT),
    ("Nội dung vụ việc", "content", im.EXACT),
    ("Số CMND/Hộ chiếu", "citizen.id_number", im.EXACT),
    ("Ho va ten", "citizen.name", im.FOLDED),
    ("NGAY TIEP", "received_at", im.FOLDED),
    ("noi dung vu viec", "content", im.FOLDED),
    ("Nội dung vụ việc (tóm tắt)", "content", im.FUZZY),
    ("Họ tên công dân", "citizen.name", im.FUZZY),
    ("Số điện thoại liên hệ", "citizen.phone", im.FUZZY),
    ("Nội dung vụ vệc", "content", im.FUZZY),  # a typo
    ("citizen.id_number", "citizen.id_number", im.EXACT),
    ("representatives.2.name", "representatives.2.name", im.EXACT),
])
def test_column_guessed_from_vietnamese_header(header, path, how):
    """A reception column is guessed exactly from a title or alias, then diacritic-blind, then fuzzily."""
    got, got_how, _score = im.guess_column("reception", header)
    assert (got, got_how) == (path, how)


@pytest.mark.parametrize("header", ["STT", "Cột lạ", "", "x"])
def test_unknown_header_is_not_guessed(header):
    """A column that names no field stays unmapped."""
    assert im.guess_column("reception", header)[0] is None


def test_each_field_goes_to_one_column():
    """Two columns that both look like the content: the exact title wins, the other is left unmapped."""
    got = im.guess_mapping("reception", ["Nội dung vụ việc (tóm tắt)", "Nội dung vụ việc", "Ngày tiếp"])
    assert got == [(None, None), ("content", im.EXACT), ("received_at", im.EXACT)]


def test_record_type_guessed_from_date_column_or_name():
    """The type is the one whose date column is among the headers; a sheet name decides first."""
    assert im.guess_type(["Ngay tiep", "Ho va ten"]) == "reception"
    assert im.guess_type(["Ngày nhận đơn", "Người gửi đơn — Họ và tên"]) == "petition"
    assert im.guess_type(["Họ và tên", "Địa chỉ"]) is None
    assert im.guess_type(["Họ và tên"], "Đơn thư") == "petition"


def test_targets_have_spec_labels():
    """The choices of a column carry the spec's Vietnamese labels, people broken into their parts."""
    by_path = {t.path: t for t in im.targets("petition")}
    assert by_path["received_on"].label("vi") == "Ngày nhận đơn"
    assert by_path["received_on"].required
    assert by_path["petitioners.1.id_number"].label("vi") == "Người gửi đơn 1 — Số định danh cá nhân / CCCD"
    assert im.target_for("petition", "petitioners.2.name").label("en") == "Petitioners 2 — Full name"
    assert im.target_for("petition", "nonsense") is None


def test_inspect_csv_finds_header_below_title_rows(tmp_path):
    """Title rows above the header are passed over; headers, samples and the mapping are guessed."""
    f = write_csv(tmp_path / "so.csv",
                  "SỔ THEO DÕI TIẾP DÂN,,,,",
                  ",,,,",
                  "STT,Ngay tiep,Ho va ten,Noi dung vu viec,Người tiếp",
                  "1,15/11/2026,Nguyễn Văn Hùng,Tranh chấp đất,Trần Văn Cán")
    info = im.inspect(f)
    assert info.kind == "table"
    (sheet,) = info.sheets
    assert (sheet.layout, sheet.header_row, sheet.rtype) == ("table", 2, "reception")
    assert [(c.header, c.path, c.sample) for c in sheet.columns] == [
        ("STT", None, "1"), ("Ngay tiep", "received_at", "15/11/2026"), ("Ho va ten", "citizen.name", "Nguyễn Văn Hùng"),
        ("Noi dung vu viec", "content", "Tranh chấp đất"), ("Người tiếp", "host_name", "Trần Văn Cán")]


def test_import_with_explicit_mapping(session, tmp_path):
    """Columns the guess cannot know are read where the user mapped them; a skipped column is ignored."""
    f = write_csv(tmp_path / "book.csv",
                  "Ngày,Người dân,Việc,Cán bộ,Linh tinh",
                  "15/11/2026,Nguyễn Văn Hùng,Tranh chấp đất,Trần Văn Cán,abc",
                  "16/11/2026,Lê Thị Mai,Đề nghị cấp giấy,Trần Văn Cán,def")
    info = im.inspect(f)
    plan = im.plan_from(info)
    assert plan.sheets[0].rtype is None  # nothing says what the book holds
    plan.sheets[0].rtype = "reception"
    plan.sheets[0].mapping = {0: "received_at", 1: "citizen.name", 2: "content", 3: "host_name"}
    rows = im.preview(plan)
    assert [(r.line, r.values["citizen.name"]) for r in rows] == [(2, "Nguyễn Văn Hùng"), (3, "Lê Thị Mai")]
    assert rows[0].values["received_at"] == "2026-11-15T00:00"
    res = im.import_mapped(session, plan)
    assert res.errors == [], res.errors
    assert res.imported["reception"] == 2
    got = records.get(session, "reception", res.ids[0])
    assert (got["citizen"]["name"], got["content"], got["host_name"]) == ("Nguyễn Văn Hùng", "Tranh chấp đất",
                                                                           "Trần Văn Cán")


def test_default_host_fills_reception_rows_without_one(session, tmp_path):
    """A reception table without a host column takes the host given for the whole file."""
    f = write_csv(tmp_path / "reception.csv", "Ngày tiếp,Họ và tên,Nội dung vụ việc",
                  "15/11/2026,Nguyễn Văn Hùng,Tranh chấp đất")
    plan = im.plan_from(im.inspect(f))
    assert plan.needs_host()
    plan.default_host = "Trần Văn Cán"
    res = im.import_mapped(session, plan)
    assert res.errors == [], res.errors
    assert records.get(session, "reception", res.ids[0])["host_name"] == "Trần Văn Cán"


def test_dry_run_names_line_and_field_and_stores_nothing(session, tmp_path):
    """A future date and a bad ID number are reported on their lines; a dry run stores nothing."""
    f = write_csv(tmp_path / "reception.csv", "Ngày tiếp,Họ và tên,Số CCCD,Nội dung vụ việc,Người tiếp",
                  "15/11/2026,Nguyễn Văn Hùng,001099012345,Tranh chấp đất,Trần Văn Cán",
                  "15/12/2099,Lê Thị Mai,079188001122,Đề nghị,Trần Văn Cán",
                  "16/11/2026,Lê Văn Tám,12345,Đề nghị,Trần Văn Cán")
    plan = im.plan_from(im.inspect(f))
    res = im.import_mapped(session, plan, dry_run=True)
    assert [(e["line"], e["field"]) for e in res.errors] == [(3, "received_at"), (4, "citizen.id_number")]
    assert count(session, "receptions") == 0
    res = im.import_mapped(session, plan)  # errors block the real import too
    assert res.errors and count(session, "receptions") == 0


def test_form03_book_is_recognised_and_imports(session):
    """The official reception book is recognised as Form 03, its columns shown, and read by the book reader."""
    info = im.inspect(FORM03 / "so_tiep_cong_dan.xlsx")
    (sheet,) = info.sheets
    assert sheet.layout == "form03" and sheet.rtype == "reception"
    cols = {c.header: c for c in sheet.form03_columns}
    assert cols["Họ tên - Địa chỉ"].paths == ("citizen.name", "citizen.address")
    assert cols["Trả lại đơn và hướng dẫn"].direction == "guide"
    assert cols["Ngày tiếp"].sample.startswith("02/03/2026")  # the first entry, not the "(2)" numbers row
    plan = im.plan_from(info)
    assert plan.needs_host()
    plan.default_host = "Trần Văn Cán"
    dry = im.import_mapped(session, plan, dry_run=True)
    assert dry.errors == [], dry.errors
    res = im.import_mapped(session, plan)
    assert res.imported["reception"] == dry.imported["reception"] > 0


def test_workbook_sheets_keep_their_names_and_can_be_skipped(session, tmp_path):
    """Each sheet is mapped on its own; a skipped sheet is not read; errors name their sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tiếp công dân"
    ws.append(["Ngày tiếp", "Họ và tên", "Nội dung vụ việc", "Người tiếp"])
    ws.append(["15/11/2026", "Nguyễn Văn Hùng", "Tranh chấp đất", "Trần Văn Cán"])
    ws2 = wb.create_sheet("Đối thoại")
    ws2.append(["Ngày đối thoại", "Người chủ trì", "Nội dung đối thoại"])
    ws2.append(["01/01/2099", "Trần Văn Cán", "Đất đai"])
    f = tmp_path / "so.xlsx"
    wb.save(f)
    plan = im.plan_from(im.inspect(f))
    assert [(s.title, s.rtype) for s in plan.sheets] == [("Tiếp công dân", "reception"), ("Đối thoại", "dialogue")]
    res = im.import_mapped(session, plan, dry_run=True)
    assert [(e.get("sheet"), e["line"], e["field"]) for e in res.errors] == [("Đối thoại", 2, "held_on")]
    plan.sheets[1].rtype = None
    res = im.import_mapped(session, plan)
    assert res.errors == [] and res.imported == {"reception": 1, "petition": 0, "model": 0, "dialogue": 0}


def test_ndjson_needs_no_mapping(session, tmp_path):
    """An exchange file is read as it is."""
    sample = Path(__file__).resolve().parents[3] / "shared" / "domain" / "samples" / "commune-sample.ndjson"
    if not sample.exists():
        pytest.skip("shared sample not present")
    info = im.inspect(sample)
    assert info.kind == "records" and info.sheets == []
    rows = im.preview(im.plan_from(info), limit=5)
    assert len(rows) == 5 and all(r.rtype for r in rows)


def test_cancel_stops_before_anything_is_written(session, tmp_path):
    """A cancelled import raises Cancelled and stores nothing."""
    f = write_csv(tmp_path / "reception.csv", "Ngày tiếp,Họ và tên,Nội dung vụ việc,Người tiếp",
                  *[f"15/11/2026,Người {i},Việc {i},Trần Văn Cán" for i in range(500)])
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        im.import_mapped(session, im.plan_from(im.inspect(f)), cancel=cancel)
    assert count(session, "receptions") == 0


def test_viewer_may_not_import(viewer, tmp_path):
    """Only roles with the import permission may import, dry run included."""
    f = write_csv(tmp_path / "reception.csv", "Ngày tiếp,Họ và tên", "15/11/2026,A")
    with pytest.raises(PermissionDenied):
        im.import_mapped(viewer, im.plan_from(im.inspect(f)), dry_run=True)


def test_unknown_or_missing_file_is_a_clean_error(tmp_path):
    """A file of another kind, or one that is gone, is refused with a readable error."""
    with pytest.raises(DanvanError):
        im.inspect(tmp_path / "a.docx")
    with pytest.raises(DanvanError):
        im.inspect(tmp_path / "gone.csv")
    for name, data in (("broken.xlsx", b"PK\x03\x04 not a workbook"), ("renamed.xlsx", b"Ho ten,Noi dung\n")):
        bad = tmp_path / name
        bad.write_bytes(data)
        with pytest.raises(DanvanError) as exc:
            im.inspect(bad)
        # what the wizard shows: what to do, not the name of a Python exception (as `danvan import` says it)
        assert exc.value.key == "import.not_xlsx" and "Excel Workbook (.xlsx)" in exc.value.message("vi")


def _tcvn3(text: str) -> str:
    """Unicode Vietnamese as an old .VnTime (TCVN3) book stores it, read as Windows-1252."""
    import unicodedata

    from app.domain import legacy_text

    back = {}
    for code, letter in legacy_text._TCVN3_TABLE.items():
        back.setdefault(unicodedata.normalize("NFC", letter), chr(code))
    return "".join(back.get(c, c) for c in text)


def _tcvn3_book(path: Path) -> Path:
    """A workbook typed in TCVN3 whose short cells read as Unicode too: "Giê" is Giờ, "Ghi chó" Ghi chú, "Vò" Vũ."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "reception"
    ws.append([_tcvn3(h) for h in ("Thời gian tiếp", "Họ và tên", "Nội dung", "Cán bộ tiếp", "Ghi chú")])
    ws.append(["02/11/2026 08:00", _tcvn3("Vũ"), _tcvn3("Kiến nghị sửa đường thôn Đông"), _tcvn3("Lê Văn Hùng"),
               _tcvn3("Giờ")])
    ws.append(["03/11/2026 09:00", _tcvn3("Nguyễn Thị Hoà"), _tcvn3("Phản ánh tiếng ồn"), _tcvn3("Lê Văn Hùng"),
               None])
    wb.save(path)
    return path


def test_a_book_typed_in_tcvn3_is_read_whole_sheet_at_once(session, tmp_path):
    """A TCVN3 sheet is judged as a whole: its short headings are found ("Ghi chó" is the note column) and its
    short cells converted ("Vò" is the surname Vũ), with one note for the sheet — in the wizard and the command."""
    from app.io import readers

    f = _tcvn3_book(tmp_path / "so-cu.xlsx")
    (sheet,) = im.inspect(f).sheets
    assert [(c.header, c.path) for c in sheet.columns][-1] == ("Ghi chú", "note")
    res = im.import_mapped(session, im.plan_from(im.inspect(f)))
    assert res.errors == [], res.errors
    got = records.get(session, "reception", res.ids[0])
    assert (got["citizen"]["name"], got["note"], got["host_name"]) == ("Vũ", "Giờ", "Lê Văn Hùng")

    # one note for the sheet, not a warning for each of its cells
    assert [w["message"] for w in res.warnings if "TCVN3" in w["message"]] == [
        'Trang "reception" gõ bằng bảng mã cũ TCVN3: đã chuyển 12 ô sang Unicode — hãy xem lại vài dòng sau khi nhập.']
    again = readers.read_xlsx(_tcvn3_book(tmp_path / "so-cu-2.xlsx"), None)  # what `danvan import` reads
    assert again.errors == [], again.errors
    first = again.items[0]
    assert (first.raw["citizen"]["name"], first.raw["note"]) == ("Vũ", "Giờ")
    assert again.notes == [{"key": "import.sheet_legacy", "params": {"sheet": "reception", "encoding": "TCVN3",
                                                                        "cells": 12}}]
    assert not [i for item in again.items for i in item.issues if i.key == "v.legacy_encoding"]


def test_a_unicode_book_is_not_taken_for_tcvn3(tmp_path):
    """Real Unicode Vietnamese that Windows-1252 could also spell ("Hoà", "vò") is left as typed."""
    f = write_csv(tmp_path / "reception.csv", "Ngày tiếp,Họ và tên,Nội dung vụ việc,Người tiếp,Ghi chú",
                  "15/11/2026,Hoà,Đề nghị sửa cống,Trần Văn Cán,vò")
    (sheet,) = im.inspect(f).sheets
    assert [c.sample for c in sheet.columns] == ["15/11/2026", "Hoà", "Đề nghị sửa cống", "Trần Văn Cán", "vò"]


def test_a_unicode_book_with_one_tcvn3_row_keeps_its_short_unicode_words(tmp_path):
    """A Unicode book with one row pasted from an old TCVN3 book: that row is converted cell by cell, and the
    book's own short words that Windows-1252 could also spell ("Hoà", which TCVN3 would read as "HoỔ") stay."""
    f = write_csv(tmp_path / "reception.csv", "Ngày tiếp,Họ và tên,Nội dung vụ việc,Người tiếp,Ghi chú",
                  "15/11/2026,Hoà,Đề nghị sửa cống,Trần Văn Cán,Bà",
                  f"16/11/2026,{_tcvn3('Nguyễn Văn Đức')},{_tcvn3('Khiếu nại việc tính tiền bồi thường')},"
                  f"Trần Văn Cán,")
    plan = im.plan_from(im.inspect(f))
    rows = im.preview(plan)
    assert (rows[0].values["citizen.name"], rows[0].values["note"]) == ("Hoà", "Bà")
    assert rows[1].values["citizen.name"] == "Nguyễn Văn Đức"


def test_the_preview_and_the_import_convert_a_tcvn3_book_alike(session, tmp_path):
    """A TCVN3 book with a row retyped in Unicode far down: the encoding is judged on the first rows both times,
    so what the preview shows is what the import stores (the preview once said "Vũ" and the import stored "Vò")."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "reception"
    ws.append([_tcvn3(h) for h in ("Thời gian tiếp", "Họ và tên", "Nội dung", "Cán bộ tiếp", "Ghi chú")])
    for i in range(70):
        ws.append([f"0{1 + i % 9}/11/2026 08:00", _tcvn3("Vũ"), _tcvn3(f"Kiến nghị sửa đường số {i}"),
                   _tcvn3("Lê Văn Hùng"), _tcvn3("Giờ")])
    ws.append(["10/11/2026 08:00", "Nguyễn Thị Ánh", "Phản ánh tiếng ồn ở chợ", "Lê Văn Hùng", "Gõ lại bằng Unicode"])
    f = tmp_path / "so-cu.xlsx"
    wb.save(f)
    plan = im.plan_from(im.inspect(f))
    shown = im.preview(plan)[0].values
    res = im.import_mapped(session, plan)
    assert res.errors == [], res.errors
    stored = records.get(session, "reception", res.ids[0])
    assert (shown["citizen.name"], shown["note"]) == (stored["citizen"]["name"], stored["note"]) == ("Vũ", "Giờ")
    assert records.get(session, "reception", res.ids[-1])["citizen"]["name"] == "Nguyễn Thị Ánh"
