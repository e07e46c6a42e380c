"""Three communes and their upper level, through real files: keys exchanged, bundles carried up, counted per
commune at the upper level, duplicates, a lost bundle healing itself, receipts (SYNC.md, issue 6)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from app.clock import Clock
from app.services import (listing, records as record_service, search as search_service, setup,
                          stats as stats_service, sync_ack, sync_export, sync_import, sync_keys)
from app.services.importing import import_file
from app.services.listing import Filters
from app.services.session import Session
from app.storage.db import open_db

PASSWORD = "Kiem-tra-2026!"
NOW = datetime(2026, 11, 23, 10, 0)
# The shared sample, copied into tests/fixtures so CI on a clean clone (no ../shared beside it) runs these tests.
SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "samples" / "commune-sample.ndjson"
COMMUNES = {"a": "00004", "b": "00008", "c": "00025"}  # Ba Đình, Ngọc Hà, Giảng Võ — all under Hà Nội (01)
FILES = (*(f"{k}.db" for k in COMMUNES), "u.db")


def clock() -> Clock:
    return Clock(NOW)


def _open(path: Path) -> Session:
    return Session.open(path, "admin", PASSWORD, clock=clock())


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """Three communes and the upper level (code 01), set up as `danvan init` does, keys exchanged both ways."""
    d = tmp_path_factory.mktemp("scenario")
    setup.init(d / "u.db", "1", "upper", "admin", PASSWORD, clock=clock())
    for k, code in COMMUNES.items():
        setup.init(d / f"{k}.db", code, "commune", "admin", PASSWORD, clock=clock())
    u = _open(d / "u.db")
    sync_keys.export_keyfile(u, d / "u.dvkey", password=PASSWORD)
    for k in COMMUNES:
        c = _open(d / f"{k}.db")
        sync_keys.trust(c, d / "u.dvkey")
        sync_keys.export_keyfile(c, d / f"{k}.dvkey", password=PASSWORD)
        sync_keys.trust(u, d / f"{k}.dvkey")
        c.close()
    u.close()
    for name in FILES:
        db = open_db(d / name)
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
    return d


@pytest.fixture
def world(templates, tmp_path):
    """Fresh copies of the four databases (keys beside each), opened: {"a", "b", "c", "u": Session}."""
    sessions = {}
    for name in FILES:
        shutil.copyfile(templates / name, tmp_path / name)
        shutil.copy2(sync_keys.keys_path(templates / name), sync_keys.keys_path(tmp_path / name))
        sessions[name[:-3]] = _open(tmp_path / name)
    (tmp_path / "out").mkdir()
    yield sessions
    for s in sessions.values():
        s.close()


def _dialogue(n: int) -> dict:
    return {"type": "dialogue", "held_on": f"2026-10-{n:02d}", "chair": "Nguyễn Đình Khôi", "participants": 20 + n,
            "topics": f"Đối thoại số {n} về vệ sinh môi trường"}


def _model(name: str) -> dict:
    return {"type": "model", "year": 2026, "name": name, "kind": "collective", "field": "economy",
            "owner": "Hội Nông dân", "level": "commune", "status": "registered"}


def _fill(w: dict) -> None:
    """Different records at each commune: A imports the shared sample (60), B saves 5 dialogues, C 2 + 1 model."""
    assert not import_file(w["a"], SAMPLE).errors
    for n in range(1, 6):
        record_service.save(w["b"], _dialogue(n))
    for n in (11, 12):
        record_service.save(w["c"], _dialogue(n))
    record_service.save(w["c"], _model("Mô hình nuôi ong Giảng Võ"))


def _export(s: Session, tmp_path: Path) -> dict:
    return sync_export.export_bundle(s, tmp_path / "out", password=PASSWORD)


def _import(u: Session, *files) -> list[dict]:
    return sync_import.import_bundles(u, list(files), password=PASSWORD)["bundles"]


def _by_unit(u: Session) -> dict:
    return stats_service.stats(u, by_unit=True)["units"]


def _own(s: Session) -> dict:
    return stats_service.stats(s)["total"]


def _run(args, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_")}
    env.update({"XDG_DATA_HOME": str(tmp_path / "xdg"), "XDG_STATE_HOME": str(tmp_path / "xdg"),
                "XDG_CONFIG_HOME": str(tmp_path / "xdg"), "DANVAN_USER": "admin", "DANVAN_PASSWORD": PASSWORD})
    proc = subprocess.run([sys.executable, "-m", "app", "--json", *args], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)
    return proc.returncode, (json.loads(proc.stdout) if proc.stdout.strip() else None), proc


def test_three_communes_are_counted_per_commune_at_the_upper_level(world, tmp_path):
    """Each commune's bundle lands at the upper level under its own unit: stats --by-unit (service and the real
    CLI) equals each commune's own counts, the lists filter by commune and search names the commune."""
    _fill(world)
    files = [_export(world[k], tmp_path)["file"] for k in COMMUNES]
    summaries = _import(world["u"], *files)
    assert [(b["status"], b["sender"], b["quarantined"], b["conflicts"]) for b in summaries] == [
        ("imported", code, 0, 0) for code in COMMUNES.values()]
    want = {code: _own(world[k]) for k, code in COMMUNES.items()}
    assert want["00004"]["reception"] == 31 and want["00008"] == {"reception": 0, "petition": 0, "model": 0,
                                                                  "dialogue": 5}
    res = stats_service.stats(world["u"], by_unit=True)
    assert res["units"] == want
    assert res["unit_names"] == {"00004": "Phường Ba Đình", "00008": "Phường Ngọc Hà", "00025": "Phường Giảng Võ"}
    assert {t: sum(u[t] for u in res["units"].values()) for t in res["total"]} == res["total"]
    # the real command line reads the same consolidation
    rc, out, proc = _run(["--db", str(world["u"].path), "stats", "--by-unit"], tmp_path)
    assert rc == 0, proc.stderr
    assert out["units"] == want and out["total"] == res["total"]
    # lists: one commune's records by unit code; rows say whose they are
    u = world["u"]
    assert listing.count(u, "dialogue", Filters(unit_code="00008")) == 5
    assert listing.count(u, "dialogue", Filters(unit_code="25")) == 2
    assert listing.count(u, "reception", Filters(unit_code="00008")) == 0
    rows = listing.page(u, "dialogue", Filters(unit_code="00025"))
    assert {(r["unit_code"], r["unit_name"]) for r in rows} == {("00025", "Phường Giảng Võ")}
    assert {r["unit_code"] for r in listing.page(u, "dialogue")} == set(COMMUNES.values())
    # search: the commune of each hit
    hits = search_service.search(u, "nuoi ong")
    assert [(h["type"], h["unit_code"], h["unit_name"]) for h in hits] == [("model", "00025", "Phường Giảng Võ")]


