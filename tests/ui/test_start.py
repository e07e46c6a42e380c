"""First run: demo or unit set-up wizard, then log-in."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QWizard

from app.domain import units
from app.services.database_info import describe_database
from app.services.session import Session
from tests.ui.conftest import PASSWORD

ADMIN_PW = "Mat-khau-9!"


@pytest.fixture
def settings(tmp_path):
    from ui.context import open_settings

    return open_settings(tmp_path / "first-run.ini")


def _wizard(qtbot, path, lang="vi"):
    from ui.dialogs.setup_wizard import SetupWizard

    w = SetupWizard(path, lang)
    qtbot.addWidget(w)
    w.show()
    return w


def _to_account_page(qtbot, w, province="ha noi", commune="ba dinh"):
    from ui.dialogs.setup_wizard import PAGE_ACCOUNT

    w.next()
    qtbot.keyClicks(w.province_page.filter, province)
    w.next()
    qtbot.keyClicks(w.commune_page.filter, commune)
    w.next()
    assert w.currentId() == PAGE_ACCOUNT


def _fill_account(qtbot, w, user="quantri", password=ADMIN_PW, confirm=ADMIN_PW):
    page = w.account_page
    for edit, text in ((page.user, user), (page.password, password), (page.confirm, confirm)):
        edit.clear()
        qtbot.keyClicks(edit, text)


def _log_in(qtbot, path, user="admin", password=PASSWORD):
    """The log-in dialog for `path` with the account filled in and "Đăng nhập" pressed; the dialog returned."""
    from ui.dialogs.login import LoginDialog

    dlg = LoginDialog(path, lang="vi", suggested=(user, password))
    qtbot.addWidget(dlg)
    dlg.open()
    dlg.login_button.click()
    return dlg


def test_first_run_wizard_creates_database_for_chosen_commune(qtbot, qt_app, tmp_path, settings, recovery_keys_shown):
    """Set-up: typing "ha noi" then "ba dinh" (no accents) picks Phường Ba Đình; Finish makes its database."""
    from ui.dialogs.first_run import FirstRunDialog
    from ui.dialogs.setup_wizard import PAGE_SUMMARY

    path = tmp_path / "unit" / "sodanvan.db"
    first = FirstRunDialog(path, settings, "vi")
    qtbot.addWidget(first)
    first.show()
    first.choose_setup()
    w = first.wizard
    assert w.isVisible()
    _to_account_page(qtbot, w)
    assert w.province().name == "Thành phố Hà Nội"
    assert w.unit().name == "Phường Ba Đình" and w.unit().code == "00004"
    _fill_account(qtbot, w)
    w.next()
    assert w.currentId() == PAGE_SUMMARY
    assert str(path) in w.summary_page.values["path"].text()
    assert w.summary_page.values["unit"].text() == "Phường Ba Đình"
    w.button(QWizard.WizardButton.FinishButton).click()
    assert w.result() == QDialog.DialogCode.Accepted
    assert first.result() == QDialog.DialogCode.Accepted
    assert first.chosen_path == path and first.suggested_login == ("quantri", "")
    s = Session.open(path, "quantri", ADMIN_PW)
    try:
        assert s.unit_code == "00004" and s.role == "admin" and not s.is_demo
    finally:
        s.close()
    # the recovery key was shown once, and it opens the data
    assert len(recovery_keys_shown) == 1
    from app.services import protection

    assert protection.recover(path, "quantri", recovery_keys_shown[0], "Mat-khau-khac-2026!")["recovered"]


def test_recovery_key_window_closes_only_once_the_key_is_safe(qtbot, qt_app):
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from ui.dialogs.recovery_key import RecoveryKeyDialog

    d = RecoveryKeyDialog("ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567-89ABC-DEFGH", "Phường Ba Đình")
    qtbot.addWidget(d)
    d.show()
    ok = d.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    d.reject()  # Esc
    assert d.isVisible()
    d.copy()
    assert QApplication.clipboard().text() == d.key
    assert d.key in d.document().toPlainText()
    d.confirm.setChecked(True)
    assert ok.isEnabled()
    ok.click()
    assert not d.isVisible()


def test_upper_level_unit_is_the_province_itself(qtbot, qt_app, tmp_path):
    """Upper level: no commune page; the database belongs to the province picked."""
    from ui.dialogs.setup_wizard import PAGE_ACCOUNT

    path = tmp_path / "tinh.db"
    w = _wizard(qtbot, path)
    w.level_page.upper.setChecked(True)
    w.next()
    qtbot.keyClicks(w.province_page.filter, "dak lak")
    w.next()
    assert w.currentId() == PAGE_ACCOUNT
    _fill_account(qtbot, w, user="tinh.admin")
    w.next()
    w.button(QWizard.WizardButton.FinishButton).click()
    info = describe_database(path)
    assert info.level == "upper" and info.unit_name == "Tỉnh Đắk Lắk" and len(info.unit_code) == 2


def test_unit_filter_is_diacritic_blind(qtbot, qt_app, qtmodeltester):
    """"dak lak" finds "Tỉnh Đắk Lắk" and "ba dinh" finds "Phường Ba Đình"; the model passes qtmodeltester."""
    from ui.models.units import UnitListModel

    provinces = UnitListModel(units.UPPER)
    assert provinces.rowCount() == 34
    qtmodeltester.check(provinces)
    provinces.set_filter("dak lak")
    assert [provinces.unit(r).name for r in range(provinces.rowCount())] == ["Tỉnh Đắk Lắk"]
    qtmodeltester.check(provinces)

    communes = UnitListModel(units.COMMUNE)
    assert communes.rowCount() == 0  # no province yet: nothing listed
    communes.set_province("01")
    everything = communes.rowCount()
    assert everything > 100
    communes.set_filter("ba dinh")
    names = [communes.unit(r).name for r in range(communes.rowCount())]
    assert names[0] == "Phường Ba Đình" and len(names) < everything
    qtmodeltester.check(communes)


def test_wizard_filter_preselects_best_match(qtbot, qt_app, tmp_path):
    """The best match is preselected as you type; a filter that matches nothing leaves Next disabled."""
    w = _wizard(qtbot, tmp_path / "x.db")
    w.next()
    next_button = w.button(QWizard.WizardButton.NextButton)
    assert not next_button.isEnabled()  # nothing chosen yet
    qtbot.keyClicks(w.province_page.filter, "Hue")
    assert w.province().name == "Thành phố Huế" and next_button.isEnabled()
    qtbot.keyClicks(w.province_page.filter, "zzz")
    assert w.province() is None and not next_button.isEnabled()
    assert "Không tìm thấy" in w.province_page.count.text()


def test_password_mismatch_shows_message_and_stays(qtbot, qt_app, tmp_path):
    """Different passwords: a message beside the confirmation field, the wizard stays on the account page."""
    from ui.dialogs.setup_wizard import PAGE_ACCOUNT

    w = _wizard(qtbot, tmp_path / "x.db")
    _to_account_page(qtbot, w)
    _fill_account(qtbot, w, confirm=ADMIN_PW + "x")
    w.next()
    assert w.currentId() == PAGE_ACCOUNT
    page = w.account_page
    assert page.confirm_error.isVisible() and "không giống nhau" in page.confirm_error.text()
    assert not page.user_error.isVisible() and not page.password_error.isVisible()
    _fill_account(qtbot, w, user="quan tri", password="short", confirm="short")
    w.next()
    assert w.currentId() == PAGE_ACCOUNT
    assert "ít nhất 8 ký tự" in page.password_error.text() and page.user_error.isVisible()
    assert not (tmp_path / "x.db").exists()


def test_error_on_finish_keeps_wizard_and_typing(qtbot, qt_app, tmp_path, answer_boxes):
    """A refusal on Finish (a database already there) is shown as a sentence; nothing typed is lost."""
    from ui.dialogs.setup_wizard import PAGE_SUMMARY

    path = tmp_path / "taken.db"
    path.write_bytes(b"x" * 100)
    w = _wizard(qtbot, path)
    _to_account_page(qtbot, w)
    _fill_account(qtbot, w)
    w.next()
    w.button(QWizard.WizardButton.FinishButton).click()
    assert w.currentId() == PAGE_SUMMARY and w.result() != QDialog.DialogCode.Accepted
    assert answer_boxes.asked and "Đã có cơ sở dữ liệu" in answer_boxes.asked[0]["text"]
    assert w.admin_login == ("quantri", ADMIN_PW) and w.unit().code == "00004"
    assert path.read_bytes() == b"x" * 100


def test_wizard_buttons_are_vietnamese(qtbot, qt_app, tmp_path):
    """QWizard's own buttons are translated through our catalogue."""
    w = _wizard(qtbot, tmp_path / "x.db")
    assert w.buttonText(QWizard.WizardButton.NextButton).replace("&", "") == "Tiếp theo >"
    assert w.buttonText(QWizard.WizardButton.BackButton).replace("&", "") == "< Quay lại"
    assert w.buttonText(QWizard.WizardButton.FinishButton).replace("&", "") == "Hoàn tất"
    assert w.buttonText(QWizard.WizardButton.CancelButton) == "Hủy"


