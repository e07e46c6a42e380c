"""Validation and normalisation of one record in the exchange format.

`validate(raw, today)` never raises on bad input: it returns the cleaned record (NFC text, normalised phones and
ID numbers, defaults applied) with a list of issues. Errors block saving; warnings are reported and kept.
"""

from __future__ import annotations

import calendar
import re
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, datetime, timedelta

from app.domain import enums, identity
from app.domain.records import CITIZEN_FIELDS, EXTENSION_FIELDS, FIELDS_BY_NAME, SPECS, Field
from app.domain.text import clean_text, dmy, vn_number

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")  # already canonical
_DATETIME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$")
_CITIZEN_BY_NAME = {f.name: f for f in CITIZEN_FIELDS}
_EXTENSION_BY_NAME = {f.name: f for f in EXTENSION_FIELDS}
_TRUE = {"true", "1", "x", "có", "co", "yes", "đúng", "v", "✓", "✔"}
_FALSE = {"false", "0", "không", "khong", "no", ""}
MAX_TEXT = 20_000
# Names of hosts, hamlets, bodies and categories repeat thousands of times in an import: clean each once.
_clean_short = lru_cache(maxsize=16384)(clean_text)


@dataclass
class Issue:
    field: str
    key: str  # message key in app.i18n
    params: dict = field(default_factory=dict)
    severity: str = "error"

    def message(self, lang: str = "vi") -> str:
        from app.i18n import tr

        # Dates read as people write them (dd/mm/yyyy), the way every screen and print shows them.
        params = {k: dmy(v) if isinstance(v, str) and _DATE_RE.match(v) else v for k, v in self.params.items()}
        return tr(self.key, lang, **params)


@dataclass
class Result:
    record: dict
    issues: list[Issue]

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def messages(self, lang: str = "vi", severity: str = "error") -> dict[str, str]:
        """{field: message} — the first message per field, in the user's language."""
        out: dict[str, str] = {}
        for i in self.issues:
            if i.severity == severity and i.field not in out:
                out[i.field] = i.message(lang)
        return out


_IMPOSSIBLE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")  # the shape of a date, whether or not the day exists


def _parse_date(v) -> date | None:
    if isinstance(v, date):
        return v
    if isinstance(v, str) and _DATE_RE.match(v):
        try:
            return date.fromisoformat(v)
        except ValueError:
            return None
    return None


# What a date may not be before: a year typed short or wrong ("0026", "1926") — no reception, petition, model or
# dialogue in this book is older. And how far ahead of the clock a reception's time may be: a few minutes of a
# laptop's clock or of rounding up, not a time later today typed by mistake.
EARLIEST_DATE = date(1990, 1, 1)
FUTURE_TIME_SLACK = timedelta(minutes=15)
INT_LIMIT = 1_000_000  # the largest count any field holds (people at a dialogue, a group's size)
DEADLINE_YEARS_AHEAD = 10  # a deadline further ahead than this is a year typed wrong


