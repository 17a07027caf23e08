"""Throughput changes of the incidents stage give the same answers, and a large document builds.

- the trigger prefilter and the mention index (``prefilter=True``) give the
  same candidates as reading every paragraph and scanning every mention;
- the faster pysbd span finder gives the spans pysbd's own code gives;
- a generated multi-MB document goes through ``geo build`` and its events come out.
"""
from __future__ import annotations

import json
import random
import re

import pysbd
import pytest
from hypothesis import given, settings, strategies as st

from geo import extract
from geo.extract import _segmenter, extract_document
from incident_helpers import doc, gazetteer, mentions

from conftest import run_geo

GAZ = gazetteer()

# Sentences written for these tests: events, context that events read, and filler with no trigger word.
EVENT = ("Rockets struck Camp Liberty on 4 May 2015, killing 6 residents and wounding twenty.",
         "Guards stormed the camp in June of that year; three people died.",
         "In March 2016 some 120 residents were moved from Camp Liberty to Tirana.",
         "Later that year Germany accepted 40 exiles and Britain took ten.")
CONTEXT = ("Aid workers reached Baghdad in 2014.", "The camp held about 3,000 people.",
           "Half of these were women.", "That July the talks resumed in Tehran.")
FILLER = ("The committee discussed the budget for the coming season.",
          "Dr. Smith and Mrs. Jones spoke about schools, roads and parks.",
          "Prices rose by 3.5 percent in the third quarter, the office said.",
          "Volunteers painted the library on a sunny afternoon.")


def _text(rng: random.Random, paragraphs: int) -> str:
    paras = []
    for _ in range(paragraphs):
        pool = rng.choice((EVENT + CONTEXT, CONTEXT + FILLER, FILLER, FILLER + EVENT))
        paras.append(" ".join(rng.choice(pool) for _ in range(rng.randint(1, 5))))
    return "\n".join(paras) + "\n"


def _key(c):
    return (c.kind, c.type, c.start, c.end, c.quote, c.date, c.date_precision, c.date_end,
            *(None if q is None else (q.value, q.low, q.high) for q in (c.killed, c.injured, c.people)),
            *(None if p is None else p.place_id for p in (c.place, c.from_place, c.to_place)),
            c.confidence, tuple(c.reasons))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([None, "2016-02", "2015-07-04"]))
def test_prefilter_and_index_change_nothing(seed, published):
    d = doc(_text(random.Random(seed), 12), published)
    ms = mentions([d], GAZ)
    fast = [_key(c) for c in extract_document(d, ms, GAZ, prefilter=True)]
    plain = [_key(c) for c in extract_document(d, ms, GAZ, prefilter=False)]
    assert fast == plain


def test_prefilter_environment_switch(monkeypatch):
    d = doc("Rockets struck Camp Liberty on 4 May 2015, killing 6 residents.\nVolunteers painted the library.\n")
    ms = mentions([d], GAZ)
    monkeypatch.setenv(extract.PREFILTER_ENV, "0")
    plain = [_key(c) for c in extract_document(d, ms, GAZ)]
    monkeypatch.delenv(extract.PREFILTER_ENV)
    assert plain == [_key(c) for c in extract_document(d, ms, GAZ)] and len(plain) == 1


def test_trigger_pattern_is_the_union_of_the_extractor_patterns():
    words = ["attacked", "raids", "killed", "relocated", "left", "Left", "shot", "bombers", "sent", "peace", "talks",
             "shelling", "stormed", "deaths", "flew", "budget", "left behind", "massacring", "ied", "lied"]
    for w in words:
        s = f"They {w} Springfield."
        separate = bool(extract._RELOC_RX.search(s) or extract._KILL_RX.search(s)
                        or any(rx.search(s) for _, rx in extract._ATTACK_RX))
        assert bool(extract._trigger_starts(s)) == separate, w


def _plain_spans(text):
    return [(s.sent, s.start, s.end) for s in pysbd.Segmenter(language="en", clean=False, char_span=True).segment(text)]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(EVENT + CONTEXT + FILLER + ("  ", " Mr. ", "U.S. ", "e.g. ", "(1) ", "...", "?! ",
                                                              "\t", "a.m. ", "No. 5 ", "\u00a0")), max_size=12))
def test_fast_spans_equal_pysbd(parts):
    text = "".join(parts)
    assert [(s.sent, s.start, s.end) for s in _segmenter().segment(text)] == _plain_spans(text)


