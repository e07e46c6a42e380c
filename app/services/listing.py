"""Record lists for screens: counts and windows, filtered and sorted in SQL, identity masked by role."""

from __future__ import annotations

from dataclasses import replace

from app.domain import roles
from app.domain.masking import MASK, mask_id
from app.domain.text import fold, fts_match_expression
from app.errors import UsageError
from app.services.session import Session
from app.storage import listing as store
from app.storage.listing import Filters

__all__ = ["Filters", "count", "page", "possible_duplicates", "resolve"]


def resolve(session: Session, f: Filters, text: str | None, overdue: bool) -> Filters:
    """A list's filters as SQL needs them: the search text as a full-text expression, "overdue" as today, the unit
    as its sites (a list, its count and its export select the same records)."""
    f = replace(f)
    if text:
        f.match = fts_match_expression(text) or None
    if overdue:
        f.overdue_on = session.clock.today().isoformat()
    if f.unit_code:
        from app.services.consolidation import sites_of_unit

        sites = set(sites_of_unit(session, f.unit_code))
        f.owner_sites = tuple(sorted(sites & set(f.owner_sites) if f.owner_sites is not None else sites))
    return f


def count(session: Session, entity: str, f: Filters | None = None, *, text: str | None = None,
          overdue: bool = False) -> int:
    session.require(roles.READ)
    if entity not in store.SORTS:
        raise UsageError("v.type", value=entity)
    return store.count(session.db, entity, resolve(session, f or Filters(), text, overdue))


def page(session: Session, entity: str, f: Filters | None = None, *, text: str | None = None,
         overdue: bool = False, sort: str = "date", descending: bool = True, offset: int = 0,
         limit: int = 200) -> list[dict]:
    """One window of a list. A confidential record's person shows as "[Bảo mật]" (its name is not even
    stored in the list columns); open the record to see it where the role allows. Each row also carries
    "owner_site", "unit_code" and "unit_name" (whose record it is); `Filters.unit_code` keeps one unit's."""
    session.require(roles.READ)
    if entity not in store.SORTS:
        raise UsageError("v.type", value=entity)
    rows = store.page(session.db, entity, resolve(session, f or Filters(), text, overdue), sort, descending,
                      max(0, offset), max(1, min(limit, 2000)))
    for r in rows:
        if r.get("confidential"):
            r["person_name"] = MASK
    if entity == "reception":
        # A reception's reply is owed only while no petition made from it carries the notice (as the overdue
        # filter and counts say): the list shows no due date for those.
        carried = store.receptions_with_petitions(session.db, [r["id"] for r in rows if r.get("due_on")])
        for r in rows:
            if r["id"] in carried:
                r["due_on"] = None
    from app.services.consolidation import annotate

    return annotate(session, rows)  # "unit_code"/"unit_name" from owner_site: an upper level shows the commune


def possible_duplicates(session: Session, record: dict, limit: int = 20) -> list[dict]:
    """Earlier records of the same person — same ID number, or the same name written with or without
    diacritics — to offer before saving a new reception or petition.

    A same-name record whose person has another ID number than the one typed is someone else and is left out. Each
    hit says whether it should stop the save ("strong": the same ID number, or the same name where no ID number
    was typed to tell them apart) or is only worth a glance (a same-name record with no ID number on file), and
    carries the person's ID number (masked for a role that may not see it), address and the record's case number.
    The reception a petition is being made from is not a duplicate of it."""
    session.require(roles.READ)
    people = []
    for key in ("citizen", "authorized_person"):
        if isinstance(record.get(key), dict):
            people.append(record[key])
    for key in ("representatives", "petitioners"):
        people.extend(p for p in record.get(key) or () if isinstance(p, dict))
    found: dict[str, dict] = {}
    see_conf = session.can(roles.SEE_CONFIDENTIAL)
    see_ids = session.can(roles.SEE_ID_NUMBERS)
    cipher = session.cipher
    itself = {record.get("id"), record.get("reception_id")} - {None}
    for p in people:
        typed_id = str(p.get("id_number") or "").strip()
        typed_hash = cipher.id_hash(typed_id) if typed_id and cipher is not None else None
        hits = []
        if typed_hash and see_ids:
            hits += store.same_id_hash(session.db, typed_hash, limit, cipher)
        if p.get("name"):
            for h in store.same_name(session.db, fold(" ".join(str(p["name"]).split())), limit, cipher):
                if typed_hash and h["id_hash"] and h["id_hash"] != typed_hash:
                    continue  # both have an ID number and they differ: two people of one name
                hits.append(h)
        for h in hits:
            if h["id"] in itself or (h["confidential"] and not see_conf):
                continue
            strong = h["reason"] == "id_number" or not typed_id
            have = found.get(h["id"])
            if have is None or (strong and not have["strong"]) or (
                    h["reason"] == "id_number" and have["reason"] != "id_number"):
                found[h["id"]] = h | {"strong": strong or bool(have and have["strong"])}
    out = []
    for h in found.values():
        number = h.pop("id_number")
        h.pop("id_hash")
        h["id_number"] = number if not number or see_ids else mask_id(number)
        out.append(h)
    newest_first = sorted(out, key=lambda h: h["date"] or "", reverse=True)
    return sorted(newest_first, key=lambda h: h["reason"] != "id_number")[:limit]  # same ID number first


def same_models(session: Session, record: dict) -> list[dict]:
    """This unit's other models of the same year with the same name (diacritics, case and spacing aside) — one
    model registered twice would be counted twice in every register and report."""
    session.require(roles.READ)
    year, name = record.get("year"), " ".join(str(record.get("name") or "").split())
    if not isinstance(year, int) or not name:
        return []
    day = f"{year:04d}-01-01"  # a model's date is its year's first day
    wanted = fold(name)
    rows = store.page(session.db, "model", Filters(date_from=day, date_to=day, owner_sites=(session.site_id,)),
                      "date", True, 0, 100_000)
    return [{"id": r["id"], "name": r["name"], "owner": r.get("owner")} for r in rows
            if r["id"] != record.get("id") and fold(" ".join((r.get("name") or "").split())) == wanted]