def test_login_wrong_password_keeps_dialog_open(qtbot, qt_app, db_path):
    """A wrong password: the core's sentence inside the dialog, password cleared and focused, no session."""
    from ui.dialogs.login import LoginDialog

    dlg = LoginDialog(db_path, lang="vi", suggested=("admin", "sai-mat-khau"))
    qtbot.addWidget(dlg)
    dlg.open()
    assert dlg.unit_label.text() == "Phường Ba Đình" and str(db_path) in dlg.path_label.text()
    dlg.login_button.click()
    assert dlg.isVisible() and dlg.session is None
    assert dlg.error.isVisible() and dlg.error.text() == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert dlg.password.text() == "" and dlg.focusWidget() is dlg.password


def test_login_succeeds_with_right_password(qtbot, qt_app, db_path):
    """The right password opens a session for that user and accepts the dialog."""
    from ui.dialogs.login import LoginDialog

    dlg = LoginDialog(db_path, lang="vi", suggested=("officer", ""))
    qtbot.addWidget(dlg)
    dlg.open()
    assert dlg.focusWidget() is dlg.password
    qtbot.keyClicks(dlg.password, PASSWORD)
    dlg.login_button.click()
    assert dlg.result() == QDialog.DialogCode.Accepted
    try:
        assert dlg.session.user_name == "officer" and dlg.session.role == "officer"
    finally:
        dlg.session.close()


