"""USB sticks and other removable drives: which are plugged in, and a verified copy onto one.

Drive listing reads the operating system through a small seam (`WindowsApi`, or the text of /proc/mounts and a
/sys/block folder) so tests can feed it sample data for both platforms; the real Windows calls (ctypes,
kernel32) only run on Windows.

`copy_verified` is the one copy every channel uses: temp name on the destination, fsync, read back and compare
SHA-256, then rename. A copy that fails anywhere leaves no file under the final name and no temp file.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Protocol

from app.io.writers import fsync_dir
from app.sync.channels import _CHUNK, CopyFailed, CopyMismatch, DestinationMissing, DiskFull, SourceMissing, sha256_file

# Where Linux desktops (udisks) and administrators mount removable media.
LINUX_MOUNT_ROOTS = ("/media/", "/run/media/", "/mnt/")
DRIVE_REMOVABLE = 2  # GetDriveTypeW


@dataclass(frozen=True)
class Drive:
    """A mounted removable drive. `path` is where to copy to ("E:\\" or "/media/an/USB16")."""

    path: Path
    label: str = ""
    read_only: bool = False

    @property
    def display_name(self) -> str:
        return f"{self.label} ({self.path})" if self.label else str(self.path)


class WindowsApi(Protocol):
    """The three kernel32 calls drive listing needs; tests pass a fake."""

    def logical_drives(self) -> int: ...  # bit mask, bit 0 = A:

    def drive_type(self, root: str) -> int: ...

    def volume_label(self, root: str) -> str: ...


class _Kernel32:
    def __init__(self):
        import ctypes

        self._ctypes = ctypes
        self._k = ctypes.windll.kernel32  # type: ignore[attr-defined]
        # An empty card reader must not pop up "insert a disk" dialogs while we look.
        self._k.SetErrorMode(0x0001)  # SEM_FAILCRITICALERRORS

    def logical_drives(self) -> int:
        return int(self._k.GetLogicalDrives())

    def drive_type(self, root: str) -> int:
        return int(self._k.GetDriveTypeW(root))

    def volume_label(self, root: str) -> str:
        buf = self._ctypes.create_unicode_buffer(261)
        ok = self._k.GetVolumeInformationW(root, buf, len(buf), None, None, None, None, 0)
        return buf.value if ok else ""


def windows_drives(api: WindowsApi) -> list[Drive]:
    mask = api.logical_drives()
    out = []
    for i in range(26):
        if not mask & (1 << i):
            continue
        root = f"{chr(ord('A') + i)}:\\"
        if api.drive_type(root) != DRIVE_REMOVABLE:
            continue
        out.append(Drive(Path(root), api.volume_label(root)))
    return out


def _unescape_mount(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash as octal escapes (\040 …).
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and i + 4 <= len(field) and field[i + 1:i + 4].isdigit():
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def _is_removable_block(dev_name: str, sys_block: Path) -> bool:
    """True when the device (or the disk a partition belongs to) says removable=1 or hangs off a USB bus."""
    disk = sys_block / dev_name
    if not disk.exists():
        # A partition: /sys/block/<disk>/<partition> exists for exactly one disk.
        disk = next((d for d in sys_block.iterdir() if (d / dev_name).exists()), None) if sys_block.is_dir() else None
        if disk is None:
            return False
    try:
        if (disk / "removable").read_text().strip() == "1":
            return True
    except OSError:
        pass
    # USB hard disks and many sticks report removable=0; their device path runs through a usb controller.
    try:
        return "/usb" in os.path.realpath(disk)
    except OSError:
        return False


def linux_drives(mounts_text: str, sys_block: Path) -> list[Drive]:
    out, seen = [], set()
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 4 or not parts[0].startswith("/dev/"):
            continue
        mount = _unescape_mount(parts[1])
        if not mount.startswith(LINUX_MOUNT_ROOTS) or mount in seen:
            continue
        dev_name = os.path.basename(os.path.realpath(parts[0])) if parts[0].startswith("/dev/disk/") else parts[0][5:]
        if not _is_removable_block(dev_name, sys_block):
            continue
        seen.add(mount)
        options = parts[3].split(",")
        out.append(Drive(Path(mount), os.path.basename(mount.rstrip("/")), read_only="ro" in options))
    return out


def list_removable_drives(
    platform: str | None = None,
    *,
    windows_api: WindowsApi | None = None,
    proc_mounts: Path = Path("/proc/mounts"),
    sys_block: Path = Path("/sys/block"),
) -> list[Drive]:
    """The removable drives mounted now, in drive-letter / mount order. Never raises for an odd system: a drive
    we cannot read is simply not listed (the officer can still pick any folder)."""
    platform = platform or sys.platform
    try:
        if platform.startswith("win"):
            return windows_drives(windows_api or _Kernel32())
        if platform.startswith("linux"):
            return linux_drives(proc_mounts.read_text(encoding="utf-8", errors="replace"), sys_block)
    except OSError:
        return []
    return []  # macOS and others: not supported yet; the folder channel works everywhere


Opener = Callable[[Path], BinaryIO]


def _open_new(path: Path) -> BinaryIO:
    return open(path, "xb")


def _drop_cache(fh: BinaryIO) -> None:
    # Read-back should come from the device, not the page cache we just filled (Linux; best effort).
    if hasattr(os, "posix_fadvise"):
        try:
            os.posix_fadvise(fh.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
        except OSError:
            pass


def copy_verified(src: Path, dest_dir: Path, *, name: str | None = None, opener: Opener = _open_new) -> Path:
    """Copy `src` into `dest_dir` (as `name`, default the source's name) and return the final path.

    Guarantees: when it returns, the final file exists and its SHA-256 equals the source's, read back after
    fsync. When it raises (CopyFailed, DiskFull, CopyMismatch, SourceMissing), no file has the final name unless
    one was already there before, and the temp file is gone. An identical file already at the final name is kept
    as it is (copying twice is harmless). `opener` opens the temp file for writing — a seam for tests.
    """
    src, dest_dir = Path(src), Path(dest_dir)
    name = name or src.name
    final = dest_dir / name
    try:
        size = src.stat().st_size
        want = sha256_file(src)
    except FileNotFoundError:
        raise SourceMissing(src) from None
    if not dest_dir.is_dir():
        raise DestinationMissing(dest_dir)
    if final.is_file():
        try:
            if final.stat().st_size == size and sha256_file(final) == want:
                return final
        except OSError:
            pass  # unreadable old copy: overwrite it below
    try:
        if shutil.disk_usage(dest_dir).free < size:
            raise DiskFull(dest_dir, name, size)
    except OSError:
        pass  # some shares cannot report free space; the write itself will tell
    tmp = dest_dir / f".{name}.part"
    try:
        try:
            tmp.unlink(missing_ok=True)  # left over by a copy that was cut off (stick pulled)
            with open(src, "rb") as fin, opener(tmp) as fout:
                while chunk := fin.read(_CHUNK):
                    fout.write(chunk)
                fout.flush()
                os.fsync(fout.fileno())
            with open(tmp, "rb") as fh:
                _drop_cache(fh)
            if sha256_file(tmp) != want:
                raise CopyMismatch(dest_dir, name)
            os.replace(tmp, final)
            fsync_dir(dest_dir)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
                raise DiskFull(dest_dir, name, size) from exc
            raise CopyFailed(dest_dir, exc.strerror or type(exc).__name__) from exc
    finally:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
    return final
