"""Dates and times as an officer types them into a form: "5/11/2026", "05-11-26", "05112026", "5/11" (this
year), "5/11/2026 14h30". The forms parse them here, so every way of typing a date means the same date everywhere,
and what is not a date stays as typed for the officer to correct (never a half-changed date)."""

from __future__ import annotations

import re
from datetime import date, datetime, time

# day, month, optional year, separated by / - . or spaces
_SEPARATED = re.compile(r"^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})(?:\s*[/.\-\s]\s*(\d{2}|\d{4}))?$")
FIRST_YEAR, LAST_YEAR = 1900, 2100  # the years a form takes; the core then refuses what is before 1990
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2})(?:\s*[:hg]\s*(\d{2})?(?::\d{2})?|(\d{2}))?\s*(?:p|phút)?$", re.IGNORECASE)


def _year(text: str, today: date) -> int:
    if len(text) == 4:
        return int(text)
    return 2000 + int(text)  # "26" is 2026: these are dates of receptions and petitions, not of births


def parse_date(text: str, today: date) -> date | None:
    """The date `text` means, or None when it is no date (empty included). A missing year is the one that puts the
    date nearest today."""
    s = " ".join((text or "").split())
    if not s:
        return None
    if s.isdigit():
        if len(s) == 8:
            d, m, y = s[:2], s[2:4], s[4:]
        elif len(s) == 6:
            d, m, y = s[:2], s[2:4], s[4:]
        elif len(s) == 4:
            d, m, y = s[:2], s[2:], None
        else:
            return None
    elif m_iso := _ISO.match(s):
        y, m, d = m_iso.groups()
    elif m_sep := _SEPARATED.match(s):
        d, m, y = m_sep.groups()
    else:
        return None
    if not y:
        return _nearest_year(int(d), int(m), today)
    year = _year(y, today)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None  # "20226" for 2026; and no date near year 9999 for a deadline to overflow from
    try:
        return date(year, int(m), int(d))
    except ValueError:  # 31/02, month 13 …
        return None


def _nearest_year(day: int, month: int, today: date) -> date | None:
    """A day and month typed without a year: the one nearest today — "31/12" typed on 02/01/2027 is the New Year's
    Eve just past (2026), not 31/12/2027 in the future; "15/01" typed on 20/12 for a promise is next January."""
    best = None
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            cand = date(year, month, day)
        except ValueError:  # 31/02; 29/02 outside a leap year
            continue
        if abs((cand - today).days) <= 183 and (best is None or abs((cand - today).days) < abs((best - today).days)):
            best = cand
    return best  # None for 29/02 with no leap year within half a year: as typed in a year without one


def parse_datetime(text: str, today: date, default_time: time | None = None) -> datetime | None:
    """A date with an optional time after it ("05/11/2026 14:30", "5/11/26 8h", "05112026 0830"); no time is
    `default_time` (00:00 without it). None when either part is not valid."""
    s = " ".join((text or "").split())
    if not s:
        return None
    if "T" in s and _ISO.match(s.split("T")[0]):
        s = s.replace("T", " ", 1)
    tokens = s.split(" ")
    # The date is the first word when it is written with / - . ("5/11 14" is 5/11 at 14:00, not 5/11/2014); the
    # longest start that is a date otherwise ("5 11 2026 14:30" has spaces inside it).
    spans = (1,) if any(c in tokens[0] for c in "/-.") else (3, 2, 1)
    for k in spans:
        day = parse_date(" ".join(tokens[:k]), today) if len(tokens) >= k else None
        if day is not None:
            time_text = " ".join(tokens[k:])
            break
    else:
        return None
    if not time_text:
        return datetime.combine(day, default_time or time(0, 0))
    t = _TIME.match(time_text.strip())
    if t is None:
        return None
    hh = int(t.group(1))
    mm = int(t.group(2) or t.group(3) or 0)
    if hh > 23 or mm > 59:
        return None
    return datetime(day.year, day.month, day.day, hh, mm)
