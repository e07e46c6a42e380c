"""The petition register (Sổ theo dõi đơn): rows and styles as data, then the real PDF."""

from __future__ import annotations

from datetime import date

from app.reports import petition_register as pr
from app.reports.reception_log import Cells, visible
from app.services import printing, records
from tests.app.conftest import citizen, denunciation, petition
from tests.app.test_reception_log import pdffonts, pdftotext

OPTS = {"date_from": "2026-11-01", "date_to": "2026-11-30"}
TODAY = date(2026, 11, 23)


def test_columns_and_style_as_data():
    """Ten columns over the page width, two header rows, our font everywhere."""
    assert [t for t, _w in pr.COLUMNS] == ["STT", "Ngày nhận đơn", "Người gửi đơn", "Địa chỉ", "Phân loại đơn",
                                           "Nội dung đơn", "Hướng xử lý", "Hạn giải quyết", "Trạng thái",
                                           "Kết quả giải quyết"]
    from app.reports.reception_log import WIDTH
    assert abs(sum(pr.col_widths()) - WIDTH) < 0.5
    cmds = pr.table_style()
    assert ("FONTNAME", (0, 0), (-1, -1), "BeVietnamPro") in cmds
    assert len(pr.header_rows(Cells())) == pr.HEADER_ROWS == 2


def test_row_cells_as_data():
    """A row shows the date dd/mm/yyyy, the case number, the petitioner, labels, the due date and overdue."""
    rec = petition(case_no="00004-2026-5", direction="forward", forwarded_to="UBND thành phố",
                   petitioners=[citizen("Đặng Văn Đức", "001068012345", address="Thôn Đông")])
    cells = pr.body_cells(rec, "2026-11-20", TODAY)
    assert cells[0].startswith("16/11/2026") and "00004-2026-5" in cells[0]
    assert "Đặng Văn Đức" in cells[1] and cells[2] == "Thôn Đông"
    assert cells[3] == "Khiếu nại"
    assert cells[5].startswith("Chuyển đơn đến cơ quan có thẩm quyền: UBND thành phố")
    assert cells[6] == "20/11/2026" and "Quá hạn" in cells[7]
    assert "001068012345" not in "".join(cells)  # the register never prints ID numbers


def test_anonymous_petition_says_so():
    """An anonymous petition shows "Nặc danh" instead of a name."""
    cells = pr.body_cells(petition(anonymous=True, petitioners=None), None, TODAY)
    assert "Nặc danh" in cells[1] and cells[2] == ""


def test_denouncer_is_left_out_by_default(leader, tmp_path):
    """A denouncer's name and ID number are absent from the register unless explicitly included (then MẬT)."""
    records.save(leader, denunciation(received_on="2026-11-10"))
    records.save(leader, petition(received_on="2026-11-12",
                                  petitioners=[citizen("Ưng Hoàng Phúc", "001085054321", address="Tổ 3")]))
    rec = visible(leader, denunciation(), False)
    assert "Lê Văn Tố" not in "".join(pr.body_cells(rec, None, TODAY))
    out = tmp_path / "don.pdf"
    res = printing.print_document(leader, "petition-register", out, OPTS)
    assert res["entries"] == 2
    text = pdftotext(out)
    assert "Lê Văn Tố" not in text and "079088001234" not in text and "[Bảo mật]" in text
    assert "Ưng Hoàng Phúc" in text and "SỔ THEO DÕI ĐƠN" in text and "PHƯỜNG BA ĐÌNH" in text
    assert "10/11/2026" in text and "Trang 1/1" in text
    shown = tmp_path / "mat.pdf"
    printing.print_document(leader, "petition-register", shown, OPTS, include_confidential=True)
    assert "Lê Văn Tố" in pdftotext(shown) and "MẬT" in pdftotext(shown).replace("[Bảo mật]", "")


def test_register_pdf_fonts_and_invariance(leader, tmp_path):
    """Fonts embedded, no Helvetica; two invariant builds are byte-identical."""
    for i in range(30):
        records.save(leader, petition(received_on=f"2026-11-{1 + i % 20:02d}", content=f"Kiến nghị số {i} " * 8))
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    res = printing.print_document(leader, "petition-register", a, OPTS, invariant=True)
    printing.print_document(leader, "petition-register", b, OPTS, invariant=True)
    assert a.read_bytes() == b.read_bytes()
    assert res["entries"] == 30 and res["pages"] >= 2
    for n in range(1, res["pages"] + 1):
        assert "Người gửi đơn" in pdftotext(a, n)
    for f in pdffonts(a):
        assert "Helvetica" not in f[0] and f[-5] == "yes"


def test_a_finished_petition_keeps_its_deadline_and_a_late_resolution_shows(session, tmp_path):
    """Once done, a petition has no pending due date, yet the register still shows its resolution deadline, and
    "Giải quyết quá hạn" when it was resolved after it (the column was empty)."""
    from app.domain.deadlines import petition_deadlines

    late = petition(received_on="2026-05-04", direction="accept", eligible=True, accepted_on="2026-05-08",
                    status="resolved", resolved_on="2026-09-30", outcome="correct", content="Giải quyết muộn")
    in_time = dict(late, resolved_on="2026-05-20", content="Giải quyết đúng hạn")
    for p in (late, in_time):
        records.save(session, p)
    due = max(petition_deadlines(late, session.calendar(), session.rules()), key=lambda d: d.due_on).due_on
    out = tmp_path / "so.pdf"
    printing.print_document(session, "petition-register", out, {})
    text = " ".join(pdftotext(out).split())
    assert text.count(due.strftime("%d/%m/%Y")) >= 2  # both rows show the deadline
    assert text.count("Giải quyết quá hạn") == 1
    finished_due, was_late = pr.finished_deadline(late, session.calendar(), session.rules())
    assert finished_due == due.isoformat() and was_late
    assert pr.finished_deadline(in_time, session.calendar(), session.rules()) == (due.isoformat(), False)
