"""Which date is the event's when the report's date, a statement's date and the event's own differ (issue 10,
session 9, branch dates9): made-up sentences of the shapes found on the development splits and the seeds.

See docs/events.md, "Session 9: the event's date, not the report's or the statement's".
"""
from geo.dates import find_dates
from geo.extract import extract_document, statement_date
from geo.geoparse import find_mentions as mentions
from geo.models import Document
from test_events_general import GAZ, build


def _attacks(doc):
    return [c for c in extract_document(doc, mentions([doc], GAZ), GAZ) if c.kind == "incident"]


def test_a_later_sentence_dating_the_clashes_dates_the_undated_lead():
    # the lead tells the deaths without a day; a later sentence with no attack word of its own gives it
    text = ("Government admits deaths in Millbrook\n\n"
            "The government has admitted that seven villagers were killed when soldiers took control of Millbrook.\n\n"
            "A spokesman had earlier denied anyone died in clashes on March 3 between police and protesters who "
            "blocked the road into Millbrook.")
    incidents, _, _ = build(text, "2020-03-07")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Millbrook", "2020-03-03", 7)]


def test_the_day_before_the_event_noun_dates_the_event_told_before():
    # session 12: "The March 3 clashes saw …", a paragraph with no attack word at all, dates the lead's event
    text = ("Government admits deaths in Millbrook\n\n"
            "The government has admitted that seven villagers were killed when soldiers took control of Millbrook.\n\n"
            "The March 3 clashes saw the police use batons, water cannon and tear gas against hundreds of residents.")
    incidents, _, _ = build(text, "2020-03-07")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Millbrook", "2020-03-03", 7)]


def test_the_invasion_of_a_place_on_a_day_dates_the_headline_event():
    text = ("Ten dead in Millbrook raid\n\n"
            "A farmer was the tenth person to die from injuries sustained during the army's invasion of Millbrook "
            "on 3rd March 2020.")
    incidents, _, _ = build(text, "2020-03-25")
    assert [(i.place_name, i.date) for i in incidents] == [("Millbrook", "2020-03-03")]


def test_an_old_day_of_clashes_does_not_date_the_reported_event():
    # more than a month before the report: another, earlier event than the one reported
    text = ("The government has admitted that seven villagers were killed when soldiers took control of Millbrook.\n\n"
            "Police and residents had already fought in clashes on March 3, 2015 in the same town.")
    incidents, _, _ = build(text, "2020-03-07")
    assert [(i.place_name, i.date) for i in incidents] == [("Millbrook", "2020-03-07")]


def test_a_date_opening_a_sentence_of_saying_is_the_statements():
    text = ("Soldiers stormed Millbrook on Friday.\n\n"
            "Earlier today, officials confirmed that the raid had killed 12 people.")
    incidents, _, _ = build(text, "2020-03-12")  # a Thursday: the raid was on Friday 6 March
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Millbrook", "2020-03-06", 12)]


def test_statement_dates_before_and_after_the_verb_of_saying():
    def first(text):
        return statement_date(text, find_dates(text, "2020-03-12")[0])
    assert first("On Friday, the ministry said that gunmen killed five people in the town.")
    assert first("Earlier today, United Nations officials confirmed the toll.")
    assert not first("On Friday, gunmen killed five people in the town, the ministry said.")
    assert not first("On Friday, gunmen who killed five people said they acted alone.")


def test_last_week_keeps_an_event_off_the_report_day():
    # "raided last week, the UN said Thursday": neither the report's day nor the statement's is the event's
    doc = Document("d1", "UN says 20 killed in Millbrook\n\n"
                         "At least 20 people were killed in Millbrook, raided by soldiers last week, the UN said "
                         "Thursday.", published="2020-03-12", date_source="metadata")
    (c,) = _attacks(doc)
    assert (c.date, c.date_precision) == (None, "week")


def test_last_week_then_the_day_of_the_assault():
    doc = Document("d1", "UN says 20 killed in Millbrook\n\n"
                         "At least 20 people were killed in Millbrook, raided by soldiers last week, the UN said "
                         "Thursday.\n\nThe residents said 300 were wounded in the assault last Friday.",
                   published="2020-03-12", date_source="metadata")
    (c,) = _attacks(doc)
    assert (c.date, c.date_weak) == ("2020-03-06", False)


def test_last_year_cannot_be_counted_from_a_lower_bound():
    # a text dated only by its latest explicit date was written on or after it: "last year" is unknown
    (d,) = find_dates("on December 26 of last year", "2013-09-01", bound=True)
    assert (d.value, d.precision, d.month_day) == (None, "day", "12-26")
    (d,) = find_dates("on December 26 of last year", "2013-09-01")
    assert d.value == "2012-12-26"
    assert find_dates("on Thursday", "2013-09-01", bound=True)[0].value is None
    assert find_dates("on April 8", "2013-09-01", bound=True)[0].value == "2013-04-08"


