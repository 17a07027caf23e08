"""The review loop: extracted records out to a CSV, a person's decisions back into ``data/``.

``python -m geo review`` writes every extracted incident and relocation of a
build, one row each, with an empty ``decision`` column (:func:`review_csv_text`).
A person fills it in (``accept``, ``edit`` with corrected fields in the same
row, ``reject``, or nothing to decide later) and ``python -m geo review --apply
FILE`` turns the decisions into curated data (:func:`plan_apply`):

- accepted and edited rows become rows of ``data/incidents.csv`` /
  ``data/relocations.csv`` with their source quote, a ``reviewed`` note and the
  record's source fingerprint (``review_fingerprint``);
- rejected rows go to ``data/rejected.csv``.

Every later build honours both in the corpus stage (:func:`honour_reviews`,
called by :func:`geo.pipeline.run` right after
:func:`geo.incidents.build_incidents`): reviewed records get ``origin`
"reviewed"``; an extracted record whose every source belongs to a rejected
record is left out (reported as skipped); an extracted record whose every
source belongs to one reviewed record is folded into it.

Decisions are keyed by the record's *sources*, not only by its id: a source
key is a hash of (kind, document id, quote), so a rejection survives changes
in how ids are made, and a record with a new source (new evidence) comes back
for review. See ``docs/review.md``.
"""
from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .csvfile import header as csv_header, open_csv, require_columns, rows as csv_rows
from .documents import date_precision
from .errors import InputError
from .export import _CsvRows, from_spreadsheet_safe, spreadsheet_safe
from .gazetteer import Gazetteer, fold
from .incidents import INCIDENT_COLUMNS, RELOCATION_COLUMNS, count_cell as _count, date_cell as _date
from .models import Build, Incident, Place, Relocation, Skip, Source

#: Columns of the review file, in order. ``quotes``, ``confidence`` and
#: ``fingerprint`` are for reading; the fields from ``type`` to ``people`` may be
#: corrected on an ``edit`` row.
REVIEW_COLUMNS = ("incident_id", "relocation_id", "decision", "note", "type", "date", "date_end", "place",
                  "from_place", "to_place", "killed", "injured", "people", "confidence", "quotes", "fingerprint")
DECISIONS = ("accept", "edit", "reject")
#: Columns ``--apply`` adds to data/incidents.csv and data/relocations.csv.
REVIEW_NOTE_COLUMNS = ("reviewed", "review_fingerprint")
#: data/rejected.csv: the fingerprint decides; the rest says what was rejected, for people.
REJECTED_COLUMNS = ("kind", "record_id", "fingerprint", "type", "date", "place", "document", "quote", "note")
REJECTED_FILE = "rejected.csv"


# --- cells --------------------------------------------------------------------------------------------------------
def safe_cell(value) -> str:
    """A CSV cell a spreadsheet shows as text (:func:`geo.export.spreadsheet_safe`: a leading ``'``)."""
    return spreadsheet_safe("" if value is None else str(value))


def read_cell(text: str | None) -> str:
    """The value of a cell written by :func:`safe_cell` (the ``'`` taken off again), stripped."""
    return from_spreadsheet_safe((text or "").strip()).strip()


# --- fingerprints -------------------------------------------------------------------------------------------------
def source_key(kind: str, document: str, quote: str) -> str:
    """A short, stable key of one source: sha1 of kind, document id and the quote's words.

    Whitespace is collapsed so a re-extraction that only changes line breaks keeps the key.
    """
    words = " ".join(quote.split())
    return hashlib.sha1(f"{kind}\x1f{document}\x1f{words}".encode("utf-8")).hexdigest()[:16]


def source_keys(kind: str, sources: Iterable[Source]) -> list[str]:
    """Sorted, distinct keys of a record's document sources (external citations have none)."""
    return sorted({source_key(kind, s.document, s.quote) for s in sources if s.document != "citation"})


def fingerprint(kind: str, sources: Iterable[Source]) -> str:
    """A record's fingerprint: its source keys, space-separated."""
    return " ".join(source_keys(kind, sources))


