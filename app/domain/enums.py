"""Enumerations of the exchange format and their labels (../shared/domain/GLOSSARY.md — keep them exact)."""

from __future__ import annotations

RECORD_TYPES = ("reception", "petition", "model", "dialogue")

# key -> (Vietnamese label, English label)
RECORD_TYPE_LABELS = {
    "reception": ("Lượt tiếp công dân", "Citizen reception"),
    "petition": ("Đơn thư", "Petition"),
    "model": ("Mô hình \"Dân vận khéo\"", "\"Dân vận khéo\" model"),
    "dialogue": ("Đối thoại", "Dialogue"),
}

RECEPTION_MODE = {
    "regular": ("Tiếp thường xuyên", "Regular reception"),
    "scheduled": ("Tiếp định kỳ (của lãnh đạo)", "Scheduled reception by a leader"),
    "adhoc": ("Tiếp đột xuất", "Ad-hoc reception"),
}
CHANNEL = {
    "in_person": ("Trực tiếp", "In person"),
    "online": ("Trực tuyến", "Online"),
}
HOST_ROLE = {
    "chairman": ("Chủ tịch UBND", "People's Committee chairman"),
    "vice_chairman": ("Phó Chủ tịch UBND", "People's Committee vice-chairman"),
    "party_secretary": ("Bí thư Đảng ủy", "Party secretary"),
    "council_delegate": ("Đại biểu HĐND", "People's Council delegate"),
    "officer": ("Công chức tiếp công dân", "Reception officer"),
}
ID_TYPE = {
    "cccd": ("Căn cước / CCCD", "Citizen ID card"),
    "cmnd": ("CMND", "Legacy ID card"),
    "passport": ("Hộ chiếu", "Passport"),
    "none": ("Không có", "None"),
}
CATEGORY = {
    "complaint": ("Khiếu nại", "Complaint"),
    "denunciation": ("Tố cáo", "Denunciation"),
    "petition": ("Kiến nghị", "Recommendation"),  # not "Petition": the English screens call every đơn thư so
    "reflection": ("Phản ánh", "Reflection"),
    "mixed": ("Đơn có nhiều nội dung", "Mixed content"),
}
RECEPTION_DIRECTION = {
    "accept": ("Thụ lý để giải quyết", "Accept for resolution"),
    "guide": ("Trả lại đơn và hướng dẫn", "Return with guidance"),
    "forward": ("Chuyển đơn đến cơ quan có thẩm quyền", "Forward to the competent body"),
}
PETITION_DIRECTION = {**RECEPTION_DIRECTION, "file": ("Lưu đơn", "File")}
SOURCE = {
    "in_person": ("Trực tiếp tại nơi tiếp công dân", "In person at the reception desk"),
    "post": ("Qua dịch vụ bưu chính", "By post"),
    "leader": ("Lãnh đạo giao", "Assigned by a leader"),
    "press": ("Cơ quan báo chí chuyển đến", "Forwarded by the press"),
    "forwarded": ("Cơ quan, tổ chức khác chuyển đến", "Forwarded by another body"),
    "online": ("Trực tuyến", "Online"),
    "other": ("Khác", "Other"),
}
PETITION_STATUS = {
    "received": ("Mới tiếp nhận", "Received"),
    "accepted": ("Đã thụ lý", "Accepted"),
    "in_progress": ("Đang giải quyết", "In progress"),
    "resolved": ("Đã giải quyết", "Resolved"),
    "answered": ("Đã trả lời công dân", "Answered"),
    "forwarded": ("Đã chuyển đơn", "Forwarded"),
    "closed": ("Đã kết thúc / lưu đơn", "Closed / filed"),
}
# Statuses after which no legal deadline is pending.
PETITION_DONE_STATUSES = frozenset({"resolved", "answered", "forwarded", "closed"})
OUTCOME = {
    "correct": ("Đúng", "Correct"),
    "partly_correct": ("Có đúng, có sai (đúng một phần)", "Partly correct"),
    "incorrect": ("Sai toàn bộ", "Incorrect"),
    "withdrawn": ("Rút đơn", "Withdrawn"),
}
MODEL_KIND = {
    "collective": ("Tập thể", "Collective"),
    "individual": ("Cá nhân", "Individual"),
}
MODEL_FIELD = {
    "economy": ("Kinh tế", "Economy"),
    "culture_society": ("Văn hóa - Xã hội", "Culture and society"),
    "defense_security": ("Quốc phòng - An ninh", "Defence and security"),
    # English kept short: "Building the Party and the political system" was cut in the dashboard's chart
    "party_building": ("Xây dựng Đảng và hệ thống chính trị", "Party and political system building"),
}
MODEL_STATUS = {
    "registered": ("Đã đăng ký", "Registered"),
    "implementing": ("Đang thực hiện", "Implementing"),
    "evaluated": ("Đã đánh giá", "Evaluated"),
    "recognized": ("Được công nhận", "Recognised"),
    "rejected": ("Không được công nhận", "Not recognised"),
}
ROLE = {
    "admin": ("Quản trị", "Administrator"),
    "leader": ("Lãnh đạo", "Leader"),
    "officer": ("Cán bộ", "Officer"),
    "viewer": ("Chỉ xem", "Viewer"),
}
LEVEL = {
    "commune": ("Cấp xã", "Commune level"),
    "upper": ("Cấp trên (tỉnh, thành phố — hoặc huyện nơi còn cấp huyện)", "Upper level (province, or district)"),
}


def label(table: dict, key: str | None, lang: str = "vi") -> str:
    """The label of `key` in `table`, or the key itself when unknown (never raises on display)."""
    if key is None:
        return ""
    pair = table.get(key)
    if pair is None:
        return str(key)
    return pair[0] if lang == "vi" else pair[1]
