"""Stage 1 — documents: a folder of documents (text, HTML, PDF, article dumps) plus optional metadata.

Readers per file type are in :mod:`geo.readers`; dates read from the text in
:mod:`geo.datelines`; the order of trust (documents.csv > the file's metadata >
the text) in :func:`with_dates`.

The metadata file (``data/documents.csv``) has the columns ``document`` (the
file stem), ``published`` (ISO 8601, may be partial: ``2014``, ``2014-05``,
``2014-05-03``, or empty), ``title`` and ``date_note`` (where the date comes
from). Text is decoded as UTF-8 (a BOM is dropped); other encodings are
detected with charset-normalizer and reported. Line ends are normalised to
``\\n``; character offsets everywhere refer to that normalised text.

Documentation: docs/curated-data.md and docs/cli.md (bad input).
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from . import datelines, readers
from .csvfile import open_csv, require_columns, rows as csv_rows
from .errors import InputError
from .models import Document, Skip

METADATA_COLUMNS = ("document", "published", "title", "date_note")
_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(value: str) -> str:
    """Validate an ISO 8601 date that may be partial; return it unchanged.

    Raises
    ------
    ValueError
        When the value is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` or names
        a day that does not exist.
    """
    match = _ISO_PARTIAL.match(value.strip())
    if not match:
        raise ValueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError as e:  # 2013-02-30, month 13, …
        raise ValueError(f"date {value!r}: {e}") from None
    return value.strip()


def read_metadata(path: Path) -> dict[str, dict[str, str | int | None]]:
    """Read ``documents.csv`` into ``{document id: {line, published, title, date_note}}``.

    Raises
    ------
    InputError
        Naming the file and line of a malformed row, a bad date, a duplicate
        document id or a missing column.
    """
    path = Path(path)
    with open_csv(path) as f:
        return _read_metadata(path, f)


def _read_metadata(path: Path, f) -> dict[str, dict[str, str | int | None]]:
    reader = csv.DictReader(f)
    require_columns(path, reader, ("document", "published"), expected=METADATA_COLUMNS)
    meta: dict[str, dict[str, str | int | None]] = {}
    for row in csv_rows(path, reader):
        line = reader.line_num
        if None in row or any(v is None for v in row.values()):
            raise InputError(path, f"row has {len(reader.fieldnames)} columns expected, got a different number", line=line)
        doc = row["document"].strip()
        if not doc:
            raise InputError(path, "empty document id", line=line)
        if doc in meta:
            raise InputError(path, f"duplicate document id {doc!r}", line=line)
        published = (row.get("published") or "").strip() or None
        if published is not None:
            try:
                published = parse_partial_date(published)
            except ValueError as e:
                raise InputError(path, str(e), line=line) from None
        meta[doc] = {
            "line": line,
            "published": published,
            "title": (row.get("title") or "").strip() or None,
            "date_note": (row.get("date_note") or "").strip() or None,
        }
    return meta


#: A Western news text in a legacy encoding is nearly always cp1252 (whose
#: printable range contains latin-1's). charset-normalizer's first guess on a
#: short text is often a neighbour (cp1250, cp775, cp1006) that garbles the
#: accents, so cp1252 is tried first and kept when it reads like Western text.
PREFERRED_LEGACY_ENCODING = "cp1252"
#: Non-ASCII characters a Western text has besides accented letters.
_WESTERN_PUNCTUATION = set("“”‘’‚„–—…•€£¥©®°±´·º»«¿¡§¶×÷\u00a0ª")
#: In Western European languages accented letters are a minority of all
#: letters; a Cyrillic or Greek text misread as cp1252 is nearly all accents.
MAX_ACCENTED_SHARE = 0.3
#: Share of control characters (other than whitespace) above which a file is binary.
MAX_CONTROL_SHARE = 0.01
_BINARY_SAMPLE = 65536


_CONTROL_RX = re.compile(r"[\x00-\x08\x0e-\x1f]")  # below " ", but for \t \n \v \f \r


def _looks_binary(text: str) -> bool:
    sample = text[:_BINARY_SAMPLE]
    controls = len(_CONTROL_RX.findall(sample))
    return bool(sample) and controls / len(sample) > MAX_CONTROL_SHARE


def _reads_as_western(text: str) -> bool:
    sample = text[:_BINARY_SAMPLE]
    letters = accented = 0
    for c in sample:
        if c.isalpha():
            letters += 1
            if c >= "\x80":
                accented += 1
        elif c >= "\x80" and c not in _WESTERN_PUNCTUATION:
            return False
    return letters > 0 and accented / letters <= MAX_ACCENTED_SHARE and not _MISREAD.search(sample)


#: What a text in another code page shows when read as cp1252, and Western text does not: a
#: non-ASCII symbol between two letters (cp1250 Polish "mówią" → "mówi¹", "żołnierze" →
#: "¿o³nierze"), a capital between small letters ("jaźń" → "jaŸñ"), a currency sign or a
#: superscript right before a letter ("Łodzi" → "£odzi", "łódź" → "³ódŸ"). Apostrophes, dashes
#: and the middle dot do sit inside Western words ("O’Brien", "col·lecció"), "m²" after one.
_MISREAD = re.compile(
    r"(?<=[^\W\d_])[^\x00-\x7f\w\s’‘´·–—\u00ad](?=[^\W\d_])"
    r"|(?<=[a-zà-ÿ])[À-ÖØ-ÞŸŒŠŽ](?=[a-zà-ÿ])"
    r"|[£¥¤¹²³¯](?=[^\W\d_])")
#: A UTF-8 text with a few bytes of another encoding (a pasted cp1252 quote mark): those bytes
#: are read as cp1252 when the valid multi-byte characters outnumber them, rather than the
#: whole text being decoded as some legacy code page.
_STRAY_BYTE_ERRORS = "geo-stray-cp1252-byte"
_stray = threading.local()


def _stray_byte(err: UnicodeDecodeError) -> tuple[str, int]:
    byte = err.object[err.start:err.start + 1]
    _stray.positions.append(err.start)
    try:
        return byte.decode(PREFERRED_LEGACY_ENCODING), err.start + 1
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        return byte.decode("latin-1"), err.start + 1


codecs.register_error(_STRAY_BYTE_ERRORS, _stray_byte)


def _utf8_with_stray_bytes(raw: bytes) -> tuple[str, str] | None:
    """(text, warning) when ``raw`` is UTF-8 but for a few stray bytes, else None."""
    _stray.positions = []
    text = raw.decode("utf-8-sig", errors=_STRAY_BYTE_ERRORS)
    positions, _stray.positions = _stray.positions, []
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - len(positions)  # non-ASCII, at C speed
    if not positions or multibyte <= len(positions):
        return None
    line = raw[:positions[0]].count(b"\n") + 1
    return text, (f"UTF-8 except {len(positions)} stray byte(s) (first 0x{raw[positions[0]]:02x} on line {line}); "
                  f"those decoded as {PREFERRED_LEGACY_ENCODING}")


def _legacy_decode(raw: bytes, path: Path) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: cp1252 when it reads as Western text, else charset-normalizer's guess."""
    try:
        western = raw.decode(PREFERRED_LEGACY_ENCODING)
    except UnicodeDecodeError:
        western = None
    if western is not None and _reads_as_western(western):
        return western, f"not UTF-8; decoded as {PREFERRED_LEGACY_ENCODING} (Windows Western European)"
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise InputError(path, "cannot decode: not UTF-8 and no other encoding fits (binary file?)")
    return str(best), f"not UTF-8; decoded as {best.encoding} (charset-normalizer's guess)"


def _decode(raw: bytes, path: Path) -> tuple[str, str | None]:
    """Decode a document's bytes; return (text, warning or None).

    UTF-8 (with or without BOM) is decoded silently; UTF-16 with a BOM and
    legacy 8-bit encodings (cp1252/latin-1 first, else charset-normalizer's
    best guess) are decoded with a warning.

    Raises
    ------
    InputError
        For binary content (NUL bytes, control characters) or bytes no
        encoding fits.
    """
    warning = None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, warning = raw.decode("utf-16"), "UTF-16 with BOM; decoded"
        except UnicodeDecodeError:
            raise InputError(path, "cannot decode: UTF-16 byte order mark but invalid UTF-16") from None
    elif b"\x00" in raw:
        raise InputError(path, "binary file (contains NUL bytes), not a text document")
    else:
        try:
            text = str(raw, "utf-8-sig")
        except UnicodeDecodeError:
            text, warning = _utf8_with_stray_bytes(raw) or _legacy_decode(raw, path)
    if _looks_binary(text):
        raise InputError(path, "binary file (control characters), not a text document")
    return text, warning


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` → ``\\n``: offsets everywhere refer to this text."""
    # str.replace returns the same object when there is nothing to replace: no copy.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode_text(raw: bytes, path: Path) -> tuple[str, str | None]:
    """Decode a document's bytes with normalised line ends; return (text, warning or None).

    See :func:`read_text`.
    """
    text, warning = _decode(raw, path)
    return normalise_newlines(text), warning


def read_text(path: Path) -> tuple[str, str | None]:
    """Read one document; return (text, warning or None).

    The bytes are dropped as soon as they are decoded, so a large document
    costs its bytes plus its text at the peak, and the corpus is never held
    twice.

    Raises
    ------
    InputError
        For binary content or bytes no encoding fits.
    OSError
        When the file cannot be read.
    """
    with open(path, "rb") as f:
        raw = f.read()
    text, warning = _decode(raw, path)
    del raw
    return normalise_newlines(text), warning


def printable_path(path: Path) -> str:
    """``str(path)``, with bytes that are not UTF-8 in a file name shown as ``\\xNN``."""
    return str(path).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def date_precision(value: str | None) -> str | None:
    """``year``, ``month`` or ``day`` for an ISO 8601 (partial) date; None for None."""
    return {4: "year", 7: "month", 10: "day"}[len(value)] if value else None


def with_dates(doc: Document, info: dict | None, *, from_text: bool = True) -> Document:
    """``doc`` with its date, title and date note in the order of trust (docs/documents.md).

    ``data/documents.csv`` (``info``) over the file's own metadata (what the
    reader put in ``doc``) over the text (:func:`date_from_text`; left for
    later when ``from_text`` is False). A documents.csv title wins over the
    file's; a row without a date leaves the date to the file or the text.
    """
    info = info or {}
    title = info.get("title") or doc.title
    if info.get("published"):
        return replace(doc, published=info["published"], title=title, date_note=info.get("date_note"),
                       date_source="metadata")
    if doc.published:
        return replace(doc, title=title, date_source="file")
    doc = replace(doc, title=title) if title != doc.title else doc
    return date_from_text(doc) if from_text else doc


#: A date line in a text at most this many days before the date documents.csv gives is the text's own date (a repost,
#: a statement posted days later); further back, it is more likely a date the text only opens with.
REPOST_DAYS = 7


def date_from_text(doc: Document) -> Document:
    """``doc`` dated by its text (:func:`geo.datelines.document_date`) unless documents.csv or the file dated it.

    Pure in the document, so it is part of the per-document stage (run by the
    workers, cached with their results); calling it again changes nothing.
    """
    if doc.date_source in ("metadata", "file"):
        if doc.published and len(doc.published) in (4, 7):
            # the metadata gives a year or a month only: a dateline's day within it is the finer date
            # ("KABUL, Oct 31 (IANS)" with a row dated 2015: 2015-10-31, its year from the metadata)
            found = datelines.document_date(doc.text, known=doc.published, header_only=True)
            if found is not None and found.value and found.source == "dateline" \
                    and found.value.startswith(doc.published) and len(found.value) > len(doc.published):
                note = f"{doc.date_note}; " if doc.date_note else ""
                return replace(doc, published=found.value, date_note=f"{note}day from the text: {found.note}")
        if doc.published and len(doc.published) == 10:
            # a text reposted days after it was written ("Statement … December 26, 2013" on a site that posted it
            # on the 28th): its "today" and "Thursday" count from its own date line
            found = datelines.document_date(doc.text, header_only=True)
            if found is not None and found.value and found.source == "dateline" and len(found.value) == 10 \
                    and 0 < (dt.date.fromisoformat(doc.published) - dt.date.fromisoformat(found.value)).days \
                    <= REPOST_DAYS:
                note = f"{doc.date_note}; " if doc.date_note else ""
                return replace(doc, published=found.value,
                               date_note=f"{note}the text's own date, {doc.published} a later posting: {found.note}")
        return doc
    found = datelines.document_date(doc.text)
    if found is None:
        return replace(doc, published=None, date_source="none",
                       date_note="no date in documents.csv, the file or the text")
    return replace(doc, published=found.value, date_source=found.source, date_note=found.note)


def _saved_page_resources(folder: Path) -> bool:
    """True for ``page_files/`` beside ``page.html``: what a browser's "save page" puts beside a page."""
    stem = folder.name[:-len("_files")] if folder.name.endswith("_files") else None
    return bool(stem) and any((folder.parent / f"{stem}{suffix}").is_file() for suffix in readers.HTML_SUFFIXES)


