"""Quản trị: accounts, the unit's settings, the working calendar, the legal deadline rules, backups, language.

Every role may open the screen (the language choice is for everyone); what a role may not do stays visible but
disabled, with the reason as its tooltip. The services check the same permissions again.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QInputDialog, QLabel, QLineEdit, QMessageBox, QPushButton, QRadioButton, QSpinBox,
                               QSplitter, QTabWidget, QVBoxLayout, QWidget)

from app.domain import roles
from app.domain.enums import LEVEL, ROLE, label
from app.errors import Cancelled, DanvanError
from app.i18n import tr as core_tr
from app.services import administration, deadlines, unit_settings
from ui import format as fmt
from ui.dialogs.user_dialog import ADD, OWN, RESET, UserDialog
from ui.confirm import confirm
from ui.errors import reported, show_error
from ui.models.admin_tables import (CalendarDaysModel, HolidaysModel, RulesModel,
                                    UsersModel, calendar_kind, rule_verified)
from ui.jobs import in_own_session_reporting
from ui.widgets.fields import DateEdit, FieldError
from ui.widgets.progress import run_with_progress
from ui.screens.backups import BackupsTab
from ui.style import WARNING
from ui.widgets.gate import deny
from ui.widgets.tables import make_table




def recounting_deadlines(parent: QWidget, ctx, fn, *args, **kwargs):
    """Run a change that works every due date out again (a calendar day, the day replies are followed from) on a
    worker behind a progress dialog: a commune's thousands of records take a moment, an upper level's 600,000
    seconds, and the window must not freeze meanwhile. The core does the change and the recount in one
    transaction, so Cancel (Cancelled is raised) leaves both as they were."""
    try:
        return run_with_progress(parent, QCoreApplication.translate(
            "AdminScreen", "Working out the legal deadlines again with the new days…"),
            in_own_session_reporting, ctx.session, fn, *args, **kwargs)
    finally:  # the worker had its own connection: this window's cached calendar and days are read again
        ctx.session.invalidate_calendar()
        ctx.session.invalidate_reply_starts()


# ---------------------------------------------------------------------------------------------------------------
# Người dùng
# ---------------------------------------------------------------------------------------------------------------

class UsersTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        v = QVBoxLayout(self)
        self.notice = QLabel(objectName="muted", wordWrap=True)
        v.addWidget(self.notice)
        self.model = UsersModel(lambda: ctx.lang, self)
        self.table = make_table(self.model)
        v.addWidget(self.table, 1)
        bar = QHBoxLayout()
        self.add_button = QPushButton(objectName="primary")
        self.reset_button = QPushButton()
        self.active_button = QPushButton()  # "Khóa tài khoản" / "Mở lại tài khoản", by the selected row
        self.role_button = QPushButton()
        self.own_button = QPushButton()
        bar.addWidget(self.add_button)
        bar.addWidget(self.reset_button)
        bar.addWidget(self.active_button)
        bar.addWidget(self.role_button)
        bar.addStretch(1)
        bar.addWidget(self.own_button)
        v.addLayout(bar)

        self.may_manage = deny(self.add_button, ctx, roles.MANAGE_USERS)
        deny(self.reset_button, ctx, roles.MANAGE_USERS)
        deny(self.active_button, ctx, roles.MANAGE_USERS)
        deny(self.role_button, ctx, roles.MANAGE_USERS)
        deny(self.table, ctx, roles.MANAGE_USERS)
        self.notice.setVisible(not self.may_manage)
        self.add_button.clicked.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(lambda: self.toggle_active())
        self.role_button.clicked.connect(lambda: self.change_role())
        self.own_button.clicked.connect(self.change_own_password)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _i: self.reset_password())
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        self.add_button.setText(self.tr("Add account…"))
        self.reset_button.setText(self.tr("Reset password…"))
        self.own_button.setText(self.tr("Change my password…"))
        self.role_button.setText(self.tr("Change role…"))
        self.notice.setText(self.ctx.denied_reason(roles.MANAGE_USERS) + " " + self.tr(
            "You can still change your own password."))
        for w in (self.add_button, self.reset_button, self.active_button, self.role_button, self.table):
            w.setToolTip(self.ctx.denied_reason(roles.MANAGE_USERS))
        self.model.retranslate()
        self._update_buttons()

    def reload(self) -> None:
        if not self.may_manage:
            self.model.set_rows([])
        else:
            with reported(self):
                self.model.set_rows(administration.list_users(self.ctx.session))
        self._update_buttons()

    def selected_user(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        user = self.selected_user()
        if user is not None and not user.get("active", True):
            self.active_button.setText(self.tr("Enable account"))
        else:
            self.active_button.setText(self.tr("Disable account…"))
        if self.may_manage:
            for b in (self.reset_button, self.active_button, self.role_button):
                b.setEnabled(user is not None)

    def toggle_active(self, answer: bool | None = None) -> dict | None:
        """Disable the selected account (after a confirmation: it can no longer log in) or enable it again."""
        user = self.selected_user()
        if not self.may_manage or user is None:
            return None
        enable = not user.get("active", True)
        if not enable and not (answer if answer is not None else confirm(
                self, self.tr("Disable account"),
                self.tr("Disable the account {name}? It can no longer log in, and it loses the key to the protected "
                        "data and to sync. Its records and its entries in the log stay.").format(name=user["name"]),
                self.tr("Disable"), destructive=True)):
            return None
        res = None
        with reported(self):
            res = administration.set_active(self.ctx.session, user["name"], enable)
        self._after_save(user["name"])
        return res

    def change_role(self, role: str | None = None) -> dict | None:
        """Another role for the selected account, picked from the list of roles."""
        user = self.selected_user()
        if not self.may_manage or user is None:
            return None
        if role is None:
            keys = list(ROLE)
            names = [label(ROLE, k, self.ctx.lang) for k in keys]
            name, ok = QInputDialog.getItem(self, self.tr("Change role"), self.tr("Role of {name}:").format(
                name=user["name"]), names, keys.index(user["role"]) if user["role"] in keys else 0, False)
            if not ok:
                return None
            role = keys[names.index(name)]
        res = None
        with reported(self):
            res = administration.set_role(self.ctx.session, user["name"], role)
        self._after_save(user["name"])
        return res

    def add_user(self) -> UserDialog | None:
        if not self.may_manage:
            return None
        dlg = UserDialog(self.ctx, ADD, parent=self.window())
        dlg.saved.connect(lambda row: self._after_save(row.get("name")))
        dlg.open()
        return dlg

    def reset_password(self) -> UserDialog | None:
        user = self.selected_user()
        if not self.may_manage or user is None:
            return None
        if user["name"] == self.ctx.session.user_name:
            # one's own: a change that proves the current password keeps one's sync access (a reset loses it)
            return self.change_own_password()
        dlg = UserDialog(self.ctx, RESET, user["name"], parent=self.window())
        dlg.saved.connect(lambda row: self._after_save(row.get("name")))
        dlg.open()
        return dlg

    def change_own_password(self) -> UserDialog:
        dlg = UserDialog(self.ctx, OWN, parent=self.window())
        dlg.saved.connect(lambda _row: self._after_save(None))
        dlg.open()
        return dlg

    def _after_save(self, name: str | None) -> None:
        self.reload()
        if name:
            for r, row in enumerate(self.model.rows()):
                if row["name"] == name:
                    self.table.selectRow(r)
                    break


# ---------------------------------------------------------------------------------------------------------------
# Đơn vị
# ---------------------------------------------------------------------------------------------------------------

class UnitTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.info: dict = {}
        outer = QVBoxLayout(self)
        self.unit_box = QGroupBox()
        f1 = QFormLayout(self.unit_box)
        self.read_only: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("unit_name", "unit_code", "level", "province_name", "district_name"):
            lab, val = QLabel(), QLabel()
            val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            f1.addRow(lab, val)
            self.read_only[key] = (lab, val)
        self.unit_note = QLabel(objectName="muted", wordWrap=True)
        f1.addRow(self.unit_note)
        outer.addWidget(self.unit_box)

        self.settings_box = QGroupBox()
        f2 = self.settings_form = QFormLayout(self.settings_box)
        f2.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.cutoff = QSpinBox(minimum=1, maximum=28)
        self.cutoff.setMaximumWidth(80)
        self.upper_name = QLineEdit(maxLength=200)
        self.upper_code = QLineEdit(maxLength=5)
        self.upper_code.setMaximumWidth(120)
        self.line1 = QLineEdit(maxLength=200)
        self.line2 = QLineEdit(maxLength=200)
        self.reply_from = DateEdit()
        self.reply_from.setMaximumWidth(self.reply_from.fitting_width(160))
        self.editors: dict[str, QWidget] = {"report_cutoff_day": self.cutoff, "upper_unit_name": self.upper_name,
                                            "upper_unit_code": self.upper_code, "letterhead_line1": self.line1,
                                            "letterhead_line2": self.line2, "reply_tracked_from": self.reply_from}
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, FieldError] = {}
        for key, editor in self.editors.items():
            box = QWidget()
            bv = QVBoxLayout(box)
            bv.setContentsMargins(0, 0, 0, 0)
            bv.setSpacing(2)
            if key == "report_cutoff_day":
                row = QHBoxLayout()
                row.addWidget(editor)
                self.cutoff_hint = QLabel(objectName="muted")
                row.addWidget(self.cutoff_hint, 1)
                bv.addLayout(row)
            elif key == "reply_tracked_from":
                bv.addWidget(editor)
                self.reply_hint = QLabel(objectName="muted", wordWrap=True)
                bv.addWidget(self.reply_hint)
            else:
                bv.addWidget(editor)
            err = FieldError()
            bv.addWidget(err)
            lab = QLabel()
            lab.setBuddy(editor)
            f2.addRow(lab, box)
            self.labels[key], self.errors[key] = lab, err
        outer.addWidget(self.settings_box)

        bar = QHBoxLayout()
        self.save_button = QPushButton(objectName="primary")
        self.revert_button = QPushButton()
        self.saved_label = QLabel(objectName="muted")
        bar.addWidget(self.save_button)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.saved_label, 1)
        outer.addLayout(bar)
        outer.addStretch(1)

        self.may_edit = True
        for w in (*self.editors.values(), self.save_button, self.revert_button):
            self.may_edit = deny(w, ctx, roles.MANAGE_SETTINGS)
        self.cutoff.valueChanged.connect(self._changed)
        for e in (self.upper_name, self.upper_code, self.line1, self.line2, self.reply_from):
            e.textChanged.connect(self._changed)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.reload)
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        self.unit_box.setTitle(self.tr("The unit (set when the data file was created)"))
        self.settings_box.setTitle(self.tr("Settings"))
        titles = {"unit_name": self.tr("Unit"), "unit_code": self.tr("Unit code"), "level": self.tr("Level"),
                  "province_name": self.tr("Province / city"), "district_name": self.tr("District")}
        for key, (lab, _val) in self.read_only.items():
            lab.setText(titles[key])
        self.unit_note.setText(self.tr("The unit cannot be changed here: each data file belongs to one unit."))
        texts = {"report_cutoff_day": self.tr("Report cut-off day"),
                 "upper_unit_name": self.tr("Upper unit (receives the reports)"),
                 "upper_unit_code": self.tr("Upper unit code"),
                 "letterhead_line1": self.tr("Letterhead, line 1 (governing body)"),
                 "letterhead_line2": self.tr("Letterhead, line 2 (issuing body)"),
                 "reply_tracked_from": self.tr("Follow reply deadlines from")}
        for key, lab in self.labels.items():
            lab.setText(texts[key])
        self._level_texts()
        self.save_button.setText(self.tr("Save"))
        self.revert_button.setText(self.tr("Undo changes"))
        self._update_hint()
        self._update_reply_hint()
        self._fill_read_only()

    def _level_texts(self) -> None:
        """Examples fitting this file's level. An upper level (a province board) reports to a central body, not to
        a province: the province code of the upper unit means nothing there and its row is hidden."""
        upper = self.info.get("level") == "upper"
        if upper:
            self.upper_name.setPlaceholderText(self.tr("e.g. Ban Dân vận Trung ương"))
            self.line1.setPlaceholderText(self.tr("e.g. TỈNH ỦY …"))
            self.line2.setPlaceholderText(self.tr("e.g. BAN DÂN VẬN …"))
        else:
            self.upper_name.setPlaceholderText(self.tr("e.g. Ban Tiếp công dân tỉnh …"))
            self.line1.setPlaceholderText(self.tr("e.g. ỦY BAN NHÂN DÂN TỈNH …"))
            self.line2.setPlaceholderText(self.tr("e.g. ỦY BAN NHÂN DÂN XÃ …"))
        self.upper_code.setPlaceholderText(self.tr("province, e.g. 01"))
        self.settings_form.setRowVisible(self.labels["upper_unit_code"],
                                         not upper or bool(self.info.get("upper_unit_code")))

    def _update_reply_hint(self) -> None:
        default = self.info.get("reply_tracked_from_default")
        self.reply_hint.setText(self.tr(
            "Receptions (and petitions) from this day owe the citizen a reply within 10 working days (Reception "
            "Law, Art. 28), shown on the form, the list and the dashboard when late. Earlier ones — an old book, an "
            "Excel book imported — are not followed, since no reply date was recorded for them. Normally the day "
            "the data file was created ({day}).").format(day=fmt.d(default) if default else "—"))

    def _update_hint(self) -> None:
        n = self.cutoff.value()
        self.cutoff_hint.setText(self.tr("A statistical period runs from day {n} of the previous month to day {m} "
                                         "of the month.").format(n=n, m=n - 1) if n > 1 else
                                 self.tr("A statistical period is a calendar month."))

    def _fill_read_only(self) -> None:
        for key, (lab, val) in self.read_only.items():
            value = self.info.get(key) or ""
            if key == "level":
                value = label(LEVEL, value, self.ctx.lang) if value else ""
            val.setText(value)
            lab.setVisible(bool(value) or key != "district_name")
            val.setVisible(bool(value) or key != "district_name")

    def reload(self) -> None:
        with reported(self):
            self.info = administration.unit_info(self.ctx.session)
        self._fill_read_only()
        for key, editor in self.editors.items():
            value = self.info.get(key, "")
            editor.blockSignals(True)
            if isinstance(editor, QSpinBox):
                editor.setValue(int(value) if str(value).isdigit() else 15)
            elif isinstance(editor, DateEdit):
                editor.set_value(value or None)
            else:
                editor.setText(value)
            editor.blockSignals(False)
            self.errors[key].show_message(None)
        self._update_hint()
        self._update_reply_hint()
        self._level_texts()
        self._changed()
        self.saved_label.clear()

    def values(self) -> dict[str, str]:
        return {k: str(e.value()) if isinstance(e, QSpinBox) else (e.value() or "") if isinstance(e, DateEdit)
                else e.text().strip() for k, e in self.editors.items()}

    def changed_values(self) -> dict[str, str]:
        return {k: v for k, v in self.values().items() if v != (self.info.get(k) or "")}

    def _changed(self, *_args) -> None:
        self._update_hint()
        dirty = bool(self.changed_values())
        if self.may_edit:
            self.save_button.setEnabled(dirty)
            self.revert_button.setEnabled(dirty)
        if dirty:
            self.saved_label.clear()

    def save(self) -> bool:
        if not self.may_edit:
            return False
        changes = self.changed_values()
        ok = True
        for key in self.editors:
            self.errors[key].show_message(None)
        for key, value in changes.items():
            message = None
            # the core's rule, before anything is saved
            refused = unit_settings.refusal(key, value, self.ctx.session.clock.today())
            if refused is None:
                pass
            elif key == "reply_tracked_from" and not self.reply_from.is_valid():
                message = self.reply_from.invalid_text()  # in the box's words: day/month/year
            elif key == "reply_tracked_from":
                message = self.tr("Choose a day from 01/07/2014 (the Law on Citizen Reception) to today, or leave "
                                  "it empty for the day the data file was created.")
            elif key == "upper_unit_name":
                message = self.tr("Enter the upper unit's name.")
            elif key == "upper_unit_code":
                message = self.tr("No province has this code: enter the code of the province that receives the "
                                  "reports (Hà Nội = 01), or leave it empty. A legacy district goes in the name.")
            else:
                message = refused.message(self.ctx.lang)
            if message:
                self.errors[key].show_message(message)
                ok = False
        if not ok:
            return False
        recomputed = None
        for key, value in changes.items():
            try:
                if key == "reply_tracked_from":
                    res = recounting_deadlines(self, self.ctx, unit_settings.set_setting, key, value)
                else:
                    res = unit_settings.set_setting(self.ctx.session, key, value)
                recomputed = res.get("due_dates_changed", recomputed)
            except Cancelled:
                self._refresh_stored()  # (clears the label: the typed day is still a change to save)
                self.saved_label.setText(self.tr("Cancelled: the day replies are followed from was not changed."))
                return False
            except DanvanError as exc:  # a refusal belongs beside its field
                self.errors[key].show_message(exc.message(self.ctx.lang))
                self._refresh_stored()
                return False
            except Exception as exc:
                show_error(self, exc)
                self._refresh_stored()
                return False
        self.reload()
        if recomputed is not None:  # the day replies are followed from moved: say what it changed
            self.saved_label.setText(self.tr("Saved. The deadlines of {n} record(s) were worked out again; "
                                             "{late} reception(s) now late with their reply.").format(n=fmt.number(recomputed),
                                                                           late=fmt.number(self._overdue_replies())))
        else:
            self.saved_label.setText(self.tr("Saved."))
        self.ctx.notify_changed("settings")
        if "reply_tracked_from" in changes:  # the receptions' reply due dates were computed again
            self.ctx.notify_changed("reception")
        return True

    def _overdue_replies(self) -> int:
        from app.services.stats import overdue_replies

        with reported(self):
            return overdue_replies(self.ctx.session)
        return 0

    def _refresh_stored(self) -> None:
        """After a refusal part-way: what was saved is now the stored value; the rest stays as typed."""
        with reported(self):
            self.info = administration.unit_info(self.ctx.session)
        self._changed()


# ---------------------------------------------------------------------------------------------------------------
# Ngày nghỉ, ngày làm bù
# ---------------------------------------------------------------------------------------------------------------

class CalendarTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        today = ctx.session.clock.today()
        v = QVBoxLayout(self)
        top = QHBoxLayout()
        self.year_label = QLabel()
        self.year = QSpinBox(minimum=2000, maximum=2100, value=today.year)
        self.year_label.setBuddy(self.year)
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        self.explain = QLabel(objectName="muted", wordWrap=True)
        top.addWidget(self.explain, 1)
        v.addLayout(top)

        split = QSplitter()
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        self.holidays_title = QLabel()
        self.holidays_title.setStyleSheet("font-weight: 600;")
        lv.addWidget(self.holidays_title)
        self.holidays = HolidaysModel(self)
        self.holidays_view = make_table(self.holidays)
        lv.addWidget(self.holidays_view, 1)
        self.holidays_note = QLabel(objectName="muted", wordWrap=True)
        lv.addWidget(self.holidays_note)
        split.addWidget(left)

        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        self.days_title = QLabel()
        self.days_title.setStyleSheet("font-weight: 600;")
        rv.addWidget(self.days_title)
        self.days = CalendarDaysModel(self)
        self.days_view = make_table(self.days)
        rv.addWidget(self.days_view, 1)
        self.empty_days = QLabel(self.days_view.viewport(), objectName="emptyState", wordWrap=True)
        self.empty_days.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_days.hide()

        add = QHBoxLayout()
        self.day = DateEdit(optional=False)
        self.day.set_value(today.isoformat())
        self.kind = QComboBox()
        self.kind.addItem("", "off")
        self.kind.addItem("", "work")
        self.note = QLineEdit(maxLength=200)
        self.add_button = QPushButton(objectName="primary")
        add.addWidget(self.day)
        add.addWidget(self.kind)
        add.addWidget(self.note, 1)
        add.addWidget(self.add_button)
        rv.addLayout(add)
        bottom = QHBoxLayout()
        self.remove_button = QPushButton()
        bottom.addWidget(self.remove_button)
        self.result = QLabel(wordWrap=True)
        bottom.addWidget(self.result, 1)
        rv.addLayout(bottom)
        split.addWidget(right)
        split.setSizes([560, 540])
        split.setChildrenCollapsible(False)
        v.addWidget(split, 1)

        self.may_edit = True
        for w in (self.day, self.kind, self.note, self.add_button, self.remove_button):
            self.may_edit = deny(w, ctx, roles.MANAGE_SETTINGS)
        self.year.valueChanged.connect(lambda _y: self.reload())
        self.add_button.clicked.connect(self.add_day)
        self.note.returnPressed.connect(self.add_day)
        self.remove_button.clicked.connect(self.remove_day)
        self.days_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.retranslate_ui()
        self.reload()

    def retranslate_ui(self) -> None:
        self.year_label.setText(self.tr("Year"))
        self.explain.setText(self.tr("Legal time limits counted in working days skip weekends, the public holidays "
                                     "and the unit's extra days off; make-up working days count as working days."))
        self.holidays_title.setText(self.tr("Public holidays (set by the State)"))
        self.holidays_note.setText(self.tr(
            "Built into the program; read-only. For a year whose days off the State has not announced yet, this is "
            "the usual pattern — if the announcement differs, enter the difference on the right as the unit's own "
            "days."))
        self.days_title.setText(self.tr("The unit's extra days off and make-up working days"))
        self.kind.setItemText(0, calendar_kind("off"))
        self.kind.setItemText(1, calendar_kind("work"))
        self.note.setPlaceholderText(self.tr("Note (e.g. the decision that set it)"))
        self.add_button.setText(self.tr("Add"))
        self.remove_button.setText(self.tr("Remove selected day"))
        # what a screen reader says for the controls without a label of their own
        self.holidays_view.setAccessibleName(self.holidays_title.text())
        self.days_view.setAccessibleName(self.days_title.text())
        self.day.setAccessibleName(self.tr("Day"))
        self.kind.setAccessibleName(self.tr("Kind of day"))
        self.empty_days.setText(self.tr("No extra days off or make-up working days in {year}.").format(
            year=self.year.value()))
        if not self.may_edit:
            reason = self.ctx.denied_reason(roles.MANAGE_SETTINGS)
            for w in (self.day, self.kind, self.note, self.add_button, self.remove_button):
                w.setToolTip(reason)
        self.holidays.retranslate()
        self.days.retranslate()
        self.reload_holidays()
        self._update_buttons()

    def reload_holidays(self) -> None:
        with reported(self):
            self.holidays.set_rows(administration.public_holidays(self.year.value(), self.ctx.lang))

    def reload(self) -> None:
        self.reload_holidays()
        with reported(self):
            self.days.set_rows(administration.calendar_days_of_year(self.ctx.session, self.year.value()))
        self.empty_days.setText(self.tr("No extra days off or make-up working days in {year}.").format(
            year=self.year.value()))
        self._place_empty()
        self._update_buttons()

    def _place_empty(self) -> None:
        self.empty_days.setGeometry(self.days_view.viewport().rect().adjusted(10, 10, -10, -10))
        self.empty_days.setVisible(self.days.rowCount() == 0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_empty()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._place_empty()

    def selected_day(self) -> dict | None:
        rows = self.days_view.selectionModel().selectedRows()
        return self.days.row(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        if self.may_edit:
            self.remove_button.setEnabled(self.selected_day() is not None)

    def _show_result(self, text: str, changed: int) -> None:
        if changed:
            text += " " + self.tr("The due dates of {n} record(s) moved.").format(n=fmt.number(changed))
        else:
            text += " " + self.tr("No due date changed.")
        self.result.setText(text)

    def add_day(self) -> dict | None:
        if not self.may_edit:
            return None
        day, kind = self.day.iso(), self.kind.currentData()
        if day is None:  # empty or no date: say so in the box's words, nothing is sent
            self.result.setText(self.day.typing_hint())
            self.day.setFocus()
            return None
        res = self._change_day(day, kind, self.note.text().strip() or None)
        if res is None:
            return None
        self.note.clear()
        year = int(day[:4])
        if year != self.year.value():
            self.year.setValue(year)  # reloads
        else:
            self.reload()
        for r, row in enumerate(self.days.rows()):
            if row["day"] == day:
                self.days_view.selectRow(r)
        self._show_result(self.tr("{day} added ({kind}).").format(day=fmt.d(day), kind=calendar_kind(kind).lower()),
                          res["due_dates_changed"])
        if res.get("notice"):  # a holiday worked, or a mark that changes nothing: said, not refused
            self.result.setText(self.result.text() + "\n" + core_tr(res["notice"], self.ctx.lang,
                                                                     holiday=res.get("holiday") or ""))
        if res["due_dates_changed"]:  # petitions' deadlines and receptions' replies
            self.ctx.notify_changed("petition")
            self.ctx.notify_changed("reception")
        return res

    def _change_day(self, day: str, kind: str | None, note: str | None = None) -> dict | None:
        """The day stored and every due date worked out again, on a worker; None when refused or cancelled."""
        try:
            return recounting_deadlines(self, self.ctx, unit_settings.set_calendar_day, day, kind, note)
        except Cancelled:
            self.result.setText(self.tr("Cancelled: the calendar was not changed."))
        except Exception as exc:  # noqa: BLE001 — a refusal or a busy file: said in a dialog
            show_error(self, exc)
        return None

    def remove_day(self) -> dict | None:
        row = self.selected_day()
        if not self.may_edit or row is None:
            return None
        answer = QMessageBox.question(
            self, self.tr("Remove a day"),
            self.tr("Remove {day} ({kind}) from the unit's calendar? Due dates are counted again.").format(
                day=fmt.d(row["day"]), kind=calendar_kind(row["kind"])))
        if answer != QMessageBox.StandardButton.Yes:
            return None
        res = self._change_day(row["day"], None)
        if res is None:
            return None
        self.reload()
        self._show_result(self.tr("{day} is an ordinary day again.").format(day=fmt.d(row["day"])),
                          res["due_dates_changed"])
        if res["due_dates_changed"]:  # petitions' deadlines and receptions' replies
            self.ctx.notify_changed("petition")
            self.ctx.notify_changed("reception")
        return res


# ---------------------------------------------------------------------------------------------------------------
# Thời hạn theo luật
# ---------------------------------------------------------------------------------------------------------------

class RulesTab(QWidget):
    ALL = "*"

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[dict] = []
        v = QVBoxLayout(self)
        top = QHBoxLayout()
        self.version_label = QLabel()
        self.version = QComboBox()
        # Not as wide as the longest title of a law (the window would be wider than a laptop's screen): the open
        # list shows each title whole, the box cuts the chosen one.
        self.version.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.version.setMinimumContentsLength(30)
        self.version.setMaximumWidth(900)
        self.version_label.setBuddy(self.version)
        top.addWidget(self.version_label)
        top.addWidget(self.version, 1)
        v.addLayout(top)
        self.version_note = QLabel(wordWrap=True)
        v.addWidget(self.version_note)
        self.model = RulesModel(lambda: ctx.lang, self)
        self.table = make_table(self.model)
        # The legal basis is read whole: long cells wrap and the rows grow (a dozen rules; elided text cut the
        # article's number in the middle)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        v.addWidget(self.table, 1)
        self.detail = QLabel(objectName="muted", wordWrap=True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(44)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        v.addWidget(self.detail)
        self.footer = QLabel(objectName="muted", wordWrap=True)
        v.addWidget(self.footer)
        with reported(self):
            self.rows = deadlines.rule_table(ctx.session)
        self.version.currentIndexChanged.connect(lambda _i: self._filter())
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_detail(cur.row()))
        self.retranslate_ui()

    def versions(self) -> list[dict]:
        seen: dict[str, dict] = {}
        for r in self.rows:
            seen.setdefault(r["version"], {"version": r["version"], "effective_from": r["effective_from"],
                                           "title": r["version_title"], "verified": r["version_verified"]})
        return sorted(seen.values(), key=lambda x: x["effective_from"])

    def current_version(self) -> str | None:
        today = self.ctx.session.clock.today().isoformat()
        in_force = [v for v in self.versions() if v["effective_from"] <= today]
        return in_force[-1]["version"] if in_force else None

    def retranslate_ui(self) -> None:
        self.version_label.setText(self.tr("Rules"))
        if getattr(self, "_rows_lang", None) not in (None, self.ctx.lang):  # the laws' texts in the new language
            with reported(self):
                self.rows = deadlines.rule_table(self.ctx.session)
        self._rows_lang = self.ctx.lang
        chosen = self.version.currentData() if self.version.count() else self.current_version()
        current = self.current_version()
        self.version.blockSignals(True)
        self.version.clear()
        for v in self.versions():
            text = self.tr("from {date}: {title}").format(date=fmt.d(v["effective_from"]), title=v["title"])
            if v["version"] == current:
                text += " " + self.tr("(in force today)")
            elif v["effective_from"] > self.ctx.session.clock.today().isoformat():
                text += " " + self.tr("(planned)")
            self.version.addItem(text, v["version"])
        self.version.addItem(self.tr("All versions"), self.ALL)
        self.version.view().setMinimumWidth(self.version.view().sizeHintForColumn(0) + 24)
        i = self.version.findData(chosen)
        self.version.setCurrentIndex(i if i >= 0 else 0)
        self.version.blockSignals(False)
        self.footer.setText(self.tr("Deadlines are counted with the version in force on the day the petition was "
                                    "received. Rules marked \"Not yet checked\" have not been compared with the "
                                    "text of the law: check them before relying on them."))
        self.model.retranslate()
        self._filter()

    def _filter(self) -> None:
        chosen = self.version.currentData()
        rows = self.rows if chosen == self.ALL else [r for r in self.rows if r["version"] == chosen]
        self.model.set_rows(rows)
        self.table.setColumnHidden(0, chosen != self.ALL)  # one version: its date is in the picker
        v = next((x for x in self.versions() if x["version"] == chosen), None)
        unverified = sum(1 for r in rows if not rule_verified(r))
        parts = []
        if v is not None and not v["verified"]:
            parts.append(self.tr("This version has not been checked against the published law yet."))
        if unverified:
            parts.append(self.tr("{n} of {total} rules not yet checked.").format(n=unverified, total=len(rows)))
        self.version_note.setText(" ".join(parts))
        self.version_note.setStyleSheet(f"color: {WARNING};" if parts else "")
        self.version_note.setVisible(bool(parts))
        self._show_detail(-1)

    def _show_detail(self, r: int) -> None:
        row = self.model.row(r)
        if row is None:
            self.detail.setText(self.tr("Select a rule to read its note."))
            return
        name = row["label_vi"] if self.ctx.lang == "vi" else row["label_en"]
        self.detail.setText(f"{name} — {row.get('article') or ''}\n{row.get('note') or ''}")


# ---------------------------------------------------------------------------------------------------------------
# Ngôn ngữ
# ---------------------------------------------------------------------------------------------------------------

class LanguageTab(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        v = QVBoxLayout(self)
        self.box = QGroupBox()
        bv = QVBoxLayout(self.box)
        # Each language is named in itself, in either interface language.
        self.vi = QRadioButton("Tiếng Việt")
        self.en = QRadioButton("English")
        self.group = QButtonGroup(self)
        self.group.addButton(self.vi)
        self.group.addButton(self.en)
        bv.addWidget(self.vi)
        bv.addWidget(self.en)
        self.note = QLabel(objectName="muted", wordWrap=True)
        bv.addWidget(self.note)
        self.box.setMaximumWidth(560)
        v.addWidget(self.box)
        v.addStretch(1)
        self.vi.toggled.connect(lambda on: on and self.ctx.set_language("vi"))
        self.en.toggled.connect(lambda on: on and self.ctx.set_language("en"))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.box.setTitle(self.tr("Interface language"))
        self.note.setText(self.tr("Applies at once to every screen, without restarting. Records, prints and "
                                  "reports keep their Vietnamese content."))
        button = self.vi if self.ctx.lang == "vi" else self.en
        if not button.isChecked():
            button.blockSignals(True)
            button.setChecked(True)
            button.blockSignals(False)


# ---------------------------------------------------------------------------------------------------------------
# The screen
# ---------------------------------------------------------------------------------------------------------------

class AdminScreen(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        v = QVBoxLayout(self)
        v.setContentsMargins(14, 10, 14, 8)
        self.title = QLabel(objectName="screenTitle")
        v.addWidget(self.title)
        self.tabs = QTabWidget()
        self.users = UsersTab(ctx)
        self.unit = UnitTab(ctx)
        self.calendar = CalendarTab(ctx)
        self.rules = RulesTab(ctx)
        self.backups = BackupsTab(ctx)
        self.language = LanguageTab(ctx)
        for w in (self.users, self.unit, self.calendar, self.rules, self.backups, self.language):
            self.tabs.addTab(w, "")
        v.addWidget(self.tabs, 1)
        from ui.screens.data_protection import DataProtectionTab

        self.protection = DataProtectionTab(ctx)  # idle lock, retention and purge, a citizen's data export
        self.tabs.addTab(self.protection, self.protection.tab_title())
        self.tabs.currentChanged.connect(self._tab_shown)
        self.retranslate_ui()

    def nav_title(self) -> str:
        return self.tr("Administration")

    def _tab_shown(self, i: int) -> None:
        w = self.tabs.widget(i)
        if w is self.backups:
            self.backups.reload()  # files may have been added or removed outside the program

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("Administration"))
        titles = (self.tr("Users"), self.tr("Unit"), self.tr("Days off and make-up working days"),
                  self.tr("Legal time limits"), self.tr("Backup"), self.tr("Language"))
        for i, t in enumerate(titles):
            self.tabs.setTabText(i, t)
        for w in (self.users, self.unit, self.calendar, self.rules, self.backups, self.language):
            w.retranslate_ui()
        self.tabs.setTabText(self.tabs.indexOf(self.protection), self.protection.tab_title())
