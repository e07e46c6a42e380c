"""Realistic demo records for a commune dân vận desk, in the exchange format (../shared/design/INTERFACES.md).

`generate(n, seed, today, unit_name)` is a pure generator: no I/O, no SQL, no Qt, no clock and no global random
state. The same (n, seed, today, unit_name) always gives the same records; every record passes
`app.domain.validation.validate(record, today)` with no errors.

What the stream looks like (modelled on ../shared/domain/samples/commune-sample.ndjson):

* about 52 % receptions, 27 % petitions, 11 % "Dân vận khéo" models and 10 % dialogues, in date order over the two
  years before `today` (never after it); receptions and petitions fall on working days (Vietnamese public holidays
  skipped, a few Saturdays), receptions between 07:00 and 17:00;
* people with Vietnamese family names at their real frequencies, gendered middle and given names, 12-digit CCCD
  numbers whose province prefix (old 63-province codes) and century/sex digit agree with the person (BRIEF §8),
  some legacy 9-digit CMND numbers, 10-digit mobile numbers with real prefixes; returning visitors reuse the same
  person; "Đặng Văn Đức" and "Ưng Hoàng Phúc" always appear once n ≥ 100 (acceptance searches use them);
* petitions with consistent dates and statuses (received → accepted → in progress → resolved / answered /
  closed, or forwarded), some left overdue; `duplicate_of` and `reception_id` only point to records that come
  earlier in the stream;
* `id` is a UUIDv7-shaped string built from the record's timestamp and the seeded RNG; `case_no` is left to the
  application.
"""

from __future__ import annotations

import string
from datetime import date, datetime, timedelta
from random import Random

from app.domain.deadlines import RECEPTION_REPLY_TRACKED_FROM
from typing import Iterator

__all__ = ["generate", "DEMO_ACCOUNT", "OFFICER_ACCOUNT", "DEMO_UNIT_CODE", "HOSTS", "PLANTED_NAMES"]

# Documented demo accounts (README, demo database screen).
DEMO_ACCOUNT = {"user": "demo", "password": "Demo-2026!", "role": "leader"}
OFFICER_ACCOUNT = {"user": "canbo", "password": "Canbo-2026!", "role": "officer"}
DEMO_UNIT_CODE = "00004"  # Phường Ba Đình (Hà Nội)

# Names the acceptance checks search for: each appears at least once when n >= 100.
PLANTED_NAMES = (("Đặng Văn Đức", False, 1968), ("Ưng Hoàng Phúc", False, 1985))
_PLANT_MIN_N = 100

# The commune's leaders and reception officers: (name, host_role).
HOSTS = (
    ("Nguyễn Đình Khôi", "chairman"),
    ("Lê Thị Thu Hà", "vice_chairman"),
    ("Trần Quốc Việt", "party_secretary"),
    ("Phạm Văn Lộc", "officer"),
    ("Đỗ Thị Minh Nguyệt", "council_delegate"),
)

_TYPE_CUTS = (0.52, 0.79, 0.90)  # reception | petition | model | dialogue
_WINDOW_DAYS = 730
_ONLINE_FROM = date(2026, 7, 1)  # Law 136/2025/QH15: online reception (Art. 3a)

# ------------------------------------------------------------------------------------------------------------
# Weighted tables, expanded to tuples in which each item appears in proportion to its weight, so that a pick is
# one random() and an index (speed: 200,000 records take a few seconds).
# ------------------------------------------------------------------------------------------------------------


def _table(pairs, size: int = 4000) -> tuple:
    pairs = list(pairs)
    total = sum(w for _, w in pairs)
    out = []
    for item, w in pairs:
        out.extend([item] * max(1, round(w / total * size)))
    return tuple(out)


def _w(text: str, spaces: bool = True):
    """'A:3 B C:0.5' -> [(A, 3), (B, 1), (C, 0.5)] — compact weighted lists; "_" stands for a space unless
    `spaces` is false (enum keys such as in_person)."""
    out = []
    for tok in text.split():
        word, _, w = tok.partition(":")
        out.append((word.replace("_", " ") if spaces else word, float(w) if w else 1.0))
    return out


# Family names, per cent of the population (approximate national frequencies; Hoàng/Huỳnh and Vũ/Võ split
# north/south), then rarer names incl. ethnic-minority ones (Lò, Nông, Triệu) and the rare Ưng.
_FAMILY = _table(_w(
    "Nguyễn:36 Trần:11 Lê:9.5 Phạm:7 Hoàng:3 Huỳnh:2.1 Phan:4.5 Vũ:2.2 Võ:1.7 Đặng:2.1 Bùi:2 Đỗ:1.4 Hồ:1.3 "
    "Ngô:1.3 Dương:1 Lý:0.5 Đinh:0.8 Hà:0.6 Trương:0.6 Đoàn:0.5 Đào:0.4 Lương:0.4 Mai:0.4 Cao:0.3 Lâm:0.3 "
    "Lưu:0.2 Tạ:0.2 Triệu:0.2 Lò:0.2 Nông:0.2 Chu:0.2 Vương:0.15 Tô:0.15 Thái:0.1 Kiều:0.1 Quách:0.1 "
    "Lục:0.05 Mạc:0.05 Khúc:0.04 Ưng:0.05"))
_MIDDLE_M = _table(_w(
    "Văn:30 Đức:8 Minh:8 Hữu:6 Đình:6 Quốc:5 Thanh:5 Xuân:5 Công:5 Quang:5 Ngọc:3 Trọng:3 Tiến:3 Thế:3 Duy:3 "
    "Mạnh:2 Anh:2 Hoàng:2 Bá:2 Gia:2 Việt:2 Tuấn:1.5 Hồng:1 Khắc:1 Kim:0.5"))
_MIDDLE_F = _table(_w(
    "Thị:45 Thu:7 Ngọc:7 Thanh:6 Hồng:5 Kim:4 Minh:4 Mỹ:3 Thúy:3 Phương:3 Bích:3 Diệu:2 Khánh:2 Hải:2 "
    "Quỳnh:2 Hoài:2 Lan:1 Hương:1 Tuyết:1"))
_GIVEN_M = _table(_w(
    "An Anh:3 Bình:2 Cường:2 Dũng:3 Dương Đạt:2 Đức:3 Hải:3 Hưng:3 Long:2 Nam:3 Phúc:2 Quân:2 Thắng:2 Tú "
    "Vinh:2 Ưng:0.3 Hùng:3 Tuấn:3 Sơn:2 Minh:3 Khánh Lâm Tùng Hiếu Trung:2 Toàn Thành:2 Hoàng Lộc Kiên Hào "
    "Việt Tâm Huy:2 Khoa Phong Quang:2 Thịnh Trường Hậu Nghĩa Tài Thái Chiến Công Duy:2 Giang Hòa Khôi Lợi "
    "Mạnh Quý Sang Tiến Toản Vũ Bảo Ân Hiển Thuận"))
_GIVEN_F = _table(_w(
    "An Anh:3 Ánh:2 Ảnh:0.3 Bình Chi Diệp Dung:2 Dương Giang Hà:3 Hạnh:2 Hằng:2 Hiền:2 Hoa:2 Hồng Huệ "
    "Hương:3 Huyền:2 Lan:3 Liên Linh:3 Loan Mai:3 My Nga:2 Ngân Ngọc:2 Nhung Oanh Phương:2 Quyên Quỳnh Tâm "
    "Thảo:2 Thu Thủy:2 Trang:3 Tú Uyên:2 Vân Yến:2 Nguyệt Xuân Thư Vy Nhi Nhàn Lụa Thoa Hậu"))

# Old (63-province) CCCD prefixes, weighted for a Hà Nội ward: mostly Hà Nội, then the Red River delta and
# the north-central provinces, a few from elsewhere.
_ID_PREFIX = _table(_w(
    "001:40 027:4 033:5 034:4 035:4 036:4 037:3 038:5 040:4 042:2 030:3 031:2 026:2 025:2 024:2 019:2 022:1 "
    "017:1 014:1 010:0.5 008:0.5 011:0.3 020:1 044:1 046:1 048:1 051:0.5 052:0.5 056:0.5 066:0.5 068:0.5 "
    "075:0.5 079:2 082:0.5 083:0.3 087:0.5 089:0.3 092:0.5 096:0.3"))
# Birth years 1940–2006, most visitors middle-aged (a triangular shape peaking around 1972).
_BIRTH_YEARS = _table([(y, (y - 1939) / 33 if y <= 1972 else (2007 - y) / 35) for y in range(1940, 2007)])
# Century/sex digit and 2-digit birth year: 1900s 0 = male, 1 = female; 2000s 2 / 3 (BRIEF §8).
_ID_HEAD = {female: {y: f"{(y // 100 - 19) * 2 + female}{y % 100:02d}" for y in range(1940, 2007)}
            for female in (False, True)}
_CMND_PREFIX = ("01", "01", "01", "11", "12", "13", "14", "16", "17", "03", "15", "18", "03", "16")
# 10-digit mobile prefixes in use since the 2018 migration (Viettel 03x/086/096–098, Mobifone 070/076–079/089/
# 090/093, Vinaphone 081–085/088/091/094).
_PHONE_PREFIX = _table(_w(
    "032 033 034 035 036 037 038 039 086:1.5 096:2 097:2.5 098:2.5 070 076 077 078 079 089 090:2 093:1.5 "
    "081 082 083 084 085 088 091:2 094:1.5 092:0.3"))

_HAMLETS_RURAL = (_w(
    "Thôn_Đông:3 Thôn_Đoài:3 Thôn_Thượng:3 Thôn_Hạ:3 Thôn_Trung Xóm_1:3 Xóm_2:3 Xóm_3:2 Xóm_4 Xóm_Mới "
    "Ấp_Bình_Trung:2 Ấp_Tân_Lập Bản_Nà_Khương:1.5 Thôn_Phú_Mỹ Xóm_Chùa"))
