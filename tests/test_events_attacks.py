"""Attack records as events on news not seen before (issue 10, session 6): general rules, made-up sentences.

Each test is a failure class found on held-out excerpts (heldout4, heldout5), rewritten with made-up places,
figures and sentences of the same shape (never the articles' own text or names).
"""
from geo.attribution import not_the_scene
from geo.extract import extract_document
from geo.incidents import build_incidents
from geo.models import Document, Mention, Place
from incident_helpers import gazetteer, mentions

GAZ = gazetteer()
# made-up places: a province of Iraq well away from Baghdad, and a town inside it
GAZ.add(Place("test:northshire", "Northshire", "region", 36.0, 43.0, "IQ", 30.0, "test"), ["Northshire"])
GAZ.add(Place("test:millbrook", "Millbrook", "city", 36.05, 43.05, "IQ", 2.0, "test"), ["Millbrook"])
GAZ.add(Place("test:eastport", "Eastport", "city", 36.9, 44.9, "IQ", 2.0, "test"), ["Eastport"])
GAZ.add(Place("test:eastgate", "Eastgate", "city", 33.30, 44.52, "IQ", 2.0, "test"), ["Eastgate"])  # 12 km from Baghdad


def _mentions(docs, unplaced=()):
    """Gazetteer mentions, plus the names in ``unplaced`` as recognised but unresolved places."""
    out = mentions(docs, GAZ)
    for d in docs:
        for name in unplaced:
            at = d.text.find(name)
            while at >= 0:
                out.append(Mention(d.id, at, at + len(name), name, None, 0.5, "test: not placed"))
                at = d.text.find(name, at + 1)
    return sorted(out, key=lambda m: (m.document, m.start))


def build(texts, unplaced=()):
    """Incidents of one or more documents: ``texts`` is a list of (text, published) pairs."""
    docs = [Document(f"d{n}", t, published=p) for n, (t, p) in enumerate(texts)]
    ms = _mentions(docs, unplaced)
    cands = [c for d in docs for c in extract_document(d, ms, GAZ)]
    incidents, _, _ = build_incidents(docs, cands, GAZ, None, min_confidence=0.5)
    return incidents


def test_one_of_several_attacks_is_no_total_and_the_set_is_no_scene():
    text = ("Gunmen killed 30 people at a hotel in Millbrook on Friday, one of three deadly attacks from "
            "Germany to Denmark that day.")
    got = [(i.place_name, i.killed_best) for i in build([(text, "2020-06-06")])]
    assert got == [("Millbrook", 30)]


def test_in_all_after_attacks_in_several_countries_is_a_total():
    text = ("Gunmen killed 30 people at a hotel in Millbrook on Friday.\n\n"
            "The shooting in Millbrook came as a bomb hit a mosque in Berlin and a factory was attacked in "
            "Denmark. In all, at least 70 people were killed.")
    got = [(i.place_name, i.killed_best) for i in build([(text, "2020-06-06")]) if i.place_name == "Millbrook"]
    assert got == [("Millbrook", 30)]


def test_in_all_in_a_paragraph_about_one_attack_is_its_toll():
    text = "Gunmen stormed a hotel in Millbrook on Friday and opened fire on guests. In all, 20 people were killed."
    got = [(i.place_name, i.killed_best) for i in build([(text, "2020-06-06")])]
    assert got == [("Millbrook", 20)]


def test_counted_munitions_are_one_attack_not_a_general_statement():
    text = "Two mortars landed on Camp Hope on Sunday, the army said."
    got = [(i.place_name, i.date) for i in build([(text, "2011-12-25")])]
    assert got == [("Camp Hope", "2011-12-25")]
    assert build([("Rockets often land on camps in the region.", "2011-12-25")]) == []


def test_a_camp_placed_by_the_capital_is_the_camp_the_text_names():
    text = ("BAGHDAD - Three rockets hit an exile camp in Iraq on Monday, days after Baghdad agreed to close it, "
            "officials said.\n\nThe rockets landed inside Camp Hope, a spokesman said.")
    got = [(i.place_name, i.date) for i in build([(text, "2012-01-02")])]
    assert got == [("Camp Hope", "2012-01-02")]


def test_a_previous_attack_is_another_event_not_the_reports_date():
    text = ("At least one rocket hit Camp Hope, the camp said on Wednesday.\n\n"
            "A spokesman blamed militias for the strike and a previous rocket attack on the evening of December 25.")
    got = sorted(i.date for i in build([(text, "2011-12-28")]))
    assert got == ["2011-12-25", "2011-12-28"]  # not one attack re-dated to the earlier one's day


