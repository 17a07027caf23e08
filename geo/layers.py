"""Stage 4 — layers: the build as GeoDataFrames (EPSG:4326), one per output.

Columns follow the output contract in the README, in a fixed order, rows sorted
by their id, so that every writer downstream is deterministic.

Documentation: docs/design.md and the README's output contract.
"""
from __future__ import annotations

import dataclasses

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, Point

from .models import Build, Skip

PLACE_COLUMNS = ["place_id", "name", "kind", "country_code", "precision_km", "source", "mentions", "documents"]
INCIDENT_COLUMNS = [
    "incident_id", "type", "date", "date_precision", "killed", "injured", "killed_range", "injured_range",
    "killed_low", "killed_high", "killed_best", "injured_low", "injured_high", "injured_best", "actor1", "actor2",
    "place_id", "place_name", "place_precision_km", "summary", "origin", "confidence", "sources",
]
RELOCATION_COLUMNS = [
    "relocation_id", "from_place_id", "from_place_name", "to_place_id", "to_place_name", "date", "date_end",
    "date_precision", "people", "people_low", "people_high", "people_best", "summary", "origin", "confidence",
    "sources",
]


def _frame(records: list[dict], geometry: list, columns: list[str]) -> gpd.GeoDataFrame:
    # object dtype keeps ints as ints and None as None (no NaN, no 11.0).
    df = pd.DataFrame(records, columns=columns, dtype=object)
    return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geometry, crs="EPSG:4326"), crs="EPSG:4326")


def _sources(sources, urls: dict[str, str | None]) -> list[dict]:
    """Each source as a dict, with ``url``: its document's address when known (a page's canonical URL)."""
    return [{**dataclasses.asdict(s), "url": urls.get(s.document)} for s in sources]


def _urls(build: Build) -> dict[str, str | None]:
    return {d.id: d.url for d in build.documents if d.url}


def places_frame(build: Build) -> gpd.GeoDataFrame:
    """Places as points, with how often and where they are mentioned."""
    by_place: dict[str, list] = {}
    for m in build.mentions:
        if m.place_id:
            by_place.setdefault(m.place_id, []).append(m)
    records, geometry = [], []
    for p in sorted(build.places, key=lambda p: p.place_id):
        ms = by_place.get(p.place_id, [])
        records.append({
            "place_id": p.place_id, "name": p.name, "kind": p.kind, "country_code": p.country_code,
            "precision_km": float(p.precision_km), "source": p.source, "mentions": len(ms),
            "documents": sorted({m.document for m in ms}),
        })
        geometry.append(Point(p.lon, p.lat))
    return _frame(records, geometry, PLACE_COLUMNS)


def incidents_frame(build: Build) -> gpd.GeoDataFrame:
    """Incidents as points at their place; incidents without a place are not drawable."""
    places = {p.place_id: p for p in build.places}
    urls = _urls(build)
    records, geometry = [], []
    for i in sorted(build.incidents, key=lambda i: i.incident_id):
        place = places.get(i.place_id)
        if place is None:
            continue
        records.append({
            "incident_id": i.incident_id, "type": i.type, "date": i.date, "date_precision": i.date_precision,
            "killed": i.killed, "injured": i.injured,
            "killed_range": list(i.killed_range) if i.killed_range else None,
            "injured_range": list(i.injured_range) if i.injured_range else None,
            "killed_low": i.killed_low, "killed_high": i.killed_high, "killed_best": i.killed_best,
            "injured_low": i.injured_low, "injured_high": i.injured_high, "injured_best": i.injured_best,
            "actor1": i.actor1, "actor2": i.actor2,
            "place_id": i.place_id, "place_name": i.place_name or place.name,
            # the chosen place's uncertainty (the incident's own when given, else the place's)
            "place_precision_km": float(i.place_precision_km if i.place_precision_km is not None
                                        else place.precision_km),
            "summary": i.summary,
            "origin": i.origin, "confidence": round(float(i.confidence), 3), "sources": _sources(i.sources, urls),
        })
        geometry.append(Point(place.lon, place.lat))
    return _frame(records, geometry, INCIDENT_COLUMNS)


def relocations_frame(build: Build) -> gpd.GeoDataFrame:
    """Relocations as lines from origin to destination."""
    places = {p.place_id: p for p in build.places}
    urls = _urls(build)
    records, geometry = [], []
    for r in sorted(build.relocations, key=lambda r: r.relocation_id):
        a, b = places.get(r.from_place_id), places.get(r.to_place_id)
        if a is None or b is None:
            continue
        records.append({
            "relocation_id": r.relocation_id, "from_place_id": r.from_place_id, "from_place_name": a.name,
            "to_place_id": r.to_place_id, "to_place_name": b.name, "date": r.date, "date_end": r.date_end,
            "date_precision": r.date_precision, "people": r.people, "people_low": r.people_low,
            "people_high": r.people_high, "people_best": r.people_best, "summary": r.summary, "origin": r.origin,
            "confidence": round(float(r.confidence), 3), "sources": _sources(r.sources, urls),
        })
        geometry.append(LineString([(a.lon, a.lat), (b.lon, b.lat)]))
    return _frame(records, geometry, RELOCATION_COLUMNS)


def undrawable(build: Build) -> list[Skip]:
    """Incidents and relocations that have no resolvable place, reported as skipped."""
    ids = {p.place_id for p in build.places}
    skips = [Skip("incident", i.incident_id, f"no place resolved (place_id {i.place_id!r})")
             for i in build.incidents if i.place_id not in ids]
    skips += [Skip("relocation", r.relocation_id, "origin or destination not resolved")
              for r in build.relocations if r.from_place_id not in ids or r.to_place_id not in ids]
    return skips
