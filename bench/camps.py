"""Attack records per real attack on the camps, over every split's camp news at once (issue 10).

Issue 10's held-out line counts records for one kind of corpus: "14 published news
excerpts … about attacks on the camps … 24 attack records for about six real
attacks"; the target is at most 10 records for the six. The events set
(``bench/events/``) holds such news in every split, each split scored on its own.
This script puts all of them together — every document that tells an attack on one
of the named sites (Camp Ashraf and Camp Liberty by default, their coordinates
from ``data/gazetteer.csv``) — builds them as one corpus, and counts:

- the real attacks on the sites the documents tell (gold events within their
  tolerance of a site; one split's copy of an event another split also has — ids
  ending ``-hN`` — is the same attack: copies are joined, their documents and
  figure spreads pooled, ``main`` if any copy is);
- the attack records geo makes at the sites (within ``--km`` of one), and how many
  of them match a real attack (place, date, figures: the events scorer's rules);
- the scorer's figures over those events and records.

Every split is development data once scored; this is a view of seen data, to
follow the issue's figure between sessions, not a held-out score.

    PYTHONPATH=. python bench/camps.py [--site "Camp Ashraf" ...] [--km 10] [--text-only] [--verbose]
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import events as ev  # noqa: E402  (the events scorer, beside this file)

from geo.gazetteer import read_curated  # noqa: E402



def _pooled(a: tuple[int, int] | None, b: tuple[int, int] | None) -> tuple[int, int] | None:
    if a is None or b is None:
        return a or b
    return min(a[0], b[0]), max(a[1], b[1])


def _overlap(a: ev.GoldEvent, b: ev.GoldEvent) -> bool:
    wa, wb = ev.gold_window(a), ev.gold_window(b)
    return wa is not None and wb is not None and wa[0] <= wb[1] and wb[0] <= wa[1]


def join_copies(events: list[ev.GoldEvent]) -> list[ev.GoldEvent]:
    """One event per real event.

    A split's copy (id ``X-hN``) joins ``X`` (or the first copy seen); an event a split knows only to
    the month ("in February 2013") joins the one day-dated event of the same site inside that month,
    when there is exactly one.
    """
    out: dict[str, ev.GoldEvent] = {}
    days = [e for e in events if e.date and len(e.date) == 10]
    for e in sorted(events, key=lambda e: (e.date is None or len(e.date) < 10, e.id)):
        key = re.sub(r"-h\d+$", "", e.id)
        if not (e.date and len(e.date) == 10):
            inside = {re.sub(r"-h\d+$", "", d.id) for d in days
                      if _overlap(d, e) and e.place and d.place and ev.haversine_km(e.place, d.place) < 1}
            if len(inside) == 1:
                key = inside.pop()
        have = out.get(key)
        if have is None:
            out[key] = replace(e, id=key)
            continue
        out[key] = replace(have, documents=have.documents | e.documents,
                           role="main" if "main" in (have.role, e.role) else have.role,
                           killed=_pooled(have.killed, e.killed), injured=_pooled(have.injured, e.injured))
    return sorted(out.values(), key=lambda e: e.id)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--site", action="append", help="a curated site's name (repeat; default Camp Ashraf, Camp Liberty)")
    ap.add_argument("--gazetteer", type=Path, default=ev.ROOT / "data" / "gazetteer.csv",
                    help="curated gazetteer: the sites' coordinates, and given to geo (default data/gazetteer.csv)")
    ap.add_argument("--km", type=float, default=10.0, help="a record within this distance of a site is at it")
    ap.add_argument("--cache-dir", type=Path, help="geo's cache folder")
    ap.add_argument("--text-only", action="store_true",
                    help="give geo no publication dates (default: each excerpt's, as a page's metadata would)")
    ap.add_argument("--verbose", action="store_true", help="list the attacks and the records")
    args = ap.parse_args(argv)
    names = args.site or ["Camp Ashraf", "Camp Liberty"]
    curated = {p.name: p for p in read_curated(args.gazetteer)}
    missing = [n for n in names if n not in curated]
    if missing:
        ap.error(f"{args.gazetteer}: no site named {', '.join(missing)}")
    sites = [ev.Point(curated[n].lat, curated[n].lon, n) for n in names]

    def at_site(point: ev.Point | None, km: float) -> bool:
        return point is not None and any(ev.haversine_km(point, s) <= km for s in sites)

    gold = [e for e in ev.load_gold(ev.SET_DIR / "gold.json")
            if e.type == "attack" and at_site(e.place, max(e.place.tolerance_km, args.km) if e.place else 0)]
    attacks = join_copies(gold)
    documents = {d for e in attacks for d in e.documents}
    paths = sorted((p for s in ev.SPLITS for p in ev.split_documents(s) if p.stem in documents),
                   key=lambda p: p.name)
    started = time.perf_counter()
    build = ev.run_geo(paths, None, args.cache_dir, args.gazetteer, published=not args.text_only)
    seconds = time.perf_counter() - started
    records = [r for r in ev.records_from_build(build) if r.type == "attack" and at_site(r.place, args.km)]
    result = ev.score(records, attacks)
    main_attacks = [e for e in attacks if e.role == "main"]
    matched = sum(1 for v in result["_verdicts"] if v.matches)
    print(f"camp attacks ({', '.join(names)}), every split's documents together"
          f"{' (the text alone)' if args.text_only else ' (publication dates as metadata)'}: {len(paths)} documents")
    print(f"  real attacks told: {len(attacks)} ({len(main_attacks)} reported, "
          f"{len(attacks) - len(main_attacks)} only mentioned)")
    print(f"  attack records at the sites: {len(records)} ({len(records) / len(attacks):.2f} per real attack); "
          f"matching a real attack: {matched}")
    print(f"  reported attacks found with place, date and figures: {result['recall_n'][0]}/{result['recall_n'][1]}"
          f"; records per attack found: {ev._fmt(result['records_per_event'])}")
    if args.verbose:
        for e in attacks:
            vs = result["_per_event"][e.id]
            print(f"    [{'ok' if any(v.matches for v in vs) else '--'}] {e.id} ({e.role}): {len(vs)} record(s)")
            for v in vs:
                print(f"        {ev._describe(v)}")
        loose = [v for v in result["_verdicts"] if v.event is None]
        for v in loose:
            print(f"    [no attack] {ev._describe(v)}")
    print(f"  ({seconds:.0f} s for geo.pipeline.run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
