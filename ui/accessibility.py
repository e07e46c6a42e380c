"""What a screen reader (NVDA, Narrator) says for each control: its label, whether it must be filled, and the
message a save left under it.

Qt names a field after a label only when the label is its sibling with it as buddy; our forms put each field in a
box with its message under it, so most fields were read as "edit, blank". On Windows a combo box is never named
after its value either. So every label with a buddy gives that buddy its text as accessible name (mnemonic and
"*" removed; a check box or radio button keeps its own text and gets the label as description), a search box
without a label is named by its placeholder, and " *" becomes "bắt buộc" in the description.

`AccessibleNames` does it for every window as the focus first enters it and after a language change; screens
built later (the main window builds each on first use) call `name_from_labels` themselves.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox, QFormLayout, QGroupBox,
                               QLabel, QLineEdit, QWidget)

# Set on a control whose name or description this module gave: a name set by the screen's own code is kept.
_OURS_NAME = "a11yNameFromLabel"
_OURS_DESC = "a11yBaseDescription"
_MESSAGE = "a11yMessage"  # the save's message shown under the control, while it is
_MARK = re.compile(r"&(?!&)")


def clean_label(text: str) -> str:
    """"Số &điện thoại *:" → "Số điện thoại": the words a label shows, without its mnemonic, mark or colon."""
    s = _MARK.sub("", text or "").replace("&&", "&")
    s = re.sub(r"<[^>]+>", "", s)  # a rich-text label's tags
    return s.strip().rstrip(":").rstrip("*").strip().rstrip(":").strip()


def _required(text: str) -> bool:
    return (text or "").rstrip().rstrip(":").rstrip().endswith("*")


def required_word() -> str:
    return QCoreApplication.translate("Accessibility", "required")


def name_from_labels(root: QWidget) -> None:
    """Name every control under `root` after the label whose buddy it is (see the module's note)."""
    for form in root.findChildren(QFormLayout):  # a form row's label is its field's (Alt+letter goes there too)
        for row in range(form.rowCount()):
            label, field = (form.itemAt(row, role) for role in (QFormLayout.ItemRole.LabelRole,
                                                                  QFormLayout.ItemRole.FieldRole))
            label, field = (label.widget() if label else None), (field.widget() if field else None)
            if isinstance(label, QLabel) and field is not None and label.buddy() is None \
                    and field.focusPolicy() & Qt.FocusPolicy.TabFocus:
                label.setBuddy(field)
    for label in root.findChildren(QLabel):
        buddy = label.buddy()
        text = clean_label(label.text())
        if buddy is None or not text:
            continue
        if isinstance(buddy, QAbstractButton) and buddy.text():
            _set_base_description(buddy, text)  # "Hướng xử lý" for the first of its choices, which keeps its own
            continue
        if not buddy.accessibleName() or buddy.property(_OURS_NAME):
            buddy.setAccessibleName(text)
            buddy.setProperty(_OURS_NAME, True)
        if _required(label.text()):  # with the control's own tooltip after it: a description hides the tooltip
            tip = buddy.toolTip()
            _set_base_description(buddy, f"{required_word()}. {tip}" if tip else required_word())
        else:
            _set_base_description(buddy, "")
    labelled = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    for edit in root.findChildren(QLineEdit):
        # a search box with only its placeholder ("Tìm theo tên, số CCCD, nội dung…")
        if edit.placeholderText() and id(edit) not in labelled and not _inside_combo(edit) \
                and (not edit.accessibleName() or edit.property(_OURS_NAME)):
            edit.setAccessibleName(edit.placeholderText().rstrip("…. "))
            edit.setProperty(_OURS_NAME, True)
    _name_views(root)


def _name_views(root: QWidget) -> None:
    """A table or list without a name of its own is named after its group box, else its screen's title, else
    its window's title ("Tiếp công dân", not "table")."""
    titles = [lab.text() for lab in root.findChildren(QLabel, "screenTitle") if lab.text()]
    for view in root.findChildren(QAbstractItemView):
        if view.accessibleName() and not view.property(_OURS_NAME):
            continue
        if isinstance(view.parentWidget(), QComboBox):  # a combo box's own list: the combo box is named
            continue
        name = ""
        p = view.parentWidget()
        while p is not None and p is not root.parentWidget():
            if isinstance(p, QGroupBox) and p.title():
                name = clean_label(p.title())
                break
            p = p.parentWidget()
        name = name or (clean_label(titles[0]) if len(titles) == 1 else "") or view.window().windowTitle()
        if name:
            view.setAccessibleName(name)
            view.setProperty(_OURS_NAME, True)


def _inside_combo(edit: QLineEdit) -> bool:
    return isinstance(edit.parentWidget(), QComboBox)


def _set_base_description(w: QWidget, text: str) -> None:
    """The description a control has when no message is shown under it ("bắt buộc", or nothing)."""
    if w.accessibleDescription() and w.property(_OURS_DESC) is None:
        return  # the screen's own description
    shown_message = w.property(_MESSAGE)
    w.setProperty(_OURS_DESC, text)
    w.setAccessibleDescription(shown_message or text)


def describe_message(w: QWidget, message: str | None) -> None:
    """The save's message about this control is its description while shown (a screen reader says it on
    reaching the field); the base description comes back once it goes."""
    w.setProperty(_MESSAGE, message or None)
    if message:
        if w.property(_OURS_DESC) is None:
            w.setProperty(_OURS_DESC, w.accessibleDescription())
        w.setAccessibleDescription(message)
    else:
        w.setAccessibleDescription(w.property(_OURS_DESC) or "")


def announce(w: QWidget, message: str) -> None:
    """Said by the screen reader now, whatever has the focus (a refused save, a wrong password)."""
    if message:
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(w, message))


class AccessibleNames(QObject):
    """Installed on the application: names a window's controls when the focus first enters it — by then its own
    code has built and translated it — and again after a language change (the labels' new words).

    Focus changes, not every event: an application-wide event filter in Python is called for every event of every
    widget, and cost the start-up ~50 ms (a tenth of it) before the window had painted."""

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.generation = 0  # moves on at each language change: every window is named again
        app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old, new) -> None:
        if new is None:
            return
        window = new.window()
        if window.property("a11yNamed") != self.generation:
            window.setProperty("a11yNamed", self.generation)
            name_from_labels(window)

    def language_changed(self) -> None:
        """After the widgets have re-translated themselves (their LanguageChange events come first)."""
        self.generation += 1
        QTimer.singleShot(0, self, self._name_open_windows)

    def _name_open_windows(self) -> None:
        for window in QApplication.topLevelWidgets():
            if window.isVisible():
                window.setProperty("a11yNamed", self.generation)
                name_from_labels(window)

    @classmethod
    def install(cls, app: QApplication) -> QObject:
        """Once per application (make_app, the GUI tests' application)."""
        found = app.findChild(QObject, "accessibleNames")
        if found is not None:
            return found
        names = cls(app)
        names.setObjectName("accessibleNames")
        return names


def language_changed() -> None:
    """Called by ui.i18n.set_language."""
    app = QApplication.instance()
    names = app.findChild(QObject, "accessibleNames") if app is not None else None
    if names is not None:
        names.language_changed()
