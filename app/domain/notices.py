"""Which notice to the citizen a petition calls for (Qt-free, reportlab-free: the form's print menu asks it too).

A notice tells the citizen what was decided, so it follows the record's handling: accepted for handling, not
accepted, returned with guidance, forwarded."""

from __future__ import annotations

KINDS = ("accepted", "not_accepted", "guidance", "forwarded")


def fitting_kinds(petition: dict) -> tuple[tuple[str, ...], str | None]:
    """(the notices the petition's recorded handling calls for, and when there is none the i18n key saying why).

    A notice tells the citizen what was decided, so it follows the record: an accepted complaint gets no "not
    competent" letter; an anonymous petition, or one whose handling is not decided yet, gets none."""
    named = any(p.get("name") for p in petition.get("petitioners") or [])
    if petition.get("anonymous") or not named:
        return (), "print.notice_anonymous"
    direction = petition.get("direction")
    if direction == "forward":
        return ("forwarded",), None
    if direction == "guide":
        # returned with guidance because the letter is not eligible: the "not accepted" letter fits as well
        return (("guidance", "not_accepted") if petition.get("eligible") is False else ("guidance",)), None
    if petition.get("eligible") is False or direction == "file":
        return ("not_accepted",), None
    if direction == "accept":
        return ("accepted",), None
    return (), "print.notice_undecided"


KIND_WORDS = {"accepted": "thụ lý", "not_accepted": "không thụ lý", "guidance": "hướng dẫn",
              "forwarded": "chuyển đơn"}
