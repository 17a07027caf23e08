"""The output contract of ``python -m geo build`` (README, "Output contract")."""
from __future__ import annotations

import csv
import json
import re

import geopandas as gpd
import pytest
from shapely.geometry import shape

from conftest import SEEDS

ISO_DATE = {"year": re.compile(r"^\d{4}$"), "month": re.compile(r"^\d{4}-\d{2}$"),
            "day": re.compile(r"^\d{4}-\d{2}-\d{2}$")}
SOURCE_KEYS = {"document", "quote", "start", "end", "killed", "injured", "people", "date", "claimed_by",
               "url"}


def load(out, name):
    return json.loads((out / name).read_text(encoding="utf-8"))


def check_collection(fc, geometry_type):
    assert fc["type"] == "FeatureCollection"
    assert "crs" not in fc  # RFC 7946 §4
    for f in fc["features"]:
        assert f["type"] == "Feature"
        assert f["geometry"]["type"] == geometry_type
        geom = shape(f["geometry"])
        assert geom.is_valid
        for lon, lat in geom.coords:
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    return [f["properties"] for f in fc["features"]]


def check_sources(sources, texts):
    assert sources, "every incident and relocation cites at least one source"
    for s in sources:
        assert set(s) == SOURCE_KEYS
        assert isinstance(s["quote"], str) and s["quote"].strip()
        if s["start"] is not None:  # a quote from a document: offsets point at it exactly
            assert texts[s["document"]][s["start"]:s["end"]] == s["quote"]


def check_date(date, precision):
    if date is None:
        assert precision is None
    else:
        assert ISO_DATE[precision].match(date), (date, precision)


@pytest.fixture(scope="module")
def texts():
    from geo.documents import decode_text

    return {p.stem: decode_text(p.read_bytes(), p)[0] for p in SEEDS.glob("*.txt")}


def test_places_schema_and_lonlat_order(seed_build):
    props = check_collection(load(seed_build, "places.geojson"), "Point")
    assert props, "the seeds name places"
    for p in props:
        assert list(p) == ["place_id", "name", "kind", "country_code", "precision_km", "source", "mentions",
                           "documents"]
        assert re.match(r"^[a-z]+:\S+$", p["place_id"])
        assert p["kind"] in {"site", "city", "town", "region", "country", "continent", "place", "admin2"}
        assert p["country_code"] is None or re.match(r"^[A-Z]{2}$", p["country_code"])
        assert isinstance(p["precision_km"], float) and p["precision_km"] > 0
        assert isinstance(p["mentions"], int) and p["mentions"] >= 0
        assert p["documents"] == sorted(set(p["documents"]))
    ids = [p["place_id"] for p in props]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    # lon/lat order: Baghdad is at about 44.4°E, 33.3°N — swapped it would be in the Indian Ocean.
    baghdad = [f for f in load(seed_build, "places.geojson")["features"] if f["properties"]["name"] == "Baghdad"]
    assert baghdad and baghdad[0]["geometry"]["coordinates"][0] == pytest.approx(44.4, abs=0.5)


def test_incidents_schema(seed_build, texts):
    props = check_collection(load(seed_build, "incidents.geojson"), "Point")
    assert props, "the seeds tell of attacks"
    places = {p["properties"]["place_id"] for p in load(seed_build, "places.geojson")["features"]}
    for p in props:
        assert {"incident_id", "type", "date", "date_precision", "killed", "injured", "place_id", "place_name",
                "summary", "origin", "sources"} <= set(p)
        assert p["origin"] in {"curated", "extracted"}
        check_date(p["date"], p["date_precision"])
        for k in ("killed", "injured"):
            assert p[k] is None or (isinstance(p[k], int) and p[k] >= 0)
        assert p["place_id"] in places
        check_sources(p["sources"], texts)
    ids = [p["incident_id"] for p in props]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_relocations_schema(seed_build, texts):
    props = check_collection(load(seed_build, "relocations.geojson"), "LineString")
    assert props, "the seeds tell of relocations"
    places = {f["properties"]["place_id"]: f["geometry"]["coordinates"]
              for f in load(seed_build, "places.geojson")["features"]}
    fc = load(seed_build, "relocations.geojson")
    for f, p in zip(fc["features"], props):
        assert {"relocation_id", "from_place_id", "to_place_id", "date", "date_end", "date_precision", "people",
                "summary", "origin", "sources"} <= set(p)
        # the line runs from the origin to the destination
        assert f["geometry"]["coordinates"][0] == places[p["from_place_id"]]
        assert f["geometry"]["coordinates"][-1] == places[p["to_place_id"]]
        check_date(p["date"], p["date_precision"])
        assert p["people"] is None or (isinstance(p["people"], int) and p["people"] >= 0)
        check_sources(p["sources"], texts)


def test_geojson_reads_back_with_geopandas(seed_build):
    for name in ("places.geojson", "incidents.geojson", "relocations.geojson"):
        gdf = gpd.read_file(seed_build / name)
        assert gdf.crs.to_epsg() == 4326
        assert len(gdf) == len(load(seed_build, name)["features"])


def test_mentions_csv_points_into_the_documents(seed_build, texts):
    with open(seed_build / "mentions.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows
    places = {f["properties"]["place_id"] for f in load(seed_build, "places.geojson")["features"]}
    for r in rows:
        assert texts[r["document"]][int(r["start"]):int(r["end"])] == r["text"]
        assert r["place_id"] == "" or r["place_id"] in places
        assert 0 <= float(r["confidence"]) <= 1
        assert r["reason"]
