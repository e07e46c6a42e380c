"""Setting a unit up: its level, province and commune from the official list, the first administrator account,
and where the data file will live. The database is made by app.services.setup on Finish; an error keeps the
wizard open with everything typed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QFormLayout, QGridLayout, QLabel, QLineEdit,
                               QListView, QRadioButton, QVBoxLayout, QWidget, QWizard, QWizardPage)

from app.domain import units
from app.domain.enums import LEVEL, label
from app.errors import DanvanError, UsageError
from app.services import accounts, setup
from ui import format as fmt
from ui.errors import show_error
from ui.models.units import UnitListModel
from ui.widgets.screen_fit import fit_to_screen

PAGE_LEVEL, PAGE_PROVINCE, PAGE_COMMUNE, PAGE_ACCOUNT, PAGE_SUMMARY = range(5)


class LevelPage(QWizardPage):
    """Commune level (the usual case) or upper level; an upper level may name its district."""

    def __init__(self, wizard: "SetupWizard"):
        super().__init__(wizard)  # owned by the wizard from the start (no Python-owned page to double-free)
        self.w = wizard
        self.commune = QRadioButton()
        self.upper = QRadioButton()
        self.commune.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.commune)
        group.addButton(self.upper)
        self.commune_note = QLabel(objectName="muted", wordWrap=True)
        self.upper_note = QLabel(objectName="muted", wordWrap=True)
        self.district_label = QLabel()
        self.district = QLineEdit()
        self.district.setMaxLength(120)
        self.district_label.setBuddy(self.district)
        lay = QVBoxLayout(self)
        lay.addWidget(self.commune)
        lay.addWidget(self._indented(self.commune_note))
        lay.addSpacing(10)
        lay.addWidget(self.upper)
        lay.addWidget(self._indented(self.upper_note))
        form = QFormLayout()
        form.setContentsMargins(26, 4, 0, 0)
        form.addRow(self.district_label, self.district)
        lay.addLayout(form)
        lay.addStretch(1)
        self.upper.toggled.connect(self._level_changed)
        self._level_changed()

    @staticmethod
    def _indented(w: QWidget) -> QWidget:
        w.setContentsMargins(26, 0, 0, 0)
        return w

    def level(self) -> str:
        return units.UPPER if self.upper.isChecked() else units.COMMUNE

    def _level_changed(self) -> None:
        upper = self.upper.isChecked()
        self.district.setEnabled(upper)
        self.district_label.setEnabled(upper)

    def nextId(self) -> int:
        return PAGE_PROVINCE

    def retranslate_ui(self) -> None:
        lang = self.w.lang
        self.setTitle(QCoreApplication.translate("SetupWizard", "Level of the unit"))
        self.setSubTitle(QCoreApplication.translate(
            "SetupWizard", "Which level keeps this book? Most units are at commune level."))
        self.commune.setText(label(LEVEL, units.COMMUNE, lang))
        self.upper.setText(label(LEVEL, units.UPPER, lang))
        self.commune_note.setText(QCoreApplication.translate(
            "SetupWizard", "A commune, ward or special zone: receptions, petitions, models and dialogues of the unit."))
        self.upper_note.setText(QCoreApplication.translate(
            "SetupWizard", "A province or city (or a district where that level still works) that receives the "
                           "communes' data."))
        self.district_label.setText(QCoreApplication.translate("SetupWizard", "District (if any):"))
        self.district.setPlaceholderText(QCoreApplication.translate(
            "SetupWizard", "Leave empty for the province itself"))


class _FilterKeys(QObject):
    """Up/Down/PageUp/PageDown typed in the filter box move the list's selection: the hands stay on the keys."""

    KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown}

    def __init__(self, view: QListView):
        super().__init__(view)
        self.view = view

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in self.KEYS:
            QCoreApplication.sendEvent(self.view, QKeyEvent(event.type(), event.key(), event.modifiers()))
            return True
        return False


