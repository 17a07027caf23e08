"""Online geocoding (optional, off by default): OpenStreetMap's Nominatim through geopy.

``python -m geo build --geocoder nominatim`` asks Nominatim about names the
offline gazetteer lacks. Polite and bounded by construction:

- a user agent (``settings.USER_AGENT``) and geopy's ``RateLimiter``
  (at least ``settings.NOMINATIM_MIN_DELAY_SECONDS`` between calls);
- each request times out (``NOMINATIM_TIMEOUT_SECONDS``); timeouts, 429 and
  5xx answers are retried ``NOMINATIM_MAX_RETRIES`` times with exponential
  back-off, a 429's ``Retry-After`` honoured up to
  ``NOMINATIM_MAX_RETRY_AFTER_SECONDS``; other errors are not retried;
- after ``NOMINATIM_MAX_FAILURES`` failed names in a row the backend stops
  asking for the rest of the build (offline from then on), so a build never
  hangs on a dead network;
- answers, empty ones included, are kept in SQLite under the cache folder, so
  a second build makes no request.

Failures are returned as reasons, which the caller records as ``Skip`` records.

Documentation: docs/places-design.md.
"""
from __future__ import annotations

import json
import math
import sqlite3
import time
from pathlib import Path

from . import settings
from .models import Place

#: Nominatim ``addresstype`` → our ``kind``.
_KINDS = {"country": "country", "state": "region", "region": "region", "province": "region", "county": "region",
          "state_district": "region", "city": "city", "town": "city", "village": "city", "hamlet": "city",
          "municipality": "city", "suburb": "city", "neighbourhood": "city", "quarter": "city"}


class NominatimGeocoder:
    """Look names up on a Nominatim server, with rate limit, retries and an on-disk cache.

    Parameters
    ----------
    cache_dir : Path, optional
        Folder of the SQLite cache (``nominatim.sqlite``); default ``settings.CACHE_DIR``.
    url : str, optional
        Server base URL, e.g. ``http://127.0.0.1:8080``; default ``settings.NOMINATIM_URL``.
    min_delay, timeout, max_retries, backoff, max_retry_after, max_failures : float/int, optional
        Defaults from :mod:`geo.settings` (``NOMINATIM_*``).
    sleep : callable, optional
        ``time.sleep`` by default; tests pass a recorder.
    """

    def __init__(self, cache_dir: Path | None = None, *, url: str | None = None, user_agent: str | None = None,
                 min_delay: float | None = None, timeout: float | None = None, max_retries: int | None = None,
                 backoff: float | None = None, max_retry_after: float | None = None,
                 max_failures: int | None = None, sleep=time.sleep):
        from geopy.adapters import URLLibAdapter
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        url = (url or settings.NOMINATIM_URL).rstrip("/")
        scheme, _, domain = url.partition("://")
        self.url = url
        self.timeout = settings.NOMINATIM_TIMEOUT_SECONDS if timeout is None else timeout
        self.max_retries = settings.NOMINATIM_MAX_RETRIES if max_retries is None else max_retries
        self.backoff = settings.NOMINATIM_BACKOFF_SECONDS if backoff is None else backoff
        self.max_retry_after = settings.NOMINATIM_MAX_RETRY_AFTER_SECONDS if max_retry_after is None \
            else max_retry_after
        self.max_failures = settings.NOMINATIM_MAX_FAILURES if max_failures is None else max_failures
        self.sleep = sleep
        self.requests = 0  # HTTP requests made (tests and the summary read it)
        self.failures_in_a_row = 0
        self.gave_up = False
        # geopy's urllib adapter: no hidden retries below ours (its requests adapter retries reads twice).
        client = Nominatim(user_agent=user_agent or settings.USER_AGENT, domain=domain or scheme,
                           scheme=scheme if domain else "https", timeout=self.timeout, adapter_factory=URLLibAdapter)
        # geopy's RateLimiter spaces the calls; retrying is ours (it ignores Retry-After).
        self._geocode = RateLimiter(client.geocode, min_delay_seconds=settings.NOMINATIM_MIN_DELAY_SECONDS
                                    if min_delay is None else min_delay, max_retries=0, swallow_exceptions=False)
        cache_dir = Path(cache_dir) if cache_dir is not None else settings.CACHE_DIR
        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(cache_dir / "nominatim.sqlite")
            self.db.execute("CREATE TABLE IF NOT EXISTS answers (query TEXT PRIMARY KEY, answer TEXT)")
        except (OSError, sqlite3.Error):  # unwritable or corrupt cache: this build only, in memory
            self.db = sqlite3.connect(":memory:")
            self.db.execute("CREATE TABLE answers (query TEXT PRIMARY KEY, answer TEXT)")

    def _key(self, name: str, country_codes: tuple[str, ...]) -> str:
        return json.dumps([self.url, name, sorted(country_codes)])

    def _cached(self, key: str):
        try:
            row = self.db.execute("SELECT answer FROM answers WHERE query = ?", (key,)).fetchone()
        except sqlite3.Error:  # a damaged cache file: as if nothing were cached
            return None
        if row is None:
            return None
        try:
            return json.loads(row[0])
        except (TypeError, ValueError):
            return {"unreadable": row[0]}  # not a cache entry: _checked refuses it, lookup asks again

    def _ask(self, name: str, country_codes: tuple[str, ...]):
        """The raw answer (dict or None for no match); raises after the last retry."""
        from geopy.exc import (GeocoderRateLimited, GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable)

        delay = self.backoff
        for attempt in range(self.max_retries + 1):
            try:
                self.requests += 1
                loc = self._geocode(name, exactly_one=True, addressdetails=True, language="en",
                                    country_codes=[c.lower() for c in country_codes] or None)
                return loc.raw if loc is not None else None
            except GeocoderRateLimited as e:  # 429: wait as asked, within bounds
                wait = min(float(e.retry_after), self.max_retry_after) if e.retry_after else delay
                error = e
            except (GeocoderTimedOut, GeocoderUnavailable) as e:
                wait, error = delay, e
            except GeocoderServiceError as e:
                # 5xx come as the base class; 4xx as its subclasses, not worth retrying.
                if type(e) is not GeocoderServiceError:
                    raise
                wait, error = delay, e
            if attempt == self.max_retries:
                raise error
            self.sleep(min(wait, self.max_retry_after))
            delay *= 2
        raise AssertionError("unreachable")

    def lookup(self, name: str, country_codes: tuple[str, ...] = ()) -> tuple[Place | None, str]:
        """A place for ``name`` (preferring ``country_codes``) and why, or None and why not.

        Never raises for network or server trouble: the reason says what went wrong.
        """
        key = self._key(name, country_codes)
        cached = self._cached(key)
        if cached is not None:
            try:
                place = _checked(cached)
            except ValueError:  # written by an older version that cached unchecked answers: ask again
                self._forget(key)
            else:
                return (place, "Nominatim (cached)") if place else (None, "Nominatim has no match (cached)")
        if self.gave_up:
            return None, "Nominatim not asked: it failed repeatedly earlier in this build"
        try:
            raw = self._ask(name, country_codes)
        except Exception as e:  # network, timeout, HTTP error, bad JSON: fall back to offline
            self.failures_in_a_row += 1
            if self.failures_in_a_row >= self.max_failures:
                self.gave_up = True
            if isinstance(e, ValueError):  # geopy refused the answer's coordinates while parsing it
                return None, f"Nominatim gave an invalid answer ({str(e)[:160]})"
            return None, f"Nominatim failed ({type(e).__name__}: {str(e)[:120]})"
        try:  # checked before it is cached or used: a bad answer is never kept
            place = _checked({"answer": raw})
        except ValueError as e:
            self.failures_in_a_row += 1
            if self.failures_in_a_row >= self.max_failures:
                self.gave_up = True
            return None, f"Nominatim gave an invalid answer ({str(e)[:160]})"
        self.failures_in_a_row = 0
        try:
            self.db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?)", (key, json.dumps({"answer": raw})))
            self.db.commit()
        except sqlite3.Error:  # disk full, read-only cache: this answer is simply not kept
            pass
        if place is None:
            return None, "Nominatim has no match"
        return place, "Nominatim"

    def _forget(self, key: str) -> None:
        try:
            self.db.execute("DELETE FROM answers WHERE query = ?", (key,))
            self.db.commit()
        except sqlite3.Error:
            pass

    def close(self) -> None:
        """Close the cache database."""
        self.db.close()


