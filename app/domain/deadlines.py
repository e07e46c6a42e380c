"""Legal time limits for petitions (đơn thư), kept as versioned data with effective dates.

The limits live in ``resources/data/deadline_rules.json``: a list of *versions*, each with an ``effective_from``
date and its rules; every rule names its step, the categories it covers, its anchor date, its length and unit
(``working`` or ``calendar`` days) and the article it comes from, with ``verified: false`` where the text was not
checked.  A petition uses the version in force on its ``received_on``.

Counting (Bộ luật Dân sự 2015): the day of the event is not counted (Art. 147); a calendar-day limit whose last
day is not a working day ends on the next working day (Art. 148(5)) — see :class:`WorkCalendar`.

How a petition's recorded facts meet each step (choices to double-check are listed in the module's tests and the
hand-over report):

* ``notify`` (Reception Law Art. 28, every category) is met by ``notified_on``; failing that by ``accepted_on``
  (the acceptance notice is a notification), then ``answered_on`` / ``resolved_on`` (a written answer reaches the
  citizen).  An anonymous petition with no petitioners has no one to notify, so it gets no notify deadline.
* ``accept`` (complaint Art. 27; denunciation Art. 24) is met by ``accepted_on``.  When the petition was handled
  another way — direction ``guide`` / ``forward`` / ``file``, status ``forwarded`` / ``closed``, or
  ``eligible`` false — it is met by ``notified_on`` if known, and otherwise left out (handled, date unknown).
* ``process`` (TT 05/2021, petitions and reflections) is met by ``notified_on`` / ``accepted_on`` /
  ``answered_on``; handled another way without a date → left out.
* ``resolve`` exists only once ``accepted_on`` is known, counts from it, and is met by ``resolved_on`` or
  ``answered_on``.  Denunciation extensions (``extensions``: at most ``max_count``, each capped at
  ``max_days_each``) are added to the length before Art. 148 is applied.
* A duplicate (``duplicate_of`` set) has no deadline at all.  A finished petition (status ``resolved``,
  ``answered``, ``closed`` or ``forwarded``) keeps only the deadlines that have a met date: nothing is pending.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Mapping

from app.domain.workdays import WorkCalendar

__all__ = [
    "Deadline",
    "Rule",
    "RuleVersion",
    "RuleBook",
    "load_rules",
    "default_rules",
    "petition_deadlines",
    "current_due",
    "reception_deadline",
    "reception_reply_due",
    "extension_warnings",
    "STEPS",
    "UNITS",
    "CATEGORIES",
]

RULES_FILE = "deadline_rules.json"
# The day receptions began to record their reply (schema 4). Earlier receptions — every book kept before, in this
# program or in Excel — have no reply date to show, so counting them would flag nearly all as overdue. A unit's own
# start is never earlier unless its administrator says so: a book created later starts on its creation day
# (app.services.reply_tracking), so the Excel book it migrates in is not flagged either.
RECEPTION_REPLY_TRACKED_FROM = date(2026, 12, 7)

STEPS = ("notify", "accept", "process", "resolve")
UNITS = ("working", "calendar")
ANCHORS = ("received_on", "accepted_on")
CATEGORIES = ("complaint", "denunciation", "petition", "reflection", "mixed")
_WHEN_KEYS = {"round": int, "complex": bool, "remote_area": bool}

_HANDLED_DIRECTIONS = frozenset({"guide", "forward", "file"})
_CLOSED_STATUSES = frozenset({"closed", "forwarded"})
_FINISHED_STATUSES = frozenset({"resolved", "answered", "closed", "forwarded"})


# --------------------------------------------------------------------------------------------------------------
# Deadline
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    key: str
    label_vi: str
    label_en: str
    due_on: date
    met_on: date | None
    article: str
    verified: bool
    step: str = ""
    version: str = ""
    note: str = ""
    unit: str = "working"  # the rule's count: "working" days or "calendar" days (UNITS)

    def overdue(self, today: date) -> bool:
        """Due before ``today`` and not met (the due day itself is still in time)."""
        return self.met_on is None and self.due_on < today

    @property
    def pending(self) -> bool:
        return self.met_on is None

    @property
    def met_late(self) -> bool:
        """Met, but after the due day."""
        return self.met_on is not None and self.met_on > self.due_on

    def days_late(self, calendar: WorkCalendar) -> int:
        """How late it was met, counted as its rule counts (a 30-day resolution in days, a reply in working days);
        0 when met in time or not met."""
        if not self.met_late:
            return 0
        if self.unit == "calendar":
            return (self.met_on - self.due_on).days
        return max(1, -self.working_days_left(calendar, self.met_on))

    def working_days_left(self, calendar: WorkCalendar, today: date) -> int:
        """Working days in (today, due_on] — "còn N ngày làm việc"; negative once overdue."""
        return calendar.working_days_between(today, self.due_on)


# --------------------------------------------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    key: str
    step: str
    categories: tuple[str, ...]
    anchor: str  # "from" in the JSON
    days: int
    unit: str
    article: str
    verified: bool
    label_vi: str
    label_en: str
    note: str = ""
    when: tuple[tuple[str, Any], ...] = ()
    max_extensions: int = 0
    max_extension_days: int = 0

    def covers(self, category: str | None) -> bool:
        return "*" in self.categories or (category is not None and category in self.categories)

    def matches(self, facts: Mapping[str, Any]) -> bool:
        return all(facts.get(k) == v for k, v in self.when)

    def as_dict(self) -> dict[str, Any]:
        """The rule as in the JSON file (for display and export)."""
        d: dict[str, Any] = {
            "key": self.key,
            "step": self.step,
            "category": list(self.categories),
            "from": self.anchor,
            "days": self.days,
            "unit": self.unit,
            "label_vi": self.label_vi,
            "label_en": self.label_en,
            "article": self.article,
            "verified": self.verified,
            "note": self.note,
        }
        if self.when:
            d["when"] = dict(self.when)
        if self.max_extensions:
            d["extension"] = {"max_count": self.max_extensions, "max_days_each": self.max_extension_days}
        return d


@dataclass(frozen=True)
class RuleVersion:
    version: str
    effective_from: date
    title: str
    rules: tuple[Rule, ...]
    verified: bool = True
    note: str = ""

    def rules_for(self, category: str | None, facts: Mapping[str, Any]) -> list[Rule]:
        """For each step, the matching rule with the most ``when`` conditions (first one on a tie)."""
        key = (category, tuple(sorted(facts.items())))
        cache = self.__dict__.setdefault("_rules_for_cache", {})  # an import asks the same few questions
        hit = cache.get(key)
        if hit is None:
            hit = cache[key] = self._rules_for(category, facts)
        return list(hit)

    def _rules_for(self, category: str | None, facts: Mapping[str, Any]) -> list[Rule]:
        best: dict[str, Rule] = {}
        for rule in self.rules:
            if not rule.covers(category) or not rule.matches(facts):
                continue
            cur = best.get(rule.step)
            if cur is None or len(rule.when) > len(cur.when):
                best[rule.step] = rule
        return [best[s] for s in STEPS if s in best]

    def rule(self, key: str) -> Rule:
        for r in self.rules:
            if r.key == key:
                return r
        raise KeyError(key)


class RuleBook:
    """All rule versions, sorted by ``effective_from``."""

    def __init__(self, versions: Iterable[RuleVersion], source: str = "") -> None:
        self._versions = tuple(sorted(versions, key=lambda v: v.effective_from))
        if not self._versions:
            raise ValueError("deadline rules: no version")
        self.source = source

    def __repr__(self) -> str:
        return f"RuleBook({[v.version for v in self._versions]!r})"

    def all_versions(self) -> tuple[RuleVersion, ...]:
        return self._versions

    def version_for(self, d: date | datetime | str) -> RuleVersion:
        """The version in force on ``d``; ``LookupError`` before the first version's ``effective_from``."""
        d = _to_date(d)
        if d is None:
            raise LookupError("no date")
        found = None
        for v in self._versions:
            if v.effective_from <= d:
                found = v
            else:
                break
        if found is None:
            raise LookupError(f"no deadline rules in force on {d.isoformat()}")
        return found

    def table_rows(self) -> list[dict[str, Any]]:
        """Flat rows (version fields + rule fields) for a read-only table in the GUI."""
        rows = []
        for v in self._versions:
            for r in v.rules:
                row = {
                    "version": v.version,
                    "effective_from": v.effective_from.isoformat(),
                    "version_title": v.title,
                    "version_verified": v.verified,
                }
                row.update(r.as_dict())
                rows.append(row)
        return rows


