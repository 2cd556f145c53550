"""The one settings object, passed explicitly to every stage.

Values come from defaults, then ``SITREP_*`` environment variables, then
command-line options (the CLI calls ``Settings.from_env().replace(...)``).
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import ConfigError

# The default finds whichever English pipeline is installed (see nlp.model).
AUTO_MODEL = "auto"


@dataclass(frozen=True)
class ColumnMap:
    """Which CSV columns hold a document's fields (``--text-col``, ``--id-col`` ...)."""

    text: str = "text"
    id: str = "id"
    date: str = "date"
    title: str = "title"
    url: str = "url"


DEDUP_MODES = ("near", "exact", "none")
# The coding stages run by default, in order (``sitrep stages`` describes them).
DEFAULT_STAGES = ("parse", "actors", "docactors", "events", "places", "theatre", "dates", "counts", "quotes", "stances", "summary")


@dataclass(frozen=True)
class Settings:
    """Everything a run can be configured with."""

    model: str = AUTO_MODEL  # spaCy pipeline name or path; "auto" = first English one
    db_path: Path = Path("sitrep.duckdb")
    batch_size: int = 64  # documents per nlp.pipe batch and per store commit
    workers: int = 1
    publication_date: str | None = None  # fallback when a document has no date
    max_doc_chars: int = 200_000  # longer texts are cut (spaCy memory grows with length)
    columns: ColumnMap = ColumnMap()  # CSV column mapping
    dedup: str = "near"  # near: exact + near duplicates; exact: same normalised text only; none: by id only
    allow_hosts: tuple[str, ...] = ()  # hosts besides a feed's own from which its entry links may be fetched
    near_threshold: float = 0.8  # estimated Jaccard of word 3-shingles at or above which texts are near duplicates
    stages: tuple[str, ...] = DEFAULT_STAGES  # coding stages by name (SITREP_STAGES=parse,actors,...)
    story_window: int = 3  # days between consecutive reports of one story (store/stories.py)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Defaults overridden by ``SITREP_MODEL``, ``SITREP_DB``, ``SITREP_BATCH_SIZE``, ``SITREP_STAGES``."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        if env.get("SITREP_MODEL"):
            values["model"] = env["SITREP_MODEL"]
        if env.get("SITREP_DB"):
            values["db_path"] = Path(env["SITREP_DB"])
        if env.get("SITREP_BATCH_SIZE"):
            values["batch_size"] = _positive_int("SITREP_BATCH_SIZE", env["SITREP_BATCH_SIZE"])
        if env.get("SITREP_STAGES"):
            values["stages"] = tuple(name.strip() for name in env["SITREP_STAGES"].split(",") if name.strip())
        return cls(**values)  # type: ignore[arg-type]  # each value above is parsed for its own field

    def replace(self, **changes: object) -> Settings:
        """A copy with the given fields changed; ``None`` values are ignored."""
        given = {k: v for k, v in changes.items() if v is not None}
        if "db_path" in given:
            given["db_path"] = Path(str(given["db_path"]))
        return dataclasses.replace(self, **given)  # type: ignore[arg-type]  # CLI options named as the fields


def _positive_int(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError as exc:
        raise ConfigError(f"{name}={raw!r} is not a whole number; set a positive integer") from exc
    if value < 1:
        raise ConfigError(f"{name}={raw!r} must be at least 1")
    return value
