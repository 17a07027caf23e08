"""Stage 3 — incidents: attacks and relocations, extracted and curated, joined to places.

``build_incidents`` reads the curated records (``data/incidents.csv``,
``data/relocations.csv``), takes the candidates the per-document stage
extracted sentence by sentence (:mod:`geo.extract`), keeps those at or above ``min_confidence`` and merges
the accounts of one event: same family of type, compatible dates (one a
prefix of the other: ``2013`` and ``2013-09-01``), the same place or a place
inside the other's country. Curated records win over extracted accounts they
match; the extracted quotes are added to their sources. Each source keeps the
figures it gave; an incident's ``killed``/``injured`` is the highest exact
figure reported and ``killed_range``/``injured_range`` keep the spread (or the
bounds of vague figures such as "dozens").

Documentation: docs/incidents.md.
"""
from __future__ import annotations

import bisect
import csv
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import datetime as dt

from .dates import compatible
from .documents import date_precision, parse_partial_date
from .csvfile import count as csv_count, open_csv, require_columns, rows as csv_rows
from .errors import InputError
from .extract import (ARRIVAL_DAYS, ARRIVAL_RX, PREVIOUS_REASON, SAFETY_REASON, SEPARATE_REASON, FAMILY, NEAR_KM,
                      SAME_SCENE_KM, STATEMENT_DAYS, Candidate, Claim, distance_km, rank, same_scene, within_statement)
from .gazetteer import Gazetteer, fold
from .models import Document, Incident, Mention, Place, Relocation, Skip, Source
from .quantities import Quantity, worded
from .settings import MAX_COUNT

INCIDENT_COLUMNS = ("incident_id", "type", "date", "date_precision", "place", "killed", "injured", "summary",
                    "document", "quote", "citation")
RELOCATION_COLUMNS = ("relocation_id", "date", "date_end", "date_precision", "from_place", "to_place", "people",
                      "summary", "document", "quote", "citation")


# --- curated records ------------------------------------------------------------------------------------------------
@dataclass
class _Group:
    """Accounts of one event being merged: figures as Quantities, sources in order."""

    kind: str
    type: str
    date: str | None
    place: Place | None = None
    to_place: Place | None = None
    date_end: str | None = None
    curated: dict | None = None
    confidence: float = 0.0
    sources: list[Source] = field(default_factory=list)
    figures: dict[str, list[Quantity]] = field(default_factory=dict)
    types: list[str] = field(default_factory=list)
    actors: list[tuple[str | None, str | None]] = field(default_factory=list)
    place_note: str | None = None
    order: int = 0  # creation order: the first matching group wins, whatever the index returns
    date_weak: bool = False  # the date is only when a statement was made ("said Thursday")
    #: per document, whether its accounts here tell "a previous attack" (True) or the reported one
    told_as: dict[str, bool] = field(default_factory=dict)
    #: the days its relocation accounts tell an arrival on ("arrived in Y on Tuesday"; see :func:`_left_then_arrived`)
    arrival_days: set[str] = field(default_factory=set)
    #: per document, its sources' (start, index) in order and the longest span: sources[:spans_of] are in it
    spans: dict[str, tuple[list[tuple[int, int]], list[int]]] = field(default_factory=dict, repr=False, compare=False)
    spans_of: int = field(default=0, repr=False, compare=False)
    #: what consolidation derived from the sources, with the number of sources it was derived from
    memo: dict = field(default_factory=dict, repr=False, compare=False)


def count_cell(value: str, column: str, path: Path, line: int) -> int | None:
    """A curated count cell (killed, injured, people): None when empty, else a bounded whole number."""
    return csv_count(value, column, path, line, MAX_COUNT)  # bounded: 10^400 killed is a typo, not a figure


