"""Thông báo to the citizen about one petition: accepted (thụ lý), not accepted (không thụ lý, with the reason),
guidance (hướng dẫn gửi đơn đến cơ quan có thẩm quyền) or forwarded (chuyển đơn).

A4 portrait in the layout of an administrative document (Decree 30/2020/NĐ-CP, Appendix I): the issuing body and
the nation heading side by side, the number "Số: …/TB-UBND" and the place and date left blank to fill by hand
when the notice is signed, the title and subject, the addressee, the body, the signature and "Nơi nhận". Tinos
(Times-compatible) 13 pt.

A notice to a denouncer carries the denouncer's name and address: it is printed only with the explicit, audited
right to include confidential identity (and then bears the "MẬT" mark); otherwise it is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.domain import roles
from app.domain.addresses import full_address
from app.domain.masking import masked_record
from app.domain.notices import KIND_WORDS, KINDS, fitting_kinds
from app.domain.records import is_confidential
from app.errors import DanvanError, NotFound, UsageError
from app.reports import layout
from app.reports.fonts import LETTER_FONT, bold, italic, register_fonts
from app.reports.models_register import shorten, unit_of
from app.storage import records as store

DOTS = "……"
BLANK_DATE = "ngày …… tháng …… năm ……"
NUMBER_LINE = "Số: ……/TB-UBND"

# category -> (the petition as the letter names it, the matter as the subject names it)
NOUNS = {
    "complaint": ("đơn khiếu nại", "khiếu nại"),
    "denunciation": ("đơn tố cáo", "tố cáo"),
    "petition": ("đơn kiến nghị", "kiến nghị"),
    "reflection": ("đơn phản ánh", "phản ánh"),
    "mixed": ("đơn", "đơn"),
}
LAWS = {
    "complaint": "Luật Khiếu nại năm 2011",
    "denunciation": "Luật Tố cáo năm 2018",
}
DEFAULT_LAW = "Luật Tiếp công dân năm 2013"


def default_kind(petition: dict) -> str:
    """The notice the petition's handling calls for: forwarded / guidance by direction; not accepted when it is
    not eligible or only filed; accepted otherwise."""
    direction = petition.get("direction")
    if direction == "forward":
        return "forwarded"
    if direction == "guide":
        return "guidance"
    if petition.get("eligible") is False or direction == "file":
        return "not_accepted"
    return "accepted"


def subject(kind: str, petition: dict) -> str:
    """"Về việc …" under the title."""
    noun, matter = NOUNS.get(petition.get("category"), NOUNS["mixed"])
    if kind == "accepted":
        return "Về việc thụ lý tố cáo" if matter == "tố cáo" else f"Về việc thụ lý giải quyết {matter}"
    if kind == "not_accepted":
        return "Về việc không thụ lý tố cáo" if matter == "tố cáo" else f"Về việc không thụ lý giải quyết {matter}"
    if kind == "guidance" and petition.get("eligible") is False:
        return f"Về việc trả lại {noun} và hướng dẫn"
    if kind == "guidance":
        return f"Về việc hướng dẫn gửi {noun} đến cơ quan có thẩm quyền"
    where = petition.get("forwarded_to") or "cơ quan có thẩm quyền"
    return f"Về việc chuyển {noun} đến {where}"


@dataclass(frozen=True)
class Letter:
    """The notice as plain text, before any drawing (tested as data)."""

    kind: str
    number_line: str
    place_date: str
    title: str
    subject: str
    addressee: str
    body: tuple[str, ...]
    signer: tuple[str, ...]  # "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    recipients: tuple[str, ...]
    confidential: bool


def _lower_first(s: str) -> str:
    return s[:1].lower() + s[1:] if s else s


def letter(petition: dict, unit_name: str, kind: str | None = None, *, confidential: bool = False,
           home: str | None = None) -> Letter:
    """The text of the notice for a petition as the reader may see it (already masked where it must be)."""
    kind = kind or default_kind(petition)
    if kind not in KINDS:
        raise UsageError("v.enum", value=kind, allowed=", ".join(KINDS))
    category = petition.get("category")
    noun, _matter = NOUNS.get(category, NOUNS["mixed"])
    law = LAWS.get(category, DEFAULT_LAW)
    body_name = f"Ủy ban nhân dân {_lower_first(unit_name)}"
    people = [p for p in petition.get("petitioners") or [] if p.get("name")]
    first = people[0] if people else {}
    name = first.get("name") or DOTS
    address = full_address(first, home) or DOTS
    others = f" và {len(people) - 1} người cùng ký đơn" if len(people) > 1 else ""
    addressee = f"Kính gửi: Ông/Bà {name}{others}, địa chỉ: {address}."
    case = f" (số hồ sơ {petition['case_no']})" if petition.get("case_no") else ""
    content = shorten(petition.get("content"), 500).rstrip(".")
    received = layout.dmy(petition.get("received_on")) or DOTS
    body = [f"Ngày {received}, {body_name} nhận được {noun} của Ông/Bà {name}{others}, địa chỉ: {address}"
            f"{case}, với nội dung: {content}."]
    forwarded_to = petition.get("forwarded_to") or DOTS
    if kind == "accepted":
        since = f" kể từ ngày {layout.dmy(petition['accepted_on'])}" if petition.get("accepted_on") else ""
        handled = "thụ lý" if category == "denunciation" else "thụ lý giải quyết"
        body += [f"Sau khi xem xét nội dung đơn, căn cứ quy định của {law}, {noun} đủ điều kiện thụ lý và thuộc "
                 f"thẩm quyền giải quyết của {body_name}.",
                 f"{body_name} thông báo để Ông/Bà được biết: {noun} đã được {handled}{since}. Kết quả "
                 f"giải quyết sẽ được thông báo đến Ông/Bà trong thời hạn theo quy định của pháp luật."]
    elif kind == "not_accepted":
        reason = (petition.get("ineligible_reason") or DOTS).rstrip(".")
        body += [f"Sau khi xem xét nội dung đơn, căn cứ quy định của {law}, {noun} không đủ điều kiện thụ lý "
                 f"giải quyết. Lý do: {reason}.",
                 f"{body_name} thông báo để Ông/Bà được biết."]
    elif kind == "guidance" and petition.get("eligible") is False:
        # Returned because the letter itself falls short (no signature, no address …): the reason recorded, and
        # what to do — not "outside our competence", which would be untrue.
        reason = (petition.get("ineligible_reason") or DOTS).rstrip(".")
        where = (f"gửi đơn đến {petition['forwarded_to']} để được xem xét, giải quyết theo thẩm quyền"
                 if petition.get("forwarded_to") else "bổ sung, hoàn thiện đơn theo quy định rồi gửi lại")
        body += [f"Sau khi xem xét, {noun} chưa đủ điều kiện xử lý. Lý do: {reason}. Căn cứ quy định của {law}, "
                 f"{body_name} trả lại đơn và hướng dẫn Ông/Bà {where}.",
                 f"{body_name} thông báo để Ông/Bà được biết và thực hiện."]
    elif kind == "guidance":
        body += [f"Sau khi xem xét, nội dung đơn không thuộc thẩm quyền giải quyết của {body_name}. Căn cứ quy "
                 f"định của {law}, {body_name} hướng dẫn Ông/Bà gửi đơn đến {forwarded_to} để được xem xét, "
                 f"giải quyết theo thẩm quyền.",
                 f"{body_name} thông báo để Ông/Bà được biết và thực hiện."]
    else:
        body += [f"Sau khi xem xét, nội dung đơn không thuộc thẩm quyền giải quyết của {body_name}. Căn cứ quy "
                 f"định của {law}, {body_name} đã chuyển đơn của Ông/Bà đến {forwarded_to} để xem xét, giải "
                 f"quyết theo thẩm quyền.",
                 f"{body_name} thông báo để Ông/Bà được biết và liên hệ với cơ quan nêu trên để theo dõi kết "
                 f"quả giải quyết."]
    recipients = ["- Như trên;"]
    if kind == "forwarded" and petition.get("forwarded_to"):
        recipients.append(f"- {petition['forwarded_to']};")
    recipients.append("- Lưu: VT, hồ sơ.")
    return Letter(kind=kind, number_line=NUMBER_LINE, place_date=f"{layout.place_name(unit_name)}, {BLANK_DATE}",
                  title="THÔNG BÁO", subject=subject(kind, petition), addressee=addressee, body=tuple(body),
                  signer=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), recipients=tuple(recipients),
                  confidential=confidential)


# -- drawing -----------------------------------------------------------------------------------------------

SIZE = 13


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    f = LETTER_FONT
    base = ParagraphStyle("l", fontName=f, fontSize=SIZE, leading=SIZE * 1.3)
    return {
        "head": ParagraphStyle("lh", parent=base, fontSize=12.5, leading=15, alignment=TA_CENTER),
        "head_bold": ParagraphStyle("lhb", parent=base, fontName=bold(f), fontSize=12.5, leading=15,
                                    alignment=TA_CENTER),
        "motto": ParagraphStyle("lm", parent=base, fontName=bold(f), fontSize=13, leading=16, alignment=TA_CENTER),
        "number": ParagraphStyle("ln", parent=base, alignment=TA_CENTER),
        "date": ParagraphStyle("ld", parent=base, fontName=italic(f), alignment=TA_CENTER),
        "title": ParagraphStyle("lt", parent=base, fontName=bold(f), fontSize=14, leading=18, alignment=TA_CENTER,
                                spaceBefore=14),
        "subject": ParagraphStyle("ls", parent=base, fontName=bold(f), fontSize=14, leading=18, alignment=TA_CENTER),
        "addressee": ParagraphStyle("la", parent=base, leftIndent=20 * mm, firstLineIndent=0, spaceBefore=10,
                                    spaceAfter=8),
        "body": ParagraphStyle("lb", parent=base, alignment=TA_JUSTIFY, firstLineIndent=10 * mm, spaceAfter=6),
        "sign": ParagraphStyle("lsg", parent=base, fontName=bold(f), alignment=TA_CENTER),
        "sign_note": ParagraphStyle("lsn", parent=base, fontName=italic(f), alignment=TA_CENTER),
        "recipients_head": ParagraphStyle("lrh", parent=base, fontName=f"{f}-BoldItalic", fontSize=12, leading=14),
        "recipients": ParagraphStyle("lr", parent=base, fontSize=11, leading=13, alignment=TA_LEFT),
    }


def _rule(width: str) -> HRFlowable:
    return HRFlowable(width=width, thickness=0.6, color=colors.black, spaceBefore=1, spaceAfter=3, hAlign="CENTER")


def heading(st: dict, unit, lt: Letter, width: float) -> Table:
    """The issuing body over a short rule and the number; the nation and motto over the place and date."""
    left = []
    if unit.upper:
        left.append(Paragraph(layout.text(unit.upper.upper()), st["head"]))
    if unit.issuing == unit.name:  # no letterhead set: the People's Committee of the unit, on two lines
        left.append(Paragraph(f"ỦY BAN NHÂN DÂN<br/>{layout.text(unit.name.upper())}", st["head_bold"]))
    else:
        left.append(Paragraph(layout.text(unit.issuing.upper()), st["head_bold"]))
    left += [_rule("35%"), Paragraph(layout.text(lt.number_line), st["number"])]
    right = [Paragraph(layout.text(layout.NATION), st["head_bold"]), Paragraph(layout.text(layout.MOTTO), st["motto"]),
             _rule("62%"), Paragraph(layout.text(lt.place_date), st["date"])]
    t = Table([[left, right]], colWidths=[width * 0.40, width * 0.60])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), LETTER_FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("ALIGN", (0, 0), (-1, -1), "CENTER"),  # the short rules under the names
                           ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return t


def story(lt: Letter, unit, width: float) -> list:
    st = _styles()
    out = [heading(st, unit, lt, width),
           Paragraph(layout.text(lt.title), st["title"]),
           Paragraph(layout.text(lt.subject), st["subject"]),
           _rule("25%"),
           Paragraph(layout.text(lt.addressee), st["addressee"])]
    out += [Paragraph(layout.text(p), st["body"]) for p in lt.body]
    out.append(Spacer(1, 4 * mm))
    left = [Paragraph("Nơi nhận:", st["recipients_head"])] + [Paragraph(layout.text(r), st["recipients"])
                                                             for r in lt.recipients]
    right = [Paragraph(layout.text(s), st["sign"]) for s in lt.signer]
    right.append(Paragraph("(Ký tên, đóng dấu)", st["sign_note"]))
    t = Table([[left, right]], colWidths=[width * 0.45, width * 0.55])
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), LETTER_FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 28 * mm)]))
    out.append(t)
    return out


def load_petition(session, petition_id: str, *, include_confidential: bool) -> dict:
    """The petition as the print may show it; a denouncer's identity only with the confidential right."""
    session.require(roles.READ)
    s = store.get(session.db, "petition", petition_id) if petition_id else None
    if s is None or s.deleted:
        if petition_id and store.existing_ids(session.db, [petition_id]).get(petition_id) not in (None, "petition"):
            raise DanvanError("print.notice_not_petition", id=petition_id)  # a reception's id, say
        raise NotFound("record.not_found", id=petition_id)
    if is_confidential(s.record) and not s.record.get("anonymous"):
        if not session.can(roles.EXPORT_CONFIDENTIAL):
            raise DanvanError("print.notice_confidential_role")
        if not include_confidential:
            raise DanvanError("print.notice_confidential")
    rec, _ = masked_record(s.record, see_confidential=include_confidential,
                           see_id_numbers=session.can(roles.SEE_ID_NUMBERS))
    return rec