def _kind(record) -> str:
    return "incident" if isinstance(record, Incident) else "relocation"


def _rid(record) -> str:
    return record.incident_id if isinstance(record, Incident) else record.relocation_id


# --- the review file ----------------------------------------------------------------------------------------------
def _quotes(sources: list[Source]) -> str:
    return "\n".join(f"{s.document}: \u201c{s.quote}\u201d" for s in sources)


def _num(v) -> str:
    return "" if v is None else str(v)


def review_rows(build: Build) -> list[dict]:
    """One dict per extracted (not curated, not reviewed) record: incidents by id, then relocations by id."""
    rows = []
    for i in sorted(build.incidents, key=lambda i: i.incident_id):
        if i.origin != "extracted":
            continue
        rows.append({"incident_id": i.incident_id, "type": i.type, "date": i.date or "", "place": i.place_name or "",
                     "killed": _num(i.killed), "injured": _num(i.injured), "confidence": f"{i.confidence:.3f}",
                     "quotes": _quotes(i.sources), "fingerprint": fingerprint("incident", i.sources)})
    for r in sorted(build.relocations, key=lambda r: r.relocation_id):
        if r.origin != "extracted":
            continue
        rows.append({"relocation_id": r.relocation_id, "type": "relocation", "date": r.date or "",
                     "date_end": r.date_end or "", "from_place": r.from_place_name or "",
                     "to_place": r.to_place_name or "", "people": _num(r.people),
                     "confidence": f"{r.confidence:.3f}", "quotes": _quotes(r.sources),
                     "fingerprint": fingerprint("relocation", r.sources)})
    return rows


def review_csv_text(build: Build) -> str:
    """The review file: :data:`REVIEW_COLUMNS`, one row per extracted record, every cell formula-safe."""
    # "\r\n" rows put back to "\n" (geo.export's sink): a cell holding a bare "\r" is quoted too
    buf = _CsvRows()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(REVIEW_COLUMNS)
    for row in review_rows(build):
        w.writerow([safe_cell(row.get(c, "")) for c in REVIEW_COLUMNS])
    return buf.text()


# --- applying decisions -------------------------------------------------------------------------------------------
@dataclass
class Decision:
    """One decided row of a review file, checked against the current build."""

    line: int
    decision: str  # accept, edit, reject
    record: Incident | Relocation
    note: str = ""
    fields: dict = field(default_factory=dict)  # curated values (edit: corrected; accept: as extracted)
    changes: list[str] = field(default_factory=list)  # "killed 2 → 3"


def _resolve(name: str, current: Place | None, column: str, gaz: Gazetteer, path: Path, line: int) -> Place:
    """The place a cell names: the record's own when the name is unchanged, else the gazetteer's first match or id."""
    if not name:
        raise InputError(path, f"{column} is empty", line=line)
    if current is not None and fold(name) == fold(current.name):
        return current
    found = gaz.lookup(name)
    if found:
        return found[0]
    if name in gaz.places:
        return gaz.places[name]
    raise InputError(path, f"{column} {name!r} is not a place the gazetteer knows (by name, alias or id)", line=line)


def _place_of(place_id: str | None, gaz: Gazetteer) -> Place | None:
    if place_id and place_id in gaz.places:
        return gaz.places[place_id]
    return None


def _incident_fields(row: dict, rec: Incident, gaz: Gazetteer, path: Path, line: int) -> dict:
    itype = row["type"]
    if not itype:
        raise InputError(path, "type is empty", line=line)
    current = _place_of(rec.place_id, gaz)
    if current is None and fold(row["place"]) == fold(rec.place_name or ""):
        raise InputError(path, f"place {rec.place_name!r} of {rec.incident_id} is not in the gazetteer; "
                               "add it to data/gazetteer.csv or name another place", line=line)
    return {"type": itype, "date": _date(row["date"], "date", path, line),
            "place": _resolve(row["place"], current, "place", gaz, path, line),
            "killed": _count(row["killed"], "killed", path, line),
            "injured": _count(row["injured"], "injured", path, line)}


