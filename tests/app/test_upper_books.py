"""The upper level's books: one commune's (`unit_code`, `--unit`) or every commune's, each entry naming its
commune and each commune's entries together (the case number's prefix was all a reader had before)."""

from __future__ import annotations

import re

import pytest

from app.errors import NotFound
from app.services import records as record_service
from app.services.importing import import_file
from app.services.printing import print_document
from tests.app.conftest import citizen, petition, reception
from tests.app.test_reception_log import pdftotext
from tests.app.test_sync_scenario import SAMPLE, _export, _import, _model, _run, templates, world  # noqa: F401

RANGE = {"date_from": "2020-01-01", "date_to": "2026-11-23"}


@pytest.fixture
def upper(world, tmp_path):
    """The upper level holding Ba Đình's sample (00004) and two receptions, a petition and a model of Ngọc Hà
    (00008)."""
    a, b, u = world["a"], world["b"], world["u"]
    assert not import_file(a, SAMPLE).errors
    for n, name in ((1, "Lò Văn Quýt"), (2, "Hà Thị Mận")):
        record_service.save(b, reception(received_at=f"2026-11-1{n}T09:00", citizen=citizen(name=name,
                                                                                          id_number=None)))
    record_service.save(b, petition(petitioners=[citizen(name="Vi Văn Sấu", id_number=None)]))
    record_service.save(b, _model("Mô hình đèn đường Ngọc Hà"))
    _import(u, _export(a, tmp_path)["file"], _export(b, tmp_path)["file"])
    return u


def _text(u, kind, tmp_path, **options) -> tuple[str, dict]:
    out = tmp_path / f"{kind}-{len(list(tmp_path.iterdir()))}.pdf"
    res = print_document(u, kind, out, {**(RANGE if kind != "models" else {"year": 2026}), **options})
    return " ".join(pdftotext(out).split()), res


def test_book_of_every_commune_names_each_entrys_commune_and_keeps_them_together(upper, tmp_path):
    text, res = _text(upper, "reception-log", tmp_path)
    assert "Lò Văn Quýt" in text and "Hà Thị Mận" in text
    text = text[:text.index("Tổng hợp theo đơn vị")]  # the entries, without the table by unit after them
    # each entry's content is headed by its commune, then "Hồ sơ số …" (no citizen's address names either)
    ba_dinh = [m.start() for m in re.finditer("Phường Ba Đình", text)]
    ngoc_ha = [m.start() for m in re.finditer("Phường Ngọc Hà", text)]
    assert len(ngoc_ha) == 2 and ba_dinh and max(ba_dinh) < min(ngoc_ha)  # Ba Đình's entries first, by code
    assert res["entries"] == len(ba_dinh) + len(ngoc_ha)


@pytest.mark.parametrize("kind, counted", [("reception-log", "Số lượt tiếp"), ("petition-register", "Số đơn"),
                                           ("dialogue-register", "Số cuộc đối thoại"), ("models", "Số mô hình")])
def test_book_of_every_commune_ends_with_each_units_count(upper, tmp_path, kind, counted):
    """After the entries, a table by unit: each registered commune's count in the book's order — 0 for Phường
    Giảng Võ (00025), registered and silent — and a total equal to the entries."""
    text, res = _text(upper, kind, tmp_path)
    tally = text[text.index("Tổng hợp theo đơn vị"):]
    assert "Phường Giảng Võ (chưa gửi dữ liệu) 0" in tally  # silent: not "a commune with none"
    assert "Phường Ngọc Hà (chưa gửi" not in tally
    tally = tally.replace(" (chưa gửi dữ liệu)", "")
    rows = re.findall(r"(\d+) (Thành phố Hà Nội|Phường [^\d]+?) (\d+)", tally)
    by_unit = {name: int(n) for _i, name, n in rows}
    assert [name for _i, name, _n in rows] == ["Thành phố Hà Nội", "Phường Ba Đình", "Phường Ngọc Hà",
                                               "Phường Giảng Võ"]
    expected = {"reception-log": 2, "petition-register": 1, "dialogue-register": 0, "models": 1}[kind]
    assert by_unit["Phường Ngọc Hà"] == expected and by_unit["Phường Giảng Võ"] == 0
    assert counted in tally and f"Tổng cộng {res['entries']}" in tally
    assert sum(by_unit.values()) == res["entries"]
    one, _res = _text(upper, kind, tmp_path, unit_code="00008")
    assert "Tổng hợp theo đơn vị" not in one  # one unit's book: its count is the book


