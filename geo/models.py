"""Plain data passed between the pipeline's stages.

documents → mentions → places → incidents/relocations → layers → outputs.
Every stage takes and returns these (or GeoDataFrames built from them); only
``geo.cli`` and the writers in ``geo.export``/``geo.maps`` touch the file system.

Documentation: docs/design.md.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Document:
    """One input text.

    ``published`` is an ISO 8601 date that may be partial (``2014``, ``2014-05``,
    ``2014-05-03``) or None when unknown; relative dates in ``text`` are read
    against it and nothing is invented when it is None.
    """

    id: str
    text: str
    path: Path | None = None
    published: str | None = None
    title: str | None = None
    date_note: str | None = None
    #: where ``published`` came from: "metadata" (data/documents.csv), "file" (the file's own
    #: metadata: HTML meta tags, PDF info, a dump's date column), "dateline", "text" or "none"
    date_source: str = "none"
    url: str | None = None  # the source's address when known (canonical URL, a dump's url column)


@dataclass(frozen=True)
class Place:
    """A gazetteer entry (or an online geocoder's answer)."""

    place_id: str  # stable: "geonames:<id>", "curated:<slug>", "nominatim:<osm_type><osm_id>"
    name: str
    kind: str  # site, city, region, country, …
    lat: float
    lon: float
    country_code: str | None = None  # ISO 3166-1 alpha-2
    precision_km: float = 1.0  # radius of the location's uncertainty
    source: str = "geonames"  # curated, geonames, nominatim, …
    population: int = 0
    aliases: tuple[str, ...] = ()
    admin1: str | None = None
    citation: str | None = None

    def __post_init__(self):
        # The one place where places are made: no coordinate reaches a layer unchecked,
        # whether it came from the gazetteer, a curated file or an online geocoder.
        problem = coordinate_problem(self.lat, self.lon, self.precision_km)
        if problem:
            raise ValueError(f"place {self.name!r}: {problem}")


def coordinate_problem(lat, lon, precision_km=1.0) -> str | None:
    """Why (``lat``, ``lon``, ``precision_km``) cannot be a place's location, or None when it can.

    Latitude must be a finite number in [-90, 90], longitude in [-180, 180],
    the radius of uncertainty a finite number > 0.
    """
    try:
        lat, lon, precision_km = float(lat), float(lon), float(precision_km)
    except (TypeError, ValueError):
        return f"coordinates are not numbers: {lat!r}, {lon!r}, precision {precision_km!r}"
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return f"coordinates are not finite: {lat}, {lon}"
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return f"latitude/longitude out of range: {lat}, {lon}"
    if not (math.isfinite(precision_km) and precision_km > 0):
        return f"precision_km must be a finite number > 0: {precision_km}"
    return None


@dataclass(frozen=True)
class Mention:
    """A place name found in a document, with character offsets into its text."""

    document: str
    start: int
    end: int
    text: str
    place_id: str | None  # None: recognised as a place name but not resolved
    confidence: float
    reason: str


@dataclass(frozen=True)
class Source:
    """Provenance of an incident or relocation: the exact words that say so.

    ``start``/``end`` are character offsets into the document's text, so
    ``document.text[start:end] == quote``; they are None for an external
    citation. The figures are those this source gave.
    """

    document: str
    quote: str
    start: int | None = None
    end: int | None = None
    killed: int | None = None
    injured: int | None = None
    people: int | None = None
    date: str | None = None
    #: who made the claim where the text says ("the interior ministry", "a hospital"); None when it does not
    claimed_by: str | None = None


@dataclass
class Incident:
    incident_id: str
    type: str  # attack, raid, massacre, rocket attack, …
    date: str | None  # YYYY, YYYY-MM or YYYY-MM-DD
    date_precision: str | None  # year, month, day
    place_id: str | None
    place_name: str | None
    killed: int | None = None
    injured: int | None = None
    summary: str = ""
    origin: str = "extracted"  # curated or extracted
    confidence: float = 1.0
    sources: list[Source] = field(default_factory=list)
    killed_range: tuple[int, int] | None = None  # (low, high) when sources differ
    injured_range: tuple[int, int] | None = None
    #: UCDP GED-style estimates (docs/events.md): lowest and highest figure the sources allow, and the best
    killed_low: int | None = None
    killed_high: int | None = None
    killed_best: int | None = None
    injured_low: int | None = None
    injured_high: int | None = None
    injured_best: int | None = None
    #: who acted and who was hit, as the text words them ("security forces", "residents"); None when not stated
    actor1: str | None = None
    actor2: str | None = None
    #: radius (km) of the chosen place's uncertainty, and how the place was chosen
    place_precision_km: float | None = None
    place_note: str | None = None


@dataclass
class Relocation:
    relocation_id: str
    from_place_id: str | None
    to_place_id: str | None
    date: str | None
    date_end: str | None = None
    date_precision: str | None = None
    people: int | None = None
    summary: str = ""
    origin: str = "extracted"
    confidence: float = 1.0
    sources: list[Source] = field(default_factory=list)
    from_place_name: str | None = None
    to_place_name: str | None = None
    people_low: int | None = None
    people_high: int | None = None
    people_best: int | None = None


@dataclass(frozen=True)
class Skip:
    """Something a build left out, and why. Nothing is dropped silently."""

    what: str  # document, row, mention, incident, …
    where: str  # "path:line" or a document id
    reason: str


@dataclass
class Build:
    """Everything one run of the pipeline produced, before anything is written."""

    documents: list[Document]
    mentions: list[Mention]
    places: list[Place]
    incidents: list[Incident]
    relocations: list[Relocation]
    skipped: list[Skip] = field(default_factory=list)
    #: where the documents' texts are when ``documents`` hold them empty (a ``geo.documents.TextSpool``)
    texts: object = field(default=None, repr=False, compare=False)
