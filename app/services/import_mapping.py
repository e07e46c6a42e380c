"""Importing a book whose columns the user maps: look at a file, guess which column is which field, read it
with an explicit mapping, preview it, then validate and store it through the same pipeline as `danvan import`.

    info = inspect(path)                  # sheets, headers, sample rows, guessed record type and mapping
    plan = plan_from(info)                # what will be read; the GUI lets the user change it
    plan.sheets[0].mapping[3] = None      # e.g. skip the 4th column
    rows = preview(plan)                  # the first records as they will be read
    res = import_mapped(session, plan, dry_run=True)   # line-numbered errors and warnings, nothing stored

Guessing a column: the field's key or one of its titles (label, aliases) spelt exactly; then the same compared
diacritic-blind ("Ho va ten"); then a fuzzy match (a title contained in a longer header, or a close spelling).
The official reception book (Form 03) is recognised as a whole and read by `app.io.form03`, whose columns are
found by their headings; its mapping is shown, not edited.
"""

from __future__ import annotations

import difflib
from datetime import date, datetime, time
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
import zipfile

from app.domain.enums import RECORD_TYPES
from app.domain.records import CITIZEN_FIELDS, DATE_FIELD, EXTENSION_FIELDS, SPECS, Field
from app.domain.text import fold
from app.errors import Cancelled, DanvanError, require_extension
from app.io import form03, readers, tabular
from app.io.readers import ReadResult
from app.io.writers import flatten
from app.services.importing import apply_read
from app.services.records import ApplyResult, Incoming, gc_paused
from app.services.session import Session

# rows read by `inspect` (header search, samples, preview): the rows a sheet's encoding is judged on, so the
# preview converts exactly as the import will
SAMPLE_ROWS = tabular.ENCODING_SAMPLE_ROWS
HEADER_SCAN_ROWS = 20
TABLE_EXTS = (".csv", ".xlsx")
RECORD_EXTS = (".json", ".ndjson", ".jsonl")
FUZZY_THRESHOLD = 0.78

EXACT, FOLDED, FUZZY = "exact", "folded", "fuzzy"  # how a column was recognised

# Form 03 column kinds (app.io.form03) → the field paths they fill, with the direction a tick column stands for.
FORM03_KINDS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "date": (("received_at",), None),
    "time": (("received_at",), None),
    "name": (("citizen.name",), None),
    "name_address": (("citizen.name", "citizen.address"), None),
    "address": (("citizen.address",), None),
    "id": (("citizen.id_number",), None),
    "phone": (("citizen.phone",), None),
    "content": (("content",), None),
    "category": (("category", "group_size"), None),
    "group_size": (("group_size",), None),
    "prior": (("prior_handler",), None),
    "result": (("result",), None),
    "note": (("note",), None),
    "host": (("host_name",), None),
    "direction": (("direction",), None),
    "accept": (("direction",), "accept"),
    "guide": (("direction",), "guide"),
    "forward": (("direction", "forwarded_to"), "forward"),
    "stt": ((), None),
}


# ----------------------------------------------------------------------------------------------- targets


@dataclass(frozen=True)
class Target:
    """A field a column can be read into: an exchange path such as `content`, `citizen.name`,
    `petitioners.1.id_number`."""

    path: str
    label_vi: str
    label_en: str
    required: bool = False

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en


def _sub_target(parent: Field, sub: Field, path: str, number: int | None) -> Target:
    n = f" {number}" if number else ""
    return Target(path, f"{parent.label_vi}{n} — {sub.label_vi}", f"{parent.label_en}{n} — {sub.label_en}",
                  required=False)


