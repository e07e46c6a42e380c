"""The official reception book (Sổ tiếp công dân, Form 03 of TT 04/2021/TT-TTCP) read as reception records.

A book kept in Excel has title rows (national heading, "SỔ TIẾP CÔNG DÂN", the unit), a two-row header whose
"Hướng xử lý" heading spans three tick columns (Thụ lý để giải quyết / Trả lại đơn và hướng dẫn / Chuyển đơn đến
cơ quan có thẩm quyền), often a row of column numbers "(1)…(12)", then one row per visit and a signature block.
Columns are found by their heading text, never by position, so a book with a column added or moved still reads.

The book has no host column: `host_name` comes from `default_host` (`danvan import --default-host`).
Row numbers are the 1-based rows of the sheet (or CSV records), as the officer sees them in Excel.
"""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from app.domain.identity import id_number_from_digits, phone_from_digits
from app.domain.legacy_text import convert_legacy
from app.domain.text import fold
from app.domain.validation import Issue
from app.io import tabular
from app.services.records import Incoming

HEADER_SCAN_ROWS = 20

# --------------------------------------------------------------------------------------------- headings


def _norm(value) -> str:
    """Heading text for matching: legacy-converted, diacritic-blind, words of letters and digits only."""
    if not isinstance(value, str):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(int(value)) if float(value).is_integer() else str(value)
        else:
            return ""
    if not value.isascii():
        value = convert_legacy(value)[0]
    return " ".join(re.findall(r"[a-z0-9]+", fold(value)))


_DATE_HEAD = re.compile(r"\bngay (?:thang )?(?:gio )?tiep\b|\bthoi gian tiep\b")
_NAME_HEAD = re.compile(r"\bho (?:va )?ten\b")
_ADDR_HEAD = re.compile(r"\bdia chi\b")
_DIR_HEAD = re.compile(r"\bhuong xu ly\b")
_ACCEPT_HEAD = re.compile(r"\bthu ly\b")
_GUIDE_HEAD = re.compile(r"\btra (?:lai )?don\b|\bhuong dan\b")
_FORWARD_HEAD = re.compile(r"\bchuyen don\b|\bchuyen den\b")

# (kind, pattern) in the order they are tried; the tick headings come before the "…giải quyết" ones because
# "Thụ lý để giải quyết" and "Cơ quan đã giải quyết" and "Theo dõi kết quả giải quyết" share words.
_COLUMN_KINDS: tuple[tuple[str, re.Pattern], ...] = (
    ("stt", re.compile(r"^(?:stt|tt|so tt|so thu tu)$")),
    ("accept", _ACCEPT_HEAD),
    ("guide", _GUIDE_HEAD),
    ("forward", _FORWARD_HEAD),
    ("date", _DATE_HEAD),
    ("time", re.compile(r"^(?:gio|gio tiep|thoi gian)$")),
    ("name", _NAME_HEAD),  # "name_address" when the same heading also says "địa chỉ"
    ("address", _ADDR_HEAD),
    ("id", re.compile(r"\b(?:cmnd|cmtnd|cccd|ho chieu|can cuoc|dinh danh)\b")),
    ("phone", re.compile(r"\b(?:dien thoai|sdt|dt)\b")),
    ("content", re.compile(r"\bnoi dung\b")),
    ("category", re.compile(r"\bphan loai\b|\bloai don\b")),
    ("group_size", re.compile(r"\bso nguoi\b")),
    ("prior", re.compile(r"\bda giai quyet\b|\bco quan da\b")),
    ("result", re.compile(r"\btheo doi\b|\bket qua\b")),
    ("note", re.compile(r"\bghi chu\b")),
    ("host", re.compile(r"\b(?:nguoi|can bo|lanh dao) (?:tiep|chu tri)\b")),
    ("direction", _DIR_HEAD),  # a single "Hướng xử lý" column holding the direction as words
)


