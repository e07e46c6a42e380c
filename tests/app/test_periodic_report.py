"""The periodic report (báo cáo định kỳ): figures equal `danvan stats`, in the PDF, the XLSX and the DOCX."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import date

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
import openpyxl
import pytest

from app.errors import UsageError
from app.reports import periodic, periodic_figures as pf
from app.services import printing, records
from app.services.stats import stats
from tests.app.conftest import denunciation, dialogue, model, petition, reception
from tests.app.test_cli import run

PERIOD = "2026"  # 15/12/2025 – 14/12/2026: holds 1 January, so models count too


@pytest.fixture
def data(leader):
    """A year of records of every kind, with petitions from before the period, open or closed."""
    save = lambda raw: records.save(leader, raw)  # noqa: E731
    for i in range(3):
        save(reception(received_at=f"2026-0{i + 3}-10T08:00"))
    save(reception(received_at="2026-05-12T09:00", group_size=7, content="Đoàn đông người về giải tỏa"))
    save(reception(received_at="2026-06-02T09:00", no_show=True, citizen=None, content="Không có công dân đến"))
    save(reception(received_at="2025-11-20T09:00"))  # before the period
    save(petition(received_on="2025-10-01", status="in_progress"))  # carried over: still open
    save(petition(received_on="2025-10-02", status="resolved", resolved_on="2025-11-30"))  # closed before
    save(petition(received_on="2025-10-03", status="resolved", resolved_on="2026-01-20"))  # closed within: carried
    # forwarded within the period (the citizen notified then): carried over too, though a forwarded petition has
    # no date of its own
    save(petition(received_on="2025-11-25", direction="forward", eligible=True, status="forwarded",
                  forwarded_to="UBND tỉnh", notified_on="2026-01-05", category="petition"))
    # forwarded before the period: not carried over; nor one forwarded on a day nobody wrote down
    save(petition(received_on="2025-11-26", direction="forward", eligible=True, status="forwarded",
                  forwarded_to="UBND tỉnh", notified_on="2025-12-01", category="petition"))
    save(petition(received_on="2025-11-27", direction="file", status="closed", category="petition"))
    save(petition(received_on="2026-02-03", direction="accept", eligible=True, status="resolved",
                  resolved_on="2026-03-01"))
    save(petition(received_on="2026-04-03", direction="forward", eligible=True, status="forwarded",
                  forwarded_to="UBND tỉnh", category="petition"))
    save(petition(received_on="2026-07-03", direction="guide", eligible=False, category="reflection"))
    save(denunciation(received_on="2026-08-03", direction="accept", eligible=True, status="accepted",
                      accepted_on="2026-08-05"))
    for f, k in (("economy", "collective"), ("economy", "individual"), ("party_building", "collective")):
        save(model(field=f, kind=k, name=f"Mô hình {f} {k}"))
    save(model(year=2026, status="recognized", field="culture_society", kind="individual", name="Ưng thuận"))
    save(dialogue(held_on="2026-10-02", participants=45))
    save(dialogue(held_on="2026-04-12", participants=30))
    return leader


def _flat(s: dict) -> dict:
    """The figures of stats() the report must show, keyed like the report's values."""
    r = s["receptions"]
    out = {"r.visits": r["visits"], "r.persons": r["persons"], "r.group_visits": r["group_visits"],
           "r.group_persons": r["group_persons"], "r.no_show": r["no_show"],
           "p.received": s["total"]["petition"], "p.duplicates": s["petitions"]["duplicates"],
           "p.overdue": s["overdue"], "m.total": s["total"]["model"], "d.count": s["total"]["dialogue"]}
    for k, n in s["by_category"]["petition"].items():
        out[f"p.cat.{k}"] = n
    for k, n in s["petitions"]["by_direction"].items():
        out[f"p.dir.{k}"] = n
    for k, n in s["by_field"]["model"].items():
        out[f"m.field.{k}"] = n
    for k, n in s["by_status"]["model"].items():
        out[f"m.status.{k}"] = n
    st = s["by_status"]["petition"]
    out["p.st.resolved"] = st.get("resolved", 0) + st.get("answered", 0)
    out["p.st.forwarded"] = st.get("forwarded", 0)
    out["p.st.new"] = st.get("received", 0)  # not yet accepted: a line of its own, not "in progress"
    out["p.st.in_progress"] = st.get("accepted", 0) + st.get("in_progress", 0)
    return out


