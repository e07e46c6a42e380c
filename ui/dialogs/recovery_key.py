"""The recovery key, shown once at set-up (and when an admin makes a new one): large, copyable, printable, and
the window only closes once the admin says it has been written down or printed — it is never stored anywhere."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QTextDocument
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
                               QWidget)


class RecoveryKeyDialog(QDialog):
    def __init__(self, key: str, unit_name: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.unit_name = unit_name
        self.setWindowTitle(self.tr("Recovery key — Sổ Dân Vận"))
        self.setModal(True)
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "ID numbers and denouncers' identities are stored encrypted. If every administrator password is "
            "forgotten, this recovery key is the only way to open them again.\n\n"
            "Print it or copy it onto paper now and keep it locked away, apart from this computer. "
            "It is shown only this once and is not saved anywhere."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.key_label = QLabel(key)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(mono.pointSize() + 5)
        mono.setWeight(QFont.Weight.Bold)
        self.key_label.setFont(mono)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setStyleSheet("padding: 12px; border: 1px solid palette(mid); background: palette(base);")
        lay.addWidget(self.key_label)
        row = QHBoxLayout()
        self.copy_button = QPushButton(self.tr("&Copy"))
        self.copy_button.clicked.connect(self.copy)
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.clicked.connect(self.print_key)
        row.addWidget(self.copy_button)
        row.addWidget(self.print_button)
        row.addStretch(1)
        lay.addLayout(row)
        self.confirm = QCheckBox(self.tr("I have printed or written down the recovery key and put it in a safe place"))
        lay.addWidget(self.confirm)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Continue"))
        self.buttons.accepted.connect(self.accept)
        lay.addWidget(self.buttons)
        self.confirm.toggled.connect(self._sync)
        self._sync()
        self.resize(620, 320)

    def _sync(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.confirm.isChecked())

    def reject(self) -> None:  # Esc or the close box: not before the key is safe
        if self.confirm.isChecked():
            super().reject()

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.key)

    def document(self) -> QTextDocument:
        doc = QTextDocument()
        doc.setHtml(
            "<h2>" + self.tr("Sổ Dân Vận — recovery key") + "</h2>"
            + (f"<p>{self.unit_name}</p>" if self.unit_name else "")
            + f"<p style='font-family: monospace; font-size: 18pt'><b>{self.key}</b></p>"
            + "<p>" + self.tr("Keep this sheet locked away. To use it: danvan recovery-key use ADMIN-NAME, "
                         "or ask the district IT staff.") + "</p>")
        return doc

    def print_key(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            self.document().print_(printer)
