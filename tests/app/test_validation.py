"""Validation and normalisation of one exchange-format record (app.domain.validation.validate)."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from app.domain.validation import validate
from tests.app.conftest import citizen, dialogue, model, petition, reception

TODAY = date(2026, 11, 23)


def check(raw: dict):
    return validate(raw, TODAY)


# -- the factories themselves are valid --------------------------------------------------------------------

@pytest.mark.parametrize("factory", [reception, petition, model, dialogue])
def test_minimal_records_are_valid(factory):
    """A record with every required field of its type passes with no issue at all."""
    res = check(factory())
    assert res.ok, res.messages()
    assert res.issues == []
    assert res.record["type"] == factory()["type"]


# -- required fields per type ------------------------------------------------------------------------------

@pytest.mark.parametrize("factory, fields", [
    (reception, ["received_at", "host_name", "content"]),
    (petition, ["received_on", "category", "content"]),
    (model, ["year", "name", "kind", "field", "owner"]),
    (dialogue, ["held_on", "chair", "topics"]),
])
def test_required_fields_per_type(factory, fields):
    """Each required field of the exchange format is reported by name when missing."""
    raw = factory(**{f: None for f in fields})
    res = check(raw)
    assert not res.ok
    msgs = res.messages()
    for f in fields:
        assert msgs.get(f) == "bắt buộc phải có", (f, msgs)


def test_required_field_blank_string_counts_as_missing():
    """An empty string is no value: a blank host_name is reported as required."""
    res = check(reception(host_name=""))
    assert res.messages() == {"host_name": "bắt buộc phải có"}


def test_reception_needs_a_citizen():
    """A single-person reception without a citizen is refused."""
    res = check(reception(citizen=None))
    assert "citizen" in res.messages()


def test_citizen_needs_a_name():
    """A citizen object without a name is refused at citizen.name."""
    res = check(reception(citizen={"id_number": "001234567890"}))
    assert res.messages() == {"citizen.name": "bắt buộc phải có"}


def test_unknown_record_type_refused():
    """A type other than reception/petition/model/dialogue is an error on `type`."""
    res = check({"type": "visit", "content": "x"})
    assert not res.ok
    assert list(res.messages()) == ["type"]
    assert check({"content": "x"}).messages().keys() == {"type"}


def test_defaults_applied():
    """group_size defaults to 1, anonymous to false, a petition's status to received, a model's to registered."""
    assert check(reception()).record["group_size"] == 1
    p = check(petition(status=None)).record
    assert (p["anonymous"], p["status"]) == (False, "received")
    assert check(model()).record["status"] == "registered"


# -- unknown keys ------------------------------------------------------------------------------------------

def test_unknown_top_level_key_refused():
    """Unknown keys are an error, not silently dropped."""
    res = check(reception(visitor_count=3))
    assert not res.ok
    assert "visitor_count" in res.messages()
    assert "visitor_count" not in res.record


def test_unknown_citizen_key_refused():
    """An unknown key inside a person is named with its path."""
    res = check(petition(petitioners=[citizen(email="a@b.vn")]))
    assert "petitioners[1].email" in res.messages()


def test_unknown_extension_key_refused():
    """An unknown key in an extension is named with its path."""
    res = check(petition(extensions=[{"days": 10, "by": "x"}]))
    assert "extensions[1].by" in res.messages()


# -- enumerations ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("factory, field, bad", [
    (reception, "mode", "weekly"),
    (reception, "channel", "phone"),
    (reception, "category", "Khiếu nại"),  # labels are for CSV/XLSX cells; JSON carries the key
    (reception, "direction", "file"),  # "file" is a petition direction only
    (reception, "host_role", "mayor"),
    (petition, "status", "done"),
    (petition, "source", "email"),
    (petition, "outcome", "ok"),
    (model, "kind", "team"),
    (model, "field", "sport"),
])
def test_enum_values_refused(factory, field, bad):
    """A value outside an enumeration is refused, and the message lists the allowed keys."""
    res = check(factory(**{field: bad}))
    msg = res.messages().get(field)
    assert msg is not None and "không hợp lệ" in msg


def test_enum_in_citizen_refused():
    """id_type is an enumeration too."""
    res = check(reception(citizen=citizen(id_type="driving_licence")))
    assert "citizen.id_type" in res.messages()


def test_enum_value_with_spaces_is_trimmed():
    """Surrounding spaces around an enumeration key are tolerated."""
    res = check(petition(status=" in_progress "))
    assert res.ok and res.record["status"] == "in_progress"


def test_petition_direction_file_allowed():
    """'file' (lưu đơn) is a valid petition direction."""
    assert check(petition(direction="file")).ok


# -- dates and times ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["23/11/2026", "2026/11/20", "20261120", "yesterday", "2026-2-3"])
def test_bad_date_formats(value):
    """Dates must be valid YYYY-MM-DD (one in that shape that does not exist is said otherwise, below)."""
    res = check(petition(received_on=value))
    assert "YYYY-MM-DD" in res.messages().get("received_on", "")


@pytest.mark.parametrize("value, stored", [
    ("2026-11-20T08:30", "2026-11-20T08:30"),
    ("2026-11-20 08:30", "2026-11-20T08:30"),
    ("2026-11-20T08:30:59", "2026-11-20T08:30"),
    ("2026-11-20", "2026-11-20T00:00"),
])
def test_datetime_forms_accepted(value, stored):
    """Times are stored as YYYY-MM-DDTHH:MM (a space or seconds are tolerated; a bare date is midnight)."""
    res = check(reception(received_at=value))
    assert res.ok, res.messages()
    assert res.record["received_at"] == stored


@pytest.mark.parametrize("value", ["2026-11-20T24:00", "2026-11-20T08:60", "20/11/2026 08:30", "08:30"])
def test_bad_datetimes(value):
    """Impossible or non-ISO times are refused."""
    assert "received_at" in check(reception(received_at=value)).messages()


def test_no_future_dates():
    """A date after today (the injected clock) is refused; today itself is fine."""
    assert "tương lai" in check(petition(received_on="2026-11-24")).messages()["received_on"]
    assert check(petition(received_on="2026-11-23")).ok
    assert "received_at" in check(reception(received_at="2026-12-01T08:00")).messages()
    assert "held_on" in check(dialogue(held_on="2027-01-01")).messages()
    assert "accepted_on" in check(petition(accepted_on="2026-11-25")).messages()


def test_no_future_dates_follows_the_injected_day():
    """The same date is valid or future depending on `today` — the rule is testable on any day."""
    raw = petition(received_on="2026-11-24")
    assert not validate(raw, TODAY).ok
    assert validate(raw, date(2026, 11, 24)).ok


def test_a_time_later_today_is_refused_when_the_clock_is_given():
    """With the clock's time (a form, a file on this machine), a reception at 16:00 when it is 10:00 is refused as
    not come yet; a few minutes ahead (a laptop's clock, rounding up) and earlier times pass; without the time (a
    bundle, sent by another clock) only the day counts."""
    from datetime import datetime

    now = datetime(2026, 11, 23, 10, 0)
    late = reception(received_at="2026-11-23T16:00")
    msg = validate(late, TODAY, now).messages()["received_at"]
    assert "16:00" in msg and "10:00" in msg and "chưa đến" in msg
    assert validate(late, TODAY, now).issues[0].message("en").startswith("16:00 today has not come yet")
    assert validate(reception(received_at="2026-11-23T10:15"), TODAY, now).ok
    assert not validate(reception(received_at="2026-11-23T10:16"), TODAY, now).ok
    assert validate(reception(received_at="2026-11-22T16:00"), TODAY, now).ok
    assert validate(late, TODAY).ok


@pytest.mark.parametrize("field,raw", [("received_on", petition(received_on="1900-01-01")),
                                       ("received_at", reception(received_at="1926-11-05T08:00")),
                                       ("held_on", dialogue(held_on="0026-11-05"))])
def test_a_date_before_1990_is_a_mistyped_year(field, raw):
    """01/01/1900 (an empty date box of old) or a year typed short is refused with the year named; 1990 passes."""
    msg = check(raw).messages()[field]
    assert "trước 01/01/1990" in msg and "năm" in msg
    assert check(petition(received_on="1990-01-01")).ok


def test_future_date_inside_extension_refused():
    """Nested dates obey the no-future rule too."""
    res = check(petition(extensions=[{"days": 10, "decided_on": "2026-12-01"}]))
    assert "extensions[1].decided_on" in res.messages()


def test_accepted_on_not_before_received_on():
    """accepted_on ≥ received_on; the same day is fine."""
    assert "accepted_on" in check(petition(received_on="2026-11-16", accepted_on="2026-11-15")).messages()
    assert check(petition(received_on="2026-11-16", accepted_on="2026-11-16")).ok


@pytest.mark.parametrize("field", ["notified_on", "resolved_on", "answered_on"])
def test_later_steps_not_before_received_on(field):
    """Notification, resolution and answer cannot precede the date received."""
    assert field in check(petition(received_on="2026-11-16", **{field: "2026-11-01"})).messages()


def test_extension_not_decided_before_received_on():
    """An extension decided before the petition arrived is refused like the other dates."""
    res = check(petition(received_on="2026-11-16", extensions=[{"days": 10, "decided_on": "2026-11-01"}]))
    assert "extensions[1].decided_on" in res.messages()
    assert check(petition(received_on="2026-11-16", extensions=[{"days": 10, "decided_on": "2026-11-16"}])).ok


def test_resolved_not_before_accepted():
    """resolved_on ≥ accepted_on."""
    res = check(petition(received_on="2026-10-01", accepted_on="2026-10-10", resolved_on="2026-10-05"))
    assert "resolved_on" in res.messages()


# -- ID numbers --------------------------------------------------------------------------------------------

def test_id_number_12_digits_ok():
    """A 12-digit ID number is accepted as a CCCD."""
    res = check(reception(citizen=citizen(id_number="001234567890")))
    assert res.ok and res.record["citizen"]["id_type"] == "cccd"


def test_id_number_11_digits_error_message():
    """An 11-digit number is an error with the exact contract message."""
    res = check(reception(citizen=citizen(id_number="00123456789")))
    assert res.messages() == {"citizen.id_number": "số định danh phải có 12 chữ số"}
    assert res.messages("en") == {"citizen.id_number": "an ID number must have 12 digits"}


@pytest.mark.parametrize("number", ["0012345678901", "12345", "00123456789A", "００１２３４５６７８９０"])
def test_id_number_other_lengths_and_non_digits_refused(number):
    """Only 12 (or legacy 9) ASCII digits are ID numbers."""
    assert "citizen.id_number" in check(reception(citizen=citizen(id_number=number))).messages()


def test_legacy_9_digit_id_is_a_warning_only():
    """A 9-digit CMND is accepted with a warning and typed cmnd."""
    res = check(reception(citizen=citizen(id_number="123456789")))
    assert res.ok
    assert list(res.messages(severity="warning")) == ["citizen.id_number"]
    assert res.record["citizen"]["id_type"] == "cmnd"


def test_id_number_separators_removed():
    """Spaces, dots and dashes inside an ID number are dropped; leading zeros kept."""
    res = check(reception(citizen=citizen(id_number=" 001 234.567-890 ")))
    assert res.ok and res.record["citizen"]["id_number"] == "001234567890"


def test_id_number_in_petitioner_list_named_by_position():
    """Errors inside lists are named like petitioners[2].id_number (1 = first)."""
    res = check(petition(petitioners=[citizen(), citizen("Phạm Văn C", "1234567")]))
    assert list(res.messages()) == ["petitioners[2].id_number"]


def test_passport_number_rules():
    """A passport number is 6–12 letters and digits, not a 12-digit CCCD rule."""
    assert check(reception(citizen=citizen(id_type="passport", id_number="C1234567"))).ok
    assert "citizen.id_number" in check(reception(citizen=citizen(id_type="passport", id_number="A1"))).messages()


# -- phone numbers -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, norm", [
    ("+84912345678", "0912345678"),
    ("+84 912 345 678", "0912345678"),
    ("84912345678", "0912345678"),
    ("0084912345678", "0912345678"),
    ("0912 345 678", "0912345678"),
    ("0912.345.678", "0912345678"),
    ("0912-345-678", "0912345678"),
    ("0912345678", "0912345678"),
    ("02438251234", "02438251234"),  # an 11-digit Hà Nội landline stays as it is
])
def test_phone_normalised(raw, norm):
    """Phones: +84 / 84 → 0, spaces, dots and dashes removed, no warning."""
    res = check(reception(citizen=citizen(phone=raw)))
    assert res.ok, res.messages()
    assert res.record["citizen"]["phone"] == norm
    assert res.warnings == []


@pytest.mark.parametrize("raw, norm", [
    ("01691234567", "0391234567"),
    ("0169 123 4567", "0391234567"),
    ("+841691234567", "0391234567"),
    ("01201234567", "0701234567"),
])
def test_old_11_digit_mobile_converted_with_warning(raw, norm):
    """Pre-2018 11-digit mobiles get their new prefix, with a warning naming both numbers."""
    res = check(reception(citizen=citizen(phone=raw)))
    assert res.ok
    assert res.record["citizen"]["phone"] == norm
    warn = res.messages(severity="warning")["citizen.phone"]
    assert norm in warn


@pytest.mark.parametrize("raw", ["12345", "09123", "hotline", "091234567890"])
def test_bad_phone_refused(raw):
    """Something that is not a phone number is an error."""
    assert "citizen.phone" in check(reception(citizen=citizen(phone=raw))).messages()


# -- text ----------------------------------------------------------------------------------------------------

def test_nfd_input_is_nfc_normalised():
    """Decomposed (NFD) text, as pasted from macOS or some web forms, is stored NFC."""
    name = unicodedata.normalize("NFD", "Nguyễn Thị Hường")
    content = unicodedata.normalize("NFD", "Khiếu nại về việc bồi thường đất ở")
    assert name != unicodedata.normalize("NFC", name)
    res = check(reception(citizen=citizen(name=name), content=content))
    assert res.ok
    assert res.record["citizen"]["name"] == "Nguyễn Thị Hường"
    assert res.record["content"] == unicodedata.normalize("NFC", content)
    assert unicodedata.is_normalized("NFC", res.record["content"])


def test_single_line_fields_collapse_whitespace():
    """Names and other one-line fields lose repeated spaces and line breaks; free text keeps its lines."""
    res = check(reception(citizen=citizen(name="  Trần   Thị\nBình "), content="Dòng 1\nDòng 2"))
    assert res.record["citizen"]["name"] == "Trần Thị Bình"
    assert "\n" in res.record["content"]


def test_text_too_long_refused():
    """Free text is capped at 20,000 characters."""
    assert "content" in check(reception(content="a" * 20_001)).messages()


# -- receptions: groups and no-shows ---------------------------------------------------------------------------

def test_group_reception_with_representatives_and_no_citizen():
    """group_size > 1 with representatives needs no citizen."""
    res = check(reception(citizen=None, group_size=12,
                          representatives=[citizen("Đại diện Một"), citizen("Đại diện Hai", None)]))
    assert res.ok, res.messages()
    assert res.record["group_size"] == 12
    assert len(res.record["representatives"]) == 2


def test_group_without_representatives_needs_a_citizen():
    """A group with no representatives and no citizen is refused."""
    assert "citizen" in check(reception(citizen=None, group_size=12)).messages()


def test_representatives_of_a_single_person_do_not_replace_the_citizen():
    """group_size 1 with representatives still needs a citizen."""
    res = check(reception(citizen=None, group_size=1, representatives=[citizen("A")]))
    assert "citizen" in res.messages()


def test_group_size_below_one_refused():
    """group_size must be at least 1."""
    assert "group_size" in check(reception(group_size=0)).messages()


def test_many_representatives_is_a_warning():
    """More than five representatives is accepted with a warning."""
    reps = [citizen(f"Người {i}", None) for i in range(6)]
    res = check(reception(citizen=None, group_size=40, representatives=reps))
    assert res.ok and "representatives" in res.messages(severity="warning")


def test_no_show_needs_no_citizen_or_content():
    """A scheduled session nobody came to needs neither citizen nor content."""
    res = check(reception(citizen=None, content=None, no_show=True, mode="scheduled"))
    assert res.ok, res.messages()
    assert res.record["no_show"] is True


def test_no_show_still_needs_date_and_host():
    """A no-show still records when and who was at the desk."""
    res = check(reception(citizen=None, content=None, no_show=True, host_name=None, received_at=None))
    assert set(res.messages()) == {"host_name", "received_at"}


@pytest.mark.parametrize("value, expected", [("x", True), ("có", True), ("true", True), (1, True),
                                             ("không", False), ("false", False), (0, False)])
def test_booleans_understand_book_words(value, expected):
    """Booleans accept true/false, 1/0, x, có/không."""
    res = check(reception(no_show=value, citizen=None, content=None) if expected else reception(no_show=value))
    assert res.ok, res.messages()
    assert res.record["no_show"] is expected


def test_bad_boolean_refused():
    """A word that is not yes/no is refused."""
    assert "no_show" in check(reception(no_show="maybe")).messages()


def test_forward_without_body_is_a_warning():
    """Forwarding without naming the receiving body is allowed, with a warning."""
    res = check(reception(direction="forward"))
    assert res.ok and "forwarded_to" in res.messages(severity="warning")


# -- petitions ---------------------------------------------------------------------------------------------------

def test_anonymous_petition_without_petitioners():
    """An anonymous petition may have no petitioners."""
    res = check(petition(petitioners=[], anonymous=True))
    assert res.ok, res.messages()
    assert res.record["anonymous"] is True


def test_named_petition_needs_petitioners():
    """A petition that is not anonymous needs at least one petitioner."""
    assert "petitioners" in check(petition(petitioners=[])).messages()
    assert "petitioners" in check(petition(petitioners=None)).messages()


def test_round_is_1_or_2():
    """A complaint's round is 1 or 2."""
    assert check(petition(round=2)).ok
    assert "round" in check(petition(round=3)).messages()