def test_fast_spans_repeated_sentences():
    text = "It rained. It rained. It rained.  Then Gen. Omar left. It rained."
    assert [(s.sent, s.start, s.end) for s in _segmenter().segment(text)] == _plain_spans(text)


# Words and marks a plain sentence can be made of (made up): pysbd's abbreviations, list letters and numbers,
# the marks its rules look for after a full stop, and letters outside ASCII.
_PLAIN_WORDS = ("Gen", "Mr", "No", "St", "U", "S", "i", "iv", "b", "p", "pp", "e", "g", "am", "pm", "Co", "KG", "jpg",
                "Yahoo", "Yum", "He", "The", "However", "I", "12", "3", "1,200", "3:30", "5%", "$40", "--", "-", "\u2014",
                ",", ";", ":", "&", "/", "*", "rebels", "shelled", "Springfield", "\u00e9lan", "Z\u00fcrich", "x-y",
                "i-v", "2nd", "stra\u00dfe", "--Gen", "No-3", "Iran's", "camp\u2019s", "rock'n'roll", "'em", "--it's--")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PLAIN_WORDS), min_size=1, max_size=10), st.sampled_from(["", "."]),
       st.sampled_from(["", " ", "\u00a0", "\t ", "  "]))
def test_one_plain_sentence_is_pysbds_answer(words, end, blank):
    """A text of words and single spaces, at most a full stop at its end, then blanks, skips pysbd: same span."""
    text = " ".join(words) + end + blank
    assert extract._ONE_SENTENCE_RX.fullmatch(text) or text.startswith("'")
    assert [(s.sent, s.start, s.end) for s in _segmenter().segment(text)] == _plain_spans(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="aAbiIvxGenMrUS1209 .,:;-&'\"()[]!?\\\u00a0\t\n\u222f\u0238\u2026\u2018\u2019\u201c\u00b0",
               max_size=40) | st.lists(st.sampled_from(_PLAIN_WORDS + ("'", "-'", "X", "Then", "-", "' ", "--", ".", " ")),
                                       max_size=10).map(" ".join))
def test_segmenter_is_pysbd_on_any_text(text):
    """Whatever the text, with or without the plain-sentence path, the spans are pysbd's."""
    assert [(s.sent, s.start, s.end) for s in _segmenter().segment(text)] == _plain_spans(text)


def test_plain_sentences_skip_pysbd_and_others_do_not(monkeypatch):
    import pysbd.processor

    def refuse(self):
        raise AssertionError("pysbd was asked")

    _segmenter()
    monkeypatch.setattr(pysbd.processor.Processor, "process", refuse)
    plain = "Gunmen killed 12 people in Springfield, the capital, on Monday."
    assert [(s.sent, s.start, s.end) for s in _segmenter().segment(plain)] == [(plain, 0, len(plain))]
    for other in ("He met Gen. Smith there.", "It rained.  Then it stopped.", "Why?", "A \u2018quote\u2019 here.",
                  "Two words .", "The Mr\u222f problem.", "'Free' money is gone.", "a so-' Then b.", "It ended.\n"):
        with pytest.raises(AssertionError, match="pysbd was asked"):
            _segmenter().segment(other)


def test_pysbd_symbols_are_all_known():
    """Every character outside ASCII that pysbd's English rules use is one the plain-sentence path refuses."""
    import inspect

    import pysbd.abbreviation_replacer
    import pysbd.between_punctuation
    import pysbd.exclamation_words
    import pysbd.lang.common.common
    import pysbd.lang.common.standard
    import pysbd.lang.english
    import pysbd.lists_item_replacer
    import pysbd.processor
    import pysbd.punctuation_replacer
    import pysbd.utils

    modules = (pysbd.processor, pysbd.segmenter, pysbd.utils, pysbd.abbreviation_replacer, pysbd.between_punctuation,
               pysbd.exclamation_words, pysbd.punctuation_replacer, pysbd.lists_item_replacer,
               pysbd.lang.common.common, pysbd.lang.common.standard, pysbd.lang.english)
    sources = "".join(inspect.getsource(m) for m in modules)
    used = {ch for ch in sources if ord(ch) > 127}
    assert "\u222f" in used and used - {"\u2019"} <= set(extract.PYSBD_ACTIVE)
    # "’" only closes a quotation that "‘" opened
    slanted = pysbd.between_punctuation.BetweenPunctuation.BETWEEN_SINGLE_QUOTE_SLANTED_REGEX
    assert sources.count("\u2019") == slanted.count("\u2019") and slanted.startswith("(?<=\\s)\u2018")


