"""Forms of telling a move (issue 10, session 7): made-up sentences with the test gazetteer's places."""
import pytest

from geo.extract import extract_document
from geo.models import Document
from incident_helpers import gazetteer, mentions

GAZ = gazetteer()


def moves(text, published="2020-05-10"):
    d = Document("d1", text, published=published)
    return [c for c in extract_document(d, mentions([d], GAZ), GAZ) if c.kind == "relocation" and c.confidence >= 0.5]


@pytest.mark.parametrize("text, origin, dest, people", [
    # a counted crowd crossing a border or a bridge into a named side
    ("LONDON (AP) - On Monday about 30,000 people crossed the border into Albania from Baqubah.",
     "Baqubah", "Albania", 30000),
    ("LONDON (AP) - About 2,500 refugees crossed the river bridge into Albania on Monday.", None, "Albania", 2500),
    ("LONDON (AP) - Some 800 families crossed back into Iraq on Monday.", None, "Iraq", 800),
    # a counted flight to a named place
    ("LONDON (AP) - On Monday about 30,000 people from Baqubah fled to Tirana.", "Baqubah", "Tirana", 30000),
    ("LONDON (AP) - More than 4,000 residents fled to Baghdad on Monday.", None, "Baghdad", 4001),
])
def test_counted_crossing_or_flight_is_a_move(text, origin, dest, people):
    got = moves(text)
    assert len(got) == 1
    c = got[0]
    assert (c.from_place.name if c.from_place else None) == origin
    assert c.to_place is not None and c.to_place.name == dest
    assert (c.people.value or c.people.low) == people
    assert c.date == "2020-05-04"


@pytest.mark.parametrize("text", [
    "LONDON (AP) - The gunmen fled to Tirana after the attack on Baqubah on Monday.",
    "LONDON (AP) - Two suicide bombers crossed the border into Albania on Monday and killed 12 people in Tirana.",
    "LONDON (AP) - The attackers, who killed 30 people, then fled to Tirana on Monday.",
    "LONDON (AP) - Residents fled to Tirana on Monday.",
])
def test_uncounted_crossing_or_flight_is_no_move(text):
    assert moves(text) == []


@pytest.mark.parametrize("text", [
    # an agreement to take people in is no move, even beside an earlier intake
    "LONDON (AP) - Albania, which had received 40 exiles from Camp Liberty last year, accepted to receive another "
    "200 people from the camp.",
    "LONDON (AP) - On Monday Germany accepted to receive 100 exiles from Camp Liberty.",
])
def test_agreement_to_receive_is_no_move(text):
    assert moves(text) == []


def test_flied_is_read_as_flew():
    # a frequent non-standard past of "fly" in translated releases
    got = moves("LONDON (AP) - On Monday 115 exiles from Camp Liberty flied to Tirana.")
    assert [(c.from_place.name, c.to_place.name, c.people.value, c.date) for c in got] == \
        [("Camp Liberty", "Tirana", 115, "2020-05-04")]


def test_an_uncounted_move_of_several_years_ago_is_recalled_in_passing():
    assert moves("LONDON (AP) - The exiles have been relocated several years ago from Camp Ashraf to Camp Liberty.") == []
    # with a count, or with a year, it stays a move
    assert len(moves("LONDON (AP) - Some 400 exiles were relocated several years ago from Camp Ashraf to Camp Liberty.")) == 1
    assert [c.date for c in moves("LONDON (AP) - The exiles were relocated from Camp Ashraf to Camp Liberty in 2012.")] \
        == ["2012"]


# --- session 8 (branch moves11): a second group, a convoy told back, departure and arrival -----------------------
def _gaz_with_towns():
    """The test gazetteer with two made-up towns 15 km apart (two ends a convoy story may name)."""
    from geo.models import Place
    gaz = gazetteer()
    for name, lat, lon in (("Hillford", 33.60, 44.60), ("Rivertown", 33.60, 44.76)):
        gaz.add(Place("test:" + name.lower(), name, "city", lat, lon, "IQ", 5.0, "test"), [name])
    return gaz


def build(texts, gaz=GAZ):
    from geo.incidents import build_incidents
    docs = [Document(f"d{i}", t, published=p) for i, (t, p) in enumerate(texts)]
    ms = mentions(docs, gaz)
    cands = [c for d in docs for c in extract_document(d, [m for m in ms if m.document == d.id], gaz)]
    return build_incidents(docs, cands, gaz, None, min_confidence=0.5)[1]


