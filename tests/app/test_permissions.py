"""Who may do and see what: roles, ID-number masking, confidential denouncers, closing petitions, search."""

from __future__ import annotations

import json

import pytest

from app.errors import PermissionDenied
from app.services import records, search
from app.services.check import check
from app.services.export import export
from app.services.importing import import_file
from app.services.stats import stats
from tests.app.conftest import citizen, denunciation, petition, reception

MASK = "[Bảo mật]"
DENOUNCER = {"name": "Lê Văn Tố", "id_type": "cccd", "id_number": "079088001234"}


def count(session, table):
    return session.db.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# -- viewers ----------------------------------------------------------------------------------------------------------

def test_viewer_cannot_save(viewer):
    """A viewer cannot record anything."""
    with pytest.raises(PermissionDenied) as exc:
        records.save(viewer, reception())
    assert exc.value.exit_code == 3
    assert "Chỉ xem" in exc.value.message("vi")
    assert count(viewer, "receptions") == 0


def test_viewer_cannot_import(viewer, tmp_path):
    """A viewer cannot import a file."""
    f = tmp_path / "in.ndjson"
    f.write_text(json.dumps(reception(), ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(PermissionDenied):
        import_file(viewer, f)
    assert count(viewer, "receptions") == 0


def test_viewer_cannot_delete(viewer, session):
    """A viewer cannot tombstone a record."""
    rid = records.save(session, reception())
    with pytest.raises(PermissionDenied):
        records.delete(viewer, "reception", rid)
    assert records.get(session, "reception", rid)["id"] == rid


def test_viewer_may_read_check_and_export(viewer, session, tmp_path):
    """A viewer may read, see statistics, run the check and export (redacted)."""
    records.save(session, reception())
    assert stats(viewer)["total"]["reception"] == 1
    assert check(viewer)["ok"]
    assert export(viewer, tmp_path / "o.ndjson")["count"] == 1


def test_viewer_sees_id_numbers_masked(viewer, session):
    """get masks ID numbers for a viewer (last three digits kept), but not the name."""
    rid = records.save(session, reception(citizen=citizen(id_number="001234567890"),
                                          group_size=2, representatives=[citizen("Phạm Văn Dũng", "001234567891")]))
    got = records.get(viewer, "reception", rid)
    assert got["citizen"]["name"] == "Trần Thị Bình"
    assert got["citizen"]["id_number"] == "•••••••••890"
    assert got["representatives"][0]["id_number"] == "•••••••••891"
    assert "001234567890" not in json.dumps(got)


@pytest.mark.parametrize("who", ["session", "leader", "officer"])
def test_other_roles_see_id_numbers(request, session, who):
    """Admins, leaders and officers see citizen ID numbers."""
    rid = records.save(session, petition(petitioners=[citizen(id_number="001234567890")]))
    s = request.getfixturevalue(who)
    assert records.get(s, "petition", rid)["petitioners"][0]["id_number"] == "001234567890"


def test_id_number_search_by_viewer_returns_nothing(viewer, session):
    """A viewer searching by an ID number gets nothing, even though the record exists."""
    records.save(session, reception(citizen=citizen(id_number="038099001122")))
    assert search.search(session, "038099001122") != []
    assert search.search(viewer, "038099001122") == []
    assert search.search(viewer, "038 099 001 122") == []


# -- confidential identity (denunciations) -----------------------------------------------------------------------------

def test_admin_sees_denouncer_masked(officer, session):
    """An admin sees a denouncer as "[Bảo mật]" (every field but the ID type)."""
    rid = records.save(officer, denunciation())
    got = records.get(session, "petition", rid)
    assert got["petitioners"] == [{"name": MASK, "id_type": "cccd", "id_number": MASK}]
    assert got["content"] == "Tố cáo cán bộ địa chính nhận tiền"  # the case itself is not hidden


def test_viewer_sees_denouncer_masked(officer, viewer):
    """A viewer sees a denouncer masked too."""
    rid = records.save(officer, denunciation())
    assert records.get(viewer, "petition", rid)["petitioners"][0]["name"] == MASK


def test_leader_sees_denouncer(officer, leader):
    """A leader sees the denouncer's identity."""
    rid = records.save(officer, denunciation())
    assert records.get(leader, "petition", rid)["petitioners"] == [DENOUNCER]


def test_creating_officer_sees_denouncer(officer):
    """The officer who received the denunciation sees the identity."""
    rid = records.save(officer, denunciation())
    assert records.get(officer, "petition", rid)["petitioners"] == [DENOUNCER]


def test_other_officer_sees_denouncer_masked(officer, officer2):
    """Another officer, not on the case, sees the identity masked."""
    rid = records.save(officer, denunciation())
    assert records.get(officer2, "petition", rid)["petitioners"][0]["name"] == MASK


def test_admin_who_entered_a_denunciation_still_sees_it_masked(session):
    """Admins see denouncers masked even on records they typed in themselves."""
    rid = records.save(session, denunciation())
    assert records.get(session, "petition", rid)["petitioners"][0]["name"] == MASK


def test_denunciation_reception_masks_citizen_and_representatives(leader, session):
    """A reception whose category is denunciation hides its citizen and representatives from an admin."""
    rid = records.save(leader, reception(category="denunciation", group_size=3,
                                         representatives=[citizen("Đại diện Một", "012345678901")]))
    got = records.get(session, "reception", rid)
    assert got["citizen"]["name"] == MASK and got["citizen"]["id_number"] == MASK
    assert got["representatives"][0]["name"] == MASK
    assert records.get(leader, "reception", rid)["citizen"]["name"] == "Trần Thị Bình"


def test_reclassifying_reapplies_the_rule(officer, session, leader):
    """Reclassifying a complaint as a denunciation hides the identity from then on (and out of search)."""
    rid = records.save(officer, petition(petitioners=[citizen("Vũ Thị Hoa", "001234567890")]))
    assert records.get(session, "petition", rid)["petitioners"][0]["name"] == "Vũ Thị Hoa"
    assert [r["id"] for r in search.search(session, "vu thi hoa")] == [rid]
    records.save(officer, dict(records.get(officer, "petition", rid), category="denunciation"))
    assert records.get(session, "petition", rid)["petitioners"][0]["name"] == MASK
    assert records.get(leader, "petition", rid)["petitioners"][0]["name"] == "Vũ Thị Hoa"
    assert search.search(session, "vu thi hoa") == []


def test_masked_record_saved_back_keeps_identity(officer, officer2, leader):
    """An officer editing a denunciation shown masked does not erase the denouncer."""
    rid = records.save(officer, denunciation())
    shown = records.get(officer2, "petition", rid)
    assert shown["petitioners"][0]["name"] == MASK
    records.save(officer2, dict(shown, note="Đã xác minh"))
    got = records.get(leader, "petition", rid)
    assert got["note"] == "Đã xác minh"
    assert got["petitioners"] == [DENOUNCER]


def test_reclassifying_cannot_reveal_a_denouncer_to_who_may_not_see_it(officer, officer2):
    """An officer not on the case cannot unmask a denouncer by reclassifying the petition."""
    rid = records.save(officer, denunciation())
    shown = records.get(officer2, "petition", rid)
    try:
        records.save(officer2, dict(shown, category="complaint"))
    except PermissionDenied:
        pass
    assert records.get(officer2, "petition", rid)["petitioners"][0]["name"] == MASK


def test_masked_id_numbers_saved_back_keep_the_numbers(officer, session):
    """Saving back a record whose ID numbers were shown masked keeps the stored numbers."""
    rid = records.save(session, reception(citizen=citizen(id_number="001234567890")))
    shown = records.get(session, "reception", rid)
    shown["citizen"]["id_number"] = "•••••••••890"
    records.save(officer, dict(shown, note="bổ sung"))
    assert records.get(officer, "reception", rid)["citizen"]["id_number"] == "001234567890"


# -- closing petitions ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("status", ["resolved", "answered", "closed"])
def test_officer_cannot_save_a_closed_petition(officer, status):
    """Moving a petition to resolved / answered / closed needs petition.close: an officer is refused."""
    with pytest.raises(PermissionDenied):
        records.save(officer, petition(status=status, accepted_on="2026-11-17", resolved_on="2026-11-20"))
    assert count(officer, "petitions") == 0


def test_officer_cannot_close_an_existing_petition(officer):
    """An officer cannot change an open petition's status to resolved either."""
    rid = records.save(officer, petition(status="in_progress", accepted_on="2026-11-17"))
    with pytest.raises(PermissionDenied):
        records.save(officer, petition(id=rid, status="resolved", accepted_on="2026-11-17", resolved_on="2026-11-20"))
    assert records.get(officer, "petition", rid)["status"] == "in_progress"


def test_officer_cannot_import_a_closed_petition(officer, tmp_path):
    """The same rule holds for a file import: nothing is written."""
    f = tmp_path / "in.ndjson"
    f.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in (
        reception(), petition(status="closed"))) + "\n", encoding="utf-8")
    with pytest.raises(PermissionDenied):
        import_file(officer, f)
    assert count(officer, "petitions") == count(officer, "receptions") == 0


