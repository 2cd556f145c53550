"""Scale-out on Dask distributed: code partitions of the input on workers, write Parquet.

Two ways to feed the workers, same result:

* **workers read** (the default for ``local:N``, and with ``--read-on-workers``
  on a cluster whose workers see the input files): the client only lists the
  files and cuts them into shards (scale/shards.py); each task names one shard
  and the worker reads it, so no text crosses the network through the client;
* **the client reads** (stdin, web addresses, or files only the client sees):
  it cuts the documents into partitions of ``batch_size`` documents and sends
  each partition's documents with its task.

Either way the client keeps a bounded window of tasks in flight (twice the
cluster's threads), so its memory stays flat however long the input is.  A
worker runs the *same* ``pipeline.run`` as a local ingest, block by
memory-bounded block, and streams each block's rows into the partition's
Parquet files (scale/parquet.py).  The spaCy model is loaded once per worker
process when the worker joins (a worker plugin), not inside the first task.

Nothing is written to DuckDB here: ``sitrep load DIR`` merges the partitions in
partition (= input) order and applies the duplicate rules then, so the store
ends as a single-process ingest of the same input would leave it.  A partition
whose done-marker exists is not coded again, so an interrupted run resumes; a
task lost with a killed worker is run again by Dask on another worker.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError, InputError, ScaleError
from sitrep.ingest.readers import OnError
from sitrep.models import Document
from sitrep.scale.batch import (
    MAX_CHUNK_CHARS,
    Progress,
    blocks,
    code_chunk,
    code_documents,
    count_inputs,
    warm_worker,
)
from sitrep.scale.parquet import PartitionWriter, document_tables, is_done, prepare_output
from sitrep.scale.shards import Shard, can_shard, plan_shards, read_shard, stream_inputs
from sitrep.settings import Settings

LOCAL_PREFIX = "local:"
CONNECT_TIMEOUT = "30s"
# Every Dask comm keeps its last 1,000 messages under 1 MB for debugging; a partition's documents
# (~330 KB for 64 news articles) are such a message, so a client sending documents (and the
# scheduler living in it for local:N) would hold ~1,000 partitions: 429 MB at 20,000 documents.
LOG_LENGTH_KEY = "distributed.admin.low-level-log-length"
LOG_LENGTH = 16
# Dask samples each worker's stack every 10 ms for its dashboard profiler: a thread taking the GIL
# from the coding thread 100 times a second, for a dashboard sitrep does not open.
QUIET_CONFIG = {LOG_LENGTH_KEY: LOG_LENGTH, "distributed.worker.profile.enabled": False}
SHARD_BYTES_PER_DOC = 4096  # a JSONL shard of batch_size * 4 KB holds about batch_size news articles
Coder = Callable[[list[Document], Settings], list[Document]]


@dataclass(frozen=True)
class PartitionResult:
    """What one task did, and where its time went (seconds on the worker)."""

    index: int
    documents: int
    events: int
    problems: tuple[tuple[str, str, str], ...] = ()
    worker: str = ""
    started: float = 0.0
    finished: float = 0.0
    read: float = 0.0  # reading the shard (workers read) or unpickling nothing (client reads)
    code: float = 0.0  # pipeline.run
    write: float = 0.0  # Arrow tables and Parquet


@dataclass
class DaskResult:
    """What a distributed run wrote, with a profile of the workers' time."""

    out_dir: Path
    partitions: int = 0  # partitions written by this run
    resumed: int = 0  # partitions found complete from an earlier run
    documents: int = 0
    events: int = 0
    threads: int = 1
    tasks: list[PartitionResult] = field(default_factory=list)

    def add(self, done: PartitionResult) -> None:
        self.partitions += 1
        self.documents += done.documents
        self.events += done.events
        self.tasks.append(done)

    def profile(self) -> str:
        """Share of the workers' wall time spent coding, reading and writing."""
        if not self.tasks:
            return "no tasks ran"
        span = max(t.finished for t in self.tasks) - min(t.started for t in self.tasks)
        capacity = max(span, 1e-9) * self.threads
        steps = ("code", "read", "write")
        parts = {name: sum(getattr(t, name) for t in self.tasks) / capacity for name in steps}
        busy = sum(t.finished - t.started for t in self.tasks) / capacity
        workers = len({t.worker for t in self.tasks})
        return (
            f"{workers} workers busy {busy:.0%} of {span:.0f} s (coding {parts['code']:.0%}, "
            f"reading {parts['read']:.0%}, writing {parts['write']:.0%}); "
            f"{self.documents / max(sum(t.code for t in self.tasks), 1e-9):.2f} docs/s per busy worker"
        )

    def __str__(self) -> str:
        return (
            f"coded {self.documents} documents with {self.events} events "
            f"into {self.partitions} Parquet partitions in {self.out_dir} ({self.resumed} already there); "
            f"{self.profile()}; merge them with `sitrep load {self.out_dir}`"
        )


