"""The look: the bundled Vietnamese font everywhere, one accent colour, neutral greys, red only for overdue.

Every text colour here reaches WCAG AA (4.5:1) on each background it is drawn on (tests/ui/test_style_contrast.py
checks them). The light palette is complete — text roles included — so a dark Windows scheme cannot leave its white
text on our white fields; a high-contrast theme is left alone (its palette, no colours of ours), its user chose it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QApplication, QProxyStyle, QStyle, QWidget

from app.resources import resources_dir

log = logging.getLogger(__name__)

FONT_FAMILY = "Be Vietnam Pro"
ACCENT = "#1f5f99"  # 6.7:1 on white; white on it 6.7:1
OVERDUE = "#b71c1c"  # red; 5.1:1 on a selected row (#c62828 was 4.35)
WARNING = "#8a5300"  # amber-brown; 4.9:1 on a selected row, 5.8:1 on the deadline strip (#b26a00 was 3.9)
MUTED = "#5f6368"
BORDER = "#d0d4d9"
TEXT = "#202124"
WINDOW = "#fafbfc"
BASE = "#ffffff"
ALTERNATE_BASE = "#f7f9fb"
BUTTON = "#eff0f1"
SELECTED_ROW = "#d6e4f2"  # a table's selected row: dark text on a light blue
PLACEHOLDER = "#666b71"  # the only format hint in a date box: 4.7:1 even in a field marked invalid
DISABLED_TEXT = "#666b71"  # 4.7:1 on a disabled field or button
DISABLED_BASE = "#f1f3f5"
INVALID_BASE = "#fdecea"
NOTE_BASE = "#fff4e5"  # the amber notes and the deadline strip's warning
FOCUS_ON_ACCENT = "#a9cbeb"  # the focus ring on a blue button: light on the fill (3.5:1), not a dark dotted line

# Sizes and weights: kept in a high-contrast theme (only our colours are dropped there).
_LAYOUT = """
QListWidget#navList::item { padding: 7px 12px; margin: 1px 6px; }
QLabel#appTitle { font-size: 15pt; font-weight: 600; }
QLabel#screenTitle { font-size: 14pt; font-weight: 600; }
QLabel#emptyState { font-size: 11pt; }
QLabel#tileValue, QLabel#tileValueAlert { font-size: 20pt; font-weight: 600; }
QHeaderView::section { font-weight: 600; }
"""

# Focus rings of the same width as the border they replace (a transparent one when not focused), so nothing moves.
# Tables keep Fusion's frame (a wider one narrowed their columns): ViewFocusRing draws theirs.
STYLESHEET = _LAYOUT + f"""
QWidget#navigation {{ background: #f1f3f5; border-right: 1px solid {BORDER}; }}
QListWidget#navList {{ background: transparent; border: none; outline: none; }}
QListWidget#navList::item {{ border-radius: 4px; color: {TEXT}; }}
QListWidget#navList::item:selected {{ background: {ACCENT}; color: white; }}
QListWidget#navList::item:hover:!selected {{ background: #e3e7eb; }}
QListWidget#navList::item:disabled {{ color: {DISABLED_TEXT}; }}
QLabel#appTitle {{ color: {ACCENT}; }}
QLabel#unitName {{ color: {MUTED}; }}
QLabel#fieldError {{ color: {OVERDUE}; }}
QLineEdit[invalid="true"] {{ border: 1px solid {OVERDUE}; background: {INVALID_BASE}; }}
QLabel#formErrors {{ color: {OVERDUE}; }}
QLabel#emptyState {{ color: {MUTED}; }}
QLabel#muted {{ color: {MUTED}; }}
QLabel#readOnlyNote {{ background: {NOTE_BASE}; border: 1px solid #f0c36d; border-radius: 4px; padding: 6px; }}
QFrame#duplicatesBar {{ background: {NOTE_BASE}; border: 1px solid #f0c36d; border-radius: 4px; }}
#tile {{ background: white; border: 1px solid {BORDER}; border-radius: 6px; }}
QLabel#tileValue {{ color: {ACCENT}; }}
QLabel#tileValueAlert {{ color: {OVERDUE}; }}
QLabel#tileLabel {{ color: {MUTED}; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border: 1px solid {ACCENT}; border-radius: 4px;
                       padding: 5px 14px; }}
