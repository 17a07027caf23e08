"""Incidents as events (issue 10, session 14): counts, day spans, a town and its city, old days after a new one.

Each test is a regression found on a development split, rewritten with made-up places and sentences of the same
shape (never the articles' own text or names).
"""
import pytest

from geo.dates import find_dates
from geo.extract import extract_document, figures
from geo.incidents import build_incidents
from geo.models import Document, Place
from geo.quantities import find_quantities
from incident_helpers import gazetteer, mentions

GAZ = gazetteer()
# made-up towns: a city and a town of its metropolitan area 33 km east of it (further than one scene's 25 km)
GAZ.add(Place("test:harrowgate", "Harrowgate", "city", -23.55, -46.63, "BR", 2.0, "test"), ["Harrowgate"])
GAZ.add(Place("test:wexcombe", "Wexcombe", "city", -23.54, -46.31, "BR", 2.0, "test"), ["Wexcombe"])


def build(text, published=None):
    d = Document("d1", text, published=published)
    return build_incidents([d], extract_document(d, mentions([d], GAZ), GAZ), GAZ, None, min_confidence=0.5)


def counts(sentence):
    return {role: (q.low, q.high) for role, q in figures(sentence, 0, [], []).items()}


@pytest.mark.parametrize("sentence, expected", [
    # two counts joined by "and" share the verb's fate: summed
    ("Gunmen opened fire at a school, killing at least six pupils and two teachers, officials said.",
     {"killed": (8, None)}),
    ("Four villagers and the two attackers are among the dead.", {"killed": (6, 6)}),
    ("Militants killed 12 soldiers and 3 civilians.", {"killed": (15, 15)}),
    ("The rockets also wounded nine Ruritanians and seven Freedonians.", {"injured": (16, 16)}),
    # not when each count has its own fate, or "and" joins a clause, or the second group is "more"
    ("Five people were killed and two soldiers were wounded.", {"killed": (5, 5), "injured": (2, 2)}),
    ("Police said the dead included two guards and six pupils, and several more people were hospitalised.",
     {"injured": (3, 9)}),
])
def test_two_counts_joined_by_and_are_one_toll(sentence, expected):
    assert counts(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "The attackers, aged 16 and 24, shot themselves after the attack.",
    "The two gunmen, ages 24 and 16, walked into the school.",
    "The school has 900 pupils, aged between seven and 17, and a library.",
    "Police believe the attackers were between 19 and 24 years old.",
])
def test_every_number_of_a_list_of_ages_is_an_age(sentence):
    assert not [q for q in find_quantities(sentence) if q.low in (16, 17, 19, 24)]
    assert "killed" not in counts(sentence)


def test_an_inserted_part_does_not_hide_what_befell_the_whole():
    # "including five pupils" holds the next count: the eight's fate is told after the clause closes
    assert counts("Eight people, including five pupils, have been killed by gunmen.") == {"killed": (8, 8)}
    assert counts("Nine people, including two guards, were wounded.") == {"injured": (9, 9)}


def test_a_relative_clause_tells_the_fate_of_the_people_counted():
    assert counts("Seven residents, who were beaten and injured, were taken to hospital.") == {"injured": (7, 7)}
    assert counts("Twenty people, who had fled the fighting, were killed.") == {"killed": (20, 20)}


def test_one_of_a_set_of_things_counts_no_one():
    assert counts("One of the worst incidents came in 2011 when a gunman shot dead 12 pupils at a school.") == \
        {"killed": (12, 12)}
    assert counts("Two of the rockets hit the camp, killing five.") == {"killed": (5, 5)}
    # a thing's noun that qualifies people still counts them
    assert counts("Twenty of the camp's residents were killed and 9 were wounded.") == \
        {"killed": (20, 20), "injured": (9, 9)}


@pytest.mark.parametrize("text, value", [
    ("During the raids of July 28 and 29, 2009, troops used the same gate.", "2009-07-28"),
    ("During the raids of July 28-29, 2009, troops used the same gate.", "2009-07-28"),
    ("the raids of 28 and 29 July 2009", "2009-07-28"),
])
def test_a_span_of_days_takes_the_year_told_after_its_last_day(text, value):
    found = [d for d in find_dates(text, "2010-10-01", 0, 2010) if d.precision == "day"]
    assert [d.value for d in found] == [value]