def _walk(folder: Path, skipped: list[Skip]) -> Iterator[Path]:
    """Files under ``folder``, depth first, sorted by name at every level (never the file system's order).

    Hidden files and folders, symbolic links to folders (a loop is possible)
    and other odd entries are reported in ``skipped`` and not entered.
    """
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as e:
        skipped.append(Skip("document", printable_path(folder), f"cannot list folder: {e.strerror or e}"))
        return
    for path in entries:
        where = printable_path(path)
        if path.name.startswith("."):
            skipped.append(Skip("document", where, "hidden folder" if path.is_dir() else "hidden file"))
        elif path.is_dir():
            if _saved_page_resources(path):
                skipped.append(Skip("document", where, "resources of a saved web page (its .html is read)"))
            elif path.is_symlink():
                skipped.append(Skip("document", where, "symbolic link to a folder: not followed"))
            else:
                yield from _walk(path, skipped)
        else:
            yield path


def iter_documents(folder: Path, metadata: Path | None = None, *, columns: dict[str, str] | None = None,
                   date_from_text: bool = True) -> Iterator[Document | Skip]:
    """Every document under ``folder`` (recursively), one at a time, with what was skipped.

    Files are read by extension (:mod:`geo.readers`: ``.txt``, ``.md``,
    ``.html``/``.htm``, ``.pdf``, ``.jsonl``/``.ndjson`` and ``.csv`` article
    dumps), in name order at every level. A document's id is its path below
    ``folder`` without the extension (``report``, ``2013/report``); a dump's
    rows are ``<dump id>/<row id or line>``. Dates and titles are applied in
    the order of trust by :func:`with_dates`. Skips (unsupported, hidden,
    unreadable or empty files, bad rows, duplicate ids, metadata rows without
    a document) and warnings (``Skip("warning", …)``) are yielded as they are
    met; metadata rows without a document come last.

    Parameters
    ----------
    folder : Path
        The documents folder.
    metadata : Path or None
        ``data/documents.csv``; read whole first (it is small), ignored when missing.
    columns : dict or None
        Column names for article dumps by field (``{"text": "body"}``), over
        the conventional ones.
    date_from_text : bool
        Date documents that documents.csv and the file leave undated by their
        text; False leaves that to the per-document stage (:func:`date_from_text`).

    Raises
    ------
    InputError
        When the folder is missing, the metadata file is malformed, or (at the
        end) no document could be read.
    """
    folder = Path(folder)
    if not folder.exists():
        raise InputError(folder, "documents folder not found")
    if not folder.is_dir():
        raise InputError(folder, "not a folder; --documents takes a folder of documents")
    meta = read_metadata(metadata) if metadata is not None and Path(metadata).exists() else {}
    seen: dict[str, str] = {}
    walk_skips: list[Skip] = []
    count = skips = 0
    first_skip = None
    for path in _walk(folder, walk_skips):
        yield from walk_skips
        skips += len(walk_skips)
        first_skip = first_skip or (walk_skips[0] if walk_skips else None)
        walk_skips.clear()
        where = printable_path(path)
        if path.suffix.lower() not in readers.SUFFIXES:
            reason = f"not a document type read here ({', '.join(readers.SUFFIXES)})"
        elif not path.is_file():
            # A FIFO would block read() forever; a dangling link has nothing to read.
            reason = "broken symbolic link" if path.is_symlink() and not path.exists() else "not a regular file"
        elif where != str(path):
            reason = "file name is not valid UTF-8: rename it"
        else:
            reason = None
        if reason is not None:
            skips += 1
            first_skip = first_skip or Skip("document", where, reason)
            yield Skip("document", where, reason)
            continue
        rel = path.relative_to(folder)
        file_id = "/".join([*rel.parent.parts, rel.stem]) if rel.parent.parts else rel.stem
        for item in readers.read_file(path, file_id, where, columns):
            if isinstance(item, Skip):
                if item.what != "warning":
                    skips += 1
                    first_skip = first_skip or item
                yield item
                continue
            if item.id in seen:
                skips += 1
                yield Skip("document", where, f"duplicate document id {item.id!r} (also {seen[item.id]})")
                continue
            seen[item.id] = rel.as_posix()
            count += 1
            yield with_dates(item, meta.get(item.id), from_text=date_from_text)
    yield from walk_skips
    skips += len(walk_skips)
    first_skip = first_skip or (walk_skips[0] if walk_skips else None)
    for doc_id in sorted(set(meta) - set(seen)):
        yield Skip("metadata", f"{metadata}:{meta[doc_id]['line']}",
                   f"row for {doc_id!r} has no readable document in {folder}")
    if not count:
        raise InputError(folder, "no readable documents in folder"
                         + (f" ({skips} skipped: {first_skip.reason}, …)" if first_skip else " (it is empty)"))


