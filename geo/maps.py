"""Stage 5 — the map: layered Leaflet (folium) from the layers' GeoDataFrames."""
from __future__ import annotations

import html

import folium
import geopandas as gpd


def _deterministic_ids(root) -> None:
    # branca gives every element a random id; number them in tree order instead
    # so the same build renders the same bytes.
    counter = 0

    def walk(el):
        nonlocal counter
        el._id = f"{counter:06x}"
        counter += 1
        for child in el._children.values():
            walk(child)

    walk(root)


def make_map(places: gpd.GeoDataFrame, incidents: gpd.GeoDataFrame, relocations: gpd.GeoDataFrame,
             title: str = "geo — incidents") -> folium.Map:
    """A folium map with places, incidents and relocations as toggleable layers."""
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
    _deterministic_ids(m)
    return m.get_root().render()