def test_at_most_two_extensions():
    """A third extension is refused."""
    ext = {"days": 30, "reason": "phức tạp", "decided_on": "2026-11-20"}
    assert check(petition(extensions=[ext, ext])).ok
    assert "extensions" in check(petition(extensions=[ext, ext, ext])).messages()


def test_extension_needs_days():
    """Each extension needs its number of days."""
    assert "extensions[1].days" in check(petition(extensions=[{"reason": "x"}])).messages()


def test_petition_cannot_duplicate_itself():
    """duplicate_of must not be the record's own id."""
    pid = "01935c8e-7b6a-7cc1-8a43-3b1a5f0e2d11"
    assert "duplicate_of" in check(petition(id=pid, duplicate_of=pid)).messages()


def test_bad_uuid_refused():
    """id, duplicate_of and reception_id must be UUIDs."""
    assert "id" in check(petition(id="PET-1")).messages()
    assert "reception_id" in check(petition(reception_id="12")).messages()


def test_any_uuid_accepted_as_id():
    """Any UUID is accepted as a record id (not only v7), normalised to lower case."""
    res = check(petition(id="6F9619FF-8B86-D011-B42D-00C04FC964FF"))
    assert res.ok and res.record["id"] == "6f9619ff-8b86-d011-b42d-00c04fc964ff"