def date_cell(value: str, column: str, path: Path, line: int) -> str | None:
    """A curated date cell: None when empty, else a valid ISO 8601 (partial) date."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        return parse_partial_date(value)
    except ValueError as e:
        raise InputError(path, f"{column}: {e}", line=line) from None


def _csv_date(row: dict, column: str, path: Path, line: int) -> str | None:
    return date_cell(row.get(column), column, path, line)


def _place(name: str, column: str, gaz: Gazetteer, path: Path, line: int) -> Place:
    name = (name or "").strip()
    if not name:
        raise InputError(path, f"{column} is empty", line=line)
    found = gaz.lookup(name)
    if not found and name in gaz.places:  # a place id: written by geo review when the name is ambiguous
        return gaz.places[name]
    if not found:
        raise InputError(path, f"{column} {name!r} is not a place the gazetteer knows (by name, alias or id)",
                         line=line)
    return found[0]


def _sources(row: dict, docs: dict[str, Document], path: Path, line: int, **figs) -> list[Source]:
    """The row's provenance: a verbatim quote of a document (with offsets), an external citation, or both.

    A citation beside a quote is kept as a second source (it may support what the
    quote leaves open, such as exact dates). Empty when the row's document was not
    read and it has no citation.
    """
    doc_id, citation = (row.get("document") or "").strip(), (row.get("citation") or "").strip()
    quote = row.get("quote") or ""  # verbatim: not stripped
    if quote.strip() and not doc_id:
        raise InputError(path, "quote given without a document", line=line)
    if doc_id and not quote.strip():
        raise InputError(path, f"document {doc_id!r} given without a quote", line=line)
    if not doc_id and not citation:
        raise InputError(path, "each row needs document and quote, or a citation", line=line)
    sources = []
    doc = docs.get(doc_id) if doc_id else None
    if doc is not None:
        start = doc.text.find(quote)
        if start < 0:
            raise InputError(path, f"quote not found verbatim in document {doc_id!r}: {quote[:60]!r}", line=line)
        sources.append(Source(doc_id, quote, start, start + len(quote), **figs))
    if citation:
        sources.append(Source("citation", citation, **figs))
    return sources


def _rows(path: Path, columns: tuple[str, ...], id_column: str):
    """Rows of a curated CSV with their line numbers; checks columns, field counts and duplicate ids."""
    with open_csv(path) as f:
        reader = csv.DictReader(f)
        require_columns(path, reader, columns, expected=columns)
        seen: set[str] = set()
        for row in csv_rows(path, reader):
            line = reader.line_num
            if None in row or any(v is None for v in row.values()):
                raise InputError(path, f"row does not have the {len(reader.fieldnames)} columns of the header",
                                 line=line)
            rid = row[id_column].strip()
            if not rid:
                raise InputError(path, f"empty {id_column}", line=line)
            if rid in seen:
                raise InputError(path, f"duplicate {id_column} {rid!r}", line=line)
            seen.add(rid)
            yield line, rid, row


def _precision(row: dict, date: str | None, path: Path, line: int) -> str | None:
    given = (row.get("date_precision") or "").strip() or None
    if date is None:
        if given:
            raise InputError(path, "date_precision given without a date", line=line)
        return None
    derived = date_precision(date)
    if given and given != derived:
        raise InputError(path, f"date_precision {given!r} does not match date {date!r} ({derived})", line=line)
    return derived


def read_curated_incidents(path: Path, gaz: Gazetteer, docs: dict[str, Document]) -> tuple[list[_Group], list[Skip]]:
    """Read ``incidents.csv`` (columns: :data:`INCIDENT_COLUMNS`).

    Raises
    ------
    InputError
        Naming the file and line: missing column, duplicate or empty id, empty
        type, impossible date, unknown place, negative or non-numeric count, a
        quote not found verbatim in its document, no quote nor citation.
    """
    groups, skips = [], []
    for line, rid, row in _rows(path, INCIDENT_COLUMNS, "incident_id"):
        itype = row["type"].strip()
        if not itype:
            raise InputError(path, "empty type", line=line)
        date = _csv_date(row, "date", path, line)
        prec = _precision(row, date, path, line)
        place = _place(row["place"], "place", gaz, path, line)
        killed = count_cell(row["killed"], "killed", path, line)
        injured = count_cell(row["injured"], "injured", path, line)
        srcs = _sources(row, docs, path, line, killed=killed, injured=injured, date=date)
        if not srcs:
            skips.append(Skip("curated incident", f"{path}:{line}",
                              f"document {row['document'].strip()!r} is not among the documents read"))
            continue
        figs = {k: [Quantity(0, 0, str(v), v, v, v)] for k, v in (("killed", killed), ("injured", injured))
                if v is not None}
        g = _Group("incident", itype, date, place, figures=figs, curated={"id": rid, "killed": killed, "injured": injured,
                                                            "summary": row["summary"].strip(), "precision": prec},
                   confidence=1.0, sources=srcs, types=[itype])
        groups.append(g)
    return groups, skips


def read_curated_relocations(path: Path, gaz: Gazetteer, docs: dict[str, Document]) -> tuple[list[_Group], list[Skip]]:
    """Read ``relocations.csv`` (columns: :data:`RELOCATION_COLUMNS`); errors as for incidents."""
    groups, skips = [], []
    for line, rid, row in _rows(path, RELOCATION_COLUMNS, "relocation_id"):
        date = _csv_date(row, "date", path, line)
        date_end = _csv_date(row, "date_end", path, line)
        if date_end and not date:
            raise InputError(path, "date_end given without a date", line=line)
        if date and date_end and date_end < date[:len(date_end)]:
            raise InputError(path, f"date_end {date_end} is before date {date}", line=line)
        prec = _precision(row, date, path, line)
        origin = _place(row["from_place"], "from_place", gaz, path, line)
        dest = _place(row["to_place"], "to_place", gaz, path, line)
        if origin.place_id == dest.place_id:
            raise InputError(path, f"from_place and to_place are the same place ({origin.name})", line=line)
        people = count_cell(row["people"], "people", path, line)
        srcs = _sources(row, docs, path, line, people=people, date=date)
        if not srcs:
            skips.append(Skip("curated relocation", f"{path}:{line}",
                              f"document {row['document'].strip()!r} is not among the documents read"))
            continue
        groups.append(_Group("relocation", "relocation", date, origin, dest,
                             curated={"id": rid, "people": people, "summary": row["summary"].strip(),
                                      "precision": prec, "date_end": date_end},
                             confidence=1.0, sources=srcs))
    return groups, skips


# --- merging --------------------------------------------------------------------------------------------------------
def _same_place(a: Place | None, b: Place | None) -> bool:
    """Same place, a country/region that holds the other, two sites/cities within ``SAME_SCENE_KM``, or a region
    that holds a smaller region (:func:`_region_holds`)."""
    return same_scene(a, b) or _region_holds(a, b)


def _region_holds(a: Place | None, b: Place | None) -> bool:
    """True when one region holds the other: the same country, the other smaller, its centre within the larger
    one's radius ("Darfur" and "North Darfur" told by two reports of one attack)."""
    if a is None or b is None or a.kind != "region" or b.kind != "region" or a.place_id == b.place_id \
            or a.country_code is None or a.country_code != b.country_code:
        return False
    big, small = (a, b) if a.precision_km >= b.precision_km else (b, a)
    return small.precision_km < big.precision_km and distance_km(big, small) <= big.precision_km


#: Two towns this far apart (km) are two ends of moves, however close: "58 were evacuated from X", a town near the
#: city Y the convoy left, is another group than Y's (closer, two gazetteer entries may be one town).
OTHER_TOWN_KM = 5.0


def _same_end(a: Place | None, b: Place | None) -> bool:
    """Same end of a move: as :func:`_same_place`, except that two towns or cities named apart are two ends."""
    if a is not None and b is not None and a.kind == b.kind == "city" and a.place_id != b.place_id \
            and distance_km(a, b) > OTHER_TOWN_KM:
        return False
    return _same_place(a, b)


#: Reports this many days apart (both to the day) may tell one event: "on Monday" read in another
#: time zone, or the day a death toll was given rather than the day of the attack.
DATE_SLACK_DAYS = 1
#: An undated account joins an event at its scene when its document was published this many days after it
#: (news tells of recent events: "the attack", with no date, in a text of the next week).
UNDATED_WINDOW_DAYS = 31


@lru_cache(maxsize=4096)  # merging asks for the same few dates millions of times (dates_agree per pair compared)
def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value and len(value) == 10 else None


def dates_agree(a: str | None, b: str | None, slack: int = DATE_SLACK_DAYS) -> bool:
    """Compatible dates (one a prefix of the other), or two days at most ``slack`` days apart."""
    if compatible(a, b):
        return True
    da, db = _day(a), _day(b)
    return da is not None and db is not None and abs((da - db).days) <= slack


def _published_after(published: str | None, date: str | None, window: int = UNDATED_WINDOW_DAYS) -> bool:
    """True when a document of ``published`` can tell, undated, of an event on ``date``: shortly after it."""
    pub, day = _day(published), _day(date)
    if pub is None or day is None:
        return False
    return 0 <= (pub - day).days <= window


def _bounds(x: Quantity) -> tuple[float, float]:
    """What a figure allows: exact → itself; approximate → ±10 %; bounds as given."""
    if x.value is not None:
        slack = 0.1 * x.value if x.approximate else 0
        return x.value - slack, x.value + slack
    lo = x.low if x.low is not None else 0
    hi = x.high if x.high is not None else float("inf")
    return lo, hi


def _overlap(qs: list[Quantity], q: Quantity | None) -> bool:
    """True when ``q`` fits one of a group's figures; used to join undated accounts."""
    if q is None or (q.value is None and q.low is None and q.high is None):
        return False
    a = _bounds(q)
    return any(_bounds(x)[0] <= a[1] and a[0] <= _bounds(x)[1] for x in qs)


def _closed(q: Quantity | None) -> tuple[float, float] | None:
    """The span a figure states: a value (±5 %, ±10 % when approximate), or a closed range ("40-odd");
    None for an open-ended ("at least 7") or an unstated one, which would agree with almost any toll."""
    if q is None:
        return None
    if q.value is not None:
        slack = 0.1 if q.approximate else 0.05  # "about 50" ±10 %; an exact count ±5 % (a late death, a recount)
        return (1 - slack) * q.value, (1 + slack) * q.value
    if q.low is not None and q.high is not None:
        return q.low, q.high
    return None