def test_a_day_then_a_count_is_no_span_of_days():
    found = find_dates("On March 3 and 5 people died.", "2010-10-01", 0, 2010)
    assert [d.text for d in found] == ["March 3"]
    killed = figures("On March 3 and 5 people died.", 0, found, [])["killed"]
    assert (killed.low, killed.high) == (5, 5)


def test_a_town_told_as_part_of_its_city_is_one_scene_with_the_city():
    # the headline names the city, the body the town "a suburb of" it, 33 km off: one shooting, at the town
    text = ("School shooting: deadly attack in Harrowgate\n\n"
            "Two gunmen opened fire at a school on Wednesday, killing eight people.\n\n"
            "The shooting happened at the state school in Wexcombe, a suburb of Harrowgate.")
    incidents, _, _ = build(text, "2019-03-13")
    assert [(i.place_name, i.killed_best) for i in incidents] == [("Wexcombe", 8)]


def test_two_towns_of_a_city_told_apart_stay_two_events():
    # no "suburb of", "near" or "Greater": two places, two shootings
    text = ("Gunmen opened fire at a school in Harrowgate on Wednesday, killing eight people.\n\n"
            "On Wednesday a gunman also opened fire at a market in Wexcombe, killing three people.")
    incidents, _, _ = build(text, "2019-03-13")
    assert sorted((i.place_name, i.killed_best) for i in incidents) == [("Harrowgate", 8), ("Wexcombe", 3)]


def test_an_old_attack_after_a_day_of_the_reports_time_is_background():
    # the report's day is told in a sentence with no attack word; the raid of a year before, told later, is
    # another event than the report's, even though no dated attack came before it
    text = ("Troops set up a new post in Camp Ashraf\n\n"
            "On Friday afternoon, October 1, troops set up a new post in the northern part of Camp Ashraf.\n\n"
            "When residents approached the troops, they were attacked with iron bars. Ten residents were injured.\n\n"
            "During the raids of July 28 and 29, 2009, the troops used the same gate to attack the residents.")
    incidents, _, _ = build(text, "2010-10-01")
    got = sorted((i.date, i.injured_best) for i in incidents)
    assert got == [("2009-07-28", None), ("2010-10-01", 10)]


def test_the_raid_referred_back_takes_the_date_of_the_sentence_before():
    # the sentence before tells what happened and when, with no attack word; "The raid" opening the next is it
    text = ("BAGHDAD (Reuters) - Exiles in Iraq vowed on Saturday to go on with a hunger strike.\n\n"
            "In late July, troops took control of Camp Ashraf north of Baghdad.\n\n"
            "The raid at the camp sparked clashes in which at least seven exiles were killed.")
    incidents, _, _ = build(text, "2009-09-12")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Camp Ashraf", "2009-07", 7)]


def test_a_statement_day_before_the_raid_does_not_date_it():
    # the sentence before only tells when something was said: "The raid" keeps no date of its own
    text = ("Exiles said on Saturday that troops had entered Camp Ashraf.\n\n"
            "The raid at the camp sparked clashes in which at least seven exiles were killed.")
    incidents, _, _ = build(text, "2009-09-12")
    assert [(i.date, i.killed_best) for i in incidents] == [("2009-09-12", 7)]


def test_the_pages_date_line_over_a_chronology_is_no_day_of_the_report():
    # the page's own date alone on its line is no event's day: the chronology's old attack is still the one reported
    text = ("December 16, 2017\n\n"
            "Camp Ashraf is attacked by security forces; 4 killed, hundreds injured\n\n"
            "July 28, 2009 Riot police attacked the camp. Four residents are known to have been killed.")
    incidents, _, _ = build(text, "2017-12-16")
    assert [(i.date, i.killed_best) for i in incidents] == [("2009-07-28", 4)]


def test_martyrs_are_the_dead():
    # the exiles' own word for their dead: "the thirty-four martyrs" is a toll, "were martyred" a verb of killing
    assert counts("The leader commemorated the thirty-four martyrs of the camp on the seventh day.") == \
        {"killed": (34, 34)}
    assert counts("Two residents were martyred and five were wounded.") == {"killed": (2, 2), "injured": (5, 5)}
    # capitalised, a name or a title: "the Al-Quds Martyrs Brigade", a book "10,000 Martyrs"
    assert counts("The book of the dead is called 'Fallen. 10,000 Martyrs'.") == {}


