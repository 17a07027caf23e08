"""Reliability guarantees (docs/reliability.md): input folders, the output lock, full disks, curated files.

CLI cases run ``python -m geo`` as a user does; faults (a full disk) are simulated by
monkeypatching the one call that would fail, in process.
"""
from __future__ import annotations

import errno
import json
import os
import pickle

import pytest

from geo import cli, export, files, gazetteer
from geo.errors import InputError

from conftest import DATA, run_geo

OK_TEXT = "Aid workers reached Baghdad on Monday; others waited in Tehran.\n"


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(OK_TEXT, encoding="utf-8")
    return folder


# --- folders given on the command line ------------------------------------------------------------------


@pytest.mark.parametrize("command", ["build", "export", "places", "incidents"])
def test_mistyped_data_folder_is_an_error_not_an_empty_default(tmp_path, docs, command):
    proc = run_geo(command, "--documents", docs, "--data", tmp_path / "dta", "--out", tmp_path / "out", "-q",
                   check=False) if command in ("build", "export") else \
        run_geo(command, "--documents", docs, "--data", tmp_path / "dta", "-q", check=False)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == f"error: {tmp_path / 'dta'}: data folder not found (--data)"
    assert not (tmp_path / "out").exists()


def test_data_given_as_a_file_is_an_error(tmp_path, docs):
    a_file = tmp_path / "incidents.csv"
    a_file.write_text("x\n")
    proc = run_geo("build", "--documents", docs, "--data", a_file, "--out", tmp_path / "out", check=False)
    assert proc.returncode == 2 and f"error: {a_file}: not a folder; --data takes" in proc.stderr


def test_missing_default_data_folder_is_said_in_the_summary(tmp_path, docs):
    proc = run_geo("build", "--documents", docs, "--out", tmp_path / "out", "--report", tmp_path / "r.json",
                   cwd=tmp_path)
    assert "warnings: 1" in proc.stdout
    assert "  - data: default data folder not found: no curated data used (give --data DIR)" in proc.stdout
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["warnings"] == [{"where": "data", "reason": "default data folder not found: no curated data "
                                                              "used (give --data DIR)"}]


def test_data_folder_without_curated_files_is_said(tmp_path, docs):
    proc = run_geo("build", "--documents", docs, "--data", docs, "--out", tmp_path / "out")
    assert f"  - {docs}: no curated data in this folder (none of documents.csv, gazetteer.csv" in proc.stdout


def test_mistyped_documents_folder_is_an_error(tmp_path):
    proc = run_geo("build", "--documents", tmp_path / "dcos", "--data", DATA, "--out", tmp_path / "out", check=False)
    assert proc.returncode == 2 and f"error: {tmp_path / 'dcos'}: documents folder not found" in proc.stderr


# --- one build at a time per output folder ---------------------------------------------------------------


def test_second_build_into_a_locked_folder_fails_with_a_clear_message(tmp_path, docs):
    out = tmp_path / "out"
    with export.output_lock(out):
        proc = run_geo("build", "--documents", docs, "--data", DATA, "--out", out, check=False)
        assert proc.returncode == 2, proc.stderr
        assert proc.stderr.strip().splitlines()[-1] == (
            f"error: {out}: another geo command (pid {os.getpid()}) is writing into this folder; wait for it to "
            "finish or choose another output folder")
        assert sorted(p.name for p in out.iterdir()) == [export.LOCK_NAME]  # nothing of the second build
        export_proc = run_geo("export", "--documents", docs, "--data", DATA, "--format", "csv", "--out", out,
                              check=False)
        assert export_proc.returncode == 2 and "another geo command" in export_proc.stderr
    assert not out.exists()  # made for the lock, left empty: removed
    run_geo("build", "--documents", docs, "--data", DATA, "--out", out, "-q")  # free again
    assert export.LOCK_NAME not in {p.name for p in out.iterdir()}


