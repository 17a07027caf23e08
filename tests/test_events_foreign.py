"""Places foreign to the story a document tells are no event's scene (geo.foreign, issue 10, session 9).

Made-up sentences and made-up towns (the test gazetteer's capitals are real: the rule reads the list of national
capitals); never a benchmark article's text.
"""
from geo.extract import ELSEWHERE, extract_document
from geo.foreign import Story, capital_as_actor, is_capital, story_country, tied_to_attack
from geo.models import Document, Mention, Place
from incident_helpers import gazetteer, mentions

GAZ = gazetteer()
# made up: a town of 200,000 in a third country (where a spokesman speaks), a village of 7,000 far away that shares
# its name with an island the offline data lacks, a large foreign city where an earlier attack happened
GAZ.add(Place("geonames:zurberg", "Zurberg", "city", 46.2, 6.1, "CH", 5.0, "geonames", population=200_000),
        ["Zurberg"])
GAZ.add(Place("geonames:kelpa", "Kelpa", "city", 30.0, 100.0, "CN", 2.0, "geonames", population=7_000), ["Kelpa"])
GAZ.add(Place("geonames:paris", "Paris", "city", 48.85, 2.35, "FR", 10.0, "geonames", population=2_100_000),
        ["Paris"])
GAZ.add(Place("geonames:ohri", "Ohri", "city", 41.12, 20.80, "MK", 2.0, "geonames", population=40_000), ["Ohri"])
GAZ.add(Place("test:helvetia", "Helvetia", "country", 46.8, 8.2, "CH", 200.0, "test"), ["Helvetia"])
GAZ.add(Place("geonames:durres", "Durres", "city", 41.32, 19.45, "AL", 5.0, "geonames", population=110_000),
        ["Durres"])


def run(text, published="2015-06-12"):
    d = Document("d1", text, published=published)
    return extract_document(d, mentions([d], GAZ), GAZ)


def incidents(cands):
    return [c for c in cands if c.kind == "incident"]


def test_capitals_are_read_from_the_country_table():
    assert is_capital(GAZ.lookup("Washington")[0]) and is_capital(GAZ.lookup("Baghdad")[0])
    assert not is_capital(GAZ.lookup("Baqubah")[0]) and not is_capital(GAZ.lookup("Iraq")[0])


def test_a_foreign_capital_reacting_is_not_the_scene():
    # "condemnation from X", "a call for Y to": governments, not where the rockets fell; on main the event went to
    # the first of the two capitals (9,000 km off)
    text = ("Rockets hit exile camp in Iraq\n\n"
            "A mortar attack on a camp housing exiles in Iraq on Sunday drew condemnation from Washington and a call "
            "for Baghdad to protect the residents.\n\n"
            "Five residents were killed in the attack, the group said.\n\n"
            "Camp Hope holds about 2,000 exiles.")
    cands = incidents(run(text))
    placed = {c.place.name for c in cands if c.place is not None}
    assert "Washington" not in placed, [(c.place and c.place.name, c.place_note) for c in cands]
    assert placed <= {"Camp Hope", "Iraq", "Baghdad"}, placed


def test_a_foreign_capital_where_an_attack_happened_is_a_scene():
    # "in X", "the X attacks": the capital is a place there (guards the locative words)
    text = ("Tirana police raised security in Albania on Friday. Police in Durres and Tirana searched cars.\n\n"
            "The measures came after gunmen killed 14 people in London on Thursday, officials said.")
    cands = incidents(run(text))
    assert any(c.place is not None and c.place.name == "London" for c in cands), \
        [(c.place and c.place.name, c.place_note) for c in cands]


def test_the_actor_frames():
    text = ("Rockets hit Camp Hope near Baghdad in Iraq. The raid drew a rebuke from London and a call for Baghdad to "
            "act.")
    pairs = [(m, GAZ.places[m.place_id]) for m in mentions([Document("d", text)], GAZ)]
    story = Story(pairs, text)
    assert story.country == "IQ" == story_country(pairs, text)
    verdict = {(m.text, m.start): capital_as_actor(text, m, p, story) for m, p in pairs}
    assert verdict[("London", text.index("London"))]
    assert verdict[("Baghdad", text.rindex("Baghdad"))]  # "a call for Baghdad to act": asked to act
    assert not verdict[("Baghdad", text.index("Baghdad"))]  # "near Baghdad": a place
    # "attacks on X to mark …": the target of an attack with a purpose, not a capital asked to act
    text = "Militants in Iraq launched rocket attacks on Baghdad to mark the anniversary, killing 8 near Baqubah."
    pairs = [(m, GAZ.places[m.place_id]) for m in mentions([Document("d", text)], GAZ)]
    story = Story(pairs, text)
    assert not any(capital_as_actor(text, m, p, story) for m, p in pairs)


