"""Upload to a WebDAV folder (nginx, Apache, Nextcloud, WsgiDAV …) with the standard library only.

The file goes up under a hidden temp name, is read back and compared by SHA-256, and only then is MOVEd to its
real name — so a watcher of that folder never sees a half-uploaded or damaged file under a sync name.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

from app.sync.channels import (
    _CHUNK,
    SourceMissing,
    UploadAuthFailed,
    UploadBadUrl,
    UploadError,
    UploadFolderMissing,
    UploadNetworkError,
    UploadServerError,
    UploadServerFull,
    UploadVerifyFailed,
    sha256_file,
)

DEFAULT_TIMEOUT = 30.0  # seconds without a byte moving, per request


@dataclass(frozen=True)
class WebDavTarget:
    """A WebDAV folder and the account that may write there. The password is never logged or put in a message."""

    url: str  # the folder, e.g. https://cloud.example.vn/remote.php/dav/files/xa-an-binh/danvan/
    username: str
    password: str
    timeout: float = DEFAULT_TIMEOUT

    def __repr__(self) -> str:  # keep the password out of tracebacks and logs
        return f"WebDavTarget(url={self.url!r}, username={self.username!r})"

    @property
    def host(self) -> str:
        return urllib.parse.urlsplit(self.url).netloc.rpartition("@")[2]

    def file_url(self, name: str) -> str:
        return self.url.rstrip("/") + "/" + urllib.parse.quote(name)


@dataclass(frozen=True)
class UploadResult:
    url: str
    size: int
    sha256: str


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # A redirect would resend the body and the password elsewhere; treat it as a wrong address instead.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_NoRedirect(), urllib.request.HTTPSHandler(context=ssl.create_default_context()))


def _request(target: WebDavTarget, method: str, url: str, *, data=None, headers: dict | None = None):
    auth = base64.b64encode(f"{target.username}:{target.password}".encode()).decode("ascii")
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Authorization", f"Basic {auth}")  # sent at once, so the body is not sent twice
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        return _opener().open(req, timeout=target.timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        raise _http_error(target, url, exc.code) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        raise UploadNetworkError(target.host, *_plain_reason(exc)) from exc


def _plain_reason(exc: BaseException) -> tuple[str, str]:
    """What went wrong on the network, (Vietnamese, English), in words an officer can repeat on the phone —
    not "[Errno 111] Connection refused"."""
    reason = getattr(exc, "reason", None) or exc
    if isinstance(reason, socket.timeout) or isinstance(exc, TimeoutError):
        return "hết thời gian chờ", "timed out"
    if isinstance(reason, ConnectionRefusedError):
        return "máy chủ không nhận kết nối", "the server refused the connection"
    if isinstance(reason, socket.gaierror):
        return "không tìm thấy máy chủ — mất mạng hoặc sai địa chỉ", "server not found — no network or a wrong address"
    if isinstance(reason, (ConnectionResetError, ConnectionAbortedError, BrokenPipeError)):
        return "kết nối bị ngắt giữa chừng", "the connection dropped"
    if isinstance(reason, ssl.SSLError):
        detail = getattr(reason, "reason", None) or reason
        return f"lỗi kết nối bảo mật (HTTPS): {detail}", f"secure connection (HTTPS) error: {detail}"
    if isinstance(reason, OSError):
        from app.errors import os_error_text

        return os_error_text(reason, "vi"), os_error_text(reason, "en")
    return str(reason), str(reason)


def _http_error(target: WebDavTarget, url: str, status: int) -> UploadError:
    if status in (401, 403):
        return UploadAuthFailed(target.host, target.username, status)
    if status in (404, 405, 409) or 300 <= status < 400:
        return UploadFolderMissing(target.url, status)  # 409: a parent folder is missing (RFC 4918)
    if status in (413, 507):
        return UploadServerFull(target.host, status)
    return UploadServerError(target.host, status)


def _remote_sha256(target: WebDavTarget, url: str) -> tuple[int, str]:
    h, n = hashlib.sha256(), 0
    with _request(target, "GET", url) as resp:
        try:
            while chunk := resp.read(_CHUNK):
                h.update(chunk)
                n += len(chunk)
        except (OSError, http.client.HTTPException) as exc:
            raise UploadNetworkError(target.host, str(exc)) from exc
    return n, h.hexdigest()


def _delete_quietly(target: WebDavTarget, url: str) -> None:
    try:
        _request(target, "DELETE", url).close()
    except UploadError:
        pass


def _preflight(target: WebDavTarget) -> None:
    """Ask about the folder before sending the body: a server refusing the account or missing the folder answers
    a PUT at once and drops the connection, and the client then only sees "broken pipe", not why."""
    folder = target.url if target.url.endswith("/") else target.url + "/"
    try:
        _request(target, "PROPFIND", folder, headers={"Depth": "0"}).close()
    except (UploadFolderMissing, UploadServerError) as exc:
        if exc.params.get("status") in (405, 501):
            return  # a server without PROPFIND (plain nginx dav): the PUT will tell
        raise


def upload(path: Path, target: WebDavTarget, *, name: str | None = None) -> UploadResult:
    """PUT `path` into the target folder as `name` (default its own name) and verify it; return where it went.

    Guarantees: when it returns, the server holds the file under its final name and a GET of it (before the
    MOVE) returned exactly the source's bytes, and after the MOVE the final name has the source's size. When it
    raises an UploadError, the final name was not created by this call (the temp upload is deleted when the server
    can still be reached). Errors: UploadAuthFailed (401/403), UploadFolderMissing (404/409), UploadServerFull
    (507/413), UploadServerError (other statuses), UploadNetworkError (no connection, timeout),
    UploadVerifyFailed (the read-back differs), UploadBadUrl.
    """
    path = Path(path)
    name = name or path.name
    parts = urllib.parse.urlsplit(target.url)
    if parts.scheme not in ("http", "https") or not parts.netloc or "@" in parts.netloc:
        raise UploadBadUrl(target.url)
    try:
        size = path.stat().st_size
        want = sha256_file(path)
    except FileNotFoundError:
        raise SourceMissing(path) from None
    _preflight(target)
    final_url = target.file_url(name)
    # Hidden and unique: a watcher ignores it, two uploads never collide. Not ".part": Nextcloud refuses that.
    tmp_url = target.file_url(f".{name}.{uuid.uuid4().hex[:12]}.upload")
    with open(path, "rb") as body:
        _request(target, "PUT", tmp_url, data=body, headers={
            "Content-Length": str(size), "Content-Type": "application/octet-stream"}).close()
    try:
        got_size, got = _remote_sha256(target, tmp_url)
        if got_size != size or got != want:
            raise UploadVerifyFailed(target.host, name)
        _request(target, "MOVE", tmp_url, headers={"Destination": final_url, "Overwrite": "T"}).close()
    except UploadError:
        _delete_quietly(target, tmp_url)
        raise
    with _request(target, "HEAD", final_url) as resp:
        length = resp.headers.get("Content-Length")
    if length is not None and int(length) != size:
        raise UploadVerifyFailed(target.host, name)
    return UploadResult(final_url, size, want)