def test_destination_after_a_second_moving_word():
    # "civilians evacuated from X … arrived in Y": Y's "in" is "arrived"'s, far from "evacuated"
    got = moves("LONDON (AP) - A convoy of 300 exiles evacuated from the ruined compound of Camp Ashraf near the "
                "northern border region arrived in the capital Tirana on Tuesday.")
    assert [(c.from_place.name, c.to_place.name, c.date) for c in got] == [("Camp Ashraf", "Tirana", "2020-05-05")]


def test_another_group_from_its_own_origin_goes_where_the_move_before_went():
    text = ("LONDON (AP) - A convoy of exiles from Camp Ashraf arrived in Tirana on Tuesday.\n\n"
            "Officials thanked the drivers.\n\nAnother 58 exiles were evacuated from Baqubah, a spokesman said.")
    got = sorted((c.from_place.name, c.to_place.name, c.people and c.people.value, c.date) for c in moves(text))
    assert got == [("Baqubah", "Tirana", 58, "2020-05-05"), ("Camp Ashraf", "Tirana", None, "2020-05-05")]
    # without "another" (or "a further", "N more"), a group's move with no destination is not given one
    plain = text.replace("Another 58", "Some 58")
    assert [(c.from_place.name, c.to_place and c.to_place.name) for c in moves(plain)] == \
        [("Camp Ashraf", "Tirana"), ("Baqubah", None)]


def test_the_convoy_told_back_takes_the_day_of_the_move_before():
    text = ("LONDON (AP) - Buses carrying the last civilians out of the besieged city departed on Sunday.\n\n"
            "The convoy arrived in Tirana from Baqubah after dark, carrying around 175 evacuees.")
    got = moves(text, published="2020-05-12")
    assert [(c.from_place.name, c.to_place.name, c.people.value, c.date) for c in got] == \
        [("Baqubah", "Tirana", 175, "2020-05-10")]


def test_two_towns_near_each_other_are_two_origins_across_reports():
    gaz = _gaz_with_towns()
    got = build([("LONDON (AP) - On Tuesday a convoy of 100 civilians from Hillford arrived in Tirana.", "2020-05-06"),
                 ("LONDON (AP) - On Tuesday 58 civilians from Rivertown arrived in Tirana.", "2020-05-06")], gaz)
    assert sorted((r.from_place_name, r.people) for r in got) == [("Hillford", 100), ("Rivertown", 58)]


def test_departure_day_and_arrival_day_of_one_move_across_reports():
    got = build([("LONDON (AP) - A convoy of civilians from Baqubah arrived in Tirana on Tuesday.", "2020-05-06"),
                 ("LONDON (AP) - More than 100 civilians evacuated from Baqubah on May 3 have arrived in Tirana.",
                  "2020-05-06")])
    assert len(got) == 1 and got[0].from_place_name == "Baqubah" and got[0].to_place_name == "Tirana"
    # two moves two days apart, neither told by its arrival, stay two
    got = build([("LONDON (AP) - On May 3, 100 civilians were evacuated from Baqubah to Tirana.", "2020-05-06"),
                 ("LONDON (AP) - On May 5, 200 civilians were evacuated from Baqubah to Tirana.", "2020-05-06")])
    assert len(got) == 2


def _route_dates(text, published="2020-05-10"):
    return [(c.from_place.name, c.to_place.name, c.date, c.date_end) for c in moves(text, published)
            if c.from_place is not None and c.to_place is not None]


def test_a_move_counted_back_from_the_report_day_like_an_attack():
    assert _route_dates("LONDON (AP) - 30 exiles from Camp Liberty arrived in Tirana three days ago.") == \
        [("Camp Liberty", "Tirana", "2020-05-07", None)]


def test_a_sentence_telling_when_the_move_happened_dates_it():
    text = "LONDON (AP) - 400 residents were moved from Camp Ashraf to Camp Liberty. The transfer took place on Friday."
    assert _route_dates(text) == [("Camp Ashraf", "Camp Liberty", "2020-05-08", None)]
    # only a sentence about the move: "The camp was quiet on Friday" dates nothing (the report's day stands)
    assert _route_dates("LONDON (AP) - 400 residents were moved from Camp Ashraf to Camp Liberty. The camp was quiet "
                        "on Friday.") == [("Camp Ashraf", "Camp Liberty", "2020-05-10", None)]


def test_they_arrived_a_day_later_ends_the_move_told_before():
    text = "LONDON (AP) - On Tuesday, 58 exiles were airlifted from Baghdad to Tirana. They arrived on Wednesday."
    assert _route_dates(text) == [("Baghdad", "Tirana", "2020-05-05", "2020-05-06")]


