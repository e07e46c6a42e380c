"""The application's windows carry the Sổ Dân Vận icon (resources/icons/sodanvan.ico, read through Qt's ico plugin,
which the frozen bundle keeps)."""

from __future__ import annotations


def test_windows_carry_the_app_icon(qt_app):
    """make_app sets the icon every window (title bar, taskbar) shows, in the sizes the .ico carries."""
    from ui.application import make_app

    app = make_app()
    sizes = {s.width() for s in app.windowIcon().availableSizes()}
    assert {16, 32, 48, 256} <= sizes
