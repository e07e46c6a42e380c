"""Writing exchange-format files (.ndjson, .json, .csv, .xlsx). Callers write into `atomic_path(target)` so a
half-written file never takes the real name: temp file, fsync, rename."""

from __future__ import annotations

import csv
import json
import os
import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from app.domain.records import CITIZEN_FIELDS, EXTENSION_FIELDS, SPECS
from app.io.part_files import part_name
from app.io.tabular import UNIT_COLUMNS


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it is fsynced and renamed over `path`. The temporary name is
    this writer's own (two writers of one file — a preview and the command — never share it)."""
    path = Path(path)
    _clear_stale_parts(path)
    tmp = path.with_name(part_name(path, secrets.token_hex(4)))
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        if exc.filename in (None, str(tmp)):
            # the file asked for, not our temporary name, in the message — and named at all when a write() on a
            # full drive says only "No space left on device"
            exc.filename = str(path)
        raise
    finally:
        if tmp.exists():
            tmp.unlink()


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (a USB stick pulled out, a power cut right after). Not possible on
    Windows, whose file systems journal the rename: there, and wherever the folder cannot be opened, a no-op."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


STALE_PART_SECONDS = 3600


def _clear_stale_parts(path: Path) -> None:
    """Remove what a writer of this same file killed earlier left (a power cut mid-export): hidden temporary files
    that nothing else would ever remove, piling up on a USB stick. Only those an hour old: a writer still running
    (a preview and the command at once) keeps its own."""
    import re
    import time

    own = re.compile(r"^\.[0-9a-f]{8}\." + re.escape(path.name) + r"\.part$")
    try:
        for p in path.parent.iterdir():
            if own.match(p.name) and time.time() - p.stat().st_mtime > STALE_PART_SECONDS:
                p.unlink()
    except OSError:
        pass  # a folder that cannot be listed here: the write itself will say what is wrong


def write_ndjson(path: Path, meta: dict, records: Iterable[dict]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(json.dumps(meta, ensure_ascii=False) + "\n")
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    return n


def write_json(path: Path, meta: dict, records: Iterable[dict]) -> int:
    rows = [meta, *records]
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(rows, fh, ensure_ascii=False, indent=1)
    return len(rows) - 1


def flat_columns(rtype: str, records: list[dict]) -> list[str]:
    """Column headers for one record type: dotted for objects, numbered for lists, only as many as needed."""
    cols = ["type"]
    for f in SPECS[rtype]:
        if f.name == "type":
            continue
        if f.kind == "citizen":
            cols += [f"{f.name}.{c.name}" for c in CITIZEN_FIELDS]
        elif f.kind in ("citizens", "extensions"):
            sub = CITIZEN_FIELDS if f.kind == "citizens" else EXTENSION_FIELDS
            most = max((len(r.get(f.name) or ()) for r in records), default=0)
            for i in range(1, most + 1):
                cols += [f"{f.name}.{i}.{c.name}" for c in sub]
        else:
            cols.append(f.name)
    return cols


def flatten(record: dict) -> dict:
    out = {}
    for k, v in record.items():
        if isinstance(v, dict):
            for sk, sv in v.items():
                out[f"{k}.{sk}"] = sv
        elif isinstance(v, list):
            for i, item in enumerate(v, 1):
                for sk, sv in item.items():
                    out[f"{k}.{i}.{sk}"] = sv
        else:
            out[k] = v
    return out


def _cell(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    return v


def _with_units(cols: list[str], units: dict[str, tuple[str, str]] | None) -> list[str]:
    """An upper level's export of several units: each row's unit first (app.io.tabular.UNIT_COLUMNS)."""
    return [*UNIT_COLUMNS, *cols] if units is not None else cols


def _flat_row(record: dict, units: dict[str, tuple[str, str]] | None) -> dict:
    flat = flatten(record)
    if units is not None:
        flat.update(zip(UNIT_COLUMNS, units.get(record.get("id"), ("", ""))))
    return flat


def write_csv(path: Path, rtype: str, records: list[dict], units: dict[str, tuple[str, str]] | None = None) -> int:
    """`units`: {record id: (unit code, unit name)} to name each row's unit in front (an upper level's export)."""
    cols = _with_units(flat_columns(rtype, records), units)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(cols)
        for r in records:
            flat = _flat_row(r, units)
            w.writerow(["" if flat.get(c) is None else _cell(flat.get(c)) for c in cols])
    return len(records)


def _xlsx_value(ws, v):
    """A value for a write-only sheet. Text starting with "=" stays text: openpyxl would store it as a formula,
    which Excel runs (=HYPERLINK(…) from a citizen's words) and which reads back empty on import."""
    if isinstance(v, bool):
        return _cell(v)
    if isinstance(v, str) and v.startswith("="):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(ws, value=v)
        cell.data_type = "s"
        return cell
    return v


def write_xlsx(path: Path, by_type: dict[str, list[dict]], units: dict[str, tuple[str, str]] | None = None) -> int:
    """`units`: as write_csv's."""
    import openpyxl
    wb = openpyxl.Workbook(write_only=True)
    n = 0
    for rtype, records in by_type.items():
        ws = wb.create_sheet(rtype)
        cols = _with_units(flat_columns(rtype, records), units)
        ws.append(cols)
        for r in records:
            flat = _flat_row(r, units)
            # ID numbers and phones stay text: Excel would drop their leading zeros.
            ws.append([_xlsx_value(ws, flat.get(c)) for c in cols])
            n += 1
    if not by_type:
        wb.create_sheet("reception").append(flat_columns("reception", []))
    wb.save(path)
    return n
