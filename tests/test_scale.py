"""Scale (issue 12): workers, engines, the per-document cache, interrupted builds, progress.

Outputs are compared byte for byte; work done is counted (calls of the per-document
stage), never timed.
"""
from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import DATA, ROOT, SEEDS, run_geo
from geo import engine, pipeline
from geo.cache import MAGIC, ResultCache
from geo.progress import progress_bar
from test_geocoder import server  # noqa: F401  (the fake Nominatim fixture)

NEWS = ROOT / "tests" / "news"


def _outputs(folder: Path) -> dict[str, bytes]:
    # hidden files are not outputs (a killed build leaves its output lock, which the next build takes over)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def _copy_seeds(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(SEEDS, docs)
    return docs


@pytest.fixture
def counted(monkeypatch):
    """Calls of the per-document stage (in process), by document id."""
    calls: list[str] = []
    real = engine.process_document

    def counting(doc, gaz, geocoder=None):
        calls.append(doc.id)
        return real(doc, gaz, geocoder)

    monkeypatch.setattr(engine, "process_document", counting)
    return calls


def _build(docs: Path, cache_dir: Path, **kw):
    build = pipeline.run(docs, DATA, cache_dir=cache_dir, **kw)
    return build, {name: content() if callable(content) else content  # texts/: read back from the spool
                   for name, content in pipeline.render(build).items()}


def test_jobs_1_and_2_give_byte_identical_outputs(tmp_path):
    for jobs in ("1", "2"):
        run_geo("build", "--documents", SEEDS, "--data", DATA, "--out", tmp_path / jobs, "--jobs", jobs,
                "--no-cache", "-q")
    assert _outputs(tmp_path / "1") == _outputs(tmp_path / "2")
    assert _outputs(tmp_path / "1") == _outputs(ROOT / "maps")


def test_dask_local_cluster_gives_byte_identical_outputs(tmp_path):
    pytest.importorskip("distributed")
    run_geo("build", "--documents", SEEDS, "--data", DATA, "--out", tmp_path / "local", "--jobs", "1",
            "--no-cache", "-q")
    run_geo("build", "--documents", SEEDS, "--data", DATA, "--out", tmp_path / "dask", "--engine", "dask",
            "--jobs", "2", "--no-cache", "-q")
    assert _outputs(tmp_path / "dask") == _outputs(tmp_path / "local")


def test_dask_engine_in_process_matches_local_results(tmp_path):
    """The engine itself: a LocalCluster on 127.0.0.1 returns the same results, in document order."""
    pytest.importorskip("distributed")
    from geo.documents import read_documents
    from geo.gazetteer import load_gazetteer

    docs, _ = read_documents(NEWS / "docs", NEWS / "data" / "documents.csv")
    gaz = load_gazetteer(NEWS / "data")
    here = list(engine.InProcess(gaz).map(iter(docs)))
    dask = engine.DaskEngine(gaz, jobs=2)
    try:
        assert dask.client.scheduler.address.startswith("tcp://127.0.0.1:")
        there = list(dask.map(iter(docs)))
    finally:
        dask.close()
    assert [r.document for r in there] == [d.id for d in docs]
    assert [(r.mentions, r.skips, [c.quote for c in r.candidates]) for r in there] == \
           [(r.mentions, r.skips, [c.quote for c in r.candidates]) for r in here]


