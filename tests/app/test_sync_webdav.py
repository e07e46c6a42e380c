"""The upload channel against a real WebDAV server (WsgiDAV + cheroot in a thread on 127.0.0.1, basic auth)."""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

pytest.importorskip("wsgidav")
from cheroot import wsgi  # noqa: E402
from wsgidav.wsgidav_app import WsgiDAVApp  # noqa: E402

from app.sync.channels import (  # noqa: E402
    UploadAuthFailed,
    UploadBadUrl,
    UploadFolderMissing,
    UploadNetworkError,
    sha256_file,
)
from app.sync.channels.outbox import Outbox  # noqa: E402
from app.sync.channels.webdav import WebDavTarget, upload  # noqa: E402

USER, PASSWORD = "xa-an-binh", "mật-khẩu đúng"
T0 = datetime(2026, 3, 15, 8, 0, tzinfo=timezone.utc)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DavServer:
    """A WsgiDAV share of `root` on 127.0.0.1:`port`; start() and stop() may be called again (down, then up)."""

    def __init__(self, root: Path, port: int):
        self.root, self.port = root, port
        self._server: wsgi.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        config = {
            "host": "127.0.0.1",
            "port": self.port,
            "provider_mapping": {"/": str(self.root)},
            "http_authenticator": {"domain_controller": None, "accept_basic": True, "accept_digest": False,
                                   "default_to_digest": False, "trusted_auth_header": None},
            "simple_dc": {"user_mapping": {"*": {USER: {"password": PASSWORD, "roles": []}}}},
            "verbose": 0,
            "logging": {"enable": False, "enable_loggers": []},
            "property_manager": True,
            "lock_storage": True,
        }
        server = wsgi.Server(("127.0.0.1", self.port), WsgiDAVApp(config), numthreads=4, shutdown_timeout=1)
        server.prepare()  # binds now, so a request right after start() cannot race the thread
        self._server = server
        self._thread = threading.Thread(target=server.serve, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()
            self._thread.join(timeout=5)
            self._server = self._thread = None

    def url(self, folder: str = "inbox/") -> str:
        return f"http://127.0.0.1:{self.port}/{folder}"


@pytest.fixture
def dav(tmp_path):
    logging.getLogger("wsgidav").setLevel(logging.ERROR)
    root = tmp_path / "share"
    (root / "inbox").mkdir(parents=True)
    server = DavServer(root, _free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()  # always, even when the test failed with the server up or down


@pytest.fixture
def bundle(tmp_path) -> Path:
    p = tmp_path / "export" / "79001_1-40_20260315T080000Z.dvb"
    p.parent.mkdir()
    p.write_bytes(os.urandom(2 * 1024 * 1024 + 17))
    return p


def test_upload_puts_an_identical_file_and_leaves_no_temp(dav, bundle):
    """A PUT with the right account lands a byte-identical file under its name, and no temp upload remains."""
    res = upload(bundle, WebDavTarget(dav.url(), USER, PASSWORD, timeout=10))
    on_server = dav.root / "inbox" / bundle.name
    assert sha256_file(on_server) == sha256_file(bundle) == res.sha256 and res.size == bundle.stat().st_size
    assert [p.name for p in (dav.root / "inbox").iterdir()] == [bundle.name]
    assert res.url == dav.url() + bundle.name


def test_wrong_password_is_the_account_error(dav, bundle):
    """A wrong password gives UploadAuthFailed (401) naming the account, never the password; nothing is stored."""
    target = WebDavTarget(dav.url(), USER, "sai", timeout=10)
    with pytest.raises(UploadAuthFailed) as info:
        upload(bundle, target)
    msg = info.value.message("vi")
    assert info.value.params["status"] == 401 and USER in msg and "sai" not in repr(target)
    assert list((dav.root / "inbox").iterdir()) == []


def test_missing_folder_and_bad_url_say_so(dav, bundle):
    """A folder that does not exist on the server (409/404) and a malformed URL each have their own error."""
    with pytest.raises(UploadFolderMissing):
        upload(bundle, WebDavTarget(dav.url("no-such-folder/"), USER, PASSWORD, timeout=10))
    with pytest.raises(UploadBadUrl):
        upload(bundle, WebDavTarget(f"http://{USER}:{PASSWORD}@127.0.0.1:{dav.port}/inbox/", USER, PASSWORD))
    with pytest.raises(UploadBadUrl):
        upload(bundle, WebDavTarget("ftp://127.0.0.1/inbox/", USER, PASSWORD))


def test_outbox_waits_while_the_server_is_down_and_sends_when_it_is_back(dav, bundle, tmp_path):
    """Server stopped: the outbox keeps the bundle with a retry time; server up again: at that time it goes."""
    target = WebDavTarget(dav.url(), USER, PASSWORD, timeout=5)
    outbox = Outbox(tmp_path / "db" / "outbox.json", lambda path, name: upload(path, target, name=name))
    item = outbox.enqueue(bundle, now=T0)

    dav.stop()
    rep = outbox.run_once(T0)
    [kept] = outbox.items()
    assert [i.id for i in rep.failed] == [item.id] and kept.last_error == "sync.upload.network"
    assert kept.next_try_at == T0 + timedelta(minutes=1)
    assert (outbox.spool_dir / kept.spool).exists()
    with pytest.raises(UploadNetworkError):
        upload(bundle, target)

    dav.start()
    assert outbox.run_once(T0 + timedelta(seconds=30)).waiting  # back-off respected: not tried yet
    rep = Outbox(outbox.state_path, outbox._send).run_once(kept.next_try_at)  # a restarted app, at retry time
    assert [i.id for i in rep.sent] == [item.id]
    assert outbox.items() == [] and list(outbox.spool_dir.iterdir()) == []
    assert sha256_file(dav.root / "inbox" / bundle.name) == sha256_file(bundle)


def test_a_stopped_server_is_said_in_plain_words(dav, bundle):
    """With the server stopped the error names the host and says the server takes no connection — not the
    operating system's "[Errno 111]"."""
    dav.stop()
    with pytest.raises(UploadNetworkError) as info:
        upload(bundle, WebDavTarget(dav.url(), USER, PASSWORD, timeout=5))
    msg = info.value.message("vi")
    assert "127.0.0.1" in msg and "máy chủ không nhận kết nối" in msg and "Errno" not in msg