@pytest.mark.parametrize("text", [
    "LONDON (AP) - A convoy of 400 left Camp Ashraf on Friday and arrived at Camp Liberty on Saturday.",
    "LONDON (AP) - A convoy of 400 arrived in Camp Liberty on Saturday after leaving Camp Ashraf on Friday.",
])
def test_left_one_day_arrived_the_next_in_one_sentence(text):
    assert _route_dates(text) == [("Camp Ashraf", "Camp Liberty", "2020-05-08", "2020-05-09")]


def test_an_evacuation_to_safer_areas_is_a_move_near_its_origin():
    text = ('LONDON (AP) - "Yesterday 150 residents of Baqubah were rescued and evacuated to safer areas," an army '
            'spokesman said.')
    got = build([(text, "2020-05-10")])
    assert [(r.from_place_name, r.to_place_name, r.people, r.date) for r in got] == \
        [("Baqubah", "Baqubah", 150, "2020-05-09")]
    assert got[0].summary.startswith("Baqubah → near Baqubah (destination not named), 2020-05-09")
    # with no count, or to a named place, it is no such move
    assert build([(text.replace("150 residents", "residents"), "2020-05-10")]) == []
    named = build([(text.replace("to safer areas", "to Baghdad"), "2020-05-10")])
    assert [(r.from_place_name, r.to_place_name) for r in named] == [("Baqubah", "Baghdad")]


@pytest.mark.parametrize("text", [
    "Tirana (AP) - Thirty exiles from Camp Liberty arrived here on Tuesday.",
    "Tirana, May 6 (Reuters) - Thirty exiles from Camp Liberty landed here on Tuesday, officials said.",
])
def test_arrived_here_goes_to_the_dateline_town(text):
    assert _route_dates(text) == [("Camp Liberty", "Tirana", "2020-05-05", None)]


def test_here_without_a_dateline_names_no_destination():
    assert _route_dates("Thirty exiles from Camp Liberty arrived here on Tuesday.") == []


@pytest.mark.parametrize("text", [
    "LONDON (AP) - Between 3 and 5 May, 400 exiles were moved from Camp Ashraf to Camp Liberty.",
    "LONDON (AP) - On May 3-5, 400 exiles were moved from Camp Ashraf to Camp Liberty.",
])
def test_a_move_over_a_range_of_days(text):
    assert _route_dates(text) == [("Camp Ashraf", "Camp Liberty", "2020-05-03", "2020-05-05")]


@pytest.mark.parametrize("text", [
    # a number after a day that is no day of a range
    "LONDON (AP) - On May 3 and 25 exiles were moved from Camp Ashraf to Camp Liberty.",
    "LONDON (AP) - 400 exiles were moved from Camp Ashraf to Camp Liberty on May 3 to 5,000 cheers.",
])
def test_no_range_of_days_from_a_count(text):
    assert _route_dates(text) == [("Camp Ashraf", "Camp Liberty", "2020-05-03", None)]


def test_another_group_far_after_the_move_is_not_given_its_destination():
    text = ("LONDON (AP) - A convoy of exiles from Camp Ashraf arrived in Tirana on Tuesday.\n\n"
            + "Officials thanked the drivers of the buses for their long and careful work. " * 45
            + "\n\nAnother 58 exiles were evacuated from Baqubah, a spokesman said.")
    assert [(c.from_place.name, c.to_place and c.to_place.name) for c in moves(text)] == \
        [("Camp Ashraf", "Tirana"), ("Baqubah", None)]


def _built_moves(text, published="2020-05-10"):
    from geo.incidents import build_incidents
    d = Document("d1", text, published=published)
    _, relocations, skips = build_incidents([d], extract_document(d, mentions([d], GAZ), GAZ), GAZ, None,
                                            min_confidence=0.5)
    return relocations, skips


def test_left_to_a_place_is_a_move():
    # regression: "had left to X" (wire and translated texts) was no move at all
    relocations, _ = _built_moves("LONDON (AFP) - The last 280 residents of Camp Liberty had left to Albania on "
                                  "Friday, the group said.")
    assert [(r.from_place_id, r.to_place_id, r.people) for r in relocations] == \
        [("test:camp-liberty", "test:albania", 280)]