def _fail(where: str, msg: str) -> ValueError:
    return ValueError(f"deadline rules, {where}: {msg}")


def _parse_rule(raw: Mapping[str, Any], where: str) -> Rule:
    if not isinstance(raw, Mapping):
        raise _fail(where, "a rule must be an object")
    for k in ("key", "step", "category", "from", "days", "unit", "article"):
        if k not in raw:
            raise _fail(where, f"missing '{k}'")
    step, unit, anchor = raw["step"], raw["unit"], raw["from"]
    if step not in STEPS:
        raise _fail(where, f"unknown step {step!r}")
    if unit not in UNITS:
        raise _fail(where, f"unknown unit {unit!r}")
    if anchor not in ANCHORS:
        raise _fail(where, f"unknown 'from' {anchor!r}")
    cats = raw["category"]
    if isinstance(cats, str):
        cats = [cats]
    for c in cats:
        if c != "*" and c not in CATEGORIES:
            raise _fail(where, f"unknown category {c!r}")
    days = raw["days"]
    if not isinstance(days, int) or isinstance(days, bool) or days <= 0:
        raise _fail(where, "'days' must be a positive integer")
    when_raw = raw.get("when") or {}
    when = []
    for k, v in when_raw.items():
        typ = _WHEN_KEYS.get(k)
        if typ is None or not isinstance(v, typ) or (typ is int and isinstance(v, bool)):
            raise _fail(where, f"bad condition {k!r}: {v!r}")
        when.append((k, v))
    ext = raw.get("extension") or {}
    max_count = int(ext.get("max_count", 0)) if ext else 0
    max_days = int(ext.get("max_days_each", 0)) if ext else 0
    if ext and (max_count <= 0 or max_days <= 0):
        raise _fail(where, "'extension' needs positive max_count and max_days_each")
    return Rule(
        key=str(raw["key"]),
        step=step,
        categories=tuple(cats),
        anchor=anchor,
        days=days,
        unit=unit,
        article=str(raw["article"]),
        verified=bool(raw.get("verified", False)),
        label_vi=str(raw.get("label_vi") or _DEFAULT_LABELS[step][0]),
        label_en=str(raw.get("label_en") or _DEFAULT_LABELS[step][1]),
        note=str(raw.get("note", "")),
        when=tuple(when),
        max_extensions=max_count,
        max_extension_days=max_days,
    )


