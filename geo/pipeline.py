"""The whole pipeline: documents → mentions → places → incidents → layers → outputs.

``run`` reads the inputs and returns a :class:`~geo.models.Build`; ``render``
turns it into the output files' contents; ``geo.files.write_atomic`` writes them.

Documents are streamed through the per-document stage (:mod:`geo.engine`: in
process, a process pool or a Dask cluster), each result looked up first in the
per-document cache (:mod:`geo.cache`); their results — mentions, candidates,
skips — are kept for the corpus stage, in document order whatever order the
workers finished in. Documentation: docs/design.md, docs/scale.md.
"""
from __future__ import annotations

import dataclasses
import gc
import os
from functools import partial
from collections.abc import Iterator
from pathlib import Path

from . import documents as documents_stage
from . import incidents as incidents_stage
from .gazetteer import gc_paused, load_gazetteer
from .geocoder import make_geocoder
from .models import Build, Document, Skip
from .settings import CACHE_DIR, DEFAULT_GEOCODER, DEFAULT_MIN_CONFIDENCE, TEXTS_FOLDER


def _input_size(folder: Path) -> int:
    """Bytes of the files under ``folder`` (for the progress bar's ETA)."""
    total = 0
    for top, _, names in os.walk(folder):
        for name in names:
            try:
                total += os.stat(os.path.join(top, name)).st_size
            except OSError:
                continue
    return total


def _engine(name: str, jobs: int, scheduler: str | None, gaz, geocoder):
    from . import engine

    if geocoder is not None:
        # The online geocoder adds places to the gazetteer and keeps a rate limit and an SQLite cache of its
        # own: it runs in this process, one document after another, whatever --jobs says.
        return engine.InProcess(gaz, geocoder)
    if name == "dask" or scheduler:
        return engine.DaskEngine(gaz, scheduler, jobs)
    if jobs <= 1:
        return engine.InProcess(gaz)
    return engine.LocalPool(gaz, jobs)


