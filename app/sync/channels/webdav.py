"""Upload to a WebDAV folder (nginx, Apache, Nextcloud, WsgiDAV …) with the standard library only (http.client).

The file goes up under a hidden temp name, is read back and compared by SHA-256, and only then is MOVEd to its
real name — so a watcher of that folder never sees a half-uploaded or damaged file under a sync name. The temp name
is the same for every try of the same file: a try cut short on a 3G line leaves at most one such file on the
server, and the next try writes over it (a random name left one per try, for ever).

Built for a commune's 3G line:
- the body goes in chunks: `progress(sent, total)` after each, `cancel` (a threading.Event) looked at before each —
  the officer sees it move and can stop it (`Cancelled`: nothing counted as a failure);
- a server that refuses the file while it is still arriving (413 too large — nginx takes 1 MB by default —, 507
  full, 401/403) answers before the end and closes the connection: that answer is read and said, where "the
  connection dropped" was retried for ever, each time sending every megabyte again;
- every request has a deadline as a whole, not only DEFAULT_TIMEOUT without a byte moving: a server or proxy
  trickling a byte every 20 seconds held a try for ever (REQUEST_DEADLINE, plus MIN_RATE bytes/s of body);
- a redirect is never followed (it would send the password and the body elsewhere): to https on the same server it
  says to change the address; to another server it is the network's login or top-up page (public Wi-Fi, a 3G plan
  used up) and is tried again later, like a PROPFIND answered with a web page;
- an HTTPS certificate that is refused is said for what it is: expired (often this computer's date), issued by
  nobody this computer trusts (the province's own: install its root certificate in Windows), or for another name.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import socket
import ssl
import threading
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from app.errors import Cancelled
from app.sync.channels import (
    _CHUNK,
    SourceMissing,
    UploadAuthFailed,
    UploadBadUrl,
    UploadError,
    UploadFolderMissing,
    UploadMoved,
    UploadNetworkError,
    UploadServerError,
    UploadServerFull,
    UploadUseHttps,
    UploadVerifyFailed,
    sha256_file,
)

DEFAULT_TIMEOUT = 30.0  # seconds without a byte moving, per request
REQUEST_DEADLINE = 120.0  # seconds for a request as a whole, besides its body's share
MIN_RATE = 2_000  # bytes/s a body may go at and still arrive (a 14 MB bundle: two hours)
_BODY_CHUNK = 64 * 1024  # progress and Stop every 64 KB: ~3 s apart at 20 KB/s


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


@dataclass(frozen=True)
class _Answer:
    status: int
    headers: dict  # lower-case names


# -- what went wrong, in words ----------------------------------------------------------------------------------------

# OpenSSL's verify codes (x509_vfy.h) for the certificate troubles an officer can do something about.
_CERT_DATE = {9, 10}  # not yet valid, expired
_CERT_UNTRUSTED = {18, 19, 20, 21}  # self-signed, self-signed in chain, unknown issuer (local or not)
_CERT_NAME = {62, 64}  # host name, IP address mismatch


def _plain_reason(exc: BaseException) -> tuple[str, str]:
    """What went wrong on the network, (Vietnamese, English), in words an officer can repeat on the phone —
    not "[Errno 111] Connection refused"."""
    reason = exc
    if isinstance(reason, ssl.SSLCertVerificationError):
        code = getattr(reason, "verify_code", None)
        if code in _CERT_DATE:
            return ("chứng chỉ bảo mật (HTTPS) của máy chủ đã hết hạn hoặc chưa có hiệu lực — xem lại ngày giờ của máy "
                    "tính này; nếu ngày giờ đúng, báo cấp trên gia hạn chứng chỉ",
                    "the server's security (HTTPS) certificate has expired or is not valid yet — check this "
                    "computer's date; if it is right, ask the upper level to renew the certificate")
        if code in _CERT_UNTRUSTED:
            return ("máy tính này không tin chứng chỉ bảo mật (HTTPS) của máy chủ: chứng chỉ tự cấp hoặc của một nơi "
                    "cấp chưa được cài — nhờ bộ phận kỹ thuật cài chứng chỉ gốc của cấp trên vào Windows; nếu đang "
                    "dùng Wi-Fi công cộng, mạng có thể đang chặn",
                    "this computer does not trust the server's security (HTTPS) certificate: it is self-signed or "
                    "from an issuer not installed here — ask IT to install the upper level's root certificate in "
                    "Windows; on public Wi-Fi, the network may be intercepting")
        if code in _CERT_NAME:
            return ("chứng chỉ bảo mật (HTTPS) không phải của máy chủ này — sai địa chỉ, hoặc mạng đang chuyển hướng "
                    "(Wi-Fi công cộng, hết dung lượng 3G)",
                    "the security (HTTPS) certificate is not this server's — a wrong address, or the network is "
                    "redirecting (public Wi-Fi, a 3G plan used up)")
        detail = getattr(reason, "verify_message", None) or reason
        return f"lỗi chứng chỉ bảo mật (HTTPS): {detail}", f"security certificate (HTTPS) error: {detail}"
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return "hết thời gian chờ", "timed out"
    if isinstance(reason, ConnectionRefusedError):
        return "máy chủ không nhận kết nối", "the server refused the connection"
    if isinstance(reason, socket.gaierror):
        return "không tìm thấy máy chủ — mất mạng hoặc sai địa chỉ", "server not found — no network or a wrong address"
    if isinstance(reason, (ConnectionResetError, ConnectionAbortedError, BrokenPipeError,
                           http.client.RemoteDisconnected, http.client.IncompleteRead)):
        return "kết nối bị ngắt giữa chừng", "the connection dropped"
    if isinstance(reason, ssl.SSLError):
        detail = getattr(reason, "reason", None) or reason
        return f"lỗi kết nối bảo mật (HTTPS): {detail}", f"secure connection (HTTPS) error: {detail}"
    if isinstance(reason, OSError):
        from app.errors import os_error_text

        return os_error_text(reason, "vi"), os_error_text(reason, "en")
    return str(reason), str(reason)


_DIVERTED = ("mạng đang chuyển hướng sang {where} — có thể cần đăng nhập mạng (Wi-Fi công cộng) hoặc nạp thêm dung "
             "lượng 3G: mở trình duyệt để xem",
             "the network is redirecting to {where} — it may want a log-in (public Wi-Fi) or a 3G top-up: open a "
             "web browser to see")


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date (RFC 9110); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        from datetime import datetime, timezone
        from email.utils import parsedate_to_datetime

        return max(0.0, (parsedate_to_datetime(value) - datetime.now(timezone.utc)).total_seconds())
    except (TypeError, ValueError):
        return None


def _status_error(target: WebDavTarget, url: str, status: int, location: str | None = None,
                  retry_after: str | None = None) -> UploadError:
    if 300 <= status < 400:
        to = urllib.parse.urlsplit(urllib.parse.urljoin(url, location or ""))
        here = urllib.parse.urlsplit(target.url)
        if to.hostname == here.hostname and to.scheme == "https" and here.scheme == "http":
            return UploadUseHttps(target.url, urllib.parse.urlunsplit(here._replace(scheme="https")))
        if to.hostname and to.hostname != here.hostname:
            vi, en = _DIVERTED
            return UploadNetworkError(target.host, vi.format(where=to.hostname), en.format(where=to.hostname))
        return UploadMoved(target.url, urllib.parse.urlunsplit(to), status)
    if status in (401, 403):
        return UploadAuthFailed(target.host, target.username, status)
    if status in (404, 405, 409):
        return UploadFolderMissing(target.url, status)  # 409: a parent folder is missing (RFC 4918)
    if status in (413, 507):
        return UploadServerFull(target.host, status)
    return UploadServerError(target.host, status, _retry_after(retry_after))  # 429, 5xx: busy or failing


# -- one request ------------------------------------------------------------------------------------------------------

def _connection(target: WebDavTarget, parts: urllib.parse.SplitResult) -> http.client.HTTPConnection:
    if parts.scheme == "https":
        return http.client.HTTPSConnection(parts.hostname, parts.port, timeout=target.timeout,
                                           context=ssl.create_default_context())
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=target.timeout)


def _early_answer(conn: http.client.HTTPConnection) -> http.client.HTTPResponse | None:
    """The answer a server sent before it closed the connection on a body it did not want, if it can be read."""
    try:
        if conn.sock is not None:
            conn.sock.settimeout(5)
        return conn.getresponse()
    except (OSError, http.client.HTTPException):
        return None


def _request(target: WebDavTarget, method: str, url: str, *, headers: dict | None = None, body: Path | None = None,
             size: int = 0, expect: int = 0, progress=None, cancel=None, sink=None) -> _Answer:
    """One request on its own connection, its answer read whole (into `sink(chunk)` when given). A 2xx answer is
    returned; any other is raised as its UploadError, and so is a network failure (UploadNetworkError). `size`:
    the body's bytes; `expect`: the answer's (a read-back) — both give the request its share of time."""
    parts = urllib.parse.urlsplit(url)
    conn = _connection(target, parts)
    expired = threading.Event()

    def expire() -> None:  # the whole request took too long: wake the read or write that waits
        expired.set()
        sock = conn.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    watchdog = threading.Timer(REQUEST_DEADLINE + (size + expect) / MIN_RATE, expire)
    watchdog.daemon = True
    watchdog.start()
    try:
        try:
            conn.putrequest(method, parts.path + (f"?{parts.query}" if parts.query else ""), skip_accept_encoding=True)
            auth = base64.b64encode(f"{target.username}:{target.password}".encode()).decode("ascii")
            conn.putheader("Authorization", f"Basic {auth}")  # sent at once, so the body is not sent twice
            for k, v in (headers or {}).items():
                conn.putheader(k, v)
            if body is not None or method in ("PUT", "MOVE", "DELETE"):
                conn.putheader("Content-Length", str(size))
            conn.endheaders()
            if body is not None:
                try:
                    _send_body(conn, body, size, progress, cancel)
                except (OSError, http.client.HTTPException) as exc:
                    early = None if expired.is_set() else _early_answer(conn)
                    if early is not None and early.status >= 300:
                        raise _status_error(target, url, early.status, early.getheader("Location"),
                                            early.getheader("Retry-After")) from None
                    raise exc
            resp = conn.getresponse()
            if resp.status >= 300:
                raise _status_error(target, url, resp.status, resp.getheader("Location"),
                                    resp.getheader("Retry-After"))
            got = 0
            while chunk := resp.read(_CHUNK):
                got += len(chunk)
                if sink is not None:
                    sink(chunk)
            length = resp.getheader("Content-Length")
            if method != "HEAD" and length is not None and length.isdigit() and got < int(length):
                # http.client ends a sized read at the connection's end without a word: the line dropped
                raise http.client.IncompleteRead(b"", int(length) - got)
            return _Answer(resp.status, {k.lower(): v for k, v in resp.getheaders()})
        except (OSError, http.client.HTTPException, ValueError) as exc:
            # ValueError: an HTTPS socket the deadline shut under a read ("Read on closed … SSL socket")
            if expired.is_set():
                raise UploadNetworkError(target.host, "hết thời gian chờ", "timed out") from exc
            raise UploadNetworkError(target.host, *_plain_reason(exc)) from exc
    finally:
        watchdog.cancel()
        conn.close()


def _send_body(conn: http.client.HTTPConnection, body: Path, size: int, progress, cancel) -> None:
    sent = 0
    with open(body, "rb") as fh:
        while True:
            if cancel is not None and cancel.is_set():
                raise Cancelled()
            chunk = fh.read(_BODY_CHUNK)
            if not chunk:
                return
            conn.send(chunk)
            sent += len(chunk)
            if progress is not None:
                progress(sent, size)


def _remote_sha256(target: WebDavTarget, url: str, size: int) -> tuple[int, str]:
    h = hashlib.sha256()
    n = 0

    def take(chunk: bytes) -> None:
        nonlocal n
        h.update(chunk)
        n += len(chunk)

    _request(target, "GET", url, sink=take, expect=size)  # a 14 MB read-back over 3G takes minutes too
    return n, h.hexdigest()


def _delete_quietly(target: WebDavTarget, url: str) -> None:
    try:
        _request(target, "DELETE", url)
    except UploadError:
        pass


def _preflight(target: WebDavTarget) -> None:
    """Ask about the folder before sending the body: a server refusing the account or missing the folder says so
    at once, before megabytes go up. A web page in answer (200, HTML) is the network's log-in page, not WebDAV."""
    folder = target.url if target.url.endswith("/") else target.url + "/"
    try:
        answer = _request(target, "PROPFIND", folder, headers={"Depth": "0"})
    except (UploadFolderMissing, UploadServerError) as exc:
        if exc.params.get("status") in (405, 501):
            return  # a server without PROPFIND (plain nginx dav): the PUT will tell
        raise
    if answer.status == 200 and "html" in (answer.headers.get("content-type") or "").lower():
        vi, en = _DIVERTED
        where = "một trang web"
        raise UploadNetworkError(target.host, vi.format(where=where), en.format(where="a web page"))