def test_login_after_an_upgrade_recomputes_due_dates_behind_a_progress_dialog(qtbot, qt_app, db_path, monkeypatch):
    """The first log-in after an upgrade that changed the deadline rules or the holidays computes the stored due
    dates again — seconds at 200,000 records — on a worker behind a progress dialog, not with the window frozen;
    the dialog is then accepted with the dates current."""
    from app.services import deadlines, records
    from app.storage import records as store, settings as stored_settings
    from tests.app.conftest import petition
    from ui.dialogs import login

    s = Session.open(db_path, "admin", PASSWORD)
    pid = records.save(s, petition(received_on="2026-11-16"))
    right = store.get(s.db, "petition", pid).extra["due_on"]
    store.set_due_dates(s.db, [("2000-01-01", pid)])
    stored_settings.put(s.db, deadlines.BASIS_SETTING, "the program before the upgrade")
    s.close()
    shown = []
    real = login.run_with_progress

    def watched(parent, label, fn, *args, **kwargs):
        shown.append(label)
        return real(parent, label, fn, *args, **kwargs)

    monkeypatch.setattr(login, "run_with_progress", watched)
    dlg = _log_in(qtbot, db_path)
    assert dlg.result() == QDialog.DialogCode.Accepted
    try:
        assert shown == ["Chương trình vừa được cập nhật: đang tính lại hạn giải quyết của các đơn theo quy định "
                         "mới (chỉ lần này)…"]
        assert store.get(dlg.session.db, "petition", pid).extra["due_on"] == right
        assert not deadlines.due_dates_outdated(dlg.session)
    finally:
        dlg.session.close()
    again = _log_in(qtbot, db_path)  # once: the next log-in computes nothing
    try:
        assert len(shown) == 1 and again.result() == QDialog.DialogCode.Accepted
    finally:
        again.session.close()


def test_an_upper_level_without_planner_statistics_gets_them_at_log_in(qtbot, qt_app, tmp_path, db_path):
    """An upper-level file consolidated before statistics were taken at the end of each run of bundles read whole
    tables in its lists and reports: its first log-in takes them, behind a progress dialog. A commune never."""
    from app.services import consolidation, records, setup
    from tests.app.conftest import make_clock, reception

    path = tmp_path / "tinh.db"
    setup.init(path, "1", "upper", "admin", PASSWORD, clock=make_clock())
    s = Session.open(path, "admin", PASSWORD, clock=make_clock())
    records.save(s, reception())
    assert consolidation.statistics_missing(s)
    s.close()
    dlg = _log_in(qtbot, path)
    assert dlg.result() == QDialog.DialogCode.Accepted
    try:
        assert dlg.session.db.conn.execute("SELECT count(*) FROM sqlite_stat1").fetchone()[0] > 0
        assert not consolidation.statistics_missing(dlg.session)
    finally:
        dlg.session.close()
    commune = Session.open(db_path, "admin", PASSWORD)
    try:
        records.save(commune, reception())
        assert not consolidation.statistics_missing(commune)  # at a commune statistics slow text filters
    finally:
        commune.close()


