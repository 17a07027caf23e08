"""One record per real event (issue 10): records that tell one event are folded into one (geo.incidents.consolidate).

Made-up places and accounts: a province and towns inside it, a town of another province, a camp.
"""
from __future__ import annotations

import random

from geo.extract import Candidate
from geo.incidents import build_incidents
from geo.models import Document, Place
from geo.quantities import Quantity

PROVINCE = Place("test:province", "Alder Province", "region", 10.0, 20.0, "AA", precision_km=60, admin1="01")
TOWN = Place("test:town", "Elmford", "city", 10.3, 20.1, "AA", precision_km=3, admin1="01")
NEIGHBOUR = Place("test:neighbour", "Ashby", "city", 10.66, 20.1, "AA", precision_km=3, admin1="01")  # 40 km off
OTHER_PROVINCE_TOWN = Place("test:other", "Fernley", "city", 10.7, 20.1, "AA", precision_km=3, admin1="02")
CAMP = Place("test:camp", "Camp Gorse", "site", 12.0, 22.0, "AA", precision_km=1, admin1="03")


def _q(text: str | None) -> Quantity | None:
    if text is None:
        return None
    if text.startswith("at least "):
        n = int(text.split()[-1])
        return Quantity(0, 1, text, None, n, None)
    return Quantity(0, 1, text, int(text), int(text), int(text))


def attack(doc: str, start: int, date: str, place: Place, killed: str | None = None, *, weak: bool = False,
           type: str = "attack", background: bool = False, quote: str = "made-up account") -> Candidate:
    return Candidate("incident", type, doc, start, start + len(quote), quote, date=date, killed=_q(killed),
                     place=place, confidence=0.9, date_weak=weak, background=background,
                     place_note="city in the sentence")


def records(cands):
    docs = [Document(d, "", published="2020-03-05") for d in sorted({c.document for c in cands})]
    incidents, _, _ = build_incidents(docs, cands, None, None, min_confidence=0.5)
    return sorted((i.place_name, i.date, i.killed, tuple(sorted({s.document for s in i.sources})))
                  for i in incidents)


def test_a_province_record_told_by_the_towns_documents_is_the_towns_event():
    cands = [attack("a", 0, "2020-03-01", PROVINCE, "40"), attack("a", 100, "2020-03-01", TOWN, "40"),
             attack("b", 0, "2020-03-01", TOWN, "42"), attack("b", 300, "2020-03-01", PROVINCE)]
    assert records(cands) == [("Elmford", "2020-03-01", 42, ("a", "b"))]


def test_a_neighbouring_towns_record_with_a_document_of_its_own_stays():
    # every document that tells Ashby must tell Elmford too: a report of Ashby alone tells another attack
    cands = [attack("a", 0, "2020-03-01", TOWN, "30"), attack("a", 200, "2020-03-01", NEIGHBOUR),
             attack("c", 0, "2020-03-01", NEIGHBOUR)]
    assert len(records(cands)) == 2


def test_a_neighbouring_towns_record_with_another_toll_or_day_stays():
    assert len(records([attack("a", 0, "2020-03-01", TOWN, "30"), attack("a", 200, "2020-03-01", NEIGHBOUR, "4",
                                                                               weak=True)])) == 2
    assert len(records([attack("a", 0, "2020-03-01", TOWN, "30"), attack("a", 200, "2020-02-20", NEIGHBOUR,
                                                                               weak=True)])) == 2


def test_a_town_the_attackers_came_from_is_the_same_event():
    # "the gunmen came in a truck taken in Ashby" (the next day's report, no figures): the same raid on Elmford
    cands = [attack("a", 0, "2020-03-01", TOWN, "30"), attack("a", 200, "2020-03-02", NEIGHBOUR, weak=True),
             attack("b", 0, "2020-03-01", TOWN, "31")]
    assert records(cands) == [("Elmford", "2020-03-01", 31, ("a", "b"))]


def test_another_town_attacked_that_day_stays_apart():
    # "Gunmen also raided a police post in Ashby on Sunday": a day of its own and no toll of the Elmford attack
    cands = [attack("a", 0, "2020-03-01", TOWN, "30"), attack("a", 200, "2020-03-01", NEIGHBOUR)]
    assert len(records(cands)) == 2


def test_a_headline_at_the_countys_namesake_town_with_the_toll_is_the_same_event():
    # "Attack in Ashby county, 30 killed" (read as the county's town), the lede at Elmford with the same toll
    cands = [attack("a", 0, "2020-03-02", NEIGHBOUR, "30"), attack("a", 100, "2020-03-01", TOWN, "30"),
             attack("a", 200, "2020-03-01", TOWN)]
    assert records(cands) == [("Elmford", "2020-03-01", 30, ("a",))]


def test_a_town_of_another_province_stays_apart():
    cands = [attack("a", 0, "2020-03-01", TOWN, "30"), attack("a", 200, "2020-03-01", OTHER_PROVINCE_TOWN),
             attack("b", 0, "2020-03-01", TOWN, "31")]
    assert len(records(cands)) == 2


