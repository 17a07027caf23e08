"""Readers of one input file each: plain text, HTML pages, PDF reports and article dumps.

Every reader is a generator of :class:`~geo.models.Document` and
:class:`~geo.models.Skip` (what it could not read, naming file and line), so a
folder of thousands of articles streams one document at a time and a bad file
or row loses nothing else. A reader fills ``published`` only from the file's
own metadata (``date_source="file"``); ``geo.documents`` applies
``data/documents.csv`` over it and the text's own date under it.

- ``.txt``/``.md``: decoded as before (UTF-8, else a reported legacy guess).
- ``.html``/``.htm``: trafilatura keeps the article's main text (no menus, ads
  or comments) and reads title and canonical URL; htmldate reads the
  publication date from the markup only (meta tags, JSON-LD, ``<time>``), the
  original date rather than an update.
- ``.pdf``: pypdf's text per page, lines rejoined into paragraphs; title and
  ``/CreationDate`` from the info dictionary. No text at all is reported
  (a scan needs OCR first), never an empty document.
- ``.jsonl``/``.ndjson``/``.csv``: one article per row, columns found by
  conventional names (:data:`geo.settings.DUMP_COLUMNS`) or given with
  ``--column FIELD=NAME``; ids ``<file stem>/<row id or line>``.
"""
from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import hashlib
import json
import logging
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from .errors import InputError
from .models import Document, Skip
from .settings import DUMP_COLUMNS, HTML_INCLUDE_TABLES, HTML_MAX_DATE, HTML_MIN_ARTICLE_CHARS, HTML_MIN_DATE, MAX_ID_CHARS

#: Extensions read, and by which reader (see :func:`read_file`).
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
PDF_SUFFIXES = (".pdf",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + PDF_SUFFIXES + JSONL_SUFFIXES + CSV_SUFFIXES

_ISO_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_UNSAFE_ID_CHARS = re.compile(r"[^\w.\-]+")


def safe_id_part(value: str) -> str:
    """``value`` as one safe file-name component: word characters, ``.`` and ``-``; no leading dot.

    Anything else (``/``, ``\\``, spaces, control characters) becomes ``_``;
    an overlong value is cut and given a short hash so two long ids stay apart.
    """
    part = _UNSAFE_ID_CHARS.sub("_", value.strip()).lstrip(".") or "_"
    if len(part) > MAX_ID_CHARS:
        digest = hashlib.sha1(value.encode("utf-8")).hexdigest()[:10]
        part = f"{part[:MAX_ID_CHARS - 11]}-{digest}"
    return part


def date_value(value: str) -> str | None:
    """A date as a dump or a page writes it → ISO 8601 (partial), or None when it is not one.

    ISO 8601 (with or without time and zone) is taken as written: the date
    part, not converted to another zone, so a build does not depend on the
    machine's time zone. Other forms ("May 3, 2013", "3 May 2013 10:42") go
    to dateparser, which reports the precision it read ("May 2013" is a
    month); a value without a four-digit year is refused rather than given
    the current year.
    """
    value = (value or "").strip()
    if not value:
        return None
    m = _ISO_DATE.match(value)
    if m:
        year, month, day = m.groups()
        try:
            dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            return None
        return "-".join(p for p in (year, month, day) if p)
    if not re.search(r"(?<!\d)\d{4}(?!\d)", value):
        return None
    from dateparser.date import DateDataParser

    data = DateDataParser(languages=None, settings={"PREFER_DAY_OF_MONTH": "first",
                                                    "RELATIVE_BASE": dt.datetime(2000, 1, 1)}).get_date_data(value)
    if data.date_obj is None:
        return None
    d = data.date_obj
    return {"year": f"{d.year:04d}", "month": f"{d.year:04d}-{d.month:02d}"}.get(data.period, d.date().isoformat())


# --- plain text ---------------------------------------------------------------------------------------------------
def read_plain(path: Path, doc_id: str, where: str) -> Iterator[Document | Skip]:
    """A ``.txt``/``.md`` file as one document (see :func:`geo.documents.read_text`)."""
    from .documents import read_text

    try:
        text, warning = read_text(path)
    except InputError as e:
        yield Skip("document", where, e.message)
        return
    except OSError as e:
        yield Skip("document", where, f"cannot read: {e.strerror or e}")
        return
    if warning:
        yield Skip("warning", where, warning)
    if not text.strip():
        yield Skip("document", where, "empty file" if not text else "only whitespace")
        return
    yield Document(id=doc_id, text=text, path=path)


# --- HTML ---------------------------------------------------------------------------------------------------------
def _html_date(tree, url: str | None) -> str | None:
    import htmldate

    # Markup and address only (extensive_search=False): a date found in the running text is the
    # text's rule (geo.datelines), not the file's metadata; a canonical URL with /2013/12/26/ is
    # the page's. Bounds pinned, not "today": same page, same date.
    return htmldate.find_date(tree, url=url, extensive_search=False, original_date=True, outputformat="%Y-%m-%d",
                              min_date=HTML_MIN_DATE, max_date=HTML_MAX_DATE)


@functools.lru_cache(maxsize=1)
def _trafilatura_config():
    from trafilatura.settings import use_config

    config = use_config()
    # Less than this is a menu or a cookie notice, not an article: trafilatura then returns nothing.
    config["DEFAULT"]["MIN_OUTPUT_SIZE"] = str(HTML_MIN_ARTICLE_CHARS)
    # No wall-clock timeout (same page, same text, however busy the machine); the date is htmldate's job below.
    config["DEFAULT"]["EXTRACTION_TIMEOUT"] = "0"
    config["DEFAULT"]["EXTENSIVE_DATE_SEARCH"] = "off"
    return config


def html_document(html: str, doc_id: str, path: Path | None = None) -> Document | None:
    """The article in an HTML page: main text, title, canonical URL, publication date; None without one.

    Paragraphs are separated by a blank line, like a ``.txt`` document.
    """
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return None
    extracted = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False,
                                            include_tables=HTML_INCLUDE_TABLES, include_images=False, deduplicate=False,
                                            config=_trafilatura_config())
    text = (getattr(extracted, "text", None) or "") if extracted is not None else ""
    text = "\n\n".join(line.strip() for line in text.replace("\r", "").split("\n") if line.strip())
    if not text:
        return None
    url = getattr(extracted, "url", None)
    url = url if url and url.startswith(("http://", "https://")) else None
    published = _html_date(load_html(html), url)
    return Document(id=doc_id, text=text, path=path, published=published,
                    title=getattr(extracted, "title", None) or None,
                    date_note="the page's metadata or address (htmldate)" if published else None,
                    date_source="file" if published else "none", url=url)


