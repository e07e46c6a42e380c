"""`danvan` — the command line: a thin shell over app.services (INTERFACES.md is its contract).

Exit codes: 0 done; 1 refused (nothing changed); 2 usage error; 3 authentication or permission refused.
With --json one JSON document goes to stdout (errors too, as {"error": {...}}); messages go to stderr.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sqlite3
import sys
from datetime import date
from pathlib import Path

from app import __version__
from app.domain.enums import (CATEGORY, MODEL_FIELD, MODEL_STATUS, PETITION_DIRECTION, PETITION_STATUS,
                              RECORD_TYPE_LABELS, ROLE, label)
from app.domain.text import dmy, local_dmy_hm
from app.errorlog import install_log_file, log_unexpected
from app.errors import AuthError, DanvanError, UsageError
from app.i18n import tr
from app.paths import default_db_path

log = logging.getLogger("danvan")


class _Formatter(argparse.HelpFormatter):
    usage_prefix = "Cách dùng: "

    def add_usage(self, usage, actions, groups, prefix=None):
        # argparse passes prefix "" when it builds a sub-command's name: keep that as is.
        return super().add_usage(usage, actions, groups, prefix=self.usage_prefix if prefix is None else prefix)


class _FormatterEn(_Formatter):
    usage_prefix = "usage: "


def _in_english(parser: argparse.ArgumentParser) -> None:
    """`parser` and its sub-commands with their help in English (`--lang en --help`); a text missing from the
    table stays Vietnamese rather than vanishing."""
    from app.cli_help_en import HELP_EN

    def en(text):
        return HELP_EN.get(text, text) if isinstance(text, str) else text

    parser.description = en(parser.description)
    parser.formatter_class = _FormatterEn
    for group in parser._action_groups:
        group.title = en(group.title)
    for action in parser._actions:
        action.help = en(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = en(choice.help)
            for sub in action.choices.values():
                _in_english(sub)


class _Parser(argparse.ArgumentParser):
    """argparse in Vietnamese: its own help chrome is English, so the titles and -h are set here."""

    def __init__(self, *args, **kwargs):
        kwargs["add_help"] = False
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "lệnh và đối số"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="xem hướng dẫn này")

    def error(self, message):  # argparse would print and exit(2) itself; we want --json errors too
        raise _ArgumentError(message)


# argparse's own error sentences (English only), in Vietnamese: (pattern, Vietnamese with the same groups).
_ARGPARSE_VI = (
    (r"the following arguments are required: (.*)", r"thiếu tham số bắt buộc: \1"),
    (r"unrecognized arguments: (.*)", r"không hiểu các tham số: \1"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)", r"tham số \1: giá trị \2 không hợp lệ (chọn một trong: \3)"),
    (r"argument (\S+): invalid int value: (.*)", r"tham số \1: \2 không phải là số nguyên"),
    (r"argument (\S+): expected one argument", r"tham số \1 cần một giá trị đi kèm"),
    (r"argument (\S+): not allowed with argument (\S+)", r"không dùng tham số \1 cùng với \2"),
    (r"argument (\S+): ignored explicit argument (.*)", r"tham số \1 không nhận giá trị \2"),
)


class _ArgumentError(UsageError):
    """A usage error found by argparse, its English sentence translated when the user reads Vietnamese."""

    def __init__(self, message: str):
        super().__init__("usage.bad", detail=message)

    def message(self, lang: str = "vi") -> str:
        import re

        detail = self.params["detail"]
        if lang != "en":
            for pattern, vi in _ARGPARSE_VI:
                if re.fullmatch(pattern, detail):
                    detail = re.sub(pattern, vi, detail)
                    break
        return tr(self.key, lang, detail=detail)


def _globals(p: argparse.ArgumentParser, suppress: bool) -> None:
    d = argparse.SUPPRESS if suppress else None
    p.add_argument("--db", default=d, help="tệp cơ sở dữ liệu (mặc định: thư mục dữ liệu người dùng; biến DANVAN_DB)")
    p.add_argument("--user", default=d, help="người thực hiện (biến DANVAN_USER); mật khẩu từ DANVAN_PASSWORD")
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS if suppress else False,
                   help="kết quả dạng JSON trên stdout")
    p.add_argument("--lang", choices=("vi", "en"), default=d, help="ngôn ngữ thông báo (mặc định vi)")


def names_no_command(argv: list[str]) -> bool:
    """True when `argv` holds only the desktop application's options (no command, no help): the parser of
    every command — a seventh of the GUI's start — need not be built. Decided by that small parser itself."""
    if any(a in ("-h", "--help", "--version") for a in argv):
        return False
    try:
        build_parser(commands=False).parse_args(argv)
    except UsageError:
        return False
    return True


def build_parser(commands: bool = True, lang: str = "vi") -> argparse.ArgumentParser:
    """The `danvan` parser; without `commands`, only the options of the desktop application; its help in
    English with `lang` "en"."""
    p = _build_parser(commands)
    if lang == "en":
        _in_english(p)
    return p


PERIOD_HELP = ("kỳ báo cáo: 2026-03 (tháng), 2026-Q1 (quý), 2026-H1 (6 tháng), 2026-9M (9 tháng), 2026 (năm) "
               "hoặc khoảng ngày 2026-01-01..2026-03-31, theo ngày chốt số liệu của đơn vị")
UNIT_HELP = "cấp trên: chỉ in sổ của một xã, phường (mã đơn vị); mặc định: mọi xã, phường, ghi tên xã ở từng dòng"
EXPORT_UNIT_HELP = "cấp trên: chỉ xuất hồ sơ của một xã, phường (mã đơn vị); mặc định: mọi đơn vị"


