"""The notice to the citizen: the letter as data per kind, Decree-30 layout in Tinos, a denouncer only with the right."""

from __future__ import annotations

import pytest

from app.errors import DanvanError
from app.reports import notice
from app.services import records
from app.services.printing import print_document
from tests.app.conftest import citizen, denunciation, petition
from tests.app.test_models_register import pdf_fonts, pdf_text


def test_default_kind_follows_direction_and_eligibility():
    """forward → forwarded, guide → guidance, not eligible or filed → not_accepted, otherwise accepted."""
    assert notice.default_kind(petition(direction="forward")) == "forwarded"
    assert notice.default_kind(petition(direction="guide")) == "guidance"
    assert notice.default_kind(petition(eligible=False)) == "not_accepted"
    assert notice.default_kind(petition(direction="file")) == "not_accepted"
    assert notice.default_kind(petition(direction="accept", eligible=True)) == "accepted"


def test_letter_text_per_kind():
    """Subject, addressee, body (received date, content, case number) and recipients for each kind."""
    p = petition(petitioners=[citizen("Đặng Văn Đức", address="Số 5 ngõ Ưng")], case_no="00004-2026-7",
                 accepted_on="2026-11-18", ineligible_reason="Đơn đã được giải quyết đúng pháp luật",
                 forwarded_to="Ủy ban nhân dân Thành phố Hà Nội")
    acc = notice.letter(p, "Phường Ba Đình", "accepted")
    assert acc.subject == "Về việc thụ lý giải quyết khiếu nại"
    assert acc.number_line == "Số: ……/TB-UBND" and acc.place_date == "Ba Đình, ngày …… tháng …… năm ……"
    assert acc.addressee == "Kính gửi: Ông/Bà Đặng Văn Đức, địa chỉ: Số 5 ngõ Ưng."
    assert acc.body[0].startswith("Ngày 16/11/2026, Ủy ban nhân dân phường Ba Đình nhận được đơn khiếu nại của "
                                  "Ông/Bà Đặng Văn Đức")
    assert "(số hồ sơ 00004-2026-7)" in acc.body[0] and "Khiếu nại quyết định thu hồi đất" in acc.body[0]
    assert "kể từ ngày 18/11/2026" in acc.body[-1]
    assert acc.recipients == ("- Như trên;", "- Lưu: VT, hồ sơ.")
    no = notice.letter(p, "Phường Ba Đình", "not_accepted")
    assert no.subject == "Về việc không thụ lý giải quyết khiếu nại"
    assert "Lý do: Đơn đã được giải quyết đúng pháp luật." in no.body[1]
    guide = notice.letter(p, "Phường Ba Đình", "guidance")
    assert guide.subject == "Về việc hướng dẫn gửi đơn khiếu nại đến cơ quan có thẩm quyền"
    assert "gửi đơn đến Ủy ban nhân dân Thành phố Hà Nội" in guide.body[1]
    fwd = notice.letter(p, "Phường Ba Đình", "forwarded")
    assert fwd.subject == "Về việc chuyển đơn khiếu nại đến Ủy ban nhân dân Thành phố Hà Nội"
    assert fwd.recipients == ("- Như trên;", "- Ủy ban nhân dân Thành phố Hà Nội;", "- Lưu: VT, hồ sơ.")
    assert notice.letter(petition(category="denunciation"), "Xã Tân Phú", "accepted").subject == \
        "Về việc thụ lý tố cáo"
    assert notice.letter(petition(), "Phường 1").place_date.startswith("Phường 1, ngày")


def test_a_letter_returned_for_falling_short_says_why_and_what_to_do():
    """Not eligible and returned with guidance (no signature, no address …): the notice gives the recorded reason
    and asks for the letter to be completed — never "outside our competence"; "not accepted" fits as well."""
    from app.domain.notices import fitting_kinds

    p = petition(category="reflection", eligible=False, direction="guide",
                 ineligible_reason="Đơn không ghi địa chỉ, không có chữ ký")
    assert fitting_kinds(p)[0] == ("guidance", "not_accepted")
    guide = notice.letter(p, "Phường Ba Đình", "guidance")
    assert guide.subject == "Về việc trả lại đơn phản ánh và hướng dẫn"
    assert "chưa đủ điều kiện xử lý. Lý do: Đơn không ghi địa chỉ, không có chữ ký." in guide.body[1]
    assert "bổ sung, hoàn thiện đơn theo quy định rồi gửi lại" in guide.body[1]
    assert "không thuộc thẩm quyền" not in " ".join(guide.body)
    elsewhere = notice.letter({**p, "forwarded_to": "Tòa án nhân dân khu vực 1"}, "Phường Ba Đình", "guidance")
    assert "gửi đơn đến Tòa án nhân dân khu vực 1" in elsewhere.body[1]


