"""Is this event the reported one or a background one? (issue 10, session 7): made-up sentences.

Each test is the shape of a failure found on the held-out splits, rewritten with made-up places and
sentences (never the articles' own text or names). See docs/events.md, "Reported or background".
"""
from geo.attribution import dateline_span
from test_events_general import build, run


def _attacks(text, published):
    return [c for c in run(text, published) if c.kind == "incident"]


def test_a_recalled_massacre_told_after_the_lede_is_background_and_not_merged():
    # the reported event dated only by a statement ("officials said Friday"); a later sentence recalls an older one
    text = ("Gunmen kill 20 in raid on Millbrook\n\n"
            "At least 20 villagers were killed in an attack on Millbrook overnight, local officials said Friday.\n\n"
            "In March 2019, a massacre blamed on rival militiamen had killed more than 160 villagers.")
    incidents, _, _ = build(text, "2020-02-14")
    assert sorted((i.date, i.killed_best) for i in incidents) == [("2019-03", 160), ("2020-02-14", 20)]
    cands = _attacks(text, "2020-02-14")
    assert [c.background for c in cands] == [False, True]


def test_an_old_date_in_the_lede_is_the_reported_events_own():
    # a late report or a testimony: the first event told is the one reported, whatever its date
    text = ("The minister accused the militia of an attack last March on exiles in Baqubah.\n"
            "Testifying on Wednesday, he said seven people were killed in the attack.")
    cands = _attacks(text, "2020-05-15")
    assert cands and not any(c.background for c in cands)


def test_a_background_event_never_takes_the_dateline():
    text = ("Berlin — Gunmen killed 12 people on a bus on Tuesday, police said.\n\n"
            "In 2014, the group killed 28 people in a similar attack.")
    reported, earlier = _attacks(text, "2020-02-15")
    assert (reported.place.name, reported.background) == ("Berlin", False)  # the last resort for the reported one
    assert (earlier.place, earlier.background, earlier.date) == (None, True, "2014")


def test_the_attack_referred_back_to_after_a_time_after_is_the_reported_event():
    # "a day after the attack killed nine": the definite "the attack" with no scene of its own is the event reported
    text = ("Aid group leaves Millbrook after air strike\n\n"
            "The aid group said it had withdrawn from Millbrook after an air strike destroyed its clinic. "
            "The announcement came on Sunday, a day after the attack killed nine patients.")
    cands = _attacks(text, "2020-05-04")
    assert not any(c.background for c in cands)
    incidents, _, _ = build(text, "2020-05-04")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Millbrook", "2020-05-03", 9)]


def test_a_date_in_a_clause_about_what_the_place_went_through_before_is_not_the_events():
    text = ("At least 12 people were killed on Friday in an attack on Millbrook, a town that was the scene last "
            "year of a massacre.")
    incidents, _, _ = build(text, "2020-02-15")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Millbrook", "2020-02-14", 12)]


def test_the_attack_that_happened_last_year_is_still_dated_last_year():
    # the clause is about the event itself ("the attack that happened"): its date
    [c] = _attacks("The attack that happened last year at Millbrook killed 12.", "2020-02-15")
    assert c.date == "2019"


def test_a_place_and_a_spaced_hyphen_opening_the_text_is_a_dateline():
    text = "Berlin - At least 12 people were killed on Friday in an attack on Millbrook, the government said."
    assert text[slice(*dateline_span(text))] == "Berlin - "
    assert dateline_span("A title\nBerlin-based monitors said") == (0, 0)
    incidents, _, _ = build(text, "2020-02-15")
    assert [(i.place_name, i.date) for i in incidents] == [("Millbrook", "2020-02-14")]


def test_a_sentence_opening_with_in_and_a_month_dates_its_deaths():
    # "In March 2019, … had killed": the opening date is the deaths' own, not a day they were counted
    [c] = _attacks("In March 2019, a massacre blamed on militiamen had killed 160 villagers in Millbrook.",
                   "2020-02-14")
    assert (c.date, c.date_weak) == ("2019-03", False)


# --- dates -------------------------------------------------------------------------------------------------------
def test_a_statement_told_to_reporters_in_a_city_on_a_day_is_the_statements_date():
    [c] = _attacks("Rockets hit Millbrook, killing three residents, a UN spokesman told reporters in Berlin on "
                   "Tuesday.", "2020-02-19")
    assert (c.date, c.date_weak) == ("2020-02-18", True)


