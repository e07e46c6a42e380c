"""Windowed lists for the screens, possible duplicates, and a petition drafted from a reception."""

from __future__ import annotations

from app.domain.masking import MASK
from app.services import listing, records
from app.services.listing import Filters
from tests.app.conftest import citizen, denunciation, dialogue, model, petition, reception


def test_pages_are_windows_in_a_stable_order(session):
    """Pages of a list cover every row exactly once, newest first, and the count agrees."""
    for day in range(1, 21):
        records.save(session, reception(received_at=f"2026-10-{day:02d}T08:00", content=f"Nội dung số {day}"))
    assert listing.count(session, "reception") == 20
    seen = []
    for offset in range(0, 20, 7):
        seen += [r["id"] for r in listing.page(session, "reception", offset=offset, limit=7)]
    assert len(seen) == 20 and len(set(seen)) == 20
    first = listing.page(session, "reception", limit=1)[0]
    assert first["received_at"].startswith("2026-10-20")


def test_filters_and_text_search_narrow_the_list(session):
    """Category, date range and a diacritic-blind text filter are applied in SQL."""
    records.save(session, reception(received_at="2026-09-01T08:00", category="complaint", content="Khiếu nại đất đai"))
    records.save(session, reception(received_at="2026-09-02T08:00", category="reflection", content="Phản ánh tiếng ồn"))
    records.save(session, reception(received_at="2026-10-02T08:00", category="reflection", content="Phản ánh nước thải",
                                    direction="guide"))
    assert listing.count(session, "reception", Filters(category="reflection")) == 2
    rows = listing.page(session, "reception", Filters(direction="guide"))
    assert [r["content"] for r in rows] == ["Phản ánh nước thải"]
    assert listing.count(session, "reception", Filters(date_from="2026-09-01", date_to="2026-09-30")) == 2
    rows = listing.page(session, "reception", text="tieng on")
    assert [r["content"] for r in rows] == ["Phản ánh tiếng ồn"]
    assert listing.count(session, "reception", text='a" OR *') == 0


def test_overdue_filter_lists_only_overdue_petitions(session):
    """The overdue filter keeps petitions whose next legal deadline has passed."""
    records.save(session, petition(received_on="2026-03-02", status="in_progress", accepted_on="2026-03-09",
                                   direction="accept"))
    records.save(session, petition(received_on="2026-11-20"))
    assert listing.count(session, "petition") == 2
    assert listing.count(session, "petition", overdue=True) == 1


def test_dialogues_whose_commitments_have_no_follow_up_yet(session):
    """For dialogues the list's "needs attention" box keeps those with commitments and no result recorded: a
    promise made to the people and not yet followed up (a dialogue with no commitment owes nothing)."""
    records.save(session, dialogue(topics="Đường làng", commitments="Đổ bê tông trước Tết"))
    records.save(session, dialogue(topics="Chợ tạm", commitments="Dời chợ", follow_up="Đã dời chợ ngày 01/11"))
    records.save(session, dialogue(topics="Nghe dân nói"))
    assert listing.count(session, "dialogue") == 3
    assert [r["topics"] for r in listing.page(session, "dialogue", overdue=True)] == ["Đường làng"]
    assert listing.count(session, "dialogue", overdue=True) == 1


def test_same_models_are_this_units_of_the_year_with_the_name_diacritics_aside(session):
    mid = records.save(session, model(name="Tổ tự quản an ninh Thôn Đông", year=2026))
    records.save(session, model(name="To tu quan an ninh thon dong", year=2025))
    found = listing.same_models(session, {"type": "model", "year": 2026, "name": "TỔ TỰ QUẢN  AN NINH THÔN ĐÔNG"})
    assert [m["id"] for m in found] == [mid]
    assert not listing.same_models(session, {"type": "model", "id": mid, "year": 2026,
                                             "name": "Tổ tự quản an ninh Thôn Đông"})  # itself
    assert not listing.same_models(session, {"type": "model", "year": 2024, "name": "Tổ tự quản an ninh Thôn Đông"})


def test_confidential_person_is_masked_in_lists(session):
    """A denouncer never appears in a list column."""
    records.save(session, denunciation())
    rows = listing.page(session, "petition")
    assert rows[0]["person_name"] == MASK


def test_possible_duplicates_by_id_number_and_folded_name(session):
    """A returning citizen is found by the same ID number, or by the same name typed without diacritics."""
    records.save(session, reception(citizen=citizen(name="Đặng Văn Đức", id_number="001089012345")))
    by_id = listing.possible_duplicates(session, {"citizen": {"name": "Khác Tên", "id_number": "001089012345"}})
    assert [h["reason"] for h in by_id] == ["id_number"]
    by_name = listing.possible_duplicates(session, {"citizen": {"name": "dang van duc"}})
    assert by_name and by_name[0]["person"] == "Đặng Văn Đức"
    assert listing.possible_duplicates(session, {"citizen": {"name": "Người Khác"}}) == []


