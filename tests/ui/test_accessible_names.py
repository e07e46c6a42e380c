"""What a screen reader says for each control (ui/accessibility.py): every control a keyboard reaches on every
screen, form and dialog has a name — its label, its own text, or (for a table) its screen's title —, a required
field says so, and a refused save's message is the field's description.

The name checked is the one Windows gets: the widget's own accessible name, or a button's own text. (On Linux Qt
also takes a sibling label's text, and a combo box's value — neither happens on Windows, so neither counts.)
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QScrollBar, QTabBar,
                               QTabWidget, QWidget)

from app.services import records
from tests.ui.conftest import reception


def _reachable(root: QWidget) -> list[QWidget]:
    out = []
    for w in root.findChildren(QWidget):
        if not (w.focusPolicy() & Qt.FocusPolicy.TabFocus) or not w.isVisibleTo(root) or not w.isEnabled():
            continue
        if w.focusProxy() is not None or w.isWindow() or isinstance(w, (QScrollBar, QTabBar)):
            continue  # the proxy is announced; a tab bar reads its tabs' titles
        parent = w.parentWidget()
        if isinstance(w, QLineEdit) and isinstance(parent, (QAbstractSpinBox, QComboBox)):
            continue  # a spin box's or combo box's own line: the box is announced
        out.append(w)
    return out


def _windows_name(w: QWidget) -> str:
    if isinstance(w, QAbstractButton) and w.text().replace("&", "").strip():
        return w.text()
    return w.accessibleName()


def unnamed(root: QWidget) -> list[str]:
    def ident(w):
        return f"{type(w).__name__}#{w.objectName()}" + (f" '{w.placeholderText()}'" if isinstance(w, QLineEdit) else "")
    return [ident(w) for w in _reachable(root) if not any(c.isalpha() for c in _windows_name(w))]


_SHOWN: list[QWidget] = []


@pytest.fixture(autouse=True)
def _delete_windows():
    """Windows deleted at the end of each test, before its session closes: a screen left for Qt's later
    deletion re-translated itself on the next test's language change and read the closed file."""
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    while _SHOWN:
        w = _SHOWN.pop()
        w.close()
        w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _settle(qtbot, widget) -> None:
    """Shown and active, as a person opens it: the names are given as the focus first enters the window."""
    from PySide6.QtWidgets import QApplication

    _SHOWN.append(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=3000)
    if QApplication.focusWidget() is None:
        widget.focusNextChild()
    qtbot.waitUntil(lambda: widget.property("a11yNamed") is not None, timeout=3000)


SCREENS = ["dashboard", "reception", "petition", "model", "dialogue", "sync", "print", "admin", "audit"]


@pytest.mark.parametrize("key", SCREENS)
def test_every_control_of_every_screen_has_a_name(qtbot, make_ctx, key):
    from ui.main_window import MainWindow

    ctx = make_ctx("admin")
    records.save(ctx.session, reception())
    window = MainWindow(ctx)
    window.resize(1366, 768)
    _settle(qtbot, window)
    screen = window.go_to(key)
    qtbot.wait(50)
    missing = unnamed(screen)
    for tabs in screen.findChildren(QTabWidget):  # each tab of the administration, the sync screen …
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            qtbot.wait(10)
            missing += [f"{tabs.tabText(i)}: {m}" for m in unnamed(tabs.widget(i))]
    assert not missing, missing


def test_the_window_and_its_menu_say_what_their_marks_show(qtbot, make_ctx):
    """The clock warning is a control a keyboard reaches (a link in the status bar was mouse-only), and the
    menu's overdue badge, only painted, is read with its entry."""
    from ui.main_window import BADGE_ROLE, MainWindow

    ctx = make_ctx("admin")
    window = MainWindow(ctx)
    _settle(qtbot, window)
    assert window.nav.accessibleName() == "Các màn hình"
    assert window.status_clock.focusPolicy() & Qt.FocusPolicy.TabFocus
    petitions = next(i for i, e in enumerate(window.entries) if e.key == "petition")
    window._show_badges({"overdue": 3, "sync": {}})
    item = window.nav.item(petitions)
    assert item.data(BADGE_ROLE) == 3
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == f"{item.text()} — {item.toolTip()}"
    assert "3" in item.toolTip()
    window._show_badges({"overdue": 0, "sync": {}})
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) is None


@pytest.mark.parametrize("entity", ["reception", "petition", "model", "dialogue"])
def test_every_field_of_a_form_is_named_after_its_label_and_says_when_it_is_required(qtbot, make_ctx, entity):
    from ui.forms.registry import form_class

    ctx = make_ctx("officer")
    form = form_class(entity)(ctx, None)
    _settle(qtbot, form)
    assert not unnamed(form), unnamed(form)
    labels = {w.accessibleName(): w for w in _reachable(form)}
    required = [n for n, w in labels.items() if w.accessibleDescription() == "bắt buộc"]
    assert required, "no field says it is required"
    assert not any("*" in n or "&" in n for n in labels), [n for n in labels if "*" in n or "&" in n]


def test_a_refused_save_is_said_at_the_field_and_goes_once_it_is_corrected(qtbot, make_ctx, monkeypatch):
    """The red lines under the fields were only seen: each is its field's description now, and the refusal is
    announced (the focus goes to the first field with a message, which a screen reader names)."""
    from ui import accessibility
    from ui.forms.reception_form import ReceptionForm

    said = []
    monkeypatch.setattr(accessibility.QAccessible, "updateAccessibility", lambda event: said.append(event.message()))
    ctx = make_ctx("officer")
    form = ReceptionForm(ctx, None)
    _settle(qtbot, form)
    assert form.name.accessibleName() == "Họ và tên" and form.name.accessibleDescription() == "bắt buộc"
    form.save()
    message = form.name.accessibleDescription()
    assert message and message != "bắt buộc"
    assert said and said[-1].startswith("Chưa lưu.") and "Họ và tên: " in said[-1]
    form.name.insert("Hoàng Văn Nam")
    assert form.name.accessibleDescription() == "bắt buộc"
    form._dirty = False


