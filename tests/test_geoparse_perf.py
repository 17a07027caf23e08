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