def build(session, out: Path, options: dict, *, include_confidential: bool, invariant: bool) -> dict:
    petition = load_petition(session, options.get("id") or "", include_confidential=include_confidential)
    from app.services.records import owner_elsewhere

    owner = owner_elsewhere(session, "petition", options.get("id") or "")
    if owner:  # the letter is the commune's to send, in its own name; printed here it would speak for this unit
        raise DanvanError("print.notice_other_owner", unit=owner)
    unit = unit_of(session.db)
    confidential = include_confidential and is_confidential(petition)
    kind = options.get("kind")
    if kind is not None and kind not in KINDS:
        raise UsageError("v.enum", value=kind, allowed=", ".join(KINDS))
    fitting, why = fitting_kinds(petition)
    if why:
        raise DanvanError(why)
    kind = kind or fitting[0]
    if kind not in fitting:
        raise DanvanError("print.notice_kind_mismatch", asked=KIND_WORDS[kind], fitting=KIND_WORDS[fitting[0]])
    lt = letter(petition, unit.name, kind, confidential=confidential, home=session.home_commune)
    # Decree 30/2020/NĐ-CP: margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=30 * mm, rightMargin=15 * mm, topMargin=20 * mm,
                            bottomMargin=20 * mm, title=f"{lt.title} — {lt.subject}", author=unit.name,
                            initialFontName=LETTER_FONT, invariant=1 if invariant else 0)
    width = A4[0] - 45 * mm
    doc.build(story(lt, unit, width), canvasmaker=layout.numbered_canvas(LETTER_FONT, confidential=confidential))
    return {"pages": doc.page, "entries": 1, "kind": lt.kind}
