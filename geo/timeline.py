"""Timeline chart: fatalities and people moved per month, as PNG bytes (matplotlib).

Uses matplotlib's object API (``Figure`` + Agg canvas), not ``pyplot``: no global
state, no GUI backend, safe inside a library. The PNG is deterministic: no
``Software``/date metadata, fixed size, dpi and fonts (DejaVu, shipped with
matplotlib).

A figure known only to its year (or month) is not pinned to one month: it is
spread evenly over the months it covers and drawn hatched, so the chart never
shows more precision than the sources give. A relocation over a range of months
is spread over that range the same way.

Documentation: docs/map.md.
"""
from __future__ import annotations

import io
import math
from datetime import date

import hashlib
import os
import tempfile
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .maps import month_span

if TYPE_CHECKING:  # matplotlib (0.5 s to import) is loaded only when a chart is drawn
    from concurrent.futures import Executor

    import geopandas as gpd
    from matplotlib.figure import Figure

KILLED_COLOUR = "#c0392b"
PEOPLE_COLOUR = "#1f4e9c"


def _num(v) -> int | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    return int(v)


def monthly_series(incidents: gpd.GeoDataFrame, relocations: gpd.GeoDataFrame) -> dict[str, dict[int, float]]:
    """Per-month totals, split by how precisely they are dated.

    Parameters
    ----------
    incidents, relocations : geopandas.GeoDataFrame
        Frames from :mod:`geo.layers`.

    Returns
    -------
    dict
        ``killed_exact`` (incidents dated to the day or month), ``killed_spread``
        (dated to the year only, spread over its months), ``people_exact``
        (relocations within one month) and ``people_spread`` (spread over their
        months); each maps a month number (``year*12 + month-1``) to a total.
        Undated or figureless rows add nothing.
    """
    out: dict[str, dict[int, float]] = {k: {} for k in ("killed_exact", "killed_spread", "people_exact",
                                                        "people_spread")}

    def add(key, span, value):
        n = span[1] - span[0] + 1
        for mo in range(span[0], span[1] + 1):
            out[key][mo] = out[key].get(mo, 0.0) + value / n

    for row in incidents.itertuples(index=False):
        span, killed = month_span(row.date), _num(row.killed)
        if span and killed:
            add("killed_exact" if span[0] == span[1] else "killed_spread", span, killed)
    for row in relocations.itertuples(index=False):
        span, people = month_span(row.date, row.date_end), _num(row.people)
        if span and people:
            add("people_exact" if span[0] == span[1] else "people_spread", span, people)
    return out


