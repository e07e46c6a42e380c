"""Writing one section of BENCHMARKS.md without touching the others (each bench owns its section)."""

from __future__ import annotations

import os
import platform
import sqlite3
from pathlib import Path

HEADER = ("# Benchmarks\n\nFigures from `bench/`, run on demand (never in CI), each against a baseline measured in "
          "the same run.\n\n")


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}, SQLite {sqlite3.sqlite_version}")


def replace_section(path: Path, heading: str, lines: list[str]) -> None:
    """Replace the section starting with `heading` (up to the next "## "), or append it."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    start = text.find(heading)
    body = "\n".join(lines)
    if start >= 0:
        end = text.find("\n## ", start + 5)
        text = text[:start] + body + (text[end + 1:] if end >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + body
    path.write_text(text, encoding="utf-8")


def verdict(ok: bool) -> str:
    return "pass" if ok else "**FAIL**"
