"""Command line: ``python -m geo build|export|places|incidents``.

The CLI mirrors the library: each command calls :mod:`geo.pipeline` and the
writers, and ``--help`` on each command is its documentation.
"""
from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from . import settings
from .errors import EXIT_INPUT_ERROR, EXIT_INTERNAL, EXIT_OK, EXIT_STRICT, GeoError


def _add_inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("--documents", type=Path, default=settings.DEFAULT_DOCUMENTS, metavar="DIR",
                   help="folder of .txt documents (default: %(default)s)")
    p.add_argument("--data", type=Path, default=settings.DEFAULT_DATA, metavar="DIR",
                   help="folder of curated data: documents.csv, gazetteer.csv, incidents.csv, "
                        "relocations.csv (default: %(default)s)")
    p.add_argument("--min-confidence", type=float, default=settings.DEFAULT_MIN_CONFIDENCE, metavar="X",
                   help="leave out extracted incidents below this confidence, 0..1 (default: %(default)s)")
    p.add_argument("--geocoder", choices=["offline", "nominatim"], default=settings.DEFAULT_GEOCODER,
                   help="offline: gazetteer only; nominatim: also ask OpenStreetMap's Nominatim (geopy, "
                        "rate-limited, cached on disk) for names the gazetteer lacks (default: %(default)s)")
    p.add_argument("--strict", action="store_true", help="fail (exit 3) if anything was skipped")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geo",
        description="Map what happened where and when: documents in, places, incidents, relocations and a "
                    "Leaflet map out.",
        epilog="Exit codes: 0 ok, 2 bad input, 3 --strict and something was skipped, 70 internal error.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="run the pipeline and write the map and GeoJSON layers",
                       description="Read DOCUMENTS, find and geocode places, extract incidents and relocations, "
                                   "join curated data, and write index.html, places.geojson, incidents.geojson, "
                                   "relocations.geojson and mentions.csv into OUT (atomically).")
    _add_inputs(p)
    p.add_argument("--out", type=Path, default=settings.DEFAULT_OUT, metavar="DIR",
                   help="output folder (default: %(default)s)")
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
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    p.set_defaults(func=cmd_screenshot)

    p = sub.add_parser("export", help="export the layers to a file format",
                       description="Run the pipeline and export its layers.")
    _add_inputs(p)
    p.add_argument("--format", choices=["geojson"], default="geojson", help="output format (default: %(default)s)")
    p.add_argument("--layer", choices=["places", "incidents", "relocations", "all"], default="all",
                   help="which layer (default: %(default)s)")
    p.add_argument("--out", type=Path, default=None, metavar="PATH",
                   help="output file, or folder for --layer all (default: exports/)")
    p.set_defaults(func=cmd_export)

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


def _summary(build) -> str:
    lines = [f"documents read: {len(build.documents)}", f"place mentions: {len(build.mentions)}",
             f"places: {len(build.places)}", f"incidents: {len(build.incidents)}",
             f"relocations: {len(build.relocations)}"]
    if build.skipped:
        lines.append(f"skipped: {len(build.skipped)}")
        lines += [f"  - {s.what} {s.where}: {s.reason}" for s in build.skipped]
    else:
        lines.append("skipped: nothing")
    return "\n".join(lines)


def _run(args):
    from . import pipeline

    return pipeline.run(args.documents, args.data, min_confidence=args.min_confidence, geocoder=args.geocoder,
                        progress=_progress(args))


def _finish(args, build) -> int:
    if not args.quiet:
        print(_summary(build))
    if args.strict and build.skipped:
        print(f"error: --strict: {len(build.skipped)} item(s) skipped", file=sys.stderr)
        return EXIT_STRICT
    return EXIT_OK


def cmd_build(args) -> int:
    from . import pipeline
    from .export import write_atomic

    build = _run(args)
    written = write_atomic(pipeline.render(build, self_contained=args.self_contained), args.out)
    if not args.quiet:
        print("wrote " + ", ".join(str(p) for p in written))
    return _finish(args, build)


def cmd_screenshot(args) -> int:
    from .export import write_atomic
    from .screenshot import screenshot

    png = screenshot(args.map, width=args.width, height=args.height, allow_network=args.network)
    written = write_atomic({args.out.name: png}, args.out.parent)
    if not args.quiet:
        print("wrote " + ", ".join(str(p) for p in written))
    return EXIT_OK


def cmd_export(args) -> int:
    from . import layers
    from .export import geojson_text, write_atomic

    build = _run(args)
    frames = {"places": layers.places_frame, "incidents": layers.incidents_frame,
              "relocations": layers.relocations_frame}
    names = list(frames) if args.layer == "all" else [args.layer]
    files = {f"{n}.geojson": geojson_text(frames[n](build)) for n in names}
    if args.layer != "all" and args.out is not None and args.out.suffix:
        written = write_atomic({args.out.name: files[f"{args.layer}.geojson"]}, args.out.parent)
    else:
        written = write_atomic(files, args.out or Path("exports"))
    if not args.quiet:
        print("wrote " + ", ".join(str(p) for p in written))
    return _finish(args, build)


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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except GeoError as e:
        if args.debug:
            traceback.print_exc()
        print(f"error: {e}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # a bug: one line for users, the traceback with --debug
        if args.debug:
            raise
        print(f"internal error: {type(e).__name__}: {e} (rerun with --debug for the traceback)", file=sys.stderr)
        return EXIT_INTERNAL