def _points_agree(qs: list[Quantity], q: Quantity | None) -> bool:
    """True when ``q`` and one of a group's figures state overlapping spans (:func:`_closed`).

    Undated accounts have nothing else to tell them apart, so open-ended figures do not count.
    """
    a = _closed(q)
    if a is None:
        return False
    return any(b is not None and b[0] <= a[1] and a[0] <= b[1] for b in map(_closed, qs))


def _near_statement(g: _Group | Candidate, c: _Group | Candidate) -> bool:
    """Whether one side is dated only by a statement's day (``date_weak``) and the other's date lies in the days
    before it (:func:`within_statement`). Either side may be a group or an account."""
    return bool((c.date_weak and within_statement(c.date, g.date))
                or (g.date_weak and within_statement(g.date, c.date)))


def _dates_better(new: _Group | Candidate, old: _Group) -> bool:
    """Whether ``new``'s date should replace group ``old``'s: ``old`` has none, or only a statement's day where
    ``new`` tells the event's, or ``new``'s is as firm and more precise, or both are statements' (reports') days
    and ``new``'s is the earlier: the event came before the first report."""
    return bool(new.date) and (old.date is None or (old.date_weak and not new.date_weak)
                               or (old.date_weak == new.date_weak and len(new.date) > len(old.date))
                               or (old.date_weak and new.date_weak and len(new.date) == len(old.date) == 10
                                   and new.date < old.date))


def _dates_meet(g: _Group | Candidate, c: _Group | Candidate) -> bool:
    """Dates that may name one event: agreeing (:func:`dates_agree`) or one a statement's day just after the
    other (:func:`_near_statement`). Asked of an attack account and a group, and of two groups."""
    return dates_agree(g.date, c.date) or _near_statement(g, c)


def _matches(g: _Group, c: Candidate) -> bool:
    if g.kind != c.kind:
        return False
    if c.kind == "incident":
        if FAMILY.get(g.type, "attack") != FAMILY.get(c.type, "attack"):
            return False
        return _dates_meet(g, c) and (_same_place(g.place, c.place) or c.place is None)
    same_ends = _same_end(g.place, c.from_place) and _same_end(g.to_place, c.to_place)
    if not same_ends:
        return False
    # a move dated only by the day its report was published (or a statement made) happened on that day or in the
    # week before it: "another group of 30 has relocated" (report of Monday) is the 30 who arrived on Friday
    statement = not dates_agree(g.date, c.date) and _near_statement(g, c)
    if not (g.date is None or c.date is None or dates_agree(g.date, c.date) or statement
            or _left_then_arrived(g, c)):
        return False
    people = g.figures.get("people", [])
    if g.curated is None and g.date is not None and c.date is not None and max(len(g.date), len(c.date)) == 10 \
            and min(len(g.date), len(c.date)) < 10:
        # "In 2012 the exiles were moved from X to Y", no count, in a report of 2013: the year's moves told in
        # passing, which no one day's move at the same ends holds
        if (c.people is None) if len(c.date) < len(g.date) else not people:
            return False
    # a move undated or dated only by its year or month ("last year about 3,000 were moved", "a convoy of 400
    # arrived last week") whose count disagrees with a move at the same ends dated otherwise ("a convoy of 680 left
    # on Sunday") is another move, or all of them together; so is one dated only by a statement's day
    # (and so is one a day apart: "a second batch of 300 arrived on Saturday" after 500 on Friday)
    coarse = g.date is None or c.date is None or len(g.date) != len(c.date) or statement \
        or not compatible(g.date, c.date)
    return not (coarse and c.people is not None and _closed(c.people) is not None
                and any(_closed(q) is not None for q in people) and not _points_agree(people, c.people))


def _left_then_arrived(g: _Group, c: Candidate) -> bool:
    """One move told by its departure day in one report and its arrival day in another ("evacuated on May 1 …
    have arrived", "the convoy arrived on Tuesday"): both days told by the text, the later one at most ARRIVAL_DAYS
    after, told by an arrival, and no counts that disagree."""
    a, b = _day(g.date), _day(c.date)
    if a is None or b is None or g.date_weak or c.date_weak or not 0 < abs((a - b).days) <= ARRIVAL_DAYS:
        return False
    if not (g.date in g.arrival_days if a > b else ARRIVAL_RX.search(c.quote)):
        return False
    people = g.figures.get("people", [])
    return c.people is None or _closed(c.people) is None or not any(_closed(q) is not None for q in people) \
        or _points_agree(people, c.people)


def _claims(c: Candidate) -> list[Claim]:
    return c.claims or [Claim(c.start, c.end, c.quote, c.killed, c.injured, c.people, c.date)]


def _figures_agree(group: list[Quantity], told: list[Quantity | None]) -> bool:
    """True when one of an undated account's figures of a kind agrees with one of a group's (:func:`_points_agree`).

    A vague word ("several", "dozens") agrees only where no number does not: "six killed" against a group that
    "killed several" and "three" is another attack, though six is several; against "killed several" alone it may
    be the same."""
    told = [q for q in told if q is not None]
    numbers = [q for q in told if not worded(q) and _closed(q) is not None]
    known = [q for q in group if not worded(q) and _closed(q) is not None]
    if numbers and known:
        return any(_points_agree(known, q) for q in numbers)
    return any(_points_agree(group, q) for q in told)


def _matches_undated(g: _Group, c: Candidate, published: str | None) -> bool:
    """An undated attack joins a group at its scene whose figures agree, or that its document follows closely."""
    if not (g.kind == c.kind == "incident" and FAMILY.get(g.type, "attack") == FAMILY.get(c.type, "attack")
            and c.place is not None and g.place is not None and _same_place(g.place, c.place)):
        return False
    if c.month_day is not None and g.date is not None and len(g.date) == 10 and g.date[5:] != c.month_day:
        return False  # "on December 26 of last year" (its year unknown) is not an event of September 1
    figures_agree = any(_figures_agree(g.figures.get(k, []), [getattr(cl, k) for cl in _claims(c)])
                        for k in ("killed", "injured"))
    return figures_agree and g.place.place_id == c.place.place_id or _published_after(published, g.date)


_MORE_THAN_RX = re.compile(r"(?i)\s*(?:more\s+than|over)\s")


def _floor(q: Quantity) -> int | None:
    """The lower bound of a count as casualty datasets record it: "more than 100 dead" is 100, the number
    the source states (UCDP and ACLED code it so), not 101; other bounds and figures as given."""
    if q.value is None and q.high is None and q.low is not None and _MORE_THAN_RX.match(q.text):
        return q.low - 1
    return q.low if q.low is not None else q.value


def figure_of(q: Quantity | None) -> int | None:
    """The single figure a count gives: its value, or the lower bound of an open-ended one; else None."""
    if q is None:
        return None
    if q.value is not None:
        return q.value
    return _floor(q) if q.low is not None and q.high is None else None


