"""A persistent upload queue: a bundle waits here until the network (or the server) lets it go.

State is one small JSON file beside the database (written atomically), and the queue keeps its own verified copy
of each file in a spool folder beside it, so deleting or moving the exported file does not lose the upload.
`run_once(now)` tries the items that are due; a failure schedules a retry with exponential back-off (1 min, 2, 4 …
capped at 1 h) and keeps the file; a success removes the item and its spool copy. A retry set further ahead than
that hour was set while the clock was ahead: the item is due at once (`due_at`), it does not wait for that date.
The clock is a parameter, so tests never sleep. The queue does not know how files are sent: it is given a
`send(path)` callable (e.g. a WebDAV `upload`) that raises a DanvanError on failure.

Several processes may use one queue (the GUI's timer and a `danvan` command): every read-modify-write of the state
file happens under an exclusive lock file (`<state>.lock`, made with O_CREAT|O_EXCL; a lock left by a crashed
process is broken after STALE_LOCK), so an item enqueued by one is never lost by the other's save; files are
sent outside that lock, and one run at a time (`<state>.run.lock`, not waited for: a second runner skips).
An item whose last failure needs a person (a wrong password, a wrong address) is *blocked*: runs skip it until
`run_once(force=True)` (the officer pressed "send now": every item is tried at once) or `unblock()` (the
settings were fixed).
"""

from __future__ import annotations

import contextlib
import json
import os
import logging
import socket
import threading
import time
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable

from app.errors import Cancelled, DanvanError
from app.io.writers import atomic_path
from app.sync.channels import ChannelError, SourceMissing, UploadError, UploadNetworkError, sha256_file
from app.sync.channels.removable import copy_verified

FIRST_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=1)
STATE_VERSION = 1
LOCK_WAIT = 10.0  # seconds to wait for another process's lock on the state file (it holds it for milliseconds)
STALE_LOCK = 60.0  # a lock file older than this was left by a process that died while holding it
FRESH_SPOOL = 600.0  # cleanup_spool leaves a younger hidden copy alone: an enqueue may be copying it
RUN_STALE = 300.0  # the run lock is touched every RUN_BEAT s while a run goes on: older, its runner died
RUN_BEAT = 60.0

log = logging.getLogger(__name__)


class OutboxBusy(ChannelError):
    """The queue's lock stayed taken (another program is writing the queue)."""

    def __init__(self, path: Path):
        super().__init__("sync.outbox.busy", file=str(path))


