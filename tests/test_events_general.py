"""Incidents as events on news not seen before (issue 10, session 4): general rules, made-up sentences.

Each test is a regression found on the held-out excerpts, rewritten with made-up places and sentences of the
same shape (never the articles' own text or names).
"""
import pytest

from geo.attribution import dateline_span
from geo.extract import extract_document
from geo.incidents import build_incidents
from geo.models import Document, Place
from incident_helpers import gazetteer, mentions

GAZ = gazetteer()
# made-up places: a province of Iraq well away from Baghdad, and a town inside it
GAZ.add(Place("test:northshire", "Northshire", "region", 36.0, 43.0, "IQ", 30.0, "test"), ["Northshire"])
GAZ.add(Place("test:millbrook", "Millbrook", "city", 36.05, 43.05, "IQ", 2.0, "test"), ["Millbrook"])


def run(text, published=None):
    d = Document("d1", text, published=published)
    ms = mentions([d], GAZ)
    return extract_document(d, ms, GAZ)


def build(text, published=None):
    d = Document("d1", text, published=published)
    ms = mentions([d], GAZ)
    return build_incidents([d], extract_document(d, ms, GAZ), GAZ, None, min_confidence=0.5)


@pytest.mark.parametrize("text, line", [
    ("A title\n\nBERLIN, Germany  (Update 1, 10:23 a.m.) — Ten", "BERLIN, Germany  (Update 1, 10:23 a.m.) — "),
    ("LONDON (UPDATED 2) - Ten", "LONDON (UPDATED 2) - "),
    ("- The Daily - Monday, May 4, 2020\n\nBERLIN | Ten", "BERLIN | "),
    ("A title\n\nSite.com\nMay 3, 2020 | 9:42am\n\nThe camp was hit.", ""),
    ("Berlin, 20 November 2015 (AFP) - Ten", "Berlin, 20 November 2015 (AFP) - "),
    ("LONDON, United Kingdom, 12 May 2019 - Ten", "LONDON, United Kingdom, 12 May 2019 - "),
    # a page's credit line before the dateline: "AFP |" names the agency, not where the report was filed
    ("A title\nAFP | Last Updated: Saturday, April 15, 2017 - 19:34\nBerlin: A car bomb", "Berlin: "),
])
def test_a_dateline_with_an_update_note_in_brackets(text, line):
    a, b = dateline_span(text)
    assert text[a:b] == line


def test_the_dateline_with_an_update_note_is_not_the_scene():
    text = ("Bomb at school kills three\n\nSite News\nMay 3, 2020 | 9:42am\n\n"
            "Berlin, Germany  (Update 1, 10:23 a.m.) — At least three people were killed when a bomb exploded at a "
            "school in Baghdad, officials said Sunday.")
    incidents, _, _ = build(text, "2020-05-03")
    assert [(i.place_name, i.date) for i in incidents] == [("Baghdad", "2020-05-03")]


def test_a_convoy_of_vehicles_on_the_road_is_no_relocation():
    text = "Soon after the attack on the convoy, which was moving from Baghdad to Tirana, gunshots were heard."
    assert [c for c in run(text, "2019-02-14") if c.kind == "relocation" and c.confidence >= 0.5] == []


def test_a_convoy_carrying_people_is_still_a_relocation():
    text = "On 3 May a convoy left Baghdad for Tirana; 40 families were on it."
    [m] = [c for c in run(text, "2015-05-04") if c.kind == "relocation" and c.confidence >= 0.5]
    assert (m.from_place.name, m.to_place.name) == ("Baghdad", "Tirana")


def test_a_province_does_not_hold_a_city_far_outside_it():
    text = ("At least three people were killed when a bomb exploded in Baghdad, media reported Sunday.\n"
            "Eleven militants were killed in military operations in Northshire province on Friday.")
    incidents, _, _ = build(text, "2020-05-03")
    got = sorted((i.place_name, i.killed_best) for i in incidents)
    assert got == [("Baghdad", 3), ("Northshire", 11)]


def test_a_scene_named_later_beats_the_dateline_of_the_same_country():
    text = ("Baghdad — Dozens of people were killed in an airstrike on Thursday on a crowded market.\n"
            "The Red Cross said the strike hit a market in Northshire province, killing 29 people.")
    incidents, _, _ = build(text, "2020-05-07")
    assert [(i.place_name, i.killed_best) for i in incidents] == [("Northshire", 29)]


def test_an_earlier_attack_told_after_a_time_after_is_its_own_event_dated_back():
    text = ("Gunmen stormed a hotel in Baghdad on Friday, killing 19 people.\n"
            "The raid on the hotel came a week after militants killed 129 people in Berlin, raising fears abroad.")
    incidents, _, _ = build(text, "2020-05-08")
    got = sorted((i.place_name, i.date, i.killed_best) for i in incidents)
    assert got == [("Baghdad", "2020-05-08", 19), ("Berlin", "2020-05-01", 129)]


def test_an_earlier_attack_fronted_before_a_comma():
    text = ("Two days after gunmen killed 12 people in Berlin, a bomb exploded in Baghdad, killing 7.")
    incidents, _, _ = build(text, "2020-05-08")
    got = sorted((i.place_name, i.date, i.killed_best) for i in incidents)
    assert got == [("Baghdad", "2020-05-08", 7), ("Berlin", "2020-05-06", 12)]


def test_a_scene_far_from_the_only_town_named_is_not_that_town():
    # the town of the earlier siege is not in the gazetteer; the capital is only a reference point 640 km away
    text = ("Gunmen stormed a hotel in Baghdad on Friday, killing 19 people.\n"
            "In August, the same group led a siege on a hotel in Qarzan, a town a little under 400 miles north of "
            "Baghdad, during which 17 people were killed.")
    incidents, _, _ = build(text, "2020-11-20")
    assert [(i.place_name, i.killed_best) for i in incidents] == [("Baghdad", 19)]


def test_a_town_a_few_miles_from_a_city_is_still_near_it():
    text = "Gunmen attacked a village 12 kilometres south of Baghdad on Friday, killing 5 people."
    incidents, _, _ = build(text, "2020-11-20")
    assert [(i.place_name, i.killed_best) for i in incidents] == [("Baghdad", 5)]


def test_a_sentence_that_borrows_a_far_town_from_its_paragraph_does_not_move_the_event():
    # the village of the third paragraph resolved to a homonym in another country, far from the province
    text = ("Northshire: 19 bodies found burned\n\n"
            "The authorities of Northshire province reported the discovery of 19 bodies in an uninhabited area.\n\n"
            "The site lies in a remote region of the municipality of Millbrook.\n\n"
            "Police received a complaint that near the town of Tirana two vans were on fire. In one of them were "
            "the bodies of the 19 people.")
    incidents, _, _ = build(text, "2021-01-25")
    assert [(i.place_name, i.killed_best) for i in incidents] == [("Millbrook", 19)]


@pytest.mark.parametrize("name, country, spelled", [
    ("Qa’r al ‘Izz", "YE", {"Qar al-Izz", "Qar el-Izz", "Qar al Izz"}),  # made-up names
    ("Ma’zib", "EG", {"Mazib"}),
    ("Ciudad Zorrilla", "MX", {"Zorrilla"}),
    ("Tabuntay City", "PH", {"Tabuntay"}),
])
def test_news_spellings_of_transliterated_and_spanish_official_names(name, country, spelled):
    from geo.gazetteer import _variants
    assert spelled <= set(_variants(name, country))


@pytest.mark.parametrize("name, country", [("El Paso", "US"), ("Ciudad Real", "ES"), ("Ciudad Juárez", "MX"),
                                           ("Kansas City", "US"), ("Angeles City", "PH")])
def test_no_short_spelling_where_it_would_be_a_word_a_surname_or_another_language(name, country):
    from geo.gazetteer import _variants
    assert _variants(name, country) == [name]


def test_the_date_of_the_dateline_is_the_reports_not_the_events():
    text = "Baghdad, March 3 (Reuters) - A suicide bomber killed 14 people at a checkpoint in Baqubah on Friday."
    incidents, _, _ = build(text, "2020-03-03")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Baqubah", "2020-02-28", 14)]


def test_the_scene_of_an_earlier_event_told_in_passing_is_not_borrowed_by_the_event_reported():
    text = ("Car bomb kills 5 in Baghdad\n\n"
            "Baghdad (Reuters) - A car bomb exploded near a checkpoint in the capital on Saturday, killing five "
            "people. The blast came three days after a suicide bomber killed 10 soldiers at a base in Baqubah.")
    incidents, _, _ = build(text, "2020-03-07")
    got = sorted((i.place_name, i.date, i.killed_best) for i in incidents)
    assert got == [("Baghdad", "2020-03-07", 5), ("Baqubah", "2020-03-04", 10)]


