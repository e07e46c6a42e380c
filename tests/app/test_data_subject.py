"""`danvan person export`: everything held about one citizen, found by ID number, audited, written atomically."""

from __future__ import annotations

import json
import subprocess

import pytest

from app.errors import PermissionDenied, UsageError
from app.services import data_subject
from app.services.records import Incoming, apply_records
from tests.app.conftest import citizen, denunciation, petition, reception
from tests.app.test_cli import run

NUMBER = "001099000555"


def _book(session):
    res = apply_records(session, [Incoming(i, r) for i, r in enumerate((
        reception(citizen=citizen("Trịnh Văn Hỏi", NUMBER, phone="0912000555")),
        petition(petitioners=[citizen("Trịnh Văn Hỏi", NUMBER)]),
        reception(citizen=citizen("Trịnh Văn Hỏi", None)),  # same name, no number: a possible match
        reception(citizen=citizen("Người Khác", "001099000666")),
        denunciation(petitioners=[citizen("Trịnh Văn Hỏi", NUMBER)]),
    ), 1)], action="save")
    assert not res.errors
    return res.ids


def test_collect_finds_by_number_and_name(session):
    """By ID number: the reception and the petition (the admin does not see the denunciation's identity, so not
    it); with the name, the record without a number comes as a possible match; audit entries of those records."""
    ids = _book(session)
    data = data_subject.collect(session, "0010 9900 0555", "trinh van hoi")
    assert {r["id"] for r in data["records"]} == {ids[0], ids[1]}
    assert [r["id"] for r in data["name_matches"]] == [ids[2]]
    assert {e["record_id"] for e in data["audit"]} == {ids[0], ids[1], ids[2]}
    assert all(e["action"] == "save.create" for e in data["audit"])


def test_leader_also_gets_the_denunciation(leader, session):
    """A leader (who may see a denouncer) gets the denunciation too."""
    ids = _book(session)
    data = data_subject.collect(leader, NUMBER)
    assert ids[4] in {r["id"] for r in data["records"]}


def test_refusals(session, officer, tmp_path):
    """Officers may not export a person's data; a bad number or file type is refused and nothing is written."""
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(PermissionDenied):
        data_subject.collect(officer, NUMBER)
    with pytest.raises(UsageError):
        data_subject.collect(session, "12345")
    with pytest.raises(UsageError):
        data_subject.export_person(session, NUMBER, tmp_path / "x.txt")
    assert list(tmp_path.iterdir()) == []


def test_export_json_and_pdf_are_audited_without_the_number(session, tmp_path):
    """JSON holds the records and their audit entries; the PDF has the person's data in our font; each export
    leaves a 'person.export' entry that names neither the number nor the name."""
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    _book(session)
    res = data_subject.export_person(session, NUMBER, tmp_path / "p.json", name="Trịnh Văn Hỏi")
    assert res["records"] == 2 and res["name_matches"] == 1
    doc = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert doc["meta"]["kind"] == "person_export" and doc["subject"]["id_number"] == NUMBER
    assert doc["records"][0]["citizen" if doc["records"][0]["type"] == "reception" else "petitioners"]
    res = data_subject.export_person(session, NUMBER, tmp_path / "p.pdf")
    text = subprocess.run(["pdftotext", str(tmp_path / "p.pdf"), "-"], capture_output=True, text=True).stdout
    assert "THÔNG TIN CÁ NHÂN ĐANG ĐƯỢC LƯU GIỮ" in text and "Trịnh Văn Hỏi" in text and NUMBER in text
    assert "Thêm hồ sơ" in text
    rows = session.db.conn.execute("SELECT detail FROM audit_log WHERE action = 'person.export'").fetchall()
    assert [r[0] for r in rows] == ["json records=2 name_matches=1", "pdf records=2 name_matches=0"]
    assert not any(NUMBER in r[0] or "Trịnh" in r[0] for r in rows)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json", "p.pdf"]  # no temporary file left


def test_person_export_command(tmp_path):
    """`danvan person export --id-number N --out F.json` through the real command: exit 0 and the file."""
    db = tmp_path / "t.db"
    assert run(["--db", str(db), "init", "--unit-code", "4", "--admin", "admin"], tmp_path)[0] == 0
    f = tmp_path / "in.ndjson"
    f.write_text(json.dumps(reception(citizen=citizen("Trịnh Văn Hỏi", NUMBER)), ensure_ascii=False) + "\n",
                 encoding="utf-8")
    assert run(["--db", str(db), "import", str(f)], tmp_path)[0] == 0
    rc, data, proc = run(["--db", str(db), "--json", "person", "export", "--id-number", NUMBER,
                          "--out", str(tmp_path / "out.json")], tmp_path)
    assert rc == 0, proc.stderr
    assert data["records"] == 1 and (tmp_path / "out.json").exists()
    rc, data, proc = run(["--db", str(db), "--json", "person", "export", "--id-number", "12",
                          "--out", str(tmp_path / "bad.json")], tmp_path)
    assert rc == 2 and not (tmp_path / "bad.json").exists()
    rc, data, proc = run(["--db", str(db), "--json", "purge", "--dry-run"], tmp_path)
    assert rc == 0 and data["dry_run"] and data["total"] == 0, proc.stderr