def test_two_days_whose_year_cannot_be_told_are_two_events():
    # no date for the document: neither year is known, but December 26 and September 1 are not one day
    text = ("The rocket attack on Millbrook on December 26 of last year killed four residents.\n\n"
            "On September 1, 2013, a raid on Millbrook killed 50 residents.")
    doc = Document("d1", text, published="2013-09-01", date_source="text")
    got = [(c.date, c.killed.value) for c in _attacks(doc) if c.confidence >= 0.5]
    assert got == [(None, 4), ("2013-09-01", 50)]


def test_the_event_in_an_opening_time_after_clause_is_that_long_before_the_main_clauses_day():
    # "More than a week after …, survivors arrived Thursday": Thursday is the survivors', the raid a week before
    text = ("Survivors reach the coast\n\n"
            "More than a week after gunmen killed 12 people in a raid on the town of Millbrook, survivors streamed "
            "Thursday into the port.")
    doc = Document("d1", text, published="2021-04-01", date_source="metadata")  # a Thursday
    (c,) = [c for c in _attacks(doc) if c.confidence >= 0.5]
    assert (c.date, c.background) == ("2021-03-25", False)


def test_a_move_on_a_day_that_cannot_be_counted_is_no_move_recalled_in_passing():
    # "arrived on Tuesday" in a text dated only by a lower bound: no day, but news, not "several years ago"
    text = "A convoy of civilians evacuated from Camp Ashraf arrived in Tirana on Tuesday, officials said."
    doc = Document("d1", text, published="2022-04-21", date_source="text")
    moves = [c for c in extract_document(doc, mentions([doc], GAZ), GAZ) if c.kind == "relocation"]
    assert moves and moves[0].date is None and moves[0].confidence >= 0.5


def test_the_start_of_a_period_does_not_date_the_event():
    # "since forces launched an offensive three months ago": the period's start; once "N months ago" was read as a
    # month, the sentence became an event of that month
    text = ("An air strike hit a detention centre in Millbrook on Tuesday, killing 40 migrants.\n\n"
            "It was the highest toll from an air strike or shelling since rebel forces launched a ground offensive "
            "three months ago to take the capital.")
    incidents, _, _ = build(text, "2019-07-03")
    assert [(i.place_name, i.date) for i in incidents] == [("Millbrook", "2019-07-02")]


def test_the_day_a_text_was_signed_does_not_date_the_attack():
    # a motion's one long sentence: the attack's own date, then the day an agreement was signed, nearer the last
    # attack word; on main the record took the signing day
    text = ("That this House believes that the 3 March 2016 rocket attack on Millbrook, which killed 12 residents, "
            "is a flagrant violation of the agreement signed between the government and the UN, on 25 December 2011, "
            "and condemns this massacre.")
    incidents, _, _ = build(text, "2016-03-10")
    assert [(i.place_name, i.date) for i in incidents] == [("Millbrook", "2016-03-03")]


def test_later_counts_on_from_a_day_told_without_an_attack():
    # the day is told by a sentence with no attack word (vehicles entered the village), the attack "six days later"
    text = ("At midnight on 2 April 2016, at least 30 armoured vehicles entered Millbrook and took positions.\n\n"
            "Six days later, soldiers attacked the villagers, resulting in the death of at least 34 and the injury "
            "of more than 350.")
    incidents, _, _ = build(text, "2016-07-14")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Millbrook", "2016-04-08", 34)]


def test_days_after_the_violence_counts_back_from_the_statement():
    # "said on Tuesday it had counted 52 bodies …, two days after violence": the violence was on Sunday; a later
    # account of the month ("last September") keeps the day
    text = ("BAGHDAD (Reuters) - A U.N. team said on Tuesday it had counted 52 bodies in Millbrook, two days after "
            "violence that it decried as an atrocious crime.")
    incidents, _, _ = build(text, "2013-09-03")
    assert [(i.place_name, i.date) for i in incidents] == [("Millbrook", "2013-09-01")]


def test_years_ago_in_a_clause_of_background_does_not_date_the_event():
    # first contact with heldout21 (session 10): "N years ago" read as a year dated the raid by the camp's history
    text = ("On 8 April soldiers entered Millbrook, which is a village in an area that was given to the group some 25 "
            "years ago, and in the course of that confrontation some 30 people were killed.")
    incidents, _, _ = build(text, "2011-04-27")
    assert [(i.place_name, i.date) for i in incidents] == [("Millbrook", "2011-04-08")]
    text2 = ("Rockets hit Millbrook on Monday. This was the latest in the series of deadly rocket attacks that have "
             "targeted Millbrook since the transfer of the residents four years ago.")
    incidents2, _, _ = build(text2, "2016-07-05")
    assert [(i.place_name, i.date) for i in incidents2] == [("Millbrook", "2016-07-04")]


