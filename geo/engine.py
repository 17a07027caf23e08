"""Where the per-document stage runs: in process, on a local process pool, or on a Dask cluster.

Every engine takes documents one at a time (a stream) and yields their
:class:`DocumentResult` in the order the documents came, whatever order the
workers finished in, so the corpus stage sees the same input for any number of
workers. At most a few documents per worker are in flight at once: memory does
not grow with the corpus.

- ``InProcess``: one document after another in this process (``--jobs 1``).
- ``LocalPool``: a pool of ``--jobs`` processes on this machine. Workers are
  forked after the gazetteer is loaded, so they share it instead of loading it.
- ``DaskEngine``: a ``dask.distributed`` cluster, at ``--scheduler ADDRESS`` or a
  ``LocalCluster`` started here (``--engine dask``). The gazetteer is sent to
  every worker once (``Client.scatter(..., broadcast=True)``); documents go with
  their tasks, so workers need the ``geo`` package installed but not the files.
"""
from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from . import extract, geoparse
from .documents import date_from_text
from .models import Document, Mention, Place, Skip


@dataclass
class DocumentResult:
    """What the per-document stage found in one document (picklable; cached on disk).

    ``places`` are places an online geocoder added to the gazetteer for this
    document; the corpus stage puts them back into its gazetteer.
    """

    document: str
    mentions: list[Mention] = field(default_factory=list)
    candidates: list = field(default_factory=list)  # geo.extract.Candidate
    skips: list[Skip] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    #: the document's (published, date_source, date_note) once dated (:func:`geo.documents.date_from_text`)
    dates: tuple | None = None


def process_document(doc: Document, gaz, geocoder=None) -> DocumentResult:
    """The per-document stage: the document's date, place mentions, then candidate events, of one document.

    Pure in (document, gazetteer, settings) when ``geocoder`` is None.
    """
    doc = date_from_text(doc)
    skips: list[Skip] = []
    known = set(gaz.places) if geocoder is not None else None
    mentions = geoparse.find_mentions([doc], gaz, geocoder=geocoder, skips=skips)
    candidates = extract.extract_document(doc, mentions, gaz)
    # Places this process's gazetteer gained go back with the result, for the corpus stage's (in another process):
    # towns of the lower tier a mention picked, sites placed by the text (geoparse.find_mentions adds them) and the
    # online geocoder's finds.
    def gained(place_id: str) -> bool:
        p = gaz.places.get(place_id)
        return p is not None and (p.source in geoparse.ADDED_SOURCES or (known is not None and place_id not in known))

    added = [gaz.places[i] for i in sorted({m.place_id for m in mentions if m.place_id and gained(m.place_id)})]
    return DocumentResult(doc.id, mentions, candidates, skips, added, (doc.published, doc.date_source, doc.date_note))


def process_batch(docs: list[Document], gaz) -> list[DocumentResult]:
    """:func:`process_document` of each document of a batch, in order (a task on a cluster)."""
    return [process_document(doc, gaz) for doc in docs]


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class InProcess:
    """Run each document here, one after another."""

    def __init__(self, gaz, geocoder=None):
        self.gaz, self.geocoder = gaz, geocoder

    def map(self, docs: Iterable[Document], forked=None) -> Iterator[DocumentResult]:
        # ``forked`` is never called: nothing runs beside this process, so threads could only slow it
        for doc in docs:
            yield process_document(doc, self.gaz, self.geocoder)

    def close(self) -> None:
        pass


# A forked worker's gazetteer: set in the parent before the pool starts, inherited by fork.
_WORKER_GAZ = None


def _worker(docs: list[Document]) -> list[DocumentResult]:
    return process_batch(docs, _WORKER_GAZ)


#: Documents go to workers in batches of up to this many documents or characters of text: a task per
#: 2 kB news article spends more time passing it between processes than reading it.
BATCH_DOCUMENTS = 32
BATCH_CHARS = 200_000


def batches(docs: Iterable[Document], max_docs: int = BATCH_DOCUMENTS,
            max_chars: int = BATCH_CHARS) -> Iterator[list[Document]]:
    """``docs`` in consecutive lists of at most ``max_docs`` documents and about ``max_chars`` characters.

    A document longer than ``max_chars`` is a batch of its own; order is kept.
    """
    batch: list[Document] = []
    size = 0
    for doc in docs:
        if batch and (len(batch) >= max_docs or size + len(doc.text) > max_chars):
            yield batch
            batch, size = [], 0
        batch.append(doc)
        size += len(doc.text)
    if batch:
        yield batch


