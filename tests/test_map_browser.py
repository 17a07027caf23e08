"""The map in a real browser: Playwright driving Debian's Chromium, served from 127.0.0.1.

Every request that is not to 127.0.0.1 or a local file is blocked (tiles get a blank
image so that a blocked tile is not counted as a page error). Pages are built
``--self-contained``, since Leaflet itself must load without the network.
"""
from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import DATA, SEEDS, run_geo
from geo import maps
from geo.export import geojson_text
from geo.models import Relocation, Source
from geo.screenshot import block_network, chromium_path, is_local, launch
from map_fixtures import QUOTES, XSS_IMG, XSS_SCRIPT, frames, sample_build, synthetic_build

# Not importorskip: the test extra installs Playwright, and a skipped browser test would hide a broken map.
from playwright import sync_api  # noqa: E402


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A folder of built maps served over HTTP on 127.0.0.1; yields (folder, base URL)."""
    root = tmp_path_factory.mktemp("site")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if chromium_path() is None:
        pytest.fail("no Chromium: apt-get install chromium (or set GEO_CHROMIUM)")
    with sync_api.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


class Page:
    """A page with its console errors, page errors, dialogs and non-local requests recorded."""

    def __init__(self, browser, **context):
        self.context = browser.new_context(viewport={"width": 1200, "height": 800}, **context)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.errors, self.dialogs, self.remote = [], [], []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda r: None if is_local(r.url) else self.remote.append((r.resource_type, r.url)))

    def _dialog(self, d):
        self.dialogs.append(d.message)
        d.dismiss()

    def open(self, url: str):
        self.page.goto(url)
        self.page.wait_for_function("() => window.geoReady", timeout=30_000)
        return self.page

    def count(self, selector: str) -> int:
        return self.page.locator(selector).count()


@pytest.fixture
def page(browser):
    p = Page(browser)
    block_network(p.page)
    yield p
    p.context.close()


@pytest.fixture(scope="module")
def sample(site):
    """The made-up build's map and GeoJSON, written into the served folder."""
    root, base = site
    fr = frames(sample_build())
    (root / "sample.html").write_text(maps.render_html(maps.make_map(*fr, title=f"Test {XSS_SCRIPT}",
                                                                     self_contained=True)), encoding="utf-8")
    counts = {name: len(json.loads(geojson_text(f))["features"]) for name, f in zip(("places", "incidents",
                                                                                       "relocations"), fr)}
    return f"{base}/sample.html", counts


def _toggle(pg, label: str):
    pg.locator(".leaflet-control-layers-overlays label", has_text=label).locator("input").click()


def _popup_text(pg) -> str:
    # A closed popup fades out for 200 ms before it leaves the DOM: wait for the one open popup.
    pg.wait_for_function("() => document.querySelectorAll('.leaflet-popup').length === 1")
    return pg.locator(".leaflet-popup-content").inner_text()


def _set_window(pg, lo: str, hi: str):
    pg.fill("#geo-time-to", str(maps.month_span(hi)[1]))
    pg.fill("#geo-time-from", str(maps.month_span(lo)[0]))


def test_sample_map_draws_every_feature_without_errors(page, sample):
    url, counts = sample
    pg = page.open(url)
    assert pg.locator(".leaflet-container").count() == 1
    assert pg.locator(".leaflet-control-layers").count() == 1
    overlays = pg.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert [t.strip() for t in overlays] == ["Places", "Relocations", "Attacks", "Heat (casualties)"]
    assert page.count("path.geo-attack") == counts["incidents"] == 4
    assert page.count("path.geo-relocation") == counts["relocations"] == 2
    assert page.count("path.geo-relocation-arrow") == 2
    assert page.count("path.geo-place") == counts["places"] == 5
    # precision circles for uncertain places that are not countries (2, 5 and 3 km; 1 km is not drawn)
    assert page.count("path.geo-precision") == 3
    assert pg.locator(".geo-legend").count() == 1
    assert page.errors == [] and page.dialogs == []
    assert {kind for kind, _ in page.remote} <= {"image"}  # only tiles were asked for, and blocked


