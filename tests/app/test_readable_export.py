"""The workbook for people (`export F.xlsx --readable`, a list's "Xuất Excel…"): Vietnamese titles, labels and
Excel dates — and it imports again as the same records."""

from __future__ import annotations

from datetime import datetime

import openpyxl

from app.services import records
from app.services.export import export
from app.services.importing import import_file
from tests.app.conftest import citizen, dialogue, model, petition, reception
from tests.app.test_cli import db, run, sample_db  # noqa: F401 (fixtures)


def _sheets(path) -> dict[str, list[tuple]]:
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in openpyxl.load_workbook(path).worksheets}


def _column(rows: list[tuple], title: str) -> list:
    i = rows[0].index(title)
    return [r[i] for r in rows[1:]]


def test_titles_labels_and_dates_are_vietnamese_and_the_workbook_imports_unchanged(session, tmp_path):
    records.save(session, reception(received_at="2026-11-02T08:30", category="complaint", direction="accept"))
    records.save(session, petition(petitioners=[citizen(name="Trần Thị Bình"),
                                                citizen(name="Lê Văn Cường", id_number="001099012346")],
                                   eligible=True))
    records.save(session, model(name="Chợ nông sản sạch"))
    records.save(session, dialogue())
    out = tmp_path / "so.xlsx"
    res = export(session, out, readable=True)
    assert res["count"] == 4
    sheets = _sheets(out)
    assert list(sheets) == ["Tiếp công dân", "Đơn thư", "Mô hình", "Đối thoại"]
    rec = sheets["Tiếp công dân"]
    assert rec[0][:3] == ("STT", "Số hồ sơ", "Ngày tiếp") and rec[0][-1] == "Mã bản ghi"
    assert "type" not in rec[0] and not any("." in str(t) for t in rec[0])  # no exchange keys
    assert _column(rec, "STT") == [1]
    assert _column(rec, "Ngày tiếp") == [datetime(2026, 11, 2, 8, 30)]  # an Excel date, not text
    assert _column(rec, "Phân loại đơn") == ["Khiếu nại"] and _column(rec, "Hướng xử lý") == ["Thụ lý để giải quyết"]
    pet = sheets["Đơn thư"]
    assert _column(pet, "Người gửi đơn 2 — Họ và tên") == ["Lê Văn Cường"]
    assert _column(pet, "Đủ điều kiện xử lý") == ["Có"]
    assert "Số hồ sơ" not in sheets["Mô hình"][0]  # empty on every row: left out

    before = res["count"]
    check = import_file(session, out, dry_run=True)
    assert not check.errors and sum(check.unchanged.values()) == before and not sum(check.imported.values())


def test_a_label_changed_in_excel_updates_the_record(session, tmp_path):
    rid = records.save(session, petition(category="complaint"))
    out = tmp_path / "don.xlsx"
    export(session, out, types=["petition"], readable=True)
    wb = openpyxl.load_workbook(out)
    ws = wb["Đơn thư"]
    col = [c.value for c in ws[1]].index("Phân loại đơn") + 1
    ws.cell(row=2, column=col, value="Kiến nghị")
    wb.save(out)
    res = import_file(session, out)
    assert not res.errors and res.updated["petition"] == 1
    assert records.get(session, "petition", rid)["category"] == "petition"


def test_readable_is_for_workbooks_only(sample_db, tmp_path):
    rc, data, proc = run(["--db", str(sample_db), "--json", "export", "r.csv", "--type", "reception", "--readable"],
                         tmp_path)
    assert rc == 2 and ".xlsx" in data["error"]["message"] and not (tmp_path / "r.csv").exists()
    rc, data, proc = run(["--db", str(sample_db), "--json", "export", "r.xlsx", "--readable"], tmp_path)
    assert rc == 0 and data["count"] == 60, proc.stderr
    rc, data, proc = run(["--db", str(sample_db), "--json", "import", "r.xlsx", "--dry-run"], tmp_path)
    assert rc == 0 and sum(data["unchanged"].values()) == 60, proc.stdout
