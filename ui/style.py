"""The look: the bundled Vietnamese font everywhere, one accent colour, neutral greys, red only for overdue."""

from __future__ import annotations

import logging

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication

from app.resources import resources_dir

log = logging.getLogger(__name__)

FONT_FAMILY = "Be Vietnam Pro"
ACCENT = "#1f5f99"
OVERDUE = "#c62828"
WARNING = "#b26a00"
MUTED = "#5f6368"
BORDER = "#d0d4d9"

STYLESHEET = f"""
QWidget#navigation {{ background: #f1f3f5; border-right: 1px solid {BORDER}; }}
QListWidget#navList {{ background: transparent; border: none; outline: none; }}
QListWidget#navList::item {{ padding: 7px 12px; border-radius: 4px; margin: 1px 6px; color: #202124; }}
QListWidget#navList::item:selected {{ background: {ACCENT}; color: white; }}
QListWidget#navList::item:hover:!selected {{ background: #e3e7eb; }}
QLabel#appTitle {{ font-size: 15pt; font-weight: 600; color: {ACCENT}; }}
QLabel#unitName {{ color: {MUTED}; }}
QLabel#screenTitle {{ font-size: 14pt; font-weight: 600; }}
QLabel#fieldError {{ color: {OVERDUE}; }}
QLineEdit[invalid="true"] {{ border: 1px solid {OVERDUE}; background: #fdecea; }}
QLabel#formErrors {{ color: {OVERDUE}; }}
QLabel#emptyState {{ color: {MUTED}; font-size: 11pt; }}
QLabel#muted {{ color: {MUTED}; }}
QLabel#readOnlyNote {{ background: #fff4e5; border: 1px solid #f0c36d; border-radius: 4px; padding: 6px; }}
QFrame#duplicatesBar {{ background: #fff4e5; border: 1px solid #f0c36d; border-radius: 4px; }}
QFrame#tile {{ background: white; border: 1px solid {BORDER}; border-radius: 6px; }}
QLabel#tileValue {{ font-size: 20pt; font-weight: 600; color: {ACCENT}; }}
QLabel#tileValueAlert {{ font-size: 20pt; font-weight: 600; color: {OVERDUE}; }}
QLabel#tileLabel {{ color: {MUTED}; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border: 1px solid {ACCENT}; border-radius: 4px;
                       padding: 5px 14px; }}
QPushButton#primary:disabled {{ background: #9db3c8; border-color: #9db3c8; }}
QPushButton#link {{ border: none; background: transparent; color: {ACCENT}; text-decoration: underline;
                    padding: 2px 4px; }}
QPushButton#link:disabled {{ color: {MUTED}; text-decoration: none; }}
QTableView {{ gridline-color: #e6e8eb; selection-background-color: #d6e4f2; selection-color: #202124; }}
QHeaderView::section {{ background: #f6f7f8; border: none; border-bottom: 1px solid {BORDER};
                        border-right: 1px solid #e6e8eb; padding: 4px 6px; font-weight: 600; }}
"""


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


def apply_style(app: QApplication) -> None:
    if not app.property("fusionApplied"):  # the same widgets on every Windows version and here
        # Once only: replacing the style while a QWizard with pages exists crashes Qt 6.12 (tests call
        # apply_style once per test, with earlier tests' wizards not yet deleted).
        app.setStyle("Fusion")
        app.setProperty("fusionApplied", True)
    family = load_fonts()
    if family:
        font = QFont(family, 10)
        font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
        app.setFont(font)
    pal = app.palette()
    pal.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    pal.setColor(QPalette.ColorRole.Window, QColor("#fafbfc"))
    pal.setColor(QPalette.ColorRole.Base, QColor("white"))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#f7f9fb"))
    app.setPalette(pal)
    app.setStyleSheet(STYLESHEET)