def _expected_rows(f: pf.Figures) -> dict[str, list[int]]:
    return {t.key: pf.column_values(t, f.units[0].values) for t in f.tables()}


def _pdftext(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_figures_equal_stats(data):
    """Every figure the report shares with `danvan stats` has the same value; the others are as recorded."""
    f = pf.compute(data, PERIOD)
    v = f.units[0].values
    s = stats(data, PERIOD)
    for key, n in _flat(s).items():
        assert v[key] == n, key
    assert (v["r.visits"], v["r.persons"], v["r.group_visits"], v["r.no_show"], v["r.cases"]) == (5, 10, 1, 1, 4)
    assert v["p.carried"] == 3  # open at the start, or closed (or forwarded) only after it
    assert v["p.cst.forwarded"] == 1
    # what became of them is reported too (they are part of what there was to handle)
    assert sum(n for k, n in v.items() if k.startswith("p.cst.")) == v["p.carried"]
    assert (v["p.eligible"], v["p.ineligible"]) == (3, 1)
    # eligible, not eligible, not yet decided and duplicates add up to the petitions received
    assert v["p.eligible"] + v["p.ineligible"] + v["p.elig_unknown"] + v["p.duplicates"] == v["p.received"]
    assert (v["m.kind.collective"], v["m.kind.individual"]) == (2, 2)
    assert (v["d.count"], v["d.participants"]) == (2, 75)
    assert v["p.dir.accept"] == 2 and v["p.dir.forward"] == 1
    # receptions by content, by how they were held and by who chaired: each adds up to the visits
    for prefix in ("r.cat.", "r.mode.", "r.host."):
        assert sum(n for k, n in v.items() if k.startswith(prefix)) == v["r.visits"], prefix
    scheduled = data.db.conn.execute(
        "SELECT count(*) FROM receptions WHERE deleted = 0 AND mode = 'scheduled' AND record_date BETWEEN ? AND ?",
        [f.start.isoformat(), f.end.isoformat() + "T99"]).fetchone()[0]
    assert v["r.mode.scheduled"] == scheduled
    results = next(t for t in f.tables() if t.key == "results")
    total = pf.column_values(results, v)[[c.title for c in results.columns].index("Tổng số")]
    assert total == s["total"]["petition"]


def test_dialogues_with_no_head_count_are_said_so_beside_the_sum(data):
    """The sum of people leaves out the dialogues whose head count was not recorded: the sentence says how many
    (1.950 people read as everyone who came)."""
    def sentence() -> str:
        f = pf.compute(data, PERIOD)
        return next(p for s in f.sections for p in s.paragraphs if "cuộc đối thoại" in p)

    assert "người tham dự." in sentence() and "chưa ghi số người" not in sentence()
    records.save(data, dialogue(held_on="2026-10-05", participants=None))
    assert "3 cuộc đối thoại với Nhân dân, 75 người tham dự (1 cuộc chưa ghi số người)." in sentence()


def test_table_rows_and_styles_as_data(data):
    """One unit: numbers only, no "Đơn vị" column, no total row; the style sets our font and centres numbers."""
    f = pf.compute(data, PERIOD)
    t = next(t for t in f.tables() if t.key == "petitions")
    d = periodic.pdf_table_data(t, f)
    v = f.units[0].values
    assert d["header"][:3] == ["Kỳ trước chuyển sang", "Tiếp nhận trong kỳ", "Tổng số đơn phải xử lý"]
    assert d["rows"] == [[str(v["p.carried"]), str(v["p.received"]), str(v["p.carried"] + v["p.received"]),
                          str(v["p.duplicates"]), str(v["p.eligible"]), str(v["p.ineligible"])]]
    assert not d["has_total"]
    style = periodic.pdf_table_style("Tinos", 2, multi=False, has_total=False)
    assert ("FONTNAME", (0, 0), (-1, -1), "Tinos") in style
    assert ("ALIGN", (0, 1), (-1, -1), "CENTER") in style
    assert not any(c[0] == "FONTNAME" and c[3] == "Tinos-Bold" for c in style)
    assert all("Helvetica" not in str(c) for c in style)


def test_several_units_get_a_unit_column_and_totals(data):
    """Upper level: one row per unit, a "Đơn vị" column, a bold "Tổng cộng" row, SUM formulas in the XLSX."""
    f = pf.compute(data, PERIOD)
    other = pf.UnitFigures(pf.Unit("00008", "Phường Ngọc Hà"), {k: n + 1 for k, n in f.units[0].values.items()})
    multi = pf.with_sections(replace(f, units=(f.units[0], other)))
    t = next(t for t in multi.tables() if t.key == "receptions")
    g = pf.table_rows(t, multi)
    assert g["header"][0] == "Đơn vị" and [r[0] for r in g["rows"]] == ["Phường Ba Đình", "Phường Ngọc Hà"]
    assert g["total"][0] == "Tổng cộng"
    assert g["total"][1] == f.units[0].values["r.visits"] * 2 + 1
    style = periodic.pdf_table_style("Tinos", 4, multi=True, has_total=True)
    assert ("FONTNAME", (0, 3), (-1, 3), "Tinos-Bold") in style
    lay = {x["key"]: x for x in periodic.xlsx_layout(multi)}["receptions"]
    b0, b1 = lay["body_rows"]
    assert lay["cells"][(lay["total_row"], 2)] == f"=SUM(B{b0}:B{b1})"
    assert multi.sections[0].paragraphs[0].startswith("Trong kỳ, các đơn vị")


def test_a_unit_whose_records_are_not_here_is_refused(data):
    """A commune holds only its own records: asking for another commune's figures is a usage error."""
    with pytest.raises(UsageError):
        pf.compute(data, PERIOD, [pf.own_unit(data), pf.Unit("00008", "Phường Ngọc Hà")])


def test_pdf_shows_the_figures_with_embedded_fonts(data, tmp_path):
    """The PDF text holds the heading, the period and every table row equal to stats; fonts embedded, no Helvetica;
    no denouncer's name."""
    out = tmp_path / "bc.pdf"
    res = printing.print_document(data, "report", out, {"period": PERIOD}, invariant=True)
    assert res["pages"] >= 1 and res["entries"] == 5 + 4 + 4 + 2
    text = _pdftext(out)
    flat = re.sub(r"\s+", " ", text)
    for must in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "PHƯỜNG BA ĐÌNH", "BÁO CÁO",
                 # the period has not ended on the test's day (23/11/2026): the figures say where they stop
                 "Năm 2026 (từ ngày 15/12/2025 đến ngày 14/12/2026; số liệu tính đến ngày 23/11/2026)",
                 "Kết quả công tác tiếp công dân, giải quyết",
                 "THỦ TRƯỞNG ĐƠN VỊ", "Bảng 13. Đối thoại với Nhân dân", "Bảng 4. Lượt tiếp theo người chủ trì",
                 "Bảng 9. Kết quả xử lý, giải quyết đơn kỳ trước chuyển sang",
                 "Trang 1/"):
        assert must in flat, must
    f = pf.compute(data, PERIOD)
    for key, row in _expected_rows(f).items():
        assert " ".join(map(str, row)) in flat, key
    assert "Lê Văn Tố" not in flat and "079088001234" not in flat
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    lines = fonts.splitlines()[2:]
    assert lines and all(re.search(r"\byes\s+yes\s+yes\b", line) for line in lines)
    assert "Helvetica" not in fonts and "Tinos" in fonts


