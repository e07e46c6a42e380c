"""Reading tables (CSV, XLSX) into exchange-format records.

Headers may be the English keys (`citizen.name`, `petitioners.1.name`, `extensions.1.days`) or the Vietnamese
titles (field labels and the reception book's column titles), compared diacritic-blind. Cells may hold the
Vietnamese labels of enumerations, dd/mm/yyyy dates, Excel dates, "x" ticks, and text typed in the legacy TCVN3
or VNI encodings (converted, with a warning).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from functools import lru_cache

from app.domain.identity import id_number_from_digits, phone_from_digits
from app.domain.legacy_text import (convert_legacy, decode_legacy, detect_legacy_many, is_unicode_vietnamese,
                                    may_be_legacy)
from app.domain.records import CITIZEN_FIELDS, EXTENSION_FIELDS, FIELDS_BY_NAME, PERSON_FIELDS, SPECS
from app.domain.text import fold
from app.domain.validation import Issue

_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:\s+(\d{1,2})[:hg](\d{2})(?::\d{2})?)?\s*$")
_YMD_T = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2})?)?\s*$")
_LIST_COL = re.compile(r"^(\w+)\.(\d+)\.(\w+)$")

_TYPE_WORDS = {fold(w): t for t, words in {
    "reception": ("reception", "receptions", "tiếp công dân", "tiep_cong_dan", "lượt tiếp"),
    "petition": ("petition", "petitions", "đơn thư", "don_thu", "đơn"),
    "model": ("model", "models", "mô hình", "dan van kheo", "mô hình dân vận khéo"),
    "dialogue": ("dialogue", "dialogues", "đối thoại"),
}.items() for w in words}


def type_from_name(name: str) -> str | None:
    """A record type from a sheet or file name ("reception", "Đơn thư", "receptions.csv" …)."""
    key = fold(re.sub(r"\.(csv|xlsx)$", "", name.strip(), flags=re.I)).replace("_", " ").strip()
    return _TYPE_WORDS.get(key) or _TYPE_WORDS.get(key.replace(" ", "_"))


_ENUM_CACHE: dict[int, dict[str, str]] = {}


# The words officers write for values whose glossary label is longer (folded text -> key), by enumeration key.
_SHORT_FORMS = {
    "post": ("qua buu dien", "buu dien", "buu chinh", "qua buu chinh"),
    "in_person": ("truc tiep", "gui truc tiep", "nop truc tiep"),
    "accept": ("thu ly", "thu ly giai quyet"),
    "forward": ("chuyen don", "chuyen"),
    "guide": ("huong dan", "tra lai don", "tra lai", "tra don"),
    "file": ("luu don", "luu"),
    "petition": ("kien nghi, phan anh", "kien nghi phan anh", "knpa"),
    "culture_society": ("van hoa", "van hoa xa hoi"),
    "defense_security": ("quoc phong an ninh", "quoc phong", "an ninh"),
    "party_building": ("xay dung dang", "xay dung he thong chinh tri", "he thong chinh tri"),
}
_SEPARATORS = re.compile(r"[\s\-\u2013\u2014,;/&]+")


def _loose(folded: str) -> str:
    """A label as officers vary it: "Văn hóa – Xã hội" (en dash), "Văn hóa, xã hội", "Xây dựng Đảng, hệ thống
    chính trị" (no "và") all read as the glossary's label."""
    return " ".join(w for w in _SEPARATORS.split(folded) if w and w != "va")


def _enum_lookup(choices: dict) -> dict[str, str]:
    out = {}
    for key, (vi, en) in choices.items():
        out[fold(key)] = key
        out[fold(vi)] = key
        out[fold(en)] = key
        # Short forms seen in books: "Khiếu nại" for complaint is already the label; "Tiếp định kỳ" etc.
        out[fold(vi.split("(")[0].strip())] = key
        for short in _SHORT_FORMS.get(key, ()):
            out.setdefault(fold(short), key)
    for folded, key in list(out.items()):
        out.setdefault(_loose(folded), key)
    return out


def guess_type(headers: list[str]) -> str | None:
    """The record type whose date column is among `headers` (e.g. "Ngày tiếp" → reception), if exactly one."""
    from app.domain.records import DATE_FIELD

    found = set()
    for rtype, date_field in DATE_FIELD.items():
        hm = header_map(rtype)
        if any(resolve_header(rtype, h, hm) == date_field for h in headers if h):
            found.add(rtype)
    return found.pop() if len(found) == 1 else None


