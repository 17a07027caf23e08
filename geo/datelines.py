"""A document's publication date read from its own text.

Used when neither ``data/documents.csv`` nor the file's metadata give a date
(see ``docs/documents.md``). In order of trust:

1. a "Published"/"Posted" line at the top ("Published: 3 May 2013 10:42 GMT");
2. an agency dateline at the start of a paragraph near the top
   ("CAIRO, May 3 (Reuters) -", "Kabul, Sept. 1 (Reuters) -",
   "KABUL, Oct 31 (IANS)", "NAIROBI, Kenya, June 5, 2012 (AFP) -");
3. a date line at the top: a paragraph that starts with a full date
   ("June 5, 2012 Security forces stormed …", "Monday 3 May 2013") or a short
   line that is mostly a date ("By J. Doe | 3 May 2013 | 10:42 GMT");
4. an "Updated" line (a later bound of the publication date);

all with ``source="dateline"``; else

5. the latest explicit date in the whole text (``source="text"``): the text
   was written on or after it, so it is a lower bound with less confidence.

A dateline without a year ("Oct 31") takes the year that puts it closest to
the latest dated mention in the text; with no dated mention the date stays
unknown and the note says so (no year is invented). A place-and-agency
dateline without a date ("KABUL (AP) --") gives a date only when one follows
it directly or stands in a date line nearby (rule 3).

Regular expressions find *where* a date is and which parts it gives (which
no date library reports); ``dateutil`` turns the words into a calendar date
and rejects impossible ones. Everything is linear in the text: the header
rules look at the first lines only, and rule 5 is one regex pass.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .settings import DATELINE_HEADER_CHARS, DATELINE_HEADER_LINES

# Capitalised month names only: in news text "may"/"march" in lower case are verbs.
_MON = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
        r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?"
        r"|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEPT?(?:EMBER)?"
        r"|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19\d\d|20\d\d)"
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"

# A date written with month name (day optional only when the year is there), or ISO.
_DATE = rf"""(?:
    (?P<m1>{_MON})(?:\s+|(?<=\.))(?P<d1>{_DAY})(?:(?:\s*,\s*|\s+)(?P<y1>{_YEAR}))?(?![\d:])
  | (?:the\s+)?(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MON})(?:(?:\s*,\s*|\s+)(?P<y2>{_YEAR}))?(?![\d:])
  | (?P<m3>{_MON})\s*,?\s+(?P<y3>{_YEAR})
  | (?P<y4>{_YEAR})-(?P<mo4>0[1-9]|1[0-2])-(?P<d4>0[1-9]|[12]\d|3[01])
  | (?P<d5>{_DAY})-(?P<m5>{_MON})-(?P<y5>{_YEAR})
)"""
_DATE_RE = re.compile(rf"(?x)(?<![\w-]){_DATE}(?![\w])")

_SEP = r"(?:-{1,3}|—|–|:)"
_PLACE_WORD = r"[^\W\d_][\w'’.\-]*"
_PLACE = rf"{_PLACE_WORD}(?:[ ]{_PLACE_WORD}){{0,3}}"
_DATELINE_RE = re.compile(
    rf"""(?x)
    (?P<place>{_PLACE}(?:\s*,\s*{_PLACE}){{0,2}}?)
    (?:\s*,?\s+(?P<date>{_DATE}))?
    \s*(?:(?:\((?P<agency>[^()\n]{{2,40}})\)|/(?P<agency2>[^/\n]{{2,30}})/)(?:\s*(?P<sep>{_SEP}))?
          |(?P<sep2>{_SEP}))
    """
)
#: Words that start a sentence, not a dateline's place ("On Friday, May 3 -").
_NOT_PLACE = {
    "on", "in", "at", "by", "the", "a", "an", "since", "last", "this", "from", "until", "before", "after", "during",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "published", "posted",
    "updated", "date", "dated", "by", "as", "but", "and", "it", "he", "she", "they", "we", "when", "while",
}
_PUBLISHED_RE = re.compile(
    r"(?i)(?:^|[|•·—–]\s*)(?P<kind>(?:first\s+)?published|posted|publication\s+date|dated?|"
    r"(?:last\s+)?(?:updated|modified))\b(?:\s+(?:on|at))?\s*:?\s*")
#: How far after "Published" its date may start (a weekday or a time may come first).
_PUBLISHED_GAP = 40
#: Longest line taken for a date line (rule 3, a date not at the start).
_DATE_LINE_MAX_CHARS = 80
_TIME_OR_NOISE = re.compile(
    rf"(?ix)\b{_WEEKDAY}|\d{{1,2}}[:.]\d\d(?:\s*[ap]\.?m\.?)?|\b[ap]\.?m\.?\b|\b(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT|ET)\b"
    r"|\bby\b|[|•·,/()\-–—:]")


@dataclass(frozen=True)
class TextDate:
    """A publication date found in a document's text.

    ``value`` is ISO 8601 (``YYYY-MM-DD`` or ``YYYY-MM``); ``start``/``end``
    are the offsets of the words it was read from; ``note`` says which rule
    and, for a dateline without a year, where the year came from.
    """

    value: str | None  # None: a dateline without a year, and no year in the text
    source: str  # "dateline", "text", or "none" (value None)
    precision: str | None  # day or month
    start: int
    end: int
    note: str


#: Month by the first three letters of its name (all _MON spellings start with them). A table, not
#: dateutil: dateutil's parser costs about 0.25 ms a date, and a long text has thousands of dates.
_MONTH_NUMBER = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                             "nov", "dec"), start=1)}


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    text: str
    year: int | None
    month: int
    day: int | None


def _parse(m: re.Match, offset: int = 0) -> _Found | None:
    """The parts of a ``_DATE`` match; None when it is no calendar date."""
    g = m.groupdict()
    text = m.group(0)
    if g.get("y4"):
        year, month, day = int(g["y4"]), int(g["mo4"]), int(g["d4"])
        try:
            dt.date(year, month, day)
        except ValueError:
            return None
        return _Found(offset + m.start(), offset + m.end(), text, year, month, day)
    mon = g.get("m1") or g.get("m2") or g.get("m3") or g.get("m5")
    day_text = g.get("d1") or g.get("d2") or g.get("d5")
    year_text = g.get("y1") or g.get("y2") or g.get("y3") or g.get("y5")
    month = _MONTH_NUMBER[mon[:3].lower()]
    day = int(day_text.rstrip("stndrh")) if day_text else None
    try:  # the calendar says whether the day exists (a leap year when the year is not written)
        dt.date(int(year_text) if year_text else 2000, month, day or 1)
    except ValueError:
        return None
    return _Found(offset + m.start(), offset + m.end(), text, int(year_text) if year_text else None, month, day)


#: A year (19xx, 20xx): every date explicit_dates keeps has one, and this literal-led pattern is
#: searched about 20 times faster than _DATE_RE, so _DATE_RE only runs around years.
_YEAR_TOKEN = re.compile(r"(?:19|20)\d\d")
#: How far before its year a date may start ("the 26th of September, 2013"), and after ("2013-05-03").
_BEFORE_YEAR, _AFTER_YEAR = 40, 6


def explicit_dates(text: str) -> list[_Found]:
    """Every date in ``text`` that names its year, left to right (linear: one pass, windows around years)."""
    out: list[_Found] = []
    done = 0  # text before this offset is read
    for y in _YEAR_TOKEN.finditer(text):
        a, b = y.span()
        if b <= done or (a and text[a - 1].isdigit()) or text[b:b + 1].isdigit():
            continue
        # the lookbehind still sees the real text before the window; the end is checked below
        for m in _DATE_RE.finditer(text, max(a - _BEFORE_YEAR, done), min(len(text), b + _AFTER_YEAR)):
            if m.end() < b or m.start() > a:
                continue  # a date in the window that does not hold this year
            if text[m.end():m.end() + 1].isalnum() or text[m.end():m.end() + 1] == "_":
                continue  # cut by the window's end
            found = _parse(m)
            if found is not None and found.year is not None:
                out.append(found)
                done = m.end()
            break
    return out


class _Lazy:
    """The text's explicit dates, found on first use: most texts are dated by their first lines."""

    def __init__(self, text: str):
        self.text, self._all = text, None

    @property
    def all(self) -> list[_Found]:
        if self._all is None:
            self._all = explicit_dates(self.text)
        return self._all


