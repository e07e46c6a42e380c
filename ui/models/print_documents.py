"""The documents the "In & báo cáo" screen offers: a list model over the kinds that are built (only what works)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, Qt

from app.services import printing

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
SCREEN_KINDS = ("reception-log", "petition-register", "models", "dialogue-register", "report")


def title(kind: str) -> str:
    return {
        "reception-log": QCoreApplication.translate("PrintDocuments", "Citizen reception book"),
        "petition-register": QCoreApplication.translate("PrintDocuments", "Petition register"),
        "models": QCoreApplication.translate("PrintDocuments", "\"Dân vận khéo\" models register"),
        "dialogue-register": QCoreApplication.translate("PrintDocuments", "Dialogue register"),
        "report": QCoreApplication.translate("PrintDocuments", "Periodic report"),
    }.get(kind, kind)


def description(kind: str) -> str:
    return {
        "reception-log": QCoreApplication.translate("PrintDocuments", "Form 03, Circular 04/2021/TT-TTCP"),
        "petition-register": QCoreApplication.translate("PrintDocuments", "Petitions received in a period"),
        "models": QCoreApplication.translate("PrintDocuments", "Models of a year, by field"),
        "dialogue-register": QCoreApplication.translate("PrintDocuments",
                                                        "Dialogues with the people held in a period, their commitments"),
        "report": QCoreApplication.translate("PrintDocuments", "Statistics for a period: PDF, Excel or Word"),
    }.get(kind, "")


class PrintDocumentsModel(QAbstractListModel):
    """One row per document kind whose module exists; display = title, tooltip = description."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.kinds = [k for k in SCREEN_KINDS if printing.available(k)]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.kinds)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.kinds):
            return None
        kind = self.kinds[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return title(kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return description(kind)
        if role == KIND_ROLE:
            return kind
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def row_of(self, kind: str) -> int:
        return self.kinds.index(kind) if kind in self.kinds else -1

    def retranslate(self) -> None:
        if self.kinds:
            self.dataChanged.emit(self.index(0), self.index(len(self.kinds) - 1))
