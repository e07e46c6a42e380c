"""Text the officer can read: every text colour of ours reaches WCAG AA (4.5:1) on the backgrounds it is drawn on,
a dark Windows scheme cannot leave white text on our light backgrounds, and a high-contrast theme keeps its own."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLineEdit, QPushButton

from ui import style
from ui.style import (ACCENT, ALTERNATE_BASE, BASE, BUTTON, DISABLED_BASE, DISABLED_TEXT, INVALID_BASE, MUTED,
                      NOTE_BASE, OVERDUE, PLACEHOLDER, SELECTED_ROW, TEXT, WARNING, WINDOW, apply_style)

AA = 4.5
Role, Group = QPalette.ColorRole, QPalette.ColorGroup


def luminance(colour: QColor | str) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""
    c = QColor(colour)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor | str, b: QColor | str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_is_computed_as_wcag_does():
    """Black on white is 21:1, a colour on itself 1:1, and the old amber's 4.24:1 on white is reproduced."""
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast(ACCENT, ACCENT) == pytest.approx(1.0)
    assert contrast("#b26a00", "#ffffff") == pytest.approx(4.24, abs=0.01)


NAV_BACKGROUND = "#f1f3f5"  # QWidget#navigation
# Each text colour and every background it is drawn on.
DRAWN_ON = {
    # the deadline strip, the legal-rules and version notes, the backup reminder, the calendar's working days
    # (table rows: plain, alternate, selected), held sync records
    WARNING: [BASE, WINDOW, ALTERNATE_BASE, SELECTED_ROW, NOTE_BASE],
    # overdue rows (selected too), field errors on the window, the overdue strip and tile
    OVERDUE: [BASE, WINDOW, ALTERNATE_BASE, SELECTED_ROW, INVALID_BASE, NOTE_BASE],
    MUTED: [BASE, WINDOW, ALTERNATE_BASE, SELECTED_ROW, NAV_BACKGROUND, NOTE_BASE],
    ACCENT: [BASE, WINDOW, ALTERNATE_BASE, SELECTED_ROW, NAV_BACKGROUND],  # links, figures, the app's title
    TEXT: [BASE, WINDOW, ALTERNATE_BASE, SELECTED_ROW, NAV_BACKGROUND, NOTE_BASE, INVALID_BASE, BUTTON,
           DISABLED_BASE, "#e3e7eb", "#f6f7f8"],
    PLACEHOLDER: [BASE, ALTERNATE_BASE, INVALID_BASE],  # the date boxes' only format hint, in a field marked wrong too
    DISABLED_TEXT: [WINDOW, DISABLED_BASE, BUTTON, NAV_BACKGROUND],
    "#ffffff": [ACCENT, OVERDUE],  # the selected navigation item, primary buttons, the red badge
}


@pytest.mark.parametrize("text", list(DRAWN_ON))
def test_text_colours_reach_aa_on_their_backgrounds(text):
    """Every text colour of ui/style.py reaches 4.5:1 on each background it is drawn on."""
    low = {bg: round(contrast(text, bg), 2) for bg in DRAWN_ON[text] if contrast(text, bg) < AA}
    assert not low, f"{text} under {AA}:1 on {low}"


def _rules(sheet: str):
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet.replace("{{", "{").replace("}}", "}")):
        props = dict(re.findall(r"([\w-]+)\s*:\s*([^;]+);", body))
        yield selector.strip(), {k: v.strip() for k, v in props.items()}


def _hex(value: str) -> str | None:
    value = value.split()[0]
    return "#ffffff" if value == "white" else value if re.fullmatch(r"#[0-9a-fA-F]{6}", value) else None


def test_style_sheet_rules_with_their_own_background_reach_aa():
    """A rule that sets both a text colour and a background (the primary button, enabled or not, the selected
    navigation item) reaches 4.5:1; one with a background alone keeps the palette's text readable on it."""
    checked = 0
    for selector, props in _rules(style.STYLESHEET):
        bg = _hex(props.get("background", "")) if "background" in props else None
        if bg is None:
            continue
        fg = _hex(props["color"]) if "color" in props else TEXT
        if fg is None:
            continue
        assert contrast(fg, bg) >= AA, f"{selector}: {fg} on {bg} is {contrast(fg, bg):.2f}:1"
        checked += 1
    assert checked >= 5


def test_deadline_strip_text_reaches_aa_on_its_background():
    """The deadline strip's amber and red lines on its amber and red backgrounds (3.90:1 with the old amber)."""
    from ui.widgets.deadline_strip import _STYLES

    for state, sheet in _STYLES.items():
        rules = dict(_rules(sheet))
        bg = _hex(rules["QFrame#deadlineStrip"]["background"])
        fg = _hex(rules["QLabel"]["color"]) if "QLabel" in rules else TEXT
        assert contrast(fg, bg) >= AA, f"{state}: {fg} on {bg} is {contrast(fg, bg):.2f}:1"


PAIRS = [  # text role, background role
    (Role.WindowText, Role.Window), (Role.Text, Role.Base), (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button), (Role.PlaceholderText, Role.Base), (Role.HighlightedText, Role.Highlight),
    (Role.ToolTipText, Role.ToolTipBase), (Role.Link, Role.Base), (Role.LinkVisited, Role.Base),
    (Role.BrightText, Role.Highlight), (Role.WindowText, Role.Button),
]


