"""The official reception book (Sổ tiếp công dân, Form 03 of TT 04/2021) imported as reception records."""

import copy
import importlib.util
from datetime import date, datetime
from pathlib import Path

import pytest

from app.domain.validation import validate
from app.io import form03
from app.io.readers import ReadResult, read_csv, read_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "form03"
XLSX = FIXTURES / "so_tiep_cong_dan.xlsx"
CSV = FIXTURES / "so_tiep_cong_dan.csv"
HOST = "Nguyễn Văn Hùng"
TODAY = date(2026, 11, 23)
DATA_LINES = list(range(10, 18))

_spec = importlib.util.spec_from_file_location("form03_fixtures", FIXTURES / "make_fixtures.py")
fx = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fx)


def _by_line(res: ReadResult) -> dict[int, dict]:
    return {it.line: it.raw for it in res.items}


def _read_rows(rows, default_host=HOST) -> ReadResult:
    res = ReadResult()
    form03.read(rows, res, default_host)
    return res


@pytest.fixture(scope="module")
def xlsx_res() -> ReadResult:
    return read_file(XLSX, default_host=HOST)


@pytest.fixture(scope="module")
def csv_res() -> ReadResult:
    return read_file(CSV, default_host=HOST)


# --------------------------------------------------------------------------------------------- recognition


def test_book_is_recognised_in_xlsx_and_csv_rows():
    """A sheet with title rows above the two-row header is taken for Form 03, in Excel values and CSV text."""
    assert form03.looks_like_form03(fx.book())
    assert form03.looks_like_form03(fx.book(excel=False))
    assert form03.looks_like_form03(fx.book()[6:])  # no title rows: the header is row 1


def test_exchange_layout_is_not_form03():
    """Exchange-format keys, or field labels with "Ngày tiếp" but no "Hướng xử lý", are not the book."""
    keys = [["type", "received_at", "host_name", "citizen.name", "citizen.address", "content", "direction"],
            ["reception", "2026-03-02T08:30", HOST, "Nguyễn Văn An", "Thôn 3", "Khiếu nại", "accept"]]
    labels = [["Ngày tiếp", "Người tiếp", "Họ tên", "Địa chỉ", "Nội dung vụ việc", "Phân loại đơn"],
              ["02/03/2026", HOST, "Nguyễn Văn An", "Thôn 3", "Khiếu nại đất đai", "Khiếu nại"]]
    with_direction = [labels[0] + ["Hướng xử lý"], labels[1] + ["Thụ lý để giải quyết"]]
    assert not form03.looks_like_form03(keys)
    assert not form03.looks_like_form03(labels)
    assert not form03.looks_like_form03(with_direction)  # a direction column, but no book header
    assert not form03.looks_like_form03([])


def test_exchange_csv_still_reads_as_exchange_layout():
    """readers.read_table keeps the exchange layout for a CSV of dotted headers (no Form 03 note)."""
    data = "type,received_at,host_name,citizen.name,content\nreception,2026-03-02T08:30,Lan,Nguyễn Văn An,Hỏi\n"
    res = read_csv(data, "reception", None)
    assert not any(n["key"] == "import.form03" for n in res.notes)
    assert res.items[0].raw["citizen"] == {"name": "Nguyễn Văn An"}


def test_header_typed_in_tcvn3_is_recognised():
    """A book whose headings were typed in the legacy TCVN3 font is still found by its headings."""
    rows = copy.deepcopy(fx.book())
    rows[6][1], rows[6][2], rows[6][7] = "Ngµy tiÕp", "Hä tªn - §Þa chØ", "H\xadíng xö lý"
    rows[7][7], rows[7][8] = "Thô lý ®Ó gi¶i quyÕt", "Tr¶ l¹i ®¬n vµ h\xadíng dÉn"
    assert form03.looks_like_form03(rows)
    assert [it.line for it in _read_rows(rows).items] == DATA_LINES


# ---------------------------------------------------------------------------------------------- the book


def test_every_visit_is_read_with_its_sheet_row(xlsx_res):
    """Eight visits on sheet rows 10–17; title rows, column numbers, total line and signatures are skipped."""
    assert xlsx_res.errors == []
    assert [it.line for it in xlsx_res.items] == DATA_LINES
    assert xlsx_res.notes == [{"key": "import.form03", "params": {"rows": 8}}]
    for rec in _by_line(xlsx_res).values():
        assert (rec["type"], rec["host_name"], rec["mode"], rec["channel"]) == ("reception", HOST, "regular",
                                                                                 "in_person")


