"""Score geo's incidents-as-events on real news excerpts against a gold file (issue 10).

usage: python bench/events.py [--split dev|heldout|heldout2 … heldout13|all] [--json] [--verbose]
                             [--gazetteer data/gazetteer.csv | --data DIR]
       python bench/events.py --docs seeds --gold-from-data data [--gazetteer data/gazetteer.csv]
       python bench/events.py --docs DIR --gold FILE [--data DIR]

The set (``bench/events/``, see docs/events-devset.md): excerpts of published
news, one ``.txt`` a document under ``dev/`` and ``heldout/``; their citations
in ``sources.csv`` (never given to geo: it must find dates itself); the events
a careful reader finds in ``gold.json``. The scorer runs
``geo.pipeline.run(docs, data_dir=<an empty temporary folder>)`` — no curated
rows, no document metadata — unless ``--data`` names a data folder, or
``--gazetteer`` a curated gazetteer CSV to put (alone) in that folder (so sites
such as the camps can be placed without curated incidents or dates), and
compares every extracted record (incident or relocation) with the gold events.

Matching rules
--------------
Type family
    An incident (any type: attack, raid, airstrike, massacre, …) can only match
    a gold event of type ``attack``; a relocation only one of type
    ``relocation``.
Association (which gold event a record is about)
    A record is *about* the gold events of its type family that share at least
    one document with the record's sources. Among those, it is associated with
    the best one: first an event whose key figure range holds the record's
    figure (the narrowest such range: "36 quarry workers were killed" names
    that event even when the record is placed at the town of another event of
    the same story), then place within tolerance, then date compatible, then
    the nearest in time (days from the event's own dates: two attacks on one
    camp a day apart), then the nearest; ties by event id. A record sharing no document with a gold
    event of its family is *unassociated* (a false record whatever its place).
Place
    Right when the record's point is within the event's ``tolerance_km``
    (haversine) of the gold point; for a relocation both ends must be (origin
    against ``from``, destination against ``to``). A record without a
    resolved place is never right.
Date
    Gold dates are ISO dates, partial allowed (``2015``, ``2015-03``,
    ``2015-03-04``), with an optional ``date_end`` (a window). A day-precision
    gold window is widened by one day each side (time zones, "overnight").
    *Compatible*: the record is undated, or its interval overlaps the widened
    window. *Right*: the record is dated and its whole interval lies inside the
    widened window (so a record dated only ``2015`` is compatible with
    2015-03-04 but not right).
Figures
    The key figure is ``killed`` for attacks and ``people`` for relocations.
    The record's value is its best estimate (``killed_best``/``people_best``
    when geo provides it, else ``killed``/``people``). Right when it lies in
    the gold ``[low, high]`` (the spread of the figures the documents give); a
    gold figure of null is right only when the record has no figure (or 0).
    Injured is reported apart (``injured`` recall), not part of "right".

A record *matches* its associated event when the family is the same, the place
is right, the date is compatible and the figures are right.

Figures printed
---------------
event recall
    Share of the gold events of role ``main`` (the events the excerpts
    report) with at least one associated record that has the right place, the
    right date and the right figures — all three on one record. Also each
    criterion alone (some associated record has it), and ``found``: at least
    one associated record at all.
precision
    Records that match a gold event (main or ``mentioned``: background events
    a careful reader also finds) / all records.
records per gold event (fragmentation)
    Associated records / gold events with at least one associated record.
far from the scene
    Associated records placed more than 100 km from their event (for a
    relocation: either end), and associated records with no place; plus the
    count of unassociated records.
mixed records
    Associated records that also cite a document which does not report their
    event (one record made of several events: wrong cross-document merging).

Gold events are restricted to the documents of the run (an event reported by
documents of both splits counts in each split with its documents there).
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SET_DIR = ROOT / "bench" / "events"
#: The splits of the set (``sources.csv``'s ``split`` column): dev, the first held-out split, and one held-out
#: split written later for each single scoring (docs/events-devset.md). A new split is added here.
SPLITS = ("dev", "heldout", *(f"heldout{n}" for n in range(2, 32)))
FAR_KM = 100.0
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Point:
    """A gold place, or a record's resolved place."""

    lat: float
    lon: float
    name: str = ""
    tolerance_km: float = 0.0