def test_a_country_origin_holding_the_destination_tells_no_origin():
    # regression: "exiles living in camps in X … were then moved to Camp Y" gave X → Camp Y, 2,000 km from the
    # scorer's real origin: a country that holds the destination says nothing of where the people came from
    relocations, skips = _built_moves("LONDON (AFP) - Some 400 exiles living in Iraq were moved to Camp Liberty "
                                      "on Friday.")
    assert relocations == [] and any("country the destination lies in" in s.reason for s in skips)


@pytest.mark.parametrize("naming", ["called", "known as", "now named"])
def test_a_described_destination_named_after_it_is_the_destination(naming):
    # "have moved to a transit site called X": the described site's name follows it
    text = ("WASHINGTON -- The envoy on Camp Hope in Iraq says nearly 900 residents of the camp -- half the total -- "
            f"have moved to a transit site {naming} Camp Liberty.")
    got = moves(text)
    assert [(c.from_place.name, c.to_place.name, c.people.value) for c in got] == [("Camp Hope", "Camp Liberty", 900)]


def test_a_country_origin_becomes_the_site_the_group_was_based_at():
    # "departed their X camp … relocated to Y. The group was based at Camp Z near …": "based at" reads like an
    # organisation's seat (no scene), but it says where the people lived: the move starts there
    text = ("LONDON (AP) - The last 90 members of the group departed their Iraq camp on Monday and were relocated to "
            "Albania, the group said.\n\nThe group was temporarily based at Camp Hope near Baghdad since 2012.")
    got = moves(text)
    assert [(c.from_place.name, c.to_place.name, c.people.value) for c in got] == [("Camp Hope", "Albania", 90)]


def test_a_state_welcoming_a_departure_is_not_where_people_went():
    # on main "X welcomed the departure of 397 residents from Camp Y" made X the destination
    got = moves("Albania today welcomed the peaceful departure of the first 397 residents from Camp Ashraf and their "
                "safe arrival at a transit camp.")
    assert all(c.to_place is None or c.to_place.name != "Albania" for c in got), \
        [(c.from_place, c.to_place) for c in got]
    # a state that takes people in is where they went
    got = moves("Albania has welcomed the first 14 residents of Camp Ashraf.")
    assert [c.to_place.name for c in got] == ["Albania"]


# session 12 (heldout27, then development data): made-up sentences of the same shapes
def test_the_moves_own_from_after_its_verb_beats_a_from_that_describes_the_people():
    text = ("LONDON (AP) - Camp Hope is home to 900 members of a farming union in exile from Germany, who were "
            "transferred from their original home, Baqubah, also in Iraq, to Camp Hope in 2019.")
    got = moves(text)
    assert [(c.from_place.name, c.to_place.name) for c in got] == [("Baqubah", "Camp Hope")], \
        [(c.from_place, c.to_place, c.reasons) for c in got]


@pytest.mark.parametrize("text", [
    "LONDON (AP) - Despite the promises, not even a single tent has been transferred to Camp Hope residents.",
    "LONDON (AP) - The 300 residents of Camp Hope have not been moved to Tirana, officials said on Monday.",
    "LONDON (AP) - The 300 residents of Camp Hope were never relocated to Tirana, officials said on Monday.",
])
def test_a_move_said_not_to_have_happened_is_no_move(text):
    assert moves(text) == []


def test_a_move_not_denied_is_still_a_move():
    # "not" elsewhere in the sentence denies nothing of the move
    got = moves("LONDON (AP) - The 300 residents of Camp Hope, who did not want to stay, were moved to Tirana on "
                "Monday.")
    assert [(c.to_place.name, c.people.value) for c in got] == [("Tirana", 300)]


@pytest.mark.parametrize("text", [
    # session 12: a move to be helped along, the emergency services arriving, the wounded driven for care
    "LONDON (AP) - The government agreed on Monday to help facilitate the relocation of 300 exiles from Camp Hope "
    "to Tirana.",
    "LONDON (AP) - On Monday 30 fire trucks arrived at the burning studio in Baqubah.",
    "LONDON (AP) - On Monday 30 casualties were flown to hospitals in Baqubah.",
    "LONDON (AP) - On Monday 30 wounded residents were transferred to hospitals in Baqubah.",
])
def test_no_move_of_people_told(text):
    assert moves(text) == [], [(c.from_place, c.to_place, c.reasons) for c in moves(text)]



def test_people_taken_to_prisons_are_no_move():
    # session 13: "36 taken to the city's prisons" (plural) was a move of the 3,500 residents to the city
    assert moves("The government is responsible for the toll among Baqubah's 3500 residents in recent days: twelve "
                 "killed, 500 wounded, 36 taken to Baghdad's prisons.") == []