def test_csv_export_gives_the_same_records(xlsx_res, csv_res):
    """The UTF-8-with-BOM CSV export of the book gives exactly the records of the workbook, on the same rows."""
    assert CSV.read_bytes().startswith(b"\xef\xbb\xbf")
    assert csv_res.errors == []
    assert csv_res.notes == xlsx_res.notes
    assert _by_line(csv_res) == _by_line(xlsx_res)


def test_dates_from_excel_cells_and_text(xlsx_res):
    """Excel date/datetime cells and "dd/mm/yyyy [HH:MM|8h30]" text become YYYY-MM-DDTHH:MM (00:00 without time)."""
    got = {line: rec["received_at"] for line, rec in _by_line(xlsx_res).items()}
    assert got == {10: "2026-03-02T08:30", 11: "2026-03-05T14:15", 12: "2026-03-10T00:00", 13: "2026-03-12T00:00",
                   14: "2026-03-18T08:00", 15: "2026-03-20T09:00", 16: "2026-03-25T00:00", 17: "2026-03-27T15:30"}


def test_categories_and_group_sizes(xlsx_res):
    """"Phân loại đơn/Số người" gives the category (labels and KN/TC abbreviations) and the number of people."""
    got = {line: (rec.get("category"), rec["group_size"]) for line, rec in _by_line(xlsx_res).items()}
    assert got == {10: ("complaint", 1), 11: ("petition", 1), 12: ("denunciation", 1), 13: ("reflection", 8),
                   14: ("complaint", 1), 15: ("petition", 1), 16: ("mixed", 1), 17: ("reflection", 1)}


def test_directions_from_ticks(xlsx_res):
    """A mark (x, X, v, ✓) in one of the three "Hướng xử lý" columns gives accept / guide / forward."""
    got = {line: rec.get("direction") for line, rec in _by_line(xlsx_res).items()}
    assert got == {10: "accept", 11: "guide", 12: "forward", 13: "accept", 14: "guide", 15: "accept",
                   16: "forward", 17: "guide"}


def test_body_named_in_forward_column_is_forwarded_to(xlsx_res):
    """A body's name written in the "Chuyển đơn" column is the direction and the forwarded_to."""
    rec = _by_line(xlsx_res)[12]
    assert (rec["direction"], rec["forwarded_to"]) == ("forward", "Thanh tra tỉnh")
    assert "forwarded_to" not in _by_line(xlsx_res)[16]  # a plain x names no body


def test_names_and_addresses_are_split(xlsx_res):
    """"Họ tên - Địa chỉ" is split on a newline, " - ", " – ", ", " or an "Địa chỉ:" label."""
    recs = _by_line(xlsx_res)
    people = {line: (rec.get("citizen") or rec["representatives"][0]) for line, rec in recs.items()}
    got = {line: (p["name"], p.get("address")) for line, p in people.items()}
    assert got == {
        10: ("Nguyễn Văn An", "Thôn Phú Sơn, xã Hòa Phú"),
        11: ("Trần Thị Bích", "Tổ 3, thôn Đông, xã Hòa Phú"),
        12: ("Lê Văn Cường", "thôn Tây, xã Hòa Phú"),
        13: ("Phạm Văn Dũng", "Thôn Bắc, xã Hòa Phú"),
        14: ("Hoàng Thị Em", "thôn Nam, xã Hòa Phú"),
        15: ("Võ Văn Phúc", "thôn Trung, xã Hòa Phú"),
        16: ("Đặng Thị Giang", None),
        17: ("Bùi Văn Hải", "thôn Đông, xã Hòa Phú"),
    }


def test_group_of_eight_goes_to_representatives(xlsx_res):
    """A visit of 8 people has group_size 8 and its person as representative, not as citizen."""
    rec = _by_line(xlsx_res)[13]
    assert rec["group_size"] == 8
    assert "citizen" not in rec
    assert rec["representatives"] == [{"name": "Phạm Văn Dũng", "address": "Thôn Bắc, xã Hòa Phú",
                                       "id_number": "036090001234"}]
    assert rec["prior_handler"] == "UBND xã Hòa Phú"


