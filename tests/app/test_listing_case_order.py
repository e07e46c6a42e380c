"""Lists sorted by case number ("Số hồ sơ", `{unit}-{year}-{n}`): by year, then unit, then the running number as a
number, either way; malformed numbers after the well-formed ones and records without one last, either way; walked
along an index (migration 0006) — also in a database whose records were there before the migration."""

from __future__ import annotations

import random
import sqlite3

import pytest

from app.services import listing, setup
from app.services.listing import Filters
from app.services.records import Incoming, apply_records
from app.services.session import Session
from app.storage import listing as store, migrations as mig
from app.storage.db import open_db, refresh_statistics
from app.storage.printing_queries import case_key
from tests.app.conftest import PASSWORD, make_clock, petition, reception
from tests.app.test_sync_scenario import _export, _import, templates, world  # noqa: F401

MAKE = {"reception": reception, "petition": petition}
TABLE = {"reception": "receptions", "petition": "petitions"}
# Sorted as text these came out "-2027-99, -94, -90, -82, -81, -8, -76" and "-2025-100" before "-2025-2".
NUMBERS = ["00004-2027-147", "00004-2027-99", "00004-2027-94", "00004-2027-90", "00004-2027-82", "00004-2027-81",
           "00004-2027-8", "00004-2027-76", "00004-2027-10", "00004-2027-9", "00004-2027-1", "00004-2025-100",
           "00004-2025-2", "00004-2026-1000", "00004-2026-999", "00004-2026-07", "00004-2026-70"]
MALFORMED = ["00004-2026-5a", "00004-Sổ cũ 12/2024", "00004-26-3", "00004-2026-"]


def natural(case_no: str) -> tuple:
    """The order a reader expects of a well-formed number: year, unit, running number."""
    unit, year, n = case_no.split("-")
    return year, unit, int(n)


def _save_all(session: Session, entity: str, numbers: list[str]) -> dict[str, str]:
    """Save one record per case number, in a shuffled order (so the order of entry gives nothing away);
    {record id: case number}."""
    shuffled = list(numbers)
    random.Random(7).shuffle(shuffled)
    items = [Incoming(i, MAKE[entity](case_no=cn, content=f"Nội dung {cn}")) for i, cn in enumerate(shuffled, 1)]
    res = apply_records(session, items)
    assert not res.errors, res.errors
    got = {r["id"]: r["case_no"] for r in listing.page(session, entity, limit=2000)}
    assert sorted(got.values()) == sorted(numbers)  # each kept as given (this unit's, free)
    return got


def _listed(session: Session, entity: str, descending: bool, **kw) -> list:
    return [r["case_no"] for r in listing.page(session, entity, sort="case_no", descending=descending, **kw)]


@pytest.mark.parametrize("entity", ["reception", "petition"])
def test_case_numbers_sort_by_year_then_running_number_as_a_number(session, entity):
    """A commune's list by case number: year first, then the running number as a number (-8 before -76, -2025-100
    after -2025-2), the reverse when descending — the printed books' order (case_key) within a unit."""
    _save_all(session, entity, NUMBERS)
    expected = sorted(NUMBERS, key=natural)
    assert expected[:3] == ["00004-2025-2", "00004-2025-100", "00004-2026-07"]
    assert _listed(session, entity, False) == expected == sorted(NUMBERS, key=case_key)
    assert _listed(session, entity, True) == expected[::-1]
    # pages of the window cover the order exactly once
    assert [cn for off in range(0, len(NUMBERS), 4)
            for cn in _listed(session, entity, True, offset=off, limit=4)] == expected[::-1]
    # a text filter (its matches fetched first, then sorted) keeps the order
    assert _listed(session, entity, True, text="noi dung") == expected[::-1]


@pytest.mark.parametrize("entity", ["reception", "petition"])
def test_malformed_and_missing_case_numbers_come_after_the_well_formed_ones(session, raw_conn, entity):
    """Numbers that are not `{unit}-{year}-{n}` (an Excel book's) follow the well-formed ones in either direction,
    among themselves as text; records without a number come last — no error."""
    ids = _save_all(session, entity, NUMBERS + MALFORMED + ["00004-2026-55", "00004-2026-56"])
    by_no = {cn: rid for rid, cn in ids.items()}
    # numbers lost (an older version, another tool): none at all, and an empty one
    raw_conn.execute(f"UPDATE {TABLE[entity]} SET case_no = NULL WHERE id = ?", [by_no["00004-2026-55"]])
    raw_conn.execute(f"UPDATE {TABLE[entity]} SET case_no = '' WHERE id = ?", [by_no["00004-2026-56"]])
    well = sorted(NUMBERS, key=natural)
    asc = _listed(session, entity, False)
    assert asc[:len(well)] == well
    assert asc[len(well):len(well) + len(MALFORMED)] == sorted(MALFORMED)
    assert sorted(asc[len(well) + len(MALFORMED):], key=str) == ["", None]
    desc = _listed(session, entity, True)
    assert desc[:len(well)] == well[::-1]
    assert desc[len(well):len(well) + len(MALFORMED)] == sorted(MALFORMED, reverse=True)
    assert sorted(desc[len(well) + len(MALFORMED):], key=str) == ["", None]
    assert listing.count(session, entity) == len(asc) == len(desc) == len(ids)