def test_a_speakers_town_in_a_country_the_story_never_names_is_not_the_scene():
    # "according to a spokesman … in X": X is a town of a third country, named once, tied to no attack; on main the
    # sentence made a second record there
    text = ("Gunmen raided Camp Hope in Iraq on Friday, killing 12 residents, the group said.\n\n"
            "Most of the victims were shot, according to UN rights spokesman Hans Meier in Zurberg. Camp Hope, near "
            "Baqubah, holds 2,000 exiles.")
    cands = incidents(run(text))
    assert all(c.place is None or c.place.name != "Zurberg" for c in cands), \
        [(c.place and c.place.name, c.place_note) for c in cands]
    assert {c.place.name for c in cands if c.place is not None} == {"Camp Hope"}


def test_a_country_named_only_to_say_where_the_speakers_town_lies_does_not_support_it():
    # "in X, Helvetia": the country qualifies its town; nothing of the story is told there
    text = ("Gunmen raided Camp Hope in Iraq on Friday, killing 12 residents, the group said.\n\n"
            "Most of the victims were shot, according to UN rights spokesman Hans Meier in Zurberg, Helvetia. Camp "
            "Hope, near Baqubah, holds 2,000 exiles.")
    cands = incidents(run(text))
    assert {c.place.name for c in cands if c.place is not None} == {"Camp Hope"}, \
        [(c.place and c.place.name, c.place_note) for c in cands]


def test_a_small_namesake_of_a_country_never_named_gives_no_place():
    # "a bombing … on the resort island of X": the island is in no offline data; a village of that name in another
    # continent was taken (thousands of km off). No place is better; and the old bombing does not join the
    # reported attack either.
    text = ("Gunmen attack Tirana cafe, 7 dead\n\n"
            "Gunmen attacked a cafe in central Tirana on Thursday, killing seven people, police in Albania said.\n\n"
            "It was the worst attack in Durres or Tirana for years. Before that, a bombing in a nightclub on the "
            "resort island of Kelpa in 2002 killed 90 people.")
    cands = incidents(run(text))
    assert all(c.place is None or c.place.name != "Kelpa" for c in cands), \
        [(c.place and c.place.name, c.place_note) for c in cands]
    old = next(c for c in cands if c.killed is not None and c.killed.value == 90)
    assert old.place is None and old.place_note.startswith(ELSEWHERE), old.place_note
    assert all(c.killed is None or c.killed.value != 90 for c in cands if c is not old)


def test_a_small_town_across_the_border_tied_to_an_attack_keeps_its_place():
    # guard: a small town of a neighbour (its country never named) is plausibly the place meant, not a namesake
    text = ("Police in Albania raised security in Tirana and Durres on Friday.\n\n"
            "On Thursday, gunmen killed five people in Ohri, officials said.")
    cands = incidents(run(text))
    assert any(c.place is not None and c.place.name == "Ohri" for c in cands), \
        [(c.place and c.place.name, c.place_note) for c in cands]


def test_a_large_foreign_city_tied_to_an_earlier_attack_keeps_its_place():
    # "killed 129 people in X": a well-known foreign city where an earlier attack happened stays its scene (guard)
    text = ("Gunmen stormed a hotel in Tirana on Friday, killing 20, police in Albania said. Police in Durres were "
            "put on alert.\n\n"
            "The attack came a week after militants killed 129 people in Paris.")
    cands = incidents(run(text))
    assert any(c.place is not None and c.place.name == "Paris" for c in cands), \
        [(c.place and c.place.name, c.place_note) for c in cands]