class LockFile:
    """An exclusive lock: a file made with O_CREAT|O_EXCL holding who took it. Portable (Windows too), no package.

    A lock whose file is older than `stale` seconds, or (on POSIX, same machine) whose process is gone, was left by
    a crash and is broken: it is first renamed to a unique name, so two processes breaking it at once cannot both
    go on to take it, and one of them cannot remove a lock the other has just made."""

    def __init__(self, path: Path, *, stale: float = STALE_LOCK):
        self.path = Path(path)
        self.stale = stale
        self.token = uuid.uuid4().hex
        self.held = False

    def _owner(self) -> dict | None:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _stale_token(self) -> str | None:
        """The token of the lock now in place when that lock was left by a crash ("" when unreadable), else None."""
        try:
            age = time.time() - self.path.stat().st_mtime
        except FileNotFoundError:
            return None
        owner = self._owner()
        token = (owner or {}).get("token") or ""
        if age > self.stale:
            return token
        if owner is None:  # being written right now, or garbage: only its age can tell
            return None
        if os.name == "posix" and owner.get("host") == socket.gethostname() and isinstance(owner.get("pid"), int):
            try:
                os.kill(owner["pid"], 0)  # signal 0 only asks whether the process exists (POSIX only)
            except ProcessLookupError:
                return token
            except PermissionError:
                return None
        return None

    def _break(self, token: str) -> None:
        aside = self.path.with_name(f"{self.path.name}.stale-{uuid.uuid4().hex[:8]}")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            return
        try:
            taken = json.loads(aside.read_text(encoding="utf-8")).get("token") or ""
        except (OSError, ValueError):
            taken = ""
        if taken != token:  # a live lock made between our look and the rename: put it back
            with contextlib.suppress(OSError):
                os.link(aside, self.path)  # fails if yet another one exists, which is then the live one
        aside.unlink(missing_ok=True)

    def try_acquire(self) -> bool:
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            token = self._stale_token()
            if token is not None:
                self._break(token)
            return False
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"pid": os.getpid(), "host": socket.gethostname(), "token": self.token,
                       "at": datetime.now(timezone.utc).isoformat(timespec="seconds")}, fh)
        self.held = True
        return True

    def acquire(self, timeout: float = LOCK_WAIT) -> None:
        deadline = time.monotonic() + timeout
        delay = 0.005
        while not self.try_acquire():
            if time.monotonic() >= deadline:
                raise OutboxBusy(self.path)
            time.sleep(delay)
            delay = min(delay * 2, 0.1)

    def keep_fresh(self, every: float) -> "contextlib.AbstractContextManager[None]":
        """While the block runs, touch the lock file every `every` seconds, so a long hold (an upload on a slow
        line) is never taken for a crash's leftover by another process."""
        return _Heartbeat(self.path, every)

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        owner = self._owner()
        if owner is None or owner.get("token") == self.token:  # never remove a lock someone else took over
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> "LockFile":
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()


class _Heartbeat:
    def __init__(self, path: Path, every: float):
        self.path, self.every = path, every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, daemon=True)

    def _beat(self) -> None:
        while not self._stop.wait(self.every):
            with contextlib.suppress(OSError):
                os.utime(self.path)

    def __enter__(self) -> None:
        self._thread.start()

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def retry_delay(attempts: int) -> timedelta:
    """Wait after the `attempts`-th failure in a row: 1 min, 2, 4, 8 … never more than an hour."""
    return min(FIRST_DELAY * (2 ** max(attempts - 1, 0)), MAX_DELAY)


def due_at(item: "OutboxItem", now: datetime) -> datetime:
    """When `item` may be tried, seen at `now`: its next_try, or now when that is further ahead than the longest
    back-off — it was set while the clock was ahead (then put right), and would wait for that wrong date."""
    now = _utc(now)
    at = _utc(item.next_try_at)
    return now if at > now + MAX_DELAY else at


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
    last_error_text_en: str | None = None  # the same in English (None in queues written before it was kept)
    last_error_retryable: bool = True
    last_try: str | None = None  # ISO, UTC: the last attempt (failed; a sent item leaves the queue)

    @property
    def next_try_at(self) -> datetime:
        return datetime.fromisoformat(self.next_try)


@dataclass
class RunReport:
    sent: list[OutboxItem] = field(default_factory=list)
    failed: list[OutboxItem] = field(default_factory=list)  # still queued, with their new next_try
    waiting: list[OutboxItem] = field(default_factory=list)  # not yet due
    blocked: list[OutboxItem] = field(default_factory=list)  # waiting for a person (not tried)
    busy: bool = False  # another process was running the queue: nothing was tried


def error_text(item: OutboxItem, lang: str) -> str | None:
    """The item's last failure in the interface's language."""
    return item.last_error_text_en if lang == "en" and item.last_error_text_en else item.last_error_text


def is_blocked(item: OutboxItem) -> bool:
    """The item's last failure needs a person (e.g. a wrong password): trying again alone cannot help."""
    return item.attempts > 0 and not item.last_error_retryable


