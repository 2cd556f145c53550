"""One small hierarchy of errors; every message says what failed and how to fix it.

Library code raises these; only the CLI turns them into a line on stderr and an
exit code.  Errors from dependencies are mapped at the boundary with
``raise SitrepError(...) from exc``.
"""

from __future__ import annotations


class SitrepError(Exception):
    """Base class: ``str(err)`` is the one line a user sees."""

    exit_code = 1


class InputError(SitrepError):
    """An input (file, line, URL) cannot be read; the rest of the batch goes on."""

    exit_code = 2

    def __init__(self, source: str, problem: str, hint: str = "") -> None:
        self.source = source
        self.problem = problem
        self.hint = hint
        message = f"{source}: {problem}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class ModelError(SitrepError):
    """The spaCy pipeline cannot be found or loaded."""

    exit_code = 3


class StoreError(SitrepError):
    """The DuckDB store cannot be opened, read or written."""

    exit_code = 4


class ConfigError(SitrepError):
    """A setting or option has a value sitrep cannot use."""

    exit_code = 2


class ScaleError(SitrepError):
    """A distributed run (Dask) cannot start or finish."""

    exit_code = 5
