"""Record ids: UUIDv7 (time-ordered, so the indexes on `id` stay compact).

The `uuid6` package is imported on first use, not at start-up: it reads its own version from the installed
package metadata when imported (importlib.metadata, ~35 ms) — paid once on the first save instead of before the
window appears.
"""

from __future__ import annotations


def new_id() -> str:
    from uuid6 import uuid7

    return str(uuid7())


def derived_id(key: str, when_ms: int) -> str:
    """A UUIDv7 made from `key` instead of chance: the same key gives the same id. `when_ms` (milliseconds since
    1970) fills the time field, so derived ids sort by their record's date like the others."""
    import hashlib
    import uuid

    h = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:10], "big")  # 80 bits; 74 are used
    value = (max(0, when_ms) & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version 7
    value |= ((h >> 62) & 0xFFF) << 64  # rand_a: 12 bits
    value |= 0b10 << 62  # RFC 9562 variant
    value |= h & ((1 << 62) - 1)  # rand_b: 62 bits
    return str(uuid.UUID(int=value))