def test_id_numbers_keep_their_leading_zeros(xlsx_res, csv_res):
    """ID numbers stay text; an 11-digit number (Excel dropped the 0) is padded back to the 12-digit CCCD."""
    for res in (xlsx_res, csv_res):
        recs = _by_line(res)
        assert recs[10]["citizen"]["id_number"] == "001085012345"
        assert recs[11]["citizen"]["id_number"] == "079123456789"
        assert recs[17]["citizen"]["id_number"] == "012345678"  # an 8-digit number is a 9-digit CMND


def test_tcvn3_row_is_converted_with_a_warning(xlsx_res):
    """Text typed in TCVN3 is converted to Unicode and each converted cell carries a warning."""
    item = next(it for it in xlsx_res.items if it.line == 14)
    assert item.raw["citizen"]["name"] == "Hoàng Thị Em"
    assert item.raw["content"] == "Khiếu nại việc tính tiền bồi thường khi thu hồi đất làm đường liên thôn"
    assert item.raw["result"] == "Chưa nhận được tiền bồi thường"
    assert {(i.field, i.key, i.severity) for i in item.issues} == {
        ("citizen.name", "v.legacy_encoding", "warning"), ("content", "v.legacy_encoding", "warning"),
        ("result", "v.legacy_encoding", "warning")}
    assert all(not it.issues for it in xlsx_res.items if it.line != 14)


def test_good_rows_pass_validation(xlsx_res, csv_res):
    """Every visit of the book is a valid reception (warnings only: legacy CMND, forward without a body)."""
    for res in (xlsx_res, csv_res):
        for it in res.items:
            r = validate(it.raw, TODAY)
            assert r.ok, (it.line, r.errors)
            assert {i.key for i in r.warnings} <= {"v.id_number_legacy", "v.forwarded_to_missing"}


# ------------------------------------------------------------------------------------------------ errors


def test_two_ticks_is_an_error_naming_its_row(tmp_path):
    """Two marks under "Hướng xử lý" on one row is an import.form03_ticks error on that sheet row."""
    rows = copy.deepcopy(fx.BOOK)
    rows[11 - 1][7] = "x"  # row 11 already has its mark under "Trả lại đơn" (column I)
    res = read_file(fx.write_xlsx(tmp_path / "hai_dau.xlsx", rows), default_host=HOST)
    assert res.errors == [{"line": 11, "field": "direction", "key": "import.form03_ticks",
                           "params": {"columns": "H, I"}}]
    assert "direction" not in _by_line(res)[11]
    assert len(res.items) == 8  # the other rows are still read, so one run reports every problem


def test_no_default_host_is_one_error_on_the_header_row():
    """Without --default-host there is exactly one import.no_host error, on the header row (7)."""
    res = read_file(XLSX)
    assert res.errors == [{"line": 7, "field": "host_name", "key": "import.no_host", "params": {}}]
    assert len(res.items) == 8
    assert all("host_name" not in it.raw for it in res.items)
    blank = read_file(CSV, default_host="  ")
    assert [e["key"] for e in blank.errors] == ["import.no_host"]


def test_bad_date_is_left_for_validation():
    """A date that does not exist (31/02) is kept as written so validation names it on its row."""
    rows = copy.deepcopy(fx.book(excel=False))
    rows[12 - 1][1] = "31/02/2026"
    rec = _by_line(_read_rows(rows))[12]
    assert rec["received_at"] == "31/02/2026"
    assert [(i.field, i.key) for i in validate(rec, TODAY).errors] == [("received_at", "v.datetime_format")]


# ------------------------------------------------------------------------------------------ layout variants


