"""A RowSource over app.services.listing: filters, text search and sort all run in SQL in the core."""

from __future__ import annotations

from dataclasses import replace

from app.services import listing
from app.services.session import Session
from app.storage.listing import Filters


class ListingSource:
    def __init__(self, session: Session, entity: str, filters: Filters | None = None, *, text: str = "",
                 overdue: bool = False, sort: str = "date", descending: bool = True):
        self.session = session
        self.entity = entity
        self.filters = replace(filters) if filters else Filters()
        self.text = text.strip()
        self.overdue = overdue
        self.sort = sort
        self.descending = descending

    def count(self) -> int:
        return self.count_with(self.session)

    def count_with(self, session: Session) -> int:
        """The count on `session` (a worker's own: RecordTableModel.set_source's background count)."""
        return listing.count(session, self.entity, self.filters, text=self.text or None, overdue=self.overdue)

    def fetch(self, offset: int, limit: int) -> list[dict]:
        return listing.page(self.session, self.entity, self.filters, text=self.text or None, overdue=self.overdue,
                            sort=self.sort, descending=self.descending, offset=offset, limit=limit)

    def set_sort(self, key: str, descending: bool) -> None:
        self.sort, self.descending = key, descending
