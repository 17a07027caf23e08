"""Hardening: bad documents, bad folders, bad options, faults while writing.

Each case is a test; the CLI cases run ``python -m geo`` as a user does and
check the exit code, a one-line ``error: FILE[:LINE]: …`` and no traceback.
"""
from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import textwrap
import tracemalloc

import pytest

from geo import cli, documents, export, files
from geo.errors import InputError

from conftest import ROOT, run_geo

DATA = ROOT / "data"
OK_TEXT = "Aid workers reached Baghdad on Monday; others waited in Tehran.\n"


def _folder(tmp_path, files: dict[str, bytes | str], name="docs"):
    folder = tmp_path / name
    folder.mkdir()
    for fname, content in files.items():
        path = folder / fname
        if content is None:
            path.mkdir()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def _read(tmp_path, files):
    return documents.read_documents(_folder(tmp_path, {"ok.txt": OK_TEXT, **files}))


NOT_READ = "not a document type read here (.txt, .md, .html, .htm, .pdf, .jsonl, .ndjson, .csv)"


def _reasons(skipped):
    return {os.path.basename(s.where): (s.what, s.reason) for s in skipped}


# --- documents: one test a case ------------------------------------------------------------


def test_empty_file_is_skipped_with_reason(tmp_path):
    docs, skipped = _read(tmp_path, {"empty.txt": b"", "blank.txt": "  \n\t\n"})
    assert [d.id for d in docs] == ["ok"]
    assert _reasons(skipped) == {"empty.txt": ("document", "empty file"), "blank.txt": ("document", "only whitespace")}


