"""Running sitrep over corpora: batched local ingest, worker processes, Dask, Parquet.

``run_ingest`` is what ``sitrep ingest`` calls: a local batched run into the
DuckDB store (scale/batch.py), or, with ``dask``, a distributed run into Parquet
partitions (scale/dask_runner.py) that ``sitrep load`` merges afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import ConfigError
from sitrep.ingest.readers import OnError
from sitrep.settings import Settings


@dataclass(frozen=True)
class IngestReport:
    """The one-line account of a run that the CLI prints."""

    text: str

    def __str__(self) -> str:
        return self.text


def run_ingest(
    inputs: Iterable[str],
    settings: Settings,
    on_error: OnError,
    dask: str | None = None,
    out: str | Path | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    read_on_workers: bool | None = None,
) -> IngestReport:
    """Ingest locally into ``settings.db_path``, or on Dask into Parquet under ``out``."""
    if dask is None:
        if read_on_workers is not None:
            raise ConfigError("--read-on-workers/--read-on-client are for --dask runs")
        if out is not None:
            raise ConfigError("--out is for --dask runs (Parquet output); a local ingest writes --db")
        from sitrep.scale.batch import ingest

        result = ingest(inputs, settings, on_error, on_progress=on_progress, on_total=on_total)
        near = f" ({result.near_duplicates} near copies)" if result.near_duplicates else ""
        failed = (
            f"; {result.failed} failed (see `sitrep failures`; a rerun retries them)" if result.failed else ""
        )
        return IngestReport(
            f"stored {result.added} new documents with {result.events} events in {settings.db_path}; "
            f"{result.duplicates} already stored or duplicates{near}{failed}"
        )
    if out is None:
        raise ConfigError("--dask needs --out DIR for the Parquet partitions (then `sitrep load DIR`)")
    from sitrep.scale.dask_runner import ingest_dask

    dask_result = ingest_dask(
        inputs, settings, on_error, dask, Path(out), on_progress=on_progress, on_total=on_total,
        read_on_workers=read_on_workers,
    )
    return IngestReport(str(dask_result))