def test_a_namesake_with_another_id_number_is_not_a_duplicate(session, open_session):
    """Same name, both with ID numbers that differ: another person, not offered; a namesake with no ID number on
    file is offered but does not stop the save ("strong" False); each hit shows the ID number and address."""
    records.save(session, reception(citizen=citizen(name="Trần Thị Hoa", id_number="001186099999")))
    unknown = records.save(session, reception(citizen=citizen(name="Trần Thị Hoa", id_number=None,
                                                              address="Tổ 3 phường Ba Đình")))
    hits = listing.possible_duplicates(session, {"citizen": {"name": "Trần Thị Hòa", "id_number": "001186012345"}})
    assert [(h["id"], h["strong"]) for h in hits] == [(unknown, False)]
    assert hits[0]["address"] == "Tổ 3 phường Ba Đình" and hits[0]["id_number"] is None
    # no ID number typed: every namesake may be this person, and each says which number it holds
    hits = listing.possible_duplicates(session, {"citizen": {"name": "Tran Thi Hoa"}})
    assert len(hits) == 2 and all(h["strong"] for h in hits)
    assert {h["id_number"] for h in hits} == {"001186099999", None}
    # the same ID number stops the save whatever the name
    hits = listing.possible_duplicates(session, {"citizen": {"name": "Khác", "id_number": "001186099999"}})
    assert [(h["reason"], h["strong"], h["id_number"]) for h in hits] == [("id_number", True, "001186099999")]
    viewer = open_session("viewer")  # a role that may not see ID numbers sees the last three digits
    hits = listing.possible_duplicates(viewer, {"citizen": {"name": "Tran Thi Hoa"}})
    assert {h["id_number"] for h in hits} == {"•••••••••999", None}


def test_a_petition_made_from_a_reception_is_not_its_duplicate(session):
    """The reception a new petition is drafted from is the same case, not an earlier record to warn about."""
    rid = records.save(session, reception(category="complaint", direction="accept"))
    draft = records.petition_from_reception(session, rid)
    assert [h["id"] for h in listing.possible_duplicates(session, draft)] == []


def test_petition_drafted_from_a_reception(session):
    """"Tạo đơn từ lượt tiếp này" prefills a petition that validates and links back to the reception."""
    rid = records.save(session, reception(category="complaint", content="Khiếu nại bồi thường", direction="accept"))
    draft = records.petition_from_reception(session, rid)
    assert draft["reception_id"] == rid and draft["category"] == "complaint"
    assert draft["petitioners"][0]["name"]
    pid = records.save(session, draft)
    assert records.get(session, "petition", pid)["reception_id"] == rid


def test_a_text_filter_gives_the_same_page_whichever_way_it_is_read(session, monkeypatch):
    """A page with a text filter is read by walking the list's order (a common word) or by fetching the matches
    first (a rare one): the choice is the program's (SQLite cannot count full-text matches), so both ways must
    give exactly the same rows, in the same order, at any offset and sort."""
    import json

    from app.io.readers import read_ndjson
    from app.services.demo_data import generate
    from app.services.records import apply_records
    from app.storage import listing as store

    lines = [json.dumps(r, ensure_ascii=False) for r in generate(400, seed=5, today=session.clock.today())]
    res = apply_records(session, read_ndjson("\n".join(lines)).items)
    assert not res.errors
    for entity in ("reception", "petition"):  # deleted records are in the tables and the index, never in a list
        for row in listing.page(session, entity, limit=400)[::9]:
            records.delete(session, entity, row["id"])
    chosen = []
    real = store._walk_for_matches

    def watched(*a):
        chosen.append(real(*a))
        return chosen[-1]

    monkeypatch.setattr(store, "_walk_for_matches", watched)
    for text in ("nguyen", "dat dai", "khieu nai", "dang van duc", "123/QĐ-UBND", "xom"):
        for entity, sort in (("reception", "date"), ("petition", "person"), ("reception", "case_no")):
            for offset in (0, 7):
                pages = []
                for steps in (10 ** 9, 1):  # walk whenever one match exists; fetch unless the table matches
                    monkeypatch.setattr(store, "WALK_STEPS_PER_FETCH", steps)
                    pages.append([r["id"] for r in listing.page(session, entity, text=text, sort=sort,
                                                                 offset=offset, limit=20)])
                assert pages[0] == pages[1], (text, entity, sort, offset)
                if text in ("nguyen", "xom") and entity == "reception" and offset == 0:
                    assert len(pages[0]) == 20  # common words fill the page
    assert True in chosen and False in chosen  # both ways were taken


def test_dialogues_sort_by_their_commitments_deadline_with_none_last(session):
    """"Hạn thực hiện" sorts (the dashboard's link opens it so): earliest first, a dialogue without a deadline last
    in either direction."""
    from tests.app.conftest import dialogue

    records.save(session, dialogue(held_on="2026-11-01", commitments="A"))
    records.save(session, dialogue(held_on="2026-11-02", commitments="B", commitments_due="2027-01-31"))
    records.save(session, dialogue(held_on="2026-09-03", commitments="C", commitments_due="2026-10-31"))
    up = [r["commitments"] for r in listing.page(session, "dialogue", sort="due", descending=False)]
    down = [r["commitments"] for r in listing.page(session, "dialogue", sort="due", descending=True)]
    assert up == ["C", "B", "A"] and down == ["B", "C", "A"]
