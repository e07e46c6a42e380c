"""The one writer of BENCHMARKS.md: each bench module describes its figures as a `Section`; `render_section` turns it
into Markdown; `replace_section` rewrites one section in place (`python -m bench.<module> --write BENCHMARKS.md`)
and `write_all` the whole file (`python -m bench`)."""

from __future__ import annotations

import os
import platform
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

HEADER = ("# Benchmarks\n\nFigures from `bench/`, run on demand (never in CI), each against a baseline measured in "
          "the same run.\n\n")


@dataclass
class Figure:
    """One measured figure against its target. `ratio` is measured ÷ baseline (None when there is none)."""

    name: str
    measured: str
    baseline: str
    ratio: float | None
    target: str
    ok: bool


@dataclass
class Section:
    heading: str  # "## Step N — …"
    command: str  # how to run this benchmark alone
    figures: list[Figure]
    intro: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    when: datetime = field(default_factory=datetime.now)


def _cpu() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return cpu or platform.machine()


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024 ** 3
    except (ValueError, OSError, AttributeError):
        return None


def _pyside6() -> str:
    from importlib import metadata

    for dist in ("PySide6-Essentials", "PySide6"):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


def machine() -> str:
    """One line: OS, CPU model, cores, RAM, Python, PySide6, SQLite (without importing Qt)."""
    ram = _ram_gb()
    return (f"{platform.system()} {platform.release()}, {_cpu()}, {os.cpu_count()} cores, "
            f"{f'{ram:.0f} GB RAM, ' if ram else ''}Python {platform.python_version()}, PySide6 {_pyside6()}, "
            f"SQLite {sqlite3.sqlite_version}")


def verdict(ok: bool) -> str:
    return "PASS" if ok else "**FAIL**"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def figure_table(figures: list[Figure]) -> list[str]:
    rows = ["| figure | measured | baseline (same run) | ratio | target | result |", "|---|---|---|---|---|---|"]
    for f in figures:
        ratio = "—" if f.ratio is None else f"{f.ratio:.1f}×"
        rows.append(f"| {_cell(f.name)} | {_cell(f.measured)} | {_cell(f.baseline or '—')} | {ratio} | "
                    f"{_cell(f.target)} | {verdict(f.ok)} |")
    return rows


def render_section(s: Section, *, with_machine: bool = True) -> list[str]:
    run = f"Run `{s.command}` · {s.when:%Y-%m-%d %H:%M}" + (f" · {machine()}" if with_machine else "")
    lines = [s.heading, "", run, ""]
    if s.intro:
        lines += [*s.intro, ""]
    lines += [*figure_table(s.figures), ""]
    if s.notes:
        lines += [*s.notes, ""]
    # Blank lines never pile up (an empty note is a paragraph break).
    out: list[str] = []
    for line in lines:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return out


def replace_section(path: Path, heading: str, lines: list[str]) -> None:
    """Replace the section starting with `heading` (up to the next "## "), or append it."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    start = text.find(heading)
    body = "\n".join(lines).rstrip("\n") + "\n"
    if start >= 0:
        end = text.find("\n## ", start + 5)
        text = text[:start] + body + ("\n" + text[end + 1:] if end >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + body
    _atomic_write(path, text)


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def render_all(sections: list[Section], *, command: str, when: datetime, missing: dict[str, str] | None = None,
               noisy: str | None = None, code: str | None = None) -> str:
    """The whole BENCHMARKS.md: header, machine and date, a summary of every target, then each section."""
    missing = missing or {}
    lines = [
        "# Benchmarks", "",
        f"Every figure of steps 1–4, each against a baseline measured in the same run, regenerated by `{command}` "
        "(run on demand, never in CI).", "",
        f"- **Date**: {when:%Y-%m-%d %H:%M}",
        f"- **Machine**: {machine()}",
    ]
    if code:
        lines.append(f"- **Code**: {code}")
    if noisy:
        lines.append(f"- **Note**: {noisy}")
    lines += ["", "## Summary", "", "| step | target | measured | result |", "|---|---|---|---|"]
    for s in sections:
        step = s.heading.removeprefix("## ").split(" — ")[0]
        for f in s.figures:
            ratio = "" if f.ratio is None or f.measured.endswith("×") else f" — {f.ratio:.1f}× its baseline"
            lines.append(f"| {step} | {_cell(f.name)}: {_cell(f.target)} | {_cell(f.measured)}{ratio} | "
                         f"{verdict(f.ok)} |")
    for heading, why in missing.items():
        step = heading.removeprefix("## ").split(" — ")[0]
        lines.append(f"| {step} | {_cell(heading.removeprefix('## '))} | not run: {_cell(why)} | **FAIL** |")
    passed = sum(f.ok for s in sections for f in s.figures)
    total = sum(len(s.figures) for s in sections) + len(missing)
    lines += ["", f"{passed} of {total} targets met.", ""]
    for s in sections:
        lines += render_section(s, with_machine=False)
    return "\n".join(lines).rstrip("\n") + "\n"


def write_all(path: Path, sections: list[Section], **kw) -> None:
    _atomic_write(path, render_all(sections, **kw))