def test_rebuild_recomputes_only_the_changed_document(tmp_path, counted):
    docs = _copy_seeds(tmp_path)
    first, files = _build(docs, tmp_path / "cache", use_cache=True)
    assert sorted(counted) == sorted(d.id for d in first.documents)
    counted.clear()
    again, same = _build(docs, tmp_path / "cache", use_cache=True)
    assert counted == [] and same == files
    changed = sorted(docs.iterdir())[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA new paragraph about Toronto.\n", encoding="utf-8")
    counted.clear()
    _, rebuilt = _build(docs, tmp_path / "cache", use_cache=True)
    assert counted == [changed.stem]
    counted.clear()
    _, fresh = _build(docs, tmp_path / "nocache")
    assert rebuilt == fresh and len(counted) == len(first.documents)


def test_metadata_change_recomputes_that_document(tmp_path, counted):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("a", "b"):
        (docs / f"{name}.txt").write_text("Gunmen attacked a market in Kabul last Tuesday, killing 3 people.\n",
                                          encoding="utf-8")
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "incidents.csv").write_text((DATA / "incidents.csv").read_text(encoding="utf-8").splitlines()[0] + "\n",
                                        encoding="utf-8")
    (data / "relocations.csv").write_text(
        (DATA / "relocations.csv").read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    (data / "documents.csv").write_text("document,published\na,2021-03-04\n", encoding="utf-8")
    pipeline.run(docs, data, cache_dir=tmp_path / "cache", use_cache=True)
    assert sorted(counted) == ["a", "b"]
    counted.clear()
    (data / "documents.csv").write_text("document,published\na,2021-03-04\nb,2020-01-02\n", encoding="utf-8")
    pipeline.run(docs, data, cache_dir=tmp_path / "cache", use_cache=True)
    assert counted == ["b"]


def test_corrupt_cache_entry_is_discarded_reported_and_recomputed(tmp_path, counted):
    docs = _copy_seeds(tmp_path)
    _, files = _build(docs, tmp_path / "cache", use_cache=True)
    entries = sorted((tmp_path / "cache" / "documents").rglob("*.pickle"))
    assert len(entries) == len(list(docs.iterdir()))
    raw = bytearray(entries[0].read_bytes())
    raw[-5] ^= 0xFF  # one flipped bit in the payload
    entries[0].write_bytes(bytes(raw))
    entries[1].write_bytes(entries[1].read_bytes()[:40])  # truncated
    counted.clear()
    build, again = _build(docs, tmp_path / "cache", use_cache=True)
    assert again == files
    assert len(counted) == 2
    reported = [s for s in build.skipped if s.what == "warning" and "cache entry" in s.reason]
    assert sorted(s.where for s in reported) == sorted(str(e) for e in entries[:2])
    assert {s.reason.split(":")[0] for s in reported} == {
        "per-document cache entry checksum mismatch (damaged or truncated)"}
    # recomputed entries were written back whole
    counted.clear()
    _build(docs, tmp_path / "cache", use_cache=True)
    assert counted == []


def test_cache_entry_of_another_layout_is_not_read(tmp_path):
    store = ResultCache(tmp_path)
    store.put("ab" * 32, {"x": 1})
    assert store.get("ab" * 32) == {"x": 1}
    path = next((tmp_path / "documents").rglob("*.pickle"))
    path.write_bytes(b"something else" + path.read_bytes()[len(MAGIC):])
    assert store.get("ab" * 32) is None
    assert not path.exists() and "bad header" in store.corrupt[0].reason


def test_interrupted_build_keeps_what_it_computed(tmp_path, monkeypatch):
    docs = _copy_seeds(tmp_path)
    real = engine.process_document
    seen: list[str] = []

    def interrupted_at_third(doc, gaz, geocoder=None):
        if len(seen) == 2:
            raise KeyboardInterrupt
        seen.append(doc.id)
        return real(doc, gaz, geocoder)

    monkeypatch.setattr(engine, "process_document", interrupted_at_third)
    with pytest.raises(KeyboardInterrupt):
        pipeline.run(docs, DATA, cache_dir=tmp_path / "cache", use_cache=True)
    cache = tmp_path / "cache" / "documents"
    assert len(list(cache.rglob("*.pickle"))) == 2
    assert list(cache.rglob(".tmp-*")) == []
    calls: list[str] = []
    monkeypatch.setattr(engine, "process_document", lambda doc, gaz, geocoder=None: calls.append(doc.id) or
                        real(doc, gaz, geocoder))
    _, files = _build(docs, tmp_path / "cache", use_cache=True)
    assert len(calls) == len(list(docs.iterdir())) - 2 and not set(calls) & set(seen)
    _, fresh = _build(docs, tmp_path / "fresh")
    assert files == fresh


def test_build_killed_midway_leaves_outputs_whole_and_cache_usable(tmp_path):
    """SIGKILL during the per-document stage: the old outputs stay as they were; the next build completes."""
    docs = tmp_path / "docs"
    docs.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(60):  # enough documents that the build is still running when it is killed
        (docs / f"d{i:03d}.txt").write_text(texts[i % len(texts)] + f"\nReport number {i}.\n", encoding="utf-8")
    out, cache = tmp_path / "out", tmp_path / "cache"
    run_geo("build", "--documents", SEEDS, "--data", DATA, "--out", out, "-q", "--cache-dir", cache)
    before = _outputs(out)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "geo", "build", "--documents", str(docs), "--data", str(DATA),
                             "--out", str(out), "-q", "--jobs", "1", "--cache-dir", str(cache)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    entries = cache / "documents"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if len(list(entries.rglob("*.pickle"))) >= len(before) + 5:  # seeds' entries + a few new
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the build ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert _outputs(out) == before
    run_geo("build", "--documents", docs, "--data", DATA, "--out", out, "-q", "--jobs", "2", "--cache-dir", cache)
    run_geo("build", "--documents", docs, "--data", DATA, "--out", tmp_path / "fresh", "-q", "--no-cache",
            "--cache-dir", cache)
    assert _outputs(out) == _outputs(tmp_path / "fresh")


def test_nominatim_with_jobs_2_places_what_jobs_1_places(server, tmp_path):  # noqa: F811
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Gunmen raided the village of Qaryat Zelbuni near Mosul, Iraq.\n", encoding="utf-8")
    (docs / "b.txt").write_text("Families left Qaryat Zelbuni for Erbil in March 2015.\n", encoding="utf-8")
    env = {"GEO_NOMINATIM_URL": f"http://127.0.0.1:{server.server_address[1]}"}
    for jobs in ("1", "2"):
        run_geo("build", "--documents", docs, "--data", DATA, "--out", tmp_path / jobs, "--geocoder", "nominatim",
                "--jobs", jobs, "--cache-dir", tmp_path / f"cache{jobs}", "-q", env=env)
    assert _outputs(tmp_path / "1") == _outputs(tmp_path / "2")
    assert b"nominatim:n4242" in (tmp_path / "2" / "places.geojson").read_bytes()


def test_no_progress_bar_when_not_a_terminal_or_quiet(tmp_path):
    proc = run_geo("build", "--documents", SEEDS, "--data", DATA, "--out", tmp_path / "o", "--jobs", "1")
    assert "documents:" not in proc.stderr and "B/s" not in proc.stderr

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    shown, quiet = Terminal(), Terminal()
    bar = progress_bar(2_000_000, stream=shown)
    bar.advance(1_000_000)
    bar.close()
    assert "1 documents" in shown.getvalue() and "50%" in shown.getvalue()
    silent = progress_bar(2_000_000, enabled=False, stream=quiet)
    silent.advance(1_000_000)
    silent.close()
    assert quiet.getvalue() == ""


def test_jobs_must_be_a_positive_number():
    proc = run_geo("build", "--jobs", "0", check=False)
    assert proc.returncode == 2 and "less than 1" in proc.stderr


# --- the sentence splitter: pysbd with abbreviations that cannot apply skipped (same output) ----------------------
from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402

from geo.extract import _segmenter  # noqa: E402

_WORDS = ["Gen.", "gen", "St.", "st", "al.", "also", "art", "Art.", "p.m.", "a.m", "No.", "no", "U.S.", "e.g.",
          "Mr.", "mr", "Dec.", "Ave", "ave.", "i.e.", "Jan", "1.5", "3", "(4)", "\u201cQuoted.\u201d", "said.",
          "Told", "went", "Ft.", "Mt.", "vs.", "etc.", "Hon.", "ph.d", "x", "?", "!", ",", "-", ":"]


@hsettings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=40))
def test_fast_abbreviation_search_gives_pysbds_text(words):
    """Skipping abbreviations never followed by a period leaves pysbd's replacements as they were."""
    import pysbd.abbreviation_replacer as ar

    _segmenter()
    text = " ".join(words)
    from pysbd.languages import Language

    replacer = ar.AbbreviationReplacer(text, Language.get_language_code("en"))
    assert replacer.search_for_abbreviations_in_string(text) == replacer._geo_original(text)