def read_html(path: Path, doc_id: str, where: str) -> Iterator[Document | Skip]:
    """An HTML page as one document (:func:`html_document`), or a skip saying why not."""
    from .documents import decode_text

    try:
        raw = path.read_bytes()
    except OSError as e:
        yield Skip("document", where, f"cannot read: {e.strerror or e}")
        return
    try:
        html, warning = decode_text(raw, path)
    except InputError as e:
        yield Skip("document", where, e.message)
        return
    if warning:
        yield Skip("warning", where, warning)
    doc = html_document(html, doc_id, path)
    if doc is None:
        yield Skip("document", where, "HTML page with no article text (trafilatura found no main content)")
        return
    yield doc


# --- PDF ----------------------------------------------------------------------------------------------------------
#: A line this much shorter than the page's longest ends its paragraph (a heading, a last line).
_SHORT_LINE = 0.6
_SENTENCE_END = tuple('.!?:;"”’)')


def reflow(page_text: str) -> str:
    """A PDF page's lines rejoined into paragraphs, one a line, a blank line between.

    A line is joined to the next when it is nearly as long as the page's
    longest and does not end a sentence; a word broken with a hyphen at the
    line end is joined without a space.
    """
    lines = [line.strip() for line in page_text.replace("\r", "\n").split("\n")]
    widest = max((len(line) for line in lines), default=0)
    paragraphs, current = [], ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current:
            if current.endswith("-") and line[:1].islower():
                current = current[:-1] + line
            else:
                current += " " + line
        else:
            current = line
        if len(line) < _SHORT_LINE * widest or line.endswith(_SENTENCE_END):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _pdf_date(value) -> str | None:
    # The date as written in the PDF (its own zone), never converted: no dependence on the machine's zone.
    return value.date().isoformat() if isinstance(value, dt.datetime) else None