def test_upper_level_sorts_by_year_then_commune_then_number(world, tmp_path):
    """At the upper level, holding two communes' records by their bundles: receptions and petitions by year, then
    commune (its code), then running number, either way; one commune's list (unit filter) keeps that order."""
    a, b, u = world["a"], world["b"], world["u"]
    mine = {"reception": {"a": ["00004-2025-100", "00004-2025-2", "00004-2026-10", "00004-2026-9"],
                          "b": ["00008-2025-7", "00008-2026-11", "00008-2026-1"]},
            "petition": {"a": ["00004-2026-101", "00004-2026-20", "00004-2025-3"],
                         "b": ["00008-2025-30", "00008-2025-8", "00008-2026-2"]}}
    for entity, per_site in mine.items():
        for site, numbers in per_site.items():
            _save_all(world[site], entity, numbers)
    _import(u, _export(a, tmp_path)["file"], _export(b, tmp_path)["file"])
    assert _listed(u, "reception", False) == ["00004-2025-2", "00004-2025-100", "00008-2025-7", "00004-2026-9",
                                              "00004-2026-10", "00008-2026-1", "00008-2026-11"]
    assert _listed(u, "petition", False) == ["00004-2025-3", "00008-2025-8", "00008-2025-30", "00004-2026-20",
                                             "00004-2026-101", "00008-2026-2"]
    for entity in mine:
        every = [cn for numbers in mine[entity].values() for cn in numbers]
        assert _listed(u, entity, False) == sorted(every, key=natural)
        assert _listed(u, entity, True) == sorted(every, key=natural, reverse=True)
        assert _listed(u, entity, True, f=Filters(unit_code="00008")) == sorted(mine[entity]["b"], key=natural,
                                                                               reverse=True)


def _plan(db, entity: str, descending: bool, f: Filters | None = None) -> list[str]:
    """The query plan of the very statement a page sorted by case number runs."""
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    try:
        store.page(db, entity, f or Filters(), "case_no", descending, 0, 200)
    finally:
        db.conn.set_trace_callback(None)
    (sql,) = [s for s in seen if s.lstrip().upper().startswith("SELECT") and "ORDER BY" in s]
    return [row[3] for row in db.conn.execute(f"EXPLAIN QUERY PLAN {sql}")]


def _assert_walks_the_index(db, entity: str) -> None:
    for f in (Filters(), Filters(category="complaint")):
        plan = _plan(db, entity, False, f)
        assert not any("TEMP B-TREE" in step for step in plan), plan
        assert any(f"USING INDEX {TABLE[entity]}_case_order " in step for step in plan), plan
        # descending: the groups come from the same index, each sorted (one index less for every import to keep)
        plan = _plan(db, entity, True, f)
        assert any(f"USING INDEX {TABLE[entity]}_case_order " in step for step in plan), plan
        assert not any("TEMP B-TREE FOR ORDER BY" in step for step in plan), plan


@pytest.mark.parametrize("entity", ["reception", "petition"])
def test_sorting_by_case_number_walks_an_index(session, entity):
    """The list by case number is read in order from an index (ascending; descending, group by group), never
    sorted whole in a temporary B-tree — with and without the planner's statistics (200,000 rows must open in well under 100 ms)."""
    _save_all(session, entity, NUMBERS + MALFORMED)
    _assert_walks_the_index(session.db, entity)
    assert refresh_statistics(session.db)
    _assert_walks_the_index(session.db, entity)


def test_migration_orders_the_case_numbers_already_stored(tmp_path, monkeypatch):
    """A database of schema 5 with its records opens migrated (backed up first): the indexes are built over the
    rows already there, the lists are in case-number order, and SQLite finds the file sound."""
    path = tmp_path / "sodanvan.db"
    monkeypatch.setattr(mig, "MIGRATIONS", mig.MIGRATIONS[:5])
    assert [name for name, _ in mig.MIGRATIONS][-1] == "0005_dialogue_due"
    setup.init(path, "4", "commune", "admin", PASSWORD, clock=make_clock())
    old = Session.open(path, "admin", PASSWORD, clock=make_clock())
    try:
        petitions = ["00004-2024-12", "00004-2024-3", MALFORMED[0]]
        for entity, numbers in (("reception", NUMBERS), ("petition", petitions)):
            items = [Incoming(i, MAKE[entity](case_no=cn)) for i, cn in enumerate(numbers, 1)]
            assert not apply_records(old, items).errors
    finally:
        old.close()
    monkeypatch.undo()

    conn = sqlite3.connect(path)
    try:
        assert not conn.execute("SELECT name FROM sqlite_master WHERE name LIKE '%case_order%'").fetchall()
    finally:
        conn.close()
    db = open_db(path)
    try:
        assert [r[0] for r in db.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")][-1] == \
            "0006_case_order"
        assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        db.close()
    assert len(list((tmp_path / "backups").glob("*before-migration-v5-*.db"))) == 1
    s = Session.open(path, "admin", PASSWORD, clock=make_clock())
    try:
        assert _listed(s, "reception", False) == sorted(NUMBERS, key=natural)
        assert _listed(s, "reception", True) == sorted(NUMBERS, key=natural, reverse=True)
        assert _listed(s, "petition", True) == ["00004-2024-12", "00004-2024-3", MALFORMED[0]]
        for entity in ("reception", "petition"):
            _assert_walks_the_index(s.db, entity)
    finally:
        s.close()
