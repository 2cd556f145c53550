"""Opening output files, with one error for a path that cannot be written.

Both ``sitrep code --out`` (output.py) and the store's exports
(store/export.py) write files; this module sits below both, so that the store
never imports the output writers.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from sitrep.errors import ConfigError


@contextmanager
def open_output(path: Path, newline: str | None = "") -> Iterator[TextIO]:
    """``path`` opened for writing text; its folder must exist (a typo must not create folders).

    An OSError while opening or writing (no such folder, read-only disk, disk
    full) becomes one ConfigError naming the path, because the fix is another
    ``--out``, not a traceback.
    """
    if path.parent.exists() and not path.parent.is_dir():
        raise ConfigError(f"cannot write {path}: {path.parent} is not a folder; give another --out")
    if not path.parent.is_dir():
        raise ConfigError(f"cannot write {path}: folder {path.parent} does not exist; create it or give another --out")
    try:
        with path.open("w", encoding="utf-8", newline=newline) as handle:
            yield handle
    except OSError as exc:
        raise output_error(path, exc) from exc


def output_error(path: Path, exc: OSError) -> ConfigError:
    """The one-line error for an output path that cannot be written."""
    return ConfigError(f"cannot write {path} ({exc.strerror or exc}); give a writable --out path")
