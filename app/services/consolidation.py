"""Upper-level consolidation: whose records these are, by unit (SYNC.md — imported rows keep their owner_site).

A record's unit is found from its owner_site: this site's own settings, or the peer registered with that site_id
(a commune that re-installed has several site_ids under one unit code; they are counted as one unit). An owner
site nobody registered (not expected: bundles from unknown senders are refused) is shown under its site_id, so
its records are never silently dropped from the totals.
"""

from __future__ import annotations

from app.domain import roles
from app.services.session import Session
from app.storage import consolidation as store
from app.storage.records import TABLES


def site_units(session: Session) -> dict[str, dict]:
    """{site_id: {"unit_code", "unit_name", "level", "own"}} — this site and every registered peer."""
    return store.site_units(session.db)


def unit_of(known: dict[str, dict], owner_site: str | None) -> dict:
    """{"unit_code", "unit_name"} for one owner_site, given site_units()."""
    u = known.get(owner_site or "")
    if u is None:
        return {"unit_code": owner_site, "unit_name": None}
    return {"unit_code": u["unit_code"], "unit_name": u["unit_name"]}


def units(session: Session) -> list[dict]:
    """The units whose records can be here, for a filter list: this unit first, then communes by code.

    Each: {"unit_code", "unit_name", "level", "own", "site_ids"}."""
    session.require(roles.READ)
    by_code: dict[str, dict] = {}
    for site, u in site_units(session).items():
        entry = by_code.setdefault(u["unit_code"], {**u, "site_ids": []})
        entry["site_ids"].append(site)
        if u["own"]:
            entry.update(unit_name=u["unit_name"], level=u["level"], own=True)
    return sorted(by_code.values(), key=lambda u: (not u["own"], u["unit_code"]))


def sites_of_unit(session: Session, unit_code: str) -> tuple[str, ...]:
    """Every site_id known under `unit_code` (empty when none: a filter on it then matches nothing)."""
    from app.domain.units import normalize_code

    wanted = {unit_code}
    for level in ("commune", "upper"):
        code = normalize_code(unit_code, level)
        if code:
            wanted.add(code)
    return tuple(sorted(s for s, u in site_units(session).items() if u["unit_code"] in wanted))


def unit_sites_asked(session: Session, unit_code: str, refusal: str) -> tuple[str, ...]:
    """The sites of the unit a print or an export asks for: at the upper level this unit's or a registered
    commune's, at a commune its own only; none is refused with the message `refusal` (naming the code)."""
    from app.errors import NotFound

    sites = sites_of_unit(session, unit_code)
    if session.level != "upper":
        own = site_units(session)
        sites = tuple(s for s in sites if own.get(s, {}).get("own"))
    if not sites:
        raise NotFound(refusal, code=unit_code)
    return sites


def counts_by_unit(session: Session, date_from: str | None = None, date_to: str | None = None,
                   model_years: tuple[int, int] | None = None) -> dict:
    """{"units": {unit_code: {type: n}}, "names": {unit_code: unit_name}}.

    One entry per registered (unrevoked) commune — zeros when it has sent nothing yet —, plus every unit that owns
    records here; this unit itself appears when it owns records or is a commune. The figures add up to
    stats.counts over the same dates."""
    session.require(roles.READ)
    known = site_units(session)
    out: dict[str, dict[str, int]] = {}
    names: dict[str, str | None] = {}

    def entry(site: str) -> dict[str, int]:
        u = unit_of(known, site)
        names.setdefault(u["unit_code"], u["unit_name"])
        return out.setdefault(u["unit_code"], dict.fromkeys(TABLES, 0))

    for site, u in known.items():
        if u["own"] and u["level"] == "commune":
            entry(site)
    for site in store.commune_sites(session.db):
        entry(site)
    for site, per_type in store.counts_by_owner(session.db, date_from=date_from, date_to=date_to,
                                                     model_years=model_years).items():
        totals = entry(site)
        for entity, n in per_type.items():
            totals[entity] += n
    return {"units": out, "names": names}


def overdue_units(session: Session, date_from: str | None = None,
                  date_to: str | None = None) -> list[tuple[str, str | None, dict[str, int]]]:
    """(unit_code, unit_name, {"overdue", "overdue_replies", "commitments_late"}) of every unit owning records
    that are late today (of those dated within the range, when given)."""
    from app.storage import stats as stat_rows

    session.require(roles.READ)
    known = site_units(session)
    out: dict[str, tuple[str | None, dict[str, int]]] = {}
    for site, counts in stat_rows.overdue_by_owner(session.db, session.clock.today().isoformat(), date_from,
                                                   date_to).items():
        u = unit_of(known, site)
        _name, entry = out.setdefault(u["unit_code"], (u["unit_name"], dict.fromkeys(stat_rows.LATE_KEYS, 0)))
        for key, n in counts.items():
            entry[key] += n
    return [(code, name, counts) for code, (name, counts) in out.items()]


def overdue_by_unit(session: Session, units: dict, date_from: str | None = None,
                    date_to: str | None = None) -> dict[str, dict[str, int]]:
    """{unit_code: {"overdue", "overdue_replies", "commitments_late"}} for every unit of `units` (counts_by_unit's),
    zeros included: how many of its petitions, receptions and dialogue commitments are late today — a province
    sees which commune owes answers."""
    from app.storage.stats import LATE_KEYS

    out = {code: dict.fromkeys(LATE_KEYS, 0) for code in units}
    for code, _name, counts in overdue_units(session, date_from, date_to):
        out[code] = counts
    return out


def annotate(session: Session, rows: list[dict], key: str = "owner_site") -> list[dict]:
    """Add "unit_code" and "unit_name" to each row from its `key` column (rows are changed in place)."""
    known = site_units(session)
    for r in rows:
        r.update(unit_of(known, r.get(key)))
    return rows


def statistics_missing(session: Session) -> bool:
    """An upper level holding records whose file has never been given planner statistics (one consolidated before
    they were taken at the end of each run of bundles): its lists, reports and Đồng bộ screen read whole tables
    until it has them (app.storage.db.refresh_statistics)."""
    from app.storage.db import statistics_missing as never_taken

    return session.level == "upper" and never_taken(session.db)


def take_statistics(session: Session, progress=None, cancel=None) -> bool:
    """Give the file its planner statistics now (about a second for 600,000 records); False when another writer
    held the file (the next run of bundles takes them)."""
    from app.storage.db import refresh_statistics

    session.require(roles.READ)
    return refresh_statistics(session.db)