def test_plain_sentences_of_the_seeds_are_pysbds():
    """The plain-sentence path on the pieces of real paragraphs (seeds, tests/news) gives pysbd's spans."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    seen = 0
    for path in sorted([*(root / "seeds").glob("*.txt"), *(root / "tests" / "news" / "docs").glob("*.txt")]):
        for para in path.read_text(encoding="utf-8").split("\n"):
            at = 0
            for cut_end, next_start in [*extract._safe_cuts(para), (len(para), len(para))]:
                piece, at = para[at:cut_end], next_start
                if extract._ONE_SENTENCE_RX.fullmatch(piece):
                    seen += 1
                    assert [(s.sent, s.start, s.end) for s in _segmenter().segment(piece)] == _plain_spans(piece)
    assert seen > 50


def test_large_generated_document_builds(tmp_path):
    """~20 MB in one document, mostly text without trigger words, builds through the CLI.

    No timing is asserted (about 10 s on 2 cores). The data folder is empty: the
    bundled gazetteer only.
    """
    rng = random.Random(7)
    folder = tmp_path / "docs"
    folder.mkdir()
    block = _text(rng, 40)
    filler = "\n".join(" ".join(rng.choice(FILLER) for _ in range(6)) for _ in range(400)) + "\n"
    target, parts, size = 20_000_000, [], 0
    while size < target:
        parts.append(filler if rng.random() < 0.9 else block)
        size += len(parts[-1])
    parts.append("Mortars hit Mosul on 9 September 2017, killing 5 residents.\n")
    (folder / "archive.txt").write_text("".join(parts), encoding="utf-8")
    out, data = tmp_path / "out", tmp_path / "data"
    data.mkdir()
    proc = run_geo("build", "--documents", folder, "--data", data, "--out", out, "-q", check=False)
    assert proc.returncode == 0, proc.stderr
    features = json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))["features"]
    last = [f["properties"] for f in features if f["properties"]["date"] == "2017-09-09"]
    assert len(last) == 1 and last[0]["killed"] == 5 and last[0]["place_name"] == "Mosul"


def test_overlong_line_is_read_in_pieces_with_true_offsets():
    """A text without line breaks is cut below MAX_PARAGRAPH after sentence ends; offsets stay the document's."""
    rng = random.Random(3)
    sentences = [rng.choice(FILLER + CONTEXT) for _ in range(3000)]
    sentences[1500] = "Mortars hit Camp Liberty on 2 March 2016, killing 7 residents."
    text = " ".join(sentences)
    assert len(text) > 10 * extract.MAX_PARAGRAPH
    pieces = list(extract._pieces(text))
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= extract.MAX_PARAGRAPH and text[o:o + len(p)] == p for o, p in pieces)
    assert all(p.rstrip().endswith((".", "?", "!")) for _, p in pieces[:-1])  # cut after sentence ends
    d = doc(text, "2016-04")
    [c] = [c for c in extract_document(d, mentions([d], GAZ), GAZ) if c.kind == "incident" and c.confidence >= 0.5]
    assert text[c.start:c.end] == c.quote and c.quote.startswith("Mortars") and c.killed.value == 7
    assert c.date == "2016-03-02" and c.place.name == "Camp Liberty"


def test_unbreakable_line_is_cut_anyway():
    text = "x" * 25_000 + " " + "y" * 25_000
    pieces = list(extract._pieces(text))
    assert "".join(p for _, p in pieces) == text and all(len(p) <= extract.MAX_PARAGRAPH for _, p in pieces)


class _SliceOnly(list):
    """A list that may be sliced but not walked whole: a per-sentence walk of every unplaced name in the
    document made the stage quadratic in the document's length."""

    def __iter__(self):
        raise AssertionError("walked every unplaced mention of the document")


def test_unplaced_scene_reads_only_the_sentences_names():
    from geo.extract import MentionIndex, Span, _unplaced_scene
    from geo.models import Mention

    filler = "The council met. " * 200
    text = filler + "Gunmen launched an attack on the town of Qarbosh on Friday, killing 9 people. " + filler
    at = text.index("Qarbosh")
    names = [Mention("d", s, s + 5, "Zelbo", None, 0.5, "test") for s in range(0, len(filler), 17)]
    names.append(Mention("d", at, at + 7, "Qarbosh", None, 0.5, "test"))
    names.sort(key=lambda m: m.start)
    index = MentionIndex([], text=text)
    index.unplaced = _SliceOnly(names)
    index.unplaced_starts = [m.start for m in names]
    start = len(filler)
    end = text.index(". ", start) + 1
    span = Span(start, end, start, end, 0)
    found = _unplaced_scene(text[start:end], span, index)
    assert found is not None and found.text == "Qarbosh"


