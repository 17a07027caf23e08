"""Writing output files: all files of one command put in place atomically, and the output folder's lock.

Kept apart from :mod:`geo.export` (the formats) so that a command can take its
output folder's lock, and write, without importing geopandas.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from pathlib import Path

from .errors import GeoError


class OutputLocked(GeoError):
    """Another command is writing into the same output folder."""

    def __init__(self, folder: Path, message: str):
        self.path = str(folder)
        super().__init__(f"{folder}: {message}")


STAGING_PREFIX = ".geo-build-"


def _remove_stale_staging(out_dir: Path) -> None:
    # A writer killed (SIGKILL, power loss) leaves its staging folder behind;
    # its name carries the writer's pid, so remove those whose writer is gone.
    for old in sorted(out_dir.glob(f"{STAGING_PREFIX}*")):
        pid = old.name[len(STAGING_PREFIX):].split("-", 1)[0]
        if not old.is_dir() or not pid.isdigit() or _alive(int(pid)):
            continue
        for leftover in old.iterdir():
            leftover.unlink()
        old.rmdir()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def write_atomic(files: dict, out_dir: Path) -> list[Path]:
    """Write ``{name: content}`` into ``out_dir`` so that no reader ever sees a partial file.

    ``content`` is text, bytes, or a callable returning either (called when
    that file is written, so that many large contents need not be in memory at once).

    Every file is written and flushed to disk (``fsync``; files in subfolders,
    such as the many ``texts/``, by one ``os.sync()``) in a staging folder
    inside ``out_dir`` first, then renamed into place (an atomic step per file).
    A file that already holds the same bytes is left as it is. If anything
    fails while renaming, the files already replaced are restored from hard
    links of the previous versions, so the previous outputs stay whole and
    consistent. A process killed between two renames leaves every file whole
    (some new, the rest old); its staging folder is removed by the next write.

    Returns
    -------
    list of Path
        The files written, in the order given.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _remove_stale_staging(out_dir)
    synced_later = False
    unchanged: set[str] = set()
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=out_dir))
    done: list[tuple[Path, Path | None]] = []  # (destination, backup of its previous version)
    try:
        for name, content in files.items():
            if callable(content):  # read when written (a document's text from the build's spool)
                content = content()
            data = content.encode("utf-8") if isinstance(content, str) else content
            if _holds(out_dir / name, data):
                unchanged.add(name)  # a rebuild rewrites only what changed (most texts/ stay as they are)
                continue
            if "/" in name:  # a file in a subfolder ("texts/<document>.txt")
                (staging / name).parent.mkdir(parents=True, exist_ok=True)
                (out_dir / name).parent.mkdir(parents=True, exist_ok=True)
            try:
                with open(staging / name, "wb") as f:
                    f.write(data)
                    if "/" in name and hasattr(os, "sync"):
                        synced_later = True  # many small files (texts/): one sync for all, below
                    else:
                        f.flush()
                        os.fsync(f.fileno())
            except OSError as e:  # "No space left on device" names no file by itself: name the output
                if e.filename is not None or e.errno is None:
                    raise
                raise OSError(e.errno, e.strerror, str(out_dir / name)) from e
        if synced_later:
            os.sync()  # an fsync per file costs ~2 ms: 10 s for the 5,000 texts of a 10 MB corpus
        for i, name in enumerate(files):
            if name in unchanged:
                continue
            dst = out_dir / name
            backup = None
            if dst.is_file():
                backup = staging / f".previous-{i}"
                try:
                    os.link(dst, backup)
                except OSError:  # no hard links on this file system: a copy does
                    shutil.copy2(dst, backup)
            os.replace(staging / name, dst)
            done.append((dst, backup))
        _fsync_dir(out_dir)
        return [out_dir / name for name in files]
    except BaseException:
        for dst, backup in reversed(done):  # roll back: the previous outputs, all of them
            if backup is not None:
                os.replace(backup, dst)
            else:
                dst.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


#: The lock file of an output folder (hidden; removed when the command ends).
LOCK_NAME = ".geo.lock"


@contextlib.contextmanager
def output_lock(out_dir: Path):
    """Hold ``out_dir``'s lock while a command builds into it; a second command fails at once.

    ``flock`` on ``OUT/.geo.lock``: the kernel releases it when its holder
    dies, even by SIGKILL, so no stale lock ever blocks a later build. The
    file names the holder's pid for the message. The folder, if this call
    created it and nothing was written, is removed again.

    Raises
    ------
    OutputLocked
        When another process holds the lock.
    """
    out_dir = Path(out_dir)
    created = not out_dir.exists()
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK_NAME
    fd = _acquire(path)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield path
    finally:
        path.unlink(missing_ok=True)  # while still held: a waiting opener sees a new file (see _acquire)
        os.close(fd)
        if created:
            with contextlib.suppress(OSError):
                out_dir.rmdir()  # only when empty: the command failed before writing


def _acquire(path: Path) -> int:
    try:
        import fcntl
    except ImportError:  # no flock on this platform: run unlocked, as before
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise OutputLocked(path.parent, f"another geo command (pid {holder}) is writing into this folder; "
                                            f"wait for it to finish or choose another output folder") from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)  # the holder removed the file as we opened it: lock the new one


def _holds(path: Path, data: bytes) -> bool:
    """True when ``path`` is a regular file with exactly ``data`` in it."""
    try:
        with open(path, "rb") as f:  # one open and one fstat: this runs for each of a corpus's texts
            st = os.fstat(f.fileno())
            return stat.S_ISREG(st.st_mode) and st.st_size == len(data) and f.read() == data
    except OSError:
        return False


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