def test_ineligible_without_reason_is_a_warning():
    """eligible=false without a reason is accepted with a warning."""
    res = check(petition(eligible=False))
    assert res.ok and "ineligible_reason" in res.messages(severity="warning")


# -- models and dialogues ------------------------------------------------------------------------------------------

def test_model_year_range():
    """A model's year is between 2000 and next year."""
    assert check(model(year=2027)).ok
    assert "year" in check(model(year=2028)).messages()
    assert "year" in check(model(year=1999)).messages()


def test_a_models_recognition_is_checked_with_warnings():
    """The report counts what is entered: a recognition without its decision, dated before the model's year, or
    recorded under another status is pointed out (a warning — a model carried on from last year may keep last
    year's recognition, an old list may lack the decision)."""
    warn = (lambda **kw: check(model(**kw)).messages(severity="warning"))
    assert "decision_no" in warn(status="recognized")
    assert not warn(status="recognized", decision_no="12/QĐ-UBND")
    assert not warn(status="recognized", recognized_on="2026-10-05")
    assert "năm đăng ký 2026" in warn(status="recognized", decision_no="1/QĐ", recognized_on="2024-05-01")[
        "recognized_on"]
    assert "Đã đăng ký" in warn(status="registered", decision_no="12/QĐ-UBND")["status"]
    assert "Implementing" in check(model(status="implementing", recognized_on="2026-05-01")).messages(
        "en", "warning")["status"]
    assert not warn(status="rejected", decision_no="13/QĐ-UBND")  # a refusal has its decision too
    assert check(model(status="recognized")).ok  # never refused