@dataclass
class GoldEvent:
    """One event a careful reader finds in the documents (a row of gold.json)."""

    id: str
    type: str  # "attack" or "relocation"
    role: str  # "main" or "mentioned"
    date: str | None
    documents: frozenset[str]
    place: Point | None = None  # attacks
    origin: Point | None = None  # relocations
    destination: Point | None = None
    date_end: str | None = None
    killed: tuple[int, int] | None = None
    injured: tuple[int, int] | None = None
    people: tuple[int, int] | None = None
    kind: str = ""


@dataclass
class Record:
    """One record geo made, reduced to what the scorer compares."""

    id: str
    type: str  # "attack" (any incident) or "relocation"
    documents: frozenset[str]
    date: str | None
    place: Point | None = None
    origin: Point | None = None
    destination: Point | None = None
    killed: int | None = None
    injured: int | None = None
    people: int | None = None
    label: str = ""  # incident type or "relocation", for listings


@dataclass
class Verdict:
    """How one record compares with the gold event it is associated with."""

    record: Record
    event: GoldEvent | None
    place_right: bool = False
    date_compatible: bool = False
    date_right: bool = False
    figures_right: bool = False
    injured_right: bool = False
    distance_km: float | None = None  # worst end for a relocation; None: no place

    @property
    def matches(self) -> bool:
        return self.event is not None and self.place_right and self.date_compatible and self.figures_right


# ---------------------------------------------------------------- rules


def haversine_km(a: Point, b: Point) -> float:
    """Great-circle distance between two points, in km."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def date_interval(iso: str) -> tuple[dt.date, dt.date]:
    """First and last day of a partial ISO date (``2015``, ``2015-03``, ``2015-03-04``).

    Raises
    ------
    ValueError
        When ``iso`` is not one of those forms.
    """
    parts = iso.strip().split("-")
    if len(parts) == 1:
        y = int(parts[0])
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if len(parts) == 2:
        y, m = int(parts[0]), int(parts[1])
        nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
        return dt.date(y, m, 1), nxt - dt.timedelta(days=1)
    if len(parts) == 3:
        day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        return day, day
    raise ValueError(f"not an ISO date: {iso!r}")


def gold_window(event: GoldEvent) -> tuple[dt.date, dt.date] | None:
    """The event's date window, widened by a day each side at day precision."""
    if not event.date:
        return None
    start, end = date_interval(event.date)
    if event.date_end:
        end = date_interval(event.date_end)[1]
    if len(event.date.split("-")) == 3:
        start, end = start - dt.timedelta(days=1), end + dt.timedelta(days=1)
    return start, end


def date_verdict(record_date: str | None, event: GoldEvent) -> tuple[bool, bool]:
    """(compatible, right) for a record's date against an event's window."""
    window = gold_window(event)
    if record_date is None:
        return True, window is None
    if window is None:  # the texts give no date: any date is compatible, none is right
        return True, False
    try:
        start, end = date_interval(record_date)
    except ValueError:
        return False, False
    compatible = start <= window[1] and end >= window[0]
    right = window[0] <= start and end <= window[1]
    return compatible, right


def figure_right(value: int | None, gold: tuple[int, int] | None) -> bool:
    """A record's figure against the gold [low, high]; null gold wants no figure (or 0)."""
    if gold is None:
        return not value
    return value is not None and gold[0] <= value <= gold[1]


def place_verdict(record: Record, event: GoldEvent) -> tuple[bool, float | None]:
    """(right, distance in km) of a record's place; a relocation's worst end."""
    if event.type == "relocation":
        if record.origin is None or record.destination is None:
            return False, None
        d_from = haversine_km(record.origin, event.origin)
        d_to = haversine_km(record.destination, event.destination)
        return d_from <= event.origin.tolerance_km and d_to <= event.destination.tolerance_km, max(d_from, d_to)
    if record.place is None:
        return False, None
    d = haversine_km(record.place, event.place)
    return d <= event.place.tolerance_km, d


def judge(record: Record, event: GoldEvent) -> Verdict:
    """Every criterion of ``record`` against ``event`` (same family assumed)."""
    place_right, distance = place_verdict(record, event)
    compatible, right = date_verdict(record.date, event)
    key_value, key_gold = _key_figure(record, event)
    return Verdict(record, event, place_right=place_right, date_compatible=compatible, date_right=right,
                   figures_right=figure_right(key_value, key_gold),
                   injured_right=event.injured is not None and figure_right(record.injured, event.injured),
                   distance_km=distance)


