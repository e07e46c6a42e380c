"""The shape of the GUI: no SQL in ui/, every visible string translated, shipped catalogues up to date."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import translations  # noqa: E402  (tools/translations.py)


def test_ui_has_no_sql():
    """ui/ talks to the core only: no sqlite3, no sqlite_utils, no SQL statements."""
    bad = []
    sql = re.compile(r"\b(SELECT\s+\S+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b")
    for py in (ROOT / "ui").rglob("*.py"):
        text = py.read_text(encoding="utf-8")
        if re.search(r"^\s*(import|from)\s+(sqlite3|sqlite_utils)\b", text, re.M) or sql.search(text):
            bad.append(str(py.relative_to(ROOT)))
    assert bad == []


def test_every_ui_string_has_a_vietnamese_translation():
    """Each string lupdate finds in ui/ has a finished Vietnamese translation: no English in the Vietnamese GUI."""
    missing = translations.check()
    assert missing == [], "untranslated: " + "; ".join(f"{c}: {s!r}" for c, s in missing[:20])


@pytest.mark.parametrize("ts", sorted((ROOT / "resources" / "translations").glob("*_vi.ts")), ids=lambda p: p.name)
def test_shipped_qm_matches_its_ts(ts, tmp_path):
    """The .qm shipped beside each .ts is built from it (run `tools/translations.py build` after editing)."""
    out = tmp_path / ts.with_suffix(".qm").name
    subprocess.run([translations._tool("lrelease"), "-silent", str(ts), "-qm", str(out)], check=True)
    assert ts.with_suffix(".qm").read_bytes() == out.read_bytes()


def test_placeholders_survive_translation():
    """A translation keeps every {placeholder} of its source, so .format() never fails or loses a value."""
    bad = []
    for (ctx, src), tr in translations.shipped_translations().items():
        if set(re.findall(r"\{\w+\}", src)) != set(re.findall(r"\{\w+\}", tr)):
            bad.append(f"{ctx}: {src!r} → {tr!r}")
    assert bad == []
