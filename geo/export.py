"""Stage 5 — outputs: writers at the edge of the pipeline.

Every writer renders to bytes first; ``write_atomic`` then puts all files of
one build in place by rename, so a build that fails midway leaves the previous
outputs whole.
"""
from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from .models import Mention
from .settings import COORDINATE_PRECISION

MENTION_COLUMNS = ["document", "start", "end", "text", "place_id", "confidence", "reason"]


def round_coordinates(gdf: gpd.GeoDataFrame, digits: int = COORDINATE_PRECISION) -> gpd.GeoDataFrame:
    """Round every coordinate to ``digits`` decimals (RFC 7946 §11.2 advises it)."""
    out = gdf.copy()
    out.geometry = shapely.transform(out.geometry.values, lambda xy: np.round(xy, digits))
    return out


def geojson_text(gdf: gpd.GeoDataFrame) -> str:
    """An RFC 7946 FeatureCollection: WGS84 lon/lat, no ``crs`` member, stable bytes."""
    gdf = round_coordinates(gdf.to_crs("EPSG:4326") if gdf.crs else gdf)
    collection = gdf.to_geo_dict(na="null", show_bbox=False, drop_id=True)
    return json.dumps(collection, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def mentions_csv_text(mentions: list[Mention]) -> str:
    """``mentions.csv``: one row per place mention, sorted by document and offset."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(MENTION_COLUMNS)
    for m in sorted(mentions, key=lambda m: (m.document, m.start, m.end)):
        w.writerow([m.document, m.start, m.end, m.text, m.place_id or "", f"{m.confidence:.3f}", m.reason])
    return buf.getvalue()


def write_atomic(files: dict[str, str | bytes], out_dir: Path) -> list[Path]:
    """Write ``{name: content}`` into ``out_dir``: all rendered to a temp folder, then renamed in place."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".geo-build-", dir=out_dir))
    try:
        for name, content in files.items():
            data = content.encode("utf-8") if isinstance(content, str) else content
            with open(staging / name, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        written = []
        for name in files:
            os.replace(staging / name, out_dir / name)
            written.append(out_dir / name)
        return written
    finally:
        for leftover in staging.iterdir():
            leftover.unlink()
        staging.rmdir()
