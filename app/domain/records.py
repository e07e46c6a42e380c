"""The record exchange format (../shared/design/INTERFACES.md) as declarative field specs.

One spec drives validation, CSV/XLSX headers, the Vietnamese column titles and the stored columns, so the four
record types cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain import enums


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text | line | date | datetime | int | bool | enum | uuid | citizen | citizens | extensions
    label_vi: str
    label_en: str
    required: bool = False
    choices: dict | None = None
    default: object = None
    aliases: tuple[str, ...] = ()  # other column titles accepted on CSV/XLSX import (Vietnamese book headers)
    ahead: bool = False  # a date that may lie ahead of today (a deadline), unlike every date something happened on


CITIZEN_FIELDS = (
    Field("name", "line", "Họ và tên", "Full name", required=True, aliases=("Họ tên", "Họ và tên")),
    Field("id_type", "enum", "Loại giấy tờ", "ID type", choices=enums.ID_TYPE),
    Field("id_number", "line", "Số định danh cá nhân / CCCD", "ID number",
          aliases=("Số CCCD", "Số CMND/Hộ chiếu", "CMND/Hộ chiếu", "Số căn cước", "Số định danh")),
    Field("phone", "line", "Số điện thoại", "Phone", aliases=("Điện thoại", "SĐT")),
    Field("address", "line", "Địa chỉ", "Address"),
    # Picked by name from the unit list (the code is what is stored); older files titled the column by its code.
    Field("ward_code", "line", "Xã, phường", "Commune, ward", aliases=("Mã xã, phường", "Mã xã/phường", "Ward code")),
)
CITIZEN_KEYS = frozenset(f.name for f in CITIZEN_FIELDS)

EXTENSION_FIELDS = (
    Field("days", "int", "Số ngày gia hạn", "Extension days", required=True),
    Field("reason", "line", "Lý do gia hạn", "Reason"),
    Field("decided_on", "date", "Ngày quyết định gia hạn", "Decided on"),
)

_COMMON_HEAD = (
    Field("type", "line", "Loại bản ghi", "Record type", required=True),
    Field("id", "uuid", "Mã bản ghi", "Record id"),
    Field("case_no", "line", "Số hồ sơ", "Case number"),
)

RECEPTION = _COMMON_HEAD + (
    Field("received_at", "datetime", "Ngày tiếp", "Reception date and time", required=True,
          aliases=("Ngày tiếp", "Ngày, giờ tiếp", "Thời gian tiếp")),
    Field("mode", "enum", "Hình thức tiếp", "Reception mode", choices=enums.RECEPTION_MODE),
    Field("no_show", "bool", "Không có công dân đến", "No-show"),
    Field("channel", "enum", "Trực tiếp / trực tuyến", "Channel", choices=enums.CHANNEL),
    Field("host_name", "line", "Người tiếp", "Received by", required=True,
          aliases=("Người tiếp", "Cán bộ tiếp", "Người chủ trì tiếp")),
    Field("host_role", "enum", "Chức vụ người tiếp", "Host role", choices=enums.HOST_ROLE),
    Field("citizen", "citizen", "Công dân", "Citizen"),
    Field("group_size", "int", "Số người", "Number of people", default=1, aliases=("Số người",)),
    Field("representatives", "citizens", "Người đại diện", "Representatives"),
    Field("content", "text", "Nội dung vụ việc", "Content", required=True,
          aliases=("Nội dung vụ việc", "Nội dung", "Tóm tắt nội dung")),
    Field("category", "enum", "Phân loại đơn", "Category", choices=enums.CATEGORY,
          aliases=("Phân loại đơn", "Phân loại", "Loại đơn")),
    Field("prior_handler", "line", "Cơ quan đã giải quyết", "Body that already handled it",
          aliases=("Cơ quan đã giải quyết",)),
    Field("direction", "enum", "Hướng xử lý", "Handling direction", choices=enums.RECEPTION_DIRECTION,
          aliases=("Hướng xử lý",)),
    Field("forwarded_to", "line", "Chuyển đến cơ quan", "Forwarded to"),
    Field("result", "text", "Theo dõi kết quả giải quyết", "Result follow-up",
          aliases=("Theo dõi kết quả giải quyết", "Kết quả giải quyết", "Kết quả")),
    # Reception Law Art. 28: within 10 working days the citizen is told, in person or in writing, whether the
    # matter is accepted, delayed, refused or forwarded (BRIEF "After reception"; added in schema 4)
    Field("notified_on", "date", "Ngày thông báo cho công dân", "Citizen notified on"),
    Field("note", "text", "Ghi chú", "Notes", aliases=("Ghi chú",)),
)

PETITION = _COMMON_HEAD + (
    Field("received_on", "date", "Ngày nhận đơn", "Received on", required=True, aliases=("Ngày nhận", "Ngày nhận đơn")),
    Field("source", "enum", "Nguồn đơn", "Source", choices=enums.SOURCE),
    Field("category", "enum", "Phân loại đơn", "Category", required=True, choices=enums.CATEGORY,
          aliases=("Phân loại đơn", "Loại đơn", "Phân loại")),
    Field("petitioners", "citizens", "Người gửi đơn", "Petitioners"),
    Field("anonymous", "bool", "Đơn nặc danh", "Anonymous", default=False),
    Field("content", "text", "Nội dung đơn", "Content", required=True, aliases=("Nội dung",)),
    Field("respondent", "line", "Người bị khiếu nại / người bị tố cáo", "Respondent"),
    Field("eligible", "bool", "Đủ điều kiện xử lý", "Eligible for handling"),
    Field("ineligible_reason", "line", "Lý do không đủ điều kiện xử lý", "Reason not eligible"),
    Field("complex", "bool", "Vụ việc phức tạp", "Complex case"),
    Field("remote_area", "bool", "Vùng sâu, vùng xa, đi lại khó khăn", "Remote area"),
    Field("round", "int", "Lần khiếu nại", "Complaint round"),
    Field("authorized_person", "citizen", "Người được ủy quyền", "Authorised person"),
    Field("direction", "enum", "Hướng xử lý", "Handling direction", choices=enums.PETITION_DIRECTION),
    Field("accepted_on", "date", "Ngày thụ lý", "Accepted on"),
    Field("notified_on", "date", "Ngày thông báo cho công dân", "Citizen notified on"),
    Field("forwarded_to", "line", "Chuyển đến cơ quan", "Forwarded to"),
    Field("extensions", "extensions", "Gia hạn giải quyết", "Extensions"),
    Field("status", "enum", "Trạng thái", "Status", choices=enums.PETITION_STATUS, default="received"),
    Field("duplicate_of", "uuid", "Đơn trùng (trùng với đơn …)", "Duplicate of"),
    Field("reception_id", "uuid", "Lượt tiếp liên quan", "Linked reception"),
    Field("resolved_on", "date", "Ngày giải quyết", "Resolved on"),
    Field("answered_on", "date", "Ngày trả lời công dân", "Answered on"),
    Field("outcome", "enum", "Kết quả giải quyết", "Outcome", choices=enums.OUTCOME),
    Field("note", "text", "Ghi chú", "Notes", aliases=("Ghi chú",)),
)

MODEL = _COMMON_HEAD + (
    Field("year", "int", "Năm", "Year", required=True),
    Field("name", "line", "Tên mô hình", "Model name", required=True),
    Field("kind", "enum", "Tập thể / cá nhân", "Kind", required=True, choices=enums.MODEL_KIND),
    Field("field", "enum", "Lĩnh vực", "Field", required=True, choices=enums.MODEL_FIELD),
    Field("owner", "line", "Đơn vị / cá nhân thực hiện", "Owner", required=True),
    Field("level", "line", "Cấp đăng ký", "Registration level"),
    Field("description", "text", "Mô tả", "Description"),
    Field("situation", "text", "Thực trạng và lý do", "Situation and reason"),
    Field("goals", "text", "Mục tiêu, tiêu chí", "Objectives and criteria"),
    Field("content_method", "text", "Nội dung, cách làm", "Content and method"),
    Field("area", "text", "Địa bàn, đối tượng", "Area and target group"),
    Field("forces", "text", "Lực lượng thực hiện", "Implementing forces"),
    Field("resources", "text", "Nguồn lực", "Resources"),
    Field("timeline", "text", "Thời gian thực hiện", "Timeline"),
    Field("outputs", "text", "Sản phẩm, kết quả", "Outputs"),
    Field("sustainability", "text", "Tính bền vững, nhân rộng", "Sustainability and replicability"),
    Field("status", "enum", "Trạng thái", "Status", choices=enums.MODEL_STATUS, default="registered"),
    Field("recognized_on", "date", "Ngày công nhận", "Recognised on"),
    Field("recognition_level", "line", "Cấp công nhận", "Recognition level"),
    Field("decision_no", "line", "Số quyết định", "Decision number"),
    Field("note", "text", "Ghi chú", "Notes"),
)

DIALOGUE = _COMMON_HEAD + (
    Field("held_on", "date", "Ngày đối thoại", "Held on", required=True),
    Field("chair", "line", "Người chủ trì", "Chair", required=True),
    Field("participants", "int", "Số người tham dự", "Participants"),
    Field("topics", "text", "Nội dung đối thoại", "Topics", required=True),
    Field("commitments", "text", "Nội dung tiếp thu, giải trình, cam kết", "Commitments"),
    Field("commitments_due", "date", "Hạn thực hiện cam kết", "Commitments due by", ahead=True,
          aliases=("Hạn thực hiện", "Thời hạn thực hiện")),
    Field("follow_up", "text", "Kết quả thực hiện", "Follow-up"),
    Field("note", "text", "Ghi chú", "Notes"),
)

SPECS: dict[str, tuple[Field, ...]] = {
    "reception": RECEPTION,
    "petition": PETITION,
    "model": MODEL,
    "dialogue": DIALOGUE,
}
FIELDS_BY_NAME: dict[str, dict[str, Field]] = {t: {f.name: f for f in spec} for t, spec in SPECS.items()}

# People held in a record: (field name, is a list). Stored apart from the record body (storage/persons).
PERSON_FIELDS: dict[str, tuple[tuple[str, bool], ...]] = {
    "reception": (("citizen", False), ("representatives", True)),
    "petition": (("petitioners", True), ("authorized_person", False)),
    "model": (),
    "dialogue": (),
}

# The date a record is filed under (periods, lists, "no future dates").
DATE_FIELD = {"reception": "received_at", "petition": "received_on", "model": "year", "dialogue": "held_on"}


def record_date(record: dict) -> str | None:
    """The record's date as YYYY-MM-DD (a model's is 1 January of its year)."""
    t = record.get("type")
    v = record.get(DATE_FIELD.get(t, ""))
    if v is None:
        return None
    if t == "model":
        return f"{int(v):04d}-01-01"
    return str(v)[:10]


def is_confidential(record: dict) -> bool:
    """A denouncer's identity is confidential (INTERFACES.md, "Who may see what")."""
    return record.get("category") == "denunciation"