class UnitPage(QWizardPage):
    """A filter box over the official list: as you type, diacritic-blind; the best match is preselected."""

    def __init__(self, wizard: "SetupWizard", level: str):
        super().__init__(wizard)  # owned by the wizard from the start (no Python-owned page to double-free)
        self.w = wizard
        self.level = level
        self.model = UnitListModel(level, parent=self)
        self.filter_label = QLabel()
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter_label.setBuddy(self.filter)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        self.count = QLabel(objectName="muted")
        lay = QVBoxLayout(self)
        lay.addWidget(self.filter_label)
        lay.addWidget(self.filter)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.count)
        self.filter.installEventFilter(_FilterKeys(self.view))
        self.filter.textChanged.connect(self._filter_changed)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.completeChanged.emit())
        self.view.doubleClicked.connect(lambda _i: self.wizard().next())
        self._chosen: str | None = None
        self.setFocusProxy(self.filter)

    # -- choosing -----------------------------------------------------------------------------------------
    def selected(self) -> units.Unit | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.unit(rows[0].row()) if rows else None

    def select_code(self, code: str | None) -> bool:
        row = self.model.row_of(code)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)
        return True

    def _filter_changed(self, text: str) -> None:
        self.model.set_filter(text)
        if self.model.rowCount():  # the best match (ranked by the core): Enter takes it
            self.select_code(self.model.unit(0).code)
        self._update_count()
        self.completeChanged.emit()

    def _update_count(self) -> None:
        n = self.model.rowCount()
        if n == 0:
            self.count.setText(QCoreApplication.translate(
                "SetupWizard", "Nothing matches; check the spelling or type fewer words."))
        elif n == 1:
            self.count.setText(QCoreApplication.translate("SetupWizard", "1 match"))
        elif self.level == units.UPPER:
            self.count.setText(QCoreApplication.translate("SetupWizard", "{n} provinces and cities").format(
                n=fmt.number(n)))
        else:
            self.count.setText(QCoreApplication.translate("SetupWizard", "{n} communes, wards and special zones").format(
                n=fmt.number(n)))

    # -- QWizardPage --------------------------------------------------------------------------------------
    def initializePage(self) -> None:
        if self.level == units.COMMUNE:
            province = self.w.province()
            code = province.code if province else None
            if code != self.model.province_code:
                self.filter.blockSignals(True)
                self.filter.clear()
                self.filter.blockSignals(False)
                self.model.set_filter("")
                self.model.set_province(code)
        self.retranslate_ui()
        self.filter.setFocus()

    def cleanupPage(self) -> None:
        pass  # going back keeps the filter and the choice

    def isComplete(self) -> bool:
        return self.selected() is not None

    def nextId(self) -> int:
        if self.level == units.UPPER and self.w.level() == units.COMMUNE:
            return PAGE_COMMUNE
        return PAGE_ACCOUNT

    def retranslate_ui(self) -> None:
        if self.level == units.UPPER:
            self.setTitle(QCoreApplication.translate("SetupWizard", "Province or city"))
            self.setSubTitle(QCoreApplication.translate(
                "SetupWizard", "Pick the province or city of the unit (34 after the 2025 reorganisation)."))
        else:
            province = self.w.province()
            self.setTitle(QCoreApplication.translate("SetupWizard", "Commune, ward or special zone"))
            self.setSubTitle(QCoreApplication.translate("SetupWizard", "Pick your unit in {province}.").format(
                province=province.name if province else ""))
        self.filter_label.setText(QCoreApplication.translate("SetupWizard", "&Find by name:"))
        self.filter.setPlaceholderText(QCoreApplication.translate(
            "SetupWizard", "Type part of the name — accents are optional, e.g. \"ba dinh\""))
        self._update_count()


