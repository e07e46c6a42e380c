""""Gửi lên máy chủ": a commune's bundles uploaded to its upper level's WebDAV folder through a persistent outbox
(SYNC.md "Channels", app/sync/channels/outbox.py and webdav.py).

Beside the database live, like its sealed keys (`<db>.keys`):
  `<db>.upload.json`    the WebDAV folder URL, the account name and its password sealed for this site's own
                        encryption key (app/sync/selfseal.py) — never in clear, never shown back;
  `<db>.outbox.json`    the queue, with its verified copies in `<db>.outbox-files/`.
Anyone allowed to change settings may save them (sealing needs only the public key); opening the password needs
the site's private keys, i.e. the acting user's own password — the one every export asks for anyway. The GUI keeps
the opened target in memory while it runs, so its timer drains the queue without asking again.

An item whose last failure needs a person (the server refused the account, the folder does not exist) is blocked:
the timer leaves it alone until the settings are saved again or someone presses "Gửi ngay".
"""

from __future__ import annotations

import json
import tempfile
import urllib.parse
from datetime import datetime, timezone
from pathlib import Path

from app.domain import roles
from app.errors import DanvanError, UsageError
from app.io.writers import atomic_path
from app.services import sync_export
from app.services.session import Session
from app.services.sync_keys import unlock
from app.storage import sync_peers
from app.sync import selfseal
from app.sync.channels import ChannelError, UploadBadUrl
from app.sync.channels.outbox import Outbox, OutboxItem, RunReport, due_at, error_text, is_blocked
from app.sync.channels.webdav import WebDavTarget, check_folder, upload

CONFIG_VERSION = 1
CHECK_TIMEOUT = 15.0  # seconds without an answer before "Thử kết nối" says so: the officer is waiting


def config_path(db_path: str | Path) -> Path:
    return Path(str(db_path) + ".upload.json")


def outbox_path(db_path: str | Path) -> Path:
    return Path(str(db_path) + ".outbox.json")


def _context(url: str, username: str) -> str:
    return f"webdav\x1f{url}\x1f{username}"


