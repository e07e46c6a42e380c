"""Full-text search over the folded text column (FTS5), and exact look-up of ID numbers.

The MATCH expression is built by app.domain.text.fts_match_expression from the user's words, each quoted, so
`123/QĐ-UBND` or a stray `"` can never be an FTS syntax error. Newest first: FTS5 walks its rowids backwards and
stops at the limit, so a common word ("nguyen") costs no more than a rare one.
"""

from __future__ import annotations

from app.storage.records import CLEAR_NAME, PERSON_TABLES, TABLES, TITLE_FIELD, q
from app.storage.db import Database


def full_text(db: Database, match: str, entities: list[str], limit: int) -> list[dict]:
    out: list[dict] = []
    for entity in entities:
        table = TABLES[entity]
        title = TITLE_FIELD[entity]
        sql = (f"SELECT t.id AS id, t.{q(title)} AS title, t.record_date AS date, t.person_name AS person, "
               f"t.confidential AS confidential, t.owner_site AS owner_site "
               if entity in PERSON_TABLES else
               f"SELECT t.id AS id, t.{q(title)} AS title, t.record_date AS date, NULL AS person, 0 AS confidential, "
               f"t.owner_site AS owner_site ")
        sql += (f"FROM {table}_fts f JOIN {table} t ON t.rid = f.rowid "
                f"WHERE {table}_fts MATCH ? AND t.deleted = 0 ORDER BY f.rowid DESC LIMIT ?")
        for row in db.conn.execute(sql, [match, limit]):
            out.append({"type": entity, "id": row[0], "title": row[1], "date": row[2], "person": row[3],
                        "confidential": bool(row[4]), "owner_site": row[5]})
    out.sort(key=lambda r: r["date"] or "", reverse=True)
    return out[:limit]


def by_id_hash(db: Database, id_hash: str, entities: list[str], limit: int,
               include_confidential: bool) -> list[dict]:
    """Records with a person whose ID number has this keyed hash (the numbers themselves are sealed)."""
    out: list[dict] = []
    for entity in entities:
        if entity not in PERSON_TABLES:
            continue
        table = TABLES[entity]
        title = TITLE_FIELD[entity]
        sql = (f"SELECT DISTINCT t.id, t.{q(title)}, t.record_date, {CLEAR_NAME}, t.confidential, t.owner_site "
               f"FROM {PERSON_TABLES[entity]} p JOIN {table} t ON t.id = p.record_id "
               f"WHERE p.id_hash = ? AND t.deleted = 0")
        if not include_confidential:
            sql += " AND t.confidential = 0"
        sql += " ORDER BY t.record_date DESC LIMIT ?"
        for row in db.conn.execute(sql, [id_hash, limit]):
            out.append({"type": entity, "id": row[0], "title": row[1], "date": row[2], "person": row[3],
                        "confidential": bool(row[4]), "owner_site": row[5]})
    out.sort(key=lambda r: r["date"] or "", reverse=True)
    return out[:limit]