def test_unticking_a_layer_removes_its_elements_and_ticking_restores_them(page, sample):
    pg = page.open(sample[0])
    for label, selector, n in (("Attacks", "path.geo-attack", 4), ("Relocations", "path.geo-relocation", 2),
                               ("Places", "path.geo-place", 5)):
        _toggle(pg, label)
        assert page.count(selector) == 0, label
        _toggle(pg, label)
        assert page.count(selector) == n, label
    assert pg.locator("canvas.leaflet-heatmap-layer").count() == 0  # heat is off by default
    _toggle(pg, "Heat")
    assert pg.locator("canvas.leaflet-heatmap-layer").count() == 1
    _toggle(pg, "Heat")
    assert pg.locator("canvas.leaflet-heatmap-layer").count() == 0
    assert page.errors == []


def test_clicking_an_attack_opens_a_popup_with_its_quote(page, sample):
    pg = page.open(sample[0])
    pg.locator('path.geo-attack[data-geo-id="a-2"]').click()
    popup = pg.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert QUOTES["a-2"] in text
    assert "doc-two" in text and "2011-07 (known to the month)" in text
    assert "Killed" in text and "3" in text and "not stated" in text  # injured is unknown


def test_sources_link_to_the_kept_text_and_the_source_page(page, sample):
    pg = page.open(sample[0])
    pg.locator('path.geo-attack[data-geo-id="a-2"]').click()
    cite = pg.locator(".leaflet-popup-content cite")
    cite.wait_for()
    links = cite.locator("a").evaluate_all("els => els.map(e => [e.textContent, e.getAttribute('href'), e.rel])")
    assert links == [["doc-two", "texts/doc-two.txt", "noopener noreferrer"],
                     ["source", "https://news.example.org/two", "noopener noreferrer"]]
    assert page.errors == []


def test_relocation_and_place_popups_show_their_data(page, sample):
    pg = page.open(sample[0])
    pg.locator('path.geo-place[data-geo-id="test:gamma"]').click()
    text = _popup_text(pg)
    assert "Gamma Port" in text and "city, YY" in text and "\u00b15.0 km" not in text and "\u00b13 km" in text
    pg.evaluate("window.geoApi.map.setView([33.7, 44.55], 8, {animate: false})")
    # A curve's bounding-box centre is off the line: click the point halfway along it.
    x, y = pg.locator('path.geo-relocation[data-geo-id="r-1"]').evaluate("""el => {
        const p = el.getPointAtLength(el.getTotalLength() / 2), m = el.getScreenCTM();
        return [p.x * m.a + p.y * m.c + m.e, p.x * m.b + p.y * m.d + m.f]; }""")
    pg.mouse.click(x, y)
    text = _popup_text(pg)
    assert "Relocation: North Camp \u2192 Beta City" in text
    assert "3000" in text and "2012-02 (known to the month) to 2012-09" in text and QUOTES["r-1"] in text


def test_play_sweeps_the_window_from_the_first_month(page, sample):
    pg = page.open(sample[0])
    pg.click("#geo-time-play")
    assert pg.locator("#geo-time-play").inner_text().endswith("Pause")
    first = maps.month_span("2010-03")[0]
    pg.wait_for_function(f"() => +document.getElementById('geo-time-to').value > {first + 1}")
    assert pg.locator("#geo-time-from").input_value() == str(first)
    assert pg.locator("#geo-time-label").inner_text().startswith("2010-03 \u2013 ")
    pg.click("#geo-time-play")  # pause
    assert pg.locator("#geo-time-play").inner_text().endswith("Play")
    stopped = pg.locator("#geo-time-to").input_value()
    pg.wait_for_timeout(900)
    assert pg.locator("#geo-time-to").input_value() == stopped
    assert page.errors == []