def _build_parser(commands: bool) -> argparse.ArgumentParser:
    p = _Parser(prog="danvan", description="Sổ Dân Vận — tiếp công dân, đơn thư, mô hình \"Dân vận khéo\".")
    p.add_argument("--version", action="version", version=f"danvan {__version__}", help="số phiên bản")
    p.add_argument("--demo", action="store_true",
                   help="mở ứng dụng với cơ sở dữ liệu mẫu (tạo nếu chưa có); không có lệnh nào khác đi kèm")
    p.add_argument("--smoke", action="store_true",
                   help="kiểm tra khởi động: mở cửa sổ chính trên dữ liệu mẫu rồi thoát (dùng khi đóng gói)")
    _globals(p, suppress=False)
    if not commands:
        p.set_defaults(command=None)
        return p
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    def cmd(name, help_):
        c = sub.add_parser(name, help=help_)
        _globals(c, suppress=True)
        return c

    c = cmd("init", "tạo cơ sở dữ liệu mới cho đơn vị và tài khoản quản trị đầu tiên")
    c.add_argument("--unit-code", required=True, help="mã đơn vị hành chính (ví dụ 4 = Phường Ba Đình)")
    c.add_argument("--level", choices=("commune", "upper"), default="commune")
    c.add_argument("--admin", required=True, help="tên đăng nhập của quản trị")
    c.add_argument("--district", help="tên huyện (cũ) nơi cấp huyện còn hoạt động, ghi dạng văn bản")

    c = cmd("demo", "tạo cơ sở dữ liệu mẫu để dùng thử")
    c.add_argument("--records", type=int, default=2000)
    c.add_argument("--seed", type=int, default=2026)

    c = cmd("import", "nhập bản ghi từ .ndjson, .json, .csv, .xlsx (tất cả hoặc không gì cả)")
    c.add_argument("file")
    c.add_argument("--dry-run", action="store_true")
    c.add_argument("--default-host", help="người tiếp, dùng cho sổ tiếp công dân không có cột này")

    c = cmd("export", "xuất bản ghi theo định dạng trao đổi")
    c.add_argument("file")
    c.add_argument("--type", choices=("reception", "petition", "model", "dialogue"))
    c.add_argument("--from", dest="date_from")
    c.add_argument("--to", dest="date_to")
    c.add_argument("--include-confidential", action="store_true")
    c.add_argument("--unit", help=EXPORT_UNIT_HELP)
    # The lists' filters, so that a script exports what a list on screen shows (its "Xuất Excel…" does)
    c.add_argument("--search", help="chỉ hồ sơ khớp với chuỗi tìm kiếm (như ô tìm kiếm của danh sách)")
    c.add_argument("--category", choices=tuple(CATEGORY), help="chỉ tiếp dân, đơn thư thuộc phân loại này")
    c.add_argument("--direction", choices=tuple(PETITION_DIRECTION), help="chỉ tiếp dân, đơn thư có hướng xử lý này")
    c.add_argument("--status", choices=tuple(dict.fromkeys((*PETITION_STATUS, *MODEL_STATUS))),
                   help="chỉ đơn thư, mô hình ở trạng thái này")
    c.add_argument("--field", choices=tuple(MODEL_FIELD), help="chỉ mô hình thuộc lĩnh vực này")
    c.add_argument("--overdue", action="store_true",
                   help="chỉ hồ sơ quá hạn (đơn thư, lượt tiếp chưa trả lời) hoặc cuộc đối thoại có cam kết chưa "
                        "có kết quả")
    c.add_argument("--readable", action="store_true",
                   help="tệp .xlsx để đọc: tiêu đề cột và giá trị bằng tiếng Việt, ngày dạng dd/mm/yyyy (vẫn nhập "
                        "lại được)")

    c = cmd("search", "tìm kiếm không phân biệt dấu")
    c.add_argument("query")
    c.add_argument("--type", choices=("reception", "petition", "model", "dialogue"))
    c.add_argument("--limit", type=int, default=50)

    c = cmd("stats", "số liệu thống kê")
    c.add_argument("--period", help=PERIOD_HELP)
    c.add_argument("--by-unit", action="store_true")

    cmd("check", "kiểm tra toàn vẹn dữ liệu và nhật ký")

    c = cmd("backup", "sao lưu")
    c.add_argument("--out", help="tệp sao lưu; bỏ trống: sao lưu tự động vào thư mục backups/ cạnh tệp dữ liệu "
                                 "(giữ bản mới nhất của 7 ngày và 4 tuần gần nhất) và thư mục thứ hai nếu đã đặt")
    c = cmd("restore", "khôi phục từ bản sao lưu (sau khi kiểm tra); trên máy chưa có dữ liệu: đặt bản sao lưu vào")
    c.add_argument("file")
    c.add_argument("--without-keys", action="store_true",
                   help="tệp khóa đồng bộ đi kèm bản sao lưu đã mất: vẫn khôi phục (sau đó chạy danvan keys new)")

    c = cmd("calendar", "ngày nghỉ thêm và ngày làm bù của đơn vị (dùng khi tính hạn)")
    csub = c.add_subparsers(dest="calendar_command", parser_class=_Parser)
    u = csub.add_parser("list")
    _globals(u, suppress=True)
    for name in ("off", "work", "normal"):
        u = csub.add_parser(name)
        _globals(u, suppress=True)
        u.add_argument("day", help="YYYY-MM-DD")
        if name != "normal":
            u.add_argument("--note")

    c = cmd("print", "in sổ và biểu mẫu ra tệp PDF")
    psub = c.add_subparsers(dest="print_command", parser_class=_Parser)
    for name, help_ in (("reception-log", "Sổ tiếp công dân (Mẫu 03)"), ("petition-register", "Sổ theo dõi đơn"),
                        ("dialogue-register", "Sổ theo dõi đối thoại")):
        u = psub.add_parser(name, help=help_)
        _globals(u, suppress=True)
        u.add_argument("--from", dest="date_from", required=True)
        u.add_argument("--to", dest="date_to", required=True)
        u.add_argument("--out", required=True)
        if name != "dialogue-register":  # a dialogue names no private person
            u.add_argument("--include-confidential", action="store_true")
        u.add_argument("--unit", help=UNIT_HELP)
    u = psub.add_parser("models", help="sổ mô hình \"Dân vận khéo\" theo năm")
    _globals(u, suppress=True)
    u.add_argument("--year", type=int, required=True)
    u.add_argument("--out", required=True)
    u.add_argument("--unit", help=UNIT_HELP)
    u = psub.add_parser("notice", help="thông báo cho công dân về một đơn")
    _globals(u, suppress=True)
    u.add_argument("--id", required=True, help="mã đơn")
    u.add_argument("--kind", choices=("accepted", "not_accepted", "guidance", "forwarded"))
    u.add_argument("--out", required=True)
    u.add_argument("--include-confidential", action="store_true")
    u = psub.add_parser("sheet", help="phiếu của một lượt tiếp hoặc một đơn")
    _globals(u, suppress=True)
    u.add_argument("--id", required=True)
    u.add_argument("--out", required=True)
    u.add_argument("--include-confidential", action="store_true")

    c = cmd("report", "báo cáo thống kê định kỳ (.pdf, .xlsx, .docx)")
    c.add_argument("--period", required=True, help=PERIOD_HELP)
    c.add_argument("--out", required=True, help="tệp báo cáo; loại tệp theo phần mở rộng: .pdf, .xlsx hoặc .docx")

    c = cmd("setting", "thiết lập của đơn vị (chỉ quản trị)")
    c.add_argument("key")
    c.add_argument("value")

    c = cmd("keys", "khóa đồng bộ của đơn vị: xuất tệp khóa, đăng ký khóa của đơn vị khác, xem vân tay")
    ksub = c.add_subparsers(dest="keys_command", parser_class=_Parser)
    u = ksub.add_parser("export", help="xuất tệp khóa công khai (.dvkey) của đơn vị này")
    _globals(u, suppress=True)
    u.add_argument("--out", required=True)
    u = ksub.add_parser("trust", help="đăng ký tệp khóa của cấp trên (ở xã) hoặc của xã (ở cấp trên)")
    _globals(u, suppress=True)
    u.add_argument("file")
    u.add_argument("--escrow", action="store_true",
                   help="(ở xã) khóa dự phòng: mỗi gói được mã hóa thêm cho nơi này, không nhận biên nhận của nó")
    u = ksub.add_parser("show", help="vân tay khóa của đơn vị này và các đơn vị đã đăng ký")
    _globals(u, suppress=True)
    u = ksub.add_parser("revoke", help="thu hồi khóa của một đơn vị (máy bị mất): gói ký bằng khóa đó bị từ chối")
    _globals(u, suppress=True)
    u.add_argument("unit_code")
    u.add_argument("--fingerprint", help="chỉ thu hồi khóa có vân tay này (khóa mới đã đăng ký vẫn dùng được)")
    u = ksub.add_parser("new", help="tạo cặp khóa mới cho đơn vị này (khi khóa cũ đã bị cấp trên thu hồi)")
    _globals(u, suppress=True)
    u = ksub.add_parser("grant", help="cho một tài khoản mở khóa đồng bộ bằng mật khẩu của mình (quản trị)")
    _globals(u, suppress=True)
    u.add_argument("name")

    c = cmd("bundle", "gói đồng bộ (.dvb): xuất gửi cấp trên, nhập từ các xã, kiểm tra")
    bsub = c.add_subparsers(dest="bundle_command", parser_class=_Parser)
    u = bsub.add_parser("export", help="xuất gói mọi thay đổi chưa được cấp trên xác nhận")
    _globals(u, suppress=True)
    u.add_argument("--out", required=True, help="thư mục ghi gói")
    u = bsub.add_parser("import", help="nhập các gói của xã (mỗi gói một giao dịch)")
    _globals(u, suppress=True)
    u.add_argument("files", nargs="+")
    u = bsub.add_parser("verify", help="kiểm tra chữ ký và mã băm của gói, không nhập")
    _globals(u, suppress=True)
    u.add_argument("file")
    u = bsub.add_parser("inbox", help="(cấp trên) nhập các gói đã về thư mục nhận gói rồi chuyển chúng vào lưu trữ")
    _globals(u, suppress=True)
    g = u.add_mutually_exclusive_group()
    g.add_argument("--set", metavar="THU_MUC", help="chọn thư mục nhận gói (thư mục chia sẻ hoặc thư mục đồng bộ)")
    g.add_argument("--clear", action="store_true", help="bỏ thư mục nhận gói")

    c = cmd("upload", "gửi gói lên máy chủ WebDAV của cấp trên (khi có mạng): thiết lập, gửi ngay, xem hàng chờ")
    upsub = c.add_subparsers(dest="upload_command", parser_class=_Parser)
    u = upsub.add_parser("set", help="địa chỉ WebDAV và tài khoản (mật khẩu máy chủ: DANVAN_UPLOAD_PASSWORD)")
    _globals(u, suppress=True)
    u.add_argument("url")
    u.add_argument("--username", required=True)
    u = upsub.add_parser("send", help="lập gói mọi thay đổi chưa được xác nhận và gửi cả hàng chờ ngay")
    _globals(u, suppress=True)
    u = upsub.add_parser("status", help="hàng chờ gửi và lỗi gần nhất")
    _globals(u, suppress=True)

    c = cmd("ack", "biên nhận đã nhận (.dvack): cấp trên lập cho xã, xã nhận vào")
    asub = c.add_subparsers(dest="ack_command", parser_class=_Parser)
    u = asub.add_parser("export", help="lập biên nhận cho một xã (cấp trên)")
    _globals(u, suppress=True)
    u.add_argument("--unit-code", required=True)
    u.add_argument("--out", required=True)
    u = asub.add_parser("import", help="nhận biên nhận của cấp trên (xã)")
    _globals(u, suppress=True)
    u.add_argument("file")

    c = cmd("person", "dữ liệu cá nhân của một công dân, theo yêu cầu của chính công dân đó")
    prsub = c.add_subparsers(dest="person_command", parser_class=_Parser)
    u = prsub.add_parser("export", help="xuất mọi thông tin đang lưu về một công dân (.json hoặc .pdf)")
    _globals(u, suppress=True)
    u.add_argument("--id-number", required=True, help="số định danh cá nhân (12 số) hoặc số CMND cũ (9 số)")
    u.add_argument("--name", help="họ tên: thêm các hồ sơ cùng họ tên nhưng không ghi số định danh (để xác minh)")
    u.add_argument("--out", required=True, help="tệp .json hoặc .pdf")

    c = cmd("recovery-key", "khóa khôi phục dữ liệu: tạo khóa mới (quản trị) hoặc dùng nó khi quên mọi mật khẩu")
    rsub = c.add_subparsers(dest="recovery_command", parser_class=_Parser)
    u = rsub.add_parser("new", help="tạo khóa khôi phục mới (khóa cũ hết hiệu lực) — in ra và cất giữ")
    _globals(u, suppress=True)
    u = rsub.add_parser("use", help="dùng khóa khôi phục để đặt lại mật khẩu quản trị (DANVAN_RECOVERY_KEY)")
    _globals(u, suppress=True)
    u.add_argument("admin", help="tên tài khoản quản trị được đặt mật khẩu mới (DANVAN_NEW_PASSWORD)")

    c = cmd("purge", "xóa dữ liệu cá nhân đã hết thời hạn lưu trữ (chỉ quản trị)")
    c.add_argument("--dry-run", action="store_true", help="chỉ liệt kê, không xóa gì")

    c = cmd("user", "quản lý tài khoản (chỉ quản trị)")
    usub = c.add_subparsers(dest="user_command", parser_class=_Parser)
    u = usub.add_parser("add")
    _globals(u, suppress=True)
    u.add_argument("name")
    u.add_argument("--role", required=True, choices=("admin", "leader", "officer", "viewer"))
    u.add_argument("--full-name")
    u = usub.add_parser("passwd")
    _globals(u, suppress=True)
    u.add_argument("name")
    u = usub.add_parser("list")
    _globals(u, suppress=True)
    for sub, text in (("disable", "khóa tài khoản (người đã nghỉ, chuyển công tác): không đăng nhập được nữa"),
                      ("enable", "mở lại tài khoản đã khóa")):
        u = usub.add_parser(sub, help=text)
        _globals(u, suppress=True)
        u.add_argument("name")
    u = usub.add_parser("role", help="đổi vai trò của tài khoản")
    _globals(u, suppress=True)
    u.add_argument("name")
    u.add_argument("role", choices=("admin", "leader", "officer", "viewer"))
    return p


