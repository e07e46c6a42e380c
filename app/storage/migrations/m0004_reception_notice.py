"""A reception's reply to the citizen (Reception Law Art. 28; BRIEF "After reception": a notification task with a
due date): the day the citizen was told the handling, and the stored due date of that notice, which lists, `stats`
and the dashboard count overdue receptions by — as petitions' due_on.

Existing receptions get their due dates at the first log-in after the upgrade (app.services.deadlines: the
schema's version is part of what stored due dates were computed under).
"""

SQL = r"""
ALTER TABLE receptions ADD COLUMN "notified_on" TEXT;
ALTER TABLE receptions ADD COLUMN due_on TEXT;
CREATE INDEX receptions_due ON receptions(due_on) WHERE due_on IS NOT NULL;
"""


def apply(db) -> None:
    db.executescript(SQL)
