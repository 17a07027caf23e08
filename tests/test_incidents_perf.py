"""Throughput changes of the incidents stage give the same answers, and a large document builds.

- the trigger prefilter and the mention index (``prefilter=True``) give the
  same candidates as reading every paragraph and scanning every mention;
- the faster pysbd span finder gives the spans pysbd's own code gives;
- a generated multi-MB document goes through ``geo build`` and its events come out.
"""
from __future__ import annotations

import json
import random

import pysbd
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
