"""Property tests: whatever a file holds, reading and importing it ends in a result or a clean refusal."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.errors import DanvanError
from app.io.readers import read_json, read_ndjson
from app.services.records import apply_records

_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.text(max_size=30),
                     st.sampled_from(["2026-03-02", "2026-13-40", "02/03/2026", "001089012345", "+84912345678",
                                      "reception", "petition", "model", "dialogue", "meta", "[Bảo mật]"]))
_keys = st.sampled_from(["type", "id", "received_at", "received_on", "host_name", "content", "category", "citizen",
                         "petitioners", "representatives", "group_size", "status", "year", "name", "kind", "field",
                         "owner", "held_on", "chair", "topics", "extensions", "duplicate_of", "format", "x"])
_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                         st.dictionaries(_keys, inner, max_size=5)), max_leaves=12)
_records = st.dictionaries(_keys, _values, max_size=10)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(_records.map(lambda r: json.dumps(r, ensure_ascii=False)), st.text(max_size=40)),
                max_size=6))
def test_any_ndjson_is_read_and_applied_without_crashing(session, lines):
    """Random lines (records of any shape, or garbage) give errors with line numbers, never an exception."""
    res = read_ndjson("\n".join(lines))
    for e in res.errors:
        assert isinstance(e["line"], int) and e["line"] >= 1
    try:
        out = apply_records(session, res.items, dry_run=True)
    except DanvanError:
        return  # a clean refusal (e.g. permission for a closing status) is fine
    for e in out.errors:
        assert {"line", "field", "message"} <= set(e) and e["message"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_as_a_json_file_is_a_clean_result(text):
    """Any text given as a .json file is read into records or line-numbered errors."""
    res = read_json(text)
    assert all(isinstance(e["line"], int) for e in res.errors)
