"""End to end on news texts written for the tests (tests/news): `geo build` as a user runs it."""
import json
from pathlib import Path

import pytest

from conftest import run_geo

NEWS = Path(__file__).parent / "news"
EXPECTED = json.loads((NEWS / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def news_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("news")
    run_geo("build", "--documents", NEWS / "docs", "--data", NEWS / "data", "--out", out, "-q")
    return {name: json.loads((out / f"{name}.geojson").read_text(encoding="utf-8"))["features"]
            for name in ("incidents", "relocations")}


@pytest.mark.parametrize("want", EXPECTED["incidents"], ids=lambda w: f"{w['document']}-{w['date']}")
def test_news_incident_found(news_build, want):
    hits = [f["properties"] for f in news_build["incidents"]
            if any(s["document"] == want["document"] for s in f["properties"]["sources"])
            and f["properties"]["date"] == want["date"]]
    assert len(hits) == 1, [f["properties"]["summary"] for f in news_build["incidents"]]
    got = hits[0]
    for key in ("type", "place_name", "killed", "injured"):
        assert got[key] == want[key], (key, got)
    assert got["origin"] == "extracted"
    if "documents" in want:  # one event told by several texts: one incident, each source with its figures
        assert sorted({s["document"] for s in got["sources"]}) == want["documents"]
        assert got["killed_range"] == want["killed_range"]
        assert sorted(s["killed"] for s in got["sources"]) == want["killed_range"]
    for s in got["sources"]:
        text = (NEWS / "docs" / f"{s['document']}.txt").read_text(encoding="utf-8")
        assert text[s["start"]:s["end"]] == s["quote"]


@pytest.mark.parametrize("want", EXPECTED["relocations"], ids=lambda w: f"{w['document']}-{w['to_place_name']}")
def test_news_relocation_found(news_build, want):
    hits = [f for f in news_build["relocations"]
            if f["properties"]["to_place_name"] == want["to_place_name"]
            and f["properties"]["from_place_name"] == want["from_place_name"]]
    assert len(hits) == 1, [f["properties"]["summary"] for f in news_build["relocations"]]
    got = hits[0]
    assert got["geometry"]["type"] == "LineString"
    for key in ("date", "people"):
        assert got["properties"][key] == want[key], (key, got["properties"])


def test_news_nothing_extra(news_build):
    """No hypothetical or feared attack ("feared further attacks", "could be moved") becomes an event."""
    assert len(news_build["incidents"]) == len(EXPECTED["incidents"])
    assert len(news_build["relocations"]) == len(EXPECTED["relocations"])


def test_undated_document_reports_the_missing_year(tmp_path):
    proc = run_geo("build", "--documents", NEWS / "docs", "--data", NEWS / "data", "--out", tmp_path)
    assert "undated_statement" in proc.stdout and "no published date" in proc.stdout


def test_incidents_table_and_min_confidence():
    args = ("incidents", "--documents", NEWS / "docs", "--data", NEWS / "data", "-q")
    table = run_geo(*args).stdout
    assert "2016-07-04" in table and "rocket attack" in table and "Camp Liberty" in table
    assert "Tirana" in table and "280" in table
    strict = run_geo(*args, "--min-confidence", "0.99").stdout
    assert "rocket attack" not in strict
    loose = run_geo(*args, "--min-confidence", "0").stdout
    assert loose.count("\n") > table.count("\n")  # general and feared attacks appear when nothing is filtered
