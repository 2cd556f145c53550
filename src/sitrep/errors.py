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

    def __reduce__(self) -> tuple[type, tuple[str, ...]]:
        """Rebuilt from its parts, so that worker processes can hand it back to the parent."""
        return (type(self), (self.source, self.problem, self.hint))


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


class InputWarning(InputError):
    """Something about an input was odd but it was still read (a malformed date, a cut text)."""

    exit_code = 0


class DocumentFailure(InputError):
    """One document failed inside the coder; it is quarantined and the rest of its batch goes on."""

    def __init__(self, source: str, doc_id: str, stage: str, cause: str) -> None:
        self.doc_id = doc_id
        self.stage = stage
        self.cause = cause
        super().__init__(
            source,
            f"document {doc_id!r} failed at {stage} ({cause})",
            "kept out of the store and listed by `sitrep failures`; a rerun retries it",
        )

    def __reduce__(self) -> tuple[type, tuple[str, str, str, str]]:
        return (type(self), (self.source, self.doc_id, self.stage, self.cause))


class StoreDamaged(StoreError):
    """The store file fails DuckDB's checksums or cannot be read back."""

    def __init__(self, path: str, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"{path}: the store is damaged; restore it or re-ingest ({detail})")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return (type(self), (self.path, self.detail))


class StoreBusy(StoreError):
    """Another sitrep process is writing to the store."""
