(text) => {
  // Run by geo/screenshot.py in the page (Playwright's page.evaluate) when map tiles cannot load:
  // Natural Earth country outlines in a pane of their own, under every data layer (Leaflet's
  // tile pane is 200). Returns whether the map was there to draw on.
  const map = window.geoApi && window.geoApi.map;
  if (!map) return false;
  const pane = map.createPane("geoBackground");
  pane.style.zIndex = 150;
  map.getContainer().style.background = "#dbe7ef";
  L.geoJSON(JSON.parse(text), {pane: "geoBackground", interactive: false,
    style: {color: "#9a9a9a", weight: 0.7, fillColor: "#f6f4ee", fillOpacity: 1}}).addTo(map);
  map.attributionControl.addAttribution("Outlines: Natural Earth (screenshot without tiles)");
  return true;
}
