"""Scale-out on Dask distributed: code partitions of the input on workers, write Parquet.

The client reads the inputs (cheap) and cuts them into partitions of
``4 * batch_size`` documents in input order; each partition is sent to a worker,
which runs the *same* ``pipeline.run`` as a local ingest (scale/batch.py's
``code_documents``, in memory-bounded blocks) and writes one Parquet file per
table (scale/parquet.py).  The spaCy model is loaded once per worker process
(``nlp.model.load_pipeline`` is cached per process).

Nothing is written to DuckDB here: ``sitrep load DIR`` merges the partitions in
partition order and applies the duplicate rules then, so the store ends as a
single-process ingest of the same input would leave it.  A partition whose
done-marker exists is not coded again, so an interrupted run can be resumed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError, ScaleError
from sitrep.ingest.readers import OnError, read_inputs
from sitrep.models import Document
from sitrep.scale.batch import MAX_CHUNK_CHARS, Progress, blocks, code_documents, count_inputs
from sitrep.scale.parquet import document_tables, is_done, prepare_output, write_partition
from sitrep.settings import Settings

LOCAL_PREFIX = "local:"
CONNECT_TIMEOUT = "30s"


@dataclass
class DaskResult:
    """What a distributed run wrote."""

    out_dir: Path
    partitions: int = 0  # partitions written by this run
    resumed: int = 0  # partitions found complete from an earlier run
    documents: int = 0
    events: int = 0

    def __str__(self) -> str:
        return (
            f"coded {self.documents} documents with {self.events} events "
            f"into {self.partitions} Parquet partitions in {self.out_dir} ({self.resumed} already there); "
            f"merge them with `sitrep load {self.out_dir}`"
        )


@dataclass(frozen=True)
class PartitionResult:
    documents: int
    events: int


def partition_size(settings: Settings) -> int:
    """Documents per partition: a few batches, so that scheduling overhead stays small."""
    return 4 * settings.batch_size


def ingest_dask(
    inputs: Iterable[str],
    settings: Settings,
    on_error: OnError,
    address: str,
    out_dir: Path,
    on_progress: Progress | None = None,
    on_total: Progress | None = None,
) -> DaskResult:
    """Code the inputs on the cluster at ``address`` (or ``local:N``) into Parquet under ``out_dir``."""
    inputs = list(inputs)
    size = partition_size(settings)
    prepare_output(out_dir, size)
    if on_total is not None and (total := count_inputs(inputs)) is not None:
        on_total(total)
    result = DaskResult(out_dir)
    advance = on_progress or (lambda n: None)
    with connect(address) as client:
        parts = blocks(read_inputs(inputs, settings, on_error), size, max_chars=2**62)
        for done in _run_partitions(client, parts, settings, out_dir, result, advance):
            result.partitions += 1
            result.documents += done.documents
            result.events += done.events
            advance(done.documents)
    return result


def _run_partitions(
    client: Any,
    parts: Iterable[list[Document]],
    settings: Settings,
    out_dir: Path,
    result: DaskResult,
    advance: Progress,
) -> Iterator[PartitionResult]:
    """Submit partitions with a bounded number in flight; yield each as it finishes."""
    from dask.distributed import as_completed

    limit = 2 * max(1, len(client.scheduler_info().get("workers", {})))
    pending = as_completed()
    for index, docs in enumerate(parts):
        if is_done(out_dir, index):
            result.resumed += 1
            advance(len(docs))
            continue
        pending.add(client.submit(code_partition, docs, settings, str(out_dir), index, pure=False))
        while pending.count() >= limit:
            yield _result(next(pending))
    for future in pending:
        yield _result(future)


def _result(future: Any) -> PartitionResult:
    try:
        return future.result()
    except Exception as exc:  # a worker's exception comes back as whatever it was
        raise ScaleError(
            f"a Dask task failed ({type(exc).__name__}: {exc}); finished partitions are kept"
        ) from exc


def code_partition(docs: list[Document], settings: Settings, out_dir: str, index: int) -> PartitionResult:
    """Runs on a worker: code one partition and write its Parquet files."""
    coded: list[Document] = []
    for block in blocks(docs, settings.batch_size, MAX_CHUNK_CHARS):
        coded.extend(code_documents(block, settings))
    write_partition(document_tables(coded), Path(out_dir), index)
    return PartitionResult(len(coded), sum(len(doc.events) for doc in coded))


def parse_local(address: str) -> int | None:
    """N for ``local:N``; None for a scheduler address."""
    if not address.startswith(LOCAL_PREFIX):
        return None
    raw = address[len(LOCAL_PREFIX) :]
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"--dask {address!r}: write local:N with N a positive number of workers")
    return int(raw)


@contextmanager
def connect(address: str) -> Iterator[Any]:
    """A Dask client: on a new LocalCluster for ``local:N``, else on the scheduler at ``address``."""
    from dask.distributed import Client, LocalCluster

    workers = parse_local(address)
    cluster = None
    try:
        if workers is not None:
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
        else:
            client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ScaleError(f"cannot reach the Dask scheduler at {address} ({exc}); check the address") from exc
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