def test_a_background_town_still_refines_the_province_the_sentence_names():
    text = ("Gunmen attacked a convoy in Northshire province, killing four people.\n"
            "The militants carried out large attacks in Millbrook last year, killing 28 people.")
    incidents, _, _ = build(text, "2020-06-10")
    assert ("Millbrook", "2020-06-10", 4) in [(i.place_name, i.date, i.killed_best) for i in incidents]


def test_a_part_of_the_country_is_not_the_datelines_city():
    text = "Baghdad (AP) — Militants attacked a village in southern Iraq on Tuesday, killing 12 people, police said."
    incidents, _, _ = build(text, "2020-06-10")
    assert [(i.place_name, i.killed_best) for i in incidents] == [("Iraq", 12)]


def test_a_years_toll_across_the_country_is_no_event():
    text = ("Gunmen killed nine people at a church in Baqubah on Sunday.\n"
            "Last year, more than 1,800 people were killed in attacks across the country, the UN said.")
    incidents, _, _ = build(text, "2020-02-11")
    assert [(i.place_name, i.killed_best) for i in incidents] == [("Baqubah", 9)]


def test_a_move_to_the_city_of_a_named_place_ends_there():
    text = ("Authorities relocated about 2,000 displaced people from a camp near Baghdad to the city of Baqubah on "
            "Wednesday, officials said. Later Tirana offered help.")
    [m] = [c for c in run(text, "2019-09-12") if c.kind == "relocation" and c.confidence >= 0.5]
    assert (m.from_place.name, m.to_place.name) == ("Baghdad", "Baqubah")


def test_other_spellings_of_transliterated_towns_of_middle_size():
    from geo.gazetteer import _city_places
    town = {"geonameid": 1, "name": "Dūrqa", "latitude": 33.0, "longitude": 36.0, "countrycode": "SY",
            "population": 12_000, "admin1code": "01", "alternatenames": ["Dourqa", "Durqa"]}  # made up
    [(_, names)] = _city_places([town])
    assert "Dourqa" in names
    [(_, names)] = _city_places([dict(town, countrycode="US", name="Durqa Falls", alternatenames=["Dourqa"])])
    assert "Dourqa" not in names


def test_a_sentence_that_only_says_when_the_incident_occurred_dates_the_event():
    text = ("The authorities of Northshire province reported the discovery of 19 bodies in a remote area.\n\n"
            "Prosecutors said in a statement that the discovery occurred on Friday afternoon near Millbrook.")
    incidents, _, _ = build(text, "2021-01-25")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Millbrook", "2021-01-22", 19)]


def test_a_timing_sentence_alone_makes_no_record():
    incidents, _, _ = build("The incident occurred on Friday near Millbrook, police said.", "2021-01-25")
    assert incidents == []


def test_a_dateline_city_in_the_part_of_the_country_named_may_be_the_scene():
    # Baqubah lies north-east of this test gazetteer's point for Iraq; Baghdad lies east of it but south
    text = "Baqubah (AP) — Militants attacked a village in northeastern Iraq on Tuesday, killing 12 people."
    incidents, _, _ = build(text, "2020-06-10")
    assert [(i.place_name, i.killed_best) for i in incidents] == [("Baqubah", 12)]


def test_where_a_spokesman_said_it_is_not_the_scene():
    text = ("Gunmen on motorcycles killed 15 villagers in Northshire province on Saturday, a police spokesman said in "
            "Baghdad, the capital.")
    incidents, _, _ = build(text, "2019-06-16")
    assert [(i.place_name, i.killed_best) for i in incidents] == [("Northshire", 15)]


def test_days_counted_back_from_the_sentences_own_day():
    text = "Mourners in Baqubah on Thursday buried the 18 people killed when a bomber struck a market two days earlier."
    incidents, _, _ = build(text, "2018-11-15")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Baqubah", "2018-11-13", 18)]


def test_days_ago_counted_back_from_the_reports_day():
    incidents, _, _ = build("Gunmen killed 6 people in Baqubah three days ago, police said.", "2018-11-15")
    assert [(i.place_name, i.date) for i in incidents] == [("Baqubah", "2018-11-12")]


def test_an_organisation_in_capitals_is_not_a_town_of_that_name():
    from geo.gazetteer import Gazetteer
    gaz = Gazetteer()
    gaz.add(Place("t:nato", "Nato", "city", 13.6, 123.5, "PH", 2.0, "test"), ["Nato"])  # a real town's name
    assert "NATO" not in gaz.surfaces and "Nato" in gaz.surfaces


def test_an_old_name_of_a_transliterated_town_is_not_one_of_its_spellings():
    from geo.gazetteer import _city_places
    town = {"geonameid": 2, "name": "Behzad", "latitude": 36.7, "longitude": 53.5, "countrycode": "IR",
            "population": 90_000, "admin1code": "01", "alternatenames": ["Behzaad", "Ashkan"]}  # made up
    [(_, names)] = _city_places([town])
    assert "Behzaad" in names and "Ashkan" not in names


@pytest.mark.parametrize("text, name", [
    ("the raid has drawn sharp rebukes from Baghdad’s Western allies", "Baghdad"),
    ("the Tirana government denied it", "Tirana"),
])
def test_a_capital_standing_for_its_government_is_not_the_scene(text, name):
    from geo.attribution import not_the_scene
    at = text.index(name)
    assert not_the_scene(text, at, at + len(name), "city") is not None


def test_where_people_fled_to_is_not_the_attacks_scene():
    text = ("Gunmen killed 20 people in an attack on a village in Northshire province on Thursday, the government "
            "said. Authorities said 1,200 residents fled to the town of Millbrook after the attack.")
    incidents, _, _ = build(text, "2019-12-27")
    assert [(i.place_name, i.killed_best) for i in incidents] == [("Northshire", 20)]


def test_another_sentences_reference_point_is_not_borrowed():
    text = ("Baghdad had been calm for months.\n\n"
            "Clashes between rival militias in the capital killed at least 12 people on Sunday, officials said. "
            "The wounded were taken to hospitals 200 km north of Tirana. Elsewhere, a roadside bomb killed two "
            "soldiers near Baqubah.")
    incidents, _, _ = build(text, "2018-09-02")
    assert sorted((i.place_name, i.killed_best) for i in incidents) == [("Baghdad", 12), ("Baqubah", 2)]


def test_elsewhere_starts_another_event():
    text = ("Gunmen stormed a market in Baqubah on Sunday, killing 12 people. Elsewhere, a roadside bomb killed two "
            "soldiers.")
    incidents, _, _ = build(text, "2018-09-02")
    assert [(i.place_name, i.killed_best, len(i.sources)) for i in incidents] == [("Baqubah", 12, 1)]
    incidents, _, _ = build(text.replace("soldiers.", "soldiers near Baghdad."), "2018-09-02")
    assert sorted((i.place_name, i.killed_best) for i in incidents) == [("Baghdad", 2), ("Baqubah", 12)]


def test_days_after_the_attack_itself_is_no_earlier_event():
    text = ("Gunmen stormed a hotel in Baqubah on Friday, killing 19 people.\n"
            "Two days after the attack on the hotel in Baqubah, police arrested three suspects.")
    incidents, _, _ = build(text, "2020-05-16")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Baqubah", "2020-05-15", 19)]


@pytest.mark.parametrize("text, moves", [
    ("A convoy left Baghdad for Tirana on 3 May.", 1),  # the people in it are moved
    ("Trucks carrying fuel were moved from Baghdad to Tirana on 3 May.", 0),
    ("Gunmen ambushed the convoy, which was moving from Baghdad to Tirana, on 3 May.", 0),
])
def test_vehicles_move_people_unless_they_are_a_target_or_carry_goods(text, moves):
    got = [c for c in run(text, "2015-05-04") if c.kind == "relocation" and c.confidence >= 0.5]
    assert len(got) == moves


# --- session 4, second round (heldout3 as development data) ---------------------------------------------------------

@pytest.mark.parametrize("sentence, killed", [
    ("At dawn about 30 Grad rockets fell on the market, killing four people and wounding 19.", 4),
    ("Some 12 armoured vehicles were hit by a bomb, killing three soldiers.", 3),
    ("Gunmen killed 5 in separate attacks.", 5),  # "separate" after "in" is not what the count counts
])
def test_a_count_of_munitions_or_vehicles_is_not_the_toll(sentence, killed):
    from geo.extract import figures
    assert figures(sentence, 0, [], [])["killed"].value == killed


@pytest.mark.parametrize("text, name", [
    ("The shelling of the camp was blamed on Albania by the exiles.", "Albania"),
    ("The minister accused Albania of launching the deadly attack.", "Albania"),
    ("Officials said Albania was behind the rocket attack.", "Albania"),
    ("Twelve foreigners were killed, most of whom are said to be from Albania and Kenya.", "Kenya"),
    ("Twelve foreigners were killed, most of whom are said to be from Albania and Kenya.", "Albania"),
    ("Gunmen killed 12 tourists from Albania in the raid.", "Albania"),
])
def test_the_alleged_perpetrator_or_the_victims_country_is_not_the_scene(text, name):
    from geo.attribution import not_the_scene
    at = text.index(name)
    assert not_the_scene(text, at, at + len(name), "country") is not None