def test_just_months_after_tells_an_earlier_attack():
    text = ("Gunmen killed 30 people at a hotel in Millbrook on Friday.\n\n"
            "The shooting came just months after an attack on a museum in Berlin killed 21 tourists.")
    got = {i.place_name: (i.date, i.killed_best) for i in build([(text, "2020-06-06")])}
    assert got["Millbrook"] == ("2020-06-05", 30)
    assert got.get("Berlin", (None, 21))[0] != "2020-06-06"  # not re-dated to the report's day


def test_loyal_to_a_country_qualifies_a_party():
    t = "He blamed groups loyal to Germany for the attack."
    at = t.index("Germany")
    assert not_the_scene(t, at, at + len("Germany"), "country") is not None


def test_attacks_on_successive_days_at_one_camp_stay_apart_across_reports():
    first = "Rockets hit Camp Hope on Tuesday evening, a spokesman said."
    second = ("Four mortars fell on Camp Hope on Wednesday evening, officials said.\n\n"
              "The latest strikes, the third in four days, occurred at about 8 pm on Wednesday.\n\n"
              "On Tuesday evening, at least one rocket hit the camp, the official said.")
    got = sorted(i.date for i in build([(first, "2011-12-27"), (second, "2011-12-28")])
                 if i.place_name == "Camp Hope")
    assert got == ["2011-12-27", "2011-12-28"]


def test_a_timing_sentence_with_an_apposition_dates_the_attack():
    text = ("At least one rocket hit Camp Hope, officials said on Thursday.\n"
            "The strike, the second in three days, occurred at about 8 pm on Tuesday.")
    got = [(i.place_name, i.date) for i in build([(text, "2011-12-29")])]
    assert got == [("Camp Hope", "2011-12-27")]


def test_an_attack_on_a_town_no_data_places_is_not_put_at_another_town():
    for text in ("Gunmen killed 40 people in an attack on the town of Palmvale in Northshire province on Sunday, and "
                 "there were scenes of grief at Eastport port on Monday.",
                 "Survivors of a deadly attack on the town of Palmvale in Northshire province that killed 40 people "
                 "gathered at Eastport port."):
        got = [i.place_name for i in build([(text, "2021-04-01")], unplaced=("Palmvale",))]
        assert got == ["Northshire"]  # the province around the town, not a town 100 km away


def test_a_district_of_a_placed_town_keeps_the_town():
    text = "The mayor of Millbrook said gunmen killed 12 people on Saturday night in the town's Oakfield district."
    got = [i.place_name for i in build([(text, "2016-08-14")], unplaced=("Oakfield",))]
    assert got == ["Millbrook"]


def test_an_attack_that_claimed_lives_counts_the_dead():
    from geo.extract import figures
    for text, n in (("the March 3 attack that claimed eight lives", 8), ("a blast that took 20 innocent lives", 20)):
        assert figures(text, 0, [], [])["killed"].value == n
    assert "killed" not in figures("the work took 20 years", 0, [], [])


def test_the_bodies_of_victims_with_wounds_count_the_dead():
    # regression: "wounds" after the count made the dead "injured"
    from geo.extract import figures
    got = figures("Officials saw the bodies of 17 victims with apparent gunshot wounds.", 0, [], [])
    assert got["killed"].value == 17 and "injured" not in got
    assert "injured" not in figures("They found the corpses of 9 men with stab wounds.", 0, [], [])


def test_a_part_of_a_whole_is_the_toll_and_the_whole_none():
    # regression: "52 of its roughly 100 members … had been killed" gave 100 killed
    from geo.extract import figures
    assert {k: q.value for k, q in figures("The group said 52 of its roughly 100 members there had been killed.",
                                           0, [], []).items()} == {"killed": 52}
    assert {k: q.value for k, q in figures("Gunmen killed 12 of their 40 hostages.", 0, [], []).items()} == \
        {"killed": 12}
    assert {k: q.value for k, q in figures("30 of its 200 fighters were wounded.", 0, [], []).items()} == \
        {"injured": 30}


def test_constant_attacks_and_a_years_violence_are_no_event():
    for text in ('The displaced had been "constantly attacked" in the Millbrook district, an official said.',
                 "Sectarian violence in the former colony has killed thousands in the last year, in Millbrook too."):
        assert build([(text, "2014-04-22")]) == []


