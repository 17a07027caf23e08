"""Markup in every input field, end to end: documents and curated CSVs → CLI → map in Chromium and exports.

The inputs put ``<script>``, ``<img onerror>``, ``javascript:`` URLs, template
syntax and quotes into document text, document titles and every free-text
field of gazetteer.csv, incidents.csv and relocations.csv. The map (built
``--self-contained``, served from 127.0.0.1, every other request blocked) must
show them as text and run nothing; every export must hold them verbatim.
"""
from __future__ import annotations

import csv
import functools
import json
import re
import threading
import xml.etree.ElementTree as ET
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import geopandas as gpd
import pytest

from conftest import run_geo
from geo.screenshot import block_network, chromium_path, launch

sync_api = pytest.importorskip("playwright.sync_api")

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>alert(2)</script>"
JS = "javascript:alert(3)"
TEMPLATE = "${alert(4)}"
QUOTES = "\"double\" 'single' `back`"
NASTY = f"{IMG} {SCRIPT} {JS} {TEMPLATE} {QUOTES}"

SENTENCE = f"Gunmen raided Zedcamp at dawn and killed 7 people, a witness wrote: {IMG} {SCRIPT}."
TEXT = f"Report {TEMPLATE} {QUOTES}.\n{SENTENCE}\nLater 80 people were moved from Zedcamp to Baghdad.\n"
MOVE = "Later 80 people were moved from Zedcamp to Baghdad."


def _write_csv(path, header, rows):
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("nasty")
    (root / "docs").mkdir()
    (root / "docs" / "wire.txt").write_text(TEXT, encoding="utf-8")
    data = root / "data"
    data.mkdir()
    _write_csv(data / "documents.csv", ["document", "published", "title", "date_note"],
               [["wire", "2015-06-02", f"Wire {NASTY}", f"note {NASTY}"]])
    _write_csv(data / "gazetteer.csv", ["name", "aliases", "kind", "lat", "lon", "precision_km", "country_code", "source"],
               [[f"Zedcamp {IMG}", "Zedcamp", "site", "33.5", "44.5", "2", "IQ", f"source {NASTY}"]])
    _write_csv(data / "incidents.csv", ["incident_id", "type", "date", "date_precision", "place", "killed", "injured",
                                        "summary", "document", "quote", "citation"],
               [["zed-raid", "raid", "2015-06-01", "day", "Zedcamp", "7", "", f"summary {NASTY}", "wire", SENTENCE, ""],
                ["zed-cited", "attack", "2014", "year", "Zedcamp", "", "2", f"cited {NASTY}", "", "", f"cite {NASTY}"]])
    _write_csv(data / "relocations.csv", ["relocation_id", "date", "date_end", "date_precision", "from_place",
                                          "to_place", "people", "summary", "document", "quote", "citation"],
               [["zed-move", "2015-06", "", "month", "Zedcamp", "Baghdad", "80", f"moved {NASTY}", "wire", MOVE, ""]])
    out = root / "out"
    run_geo("build", "--documents", root / "docs", "--data", data, "--out", out, "--self-contained", "-q")
    for fmt in ("csv", "gpkg", "kml"):
        run_geo("export", "--documents", root / "docs", "--data", data, "--format", fmt, "--out", root / fmt, "-q")
    return root


@pytest.fixture(scope="module")
def served(inputs):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(inputs / "out")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_the_build_kept_every_record(inputs):
    incidents = json.loads((inputs / "out" / "incidents.geojson").read_text())["features"]
    by_id = {f["properties"]["incident_id"]: f["properties"] for f in incidents}
    assert {"zed-raid", "zed-cited"} <= set(by_id)
    assert by_id["zed-raid"]["summary"] == f"summary {NASTY}"
    assert by_id["zed-raid"]["sources"][0]["quote"] == SENTENCE
    assert by_id["zed-cited"]["sources"][0]["quote"] == f"cite {NASTY}"
    moves = json.loads((inputs / "out" / "relocations.geojson").read_text())["features"]
    assert "zed-move" in {f["properties"]["relocation_id"] for f in moves}


