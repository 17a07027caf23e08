"""Stage 5 — the map: layered Leaflet (folium) from the layers' GeoDataFrames.

Design (why it looks like this):

* folium builds the page frame (map, base layers, one ``FeatureGroup`` per
  overlay, the layer control); the data go into the page **once**, as one JSON
  object, and a small static script (``geo/static/map.js``) draws them. One JS object per
  marker written by Python would make 100k incidents a 100 MB page that takes
  minutes to parse; a JSON blob plus Leaflet's canvas renderer stays interactive.
* Every text from the data is put into the DOM with ``textContent`` (popups,
  tooltips, time labels) and the JSON is embedded with ``<``, ``>``, ``&`` and
  the JS line separators escaped, so a document saying ``<script>`` shows it.
  The few strings Python puts into HTML itself (title, legend) go through
  :func:`html.escape`.
* ``self_contained=True`` inlines Leaflet (from the ``XStatic-Leaflet`` wheel)
  and the heat plugin (the copy folium ships in its package) instead of linking
  a CDN, so the data layers render with the network off.
* Element ids are numbered, not random (see :func:`deterministic_ids`), and
  everything is sorted, so the same frames render the same bytes.

Documentation: docs/map.md.
"""
from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import importlib.resources
import itertools
import json
import math
import re
from pathlib import Path

import folium
import jinja2
import markupsafe
import geopandas as gpd
import xyzservices.providers as xyz
from branca.element import Element, MacroElement
from folium.template import Template

#: Leaflet's version: the CDN links and the inlined XStatic copy must agree.
LEAFLET_VERSION = "1.9.3"
LEAFLET_JS_CDN = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"
LEAFLET_CSS_CDN = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"
#: folium's own HeatMap plugin links this; the same file ships inside folium's wheel.
HEAT_JS_CDN = "https://cdn.jsdelivr.net/gh/python-visualization/folium@main/folium/templates/leaflet_heat.min.js"

#: Above this many drawn features, use Leaflet's canvas renderer (one <canvas>
#: instead of one SVG <path> per feature): 100k SVG paths freeze a browser.
SVG_MAX_FEATURES = 3000
#: Attack circle radii in px: area ∝ killed up to MAX at the largest toll.
RADIUS_MIN, RADIUS_MAX, RADIUS_UNKNOWN = 5.0, 28.0, 4.0
#: Relocation line widths in px: width ∝ sqrt(people moved).
WIDTH_MIN, WIDTH_MAX = 2.0, 12.0
#: Draw a dashed circle of ``precision_km`` around places at least this uncertain.
PRECISION_CIRCLE_MIN_KM = 2.0
#: Colours for incident types, assigned in sorted order of the types present.
TYPE_COLOURS = ("#d62728", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
                "#7f7f7f", "#2ca02c", "#1f77b4")
RELOCATION_COLOUR = "#1f4e9c"
#: Records a person reviewed (``geo review --apply``, origin "reviewed"): a dark ring round an
#: attack's circle, a dark casing along a relocation's line.
REVIEWED_COLOUR, REVIEWED_WEIGHT = "#111111", 3.0
PLACE_STYLES = {  # kind → (fill, stroke, radius); sites stand out from cities and countries
    "site": ("#ffd400", "#222222", 7),
    "city": ("#ffffff", "#444444", 5),
}
PLACE_STYLE_OTHER = ("#bbbbbb", "#777777", 4)
DEFAULT_TITLE = "Incidents and relocations"

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@contextlib.contextmanager
def deterministic_ids():
    """Number branca elements 0, 1, 2, … instead of giving them random ids.

    branca names every element with ``urandom``; ids also end up as keys of
    ``_children`` when an element is added, so they must be fixed at creation.
    Build every element of a map inside this context for byte-identical output.
    """
    counter = itertools.count()
    original = Element.__dict__["_generate_id"]
    Element._generate_id = classmethod(lambda cls: f"{next(counter):06x}")
    try:
        yield
    finally:
        Element._generate_id = original


# --------------------------------------------------------------------------- data