def test_lock_of_a_killed_holder_does_not_block(tmp_path, docs):
    import signal
    import subprocess
    import sys
    import textwrap

    out = tmp_path / "out"
    script = textwrap.dedent(f"""
        import os, signal, sys
        from geo import export
        with export.output_lock({str(out)!r}):
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    proc = subprocess.run([sys.executable, "-c", script], env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert proc.returncode == -signal.SIGKILL and (out / export.LOCK_NAME).exists()  # left behind, unlocked
    run_geo("build", "--documents", docs, "--data", DATA, "--out", out, "-q")
    assert (out / "index.html").exists() and not (out / export.LOCK_NAME).exists()


# --- a full disk -------------------------------------------------------------------------------------------


def _enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_full_disk_while_caching_the_gazetteer_leaves_no_partial_file(tmp_path, monkeypatch):
    real_dump = pickle.dump

    def dump_then_fail(obj, f, *a, **k):
        f.write(b"partial pickle bytes")
        _enospc()

    cache = tmp_path / "cache"
    monkeypatch.setattr(gazetteer.pickle, "dump", dump_then_fail)
    gaz = gazetteer.load_gazetteer(DATA, cache_dir=cache)
    assert gaz.lookup("Baghdad")  # the build goes on: the cache only costs speed
    assert list(cache.iterdir()) == []

    def dump_then_interrupt(obj, f, *a, **k):
        f.write(b"partial")
        raise KeyboardInterrupt

    monkeypatch.setattr(gazetteer.pickle, "dump", dump_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        gazetteer.load_gazetteer(DATA, cache_dir=cache)
    assert list(cache.iterdir()) == []
    monkeypatch.setattr(gazetteer.pickle, "dump", real_dump)
    gazetteer.load_gazetteer(DATA, cache_dir=cache)
    assert [p.name.startswith("gazetteer-") for p in cache.iterdir()] == [True]


def test_full_disk_while_writing_outputs_names_the_file_and_keeps_the_previous_ones(tmp_path, docs, monkeypatch,
                                                                                      capsys):
    out = tmp_path / "out"
    assert cli.main(["build", "--documents", str(docs), "--data", str(DATA), "--out", str(out), "-q"]) == 0
    def outputs():
        return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    before = outputs()
    (docs / "b.txt").write_text("Later a convoy reached Paris.\n", encoding="utf-8")  # new outputs to write
    monkeypatch.setattr(files.os, "fsync", _enospc)
    assert cli.main(["build", "--documents", str(docs), "--data", str(DATA), "--out", str(out), "-q"]) == 2
    err = capsys.readouterr().err
    assert err == f"error: {out / 'places.geojson'}: No space left on device\n"  # the first file written
    assert outputs() == before  # no staging folder, no lock, no partial file
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []


# --- curated files: every fault named with its file and line ---------------------------------------------

INC = "incident_id,type,date,date_precision,place,killed,injured,summary,document,quote,citation\n"
GAZ = "name,aliases,kind,lat,lon,precision_km,country_code,source\n"
GOOD_INC = "i1,attack,2013-02-09,day,Baghdad,3,,shelling,,,a report we cite\n"
MORE_INC = "i2,raid,2013-03-01,day,Baghdad,1,,a raid,,,another report\ni3,raid,2013-04-01,day,Baghdad,,,x,,,r\n"

CURATED_CASES = [
    # (name, file, content, line, message)
    ("precision nan", "gazetteer.csv", GAZ + "Camp Nanfield,,site,33,44,nan,IQ,invented\n", 2,
     "precision_km must be a finite number > 0: nan"),
    ("precision inf", "gazetteer.csv", GAZ + "Camp Inffield,,site,33,44,inf,IQ,invented\n", 2,
     "precision_km must be a finite number > 0: inf"),
    ("latitude nan", "gazetteer.csv", GAZ + "Camp Nanlat,,site,NaN,44,1,IQ,invented\n", 2, "not finite"),
    ("gazetteer surplus field", "gazetteer.csv", GAZ + "Camp Extra,,site,33,44,1,IQ,invented,one more\n", 2,
     "row has 9 fields but the header has 8 columns (the surplus would be lost)"),
    ("killed 10^400", "incidents.csv", INC + "i1,attack,2013,year,Baghdad,1" + "0" * 400 + ",,x,,,cited\n", 2,
     "killed is implausibly large (401 digits; at most 10,000,000,000)"),
    ("killed 10^5000", "incidents.csv", INC + "i1,attack,2013,year,Baghdad,1" + "0" * 5000 + ",,x,,,cited\n", 2,
     "killed is implausibly large"),
    ("killed in other digits", "incidents.csv", INC + "i1,attack,2013,year,Baghdad,٣,,x,,,cited\n", 2,
     "killed must be a whole number"),
    ("unclosed quote to the end", "incidents.csv", INC + GOOD_INC + 'i9,attack,2013,year,Baghdad,3,,"shelling,,,c\n'
     + MORE_INC, 3, "a quoted field opened on line 3 runs to line 5"),
    ("unclosed quote closed later", "incidents.csv", INC + 'i9,attack,2013,year,Baghdad,3,,"shelling,,,c\n'
     + MORE_INC + 'i4,raid,2013,year,Baghdad,,,"y",,,r\n', 2, "a quoted field opened on line 2 runs to line 5"),
    ("incidents surplus field", "incidents.csv", INC + GOOD_INC.rstrip("\n") + ",surplus\n", 2,
     "row has 12 fields but the header has 11 columns"),
    ("documents surplus field", "documents.csv", "document,published\na,2014,2015\n", 2,
     "row has 3 fields but the header has 2 columns"),
    # regression: the gazetteer's and the incidents' column checks read the header without csvfile's guard
    ("gazetteer header field too large", "gazetteer.csv", 'name,"' + "x" * 200_000 + '"\n', 1,
     "malformed CSV header: field larger than field limit"),
    ("incidents header field too large", "incidents.csv", 'incident_id,"' + "x" * 200_000 + '"\n', 1,
     "malformed CSV header: field larger than field limit"),
]


@pytest.mark.parametrize("name,fname,content,line,message", CURATED_CASES, ids=[c[0] for c in CURATED_CASES])
def test_bad_curated_file_exits_2_naming_file_and_line(tmp_path, docs, name, fname, content, line, message):
    data = tmp_path / "data"
    data.mkdir()
    path = data / fname
    path.write_text(content, encoding="utf-8")
    proc = run_geo("build", "--documents", docs, "--data", data, "--out", tmp_path / "out", "-q", check=False)
    assert proc.returncode == 2, proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith(f"error: {path}:{line}: "), last
    assert message in last, last


def test_a_field_with_line_breaks_is_still_read(tmp_path):
    from geo import csvfile
    import csv

    path = tmp_path / "x.csv"
    path.write_text('a,b,c\n1,"two\nlines, one comma",3\n4,5,6\n', encoding="utf-8")
    reader = csv.DictReader(csvfile.open_csv(path))
    assert [r["b"] for r in csvfile.rows(path, reader)] == ["two\nlines, one comma", "5"]


@pytest.mark.parametrize("value,message", [("nan", "finite"), ("-inf", "finite"), ("1e400", "finite"),
                                           ("north", "must be a number")])
def test_csv_numbers_are_finite(tmp_path, value, message):
    from geo import csvfile

    with pytest.raises(InputError, match=message) as e:
        csvfile.number(value, "lat", tmp_path / "x.csv", 7)
    assert e.value.line == 7


# --- legacy encodings ----------------------------------------------------------------------------------------


def _decode_one(tmp_path, raw: bytes):
    from geo import documents

    folder = tmp_path / "enc"
    folder.mkdir()
    (folder / "d.txt").write_bytes(raw)
    docs, skipped = documents.read_documents(folder)
    return docs[0].text, [(s.what, s.reason) for s in skipped]


@pytest.mark.parametrize("text", [
    # Made up: Polish sentences of the usual shape, saved by a Windows editor in cp1250; the second has
    # none of the letters whose cp1252 reading is a symbol inside a word (ą, ł): it read as cp1252 before.
    "Mieszkańcy Łodzi mówią, że w środę rano żołnierze weszli do wsi i zabrali mężczyzn.\n",
    "W środę mieszkańcy Łodzi mówili, że gęsto ostrzelano wieś pod Zgierzem.\n",
])
def test_central_european_text_is_not_read_as_cp1252(tmp_path, text):
    got, notes = _decode_one(tmp_path, text.encode("cp1250"))
    assert got == text
    assert notes == [("warning", "not UTF-8; decoded as cp1250 (charset-normalizer's guess)")]


def test_utf8_with_one_stray_cp1252_byte_keeps_the_rest_as_utf8(tmp_path):
    raw = "Families left Zürich and Kraków — “all of them” — on Monday.\n".encode() + b"A caf\xe9 closed.\n"
    got, notes = _decode_one(tmp_path, raw)
    assert got == "Families left Zürich and Kraków — “all of them” — on Monday.\nA café closed.\n"
    assert notes == [("warning", "UTF-8 except 1 stray byte(s) (first 0xe9 on line 2); those decoded as cp1252")]


@pytest.mark.parametrize("text", ["O’Brien met the col·lecció curator in Zürich; a well–known café, e.g. U.S.A.\n",
                                  "Señor Muñoz said «non» à Montréal, ¿verdad? £5 at 20° in Málaga.\n"])
def test_western_text_with_apostrophes_and_symbols_stays_cp1252(tmp_path, text):
    got, notes = _decode_one(tmp_path, text.encode("cp1252"))
    assert got == text and notes == [("warning", "not UTF-8; decoded as cp1252 (Windows Western European)")]


# --- the map's Content-Security-Policy (the browser side: test_hardening_browser.py) ------------------------


@pytest.mark.parametrize("self_contained", [False, True])
def test_policy_lists_exactly_what_the_page_needs_and_is_deterministic(self_contained):
    import base64
    import hashlib
    import html
    import re

    from geo import maps
    from map_fixtures import frames, sample_build

    pages = [maps.render_html(maps.make_map(*frames(sample_build()), self_contained=self_contained))
             for _ in range(2)]
    assert pages[0] == pages[1]
    page = pages[0]
    head = page.split("<head>", 1)[1].lstrip()
    assert head.startswith('<meta http-equiv="Content-Security-Policy" content="')  # before any script
    policy = html.unescape(re.search(r'Content-Security-Policy" content="([^"]+)"', page).group(1))
    directives = dict(d.split(" ", 1) for d in policy.split("; "))
    assert directives["default-src"] == "'none'" and directives["base-uri"] == "'none'"
    inline = [body for attrs, body in re.findall(r"<script(\s[^>]*)?>(.*?)</script>", page, re.S)
              if "src=" not in (attrs or "") and "application/json" not in (attrs or "")]
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() + "'" for b in inline}
    scripts = set(directives["script-src"].split())
    assert hashes and hashes <= scripts
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts and "*" not in policy.split()
    linked = set(re.findall(r'<script src="([^"]+)"', page))
    assert scripts - hashes == linked  # the CDN files by their exact URL, or nothing when inlined
    assert bool(linked) is not self_contained
    images = directives["img-src"].split()
    assert images[:1] == ["data:"] and "https://server.arcgisonline.com" in images
    assert "https://tile.openstreetmap.org" in images
