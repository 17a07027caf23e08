"""Publication dates read from real news texts, against their known dates.

The excerpts of ``bench/events`` (dev and held-out) come with their publication
date in ``bench/events/sources.csv``. For each text, ``geo.datelines`` gives a
date and a source (``dateline`` for datelines, Published lines and date lines,
``text`` for the latest explicit date); this prints how often each rule fires
and how far its date is from the known one, next to a baseline that uses only
the latest explicit date (rule 5 alone), in the same process.

    python bench/datelines.py
"""
from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo import datelines  # noqa: E402

EVENTS = Path(__file__).resolve().parent / "events"


def _day(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(*parts[:3])


def _rows():
    with (EVENTS / "sources.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            path = EVENTS / row["split"] / f"{row['document']}.txt"
            if path.exists() and row["published"]:
                yield row["document"], path.read_text(encoding="utf-8"), row["published"]


def baseline(text: str):
    dated = datelines.explicit_dates(text)
    full = [d for d in dated if d.day is not None] or dated
    if not full:
        return None
    latest = max(full, key=lambda d: (datelines._key(d), d.start))
    return datelines._result(latest, "text", "latest date")


def evaluate(fn, rows):
    stats = {}
    for _, text, known in rows:
        found = fn(text)
        source = found.source if found is not None and found.value else "none"
        s = stats.setdefault(source, {"n": 0, "exact": 0, "within 7 days": 0, "later than known": 0})
        s["n"] += 1
        if source == "none":
            continue
        got, want = _day(found.value), _day(known)
        s["exact"] += found.value == known[:len(found.value)]
        s["within 7 days"] += abs((got - want).days) <= 7
        s["later than known"] += got > want
    return stats


def main() -> None:
    rows = list(_rows())
    print(f"{len(rows)} texts with a known publication date (bench/events/sources.csv)")
    for label, fn in (("latest explicit date only (baseline)", baseline), ("geo.datelines", datelines.document_date)):
        print(f"\n{label}")
        stats = evaluate(fn, rows)
        for source in ("dateline", "text", "none"):
            s = stats.get(source)
            if not s:
                continue
            if source == "none":
                print(f"  {source:9} {s['n']:3} texts without a date")
            else:
                print(f"  {source:9} {s['n']:3} texts: {s['exact']} exact, {s['within 7 days']} within 7 days, "
                      f"{s['later than known']} later than the known date")


if __name__ == "__main__":
    main()