def test_columns_are_found_by_heading_not_position():
    """Moved columns, a "Số CCCD" heading and an extra phone column still map to the right fields."""
    header = ["Ghi chú", "Số TT", "Thời gian tiếp", "Số CCCD", "Họ và tên, địa chỉ", "Hướng xử lý", None, None,
              "Nội dung vụ việc", "Phân loại đơn/Số người", "Số điện thoại", "Cơ quan đã giải quyết",
              "Theo dõi kết quả giải quyết"]
    sub = [None] * 5 + ["Chuyển đơn đến cơ quan có thẩm quyền", "Thụ lý để giải quyết", "Trả lại đơn và hướng dẫn"] \
        + [None] * 5
    data = ["Lần 2", 1, datetime(2026, 4, 1, 10, 0), 79200012345, "Ngô Thị Hạnh, thôn Đoài", None, None, "x",
            "Khiếu nại chậm chi trả tiền hỗ trợ", "KN - 1 người", "0912 345 678", "UBND xã", "Đang giải quyết"]
    rows = [["SỔ TIẾP CÔNG DÂN"], header, sub, data]
    assert form03.looks_like_form03(rows)
    res = _read_rows(rows)
    assert res.errors == []
    assert _by_line(res) == {4: {
        "type": "reception", "received_at": "2026-04-01T10:00", "mode": "regular", "channel": "in_person",
        "host_name": HOST, "citizen": {"name": "Ngô Thị Hạnh", "address": "thôn Đoài", "id_number": "079200012345",
                                       "phone": "0912 345 678"},
        "group_size": 1, "content": "Khiếu nại chậm chi trả tiền hỗ trợ", "category": "complaint",
        "prior_handler": "UBND xã", "direction": "guide", "result": "Đang giải quyết", "note": "Lần 2"}}
    assert validate(res.items[0].raw, TODAY).ok


def test_column_numbers_without_brackets_and_empty_rows_are_skipped():
    """A column-number row "1 … 12" (numbers) and empty rows between visits are not records."""
    rows = copy.deepcopy(fx.BOOK)
    rows[8] = list(range(1, 13))
    rows.insert(12, [None] * 12)
    res = _read_rows(rows)
    assert [it.line for it in res.items] == [10, 11, 12, 14, 15, 16, 17, 18]


@pytest.mark.parametrize("text, expected", [
    ("Khiếu nại", ("complaint", 1)),
    ("Khiếu nại/1", ("complaint", 1)),
    ("Tố cáo - 5 người", ("denunciation", 5)),
    ("KN/6", ("complaint", 6)),
    ("TC", ("denunciation", 1)),
    ("Phản ánh (đoàn 12 người)", ("reflection", 12)),
    ("Kiến nghị", ("petition", 1)),
    ("Kiến nghị, phản ánh", ("petition", 1)),
    ("KNPA", ("petition", 1)),
    ("KN-PA/3", ("petition", 3)),
    ("Đơn có nhiều nội dung", ("mixed", 1)),
    ("Khiếu nại, tố cáo", ("mixed", 1)),
    ("Khiếu nại lần 2", ("complaint", 1)),
    ("Tranh chấp đất đai", ("Tranh chấp đất đai", 1)),
])
def test_parse_category(text, expected):
    """Category labels, abbreviations and the number of people; an unknown word is kept for validation to name."""
    assert form03.parse_category(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Nguyễn Văn An\nThôn 3", ("Nguyễn Văn An", "Thôn 3")),
    ("Nguyễn Văn An - Thôn 3, xã Hòa Phú", ("Nguyễn Văn An", "Thôn 3, xã Hòa Phú")),
    ("Nguyễn Văn An – Thôn 3", ("Nguyễn Văn An", "Thôn 3")),
    ("Nguyễn Văn An, thôn 3, xã Hòa Phú", ("Nguyễn Văn An", "thôn 3, xã Hòa Phú")),
    ("Nguyễn Văn An Địa chỉ: thôn 3", ("Nguyễn Văn An", "thôn 3")),
    ("Ông Nguyễn Văn An, trú tại thôn 3", ("Nguyễn Văn An", "thôn 3")),
    ("Nguyễn Văn An", ("Nguyễn Văn An", None)),
])
def test_split_name_address(text, expected):
    """The name ends at the first separator or at an address label; no separator keeps it all as the name."""
    assert form03.split_name_address(text) == expected


@pytest.mark.parametrize("value, expected", [
    (datetime(2026, 3, 2, 8, 30), "2026-03-02T08:30"),
    ("2026-03-02", "2026-03-02T00:00"),
    ("02/03/2026", "2026-03-02T00:00"),
    ("2/3/2026 8h30", "2026-03-02T08:30"),
    ("8h30 ngày 02/03/2026", "2026-03-02T08:30"),
    ("02.03.2026 14:05", "2026-03-02T14:05"),
    (46083, "2026-03-02T00:00"),  # an Excel serial number without a date format
    ("31/02/2026", None),
    ("Ngày 31 tháng 3 năm 2026", None),
    ("NGƯỜI LẬP SỔ", None),
])
def test_parse_when(value, expected):
    """Reception dates from Excel and from text, with or without a time."""
    assert form03.parse_when(value) == expected