def test_a_curated_camp_is_found_as_camp_x_in_lower_case(tmp_path):
    # "camp Freedom was attacked": statements write the camp word in lower case; the name alone is a common word
    from geo.gazetteer import load_gazetteer
    from geo.geoparse import find_mentions
    (tmp_path / "gazetteer.csv").write_text(
        "name,aliases,kind,lat,lon,precision_km,country_code,source\n"
        "Camp Freedom,Freedom,site,33.30,44.25,2,IQ,made up for a test\n", encoding="utf-8")
    gaz = load_gazetteer(tmp_path)
    text = "Attack on Freedom\n\nThis morning camp Freedom in Iraq was attacked with rockets."
    found = {(text[m.start:m.end], m.place_id) for m in find_mentions([Document("d1", text)], gaz) if m.place_id}
    assert ("camp Freedom", "curated:camp-freedom") in found and ("Freedom", "curated:camp-freedom") in found


def test_until_now_tells_a_toll_so_far_not_a_condition():
    text = ("At 05:45 this morning rockets hit Camp Liberty. Until now 6 residents were killed and more than 50 "
            "people injured.")
    incidents, _, _ = build(text, "2013-02-09")
    assert [(i.killed_best, i.injured_low) for i in incidents] == [(6, 50)]


def test_a_camp_the_text_says_the_attack_took_place_in_is_the_scene():
    # the lede says only "a camp"; the camp named first after it is another one; the text says where it happened
    text = ("Attack on Dissident Camp Adds to Iraq Bloodshed\n\n"
            "As many as six people were killed and 50 were wounded in a rocket attack on a camp housing the group.\n\n"
            "The dissidents had lived for decades at Camp Ashraf until last year, when Baghdad moved them to "
            "Camp Liberty where today's attack took place.")
    incidents, _, _ = build(text, "2013-02-09")
    assert [(i.place_name, i.killed_best) for i in incidents] == [("Camp Liberty", 6)]


def test_a_broken_promise_to_protect_does_not_make_the_massacre_hypothetical():
    text = ("Camp Ashraf was home to 3,400 exiles. Last month, 52 of the residents we swore to protect were "
            "massacred by the troops we trained.")
    d = Document("d1", text, published="2013-10-28")
    told = [(c.date, c.killed.value, c.hypothetical) for c in extract_document(d, mentions([d], GAZ), GAZ)
            if c.kind == "incident"]
    assert told == [("2013-09", 52, False)]
    # a demand to protect the residents from attacks is still no attack told
    incidents, _, _ = build("The exiles urged the UN to protect Camp Ashraf from another massacre.", "2013-10-28")
    assert incidents == []


def test_every_one_of_the_dead_is_no_count_of_one():
    assert counts("The residents filmed the bodies of every one of the martyrs.") == {}
    assert counts("Each one of them was shot dead.") == {}
    assert counts("One person died.") == {"killed": (1, 1)}


def test_a_vague_count_does_not_join_an_undated_account_to_another_attack():
    # the dated attack "killed three" (one report) and "several" (another): an undated statement of six killed agrees
    # only with the vague word, which any toll from three to nine would; the number disagrees: another event
    dated = [Document("a", "Rockets hit Camp Liberty on Thursday, killing three residents and wounding 70.",
                      published="2013-12-27"),
             Document("b", "Rockets killed several residents of Camp Liberty on Thursday.", published="2013-12-27")]
    undated = Document("c", "Camp Liberty was attacked with missiles. Six residents were killed and more than 100 "
                            "were injured.")
    docs = [*dated, undated]
    cands = [c for d in docs for c in extract_document(d, mentions([d], GAZ), GAZ)]
    incidents, _, _ = build_incidents(docs, cands, GAZ, None, min_confidence=0.5)
    assert sorted((i.date or "", i.killed_best) for i in incidents) == [("", 6), ("2013-12-26", 3)]
    # with only the vague word to go by, the undated account may still be that attack
    docs = [dated[1], undated]
    cands = [c for d in docs for c in extract_document(d, mentions([d], GAZ), GAZ)]
    incidents, _, _ = build_incidents(docs, cands, GAZ, None, min_confidence=0.5)
    assert [(i.date, i.killed_best) for i in incidents] == [("2013-12-26", 6)]
