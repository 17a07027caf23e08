"""Command line: ``python -m geo build|export|review|places|incidents``.

The CLI mirrors the library: each command calls :mod:`geo.pipeline` and the
writers, and ``--help`` on each command is its documentation.

Documentation: docs/cli.md.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from pathlib import Path

from . import settings
from .errors import EXIT_INPUT_ERROR, EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_STRICT, GeoError

FORMATS = ("geojson", "csv", "gpkg", "kml")  # geo.export.FORMATS; kept here so --help imports no GIS stack
LAYERS = ("places", "incidents", "relocations")


def _fraction(text: str) -> float:
    """argparse type: a number from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


def _column(text: str) -> tuple[str, str]:
    """argparse type: ``FIELD=NAME`` for an article dump's column."""
    field, sep, name = text.partition("=")
    if not sep or not name.strip() or field not in settings.DUMP_COLUMNS:
        raise argparse.ArgumentTypeError(f"{text!r}: expected FIELD=NAME with FIELD one of "
                                         f"{', '.join(settings.DUMP_COLUMNS)}")
    return field, name.strip()


def _add_inputs(p: argparse.ArgumentParser) -> None:
    # None when not given: a folder typed on the command line must exist, a missing default is only said.
    p.add_argument("--documents", type=Path, default=None, metavar="DIR",
                   help="folder of documents, read recursively: .txt, .md, .html/.htm (main text), .pdf, and "
                        f".jsonl/.csv article dumps (one article a row) (default: {settings.DEFAULT_DOCUMENTS})")
    p.add_argument("--column", type=_column, action="append", default=[], metavar="FIELD=NAME",
                   help="column of an article dump holding FIELD (id, url, title, date, text), when not one of "
                        "the usual names; repeat for several fields")
    p.add_argument("--data", type=Path, default=None, metavar="DIR",
                   help="folder of curated data: documents.csv, gazetteer.csv, incidents.csv, "
                        f"relocations.csv (default: {settings.DEFAULT_DATA}; an error if given and missing)")
    p.add_argument("--min-confidence", type=_fraction, default=settings.DEFAULT_MIN_CONFIDENCE, metavar="X",
                   help="leave out extracted incidents below this confidence, 0..1 (default: %(default)s)")
    p.add_argument("--geocoder", choices=["offline", "nominatim"], default=settings.DEFAULT_GEOCODER,
                   help="offline: gazetteer only; nominatim: also ask OpenStreetMap's Nominatim (geopy, "
                        "rate-limited, cached on disk) for names the gazetteer lacks (default: %(default)s)")
    p.add_argument("--cache-dir", type=Path, default=None, metavar="DIR",
                   help="where the built gazetteer index and the geocoder's answers are cached "
                        f"(default: $GEO_CACHE_DIR or {settings.CACHE_DIR})")
    p.add_argument("--strict", action="store_true",
                   help="fail (exit 3) if anything was skipped (documents, rows, mentions, incidents); "
                        "warnings such as a legacy encoding do not fail")
    p.add_argument("--report", type=Path, default=None, metavar="FILE",
                   help="also write a JSON report: counts, every skipped item with its reason, warnings, files "
                        "written, exit code and error (written even when the command fails)")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    loud = p.add_mutually_exclusive_group()
    loud.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    loud.add_argument("-v", "--verbose", action="store_true",
                      help="list every skipped item and warning with its reason (by default a long list is "
                           "summed up as its most frequent reasons, each with an example)")
    _add_scale(p)


