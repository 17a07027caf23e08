"""geo.rescan.finditer gives the matches re's own finditer gives (made-up text; the incidents stage's patterns
and small ones written here)."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings, strategies as st

from geo import dates, extract, quantities, rescan

_PATTERNS = [
    extract._TRIGGER_RX, dates._PATTERN, quantities._PATTERN, extract._TIMING_RX,
    re.compile(r"(?<![\w-])(?:kill(?:ed|ing)?|die[sd]|shot)(?![\w-])", re.I),
    re.compile(r"(?<!\w)(?:a+b|ab?c|[xy]z{1,3}|(?-i:Q)q)", re.I),
    re.compile(r"\b(?:left(?=\s+(?-i:[A-Z]))|the\s+\d+)"),
    re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\s*(?:people|persons))?"),
]
_WORDS = ["killed", "KILLED", "Killing", "skilled", "died", "dies", "shot", "shotgun", "left", "Left Tirana",
          "left for", "the 12", "1,200 people", "12,30", "3 persons", "aab", "ac", "abc", "xzzz", "yz", "Qq", "qq",
          "May 4, 2015", "4 May", "last Friday", "two days ago", "that July", "in 2009", "dozens", "half of these",
          "about 40-odd", "between 3 and 5", "ſhot", "\u212aill", "İed", "“", "-", "—", ",", ".", "\n", " ", "_"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=25), st.sampled_from(["", " ", "-", "x", "\u00a0"]))
def test_same_matches_as_finditer(words, sep):
    text = sep.join(words)
    for rx in _PATTERNS:
        assert [m.span() for m in rescan.finditer(rx, text)] == [m.span() for m in rx.finditer(text)], rx.pattern
        assert [m.groupdict() for m in rescan.finditer(rx, text)] == [m.groupdict() for m in rx.finditer(text)]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="akilde sothKL\u212a\u017f\u0130-,.1234 \n", max_size=60))
def test_same_matches_on_any_text(text):
    for rx in _PATTERNS:
        assert [m.span() for m in rescan.finditer(rx, text)] == [m.span() for m in rx.finditer(text)], rx.pattern


def test_the_stages_patterns_are_scanned_the_fast_way():
    for rx in (extract._TRIGGER_RX, dates._PATTERN, quantities._PATTERN):
        assert rescan.starts_rx(rx) is not None


@pytest.mark.parametrize("pattern", [r"a*", r"(?:x|)y?", r"(?=a)|b", r".?", r"(?:a|\b)"])
def test_patterns_that_may_start_anywhere_are_scanned_plainly(pattern):
    rx = re.compile(pattern)
    assert rescan.starts_rx(rx) is None
    text = "aab xy a b"
    assert [m.span() for m in rescan.finditer(rx, text)] == [m.span() for m in rx.finditer(text)]


def test_a_back_reference_ends_the_prefix():
    rx = re.compile(r"(a)\1|(?i:B)b")
    assert rescan.starts_rx(rx) is None  # "(?i:…)" may start a match: no prefix is told there
    rx = re.compile(r"(a)\1|b[cd]")
    assert rescan.starts_rx(rx) is not None
    text = "aa ab bc bd aaa be"
    assert [m.span() for m in rescan.finditer(rx, text)] == [m.span() for m in rx.finditer(text)] == [
        (0, 2), (6, 8), (9, 11), (12, 14)]


@pytest.mark.parametrize("pattern, chars", [
    (r"\?!", {"?"}), (r"(?<= P∯M)∯(?=\s[A-Z])", {"∯"}), (r"x*y", {"x", "y"}), (r"\.\.\.(?=\s+[A-Z])", {"."}),
    (r"([a-z])(\.)", None), (r"(?i)a", None), (r"(\s\.){3}", None), (r"a?", None),
])
def test_first_characters(pattern, chars):
    rx = re.compile(pattern)
    assert rescan.first_characters(rx) == (None if chars is None else frozenset(chars))
    if chars is not None:  # a text with none of them has no match
        assert rx.search("A text. Without them: ok, B.") is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="xy?!.∯ab \n", max_size=30))
def test_no_first_character_no_match(text):
    for pattern in (r"x*y", r"\?!|!\?", r"(?<=a)∯(?=\s)", r"\.{3}|\?(?=!)"):
        rx = re.compile(pattern)
        chars = rescan.first_characters(rx)
        assert chars is not None
        if not any(c in text for c in chars):
            assert rx.search(text) is None


def test_prefix_patterns_are_remembered_by_identity():
    """finditer looks its prefix pattern up by the pattern's id (a compiled pattern's hash reads all its code);
    an id reused by another pattern, or a full table, gives the right pattern's matches."""
    rx = re.compile(r"(?<!\w)(?:kill(?:ed|ing)?|died)(?!\w)", re.I)
    text = "Two died; gunmen killed four and skilled men left. KILLING"
    assert [m.span() for m in rescan.finditer(rx, text)] == [m.span() for m in rx.finditer(text)]
    assert rescan._STARTS[id(rx)] == (rx, rescan.starts_rx(rx))
    other = re.compile(r"zzz")
    rescan._STARTS[id(rx)] = (other, rescan.starts_rx(other))  # as if rx's id had belonged to another pattern
    assert [m.span() for m in rescan.finditer(rx, text)] == [m.span() for m in rx.finditer(text)]
    assert rescan._STARTS[id(rx)][0] is rx
    for n in range(rescan.MAX_PATTERNS + 10):  # patterns made on the fly: the table stays bounded
        made = re.compile(rf"(?:word{n}|w{n}x)")
        assert [m.span() for m in rescan.finditer(made, f"a word{n} b")] == [(2, 6 + len(str(n)))]
    assert len(rescan._STARTS) <= rescan.MAX_PATTERNS
