"""The fast paths of geo.geoparse give what the plain ones did (they only save time)."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from geo.gazetteer import strip_accents
from geo.geoparse import _plain


def _plain_by_translate(text: str) -> str:
    # The former implementation: one str.translate table per document.
    table = {}
    for c in set(text):
        if ord(c) > 127:
            s = strip_accents(c)
            if len(s) == 1 and s != c:
                table[ord(c)] = s
    for c in "\n\t\r\xa0":
        table[ord(c)] = " "
    return text.translate(table)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("éëÅøœ ﬁ\xa0\n\t\r’“ǖ"), max_size=60))
def test_plain_folds_like_translate(text):
    plain = _plain(text)
    assert plain == _plain_by_translate(text)
    assert len(plain) == len(text)


def test_plain_strips_accents_and_evens_space():
    assert _plain("Manëz,\tDurrës\nMalmö\xa0ﬁ") == "Manez, Durres Malmo ﬁ"


def _tiny_gazetteer():
    from geo.gazetteer import Gazetteer
    from geo.models import Place

    gaz = Gazetteer()
    for i, (name, aliases) in enumerate([("Vellmar", ()), ("Vell", ()), ("Port Ostra", ("Ostra",)),
                                         ("Zürnau", ())]):
        gaz.add(Place(f"t:{i}", name, "city", 0.0, 0.0, "DE", population=500_000), [name, *aliases])
    return gaz


def test_match_is_leftmost_longest_on_word_boundaries():
    from geo.geoparse import _match

    gaz = _tiny_gazetteer()
    text = "Vellmar and Vell; Port Ostra-based, Ostra's, Zurnau, ZÜRNAU\nVellmarer Vells Ostrava"
    found = [(text[s:e], key) for s, e, key in _match(text, gaz)]
    # "Vellmarer": the longest name at that position ("Vellmar") is inside a word and dropped, not cut
    # to "Vell"; "Ostrava" is no "Ostra".
    assert found == [("Vellmar", "vellmar"), ("Vell", "vell"), ("Port Ostra", "port ostra"),
                     ("Ostra", "ostra"), ("Zurnau", "zurnau"), ("ZÜRNAU", "zurnau")]


def test_matcher_survives_pickling_and_new_names(tmp_path):
    import pickle

    from geo.geoparse import _match
    from geo.models import Place

    gaz = pickle.loads(pickle.dumps(_tiny_gazetteer()))
    assert [k for _, _, k in _match("to Vellmar", gaz)] == ["vellmar"]
    gaz.add(Place("t:9", "Quellbach", "city", 0.0, 0.0, "DE"), ["Quellbach"])  # the automaton is rebuilt
    assert [k for _, _, k in _match("Quellbach, Vellmar", gaz)] == ["quellbach", "vellmar"]


def test_unknown_names_every_trigger_even_overlapping():
    from geo.geoparse import _unknown
    from geo.models import Document

    gaz = _tiny_gazetteer()
    doc = Document("t", "They fled near Qaryat Dumsa province and southeast of Tell Barzan, then outside Hemra.")
    names = [(name, trigger) for _, _, name, trigger in _unknown(doc, gaz, [])]
    assert names == [("Qaryat Dumsa", "near"), ("Tell Barzan", "southeast of"), ("Hemra", "outside")]


def test_memoised_decisions_follow_the_gazetteer():
    from geo.geoparse import find_mentions
    from geo.models import Document, Place

    gaz = _tiny_gazetteer()
    docs = [Document("a", "Officials met in Vellmar on Monday."), Document("b", "Vellmar's council said no.")]
    first = find_mentions(docs, gaz)
    assert [m.place_id for m in first] == ["t:0", "t:0"]
    assert find_mentions(docs, gaz) == first  # a second call, served from the memos, says the same
    # A site of that name added first: the memoised candidates must not outlive the change.
    gaz.add(Place("t:site", "Vellmar", "site", 1.0, 1.0, "DE", source="curated"), ["Vellmar"], first=True)
    assert [m.place_id for m in find_mentions(docs, gaz)] == ["t:site", "t:site"]


class _CountingSpans(list):
    """The taken spans, counting every span handed out: the work ``_unknown`` does on them."""

    handed_out = 0

    def __iter__(self):
        for span in super().__iter__():
            type(self).handed_out += 1
            yield span


def _unknown_work(repeats: int) -> tuple[int, int]:
    from geo.geoparse import _unknown
    from geo.models import Document

    gaz = _tiny_gazetteer()
    sentence = "Vellmar was shelled, and families fled near Kafr Tolan.\n"  # a known name, then an unknown one
    text = sentence * repeats
    taken = _CountingSpans((i * len(sentence), i * len(sentence) + len("Vellmar")) for i in range(repeats))
    _CountingSpans.handed_out = 0
    found = _unknown(Document("big", text), gaz, taken)
    return len(found), _CountingSpans.handed_out


def test_unknown_names_cost_linear_work_in_the_document():
    """Every unknown name was compared with every known one (8 MB: 37 s, 16 MB: 133 s); now each is looked up."""
    small_found, small_work = _unknown_work(2000)
    big_found, big_work = _unknown_work(8000)
    assert (small_found, big_found) == (2000, 8000)
    # Four times the text: four times the work (quadratic would be sixteen).
    assert big_work <= 4.5 * small_work, (small_work, big_work)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 15)), max_size=12), st.integers(0, 70),
       st.integers(1, 15))
def test_overlap_test_agrees_with_a_scan(spans, start, length):
    from geo.geoparse import _overlap_test

    spans = [(s, s + n) for s, n in spans]
    end = start + length
    assert _overlap_test(spans)(start, end) == any(start < e and s < end for s, e in spans)


def test_invisible_characters_and_lookalikes_do_not_hide_a_name():
    """"Vell\u200bmar" and "Vеllmar" (Cyrillic е) are Vellmar; offsets are the document's own."""
    from geo.geoparse import _match

    gaz = _tiny_gazetteer()
    text = "Vell\u200bmar, then V\u0435llmar, \u200bZ\u00fcrn\u0430u\u200b and \u041f\u043e\u0440\u0442 Ostra."
    found = [(text[s:e], key) for s, e, key in _match(text, gaz)]
    assert found == [("Vell\u200bmar", "vellmar"), ("V\u0435llmar", "vellmar"), ("Z\u00fcrn\u0430u", "zurnau"),
                     ("Ostra", "ostra")]  # a word wholly in Cyrillic ("Порт") is left as it is


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("Vellmar Zürnau\u200b\u00ad\u0435\u0430,."), max_size=40))
def test_matches_point_at_the_same_name_with_the_invisible_characters_taken_out(text):
    from geo.geoparse import _match

    for start, end, key in _match(text, _tiny_gazetteer()):
        surface = text[start:end]
        assert surface[:1] not in "\u200b\u00ad" and surface[-1:] not in "\u200b\u00ad"
        cleaned = strip_accents(surface.replace("\u200b", "").replace("\u00ad", "")).replace("\u0435", "e")
        assert cleaned.replace("\u0430", "a").casefold() == key