def month_span(date: str | None, date_end: str | None = None) -> tuple[int, int] | None:
    """The months an ISO date (or date range) covers, as month numbers ``year*12 + month-1``.

    A year-only date covers its twelve months, a month-only date its month.

    Parameters
    ----------
    date, date_end : str or None
        ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ``date_end`` (optional) closes a range.

    Returns
    -------
    tuple of int or None
        ``(first, last)`` inclusive, or None when ``date`` is missing or not ISO
        (an unreadable ``date_end`` leaves the span of ``date``).
    """
    def bounds(d):
        m = _DATE.match(d or "")
        if not m:
            return None
        y = int(m.group(1))
        if m.group(2) is None:
            return y * 12, y * 12 + 11
        mo = int(m.group(2))
        if not 1 <= mo <= 12:
            return None
        return y * 12 + mo - 1, y * 12 + mo - 1

    start = bounds(date)
    if start is None:
        return None
    end = bounds(date_end) if date_end else None
    return start[0], max(start[1], end[1]) if end else start[1]


def month_label(month: int) -> str:
    """``YYYY-MM`` of a month number from :func:`month_span`."""
    return f"{month // 12:04d}-{month % 12 + 1:02d}"


def _int(v) -> int | None:
    # object columns keep None, but guard against NaN from other frame builders.
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return int(v)


