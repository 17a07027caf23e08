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

import csv
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .dates import compatible
from .documents import date_precision, parse_partial_date
from .csvfile import count as csv_count, open_csv, rows as csv_rows
from .errors import InputError
from .extract import FAMILY, Candidate, rank
from .gazetteer import Gazetteer, fold
from .models import Document, Incident, Mention, Place, Relocation, Skip, Source
from .quantities import Quantity
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


def _count(value: str, column: str, path: Path, line: int) -> int | None:
    return csv_count(value, column, path, line, MAX_COUNT)  # bounded: 10^400 killed is a typo, not a figure


def _csv_date(row: dict, column: str, path: Path, line: int) -> str | None:
    value = (row.get(column) or "").strip()
    if not value:
        return None
    try:
        return parse_partial_date(value)
    except ValueError as e:
        raise InputError(path, f"{column}: {e}", line=line) from None


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
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(path, f"missing column(s) {', '.join(missing)}; expected {', '.join(columns)}", line=1)
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
        killed, injured = _count(row["killed"], "killed", path, line), _count(row["injured"], "injured", path, line)
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
        people = _count(row["people"], "people", path, line)
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
    """Same place, or one is a country/region that holds the other."""
    if a is None or b is None:
        return False
    if a.place_id == b.place_id:
        return True
    coarse = min(a, b, key=rank)
    fine = max(a, b, key=rank)
    return rank(coarse) <= 1 < rank(fine) and coarse.country_code is not None \
        and coarse.country_code == fine.country_code and coarse.kind in ("country", "region")


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


def _matches(g: _Group, c: Candidate) -> bool:
    if g.kind != c.kind:
        return False
    if c.kind == "incident":
        if FAMILY.get(g.type, "attack") != FAMILY.get(c.type, "attack"):
            return False
        return compatible(g.date, c.date) and (_same_place(g.place, c.place) or c.place is None)
    same_ends = _same_place(g.place, c.from_place) and _same_place(g.to_place, c.to_place)
    return same_ends and (g.date is None or c.date is None or compatible(g.date, c.date))


def _matches_undated(g: _Group, c: Candidate) -> bool:
    """An undated attack joins the one group at the same place whose figures agree."""
    return (g.kind == c.kind == "incident" and c.place is not None and g.place is not None
            and g.place.place_id == c.place.place_id
            and _overlap(g.figures.get("killed", []), c.killed))


def figure_of(q: Quantity | None) -> int | None:
    """The single figure a count gives: its value, or the lower bound of an open-ended one; else None."""
    if q is None:
        return None
    if q.value is not None:
        return q.value
    return q.low if q.low is not None and q.high is None else None


def _add(g: _Group, c: Candidate) -> None:
    figs = {"killed": c.killed, "injured": c.injured, "people": c.people}
    val = {k: figure_of(q) for k, q in figs.items()}
    # The same words quoted twice (a curated row citing the sentence extraction also found) are one source;
    # figures the first left empty are taken from the second.
    same = [n for n, s in enumerate(g.sources)
            if s.document == c.document and s.start is not None and s.start < c.end and c.start < s.end]
    for n in same[:1]:
        s = g.sources[n]
        g.sources[n] = replace(s, killed=s.killed if s.killed is not None else val["killed"],
                               injured=s.injured if s.injured is not None else val["injured"],
                               people=s.people if s.people is not None else val["people"],
                               date=s.date or c.date)
    if not same:
        if c.kind == "incident":
            g.sources.append(Source(c.document, c.quote, c.start, c.end, killed=val["killed"],
                                    injured=val["injured"], date=c.date))
        else:
            g.sources.append(Source(c.document, c.quote, c.start, c.end, people=val["people"], date=c.date))
    for k, q in figs.items():
        if q is not None:
            g.figures.setdefault(k, []).append(q)
    g.types.append(c.type)
    g.confidence = max(g.confidence, c.confidence)


def _group_of(c: Candidate) -> _Group:
    g = _Group(c.kind, c.type, c.date, c.place if c.kind == "incident" else c.from_place,
               c.to_place if c.kind == "relocation" else None, c.date_end)
    _add(g, c)
    return g


def merge(groups: list[_Group], candidates: list[Candidate]) -> list[_Group]:
    """Join candidates to the groups (curated first) they match; dated accounts before undated ones."""
    groups = list(groups)
    dated = [c for c in candidates if c.date is not None or c.kind == "relocation"]
    undated = [c for c in candidates if c.date is None and c.kind == "incident"]
    for c in dated:
        hit = next((g for g in groups if _matches(g, c)), None)
        if hit is None:
            groups.append(_group_of(c))
        else:
            _add(hit, c)
            # A more precise date or a more specific place from a later account refines an extracted group.
            if hit.curated is None and c.date and (hit.date is None or len(c.date) > len(hit.date)):
                hit.date = c.date
            if hit.curated is None and c.kind == "incident" and c.place is not None and \
                    (hit.place is None or rank(c.place) > rank(hit.place)):
                hit.place = c.place
    for c in undated:
        hits = [g for g in groups if _matches_undated(g, c)]
        if len(hits) == 1:
            _add(hits[0], c)
        else:
            groups.append(_group_of(c))
    return groups


def _figure(g: _Group, key: str) -> tuple[int | None, tuple[int, int] | None]:
    """Highest exact figure, and the (low, high) spread when the sources differ or are vague."""
    curated = (g.curated or {}).get(key)
    qs = g.figures.get(key, [])
    # Open-ended counts ("more than forty", "at least 8") stand for their lower bound, as casualty
    # datasets usually record them; vague words ("dozens") give no figure, only a range.
    values = [v for v in map(figure_of, qs) if v is not None] + ([curated] if curated is not None else [])
    best = curated if curated is not None else (max(values) if values else None)
    lows = [q.low if q.low is not None else q.value for q in qs] + ([curated] if curated is not None else [])
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
    )
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
    n = len(r.sources)
    r.summary = cur.get("summary") or (
        f"{r.from_place_name} → {r.to_place_name}, {date or 'date unknown'}"
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
        if c.from_place.place_id == c.to_place.place_id:
            return "origin and destination are the same place"
    return None


def build_incidents(
    documents: list[Document],
    candidates: Iterable[Candidate],
    gaz: Gazetteer,
    data_dir: Path | None = None,
    min_confidence: float = 0.5,
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
    groups = merge(groups, kept)
    incidents = sorted((to_incident(g) for g in groups if g.kind == "incident"), key=lambda i: i.incident_id)
    relocations = sorted((to_relocation(g) for g in groups if g.kind == "relocation"), key=lambda r: r.relocation_id)
    return incidents, relocations, sorted(skips, key=lambda s: (s.what, s.where, s.reason))
