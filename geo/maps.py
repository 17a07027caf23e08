"""Stage 5 — the map: layered Leaflet (folium) from the layers' GeoDataFrames.

Design (why it looks like this):

* folium builds the page frame (map, base layers, one ``FeatureGroup`` per
  overlay, the layer control); the data go into the page **once**, as one JSON
  object, and a small static script (``_GEO_JS``) draws them. One JS object per
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
"""
from __future__ import annotations

import base64
import contextlib
import html
import itertools
import json
import math
import re
from pathlib import Path

import folium
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
        out.append({"document": _text(s.get("document")), "quote": _text(s.get("quote"))})
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

_CSS = """
.geo-title{position:absolute;z-index:1000;top:10px;left:50%;transform:translateX(-50%);max-width:60%;
 background:rgba(255,255,255,.92);padding:6px 14px;border-radius:6px;box-shadow:0 1px 5px rgba(0,0,0,.3);
 font:600 16px/1.3 system-ui,sans-serif;text-align:center;pointer-events:none}
.geo-title small{display:block;font-weight:400;font-size:12px;color:#444}
.geo-legend{background:rgba(255,255,255,.94);padding:8px 10px;border-radius:6px;font:12px/1.35 system-ui,sans-serif;
 box-shadow:0 1px 5px rgba(0,0,0,.3);max-width:230px}
.geo-legend h4{margin:4px 0 2px;font-size:12px}
.geo-legend .row{display:flex;align-items:center;gap:6px;margin:1px 0}
.geo-legend svg{flex:none}
.geo-time{background:rgba(255,255,255,.94);padding:8px 10px;border-radius:6px;font:12px system-ui,sans-serif;
 box-shadow:0 1px 5px rgba(0,0,0,.3);min-width:260px}
.geo-time input[type=range]{width:100%;margin:2px 0}
.geo-time button{font:12px system-ui,sans-serif;margin-right:4px;cursor:pointer}
.geo-time .geo-time-label{font-weight:600}
.geo-popup h4{margin:0 0 4px;font-size:14px}
.geo-popup table{border-collapse:collapse;font-size:12px}
.geo-popup th{text-align:left;padding-right:8px;color:#555;font-weight:600;vertical-align:top}
.geo-popup .geo-summary{margin:6px 0;font-size:12px}
.geo-popup blockquote{margin:4px 0;padding:2px 6px;border-left:3px solid #999;font-size:12px;max-height:9em;overflow:auto}
.geo-popup cite{display:block;color:#666;font-size:11px}
.geo-popup .geo-src-h{font-weight:600;font-size:12px;margin-top:6px}
"""

