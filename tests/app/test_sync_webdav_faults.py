"""The upload on a bad line, against small servers on 127.0.0.1 that misbehave the way real ones do (from a review
of a commune uploading over 3G): a server refusing the file while it arrives (nginx's 413), redirects to https or
to a network's log-in page, a log-in page answering everything, a line cut mid-file, a server trickling bytes,
Stop pressed, HTTPS certificates refused — each said for what it is."""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import socket
import ssl
import threading
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.errors import Cancelled
from app.sync.channels import (UploadFolderMissing, UploadMoved, UploadNetworkError, UploadServerFull,
                               UploadUseHttps)
from app.sync.channels import webdav
from app.sync.channels.webdav import WebDavTarget, upload


class Server:
    """A TCP server on 127.0.0.1 whose every connection is handed to `handle(sock, request)` after the request's
    head is read; `request` = (method, path, headers). Records each request head."""

    def __init__(self, handle, *, tls: ssl.SSLContext | None = None):
        self.handle, self.tls = handle, tls
        self.requests: list[tuple[str, str]] = []
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(8)
        self.port = self.listener.getsockname()[1]
        self._stop = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while not self._stop:
            try:
                sock, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(sock,), daemon=True).start()

    def _one(self, sock):
        try:
            if self.tls is not None:
                sock = self.tls.wrap_socket(sock, server_side=True)
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = sock.recv(1)
                if not chunk:
                    return
                head += chunk
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
            self.requests.append((method, path))
            self.handle(sock, (method, path, headers))
        except (OSError, ssl.SSLError):
            pass
        finally:
            try:
                sock.close()
            except OSError:
                pass

    def url(self, scheme: str = "http") -> str:
        return f"{scheme}://127.0.0.1:{self.port}/inbox/"

    def close(self):
        self._stop = True
        self.listener.close()


def _answer(sock, status: str, headers: dict | None = None, body: bytes = b"") -> None:
    head = f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
    sock.sendall(head.encode() + b"\r\n" + body)


def _dav_ok(sock, request) -> bool:
    """Answer a PROPFIND as a WebDAV folder would; False for anything else."""
    if request[0] == "PROPFIND":
        _answer(sock, "207 Multi-Status", {"Content-Type": "application/xml"}, b"<multistatus/>")
        return True
    return False


def _storing(send_back):
    """A WebDAV folder that keeps what is PUT and answers a GET with `send_back(sock, body)` (how the read-back
    comes back is what a test varies); HEAD gives the stored length, MOVE and the rest succeed."""
    stored = {}

    def handle(sock, request):
        method, _path, headers = request
        if _dav_ok(sock, request):
            return
        if method == "PUT":
            want, got = int(headers["content-length"]), b""
            while len(got) < want:
                got += sock.recv(65536)
            stored["body"] = got
            _answer(sock, "201 Created")
        elif method == "GET":
            send_back(sock, stored["body"])
        elif method == "HEAD":  # the length of what a GET would send, no body
            sock.sendall(f"HTTP/1.1 200 OK\r\nContent-Length: {len(stored['body'])}\r\n"
                         "Connection: close\r\n\r\n".encode())
        else:
            _answer(sock, "201 Created")

    return handle


@pytest.fixture
def servers():
    made = []

    def make(handle, **kw):
        s = Server(handle, **kw)
        made.append(s)
        return s

    yield make
    for s in made:
        s.close()


@pytest.fixture
def big(tmp_path) -> Path:
    p = tmp_path / "00004_1-500_20261123T100000Z.dvb"
    p.write_bytes(os.urandom(3 * 1024 * 1024))
    return p


def _target(server, scheme="http", **kw) -> WebDavTarget:
    return WebDavTarget(server.url(scheme), "xa", "mat-khau", **kw)


def test_a_file_refused_while_it_arrives_is_said_as_the_servers_refusal(servers, big):
    """nginx answers 413 (client_max_body_size, 1 MB by default) at once and closes: that is the server's
    refusal, kept for later like a full server — before, "the connection dropped", and every megabyte sent
    again at each retry."""

    def handle(sock, request):
        if not _dav_ok(sock, request):
            _answer(sock, "413 Request Entity Too Large", {"Content-Type": "text/html"}, b"<h1>413</h1>")

    server = servers(handle)
    with pytest.raises(UploadServerFull) as e:
        upload(big, _target(server))
    assert e.value.params["status"] == 413


def test_redirects_say_use_https_or_the_networks_login_page(servers, big):
    def to_https(sock, request):
        _answer(sock, "301 Moved Permanently", {"Location": f"https://127.0.0.1:{s1.port}{request[1]}"})

    def to_portal(sock, request):
        _answer(sock, "302 Found", {"Location": "http://dangnhap.nhamang.vn/portal?x=1"})

    def moved(sock, request):
        _answer(sock, "301 Moved Permanently", {"Location": "/danvan/inbox/"})

    s1, s2, s3 = servers(to_https), servers(to_portal), servers(moved)
    with pytest.raises(UploadUseHttps) as e:
        upload(big, _target(s1))
    assert not e.value.retryable and f"https://127.0.0.1:{s1.port}/inbox/" in e.value.message("vi")
    with pytest.raises(UploadNetworkError) as e:
        upload(big, _target(s2))
    assert e.value.retryable and "dangnhap.nhamang.vn" in e.value.message("vi") and "trình duyệt" in \
        e.value.message("vi")
    with pytest.raises(UploadMoved) as e:
        upload(big, _target(s3))
    assert not e.value.retryable and "/danvan/inbox/" in e.value.message("vi")
    assert not isinstance(e.value, UploadFolderMissing)