def _relocation_fields(row: dict, rec: Relocation, gaz: Gazetteer, path: Path, line: int) -> dict:
    if row["type"] and row["type"] != "relocation":
        raise InputError(path, f"type of a relocation must be 'relocation', got {row['type']!r}", line=line)
    date, date_end = _date(row["date"], "date", path, line), _date(row["date_end"], "date_end", path, line)
    if date_end and not date:
        raise InputError(path, "date_end given without a date", line=line)
    if date and date_end and date_end < date[:len(date_end)]:
        raise InputError(path, f"date_end {date_end} is before date {date}", line=line)
    a = _resolve(row["from_place"], _place_of(rec.from_place_id, gaz), "from_place", gaz,
                 path, line)
    b = _resolve(row["to_place"], _place_of(rec.to_place_id, gaz), "to_place", gaz, path, line)
    if a.place_id == b.place_id:
        raise InputError(path, f"from_place and to_place are the same place ({a.name})", line=line)
    return {"type": "relocation", "date": date, "date_end": date_end, "from_place": a, "to_place": b,
            "people": _count(row["people"], "people", path, line)}


def _shown(v) -> str:
    if isinstance(v, Place):
        return v.name
    return "" if v is None else str(v)


def _as_extracted(rec, gaz: Gazetteer) -> dict:
    """The record's own values, as the fields of a curated row."""
    if isinstance(rec, Incident):
        return {"type": rec.type, "date": rec.date, "place": _place_of(rec.place_id, gaz),
                "killed": rec.killed, "injured": rec.injured}
    return {"type": "relocation", "date": rec.date, "date_end": rec.date_end,
            "from_place": _place_of(rec.from_place_id, gaz),
            "to_place": _place_of(rec.to_place_id, gaz), "people": rec.people}


def read_decisions(path: Path, build: Build, gaz: Gazetteer) -> tuple[list[Decision], int]:
    """Read and check a review file against the current build; nothing is written here.

    Returns
    -------
    tuple
        ``(decisions, undecided)``: the decided rows in file order, and how many rows had no decision.

    Raises
    ------
    InputError
        Naming the file and line: unknown or missing columns, a row with the wrong number of
        fields, an unknown or already reviewed id, sources changed since the file was written,
        a bad decision, a malformed date or count, an unknown place, ``accept`` on a row whose
        fields were changed (that is an ``edit``).
    """
    path = Path(path)
    reader = csv.DictReader(open_csv(path))
    columns = csv_header(path, reader)
    unknown = [c for c in columns if c not in REVIEW_COLUMNS]
    if unknown:
        raise InputError(path, f"unknown column(s) {', '.join(map(repr, unknown))}; a review file has "
                               f"{', '.join(REVIEW_COLUMNS)}", line=1)
    require_columns(path, reader, REVIEW_COLUMNS)
    records = {("incident", i.incident_id): i for i in build.incidents}
    records.update({("relocation", r.relocation_id): r for r in build.relocations})
    decisions, undecided, seen = [], 0, {}
    end = reader.line_num  # last line read so far (the header's)
    for raw in csv_rows(path, reader):
        # A row's quotes cell holds one line per source: name the row's first line, where it starts.
        line, end = end + 1, reader.line_num
        if None in raw or any(v is None for v in raw.values()):
            raise InputError(path, f"row does not have the {len(columns)} columns of the header", line=line)
        row = {c: read_cell(raw.get(c)) for c in REVIEW_COLUMNS}
        if not any(row.values()):
            continue  # a blank line a spreadsheet left
        ids = [(k, row[f"{k}_id"]) for k in ("incident", "relocation") if row[f"{k}_id"]]
        if len(ids) != 1:
            raise InputError(path, "each row needs exactly one of incident_id and relocation_id", line=line)
        key = ids[0]
        if key in seen:
            raise InputError(path, f"{key[0]}_id {key[1]!r} also on line {seen[key]}", line=line)
        seen[key] = line
        decision = row["decision"].lower()
        if decision and decision not in DECISIONS:
            raise InputError(path, f"decision {row['decision']!r} is not one of {', '.join(DECISIONS)} "
                                   "(or empty to decide later)", line=line)
        rec = records.get(key)
        if rec is None:
            raise InputError(path, f"{key[0]}_id {key[1]!r} is not among the records this build extracted: the "
                                   "documents, data or options (--min-confidence) changed since the file was "
                                   "written; write it again with geo review", line=line)
        if rec.origin != "extracted":
            raise InputError(path, f"{key[0]} {key[1]!r} is already in data/ ({rec.origin}): was this file "
                                   "applied before?", line=line)
        fp = fingerprint(key[0], rec.sources)
        if row["fingerprint"] != fp:
            raise InputError(path, f"the sources of {key[1]!r} changed since the file was written (fingerprint "
                                   f"{row['fingerprint'] or 'empty'} ≠ {fp}); write it again with geo review",
                             line=line)
        if not decision:
            undecided += 1
            continue
        d = Decision(line, decision, rec, note=row["note"])
        if decision != "reject":
            given = (_incident_fields if key[0] == "incident" else _relocation_fields)(row, rec, gaz, path, line)
            own = _as_extracted(rec, gaz)
            d.changes = [f"{k} {_shown(own[k]) or '(empty)'} → {_shown(v) or '(empty)'}" for k, v in given.items()
                         if _shown(own[k]) != _shown(v) or (isinstance(v, Place) and v != own[k])]
            if decision == "accept" and d.changes:
                raise InputError(path, f"decision is accept but fields were changed ({'; '.join(d.changes)}); "
                                       "write edit to keep the corrections", line=line)
            d.fields = given
        decisions.append(d)
    return decisions, undecided


