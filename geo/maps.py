"""Stage 5 — the map: layered Leaflet (folium) from the layers' GeoDataFrames."""
from __future__ import annotations

import contextlib
import html
import itertools

import folium
import geopandas as gpd
from branca.element import Element


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


def make_map(places: gpd.GeoDataFrame, incidents: gpd.GeoDataFrame, relocations: gpd.GeoDataFrame,
             title: str = "geo — incidents") -> folium.Map:
    """A folium map with places, incidents and relocations as toggleable layers."""
    with deterministic_ids():
        return _make_map(places, incidents, relocations, title)


def _make_map(places, incidents, relocations, title):
    m = folium.Map(location=[30, 30], zoom_start=3, tiles=None)
    folium.TileLayer("OpenStreetMap", name="OpenStreetMap").add_to(m)
    folium.TileLayer("CartoDB positron", name="CartoDB Positron").add_to(m)
    layer = folium.FeatureGroup(name="Places").add_to(m)
    for row in places.itertuples():
        folium.CircleMarker([row.geometry.y, row.geometry.x], radius=4,
                            popup=folium.Popup(html.escape(str(row.name)))).add_to(layer)
    layer = folium.FeatureGroup(name="Attacks").add_to(m)
    for row in incidents.itertuples():
        folium.CircleMarker([row.geometry.y, row.geometry.x], radius=6, color="red",
                            popup=folium.Popup(html.escape(f"{row.date} {row.type} {row.place_name}"))).add_to(layer)
    layer = folium.FeatureGroup(name="Relocations").add_to(m)
    for row in relocations.itertuples():
        folium.PolyLine([(y, x) for x, y in row.geometry.coords], color="blue").add_to(layer)
    folium.LayerControl(collapsed=False).add_to(m)
    bounds = places.total_bounds if len(places) else None
    if bounds is not None:
        m.fit_bounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]])
    return m


def render_html(m: folium.Map) -> str:
    """The map as one HTML page, byte-identical for the same map."""
    return m.get_root().render()
