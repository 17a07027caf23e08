"""Exports: every format read back with geopandas equals the build's data.

The build is made of ``geo.models`` objects written here (no seed facts), with
text that tries to break each format: markup, ``javascript:`` URLs, quotes,
commas, newlines, non-ASCII.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import xml.etree.ElementTree as ET

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from hypothesis import given, strategies as st
from shapely.geometry import LineString, Point

from geo import export, layers
from geo.models import Build, Document, Incident, Mention, Place, Relocation, Source
from geo.settings import COORDINATE_PRECISION

from conftest import ROOT, run_geo

NASTY = 'He said "run" & <script>alert(1)</script> <img src=x onerror=alert(2)> javascript:alert(3), \'ok\'\nline2'
KML = "{http://www.opengis.net/kml/2.2}"


def make_build() -> Build:
    """A small build: three places, two drawable incidents (+1 without place), one relocation."""
    text = "Intro. " + NASTY + " Then 12 were hurt near Northtown; 300 people moved from Northtown to Südstadt."
    q1 = NASTY
    s1 = text.index(q1)
    q2 = "300 people moved from Northtown to Südstadt"
    s2 = text.index(q2)
    doc = Document("doc-a", text)
    places = [
        Place("curated:northtown", "Northtown", "site", 36.123456789, 41.987654321, "IQ", 2.0, "curated",
              admin1="North <b>Province</b>"),
        Place("geonames:42", "Südstadt", "city", 41.3275, 19.8189, "AL", 5.0, "geonames"),
        Place("geonames:7", 'Region "R", javascript:alert(4)', "region", -12.5, -77.25, "PE", 150.0, "geonames"),
    ]
    mentions = [Mention("doc-a", s2 + 22, s2 + 31, "Northtown", "curated:northtown", 0.9, "curated"),
                Mention("doc-a", s2 + 35, s2 + 43, "Südstadt", "geonames:42", 0.9, "gazetteer")]
    incidents = [
        Incident("inc-2", "rocket <attack>", "2011-07-03", "day", "curated:northtown", "Northtown", killed=3,
                 injured=None, summary=NASTY, origin="extracted", confidence=0.75,
                 sources=[Source("doc-a", q1, s1, s1 + len(q1), killed=3), Source("doc-b", "three died", killed=2)],
                 killed_range=(2, 3)),
        Incident("inc-1", "raid", "2010-02", "month", "geonames:7", None, killed=None, injured=12,
                 summary="", origin="curated", sources=[Source("citation", "Field report, 2010, p. 4", injured=12)]),
        Incident("inc-3", "attack", "2012", "year", "geonames:999", "Nowhere", summary="no place"),
    ]
    relocations = [
        Relocation("rel-1", "curated:northtown", "geonames:42", "2016-05", "2016-09", "month", people=300,
                   summary='moved "all"', origin="extracted", confidence=0.5,
                   sources=[Source("doc-a", q2, s2, s2 + len(q2), people=300)]),
    ]
    return Build([doc], mentions, places, incidents, relocations, [])


@pytest.fixture(scope="module")
def build() -> Build:
    return make_build()


@pytest.fixture(scope="module")
def written(build, tmp_path_factory):
    """Every format's files, written as the CLI writes them: {format: folder}."""
    out = {}
    for fmt in export.FORMATS:
        folder = tmp_path_factory.mktemp(fmt)
        export.write_atomic(export.export_files(build, fmt), folder)
        out[fmt] = folder
    return out


def _expected(build, layer):
    return export.FRAMES[layer](build)


def _assert_geometry_equal(got, expected):
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        assert g.geom_type == e.geom_type
        # flat lists: pytest ≥ 9.2's approx refuses nested structures
        assert [c for xy in g.coords for c in xy] == pytest.approx(
            [round(c, COORDINATE_PRECISION) for xy in e.coords for c in xy], abs=1e-9)


def _ints(series):
    return [None if pd.isna(v) else int(v) for v in series]


def _none(series):
    return [None if v is None or (isinstance(v, float) and pd.isna(v)) or v == "" else v for v in series]


def test_fixture_has_what_the_tests_need(build):
    inc = layers.incidents_frame(build)
    assert list(inc["incident_id"]) == ["inc-1", "inc-2"]  # sorted, inc-3 has no place
    assert len(layers.relocations_frame(build)) == 1


# --- GeoJSON ------------------------------------------------------------------------------


@pytest.mark.parametrize("layer,key", [("places", "place_id"), ("incidents", "incident_id"),
                                       ("relocations", "relocation_id")])
