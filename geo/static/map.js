
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
// Only http(s) addresses become links: never javascript: or data: from a document's metadata.
function safeUrl(u) { return typeof u === "string" && /^https?:\/\//i.test(u); }
function textHref(id) { return "texts/" + String(id).split("/").map(encodeURIComponent).join("/") + ".txt"; }
function link(href, text) {
  var a = el("a", null, text);
  a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
  return a;
}
function sources(div, list) {
  if (!list || !list.length) return;
  div.appendChild(el("div", "geo-src-h", list.length === 1 ? "Source" : "Sources"));
  list.forEach(function (s) {
    var q = el("blockquote", "geo-quote");
    q.appendChild(el("span", "geo-quote-text", "\u201c" + s.quote + "\u201d"));
    var c = el("cite");
    // the kept text (OUT/texts/<document>.txt) for a quote from a document; the source page when known
    if (s.start !== null && s.start !== undefined) c.appendChild(link(textHref(s.document), s.document));
    else c.textContent = s.document;
    if (safeUrl(s.url)) { c.appendChild(document.createTextNode(" \u00b7 ")); c.appendChild(link(s.url, "source")); }
    if (s.claimed_by) c.appendChild(document.createTextNode(" \u2014 claimed by " + s.claimed_by));
    q.appendChild(c);
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
  if (a.actor1) row(t, "Actor", a.actor1);
  if (a.actor2) row(t, "Target", a.actor2);
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
  initialize: function (lat, lon, radius, style, vis, reviewed) {
    this.n = lat.length; this.lat = lat; this.lon = lon; this.radius = radius; this.vis = vis;
    this.reviewed = reviewed;  // [ring colour, ring width] of reviewed records
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
    var dpr = this._dpr, lw = st[3] ? this.reviewed[1] : 1.5, size = Math.ceil(2 * r + 1 + 2 * lw);
    var c = document.createElement("canvas");
    c.width = size * dpr; c.height = size * dpr;
    var ctx = c.getContext("2d");
    ctx.scale(dpr, dpr);
    ctx.beginPath(); ctx.arc(size / 2, size / 2, r, 0, 2 * Math.PI);
    ctx.fillStyle = st[0]; ctx.strokeStyle = st[3] ? this.reviewed[0] : st[0]; ctx.lineWidth = lw;
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
  var items = [], arrows = [], dots = null;
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
    // [colour, fill opacity, dashed (toll not stated), reviewed (dark ring)]
    aStyle.push([c, known ? 0.5 : 0.15, known ? 0 : 1, A.origin[i] === "reviewed" ? 1 : 0]);
    aHeat.push([A.lat[i], A.lon[i], Math.max(1, (killed || 0) + 0.5 * (A.injured[i] || 0))]);
  }
  function openAttack(i) {
    L.popup({maxWidth: 380}).setLatLng([A.lat[i], A.lon[i]]).setContent(attackPopup(rowOf(A, i))).openOn(map);
  }
  if (svg) {
    for (i = 0; i < A.n; i++) {
      var st = aStyle[i];
      var m = L.circleMarker([A.lat[i], A.lon[i]], {radius: aRadius[i], renderer: renderer,
        color: st[3] ? opts.reviewedColour : st[0], weight: st[3] ? opts.reviewedWeight : 1.5,
        fillColor: st[0], fillOpacity: st[1], dashArray: st[2] ? "3 3" : null,
        className: st[3] ? "geo-attack geo-reviewed" : "geo-attack"});
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
    dots = new Dots(A.lat, A.lon, aRadius, aStyle, avis, [opts.reviewedColour, opts.reviewedWeight]);
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
    var known = r.people !== null;
    var w = known ? opts.wMin + (opts.wMax - opts.wMin) * Math.sqrt(r.people / data.max_people) : opts.wMin;
    var style = {renderer: renderer, color: opts.relocationColour, opacity: 0.85, bubblingMouseEvents: false};
    var className = r.origin === "reviewed" ? "geo-relocation geo-reviewed" : "geo-relocation", parts;
    if (r.a[0] === r.b[0] && r.a[1] === r.b[1]) {
      // Moved to places near where they were ("evacuated to safer areas"): a ring round the place, no arrow.
      parts = [L.circleMarker(r.a, L.extend({radius: 8 + w, weight: Math.max(2, w / 2), fill: false,
        dashArray: known ? null : "4 4", className: className}, style))];
      if (svg) tag(parts[0], r.id);
    } else {
      var pts = curve(r.a, r.b);
      parts = [L.polyline(pts, L.extend({weight: w, dashArray: known ? null : "6 6", className: className}, style))];
      if (svg) tag(parts[0], r.id);
      // A reviewed relocation runs on a dark casing (the line's outline), as a reviewed attack has a dark ring.
      if (r.origin === "reviewed") parts.unshift(L.polyline(pts, L.extend({}, style, {
        weight: w + 2 * opts.reviewedWeight, color: opts.reviewedColour, opacity: 0.9,
        className: "geo-relocation-casing"})));
      var head = L.polygon(arrowHead(map, pts, w) || [r.b, r.b, r.b],
        L.extend({weight: 1, fillOpacity: 0.9, className: "geo-relocation-arrow"}, style));
      parts.push(head);
      arrows.push([head, pts, w]);
    }
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
    for (i = 0; i < aHeat.length; i++) if (aHeat[i][2] > hmax) hmax = aHeat[i][2];
    heat = L.heatLayer([], {radius: 25, blur: 18, minOpacity: 0.25, max: hmax});
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
    for (i = 0; i < items.length; i++) {
      var it = items[i];
      // Undated items cannot be placed in time: always shown. Year/month-only ones cover their span.
      v = it.t0 === null || lo === null || (it.t0 <= hi && it.t1 >= lo);
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
      // A strip of bars: killed per month (incidents per month where no toll is given), spread
      // over the months of year- or month-only dates, so the sequence is visible at a glance.
      var strip = el("canvas", "geo-time-strip"); strip.width = 240; strip.height = 28; div.appendChild(strip);
      var months = T.max - T.min + 1, perMonth = new Float64Array(months), anyKilled = false;
      for (var i = 0; i < A.n; i++) if (A.killed[i]) anyKilled = true;
      for (i = 0; i < A.n; i++) {
        if (A.t0[i] === null) continue;
        var v = anyKilled ? (A.killed[i] || 0) : 1, span = A.t1[i] - A.t0[i] + 1;
        for (var mo = A.t0[i]; mo <= A.t1[i]; mo++) perMonth[mo - T.min] += v / span;
      }
      var peak = Math.max.apply(null, Array.prototype.slice.call(perMonth).concat([1e-9]));
      strip.title = anyKilled ? "killed per month" : "incidents per month";
      function drawStrip() {
        var ctx = strip.getContext("2d"), w = strip.width / months;
        ctx.clearRect(0, 0, strip.width, strip.height);
        for (var k = 0; k < months; k++) {
          if (!perMonth[k]) continue;
          var inside = state.lo === null || (T.min + k >= state.lo && T.min + k <= state.hi);
          // whole pixels: crisp bars, exact colours
          var h = Math.max(2, Math.round((strip.height - 2) * perMonth[k] / peak)), x = Math.floor(k * w);
          ctx.fillStyle = inside ? "#c0392b" : "#d9b8b4";
          ctx.fillRect(x, strip.height - h, Math.max(1, Math.floor((k + 1) * w) - x - (w > 3 ? 1 : 0)), h);
        }
      }
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
        drawStrip();
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
                      reviewed: (A.origin || []).filter(function (o) { return o === "reviewed"; }).length +
                                moves.filter(function (r) { return r.origin === "reviewed"; }).length,
                      renderer: svg ? "svg" : "canvas"};
  // "Interactive": the data are drawn and the next frame has been painted.
  requestAnimationFrame(function () { setTimeout(function () { window.geoReady = performance.now(); }, 0); });
  timing.end = performance.now();
};
})();
