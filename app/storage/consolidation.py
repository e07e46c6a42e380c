"""SQL for upper-level consolidation: which unit each owner_site is, and live records counted per owner_site.

Records imported from a commune keep its owner_site (SYNC.md "Identity"), so owner_site is the one column that says
whose record it is; the unit's code and name come from the site's own settings and the peers registry.
"""

from __future__ import annotations

from app.storage import settings
from app.storage.records import TABLES
from app.storage.stats import where_for
from app.storage.db import Database


def site_units(db: Database) -> dict[str, dict]:
    """{site_id: {"unit_code", "unit_name", "level", "own"}} for this site and every peer ever registered.

    Revoked peers are kept: their records already here still belong to them. When one site registered several
    keys, its newest registration names it.

    Kept between calls while the file is unchanged (no write by this connection, none committed by another —
    PRAGMA data_version): a search at a province read its 600 communes' rows every time, 1–2 ms of 6."""
    key = (db.conn.total_changes, db.conn.execute("PRAGMA data_version").fetchone()[0])
    kept = getattr(db, "_site_units", None)
    if kept is None or kept[0] != key:
        kept = db._site_units = (key, _read_site_units(db))
    return {site: dict(u) for site, u in kept[1].items()}  # copies: a caller may change what it gets


def _read_site_units(db: Database) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for site_id, code, name, level in db.conn.execute(
            "SELECT site_id, unit_code, unit_name, level FROM sync_peers ORDER BY registered_at, rowid"):
        out[site_id] = {"unit_code": code, "unit_name": name, "level": level, "own": False}
    own = settings.get(db, "site_id")
    if own:
        out[own] = {"unit_code": settings.get(db, "unit_code"), "unit_name": settings.get(db, "unit_name"),
                    "level": settings.get(db, "level"), "own": True}
    return out


def commune_sites(db: Database) -> list[str]:
    """site_ids of the registered, unrevoked communes (each is listed in the consolidation even before it sends)."""
    return [r[0] for r in db.conn.execute("SELECT DISTINCT site_id FROM sync_peers WHERE level = 'commune' "
                                          "AND revoked = 0 ORDER BY site_id")]


def counts_by_owner(db: Database, *, date_from: str | None = None, date_to: str | None = None,
                    model_years: tuple[int, int] | None = None) -> dict[str, dict[str, int]]:
    """{owner_site: {entity: live records}} within an optional record_date range (the same rule as stats.counts,
    so the per-site figures add up to the totals)."""
    out: dict[str, dict[str, int]] = {}
    for entity, table in TABLES.items():
        where, params = where_for(entity, date_from, date_to, model_years=model_years)
        for site, n in db.conn.execute(f"SELECT owner_site, count(*) FROM {table} WHERE {where} GROUP BY owner_site",
                                       params):
            out.setdefault(site, dict.fromkeys(TABLES, 0))[entity] = n
    return out