def test_a_district_named_after_its_city_is_the_scene():
    for text in ("An air strike hit a detention centre in Baghdad's Eastgate neighbourhood on Tuesday, killing 40.",
                 "An air strike hit a detention centre in Eastgate, a suburb of Baghdad, on Tuesday, killing 40.",
                 "An air strike killed 40 at a detention centre in Eastgate, east of Baghdad, on Tuesday."):
        got = [(i.place_name, i.killed_best) for i in build([(text, "2019-07-03")])]
        assert got == [("Eastgate", 40)], text


def test_a_headline_of_attacks_in_several_countries_is_a_total():
    text = ("Attacks in Germany, Denmark and Iraq kill 63\n\n"
            "Gunmen opened fire on guests at a hotel in Millbrook on Friday, killing 38 people, officials said.")
    got = [(i.place_name, i.killed_best) for i in build([(text, "2020-06-06")])]
    assert got == [("Millbrook", 38)]


def test_in_all_killed_in_attacks_across_a_country_is_a_total():
    text = ("Gunmen attacked a police station in Millbrook on Sunday, killing seven officers. In all, 19 people were "
            "killed in attacks across Iraq on Sunday.")
    got = [(i.place_name, i.killed_best) for i in build([(text, "2020-06-01")])]
    assert got == [("Millbrook", 7)]


def test_the_wounded_counted_in_a_sentence_of_their_own_go_with_the_attack():
    text = "A suicide bomber killed at least 20 people at a hotel in Millbrook on Saturday. Another 35 were wounded, police said."
    got = [(i.place_name, i.killed_best, i.injured_best) for i in build([(text, "2020-06-06")])]
    assert got == [("Millbrook", 20, 35)]
    assert build([("Another 35 were wounded in Millbrook, police said.", "2020-06-06")]) == []  # no attack told


def test_the_attack_a_series_came_after_is_another_event():
    text = ("Rockets struck Camp Hope on Monday, killing two residents, the group said. It was the second attack on "
            "the camp this month after mortars killed three residents on May 28.")
    got = sorted((i.date, i.killed_best) for i in build([(text, "2020-06-06")]))
    assert got == [("2020-05-28", 3), ("2020-06-01", 2)]


def test_a_count_of_targets_is_no_toll_when_the_verb_governs_the_next_count():
    from geo.extract import figures
    got = figures("Suicide bombers struck two mosques in Millbrook on Friday, killing 30 people.", 0, [], [])
    assert got["killed"].value == 30
    got = figures("12 militants attacked the base, killing 5 soldiers and wounding 7.", 0, [], [])
    assert (got["killed"].value, got["injured"].value) == (5, 7)


def test_an_attack_of_another_year_told_after_a_statement_is_another_event():
    text = ("Gunmen killed 18 villagers in an overnight raid on Millbrook, residents said on Monday. Last year, the "
            "militants killed 60 people in the same area.")
    got = sorted((i.date, i.killed_best) for i in build([(text, "2020-06-02")]))
    assert ("2020-06-01", 18) in got and all(k != 60 or d == "2019" for d, k in got)


def test_near_the_town_is_the_town_named_before_even_as_a_reference_point():
    text = ("BERLIN - Gunmen killed 12 people in an attack on a bus near Millbrook on Tuesday. In 2014, the group "
            "killed 28 bus passengers in a similar attack near the town.")
    got = sorted((i.place_name, i.date, i.killed_best) for i in build([(text, "2020-06-06")]))
    assert got == [("Millbrook", "2014", 28), ("Millbrook", "2020-06-02", 12)]


def test_a_building_no_data_places_keeps_the_town():
    text = "A gunman killed 51 people in an attack on the Oakfield Mosque in Millbrook on Friday, police said."
    got = [i.place_name for i in build([(text, "2019-03-16")], unplaced=("Oakfield",))]
    assert got == ["Millbrook"]


def test_a_site_attacked_in_an_unplaced_district_keeps_the_site():
    text = "Three rockets hit Camp Hope in Oakfield district on Friday, wounding four residents, the camp said."
    got = [i.place_name for i in build([(text, "2019-03-16")], unplaced=("Oakfield",))]
    assert got == ["Camp Hope"]
    text = "Three rockets hit Camp Hope in Oakfield on Friday, wounding four residents, the camp said."
    got = [i.place_name for i in build([(text, "2019-03-16")], unplaced=("Oakfield",))]
    assert got == ["Camp Hope"]


def test_in_all_is_no_total_when_the_other_countries_only_condemned_the_attack():
    text = ("Gunmen stormed a hotel in Millbrook on Friday and opened fire on guests. Germany and Denmark condemned the "
            "attack. In all, 38 people were killed.")
    assert 38 in [i.killed_best for i in build([(text, "2020-06-06")])]