QPushButton#primary:focus {{ border: 2px solid {FOCUS_ON_ACCENT}; padding: 4px 13px; }}
QPushButton#primary:disabled {{ background: #e3e9f0; border-color: #c3d0dd; color: #4f5d6b; }}
QPushButton#link {{ border: 2px solid transparent; border-radius: 3px; background: transparent; color: {ACCENT};
                    text-decoration: underline; padding: 0px 2px; }}
QPushButton#link:focus {{ border-color: {ACCENT}; }}
QPushButton#link:disabled {{ color: {DISABLED_TEXT}; text-decoration: none; }}
/* flat buttons ('Xóa bộ lọc', 'Xem') and the first-run dialog's command links are drawn here, ring included;
   other buttons, fields and views get theirs from FocusRingStyle */
QPushButton:flat {{ border: 2px solid transparent; border-radius: 4px; background: transparent; padding: 2px; }}
QPushButton:flat:hover {{ background: #e3e7eb; }}
QPushButton:flat:pressed {{ background: #d3d9df; }}
QPushButton:flat:focus {{ border-color: {ACCENT}; }}
QPushButton:flat:disabled {{ color: {DISABLED_TEXT}; }}
QCommandLinkButton {{ border: 2px solid transparent; border-radius: 4px; background: transparent; }}
QCommandLinkButton:default {{ border-color: #b8c6d6; background: #f3f6f9; }}
QCommandLinkButton:hover {{ background: #e3e7eb; }}
QCommandLinkButton:pressed {{ background: #d3d9df; }}
QCommandLinkButton:focus {{ border-color: {ACCENT}; }}
QTableView {{ gridline-color: #e6e8eb; selection-background-color: {SELECTED_ROW}; selection-color: {TEXT}; }}
QHeaderView::section {{ background: #f6f7f8; color: {TEXT}; border: none; border-bottom: 1px solid {BORDER};
                        border-right: 1px solid #e6e8eb; padding: 4px 6px; }}
"""


class FocusRingStyle(QProxyStyle):
    """Fusion with a focus ring a person can see: 2 px in the highlight colour (our accent, or the high-contrast
    theme's) around a focused push button, check box, radio button, combo box, spin or date box, line edit, table,
    tree or text box. Fusion's own mark is a faint 1 px line; on a white table with no rows, nothing at all.
    Drawn over the control's own border, so no control changes size when it gains focus."""

    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if not option.state & QStyle.StateFlag.State_HasFocus:
            return
        if element in (QStyle.PrimitiveElement.PE_PanelButtonCommand, QStyle.PrimitiveElement.PE_FrameLineEdit):
            _ring(painter, option, QRectF(option.rect))
        elif element == QStyle.PrimitiveElement.PE_FrameFocusRect and _is(widget, "QCheckBox", "QRadioButton"):
            _ring(painter, option, QRectF(option.rect).adjusted(0, -1, 2, 1))
        elif element == QStyle.PrimitiveElement.PE_Frame and _is(widget, "QTextEdit", "QPlainTextEdit"):
            _ring(painter, option, QRectF(option.rect))

    def drawComplexControl(self, control, option, painter, widget=None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in (QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox) \
                and option.state & QStyle.StateFlag.State_HasFocus:
            _ring(painter, option, QRectF(option.rect))


def _ring_on_focus(_old, new) -> None:
    """A list, table or tree gets its ring the first time it takes the focus (attached as each was polished, the
    400 widgets of the first window cost the start-up 7 ms in Python)."""
    if isinstance(new, QAbstractItemView) and not new.isWindow() \
            and new.window().windowType() != Qt.WindowType.Popup:  # not a combo box's or completer's list
        ViewFocusRing.attach(new)


class ViewFocusRing(QWidget):
    """The ring of a list, table or tree while it has the focus, painted over the view's frame, header and rows
    (an empty table showed no focus at all): a thicker frame would have narrowed every view, and its columns."""

    @classmethod
    def attach(cls, view: QAbstractItemView) -> None:
        if view.findChild(cls, options=Qt.FindChildOption.FindDirectChildrenOnly) is None:
            cls(view)

    def __init__(self, view: QAbstractItemView):
        super().__init__(view)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setGeometry(view.rect())
        self.setVisible(view.hasFocus())
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize:
            self.setGeometry(watched.rect())
        elif kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.setVisible(watched.hasFocus())
            self.raise_()  # above the scroll bars and corner widgets added since
        return False

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        # the application's highlight: a table's own is its light selection colour (the style sheet's)
        _ring(p, QGuiApplication.palette(), QRectF(self.rect()))
        p.end()


def _is(widget: QWidget | None, *classes: str) -> bool:
    return widget is not None and any(widget.inherits(c) for c in classes)


def _ring(painter: QPainter, option_or_palette, rect: QRectF) -> None:
    palette = option_or_palette if isinstance(option_or_palette, QPalette) else option_or_palette.palette
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight), 2)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect.adjusted(1, 1, -1, -1), 3, 3)
    painter.restore()


def load_fonts() -> str | None:
    """Register every bundled TTF; return the family loaded (None if the files are missing)."""
    family = None
    # Only the interface font: Tinos (resources/fonts/Tinos) is for printed letters and reports, not the screen.
    for ttf in sorted((resources_dir() / "fonts" / "BeVietnamPro").glob("*.ttf")):
        fid = QFontDatabase.addApplicationFont(str(ttf))
        if fid < 0:
            log.warning("font not loaded: %s", ttf)
            continue
        families = QFontDatabase.applicationFontFamilies(fid)
        if families and families[0] == FONT_FAMILY:
            family = FONT_FAMILY
    return family


def prefers_high_contrast() -> bool:
    """The system asks for high contrast (Windows' contrast themes): its palette and colours win over ours."""
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)  # Qt 6.10 and later
    return accessibility is not None and \
        accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast


def light_palette() -> QPalette:
    """Our light palette, every role of every group set: light backgrounds never keep a dark scheme's white text."""
    pal = QPalette()
    roles = QPalette.ColorRole
    colours = {
        roles.Window: WINDOW, roles.WindowText: TEXT, roles.Base: BASE, roles.AlternateBase: ALTERNATE_BASE,
        roles.Text: TEXT, roles.PlaceholderText: PLACEHOLDER, roles.Button: BUTTON, roles.ButtonText: TEXT,
        roles.BrightText: "#ffffff", roles.Highlight: ACCENT, roles.HighlightedText: "#ffffff",
        roles.Accent: ACCENT, roles.Link: ACCENT, roles.LinkVisited: "#5b3f8c",
        roles.ToolTipBase: "#ffffdc", roles.ToolTipText: TEXT,
        roles.Light: "#ffffff", roles.Midlight: "#f6f7f8", roles.Mid: "#b8bdc3", roles.Dark: "#9aa0a6",
        roles.Shadow: "#5f6368",
    }
    for role, colour in colours.items():
        pal.setColor(role, QColor(colour))  # every group
    disabled = QPalette.ColorGroup.Disabled
    for role in (roles.WindowText, roles.Text, roles.ButtonText, roles.PlaceholderText, roles.HighlightedText,
                 roles.Link, roles.LinkVisited):
        pal.setColor(disabled, role, QColor(DISABLED_TEXT))
    pal.setColor(disabled, roles.Base, QColor(DISABLED_BASE))
    pal.setColor(disabled, roles.Button, QColor(DISABLED_BASE))
    pal.setColor(disabled, roles.Highlight, QColor("#d0d4d9"))
    pal.setColor(disabled, roles.HighlightedText, QColor(TEXT))
    return pal


def apply_style(app: QApplication) -> None:
    if not app.property("fusionApplied"):  # the same widgets on every Windows version and here
        # Once only: replacing the style while a QWizard with pages exists crashes Qt 6.12 (tests call
        # apply_style once per test, with earlier tests' wizards not yet deleted).
        app.setStyle(FocusRingStyle("Fusion"))
        app.setProperty("fusionApplied", True)
        app.focusChanged.connect(_ring_on_focus)
        hints = getattr(app.styleHints(), "accessibility", None)
        if hints is not None:  # a contrast theme chosen while the program runs
            hints().contrastPreferenceChanged.connect(lambda _pref: apply_style(app))
    family = load_fonts()
    if family:
        font = QFont(family, 10)
        font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
        app.setFont(font)
    if prefers_high_contrast():
        if app.property("lightPaletteKey") == app.palette().cacheKey():
            app.setPalette(QPalette())  # ours, from before the switch: the theme's back
        app.setProperty("lightPaletteKey", None)
        app.setStyleSheet(_LAYOUT)
        return
    app.setPalette(light_palette())
    app.setProperty("lightPaletteKey", app.palette().cacheKey())
    app.setStyleSheet(STYLESHEET)