def _read_config(db_path) -> dict | None:
    try:
        return json.loads(config_path(db_path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise DanvanError("sync.upload.config_damaged", file=str(config_path(db_path))) from exc


def check_url(url: str) -> str:
    """The folder URL cleaned (a trailing /), or UploadBadUrl: http(s), a host, no account inside the URL."""
    url = (url or "").strip()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or "@" in parts.netloc or " " in url:
        raise UploadBadUrl(url)
    return url if url.endswith("/") else url + "/"


def get_settings(session: Session) -> dict:
    """{"url", "username", "has_password", "configured"} — the password itself is never returned."""
    session.require(roles.READ)
    cfg = _read_config(session.path) or {}
    return {"url": cfg.get("url") or "", "username": cfg.get("username") or "",
            "has_password": bool(cfg.get("password")), "configured": bool(cfg.get("url") and cfg.get("password"))}


def save_settings(session: Session, url: str, username: str, password: str | None) -> dict:
    """Store the upload folder and account. `password` None (or "") keeps the stored one — allowed only when the
    URL and account are unchanged, as the sealed password is bound to them. Admins; audited (never the password).
    Unblocks items that waited for a person: the settings were what needed fixing."""
    session.require(roles.MANAGE_SETTINGS)
    url = check_url(url)
    username = (username or "").strip()
    if not username:
        raise UsageError("sync.upload.user_needed")
    found = sync_peers.site_identity(session.db)
    if found is None:
        raise DanvanError("sync.upload.no_keys")
    identity = found[0]
    old = _read_config(session.path) or {}
    if password:
        sealed = selfseal.seal(identity.encryption_key, password, _context(url, username))
    elif old.get("password") and old.get("url") == url and old.get("username") == username:
        sealed = old["password"]
    else:
        raise UsageError("sync.upload.password_needed")
    cfg = {"version": CONFIG_VERSION, "url": url, "username": username, "password": sealed,
           "fingerprint": identity.fingerprint, "saved_at": session.clock.utc_stamp(), "saved_by": session.user_name}
    path = config_path(session.path)
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(cfg, ensure_ascii=False, indent=1), encoding="utf-8")
    session.audit("sync.upload_settings", detail=f"{url} {username}" + (" (mật khẩu mới)" if password else ""))
    unblock(session)
    return {"url": url, "username": username, "has_password": True, "configured": True}


def try_connection(url: str, username: str, password: str) -> dict:
    """"Thử kết nối": the folder asked with these settings before they are relied on — no file is sent, nothing is
    stored. {"ok": True}; otherwise the UploadError an upload would meet, in the officer's words."""
    if not (username or "").strip():
        raise UsageError("sync.upload.user_needed")
    if not password:
        raise UsageError("sync.upload.password_needed")
    check_folder(WebDavTarget(check_url(url), username.strip(), password, timeout=CHECK_TIMEOUT))
    return {"ok": True}


def open_target(session: Session, password: str) -> WebDavTarget:
    """The upload target with its password opened by this site's keys (the acting user's `password` unlocks them).
    DanvanError sync.upload.not_configured when nothing is set up, sync.upload.config_damaged when the stored
    password cannot be opened (saved for other keys): an admin saves the settings again."""
    session.require(roles.EXPORT)
    cfg = _read_config(session.path)
    if not cfg or not cfg.get("url") or not cfg.get("password"):
        raise DanvanError("sync.upload.not_configured")
    unlocked = unlock(session, password)
    secret = selfseal.open_sealed(unlocked.keypair, cfg["password"], _context(cfg["url"], cfg.get("username", "")))
    if secret is None:
        raise DanvanError("sync.upload.config_damaged", file=str(config_path(session.path)))
    return WebDavTarget(cfg["url"], cfg.get("username", ""), secret)


def outbox(session: Session, target: WebDavTarget | None = None, *, clock=None) -> Outbox:
    """This database's upload queue; without a target it can be read and filled, not sent."""

    def send(path: Path, name: str, **progress_and_cancel):
        if target is None:
            raise DanvanError("sync.upload.not_configured")
        return upload(path, target, name=name, **progress_and_cancel)

    return Outbox(outbox_path(session.path), send, clock=clock or (lambda: session_now(session)))


def session_now(session: Session) -> datetime:
    """The session's clock as an aware UTC datetime (DANVAN_NOW and tests fix it)."""
    when = datetime.fromisoformat(session.clock.utc_stamp())
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def unblock(session: Session) -> int:
    """Make blocked items due again (after the settings were fixed); how many."""
    return outbox(session).unblock()


def _item(it: OutboxItem, lang: str, now: datetime | None = None) -> dict:
    """One queued item for the screen; with `now`, its next_try is when it is due then (see outbox.due_at)."""
    next_try = it.next_try if now is None else due_at(it, now).isoformat(timespec="seconds")
    return {"id": it.id, "name": it.name, "size": it.size, "enqueued_at": it.enqueued_at, "attempts": it.attempts,
            "next_try": next_try, "last_try": it.last_try, "last_error": it.last_error,
            "last_error_text": error_text(it, lang), "blocked": is_blocked(it)}


def status(session: Session) -> dict:
    """What the screen shows: {"configured", "url", "username", "items": [...], "waiting": n, "blocked": bool,
    "last_try", "next_try", "last_error_text"} — the last error of the newest failure, in the session's language."""
    session.require(roles.READ)
    cfg = get_settings(session)
    items = outbox(session).items()
    shown = [_item(it, session.lang, session_now(session)) for it in items]
    failed = [it for it in items if it.attempts]
    last = max(failed, key=lambda it: it.last_try or "", default=None)
    return {**cfg, "items": shown, "waiting": len(items),
            "blocked": any(is_blocked(it) for it in items),
            "last_try": max((it.last_try for it in items if it.last_try), default=None),
            "next_try": min((i["next_try"] for i in shown if not i["blocked"]), default=None),
            "last_error": last.last_error if last else None,
            "last_error_text": error_text(last, session.lang) if last else None}


def _summary(rep: RunReport, lang: str) -> dict:
    return {"sent": [it.name for it in rep.sent], "failed": [_item(it, lang) for it in rep.failed],
            "blocked": [it.name for it in rep.blocked], "busy": rep.busy,
            "error": error_text(rep.failed[-1], lang) if rep.failed else None,
            "needs_person": any(is_blocked(it) for it in rep.failed)}


def drain(session: Session, target: WebDavTarget, now: datetime | None = None) -> dict:
    """One run of the queue (the GUI's timer): due items are sent, blocked ones left alone."""
    session.require(roles.EXPORT)
    return _summary(outbox(session, target).run_once(now), session.lang)


def send_now(session: Session, *, password: str, now: datetime | None = None, progress=None, cancel=None) -> dict:
    """"Gửi ngay": write a bundle of everything not yet acknowledged (when there is something), queue it, then
    send the whole queue at once — blocked items and items waiting for their retry time included.

    Returns {"bundle": export_bundle's summary, "sent", "failed", "blocked", "busy", "error", "needs_person",
    "target": the opened WebDavTarget (the GUI keeps it for its timer)}. `progress(sent, total)`: the bytes of the
    file going up; `cancel` (a threading.Event) stops it (Cancelled; the bundle stays queued)."""
    session.require(roles.EXPORT)
    if sync_export.sends_identity(session.db):  # SYNC.md: secrets do not travel over the Internet
        raise DanvanError("sync.identity_usb_only")
    target = open_target(session, password)
    box = outbox(session, target)
    with tempfile.TemporaryDirectory(prefix="danvan-upload-") as tmp:
        bundle = sync_export.export_bundle(session, tmp, password=password)
        if bundle["file"] is not None:
            new = box.enqueue(Path(bundle["file"]), now=now)
            # The new bundle carries every change not yet acknowledged, so bundles still queued from earlier
            # tries hold nothing it does not: they need not go too.
            for old in box.items():
                if old.id != new.id and old.name.endswith(".dvb"):
                    box.remove(old.id)
    rep = box.run_once(now, force=True, progress=progress, cancel=cancel)
    try:
        box.cleanup_spool()  # copies a crash left behind, no item naming them: housekeeping, never a failure
    except (ChannelError, OSError):
        pass
    return {"bundle": bundle, **_summary(rep, session.lang), "target": target}