# -- helpers ------------------------------------------------------------------------------------------------

def _secret(env: str, prompt: str, missing_key: str, confirm: bool = False) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if sys.stdin is None or not sys.stdin.isatty():
        raise AuthError(missing_key)
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Nhập lại mật khẩu / Repeat: ") != first:
        raise UsageError("usage.password_mismatch")
    return first


def _db_path(args) -> Path:
    return Path(args.db) if args.db else default_db_path()


def _open_session(args):
    from app.services.session import Session

    user = args.user or os.environ.get("DANVAN_USER")
    if not user:
        raise AuthError("auth.no_user")
    password = _secret("DANVAN_PASSWORD", f"Mật khẩu của {user}: ", "auth.no_password")
    from app.services.backup_schedule import check_at_open

    check_at_open(_db_path(args))  # a damaged file is refused before anything opens it for writing
    session = Session.open(_db_path(args), user, password, lang=args.lang)
    for notice in session.notices:  # said once, before the command's own output
        print(tr(notice, args.lang), file=sys.stderr)
    args._password = password  # the sync keys are unlocked with the same password (SYNC.md); never printed
    return session


def _date_arg(value: str | None, lang: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError("date.bad", value=value)


def _date_range(args) -> tuple[str | None, str | None]:
    """--from and --to checked: a range that ends before it starts is a typing slip, not an empty result."""
    start, end = _date_arg(args.date_from, args.lang), _date_arg(args.date_to, args.lang)
    if start and end and start > end:
        raise UsageError("date.range_reversed", start=start, end=end)
    return start, end


# -- commands: each returns (json_result, human_text) ---------------------------------------------------------

def cmd_init(args):
    from app.services import setup

    password = _secret("DANVAN_PASSWORD", f"Mật khẩu cho quản trị {args.admin}: ", "auth.no_password", confirm=True)
    res = setup.init(_db_path(args), args.unit_code, args.level, args.admin, password, district=args.district,
                     lang=args.lang)
    human = tr("out.init", args.lang, **res)
    if res.get("recovery_key"):  # shown once, never stored: the admin prints or copies it now
        human += "\n" + tr("out.recovery_key", args.lang, code=res["recovery_key"])
    return res, human


def cmd_recovery_key(args, s):
    """`recovery-key new`: a new recovery key (the old one stops working), shown once."""
    from app.services import protection

    key = protection.replace_recovery_key(s, args._password)
    return {"recovery_key": key}, tr("out.recovery_key", args.lang, code=key)


def cmd_recovery_use(args):
    """`recovery-key use ADMIN`: every password forgotten — the recovery key gives the admin a new one."""
    from app.services import protection

    key = _secret("DANVAN_RECOVERY_KEY", "Khóa khôi phục (8 nhóm 5 ký tự): ", "protect.no_recovery_key_given")
    password = _secret("DANVAN_NEW_PASSWORD", f"Mật khẩu mới cho {args.admin}: ", "user.no_new_password",
                       confirm=True)
    res = protection.recover(_db_path(args), args.admin, key, password, lang=args.lang)
    human = tr("out.recovered_admin", args.lang, user=args.admin)
    if res["sync_access"] == "lost":
        human += "\n" + tr("out.recovered_sync_lost", args.lang)
    return res, human


def cmd_demo(args):
    from app.services import demo
    from app.paths import demo_db_path

    path = Path(args.db) if args.db else (Path(os.environ["DANVAN_DB"]) if os.environ.get("DANVAN_DB")
                                          else demo_db_path())
    if args.records < 0 or args.records > 1_000_000:
        raise UsageError("usage.records_range")
    res = demo.build_demo(path, args.records, args.seed, lang=args.lang, progress=_progress_printer(args))
    counts = res["counts"]
    lines = [tr("out.demo", args.lang, db=res["db"], unit=res["unit_name"])]
    for t in ("reception", "petition", "model", "dialogue"):
        lines.append(f"  {label(RECORD_TYPE_LABELS, t, args.lang)}: {counts.get(t, 0):,}".replace(",", "."))
    lines.append(tr("out.demo_accounts", args.lang))
    for a in res["accounts"]:
        lines.append(f"  {a['user']:<8} {a['password']:<12} {label(ROLE, a['role'], args.lang)}")
    lines.append(tr("out.demo_next", args.lang, db=res["db"], user=res["accounts"][1]["user"],
                    password=res["accounts"][1]["password"]))
    return {"db": res["db"], "counts": counts, "accounts": [{"user": a["user"], "role": a["role"]} for a in res["accounts"]]}, "\n".join(lines)


def _progress_printer(args):
    if args.json or not sys.stderr.isatty():
        return None

    def show(done, total):
        print(f"\r  {done:,}/{total:,}".replace(",", "."), end="", file=sys.stderr, flush=True)
        if done >= total:
            print(file=sys.stderr)
    return show


def cmd_import(args, s):
    from app.services.importing import import_file

    from app.services.records import ApplyResult

    try:
        res = import_file(s, args.file, dry_run=args.dry_run, default_host=args.default_host,
                          progress=_progress_printer(args))
    except DanvanError as exc:
        # A file that cannot be read at all: still the import's result shape (INTERFACES.md), nothing imported.
        refused = ApplyResult()
        refused.errors.append({"line": 0, "field": "", "message": exc.message(args.lang)})
        exc.result = {**refused.as_json(), **({"dry_run": True} if args.dry_run else {})}
        raise
    out = res.as_json()
    if args.dry_run:
        out["dry_run"] = True
    if res.errors:
        lines = [tr(_line_key(e), args.lang, **e) for e in res.errors[:50]]
        if len(res.errors) > 50:
            lines.append(tr("out.more_errors", args.lang, n=len(res.errors) - 50))
        err = DanvanError("import.refused", count=len(res.errors))
        err.result = out
        err.details = lines
        raise err
    lines = [tr("out.import_dry" if args.dry_run else "out.import", args.lang,
                new=sum(res.imported.values()), upd=sum(res.updated.values()), same=sum(res.unchanged.values()))]
    lines += ["  " + (tr(_line_key(w), args.lang, **w) if w["line"] else w["message"]) for w in res.warnings[:50]]
    if len(res.warnings) > 50:  # the rest are in --json
        lines.append("  " + tr("out.more_warnings", args.lang, n=len(res.warnings) - 50))
    return out, "\n".join(lines)


def _line_key(issue: dict) -> str:
    """The sentence for one import message: with its sheet and its Excel column when the file had them."""
    if not issue.get("field") and not issue.get("column"):  # the whole line (not JSON): no empty `` to read
        return "import.sheet_line_whole" if issue.get("sheet") else "import.line_whole"
    return ("import.sheet_line" if issue.get("sheet") else "import.line") + ("_column" if issue.get("column") else "")


def cmd_export(args, s):
    from app.services.export import export
    from app.services.listing import Filters

    date_from, date_to = _date_range(args)
    narrow = Filters(category=args.category, direction=args.direction, status=args.status, field=args.field)
    res = export(s, args.file, types=[args.type] if args.type else None, date_from=date_from, date_to=date_to,
                 include_confidential=args.include_confidential, unit_code=args.unit, filters=narrow,
                 text=args.search, overdue=args.overdue, readable=args.readable)
    human = tr("out.export", args.lang, **res)
    if res["redacted"]:
        human += "\n" + tr("out.export_redacted", args.lang, fields=", ".join(res["redacted"]), n=res["redacted_records"])
    return res, human


def cmd_search(args, s):
    from app.services.search import search

    if args.limit < 1:
        raise UsageError("search.limit", value=args.limit)
    from app.domain.text import dmy

    results = search(s, args.query, types=[args.type] if args.type else None, limit=args.limit)
    lines = [tr("out.search", args.lang, n=len(results))]
    for r in results:
        d = dmy(r["date"])  # dd/mm/yyyy
        who = f" — {r['person']}" if r.get("person") else ""
        lines.append(f"  {d}  {label(RECORD_TYPE_LABELS, r['type'], args.lang)}{who}: {r['title']}  [{r['id']}]")
    return {"results": results}, "\n".join(lines)


def cmd_stats(args, s):
    from app.services.stats import stats

    res = stats(s, args.period, args.by_unit)
    lines = []
    if res["period"]:
        lines.append(f"{res['period']['label']} ({res['period']['from']} … {res['period']['to']})")
    for t, n in res["total"].items():
        lines.append(f"  {label(RECORD_TYPE_LABELS, t, args.lang)}: {n:,}".replace(",", "."))
    lines.append(tr("out.overdue", args.lang, n=res["overdue"]))
    if res["overdue_replies"]:
        lines.append(tr("out.overdue_replies", args.lang, n=res["overdue_replies"]))
    if res["commitments_late"]:
        lines.append(tr("out.commitments_late", args.lang, n=res["commitments_late"]))
    cats = res["by_category"]["petition"]
    if cats:
        lines.append("  " + ", ".join(f"{label(CATEGORY, k, args.lang)} {v}" for k, v in sorted(cats.items())))
    names = res.get("unit_names") or {}
    late = res.get("unit_overdue") or {}
    for code, counts in (sorted(res["units"].items()) if args.by_unit else ()):  # one line per unit
        text = ", ".join(f"{label(RECORD_TYPE_LABELS, t, args.lang)} {n:,}".replace(",", ".") for t, n in counts.items())
        owed = late.get(code) or {}
        if any(owed.values()):
            text += tr("out.unit_overdue", args.lang, overdue=owed.get("overdue", 0),
                       replies=owed.get("overdue_replies", 0), commitments=owed.get("commitments_late", 0))
        lines.append(tr("out.unit_line", args.lang, code=code, name=names.get(code) or "", counts=text))
    return res, "\n".join(lines)


def cmd_check(args, s):
    from app.services.check import check

    from app.services.clock_check import clock_doubts

    res = check(s)
    res["clock"] = clock_doubts(s)  # a clock in another zone or set back: said beside the data's check
    for doubt in res["clock"]:
        print(doubt["message"], file=sys.stderr)
    if res["ok"]:
        return res, tr("out.check_ok", args.lang)
    err = DanvanError("out.check_bad", n=len(res["problems"]))
    err.result = res
    err.details = [p["message"] for p in res["problems"][:100]]
    raise err


def cmd_backup(args, s):
    from app.services.backups import backup

    if args.out is None:  # the automatic kind: into backups/, a copy in the second folder, rotation
        from app.services.backup_schedule import make_backup

        res = make_backup(s)
        lines = [tr("out.backup", args.lang, **res)]
        lines += [tr("out.backup_copy", args.lang, **res)] if res["copy"] else []
        lines += [tr("out.backup_removed", args.lang, n=len(res["removed"]))] if res["removed"] else []
        for w in res["warnings"]:  # the backup itself is made: exit 0, the warning on stderr
            print(w, file=sys.stderr)
        return res, "\n".join(lines)
    res = backup(s, args.out)
    return res, tr("out.backup", args.lang, **res)


def cmd_restore(args, s):
    from app.services.backups import restore

    # No question here (scripts run it), but the accounts the restore puts back as they were are said: a password
    # reset since the backup no longer holds, and the officer must hear it from the command too.
    res = restore(s, args.file, without_keys=args.without_keys)
    text = tr("out.restore", args.lang, **res)
    if res["accounts_undone"]:
        text += "\n" + tr("out.restore_accounts", args.lang, accounts=", ".join(res["accounts_undone"]))
    if res["other_recovery_key"]:
        text += "\n" + tr("out.restore_other_recovery_key", args.lang)
    return res, text


def _damaged(args) -> bool:
    from app.services.backup_schedule import damage_of

    return damage_of(_db_path(args)) is not None


def cmd_recover(args):
    """`restore F` over a damaged data file, or where there is none (a new computer): the damaged file is never
    opened; the account logs in to the backup, which is put in place (a damaged file kept as
    `<name>.damaged-<stamp>`)."""
    from app.services.backup_schedule import recover

    user = args.user or os.environ.get("DANVAN_USER")
    if not user:
        raise AuthError("auth.no_user")
    password = _secret("DANVAN_PASSWORD", f"Mật khẩu của {user}: ", "auth.no_password")
    res = recover(_db_path(args), args.file, user=user, password=password, lang=args.lang,
                  without_keys=args.without_keys)
    res["saved_previous"] = res["damaged"]
    human = tr("out.recovered" if res["damaged"] else "out.restored_new_computer", args.lang, **res)
    if args.without_keys and not res["keys_restored"]:
        human += "\n" + tr("out.restored_without_keys", args.lang)
    return res, human


def cmd_user(args, s):
    from app.domain import roles
    from app.services import accounts, sync_keys
    from app.storage import users as user_rows

    s.require(roles.MANAGE_USERS)
    if args.user_command == "add":
        pw = _secret("DANVAN_NEW_PASSWORD", f"Mật khẩu cho {args.name}: ", "user.no_new_password", confirm=True)
        row = accounts.add_user(s.db, args.name, args.role, pw, by=s.user_name, full_name=args.full_name)
        return {"user": row["name"], "role": row["role"]}, tr("out.user_add", args.lang, user=row["name"],
                                                              role=label(ROLE, row["role"], args.lang))
    if args.user_command == "passwd":
        pw = _secret("DANVAN_NEW_PASSWORD", f"Mật khẩu mới cho {args.name}: ", "user.no_new_password", confirm=True)
        row = accounts.set_password(s.db, args.name, pw, by=s.user_name)
        # The acting user's current password unlocks the sync keys: one's own old one, or the admin's.
        access = sync_keys.password_changed(s, row["name"], pw, args._password)
        human = tr("out.user_passwd", args.lang, user=row["name"])
        if access == sync_keys.SYNC_ACCESS_LOST:
            human += "\n" + tr("out.sync_access_lost", args.lang, user=row["name"])
        return {"user": row["name"], "role": row["role"], "sync_access": access}, human
    if args.user_command == "list":
        rows = user_rows.all_users(s.db)
        users = [{"user": r["name"], "role": r["role"], "full_name": r["full_name"], "active": bool(r["active"]),
                  "last_login_at": r["last_login_at"], "locked_until": r["locked_until"]} for r in rows]
        lines = [f"  {u['user']:<16} {label(ROLE, u['role'], args.lang):<10} {local_dmy_hm(u['last_login_at']):<16} "
                 f"{'' if u['active'] else tr('out.user_disabled_mark', args.lang)}".rstrip() for u in users]
        return {"users": users}, "\n".join(lines)
    if args.user_command in ("disable", "enable"):
        from app.services import administration

        row = administration.set_active(s, args.name, args.user_command == "enable")
        return {"user": row["name"], "active": row["active"]}, tr("out.user_" + args.user_command, args.lang,
                                                                  user=row["name"])
    if args.user_command == "role":
        from app.services import administration

        row = administration.set_role(s, args.name, args.role)
        return {"user": row["name"], "role": row["role"]}, tr("out.user_role", args.lang, user=row["name"],
                                                              role=label(ROLE, row["role"], args.lang))
    raise UsageError("usage.user_command")


def cmd_calendar(args, s):
    from app.services import unit_settings

    if args.calendar_command in (None, "list"):
        days = unit_settings.list_calendar(s)
        return {"days": days}, "\n".join(
            f"  {dmy(d['day'])}  {tr('out.calendar_kind.' + d['kind'], args.lang)}  {d['note'] or ''}".rstrip()
            for d in days)
    kind = None if args.calendar_command == "normal" else args.calendar_command
    res = unit_settings.set_calendar_day(s, args.day, kind, getattr(args, "note", None))
    text = tr("out.calendar", args.lang, **{**res, "day": dmy(res["day"]),
                                            "kind": tr("out.calendar_kind." + args.calendar_command, args.lang)})
    if res.get("notice"):
        text += "\n" + tr(res["notice"], args.lang, holiday=res.get("holiday") or "")
    return res, text


def cmd_setting(args, s):
    from app.services import unit_settings

    res = unit_settings.set_setting(s, args.key, args.value)
    text = f"{res['key']} = {res['value']}"
    if "due_dates_changed" in res:  # the day replies are followed from: which day, and what moved
        from app.services import reply_tracking

        text = tr("out.setting_reply_day", args.lang, key=res["key"],
                  day=dmy(reply_tracking.own_start(s.db).isoformat()), n=res["due_dates_changed"],
                  default="" if res["value"] else tr("out.setting_reply_default", args.lang))
    return res, text


def cmd_print(args, s):
    from app.services.printing import print_document

    kind = {"sheet": "record-sheet"}.get(args.print_command, args.print_command)
    options: dict = {}
    if kind in ("reception-log", "petition-register", "dialogue-register"):
        date_from, date_to = _date_range(args)
        options = {"date_from": date_from, "date_to": date_to}
    elif kind == "models":
        options = {"year": args.year}
    elif kind == "notice":
        options = {"id": args.id, "kind": args.kind}
    elif kind == "record-sheet":
        options = {"id": args.id}
    if getattr(args, "unit", None):  # the books only (reception-log, petition-register, dialogue-register, models)
        options["unit_code"] = args.unit
    res = print_document(s, kind, args.out, options,
                         include_confidential=getattr(args, "include_confidential", False))
    return res, tr("out.print", args.lang, file=res["file"], pages=res.get("pages", 0), entries=res.get("entries", 0))


def cmd_report(args, s):
    from app.services.printing import print_document

    res = print_document(s, "report", args.out, {"period": args.period})
    return {"file": res["file"]}, tr("out.report", args.lang, file=res["file"])


def _grouped(fp: str | None) -> str:
    return fp or "-"


def cmd_keys(args, s):
    from app.services import sync_keys

    if args.keys_command == "export":
        res = sync_keys.export_keyfile(s, args.out, password=args._password)
        return res, tr("out.keys_export", args.lang, **res)
    if args.keys_command == "trust":
        res = sync_keys.trust(s, args.file, escrow=args.escrow)
        if res["warning"]:  # registered all the same; said on stderr so a script's output stays clean
            print(res["warning"], file=sys.stderr)
        out = {"unit_code": res["unit_code"], "fingerprint": res["fingerprint"], "warning": res["warning"]}
        if args.escrow:  # INTERFACES.md's fields, and this one only when asked for
            out["escrow"] = True
        return out, tr("out.keys_trust_escrow" if args.escrow else "out.keys_trust", args.lang, **res)
    if args.keys_command == "new":
        res = sync_keys.new_keys(s, args._password)
        human = tr("out.keys_new", args.lang, fingerprint=_grouped(res["fingerprint"]))
        if res["previous"] and not res["previous_revoked"]:  # the GUI asks first; a command is told after
            human += "\n" + tr("out.keys_new_unrevoked", args.lang, previous=res["previous"])
        return res, human
    if args.keys_command == "revoke":
        res = sync_keys.revoke(s, args.unit_code, args.fingerprint)
        return res, tr("out.keys_revoke", args.lang, unit_code=res["unit_code"], n=len(res["revoked"]),
                       fingerprints="; ".join(res["revoked"]) or "-")
    if args.keys_command == "grant":
        pw = _secret("DANVAN_NEW_PASSWORD", f"Mật khẩu đăng nhập của {args.name}: ", "user.no_new_password")
        res = sync_keys.grant(s, args._password, args.name, pw)
        return res, tr("out.keys_grant", args.lang, **res)
    if args.keys_command == "show":
        res = sync_keys.show(s)
        lines = [tr("out.keys_show", args.lang, fingerprint=_grouped(res["fingerprint"]))]
        current = next((p for p in res["peers"] if p["level"] == "upper" and not p["escrow"] and not p["revoked"]),
                       None)  # newest first: the upper level bundles go to
        for p in res["peers"]:
            role = ("revoked" if p["revoked"] else "escrow" if p["escrow"] else
                    "current_upper" if p is current else "old_upper" if p["level"] == "upper" else "commune")
            lines.append(f"  {p['unit_code']} {p['unit_name']} ({tr('out.keys_role.' + role, args.lang)}): "
                         f"{p['fingerprint']}")
        return res, "\n".join(lines)
    raise UsageError("usage.keys_command")


def cmd_bundle(args, s):
    from app.services import sync_export, sync_import

    if args.bundle_command == "export":
        res = sync_export.export_bundle(s, args.out, password=args._password)
        if res["file"] is None:
            return res, tr("out.bundle_nothing", args.lang)
        return res, tr("out.bundle_export_snapshot" if res.get("kind") == "snapshot" else "out.bundle_export",
                       args.lang, **res)
    if args.bundle_command == "import":
        res = sync_import.import_bundles(s, args.files, password=args._password)
        return res, _bundles_imported(res, _bundle_lines(res, args.lang))
    if args.bundle_command == "inbox":
        from app.services import sync_inbox

        if args.set or args.clear:
            res = sync_inbox.set_inbox_folder(s, None if args.clear else args.set)
            return res, (tr("out.inbox_set", args.lang, **res) if res["folder"] else tr("out.inbox_cleared", args.lang))
        res = sync_inbox.import_waiting(s, password=args._password)
        lines = _bundle_lines(res, args.lang) or [tr("out.inbox_empty", args.lang, folder=res["folder"])]
        if res["arriving"]:
            lines.append(tr("out.inbox_arriving", args.lang, n=res["arriving"]))
        if res["left"]:
            lines.append(tr("out.inbox_left", args.lang, files=", ".join(res["left"])))
        lines += [f"{m['file']}: {m['message']}" for m in res["not_moved"]]
        return res, _bundles_imported(res, lines)
    if args.bundle_command == "verify":
        res = sync_import.verify_file(s, args.file)
        if not res["ok"]:
            err = DanvanError("sync.verify_failed", reason=res.get("message") or res["reason"])
            err.result = res
            raise err
        return res, tr("out.bundle_verified", args.lang, sender=res["sender"])
    raise UsageError("usage.bundle_command")


def _bundle_lines(res: dict, lang: str) -> list[str]:
    """One line per bundle of an import (`bundle import`, `bundle inbox`), then what to look at."""
    lines = []
    for b in res["bundles"]:
        if b["status"] == "rejected":
            lines.append(f"{b['file']}: {b.get('message') or b['reason']}")
        elif b["status"] == "duplicate":
            lines.append(tr("out.bundle_duplicate", lang, **b, when=local_dmy_hm(b.get("imported_at"))))
        else:
            lines.append(tr("out.bundle_imported", lang, **b))
            lines += [tr("out.bundle_gap", lang, first=g[0], last=g[1], sender=b["sender"])
                      for g in b.get("gaps") or ()]
            if b.get("not_in_snapshot"):
                lines.append(tr("out.bundle_not_in_snapshot", lang, n=b["not_in_snapshot"], sender=b["sender"]))
    if any(b.get("conflicts") or b.get("quarantined") for b in res["bundles"]):
        lines.append(tr("out.bundle_review", lang))
    return lines


def _bundles_imported(res: dict, lines: list[str]) -> str:
    """The human output of an import; exit 1 (the others still count) when any bundle was refused."""
    refused = [b for b in res["bundles"] if b["status"] == "rejected"]
    if refused:
        err = DanvanError("sync.import_refused" if len(refused) < len(res["bundles"]) else "sync.import_refused_all",
                          n=len(refused), total=len(res["bundles"]))
        err.result = res
        err.details = lines
        raise err
    return "\n".join(lines)


def cmd_ack(args, s):
    from app.services import sync_ack

    if args.ack_command == "export":
        res = sync_ack.export_ack(s, args.unit_code, args.out, password=args._password)
        return res, tr("out.ack_export", args.lang, **res)
    if args.ack_command == "import":
        res = sync_ack.import_ack(s, args.file)
        human = tr("out.ack_import", args.lang, **res)
        from app.services.sync_review import reason_text

        # the records the upper level did not apply: set aside as not valid (to correct), or under review there
        for group, heading in (("quarantined", "out.ack_quarantined"), ("in_review", "out.ack_in_review")):
            if res[group]:
                human += "\n" + tr(heading, args.lang, n=len(res[group])) + "".join(
                    f"\n  - {q.get('title') or q.get('id') or '?'} ({q.get('id') or '?'}): "
                    f"{reason_text(q.get('reason'), args.lang)}" for q in res[group])
        if res["gaps"]:
            human += "\n" + tr("out.ack_gaps", args.lang, ranges=", ".join(f"{a}–{b}" for a, b in res["gaps"]))
        human += "".join("\n" + note for note in sync_ack.receipt_notes(res, args.lang, digest_differs=True))
        if res["key_revoked"]:
            human += "\n" + tr("out.ack_key_revoked", args.lang)
        return res, human
    raise UsageError("usage.ack_command")


def cmd_upload(args, s):
    """`upload set|send|status`: the GUI's "Gửi lên máy chủ", for a scheduled task on a commune's laptop."""
    from app.services import sync_upload

    if args.upload_command == "set":
        server_pw = _secret("DANVAN_UPLOAD_PASSWORD", "Mật khẩu tài khoản máy chủ: ", "sync.upload.password_env")
        res = sync_upload.save_settings(s, args.url, args.username, server_pw)
        human = tr("out.upload_set", args.lang, url=args.url)
        try:  # saved either way (offline is the rule); the officer learns now whether the server takes it
            sync_upload.try_connection(args.url, args.username, server_pw)
            res["connection"] = "ok"
            human += "\n" + tr("out.upload_connection_ok", args.lang)
        except DanvanError as exc:
            res["connection"] = "failed"
            human += "\n" + tr("out.upload_connection_failed", args.lang, reason=exc.message(args.lang))
        return res, human
    if args.upload_command == "status":
        res = sync_upload.status(s)
        if not res["configured"]:
            return res, tr("out.upload_status_unset", args.lang, n=res["waiting"])
        return res, tr("out.upload_status", args.lang, n=res["waiting"], error=res.get("last_error_text") or "-")
    if args.upload_command == "send":
        res = sync_upload.send_now(s, password=args._password)
        res.pop("target", None)  # holds the server password: never printed
        if res["busy"] or res["failed"] or res["blocked"]:
            err = DanvanError("sync.upload.busy") if res["busy"] else DanvanError(
                "sync.upload.not_all_sent_person" if res["needs_person"] or res["blocked"] else
                "sync.upload.not_all_sent", n=len(res["failed"]) + len(res["blocked"]), error=res.get("error") or "-")
            err.result = res
            raise err
        return res, tr("out.upload_sent", args.lang, n=len(res["sent"]))
    raise UsageError("usage.upload_command")


def cmd_person(args, s):
    from app.services import data_subject

    if args.person_command == "export":
        res = data_subject.export_person(s, args.id_number, args.out, name=args.name)
        return res, tr("out.person_export", args.lang, **res)
    raise UsageError("usage.person_command")


def cmd_purge(args, s):
    from app.domain.enums import RECORD_TYPE_LABELS as types
    from app.services import retention

    res = retention.purge(s, dry_run=args.dry_run)
    others = [tr("out.purge_left_to_owners", args.lang, n=res["left_to_owners"])] if res["left_to_owners"] else []
    if not res["total"]:
        return res, "\n".join([tr("out.purge_none_own" if others else "out.purge_none", args.lang), *others])
    details = ", ".join(f"{label(types, t, args.lang)} {n}" for t, n in res["counts"].items() if n)
    lines = [tr("out.purge_dry" if args.dry_run else "out.purge", args.lang, total=res["total"], details=details)]
    if args.dry_run:
        lines += [f"  {r['date'] or ''}  {label(types, r['type'], args.lang)}  {r['case_no'] or r['id']}"
                  for r in res["records"][:200]]
    return res, "\n".join([*lines, *others])


SESSION_COMMANDS = {"upload": cmd_upload, "recovery-key": cmd_recovery_key, "person": cmd_person, "purge": cmd_purge, "keys": cmd_keys, "bundle": cmd_bundle, "ack": cmd_ack, "print": cmd_print, "report": cmd_report, "calendar": cmd_calendar, "setting": cmd_setting, "import": cmd_import, "export": cmd_export, "search": cmd_search, "stats": cmd_stats,
                    "check": cmd_check, "backup": cmd_backup, "restore": cmd_restore, "user": cmd_user}


# -- running ------------------------------------------------------------------------------------------------

def _emit(args, result, human, stream=None):
    if args.json:
        print(json.dumps(result, ensure_ascii=False), file=sys.stdout)
    elif human:
        print(human, file=stream or sys.stdout)


def _utf8_streams() -> None:
    for s in (sys.stdout, sys.stderr):
        try:
            if s is not None and (s.encoding or "").lower() not in ("utf-8", "utf8"):
                s.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError):
            pass


