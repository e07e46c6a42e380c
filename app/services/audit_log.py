"""Reading the audit log (the "Nhật ký" screen): filtered, newest first, in windows; every action with its
Vietnamese label; and the chain check (`danvan check`) told in plain words.

Administrators and leaders only (roles.AUDIT_READ). The entries never carry personal data (see app.storage.audit).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from app.domain import roles
from app.domain.enums import PETITION_STATUS, RECORD_TYPE_LABELS, label
from app.i18n import tr
from app.services.history import status_part
from app.services.session import Session
from app.storage import audit, records as records_store

# action key -> (vi, en). Record actions are "<how>.create|update" (how = save, import, sync.import, purge).
ACTION_LABELS: dict[str, tuple[str, str]] = {
    "init": ("Khởi tạo cơ sở dữ liệu", "Database set up"),
    "login.failed": ("Đăng nhập sai mật khẩu", "Wrong password at log-in"),
    "login.locked": ("Tài khoản bị khóa tạm thời", "Account locked for a while"),
    "user.add": ("Thêm tài khoản", "Account added"),
    "user.passwd": ("Đặt lại hoặc đổi mật khẩu", "Password set or changed"),
    "save.create": ("Thêm hồ sơ", "Record added"),
    "save.update": ("Sửa hồ sơ", "Record edited"),
    "import": ("Nhập dữ liệu từ tệp", "Data imported from a file"),
    "import.create": ("Thêm hồ sơ khi nhập tệp", "Record added by an import"),
    "import.update": ("Cập nhật hồ sơ khi nhập tệp", "Record updated by an import"),
    "delete": ("Xóa hồ sơ", "Record deleted"),
    "print": ("In", "Print"),
    "print.confidential": ("In kèm thông tin bảo mật", "Print with confidential identity"),
    "print.preview": ("Xem trước bản in", "Print preview"),
    "print.preview.confidential": ("Xem trước bản in kèm thông tin bảo mật", "Print preview with confidential identity"),
    "export": ("Xuất dữ liệu", "Export"),
    "export.confidential": ("Xuất dữ liệu kèm thông tin bảo mật", "Export with confidential identity"),
    "read.confidential": ("Xem thông tin bảo mật", "Confidential identity read"),
    "setting": ("Thay đổi thiết lập", "Setting changed"),
    "calendar": ("Sửa ngày nghỉ, ngày làm bù", "Days off or make-up days changed"),
    "backup": ("Sao lưu", "Backup"),
    "restore": ("Khôi phục", "Restore"),
    "restore.undone": ("Hoàn tác lần khôi phục bị ngắt", "Undo of an interrupted restore"),
    "purge": ("Xóa dữ liệu cá nhân hết thời hạn lưu trữ", "Personal data past retention erased"),
    "purge.update": ("Xóa dữ liệu cá nhân của một hồ sơ", "A record's personal data erased"),
    "purge.delete": ("Hủy hồ sơ hết thời hạn lưu trữ", "Record past retention discarded"),
    "person.export": ("Xuất dữ liệu của một công dân", "A citizen's data exported"),
    "sync.keys_created": ("Tạo khóa đồng bộ", "Sync keys made"),
    "sync.key_export": ("Xuất tệp khóa đơn vị", "Unit key file exported"),
    "sync.trust": ("Đăng ký khóa của đơn vị khác", "Another unit's key registered"),
    "sync.revoke": ("Thu hồi khóa của đơn vị", "A unit's key revoked"),
    "sync.grant": ("Cấp quyền đồng bộ cho tài khoản", "Sync access given to an account"),
    "sync.access_kept": ("Giữ quyền đồng bộ khi đổi mật khẩu", "Sync access kept on a password change"),
    "sync.access_lost": ("Mất quyền đồng bộ khi đổi mật khẩu", "Sync access lost on a password change"),
    "sync.access_none": ("Đổi mật khẩu (tài khoản không có quyền đồng bộ)", "Password changed (no sync access)"),
    "sync.bundle_export": ("Xuất gói dữ liệu đồng bộ", "Sync bundle exported"),
    "sync.bundle_import": ("Nhập gói dữ liệu đồng bộ", "Sync bundle imported"),
    "sync.import.create": ("Thêm hồ sơ từ gói đồng bộ", "Record added from a sync bundle"),
    "sync.import.update": ("Cập nhật hồ sơ từ gói đồng bộ", "Record updated from a sync bundle"),
    "sync.ack_export": ("Lập biên nhận", "Receipt made"),
    "sync.ack_import": ("Nhận biên nhận của cấp trên", "Receipt taken in"),
}
ENTITY_LABELS = {**RECORD_TYPE_LABELS, "user": ("Tài khoản", "Account"), "setting": ("Thiết lập", "Setting")}


def action_label(action: str, lang: str = "vi") -> str:
    """The Vietnamese (or English) words for an action key; an unknown key says its family and shows itself."""
    pair = ACTION_LABELS.get(action)
    if pair is not None:
        return pair[0] if lang != "en" else pair[1]
    family = action.split(".", 1)[0]
    words = {"sync": ("Đồng bộ", "Sync"), "login": ("Đăng nhập", "Log-in"), "user": ("Tài khoản", "Account"),
             "print": ("In", "Print"), "export": ("Xuất dữ liệu", "Export"), "read": ("Xem", "Read"),
             "key": ("Khóa", "Keys")}.get(family)
    if words is None:
        return action
    return f"{words[0] if lang != 'en' else words[1]} ({action})"


def entity_label(entity: str | None, lang: str = "vi") -> str:
    return label(ENTITY_LABELS, entity, lang) if entity else ""


@dataclass
class Filters:
    """What the screen asks for: local days (inclusive), one user, one action key ("" / None = all)."""

    date_from: date | None = None
    date_to: date | None = None
    user: str | None = None
    action: str | None = None


def _utc(day: date) -> str:
    """The UTC stamp of local midnight starting `day` (the log stores UTC; people think in local days)."""
    return datetime.combine(day, time()).astimezone().astimezone(timezone.utc).isoformat(timespec="seconds")


def _query(f: Filters | None) -> audit.Query:
    f = f or Filters()
    return audit.Query(at_from=_utc(f.date_from) if f.date_from else None,
                       at_before=_utc(f.date_to + timedelta(days=1)) if f.date_to else None,
                       user=f.user or None, actions=(f.action,) if f.action else ())


def local_time(at: str) -> datetime:
    """An entry's UTC stamp as local wall-clock time (naive)."""
    return datetime.fromisoformat(at).astimezone().replace(tzinfo=None)


