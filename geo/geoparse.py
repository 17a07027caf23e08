"""Stage 2b — mentions → places: find place names in text and resolve them."""
from __future__ import annotations

import ahocorasick

from .gazetteer import Gazetteer, fold
from .models import Document, Mention, Place


def _automaton(gaz: Gazetteer) -> ahocorasick.Automaton:
    a = ahocorasick.Automaton()
    for key in gaz.names:
        a.add_word(key, key)
    a.make_automaton()
    return a


def find_mentions(documents: list[Document], gaz: Gazetteer) -> list[Mention]:
    """Place mentions in every document, longest match first, no overlaps."""
    auto = _automaton(gaz)
    mentions = []
    for doc in documents:
        # Folding keeps offsets only when it keeps length; map per character.
        folded = "".join(fold(c)[:1] or c for c in doc.text)
        spans = []
        for end, key in auto.iter(folded):
            start = end - len(key) + 1
            before = folded[start - 1] if start > 0 else " "
            after = folded[end + 1] if end + 1 < len(folded) else " "
            if before.isalnum() or after.isalnum():
                continue
            if not doc.text[start].isupper():
                continue
            spans.append((start, end + 1, key))
        spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
        taken: list[tuple[int, int]] = []
        for start, end, key in spans:
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            best = gaz.lookup(key)[0]
            mentions.append(Mention(doc.id, start, end, doc.text[start:end], best.place_id, 0.5, "first candidate"))
    return sorted(mentions, key=lambda m: (m.document, m.start))


def places_from_mentions(mentions: list[Mention], gaz: Gazetteer, extra_ids: set[str] = frozenset()) -> list[Place]:
    """The places mentioned (plus ``extra_ids``, e.g. referenced by incidents)."""
    ids = {m.place_id for m in mentions if m.place_id} | set(extra_ids)
    return sorted((gaz.get(i) for i in ids), key=lambda p: p.place_id)