def test_a_month_before_the_attack_noun_dates_an_attack_told_months_later():
    # session 12: not the report's day ("A February rocket attack on X killed seven" in a report of May)
    doc = Document("d1", "The group has moved 14 members abroad. A February rocket attack on Millbrook killed seven "
                         "people, according to the group.", published="2013-05-17")
    assert [(c.date, c.killed.value) for c in _attacks(doc) if c.confidence >= 0.5] == [("2013-02", 7)]


def test_the_date_of_a_cited_report_is_a_statements():
    # session 12: "(News, 29 January)" cites a report; "described the attacks" is no attack of that day
    doc = Document("d1", "Both villages came under fire in recent years.\n\nIn January, a former bishop described "
                         "the attacks on Millbrook as evidence of a dark shadow (News, 29 January).",
                   published="2016-09-16")
    assert [c.date for c in _attacks(doc) if c.confidence >= 0.5] == []
    text = "Militants raided Millbrook (Reuters, 12 May)."
    [d] = [d for d in find_dates(text, "2016-09-16")]
    assert statement_date(text, d)
    assert not statement_date("Militants raided Millbrook on 12 May.", find_dates("Militants raided Millbrook on "
                                                                                  "12 May.", "2016-09-16")[0])


def test_a_date_between_the_speaker_and_a_verb_of_appeal_is_the_statements():
    # session 13: "exiles today called on …" dated the attack of July the day of the protest
    text = "Exiles in the capital today called on the government to act over the attack on Millbrook."
    [d] = find_dates(text, "2009-09-09")
    assert statement_date(text, d)
    text = "Officials on Tuesday said the raid on Millbrook killed five."
    assert statement_date(text, find_dates(text, "2009-09-09")[0])
    text = "Gunmen on Tuesday killed five people in Millbrook."
    assert not statement_date(text, find_dates(text, "2009-09-09")[0])


def test_an_account_dated_by_its_statement_with_the_same_toll_is_the_event_told_before():
    # session 13: the attack told "in July" with 11 dead, then the protest "today" over the attack that left 11 dead:
    # one event, however long before the statement
    text = ("Protesters demand action over attack on Millbrook in July that left 11 dead\n\n"
            "Exiles today called on the government to break its silence over an attack on the town that left 11 "
            "people dead and 450 injured.\n\n"
            "Soldiers raided Millbrook in July.")
    incidents, _, _ = build(text, "2009-09-09")
    assert [(i.place_name, i.date, i.killed_best, i.injured_best) for i in incidents] == [("Millbrook", "2009-07", 11,
                                                                                           450)]


def test_a_day_of_mourning_does_not_date_the_attack():
    # session 13: "June 9 was declared a day of national mourning" made a record of 9 June for an attack of 5 June
    text = ("Nation mourns victims of Millbrook attack\n\n"
            "Gunmen killed seven people in Millbrook on June 5. June 9 was declared a day of national mourning for the "
            "victims of the Millbrook attack.\n\n"
            "The national mourning for those killed in the attack on Millbrook was observed today.")
    incidents, _, _ = build(text, "2016-06-09")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Millbrook", "2016-06-05", 7)]
    for text in ("I declare Thursday, June 9, a day of mourning for the victims.",
                 "A vigil for the victims of the shooting was held in the capital on Monday."):
        d = find_dates(text, "2016-06-10")[-1]
        from geo.extract import _mourning_day
        assert _mourning_day(text, d)
    text = "Gunmen killed seven people on Monday; a day of mourning was declared."
    from geo.extract import _mourning_day
    assert not _mourning_day(text, find_dates(text, "2016-06-10")[0])


def test_a_date_before_accused_is_the_statements():
    # session 13: "MPs on Wednesday accused X of a massacre at Y which killed 35" dated the massacre Wednesday
    text = ("MPs on Wednesday accused the government of committing a massacre at Millbrook which led to the death of "
            "35 people.\n\nThey showed video footage of the 8 April attack.")
    incidents, _, _ = build(text, "2011-04-13")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Millbrook", "2011-04-08", 35)]


def test_a_day_marking_an_anniversary_dates_the_event_that_many_years_before():
    # session 13: "Tuesday marks the second anniversary of the massacre" dated the massacre Tuesday
    text = ("Tuesday marks the second anniversary of the Millbrook massacre. Fifty villagers were slaughtered by "
            "soldiers.")
    incidents, _, _ = build(text, "2015-08-31")
    assert [(i.place_name, i.date) for i in incidents] == [("Millbrook", "2013")]


def test_a_month_and_day_told_again_without_its_year_keeps_the_year_told():
    # session 13: "the September 1, 2013 massacre … As the massacre was under way on September 1" in a text of
    # August 2015: the bare "September 1" read against the published date was 2014's
    text = ("Soldiers killed 52 villagers in Millbrook during the September 1, 2013 massacre.\n\n"
            "As the massacre was under way on September 1, officials in the capital were alerted to the attack.")
    incidents, _, _ = build(text, "2015-08-31")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Millbrook", "2013-09-01", 52)]