def _kind_of(text: str) -> str | None:
    if not text:
        return None
    for kind, pat in _COLUMN_KINDS:
        if pat.search(text):
            if kind == "name" and _ADDR_HEAD.search(text):
                return "name_address"
            return kind
    return None


def _is_tick_row(texts: list[str]) -> bool:
    """The second header row: it names at least two of the three handling directions."""
    found = sum(any(p.search(t) for t in texts) for p in (_ACCEPT_HEAD, _GUIDE_HEAD, _FORWARD_HEAD))
    return found >= 2


def _is_header(texts: list[str], below: list[str]) -> bool:
    if not any(_DATE_HEAD.search(t) for t in texts):
        return False
    combined = any(_NAME_HEAD.search(t) and _ADDR_HEAD.search(t) for t in texts)
    separate = any(_NAME_HEAD.search(t) for t in texts) and any(_ADDR_HEAD.search(t) for t in texts)
    has_dir = any(_DIR_HEAD.search(t) for t in texts)
    # An exchange-layout sheet titled with field labels ("Ngày tiếp", "Họ tên", "Địa chỉ", "Hướng xử lý") has
    # neither the combined name/address heading nor the three tick columns, so it is not taken for the book.
    ticks = _is_tick_row(below) or _is_tick_row(texts)
    if has_dir:
        return (combined or separate) and (combined or ticks)
    return combined and _is_tick_row(texts)  # a flattened one-row header that dropped the merged heading


def _find_header(rows: list[list]) -> int | None:
    normed = [[_norm(c) for c in row] for row in rows[:HEADER_SCAN_ROWS + 1]]
    for i in range(min(HEADER_SCAN_ROWS, len(rows))):
        below = normed[i + 1] if i + 1 < len(normed) else []
        if _is_header(normed[i], below):
            return i
    return None


def looks_like_form03(rows: list[list]) -> bool:
    """True when one of the first 20 rows is the Form 03 header ("Ngày tiếp", "Họ tên - Địa chỉ", "Hướng xử lý")."""
    return _find_header(rows) is not None


# ------------------------------------------------------------------------------------------ cell values

_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})(?!\d)")
_YMD = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_HM = re.compile(r"(?<!\d)(\d{1,2})\s*(?::|gio|h|g)\s*(\d{1,2})?(?!\d)")
_EXCEL_EPOCH = datetime(1899, 12, 30)


def _time_of(value) -> tuple[int, int] | None:
    if isinstance(value, time):
        return value.hour, value.minute
    if isinstance(value, datetime):
        return value.hour, value.minute
    if isinstance(value, float) and 0 <= value < 1:  # an Excel time stored as a fraction of a day
        minutes = round(value * 24 * 60)
        return minutes // 60 % 24, minutes % 60
    if isinstance(value, str):
        m = _HM.search(fold(value))
        if m:
            hh, mm = int(m.group(1)), int(m.group(2) or 0)
            if hh <= 23 and mm <= 59:
                return hh, mm
    return None


def parse_when(value, time_value=None) -> str | None:
    """A reception date (Excel date, Excel serial number, dd/mm/yyyy or yyyy-mm-dd, optionally with a time
    "08:30" / "8h30" before or after it) as "YYYY-MM-DDTHH:MM" (00:00 without a time); None if it is no date."""
    day = hm = None
    if isinstance(value, datetime):
        day, hm = value.date(), (value.hour, value.minute)
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 <= value < 80000:
        stamp = _EXCEL_EPOCH + timedelta(days=float(value))
        day, hm = stamp.date(), (stamp.hour, stamp.minute) if not float(value).is_integer() else None
    elif isinstance(value, str):
        text = value.strip()
        m = _DMY.search(text)
        ymd = None
        if m:
            d, mth, y = (int(g) for g in m.groups())
            ymd = (y + 2000 if y < 100 else y, mth, d)
        else:
            m = _YMD.search(text)
            if m:
                ymd = tuple(int(g) for g in m.groups())
        if ymd is None:
            return None
        try:
            day = datetime(*ymd).date()
        except ValueError:
            return None
        rest = (text[:m.start()] + " " + text[m.end():]).replace("T", " ")
        hm = _time_of(rest)
    elif hasattr(value, "isoformat") and not isinstance(value, time):  # a datetime.date
        day = value
    if day is None:
        return None
    if time_value not in (None, ""):
        hm = _time_of(time_value) or hm
    hh, mm = hm or (0, 0)
    return f"{day.isoformat()}T{hh:02d}:{mm:02d}"