def _smoke_log_in(db: str | None, lang: str | None):
    """`danvan --smoke`'s log-in, started on a worker thread before PySide6 is even imported: the demo database
    (built first if missing) with the account its log-in screen suggests, or --db with DANVAN_USER and
    DANVAN_PASSWORD. The password is known from the start here, so its key derivation runs on the other core
    while the window is built, as the log-in dialog's does while the officer types (ui.application.run)."""
    from app.paths import demo_db_path
    from app.services.demo import demo_accounts
    from app.services.session import Session

    path = Path(db) if db else demo_db_path()
    user, password = os.environ.get("DANVAN_USER"), os.environ.get("DANVAN_PASSWORD")
    if not db or not user:
        if not db and not path.exists():
            from app.services.demo import build_demo

            build_demo(path, lang=lang or "vi")
        account = demo_accounts()[1]  # the account the demo's log-in screen suggests
        user, password = account["user"], account["password"]
    return Session.begin_open(path, user, password or "", lang=lang or "vi")


def main(argv: list[str] | None = None) -> int:
    _utf8_streams()
    install_log_file()
    argv = list(sys.argv[1:] if argv is None else argv)
    want_json = "--json" in argv
    lang = "en" if ("--lang" in argv and argv[argv.index("--lang") + 1:argv.index("--lang") + 2] == ["en"]) \
        or "--lang=en" in argv else "vi"
    parser = build_parser(commands=not names_no_command(argv), lang=lang)
    args = None
    session = None
    try:
        args = parser.parse_args(argv)
        explicit_lang = args.lang
        args.lang = args.lang or "vi"
        lang = args.lang
        if args.command is None:
            # No command: the desktop application (INTERFACES.md). PySide6 is imported only here, so the
            # core and every other command stay Qt-free. The core the log-in needs is imported first: once
            # PySide6 is loaded, it inspects the source of every module imported after it (its __feature__
            # hook), which cost the start-up tens of milliseconds for modules that never touch Qt.
            import app.services.dashboard  # noqa: F401
            import app.services.drafts  # noqa: F401
            import app.services.listing  # noqa: F401
            import app.services.session  # noqa: F401
            if args.smoke:
                logging_in = _smoke_log_in(getattr(args, "db", None), explicit_lang)
                from ui.application import smoke

                return smoke(logging_in, lang=explicit_lang)
            from ui.application import run as run_gui

            return run_gui(getattr(args, "db", None), demo=args.demo, lang=explicit_lang)
        if args.command == "user" and not args.user_command:
            raise UsageError("usage.user_command")
        if args.command == "bundle" and not args.bundle_command:
            raise UsageError("usage.bundle_command")
        if args.command == "ack" and not args.ack_command:
            raise UsageError("usage.ack_command")
        if args.command == "keys" and not args.keys_command:
            raise UsageError("usage.keys_command")
        if args.command == "print" and not args.print_command:
            raise UsageError("usage.print_command")
        if args.command == "person" and not args.person_command:
            raise UsageError("usage.person_command")
        if args.command == "upload" and not args.upload_command:
            raise UsageError("usage.upload_command")
        if args.command == "recovery-key" and not args.recovery_command:
            raise UsageError("usage.recovery_command")
        if args.command == "init":
            result, human = cmd_init(args)
        elif args.command == "demo":
            result, human = cmd_demo(args)
        elif args.command == "recovery-key" and args.recovery_command == "use":
            result, human = cmd_recovery_use(args)
        elif args.command == "restore" and (not _db_path(args).exists() or _damaged(args)):
            result, human = cmd_recover(args)  # a new computer, or a damaged file: the account logs in to the backup
        else:
            session = _open_session(args)
            result, human = SESSION_COMMANDS[args.command](args, session)
        _emit(args, result, human)
        return 0
    except DanvanError as exc:
        message = exc.message(lang)
        payload = dict(getattr(exc, "result", None) or {})
        if args is not None and args.command == "check" and not payload:
            # `check` on a file that cannot even be opened (damaged, not ours): still its result shape.
            payload = {"ok": False, "problems": [{"kind": exc.code, "message": message}]}
        payload["error"] = {"code": exc.code, "message": message}
        if want_json:
            print(json.dumps(payload, ensure_ascii=False))
        for line in getattr(exc, "details", []) or []:
            print(line, file=sys.stderr)
        print(message, file=sys.stderr)
        return exc.exit_code
    except sqlite3.Error as exc:
        from app.storage.db import translate_sqlite_error

        err = translate_sqlite_error(exc, _db_path(args) if args is not None else "")  # the file, named
        message = err.message(lang)
        if want_json:
            print(json.dumps({"error": {"code": err.code, "message": message}}, ensure_ascii=False))
        print(message, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(tr("cancelled", lang), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader of our output went away (`danvan search … | head`): nothing to say, and nowhere to say it.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as exc:  # a file or folder the command was given: say which and why, in the user's words
        from app.errors import os_error_text

        message = tr("os_error", lang, path=exc.filename or "", reason=os_error_text(exc, lang))
        if want_json:
            print(json.dumps({"error": {"code": "os_error", "message": message}}, ensure_ascii=False))
        print(message, file=sys.stderr)
        return 1
    except Exception as exc:  # never a bare traceback for an officer: a sentence, and the details in the log
        where = log_unexpected(exc)
        message = tr("unexpected", lang, kind=type(exc).__name__, log=str(where) if where else "-")
        if want_json:
            print(json.dumps({"error": {"code": "unexpected", "message": message}}, ensure_ascii=False))
        print(message, file=sys.stderr)
        return 1
    finally:
        if session is not None:
            session.close()


if __name__ == "__main__":
    raise SystemExit(main())