def associate(record: Record, events_by_document: dict[str, list[GoldEvent]]) -> Verdict:
    """The verdict of ``record`` against its best gold event (see the module docstring)."""
    candidates = {e.id: e for d in sorted(record.documents) for e in events_by_document.get(d, ())
                  if e.type == record.type}
    if not candidates:
        return Verdict(record, None)
    verdicts = [judge(record, candidates[k]) for k in sorted(candidates)]
    return min(verdicts, key=_association_key)


def _association_key(v: Verdict) -> tuple:
    """Order of preference among a record's candidate events (smallest first)."""
    value, gold = _key_figure(v.record, v.event)
    evidence = value is not None and gold is not None and gold[0] <= value <= gold[1]
    return (not evidence, gold[1] - gold[0] if evidence else 0, not v.place_right, not v.date_compatible,
            _days_apart(v.record.date, v.event), v.distance_km if v.distance_km is not None else math.inf,
            v.event.id)


def _days_apart(record_date: str | None, event: GoldEvent) -> int:
    """Days between the record's date and the event's own (unwidened) dates; 0 when either is undated.

    Two attacks at one place a day apart both fit a record of either day in the one-day widened window; the
    record is about the one of its own day."""
    if record_date is None or not event.date:
        return 0
    try:
        start, end = date_interval(record_date)
    except ValueError:
        return 0
    first, last = date_interval(event.date)
    if event.date_end:
        last = date_interval(event.date_end)[1]
    return max((first - end).days, (start - last).days, 0)


def _key_figure(record: Record, event: GoldEvent) -> tuple[int | None, tuple[int, int] | None]:
    """(record value, gold range) of the key figure: people for relocations, killed for attacks."""
    if event.type == "relocation":
        return record.people, event.people
    return record.killed, event.killed


def score(records: list[Record], events: list[GoldEvent]) -> dict:
    """Recall, precision, fragmentation and far placements of ``records`` against ``events``.

    Returns a plain dict (the ``--json`` output); ``verdicts`` and
    ``per_event`` are kept under keys starting with ``_`` for listings.
    """
    by_document: dict[str, list[GoldEvent]] = {}
    for e in sorted(events, key=lambda e: e.id):
        for d in e.documents:
            by_document.setdefault(d, []).append(e)
    verdicts = [associate(r, by_document) for r in sorted(records, key=lambda r: r.id)]
    per_event: dict[str, list[Verdict]] = {e.id: [] for e in events}
    for v in verdicts:
        if v.event is not None:
            per_event[v.event.id].append(v)
    main = [e for e in events if e.role == "main"]

    def share(pred) -> tuple[int, int]:
        return sum(1 for e in main if any(pred(v) for v in per_event[e.id])), len(main)

    full = share(lambda v: v.place_right and v.date_right and v.figures_right)
    associated = [v for v in verdicts if v.event is not None]
    found_events = [k for k, vs in per_event.items() if vs]
    with_injured = [e for e in main if e.injured is not None]
    result = {
        "documents": len({d for e in events for d in e.documents}),
        "gold_events": len(main),
        "gold_mentioned": len(events) - len(main),
        "records": len(records),
        "recall": _ratio(*full), "recall_n": list(full),
        "recall_place": _ratio(*share(lambda v: v.place_right)),
        "recall_date": _ratio(*share(lambda v: v.date_right)),
        "recall_figures": _ratio(*share(lambda v: v.figures_right)),
        "recall_found": _ratio(*share(lambda v: True)),
        "recall_injured": _ratio(sum(1 for e in with_injured if any(v.injured_right for v in per_event[e.id])),
                                 len(with_injured)),
        "precision": _ratio(sum(1 for v in verdicts if v.matches), len(records)),
        "precision_n": [sum(1 for v in verdicts if v.matches), len(records)],
        "records_per_event": _ratio(len(associated), len(found_events)),
        "records_per_event_n": [len(associated), len(found_events)],
        "far_records": sum(1 for v in associated if v.distance_km is not None and v.distance_km > FAR_KM),
        "unplaced_records": sum(1 for v in associated if v.distance_km is None),
        "unassociated_records": len(verdicts) - len(associated),
        "mixed_records": sum(1 for v in associated if not v.record.documents <= v.event.documents),
        "_verdicts": verdicts,
        "_per_event": per_event,
        "_events": events,
    }
    return result


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