class _Checker:
    def __init__(self, today: date, now: datetime | None = None):
        self.today = today
        self.now = now
        self.issues: list[Issue] = []

    def err(self, path: str, key: str, **params):
        self.issues.append(Issue(path, key, params))

    def warn(self, path: str, key: str, **params):
        self.issues.append(Issue(path, key, params, "warning"))

    # -- scalar kinds ---------------------------------------------------------------------------------------
    def text(self, path: str, v, single_line: bool):
        if type(v) is not str:
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                v = str(v)
            else:
                self.err(path, "v.not_text")
                return None
        v = _clean_short(v) if len(v) <= 80 else clean_text(v)
        if single_line and "\n" in v:
            v = " ".join(v.split())
        if len(v) > MAX_TEXT:
            self.err(path, "v.too_long", max=MAX_TEXT)
            return None
        return v or None

    def _bad_date(self, path: str, text: str, key: str, v) -> None:
        """A date in the right shape that does not exist (30/02) says so; anything else, how to write one."""
        m = _IMPOSSIBLE.match(text) if isinstance(text, str) else None
        if m:
            y, mth = int(m.group(1)), int(m.group(2))
            if 1 <= mth <= 12:
                days = calendar.monthrange(y, mth)[1] if y >= 1 else 31
                self.err(path, "v.date_impossible", day=f"{m.group(3)}/{m.group(2)}/{m.group(1)}", month=mth,
                         year=y, days=days)
                return
        self.err(path, key, value=str(v)[:40])

    def date_(self, path: str, v):
        d = _parse_date(v)
        if d is None:
            self._bad_date(path, v, "v.date_format", v)
            return None
        if d > self.today:
            self.err(path, "v.future_date", value=d.isoformat(), today=self.today.isoformat())
            return None
        if d < EARLIEST_DATE:
            self.err(path, "v.too_early", value=d.isoformat(), earliest=EARLIEST_DATE.isoformat())
            return None
        return d.isoformat()

    def deadline(self, path: str, v):
        """A date something is due by: ahead of today is its nature, but not beyond what a plan could mean (a
        year typed wrong)."""
        d = _parse_date(v)
        if d is None:
            self._bad_date(path, v, "v.date_format", v)
            return None
        latest = self.today.replace(year=self.today.year + DEADLINE_YEARS_AHEAD, day=28)  # 28: no 29 February miss
        if not EARLIEST_DATE <= d <= latest:
            self.err(path, "v.deadline_range", value=d.isoformat(), years=DEADLINE_YEARS_AHEAD)
            return None
        return d.isoformat()

    def datetime_(self, path: str, v):
        m = _DATETIME_RE.match(v) if isinstance(v, str) else None
        if m is None and _parse_date(v) is not None:
            d = _parse_date(v)
            hh, mm = 0, 0
        elif m is None:
            self._bad_date(path, v, "v.datetime_format", v)
            return None
        else:
            d = _parse_date(m.group(1))
            hh, mm = int(m.group(2)), int(m.group(3))
            if d is None:
                self._bad_date(path, m.group(1), "v.datetime_format", v)
                return None
            if hh > 23 or mm > 59:
                self.err(path, "v.datetime_format", value=str(v)[:40])
                return None
        if d > self.today:
            self.err(path, "v.future_date", value=d.isoformat(), today=self.today.isoformat())
            return None
        if d < EARLIEST_DATE:
            self.err(path, "v.too_early", value=d.isoformat(), earliest=EARLIEST_DATE.isoformat())
            return None
        when = datetime(d.year, d.month, d.day, hh, mm)
        if self.now is not None and when > self.now + FUTURE_TIME_SLACK:
            self.err(path, "v.future_time", value=f"{hh:02d}:{mm:02d}", now=f"{self.now:%H:%M}")
            return None
        return f"{d.isoformat()}T{hh:02d}:{mm:02d}"

    def int_(self, path: str, v, lo: int | None = None, hi: int | None = None):
        if isinstance(v, bool):
            self.err(path, "v.not_int")
            return None
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        if isinstance(v, str) and v.strip().lstrip("-").isdigit():
            v = int(v.strip())
        if not isinstance(v, int):
            self.err(path, "v.not_int")
            return None
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            self.err(path, "v.int_range" if hi is not None else "v.int_min", lo=lo, hi=hi)
            return None
        if abs(v) > INT_LIMIT:  # 1e308 participants: no such count, and SQLite stores no integer that large
            self.err(path, "v.int_max", hi=vn_number(INT_LIMIT))
            return None
        return v

    def bool_(self, path: str, v):
        if isinstance(v, bool):
            return v
        if isinstance(v, int) and v in (0, 1):
            return bool(v)
        if isinstance(v, str):
            s = v.strip().casefold()
            if s in _TRUE:
                return True
            if s in _FALSE:
                return False
        self.err(path, "v.not_bool")
        return None

    def enum(self, path: str, v, choices: dict):
        if v in choices if type(v) is str else False:
            return v
        if isinstance(v, str) and v.strip() in choices:
            return v.strip()
        # each key with its Vietnamese label: a file of the exchange format writes the key, a book the label
        allowed = ", ".join(f"{k} ({c[0]})" if isinstance(c, tuple) else k for k, c in choices.items())
        self.err(path, "v.enum", value=str(v)[:40], allowed=allowed)
        return None

    def uuid_(self, path: str, v):
        if isinstance(v, str) and _UUID_RE.match(v):
            return v
        try:
            return str(uuid.UUID(str(v).strip()))
        except (ValueError, AttributeError, TypeError):
            self.err(path, "v.uuid")
            return None

    # -- compound kinds -------------------------------------------------------------------------------------
    def citizen(self, path: str, v):
        if not isinstance(v, dict):
            self.err(path, "v.not_object")
            return None
        out = {}
        for k, raw in v.items():
            f = _CITIZEN_BY_NAME.get(k)
            if f is None:
                self.err(f"{path}.{k}", "v.unknown_key")
                continue
            if raw is None or raw == "":
                continue
            if f.kind == "enum":
                val = self.enum(f"{path}.{k}", raw, f.choices)
            else:
                val = self.text(f"{path}.{k}", raw, True)
            if val is not None:
                out[k] = val
        if not out.get("name"):
            self.err(f"{path}.name", "v.required")
        num = out.get("id_number")
        if num is not None:
            num = identity.clean_id_number(num)
            id_type = out.get("id_type")
            if id_type == "passport":
                if not re.fullmatch(r"[A-Za-z0-9]{6,12}", num):
                    self.err(f"{path}.id_number", "v.passport")
            else:
                kind = identity.id_number_kind(num)
                if kind is None:
                    self.err(f"{path}.id_number", "v.id_number")
                elif kind == "cmnd" and out.get("id_type") == "cccd":
                    # A Căn cước / CCCD number always has 12 digits: 9 digits is an old CMND typed with the
                    # wrong document type, or a number cut short.
                    self.err(f"{path}.id_number", "v.id_number")
                elif kind == "cmnd":
                    self.warn(f"{path}.id_number", "v.id_number_legacy")
                    out.setdefault("id_type", "cmnd")
                else:
                    out.setdefault("id_type", "cccd")
            out["id_number"] = num
        phone = out.get("phone")
        if phone is not None:
            norm, warning = identity.normalize_phone(phone)
            if norm is None:
                self.err(f"{path}.phone", "v.phone", value=phone[:20])
            else:
                out["phone"] = norm
                if warning:
                    self.warn(f"{path}.phone", warning, old=phone, new=norm)
        ward = out.get("ward_code")
        if ward is not None:
            from app.domain import units

            code = units.normalize_code(ward, "commune")
            if code is None or units.find_unit(code, "commune") is None:
                # A name, as a sheet titled "Xã, phường" holds it: taken when exactly one unit has it.
                named = units.communes_named(str(ward)) if not str(ward).strip().isdigit() else []
                code = named[0].code if len(named) == 1 else None
            if code is None:
                self.err(f"{path}.ward_code", "v.ward_code", value=ward)
            else:
                out["ward_code"] = code
        return out

    def citizens(self, path: str, v):
        if not isinstance(v, list):
            self.err(path, "v.not_list")
            return None
        out = []
        for i, item in enumerate(v, 1):
            c = self.citizen(f"{path}[{i}]", item)
            if c is not None:
                out.append(c)
        return out

    def extensions(self, path: str, v):
        if not isinstance(v, list):
            self.err(path, "v.not_list")
            return None
        out = []
        for i, item in enumerate(v, 1):
            p = f"{path}[{i}]"
            if not isinstance(item, dict):
                self.err(p, "v.not_object")
                continue
            ext = {}
            for k, raw in item.items():
                f = _EXTENSION_BY_NAME.get(k)
                if f is None:
                    self.err(f"{p}.{k}", "v.unknown_key")
                    continue
                if raw is None or raw == "":
                    continue
                if f.kind == "int":
                    val = self.int_(f"{p}.{k}", raw, 1, 30)
                elif f.kind == "date":
                    val = self.date_(f"{p}.{k}", raw)
                else:
                    val = self.text(f"{p}.{k}", raw, True)
                if val is not None:
                    ext[k] = val
            if "days" not in ext and not any(i.field == f"{p}.days" for i in self.issues):
                self.err(f"{p}.days", "v.required")
            out.append(ext)
        return out

    def value(self, f: Field, v):
        k = f.kind
        if k == "line":
            return self.text(f.name, v, True)
        if k == "text":
            return self.text(f.name, v, False)
        if k == "enum":
            return self.enum(f.name, v, f.choices)
        return _BY_KIND[k](self, f.name, v)


