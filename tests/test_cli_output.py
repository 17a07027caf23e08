"""What the commands print and where export writes: the summary grouped by reason, -v, --out PATH."""
from __future__ import annotations

import json

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point

from conftest import DATA, SEEDS, run_geo
from geo import settings
from geo.cli import export_target
from geo.errors import GeoError
from geo.export import geojson_layers_text, geojson_text
from geo.models import Build, Skip
from geo.summary import group_skips, reason_key, summary_lines

# --- grouping skipped items by reason -------------------------------------------------------------


def test_reason_key_elides_names_quotes_numbers_and_details():
    a = reason_key("'Smith' is a person's name: after the title 'Dr'")
    b = reason_key("'Okafor' is a person's name: after the title 'Governor'")
    assert a == b == "\u2026 is a person's name: after the title \u2026"
    # an extracted sentence quoted with double quotes because it holds an apostrophe
    c = reason_key("confidence 0.20 < 0.50 (trigger: raid; date '1999': year in the text): \"The town's market burned.\"")
    d = reason_key("confidence 0.35 < 0.50 (trigger: attack): 'Gunmen were seen near the bridge.'")
    assert c == d == "confidence \u2026 < \u2026"
    assert reason_key("not a .txt file") == "not a .txt file"
    assert reason_key("'Lakeview' left out: too unlikely") != reason_key("'Lakeview' left out: a common word")


def _build(skips: list[Skip]) -> Build:
    return Build(documents=[], mentions=[], places=[], incidents=[], relocations=[], skipped=skips)


def _many_skips() -> list[Skip]:
    skips = [Skip("mention", f"d{i}:{i * 10}", f"'Name{i}' is a person's name: after the title 'Mr'") for i in range(7)]
    skips += [Skip("mention", f"e:{i}", f"'Word{i}' left out: a common word inside a longer name") for i in range(4)]
    skips += [Skip("document", f"docs/n{i}.md", "not a .txt file") for i in range(2)]
    skips += [Skip("document", "docs/x.bin", "binary file"), Skip("row", "data/x.csv:3", "unknown document 'q'")]
    return skips


def test_group_skips_counts_and_keeps_the_first_example():
    groups = group_skips(_many_skips())
    assert [(g["what"], g["count"]) for g in groups[:3]] == [("mention", 7), ("mention", 4), ("document", 2)]
    assert groups[0]["example"] == {"where": "d0:0", "reason": "'Name0' is a person's name: after the title 'Mr'"}
    assert sum(g["count"] for g in groups) == len(_many_skips())


def test_summary_shows_the_most_frequent_reasons_with_an_example():
    lines = summary_lines(_build(_many_skips()))
    text = "\n".join(lines)
    assert lines[2].startswith("skipped: 15,")
    assert "7 \u00d7 mention: \u2026 is a person's name: after the title \u2026 (e.g. d0:0 'Name0')" in text
    assert "4 \u00d7 mention:" in text and "2 \u00d7 document: not a .txt file (e.g. docs/n0.md)" in text
    assert "2 \u00d7 2 other reasons" in text
    assert len(lines) == 2 + 1 + settings.SUMMARY_TOP_REASONS + 1
    assert "Name3" not in text  # only one example per reason


def test_summary_example_of_an_extracted_item_is_its_sentence():
    # regression: the example showed the first quoted item, a date ('2001'), instead of the sentence
    reason = ("confidence 0.00 < 0.50 (trigger: bombing; date '2001': year in the text): "
              "'Rebels bombed the depot in 2001.'")
    lines = summary_lines(_build([Skip("extracted incident", f"d{i}:5", reason) for i in range(30)]))
    text = "\n".join(lines)
    assert "(e.g. d0:5 'Rebels bombed the depot in 2001.')" in text
    assert "'2001')" not in text


def test_verbose_summary_lists_every_item():
    skips = _many_skips()
    text = "\n".join(summary_lines(_build(skips), verbose=True))
    for s in skips:
        assert f"  - {s.what} {s.where}: {s.reason}" in text


def test_a_short_list_is_printed_whole():
    skips = _many_skips()[:settings.SUMMARY_LIST_ALL]
    lines = summary_lines(_build(skips))
    assert lines[2] == f"skipped: {len(skips)}" and len(lines) == 3 + len(skips)


def test_counts_fit_on_two_lines():
    lines = summary_lines(_build([]), extra=["dates: 2 metadata"])
    assert lines == ["documents read: 0 \u00b7 dates: 2 metadata",
                     "place mentions: 0 \u00b7 places: 0 \u00b7 incidents: 0 \u00b7 relocations: 0", "skipped: nothing"]