def test_geojson_round_trip(build, written, layer, key):
    path = written["geojson"] / f"{layer}.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    expected = _expected(build, layer)
    got = gpd.read_file(path)
    assert got.crs.to_epsg() == 4326
    assert list(got[key]) == list(expected[key])
    _assert_geometry_equal(got.geometry, expected.geometry)
    # Nested sources stay JSON lists of objects, equal to the build's.
    if layer != "places":
        assert [f["properties"]["sources"] for f in doc["features"]] == list(expected["sources"])
        assert [f["properties"]["date"] for f in doc["features"]] == list(expected["date"])
    # Fixed precision: no coordinate has more than COORDINATE_PRECISION decimals.
    decimals = re.findall(r"-?\d+\.(\d+)", json.dumps([f["geometry"] for f in doc["features"]]))
    assert decimals and max(len(d) for d in decimals) <= COORDINATE_PRECISION


def test_geojson_lon_lat_order(written):
    doc = json.loads((written["geojson"] / "places.geojson").read_text())
    north = next(f for f in doc["features"] if f["properties"]["place_id"] == "curated:northtown")
    assert north["geometry"]["coordinates"] == [41.987654, 36.123457]


# --- CSV ------------------------------------------------------------------------------------


def test_incidents_csv_acled_columns_and_values(build, written):
    path = written["csv"] / "incidents.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert list(rows[0])[:len(export.ACLED_COLUMNS)] == export.ACLED_COLUMNS
    by_id = {r["event_id"]: r for r in rows}
    assert sorted(by_id) == ["inc-1", "inc-2"]
    r = by_id["inc-2"]
    assert (r["event_date"], r["year"], r["time_precision"]) == ("2011-07-03", "2011", "1")
    assert (r["fatalities"], r["injured"]) == ("3", "")  # unknown stays empty, not 0
    assert (r["country"], r["admin1"], r["location"]) == ("Iraq", "North <b>Province</b>", "Northtown")
    assert (r["latitude"], r["longitude"], r["geo_precision"]) == ("36.123457", "41.987654", "1")
    assert r["notes"] == NASTY  # quotes, commas, newline survive CSV quoting
    assert r["source"] == "doc-a; doc-b"
    assert json.loads(r["sources"]) == [dict(s) for s in layers.incidents_frame(build)["sources"].iloc[1]]
    assert json.loads(r["killed_range"]) == [2, 3]
    r = by_id["inc-1"]
    assert (r["event_date"], r["date"], r["time_precision"]) == ("2010-02-01", "2010-02", "3")
    assert (r["country"], r["location"], r["geo_precision"]) == ("Peru", 'Region "R", javascript:alert(4)', "3")
    assert (r["fatalities"], r["injured"]) == ("", "12")
    assert r["source"] == "Field report, 2010, p. 4"  # a citation outside the corpus names itself


def test_incidents_csv_reads_as_points_with_geopandas(build, written):
    got = gpd.read_file(written["csv"] / "incidents.csv", X_POSSIBLE_NAMES="longitude",
                        Y_POSSIBLE_NAMES="latitude", KEEP_GEOM_COLUMNS="YES")
    expected = _expected(build, "incidents")
    assert list(got["event_id"]) == list(expected["incident_id"])
    _assert_geometry_equal(got.geometry, expected.geometry)
    assert list(got["date"]) == list(expected["date"])
    assert _ints(pd.to_numeric(got["fatalities"])) == list(expected["killed"])


def test_relocations_csv_origin_destination(build, written):
    rows = list(csv.DictReader((written["csv"] / "relocations.csv").open(encoding="utf-8", newline="")))
    assert len(rows) == 1
    r = rows[0]
    line = LineString([(float(r["origin_longitude"]), float(r["origin_latitude"])),
                       (float(r["destination_longitude"]), float(r["destination_latitude"]))])
    _assert_geometry_equal([line], _expected(build, "relocations").geometry)
    assert (r["origin_name"], r["destination_name"], r["destination_country"]) == ("Northtown", "Südstadt", "Albania")
    assert (r["date"], r["date_end"], r["people"], r["record_origin"]) == ("2016-05", "2016-09", "300", "extracted")
    assert json.loads(r["sources"])[0]["quote"] == "300 people moved from Northtown to Südstadt"


def test_places_csv_round_trip(build, written):
    got = gpd.read_file(written["csv"] / "places.csv", X_POSSIBLE_NAMES="longitude", Y_POSSIBLE_NAMES="latitude")
    expected = _expected(build, "places")
    assert list(got["place_id"]) == list(expected["place_id"])
    assert list(got["name"]) == list(expected["name"])
    _assert_geometry_equal(got.geometry, expected.geometry)
    assert [json.loads(d) for d in got["documents"]] == list(expected["documents"])
    assert _ints(pd.to_numeric(got["mentions"])) == list(expected["mentions"])


