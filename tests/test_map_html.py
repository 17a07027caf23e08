"""The map page and timeline without a browser: escaping, determinism, assets, time spans."""
from __future__ import annotations

import json
import re

import pytest

from geo import maps, timeline
from map_fixtures import XSS_IMG, XSS_JS_URL, XSS_SCRIPT, frames, sample_build


@pytest.fixture(scope="module")
def sample_frames():
    return frames(sample_build())


def _page(fr, **kw):
    return maps.render_html(maps.make_map(*fr, **kw))


@pytest.mark.parametrize("date, end, span", [
    ("2012", None, (2012 * 12, 2012 * 12 + 11)),
    ("2012-05", None, (2012 * 12 + 4, 2012 * 12 + 4)),
    ("2012-05-17", None, (2012 * 12 + 4, 2012 * 12 + 4)),
    ("2012-02", "2013", (2012 * 12 + 1, 2013 * 12 + 11)),
    ("2012-02-03", "2012-04-01", (2012 * 12 + 1, 2012 * 12 + 3)),
    (None, None, None),
    ("", None, None),
    ("spring", None, None),
    ("2012-13", None, None),
    ("2012-04", "2012-00", (2012 * 12 + 3, 2012 * 12 + 3)),
])
def test_month_span_covers_the_dates_precision(date, end, span):
    assert maps.month_span(date, end) == span


def test_month_label_round_trips():
    assert maps.month_label(2011 * 12 + 6) == "2011-07"
    assert maps.month_label(maps.month_span("1999-12")[0]) == "1999-12"


def test_script_json_cannot_close_the_script_tag():
    value = {"q": "</script><script>alert(1)</script> <!-- & \u2028 \u2029"}
    text = maps.script_json(value)
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == value


def test_same_frames_render_identical_bytes(sample_frames):
    a, b = _page(sample_frames), _page(sample_frames)
    assert a == b
    # branca's random 32-hex ids must not leak in.
    assert not re.search(r"_[0-9a-f]{32}\b", a)


def test_injected_markup_never_appears_raw(sample_frames):
    page = _page(sample_frames, title=f"Report {XSS_SCRIPT}")
    for raw in (XSS_IMG, XSS_SCRIPT, "<b>three</b>", "onerror=alert(1)>"):
        assert raw not in page
    assert "Report &lt;script&gt;alert(2)&lt;/script&gt;" in page  # the title, escaped once
    block = re.search(r'<script type="application/json" id="geo-data-map_\w+">(.*?)</script>', page, re.S).group(1)
    data = json.loads(block)
    assert data["attacks"]["n"] == 4 and data["attacks"]["id"][3] == "a-4"
    assert data["attacks"]["sources"][3][0]["quote"].endswith(f"{XSS_IMG} and nothing else.")
    assert XSS_JS_URL in data["attacks"]["summary"][3]  # kept as data, shown as text by the script


def test_pack_turns_rows_into_columns(sample_frames):
    data = maps.map_data(*sample_frames)
    packed = maps.pack(data)
    assert packed["places"]["n"] == 5 and packed["places"]["name"][1] == data["places"][1]["name"]
    assert packed["attacks"]["killed"] == [12, 3, None, 1]
    assert packed["colours"] == data["colours"]


def test_map_data_spans_and_scales(sample_frames):
    data = maps.map_data(*sample_frames)
    by_id = {a["id"]: a for a in data["attacks"]}
    assert (by_id["a-3"]["t0"], by_id["a-3"]["t1"]) == maps.month_span("2012")
    assert by_id["a-3"]["killed"] is None and by_id["a-1"]["killed"] == 12
    assert data["max_killed"] == 12 and data["max_people"] == 3000
    assert data["time"] == {"min": maps.month_span("2010-03")[0], "max": maps.month_span("2016")[1]}
    assert set(data["colours"]) == {"attack", "shelling", "raid"}
    r1 = next(r for r in data["relocations"] if r["id"] == "r-1")
    assert (r1["t0"], r1["t1"]) == (2012 * 12 + 1, 2012 * 12 + 8)
    assert r1["a"] == [34.1, 44.2] and r1["b"] == [33.3, 44.9]  # lat, lon for Leaflet


def test_attack_radius_area_is_proportional_to_killed():
    r10, r40 = maps.attack_radius(10, 40), maps.attack_radius(40, 40)
    assert r40 == maps.RADIUS_MAX
    assert (r40 / r10) ** 2 == pytest.approx(4.0)
    assert maps.attack_radius(None, 40) == maps.RADIUS_UNKNOWN < maps.RADIUS_MIN


