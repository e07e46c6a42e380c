"""Where the shipped data files live, in a source checkout and in a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    # PyInstaller unpacks data next to the executable (sys._MEIPASS); a checkout keeps it beside app/.
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_file(name: str) -> Path:
    return resources_dir() / "data" / name
