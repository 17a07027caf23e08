"""Determinism, atomic writes, and the committed maps/ being current."""
from __future__ import annotations

import pytest

from conftest import DATA, ROOT, SEEDS, run_geo
from geo import export, files, pipeline
from geo.settings import OUTPUT_FILES as BUILD_FILES, TEXTS_FOLDER


def test_build_writes_exactly_the_documented_files(seed_build):
    assert sorted(p.name for p in seed_build.iterdir()) == sorted([*BUILD_FILES, TEXTS_FOLDER])
    # and each document's text as read, which the quotes' offsets refer to
    assert sorted(p.name for p in (seed_build / TEXTS_FOLDER).iterdir()) == sorted(
        f"{p.stem}.txt" for p in SEEDS.glob("*.txt"))


def test_two_builds_give_identical_bytes(seed_build, tmp_path):
    run_geo("build", "--documents", SEEDS, "--data", DATA, "--out", tmp_path, "-q")
    for name in BUILD_FILES:
        assert (tmp_path / name).read_bytes() == (seed_build / name).read_bytes(), name


def test_committed_maps_are_what_build_produces_now(seed_build):
    # maps/ is committed so a clone opens maps/index.html directly; it must not go stale.
    built = sorted(p.relative_to(seed_build) for p in seed_build.rglob("*") if p.is_file())
    for rel in built:
        committed = ROOT / "maps" / rel
        assert committed.exists(), f"maps/{rel} is not committed: run python -m geo build"
        assert committed.read_bytes() == (seed_build / rel).read_bytes(), f"maps/{rel} is stale: run python -m geo build"
    assert sorted(p.relative_to(ROOT / "maps") for p in (ROOT / "maps").rglob("*") if p.is_file()) == built


def test_failure_midway_leaves_previous_outputs_whole(tmp_path, monkeypatch):
    run_geo("build", "--documents", SEEDS, "--data", DATA, "--out", tmp_path, "-q")
    before = {n: (tmp_path / n).read_bytes() for n in BUILD_FILES}
    outputs = pipeline.render(pipeline.run(SEEDS, DATA))
    outputs["places.geojson"] = "changed"
    real_replace = files.os.replace
    calls = []

    def replace_then_fail(src, dst):
        calls.append(dst)
        if len(calls) == 1:
            raise OSError("disk full (simulated)")
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", replace_then_fail)
    with pytest.raises(OSError, match="simulated"):
        files.write_atomic(outputs, tmp_path)
    assert {n: (tmp_path / n).read_bytes() for n in BUILD_FILES} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".geo-build-")] == []


def test_failure_while_rendering_writes_nothing(tmp_path, monkeypatch):
    run_geo("build", "--documents", SEEDS, "--data", DATA, "--out", tmp_path, "-q")
    before = {n: (tmp_path / n).read_bytes() for n in BUILD_FILES}
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "x.txt").write_text("Fighting in Paris and Berlin.", encoding="utf-8")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "documents.csv").write_text("document,published\nx,2020-02-30\n", encoding="utf-8")
    proc = run_geo("build", "--documents", docs, "--data", bad, "--out", tmp_path, check=False)
    assert proc.returncode == 2
    assert {n: (tmp_path / n).read_bytes() for n in BUILD_FILES} == before


def test_texts_of_documents_no_longer_in_the_corpus_are_removed(tmp_path):
    """texts/ keeps only this build's documents: others' texts and emptied subfolders go, the rest stay."""
    from geo.cli import _prune_texts

    texts = tmp_path / "texts"
    for name in ("kept.txt", "gone.txt", "2013/kept.txt", "2013/gone.txt", "old/gone.txt", "old/deeper/gone.txt"):
        (texts / name).parent.mkdir(parents=True, exist_ok=True)
        (texts / name).write_text(name, encoding="utf-8")
    (tmp_path / "index.html").write_text("map", encoding="utf-8")
    written = [tmp_path / "index.html", texts / "kept.txt", texts / "2013" / "kept.txt"]
    _prune_texts(tmp_path, written)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == [
        "index.html", "texts", "texts/2013", "texts/2013/kept.txt", "texts/kept.txt"]
    _prune_texts(tmp_path / "elsewhere", [])  # no texts folder: nothing to do
