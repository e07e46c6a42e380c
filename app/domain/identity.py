"""Citizen ID numbers and phone numbers (../shared/domain/BRIEF.md §8)."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s.\-]")

# 2018 migration of 11-digit mobile numbers to 10 digits (Bộ TT&TT): old prefix -> new prefix.
_OLD_MOBILE_PREFIX = {
    "0162": "032", "0163": "033", "0164": "034", "0165": "035", "0166": "036", "0167": "037", "0168": "038",
    "0169": "039", "0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078", "0123": "083",
    "0124": "084", "0125": "085", "0127": "081", "0129": "082", "0186": "056", "0188": "058", "0199": "059",
}


def clean_id_number(raw: str) -> str:
    if raw.isdigit():
        return raw
    return _SEPARATORS.sub("", raw)


def id_number_kind(number: str) -> str | None:
    """'cccd' for 12 digits, 'cmnd' for a legacy 9-digit number, None for anything else."""
    if number.isdigit() and number.isascii():
        if len(number) == 12:
            return "cccd"
        if len(number) == 9:
            return "cmnd"
    return None


def looks_like_id_number(query: str) -> bool:
    return id_number_kind(clean_id_number(query.strip())) is not None


def normalize_phone(raw: str) -> tuple[str | None, str | None]:
    """Return (normalised number, warning key) — (None, None) when it is not a phone number at all.

    +84 / 84 become 0; old 11-digit mobiles are mapped to their 2018 prefixes (with a warning).
    """
    if len(raw) == 10 and raw[0] == "0" and raw.isdigit() and raw.isascii():
        return raw, None  # already a normal 10-digit number
    s = re.sub(r"[\s.\-()]", "", raw)
    if s.startswith("+84"):
        s = "0" + s[3:]
    elif s.startswith("0084"):
        s = "0" + s[4:]
    elif s.startswith("84") and len(s) in (11, 12):
        s = "0" + s[2:]
    if not (s.isdigit() and s.isascii()):
        return None, None
    if len(s) == 11 and s[:4] in _OLD_MOBILE_PREFIX:
        return _OLD_MOBILE_PREFIX[s[:4]] + s[4:], "phone.old_prefix"
    if s.startswith("0") and len(s) in (10, 11):
        return s, None
    return None, None


def id_number_from_digits(digits: str) -> str:
    """An ID number Excel stored as a number, with the leading zeros it dropped put back: 8 digits were a 9-digit
    CMND, 10 or 11 a 12-digit CCCD (every Hà Nội number starts 001, so two zeros go); other lengths as they are."""
    if len(digits) == 8:
        return "0" + digits
    if len(digits) in (10, 11):
        return digits.zfill(12)
    return digits


def phone_from_digits(digits: str) -> str:
    """A phone number Excel stored as a number: its leading 0 back (9 digits a mobile, 10 a landline)."""
    return "0" + digits if len(digits) in (9, 10) and not digits.startswith("0") else digits
