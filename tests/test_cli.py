"""The CLI as a user runs it: subprocesses, real folders, exit codes."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import DATA, ROOT, SEEDS, run_geo


@pytest.mark.parametrize("command", [[], ["build"], ["export"], ["places"], ["incidents"]])
def test_help_documents_every_command(command):
    proc = run_geo(*command, "--help")
    assert "usage: geo" in proc.stdout
    if command:
        assert "--documents" in proc.stdout and "--data" in proc.stdout


def test_build_defaults_from_the_repository_root(tmp_path):
    # defaults: seeds/ and data/ relative to the working directory
    work = tmp_path / "work"
    shutil.copytree(SEEDS, work / "seeds")
    shutil.copytree(DATA, work / "data")
    proc = run_geo("build", cwd=work)
    for name in ("index.html", "places.geojson", "incidents.geojson", "relocations.geojson", "mentions.csv"):
        assert (work / "maps" / name).stat().st_size > 0
    assert "documents read: 5" in proc.stdout
    fc = json.loads((work / "maps" / "places.geojson").read_text())
    assert len(fc["features"]) > 5
    assert "skipped:" in proc.stdout


def test_summary_reports_skipped_files(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("Rockets hit a camp near Baghdad in Iraq.", encoding="utf-8")
    (docs / "notes.odt").write_text("# not a document", encoding="utf-8")
    (docs / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "nodata").mkdir()  # a folder given must exist (a missing one is an error: test_reliability.py)
    proc = run_geo("build", "--documents", docs, "--data", tmp_path / "nodata", "--out", tmp_path / "out")
    assert "documents read: 1" in proc.stdout
    assert "notes.odt: not a document type read here" in proc.stdout
    assert "empty.txt: empty file" in proc.stdout
    strict = run_geo("build", "--documents", docs, "--data", tmp_path / "nodata", "--out", tmp_path / "out2",
                     "--strict", check=False)
    assert strict.returncode == 3


def test_missing_documents_folder_is_a_clear_error(tmp_path):
    proc = run_geo("build", "--documents", tmp_path / "nope", "--out", tmp_path / "out", check=False)
    assert proc.returncode == 2
    assert "nope: documents folder not found" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_malformed_metadata_names_file_and_line(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "documents.csv").write_text(
        "document,published,title,date_note\n"
        "000_c220fc9f080f8f2f,2011,A title,a note\n"
        "001_c7b8e663c0fe0975,2014-13,Another,bad month\n", encoding="utf-8")
    proc = run_geo("build", "--documents", SEEDS, "--data", data, "--out", tmp_path / "out", check=False)
    assert proc.returncode == 2
    assert f"{data / 'documents.csv'}:3:" in proc.stderr
    assert "2014-13" in proc.stderr


def test_export_geojson_layer_to_a_file(tmp_path):
    out = tmp_path / "incidents.geojson"
    run_geo("export", "--format", "geojson", "--layer", "incidents", "--out", out, "-q")
    fc = json.loads(out.read_text())
    assert fc["type"] == "FeatureCollection"
    assert all(f["geometry"]["type"] == "Point" for f in fc["features"])


def test_console_script_is_declared():
    text = (ROOT / "pyproject.toml").read_text()
    assert 'geo = "geo.cli:main"' in text


@pytest.mark.parametrize("value", ["7", "-0.1", "high"])
def test_min_confidence_outside_0_to_1_is_refused(tmp_path, value):
    proc = run_geo("build", "--min-confidence", value, "--out", tmp_path / "out", check=False)
    assert proc.returncode == 2
    assert "--min-confidence" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_cache_dir_option_holds_the_gazetteer_index(tmp_path):
    cache = tmp_path / "cache"
    run_geo("build", "--out", tmp_path / "out", "--cache-dir", cache, "-q")
    assert [p for p in cache.rglob("*") if p.is_file()], "the built gazetteer index is cached there"
