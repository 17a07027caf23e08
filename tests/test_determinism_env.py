"""Determinism across environments: same inputs → byte-identical outputs.

Each variant runs the real CLI in a subprocess (build, every export format,
``--report``) and compares every byte with a baseline run: documents created
in another order with shuffled mtimes, another ``TZ``, another
``PYTHONHASHSEED``, another locale.
"""
from __future__ import annotations

import os
import random
import shutil

import pytest

from conftest import DATA, run_geo

DOCUMENTS = {
    # Names chosen so that code-point, locale and file-system orders differ.
    "b.txt": "On 3 May a convoy left Baghdad for Tehran; 40 families were on it.\n",
    "A.txt": "Later that year the families were flown from Baghdad to Paris and Berlin.\n",
    "ä.txt": "Reporters in Berlin said the camp near Baghdad was empty by winter.\n",
    "10.txt": "Tehran denied any part in it.\r\nParis asked for an inquiry.\r\n",
    "9.txt": "Café owners in Paris said little.\n".encode("cp1252"),
    "notes.odt": "# not a document\n",
}
METADATA = "document,published,title,date_note\nb,2015-05,B,invented for the test\nA,2015,,\nghost,2016,,\n"

BASE_ENV = {"TZ": "UTC", "PYTHONHASHSEED": "0", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
VARIANTS = {
    "shuffled order and mtimes": {},
    "another TZ": {"TZ": "Pacific/Kiritimati"},
    "another PYTHONHASHSEED": {"PYTHONHASHSEED": "4242"},
    "another locale": {"LC_ALL": "C", "LANG": "de_DE.ISO-8859-1"},
}
COMMANDS = [
    ["build", "--out", "out/build"],
    ["export", "--format", "csv", "--out", "out/csv"],
    ["export", "--format", "gpkg", "--out", "out/gpkg"],
    ["export", "--format", "kml", "--out", "out/kml"],
]


def _make_inputs(root, order, seed):
    shutil.rmtree(root, ignore_errors=True)
    (root / "docs").mkdir(parents=True)
    (root / "data").mkdir()
    shutil.copy(DATA / "gazetteer.csv", root / "data" / "gazetteer.csv")
    (root / "data" / "documents.csv").write_text(METADATA, encoding="utf-8")
    rng = random.Random(seed)
    for name in order:
        content = DOCUMENTS[name]
        path = root / "docs" / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        t = rng.randrange(10**9, 2 * 10**9)
        os.utime(path, (t, t))


def _run_all(root, env):
    """Run every command from ``root`` with relative paths; return {relative path: bytes}."""
    for i, command in enumerate(COMMANDS):
        run_geo(*command, "--documents", "docs", "--data", "data", "--report", f"out/report-{i}.json", "-q",
                cwd=root, env=env)
    out = root / "out"
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    root = tmp_path_factory.mktemp("det") / "run"
    _make_inputs(root, sorted(DOCUMENTS), seed=1)
    return root, _run_all(root, BASE_ENV)


def test_baseline_covers_every_output(baseline):
    _, files = baseline
    assert sorted(files) == [
        "build/incidents.geojson", "build/index.html", "build/mentions.csv", "build/places.geojson",
        "build/relocations.geojson", "build/texts/10.txt", "build/texts/9.txt", "build/texts/A.txt",
        "build/texts/b.txt", "build/texts/ä.txt", "build/timeline.png", "csv/incidents.csv", "csv/places.csv", "csv/relocations.csv",
        "gpkg/geo.gpkg", "kml/incidents.kml", "kml/places.kml", "kml/relocations.kml",
        "report-0.json", "report-1.json", "report-2.json", "report-3.json"]
    # The inputs exercise ordering, a skip, a warning and a metadata row without a file.
    report = files["report-0.json"].decode()
    assert '"documents": 5' in report and "not a document type" in report and "cp1252" in report and "ghost" in report


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_outputs_are_byte_identical(baseline, variant):
    root, expected = baseline
    order = sorted(DOCUMENTS, reverse=True) if variant == "shuffled order and mtimes" else sorted(DOCUMENTS)
    seed = 99 if variant == "shuffled order and mtimes" else 1
    _make_inputs(root, order, seed)
    got = _run_all(root, {**BASE_ENV, **VARIANTS[variant]})
    assert sorted(got) == sorted(expected)
    differ = [name for name in expected if got[name] != expected[name]]
    assert differ == [], f"{variant}: {differ} differ"