# --- GeoPackage ---------------------------------------------------------------------------


def test_gpkg_has_one_layer_per_table(written):
    path = written["gpkg"] / "geo.gpkg"
    assert [tuple(x) for x in pyogrio.list_layers(path)] == [
        ("places", "Point"), ("incidents", "Point"), ("relocations", "LineString")]
    info = pyogrio.read_info(path, layer="incidents")
    assert info["crs"] == "EPSG:4326" and info["features"] == 2
    types = dict(zip(info["fields"], info["dtypes"]))
    assert types["killed"] == "int64" and types["confidence"] == "float64" and types["sources"] == "object"
    # A GeoPackage is SQLite with GPKG's application id; QGIS and ogrinfo check both.
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # "GPKG"
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT table_name, last_change FROM gpkg_contents ORDER BY table_name").fetchall() == [
            ("incidents", "2000-01-01T00:00:00Z"), ("places", "2000-01-01T00:00:00Z"),
            ("relocations", "2000-01-01T00:00:00Z")]


@pytest.mark.parametrize("layer,key", [("places", "place_id"), ("incidents", "incident_id"),
                                       ("relocations", "relocation_id")])
def test_gpkg_round_trip(build, written, layer, key):
    got = gpd.read_file(written["gpkg"] / "geo.gpkg", layer=layer)
    expected = _expected(build, layer)
    assert list(got[key]) == list(expected[key])
    _assert_geometry_equal(got.geometry, expected.geometry)
    if layer == "places":
        assert list(got["name"]) == list(expected["name"])
        assert _ints(got["mentions"]) == list(expected["mentions"])
        assert [json.loads(d) for d in got["documents"]] == list(expected["documents"])
    else:
        assert _none(got["date"]) == list(expected["date"])
        assert [json.loads(s) for s in got["sources"]] == list(expected["sources"])
        assert _none(got["summary"]) == _none(expected["summary"])
    if layer == "incidents":
        assert _ints(got["killed"]) == list(expected["killed"])
        assert _ints(got["injured"]) == list(expected["injured"])
    if layer == "relocations":
        assert _ints(got["people"]) == [300]


def test_gpkg_single_layer_and_empty_layer(tmp_path):
    empty = Build([], [], make_build().places, [], [], [])
    files = export.export_files(empty, "gpkg", "incidents")
    assert list(files) == ["incidents.gpkg"]
    (tmp_path / "incidents.gpkg").write_bytes(files["incidents.gpkg"])
    got = gpd.read_file(tmp_path / "incidents.gpkg")
    assert len(got) == 0 and "incident_id" in got.columns


# --- KML ------------------------------------------------------------------------------------


def _placemarks(path):
    root = ET.parse(path).getroot()  # raises on malformed XML
    return root.findall(f".//{KML}Placemark")


def test_kml_placemarks_with_names_and_escaped_descriptions(build, written):
    marks = _placemarks(written["kml"] / "incidents.kml")
    names = [m.findtext(f"{KML}name") for m in marks]
    assert names == [f"2010-02 raid {build.places[2].name}", "2011-07-03 rocket <attack> Northtown"]
    desc = marks[1].findtext(f"{KML}description")
    # Google Earth renders descriptions as HTML: the text's markup arrives escaped.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in desc and "<script" not in desc
    assert "&lt;img src=x onerror=alert(2)&gt;" in desc and "<img" not in desc
    assert "<p><b>killed</b>: 3</p>" in desc
    coords = marks[1].find(f".//{KML}Point/{KML}coordinates").text.strip()
    assert coords.split(",")[:2] == ["41.987654", "36.123457"]  # lon,lat


@pytest.mark.parametrize("layer,key", [("places", "place_id"), ("incidents", "incident_id"),
                                       ("relocations", "relocation_id")])
def test_kml_round_trip(build, written, layer, key):
    got = gpd.read_file(written["kml"] / f"{layer}.kml")
    expected = _expected(build, layer)
    assert list(got[key]) == list(expected[key])
    _assert_geometry_equal(got.geometry, expected.geometry)
    if layer != "places":
        assert _none(got["date"]) == list(expected["date"])
        assert [json.loads(s) for s in got["sources"]] == list(expected["sources"])
    else:
        assert list(got["Name"]) == list(expected["name"])
        assert _ints(pd.to_numeric(got["mentions"])) == list(expected["mentions"])