def test_fast_abbreviation_search_on_made_up_news():
    import pysbd.abbreviation_replacer as ar
    from pysbd.languages import Language

    _segmenter()
    text = ("Gen. Smith arrived at 5 p.m. on Dec. 3 at the art gallery on Elm Ave. in the U.S. capital, and "
            "also met Mr. Al Jones, who said: \u201cWe left at No. 4 St. Mary's Rd. at 2 a.m. It was calm.\u201d Then they drove north.")
    replacer = ar.AbbreviationReplacer(text, Language.get_language_code("en"))
    assert replacer.search_for_abbreviations_in_string(text) == replacer._geo_original(text)
    sents = [s.sent.strip() for s in _segmenter().segment(text)]
    assert sents[0].startswith("Gen. Smith arrived at 5 p.m. on Dec. 3") and len(sents) >= 2


# --- reading only the runs of sentences that can tell an event --------------------------------------------------------
from geo.extract import _reading_spans, _safe_cuts, _split_paragraph  # noqa: E402


def test_safe_cuts_skip_abbreviations_quotations_and_brackets():
    para = ('The rally was calm. Police met the dept. Head of staff. One said "we left early. Then it rained" and '
            "went home. Some (the hall was full. Nobody left) came. Then came the vote! Officials counted. It was late.")
    ends = [para[:end].split()[-1] for end, _ in _safe_cuts(para)]
    assert ends == ["calm.", "staff.", "home.", "came.", "vote!", "counted."]
    for end, start in _safe_cuts(para):
        assert para[end:start].isspace() and para[start].isupper()


