"""Channels that carry sync files (bundles `.dvb`, receipts `.dvack`, key files `.dvkey`) between sites.

A channel moves opaque files and proves each copy equals its source byte for byte (SHA-256); what is inside a
file is checked by whoever reads it (app/sync/bundle.py), never here. Modules:
  removable — list USB / removable drives; `copy_verified`, the one verified copy every channel uses;
  folder    — a folder as outbox (commune) or watched inbox (upper level), archive under the file's hash;
  webdav    — upload by HTTP PUT to a WebDAV folder, verified by reading the file back;
  outbox    — a persistent upload queue with retry and back-off, so a bundle waits for the network.

Every failure is a `ChannelError` whose message says what happened and what to do next.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from app.errors import DanvanError

# The files channels carry; anything else in a watched folder is someone else's business.
SYNC_SUFFIXES: tuple[str, ...] = (".dvb", ".dvack", ".dvkey")

_CHUNK = 1024 * 1024


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks (bundles can be tens of MB)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


class ChannelError(DanvanError):
    """A file could not be carried. `retryable` tells a queue whether trying again later can help by itself."""

    code = "channel"
    retryable = False


class SourceMissing(ChannelError):
    def __init__(self, path: Path):
        super().__init__("sync.channel.source_missing", file=str(path))


class CopyFailed(ChannelError):
    """Writing to a drive or folder failed; nothing with the final name was left behind."""

    def __init__(self, dest: Path, reason: str):
        super().__init__("sync.channel.write_failed", dest=str(dest), reason=reason)


class DestinationMissing(CopyFailed):
    def __init__(self, dest: Path):
        ChannelError.__init__(self, "sync.channel.dest_missing", dest=str(dest))


class DiskFull(CopyFailed):
    def __init__(self, dest: Path, name: str, size: int):
        ChannelError.__init__(self, "sync.channel.disk_full", dest=str(dest), name=name, size=_size_text(size))


class CopyMismatch(CopyFailed):
    """The copy read back differs from the source (a failing stick, a flaky share)."""

    def __init__(self, dest: Path, name: str):
        ChannelError.__init__(self, "sync.channel.verify_failed", dest=str(dest), name=name)


class ArchiveMismatch(ChannelError):
    """The file to archive is not the one that was processed (its hash changed in between)."""

    def __init__(self, path: Path):
        super().__init__("sync.channel.archive_mismatch", file=str(path))


class UploadError(ChannelError):
    """An upload failed. Network and server trouble is `retryable`; a wrong account or folder needs a person."""


class UploadAuthFailed(UploadError):
    def __init__(self, host: str, user: str, status: int):
        super().__init__("sync.upload.auth", host=host, user=user, status=status)


class UploadFolderMissing(UploadError):
    def __init__(self, url: str, status: int):
        super().__init__("sync.upload.folder_missing", url=url, status=status)


class UploadUseHttps(UploadError):
    """The server sends every request to its https:// address: the settings must say so (a person acts)."""

    def __init__(self, url: str, https_url: str):
        super().__init__("sync.upload.use_https", url=url, https_url=https_url)


class UploadMoved(UploadError):
    """The folder answers with another address on the same server (a person checks and fixes the settings)."""

    def __init__(self, url: str, location: str, status: int):
        super().__init__("sync.upload.moved", url=url, location=location, status=status)


class UploadServerFull(UploadError):
    retryable = True  # space may be freed on the server without anything changing here

    def __init__(self, host: str, status: int):
        super().__init__("sync.upload.server_full", host=host, status=status)


class UploadServerError(UploadError):
    retryable = True

    def __init__(self, host: str, status: int, retry_after: float | None = None):
        super().__init__("sync.upload.server_error", host=host, status=status)
        self.retry_after = retry_after  # seconds the server asked to wait (Retry-After), if it said


class UploadNetworkError(UploadError):
    retryable = True

    def __init__(self, host: str, reason: str, reason_en: str | None = None):
        super().__init__("sync.upload.network", host=host, reason=reason)
        self.reason_en = reason_en or reason  # the reason in English, for an English interface

    def message(self, lang: str = "vi") -> str:
        from app.i18n import tr

        return tr(self.key, lang, **{**self.params, "reason": self.reason_en if lang == "en" else self.params["reason"]})


class UploadVerifyFailed(UploadError):
    retryable = True

    def __init__(self, host: str, name: str):
        super().__init__("sync.upload.verify_failed", host=host, name=name)


class UploadBadUrl(UploadError):
    def __init__(self, url: str):
        super().__init__("sync.upload.bad_url", url=url)


def _size_text(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)