def test_moving_the_time_control_changes_the_visible_incidents(page, sample):
    pg = page.open(sample[0])
    assert pg.locator("#geo-time-label").inner_text() == "All dates"
    painted = """() => { const c = document.querySelector('.geo-time-strip'), ctx = c.getContext('2d');
        const d = ctx.getImageData(0, 0, c.width, c.height).data; let n = 0, red = 0;
        for (let i = 0; i < d.length; i += 4) { if (d[i + 3]) n++; if (d[i] === 0xc0 && d[i + 1] === 0x39) red++; }
        return [n, red]; }"""
    drawn, red = pg.evaluate(painted)
    assert drawn > 0 and red == drawn  # killed per month, all inside the window
    _set_window(pg, "2011-07", "2011-07")
    drawn2, red2 = pg.evaluate(painted)
    assert drawn2 == drawn and 0 < red2 < drawn  # only the window's month stays dark
    assert pg.locator("#geo-time-label").inner_text() == "2011-07 \u2013 2011-07"
    visible = pg.locator("path.geo-attack").evaluate_all("els => els.map(e => e.dataset.geoId)")
    assert visible == ["a-2"]
    assert page.count("path.geo-relocation") == 0
    # A month inside 2012: the year-only raid and the February–September move are both in it.
    _set_window(pg, "2012-05", "2012-05")
    assert pg.locator("path.geo-attack").evaluate_all("els => els.map(e => e.dataset.geoId)") == ["a-3"]
    assert pg.locator("path.geo-relocation").evaluate_all("els => els.map(e => e.dataset.geoId)") == ["r-1"]
    assert "1 of 4 incidents" in pg.locator(".geo-time-note").inner_text()
    pg.click("#geo-time-all")
    assert page.count("path.geo-attack") == 4 and page.count("path.geo-relocation") == 2
    assert page.errors == []


def test_injected_markup_shows_as_text_and_runs_nothing(page, sample):
    pg = page.open(sample[0])
    assert pg.title() == f"Test {XSS_SCRIPT}"  # escaped in <title>, so read back literally
    assert XSS_SCRIPT in pg.locator(".geo-title").inner_text()
    pg.locator('path.geo-attack[data-geo-id="a-4"]').click()
    popup = pg.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert XSS_IMG in text and XSS_SCRIPT in text and "javascript:alert(3)" in text
    assert "doc-<b>three</b>" in text
    assert popup.locator("img, script, b").count() == 0
    # the only link is the kept text's (relative, the id escaped); the javascript: "URL" is no link
    assert popup.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))") == [
        "texts/doc-%3Cb%3Ethree%3C/b%3E.txt"]  # "/" in an id is a folder of texts/
    pg.locator('path.geo-attack[data-geo-id="a-4"]').hover()
    assert XSS_IMG in pg.locator(".leaflet-tooltip").inner_text()  # the place's name, in the tooltip
    assert pg.locator("img[src=x], img[src$='/x']").count() == 0
    pg.wait_for_timeout(200)
    assert page.dialogs == [] and page.errors == []