def test_a_login_page_answering_everything_is_not_a_webdav_folder(servers, big):
    server = servers(lambda sock, request: _answer(sock, "200 OK", {"Content-Type": "text/html; charset=utf-8"},
                                                   b"<html>Dang nhap Wi-Fi</html>"))
    with pytest.raises(UploadNetworkError) as e:
        upload(big, _target(server))
    assert "đăng nhập mạng" in e.value.message("vi") and e.value.retryable
    assert [m for m, _ in server.requests] == ["PROPFIND"]  # the file never went up to a web page


def test_a_line_cut_mid_file_leaves_one_temporary_name_that_the_next_try_reuses(servers, big):
    """Each try of the same file uses the same hidden temporary name, so a cut line leaves at most one leftover
    on the server (a random name per try left them piling up for ever)."""

    def handle(sock, request):
        if not _dav_ok(sock, request):
            if request[0] == "PUT":
                sock.recv(100_000)
                sock.shutdown(socket.SHUT_RDWR)  # the line drops
            else:
                _answer(sock, "204 No Content")

    server = servers(handle)
    for _ in range(2):
        with pytest.raises(UploadNetworkError):
            upload(big, _target(server))
    puts = [p for m, p in server.requests if m == "PUT"]
    assert len(puts) == 2 and puts[0] == puts[1]
    assert puts[0].startswith(f"/inbox/.{big.name}.") and puts[0].endswith(".upload")


def test_a_server_trickling_bytes_is_given_up_at_the_requests_deadline(servers, big, monkeypatch):
    monkeypatch.setattr(webdav, "REQUEST_DEADLINE", 1.5)

    def trickle(sock, request):
        for byte in b"HTTP/1.1 207 Multi-Status\r\n" * 100:
            sock.sendall(bytes([byte]))
            time.sleep(0.2)

    server = servers(trickle)
    t0 = time.monotonic()
    with pytest.raises(UploadNetworkError) as e:
        upload(big, _target(server))
    assert time.monotonic() - t0 < 10 and "hết thời gian chờ" in e.value.message("vi")


def test_progress_moves_and_stop_ends_the_upload(servers, big):
    """The bytes going up are reported; Stop (the event set) ends it between two chunks with Cancelled."""
    def slow_reader(sock, request):
        if not _dav_ok(sock, request):
            while sock.recv(16_384):
                time.sleep(0.02)

    server = servers(slow_reader)
    stop = threading.Event()
    seen = []

    def progress(sent, total):
        seen.append((sent, total))
        if sent >= 512 * 1024:
            stop.set()

    with pytest.raises(Cancelled):
        upload(big, _target(server), progress=progress, cancel=stop)
    assert seen[0][1] == big.stat().st_size and [s for s, _ in seen] == sorted(s for s, _ in seen)
    assert seen[-1][0] < big.stat().st_size


# -- HTTPS certificates ---------------------------------------------------------------------------------------------

def _cert(subject: str, issuer_key, issuer_name, key, *, days=(-1, 30), ca=False):
    now = dt.datetime.now(dt.timezone.utc)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    b = (x509.CertificateBuilder().subject_name(name).issuer_name(issuer_name or name).public_key(key.public_key())
         .serial_number(x509.random_serial_number())
         .not_valid_before(now + dt.timedelta(days=days[0])).not_valid_after(now + dt.timedelta(days=days[1])))
    if ca:
        b = b.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    else:
        try:
            alt = x509.IPAddress(ipaddress.ip_address(subject))
        except ValueError:
            alt = x509.DNSName(subject)
        b = b.add_extension(x509.SubjectAlternativeName([alt]), critical=False)
    return b.sign(issuer_key, hashes.SHA256())


@pytest.fixture
def pki(tmp_path, monkeypatch):
    """A root certificate this test trusts (SSL_CERT_FILE) and a maker of server contexts with certificates it
    signs (or a self-signed one)."""
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _cert("Ban Dan van tinh (thu)", ca_key, None, ca_key, days=(-1, 365), ca=True)
    ca_file = tmp_path / "ca.pem"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)

    def context(host: str, *, self_signed=False, days=(-1, 30)):
        key = ec.generate_private_key(ec.SECP256R1())
        cert = _cert(host, key if self_signed else ca_key, None if self_signed else ca.subject, key, days=days)
        stem = tmp_path / f"{host}-{self_signed}-{days[1]}"
        stem.with_suffix(".crt").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        stem.with_suffix(".key").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                               serialization.PrivateFormat.PKCS8,
                                                               serialization.NoEncryption()))
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(stem.with_suffix(".crt"), stem.with_suffix(".key"))
        return ctx

    return context


