"""The reception book (Sổ tiếp công dân, Form 03 of TT 04/2021): rows and styles as data, then the real PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.reports import reception_log as rl
from app.services import printing, records
from app.services.records import Incoming, apply_records
from tests.app.conftest import citizen, reception
from tests.app.test_cli import run

FROM, TO = "2026-10-01", "2026-10-31"


def pdftotext(path: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if page:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(args + [str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdffonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def _october(session, n: int = 24) -> list[str]:
    """n receptions on October working days (two per day), plus some outside the period and one deleted."""
    items = []
    for i in range(n):
        day = 1 + (i // 2) % 28
        items.append(reception(received_at=f"2026-10-{day:02d}T{8 + i % 2:02d}:{(i * 7) % 60:02d}",
                               citizen=citizen(f"Nguyễn Văn Khách {i}", f"0010890{i:05d}",
                                               address=f"Tổ dân phố số {i % 9 + 1}"),
                               content=f"Phản ánh việc số {i}: đường ngõ ngập nước sau mưa, đề nghị nạo vét "
                                       "cống thoát nước chung của tổ dân phố " * 2,
                               direction=("accept", "guide", "forward")[i % 3],
                               forwarded_to="Công an phường" if i % 3 == 2 else None,
                               result="Đã hướng dẫn công dân gửi đơn đến cơ quan có thẩm quyền." if i % 2 else None))
    items.append(reception(received_at="2026-09-30T16:00", citizen=citizen("Trước Kỳ Một")))
    items.append(reception(received_at="2026-11-01T08:00", citizen=citizen("Sau Kỳ Một")))
    res = apply_records(session, [Incoming(k + 1, r) for k, r in enumerate(items)])
    assert not res.errors
    gone = records.save(session, reception(received_at="2026-10-15T10:00", citizen=citizen("Đã Xóa Bỏ")))
    records.delete(session, "reception", gone)
    return [s.record["case_no"] for s in _stored(session)]


def _stored(session):
    from app.storage.printing_queries import records_in_period
    return records_in_period(session.db, "reception", FROM, TO)


@pytest.fixture
def book(leader, tmp_path):
    """A leader's session with an October of receptions, among them the two acceptance names and a denouncer."""
    records.save(leader, reception(received_at="2026-10-05T09:00",
                                   citizen=citizen("Đặng Văn Đức", "001068012345", address="Thôn Đông")))
    records.save(leader, reception(received_at="2026-10-05T09:30", group_size=12, citizen=None,
                                   representatives=[citizen("Ưng Hoàng Phúc", "001085054321"),
                                                    citizen("Lý Thị Mai", None)],
                                   content="Đoàn hộ dân phản ánh bồi thường giải phóng mặt bằng",
                                   category="reflection", direction="forward", forwarded_to="UBND thành phố"))
    records.save(leader, reception(received_at="2026-10-06T10:00", category="denunciation",
                                   citizen=citizen("Lê Văn Tố", "079088001234", address="Số 9 phố Kín"),
                                   content="Tố cáo cán bộ địa chính nhận tiền"))
    return leader


# -- as data ----------------------------------------------------------------------------------------------

def test_header_merges_direction_over_three_tick_columns():
    """"Hướng xử lý" is one heading spanning the three tick columns; the other titles span both header rows."""
    cmds = rl.table_style()
    spans = [c[1:3] for c in cmds if c[0] == "SPAN"]
    assert ((7, 0), (9, 0)) in spans
    for i in (0, 1, 2, 3, 4, 5, 6, 10, 11):
        assert ((i, 0), (i, 1)) in spans
    assert not any(a[0] in (7, 8, 9) and b[1] == 1 for a, b in spans)
    assert ("FONTNAME", (0, 0), (-1, -1), "BeVietnamPro") in cmds
    rows = rl.header_rows(rl.Cells())
    texts = [[getattr(c, "text", c) for c in row] for row in rows]
    assert "Hướng xử lý" in texts[0][7] and texts[0][8] == texts[0][9] == ""
    assert texts[1][7:10] == ["Thụ lý để giải quyết", "Trả lại đơn và hướng dẫn",
                              "Chuyển đơn đến cơ quan, tổ chức có thẩm quyền"]
    assert texts[2] == [f"({i})" for i in range(1, 13)]
    assert len(rl.COLUMNS) == 12 and abs(sum(rl.col_widths()) - rl.WIDTH) < 0.5


def test_column_titles_are_read_back_by_the_form03_importer():
    """The printed header is the one app/io/form03.py recognises as the reception book."""
    from app.io.form03 import looks_like_form03
    rows = [[getattr(c, "text", c) for c in row] for row in rl.header_rows(rl.Cells())]
    rows[0][7] = "Hướng xử lý"
    assert looks_like_form03(rows)