def test_canvas_renderer_above_the_svg_limit_still_filters_and_opens_popups(page, site):
    root, base = site
    build = synthetic_build(maps.SVG_MAX_FEATURES + 500)
    (root / "big.html").write_text(maps.render_html(maps.make_map(*frames(build), self_contained=True)),
                                   encoding="utf-8")
    pg = page.open(f"{base}/big.html")
    counts = pg.evaluate("window.geoCounts")
    assert counts["renderer"] == "canvas" and counts["attacks"] == maps.SVG_MAX_FEATURES + 500
    assert page.count("path.geo-attack") == 0 and pg.locator("canvas.geo-dots").count() == 1
    assert pg.evaluate("window.geoState.visible.attacks") == counts["attacks"]
    _set_window(pg, "2010-01", "2010-12")
    shown = pg.evaluate("window.geoState.visible.attacks")
    expected = sum(1 for i in build.incidents if i.date.startswith("2010"))
    assert shown == expected
    ids = pg.evaluate("window.geoApi.attackIds.filter((id, i) => window.geoApi.attackVisible(i))")
    assert sorted(ids) == sorted(i.incident_id for i in build.incidents if i.date.startswith("2010"))
    _toggle(pg, "Attacks")
    assert pg.locator("canvas.geo-dots").count() == 0
    _toggle(pg, "Attacks")
    assert pg.locator("canvas.geo-dots").count() == 1
    # Click on a drawn marker's pixel: the layer's own hit-test opens its popup.
    i = pg.evaluate("window.geoApi.attackIds.findIndex((id, i) => window.geoApi.attackVisible(i))")
    x, y = pg.evaluate(f"window.geoApi.attackPoint({i})")
    pg.mouse.click(x, y)
    pg.locator(".leaflet-popup-content").wait_for()
    assert "Synthetic incident" in pg.locator(".leaflet-popup-content").inner_text()
    assert page.errors == []


@pytest.fixture(scope="module")
def seed_site(site):
    root, base = site
    out = root / "seed"
    run_geo("build", "--documents", SEEDS, "--data", DATA, "--out", out, "--self-contained", "-q",
            "--title", "Seeds <i>map</i>")
    counts = {n: len(json.loads((out / f"{n}.geojson").read_text(encoding="utf-8"))["features"])
              for n in ("places", "incidents", "relocations")}
    return out, f"{base}/seed/index.html", counts


def test_seed_map_draws_what_the_geojson_holds(page, seed_site):
    _, url, counts = seed_site
    pg = page.open(url)
    assert pg.title() == "Seeds <i>map</i>" and pg.locator(".geo-title i").count() == 0  # --title, escaped
    assert pg.locator(".leaflet-container").count() == 1
    assert pg.locator(".leaflet-control-layers").count() == 1
    assert pg.evaluate("window.geoCounts.renderer") == "svg"
    assert page.count("path.geo-attack") == counts["incidents"]
    assert page.count("path.geo-relocation") == counts["relocations"]
    assert page.count("path.geo-place") == counts["places"] > 0
    _toggle(pg, "Places")
    assert page.count("path.geo-place") == 0
    _toggle(pg, "Places")
    assert page.count("path.geo-place") == counts["places"]
    if counts["incidents"]:
        # after the places were ticked again, attacks are still on top and open their own popup
        pg.locator("path.geo-attack").last.click()
        pg.locator(".leaflet-popup-content blockquote").first.wait_for()
    assert page.errors == [] and page.dialogs == []


def test_self_contained_seed_map_renders_with_all_network_off(browser, seed_site):
    out, _, counts = seed_site
    p = Page(browser, offline=True)
    failed = []
    p.page.on("requestfailed", lambda r: failed.append((r.resource_type, r.url)))
    p.page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    try:
        pg = p.open((out / "index.html").as_uri())
        assert pg.evaluate("typeof L.heatLayer") == "function"
        assert p.count("path.geo-place") == counts["places"]
        assert p.count("path.geo-attack") == counts["incidents"]
        # Nothing but map tiles was even requested from the network.
        assert p.remote and {kind for kind, _ in p.remote} == {"image"}
        assert {kind for kind, _ in failed} == {"image"}
        assert all("Failed to load resource" in e for e in p.errors), p.errors
    finally:
        p.context.close()


def test_linked_map_needs_the_network_for_leaflet(browser, tmp_path):
    # The counterpart of the test above: without --self-contained, Leaflet comes from a CDN.
    out = tmp_path / "linked"
    run_geo("build", "--documents", SEEDS, "--data", DATA, "--out", out, "-q")
    p = Page(browser, offline=True)
    p.page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    try:
        p.page.goto((out / "index.html").as_uri())
        p.page.wait_for_timeout(300)
        assert ("script", maps.LEAFLET_JS_CDN) in p.remote
        assert p.page.evaluate("typeof window.L") == "undefined"
    finally:
        p.context.close()