def test_warnings_are_grouped_like_skips():
    warnings = [Skip("warning", f"docs/{i}.txt", "decoded as cp1252 (not UTF-8)") for i in range(9)]
    lines = summary_lines(_build(warnings))
    assert lines[2].startswith("warnings: 9,") and "9 \u00d7 warning: decoded as cp1252 (e.g. docs/0.txt)" in lines[3]
    assert lines[-1] == "skipped: nothing"


# --- the seeds from the command line --------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("summary")
    default = run_geo("build", "--documents", SEEDS, "--data", DATA, "--out", tmp / "a", "--report", tmp / "r.json")
    verbose = run_geo("build", "--documents", SEEDS, "--data", DATA, "--out", tmp / "b", "-v")
    return default, verbose, json.loads((tmp / "r.json").read_text(encoding="utf-8"))


def test_seed_build_prints_at_most_15_lines(seed_runs):
    default, _, report = seed_runs
    printed = default.stdout.splitlines() + default.stderr.splitlines()
    assert len(printed) <= 15, "\n".join(printed)
    assert report["counts"]["skipped"] > 15  # so the limit is the summary's doing, not the seeds'
    assert f"skipped: {report['counts']['skipped']}," in default.stdout


def test_verbose_and_report_list_every_skipped_item(seed_runs):
    _, verbose, report = seed_runs
    for item in report["skipped"]:
        assert f"  - {item['what']} {item['where']}: {item['reason']}" in verbose.stdout
    groups = report["skipped_by_reason"]
    assert sum(g["count"] for g in groups) == report["counts"]["skipped"]
    assert [g["count"] for g in groups] == sorted((g["count"] for g in groups), reverse=True)


def test_quiet_and_verbose_exclude_each_other():
    proc = run_geo("build", "-q", "-v", check=False)
    assert proc.returncode == 2 and "not allowed with argument" in proc.stderr


# --- geo export --out PATH ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt,layer,out,target", [
    ("csv", "all", None, "folder"), ("csv", "all", "out", "folder"), ("csv", "incidents", "x.csv", "file"),
    ("gpkg", "all", "x.gpkg", "file"), ("geojson", "all", "x.geojson", "layers"),
    ("geojson", "places", "x.geojson", "file"), ("kml", "places", "x.kml", "file")])
def test_export_target(tmp_path, fmt, layer, out, target):
    assert export_target(fmt, layer, tmp_path / out if out else None) == target


@pytest.mark.parametrize("fmt", ["csv", "kml"])
def test_export_target_rejects_a_file_name_for_one_file_per_layer(tmp_path, fmt):
    with pytest.raises(GeoError, match=r"pass a folder as --out, or a single --layer"):
        export_target(fmt, "all", tmp_path / f"out.{fmt}")
    (tmp_path / "out.d").mkdir()  # an existing folder whose name has a dot is a folder
    assert export_target(fmt, "all", tmp_path / "out.d") == "folder"


def test_cli_export_csv_all_to_a_file_name_is_an_error(tmp_path):
    proc = run_geo("export", "--format", "csv", "--out", tmp_path / "out.csv", check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"error: {tmp_path / 'out.csv'}: --format csv writes one file per layer" in proc.stderr
    assert list(tmp_path.iterdir()) == []  # no folder named out.csv


def test_geojson_layers_in_one_collection():
    places = gpd.GeoDataFrame({"place_id": ["p:1", "p:2"], "name": ["Lakeview", "Hilltop"]},
                              geometry=[Point(10.1234567, 50.0), Point(11.0, 51.0)], crs="EPSG:4326")
    moves = gpd.GeoDataFrame({"relocation_id": ["r1"], "people": [None]},
                             geometry=[LineString([(10, 50), (11, 51)])], crs="EPSG:4326")
    text = geojson_layers_text({"places": places, "relocations": moves})
    fc = json.loads(text)
    assert [f["properties"]["layer"] for f in fc["features"]] == ["places", "places", "relocations"]
    assert list(fc["features"][0]["properties"]) == ["layer", "place_id", "name"]
    assert fc["features"][0]["geometry"]["coordinates"] == [10.123457, 50.0]  # rounded as every GeoJSON
    assert "crs" not in fc and fc["features"][2]["properties"]["people"] is None
    # each feature is the one-layer file's feature with a `layer` property
    alone = json.loads(geojson_text(moves))["features"][0]
    assert {k: v for k, v in fc["features"][2]["properties"].items() if k != "layer"} == alone["properties"]
    assert text == geojson_layers_text({"places": places, "relocations": moves})
