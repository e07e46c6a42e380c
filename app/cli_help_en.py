"""The English of `danvan --help` (with `--lang en`): the parser is written in Vietnamese, the officers'
language, and each of its texts is looked up here (a test finds every text of the parser in this table)."""

from __future__ import annotations

HELP_EN = {
    'Sổ Dân Vận — tiếp công dân, đơn thư, mô hình "Dân vận khéo".':
        'Sổ Dân Vận — citizen receptions, petitions, "Dân vận khéo" models.',
    "xem hướng dẫn này": "show this help",
    "số phiên bản": "the version number",
    "mở ứng dụng với cơ sở dữ liệu mẫu (tạo nếu chưa có); không có lệnh nào khác đi kèm":
        "open the application on the demo database (made if missing); takes no command",
    "kiểm tra khởi động: mở cửa sổ chính trên dữ liệu mẫu rồi thoát (dùng khi đóng gói)":
        "start-up check: open the main window on the demo data, then quit (used when packaging)",
    "tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu người dùng; biến DANVAN_DB)":
        "database file (default: the user data folder; variable DANVAN_DB)",
    "người thực hiện (biến DANVAN_USER); mật khẩu từ DANVAN_PASSWORD":
        "acting account (variable DANVAN_USER); its password from DANVAN_PASSWORD",
    "kết quả dạng JSON trên stdout": "results as JSON on stdout",
    "ngôn ngữ thông báo (mặc định vi)": "language of messages (default vi)",
    "tạo cơ sở dữ liệu mới cho đơn vị và tài khoản quản trị đầu tiên":
        "create a new database for the unit and its first admin account",
    "tạo cơ sở dữ liệu mẫu để dùng thử": "create a demo database to try the application",
    "nhập bản ghi từ .ndjson, .json, .csv, .xlsx (tất cả hoặc không gì cả)":
        "import records from .ndjson, .json, .csv, .xlsx (all or nothing)",
    "xuất bản ghi theo định dạng trao đổi": "export records in the exchange format",
    "tìm kiếm không phân biệt dấu": "search, blind to diacritics",
    "số liệu thống kê": "statistics",
    "khóa tài khoản (người đã nghỉ, chuyển công tác): không đăng nhập được nữa":
        "disable an account (someone who left or moved): it can no longer log in",
    "mở lại tài khoản đã khóa": "enable a disabled account again",
    "đổi vai trò của tài khoản": "change an account's role",
    "kỳ báo cáo: 2026-03 (tháng), 2026-Q1 (quý), 2026-H1 (6 tháng), 2026-9M (9 tháng), 2026 (năm) hoặc khoảng ngày "
    "2026-01-01..2026-03-31, theo ngày chốt số liệu của đơn vị":
        "report period: 2026-03 (month), 2026-Q1 (quarter), 2026-H1 (6 months), 2026-9M (9 months), 2026 (year) or "
        "a date range 2026-01-01..2026-03-31, by the unit's statistical cut-off day",
    "cấp trên: chỉ xuất hồ sơ của một xã, phường (mã đơn vị); mặc định: mọi đơn vị":
        "upper level: export one commune's records only (its unit code); by default every unit's",
    "chỉ hồ sơ khớp với chuỗi tìm kiếm (như ô tìm kiếm của danh sách)":
        "only records matching this search text (as a list's search box)",
    "chỉ tiếp dân, đơn thư thuộc phân loại này": "only receptions and petitions of this category",
    "chỉ tiếp dân, đơn thư có hướng xử lý này": "only receptions and petitions with this handling direction",
    "chỉ đơn thư, mô hình ở trạng thái này": "only petitions and models with this status",
    "chỉ mô hình thuộc lĩnh vực này": "only models of this field",
    "chỉ hồ sơ quá hạn (đơn thư, lượt tiếp chưa trả lời) hoặc cuộc đối thoại có cam kết chưa có kết quả":
        "only overdue records (petitions, receptions not replied to) or dialogues with commitments and no result "
        "yet",
    "tệp .xlsx để đọc: tiêu đề cột và giá trị bằng tiếng Việt, ngày dạng dd/mm/yyyy (vẫn nhập lại được)":
        "an .xlsx file to read: Vietnamese column titles and values, dates as dd/mm/yyyy (it still imports)",
    "cấp trên: chỉ in sổ của một xã, phường (mã đơn vị); mặc định: mọi xã, phường, ghi tên xã ở từng dòng":
        "upper level: print one commune's book only (its unit code); by default every commune's, each entry naming "
        "its commune",
    "tệp báo cáo; loại tệp theo phần mở rộng: .pdf, .xlsx hoặc .docx":
        "the report file; its kind by its extension: .pdf, .xlsx or .docx",
    "kiểm tra toàn vẹn dữ liệu và nhật ký": "check the integrity of the data and the audit log",
    "sao lưu": "back up",
    "ngày nghỉ thêm và ngày làm bù của đơn vị (dùng khi tính hạn)":
        "the unit's extra days off and make-up working days (used for deadlines)",
    "in sổ và biểu mẫu ra tệp PDF": "print books and forms to PDF files",
    "báo cáo thống kê định kỳ (.pdf, .xlsx, .docx)": "periodic statistical report (.pdf, .xlsx, .docx)",
    "thiết lập của đơn vị (chỉ quản trị)": "the unit's settings (admin only)",
    "khóa đồng bộ của đơn vị: xuất tệp khóa, đăng ký khóa của đơn vị khác, xem vân tay":
        "the unit's sync keys: export the key file, register another unit's key, show fingerprints",
    "gói đồng bộ (.dvb): xuất gửi cấp trên, nhập từ các xã, kiểm tra":
        "sync bundles (.dvb): export for the upper level, import from communes, verify",
    "gửi gói lên máy chủ WebDAV của cấp trên (khi có mạng): thiết lập, gửi ngay, xem hàng chờ":
        "upload bundles to the upper level's WebDAV server (when online): set up, send now, show the queue",
    "biên nhận đã nhận (.dvack): cấp trên lập cho xã, xã nhận vào":
        "receipts (.dvack): made by the upper level for a commune, imported by the commune",
    "dữ liệu cá nhân của một công dân, theo yêu cầu của chính công dân đó":
        "one citizen's personal data, at that citizen's own request",
    "khóa khôi phục dữ liệu: tạo khóa mới (quản trị) hoặc dùng nó khi quên mọi mật khẩu":
        "the data recovery key: make a new one (admin) or use it when every password is forgotten",
    "xóa dữ liệu cá nhân đã hết thời hạn lưu trữ (chỉ quản trị)":
        "erase personal data past its retention period (admin only)",
    "quản lý tài khoản (chỉ quản trị)": "manage accounts (admin only)",
    "mã đơn vị hành chính (ví dụ 4 = Phường Ba Đình)": "administrative unit code (e.g. 4 = Phường Ba Đình)",
    "tên đăng nhập của quản trị": "the admin's user name",
    "tên huyện (cũ) nơi cấp huyện còn hoạt động, ghi dạng văn bản":
        "the (former) district's name where a district level still operates, as text",
    "người tiếp, dùng cho sổ tiếp công dân không có cột này":
        "the receiving officer, for reception books that have no such column",
    "tệp sao lưu; bỏ trống: sao lưu tự động vào thư mục backups/ cạnh tệp dữ liệu (giữ bản mới nhất của 7 ngày và "
    "4 tuần gần nhất) và thư mục thứ hai nếu đã đặt":
        "backup file; left out: an automatic backup into the backups/ folder beside the data file (keeping the "
        "newest of the last 7 days and 4 weeks) and into the second folder if one is set",
    "YYYY-MM-DD": "YYYY-MM-DD",
    "Sổ tiếp công dân (Mẫu 03)": "the citizen reception book (Form 03)",
    "Sổ theo dõi đơn": "the petition register",
    "Sổ theo dõi đối thoại": "the register of dialogues between leaders and people",
    'sổ mô hình "Dân vận khéo" theo năm': 'the register of "Dân vận khéo" models of a year',
    "thông báo cho công dân về một đơn": "a notice to the citizen about a petition",
    "phiếu của một lượt tiếp hoặc một đơn": "the record sheet of one reception or petition",
    "mã đơn": "the record's id",
    "xuất tệp khóa công khai (.dvkey) của đơn vị này": "export this unit's public key file (.dvkey)",
    "đăng ký tệp khóa của cấp trên (ở xã) hoặc của xã (ở cấp trên)":
        "register the upper level's key file (at a commune) or a commune's (at the upper level)",
    "vân tay khóa của đơn vị này và các đơn vị đã đăng ký": "key fingerprints of this unit and the registered units",
    "thu hồi khóa của một đơn vị (máy bị mất): gói ký bằng khóa đó bị từ chối":
        "revoke a unit's key (a lost computer): bundles signed with it are refused",
    "chỉ thu hồi khóa có vân tay này (khóa mới đã đăng ký vẫn dùng được)":
        "revoke only the key with this fingerprint (a new key already registered stays in use)",
    "tạo cặp khóa mới cho đơn vị này (khi khóa cũ đã bị cấp trên thu hồi)":
        "make a new key pair for this unit (when the upper level revoked the old one)",
    "cho một tài khoản mở khóa đồng bộ bằng mật khẩu của mình (quản trị)":
        "let an account unlock the sync keys with its own password (admin)",
    "(ở xã) khóa dự phòng: mỗi gói được mã hóa thêm cho nơi này, không nhận biên nhận của nó":
        "(at a commune) an escrow key: every bundle is also encrypted for it; its receipts are not taken",
    "xuất gói mọi thay đổi chưa được cấp trên xác nhận": "export a bundle of every change the upper level has not acknowledged",
    "nhập các gói của xã (mỗi gói một giao dịch)": "import communes' bundles (one transaction each)",
    "khôi phục từ bản sao lưu (sau khi kiểm tra); trên máy chưa có dữ liệu: đặt bản sao lưu vào":
        "restore from a backup (after checking it); on a computer without data: put the backup in place",
    "tệp khóa đồng bộ đi kèm bản sao lưu đã mất: vẫn khôi phục (sau đó chạy danvan keys new)":
        "the backup's sync key file is lost: restore all the same (then run danvan keys new)",
    "kiểm tra chữ ký và mã băm của gói, không nhập": "check a bundle's signature and hashes without importing it",
    "(cấp trên) nhập các gói đã về thư mục nhận gói rồi chuyển chúng vào lưu trữ":
        "(upper level) import the bundles that have arrived in the inbox folder, then move them to the archive",
    "chọn thư mục nhận gói (thư mục chia sẻ hoặc thư mục đồng bộ)":
        "choose the inbox folder (a network share or a synced folder)",
    "bỏ thư mục nhận gói": "stop using the inbox folder",
    "thư mục ghi gói": "folder to write the bundle into",
    "địa chỉ WebDAV và tài khoản (mật khẩu máy chủ: DANVAN_UPLOAD_PASSWORD)":
        "the WebDAV address and account (the server's password: DANVAN_UPLOAD_PASSWORD)",
    "lập gói mọi thay đổi chưa được xác nhận và gửi cả hàng chờ ngay":
        "make a bundle of every unacknowledged change and send the whole queue now",
    "hàng chờ gửi và lỗi gần nhất": "the upload queue and the last error",
    "lập biên nhận cho một xã (cấp trên)": "make a receipt for a commune (upper level)",
    "nhận biên nhận của cấp trên (xã)": "import the upper level's receipt (commune)",
    "xuất mọi thông tin đang lưu về một công dân (.json hoặc .pdf)":
        "export everything stored about one citizen (.json or .pdf)",
    "số định danh cá nhân (12 số) hoặc số CMND cũ (9 số)": "personal ID number (12 digits) or an old ID card number (9)",
    "họ tên: thêm các hồ sơ cùng họ tên nhưng không ghi số định danh (để xác minh)":
        "full name: adds the records of that name with no ID number (to be verified)",
    "tệp .json hoặc .pdf": "a .json or .pdf file",
    "tạo khóa khôi phục mới (khóa cũ hết hiệu lực) — in ra và cất giữ":
        "make a new recovery key (the old one stops working) — print it and keep it safe",
    "dùng khóa khôi phục để đặt lại mật khẩu quản trị (DANVAN_RECOVERY_KEY)":
        "use the recovery key to set an admin's password again (DANVAN_RECOVERY_KEY)",
    "tên tài khoản quản trị được đặt mật khẩu mới (DANVAN_NEW_PASSWORD)":
        "the admin account to get a new password (DANVAN_NEW_PASSWORD)",
    "chỉ liệt kê, không xóa gì": "only list, erase nothing",
    # argparse's own headings, set in Vietnamese by the parser
    "Cách dùng: ": "usage: ",
    "lệnh và đối số": "commands and arguments",
    "tùy chọn": "options",
}
