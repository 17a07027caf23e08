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
