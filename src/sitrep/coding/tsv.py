"""Reading the packaged lexicon tables under ``sitrep/coding/data`` (TSV, ``#`` comments)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from sitrep.errors import ConfigError


@lru_cache(maxsize=32)
def read_tsv(name: str, width: int) -> tuple[tuple[str, ...], ...]:
    """Rows of ``data/<name>``, comments and blank lines skipped, each padded to ``width`` fields.

    Cached: each table is read once per process, whichever stage asks first.
    """
    try:
        text = resources.files("sitrep.coding").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"lexicon table {name} is missing from the package; reinstall sitrep") from exc
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        fields = [field.strip() for field in line.split("\t")][:width]
        rows.append(tuple(fields + [""] * (width - len(fields))))
    return tuple(rows)