def _told_in_passing(c: Candidate) -> bool:
    """An attack its document tells apart from the one it reports: background, "a previous attack", "elsewhere",
    "a similar incident": it never joins a group holding that document's other accounts, nor they its group."""
    return c.kind == "incident" and (c.background or PREVIOUS_REASON in c.reasons or SEPARATE_REASON in c.reasons)


def _told_alike(c: Candidate, hits: list[_Group]) -> list[_Group]:
    """The groups among ``hits`` that ``c``'s document tells the way it tells ``c`` (both in passing, or both as
    the reported event); groups its document has no account in yet stay."""
    passing = _told_in_passing(c)
    return [g for g in hits if g.told_as.get(c.document, passing) == passing]


def _overlapping(g: _Group, document: str, start: int, end: int) -> list[int]:
    """Indexes (in order) of the group's sources from ``document`` whose span overlaps [start, end).

    Looked up in the group's sources by document and start (:attr:`_Group.spans`), not by a scan of all of them:
    a group told by thousands of sentences of one long document stays cheap to add to."""
    for n in range(g.spans_of, len(g.sources)):  # sources added since the last lookup
        s = g.sources[n]
        if s.start is not None and s.end is not None:
            starts, longest = g.spans.setdefault(s.document, ([], [0]))
            bisect.insort(starts, (s.start, n))
            longest[0] = max(longest[0], s.end - s.start)
    g.spans_of = len(g.sources)
    starts, longest = g.spans.get(document, ((), (0,)))
    lo = bisect.bisect_right(starts, (start - longest[0], len(g.sources)))
    hi = bisect.bisect_left(starts, (end, -1))
    return sorted(n for s0, n in starts[lo:hi] if start < g.sources[n].end)


def _add(g: _Group, c: Candidate) -> None:
    """Add a document's account (every claim of it) to a group: one source per claim, with its figures."""
    g.told_as.setdefault(c.document, _told_in_passing(c))
    for cl in _claims(c):
        figs = {"killed": cl.killed, "injured": cl.injured, "people": cl.people}
        val = {k: figure_of(q) for k, q in figs.items()}
        # The same words quoted twice (a curated row citing the sentence extraction also found) are one source;
        # figures the first left empty are taken from the second.
        same = _overlapping(g, c.document, cl.start, cl.end)
        for n in same[:1]:
            s = g.sources[n]
            g.sources[n] = replace(s, killed=s.killed if s.killed is not None else val["killed"],
                                   injured=s.injured if s.injured is not None else val["injured"],
                                   people=s.people if s.people is not None else val["people"],
                                   date=s.date or cl.date, claimed_by=s.claimed_by or cl.claimed_by)
        if not same:
            if c.kind == "incident":
                g.sources.append(Source(c.document, cl.quote, cl.start, cl.end, killed=val["killed"],
                                        injured=val["injured"], date=cl.date, claimed_by=cl.claimed_by))
            else:
                g.sources.append(Source(c.document, cl.quote, cl.start, cl.end, people=val["people"], date=cl.date,
                                        claimed_by=cl.claimed_by))
        if c.kind == "relocation" and cl.date and ARRIVAL_RX.search(cl.quote):
            g.arrival_days.add(cl.date)
        for k, q in figs.items():
            if q is not None:
                g.figures.setdefault(k, []).append(q)
    g.types.append(c.type)
    g.actors.append((c.actor1, c.actor2))
    if g.place_note is None:
        g.place_note = c.place_note or None
    g.confidence = max(g.confidence, c.confidence)


def _group_of(c: Candidate) -> _Group:
    g = _Group(c.kind, c.type, c.date, c.place if c.kind == "incident" else c.from_place,
               c.to_place if c.kind == "relocation" else None, c.date_end)
    g.date_weak = c.date_weak
    _add(g, c)
    return g


#: Grid cell size (degrees) of the group index: places within SAME_SCENE_KM lie in neighbouring cells.
_CELL_DEG = max(0.5, SAME_SCENE_KM / 50.0)
#: Days a date may lie from another and still agree (``dates_agree``'s slack, a statement's window), plus one.
_DATE_REACH_DAYS = max(DATE_SLACK_DAYS, STATEMENT_DAYS) + 1


def _date_key(date: str | None) -> tuple:
    """The date bucket a group is filed under: its year (a year-only date), its month (a month or a day) or none."""
    if date is None:
        return ("none",)
    return ("y", date[:4]) if len(date) == 4 else ("m", date[:7])


def _span(date: str) -> tuple[dt.date, dt.date]:
    """The first and last day a (partial) ISO date covers."""
    y = int(date[:4])
    if len(date) == 4:
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    m = int(date[5:7])
    if len(date) == 7:
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        return dt.date(y, m, 1), nxt - dt.timedelta(days=1)
    day = dt.date.fromisoformat(date[:10])
    return day, day


def _date_keys_between(lo: dt.date, hi: dt.date) -> list[tuple]:
    """The buckets of every date that overlaps [lo, hi]: its years and months (at most 15 months for a year)."""
    keys = [("y", str(y)) for y in range(lo.year, hi.year + 1)]
    y, m = lo.year, lo.month
    while (y, m) <= (hi.year, hi.month):
        keys.append(("m", f"{y:04d}-{m:02d}"))
        y, m = y + (m == 12), m % 12 + 1
    return keys


@lru_cache(maxsize=4096)
def _date_keys_near(date: str | None) -> tuple[tuple, ...]:
    """The buckets of every date that can agree with ``date`` (prefix, a day's slack, a statement's week), and
    the undated bucket; only the undated bucket for an undated account."""
    if date is None:
        return (("none",),)
    try:
        first, last = _span(date)
        lo = first - dt.timedelta(days=_DATE_REACH_DAYS)
        hi = last + dt.timedelta(days=_DATE_REACH_DAYS)
    except (ValueError, OverflowError):  # an out-of-range date: only its own buckets
        return (("none",), _date_key(date), ("y", date[:4]))
    return (("none",), *_date_keys_between(lo, hi))


def _figure_buckets(span: tuple[float, float] | None) -> range:
    """Buckets (powers of two) a figure's closed span covers: two spans that overlap share one."""
    if span is None:
        return range(0)
    def bucket(x: float) -> int:
        return -1 if x < 1 else int(x).bit_length()
    return range(bucket(span[0]), bucket(span[1]) + 1)


