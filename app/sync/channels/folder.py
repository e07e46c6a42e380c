"""A folder as a channel: a network share or a synced folder (Nextcloud, OneDrive, Syncthing …).

The commune drops files into an outbox folder (`send_to_folder`, a verified copy). The upper level watches an
inbox folder: `pending` lists files that look complete, and after import `archive` moves each one away under
its SHA-256, so the inbox holds only what is still to do and the same file is never taken twice by name.
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

from app.io.writers import fsync_dir
from app.sync.channels import SYNC_SUFFIXES, ArchiveMismatch, CopyFailed, SourceMissing, sha256_file
from app.sync.channels.removable import copy_verified

# A file modified this recently may still be arriving (Explorer and many sync tools write under the final name).
SETTLE_SECONDS = 5.0


def send_to_folder(src: Path, outbox: Path) -> Path:
    """Copy `src` into the outbox folder, verified byte for byte; see `copy_verified` for the guarantees."""
    return copy_verified(src, outbox)


def looks_partial(name: str) -> bool:
    # Our own temp files (".x.dvb.part") and those of sync tools / Office (".~x", "~$x", ".syncthing.x.tmp").
    return name.startswith((".", "~"))


def pending(
    inbox: Path,
    *,
    suffixes: tuple[str, ...] = SYNC_SUFFIXES,
    now: float | None = None,
    settle_seconds: float = SETTLE_SECONDS,
) -> list[Path]:
    """Complete sync files waiting in `inbox`, sorted by name (a commune's bundles then come in seq order).

    Left out: other file types, hidden / temp / partial names, empty files, sub-folders, and files modified less
    than `settle_seconds` before `now` (seconds since the epoch; injectable for tests). A missing inbox is empty.
    """
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(inbox))
    except FileNotFoundError:
        return []
    out = []
    for e in entries:
        name = e.name
        if looks_partial(name) or not name.lower().endswith(suffixes):
            continue
        try:
            if not e.is_file():
                continue
            st = e.stat()
        except OSError:
            continue  # vanished or unreadable while we looked
        if st.st_size == 0 or now - st.st_mtime < settle_seconds:
            continue
        out.append(Path(e.path))
    return sorted(out, key=lambda p: p.name)


def archive_path(archive_dir: Path, sha256: str, suffix: str) -> Path:
    return Path(archive_dir) / f"{sha256.lower()}{suffix.lower()}"


def archive(path: Path, archive_dir: Path, sha256: str) -> Path:
    """Move a processed file to `archive_dir/<sha256><suffix>` and return that path.

    Idempotent: calling it again (file already moved), or with a second copy of the same content, leaves one
    archived file and no file in the inbox. Refuses (ArchiveMismatch, nothing moved) when the file's content no
    longer has `sha256` — it was replaced after it was read. Works across drives (inbox on a share, archive local).
    """
    path, archive_dir = Path(path), Path(archive_dir)
    target = archive_path(archive_dir, sha256, path.suffix)
    if not path.exists():
        if target.exists():
            return target
        raise SourceMissing(path)
    if sha256_file(path) != sha256.lower():
        raise ArchiveMismatch(path)
    try:
        archive_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CopyFailed(archive_dir, exc.strerror or type(exc).__name__) from exc
    if target.exists() and sha256_file(target) == sha256.lower():
        path.unlink()  # a second copy of what is already archived
        return target
    try:
        os.replace(path, target)
        fsync_dir(archive_dir)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise CopyFailed(archive_dir, exc.strerror or type(exc).__name__) from exc
        copy_verified(path, archive_dir, name=target.name)  # another drive: copy, verify, then let go
        path.unlink()
    return target
