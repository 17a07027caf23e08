"""Sites and villages no offline gazetteer has, placed by what the text says of them (issue 10, branch sites10).

Made-up sentences (real towns of the public gazetteer as references, invented sites); never a seed's or a benchmark
article's text.
"""
from __future__ import annotations

import pickle

import pytest

from geo import engine
from geo.extract import extract_document, rank
from geo.gazetteer import great_circle_km, load_gazetteer
from geo.geoparse import TEXT_SOURCE, find_mentions
from geo.models import Document


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(None)  # the public data alone: no curated sites


def parse(gaz, text):
    ms = find_mentions([Document("t", text)], gaz)
    return {m.text: (gaz.places[m.place_id] if m.place_id else None) for m in ms}


def town(gaz, name, cc):
    return next(p for p in gaz.lookup(name) if p.country_code == cc and p.kind == "city")


def test_camp_x_is_a_site_not_the_town_x(gaz):
    # "Kerman" alone is the Iranian city; "Camp Kerman" is a site of that name, wherever the text puts it
    found = parse(gaz, "Iranian exiles said fighters shelled Camp Kerman overnight.")
    assert "Kerman" not in found and found["Camp Kerman"] is None
    found = parse(gaz, "Rockets hit Camp Kerman in Iraq on Monday. Camp Kerman was hit again later.")
    camp = found["Camp Kerman"]
    assert camp is not None and camp.source == TEXT_SOURCE and camp.kind == "site" and camp.country_code == "IQ"
    assert camp.precision_km > 100  # only the country is known: ACLED's geo_precision 3
    # a bare "Kerman" in a document that names "Camp Kerman" is short for the site
    found = parse(gaz, "Rockets hit Camp Kerman in Iraq. Kerman residents said two died.")
    assert found["Kerman"] is not None and found["Kerman"].name == "Camp Kerman"


def test_a_site_just_outside_a_town_is_at_the_town_with_its_surroundings_as_radius(gaz):
    found = parse(gaz, "Camp Velden is just outside Kabul. Two soldiers were hurt there.")
    camp, kabul = found["Camp Velden"], found["Kabul"]
    assert camp.country_code == "AF" and great_circle_km(camp.lat, camp.lon, kabul.lat, kabul.lon) < 1
    assert 10 < camp.precision_km <= 50 and rank(camp) == 2


def test_a_named_camp_near_a_town(gaz):
    found = parse(gaz, "Militia fighters raided the Gidami camp near Nyala on Sunday.")
    camp = found["Gidami camp"]
    nyala = town(gaz, "Nyala", "SD")
    assert camp.kind == "site" and great_circle_km(camp.lat, camp.lon, nyala.lat, nyala.lon) < 1


def test_a_distance_and_a_direction_move_the_site_from_its_reference(gaz):
    found = parse(gaz, "The Gidami camp, 15 km south of Nyala, was shelled on Friday.")
    camp, nyala = found["Gidami camp"], town(gaz, "Nyala", "SD")
    assert abs(great_circle_km(camp.lat, camp.lon, nyala.lat, nyala.lon) - 15) < 0.5
    assert camp.lat < nyala.lat and abs(camp.lon - nyala.lon) < 0.01
    assert camp.precision_km <= 10 and rank(camp) == 3  # placed to the site itself: geo_precision 1
    found = parse(gaz, "Gunmen raided the village of Dalwaram, 30 kilometres north of Maiduguri, on Tuesday.")
    village, city = found["Dalwaram"], town(gaz, "Maiduguri", "NG")
    assert village.kind == "city" and village.lat > city.lat
    assert abs(great_circle_km(village.lat, village.lon, city.lat, city.lon) - 30) < 0.5


def test_a_village_in_a_province(gaz):
    found = parse(gaz, "Twenty people were killed in Sabongari, a village in Borno state, officials said.")
    village = found["Sabongari"]
    assert village is not None and village.country_code == "NG" and village.precision_km > 50


def test_words_that_name_no_camp(gaz):
    found = parse(gaz, "Jets bombed a Taliban camp and an ISIS camp. The Army camp was quiet. "
                       "Smith, a town councillor, said so. Rockets fell near the MKO camp in Iraq.")
    assert not [t for t, p in found.items() if "camp" in t.lower() or t == "Smith"]


def test_the_same_words_give_the_same_place_and_it_goes_back_with_the_document(gaz):
    text = "The Gidami camp, 15 km south of Nyala, was shelled on Friday, killing four people."
    a, b = parse(gaz, text)["Gidami camp"], parse(gaz, "Aid reached the Gidami camp, 15 km south of Nyala.")["Gidami camp"]
    assert a == b and a.place_id.startswith(TEXT_SOURCE + ":")
    result = engine.process_document(Document("d", text, published="2024-05-03"), gaz)
    assert a in result.places  # the corpus stage (another process, or the per-document cache) gets it back
    assert pickle.loads(pickle.dumps(result)).places == result.places


def test_the_site_the_sentence_names_is_the_scene_not_its_country(gaz):
    text = ("Sudan's army blamed the rebels. Gunmen attacked the Gidami camp near Nyala in Sudan on Sunday, "
            "killing 12 people.")
    doc = Document("d", text, published="2024-05-06")
    cands = extract_document(doc, find_mentions([doc], gaz), gaz)
    c = next(c for c in cands if c.kind == "incident")
    assert c.place is not None and c.place.name == "Gidami camp", c.place_note


