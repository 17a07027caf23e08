"""Stage 1 — documents: a folder of ``.txt`` files plus optional metadata.

The metadata file (``data/documents.csv``) has the columns ``document`` (the
file stem), ``published`` (ISO 8601, may be partial: ``2014``, ``2014-05``,
``2014-05-03``, or empty), ``title`` and ``date_note`` (where the date comes
from). Text is decoded as UTF-8 (a BOM is dropped); other encodings are
detected with charset-normalizer and reported. Line ends are normalised to
``\\n``; character offsets everywhere refer to that normalised text.
"""
from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from .errors import InputError
from .models import Document, Skip

METADATA_COLUMNS = ("document", "published", "title", "date_note")
_ISO_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_precision(value: str) -> str:
    """Return ``year``, ``month`` or ``day`` for an ISO 8601 (partial) date."""
    return {4: "year", 7: "month", 10: "day"}[len(value)]


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


def read_metadata(path: Path) -> dict[str, dict[str, str | None]]:
    """Read ``documents.csv`` into ``{document id: {published, title, date_note}}``.

    Raises
    ------
    InputError
        Naming the file and line of a malformed row, a bad date, a duplicate
        document id or a missing column.
    """
    path = Path(path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in ("document", "published") if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(path, f"missing column(s) {', '.join(missing)}; expected {', '.join(METADATA_COLUMNS)}", line=1)
        meta: dict[str, dict[str, str | None]] = {}
        for row in reader:
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
                "published": published,
                "title": (row.get("title") or "").strip() or None,
                "date_note": (row.get("date_note") or "").strip() or None,
            }
    return meta


def decode_text(raw: bytes, path: Path) -> tuple[str, str | None]:
    """Decode a document's bytes; return (text, warning or None).

    Raises
    ------
    InputError
        For binary content (NUL bytes or undecodable).
    """
    if b"\x00" in raw[:65536]:
        raise InputError(path, "binary file (contains NUL bytes), not a text document")
    try:
        text, warning = raw.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is None:
            raise InputError(path, "cannot decode: not UTF-8 and no other encoding fits") from None
        text, warning = str(best), f"not UTF-8; decoded as {best.encoding}"
    # Offsets refer to text with \n line ends, whatever the file used.
    return text.replace("\r\n", "\n").replace("\r", "\n"), warning


def read_documents(folder: Path, metadata: Path | None = None) -> tuple[list[Document], list[Skip]]:
    """Read every ``*.txt`` in ``folder`` (sorted by name) with its metadata.

    Returns the documents and what was skipped (empty or binary files, other
    file types, metadata rows without a file), each with its reason.

    Raises
    ------
    InputError
        When the folder is missing or holds no readable ``.txt`` file, or the
        metadata file is malformed.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "documents folder not found")
    meta = read_metadata(metadata) if metadata is not None and Path(metadata).exists() else {}
    documents: list[Document] = []
    skipped: list[Skip] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix.lower() != ".txt":
            skipped.append(Skip("document", str(path), "not a .txt file"))
            continue
        try:
            text, warning = decode_text(path.read_bytes(), path)
        except InputError as e:
            skipped.append(Skip("document", str(path), e.message))
            continue
        if warning:
            skipped.append(Skip("warning", str(path), warning))
        if not text.strip():
            skipped.append(Skip("document", str(path), "empty file"))
            continue
        info = meta.get(path.stem, {})
        documents.append(
            Document(
                id=path.stem,
                text=text,
                path=path,
                published=info.get("published"),
                title=info.get("title"),
                date_note=info.get("date_note"),
            )
        )
    for doc_id in sorted(set(meta) - {d.id for d in documents}):
        skipped.append(Skip("metadata", f"{metadata}", f"row for {doc_id!r} has no readable document in {folder}"))
    if not documents:
        raise InputError(folder, "no readable .txt documents in folder")
    return documents, skipped
