"""Errors a user can act on, and the exit codes the CLI maps them to."""
from __future__ import annotations

from pathlib import Path

#: Exit codes (documented in the README and docs/cli.md).
EXIT_OK = 0
EXIT_INPUT_ERROR = 2  # bad input file, folder or option
EXIT_STRICT = 3  # --strict and something was skipped
EXIT_INTERNAL = 70  # a bug: rerun with --debug and report it
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)


class GeoError(Exception):
    """Base class of errors shown to the user as one line, without a traceback."""


class InputError(GeoError):
    """A problem in an input file, naming the file and (where known) the line."""

    def __init__(self, path: str | Path, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")