def test_leader_can_close_a_petition(officer, leader):
    """A leader may resolve a petition; the officer may then keep editing it without re-closing."""
    rid = records.save(officer, petition(status="in_progress", accepted_on="2026-11-17"))
    records.save(leader, petition(id=rid, status="resolved", accepted_on="2026-11-17", resolved_on="2026-11-20",
                                  outcome="partly_correct"))
    assert records.get(leader, "petition", rid)["status"] == "resolved"
    records.save(officer, dict(records.get(officer, "petition", rid), note="đã lưu hồ sơ"))
    assert records.get(officer, "petition", rid)["note"] == "đã lưu hồ sơ"


def test_officer_may_use_non_closing_statuses(officer):
    """accepted / in_progress / forwarded need no approval."""
    for st in ("accepted", "in_progress", "forwarded"):
        records.save(officer, petition(status=st, accepted_on="2026-11-17", content=f"đơn {st}"))
    assert count(officer, "petitions") == 3


# -- search ------------------------------------------------------------------------------------------------------------

def test_search_shows_denunciation_person_masked_to_other_officer(officer, officer2):
    """In search results a denunciation's person is "[Bảo mật]" for an officer who did not create it."""
    rid = records.save(officer, denunciation(content="Tố cáo việc lấn chiếm vỉa hè"))
    hits = search.search(officer2, "lan chiem via he")
    assert [(h["id"], h["person"]) for h in hits] == [(rid, MASK)]