def _iso(f: _Found) -> tuple[str, str]:
    if f.day is None:
        return f"{f.year:04d}-{f.month:02d}", "month"
    return f"{f.year:04d}-{f.month:02d}-{f.day:02d}", "day"


def _key(f: _Found) -> dt.date:
    return dt.date(f.year, f.month, f.day or 1)


def _with_year(found: _Found, dated: list[_Found], known: _Found | None = None) -> tuple[_Found | None, str]:
    """A year for a month/day written without one: closest to ``known`` (the year or month the document's
    metadata gives), else to the latest dated mention in the text."""
    if known is not None:
        others, what = [known], "the metadata's date"
    else:
        others, what = [d for d in dated.all if not (d.start == found.start and d.end == found.end)], \
            "the latest dated mention"
    if not others:
        return None, "no year in the dateline and no dated mention in the text to take one from"
    latest = max(others, key=lambda d: (_key(d), d.start))
    best = None
    # a year alone (the metadata's "2015") is the year; a month or a day: the year that puts the date closest to it
    years = (latest.year,) if known is not None and len(known.text) == 4 else \
        (latest.year - 1, latest.year, latest.year + 1)
    for year in years:
        try:
            day = dt.date(year, found.month, found.day or 1)
        except ValueError:  # 29 February in a common year
            continue
        distance = abs((day - _key(latest)).days)
        if best is None or distance < best[0]:
            best = (distance, year)
    if best is None:
        return None, "no year makes the dateline a calendar date"
    year = best[1]
    return (_Found(found.start, found.end, found.text, year, found.month, found.day),
            f"year {year} from {what} {latest.text!r}")


