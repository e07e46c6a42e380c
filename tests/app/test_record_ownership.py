"""Only the owning site changes a record (SYNC.md: it alone raises `rev`). At the upper level a commune's records are
read, printed and counted, never changed: an edit there would stay at the province and the commune's next change of
the record would arrive as a conflict, with the province showing a status the commune never had (from the review
of the models)."""

from __future__ import annotations

import json

import pytest

from app.errors import DanvanError, ValidationFailed
from app.services import export, records as record_service, sync_import
from app.services.importing import import_file
from app.storage import records as store
from tests.app.conftest import citizen, reception
from tests.app.test_sync_scenario import (PASSWORD, SAMPLE, _export, _import, _model, _run,  # noqa: F401
                                          templates, world)


@pytest.fixture
def carried(world, tmp_path):
    """Ngọc Hà (00008) registers a model and sends it up: (commune session, upper session, model id)."""
    b, u = world["b"], world["u"]
    mid = record_service.save(b, _model("Mô hình đèn đường Ngọc Hà"))
    _import(u, _export(b, tmp_path)["file"])
    return b, u, mid


def test_the_upper_level_cannot_change_a_communes_record(carried):
    _b, u, mid = carried
    rec = record_service.get(u, "model", mid)
    with pytest.raises(ValidationFailed) as err:
        record_service.save(u, {**rec, "status": "implementing", "note": "Tỉnh sửa"})
    message = err.value.errors[0]["message"]
    assert err.value.errors[0]["field"] == "id" and "Phường Ngọc Hà" in message
    stored = store.get(u.db, "model", mid)
    assert stored.rev == 1 and stored.record["status"] == "registered"  # nothing changed, no revision raised
    assert record_service.owner_elsewhere(u, "model", mid) == "Phường Ngọc Hà"


def test_the_upper_level_cannot_delete_a_communes_record(carried):
    _b, u, mid = carried
    with pytest.raises(DanvanError) as err:
        record_service.delete(u, "model", mid)
    assert err.value.key == "record.other_owner" and "Phường Ngọc Hà" in err.value.message("vi")
    assert "Phường Ngọc Hà" in err.value.message("en")
    assert not store.get(u.db, "model", mid).deleted


def test_a_commune_still_changes_its_own_and_the_change_arrives_as_an_update(carried, tmp_path):
    """The point of the rule: the commune's next change is an update at the upper level, not a conflict."""
    b, u, mid = carried
    assert record_service.owner_elsewhere(b, "model", mid) is None
    record_service.save(b, {**record_service.get(b, "model", mid), "status": "implementing"})
    res = sync_import.import_bundles(u, [_export(b, tmp_path)["file"]], password=PASSWORD)
    assert res["bundles"][0]["updated"] == 1 and res["bundles"][0]["conflicts"] == 0
    assert record_service.get(u, "model", mid)["status"] == "implementing"


def test_the_upper_levels_own_records_stay_its_own_to_change(world):
    u = world["u"]
    mid = record_service.save(u, _model("Mô hình của tỉnh"))
    assert record_service.owner_elsewhere(u, "model", mid) is None
    record_service.save(u, {**record_service.get(u, "model", mid), "status": "implementing"})
    assert store.get(u.db, "model", mid).rev == 2
    record_service.delete(u, "model", mid)


def test_an_import_at_the_upper_level_refuses_a_changed_communes_record_and_takes_an_unchanged_one(carried,
                                                                                                    tmp_path):
    """A file holding a commune's record as it is imports (nothing changes); the same record changed refuses the
    whole file, naming the line and the commune (all or nothing, as every import)."""
    _b, u, mid = carried
    rec = {**record_service.get(u, "model", mid), "type": "model"}
    same = tmp_path / "same.ndjson"
    same.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    res = import_file(u, same)
    assert not res.errors and res.unchanged["model"] == 1
    changed = tmp_path / "changed.ndjson"
    new = {"type": "dialogue", "held_on": "2026-11-02", "chair": "Trần Văn Tỉnh", "participants": 40,
           "topics": "Đối thoại về đường giao thông"}
    changed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (new, {**rec, "status": "rejected"}))
                       + "\n", encoding="utf-8")
    db = str(u.path)
    u.close()
    rc, out, proc = _run(["--db", db, "import", str(changed)], tmp_path)
    assert rc == 1, proc.stderr
    assert out["errors"][0]["line"] == 2 and "Phường Ngọc Hà" in out["errors"][0]["message"]
    rc, out, _proc = _run(["--db", db, "stats"], tmp_path)
    assert out["total"]["dialogue"] == 0  # all or nothing: the good line was not imported either


@pytest.mark.parametrize("ext", [".ndjson", ".xlsx"])
def test_the_upper_levels_own_export_imports_again_unchanged(world, tmp_path, ext):
    """An export at the upper level leaves the denouncers out ("[Bảo mật]"); imported again, each commune's record
    is the stored one (its identity put back first), so nothing is refused and nothing changes."""
    a, u = world["a"], world["u"]
    assert not import_file(a, SAMPLE).errors
    _import(u, _export(a, tmp_path)["file"])
    out = tmp_path / f"tinh{ext}"
    assert export.export(u, out)["redacted_records"] > 0
    res = import_file(u, out)
    assert not res.errors, res.errors[:3]
    assert sum(res.unchanged.values()) == 60 and not sum(res.updated.values())


def test_the_upper_levels_purge_leaves_a_communes_records_to_the_commune(world, tmp_path):
    """SYNC.md: a purge travels upward like any change. At the upper level the retention purge erases its own
    records only and says how many of the communes' are due; the commune's own purge arrives as an update, and a
    change the commune makes meanwhile is an update too, not a conflict (the upper level erased them before)."""
    from app.services import retention, unit_settings

    b, u = world["b"], world["u"]
    rid = record_service.save(b, reception(received_at="2019-03-04T08:00", citizen=citizen(name="Vi Thị Hoa")))
    _import(u, _export(b, tmp_path)["file"])
    own = record_service.save(u, reception(received_at="2019-03-05T08:00", citizen=citizen(name="Hà Văn Nam")))
    unit_settings.set_setting(u, retention.setting_key("reception"), "5")
    res = retention.purge(u)
    assert res["counts"]["reception"] == 1 and res["left_to_owners"] == 1
    from types import SimpleNamespace

    from app.cli import cmd_purge

    _res, said = cmd_purge(SimpleNamespace(dry_run=True, lang="vi"), u)  # nothing of its own left, one commune's
    assert said.startswith("Không có hồ sơ nào của đơn vị mình hết thời hạn") and "1 hồ sơ của các xã" in said
    assert record_service.get(u, "reception", own)["citizen"]["name"] != "Hà Văn Nam"  # its own: erased
    assert store.get(u.db, "reception", rid).rev == 1  # the commune's: untouched here
    record_service.save(b, {**record_service.get(b, "reception", rid), "note": "Đã sửa xong"})
    bundle = sync_import.import_bundles(u, [_export(b, tmp_path)["file"]], password=PASSWORD)["bundles"][0]
    assert bundle["updated"] == 1 and bundle["conflicts"] == 0
    unit_settings.set_setting(b, retention.setting_key("reception"), "5")
    assert retention.purge(b)["counts"]["reception"] == 1
    bundle = sync_import.import_bundles(u, [_export(b, tmp_path)["file"]], password=PASSWORD)["bundles"][0]
    assert bundle["updated"] == 1 and record_service.get(u, "reception", rid)["citizen"]["name"] != "Vi Thị Hoa"
