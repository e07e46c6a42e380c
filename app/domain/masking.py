"""Masking of protected identity for roles that may not see it (INTERFACES.md, "Who may see what")."""

from __future__ import annotations

import copy

from app.domain.records import PERSON_FIELDS, is_confidential

MASK = "[Bảo mật]"


def mask_id(number: str) -> str:
    """Keep the last three digits so a person at the desk can confirm a card without reading the number out."""
    if number == MASK:  # sealed and not opened (this account holds no data key): nothing to show
        return MASK
    if len(number) <= 3:
        return "•" * len(number)
    return "•" * (len(number) - 3) + number[-3:]


def masked_record(record: dict, *, see_confidential: bool, see_id_numbers: bool) -> tuple[dict, list[str]]:
    """A copy of `record` with what the viewer may not see replaced; also the list of masked field paths."""
    entity = record.get("type")
    people = PERSON_FIELDS.get(entity, ())
    if not people:
        return record, []
    hide_identity = is_confidential(record) and not see_confidential
    if not hide_identity and see_id_numbers:
        return record, []
    out = copy.deepcopy(record)
    masked: list[str] = []
    for fname, is_list in people:
        v = out.get(fname)
        if not v:
            continue
        items = v if is_list else [v]
        for i, person in enumerate(items, 1):
            path = f"{fname}[{i}]" if is_list else fname
            if hide_identity:
                for k in list(person):
                    if k != "id_type":
                        person[k] = MASK
                masked.append(path)
            elif person.get("id_number"):
                person["id_number"] = mask_id(person["id_number"])
                masked.append(f"{path}.id_number")
    return out, masked
