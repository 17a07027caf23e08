"""Determinism, atomic writes, and the committed maps/ being current."""
from __future__ import annotations

import pytest

from conftest import DATA, ROOT, SEEDS, run_geo
from geo import export, pipeline
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
    files = pipeline.render(pipeline.run(SEEDS, DATA))
    files["places.geojson"] = "changed"
    real_replace = export.os.replace
    calls = []

    def replace_then_fail(src, dst):
        calls.append(dst)
        if len(calls) == 1:
            raise OSError("disk full (simulated)")
        real_replace(src, dst)

    monkeypatch.setattr(export.os, "replace", replace_then_fail)
    with pytest.raises(OSError, match="simulated"):
        export.write_atomic(files, tmp_path)
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
