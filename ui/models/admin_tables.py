"""Small read-only tables of the administration screen (accounts, the year's calendar, deadline rules,
backups): each holds a plain list of rows from app.services and shows them through `Column`s.

The lists are short (tens of rows), so they are held whole; a reload resets the model.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.domain.enums import CATEGORY, ROLE, label
from app.domain.records import field_label
from ui import format as fmt
from ui.models.record_table import Column
from ui.style import MUTED, OVERDUE, WARNING


class ListTableModel(QAbstractTableModel):
    """Rows (dicts) shown through columns; titles are translated when painted, so a language switch needs
    only a header refresh (`retranslate()`)."""

    def __init__(self, columns: list[Column], parent=None):
        super().__init__(parent)
        self.columns = columns
        self._rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, r: int) -> dict | None:
        return self._rows[r] if 0 <= r < len(self._rows) else None

    def rows(self) -> list[dict]:
        return list(self._rows)

    def retranslate(self) -> None:
        """Headers and cells again in the new language (labels come from the glossary at paint time). A reset:
        the lists are short, and a reset keeps the selection logic simple."""
        self.beginResetModel()
        self.endResetModel()

    # -- Qt ---------------------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) \
                or not (0 <= index.column() < len(self.columns)):
            return None
        col = self.columns[index.column()]
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.display(row)
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip is not None:
            return col.tooltip(row) or None
        if role == Qt.ItemDataRole.ForegroundRole and col.foreground is not None:
            return col.foreground(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and col.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.columns[section].title()
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def local_time(utc_iso: str | None) -> str:
    """A stored UTC stamp as local dd/mm/yyyy HH:mm."""
    if not utc_iso:
        return ""
    try:
        return datetime.fromisoformat(utc_iso).astimezone().strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return fmt.dt(utc_iso)


def weekday(iso: str) -> str:
    """The day of the week, in the interface language (from Qt's locale)."""
    from PySide6.QtCore import QLocale

    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return ""
    return QLocale().dayName(d.isoweekday(), QLocale.FormatType.LongFormat)


# -- accounts --------------------------------------------------------------------------------------------------

def user_status(row: dict) -> str:
    if not row.get("active"):
        return QCoreApplication.translate("AdminTables", "Disabled")
    if row.get("locked_until"):
        return QCoreApplication.translate("AdminTables", "Locked until {time}").format(
            time=local_time(row["locked_until"]))
    return QCoreApplication.translate("AdminTables", "Active")


class UsersModel(ListTableModel):
    def __init__(self, lang: Callable[[], str], parent=None):
        red = QColor(OVERDUE)
        muted = QColor(MUTED)
        super().__init__([
            Column("name", lambda: QCoreApplication.translate("AdminTables", "User name"), lambda r: r["name"],
                   width=130),
            Column("full_name", lambda: QCoreApplication.translate("AdminTables", "Full name"),
                   lambda r: r.get("full_name") or "", width=200),
            Column("role", lambda: QCoreApplication.translate("AdminTables", "Role"),
                   lambda r: label(ROLE, r["role"], lang()), width=110),
            Column("last_login", lambda: QCoreApplication.translate("AdminTables", "Last log-in"),
                   lambda r: local_time(r.get("last_login_at")), width=140),
            Column("status", lambda: QCoreApplication.translate("AdminTables", "Status"), user_status,
                   foreground=lambda r: red if r.get("locked_until") else (muted if not r.get("active") else None),
                   width=160),
        ], parent)


# -- calendar --------------------------------------------------------------------------------------------------

def calendar_kind(kind: str | None) -> str:
    if kind == "off":
        return QCoreApplication.translate("AdminTables", "Extra day off")
    if kind == "work":
        return QCoreApplication.translate("AdminTables", "Make-up working day")
    return ""


class HolidaysModel(ListTableModel):
    """The year's public holidays (from the `holidays` package), read-only."""

    def __init__(self, parent=None):
        super().__init__([
            Column("day", lambda: QCoreApplication.translate("AdminTables", "Date"), lambda r: fmt.d(r["day"]),
                   width=95),
            Column("weekday", lambda: QCoreApplication.translate("AdminTables", "Day of week"),
                   lambda r: weekday(r["day"]), width=90),
            Column("name", lambda: QCoreApplication.translate("AdminTables", "Holiday"),
                   lambda r: r["name"] or (QCoreApplication.translate(
                       "AdminTables", "Make-up working day (government decision)") if r["kind"] == "work" else ""),
                   foreground=lambda r: QColor(WARNING) if r["kind"] == "work" else None, width=260),
        ], parent)


class CalendarDaysModel(ListTableModel):
    """The unit's own extra days off and make-up working days of one year."""

    def __init__(self, parent=None):
        super().__init__([
            Column("day", lambda: QCoreApplication.translate("AdminTables", "Date"), lambda r: fmt.d(r["day"]),
                   width=95),
            Column("weekday", lambda: QCoreApplication.translate("AdminTables", "Day of week"),
                   lambda r: weekday(r["day"]), width=90),
            Column("kind", lambda: QCoreApplication.translate("AdminTables", "Kind"),
                   lambda r: calendar_kind(r.get("kind")), width=150),
            Column("note", lambda: QCoreApplication.translate("AdminTables", "Note"), lambda r: r.get("note") or "",
                   width=200),
        ], parent)


# -- deadline rules ----------------------------------------------------------------------------------------------

def rule_days(row: dict) -> str:
    n = row.get("days")
    if row.get("unit") == "working":
        return QCoreApplication.translate("AdminTables", "{n} working days").format(n=n)
    return QCoreApplication.translate("AdminTables", "{n} days").format(n=n)


def rule_categories(row: dict, lang: str) -> str:
    cats = row.get("category") or []
    if "*" in cats:
        return QCoreApplication.translate("AdminTables", "All kinds")
    return ", ".join(label(CATEGORY, c, lang) for c in cats)


def rule_verified(row: dict) -> bool:
    return bool(row.get("verified")) and bool(row.get("version_verified", True))


class RulesModel(ListTableModel):
    """The deadline rules (app.services.deadlines.rule_table): one row per rule and version, citing the article;
    the ones not yet checked against the law's text are marked and shown in amber."""

    def __init__(self, lang: Callable[[], str], parent=None):
        amber = QColor(WARNING)
        super().__init__([
            Column("effective_from", lambda: QCoreApplication.translate("AdminTables", "In force from"),
                   lambda r: fmt.d(r["effective_from"]), tooltip=lambda r: r.get("version_title") or "", width=95),
            Column("label", lambda: QCoreApplication.translate("AdminTables", "Time limit"),
                   lambda r: r["label_vi"] if lang() == "vi" else r["label_en"], width=300),
            Column("category", lambda: QCoreApplication.translate("AdminTables", "Applies to"),
                   lambda r: rule_categories(r, lang()), width=180),
            Column("days", lambda: QCoreApplication.translate("AdminTables", "Length"), rule_days, width=115),
            Column("from", lambda: QCoreApplication.translate("AdminTables", "Counted from"),
                   lambda r: field_label("petition", r.get("from") or "", lang()), width=110),
            Column("verified", lambda: QCoreApplication.translate("AdminTables", "Checked"),
                   lambda r: QCoreApplication.translate("AdminTables", "Yes") if rule_verified(r)
                   else QCoreApplication.translate("AdminTables", "Not yet checked"),
                   foreground=lambda r: None if rule_verified(r) else amber, width=125),
            Column("article", lambda: QCoreApplication.translate("AdminTables", "Legal basis"),
                   lambda r: r.get("article") or "",
                   tooltip=lambda r: "\n".join(x for x in (r.get("article"), r.get("note")) if x), width=300),
        ], parent)


# -- backups -----------------------------------------------------------------------------------------------------

def backup_kind(kind: str) -> str:
    if kind == "before_restore":
        return QCoreApplication.translate("AdminTables", "Automatic, before a restore")
    if kind == "before_migration":
        return QCoreApplication.translate("AdminTables", "Automatic, before an upgrade")
    return QCoreApplication.translate("AdminTables", "Backup")


def file_size(n: int) -> str:
    if n >= 1024 * 1024:
        return QCoreApplication.translate("AdminTables", "{n} MB").format(n=fmt.number(round(n / 1024 / 1024)))
    return QCoreApplication.translate("AdminTables", "{n} KB").format(n=fmt.number(max(1, round(n / 1024))))


class BackupsModel(ListTableModel):
    def __init__(self, parent=None):
        super().__init__([
            Column("modified", lambda: QCoreApplication.translate("AdminTables", "Made at"),
                   lambda r: fmt.dt(r["modified"]), width=140),
            Column("kind", lambda: QCoreApplication.translate("AdminTables", "Kind"),
                   lambda r: backup_kind(r["kind"]), width=200),
            Column("size", lambda: QCoreApplication.translate("AdminTables", "Size"),
                   lambda r: file_size(r["size"]), align_right=True, width=90),
            Column("name", lambda: QCoreApplication.translate("AdminTables", "File"), lambda r: r["name"],
                   tooltip=lambda r: r["file"], width=300),
        ], parent)
