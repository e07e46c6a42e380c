"""Every print carries the same two lines above its national heading (they differed from print to print)."""

from __future__ import annotations

import pytest

from app.reports.letterhead import letterhead
from app.services import records, unit_settings
from app.services.printing import print_document
from tests.app.conftest import petition
from tests.app.test_models_register import pdf_text

PRINTS = (("report", ".pdf", lambda pid: {"period": "2026"}),
          ("reception-log", ".pdf", lambda pid: {}),
          ("petition-register", ".pdf", lambda pid: {}),
          ("models", ".pdf", lambda pid: {"year": 2026}),
          ("record-sheet", ".pdf", lambda pid: {"id": pid}))


def _head(path) -> str:
    return " ".join(pdf_text(path).split("\n\n")[0].split())


@pytest.mark.parametrize("letterhead_set", [False, True])
def test_every_print_has_the_same_heading(session, tmp_path, letterhead_set):
    """Without letterhead lines: the province over the unit, on every print; with them: those lines."""
    if letterhead_set:
        unit_settings.set_setting(session, "letterhead_line1", "Đảng bộ phường Ba Đình")
        unit_settings.set_setting(session, "letterhead_line2", "Ban Dân vận")
    upper, unit = letterhead(session.db)
    assert (upper, unit) == (("Đảng bộ phường Ba Đình", "Ban Dân vận") if letterhead_set
                             else ("Thành phố Hà Nội", "Phường Ba Đình"))
    pid = records.save(session, petition(direction="accept", eligible=True, accepted_on="2026-11-18"))
    for kind, suffix, options in PRINTS:
        out = tmp_path / f"{kind}{suffix}"
        print_document(session, kind, out, options(pid))
        head = _head(out)
        assert upper.upper() in head and unit.upper() in head, (kind, head)


def test_a_province_board_is_not_named_twice(tmp_path):
    """An upper level with no letterhead lines: its province is the unit itself — one line, not the same twice."""
    from datetime import datetime

    from app.clock import Clock
    from app.services import setup
    from app.services.session import Session
    from tests.app.conftest import PASSWORD

    setup.init(tmp_path / "u.db", "1", "upper", "admin", PASSWORD, clock=Clock(datetime(2026, 11, 23, 10, 0)))
    s = Session.open(tmp_path / "u.db", "admin", PASSWORD, clock=Clock(datetime(2026, 11, 23, 10, 0)))
    assert letterhead(s.db) == (None, "Thành phố Hà Nội")
    s.close()