def test_binary_files_are_skipped_with_reason(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    controls = bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 50 + b"abc"
    docs, skipped = _read(tmp_path, {"image.txt": png, "controls.txt": controls})
    assert [d.id for d in docs] == ["ok"]
    reasons = _reasons(skipped)
    assert reasons["image.txt"][1].startswith("binary file (contains NUL bytes)")
    assert reasons["controls.txt"][1].startswith("binary file (control characters)")


@pytest.mark.parametrize("encoding,text", [
    ("latin-1", "The café near the Ministère was closed; señor Muñoz said so in Zürich.\n"),
    ("cp1252", "He said \u201cwe moved\u201d \u2013 in spring \u2014 to the north. Caf\u00e9 \u20ac5.\n"),
])
def test_legacy_western_encodings_are_decoded_with_a_warning(tmp_path, encoding, text):
    docs, skipped = _read(tmp_path, {"old.txt": text.encode(encoding)})
    assert {d.id: d.text for d in docs}["old"] == text
    assert _reasons(skipped) == {"old.txt": ("warning", "not UTF-8; decoded as cp1252 (Windows Western European)")}


@pytest.mark.parametrize("encoding,text", [
    ("cp1251", "Привет, как дела? Это текст на русском языке о городе Москва.\n"),
    ("iso8859_7", "Ελληνικά κείμενα για την Αθήνα και τη Θεσσαλονίκη.\n"),
])
def test_other_legacy_encodings_fall_back_to_charset_normalizer(tmp_path, encoding, text):
    docs, skipped = _read(tmp_path, {"other.txt": text.encode(encoding)})
    assert {d.id: d.text for d in docs}["other"] == text
    # charset-normalizer names the family's Windows code page for ISO 8859-7 text: same letters here.
    name = {"iso8859_7": "cp1253"}.get(encoding, encoding)
    assert _reasons(skipped)["other.txt"] == ("warning", f"not UTF-8; decoded as {name} (charset-normalizer's guess)")


def test_utf8_bom_is_dropped_and_utf16_bom_decoded(tmp_path):
    docs, skipped = _read(tmp_path, {"bom.txt": "\ufeffBaghdad first.\n".encode("utf-8"),
                                     "wide.txt": "Tehran in UTF-16.\n".encode("utf-16")})
    texts = {d.id: d.text for d in docs}
    assert texts["bom"] == "Baghdad first.\n"  # offset 0 is the B, not a BOM
    assert texts["wide"] == "Tehran in UTF-16.\n"
    assert _reasons(skipped) == {"wide.txt": ("warning", "UTF-16 with BOM; decoded")}


def test_crlf_and_cr_line_ends_are_normalised(tmp_path):
    docs, _ = _read(tmp_path, {"dos.txt": b"One line.\r\nTwo Baghdad.\r\n", "mac.txt": b"Old\rMac\r"})
    texts = {d.id: d.text for d in docs}
    assert texts["dos"] == "One line.\nTwo Baghdad.\n" and texts["mac"] == "Old\nMac\n"


def test_crlf_offsets_in_mentions_refer_to_normalised_text(tmp_path):
    docs = _folder(tmp_path, {"dos.txt": b"First line.\r\nThen Baghdad.\r\nAnd Tehran.\r\n"})
    out = tmp_path / "out"
    run_geo("build", "--documents", docs, "--data", DATA, "--out", out, "-q")
    text = "First line.\nThen Baghdad.\nAnd Tehran.\n"
    rows = list(csv.DictReader((out / "mentions.csv").open(encoding="utf-8")))
    assert [(r["text"], text[int(r["start"]):int(r["end"])]) for r in rows] == [("Baghdad", "Baghdad"),
                                                                                 ("Tehran", "Tehran")]


def test_other_files_hidden_files_and_subfolders_are_reported(tmp_path):
    _folder(tmp_path, {"ok.txt": OK_TEXT, "notes.docx": "# x", "scan.pdf": b"%PDF-1.4", ".DS_Store": b"\x00\x01",
                                     ".git": None, "sub": None, "UPPER.TXT": "Tehran.\n"})
    (tmp_path / "docs" / "sub" / "inner.md").write_text("Baghdad.\n", encoding="utf-8")
    (tmp_path / "docs" / ".git" / "config").write_text("x", encoding="utf-8")
    docs, skipped = documents.read_documents(tmp_path / "docs")
    assert [d.id for d in docs] == ["UPPER", "ok", "sub/inner"]  # subfolders are read, ids keep the folder
    reasons = _reasons(skipped)
    assert reasons.pop("scan.pdf")[1].startswith("cannot read PDF (damaged or truncated?)")
    assert reasons == {
        ".DS_Store": ("document", "hidden file"),
        ".git": ("document", "hidden folder"),
        "notes.docx": ("document", "not a document type read here (.txt, .md, .html, .htm, .pdf, .jsonl, .ndjson, "
                                   ".csv)"),
    }


def test_fifo_dangling_link_and_undecodable_name_are_skipped_not_hung(tmp_path):
    folder = _folder(tmp_path, {"ok.txt": OK_TEXT})
    os.mkfifo(folder / "pipe.txt")  # reading it would block forever
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (folder / "linked.txt").symlink_to(folder / "ok.txt")
    open(os.fsencode(folder) + b"/caf\xe9.txt", "wb").write(b"Tehran.\n")
    docs, skipped = documents.read_documents(folder)
    assert [d.id for d in docs] == ["linked", "ok"]
    assert _reasons(skipped) == {"caf\\xe9.txt": ("document", "file name is not valid UTF-8: rename it"),
                                 "dangling.txt": ("document", "broken symbolic link"),
                                 "pipe.txt": ("document", "not a regular file")}


def test_a_terminal_that_cannot_show_a_name_does_not_crash(tmp_path):
    docs = _folder(tmp_path, {"ok.txt": "Families reached Zürich and São Paulo.\n"})
    proc = run_geo("places", "--documents", docs, "--data", DATA, env={"PYTHONIOENCODING": "ascii"})
    assert "Z\\xfcrich" in proc.stdout and "S\\xe3o Paulo" in proc.stdout


def test_duplicate_document_id_is_skipped(tmp_path):
    docs, skipped = _read(tmp_path, {"a.txt": "Tehran.\n", "a.TXT": "Baghdad.\n"})
    assert [d.id for d in docs] == ["a", "ok"]
    assert _reasons(skipped) == {"a.txt": ("document", "duplicate document id 'a' (also a.TXT)")}


def test_missing_empty_and_unreadable_folders_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="documents folder not found"):
        documents.read_documents(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match=r"no readable documents in folder \(it is empty\)"):
        documents.read_documents(tmp_path / "empty")
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(InputError, match="not a folder"):
        documents.read_documents(tmp_path / "file.txt")
    only_bad = _folder(tmp_path, {"x.pdf": b"%PDF", "y.txt": b""}, name="bad")
    with pytest.raises(InputError, match=r"\(2 skipped: cannot read PDF \(damaged or truncated\?\)"):
        documents.read_documents(only_bad)