def targets(rtype: str) -> list[Target]:
    """Every field of `rtype` a column may map to, in the order of the record spec (people and extensions
    broken into their parts; lists numbered from 1)."""
    out: list[Target] = []
    for f in SPECS[rtype]:
        if f.kind == "citizen":
            out += [_sub_target(f, c, f"{f.name}.{c.name}", None) for c in CITIZEN_FIELDS]
        elif f.kind in ("citizens", "extensions"):
            subs = CITIZEN_FIELDS if f.kind == "citizens" else EXTENSION_FIELDS
            out += [_sub_target(f, c, f"{f.name}.1.{c.name}", 1) for c in subs]
        else:
            out.append(Target(f.name, f.label_vi, f.label_en, f.required))
    return out


_LIST_PATH = re.compile(r"^(\w+)\.(\d+)\.(\w+)$")


def target_for(rtype: str, path: str) -> Target | None:
    """The target of any valid path of `rtype` (also list items beyond the first, e.g. `petitioners.2.name`)."""
    for t in targets(rtype):
        if t.path == path:
            return t
    m = _LIST_PATH.match(path)
    if m:
        f = {x.name: x for x in SPECS[rtype]}.get(m.group(1))
        if f is not None and f.kind in ("citizens", "extensions"):
            subs = {c.name: c for c in (CITIZEN_FIELDS if f.kind == "citizens" else EXTENSION_FIELDS)}
            if m.group(3) in subs:
                return _sub_target(f, subs[m.group(3)], path, int(m.group(2)))
    return None


def _titles(rtype: str) -> dict[str, list[str]]:
    """path → the titles a column of that field may carry (key, labels, aliases)."""
    out: dict[str, list[str]] = {}
    for f in SPECS[rtype]:
        if f.kind in ("citizen", "citizens"):
            prefix = f"{f.name}.1." if f.kind == "citizens" else f"{f.name}."
            first_person = f.name in ("citizen", "petitioners")  # "Họ và tên" alone means this person
            for c in CITIZEN_FIELDS:
                titles = [prefix + c.name, f"{f.label_vi} {c.label_vi}", f"{f.label_en} {c.label_en}"]
                if first_person:
                    titles += [c.label_vi, c.label_en, *c.aliases]
                out[prefix + c.name] = titles
        elif f.kind == "extensions":
            for c in EXTENSION_FIELDS:
                out[f"{f.name}.1.{c.name}"] = [f"{f.name}.1.{c.name}", c.label_vi, c.label_en]
        else:
            out[f.name] = [f.name, f.label_vi, f.label_en, *f.aliases]
    return out


_TITLE_CACHE: dict[str, tuple[dict, dict, list]] = {}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def _title_index(rtype: str):
    """(exact title → path, folded title → path, [(path, words)]) for one record type, built once."""
    got = _TITLE_CACHE.get(rtype)
    if got is None:
        exact: dict[str, str] = {}
        folded: dict[str, str] = {}
        words: list[tuple[str, list[str]]] = []
        for path, titles in _titles(rtype).items():
            for t in titles:
                exact.setdefault(" ".join(t.casefold().split()), path)
                folded.setdefault(" ".join(_words(t)), path)
                if _words(t):
                    words.append((path, _words(t)))
        got = _TITLE_CACHE[rtype] = (exact, folded, words)
    return got


def guess_column(rtype: str, header: str) -> tuple[str | None, str | None, float]:
    """(path, how, score) for one column title; (None, None, 0) when nothing fits."""
    h = "" if header is None else str(header).strip()
    if not h:
        return None, None, 0.0
    exact, folded, words = _title_index(rtype)
    if h == "type":
        return "type", EXACT, 1.0
    key = " ".join(h.casefold().split())
    if key in exact:
        return exact[key], EXACT, 1.0
    resolved = tabular.resolve_header(rtype, h, tabular.header_map(rtype)) if "." in h else None
    if resolved:
        return resolved, EXACT, 1.0  # a numbered exchange column such as petitioners.2.name
    hw = _words(h)
    if not hw:
        return None, None, 0.0
    joined = " ".join(hw)
    if joined in folded:
        return folded[joined], FOLDED, 0.99
    best: tuple[str | None, float] = (None, 0.0)
    for path, tw in words:
        score = 0.0
        n = len(tw)
        if n <= len(hw) and (n >= 2 or len(hw) <= 2):
            if any(hw[i:i + n] == tw for i in range(len(hw) - n + 1)):
                score = 0.75 + 0.2 * n / len(hw)  # the title inside a longer header: "Nội dung vụ việc (tóm tắt)"
        ratio = difflib.SequenceMatcher(None, joined, " ".join(tw)).ratio()  # a typo, a missing word
        score = max(score, ratio if ratio >= 0.85 else 0.0)
        if score > best[1]:
            best = (path, score)
    if best[0] is not None and best[1] >= FUZZY_THRESHOLD:
        return best[0], FUZZY, best[1]
    return None, None, 0.0


