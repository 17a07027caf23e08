"""Publication dates read from a document's own text (geo.datelines); all texts made up."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from geo.datelines import document_date, explicit_dates


@pytest.mark.parametrize("text, value, quote", [
    # agencies' datelines, with the year from a dated mention in the text
    ("KABUL, Oct 31 (IANS) Officials said a meeting on Oct 28, 2012 had been postponed.", "2012-10-31",
     "KABUL, Oct 31 (IANS)"),
    ("Kabul, Sept. 1 (Reuters) - Gunmen attacked a post, two days after the raid of Aug. 30, 2012.", "2012-09-01",
     "Kabul, Sept. 1 (Reuters) -"),
    ("Clashes near the capital\n\nCAIRO, May 3 (Reuters) - Police fired tear gas. Talks began on April 28, 2013.",
     "2013-05-03", "CAIRO, May 3 (Reuters) -"),
    ("NAIROBI, Kenya, June 5, 2012 (AFP) - Police said four people died.", "2012-06-05",
     "NAIROBI, Kenya, June 5, 2012 (AFP) -"),
    ("LONDON, 3 May 2013 (Reuters) - A court ruled.", "2013-05-03", "LONDON, 3 May 2013 (Reuters) -"),
    ("Geneva, 2013-05-03 /PRNewswire/ -- The group said.", "2013-05-03", "Geneva, 2013-05-03 /PRNewswire/ --"),
    ("TEHRAN, Dec 31 (AFP) - Officials met after the vote of Dec 28, 2015.", "2015-12-31", "TEHRAN, Dec 31 (AFP) -"),
    # AP style: place and agency without a date, the date right after or on a line nearby
    ("KABUL (AP) -- Oct. 31, 2012 -- A bomb exploded on Sunday.", "2012-10-31", "KABUL (AP) -- Oct. 31, 2012"),
    ("Oct. 31, 2012\nKABUL (AP) -- A bomb exploded on Sunday.", "2012-10-31", "Oct. 31, 2012"),
])
def test_agency_datelines(text, value, quote):
    found = document_date(text)
    assert (found.value, found.source, found.precision) == (value, "dateline", "day")
    assert text[found.start:found.end] == quote
    assert "dateline" in found.note or "date" in found.note


def test_year_is_the_one_closest_to_the_latest_dated_mention():
    # across a new year: talks on 30 December, dateline 2 January → the next year
    found = document_date("Kabul, Jan 2 (Reuters) - The talks of Dec 30, 2012 failed.")
    assert found.value == "2013-01-02" and "Dec 30, 2012" in found.note


def test_dateline_without_year_and_nothing_dated_stays_unknown():
    found = document_date("Kabul, Sept. 1 (Reuters) - Gunmen attacked a checkpoint on Friday.")
    assert found.value is None and found.source == "none" and found.precision is None
    assert "no year" in found.note


def test_dateline_without_date_is_noted_and_the_text_date_used():
    found = document_date("BAGHDAD — Rockets hit the camp on Dec. 26, 2013, residents said.")
    assert (found.value, found.source) == ("2013-12-26", "text")
    assert "'BAGHDAD —' without a date" in found.note


@pytest.mark.parametrize("text, value", [
    ("June 5, 2012 Security forces stormed the camp, residents said.", "2012-06-05"),
    ("Monday, 3 June 2013\n\nResidents said the camp was shelled.", "2013-06-03"),
    ("Camp residents protest\nBy Jane Doe | 3 May 2013 | 10:42 GMT\n\nResidents said.", "2013-05-03"),
    ("2014-03-09\nStatement of the council.", "2014-03-09"),
    ("Camp victims killed by own guards\n14-Apr-2011\nDeaths resulting from the raid were caused.", "2011-04-14"),
])
def test_date_lines_at_the_top(text, value):
    found = document_date(text)
    assert (found.value, found.source) == (value, "dateline")


@pytest.mark.parametrize("text, value, note", [
    ("Camp residents protest\nPublished: 3 May 2013 10:42 GMT | Updated: 4 May 2013\n\nText.", "2013-05-03",
     "published"),
    ("Headline\nPosted on Tuesday, May 7, 2013 by admin\n\nThe group said.", "2013-05-07", "posted"),
    ("Headline\nLast updated 12:30 GMT, Tuesday 4 June 2013\n\nResidents recalled May 1, 2013.", "2013-06-04",
     "last updated"),
])
def test_published_and_updated_lines(text, value, note):
    found = document_date(text)
    assert (found.value, found.source) == (value, "dateline") and note in found.note


def test_published_line_beats_a_dateline_which_beats_an_updated_line():
    text = ("Headline\nUpdated: 9 May 2013\nPublished: 3 May 2013\n\n"
            "CAIRO, May 4 (Reuters) - Police said.")
    assert document_date(text).value == "2013-05-03"
    assert document_date(text.replace("Published: 3 May 2013\n", "")).value == "2013-05-04"
    assert document_date("Headline\nUpdated: 9 May 2013\n\nPolice said on May 2, 2013.").value == "2013-05-09"


@pytest.mark.parametrize("text", [
    # "May" as a name, a lower-case month word, a weekday sentence opening
    "May Thompson, 34, said the camp was raided.",
    "Prices may 3 times rise, officials said.",
    "On Friday, May 3 - the day of the vote - residents marched.",
    # a sentence about history that begins with a preposition is no dateline
    "In June 5, 2012 style, the forces stormed the camp.",
    "The report, published on June 5, 2012, described the raid.",
])
def test_no_false_datelines(text):
    found = document_date(text)
    assert found is None or found.source != "dateline"


def test_a_date_in_a_sentence_about_history_is_only_a_lower_bound():
    text = "Residents recalled that on June 5, 2012 security forces stormed the camp. In March 2013 they left."
    found = document_date(text)
    assert (found.value, found.source, found.precision) == ("2012-06-05", "text", "day")
    assert "on or after" in found.note


def test_latest_full_date_wins_over_month_dates_and_text_order():
    text = "The raid of 8 April 2011 was followed by another on 1 September 2013. In 2009 and in May 2014 …"
    assert document_date(text).value == "2013-09-01"
    assert document_date("Only months: April 2011 and May 2014.").value == "2014-05"


def test_no_date_at_all():
    assert document_date("Residents said the camp was shelled on Friday.") is None
    assert document_date("") is None


def test_abbreviated_month_glued_to_the_day():
    assert [(d.month, d.day, d.year) for d in explicit_dates("Oct.4, 2015 and Sept.30 2015")] == [
        (10, 4, 2015), (9, 30, 2015)]
    assert explicit_dates("June2012 and MAY1") == []


def test_impossible_dates_are_not_dates():
    assert explicit_dates("on February 30, 2013 and 2013-02-31") == []
    assert [d.day for d in explicit_dates("on February 29, 2012")] == [29]


def test_dateline_is_looked_for_only_at_the_top():
    filler = "\n\n".join(f"Paragraph {i} says nothing dated." for i in range(20))
    found = document_date(filler + "\n\nCAIRO, May 3, 2013 (Reuters) - Police said.")
    assert found.source == "text"  # the late "dateline" is only a date in the text


PIECES = ["May 3, 2013", "3 May 2013", "2013-05-04", "the 26th of December, 2013", "14-Apr-2011", "Sept. 1 2012",
          "June 2012", "in 1999", "20130", "May 2014x", "Oct 31", " ", ", ", "the raid ", "\n", "x" * 45, "2013"]


@given(st.lists(st.sampled_from(PIECES), max_size=12))
@settings(max_examples=200, deadline=None)
def test_windowed_search_finds_what_a_full_scan_finds(parts):
    # explicit_dates runs the date pattern only around years (fast on long texts); it must
    # find exactly what one scan of the whole text finds
    from geo.datelines import _DATE_RE, _parse

    text = "".join(parts)
    full = [f for f in (_parse(m) for m in _DATE_RE.finditer(text)) if f is not None and f.year is not None]
    assert explicit_dates(text) == full


def test_a_dateline_with_a_double_slash_is_where_the_report_was_filed():
    # a newspaper's style: "CITY // After two days …" (not a URL's "//")
    from geo.attribution import dateline_span
    for text in ("KABUL // After two days of denials, officials said six died.",
                 "Six killed at camp\n\nKABUL // After two days of denials, officials said six died."):
        s, e = dateline_span(text)
        assert text[s:e].strip() == "KABUL //", text
    assert dateline_span("See http://example.com // for more.") == (0, 0)