def test_invariant_pdf_builds_are_byte_identical(data, tmp_path):
    """Two builds in reportlab's invariant mode give the same bytes."""
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    printing.print_document(data, "report", a, {"period": PERIOD}, invariant=True)
    printing.print_document(data, "report", b, {"period": PERIOD}, invariant=True)
    assert a.read_bytes() == b.read_bytes()


def _evaluate(ws, value):
    """The value of a cell, summing the cells a =SUM(...) formula names (ranges and lists)."""
    if not (isinstance(value, str) and value.startswith("=SUM(")):
        return value
    total = 0
    for part in value[5:-1].split(","):
        cells = ws[part] if ":" in part else ((ws[part],),)
        for row in (cells if isinstance(cells[0], tuple) else (cells,)):
            for c in row:
                total += _evaluate(ws, c.value) or 0
    return total


def test_xlsx_figures_formulas_and_format(data, tmp_path):
    """The XLSX holds the same rows; totals are =SUM formulas that add up to stats; bold headers; dd/mm/yyyy."""
    out = tmp_path / "bc.xlsx"
    printing.print_document(data, "report", out, {"period": PERIOD})
    ws = openpyxl.load_workbook(out).active
    f = pf.compute(data, PERIOD)
    expected = _expected_rows(f)
    layout = periodic.xlsx_layout(f)
    formulas = 0
    for t in layout:
        assert [ws.cell(t["header_row"], i + 1).value for i in range(len(t["header"]))] == t["header"]
        assert ws.cell(t["header_row"], 1).font.b
        r = t["body_rows"][0]
        raw = [ws.cell(r, i + 1).value for i in range(len(t["header"]))]
        formulas += sum(isinstance(x, str) and x.startswith("=SUM(") for x in raw)
        assert [_evaluate(ws, x) for x in raw] == expected[t["key"]], t["key"]
    assert formulas >= 6
    cats = next(t for t in layout if t["key"] == "categories")
    total_cell = ws.cell(cats["body_rows"][0], len(cats["header"])).value
    assert total_cell.startswith("=SUM(") and _evaluate(ws, total_cell) == stats(data, PERIOD)["total"]["petition"]
    assert ws["A2"].value == "BÁO CÁO" and ws["A2"].font.b
    assert ws["B5"].value.date() == date(2025, 12, 15) and ws["B5"].number_format == "dd/mm/yyyy"
    assert ws.column_dimensions["A"].width == 16