def guess_mapping(rtype: str, headers: list) -> list[tuple[str | None, str | None]]:
    """[(path, how)] for each column; each field is given to at most one column (the best-matching one)."""
    guesses = [guess_column(rtype, h) for h in headers]
    order = sorted(range(len(headers)), key=lambda i: (-guesses[i][2], i))
    taken: set[str] = set()
    out: list[tuple[str | None, str | None]] = [(None, None)] * len(headers)
    for i in order:
        path, how, _score = guesses[i]
        if path is None or path in taken:
            continue
        taken.add(path)
        out[i] = (path, how)
    return out


def guess_type(headers: list, name: str | None = None) -> str | None:
    """The record type of a table: from its sheet or file name, else the one type whose date column is among
    the headers (exactly or fuzzily)."""
    if name:
        t = tabular.type_from_name(name)
        if t:
            return t
    found = set()
    for rtype in RECORD_TYPES:
        if any(guess_column(rtype, h)[0] == DATE_FIELD[rtype] for h in headers if h not in (None, "")):
            found.add(rtype)
    return found.pop() if len(found) == 1 else None


# ------------------------------------------------------------------------------------------------ files


@dataclass
class Column:
    index: int
    header: str
    path: str | None  # the guess (None: skipped)
    how: str | None  # EXACT, FOLDED, FUZZY or None
    sample: str = ""  # the first value under the header


@dataclass
class Form03Column:
    index: int
    header: str
    paths: tuple[str, ...]  # fields this column fills ((): not read)
    direction: str | None = None  # the handling direction a tick column stands for
    sample: str = ""  # the first value under the heading


@dataclass
class SheetInfo:
    title: str
    type_name: str  # the name the record type is guessed from (sheet title, or the file name for one sheet)
    rows: list[list]  # the first SAMPLE_ROWS rows, as read
    layout: str  # "table" or "form03"
    header_row: int = 0  # 0-based
    rtype: str | None = None  # the guess
    columns: list[Column] = field(default_factory=list)
    form03_columns: list[Form03Column] = field(default_factory=list)
    has_host: bool = False  # a Form 03 book with its own host column


@dataclass
class FileInfo:
    path: Path
    kind: str  # "table" (CSV/XLSX, mapped) or "records" (JSON/NDJSON exchange files, read as they are)
    sheets: list[SheetInfo] = field(default_factory=list)


_blank = tabular.blank  # an empty cell


def _cell_text(v) -> str:
    """A cell as the officer sees it in Excel (dates dd/mm/yyyy)."""
    if _blank(v):
        return ""
    if isinstance(v, datetime):
        return v.strftime("%d/%m/%Y") if v.time() == time(0, 0) else v.strftime("%d/%m/%Y %H:%M")
    if isinstance(v, date):
        return v.strftime("%d/%m/%Y")
    issues: list = []
    got = tabular.convert_cell(v, issues, "")
    return " ".join(str(got).split())


