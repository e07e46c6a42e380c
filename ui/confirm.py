"""One question before something that cannot simply be taken back: the safe answer (Cancel) is the default and
what Esc gives; only the named action goes ahead."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm(parent: QWidget | None, title: str, text: str, action: str, *, informative: str = "",
            destructive: bool = False) -> bool:
    """True only when the person clicked `action`."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    if informative:
        box.setInformativeText(informative)
    go = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole if destructive
                       else QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QCoreApplication.translate("Confirm", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is go
