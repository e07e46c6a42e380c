"""The sheet of one record: every field under its Vietnamese label, masked per the rules, a petition's deadlines."""

from __future__ import annotations

from app.domain.records import SPECS
from app.reports import record_sheet as rs
from app.reports.fonts import UI_FONT, bold
from app.services import records
from app.services.printing import print_document
from tests.app.conftest import citizen, denunciation, petition, reception
from tests.app.test_models_register import pdf_fonts, pdf_text


def test_rows_label_every_field_with_enum_labels_and_dates():
    """Every field of the spec has its label; enums by label, dates dd/mm/yyyy, booleans Có/Không, people as sections."""
    r = reception(citizen=citizen("Đặng Văn Đức", address="Ngõ Ưng", id_type="cccd"), mode="scheduled",
                  direction="guide", group_size=3, representatives=[citizen("Ưng Thị Hoa", None)], no_show=False)
    rows = rs.sheet_rows(r)
    labels = [x.label for x in rows]
    for f in SPECS["reception"]:
        if f.kind not in ("citizen", "citizens"):
            assert f.label_vi in labels, f.label_vi
    values = {x.label: x.value for x in rows if x.kind == "field"}
    assert values["Ngày tiếp"] == "20/11/2026 08:30"
    assert values["Hình thức tiếp"] == "Tiếp định kỳ (của lãnh đạo)"
    assert values["Hướng xử lý"] == "Trả lại đơn và hướng dẫn"
    assert values["Phân loại đơn"] == "Khiếu nại" and values["Không có công dân đến"] == "Không"
    assert values["Số người"] == "3"
    sections = [x.label for x in rows if x.kind == "section"]
    assert sections == ["Công dân", "Người đại diện"]
    assert ("field", "Họ và tên", "Ưng Thị Hoa") in [(x.kind, x.label, x.value) for x in rows]
    ext = rs.sheet_rows(petition(extensions=[{"days": 15, "reason": "Phức tạp", "decided_on": "2026-12-01"}]))
    assert rs.Row("field", "Lần 1", "Số ngày gia hạn: 15; Lý do gia hạn: Phức tạp; Ngày quyết định gia hạn: "
                  "01/12/2026") in ext
    assert rs.Row("field", "Người được ủy quyền", "(không có)") in ext


def test_style_spans_sections_in_bold():
    """Section rows span both columns in bold; the whole table is in Be Vietnam Pro."""
    rows = rs.sheet_rows(reception())
    cmds = rs.sheet_style(rows)
    assert ("FONTNAME", (0, 0), (-1, -1), UI_FONT) in cmds
    i = next(i for i, r in enumerate(rows) if r.kind == "section")
    assert ("SPAN", (0, i), (-1, i)) in cmds and ("FONTNAME", (0, i), (-1, i), bold(UI_FONT)) in cmds


def test_deadline_rows():
    """Deadlines: label, due and met dates dd/mm/yyyy, the state in words, the legal basis."""
    rows = rs.deadline_rows([
        {"label": "Hạn thụ lý", "due_on": "2026-11-26", "met_on": None, "overdue": False, "working_days_left": 3,
         "article": "Điều 27"},
        {"label": "Hạn giải quyết", "due_on": "2026-10-01", "met_on": None, "overdue": True,
         "working_days_left": -5, "article": ""},
        {"label": "Hạn thông báo", "due_on": "2026-11-20", "met_on": "2026-11-19", "overdue": False,
         "working_days_left": None, "article": ""},
        {"label": "Hạn giải quyết", "due_on": "2026-10-15", "met_on": "2026-10-20", "overdue": False,
         "working_days_left": None, "article": "", "met_late": True, "late_days": 5, "unit": "calendar"},
        {"label": "Hạn trả lời", "due_on": "2026-10-15", "met_on": "2026-10-20", "overdue": False,
         "working_days_left": None, "article": "", "met_late": True, "late_days": 3, "unit": "working"}])
    assert rows[0] == ("Thời hạn", "Hạn", "Đã thực hiện", "Tình trạng", "Căn cứ")
    assert rows[1] == ("Hạn thụ lý", "26/11/2026", "", "Còn 3 ngày làm việc", "Điều 27")
    assert rows[2][3] == "Quá hạn" and rows[3][2:4] == ("19/11/2026", "Đã thực hiện đúng hạn")
    assert rows[4][2:4] == ("20/10/2026", "Thực hiện trễ 5 ngày")  # never "done" alone when late; in the rule's count
    assert rows[5][3] == "Thực hiện trễ 3 ngày làm việc"


def test_petition_sheet_pdf(session, tmp_path):
    """A petition's sheet: title, names exact, deadlines with due dates; fonts embedded, no Helvetica; invariant."""
    pid = records.save(session, petition(petitioners=[citizen("Đặng Văn Đức", address="Ngõ Ưng")]))
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    res = print_document(session, "record-sheet", a, {"id": pid}, invariant=True)
    print_document(session, "record-sheet", b, {"id": pid}, invariant=True)
    assert res["entries"] == 1 and res["type"] == "petition"
    assert a.read_bytes() == b.read_bytes()
    text = pdf_text(a)
    for s in ("PHIẾU THEO DÕI ĐƠN", "Đặng Văn Đức", "Ngõ Ưng", "Người gửi đơn", "Ngày nhận đơn", "16/11/2026",
              "THỜI HẠN XỬ LÝ, GIẢI QUYẾT", "Mới tiếp nhận"):
        assert s in text, s
    fonts = pdf_fonts(a)
    assert fonts and all(f[-5] == "yes" for f in fonts)
    assert not any("Helvetica" in f[0] for f in fonts)


