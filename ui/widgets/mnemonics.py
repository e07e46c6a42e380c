"""Alt+letter keys for a form's fields: each label that names a field (its buddy), each check box and radio
button gets a letter of its own, so an officer at the desk jumps to "Nội dung" with Alt+N instead of a dozen Tabs.

The letters are picked at run time from the words on screen, in either language (translations carry no "&"),
after every relabelling: the first letter of a word that is still free, else any free letter. Only plain letters
a–z: "Đ" or "ư" after Alt cannot be typed on the keyboards these laptops have.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QRadioButton, QWidget

_MARK = re.compile(r"&(?!&)")  # a mnemonic mark, not an escaped "&&"
_AUTO = "mnemonicAuto"  # the text this module gave a widget


def _taken(text: str) -> str | None:
    m = _MARK.search(text)
    return text[m.end()].lower() if m and m.end() < len(text) else None


def pick(text: str, used: set[str]) -> int | None:
    """Where in `text` the mark goes (before a free plain letter), or None when every letter is taken."""
    word_starts = [i for i, ch in enumerate(text) if ch.isascii() and ch.isalpha()
                   and (i == 0 or not text[i - 1].isalnum())]
    others = [i for i, ch in enumerate(text) if ch.isascii() and ch.isalpha() and i not in word_starts]
    for i in (*word_starts, *others):
        if text[i].lower() not in used:
            return i
    return None


def assign(root: QWidget, order: list[QWidget] | None = None) -> None:
    """Give the labelled fields, check boxes and radio buttons under `root` their Alt+letter keys (again after a
    language change: the old marks are dropped with the old texts). Buttons' own marks are left and kept free."""
    used: set[str] = set()
    targets: list[QWidget] = []
    for w in root.findChildren(QWidget):
        if isinstance(w, QLabel):
            if w.buddy() is None or w.textFormat() == Qt.TextFormat.RichText:
                continue
        elif not isinstance(w, (QCheckBox, QRadioButton)):
            if isinstance(w, QPushButton) and (letter := _taken(w.text())):
                used.add(letter)
            continue
        text = w.text()
        if (letter := _taken(text)) is not None and w.property(_AUTO) != text:
            used.add(letter)  # a mark written by hand (a dialog's own) stays
            continue
        targets.append(w)
    # The fields in `order` (a form's, as it built them: top to bottom, tab by tab) pick first, a label by its
    # field's place. (findChildren's order is not the screen's: a tab page is moved to the end when the tab
    # widget takes it. Walking the focus chain instead left the form alive after it was closed — PySide kept
    # wrappers made for the walk.)
    place = {id(w): i for i, w in enumerate(order or ())}
    targets.sort(key=lambda t: place.get(id(t.buddy() if isinstance(t, QLabel) else t), len(place)))
    for w in targets:
        plain = _MARK.sub("", w.text())
        at = pick(plain, used)
        text = plain if at is None else plain[:at] + "&" + plain[at:]
        if at is not None:
            used.add(plain[at].lower())
        w.setText(text)
        w.setProperty(_AUTO, text)  # ours: replaced at the next relabelling