def load_tables(path: Path, max_rows: int | None = None, cancel=None) -> list[tuple[str, str, list[list]]]:
    """[(sheet title, name for the type guess, rows)] of a CSV file or an XLSX workbook; `max_rows` per sheet."""
    ext = path.suffix.lower()
    if ext == ".csv":
        data = readers.decode_csv(path.read_bytes(), path)[0]
        rows = readers.csv_rows(data)
        return [(path.stem, path.stem, tabular.delegacy_rows([list(r) for r in itertools.islice(rows, max_rows)]))]
    import openpyxl

    readers.check_xlsx_size(path)
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = wb.worksheets
        out = []
        for ws in sheets:
            rows = []
            for r in ws.iter_rows(values_only=True, max_row=max_rows):
                rows.append(list(r))
                if cancel is not None and len(rows) % 1000 == 0 and cancel.is_set():
                    raise Cancelled()
            # A single sheet with a generic name ("Sheet1") takes its type from the file name (as readers do).
            name = ws.title if len(sheets) > 1 or tabular.type_from_name(ws.title) else path.stem
            out.append((ws.title, name, tabular.delegacy_rows(rows)))
        return out
    finally:
        wb.close()


def _open_tables(path: Path, max_rows: int | None, cancel=None):
    if not path.is_file():
        raise DanvanError("import.not_found", path=str(path))
    try:
        return load_tables(path, max_rows, cancel)
    except (DanvanError, Cancelled):
        raise
    except (zipfile.BadZipFile, KeyError) as exc:
        if path.suffix.lower() == ".xlsx":  # a renamed text file, a broken download: say how to save it again
            raise DanvanError("import.not_xlsx", path=str(path)) from exc
        raise DanvanError("import.unreadable", path=str(path), detail=f"{type(exc).__name__}: {exc}") from exc
    except Exception as exc:  # a corrupt workbook: a clean refusal
        raise DanvanError("import.unreadable", path=str(path), detail=f"{type(exc).__name__}: {exc}") from exc


def find_header_row(rows: list[list]) -> int:
    """The row (0-based, among the first 20) whose cells name the most fields of any record type."""
    best, best_score = None, 0
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        cells = [c for c in row if isinstance(c, str) and c.strip()]
        if not cells:
            continue
        if best is None:
            best = i  # the first non-empty row, when nothing is recognised
        score = max(sum(1 for p, _h in guess_mapping(t, cells) if p) for t in RECORD_TYPES)
        if score > best_score:
            best, best_score = i, score
    return best or 0


def sheet_columns(rows: list[list], header_row: int, rtype: str | None) -> list[Column]:
    """The columns of a table whose header is `rows[header_row]`, with the mapping guessed for `rtype`."""
    header = rows[header_row] if header_row < len(rows) else []
    width = max((len(r) for r in rows[header_row:]), default=0)
    headers = [_cell_text(header[i]) if i < len(header) else "" for i in range(width)]
    guesses = guess_mapping(rtype, headers) if rtype else [(None, None)] * width
    cols = []
    for i in range(width):
        sample = next((_cell_text(r[i]) for r in rows[header_row + 1:] if i < len(r) and not _blank(r[i])), "")
        if not headers[i] and not sample:
            continue  # an empty column at the edge of the sheet
        cols.append(Column(i, headers[i], guesses[i][0], guesses[i][1], sample))
    return cols


def _form03_columns(rows: list[list]) -> tuple[list[Form03Column], bool]:
    # The book reader's own heading rules, so what is shown is what will be read.
    h = form03._find_header(rows)
    header = rows[h]
    below = rows[h + 1] if h + 1 < len(rows) else []
    sub = below if form03._is_tick_row([form03._norm(c) for c in below]) else None
    cols, _unknown = form03._map_columns(header, sub)
    by_index = {i: k for k, i in cols.items()}
    body = [r for r in rows[h + (2 if sub is not None else 1):] if not form03._is_number_row(r)]
    out = []
    for c in range(max(len(header), len(sub or ()))):
        parts = [_cell_text(x) for x in ((header[c] if c < len(header) else None),
                                          (sub[c] if sub and c < len(sub) else None)) if not _blank(x)]
        if not parts:
            continue
        kind = by_index.get(c)
        paths, direction = FORM03_KINDS.get(kind, ((), None)) if kind else ((), None)
        sample = next((_cell_text(r[c]) for r in body if c < len(r) and not _blank(r[c])), "")
        out.append(Form03Column(c, " / ".join(parts), paths, direction, sample))
    return out, "host" in cols


