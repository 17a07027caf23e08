"""Places foreign to the story a document tells (issue 10, session 9): used by :mod:`geo.extract`'s scene choice.

A news report tells of events in one country (the *story's country*: the country its places are in most) and names
other countries' places for other reasons. Three kinds of such names are no event's scene:

- **a foreign capital as its government** (:func:`capital_as_actor`): "the attack prompted condemnation from X",
  "X denied", "a call for X to provide aid": a capital of another country than the story's, named without a word
  that puts something there ("in X", "at X", "near X", "X was hit", "the X attacks"), stands for its government.
  A capital of any country in an actor's frame ("a call for X to …", "condemnation from X") is its government too.
- **a lone town tied to no attack** (:func:`lone`, :func:`tied_to_attack`): a GeoNames town of a country the text
  never names (nor by its demonym: "the Kenyan town of X"; "in X, Helvetia" only says where X lies), with no other
  place of that country named within :data:`SUPPORT_KM`, in a story told in another country, and no attack told
  there by its clause: where a spokesman spoke, an office, a rally abroad ("a UN spokesman in X").
- **a namesake no context supports** (:func:`unsupported_namesake`): such a lone town tied to an attack, small
  (fewer than :data:`NAMESAKE_POPULATION` people) and farther than :data:`NAMESAKE_KM` from every place of the
  story's country: the geoparser's guess for a name the offline data has only elsewhere ("the resort island of X"
  read as a village of that name on another continent). It is read as a place the offline data cannot place (the
  extraction's unplaced mentions), and its event gets no place: an unplaced record is better than one thousands of
  kilometres off. A large city ("killed 130 people in X") or a small town across the border stays the scene.

Both answers depend on the document's places as a whole (:func:`story_country`), counted once per document.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .gazetteer import country_demonyms, fold, national_capitals
from .models import Mention, Place

#: A town of fewer people than this, of a country the text never names, is a namesake unless the text supports it.
NAMESAKE_POPULATION = 100_000
#: A small lone town tied to an attack nearer than this to a place of the story's country is a neighbour's town, not
#: a namesake on another continent (km).
NAMESAKE_KM = 1500.0
#: How near another place of the same country must be named for a small town to count as supported (km).
SUPPORT_KM = 300.0
#: The reason an unsupported namesake's mention carries among the extraction's unplaced mentions.
NAMESAKE_REASON = "a small namesake in a country the story never names"
#: Sources whose towns are guesses among namesakes (curated sites and places placed by their text are not).
GUESSED_SOURCES = ("geonames", "geonames-small")

#: Words that put something at the place named right after them ("in X", "near the Y capital X", "attacks in X and").
_LOCATIVE_BEFORE_RX = re.compile(
    r"(?<![\w-])(?:in|at|near|outside|on|onto|into|inside|across|around|throughout|over|of|to|toward|towards|"
    r"within|beyond|hit|struck|attacked|bombed|shelled|targeted|stormed|raided)\s+"
    r"(?:[\w'’-]+,?\s+){0,3}$", re.I)
#: "the X attacks", "X's bombing", "X was hit": the place is an attack's scene.
_SCENE_AFTER_RX = re.compile(
    r"^(?:['’]s)?\s+(?:[\w-]+\s+)?(?:attacks?|bombings?|blasts?|massacres?|shootings?|siege|explosions?|raids?|"
    r"strikes?|airstrikes?|air\s+strikes?|violence|fighting|clashes|unrest|riots?|carnage|killings?)\b"
    r"|^\s+(?:was|were|is|has\s+been|had\s+been|have\s+been)\s+(?:\w+\s+)?(?:hit|attacked|struck|rocked|shelled|"
    r"bombed|targeted|shaken|stormed|raided)\b"
    # "X, where the blast killed 40", "X saw its deadliest attack"
    r"|^,?\s+where\b|^\s+(?:saw|suffered|witnessed|experienced|sees|suffers|witnesses)\b", re.I)
#: "a call for X to provide", "urged X to", "called on X to": a capital asked to act, its government.
_ASKED_BEFORE_RX = re.compile(r"\b(?:calls?|called|calling|appeals?|appealed|appealing|pleas?|demands?|demanded|"
                              r"demanding|pressure|pressed|pressing|pressured|pressuring|urge|urges|urged|urging|ask|"
                              r"asks|asked|asking)\s+(?:(?:for|on|upon)\s+)?$", re.I)
_TO_ACT_AFTER_RX = re.compile(r"^\s+to\s+(?!the\b|a\b|an\b)[a-z]+", re.I)
#: "condemnation from X", "a protest from X": a government's reaction.
_REACTION_FROM_BEFORE_RX = re.compile(r"\b(?:condemnation|criticism|protests?|reactions?|responses?|warnings?|"
                                      r"pressure|support|aid|assistance|funding|calls?|demands?|statements?|appeals?|"
                                      r"rebuke|outrage|objections?|denials?|threats?)\s+(?:\w+\s+)?from\s+$", re.I)


#: "Geneva, Switzerland": the text between a town and the country named to say where it lies.
_QUALIFIED_BETWEEN_RX = re.compile(r"\s*,\s*(?:the\s+)?")
_CAPITALISED_RX = re.compile(r"\b[A-Z]\w*")


@lru_cache(maxsize=1)
def capitals() -> frozenset[tuple[str, str]]:
    """(country code, folded name) of every national capital (:func:`geo.gazetteer.national_capitals`)."""
    return frozenset((cc, fold(name)) for cc, name in national_capitals())


@lru_cache(maxsize=1)
def demonyms() -> dict[str, tuple[str, ...]]:
    """Country code → the words naming its people ("Kenyan"; "Kittitian or Nevisian" as two), from
    :func:`geo.gazetteer.country_demonyms`."""
    out: dict[str, tuple[str, ...]] = {}
    for iso, dem in country_demonyms():
        out.setdefault(iso, tuple(w for w in re.split(r"\s*[,/]\s*|\s+or\s+", dem) if w))
    return out


@lru_cache(maxsize=1)
def demonym_words() -> frozenset[str]:
    """Every country's demonyms, lower-cased ("kenyan"): a nationality names no place."""
    return frozenset(w.lower() for words in demonyms().values() for w in words)


