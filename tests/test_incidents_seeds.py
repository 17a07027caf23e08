"""On the seeds: the attacks and relocations the issue names, from `geo build` as a user runs it."""
import csv
import json

import pytest

from conftest import DATA, SEEDS


@pytest.fixture(scope="module")
def layers(seed_build):
    return {name: [f["properties"] for f in json.loads((seed_build / f"{name}.geojson").read_text("utf-8"))["features"]]
            for name in ("incidents", "relocations")}


def find(items, **want):
    hits = [i for i in items if all(i.get(k) == v for k, v in want.items())]
    assert len(hits) == 1, (want, [i.get("summary") for i in items])
    return hits[0]


def test_attacks_on_the_seeds(layers):
    inc = layers["incidents"]
    raid = find(inc, date="2009", place_name="Camp Ashraf")
    assert (raid["killed"], raid["injured"]) == (11, 500)
    assert find(inc, date="2011-04-08", place_name="Camp Ashraf")["killed"] == 34
    sept = find(inc, date="2013-09-01", place_name="Camp Ashraf")
    assert len({s["document"] for s in sept["sources"]}) >= 2  # told by more than one seed
    dec = find(inc, date="2013-12-26", place_name="Camp Liberty")
    assert dec["killed"] == 4 and dec["type"] == "missile attack"


def test_every_source_quote_is_in_its_document(layers):
    texts = {p.stem: p.read_text(encoding="utf-8").replace("\r\n", "\n") for p in SEEDS.glob("*.txt")}
    for item in layers["incidents"] + layers["relocations"]:
        assert item["sources"]
        for s in item["sources"]:
            if s["start"] is not None:
                assert texts[s["document"]][s["start"]:s["end"]] == s["quote"]


def test_relocations_on_the_seeds(layers):
    rel = layers["relocations"]
    move = find(rel, from_place_name="Camp Ashraf", to_place_name="Camp Liberty")
    # the seed says 2012; the curated row's citation gives the span (February 2012 to September 2013)
    assert (move["date"], move["date_end"]) == ("2012-02", "2013-09")
    assert [s["document"] for s in move["sources"]] == ["citation", "003_8372ec64e8a516fb"]
    albania = find(rel, from_place_name="Camp Liberty", to_place_name="Albania")
    assert albania["people"] == 750
    assert (albania["date"], albania["date_end"]) == ("2013", "2016-09-09")
    # the smaller transfers: "UK" must resolve to the country, not to a town of that name
    uk = find(rel, from_place_name="Camp Liberty", to_place_name="United Kingdom")
    assert uk["people"] == 15 and uk["to_place_id"] != uk["from_place_id"]
    assert find(rel, from_place_name="Camp Liberty", to_place_name="Denmark")["people"] is None


def test_every_curated_row_is_in_the_outputs(layers):
    for name, key in (("incidents", "incident_id"), ("relocations", "relocation_id")):
        with (DATA / f"{name}.csv").open(encoding="utf-8") as f:
            ids = {row[key] for row in csv.DictReader(f)}
        assert ids <= {i[key] for i in layers[name]}, name


def test_extraction_alone_finds_them(tmp_path):
    """Without incidents.csv/relocations.csv the same events come from the text itself."""
    import shutil

    from conftest import run_geo

    data = tmp_path / "data"
    data.mkdir()
    for name in ("documents.csv", "gazetteer.csv"):
        shutil.copy(DATA / name, data / name)
    out = tmp_path / "out"
    run_geo("build", "--documents", SEEDS, "--data", data, "--out", out, "-q")
    inc = [f["properties"] for f in json.loads((out / "incidents.geojson").read_text("utf-8"))["features"]]
    rel = [f["properties"] for f in json.loads((out / "relocations.geojson").read_text("utf-8"))["features"]]
    assert all(i["origin"] == "extracted" for i in inc + rel)
    assert (find(inc, date="2009", place_name="Camp Ashraf")["killed"],
            find(inc, date="2009", place_name="Camp Ashraf")["injured"]) == (11, 500)
    assert find(inc, date="2011-04-08", place_name="Camp Ashraf")["killed"] == 34
    assert find(inc, date="2013-09-01", place_name="Camp Ashraf")["killed_range"] == [40, 50]
    assert find(inc, date="2013-12-26", place_name="Camp Liberty")["killed"] == 4
    assert find(rel, from_place_name="Camp Ashraf", to_place_name="Camp Liberty")["date"] == "2012"
    assert find(rel, from_place_name="Camp Liberty", to_place_name="Albania")["people"] == 750
    assert find(rel, from_place_name="Camp Liberty", to_place_name="United Kingdom")["people"] == 15
