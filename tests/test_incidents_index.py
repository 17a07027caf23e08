"""Corpus-stage merging stays linear: each account is compared with a bounded number of groups.

``incidents.merge`` looks groups up in ``_GroupIndex`` by place and date bucket (and, for undated
attacks, by place and figure). These tests count the groups the index hands out (no timings), and
check with made-up accounts that the index changes nothing: merging with it gives the groups a
plain scan of every group gives.
"""
from __future__ import annotations

import random

from hypothesis import given, settings, strategies as st

from geo import incidents
from geo.extract import Candidate
from geo.models import Place
from geo.quantities import Quantity

# Made-up places: two sites 10 km apart, a town 200 km off, their region and country, and a second country.
SITE_A = Place("test:site-a", "Camp Alder", "site", 10.00, 20.00, "AA", admin1="01")
SITE_B = Place("test:site-b", "Camp Birch", "site", 10.09, 20.00, "AA", admin1="01")
TOWN = Place("test:town", "Cedarville", "city", 11.80, 20.00, "AA", precision_km=3, admin1="02")
REGION = Place("test:region", "Alder Province", "region", 10.05, 20.0, "AA", precision_km=60, admin1="01")
COUNTRY = Place("test:country", "Aland", "country", 11.0, 20.0, "AA", precision_km=400)
ABROAD = Place("test:abroad", "Dunmore", "city", 30.0, 40.0, "BB", precision_km=3)
SUBREGION = Place("test:subregion", "North Alder", "region", 10.2, 20.0, "AA", precision_km=20)  # inside REGION
PLACES = (SITE_A, SITE_B, TOWN, REGION, COUNTRY, ABROAD, SUBREGION)


def _q(n: int | None, approximate: bool = False) -> Quantity | None:
    return None if n is None else Quantity(0, 1, str(n), n, n, n, approximate=approximate)


def attack(doc: str, start: int, date: str | None, place: Place | None, killed: int | None = None, *,
           weak: bool = False, type: str = "attack", background: bool = False) -> Candidate:
    return Candidate("incident", type, doc, start, start + 20, "made-up account of an attack", date=date,
                     killed=_q(killed), place=place, confidence=0.9, date_weak=weak, background=background)


def move(doc: str, start: int, date: str | None, a: Place, b: Place, people: int | None = None, *,
         weak: bool = False) -> Candidate:
    return Candidate("relocation", "relocation", doc, start, start + 20, "made-up account of a move", date=date,
                     people=_q(people), from_place=a, to_place=b, confidence=0.9, date_weak=weak)


class _ScanAll(incidents._GroupIndex):
    """The index as a plain scan: every group is a candidate for every account (what merging did first)."""

    def _lookup(self, keys):
        everything = {id(g): g for bucket in self.keys.values() for g in bucket.values()}
        self.compared += len(everything)
        return sorted(everything.values(), key=lambda g: g.order)


def _groups(cands, published, index=None):
    cands = sorted(cands, key=lambda c: (c.document, c.start, c.end, c.kind))
    groups = incidents.merge([], cands, published, index=index)
    return [(g.kind, g.type, g.date, g.date_weak, g.place and g.place.place_id, g.to_place and g.to_place.place_id,
             [(s.document, s.start) for s in g.sources]) for g in groups]


def test_accounts_of_many_events_at_one_place_are_compared_with_few_groups():
    # 3,000 attacks at one camp, one a day over nine years, each told twice: a plain scan compares each account with
    # every group at the camp (millions of comparisons); the index with those of a few weeks around its date.
    rng = random.Random(1)
    days = sorted(rng.sample(range(3_300), 3_000))
    import datetime as dt
    dates = [(dt.date(2010, 1, 1) + dt.timedelta(days=d)).isoformat() for d in days]
    cands = [attack(f"d{n:05d}", 0, d, SITE_A, 10 + n % 7) for n, d in enumerate(dates)]
    cands += [attack(f"e{n:05d}", 0, d, SITE_B, 10 + n % 7) for n, d in enumerate(dates)]
    index = incidents._GroupIndex()
    groups = incidents.merge([], sorted(cands, key=lambda c: c.document), {}, index=index)
    assert len([g for g in groups if g.kind == "incident"]) <= len(dates)
    assert index.compared <= 40 * len(cands)  # a plain scan: about len(dates) / 2 per account


