"""The deadline rules' legal texts in English (app/domain/legal_en.py): every title, article and note of the
shipped rules file reads in English; a text it does not know stays whole and says it is Vietnamese."""

from __future__ import annotations

import json
import re

from app.domain.legal_en import in_english, in_language
from app.resources import data_file
from app.services.deadlines import rule_table

VIETNAMESE = re.compile(r"[À-ỹĐđ]")


def _texts() -> list[str]:
    doc = json.loads(data_file("deadline_rules.json").read_text(encoding="utf-8"))
    out = []
    for v in doc["versions"]:
        out += [v["title"], v.get("note", "")]
        for r in v["rules"]:
            out += [r["article"], r.get("note", "")]
    return [t for t in out if t]


def test_every_text_of_the_shipped_rules_reads_in_english():
    for text in _texts():
        english = in_english(text)
        assert not VIETNAMESE.search(english), (text, english)
    assert in_english("Luật Khiếu nại 2011 (sửa đổi bởi Luật 136/2025/QH15), Điều 28") == \
        "Law on Complaints 2011 (amended by Law 136/2025/QH15), Article 28"


def test_a_text_corrected_since_is_shown_whole_and_marked():
    text = "Luật Tiếp công dân 2013, Điều 28, khoản 3 mới"
    assert in_english(text) == f"{text} (in Vietnamese)"
    assert in_language(text, "vi") == text


def test_the_rule_table_follows_the_session_s_language(open_session):
    vi = rule_table(open_session("officer"))
    en = rule_table(open_session("officer", "en"))
    assert [r["key"] for r in vi] == [r["key"] for r in en]
    assert any("Điều 28" in r["article"] for r in vi)
    assert all(not VIETNAMESE.search(r["article"] + r["note"] + r["version_title"]) for r in en)