_DEFAULT_LABELS = {
    "notify": ("Hạn thông báo cho công dân", "Deadline to notify the citizen"),
    "accept": ("Hạn thụ lý", "Acceptance deadline"),
    "process": ("Hạn xử lý đơn", "Processing deadline"),
    "resolve": ("Hạn giải quyết", "Resolution deadline"),
}


def rulebook_from_dict(doc: Mapping[str, Any], source: str = "") -> RuleBook:
    versions = []
    seen: set[str] = set()
    raw_versions = doc.get("versions") if isinstance(doc, Mapping) else None
    if not isinstance(raw_versions, list):
        raise _fail("file", "'versions' must be a list")
    for i, rv in enumerate(raw_versions, 1):
        where = f"version {i}"
        try:
            eff = date.fromisoformat(rv["effective_from"])
        except (KeyError, TypeError, ValueError):
            raise _fail(where, "'effective_from' must be a YYYY-MM-DD date") from None
        vid = str(rv.get("version") or eff.isoformat())
        if vid in seen:
            raise _fail(where, f"duplicate version id {vid!r}")
        seen.add(vid)
        rules = tuple(_parse_rule(r, f"{where} ({vid}), rule {j}") for j, r in enumerate(rv.get("rules", []), 1))
        keys = [r.key for r in rules]
        if len(keys) != len(set(keys)):
            raise _fail(where, "duplicate rule key")
        versions.append(
            RuleVersion(
                version=vid,
                effective_from=eff,
                title=str(rv.get("title", "")),
                rules=rules,
                verified=bool(rv.get("verified", all(r.verified for r in rules))),
                note=str(rv.get("note", "")),
            )
        )
    dates = [v.effective_from for v in versions]
    if len(dates) != len(set(dates)):
        raise _fail("file", "two versions share an effective_from date")
    return RuleBook(versions, source=source)