def test_one_communes_book_holds_only_its_records_and_names_it_under_the_title(upper, tmp_path):
    text, res = _text(upper, "reception-log", tmp_path, unit_code="00008")
    assert res["entries"] == 2
    assert "Đơn vị: Phường Ngọc Hà (mã 00008)" in text
    assert "00004-" not in text and "Lò Văn Quýt" in text and "Hà Thị Mận" in text
    assert text.count("Phường Ngọc Hà") == 1  # under the title only: one commune's entries are not labelled


def test_petition_register_and_models_register_follow_the_unit(upper, tmp_path):
    text, res = _text(upper, "petition-register", tmp_path, unit_code="8")  # the short code is that commune too
    assert res["entries"] == 1 and "Vi Văn Sấu" in text and "Phường Ngọc Hà (mã 00008)" in text
    every, res_all = _text(upper, "petition-register", tmp_path)
    assert res_all["entries"] > 1 and "Phường Ba Đình" in every and "Phường Ngọc Hà" in every
    models, res_m = _text(upper, "models", tmp_path, unit_code="00008")
    assert res_m["entries"] == 1 and "Mô hình đèn đường Ngọc Hà" in models
    all_models, _ = _text(upper, "models", tmp_path)
    assert "Hội Nông dân (Phường Ngọc Hà)" in all_models


def test_unknown_unit_is_refused_and_nothing_is_written(upper, tmp_path):
    out = tmp_path / "x.pdf"
    with pytest.raises(NotFound) as err:
        print_document(upper, "reception-log", out, {**RANGE, "unit_code": "99999"})
    assert "99999" in err.value.message("vi") and "99999" in err.value.message("en")
    assert not out.exists()


def test_a_communes_books_are_unchanged(world, tmp_path):
    """At a commune no entry is labelled; its own code is accepted, another commune's refused."""
    b = world["b"]
    record_service.save(b, reception())
    text, res = _text(b, "reception-log", tmp_path)
    assert res["entries"] == 1 and "Phường Ngọc Hà" not in text  # the letterhead has it in capitals only
    assert _text(b, "reception-log", tmp_path, unit_code="00008")[1]["entries"] == 1
    with pytest.raises(NotFound):
        print_document(b, "reception-log", tmp_path / "y.pdf", {**RANGE, "unit_code": "00004"})


def test_command_prints_one_communes_book_and_refuses_an_unknown_unit(upper, tmp_path):
    db = str(upper.path)
    upper.close()
    out = tmp_path / "ngoc-ha.pdf"
    rc, res, proc = _run(["--db", db, "print", "reception-log", "--from", "2020-01-01", "--to", "2026-11-23",
                          "--out", str(out), "--unit", "00008"], tmp_path)
    assert rc == 0, proc.stderr
    assert res["entries"] == 2 and out.exists()
    rc, res, proc = _run(["--db", db, "print", "reception-log", "--from", "2020-01-01", "--to", "2026-11-23",
                          "--out", str(tmp_path / "none.pdf"), "--unit", "99999"], tmp_path)
    assert rc == 1 and "99999" in res["error"]["message"] and not (tmp_path / "none.pdf").exists()


def test_the_upper_levels_own_entries_come_first_under_its_own_name(upper, tmp_path):
    """Records entered at the upper level itself are named by its unit (not its bare code) and come first."""
    record_service.save(upper, reception(received_at="2026-11-20T10:00", citizen=citizen(name="Mùa A Dế",
                                                                                         id_number=None)))
    text, _res = _text(upper, "reception-log", tmp_path)
    assert "Sổ tổng hợp các xã, phường đã gửi dữ liệu lên" in text
    assert "Mùa A Dế" in text and "Thành phố Hà Nội Hồ sơ số 01-2026-1" in text
    assert text.index("Hồ sơ số 01-") < text.index("Phường Ba Đình") < text.index("Phường Ngọc Hà")


def test_a_commune_that_never_sent_anything_is_said_so_under_the_title(upper, tmp_path):
    """An empty book of a registered commune that never sent a bundle must not read as "no cases"."""
    text, res = _text(upper, "reception-log", tmp_path, unit_code="00025")
    assert res["entries"] == 0 and "chưa nhận được gói dữ liệu nào của đơn vị này" in text
    sent, _res = _text(upper, "reception-log", tmp_path, unit_code="00008", date_from="2020-01-01",
                       date_to="2020-12-31")
    assert "chưa nhận được" not in sent  # it sent, just nothing in that period