_BY_KIND = {
    "date": _Checker.date_, "datetime": _Checker.datetime_, "int": _Checker.int_, "bool": _Checker.bool_,
    "uuid": _Checker.uuid_, "citizen": _Checker.citizen, "citizens": _Checker.citizens,
    "extensions": _Checker.extensions,
}


def validate(raw: dict, today: date, now: datetime | None = None) -> Result:
    """Clean and check one record. `today` is injected so "no future dates" is testable on any day; with `now`
    a time later today is refused too (a form or a file on this machine — not a bundle, whose sender's clock is
    not ours)."""
    if not isinstance(raw, dict):
        return Result({}, [Issue("type", "v.not_object")])
    rtype = raw.get("type")
    if rtype is None or rtype == "":
        return Result({}, [Issue("type", "v.required")])
    if not isinstance(rtype, str) or rtype not in SPECS:
        return Result({}, [Issue("type", "v.type", {"value": str(rtype)[:40]})])
    fields = FIELDS_BY_NAME[rtype]
    c = _Checker(today, now)
    out: dict = {"type": rtype}
    for k, v in raw.items():
        if k == "type":
            continue
        f = fields.get(k)
        if f is None:
            c.err(k, "v.unknown_key")
            continue
        if v is None or v == "" or v == []:
            continue
        kind = f.kind
        if kind == "line" or kind == "text":
            val = c.text(k, v, kind == "line")
        elif f.ahead:
            val = c.deadline(k, v)
        elif kind == "enum":
            val = v if (type(v) is str and v in f.choices) else c.enum(k, v, f.choices)
        else:
            val = _BY_KIND[kind](c, k, v)
        if val is not None and val != "":
            out[k] = val
    issues = c.issues
    for f in _DEFAULTED[rtype]:
        if f.name not in out and not (issues and any(i.field == f.name for i in issues)):
            out[f.name] = f.default
    _RULES[rtype](out, c)
    # Required fields not already reported for a bad value.
    missing = [f for f in _REQUIRED[rtype] if f.name not in out]
    if missing:
        reported = {i.field for i in issues}
        optional = _OPTIONAL_WHEN(rtype, out)
        for f in missing:
            if f.name not in reported and f.name not in optional:
                c.err(f.name, "v.required")
    return Result(out, issues)