def inspect(path: str | Path) -> FileInfo:
    """What the file holds: its sheets (CSV: one), the header row, sample rows, the guessed record type and
    column mapping. JSON/NDJSON exchange files need no mapping (kind "records")."""
    path = Path(path)
    ext = path.suffix.lower()
    if ext in RECORD_EXTS:
        if not path.is_file():
            raise DanvanError("import.not_found", path=str(path))
        return FileInfo(path, "records")
    require_extension(path, ".ndjson, .json, .csv, .xlsx", DanvanError)
    if ext not in TABLE_EXTS:
        raise DanvanError("import.unknown_ext", ext=ext or path.name)
    info = FileInfo(path, "table")
    for title, name, rows in _open_tables(path, SAMPLE_ROWS):
        if all(all(_blank(c) for c in r) for r in rows):
            continue
        if form03.looks_like_form03(rows):
            cols, has_host = _form03_columns(rows)
            info.sheets.append(SheetInfo(title, name, rows, "form03", form03._find_header(rows), "reception",
                                         form03_columns=cols, has_host=has_host))
            continue
        h = find_header_row(rows)
        header = [_cell_text(c) for c in rows[h]]
        rtype = guess_type(header, name)
        if rtype is None and "type" in header:
            col = header.index("type")
            first = next((_cell_text(r[col]) for r in rows[h + 1:] if col < len(r) and not _blank(r[col])), "")
            rtype = first if first in RECORD_TYPES else None
        info.sheets.append(SheetInfo(title, name, rows, "table", h, rtype, sheet_columns(rows, h, rtype)))
    return info


# ------------------------------------------------------------------------------------------------- plans


@dataclass
class SheetPlan:
    title: str
    layout: str  # "table" or "form03"
    rtype: str | None  # None: the sheet is not imported
    header_row: int = 0
    mapping: dict[int, str] = field(default_factory=dict)  # column index → path (columns not named: skipped)
    has_host: bool = False  # a Form 03 book with its own host column


@dataclass
class ImportPlan:
    path: Path
    kind: str  # "table" or "records"
    sheets: list[SheetPlan] = field(default_factory=list)
    default_host: str | None = None  # "Người tiếp" for reception rows without one (Form 03 books have none)

    def needs_host(self) -> bool:
        """True when some reception sheet has no host column (the default host must then be given)."""
        return any(_sheet_needs_host(s) for s in self.sheets)


def _sheet_needs_host(s: SheetPlan) -> bool:
    if s.rtype != "reception":
        return False
    if s.layout == "form03":
        return not s.has_host
    return "host_name" not in s.mapping.values()


def plan_from(info: FileInfo) -> ImportPlan:
    """The plan that follows every guess of `inspect`."""
    plan = ImportPlan(info.path, info.kind)
    for s in info.sheets:
        plan.sheets.append(SheetPlan(s.title, s.layout, s.rtype, s.header_row,
                                     {c.index: c.path for c in s.columns if c.path}, s.has_host))
    return plan


# ------------------------------------------------------------------------------------------------ reading