def test_a_commune_prints_no_other_units_book(world, tmp_path):
    """At a commune the upper level is a registered peer too, but its code (or another commune's) is refused."""
    for code in ("01", "1", "00004"):
        with pytest.raises(NotFound):
            print_document(world["b"], "reception-log", tmp_path / "x.pdf", {**RANGE, "unit_code": code})


def test_models_of_every_unit_are_kept_together_within_each_field():
    """Within a field, one unit's models follow each other (by the unit's sort key), and an owner that already
    names its unit, in any case, does not get it twice."""
    from app.reports import models_register as mr

    models = [{"id": str(i), "name": name, "kind": "collective", "field": "economy", "owner": owner}
              for i, (name, owner) in enumerate((("Nuôi ong", "Hội Nông dân"), ("Trồng rau", "Tổ 5 phường Ngọc Hà"),
                                                 ("Nuôi cá", "Hội Phụ nữ")))]
    units = {"0": ("00008", "Phường Ngọc Hà"), "1": ("00008", "Phường Ngọc Hà"), "2": ("00004", "Phường Ba Đình")}
    rows = [r for r in mr.register_rows(models, lambda m: units[m["id"]]) if r.kind == "model"]
    assert [(r.cells[1], r.cells[2]) for r in rows] == [("Nuôi cá", "Hội Phụ nữ (Phường Ba Đình)"),
                                                        ("Nuôi ong", "Hội Nông dân (Phường Ngọc Hà)"),
                                                        ("Trồng rau", "Tổ 5 phường Ngọc Hà")]


def test_one_units_models_register_is_titled_with_it(upper, tmp_path):
    import subprocess

    out = tmp_path / "m.pdf"
    print_document(upper, "models", out, {"year": 2026, "unit_code": "00008"})
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Phường Ngọc Hà" in next(line for line in info.splitlines() if line.startswith("Title:"))


def test_an_export_of_one_commune_holds_only_its_records(upper, tmp_path):
    """`export --unit CODE` (and the lists' "Xuất Excel…" with a unit chosen): one commune's records, as its
    book; an unknown code is refused and nothing is written."""
    import json

    from app.services.export import export

    out = tmp_path / "ngoc-ha.ndjson"
    res = export(upper, out, unit_code="00008")
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()[1:]]
    assert res["count"] == len(lines) == 4  # two receptions, a petition, a model
    assert {x["type"] for x in lines} == {"reception", "petition", "model"}
    assert export(upper, tmp_path / "all.ndjson")["count"] > 60
    db = str(upper.path)
    upper.close()
    rc, res, proc = _run(["--db", db, "export", str(tmp_path / "r.xlsx"), "--type", "reception", "--unit", "8"],
                         tmp_path)
    assert rc == 0 and res["count"] == 2, proc.stderr
    rc, res, _proc = _run(["--db", db, "export", str(tmp_path / "x.ndjson"), "--unit", "99999"], tmp_path)
    assert rc == 1 and "99999" in res["error"]["message"] and not (tmp_path / "x.ndjson").exists()


def test_an_upper_levels_table_export_of_every_unit_names_each_rows_unit(upper, tmp_path):
    """An Excel or CSV export of every unit at the upper level starts each row with its unit's code and name
    (the case number held only the code); the file imports again (the columns are passed over); one unit's
    export names it too; the NDJSON exchange file has no such columns."""
    import csv

    import openpyxl

    from app.services.export import export
    from app.services.importing import import_file

    out = tmp_path / "every.xlsx"
    export(upper, out, types=["reception", "model"])
    sheet = openpyxl.load_workbook(out)["reception"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:2] == ["unit_code", "unit_name"]
    units = {(r[0], r[1]) for r in rows[1:]}
    assert units == {("00004", "Phường Ba Đình"), ("00008", "Phường Ngọc Hà")}
    case_no = rows[0].index("case_no")
    assert all(r[case_no].startswith(r[0] + "-") for r in rows[1:])
    assert not import_file(upper, out, dry_run=True).errors  # the same records, unchanged: nothing refused

    csv_out = tmp_path / "models.csv"
    export(upper, csv_out, types=["model"])
    with open(csv_out, encoding="utf-8-sig", newline="") as fh:
        first = next(csv.reader(fh))
    assert first[:2] == ["unit_code", "unit_name"]

    one = tmp_path / "one.xlsx"  # one commune's file names it too: given to another commune, refused there
    export(upper, one, types=["reception"], unit_code="00008")
    rows = list(openpyxl.load_workbook(one)["reception"].iter_rows(values_only=True))
    assert rows[0][:2] == ("unit_code", "unit_name") and {r[0] for r in rows[1:]} == {"00008"}
    nd = tmp_path / "every.ndjson"
    export(upper, nd, types=["reception"])
    assert "unit_name" not in nd.read_text(encoding="utf-8")


