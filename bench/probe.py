"""Probe: about 110 bad inputs and faults through the command line, counted by what went wrong.

Each case makes real files (documents, curated CSVs), runs ``geo build`` (and ``geo export
--format csv`` where cells matter) as a user would, and classifies the outcome:

- traceback: a Python traceback on stderr, or an exception out of ``cli.main``;
- internal error on bad input: exit 70 (70 is for bugs only);
- silent loss: exit 0 while the case's bad item is neither an error nor in the report's
  skipped/warnings (or an error that names no file);
- invalid coordinates: a GeoJSON position outside [-180, 180] x [-90, 90] or not finite;
- formula cells: a CSV cell starting with = + - @ tab or CR (OWASP);
- scripts executed: a dialog or an injected global in Chromium (markup cases, and an
  injected copy of the page to test the Content-Security-Policy).

Runs ``cli.main`` in this process by default (fast: the gazetteer is built once);
``--subprocess`` runs ``python -m geo`` for every case instead. Prints one line a case
and the totals; exit 1 when any count is not 0.

    PYTHONPATH=. python bench/probe.py [--subprocess] [--no-browser] [-k SUBSTRING]
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import errno
import io
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from unittest import mock
from urllib.parse import parse_qs, urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo import cli, export, files, settings  # noqa: E402

DATA = ROOT / "data"
OK = "Aid workers reached Baghdad on Monday; others waited in Tehran.\n"
ATTACK = "On 3 March 2014 a rocket attack on Baghdad killed 4 people, officials said.\n"
INC = "incident_id,type,date,date_precision,place,killed,injured,summary,document,quote,citation\n"
REL = "relocation_id,date,date_end,date_precision,from_place,to_place,people,summary,document,quote,citation\n"
GAZ = "name,aliases,kind,lat,lon,precision_km,country_code,source\n"
META = "document,published,title,date_note\n"
GOOD_INC = "i1,attack,2013-02-09,day,Baghdad,3,,shelling,,,a report we cite\n"
FORMULA_STARTS = export.FORMULA_STARTS


@dataclass
class Case:
    name: str
    docs: dict = field(default_factory=lambda: {"ok.txt": OK})  # file name -> str | bytes | None (folder)
    data: dict | None = None  # curated files; None: the repository's data/
    args: list = field(default_factory=list)  # extra CLI arguments
    expect: str = "error"  # error: exit 2 naming `where`; reported: exit 0 and `where` in the report; ok: exit 0
    where: str = ""  # what the message or report must mention (file name, name, reason)
    export_csv: bool = False
    browser: bool = False
    setup: object = None  # callable(workdir) -> context manager, for faults
    geocoder: bool = False


def _docs_cases() -> list[Case]:
    c = []
    add = c.append
    add(Case("empty document", {"ok.txt": OK, "e.txt": b""}, expect="reported", where="e.txt"))
    add(Case("whitespace document", {"ok.txt": OK, "w.txt": " \n\t\n"}, expect="reported", where="w.txt"))
    add(Case("NUL bytes", {"ok.txt": OK, "b.txt": b"abc\x00def"}, expect="reported", where="b.txt"))
    add(Case("control characters", {"ok.txt": OK, "c.txt": bytes(range(1, 9)) * 40}, expect="reported", where="c.txt"))
    add(Case("PNG named .txt", {"ok.txt": OK, "p.txt": b"\x89PNG\r\n\x1a\n\x00\x00IHDR"}, expect="reported",
             where="p.txt"))
    add(Case("latin-1", {"l.txt": "Caf\xe9 near Baghdad, se\xf1or.\n".encode("latin-1")}, expect="reported",
             where="cp1252"))
    add(Case("cp1252 quotes", {"q.txt": "\u201cMoved\u201d to Tehran \u2013 all.\n".encode("cp1252")},
             expect="reported", where="cp1252"))
    add(Case("cp1250 Polish", {"pl.txt": "W środę mieszkańcy Łodzi mówili, że gęsto ostrzelano wieś pod Baghdad.\n"
                                         .encode("cp1250")}, expect="reported", where="cp1250"))
    add(Case("cp1251 Russian", {"ru.txt": "Жители Москвы сообщили о ракетном обстреле в среду.\n".encode("cp1251")},
             expect="reported", where="cp1251"))
    add(Case("UTF-16 BOM", {"u.txt": "Families reached Tehran.\n".encode("utf-16")}, expect="reported",
             where="UTF-16"))
    add(Case("UTF-8 with one stray byte", {"s.txt": "Families left Zürich — “all” — for Baghdad.\n".encode()
                                           + b"A caf\xe9 closed.\n"}, expect="reported", where="stray byte"))
    add(Case("CRLF", {"d.txt": b"One.\r\nThen Baghdad.\r\n"}, expect="ok"))
    add(Case("lone CR", {"d.txt": b"One.\rThen Baghdad.\r"}, expect="ok"))
    add(Case("zero-width in a name", {"z.txt": "Rockets hit Bag\u200bhdad on Monday.\n"}, expect="ok",
             where="Bag\u200bhdad"))
    add(Case("Cyrillic look-alike in a name", {"y.txt": "Rockets hit B\u0430ghdad on Monday.\n"}, expect="ok",
             where="B\u0430ghdad"))
    add(Case("hidden file", {"ok.txt": OK, ".h.txt": OK}, expect="reported", where=".h.txt"))
    add(Case("unsupported file type", {"ok.txt": OK, "n.docx": b"PK\x03\x04"}, expect="reported", where="n.docx"))
    add(Case("subfolder", {"ok.txt": OK, "sub": None}, expect="reported", where="sub"))
    add(Case("duplicate id", {"a.txt": OK, "a.TXT": OK}, expect="reported", where="duplicate"))
    add(Case("only a binary file", {"b.txt": b"\x00\x00"}, where="no readable"))
    add(Case("no documents at all", {}, where="no readable"))
    add(Case("markup in text", {"m.txt": "Rockets hit Baghdad <script>alert(1)</script> "
                                         "<img src=x onerror=alert(2)> killing 3 people on 2 May 2014.\n"},
             expect="ok", browser=True))
    for ch in "=+-@":
        add(Case(f"document named {ch}", {f"{ch}cmd.txt": ATTACK}, expect="ok", export_csv=True))
    add(Case("formula in text", {"f.txt": "=HYPERLINK(\"x\") Rockets hit Baghdad killing 4 on 3 May 2014.\n"},
             expect="ok", export_csv=True))
    add(Case("huge count in text", {"h.txt": "A blast in Baghdad on 3 May 2014 killed " + "9" * 40 + " people.\n"},
             expect="ok"))
    add(Case("very long line", {"long.txt": ("Convoys left Baghdad for Tehran. " * 40_000) + "\n"}, expect="ok"))
    add(Case("tab-started name", {"t.txt": "\tBaghdad was shelled on 3 May 2014, killing 4.\n"}, expect="ok",
             export_csv=True))
    return c


def _meta_cases() -> list[Case]:
    def meta(text, where, expect="error", **kw):
        return dict(data={"documents.csv": text}, where=where, expect=expect, **kw)

    return [
        Case("metadata not UTF-8", **meta(b"document,published\nok,2014\nx,2013\xe9\n", "documents.csv:3")),
        Case("metadata impossible date", **meta("document,published\nok,2014-02-30\n", "documents.csv:2")),
        Case("metadata duplicate", **meta("document,published\nok,2014\nok,2015\n", "documents.csv:3")),
        Case("metadata missing column", **meta("doc,published\nok,2014\n", "documents.csv:1")),
        Case("metadata surplus field", **meta("document,published\nok,2014,2015\n", "documents.csv:2")),
        Case("metadata unclosed quote", **meta('document,published,title\nok,2014,"Title\nx,2015,T\ny,2016,U\n',
                                               "documents.csv:2")),
        Case("metadata huge field", **meta("document,published,title\nok,2014," + "9" * 200_000 + "\n",
                                           "documents.csv:2")),
        Case("metadata ghost row", **meta("document,published\nok,2014\nghost,2015\n", "documents.csv:3",
                                          expect="reported")),
        Case("metadata formula title", **meta("document,published,title\nok,2014,=cmd|' /C calc'!A0\n", "",
                                              expect="ok", export_csv=True)),
        Case("metadata empty id", **meta("document,published\n,2014\n", "documents.csv:2")),
    ]


def _gaz_cases() -> list[Case]:
    def gaz(row, where="gazetteer.csv:2", expect="error", **kw):
        return dict(data={"gazetteer.csv": GAZ + row}, where=where, expect=expect, **kw)

    return [
        Case("lat 95", **gaz("Camp Qa,,site,95,44,1,IQ,src\n")),
        Case("lon 181", **gaz("Camp Qa,,site,33,181,1,IQ,src\n")),
        Case("lat nan", **gaz("Camp Qa,,site,nan,44,1,IQ,src\n")),
        Case("lon inf", **gaz("Camp Qa,,site,33,inf,1,IQ,src\n")),
        Case("precision nan", **gaz("Camp Qa,,site,33,44,nan,IQ,src\n")),
        Case("precision inf", **gaz("Camp Qa,,site,33,44,inf,IQ,src\n")),
        Case("precision 0", **gaz("Camp Qa,,site,33,44,0,IQ,src\n")),
        Case("precision -1", **gaz("Camp Qa,,site,33,44,-1,IQ,src\n")),
        Case("lat text", **gaz("Camp Qa,,site,north,44,1,IQ,src\n")),
        Case("surplus field", **gaz("Camp Qa,,site,33,44,1,IQ,src,extra\n")),
        Case("missing field", **gaz("Camp Qa,,site,33,44\n")),
        Case("empty name", **gaz(",,site,33,44,1,IQ,src\n")),
        Case("duplicate place", **gaz("Camp Qa,,site,33,44,1,IQ,src\nCamp Qa,,site,33,44,1,IQ,src\n",
                                      where="gazetteer.csv:3")),
        Case("unclosed quote", **gaz('Camp Qa,,site,33,44,1,IQ,"src\nCamp Rb,,site,33,44,1,IQ,src\n'
                                     'Camp Sc,,site,33,44,1,IQ,src\n')),
        Case("gazetteer not UTF-8", data={"gazetteer.csv": (GAZ + "Caf\xe9,,site,33,44,1,IQ,s\n").encode("latin-1")},
             where="gazetteer.csv:2"),
        Case("gazetteer missing column", data={"gazetteer.csv": "name,lat\nX,1\n"}, where="gazetteer.csv:1"),
        Case("formula place name", **gaz("=Camp Qa,,site,33,44,1,IQ,@src\n", where="", expect="ok",
                                         export_csv=True)),
    ]


def _inc_cases() -> list[Case]:
    def inc(row, where="incidents.csv:2", expect="error", **kw):
        return dict(data={"incidents.csv": INC + row}, where=where, expect=expect, **kw)

    def rel(row, where="relocations.csv:2", expect="error", **kw):
        return dict(data={"relocations.csv": REL + row}, where=where, expect=expect, **kw)

    big = "1" + "0" * 400
    return [
        Case("killed 10^400", **inc(f"i1,attack,2013,year,Baghdad,{big},,x,,,c\n")),
        Case("killed 10^5000", **inc("i1,attack,2013,year,Baghdad,1" + "0" * 5000 + ",,x,,,c\n")),
        Case("killed -3", **inc("i1,attack,2013,year,Baghdad,-3,,x,,,c\n")),
        Case("killed many", **inc("i1,attack,2013,year,Baghdad,many,,x,,,c\n")),
        Case("killed 3.5", **inc("i1,attack,2013,year,Baghdad,3.5,,x,,,c\n")),
        Case("killed nan", **inc("i1,attack,2013,year,Baghdad,nan,,x,,,c\n")),
        Case("killed 1e3", **inc("i1,attack,2013,year,Baghdad,1e3,,x,,,c\n")),
        Case("killed Arabic digits", **inc("i1,attack,2013,year,Baghdad,٣,,x,,,c\n")),
        Case("unknown place", **inc("i1,attack,2013,year,Neverland Heights,3,,x,,,c\n")),
        Case("impossible date", **inc("i1,attack,2013-02-30,day,Baghdad,3,,x,,,c\n")),
        Case("date text", **inc("i1,attack,spring,year,Baghdad,3,,x,,,c\n")),
        Case("duplicate id", **inc(GOOD_INC + GOOD_INC, where="incidents.csv:3")),
        Case("missing column", data={"incidents.csv": "incident_id,type\ni1,attack\n"}, where="incidents.csv:1"),
        Case("surplus field", **inc(GOOD_INC.rstrip("\n") + ",extra\n")),
        Case("short row", **inc("i2,attack,2013\n")),
        Case("unclosed quote to the end", **inc(GOOD_INC + 'i2,attack,2013,year,Baghdad,3,,"x,,,c\n'
                                                "i3,raid,2013,year,Baghdad,1,,y,,,c\n", where="incidents.csv:3")),
        Case("unclosed quote closed later", **inc('i2,attack,2013,year,Baghdad,3,,"x,,,c\n'
                                                  "i3,raid,2013,year,Baghdad,1,,y,,,c\n"
                                                  'i4,raid,2013,year,Baghdad,1,,"z",,,c\n')),
        Case("quote not in document", **inc("i1,attack,2013,year,Baghdad,3,,x,ok,never said,\n")),
        Case("quote without document", **inc("i1,attack,2013,year,Baghdad,3,,x,,a quote,\n")),
        Case("no source", **inc("i1,attack,2013,year,Baghdad,3,,x,,,\n")),
        Case("empty id", **inc(",attack,2013,year,Baghdad,3,,x,,,c\n")),
        Case("incidents not UTF-8", data={"incidents.csv": (INC + "i1,attack,2013,year,Baghdad,3,,Caf\xe9,,,c\n")
                                          .encode("latin-1")}, where="incidents.csv:2"),
        Case("huge field", **inc("i1,attack,2013,year,Baghdad,3,," + "9" * 200_000 + ",,,c\n")),
        Case("formula summary", **inc('i1,attack,2013,year,Baghdad,3,,"=HYPERLINK(""http://x"",""y"")",,,@c\n',
                                      where="", expect="ok", export_csv=True)),
        Case("formula id", **inc("+i1,attack,2013,year,Baghdad,3,,-x,,,\tc\n", where="", expect="ok",
                                 export_csv=True)),
        Case("markup summary", **inc("i1,attack,2013,year,Baghdad,3,,<script>alert(5)</script>,,,"
                                     "<img src=x onerror=alert(6)>\n", where="", expect="ok", browser=True)),
        Case("relocation to itself", **rel("r1,2014,,year,Baghdad,Baghdad,5,x,,,c\n")),
        Case("relocation unknown place", **rel("r1,2014,,year,Baghdad,Atlantis Prime,5,x,,,c\n")),
        Case("people 10^400", **rel(f"r1,2014,,year,Baghdad,Tehran,{big},x,,,c\n")),
        Case("people negative", **rel("r1,2014,,year,Baghdad,Tehran,-5,x,,,c\n")),
        Case("relocation surplus", **rel("r1,2014,,year,Baghdad,Tehran,5,x,,,c,extra\n")),
        Case("relocation end before start", **rel("r1,2014,2013,year,Baghdad,Tehran,5,x,,,c\n")),
        Case("formula relocation", **rel("=r1,2014,,year,Baghdad,Tehran,5,+x,,,-c\n", where="", expect="ok",
                                         export_csv=True)),
    ]


def _cli_cases(work: Path) -> list[Case]:
    a_file = work / "a-file"
    a_file.write_text("x")
    return [
        Case("mistyped --data", args=["--data", str(work / "dta")], where="data folder not found"),
        Case("--data is a file", args=["--data", str(a_file)], where="not a folder"),
        Case("mistyped --documents", args=["--documents", str(work / "dcos")], where="documents folder not found"),
        Case("--documents is a file", args=["--documents", str(a_file)], where="not a folder"),
        Case("--out is a file", args=["--out", str(a_file)], where=str(a_file)),
        Case("--report under a file", args=["--report", str(a_file / "r.json")], where="cannot write the report"),
        Case("--min-confidence text", args=["--min-confidence", "lots"], where="not a number"),
        Case("--min-confidence 2", args=["--min-confidence", "2"], where="between 0 and 1"),
        Case("data folder without curated files", data={}, expect="reported", where="no curated data"),
        Case("second build into a locked folder", setup=_locked, where="another geo command"),
        Case("disk full while writing outputs", setup=_disk_full, where="places.geojson: No space left"),
        Case("disk full while caching the gazetteer", data={"gazetteer.csv": GAZ + "Camp Full,,site,33,44,1,IQ,s\n"},
             setup=_cache_full, expect="ok"),
    ]


NOMINATIM = {
    "Kafr Nolat": {"lat": None}, "Kafr Textlat": {"lat": "north"}, "Kafr Badbox": {"boundingbox": ["1", "x", "2", "3"]},
    "Kafr Farlon": {"lon": "181"}, "Kafr Farlat": {"lat": "-90.5"}, "Kafr Nanlat": {"lat": "NaN"},
    "Kafr Shortbox": {"boundingbox": ["1"]}, "Kafr Infbox": {"boundingbox": ["1", "inf", "2", "3"]},
}
GOOD_ANSWER = {"place_id": 1, "osm_type": "node", "osm_id": 7, "lat": "36.34", "lon": "43.13",
               "display_name": "Kafr Good, Iraq", "name": "Kafr Good", "addresstype": "village",
               "boundingbox": ["36.33", "36.35", "43.12", "43.14"], "address": {"country_code": "iq"}}


class _Nominatim(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        name = parse_qs(urlparse(self.path).query).get("q", [""])[0]
        if name == "Kafr Garbage":
            body = b'{"not": "a list", '
        elif name in NOMINATIM:
            body = json.dumps([{**GOOD_ANSWER, "name": name, **NOMINATIM[name]}]).encode()
        else:
            body = json.dumps([] if name != "Kafr Good" else [GOOD_ANSWER]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _geocoder_cases() -> list[Case]:
    names = [*NOMINATIM, "Kafr Garbage"]
    cases = [Case(f"Nominatim answer: {n}", {"g.txt": f"Shells fell on the village of {n} in Iraq.\n"},
                  expect="reported", where=n, geocoder=True) for n in names]
    # Asked twice (the second build must not read a bad answer from the cache): same case name, run again.
    cases.append(Case("Nominatim bad answer, second build", {"g.txt": "Shells fell on the village of Kafr Farlon.\n"},
                      expect="reported", where="Kafr Farlon", geocoder=True))
    return cases


# --- faults ----------------------------------------------------------------------------------------------


@contextlib.contextmanager
def _locked(out: Path):
    with export.output_lock(out):
        yield


def _no_space(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _disk_full(out: Path):
    return mock.patch.object(files.os, "fsync", _no_space)  # write_atomic (geo.files) flushes each map file


def _cache_full(out: Path):
    from geo import gazetteer

    def partial_then_full(obj, f, *a, **k):
        f.write(b"partial")
        _no_space()

    return mock.patch.object(gazetteer.pickle, "dump", partial_then_full)


# --- running and judging -----------------------------------------------------------------------------------


def _write(folder: Path, files: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        if content is None:
            (folder / name).mkdir()
        else:
            (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def _run_cli(argv: list[str], subprocess_mode: bool, env: dict) -> tuple[int, str, str, bool]:
    """(exit code, stdout, stderr, escaped exception)."""
    if subprocess_mode:
        proc = subprocess.run([sys.executable, "-m", "geo", *argv], capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT), **env}, timeout=900)
        return proc.returncode, proc.stdout, proc.stderr, False
    out, err = io.StringIO(), io.StringIO()
    escaped = False
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(argv)
        except SystemExit as e:  # argparse
            code = e.code if isinstance(e.code, int) else 2
        except BaseException as e:  # noqa: BLE001 - anything out of main is a traceback for a user
            import traceback

            traceback.print_exc()
            escaped, code = True, 1
            print(type(e).__name__, e, file=err)
    return code, out.getvalue(), err.getvalue(), escaped


def _bad_positions(folder: Path) -> int:
    bad = 0
    for path in folder.glob("*.geojson"):
        for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
            coords = f["geometry"]["coordinates"] if f.get("geometry") else []
            flat = [coords] if coords and isinstance(coords[0], (int, float)) else coords
            for lon, lat, *_ in flat:
                if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
                    bad += 1
    return bad


def _formula_cells(paths) -> int:
    bad = 0
    for path in paths:
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")):
            bad += sum(1 for cell in row if cell[:1] in FORMULA_STARTS)
    return bad


def _scripts_executed(page_path: Path) -> int:
    """Dialogs and injected globals in Chromium, for the page and for a copy with markup injected past escaping."""
    from playwright.sync_api import sync_playwright

    from geo.screenshot import block_network, launch

    injected = page_path.with_name("injected.html")
    html = page_path.read_text(encoding="utf-8")
    injected.write_text(html.replace("<body>", '<body><script>window.probeInline=1;alert("inline")</script>'
                                     '<img src="data:," onerror="window.probeHandler=1;alert(1)">', 1),
                        encoding="utf-8")
    executed = 0
    with sync_playwright() as p:
        browser = launch(p)
        try:
            for target in (page_path, injected):
                page = browser.new_page()
                dialogs = []
                page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
                block_network(page)
                page.goto(target.as_uri())
                page.wait_for_function("window.geoReady", timeout=30_000)
                for el in page.locator("path.geo-attack").all()[:5]:
                    el.dispatch_event("click")
                page.wait_for_timeout(300)
                flags = page.evaluate("[window.probeInline, window.probeHandler].filter(Boolean).length")
                executed += len(dialogs) + flags
                page.close()
        finally:
            browser.close()
    return executed


def run_case(case: Case, work: Path, args) -> dict:
    base = work / case.name.replace(" ", "_").replace("/", "_")
    if base.exists():  # the repeated geocoder case: keep the cache, fresh folders
        base = base.with_name(base.name + "_again")
    docs, out, report = base / "docs", base / "out", base / "report.json"
    _write(docs, case.docs)
    data = DATA
    if case.data is not None:
        data = base / "data"
        _write(data, case.data)
    env = {}
    argv_common = ["--documents", str(docs), "--data", str(data), "--cache-dir", str(work / "cache")]
    if case.geocoder:
        argv_common += ["--geocoder", "nominatim", "--cache-dir", str(work / "nominatim-cache")]
    # Options given last win (argparse): a case's --data/--documents/--out override these.
    argv = ["build", *argv_common, "--out", str(out), "--report", str(report), "-q",
            *(["--self-contained"] if case.browser else []), *case.args]
    ctx = case.setup(out) if case.setup else contextlib.nullcontext()
    with ctx:
        code, stdout, stderr, escaped = _run_cli(argv, args.subprocess, env)
    result = {"case": case.name, "exit": code, "traceback": int(escaped or "Traceback" in stderr),
              "internal": int(code == 70), "loss": 0, "coords": 0, "formulas": 0, "scripts": 0}
    said = stderr + stdout
    if report.exists():
        rep = json.loads(report.read_text(encoding="utf-8"))
        said += json.dumps(rep.get("skipped", []) + rep.get("warnings", []), ensure_ascii=False)
    if case.expect == "error":
        result["loss"] = int(code != 2 or case.where not in said)
    elif case.expect == "reported":
        result["loss"] = int(code != 0 or case.where not in said)
    else:
        result["loss"] = int(code != 0 or bool(case.where and case.where not in
                                                 (out / "mentions.csv").read_text(encoding="utf-8")))
    if out.is_dir():
        result["coords"] = _bad_positions(out)
        csvs = [out / "mentions.csv"] if (out / "mentions.csv").exists() else []
        if case.export_csv:
            exp = base / "csv"
            _run_cli(["export", *argv_common, "--format", "csv", "--out", str(exp), "-q", *case.args],
                     args.subprocess, env)
            csvs += sorted(exp.glob("*.csv"))
        result["formulas"] = _formula_cells(csvs)
        if case.browser and not args.no_browser and (out / "index.html").exists():
            result["scripts"] = _scripts_executed(out / "index.html")
    if case.name == "disk full while caching the gazetteer":
        result["loss"] |= int(any(p.name.startswith(".gazetteer-") for p in (work / "cache").iterdir()))
    result["said"] = (stderr.strip().splitlines() or [""])[-1][:110]
    return result


def _memoise_gazetteer() -> None:
    """In process: load each gazetteer (by its curated file's bytes) once; the curated file is still read and
    checked on every build, as :func:`geo.gazetteer.load_gazetteer` does on a cache hit."""
    from geo import gazetteer, pipeline

    real = gazetteer.load_gazetteer
    loaded = {}

    def load(data_dir=None, *, cache_dir=None, min_population=None, build_matcher=True):
        path = Path(data_dir) / "gazetteer.csv" if data_dir is not None else None
        curated = path.read_bytes() if path is not None and path.is_file() else b""
        if curated:
            gazetteer.read_curated(path)  # every fault still raised with its file and line
        key = (curated, min_population)
        if key not in loaded:
            loaded.clear()  # one at a time: a gazetteer is large
            loaded[key] = real(data_dir, cache_dir=cache_dir, min_population=min_population)
        return _fresh(loaded[key])

    pipeline.load_gazetteer = load


def _fresh(gaz):
    """A gazetteer a build may add places to (the geocoder does) without touching the memoised one."""
    import dataclasses

    return dataclasses.replace(gaz, places=dict(gaz.places), names={k: list(v) for k, v in gaz.names.items()})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subprocess", action="store_true", help="run python -m geo for every case")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium checks")
    parser.add_argument("-k", default="", help="only cases whose name contains this")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="geo-probe-"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Nominatim)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    os.environ["GEO_NOMINATIM_URL"] = url
    settings.NOMINATIM_URL = url
    settings.NOMINATIM_MIN_DELAY_SECONDS = 0.0
    if not args.subprocess:
        _memoise_gazetteer()
    cases = _docs_cases() + _meta_cases() + _gaz_cases() + _inc_cases() + _cli_cases(work) + _geocoder_cases()
    cases = [c for c in cases if args.k.lower() in c.name.lower()]
    totals = {"traceback": 0, "internal": 0, "loss": 0, "coords": 0, "formulas": 0, "scripts": 0}
    try:
        for case in cases:
            r = run_case(case, work, args)
            for k in totals:
                totals[k] += r[k]
            flags = " ".join(k for k in totals if r[k])
            print(f"{'FAIL' if flags else 'ok  '} exit {r['exit']:>2} {case.name:<42} {flags:<12} {r['said']}",
                  flush=True)
    finally:
        server.shutdown()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\n{len(cases)} cases: " + ", ".join(f"{k} {v}" for k, v in totals.items()))
    return int(any(totals.values()))


if __name__ == "__main__":
    sys.exit(main())
