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