def test_row_ticks_the_direction_and_counts_a_group():
    """The direction is an "x" in its own column; a group shows "Đoàn N người" and its representatives."""
    rec = reception(group_size=12, citizen=None, direction="forward", forwarded_to="UBND thành phố",
                    representatives=[citizen("Ưng Hoàng Phúc", "001085054321"), citizen("Lý Thị Mai", None)])
    cells = rl.body_cells(rec)
    assert cells[6:9] == ["", "", "x"]
    assert "Đoàn 12 người" in cells[4]
    assert "Ưng Hoàng Phúc" in cells[1] and "Lý Thị Mai" in cells[1]
    assert "001085054321" in cells[2]
    assert cells[0].startswith("20/11/2026")
    row = rl.body_row(rl.Cells(), 7, rec, "00004-2026-7")
    assert row[0] == "7" and row[7:10] == ["", "", "x"]
    assert all(isinstance(c, rl.TextCell) for i, c in enumerate(row) if c and i not in (0, 7, 8, 9))


def test_the_follow_up_column_says_when_the_citizen_was_answered():
    """Column 11 ("Theo dõi kết quả giải quyết") carries the reply owed after the reception (Art. 28)."""
    rec = reception(direction="forward", forwarded_to="UBND thành phố", result="Đã có văn bản chuyển",
                    notified_on="2026-11-25")
    cells = rl.body_cells(rec)
    assert cells[9] == ("Chuyển đến: UBND thành phố<br/>Đã có văn bản chuyển<br/>"
                        "Đã trả lời công dân ngày 25/11/2026")
    assert "Đã trả lời" not in rl.body_cells(reception(result="Đã giải thích"))[9]


def test_the_follow_up_column_follows_the_petitions_made_from_the_reception(leader, tmp_path):
    """Once a petition is made from a reception, column 11 says how it stands — its dates when it has them, else
    its status — in the printed book, not only what was typed at the desk."""
    rid = records.save(leader, reception(received_at="2026-10-05T08:30", direction="accept",
                                         result="Tiếp nhận đơn"))
    done = records.save(leader, {**records.petition_from_reception(leader, rid), "accepted_on": "2026-10-08",
                                 "resolved_on": "2026-11-05", "answered_on": "2026-11-06", "status": "answered"})
    fresh = records.save(leader, {**records.petition_from_reception(leader, rid), "content": "Việc thứ hai"})
    numbers = [records.get(leader, "petition", i)["case_no"] for i in (done, fresh)]
    out = tmp_path / "so.pdf"
    printing.print_document(leader, "reception-log", out, {"date_from": FROM, "date_to": TO})
    text = " ".join(pdftotext(out).split())
    assert (f"Đơn {numbers[0]}: đã thụ lý ngày 08/10/2026; đã giải quyết ngày 05/11/2026; đã trả lời công dân "
            f"ngày 06/11/2026") in text
    assert f"Đơn {numbers[1]}: mới tiếp nhận" in text and "Tiếp nhận đơn" in text


def test_text_cells_wrap_at_their_column_in_the_right_faces():
    """Every text cell wraps at its column width; a name in <b> is one run in the bold face, "&amp;" reads "&",
    <br/> starts a line, and an ID number (splitLongWords=0) is never cut while other long words are."""
    c = rl.Cells()
    cell = c.p("Đại diện: <b>Ưng Hoàng Phúc</b><br/>Tổ 3 &amp; Tổ 4 " + "phường Ba Đình " * 6)
    lines = cell.lines(30 * rl.mm)
    assert len(lines) >= 4 and all(w <= 30 * rl.mm + 0.01 for w, _segs in lines)
    runs = [seg for _w, segs in lines for seg in segs]
    bold_text = " ".join(t.strip() for t, fk in runs if fk[0] == "BeVietnamPro-Bold")
    assert bold_text == "Ưng Hoàng Phúc"
    wide = c.p("Đại diện: <b>Ưng Hoàng Phúc</b>").lines(60 * rl.mm)
    assert len(wide) == 1 and wide[0][1][-1][0].strip() == "Ưng Hoàng Phúc"
    assert any(t.startswith("Tổ 3 & Tổ 4") for t, _fk in runs)
    assert all(fk[0] == "BeVietnamPro" for t, fk in runs if "Tổ" in t)
    whole = c.p("001068012345001068012345", c.whole).lines(10 * rl.mm)
    assert len(whole) == 1 and whole[0][1][0][0] == "001068012345001068012345"
    cut = c.p("001068012345001068012345").lines(10 * rl.mm)
    assert len(cut) > 1 and "".join(t for _w, segs in cut for t, _fk in segs) == "001068012345001068012345"