def test_a_foreign_dateline_is_not_the_scene_of_a_sentence_naming_no_place():
    # heldout6 class: "Nairobi:" over a story from another country; a later sentence naming no place took the
    # dateline's city as its scene instead of the place of another country named before in the story.
    text = ("Berlin — Gunmen killed 12 people in Millbrook on Monday, officials said.\n\n"
            "Residents reported gunmen shooting in the tightly packed streets last Wednesday.")
    got = {i.place_name for i in build([(text, "2020-06-09")])}
    assert "Berlin" not in got and "Millbrook" in got


def test_more_than_a_figure_is_that_figure_as_casualty_datasets_code_it():
    # heldout6 class: "more than 100 were dead" gave a best toll of 101, above every figure a source states.
    texts = [("A jet bombed a camp in Millbrook on Tuesday, killing up to 90 people, aid workers said.", "2020-06-10"),
             ("An official said more than 100 people were killed when a jet bombed the camp in Millbrook on Tuesday.",
              "2020-06-10")]
    got = [(i.place_name, i.killed_low, i.killed_high, i.killed_best) for i in build(texts)]
    assert got == [("Millbrook", 90, 100, 100)]


def test_the_year_a_war_began_is_not_the_date_of_an_attack_in_the_same_sentence():
    # heldout6 class: "people fleeing a civil war that began in late 2013" dated a shooting in a 2016 story,
    # which became a record of its own in 2013.
    text = ("Gunmen killed 12 people in Millbrook on Monday, officials said.\n\n"
            "Residents reported gunmen shooting in crowded areas of the town, home to 9,000 people fleeing a war "
            "that began in late 2014.")
    got = [(i.place_name, i.date) for i in build([(text, "2020-06-09")])]
    assert got == [("Millbrook", "2020-06-08")]


def test_a_count_of_a_group_then_dead_is_a_toll():
    # heldout6 class: "leaving 15 of the invaders dead" after a second attack on a camp was read as 15 people,
    # and the second attack's record had no toll.
    text = ("A jet bombed the camp at Millbrook on Tuesday, killing 40 people.\n\n"
            "Gunmen attacked the camp at Millbrook on Thursday night.\n\n"
            "The battle raged for about four hours, leaving 15 of the attackers dead, an officer said.")
    got = sorted((i.date, i.killed_best) for i in build([(text, "2020-06-06")]))
    assert got == [("2020-06-02", 40), ("2020-06-04", 15)]


def test_a_date_opening_a_casualty_sentence_is_the_events_date():
    # heldout6 class: "On 9 October, 28 IDPs … were killed … by the firing of heavy weapons" (no attack word) was
    # dated only weakly, as if the deaths were counted that day, and an attack of 11 days before joined it.
    text = ("On 4 June, 20 villagers from the camp at Millbrook were killed and more than 30 were injured by the "
            "continuous firing of heavy weapons.\n\n"
            "On 25 May, soldiers attacked areas where a captain was killed.")
    got = sorted((i.date, i.killed_best) for i in build([(text, "2020-06-06")]))
    assert ("2020-06-04", 20) in got and len(got) == 2


def test_shooting_still_heard_a_day_later_is_the_same_attack():
    # heldout6 class: "sporadic shooting still heard in X on Friday morning" after fighting on Wednesday night
    # became a second record without figures, a day after the attack's.
    text = ("Gunmen killed 14 people in fighting at the camp in Millbrook on Wednesday night, aid workers said.\n\n"
            "Part of the camp was burned down, with sporadic shooting still heard in Millbrook on Friday morning.")
    got = [(i.date, i.killed_best) for i in build([(text, "2020-06-06")])]
    assert got == [("2020-06-03", 14)]


def test_evacuating_the_wounded_and_the_dead_tells_no_attack():
    # heldout6 class: "ambulances took part in the operation to evacuate the wounded and a number of dead
    # soldiers" in an evacuation story made an attack record without figures.
    text = ("Hundreds of residents left Millbrook on Friday under a deal with the army.\n\n"
            "Ambulances also took part in the operation to evacuate the wounded and a number of dead soldiers.")
    assert build([(text, "2020-06-06")]) == []
    text2 = "Rescuers carried the wounded to a hospital after gunmen killed nine people in Millbrook on Friday."
    assert [(i.place_name, i.killed_best) for i in build([(text2, "2020-06-06")])] == [("Millbrook", 9)]