# The static script: one function the per-map call gives the map, its groups and the data.
# Text reaches the DOM only through textContent; nothing from the data is parsed as HTML.
_GEO_JS = r"""
(function () {
"use strict";
function el(tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function row(tbl, k, v) {
  var tr = el("tr"); tr.appendChild(el("th", null, k)); tr.appendChild(el("td", null, v)); tbl.appendChild(tr);
}
var PREC = {day: "exact day", month: "known to the month", year: "known to the year"};
function fmtDate(d, p) { return d ? d + (p ? " (" + (PREC[p] || p) + ")" : "") : "unknown"; }
function fmtCount(n, r) {
  if (n === null || n === undefined) return "not stated";
  return String(n) + (r ? " (sources give " + r[0] + "\u2013" + r[1] + ")" : "");
}
function cap(s) { return s ? s.charAt(0).toUpperCase() + s.slice(1) : s; }
function sources(div, list) {
  if (!list || !list.length) return;
  div.appendChild(el("div", "geo-src-h", list.length === 1 ? "Source" : "Sources"));
  list.forEach(function (s) {
    var q = el("blockquote", "geo-quote");
    q.appendChild(el("span", "geo-quote-text", "\u201c" + s.quote + "\u201d"));
    q.appendChild(el("cite", null, s.document));
    div.appendChild(q);
  });
}
function attackPopup(a) {
  var d = el("div", "geo-popup geo-popup-attack");
  d.appendChild(el("h4", null, cap(a.type) + (a.place ? " \u2014 " + a.place : "")));
  var t = el("table");
  row(t, "Date", fmtDate(a.date, a.precision));
  row(t, "Place", a.place || "unknown");
  row(t, "Killed", fmtCount(a.killed, a.killed_range));
  row(t, "Injured", fmtCount(a.injured, a.injured_range));
  if (a.origin) row(t, "Origin", a.origin);
  d.appendChild(t);
  if (a.summary) d.appendChild(el("p", "geo-summary", a.summary));
  sources(d, a.sources);
  return d;
}
function relocationPopup(r) {
  var d = el("div", "geo-popup geo-popup-relocation");
  d.appendChild(el("h4", null, "Relocation: " + r.from + " \u2192 " + r.to));
  var t = el("table");
  row(t, "Date", fmtDate(r.date, r.precision) + (r.date_end ? " to " + r.date_end : ""));
  row(t, "People moved", fmtCount(r.people, null));
  if (r.origin) row(t, "Origin", r.origin);
  d.appendChild(t);
  if (r.summary) d.appendChild(el("p", "geo-summary", r.summary));
  sources(d, r.sources);
  return d;
}
function placePopup(p) {
  var d = el("div", "geo-popup geo-popup-place");
  d.appendChild(el("h4", null, p.name));
  var t = el("table");
  row(t, "Kind", p.kind + (p.country ? ", " + p.country : ""));
  row(t, "Location", p.lat.toFixed(4) + ", " + p.lon.toFixed(4) + " (\u00b1" + p.precision_km + " km)");
  row(t, "Source", p.source);
  row(t, "Mentions", String(p.mentions));
  row(t, "Documents", p.documents.join(", ") || "none");
  d.appendChild(t);
  return d;
}
// A quadratic Bezier bowed to the left of the straight line, so flows read as arrows.
function curve(a, b) {
  var dy = b[0] - a[0], dx = b[1] - a[1], c = [(a[0] + b[0]) / 2 + dx * 0.2, (a[1] + b[1]) / 2 - dy * 0.2];
  var pts = [];
  for (var i = 0; i <= 24; i++) {
    var t = i / 24, u = 1 - t;
    pts.push([u * u * a[0] + 2 * u * t * c[0] + t * t * b[0], u * u * a[1] + 2 * u * t * c[1] + t * t * b[1]]);
  }
  return pts;
}
// Arrow heads are drawn in screen pixels (recomputed on zoom) so they keep their shape and size.
function arrowHead(map, pts, weight) {
  var n = pts.length, e = map.latLngToLayerPoint(pts[n - 1]), p = map.latLngToLayerPoint(pts[n - 3] || pts[0]);
  var dx = e.x - p.x, dy = e.y - p.y, len = Math.sqrt(dx * dx + dy * dy);
  if (!len) return null;
  // The tip stops 7 px short of the destination so that the place's marker stays visible and clickable.
  var s = 10 + weight, ux = dx / len, uy = dy / len, tx = e.x - ux * 7, ty = e.y - uy * 7;
  var bx = tx - ux * s, by = ty - uy * s;
  return [map.layerPointToLatLng([tx, ty]), map.layerPointToLatLng([bx - uy * s * 0.55, by + ux * s * 0.55]),
          map.layerPointToLatLng([bx + uy * s * 0.55, by - ux * s * 0.55])];
}
// SVG mode: tag each drawn path with its feature's id (set as an attribute, never parsed as HTML),
// so a reader's tools (and the browser tests) can find one feature's marker.
function tag(layer, id) {
  layer.on("add", function () { if (layer._path) layer._path.setAttribute("data-geo-id", id); });
}
// The data come column by column (no key repeated per row: a third of the bytes at 100k rows).
function rowOf(c, i) { var o = {}; for (var k in c) if (k !== "n") o[k] = c[k][i]; return o; }
function unpack(c) { var out = []; for (var i = 0; i < c.n; i++) out.push(rowOf(c, i)); return out; }
function month(m) { var y = Math.floor(m / 12), mo = m % 12 + 1; return y + "-" + (mo < 10 ? "0" : "") + mo; }

// Many attacks: one canvas layer that draws all circles in a few batched paths (one per
// colour and style) and hit-tests clicks itself. A Leaflet object per marker costs ~15 µs
// to create and add and is drawn one by one: too slow at 100k.
var Dots = L.Layer.extend({
  initialize: function (lat, lon, radius, style, vis) {
    this.n = lat.length; this.lat = lat; this.lon = lon; this.radius = radius; this.vis = vis;
    var batches = {};
    for (var i = 0; i < this.n; i++) {
      var k = style[i].join("|");
      (batches[k] = batches[k] || {style: style[i], idx: []}).idx.push(i);
    }
    this.batches = Object.keys(batches).sort().map(function (k) { return batches[k]; });
  },
  onAdd: function (map) {
    this._canvas = L.DomUtil.create("canvas", "geo-dots leaflet-zoom-hide");
    this._canvas.style.pointerEvents = "none";
    map.getPanes().overlayPane.appendChild(this._canvas);
    if (!this._p) {  // project once at zoom 0; any zoom is then a multiplication
      this._p = new Float64Array(2 * this.n);
      for (var i = 0; i < this.n; i++) {
        var q = map.project([this.lat[i], this.lon[i]], 0); this._p[2 * i] = q.x; this._p[2 * i + 1] = q.y;
      }
    }
    map.on("moveend resize", this._reset, this);
    this._reset();
  },
  onRemove: function (map) {
    L.DomUtil.remove(this._canvas);
    map.off("moveend resize", this._reset, this);
  },
  _reset: function () {
    var map = this._map, size = map.getSize(), dpr = window.devicePixelRatio || 1;
    this._tl = map.containerPointToLayerPoint([0, 0]);
    L.DomUtil.setPosition(this._canvas, this._tl);
    this._canvas.width = size.x * dpr; this._canvas.height = size.y * dpr;
    this._canvas.style.width = size.x + "px"; this._canvas.style.height = size.y + "px";
    this._size = size; this._dpr = dpr;
    this._origin = map.getPixelOrigin(); this._scale = map.getZoomScale(map.getZoom(), 0);
    this.redraw();
  },
  // Canvas (= container) pixel of point i.
  xy: function (i) {
    return [this._p[2 * i] * this._scale - this._origin.x - this._tl.x,
            this._p[2 * i + 1] * this._scale - this._origin.y - this._tl.y];
  },
  // Coalesce redraws (a slider drag fires many input events) into one per frame.
  redrawSoon: function () {
    var self = this;
    if (self._frame) return;
    self._frame = requestAnimationFrame(function () { self._frame = null; self.redraw(); });
  },
  redraw: function () {
    if (!this._map) return;
    var ctx = this._canvas.getContext("2d"), w = this._size.x, h = this._size.y;
    ctx.setTransform(this._dpr, 0, 0, this._dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.lineWidth = 1.5;
    // Each circle is a copy of a sprite drawn once per style and radius: blitting is ~20x faster
    // than rasterising 100k anti-aliased arcs (Chromium without a GPU).
    // Incidents share their place's point: past two copies at one pixel, more add nothing visible.
    var seen = new Map();
    for (var b = 0; b < this.batches.length; b++) {
      var B = this.batches[b], st = B.style;
      seen.clear();
      for (var j = 0; j < B.idx.length; j++) {
        var i = B.idx[j];
        if (!this.vis[i]) continue;
        var xy = this.xy(i), r = this.radius[i];
        if (xy[0] < -r || xy[1] < -r || xy[0] > w + r || xy[1] > h + r) continue;
        var key = ((Math.round(xy[0]) + 4096) * 16384 + Math.round(xy[1]) + 4096) * 128 + Math.round(r * 2);
        var copies = seen.get(key) || 0;
        if (copies >= 2) continue;
        seen.set(key, copies + 1);
        var sp = this._sprite(st, r), half = sp.width / this._dpr / 2;
        ctx.drawImage(sp, xy[0] - half, xy[1] - half, sp.width / this._dpr, sp.height / this._dpr);
      }
    }
    ctx.setLineDash([]);
  },
  _sprite: function (st, r) {
    var key = st.join("|") + "|" + r + "|" + this._dpr, cache = this._sprites || (this._sprites = {});
    if (cache[key]) return cache[key];
    var dpr = this._dpr, size = Math.ceil(2 * r + 4), c = document.createElement("canvas");
    c.width = size * dpr; c.height = size * dpr;
    var ctx = c.getContext("2d");
    ctx.scale(dpr, dpr);
    ctx.beginPath(); ctx.arc(size / 2, size / 2, r, 0, 2 * Math.PI);
    ctx.fillStyle = st[0]; ctx.strokeStyle = st[0]; ctx.lineWidth = 1.5;
    ctx.globalAlpha = st[1]; ctx.fill(); ctx.globalAlpha = 1;
    ctx.setLineDash(st[2] ? [3, 3] : []); ctx.stroke();
    return (cache[key] = c);
  },
  // The visible point drawn on top at a container pixel, or -1.
  hit: function (pt) {
    for (var b = this.batches.length - 1; b >= 0; b--) {
      var idx = this.batches[b].idx;
      for (var j = idx.length - 1; j >= 0; j--) {
        var i = idx[j];
        if (!this.vis[i]) continue;
        var xy = this.xy(i), r = this.radius[i] + 2, dx = xy[0] - pt.x, dy = xy[1] - pt.y;
        if (dx * dx + dy * dy <= r * r) return i;
      }
    }
    return -1;
  }
});

window.geoMapInit = function (map, groups, dataId, opts) {
  var timing = {start: performance.now()};
  // JSON.parse of a data block is much faster than parsing the same data as a JS literal.
  var data = JSON.parse(document.getElementById(dataId).textContent);
  var A = data.attacks, places = unpack(data.places), moves = unpack(data.relocations);
  timing.parsed = performance.now();
  // Fit first: fitting after drawing would draw everything twice.
  // Not animated: the page should open on the fitted view, not zoom towards it.
  if (opts.bounds) map.fitBounds(opts.bounds, {paddingTopLeft: [40, 80], paddingBottomRight: [270, 40], maxZoom: 10,
                                               animate: false});
  var svg = (A.n + moves.length + places.length) <= opts.svgMax;
  var renderer = svg ? L.svg({padding: 0.5}) : L.canvas({padding: 0.5});
  var items = [], heatPts = [], arrows = [], dots = null;
  // The dots canvas lies above the vector layers but takes no events itself: a click on a
  // place or a line under an attack's dot opens the attack, as it looks on screen.
  function onClick(layer, content) {
    layer.on("click", function (e) {
      var i = dots && map.hasLayer(dots) ? dots.hit(e.containerPoint) : -1;
      if (i >= 0) openAttack(i);
      else L.popup({maxWidth: 380}).setLatLng(e.latlng).setContent(content()).openOn(map);
    });
  }
  // Fill the groups while they are off the map: one redraw at the end, not one per marker.
  var onMap = {};
  Object.keys(groups).forEach(function (k) { onMap[k] = map.hasLayer(groups[k]); map.removeLayer(groups[k]); });

  places.forEach(function (p) {
    var st = opts.placeStyles[p.kind] || opts.placeStyleOther;
    if (p.precision_km >= opts.precisionMinKm && p.kind !== "country") {
      groups.places.addLayer(L.circle([p.lat, p.lon], {radius: p.precision_km * 1000, renderer: renderer,
        color: st[1], weight: 1, dashArray: "4 4", fillOpacity: 0.05, interactive: false, className: "geo-precision"}));
    }
    var m = L.circleMarker([p.lat, p.lon], {radius: st[2], renderer: renderer, color: st[1], weight: 2,
      fillColor: st[0], fillOpacity: 0.95, className: "geo-place", bubblingMouseEvents: false});
    m.geo = p;
    if (svg) tag(m, p.id);
    onClick(m, function () { return placePopup(p); });
    if (svg) m.bindTooltip(function () { return el("span", null, p.name); });
    groups.places.addLayer(m);
  });

  // Attacks: SVG paths (small maps: crisp, one DOM element each) or one Dots canvas (large maps).
  var avis = new Uint8Array(A.n), aRadius = new Float64Array(A.n), aStyle = [], aHeat = [], aLayers = [];
  for (var i = 0; i < A.n; i++) {
    var killed = A.killed[i], c = data.colours[A.type[i]] || "#555555", known = killed !== null;
    avis[i] = 1;
    aRadius[i] = known ? Math.max(opts.rMin, opts.rMax * Math.sqrt(killed / data.max_killed)) : opts.rUnknown;
    aStyle.push([c, known ? 0.5 : 0.15, known ? 0 : 1]);
    aHeat.push([A.lat[i], A.lon[i], Math.max(1, (killed || 0) + 0.5 * (A.injured[i] || 0))]);
  }
  function openAttack(i) {
    L.popup({maxWidth: 380}).setLatLng([A.lat[i], A.lon[i]]).setContent(attackPopup(rowOf(A, i))).openOn(map);
  }
  if (svg) {
    for (var i = 0; i < A.n; i++) {
      var st = aStyle[i];
      var m = L.circleMarker([A.lat[i], A.lon[i]], {radius: aRadius[i], renderer: renderer, color: st[0], weight: 1.5,
        fillColor: st[0], fillOpacity: st[1], dashArray: st[2] ? "3 3" : null, className: "geo-attack"});
      m.gi = i;
      tag(m, A.id[i]);
      m.bindTooltip(function (layer) {
        var a = rowOf(A, layer.gi);
        return el("span", null, (a.date || "undated") + " \u00b7 " + a.type + " \u00b7 " + a.place);
      });
      groups.attacks.addLayer(m);
      aLayers.push(m);
    }
    // One popup for the whole layer, built on click: no popup object per marker.
    groups.attacks.on("click", function (e) {
      var m = e.propagatedFrom || e.layer;
      if (m && m.gi !== undefined) openAttack(m.gi);
    });
  } else {
    dots = new Dots(A.lat, A.lon, aRadius, aStyle, avis);
    groups.attacks.addLayer(dots);
    map.on("click", function (e) { if (map.hasLayer(dots)) { var i = dots.hit(e.containerPoint); if (i >= 0) openAttack(i); } });
    var pending = null;
    map.on("mousemove", function (e) {
      pending = e.containerPoint;
      if (pending && map.hasLayer(dots)) requestAnimationFrame(function () {
        if (!pending) return;
        map.getContainer().style.cursor = dots.hit(pending) >= 0 ? "pointer" : "";
        pending = null;
      });
    });
  }

  moves.forEach(function (r) {
    var pts = curve(r.a, r.b), known = r.people !== null;
    var w = known ? opts.wMin + (opts.wMax - opts.wMin) * Math.sqrt(r.people / data.max_people) : opts.wMin;
    var style = {renderer: renderer, color: opts.relocationColour, opacity: 0.85, bubblingMouseEvents: false};
    var parts = [L.polyline(pts, L.extend({weight: w, dashArray: known ? null : "6 6", className: "geo-relocation"}, style))];
    if (svg) tag(parts[0], r.id);
    var head = L.polygon(arrowHead(map, pts, w) || [r.b, r.b, r.b],
      L.extend({weight: 1, fillOpacity: 0.9, className: "geo-relocation-arrow"}, style));
    parts.push(head);
    arrows.push([head, pts, w]);
    var g = L.featureGroup(parts);
    onClick(g, function () { return relocationPopup(r); });
    if (svg) g.bindTooltip(function () { return el("span", null, r.from + " \u2192 " + r.to + (r.people !== null ? " \u00b7 " + r.people + " people" : "")); }, {sticky: true});
    groups.relocations.addLayer(g);
    items.push({layer: g, group: groups.relocations, t0: r.t0, t1: r.t1, vis: true, kind: "relocations"});
  });

  map.on("zoomend", function () {
    arrows.forEach(function (a) { var h = arrowHead(map, a[1], a[2]); if (h) a[0].setLatLngs(h); });
  });

  var heat = null;
  if (groups.heat && L.heatLayer) {
    var hmax = 1;
    for (var i = 0; i < aHeat.length; i++) if (aHeat[i][2] > hmax) hmax = aHeat[i][2];
    heat = L.heatLayer(heatPts, {radius: 25, blur: 18, minOpacity: 0.25, max: hmax});
    groups.heat.addLayer(heat);
  }
  timing.built = performance.now();
  // Back on the map bottom to top (opts.order).
  opts.order.forEach(function (k) { if (groups[k] && onMap[k]) map.addLayer(groups[k]); });
  // A layer ticked again in the layer control is drawn last (on top): restore the order.
  map.on("overlayadd", function () {
    opts.order.forEach(function (k) { if (groups[k] && map.hasLayer(groups[k]) && groups[k].bringToFront) groups[k].bringToFront(); });
  });

  var state = {lo: null, hi: null, visible: {attacks: 0, relocations: 0}};
  function apply(lo, hi) {
    var pts = [], vis = {attacks: 0, relocations: 0}, changed = false;
    for (var i = 0; i < A.n; i++) {
      // Undated attacks cannot be placed in time: always shown. Year/month-only ones cover their span.
      var t0 = A.t0[i], v = t0 === null || lo === null || (t0 <= hi && A.t1[i] >= lo) ? 1 : 0;
      if (v !== avis[i]) {
        avis[i] = v; changed = true;
        if (svg) { if (v) groups.attacks.addLayer(aLayers[i]); else groups.attacks.removeLayer(aLayers[i]); }
      }
      if (v) { vis.attacks++; pts.push(aHeat[i]); }
    }
    if (dots && changed) dots.redrawSoon();
    for (var i = 0; i < items.length; i++) {
      var it = items[i];
      // Undated items cannot be placed in time: always shown. Year/month-only ones cover their span.
      var v = it.t0 === null || lo === null || (it.t0 <= hi && it.t1 >= lo);
      if (v !== it.vis) { if (v) it.group.addLayer(it.layer); else it.group.removeLayer(it.layer); it.vis = v; }
      if (v) vis[it.kind]++;
    }
    if (heat) heat.setLatLngs(pts);
    state.lo = lo; state.hi = hi; state.visible = vis;
    if (state.onchange) state.onchange();
  }
  timing.added = performance.now();
  apply(null, null);

  if (data.time) {
    var T = data.time, ctl = L.control({position: "bottomleft"});
    ctl.onAdd = function () {
      var div = el("div", "geo-time leaflet-control");
      div.appendChild(el("div", "geo-time-title", "Time window"));
      var label = el("div", "geo-time-label"); label.id = "geo-time-label"; div.appendChild(label);
      function slider(id, value, title) {
        var s = el("input"); s.type = "range"; s.id = id; s.min = T.min; s.max = T.max; s.step = 1;
        s.value = value; s.title = title; s.setAttribute("aria-label", title); div.appendChild(s); return s;
      }
      var from = slider("geo-time-from", T.min, "from month"), to = slider("geo-time-to", T.max, "to month");
      var note = el("div", "geo-time-note"); div.appendChild(note);
      var play = el("button", null, "\u25b6 Play"); play.id = "geo-time-play"; play.type = "button";
      var all = el("button", null, "All dates"); all.id = "geo-time-all"; all.type = "button";
      div.appendChild(play); div.appendChild(all);
      var timer = null;
      function stop() { if (timer) { clearInterval(timer); timer = null; play.textContent = "\u25b6 Play"; } }
      function changed(which) {
        var lo = +from.value, hi = +to.value;
        if (lo > hi) { if (which === "from") { hi = lo; to.value = hi; } else { lo = hi; from.value = lo; } }
        apply(lo, hi);
      }
      state.onchange = function () {
        label.textContent = state.lo === null ? "All dates" : month(state.lo) + " \u2013 " + month(state.hi);
        note.textContent = state.visible.attacks + " of " + A.n + " incidents, " +
          state.visible.relocations + " of " + moves.length + " relocations shown";
      };
      state.onchange();
      from.addEventListener("input", function () { stop(); changed("from"); });
      to.addEventListener("input", function () { stop(); changed("to"); });
      all.addEventListener("click", function () { stop(); from.value = T.min; to.value = T.max; apply(null, null); });
      // Play: the window's end sweeps from the first month to the last, the start stays put.
      play.addEventListener("click", function () {
        if (timer) { stop(); return; }
        from.value = T.min; to.value = T.min; changed("to");
        play.textContent = "\u275a\u275a Pause";
        timer = setInterval(function () {
          if (+to.value >= T.max) { stop(); return; }
          to.value = +to.value + 1; changed("to");
        }, opts.playMs);
      });
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    ctl.addTo(map);
  }
  window.geoState = state;
  // For readers' scripts and the tests: the map, and where attack i is drawn / whether it is shown.
  window.geoApi = {map: map, attackIds: A.id || [],
    attackPoint: function (i) { var p = map.latLngToContainerPoint([A.lat[i], A.lon[i]]); return [p.x, p.y]; },
    attackVisible: function (i) { return !!avis[i]; }, openAttack: openAttack};
  window.geoTiming = timing;
  window.geoCounts = {attacks: A.n, relocations: moves.length, places: places.length,
                      renderer: svg ? "svg" : "canvas"};
  // "Interactive": the data are drawn and the next frame has been painted.
  requestAnimationFrame(function () { setTimeout(function () { window.geoReady = performance.now(); }, 0); });
  timing.end = performance.now();
};
})();
"""