def test_a_communes_record_sheet_printed_at_the_upper_level_bears_the_communes_heading(upper, tmp_path):
    """"In phiếu" of Ngọc Hà's reception at the province: Ngọc Hà heads the sheet under the province, the place
    is Ngọc Hà and a line says the copy was printed at the province; the province's own record keeps its own."""
    from app.services import listing

    theirs = next(r for r in listing.page(upper, "reception", limit=100) if r["unit_code"] == "00008")
    text, _res = _text(upper, "record-sheet", tmp_path, id=theirs["id"])
    head = text[:text.index("PHIẾU")]
    assert "THÀNH PHỐ HÀ NỘI" in head and "PHƯỜNG NGỌC HÀ" in head
    assert "Bản in tại Thành phố Hà Nội từ dữ liệu do Phường Ngọc Hà gửi lên (nhận ngày 23/11/2026)" in text
    # not for the province to sign, nor dated as the commune's: a dated copy note instead of the signatures
    assert "Ngày in: 23/11/2026 — bản in để theo dõi tại Thành phố Hà Nội, không thay cho phiếu của Phường Ngọc Hà" \
        in text
    assert "NGƯỜI TIẾP" not in text.split("Ngày in:")[1] and ", ngày " not in text

    own = record_service.save(upper, reception(citizen=citizen(name="Đinh Văn Tỉnh", id_number=None)))
    text, _res = _text(upper, "record-sheet", tmp_path, id=own)
    assert "NGỌC HÀ" not in text and "Bản in tại" not in text and "THÀNH PHỐ HÀ NỘI" in text
    assert "Hà Nội, ngày" in text and "Ngày in:" not in text  # its own sheet keeps its signatures


@pytest.mark.parametrize("kind", ["models", "reception-log"])
def test_the_signatures_of_a_book_of_every_unit_share_a_page_with_its_table_by_unit(upper, tmp_path, kind):
    """The table by unit and the signatures travel together: the models register of a few models put its
    signatures alone on a second page."""
    out = tmp_path / f"{kind}.pdf"
    res = print_document(upper, kind, out, RANGE if kind != "models" else {"year": 2026})
    last = pdftotext(out, res["pages"])
    assert "NGƯỜI LẬP SỔ" in last or "THỦ TRƯỞNG" in last or "NGƯỜI GHI SỔ" in last
    assert "Tổng hợp theo đơn vị" in last


def test_a_communes_late_dialogue_commitments_are_counted_at_the_upper_level(world, tmp_path):
    """A promise made at Ngọc Hà's dialogue, past its deadline with no result: the province's dashboard chart of
    the communes owing most counts it, and `stats --by-unit`'s unit_overdue gives it per commune."""
    from app.services import dashboard, stats
    from tests.app.conftest import dialogue

    b, u = world["b"], world["u"]
    record_service.save(b, dialogue(held_on="2026-09-01", commitments="Sửa cống", commitments_due="2026-10-31"))
    record_service.save(b, dialogue(held_on="2026-09-02", commitments="Lắp đèn", commitments_due="2027-01-31"))
    _import(u, _export(b, tmp_path)["file"])
    late = dashboard.overview(u)["units_overdue"]
    assert [(x["unit_code"], x["commitments_late"]) for x in late] == [("00008", 1)]
    assert stats.stats(u, by_unit=True)["unit_overdue"]["00008"]["commitments_late"] == 1