_SENTENCES = ["Gunmen attacked a market in the north.", "Three people were killed.", "The town is quiet.",
              "Gen. Lee said it was calm.", "The mayor spoke at 5 p.m. on Dec. 3.", '"They left. We stayed," she said.',
              "(The road was closed. It rained.)", "Dozens of families were moved to a camp.", "Prices rose again.",
              "Officials met in the U.S. capital.", "It was late!", "Was it over?", "Some came approx. Ten left."]


@hsettings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=12))
def test_reading_spans_cover_the_paragraph_and_keep_pysbds_sentences(sentences):
    """Runs without a trigger come back whole; runs with one as the sentences of the whole paragraph."""
    para = " ".join(sentences)
    whole = {(s.start, s.end) for s in _split_paragraph(para, 0, 0, len(para))}
    spans = list(_reading_spans(para, 0, 0, len(para)))
    covered = "".join(para[s.start:s.end] for s, _ in spans).replace(" ", "")
    assert covered == para.replace(" ", "")  # every character once, in order
    for span, read in spans:
        assert (span.para_start, span.para_end) == (0, len(para))
        if read:
            assert (span.start, span.end) in whole
        else:
            assert not any(w in para[span.start:span.end] for w in ("attacked", "killed", "moved"))


def test_a_sentence_pysbd_glues_after_a_dash_is_cut_at_its_full_stop():
    # pysbd joins sentences after " -- " in a paragraph; the safe cut ends the sentence that has the trigger.
    para = ("Voters had a choice -- north or south. Ten years later the two schools merged. "
            "All pupils -- who had walked to the old school -- were moved into the new hall.")
    read = [para[s.start:s.end] for s, r in _reading_spans(para, 0, 0, len(para)) if r]
    assert read == ["All pupils -- who had walked to the old school -- were moved into the new hall."]


def test_batches_keep_order_and_bounds():
    from geo.models import Document

    docs = [Document(id=f"d{i}", text="x" * n) for i, n in enumerate([10, 10, 500, 10, 10, 10, 10, 2000, 10])]
    got = list(engine.batches(docs, max_docs=3, max_chars=600))
    assert [d.id for b in got for d in b] == [d.id for d in docs]
    assert [[d.id for d in b] for b in got] == [["d0", "d1", "d2"], ["d3", "d4", "d5"], ["d6"], ["d7"], ["d8"]]
    assert all(len(b) <= 3 and (len(b) == 1 or sum(len(d.text) for d in b) <= 600) for b in got)