def test_undated_accounts_are_compared_with_few_groups():
    # 2,000 dated attacks at one town, then 2,000 undated ones with other tolls: each undated account looks only
    # at groups whose toll overlaps its own, or that its report followed within weeks
    import datetime as dt
    dated = [attack(f"a{n:05d}", 0, (dt.date(2000, 1, 1) + dt.timedelta(days=3 * n)).isoformat(), TOWN, 5 + n)
             for n in range(2_000)]
    undated = [attack(f"b{n:05d}", 0, None, TOWN, 3_000 + 7 * n) for n in range(2_000)]
    published = {c.document: "2020-06-01" for c in undated}
    index = incidents._GroupIndex()
    incidents.merge([], dated + undated, published, index=index)
    assert index.compared <= 20 * (len(dated) + len(undated))


def test_moves_from_one_camp_are_compared_with_few_groups():
    import datetime as dt
    cands = [move(f"m{n:05d}", 0, (dt.date(2005, 1, 1) + dt.timedelta(days=4 * n)).isoformat(), SITE_A, TOWN, 30 + n)
             for n in range(2_000)]
    index = incidents._GroupIndex()
    incidents.merge([], cands, {}, index=index)
    assert index.compared <= 20 * len(cands)


_DATES = ("2013", "2013-02", "2013-02-27", "2013-02-28", "2013-03-01", "2013-03-02", "2013-03-07", "2013-03-09",
          "2013-12-30", "2014", "2014-01", "2014-01-02", "2014-01-05", None)


@st.composite
def _accounts(draw):
    n = draw(st.integers(1, 14))
    out = []
    for k in range(n):
        doc = f"doc{draw(st.integers(0, 4))}"
        date = draw(st.sampled_from(_DATES))
        if draw(st.booleans()):
            out.append(attack(doc, 100 * k, date, draw(st.sampled_from(PLACES)),
                              draw(st.sampled_from((None, 3, 12, 13, 40, 150))),
                              weak=bool(date and len(date) == 10 and draw(st.booleans())),
                              type=draw(st.sampled_from(("attack", "bombing", "shelling", "raid"))),
                              background=draw(st.booleans())))
        else:
            a, b = draw(st.sampled_from(((SITE_A, TOWN), (SITE_B, TOWN), (REGION, ABROAD), (SITE_A, ABROAD))))
            out.append(move(doc, 100 * k, date, a, b, draw(st.sampled_from((None, 30, 31, 400))),
                            weak=bool(date and len(date) == 10 and draw(st.booleans()))))
    return out


@settings(max_examples=300, deadline=None)
@given(_accounts(), st.sampled_from((None, "2013-03-08", "2014-01-20")))
def test_the_index_gives_what_a_plain_scan_gives(cands, published):
    pub = {f"doc{n}": published for n in range(5)}
    assert _groups(cands, pub) == _groups(cands, pub, index=_ScanAll())


def test_overlapping_quotes_of_one_document_are_one_source():
    # the same words quoted twice (a curated row and the extracted sentence) are one source, found among many
    g = incidents._group_of(attack("doc", 0, "2013-02-27", SITE_A, 3))
    for k in range(1, 500):
        incidents._add(g, attack("doc", 100 * k, "2013-02-27", SITE_A, 3))
    before = len(g.sources)
    incidents._add(g, Candidate("incident", "attack", "doc", 105, 110, "made-up", date="2013-02-27", place=SITE_A,
                                confidence=0.9, killed=_q(4)))
    assert len(g.sources) == before and g.sources[1].start == 100
    assert incidents._overlapping(g, "doc", 150, 400) == [2, 3]
    assert incidents._overlapping(g, "other", 0, 10 ** 6) == []