_RURAL = _table(_HAMLETS_RURAL, 1000)
_HAMLETS_WARD = [(f"Tổ dân phố số {i}", w) for i, w in zip(range(1, 13), (3, 3, 3, 4, 3, 3, 2, 2, 2, 2, 1.5, 1.5))]
_STREETS_BA_DINH = ("phố Đội Cấn", "phố Liễu Giai", "phố Kim Mã", "phố Quán Thánh", "phố Hoàng Hoa Thám",
                    "phố Văn Cao", "phố Ngọc Hà", "phố Đào Tấn", "phố Giảng Võ", "phố Nguyễn Thái Học",
                    "phố Phan Đình Phùng", "phố Cửa Bắc", "phố Vĩnh Phúc", "phố Linh Lang")
_STREETS_OTHER = ("đường Lê Lợi", "đường Trần Hưng Đạo", "đường Nguyễn Trãi", "đường Hai Bà Trưng",
                  "đường Lý Thường Kiệt", "đường Quang Trung", "đường Lê Duẩn", "đường Hùng Vương")

# ------------------------------------------------------------------------------------------------------------
# Contents. Each template: (text, topic, respondent) — topic picks the bodies a case is forwarded to.
# Placeholders: {h} hamlet, {x} "xã"/"phường", {X} "UBND xã", {y} year, {mo} month, {m} m², {len} metres,
# {money} amount, {p} a person's name with "ông"/"bà", {n} small count.
# ------------------------------------------------------------------------------------------------------------

_FORWARD_BODIES = {
    "land": ("Văn phòng đăng ký đất đai tỉnh", "Chi nhánh Văn phòng đăng ký đất đai khu vực",
             "Sở Nông nghiệp và Môi trường", "Tòa án nhân dân khu vực"),
    "compensation": ("Ban Quản lý dự án đầu tư xây dựng khu vực", "Sở Nông nghiệp và Môi trường",
                     "Thanh tra tỉnh", "Tòa án nhân dân khu vực"),
    "social": ("Sở Nội vụ", "Bảo hiểm xã hội tỉnh", "Sở Y tế"),
    "environment": ("Sở Nông nghiệp và Môi trường", "Công an {x}", "Thanh tra tỉnh"),
    "construction": ("Sở Xây dựng", "Thanh tra tỉnh", "Công an {x}"),
    "road": ("Sở Xây dựng", "Ban Quản lý dự án đầu tư xây dựng khu vực", "Công an {x}"),
    "security": ("Công an {x}", "Công an tỉnh"),
    "official": ("Thanh tra tỉnh", "Ủy ban Kiểm tra Đảng ủy {x}", "Công an tỉnh"),
    "education": ("Sở Giáo dục và Đào tạo", "Sở Nội vụ"),
    "power": ("Công ty Điện lực khu vực", "Sở Công Thương"),
    "water": ("Công ty cổ phần cấp nước", "Sở Xây dựng"),
    "irrigation": ("Công ty TNHH MTV Khai thác công trình thủy lợi", "Sở Nông nghiệp và Môi trường"),
    "civil": ("Tòa án nhân dân khu vực", "Tổ hòa giải cơ sở"),
}

_CONTENT = {
    "complaint": (
        ("Khiếu nại quyết định thu hồi đất của gia đình tại {h}, cho rằng diện tích bồi thường thấp hơn thực tế "
         "khoảng {m} m².", "compensation", "Chủ tịch {X}"),
        ("Khiếu nại mức hỗ trợ tái định cư khi làm đường liên {x} qua {h}.", "compensation", "{X}"),
        ("Khiếu nại việc {X} không cấp giấy xác nhận hộ nghèo năm {y} cho gia đình.", "social", "{X}"),
        ("Khiếu nại việc cắt trợ cấp xã hội hằng tháng đối với mẹ đẻ là người cao tuổi từ tháng {mo}/{y}.",
         "social", "Chủ tịch {X}"),
        ("Khiếu nại đơn giá bồi thường cây trồng, vật kiến trúc trên đất nông nghiệp tại {h} không đúng quy định.",
         "compensation", "Hội đồng bồi thường, hỗ trợ và tái định cư"),
        ("Khiếu nại việc {X} chậm giải quyết hồ sơ cấp giấy chứng nhận quyền sử dụng đất đã nộp từ tháng "
         "{mo}/{y}.", "land", "{X}"),
        ("Khiếu nại quyết định xử phạt vi phạm hành chính trong lĩnh vực xây dựng đối với nhà ở của gia đình tại "
         "{h}.", "construction", "Chủ tịch {X}"),
        ("Khiếu nại việc xét duyệt hồ sơ hưởng chế độ người có công với cách mạng của bố đẻ không đúng quy định.",
         "social", "{X}"),
        ("Khiếu nại việc thu tiền đóng góp xây dựng nhà văn hóa {h} ngoài quy định, mức {money}/hộ.",
         "official", "Ban công tác Mặt trận {h}"),
        ("Khiếu nại việc gia đình không được xét hỗ trợ xây dựng nhà ở cho hộ nghèo dù đủ điều kiện.", "social",
         "{X}"),
        ("Khiếu nại việc xác định nguồn gốc đất khi đo đạc lại bản đồ địa chính tại {h}: phần diện tích {m} m² "
         "của gia đình bị ghi là đất công.", "land", "{X}"),
        ("Khiếu nại kết quả hòa giải tranh chấp ranh giới đất với hộ liền kề tại {h}.", "civil",
         "Tổ hòa giải {h}"),
        ("Khiếu nại việc không được cấp thẻ bảo hiểm y tế cho người thuộc hộ cận nghèo năm {y}.", "social",
         "{X}"),
        ("Khiếu nại việc {X} từ chối chứng thực hợp đồng chuyển nhượng quyền sử dụng đất tại {h}.", "land",
         "Chủ tịch {X}"),
        ("Khiếu nại quyết định cưỡng chế tháo dỡ công trình phụ của gia đình tại {h}.", "construction",
         "Chủ tịch {X}"),
        ("Khiếu nại việc không được hỗ trợ chuyển đổi nghề nghiệp khi bị thu hồi {m} m² đất nông nghiệp.",
         "compensation", "{X}"),
    ),
    "denunciation": (
        ("Tố cáo cán bộ địa chính {x} nhận tiền khi làm thủ tục tách thửa tại {h}.", "official",
         "{p}, công chức địa chính - xây dựng {x}"),
        ("Tố cáo hộ kinh doanh ở {h} lấn chiếm hành lang an toàn giao thông và đe dọa người phản ánh.",
         "security", "Hộ kinh doanh {p}"),
        ("Tố cáo Trưởng ban công tác Mặt trận {h} thu các khoản đóng góp của người dân nhưng không công khai "
         "thu chi.", "official", "{p}, Trưởng ban công tác Mặt trận {h}"),
        ("Tố cáo việc bình xét hộ nghèo, hộ cận nghèo năm {y} tại {h} không khách quan, có người thân của cán "
         "bộ được ưu tiên.", "official", "{p}, Trưởng {h}"),
        ("Tố cáo cá nhân khai thác cát trái phép trên sông đoạn qua {h} vào ban đêm.", "environment", "{p}"),
        ("Tố cáo công chức tư pháp - hộ tịch {x} có thái độ hách dịch, gây khó khăn khi chứng thực giấy tờ.",
         "official", "{p}, công chức tư pháp - hộ tịch {x}"),
        ("Tố cáo nhà thầu thi công nhà văn hóa {h} bớt xén vật liệu, chất lượng công trình không bảo đảm.",
         "construction", "Công ty TNHH xây dựng {co}"),
        ("Tố cáo cán bộ {x} lập hồ sơ khống để nhận tiền hỗ trợ người lao động mất việc.", "official",
         "{p}, cán bộ văn hóa - xã hội {x}"),
        ("Tố cáo hộ gia đình tại {h} tổ chức đánh bạc, gây mất an ninh trật tự khu dân cư.", "security", "{p}"),
        ("Tố cáo việc giao đất dịch vụ tại {h} không đúng đối tượng, thiếu công khai.", "official",
         "{p}, nguyên Phó Chủ tịch {X}"),
        ("Tố cáo cơ sở sản xuất tại {h} xả nước thải chưa qua xử lý ra kênh tưới.", "environment",
         "Cơ sở sản xuất {p}"),
        ("Tố cáo cán bộ thu thuế nhận tiền của các hộ kinh doanh tại chợ {h}.", "official", "{p}"),
    ),
    "petition": (
        ("Kiến nghị sửa chữa tuyến kênh nội đồng {h} bị sạt lở trước mùa mưa.", "irrigation", None),
        ("Kiến nghị xem xét hỗ trợ học phí cho con em hộ cận nghèo.", "education", None),
        ("Kiến nghị lắp đèn chiếu sáng đoạn đường từ {h} ra trường tiểu học.", "road", None),
        ("Kiến nghị nâng cấp, bê tông hóa tuyến đường ngõ {h} dài khoảng {len} m đã xuống cấp.", "road", None),
        ("Kiến nghị nạo vét mương thoát nước {h} để chống ngập úng khi mưa lớn.", "irrigation", None),
        ("Kiến nghị sớm cấp giấy chứng nhận quyền sử dụng đất cho các hộ tại khu giãn dân {h}.", "land", None),
        ("Kiến nghị bố trí thêm điểm tập kết rác thải sinh hoạt tại {h} và tăng số lần thu gom.", "environment",
         None),
        ("Kiến nghị xem xét cho gia đình hưởng trợ cấp xã hội hằng tháng đối với người khuyết tật nặng.",
         "social", None),
        ("Kiến nghị lắp biển báo, gờ giảm tốc tại ngã ba đầu {h}, nơi thường xảy ra va chạm giao thông.", "road",
         None),
        ("Kiến nghị công khai dự toán và quyết toán kinh phí xây dựng nhà văn hóa {h}.", "official", None),
        ("Kiến nghị hỗ trợ giống, phân bón cho các hộ bị thiệt hại do mưa bão tại {h}.", "social", None),
        ("Kiến nghị sửa chữa trạm bơm tưới tiêu phục vụ sản xuất vụ đông xuân tại {h}.", "irrigation", None),
        ("Kiến nghị giải quyết tình trạng mất nước sinh hoạt kéo dài tại {h}.", "water", None),
        ("Kiến nghị miễn, giảm tiền sử dụng đất khi chuyển đất vườn sang đất ở cho hộ nghèo.", "land", None),
        ("Kiến nghị bố trí lớp học bán trú cho học sinh tiểu học ở {h}.", "education", None),
        ("Kiến nghị kéo đường dây điện hạ thế mới cho {n} hộ cuối {h}, điện áp thường xuyên yếu.", "power",
         None),
    ),
    "reflection": (
        ("Phản ánh tình trạng xả rác thải chăn nuôi ra mương thoát nước chung ở {h}.", "environment", None),
        ("Phản ánh tiếng ồn của xưởng mộc hoạt động sau 22 giờ tại {h}.", "environment", None),
        ("Phản ánh việc chậm chi trả tiền trợ cấp cho người có công.", "social", None),
        ("Phản ánh công trình xây dựng không phép, lấn chiếm đất công tại {h}.", "construction", None),
        ("Phản ánh xe chở vật liệu xây dựng làm rơi vãi đất cát trên đường qua {h}.", "road", None),
        ("Phản ánh quán karaoke tại {h} hát to sau 23 giờ, ảnh hưởng sinh hoạt của các hộ xung quanh.",
         "security", None),
        ("Phản ánh mùi hôi từ trang trại chăn nuôi lợn gần khu dân cư {h}.", "environment", None),
        ("Phản ánh việc đổ trộm phế thải xây dựng ven đường vào {h}.", "environment", None),
        ("Phản ánh tình trạng họp chợ tạm, lấn chiếm lòng đường tại {h}.", "road", None),
        ("Phản ánh việc cắt điện không báo trước tại {h}, ảnh hưởng sản xuất và sinh hoạt.", "power", None),
        ("Phản ánh thái độ thiếu niềm nở của công chức bộ phận một cửa khi tiếp nhận hồ sơ.", "official", None),
        ("Phản ánh việc đốt rơm rạ, rác thải gây khói bụi tại cánh đồng {h}.", "environment", None),
        ("Phản ánh nguồn nước giếng khoan tại {h} có mùi lạ sau khi cơ sở sản xuất gần đó hoạt động.",
         "environment", None),
        ("Phản ánh hệ thống thoát nước {h} bị tắc, nước thải tràn ra đường.", "irrigation", None),
        ("Phản ánh việc xây dựng nhà ở sai phép, vượt số tầng được cấp phép tại {h}.", "construction", None),
    ),
    "mixed": (
        ("Khiếu nại mức bồi thường đất nông nghiệp tại {h}, đồng thời tố cáo cán bộ kiểm đếm ghi sai diện tích.",
         "compensation", "{X}"),
        ("Kiến nghị cấp giấy chứng nhận quyền sử dụng đất và phản ánh việc hộ liền kề xây tường lấn sang đất "
         "của gia đình tại {h}.", "land", None),
        ("Phản ánh ô nhiễm từ cơ sở tái chế nhựa tại {h} và tố cáo chủ cơ sở đe dọa người dân.", "environment",
         "Cơ sở tái chế {p}"),
        ("Kiến nghị sửa đường {h}, đồng thời khiếu nại việc thu tiền đóng góp làm đường không đúng quy định.",
         "road", "Ban phát triển {h}"),
        ("Khiếu nại việc không được xét hộ cận nghèo và phản ánh việc bình xét tại {h} thiếu công khai.",
         "social", "{X}"),
    ),
}
# Farming matters: they happen in villages, not in a town's residential groups.
_RURAL_WORDS = ("nội đồng", "tưới", "cánh đồng", "chăn nuôi", "nông nghiệp", "nuôi ong", "lúa", "cát trái phép",
                "rơm rạ", "giống, phân bón", "nông sản", "giãn dân")