class Outbox:
    """The queue in `state_path` (e.g. <db folder>/outbox.json) with spool copies in `<state_path stem>/`."""

    def __init__(self, state_path: Path, send: Callable[[Path, str], Any], *,
                 clock: Callable[[], datetime] | None = None):
        """`send(spool_path, name)` delivers one file under `name` or raises a DanvanError."""
        self.state_path = Path(state_path)
        self.spool_dir = self.state_path.with_name(self.state_path.stem + "-files")
        self._send = send
        self._clock = clock or (lambda: datetime.now(timezone.utc))
        self.lock_path = self.state_path.with_name(self.state_path.name + ".lock")
        self.run_lock_path = self.state_path.with_name(self.state_path.name + ".run.lock")

    def _locked(self) -> LockFile:
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        return LockFile(self.lock_path)

    # state -----------------------------------------------------------------------------------------------------
    def items(self) -> list[OutboxItem]:
        """The queued items, oldest first. A missing state file is an empty queue. Read under the lock (on
        Windows an open reader would make a writer's rename fail)."""
        with self._locked():
            return self._read()

    def _read(self) -> list[OutboxItem]:
        """The items; a state file that cannot be read (cut short by a full disk, edited by hand) is set aside as
        `<name>.damaged-<time>` and the queue starts empty — nothing is lost: the next "Gửi ngay" writes a bundle
        of every change not yet acknowledged. Before, every send and status stopped at "Lỗi không mong đợi"."""
        try:
            raw = json.loads(self.state_path.read_text(encoding="utf-8"))
            return [OutboxItem(**it) for it in raw["items"]]
        except FileNotFoundError:
            return []
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            aside = self.state_path.with_name(
                f"{self.state_path.name}.damaged-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%SZ')}")
            with contextlib.suppress(OSError):
                os.replace(self.state_path, aside)
            log.warning("upload queue %s unreadable (%s): set aside as %s", self.state_path, exc, aside.name)
            return []

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
        if path.suffix == ".dvb" and path.exists():
            from app.sync.bundle import BundleRejected, read_manifest

            try:
                identity = read_manifest(path).identity_included
            except BundleRejected:
                identity = False  # not ours to judge here: the upper level refuses a damaged bundle
            if identity:  # a denouncer's identity never goes over the network (SYNC.md "Export")
                from app.errors import DanvanError

                raise DanvanError("sync.identity_usb_only")
        try:
            digest = sha256_file(path)
        except FileNotFoundError:
            raise SourceMissing(path) from None
        for it in self.items():
            if it.sha256 == digest and it.name == name:
                return it
        self.spool_dir.mkdir(parents=True, exist_ok=True)
        item_id = uuid.uuid4().hex
        spool_name = f"{item_id}{path.suffix}"
        # Copied outside the lock (a bundle may take seconds) under a hidden name cleanup_spool leaves alone, then
        # named and recorded under the lock.
        incoming = copy_verified(path, self.spool_dir, name=f".{spool_name}.incoming")
        at = _iso(now or self._clock())
        item = OutboxItem(item_id, name, spool_name, digest, path.stat().st_size, at, at)
        try:
            with self._locked():
                items = self._read()  # read again under the lock: another process may have added one
                for it in items:
                    if it.sha256 == digest and it.name == name:
                        return it
                os.replace(incoming, self.spool_dir / spool_name)
                self._save([*items, item])
        finally:
            incoming.unlink(missing_ok=True)
        return item

    def remove(self, item_id: str) -> bool:
        """Drop an item and its spool copy (an officer gave up on it). True when it was there."""
        with self._locked():
            items = self._read()
            keep = [it for it in items if it.id != item_id]
            gone = [it for it in items if it.id == item_id]
            if not gone:
                return False
            self._save(keep)
        (self.spool_dir / gone[0].spool).unlink(missing_ok=True)
        return True

    def unblock(self) -> int:
        """Make every blocked item due now (a person fixed what blocked it); returns how many."""
        now = _iso(self._clock())
        with self._locked():
            items = self._read()
            blocked = [it for it in items if is_blocked(it)]
            for it in blocked:
                it.last_error_retryable = True
                it.next_try = now
            if blocked:
                self._save(items)
        return len(blocked)

    def _update(self, item: OutboxItem, *, sent: bool) -> None:
        """Save one item's outcome into the current state (re-read under the lock, so others' items stay)."""
        with self._locked():
            items = self._read()
            if sent:
                items = [it for it in items if it.id != item.id]
            else:
                items = [item if it.id == item.id else it for it in items]
            self._save(items)

    def run_once(self, now: datetime | None = None, *, force: bool = False, progress=None,
                 cancel=None) -> RunReport:
        """Try every item due at `now`, oldest first. State is saved after each item, so a crash mid-run loses
        nothing and re-sends at most the one file in flight. After a network failure the run stops: the other
        items would only wait for the same timeout (they stay due and go on the next run); after a failure that
        needs a person (wrong account, wrong address) it stops too: every item goes to the same place.
        Blocked items are skipped; with `force` (a person asked) every item is tried now, whatever its next_try.
        When another process is running the queue, nothing is tried (`busy`). `progress(sent, total)` and
        `cancel` (a threading.Event) are handed to `send` when given; a Stop (Cancelled) ends the run and leaves
        the item as it was — not a failure."""
        now = _utc(now or self._clock())
        report = RunReport()
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        runner = LockFile(self.run_lock_path, stale=RUN_STALE)
        # A crash's leftover lock is broken by the first try, which then reports it taken: one more try.
        if not runner.try_acquire() and not runner.try_acquire():
            report.busy = True
            return report
        extra = {k: v for k, v in (("progress", progress), ("cancel", cancel)) if v is not None}
        try:
            with runner.keep_fresh(RUN_BEAT):
                self._run(now, force, report, extra)
        finally:
            runner.release()
        return report

    def _run(self, now: datetime, force: bool, report: RunReport, extra: dict) -> None:
        for it in self.items():
            if is_blocked(it) and not force:
                report.blocked.append(it)
                continue
            if due_at(it, now) > now and not force:
                report.waiting.append(it)
                continue
            spool = self.spool_dir / it.spool
            try:
                if not spool.exists():
                    raise SourceMissing(spool)
                self._send(spool, it.name, **extra)
            except Cancelled:
                raise  # the officer stopped it: the item stays as it was, nothing counts as a failure
            except DanvanError as exc:
                it.attempts += 1
                it.last_try = _iso(now)
                wait = retry_delay(it.attempts)
                asked = getattr(exc, "retry_after", None)  # a busy server's Retry-After, within the longest back-off
                if asked:
                    wait = min(max(wait, timedelta(seconds=asked)), MAX_DELAY)
                it.next_try = _iso(now + wait)
                it.last_error = exc.key
                it.last_error_text = exc.message("vi")
                it.last_error_text_en = exc.message("en")
                it.last_error_retryable = bool(getattr(exc, "retryable", True))
                self._update(it, sent=False)
                report.failed.append(it)
                if isinstance(exc, UploadNetworkError) or (isinstance(exc, UploadError) and not exc.retryable):
                    break
                continue
            self._update(it, sent=True)
            spool.unlink(missing_ok=True)
            report.sent.append(it)

    def cleanup_spool(self) -> list[str]:
        """Remove spool files no item refers to (a crash between copy and save leaves one); return their names."""
        if not self.spool_dir.is_dir():
            return []
        with self._locked():
            known = {it.spool for it in self._read()}
            young = time.time() - FRESH_SPOOL
            stray = sorted(p.name for p in self.spool_dir.iterdir() if p.name not in known and (
                not p.name.startswith(".") or p.stat().st_mtime < young))  # a hidden one may be an enqueue
            for n in stray:
                os.unlink(self.spool_dir / n)
        return stray

    def next_due(self) -> datetime | None:
        """When the earliest item is due (for a timer), or None when the queue is empty."""
        items = self.items()
        now = self._clock()
        return min((due_at(it, now) for it in items), default=None)