def _jobs(text: str) -> int:
    """argparse type: a number of workers, at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is less than 1")
    return value


def _add_scale(p: argparse.ArgumentParser) -> None:
    """--jobs, --no-cache, --engine, --scheduler (docs/scale.md)."""
    p.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                   help="worker processes for reading documents (default: the number of cores; 1: all in this "
                        "process). Output is the same whatever N is")
    p.add_argument("--no-cache", action="store_true",
                   help="recompute every document instead of reusing the per-document results cached from "
                        "earlier builds (in the cache folder) — and store none")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local: a process pool on this machine; dask: a dask.distributed cluster — a LocalCluster "
                        "of --jobs workers, or the one at --scheduler (default: %(default)s)")
    p.add_argument("--scheduler", metavar="ADDRESS", default=None,
                   help="address of a Dask scheduler (e.g. tcp://10.0.0.5:8786): run the per-document stage on "
                        "that cluster (implies --engine dask; workers need geo installed)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geo",
        description="Map what happened where and when: documents in, places, incidents, relocations and a "
                    "Leaflet map out.",
        epilog="Exit codes: 0 ok, 2 bad input (the message names the file and line), 3 --strict and something "
               "was skipped, 70 internal error (rerun with --debug), 130 interrupted.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="run the pipeline and write the map and GeoJSON layers",
                       description="Read DOCUMENTS, find and geocode places, extract incidents and relocations, "
                                   "join curated data, and write index.html, places.geojson, incidents.geojson, "
                                   "relocations.geojson, mentions.csv and timeline.png into OUT (atomically).")
    _add_inputs(p)
    p.add_argument("--out", type=Path, default=settings.DEFAULT_OUT, metavar="DIR",
                   help="output folder (default: %(default)s)")
    p.add_argument("--title", metavar="TEXT", default=None,
                   help="the map's title (default: 'Incidents and relocations')")
    p.add_argument("--self-contained", action="store_true",
                   help="inline Leaflet and its heat plugin (from installed packages) into index.html instead of "
                        "linking a CDN, so the map's data layers render with no network (tiles still need it)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("screenshot", help="render a PNG of a built map with headless Chromium",
                       description="Open MAP (a built index.html) in headless Chromium (Playwright; the system's "
                                   "chromium, or $GEO_CHROMIUM) and save a PNG of it. Only local files load unless "
                                   "--network is given, so build the map with --self-contained.")
    p.add_argument("map", type=Path, nargs="?", default=settings.DEFAULT_OUT / "index.html", metavar="MAP",
                   help="the map page (default: %(default)s)")
    p.add_argument("--out", type=Path, default=Path("docs") / "map.png", metavar="PNG",
                   help="where to write the PNG (default: %(default)s)")
    p.add_argument("--width", type=int, default=1200, help="viewport width in px (default: %(default)s)")
    p.add_argument("--height", type=int, default=800, help="viewport height in px (default: %(default)s)")
    p.add_argument("--network", action="store_true", help="let map tiles load from the network")
    p.add_argument("--popup", metavar="INCIDENT_ID", help="open this incident's popup in the picture")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    p.set_defaults(func=cmd_screenshot)

    p = sub.add_parser("export", help="export the layers as GeoJSON, CSV, GeoPackage or KML",
                       description="Run the pipeline and export its layers. geojson: RFC 7946, one file per layer; "
                                   "csv: one file per layer, incidents in ACLED-style columns, relocations with "
                                   "origin/destination columns; gpkg: one GeoPackage, one layer per table; "
                                   "kml: one file per layer, placemarks with names and descriptions. Nested "
                                   "values (sources) are JSON strings in csv, gpkg and kml.")
    _add_inputs(p)
    p.add_argument("--format", choices=list(FORMATS), default="geojson", help="output format (default: %(default)s)")
    p.add_argument("--layer", choices=[*LAYERS, "all"], default="all",
                   help="which layer (default: %(default)s)")
    p.add_argument("--out", type=Path, default=None, metavar="PATH",
                   help="output folder (default: exports/), or a file name (with a suffix) when the export is one "
                        "file: one --layer, --format gpkg, or --format geojson --layer all (one FeatureCollection, "
                        "each feature's 'layer' property naming its layer); csv and kml with --layer all need a "
                        "folder")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("review", help="write extracted records to a CSV to review, or apply a reviewed one",
                       description="Without --apply: run the pipeline and write every extracted incident and "
                                   "relocation to OUT, one row each, with an empty decision column (accept, edit "
                                   "with corrected fields in the same row, reject, or empty to decide later). With "
                                   "--apply FILE: check every row of FILE against a fresh build (same --documents, "
                                   "--data and --min-confidence), then add accepted and edited records to "
                                   "DATA/incidents.csv and DATA/relocations.csv and rejected ones to "
                                   "DATA/rejected.csv, all or nothing. See docs/review.md.")
    _add_inputs(p)
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--out", type=Path, default=Path("review.csv"), metavar="FILE",
                      help="the review file to write (default: %(default)s)")
    mode.add_argument("--apply", type=Path, default=None, metavar="FILE",
                      help="apply the decisions of this review file to DATA")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("places", help="print the places found, as a table",
                       description="Run the pipeline and print the places: name, kind, country, lat, lon, "
                                   "mentions, source.")
    _add_inputs(p)
    p.set_defaults(func=cmd_places)

    p = sub.add_parser("incidents", help="print incidents and relocations, as a table",
                       description="Run the pipeline and print incidents (date, type, place, killed, injured, "
                                   "sources) and relocations (date, from, to, people, sources).")
    _add_inputs(p)
    p.set_defaults(func=cmd_incidents)
    return parser


def _progress(args):
    if args.quiet:
        return None
    return lambda msg: print(f"… {msg}", file=sys.stderr)


def _split(build) -> tuple[list, list]:
    """(skipped, warnings): see :func:`geo.summary.split_skips`."""
    from .summary import split_skips

    return split_skips(build)


#: The order date sources are listed in: most trusted first (docs/documents.md).
DATE_SOURCES = ("metadata", "file", "dateline", "text", "none")


def date_sources_line(documents) -> str:
    """One summary line: how many documents got their date from each source ("dates: 3 metadata, 1 none")."""
    counts = {s: 0 for s in DATE_SOURCES}
    for d in documents:
        counts[d.date_source] = counts.get(d.date_source, 0) + 1
    return "dates: " + ", ".join(f"{n} {s}" for s, n in counts.items() if n)


def _summary(build, verbose: bool = False) -> str:
    """Counts, dates and skips for the terminal (geo/summary.py): grouped by reason unless ``verbose``."""
    from .summary import summary_lines

    return "\n".join(summary_lines(build, verbose, extra=[date_sources_line(build.documents)]))


def document_report(doc) -> dict:
    """A document in ``--report``: id, file, title, URL, and its date with source, precision and note."""
    from .documents import date_precision

    return {"id": doc.id, "path": str(doc.path) if doc.path is not None else None, "title": doc.title,
            "url": doc.url, "published": doc.published, "date_source": doc.date_source,
            "date_precision": date_precision(doc.published), "date_note": doc.date_note}


def report_data(command: str, build=None, written=(), exit_code: int = EXIT_OK, error: str | None = None) -> dict:
    """The ``--report`` JSON: counts, every skip and warning with its reason, files written, outcome.

    Deterministic: no timestamps, items in pipeline order (documents by name).
    """
    data: dict = {"command": command, "exit_code": exit_code, "error": error}
    if build is not None:
        from .summary import group_skips

        skipped, warnings = _split(build)
        data["counts"] = {"documents": len(build.documents), "mentions": len(build.mentions),
                          "places": len(build.places), "incidents": len(build.incidents),
                          "relocations": len(build.relocations), "skipped": len(skipped),
                          "warnings": len(warnings)}
        data["skipped"] = [{"what": x.what, "where": x.where, "reason": x.reason} for x in skipped]
        data["skipped_by_reason"] = group_skips(skipped)
        data["warnings"] = [{"where": x.where, "reason": x.reason} for x in warnings]
        data["documents"] = [document_report(d) for d in build.documents]
    data["written"] = [str(p) for p in written]
    return data


#: Files a curated data folder may hold (each optional).
CURATED_FILES = ("documents.csv", "gazetteer.csv", "incidents.csv", "relocations.csv")


def _input_folders(args) -> tuple[Path, Path | None, list]:
    """(documents folder, data folder or None, warnings): every folder given must exist.

    A folder typed on the command line that does not exist is an error (a
    typo must not silently drop the curated data); the default data folder,
    when missing, is used as "no curated data" and said in the summary.
    """
    from .errors import InputError
    from .models import Skip

    documents = args.documents if args.documents is not None else settings.DEFAULT_DOCUMENTS
    notes = []
    if args.data is None:
        data = settings.DEFAULT_DATA
        if not data.is_dir():
            notes.append(Skip("warning", str(data), "default data folder not found: no curated data used "
                                                    "(give --data DIR)"))
            data = None
    else:
        data = args.data
        if not data.exists():
            raise InputError(data, "data folder not found (--data)")
        if not data.is_dir():
            raise InputError(data, "not a folder; --data takes a folder of curated CSV files")
    if data is not None and not any((data / name).is_file() for name in CURATED_FILES):
        notes.append(Skip("warning", str(data), f"no curated data in this folder (none of {', '.join(CURATED_FILES)})"))
    return documents, data, notes


def _run(args):
    from . import pipeline

    from .engine import default_jobs

    documents, data, notes = _input_folders(args)
    build = pipeline.run(documents, data, min_confidence=args.min_confidence, geocoder=args.geocoder,
                         cache_dir=args.cache_dir, progress=_progress(args), columns=dict(args.column) or None,
                         jobs=args.jobs or default_jobs(), use_cache=not args.no_cache, engine=args.engine,
                         scheduler=args.scheduler, progress_bar=not args.quiet)
    build.skipped[:0] = notes
    return build


def _strict_fails(args, build) -> bool:
    return bool(args.strict and _split(build)[0])


def _finish(args, build, written=()) -> int:
    args._state.update(build=build, written=list(written))
    if not args.quiet:
        print(_summary(build, args.verbose))
    skipped, _ = _split(build)
    if args.strict and skipped:
        print(f"error: --strict: {len(skipped)} item(s) skipped (see above; -v lists each); nothing written", file=sys.stderr)
        return EXIT_STRICT
    return EXIT_OK


def _prune_texts(out: Path, written) -> None:
    """Remove texts an earlier build kept for documents this build no longer has."""
    folder = out / settings.TEXTS_FOLDER
    if not folder.is_dir():
        return
    keep = {os.path.normpath(p) for p in written}  # strings, not Paths: a corpus has thousands of texts
    subfolders = []
    for top, dirs, names in os.walk(folder):
        subfolders += [os.path.join(top, d) for d in dirs]
        for name in sorted(names):
            path = os.path.join(top, name)
            if name.endswith(".txt") and os.path.normpath(path) not in keep:
                os.unlink(path)
    for sub in sorted(subfolders, reverse=True):  # deepest first
        if not os.listdir(sub):
            os.rmdir(sub)


def cmd_build(args) -> int:
    from .files import output_lock

    with output_lock(args.out):  # one build at a time per output folder
        return _build(args)


def _build(args) -> int:
    from . import pipeline
    from .engine import default_jobs
    from .files import write_atomic

    build = _run(args)
    args._state["build"] = build
    if _strict_fails(args, build):
        return _finish(args, build)  # --strict: leave the previous outputs as they were
    files = pipeline.render(build, self_contained=args.self_contained, title=args.title,
                            cache_dir=None if args.no_cache else (args.cache_dir or settings.CACHE_DIR),
                            jobs=args.jobs or default_jobs())
    written = write_atomic(files, args.out)
    _prune_texts(args.out, written)
    if not args.quiet:
        texts = [p for p in written if p.parent != args.out]
        shown = [p for p in written if p.parent == args.out]
        print("wrote " + ", ".join(str(p) for p in shown)
              + (f" and {len(texts)} text(s) in {args.out / settings.TEXTS_FOLDER}" if texts else ""))
    return _finish(args, build, written)


def cmd_screenshot(args) -> int:
    from .files import write_atomic
    from .screenshot import screenshot

    png = screenshot(args.map, width=args.width, height=args.height, allow_network=args.network, popup=args.popup)
    written = write_atomic({args.out.name: png}, args.out.parent)
    if not args.quiet:
        print("wrote " + ", ".join(str(p) for p in written))
    return EXIT_OK


def export_target(fmt: str, layer: str, out: Path | None) -> str:
    """How ``geo export`` writes: ``"folder"`` (files into a folder), ``"file"`` (one file at
    ``out``) or ``"layers"`` (GeoJSON, every layer in one FeatureCollection at ``out``).

    ``out`` is a file when it has a suffix and is not an existing folder. A file is fine when the
    export is one file (one layer, or a GeoPackage) or GeoJSON (then one collection with a
    ``layer`` property); CSV and KML write one file per layer, so a file name with ``--layer all``
    is an error rather than a folder called ``out.csv``.

    Raises
    ------
    GeoError
        For CSV or KML, ``--layer all`` and a file name.
    """
    if out is None or not out.suffix or out.is_dir():
        return "folder"
    if layer != "all" or fmt == "gpkg":
        return "file"
    if fmt == "geojson":
        return "layers"
    raise GeoError(f"{out}: --format {fmt} writes one file per layer ({', '.join(f'{n}.{fmt}' for n in LAYERS)}); "
                   f"pass a folder as --out, or a single --layer")


def cmd_export(args) -> int:
    from .files import output_lock

    out = args.out
    folder = out.parent if out is not None and out.suffix else (out or Path("exports"))
    with output_lock(folder):  # one export at a time per output folder
        return _export(args)


def _export(args) -> int:
    from .export import export_files
    from .files import write_atomic

    target = export_target(args.format, args.layer, args.out)  # before the pipeline runs: fail fast
    build = _run(args)
    args._state["build"] = build
    if _strict_fails(args, build):
        return _finish(args, build)
    files = export_files(build, args.format, args.layer, one_file=target == "layers")
    out = args.out
    if target in ("file", "layers"):
        # One file and a file name: write exactly there.
        written = write_atomic({out.name: next(iter(files.values()))}, out.parent)
    else:
        written = write_atomic(files, out or Path("exports"))
    if not args.quiet:
        print("wrote " + ", ".join(str(p) for p in written))
    return _finish(args, build, written)


def cmd_review(args) -> int:
    from . import review
    from .files import output_lock, write_atomic

    if args.apply is None:
        build = _run(args)
        args._state["build"] = build
        if _strict_fails(args, build):
            return _finish(args, build)
        rows = review.review_rows(build)
        written = write_atomic({args.out.name: review.review_csv_text(build)}, args.out.parent)
        if not args.quiet:
            n_inc = sum(1 for r in rows if r.get("incident_id"))
            print(f"wrote {written[0]}")
            print(f"to review: {n_inc} incident(s), {len(rows) - n_inc} relocation(s)")
        return _finish(args, build, written)
    data = args.data if args.data is not None else settings.DEFAULT_DATA  # given: checked to exist by _run
    # One apply at a time on DATA: its files are read, checked and rewritten under the lock.
    with output_lock(data):
        return _apply_review(args, data)


def _apply_review(args, data: Path) -> int:
    from . import review
    from .files import write_atomic
    from .gazetteer import load_gazetteer

    build = _run(args)
    args._state["build"] = build
    if _strict_fails(args, build):
        return _finish(args, build)
    # Check every row before writing anything: a refused file leaves DATA as it was.
    gaz = load_gazetteer(data, cache_dir=args.cache_dir)
    decisions, undecided = review.read_decisions(args.apply, build, gaz)
    files = review.plan_apply(decisions, data, gaz)
    written = write_atomic(files, data) if files else []
    if not args.quiet:
        counts = {k: sum(1 for d in decisions if d.decision == k) for k in review.DECISIONS}
        print(f"applied {args.apply}: accepted {counts['accept']}, edited {counts['edit']}, "
              f"rejected {counts['reject']}, left undecided {undecided}")
        if written:
            print("wrote " + ", ".join(str(p) for p in written))
    args._state["written"] = list(written)
    return EXIT_OK


def _table(frame, columns: list[str]) -> str:
    """A plain-text table of ``columns`` of a GeoDataFrame (lat/lon from its geometry)."""
    import pandas as pd

    df = pd.DataFrame({c: frame[c] for c in columns if c in frame})
    if "lat" in columns and len(frame):
        df["lat"] = frame.geometry.y.round(4)
        df["lon"] = frame.geometry.x.round(4)
    df = df[[c for c in columns if c in df]]
    return df.to_string(index=False) if len(df) else "(none)"


def cmd_places(args) -> int:
    from . import layers

    build = _run(args)
    frame = layers.places_frame(build).sort_values(["mentions", "name"], ascending=[False, True])
    print(_table(frame, ["name", "kind", "country_code", "lat", "lon", "mentions", "source"]))
    return _finish(args, build)


def cmd_incidents(args) -> int:
    from . import layers

    build = _run(args)
    inc = layers.incidents_frame(build).sort_values(["date", "incident_id"], na_position="last")
    inc = inc.assign(sources=[len(s) for s in inc["sources"]])
    print("Incidents")
    print(_table(inc, ["date", "type", "place_name", "killed", "injured", "origin", "sources"]))
    rel = layers.relocations_frame(build).sort_values(["date", "relocation_id"], na_position="last")
    rel = rel.assign(sources=[len(s) for s in rel["sources"]])
    print("\nRelocations")
    print(_table(rel, ["date", "date_end", "from_place_name", "to_place_name", "people", "origin", "sources"]))
    return _finish(args, build)


def _write_report(args, code: int, error: str | None) -> None:
    from .files import write_atomic

    state = args._state
    data = report_data(args.command, state.get("build"), state.get("written", ()), code, error)
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    write_atomic({args.report.name: text}, args.report.parent)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (see the README's table)."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal that cannot show a place's name must not turn a build into a crash.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(argv)
    args._state = {}  # what the command got to: build, files written (for --report)
    error = None
    try:
        code = args.func(args)
    except GeoError as e:
        if getattr(args, "debug", False):
            traceback.print_exc()
        error = f"{e}"
        code = EXIT_INPUT_ERROR
    except OSError as e:
        # Writing outputs: a folder where a file should be, no permission, disk full.
        if getattr(args, "debug", False):
            traceback.print_exc()
        where = e.filename if e.filename is not None else ""
        error = f"{where}: {e.strerror or e}" if where else f"{e.strerror or e}"
        code = EXIT_INPUT_ERROR
    except KeyboardInterrupt:
        error, code = "interrupted", EXIT_INTERRUPTED
    except Exception as e:  # a bug: one line for users, the traceback with --debug
        if getattr(args, "debug", False):
            traceback.print_exc()
        error = f"internal error: {type(e).__name__}: {e} (rerun with --debug for the traceback)"
        code = EXIT_INTERNAL
    if error is not None:
        print(error if error.startswith("internal error") else f"error: {error}", file=sys.stderr)
    if getattr(args, "report", None) is not None:
        try:
            _write_report(args, code, error)
        except OSError as e:
            print(f"error: {args.report}: cannot write the report: {e.strerror or e}", file=sys.stderr)
            code = code or EXIT_INPUT_ERROR
    return code
