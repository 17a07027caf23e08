"""Small fixtures for the incident tests: a hand-made gazetteer and exact-name mentions.

The mention stage is another module's job; these tests give extraction the
mentions directly so that they test extraction alone.
"""
from __future__ import annotations

import re

from geo.gazetteer import Gazetteer
from geo.models import Document, Mention, Place

PLACES = [
    # name, kind, country, lat, lon, aliases
    ("Camp Ashraf", "site", "IQ", 33.63, 44.72, ("Ashraf",)),
    ("Camp Liberty", "site", "IQ", 33.29, 44.21, ("Liberty",)),
    ("Baghdad", "city", "IQ", 33.34, 44.40, ()),
    ("Baqubah", "city", "IQ", 33.75, 44.64, ()),
    ("Tirana", "city", "AL", 41.33, 19.82, ()),
    ("Iraq", "country", "IQ", 33.0, 43.7, ()),
    ("Albania", "country", "AL", 41.15, 20.17, ()),
    ("Denmark", "country", "DK", 56.0, 9.5, ()),
    ("United Kingdom", "country", "GB", 54.0, -2.0, ("UK", "Britain")),
    ("Germany", "country", "DE", 51.0, 10.0, ()),
    ("London", "city", "GB", 51.51, -0.13, ()),
    ("Berlin", "city", "DE", 52.52, 13.40, ()),
    ("Washington", "city", "US", 38.90, -77.04, ()),
    ("United States", "country", "US", 39.8, -98.6, ()),
    ("Camp Hope", "site", "IQ", 33.40, 44.30, ()),  # made up, 13 km from Camp Liberty
]


def gazetteer() -> Gazetteer:
    gaz = Gazetteer()
    for name, kind, cc, lat, lon, aliases in PLACES:
        pid = "test:" + "-".join(name.lower().split())
        gaz.add(Place(pid, name, kind, lat, lon, cc, 5.0, "test", aliases=aliases), [name, *aliases])
    return gaz


def mentions(docs: list[Document], gaz: Gazetteer) -> list[Mention]:
    """Every exact, capitalised occurrence of a gazetteer name, longest first, no overlaps."""
    names = sorted({p.name for p in gaz.places.values()} | {a for p in gaz.places.values() for a in p.aliases},
                   key=len, reverse=True)
    out = []
    for doc in docs:
        taken: list[tuple[int, int]] = []
        for name in names:
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", doc.text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                out.append(Mention(doc.id, m.start(), m.end(), m.group(0), gaz.lookup(name)[0].place_id, 1.0, "test"))
    return sorted(out, key=lambda m: (m.document, m.start))


def doc(text: str, published: str | None = None, doc_id: str = "d1") -> Document:
    return Document(doc_id, text, published=published)