def _refuse_bad_url(target: WebDavTarget) -> None:
    parts = urllib.parse.urlsplit(target.url)
    if parts.scheme not in ("http", "https") or not parts.netloc or "@" in parts.netloc:
        raise UploadBadUrl(target.url)


def check_folder(target: WebDavTarget) -> None:
    """Ask the folder whether this account may use it (the settings' "Thử kết nối"), sending no file; raises the
    UploadError an upload would meet first (UploadBadUrl, UploadAuthFailed, UploadFolderMissing, network …)."""
    _refuse_bad_url(target)
    _preflight(target)


def upload(path: Path, target: WebDavTarget, *, name: str | None = None, progress=None,
           cancel=None) -> UploadResult:
    """PUT `path` into the target folder as `name` (default its own name) and verify it; return where it went.

    Guarantees: when it returns, the server holds the file under its final name and a GET of it (before the
    MOVE) returned exactly the source's bytes, and after the MOVE the final name has the source's size. When it
    raises an UploadError, the final name was not created by this call (the temp upload is deleted when the server
    can still be reached). Errors: UploadAuthFailed (401/403), UploadFolderMissing (404/409), UploadServerFull
    (507/413), UploadServerError (other statuses), UploadUseHttps / UploadMoved (redirected), UploadNetworkError
    (no connection, timeout, the network's log-in page), UploadVerifyFailed (the read-back differs), UploadBadUrl;
    Cancelled when `cancel` was set while the body went up.
    """
    path = Path(path)
    name = name or path.name
    _refuse_bad_url(target)
    try:
        size = path.stat().st_size
        want = sha256_file(path)
    except FileNotFoundError:
        raise SourceMissing(path) from None
    _preflight(target)
    final_url = target.file_url(name)
    # Hidden, and the same for every try of these bytes: a watcher ignores it, a new try writes over the last one's.
    # Not ".part": Nextcloud refuses that.
    tmp_url = target.file_url(f".{name}.{want[:12]}.upload")
    try:
        _request(target, "PUT", tmp_url, body=path, size=size, progress=progress, cancel=cancel,
                 headers={"Content-Type": "application/octet-stream"})
        got_size, got = _remote_sha256(target, tmp_url, size)
        if got_size != size or got != want:
            raise UploadVerifyFailed(target.host, name)
        _request(target, "MOVE", tmp_url, headers={"Destination": final_url, "Overwrite": "T"})
    except UploadError:
        _delete_quietly(target, tmp_url)  # when the server can still be reached; else the next try overwrites it
        raise
    length = _request(target, "HEAD", final_url).headers.get("content-length")
    if length is not None and int(length) != size:
        raise UploadVerifyFailed(target.host, name)
    return UploadResult(final_url, size, want)