def test_login_reports_a_damaged_file(qtbot, qt_app, tmp_path, answer_boxes):
    """A file that is not our database: a sentence in a dialog, the log-in dialog stays."""
    from ui.dialogs.login import LoginDialog

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database " * 200)
    dlg = LoginDialog(junk, lang="vi", suggested=("admin", PASSWORD))
    qtbot.addWidget(dlg)
    dlg.open()
    assert "không phải cơ sở dữ liệu Sổ Dân Vận" in dlg.path_label.text()
    dlg.login_button.click()
    assert dlg.session is None and dlg.isVisible()
    assert len(answer_boxes.asked) == 1 and "không phải cơ sở dữ liệu" in answer_boxes.asked[0]["text"]


def test_demo_choice_builds_demo_and_suggests_demo_account(qtbot, qt_app, tmp_path, settings, monkeypatch):
    """"Dùng thử": a demo database beside the real one, reused next time; its accounts on the log-in screen."""
    from PySide6.QtCore import Qt

    from ui import application
    from ui.dialogs import first_run
    from ui.dialogs.first_run import FirstRunDialog
    from ui.dialogs.login import LoginDialog

    monkeypatch.setattr(first_run, "DEMO_RECORDS", 40)
    real = tmp_path / "real" / "sodanvan.db"
    first = FirstRunDialog(real, settings, "vi")
    qtbot.addWidget(first)
    first.show()
    first.choose_demo()
    assert first.result() == QDialog.DialogCode.Accepted
    assert first.chosen_path == application.demo_db_path() != real
    assert not real.exists()
    assert describe_database(first.chosen_path).demo
    assert first.suggested_login == FirstRunDialog.demo_login() == ("demo", "Demo-2026!")
    s = Session.open(first.chosen_path, *first.suggested_login)
    try:
        from app.services import listing

        assert s.is_demo and listing.count(s, "reception") > 0
    finally:
        s.close()

    stamp = first.chosen_path.stat().st_mtime_ns
    again = FirstRunDialog(real, settings, "vi")
    qtbot.addWidget(again)
    again.choose_demo()
    assert again.chosen_path == first.chosen_path and first.chosen_path.stat().st_mtime_ns == stamp

    login = LoginDialog(first.chosen_path, lang="vi", suggested=first.suggested_login)
    qtbot.addWidget(login)
    login.open()
    assert "dữ liệu mẫu" in login.unit_label.text()
    shown = {(a["user"], pw.text()) for a, _n, pw, _r in login.demo_rows}
    assert ("demo", "Demo-2026!") in shown and ("canbo", "Canbo-2026!") in shown
    login.demo_rows[2][1].click()  # a button drawn as a link: Tab and Enter reach it too
    assert login.demo_rows[2][1].focusPolicy() & Qt.FocusPolicy.TabFocus
    assert login.user.text() == "canbo" and login.password.text() == "Canbo-2026!"


def test_language_choice_switches_first_run_to_english(qtbot, qt_app, tmp_path, settings):
    """Picking English on the first screen re-translates it and remembers the choice."""
    from ui import i18n
    from ui.dialogs.first_run import FirstRunDialog

    first = FirstRunDialog(tmp_path / "x.db", settings, "vi")
    qtbot.addWidget(first)
    assert first.setup_button.text() == "Thiết lập đơn vị"
    try:
        first.language.setCurrentIndex(first.language.findData("en"))
        qtbot.waitUntil(lambda: first.setup_button.text() == "Set up the unit", timeout=2000)
        assert first.lang == "en" and settings.value("language") == "en"
    finally:
        i18n.set_language("vi")
    qtbot.waitUntil(lambda: first.setup_button.text() == "Thiết lập đơn vị", timeout=2000)


def test_wizard_is_driven_from_the_keyboard(qtbot, qt_app, tmp_path):
    """In the filter box Down/Up move the choice and Enter goes on: no mouse needed."""
    from PySide6.QtCore import Qt

    from ui.dialogs.setup_wizard import PAGE_COMMUNE, PAGE_PROVINCE

    w = _wizard(qtbot, tmp_path / "x.db")
    qtbot.keyClick(w.level_page.commune, Qt.Key.Key_Return)
    assert w.currentId() == PAGE_PROVINCE
    qtbot.keyClicks(w.province_page.filter, "ha noi")
    qtbot.keyClick(w.province_page.filter, Qt.Key.Key_Return)
    assert w.currentId() == PAGE_COMMUNE and w.province().code == "01"
    page = w.commune_page
    qtbot.keyClicks(page.filter, "phuong")
    first = page.selected()
    qtbot.keyClick(page.filter, Qt.Key.Key_Down)
    second = page.selected()
    assert second is not None and second != first and second == page.model.unit(1)
    qtbot.keyClick(page.filter, Qt.Key.Key_Up)
    assert page.selected() == first == page.model.unit(0)
    assert first.name == "Phường Phương Liệt"  # the name that starts with the words typed comes first