_CATEGORY_WORDS = (  # (pattern on normalised text, category); "Kiến nghị, phản ánh" is taken out first
    (re.compile(r"\bkhieu nai\b|\bkn\b"), "complaint"),
    (re.compile(r"\bto cao\b|\btc\b"), "denunciation"),
    (re.compile(r"\bkien nghi\b"), "petition"),
    (re.compile(r"\bphan anh\b|\bpa\b"), "reflection"),
)
_KN_ONLY = re.compile(r"\bkn\b")  # the abbreviation, not the words "khiếu nại"
_PETITION_PAIR = re.compile(r"\bkien nghi (?:va )?phan anh\b|\bknpa\b|\bkn pa\b")
_MIXED = re.compile(r"\bnhieu noi dung\b")
_GROUP_WORDS = {"nguoi", "ng", "doan", "dong", "so", "ho", "dan", "lan", "luot", "ca", "nhan", "don"}


def parse_category(text: str) -> tuple[str | None, int]:
    """ "Khiếu nại/1", "Tố cáo - 5 người", "KN/6", "Phản ánh (đoàn 12 người)" → (category, number of people).

    Two different categories in one cell make "mixed"; unknown words come back as they are (validation names
    them); the number of people defaults to 1."""
    folded = re.sub(r"\blan\s*(?:thu\s*)?\d+", " ", fold(text))  # "lần 2" is the round, not people
    size = 1
    m = re.search(r"(\d+)\s*(?:nguoi|ng\b|ho\b)", folded) or re.search(r"/\s*(\d+)", folded)
    if m is None:
        numbers = re.findall(r"\d+", folded)
        m = re.search(r"\d+", folded) if len(numbers) == 1 else None
        if m:
            size = int(m.group())
    else:
        size = int(m.group(1))
    words = _norm(text)
    cats: set[str] = set()
    if _MIXED.search(words):
        cats.add("mixed")
        words = _MIXED.sub(" ", words)
    if _PETITION_PAIR.search(words):
        cats.add("petition")
        words = _PETITION_PAIR.sub(" ", words)
    for pat, cat in _CATEGORY_WORDS:
        if pat.search(words):
            cats.add(cat)
            words = pat.sub(" ", words)
    if len(cats) == 1:
        return cats.pop(), size
    if cats:
        return "mixed", size
    leftover = [w for w in words.split() if not w.isdigit() and w not in _GROUP_WORDS]
    return (text.strip() if leftover else None), size


_ADDR_LABEL = re.compile(r"(?:địa chỉ|dia chi|đ/c|đc|thường trú tại|thường trú|tạm trú tại|tạm trú|trú tại)\s*[:.]?\s*",
                         re.I)
_NAME_LABEL = re.compile(r"^(?:họ và tên|họ tên|ho ten)\s*[:.]\s*", re.I)
_HONORIFIC = re.compile(r"^(?:ông\s*/\s*bà|ông|bà|anh|chị|cụ)\s+", re.I)
_SEPARATOR = re.compile(r"\n|\s+[-–—]\s+|\s*[,;]\s*")
_TRIM = " \n,;:-–—."


