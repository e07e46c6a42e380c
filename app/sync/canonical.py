"""Canonical JSON: the exact bytes that are signed and hashed.

Keys sorted, UTF-8 (not \\u escapes), no spaces, no NaN/Infinity, no floats (their text differs between
languages, so a district script in another language could not reproduce the bytes). A reader refuses bytes that
are not already canonical, so what was checked is exactly what is used — no second reading of the same bytes.
"""

from __future__ import annotations

import json


class NotCanonical(ValueError):
    """The bytes are not canonical JSON (bad UTF-8, bad JSON, a float, duplicate keys, other spacing or order)."""


def _check_value(value) -> None:
    if isinstance(value, float):
        raise NotCanonical("floats are not allowed in signed JSON")
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                raise NotCanonical("object keys must be text")
            _check_value(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _check_value(v)
    elif not (value is None or isinstance(value, (str, int, bool))):
        raise NotCanonical(f"{type(value).__name__} is not a JSON value")


def canonical_bytes(value) -> bytes:
    """The canonical UTF-8 encoding of `value` (dicts, lists, text, integers, booleans, None)."""
    _check_value(value)
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def _no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise NotCanonical("duplicate key")
    return dict(pairs)


def parse_canonical(data: bytes):
    """Parse `data`, refusing anything that does not re-encode to exactly the same bytes."""
    try:
        value = json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates,
                           parse_float=_refuse_float, parse_constant=_refuse_float)
    except NotCanonical:
        raise
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise NotCanonical(str(exc)) from None
    if canonical_bytes(value) != data:
        raise NotCanonical("not in canonical form")
    return value


def _refuse_float(text):
    raise NotCanonical(f"number {text!r} is not an integer")