# ---------------------------------------------------------------- inputs


def _range(value) -> tuple[int, int] | None:
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return int(value), int(value)
    low, high = value
    return int(low), int(high)


def _point(d: dict | None) -> Point | None:
    if d is None:
        return None
    return Point(float(d["lat"]), float(d["lon"]), d.get("name", ""), float(d.get("tolerance_km", 0)))


def load_gold(path: Path, documents: set[str] | None = None) -> list[GoldEvent]:
    """Gold events of ``path``; with ``documents``, only those reported there (documents cut to them).

    Raises
    ------
    ValueError
        Naming the file and event when a row lacks a field or a type is unknown.
    """
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    events = []
    for i, row in enumerate(raw["events"]):
        where = f"{path}: event {i} ({row.get('id', '?')})"
        try:
            etype = row["type"]
            if etype not in ("attack", "relocation"):
                raise ValueError(f"{where}: type must be 'attack' or 'relocation', not {etype!r}")
            docs = frozenset(row["documents"])
            if documents is not None:
                docs &= documents
                if not docs:
                    continue
            e = GoldEvent(id=row["id"], type=etype, role=row.get("role", "main"), date=row.get("date"),
                          documents=docs, date_end=row.get("date_end"), kind=row.get("kind", ""),
                          killed=_range(row.get("killed")), injured=_range(row.get("injured")),
                          people=_range(row.get("people")))
            if etype == "relocation":
                e.origin, e.destination = _point(row["from"]), _point(row["to"])
            else:
                e.place = _point(row["place"])
            if e.date:
                gold_window(e)  # raises on a malformed date
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{where}: {exc}") from exc
        events.append(e)
    return events