def split_name_address(text: str) -> tuple[str, str | None]:
    """ "Nguyễn Văn An - Thôn 3, xã Hòa Phú" → ("Nguyễn Văn An", "Thôn 3, xã Hòa Phú").

    The name ends at an "Địa chỉ:" (or "trú tại") label, else at the first newline, " - ", " – " or ", ";
    with no separator the whole text is the name. A leading "Ông"/"Bà" is dropped when a full name follows."""
    text = text.strip()
    name, address = text, None
    label = _ADDR_LABEL.search(text)
    if label and label.start() > 0 and text[label.start() - 1] in " \n,;:-–—(":
        name, address = text[:label.start()], text[label.end():]
    else:
        sep = _SEPARATOR.search(text)
        if sep and sep.start() > 0:
            name, address = text[:sep.start()], text[sep.end():]
            lab = _ADDR_LABEL.match(address)
            if lab:
                address = address[lab.end():]
    name = _NAME_LABEL.sub("", name.strip(_TRIM)).strip(_TRIM)
    h = _HONORIFIC.match(name)
    if h and len(name[h.end():].split()) >= 3:
        name = name[h.end():]
    address = " ".join(address.split()).strip(_TRIM) if address else None
    if not name:
        return " ".join(text.split()), None
    return " ".join(name.split()), address or None


_ID_PREFIX = re.compile(r"^(?:số\s+)?(?:cccd|cmnd|cmtnd|căn cước|cc|số định danh|định danh)\s*(?:số)?\s*[:.]?\s*", re.I)
_PASSPORT_PREFIX = re.compile(r"^(?:hộ chiếu|hc|passport)\s*(?:số)?\s*[:.]?\s*", re.I)


def parse_id_number(value) -> tuple[str | None, str | None]:
    """An ID cell as (number as text, id_type or None). Excel drops leading zeros: a number cell gets them back
    (app.domain.identity.id_number_from_digits); text of 11 or 8 digits is padded to 12 or 9."""
    if value is None or value == "":
        return None, None
    if isinstance(value, float) and not value.is_integer():
        return str(value), None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        text = str(int(value))
    else:
        text = str(value).strip()
    m = _PASSPORT_PREFIX.match(text)
    if m and m.end() < len(text):
        return text[m.end():].strip(), "passport"
    m = _ID_PREFIX.match(text)
    if m and m.end() < len(text):
        text = text[m.end():].strip()
    digits = re.sub(r"[\s.\-]", "", text)
    if digits.isdigit() and digits.isascii() and isinstance(value, (int, float)):
        return id_number_from_digits(digits), None
    if digits.isdigit() and digits.isascii() and len(digits) in (8, 11):
        return "0" + digits, None  # text that went through a number once (a CSV saved from Excel)
    return text, None


_NO_MARK = {"", "0", "-", "–", "—", "o", "không", "khong", "no", "false"}
# "ü" and "þ" are the Wingdings check mark and ticked box as they read without the font.
_TICK_MARKS = {"x", "xx", "v", "✓", "✔", "✗", "✘", "√", "1", "+", "•", "*", "ü", "þ", "☑", "☒", "■", "có", "co",
               "yes", "true", "ok"}
_FORWARD_PREFIX = re.compile(r"^(?:đã\s+)?chuyển(?:\s+đơn)?(?:\s+(?:đến|tới|cho|sang|về))?\s*[:\-–]?\s*", re.I)


def _mark(value) -> str | None:
    """A tick cell (after `convert_cell`) as "" for a plain mark, its text for words, None when not ticked."""
    if value is None or value is False:
        return None
    if isinstance(value, (int, float)):
        return "" if value else None
    text = str(value).strip()
    if text.casefold() in _NO_MARK:
        return None
    return "" if text.casefold() in _TICK_MARKS else text


def _direction_from_words(text: str) -> tuple[str | None, str | None]:
    """A single "Hướng xử lý" column with words: (direction, forwarded_to)."""
    t = _norm(text)
    if _ACCEPT_HEAD.search(t):
        return "accept", None
    if _FORWARD_HEAD.search(t) or t.startswith("chuyen"):
        body = _FORWARD_PREFIX.sub("", text.strip()).strip(_TRIM)
        return "forward", (body if body and _norm(body) not in ("co quan co tham quyen",) else None)
    if _GUIDE_HEAD.search(t):
        return "guide", None
    return None, None