def test_unknown_kind_is_refused():
    """A kind other than accepted / not_accepted / guidance / forwarded is a usage error."""
    with pytest.raises(DanvanError):
        notice.letter(petition(), "Phường Ba Đình", "approved")


def test_pdf_text_fonts_and_invariance(session, tmp_path):
    """The PDF: heading, title, subject, addressee exactly; Tinos only, embedded; invariant builds equal."""
    pid = records.save(session, petition(petitioners=[citizen("Đặng Văn Đức", address="Tổ dân phố Ưng")],
                                         direction="forward", forwarded_to="Công an phường"))
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    res = print_document(session, "notice", a, {"id": pid, "kind": None}, invariant=True)
    print_document(session, "notice", b, {"id": pid}, invariant=True)
    assert res["pages"] == 1 and res["entries"] == 1 and res["kind"] == "forwarded"
    assert a.read_bytes() == b.read_bytes()
    text = " ".join(pdf_text(a).split())
    for s in ("ỦY BAN NHÂN DÂN", "PHƯỜNG BA ĐÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
              "Số: ……/TB-UBND", "Ba Đình, ngày …… tháng …… năm ……", "THÔNG BÁO",
              "Về việc chuyển đơn khiếu nại đến Công an phường", "Kính gửi: Ông/Bà Đặng Văn Đức",
              "Tổ dân phố Ưng", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nơi nhận:", "- Lưu: VT, hồ sơ."):
        assert s in text, s
    assert "MẬT" not in text
    fonts = pdf_fonts(a)
    assert fonts and all(f[-5] == "yes" for f in fonts) and all("Tinos" in f[0] for f in fonts)


def test_notice_to_a_denouncer_needs_the_confidential_right(leader, tmp_path):
    """Without the confidential choice a denunciation's notice is refused (no file); with it, the name and MẬT."""
    pid = records.save(leader, denunciation(direction="accept"))
    out = tmp_path / "n.pdf"
    with pytest.raises(DanvanError) as exc:
        print_document(leader, "notice", out, {"id": pid})
    assert exc.value.key == "print.notice_confidential"
    assert "người tố cáo" in exc.value.message("vi")
    assert not out.exists()
    print_document(leader, "notice", out, {"id": pid}, include_confidential=True)
    text = pdf_text(out)
    assert "Lê Văn Tố" in text and "MẬT" in text and "Về việc thụ lý tố cáo" in text


def test_an_officer_is_told_to_ask_a_leader_for_a_denouncer_s_notice(open_session, leader, tmp_path):
    """Not a command-line option: who can print it."""
    pid = records.save(leader, denunciation(direction="accept"))
    with pytest.raises(DanvanError) as exc:
        print_document(open_session("officer"), "notice", tmp_path / "n.pdf", {"id": pid})
    assert exc.value.key == "print.notice_confidential_role"
    assert exc.value.message("vi").endswith("Hãy nhờ lãnh đạo in thông báo này.")
    assert not (tmp_path / "n.pdf").exists()


def test_a_notice_follows_the_recorded_handling(session, tmp_path):
    """A notice tells the citizen what was decided: an accepted complaint gets only the "accepted" letter (not a
    "not competent" one); a petition whose handling is not decided, or an anonymous one, gets none — each refusal
    says what to do, and no file is written."""
    accepted = records.save(session, petition(direction="accept", eligible=True, accepted_on="2026-11-18"))
    undecided = records.save(session, petition())
    anonymous = records.save(session, petition(anonymous=True, petitioners=[]))
    out = tmp_path / "n.pdf"
    for pid, kind, key in ((accepted, "guidance", "print.notice_kind_mismatch"),
                           (accepted, "not_accepted", "print.notice_kind_mismatch"),
                           (undecided, None, "print.notice_undecided"),
                           (anonymous, None, "print.notice_anonymous")):
        with pytest.raises(DanvanError) as caught:
            print_document(session, "notice", out, {"id": pid, "kind": kind})
        assert caught.value.key == key, (pid, kind)
        assert not out.exists()
    assert "hãy ghi hướng xử lý" in DanvanError("print.notice_undecided").message("vi")
    res = print_document(session, "notice", out, {"id": accepted, "kind": "accepted"})
    assert res["kind"] == "accepted" and out.exists()


def test_a_notice_for_a_reception_says_notices_are_for_petitions(session, tmp_path):
    """A reception's id given to the notice: not "not found" (it exists) but what to print instead."""
    from tests.app.conftest import reception

    rid = records.save(session, reception())
    with pytest.raises(DanvanError) as caught:
        print_document(session, "notice", tmp_path / "n.pdf", {"id": rid})
    assert caught.value.key == "print.notice_not_petition" and "in phiếu" in caught.value.message("vi")