def test_closing_punctuation_never_starts_a_line_alone():
    """A long word cut at the column's edge: its closing bracket or full stop hangs at the end of the line rather
    than sit alone on the next one ("UBND huyện (cũ, trước 01/07/2025" then ")")."""
    c = rl.Cells()
    font, size = "BeVietnamPro", c.st.cell.fontSize
    fits = rl._width("01/07/2025", font, size)
    for text in ("(trước 01/07/2025)", "ngày 01/07/2025.", "01/07/2025),"):
        lines = c.p(text).lines(fits)
        texts = ["".join(t for t, _fk in segs).strip() for _w, segs in lines]
        assert not any(t and all(ch in ").,;:" for ch in t) for t in texts), (text, texts)
        assert "".join(texts).replace(" ", "") == text.replace(" ", "")


def test_style_commands_drive_the_drawn_table():
    """The drawn grid follows table_style(): the header boxes are its spans, ticks centred in the middle, STT
    centred, cells in 8 pt, 0.4 pt black lines."""
    lay = rl._Layout(rl.header_rows(rl.Cells()), rl.col_widths(), rl.table_style())
    boxes = [b for b, _st, _cell in lay.header]
    assert (7, 0, 9, 0) in boxes and (0, 0, 0, 1) in boxes and (7, 1, 7, 1) in boxes
    assert not any(b[:2] == (8, 0) or b[:2] == (0, 1) for b in boxes)
    assert [b for b in boxes if b[1] == 2] == [(i, 2, i, 2) for i in range(12)]
    body = lay.body_styles
    assert body[0].align == "CENTER" and all(body[i].align == "CENTER" and body[i].valign == "MIDDLE"
                                             for i in rl.TICK_COLS)
    assert body[4].valign == "TOP" and body[4].fontsize == 8 and body[4].fontname == "BeVietnamPro"
    assert lay.line_width == 0.4 and lay.line_color == rl.colors.black
    assert all(st.background is not None for _b, st, _c in lay.header)
    assert lay.header_heights[0] > 0 and lay.header_heights[1] > lay.header_heights[0]


def test_book_table_measures_each_row_once_and_fills_pages():
    """Each row is made once; a page takes the rows whose heights fit; a row taller than a page continues."""
    c = rl.Cells()
    made = []

    def make_row(i):
        made.append(i)
        content = "Nội dung rất dài " * (400 if i == 5 else 3)
        return [str(i + 1), c.p("01/10/2026"), c.p(f"<b>Khách {i}</b>"), "", c.p(content), "", "", "x", "", "",
                "", ""]

    table = rl.BookTable(rl.header_rows(c), 12, make_row, rl.col_widths(), rl.table_style(),
                         page_height=rl.FRAME_HEIGHT)
    pages, part = [], table
    while True:
        _w, h = part.wrap(rl.WIDTH, rl.FRAME_HEIGHT)
        if h <= rl.FRAME_HEIGHT:
            pages.append(part._rows)
            break
        split = part.split(rl.WIDTH, rl.FRAME_HEIGHT)
        assert len(split) == 2 and split[0].height <= rl.FRAME_HEIGHT
        pages.append(split[0].rows)
        part = split[1]
    assert sorted(made) == list(range(12))
    assert len(pages) >= 3 and sum(len(p) for p in pages) > 12  # row 6 printed over more than one page


def test_denouncer_is_masked_unless_included(leader):
    """A denouncer's name, ID number and address are "[Bảo mật]" unless the print includes them."""
    rec = reception(category="denunciation", citizen=citizen("Lê Văn Tố", "079088001234", address="Phố Kín"))
    hidden = rl.body_cells(rl.visible(leader, rec, False))
    assert "Lê Văn Tố" not in hidden[1] and "[Bảo mật]" in hidden[1] and "079088001234" not in hidden[2]
    assert "Phố Kín" not in hidden[1]
    shown = rl.body_cells(rl.visible(leader, rec, True))
    assert "Lê Văn Tố" in shown[1] and "079088001234" in shown[2]


# -- the PDF ----------------------------------------------------------------------------------------------

def test_book_lists_every_reception_of_the_period(book, tmp_path):
    """pdftotext shows the unit, every case number of the period, the names exactly; entries = receptions."""
    cases = _october(book)
    out = tmp_path / "so.pdf"
    res = printing.print_document(book, "reception-log", out, {"date_from": FROM, "date_to": TO})
    assert res["entries"] == len(cases) == 24 + 3
    text = pdftotext(out)
    assert "PHƯỜNG BA ĐÌNH" in text and "Phường Ba Đình" in text
    assert "SỔ TIẾP CÔNG DÂN" in text and "Từ ngày 01/10/2026 đến ngày 31/10/2026" in text
    for case in cases:
        assert case in text
    assert "Đặng Văn Đức" in text and "Ưng Hoàng Phúc" in text and "Đoàn 12 người" in text
    assert "Trước Kỳ Một" not in text and "Sau Kỳ Một" not in text and "Đã Xóa Bỏ" not in text
    assert "Lê Văn Tố" not in text and "079088001234" not in text and "[Bảo mật]" in text
    assert "MẬT\n" not in text.replace("[Bảo mật]", "")
    assert "NGƯỜI LẬP SỔ" in text and "Ba Đình, ngày 23 tháng 11 năm 2026" in text