def test_kml_relocation_is_a_line_named_from_to(written):
    (mark,) = _placemarks(written["kml"] / "relocations.kml")
    assert mark.findtext(f"{KML}name") == "Northtown → Südstadt (2016-05)"
    assert mark.find(f"{KML}LineString") is not None


# --- security, determinism ---------------------------------------------------------------------


def test_markup_in_text_is_data_in_every_export(build, written):
    """Markup and quotes stay the same string everywhere (valid JSON, CSV, XML, SQLite)."""
    geojson = json.loads((written["geojson"] / "incidents.geojson").read_text())
    assert geojson["features"][1]["properties"]["summary"] == NASTY
    assert geojson["features"][1]["properties"]["sources"][0]["quote"] == NASTY
    row = next(csv.DictReader(io.StringIO((written["csv"] / "incidents.csv").read_text())))
    assert row["location"] == 'Region "R", javascript:alert(4)'
    gp = gpd.read_file(written["gpkg"] / "geo.gpkg", layer="incidents")
    assert gp["summary"].iloc[1] == NASTY and json.loads(gp["sources"].iloc[1])[0]["quote"] == NASTY
    kml = gpd.read_file(written["kml"] / "incidents.kml")
    assert kml["summary"].iloc[1] == NASTY


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_same_build_same_bytes(fmt):
    assert export.export_files(make_build(), fmt) == export.export_files(make_build(), fmt)


def test_export_files_rejects_unknown_format_and_layer(build):
    with pytest.raises(ValueError, match="unknown format"):
        export.export_files(build, "shp")
    with pytest.raises(ValueError, match="unknown layer"):
        export.export_files(build, "csv", "roads")


# --- the command ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_docs(tmp_path_factory):
    docs = tmp_path_factory.mktemp("docs")
    (docs / "a.txt").write_text("Families left Baghdad for Tehran in the spring. Later Baghdad was quiet.\n")
    (docs / "b.txt").write_text("A convoy drove from Paris to Baghdad.\n")
    return docs


@pytest.mark.parametrize("fmt,files", [("geojson", ["incidents.geojson", "places.geojson", "relocations.geojson"]),
                                       ("csv", ["incidents.csv", "places.csv", "relocations.csv"]),
                                       ("gpkg", ["geo.gpkg"]),
                                       ("kml", ["incidents.kml", "places.kml", "relocations.kml"])])
def test_cli_export_every_format(small_docs, tmp_path, fmt, files):
    out = tmp_path / "out"
    proc = run_geo("export", "--documents", small_docs, "--data", ROOT / "data", "--format", fmt, "--out", out)
    assert sorted(p.name for p in out.iterdir()) == files
    assert "wrote" in proc.stdout
    layer = gpd.read_file(out / files[0 if fmt == "gpkg" else 1], layer="places" if fmt == "gpkg" else None)
    names = set(layer["Name"] if fmt == "kml" else layer["name"])
    assert {"Baghdad", "Tehran", "Paris"} <= names


def test_cli_export_single_layer_to_a_file(small_docs, tmp_path):
    target = tmp_path / "sub" / "my-places.csv"
    run_geo("export", "--documents", small_docs, "--data", ROOT / "data", "--format", "csv", "--layer", "places",
            "--out", target, "-q")
    assert sorted(p.name for p in target.parent.iterdir()) == ["my-places.csv"]
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    baghdad = next(r for r in rows if r["name"] == "Baghdad")
    assert baghdad["mentions"] == "3" and json.loads(baghdad["documents"]) == ["a", "b"]


def test_cli_export_help_lists_formats():
    proc = run_geo("export", "--help")
    assert re.search(r"\{geojson,csv,gpkg,kml\}", proc.stdout)
    proc = run_geo("export", "--format", "shp", check=False)
    assert proc.returncode == 2 and "invalid choice: 'shp'" in proc.stderr and "Traceback" not in proc.stderr


# --- the seeds, end to end: every export equals the build's GeoJSON ------------------------------------