_blank = tabular.blank  # an empty cell


def _is_number_row(row: list) -> bool:
    """The row of column numbers under the header: "(1)" … "(12)" or 1 … 12."""
    cells = [c for c in row if not _blank(c)]
    if len(cells) < 3:
        return False
    for c in cells:
        if isinstance(c, bool):
            return False
        if isinstance(c, (int, float)):
            if not float(c).is_integer() or not 0 < c <= 40:
                return False
        elif not (isinstance(c, str) and re.fullmatch(r"\(?\s*\d{1,2}\s*\)?", c.strip())):
            return False
    return True


# ------------------------------------------------------------------------------------------------ read


def _map_columns(header: list, sub: list | None) -> tuple[dict[str, int], list[int]]:
    width = max(len(header), len(sub or ()))
    cols: dict[str, int] = {}
    unknown: list[int] = []
    for c in range(width):
        top = _norm(header[c]) if c < len(header) else ""
        low = _norm(sub[c]) if sub and c < len(sub) else ""
        kind = _kind_of(low) or _kind_of(top)
        if kind is None:
            if top or low:
                unknown.append(c)
            continue
        cols.setdefault(kind, c)
    return cols, unknown


def read(rows: list[list], res, default_host: str | None) -> None:
    """Append one `Incoming` reception per filled row of the book to `res` (a `readers.ReadResult`)."""
    h = _find_header(rows)
    if h is None:
        return
    header = rows[h]
    below = rows[h + 1] if h + 1 < len(rows) else []
    sub = below if _is_tick_row([_norm(c) for c in below]) else None
    cols, unknown = _map_columns(header, sub)
    for c in unknown:
        cells = (header[c] if c < len(header) else None, sub[c] if sub and c < len(sub) else None)
        title = " ".join(" ".join(str(x).split()) for x in cells if not _blank(x))
        res.notes.append({"key": "import.bad_header", "params": {"header": title}})
    host = default_host.strip() if isinstance(default_host, str) and default_host.strip() else None
    if host is None and "host" not in cols:
        res.errors.append({"line": h + 1, "field": "host_name", "key": "import.no_host", "params": {}})
    start = h + (2 if sub is not None else 1)
    count = 0
    for i in range(start, len(rows)):
        row = rows[i]
        if all(_blank(c) for c in row) or _is_number_row(row):
            continue
        item = _read_row(row, i + 1, cols, host, res)
        if item is not None:
            res.items.append(item)
            count += 1
    res.notes.append({"key": "import.form03", "params": {"rows": count}})


# "Tổng cộng …", "Tổng số …", or a cell that is only "Cộng" / "Tổng" ("Tổng", "Cống" also begin names)
_TOTAL_ROW = re.compile(r"^(?:tong cong|tong so)\b|^(?:cong|tong)$")


