"""Builds of made-up places, incidents and relocations for the map tests (no seed facts).

The texts are written for these tests; one place, summary and quote carry HTML and
``javascript:`` payloads that must end up as text.
"""
from __future__ import annotations

from geo import layers
from geo.models import Build, Document, Incident, Place, Relocation, Source

XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "<script>alert(2)</script>"
XSS_JS_URL = "javascript:alert(3)"

QUOTES = {
    "a-1": "Armed men broke through the north gate and shot twelve residents.",
    "a-2": "Three people died when shells landed in the vegetable market.",
    "a-3": "Police searched every tent in the camp during that year.",
    "a-4": f"The caption read {XSS_IMG} and nothing else.",
    "r-1": "Some 3,000 residents were driven by bus to the city that spring.",
    "r-2": "The last group was flown abroad.",
}


def _src(doc: str, key: str, **figures) -> Source:
    q = QUOTES[key]
    return Source(doc, q, 10, 10 + len(q), **figures)


def sample_build() -> Build:
    """Five places, four attacks (day, month, year-only, malicious) and two relocations."""
    places = [
        Place("curated:north-camp", "North Camp", "site", 34.10, 44.20, "XX", 2.0, "curated"),
        Place("test:beta", "Beta City", "city", 33.30, 44.90, "XX", 5.0, "geonames"),
        Place("test:gamma", "Gamma Port", "city", 40.30, 19.80, "YY", 3.0, "geonames"),
        Place("test:delta", f"Delta {XSS_IMG}", "site", 35.50, 42.60, "XX", 1.0, "geonames"),
        Place("test:xx", "Exland", "country", 33.00, 43.50, "XX", 400.0, "geonames"),
    ]
    incidents = [
        Incident("a-1", "attack", "2010-03-04", "day", "curated:north-camp", "North Camp", 12, 40,
                 "Gunmen stormed the north gate.", "extracted", 0.9, [_src("doc-one", "a-1", killed=12)]),
        Incident("a-2", "shelling", "2011-07", "month", "test:beta", "Beta City", 3, None,
                 "Shells hit the market.", "extracted", 0.8, [_src("doc-two", "a-2", killed=3)]),
        Incident("a-3", "raid", "2012", "year", "curated:north-camp", "North Camp", None, None,
                 "A search of the camp.", "curated", 1.0, [_src("doc-one", "a-3")]),
        Incident("a-4", "attack", "2013-02-02", "day", "test:delta", f"Delta {XSS_IMG}", 1, 2,
                 f"{XSS_SCRIPT} see {XSS_JS_URL}", "extracted", 0.7, [_src("doc-<b>three</b>", "a-4", killed=1)]),
    ]
    relocations = [
        Relocation("r-1", "curated:north-camp", "test:beta", "2012-02", "2012-09", "month", 3000,
                   "Residents moved to the city.", "extracted", 0.9, [_src("doc-one", "r-1", people=3000)]),
        Relocation("r-2", "test:beta", "test:gamma", "2016", None, "year", None,
                   f"Moved abroad {XSS_JS_URL}", "extracted", 0.9, [_src("doc-two", "r-2")]),
    ]
    # where the documents came from: a page's address (a link), and a javascript: one (never a link)
    documents = [Document("doc-two", "", url="https://news.example.org/two"),
                 Document("doc-<b>three</b>", "", url=XSS_JS_URL)]
    return Build(documents, [], places, incidents, relocations)


def frames(build: Build):
    """The three layer frames of a build."""
    return layers.places_frame(build), layers.incidents_frame(build), layers.relocations_frame(build)


def synthetic_build(n: int, seed: int = 1) -> Build:
    """``n`` attacks spread over 100 made-up places and 10 years (deterministic, for scale)."""
    import random

    rng = random.Random(seed)
    places = [Place(f"syn:{i}", f"Place {i}", "city", round(rng.uniform(25, 45), 4), round(rng.uniform(20, 60), 4),
                    "XX", 5.0, "geonames") for i in range(100)]
    incidents = []
    for i in range(n):
        p = places[rng.randrange(len(places))]
        y, mo, d = rng.randrange(2005, 2015), rng.randrange(1, 13), rng.randrange(1, 29)
        prec = rng.choice(["day", "day", "day", "month", "year"])
        date = {"day": f"{y}-{mo:02d}-{d:02d}", "month": f"{y}-{mo:02d}", "year": f"{y}"}[prec]
        killed = rng.choice([None, 0, 1, 2, 5, 10, 40])
        q = f"Report {i}: an attack at {p.name}."
        incidents.append(Incident(f"s-{i:06d}", rng.choice(["attack", "raid", "shelling"]), date, prec,
                                  p.place_id, p.name, killed, None, f"Synthetic incident {i}.", "extracted", 1.0,
                                  [Source(f"doc-{i % 50}", q, 0, len(q))]))
    relocations = [Relocation(f"sr-{i}", places[i].place_id, places[i + 1].place_id, "2010", None, "year",
                              100 * (i + 1)) for i in range(5)]
    return Build([], [], places, incidents, relocations)