class _Draw(MacroElement):
    """Calls ``geoMapInit`` with the map, its overlay groups and the data (one JSON blob)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        geoMapInit({{ this._parent.get_name() }}, {
            {%- for key, group in this.groups %}
            {{ key }}: {{ group.get_name() }}{{ "," if not loop.last }}
            {%- endfor %}
        }, {{ this.data_id|tojson }}, {{ this.opts }});
        {% endmacro %}
        """
    )

    def __init__(self, groups: dict, data_id: str, opts: dict):
        super().__init__()
        self._name = "GeoDraw"
        self.groups = sorted(groups.items())
        self.data_id = data_id
        self.opts = script_json(opts)


class _Legend(MacroElement):
    """A Leaflet control holding legend HTML built (and escaped) in Python."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "geo-legend leaflet-control");
                div.innerHTML = {{ this.html }};
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str):
        super().__init__()
        self._name = "GeoLegend"
        self.html = script_json(html_text)  # a JS string literal; the HTML inside is escaped already


def _swatch_circle(r: float, fill: str, stroke: str, dashed: bool = False, opacity: float = 0.5) -> str:
    size = int(math.ceil(2 * r + 4))
    dash = ' stroke-dasharray="3 3"' if dashed else ""
    return (f'<svg width="{size}" height="{size}"><circle cx="{size / 2:g}" cy="{size / 2:g}" r="{r:g}" '
            f'fill="{fill}" fill-opacity="{opacity:g}" stroke="{stroke}" stroke-width="1.5"{dash}/></svg>')


def legend_html(data: dict) -> str:
    """The legend's HTML; every text from the data is escaped.

    Parameters
    ----------
    data : dict
        From :func:`map_data`.

    Returns
    -------
    str
        An HTML fragment.
    """
    esc = html.escape
    parts = []
    if data["attacks"]:
        parts.append("<h4>Attacks (area \u221d killed)</h4>")
        for t, c in sorted(data["colours"].items()):
            parts.append(f'<div class="row">{_swatch_circle(6, c, c)}<span>{esc(t)}</span></div>')
        mk = data["max_killed"]
        samples = sorted({v for v in (1, round(mk / 4), mk) if v >= 1})
        for v in samples:
            r = attack_radius(v, mk)
            parts.append(f'<div class="row">{_swatch_circle(r, "#999", "#666")}<span>{v} killed</span></div>')
        parts.append(f'<div class="row">{_swatch_circle(RADIUS_UNKNOWN, "#999", "#666", True, .15)}'
                     "<span>toll not stated</span></div>")
    if data["relocations"]:
        parts.append("<h4>Relocations (width \u221d people)</h4>")
        parts.append(f'<div class="row"><svg width="34" height="12"><path d="M2 6 H26" stroke="{RELOCATION_COLOUR}" '
                     f'stroke-width="{WIDTH_MAX / 2:g}"/><path d="M26 1 L33 6 L26 11 Z" fill="{RELOCATION_COLOUR}"/>'
                     f'</svg><span>up to {data["max_people"]:,} people</span></div>')
        parts.append(f'<div class="row"><svg width="34" height="12"><path d="M2 6 H30" stroke="{RELOCATION_COLOUR}" '
                     'stroke-width="2" stroke-dasharray="6 6"/></svg><span>number not stated</span></div>')
    if data["places"]:
        parts.append("<h4>Places</h4>")
        kinds = sorted({p["kind"] for p in data["places"]})
        for k in kinds:
            fill, stroke, r = PLACE_STYLES.get(k, PLACE_STYLE_OTHER)
            parts.append(f'<div class="row">{_swatch_circle(r, fill, stroke, opacity=.95)}<span>{esc(k)}</span></div>')
        parts.append('<div class="row"><svg width="18" height="18"><circle cx="9" cy="9" r="7" fill="none" '
                     'stroke="#777" stroke-dasharray="3 3"/></svg><span>location uncertainty (precision_km)</span></div>')
    undated = sum(1 for x in data["attacks"] + data["relocations"] if x["t0"] is None)
    if undated:
        parts.append(f"<div><em>{undated} undated item(s): shown at every time</em></div>")
    return "".join(parts)


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
        "relocationColour": RELOCATION_COLOUR, "placeStyles": {k: list(v) for k, v in PLACE_STYLES.items()},
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
        The whole HTML document.
    """
    return m.get_root().render()
