"""Whole builds on synthetic news corpora of given sizes: throughput, memory, workers, incremental rebuilds.

usage: python bench/corpus.py [--mb 1 10] [--lgl ../shared/benchmarks/lgl.xml] [--jobs 2]
                              [--speedup-mb 10] [--work DIR] [--skip-seeds]

Corpora are made of real news text: the LGL articles (``--lgl``: the gold set's XML, read
directly), the seeds and tests/news, each document one article with its paragraphs shuffled
and its numbers changed (so no two documents are the same text), until the corpus holds
``--mb`` MB. Every figure is a ``python -m geo build`` subprocess run as a user runs it;
peak RSS is the largest sum over the build's process tree (pool workers included), sampled
every 0.2 s, and peak PSS the same with shared pages split between the processes sharing them
(forked workers share the gazetteer: RSS counts it once per worker, PSS once). Printed, in one run:

- per size: wall, MB/s, seconds per MB, peak RSS and PSS of ``--jobs N`` (no per-document cache), the
  cost per MB of the largest size against the smallest, and the geotext
  pass over the same texts (in this process) as the baseline: geo's MB/s / geotext's;
- ``--jobs N`` against ``--jobs 1`` on ``--speedup-mb``: the speed-up;
- incremental: a first build with an empty per-document cache, one document changed, the
  rebuild: rebuild / first;
- the seeds, warm cache, against a bare ``import geopandas, folium``.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def articles(lgl: Path | None) -> list[str]:
    """Real news texts: the LGL articles (when given), the seeds and tests/news."""
    texts = []
    if lgl is not None:
        texts += [a.findtext("text") or "" for a in ET.parse(lgl).getroot().findall("article")]
    for folder in (ROOT / "seeds", ROOT / "tests" / "news" / "docs"):
        texts += [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    return [t for t in texts if t.strip()]


def make_corpus(folder: Path, mb: float, texts: list[str], seed: int = 0) -> tuple[int, int]:
    """Write documents to ``folder`` until they hold ``mb`` MB; returns (documents, bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    size, n, target = 0, 0, int(mb * 1e6)
    while size < target:
        paras = [p for p in rng.choice(texts).split("\n") if p.strip()]
        head, rest = paras[:1], paras[1:]
        rng.shuffle(rest)
        # Other figures and years, so no two documents tell quite the same event (years stay within 2000-2015:
        # the timeline draws one bar per month of the span).
        body = [re.sub(r"\d+", lambda m: str(rng.randint(2000, 2015) if len(m.group()) == 4 and
                                              m.group()[:2] in ("19", "20") else rng.randint(1, 500)), p)
                for p in head + rest]
        data = ("\n\n".join(body) + "\n").encode("utf-8")
        (folder / f"doc{n:06d}.txt").write_bytes(data)
        size += len(data)
        n += 1
    return n, size


def _tree_memory(proc) -> tuple[int, int]:
    """(RSS, PSS) summed over ``proc`` and its children, in bytes.

    Forked workers share the gazetteer with the parent: RSS counts those pages once per
    process, PSS (proportional set size, Linux) splits them between the processes sharing them.
    PSS is 0 where the system does not report it.
    """
    import psutil

    try:
        p = psutil.Process(proc.pid)
        procs = [p, *p.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    rss = pss = 0
    for q in procs:
        try:
            info = q.memory_full_info()
            rss += info.rss
            pss += getattr(info, "pss", 0)
        except psutil.Error:
            pass
    return rss, pss


def run(args: list[str], env: dict | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak RSS and peak PSS (bytes, whole process tree) of ``python ARGS``."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = peak_pss = 0
    while proc.poll() is None:
        rss, pss = _tree_memory(proc)
        peak, peak_pss = max(peak, rss), max(peak_pss, pss)
        time.sleep(0.2)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} exited {proc.returncode}:\n{err[-2000:]}")
    return wall, peak, peak_pss


def build(docs: Path, out: Path, cache: Path, jobs: int, *extra: str) -> tuple[float, int, int]:
    return run(["-m", "geo", "build", "--documents", str(docs), "--data", str(ROOT / "data"), "--out", str(out),
                "--cache-dir", str(cache), "--jobs", str(jobs), "-q", *extra])


def geotext_pass(docs: Path) -> float:
    """Seconds geotext takes over every document of ``docs`` (in this process; import not counted)."""
    from geotext import GeoText

    start = time.perf_counter()
    for p in sorted(docs.glob("*.txt")):
        GeoText(p.read_text(encoding="utf-8"))
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, nargs="+", default=[1.0, 10.0], help="corpus sizes in MB")
    ap.add_argument("--lgl", type=Path, default=next((p for p in (ROOT.parent / "shared" / "benchmarks" / "lgl.xml",
                                                           ROOT.parents[1] / "shared" / "benchmarks" / "lgl.xml")
                                                     if p.exists()), None),
                    help="the LGL gold set's XML (default: ../shared/benchmarks/lgl.xml; skipped when absent)")
    ap.add_argument("--jobs", type=int, default=2, help="workers of the measured builds (default: %(default)s)")
    ap.add_argument("--speedup-mb", type=float, default=None,
                    help="size of the --jobs N against --jobs 1 comparison and the incremental rebuild "
                         "(default: the smallest --mb)")
    ap.add_argument("--work", type=Path, default=None, help="folder for corpora and outputs (default: a temp dir)")
    ap.add_argument("--skip-seeds", action="store_true", help="leave out the seeds against bare imports")
    a = ap.parse_args()
    work = a.work or Path(tempfile.mkdtemp(prefix="geo-bench-corpus-"))
    work.mkdir(parents=True, exist_ok=True)
    cache = work / "cache"
    texts = articles(a.lgl if a.lgl and a.lgl.exists() else None)
    print(f"{len(texts)} source articles; load {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
          f"{os.getloadavg()[2]:.2f} on {os.cpu_count()} cores; work folder {work}")
    build(ROOT / "seeds", work / "warm", cache, 1, "--no-cache")  # gazetteer index built once, not timed

    corpora = {}
    print(f"\n{'MB':>6} {'docs':>7} {'wall s':>8} {'MB/s':>6} {'s/MB':>6} {'peak RSS MiB':>13} {'peak PSS MiB':>13} "
          f"{'geotext MB/s':>13} {'geo/geotext':>11}")
    per_mb = {}
    for mb in a.mb:
        docs = work / f"corpus-{mb:g}MB"
        if not docs.exists():
            make_corpus(docs, mb, texts)
        n = len(list(docs.glob("*.txt")))
        size = sum(p.stat().st_size for p in docs.glob("*.txt"))
        corpora[mb] = docs
        wall, peak, peak_pss = build(docs, work / f"out-{mb:g}", cache, a.jobs, "--no-cache")
        gt = geotext_pass(docs)
        per_mb[mb] = wall / (size / 1e6)
        print(f"{size / 1e6:6.1f} {n:7d} {wall:8.1f} {size / 1e6 / wall:6.3f} {per_mb[mb]:6.2f} {peak / 2**20:13.0f} "
              f"{peak_pss / 2**20:13.0f} {size / 1e6 / gt:13.2f} {gt / wall:11.3f}", flush=True)
    if len(per_mb) > 1:
        small, large = min(per_mb), max(per_mb)
        print(f"cost per MB at {large:g} MB / at {small:g} MB: {per_mb[large] / per_mb[small]:.2f}")

    mb = a.speedup_mb if a.speedup_mb is not None else min(a.mb)
    docs = corpora.get(mb) or work / f"corpus-{mb:g}MB"
    if not docs.exists():
        make_corpus(docs, mb, texts)
    one = build(docs, work / "j1", cache, 1, "--no-cache")[0]
    many = build(docs, work / "jn", cache, a.jobs, "--no-cache")[0]
    same = all((work / "j1" / f).read_bytes() == (work / "jn" / f).read_bytes()
               for f in ("places.geojson", "incidents.geojson", "mentions.csv", "index.html"))
    print(f"\n{mb:g} MB: --jobs 1 {one:.1f} s, --jobs {a.jobs} {many:.1f} s: speed-up {one / many:.2f}x "
          f"(outputs identical: {same})")

    shutil.rmtree(cache / "documents", ignore_errors=True)
    first = build(docs, work / "inc", cache, a.jobs)[0]
    victim = sorted(docs.glob("*.txt"))[len(list(docs.glob("*.txt"))) // 2]
    original = victim.read_bytes()
    victim.write_bytes(original + b"\nA later report adds that three people were wounded in the clash.\n")
    try:
        again = build(docs, work / "inc", cache, a.jobs)[0]
        unchanged = build(docs, work / "inc", cache, a.jobs)[0]
    finally:
        victim.write_bytes(original)
    print(f"{mb:g} MB incremental: first build {first:.1f} s (empty cache), one document changed {again:.1f} s "
          f"(ratio {again / first:.3f}), nothing changed {unchanged:.1f} s (ratio {unchanged / first:.3f})")

    if not a.skip_seeds:
        bare = min(run(["-c", "import geopandas, folium"])[0] for _ in range(3))
        seeds = min(build(ROOT / "seeds", work / "seeds", cache, a.jobs)[0] for _ in range(3))
        print(f"seeds, warm cache: {seeds:.2f} s; bare import geopandas, folium {bare:.2f} s: ratio "
              f"{seeds / bare:.2f}")
    print(f"load average now {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