def test_an_attack_told_in_passing_stays_apart():
    cands = [attack("a", 0, "2020-03-01", TOWN, "30"), attack("a", 200, "2020-03", PROVINCE, background=True)]
    assert len(records(cands)) == 2


def test_reports_dating_one_toll_on_different_days_are_one_event():
    cands = [attack("a", 0, "2020-03-04", CAMP, "18"), attack("b", 0, "2020-03-02", CAMP, "at least 18", weak=True)]
    assert records(cands) == [("Camp Gorse", "2020-03-04", 18, ("a", "b"))]


def test_other_tolls_far_days_small_tolls_or_a_series_stay_apart():
    assert len(records([attack("a", 0, "2020-03-04", CAMP, "18"), attack("b", 0, "2020-03-02", CAMP, "25")])) == 2
    assert len(records([attack("a", 0, "2020-03-09", CAMP, "18"), attack("b", 0, "2020-03-02", CAMP, "18")])) == 2
    assert len(records([attack("a", 0, "2020-03-04", CAMP, "3"), attack("b", 0, "2020-03-02", CAMP, "3")])) == 2
    # one report giving the toll on two days: two attacks (its own dates stand)
    assert len(records([attack("a", 0, "2020-03-04", CAMP, "18"), attack("a", 100, "2020-03-02", CAMP, "18")])) == 2
    series = "the third attack in a week killed 18 at the camp"
    assert len(records([attack("a", 0, "2020-03-04", CAMP, "18", quote=series),
                        attack("b", 0, "2020-03-02", CAMP, "18")])) == 2


def test_document_order_does_not_change_the_records():
    cands = [attack("a", 0, "2020-03-01", PROVINCE, "40"), attack("a", 100, "2020-03-01", TOWN, "40"),
             attack("b", 0, "2020-03-01", TOWN, "42"), attack("b", 300, "2020-03-02", NEIGHBOUR, weak=True),
             attack("c", 0, "2020-03-04", CAMP, "18"), attack("d", 0, "2020-03-02", CAMP, "at least 18", weak=True)]
    want = records(cands)
    for seed in range(5):
        shuffled = cands[:]
        random.Random(seed).shuffle(shuffled)
        assert records(shuffled) == want


GREATER = Place("test:greater", "Greater Alder", "region", 10.0, 20.0, "AA", precision_km=400)
NORTH = Place("test:north", "North Alder", "region", 11.8, 20.0, "AA", precision_km=150)  # 200 km from the centre
FAR_REGION = Place("test:far", "Far Alder", "region", 15.0, 20.0, "AA", precision_km=150)  # 556 km


def test_a_region_and_a_smaller_region_inside_it_told_by_two_reports_are_one_event():
    assert records([attack("a", 0, "2020-03-04", GREATER, "300"), attack("b", 0, "2020-03", NORTH)]) \
        == [("Greater Alder", "2020-03-04", 300, ("a", "b"))]


def test_a_region_outside_the_larger_ones_radius_stays_apart():
    assert len(records([attack("a", 0, "2020-03-04", GREATER, "300"), attack("b", 0, "2020-03", FAR_REGION)])) == 2


def test_a_text_naming_the_town_the_attackers_came_from_gives_one_record():
    # end to end, made-up text: the quote names where the truck was taken, not a second scene
    from geo.extract import extract_document
    from incident_helpers import gazetteer, mentions
    gaz = gazetteer()
    gaz.add(Place("test:elmford", "Elmford", "city", 36.0, 43.0, "IQ", 2.0, "test", admin1="90"), ["Elmford"])
    gaz.add(Place("test:ashby", "Ashby", "city", 36.3, 43.1, "IQ", 2.0, "test", admin1="90"), ["Ashby"])
    text = ("Gunmen kill 30 in raid on Iraqi town\n\n"
            "Gunmen killed 30 people in a raid on the town of Elmford on Sunday night, police said.\n\n"
            "\u201cThe attackers hijacked a truck in Ashby which they used for the raid. They attacked the police "
            "station first,\u201d a local official said.")
    d = Document("d1", text, published="2021-05-03")
    incidents, _, _ = build_incidents([d], extract_document(d, mentions([d], gaz), gaz), gaz, None, min_confidence=0.5)
    assert [(i.place_name, i.date, i.killed, len(i.sources)) for i in incidents] == [("Elmford", "2021-05-02", 30, 3)]


def test_two_reports_days_give_the_earlier_one():
    # session 13: both accounts dated only by their reports (statements); the event came before the first
    for order in (1, -1):
        cands = [attack("a", 0, "2020-03-03", CAMP, "31", weak=True), attack("b", 0, "2020-03-01", CAMP, "31",
                                                                               weak=True)][::order]
        assert records(cands) == [("Camp Gorse", "2020-03-01", 31, ("a", "b"))]