def test_100_mb_document_is_read_once(tmp_path):
    """A 100 MB document costs its bytes plus its text at the peak, once."""
    size = 100 * 1024 * 1024
    line = "Convoys left Baghdad at dawn and reached Tehran after dark, witnesses said.\r\n"
    folder = tmp_path / "big"
    folder.mkdir()
    with open(folder / "big.txt", "w", encoding="utf-8", newline="") as f:
        f.write(line * (size // len(line)))
    (folder / "small.txt").write_text(OK_TEXT)
    nbytes = (folder / "big.txt").stat().st_size
    tracemalloc.start()
    try:
        docs, skipped = documents.read_documents(folder)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    big = docs[0]
    assert big.id == "big" and len(big.text) == nbytes - nbytes // len(line)  # CRLF → LF
    assert "\r" not in big.text[:1000] and skipped == []
    # bytes (1×) + text (1×) + the LF copy (1×, after the bytes are dropped): well under 3×.
    assert peak < 2.2 * nbytes, f"peak {peak / nbytes:.2f}× the file"


# --- documents.csv -------------------------------------------------------------------------


@pytest.mark.parametrize("raw,line,message", [
    (b"document,published\nok,2014\nbad,2013\xe9\n", 3, "not UTF-8 (byte 0xe9)"),
    (b"document,published\nok,2014\nx," + b"9" * 200_000 + b"\n", 3, "malformed CSV: field larger than field limit"),
    (b"name,date\nok,2014\n", 1, "missing column(s) document, published"),
], ids=["encoding", "huge-field", "columns"])
def test_bad_metadata_names_file_and_line(tmp_path, raw, line, message):
    path = tmp_path / "documents.csv"
    path.write_bytes(raw)
    with pytest.raises(InputError) as e:
        documents.read_metadata(path)
    assert (e.value.path, e.value.line) == (str(path), line)
    assert message in e.value.message


def test_reading_a_dump_with_long_articles_keeps_csv_field_limit_for_metadata(tmp_path):
    """Regression: the dump reader raised csv's process-wide field limit for good, so a
    documents.csv read after a dump no longer reported its oversized field."""
    folder = tmp_path / "docs"
    folder.mkdir()
    article = "Gunmen attacked a market in the town. " * 5_000  # 190 kB: over csv's 128 KiB default
    (folder / "dump.csv").write_text(f"id,text\na1,{article}\n", encoding="utf-8")
    docs, skipped = documents.read_documents(folder)
    assert [d.id for d in docs] == ["dump/a1"] and len(docs[0].text) > 128 * 1024 and skipped == []
    meta = tmp_path / "documents.csv"
    meta.write_bytes(b"document,published\nx," + b"9" * 200_000 + b"\n")
    with pytest.raises(InputError, match="field larger than field limit"):
        documents.read_metadata(meta)


def test_metadata_row_without_document_names_its_line(tmp_path):
    meta = tmp_path / "documents.csv"
    meta.write_text("document,published\nok,2014\nghost,2015\n")
    _, skipped = documents.read_documents(_folder(tmp_path, {"ok.txt": OK_TEXT}), meta)
    assert [(s.what, s.where) for s in skipped] == [("metadata", f"{meta}:3")]


# --- the command: exit codes, one-line errors, no traceback ----------------------------------------


def _bad_inputs(tmp_path):
    """(name, args, expected message regex) for bad inputs the CLI must refuse with exit 2."""
    good = _folder(tmp_path, {"a.txt": OK_TEXT}, name="good")
    empty = tmp_path / "empty"
    empty.mkdir()
    only_bad = _folder(tmp_path, {"x.txt": b"\x00\x00binary"}, name="onlybad")
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")

    def data(name, files):
        d = tmp_path / name
        d.mkdir()
        for fname, content in files.items():
            (d / fname).write_bytes(content)
        return d

    enc = data("enc", {"documents.csv": b"document,published,title\na,2014,Caf\xe9\n"})
    date = data("date", {"documents.csv": b"document,published\na,2014-02-30\n"})
    dup = data("dup", {"documents.csv": b"document,published\na,2014\na,2015\n"})
    cols = data("cols", {"documents.csv": b"doc,published\na,2014\n"})
    out_is_file = tmp_path / "out-file"
    out_is_file.write_text("not a folder")
    return [
        ("missing folder", ["build", "--documents", tmp_path / "nope"], rf"{tmp_path}/nope: documents folder not found"),
        ("empty folder", ["build", "--documents", empty], rf"{empty}: no readable documents in folder"),
        ("only binary", ["build", "--documents", only_bad], rf"{only_bad}: no readable .*binary file"),
        ("file as folder", ["build", "--documents", a_file], rf"{a_file}: not a folder"),
        ("metadata encoding", ["build", "--documents", good, "--data", enc], rf"{enc}/documents.csv:2: not UTF-8"),
        ("metadata date", ["build", "--documents", good, "--data", date], rf"{date}/documents.csv:2: .*2014-02-30"),
        ("metadata duplicate", ["build", "--documents", good, "--data", dup], rf"{dup}/documents.csv:3: duplicate"),
        ("metadata columns", ["build", "--documents", good, "--data", cols], rf"{cols}/documents.csv:1: missing"),
        ("out is a file", ["build", "--documents", good, "--data", DATA, "--out", out_is_file], rf"{out_is_file}"),
        ("export out is a file", ["export", "--documents", good, "--data", DATA, "--format", "csv",
                                  "--out", out_is_file], rf"{out_is_file}"),
        ("bad option value", ["build", "--min-confidence", "lots"], r"--min-confidence: 'lots' is not a number"),
        ("bad format", ["export", "--format", "xlsx"], r"invalid choice: 'xlsx'"),
    ]


def test_every_bad_input_exits_2_with_one_line_and_no_traceback(tmp_path):
    cases = _bad_inputs(tmp_path)
    for name, args, pattern in cases:
        proc = run_geo(*args, "-q", cwd=tmp_path, check=False)
        assert proc.returncode == 2, (name, proc.returncode, proc.stderr)
        assert "Traceback" not in proc.stderr, name
        last = proc.stderr.strip().splitlines()[-1]
        assert last.startswith("error: ") or "error: argument" in last, (name, last)
        assert re.search(pattern, proc.stderr), (name, proc.stderr)
    assert len(cases) == 12


def test_debug_shows_the_traceback(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    proc = run_geo("build", "--documents", empty, "--debug", "-q", check=False)
    assert proc.returncode == 2
    assert "Traceback (most recent call last)" in proc.stderr and "InputError" in proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith(f"error: {empty}: no readable")


def test_internal_error_is_one_line_exit_70_and_traceback_with_debug(tmp_path, monkeypatch, capsys):
    docs = _folder(tmp_path, {"a.txt": OK_TEXT})

    def boom(*a, **k):
        raise ZeroDivisionError("simulated bug")

    from geo import pipeline

    monkeypatch.setattr(pipeline, "run", boom)
    assert cli.main(["build", "--documents", str(docs), "--out", str(tmp_path / "o"), "-q"]) == 70
    err = capsys.readouterr().err
    assert err == "internal error: ZeroDivisionError: simulated bug (rerun with --debug for the traceback)\n"
    assert cli.main(["build", "--documents", str(docs), "--out", str(tmp_path / "o"), "-q", "--debug"]) == 70
    assert "Traceback (most recent call last)" in capsys.readouterr().err


# --- --strict and --report --------------------------------------------------------------------------


@pytest.fixture
def mixed_docs(tmp_path):
    return _folder(tmp_path, {"a.txt": OK_TEXT, "b.odt": "# notes", "c.txt": b"", "d.txt": "Caf\xe9 in Tehran.\n".encode("latin-1")})


def test_report_lists_every_skip_and_warning(tmp_path, mixed_docs):
    report = tmp_path / "r" / "report.json"
    run_geo("build", "--documents", mixed_docs, "--data", tmp_path, "--out", tmp_path / "out", "-q",
            "--report", report)
    data = json.loads(report.read_text())
    assert data["exit_code"] == 0 and data["error"] is None and data["command"] == "build"
    assert data["counts"] == {"documents": 2, "mentions": 3, "places": 2, "incidents": 0, "relocations": 0,
                              "skipped": 2, "warnings": 2}
    assert data["skipped"] == [{"what": "document", "where": str(mixed_docs / "b.odt"),
                                "reason": NOT_READ},
                               {"what": "document", "where": str(mixed_docs / "c.txt"), "reason": "empty file"}]
    no_curated = "no curated data in this folder (none of documents.csv, gazetteer.csv, incidents.csv, relocations.csv)"
    assert data["warnings"] == [{"where": str(tmp_path), "reason": no_curated},  # --data holds no curated file
                                {"where": str(mixed_docs / "d.txt"),
                                 "reason": "not UTF-8; decoded as cp1252 (Windows Western European)"}]
    assert sorted(os.path.relpath(p, tmp_path / "out") for p in data["written"]) == sorted(
        ["index.html", "places.geojson", "incidents.geojson", "relocations.geojson", "mentions.csv", "timeline.png",
         "texts/a.txt", "texts/d.txt"])


def test_strict_fails_with_exit_3_and_writes_nothing(tmp_path, mixed_docs):
    out = tmp_path / "out"
    report = tmp_path / "report.json"
    proc = run_geo("build", "--documents", mixed_docs, "--data", tmp_path, "--out", out, "--strict",
                   "--report", report, check=False)
    assert proc.returncode == 3
    assert "skipped: 2" in proc.stdout and "document" in proc.stdout and "not a document type" in proc.stdout
    assert "error: --strict: 2 item(s) skipped" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()
    data = json.loads(report.read_text())
    assert data["exit_code"] == 3 and data["written"] == [] and len(data["skipped"]) == 2


def test_strict_passes_when_only_warnings(tmp_path):
    docs = _folder(tmp_path, {"d.txt": "Caf\xe9 in Tehran.\n".encode("latin-1")})
    proc = run_geo("export", "--documents", docs, "--data", tmp_path, "--format", "csv", "--out", tmp_path / "o",
                   "--strict", check=False)
    assert proc.returncode == 0, proc.stderr
    assert "warnings: 2" in proc.stdout and "skipped: nothing" in proc.stdout  # the encoding; no curated data


def test_report_is_written_on_input_error(tmp_path):
    report = tmp_path / "report.json"
    proc = run_geo("build", "--documents", tmp_path / "nope", "--report", report, "-q", check=False)
    assert proc.returncode == 2
    assert json.loads(report.read_text()) == {"command": "build", "exit_code": 2,
                                              "error": f"{tmp_path}/nope: documents folder not found",
                                              "written": []}


# --- faults while writing ----------------------------------------------------------------------------


def test_failure_after_the_first_rename_rolls_back(tmp_path, monkeypatch):
    files.write_atomic({"a.txt": "old a", "b.txt": "old b"}, tmp_path)
    real = files.os.replace
    calls = []

    def fail_second(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(28, "No space left on device (simulated)")
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", fail_second)
    with pytest.raises(OSError, match="simulated"):
        files.write_atomic({"a.txt": "new a", "b.txt": "new b", "c.txt": "new c"}, tmp_path)
    monkeypatch.undo()
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == {"a.txt": "old a", "b.txt": "old b"}


def test_sigkill_mid_write_leaves_whole_files_and_stale_staging_is_cleaned(tmp_path):
    """A writer killed between two renames: each file is the old or the new one, never partial."""
    old = {f"f{i}.json": json.dumps({"v": "old", "pad": "x" * 100_000 * i}) for i in range(4)}
    new = {n: json.dumps({"v": "new", "pad": "y" * 100_000 * (i + 1)}) for i, n in enumerate(old)}
    files.write_atomic(old, tmp_path)
    script = textwrap.dedent(f"""
        import json, os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from geo import files
        real = files.os.replace
        n = 0
        def replace(src, dst):
            global n
            n += 1
            if n == 3:
                os.kill(os.getpid(), signal.SIGKILL)
            real(src, dst)
        files.os.replace = replace
        files.write_atomic(json.loads(sys.stdin.read()), {str(tmp_path)!r})
    """)
    proc = subprocess.run([sys.executable, "-c", script], input=json.dumps(new), text=True, capture_output=True)
    assert proc.returncode == -9
    versions = [json.loads((tmp_path / n).read_text())["v"] for n in sorted(old)]
    assert versions == ["new", "new", "old", "old"]
    stale = [p for p in tmp_path.iterdir() if p.name.startswith(files.STAGING_PREFIX)]
    assert len(stale) == 1  # the killed writer's staging folder
    files.write_atomic(new, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(old)
    assert all(json.loads((tmp_path / n).read_text())["v"] == "new" for n in old)


def test_build_killed_while_writing_keeps_previous_outputs(tmp_path):
    """SIGKILL of a real ``geo build`` while it writes: the previous outputs stay parseable."""
    docs = _folder(tmp_path, {"a.txt": OK_TEXT})
    out = tmp_path / "out"
    run_geo("build", "--documents", docs, "--data", DATA, "--out", out, "-q")
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    (docs / "b.txt").write_text("Later a convoy reached Paris.\n")
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT)!r})
        from geo import cli, files
        real = files.os.fsync
        def fsync(fd):
            os.kill(os.getpid(), signal.SIGKILL)  # killed after the first file's bytes, before any rename
        files.os.fsync = fsync
        cli.main(["build", "--documents", {str(docs)!r}, "--data", {str(DATA)!r}, "--out", {str(out)!r}, "-q"])
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == -9
    assert {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".") and p.is_file()} == before


# --- the geocoder backend failing, seen from the command line (the backend's own tests: test_geocoder.py) ------


class _Garbage(__import__("http.server").server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        body = b'{"not": "a list", ' if "q=" in self.path else b"[]"
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.mark.parametrize("backend", ["malformed JSON"])  # unreachable: test_geocoder.py (slow: real backoff)
def test_geocoder_backend_failing_falls_back_offline_without_traceback(tmp_path, backend):
    import socket
    import threading
    from http.server import ThreadingHTTPServer

    docs = _folder(tmp_path, {"a.txt": "Gunmen raided the village of Qaryat Zelbuni near Baghdad, Iraq.\n"})
    srv = None
    if backend == "malformed JSON":
        srv = ThreadingHTTPServer(("127.0.0.1", 0), _Garbage)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        port = srv.server_address[1]
    else:
        with socket.socket() as s:  # a port nobody listens on
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    try:
        proc = run_geo("build", "--documents", docs, "--data", DATA, "--out", tmp_path / "out", "--geocoder",
                       "nominatim", "--report", tmp_path / "r.json", check=False,
                       env={"GEO_NOMINATIM_URL": f"http://127.0.0.1:{port}", "GEO_CACHE_DIR": str(tmp_path / "c")})
    finally:
        if srv is not None:
            srv.shutdown()
            srv.server_close()
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr  # no timing assertion: the back-off is bounded by construction
    places = json.loads((tmp_path / "out" / "places.geojson").read_text())["features"]
    assert "Baghdad" in {f["properties"]["name"] for f in places}  # the offline gazetteer still answers
    report = json.loads((tmp_path / "r.json").read_text())
    said = json.dumps(report["skipped"] + report["warnings"]) + proc.stdout + proc.stderr
    # The name the backend could not place is reported with the reason, not dropped.
    # A malformed answer is an invalid one (never cached), an unreachable server a failure.
    assert re.search(r"'Qaryat Zelbuni': Nominatim (failed|gave an invalid answer)", said), said


# --- curated data files, seen from the command line (their own rules: test_incidents.py, test_gazetteer.py) ---

INC = "incident_id,type,date,date_precision,place,killed,injured,summary,document,quote,citation\n"
REL = "relocation_id,date,date_end,date_precision,from_place,to_place,people,summary,document,quote,citation\n"
GAZ = "name,aliases,kind,lat,lon,precision_km,country_code,source\n"
GOOD_INC = "i1,attack,2013-02-09,day,Baghdad,3,,shelling,,,a report we cite\n"

DATA_FILE_CASES = [
    # (name, file, content, line, message)
    ("malformed row", "incidents.csv", INC + GOOD_INC + "i2,attack,2013\n", 3, "columns"),
    ("unknown place", "incidents.csv", INC + "i1,attack,2013,year,Neverland Heights,3,,x,,,cited\n", 2,
     "'Neverland Heights' is not a place"),
    ("impossible date", "incidents.csv", INC + "i1,attack,2013-02-30,day,Baghdad,3,,x,,,cited\n", 2, "2013-02-30"),
    ("negative count", "incidents.csv", INC + "i1,attack,2013,year,Baghdad,-3,,x,,,cited\n", 2, "killed"),
    ("non-numeric count", "incidents.csv", INC + "i1,attack,2013,year,Baghdad,,many,x,,,cited\n", 2, "injured"),
    ("duplicate id", "incidents.csv", INC + GOOD_INC + GOOD_INC, 3, "duplicate"),
    ("missing column", "incidents.csv", INC.replace(",injured", "") + "i1,attack,2013,year,Baghdad,3,x,,,c\n", 1,
     "missing column(s) injured"),
    ("not UTF-8", "incidents.csv", (INC + "i1,attack,2013,year,Baghdad,3,,Caf\xe9,,,c\n").encode("latin-1"), 2,
     "not UTF-8"),
    ("huge field", "incidents.csv", INC + "i1,attack,2013,year,Baghdad,3,," + "9" * 200_000 + ",,,c\n", 2,
     "field larger than field limit"),
    ("relocation to itself", "relocations.csv", REL + "r1,2014,,year,Baghdad,Baghdad,5,x,,,c\n", 2, "same place"),
    ("relocation unknown place", "relocations.csv", REL + "r1,2014,,year,Baghdad,Atlantis Prime,5,x,,,c\n", 2,
     "'Atlantis Prime' is not a place"),
    ("latitude out of range", "gazetteer.csv", GAZ + "Nowhere Camp,,site,95.5,10,1,IQ,invented\n", 2, "range"),
    ("gazetteer not UTF-8", "gazetteer.csv", (GAZ + "Camp Caf\xe9,,site,33,44,1,IQ,invented\n").encode("latin-1"),
     2, "not UTF-8"),
]


@pytest.mark.parametrize("name,fname,content,line,message", DATA_FILE_CASES, ids=[c[0] for c in DATA_FILE_CASES])
def test_bad_data_file_exits_2_naming_file_and_line(tmp_path, name, fname, content, line, message):
    docs = _folder(tmp_path, {"a.txt": OK_TEXT})
    data = tmp_path / "data"
    data.mkdir()
    path = data / fname
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    proc = run_geo("build", "--documents", docs, "--data", data, "--out", tmp_path / "out", "-q", check=False)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith(f"error: {path}:{line}: "), last
    assert message in last
    assert not (tmp_path / "out").exists()  # nothing written


def test_csv_faults_are_input_errors_with_lines(tmp_path):
    from geo import csvfile

    path = tmp_path / "x.csv"
    path.write_bytes(b"a,b\n1,2\n3,\xff\n")
    with pytest.raises(InputError) as e:
        csvfile.open_csv(path)
    assert (e.value.line, e.value.message) == (3, "not UTF-8 (byte 0xff); save the file as UTF-8")
    path.write_bytes("\ufeffa,b\n1,2\n".encode("utf-8"))
    reader = csv.DictReader(csvfile.open_csv(path))
    assert csvfile.header(path, reader) == ["a", "b"] and list(csvfile.rows(path, reader)) == [{"a": "1", "b": "2"}]
    with pytest.raises(InputError, match="cannot read"):
        csvfile.open_csv(tmp_path / "missing.csv")
