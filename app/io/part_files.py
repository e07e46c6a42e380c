"""The hidden temporary name a file is written under before it is renamed into place (a power cut never leaves a
half-written file under the real name)."""

from __future__ import annotations

import os
from pathlib import Path

NAME_MAX = 255  # bytes in one file name (ext4, NTFS counts UTF-16 units: fewer than UTF-8 bytes here)
WINDOWS_MAX_PATH = 259  # characters in a whole path where long paths are not enabled (260 with the final NUL)


def part_name(path: Path, token: str = "") -> str:
    """The hidden temporary name a file is written under before it is renamed to `path`: `.TOKEN.NAME.part`, or
    `.TOKEN.EXT.part` where that would be too long — a legal 250-byte name, or a path just under Windows'
    260 characters, must not be refused for the 15 characters the temporary name adds."""
    head = f".{token}." if token else "."
    long = f"{head}{path.name}.part"
    if len(os.fsencode(long)) <= NAME_MAX and len(str(path.with_name(long))) <= WINDOWS_MAX_PATH:
        return long
    return f"{head}{path.suffix.lstrip('.')}.part"
