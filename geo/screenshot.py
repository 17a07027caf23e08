"""PNG screenshot of a built map with headless Chromium (Playwright).

Playwright's own browser download is not needed: it drives the system's
Chromium (Debian's ``chromium`` package) through ``executable_path``. By default
the page may load nothing but local files and 127.0.0.1: tile requests are
answered with a transparent tile, so a screenshot never depends on (or leaks
to) the network. ``allow_network=True`` lets tiles load where there is network.

Without tiles a map has no background, so an offline screenshot draws country
outlines under the data: Natural Earth's 1:110m countries, the copy that
pyogrio (a dependency) ships with its tests. Where that file is missing the
screenshot simply has no background.

Documentation: docs/map.md.
"""
from __future__ import annotations

import base64
import importlib.resources
import os
import shutil
from pathlib import Path

from .errors import GeoError, InputError

#: Chromium flags for a quiet headless run: no sandbox (containers, root), no
#: background traffic to Google services.
CHROMIUM_ARGS = ("--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--disable-default-apps")
#: A 1×1 transparent PNG, served for every blocked tile.
BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=")


def countries_geojson() -> str | None:
    """Natural Earth low-resolution country polygons as GeoJSON text, or None when not installed."""
    try:
        import geopandas as gpd
        import pyogrio
    except ImportError:
        return None
    path = Path(pyogrio.__file__).parent / "tests" / "fixtures" / "naturalearth_lowres" / "naturalearth_lowres.shp"
    if not path.is_file():
        return None
    frame = gpd.read_file(path)[["geometry"]]
    frame["geometry"] = frame.geometry.simplify(0.05)
    return frame.to_json(drop_id=True)


# Drawn when tiles cannot load: country outlines under the data (a real file, linted with ESLint).
_BACKGROUND_JS = (importlib.resources.files("geo").joinpath("static", "screenshot-background.js")
                  .read_text(encoding="utf-8"))


def chromium_path() -> str | None:
    """The Chromium binary: ``$GEO_CHROMIUM``, else ``chromium`` on PATH, else None (Playwright's own)."""
    env = os.environ.get("GEO_CHROMIUM")
    if env:
        return env
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def is_local(url: str) -> bool:
    """True for URLs a test or screenshot may load without the network."""
    return url.startswith(("file:", "data:", "blob:", "about:")) or any(
        url.startswith(f"{scheme}://{host}") for scheme in ("http", "https", "ws")
        for host in ("127.0.0.1", "localhost", "[::1]"))


def block_network(page) -> None:
    """Route every non-local request of a Playwright ``page``: images get a blank tile, the rest is aborted."""
    def handle(route):
        req = route.request
        if is_local(req.url):
            route.continue_()
        elif req.resource_type == "image":
            route.fulfill(status=200, content_type="image/png", body=BLANK_PNG)
        else:
            route.abort()

    page.route("**/*", handle)


def launch(playwright, **kwargs):
    """Launch headless Chromium with :data:`CHROMIUM_ARGS` (system binary when there is one)."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=list(CHROMIUM_ARGS), **kwargs)


def screenshot(html_path: Path, *, width: int = 1200, height: int = 800, allow_network: bool = False,
               popup: str | None = None, timeout_ms: int = 60_000) -> bytes:
    """Render a map page in headless Chromium and return a PNG of the viewport.

    Parameters
    ----------
    html_path : pathlib.Path
        A page written by ``python -m geo build`` (``index.html``).
    width, height : int
        Viewport size in CSS pixels.
    allow_network : bool
        Let tiles (and CDN scripts) load; by default only local files load, so
        the page must be built with ``--self-contained`` to show its data.
    popup : str, optional
        An ``incident_id`` whose popup (summary, sources' quotes) is opened.
    timeout_ms : int
        How long to wait for the map to be drawn.

    Returns
    -------
    bytes
        The PNG.

    Raises
    ------
    InputError
        When the file does not exist, the page never draws its map, or ``popup``
        names no incident of the map.
    GeoError
        When Playwright is not installed.
    """
    html_path = Path(html_path).resolve()
    if not html_path.is_file():
        raise InputError(html_path, "no such map file (run python -m geo build first)")
    try:
        from playwright.sync_api import Error as PlaywrightError, sync_playwright
    except ImportError as e:  # an optional dependency: say how to get it
        raise GeoError("the screenshot needs Playwright and Chromium: pip install 'geo[screenshot]' and "
                       "apt-get install chromium") from e
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            if not allow_network:
                block_network(page)
            page.goto(html_path.as_uri())
            try:
                page.wait_for_function("window.geoReady", timeout=timeout_ms)
            except PlaywrightError as e:
                raise InputError(html_path, "the map did not draw (built without --self-contained and no "
                                            f"network? {e.message.splitlines()[0]})") from e
            if allow_network:
                page.wait_for_load_state("networkidle", timeout=timeout_ms)
            else:
                background = countries_geojson()
                if background:
                    page.evaluate(_BACKGROUND_JS, background)
            if popup is not None:
                i = page.evaluate("(id) => window.geoApi.attackIds.indexOf(id)", popup)
                if i < 0:
                    raise InputError(html_path, f"no incident {popup!r} on this map")
                page.evaluate("(i) => window.geoApi.openAttack(i)", i)
            page.wait_for_timeout(300)  # let fade-in animations finish
            return page.screenshot(type="png")
        finally:
            browser.close()