class AccountPage(QWizardPage):
    """The first administrator: user name, password typed twice; messages beside the fields."""

    def __init__(self, wizard: "SetupWizard"):
        super().__init__(wizard)  # owned by the wizard from the start (no Python-owned page to double-free)
        self.w = wizard
        self.user = QLineEdit()
        self.user.setMaxLength(32)
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.user_label, self.password_label, self.confirm_label = QLabel(), QLabel(), QLabel()
        self.user_error = QLabel(objectName="fieldError", wordWrap=True)
        self.password_error = QLabel(objectName="fieldError", wordWrap=True)
        self.confirm_error = QLabel(objectName="fieldError", wordWrap=True)
        self.user_hint = QLabel(objectName="muted", wordWrap=True)
        self.password_hint = QLabel(objectName="muted", wordWrap=True)
        self.note = QLabel(wordWrap=True)
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        row = 0
        for lab, edit, hint, err in ((self.user_label, self.user, self.user_hint, self.user_error),
                                     (self.password_label, self.password, self.password_hint, self.password_error),
                                     (self.confirm_label, self.confirm, None, self.confirm_error)):
            lab.setBuddy(edit)
            grid.addWidget(lab, row, 0)
            grid.addWidget(edit, row, 1)
            row += 1
            if hint is not None:
                grid.addWidget(hint, row, 1)
                row += 1
            grid.addWidget(err, row, 1)
            err.hide()
            row += 1
        grid.addWidget(self.note, row, 0, 1, 2)
        grid.setRowStretch(row + 1, 1)
        for edit, err in ((self.user, self.user_error), (self.password, self.password_error),
                          (self.confirm, self.confirm_error)):
            edit.textEdited.connect(lambda _t, e=err: self._show(e, ""))

    def initializePage(self) -> None:
        self.retranslate_ui()

    def cleanupPage(self) -> None:
        pass  # keep what was typed when going back

    def _show(self, err: QLabel, text: str) -> None:
        err.setText(text)
        err.setVisible(bool(text))
        hint = {id(self.user_error): self.user_hint, id(self.password_error): self.password_hint}.get(id(err))
        if hint is not None:  # the message says what the hint says: one of them at a time
            hint.setVisible(not text)

    def validatePage(self) -> bool:
        lang = self.w.lang
        first_bad = None
        try:
            accounts.check_user_name(self.user.text().strip())
            self._show(self.user_error, "")
        except UsageError as exc:
            self._show(self.user_error, exc.message(lang))
            first_bad = first_bad or self.user
        try:
            accounts.check_new_password(self.password.text())
            self._show(self.password_error, "")
        except DanvanError as exc:  # a weak password: bad input, shown beside its field
            self._show(self.password_error, exc.message(lang))
            first_bad = first_bad or self.password
        if self.confirm.text() != self.password.text():
            self._show(self.confirm_error, QCoreApplication.translate(
                "SetupWizard", "The two passwords are not the same; type the password again."))
            first_bad = first_bad or self.confirm
        else:
            self._show(self.confirm_error, "")
        if first_bad is not None:
            first_bad.setFocus()
            first_bad.selectAll()
            return False
        return True

    def nextId(self) -> int:
        return PAGE_SUMMARY

    def retranslate_ui(self) -> None:
        self.setTitle(QCoreApplication.translate("SetupWizard", "First administrator account"))
        self.setSubTitle(QCoreApplication.translate(
            "SetupWizard", "This account manages users and settings; add the officers' accounts later in "
                           "Administration."))
        self.user_label.setText(QCoreApplication.translate("SetupWizard", "&User name:"))
        self.password_label.setText(QCoreApplication.translate("SetupWizard", "&Password:"))
        self.confirm_label.setText(QCoreApplication.translate("SetupWizard", "&Confirm password:"))
        self.user.setPlaceholderText(QCoreApplication.translate("SetupWizard", "e.g. quantri"))
        self.user_hint.setText(QCoreApplication.translate(
            "SetupWizard", "Letters without accents, digits, dot, hyphen or underscore; 2 to 32 characters."))
        self.password_hint.setText(QCoreApplication.translate("SetupWizard", "At least {n} characters.").format(
            n=accounts.MIN_PASSWORD))
        self.note.setText(QCoreApplication.translate(
            "SetupWizard", "Keep this password safe: for now it is the only account that can add users."))