def test_book_is_ordered_by_time_then_case_number(book):
    """Rows follow the reception date and time, then the case number."""
    _october(book)
    stored = _stored(book)
    keys = [s.record["received_at"] for s in stored]
    assert keys == sorted(keys)


def test_header_and_page_number_on_every_page(book, tmp_path):
    """Each page repeats the column header and says "Trang x/y"; the signature is on the last page only."""
    _october(book)
    out = tmp_path / "so.pdf"
    res = printing.print_document(book, "reception-log", out, {"date_from": FROM, "date_to": TO})
    pages = res["pages"]
    assert pages >= 3
    for n in range(1, pages + 1):
        page = " ".join(pdftotext(out, n).split())  # wrapped titles read as one line
        assert "Hướng xử lý" in page and "Họ tên - Địa chỉ" in page and "Thụ lý để giải quyết" in page
        assert f"Trang {n}/{pages}" in page
        assert ("THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ" in page) == (n == pages)


def test_fonts_are_embedded_and_never_helvetica(book, tmp_path):
    """pdffonts lists only embedded fonts, none of them Helvetica."""
    out = tmp_path / "so.pdf"
    printing.print_document(book, "reception-log", out, {"date_from": FROM, "date_to": TO})
    fonts = pdffonts(out)
    assert fonts
    for f in fonts:
        assert "Helvetica" not in f[0]
        assert f[-5] == "yes", f  # emb


def test_confidential_print_shows_the_denouncer_and_marks_every_page(book, tmp_path):
    """With the identity included, the denouncer's name prints and every page bears "MẬT"."""
    _october(book)
    out = tmp_path / "mat.pdf"
    res = printing.print_document(book, "reception-log", out, {"date_from": FROM, "date_to": TO},
                                  include_confidential=True)
    assert "Lê Văn Tố" in pdftotext(out) and "079088001234" in pdftotext(out)
    for n in range(1, res["pages"] + 1):
        assert "MẬT" in pdftotext(out, n).replace("[Bảo mật]", "")


def test_invariant_builds_are_byte_identical(book, tmp_path):
    """Two builds in invariant mode give the same bytes."""
    opts = {"date_from": FROM, "date_to": TO}
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    printing.print_document(book, "reception-log", a, opts, invariant=True)
    printing.print_document(book, "reception-log", b, opts, invariant=True)
    assert a.read_bytes() == b.read_bytes()


def test_empty_period_still_prints_the_book(book, tmp_path):
    """A period with no reception gives a one-page book with the header, a sentence and 0 entries."""
    out = tmp_path / "empty.pdf"
    res = printing.print_document(book, "reception-log", out, {"date_from": "2025-01-01", "date_to": "2025-01-31"})
    assert res["entries"] == 0 and res["pages"] == 1
    assert "Không có lượt tiếp công dân nào" in pdftotext(out)


def test_cli_prints_the_book(tmp_path):
    """`danvan print reception-log --from --to --out x.pdf --json` returns file, pages and entries."""
    db = tmp_path / "t.db"
    assert run(["--db", str(db), "--json", "init", "--unit-code", "4", "--admin", "admin"], tmp_path)[0] == 0
    src = tmp_path / "r.ndjson"
    import json
    lines = [reception(received_at="2026-10-02T08:00", citizen=citizen("Đặng Văn Đức", "001068012345")),
             reception(received_at="2026-10-03T08:00", citizen=citizen("Ưng Hoàng Phúc", "001085054321")),
             reception(received_at="2026-11-03T08:00")]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in lines), encoding="utf-8")
    rc, _data, proc = run(["--db", str(db), "--json", "import", str(src), "--default-host", "Nguyễn Văn An"],
                          tmp_path)
    assert rc == 0, proc.stderr
    out = tmp_path / "x.pdf"
    rc, data, proc = run(["--db", str(db), "--json", "print", "reception-log", "--from", FROM, "--to", TO,
                          "--out", str(out)], tmp_path)
    assert rc == 0, proc.stderr
    assert set(data) == {"file", "pages", "entries"}
    assert data["entries"] == 2 and data["pages"] == 1 and Path(data["file"]) == out
    text = pdftotext(out)
    assert "Đặng Văn Đức" in text and "Ưng Hoàng Phúc" in text
