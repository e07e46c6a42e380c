"""A 1366×768 laptop with Windows' display scaling at 125 % gives Qt 1093×614 logical pixels (less the taskbar):
no screen may force the main window larger than that, and no form or dialog may open larger than its screen (a
dialog has no maximise button: its Save would be out of reach). The test screen (offscreen) is 800×800."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from tests.ui.conftest import petition

LAPTOP_125 = (1093, 574)  # logical width, and height less taskbar and title bar
NAVIGATION = 230  # the menu beside the screens, with the splitter's handle


def _inside_screen(window: QWidget) -> bool:
    area = window.screen().availableGeometry()
    return window.width() <= area.width() and window.height() <= area.height()


def test_every_screen_fits_beside_the_menu_on_a_laptop_at_125_percent(qtbot, make_ctx):
    from ui.main_window import MainWindow

    import shiboken6

    window = MainWindow(make_ctx("admin"))
    try:
        for entry in window.entries:
            screen = window.screen(entry.key)
            window.go_to(entry.key)
            assert window.current_screen() is screen
            if entry.key != "dashboard":  # its four panels scroll down on a short screen
                assert screen.minimumSizeHint().width() <= LAPTOP_125[0] - NAVIGATION, entry.key
        # the screens scroll inside the window instead of making it larger
        hint = window.minimumSizeHint()
        assert hint.width() <= LAPTOP_125[0] and hint.height() <= LAPTOP_125[1]
    finally:  # every screen was built: none may outlive the test's session (a later language change reaches them)
        shiboken6.delete(window)


@pytest.mark.parametrize("entity", ["reception", "petition", "model", "dialogue"])
def test_a_record_form_opens_within_the_screen_with_its_buttons_in_view(qtbot, make_ctx, entity):
    from ui.forms.registry import open_form

    ctx = make_ctx("officer")
    form = open_form(ctx, entity, None)
    qtbot.addWidget(form)
    assert _inside_screen(form)
    assert form.width() >= 600  # still the size it is made for, where the screen allows
    save = form.save_button.mapTo(form, form.save_button.rect().bottomRight())
    assert form.rect().contains(save)
    form._dirty = False


def test_the_print_dialog_and_the_wizards_open_within_the_screen(qtbot, make_ctx, tmp_path):
    from app.services import records
    from ui.dialogs.import_wizard import ImportWizard
    from ui.dialogs.setup_wizard import SetupWizard
    from ui.printing import RecordPrintDialog

    ctx = make_ctx("officer")
    rid = records.save(ctx.session, petition())
    dialogs = [ImportWizard(ctx), SetupWizard(tmp_path / "new.db", "vi"),
               RecordPrintDialog(ctx, "record-sheet", {"id": rid}, "phieu.pdf")]
    for d in dialogs:
        qtbot.addWidget(d)
        assert _inside_screen(d), type(d).__name__


def test_a_row_of_filters_wraps_instead_of_widening_the_window(qtbot, qt_app):
    from ui.widgets.flow import FlowLayout, pair

    box = QWidget()
    qtbot.addWidget(box)
    flow = FlowLayout(box, spacing=10)
    items = [pair(QLabel(f"Nhãn {n}"), QPushButton("Một nút khá dài")) for n in range(6)]
    for item in items:
        flow.addWidget(item)
    one_line = flow.sizeHint()
    assert flow.minimumSize().width() == max(i.sizeHint().width() for i in items)  # the widest pair, not the row
    assert flow.heightForWidth(one_line.width()) == one_line.height()
    narrow = one_line.width() // 2
    assert flow.heightForWidth(narrow) > 2 * one_line.height()  # three lines or more
    box.resize(narrow, flow.heightForWidth(narrow))
    box.show()
    qtbot.waitExposed(box)
    rects = [i.geometry() for i in items]
    assert all(box.rect().contains(r) for r in rects)
    assert box.minimumHeight() == flow.heightForWidth(narrow)  # the lines' height holds the row open
    assert not any(a.intersects(b) for n, a in enumerate(rects) for b in rects[n + 1:])


def test_justified_panels_share_the_line_and_its_height(qtbot, qt_app):
    from ui.widgets.flow import FlowLayout

    box = QWidget()
    qtbot.addWidget(box)
    flow = FlowLayout(box, spacing=12, justify=True)
    panels = [QLabel("Gửi dữ liệu"), QLabel("Gửi lên máy chủ\nhai dòng"), QLabel("Khóa")]
    for p in panels:
        p.setMinimumWidth(200)
        flow.addWidget(p)
    box.resize(900, flow.heightForWidth(900))
    box.show()
    qtbot.waitExposed(box)
    assert len({p.geometry().top() for p in panels}) == 1 and len({p.height() for p in panels}) == 1
    assert panels[-1].geometry().right() == box.width() - 1  # the whole width used
    box.resize(500, flow.heightForWidth(500))  # two fit on a line, the third goes below, as wide as the line
    qt_app.processEvents()
    assert panels[2].geometry().top() > panels[0].geometry().bottom() and panels[2].width() == 500


def test_a_justified_panel_of_wrapped_text_is_as_tall_as_its_text_at_the_width_it_gets(qtbot, qt_app):
    """English at 125 % cut the sync screen's explanation through: the line was as tall as the panel laid out at
    its preferred width, not at the narrower one it got."""
    from PySide6.QtWidgets import QGroupBox, QVBoxLayout

    from ui.widgets.flow import FlowLayout

    box = QWidget()
    qtbot.addWidget(box)
    flow = FlowLayout(box, spacing=12, justify=True)
    panel = QGroupBox("Receiving")
    words = QLabel("Import the bundles the communes send (.dvb files), then send each commune its receipt. " * 3,
                   wordWrap=True)
    QVBoxLayout(panel).addWidget(words)
    panel.setMinimumWidth(150)
    other = QGroupBox("Keys")
    other.setMinimumWidth(150)
    flow.addWidget(panel)
    flow.addWidget(other)
    width = 150 * 2 + 12 + 20
    assert panel.sizeHint().width() > width // 2  # it gets less than it would like: its text needs more lines
    box.resize(width, flow.heightForWidth(width))
    box.show()
    qtbot.waitExposed(box)
    assert panel.height() >= panel.heightForWidth(panel.width()) > panel.sizeHint().height()