def test_screenshot_command_writes_a_png_of_the_drawn_map(sample, site, tmp_path):
    root, _ = site
    png = tmp_path / "shot.png"
    run_geo("screenshot", root / "sample.html", "--out", png, "--width", "900", "--height", "600", "-q")
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (900, 600)
    import matplotlib.image as mpimg

    img = mpimg.imread(png)[..., :3]
    # the attacks' red (#d62728, drawn half-transparent) is somewhere on the picture
    reddish = ((img[..., 0] > 0.75) & (img[..., 1] < 0.55) & (img[..., 2] < 0.55)).sum()
    assert reddish > 50
    proc = run_geo("screenshot", tmp_path / "missing.html", "--out", png, check=False)
    assert proc.returncode == 2 and "missing.html" in proc.stderr
    proc = run_geo("screenshot", root / "sample.html", "--out", png, "--popup", "no-such-id", check=False)
    assert proc.returncode == 2 and "no-such-id" in proc.stderr
    assert png.read_bytes() == data  # a failed screenshot leaves the old picture


def test_markup_in_a_document_and_a_csv_stays_text_through_the_whole_pipeline(page, site):
    root, base = site
    docs, data, out = root / "e2e-docs", root / "e2e-data", root / "e2e"
    docs.mkdir()
    data.mkdir()
    (docs / "note.txt").write_text(
        "Witnesses said gunmen attacked a market in Baghdad on 3 May 2015, killing 7 people. "
        f"A sign there read {XSS_IMG} in red paint.\n", encoding="utf-8")
    (data / "incidents.csv").write_text(
        "incident_id,type,date,date_precision,place,killed,injured,summary,document,quote,citation\n"
        f'market,attack,2015-05-03,day,Baghdad,7,,"Market attack {XSS_SCRIPT}",note,'
        f'"A sign there read {XSS_IMG} in red paint.",\n', encoding="utf-8")
    run_geo("build", "--documents", docs, "--data", data, "--out", out, "--self-contained", "-q")
    features = json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))["features"]
    assert [f["properties"]["incident_id"] for f in features] == ["market"]
    pg = page.open(f"{base}/e2e/index.html")
    pg.locator('path.geo-attack[data-geo-id="market"]').click()
    text = _popup_text(pg)
    assert f"A sign there read {XSS_IMG} in red paint." in text and f"Market attack {XSS_SCRIPT}" in text
    assert pg.locator(".leaflet-popup-content img, .leaflet-popup-content script").count() == 0
    pg.wait_for_timeout(200)
    assert page.dialogs == [] and page.errors == []


def test_a_move_to_places_near_its_origin_is_a_ring_that_opens_its_popup(page, site):
    # regression: a move whose ends are one place ("evacuated to safer areas") was a line of no length: invisible
    root, base = site
    build = sample_build()
    build.relocations[:] = [Relocation("r-near", "test:beta", "test:beta", "2014-05-02", None, "day", 250,
                                       "Residents evacuated to safer areas.", "extracted", 0.9,
                                       [Source("doc-two", "250 residents of Beta City were evacuated to safer areas",
                                               0, 55, people=250)])]
    (root / "near.html").write_text(maps.render_html(maps.make_map(*frames(build), self_contained=True)),
                                    encoding="utf-8")
    pg = page.open(f"{base}/near.html")
    ring = pg.locator('path.geo-relocation[data-geo-id="r-near"]')
    box = ring.bounding_box()
    assert box["width"] > 10 and box["height"] > 10 and page.count("path.geo-relocation-arrow") == 0
    pg.mouse.click(box["x"] + box["width"] / 2, box["y"] + 1)  # on the ring's top edge
    assert "Relocation: Beta City \u2192 Beta City" in _popup_text(pg)