class _GroupIndex:
    """Groups by where and when they are, so an account is compared only with groups it could join (merging stays
    linear in the corpus, however many events one place has).

    Keys: where — the place id; the country of coarse places (a country or region may hold a site); the grid
    cell of fine places (sites within SAME_SCENE_KM); every group by its country (for an account that names
    only the country); relocations so by their origin, within the country they were first filed under (and
    also regardless of date, for undated moves);
    each combined with when — the group's year (a year-only date), month (a month or a day) or "none". An
    account looks up its own places' keys with the buckets of every date that can agree with its own
    (:func:`_date_keys_near`): what :func:`_matches` could accept is always among them. Undated attacks
    (:meth:`near_undated`) look up groups at their place id whose figures overlap theirs (:meth:`file_figures`)
    and groups at their scene dated in the weeks before their report. Lookups return groups in creation order, so
    the first group that matches wins, as in a plain scan of all groups. ``compared`` counts the groups returned.
    """

    def __init__(self):
        self.keys: dict[tuple, dict[int, _Group]] = {}
        self.filed: dict[int, list[tuple]] = {}
        self.relocation_country: dict[int, str | None] = {}
        self.compared = 0

    @staticmethod
    def _cell(p: Place) -> tuple[int, int]:
        return int(p.lat // _CELL_DEG), int(p.lon // _CELL_DEG)

    def _where(self, g: _Group) -> list[tuple]:
        p = g.place
        if p is None:
            return []
        keys = [("id", p.place_id), ("country", p.country_code)]
        keys.append(("coarse", p.country_code) if rank(p) <= 1 else ("cell", self._cell(p)))
        if g.kind == "relocation":
            # under the country of its first origin too: only moves from that country are compared with it (a move
            # refined to an origin across a border stays where it was first filed, as it always did)
            cc = self.relocation_country.setdefault(id(g), p.country_code)
            keys = [("r", cc) + k for k in keys]
        return keys

    def _keys_of(self, g: _Group) -> list[tuple]:
        when = _date_key(g.date)
        keys = [k + when for k in self._where(g)]
        if g.kind == "relocation":
            keys += self._where(g)  # any date: an undated move may join it
        return keys

    def _file(self, g: _Group, keys: list[tuple]) -> None:
        for k in keys:
            self.keys.setdefault(k, {})[id(g)] = g
        self.filed.setdefault(id(g), []).extend(keys)

    def add(self, g: _Group) -> None:
        self._file(g, self._keys_of(g))

    def remove(self, g: _Group) -> None:
        """Take a group out of every bucket (before its place or date changes; :meth:`add` it again after)."""
        for k in self.filed.pop(id(g), []):
            bucket = self.keys.get(k)
            if bucket is not None:
                bucket.pop(id(g), None)

    def file_figures(self, g: _Group) -> None:
        """File an attack group under its place id and each killed/injured figure's buckets (for undated accounts)."""
        if g.kind != "incident" or g.place is None:
            return
        self._file(g, [("fig", g.place.place_id, k, b) for k in ("killed", "injured") for q in g.figures.get(k, [])
                       for b in _figure_buckets(_closed(q))])

    def _lookup(self, keys) -> list[_Group]:
        found: dict[int, _Group] = {}
        for k in keys:
            found.update(self.keys.get(k, ()))
        self.compared += len(found)
        return sorted(found.values(), key=lambda g: g.order)

    def _places(self, c: Candidate) -> list[tuple]:
        p = c.place if c.kind == "incident" else c.from_place
        if p is None:
            return []
        if rank(p) <= 1:
            keys = [("id", p.place_id), ("country", p.country_code)]
        else:
            ci, cj = self._cell(p)
            keys = [("id", p.place_id), ("coarse", p.country_code)] + [
                ("cell", (ci + di, cj + dj)) for di in (-1, 0, 1) for dj in (-1, 0, 1)]
        return [("r", p.country_code) + k for k in keys] if c.kind == "relocation" else keys

    def near(self, c: Candidate) -> list[_Group]:
        """Groups that could hold a dated account (or an undated move) ``c``, in creation order."""
        where = self._places(c)
        if c.kind == "relocation" and c.date is None:
            return self._lookup(where)  # an undated move agrees with any date
        return self._lookup(k + when for k in where for when in _date_keys_near(c.date))

    def near_group(self, g: _Group) -> list[_Group]:
        """Attack groups that may tell the same event as group ``g`` (:func:`_less_precise`, :func:`_same_toll`): at
        its place or near it (two cells around), or anywhere in its country when it is a country or a region; dated
        within a week or so of it."""
        p = g.place
        if p is None or g.date is None:
            return []
        if rank(p) <= 1:
            where = [("country", p.country_code)]
        else:
            ci, cj = self._cell(p)
            where = [("id", p.place_id)] + [("cell", (ci + di, cj + dj)) for di in range(-2, 3) for dj in range(-2, 3)]
        return [h for h in self._lookup(k + when for k in where for when in _date_keys_near(g.date))
                if h is not g and h.kind == "incident"]

    def near_undated(self, c: Candidate, published: str | None) -> list[_Group]:
        """Groups that could hold an undated attack ``c``: at its place id with a figure overlapping one of its
        own (:func:`_points_agree`), or at its scene dated by a day in the weeks before its report
        (:func:`_published_after`)."""
        if c.place is None:
            return []
        keys = [("fig", c.place.place_id, k, b) for cl in _claims(c) for k, q in (("killed", cl.killed),
                                                                                   ("injured", cl.injured))
                for b in _figure_buckets(_closed(q))]
        pub = _day(published)
        if pub is not None:
            when = _date_keys_between(pub - dt.timedelta(days=UNDATED_WINDOW_DAYS), pub)
            keys += [k + w for k in self._places(c) for w in when if w[0] == "m"]
        return self._lookup(keys)


#: "the second in three days", "the third attack in a week": one of a series of attacks on successive days.
_SERIES_RX = re.compile(r"\b(?:second|third|fourth|fifth|sixth|latest)\s+(?:[\w-]+\s+){0,2}in\s+(?:a|one|two|three|four|"
                        r"five|six|seven|ten|\d+|as\s+many|less\s+than\s+a)\s+(?:days?|weeks?)\b", re.I)


def _best_group(c: Candidate, hits: list[_Group]) -> _Group | None:
    """The group an attack account joins among those it matches (in creation order): one of its own date before
    one a day off or only near a statement's day. An attack its text counts as one of a series ("the third in
    four days") joins only an account of its own day: the one a day before is another of the series."""
    if c.kind != "incident" or not hits:
        return hits[0] if hits else None
    # the document told this event and the group's as two ("… behind the strike and a previous attack on X")
    hits = _told_alike(c, hits)
    if not c.date_weak and any(_SERIES_RX.search(cl.quote) for cl in _claims(c)):
        hits = [g for g in hits if compatible(g.date, c.date)]
    return next((g for g in hits if compatible(g.date, c.date)), hits[0] if hits else None)


def merge(groups: list[_Group], candidates: list[Candidate], published: dict[str, str | None] | None = None,
          index: _GroupIndex | None = None) -> list[_Group]:
    """Join candidates to the groups (curated first) they match; dated accounts before undated ones.

    ``published`` gives each document's date, for undated accounts (see :func:`_matches_undated`).
    Each account is compared only with the groups at its scene whose dates could agree with its own
    (:class:`_GroupIndex`): the work per account does not grow with the corpus.
    """
    published = published or {}
    groups = list(groups)
    index = _GroupIndex() if index is None else index  # given by tests, which count the groups it returned
    for n, g in enumerate(groups):
        g.order = n
        index.add(g)

    def new(c: Candidate) -> None:
        g = _group_of(c)
        g.order = len(groups)
        groups.append(g)
        index.add(g)

    dated = [c for c in candidates if c.date is not None or c.kind == "relocation"]
    undated = [c for c in candidates if c.date is None and c.kind == "incident"]
    for c in dated:
        hit = _best_group(c, [g for g in index.near(c) if _matches(g, c)])
        if hit is None:
            new(c)
        else:
            _add(hit, c)
            index.remove(hit)  # filed again below, at its (perhaps refined) place and date
            # A more precise date or a more specific place from a later account refines an extracted group.
            if hit.curated is None and _dates_better(c, hit):
                hit.date, hit.date_weak = c.date, c.date_weak
            if hit.curated is None and c.kind == "incident" and c.place is not None and \
                    (hit.place is None or rank(c.place) > rank(hit.place)):
                hit.place, hit.place_note = c.place, c.place_note or hit.place_note
            if hit.curated is None and c.kind == "relocation" and c.from_place is not None and \
                    rank(c.from_place) > rank(hit.place):
                hit.place = c.from_place  # the same country's relocations are filed together: no refiling
            if hit.curated is None and c.kind == "relocation" and c.to_place is not None and \
                    rank(c.to_place) > rank(hit.to_place):
                hit.to_place = c.to_place
            index.add(hit)
    for g in groups:
        index.file_figures(g)
    for c in undated:
        hits = [g for g in index.near_undated(c, published.get(c.document))
                if _matches_undated(g, c, published.get(c.document))]
        # an undated account its document tells as background never joins that document's reported event
        hits = _told_alike(c, hits)
        if len(hits) > 1:
            hits = _just_before(hits, published.get(c.document))
        if len(hits) == 1:
            _add(hits[0], c)
            index.file_figures(hits[0])
        else:
            new(c)
            index.file_figures(groups[-1])
    return consolidate(groups, index)


#: Two records at one place whose reports give the same toll (at least SAME_TOLL_MIN killed) on days at most
#: SAME_TOLL_DAYS apart are one event dated differently by its reports ("on Wednesday night", "on Friday").
SAME_TOLL_DAYS = 3
SAME_TOLL_MIN = 10


def _derived(g: _Group, key, compute: Callable[[_Group], object]):
    """``compute(g)``, remembered in ``g.memo`` under ``key`` until the group's sources (and with them its figures)
    change: consolidation asks the same few things of a group many times."""
    n, value = g.memo.get(key, (-1, None))
    if n != len(g.sources):
        value = compute(g)
        g.memo[key] = (len(g.sources), value)
    return value


def _documents(g: _Group) -> set[str]:
    """The documents telling a group."""
    return _derived(g, "documents", lambda g: {s.document for s in g.sources})


def _series(g: _Group) -> bool:
    """Whether a source of the group counts its attack as one of a series ("the third in a week")."""
    return _derived(g, "series", lambda g: any(_SERIES_RX.search(s.quote) for s in g.sources
                                               if s.document != "citation"))


def _told_alike_groups(a: _Group, b: _Group) -> bool:
    """No document tells one of the two in passing and the other as the event it reports; no series wording."""
    return all(b.told_as.get(d, v) == v for d, v in a.told_as.items()) and not _series(a) and not _series(b)


def _spans(g: _Group, key: str) -> tuple[list[float], list[float]]:
    """A group's figure spans (:func:`_bounds`) sorted by their low ends, and the running highest high end."""
    def compute(g: _Group) -> tuple[list[float], list[float]]:
        bounds = sorted(_bounds(q) for q in g.figures.get(key, []) if q is not None and (
            q.value is not None or q.low is not None or q.high is not None))
        lows, highs, top = [], [], float("-inf")
        for lo, hi in bounds:
            top = max(top, hi)
            lows.append(lo)
            highs.append(top)
        return lows, highs
    return _derived(g, ("spans", key), compute)


def _fits(g: _Group, key: str, q: Quantity) -> bool:
    """As ``_overlap(g.figures[key], q)``, by bisecting the group's sorted spans (groups may hold thousands)."""
    lows, highs = _spans(g, key)
    lo, hi = _bounds(q)
    n = bisect.bisect_right(lows, hi)  # the spans starting at or before q's end
    return n > 0 and highs[n - 1] >= lo


def _figures_fit(a: _Group, b: _Group) -> bool:
    """Every figure kind both groups give overlaps (an open-ended "at least 18" fits 18 and 25)."""
    return all(any(_fits(b, k, q) for q in a.figures[k] if q is not None and (
        q.value is not None or q.low is not None or q.high is not None))
               for k in ("killed", "injured") if _spans(a, k)[0] and _spans(b, k)[0])


def _less_precise(a: _Group, b: _Group) -> bool:
    """Whether extracted group ``a`` is ``b``'s event told less precisely: every document that tells ``a`` tells
    ``b`` too, the same way, on a date that agrees, with figures that fit, at a place that holds ``b``'s (a region
    or a country holding the town: "gunmen attacked Lamu county" beside "… attacked the town of Mpeketoni") or at
    another town of ``b``'s first-level region within NEAR_KM (a place the attackers came from, the county's
    namesake town). Of two records with the same documents and places as fine, the one more sentences tell stays
    (then the earlier)."""
    if a.curated is not None or b.curated is not None or FAMILY.get(_most_specific_type(a.types), "attack") \
            != FAMILY.get(_most_specific_type(b.types), "attack"):
        return False
    pa, pb = a.place, b.place
    if pa is None or pb is None or rank(pa) > rank(pb):
        return False
    if not _dates_meet(a, b):
        return False
    docs_a, docs_b = _documents(a), _documents(b)
    if not docs_a <= docs_b or (docs_a == docs_b and rank(pa) == rank(pb)
                                and (len(b.sources), -b.order) <= (len(a.sources), -a.order)):
        return False  # the same documents, places as fine: the place more sentences tell (then the earlier) stays
    if pa.place_id == pb.place_id:
        where = True
    elif rank(pa) < rank(pb):
        where = same_scene(pa, pb)
    else:
        # another town of b's province: b tells every figure a tells (a town with the toll is no mere origin), and
        # a repeats one of b's tolls or has no day of its own ("gunmen also raided a post in X on Sunday", no toll,
        # is another attack of that day)
        tolls = {figure_of(q) for k in ("killed", "injured") for q in a.figures.get(k, [])} - {None}
        where = pa.country_code is not None and pa.country_code == pb.country_code and pa.admin1 is not None \
            and pa.admin1 == pb.admin1 and distance_km(pa, pb) <= NEAR_KM \
            and all(b.figures.get(k) for k in ("killed", "injured") if a.figures.get(k)) \
            and (a.date_weak or bool(tolls & {figure_of(q) for k in ("killed", "injured") for q in b.figures.get(k, [])}))
    return where and _figures_fit(a, b) and _told_alike_groups(a, b)


def _same_toll(a: _Group, b: _Group) -> bool:
    """Whether two extracted attack groups at the same place, told by different documents, dated to days at most
    SAME_TOLL_DAYS apart, give the same toll of at least SAME_TOLL_MIN killed: one event whose reports dated it
    differently."""
    if a.curated is not None or b.curated is not None or a.place is None or b.place is None \
            or a.place.place_id != b.place.place_id or FAMILY.get(_most_specific_type(a.types), "attack") \
            != FAMILY.get(_most_specific_type(b.types), "attack"):
        return False
    da, db = _day(a.date), _day(b.date)
    if da is None or db is None or abs((da - db).days) > SAME_TOLL_DAYS:
        return False
    if _documents(a) & _documents(b):
        return False  # one report that dates the toll on two days tells two events (its own dates stand)
    tolls = {figure_of(q) for q in a.figures.get("killed", [])} & {figure_of(q) for q in b.figures.get("killed", [])}
    return any(t is not None and t >= SAME_TOLL_MIN for t in tolls) and _told_alike_groups(a, b) \
        and _told_alike_groups(b, a)


def _fold(into: _Group, g: _Group) -> None:
    """Put group ``g``'s sources, figures and types into ``into`` (its date if more precise, as merging does)."""
    into.sources.extend(g.sources)
    for k, qs in g.figures.items():
        into.figures.setdefault(k, []).extend(qs)
    into.types.extend(g.types)
    into.actors.extend(g.actors)
    for d, v in g.told_as.items():
        into.told_as.setdefault(d, v)
    into.confidence = max(into.confidence, g.confidence)
    if _dates_better(g, into):
        into.date, into.date_weak = g.date, g.date_weak


def consolidate(groups: list[_Group], index: _GroupIndex) -> list[_Group]:
    """Fold extracted attack records that tell one event into one (:func:`_less_precise`, :func:`_same_toll`),
    in creation order; each is compared only with the records its index lookup gives (:meth:`_GroupIndex.near_group`)."""
    gone: set[int] = set()
    for g in groups:
        if g.kind != "incident" or g.curated is not None or id(g) in gone:
            continue
        near = [h for h in index.near_group(g) if id(h) not in gone]
        into = next((h for h in near if _less_precise(g, h)), None) \
            or next((h for h in near if h.order < g.order and _same_toll(g, h)), None)
        if into is None:
            continue
        index.remove(into)
        index.remove(g)
        _fold(into, g)
        index.add(into)
        gone.add(id(g))
    return [g for g in groups if id(g) not in gone]


def _just_before(hits: list[_Group], published: str | None) -> list[_Group]:
    """Of several events at its scene an undated account agrees with ("two were killed and dozens wounded in a
    mortar attack on the camp"), the one its document follows closely (:func:`_published_after`), when only one
    does: news tells of the latest attack undated. Else all of them (ambiguous: the account stays apart)."""
    recent = [g for g in hits if _published_after(published, g.date)]
    return recent if len(recent) == 1 else hits


def _figure(g: _Group, key: str) -> tuple[int | None, tuple[int, int] | None]:
    """Highest exact figure, and the (low, high) spread when the sources differ or are vague."""
    curated = (g.curated or {}).get(key)
    qs = g.figures.get(key, [])
    # Open-ended counts ("more than forty", "at least 8") stand for their lower bound, as casualty
    # datasets usually record them; vague words ("dozens") give no figure, only a range.
    values = [v for v in map(figure_of, qs) if v is not None] + ([curated] if curated is not None else [])
    best = curated if curated is not None else (max(values) if values else None)
    lows = [_floor(q) for q in qs] + ([curated] if curated is not None else [])
    highs = [q.high if q.high is not None else q.value for q in qs] + ([curated] if curated is not None else [])
    lows, highs = [v for v in lows if v is not None], [v for v in highs if v is not None]
    if not lows and not highs:
        return best, None
    lo = min(lows) if lows else None
    hi = max(highs) if highs else None
    if lo is not None and hi is not None and lo == hi and (best is None or best == lo):
        return best, None
    if lo is None or hi is None:
        return best, None
    return best, (lo, hi)


def estimates(g: _Group, key: str) -> tuple[int | None, int | None, int | None]:
    """UCDP GED-style ``(low, high, best)`` of one figure (killed, injured or people) over a group's sources.

    - ``low``: the lowest figure any source allows (an exact or approximate figure, the lower bound of
      "more than 40" or of "dozens");
    - ``high``: the highest any source allows (its figure or upper bound; an open-ended count bounds
      nothing above, so it counts with its lower bound);
    - ``best``: the curated figure when there is one; else the highest single figure a source states
      (exact, approximate, or the lower bound of an open-ended count), as ``killed`` always was: tolls
      are revised upwards as the dead are found and counted, so the highest stated figure is usually the
      latest, most complete count, while the lower reports stay in ``low``. Vague words alone
      ("dozens") give bounds, never a best figure. ``best`` always lies between ``low`` and ``high``.
    """
    curated = (g.curated or {}).get(key)
    qs = g.figures.get(key, [])
    lows = [_floor(q) for q in qs]
    highs = [q.high if q.high is not None else (q.value if q.value is not None else _floor(q)) for q in qs]
    points = [v for v in map(figure_of, qs) if v is not None]
    if curated is not None:
        lows, highs, points = lows + [curated], highs + [curated], [curated]
    lows, highs = [v for v in lows if v is not None], [v for v in highs if v is not None]
    low = min(lows) if lows else None
    high = max(highs + lows) if (highs or lows) else None
    best = curated if curated is not None else (max(points) if points else None)
    return low, high, best


def _actor(g: _Group, n: int) -> str | None:
    """The actor the accounts name most often (first named on ties); None when none names one."""
    named = [a[n] for a in g.actors if a[n]]
    if not named:
        return None
    counts: dict[str, int] = {}
    for a in named:
        counts[a.lower()] = counts.get(a.lower(), 0) + 1
    top = max(counts.values())
    return next(a for a in named if counts[a.lower()] == top)


def _slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", fold(text or "")))


def _most_specific_type(types: list[str]) -> str:
    order = [name for name in FAMILY]
    return min(types, key=lambda t: (order.index(t) if t in order else len(order), t))


def _extracted_id(prefix: str, *parts: str | None) -> str:
    key = "|".join(p or "" for p in parts)
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    readable = "-".join(_slug(p) for p in parts[:2] if p)
    return f"{prefix}-{readable}-{digest}" if readable else f"{prefix}-{digest}"


def _summary_incident(i: Incident) -> str:
    bits = [f"{i.type} at {i.place_name or 'an unresolved place'}", i.date or "date unknown"]
    if i.killed is not None or i.killed_range:
        bits.append(f"{i.killed if i.killed is not None else '?'} killed"
                    + (f" (reports {i.killed_range[0]}–{i.killed_range[1]})" if i.killed_range else ""))
    if i.injured is not None or i.injured_range:
        bits.append(f"{i.injured if i.injured is not None else '?'} injured"
                    + (f" (reports {i.injured_range[0]}–{i.injured_range[1]})" if i.injured_range else ""))
    n = len(i.sources)
    return ", ".join(bits) + f"; {n} source{'s' if n != 1 else ''}"


def to_incident(g: _Group) -> Incident:
    """The merged incident of a group: curated fields win, figures from every source otherwise."""
    killed, killed_range = _figure(g, "killed")
    injured, injured_range = _figure(g, "injured")
    cur = g.curated or {}
    itype = g.type if g.curated else _most_specific_type(g.types)
    date = g.date
    prec = cur.get("precision") if g.curated else (date_precision(date) if date else None)
    place = g.place
    inc = Incident(
        incident_id=cur.get("id") or _extracted_id("x", date or "undated", place.name if place else None,
                                                      FAMILY.get(itype, itype), g.sources[0].document,
                                                      str(g.sources[0].start)),
        type=itype, date=date, date_precision=prec, place_id=place.place_id if place else None,
        place_name=place.name if place else None, killed=killed, injured=injured,
        origin="curated" if g.curated else "extracted", confidence=round(g.confidence, 3),
        sources=sorted(g.sources, key=lambda s: (s.document != "citation", s.document, s.start or 0)),
        killed_range=killed_range, injured_range=injured_range,
        actor1=_actor(g, 0), actor2=_actor(g, 1),
        place_precision_km=float(place.precision_km) if place else None,
        place_note="curated" if g.curated else g.place_note,
    )
    inc.killed_low, inc.killed_high, inc.killed_best = estimates(g, "killed")
    inc.injured_low, inc.injured_high, inc.injured_best = estimates(g, "injured")
    inc.summary = cur.get("summary") or _summary_incident(inc)
    return inc


def to_relocation(g: _Group) -> Relocation:
    """The merged relocation of a group."""
    cur = g.curated or {}
    people, _ = _figure(g, "people")
    date = g.date
    prec = cur.get("precision") if g.curated else (date_precision(date) if date else None)
    a, b = g.place, g.to_place
    r = Relocation(
        relocation_id=cur.get("id") or _extracted_id("r", a.name if a else None, b.name if b else None, date,
                                                        g.sources[0].document, str(g.sources[0].start)),
        from_place_id=a.place_id if a else None, to_place_id=b.place_id if b else None, date=date,
        date_end=cur.get("date_end") if g.curated else g.date_end, date_precision=prec, people=people,
        origin="curated" if g.curated else "extracted", confidence=round(g.confidence, 3),
        sources=sorted(g.sources, key=lambda s: (s.document != "citation", s.document, s.start or 0)),
        from_place_name=a.name if a else None, to_place_name=b.name if b else None,
    )
    r.people_low, r.people_high, r.people_best = estimates(g, "people")
    n = len(r.sources)
    # an evacuation "to safer areas" near its origin (SAFETY_REASON): one place stands for both ends
    to = f"near {r.to_place_name} (destination not named)" if a is not None and b is not None \
        and a.place_id == b.place_id else r.to_place_name
    r.summary = cur.get("summary") or (
        f"{r.from_place_name} → {to}, {date or 'date unknown'}"
        + (f", {people} people" if people is not None else "") + f"; {n} source{'s' if n != 1 else ''}")
    return r


# --- the stage ------------------------------------------------------------------------------------------------------
def _keep(c: Candidate, min_confidence: float) -> str | None:
    """Why a candidate is left out, or None to keep it."""
    if c.confidence < min_confidence:
        return f"confidence {c.confidence:.2f} < {min_confidence:.2f} ({'; '.join(c.reasons)})"
    if c.kind == "incident" and c.place is None:
        return "no place tied to the event"
    if c.kind == "relocation":
        if c.from_place is None or c.to_place is None:
            return "origin or destination not named"
        if c.from_place.place_id == c.to_place.place_id and SAFETY_REASON not in c.reasons:
            return "origin and destination are the same place"
    return None


def _origin_untold(g: _Group) -> bool:
    """A merged move from a country to a place inside it ("dissidents living in camps in X … were moved to Camp Y"):
    where the people came from is not told. (Asked of the group: another account may have named the origin.)"""
    return g.curated is None and g.place is not None and g.to_place is not None and g.place.kind == "country" \
        and g.to_place.kind != "country" and g.to_place.country_code == g.place.country_code


class _TextsReadBack(dict):
    """Documents by id whose texts are read back (``text_of``) when one is looked up."""

    def __init__(self, docs: dict[str, Document], text_of: Callable[[str], str]):
        super().__init__(docs)
        self.text_of = text_of

    def get(self, doc_id, default=None):
        doc = super().get(doc_id)
        if doc is None:
            return default
        return replace(doc, text=self.text_of(doc_id)) if not doc.text else doc


def build_incidents(
    documents: list[Document],
    candidates: Iterable[Candidate],
    gaz: Gazetteer,
    data_dir: Path | None = None,
    min_confidence: float = 0.5,
    text_of: Callable[[str], str] | None = None,
) -> tuple[list[Incident], list[Relocation], list[Skip]]:
    """Incidents and relocations from the texts and the curated files in ``data_dir``.

    Parameters
    ----------
    documents : list of Document
        The texts, with their published dates.
    candidates : iterable of Candidate
        What the per-document stage extracted (:func:`geo.extract.extract_document`
        of every document), in any order: this is the corpus stage.
    gaz : Gazetteer
        Resolves curated place names and gives mentioned places' kinds.
    data_dir : Path or None
        Folder with the optional ``incidents.csv`` and ``relocations.csv``.
    min_confidence : float
        Extracted candidates below this are left out (reported as skipped).
    text_of : callable, optional
        A document's text by its id, for ``documents`` that hold theirs empty
        (the pipeline keeps texts in a :class:`geo.documents.TextSpool`).

    Returns
    -------
    tuple
        ``(incidents, relocations, skips)``, each sorted by id.

    Raises
    ------
    InputError
        For a malformed curated file (naming file and line).
    """
    docs = {d.id: d for d in documents}
    if text_of is not None:  # documents whose texts wait elsewhere (a TextSpool): read back when a quote needs one
        docs = _TextsReadBack(docs, text_of)
    groups: list[_Group] = []
    skips: list[Skip] = []
    if data_dir is not None:
        for name, reader in (("incidents.csv", read_curated_incidents), ("relocations.csv", read_curated_relocations)):
            path = Path(data_dir) / name
            if path.exists():
                g, s = reader(path, gaz, docs)
                groups += g
                skips += s
    kept = []
    for c in sorted(candidates, key=lambda c: (c.document, c.start, c.end, c.kind)):
        why = _keep(c, min_confidence)
        if why is None:
            kept.append(c)
            if c.date is None and c.date_precision and c.kind == "incident":
                skips.append(Skip("date", f"{c.document}:{c.start}", f"date left empty: {c.date_note}"))
        else:
            skips.append(Skip(f"extracted {c.kind}", f"{c.document}:{c.start}", f"{why}: {c.quote[:80]!r}"))
    groups = merge(groups, kept, {d.id: d.published for d in documents})
    incidents = sorted((to_incident(g) for g in groups if g.kind == "incident"), key=lambda i: i.incident_id)
    moves = []
    for g in groups:
        if g.kind != "relocation":
            continue
        if _origin_untold(g):
            first = g.sources[0]
            skips.append(Skip("extracted relocation", f"{first.document}:{first.start}",
                              f"origin is only the country the destination lies in: {first.quote[:80]!r}"))
        else:
            moves.append(g)
    relocations = sorted((to_relocation(g) for g in moves), key=lambda r: r.relocation_id)
    return incidents, relocations, sorted(skips, key=lambda s: (s.what, s.where, s.reason))