# --- speed mechanics that must not change an answer (made-up text) ---------------------------------------------------
_TRIGGER_WORDS = ["killed", "KILLED", "Killing", "left", "Left", "left for", "moved", "move residents", "shot",
                  "air strikes", "airstrike", "car bomb", "bombers", "ied", "lied", "pre-killed", "killed-", "set fire to",
                  "set the houses ablaze", "reached Tirana", "reached the port of", "Ambushed", "evacuation of 40 ",
                  "mortar fire", "the incident occurred", "it happened", "took place", "took in", "helped to move"]
_OTHER_WORDS = ["the", "camp", "Springfield", "on", "Tuesday", ",", ".", "-", "—", "“", "(", "4", "skilled", "shotgun",
                "aleft", "_killed", "kill_", "Ünïcödé", "ſhot", "\u212aill", "İed", "\n"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_TRIGGER_WORDS + _OTHER_WORDS), max_size=30),
       st.sampled_from(["", " ", "-", "x"]))
def test_trigger_candidates_find_every_trigger_match(words, sep):
    """The trie of first letters (_candidates_rx) plus a match at each place finds what finditer finds."""
    text = sep.join(words) if sep else " ".join(words)
    plain = [m.start() for m in extract._TRIGGER_RX.finditer(text)]
    if "occurred" in text or "happened" in text or "took place" in text:
        plain = sorted(plain + [m.start() for m in extract._TIMING_RX.finditer(text)])
    assert extract._trigger_starts(text) == plain


def test_trigger_candidates_are_used_and_a_superset():
    from geo import rescan

    rx = rescan.starts_rx(extract._TRIGGER_RX)
    assert rx is not None  # the trigger words still have a prefix to look for
    text = "Gunmen killed four; the skilled workers left Springfield and were moved to camps."
    assert {m.start() for m in extract._TRIGGER_RX.finditer(text)} <= {m.start() for m in rx.finditer(text)}


def _recorded_rule_calls(text):
    """(rules, text) of every pysbd Text.apply call while segmenting ``text``."""
    import pysbd.utils

    calls = []
    fast = pysbd.utils.Text.apply

    def record(self, *rules):
        calls.append((rules, str(self)))
        return fast(self, *rules)

    pysbd.utils.Text.apply = record
    try:
        _segmenter().segment(text)
    finally:
        pysbd.utils.Text.apply = fast
    return calls


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(EVENT + CONTEXT + FILLER + (
    "  ", " Mr. ", "U.S. ", "e.g. ", "(1) ", "...", "?! ", "!! ", "a. b. c. ", "(a) (b) ", "i. ii. ", "1. 2. ",
    "\u2018quoted\u2019 ", "'single' ", "\u00a0", "\u222f", "&\u2702&", "\\1 ", "5 p.m. ", "\u2026 ")), max_size=12))
def test_compiled_pysbd_rules_give_pysbds_text(parts):
    """pysbd's rules applied with compiled patterns and str.replace (_apply_rules) give what re.sub gives."""
    import pysbd.utils

    _segmenter()
    original = pysbd.utils.Text._geo_original
    for rules, before in _recorded_rule_calls("".join(parts)):
        assert extract._apply_rules(pysbd.utils.Text(before), *rules) == original(pysbd.utils.Text(before), *rules)


def test_plain_pysbd_rule_patterns_take_the_replace_path():
    from pysbd.utils import Rule, Text

    _segmenter()
    plain, regex = Rule("\u222f", "."), Rule(r"\.(?=\d)", "\u2218")
    text = Text("It cost 3.5 units\u222f Then \u222f more.")
    assert extract._apply_rules(text, plain, regex) == Text._geo_original(text, plain, regex)
    assert plain._geo_plan[2] is None and regex._geo_plan[2] is not None
    assert extract._apply_rules(Text("a\\b"), Rule("\\\\", "x")) == "axb"  # a backslash: the regex path


def test_repeated_findall_gives_copies_of_re_findall():
    finder = extract._RepeatedFindallRe()
    pattern, text = r"(?<=\s)[a-z](?=\.)", "Items a. and b. then c. here"
    first = finder.findall(pattern, text)
    first.append("changed")  # a caller changing its list does not change the next answer
    assert finder.findall(pattern, text) == re.findall(pattern, text) == ["a", "b", "c"]
    for n in range(20):  # bounded: old answers are dropped
        assert finder.findall(pattern, f"{text} x{n} d.") == re.findall(pattern, f"{text} x{n} d.")
    assert len(finder._found) <= finder.KEEP


