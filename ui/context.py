"""What every screen gets through its constructor: the session, the window settings and the language.

No globals: tests build a context of their own around a test session.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from app.domain import roles
from app.domain.enums import RECORD_TYPES, ROLE, label
from app.errors import PermissionDenied
from app.paths import APP_NAME
from app.services import backups
from app.services.session import Session
from ui import i18n


WATCH_MS = 3000  # how often the file is asked whether another program wrote it (a cheap PRAGMA)


def settings_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "sodanvan.ini"


def open_settings(path: Path | None = None) -> QSettings:
    """Window state in an INI file in the platformdirs config folder (never the Windows registry), so it
    travels with the user's profile and tests can point it at a temporary folder."""
    path = Path(path or settings_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


class AppContext(QObject):
    records_changed = Signal(str)  # entity ("reception", …) whose rows were added, changed or deleted
    restored_elsewhere = Signal(dict)  # another program restored a backup into the file: {"file", "at", "by"}
    language_changed = Signal(str)  # the new language code ("vi" or "en")
    # Off in the GUI tests (tests/ui/conftest.py): their contexts come and go with each test, and one collected by
    # Python's garbage collector inside its own timer's call crashed Qt. The program's lives as long as it runs.
    watch_outside = True

    def __init__(self, session: Session, settings: QSettings, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.settings = settings
        # Another program writing the same file (a `danvan import` by the district's script, a restore, a second
        # window) is seen within seconds: the screens reload as after a save of their own.
        self._outside = session.outside_changes()
        self._history = backups.history_mark(session)
        self._watch = QTimer(self, interval=WATCH_MS)
        self._watch.timeout.connect(self.look_for_outside_changes)
        if self.watch_outside:
            self._watch.start()

    def look_for_outside_changes(self) -> bool:
        """True (and every screen told) when the file was written by someone else since the last look."""
        now = self.session.outside_changes()
        if now is None:  # logged out, closed
            self._watch.stop()
            return False
        if now == self._outside:
            return False
        self._outside = now
        restored = backups.restored_since(self.session, self._history)
        if restored is not None:
            # The accounts, the data key and every record may be another day's: like a restore made here, the
            # program closes and is opened again on the restored data.
            self._watch.stop()
            self.restored_elsewhere.emit(restored)
            return True
        self._history = backups.history_mark(self.session)
        for entity in RECORD_TYPES:
            self.records_changed.emit(entity)
        return True

    @contextmanager
    def own_restore(self):
        """A restore made by this window: not announced as another program's (the window closes after it)."""
        self._watch.stop()
        try:
            yield
        finally:
            self._outside = self.session.outside_changes()
            if self._outside is not None:  # (None: the session was closed with the window)
                self._history = backups.history_mark(self.session)
                if self.watch_outside:
                    self._watch.start()

    # -- language -----------------------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.session.lang

    def set_language(self, lang: str) -> None:
        if lang not in i18n.LANGUAGES or lang == self.session.lang:
            return
        self.session.lang = lang  # core messages (validation, errors) follow the interface
        self.settings.setValue("language", lang)
        i18n.set_language(lang)
        self.language_changed.emit(lang)

    # -- permissions: the services enforce them; the GUI mirrors them (disabled, with a reason) -----------
    def can(self, permission: str) -> bool:
        return self.session.can(permission)

    def denied_reason(self, permission: str) -> str:
        """The sentence a tooltip shows on a disabled action ("" when the role may do it)."""
        if self.can(permission):
            return ""
        vi, en = roles.ACTION_WORDS.get(permission, (permission, permission))
        return PermissionDenied("perm.denied", role=label(ROLE, self.session.role, self.lang),
                                action=vi if self.lang == "vi" else en).message(self.lang)

    def record_denied_reason(self, entity: str, record_id: str | None, owner: str | None = None) -> str:
        """Why this user cannot change or delete that record ("" when they can): the role, or — at the upper
        level — the record being a commune's, which only that commune changes. `owner`: that unit when the caller
        looked it up already (records.owner_elsewhere)."""
        reason = self.denied_reason(roles.WRITE)
        if reason or not record_id:
            return reason
        from app.errors import DanvanError
        from app.services import records

        owner = owner or records.owner_elsewhere(self.session, entity, record_id)
        return DanvanError("record.other_owner", unit=owner).message(self.lang) if owner else ""

    def notify_changed(self, entity: str) -> None:
        self.records_changed.emit(entity)

    # -- who and where --------------------------------------------------------------------------------------
    @property
    def user_display(self) -> str:
        u = self.session.user or {}
        return u.get("full_name") or u.get("name") or ""

    @property
    def role_label(self) -> str:
        return label(ROLE, self.session.role, self.lang)