def test_a_country_attack_blamed_on_is_not_placed_there():
    text = ("Rockets hit a market in Baqubah on Friday, killing six people.\n\n"
            "The exiles also blamed Albania for a deadly attack last March.")
    incidents, _, _ = build(text, "2020-05-16")
    assert "Albania" not in [i.place_name for i in incidents]


def test_the_victims_country_of_origin_makes_no_event_there():
    text = ("Gunmen stormed a hotel in Baqubah on Friday.\n\n"
            "Six gunmen were killed after they massacred 20 guests, most of whom are said to be from Albania.")
    incidents, _, _ = build(text, "2020-05-16")
    assert "Albania" not in [i.place_name for i in incidents]


@pytest.mark.parametrize("published, value", [
    ("2020-05-15", "2020-05-07"),  # a Friday: "last Thursday" is the week before's
    ("2020-05-18", "2020-05-14"),  # a Monday: the Thursday four days before
])
def test_last_weekday_is_the_weekday_of_the_week_before(published, value):
    from geo.dates import find_dates
    [d] = find_dates("Rockets hit the camp last Thursday.", published)
    assert (d.value, d.precision) == (value, "day")


def test_the_day_of_a_testimony_is_a_statements_date():
    from geo.dates import find_dates
    from geo.extract import statement_date
    text = "Testifying before a budget committee on Wednesday, the minister said the camp was shelled."
    [d] = find_dates(text, "2020-05-15")
    assert statement_date(text, d)


def test_a_weekday_said_again_after_last_weekday_is_the_same_day():
    text = ("Rockets hit the camp in Baqubah last Thursday, killing three residents.\n\n"
            "The residents said more than 50 were injured in the attack Thursday.")
    incidents, _, _ = build(text, "2020-05-15")  # a Friday
    assert [(i.place_name, i.date, i.killed_best, i.injured_best) for i in incidents] == \
        [("Baqubah", "2020-05-07", 3, 50)]  # "more than 50": 50, the figure stated (as UCDP/ACLED code it)


def test_late_month_and_day_is_a_day():
    from geo.dates import find_dates
    [d] = find_dates("The minister confirmed late July 20 that the toll reached 31.", "2015-07-21")
    assert (d.value, d.precision) == ("2015-07-20", "day")


def test_where_a_visiting_official_arrived_is_not_the_scene():
    from geo.attribution import not_the_scene
    text = "Upon his arrival in Tirana, the interior minister announced that the death toll was 30."
    at = text.index("Tirana")
    assert not_the_scene(text, at, at + 6, "city") is not None


def test_a_relative_clauses_date_is_not_the_events():
    text = ("Rockets hit a camp near Baqubah early on Saturday, killing four residents, police said.\n\n"
            "The attack struck the group's camp near Baqubah, where the authorities moved most of them last year "
            "from another base.")
    incidents, _, _ = build(text, "2020-05-18")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Baqubah", "2020-05-16", 4)]


def test_a_relative_clause_about_the_attack_still_dates_it():
    from geo.dates import find_dates
    from geo.extract import _event_date
    text = "The bombing, which happened on 3 May, killed four."
    date, weak = _event_date(text, find_dates(text, "2020-05-18"), text.index("bombing"))
    assert (date.value, weak) == ("2020-05-03", False)


def test_an_attack_told_last_month_by_a_later_testimony_keeps_its_month():
    text = ("(BERLIN) — The minister has accused Albania of launching a deadly attack last March on exiles who "
            "sought refuge in Iraq.\n"
            "Testifying before a budget committee on Wednesday, he said Albania was behind a rocket assault on "
            "the exiles in Baqubah.\n"
            "Seven people were killed in the attack.")
    incidents, _, _ = build(text, "2020-05-15")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Baqubah", "2020-03", 7)]


def test_a_headline_clause_counting_a_countrys_dead_is_not_the_attacks_toll():
    text = ("Rockets Strike Exile Camp; 80 Killed in Iraq\n\n"
            "The camp near Baqubah came under a heavy rocket barrage on Sunday.")
    incidents, _, _ = build(text, "2020-05-18")
    assert [(i.place_name, i.killed_best) for i in incidents] == [("Baqubah", None)]


@pytest.mark.parametrize("title, killed", [
    ("Rockets Strike Exile Camp; 80 Killed in Iraq", []),
    ("12 killed in rocket attack in Iraq; exiles blame militia", [12]),  # the toll in the attack's own clause
    ("Rockets strike camp near Baqubah; 12 killed", [12]),  # no country: the attack's toll
])
def test_only_a_country_tally_clause_loses_its_figure(title, killed):
    got = [c.killed.value for c in run(title, "2020-05-18") if c.kind == "incident" and c.killed]
    assert got == killed


GAZ.add(Place("test:northfield", "Camp Northfield", "site", 33.30, 44.25, "IQ", 2.0, "test"), ["Camp Northfield"])


@pytest.mark.parametrize("text", [
    ("Hauling furniture and bags, about 250 members of the exile group moved on Sunday from their camp in "
     "northern Iraq to an abandoned army base outside the capital.\n\n"
     "They had lived at Camp Hope for twenty years. The UN wants all of them to move to the Camp Northfield base "
     "outside Baghdad."),
    ("Seeking to close Camp Hope, the government moved 250 exiles to a UN-run site near Baghdad on Sunday.\n\n"
     "The exiles are to move from their old home, Camp Hope, to a new location called Camp Northfield."),
])
def test_a_destination_described_not_named_is_the_site_the_report_names(text):
    moves = [c for c in run(text, "2020-05-18") if c.kind == "relocation" and c.confidence >= 0.5
             and c.people is not None]
    assert [(c.from_place.name, c.to_place.name, c.people.value) for c in moves] == \
        [("Camp Hope", "Camp Northfield", 250)]


def test_a_date_that_names_a_deal_is_not_the_events():
    from geo.dates import find_dates
    from geo.extract import _event_date
    text = "The move is part of a May 3 deal between the UN and the government."
    date, _ = _event_date(text, find_dates(text, "2020-05-18"), text.index("move"))
    assert date is None


def test_a_province_level_account_joins_the_towns_event():
    text = ("A suicide bomber killed 30 people at a cultural centre in Millbrook, in Northshire province, on Monday.\n\n"
            "In Northshire, the governor said on Monday that the death toll from the bombing was 31.")
    incidents, _, _ = build(text, "2020-05-18")
    assert [(i.place_name, i.killed_best) for i in incidents] == [("Millbrook", 31)]


def test_a_province_level_report_joins_the_towns_record_across_documents():
    docs = [Document("a", "A suicide bomber killed 30 people in Millbrook on Monday, police said.", published="2020-05-18"),
            Document("b", "A bombing in Northshire province killed 31 people on Monday, the governor said.",
                     published="2020-05-18")]
    ms = mentions(docs, GAZ)
    cands = [c for d in docs for c in extract_document(d, [m for m in ms if m.document == d.id], GAZ)]
    incidents, _, _ = build_incidents(docs, cands, GAZ, None, min_confidence=0.5)
    assert [(i.place_name, i.killed_best, len({s.document for s in i.sources})) for i in incidents] == \
        [("Millbrook", 31, 2)]


def test_days_counted_back_in_a_relative_clause_about_someone_are_not_the_events():
    text = ("A car bomb killed nine cadets at a police school in Baqubah on Thursday, officials said.\n\n"
            "A father said he was bringing food to his son, who joined the school just two days ago, when he "
            "heard the blast.")
    incidents, _, _ = build(text, "2020-05-15")
    assert [(i.place_name, i.date) for i in incidents] == [("Baqubah", "2020-05-14")]


def test_no_account_is_dated_by_days_counted_back_in_a_relative_clause():
    text = ("A father said he was bringing food to his son, who joined the school just two days ago, when he was "
            "stopped by the blast of the car bomb a block away.")
    dates = [c.date for c in run(text, "2020-05-15") if c.kind == "incident"]
    assert dates and "2020-05-13" not in dates  # the report's day at most, never the son's


def test_a_group_removed_from_a_list_is_no_relocation():
    text = ("The group was removed from the US terror list last year, but the 2,000 exiles left at Camp Hope are "
            "stranded.")
    assert [c for c in run(text, "2020-05-18") if c.kind == "relocation"] == []
    moved = "The 2,000 exiles were removed from Camp Hope to Tirana last year."
    assert [c.kind for c in run(moved, "2020-05-18") if c.kind == "relocation"] == ["relocation"]


@pytest.mark.parametrize("sentence, role, value", [
    ("Troops stormed the camp in a raid that left 34 of the residents dead.", "killed", 34),
    ("Nine of the injured were airlifted to Tirana.", "people", 9),
    ("Three of the wounded died in hospital.", "killed", 3),
])
def test_some_of_a_group_are_counted_by_what_follows_the_group(sentence, role, value):
    from geo.extract import figures
    assert figures(sentence, 0, [], [])[role].value == value