# Headings officers give the column of the person's name ("Người viết đơn"), by record type.
_PERSON_NAME_HEADINGS = {
    "petition": ("Người gửi đơn", "Người viết đơn", "Người đứng đơn", "Họ tên người viết đơn",
                 "Họ và tên người viết đơn", "Họ tên người gửi đơn", "Họ và tên người gửi đơn", "Người gửi",
                 "Tên người gửi đơn", "Người khiếu nại, tố cáo, kiến nghị, phản ánh"),
    "reception": ("Công dân", "Họ tên công dân", "Họ và tên công dân", "Người đến", "Tên công dân"),
}
_ROW_NUMBER_HEADINGS = {"stt", "so tt", "tt", "so thu tu", "thu tu"}


def is_row_number_heading(header: str) -> bool:
    return fold(header.strip().rstrip(".")) in _ROW_NUMBER_HEADINGS


# Columns an upper level's table export adds in front (whose record each row is): read by people, passed over on
# import (the record's owner travels in bundles, not in files). The workbook for people (app.io.readable) titles
# them in Vietnamese.
UNIT_COLUMNS = ("unit_code", "unit_name")
_UNIT_HEADINGS = {"unit_code": "unit_code", "unit_name": "unit_name", fold("Mã đơn vị"): "unit_code",
                  fold("Đơn vị"): "unit_name"}


def _unit_column(header) -> str | None:
    """"unit_code"/"unit_name" for a unit column's heading (the key itself or its Vietnamese title), else None."""
    text = str(header).strip() if header is not None else ""
    if not text:
        return None
    return _UNIT_HEADINGS.get(text) or _UNIT_HEADINGS.get(fold(text))


def row_unit(headers: list, cells: list) -> tuple[str | None, str | None]:
    """(unit code, unit name) an exported row names in UNIT_COLUMNS, or (None, None) — checked on import: a row of
    another unit is not this unit's to take."""
    found = {}
    for h, c in zip(headers, cells):
        key = _unit_column(h)
        if key and not blank(c):
            found[key] = str(c).strip()
    return found.get("unit_code"), found.get("unit_name")


def is_passed_over(header: str) -> bool:
    """A column with nothing to import and nothing to complain about: a row number ("STT"), an export's unit."""
    return is_row_number_heading(header) or _unit_column(header) is not None


def header_map(rtype: str) -> dict[str, str]:
    """Folded header text → exchange path for one record type."""
    out: dict[str, str] = {}
    person_field, person_is_list = PERSON_FIELDS.get(rtype, ((None, False),))[0] if PERSON_FIELDS.get(rtype) else (None, False)
    if person_field:
        prefix = f"{person_field}.1." if person_is_list else f"{person_field}."
        person = FIELDS_BY_NAME[rtype][person_field].label_vi  # "Người gửi đơn", "Công dân"
        for f in CITIZEN_FIELDS:
            for title in (f.label_vi, *f.aliases):
                out.setdefault(fold(title), prefix + f.name)
                # the person named too, as a book or the wizard's labels write it: "Người gửi đơn — Họ và tên",
                # "Người gửi đơn 1 — Họ và tên", "Địa chỉ người gửi đơn"
                for named in (f"{person} {title}", f"{person} — {title}", f"{person} 1 — {title}", f"{title} {person}"):
                    out.setdefault(fold(named), prefix + f.name)
        for title in _PERSON_NAME_HEADINGS.get(rtype, ()):
            out.setdefault(fold(title), prefix + "name")
    for f in SPECS[rtype]:
        out[fold(f.name)] = f.name
        for title in (f.label_vi, f.label_en, *f.aliases):
            out.setdefault(fold(title), f.name)
    return out


def resolve_header(rtype: str, header: str, hmap: dict[str, str]) -> str | None:
    h = header.strip()
    if not h:
        return None
    fields = FIELDS_BY_NAME[rtype]
    if h in fields:
        return h
    head, _, rest = h.partition(".")
    if rest and head in fields:
        m = _LIST_COL.match(h)
        sub = {c.name for c in CITIZEN_FIELDS} | {c.name for c in EXTENSION_FIELDS}
        if m and m.group(3) in sub:
            return h
        if not m and rest in sub:
            return h
        return None
    return hmap.get(fold(h)) or _nested_title(rtype, h)


# "Người gửi đơn 2 — Họ và tên", "Gia hạn giải quyết 1 — Số ngày gia hạn", "Người được ủy quyền — Địa chỉ": a
# person's or an extension's field under its record's field, as the workbook for people titles them.
_NESTED_TITLE = re.compile(r"^(.*?\S)(?:\s+(\d+))?\s+[—–]\s+(\S.*)$")
_NESTED_KINDS = {"citizen": CITIZEN_FIELDS, "citizens": CITIZEN_FIELDS, "extensions": EXTENSION_FIELDS}


def field_at(rtype: str, path: str):
    """The field a column's path names: "content", "citizen.name", "petitioners.2.id_type" (a person's or an
    extension's own field), or None."""
    head, *rest = path.split(".")
    f = FIELDS_BY_NAME[rtype].get(head)
    if f is None or not rest:
        return f
    return next((c for c in _NESTED_KINDS.get(f.kind, ()) if c.name == rest[-1]), None)