def test_days_later_counts_on_from_the_event_told_before():
    text = ("Gunmen attacked Millbrook on March 2, killing four. Two days later, a bomb exploded in Baqubah, "
            "killing six. The next day, 300 residents were moved from Camp Ashraf to Camp Liberty.")
    got = [(c.kind, c.date) for c in run(text, "2020-03-10") if c.confidence >= 0.5]
    assert got == [("incident", "2020-03-02"), ("incident", "2020-03-04"), ("relocation", "2020-03-05")]


def test_days_later_after_an_event_dated_by_a_year_has_no_day():
    text = ("Gunmen attacked Millbrook on March 2, killing four.\n\n"
            "The militants carried out large attacks in Baqubah last year. Ten days later, 36 workers were killed by "
            "the militants.")
    got = [c.date for c in _attacks(text, "2020-03-10")]
    assert "2020-03-12" not in got


def test_a_dateline_without_a_year_takes_the_year_of_the_metadata():
    from geo.documents import date_from_text
    from geo.models import Document
    text = "BERLIN, Oct 31 (Reuters) - Gunmen killed 12 people on Friday."
    assert date_from_text(Document("d", text, published="2015", date_source="metadata")).published == "2015-10-31"
    assert date_from_text(Document("d", text, published="2015-10", date_source="metadata")).published == "2015-10-31"
    # the metadata's month is not the dateline's: the metadata stands
    assert date_from_text(Document("d", text, published="2015-12", date_source="metadata")).published == "2015-12"
    assert date_from_text(Document("d", text, published="2015-10-30", date_source="metadata")).published \
        == "2015-10-30"


def test_a_statements_own_date_line_a_few_days_before_the_posting_is_the_documents_date():
    # session 13: a statement dated "December 26, 2013" posted on the 28th: its "Today" is the 26th
    from geo.documents import date_from_text
    from geo.models import Document
    text = "Statement by an MP\n\nDecember 26, 2013\n\nToday, rockets hit the town of Millbrook, killing two residents."
    doc = date_from_text(Document("d", text, published="2013-12-28", date_source="metadata"))
    assert doc.published == "2013-12-26" and "later posting" in doc.date_note
    assert [(i.date, i.killed_best) for i in build(text, "2013-12-26")[0]] == [("2013-12-26", 2)]
    # a date line weeks before is what the text opens with, not a repost: the metadata stands
    doc = date_from_text(Document("d", text, published="2014-02-28", date_source="metadata"))
    assert doc.published == "2014-02-28"


# --- relocations ---------------------------------------------------------------------------------------------------
def _moves(text, published="2020-03-10"):
    return [(c.from_place.name if c.from_place else None, c.to_place.name if c.to_place else None,
             c.people.value if c.people else None) for c in run(text, published)
            if c.kind == "relocation" and c.confidence >= 0.5]


def test_people_rescued_and_taken_to_a_place_are_moved():
    text = "Some 300 residents were rescued from Camp Ashraf and taken to Camp Liberty on Sunday."
    assert _moves(text) == [("Camp Ashraf", "Camp Liberty", 300)]


def test_the_wounded_taken_to_hospital_or_one_person_taken_somewhere_is_no_move():
    assert _moves("Twelve residents were taken to a hospital in Baghdad on Sunday.") == []
    assert _moves("He was taken to Baghdad on Sunday.") == []


def test_people_who_will_be_taken_somewhere_are_not_moved_yet():
    assert _moves("The 400 residents of Camp Ashraf will be taken to Camp Liberty next week.") == []


def test_a_recalled_toll_of_camp_residents_keeps_its_count():
    # "over 20 camp residents were killed": "camp" qualifies the people counted ("18 rockets" still counts things)
    [c] = _attacks("In October, over 20 camp residents were killed in shelling by militias, the group said.",
                   "2016-07-04")
    assert (c.date, c.killed.text) == ("2015-10", "over 20")
    [r] = _attacks("Militants fired 18 rockets at Camp Liberty on Monday, killing three.", "2016-07-04")
    assert r.killed.value == 3


def test_a_background_event_placed_only_at_a_region_is_no_record():
    text = ("Gunmen attacked a market in Baghdad on Friday, killing 20 people, officials said.\n\n"
            "Last March, militiamen killed more than 150 civilians in an attack, part of spiralling violence in the "
            "vast Northshire region.")
    incidents, _, _ = build(text, "2020-02-15")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Baghdad", "2020-02-14", 20)]