class SummaryPage(QWizardPage):
    """Everything chosen, and where the data file will live; Finish makes the database."""

    def __init__(self, wizard: "SetupWizard"):
        super().__init__(wizard)  # owned by the wizard from the start (no Python-owned page to double-free)
        self.w = wizard
        self.form = QFormLayout(self)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels = {k: QLabel() for k in ("level", "unit", "province", "district", "admin", "path")}
        self.values = {k: QLabel(wordWrap=True, textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
                       for k in self.labels}
        for k in self.labels:
            self.form.addRow(self.labels[k], self.values[k])
        self.note = QLabel(objectName="muted", wordWrap=True)
        self.form.addRow(self.note)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        self.retranslate_ui()
        w = self.w
        unit = w.unit()
        district = w.district()
        self.values["level"].setText(label(LEVEL, w.level(), w.lang))
        self.values["unit"].setText(unit.name if unit else "")
        self.values["province"].setText(unit.province_name if unit else "")
        self.values["district"].setText(district)
        self.form.setRowVisible(self.labels["district"], bool(district))
        self.form.setRowVisible(self.labels["province"], w.level() == units.COMMUNE)
        self.values["admin"].setText(w.admin_name())
        self.values["path"].setText(str(w.path))

    def validatePage(self) -> bool:
        return self.w.create()

    def nextId(self) -> int:
        return -1

    def retranslate_ui(self) -> None:
        self.setTitle(QCoreApplication.translate("SetupWizard", "Check and create"))
        self.setSubTitle(QCoreApplication.translate(
            "SetupWizard", "Press Finish to create the unit's data file. Go back to change anything."))
        texts = {
            "level": QCoreApplication.translate("SetupWizard", "Level:"),
            "unit": QCoreApplication.translate("SetupWizard", "Unit:"),
            "province": QCoreApplication.translate("SetupWizard", "Province or city:"),
            "district": QCoreApplication.translate("SetupWizard", "District:"),
            "admin": QCoreApplication.translate("SetupWizard", "Administrator:"),
            "path": QCoreApplication.translate("SetupWizard", "Data file:"),
        }
        for k, t in texts.items():
            self.labels[k].setText(t)
        self.note.setText(QCoreApplication.translate(
            "SetupWizard", "Everything is stored in this one file on this computer. Back it up regularly "
                           "(Administration → Backups)."))


class SetupWizard(QWizard):
    """`exec()`/`open()` → accepted once the database exists at `path`; then `.result_info` (the core's
    answer) and `.admin_login` (user name, password)."""

    def __init__(self, path: Path, lang: str = "vi", parent: QWidget | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self.lang = lang
        self.result_info: dict | None = None
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        self.level_page = LevelPage(self)
        self.province_page = UnitPage(self, units.UPPER)
        self.commune_page = UnitPage(self, units.COMMUNE)
        self.account_page = AccountPage(self)
        self.summary_page = SummaryPage(self)
        for pid, page in ((PAGE_LEVEL, self.level_page), (PAGE_PROVINCE, self.province_page),
                          (PAGE_COMMUNE, self.commune_page), (PAGE_ACCOUNT, self.account_page),
                          (PAGE_SUMMARY, self.summary_page)):
            self.setPage(pid, page)
        self.setStartId(PAGE_LEVEL)
        fit_to_screen(self, 760, 560)
        self.retranslate_ui()

    # -- what was chosen ----------------------------------------------------------------------------------
    def level(self) -> str:
        return self.level_page.level()

    def province(self) -> units.Unit | None:
        return self.province_page.selected()

    def unit(self) -> units.Unit | None:
        """The unit the database belongs to: the commune, or for the upper level the province itself."""
        return self.commune_page.selected() if self.level() == units.COMMUNE else self.province()

    def district(self) -> str:
        return self.level_page.district.text().strip() if self.level() == units.UPPER else ""

    def admin_name(self) -> str:
        return self.account_page.user.text().strip()

    @property
    def admin_login(self) -> tuple[str, str]:
        return self.admin_name(), self.account_page.password.text()

    # -- creating -----------------------------------------------------------------------------------------
    def create(self) -> bool:
        """Make the database; on any error say so and keep the wizard (and what was typed) open."""
        unit = self.unit()
        if unit is None:
            return False
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            self.result_info = setup.init(self.path, unit.code, self.level(), self.admin_name(),
                                          self.account_page.password.text(), district=self.district() or None,
                                          lang=self.lang)
        except Exception as exc:  # refused by the core, a folder not writable, a full disk…: said in a sentence
            self.unsetCursor()
            show_error(self, exc)
            return False
        self.unsetCursor()
        if self.result_info.get("recovery_key"):
            self.present_recovery_key(self.result_info["recovery_key"], unit.name)
        return True

    def present_recovery_key(self, key: str, unit_name: str) -> None:
        """Shown once, before anything else: the only way back to the encrypted data if passwords are lost."""
        from ui.dialogs.recovery_key import RecoveryKeyDialog

        RecoveryKeyDialog(key, unit_name, self).exec()

    # -- language -----------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(QCoreApplication.translate("SetupWizard", "Set up the unit — Sổ Dân Vận"))
        self.setButtonText(QWizard.WizardButton.BackButton, QCoreApplication.translate("SetupWizard", "< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, QCoreApplication.translate("SetupWizard", "&Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, QCoreApplication.translate("SetupWizard", "&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, QCoreApplication.translate("SetupWizard", "Cancel"))
        for page in (self.level_page, self.province_page, self.commune_page, self.account_page, self.summary_page):
            page.retranslate_ui()