def shard_plan(settings: Settings) -> dict[str, int]:
    """How workers cut the input: JSONL bytes per shard, one-document files per shard."""
    return {"shard_bytes": SHARD_BYTES_PER_DOC * settings.batch_size, "shard_docs": settings.batch_size}


def ingest_dask(
    inputs: Iterable[str],
    settings: Settings,
    on_error: OnError,
    address: str,
    out_dir: Path,
    on_progress: Progress | None = None,
    on_total: Progress | None = None,
    read_on_workers: bool | None = None,
    coder: Coder = code_documents,
) -> DaskResult:
    """Code the inputs on the cluster at ``address`` (or ``local:N``) into Parquet under ``out_dir``.

    ``read_on_workers`` None means: workers read when the cluster is local and
    every input is a path or fsspec URL.  ``coder`` is replaceable for tests
    and memory measurements (it must be importable on the workers).
    """
    inputs = list(inputs)
    workers_read = _workers_read(inputs, address, read_on_workers)
    plan = shard_plan(settings) if workers_read else {"partition_docs": settings.batch_size}
    prepare_output(out_dir, plan)
    if on_total is not None and (total := count_inputs(inputs)) is not None:
        on_total(total)
    result = DaskResult(out_dir)
    advance = on_progress or (lambda n: None)
    with connect(address) as client:
        if coder is code_documents:
            preload_model(client, settings)
        result.threads = cluster_threads(client)
        if workers_read:
            tasks = _shard_tasks(inputs, plan, on_error)
        else:
            tasks = _document_tasks(inputs, settings, on_error)
        for done in _run(client, tasks, settings, out_dir, result, advance, coder):
            for source, problem, hint in done.problems:
                on_error(InputError(source, problem, hint))
            result.add(done)
            advance(done.documents)
    return result


def _workers_read(inputs: list[str], address: str, wanted: bool | None) -> bool:
    shardable = can_shard(inputs)
    if wanted and not shardable:
        raise ConfigError(
            "--read-on-workers needs files or fsspec URLs; stdin and web addresses are read by the client"
        )
    if wanted is None:
        return shardable and parse_local(address) is not None
    return wanted


Task = tuple[Any, int | None]  # what a task carries (a shard or documents), and its documents if known


def _shard_tasks(inputs: list[str], plan: dict[str, int], on_error: OnError) -> Iterator[Task]:
    """(shard, None): the worker reads it; the document count is known only afterwards."""
    for shard in plan_shards(inputs, plan["shard_bytes"], plan["shard_docs"], on_error):
        yield shard, None


def _document_tasks(inputs: list[str], settings: Settings, on_error: OnError) -> Iterator[Task]:
    """(documents, count): partitions read here, in input order, JSONL streamed line by line."""
    for docs in blocks(stream_inputs(inputs, settings, on_error), settings.batch_size, max_chars=2**62):
        yield docs, len(docs)


def _run(
    client: Any,
    tasks: Iterable[Task],
    settings: Settings,
    out_dir: Path,
    result: DaskResult,
    advance: Progress,
    coder: Coder,
) -> Iterator[PartitionResult]:
    """Submit tasks with a bounded number in flight; yield each as it finishes."""
    from dask.distributed import as_completed

    limit = 2 * result.threads
    pending = as_completed()
    for index, (work, count) in enumerate(tasks):
        if is_done(out_dir, index):
            result.resumed += 1
            advance(count or 0)
            continue
        pending.add(client.submit(code_partition, work, settings, str(out_dir), index, coder, pure=False))
        while pending.count() >= limit:
            yield _result(next(pending))
    for future in pending:
        yield _result(future)


def _result(future: Any) -> PartitionResult:
    try:
        result: PartitionResult = future.result()
        return result
    except Exception as exc:  # a worker's exception comes back as whatever it was
        raise ScaleError(
            f"a Dask task failed ({type(exc).__name__}: {exc}); finished partitions are kept, "
            "run the same command again to resume"
        ) from exc


