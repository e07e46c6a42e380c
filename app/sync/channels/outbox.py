"""A persistent upload queue: a bundle waits here until the network (or the server) lets it go.

State is one small JSON file beside the database (written atomically), and the queue keeps its own verified copy
of each file in a spool folder beside it, so deleting or moving the exported file does not lose the upload.
`run_once(now)` tries the items that are due; a failure schedules a retry with exponential back-off (1 min, 2, 4 …
capped at 1 h) and keeps the file; a success removes the item and its spool copy. The clock is a parameter, so
tests never sleep. The queue does not know how files are sent: it is given a `send(path)` callable (e.g. a
WebDAV `upload`) that raises a DanvanError on failure.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

from app.errors import DanvanError
from app.io.writers import atomic_path
from app.sync.channels import SourceMissing, UploadNetworkError, sha256_file
from app.sync.channels.removable import copy_verified

FIRST_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=1)
STATE_VERSION = 1


def retry_delay(attempts: int) -> timedelta:
    """Wait after the `attempts`-th failure in a row: 1 min, 2, 4, 8 … never more than an hour."""
    return min(FIRST_DELAY * (2 ** max(attempts - 1, 0)), MAX_DELAY)


def _utc(dt: datetime) -> datetime:
    return dt.replace(tzinfo=timezone.utc) if dt.tzinfo is None else dt.astimezone(timezone.utc)


def _iso(dt: datetime) -> str:
    return _utc(dt).isoformat(timespec="seconds")


@dataclass
class OutboxItem:
    id: str
    name: str  # the file's name on the far side
    spool: str  # file name inside the spool folder
    sha256: str
    size: int
    enqueued_at: str  # ISO, UTC
    next_try: str  # ISO, UTC: not tried before this
    attempts: int = 0  # failures in a row
    last_error: str | None = None  # message key of the last failure (e.g. "sync.upload.auth")
    last_error_text: str | None = None  # that failure as an officer reads it (Vietnamese)
    last_error_retryable: bool = True

    @property
    def next_try_at(self) -> datetime:
        return datetime.fromisoformat(self.next_try)


@dataclass
class RunReport:
    sent: list[OutboxItem] = field(default_factory=list)
    failed: list[OutboxItem] = field(default_factory=list)  # still queued, with their new next_try
    waiting: list[OutboxItem] = field(default_factory=list)  # not yet due


class Outbox:
    """The queue in `state_path` (e.g. <db folder>/outbox.json) with spool copies in `<state_path stem>/`."""

    def __init__(self, state_path: Path, send: Callable[[Path, str], Any], *,
                 clock: Callable[[], datetime] | None = None):
        """`send(spool_path, name)` delivers one file under `name` or raises a DanvanError."""
        self.state_path = Path(state_path)
        self.spool_dir = self.state_path.with_name(self.state_path.stem + "-files")
        self._send = send
        self._clock = clock or (lambda: datetime.now(timezone.utc))

    # state -----------------------------------------------------------------------------------------------------
    def items(self) -> list[OutboxItem]:
        """The queued items, oldest first. A missing state file is an empty queue."""
        try:
            raw = json.loads(self.state_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        return [OutboxItem(**it) for it in raw.get("items", [])]

    def _save(self, items: list[OutboxItem]) -> None:
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        data = {"version": STATE_VERSION, "items": [asdict(it) for it in items]}
        with atomic_path(self.state_path) as tmp:
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

    # operations ------------------------------------------------------------------------------------------------
    def enqueue(self, path: Path, *, name: str | None = None, now: datetime | None = None) -> OutboxItem:
        """Queue a verified copy of `path`, due at once. The same content queued again under the same name
        returns the item already there (no second upload)."""
        path = Path(path)
        name = name or path.name
        try:
            digest = sha256_file(path)
        except FileNotFoundError:
            raise SourceMissing(path) from None
        items = self.items()
        for it in items:
            if it.sha256 == digest and it.name == name:
                return it
        self.spool_dir.mkdir(parents=True, exist_ok=True)
        item_id = uuid.uuid4().hex
        spool_name = f"{item_id}{path.suffix}"
        copy_verified(path, self.spool_dir, name=spool_name)
        at = _iso(now or self._clock())
        item = OutboxItem(item_id, name, spool_name, digest, path.stat().st_size, at, at)
        self._save([*items, item])
        return item

    def remove(self, item_id: str) -> bool:
        """Drop an item and its spool copy (an officer gave up on it). True when it was there."""
        items = self.items()
        keep = [it for it in items if it.id != item_id]
        gone = [it for it in items if it.id == item_id]
        if not gone:
            return False
        self._save(keep)
        (self.spool_dir / gone[0].spool).unlink(missing_ok=True)
        return True

    def run_once(self, now: datetime | None = None) -> RunReport:
        """Try every item due at `now`, oldest first. State is saved after each item, so a crash mid-run loses
        nothing and re-sends at most the one file in flight. After a network failure the run stops: the other
        items would only wait for the same timeout (they stay due and go on the next run)."""
        now = _utc(now or self._clock())
        report = RunReport()
        items = self.items()
        for it in list(items):
            if it.next_try_at > now:
                report.waiting.append(it)
                continue
            spool = self.spool_dir / it.spool
            try:
                if not spool.exists():
                    raise SourceMissing(spool)
                self._send(spool, it.name)
            except DanvanError as exc:
                it.attempts += 1
                it.next_try = _iso(now + retry_delay(it.attempts))
                it.last_error = exc.key
                it.last_error_text = exc.message("vi")
                it.last_error_retryable = bool(getattr(exc, "retryable", True))
                self._save(items)
                report.failed.append(it)
                if isinstance(exc, UploadNetworkError):
                    break
                continue
            items.remove(it)
            self._save(items)
            spool.unlink(missing_ok=True)
            report.sent.append(it)
        return report

    def cleanup_spool(self) -> list[str]:
        """Remove spool files no item refers to (a crash between copy and save leaves one); return their names."""
        known = {it.spool for it in self.items()}
        stray = [p.name for p in self.spool_dir.glob("*") if p.name not in known] if self.spool_dir.is_dir() else []
        for n in stray:
            os.unlink(self.spool_dir / n)
        return stray

    def next_due(self) -> datetime | None:
        """When the earliest item is due (for a timer), or None when the queue is empty."""
        items = self.items()
        return min((it.next_try_at for it in items), default=None)