def field_label(rtype: str, path: str, lang: str = "vi") -> str:
    """Human label of a field path such as `citizen.id_number` (falls back to the path)."""
    head, _, rest = path.partition(".")
    head = head.split("[")[0]
    f = FIELDS_BY_NAME.get(rtype, {}).get(head)
    if f is None:
        return path
    text = f.label_vi if lang == "vi" else f.label_en
    if rest:
        sub = {c.name: c for c in CITIZEN_FIELDS + EXTENSION_FIELDS}.get(rest.split("[")[0])
        if sub:
            text += " — " + (sub.label_vi if lang == "vi" else sub.label_en)
    return text


# What makes a record the same one when a file without ids (a commune's Excel book) is imported again: its date,
# who, and what about — so a second import changes nothing, and a row corrected in the book updates its record.
_NATURAL_KEY = {"reception": ("received_at", "content"), "petition": ("received_on", "content"),
                "model": ("year", "name"), "dialogue": ("held_on", "topics")}


def natural_key(record: dict) -> str:
    """The record's date, people and main text, folded (case, diacritics, spaces) into one string."""
    from app.domain.text import fold

    rtype = record.get("type") or ""
    parts = [rtype] + [fold(str(record.get(k) or "")) for k in _NATURAL_KEY.get(rtype, ())]
    people = [p for k in ("citizen", "representatives", "petitioners")
              for p in ([record[k]] if isinstance(record.get(k), dict) else record.get(k) or [])]
    parts.append("|".join(sorted(fold(str(p.get("name") or "")) for p in people if isinstance(p, dict))))
    return "\x1f".join(parts)