def code_partition(work: Shard | list[Document], settings: Settings, out_dir: str, index: int,
                   coder: Coder = code_documents) -> PartitionResult:
    """Runs on a worker: read (a shard) or take (documents) one partition, code it, write its Parquet."""
    started = time.time()
    problems: list[tuple[str, str, str]] = []

    def collect(err: InputError) -> None:
        problems.append((err.source, err.problem, err.hint))

    docs: Iterable[Document] = read_shard(work, settings, collect) if isinstance(work, Shard) else work
    writer = PartitionWriter(Path(out_dir), index)
    clock = Clock()
    events = 0
    try:
        for block in clock.timed("read", blocks(docs, settings.batch_size, MAX_CHUNK_CHARS)):
            coded = clock.call("code", code_block, coder, block, settings, collect)
            events += sum(len(doc.events) for doc in coded)
            clock.call("write", lambda: writer.write(document_tables(coded)))
        clock.call("write", writer.commit)
    except BaseException:
        writer.abort()
        raise
    return PartitionResult(index, writer.documents, events, tuple(problems), worker_name(), started,
                           time.time(), clock.seconds["read"], clock.seconds["code"], clock.seconds["write"])


def code_block(coder: Coder, block: list[Document], settings: Settings, on_error: OnError) -> list[Document]:
    """One block through the coder; the default one is guarded as a local ingest is, so a
    document the coder fails on is one reported line and its neighbours are still written."""
    if coder is not code_documents:
        return coder(block, settings)
    coded = code_chunk(block, settings)
    for problem in coded.problems:
        on_error(problem)
    return coded.docs


class Clock:
    """Seconds spent per step of a task (for the run's profile)."""

    def __init__(self) -> None:
        self.seconds = {"read": 0.0, "code": 0.0, "write": 0.0}

    def call(self, step: str, func: Callable[..., Any], *args: Any) -> Any:
        started = time.perf_counter()
        try:
            return func(*args)
        finally:
            self.seconds[step] += time.perf_counter() - started

    def timed(self, step: str, items: Iterable[Any]) -> Iterator[Any]:
        """The items of an iterator, the time spent producing them counted under ``step``."""
        iterator = iter(items)
        while True:
            started = time.perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                return
            finally:
                self.seconds[step] += time.perf_counter() - started
            yield item


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def preload_model(client: Any, settings: Settings) -> None:
    """Load the spaCy model in every worker now, and in every worker that joins later."""
    try:
        client.register_plugin(ModelPlugin(settings), name="sitrep-model")
    except Exception as exc:  # the worker's ModelError (or an import error) comes back as itself
        raise ScaleError(f"a Dask worker cannot load the spaCy model ({exc}); install sitrep there") from exc


def _model_plugin_base() -> type:
    from distributed.diagnostics.plugin import WorkerPlugin

    return WorkerPlugin


class ModelPlugin(_model_plugin_base()):  # type: ignore[misc]
    """A worker plugin: ``setup`` runs once in each worker process, as it starts."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        warm_worker(self.settings)


def cluster_threads(client: Any) -> int:
    """Worker threads of the cluster (waiting up to the connect timeout for a first worker)."""
    try:
        client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except TimeoutError as exc:
        raise ScaleError("the Dask scheduler has no workers; start some with `dask worker ADDRESS`") from exc
    workers: dict[str, dict[str, Any]] = client.scheduler_info().get("workers", {})
    threads: int = sum(w.get("nthreads", 1) for w in workers.values())
    return max(1, threads)


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
    """A Dask client: on a new LocalCluster for ``local:N``, else on the scheduler at ``address``.

    The comms' logs of recent messages are cut short (``LOG_LENGTH``) in this
    process, which holds the client and, for ``local:N``, the scheduler; local
    workers inherit that and run without the statistical profiler.  Local
    workers are processes with one thread each (spaCy holds the GIL, so threads
    would not run in parallel) and no memory limit (the nanny would otherwise
    pause a worker whose model and batch pass a share of RAM).
    """
    import dask

    with dask.config.set(QUIET_CONFIG), _client(address) as client:
        yield client


@contextmanager
def _client(address: str) -> Iterator[Any]:
    from dask.distributed import Client, LocalCluster

    workers = parse_local(address)
    cluster = None
    try:
        if workers is not None:
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                memory_limit=0,
                dashboard_address=":0",  # any free port: 8787 may be taken, and nothing opens it
                silence_logs=logging.ERROR,
            )
            client = Client(cluster)
        else:
            client = Client(address, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, RuntimeError) as exc:  # RuntimeError: a local worker failed to start
        if cluster is not None:
            cluster.close()
        raise ScaleError(
            f"cannot start or reach the Dask cluster {address} ({exc}); check the address"
        ) from exc
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
