"""Typed errors of the core. The CLI maps them to exit codes; the GUI (ui/errors.py) to dialogs.

Each carries a message key and its arguments, so the text is produced in the user's language where it is shown.
"""

from __future__ import annotations


class DanvanError(Exception):
    """Base class. `exit_code` follows INTERFACES.md: 1 refused, 2 usage, 3 authentication/permission."""

    exit_code = 1
    code = "refused"

    def __init__(self, key: str, **params):
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str = "vi") -> str:
        from app.i18n import tr

        return tr(self.key, lang, **self.params)

    def __str__(self) -> str:  # readable in logs and tracebacks
        return self.message("en")


class UsageError(DanvanError):
    exit_code = 2
    code = "usage"


def require_extension(path, allowed: str, error: type[DanvanError] = UsageError) -> None:
    """A file name given with no extension ("Mô hình 2026") is said to lack one, not called a file type."""
    from pathlib import Path

    if not Path(path).suffix:
        raise error("file.no_ext", name=Path(path).name, allowed=allowed)


class AuthError(DanvanError):
    exit_code = 3
    code = "auth"


class PermissionDenied(DanvanError):
    exit_code = 3
    code = "permission"


class RecordChanged(DanvanError):
    """A form's record was changed, deleted or restored elsewhere since the form loaded it: not saved."""

    code = "changed"


class NotFound(DanvanError):
    code = "not_found"


class DatabaseBusy(DanvanError):
    code = "busy"


class DatabaseError(DanvanError):
    code = "database"


class ValidationFailed(DanvanError):
    """A record (or a file of records) did not pass validation; `errors` lists what and where."""

    code = "validation"

    def __init__(self, key: str = "validation.failed", errors: list[dict] | None = None, **params):
        super().__init__(key, count=len(errors or []), **params)
        self.errors = errors or []


class Cancelled(DanvanError):
    code = "cancelled"

    def __init__(self):
        super().__init__("cancelled")


def as_danvan_error(exc: BaseException) -> DanvanError | None:
    """The core's own error for a low-level one a caller may meet (SQLite busy/full/damaged), else None —
    so the GUI turns every known failure into the same sentence the command prints."""
    if isinstance(exc, DanvanError):
        return exc
    import sqlite3

    if isinstance(exc, sqlite3.Error):
        from app.storage.db import translate_sqlite_error

        return translate_sqlite_error(exc)
    return None


_OS_REASONS = {  # errno name -> (vi, en): what the operating system said, in words an officer acts on
    "ENOENT": ("không có tệp hoặc thư mục này — hãy kiểm tra lại đường dẫn", "no such file or folder — check the path"),
    "EACCES": ("không được phép đọc/ghi ở đây — hãy chọn thư mục khác", "not allowed to read or write here — choose another folder"),
    "EPERM": ("không được phép đọc/ghi ở đây — hãy chọn thư mục khác", "not allowed to read or write here — choose another folder"),
    "EROFS": ("ổ đĩa chỉ cho đọc (USB khóa ghi?) — hãy chọn ổ khác", "the drive is read-only (a write-protected USB stick?) — choose another drive"),
    "ENOSPC": ("ổ đĩa đã đầy — hãy giải phóng chỗ trống hoặc chọn ổ khác", "the drive is full — free some space or choose another drive"),
    "EISDIR": ("đây là thư mục, không phải tệp", "this is a folder, not a file"),
    "ENOTDIR": ("một phần của đường dẫn không phải thư mục", "part of the path is not a folder"),
    "EEXIST": ("đã có tệp này", "the file already exists"),
    "ENAMETOOLONG": ("tên tệp hoặc đường dẫn quá dài — hãy đặt tên ngắn hơn, hoặc chọn thư mục gần gốc ổ đĩa hơn",
                     "the file name or path is too long — use a shorter name, or a folder nearer the drive's root"),
    "EBUSY": ("tệp đang được chương trình khác dùng — hãy đóng chương trình đó rồi thử lại",
              "the file is in use by another program — close it and try again"),
    "EIO": ("lỗi đọc/ghi ổ đĩa (USB hỏng hoặc vừa bị rút ra?) — hãy thử lại hoặc chọn ổ khác",
            "the drive could not be read or written (a faulty or unplugged USB stick?) — try again or choose another drive"),
    "EINVAL": ("tên tệp không hợp lệ (Windows không cho các ký tự : * ? \" < > |) — hãy đặt tên khác",
               "the file name is not valid (Windows forbids : * ? \" < > |) — choose another name"),
}


def os_error_text(exc: OSError, lang: str = "vi") -> str:
    """The reason of an OSError in the user's language (the system's own words when the case is unusual)."""
    import errno

    pair = _OS_REASONS.get(errno.errorcode.get(exc.errno or 0, ""))
    if pair is None:
        return exc.strerror or str(exc)
    return pair[0] if lang != "en" else pair[1]