def load_rules(path: str | Path | None = None) -> RuleBook:
    """Read a rule file (default: the shipped ``deadline_rules.json``)."""
    if path is None:
        from app.resources import data_file

        path = data_file(RULES_FILE)
    path = Path(path)
    with path.open(encoding="utf-8") as f:
        doc = json.load(f)
    return rulebook_from_dict(doc, source=str(path))


@lru_cache(maxsize=1)
def default_rules() -> RuleBook:
    """The shipped rules, read once."""
    return load_rules()


# --------------------------------------------------------------------------------------------------------------
# Petitions
# --------------------------------------------------------------------------------------------------------------


def _to_date(v: Any) -> date | None:
    if v is None or v == "":
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, str):
        try:
            return date.fromisoformat(v.strip()[:10])
        except ValueError:
            raise ValueError(f"not a YYYY-MM-DD date: {v!r}") from None
    raise ValueError(f"not a date: {v!r}")


def _first(*ds: date | None) -> date | None:
    for d in ds:
        if d is not None:
            return d
    return None


def _facts(p: Mapping[str, Any]) -> dict[str, Any]:
    try:
        rnd = int(p.get("round") or 1)
    except (TypeError, ValueError):
        rnd = 1
    return {
        "round": 2 if rnd >= 2 else 1,  # the Complaint Law knows two rounds; later rounds go to court
        "complex": bool(p.get("complex")),
        "remote_area": bool(p.get("remote_area")),
    }


def _extensions(p: Mapping[str, Any]) -> list[tuple[int, date | None]]:
    """Well-formed extensions as (days, decided_on), in decision order (undated ones last, in given order)."""
    out = []
    for i, e in enumerate(p.get("extensions") or ()):
        if not isinstance(e, Mapping):
            continue
        try:
            days = int(e.get("days"))
        except (TypeError, ValueError):
            continue
        if days <= 0:
            continue
        try:
            decided = _to_date(e.get("decided_on"))
        except ValueError:
            decided = None
        out.append((i, days, decided))
    out.sort(key=lambda t: (t[2] is None, t[2] or date.min, t[0]))
    return [(days, decided) for _, days, decided in out]


def _due(calendar: WorkCalendar, rule: Rule, anchor: date, days: int) -> date:
    if rule.unit == "working":
        return calendar.add_working_days(anchor, days)
    return calendar.add_calendar_days(anchor, days)


