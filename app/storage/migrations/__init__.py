"""Numbered schema migrations, applied in order at open (sqlite-utils `Migrations`).

Rules: never edit a migration that has shipped; add `m000N_*.py` and register it in MIGRATIONS below.
"""

from __future__ import annotations

from app.storage.migrations import (m0001_initial, m0002_sync, m0003_protect, m0004_reception_notice,
                                    m0005_dialogue_due, m0006_case_order)

MIGRATION_SET = "sodanvan"

# (name, module) in order. The name is recorded in _sqlite_migrations and must never change.
MIGRATIONS = [
    ("0001_initial", m0001_initial),
    ("0002_sync", m0002_sync),
    ("0003_protect", m0003_protect),
    ("0004_reception_notice", m0004_reception_notice),
    ("0005_dialogue_due", m0005_dialogue_due),
    ("0006_case_order", m0006_case_order),
]

SCHEMA_VERSION = len(MIGRATIONS)

# The schema a sync bundle declares (SYNC.md: a receiver refuses a newer one): the last migration that changed
# what records hold. A migration that only adds indexes says `CHANGES_RECORDS = False`, so a province still on
# the version before keeps reading its communes' bundles — they carry nothing it does not know.
EXCHANGE_SCHEMA_VERSION = max(n for n, (_name, module) in enumerate(MIGRATIONS, 1)
                              if getattr(module, "CHANGES_RECORDS", True))


def build():
    """sqlite-utils' Migrations with ours registered (imported here: only a database that needs a migration
    pays for loading sqlite-utils)."""
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, module in MIGRATIONS:
        migrations(name=name)(module.apply)
    return migrations