def test_a_dialogues_commitments_may_be_due_ahead_of_today_but_not_before_the_dialogue():
    """The one date of the exchange format that may lie ahead: by when the commitments are to be done (BRIEF:
    commitments, deadlines, follow-up) — not before the dialogue, not a year typed wrong."""
    assert check(dialogue(commitments="Lắp đèn", commitments_due="2027-03-31")).record["commitments_due"] == \
        "2027-03-31"
    assert "commitments_due" in check(dialogue(commitments="Lắp đèn", commitments_due="2026-10-01")).messages()
    assert "commitments_due" in check(dialogue(commitments="Lắp đèn", commitments_due="2207-03-31")).messages()
    assert "commitments_due" in check(dialogue(commitments_due="2026-12-31")).messages(severity="warning")
    assert "held_on" in check(dialogue(held_on="2026-12-31")).messages()  # the dialogue's own day stays past


def test_numbers_as_text_accepted():
    """"45" is a whole number; "bốn mươi" is not."""
    assert check(dialogue(participants="45")).record["participants"] == 45
    assert "participants" in check(dialogue(participants="bốn mươi")).messages()
    assert "participants" in check(dialogue(participants=-1)).messages()


# -- messages --------------------------------------------------------------------------------------------------------

def test_messages_in_english():
    """Result.messages("en") gives the same fields in English."""
    res = check(petition(received_on="2026-13-01", petitioners=[], status="done"))
    vi, en = res.messages(), res.messages("en")
    assert vi.keys() == en.keys() == {"received_on", "petitioners", "status"}
    assert en["petitioners"] == "at least one petitioner is required, or mark the petition anonymous"
    assert "YYYY-MM-DD" in en["received_on"] and en["received_on"].startswith("date")
    assert en["status"].startswith('value "done" is not valid')