def test_a_secure_server_trickling_bytes_is_given_up_too(servers, big, pki, monkeypatch):
    """The deadline shuts an HTTPS socket under its read: said as a timeout, like the plain one (not an
    unexpected error)."""
    monkeypatch.setattr(webdav, "REQUEST_DEADLINE", 1.5)

    def trickle(sock, request):
        for byte in b"HTTP/1.1 207 Multi-Status\r\n" * 100:
            sock.sendall(bytes([byte]))
            time.sleep(0.2)

    server = servers(trickle, tls=pki("127.0.0.1"))
    with pytest.raises(UploadNetworkError) as e:
        upload(big, WebDavTarget(f"https://127.0.0.1:{server.port}/inbox/", "xa", "mat-khau"))
    assert "hết thời gian chờ" in e.value.message("vi")


@pytest.mark.parametrize("kind, words", [
    ("self_signed", "không tin chứng chỉ"),
    ("expired", "hết hạn"),
    ("other_name", "không phải của máy chủ này"),
])
def test_https_certificates_refused_are_said_for_what_they_are(servers, big, pki, kind, words):
    """Verification is never switched off; the officer is told which trouble it is (and what to do)."""
    ctx = {"self_signed": lambda: pki("127.0.0.1", self_signed=True),
           "expired": lambda: pki("127.0.0.1", days=(-60, -1)),
           "other_name": lambda: pki("may-chu-khac.vn")}[kind]()
    server = servers(lambda sock, request: _dav_ok(sock, request), tls=ctx)
    with pytest.raises(UploadNetworkError) as e:
        upload(big, WebDavTarget(f"https://127.0.0.1:{server.port}/inbox/", "xa", "mat-khau"))
    assert words in e.value.message("vi"), e.value.message("vi")
    assert server.requests == []  # nothing was sent over a connection that was not trusted


def test_a_slow_read_back_gets_its_share_of_time_as_the_upload_did(servers, tmp_path, monkeypatch):
    """The read-back GET of a large file over a slow line is given time for its size, like the PUT: a flat
    deadline would give up on every bundle larger than a couple of minutes' worth of the line."""
    monkeypatch.setattr(webdav, "REQUEST_DEADLINE", 1.0)
    src = tmp_path / "00004_1-9_20261123T100000Z.dvb"
    src.write_bytes(os.urandom(200_000))
    monkeypatch.setattr(webdav, "MIN_RATE", 200_000 / 6)  # the body's share: six seconds

    def slowly(sock, body):
        sock.sendall(f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode())
        for i in range(0, len(body), 20_000):  # two seconds in all: longer than the flat deadline
            sock.sendall(body[i:i + 20_000])
            time.sleep(0.2)

    server = servers(_storing(slowly))
    result = upload(src, _target(server))
    assert result.size == 200_000


def test_a_busy_servers_retry_after_sets_the_next_try(servers, big, tmp_path):
    """503 with Retry-After: 600 — the queue waits ten minutes, not its first minute of back-off (a busy server
    asked once is not asked again and again); never longer than the longest back-off, an hour."""
    from datetime import datetime, timedelta, timezone

    from app.sync.channels import UploadServerError
    from app.sync.channels.outbox import Outbox

    asked = {"value": "600"}
    server = servers(lambda sock, request: _answer(sock, "503 Service Unavailable",
                                                   {"Retry-After": asked["value"]}))
    with pytest.raises(UploadServerError) as e:
        upload(big, _target(server))
    assert e.value.retry_after == 600 and e.value.retryable
    t0 = datetime(2026, 12, 8, 9, 0, tzinfo=timezone.utc)
    box = Outbox(tmp_path / "outbox.json", lambda path, name: upload(path, _target(server), name=name))
    box.enqueue(big, now=t0)
    [failed] = box.run_once(t0).failed
    assert failed.next_try_at == t0 + timedelta(minutes=10)
    asked["value"] = "Wed, 21 Oct 2099 07:28:00 GMT"  # a date far ahead: capped at the hour
    [failed] = box.run_once(t0 + timedelta(minutes=10)).failed
    assert failed.next_try_at == t0 + timedelta(minutes=70)


def test_a_read_back_cut_short_is_the_line_not_a_damaged_copy(servers, tmp_path):
    """The line drops during the read-back: said as the connection dropping (tried again later), not as "the
    uploaded copy differs from the original", which reads as damage."""
    src = tmp_path / "00004_1-9_20261123T100000Z.dvb"
    src.write_bytes(os.urandom(100_000))

    def cut(sock, body):
        sock.sendall(f"HTTP/1.1 200 OK\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body[:40_000])
        sock.shutdown(socket.SHUT_RDWR)  # the line drops

    server = servers(_storing(cut))
    with pytest.raises(UploadNetworkError) as e:
        upload(src, _target(server))
    assert "ngắt giữa chừng" in e.value.message("vi")