def _nested_title(rtype: str, header: str) -> str | None:
    m = _NESTED_TITLE.match(header)
    if not m:
        return None
    head, n, sub = fold(m.group(1)), m.group(2), fold(m.group(3))
    f = next((f for f in SPECS[rtype] if f.kind in _NESTED_KINDS and head in (fold(f.label_vi), fold(f.label_en))),
             None)
    if f is None or (f.kind == "citizen") != (n is None) or (n is not None and int(n) < 1):
        return None
    s = next((c for c in _NESTED_KINDS[f.kind]
              if sub in {fold(t) for t in (c.label_vi, c.label_en, *c.aliases)}), None)
    if s is None:
        return None
    return f"{f.name}.{s.name}" if n is None else f"{f.name}.{int(n)}.{s.name}"


def blank(value) -> bool:
    """An empty cell: nothing, or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def column_letter(idx: int) -> str:
    """Excel's name of the column at 0-based `idx`: 0 → A, 25 → Z, 26 → AA."""
    out = ""
    n = idx + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def issue_path(path: str) -> str:
    """A column's path as validation names the field: "petitioners.2.name" → "petitioners[2].name"."""
    m = _LIST_COL.match(path)
    return f"{m.group(1)}[{m.group(2)}].{m.group(3)}" if m else path


@lru_cache(maxsize=256)
def columns_of(paths: tuple[str | None, ...]) -> dict[str, str]:
    """{field as validation names it: Excel column letter} of a sheet whose columns were resolved to `paths`, so
    a message can say where the cell is ("dòng 6, cột C")."""
    return {issue_path(p): column_letter(i) for i, p in enumerate(paths) if p and p != "type"}


def row_columns(paths: tuple[str | None, ...], cells: list) -> dict[str, str]:
    """columns_of for one row. A list entry left blank is dropped when the record is built (row_to_record), so the
    entries after it move up: with petitioners.1.* blank, petitioners.2.* is what validation calls petitioners[1]."""
    base = columns_of(paths)
    if not any(p and _LIST_COL.match(p) for p in paths):
        return base
    present: dict[str, set[int]] = {}
    for p, c in zip(paths, cells):
        m = _LIST_COL.match(p) if p else None
        if m and not blank(c):
            present.setdefault(m.group(1), set()).add(int(m.group(2)))
    rank = {f: {idx: n for n, idx in enumerate(sorted(found), 1)} for f, found in present.items()}
    out = {}
    for i, p in enumerate(paths):
        m = _LIST_COL.match(p) if p else None
        if m is None:
            if p and p != "type":
                out[p] = column_letter(i)
            continue
        n = rank.get(m.group(1), {}).get(int(m.group(2)))
        if n is not None:
            out[f"{m.group(1)}[{n}].{m.group(3)}"] = column_letter(i)
    return out


class SheetLegacyText(str):
    """A cell's text converted from the legacy encoding its whole sheet is in (`encoding`). The sheet gets one note
    (legacy_note), not a warning per cell: every cell of an old book would have one."""

    encoding: str


def legacy_note(rows: list[list], sheet: str) -> dict | None:
    """The reading note of a sheet delegacy_rows converted as a whole from TCVN3 or VNI (which encoding, how many
    cells; for ReadResult.notes), or None."""
    converted = [c for r in rows for c in r if c.__class__ is SheetLegacyText]
    if not converted:
        return None
    return {"key": "import.sheet_legacy",
            "params": {"sheet": sheet, "encoding": converted[0].encoding, "cells": len(converted)}}


ENCODING_SAMPLE_ROWS = 60  # the rows a sheet's encoding is judged on (also what the import wizard previews)


def delegacy_rows(rows: list[list]) -> list[list]:
    """A sheet typed in TCVN3 or VNI as a whole, in Unicode: the encoding is judged once for the sheet, so
    short cells that read as Unicode too — headings such as "Giê" (Giờ) and "Ghi chó" (Ghi chú), a name such
    as "Vò" (Vũ) — are converted with the rest instead of being left garbled. A sheet not in one legacy
    encoding comes back as it is (its cells are still judged one by one by convert_cell): one with any real
    Unicode Vietnamese in it is mixed at best, and its short Unicode words ("Hoà") must not be converted."""
    # Judged on the first rows only: the wizard's preview reads no more than these, and the preview and the
    # import must decide alike (a Unicode row further down once made them differ).
    texts = [c for r in rows[:ENCODING_SAMPLE_ROWS] for c in r if isinstance(c, str)]
    if any(is_unicode_vietnamese(t) for t in texts):
        return rows
    encoding = detect_legacy_many(texts)
    if encoding is None:
        return rows

    def converted(cell):
        if not isinstance(cell, str) or not may_be_legacy(cell):
            return cell
        text = decode_legacy(cell, encoding)
        if text == cell:
            return cell
        out = SheetLegacyText(text)
        out.encoding = encoding
        return out
    return [[converted(c) for c in r] for r in rows]