_DEFAULTED = {t: tuple(f for f in spec if f.default is not None) for t, spec in SPECS.items()}
_REQUIRED = {t: tuple(f for f in spec if f.required) for t, spec in SPECS.items()}


def _OPTIONAL_WHEN(rtype: str, rec: dict) -> set[str]:
    if rtype == "reception" and rec.get("no_show"):
        return {"content"}
    return set()


def _reception_rules(r: dict, c: _Checker):
    size = r.get("group_size", 1)
    if size < 1:
        c.err("group_size", "v.int_min", lo=1)
    if r.get("no_show"):
        return
    if "citizen" not in r and not (size > 1 and r.get("representatives")) \
            and not any(i.field.startswith(("citizen", "representatives")) for i in c.issues):
        c.err("citizen", "v.citizen_required")
    if r.get("representatives") and size > 1:
        reps = len(r["representatives"])
        # Reception Law Art. 30 (recollection, unverified): 1–2 representatives for 5–10 people, at most 5 above 10.
        if reps > 5:
            c.warn("representatives", "v.too_many_representatives", n=reps)
    if r.get("direction") == "forward" and not r.get("forwarded_to"):
        c.warn("forwarded_to", "v.forwarded_to_missing")
    day = (r.get("received_at") or "")[:10]
    if day and r.get("notified_on") and r["notified_on"] < day:
        c.err("notified_on", "v.before_reception", date=day)


