"""One resources object: every packaged table, read by one reader, passed to the stages.

The coding stages need lexicons (actor aliases, verb frames, units, leaders),
a gazetteer and the ontology tables (CAMEO, Goldstein, PLOVER).  None of them is
a module-level cache: each is built by a small *loader* function that takes
the ``Resources`` and returns the finished table, and ``Resources.get(loader)``
builds it on first use and keeps it for the life of that object.  The loaded
spaCy model (``sitrep.nlp.model``) owns the one ``Resources`` of a process, so
the tables are built once per process, beside the model they belong to (the
alias matcher is built over the model's vocabulary).

Every table is a UTF-8, tab-separated file with ``#`` comments; ``read_rows``
is the one reader, and a missing or malformed file is a ``ConfigError`` that
names the file and the line.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from importlib import resources as package_files
from typing import TYPE_CHECKING, Any, TypeVar

from sitrep.errors import ConfigError

if TYPE_CHECKING:
    from sitrep.nlp.types import Vocab

T = TypeVar("T")
Rows = tuple[tuple[str, ...], ...]
CODING_DATA = "sitrep.coding"  # tables live in <package>/data/


def read_rows(name: str, width: int, package: str = CODING_DATA, required: int = 1) -> Rows:
    """Rows of ``<package>/data/<name>``, comments and blank lines skipped, each padded to ``width``.

    A row with fewer than ``required`` non-empty leading fields, or a file that
    is not UTF-8, is malformed: the error names the file and the line, so a
    hand-edited table fails at load time instead of coding wrongly.
    """
    where = f"{package.replace('.', '/')}/data/{name}"
    try:
        text = package_files.files(package).joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"table {where} is missing from the package; reinstall sitrep") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"table {where} is not UTF-8 text ({exc.reason}); save it as UTF-8") from exc
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")][:width]
        if len(fields) < required or not all(fields[:required]):
            raise ConfigError(
                f"table {where}, line {number}: expected {required} tab-separated fields, got {line[:60]!r}"
            )
        rows.append(tuple(fields + [""] * (width - len(fields))))
    return tuple(rows)


class Resources:
    """The tables of one process, each built once by its loader, on first use.

    A loader is a plain function ``loader(resources) -> table``: it reads its
    rows with ``resources.rows`` (or asks for other tables with
    ``resources.get``) and returns what the rules need.  Keeping the loaders
    beside the rules that use them keeps each rule module self-contained, and
    keeping the tables here keeps them out of module globals.
    """

    def __init__(self, vocab: Vocab | None = None) -> None:
        self.vocab = vocab  # the model's vocabulary, for matchers built over aliases
        self._tables: dict[Callable[..., Any], Any] = {}
        self._rows: dict[tuple[str, int, str, int], Rows] = {}
        self._lock = threading.RLock()  # Dask workers code on several threads

    def get(self, loader: Callable[[Resources], T]) -> T:
        """The table ``loader`` builds, built on the first call and kept.

        Rules ask for tables in their inner loops, so a table already built is
        returned without taking the lock (a dict read is atomic in CPython)."""
        table: T | None = self._tables.get(loader)
        if table is not None:
            return table
        with self._lock:
            if loader not in self._tables:
                self._tables[loader] = loader(self)
            built: T = self._tables[loader]
            return built

    def rows(self, name: str, width: int, package: str = CODING_DATA, required: int = 1) -> Rows:
        """The rows of one packaged table (read once: a table is a loader too)."""
        key = (name, width, package, required)
        found = self._rows.get(key)
        if found is not None:
            return found
        with self._lock:
            if key not in self._rows:
                self._rows[key] = read_rows(name, width, package, required)
            return self._rows[key]