def test_reimporting_a_bundle_is_a_duplicate_and_changes_nothing(world, tmp_path):
    """A bundle imported a second time reports "duplicate" and leaves every commune's count as it was."""
    _fill(world)
    files = [_export(world[k], tmp_path)["file"] for k in COMMUNES]
    _import(world["u"], *files)
    before = _by_unit(world["u"])
    changes = world["u"].db.conn.execute("SELECT count(*) FROM change_log").fetchone()[0]
    again = _import(world["u"], files[1])
    assert (again[0]["status"], again[0]["reason"], again[0]["imported"]) == ("duplicate", "already_imported", 0)
    assert _by_unit(world["u"]) == before
    assert world["u"].db.conn.execute("SELECT count(*) FROM change_log").fetchone()[0] == changes


def test_a_lost_bundle_heals_with_the_next_one(world, tmp_path):
    """Bundle 1 of commune A is lost; A adds records and exports bundle 2, which carries every unacknowledged
    change: importing bundle 2 alone gives the upper level all of A's records."""
    _fill(world)
    a, u = world["a"], world["u"]
    lost = _export(a, tmp_path)
    Path(lost["file"]).unlink()  # the stick is lost
    for n in (21, 22):
        record_service.save(a, _dialogue(n))
    second = _export(a, tmp_path)
    assert second["seq_from"] == lost["seq_from"] and second["seq_to"] > lost["seq_to"]
    assert second["records"] == lost["records"] + 2 == 62
    (summary,) = _import(u, second["file"])
    assert (summary["status"], summary["imported"]) == ("imported", 62)
    assert _by_unit(u)["00004"] == _own(a)
    assert _by_unit(u)["00008"] == {"reception": 0, "petition": 0, "model": 0, "dialogue": 0}  # B sent nothing yet


def test_a_receipt_stops_resending_for_that_commune_only(world, tmp_path):
    """The upper level's receipt for A, imported at A, leaves A nothing to send; B, without a receipt, still
    sends everything; A's next record travels alone."""
    _fill(world)
    a, b, u = world["a"], world["b"], world["u"]
    _import(u, _export(a, tmp_path)["file"], _export(b, tmp_path)["file"])
    ack = sync_ack.export_ack(u, "4", tmp_path / "a.dvack", password=PASSWORD)
    got = sync_ack.import_ack(a, ack["file"])
    assert got["acknowledged_seq"] == ack["high_water_seq"] and got["digest_matches"] is True
    assert _export(a, tmp_path) == {"file": None, "bundle_id": None, "seq_from": None, "seq_to": None,
                                    "records": 0}
    assert _export(b, tmp_path)["records"] == 5
    record_service.save(a, _dialogue(23))
    nxt = _export(a, tmp_path)
    assert nxt["records"] == 1 and nxt["seq_from"] > ack["high_water_seq"]
    (summary,) = _import(u, nxt["file"])
    assert summary["imported"] == 1 and _by_unit(u)["00004"] == _own(a)


def test_periodic_report_at_the_upper_level_has_a_row_per_commune_and_totals(world, tmp_path):
    """After the bundles are in, the upper level's periodic report has one row per commune whose figures equal that
    commune's own report, a commune that sent nothing shows zeros, and the XLSX totals are formulas over them."""
    from app.reports import periodic, periodic_figures as pf
    from app.services import printing

    _fill(world)
    _import(world["u"], _export(world["a"], tmp_path)["file"], _export(world["c"], tmp_path)["file"])
    period = "2026"
    upper = pf.compute(world["u"], period)
    rows = {u.unit.code: u.values for u in upper.units}
    assert set(rows) == set(COMMUNES.values())  # B sent nothing yet: still listed
    for k in ("a", "c"):
        own = pf.compute(world[k], period).units[0].values
        assert rows[COMMUNES[k]] == own, k
    assert not any(rows[COMMUNES["b"]].values())
    assert upper.multi and upper.total("d.count") == rows[COMMUNES["a"]]["d.count"] + 2
    out = tmp_path / "bao-cao.xlsx"
    res = printing.print_document(world["u"], "report", out, {"period": period})
    assert res["file"] == str(out)
    lay = {x["key"]: x for x in periodic.xlsx_layout(upper)}["receptions"]
    assert len(lay["body_rows"]) == 3 and str(lay["cells"][(lay["total_row"], 2)]).startswith("=SUM(")
    pdf = tmp_path / "bao-cao.pdf"
    printing.print_document(world["u"], "report", pdf, {"period": period})
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    for name in ("Phường Ba Đình", "Phường Ngọc Hà", "Phường Giảng Võ", "Tổng cộng"):
        assert name in text, name