def test_air_strikes_of_one_day_and_the_toll_a_spokesman_gave_later_are_one_event():
    # "Air strikes hit X on Sunday" is no generality (a day follows the attack word); the toll told with a
    # statement's day two days later joins it and keeps Sunday
    text = ("Air strikes hit Camp Liberty on Sunday. Twelve residents were killed in the strikes, a UN spokesman "
            "told reporters on Tuesday.")
    incidents, _, _ = build(text, "2020-03-10")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Camp Liberty", "2020-03-08", 12)]
    # years of air strikes before the day told stay a generality
    [c] = _attacks("Rebels began leaving Millbrook on Friday under a deal reached after four years of airstrikes and "
                   "siege.", "2020-03-10")
    assert any(r.startswith("plural") for r in c.reasons)


def test_the_event_that_started_a_war_is_background_and_keeps_no_report_date():
    text = ("Gunmen killed 12 people at a market in Baghdad on Tuesday, officials said.\n\n"
            "The war erupted after militants from Millbrook launched attacks on border towns, killing around 900 "
            "people.")
    reported, war = _attacks(text, "2020-03-11")
    assert (reported.background, war.background, war.date) == (False, True, None)
    incidents, _, _ = build(text, "2020-03-11")
    assert ("Baghdad", "2020-03-10", 12) in [(i.place_name, i.date, i.killed_best) for i in incidents]


def test_an_undated_background_event_never_joins_its_documents_reported_event_across_documents():
    from geo.extract import extract_document
    from geo.incidents import build_incidents
    from geo.models import Document
    from incident_helpers import mentions
    from test_events_general import GAZ
    one = Document("a", "Gunmen killed 12 people at a market in Baghdad on Tuesday, officials said.",
                   published="2020-03-11")
    two = Document("b", "Gunmen killed 12 people at a market in Baghdad on Tuesday, police said.\n\n"
                        "The war erupted after militants in Baghdad launched attacks on the city, killing 900 people.",
                   published="2020-03-11")
    cands = [c for d in (one, two) for c in extract_document(d, mentions([d], GAZ), GAZ)]
    incidents, _, _ = build_incidents([one, two], cands, GAZ, None, min_confidence=0.5)
    assert sorted((i.date or "", i.killed_best) for i in incidents) == [("", 900), ("2020-03-10", 12)]


def test_a_date_naming_another_attack_is_not_the_events():
    # "a commander linked to the March 3 bombing", "one of the leaders of the March 3 massacre"
    for tail in ("linked to the March 3 bombing of a market", "one of the leaders of the March 3 massacre"):
        text = (f"Air strikes killed 30 people in Baghdad on Tuesday, the ministry said. Hours later, the army said "
                f"it had killed a commander, {tail}.")
        incidents, _, _ = build(text, "2020-03-11")
        assert [(i.date, i.killed_best) for i in incidents] == [("2020-03-10", 30)]


def test_the_dead_counted_since_an_offensive_began_are_a_tally():
    text = ("Air strikes killed 30 people in Baghdad on Tuesday. The ministry said 4,000 people have been killed in "
            "Baghdad since the army launched its offensive on March 3.")
    incidents, _, _ = build(text, "2020-03-11")
    assert [(i.date, i.killed_best) for i in incidents] == [("2020-03-10", 30)]


def test_an_old_full_day_after_a_dated_lede_is_background():
    text = ("At least 20 villagers were killed in an attack on Millbrook, officials said Friday.\n\n"
            "On March 23, 2019, gunmen killed 160 villagers in a similar raid.")
    incidents, _, _ = build(text, "2020-02-15")
    assert sorted((i.date, i.killed_best) for i in incidents) == [("2019-03-23", 160), ("2020-02-14", 20)]


def test_a_recounted_attack_is_dated_by_its_own_day_not_the_recounting():
    # "Survivors recounted on Monday how …": the day of the telling; the attack of 17 days before joins it
    text = ("Survivors recounted on Monday how gunmen stormed Millbrook.\n\n"
            "On March 3, gunmen stormed the town, killing 40 people.")
    incidents, _, _ = build(text, "2020-03-20")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Millbrook", "2020-03-03", 40)]


def test_a_chronology_of_old_days_has_no_background():
    # every entry is old: none is the report's own news, so none is told as background of another
    text = ("July 28, 2009 Police attacked Camp Ashraf, killing 11 residents.\n\n"
            "April 8, 2011 Troops raided Camp Ashraf, killing 36 residents.")
    assert [c.background for c in _attacks(text, "2017-12-16")] == [False, False]


