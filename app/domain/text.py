"""Vietnamese text: NFC normalisation, diacritic-blind folding (đ = d), name sort keys."""

from __future__ import annotations

import unicodedata


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def fold(s: str) -> str:
    """casefold → NFD → drop combining marks → đ→d (NFD never decomposes đ)."""
    s = unicodedata.normalize("NFD", s.casefold())
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return s.replace("đ", "d")
