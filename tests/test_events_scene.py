"""An attack's scene chosen by scoring the places a document names (extract.scene_score, issue 10, session 7).

Made-up sentences (real towns of the test gazetteer, invented ones added here); never a benchmark article's text.
"""
from geo.extract import SCENE_WEIGHTS, MentionIndex, Span, _resolved, choose_place, extract_document
import pytest
from geo.models import Document, Mention, Place
from incident_helpers import gazetteer, mentions

GAZ = gazetteer()
# made up: a province of Iraq and two towns in it, 12 km apart; a province of Albania of the same name as a region
GAZ.add(Place("test:leeds", "Leeds", "city", 53.80, -1.55, "GB", 5.0, "test"), ["Leeds"])
GAZ.add(Place("test:uplands-al", "Uplands", "region", 41.0, 20.0, "AL", 40.0, "test"), ["Uplands"])
GAZ.add(Place("test:eastmarch", "Eastmarch", "region", 35.0, 45.0, "IQ", 40.0, "test"), ["Eastmarch"])
GAZ.add(Place("test:dunmore", "Dunmore", "city", 35.05, 45.05, "IQ", 2.0, "test"), ["Dunmore"])
GAZ.add(Place("test:kelby", "Kelby", "city", 35.10, 45.15, "IQ", 2.0, "test"), ["Kelby"])
# made up: a seaside town 40 km east of a country's main city (session 8, scene11)
GAZ.add(Place("test:portmere", "Portmere", "city", 5.20, -3.74, "CI", 3.0, "test"), ["Portmere"])
GAZ.add(Place("test:harrowgate", "Harrowgate", "city", 5.32, -4.08, "CI", 10.0, "test"), ["Harrowgate"])


def run(text, published="2014-03-10", unplaced=()):
    d = Document("d1", text, published=published)
    ms = mentions([d], GAZ)
    for name in unplaced:  # a place the mention stage found but no data places
        at = text.index(name)
        ms.append(Mention("d1", at, at + len(name), name, None, 0.5, "test"))
    return extract_document(d, sorted(ms, key=lambda m: m.start), GAZ)