def _low_pairs(pal: QPalette) -> list[str]:
    low = []
    for group in (Group.Active, Group.Inactive, Group.Disabled):
        for fg, bg in PAIRS:
            if group == Group.Disabled and fg in (Role.HighlightedText, Role.BrightText):
                continue  # nothing disabled is drawn selected or pressed
            ratio = contrast(pal.color(group, fg), pal.color(group, bg))
            if ratio < AA:
                low.append(f"{group.name} {fg.name} {pal.color(group, fg).name()} on {bg.name} "
                           f"{pal.color(group, bg).name()}: {ratio:.2f}")
    return low


def test_palette_text_reaches_aa_in_every_group(qt_app):
    """After apply_style every text role reaches 4.5:1 on its background, active, inactive and disabled (disabled
    text was 1.86:1, placeholders 4.0:1)."""
    assert not _low_pairs(qt_app.palette())
    assert qt_app.palette().color(Role.PlaceholderText).name() == PLACEHOLDER
    assert qt_app.palette().color(Group.Disabled, Role.Text).name() == DISABLED_TEXT


def _dark_scheme() -> QPalette:
    """Roughly what Windows' dark mode hands Qt: white text, dark backgrounds."""
    pal = QPalette()
    for role, colour in {Role.Window: "#202020", Role.WindowText: "#ffffff", Role.Base: "#2b2b2b",
                         Role.AlternateBase: "#323232", Role.Text: "#ffffff", Role.Button: "#383838",
                         Role.ButtonText: "#ffffff", Role.PlaceholderText: "#9a9a9a", Role.ToolTipBase: "#2b2b2b",
                         Role.ToolTipText: "#ffffff", Role.BrightText: "#ffffff", Role.Link: "#8ab4f8",
                         Role.LinkVisited: "#c58af9", Role.Highlight: "#0078d4",
                         Role.HighlightedText: "#ffffff"}.items():
        pal.setColor(role, QColor(colour))
    pal.setColor(Group.Disabled, Role.Text, QColor("#7a7a7a"))
    pal.setColor(Group.Disabled, Role.WindowText, QColor("#7a7a7a"))
    return pal


@pytest.fixture
def restyled(qt_app, monkeypatch):
    """apply_style run again after the test, with the real high-contrast question: the next test gets our look."""
    yield qt_app
    monkeypatch.undo()
    apply_style(qt_app)


def test_a_dark_system_scheme_leaves_no_white_text_on_our_light_backgrounds(qtbot, restyled):
    """Windows in dark mode: our light backgrounds come with our dark text, every role and group (a field showed
    white text on white)."""
    app = restyled
    app.setPalette(_dark_scheme())
    apply_style(app)
    pal = app.palette()
    assert pal.color(Role.Base).name() == BASE and pal.color(Role.Window).name() == WINDOW
    assert pal.color(Role.Text).name() == TEXT and pal.color(Role.WindowText).name() == TEXT
    assert not _low_pairs(pal)
    field, button = QLineEdit(), QPushButton("Thoát")
    qtbot.addWidget(field)
    qtbot.addWidget(button)
    assert contrast(field.palette().color(Role.Text), field.palette().color(Role.Base)) >= AA
    assert contrast(field.palette().color(Role.PlaceholderText), field.palette().color(Role.Base)) >= AA
    assert contrast(button.palette().color(Role.ButtonText), button.palette().color(Role.Button)) >= AA


def _high_contrast_scheme() -> QPalette:
    """Windows' "Night sky" contrast theme, roughly: white and yellow on black."""
    pal = QPalette()
    for role, colour in {Role.Window: "#000000", Role.WindowText: "#ffffff", Role.Base: "#000000",
                         Role.Text: "#ffffff", Role.Button: "#000000", Role.ButtonText: "#ffffff",
                         Role.Highlight: "#ffff00", Role.HighlightedText: "#000000",
                         Role.Link: "#8080ff"}.items():
        pal.setColor(role, QColor(colour))
    return pal


def test_a_high_contrast_theme_keeps_its_palette_and_no_colours_of_ours(qtbot, restyled, monkeypatch, make_ctx):
    """When the system asks for high contrast, apply_style leaves the theme's palette and sets no colour of its
    own: the style sheet keeps only sizes and weights; the dashboard and its charts take the theme's colours."""
    app = restyled
    monkeypatch.setattr(style, "prefers_high_contrast", lambda: True)
    theme = _high_contrast_scheme()
    app.setPalette(theme)
    apply_style(app)
    for role in (Role.Window, Role.WindowText, Role.Base, Role.Text, Role.Highlight, Role.ButtonText):
        assert app.palette().color(role) == theme.color(role), role.name
    sheet = app.styleSheet()
    assert "font-size" in sheet
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b|\bwhite\b|color\s*:|background", sheet)

    from ui.widgets.charts import HBarChart, Bar
    chart = HBarChart()
    qtbot.addWidget(chart)
    chart.set_bars([Bar("Khiếu nại", 1)])
    bars, labels, _line = chart._colours()
    assert bars == theme.color(Role.Highlight) and labels == theme.color(Role.WindowText)

    from ui.screens.dashboard import DashboardScreen
    screen = DashboardScreen(make_ctx("officer"))
    qtbot.addWidget(screen)
    assert "palette(highlight)" in screen.styleSheet()
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b|\bwhite\b|color\s*:|background", screen.styleSheet())


def test_our_palette_gives_way_when_high_contrast_is_switched_on(qtbot, restyled, monkeypatch):
    """A contrast theme chosen while the program runs: our light palette (set earlier) is dropped for the
    theme's."""
    app = restyled
    apply_style(app)
    assert app.palette().color(Role.Window).name() == WINDOW
    monkeypatch.setattr(style, "prefers_high_contrast", lambda: True)
    apply_style(app)
    assert app.palette() != style.light_palette()
    assert app.palette().color(Role.Window).name() != WINDOW