def _table_items(rows: list[list], sp: SheetPlan, res: ReadResult, default_host: str | None, cancel) -> None:
    """Rows under the header of one mapped table, as `Incoming` records of the sheet's type. A `type` column
    that names another record type makes that row of that type (its columns then found by their titles)."""
    header = rows[sp.header_row] if sp.header_row < len(rows) else []
    width = max((len(r) for r in rows[sp.header_row:]), default=0)
    headers = ["" if _blank(h) else str(h).strip() for h in header] + [""] * (width - len(header))
    type_col = next((i for i, p in sp.mapping.items() if p == "type"), None)
    own = [sp.mapping.get(i) for i in range(width)]
    own = [None if p == "type" else p for p in own]
    others: dict[str, list] = {}
    for n, row in enumerate(rows[sp.header_row + 1:], sp.header_row + 2):
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        cells = list(row) + [None] * (width - len(row))
        if all(_blank(c) for c in cells):
            continue
        rtype = sp.rtype
        if type_col is not None and not _blank(cells[type_col]):
            rtype = str(cells[type_col]).strip()
        if rtype == sp.rtype:
            paths = own
        elif rtype in RECORD_TYPES:
            if rtype not in others:
                hm = tabular.header_map(rtype)
                others[rtype] = [tabular.resolve_header(rtype, h, hm) if h and h != "type" else None
                                 for h in headers]
            paths = others[rtype]
        else:
            res.items.append(Incoming(n, {"type": rtype}))  # validation names the unknown type
            continue
        rec, issues = tabular.row_to_record(rtype, paths, cells[:width], n)
        if rtype == "reception" and "host_name" not in rec and default_host:
            rec["host_name"] = default_host
        code, name = tabular.row_unit(headers, cells[:width])
        res.items.append(Incoming(n, rec, issues, columns=tabular.row_columns(tuple(paths), cells[:width]),
                                  unit_code=code, unit_name=name))


def read_plan(plan: ImportPlan, *, max_rows: int | None = None, cancel=None) -> ReadResult:
    """Read the file as the plan says (every row, or the first `max_rows` rows of each sheet)."""
    host = plan.default_host.strip() if plan.default_host and plan.default_host.strip() else None
    if plan.kind == "records":
        res = readers.read_file(plan.path)
        if max_rows is not None:
            res.items = res.items[:max_rows]
        return res
    res = ReadResult()
    by_title = {s.title: s for s in plan.sheets}
    tables = _open_tables(plan.path, max_rows, cancel)
    several = len(tables) > 1
    for title, _name, rows in tables:
        sp = by_title.get(title)
        if sp is None or sp.rtype is None:
            continue
        n_items, n_errors = len(res.items), len(res.errors)
        note = tabular.legacy_note(rows, title)
        if note:
            res.notes.append(note)
        if sp.layout == "form03":
            form03.read(rows, res, host)
        else:
            _table_items(rows, sp, res, host, cancel)
        if several:
            for item in res.items[n_items:]:
                item.sheet = title
            for e in res.errors[n_errors:]:
                e["sheet"] = title
    return res


@dataclass
class PreviewRow:
    sheet: str | None
    line: int
    rtype: str
    values: dict  # flattened record: {"received_at": …, "citizen.name": …}
    problems: int = 0  # reading problems of this row (e.g. legacy encoding converted)


def preview(plan: ImportPlan, limit: int = 30) -> list[PreviewRow]:
    """The first records as the import will read them (at most `limit`, over all sheets)."""
    res = read_plan(plan, max_rows=SAMPLE_ROWS)
    out = []
    for item in res.items[:limit]:
        raw = item.raw if isinstance(item.raw, dict) else {}
        out.append(PreviewRow(item.sheet, item.line, str(raw.get("type") or ""), flatten(raw), len(item.issues)))
    return out


def import_mapped(session: Session, plan: ImportPlan, *, dry_run: bool = False, progress=None,
                  cancel=None) -> ApplyResult:
    """Read the file with the plan's mapping and apply it all or nothing (`dry_run`: check only). Cancelling
    stops it before anything is written (Cancelled is raised)."""
    from app.domain import roles

    session.require(roles.IMPORT)
    if cancel is not None and cancel.is_set():
        raise Cancelled()
    with gc_paused():
        read = read_plan(plan, cancel=cancel)
    if cancel is not None and cancel.is_set():
        raise Cancelled()
    return apply_read(session, read, detail=plan.path.name, dry_run=dry_run, progress=progress, cancel=cancel)
