"""Tables of the "Đồng bộ" screen: bundles sent (commune), registered communes (upper level) and the per-file
result of a bundle import. Short lists held whole (ListTableModel), rows from app.services.sync_overview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from ui import format as fmt
from ui.models.admin_tables import ListTableModel, local_time
from ui.models.record_table import Column
from ui.style import MUTED, OVERDUE, WARNING


def _seqs(r: dict) -> str:
    return f"{r['seq_from']}–{r['seq_to']}"


class SentBundlesModel(ListTableModel):
    """A commune's bundles, newest first; one not yet covered by a receipt is marked as waiting."""

    def __init__(self, parent=None):
        muted = QColor(MUTED)
        super().__init__([
            Column("created_at", lambda: QCoreApplication.translate("SyncTables", "Written"),
                   lambda r: local_time(r.get("created_at")), width=130),
            Column("records", lambda: QCoreApplication.translate("SyncTables", "Records"),
                   lambda r: fmt.number(r.get("records") or 0), align_right=True, width=70),
            Column("changes", lambda: QCoreApplication.translate("SyncTables", "Changes no."),
                   lambda r: _seqs(r) + (" " + QCoreApplication.translate("SyncTables", "(all sent again)")
                                         if r.get("kind") == "snapshot" else ""),
                   tooltip=lambda r: QCoreApplication.translate(
                       "SyncTables", "A full re-send: every record of this unit, after a restore or a receipt that "
                       "did not match") if r.get("kind") == "snapshot" else "", width=150),
            Column("recipient", lambda: QCoreApplication.translate("SyncTables", "Sent to"),
                   lambda r: r.get("recipient_name") or "", width=180),
            Column("by", lambda: QCoreApplication.translate("SyncTables", "By"),
                   lambda r: r.get("created_by") or "", width=90),
            Column("state", lambda: QCoreApplication.translate("SyncTables", "Receipt"),
                   lambda r: QCoreApplication.translate("SyncTables", "Received by the upper level")
                   if r.get("acknowledged") else QCoreApplication.translate("SyncTables", "Waiting for a receipt"),
                   foreground=lambda r: muted if r.get("acknowledged") else None, width=170),
            Column("file", lambda: QCoreApplication.translate("SyncTables", "File"),
                   lambda r: r.get("file_name") or "", width=200),
        ], parent)


def silence(r: dict) -> str:
    """Why a commune is marked red: no bundle for longer than the unit's limit (sync_silent_days)."""
    if not r.get("silent"):
        return ""
    if r.get("last_bundle_at"):
        return QCoreApplication.translate(
            "SyncTables", "No bundle for {days} days (the limit is {limit}) — call the commune and ask it to send "
            "one.").format(days=fmt.number(r.get("silent_for") or 0), limit=fmt.number(r.get("silent_limit") or 0))
    return QCoreApplication.translate(
        "SyncTables", "Registered {days} days ago and no bundle yet (the limit is {limit}) — call the commune and "
        "ask it to send one.").format(days=fmt.number(r.get("silent_for") or 0),
                                      limit=fmt.number(r.get("silent_limit") or 0))