def test_local_pool_starts_a_worker_only_when_a_batch_finds_the_others_busy():
    """One batch (a rebuild of one changed document) starts one worker; a long stream starts all of them."""
    from geo.gazetteer import load_gazetteer
    from geo.models import Document

    gaz = load_gazetteer(DATA, build_matcher=False)
    texts = [f"Rockets hit a camp near Kirkuk on Monday, killing {n} people." for n in range(2, 3 * engine.BATCH_DOCUMENTS)]
    docs = [Document(id=f"d{i:02d}", text=t) for i, t in enumerate(texts)]
    serial = [engine.process_document(d, gaz) for d in docs]

    events: list[str] = []
    one = engine.LocalPool(gaz, jobs=2)
    try:
        got = list(one.map(iter(docs[:2]), forked=lambda: events.append(f"forked with {len(one.pools)}")))
        assert len(one.pools) == 1
        assert events == ["forked with 1"]  # told once, when the stream ended
        assert [r.mentions for r in got] == [r.mentions for r in serial[:2]]
    finally:
        one.close()

    events.clear()
    many = engine.LocalPool(gaz, jobs=2)
    try:
        got = list(many.map(iter(docs), forked=lambda: events.append(f"forked with {len(many.pools)}")))
        assert len(many.pools) == 2
        assert events == ["forked with 2"]  # told as soon as the last worker had started
        assert [r.document for r in got] == [d.id for d in docs]
        assert [(r.mentions, r.candidates) for r in got] == [(r.mentions, r.candidates) for r in serial]
    finally:
        many.close()
    assert many.pools == []


def test_texts_are_flushed_with_one_sync_and_outputs_with_an_fsync_each(tmp_path, monkeypatch):
    from geo import files

    calls = {"fsync": 0, "sync": 0}
    real_fsync = os.fsync
    monkeypatch.setattr(files.os, "fsync", lambda fd: (calls.__setitem__("fsync", calls["fsync"] + 1), real_fsync(fd)))
    monkeypatch.setattr(files.os, "sync", lambda: calls.__setitem__("sync", calls["sync"] + 1))
    outputs = {"a.geojson": "{}", "b.csv": "x\n", **{f"texts/t{i}.txt": f"text {i}" for i in range(50)}}
    files.write_atomic(outputs, tmp_path / "out")
    assert calls["sync"] == 1
    assert calls["fsync"] == 2 + 1  # the two outputs, then the folder itself
    assert (tmp_path / "out" / "texts" / "t49.txt").read_text() == "text 49"


def test_a_rebuild_leaves_files_that_hold_the_same_bytes_untouched(tmp_path):
    from geo import files

    out = tmp_path / "out"
    files.write_atomic({"a.csv": "x\n", "texts/t.txt": "same"}, out)
    os.utime(out / "texts" / "t.txt", (1, 1))
    os.utime(out / "a.csv", (1, 1))
    files.write_atomic({"a.csv": "y\n", "texts/t.txt": "same"}, out)
    assert (out / "a.csv").read_text() == "y\n" and (out / "a.csv").stat().st_mtime > 1
    assert (out / "texts" / "t.txt").stat().st_mtime == 1  # not rewritten
    assert sorted(p.name for p in out.iterdir()) == ["a.csv", "texts"]  # no staging folder left