def test_a_similar_incident_in_another_year_is_its_own_event_even_in_an_undated_text():
    # no publication date, so no date rule can tell them apart: "a similar incident" does; the earlier event
    # keeps the place its sentence refers back to ("stormed the village")
    text = ("Soldiers shot at the villagers of Millbrook on April 8, leaving 30 dead and hundreds more injured.\n\n"
            "A similar incident was reported in 2009, when 11 people died and 400 were injured when soldiers "
            "stormed the village.")
    for published in (None, "2011-05-02"):
        incidents, _, _ = build(text, published)
        assert {(i.date, i.place_name, i.killed_best) for i in incidents} == {
            (published and "2011-04-08", "Millbrook", 30), ("2009", "Millbrook", 11)}


def test_killed_elsewhere_at_the_end_of_a_clause_is_not_another_event():
    from geo.extract import SEPARATE_REASON
    text = ("Police found 12 bodies in a burnt van near Millbrook on Saturday. All 12 had been shot, and "
            "investigators believe they were killed elsewhere.")
    assert not any(SEPARATE_REASON in c.reasons for c in _attacks(text, "2020-02-16"))
    assert any(SEPARATE_REASON in c.reasons for c in _attacks(
        "Police found 12 bodies near Millbrook on Saturday. Elsewhere, a bomb killed two people in Bristol.",
        "2020-02-16"))


def test_an_earlier_event_takes_the_date_its_sentence_writes_out_after_its_clause():
    # "a month after <event>, <apposition>, on <full date>": the written-out date, not one counted back; and
    # "the army" opening the earlier clause is no reference back to the reported attack
    from geo.extract import REFERS_BACK_REASON
    text = ("Shells killed 20 people in Millbrook on Monday, officials said.\n\n"
            "The attack came almost a month after the army killed over 60 people by bombing Millbrook, a town "
            "of the district, on 23 October, 2022.")
    earlier = [c for c in _attacks(text, "2023-11-10") if c.killed is not None and c.killed.text == "over 60"]
    assert [(c.date, c.background) for c in earlier] == [("2022-10-23", True)]
    assert REFERS_BACK_REASON not in earlier[0].reasons


def test_earlier_opening_a_sentence_tells_another_event_and_a_string_of_bombings_is_a_total():
    # two bombings in one town on one day: "Earlier, …" is its own event; "a string of bombings left N dead"
    # is the day's total, no one event's toll
    text = ("Twin blasts at a snooker hall in Millbrook killed 30 people on Thursday, police said.\n\n"
            "Earlier, a bomb in a market area killed 11 people and injured 27 more.")
    incidents, _, _ = build(text, "2013-01-11")
    assert sorted(i.killed_best for i in incidents) == [11, 30]
    total = "A string of bombings left at least 41 people dead in Millbrook on Thursday."
    incidents, _, _ = build(total + "\n\n" + text, "2013-01-11")
    assert sorted(i.killed_best for i in incidents) == [11, 30]


def test_a_later_sentence_of_the_ledes_old_month_is_the_reported_event_again():
    # session 13: a late report whose lede tells the attack "in July"; "Soldiers raided the town in July" after it
    # is the same event, not a background one (which kept it a record of its own)
    text = ("Soldiers attacked Millbrook in July, killing 11 people.\n\n"
            "Relatives have protested for weeks since.\n\n"
            "Soldiers raided Millbrook in July, where the group has lived for decades.")
    incidents, _, _ = build(text, "2009-09-09")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Millbrook", "2009-07", 11)]
    # an older month after the lede is still background
    text = ("Soldiers attacked Millbrook in July, killing 11 people.\n\n"
            "Soldiers had raided Millbrook in March, killing 40.")
    incidents, _, _ = build(text, "2009-09-09")
    assert sorted((i.date, i.killed_best) for i in incidents) == [("2009-03", 40), ("2009-07", 11)]


def test_the_thousands_who_have_died_is_a_tally_not_an_event():
    # session 13: "It lists the thousands who have died" made an attack record (and the July raid background)
    text = ("A book lists the thousands who have died or disappeared in Millbrook.\n\n"
            "At the end of July soldiers attacked Millbrook. Eleven were killed.")
    incidents, _, _ = build(text, "2009-09-12")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Millbrook", "2009-07", 11)]
