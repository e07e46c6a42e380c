"""Roles and what each may do. The services check these — the GUI only mirrors them (disabled, with a reason)."""

from __future__ import annotations

ROLES = ("admin", "leader", "officer", "viewer")

READ = "record.read"
WRITE = "record.write"
IMPORT = "record.import"
CLOSE = "petition.close"  # move a petition to resolved / answered / closed (leader's approval)
SEE_ID_NUMBERS = "identity.id_numbers"
SEE_CONFIDENTIAL = "identity.confidential"  # a denouncer's identity (plus the officer on the case)
EXPORT = "record.export"
EXPORT_CONFIDENTIAL = "export.confidential"
MANAGE_USERS = "users.manage"
MANAGE_SETTINGS = "settings.manage"
BACKUP = "db.backup"
RESTORE = "db.restore"
CHECK = "db.check"
AUDIT_READ = "audit.read"  # the "Nhật ký" screen: who did what, when
PERSON_EXPORT = "person.export"  # everything held about one citizen, on their request (data-protection law)
PURGE = "data.purge"  # erase personal data past its retention period

_ALL_READ = {READ, CHECK, EXPORT}
PERMISSIONS: dict[str, frozenset[str]] = {
    "viewer": frozenset(_ALL_READ),
    "officer": frozenset(_ALL_READ | {WRITE, IMPORT, SEE_ID_NUMBERS, BACKUP}),
    "leader": frozenset(_ALL_READ | {WRITE, IMPORT, CLOSE, SEE_ID_NUMBERS, SEE_CONFIDENTIAL, EXPORT_CONFIDENTIAL,
                                     BACKUP, AUDIT_READ, PERSON_EXPORT}),
    # Admins set the unit up and migrate old books, so they record too; a denouncer's identity stays masked for them.
    "admin": frozenset(_ALL_READ | {WRITE, IMPORT, CLOSE, SEE_ID_NUMBERS, MANAGE_USERS, MANAGE_SETTINGS, BACKUP,
                                    RESTORE, AUDIT_READ, PERSON_EXPORT, PURGE}),
}

# Words for "not allowed to …" messages: permission -> (vi, en)
ACTION_WORDS = {
    READ: ("xem dữ liệu", "read records"),
    WRITE: ("ghi hoặc sửa hồ sơ", "record or edit"),
    IMPORT: ("nhập dữ liệu", "import records"),
    CLOSE: ("kết thúc, phê duyệt kết quả giải quyết đơn", "close or approve a petition's resolution"),
    SEE_ID_NUMBERS: ("xem số định danh", "see ID numbers"),
    SEE_CONFIDENTIAL: ("xem thông tin người tố cáo", "see a denouncer's identity"),
    EXPORT: ("xuất dữ liệu", "export records"),
    EXPORT_CONFIDENTIAL: ("xuất thông tin được bảo mật", "export confidential identities"),
    MANAGE_USERS: ("quản lý tài khoản", "manage accounts"),
    MANAGE_SETTINGS: ("thay đổi thiết lập", "change settings"),
    BACKUP: ("sao lưu", "make backups"),
    RESTORE: ("khôi phục dữ liệu", "restore data"),
    CHECK: ("kiểm tra dữ liệu", "check the database"),
    AUDIT_READ: ("xem nhật ký", "read the audit log"),
    PERSON_EXPORT: ("xuất dữ liệu của một công dân", "export a citizen's personal data"),
    PURGE: ("xóa dữ liệu cá nhân hết thời hạn lưu trữ", "erase personal data past its retention period"),
}

CLOSING_STATUSES = frozenset({"resolved", "answered", "closed"})


def can(role: str, permission: str) -> bool:
    return permission in PERMISSIONS.get(role, frozenset())