_STATUS_CHANGE = re.compile(r"status=(\w*)>(\w*)")
_STATUS_SET = re.compile(r"status=(\w*)")
_IMPORT_COUNTS = re.compile(r"(.*?) ?\+(\d+) ~(\d+)")
_TRUST = re.compile(r"(commune|upper|escrow) (\S+) ([\d ]+)")
_BUNDLE_IMPORT = re.compile(r"\S+ (\S+) (\d+)-(\d+) \+(\d+) ~(\d+) =(\d+) !(\d+) \?(\d+)")


def _status_words(detail: str, lang: str) -> str | None:
    """"status=old>new" or "status=new" in words, or None for another detail."""
    if m := _STATUS_CHANGE.fullmatch(detail):
        return tr("audit.detail.status_change", lang, old=label(PETITION_STATUS, m[1] or None, lang) or "—",
                  new=label(PETITION_STATUS, m[2] or None, lang) or "—")
    if m := _STATUS_SET.fullmatch(detail):
        return tr("audit.detail.status", lang, status=label(PETITION_STATUS, m[1] or None, lang) or "—")
    return None


def detail_text(row: dict, lang: str) -> str:
    """An entry's detail in words (the stored detail stays as it is, for scripts): a petition's status change,
    an import's counts, a list that showed a denouncer's name."""
    detail = row.get("detail") or ""
    if detail == "list" and row.get("action") == "read.confidential":
        return tr("audit.detail.list", lang)
    if row.get("action", "").startswith("sync.import.") and (status := status_part(detail)) is not None:
        # a bundle's petition: the status it brought, read as a save's, and which bundle brought it
        return tr("audit.detail.from_bundle", lang, text=_status_words(f"status={status}", lang),
                  bundle=detail.split(" ", 1)[0][:8])
    if (words := _status_words(detail, lang)) is not None:
        return words
    if row.get("action") == "import" and (m := _IMPORT_COUNTS.fullmatch(detail)):
        return tr("audit.detail.import", lang, source=m[1] or "—", new=m[2], updated=m[3])
    if row.get("action") == "sync.trust" and (m := _TRUST.fullmatch(detail)):
        return tr(f"audit.detail.trust_{m[1]}", lang, code=m[2], fingerprint=m[3])
    if row.get("action") == "sync.bundle_import" and (m := _BUNDLE_IMPORT.fullmatch(detail)):
        return tr("audit.detail.bundle_import", lang, code=m[1], new=m[4], updated=m[5], ignored=m[6],
                  conflicts=m[7], quarantined=m[8])
    return detail


def describe(row: dict, lang: str) -> dict:
    """An entry as shown: its local time, the labels of its action and entity, and its detail in words."""
    return {**row, "when": local_time(row["at"]).isoformat(timespec="seconds"),
            "action_label": action_label(row["action"], lang), "entity_label": entity_label(row["entity"], lang),
            "detail_text": detail_text(row, lang)}


def count(session: Session, filters: Filters | None = None) -> int:
    session.require(roles.AUDIT_READ)
    return audit.count(session.db, _query(filters))


def page(session: Session, filters: Filters | None = None, *, offset: int = 0, limit: int = 200) -> list[dict]:
    """Entries newest first: seq, at (UTC), when (local), user, action, action_label, entity, entity_label,
    record_id, case_no (a reception's or petition's, which an officer recognises; else None), detail."""
    session.require(roles.AUDIT_READ)
    rows = [describe(r, session.lang) for r in audit.page(session.db, _query(filters), offset, limit)]
    numbers = records_store.case_numbers(session.db, [r["record_id"] for r in rows
                                                      if r.get("entity") in ("reception", "petition")])
    for r in rows:
        r["case_no"] = numbers.get(r.get("record_id"))
    return rows


def choices(session: Session) -> dict:
    """The filter lists: users who appear in the log, and every action key present or known, with labels."""
    session.require(roles.AUDIT_READ)
    keys = sorted(set(audit.actions(session.db)) | set(ACTION_LABELS),
                  key=lambda k: action_label(k, session.lang).casefold())
    return {"users": audit.users(session.db),
            "actions": [{"action": k, "label": action_label(k, session.lang)} for k in keys]}


def verify(session: Session) -> dict:
    """"Kiểm tra chuỗi": `danvan check` (integrity, foreign keys, the hash chain, records against their audited
    state) with its result in plain words: {"ok", "entries", "problems": [messages], "summary"}."""
    session.require(roles.AUDIT_READ)
    from app.services.check import check

    res = check(session)
    entries = audit.size(session.db)
    messages = [p["message"] for p in res["problems"]]
    if res["ok"]:
        summary = tr("audit.verify_ok", session.lang, n=f"{entries:,}".replace(",", "."))
    else:
        summary = tr("audit.verify_bad", session.lang, n=len(messages))
    return {"ok": res["ok"], "entries": entries, "problems": messages, "summary": summary}
