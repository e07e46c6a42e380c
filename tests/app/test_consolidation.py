"""Upper-level consolidation: records counted, listed and searched by the unit that owns them (owner_site)."""

from __future__ import annotations

import pytest

from app.services import consolidation, listing, records as record_service, stats as stats_service
from app.services.listing import Filters
from app.storage.db import write_transaction
from tests.app.test_sync_scenario import COMMUNES, PASSWORD, _dialogue, _export, _import, templates, world  # noqa: F401

ZERO = {"reception": 0, "petition": 0, "model": 0, "dialogue": 0}


def test_registered_commune_without_records_is_listed_with_zeros(world):
    """At the upper level every registered commune has an entry, with zeros before its first bundle."""
    res = stats_service.stats(world["u"], by_unit=True)
    assert res["units"] == {code: ZERO for code in COMMUNES.values()}
    assert res["total"] == ZERO


def test_commune_by_unit_is_its_own_totals(world):
    """At a commune, --by-unit has one entry, the commune itself, equal to its totals (as before)."""
    record_service.save(world["b"], _dialogue(1))
    res = stats_service.stats(world["b"], by_unit=True)
    assert res["units"] == {"00008": res["total"]} and res["unit_names"] == {"00008": "Phường Ngọc Hà"}
    assert stats_service.stats(world["b"])["units"] == {"00008": res["total"]}  # existing callers unchanged


def test_upper_levels_own_records_count_under_its_own_code(world):
    """Records entered at the upper level itself appear under its own unit code, beside the communes'."""
    record_service.save(world["u"], _dialogue(2))
    units = stats_service.stats(world["u"], by_unit=True)["units"]
    assert units["01"] == {**ZERO, "dialogue": 1} and units["00004"] == ZERO


def test_period_filter_applies_to_each_unit(world, tmp_path):
    """With a period, each unit's figures count only that period's records and still add up to the totals."""
    b, u = world["b"], world["u"]
    record_service.save(b, _dialogue(1))
    record_service.save(b, {**_dialogue(2), "held_on": "2026-08-02"})
    _import(u, _export(b, tmp_path)["file"])
    res = stats_service.stats(u, "2026-10", by_unit=True)
    assert res["units"]["00008"]["dialogue"] == res["total"]["dialogue"] == 1
    assert stats_service.stats(u, by_unit=True)["units"]["00008"]["dialogue"] == 2


def test_revoked_commune_keeps_its_records_attributed(world, tmp_path):
    """A commune whose key was revoked still owns the records it sent: they stay under its code."""
    b, u = world["b"], world["u"]
    record_service.save(b, _dialogue(1))
    _import(u, _export(b, tmp_path)["file"])
    with write_transaction(u.db):
        u.db.conn.execute("UPDATE sync_peers SET revoked = 1 WHERE unit_code = '00008'")
    units = stats_service.stats(u, by_unit=True)["units"]
    assert units["00008"]["dialogue"] == 1 and units["00004"] == ZERO
    assert listing.page(u, "dialogue")[0]["unit_name"] == "Phường Ngọc Hà"


def test_reinstalled_commune_is_one_unit(world, tmp_path):
    """Two site ids registered under one unit code (a re-installed commune) are counted and filtered as one."""
    b, u = world["b"], world["u"]
    record_service.save(b, _dialogue(1))
    _import(u, _export(b, tmp_path)["file"])
    with write_transaction(u.db):
        u.db.conn.execute("UPDATE dialogues SET owner_site = 'old-site'")
        u.db.conn.execute("INSERT INTO sync_peers(fingerprint, unit_code, unit_name, level, site_id, identity, "
                          "registered_at) VALUES ('fp-old', '00008', 'Phường Ngọc Hà', 'commune', 'old-site', '{}', "
                          "'2020-01-01T00:00:00Z')")
    record_service.save(b, _dialogue(2))
    _import(u, _export(b, tmp_path)["file"])
    assert stats_service.stats(u, by_unit=True)["units"]["00008"]["dialogue"] == 2
    assert listing.count(u, "dialogue", Filters(unit_code="00008")) == 2
    found = [x for x in consolidation.units(u) if x["unit_code"] == "00008"]
    assert len(found) == 1 and len(found[0]["site_ids"]) == 2


def test_unknown_owner_site_is_never_dropped(world):
    """A record whose owner site nobody registered is shown under that site id, so the units still add up."""
    u = world["u"]
    record_service.save(u, _dialogue(3))
    with write_transaction(u.db):
        u.db.conn.execute("UPDATE dialogues SET owner_site = 'stray-site'")
    res = stats_service.stats(u, by_unit=True)
    assert res["units"]["stray-site"]["dialogue"] == 1 and res["unit_names"]["stray-site"] is None
    assert sum(x["dialogue"] for x in res["units"].values()) == res["total"]["dialogue"]


def test_filter_on_unknown_unit_matches_nothing(world):
    """Filtering lists by a unit code nobody registered shows no rows (not every row)."""
    record_service.save(world["u"], _dialogue(4))
    assert listing.count(world["u"], "dialogue", Filters(unit_code="99999")) == 0
    assert listing.page(world["u"], "dialogue", Filters(unit_code="99999")) == []
    assert listing.count(world["u"], "dialogue", Filters(unit_code="1")) == 1  # the upper level's own, by "1"


def test_units_list_puts_this_unit_first(world):
    """The filter list: this unit first, then the registered communes by code, with their names."""
    got = [(x["unit_code"], x["unit_name"], x["own"]) for x in consolidation.units(world["u"])]
    assert got[0][0] == "01" and got[0][2] is True
    assert got[1:] == [("00004", "Phường Ba Đình", False), ("00008", "Phường Ngọc Hà", False),
                       ("00025", "Phường Giảng Võ", False)]


@pytest.mark.parametrize("entity", ["reception", "petition", "model", "dialogue"])
def test_list_rows_carry_the_unit(world, entity):
    """Every list's rows carry owner_site, unit_code and unit_name (existing keys unchanged)."""
    from app.services.importing import import_file
    from tests.app.test_sync_scenario import SAMPLE

    import_file(world["a"], SAMPLE)
    row = listing.page(world["a"], entity, limit=1)[0]
    assert row["unit_code"] == "00004" and row["unit_name"] == "Phường Ba Đình" and row["owner_site"]
    assert {"id"} <= set(row)


def test_the_units_are_read_again_once_the_file_has_changed(session, tmp_path):
    """site_units is kept between calls, but a commune registered by another process (the GUI while a
    `danvan` command runs) or renamed through this connection shows at the next call."""
    import sqlite3

    from app.storage import consolidation as store

    db = session.db
    before = store.site_units(db)
    assert all(u["own"] for u in before.values())
    before[next(iter(before))]["unit_name"] = "changed by a caller"  # a caller's copy, not the kept one
    assert store.site_units(db) != before
    other = sqlite3.connect(session.path)
    other.execute("INSERT INTO sync_peers (fingerprint, unit_code, unit_name, level, site_id, identity, "
                  "registered_at) VALUES ('fp1', '00007', 'Phường Hoàn Kiếm', 'commune', 'site-7', '{}', 't')")
    other.commit()
    other.close()
    assert store.site_units(db)["site-7"]["unit_name"] == "Phường Hoàn Kiếm"
    with write_transaction(db):
        db.conn.execute("UPDATE sync_peers SET unit_name = 'Phường Hoàn Kiếm (mới)' WHERE site_id = 'site-7'")
    assert store.site_units(db)["site-7"]["unit_name"] == "Phường Hoàn Kiếm (mới)"