def choose(text, words, year=None):
    """The place choose_place gives the sentence that starts with ``words`` (paragraphs split at blank lines)."""
    d = Document("d1", text)
    index = MentionIndex(_resolved(mentions([d], GAZ), GAZ), text=text)
    start = text.index(words)
    end = text.find(".", start) + 1
    para_start = text.rfind("\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = text.find("\n\n", end)
    span = Span(start, end, para_start, len(text) if para_end < 0 else para_end, text.count("\n\n", 0, start))
    place, note = choose_place(span, index, year=year)
    return place.name if place else None, note


def place_of(cands, words):
    c = next(c for c in cands if c.kind == "incident" and words in c.quote)
    return c.place.name if c.place else None, c.place_note


def test_the_weights_are_one_table():
    # the documented table (docs/events.md): every cue has one weight, the penalties are negative
    assert set(SCENE_WEIGHTS) == {"kind", "sentence", "attack", "paragraph", "camp", "before", "reference", "nearby", "other year",
                                  "container", "dateline", "lone region", "distance"}
    assert all(SCENE_WEIGHTS[k] < 0 for k in ("reference", "other year", "container", "dateline", "lone region",
                                             "distance"))


def test_a_country_is_refined_by_the_town_tied_to_the_attack_not_the_last_one_named():
    # the first-match rule took the town named last before the sentence (Kelby, where nothing happened)
    text = ("Gunmen who attacked Dunmore fled north\n\n"
            "The governor of Kelby called for calm.\n\n"
            "At least 12 people were killed in an attack on a village in Iraq on Sunday, officials said.")
    place, note = choose(text, "At least 12")
    assert place == "Dunmore", note
    assert "attack" in note


def test_a_place_told_with_another_year_is_another_events_scene(monkeypatch):
    # Camp Ashraf is tied to a raid of 2011; the rocket attack of 2013 is placed at the camp the exiles live in
    text = ("Camp Ashraf was raided in 2011, killing 34 residents.\n\n"
            "The exiles now live in Camp Liberty.\n\n"
            "Four residents were killed in a rocket attack in Iraq on December 26, 2013, the group said.")
    place, note = choose(text, "Four residents", "2013")
    assert place == "Camp Liberty", note
    monkeypatch.setitem(SCENE_WEIGHTS, "other year", 0.0)  # without the cue, the raid's camp would be taken
    assert choose(text, "Four residents", "2013")[0] == "Camp Ashraf"


def test_the_city_a_suburb_belongs_to_is_not_the_finer_scene():
    # "a Dunmore suburb": the scene is a part of Dunmore; Kelby, named as the place stormed, is finer than it
    text = ("Troops stormed Kelby after days of shelling, residents said.\n\n"
            "Rebels began leaving the besieged Dunmore suburb after the shelling on Friday.\n\n"
            "In 2012, around 40 people were killed in an attack in Eastmarch, activists said.")
    place, note = choose(text, "In 2012, around 40", "2012")
    assert place == "Kelby", note


def test_an_unplaced_village_is_placed_at_the_town_the_text_calls_nearby():
    # "Zorvani" is no place of the data; the province would be the scene, but the text names the town nearby
    text = ("Gunmen killed 20 people in an attack on the village of Zorvani in Eastmarch on Friday.\n\n"
            "The mayor of the nearby town of Dunmore said many homes were burned.")
    place, note = place_of(run(text, unplaced=("Zorvani",)), "Gunmen killed 20")
    assert place == "Dunmore", note
    assert "nearby" in note


def test_below_the_least_score_the_town_named_last_before_refines_a_country():
    # no town scores SCENE_MIN (far away, tied to nothing): the place named last before the sentence, as before
    text = ("Farmers sell their crops in Dunmore, a market town.\n\n" + "The weather was mild for weeks. " * 60 + "\n\n"
            "At least 12 people were killed in an attack in Iraq on Sunday, officials said.")
    place, note = choose(text, "At least 12")
    assert place == "Dunmore" and "scored" not in note, note


def test_a_place_opening_the_text_before_a_dash_is_the_dateline_not_the_scene():
    # "Baghdad - …": where the report was filed; the town the text ties to the attack is the scene
    text = ("Baghdad - At least 14 people were killed on Friday in an attack on a market in Iraq, officials said.\n\n"
            "The attack on Dunmore's market was the worst this year, said the mayor of Dunmore.")
    place, note = choose(text, "Baghdad - At least 14")
    assert place == "Dunmore", note


def test_a_region_of_a_country_the_text_names_nowhere_else_is_no_scene():
    # "the Uplands region" resolves to a province of Albania; the story is about Iraq (Iraq, Dunmore, Kelby)
    text = ("Gunmen attacked Dunmore in Iraq on Friday, residents of Kelby said.\n\n"
            "In the attack on the village last year, militiamen killed 30 people, part of the violence in the "
            "Uplands region.")
    place, note = choose(text, "In the attack on the village last year", None)
    assert place in ("Dunmore", "Kelby"), note


def test_a_suburb_of_a_city_is_the_part_the_text_ties_to_the_attack():
    # "in a suburb of the capital X": the suburb the text names with the attack (12 km away), not X itself
    text = ("Gunmen stormed Kelby on Tuesday night.\n\n"
            "An air strike hit a detention centre in a suburb of the provincial capital Dunmore, killing 40.")
    place, note = choose(text, "An air strike hit")
    assert place == "Kelby" and note.startswith("part of Dunmore"), note


def test_a_part_named_with_its_city_is_the_events_place_over_the_city_alone():
    # the headline names the city; a later sentence the part of it ("X, east of Y"): the part is the scene
    text = ("Air strike hits migrant centre in Dunmore, killing scores\n\n"
            "An air strike killed 40 people at the Kelby centre, east of Dunmore, on Tuesday, officials said.")
    events = [c for c in run(text, "2019-07-03") if c.kind == "incident" and c.confidence >= 0.5]
    assert [c.place.name for c in events] == ["Kelby"], [c.place_note for c in events]


def test_a_camp_near_a_city_is_the_best_scored_site_not_the_closest():
    # "a camp near Baghdad": Camp Liberty, tied to a shelling, over Camp Ashraf named closer but with another year
    text = ("Camp Liberty was shelled on February 9, killing eight residents, the exiles said in a long statement "
            "that also listed their demands.\n\n"
            "Rockets hit a camp near Baghdad on Monday, killing three people.\n\n"
            "Camp Ashraf was closed in 2012.")
    c = next(c for c in run(text) if any("Rockets hit" in cl.quote for cl in c.claims))
    assert c.place.name == "Camp Liberty", c.place_note


def test_a_province_whose_country_is_not_named_stays_the_scene():
    # places of another country (where relatives live) do not make the province a namesake: the text never
    # names that other country itself
    text = ("Gunmen killed 12 people in Eastmarch province on Sunday. Relatives in London and Leeds held vigils.")
    place, note = choose(text, "Gunmen killed 12")
    assert place == "Eastmarch", note


def test_camp_residents_killed_are_placed_at_the_camp_not_a_city_tied_to_another_attack():
    # "20 camp residents were killed" (the paragraph names only the country): the camp named before, not the city
    # the next paragraph ties to another bombing
    text = ("More than 2,000 exiles remain at Camp Liberty and demand to be moved abroad.\n\n"
            "The exiles have come under attack several times in Iraq. In October, over 20 camp residents were killed "
            "in shelling, according to the group.\n\n"
            "Baghdad is already reeling from a car bombing that killed hundreds on Sunday.")
    place, note = choose(text, "In October, over 20", "2015")
    assert place == "Camp Liberty", note


def test_camp_residents_killed_are_the_camp_named_paragraphs_before_not_a_city_of_the_government():
    # regression: "… against the regime in X": X, named in the sentence, was the scene of the rocket attack that
    # killed "24 camp residents" (the camp named two paragraphs before)
    text = ("MPs welcomed the condemnation of a deadly rocket attack on Camp Liberty, home to exiles in Iraq.\n\n"
            "They called for an urgent investigation.\n\n"
            "24 camp residents lost their lives in a missile attack on October 29th, the 7th attack against the "
            "exiles at the demand of the regime in Tirana.")
    assert place_of(run(text, "2015-11-02"), "24 camp residents")[0] == "Camp Liberty"


def test_a_town_named_only_as_a_state_does_not_refine_a_sentence_that_names_no_place():
    # regression: "opposes X's clerical regime" (X named as a state) was the town named last before a rocket attack
    # that names no place, ahead of the town the text had placed the people in
    text = ("The exiles were moved to a camp outside Dunmore last year.\n\n"
            "The group opposes Tirana's clerical regime and fought its army for years.\n\n"
            "Seven people were killed in a rocket attack on the exiles in February.")
    place, note = choose(text, "Seven people")
    assert place == "Dunmore", note


def test_a_country_of_another_sentence_is_refined_by_the_site_named_closest_not_the_best_scored():
    # regression: once "the security situation across X" counted as a place (it was read as "across the border
    # from X"), the attack of the next sentence, which names no place, took the best-scored site of X (a camp the
    # text ties to other attacks, later on) instead of the camp named right after it
    text = ("While the security situation across Iraq is on the verge of collapse, the exiles are at risk. The "
            "letter referred to the missile attack that took place on December 26 of last year, killing four "
            "refugees.\n\n"
            "The residents of Camp Liberty had previously lived in a more developed camp.\n\n"
            "Camp Ashraf was shut in 2012 after violent raids and attacks. A final attack on the camp killed 50.")
    assert place_of(run(text, None), "The letter referred")[0] == "Camp Liberty"


def test_a_city_behind_a_descriptive_phrase_is_a_reference_point():
    # "north of the Iraqi capital X", "40km east of the country's economic capital, X", "south of the provincial
    # capital of X": X is where the scene is measured from, like "north of X"
    for words in ("north of the Iraqi capital ", "some 40km east of the country's economic capital, ",
                  "south of the provincial capital of "):
        text = f"Rockets hit an exile camp {words}Baghdad on Sunday, killing nine.\n\nCamp Ashraf was hit."
        place, note = choose(text, "Rockets hit")
        assert (place, note) == ("Camp Ashraf", "site near Baghdad"), words
    # a capital named as such, not after a direction, is still the scene
    assert choose("Rockets hit the Iraqi capital Baghdad on Sunday, killing nine.\n\nCamp Ashraf was hit.",
                  "Rockets hit")[0] == "Baghdad"


def test_a_town_told_by_its_distance_from_the_capital_stays_one_record_at_the_town():
    # the second sentence names only the city the town is measured from: one record, at the town
    text = ("Gunmen killed 16 people at two beach hotels in Portmere on Sunday, officials said.\n\n"
            "The attack targeted the seaside town, which lies about 40km east of the country's economic capital, "
            "Harrowgate.")
    events = [c for c in run(text, "2016-03-14") if c.kind == "incident"]
    assert [c.place.name for c in events] == ["Portmere"], [(c.place.name, c.place_note) for c in events]


def test_a_caption_goes_on_with_the_sentence_that_names_the_town():
    # a photo caption ("… the hotel that came under attack [Wire]") read with the next sentence, which names the
    # town: the event is told there (named in the sentence), not only named nearby, so a later sentence naming
    # the city it is measured from does not move it
    text = ("Deadly attack hits seaside resort\n\n"
            "Guards stand in front of the hotel that came under attack [Wire]\n\n"
            "Fourteen civilians and two soldiers have been killed in the beach resort of Portmere, officials say.\n\n"
            "The attack targeted three hotels in the town, which lies about 40km east of the capital, Harrowgate.")
    events = [c for c in run(text, "2016-03-14") if c.kind == "incident"]
    assert {c.place.name for c in events} == {"Portmere"}, [(c.place.name, c.place_note) for c in events]


def test_a_country_hyphened_to_a_noun_qualifies_it_and_is_no_scene():
    # "Albania-exile camp" (like "-based", "-backed"): the exiles' country, not where the raid was
    from geo.attribution import not_the_scene
    for words in ("an Albania-exile camp", "an Albania-bound convoy", "the Albania-born leader"):
        t = f"Troops hit {words} on Friday."
        assert not_the_scene(t, t.index("Albania"), t.index("Albania") + 7, "country"), words
    t = "Troops hit a camp near the Albania-Iraq border."  # two places joined: not a word qualifying a noun
    assert not_the_scene(t, t.index("Albania"), t.index("Albania") + 7, "country") is None
    text = ("Five dead as troops hit Albania-exile camp\n\n"
            "Troops raided Camp Hope before dawn on Friday, leaving five residents dead, officials said.")
    events = [c for c in run(text, "2011-04-09") if c.kind == "incident"]
    assert [c.place.name for c in events] == ["Camp Hope"], [(c.place.name, c.place_note) for c in events]


def test_a_headline_place_the_body_never_names_is_not_what_the_camp_refers_to():
    # a subtitle's capital standing for its state ("… Sign X Is Gaining Ground"), named nowhere in the body and in a
    # line that tells no attack: "the camp" of the body does not refer back to it
    text = ("Troops Raid Exile Camp\nMove Seen as Sign Berlin Is Gaining Ground in the Region\n\n"
            "Baghdad, May 3 (Wire) -- Troops carried out a raid on Tuesday on the camp of an exile group that the "
            "United Kingdom has long sheltered, officials said.\n\n"
            "Residents said troops shot dead four people in the camp northeast of Baghdad.")
    events = [c for c in run(text, "2011-05-04") if c.kind == "incident"]
    assert {c.place.name for c in events} == {"Baghdad"}, [(c.place.name, c.place_note) for c in events]
    # a title line that tells the attack keeps its place ("Bomb kills 12 in X"), and so does one the body names
    from geo.extract import _title_end
    assert _title_end(text, (0, 0)) == text.index("Baghdad, May 3")
    assert _title_end("Gunmen killed 12 in Dunmore on Sunday", (0, 0)) == 0  # no body: no title
    assert _title_end("a\nb\nc\nd\ne\nGunmen killed 12 in Dunmore on Sunday.", (0, 0)) == 0  # five lines: no title
    assert _title_end("a\nb\nc\nd\nGunmen killed 12 in Dunmore on Sunday.", (0, 0)) == 8
    text = "Bomb kills 12 in Kelby\n\nA bomb went off in the market of the town on Sunday, police said."
    assert {c.place.name for c in run(text) if c.kind == "incident"} == {"Kelby"}


def test_the_camp_refers_back_to_the_site_named_before_not_the_one_named_next():
    # one paragraph: "the camp" of the earlier attack is the camp named before it (Camp Hope), not the exiles' former
    # base named in the next sentence, though that one is closer
    text = ("Rockets hit a village near Baghdad on Monday, and some landed in Camp Hope, where the exiles live, a "
            "police source said. A similar attack occurred on May 2, 2015, killing 12 exiles when rockets were fired "
            "on the camp. The exiles were moved from their former base Camp Ashraf to Camp Hope in 2012.")
    assert place_of(run(text, "2016-07-05"), "A similar attack") == ("Camp Hope", "site in the paragraph (the camp)")
    # with nothing named before it, "the camp" still takes the site its paragraph names after it
    text = "Rockets were fired on the camp on May 2, 2015, killing 12 exiles. Camp Ashraf houses 3,000 exiles."
    assert place_of(run(text, "2016-07-05"), "Rockets were fired")[0] == "Camp Ashraf"


def test_a_named_spokesman_in_a_city_is_where_the_speaker_was_not_the_scene():
    # "… were shot, according to the agency's spokesman Rupert X in Leeds": Leeds is the speaker's office
    from geo.attribution import not_the_scene
    for words in ("according to the agency's spokesman Rupert Tell in", "according to Mara Tell in",
                  "said the deputy envoy Ann Mara Tell at"):
        t = f"Most victims were shot, {words} Leeds."
        assert not_the_scene(t, t.index("Leeds"), t.index("Leeds") + 5, "city"), words
    t = "Most victims were shot, according to officials in Leeds."  # no name: officials in a town may be local
    assert not_the_scene(t, t.index("Leeds"), t.index("Leeds") + 5, "city") is None
    text = ("Soldiers raided Dunmore before dawn on Friday, killing 12 residents.\n\n"
            "Most victims were shot, according to the agency's spokesman Rupert Tell in Leeds. He said dozens more "
            "were wounded in the raid.")
    events = [c for c in run(text, "2011-04-09") if c.kind == "incident"]
    assert {c.place.name for c in events} == {"Dunmore"}, [(c.place.name, c.place_note) for c in events]


def test_said_and_a_role_before_a_name_ending_the_sentence_keeps_the_place_before_as_the_scene():
    # "… killed 12 in X on Sunday, said police spokesman Y Z.": the speaker follows the verb; X is the scene
    from geo.attribution import not_the_scene
    for tail in ("said police spokesman Ahmad Tell.", "said spokesman Ahmad Tell.", "said the army."):
        t = f"Gunmen killed 12 people in Dunmore on Sunday, {tail}"
        assert not_the_scene(t, t.index("Dunmore"), t.index("Dunmore") + 7, "city") is None, tail
    t = "A spokesman in Dunmore, said that the road was shut."  # the speaker's office
    assert not_the_scene(t, t.index("Dunmore"), t.index("Dunmore") + 7, "city")


def test_the_previous_attack_tying_no_place_is_at_the_reports_own_scene():
    # "Since the previous attack on May 9, … vests from Camp Y": Camp Y is where the vests are; the previous attack
    # is one on the report's own camp
    text = ("Rockets hit Camp Hope on Monday, wounding three residents.\n\n"
            "Since the previous attack on May 9, the government has not sent back the helmets and vests from "
            "Camp Liberty, and the residents remain unprotected.")
    events = [c for c in run(text, "2014-06-17") if c.kind == "incident"]
    assert sorted((c.date, c.place.name) for c in events) == [("2014-05-09", "Camp Hope"),
                                                              ("2014-06-16", "Camp Hope")], \
        [(c.date, c.place.name, c.place_note) for c in events]
    # the previous attack told "on X" keeps X
    text2 = text.replace("Since the previous attack on May 9,", "Since the previous attack on Camp Liberty on May 9,")
    events2 = [c for c in run(text2, "2014-06-17") if c.kind == "incident"]
    assert ("2014-05-09", "Camp Liberty") in [(c.date, c.place.name) for c in events2]


@pytest.mark.parametrize("sentence, kind", [
    ("Albania Condemns Deadly Attack Against Exiles In Iraq", "country"),  # a headline's verb in title case
    ("\"Albania strongly condemns today's brutal attack,\" the minister said.", "country"),  # an adverb between
    ("The top Albania general in Iraq said he had no warning of the raid.", "country"),
    ("Albania Secretary of State Ann Tell said the raid was brutal.", "country"),
    ("The group seeks the overthrow of Albania's clerical leaders.", "country"),
    ("Iraqi forces took over its security from Albania earlier this year.", "country"),
    ("Fighters from Albania attacked the camp.", "country"),
])
def test_a_country_as_a_state_speaker_or_origin_is_no_scene(sentence, kind):
    from geo.attribution import not_the_scene
    at = sentence.index("Albania")
    assert not_the_scene(sentence, at, at + 7, kind), sentence


@pytest.mark.parametrize("sentence", [
    "Rockets hit a camp in Albania on Thursday, killing 20.",
    "The camp, 15 km from Albania's border, was shelled.",
    "Albania saw its deadliest attack in years.",
])
def test_a_country_where_the_event_is_stays_a_scene(sentence):
    from geo.attribution import not_the_scene
    at = sentence.index("Albania")
    assert not_the_scene(sentence, at, at + 7, "country") is None, sentence


def test_a_country_inside_an_organisations_name_is_no_scene():
    from geo.attribution import not_the_scene
    for t in ("The Parliamentary Committee for Albania Freedom also condemned the attack that killed two.",
              "The Coalition for a Free Albania condemned the attack that killed two."):
        at = t.index("Albania")
        assert not_the_scene(t, at, at + 7, "country"), t


def test_where_people_are_to_be_returned_is_no_scene():
    # a headline's demand "Return Exiles to Camp X" names where people should go, not where the attack was
    text = ("Deadly Rocket Attack on Exile Camp in Iraq: Group Finds Camp Liberty Unsafe; Return Exiles to Camp Ashraf\n\n"
            "Rockets hit exiles in Iraq on Saturday, killing six residents, officials said.")
    events = [c for c in run(text, "2013-02-10") if c.kind == "incident" and c.confidence >= 0.5]
    assert {c.place.name for c in events} == {"Camp Liberty"}, [(c.place.name, c.place_note) for c in events]
    # gunmen who went back to a village attacked it there
    text2 = "Gunmen returned to Dunmore on Saturday and killed six residents, officials said."
    assert {c.place.name for c in run(text2, "2013-02-10") if c.kind == "incident"} == {"Dunmore"}


def test_killed_ever_is_a_total_over_time_not_an_event():
    text = ("Rockets hit Camp Liberty on Saturday, killing six residents.\n\n"
            "Only one resident of Camp Ashraf was ever killed by such rockets.")
    events = [c for c in run(text, "2013-02-10") if c.kind == "incident" and c.confidence >= 0.5]
    assert [(c.place.name, c.killed.value) for c in events] == [("Camp Liberty", 6)], \
        [(c.place.name, c.quote) for c in events]


def _locative_at(text, name):
    from geo.extract import _locative
    d = Document("d1", text)
    index = MentionIndex(_resolved(mentions([d], GAZ), GAZ), text=text)
    m, p = next((m, p) for m, p in index.within(0, len(text)) if m.text == name)
    return _locative(index, m, p)


@pytest.mark.parametrize("text, name", [
    ("Rockets hit a camp in Albania on Thursday, killing 20.", "Albania"),
    ("Gunmen killed 20 across northern Albania.", "Albania"),
    ("Shells fell in the far north of Albania, killing 20.", "Albania"),
    ("Gunmen killed 20 in Iraq and Albania.", "Albania"),
    ("A bomb killed 20 in Albania's north.", "Albania"),
    ("Gunmen kill 20 in Albania's deadliest attack in years.", "Albania"),
    ("Albania: at least 20 killed in attack on a village", "Albania"),
    ("The Eastmarch suicide bombing killed 20.", "Eastmarch"),
    ("Gunmen raided Dunmore, Eastmarch, killing 20.", "Eastmarch"),
    ("A bomb hit a market in Iraq's Eastmarch, killing 20.", "Eastmarch"),
    # session 11: an address ("Town, Region"), a part of a town, its people, a town named as a town
    ("12 October 2023, Dunmore, Eastmarch", "Dunmore"),
    ("Buses were lined up at the entrance of Dunmore on Friday.", "Dunmore"),
    ("Dunmore's rebels agreed to leave.", "Dunmore"),
    ("Dunmore is the latest city to fall victim to an attack.", "Dunmore"),
])
def test_a_country_or_region_named_as_where_is_locative(text, name):
    assert _locative_at(text, name), text


@pytest.mark.parametrize("text, name", [
    ("Albania welcomed the raid, which killed 20.", "Albania"),
    ("Albania Condemns Deadly Attack On Exiles", "Albania"),  # a verb between: not "the X attack"
    ("The attack was blamed on agents sent by Albania.", "Albania"),
    ("We call on the UN and Albania to stop the killing.", "Albania"),
    ("The group fought Albania's clerical rulers for years.", "Albania"),
    ("The Albania delegation said 20 were killed.", "Albania"),
])
def test_a_country_named_as_a_state_or_a_name_is_not_locative(text, name):
    assert not _locative_at(text, name), text


def test_a_country_not_named_as_where_is_no_scene_the_site_told_before_is():
    # a positive test, not one more exclusion: a country is a scene only when the text puts something in it; on main
    # the second account of the raid went to Albania (a state that reacted) and made a second record far away
    text = ("Gunmen attacked Dunmore on Friday, killing six residents.\n\n"
            "Albania welcomed the attack, in which six people were killed, officials said on Saturday.")
    events = [c for c in run(text, "2014-03-08") if c.kind == "incident"]
    assert {c.place.name for c in events} == {"Dunmore"}, [(c.place.name, c.place_note) for c in events]
    # where the text puts the event in the country, the country stays its scene
    text2 = "Gunmen killed six people in northern Albania on Friday, officials said."
    assert {c.place.name for c in run(text2, "2014-03-08") if c.kind == "incident"} == {"Albania"}


def test_a_region_after_its_town_is_locative_a_list_of_states_is_not():
    assert _locative_at("Gunmen raided Dunmore, Eastmarch, killing 20.", "Eastmarch")
    assert not _locative_at("Iraq, Albania and the UN condemned the raid that killed 20.", "Albania")
    # a town no data has, in a locative phrase, and its region
    assert _locative_at("Soldiers killed 20 in Upper Nowhere Flats, Eastmarch, on Friday.", "Eastmarch")


@pytest.mark.parametrize("text, name, where", [
    ("Gunmen attacked Dunmore University College, killing 20.", "Dunmore", True),
    ("Rockets hit Kelby International Airport on Friday.", "Kelby", True),
    ("It was the worst since the bombing of Dunmore's Old Church in 2013.", "Dunmore", True),
    ("A plane bombed the displaced people's camp Dunmore, killing 20.", "Dunmore", True),
    ("Shells fell on the resort of Kelby, killing 20.", "Kelby", True),
    ("Leeds welcomed the raid, which killed 20.", "Leeds", False),  # a city as its government, whatever the story
    ("The raid was condemned by Leeds and others.", "Leeds", False),
])
def test_a_city_is_named_as_where_or_as_something_else(text, name, where):
    assert _locative_at(text, name) is where, text


def test_a_city_not_named_as_where_is_no_scene():
    # no story country here (too few places), so geo.foreign's foreign-capital rule does not apply; on main the
    # second account went to Leeds
    text = ("Gunmen attacked Dunmore on Friday, killing six residents.\n\n"
            "Leeds welcomed the attack, in which six people were killed, officials said on Saturday.")
    events = [c for c in run(text, "2014-03-08") if c.kind == "incident"]
    assert {c.place.name for c in events} == {"Dunmore"}, [(c.place.name, c.place_note) for c in events]


@pytest.mark.parametrize("text, where", [
    ("Investigators visited the remains of the Kelby cafe where a bomb killed 16.", True),  # any thing in the town
    ("Suicide bombers killed 33 in strikes on the business hub Kelby.", True),  # a place described before its name
    ("The Kelby government said 16 were killed.", False),
    ("A bomb killed 16 on the eve of the Kelby talks.", False),
])
def test_a_thing_in_a_town_and_a_described_town_are_where(text, where):
    assert _locative_at(text, "Kelby") is where, text


@pytest.mark.parametrize("text, name, where", [
    ("Officials blamed militants from the restive far western region of Eastmarch for the attack.", "Eastmarch", False),
    ("Fighters from Albania attacked the camp.", "Albania", False),
    ("Rockets hit a camp 40 km (25 miles) from Kelby, killing 20.", "Kelby", True),
    ("Rockets hit a camp close to Kelby, killing 20.", "Kelby", True),
    ("Families fled from their homes in Kelby after the attack.", "Kelby", True),
])
def test_where_someone_came_from_is_not_where(text, name, where):
    assert _locative_at(text, name) is where, text
    assert _locative_at("The charity withdrew from the northern city of Kelby after a strike hit its hospital.", "Kelby")


def test_a_hard_wrapped_line_break_does_not_hide_the_words_before():
    assert not _locative_at("Officials blamed militants from the restive region of\nEastmarch for the attack.", "Eastmarch")
    assert _locative_at("Gunmen killed 20 people in\nEastmarch on Friday.", "Eastmarch")


def test_a_state_department_is_not_a_province():
    assert not _locative_at("The Albania State Department called it a senseless attack.", "Albania")
    assert _locative_at("A bomb killed 20 in Kelby Province on Friday.", "Kelby")


@pytest.mark.parametrize("text, published", [
    # the sentence's news is a rally in another town, "hours after" the attack; it made a record at Leeds
    ("Rockets hit Dunmore on Saturday, killing six residents.\n\n"
     "Hours after Saturday's attack, at a rally of 1,500 people in Leeds, former officials denounced the "
     "government for failing to protect the residents.", "2014-03-09"),
    # first contact with heldout23 (session 10): "As the massacre was underway on May 1, an official in X
    # acknowledged …" put the massacre in X
    ("Gunmen attacked Dunmore on May 1.\n\n"
     "As the massacre was underway on May 1, a senior official in Leeds acknowledged in an email that the "
     "government had been alerted.", "2014-05-03"),
])
def test_an_attack_named_to_date_the_sentence_lends_it_no_place(text, published):
    events = [c for c in run(text, published) if c.kind == "incident"]
    assert "Leeds" not in {c.place.name for c in events if c.place}, [(c.place, c.place_note) for c in events]


def test_a_place_of_the_opening_phrase_is_the_attacks():
    text = "Hours after the attack on Dunmore, officials in Leeds denounced the government."
    events = [c for c in run(text, "2014-03-09") if c.kind == "incident"]
    assert {c.place.name for c in events} == {"Dunmore"}


def test_an_attacked_group_named_after_a_country_is_not_the_country():
    # first contact with heldout22 (session 10): "militia claims it attacked X group" put the attack in X
    assert not _locative_at("A militia claims it attacked Albania group near the capital.", "Albania")
    assert _locative_at("Gunmen attacked Dunmore on Friday, killing six.", "Dunmore")
    assert _locative_at("Gunmen attacked Dunmore market, killing six.", "Dunmore")  # a site of it


@pytest.mark.parametrize("text", ["In 2013, Dunmore came under a rocket attack that killed two residents.",
                                  "On Monday, Dunmore came under a rocket attack that killed two residents.",
                                  "Today, Dunmore was hit by a rocket attack that killed two residents."])
def test_a_town_opening_the_main_clause_after_a_time_is_the_scene(text):
    # session 13: a town as the subject after "On Monday," was no place where anything is, so the attack was unplaced
    assert [c.place.name for c in run(text, "2013-12-26") if c.kind == "incident"] == ["Dunmore"]