class CommunesModel(ListTableModel):
    """At the upper level: each registered commune, its key, its last bundle and the records held from it."""

    def __init__(self, parent=None):
        muted, red = QColor(MUTED), QColor(OVERDUE)
        super().__init__([
            Column("unit", lambda: QCoreApplication.translate("SyncTables", "Unit"),
                   lambda r: f"{r['unit_name']} ({r['unit_code']})", width=200,
                   foreground=lambda r: red if r.get("silent") else None, tooltip=silence),
            Column("last_bundle", lambda: QCoreApplication.translate("SyncTables", "Last bundle"),
                   lambda r: local_time(r.get("last_bundle_at"))
                   or QCoreApplication.translate("SyncTables", "None yet"),
                   foreground=lambda r: red if r.get("silent") else (None if r.get("last_bundle_at") else muted),
                   tooltip=silence, width=130),
            Column("bundles", lambda: QCoreApplication.translate("SyncTables", "Bundles"),
                   lambda r: fmt.number(r.get("bundles") or 0), align_right=True, width=65),
            Column("records", lambda: QCoreApplication.translate("SyncTables", "Records"),
                   lambda r: fmt.number(r.get("records") or 0), align_right=True, width=75),
            Column("gaps", lambda: QCoreApplication.translate("SyncTables", "Missing changes"),
                   lambda r: ", ".join(f"{a}–{b}" for a, b in r.get("gaps") or ()), foreground=lambda r: red,
                   tooltip=lambda r: QCoreApplication.translate(
                       "SyncTables", "A bundle never arrived: the commune's next bundle brings these changes "
                       "again") if r.get("gaps") else "", width=110),
            Column("last_receipt", lambda: QCoreApplication.translate("SyncTables", "Last receipt"),
                   lambda r: local_time(r.get("last_receipt_at"))
                   or QCoreApplication.translate("SyncTables", "None yet"),
                   foreground=lambda r: None if r.get("last_receipt_at") else muted, width=150),
            # last: read out once, on the phone, when the key is registered — not what the registry is looked at for
            Column("fingerprint", lambda: QCoreApplication.translate("SyncTables", "Key fingerprint"),
                   lambda r: r.get("fingerprint") or "", width=375),
        ], parent)


def import_status(row: dict) -> str:
    s = row.get("status")
    if s == "imported":
        return QCoreApplication.translate("SyncTables", "Imported")
    if s == "duplicate":
        return QCoreApplication.translate("SyncTables", "Already imported")
    return QCoreApplication.translate("SyncTables", "Rejected")


def import_detail(row: dict) -> str:
    """The counts of an imported bundle, or the reason sentence of a refused one."""
    s = row.get("status")
    if s == "imported":
        text = QCoreApplication.translate(
            "SyncTables", "{imported} new, {updated} updated, {ignored} unchanged").format(
            imported=fmt.number(row.get("imported", 0)), updated=fmt.number(row.get("updated", 0)),
            ignored=fmt.number(row.get("ignored", 0)))
        if row.get("conflicts"):
            text += QCoreApplication.translate("SyncTables", ", {n} conflict(s) kept for review").format(
                n=fmt.number(row["conflicts"]))
        if row.get("quarantined"):
            text += QCoreApplication.translate("SyncTables", ", {n} records set aside (not valid)").format(
                n=fmt.number(row["quarantined"]))
        if row.get("not_in_snapshot"):
            text += QCoreApplication.translate(
                "SyncTables", ". This full re-send lacks {n} of the unit's records held here (it may have restored "
                              "an older backup): they are kept — compare with the unit").format(
                n=fmt.number(row["not_in_snapshot"]))
        return text
    if s == "duplicate":
        when = local_time(row.get("imported_at"))
        return QCoreApplication.translate("SyncTables", "This bundle was imported on {time}; nothing changed.").format(
            time=when) if when else QCoreApplication.translate("SyncTables", "This bundle was imported before; "
                                                                              "nothing changed.")
    return row.get("message") or row.get("reason") or ""


class ImportResultsModel(ListTableModel):
    """One row per file of a bundle import, in the order chosen."""

    def __init__(self, parent=None):
        super().__init__([
            Column("file", lambda: QCoreApplication.translate("SyncTables", "File"),
                   lambda r: Path(r.get("file") or "").name, tooltip=lambda r: r.get("file") or "", width=220),
            Column("sender", lambda: QCoreApplication.translate("SyncTables", "From"),
                   lambda r: f"{r['sender_name']} ({r.get('sender') or ''})" if r.get("sender_name")
                   else r.get("sender") or "", tooltip=lambda r: r.get("sender") or "", width=200),
            Column("status", lambda: QCoreApplication.translate("SyncTables", "Result"), import_status,
                   foreground=lambda r: QColor(OVERDUE) if r.get("status") == "rejected"
                   else (QColor(WARNING) if r.get("status") == "duplicate" else None), width=120),
            Column("detail", lambda: QCoreApplication.translate("SyncTables", "Details"), import_detail,
                   tooltip=import_detail, width=400),
        ], parent)
