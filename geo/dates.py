"""Dates in running text, resolved against the document's published date.

``find_dates(text, published)`` returns every date phrase with its span, its
ISO 8601 value (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), its precision and
how the year was found:

- "1 September 2013", "Sept. 1, 2013", "April 2011", "in 2009": as written;
- "April 8", "the 26th of December": the year of ``published``; when
  ``published`` names a month (``2014-04``) and the date falls after it, the
  previous year (a text does not report what has not happened yet);
- "December 26 of last year", "last year": ``published``'s year minus one;
- "that July": the year the text spoke of last (``context_year``);
- no year and no ``published`` date: value None — no year is invented.

A regular expression finds the phrases and says which parts they give (the
precision), which no date library reports; ``dateutil`` turns the parts into a
calendar date and rejects impossible ones ("February 30"). ``dateparser``'s
``search_dates`` was tried and left out: on news text it also takes words
such as "now", "one" or "May" (the verb) for dates and gives no offsets.

Documentation: docs/incidents.md.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as dateutil_parser

from . import rescan
from .quantities import count_word

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MON = (r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?"
        r"|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
def _rel(name: str) -> str:
    return rf"(?:\s*,?\s+(?:of\s+)?(?P<{name}>last|this|next|the\s+previous|the\s+same)\s+year)"

#: "a February rocket attack", "the March 3 raid" is not this: a month that qualifies an attack noun (capitalised: "the
#: march on the capital" is a march).
_ATTACK_MONTH = (r"\s+(?-i:[A-Z])[a-z]+\.?\s+(?:[\w-]+\s+){0,4}?(?:attacks?|raids?|massacres?|bombings?|assaults?|"
                 r"shelling|strikes?|killings|clashes|shootings?|incursions?|offensive|invasion|crackdown)\b")

#: "July 28 and 29, 2009", "28-29 July": a span of days, read as its first day (with the month and year told after
#: the last). Only before a year (or, day first, a month): "on March 3 and 5 people died" is a day and a count.
_TO_DAY = rf"\s*(?:-|–|and|to|&)\s*{_DAY}"
_PATTERN = re.compile(
    rf"""(?ix)
    (?<![\w-])
    (?:
        (?P<m1>{_MON})\s+(?P<d1>{_DAY})(?:{_TO_DAY}(?=\s*,?\s*{_YEAR}(?!\d)))?(?:\s*,?\s*(?P<y1>{_YEAR})(?!\d)|{_rel('ra')})?
      | (?:the\s+)?(?P<d2>{_DAY})(?:{_TO_DAY}(?=\s+(?:of\s+)?{_MON}(?!\w)))?\s+(?:of\s+)?(?P<m2>{_MON})(?:\s*,?\s*(?P<y2>{_YEAR})(?!\d)|{_rel('rb')})?
      | (?P<m3>{_MON})\s+(?:of\s+)?(?P<y3>{_YEAR})(?!\d)
      | (?:(?P<that>that|last|this|in|early|late|mid-?|(?:the\s+)?(?:end|beginning|start|middle)\s+of)|(?P<art>an?|the)(?={_ATTACK_MONTH}))\s*(?P<m4>{_MON})(?!\w)(?!\.\w)
        (?!\.?\s*,?\s*(?:of\s+)?{_YEAR})(?!\.?\s+{_DAY}(?!\w))(?:{_rel('rc')})?
      | (?P<y5>{_YEAR})(?![\w'’-])(?!\s*(?:GMT|UTC|Zulu|hours|hrs|local\s+time|[ECMP][SD]T|[A-Z]ST|CET|CEST|EET|EEST)\b)
      | (?P<rel5>last|this|the\s+previous)\s+year
      | (?P<relm>last|this|the\s+previous|earlier\s+this)\s+month
      | (?P<relw>(?:last|this|the\s+previous|earlier\s+this)\s+week|(?:a|one|two|three|several|a\s+few)\s+(?:days|weeks)\s+ago
         |(?:a|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|\d+)\s+(?:days?|weeks?|months?)\s+later
         |the\s+(?:next|following)\s+(?:day|week|month)
         |(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|several|a\s+few|many|
            some|\d+)\s+(?:years?|months?)\s+ago|(?:a|one|two|three)\s+decades?\s+ago)
      | (?:(?P<lastw>last|this\s+past)\s+)?(?P<wday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?=(?:['’]s)?\b)
      | (?P<yday>yesterday|today|last\s+(?:night|evening))
    )
    (?![\w])
    """
)


@dataclass(frozen=True)
class DateMention:
    """A date phrase: span, ISO value (None when no year can be known), precision, and how."""

    start: int
    end: int
    text: str
    value: str | None
    precision: str | None  # day, month, year
    how: str
    #: "MM-DD" of a day whose year cannot be told ("December 26 of last year" against a lower bound, "April 8"
    #: without a published date): not a date, but a day that differs from another month and day
    month_day: str | None = None


def _split(published: str | None) -> tuple[int | None, int | None, int | None]:
    if not published:
        return None, None, None
    parts = [int(p) for p in published.split("-")]
    return tuple(parts + [None] * (3 - len(parts)))  # type: ignore[return-value]


def _month_number(name: str) -> int:
    return _MONTHS.index(next(m for m in _MONTHS if m.startswith(name.lower().rstrip(".")[:3]))) + 1


def _iso(year: int, month: int | None, day: int | None) -> str | None:
    """ISO text of a (partial) date; None when the date does not exist."""
    try:
        if day is not None:
            # dateutil validates the calendar (no 30 February, no 31 April).
            d = dateutil_parser.parse(f"{year:04d}-{month:02d}-{day:02d}")
            return d.date().isoformat()
        if month is not None:
            dt.date(year, month, 1)
            return f"{year:04d}-{month:02d}"
        return f"{year:04d}"
    except (ValueError, OverflowError):
        return None


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _last_weekday(word: str, published: str | None) -> tuple[str | None, str, str]:
    """"last Thursday" read against a published day: the latest such day before it, and not in its own week.

    Said on Friday 3 January, "last Thursday" is 26 December (the Thursday of the week before); said on a
    Monday, the Thursday four days before. Without a published day the day cannot be known.
    """
    if not published or len(published) < 10:
        return None, "day", f"'last {word}' needs a published day; the document has {published or 'none'}"
    day = dt.date.fromisoformat(published)
    back = (day.weekday() - _WEEKDAYS.index(word)) % 7 or 7
    if back <= day.weekday():  # still in the published day's week (weeks start on Monday): the week before
        back += 7
    return (day - dt.timedelta(days=back)).isoformat(), "day", f"'last {word}' counted back from {published}"


def _near_day(word: str, published: str | None) -> tuple[str | None, str, str]:
    """A weekday, "yesterday", "today" or "last night/evening" read against a published day: (value, precision, how).

    A weekday is the latest such day on or before the published date. Without
    a published day (``2014``, ``2014-05`` or none) the day cannot be known.
    """
    if not published or len(published) < 10:
        return None, "day", f"'{word}' needs a published day; the document has {published or 'none'}"
    day = dt.date.fromisoformat(published)
    if word in ("yesterday", "today") or word.startswith("last"):
        back = 0 if word == "today" else 1  # "last night": the night before the report's day, as "yesterday"
    else:
        back = (day.weekday() - _WEEKDAYS.index(word)) % 7
    return (day - dt.timedelta(days=back)).isoformat(), "day", f"'{word}' counted back from {published}"


def _month_back(word: str, published: str | None) -> tuple[str | None, str, str]:
    """"last month" / "this month" read against a published date with a month: (value, precision, how)."""
    py, pm, _ = _split(published)
    if py is None or pm is None:
        return None, "month", f"'{word} month' needs a published month; the document has {published or 'none'}"
    back = 1 if word.lower().startswith(("last", "the")) else 0
    y, m = (py, pm - back) if pm - back >= 1 else (py - 1, 12)
    return f"{y:04d}-{m:02d}", "month", f"'{word} month' read against the published date {published}"


def resolve_year(month: int | None, day: int | None, published: str | None) -> tuple[int | None, str]:
    """The year of a month/day said without one, from the published date; and how it was chosen."""
    py, pm, pd = _split(published)
    if py is None:
        return None, "no year in the text and the document has no published date"
    if month is not None and pm is not None and (month > pm or (month == pm and pd is not None
                                                                 and day is not None and day > pd)):
        return py - 1, f"year before the published date {published} (the date falls after it)"
    return py, f"year of the published date {published}"


def find_dates(text: str, published: str | None = None, offset: int = 0,
               context_year: int | None = None, bound: bool = False) -> list[DateMention]:
    """Every date phrase in ``text`` with its resolved ISO value.

    Parameters
    ----------
    text : str
        A sentence or paragraph.
    published : str or None
        The document's published date (ISO 8601, may be partial) or None.
    offset : int
        Added to every span (the position of ``text`` in its document).
    context_year : int or None
        The year the document spoke of last, for "that July".
    bound : bool
        ``published`` is only a lower bound (the latest date the text names: the text was written on or
        after it, perhaps years later). Then what counts from the day of writing ("last year", "this month",
        "Thursday", "yesterday", "last March") cannot be told and keeps ``value`` None; dates with a month
        and day are still read against it.

    Returns
    -------
    list of DateMention
        Left to right. Phrases whose year cannot be known keep ``value`` None.
    """
    out = []
    py = _split(published)[0]
    for m in rescan.finditer(_PATTERN, text):  # = _PATTERN.finditer(text), faster
        g = m.groupdict()
        # "a February attack": the month is the date, its article is the noun's
        at = m.start("m4") if g["art"] else m.start()
        span = (offset + at, offset + m.end(), m.group(0)[at - m.start():])
        if bound and published and _counts_from_writing(g):
            precision = "week" if g["relw"] else "day" if (g["wday"] or g["yday"] or g["d1"] or g["d2"]) \
                else "month" if (g["relm"] or g["m4"]) else "year"
            md = _month_day(g)
            out.append(DateMention(*span, None, precision, f"{m.group(0)!r} counts from the day of writing; the "
                                   f"document's date {published} is only a lower bound", md))
            continue
        if g["relm"]:
            out.append(DateMention(*span, *_month_back(g["relm"], published)))
            continue
        if g["relw"]:
            back = _years_or_months_ago(g["relw"], published)
            if back is not None:
                out.append(DateMention(*span, *back))
                continue
            # a week or days back: no day can be told, but the event is not the report's day either
            out.append(DateMention(*span, None, "week", f"'{g['relw']}': no day can be told"))
            continue
        if g["lastw"]:
            out.append(DateMention(*span, *_last_weekday(g["wday"].lower(), published)))
            continue
        if g["wday"] or g["yday"]:
            out.append(DateMention(*span, *_near_day(" ".join((g["wday"] or g["yday"]).lower().split()), published)))
            continue
        rel = " ".join((g["ra"] or g["rb"] or g["rc"] or "").lower().split())
        mon_name = g["m1"] or g["m2"] or g["m3"] or g["m4"]
        if mon_name and mon_name.lower() == "may" and not (g["d1"] or g["d2"] or g["y3"] or g["that"] or g["art"]):
            continue  # "may" alone is the verb far more often than the month
        if mon_name and mon_name.lower().rstrip(".") in ("mar", "jan", "jun", "jul", "aug", "oct", "dec") \
                and not mon_name.endswith(".") and mon_name[0].islower():
            continue  # lower-case "mar" (verb) is no month
        month = _month_number(mon_name) if mon_name else None
        day_text = g["d1"] or g["d2"]
        day = int(re.sub(r"\D", "", day_text)) if day_text else None
        year_text = g["y1"] or g["y2"] or g["y3"] or g["y5"]
        if g["rel5"]:
            rel = " ".join(g["rel5"].lower().split())
        if year_text:
            year, how = int(year_text), "year in the text"
        elif rel in ("last", "the previous"):
            year, how = (py - 1, f"'last year' read against the published date {published}") if py else \
                (None, "'last year' but the document has no published date")
        elif rel in ("this", "the same") and not g["that"]:
            year, how = (py, f"'this year' read against the published date {published}") if py else \
                (None, "'this year' but the document has no published date")
        elif rel == "next":
            year, how = (py + 1, f"'next year' read against the published date {published}") if py else \
                (None, "'next year' but the document has no published date")
        elif g["that"] and g["that"].lower() == "that" and context_year is not None:
            year, how = context_year, "year the text spoke of before ('that …')"
        elif g["that"] and g["that"].lower() == "last" and month is not None:
            pm = _split(published)[1]
            if py is None:
                year, how = None, f"'last {mon_name}' but the document has no published date"
            else:
                year = py if pm is not None and month < pm else py - 1
                how = f"'last {mon_name}' read against the published date {published}"
        else:
            year, how = resolve_year(month, day, published)
        if g["rel5"]:
            value, precision = (_iso(year, None, None) if year else None), "year"
        elif year is None:
            value, precision = None, ("day" if day else "month" if month else "year")
        else:
            value = _iso(year, month, day)
            precision = "day" if day else "month" if month else "year"
            if value is None:
                how = "not a calendar date"
        out.append(DateMention(*span, value, precision, how, _month_day(g) if value is None else None))
    return _weekday_and_date(text, out, offset, published)


_AGO_RX = re.compile(r"(\w+)\s+(years?|months?|decades?)\s+ago", re.I)


def _years_or_months_ago(phrase: str, published: str | None) -> tuple[str, str, str] | None:
    """"eight years ago" in a text of 2011-04-29 → ("2003", "year", how); "two months ago" → the month; None for a
    vague count ("several years ago"), days or weeks, or without a published date."""
    m = _AGO_RX.fullmatch(" ".join(phrase.split()))
    if m is None or not published or len(published) < 7:
        return None
    n, unit = count_word(m.group(1)), m.group(2).lower()
    if not n:
        return None
    how = f"{phrase!r} counted back from {published}"
    year, month = int(published[:4]), int(published[5:7])
    if unit.startswith("decade"):
        return str(year - 10 * n), "year", how
    if unit.startswith("year"):
        return str(year - n), "year", how
    k = year * 12 + month - 1 - n
    return f"{k // 12:04d}-{k % 12 + 1:02d}", "month", how


def _month_day(g: dict) -> str | None:
    """"MM-DD" of a matched phrase that names a month and a day ("December 26 of last year"), else None."""
    mon, day = g["m1"] or g["m2"], g["d1"] or g["d2"]
    if not (mon and day):
        return None
    return f"{_month_number(mon):02d}-{int(re.sub(r'[^0-9]', '', day)):02d}"


def _counts_from_writing(g: dict) -> bool:
    """True when a matched date phrase counts from the day the text was written: "last year", "December 26 of
    last year", "this month", "last March", "Thursday", "yesterday" (not "April 8", "that July", "2013")."""
    that = (g["that"] or "").lower()
    return bool(g["ra"] or g["rb"] or g["rc"] or g["rel5"] or g["relm"] or g["lastw"] or g["wday"] or g["yday"]
                or that in ("last", "this") or (g["relw"] and "ago" in g["relw"].lower()))


def _weekday_and_date(text: str, dates: list[DateMention], offset: int,
                      published: str | None = None) -> list[DateMention]:
    """"Friday, May 17, 2013": a weekday followed by the full date it names is that date, one phrase.

    When the weekday is not that date's but is the same day's of the published year, a year off by one
    ("Friday July 22, 2010" in a report of 23 July 2011, a caption's typo), the published year is the date's.
    """
    out: list[DateMention] = []
    for d in dates:
        last = out[-1] if out else None
        if last is not None and d.precision == "day" and d.value is not None and last.precision == "day" \
                and last.text.lower() in _WEEKDAYS and re.fullmatch(r",?\s*", text[last.end - offset:d.start - offset]):
            value, how = d.value, d.how
            wanted = _WEEKDAYS.index(last.text.lower())
            if published and len(value) == 10 and dt.date.fromisoformat(value).weekday() != wanted:
                year = int(published[:4])
                try:
                    fixed = dt.date.fromisoformat(value).replace(year=year)
                except ValueError:
                    fixed = None
                if fixed is not None and abs(year - int(value[:4])) == 1 and fixed.weekday() == wanted:
                    value, how = fixed.isoformat(), f"{how}; the weekday is of {year}, not of {value[:4]}"
            out[-1] = DateMention(last.start, d.end, text[last.start - offset:d.end - offset], value, d.precision,
                                  how)
            continue
        out.append(d)
    return out


def year_of(value: str | None) -> int | None:
    """The year of an ISO (partial) date, or None."""
    return int(value[:4]) if value else None


def compatible(a: str | None, b: str | None) -> bool:
    """True when two ISO (partial) dates can name the same day: one is a prefix of the other.

    ``2013`` and ``2013-09-01`` are compatible; ``2013-09`` and ``2013-12-26``
    are not. An unknown date (None) is compatible with nothing here: callers
    decide what to do with undated reports.
    """
    if a is None or b is None:
        return False
    return a.startswith(b) or b.startswith(a)