def _place_cell(place: Place, gaz: Gazetteer) -> str:
    # The curated readers look places up by name: write the id when the name would find another place first.
    found = gaz.lookup(place.name)
    return place.name if found and found[0].place_id == place.place_id else place.place_id


def _first_source(rec) -> Source:
    return next(s for s in rec.sources if s.document != "citation")


def _summary(kind: str, f: dict) -> str:
    if kind == "incident":
        bits = [f"{f['type']} at {f['place'].name}", f["date"] or "date unknown"]
        bits += [f"{f[k]} {k}" for k in ("killed", "injured") if f[k] is not None]
    else:
        bits = [f"{f['from_place'].name} → {f['to_place'].name}", f["date"] or "date unknown"]
        bits += [f"{f['people']} people"] if f["people"] is not None else []
    return ", ".join(bits) + " (reviewed)"


def reviewed_id(extracted_id: str) -> str:
    """The id a reviewed record gets in data/: its extracted id, prefixed so that a later extraction
    (which may make the same id from the same first source) never collides with it."""
    return f"reviewed-{extracted_id}"


def curated_row(d: Decision, gaz: Gazetteer) -> dict:
    """The row of data/incidents.csv or data/relocations.csv an accepted or edited decision becomes."""
    rec, f = d.record, d.fields
    src = _first_source(rec)
    kind = _kind(rec)
    note = "accepted in review" if not d.changes else "edited in review: " + "; ".join(d.changes)
    note += f" (extracted as {_rid(rec)})" + (f"; note: {d.note}" if d.note else "")
    rid = reviewed_id(_rid(rec))
    common = {"date": f["date"] or "", "date_precision": date_precision(f["date"]) if f["date"] else "",
              "summary": _summary(kind, f), "document": src.document, "quote": src.quote, "citation": "",
              "reviewed": note, "review_fingerprint": fingerprint(kind, rec.sources)}
    if kind == "incident":
        return {"incident_id": rid, "type": f["type"], "place": _place_cell(f["place"], gaz),
                "killed": _num(f["killed"]), "injured": _num(f["injured"]), **common}
    return {"relocation_id": rid, "date_end": f["date_end"] or "",
            "from_place": _place_cell(f["from_place"], gaz), "to_place": _place_cell(f["to_place"], gaz),
            "people": _num(f["people"]), **common}