def run(documents_dir: Path, data_dir: Path | None = None, *, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        geocoder: str = DEFAULT_GEOCODER, cache_dir: Path | None = None, progress=None, jobs: int = 1,
        use_cache: bool = False, engine: str = "local", scheduler: str | None = None,
        progress_bar: bool = False, columns: dict[str, str] | None = None) -> Build:
    """Run every stage on a folder of documents and a folder of curated data.

    Parameters
    ----------
    documents_dir, data_dir : Path
        The inputs (``data_dir`` may be None: no curated data).
    min_confidence : float
        Extracted incidents below it are left out.
    geocoder : str
        "offline" or "nominatim" (the latter runs the per-document stage in this process, uncached).
    cache_dir : Path, optional
        Gazetteer index, geocoder answers, per-document results and the timeline chart; default
        ``settings.CACHE_DIR``.
    progress : callable, optional
        Receives one-line messages.
    jobs : int
        Worker processes (local engine) or local Dask workers; 1 runs everything in this process.
    use_cache : bool
        Look up and store per-document results in ``cache_dir`` (the CLI's default; ``--no-cache``).
    engine : str
        "local" or "dask"; ``scheduler`` (an address) implies "dask".
    progress_bar : bool
        Draw a progress bar on stderr when it is a terminal.
    columns : dict, optional
        Article dumps' columns by field (``--column FIELD=NAME``).

    Returns
    -------
    Build
        Mentions and skips in document order.
    """
    from . import cache as cache_mod
    from .progress import progress_bar as make_bar

    say = progress or (lambda msg: None)
    metadata = Path(data_dir) / "documents.csv" if data_dir is not None else None
    gaz = load_gazetteer(data_dir, cache_dir=cache_dir, build_matcher=False)  # built when a document needs it
    gc.freeze()  # see _set_aside
    say(f"gazetteer: {len(gaz.places)} places, {len(gaz.names)} names")
    backend = make_geocoder(geocoder, cache_dir=cache_dir)
    store = None
    if use_cache and backend is None:  # answers of an online geocoder change: its own cache is per name
        store = cache_mod.ResultCache(Path(cache_dir) if cache_dir is not None else CACHE_DIR)
        context = cache_mod.context_key(data_dir, extra=geocoder)

    docs: list[Document] = []  # without their texts: those wait in the spool for texts/<document>.txt
    spool = documents_stage.TextSpool()
    read_skips: list[Skip] = []
    bar = make_bar(_input_size(documents_dir) if progress_bar else 0, enabled=progress_bar)
    todo: list = []  # per document: its cached result, or the key its fresh result is stored under

    def uncached() -> Iterator[Document]:
        """Documents to compute, in order; cached ones only recorded (read, hashed, looked up, dropped)."""
        # dated by their text in the per-document stage (workers; cached), not here
        for item in documents_stage.iter_documents(Path(documents_dir), metadata, columns=columns,
                                                   date_from_text=False):
            if isinstance(item, Skip):
                read_skips.append(item)
                continue
            doc = item
            docs.append(spool.keep(doc))
            if len(docs) % 1024 == 0:
                _set_aside()
            size = len(doc.text)
            if store is not None:
                key = cache_mod.document_key(context, doc)
                hit = store.get(key)
                if hit is not None:
                    todo.append(hit)
                    bar.advance(size)
                    continue
                todo.append(key)
            else:
                todo.append(None)
            sizes.append(size)
            yield doc

    sizes: list[int] = []
    warm = None
    results = []
    runner = _engine(engine, jobs, scheduler, gaz, backend)

    def forked() -> None:  # the engine forks no more workers: imports may run in a thread while they compute
        nonlocal warm
        if sizes:  # with nothing computed there is no wait to fill
            # a few documents recomputed (a rebuild) rarely change the timeline, whose chart is cached
            warm = _warm_up(chart=len(sizes) > 1)

    try:
        with gc_paused():  # this loop keeps most it makes: _set_aside freezes it every 1,024 documents instead
            for entry in _in_order(todo, runner.map(uncached(), forked=forked)):
                if isinstance(entry, _Fresh):
                    if store is not None:
                        store.put(entry.key, entry.result)  # at once: an interrupted build keeps what it computed
                    bar.advance(sizes[entry.index])
                    entry = entry.result
                results.append(entry)
    finally:
        runner.close()
        bar.close()
    mentions, candidates, doc_skips = [], [], []
    for i, result in enumerate(results):
        if result.dates is not None:
            docs[i] = dataclasses.replace(docs[i], **dict(zip(("published", "date_source", "date_note"), result.dates)))
        mentions += result.mentions
        candidates += result.candidates
        doc_skips += result.skips
        for place in result.places:
            gaz.places.setdefault(place.place_id, place)
    _set_aside()
    cache_skips = [Skip("warning", str(c.path), f"per-document cache entry {c.reason}: deleted and recomputed")
                   for c in store.corrupt] if store is not None else []
    if store is not None:
        say(f"per-document cache: {store.hits} reused, {store.misses} computed")
    say(f"read {len(docs)} documents; found {len(mentions)} place mentions")
    if warm is not None:
        warm.join()
    from . import layers, review  # geopandas: imported once the workers have forked (see _warm_up)

    # the corpus stage: merging across documents, curated records, places, layers
    incidents, relocations, inc_skips = incidents_stage.build_incidents(
        docs, candidates, gaz, data_dir, min_confidence=min_confidence, text_of=spool.text)
    # earlier reviews (geo review --apply): reviewed records marked, rejected ones left out
    incidents, relocations, review_skips = review.honour_reviews(incidents, relocations, data_dir)
    from . import geoparse

    used = {i.place_id for i in incidents if i.place_id}
    used |= {pid for r in relocations for pid in (r.from_place_id, r.to_place_id) if pid}
    places = geoparse.places_from_mentions(mentions, gaz, used)
    skipped = read_skips + doc_skips + inc_skips + review_skips + cache_skips
    build = Build(docs, mentions, places, incidents, relocations, skipped, texts=spool)
    build.skipped += layers.undrawable(build)
    return build


def _warm_up(chart: bool = True):
    """Import what the corpus stage and the outputs need (geopandas, folium, matplotlib) in a thread.

    Started once the pool's workers have forked (a thread must not be running
    at a fork), while this process mostly waits for their results: the 0.8 s
    of imports then overlap the per-document stage instead of following it.
    ``chart``: matplotlib too (the timeline), whose 0.5 s would be lost when the
    chart comes from the cache.
    """
    import threading

    def imports() -> None:
        try:
            from . import export, layers, maps, review  # noqa: F401
            if chart:
                from matplotlib.backends import backend_agg  # noqa: F401  (the timeline, drawn in a fork of this process)
                from matplotlib import figure  # noqa: F401
        except Exception:  # noqa: BLE001 — imported again where needed, and its error raised there
            pass

    thread = threading.Thread(target=imports, name="geo-imports", daemon=True)
    thread.start()
    return thread