_RURAL_TEXTS = frozenset(t[0] for ts in _CONTENT.values() for t in ts if any(w in t[0] for w in _RURAL_WORDS))
# Topics a group (đoàn đông người) typically comes about, and the templates that fit a group.
_GROUP_TOPICS = frozenset({"compensation", "environment", "road", "irrigation", "land", "official", "construction"})
_GROUP_CONTENT = {cat: tuple(t for t in ts if t[1] in _GROUP_TOPICS) or ts for cat, ts in _CONTENT.items()}
_AMOUNTS = (200, 300, 500, 800, 1000, 1500, 2000)
_FORMATTER = string.Formatter()
_EXTRAS: dict[str, frozenset] = {}  # template -> the placeholders it uses besides {h} {x} {X} (filled lazily)
_COMPANIES = ("Hưng Thịnh", "Phát Đạt", "Thành Công", "An Phú", "Minh Long", "Đại Việt", "Trường An")

_CATEGORY_RECEPTION = _table(_w("complaint:30 denunciation:10 petition:22 reflection:33 mixed:5", False))
_CATEGORY_PETITION = _table(_w("complaint:34 denunciation:13 petition:30 reflection:16 mixed:7", False))
_MODE = _table(_w("regular:22 scheduled:45 adhoc:33", False))
_DIRECTION_RECEPTION = _table(_w("accept:30 guide:32 forward:38", False))
_SOURCE = _table(_w("post:30 in_person:24 leader:10 forwarded:18 press:2 online:9 other:7", False))

_PRIOR_HANDLERS = ("Tổ hòa giải cơ sở {h}", "Trưởng {h}", "{X}", "Công an {x}", "UBND huyện (cũ, trước 01/07/2025)",
                   "Ban công tác Mặt trận {h}", "Chi nhánh Văn phòng đăng ký đất đai khu vực")
_INELIGIBLE = _table(_w(
    "Đơn_không_ghi_rõ_họ_tên,_địa_chỉ_người_viết_đơn:3 Đơn_không_có_chữ_ký_hoặc_điểm_chỉ_của_người_viết_đơn:2 "
    "Đơn_không_ghi_ngày,_tháng,_năm_viết_đơn "
    "Vụ_việc_đã_được_giải_quyết,_không_còn_quyền_khiếu_nại_tiếp:2 "
    "Đơn_gửi_nhiều_nơi,_đã_gửi_đến_cơ_quan_có_thẩm_quyền_giải_quyết "
    "Đã_được_hướng_dẫn_một_lần_về_cùng_nội_dung:2 "
    "Nội_dung_đơn_không_rõ_ràng,_không_có_căn_cứ_xác_minh"))
_EXTENSION_REASONS = ("Vụ việc phức tạp, cần xác minh thêm tại nhiều địa điểm",
                      "Cần trưng cầu giám định tài liệu, chứng cứ",
                      "Phải lấy ý kiến của cơ quan chuyên môn cấp tỉnh",
                      "Nhiều người tố cáo, nhiều nội dung cần xác minh")
_RECEPTION_NOTES = ("Công dân đến lần thứ 2 về cùng nội dung.", "Có đơn kèm theo.",
                    "Công dân cung cấp bản sao giấy tờ liên quan.", "Công dân đề nghị được gặp Chủ tịch UBND.",
                    "Đã tiếp nhiều lần về cùng nội dung.", "Công dân được người thân đi cùng.")
_PETITION_FORWARDED_NOTE = "Do {body} chuyển đến."

_RESULT_ACCEPT = ("Đã giải quyết, trả lời công dân bằng văn bản ngày {d}.",
                  "Đã tổ chức đối thoại ngày {d}; công dân đồng ý với kết quả giải quyết.",
                  "Đã kiểm tra, xác minh tại thực địa; thông báo kết quả cho công dân ngày {d}.",
                  "Công dân rút đơn ngày {d} sau khi được giải thích, vận động.",
                  "Đã chỉ đạo bộ phận chuyên môn xử lý; trả lời công dân ngày {d}.")
_RESULT_FORWARD = ("{body} đã có văn bản trả lời ngày {d}.", "Đã chuyển đơn ngày {d}; đang theo dõi kết quả.",
                   "Đã đôn đốc {body} giải quyết; có kết quả ngày {d}.")
_RESULT_GUIDE = ("Công dân đã gửi đơn đến cơ quan có thẩm quyền theo hướng dẫn.",
                 "Đã hướng dẫn công dân làm thủ tục tại Bộ phận một cửa; công dân đã nộp hồ sơ ngày {d}.",
                 "Đã hướng dẫn công dân khởi kiện tại Tòa án nhân dân khu vực.")

# ------------------------------------------------------------------------------------------------------------
# "Dân vận khéo" models: (name, field, kind, owners) — owners use {h} / {x}; an individual's owner is the person.
# ------------------------------------------------------------------------------------------------------------