def petition_deadlines(p: Mapping[str, Any], calendar: WorkCalendar, rules: RuleBook,
                       notice_from: date | None = None) -> list[Deadline]:
    """The legal deadlines of one petition (exchange-format dict), sorted by due date. `notice_from`: the notice
    to the citizen is followed only for petitions received from that day (app.services.reply_tracking: a book
    created later does not follow it for the letters of the book it migrated in, which recorded no notice date)."""
    if p.get("duplicate_of"):
        return []
    received = _to_date(p.get("received_on"))
    if received is None:
        return []
    try:
        version = rules.version_for(received)
    except LookupError:
        return []

    category = p.get("category")
    status = p.get("status") or "received"
    direction = p.get("direction")
    accepted = _to_date(p.get("accepted_on"))
    notified = _to_date(p.get("notified_on"))
    resolved = _to_date(p.get("resolved_on"))
    answered = _to_date(p.get("answered_on"))
    finished = status in _FINISHED_STATUSES
    handled_otherwise = (
        direction in _HANDLED_DIRECTIONS or status in _CLOSED_STATUSES or p.get("eligible") is False
    )

    out: list[Deadline] = []
    for rule in version.rules_for(category, _facts(p)):
        label_vi, label_en = rule.label_vi, rule.label_en
        days = rule.days
        if rule.step == "notify":
            if p.get("anonymous") and not p.get("petitioners"):
                continue  # nobody to notify
            if notice_from is not None and received < notice_from:
                continue  # from the book kept before this one: its notice was never recorded anywhere
            met = _first(notified, accepted, answered, resolved)
        elif rule.step == "accept":
            met = accepted
            if met is None and handled_otherwise:
                met = notified
                if met is None:
                    continue  # handled without acceptance, date unknown
        elif rule.step == "process":
            met = _first(notified, accepted, answered)
            if met is None and handled_otherwise:
                continue
        else:  # resolve
            if accepted is None:
                continue
            met = _first(resolved, answered)
            if rule.max_extensions:
                exts = _extensions(p)[: rule.max_extensions]
                if exts:
                    days += sum(min(d, rule.max_extension_days) for d, _ in exts)
                    label_vi += f" (đã gia hạn {len(exts)} lần)"
                    label_en += f" (extended {len(exts)}×)"
        if met is None and finished:
            continue  # nothing is pending on a finished petition
        anchor = received if rule.anchor == "received_on" else accepted
        if anchor is None:
            continue
        out.append(
            Deadline(
                key=rule.key,
                label_vi=label_vi,
                label_en=label_en,
                due_on=_due(calendar, rule, anchor, days),
                met_on=met,
                article=rule.article,
                verified=rule.verified,
                step=rule.step,
                version=version.version,
                note=rule.note,
                unit=rule.unit,
            )
        )
    out.sort(key=lambda d: (d.due_on, STEPS.index(d.step)))
    return out


def current_due(
    p: Mapping[str, Any], calendar: WorkCalendar, rules: RuleBook, today: date, notice_from: date | None = None
) -> tuple[date | None, bool]:
    """(earliest unmet deadline's date or None, whether it is overdue on ``today``)."""
    pending = [d for d in petition_deadlines(p, calendar, rules, notice_from) if d.met_on is None]
    if not pending:
        return None, False
    first = min(pending, key=lambda d: d.due_on)
    return first.due_on, first.overdue(today)


def reception_deadline(r: Mapping[str, Any], calendar: WorkCalendar, rules: RuleBook,
                       tracked_from: date = RECEPTION_REPLY_TRACKED_FROM) -> Deadline | None:
    """The reply a reception owes the citizen (Reception Law Art. 28: within 10 working days, a direct answer or
    a written notice — accepted, delayed, refused or forwarded), as a deadline; None when nothing is owed: nobody
    came (`no_show`), the reception is older than `tracked_from` (the day its unit began tracking replies), or no
    rule was in force that day.

    Met by `notified_on`; a petition returned with guidance at the desk ("guide") was answered there and then.
    A petition made from the reception carries its own notice deadline: lists and counts leave such receptions
    out (app.storage.listing.NO_LINKED_PETITION), since the link lives on the petition."""
    if r.get("no_show"):
        return None
    received = _to_date(r.get("received_at"))
    if received is None or received < tracked_from:
        return None
    version, rule = _reply_rule(rules, received)
    if rule is None:
        return None
    met = _to_date(r.get("notified_on"))
    if met is None and r.get("direction") == "guide":
        met = received
    return Deadline(key="reception_reply", label_vi="Hạn trả lời, thông báo cho công dân sau khi tiếp",
                    label_en="Deadline to answer the citizen after the reception",
                    due_on=_due(calendar, rule, received, rule.days), met_on=met, article=rule.article,
                    verified=rule.verified, step="notify", version=version.version, note=rule.note, unit=rule.unit)