def _set_aside() -> None:
    """Move the objects alive now out of the garbage collector's sight (:func:`gc.freeze`).

    A build keeps the gazetteer, the documents and their results to its end:
    millions of objects that each full collection would walk again (a second
    of a 10 MB rebuild, more as the corpus grows); forked workers do not copy
    their pages either. Frozen objects are still freed by reference counting
    when the build is dropped. No collection first: a build makes next to no
    cyclic garbage (a collection before each freeze found 0 objects on a 10 MB
    corpus, 5 at the end) but walked every object made since the last call,
    0.3 s of a rebuild.
    """
    gc.freeze()


@dataclasses.dataclass
class _Fresh:
    """A result computed in this run (stored in the cache under ``key`` once the run is through)."""

    result: object
    key: str | None
    index: int


def _in_order(todo: list, computed: Iterator) -> Iterator:
    """Cached results and fresh ones merged back into document order.

    ``todo`` grows while ``computed`` is consumed (the engine pulls documents from
    the generator that fills it); an entry is a cached result, or the cache key
    (or None) of a document whose result ``computed`` yields next.
    """
    done = 0
    fresh = 0
    for result in computed:
        # every cached entry before the next computed one is ready
        while not (todo[done] is None or isinstance(todo[done], str)):
            yield todo[done]
            done += 1
        yield _Fresh(result, todo[done], fresh)
        fresh += 1
        done += 1
    while done < len(todo):
        yield todo[done]
        done += 1


def render(build: Build, *, self_contained: bool = False, title: str | None = None,
           cache_dir: Path | None = None, jobs: int = 1) -> dict[str, str | bytes]:
    """Contents of every output file of ``python -m geo build``, by file name.

    ``self_contained`` inlines Leaflet and its plugin into ``index.html`` (no CDN);
    ``title`` is the map's title (default: ``maps.DEFAULT_TITLE``);
    ``cache_dir`` keeps the timeline chart for a rebuild with the same figures;
    ``timeline.png`` is bytes, everything else text; ``texts/<document>.txt``
    are the documents' texts (:func:`texts`): callables that return them, read
    one at a time when written (:func:`geo.files.write_atomic` calls them).
    With ``jobs`` > 1 the timeline is drawn in another process meanwhile
    (importing matplotlib and drawing take as long as the rest); its value is
    then a callable too.
    """
    from . import layers, maps, timeline
    from .export import geojson_text, mentions_csv_text

    places, incidents, relocations = (layers.places_frame(build), layers.incidents_frame(build),
                                      layers.relocations_frame(build))
    drawer = _drawer(jobs)
    chart = timeline.timeline_png(incidents, relocations, cache_dir=cache_dir, executor=drawer)
    if drawer is not None and callable(chart):
        chart = _then_shut(chart, drawer)
    elif drawer is not None:
        drawer.shutdown()  # the chart came from the cache (a process is started only when a task is given)
    return {
        "places.geojson": geojson_text(places),
        "incidents.geojson": geojson_text(incidents),
        "relocations.geojson": geojson_text(relocations),
        "mentions.csv": mentions_csv_text(build.mentions),
        "index.html": maps.render_html(maps.make_map(places, incidents, relocations, title or maps.DEFAULT_TITLE,
                                                    self_contained=self_contained)),
        "timeline.png": chart,
        **texts(build),
    }


def _drawer(jobs: int):
    """A one-process executor for the timeline when ``jobs`` > 1 and processes can be forked; else None.

    Not when other threads run (a Dask client's, say): a fork copies their locks in whatever state
    they are, so the chart is then drawn here.
    """
    import multiprocessing
    import threading

    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return None
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))


def _then_shut(chart, drawer):
    """``chart`` (a callable), the executor shut down once it has given the bytes."""
    def png() -> bytes:
        try:
            return chart()
        finally:
            drawer.shutdown()
    return png


def texts(build: Build) -> dict:
    """``texts/<document id>.txt``: each document's text as read, which quotes and offsets refer to.

    Kept beside the outputs so that ``text[start:end] == quote`` can be checked
    and a popup can link to the words a record was read from. Each value is a
    callable returning the text: a corpus's texts are never all in memory at once.
    """
    spool = build.texts
    return {f"{TEXTS_FOLDER}/{d.id}.txt": (partial(spool.text, d.id) if spool is not None and d.id in spool
                                           else partial(str, d.text))
            for d in sorted(build.documents, key=lambda d: d.id)}