def _petition_rules(p: dict, c: _Checker):
    if not p.get("anonymous") and not p.get("petitioners") \
            and not any(i.field.startswith("petitioners") for i in c.issues):
        c.err("petitioners", "v.petitioners_required")
    received = p.get("received_on")
    for k in ("accepted_on", "notified_on", "resolved_on", "answered_on"):
        if received and p.get(k) and p[k] < received:
            c.err(k, "v.before_received", date=received)
    for i, ext in enumerate(p.get("extensions") or (), 1):
        if received and ext.get("decided_on") and ext["decided_on"] < received:
            c.err(f"extensions[{i}].decided_on", "v.before_received", date=received)
    if p.get("accepted_on") and p.get("resolved_on") and p["resolved_on"] < p["accepted_on"]:
        c.err("resolved_on", "v.before_accepted", date=p["accepted_on"])
    rnd = p.get("round")
    if rnd is not None and rnd not in (1, 2):
        c.err("round", "v.int_range", lo=1, hi=2)
    if p.get("eligible") is False and not p.get("ineligible_reason"):
        c.warn("ineligible_reason", "v.ineligible_reason_missing")
    if p.get("status") in ("accepted", "in_progress") and not p.get("accepted_on") \
            and p.get("category") in ("complaint", "denunciation", "mixed"):
        # the time limit for resolving counts from acceptance: without its date it never starts, and the
        # petition would go on showing (and counting) the acceptance deadline as overdue
        c.warn("accepted_on", "v.accepted_on_missing")
    if p.get("id") and p.get("duplicate_of") == p.get("id"):
        c.err("duplicate_of", "v.duplicate_self")
    if len(p.get("extensions") or ()) > 2:
        c.err("extensions", "v.too_many_extensions")


def _model_rules(m: dict, c: _Checker):
    year = m.get("year")
    if year is not None and not (2000 <= year <= c.today.year + 1):
        c.err("year", "v.int_range", lo=2000, hi=c.today.year + 1)
        m.pop("year", None)
    # Warnings, not refusals: a model carried on from an earlier year may keep an earlier recognition, and an old
    # list may lack the decision — but the report counts what is entered, so the officer is shown it.
    status = m.get("status")
    if status == "recognized" and not m.get("decision_no") and not m.get("recognized_on"):
        c.warn("decision_no", "v.recognition_missing")
    if m.get("recognized_on") and m.get("year") and m["recognized_on"][:4] < f"{m['year']:04d}":
        c.warn("recognized_on", "v.recognized_before_year", year=m["year"])
    if status in ("registered", "implementing", "evaluated") and (m.get("decision_no") or m.get("recognized_on")):
        c.warn("status", "v.recognition_without_status", status=enums.MODEL_STATUS[status][0],
               status_en=enums.MODEL_STATUS[status][1])


def _dialogue_rules(d: dict, c: _Checker):
    if d.get("participants") is not None and d["participants"] < 0:
        c.err("participants", "v.int_min", lo=0)
    if d.get("commitments_due") and d.get("held_on") and d["commitments_due"] < d["held_on"]:
        c.err("commitments_due", "v.before_dialogue", date=d["held_on"])
    if d.get("commitments_due") and not d.get("commitments"):
        c.warn("commitments_due", "v.due_without_commitments")


_RULES = {
    "reception": _reception_rules,
    "petition": _petition_rules,
    "model": _model_rules,
    "dialogue": _dialogue_rules,
}