@pytest.mark.parametrize("text, name, kind", [
    ("The attack was blamed on Ruritania by the ministry.", "Ruritania", "country"),
    ("Tourists from Ruritania were among the victims in the town.", "Ruritania", "country"),
    ("Ruritania's air force bombed the bridge.", "Ruritania", "country"),
    ("Ruritania's air force bombed the bridge.", "Ruritania", "city"),
    ("Gunmen attacked a market in Ruritania on Friday.", "Ruritania", "region"),
])
def test_not_the_scene_kind_only_gives_the_same_answer(text, name, kind):
    from geo.attribution import not_the_scene

    at = text.index(name)
    assert not_the_scene(text, at, at + len(name), "city") is None  # the precondition of kind_only
    assert not_the_scene(text, at, at + len(name), kind, kind_only=True) == not_the_scene(text, at, at + len(name),
                                                                                          kind)


def test_remembered_days_are_the_days():
    from geo import incidents

    for value in ("2015-03-02", "2015-03", "2015", None, "", "2016-02-29"):
        expected = incidents.dt.date.fromisoformat(value) if value and len(value) == 10 else None
        assert incidents._day(value) == expected and incidents._day(value) == expected  # asked twice: cached
    with pytest.raises(ValueError):
        incidents._day("2015-02-30")  # an impossible day still raises (errors are not remembered)
    assert incidents._day.cache_info().maxsize is not None  # bounded


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["massacred", "missile", "Rockets", "katyusha", "mortar fire", "shelled", "car bomb",
                                 "blasts", "ied", "stormed", "shot", "gunmen", "set fire to", "set the huts ablaze",
                                 "burned down", "air strikes", "ambushed", "attack", "counter-attack", "shots-fired",
                                 "bombshell", "the", "market", "on", "Friday", "-", "\u017fhot", "RAIDS"]),
                max_size=8), st.sampled_from([" ", "-", ", ", "x"]))
def test_one_attack_pattern_finds_what_the_several_find(words, sep):
    """_ANY_ATTACK_RX matches a text (and a part of it) exactly where one of the attack type patterns does."""
    text = sep.join(words)
    assert (extract._ANY_ATTACK_RX.search(text) is not None) == any(rx.search(text) for _, rx in extract._ATTACK_RX)
    cut = len(text) // 2
    assert (extract._ANY_ATTACK_RX.search(text, 0, cut) is not None) == any(
        rx.search(text, 0, cut) for _, rx in extract._ATTACK_RX)
    assert extract._only_plural(text) == (lambda found: bool(found) and all(
        m.group(0).lower().endswith("s") and not m.group(0).lower().endswith("ss") for m in found) and not any(
        m.group(0).lower() in extract._MUNITIONS and extract._MUNITIONS_COUNT_RX.search(text, 0, m.start())
        for m in found))([m for _, rx in extract._ATTACK_RX for m in rx.finditer(text)])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["said", "says", "told", "reported", "police", "officials", "the", "a", "regional",
                                 "governor", "also", "had", "was", "Omar", "Khan", "in", "of", ",", ";", "(AP)",
                                 "rebels", "killed", "12", "villagers", "near", "Springfield", "on", "Sunday", "-",
                                 "spokes-man", "U.S.", "\u2019s"]), max_size=45),
       st.sampled_from([" ", ", ", "  ", " \u00a0"]))
def test_speaker_search_start_loses_no_match(words, sep):
    """claimed_by looks for a speaker only from a few words before the first verb of saying: the same matches."""
    from geo import attribution

    sentence = sep.join(words)
    say = attribution._SAY_RX.search(sentence)
    if say is None:
        return
    start = attribution._speaker_from(sentence, say.start())
    assert [m.span() for m in attribution._SPEAKER_BEFORE_RX.finditer(sentence, start)] == \
        [m.span() for m in attribution._SPEAKER_BEFORE_RX.finditer(sentence)]


def test_speaker_after_a_long_opening_is_found():
    from geo import attribution

    sentence = ("Late on a cold and windy Sunday evening in the hills above the old river town, after weeks of quiet, "
                "gunmen killed four farmers and burned two barns, the regional police chief told reporters.")
    say = attribution._SAY_RX.search(sentence)
    assert attribution._speaker_from(sentence, say.start()) > 0  # the search starts well inside the sentence
    assert attribution.claimed_by(sentence) == "the regional police chief"
