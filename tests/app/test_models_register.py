"""The "Dân vận khéo" register: grouped by field, totals by kind, Vietnamese exact, fonts embedded, invariant."""

from __future__ import annotations

import subprocess

from app.reports import models_register as mr
from app.reports.fonts import UI_FONT, bold
from app.services import records
from app.services.printing import print_document
from tests.app.conftest import model


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_fonts(path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


def _models():
    return [
        model(name="Camera an ninh tổ dân phố", field="defense_security", kind="collective"),
        model(name="Ưng hộ người nghèo", owner="Đặng Văn Đức", field="economy", kind="individual",
              status="recognized", recognition_level="Cấp xã", decision_no="12/QĐ-UBND", recognized_on="2026-10-05"),
        model(name="Bếp ăn tình thương", owner="Chi hội Phụ nữ", field="economy", kind="collective",
              content_method="Vận động " * 80),
        model(name="Năm cũ", year=2025),
    ]


def test_rows_grouped_by_field_with_counts_and_totals():
    """Rows: header, one group row per field in MODEL_FIELD order with its count, models numbered 1…N, totals."""
    rows = mr.register_rows([m for m in _models() if m["year"] == 2026])
    assert rows[0].kind == "header" and rows[0].cells == mr.HEADERS
    groups = [r.cells[0] for r in rows if r.kind == "group"]
    assert groups == ["I. Lĩnh vực Kinh tế (2 mô hình)", "II. Lĩnh vực Văn hóa - Xã hội (0 mô hình)",
                      "III. Lĩnh vực Quốc phòng - An ninh (1 mô hình)",
                      "IV. Lĩnh vực Xây dựng Đảng và hệ thống chính trị (0 mô hình)"]
    models = [r.cells for r in rows if r.kind == "model"]
    assert [m[0] for m in models] == ["1", "2", "3"]
    assert models[0][1] == "Bếp ăn tình thương" and models[0][3] == "Tập thể"  # collective first in a field
    assert models[1][1:4] == ("Ưng hộ người nghèo", "Đặng Văn Đức", "Cá nhân")
    assert models[1][5:] == ("Được công nhận", "Cấp xã", "12/QĐ-UBND, ngày 05/10/2026")
    assert models[0][4].endswith("…") and len(models[0][4]) <= mr.SHORT + 2
    assert rows[-1].cells == ("Tổng cộng: 3 mô hình (tập thể: 2; cá nhân: 1); được công nhận: 1",)


def test_models_are_in_the_order_of_their_names_first_word():
    names = ["Xây dựng nông thôn mới", "Camera an ninh", "An toàn giao thông", "Bảo vệ môi trường"]
    rows = mr.register_rows([model(name=n, field="economy", kind="collective") for n in names])
    assert [r.cells[1] for r in rows if r.kind == "model"] == ["An toàn giao thông", "Bảo vệ môi trường",
                                                                "Camera an ninh", "Xây dựng nông thôn mới"]


def test_a_fields_heading_never_ends_a_page_without_its_first_model():
    """Wherever the page ends, the part before it does not end on a field's heading (it stood alone at the foot
    of a province's page 1, its models on page 2)."""
    from reportlab.lib.units import mm

    from app.reports import layout

    models = [model(name=f"Mô hình {i}", field=f, kind="collective")
              for f in ("economy", "culture_society") for i in range(4)]
    rows = mr.register_rows(models)
    table = mr._table(rows, layout.styles(UI_FONT, 10))
    width = sum(mr.COL_MM) * mm
    table.wrap(width, 2000)
    splits = 0
    for height in range(40, 600, 2):
        parts = table.split(width, height)
        if len(parts) == 2:
            splits += 1
            assert rows[len(parts[0]._cellvalues) - 1].kind != "group", height
    assert splits > 50  # the table was cut at many heights, across both headings


def test_style_spans_group_and_total_rows_in_our_font():
    """Group and total rows span the table in bold Be Vietnam Pro; the whole table is in our font."""
    rows = mr.register_rows(_models()[:2])
    cmds = mr.register_style(rows)
    assert ("FONTNAME", (0, 0), (-1, -1), UI_FONT) in cmds
    for i, r in enumerate(rows):
        if r.kind in ("group", "total"):
            assert ("SPAN", (0, i), (-1, i)) in cmds and ("FONTNAME", (0, i), (-1, i), bold(UI_FONT)) in cmds
    assert not [c for c in cmds if c[0] == "SPAN" and rows[c[1][1]].kind == "model"]
    assert abs(sum(mr.COL_MM) - 273) < 0.01  # the A4 landscape frame


def test_pdf_text_fonts_and_invariance(session, tmp_path):
    """The PDF holds the title, groups and names exactly; fonts all embedded, no Helvetica; invariant builds equal."""
    for m in _models():
        records.save(session, m)
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    res = print_document(session, "models", a, {"year": 2026}, invariant=True)
    print_document(session, "models", b, {"year": 2026}, invariant=True)
    assert res["entries"] == 3 and res["pages"] == 1
    assert a.read_bytes() == b.read_bytes()
    text = pdf_text(a)
    for s in ("SỔ ĐĂNG KÝ, THEO DÕI MÔ HÌNH \u201cDÂN VẬN KHÉO\u201d NĂM 2026", "Phường Ba Đình".upper(), "Đặng Văn Đức",
              "Ưng hộ người nghèo", "I. Lĩnh vực Kinh tế (2 mô hình)", "Trang 1/1", "NGƯỜI LẬP SỔ"):
        assert s in text
    assert "Năm cũ" not in text
    fonts = pdf_fonts(a)
    assert fonts and all(f[-5] == "yes" for f in fonts)
    assert not any("Helvetica" in f[0] for f in fonts)


def test_cli_prints_models(tmp_path):
    """`danvan print models --year 2026 --out x.pdf --json` in a subprocess returns file, pages and entries."""
    from tests.app.test_cli import run

    db = tmp_path / "t.db"
    rc, _, proc = run(["--db", str(db), "--json", "init", "--unit-code", "4", "--admin", "admin"], tmp_path)
    assert rc == 0, proc.stderr
    src = tmp_path / "m.ndjson"
    src.write_text('{"type": "model", "year": 2026, "name": "Dân vận khéo Ưng", "kind": "individual", '
                   '"field": "economy", "owner": "Đặng Văn Đức"}\n', encoding="utf-8")
    rc, _, proc = run(["--db", str(db), "--json", "import", str(src)], tmp_path)
    assert rc == 0, proc.stderr
    out = tmp_path / "x.pdf"
    rc, data, proc = run(["--db", str(db), "--json", "print", "models", "--year", "2026", "--out", str(out)], tmp_path)
    assert rc == 0, proc.stderr
    assert data["entries"] == 1 and data["pages"] == 1 and data["file"].endswith("x.pdf")
    assert "Đặng Văn Đức" in pdf_text(out)
