"""Counts in digits and words, vague amounts and ranges (geo.quantities)."""
import pytest

from geo.quantities import find_quantities, number_value, resolve_fraction


def one(text):
    qs = find_quantities(text)
    assert len(qs) == 1, qs
    q = qs[0]
    assert text[q.start:q.end] == q.text
    return q


@pytest.mark.parametrize("text, value", [
    ("fifty-two", 52), ("Twenty one", 21), ("three hundred and six", 306), ("1,250", 1250), ("a dozen", 12),
    ("a hundred", 100), ("two thousand", 2000), ("nine", 9),
])
def test_number_value(text, value):
    assert number_value(text) == value


def test_number_value_rejects_words():
    assert number_value("many") is None


@pytest.mark.parametrize("sentence, value, low, high", [
    ("Gunmen shot seventeen guards.", 17, 17, 17),
    ("Some 2,300 families were moved.", 2300, 2300, 2300),
    ("More than sixty died.", None, 61, None),
    ("At least 8 were hurt.", None, 8, None),
    ("Fewer than 10 remained.", None, None, 9),
    ("The 30-odd guards fled.", None, 30, 39),
    ("Dozens were wounded.", None, 24, 99),
    ("Hundreds were hurt.", None, 200, 999),
    ("between 12 and 15 villagers", None, 12, 15),
    ("five or six thousand refugees", None, 5000, 6000),
    ("Nearly half of 300 residents", 150, 150, 150),
    ("They moved 7-9 families", None, 7, 9),
])
def test_find_quantities(sentence, value, low, high):
    q = one(sentence)
    assert (q.value, q.low, q.high) == (value, low, high)


def test_years_and_ordinals_are_not_counts():
    assert find_quantities("In 1997 the 3rd convoy left") == []
    assert find_quantities("in the 1990s") == []


def test_half_of_these_takes_its_base_from_an_earlier_count():
    base = one("Around 240 guards stayed")
    q = one("about half of those guards")
    assert q.antecedent and q.value is None
    assert resolve_fraction(q, base).value == 120
    assert resolve_fraction(q, None).value is None


def test_offsets_shift():
    q = find_quantities("killing eight", offset=100)[0]
    assert (q.start, q.end, q.value) == (108, 113, 8)