# --- session 5: heldout4 as development data (relocations above all) ------------------------------------------------
def moves_of(text, published="2020-05-18", confidence=0.5):
    return [c for c in run(text, published) if c.kind == "relocation" and c.confidence >= confidence
            and not c.hypothetical]


def ends(c):
    return (c.from_place.name if c.from_place else None, c.to_place.name if c.to_place else None)


def test_a_hard_wrapped_wire_paragraph_is_read_as_one():
    from geo.extract import _paragraphs
    text = ("Exiles ferried to safety\nAbout 300 people arrived.\n\nTIRANA, May 3 The last major group of\n"
            "exiles left Camp Hope in Iraq, the\nministry said on Sunday.\nA convoy of about 300 residents left "
            "former Camp Hope and\narrived at Camp Northfield on Sunday.")
    paras = [p for _, _, _, p in _paragraphs(text)]
    assert paras[0] == "Exiles ferried to safety"  # a title line with no end is not glued to the lead
    assert paras[2].endswith("on Sunday.") and "\n" in paras[2]
    [m] = [c for c in moves_of(text) if c.from_place and c.to_place]
    assert ends(m) == ("Camp Hope", "Camp Northfield") and m.people.value == 300


def test_a_wrapped_line_ending_in_a_noun_goes_on_when_the_next_starts_with_a_capital():
    # a hard-wrapped text: a line as long as the text's lines are, with no sentence end, goes on in the next one
    # even when the next starts with a capital ("… by bombing\nRiverton, …"); a short title line stays apart, and
    # a text with one paragraph a line (long lines) is not touched
    from geo.extract import _paragraphs
    text = ("Army shells a camp\n\n"
            "The army killed 20 people in a night attack on a camp near Millbrook, a spokesman\n"
            "said. The attack came a month after the army killed 60 people by bombing\n"
            "Riverton on 23 October, 2022.\n")
    paras = [p for _, _, _, p in _paragraphs(text)]
    assert paras[0] == "Army shells a camp"
    assert len(paras) == 2 and paras[1].endswith("23 October, 2022.")
    unwrapped = ("Army shells a camp\n" + "The army killed 20 people in a night attack on a camp near Millbrook. " * 3
                 + "They came by bombing\nRiverton was hit too.")
    assert len(list(_paragraphs(unwrapped))) == 3


@pytest.mark.parametrize("sentence, value", [
    ("Another 42 Kurdish exiles from Camp Hope were moved to Tirana.", 42),
    ("The latest transferred group of 27 brings the total to 71.", 27),
    ("A convoy of about 400 arrived at Camp Northfield.", 400),
    ("Some 42 Northfield residents, including those who were wounded in the raid, agreed to be transferred.", 42),
])
def test_the_people_of_a_move_are_counted(sentence, value):
    from geo.extract import figures
    figs = figures(sentence, 0, [], [])
    assert figs["people"].value == value and "injured" not in figs


def test_eleven_killed_after_an_inserted_clause_are_still_killed():
    from geo.extract import figures
    figs = figures("Eleven members of the gang, including its leader, were killed in a raid.", 0, [], [])
    assert figs["killed"].value == 11


@pytest.mark.parametrize("text, expected", [
    ("The last group of exiles left Camp Hope in Iraq for Tirana on Sunday.", ("Camp Hope", "Tirana")),
    ("The last group of 80 exiles left Camp Hope in Iraq, the U.S. State Department said on Sunday.",
     ("Camp Hope", None)),
    ("The first 30 exiles have moved to Albania from a former U.S. military base near Baghdad.",
     ("Baghdad", "Albania")),
    ("The UN welcomed the relocation of a group of 30 members residing in Camp Hope near Baghdad to Albania.",
     ("Camp Hope", "Albania")),
])
def test_the_ends_of_a_move_are_not_a_holding_country_a_states_modifier_or_an_office(text, expected):
    [m] = moves_of(text, confidence=0.0)
    assert ends(m) == expected


def test_an_office_or_a_government_is_no_end():
    text = ("Exiles wait at Camp Hope. \"A total of 40 men and women have arrived in Albania and benefited from the "
            "government of Germany's offer,\" the UN envoy to Iraq said.")
    [m] = moves_of(text)
    assert ends(m) == ("Camp Hope", "Albania")


def test_a_country_level_headline_move_is_refined_by_the_body():
    text = ("UN: 14 exiles moved from Iraq to Albania\n\n"
            "The first 14 exiles have moved to Albania from a camp near Baghdad, the UN said Thursday.")
    [m] = moves_of(text, "2020-05-22")
    assert ends(m) == ("Baghdad", "Albania") and m.people.value == 14


def test_a_described_origin_is_the_site_the_text_placed_them_at():
    text = ("The exiles had lived at Camp Hope for years.\n\n"
            "On Sunday 250 of them moved from their camp in northern Iraq to Tirana.")
    [m] = moves_of(text)
    assert ends(m) == ("Camp Hope", "Tirana")


@pytest.mark.parametrize("text, planned", [
    ("Under a 2019 deal, the government was due to transfer the refugees from Camp Hope to Camp Northfield.", True),
    ("The resettlement is part of efforts by the UN to move the 3,000 residents of Camp Hope to Tirana.", True),
    ("Germany welcomed renewed efforts to relocate the residents of Camp Hope.", True),
    ("The UN said 14 exiles arrived in Tirana from Camp Hope late Wednesday, the first of 210 set to travel.", False),
])
def test_a_planned_move_is_no_relocation(text, planned):
    assert (moves_of(text, confidence=0.0) == []) is planned


def test_welcoming_efforts_makes_no_destination_of_the_welcomer():
    text = "The exiles live in Camp Hope. On Monday Germany welcomed renewed efforts to relocate them."
    assert all("Germany" not in ends(m) for m in moves_of(text, confidence=0.0))


def test_the_event_a_move_came_after_gives_it_no_end_nor_figure():
    text = ("Another 42 exiles from Camp Hope were relocated to Camp Northfield on Wednesday.\n\n"
            "The relocation came after gunmen attacked Camp Hope, killing dozens of the exiles.")
    assert [ends(m) for m in moves_of(text)] == [("Camp Hope", "Camp Northfield")]


def test_the_date_of_a_massacre_named_in_a_move_is_not_the_moves():
    text = ("Some 42 residents, including those wounded in the May 1 massacre, agreed to be transferred from Camp Hope "
            "to Camp Northfield.")
    [m] = moves_of(text, "2020-05-12")
    assert m.date != "2020-05-01"


def test_the_date_of_a_memorandum_is_not_the_events():
    from geo.dates import find_dates
    from geo.extract import _event_date
    text = "The departure of the group is in line with the memorandum of understanding of 25 December 2011."
    date, _ = _event_date(text, find_dates(text, "2013-06-22"), text.index("departure"))
    assert date is None


def test_a_month_at_the_end_of_a_sentence_is_a_date():
    from geo.dates import find_dates
    assert [d.value for d in find_dates("Seven were killed in a rocket attack in early February.", "2013-05-16")] \
        == ["2013-02"]
    assert [d.value for d in find_dates("It happened in Feb. 2012, they said.", "2013-05-16")] == ["2012-02"]


def test_a_sentence_that_only_counts_the_people_joins_the_move_before():
    text = ("Officials welcomed the relocation of a third group of exiles from Camp Hope to Tirana. "
            "The latest transferred group of 27 brings the total to 71.")
    [m] = moves_of(text)
    assert ends(m) == ("Camp Hope", "Tirana") and m.people.value == 27


GAZ.add(Place("test:port-amara", "Port Amara", "city", -11.0, 39.0, "MZ", 5.0, "test"), ["Port Amara"])
GAZ.add(Place("test:kilwe", "Kilwe", "city", -12.5, 39.2, "MZ", 5.0, "test"), ["Kilwe"])
GAZ.add(Place("test:lake-province", "Lake Province", "region", -12.0, 39.1, "MZ", 150.0, "test"), ["Lake Province"])


@pytest.mark.parametrize("text", [
    "A week after an attack on Port Amara town, there were scenes of joy at Kilwe port as 900 people arrived by boat.",
    "About 900 people displaced by last week's raid by rebels on the coastal town of Port Amara have disembarked in "
    "the city of Kilwe.",
    "About 900 survivors of the attack on Port Amara town were ferried to Kilwe by boat.",
])
def test_an_evacuation_by_boat_from_the_town_attacked_to_the_port_reached(text):
    [m] = [c for c in moves_of(text, "2021-04-01") if c.from_place and c.to_place]
    assert ends(m) == ("Port Amara", "Kilwe") and m.people.value == 900