def rejected_row(d: Decision) -> dict:
    """The row of data/rejected.csv a rejected decision becomes."""
    rec = d.record
    src = _first_source(rec)
    if isinstance(rec, Incident):
        place = rec.place_name or ""
    else:
        place = f"{rec.from_place_name} → {rec.to_place_name}"
    return {"kind": _kind(rec), "record_id": _rid(rec), "fingerprint": fingerprint(_kind(rec), rec.sources),
            "type": rec.type if isinstance(rec, Incident) else "relocation", "date": rec.date or "",
            "place": place, "document": src.document, "quote": src.quote, "note": d.note}


def _table(path: Path, required: tuple[str, ...], id_column: str | None) -> tuple[list[str], list[dict]]:
    """Columns and rows of an existing data file (checked: no short rows), or the required columns and no rows."""
    if not path.exists():
        return list(required), []
    reader = csv.DictReader(open_csv(path))
    columns = csv_header(path, reader)
    if columns:  # an empty file is a file without rows yet
        require_columns(path, reader, required)
    rows = []
    for row in csv_rows(path, reader):
        if None in row or any(v is None for v in row.values()):
            raise InputError(path, f"row does not have the {len(columns)} columns of the header",
                             line=reader.line_num)
        rows.append(row)
    return columns or list(required), rows


def _csv_text(columns: list[str], rows: list[dict]) -> str:
    buf = _CsvRows()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    for row in rows:
        w.writerow([row.get(c, "") for c in columns])
    return buf.text()


def plan_apply(decisions: list[Decision], data_dir: Path, gaz: Gazetteer) -> dict[str, str]:
    """New contents of the data files the decisions change, by file name (nothing written here).

    Existing rows are kept as they are (the files are re-serialised by :mod:`csv`);
    :data:`REVIEW_NOTE_COLUMNS` are added to the header of incidents.csv/relocations.csv
    when they are missing.

    Raises
    ------
    InputError
        When an existing data file is malformed, or a new id is already in it.
    """
    data_dir = Path(data_dir)
    files: dict[str, str] = {}
    for name, base, id_column, kind in (("incidents.csv", INCIDENT_COLUMNS, "incident_id", "incident"),
                                        ("relocations.csv", RELOCATION_COLUMNS, "relocation_id", "relocation")):
        new = [curated_row(d, gaz) for d in decisions if d.decision != "reject" and _kind(d.record) == kind]
        if not new:
            continue
        columns, rows = _table(data_dir / name, base, id_column)
        columns += [c for c in REVIEW_NOTE_COLUMNS if c not in columns]
        taken = {(r.get(id_column) or "").strip() for r in rows}
        for r in new:
            if r[id_column] in taken:
                raise InputError(data_dir / name, f"{id_column} {r[id_column]!r} is already there")
        files[name] = _csv_text(columns, rows + new)
    rejected = [rejected_row(d) for d in decisions if d.decision == "reject"]
    if rejected:
        columns, rows = _table(data_dir / REJECTED_FILE, REJECTED_COLUMNS, None)
        files[REJECTED_FILE] = _csv_text(columns, rows + rejected)
    return files


# --- later builds -------------------------------------------------------------------------------------------------
@dataclass
class Ledger:
    """What earlier reviews decided, as read from data/."""

    rejected: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, source key) → "file:line"
    reviewed_ids: dict[str, set[str]] = field(default_factory=lambda: {"incident": set(), "relocation": set()})
    owner: dict[tuple[str, str], str] = field(default_factory=dict)  # (kind, source key) → reviewed record id


def _keys_cell(value: str, path: Path, line: int) -> list[str]:
    keys = value.split()
    if any(len(k) != 16 or any(ch not in "0123456789abcdef" for ch in k) for k in keys):
        raise InputError(path, f"fingerprint {value!r} is not a list of 16-digit hex source keys", line=line)
    return keys


