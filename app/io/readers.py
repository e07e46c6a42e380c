"""Reading import files: .ndjson, .json (array), .csv (UTF-8, BOM welcome), .xlsx — into `Incoming` records.

Line numbers follow INTERFACES.md: the NDJSON line, the JSON array element (1 = first), or the sheet/CSV row with
the header as row 1. A reading problem is reported against its line like a validation problem.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from app.io import tabular
from app.services.records import Incoming

EXCHANGE_FORMAT = 1


@dataclass
class ReadResult:
    items: list[Incoming] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)  # {"line", "field", "key", "params"}
    notes: list[dict] = field(default_factory=list)  # informational (e.g. "recognised as Form 03")
    meta: dict | None = None


def _err(res: ReadResult, line: int, key: str, fld: str = "", **params) -> None:
    res.errors.append({"line": line, "field": fld, "key": key, "params": params})


def _meta(res: ReadResult, obj: dict, line: int) -> bool:
    """Handle a meta line; True when `obj` was one."""
    if obj.get("type") != "meta":
        return False
    fmt = obj.get("format", 1)
    if not isinstance(fmt, int) or isinstance(fmt, bool) or fmt < 1:
        _err(res, line, "import.meta_bad", "format", format=str(fmt)[:20])
    elif fmt > EXCHANGE_FORMAT:
        _err(res, line, "import.meta_newer", "format", format=fmt)
    res.meta = obj
    return True


def read_ndjson(data: str) -> ReadResult:
    res = ReadResult()
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError:
            try:  # orjson is fast; the standard module says more precisely what is wrong
                json.loads(line)
                _err(res, n, "import.json_not_standard")  # NaN, Infinity, a lone UTF-16 half: Python reads them
            except json.JSONDecodeError as exc:
                _err(res, n, "import.bad_json", detail=exc.msg)
            except RecursionError:
                _err(res, n, "import.too_nested")
            continue
        _take(res, n, obj)
    return res


def _take(res: ReadResult, n: int, obj) -> None:
    """One parsed JSON value at position `n`: a record, the meta line, or an error."""
    if not isinstance(obj, dict):
        _err(res, n, "import.not_a_record")
    elif not _meta(res, obj, n):
        res.items.append(Incoming(n, obj))


def read_json(data: str) -> ReadResult:
    res = ReadResult()
    try:
        arr = json.loads(data)
    except json.JSONDecodeError as exc:
        _err(res, exc.lineno, "import.bad_json", detail=exc.msg)
        return res
    except RecursionError:
        _err(res, 1, "import.too_nested")
        return res
    if isinstance(arr, dict):
        arr = [arr]
    if not isinstance(arr, list):
        _err(res, 1, "import.not_a_record")
        return res
    for n, obj in enumerate(arr, 1):
        _take(res, n, obj)
    return res


def read_table(rows: list[list], sheet_name: str, res: ReadResult, default_host: str | None) -> None:
    """One table (CSV file or XLSX sheet): the exchange layout, or the official reception book (Form 03)."""
    from app.io import form03

    rows = tabular.delegacy_rows(rows)
    note = tabular.legacy_note(rows, sheet_name or "")
    if note:
        res.notes.append(note)
    if form03.looks_like_form03(rows):
        form03.read(rows, res, default_host)
        return
    rows = [r for r in rows]
    if not rows:
        return
    start = _header_row(rows)
    header = ["" if h is None else str(h).strip() for h in rows[start]]
    type_col = next((i for i, h in enumerate(header) if h == "type"), None)
    sheet_type = tabular.type_from_name(sheet_name) if sheet_name else None
    if sheet_type is None and type_col is None:
        sheet_type = tabular.guess_type(header)
    hmaps: dict[str, dict] = {}
    for n, row in enumerate(rows[start + 1:], start + 2):  # n: the sheet's own row number
        cells = list(row) + [None] * (len(header) - len(row))
        if all(tabular.blank(c) for c in cells):
            continue
        rtype = None
        if type_col is not None and cells[type_col]:
            rtype = str(cells[type_col]).strip()
        rtype = rtype or sheet_type
        if rtype not in ("reception", "petition", "model", "dialogue"):
            if rtype is None:
                _err(res, n, "import.no_type", "type")
            else:
                res.items.append(Incoming(n, {"type": rtype}))  # validation names the bad type
            continue
        if rtype not in hmaps:
            hm = tabular.header_map(rtype)
            paths = [tabular.resolve_header(rtype, h, hm) if h != "type" else "type" for h in header]
            # a row-number column ("STT") is every list's first, an upper level's export names each row's unit:
            # nothing to import, nothing to complain about
            bad = [h for h, p in zip(header, paths) if h and p is None and not tabular.is_passed_over(h)]
            for h in bad:
                _err(res, start + 1, "import.bad_header", h, header=h)
            hmaps[rtype] = paths
        rec, issues = tabular.row_to_record(rtype, hmaps[rtype], cells[:len(header)], n)
        code, name = tabular.row_unit(header, cells)
        res.items.append(Incoming(n, rec, issues,
                                  columns=tabular.row_columns(tuple(hmaps[rtype]), cells[:len(header)]),
                                  unit_code=code, unit_name=name))


HEADER_SCAN_ROWS = 20


def _names_fields(row: list) -> int:
    """How many cells of `row` name a field of one record type (the best type), "type" counting for all."""
    cells = [str(c).strip() for c in row if c is not None and str(c).strip()]
    best = 0
    for rtype in ("reception", "petition", "model", "dialogue"):
        hm = tabular.header_map(rtype)
        best = max(best, sum(1 for c in cells if c == "type" or tabular.resolve_header(rtype, c, hm)))
    return best


def _header_row(rows: list[list]) -> int:
    """The header's row (0-based): the first, unless it names no field at all — the title lines an Excel book
    has above its table ("UBND PHƯỜNG …", "SỔ THEO DÕI …") — and a later one among the first 20 names at least
    two. A first row that names some fields stays the header, and its unknown columns are errors as before."""
    if _names_fields(rows[0]):
        return 0
    for i, row in enumerate(rows[1:HEADER_SCAN_ROWS], 1):
        if _names_fields(row) >= 2:
            return i
    return 0


CSV_FIELD_LIMIT = 16 * 1024 * 1024  # Python's csv stops at 128 KB a cell; validation says when text is too long


def csv_rows(data: str):
    """The rows of CSV text (comma, semicolon or tab separated, sniffed), as an iterator of lists."""
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    sample = data[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return csv.reader(io.StringIO(data), dialect)


def read_csv(data: str, name: str, default_host: str | None) -> ReadResult:
    res = ReadResult()
    rows = list(csv_rows(data))
    read_table(rows, name, res, default_host)
    return res


# A workbook's parts are zip members: a real book compresses about tenfold, a "zip bomb" a thousandfold (2 MB that
# unpack to one 2 GB cell took minutes and 5 GB of memory). The sizes are the zip directory's, which bound what
# the zip module will ever unpack.
XLSX_MAX_UNPACKED = 2 * 1024 ** 3
XLSX_MAX_RATIO = 200
XLSX_RATIO_FROM = 16 * 1024 ** 2  # small parts (styles, shared strings of a short book) may compress well


def check_xlsx_size(path: Path) -> None:
    """Refuse a workbook that would unpack to far more than any book (import.xlsx_bomb) before reading it."""
    from app.errors import DanvanError

    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
    total = sum(i.file_size for i in infos)
    if total > XLSX_MAX_UNPACKED or any(i.file_size > XLSX_RATIO_FROM
                                        and i.file_size > XLSX_MAX_RATIO * max(i.compress_size, 1) for i in infos):
        raise DanvanError("import.xlsx_bomb", path=path.name, mb=total // 1024 ** 2)


def read_xlsx(path: Path, default_host: str | None) -> ReadResult:
    import openpyxl

    res = ReadResult()
    check_xlsx_size(path)
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = wb.worksheets
        for ws in sheets:
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            # A single sheet with a generic name ("Sheet1") takes its type from the file name or a type column.
            name = ws.title if len(sheets) > 1 or tabular.type_from_name(ws.title) else path.stem
            n_items, n_errors = len(res.items), len(res.errors)
            read_table(rows, name, res, default_host)
            if len(sheets) > 1:  # row numbers restart on every sheet: say which one
                for item in res.items[n_items:]:
                    item.sheet = ws.title
                for e in res.errors[n_errors:]:
                    e["sheet"] = ws.title
    finally:
        wb.close()
    return res


def decode_utf8(raw: bytes, path: Path) -> str:
    """The text of a file that must be UTF-8 (the exchange format's NDJSON and JSON): read any other way, one bad
    byte — a copy cut short on a USB stick — would turn every Vietnamese letter of the file into look-alikes."""
    try:
        return raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_utf8(raw, exc, path) from exc


def _not_utf8(raw: bytes, exc: UnicodeDecodeError, path: Path):
    from app.errors import DanvanError

    body = raw.removeprefix(b"\xef\xbb\xbf")
    line = body[:exc.start].count(b"\n") + 1
    return DanvanError("import.not_utf8", path=path.name, line=line)


def decode_csv(raw: bytes, path: Path) -> tuple[str, str | None]:
    """A CSV's text and the Windows code page it was read with (None: UTF-8); UTF-8 damaged by a few bad bytes is
    refused, not read as an old Windows file."""
    damage = _damaged_utf8(raw)
    if damage is not None:
        raise _not_utf8(raw, damage, path)
    return decode_with_encoding(raw)


def _damaged_utf8(raw: bytes) -> UnicodeDecodeError | None:
    """The decoding error of UTF-8 text with a few bad bytes, or None when the file is not UTF-8 at all. An old
    Windows CSV (Windows-1258, TCVN3/VNI) has almost no valid multi-byte UTF-8 sequence; a damaged UTF-8 one has
    many for each bad byte."""
    try:
        raw.decode("utf-8")
        return None
    except UnicodeDecodeError as exc:
        first = exc
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch > "\x7f") - bad
    return first if good > bad else None


_CP1258_MARKS = re.compile("[\u0300\u0301\u0303\u0309\u0323]")  # the five tone marks Windows-1258 stores apart


def decode_with_encoding(raw: bytes) -> tuple[str, str | None]:
    """The text of an import file and, when it was not UTF-8, the Windows code page it was read with.

    An old "ANSI" CSV from Windows is either Windows-1258 (Vietnamese Windows, "Save as CSV" from Excel: the
    tone marks are separate bytes after the letter) or text typed in TCVN3/VNI fonts. The latter is read as
    cp1252 so it comes out as the look-alike characters convert_legacy recognises (cp1258 would merge some of
    them); Windows-1258 is chosen when the text is not legacy and every tone mark in it composes with its
    letter."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    as1252 = raw.decode("cp1252", errors="replace")
    try:
        as1258 = raw.decode("cp1258")
    except UnicodeDecodeError:
        return as1252, "cp1252"
    if _CP1258_MARKS.search(as1258):
        from app.domain.legacy_text import detect_legacy

        composed = unicodedata.normalize("NFC", as1258)
        if _CP1258_MARKS.search(composed) is None and detect_legacy(as1252) is None:
            return composed, "cp1258"
    return as1252, "cp1252"


def read_file(path: str | Path, default_host: str | None = None) -> ReadResult:
    path = Path(path)
    from app.errors import DanvanError

    if path.is_dir():
        raise DanvanError("import.is_folder", path=str(path))
    if not path.is_file():
        raise DanvanError("import.not_found", path=str(path))
    ext = path.suffix.lower()
    try:
        if ext == ".xlsx":
            res = read_xlsx(path, default_host)
        else:
            raw = path.read_bytes()
            if ext in (".ndjson", ".jsonl"):
                res = read_ndjson(decode_utf8(raw, path))
            elif ext == ".json":
                res = read_json(decode_utf8(raw, path))
            elif ext == ".csv":
                text, encoding = decode_csv(raw, path)
                res = read_csv(text, path.stem, default_host)
                if encoding == "cp1258":
                    res.notes.append({"key": "import.cp1258", "params": {}})
            else:
                raise DanvanError("import.unknown_ext", ext=ext or path.name)
    except DanvanError:
        raise
    except (zipfile.BadZipFile, KeyError) as exc:
        if ext != ".xlsx":
            raise DanvanError("import.unreadable", path=str(path), detail=f"{type(exc).__name__}: {exc}") from exc
        raise DanvanError("import.not_xlsx", path=str(path)) from exc  # a renamed text file, a broken download
    except Exception as exc:  # a corrupt XLSX/zip, an unreadable file: a clean refusal, never a traceback
        if ext == ".xlsx" and getattr(exc, "errno", None) is None:
            # openpyxl's own complaint ("File contains no valid workbook part": a .docx renamed) — not the disk's
            raise DanvanError("import.not_xlsx", path=str(path)) from exc
        if isinstance(exc, OSError):
            from app.errors import os_error_text

            raise DanvanError("import.unreadable", path=str(path), detail=os_error_text(exc)) from exc
        raise DanvanError("import.unreadable", path=str(path), detail=f"{type(exc).__name__}: {exc}") from exc
    return res
