"""Unit settings and the unit's own calendar (extra days off, make-up working days) — admin only, audited.

Changing the calendar moves legal due dates, so every open petition's stored due date is recomputed at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from app.domain import roles, units
from app.errors import DanvanError, UsageError
from app.services import backup_schedule, reply_tracking
from app.services.deadlines import recompute_due_dates
from app.services.session import Session
from app.storage import audit, settings
from app.storage.db import write_transaction

@dataclass(frozen=True)
class Rule:
    """What a setting's value must be: `check` on the stripped text, else the refusal `error` (an i18n key of a
    sentence that says what is needed) with `params`."""
    check: Callable[[str], bool]
    error: str
    params: dict = field(default_factory=dict)


def _whole(lo: int, hi: int) -> Rule:
    return Rule(lambda v: v.isdigit() and lo <= int(v) <= hi, "setting.bad_range", {"lo": lo, "hi": hi})


def _text(most: int, required: bool = False) -> Rule:
    return Rule(lambda v: (bool(v) or not required) and len(v) <= most,
                "setting.bad_text_required" if required else "setting.bad_text", {"max": most})


EDITABLE: dict[str, Rule] = {
    "report_cutoff_day": _whole(1, 28),
    "upper_unit_name": _text(200, required=True),
    # the province that receives the reports (BRIEF: configurable, never a hard-coded "huyện"); "" when not set.
    # A legacy district that still operates is named in upper_unit_name: its old code is in no list we ship.
    # At most three digits ("1", "01", "001"): "00004" is how a commune's code is written (Phường Ba Đình), and
    # reading it as the province 04 would send the reports' header to Cao Bằng.
    "upper_unit_code": Rule(lambda v: v == "" or (len(v) <= 3 and units.find_unit(v, units.UPPER) is not None),
                            "setting.bad_province"),
    "letterhead_line1": _text(200),
    "letterhead_line2": _text(200),
    # a second folder (a USB drive, a shared folder) that gets a copy of every backup; "" switches it off
    "backup_copy_folder": _text(500),
    # minutes without input before the window locks (0 = never) — ui/idle_lock.py
    "idle_lock_minutes": _whole(0, 240),
    # years personal data is kept, per record type (0 = for ever) — app/services/retention.py
    **{f"retention_{t}_years": _whole(0, 100) for t in ("reception", "petition", "model", "dialogue")},
    # upper level: a commune with no bundle for longer than this many days is marked on the Đồng bộ screen
    "sync_silent_days": _whole(1, 365),
    # commune: "1" sends denouncers' identities up in bundles (still encrypted); such bundles go by USB only
    "sync_send_identity": Rule(lambda v: v in ("0", "1"), "setting.bad_flag"),
    # the day receptions owe a tracked reply to the citizen from (app/services/reply_tracking.py); "" = the day
    # the book was created. Receptions of the Reception Law's time (from 01/07/2014) only.
    reply_tracking.SETTING: Rule(lambda v: v == "" or _is_day(v), "setting.bad_day"),
}
REPLY_TRACKING_EARLIEST = date(2014, 7, 1)  # the Law on Citizen Reception 2013 in force


def _is_day(text: str) -> bool:
    try:
        return len(text) == 10 and bool(date.fromisoformat(text))
    except ValueError:
        return False


def _day_out_of_range(key: str, value: str, today: date | None) -> DanvanError | None:
    """A day of reply tracking before the Reception Law or after today (a day ahead would switch tracking off
    until then, without a word)."""
    day = date.fromisoformat(value)
    if day < REPLY_TRACKING_EARLIEST or (today is not None and day > today):
        return _setting_error("setting.day_range", key, value=value, earliest=REPLY_TRACKING_EARLIEST.isoformat(),
                              today=(today or date.max).isoformat())
    return None


def refusal(key: str, value: str, today: date | None = None) -> DanvanError | None:
    """Why `value` cannot be saved as `key` (the error set_setting would raise before writing), or None. The
    administration tab asks before saving anything, so a form of several settings is saved whole or not at all.
    `today`: the clock's day, for settings that may not lie ahead of it."""
    rule = EDITABLE.get(key)
    if rule is None:
        return _setting_error("setting.unknown", key, allowed=", ".join(EDITABLE))
    value = value.strip()
    if not rule.check(value):
        return _setting_error(rule.error, key, value=value, **rule.params)
    if key == reply_tracking.SETTING and value:
        return _day_out_of_range(key, value, today)
    return None


