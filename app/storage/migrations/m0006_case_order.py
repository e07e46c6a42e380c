"""Lists sorted by case number ("Số hồ sơ", `{unit_code}-{year}-{n}`) in its natural order: by year, then unit
(an upper level holds many communes' records), then the running number as a number — "-2027-8" before
"-2027-76", "-2025-100" after "-2025-2" — where sorting the text put "-99" above "-147".

An index on expressions of case_no per table serves that order for a 200,000-record list without sorting it
(app.storage.listing.page uses GROUP and KEY below, which must stay the very expressions indexed here, or SQLite
sorts the whole table again):

* GROUP: 0 a well-formed number, 1 one that is not (an Excel book's "12/2024", "00004-2027-5a"), 2 none. It is
  sorted ascending either way, so the well-formed numbers come first in both directions and records without a
  number last. The descending list is sorted within each group from this index (a second index, GROUP DESC, would
  walk it too, but every index costs the import ~4.5 % — step 1's import stays within 10× a bare insert — and
  a commune's few thousand numbers sort in milliseconds; a province's 600,000 in a few tenths of a second).
* KEY: a well-formed number as "{year}-{unit}-{digits of n}{n without leading zeros}" (the digit count as three
  digits, so "8" < "76" < "147" as text and no number is too long for an integer); any other as it is.

Index only (not shipped before 2026-12-07's last session, when its second index was dropped): no column,
nothing in the exchange format or the bundles. The index is built here from the rows already stored.
"""

CHANGES_RECORDS = False  # bundles of this version still declare schema 5 (migrations.EXCHANGE_SCHEMA_VERSION)

_WELL_FORMED = ("{c} GLOB '[0-9]*-[0-9][0-9][0-9][0-9]-[0-9]*' AND NOT {c} GLOB '*[^0-9-]*' "
                "AND length({c}) - length(replace({c}, '-', '')) = 2")
_N = "ltrim(substr({c}, instr({c}, '-') + 6), '0')"

# `{c}`: the case_no column (qualified in a query, bare in the index).
GROUP = f"(CASE WHEN coalesce({{c}}, '') = '' THEN 2 WHEN {_WELL_FORMED} THEN 0 ELSE 1 END)"
KEY = (f"(CASE WHEN {_WELL_FORMED} THEN substr({{c}}, instr({{c}}, '-') + 1, 4) || '-' || "
       f"substr({{c}}, 1, instr({{c}}, '-') - 1) || '-' || printf('%03d', length({_N})) || {_N} ELSE {{c}} END)")


_GROUP, _KEY = GROUP.format(c="case_no"), KEY.format(c="case_no")
SQL = "".join(f"CREATE INDEX {table}_case_order ON {table}(deleted, {_GROUP}, {_KEY});\n"
              for table in ("receptions", "petitions"))


def apply(db) -> None:
    db.executescript(SQL)
