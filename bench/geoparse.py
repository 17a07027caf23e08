"""Throughput of geo's geoparser against the geotext package, on the same ≥ 50 MB of text.

usage: python bench/geoparse.py [--mb 50] [--extra DIR ...]

The corpus is the seeds (plus any .txt under --extra, e.g. the LGL articles
prepared by ../shared/benchmarks/geoparse_eval.py) repeated with variations —
paragraphs shuffled, numbers changed, some lines in capitals — cut into
documents of a few kB, as a news archive would be. Both parsers get the same
documents in the same process; the gazetteer load (cold: from its pickled
index in a fresh interpreter) is timed separately. Prints MB/s for both and
the ratio (geo / geotext).
"""
from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def corpus(mb: float, extra: list[Path]) -> list[str]:
    """Documents adding up to at least ``mb`` MB (UTF-8), deterministic."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for d in extra:
        texts += [p.read_text(encoding="utf-8") for p in sorted(Path(d).glob("*.txt"))]
    rng = random.Random(0)
    docs, size, target = [], 0, int(mb * 1e6)
    while size < target:
        paras = [p for p in rng.choice(texts).split("\n") if p.strip()]
        rng.shuffle(paras)
        paras = [re.sub(r"\d+", lambda m: str(rng.randint(1, 5000)), p) for p in paras]
        if paras and rng.random() < 0.1:
            paras[0] = paras[0].upper()  # a headline
        doc = "\n\n".join(paras)
        docs.append(doc)
        size += len(doc.encode("utf-8"))
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default: %(default)s)")
    ap.add_argument("--extra", type=Path, action="append", default=[], help="more .txt folders to draw from")
    args = ap.parse_args()

    from geotext import GeoText

    from geo.gazetteer import load_gazetteer
    from geo.geoparse import find_mentions
    from geo.models import Document

    with tempfile.TemporaryDirectory() as cache:
        t0 = time.perf_counter()
        load_gazetteer(ROOT / "data", cache_dir=Path(cache))
        build_s = time.perf_counter() - t0
        cold = subprocess.run([sys.executable, "-c", (
            "import sys, time; t = time.perf_counter(); sys.path.insert(0, sys.argv[1]);"
            "from pathlib import Path; from geo.gazetteer import load_gazetteer;"
            "load_gazetteer(Path(sys.argv[1]) / 'data', cache_dir=Path(sys.argv[2]));"
            "print(time.perf_counter() - t)"), str(ROOT), cache], capture_output=True, text=True, check=True)
        load_s = float(cold.stdout.strip())
    gaz = load_gazetteer(ROOT / "data")
    docs = corpus(args.mb, args.extra)
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    print(f"corpus: {len(docs)} documents, {mb:.1f} MB")
    print(f"gazetteer: built in {build_s:.2f} s; loaded from its cache in a fresh interpreter in {load_s:.2f} s "
          f"(imports included); {len(gaz.places)} places, {len(gaz.surfaces)} surface forms")

    # Interleaved in batches, so that a busy machine slows both alike.
    GeoText(docs[0])  # warm-up: geotext reads its data on first use
    documents = [Document(f"d{i}", d) for i, d in enumerate(docs)]
    geotext_s = geo_s = 0.0
    n_geotext, mentions = 0, []
    for i in range(0, len(docs), 200):
        t0 = time.perf_counter()
        for d in docs[i:i + 200]:
            g = GeoText(d)
            n_geotext += len(g.cities) + len(g.countries)
        t1 = time.perf_counter()
        mentions += find_mentions(documents[i:i + 200], gaz)
        t2 = time.perf_counter()
        geotext_s += t1 - t0
        geo_s += t2 - t1

    print(f"geotext: {mb / geotext_s:.2f} MB/s ({geotext_s:.1f} s, {n_geotext} names)")
    print(f"geo:     {mb / geo_s:.2f} MB/s ({geo_s:.1f} s, {len(mentions)} mentions, "
          f"{sum(m.place_id is not None for m in mentions)} resolved)")
    print(f"ratio geo/geotext: {geotext_s / geo_s:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