@pytest.mark.parametrize("value, expected", [
    (79123456789, ("079123456789", None)),
    ("79123456789", ("079123456789", None)),
    ("001085012345", ("001085012345", None)),
    (123456789, ("123456789", None)),
    ("CCCD: 001085012345", ("001085012345", None)),
    ("Hộ chiếu B1234567", ("B1234567", "passport")),
])
def test_parse_id_number(value, expected):
    """ID numbers as text with leading zeros restored; a passport is recognised by its label."""
    assert form03.parse_id_number(value) == expected


def test_a_column_the_book_does_not_have_is_noted_not_fatal(tmp_path):
    """A column of its own ("Ngày hẹn trả lời") — most kept books have one — is named in a note and the book is
    read (it raised a TypeError that stopped the whole import)."""
    rows = copy.deepcopy(fx.BOOK)
    for i, row in enumerate(rows):
        row.append("Ngày hẹn trả lời" if i == 7 - 1 else None)
    res = read_file(fx.write_xlsx(tmp_path / "cot_them.xlsx", rows), default_host=HOST)
    assert not res.errors and len(res.items) == 8
    assert {"key": "import.bad_header", "params": {"header": "Ngày hẹn trả lời"}} in res.notes


def test_a_totals_row_is_skipped_with_a_note_and_lost_zeros_come_back(tmp_path):
    """"Tổng cộng" under the book is not an entry (it gave three errors); an ID number or phone Excel stored as a
    number gets its leading zeros back (a Hà Nội CCCD 001… lost two and was refused); a person named "Cống" or
    "Tổng" is an entry like any other."""
    rows = copy.deepcopy(fx.BOOK)
    first = fx.FIRST_DATA_ROW - 1
    rows[first][3] = 1085012345  # 001085012345 as Excel keeps it in a number cell
    rows[first + 1][2] = "Cống Văn Bình - thôn Đông"
    total = [None] * len(rows[first])
    total[0], total[4], total[7] = "Tổng cộng", "8 lượt tiếp", 3
    rows.append(total)
    res = read_file(fx.write_xlsx(tmp_path / "so.xlsx", rows), default_host=HOST)
    assert not res.errors and len(res.items) == 8
    assert {"key": "import.form03_total_row", "params": {"line": len(rows)}} in res.notes
    by_line = _by_line(res)
    assert by_line[fx.FIRST_DATA_ROW]["citizen"]["id_number"] == "001085012345"
    assert by_line[fx.FIRST_DATA_ROW + 1]["citizen"]["name"] == "Cống Văn Bình"


def test_kn_follows_the_content_when_it_is_a_petition(tmp_path):
    """"KN" is "khiếu nại" in most books and "kiến nghị" in some: a "KN" row whose content is a kiến nghị (and no
    khiếu nại) is read as a petition, with a warning to check; one about a complaint stays a complaint."""
    rows = copy.deepcopy(fx.BOOK)
    first = fx.FIRST_DATA_ROW - 1
    rows[first][4], rows[first][5] = "Kiến nghị sửa đường ngõ 45 bị sụt lún", "KN/5 người"
    rows[first + 1][4], rows[first + 1][5] = "Khiếu nại việc kiến nghị không được trả lời", "KN"
    res = read_file(fx.write_xlsx(tmp_path / "kn.xlsx", rows), default_host=HOST)
    by_line = {it.line: it for it in res.items}
    petition_row = by_line[fx.FIRST_DATA_ROW]
    assert petition_row.raw["category"] == "petition" and petition_row.raw["group_size"] == 5
    assert [i.key for i in petition_row.issues] == ["import.kn_read_as_petition"]
    assert by_line[fx.FIRST_DATA_ROW + 1].raw["category"] == "complaint"


def test_messages_name_the_excel_column_of_the_cell(session):
    """An import message about a cell of the book says which column it is in, as the officer sees it in Excel."""
    from app.services.importing import import_file

    res = import_file(session, XLSX, default_host=HOST, dry_run=True)
    where = {(w["line"], w["field"]): w.get("column") for w in res.warnings}
    assert where[(17, "citizen.id_number")] == "D" and where[(14, "citizen.name")] == "C"
    assert where[(14, "result")] == "K"