def test_a_restore_cut_short_is_undone_at_log_in_and_the_officer_told(qtbot, qt_app, db_path, answer_boxes):
    """A restore killed between its steps leaves its journal: the next log-in puts back the data saved before it
    (here: a reception added after the copy is gone again) and says so before the main window."""
    import shutil
    from pathlib import Path

    from app.services import records
    from app.services.restore_journal import RestoreJournal
    from app.services.session import Session
    from app.services.sync_keys import keys_path
    from tests.app.conftest import reception

    saved = db_path.with_name("truoc-khoi-phuc.db")
    shutil.copy(db_path, saved)
    keys_saved = Path(str(saved) + ".keys")
    shutil.copy(keys_path(db_path), keys_saved)
    s = Session.open(db_path, "admin", PASSWORD)
    records.save(s, reception())  # stands for the restored data: not in the saved copy
    s.close()
    journal = RestoreJournal(db_path, saved, keys_saved, keys_path(db_path)).__enter__()
    journal._fh.close()  # the process died: its lock is gone, its journal stays

    dlg = _log_in(qtbot, db_path)
    try:
        assert dlg.result() == QDialog.DialogCode.Accepted
        assert any("Lần khôi phục trước bị ngắt giữa chừng" in a["text"] for a in answer_boxes.asked)
        assert dlg.session.db.conn.execute("SELECT count(*) FROM receptions").fetchone()[0] == 0
        assert not Path(str(db_path) + ".restoring").exists()
    finally:
        dlg.session.close()


def test_a_wrong_password_on_the_demo_leaves_its_accounts_box_whole(qtbot, qt_app, tmp_path):
    """The error line took its height from the demo accounts' box, whose first line was cut off."""
    from app.services import demo
    from ui.dialogs.login import LoginDialog

    path = tmp_path / "demo.db"
    demo.build_demo(path, records=10)
    dlg = LoginDialog(path, lang="vi", suggested=("canbo", "sai-mat-khau"))
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.login_button.click()
    assert dlg.error.isVisible()
    qt_app.processEvents()
    assert dlg.demo_box.height() >= dlg.demo_box.sizeHint().height()
    assert dlg.error.height() >= dlg.error.heightForWidth(dlg.error.width())


def test_a_new_computer_restores_the_units_backup_from_the_first_screen(qtbot, qt_app, tmp_path, settings, db_path,
                                                                       answer_boxes):
    """"Khôi phục từ bản sao lưu" on the first screen: a wrong password of the backup's account is refused and
    nothing is created; the right one puts the backup (and its key file) in place and the log-in box is offered
    for that account. A backup without its key file is put in place after a question."""
    import shutil

    from ui.dialogs.first_run import FirstRunDialog

    usb = tmp_path / "usb"
    usb.mkdir()
    backup = usb / "hom-qua.db"
    shutil.copyfile(db_path, backup)
    shutil.copyfile(str(db_path) + ".keys", str(backup) + ".keys")
    new = tmp_path / "may-moi" / "sodanvan.db"
    first = FirstRunDialog(new, settings, "vi")
    qtbot.addWidget(first)
    assert first.restore_button.text() == "Khôi phục từ bản sao lưu"
    first.choose_restore(str(backup), ("admin", "sai-mat-khau"))
    assert not new.exists() and first.result() == 0
    assert "mật khẩu" in answer_boxes.asked[-1]["text"].lower()
    first.choose_restore(str(backup), ("admin", PASSWORD))
    assert first.result() == QDialog.DialogCode.Accepted
    assert first.chosen_path == new and first.suggested_login == ("admin", "")
    assert new.exists() and (tmp_path / "may-moi" / "sodanvan.db.keys").exists()
    Session.open(new, "admin", PASSWORD).close()

    other = tmp_path / "may-khac" / "sodanvan.db"
    (usb / "hom-qua.db.keys").unlink()
    again = FirstRunDialog(other, settings, "vi")
    qtbot.addWidget(again)
    answer_boxes.push("no")
    again.choose_restore(str(backup), ("admin", PASSWORD))
    assert not other.exists() and "khóa đồng bộ" in answer_boxes.asked[-1]["text"]
    answer_boxes.push("yes")
    again.choose_restore(str(backup), ("admin", PASSWORD))
    assert other.exists() and again.result() == QDialog.DialogCode.Accepted