@pytest.fixture(scope="module")
def seed_exports(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed-exports")
    for fmt in ("csv", "gpkg", "kml"):
        run_geo("export", "--documents", ROOT / "seeds", "--data", ROOT / "data", "--format", fmt,
                "--out", out / fmt, "-q")
    return out


def _geojson_frame(folder, layer):
    return gpd.read_file(folder / f"{layer}.geojson")


@pytest.mark.parametrize("layer,key,counts", [("places", "place_id", ["mentions"]),
                                              ("incidents", "incident_id", ["killed", "injured"]),
                                              ("relocations", "relocation_id", ["people"])])
def test_seed_exports_equal_the_build(seed_build, seed_exports, layer, key, counts):
    expected = _geojson_frame(seed_build, layer)
    assert len(expected), f"the seeds give {layer}"
    readers = {
        "gpkg": lambda: gpd.read_file(seed_exports / "gpkg" / "geo.gpkg", layer=layer),
        "kml": lambda: gpd.read_file(seed_exports / "kml" / f"{layer}.kml"),
    }
    for fmt, read in readers.items():
        got = read()
        assert list(got[key]) == list(expected[key]), fmt
        _assert_geometry_equal(got.geometry, expected.geometry)
        for c in counts:
            assert _ints(pd.to_numeric(got[c])) == _ints(expected[c]), (fmt, c)
        if layer != "places":
            assert _none(got["date"]) == _none(expected["date"]), fmt
            assert [json.loads(s) for s in got["sources"]] == [json.loads(s) if isinstance(s, str) else s
                                                                for s in expected["sources"]], fmt
    rows = list(csv.DictReader((seed_exports / "csv" / f"{layer}.csv").open(encoding="utf-8")))
    csv_key = {"incidents": "event_id"}.get(layer, key)
    assert [r[csv_key] for r in rows] == list(expected[key])
    if layer == "incidents":
        assert [_int_or_none(r["fatalities"]) for r in rows] == _ints(expected["killed"])
        assert [r["date"] or None for r in rows] == _none(expected["date"])
    if layer == "relocations":
        assert [_int_or_none(r["people"]) for r in rows] == _ints(expected["people"])


def _int_or_none(text):
    return int(text) if text else None


# --- spreadsheet-safe CSV (OWASP: CSV injection) ---------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://example.invalid","x")', "+1+2", "-3+4", "@SUM(A1)", "\tleading tab",
            "\rleading CR", "'=already quoted", "＝fullwidth", "a carriage\rreturn inside"]


def _formula_build() -> Build:
    text = " ".join(FORMULAS) + " then Northtown."
    doc_id = "=doc"  # a document file named like a formula
    start = text.index("Northtown")
    places = [Place("curated:northtown", "-Northtown", "site", 36.1, 41.9, "IQ", 2.0, "curated"),
              Place("geonames:42", "@Südstadt", "city", 41.3, 19.8, "AL", 5.0, "geonames")]
    mentions = [Mention(doc_id, start, start + 9, "Northtown", "curated:northtown", 0.9, "=reason")]
    incidents = [Incident(f"inc-{i}", "attack", "2011", "year", "curated:northtown", "-Northtown", summary=f,
                          origin="curated", sources=[Source("citation", f)]) for i, f in enumerate(FORMULAS)]
    relocations = [Relocation("+rel", "curated:northtown", "geonames:42", "2016", None, "year", people=3,
                              summary="=1+1", origin="curated", sources=[Source("citation", "@cite")])]
    return Build([Document(doc_id, text)], mentions, places, incidents, relocations, [])


def test_csv_exports_hold_no_formula_cell_and_read_back_exactly():
    build = _formula_build()
    files = export.export_files(build, "csv")
    files["mentions.csv"] = export.mentions_csv_text(build.mentions)
    for name, text in files.items():
        for row in csv.reader(io.StringIO(text, newline="")):
            for cell in row:
                assert cell[:1] not in export.FORMULA_STARTS, (name, cell)
    incidents = export.read_csv_rows(files["incidents.csv"])
    assert [r["notes"] for r in incidents] == FORMULAS
    assert [r["location"] for r in incidents] == ["-Northtown"] * len(FORMULAS)
    assert [json.loads(r["sources"])[0]["quote"] for r in incidents] == FORMULAS
    (rel,) = export.read_csv_rows(files["relocations.csv"])
    assert (rel["relocation_id"], rel["summary"], rel["destination_name"]) == ("+rel", "=1+1", "@Südstadt")
    (mention,) = export.read_csv_rows(files["mentions.csv"])
    assert (mention["document"], mention["reason"], mention["start"]) == ("=doc", "=reason", str(build.mentions[0].start))
    # Numbers are numbers: a negative coordinate is not text to neutralise.
    places = export.read_csv_rows(export.csv_text(pd.DataFrame({"name": ["-x"], "longitude": [-12.5]})))
    assert places == [{"name": "-x", "longitude": "-12.5"}]


@given(st.text(max_size=12))
def test_spreadsheet_safe_round_trips_any_text(text):
    safe = export.spreadsheet_safe(text)
    assert safe[:1] not in export.FORMULA_STARTS
    assert export.from_spreadsheet_safe(safe) == text
