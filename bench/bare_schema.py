"""The baselines' schema: the record tables as the migrations leave them, without indexes, triggers, full-text
index, uniqueness or foreign keys — what a bare `executemany` of the same rows writes into."""

from __future__ import annotations

import re


def bare_tables_sql() -> list[str]:
    """CREATE TABLE statements of migration 0001 stripped of constraints, then every column a later migration
    added (ALTER TABLE … ADD COLUMN), so the baseline takes the same rows as the current schema."""
    from app.storage.migrations import MIGRATIONS

    out: list[str] = []
    for i, (_name, module) in enumerate(MIGRATIONS):
        for stmt in getattr(module, "SQL", "").split(";"):
            s = "\n".join(ln for ln in stmt.splitlines() if not ln.strip().startswith("--")).strip()
            if i == 0 and s.startswith("CREATE TABLE") and "_sqlite" not in s:
                s = re.sub(r" REFERENCES \w+\(id\) DEFERRABLE INITIALLY DEFERRED", "", s)
                out.append(s.replace(" UNIQUE", ""))
            elif i > 0 and s.startswith("ALTER TABLE") and " ADD COLUMN " in s:
                out.append(s)
    return out
