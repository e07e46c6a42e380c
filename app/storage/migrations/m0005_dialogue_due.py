"""The day a dialogue's commitments are due (BRIEF: a dialogue's "commitments, deadlines, follow-up"): what was
promised to the people, by when — so the Đối thoại list shows the promises whose day has passed with no result.

A field the exchange format gains (`commitments_due`): bundles of this schema are refused by an upper level of an
older version with "update the application" (the upper level upgrades first, as for schema 4).
"""

SQL = r"""
ALTER TABLE dialogues ADD COLUMN "commitments_due" TEXT;
"""


def apply(db) -> None:
    db.executescript(SQL)
