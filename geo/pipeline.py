"""The whole pipeline: documents → mentions → places → incidents → layers → outputs.

``run`` reads the inputs and returns a :class:`~geo.models.Build`; ``render``
turns it into the output files' contents; ``geo.export.write_atomic`` writes them.

Documentation: docs/design.md.
"""
from __future__ import annotations

from pathlib import Path

from . import documents as documents_stage
from . import extract, geoparse, incidents as incidents_stage, layers, maps, review, timeline
from .export import geojson_text, mentions_csv_text
from .gazetteer import load_gazetteer
from .geocoder import make_geocoder
from .models import Build
from .settings import DEFAULT_GEOCODER, DEFAULT_MIN_CONFIDENCE, TEXTS_FOLDER


def run(documents_dir: Path, data_dir: Path | None = None, *, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        geocoder: str = DEFAULT_GEOCODER, cache_dir: Path | None = None, progress=None,
        columns: dict[str, str] | None = None) -> Build:
    """Run every stage on a folder of documents and a folder of curated data.

    ``columns`` names article dumps' columns by field (``--column FIELD=NAME``).
    """
    say = progress or (lambda msg: None)
    metadata = Path(data_dir) / "documents.csv" if data_dir is not None else None
    docs, skipped = documents_stage.read_documents(Path(documents_dir), metadata, columns=columns)
    say(f"read {len(docs)} documents")
    gaz = load_gazetteer(data_dir, cache_dir=cache_dir)
    say(f"gazetteer: {len(gaz.places)} places, {len(gaz.names)} names")
    backend = make_geocoder(geocoder, cache_dir=cache_dir)
    mentions, candidates = [], []
    for doc in docs:  # the per-document stage: pure in (document, gazetteer, settings)
        doc_mentions = geoparse.find_mentions([doc], gaz, geocoder=backend, skips=skipped)
        mentions += doc_mentions
        candidates += extract.extract_document(doc, doc_mentions, gaz)
    say(f"found {len(mentions)} place mentions")
    # the corpus stage: merging across documents, curated records, places, layers
    incidents, relocations, inc_skips = incidents_stage.build_incidents(
        docs, candidates, gaz, data_dir, min_confidence=min_confidence)
    skipped += inc_skips
    # earlier reviews (geo review --apply): reviewed records marked, rejected ones left out
    incidents, relocations, review_skips = review.honour_reviews(incidents, relocations, data_dir)
    skipped += review_skips
    used = {i.place_id for i in incidents if i.place_id}
    used |= {pid for r in relocations for pid in (r.from_place_id, r.to_place_id) if pid}
    places = geoparse.places_from_mentions(mentions, gaz, used)
    build = Build(docs, mentions, places, incidents, relocations, skipped)
    build.skipped += layers.undrawable(build)
    return build


def render(build: Build, *, self_contained: bool = False, title: str | None = None) -> dict[str, str | bytes]:
    """Contents of every output file of ``python -m geo build``, by file name.

    ``self_contained`` inlines Leaflet and its plugin into ``index.html`` (no CDN);
    ``title`` is the map's title (default: ``maps.DEFAULT_TITLE``);
    ``timeline.png`` is bytes, everything else text; ``texts/<document>.txt``
    are the documents' texts (:func:`texts`).
    """
    places, incidents, relocations = (layers.places_frame(build), layers.incidents_frame(build),
                                      layers.relocations_frame(build))
    return {
        "places.geojson": geojson_text(places),
        "incidents.geojson": geojson_text(incidents),
        "relocations.geojson": geojson_text(relocations),
        "mentions.csv": mentions_csv_text(build.mentions),
        "index.html": maps.render_html(maps.make_map(places, incidents, relocations, title or maps.DEFAULT_TITLE,
                                                    self_contained=self_contained)),
        "timeline.png": timeline.timeline_png(incidents, relocations),
        **texts(build),
    }


def texts(build: Build) -> dict[str, str]:
    """``texts/<document id>.txt``: each document's text as read, which quotes and offsets refer to.

    Kept beside the outputs so that ``text[start:end] == quote`` can be checked
    and a popup can link to the words a record was read from.
    """
    return {f"{TEXTS_FOLDER}/{d.id}.txt": d.text for d in sorted(build.documents, key=lambda d: d.id)}