def convert_cell(value, issues: list[Issue], path: str):
    """A cell as a JSON-like value: strings cleaned and de-legacied; Excel dates to ISO strings."""
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value.__class__ is SheetLegacyText:  # its sheet's note says it (legacy_note)
        return str(value).strip()
    if isinstance(value, str):
        text, enc = convert_legacy(value)
        if enc:
            issues.append(Issue(path, "v.legacy_encoding", {"encoding": enc}, "warning"))
        return text.strip()
    return value


def _coerce(rtype: str, path: str, value):
    """Turn book-style cell text into exchange values for the field at `path` (unknown forms pass through)."""
    if not isinstance(value, str) or value == "":
        return value
    f = field_at(rtype, path)
    if f is None:
        return value
    if f.kind in ("date", "datetime"):
        m = _DMY.match(value)
        if m:
            d, mth, y, hh, mm = m.groups()
            y = int(y) + 2000 if len(y) == 2 else int(y)  # "5/11/26", as the Form 03 reader takes it
            iso = f"{y:04d}-{int(mth):02d}-{int(d):02d}"
            if f.kind == "datetime":
                return f"{iso}T{int(hh or 0):02d}:{int(mm or 0):02d}"
            return iso
        m = _YMD_T.match(value)
        if m and f.kind == "datetime" and m.group(2) is None:
            return m.group(1) + "T00:00"
        if m and f.kind == "date":
            return m.group(1)  # an Excel date cell that also carries a time
        return value
    if f.kind == "enum":
        lookup = _ENUM_CACHE.get(id(f.choices))
        if lookup is None:
            lookup = _ENUM_CACHE[id(f.choices)] = _enum_lookup(f.choices)
        folded = fold(value.strip())
        return lookup.get(folded) or lookup.get(_loose(folded), value)
    if f.kind == "bool":
        return value  # validation understands x / có / không / true / false
    if f.kind == "int":
        s = value.strip()
        return int(s) if s.isdigit() else value
    return value


def row_to_record(rtype: str, paths: list[str | None], cells: list, line: int) -> tuple[dict, list[Issue]]:
    """Build one nested record from a table row whose columns were resolved to `paths`."""
    issues: list[Issue] = []
    rec: dict = {"type": rtype}
    for path, raw in zip(paths, cells):
        if path is None:
            continue
        value = convert_cell(raw, issues, path)
        if value is None or value == "":
            continue
        if path == "type":
            continue
        if isinstance(value, int) and not isinstance(value, bool) and path.endswith(("id_number", "phone")):
            # a number cell: Excel dropped the leading zeros, put them back (and say so)
            digits = str(value)
            value = id_number_from_digits(digits) if path.endswith("id_number") else phone_from_digits(digits)
            if value != digits:
                issues.append(Issue(path, "v.zeros_restored", {"value": value}, "warning"))
        value = _coerce(rtype, path, value)
        m = _LIST_COL.match(path)
        if m:
            lst = rec.setdefault(m.group(1), [])
            idx = int(m.group(2))
            while len(lst) < idx:
                lst.append({})
            lst[idx - 1][m.group(3)] = value
        elif "." in path:
            head, sub = path.split(".", 1)
            rec.setdefault(head, {})[sub] = value
        else:
            rec[path] = value
    for k, v in list(rec.items()):
        if isinstance(v, list):
            rec[k] = [x for x in v if x]
    _split_signers(rec, issues)
    return rec, issues


_SIGNER_SEPARATOR = re.compile(r"\s*[,;\n]\s*")


def _split_signers(rec: dict, issues: list[Issue]) -> None:
    """"Nguyễn Văn A, Trần Thị B" in the one name cell of a petitions list: several people signed. Each becomes
    a petitioner (the address and numbers of the row stay with the first), and a warning says so — the report
    counts petitions with one signer and with several apart. A cell that is not a list of names stays as it is."""
    people = rec.get("petitioners")
    if rec.get("type") != "petition" or not isinstance(people, list) or len(people) != 1:
        return
    name = people[0].get("name")
    if not isinstance(name, str):
        return
    parts = [x for x in _SIGNER_SEPARATOR.split(name.strip()) if x]
    if len(parts) < 2 or not all(2 <= len(x.split()) <= 6 and not any(ch.isdigit() for ch in x) for x in parts):
        return
    rec["petitioners"] = [dict(people[0], name=parts[0])] + [{"name": x} for x in parts[1:]]
    issues.append(Issue("petitioners", "import.signers_split", {"n": len(parts)}, "warning"))
