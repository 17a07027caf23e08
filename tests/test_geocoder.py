"""The Nominatim backend against a fake Nominatim on 127.0.0.1: never the internet."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import DATA, run_geo
from geo.geocoder import NominatimGeocoder, make_geocoder

ANSWER = [{
    "place_id": 1, "osm_type": "node", "osm_id": 4242, "lat": "36.3401", "lon": "43.1302",
    "display_name": "Qaryat Zelbuni, Nineveh, Iraq", "name": "Qaryat Zelbuni", "addresstype": "village",
    "boundingbox": ["36.3301", "36.3501", "43.1202", "43.1402"], "address": {"country_code": "iq"},
}]


#: Answers a server may give that no place can be made of (made-up names; each overrides ANSWER's fields).
BAD_ANSWERS = {
    "Kafr Nolat": {"lat": None},
    "Kafr Textlat": {"lat": "north-ish"},
    "Kafr Badbox": {"boundingbox": ["36.3", "north", "43.1", "43.2"]},
    "Kafr Shortbox": {"boundingbox": ["36.3"]},
    "Kafr Farlon": {"lon": "181"},
    "Kafr Farlat": {"lat": "-90.5"},
    "Kafr Nanlat": {"lat": "NaN"},
}


class FakeNominatim(BaseHTTPRequestHandler):
    """Answers by query: a match, nothing, too slow, 429 then a match, 500 (then maybe a match)."""

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        q = parse_qs(urlparse(self.path).query)
        name = q.get("q", [""])[0]
        srv = self.server
        srv.requests.append((urlparse(self.path).path, name, self.headers.get("User-Agent"), q))
        count = sum(1 for r in srv.requests if r[1] == name)
        if name == "Slowtown":
            time.sleep(1.0)
            return self._json([])
        if name.startswith("Busy") and count == 1:
            self.send_response(429)
            self.send_header("Retry-After", "3600" if name == "Busy forever" else "1")
            self.end_headers()
            return
        if name == "Broken" or (name == "Flaky" and count == 1):
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b"internal error")
            return
        if name in ("Qaryat Zelbuni", "Busy", "Busy forever", "Flaky"):
            return self._json(ANSWER)
        if name == "Kafr Elsewhere":  # a namesake far from where the text puts the name
            return self._json([{**ANSWER[0], "lat": "10.0", "lon": "10.0", "name": name, "display_name": name}])
        if name in BAD_ANSWERS:
            return self._json([{**ANSWER[0], **BAD_ANSWERS[name]}])
        return self._json([])

    def _json(self, obj):
        body = json.dumps(obj).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client timed out first
            pass


@pytest.fixture
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    srv.requests = []
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def geocoder(server, tmp_path, sleeps=None, **kw):
    url = f"http://127.0.0.1:{server.server_address[1]}"
    return NominatimGeocoder(tmp_path / "cache", url=url, min_delay=0, timeout=kw.pop("timeout", 0.5),
                             sleep=(sleeps.append if sleeps is not None else (lambda s: None)), **kw)


def test_success_makes_a_place_with_precision_and_country(server, tmp_path):
    g = geocoder(server, tmp_path)
    place, why = g.lookup("Qaryat Zelbuni", ("IQ",))
    assert why == "Nominatim"
    assert place.place_id == "nominatim:n4242" and place.kind == "city" and place.country_code == "IQ"
    assert (place.lat, place.lon) == (36.3401, 43.1302) and 0.5 < place.precision_km < 2
    assert place.source == "nominatim"
    path, name, agent, query = server.requests[0]
    assert path == "/search" and name == "Qaryat Zelbuni" and agent and "geo" in agent
    assert query["countrycodes"] == ["iq"]


def test_empty_answer_is_no_place_and_is_cached(server, tmp_path):
    g = geocoder(server, tmp_path)
    assert g.lookup("Nowhere Flats") == (None, "Nominatim has no match")
    assert g.lookup("Nowhere Flats") == (None, "Nominatim has no match (cached)")
    assert len(server.requests) == 1


def test_cache_hit_makes_no_request_even_in_a_new_process_state(server, tmp_path):
    first = geocoder(server, tmp_path)
    place, _ = first.lookup("Qaryat Zelbuni")
    first.close()
    before = len(server.requests)
    again = geocoder(server, tmp_path)
    cached, why = again.lookup("Qaryat Zelbuni")
    assert cached == place and why == "Nominatim (cached)"
    assert len(server.requests) == before and again.requests == 0


def test_timeout_is_retried_with_backoff_then_gives_up_without_hanging(server, tmp_path):
    sleeps = []
    g = geocoder(server, tmp_path, sleeps, timeout=0.2, max_retries=2, backoff=0.5)
    t0 = time.perf_counter()
    place, why = g.lookup("Slowtown")
    assert place is None and "GeocoderTimedOut" in why
    assert time.perf_counter() - t0 < 5
    assert sleeps == [0.5, 1.0]  # exponential back-off between the 3 attempts
    assert g.requests == 3


def test_429_honours_retry_after_within_bounds(server, tmp_path):
    sleeps = []
    g = geocoder(server, tmp_path, sleeps, max_retry_after=5)
    assert g.lookup("Busy")[0] is not None
    assert sleeps == [1.0]
    assert g.lookup("Busy forever")[0] is not None
    assert sleeps == [1.0, 5]  # Retry-After: 3600 is capped, the build does not wait an hour


def test_500_is_retried_and_a_later_success_counts(server, tmp_path):
    sleeps = []
    g = geocoder(server, tmp_path, sleeps, max_retries=3, backoff=0.1)
    assert g.lookup("Flaky")[0].place_id == "nominatim:n4242"
    assert sleeps == [0.1]
    place, why = g.lookup("Broken")
    assert place is None and "GeocoderServiceError" in why
    assert sum(1 for r in server.requests if r[1] == "Broken") == 4
    assert g.lookup("Broken")[0] is None  # failures are not cached: asked again
    assert sum(1 for r in server.requests if r[1] == "Broken") == 8


def test_repeated_failures_switch_to_offline(server, tmp_path):
    g = geocoder(server, tmp_path, max_retries=0, max_failures=2)
    for _ in range(2):
        assert g.lookup("Broken")[0] is None
    n = len(server.requests)
    place, why = g.lookup("Qaryat Zelbuni")
    assert place is None and "failed repeatedly" in why and len(server.requests) == n


def test_unreachable_server_falls_back(tmp_path):
    g = NominatimGeocoder(tmp_path, url="http://127.0.0.1:9", min_delay=0, timeout=0.5, max_retries=1,
                          sleep=lambda s: None)
    place, why = g.lookup("Anywhere")
    assert place is None and "Nominatim failed" in why


def test_make_geocoder(tmp_path):
    assert make_geocoder("offline") is None
    assert isinstance(make_geocoder("nominatim", cache_dir=tmp_path), NominatimGeocoder)
    with pytest.raises(ValueError):
        make_geocoder("google")


def test_build_with_nominatim_uses_the_fake_server_and_its_cache(server, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "report.txt").write_text("Gunmen raided the village of Qaryat Zelbuni near Mosul, Iraq.\n",
                                     encoding="utf-8")
    # The default cache folder (shared with the other builds of the test run, so the gazetteer is built
    # once); answers are cached by server URL, and this server's port is new.
    env = {"GEO_NOMINATIM_URL": f"http://127.0.0.1:{server.server_address[1]}"}
    for out in ("out1", "out2"):
        run_geo("build", "--documents", docs, "--data", DATA, "--out", tmp_path / out, "--geocoder", "nominatim",
                "-q", env=env)
    assert [r[1] for r in server.requests] == ["Qaryat Zelbuni"]  # the second build asked nothing
    places = json.loads((tmp_path / "out2" / "places.geojson").read_text(encoding="utf-8"))["features"]
    found = {f["properties"]["name"]: f for f in places}
    assert found["Qaryat Zelbuni"]["properties"]["source"] == "nominatim"
    assert found["Qaryat Zelbuni"]["geometry"]["coordinates"] == [43.1302, 36.3401]
    assert (tmp_path / "out1" / "places.geojson").read_bytes() == (tmp_path / "out2" / "places.geojson").read_bytes()
    # Offline, the same name is placed where its text puts it: near Mosul, with a radius that says so.
    run_geo("build", "--documents", docs, "--data", DATA, "--out", tmp_path / "off", "-q", env=env)
    places = json.loads((tmp_path / "off" / "places.geojson").read_text(encoding="utf-8"))["features"]
    [village] = [f["properties"] for f in places if f["properties"]["name"] == "Qaryat Zelbuni"]
    assert village["source"] == "text" and village["precision_km"] >= 25


def test_an_online_answer_far_from_where_the_text_puts_a_name_is_a_namesake(server, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "report.txt").write_text("Gunmen raided the village of Kafr Elsewhere near Mosul, Iraq.\n", encoding="utf-8")
    env = {"GEO_NOMINATIM_URL": f"http://127.0.0.1:{server.server_address[1]}"}
    run_geo("build", "--documents", docs, "--data", DATA, "--out", tmp_path / "out", "--geocoder", "nominatim", "-q",
            env=env)
    assert [r[1] for r in server.requests] == ["Kafr Elsewhere"]
    places = json.loads((tmp_path / "out" / "places.geojson").read_text(encoding="utf-8"))["features"]
    [village] = [f for f in places if f["properties"]["name"] == "Kafr Elsewhere"]
    assert village["properties"]["source"] == "text" and village["geometry"]["coordinates"][1] > 30


def test_unwritable_cache_folder_still_geocodes(server, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    g = NominatimGeocoder(blocker / "cache", url=f"http://127.0.0.1:{server.server_address[1]}", min_delay=0,
                          sleep=lambda s: None)
    assert g.lookup("Qaryat Zelbuni")[0] is not None
    assert g.lookup("Qaryat Zelbuni")[1] == "Nominatim (cached)"  # kept in memory for this build


# --- answers are checked before they are used or cached ------------------------------------------------


@pytest.mark.parametrize("name", sorted(BAD_ANSWERS))
def test_bad_answer_is_reported_not_cached_and_asked_again(server, tmp_path, name):
    g = geocoder(server, tmp_path)
    place, why = g.lookup(name)
    assert place is None and why.startswith("Nominatim gave an invalid answer (")
    g.close()
    again = geocoder(server, tmp_path)  # a later build: nothing bad was cached, so it asks again
    assert again.lookup(name)[0] is None
    assert sum(1 for r in server.requests if r[1] == name) == 2


def test_bad_answers_count_as_failures_in_a_row(server, tmp_path):
    g = geocoder(server, tmp_path, max_failures=2)
    g.lookup("Kafr Nolat")
    g.lookup("Kafr Farlon")
    assert g.gave_up


def test_bad_answer_already_in_the_cache_is_discarded_and_asked_again(server, tmp_path):
    import sqlite3

    g = geocoder(server, tmp_path)
    key = g._key("Qaryat Zelbuni", ())
    g.close()
    db = sqlite3.connect(tmp_path / "cache" / "nominatim.sqlite")
    bad = {**ANSWER[0], "lat": None}  # as an older version cached it, unchecked
    db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?)", (key, json.dumps({"answer": bad})))
    db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?)", (g._key("Nowhere Flats", ()), "{not json"))
    db.commit()
    db.close()
    g = geocoder(server, tmp_path)
    place, why = g.lookup("Qaryat Zelbuni")
    assert why == "Nominatim" and place.lat == 36.3401  # asked again, not read from the bad entry
    assert g.lookup("Nowhere Flats") == (None, "Nominatim has no match")
    assert g.lookup("Qaryat Zelbuni")[1] == "Nominatim (cached)"  # the good answer replaced it
    assert [r[1] for r in server.requests] == ["Qaryat Zelbuni", "Nowhere Flats"]


@pytest.mark.parametrize("lat,lon", [(0, 181), (-91, 0), (float("nan"), 0), (0, float("inf")), ("x", 0)])
def test_a_place_is_never_made_with_invalid_coordinates(lat, lon):
    from geo.models import Place

    with pytest.raises(ValueError, match="coordinates|latitude/longitude"):
        Place("t:1", "Test", "site", lat, lon)
    with pytest.raises(ValueError, match="precision_km"):
        Place("t:1", "Test", "site", 1.0, 2.0, precision_km=float("nan"))


def test_build_with_bad_answers_exits_0_reports_them_and_writes_valid_coordinates(server, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Shells fell on the village of Kafr Farlon and the village of Kafr Nolat, "
                                "and near Qaryat Zelbuni, Iraq.\n", encoding="utf-8")
    env = {"GEO_NOMINATIM_URL": f"http://127.0.0.1:{server.server_address[1]}",
           "GEO_CACHE_DIR": str(tmp_path / "cache")}
    for out in ("out1", "out2"):
        proc = run_geo("build", "--documents", docs, "--data", DATA, "--out", tmp_path / out, "--geocoder",
                       "nominatim", "--report", tmp_path / f"{out}.json", env=env, check=False)
        assert proc.returncode == 0, proc.stderr
        report = json.loads((tmp_path / f"{out}.json").read_text())
        reasons = " ".join(s["reason"] for s in report["skipped"])
        assert "'Kafr Farlon': Nominatim gave an invalid answer (place 'Qaryat Zelbuni': latitude/longitude " \
               "out of range: 36.3401, 181.0)" in reasons
        assert "'Kafr Nolat': Nominatim gave an invalid answer (lat is not a number: None)" in reasons
        for layer in ("places", "incidents"):
            for f in json.loads((tmp_path / out / f"{layer}.geojson").read_text())["features"]:
                lon, lat = f["geometry"]["coordinates"][:2]
                assert -180 <= lon <= 180 and -90 <= lat <= 90
    # Both builds asked about the bad names (never cached); the good one only once.
    asked = [r[1] for r in server.requests]
    assert asked.count("Kafr Farlon") == 2 and asked.count("Kafr Nolat") == 2 and asked.count("Qaryat Zelbuni") == 1