def reception_reply_due(received_at_date: date | datetime | str, calendar: WorkCalendar, rules: RuleBook) -> date | None:
    """Due date of the reply after a reception (Reception Law Art. 28: 10 working days).

    ``None`` when no rule version is in force on that day (before 01/07/2014).
    """
    d = _to_date(received_at_date)
    if d is None:
        raise ValueError("reception date is required")
    _version, rule = _reply_rule(rules, d)
    return _due(calendar, rule, d, rule.days) if rule is not None else None


def _reply_rule(rules: RuleBook, received: date) -> tuple[RuleVersion | None, Rule | None]:
    """The rules in force on the day of a reception and their reply rule (notify, from the day received, for
    every case); (None, None) before the first version."""
    try:
        version = rules.version_for(received)
    except LookupError:
        return None, None
    return version, next((x for x in version.rules if x.step == "notify" and x.anchor == "received_on"
                          and not x.when), None)


def extension_warnings(p: Mapping[str, Any], rules: RuleBook) -> list[tuple[str, str]]:
    """Problems with a petition's ``extensions`` as (Vietnamese, English) messages; empty when fine."""
    raw = p.get("extensions") or []
    if not raw:
        return []
    msgs: list[tuple[str, str]] = []
    received = _to_date(p.get("received_on"))
    rule = None
    if received is not None:
        try:
            version = rules.version_for(received)
        except LookupError:
            version = None
        if version is not None:
            rule = next(
                (r for r in version.rules_for(p.get("category"), _facts(p)) if r.step == "resolve"), None
            )
    if rule is None or not rule.max_extensions:
        return [(
            "Loại đơn này không có quy định gia hạn; các lần gia hạn không được tính vào thời hạn.",
            "This kind of petition has no extension rule; the extensions are not counted.",
        )]
    exts = _extensions(p)
    if len(exts) < len(raw):
        msgs.append(("Có lần gia hạn thiếu số ngày hợp lệ; đã bỏ qua.",
                     "An extension lacks a valid number of days; it was ignored."))
    if len(exts) > rule.max_extensions:
        msgs.append((
            f"Chỉ được gia hạn tối đa {rule.max_extensions} lần ({rule.article}); các lần sau không được tính.",
            f"At most {rule.max_extensions} extensions are allowed ({rule.article}); later ones are not counted.",
        ))
    if len(exts) > 1:
        msgs.append((
            "Gia hạn lần 2 chỉ áp dụng cho vụ việc đặc biệt phức tạp — kiểm tra quyết định gia hạn.",
            "A second extension is allowed only for especially complex cases — check the decision.",
        ))
    if exts and not p.get("complex"):
        msgs.append((
            "Đơn chưa được đánh dấu phức tạp nhưng có gia hạn — chỉ vụ việc phức tạp mới được gia hạn.",
            "The petition is not marked complex but has extensions — only complex cases may be extended.",
        ))
    if any(d > rule.max_extension_days for d, _ in exts):
        msgs.append((
            f"Mỗi lần gia hạn không quá {rule.max_extension_days} ngày; phần vượt không được tính.",
            f"Each extension is at most {rule.max_extension_days} days; the excess is not counted.",
        ))
    return msgs