def _day(month: int) -> date:
    return date(month // 12, month % 12 + 1, 15)


def timeline_png(incidents: gpd.GeoDataFrame, relocations: gpd.GeoDataFrame,
                 title: str = "Fatalities and people moved per month", cache_dir: Path | None = None,
                 executor: Executor | None = None) -> bytes | Callable[[], bytes]:
    """The timeline chart as PNG bytes, identical for the same frames.

    Parameters
    ----------
    incidents, relocations : geopandas.GeoDataFrame
        Frames from :mod:`geo.layers`.
    title : str
        The chart's title.
    cache_dir : Path, optional
        Keep the PNG there under a hash of the monthly series, the title, this
        module and matplotlib's version, so a rebuild with the same figures
        neither imports matplotlib nor draws.
    executor : concurrent.futures.Executor, optional
        Draw there (another process) while the caller goes on; then, unless the
        chart is in the cache, a callable is returned that waits for the bytes.

    Returns
    -------
    bytes or callable
        A 1000×520 px PNG: fatalities per month above, people moved per month below.
    """
    series = monthly_series(incidents, relocations)
    path = None
    if cache_dir is not None:
        key = hashlib.sha256(repr((sorted((k, sorted(v.items())) for k, v in series.items()), title,
                                   _matplotlib_version())).encode() + Path(__file__).read_bytes()).hexdigest()
        path = Path(cache_dir) / "timeline" / f"{key}.png"
        try:
            return path.read_bytes()  # named by its content's inputs: a truncated file cannot have been renamed here
        except OSError:
            pass
    if executor is None:
        return _kept(draw(series, title), path)
    future = executor.submit(draw, series, title)
    return lambda: _kept(future.result(), path)


def _kept(png: bytes, path: Path | None) -> bytes:
    """``png``, stored at ``path`` (the chart cache) when there is one."""
    if path is None:
        return png
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(png)
        os.replace(tmp, path)
    except OSError:
        pass
    return png


def _matplotlib_version() -> str:
    try:
        return importlib_metadata.version("matplotlib")
    except importlib_metadata.PackageNotFoundError:
        return "-"


def draw(series: dict[str, dict[int, float]], title: str) -> bytes:
    """The chart of :func:`monthly_series`' output as PNG bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    import matplotlib.dates as mdates

    fig = Figure(figsize=(10, 5.2), dpi=100)
    FigureCanvasAgg(fig)
    months = sorted({m for s in series.values() for m in s})
    if not months:
        ax = fig.add_subplot(1, 1, 1)
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No dated incidents or relocations with figures", ha="center", va="center", fontsize=14)
        fig.suptitle(title)
        return _png(fig)
    ax1, ax2 = fig.subplots(2, 1, sharex=True)
    lo, hi = months[0] - 1, months[-1] + 1
    for ax, key, colour, label in ((ax1, "killed", KILLED_COLOUR, "killed"),
                                   (ax2, "people", PEOPLE_COLOUR, "people moved")):
        exact, spread = series[f"{key}_exact"], series[f"{key}_spread"]
        span = list(range(lo, hi + 1))
        xs = [_day(m) for m in span]
        e = [exact.get(m, 0.0) for m in span]
        s = [spread.get(m, 0.0) for m in span]
        _bars(ax, xs, e, [0.0] * len(e), facecolor=colour, edgecolor="none", linewidth=0,
              label=f"{label} (dated to the month or day)" if any(e) else None)
        if any(s):
            _bars(ax, xs, s, e, facecolor="none", edgecolor=colour, hatch="///", linewidth=0.6,
                  label=f"{label} (date range or year only: spread evenly)")
        ax.set_xlim(mdates.date2num(_day(lo)) - 15, mdates.date2num(_day(hi)) + 15)
        top = max((a + b for a, b in zip(e, s)), default=0)
        if top:
            ax.set_ylim(0, top * 1.05)
        ax.set_ylabel(label)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        if any(e) or any(s):
            ax.legend(loc="best", fontsize=8, framealpha=0.9)
        else:
            ax.text(0.5, 0.5, f"no dated {label} figures", transform=ax.transAxes, ha="center", va="center",
                    color="#777")
            ax.set_ylim(0, 1)
            ax.set_yticks([])
    years = (hi - lo) / 12
    ax2.xaxis.set_major_locator(mdates.YearLocator(1 if years <= 12 else max(1, round(years / 10))))
    ax2.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    if years <= 3:
        ax2.xaxis.set_minor_locator(mdates.MonthLocator())
    fig.suptitle(title)
    fig.tight_layout()
    return _png(fig)


def _bars(ax, days: list[date], heights: list[float], bottoms: list[float], **style) -> None:
    """Bars 25 days wide as one collection (``ax.bar`` makes a patch per bar: seconds for a few hundred)."""
    import matplotlib.dates as mdates
    from matplotlib.collections import PolyCollection

    verts = []
    for day, h, b in zip(days, heights, bottoms):
        if h:
            x = mdates.date2num(day)
            verts.append([(x - 12.5, b), (x + 12.5, b), (x + 12.5, b + h), (x - 12.5, b + h)])
    ax.add_collection(PolyCollection(verts, **style))
    ax.xaxis_date()


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    # No "Software" (matplotlib version) chunk: the bytes depend only on the data.
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()