def read_pdf(path: Path, doc_id: str, where: str) -> Iterator[Document | Skip]:
    """A PDF as one document: its pages' text, title and creation date; skips say what went wrong."""
    import pypdf
    from pypdf.errors import PdfReadError

    collect = _Collect()
    log = logging.getLogger("pypdf")
    log.addHandler(collect)
    try:
        try:
            reader = pypdf.PdfReader(path, strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                yield Skip("document", where, "encrypted PDF: cannot read its text without the password")
                return
            pages = [reflow(page.extract_text() or "") for page in reader.pages]
            info = reader.metadata
            title = (info.title or "").strip() or None if info else None
            try:
                published = _pdf_date(info.creation_date) if info else None
            except (ValueError, TypeError, PdfReadError):
                published = None
        except (PdfReadError, ValueError, KeyError, TypeError, IndexError, AttributeError,
                RecursionError, OSError) as e:
            # pypdf signals a damaged file with many exception types
            detail = getattr(e, "strerror", None) or str(e) or type(e).__name__
            yield Skip("document", where, f"cannot read PDF (damaged or truncated?): {detail}")
            return
    finally:
        log.removeHandler(collect)
    for message in dict.fromkeys(collect.messages):  # each repair pypdf made, once
        yield Skip("warning", where, f"PDF repaired while reading: {message}")
    text = "\n\n".join(p for p in pages if p.strip())
    if not text.strip():
        yield Skip("document", where, f"PDF without a text layer ({len(pages)} page(s), no text): "
                                      "a scan? run OCR on it first")
        return
    empty = [i + 1 for i, p in enumerate(pages) if not p.strip()]
    if empty:
        yield Skip("warning", where, f"PDF pages without text (scanned?): {', '.join(map(str, empty))}")
    yield Document(id=doc_id, text=text, path=path, published=published, title=title,
                   date_note="the PDF's CreationDate" if published else None,
                   date_source="file" if published else "none")


# --- article dumps ------------------------------------------------------------------------------------------------
def dump_columns(available, chosen: Mapping[str, str] | None = None) -> dict[str, str | None]:
    """Which of ``available`` columns holds each field (id, url, title, date, text).

    ``chosen`` (``--column FIELD=NAME``) wins; else the first conventional name
    (:data:`geo.settings.DUMP_COLUMNS`) present, compared without case.
    """
    by_lower = {str(c).strip().lower(): c for c in available}
    out: dict[str, str | None] = {}
    for field, names in DUMP_COLUMNS.items():
        if chosen and field in chosen:
            out[field] = chosen[field] if chosen[field] in available else by_lower.get(chosen[field].lower())
        else:
            out[field] = next((by_lower[n] for n in names if n in by_lower), None)
    return out


def _missing_text_column(available, chosen) -> str:
    if chosen and "text" in chosen:
        return f"no column {chosen['text']!r} (given with --column text=…); columns: {', '.join(map(str, available))}"
    return (f"no text column: expected one of {', '.join(DUMP_COLUMNS['text'])} or --column text=NAME; "
            f"columns: {', '.join(map(str, available)) or 'none'}")


def _row_document(row: Mapping, cols: dict, stem: str, line: int, path: Path, where: str,
                  seen_rows: set) -> Iterator[Document | Skip]:
    def cell(field):
        name = cols.get(field)
        value = row.get(name) if name is not None else None
        return value if isinstance(value, str) else (None if value is None else str(value))

    text = row.get(cols["text"])
    if not isinstance(text, str):
        yield Skip("row", where, f"no text in column {cols['text']!r}" if text is None else
                   f"column {cols['text']!r} is not text ({type(text).__name__})")
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        yield Skip("row", where, f"empty text in column {cols['text']!r}")
        return
    row_id = (cell("id") or "").strip()
    doc_id = f"{stem}/{safe_id_part(row_id) if row_id else line}"
    if doc_id in seen_rows:
        yield Skip("row", where, f"duplicate id {doc_id!r} in the dump")
        return
    seen_rows.add(doc_id)
    raw_date = (cell("date") or "").strip()
    published = date_value(raw_date) if raw_date else None
    if raw_date and published is None:
        yield Skip("warning", where, f"date {raw_date!r} in column {cols['date']!r} is not a date; "
                                     "the text's own date is used")
    url = (cell("url") or "").strip() or None
    yield Document(id=doc_id, text=text, path=path, published=published,
                   title=(cell("title") or "").strip() or None,
                   date_note=f"column {cols['date']!r} of {path.name}" if published else None,
                   date_source="file" if published else "none",
                   url=url if url and url.startswith(("http://", "https://")) else None)


def read_jsonl(path: Path, stem: str, where: str, columns: Mapping[str, str] | None = None
               ) -> Iterator[Document | Skip]:
    """A JSON Lines dump: one JSON object (an article) a line; bad lines are skipped by line number."""
    seen_rows: set[str] = set()
    cols = None
    try:
        f = open(path, encoding="utf-8-sig", errors="strict")
    except OSError as e:
        yield Skip("document", where, f"cannot read: {e.strerror or e}")
        return
    with f:
        line_no = 0
        while True:
            try:
                line = f.readline()
            except UnicodeDecodeError:
                yield Skip("document", f"{where}:{line_no + 1}",
                           "not UTF-8 from this line on; save the dump as UTF-8 (lines after it not read)")
                return
            if not line:
                break
            line_no += 1
            at = f"{where}:{line_no}"
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                yield Skip("row", at, f"not JSON: {e.msg} (column {e.colno})")
                continue
            if not isinstance(row, dict):
                yield Skip("row", at, f"not a JSON object but a {type(row).__name__}")
                continue
            cols = dump_columns(list(row), columns)
            if cols["text"] is None:
                yield Skip("row", at, _missing_text_column(list(row), columns))
                continue
            yield from _row_document(row, cols, stem, line_no, path, at, seen_rows)


@contextlib.contextmanager
def _long_fields():
    """csv's field limit raised while a dump's row is parsed: an article is longer than its 128 KiB default.

    The limit is the csv module's, for the whole process: raised only around each row, so that
    other CSV files (documents.csv, the curated files) keep the default and its error.
    """
    old = csv.field_size_limit(2**31 - 1)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def read_csv_dump(path: Path, stem: str, where: str, columns: Mapping[str, str] | None = None
                  ) -> Iterator[Document | Skip]:
    """A CSV dump with a header: one article a row; ids use the line where the row starts."""
    seen_rows: set[str] = set()
    try:
        f = open(path, encoding="utf-8-sig", errors="strict", newline="")
    except OSError as e:
        yield Skip("document", where, f"cannot read: {e.strerror or e}")
        return
    with f:
        reader = csv.DictReader(f)
        try:
            with _long_fields():
                fields = list(reader.fieldnames or [])
        except (csv.Error, UnicodeDecodeError) as e:
            yield Skip("document", f"{where}:1", f"malformed CSV header: {e}")
            return
        cols = dump_columns(fields, columns)
        if cols["text"] is None:
            yield Skip("document", f"{where}:1", _missing_text_column(fields, columns))
            return
        start = reader.line_num + 1
        while True:
            try:
                with _long_fields():
                    row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError:
                yield Skip("document", f"{where}:{start}",
                           "not UTF-8 from this row on; save the dump as UTF-8 (rows after it not read)")
                return
            except csv.Error as e:
                yield Skip("document", f"{where}:{reader.line_num}", f"malformed CSV: {e} (rows after it not read)")
                return
            at = f"{where}:{start}"
            if None in row or any(v is None for v in row.values()):
                yield Skip("row", at, f"{len(fields)} columns expected, got a different number")
            else:
                yield from _row_document(row, cols, stem, start, path, at, seen_rows)
            start = reader.line_num + 1


def read_file(path: Path, doc_id: str, where: str, columns: Mapping[str, str] | None = None
              ) -> Iterator[Document | Skip]:
    """The documents in one file, by its extension (:data:`SUFFIXES`); a generator.

    ``doc_id`` is the document's id (a dump's rows get ``doc_id/<row id or line>``).
    """
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return read_plain(path, doc_id, where)
    if suffix in HTML_SUFFIXES:
        return read_html(path, doc_id, where)
    if suffix in PDF_SUFFIXES:
        return read_pdf(path, doc_id, where)
    if suffix in JSONL_SUFFIXES:
        return read_jsonl(path, doc_id, where, columns)
    if suffix in CSV_SUFFIXES:
        return read_csv_dump(path, doc_id, where, columns)
    raise ValueError(f"no reader for {suffix!r}")