def test_docx_is_editable_with_real_tables(data, tmp_path):
    """The DOCX has headings, paragraphs and Word tables whose numbers equal stats, in Times New Roman 13 pt."""
    out = tmp_path / "bc.docx"
    printing.print_document(data, "report", out, {"period": PERIOD})
    d = docx.Document(str(out))
    f = pf.compute(data, PERIOD)
    expected = list(_expected_rows(f).values())
    tables = d.tables[1:-1]  # first: the heading; last: the signature
    assert len(tables) == len(expected)
    for table, row in zip(tables, expected):
        assert [c.text for c in table.rows[1].cells] == [str(n) for n in row]
    text = "\n".join(p.text for p in d.paragraphs)
    assert "BÁO CÁO" in text and "I. CÔNG TÁC TIẾP CÔNG DÂN" in text and "Lê Văn Tố" not in text
    assert any(p.style.name == "Heading 1" for p in d.paragraphs)
    normal = d.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size.pt == 13
    heading = d.tables[0].rows[0].cells[1].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in heading and "Độc lập - Tự do - Hạnh phúc" in heading
    # the heading's grid is wide enough for the national name on one line (LibreOffice lays out by the grid)
    assert d.tables[0].columns[1].width.cm >= 10
    # "Trang x/y" in the footer, from Word's own fields
    footer = d.sections[0].footer.paragraphs[0]
    assert footer.text.startswith("Trang ")
    assert [f.get(qn("w:instr")) for f in footer._p.iter(qn("w:fldSimple"))] == ["PAGE", "NUMPAGES"]
    # the lines of dots to write on are not justified (Word spread them across the page)
    dotted = [p for p in d.paragraphs if "……" in p.text]
    assert dotted and all(p.alignment == WD_ALIGN_PARAGRAPH.LEFT for p in dotted)


def test_models_count_in_every_period_of_their_year(data):
    """A model is registered for a year: 2026-Q3 (no 1 January in it) counts the four 2026 models, as the year
    does, and the report says which year's models it counts."""
    records.save(data, model(year=2025, name="Mô hình năm trước"))
    year, q3 = stats(data, "2026"), stats(data, "2026-Q3")
    assert q3["total"]["model"] == year["total"]["model"] == 4
    assert q3["by_field"]["model"] == year["by_field"]["model"]
    assert q3["period"]["model_years"] == [2026, 2026]
    f = pf.compute(data, "2026-Q3")
    assert f.units[0].values["m.total"] == 4 and f.units[0].values["m.kind.individual"] == 2
    assert "(Mô hình \u201cDân vận khéo\u201d được thống kê theo năm đăng ký: các mô hình đăng ký năm 2026.)" \
        in f.sections[2].paragraphs
    # Q1 2026 runs from 15/12/2025 under the cut-off, yet counts only 2026's models; an explicit date range
    # counts the calendar years it touches.
    assert stats(data, "2026-Q1")["total"]["model"] == 4
    assert stats(data, "2025-12-20..2026-01-10")["total"]["model"] == 5
    assert stats(data, "2025")["total"]["model"] == 1


