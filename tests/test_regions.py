"""Regions worldwide, seas and macro-regions; names inside longer names; homonyms across kinds.

``tests/regions/dev.txt`` is a made-up news text naming regions of more than 30
countries; ``tests/regions/expected.csv`` gives, for every mention the text
should yield, the public coordinates it should be placed near (the source is
cited per row) and a tolerance from the region's size.
"""
from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from test_gazetteer import km
from geo.gazetteer import REGIONS_FILE, _named_regions, load_gazetteer
from geo.errors import InputError
from geo.geoparse import find_mentions
from geo.models import Document, Place

HERE = Path(__file__).parent / "regions"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def parse(gaz, text, skips=None):
    ms = find_mentions([Document("t", text)], gaz, skips=skips)
    return [(m.text, gaz.places[m.place_id] if m.place_id else None) for m in ms]


def expected_rows():
    with open(HERE / "expected.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_development_text_covers_thirty_countries():
    assert len({r["country"] for r in expected_rows() if r["country"]}) >= 30


def test_every_region_of_the_development_text_is_placed_within_its_tolerance(gaz):
    found = parse(gaz, (HERE / "dev.txt").read_text(encoding="utf-8"))
    by_text = {}
    for text, place in found:
        by_text.setdefault(text, place)
    failures = []
    for row in expected_rows():
        place = by_text.get(row["text"])
        if place is None:
            failures.append(f"{row['text']}: not found")
            continue
        d = km(float(row["lat"]), float(row["lon"]), place.lat, place.lon)
        if d > float(row["tolerance_km"]) or (row["country"] and place.country_code != row["country"]):
            failures.append(f"{row['text']}: {place.name} ({place.country_code}) {d:.0f} km away")
    assert not failures, failures


def test_development_text_has_no_other_mention(gaz):
    """Nothing taken from inside a longer name ("Rio Grande", "Beni", "Island", bare "Helmand", "Chihuahua")."""
    found = [t for t, _ in parse(gaz, (HERE / "dev.txt").read_text(encoding="utf-8"))]
    assert sorted(set(found)) == sorted({r["text"] for r in expected_rows()})


@pytest.mark.parametrize("text, whole", [
    ("Crops failed in Rio Grande do Sul this year.", "Rio Grande do Sul"),
    ("Crops failed in Beni Suef this year.", "Beni Suef"),
    ("Troops entered Helmand province at dawn.", "Helmand province"),
    ("Troops entered Helmand Province at dawn.", "Helmand Province"),
    ("Voters in the state of Chihuahua went to the polls.", "state of Chihuahua"),
    ("Oil output in Basra governorate rose.", "Basra governorate"),
    ("Sindh Province declared an emergency.", "Sindh Province"),
])
def test_a_region_with_its_admin_word_is_one_mention(gaz, text, whole):
    found = parse(gaz, text)
    assert [t for t, _ in found] == [whole]
    assert found[0][1].kind == "region"


def test_admin_word_before_picks_the_region_over_the_city(gaz):
    [(_, state)] = parse(gaz, "Rain fell across the state of Chihuahua.")
    [(_, city)] = parse(gaz, "Rain fell on Chihuahua on Monday.")
    assert (state.kind, city.kind) == ("region", "city") and state.country_code == city.country_code == "MX"


def test_a_city_keeps_its_name_and_the_governorate_takes_the_admin_word(gaz):
    found = dict(parse(gaz, "Oil from Basra governorate reaches the port of Basra."))
    assert found["Basra governorate"].kind == "region" and found["Basra"].kind == "city"


def test_name_hyphenated_or_joined_to_a_rare_capitalised_word_is_left_out(gaz):
    skips = []
    # (a made-up longer name: "Beni Mazar", the first example, is a real Egyptian town found by its spelling)
    found = parse(gaz, "Clinics opened in Beni Qorvash and in Beni-Qorvash last week.", skips)
    assert found == []
    assert sum("part of a longer name" in s.reason for s in skips) == 2


def test_common_words_next_to_a_name_do_not_make_it_part_of_one(gaz):
    found = [t for t, _ in parse(gaz, "The Dublin Arts Council met; Berlin-based firms and a Paris-area school; "
                                      "the Ohio Turnpike was closed.")]
    assert found == ["Dublin", "Berlin", "Paris", "Ohio"]


def test_an_exonym_that_is_an_english_word_is_not_a_name(gaz):
    assert gaz.lookup("Island") == []
    found = parse(gaz, "Fires burned on Long Island and on the island of Crete; Island voters stayed home.")
    assert all(p is None or p.country_code != "IS" for _, p in found)


def test_a_country_beats_a_city_that_goes_by_its_name(gaz):
    found = dict(parse(gaz, "Mexico closed its border; flights to Mexico City were cancelled."))
    assert found["Mexico"].kind == "country" and found["Mexico City"].kind == "city"


def test_country_or_us_state_decided_by_the_other_places(gaz):
    [(_, a), _] = parse(gaz, "Georgia said talks in Tbilisi would resume.")
    [(_, b), _] = parse(gaz, "Georgia said talks in Atlanta would resume.")
    assert (a.kind, a.country_code) == ("country", "GE")
    assert (b.kind, b.country_code) == ("region", "US")


def test_a_region_beats_a_small_town_when_its_country_is_named(gaz):
    found = dict(parse(gaz, "Fires spread across Victoria, Australia's second state, on Tuesday."))
    assert (found["Victoria"].kind, found["Victoria"].country_code) == ("region", "AU")
    found = dict(parse(gaz, "The plant in Victoria, Texas, closed."))
    assert (found["Victoria"].kind, found["Victoria"].country_code) == ("city", "US")


def test_a_province_abroad_without_its_country_leaves_a_city_its_name(gaz):
    # Berea is a district of Lesotho and a town of Kentucky: a text naming neither country nor any place
    # of Lesotho does not get the district; naming Lesotho does.
    [(_, town)] = parse(gaz, "Floods closed the road to Portland on Monday.")
    assert town.kind == "city"
    found = dict(parse(gaz, "Storms hit Berea, a district of Lesotho, and the capital Maseru."))
    assert (found["Berea"].kind, found["Berea"].country_code) == ("region", "LS")


def test_well_known_region_by_coordinates_south_ossetia(gaz):
    [(name, place), _] = parse(gaz, "Fighting broke out in South Ossetia, a breakaway region of Georgia.")
    assert name == "South Ossetia" and place.kind == "region"
    assert km(place.lat, place.lon, 42.23, 43.97) < 50  # Tskhinvali, its main town (Wikipedia)


def test_us_county_is_one_mention_placed_in_its_state(gaz):
    found = dict(parse(gaz, "Deputies in Laurel County, Ky., and in Anderson County, Tennessee, searched."))
    assert found["Laurel County"].kind == "county" and found["Laurel County"].admin1 == "KY"
    assert found["Anderson County"].admin1 == "TN"


def test_named_regions_file_places_members_and_seas():
    gaz = load_gazetteer()
    donbas = gaz.lookup("Donbas")[0]
    assert donbas.source == "regions" and donbas.country_code == "UA"
    assert 100 < donbas.precision_km < 400
    middle_east = gaz.lookup("Middle East")[0]
    assert middle_east.country_code is None and middle_east.precision_km > 1000


def test_sea_points_are_in_the_water():
    """Every sea's point lies outside every country outline (Natural Earth 1:110m, as pyogrio ships it)."""
    import pyogrio
    from shapely.geometry import Point
    from shapely.ops import unary_union

    shp = Path(pyogrio.__file__).parent / "tests" / "fixtures" / "naturalearth_lowres" / "naturalearth_lowres.shp"
    land = unary_union(list(pyogrio.read_dataframe(shp).geometry))
    gaz = load_gazetteer()
    seas = [p for p in gaz.places.values() if p.kind == "sea"]
    assert len(seas) >= 10
    assert [p.name for p in seas if land.contains(Point(p.lon, p.lat))] == []


def test_named_regions_file_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "regions.csv"
    bad.write_text(REGIONS_FILE.read_text(encoding="utf-8").splitlines()[0] + "\n"
                   "Nowhere Land,,region,ZZ-99,,,,made up\n", encoding="utf-8")
    country = Place("geonames:1", "Testland", "country", 1.0, 1.0, country_code="TL", precision_km=10.0)
    with pytest.raises(InputError, match=r"regions.csv.*2.*ZZ-99"):
        _named_regions([(country, ["Testland"])], bad)
    bad.write_text(REGIONS_FILE.read_text(encoding="utf-8").splitlines()[0] + "\n"
                   "Nowhere Sea,,sea,,,,,made up\n", encoding="utf-8")
    with pytest.raises(InputError, match="members or lat"):
        _named_regions([], bad)


def test_demonyms_are_country_names_only_when_the_setting_asks():
    from geo.gazetteer import _countries

    def iraq(on):
        return next(names for p, names in _countries([], on) if p.country_code == "IQ" and p.kind == "country")

    assert "Iraqi" not in iraq(False) and "Iraqis" not in iraq(False)
    assert {"Iraqi", "Iraqis"} <= set(iraq(True))


def test_a_region_named_like_a_people_is_no_place_without_its_admin_word(gaz):
    # Regression: "Somali" (the people) was placed at Ethiopia's Somali Region, 600 km from Mogadishu.
    names = [(t, p.country_code if p else None) for t, p in parse(gaz, "Somali police said a car bomb hit Mogadishu.")]
    assert names == [("Mogadishu", "SO")]
    [(text, place)] = parse(gaz, "Floods hit the Somali Region of Ethiopia last week.")[:1]
    assert text.startswith("Somali Region") and place.kind == "region" and place.country_code == "ET"
