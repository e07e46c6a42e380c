"""Display formats: dd/mm/yyyy dates, Vietnamese number grouping, enumeration labels from the glossary.

Enumeration and field labels come from the core's glossary tables (app.domain), which hold both languages,
so the GUI, the prints and the exchange format cannot disagree about a word.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QLocale

from app.domain.enums import label
from app.domain.masking import MASK


def d(value: str | date | None) -> str:
    """'2026-02-03' → '03/02/2026' (empty for None; unparseable text shown as is)."""
    if not value:
        return ""
    if isinstance(value, (date, datetime)):
        return value.strftime("%d/%m/%Y")
    try:
        return date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


def dt(value: str | None) -> str:
    """'2026-02-03T08:15' → '03/02/2026 08:15'."""
    if not value:
        return ""
    s = str(value)
    if len(s) <= 10:
        return d(s)
    try:
        return datetime.fromisoformat(s).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return s


def hm(value: str | None) -> str:
    """'2026-02-03T08:15:30' → '08:15' (a time of a day the sentence already names)."""
    try:
        return datetime.fromisoformat(str(value)).strftime("%H:%M") if value else ""
    except ValueError:
        return str(value)


def number(n: int) -> str:
    """1254 → '1.254' in Vietnamese, '1,254' in English (the default QLocale follows the language)."""
    return QLocale().toString(int(n))


def enum_label(table: dict, key: str | None, lang: str) -> str:
    return label(table, key, lang)


def shown(value):
    """A value as a cell shows it: the core's "[Bảo mật]" (a masked identity) in the interface's language."""
    if value == MASK:
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("Format", "[Confidential]")
    return value


def sentence(text: str) -> str:
    """A message of the core written to follow "dòng 7, citizen.name: " as a sentence of its own beside a field:
    "bắt buộc phải có" → "Bắt buộc phải có." (a message that already is one is left as it is)."""
    text = (text or "").strip()
    if not text:
        return text
    if text[0].islower():
        text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text + "."


def cut(text: str, most: int) -> str:
    """`text` in at most `most` characters, ending with "…" when something was left out (at a word when one ends
    near the limit), so a reader can tell a shortened line from a whole one."""
    text = " ".join(text.split())
    if len(text) <= most:
        return text
    head = text[:most - 1]
    space = head.rfind(" ")
    if space >= most * 2 // 3:
        head = head[:space]
    return head.rstrip(" ,;:.") + "…"