def test_the_log_in_says_a_wrong_password(qtbot, db_path, monkeypatch):
    from ui import accessibility
    from ui.dialogs.login import LoginDialog

    said = []
    monkeypatch.setattr(accessibility.QAccessible, "updateAccessibility", lambda event: said.append(event.message()))
    dialog = LoginDialog(db_path, lang="vi")
    _settle(qtbot, dialog)
    assert not unnamed(dialog), unnamed(dialog)
    dialog.user.setText("officer")
    dialog.password.setText("sai-mat-khau")
    dialog.try_login()
    assert said and said[-1] == dialog.error.text()
    assert dialog.password.accessibleDescription() == dialog.error.text()
    dialog.use_account("officer", "x")
    assert dialog.password.accessibleDescription() == ""


def test_the_first_start_and_the_set_up_wizard_name_every_control(qtbot, tmp_path, qt_app):
    from ui.context import open_settings
    from ui.dialogs.first_run import FirstRunDialog
    from ui.dialogs.setup_wizard import SetupWizard

    first = FirstRunDialog(tmp_path / "moi.db", open_settings(tmp_path / "s.ini"), "vi")
    _settle(qtbot, first)
    assert not unnamed(first), unnamed(first)
    wizard = SetupWizard(tmp_path / "moi2.db", "vi")
    _settle(qtbot, wizard)
    for fill in (None, ("province_page", "ha noi"), ("commune_page", "ba dinh"), None):
        if fill:
            getattr(wizard, fill[0]).filter.setText(fill[1])
        qtbot.wait(20)
        assert not unnamed(wizard.currentPage()), (wizard.currentId(), unnamed(wizard.currentPage()))
        wizard.next()


def test_a_cell_being_typed_into_says_its_column_and_row(qtbot, make_ctx):
    from ui.forms.petition_form import PetitionForm

    ctx = make_ctx("officer")
    form = PetitionForm(ctx, None)
    _settle(qtbot, form)
    table = form.petitioners
    table.add_row()
    table.add_row()
    editor = table.view.indexWidget(table.view.currentIndex())
    assert editor is not None and editor.accessibleName() == "Họ và tên, dòng 2"
    form._dirty = False


def test_the_names_follow_a_change_of_language(qtbot, make_ctx):
    from PySide6.QtWidgets import QLabel

    from ui.accessibility import clean_label
    from ui.forms.reception_form import ReceptionForm

    ctx = make_ctx("officer")
    form = ReceptionForm(ctx, None)
    _settle(qtbot, form)
    label = next(lab for lab in form.findChildren(QLabel) if lab.buddy() is form.name)
    assert form.name.accessibleName() == "Họ và tên"
    try:
        ctx.set_language("en")
        qtbot.waitUntil(lambda: form.name.accessibleName() == clean_label(label.text()) != "Họ và tên", timeout=3000)
        assert form.name.accessibleDescription() == "required"
    finally:
        ctx.set_language("vi")
    qtbot.waitUntil(lambda: form.name.accessibleName() == "Họ và tên", timeout=3000)
    form._dirty = False


def test_an_overdue_date_is_bold_and_said_not_only_red(qtbot, make_ctx):
    """A red-green colour-blind officer, or a screen reader, could not tell an overdue due date from another."""
    from PySide6.QtCore import Qt

    from tests.ui.conftest import petition
    from ui.screens.lists import PetitionsScreen

    ctx = make_ctx("officer")
    late = records.save(ctx.session, petition(received_on="2026-06-01"))
    on_time = records.save(ctx.session, petition(received_on="2026-11-20"))
    screen = PetitionsScreen(ctx)
    _settle(qtbot, screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=3000)
    due = next(i for i, c in enumerate(screen.model.columns) if c.key == "due")
    cells = {screen.model.record_id(r): screen.model.index(r, due) for r in range(2)}
    assert cells[late].data(Qt.ItemDataRole.FontRole).bold()
    assert cells[late].data(Qt.ItemDataRole.AccessibleTextRole) == f"{cells[late].data()} — quá hạn"
    assert cells[on_time].data(Qt.ItemDataRole.FontRole) is None
    assert cells[on_time].data(Qt.ItemDataRole.AccessibleTextRole) is None


def test_rows_are_as_tall_as_a_large_font_needs(qtbot):
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QTableView

    from ui.widgets.tables import row_height

    view = QTableView()
    qtbot.addWidget(view)
    assert row_height(view) == 26  # the usual font: as before
    font = QFont(view.font())
    font.setPointSizeF(16)
    view.setFont(font)
    assert row_height(view) >= view.fontMetrics().height() + 8 > 26


def test_the_clock_warning_opens_from_the_keyboard(qtbot, make_ctx, answer_boxes):
    """The status bar's clock warning was a link only a mouse could follow: a button now, Space opens it."""
    from PySide6.QtCore import Qt

    from ui.main_window import MainWindow

    ctx = make_ctx("officer")
    window = MainWindow(ctx)
    _settle(qtbot, window)
    window.clock_doubts = [{"message": "Đồng hồ máy tính đang đặt múi giờ UTC"}]
    window.status_clock.show()
    window.status_clock.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(window.status_clock, Qt.Key.Key_Space)
    assert answer_boxes.asked and "múi giờ" in answer_boxes.asked[-1]["text"]
