"""Benchmark: how the map scales with 1k, 10k and 100k synthetic incidents.

For each size it builds a synthetic ``Build`` (made-up places and incidents, a
fixed random seed), renders ``index.html`` with ``--self-contained`` assets,
serves it on 127.0.0.1, opens it in headless Chromium (network blocked) and
reports:

* ``layers_s`` — Python: the build → the three GeoDataFrames (geo.layers);
* ``render_s`` — Python: make_map → render_html;
* ``html_mb`` — size of the page;
* ``interactive_s`` — browser: from navigation start until the data are drawn
  and the next frame is painted (``window.geoReady``);
* ``filter_ms`` — one move of the time control (to a one-year window) over all
  incidents, measured in the page until the next frame is painted.

Usage: ``python bench/map_scale.py [--sizes 1000 10000 100000] [--runs 3]``
(run from the repository root; needs Playwright and Chromium like the tests).
"""
from __future__ import annotations

import argparse
import functools
import random
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geo import layers, maps  # noqa: E402
from geo.models import Build, Incident, Place, Relocation, Source  # noqa: E402
from geo.screenshot import block_network, launch  # noqa: E402


def synthetic(n: int, seed: int = 7) -> Build:
    """``n`` attacks over 500 made-up places and 15 years; a few relocations."""
    rng = random.Random(seed)
    places = [Place(f"syn:{i}", f"Place {i}", rng.choice(["city", "site"]), round(rng.uniform(25, 45), 4),
                    round(rng.uniform(20, 60), 4), "XX", 5.0, "geonames") for i in range(500)]
    incidents = []
    for i in range(n):
        p = places[rng.randrange(len(places))]
        y, mo, d = rng.randrange(2000, 2015), rng.randrange(1, 13), rng.randrange(1, 29)
        prec = rng.choice(["day", "day", "day", "month", "year"])
        date = {"day": f"{y}-{mo:02d}-{d:02d}", "month": f"{y}-{mo:02d}", "year": str(y)}[prec]
        q = f"Witnesses said the attack at {p.name} lasted an hour (report {i})."
        incidents.append(Incident(f"i{i:07d}", rng.choice(["attack", "raid", "shelling", "bombing"]), date, prec,
                                  p.place_id, p.name, rng.choice([None, 0, 1, 2, 3, 5, 10, 25]), None,
                                  f"Synthetic incident number {i}.", "extracted", 1.0,
                                  [Source(f"doc-{i % 200:03d}", q, 0, len(q))]))
    relocations = [Relocation(f"r{i}", places[i].place_id, places[i + 1].place_id, f"{2005 + i}", None, "year",
                              100 * (i + 1)) for i in range(10)]
    return Build([], [], places, incidents, relocations)


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--runs", type=int, default=3, help="page loads per size; the median is reported")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=tmp))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        rows = []
        with sync_playwright() as p:
            browser = launch(p)
            for n in args.sizes:
                build = synthetic(n)
                t = time.perf_counter()
                fr = layers.places_frame(build), layers.incidents_frame(build), layers.relocations_frame(build)
                layers_s = time.perf_counter() - t
                t = time.perf_counter()
                page_html = maps.render_html(maps.make_map(*fr, self_contained=True))
                render_s = time.perf_counter() - t
                (root / f"{n}.html").write_text(page_html, encoding="utf-8")
                times, filters, renderer = [], [], None
                for _ in range(args.runs):
                    ctx = browser.new_context(viewport={"width": 1200, "height": 800})
                    page = ctx.new_page()
                    errors = []
                    page.on("pageerror", lambda e: errors.append(str(e)))
                    block_network(page)
                    page.goto(f"{base}/{n}.html", timeout=120_000)
                    page.wait_for_function("window.geoReady", timeout=120_000, polling=50)
                    times.append(page.evaluate("window.geoReady") / 1000)
                    lo, hi = maps.month_span("2007")
                    filters.append(page.evaluate(
                        """([lo, hi]) => new Promise(done => { const t = performance.now();
                           const f = document.getElementById('geo-time-from'), e = document.getElementById('geo-time-to');
                           e.value = hi; e.dispatchEvent(new Event('input'));
                           f.value = lo; f.dispatchEvent(new Event('input'));
                           // until the next frame is painted
                           requestAnimationFrame(() => setTimeout(() => done(performance.now() - t), 0)); })""",
                        [lo, hi]))
                    assert page.evaluate("window.geoCounts.attacks") == n and not errors, errors
                    renderer = page.evaluate("window.geoCounts.renderer")
                    ctx.close()
                times.sort()
                filters.sort()
                rows.append((n, layers_s, render_s, len(page_html.encode("utf-8")) / 1e6, times[len(times) // 2],
                             filters[len(filters) // 2], renderer))
                print(f"{n:>7} incidents: layers {layers_s:5.2f} s, map {render_s:5.2f} s, html {rows[-1][3]:6.1f} MB, "
                      f"interactive {rows[-1][4]:5.2f} s, time filter {rows[-1][5]:6.1f} ms ({renderer})", flush=True)
            browser.close()
        server.shutdown()
    print("\n| incidents | layers (s) | make_map + render_html (s) | HTML (MB) | interactive in Chromium (s) "
          "| time filter (ms) | renderer |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for n, lay, r, mb, ti, f, how in rows:
        print(f"| {n:,} | {lay:.2f} | {r:.2f} | {mb:.1f} | {ti:.2f} | {f:.0f} | {how} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
