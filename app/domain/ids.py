"""Record ids: UUIDv7 (time-ordered, so the indexes on `id` stay compact).

The `uuid6` package is imported on first use, not at start-up: it reads its own version from the installed
package metadata when imported (importlib.metadata, ~35 ms) — paid once on the first save instead of before the
window appears.
"""

from __future__ import annotations


def new_id() -> str:
    from uuid6 import uuid7

    return str(uuid7())