def _text(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return str(v)


def _range(v):
    return [int(x) for x in v] if v is not None and not (isinstance(v, float) and math.isnan(v)) else None


def _sources(v) -> list[dict]:
    out = []
    for s in v or []:
        # start: a quote from a document (links to its kept text); url: the source page, http(s) only
        url = _text(s.get("url"))
        src = {"document": _text(s.get("document")), "quote": _text(s.get("quote")), "start": _int(s.get("start")),
               "url": url if url and url.lower().startswith(("http://", "https://")) else None}
        if s.get("claimed_by"):  # who made the claim, where the text says (geo.attribution)
            src["claimed_by"] = _text(s.get("claimed_by"))
        out.append(src)
    return out


def type_colours(types) -> dict[str, str]:
    """A colour for each incident type, stable for the same set of types."""
    return {t: TYPE_COLOURS[i % len(TYPE_COLOURS)] for i, t in enumerate(sorted(set(types)))}


def map_data(places: gpd.GeoDataFrame, incidents: gpd.GeoDataFrame, relocations: gpd.GeoDataFrame) -> dict:
    """The plain, JSON-ready data the map's script draws.

    Parameters
    ----------
    places, incidents, relocations : geopandas.GeoDataFrame
        Frames from :mod:`geo.layers` (EPSG:4326, columns as in the output contract).

    Returns
    -------
    dict
        ``attacks``, ``relocations``, ``places`` (lists of dicts in the frames'
        order), ``colours`` (type → colour), ``time`` (``{"min", "max"}`` month
        numbers, or None when nothing is dated) and the maxima used for scaling.
    """
    attacks = []
    # coordinates as arrays: reading .x/.y of each shapely point is the slow part at 100k rows
    ilat, ilon = incidents.geometry.y.round(6).tolist(), incidents.geometry.x.round(6).tolist()
    for k, row in enumerate(incidents.itertuples(index=False)):
        span = month_span(row.date)
        attacks.append({
            "id": _text(row.incident_id), "type": _text(row.type) or "incident", "date": _text(row.date),
            "precision": _text(row.date_precision), "killed": _int(row.killed), "injured": _int(row.injured),
            "killed_range": _range(row.killed_range), "injured_range": _range(row.injured_range),
            "place": _text(row.place_name), "summary": _text(row.summary), "origin": _text(row.origin),
            "actor1": _text(getattr(row, "actor1", None)), "actor2": _text(getattr(row, "actor2", None)),
            "lat": ilat[k], "lon": ilon[k],
            "t0": span[0] if span else None, "t1": span[1] if span else None,
            "sources": _sources(row.sources),
        })
    moves = []
    for row in relocations.itertuples(index=False):
        span = month_span(row.date, row.date_end)
        (x0, y0), (x1, y1) = row.geometry.coords[0], row.geometry.coords[-1]
        moves.append({
            "id": _text(row.relocation_id), "from": _text(row.from_place_name), "to": _text(row.to_place_name),
            "date": _text(row.date), "date_end": _text(row.date_end), "precision": _text(row.date_precision),
            "people": _int(row.people), "summary": _text(row.summary), "origin": _text(row.origin),
            "a": [round(y0, 6), round(x0, 6)], "b": [round(y1, 6), round(x1, 6)],
            "t0": span[0] if span else None, "t1": span[1] if span else None,
            "sources": _sources(row.sources),
        })
    sites = []
    for row in places.itertuples(index=False):
        sites.append({
            "id": _text(row.place_id), "name": _text(row.name), "kind": _text(row.kind),
            "country": _text(row.country_code), "precision_km": float(row.precision_km or 0),
            "source": _text(row.source), "mentions": _int(row.mentions) or 0,
            "documents": [str(d) for d in (row.documents or [])],
            "lat": round(float(row.geometry.y), 6), "lon": round(float(row.geometry.x), 6),
        })
    months = [t for item in attacks + moves for t in (item["t0"], item["t1"]) if t is not None]
    return {
        "attacks": attacks, "relocations": moves, "places": sites,
        "colours": type_colours(a["type"] for a in attacks),
        "time": {"min": min(months), "max": max(months)} if months else None,
        "max_killed": max([a["killed"] for a in attacks if a["killed"]] or [1]),
        "max_people": max([r["people"] for r in moves if r["people"]] or [1]),
    }


def pack(data: dict) -> dict:
    """``data`` from :func:`map_data` with each list of rows turned into columns.

    Parameters
    ----------
    data : dict
        From :func:`map_data`.

    Returns
    -------
    dict
        The same, but ``attacks``, ``relocations`` and ``places`` are
        ``{"n": rows, key: [value per row], …}``: no key repeated per row.
    """
    out = dict(data)
    for name in ("attacks", "relocations", "places"):
        rows = data[name]
        keys = sorted({k for r in rows for k in r})
        out[name] = {"n": len(rows), **{k: [r.get(k) for r in rows] for k in keys}}
    return out


def script_json(obj) -> str:
    """JSON safe to place inside ``<script>``: no ``</script>``, ``<!--`` or JS line breaks.

    Parameters
    ----------
    obj : object
        Anything :func:`json.dumps` accepts.

    Returns
    -------
    str
        Compact JSON with sorted keys where ``<``, ``>``, ``&``, U+2028 and U+2029
        are ``\\u`` escapes (still the same JSON value).
    """
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def attack_radius(killed: int | None, max_killed: int) -> float:
    """Circle radius in px: area proportional to ``killed``; a small fixed size when unknown."""
    if killed is None:
        return RADIUS_UNKNOWN
    return max(RADIUS_MIN, RADIUS_MAX * math.sqrt(killed / max(max_killed, 1)))


class RawHTML(Element):
    """Markup put into the page as it is.

    ``branca.element.Element(text)`` compiles ``text`` as a Jinja template: data
    containing ``{{ … }}`` or ``{% … %}`` would be evaluated (and a 25 MB data
    block takes seconds to lex). Everything this module writes from data goes
    through this class instead.
    """

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


# --------------------------------------------------------------------------- assets


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as xs  # XStatic-Leaflet: Leaflet's dist files as a pip package

    return Path(xs.BASE_DIR)


def _inline_css(css: str, base: Path) -> str:
    # The layer control's icon is url(images/layers.png): make it a data URI.
    def repl(m):
        path = base / m.group(1)
        if not path.is_file():
            return m.group(0)
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\((images/[\w.-]+\.png)\)", repl, css)


def _asset_elements(self_contained: bool) -> list[tuple[str, RawHTML]]:
    """Header elements loading Leaflet and the heat plugin (inline, or from the CDN)."""
    if not self_contained:
        return [("leaflet_css", RawHTML(f'<link rel="stylesheet" href="{LEAFLET_CSS_CDN}"/>')),
                ("leaflet_js", RawHTML(f'<script src="{LEAFLET_JS_CDN}"></script>')),
                ("leaflet_heat_js", RawHTML(f'<script src="{HEAT_JS_CDN}"></script>'))]
    base = _leaflet_dir()
    css = _inline_css((base / "leaflet.css").read_text(encoding="utf-8"), base)
    js = (base / "leaflet.js").read_text(encoding="utf-8")
    heat = (Path(folium.__file__).parent / "templates" / "leaflet_heat.min.js").read_text(encoding="utf-8")
    # A literal "</script" inside a library would end the tag early.
    js, heat = (s.replace("</script", "<\\/script") for s in (js, heat))
    return [("leaflet_css", RawHTML(f"<style>{css}</style>")),
            ("leaflet_js", RawHTML(f"<script>{js}</script>")),
            ("leaflet_heat_js", RawHTML(f"<script>{heat}</script>"))]


# --------------------------------------------------------------------------- page parts

def _package_text(folder: str, name: str) -> str:
    """A text file shipped in the package: ``geo/static`` (the page's script and styles) or
    ``geo/templates`` (folium macro templates), kept as real files so editors and linters see them."""
    return importlib.resources.files("geo").joinpath(folder, name).read_text(encoding="utf-8")


def _static(name: str) -> str:
    """A file of ``geo/static``."""
    return _package_text("static", name)


_CSS = _static("map.css")

# The static script: one function the per-map call gives the map, its groups and the data.
# Text reaches the DOM only through textContent; nothing from the data is parsed as HTML.
_GEO_JS = _static("map.js")


class _Draw(MacroElement):
    """Calls ``geoMapInit`` with the map, its overlay groups and the data (one JSON blob)."""

    _template = Template(_package_text("templates", "draw.js.j2"))

    def __init__(self, groups: dict, data_id: str, opts: dict):
        super().__init__()
        self._name = "GeoDraw"
        self.groups = sorted(groups.items())
        self.data_id = data_id
        self.opts = script_json(opts)


class _Legend(MacroElement):
    """A Leaflet control holding legend HTML built (and escaped) in Python."""

    _template = Template(_package_text("templates", "legend.js.j2"))

    def __init__(self, html_text: str):
        super().__init__()
        self._name = "GeoLegend"
        self.html = script_json(html_text)  # a JS string literal; the HTML inside is escaped already


def _swatch_circle(r: float, fill: str, stroke: str, dashed: bool = False, opacity: float = 0.5,
                   width: float = 1.5) -> str:
    size = int(math.ceil(2 * r + 4 + (2 * width - 3 if width > 1.5 else 0)))
    dash = ' stroke-dasharray="3 3"' if dashed else ""
    return (f'<svg width="{size}" height="{size}"><circle cx="{size / 2:g}" cy="{size / 2:g}" r="{r:g}" '
            f'fill="{fill}" fill-opacity="{opacity:g}" stroke="{stroke}" stroke-width="{width:g}"{dash}/></svg>')


# Autoescaped with html.escape (quotes as &quot; and &#x27;, as the page always had), not markupsafe's.
_LEGEND = jinja2.Environment(
    autoescape=True,
    finalize=lambda v: v if isinstance(v, markupsafe.Markup) else markupsafe.Markup(html.escape(str(v))),
).from_string(_package_text("templates", "legend.html.j2"))


def legend_html(data: dict) -> str:
    """The legend's HTML (``geo/templates/legend.html.j2``); every text from the data is escaped.

    Parameters
    ----------
    data : dict
        From :func:`map_data`.

    Returns
    -------
    str
        An HTML fragment.
    """
    mk = data["max_killed"] if data["attacks"] else 0
    samples = sorted({v for v in (1, round(mk / 4), mk) if v >= 1})
    return _LEGEND.render(
        swatch=lambda *a, **k: markupsafe.Markup(_swatch_circle(*a, **k)),
        attacks=bool(data["attacks"]), colours=sorted(data["colours"].items()),
        killed_samples=[(v, attack_radius(v, mk)) for v in samples], radius_unknown=RADIUS_UNKNOWN,
        relocations=bool(data["relocations"]), max_people=data["max_people"], width_max=WIDTH_MAX,
        relocation_colour=RELOCATION_COLOUR,
        place_kinds=[(k, *PLACE_STYLES.get(k, PLACE_STYLE_OTHER)) for k in sorted({p["kind"] for p in data["places"]})],
        reviewed_attacks=sum(1 for a in data["attacks"] if a["origin"] == "reviewed"),
        reviewed_relocations=sum(1 for r in data["relocations"] if r["origin"] == "reviewed"),
        reviewed_colour=REVIEWED_COLOUR, reviewed_weight=REVIEWED_WEIGHT,
        undated=sum(1 for x in data["attacks"] + data["relocations"] if x["t0"] is None))


def _bounds(data: dict):
    # Fit to what happened (attacks, relocations); to the places only when nothing happened.
    # Places named in passing (a capital abroad) would otherwise shrink the events to a dot.
    pts = [(a["lat"], a["lon"]) for a in data["attacks"]]
    pts += [tuple(r[k]) for r in data["relocations"] for k in ("a", "b")]
    if not pts:
        pts = [(p["lat"], p["lon"]) for p in data["places"]]
    if not pts:
        return None
    lats, lons = [p[0] for p in pts], [p[1] for p in pts]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _subtitle(data: dict) -> str:
    bits = [f"{len(data['attacks'])} incidents", f"{len(data['relocations'])} relocations",
            f"{len(data['places'])} places"]
    if data["time"]:
        lo, hi = month_label(data["time"]["min"])[:4], month_label(data["time"]["max"])[:4]
        bits.append(lo if lo == hi else f"{lo}\u2013{hi}")
    return " \u00b7 ".join(bits)


def make_map(places: gpd.GeoDataFrame, incidents: gpd.GeoDataFrame, relocations: gpd.GeoDataFrame,
             title: str = DEFAULT_TITLE, *, self_contained: bool = False) -> folium.Map:
    """A folium map with attacks, relocations, places and heat as toggleable layers.

    Parameters
    ----------
    places, incidents, relocations : geopandas.GeoDataFrame
        Frames from :mod:`geo.layers`.
    title : str
        Shown over the map and as the page title (escaped).
    self_contained : bool
        Inline Leaflet and the heat plugin (from installed packages) instead of
        linking a CDN: the page's data layers then render with no network.

    Returns
    -------
    folium.Map
        Render it with :func:`render_html`.
    """
    with deterministic_ids():
        return _make_map(places, incidents, relocations, title, self_contained)


def _make_map(places, incidents, relocations, title, self_contained):
    data = map_data(places, incidents, relocations)
    m = folium.Map(location=[20, 0], zoom_start=2, tiles=None, control_scale=True)
    # Only Leaflet and the heat plugin are used: drop folium's jQuery/Bootstrap/FontAwesome links.
    m.default_js, m.default_css = [], []
    root = m.get_root()
    root.title = html.escape(title)
    root.header.add_child(RawHTML('<link rel="icon" href="data:,"/>'), name="favicon")
    for name, el in _asset_elements(self_contained):
        root.header.add_child(el, name=name)
    root.header.add_child(RawHTML(f"<style>{_CSS}</style>"), name="geo_css")
    root.header.add_child(RawHTML(f"<script>{_GEO_JS}</script>"), name="geo_js")
    root.html.add_child(RawHTML(f'<div class="geo-title">{html.escape(title)}'
                                f"<small>{html.escape(_subtitle(data))}</small></div>"), name="geo_title")

    # A light basemap that needs no API key (folium warns that CartoDB's now may); the default,
    # because the data's colours read best on grey. OpenStreetMap is one click away.
    light = xyz.Esri.WorldGrayCanvas
    folium.TileLayer(tiles=light.build_url(), attr=light.html_attribution, name="Light (Esri gray canvas)",
                     max_zoom=light.get("max_zoom", 16)).add_to(m)
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap", show=False).add_to(m)

    groups = {
        "places": folium.FeatureGroup(name="Places", show=True),
        "relocations": folium.FeatureGroup(name="Relocations", show=True),
        "attacks": folium.FeatureGroup(name="Attacks", show=True),
        "heat": folium.FeatureGroup(name="Heat (casualties)", show=False),
    }
    for g in groups.values():
        g.add_to(m)
    opts = {
        "svgMax": SVG_MAX_FEATURES, "rMin": RADIUS_MIN, "rMax": RADIUS_MAX, "rUnknown": RADIUS_UNKNOWN,
        "wMin": WIDTH_MIN, "wMax": WIDTH_MAX, "precisionMinKm": PRECISION_CIRCLE_MIN_KM,
        "relocationColour": RELOCATION_COLOUR, "reviewedColour": REVIEWED_COLOUR,
        "reviewedWeight": REVIEWED_WEIGHT, "placeStyles": {k: list(v) for k, v in PLACE_STYLES.items()},
        "placeStyleOther": list(PLACE_STYLE_OTHER), "playMs": 400,
        # bottom to top: lines, then the place markers they join, then attacks (clickable on top)
        "order": ["relocations", "places", "attacks", "heat"],
        # fitted in the script before drawing; padding leaves room for the title and the legend
        "bounds": _bounds(data),
    }
    # The data as a JSON block in the page body; the script parses it (see _GEO_JS).
    data_id = f"geo-data-{m.get_name()}"
    root.html.add_child(RawHTML(f'<script type="application/json" id="{data_id}">{script_json(pack(data))}</script>'),
                        name="geo_data")
    m.add_child(_Draw(groups, data_id, opts))
    m.add_child(_Legend(legend_html(data)))
    folium.LayerControl(collapsed=False).add_to(m)
    return m


def render_html(m: folium.Map) -> str:
    """The map as one HTML page, byte-identical for the same map.

    Parameters
    ----------
    m : folium.Map
        From :func:`make_map`.

    Returns
    -------
    str
        The whole HTML document, with a Content-Security-Policy (see :func:`content_security_policy`).
    """
    page = m.get_root().render()
    policy = html.escape(content_security_policy(page, m), quote=False).replace('"', "&quot;")
    # First in <head>: a policy in a meta tag covers only what comes after it.
    return page.replace("<head>", f'<head>\n    <meta http-equiv="Content-Security-Policy" content="{policy}">', 1)


_INLINE_SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script>", re.DOTALL)


def content_security_policy(page: str, m: folium.Map) -> str:
    """The page's Content-Security-Policy: what it needs, nothing else (a second line of defence).

    Scripts: the page's own inline scripts by their SHA-256 (computed from the
    page as rendered, so the same page has the same policy) and, unless
    Leaflet is inlined, the exact CDN files it links. Styles: inline ones and
    Leaflet's CDN stylesheet. Images: the tile servers of the map's base
    layers, ``data:`` images, and Leaflet's CDN images. Everything else
    (connections, frames, objects, fonts, forms, ``<base>``) is refused, so a
    script injected into the page, inline or from elsewhere, does not run.
    """
    hashes, sources = [], []
    for attrs, body in _INLINE_SCRIPT.findall(page):
        src = re.search(r'\ssrc="([^"]+)"', attrs or "")
        kind = re.search(r'\stype="([^"]+)"', attrs or "")
        if src:
            sources.append(src.group(1))
        elif kind is None or kind.group(1) in ("text/javascript", "module"):
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
            hashes.append(f"'sha256-{digest}'")
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    images = ["data:"] + sorted({_tile_origin(layer.tiles) for layer in m._children.values()
                                 if isinstance(layer, folium.TileLayer)})
    images += [s.rsplit("/", 1)[0] + "/images/" for s in styles]  # Leaflet's layer icons, next to its CSS
    directives = [
        "default-src 'none'",
        "script-src " + " ".join(sorted(set(hashes)) + sorted(set(sources))),
        "style-src " + " ".join(["'unsafe-inline'"] + sorted(set(styles))),
        "img-src " + " ".join(images),
        "base-uri 'none'",
        "form-action 'none'",
    ]
    return "; ".join(directives)


def _tile_origin(url: str) -> str:
    """The scheme and host of a tile URL template, ``{s}`` subdomains as a wildcard."""
    scheme, _, rest = url.partition("://")
    host = rest.split("/", 1)[0]
    return f"{scheme}://" + re.sub(r"^\{s\}\.", "*.", host)
