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
import math
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


def require_columns(path: str | Path, reader: csv.DictReader, columns, expected=None) -> list[str]:
    """The reader's column names (:func:`header`); one of ``columns`` missing is an InputError on line 1.

    ``expected``, when given, is listed in the message ("missing column(s) x; expected a, b, x").
    """
    have = header(path, reader)
    missing = [c for c in columns if c not in have]
    if missing:
        raise InputError(path, f"missing column(s) {', '.join(missing)}"
                               + (f"; expected {', '.join(expected)}" if expected else ""), line=1)
    return have


def rows(path: str | Path, reader: csv.DictReader) -> Iterator[dict]:
    """The reader's rows, each with as many fields as the header; anything else is an InputError naming its line.

    Faults named: a field over the size limit, a quote opened and not closed
    where its field ends (it swallows the next rows: named at the line where
    it opens), a row with surplus fields (they would be dropped) or too few.
    """
    it = iter(reader)
    header(path, reader)
    end = reader.reader.line_num  # last line read so far
    while True:
        try:
            row = next(it)
        except StopIteration:
            return
        except csv.Error as e:
            raise InputError(path, f"malformed CSV: {e}", line=reader.reader.line_num) from None
        start, end = end + 1, reader.reader.line_num
        columns = len(reader.fieldnames)
        values = [v for k, v in row.items() if k is not None and v is not None] + list(row.get(None) or [])
        if end > start and _swallows_rows(values, columns, reader.reader.dialect.delimiter):
            raise InputError(path, f"a quoted field opened on line {start} runs to line {end}, taking in lines "
                                   "that look like rows: close its quote (a quote inside a field is written \"\")",
                             line=start)
        if len(values) != columns:
            raise InputError(path, f"row has {len(values)} fields but the header has {columns} columns"
                                   + (" (the surplus would be lost)" if len(values) > columns else ""), line=start)
        yield row


def _swallows_rows(values: list[str], columns: int, delimiter: str) -> bool:
    """Whether a row running over several lines has a field that took in whole rows (an unclosed quote).

    A field may hold line breaks; it took in rows when the row has the wrong
    number of fields (the quote ran to the end of the file) or when a line
    inside it holds a row's worth of delimiters.
    """
    multiline = [v for v in values if "\n" in v or "\r" in v]
    if not multiline:
        return False
    if len(values) != columns:
        return True
    return columns > 1 and any(line.count(delimiter) >= columns - 1
                               for v in multiline for line in v.splitlines()[1:])


def number(value: str, column: str, path: str | Path, line: int) -> float:
    """``value`` as a finite number; anything else (text, ``nan``, ``inf``, 1e400) is an InputError."""
    try:
        x = float((value or "").strip())
    except ValueError:
        raise InputError(path, f"{column} must be a number, got {value!r}"[:200], line=line) from None
    if not math.isfinite(x):
        raise InputError(path, f"{column} must be a finite number, got {value.strip()[:40]!r}", line=line)
    return x


def count(value: str, column: str, path: str | Path, line: int, maximum: int) -> int | None:
    """``value`` as a whole number from 0 to ``maximum`` (None when empty); anything else is an InputError."""
    value = (value or "").strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit():
        raise InputError(path, f"{column} must be a whole number ≥ 0 or empty, got {value[:40]!r}", line=line)
    digits = value.lstrip("0")
    if len(digits) > len(str(maximum)) or int(digits or "0") > maximum:  # length first: int() of 10^5 digits fails
        raise InputError(path, f"{column} is implausibly large ({len(digits)} digits; at most {maximum:,})",
                         line=line)
    return int(digits or "0")