def test_self_contained_page_links_nothing_remote(sample_frames):
    page = _page(sample_frames, self_contained=True)
    assert not re.search(r"<(script|link)[^>]+(src|href)=\"https?:", page)
    assert "L.heatLayer" in page and "leafletjs.com" in page  # both libraries inlined
    assert "url(images/" not in page  # the layer control's icon is a data URI
    linked = _page(sample_frames)
    assert re.search(r'<script src="https://[^"]+/leaflet\.js">', linked)
    assert len(page) > len(linked) + 100_000


def test_legend_escapes_types_and_kinds():
    from geo.models import Build, Incident, Place

    b = Build([], [], [Place("p:1", "P", "<i>kind</i>", 1.0, 2.0)],
              [Incident("i:1", "<u>type</u>", "2020", "year", "p:1", "P", 2)], [])
    page = _page(frames(b))
    assert "<u>type</u>" not in page and "<i>kind</i>" not in page
    legend = maps.legend_html(maps.map_data(*frames(b)))
    assert "&lt;u&gt;type&lt;/u&gt;" in legend and "&lt;i&gt;kind&lt;/i&gt;" in legend


def test_empty_build_still_renders():
    from geo.models import Build

    page = _page(frames(Build([], [], [], [], [])))
    assert "geoMapInit(" in page and '"time":null' in page


def test_timeline_png_is_deterministic_and_carries_no_software_stamp(sample_frames):
    _, inc, rel = sample_frames
    a, b = timeline.timeline_png(inc, rel), timeline.timeline_png(inc, rel)
    assert a == b
    assert a.startswith(b"\x89PNG\r\n\x1a\n")
    assert b"Software" not in a and b"matplotlib" not in a
    width, height = int.from_bytes(a[16:20], "big"), int.from_bytes(a[20:24], "big")
    assert (width, height) == (1000, 520)


def test_timeline_drawn_in_another_process_is_the_same_png_and_is_cached(sample_frames, tmp_path):
    """``executor``: drawn in a forked process while the caller goes on; same bytes, then kept in the cache."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _, inc, rel = sample_frames
    here = timeline.timeline_png(inc, rel)
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        later = timeline.timeline_png(inc, rel, cache_dir=tmp_path, executor=pool)
        assert callable(later) and list(tmp_path.rglob("*.png")) == []
        assert later() == here
    assert [p.read_bytes() for p in tmp_path.rglob("*.png")] == [here]
    # from the cache: bytes at once, nothing submitted
    assert timeline.timeline_png(inc, rel, cache_dir=tmp_path, executor=object()) == here


def test_timeline_spreads_imprecise_figures_over_their_span(sample_frames):
    _, inc, rel = sample_frames
    s = timeline.monthly_series(inc, rel)
    assert s["killed_exact"] == {2010 * 12 + 2: 12.0, 2011 * 12 + 6: 3.0, 2013 * 12 + 1: 1.0}
    assert s["killed_spread"] == {}  # the year-only raid has no toll
    assert sorted(s["people_spread"]) == list(range(2012 * 12 + 1, 2012 * 12 + 9))
    assert sum(s["people_spread"].values()) == pytest.approx(3000)
    assert s["people_exact"] == {}


def test_timeline_without_data_is_still_a_png():
    from geo.models import Build

    _, inc, rel = frames(Build([], [], [], [], []))
    assert timeline.timeline_png(inc, rel).startswith(b"\x89PNG")


def test_template_syntax_in_the_data_is_not_evaluated():
    # branca's Element(text) would compile text as Jinja: "{{ 6*7 }}" must stay as written.
    from geo.models import Build, Incident, Place, Source

    q = "They wrote {{ 6*7 }} and {% if true %}yes{% endif %} on the wall."
    b = Build([], [], [Place("p:1", "Brace {{ 6*7 }} Town", "city", 1.0, 2.0)],
              [Incident("i:1", "attack", "2020", "year", "p:1", None, 2, sources=[Source("d", q, 0, len(q))])], [])
    page = _page(frames(b), title="Title {{ 6*7 }} {% raw %}")
    assert page.count("{{ 6*7 }}") == 5  # title tag, title box, the place, the attack's place, the quote
    assert "{% if true %}yes{% endif %}" in page and "{% raw %}" in page
    assert not any(t in page for t in ("Title 42", "Brace 42 Town", "wrote 42"))