def is_capital(p: Place) -> bool:
    return p.kind not in ("country", "region", "site") and bool(p.country_code) and _is_capital_name(p.country_code,
                                                                                                     p.name)


@lru_cache(maxsize=4096)
def _is_capital_name(country_code: str, name: str) -> bool:
    return (country_code, fold(name)) in capitals()


class Story:
    """The countries a document's scene mentions are in, counted once (:func:`story_country`)."""

    def __init__(self, pairs: list[tuple[Mention, Place]], text: str):
        self.text = text
        counts: dict[str, int] = {}
        self.places: dict[str, list[Place]] = {}
        self.named: set[str] = set()
        prev: tuple[Mention, Place] | None = None
        for m, p in pairs:
            if p.country_code:
                counts[p.country_code] = counts.get(p.country_code, 0) + 1
                self.places.setdefault(p.country_code, []).append(p)
                # "a spokesman in Geneva, Switzerland": a country named only to say where its town lies tells
                # nothing in it (the town stays lone)
                if p.kind == "country" and not (prev is not None and prev[1].country_code == p.country_code
                                                and prev[1].kind != "country"
                                                and _QUALIFIED_BETWEEN_RX.fullmatch(text, prev[0].end, m.start)):
                    self.named.add(p.country_code)
            prev = (m, p)
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        #: the country the story is told in: the most mentions (at least 3) and strictly more than any other
        self.country = ranked[0][0] if ranked and ranked[0][1] >= 3 and (
            len(ranked) == 1 or ranked[0][1] > ranked[1][1]) else None
        self._demonym_told: dict[str, bool] = {}
        self._words: frozenset[str] | None = None
        self._lone: dict[str, bool] = {}  # lone(), by place id

    def demonym_told(self, cc: str) -> bool:
        """Whether the text calls something by the country's demonym ("Kenyan", "Kenyans"); the text's capitalised
        words are collected once."""
        known = self._demonym_told.get(cc)
        if known is None:
            if self._words is None:
                self._words = frozenset(_CAPITALISED_RX.findall(self.text))
            known = self._demonym_told[cc] = any(w in self._words or w + "s" in self._words
                                                 for w in demonyms().get(cc, ()))
        return known


def story_country(pairs: list[tuple[Mention, Place]], text: str = "") -> str | None:
    """The country code a document's places are in most (at least 3 mentions, strictly more than any other)."""
    return Story(pairs, text).country