def test_denouncer_hidden_by_default_shown_with_the_right(leader, tmp_path):
    """A denouncer's name and ID number are absent from the sheet by default; with the right, present and MẬT."""
    pid = records.save(leader, denunciation())
    out = tmp_path / "d.pdf"
    print_document(leader, "record-sheet", out, {"id": pid})
    text = pdf_text(out)
    assert "Lê Văn Tố" not in text and "079088001234" not in text and "[Bảo mật]" in text
    assert "MẬT" not in text.replace("Bảo mật", "")
    print_document(leader, "record-sheet", out, {"id": pid}, include_confidential=True)
    text = pdf_text(out)
    assert "Lê Văn Tố" in text and "079088001234" in text and "MẬT" in text


def test_reception_sheet_and_viewer_masking(session, viewer, tmp_path):
    """A reception's sheet is "PHIẾU TIẾP CÔNG DÂN"; a viewer sees the ID number masked."""
    rid = records.save(session, reception(citizen=citizen("Đặng Văn Đức", "001234567890")))
    out = tmp_path / "r.pdf"
    res = print_document(session, "record-sheet", out, {"id": rid})
    assert res["type"] == "reception"
    text = pdf_text(out)
    assert "PHIẾU TIẾP CÔNG DÂN" in text and "001234567890" in text and "NGƯỜI TIẾP CÔNG DÂN" in text
    print_document(viewer, "record-sheet", out, {"id": rid})
    text = pdf_text(out)
    assert "Đặng Văn Đức" in text and "001234567890" not in text and "890" in text


def test_a_sheet_never_leaves_its_signatures_alone_on_a_page(session, tmp_path):
    """However long the content, a reception sheet that runs onto a second page carries its last rows there with
    the signatures (some lengths left the signatures alone on page 2); it is dated the day the citizens came."""
    reps = [citizen(f"Người đại diện số {i}", f"0012345678{i:02d}", address=f"Tổ dân phố số {i}, phường Ba Đình")
            for i in range(1, 6)]
    out = tmp_path / "r.pdf"
    two_pages = 0
    for n in range(1, 30):
        rid = records.save(session, reception(citizen=None, group_size=40, representatives=reps,
                                              received_at="2026-11-20T08:30",
                                              content="Phản ánh việc thu phí vệ sinh môi trường. " * n))
        if print_document(session, "record-sheet", out, {"id": rid})["pages"] < 2:
            continue
        two_pages += 1
        last = pdf_text(out).split("\f")[-2]  # (the text ends with a form feed)
        assert "CÔNG DÂN" in last and "Ghi chú" in last, n
        assert "ngày 20 tháng 11 năm 2026" in last
    assert two_pages > 5


def test_a_petition_sheet_keeps_its_deadlines_with_its_signatures(session, tmp_path):
    """A petition's follow-up sheet that runs onto a second page carries the deadline table there with the
    signatures (the signatures were left alone on page 2)."""
    out = tmp_path / "p.pdf"
    two_pages = 0
    for n in range(1, 16):
        pid = records.save(session, petition(direction="accept", eligible=True, accepted_on="2026-11-18",
                                             content="Khiếu nại quyết định thu hồi đất nông nghiệp. " * n))
        if print_document(session, "record-sheet", out, {"id": pid})["pages"] < 2:
            continue
        two_pages += 1
        last = pdf_text(out).split("\f")[-2]
        assert "NGƯỜI LẬP PHIẾU" in last and "THỜI HẠN XỬ LÝ, GIẢI QUYẾT" in last, n
    assert two_pages > 3


def test_a_reception_sheet_says_how_the_reply_to_the_citizen_stands(db_path, tmp_path):
    """The reply owed after a reception (10 working days): its row on the sheet, late or running; none when a
    petition made from it carries the notice."""
    from datetime import datetime

    from app.clock import Clock
    from app.services.session import Session
    from tests.app.conftest import PASSWORD

    # replies are followed for receptions from 07/12/2026 (or the file's creation): a later day
    session = Session.open(db_path, "admin", PASSWORD, clock=Clock(datetime(2027, 1, 20, 9, 0)))
    late = records.save(session, reception(received_at="2027-01-04T08:30", direction="accept",
                                           notified_on="2027-01-19"))
    out = tmp_path / "late.pdf"
    print_document(session, "record-sheet", out, {"id": late})
    text = " ".join(pdf_text(out).split())
    assert "THỜI HẠN TRẢ LỜI CÔNG DÂN" in text and "Thực hiện trễ 1" in text and "19/01/2027" in text
    rid = records.save(session, reception(received_at="2027-01-18T08:00", direction="accept"))
    out = tmp_path / "r.pdf"
    print_document(session, "record-sheet", out, {"id": rid})
    text = " ".join(pdf_text(out).split())
    assert "THỜI HẠN TRẢ LỜI CÔNG DÂN" in text and "Còn " in text
    records.save(session, petition(received_on="2027-01-18", reception_id=rid))
    print_document(session, "record-sheet", out, {"id": rid})
    assert "THỜI HẠN TRẢ LỜI CÔNG DÂN" not in pdf_text(out)
    session.close()