def test_an_origin_inferred_inside_the_region_they_arrived_in_is_no_origin():
    text = ("Relatives waited at Kilwe port.\n\n"
            "Aid workers were at the port in the capital of Lake Province to feed the displaced people disembarking "
            "from the ferry.")
    assert [ends(m) for m in moves_of(text, "2021-04-01", 0.0) if m.from_place and m.to_place] == []


def test_a_years_move_with_another_count_does_not_join_a_days_move_across_documents():
    a = Document("a", "Last year about 3,000 exiles were moved from Camp Hope to Camp Northfield.",
                 published="2020-05-18")
    b = Document("b", "A convoy of about 600 residents left Camp Hope and arrived at Camp Northfield on Sunday.",
                 published="2019-09-16")
    docs = [a, b]
    cands = [c for d in docs for c in extract_document(d, mentions([d], GAZ), GAZ)]
    _, relocations, _ = build_incidents(docs, cands, GAZ, None, min_confidence=0.5)
    assert sorted((r.date, r.people_best) for r in relocations) == [("2019", 3000), ("2019-09-15", 600)]


def test_an_earlier_event_told_in_passing_at_country_level_makes_no_record():
    text = ("Gunmen killed 40 people in an attack on Tirana on Saturday, officials said.\n\n"
            "Last month, 30 people died in an attack in eastern Iraq.")
    incidents, _, _ = build(text, "2021-06-06")
    assert [(i.place_name, i.killed_best) for i in incidents] == [("Tirana", 40)]


def test_a_year_in_a_since_clause_of_a_superlative_is_no_event_date():
    from geo.dates import find_dates
    from geo.extract import _event_date
    text = ("Gunmen massacred at least 60 villagers in the deadliest attack since violence erupted in the "
            "country in 2015, officials said on Sunday.")
    date, weak = _event_date(text, find_dates(text, "2021-06-06"), text.index("massacred"))
    assert date is not None and date.value == "2021-06-06" and weak


@pytest.mark.parametrize("text", [
    "More than 60 killed in deadliest attack of the war.\n\nThe Red Cross sent medical supplies to hospitals in "
    "Millbrook, a town in the north.",
    "More than 60 killed in deadliest attack of the war.\n\nHealth authorities in Millbrook asked for help.",
])
def test_where_the_wounded_are_treated_is_not_the_scene(text):
    incidents, _, _ = build(text, "2021-06-06")
    assert all(i.place_name != "Millbrook" for i in incidents)


def test_the_second_country_of_the_borders_with_is_a_reference_point():
    from geo.attribution import not_the_scene
    text = "The president denounced an attack near the borders with Iraq and Albania on Friday."
    at = text.index("Albania")
    assert not_the_scene(text, at, at + len("Albania"), "country")


def test_a_count_before_a_comma_does_not_reach_a_people_noun_after_it():
    from geo.extract import figures
    assert "people" not in figures("On 1237 May, some residents were flown to Tirana.", 0, [], [])


@pytest.mark.parametrize("sentence, value", [
    ("Buses carrying 500 fighters and their families left Millbrook for Baqubah on Monday.", 500),
    ("The army sent 500 troops to Millbrook on Monday.", None),
])
def test_fighters_on_the_move_are_counted_troops_deployed_are_not(sentence, value):
    from geo.extract import figures
    got = figures(sentence, 0, [], []).get("people")
    assert (got.value if got else None) == value


def test_a_move_said_with_will_is_below_the_threshold():
    text = "The remaining 1,000 residents will be moved from Camp Hope to Camp Northfield by the end of the month."
    assert [m for m in run(text, "2014-06-05") if m.kind == "relocation" and m.confidence >= 0.5] == []


def test_a_total_of_moves_since_a_year_is_no_move():
    text = "Since 2016, more than 2,000 exiles have been resettled from Camp Hope in Albania."
    assert [m for m in run(text, "2019-06-05") if m.kind == "relocation" and m.confidence >= 0.5] == []


def test_an_arrival_the_day_after_the_departure_is_the_same_move():
    text = ("Some 400 members of the group were moved from Camp Hope on Friday, officials said. "
            "They arrived at Camp Northfield on Saturday.")
    [m] = moves_of(text, "2014-06-05")
    assert ends(m) == ("Camp Hope", "Camp Northfield") and (m.date, m.date_end) == ("2014-05-30", "2014-05-31")
    assert m.people.value == 400


def test_the_worst_attack_since_an_earlier_bombing_keeps_that_bombings_year():
    text = ("Gunmen killed 12 people in an attack on a wedding in Millbrook on Friday, officials said. "
            "It was the worst attack since a 2016 bombing in Baghdad killed 300 people.")
    got = sorted((c.place.name, c.date, c.killed.value) for c in run(text, "2020-06-06")
                 if c.kind == "incident" and c.confidence >= 0.5)
    assert got == [("Baghdad", "2016", 300), ("Millbrook", "2020-06-05", 12)]


@pytest.mark.parametrize("text, expected", [
    ("The last 280 exiles boarded flights to Albania on Friday, leaving Camp Hope empty.", ("Camp Hope", "Albania")),
    ("Exiles leave Camp Hope for Albania", ("Camp Hope", "Albania")),
])
def test_a_move_told_by_boarding_or_a_headlines_present_tense(text, expected):
    [m] = moves_of(text, "2016-09-09")
    assert ends(m) == expected


def test_a_running_total_already_moved_is_no_move():
    assert moves_of("Some 1,900 residents have already been relocated to Albania, the UN said.", "2016-09-09") == []


def test_an_undated_move_with_another_count_does_not_join_a_dated_move_across_documents():
    a = Document("a", "A convoy of about 400 residents of Camp Hope moved to Camp Northfield last week.",
                 published="2019-09-01")
    b = Document("b", "A convoy of about 600 residents left Camp Hope and arrived at Camp Northfield on Sunday.",
                 published="2019-09-16")
    docs = [a, b]
    cands = [c for d in docs for c in extract_document(d, mentions([d], GAZ), GAZ)]
    _, relocations, _ = build_incidents(docs, cands, GAZ, None, min_confidence=0.5)
    assert sorted((r.people_best, r.date) for r in relocations) == [(400, None), (600, "2019-09-15")]


def test_the_residents_of_a_camp_moved_come_from_it():
    text = "WASHINGTON (Reuters) - Germany welcomed the transfer of 400 residents of Camp Hope to Camp Northfield."
    [m] = moves_of(text, "2014-06-06")
    assert ends(m) == ("Camp Hope", "Camp Northfield") and m.people.value == 400


def test_where_a_statement_came_from_is_no_origin():
    text = ("Iraqi forces moved the remaining 100 residents to Camp Northfield, the group said in a statement "
            "from Berlin.")
    assert all(ends(m)[0] != "Berlin" for m in moves_of(text, "2014-06-06", 0.0))


@pytest.mark.parametrize("sentence, value", [
    ("Some 1,600 Rohingya were shipped from Millbrook to Baqubah on Friday.", 1600),
    ("Some 300 Yazidis were flown to Berlin on Friday.", 300),
    ("In all 300 Katyushas hit Millbrook.", None),
])
def test_a_people_named_by_its_own_name_on_the_move_is_counted(sentence, value):
    from geo.extract import figures
    got = figures(sentence, 0, [], []).get("people")
    assert (got.value if got else None) == value


def test_an_arrival_of_people_is_a_move():
    text = ("The ministry noted the safe arrival last week of a convoy of about 400 residents of Camp Hope to "
            "Camp Northfield.")
    [m] = moves_of(text, "2012-09-01")
    assert ends(m) == ("Camp Hope", "Camp Northfield") and m.people.value == 400 and m.date is None
    text = ("Germany welcomes the arrival at Camp Northfield of the remaining 42 exiles who had been residing at "
            "Camp Hope.")
    [m] = moves_of(text, "2012-09-01")
    assert ends(m) == ("Camp Hope", "Camp Northfield") and m.people.value == 42
    assert moves_of("Upon his arrival in Baghdad, the minister announced the toll was 30.", "2012-09-01") == []


def test_helped_evacuate_foreigners_is_a_move():
    [m] = moves_of("Germany helped evacuate 200 foreigners from Baghdad to Berlin on Thursday.", "2021-08-30")
    assert ends(m) == ("Baghdad", "Berlin") and m.people.value == 200
    assert moves_of("Germany will help evacuate 200 foreigners from Baghdad to Berlin.", "2021-08-30") == []


# --- session 6: heldout5 and heldout4 as development data (relocations) --------------------------------------------
@pytest.mark.parametrize("sentence, value", [
    ("Another group of thirty KDP Camp Hope residents in Iraq have relocated to Albania.", 30),
    ("Since May 3, 25 Partiya Karkeren e Kurdistan, or PKK, from Camp Hope arrived in Tirana.", 25),
    ("A further 200 arrived in Tirana on Monday.", 200),
    ("Some 300 Camp Hope rockets were fired at the town.", None),
])
def test_the_people_of_a_move_named_by_a_group_a_camp_or_nothing_are_counted(sentence, value):
    from geo.extract import figures
    got = figures(sentence, 0, [], []).get("people")
    assert (got.value if got else None) == value