def capital_as_actor(text: str, m: Mention, p: Place, story: Story) -> bool:
    """True when capital ``p`` named at ``m`` stands for its government: another country's capital than the story's
    named with no word putting something there, or any capital asked to act ("a call for X to provide")."""
    if not is_capital(p):
        return False
    before, after = text[max(0, m.start - 60):m.start], text[m.end:m.end + 60]
    if (_ASKED_BEFORE_RX.search(before) and _TO_ACT_AFTER_RX.match(after)) or _REACTION_FROM_BEFORE_RX.search(before):
        return True
    if story.country is None or p.country_code == story.country:
        return False
    return not _LOCATIVE_BEFORE_RX.search(before) and not _SCENE_AFTER_RX.match(after)


def lone(p: Place, story: Story) -> bool:
    """True when town ``p`` (a GeoNames town: not a curated site or one the text placed) lies in a country the story
    is not told in, that the text never names (nor by its demonym), and near which (within :data:`SUPPORT_KM`) it
    names no other place of that country."""
    from .extract import distance_km
    if p.kind in ("country", "region") or p.source not in GUESSED_SOURCES or not p.country_code \
            or story.country is None or p.country_code == story.country:
        return False  # a curated site, or one the text placed, is named on purpose
    if p.country_code in story.named or story.demonym_told(p.country_code):
        return False
    known = story._lone.get(p.place_id)
    if known is None:
        others = {q.place_id: q for q in story.places.get(p.country_code, ())
                  if q.place_id != p.place_id and q.kind != "country"}
        known = story._lone[p.place_id] = not any(distance_km(p, q) <= SUPPORT_KM for q in others.values())
    return known


def tied_to_attack(text: str, m: Mention) -> bool:
    """True when the mention is where an attack its clause tells happened: an attack word a few words before the
    preposition that introduces it ("killed 129 people in X", "a bombing in a nightclub on the island of X"), or
    an attack word right after it ("the X attacks", "X was hit")."""
    from .extract import _ATTACK_WORD_RX
    before = text[max(0, m.start - 120):m.start]
    hit = None
    for hit in _ATTACK_WORD_RX.finditer(before):
        pass
    if hit is not None and _TIED_BETWEEN_RX.match(before[hit.end():]):
        return True
    return _SCENE_AFTER_RX.match(text[m.end:m.end + 60]) is not None


#: Between an attack word and the place it happened at: a few words, a preposition of place, a few words.
_TIED_BETWEEN_RX = re.compile(r"^(?:['’]s)?(?:\s+[\w'’-]+){0,4}?,?\s+(?:in|at|on|against|near|outside|inside|"
                              r"across|throughout)\s+(?:the\s+)?(?:[\w'’-]+,?\s+){0,3}$", re.I)


def unsupported_namesake(text: str, m: Mention, p: Place, story: Story) -> bool:
    """True when town ``p``, named at ``m`` as an attack's scene, is a small namesake of a lone country, farther than
    :data:`NAMESAKE_KM` from every place the text names in the story's country (see the module's docstring): a small
    town of a neighbour ("an attack in X" across the border) is plausibly the place meant."""
    from .extract import distance_km
    if not (p.kind in ("city", "town", "village") and p.source in GUESSED_SOURCES
            and p.population < NAMESAKE_POPULATION and lone(p, story) and tied_to_attack(text, m)):
        return False
    home = {q.place_id: q for q in story.places.get(story.country, ()) if q.kind != "country"} \
        or {q.place_id: q for q in story.places.get(story.country, ())}
    return all(distance_km(p, q) > NAMESAKE_KM for q in home.values())


def sort_out(text: str, pairs: list[tuple[Mention, Place]]) -> tuple[list[tuple[Mention, Place]], list[Mention]]:
    """The scene mentions without the foreign capitals standing for their governments and the unsupported namesakes,
    and the namesakes' mentions (to be read as places the offline data cannot place)."""
    if not pairs:
        return pairs, []
    story = Story(pairs, text)
    kept, namesakes = [], []
    for m, p in pairs:
        if capital_as_actor(text, m, p, story):
            continue
        if lone(p, story):
            if not tied_to_attack(text, m):
                continue  # "a spokesman in X", "talks in X": a foreign place where nothing the story tells happened
            if unsupported_namesake(text, m, p, story):
                namesakes.append(m)
                continue
        kept.append((m, p))
    return kept, namesakes
