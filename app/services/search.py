"""Search: diacritic-blind full text over names and content; an ID number is matched exactly."""

from __future__ import annotations

from app.domain import roles
from app.domain.enums import RECORD_TYPES
from app.domain.identity import clean_id_number, looks_like_id_number
from app.domain.masking import MASK
from app.domain.text import fts_match_expression, search_tokens
from app.services.session import Session
from app.storage import search as store_search

TITLE_MAX = 160


def search(session: Session, query: str, *, types: list[str] | None = None, limit: int = 50) -> list[dict]:
    session.require(roles.READ)
    entities = [t for t in (types or RECORD_TYPES) if t in RECORD_TYPES]
    limit = max(1, min(int(limit), 1000))
    see_conf = session.can(roles.SEE_CONFIDENTIAL)
    if looks_like_id_number(query):
        cipher = session.cipher
        if not session.can(roles.SEE_ID_NUMBERS) or cipher is None:
            return []
        rows = store_search.by_id_hash(session.db, cipher.id_hash(clean_id_number(query.strip())), entities, limit,
                                       see_conf)
    else:
        match = fts_match_expression(query)
        if match is None:
            return []
        tokens = search_tokens(query)
        exact = " ".join('"' + t + '"' for t in tokens)
        # Cheapest and most precise first: the words side by side ("dang van duc" = Đặng Văn Đức), then all
        # the words anywhere, then the last word as a prefix (it may still be being typed). A prefix of a short
        # word ("tu*") reads thousands of index entries, so it runs only when the exact words did not fill the page.
        stages = ([f'"{" ".join(tokens)}"'] if len(tokens) > 1 else []) + [exact, match]
        rows = []
        have: set[str] = set()
        for expr in stages:
            for r in store_search.full_text(session.db, expr, entities, limit):
                if r["id"] not in have:
                    have.add(r["id"])
                    rows.append(r)
            if len(rows) >= limit:
                break
        rows = rows[:limit]
    from app.services.consolidation import site_units, unit_of

    known = site_units(session)
    out = []
    for r in rows:
        title = (r["title"] or "").replace("\n", " ")
        if len(title) > TITLE_MAX:
            title = title[: TITLE_MAX - 1] + "…"
        person = r.get("person")
        if r.get("confidential") and not see_conf:
            person = MASK
        # The owning unit: at an upper level, the commune the record came from.
        out.append({"type": r["type"], "id": r["id"], "title": title, "date": r["date"], "person": person,
                    **unit_of(known, r.get("owner_site"))})
    return out