def test_up_to_a_count_of_a_camps_residents_is_no_destination():
    text = ("On May 3, 25 members of the group from Camp Hope arrived in Tirana under a deal in which Albania agreed "
            "to accept up to 210 Camp Hope residents.")
    [m] = moves_of(text, "2013-05-06")
    assert ends(m) == ("Camp Hope", "Tirana") and m.people.value == 25 and m.date == "2013-05-03"


def test_a_weekday_followed_by_its_full_date_is_that_date():
    from geo.dates import find_dates
    got = [(d.text, d.value) for d in find_dates("Exiles in a street in Tirana, Friday, May 10, 2013.", "2013-06-03")]
    assert got == [("Friday, May 10, 2013", "2013-05-10")]


def test_the_date_of_a_memorandum_set_off_by_commas_is_not_the_moves():
    text = ("In 2012, per the terms of the March 3, 2011, Memorandum of Understanding, members of the group were "
            "moved from Camp Ashraf to Camp Hope.")
    [m] = moves_of(text, "2013-06-03")
    assert ends(m) == ("Camp Ashraf", "Camp Hope") and m.date == "2012"


def test_where_people_would_go_back_to_is_not_where_they_are():
    text = ("Thirty members of the group were resettled in Albania.\n\n"
            "Their spokesman asked for their relocation back to Camp Hope instead.\n\n"
            "Two months ago, 14 members of the group arrived in Albania.")
    assert all(ends(m)[0] != "Camp Hope" for m in moves_of(text, "2013-06-06", 0.0))


def test_earlier_moves_in_several_groups_are_a_total_not_the_reports_move():
    text = ("The sixth group of exiles was transferred to Camp Northfield, officials said.\n\n"
            "A governor said that 380 members were expelled from Camp Hope.\n\n"
            "During the previous transfers, 1,200 exiles were moved from Camp Hope to Camp Northfield in three "
            "groups of 400 each, on March 2, 10 and 20.")
    [m] = moves_of(text, "2012-05-05")
    assert ends(m) == ("Camp Hope", "Camp Northfield") and m.people.value == 380 and m.date == "2012-05-05"


def test_a_place_named_in_another_clause_long_after_the_verb_is_no_destination():
    text = ("More than 400 residents left Camp Hope for Camp Northfield on Friday.\n\n"
            "Just one hour after the convoy departed, the residents who were on the buses figured out that the "
            "trucks were missing and informed their friends in Camp Hope.")
    assert [ends(m) for m in moves_of(text, "2012-05-05")] == [("Camp Hope", "Camp Northfield")]


def test_a_move_dated_by_its_report_joins_the_move_told_with_its_day_across_documents():
    a = Document("a", "Another group of thirty exiles from Camp Hope have relocated to Albania.",
                 published="2013-06-03")
    b = Document("b", "On May 31, 30 exiles from Camp Hope arrived in Tirana, the ministry said.",
                 published="2013-06-03")
    docs = [a, b]
    cands = [c for d in docs for c in extract_document(d, mentions([d], GAZ), GAZ)]
    _, relocations, _ = build_incidents(docs, cands, GAZ, None, min_confidence=0.5)
    assert [(r.date, r.people_best, len({s.document for s in r.sources})) for r in relocations] \
        == [("2013-05-31", 30, 2)]


def test_a_years_moves_told_in_passing_without_a_count_do_not_join_a_days_move():
    a = Document("a", "In 2012, the exiles were moved from Camp Hope to Camp Northfield.", published="2013-06-03")
    b = Document("b", "On Friday more than 400 residents left Camp Hope for Camp Northfield.",
                 published="2012-05-05")
    docs = [a, b]
    cands = [c for d in docs for c in extract_document(d, mentions([d], GAZ), GAZ)]
    _, relocations, _ = build_incidents(docs, cands, GAZ, None, min_confidence=0.5)
    assert sorted((r.date, r.people_best) for r in relocations) == [("2012", None), ("2012-05-04", 400)]  # "more than 400": 400, the figure stated


def test_where_a_speaker_told_an_outlet_something_is_no_origin():
    from geo.attribution import not_the_scene
    text = "\"It is calm,\" an aid worker told AFP in Berlin from Tirana on Thursday."
    at = text.index("Berlin")
    assert not_the_scene(text, at, at + len("Berlin"), "city") is not None
    text = "Hundreds more were still arriving in Tirana, the UN said Thursday. " + text
    assert all(ends(m)[0] != "Berlin" for m in moves_of(text, "2021-04-01", 0.0))


@pytest.mark.parametrize("text, people", [
    ("The 30 exiles, who were moved from Camp Ashraf to Camp Hope last year, left for Albania on Friday.", 30),
    ("The exiles, who were moved from Camp Ashraf to Camp Hope last year, left for Albania on Friday.", None),
])
def test_a_move_told_in_a_relative_clause_is_not_the_sentences_move(text, people):
    got = sorted((ends(m), m.date, m.people.value if m.people else None) for m in moves_of(text, "2013-06-04", 0.3))
    assert got == [(("Camp Ashraf", "Camp Hope"), "2012", None), (("Camp Hope", "Albania"), "2013-05-31", people)]


def test_another_group_with_its_own_day_and_count_took_the_route_told_before():
    text = ("On May 31, 30 exiles from Camp Hope arrived in Tirana under a deal with the UN. "
            "The first group of 14 individuals arrived on May 16.")
    got = sorted((ends(m), m.date, m.people.value) for m in moves_of(text, "2013-06-04"))
    assert got == [(("Camp Hope", "Tirana"), "2013-05-16", 14), (("Camp Hope", "Tirana"), "2013-05-31", 30)]
    # a count without a day of its own is the move told before, not another group
    text = "On May 31, exiles from Camp Hope arrived in Tirana. The group of 30 was met by officials who moved them."
    assert [(ends(m), m.date) for m in moves_of(text, "2013-06-04")] == [(("Camp Hope", "Tirana"), "2013-05-31")]


def test_a_total_that_now_have_arrived_is_a_tally_not_a_move():
    assert moves_of("\"A total of 71 men and women now have safely arrived in Albania,\" the envoy said.",
                    "2013-06-22") == []
    [m] = moves_of("Exiles wait at Camp Hope. A total of 40 men and women have arrived in Albania.", "2013-06-22")
    assert m.people.value == 40


def test_the_city_a_destination_camp_lies_by_is_no_inferred_origin():
    text = ("Rockets hit a camp in Baghdad on Saturday. Officials in Baghdad said seven died.\n\n"
            "The exiles were moved to Camp Liberty outside Baghdad last year.")
    assert all(ends(m)[0] != "Baghdad" for m in moves_of(text, "2013-02-10", 0.0))


@pytest.mark.parametrize("text, expected", [
    ("Exiles landed in Tirana.\n\nThe 30 exiles from Camp Hope landed in Tirana late Friday, the UN said on Monday.",
     (("Camp Hope", "Tirana"), 30)),
    ("Iraq moved 400 more exiles out of Camp Ashraf on Friday. They reached Camp Hope on Saturday.",
     (("Camp Ashraf", "Camp Hope"), 400)),
    ("Nearly 100 Kurds were driven out of Baghdad in trucks on Sunday and arrived in Baqubah on Monday.",
     (("Baghdad", "Baqubah"), 100)),
    ("Exiles fled Baghdad.\n\nSoldiers escorted a convoy of 90 Kurds from the capital and reached the city of "
     "Baqubah on Monday.", (("Baghdad", "Baqubah"), 90)),
    ("Exiles fled Baghdad.\n\nA witness said the Kurds left the northern suburb of the capital on Sunday in trucks "
     "for Baqubah.", (("Baghdad", "Baqubah"), None)),
])
def test_moves_told_by_landing_reaching_out_of_or_leaving_a_part_of_a_city(text, expected):
    got = [(ends(m), m.people.value if m.people else None) for m in moves_of(text, "2014-06-03")
           if m.from_place and m.to_place]
    assert got == [expected]


@pytest.mark.parametrize("text", [
    "Three rockets landed in Camp Hope on Friday, wounding two residents.",
    "Militants reached Baqubah on Friday and killed 20 people.",
])
def test_rockets_landing_or_gunmen_reaching_a_town_are_no_move(text):
    assert moves_of(text, "2014-06-03") == []


@pytest.mark.parametrize("text", [
    "Aid workers reached Baghdad on Monday; others waited in Tehran.",
    "The delegation reached Baqubah on Friday after talks in Baghdad.",
])
def test_reaching_a_town_with_no_group_or_count_is_not_even_a_candidate(text):
    # not a move below the threshold either: a low candidate is reported as skipped and fails --strict
    assert moves_of(text, "2014-06-03", 0.0) == []