def gold_from_curated(data_dir: Path) -> list[GoldEvent]:
    """Gold events from a data folder's curated ``incidents.csv``/``relocations.csv`` (for the seeds).

    Each row citing a document becomes a ``main`` event of that document: its
    curated date (and ``date_end``), its figure exactly (empty: null), its place
    from geo's gazetteer read with that folder (tolerance: the place's
    ``precision_km``, at least 10 km). Rows citing no document are left out.

    Raises
    ------
    ValueError
        Naming the file and line when a place is not in the gazetteer.
    """
    from geo.gazetteer import load_gazetteer

    data_dir = Path(data_dir)
    gaz = load_gazetteer(data_dir)

    def point(name: str, where: str) -> Point:
        found = gaz.lookup(name) if name else []
        if not found:
            raise ValueError(f"{where}: place {name!r} not in the gazetteer")
        place = found[0]
        return Point(place.lat, place.lon, place.name, max(10.0, place.precision_km))

    def figure(text: str | None) -> tuple[int, int] | None:
        return (int(text), int(text)) if text and text.strip() else None

    events = []
    for name, etype in (("incidents.csv", "attack"), ("relocations.csv", "relocation")):
        path = data_dir / name
        if not path.exists():
            continue
        with open(path, encoding="utf-8", newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                if not (row.get("document") or "").strip():
                    continue
                where = f"{path}:{line}"
                e = GoldEvent(id=row.get("incident_id") or row.get("relocation_id"), type=etype, role="main",
                              date=row.get("date") or None, date_end=row.get("date_end") or None,
                              documents=frozenset({row["document"].strip()}), kind=row.get("type", etype))
                if etype == "attack":
                    e.place = point(row["place"], where)
                    e.killed, e.injured = figure(row.get("killed")), figure(row.get("injured"))
                else:
                    e.origin, e.destination = point(row["from_place"], where), point(row["to_place"], where)
                    e.people = figure(row.get("people"))
                events.append(e)
    return events


def _best(obj, name: str) -> int | None:
    """The best estimate geo gives for a figure: ``<name>_best`` if present, else ``<name>``."""
    for attr in (f"{name}_best", name):
        value = getattr(obj, attr, None)
        if value is not None:
            return int(value)
    return None


def records_from_build(build) -> list[Record]:
    """Every incident and relocation of a ``geo.models.Build`` as scorer records."""
    coords = {p.place_id: Point(p.lat, p.lon, p.name) for p in build.places}

    def point(place_id):
        return coords.get(place_id) if place_id else None

    out = []
    for inc in build.incidents:
        out.append(Record(id=inc.incident_id, type="attack", date=inc.date, place=point(inc.place_id),
                          documents=frozenset(s.document for s in inc.sources if s.document),
                          killed=_best(inc, "killed"), injured=_best(inc, "injured"), label=inc.type))
    for rel in build.relocations:
        out.append(Record(id=rel.relocation_id, type="relocation", date=rel.date,
                          origin=point(rel.from_place_id), destination=point(rel.to_place_id),
                          documents=frozenset(s.document for s in rel.sources if s.document),
                          people=_best(rel, "people"), label="relocation"))
    return out


def split_documents(split: str) -> list[Path]:
    """The .txt files of a split (one of :data:`SPLITS`, or ``all`` = dev + heldout), checked against sources.csv."""
    with open(SET_DIR / "sources.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    wanted = {"dev", "heldout"} if split == "all" else {split}
    paths = []
    for line, row in enumerate(rows, start=2):
        path = SET_DIR / row["split"] / f"{row['document']}.txt"
        if not path.exists():
            raise FileNotFoundError(f"{SET_DIR / 'sources.csv'}:{line}: no file {path}")
        if row["split"] in wanted:
            paths.append(path)
    return sorted(paths, key=lambda p: p.name)


def run_geo(doc_paths: list[Path], data_dir: Path | None, cache_dir: Path | None, gazetteer: Path | None = None,
            published: bool = False):
    """geo's pipeline on these files (copied into one temporary folder) and an empty or given data folder.

    ``gazetteer``: a curated gazetteer CSV copied alone into the otherwise empty data folder.
    ``published``: also give geo each excerpt's publication date (from ``sources.csv``) as a
    ``documents.csv`` row, as a user's corpus would carry it (a page's metadata, a dump's date
    column); without it geo has only the text.
    """
    from geo import pipeline

    with tempfile.TemporaryDirectory(prefix="geo-events-") as tmp:
        docs = Path(tmp) / "docs"
        docs.mkdir()
        for p in doc_paths:
            shutil.copyfile(p, docs / p.name)
        data = Path(data_dir) if data_dir is not None else Path(tmp) / "data"
        data.mkdir(exist_ok=True)
        if gazetteer is not None and data_dir is None:
            shutil.copyfile(gazetteer, data / "gazetteer.csv")
        if published and data_dir is None:
            with (SET_DIR / "sources.csv").open(encoding="utf-8", newline="") as f:
                dates = {r["document"]: r["published"] for r in csv.DictReader(f)}
            with (data / "documents.csv").open("w", encoding="utf-8", newline="") as f:
                w = csv.writer(f, lineterminator="\n")
                w.writerow(["document", "published", "title", "date_note"])
                for p in doc_paths:
                    if dates.get(p.stem):
                        w.writerow([p.stem, dates[p.stem], "", "publication date of the source (sources.csv)"])
        return pipeline.run(docs, data_dir=data, cache_dir=cache_dir)


# ---------------------------------------------------------------- report


def _fmt(x) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def report(result: dict, title: str, verbose: bool) -> str:
    """Human-readable summary (and listings with ``verbose``)."""
    r = result
    lines = [
        f"{title}: {r['documents']} documents, {r['gold_events']} gold events (+{r['gold_mentioned']} mentioned), "
        f"{r['records']} records",
        f"  event recall (place+date+figures): {_fmt(r['recall'])} ({r['recall_n'][0]}/{r['recall_n'][1]})",
        f"    place {_fmt(r['recall_place'])}  date {_fmt(r['recall_date'])}  figures {_fmt(r['recall_figures'])}"
        f"  found {_fmt(r['recall_found'])}  injured {_fmt(r['recall_injured'])}",
        f"  precision: {_fmt(r['precision'])} ({r['precision_n'][0]}/{r['precision_n'][1]})",
        f"  records per gold event: {_fmt(r['records_per_event'])} "
        f"({r['records_per_event_n'][0]} records / {r['records_per_event_n'][1]} events)",
        f"  records > {FAR_KM:.0f} km from the scene: {r['far_records']}; unplaced: {r['unplaced_records']}; "
        f"unassociated records: {r['unassociated_records']}",
        f"  mixed records (sources from documents not reporting their event): {r['mixed_records']}",
    ]
    if verbose:
        lines.append("  gold events:")
        for e in sorted(r["_events"], key=lambda e: (e.role != "main", e.id)):
            vs = r["_per_event"][e.id]
            ok = any(v.place_right and v.date_right and v.figures_right for v in vs)
            lines.append(f"    [{'ok' if ok else 'MISS' if e.role == 'main' else '  - '}] {e.id} ({e.role}): "
                         f"{len(vs)} record(s)")
            for v in vs:
                lines.append("        " + _describe(v))
        bad = [v for v in r["_verdicts"] if not v.matches]
        lines.append(f"  records not matching a gold event ({len(bad)}):")
        for v in bad:
            lines.append("    " + _describe(v))
    return "\n".join(lines)


def _describe(v: Verdict) -> str:
    rec = v.record
    if rec.type == "relocation":
        where = f"{rec.origin.name if rec.origin else None} -> {rec.destination.name if rec.destination else None}"
        fig = f"people={rec.people}"
    else:
        where = rec.place.name if rec.place else None
        fig = f"killed={rec.killed} injured={rec.injured}"
    dist = "n/a" if v.distance_km is None else f"{v.distance_km:.0f} km"
    flags = "" if v.event is None else (
        f" place={'y' if v.place_right else 'n'}({dist}) date={'y' if v.date_right else 'c' if v.date_compatible else 'n'}"
        f" figures={'y' if v.figures_right else 'n'}")
    about = v.event.id if v.event else "no gold event"
    return f"{rec.id} [{rec.label}] {where} {rec.date} {fig} -> {about}{flags} docs={','.join(sorted(rec.documents))}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=(*SPLITS, "all"), default="dev")
    ap.add_argument("--docs", type=Path, help="a folder of .txt documents instead of a split (needs --gold)")
    ap.add_argument("--gold", type=Path, help="gold file (default bench/events/gold.json)")
    ap.add_argument("--gold-from-data", type=Path, metavar="DIR",
                    help="gold events from DIR's curated incidents.csv/relocations.csv (e.g. --docs seeds)")
    ap.add_argument("--data", type=Path, help="data folder given to geo (default: an empty one)")
    ap.add_argument("--gazetteer", type=Path, help="curated gazetteer CSV put alone in the empty data folder")
    ap.add_argument("--cache-dir", type=Path, help="geo's cache folder (gazetteer index)")
    ap.add_argument("--published", action="store_true",
                    help="give geo each excerpt's publication date as metadata (documents.csv from sources.csv), "
                         "as a page's metadata or a dump's date column would; default: the text alone")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("--verbose", action="store_true", help="list every gold event's records and the false records")
    args = ap.parse_args(argv)
    if args.docs is not None and args.gold is None and args.gold_from_data is None:
        ap.error("--docs needs --gold or --gold-from-data")
    if args.data is not None and args.gazetteer is not None:
        ap.error("--gazetteer goes into an empty data folder: give --data or --gazetteer, not both")
    if args.docs is not None:
        paths = sorted(Path(args.docs).glob("*.txt"), key=lambda p: p.name)
        title = str(args.docs)
    else:
        paths = split_documents(args.split)
        title = (f"split {args.split}" + (f" (gazetteer {args.gazetteer})" if args.gazetteer else "")
                 + (" (publication dates as metadata)" if args.published else ""))
    if args.gold_from_data is not None:
        gold = [e for e in gold_from_curated(args.gold_from_data) if e.documents <= {p.stem for p in paths}]
    else:
        gold = load_gold(args.gold or SET_DIR / "gold.json", {p.stem for p in paths})
    started = time.perf_counter()
    build = run_geo(paths, args.data, args.cache_dir, args.gazetteer, args.published)
    seconds = time.perf_counter() - started
    result = score(records_from_build(build), gold)
    if args.json:
        public = {k: v for k, v in result.items() if not k.startswith("_")}
        public.update(split=None if args.docs else args.split, docs=str(args.docs) if args.docs else None,
                      data=str(args.data) if args.data else None,
                      gazetteer=str(args.gazetteer) if args.gazetteer else None, seconds=round(seconds, 1))
        print(json.dumps(public, indent=1, sort_keys=True))
    else:
        print(report(result, title, args.verbose))
        print(f"  ({seconds:.0f} s for geo.pipeline.run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