@pytest.mark.parametrize("bad_type", [["reception"], {"name": "reception"}])
def test_unhashable_type_is_an_issue_not_an_exception(bad_type):
    """A `type` that is a list or object is reported as a bad type."""
    res = check({"type": bad_type, "content": "x"})
    assert list(res.messages()) == ["type"]


def test_validate_never_raises_on_garbage():
    """Non-dict input or wrong kinds become issues, not exceptions."""
    assert not validate(["not", "a", "record"], TODAY).ok
    res = check(reception(citizen="Trần Thị Bình", representatives={"name": "x"}, group_size="many"))
    assert {"citizen", "representatives", "group_size"} <= set(res.messages())


def test_dates_in_messages_read_dd_mm_yyyy():
    """A message quotes a date the way the screens show it."""
    res = check(petition(received_on="2026-11-10", accepted_on="2026-11-05"))
    assert res.messages()["accepted_on"] == "không được trước ngày nhận đơn 10/11/2026"


def test_a_cccd_has_twelve_digits():
    """Nine digits under "Căn cước / CCCD" is refused (an old CMND has them, with its own type)."""
    bad = check(reception(citizen={"name": "Lê Văn A", "id_type": "cccd", "id_number": "012345678"}))
    assert "citizen.id_number" in bad.messages()
    ok = check(reception(citizen={"name": "Lê Văn A", "id_type": "cmnd", "id_number": "012345678"}))
    assert ok.ok and ok.record["citizen"]["id_type"] == "cmnd"