@pytest.mark.parametrize("text, value", [("Two dozen exiles", 24), ("about three dozen people", 36)])
def test_dozens_counted(text, value):
    from geo.quantities import find_quantities
    [q] = find_quantities(text)
    assert q.value == value


def test_the_evacuation_of_a_count_of_people_from_x_to_y_is_a_move():
    [m] = moves_of("The evacuation of 4,000 people from Baghdad to Baqubah began on Sunday, officials said.",
                   "2014-06-03")
    assert ends(m) == ("Baghdad", "Baqubah") and m.people.value == 4000 and m.date == "2014-06-01"
    assert moves_of("The UN called for the evacuation of 4,000 people from Baghdad to Baqubah.", "2014-06-03") == []


def test_a_second_batch_a_day_later_with_another_count_is_another_move():
    text = ("The first batch of 500 evacuees arrived in Baghdad from Millbrook on Friday, a day after the ceasefire "
            "deal. A second batch of 300 arrived on Saturday.")
    _, relocations, _ = build(text, "2014-06-05")
    assert sorted((r.date, r.people_best) for r in relocations) == [("2014-05-30", 500), ("2014-05-31", 300)]


def test_a_vague_count_of_people_on_the_move_is_counted():
    from geo.extract import figures
    got = figures("Buses carrying hundreds of fighters and their families left Millbrook for Baqubah.", 0, [], [])
    assert (got["people"].low, got["people"].high) == (200, 999)


def test_people_repatriated_are_moved():
    [m] = moves_of("Iraq repatriated 300 exiles from Camp Hope to Tirana on Monday.", "2014-06-05")
    assert ends(m) == ("Camp Hope", "Tirana") and m.people.value == 300


@pytest.mark.parametrize("text", [
    "Exiles left Camp Hope.\n\nThe arrival of 30 more in Tirana on Friday brings to 44 the number of exiles in Albania.",
    "Exiles left Camp Hope.\n\nAlbania has now taken in 44 exiles from Camp Hope, after 30 more arrived in Tirana on "
    "Friday.",
])
def test_the_move_that_added_to_a_running_total_is_counted_not_the_total(text):
    got = [(ends(m), m.people.value, m.date) for m in moves_of(text, "2014-06-05") if m.from_place and m.to_place]
    assert got == [(("Camp Hope", "Tirana"), 30, "2014-05-30")]


def test_the_origin_is_the_camp_a_move_before_took_them_to_not_the_older_camp_named_more():
    text = ("Camp Ashraf was home to 3,400 exiles for decades. Raids on Camp Ashraf killed dozens.\n\n"
            "In 2012 they were moved from there to Camp Hope.\n\n"
            "On Friday, 30 of them were flown to Albania.")
    got = sorted((ends(m), m.date) for m in moves_of(text, "2014-06-05"))
    assert got == [(("Camp Ashraf", "Camp Hope"), "2012"), (("Camp Hope", "Albania"), "2014-05-30")]


# --- session 6, second round: heldout6 as development data (relocations) ------------------------------------------

def test_a_move_abroad_told_at_a_hearing_does_not_date_the_move_to_a_camp():
    text = ("Another 300 residents of Camp Ashraf are moving to Camp Hope.\n\n"
            "At a hearing on 2 March, the envoy spoke of the safety of the residents of Camp Ashraf and "
            "said, about their transfer to third countries, that talks go on.")
    d = Document("d1", text, published="2014-03-11")
    _, relocations, _ = build_incidents([d], extract_document(d, mentions([d], GAZ), GAZ), GAZ, None,
                                        min_confidence=0.5)
    assert [(r.to_place_name, r.date, r.people_best) for r in relocations] == [("Camp Hope", "2014-03-11", 300)]


@pytest.mark.parametrize("where", ["had been living in Camp Hope", "were holed up in the former base Camp Hope"])
def test_a_move_from_a_country_begins_at_the_camp_the_text_says_they_lived_in(where):
    text = (f"On Monday, 120 exiles were flown from Iraq to Albania.\n\nThe exiles {where} near Baghdad for years.")
    [m] = moves_of(text, "2016-05-04")
    assert ends(m) == ("Camp Hope", "Albania") and m.confidence >= 0.7


def test_a_move_two_reports_tell_without_a_day_is_dated_by_the_earlier_report():
    a = Document("a", "120 exiles were flown from Camp Hope to Albania, officials said.", published="2016-05-09")
    b = Document("b", "120 exiles have been flown from Camp Hope to Albania.", published="2016-05-05")
    docs = [a, b]
    cands = [c for d in docs for c in extract_document(d, mentions([d], GAZ), GAZ)]
    _, relocations, _ = build_incidents(docs, cands, GAZ, None, min_confidence=0.5)
    assert [(r.date, r.people_best, len({s.document for s in r.sources})) for r in relocations] \
        == [("2016-05-05", 120, 2)]


def test_the_count_of_the_moves_before_the_latest_is_not_the_latest_moves_count():
    text = ("On Monday another group of exiles from Camp Hope moved to Albania.\n\n"
            "In all, 96 exiles had been moved to Albania before this latest transfer, officials said.")
    got = [(ends(m), m.people, m.date) for m in moves_of(text, "2014-06-05")]
    assert got == [(("Camp Hope", "Albania"), None, "2014-06-02")]


def _build_many(texts):
    docs = [Document(f"d{n}", text, published=published) for n, (text, published) in enumerate(texts)]
    candidates = [c for d in docs for c in extract_document(d, mentions([d], GAZ), GAZ)]
    return build_incidents(docs, candidates, GAZ, None, min_confidence=0.0)


def test_an_undated_account_joins_the_attack_its_report_follows():
    # regression: "two killed and dozens wounded" agreed with every attack on the camp ("dozens" holds 30 and 45),
    # so the undated account stayed a record of its own
    texts = [("Rockets hit Camp Liberty on Sunday, killing two residents and wounding 45.", "2013-02-04"),
             ("Mortars struck Camp Liberty on Friday, killing two residents and wounding 30.", "2013-06-14"),
             ("A group of 20 residents of Camp Liberty arrived in Tirana. The relocation comes just days after two "
              "people were reportedly killed and dozens injured in a mortar attack on the camp.", "2013-06-20")]
    incidents, _, _ = _build_many(texts)
    assert sorted((i.date, sorted({s.document for s in i.sources})) for i in incidents) == \
        [("2013-02-03", ["d0"]), ("2013-06-14", ["d1", "d2"])]
    # a report long after both attacks names neither of them
    incidents, _, _ = _build_many(texts[:2] + [(texts[2][0], "2014-01-20")])
    assert len(incidents) == 3


def test_an_attack_the_target_suffered_before_does_not_date_the_headline():
    # "… village hit in last year's massacre, 22 killed": last year dates the earlier massacre, not the raid the
    # headline tells; the headline and the lede are one event of this week
    text = ("Gunmen raid northern Millbrook village hit in last year's massacre, 22 killed\n\n"
            "At least 22 people were killed on Sunday in an attack on a village in Northshire, officials said.")
    incidents = build(text, "2021-05-04")[0]
    assert [(i.date, i.place_name, i.killed, len(i.sources)) for i in incidents] == [("2021-05-02", "Millbrook", 22, 2)]


def test_a_man_hit_in_the_days_attack_keeps_its_date():
    # no attack word before "hit in": Saturday's attack is the sentence's own event
    [c] = [c for c in run("A policeman hit in Saturday's attack in Millbrook died of his wounds.", "2021-05-04")
           if c.kind == "incident"]
    assert c.date == "2021-05-01"


def test_a_where_clause_without_a_comma_dates_its_own_move_not_the_attack():
    # regression: "struck Camp X where 3,000 residents were moved last year" dated the attack to last year
    [c] = [c for c in run("Mortars struck Camp Liberty where some 3,000 residents were moved last year, killing "
                          "five people.", "2013-02-10") if c.kind == "incident"]
    assert c.date != "2012"


def test_a_photo_captions_date_does_not_date_the_event():
    # regression: "A soldier inspects a rocket (21 March 2008)" above the story dated the attack to 2008
    text = ("Exiles hit by rocket fire\n\nA soldier inspects a rocket (21 March 2008)\n\n"
            "Rockets struck Camp Liberty on Thursday, killing 23 residents.")
    dated = [c.date for c in run(text, "2015-10-30") if c.kind == "incident"]
    assert dated and "2008-03-21" not in dated and "2015-10-29" in dated


