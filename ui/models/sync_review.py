"""Tables of the upper level's review tabs on "Đồng bộ": conflicts waiting for a person, the two versions of one
conflict field by field (differing fields highlighted), and the records set aside as not valid (quarantine).
Short lists held whole (ListTableModel); rows from app.services.sync_review."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.domain.enums import RECORD_TYPE_LABELS, label
from app.services import sync_review
from ui import format as fmt
from ui.models.admin_tables import ListTableModel, local_time
from ui.models.record_table import Column
from ui.style import MUTED, OVERDUE

DIFF_BACKGROUND = "#fff3cd"  # a soft amber: "look here", not an alarm


def unit_text(r: dict) -> str:
    name, code = r.get("unit_name"), r.get("unit_code")
    return f"{name} ({code})" if name else (code or "")


def conflict_reason(r: dict) -> str:
    if r.get("reason") == "other_site":
        return QCoreApplication.translate("SyncReview", "Same record from two units")
    return QCoreApplication.translate("SyncReview", "Same version, different content")


def quarantine_reason(r: dict, lang: str) -> str:
    """The import's reason code in words an officer can act on (the core's words: the command and the receipt
    say the same)."""
    return sync_review.reason_text(r.get("reason"), lang)


def _type(r: dict, lang) -> str:
    return label(RECORD_TYPE_LABELS, r.get("entity"), lang()) if r.get("entity") else ""


class ConflictsModel(ListTableModel):
    """Unresolved conflicts, oldest first."""

    def __init__(self, lang, parent=None):
        super().__init__([
            Column("found_at", lambda: QCoreApplication.translate("SyncReview", "Found"),
                   lambda r: local_time(r.get("found_at")), width=125),
            Column("unit", lambda: QCoreApplication.translate("SyncReview", "Received from"), unit_text, width=190),
            Column("type", lambda: QCoreApplication.translate("SyncReview", "Type"), lambda r: _type(r, lang),
                   width=110),
            Column("reason", lambda: QCoreApplication.translate("SyncReview", "Conflict"), conflict_reason, width=200),
            Column("differences", lambda: QCoreApplication.translate("SyncReview", "Fields differing"),
                   lambda r: fmt.number(r.get("differences") or 0), align_right=True, width=110),
            Column("title", lambda: QCoreApplication.translate("SyncReview", "Record"), lambda r: r.get("title") or "",
                   tooltip=lambda r: r.get("title") or "", width=300),
        ], parent)


class ConflictFieldsModel(ListTableModel):
    """One conflict's two versions side by side; a row whose values differ is highlighted and bold."""

    def __init__(self, parent=None):
        super().__init__([
            Column("label", lambda: QCoreApplication.translate("SyncReview", "Field"), lambda r: r.get("label") or "",
                   width=230),
            Column("local", lambda: QCoreApplication.translate("SyncReview", "Version held here"),
                   lambda r: r.get("local") or "", tooltip=lambda r: r.get("local") or "", width=330),
            Column("incoming", lambda: QCoreApplication.translate("SyncReview", "Version received"),
                   lambda r: r.get("incoming") or "", tooltip=lambda r: r.get("incoming") or "", width=330),
        ], parent)
        self._bold = QFont()
        self._bold.setBold(True)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        row = self.row(index.row()) if index.isValid() else None
        if row is not None and 0 <= index.column() < len(self.columns) and row.get("differs"):
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor(DIFF_BACKGROUND)
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
        return super().data(index, role)

    def differing(self) -> int:
        return sum(1 for r in self.rows() if r.get("differs"))


class QuarantineModel(ListTableModel):
    """Records set aside at import, newest first; one whose good copy came later is greyed."""

    def __init__(self, lang, parent=None):
        muted = QColor(MUTED)
        super().__init__([
            Column("at", lambda: QCoreApplication.translate("SyncReview", "Set aside"),
                   lambda r: local_time(r.get("at")), width=125,
                   foreground=lambda r: muted if r.get("settled") else None),
            Column("unit", lambda: QCoreApplication.translate("SyncReview", "Commune"), unit_text, width=190),
            Column("reason", lambda: QCoreApplication.translate("SyncReview", "Reason"),
                   lambda r: quarantine_reason(r, lang()) + (
                       QCoreApplication.translate("SyncReview", " — a valid copy arrived later")
                       if r.get("settled") else ""),
                   tooltip=lambda r: quarantine_reason(r, lang()),
                   foreground=lambda r: muted if r.get("settled") else QColor(OVERDUE), width=280),
            Column("type", lambda: QCoreApplication.translate("SyncReview", "Type"), lambda r: _type(r, lang),
                   width=110),
            Column("title", lambda: QCoreApplication.translate("SyncReview", "Content"),
                   lambda r: r.get("title") or r.get("record_id") or "",
                   tooltip=lambda r: r.get("record_id") or "", width=260),
            Column("bundle", lambda: QCoreApplication.translate("SyncReview", "Bundle"),
                   lambda r: (r.get("bundle_id") or "")[:8], tooltip=lambda r: r.get("bundle_id") or "", width=90),
        ], parent)