_MODEL_THEMES = (
    ("Mô hình liên kết trồng lúa hữu cơ {h}", "economy", "collective",
     ("Chi hội Nông dân {h}", "Chi hội Phụ nữ {h}", "Hợp tác xã nông nghiệp {h}")),
    ("Tổ hợp tác nuôi ong lấy mật {h}", "economy", "collective",
     ("Chi hội Nông dân {h}", "Chi hội Cựu chiến binh {h}")),
    ("Mô hình \"Phụ nữ giúp nhau phát triển kinh tế\" {h}", "economy", "collective", ("Chi hội Phụ nữ {h}",)),
    ("Tổ tiết kiệm và vay vốn giúp hộ cận nghèo thoát nghèo {h}", "economy", "collective",
     ("Chi hội Phụ nữ {h}", "Chi hội Cựu chiến binh {h}")),
    ("Chợ phiên nông sản sạch {h}", "economy", "collective", ("Chi đoàn Thanh niên {h}", "Chi hội Nông dân {h}")),
    ("Tổ tự quản đường hoa, đường cây xanh {h}", "culture_society", "collective",
     ("Chi hội Phụ nữ {h}", "Ban công tác Mặt trận {h}")),
    ("Mô hình \"Ngày Chủ nhật xanh\" thu gom rác thải nhựa {h}", "culture_society", "collective",
     ("Chi đoàn Thanh niên {h}", "Chi hội Phụ nữ {h}")),
    ("Phân loại rác thải sinh hoạt tại nguồn {h}", "culture_society", "collective",
     ("Ban công tác Mặt trận {h}", "Chi hội Phụ nữ {h}")),
    ("Tủ sách cộng đồng {h}", "culture_society", "collective", ("Chi đoàn Thanh niên {h}", "Chi hội Khuyến học {h}")),
    ("Câu lạc bộ dưỡng sinh người cao tuổi {h}", "culture_society", "collective", ("Chi hội Người cao tuổi {h}",)),
    ("Camera an ninh kết nối cộng đồng {h}", "defense_security", "collective",
     ("Chi hội Phụ nữ {h}", "Ban công tác Mặt trận {h}", "Công an {x}")),
    ("Tổ tự quản an ninh trật tự {h}", "defense_security", "collective", ("Ban công tác Mặt trận {h}", "Công an {x}")),
    ("Khu dân cư không có tội phạm và tệ nạn ma túy {h}", "defense_security", "collective",
     ("Ban công tác Mặt trận {h}", "Chi đoàn Thanh niên {h}")),
    ("Tổ liên gia an toàn phòng cháy, chữa cháy {h}", "defense_security", "collective",
     ("Ban công tác Mặt trận {h}", "Công an {x}")),
    ("Chi bộ gương mẫu vận động hiến đất làm đường {h}", "party_building", "collective",
     ("Chi bộ {h}", "Chi hội Phụ nữ {h}")),
    ("Mô hình \"Ngày thứ Bảy cùng dân\" của Chi bộ {h}", "party_building", "collective", ("Chi bộ {h}",)),
    ("Mô hình \"Mỗi đảng viên phụ trách một nhóm hộ\" {h}", "party_building", "collective", ("Chi bộ {h}",)),
    ("Tiếp nhận, trả lời phản ánh của người dân qua nhóm Zalo {h}", "party_building", "collective",
     ("Chi bộ {h}", "Ban công tác Mặt trận {h}")),
    ("Cựu chiến binh {p} giúp hộ nghèo phát triển chăn nuôi", "economy", "individual", ()),
    ("Hội viên phụ nữ {p} dạy nghề may miễn phí cho lao động nữ", "economy", "individual", ()),
    ("Thanh niên {p} khởi nghiệp trồng rau thủy canh, tạo việc làm cho thanh niên địa phương", "economy",
     "individual", ()),
    ("Đảng viên {p} vận động nhân dân hiến đất mở rộng đường {h}", "party_building", "individual", ()),
    ("Người có uy tín {p} vận động nhân dân {h} thực hiện nếp sống văn minh trong việc cưới, việc tang",
     "culture_society", "individual", ()),
    ("Nhà giáo {p} mở lớp học tình thương cho trẻ em có hoàn cảnh khó khăn", "culture_society", "individual", ()),
    ("Bác sĩ {p} khám bệnh, cấp thuốc miễn phí cho người cao tuổi {h}", "culture_society", "individual", ()),
    ("Công an viên {p} vận động người dân giao nộp vũ khí, vật liệu nổ", "defense_security", "individual", ()),
)

_RURAL_TEXTS |= frozenset(t[0] for t in _MODEL_THEMES if any(w in t[0] for w in _RURAL_WORDS))

# The situation (thực trạng và lý do) each model answers; the field's generic sentences are used otherwise.
_THEME_SITUATION = {
    "Mô hình liên kết trồng lúa hữu cơ {h}": "Các hộ ở {h} trồng lúa nhỏ lẻ, lạm dụng phân bón, thuốc bảo vệ thực vật; "
                                             "giá bán thấp.",
    "Tổ hợp tác nuôi ong lấy mật {h}": "Vùng đồi, vườn cây ăn quả ở {h} có nguồn hoa dồi dào nhưng chưa được "
                                       "khai thác.",
    "Tổ tiết kiệm và vay vốn giúp hộ cận nghèo thoát nghèo {h}":
        "Nhiều hộ cận nghèo ở {h} thiếu vốn sản xuất, phải vay nóng với lãi suất cao.",
    "Chợ phiên nông sản sạch {h}": "Nông sản của các hộ ở {h} tiêu thụ qua thương lái, giá bấp bênh.",
    "Tủ sách cộng đồng {h}": "Thiếu không gian đọc cho học sinh và người dân ở {h}; sách báo ít được tiếp cận.",
    "Câu lạc bộ dưỡng sinh người cao tuổi {h}": "{h} có đông người cao tuổi, ít có điều kiện rèn luyện sức khỏe, "
                                                "sinh hoạt cộng đồng.",
    "Tổ liên gia an toàn phòng cháy, chữa cháy {h}":
        "Nhiều nhà ở {h} kết hợp sản xuất, kinh doanh; ngõ nhỏ, nguy cơ cháy nổ cao.",
    "Mô hình \"Ngày Chủ nhật xanh\" thu gom rác thải nhựa {h}": "Rác thải nhựa ở {h} còn bị vứt bừa bãi ven đường, "
                                                               "ven kênh; ý thức giữ gìn vệ sinh chưa cao.",
    "Phân loại rác thải sinh hoạt tại nguồn {h}": "Lượng rác thải sinh hoạt ở {h} ngày càng tăng, chưa được phân loại, "
                                                  "chi phí thu gom, xử lý lớn.",
    "Chi bộ gương mẫu vận động hiến đất làm đường {h}": "Đường ngõ ở {h} hẹp, xuống cấp; một số hộ còn băn khoăn khi "
                                                        "hiến đất mở đường.",
    "Hội viên phụ nữ {p} dạy nghề may miễn phí cho lao động nữ":
        "Nhiều lao động nữ ở {h} không có việc làm ổn định sau khi thu hồi đất nông nghiệp.",
    "Thanh niên {p} khởi nghiệp trồng rau thủy canh, tạo việc làm cho thanh niên địa phương":
        "Thanh niên ở {h} phần lớn đi làm ăn xa; đất sản xuất ít, nhu cầu rau sạch của người dân lớn.",
    "Đảng viên {p} vận động nhân dân hiến đất mở rộng đường {h}":
        "Đường vào {h} hẹp, xe cứu thương, xe chữa cháy khó đi vào.",
    "Người có uy tín {p} vận động nhân dân {h} thực hiện nếp sống văn minh trong việc cưới, việc tang":
        "Việc cưới, việc tang ở {h} còn kéo dài, tốn kém, ảnh hưởng vệ sinh môi trường.",
    "Nhà giáo {p} mở lớp học tình thương cho trẻ em có hoàn cảnh khó khăn":
        "Một số trẻ em ở {h} có hoàn cảnh khó khăn, học lực yếu, có nguy cơ bỏ học.",
    "Bác sĩ {p} khám bệnh, cấp thuốc miễn phí cho người cao tuổi {h}":
        "Nhiều người cao tuổi ở {h} mắc bệnh mạn tính, ít có điều kiện đi khám định kỳ.",
    "Công an viên {p} vận động người dân giao nộp vũ khí, vật liệu nổ":
        "Trên địa bàn {h} còn một số hộ cất giữ vũ khí thô sơ, vật liệu nổ, tiềm ẩn nguy cơ mất an toàn.",
    "Cựu chiến binh {p} giúp hộ nghèo phát triển chăn nuôi":
        "Còn {n} hộ nghèo, cận nghèo ở {h} thiếu vốn và kỹ thuật chăn nuôi.",
}

_MODEL_SITUATION = {
    "economy": ("Nhiều hộ ở {h} sản xuất nhỏ lẻ, thu nhập thấp; còn {n} hộ nghèo, cận nghèo cần được hỗ trợ.",
                "Lao động nông nhàn ở {h} đông, thiếu việc làm ổn định, nhất là lao động nữ."),
    "culture_society": ("Vệ sinh môi trường ở {h} chưa bảo đảm, rác thải còn đổ bừa bãi ven đường, ven kênh.",
                        "Đời sống văn hóa tinh thần của người dân {h}, nhất là người cao tuổi và trẻ em, còn hạn chế."),
    "defense_security": ("Tình hình trộm cắp vặt, tệ nạn xã hội ở {h} có lúc diễn biến phức tạp.",
                         "Nhiều ngõ nhỏ ở {h} thiếu chiếu sáng, khó kiểm soát người lạ ra vào."),
    "party_building": ("Việc nắm bắt tâm tư, nguyện vọng của nhân dân {h} có lúc chưa kịp thời.",
                       "Một số kiến nghị của người dân {h} chậm được giải quyết, ảnh hưởng đến niềm tin của nhân dân."),
}
_MODEL_GOALS = {
    "economy": ("Đến cuối năm {y} giúp ít nhất {n} hộ nghèo, cận nghèo có thêm thu nhập ổn định.",
                "100% hộ tham gia được hướng dẫn kỹ thuật; thu nhập bình quân tăng ít nhất 15% so với năm trước.",
                "Huy động nhân dân cùng tham gia, có kết quả cụ thể, có thể nhân rộng."),
    "culture_society": ("100% hộ gia đình ở {h} ký cam kết thực hiện; không còn điểm tập kết rác tự phát.",
                        "Thu hút ít nhất {n} hội viên tham gia sinh hoạt thường xuyên.",
                        "Huy động nhân dân cùng tham gia, có kết quả cụ thể, có thể nhân rộng."),
    "defense_security": ("Không để phát sinh tội phạm, tệ nạn xã hội mới ở {h}; giảm các vụ trộm cắp vặt.",
                         "100% hộ gia đình tham gia tổ liên gia an toàn; phát hiện, báo tin kịp thời.",
                         "Huy động nhân dân cùng tham gia, có kết quả cụ thể, có thể nhân rộng."),
    "party_building": ("Giải quyết dứt điểm kiến nghị của người dân trong 15 ngày; nâng mức độ hài lòng trên 90%.",
                       "Không để phát sinh điểm nóng, khiếu kiện đông người ở {h}.",
                       "Huy động nhân dân cùng tham gia, có kết quả cụ thể, có thể nhân rộng."),
}
_MODEL_METHOD = {
    "economy": ("Khảo sát nhu cầu của các hộ; tổ chức tập huấn kỹ thuật; lựa chọn hộ làm điểm rồi nhân rộng.",
                "Hỗ trợ con giống, vốn vay ưu đãi; hội viên giỏi kèm cặp hộ khó khăn; sơ kết hằng quý."),
    "culture_society": ("Vận động nhân dân đóng góp ngày công, kinh phí; công khai thu chi tại nhà văn hóa; "
                        "gắn với phong trào thi đua của {x}.",
                        "Tuyên truyền tại các buổi sinh hoạt khu dân cư; tổ chức ra quân định kỳ vào sáng Chủ nhật."),
    "defense_security": ("Lắp đặt camera tại các ngõ, điểm giao cắt; phân công thành viên tổ tự quản trực theo ca.",
                         "Phối hợp với Công an {x} tuyên truyền pháp luật; nắm tình hình từng hộ, kịp thời báo tin."),
    "party_building": ("Phân công mỗi đảng viên phụ trách một nhóm hộ; sinh hoạt chi bộ hằng tháng có nội dung nắm "
                       "tình hình nhân dân.",
                       "Lập nhóm Zalo của khu dân cư; tiếp nhận phản ánh, chuyển bộ phận chuyên môn và trả lời trong "
                       "3 ngày."),
}
_MODEL_FORCES = ("Chủ trì: {owner}; phối hợp: Ban công tác Mặt trận, Chi hội Cựu chiến binh; "
                 "tham gia: các hộ gia đình.",
                 "Nòng cốt là đảng viên, hội viên các đoàn thể ở {h}; Công an {x} và Đoàn Thanh niên phối hợp.",
                 "{owner} trực tiếp thực hiện, được Ủy ban MTTQ {x} và các đoàn thể hỗ trợ.")
