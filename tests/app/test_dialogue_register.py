"""Sổ theo dõi đối thoại: the dialogues held in a period with their commitments and follow-up, in the books'
layout; at the upper level each entry names its unit (`print dialogue-register`)."""

from __future__ import annotations

import subprocess

import pytest

from app.errors import NotFound
from app.services import records
from app.services.printing import print_document
from tests.app.conftest import dialogue
from tests.app.test_reception_log import pdftotext
from tests.app.test_sync_scenario import _export, _import, _run, templates, world  # noqa: F401

PERIOD = {"date_from": "2026-10-01", "date_to": "2026-10-31"}


def _text(path) -> str:
    return " ".join(pdftotext(path).split())


def test_the_periods_dialogues_in_date_order_with_their_commitments(session, tmp_path):
    records.save(session, dialogue(held_on="2026-10-20", chair="Bí thư Đảng ủy phường", participants=1200,
                                   topics="Chỉnh trang đô thị tổ dân phố 7",
                                   commitments="Lắp đèn chiếu sáng trước 31/12", commitments_due="2026-12-31",
                                   follow_up="Đã lắp 12 bóng"))
    records.save(session, dialogue(held_on="2026-10-02"))
    records.save(session, dialogue(held_on="2026-09-30", topics="Họp tháng 9"))  # outside the period
    out = tmp_path / "d.pdf"
    res = print_document(session, "dialogue-register", out, PERIOD)
    text = _text(out)
    assert res["entries"] == 2 and "SỔ THEO DÕI ĐỐI THOẠI" in text and "Họp tháng 9" not in text
    assert "Lắp đèn chiếu sáng trước 31/12" in text and "Đã lắp 12 bóng" in text and "1.200" in text
    assert "Hạn thực hiện: 31/12/2026" in text
    assert text.index("02/10/2026") < text.index("20/10/2026")
    assert "Số người tham dự" in text and "Nội dung tiếp thu, giải trình, cam kết" in text  # GLOSSARY.md's words
    assert "Tổng cộng: 2 cuộc đối thoại, 1.245 người tham dự." in text
    assert "Trang 1/1" in text and "Từ ngày 01/10/2026 đến ngày 31/10/2026" in text
    subprocess.run(["pdffonts", str(out)], check=True, capture_output=True)  # a readable PDF


def test_the_total_says_how_many_dialogues_have_no_head_count(session, tmp_path):
    records.save(session, dialogue(participants=30))
    records.save(session, dialogue(participants=None))
    out = tmp_path / "d.pdf"
    print_document(session, "dialogue-register", out, PERIOD)
    assert "Tổng cộng: 2 cuộc đối thoại, 30 người tham dự (1 cuộc chưa ghi số người)." in _text(out)


def test_an_empty_period_says_so(session, tmp_path):
    out = tmp_path / "d.pdf"
    assert print_document(session, "dialogue-register", out, PERIOD)["entries"] == 0
    assert "Không có buổi đối thoại nào trong thời gian này" in _text(out)


def test_the_upper_level_names_each_dialogues_commune_and_prints_one_communes(world, tmp_path):
    b, c, u = world["b"], world["c"], world["u"]
    records.save(b, dialogue(topics="Đối thoại Ngọc Hà về vệ sinh môi trường"))
    records.save(c, dialogue(topics="Đối thoại Giảng Võ về chợ dân sinh"))
    _import(u, _export(b, tmp_path)["file"], _export(c, tmp_path)["file"])
    every = tmp_path / "all.pdf"
    assert print_document(u, "dialogue-register", every, PERIOD)["entries"] == 2
    text = _text(every)
    assert text.index("Phường Ngọc Hà") < text.index("Phường Giảng Võ")  # by unit code: 00008, then 00025
    one = tmp_path / "one.pdf"
    assert print_document(u, "dialogue-register", one, {**PERIOD, "unit_code": "00025"})["entries"] == 1
    assert "chợ dân sinh" in _text(one) and "Ngọc Hà về" not in _text(one)
    with pytest.raises(NotFound):
        print_document(u, "dialogue-register", tmp_path / "x.pdf", {**PERIOD, "unit_code": "99999"})


def test_a_commitments_deadline_travels_up_in_a_bundle(world, tmp_path):
    """`commitments_due` (schema 5) is carried to the upper level like every field of the exchange format."""
    b, u = world["b"], world["u"]
    rid = records.save(b, dialogue(commitments="Lắp đèn đường", commitments_due="2026-12-31"))
    _import(u, _export(b, tmp_path)["file"])
    assert records.get(u, "dialogue", rid)["commitments_due"] == "2026-12-31"


def test_the_command_prints_it_and_takes_no_confidential_option(world, tmp_path):
    b = world["b"]
    records.save(b, dialogue())
    db = str(b.path)
    b.close()
    out = tmp_path / "d.pdf"
    rc, res, proc = _run(["--db", db, "print", "dialogue-register", "--from", "2026-10-01", "--to", "2026-10-31",
                          "--out", str(out)], tmp_path)
    assert rc == 0, proc.stderr
    assert res["entries"] == 1 and out.exists()
    rc, _res, _proc = _run(["--db", db, "print", "dialogue-register", "--from", "2026-10-01", "--to",
                            "2026-10-31", "--out", str(out), "--include-confidential"], tmp_path)
    assert rc == 2
