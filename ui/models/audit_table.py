"""The "Nhật ký" table: a RowSource over app.services.audit_log (filters run in SQL, newest first), shown by the
lazily paging RecordTableModel like the record lists."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication

from app.services import audit_log
from app.services.audit_log import Filters
from ui import format as fmt
from ui.models.record_table import Column, RecordTableModel


class AuditSource:
    def __init__(self, session, filters: Filters | None = None):
        self.session = session
        self.filters = replace(filters) if filters else Filters()

    def count(self) -> int:
        return audit_log.count(self.session, self.filters)

    def fetch(self, offset: int, limit: int) -> list[dict]:
        return audit_log.page(self.session, self.filters, offset=offset, limit=limit)

    def set_sort(self, key: str, descending: bool) -> None:  # always newest first: the log is read backwards
        return


def _record(row: dict) -> str:
    if not row.get("entity"):
        return ""
    rid = row.get("record_id") or ""
    if row.get("case_no"):  # the number on the paper file, not our internal id
        return f"{row['entity_label']} {row['case_no']}"
    return f"{row['entity_label']} {rid[-8:]}" if row["entity"] not in ("setting", "user") else \
        f"{row['entity_label']}"


def audit_columns() -> list[Column]:
    return [
        Column("seq", lambda: QCoreApplication.translate("AuditLog", "No."), lambda r: str(r["seq"]), None,
               align_right=True, width=70),
        Column("when", lambda: QCoreApplication.translate("AuditLog", "Time"), lambda r: fmt.dt(r["when"]), None,
               width=130),
        Column("user", lambda: QCoreApplication.translate("AuditLog", "User"), lambda r: r.get("user") or "", None,
               width=110),
        Column("action", lambda: QCoreApplication.translate("AuditLog", "Activity"), lambda r: r["action_label"],
               None, width=240, tooltip=lambda r: r["action"]),
        # "Lượt tiếp công dân 00004-2026-714": the case number whole
        Column("record", lambda: QCoreApplication.translate("AuditLog", "Record"), _record, None, width=250,
               tooltip=lambda r: r.get("record_id") or ""),
        Column("detail", lambda: QCoreApplication.translate("AuditLog", "Details"), lambda r: r.get("detail_text") or r.get("detail") or "",
               None, width=200),
    ]


def audit_model(session, filters: Filters | None = None, parent=None) -> RecordTableModel:
    return RecordTableModel(audit_columns(), AuditSource(session, filters), parent)
