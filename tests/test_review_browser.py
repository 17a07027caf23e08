"""Reviewed records on the map, in a real browser (Playwright driving Debian's Chromium).

The pages are made-up builds (tests/map_fixtures.py) with some records marked reviewed, served
from 127.0.0.1 with every other request blocked; see tests/test_map_browser.py.
"""
from __future__ import annotations

import dataclasses

from geo import maps
from map_fixtures import frames, sample_build, synthetic_build
from test_map_browser import browser, page, site  # noqa: F401  (fixtures)


def _reviewed(build, incident_ids=(), relocation_ids=()):
    build.incidents = [dataclasses.replace(i, origin="reviewed") if i.incident_id in incident_ids else i
                       for i in build.incidents]
    build.relocations = [dataclasses.replace(r, origin="reviewed") if r.relocation_id in relocation_ids else r
                         for r in build.relocations]
    return build


def _write(root, name, build) -> None:
    (root / name).write_text(maps.render_html(maps.make_map(*frames(build), self_contained=True)), encoding="utf-8")


def test_legend_and_markers_show_reviewed_records_apart(page, site):  # noqa: F811
    root, base = site
    _write(root, "reviewed.html", _reviewed(sample_build(), {"a-1"}, {"r-1"}))
    pg = page.open(f"{base}/reviewed.html")
    legend = pg.locator(".geo-legend")
    assert legend.locator("h4", has_text="Review").count() == 1
    rows = [t.strip() for t in legend.locator(".geo-legend-reviewed").all_inner_texts()]
    assert rows == ["reviewed attack (1)", "reviewed relocation (1)"]
    # The reviewed attack has the dark ring; the three others keep their type's colour as outline.
    reviewed = pg.locator("path.geo-attack.geo-reviewed")
    assert reviewed.count() == 1 and reviewed.get_attribute("data-geo-id") == "a-1"
    assert reviewed.get_attribute("stroke") == maps.REVIEWED_COLOUR
    assert float(reviewed.get_attribute("stroke-width")) == maps.REVIEWED_WEIGHT
    others = pg.locator("path.geo-attack:not(.geo-reviewed)")
    assert others.count() == 3
    assert maps.REVIEWED_COLOUR not in {others.nth(k).get_attribute("stroke") for k in range(3)}
    # The reviewed relocation runs on a dark casing; the other has none.
    assert pg.locator("path.geo-relocation.geo-reviewed").count() == 1
    casing = pg.locator("path.geo-relocation-casing")
    assert casing.count() == 1 and casing.get_attribute("stroke") == maps.REVIEWED_COLOUR
    assert pg.evaluate("window.geoCounts.reviewed") == 2
    assert page.errors == []


def test_map_without_reviewed_records_has_no_review_legend(page, site):  # noqa: F811
    root, base = site
    _write(root, "unreviewed.html", sample_build())
    pg = page.open(f"{base}/unreviewed.html")
    assert pg.locator(".geo-legend h4", has_text="Review").count() == 0
    assert pg.locator("path.geo-reviewed").count() == 0 and pg.locator("path.geo-relocation-casing").count() == 0
    assert page.errors == []


def test_canvas_map_draws_reviewed_attacks_with_the_dark_ring(page, site):  # noqa: F811
    root, base = site
    build = synthetic_build(maps.SVG_MAX_FEATURES + 50)
    # One attack alone at a place far from the others, reviewed: its ring's pixels are dark.
    lone = dataclasses.replace(build.places[0], place_id="syn:lone", name="Lone", lat=10.0, lon=10.0)
    build.places.append(lone)
    build.incidents.append(dataclasses.replace(build.incidents[0], incident_id="s-lone", place_id="syn:lone",
                                               place_name="Lone", killed=40, origin="reviewed"))
    _write(root, "reviewed-big.html", build)
    pg = page.open(f"{base}/reviewed-big.html")
    assert pg.evaluate("window.geoCounts.renderer") == "canvas"
    assert pg.evaluate("window.geoCounts.reviewed") == 1
    i = pg.evaluate("window.geoApi.attackIds.indexOf('s-lone')")
    x, y = pg.evaluate(f"window.geoApi.attackPoint({i})")
    radius = maps.attack_radius(40, 40)
    # Sample the canvas on the circle's edge (right of the centre): the ring colour, not the fill.
    rgba = pg.evaluate(f"""(() => {{
        const c = document.querySelector('canvas.geo-dots'), r = c.getBoundingClientRect(),
              d = window.devicePixelRatio || 1, ctx = c.getContext('2d');
        return Array.from(ctx.getImageData(Math.round(({x} - r.left + {radius}) * d),
                                           Math.round(({y} - r.top) * d), 1, 1).data);
    }})()""")
    assert rgba[3] > 200 and max(rgba[:3]) < 60, rgba
    assert page.errors == []