def test_search_shows_ordinary_person(officer2, officer):
    """A complaint's person is shown in search results."""
    rid = records.save(officer, petition(content="Khiếu nại về tiền bồi thường"))
    hits = search.search(officer2, "boi thuong")
    assert [(h["id"], h["person"]) for h in hits] == [(rid, "Trần Thị Bình")]


def test_denouncer_name_is_not_searchable(officer, leader):
    """A denouncer's name is kept out of the full-text index, for everyone."""
    records.save(officer, denunciation())
    assert search.search(leader, "Lê Văn Tố") == []
    assert search.search(officer, "le van to") == []


def test_id_number_search_hides_denunciations_from_officers(officer, officer2, leader):
    """Looking a denouncer up by ID number works for a leader only."""
    rid = records.save(officer, denunciation())
    assert search.search(officer2, "079088001234") == []
    hits = search.search(leader, "079088001234")
    assert [h["id"] for h in hits] == [rid]


def test_search_is_diacritic_blind(session):
    """Search ignores diacritics, and đ matches d."""
    rid = records.save(session, reception(citizen=citizen("Đặng Văn Đức", None), content="Đề nghị sửa đường"))
    assert [r["id"] for r in search.search(session, "dang van duc")] == [rid]
    assert [r["id"] for r in search.search(session, "DUONG")] == [rid]
    assert [r["id"] for r in search.search(session, "Đặng")] == [rid]