def test_cli_report_xlsx(tmp_path):
    """`danvan report --period 2026-Q3 --out x.xlsx --json` writes the workbook and names it."""
    db = tmp_path / "t.db"
    rc, _, proc = run(["--db", str(db), "--json", "init", "--unit-code", "4", "--admin", "admin"], tmp_path)
    assert rc == 0, proc.stderr
    out = tmp_path / "x.xlsx"
    rc, res, proc = run(["--db", str(db), "--json", "report", "--period", "2026-Q3", "--out", str(out)], tmp_path)
    assert rc == 0, proc.stderr
    assert res == {"file": str(out)} and out.exists()
    assert openpyxl.load_workbook(out).active["A4"].value == "Quý III/2026 (từ ngày 15/06/2026 đến ngày 14/09/2026)"


def test_counts_are_written_with_a_dot_between_thousands():
    """GLOSSARY: numbers with "." as the thousands separator (1.979), in the sentences and in the tables' cells —
    a unit's name is left as it is."""
    values = {"r.visits": 1979, "r.persons": 12884, "r.cases": 1000, "p.carried": 999, "p.received": 1}
    f = pf.Figures("2026", "Năm 2026", date(2025, 12, 15), date(2026, 12, 14),
                   (pf.UnitFigures(pf.Unit("00004", "Phường Ba Đình"), values),))
    sections = pf.build_sections(f)
    text = " ".join(p for s in sections for p in s.paragraphs)
    assert "đã tiếp 1.979 lượt với 12.884 người, 1.000 vụ việc" in text
    assert "Tổng số đơn phải xử lý: 1.000 đơn, gồm 999 đơn" in text
    f = replace(f, sections=sections)
    receptions = next(t for t in f.tables() if t.key == "receptions")
    assert periodic.pdf_table_data(receptions, f)["rows"][0][:3] == ["1.979", "12.884", "1.000"]
    assert periodic.docx_table_cells(receptions, f)[1][:3] == ["1.979", "12.884", "1.000"]
    two = replace(f, units=f.units * 2)
    assert periodic.pdf_table_data(receptions, two)["rows"][-1][:2] == ["Tổng cộng", "3.958"]


def test_a_wrong_or_future_period_is_refused_saying_what_is_wrong(data):
    """The message names what is wrong (a month 13, an end before its start) and how to write a period; a period
    that has not started yet is refused (a report dated before its own period, all zeros, would mislead)."""
    for period, must in (("2026-13", "tháng phải từ 1 đến 12"),
                         ("2026-03-31..2026-01-01", "Ngày kết thúc 01/01/2026 trước ngày bắt đầu 31/03/2026"),
                         ("tháng ba", "Kỳ báo cáo không hợp lệ")):
        with pytest.raises(UsageError) as caught:
            pf.compute(data, period)
        message = caught.value.message("vi")
        assert must in message and "2026-01-01..2026-03-31" in message, message
    with pytest.raises(UsageError) as caught:  # the test's clock: 23/11/2026
        printing.print_document(data, "report", "/nonexistent/bc.pdf", {"period": "2027-Q1"})
    assert caught.value.message("vi").startswith("Quý I/2027 bắt đầu từ ngày 15/12/2026, chưa đến")
    assert stats(data, "2026-Q4")["period"]["key"] == "2026-Q4"  # under way: counted up to today


def test_a_past_period_says_its_statuses_are_as_of_the_day_it_was_made(data):
    """Statuses and overdue are read as the records stand now: a report of a period already over says so in the
    results table's title; one of a period under way says where its figures stop instead (the heading)."""
    past = next(t for t in pf.compute(data, "2026-Q1").tables() if t.key == "results")
    assert past.title.endswith("(tình trạng tính đến ngày 23/11/2026)")
    current = next(t for t in pf.compute(data, PERIOD).tables() if t.key == "results")
    assert "tình trạng tính đến" not in current.title