def test_a_date_that_does_not_exist_is_named_as_such():
    """30/02/2026 is in the right shape: the message says the day does not exist (it said how to write a date)."""
    res = check(petition(received_on="2026-02-30"))
    msg = res.messages()["received_on"]
    assert msg.startswith("ngày 30/02/2026 không có thật (tháng 2/2026 có 28 ngày)")
    res = check(reception(received_at="2026-04-31T08:30"))
    assert "tháng 4/2026 có 30 ngày" in res.messages()["received_at"]
    assert "YYYY-MM-DD" in check(petition(received_on="hôm qua")).messages()["received_on"]


def test_a_petition_accepted_without_its_date_is_pointed_out():
    """Status "Đã thụ lý" with no acceptance date saves (an old book often lacks it) with a warning: the time limit
    for resolving counts from that date and would otherwise never start."""
    r = validate(petition(status="accepted"), TODAY)
    assert r.ok and [w.field for w in r.warnings] == ["accepted_on"]
    assert "chưa có ngày thụ lý" in r.warnings[0].message("vi")
    assert not validate(petition(status="accepted", accepted_on="2026-11-21"), TODAY).warnings
    assert not validate(petition(status="accepted", category="petition"), TODAY).warnings  # no resolution limit


def test_a_future_date_and_a_bad_phone_say_what_to_do():
    """"Ngày 15/01/2027 nằm trong tương lai." and "Số điện thoại "09123" không hợp lệ." named the problem, not the
    rule: the officer reads today's date and what a phone number is."""
    r = validate({"type": "dialogue", "held_on": "2027-01-15", "chair": "An", "topics": "Đường"}, date(2026, 12, 7))
    assert [i.message("vi") for i in r.issues] == [
        "ngày 15/01/2027 nằm trong tương lai — không được sau hôm nay (07/12/2026); kiểm tra lại ngày, tháng, năm "
        "đã gõ"]
    r = validate({"type": "reception", "received_at": "2026-12-01T09:00", "host_name": "An", "content": "Đường",
                  "citizen": {"name": "Bình", "phone": "09123"}}, date(2026, 12, 7))
    assert [i.message("vi") for i in r.issues] == [
        'số điện thoại "09123" không hợp lệ — số di động gồm 10 chữ số bắt đầu bằng 0 (hoặc +84), số cố định 11 '
        "chữ số có mã vùng"]