class TextSpool:
    """Documents' texts kept in a temporary file instead of memory, read back one at a time.

    A build needs every text again at its end (``texts/<document>.txt``, curated quotes);
    holding them all would cost the corpus's size in memory. :meth:`keep` stores a text and
    returns the document without it; :meth:`text` reads it back. The file is deleted when
    the spool is closed or collected.
    """

    def __init__(self):
        self._file = tempfile.TemporaryFile(prefix="geo-texts-")
        self._where: dict[str, tuple[int, int]] = {}
        self._end = 0

    def keep(self, doc: Document) -> Document:
        """Store ``doc``'s text; return ``doc`` with an empty text (its id reads it back)."""
        data = doc.text.encode("utf-8", "surrogatepass")  # every str round-trips, even a lone surrogate
        self._file.seek(self._end)
        self._file.write(data)
        self._where[doc.id] = (self._end, len(data))
        self._end += len(data)
        return replace(doc, text="")

    def text(self, doc_id: str) -> str:
        """The text kept for ``doc_id`` (KeyError when none was)."""
        start, size = self._where[doc_id]
        self._file.seek(start)
        return self._file.read(size).decode("utf-8", "surrogatepass")

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._where

    def close(self) -> None:
        self._file.close()


def read_documents(folder: Path, metadata: Path | None = None, *, columns: dict[str, str] | None = None
                   ) -> tuple[list[Document], list[Skip]]:
    """:func:`iter_documents` as lists: (documents, skipped and warnings), in reading order.

    Raises
    ------
    InputError
        As :func:`iter_documents`.
    """
    documents: list[Document] = []
    skipped: list[Skip] = []
    for item in iter_documents(folder, metadata, columns=columns):
        (skipped if isinstance(item, Skip) else documents).append(item)
    return documents, skipped