def _read_row(row: list, line: int, cols: dict[str, int], host: str | None, res) -> Incoming | None:
    issues: list[Issue] = []
    where: dict[str, str] = {}  # field → the column it was read from, for the messages

    def cell(kind: str, path: str):
        idx = cols.get(kind)
        if idx is None or idx >= len(row):
            return None
        where.setdefault(tabular.issue_path(path), tabular.column_letter(idx))
        value = tabular.convert_cell(row[idx], issues, path)
        if isinstance(value, str) and not value:
            return None
        return value

    def raw(kind: str):
        idx = cols.get(kind)
        return row[idx] if idx is not None and idx < len(row) else None

    when_cell = cell("date", "received_at")
    if isinstance(when_cell, str) and _DATE_HEAD.search(_norm(when_cell)):
        return None  # the header repeated further down (books pasted together)
    when = parse_when(when_cell, raw("time"))
    content = cell("content", "content")
    if when is None and content is None:
        return None  # empty entry, a sub-total, or the signature block under the book
    if any(isinstance(c, str) and _TOTAL_ROW.match(_norm(c)) for c in row[:4]):
        res.notes.append({"key": "import.form03_total_row", "params": {"line": line}})
        return None  # "Tổng cộng" with its counts under "Nội dung": not an entry

    rec: dict = {"type": "reception"}
    rec["received_at"] = when if when is not None else when_cell
    rec["mode"] = "regular"
    rec["channel"] = "in_person"
    row_host = cell("host", "host_name")
    if row_host is not None or host is not None:
        rec["host_name"] = str(row_host) if row_host is not None else host

    category, size = None, 1
    cat_text = cell("category", "category")
    if cat_text is not None:
        category, size = parse_category(str(cat_text))
        if category == "complaint" and _KN_ONLY.search(_norm(str(cat_text))) and isinstance(content, str):
            # "KN" stands for "khiếu nại" in most books and for "kiến nghị" in some: the content decides
            said = _norm(content)
            if "kien nghi" in said and "khieu nai" not in said:
                category = "petition"
                issues.append(Issue("category", "import.kn_read_as_petition", {}, "warning"))
    size_cell = cell("group_size", "group_size")
    if size_cell is not None:
        n = re.search(r"\d+", str(size_cell))
        size = int(n.group()) if n else size

    person_path = "citizen" if size <= 1 else "representatives[1]"
    person: dict = {}
    if "name_address" in cols:
        text = cell("name_address", f"{person_path}.name")
        if text is not None:
            name, address = split_name_address(str(text))
            person["name"] = name
            if address:
                person["address"] = address
    else:
        name = cell("name", f"{person_path}.name")
        if name is not None:
            person["name"] = str(name)
    address = cell("address", f"{person_path}.address")
    if address is not None:
        person["address"] = str(address)
    id_number, id_type = parse_id_number(cell("id", f"{person_path}.id_number"))
    if id_number:
        person["id_number"] = id_number
        if id_type:
            person["id_type"] = id_type
    phone = cell("phone", f"{person_path}.phone")
    if isinstance(phone, (int, float)) and not isinstance(phone, bool) and float(phone).is_integer():
        phone = phone_from_digits(str(int(phone)))  # a number cell: Excel dropped its leading 0
    if phone is not None:
        person["phone"] = str(phone)
    if person:
        if size > 1:
            rec["representatives"] = [person]
        else:
            rec["citizen"] = person
    rec["group_size"] = size
    if content is not None:
        rec["content"] = str(content)
    if category is not None:
        rec["category"] = category
    prior = cell("prior", "prior_handler")
    if prior is not None:
        rec["prior_handler"] = str(prior)

    ticked: list[tuple[str, int]] = []
    forwarded_to = None
    for direction in ("accept", "guide", "forward"):
        mark = _mark(cell(direction, "direction"))
        if mark is None:
            continue
        ticked.append((direction, cols[direction]))
        if direction == "forward" and mark:
            body = _FORWARD_PREFIX.sub("", mark).strip(_TRIM)
            forwarded_to = body or None
    if not ticked and "direction" in cols:
        words = cell("direction", "direction")
        if words is not None:
            d, forwarded_to = _direction_from_words(str(words))
            if d is None:
                rec["direction"] = str(words)  # validation names the unknown value
            else:
                ticked.append((d, cols["direction"]))
    if len(ticked) > 1:
        res.errors.append({"line": line, "field": "direction", "key": "import.form03_ticks",
                           "params": {"columns": ", ".join(tabular.column_letter(c) for _, c in ticked)}})
    elif ticked:
        rec["direction"] = ticked[0][0]
    if forwarded_to:
        rec["forwarded_to"] = forwarded_to
    result = cell("result", "result")
    if result is not None:
        rec["result"] = str(result)
    note = cell("note", "note")
    if note is not None:
        rec["note"] = str(note)
    return Incoming(line, rec, issues, columns=where)
