"""A progress bar for long builds (tqdm): documents done, MB/s, ETA — on a terminal only.

Silent with ``-q`` (the CLI passes ``enabled=False``) and whenever stderr is not
a terminal (a pipe, a log file, CI), so logs and tests see no bar.
"""
from __future__ import annotations

import sys


class _Silent:
    def advance(self, nbytes: int) -> None:
        pass

    def close(self) -> None:
        pass


class _Bar:
    """tqdm counting bytes of text (MB/s, ETA against the input folder's size) with a count of documents."""

    def __init__(self, total: int, stream):
        import tqdm

        tqdm.tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked later
        self.docs = 0
        self.bar = tqdm.tqdm(total=total or None, unit="B", unit_scale=True, unit_divisor=1000, file=stream,
                             desc="documents", dynamic_ncols=True, leave=False, mininterval=0.5)

    def advance(self, nbytes: int) -> None:
        self.docs += 1
        room = (self.bar.total - self.bar.n) if self.bar.total else nbytes
        self.bar.update(max(0, min(nbytes, room)))  # text may be longer than a compressed or binary file
        self.bar.set_description(f"{self.docs} documents", refresh=False)

    def close(self) -> None:
        self.bar.close()


def progress_bar(total_bytes: int, enabled: bool = True, stream=None):
    """A bar on ``stream`` (default stderr) when enabled and a terminal; else one that does nothing.

    Parameters
    ----------
    total_bytes : int
        Expected bytes of text (the input files' size); 0 when unknown (no ETA).
    enabled : bool
        False for ``-q``.
    stream : file, optional
        Where to draw; default ``sys.stderr``.

    Returns
    -------
    object
        With ``advance(nbytes)`` (one document done) and ``close()``.
    """
    stream = stream if stream is not None else sys.stderr
    if not enabled or not getattr(stream, "isatty", lambda: False)():
        return _Silent()
    try:
        return _Bar(total_bytes, stream)
    except ImportError:  # tqdm is a dependency; a stripped install still builds
        return _Silent()