def read_ledger(data_dir: Path | None) -> Ledger:
    """Rejections (data/rejected.csv) and reviewed records (the ``reviewed`` column of the curated files).

    Raises
    ------
    InputError
        For a malformed data/rejected.csv or fingerprint (naming file and line).
    """
    ledger = Ledger()
    if data_dir is None:
        return ledger
    path = Path(data_dir) / REJECTED_FILE
    if path.exists():
        reader = csv.DictReader(open_csv(path))
        require_columns(path, reader, ("kind", "fingerprint"))
        for row in csv_rows(path, reader):
            line = reader.line_num
            kind = (row.get("kind") or "").strip()
            if kind not in ("incident", "relocation"):
                raise InputError(path, f"kind must be incident or relocation, got {kind!r}", line=line)
            keys = _keys_cell(row.get("fingerprint") or "", path, line)
            if not keys:
                raise InputError(path, "empty fingerprint", line=line)
            for k in keys:
                ledger.rejected.setdefault((kind, k), f"{path}:{line}")
    for name, id_column, kind in (("incidents.csv", "incident_id", "incident"),
                                  ("relocations.csv", "relocation_id", "relocation")):
        path = Path(data_dir) / name
        if not path.exists():
            continue
        reader = csv.DictReader(open_csv(path))
        if "reviewed" not in csv_header(path, reader):
            continue
        for row in csv_rows(path, reader):
            if not (row.get("reviewed") or "").strip():
                continue
            rid = (row.get(id_column) or "").strip()
            ledger.reviewed_ids[kind].add(rid)
            for k in _keys_cell(row.get("review_fingerprint") or "", path, reader.line_num):
                ledger.owner.setdefault((kind, k), rid)
    return ledger


def _sort_sources(sources: list[Source]) -> list[Source]:
    return sorted(sources, key=lambda s: (s.document != "citation", s.document, s.start or 0))


def _fold(target, extra: list[Source]) -> None:
    have = {(s.document, s.start, s.end) for s in target.sources}
    target.sources = _sort_sources(target.sources + [s for s in extra if (s.document, s.start, s.end) not in have])


def honour_reviews(incidents: list[Incident], relocations: list[Relocation], data_dir: Path | None,
                   ledger: Ledger | None = None) -> tuple[list[Incident], list[Relocation], list[Skip]]:
    """Apply earlier reviews to a build's records (the corpus stage, after ``build_incidents``).

    - a curated record with a ``reviewed`` note gets ``origin`` "reviewed" (and, being curated,
      is never hidden by ``--min-confidence``);
    - an extracted record whose every source key was folded into one reviewed record (its date or
      place was corrected, so extraction no longer merges them) is folded into it again;
    - an extracted record whose every source key belongs to a rejected record is left out and
      reported as skipped, naming the line of data/rejected.csv.

    Linear in the number of records and sources.
    """
    ledger = ledger if ledger is not None else read_ledger(data_dir)
    skips: list[Skip] = []
    out = []
    for kind, records in (("incident", incidents), ("relocation", relocations)):
        by_id = {_rid(r): r for r in records if r.origin != "extracted"}
        for r in records:
            if r.origin == "curated" and _rid(r) in ledger.reviewed_ids[kind]:
                r.origin = "reviewed"
        kept = []
        for r in records:
            keys = source_keys(kind, r.sources) if r.origin == "extracted" else []
            if not keys:
                kept.append(r)
                continue
            owners = {ledger.owner.get((kind, k)) for k in keys}
            owner = by_id.get(next(iter(owners))) if len(owners) == 1 and None not in owners else None
            if owner is not None and owner.origin == "reviewed":
                _fold(owner, r.sources)
                continue
            if all((kind, k) in ledger.rejected for k in keys):
                where = sorted({ledger.rejected[(kind, k)] for k in keys})
                skips.append(Skip(f"extracted {kind}", _rid(r), f"rejected in review ({', '.join(where)}): "
                                                                 f"{r.sources[0].quote[:80]!r}"))
                continue
            kept.append(r)
        out.append(kept)
    return out[0], out[1], skips