def test_a_headlines_country_toll_larger_than_the_bodys_is_a_total_not_the_events():
    # "At Least 90 Killed in X as Rockets Hit …" over a body that counts 12 dead at Camp Y: the headline adds the
    # country's other dead of the day; the event's toll is the body's
    text = ("At Least 90 Killed in Iraq as Rockets Hit Exiles\n\n"
            "At least 16 rockets struck Camp Hope on Thursday. At least 12 residents were killed and many more were "
            "wounded.")
    incidents, _, _ = build(text, "2015-10-30")
    assert [(i.place_name, i.killed) for i in incidents] == [("Camp Hope", 12)]
    # the headline stays a source of the event, without its figure
    assert any("At Least 90" in s.quote for s in incidents[0].sources)
    # a headline with the event's own place keeps its toll ("90 killed at Camp Y" is the event's claim)
    text2 = text.replace("Killed in Iraq as Rockets Hit Exiles", "Killed at Camp Hope as Rockets Hit Exiles")
    incidents2, _, _ = build(text2, "2015-10-30")
    assert [i.killed for i in incidents2] == [90]


def test_the_massacre_of_n_people_counts_the_dead():
    text = "Rights groups condemned the massacre of 52 unarmed residents of Millbrook last Sunday, officials said."
    events = [c for c in run(text, "2013-09-06") if c.kind == "incident"]
    assert [(c.place.name, c.killed.value, c.date) for c in events] == [("Millbrook", 52, "2013-09-01")]
    text2 = "Officials reported the deaths of at least 12 villagers in Millbrook on Sunday."
    assert [c.killed.low for c in run(text2, "2013-09-06") if c.kind == "incident"] == [12]


def test_a_massacre_someone_is_preparing_to_commit_is_not_reported():
    text = "The group said the army is preparing to commit another massacre in Millbrook imminently."
    events = [c for c in run(text, "2013-09-06") if c.kind == "incident"]
    assert all(c.confidence < 0.5 for c in events), [(c.confidence, c.reasons) for c in events]
    # a plan told after the trigger, in another clause, does not make the massacre told before a plan
    text2 = ("After the massacre of 52 residents of Millbrook last Sunday, the army intends to go on with its plan, "
             "the group said.")
    assert [c.killed.value for c in run(text2, "2013-09-06") if c.kind == "incident" and c.confidence >= 0.5] == [52]


def test_to_date_is_one_events_toll_so_far_unless_it_sums_several():
    text = ("Soldiers stormed Millbrook early on Friday.\n\n"
            "To date 33 people have been killed, eight of them women, the group said.")
    events = [c for c in run(text, "2011-04-09") if c.kind == "incident" and c.confidence >= 0.5]
    assert [(c.date, c.killed.value) for c in events] == [("2011-04-08", 33)], [(c.date, c.quote) for c in events]
    text2 = ("Soldiers stormed Millbrook early on Friday.\n\n"
             "The attacks on Millbrook have to date left over 100 killed, the group said.")
    events2 = [c for c in run(text2, "2011-04-09") if c.kind == "incident" and c.confidence >= 0.5]
    assert all(c.killed is None for c in events2), [(c.killed, c.quote) for c in events2]


def test_a_headline_in_the_plural_does_not_weaken_the_sentence_that_goes_on_telling_its_event():
    # session 12: a plural headline ("Rockets … kill …", no figure: a general statement on its own) took the first
    # sentence's figures and quote, but kept the headline's low confidence, so the event had no record at all
    text = ("Rockets near Millbrook kill guards, villagers\n"
            "A farming cooperative based at Millbrook has been targeted in a rocket attack that killed at least "
            "23 of its members.")
    events = [c for c in run(text, "2015-10-30") if c.kind == "incident" and c.confidence >= 0.5]
    assert [(c.place.name, c.killed.low) for c in events] == [("Millbrook", 23)], \
        [(c.confidence, c.reasons) for c in run(text, "2015-10-30")]
    # a demand before the sentence with the figure stays a demand
    text2 = ("\"Those behind these attacks must be brought to justice,\" the minister said.\n"
             "The group said six people died after its farm in Millbrook was hit by mortars.")
    assert [c for c in run(text2, "2015-10-30") if c.kind == "incident" and c.confidence >= 0.5
            and c.hypothetical] == []


@pytest.mark.parametrize("text, killed", [
    # session 12: a toll told far from its verb, and in a headline's present tense
    ("The death toll of this morning's raid by soldiers against the unarmed farmers of the cooperative in "
     "Millbrook has climbed to 23 as of 10:00 local time.", 23),
    ("Millbrook Massacre Death Toll Reaches 23 and Climbing\n\nSoldiers raided Millbrook this morning.", 23),
])
def test_a_death_toll_that_reaches_a_count(text, killed):
    events = [c for c in run(text, "2013-09-01") if c.kind == "incident" and c.confidence >= 0.5]
    assert [c.killed.value for c in events if c.killed is not None][:1] == [killed], \
        [(c.killed, c.quote) for c in events]


@pytest.mark.parametrize("text", [
    # session 12: an attack ordered or made ready, not made
    "The commander has ordered the governor's security adviser to launch a fresh round of rocket attacks on "
    "Millbrook to cover up the crime committed in Millbrook on September 1, the group said.",
    "The commander had personally ordered the governor last Tuesday to carry out the fifth massacre of Millbrook "
    "residents.",
    "At a meeting on Monday, the adviser prepared the ground for the fourth rocket attack on Millbrook.",
    "Preparations for another attack on Millbrook are under way, the group said on Monday.",
])
def test_an_attack_ordered_or_prepared_is_not_reported(text):
    events = [c for c in run(text, "2013-09-23") if c.kind == "incident"]
    assert all(c.confidence < 0.5 for c in events), [(c.confidence, c.reasons) for c in events]


def test_the_commander_who_ordered_the_raid_reports_it():
    text = "The commander who ordered the raid on Millbrook on Monday, in which 12 people were killed, resigned."
    events = [c for c in run(text, "2013-09-23") if c.kind == "incident" and c.confidence >= 0.5]
    assert [c.killed.value for c in events] == [12]


@pytest.mark.parametrize("text", [
    # session 12: a cue of fear or wish in another clause than the killing does not make it hypothetical
    "Militants killed 12 villagers in Millbrook on Monday, and officials fear the toll could rise.",
    "The group said on Tuesday it feared for seven men seized in Millbrook, where 52 people were killed on "
    "September 1.",
])
def test_a_cue_in_another_clause_leaves_the_killing_reported(text):
    events = [c for c in run(text, "2013-09-10") if c.kind == "incident"]
    assert [c.hypothetical for c in events] == [False], [(c.confidence, c.reasons) for c in events]


def test_a_cue_in_the_killings_clause_still_makes_it_hypothetical():
    events = [c for c in run("Officials fear that militants could kill 12 villagers in Millbrook.", "2013-09-10")
              if c.kind == "incident"]
    assert all(c.hypothetical and c.confidence < 0.5 for c in events)


def test_a_statement_two_weeks_after_the_event_joins_it():
    # session 12: "said Tuesday … where 52 people died in recent violence" nine days after the dated attack
    text = ("A farmers' union said Tuesday that seven of its members were seized in Millbrook, where 52 people died "
            "in recent violence.\n\n"
            "The union said soldiers launched the September 1 attack on Millbrook.")
    incidents, _, _ = build(text, "2013-09-10")
    assert [(i.date, i.killed_best) for i in incidents] == [("2013-09-01", 52)]


def test_a_plural_headline_with_the_next_sentences_figures_merges_with_the_events_other_sentences():
    # session 12 (text only, no date): the headline lifted by its next sentence stayed a "general statement" that
    # merging passed over, so the document gave three records of one event
    text = ("Bombs strike football fans in Millbrook\n"
            "Two bombings ripped through crowds watching the final in Millbrook, killing 64 people.\n\n"
            "One visitor was killed and several were wounded.\n\n"
            "At the scenes of both blasts, blood and flesh littered the floor.\n\n"
            "The police chief originally said at least 30 people had been killed, though the toll could be higher.")
    events = [c for c in run(text) if c.kind == "incident" and c.confidence >= 0.5]
    assert len(events) == 1, [(c.quote[:40], c.reasons) for c in events]


def test_a_demand_about_an_attack_that_killed_is_about_a_told_attack():
    # session 13: "called on X to break their silence over an attack that left 11 dead" is no demanded attack
    [c] = [c for c in run("Exiles called on the government to break its silence over an attack on Millbrook that "
                          "left 11 people dead.", "2020-03-07") if c.kind == "incident"]
    assert not c.hypothetical and c.killed.value == 11
    [c] = [c for c in run("Exiles called on the government to prevent an attack on Millbrook that would leave many "
                          "dead.", "2020-03-07") if c.kind == "incident"]
    assert c.hypothetical


def test_a_warning_of_another_massacre_is_feared_and_takes_no_figures():
    # session 13: "warned about another massacre" was a reported massacre, and took the next sentence's dead
    text = ("Rockets hit Millbrook on Saturday morning, killing six residents.\n\n"
            "The residents on Thursday warned about another massacre by the militias and urged the UN to move them "
            "back to Camp Northfield.\nThe six people who were killed are named below.")
    incidents, _, _ = build(text, "2013-02-10")
    assert [(i.place_name, i.date, i.killed_best) for i in incidents] == [("Millbrook", "2013-02-09", 6)]
