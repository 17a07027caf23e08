"""Curated CSV files read safely: every fault becomes an InputError naming file and line.

The standard :mod:`csv` module does the parsing; this module only turns the
faults a user can make (not UTF-8, a malformed row, a field too large, an
unreadable file) into :class:`~geo.errors.InputError` with the line, instead
of a traceback.

Documentation: docs/curated-data.md.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from .errors import InputError


def open_csv(path: str | Path) -> io.StringIO:
    """The text of a UTF-8 CSV file (BOM dropped), ready for :class:`csv.DictReader`.

    Raises
    ------
    InputError
        When the file cannot be read, or is not UTF-8 (naming the line of the
        first bad byte).
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(path, f"cannot read: {e.strerror or e}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        raise InputError(path, f"not UTF-8 (byte 0x{raw[e.start]:02x}); save the file as UTF-8", line=line) from None
    return io.StringIO(text, newline="")


def header(path: str | Path, reader: csv.DictReader) -> list[str]:
    """The reader's column names (empty for an empty file); a malformed header is an InputError on line 1."""
    try:
        return list(reader.fieldnames or [])
    except csv.Error as e:
        raise InputError(path, f"malformed CSV header: {e}", line=1) from None


def rows(path: str | Path, reader: csv.DictReader) -> Iterator[dict]:
    """The reader's rows; a malformed one (e.g. a field over the size limit) is an InputError naming its line."""
    it = iter(reader)
    while True:
        try:
            row = next(it)
        except StopIteration:
            return
        except csv.Error as e:
            raise InputError(path, f"malformed CSV: {e}", line=reader.reader.line_num) from None
        yield row
