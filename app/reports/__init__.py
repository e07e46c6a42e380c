"""Printed documents and reports (reportlab, openpyxl, python-docx) — Qt-free; the GUI only previews and prints.

Each document is a module with `build(session, out, options) -> dict` registered in app/services/printing.py.
"""