def test_tied_to_attack():
    text = ("A bombing in a nightclub on the island of Kelpa killed 90. A spokesman in Zurberg said so. The Paris "
            "attacks.")
    ms = {m.text: m for m in mentions([Document("d", text)], GAZ)}
    assert tied_to_attack(text, ms["Kelpa"])
    assert not tied_to_attack(text, ms["Zurberg"])
    assert tied_to_attack(text, ms["Paris"])
    for text in ("Officials condemned the bombing. Paris, where the blast killed 40, mourned.",
                 "Paris saw its deadliest attack in years."):
        m = next(m for m in mentions([Document("d", text)], GAZ) if m.text == "Paris")
        assert tied_to_attack(text, m), text


def test_a_mention_kept_its_resolution_outside_the_scene_choice():
    # the namesake is read as a place the offline data cannot place only by the scene choice: the mention itself
    # (the geoparse stage's) is untouched
    text = "A bombing on the island of Kelpa in 2002 killed 90. Tirana, Durres and Albania mourned."
    ms = mentions([Document("d1", text)], GAZ)
    run(text)
    assert next(m for m in ms if m.text == "Kelpa").place_id == "geonames:kelpa"
    assert isinstance(ms[0], Mention)


# --- a province or country wider than NEAR_KM does not stand for a site or town the text names (extract) -----------
# made up: a province 200 km in radius and one 40 km in radius, a town in the wide one
GAZ.add(Place("test:westmarch", "Westmarch", "region", 10.0, 30.0, "SD", 200.0, "test"), ["Westmarch"])
GAZ.add(Place("test:littlemarch", "Littlemarch", "region", 12.0, 31.0, "SD", 40.0, "test"), ["Littlemarch"])
GAZ.add(Place("test:orrin", "Orrin", "city", 10.3, 30.2, "SD", 3.0, "test"), ["Orrin"])


def run_unplaced(text, unplaced=(), published="2025-04-20"):
    """As run(), with mentions the geoparser found but no data places (``unplaced``)."""
    d = Document("d1", text, published=published)
    ms = mentions([d], GAZ)
    for name in unplaced:
        at = text.index(name)
        ms.append(Mention("d1", at, at + len(name), name, None, 0.5, "test"))
    return incidents(extract_document(d, sorted(ms, key=lambda m: m.start), GAZ))


def test_a_named_camp_in_a_wide_province_gives_no_place():
    # "the X displacement camp in Y" (X in no offline data, not even found by the geoparser): Y's centre may lie
    # hundreds of km from the camp; on main the record sat at Y
    text = ("Fighters seized the Kerowa displacement camp in Westmarch on Sunday after a three-day assault. "
            "The attack killed more than 300 civilians, aid groups said.")
    cands = run_unplaced(text)
    assert cands and all(c.place is None for c in cands), [(c.place and c.place.name, c.place_note) for c in cands]
    assert any(c.place_note.startswith(ELSEWHERE) and "Kerowa" in c.place_note for c in cands)


def test_a_town_no_data_places_in_a_wide_province_gives_no_place():
    # "a raid on the northern town of X" with X unresolved: the province around it is no place for the record
    text = "Militants staged a deadly raid on the northern town of Sorvel in Westmarch province on Friday, killing 12."
    cands = run_unplaced(text, unplaced=("Sorvel",))
    assert cands and all(c.place is None for c in cands), [(c.place and c.place.name, c.place_note) for c in cands]


def test_a_narrow_province_or_a_town_named_still_places_the_event():
    # guards: a province within NEAR_KM stands for the camp; a town named for the same event refines a wide one;
    # a camp named by a nationality has no name
    text = "Fighters seized the Kerowa displacement camp in Littlemarch on Sunday, killing 30 civilians."
    assert [c.place.name for c in run_unplaced(text) if c.place] == ["Littlemarch"]
    text = ("Fighters seized the Kerowa displacement camp in Westmarch on Sunday, killing 30 civilians.\n\n"
            "The camp lies outside the town of Orrin, where the 30 dead were buried on Monday.")
    placed = [c.place.name for c in run_unplaced(text) if c.place]
    assert placed and set(placed) <= {"Orrin"}, placed
    text = "Shells hit near the Sudanese army camp in Westmarch on Sunday, killing 3 soldiers."
    assert [c.place.name for c in run_unplaced(text) if c.place] == ["Westmarch"]
