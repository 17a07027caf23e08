"""Date phrases resolved against the document's published date (geo.dates)."""
import pytest

from geo.dates import compatible, find_dates


def only(text, published=None, **kw):
    ds = find_dates(text, published, **kw)
    assert len(ds) == 1, ds
    d = ds[0]
    assert text[d.start:d.end] == d.text
    return d


@pytest.mark.parametrize("text, published, value, precision", [
    ("on 14 March 2016 the convoy", None, "2016-03-14", "day"),
    ("on Oct. 3, 2015, shells fell", "2019", "2015-10-03", "day"),
    ("in June 2017 they left", None, "2017-06", "month"),
    ("back in 1999 it began", None, "1999", "year"),
    ("on the 5th of May, 2012", None, "2012-05-05", "day"),
    # year from the published date
    ("on March 3 rockets hit", "2016", "2016-03-03", "day"),
    ("on March 3 rockets hit", "2016-05", "2016-03-03", "day"),
    # a day after the publication month is last year's
    ("on November 30 rockets hit", "2016-05", "2015-11-30", "day"),
    ("on May 9 rockets hit", "2016-05-02", "2015-05-09", "day"),
    ("on May 1 rockets hit", "2016-05-02", "2016-05-01", "day"),
    ("on October 2 of last year", "2016", "2015-10-02", "day"),
    ("earlier this year", "2016-02", "2016", "year"),
    ("last year", "2020", "2019", "year"),
])
def test_resolved(text, published, value, precision):
    d = only(text, published)
    assert (d.value, d.precision) == (value, precision)


def test_no_document_date_no_year_invented():
    d = only("on March 3 rockets hit")
    assert d.value is None and d.precision == "day"
    assert "no published date" in d.how
    assert only("last year").value is None


def test_that_month_uses_the_year_spoken_of():
    assert only("that August the camp was hit", "2019", context_year=2014).value == "2014-08"


def test_impossible_date_has_no_value():
    d = only("on 31 April 2015")
    assert d.value is None and d.how == "not a calendar date"


def test_may_the_verb_is_not_a_month():
    assert find_dates("they may leave", "2015") == []
    assert only("in May the guards left", "2015-08").value == "2015-05"


def test_decades_are_not_years():
    assert find_dates("since the 1990s", None) == []


def test_compatible():
    assert compatible("2013", "2013-09-01") and compatible("2013-09-01", "2013-09")
    assert not compatible("2013-09", "2013-12-26") and not compatible(None, "2013")


def test_weekdays_and_yesterday_count_back_from_a_published_day():
    assert only("on Sunday", "2015-06-04").value == "2015-05-31"
    assert only("on Thursday", "2015-06-04").value == "2015-06-04"
    assert only("yesterday", "2015-03-01").value == "2015-02-28"
    # "gunmen attacked the town last night": the night before the report's day (it was left undated)
    assert only("gunmen attacked the town last night", "2015-03-01").value == "2015-02-28"
    assert only("late last\nevening", "2015-03-01").value == "2015-02-28"
    assert only("on Sunday", "2015-06").value is None


from hypothesis import given, settings, strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=__import__("datetime").date(1900, 1, 1), max_value=__import__("datetime").date(2099, 12, 31)))
def test_any_written_date_reads_back(day):
    text = f"On {day.day} {day.strftime('%B')} {day.year} it happened."
    d = only(text)
    assert d.value == day.isoformat() and d.precision == "day"
    text = f"On {day.strftime('%B')} {day.day} it happened."
    d = only(text, published=day.isoformat())
    assert d.value == day.isoformat()


def test_a_weekday_that_names_the_published_years_date_corrects_a_year_off_by_one():
    # a caption's typo: "Friday July 22, 2010" in a report of 23 July 2011 (22 July 2011 was a Friday, 2010's a
    # Thursday)
    from geo.dates import find_dates
    [d] = find_dates("The wreckage lies in the centre of the city, Friday July 22, 2010, after a blast.", "2011-07-23")
    assert d.value == "2011-07-22" and "weekday" in d.how
    # a weekday that fits the written date, or no published day: as written
    [d] = find_dates("On Thursday July 22, 2010, a blast hit the city.", "2011-07-23")
    assert d.value == "2010-07-22"
    [d] = find_dates("The wreckage lies in the city, Friday July 22, 2010, after a blast.")
    assert d.value == "2010-07-22"
    # a year further off is not a typo of this kind
    [d] = find_dates("Friday July 22, 2005, a blast hit the city.", "2011-07-23")
    assert d.value == "2005-07-22"


@pytest.mark.parametrize("text, value, precision", [
    ("Bombers killed 33 people eight years ago.", "2003", "year"),
    ("Bombers killed 33 people 8 years ago.", "2003", "year"),
    ("The camp was closed a decade ago.", "2001", "year"),
    ("The offensive began two months ago.", "2011-02", "month"),
    ("The offensive began twelve months ago.", "2010-04", "month"),
    ("The group moved there several years ago.", None, "week"),  # a vague count: no year
    ("They fled two weeks ago.", None, "week"),
])
def test_years_or_months_ago_count_back_from_the_published_date(text, value, precision):
    d = only(text, "2011-04-29")
    assert (d.value, d.precision) == (value, precision)
    assert only(text).value is None  # no published date, no year


@pytest.mark.parametrize("text", ["Shots were fired after 8 pm (1900 GMT) on a busy street.",
                                  "The blast came at 2300 hours local time.", "Sirens sounded at 1830 UTC."])
def test_a_clock_time_is_no_year(text):
    assert find_dates(text, "2020-11-03") == []


def test_a_year_is_still_a_year():
    assert [d.value for d in find_dates("The camp was built in 1986 by the group.", "2020-11-03")] == ["1986"]


@pytest.mark.parametrize("text, value, said", [
    # session 12: a month that qualifies an attack noun dates it ("A February rocket attack on X killed seven")
    ("A February mortar and rocket attack on the camp killed seven people.", "2013-02", "February"),
    ("the March attack on the camp", "2013-03", "March"),
    ("The December massacre of 12 villagers", "2012-12", "December"),
    ("a May raid on the village", "2013-05", "May"),
])
def test_a_month_qualifying_an_attack_noun(text, value, said):
    got = find_dates(text, "2013-05-17")
    assert [(d.value, d.precision, d.text) for d in got] == [(value, "month", said)]


@pytest.mark.parametrize("text", ["the march on the capital", "They may attack the camp.",
                                  "the May Day rally", "a March of thousands"])
def test_no_month_in_a_march_or_the_verb_may(text):
    assert find_dates(text, "2013-05-17") == []


@pytest.mark.parametrize("text", ["At the end of July the forces attacked", "by the beginning of July they left",
                                  "the middle of July"])
def test_the_end_or_beginning_of_a_month_is_that_month(text):
    # session 13: "At the end of July" was no date at all (a bare month name is none), so the report's day dated it
    d = only(text, "2009-09-12")
    assert (d.value, d.precision) == ("2009-07", "month")
