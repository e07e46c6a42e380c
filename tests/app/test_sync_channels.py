"""Sync channels without a network: removable-drive listing, verified copies, folder inbox/archive, the outbox."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from app.errors import Cancelled, DanvanError
from app.sync.channels import (
    ArchiveMismatch,
    CopyFailed,
    CopyMismatch,
    DestinationMissing,
    DiskFull,
    SourceMissing,
    UploadAuthFailed,
    UploadNetworkError,
    sha256_file,
)
from app.sync.channels import removable
from app.sync.channels.folder import archive, pending, send_to_folder
from app.sync.channels.outbox import Outbox, retry_delay
from app.sync.channels.removable import Drive, copy_verified, list_removable_drives

T0 = datetime(2026, 3, 15, 8, 0, tzinfo=timezone.utc)


def _bundle(tmp_path: Path, name="79001_1-40_20260315T080000Z.dvb", size=300_000) -> Path:
    p = tmp_path / "src" / name
    p.parent.mkdir(exist_ok=True)
    p.write_bytes(os.urandom(size))
    return p


# ---- drive listing ---------------------------------------------------------------------------------------------
class FakeWindows:
    def __init__(self, drives: dict[str, tuple[int, str]]):
        self.drives = drives  # letter -> (drive type, label)

    def logical_drives(self) -> int:
        return sum(1 << (ord(letter) - ord("A")) for letter in self.drives)

    def drive_type(self, root: str) -> int:
        return self.drives[root[0]][0]

    def volume_label(self, root: str) -> str:
        return self.drives[root[0]][1]


def test_windows_lists_only_removable_drives_with_their_labels():
    """Windows (through the seam — the real kernel32 calls run only on Windows): DRIVE_REMOVABLE letters only."""
    api = FakeWindows({"C": (3, "OS"), "D": (5, "DVD"), "E": (2, "USB XA AN BINH"), "G": (2, ""), "Z": (4, "share")})
    drives = list_removable_drives("win32", windows_api=api)
    assert drives == [Drive(Path("E:\\"), "USB XA AN BINH"), Drive(Path("G:\\"), "")]
    assert drives[0].display_name == "USB XA AN BINH (E:\\)"


def _sys_block(tmp_path: Path) -> Path:
    sb = tmp_path / "sys" / "block"
    devices = tmp_path / "sys" / "devices"
    for disk, flag, bus in [("sda", "0", "pci0000:00/ata1"), ("sdb", "1", "pci0000:00/usb1/1-1"),
                            ("sdc", "0", "pci0000:00/usb2/2-1"), ("mmcblk0", "0", "platform/mmc0")]:
        real = devices / bus / disk
        (real / f"{disk}1").mkdir(parents=True)
        (real / "removable").write_text(flag + "\n")
        sb.mkdir(parents=True, exist_ok=True)
        (sb / disk).symlink_to(real)
    return sb


def test_linux_lists_usb_mounts_under_media_with_removable_or_usb_devices(tmp_path):
    """Linux: /proc/mounts entries under /media, /run/media, /mnt whose disk is removable or on a USB bus."""
    mounts = "\n".join([
        "/dev/sda1 / ext4 rw,relatime 0 0",
        "/dev/sda1 /mnt/data ext4 rw 0 0",  # internal disk mounted under /mnt: not removable
        "/dev/sdb1 /media/an/USB\\040XA vfat rw,nosuid 0 0",  # removable=1, escaped space
        "/dev/sdc1 /run/media/an/BACKUP exfat ro,nosuid 0 0",  # removable=0 but on usb
        "/dev/mmcblk0p1 /boot vfat rw 0 0",  # not under a media root
        "tmpfs /media/tmp tmpfs rw 0 0",  # not a device
    ])
    drives = list_removable_drives("linux", proc_mounts=_write(tmp_path / "mounts", mounts),
                                   sys_block=_sys_block(tmp_path))
    assert drives == [Drive(Path("/media/an/USB XA"), "USB XA"), Drive(Path("/run/media/an/BACKUP"), "BACKUP", True)]


def test_drive_listing_on_an_unreadable_system_is_empty_not_an_error(tmp_path):
    """No /proc/mounts (odd system) or an unsupported platform lists no drive instead of failing."""
    assert list_removable_drives("linux", proc_mounts=tmp_path / "none", sys_block=tmp_path) == []
    assert list_removable_drives("darwin") == []


def _write(p: Path, text: str) -> Path:
    p.write_text(text)
    return p


# ---- copy_verified ---------------------------------------------------------------------------------------------
def _no_leftovers(dest: Path, name: str) -> bool:
    return not (dest / name).exists() and not any(p.name.endswith(".part") for p in dest.iterdir())


def test_copy_verified_makes_an_identical_copy_and_no_temp(tmp_path):
    """A verified copy has the source's SHA-256 under the final name; no temp file remains."""
    src = _bundle(tmp_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    out = copy_verified(src, usb)
    assert out == usb / src.name and sha256_file(out) == sha256_file(src)
    assert [p.name for p in usb.iterdir()] == [src.name]
    assert copy_verified(src, usb) == out  # copying the same file again is harmless


class _FailingWriter:
    """A file that accepts `limit` bytes, then fails like a pulled stick (EIO) or a full disk (ENOSPC)."""

    def __init__(self, path: Path, limit: int, err: int):
        self.fh, self.left, self.err = open(path, "xb"), limit, err

    def write(self, data: bytes) -> int:
        if len(data) > self.left:
            self.fh.write(data[: self.left])
            self.left = 0
            raise OSError(self.err, os.strerror(self.err))
        self.left -= len(data)
        return self.fh.write(data)

    def flush(self):
        self.fh.flush()

    def fileno(self):
        return self.fh.fileno()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()


@pytest.mark.parametrize("err, error_type, key", [(errno.EIO, CopyFailed, "sync.channel.write_failed"),
                                                  (errno.ENOSPC, DiskFull, "sync.channel.disk_full")])
def test_a_copy_failing_midway_leaves_nothing_that_looks_good(tmp_path, err, error_type, key):
    """A write that fails after 100 KB (I/O error, or disk full) leaves no final name and no temp, and says why."""
    src = _bundle(tmp_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    with pytest.raises(error_type) as info:
        copy_verified(src, usb, opener=lambda p: _FailingWriter(p, 100_000, err))
    assert info.value.key == key and isinstance(info.value, DanvanError)
    assert list(usb.iterdir()) == []
    assert "USB" in info.value.message("vi") and "thử lại" in info.value.message("vi")


def test_a_copy_that_reads_back_different_is_removed(tmp_path):
    """A copy whose read-back differs (a failing stick flips a byte) is refused and removed."""
    src = _bundle(tmp_path)
    usb = tmp_path / "usb"
    usb.mkdir()

    class Flipper(_FailingWriter):
        def write(self, data):
            return self.fh.write(bytes([data[0] ^ 1]) + data[1:])

    with pytest.raises(CopyMismatch):
        copy_verified(src, usb, opener=lambda p: Flipper(p, 0, 0))
    assert _no_leftovers(usb, src.name) and list(usb.iterdir()) == []


def test_a_failed_copy_keeps_an_older_good_file_of_the_same_name(tmp_path):
    """A failed replacement leaves the earlier complete file untouched (rename happens only after verification)."""
    src = _bundle(tmp_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / src.name).write_bytes(b"older complete copy")
    with pytest.raises(DiskFull):
        copy_verified(src, usb, opener=lambda p: _FailingWriter(p, 10, errno.ENOSPC))
    assert (usb / src.name).read_bytes() == b"older complete copy"
    assert [p.name for p in usb.iterdir()] == [src.name]


def test_copy_to_a_missing_drive_or_from_a_missing_file_says_so(tmp_path):
    """A pulled stick (destination gone) and a deleted source each raise their own typed error."""
    src = _bundle(tmp_path)
    with pytest.raises(DestinationMissing):
        copy_verified(src, tmp_path / "E-gone")
    with pytest.raises(SourceMissing):
        copy_verified(tmp_path / "nope.dvb", tmp_path)


def test_not_enough_free_space_is_refused_before_writing(tmp_path, monkeypatch):
    """A drive reporting too little free space is refused up front with the disk-full sentence."""
    src = _bundle(tmp_path)
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(removable.shutil, "disk_usage", lambda p: SimpleNamespace(total=10, used=0, free=10))
    with pytest.raises(DiskFull) as info:
        copy_verified(src, usb)
    assert list(usb.iterdir()) == [] and "KB" in info.value.message("en")


# ---- folder channel --------------------------------------------------------------------------------------------
def test_send_to_folder_is_a_verified_copy(tmp_path):
    """The commune's outbox folder receives a byte-identical copy."""
    src = _bundle(tmp_path)
    out = send_to_folder(src, tmp_path)
    assert out.read_bytes() == src.read_bytes()


def test_inbox_pending_lists_only_complete_sync_files(tmp_path):
    """Pending: sync suffixes only; temp/partial/hidden names, empty files, folders and still-changing files skipped."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    now = 1_800_000_000.0
    files = {"b_2.dvb": b"x", "a_1.dvb": b"x", "r.DVACK": b"x", "k.dvkey": b"x", ".b_3.dvb.part": b"x",
             "~$b.dvb": b"x", ".syncthing.c.dvb.tmp": b"x", "c.dvb.part": b"x", "empty.dvb": b"",
             "notes.txt": b"x", "fresh.dvb": b"x"}
    for name, data in files.items():
        (inbox / name).write_bytes(data)
        os.utime(inbox / name, (now - 60, now - 60))
    os.utime(inbox / "fresh.dvb", (now - 1, now - 1))  # still being written by Explorer / a sync tool
    (inbox / "sub.dvb").mkdir()
    assert [p.name for p in pending(inbox, now=now)] == ["a_1.dvb", "b_2.dvb", "k.dvkey", "r.DVACK"]
    assert "fresh.dvb" in [p.name for p in pending(inbox, now=now + 10)]
    assert pending(tmp_path / "no-such-inbox") == []


def test_archive_moves_under_the_hash_idempotently(tmp_path):
    """Archive moves a processed file under its SHA-256; again, or a second copy of it, leaves one archived file."""
    inbox, arch = tmp_path / "inbox", tmp_path / "archive"
    src = _bundle(tmp_path)
    inbox.mkdir()
    f = send_to_folder(src, inbox)
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    target = archive(f, arch, digest)
    assert target == arch / f"{digest}.dvb" and target.read_bytes() == src.read_bytes() and not f.exists()
    assert archive(f, arch, digest) == target  # second call: already done
    again = send_to_folder(src, inbox)  # the same bundle arrives twice
    assert archive(again, arch, digest) == target
    assert list(inbox.iterdir()) == [] and list(arch.iterdir()) == [target]


def test_archive_refuses_a_file_changed_after_it_was_read(tmp_path):
    """A file whose content no longer matches the processed hash is not archived and stays in the inbox."""
    f = _bundle(tmp_path)
    with pytest.raises(ArchiveMismatch):
        archive(f, tmp_path / "archive", "0" * 64)
    assert f.exists() and not (tmp_path / "archive").exists()


def test_archive_across_drives_copies_then_removes(tmp_path, monkeypatch):
    """When rename fails across drives (EXDEV), archive copies, verifies, and removes the inbox file."""
    f = _bundle(tmp_path)
    digest = sha256_file(f)
    real_replace = os.replace

    def replace(a, b):
        if Path(a) == f:
            raise OSError(errno.EXDEV, "Invalid cross-device link")
        return real_replace(a, b)

    monkeypatch.setattr(os, "replace", replace)
    target = archive(f, tmp_path / "archive", digest)
    assert sha256_file(target) == digest and not f.exists()


# ---- outbox ----------------------------------------------------------------------------------------------------
class FakeSender:
    def __init__(self):
        self.fail: DanvanError | None = None
        self.received: dict[str, bytes] = {}

    def __call__(self, path: Path, name: str):
        if self.fail:
            raise self.fail
        self.received[name] = path.read_bytes()


def test_retry_delay_doubles_from_one_minute_up_to_an_hour():
    """Back-off: 1, 2, 4, 8 … minutes, never more than one hour."""
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert retry_delay(7) == timedelta(hours=1) and retry_delay(30) == timedelta(hours=1)


def test_outbox_keeps_a_failed_item_with_back_off_and_survives_a_restart(tmp_path):
    """Failures keep the file and push next_try out 1, 2, 4 min; a new Outbox on the same file sees the same queue."""
    src = _bundle(tmp_path)
    sender = FakeSender()
    ob = Outbox(tmp_path / "db" / "outbox.json", sender)
    item = ob.enqueue(src, now=T0)
    src.unlink()  # the queue keeps its own copy
    sender.fail = UploadNetworkError("dav.example.vn", "Connection refused")
    t = T0
    for minutes in (1, 2, 4):
        rep = ob.run_once(t)
        assert [i.id for i in rep.failed] == [item.id]
        t = t + timedelta(minutes=minutes)
        assert rep.failed[0].next_try_at == t
        assert ob.run_once(t - timedelta(seconds=1)).waiting  # not due yet: not tried
    restarted = Outbox(tmp_path / "db" / "outbox.json", sender)
    [kept] = restarted.items()
    assert kept.attempts == 3 and kept.last_error == "sync.upload.network" and "mạng" in kept.last_error_text
    sender.fail = None
    rep = restarted.run_once(t)
    assert [i.id for i in rep.sent] == [item.id] and restarted.items() == []
    assert hashlib.sha256(sender.received[src.name]).hexdigest() == item.sha256
    assert list(restarted.spool_dir.iterdir()) == []
    assert json.loads((tmp_path / "db" / "outbox.json").read_text())["items"] == []


def test_outbox_enqueue_is_idempotent_and_a_network_failure_stops_the_run(tmp_path):
    """The same file queued twice is one item; after a network failure the rest wait for the next run."""
    a, b = _bundle(tmp_path, "a.dvb", 10), _bundle(tmp_path, "b.dvb", 10)
    sender = FakeSender()
    ob = Outbox(tmp_path / "outbox.json", sender, clock=lambda: T0)
    assert ob.enqueue(a).id == ob.enqueue(a).id
    ob.enqueue(b)
    sender.fail = UploadNetworkError("h", "down")
    rep = ob.run_once()
    assert len(rep.failed) == 1 and len(ob.items()) == 2 and ob.next_due() == T0
    sender.fail = UploadAuthFailed("h", "xa", 401)  # not a network error: each item is tried
    rep = ob.run_once(T0)
    assert len(rep.failed) == 1  # a is waiting (back-off), b failed with the account error
    assert {i.last_error for i in ob.items()} == {"sync.upload.network", "sync.upload.auth"}
    assert not [i for i in ob.items() if i.last_error == "sync.upload.auth"][0].last_error_retryable


def test_outbox_items_timed_while_the_clock_was_ahead_go_once_it_is_put_right(tmp_path):
    """A next_try set at a 2030 clock is further ahead than the longest back-off (an hour): once the clock is back
    in 2026 the item is due at once — failed or only queued then — and backs off from the right time afterwards."""
    ahead = T0.replace(year=2030)
    sender = FakeSender()
    ob = Outbox(tmp_path / "outbox.json", sender, clock=lambda: T0)
    failed = ob.enqueue(_bundle(tmp_path, "a.dvb", 10), now=ahead)
    sender.fail = UploadNetworkError("h", "down")
    ob.run_once(ahead)  # its retry is set for 2030
    queued = ob.enqueue(_bundle(tmp_path, "b.dvb", 10), now=ahead)
    assert {i.next_try_at.year for i in ob.items()} == {2030} and ob.next_due() == T0
    rep = ob.run_once(T0)
    assert [i.id for i in rep.failed] == [failed.id]  # tried now, not in 2030 (the network stops the run)
    assert rep.failed[0].next_try_at == T0 + retry_delay(2)
    sender.fail = None
    rep = ob.run_once(T0)
    assert [i.id for i in rep.sent] == [queued.id] and [i.id for i in rep.waiting] == [failed.id]
    assert [i.id for i in ob.run_once(T0 + retry_delay(2)).sent] == [failed.id]


def test_outbox_item_whose_spool_copy_vanished_reports_it_and_can_be_removed(tmp_path):
    """A spool copy deleted by hand is reported as missing (kept for an officer to see) and remove() drops it."""
    ob = Outbox(tmp_path / "outbox.json", FakeSender())
    item = ob.enqueue(_bundle(tmp_path, "a.dvb", 10), now=T0)
    (ob.spool_dir / item.spool).unlink()
    rep = ob.run_once(T0)
    assert rep.failed[0].last_error == "sync.channel.source_missing"
    assert ob.remove(item.id) and ob.items() == [] and not ob.remove(item.id)


def test_outbox_cleanup_removes_stray_spool_files(tmp_path):
    """A spool file no item refers to (crash between copy and save) is removed by cleanup_spool."""
    ob = Outbox(tmp_path / "outbox.json", FakeSender())
    item = ob.enqueue(_bundle(tmp_path, "a.dvb", 10), now=T0)
    (ob.spool_dir / "stray.dvb").write_bytes(b"x")
    assert ob.cleanup_spool() == ["stray.dvb"]
    assert [p.name for p in ob.spool_dir.iterdir()] == [item.spool]


def test_outbox_stop_leaves_the_item_as_it_was_and_hands_progress_to_the_sender(tmp_path):
    """Stop pressed during an upload (the sender raises Cancelled): the run ends, the item keeps its place with no
    failure counted and no back-off; progress and the stop event reach the sender."""
    src = _bundle(tmp_path)
    got = {}

    def sender(path, name, progress=None, cancel=None):
        got.update(progress=progress, cancel=cancel)
        progress(10, 100)
        raise Cancelled()

    ob = Outbox(tmp_path / "outbox.json", sender)
    item = ob.enqueue(src, now=T0)
    stop, seen = threading.Event(), []
    with pytest.raises(Cancelled):
        ob.run_once(T0, progress=lambda a, b: seen.append((a, b)), cancel=stop)
    assert got["cancel"] is stop and seen == [(10, 100)]
    [kept] = ob.items()
    assert (kept.id, kept.attempts, kept.next_try, kept.last_error) == (item.id, 0, item.next_try, None)
    assert not ob.run_lock_path.exists()  # the run is over: the next one is not "busy"


def test_a_damaged_queue_file_is_set_aside_and_the_queue_goes_on(tmp_path):
    """A queue file cut short (a full disk) or edited by hand stopped every send and status with "Lỗi không mong
    đợi": it is kept aside for the technician and the queue starts empty (the next "Gửi ngay" writes a bundle of
    everything not yet acknowledged)."""
    src = _bundle(tmp_path)
    state = tmp_path / "outbox.json"
    ob = Outbox(state, FakeSender())
    ob.enqueue(src, now=T0)
    for damaged in (state.read_text()[:40], '{"version": 1}', '{"items": [{"id": 1, "extra": true}]}', "[]"):
        state.write_text(damaged)
        assert ob.items() == [] and not state.exists()
        aside = sorted(tmp_path.glob("outbox.json.damaged-*"))
        assert aside and aside[-1].read_text() == damaged
        for p in aside:
            p.unlink()
    assert ob.enqueue(src, now=T0).attempts == 0 and len(ob.items()) == 1


def test_a_run_lock_left_by_a_crash_is_broken_and_the_run_goes_on(tmp_path):
    """After a kill -9 in the middle of an upload, the next send breaks the dead run's lock and sends — it said
    "0 sent" once, the lock only broken for the run after."""
    src = _bundle(tmp_path)
    sender = FakeSender()
    ob = Outbox(tmp_path / "outbox.json", sender)
    ob.enqueue(src, now=T0)
    ob.run_lock_path.write_text(json.dumps({"pid": 2 ** 22 + 7, "host": "another-pc", "token": "dead"}))
    old = time.time() - 3600
    os.utime(ob.run_lock_path, (old, old))
    rep = ob.run_once(T0)
    assert not rep.busy and [i.name for i in rep.sent] == [src.name]


def test_a_long_upload_keeps_its_run_lock_fresh(tmp_path, monkeypatch):
    """An upload longer than the lock's staleness (36 MB at 20 KB/s is half an hour) keeps touching its run lock,
    so a second runner never takes it for a crash's and starts the same upload again."""
    from app.sync.channels import outbox as outbox_module

    monkeypatch.setattr(outbox_module, "RUN_BEAT", 0.05)
    monkeypatch.setattr(outbox_module, "RUN_STALE", 0.3)
    src = _bundle(tmp_path)
    second = {}

    def slow_sender(path, name):
        time.sleep(0.8)  # longer than RUN_STALE
        second["report"] = Outbox(tmp_path / "outbox.json", FakeSender()).run_once(T0)

    ob = Outbox(tmp_path / "outbox.json", slow_sender)
    ob.enqueue(src, now=T0)
    assert [i.name for i in ob.run_once(T0).sent] == [src.name]
    assert second["report"].busy and second["report"].sent == []