def test_a_village_placed_only_in_a_country_gives_way_to_the_town_called_nearby(gaz):
    text = ("Gunmen killed 20 people in an attack on the village of Dombara in central Mali on Friday. "
            "The mayor of the nearby town of Bandiagara said the attackers came on motorbikes.")
    doc = Document("d", text, published="2024-05-06")
    cands = extract_document(doc, find_mentions([doc], gaz), gaz)
    c = next(c for c in cands if c.kind == "incident")
    assert c.place is not None and c.place.name == "Bandiagara", c.place_note


def test_a_province_named_after_its_country_a_side_of_a_town_and_the_capital_named_as_such(gaz):
    found = parse(gaz, "Rockets hit Camp Saqr in Afghanistan's Helmand province. Militants shelled Camp Vigil, "
                       "north of Kandahar. The Hamdo camp, about 40 km south-west of the capital Kabul, was raided.")
    assert found["Camp Saqr"].country_code == "AF" and "Helmand" in found["Camp Saqr"].citation
    vigil, kandahar = found["Camp Vigil"], town(gaz, "Kandahar", "AF")
    assert great_circle_km(vigil.lat, vigil.lon, kandahar.lat, kandahar.lon) < 1 and 25 < vigil.precision_km <= 50
    hamdo, kabul = found["Hamdo camp"], town(gaz, "Kabul", "AF")
    assert abs(great_circle_km(hamdo.lat, hamdo.lon, kabul.lat, kabul.lon) - 40) < 0.5
    assert hamdo.lat < kabul.lat and hamdo.lon < kabul.lon


def reasons(gaz, text):
    return {m.text: m.reason for m in find_mentions([Document("t", text)], gaz)}


def test_a_site_placed_nowhere_is_in_the_one_country_its_document_puts_its_people_in(gaz):
    # issue 10 (branch seeds9): "Camp X" that no gazetteer has and no "in/near Y" places: the document says its
    # people are in one country, and a sentence naming the camp names that country (or its demonym)
    text = ("Aid agencies called for the protection of refugees in Jordan this week. "
            "Jordanian police stormed Camp Velden on Friday, and residents of Camp Velden said two died.")
    camp = parse(gaz, text)["Camp Velden"]
    assert camp is not None and camp.source == TEXT_SOURCE and camp.kind == "site" and camp.country_code == "JO"
    assert camp.precision_km > 100 and rank(camp) == 1  # the country's radius: somewhere in Jordan
    assert "no finer than its country" in reasons(gaz, text)["Camp Velden"]
    # no guess between two countries, none from where people are sent, none the camp's sentences do not name
    for text in ("Refugees in Jordan and exiles in Lebanon were cold. Jordanian police stormed Camp Velden.",
                 "The exiles of Camp Velden may be sent to Iran, officials in the city said.",
                 "Refugees in Jordan were cold this winter. Gunmen stormed Camp Velden on Friday."):
        assert parse(gaz, text)["Camp Velden"] is None, text


def test_x_camp_is_the_camp_not_a_town_once_called_x_and_so_is_a_bare_x(gaz):
    # "Apozai" is only another (former) name of a Pakistani town (Zhob): in a document that names "the Apozai camp",
    # the camp's, also where it stands alone
    text = ("Gunmen attacked the Apozai camp in Pakistan on Monday. Aid workers in Apozai said three people were hurt.")
    found = parse(gaz, text)
    assert found["Apozai camp"] is not None and found["Apozai camp"].kind == "site"
    assert found["Apozai"] is not None and found["Apozai"].name == "Apozai camp"


def test_a_former_name_in_sentences_that_put_it_in_another_country_is_not_that_town(gaz):
    # "Apozai" (Zhob, Pakistan, by a former name) where its sentences put things in Afghanistan, never in Pakistan
    text = ("Officials in Pakistan said little about it. The group took refuge in neighbouring Afghanistan in 1990, "
            "building a small town in Apozai. Its members were moved from Apozai in 2005.")
    assert parse(gaz, text).get("Apozai") is None
    # by its former name still, where nothing puts it elsewhere
    found = parse(gaz, "Officials in Pakistan said three people were hurt in Apozai on Monday.")
    assert found["Apozai"] is not None and found["Apozai"].country_code == "PK"


def test_a_site_near_the_airport_of_a_town_is_near_that_town(gaz):
    found = parse(gaz, "Gunmen fired on Camp Velden, near the international airport in Kabul, on Monday.")
    camp, kabul = found["Camp Velden"], found["Kabul"]
    assert camp is not None and great_circle_km(camp.lat, camp.lon, kabul.lat, kabul.lon) < 1
    assert 10 < camp.precision_km <= 50 and rank(camp) == 2


def test_the_camp_refers_back_to_a_site_placed_only_in_its_country(gaz):
    # "Camp X" placed by its text no finer than its country: "stormed the camp" is it (somewhere in that country),
    # not an event without a place
    text = ("Aid agencies called for the protection of refugees in Jordan this week, at Camp Velden.\n\n"
            "On 8 April 2011 Jordanian police stormed the camp, leaving 34 dead and hundreds more injured.")
    d = Document("t", text, published="2011-04-20")
    events = [c for c in extract_document(d, find_mentions([d], gaz), gaz) if c.kind == "incident"]
    assert [(c.place.name if c.place else None, c.date) for c in events] == [("Camp Velden", "2011-04-08")], \
        [(c.place, c.place_note) for c in events]
    assert events[0].place.country_code == "JO" and rank(events[0].place) == 1