def test_rows_an_upper_levels_export_names_as_another_units_are_not_taken(world, upper, tmp_path):
    """A commune importing the province's workbook of every commune would take the others' records as its own
    (their ids kept: conflicts at the province next); rows named as another unit's are refused, line by line,
    unless they are that unit's records already here unchanged (the province importing its own export)."""
    import openpyxl

    from app.services.export import export
    from app.services.importing import import_file

    out = tmp_path / "every.xlsx"
    export(upper, out, types=["model"])
    a = world["a"]  # Phường Ba Đình (00004)
    res = import_file(a, out, dry_run=True)
    refused = [e for e in res.errors if e["field"] == "unit_code"]
    assert refused and all("Phường Ngọc Hà" in e["message"] for e in refused)
    assert not any("Phường Ba Đình" in e["message"] for e in res.errors)  # its own rows pass
    # at the province: a new row naming a commune is refused too
    wb = openpyxl.load_workbook(out)
    ws = wb["model"]
    header = [c.value for c in ws[1]]
    row = [c.value for c in ws[2]]
    row[header.index("id")] = None
    row[header.index("name")] = "Mô hình mới gõ tay"
    ws.append(row)
    wb.save(out)
    res = import_file(upper, out, dry_run=True)
    assert [e["line"] for e in res.errors if e["field"] == "unit_code"] == [ws.max_row]


def test_lines_of_an_upper_levels_exchange_file_from_another_unit_are_not_taken(world, upper, tmp_path):
    """The NDJSON file names no unit on its lines, but a reception's or petition's case number begins with its
    commune's code: at a commune, a line whose case number is a third unit's (neither the commune's nor the
    exporter's) is refused by line and named; in such a file a model not already here (no case number) is refused
    as of no known unit; the commune's own lines, and a file another commune exported itself (a merger), are
    taken."""
    import json

    from app.services.export import export
    from app.services.importing import import_file

    out = tmp_path / "every.ndjson"
    export(upper, out)
    a, b = world["a"], world["b"]  # Phường Ba Đình (00004), Phường Ngọc Hà (00008)
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    ngoc_ha = [n for n, x in enumerate(lines, 1) if x.get("case_no", "").startswith("00008-")]
    models = {n: x["name"] for n, x in enumerate(lines, 1) if x.get("type") == "model"}
    assert len(ngoc_ha) == 3 and "Mô hình đèn đường Ngọc Hà" in models.values()
    res = import_file(a, out, dry_run=True)
    refused = [e for e in res.errors if e["field"] == "unit_code"]
    named = [e for e in refused if "Phường Ngọc Hà" in e["message"]]
    assert [e["line"] for e in named] == ngoc_ha
    unknown = {e["line"] for e in refused if e not in named}
    assert {models[n] for n in unknown} == {"Mô hình đèn đường Ngọc Hà"}  # Ba Đình's own models are here already
    before = {t: b.db.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("receptions", "models")}
    assert import_file(b, out).errors  # Ngọc Hà is refused Ba Đình's lines: all or nothing, nothing taken
    assert {t: b.db.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before} == before

    own = tmp_path / "ngoc-ha.ndjson"  # one commune's file, given back to that commune: its own records
    export(upper, own, unit_code="00008")
    assert not import_file(b, own, dry_run=True).errors
    merger = tmp_path / "from-b.ndjson"  # a commune's own export taken in by another (a merger): case numbers
    export(b, merger)                     # are the exporter's, so the records are taken
    assert not [e for e in import_file(a, merger, dry_run=True).errors if e["field"] == "unit_code"]


def test_an_upper_levels_workbook_for_people_names_units_and_a_commune_takes_only_its_own_rows(world, upper,
                                                                                              tmp_path):
    """The list's "Xuất Excel…" at the upper level: "Mã đơn vị" and "Đơn vị" in front; a commune given it is
    refused the other communes' rows as with the exchange workbook."""
    import openpyxl

    from app.services.export import export
    from app.services.importing import import_file

    out = tmp_path / "every.xlsx"
    export(upper, out, types=["reception"], readable=True)
    rows = list(openpyxl.load_workbook(out)["Tiếp công dân"].iter_rows(values_only=True))
    assert rows[0][:3] == ("STT", "Mã đơn vị", "Đơn vị")
    assert {r[2] for r in rows[1:]} == {"Phường Ba Đình", "Phường Ngọc Hà"}
    assert not import_file(upper, out, dry_run=True).errors
    res = import_file(world["a"], out, dry_run=True)
    refused = {e["line"] for e in res.errors if e["field"] == "unit_code"}
    assert refused == {n for n, r in enumerate(rows, 1) if r[1] == "00008"}
