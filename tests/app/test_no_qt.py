"""The headless core never loads Qt (STYLE.md: app/ has no PySide6, not even QtCore)."""

import subprocess
import sys


def test_importing_app_and_cli_loads_no_pyside6():
    """Importing app, app.cli and every service module leaves PySide6 out of sys.modules."""
    code = (
        "import sys, pkgutil, importlib, app, app.cli\n"
        "for m in pkgutil.walk_packages(app.__path__, 'app.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
