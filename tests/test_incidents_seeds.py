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
    assert move["date"] == "2012"
    albania = find(rel, from_place_name="Camp Liberty", to_place_name="Albania")
    assert albania["people"] == 750


def test_every_curated_row_is_in_the_outputs(layers):
    for name, key in (("incidents", "incident_id"), ("relocations", "relocation_id")):
        with (DATA / f"{name}.csv").open(encoding="utf-8") as f:
            ids = {row[key] for row in csv.DictReader(f)}
        assert ids <= {i[key] for i in layers[name]}, name