def _normalized(key: str, value: str) -> str:
    value = value.strip()
    if key == "upper_unit_code" and value:
        return units.normalize_code(value, units.UPPER)  # "1" and "001" are Hà Nội, stored as "01"
    return value


def _setting_error(message_key: str, key: str, **params) -> DanvanError:
    # The messages name the setting {key}, which is also DanvanError's own first argument: set it afterwards
    # (app.i18n.tr takes its own arguments positionally, so a "key" parameter reaches the message). An unknown
    # setting is a usage error (exit 2); a value it refuses is bad input (exit 1, INTERFACES.md).
    cls = UsageError if message_key == "setting.unknown" else DanvanError
    err = cls(message_key, **params)
    err.params["key"] = key
    return err


def set_setting(session: Session, key: str, value: str, *, progress=None, cancel=None) -> dict:
    """Store one setting (audited). Moving the day receptions owe a tracked reply from computes the due dates
    again in the same transaction — a power cut or Cancel (`cancel` set) leaves the old day and the old dates,
    never the new day with dates counted from the old one."""
    session.require(roles.MANAGE_SETTINGS)
    refused = refusal(key, value, session.clock.today())
    if refused is not None:
        raise refused
    value = _normalized(key, value)
    if key == backup_schedule.COPY_FOLDER_SETTING and value:
        why = backup_schedule.copy_folder_refusal(session.path, Path(value))
        if why:
            raise _setting_error(why, key, folder=value)
    if key != reply_tracking.SETTING:
        with write_transaction(session.db):
            settings.put_audited(session.db, key, value, session.clock.utc_stamp(), session.user_name)
        return {"key": key, "value": value}
    try:
        with write_transaction(session.db):
            settings.put_audited(session.db, key, value, session.clock.utc_stamp(), session.user_name)
            session.invalidate_reply_starts()
            changed = recompute_due_dates(session, progress=progress, cancel=cancel)
    finally:
        session.invalidate_reply_starts()  # rolled back: the cached day must not stay the new one
    return {"key": key, "value": value, "due_dates_changed": changed}


def list_calendar(session: Session) -> list[dict]:
    session.require(roles.READ)
    return settings.calendar_days(session.db)


def set_calendar_day(session: Session, day: str, kind: str | None, note: str | None = None, *, progress=None,
                     cancel=None) -> dict:
    """Mark `day` as an extra day off ('off'), a make-up working day ('work'), or back to normal (None). The due
    dates are computed again in the same transaction: all of it or, cancelled or cut off, none of it."""
    session.require(roles.MANAGE_SETTINGS)
    try:
        d = date.fromisoformat(day)
    except (TypeError, ValueError) as exc:  # TypeError: no date at all
        raise DanvanError("date.bad", value=str(day or "")) from exc  # bad input: exit 1
    if kind not in ("off", "work", None):
        raise UsageError("v.enum", value=str(kind), allowed="off, work")
    try:
        with write_transaction(session.db):
            if kind is None:
                settings.delete_calendar_day(session.db, d.isoformat())
            else:
                settings.put_calendar_day(session.db, d.isoformat(), kind, note)
            audit.append(session.db, [audit.Entry("calendar", session.user_name,
                                                  detail=f"{d.isoformat()} {kind or 'normal'}")],
                         session.clock.utc_stamp())
            session.invalidate_calendar()
            changed = recompute_due_dates(session, progress=progress, cancel=cancel)
    finally:
        session.invalidate_calendar()  # rolled back: the cached calendar must not keep the day
    return {"day": d.isoformat(), "kind": kind, "note": note, "due_dates_changed": changed,
            **calendar_notice(d, kind)}


def calendar_notice(d: date, kind: str | None) -> dict:
    """What the officer should know about marking `d` so (accepted either way): a make-up working day put on a
    public holiday makes that holiday count toward time limits; a mark on a day that already is what it says
    changes nothing. {"notice": i18n key, "holiday": name} or {} — the holiday's name from the package."""
    from app.domain.workdays import WorkCalendar  # the State's calendar alone, not the unit's own days

    holiday = WorkCalendar().holiday_name(d)
    weekend = d.weekday() >= 5
    if kind == "work" and holiday:
        return {"notice": "calendar.notice.holiday_worked", "holiday": holiday}
    if kind == "work" and not weekend:
        return {"notice": "calendar.notice.already_working"}
    if kind == "off" and (holiday or weekend):
        return {"notice": "calendar.notice.already_off", "holiday": holiday or ""}
    return {}

