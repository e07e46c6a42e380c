"""Drafts of half-typed forms, saved every few seconds so a crash or a power cut loses nothing.

A draft is a small JSON file beside the database (`drafts/<database name>/`), written atomically (temporary
file, fsync, rename): after a power cut there is either the previous draft or the new one, never half of one.
It is removed when the form is saved or its changes are discarded; on the next start the GUI offers back
whatever is left.

A draft holds what the form holds — ID numbers, a denouncer's name — so, when the session holds the data key, its
data is sealed with it (AES-GCM, bound to the draft's key): the drafts folder reveals no more than the database.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from app.io.writers import atomic_path
from app.protect.cipher import FieldCipher, FieldUnreadable

_KEY_RE = re.compile(r"^[0-9a-f]{32}$")


@dataclass
class Draft:
    key: str
    entity: str
    record_id: str | None  # None for a record not saved yet
    user: str | None
    saved_at: str
    data: dict


class DraftStore:
    def __init__(self, db_path: str | Path, cipher: FieldCipher | None = None):
        db_path = Path(db_path)
        self.folder = db_path.resolve().parent / "drafts" / db_path.name
        self.cipher = cipher

    @staticmethod
    def new_key() -> str:
        return uuid.uuid4().hex

    def _file(self, key: str) -> Path:
        if not _KEY_RE.match(key):
            raise ValueError(f"bad draft key {key!r}")
        return self.folder / f"{key}.json"

    def save(self, key: str, entity: str, record_id: str | None, user: str | None, data: dict) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        doc = {"entity": entity, "record_id": record_id, "user": user,
               "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        if self.cipher is not None:
            raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
            doc["sealed"] = base64.b64encode(self.cipher.seal_bytes(raw, "draft " + key)).decode("ascii")
        else:
            doc["data"] = data
        with atomic_path(self._file(key)) as tmp:
            tmp.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    def discard(self, key: str) -> None:
        try:
            self._file(key).unlink()
        except FileNotFoundError:
            pass

    def pending(self, user: str | None = None) -> list[Draft]:
        """Drafts left from earlier sessions (of `user` when given), oldest first. Unreadable files are skipped
        — a draft is a convenience, never a reason to refuse to start."""
        out = []
        if not self.folder.is_dir():
            return out
        for f in self.folder.glob("*.json"):
            key = f.stem
            if not _KEY_RE.match(key):
                continue
            try:
                doc = json.loads(f.read_text(encoding="utf-8"))
                d = Draft(key, str(doc["entity"]), doc.get("record_id"), doc.get("user"), str(doc["saved_at"]),
                          self._data_of(doc, key))
            except (OSError, ValueError, KeyError, TypeError, binascii.Error, FieldUnreadable):
                continue  # unreadable, or sealed and this session has not the key: left for one that has
            if user is None or d.user == user:
                out.append(d)
        return sorted(out, key=lambda d: d.saved_at)

    def _data_of(self, doc: dict, key: str) -> dict:
        if "sealed" not in doc:
            return dict(doc["data"])
        if self.cipher is None:
            raise FieldUnreadable("draft " + key)
        raw = self.cipher.open_bytes(base64.b64decode(doc["sealed"], validate=True), "draft " + key)
        return dict(json.loads(raw.decode("utf-8")))

    def clear_stale_parts(self) -> None:
        """Remove temporary files a power cut left mid-write (the previous draft is still whole)."""
        if self.folder.is_dir():
            for f in self.folder.glob(".*.part"):
                try:
                    os.unlink(f)
                except OSError:
                    pass
