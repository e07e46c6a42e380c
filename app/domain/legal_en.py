"""The deadline rules' legal texts in English: titles of the rule versions, the articles cited, the notes.

The rules file (resources/data/deadline_rules.json) is written in Vietnamese — it is checked against the
published law and corrected by hand, in Vietnamese. For the English interface its texts are rendered here from
known phrases, longest first; a text with a phrase not known here (a rules file corrected since) is shown as
written, marked "(in Vietnamese)", rather than half translated."""

from __future__ import annotations

import re

# Vietnamese → English, applied longest first. The laws' names are those of the official English translations.
_PHRASES = {
    # whole sentences of the notes
    "CHƯA ĐỐI CHIẾU với Luật 136/2025/QH15: giá trị lặp lại từ phiên bản vn-2021-11 vì chưa đọc được điều khoản "
    "đã sửa đổi.": "NOT YET CHECKED against Law 136/2025/QH15: the value repeats version vn-2021-11, as the "
                   "amended articles could not be read.",
    "CHƯA ĐỐI CHIẾU:": "NOT YET CHECKED:",
    "Có thể bị thay thế bởi văn bản hướng dẫn Luật 136/2025/QH15 — cần kiểm tra.":
        "May be replaced by the guidance to Law 136/2025/QH15 — to be checked.",
    "Trong 10 ngày làm việc kể từ ngày nhận khiếu nại, tố cáo, kiến nghị, phản ánh: trả lời trực tiếp hoặc thông "
    "báo bằng văn bản (thụ lý / chậm thụ lý / không thụ lý / chuyển đơn).":
        "Within 10 working days of receiving a complaint, denunciation, petition or reflection: answer in person or "
        "notify in writing (accepted / delayed / not accepted / forwarded).",
    "Đáp ứng bởi notified_on; ngày thụ lý (accepted_on) cũng được coi là đã thông báo.":
        "Met by notified_on; the acceptance date (accepted_on) also counts as notice.",
    "Thời hạn tối đa kể từ ngày thụ lý (ngày lịch).": "The longest time allowed from acceptance (calendar days).",
    "Vụ việc phức tạp: thời hạn có thể kéo dài tới mức này.": "A complex case: the time may run to this length.",
    "10 ngày kể từ ngày nhận được khiếu nại thuộc thẩm quyền; thông báo bằng văn bản, nêu lý do nếu không thụ lý.":
        "10 days from receiving a complaint within the body's competence; notice in writing, with the reason if "
        "it is not accepted.",
    "Luật ghi “ngày” nên tính theo ngày lịch (BLDS 2015 Đ.147–148); đổi unit nếu có hướng dẫn khác.":
        "The law says “days”, so calendar days are counted (Civil Code 2015, Art. 147–148); change the unit if "
        "guidance says otherwise.",
    "mức 10 ngày làm việc thường được trích dẫn.": "the 10 working days usually cited.",
    "Kiến nghị, phản ánh không có thời hạn giải quyết theo luật trong tài liệu nghiệp vụ — ứng dụng không đặt hạn "
    "giải quyết.": "Recommendations and reflections have no legal resolution time in the working documents — the "
                   "application sets no resolution deadline.",
    "7 ngày làm việc để vào sổ, phân loại, xử lý ban đầu, kiểm tra điều kiện thụ lý; có thể kéo dài tới 10 ngày làm "
    "việc khi phải xác minh ở nhiều nơi (ứng dụng tính mức 7 ngày).":
        "7 working days to register, classify, handle first and check the conditions for acceptance; up to 10 "
        "working days when it must be verified in several places (the application counts 7).",
    "30 ngày kể từ ngày thụ lý; vụ việc phức tạp gia hạn 1 lần, đặc biệt phức tạp 2 lần, mỗi lần không quá 30 ngày "
    "(quyết định bằng văn bản).": "30 days from acceptance; a complex case may be extended once, an especially "
                                   "complex one twice, each time by at most 30 days (a written decision).",
    "Các lần gia hạn lấy từ extensions của đơn, cộng dồn vào thời hạn trước khi áp dụng Điều 148 BLDS.":
        "The extensions come from the petition's extensions, added to the time before Civil Code Art. 148 applies.",
    "Thời hạn của Luật Tố cáo 2011 (03/2011/QH13) không được mã hóa: đơn tố cáo nhận trước 01/01/2019 chỉ có hạn "
    "thông báo.": "The time limits of the Law on Denunciations 2011 (03/2011/QH13) are not encoded: a "
                  "denunciation received before 01/01/2019 has only the notice deadline.",
    "Luật Tố cáo 2018 và Nghị định 31/2019/NĐ-CP.": "Law on Denunciations 2018 and Decree 31/2019/ND-CP.",
    "Chỉ thêm quy tắc xử lý đơn kiến nghị, phản ánh (chưa đối chiếu).":
        "Adds only the processing rule of recommendations and reflections (not yet checked).",
    "CẦN KIỂM TRA: các thời hạn lặp lại giá trị trước khi sửa đổi vì chưa đọc được các điều khoản về thời hạn đã "
    "sửa đổi.": "TO BE CHECKED: the time limits repeat the values before the amendment, as the amended articles "
                "on time limits could not be read.",
    "Quản trị viên phải đối chiếu văn bản luật và cập nhật tệp này.":
        "An administrator must check them against the law and update this file.",
    # titles of the versions
    "Luật Tiếp công dân 2013 (hiệu lực 01/07/2014) và Luật Khiếu nại 2011":
        "Law on Citizen Reception 2013 (in force 01/07/2014) and Law on Complaints 2011",
    "Bổ sung Luật Tố cáo 25/2018/QH14 (hiệu lực 01/01/2019)":
        "Adding the Law on Denunciations 25/2018/QH14 (in force 01/01/2019)",
    "Bổ sung Thông tư 05/2021/TT-TTCP về quy trình xử lý đơn (hiệu lực 15/11/2021)":
        "Adding Circular 05/2021/TT-TTCP on the petition handling procedure (in force 15/11/2021)",
    "Luật 136/2025/QH15 sửa đổi Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo (hiệu lực 01/07/2026)":
        "Law 136/2025/QH15 amending the Laws on Citizen Reception, Complaints and Denunciations (in force "
        "01/07/2026)",
    # the articles cited
    "Thông tư 05/2021/TT-TTCP (quy trình xử lý đơn; chưa xác định điều khoản)":
        "Circular 05/2021/TT-TTCP (petition handling procedure; article not identified)",
    "(sửa đổi bởi Luật 136/2025/QH15)": "(amended by Law 136/2025/QH15)",
    "(điều kiện thụ lý: Điều 29)": "(conditions for acceptance: Article 29)",
    "Luật Tiếp công dân": "Law on Citizen Reception",
    "Luật Khiếu nại": "Law on Complaints",
    "Luật Tố cáo": "Law on Denunciations",
    "Điều": "Article",
}
_ORDERED = sorted(_PHRASES.items(), key=lambda kv: -len(kv[0]))
_VIETNAMESE = re.compile(r"[À-ỹĐđ]")  # a letter with a Vietnamese diacritic left over


def in_english(text: str) -> str:
    """`text` of the rules file in English; as written, marked "(in Vietnamese)", when a phrase is not known."""
    if not text:
        return text
    out = text
    for vi, en in _ORDERED:
        out = out.replace(vi, en)
    if _VIETNAMESE.search(out.replace("“", "").replace("”", "")):
        return f"{text} (in Vietnamese)"
    return out


def in_language(text: str, lang: str) -> str:
    return in_english(text) if lang == "en" else text