def test_a_build_from_the_cache_does_not_build_the_name_automaton(tmp_path, monkeypatch):
    import ahocorasick_rs

    docs, cache = tmp_path / "docs", tmp_path / "cache"
    shutil.copytree(SEEDS, docs)
    pipeline.run(docs, DATA, cache_dir=cache, use_cache=True)  # fills the per-document cache
    built = []
    real = ahocorasick_rs.AhoCorasick
    monkeypatch.setattr(ahocorasick_rs, "AhoCorasick", lambda *a, **k: built.append(1) or real(*a, **k))
    pipeline.run(docs, DATA, cache_dir=cache, use_cache=True)
    assert built == []  # every document from the cache: no name is looked up in any text
    first = sorted(docs.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nA later report came from Baghdad.\n", encoding="utf-8")
    build = pipeline.run(docs, DATA, cache_dir=cache, use_cache=True)
    assert built == [1] and any(m.text == "Baghdad" and m.document == first.stem for m in build.mentions)


def test_text_spool_gives_back_every_text_exactly():
    from geo.documents import TextSpool
    from geo.models import Document

    spool = TextSpool()
    texts = {"a": "Plain.", "b": "Ünïcode — “quotes” 東京", "c": "", "d": "lone \ud800 surrogate", "e": "x" * 100_000}
    stubs = [spool.keep(Document(id=k, text=v, published="2014")) for k, v in texts.items()]
    assert [d.text for d in stubs] == [""] * 5 and stubs[0].published == "2014"
    assert {k: spool.text(k) for k in reversed(list(texts))} == texts
    assert "a" in spool and "zz" not in spool
    spool.close()


def test_a_build_holds_no_text_in_memory_and_still_writes_them(tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(SEEDS, docs)
    build, files = _build(docs, tmp_path / "cache")
    assert build.documents and all(d.text == "" for d in build.documents)  # the texts wait in the spool
    for p in sorted(docs.glob("*.txt")):
        assert files[f"texts/{p.stem}.txt"] == p.read_text(encoding="utf-8")
    # curated quotes are still found in their documents' texts (data/incidents.csv quotes the seeds)
    assert any(s.document != "citation" and s.start is not None for i in build.incidents for s in i.sources)


def test_cache_key_changes_with_the_data_geo_ships(tmp_path, monkeypatch):
    # regression: editing geo/data/regions.csv alone reused per-document results made with the old regions
    from geo import cache

    shipped = tmp_path / "data"
    shutil.copytree(cache.PACKAGE_DATA, shipped)
    monkeypatch.setattr(cache, "PACKAGE_DATA", shipped)
    before = cache.context_key(DATA)
    assert cache.context_key(DATA) == before
    regions = next(p for p in sorted(shipped.rglob("*.csv")))
    regions.write_bytes(regions.read_bytes() + b"\n")
    assert cache.context_key(DATA) != before


def test_cache_key_does_not_depend_on_where_the_cache_is(tmp_path):
    from geo import cache, settings

    before = cache.context_key(DATA)
    old = settings.CACHE_DIR
    try:
        settings.CACHE_DIR = tmp_path / "elsewhere"
        assert cache.context_key(DATA) == before
        settings.MIN_CITY_POPULATION += 1  # a setting that changes what is found does change it
        assert cache.context_key(DATA) != before
    finally:
        settings.CACHE_DIR = old
        settings.MIN_CITY_POPULATION -= 1


def test_text_dates_come_from_the_per_document_stage_and_its_cache(tmp_path, counted):
    """A document dated by its dateline is dated by the per-document stage (run by workers,
    cached): a rebuild from the cache gives it the same date, source and note without computing it."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "wire.txt").write_text("KABUL, Oct. 31, 2014 (Reuters) - Gunmen killed four people at a market in Kabul "
                                   "on Friday, police said.\n", encoding="utf-8")
    (docs / "plain.txt").write_text("Nothing happened in Geneva.\n", encoding="utf-8")
    first, files = _build(docs, tmp_path / "cache", use_cache=True)
    dates = {d.id: (d.published, d.date_source, d.date_note) for d in first.documents}
    assert dates["wire"][:2] == ("2014-10-31", "dateline")
    assert dates["plain"][:2] == (None, "none")
    assert sorted(counted) == ["plain", "wire"]
    again, files_again = _build(docs, tmp_path / "cache", use_cache=True)
    assert sorted(counted) == ["plain", "wire"]  # nothing computed the second time
    assert {d.id: (d.published, d.date_source, d.date_note) for d in again.documents} == dates
    assert files_again == files
