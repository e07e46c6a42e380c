"""The first screen on a computer without data: try the program on demo data, set the unit up, or bring the
unit's data from a backup (a new laptop).

The demo database lives beside the real one (app.paths.demo_db_path()), never over it, and is reused when
it already exists.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt
from PySide6.QtWidgets import (QCommandLinkButton, QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout, QWidget)

from app.errors import Cancelled
from app.services import demo
from app.services.database_info import describe_database
from ui import format as fmt
from ui import i18n
from ui.errors import show_error
from ui.widgets.progress import run_with_progress

DEMO_RECORDS = 2000  # records generated for the demo (tests lower it)
_LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}  # each language in its own name: not translated


class FirstRunDialog(QDialog):
    """`exec()` truthy once a database is ready; then `.chosen_path` and `.suggested_login`."""

    def __init__(self, path: Path, settings: QSettings, lang: str = "vi", parent: QWidget | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self.settings = settings
        self.lang = lang
        self.chosen_path: Path | None = None
        self.suggested_login: tuple[str, str] | None = None
        self.wizard = None  # kept, so cancelling and coming back keeps what was typed

        self.title = QLabel("Sổ Dân Vận", objectName="appTitle")
        self.intro = QLabel(wordWrap=True)
        self.demo_button = QCommandLinkButton()
        self.setup_button = QCommandLinkButton()
        self.setup_button.setDefault(True)
        self.restore_button = QCommandLinkButton()  # a new computer: the unit's data come from its backup
        self.where = QLabel(objectName="muted", wordWrap=True,
                            textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self.language_label = QLabel()
        self.language = QComboBox()
        for code in i18n.LANGUAGES:
            self.language.addItem(_LANGUAGE_NAMES.get(code, code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(lang)))
        self.language_label.setBuddy(self.language)
        self.quit_button = QPushButton()

        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 16)
        lay.setSpacing(10)
        lay.addWidget(self.title)
        lay.addWidget(self.intro)
        lay.addSpacing(4)
        lay.addWidget(self.demo_button)
        lay.addWidget(self.setup_button)
        lay.addWidget(self.restore_button)
        lay.addWidget(self.where)
        lay.addStretch(1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.language_label)
        bottom.addWidget(self.language)
        bottom.addStretch(1)
        bottom.addWidget(self.quit_button)
        lay.addLayout(bottom)
        self.setMinimumWidth(560)

        self.demo_button.clicked.connect(self.choose_demo)
        self.setup_button.clicked.connect(self.choose_setup)
        self.restore_button.clicked.connect(lambda: self.choose_restore())
        self.quit_button.clicked.connect(self.reject)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.retranslate_ui()

    # -- the two choices ----------------------------------------------------------------------------------
    def demo_path(self) -> Path:
        from app.paths import demo_db_path

        return demo_db_path()

    def _demo_ready(self, path: Path) -> bool:
        """An existing demo database is reused rather than rebuilt."""
        if not path.exists():
            return False
        try:
            return describe_database(path).demo
        except Exception:  # unreadable: building it again reports the problem in a sentence
            return False

    def choose_demo(self) -> None:
        path = self.demo_path()
        if not self._demo_ready(path):
            path = self.build_demo(self, path, self.lang)
            if path is None:
                return
        self.chosen_path = path
        self.suggested_login = self.demo_login()
        self.accept()

    def choose_setup(self) -> None:
        from ui.dialogs.setup_wizard import SetupWizard

        if self.wizard is None or self.wizard.lang != self.lang:
            self.wizard = SetupWizard(self.path, self.lang, self)
            self.wizard.accepted.connect(self._wizard_done)
        self.wizard.open()

    def choose_restore(self, backup: str | None = None, account: tuple[str, str] | None = None) -> None:
        from ui.dialogs.restore_backup import restore_on_new_computer

        user = restore_on_new_computer(self, self.path, self.lang, backup=backup, account=account)
        if user:
            self.chosen_path = self.path
            self.suggested_login = (user, "")
            self.accept()

    def _wizard_done(self) -> None:
        self.chosen_path = self.path
        self.suggested_login = (self.wizard.admin_name(), "")
        self.accept()

    @staticmethod
    def build_demo(parent: QWidget | None, path: Path, lang: str = "vi") -> Path | None:
        """Build the demo database at `path` in the background (progress, Cancel); None if cancelled or failed
        (the failure already shown)."""
        path = Path(path)
        try:
            run_with_progress(parent, QCoreApplication.translate(
                "FirstRun", "Making the demo data ({n} records)…").format(n=fmt.number(DEMO_RECORDS)),
                demo.build_demo, path, DEMO_RECORDS, lang=lang)
        except Cancelled:
            return None
        except Exception as exc:  # refused (a real database there), disk full…: said in a sentence
            show_error(parent, exc)
            return None
        return path

    @staticmethod
    def demo_login() -> tuple[str, str]:
        acct = next(a for a in demo.demo_accounts() if a["user"] == "demo")
        return acct["user"], acct["password"]

    # -- language -----------------------------------------------------------------------------------------
    def _language_chosen(self) -> None:
        lang = self.language.currentData()
        if lang == self.lang or lang not in i18n.LANGUAGES:
            return
        self.lang = lang
        self.settings.setValue("language", lang)
        i18n.set_language(lang)  # every widget gets LanguageChange and re-translates itself

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("FirstRun", "Welcome — Sổ Dân Vận"))
        self.intro.setText(QCoreApplication.translate(
            "FirstRun", "There is no data on this computer yet. How would you like to start?"))
        self.demo_button.setText(QCoreApplication.translate("FirstRun", "Try it with demo data"))
        if self._demo_ready(self.demo_path()):
            self.demo_button.setDescription(QCoreApplication.translate(
                "FirstRun", "Open the demo ward made earlier again. Demo data is kept in a separate file and "
                            "never mixes with real data."))
        else:
            self.demo_button.setDescription(QCoreApplication.translate(
                "FirstRun", "A sample ward (Phường Ba Đình) with generated receptions, petitions and models, to "
                            "learn the program. It is kept in a separate file and never mixes with real data."))
        self.setup_button.setText(QCoreApplication.translate("FirstRun", "Set up the unit"))
        self.setup_button.setDescription(QCoreApplication.translate(
            "FirstRun", "Choose your province and commune from the official list and create the first "
                        "administrator account."))
        self.restore_button.setText(QCoreApplication.translate("FirstRun", "Restore from a backup"))
        self.restore_button.setDescription(QCoreApplication.translate(
            "FirstRun", "A new or reinstalled computer: put the unit's backup (the .db file copied to a USB stick, "
                        "with its .keys file) on this computer, then log in as before."))
        self.where.setText(QCoreApplication.translate("FirstRun", "The unit's data will be stored in: {path}").format(
            path=str(self.path)))
        self.language_label.setText(QCoreApplication.translate("FirstRun", "&Language:"))
        self.quit_button.setText(QCoreApplication.translate("FirstRun", "Quit"))
