"""Throughput of the incidents stage on one large document, with and without the prefilter.

usage: python bench/incidents.py [--mb 20] [--before-mb 1] [--extra DIR ...]

The document is the seeds and the tests/news texts (plus any .txt under
--extra, e.g. the LGL articles prepared by
../shared/benchmarks/geoparse_eval.py) repeated with variations — paragraphs
shuffled, numbers changed — up to ``--mb`` MB: one document, as issue 7's
"100 MB document". Place mentions are found once (geoparse, timed apart);
then ``incidents.build_incidents`` is timed

- after: as built (trigger prefilter, mention index, pysbd pattern cache);
- before: ``GEO_INCIDENTS_PREFILTER=0`` — every paragraph split by pysbd and
  read, every mention lookup a scan of the whole document. That way is
  quadratic in the document's length, so it runs on the first ``--before-mb``
  MB only, and the ratio is taken at that size.

Prints MB/s for both, the ratio, and whether both gave the same incidents,
relocations and skips.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo import extract, geoparse, incidents  # noqa: E402
from geo.gazetteer import load_gazetteer  # noqa: E402
from geo.geocoder import make_geocoder  # noqa: E402
from geo.models import Document  # noqa: E402


def corpus(mb: float, extra: list[Path]) -> str:
    """One text of at least ``mb`` MB (UTF-8), deterministic."""
    folders = [ROOT / "seeds", ROOT / "tests" / "news" / "docs", *extra]
    texts = [p.read_text(encoding="utf-8") for d in folders for p in sorted(Path(d).glob("*.txt"))]
    rng = random.Random(0)
    parts, size, target = [], 0, int(mb * 1e6)
    while size < target:
        paras = [p for p in rng.choice(texts).split("\n") if p.strip()]
        rng.shuffle(paras)
        # Other figures and years, so no two copies tell quite the same event.
        paras = [re.sub(r"\d+", lambda m: str(rng.randint(1, 2020)), p) for p in paras]
        chunk = "\n\n".join(paras) + "\n\n"
        parts.append(chunk)
        size += len(chunk.encode("utf-8"))
    return "".join(parts)


def _cut(text: str, mb: float) -> str:
    """The first ``mb`` MB of ``text``, ended at a paragraph."""
    cut = text[:int(mb * 1e6)]
    return cut[:cut.rfind("\n") + 1] or cut


def _time(doc: Document, mentions, gaz, prefilter: bool):
    os.environ[extract.PREFILTER_ENV] = "1" if prefilter else "0"
    try:
        t = time.perf_counter()
        out = incidents.build_incidents([doc], extract.extract_document(doc, mentions, gaz), gaz, ROOT / "data")
        return time.perf_counter() - t, out
    finally:
        os.environ.pop(extract.PREFILTER_ENV, None)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0, help="size of the document for 'after' (default 20)")
    ap.add_argument("--before-mb", type=float, default=1.0,
                    help="size both ways are timed on (the 'before' way is quadratic; default 1)")
    ap.add_argument("--extra", type=Path, nargs="*", default=[], help="folders of more .txt (e.g. LGL)")
    args = ap.parse_args(argv)
    gaz = load_gazetteer(ROOT / "data")
    backend = make_geocoder("offline")
    full = corpus(max(args.mb, args.before_mb), args.extra)
    print(f"corpus: {len(full.encode('utf-8')) / 1e6:.1f} MB, {full.count(chr(10)) + 1} lines")
    rows = []
    small = _cut(full, args.before_mb)
    for label, text, ways in (("small", small, (False, True)), ("full", full, (True,))):
        doc = Document("bench", text, published="2014-06-01")
        mb = len(text.encode("utf-8")) / 1e6
        t = time.perf_counter()
        mentions = geoparse.find_mentions([doc], gaz, geocoder=backend, skips=[])
        print(f"{label}: {mb:.2f} MB, geoparse {time.perf_counter() - t:.1f} s ({len(mentions)} mentions)")
        results = {}
        for prefilter in ways:
            secs, out = _time(doc, mentions, gaz, prefilter)
            results[prefilter] = out
            name = "after " if prefilter else "before"
            print(f"  incidents {name}: {secs:7.1f} s  {mb / secs:6.2f} MB/s  ("
                  f"{len(out[0])} incidents, {len(out[1])} relocations, {len(out[2])} skips)")
            rows.append((label, prefilter, mb / secs))
        if len(results) == 2:
            same = results[True] == results[False]
            print(f"  same incidents, relocations and skips both ways: {'yes' if same else 'NO'}")
    before = next(r[2] for r in rows if r[0] == "small" and not r[1])
    after = next(r[2] for r in rows if r[0] == "small" and r[1])
    print(f"ratio after/before at {args.before_mb:g} MB: {after / before:.1f}x")


if __name__ == "__main__":
    main()