def _header_lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of the first non-empty lines, within the first characters of the text."""
    out, pos = [], 0
    head = text[:DATELINE_HEADER_CHARS]
    for line in head.split("\n"):
        if line.strip():
            out.append((pos, line))
            if len(out) >= DATELINE_HEADER_LINES:
                break
        pos += len(line) + 1
    return out


def _published_line(lines, kinds_updated: bool) -> tuple[_Found, str] | None:
    for pos, line in lines:
        for m in _PUBLISHED_RE.finditer(line):
            updated = bool(re.search(r"(?i)updated|modified", m.group("kind")))
            if updated != kinds_updated:
                continue
            d = _DATE_RE.search(line, m.end(), m.end() + _PUBLISHED_GAP + 40)
            if d is None or d.start() - m.end() > _PUBLISHED_GAP:
                continue
            found = _parse(d, pos)
            if found is not None:
                return found, f"{' '.join(m.group('kind').split()).lower()!r} line"
    return None


def _is_dateline(m: re.Match) -> bool:
    place, agency = m.group("place"), m.group("agency") or m.group("agency2")
    sep = m.group("sep") or m.group("sep2")
    first = re.split(r"[\s,]", place, maxsplit=1)[0]
    if not first[:1].isupper() or first.lower().rstrip(".") in _NOT_PLACE or re.fullmatch(_MON, first):
        return False
    if agency:
        return True
    if sep is None or sep == ":":
        return False
    # Without an agency: a date then a dash ("Kabul, Sept. 1 -"), or an upper-case place and a dash.
    return m.group("date") is not None or (first.isupper() and len(first) > 1)


def _dateline(text: str, lines, dated, known: _Found | None = None) -> tuple[_Found | None, str, int, int] | None:
    """The first dateline among the header lines: (date or None, note, start, end)."""
    for pos, line in lines:
        stripped = line.lstrip()
        lead = pos + len(line) - len(stripped)
        m = _DATELINE_RE.match(stripped)
        if m is None or not _is_dateline(m):
            continue
        start, end = lead + m.start(), lead + m.end()
        words = " ".join(m.group(0).split())
        if m.group("date"):
            d = _DATE_RE.match(stripped, m.start("date"))
            found = _parse(d, lead) if d else None
            if found is None:
                continue
            if found.year is None:
                found, how = _with_year(found, dated, known)
                return found, f"dateline {words!r}; {how}", start, end
            return found, f"dateline {words!r}", start, end
        # "KABUL (AP) -- Oct. 31, 2012 -": the date right after the dateline
        d = _DATE_RE.match(stripped, m.end() + len(stripped[m.end():]) - len(stripped[m.end():].lstrip()))
        found = _parse(d, lead) if d else None
        if found is not None and found.year is not None:
            return found, f"dateline {words!r} and the date after it", start, found.end
        return None, f"dateline {words!r} without a date", start, end
    return None


def _date_line(lines) -> tuple[_Found, str] | None:
    """A paragraph that starts with a full date, or a short line that is mostly one."""
    for pos, line in lines:
        stripped = line.strip()
        lead = pos + len(line) - len(line.lstrip())
        if any(re.search(r"(?i)updated|modified", k.group("kind")) for k in _PUBLISHED_RE.finditer(stripped)):
            continue  # an "Updated" line is rule 4
        # optional weekday first: "Monday, 3 May 2013"
        w = re.match(rf"{_WEEKDAY}\s*,?\s*", stripped)
        at = w.end() if w else 0
        d = _DATE_RE.match(stripped, at)
        if d is not None:
            rest = stripped[d.end():]
            found = _parse(d, lead)
            # the date ends the line, or a separator/time/capitalised word follows it
            if found is not None and found.year is not None and (
                    not rest.strip() or re.match(r"\s*(?:[|•·,\-–—:(]|\d{1,2}[:.]\d\d|[A-Z])", rest)):
                return found, "date at the start of a paragraph at the top"
        if len(stripped) <= _DATE_LINE_MAX_CHARS:
            for d in _DATE_RE.finditer(stripped):
                found = _parse(d, lead)
                if found is None or found.year is None:
                    continue
                leftover = _TIME_OR_NOISE.sub(" ", stripped[:d.start()] + " " + stripped[d.end():])
                # a byline's name may stay (at most four capitalised words); a sentence may not
                words = leftover.split()
                if len(words) <= 4 and all(w[:1].isupper() for w in words):
                    return found, "date line at the top"
    return None


def document_date(text: str, known: str | None = None, *, header_only: bool = False) -> TextDate | None:
    """The publication date a document's text gives, or None.

    Parameters
    ----------
    text : str
        The document's whole text.
    known : str or None
        A year or month the document's metadata already gives ("2015", "2015-10"): the year of a
        dateline written without one ("KABUL, Oct 31 (IANS)") is taken from it, before the text's dates.
    header_only : bool
        Only the lines at the top (rules 1–4): no scan of the whole text for its latest date (None instead).

    Returns
    -------
    TextDate or None
        The date, its source (``dateline`` for rules 1–4 of the module
        docstring, ``text`` for the latest explicit date), precision, the
        offsets of the words it was read from, and a note. None when the text
        gives no date. A dateline whose year cannot be known gives a
        TextDate with ``value`` None, ``source`` "none" and a note saying so.
    """
    lines = _header_lines(text)
    dated = _Lazy(text)
    pending_note = None
    published = _published_line(lines, kinds_updated=False)
    if published:
        return _result(published[0], "dateline", published[1])
    hint = None
    if known and len(known) in (4, 7):
        hint = _Found(0, 0, known, int(known[:4]), int(known[5:7]) if len(known) == 7 else 1, None)
    found_dateline = _dateline(text, lines, dated, hint)
    if found_dateline is not None:
        found, note, start, end = found_dateline
        if found is not None:
            value, precision = _iso(found)
            return TextDate(value, "dateline", precision, start, max(end, found.end), note)
        pending_note = note
    for rule in (_date_line(lines), _published_line(lines, kinds_updated=True)):
        if rule:
            note = rule[1] + (f" (after {pending_note})" if pending_note else "")
            return _result(rule[0], "dateline", note)
    if header_only:
        return None
    if dated.all:
        full = [d for d in dated.all if d.day is not None] or dated.all
        latest = max(full, key=lambda d: (_key(d), d.start))
        note = f"latest date in the text, {latest.text!r}: published on or after it"
        if pending_note:
            note += f" ({pending_note})"
        return _result(latest, "text", note)
    if pending_note:
        return TextDate(None, "none", None, found_dateline[2], found_dateline[3], pending_note)
    return None


def _result(found: _Found, source: str, note: str) -> TextDate:
    value, precision = _iso(found)
    return TextDate(value, source, precision, found.start, found.end, note)