class LocalPool:
    """``jobs`` worker processes on this machine, started as the documents need them.

    The first worker starts at the first document to compute, so it builds its
    name automaton while the batch is read; each further worker when a batch finds
    every started one busy. A rebuild that recomputes a few documents so starts one
    worker, not ``jobs`` of them building automata side by side while this process
    still reads (three processes on two cores made it wait 0.4 s for a 10 MB
    corpus). Each worker is a one-process ``multiprocessing.Pool``; a batch goes to
    the one with the fewest batches in flight.
    """

    def __init__(self, gaz, jobs: int):
        self.gaz, self.jobs = gaz, jobs
        self.pools: list = []
        self.in_flight: list[deque] = []

    def _start_worker(self) -> None:
        global _WORKER_GAZ
        _WORKER_GAZ = self.gaz
        # fork shares the loaded gazetteer for free; elsewhere each worker receives a pickled copy.
        # Each worker builds its own name automaton (it cannot be pickled, and building it holds the GIL):
        # built here before the fork it would be shared, but this process would wait for it instead of
        # reading the next documents meanwhile (0.4 s; 35 MB a worker).
        if "fork" in multiprocessing.get_all_start_methods():
            pool = multiprocessing.get_context("fork").Pool(1, initializer=_prepare_worker)
        else:
            pool = multiprocessing.get_context().Pool(1, initializer=_prepare_worker, initargs=(self.gaz,))
        self.pools.append(pool)
        self.in_flight.append(deque())

    def _started(self, docs: Iterable[Document]) -> Iterator[Document]:
        """``docs``, the first worker started at the first one: it gets ready while the first batch is read."""
        for doc in docs:
            if not self.pools:
                self._start_worker()
            yield doc

    def _submit(self, batch: list[Document]):
        for queue in self.in_flight:
            while queue and queue[0].ready():
                queue.popleft()
        busy = [len(q) for q in self.in_flight]
        if min(busy) > 0 and len(self.pools) < self.jobs:
            self._start_worker()
            busy.append(0)
        i = busy.index(min(busy))
        task = self.pools[i].apply_async(_worker, (batch,))
        self.in_flight[i].append(task)
        return task

    def map(self, docs: Iterable[Document], forked=None) -> Iterator[DocumentResult]:
        """Results of ``docs`` in order; ``forked()`` is called once no more workers will be forked.

        Threads started before then would be copied into a fork mid-flight (an import
        lock held, say); the caller starts its own once told.
        """
        window: deque = deque()
        told = False
        for batch in batches(self._started(docs)):
            window.append(self._submit(batch))
            if not told and len(self.pools) == self.jobs and forked is not None:
                told = True
                forked()
            if len(window) >= 2 * self.jobs:  # bounded: two batches per worker in flight
                yield from window.popleft().get()
        if not told and forked is not None:
            forked()
        while window:
            yield from window.popleft().get()

    def close(self) -> None:
        global _WORKER_GAZ
        for pool in self.pools:
            pool.terminate()
        for pool in self.pools:
            pool.join()
        self.pools, self.in_flight = [], []
        _WORKER_GAZ = None


def _prepare_worker(gaz=None) -> None:
    """A pool worker's start: its gazetteer (inherited by fork, else ``gaz``) and its name automaton."""
    global _WORKER_GAZ
    if gaz is not None:
        _WORKER_GAZ = gaz
    _WORKER_GAZ.matcher


class DaskEngine:
    """The per-document stage as tasks on a ``dask.distributed`` cluster.

    Parameters
    ----------
    gaz : Gazetteer
        Sent to every worker once.
    scheduler : str or None
        The scheduler's address (``tcp://host:8786``); None starts a
        ``LocalCluster`` of ``jobs`` single-threaded worker processes on 127.0.0.1.
    jobs : int
        Workers of the local cluster; with a scheduler, how many tasks per
        worker thread may be in flight is scaled from the cluster's size.
    """

    def __init__(self, gaz, scheduler: str | None = None, jobs: int = 1):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            from .errors import GeoError

            raise GeoError("--engine dask needs dask.distributed: pip install 'geo[dask]'") from None
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                                        dashboard_address=None)
            self.client = Client(self.cluster)
        threads = sum(self.client.nthreads().values()) or jobs
        self.in_flight = 2 * max(1, threads)  # batches (see batches)
        self.gaz_future = self.client.scatter(gaz, broadcast=True, hash=False)

    def map(self, docs: Iterable[Document], forked=None) -> Iterator[DocumentResult]:
        if forked is not None:  # the cluster is up (its processes spawned, not forked from this one)
            forked()
        window: deque = deque()
        for batch in batches(docs):
            window.append(self.client.submit(process_batch, batch, self.gaz_future, pure=False))
            if len(window) >= self.in_flight:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