def test_map_shows_markup_as_text_and_runs_nothing(served):
    if chromium_path() is None:
        pytest.fail("no Chromium: apt-get install chromium (or set GEO_CHROMIUM)")
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        try:
            context = browser.new_context(viewport={"width": 1200, "height": 800})
            page = context.new_page()
            page.set_default_timeout(15_000)
            errors, dialogs = [], []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            block_network(page)
            page.goto(served)
            page.wait_for_function("() => window.geoReady", timeout=30_000)
            texts = {}
            for selector in ('path.geo-attack[data-geo-id="zed-raid"]', 'path.geo-attack[data-geo-id="zed-cited"]',
                             "path.geo-relocation"):
                page.locator(selector).first.dispatch_event("click")  # same spot: click this one, not the top one
                popups = page.locator(".leaflet-popup-content")
                popups.first.wait_for()
                texts[selector] = "\n".join(popups.all_inner_texts())
                # Nothing from the data became an element: no img, script, javascript: link, iframe.
                assert page.locator(".leaflet-popup-content :is(img, script, iframe, a[href^='javascript'])"
                                    ).count() == 0, selector
                page.evaluate("document.querySelectorAll('.leaflet-popup-close-button').forEach(b => b.click())")
                page.locator(".leaflet-popup-content").first.wait_for(state="detached")
            page.wait_for_timeout(300)
            assert dialogs == [] and errors == []
            assert page.locator("img[src=x], img[src$='/x'], img[onerror]").count() == 0
            assert page.evaluate("document.querySelectorAll('script:not([src])').length") >= 1
            raid = texts['path.geo-attack[data-geo-id="zed-raid"]']
            assert f"summary {NASTY}" in raid and IMG in raid and SCRIPT in raid
            assert f"cite {NASTY}" in texts['path.geo-attack[data-geo-id="zed-cited"]']
            assert f"moved {NASTY}" in texts["path.geo-relocation"]
        finally:
            browser.close()


def test_every_export_holds_the_markup_verbatim(inputs):
    rows = {r["event_id"]: r for r in csv.DictReader((inputs / "csv" / "incidents.csv").open(encoding="utf-8"))}
    assert rows["zed-raid"]["notes"] == f"summary {NASTY}"
    assert rows["zed-raid"]["location"] == f"Zedcamp {IMG}"
    assert json.loads(rows["zed-raid"]["sources"])[0]["quote"] == SENTENCE
    assert rows["zed-cited"]["source"] == f"cite {NASTY}"
    gp = gpd.read_file(inputs / "gpkg" / "geo.gpkg", layer="relocations")
    assert list(gp["summary"]) == [f"moved {NASTY}"]
    root = ET.parse(inputs / "kml" / "incidents.kml").getroot()  # well-formed XML
    ns = "{http://www.opengis.net/kml/2.2}"
    descriptions = " ".join(d.text or "" for d in root.iter(f"{ns}description"))
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in descriptions and "<script" not in descriptions
    assert "&lt;img src=x onerror=alert(1)&gt;" in descriptions and "<img" not in descriptions
    names = [n.text for n in root.iter(f"{ns}name")]
    assert f"2015-06-01 raid Zedcamp {IMG}" in names  # a KML <name> is plain text, not HTML


# --- the Content-Security-Policy: a second line of defence ---------------------------------------------------

INJECTED = ('<script>window.injectedInline = 1</script>'
            '<img src="data:," onerror="window.injectedHandler = 1">'
            '<script src="http://127.0.0.1:9/evil.js"></script>')


def _open(page, url):
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    block_network(page)
    page.goto(url)
    page.wait_for_function("() => window.geoReady", timeout=30_000)
    page.wait_for_timeout(300)
    return violations


def test_policy_lets_the_map_work_and_blocks_an_injected_script(inputs, served):
    if chromium_path() is None:
        pytest.fail("no Chromium: apt-get install chromium (or set GEO_CHROMIUM)")
    page_html = (inputs / "out" / "index.html").read_text(encoding="utf-8")
    assert page_html.count('http-equiv="Content-Security-Policy"') == 1
    # As if markup had got past the escaping: injected into the body of a copy of the page.
    (inputs / "out" / "injected.html").write_text(page_html.replace("<body>", "<body>" + INJECTED, 1),
                                                  encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            errors = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            assert _open(page, served) == []  # the page as built: nothing refused, the map drawn
            assert page.locator("path.geo-attack").count() >= 2 and errors == []
            page.locator('path.geo-attack[data-geo-id="zed-raid"]').first.dispatch_event("click")
            page.locator(".leaflet-popup-content").first.wait_for()

            injected = browser.new_page(viewport={"width": 1200, "height": 800})
            violations = _open(injected, served.replace("index.html", "injected.html"))
            assert injected.evaluate("[window.injectedInline, window.injectedHandler]") == [None, None]
            assert injected.locator("path.geo-attack").count() >= 2  # the page's own scripts still run
            # Chromium's wording changes between versions ("Refused to execute inline script because it
            # violates …", "Executing inline script violates …"): what was refused is what counts.
            refused = " ".join(violations)
            assert re.search(r"inline script", refused) and re.search(r"inline event handler", refused), refused
            assert "http://127.0.0.1:9/evil.js" in refused, refused
            assert "blocked" in refused or "Refused" in refused
        finally:
            browser.close()