def _checked(entry) -> Place | None:
    """The place of a cache entry ``{"answer": raw}`` (None for "no match"); ValueError when it is malformed."""
    if not isinstance(entry, dict) or "answer" not in entry:
        raise ValueError("not a cache entry")
    raw = entry["answer"]
    return place_from_raw(raw) if raw else None


def _number(raw: dict, key: str, value=None) -> float:
    value = raw.get(key) if value is None else value
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError(f"{key} is not a number: {value!r}"[:160])
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{key} is not a number: {value!r}"[:160]) from None
    if not math.isfinite(number):
        raise ValueError(f"{key} is not finite: {value!r}")
    return number


def place_from_raw(raw: dict) -> Place:
    """A :class:`Place` from one Nominatim JSON answer (``jsonv2``/``json`` with address details).

    Raises
    ------
    ValueError
        When the answer is malformed: not an object, ``lat``/``lon`` missing,
        not numbers or out of range, a ``boundingbox`` that is not four numbers.
    """
    if not isinstance(raw, dict):
        raise ValueError(f"answer is not a JSON object: {type(raw).__name__}")
    lat, lon = _number(raw, "lat"), _number(raw, "lon")
    precision = 1.0
    bbox = raw.get("boundingbox")
    if bbox is not None and (not isinstance(bbox, (list, tuple)) or len(bbox) != 4):
        raise ValueError(f"boundingbox is not four numbers: {bbox!r}"[:160])
    if bbox:  # [south, north, west, east]: half the diagonal, in km
        s, n, w, e = (_number(raw, "boundingbox", v) for v in bbox)
        dy = (n - s) * 111.2
        dx = (e - w) * 111.2 * math.cos(math.radians(lat))
        precision = max(0.1, round(math.hypot(dx, dy) / 2, 1))
    addresstype = raw.get("addresstype") or raw.get("type") or ""
    osm = f"{(raw.get('osm_type') or 'x')[:1]}{raw.get('osm_id', raw.get('place_id', ''))}"
    cc = ((raw.get("address") or {}).get("country_code") or "").upper() or None
    name = str(raw.get("name") or str(raw.get("display_name") or "").split(",")[0] or "?")
    # Place checks the coordinates' range (the one place where places are made).
    return Place(place_id=f"nominatim:{osm}", name=name, kind=_KINDS.get(addresstype, "site"), lat=round(lat, 6),
                 lon=round(lon, 6), country_code=cc, precision_km=precision, source="nominatim",
                 citation=f"OpenStreetMap Nominatim: {raw.get('display_name', '')}"[:300])


def make_geocoder(name: str, cache_dir: Path | None = None) -> NominatimGeocoder | None:
    """The backend for ``--geocoder NAME``: None for ``offline``."""
    if name in (None, "", "offline"):
        return None
    if name == "nominatim":
        return NominatimGeocoder(cache_dir)
    raise ValueError(f"unknown geocoder {name!r} (offline, nominatim)")