_MODEL_RESOURCES = ("Kinh phí xã hội hóa {money}; {n} ngày công lao động của nhân dân.",
                    "Ngân sách {x} hỗ trợ {money}; nhân dân đóng góp vật liệu và ngày công.",
                    "Vốn vay Ngân hàng Chính sách xã hội; quỹ hội; sự hỗ trợ của doanh nghiệp trên địa bàn.")
_MODEL_TIMELINE = ("Từ tháng {m1}/{y} đến tháng 11/{y}; sơ kết 6 tháng vào tháng 6/{y}, đánh giá vào tháng 11/{y}.",
                   "Triển khai từ quý I/{y}; kiểm tra giữa kỳ tháng 7/{y}; tổng kết tháng 12/{y}.")
_MODEL_OUTPUTS = {
    "economy": ("{n} hộ thoát nghèo; thu nhập bình quân của hộ tham gia tăng khoảng 20%.",
                "{n} lao động có việc làm thường xuyên; sản phẩm được tiêu thụ ổn định."),
    "culture_society": ("{n} tuyến đường sạch, đẹp; 100% hộ phân loại rác tại nguồn.",
                        "{n} buổi sinh hoạt được tổ chức; trên 200 lượt người tham gia."),
    "defense_security": ("Giảm {n} vụ việc mất an ninh trật tự so với cùng kỳ; không phát sinh tội phạm mới.",
                         "{n} camera được lắp đặt; hỗ trợ Công an {x} làm rõ nhiều vụ việc."),
    "party_building": ("{n} kiến nghị của người dân được giải quyết kịp thời, không để tồn đọng.",
                       "{len} m đường được mở rộng, bê tông hóa; {n} hộ tự nguyện hiến đất."),
}
_MODEL_SUSTAIN = ("Mô hình có thể duy trì lâu dài và nhân rộng ra các thôn, tổ dân phố khác trong {x}.",
                  "Cách làm đơn giản, chi phí thấp, dễ nhân rộng; người dân tự quản sau khi kết thúc hỗ trợ.",
                  "Được nhân dân đồng tình; đã có {n} khu dân cư khác đăng ký học tập, làm theo.")

# ------------------------------------------------------------------------------------------------------------
# Dialogues: (topic, a commitment that fits it)
# ------------------------------------------------------------------------------------------------------------

_DIALOGUE_TOPICS = (
    ("giải phóng mặt bằng và xây dựng nông thôn mới",
     "Công khai phương án bồi thường tại nhà văn hóa; tổ chức đối thoại riêng với các hộ còn vướng mắc."),
    ("bồi thường, hỗ trợ tái định cư dự án đường liên {x}",
     "Rà soát lại đơn giá bồi thường, trả lời các hộ trong 30 ngày."),
    ("thu gom, xử lý rác thải sinh hoạt", "Tăng tần suất thu gom rác lên hằng ngày; bố trí thêm điểm tập kết."),
    ("cấp giấy chứng nhận quyền sử dụng đất",
     "Lập danh sách hồ sơ tồn đọng, phối hợp Văn phòng đăng ký đất đai giải quyết trong quý tới."),
    ("thực hiện chính sách an sinh xã hội", "Rà soát, bổ sung các đối tượng đủ điều kiện hưởng trợ cấp trong tháng."),
    ("an ninh trật tự và phòng, chống ma túy", "Tăng cường tuần tra ban đêm; lắp thêm camera tại các ngõ."),
    ("chỉnh trang đô thị, trật tự vỉa hè", "Ra quân lập lại trật tự vỉa hè; bố trí điểm trông giữ xe."),
    ("dịch vụ công trực tuyến và chuyển đổi số",
     "Bố trí đoàn viên thanh niên hướng dẫn người dân nộp hồ sơ trực tuyến."),
    ("sắp xếp thôn, tổ dân phố sau sáp nhập", "Công khai phương án sắp xếp; lấy ý kiến cử tri từng hộ."),
    ("nâng cấp hệ thống thoát nước chống ngập úng",
     "Bố trí kinh phí nạo vét, sửa chữa trong kế hoạch năm sau; giao Ban công tác Mặt trận giám sát."),
    ("thực hiện dân chủ ở cơ sở, công khai thu chi các khoản đóng góp",
     "Niêm yết công khai thu chi tại nhà văn hóa hằng quý."),
)
_DIALOGUE_COMMITMENTS = ("Trả lời bằng văn bản các kiến nghị trong 15 ngày.",
                         "Giao bộ phận chuyên môn kiểm tra thực địa, báo cáo Chủ tịch UBND trong 10 ngày.",
                         "Tiếp thu các ý kiến, giải trình ngay tại hội nghị những nội dung thuộc thẩm quyền.")
_DIALOGUE_FOLLOW_UP = ("Đã trả lời bằng văn bản {k}/{t} kiến nghị; {r} kiến nghị đang chờ ý kiến của cấp tỉnh.",
                       "Đã hoàn thành {k}/{t} nội dung cam kết; các nội dung còn lại đưa vào kế hoạch năm sau.",
                       "Đã kiểm tra thực địa và thông báo kết quả cho nhân dân tại buổi sinh hoạt khu dân cư.")


# ------------------------------------------------------------------------------------------------------------
# The generator
# ------------------------------------------------------------------------------------------------------------


def generate(n: int, seed: int = 2026, today: date = date(2026, 11, 23),
             unit_name: str = "Phường Ba Đình", now: datetime | None = None) -> Iterator[dict]:
    """Yield `n` demo records in the exchange format, in date order; deterministic for (n, seed, today, unit_name,
    now).

    `today` is the last possible date (inject the app clock's today); `unit_name` decides the wording ("xã" /
    "phường") and whether addresses have streets. A reception of today is no later than `now` (the clock's time)
    — without it, no later than 07:00, when office hours start — so the book passes "no time later today".
    Raises ValueError for a negative `n`.
    """
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise ValueError(f"n must be a non-negative int, not {n!r}")
    return _Gen(seed, today, unit_name, now).run(n)


class _Gen:
    def __init__(self, seed: int, today: date, unit_name: str, now: datetime | None = None):
        self.rng = Random(seed)
        self.today = today
        self.t = today.toordinal()
        self.latest_minute = now.hour * 60 + now.minute if now is not None and now.date() == today else 7 * 60
        self.unit_name = unit_name
        low = unit_name.strip().casefold()
        if low.startswith("phường"):
            self.x = "phường"
        elif low.startswith("đặc khu"):
            self.x = "đặc khu"
        else:
            self.x = "xã"
        self.X = f"UBND {self.x}"
        self.is_ward = self.x == "phường"
        # A ward is mostly residential groups (tổ dân phố), a commune mostly villages (thôn, xóm, ấp, bản); since
        # the 2025 mergers both keep some of the other kind.
        ward_w, rural_w = (1.0, 0.35) if self.is_ward else (0.3, 1.0)
        self.hamlets_for_address = _table([(h, w * ward_w) for h, w in _HAMLETS_WARD]
                                          + [(h, w * rural_w) for h, w in _HAMLETS_RURAL], 1000)
        self.r = self.rng.random
        self.bits = self.rng.getrandbits
        self.bodies = {topic: tuple(b.format(x=self.x) for b in bodies) for topic, bodies in _FORWARD_BODIES.items()}
        self.filled: dict[tuple[str, str], str] = {}  # (template, hamlet) -> text, for templates with no extras
        self.streets = _STREETS_BA_DINH if "ba đình" in low else _STREETS_OTHER
        # Name pools drawn once (speed); a pool of a few thousand names per sex keeps the real frequencies.
        self.names_m = tuple(self.name(False) for _ in range(3000))
        self.names_f = tuple(self.name(True) for _ in range(3000))
        self._calendar()
        self.used_ids: set[str] = set()
        self.people: list[tuple] = []  # persons seen so far (returning visitors)
        self.receptions: list[tuple] = []  # (ordinal, id, persons, content, category, topic)
        self.petitions: list[tuple] = []  # (ordinal, id, persons, content, category, topic)
        self.plant: list[tuple] = []  # names to plant: (from record index, (name, female, birth year))

    # -- calendar ---------------------------------------------------------------------------------------------

    def _calendar(self):
        from app.domain.workdays import WorkCalendar  # pure computation (the `holidays` package), no I/O

        cal = WorkCalendar()
        self.start = self.t - _WINDOW_DAYS + 1
        self.base = self.start - 10
        end = self.t + 400  # handling dates are computed past today, then compared with it
        iso, work, saturdays, next_work_index, work_ords = [], [], [], [], []
        for o in range(self.base, end + 1):
            d = date.fromordinal(o)
            iso.append(d.isoformat())
            if cal.is_working_day(d):
                work_ords.append(o)
                if self.start <= o <= self.t:
                    work.append(o)
            elif d.weekday() == 5 and not cal.is_public_holiday(d) and self.start <= o <= self.t:
                saturdays.append(o)
        # next_work_index[o - base] = index in work_ords of the first working day >= o
        j = 0
        for o in range(self.base, end + 1):
            while j < len(work_ords) and work_ords[j] < o:
                j += 1
            next_work_index.append(j)
        self.iso = iso
        self.work = work
        self.saturdays = saturdays or work
        self.work_ords = work_ords
        self.next_work_index = next_work_index
        self.end = end
        self.vn = {}  # ordinal -> dd/mm/yyyy, filled lazily

    def d(self, o: int) -> str:
        return self.iso[o - self.base]

    def vn_date(self, o: int) -> str:
        s = self.vn.get(o)
        if s is None:
            y, m, dd = self.iso[o - self.base].split("-")
            s = self.vn[o] = f"{dd}/{m}/{y}"
        return s

    def add_work(self, o: int, k: int) -> int:
        """The k-th working day after o (k >= 1), or the next working day on or after o for k == 0."""
        if o > self.end - 30:
            return self.end
        i = self.next_work_index[o - self.base]
        if k and self.work_ords[i] == o:
            i += k
        else:
            i += max(k - 1, 0)
        return self.work_ords[min(i, len(self.work_ords) - 1)]

    def next_work(self, o: int) -> int:
        return self.add_work(o, 0)

    # -- small helpers ----------------------------------------------------------------------------------------

    def pick(self, table: tuple):
        return table[int(self.r() * len(table))]

    choice = pick

    def randint(self, a: int, b: int) -> int:
        return a + int(self.r() * (b - a + 1))

    def randrange(self, a: int, b: int, step: int = 1) -> int:
        return a + step * int(self.r() * ((b - a + step - 1) // step))

    def uniform(self, a: float, b: float) -> float:
        return a + (b - a) * self.r()

    def new_id(self, o: int, minute: int) -> str:
        """A UUIDv7-shaped id: 48-bit Unix ms of the record's local time (UTC+7) + 74 seeded random bits."""
        b = self.bits(90)  # 16 bits of sub-minute jitter, 12 bits rand_a, 62 bits rand_b
        h = f"{(o - 719163) * 86_400_000 + (minute - 420) * 60_000 + (b >> 74):012x}"
        # version 7, then the RFC 9562 variant (0b10) ahead of rand_b (uuid.UUID(version=7) needs Python 3.14)
        return (f"{h[:8]}-{h[8:]}-7{(b >> 62) & 0xFFF:03x}-{0x8000 | ((b >> 48) & 0x3FFF):04x}"
                f"-{b & 0xFFFF_FFFF_FFFF:012x}")

    def fill(self, text: str, hamlet: str, o: int) -> str:
        """Fill a template: hamlet, unit and whatever random details (year, area, amount, person…) it names."""
        extras = _EXTRAS.get(text)
        if extras is None:
            extras = _EXTRAS[text] = frozenset(f for _, f, _, _ in _FORMATTER.parse(text) if f) - {"h", "x", "X"}
        if not extras:
            out = self.filled.get((text, hamlet))
            if out is None:
                out = self.filled[(text, hamlet)] = text.format(h=hamlet, x=self.x, X=self.X)
            return out
        rnd = self.r
        kw = {"h": hamlet, "x": self.x, "X": self.X}
        if "y" in extras:
            y = int(self.d(o)[:4])
            kw["y"] = y if rnd() < 0.7 else y - 1
            kw["mo"] = self.randint(1, 12)
        if "m" in extras:
            kw["m"] = self.randrange(40, 1500, 10)
        if "len" in extras:
            kw["len"] = self.randrange(80, 1200, 20)
        if "money" in extras:
            kw["money"] = f"{_AMOUNTS[int(rnd() * len(_AMOUNTS))]}.000 đồng"
        if "n" in extras:
            kw["n"] = self.randint(3, 25)
        if "p" in extras:
            kw["p"] = self.honorific_name()
        if "co" in extras:
            kw["co"] = _COMPANIES[int(rnd() * len(_COMPANIES))]
        return text.format(**kw)

    def honorific_name(self) -> str:
        female = self.r() < 0.3
        return ("bà " if female else "ông ") + self.name(female)

    def name(self, female: bool) -> str:
        """A fresh full name (family, gendered middle and given names)."""
        mid = self.pick(_MIDDLE_F if female else _MIDDLE_M)
        given = self.pick(_GIVEN_F if female else _GIVEN_M)
        if given == mid:
            given = self.pick(_GIVEN_F if female else _GIVEN_M)
        return f"{self.pick(_FAMILY)} {mid} {given}"

    def hamlet(self) -> str:
        return self.hamlets_for_address[int(self.r() * len(self.hamlets_for_address))]

    def rural_hamlet(self) -> str:
        """A village (thôn, xóm, ấp, bản) for farming matters — wards formed in 2025 still have some."""
        return _RURAL[int(self.r() * len(_RURAL))]

    # -- people -----------------------------------------------------------------------------------------------

    def new_person(self, forced: tuple | None = None) -> tuple:
        """(name, address, hamlet, id_type, id_number, phone) — id_type None when it follows from the number."""
        r = self.r
        if forced:
            name, female, byear = forced
        else:
            female = r() < 0.52
            pool = self.names_f if female else self.names_m
            name = pool[int(r() * len(pool))]
            byear = _BIRTH_YEARS[int(r() * len(_BIRTH_YEARS))]
        # ~10 % no ID number, ~3 % a legacy 9-digit CMND (older people), a rare passport, the rest a CCCD.
        x = 1.0 if forced else r()
        id_type = id_number = None
        if x < 0.1:
            pass
        elif x < 0.102:  # an overseas Vietnamese with a passport
            id_type = "passport"
            id_number = f"{'BCN'[int(r() * 3)]}{int(r() * 10_000_000):07d}"
        elif x < 0.142 and byear < 1990:
            id_type = "cmnd"
            while True:
                id_number = f"{_CMND_PREFIX[int(r() * len(_CMND_PREFIX))]}{int(r() * 10_000_000):07d}"
                if id_number not in self.used_ids:
                    break
            self.used_ids.add(id_number)
        else:  # BRIEF §8: old province code + century/sex digit + 2-digit birth year + 6 random digits
            head = _ID_HEAD[female][byear]
            used = self.used_ids
            while True:
                id_number = f"{_ID_PREFIX[int(r() * len(_ID_PREFIX))]}{head}{int(r() * 1_000_000):06d}"
                if id_number not in used:
                    break
            used.add(id_number)
        phone = f"{_PHONE_PREFIX[int(r() * len(_PHONE_PREFIX))]}{int(r() * 10_000_000):07d}" if r() >= 0.15 else None
        hamlets = self.hamlets_for_address
        hamlet = hamlets[int(r() * len(hamlets))]
        x = r()
        if x < 0.35 and self.is_ward and hamlet.startswith("Tổ"):
            address = (f"Số {1 + int(r() * 120)} ngõ {2 + int(r() * 299)} "
                       f"{self.streets[int(r() * len(self.streets))]}, {hamlet}")
        elif x > 0.94:
            address = f"{hamlet}, {self.unit_name}"
        else:
            address = hamlet
        person = (name, address, hamlet, id_type, id_number, phone)
        self.people.append(person)
        return person

    def person(self, record_index: int, visible: bool) -> tuple:
        """A person for a record: a planted name, a returning visitor, or someone new."""
        if visible and self.plant and record_index >= self.plant[-1][0]:
            return self.new_person(self.plant.pop()[1])
        if self.people and self.r() < 0.08:
            return self.people[int(self.r() * len(self.people))]
        return self.new_person()

    @staticmethod
    def as_dict(p: tuple) -> dict:
        out = {"name": p[0]}
        if p[3]:
            out["id_type"] = p[3]
        if p[4]:
            out["id_number"] = p[4]
        if p[5]:
            out["phone"] = p[5]
        out["address"] = p[1]
        return out

    # -- the stream -------------------------------------------------------------------------------------------

    def run(self, n: int) -> Iterator[dict]:
        if n >= _PLANT_MIN_N:
            # (record index from which to plant, person spec) — popped from the end.
            self.plant = [(max(1, n // 7), PLANTED_NAMES[1]), (min(10, n // 10), PLANTED_NAMES[0])]
        keys = self.draw_keys(n)
        gens = (self.reception, self.petition, self.model, self.dialogue)
        for i, key in enumerate(keys):
            o, rest = divmod(key, 8192)
            minute, tcode = divmod(rest, 4)
            yield gens[tcode](i, o, minute)

    def draw_keys(self, n: int) -> list[int]:
        """Sortable keys (ordinal*2048 + minute)*4 + type, in date order."""
        rnd = self.r
        work, sats = self.work, self.saturdays
        nw, ns = len(work), len(sats)
        year0 = date(self.today.year - 1, 1, 1).toordinal()
        year1 = date(self.today.year, 1, 1).toordinal()
        slots = _SLOTS
        n_slots = len(slots)
        keys = []
        append = keys.append
        cut0, cut1, cut2 = _TYPE_CUTS
        for _ in range(n):
            r = rnd()
            if r < cut1:  # reception or petition: working days, a few Saturdays
                t = 0 if r < cut0 else 1
                o = work[int(rnd() * nw)] if rnd() < 0.96 else sats[int(rnd() * ns)]
                minute = slots[int(rnd() * n_slots)]
            elif r < cut2:  # model: registered early in this year or last year
                t = 2
                y0 = year1 if rnd() < 0.5 else year0
                o = min(self.t, y0 + int(rnd() * 120))
                o = max(o, self.start)
                minute = 480 + 15 * int(rnd() * 32)
            else:  # dialogue: any day, often a weekend at the hamlet's cultural house
                t = 3
                o = self.start + int(rnd() * _WINDOW_DAYS)
                minute = self.choice((480, 510, 840, 870, 1140))
            append((o * 2048 + minute) * 4 + t)
        keys.sort()
        return keys

    # -- reception --------------------------------------------------------------------------------------------

    def host(self, mode: str) -> tuple[str, str]:
        r = self.r()
        if mode == "regular":
            return HOSTS[3] if r < 0.8 else HOSTS[1]
        if r < 0.36:
            return HOSTS[0]
        if r < 0.64:
            return HOSTS[1]
        if r < 0.80:
            return HOSTS[2]
        if r < 0.95:
            return HOSTS[3]
        return HOSTS[4]

    def reception(self, i: int, o: int, minute: int) -> dict:
        rnd = self.r
        if o == self.t and minute > self.latest_minute:
            minute = self.latest_minute  # not later today than now
        rid = self.new_id(o, minute)
        mode = _MODE[int(rnd() * len(_MODE))]
        rec = {"type": "reception", "id": rid, "received_at": f"{self.iso[o - self.base]}T{_HHMM[minute]}",
               "mode": mode}
        channel = "online" if o >= _ONLINE_FROM_ORD and rnd() < 0.1 else "in_person"
        if rnd() < 0.01:  # a scheduled session at which nobody came
            host = HOSTS[0] if rnd() < 0.6 else HOSTS[2]
            rec.update(mode="scheduled", no_show=True, channel="in_person", host_name=host[0], host_role=host[1],
                       note="Buổi tiếp định kỳ không có công dân đến.")
            return rec
        host = self.host(mode)
        rec["channel"] = channel
        rec["host_name"], rec["host_role"] = host
        category = _CATEGORY_RECEPTION[int(rnd() * len(_CATEGORY_RECEPTION))]
        templates = _CONTENT[category]
        group = rnd() < 0.08
        if group:
            templates = _GROUP_CONTENT[category]
        text, topic, _resp = templates[int(rnd() * len(templates))]
        if group:
            size = self.randint(5, 30)
            reps = self.randint(1, 2) if size <= 10 else self.randint(2, 5)
            persons = [self.person(i, category != "denunciation") for _ in range(reps)]
            rec["group_size"] = size
            rec["representatives"] = [self.as_dict(p) for p in persons]
        else:
            persons = [self.person(i, category != "denunciation")]
            rec["group_size"] = 1
            rec["citizen"] = self.as_dict(persons[0])
        hamlet = persons[0][2] if rnd() < 0.7 else self.hamlet()
        if text in _RURAL_TEXTS and hamlet.startswith("Tổ"):
            hamlet = self.rural_hamlet()
        content = self.fill(text, hamlet, o)
        rec["content"] = content
        rec["category"] = category
        if rnd() < (0.2 if category == "complaint" else 0.06):
            rec["prior_handler"] = self.pick(_PRIOR_HANDLERS).format(h=hamlet, x=self.x, X=self.X)
        direction = _DIRECTION_RECEPTION[int(rnd() * len(_DIRECTION_RECEPTION))]
        rec["direction"] = direction
        body = None
        if direction == "forward":
            bodies = self.bodies[topic]
            body = bodies[int(rnd() * len(bodies))]
            rec["forwarded_to"] = body
        age = self.t - o
        if age > 20 and rnd() < 0.65:
            done = min(self.t, o + self.randint(7, 45))
            pool = _RESULT_ACCEPT if direction == "accept" else _RESULT_FORWARD if body else _RESULT_GUIDE
            rec["result"] = pool[int(rnd() * len(pool))].format(d=self.vn_date(done), body=body)
        if direction in ("accept", "forward") and o >= _REPLY_TRACKED_FROM_ORD:
            # The reply after the reception (Art. 28), mostly within 3–12 working days, one in ten still owed.
            # Drawn from the record's own numbers, not rnd(): the rest of a seed's data stays as it was.
            h = (o * 7919 + minute * 31) % 100
            told = self.add_work(o, 3 + h % 10)
            if h < 90 and told <= self.t:
                rec["notified_on"] = self.d(told)
        r = rnd()
        if channel == "online" and r < 0.3:
            rec["note"] = "Tiếp trực tuyến qua Cổng dịch vụ công."
        elif r < 0.08:
            rec["note"] = _RECEPTION_NOTES[int(rnd() * len(_RECEPTION_NOTES))]
        if direction == "accept" or rnd() < 0.3:
            self.receptions.append((o, rid, persons, content, category, topic))
        return rec

    # -- petition ---------------------------------------------------------------------------------------------

    def petition(self, i: int, o: int, minute: int) -> dict:
        rnd = self.r
        pid = self.new_id(o, minute)
        rec = {"type": "petition", "id": pid, "received_on": self.d(o)}
        # A duplicate (same people, same content) of an earlier petition: linked and filed.
        if self.petitions and rnd() < 0.03:
            po, parent, persons, content, category, _topic = self.petitions[
                len(self.petitions) - 1 - int(rnd() * min(300, len(self.petitions)))]
            rec.update(source=self.pick(_SOURCE), category=category,
                       petitioners=[self.as_dict(p) for p in persons],
                       anonymous=False, content=content, direction="file", status="closed", duplicate_of=parent,
                       note=f"Đơn trùng với đơn nhận ngày {self.vn_date(po)}; lưu đơn, không thụ lý mới.")
            return rec
        link = None
        if self.receptions and rnd() < 0.15:
            cand = self.receptions[len(self.receptions) - 1 - int(rnd() * min(40, len(self.receptions)))]
            if o - cand[0] <= 30:
                link = cand
        if link:
            _ro, rid, persons, content, category, topic = link
            rec["source"] = "in_person"
            rec["reception_id"] = rid
            respondent = None
            if category in ("complaint", "denunciation", "mixed") and rnd() < 0.6:
                respondent = self.X if category != "denunciation" else self.honorific_name()
            anonymous = False
        else:
            category = _CATEGORY_PETITION[int(rnd() * len(_CATEGORY_PETITION))]
            templates = _CONTENT[category]
            text, topic, resp = templates[int(rnd() * len(templates))]
            anonymous = category == "denunciation" and rnd() < 0.2
            if anonymous:
                persons = []
            else:
                k = 1 if rnd() < 0.9 else self.randint(2, 3)
                persons = [self.person(i, category != "denunciation") for _ in range(k)]
            hamlet = persons[0][2] if persons and rnd() < 0.7 else self.hamlet()
            if text in _RURAL_TEXTS and hamlet.startswith("Tổ"):
                hamlet = self.rural_hamlet()
            content = self.fill(text, hamlet, o)
            respondent = self.fill(resp, hamlet, o) if resp and rnd() < 0.85 else None
            rec["source"] = _SOURCE[int(rnd() * len(_SOURCE))]
            if rec["source"] == "online" and o < _ONLINE_FROM_ORD and rnd() < 0.5:
                rec["source"] = "post"
        rec["category"] = category
        rec["petitioners"] = [self.as_dict(p) for p in persons]
        rec["anonymous"] = anonymous
        rec["content"] = content
        if respondent:
            rec["respondent"] = respondent[0].upper() + respondent[1:]
        if rec["source"] == "forwarded":
            rec["note"] = _PETITION_FORWARDED_NOTE.format(
                body=self.choice(("Thanh tra tỉnh", "Ban Tiếp công dân tỉnh", "Ủy ban MTTQ Việt Nam tỉnh",
                                 "Văn phòng Đoàn đại biểu Quốc hội và HĐND tỉnh", "Ban Nội chính Tỉnh ủy")))
        elif rec["source"] == "press":
            rec["note"] = "Báo điện tử chuyển đơn của bạn đọc."
        if category == "complaint":
            rec["round"] = 2 if rnd() < 0.15 else 1
            if rnd() < 0.03 and persons:
                rec["authorized_person"] = self.as_dict(self.new_person())
        is_complex = (category in ("complaint", "denunciation") and rnd() < 0.1) or (
            len(persons) > 1 and rnd() < 0.3)
        if is_complex:
            rec["complex"] = True
        remote = any(p[2].startswith("Bản") for p in persons[:1]) or rnd() < 0.02
        if remote and not self.is_ward:
            rec["remote_area"] = True
        self.handle_petition(rec, o, category, topic, anonymous, is_complex)
        if not anonymous:
            self.petitions.append((o, pid, persons, content, category, topic))
        return rec

    def handle_petition(self, rec: dict, o: int, category: str, topic: str, anonymous: bool, is_complex: bool):
        """Eligibility, direction, dates and status — consistent with each other and never after today."""
        rnd = self.r
        t = self.t
        handled = self.add_work(o, self.randint(1, 10) if rnd() < 0.9 else self.randint(11, 20))
        if handled > t or (rnd() < 0.01 and t - o > 30):  # not processed yet (a few old ones forgotten)
            rec["status"] = "received"
            return
        if rnd() < (0.3 if anonymous else 0.11):
            rec["eligible"] = False
            if anonymous:
                reason = "Đơn tố cáo nặc danh, không rõ người vi phạm, không có căn cứ xác minh"
            else:
                reason = _INELIGIBLE[int(rnd() * len(_INELIGIBLE))]
                if "khiếu nại" in reason and category != "complaint":
                    reason = "Đã được hướng dẫn một lần về cùng nội dung"
            rec["ineligible_reason"] = reason
            rec["direction"] = "file" if rnd() < 0.7 or anonymous else "guide"
            rec["status"] = "closed"
            if not anonymous and rnd() < 0.6:
                rec["notified_on"] = self.d(handled)
            return
        rec["eligible"] = True
        r = rnd()
        direction = "accept" if r < 0.68 else "guide" if r < 0.80 else "forward"
        rec["direction"] = direction
        if direction != "accept":
            if direction == "forward":
                rec["forwarded_to"] = self.pick(self.bodies[topic])
                rec["status"] = "forwarded"
            else:
                rec["status"] = "closed"
            if not anonymous and rnd() < 0.8:
                rec["notified_on"] = self.d(handled)
            return
        accepted = handled
        rec["accepted_on"] = self.d(accepted)
        if not anonymous and rnd() < 0.7:
            notified = min(t, accepted + (0 if rnd() < 0.6 else self.randint(1, 4)))
            rec["notified_on"] = self.d(notified)
        # Legal length (calendar days) and the time actually taken.
        if category == "complaint":
            base = 30 if rec.get("round", 1) == 1 else 45
            if is_complex or rec.get("remote_area"):
                base += 15
        elif category == "denunciation":
            base = 30
        else:
            base = 20
        r = rnd()
        extended = category == "denunciation" and r < 0.25  # Denunciation Law Art. 30: extensions of ≤ 30 days
        if extended:
            took = self.randint(35, 85 if is_complex else 58)
        elif r < (0.35 if category == "denunciation" else 0.12):
            took = int(base * self.uniform(1.05, 1.7))  # resolved late
        else:
            took = int(base * self.uniform(0.35, 1.0))
        if extended:
            exts = []
            days1 = min(30, max(15, -(-(took - 30) // 5) * 5))
            decided = accepted + self.randint(24, 29)
            if decided <= t:
                exts.append({"days": days1, "reason": self.pick(_EXTENSION_REASONS), "decided_on": self.d(decided)})
                rest = took - 30 - days1
                decided2 = accepted + 30 + days1 - self.randint(1, 5)
                if is_complex and rest > 0 and decided2 <= t:
                    exts.append({"days": min(30, max(10, -(-rest // 5) * 5)), "reason": self.pick(_EXTENSION_REASONS),
                                 "decided_on": self.d(decided2)})
                rec["extensions"] = exts
        resolved = self.next_work(accepted + max(took, 3))
        stuck = rnd() < 0.07  # left pending: overdue once the limit has passed
        if resolved > t or stuck:
            rec["status"] = "accepted" if t - accepted <= 5 else "in_progress"
            return
        rec["resolved_on"] = self.d(resolved)
        rec["status"] = "resolved"
        withdrawn = False
        if category in ("complaint", "denunciation"):
            r = rnd()
            if category == "complaint":
                outcome = ("correct" if r < 0.2 else "partly_correct" if r < 0.45 else "incorrect" if r < 0.9
                           else "withdrawn")
            else:
                outcome = ("correct" if r < 0.15 else "partly_correct" if r < 0.45 else "incorrect" if r < 0.95
                           else "withdrawn")
            rec["outcome"] = outcome
            withdrawn = outcome == "withdrawn"
        if withdrawn:
            rec["status"] = "closed"
            return
        if anonymous:
            return
        answered = self.next_work(resolved + self.randint(0, 8))
        if answered <= t and rnd() < 0.85:
            rec["answered_on"] = self.d(answered)
            rec["status"] = "answered"
            if t - answered > 60 and rnd() < 0.4:
                rec["status"] = "closed"

    # -- model ------------------------------------------------------------------------------------------------

    def model(self, i: int, o: int, minute: int) -> dict:
        rnd = self.r
        year = max(int(self.d(o)[:4]), self.today.year - 1)
        name_t, field, kind, owners = _MODEL_THEMES[int(rnd() * len(_MODEL_THEMES))]
        hamlet = self.rural_hamlet() if name_t in _RURAL_TEXTS else self.hamlet()
        if kind == "individual":
            person = self.person(i, False)
            owner = person[0]
            if name_t not in _RURAL_TEXTS:
                hamlet = person[2]
        else:
            owner = owners[int(rnd() * len(owners))].format(h=hamlet, x=self.x)
        name = name_t.format(h=hamlet, p=owner, x=self.x)
        rec = {"type": "model", "id": self.new_id(o, minute), "year": year, "name": name, "kind": kind,
               "field": field, "owner": owner, "level": "commune"}
        fmt = {"h": hamlet, "x": self.x, "y": year, "owner": owner, "n": self.randint(3, 40),
               "len": self.randrange(200, 3000, 50), "m1": self.randint(1, 4),
               "money": f"{self.randrange(20, 500, 5)} triệu đồng"}
        situation = _THEME_SITUATION.get(name_t) or _MODEL_SITUATION[field][int(rnd() * len(_MODEL_SITUATION[field]))]
        rec["situation"] = situation.format(**fmt)
        rec["goals"] = _MODEL_GOALS[field][int(rnd() * len(_MODEL_GOALS[field]))].format(**fmt)
        for key, pool, p in (("content_method", _MODEL_METHOD[field], 0.85), ("area", None, 0.8),
                             ("forces", _MODEL_FORCES, 0.8), ("resources", _MODEL_RESOURCES, 0.7),
                             ("timeline", _MODEL_TIMELINE, 0.75), ("outputs", _MODEL_OUTPUTS[field], 0.7),
                             ("sustainability", _MODEL_SUSTAIN, 0.7)):
            if rnd() < p:
                if pool is None:
                    rec[key] = (f"{hamlet}: {self.randint(80, 600)} hộ gia đình, trong đó {fmt['n']} hộ nghèo, "
                                f"cận nghèo.")
                else:
                    rec[key] = pool[int(rnd() * len(pool))].format(**fmt)
        # Status: this year's models are still being carried out; last year's were reviewed at year end.
        r = rnd()
        this_year = year == self.today.year
        month = self.today.month
        if not this_year:
            status = ("recognized" if r < 0.55 else "rejected" if r < 0.65 else "evaluated" if r < 0.9
                      else "implementing")
        elif month >= 11:
            status = ("registered" if r < 0.12 else "implementing" if r < 0.55 else "evaluated" if r < 0.8
                      else "recognized")
        elif month >= 6:
            status = "registered" if r < 0.25 else "implementing" if r < 0.9 else "evaluated"
        else:
            status = "registered" if r < 0.6 else "implementing"
        recognized_on = None
        if status == "recognized":
            if this_year:
                lo = date(year, 11, 1).toordinal()
            else:
                lo = date(year, 12, 1).toordinal()
            hi = min(self.t, lo + 45)
            if hi < lo:
                status = "evaluated"
            else:
                recognized_on = self.next_work(lo + int(rnd() * (hi - lo + 1)))
                if recognized_on > self.t:
                    recognized_on = lo
        rec["status"] = status
        if recognized_on is not None:
            rec["recognized_on"] = self.d(recognized_on)
            if rnd() < 0.8:
                rec["recognition_level"] = "Cấp xã"
                rec["decision_no"] = (f"{self.randint(12, 480)}/QĐ-UBND" if rnd() < 0.6
                                      else f"{self.randint(5, 160)}-QĐ/ĐU")
            else:
                rec["recognition_level"] = "Cấp tỉnh"
                rec["decision_no"] = (f"{self.randint(100, 3500)}/QĐ-UBND" if rnd() < 0.6
                                      else f"{self.randint(50, 900)}-QĐ/TU")
        elif status == "rejected":
            rec["note"] = self.choice(("Chưa đạt tiêu chí về tính bền vững, khả năng nhân rộng.",
                                      "Kết quả chưa rõ, chưa có sản phẩm kiểm chứng được."))
        return rec

    # -- dialogue ---------------------------------------------------------------------------------------------

    def dialogue(self, i: int, o: int, minute: int) -> dict:
        rnd = self.r
        hamlet = self.hamlet()
        topic, commitment = _DIALOGUE_TOPICS[int(rnd() * len(_DIALOGUE_TOPICS))]
        topic = topic.format(x=self.x)
        if rnd() < 0.25:
            topic2 = _DIALOGUE_TOPICS[int(rnd() * len(_DIALOGUE_TOPICS))][0].format(x=self.x)
            if topic2 != topic:
                topic = f"{topic}; {topic2}"
        commitments = commitment if rnd() < 0.6 else _DIALOGUE_COMMITMENTS[int(rnd() * len(_DIALOGUE_COMMITMENTS))]
        extra = _DIALOGUE_COMMITMENTS[int(rnd() * len(_DIALOGUE_COMMITMENTS))]
        if rnd() < 0.3 and extra != commitments:
            commitments += " " + extra
        r = rnd()
        chair = HOSTS[0][0] if r < 0.45 else HOSTS[2][0] if r < 0.85 else HOSTS[1][0]
        rec = {"type": "dialogue", "id": self.new_id(o, minute), "held_on": self.d(o), "chair": chair,
               "participants": self.randint(20, 150),
               "topics": f"Đối thoại với nhân dân {hamlet} về {topic}",
               "commitments": commitments,
               # by when: a month or two on, from a figure already drawn (the demo's other records stay as they were)
               "commitments_due": (date.fromisoformat(self.d(o))
                                   + timedelta(days=30 + len(commitments) % 61)).isoformat()}
        if self.t - o > 30 and rnd() < 0.6:
            total = self.randint(3, 15)
            done = self.randint(max(1, total - 5), total)
            rec["follow_up"] = self.pick(_DIALOGUE_FOLLOW_UP).format(k=done, t=total, r=total - done)
        if rnd() < 0.1:
            rec["note"] = "Có đại diện Ủy ban MTTQ và các đoàn thể tham dự."
        return rec


# Reception times 07:00–17:00 in quarter hours: busy mornings, a quiet lunch break, steady afternoons.
_SLOTS = _table([(m, 3.0 if m < 690 else 0.3 if m < 810 else 2.0 if m < 1020 else 0.5)
                 for m in range(7 * 60, 17 * 60 + 1, 15)], 1000)
_HHMM = {m: f"{m // 60:02d}:{m % 60:02d}" for m in range(24 * 60)}
_ONLINE_FROM_ORD = _ONLINE_FROM.toordinal()
_REPLY_TRACKED_FROM_ORD = RECEPTION_REPLY_TRACKED_FROM.toordinal()
