"""Batched ingest: read, drop duplicates, code (in one or N processes), commit each batch atomically.

The run is a loop over *chunks*: a chunk is up to ``batch_size`` input
documents (fewer when their text passes ``MAX_CHUNK_CHARS``, which bounds the
parser's memory).  For each chunk, in input order:

1. documents whose id is stored are skipped, and those repeating an earlier
   text become duplicate links (ingest/dedup.py), before anything is parsed;
2. the others are coded by ``pipeline.run``, here or in a worker process;
3. the coded documents and the chunk's links are saved in one transaction.

Only the parent process writes to the store.  Because every decision depends
only on what comes earlier in the input, and every commit covers a whole
chunk, a run killed at any point and started again ends with exactly the
store an uninterrupted run would have left.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep import pipeline
from sitrep.errors import DocumentFailure, InputError, ScaleError, StoreError
from sitrep.ingest.dedup import KNOWN, Deduplicator, Fingerprint, fingerprint
from sitrep.ingest.readers import JSONL_SUFFIXES, STDIN, OnError, is_readable_kind, read_inputs
from sitrep.models import Document
from sitrep.settings import Settings
from sitrep.pipeline import failure
from sitrep.store.db import (
    SaveResult,
    failure_row,
    ingest_lock,
    insert_rows,
    is_data_error,
    link_row,
    open_store,
    rollback,
    save_documents,
)
from sitrep.store.stories import update_stories

Progress = Callable[[int], None]
MAX_CHUNK_CHARS = 200_000  # ~40k tokens: keeps one spaCy batch well under 1.5 GB


@dataclass
class Chunk:
    """A slice of the input, decided but not yet coded."""

    fresh: list[Document] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)
    fingerprints: dict[str, Fingerprint] = field(default_factory=dict)
    read: int = 0  # input documents this chunk covers, duplicates included
    skipped: SaveResult = field(default_factory=SaveResult)


@dataclass
class Coded:
    """A chunk's coded documents, and what went wrong with the others (failures, warnings)."""

    docs: list[Document] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)

    @property
    def failures(self) -> list[DocumentFailure]:
        return [p for p in self.problems if isinstance(p, DocumentFailure)]


def ingest(
    inputs: Iterable[str],
    settings: Settings,
    on_error: OnError,
    on_progress: Progress | None = None,
    on_total: Progress | None = None,
) -> SaveResult:
    """Read, code and store the inputs in ``settings.db_path``; returns what was saved.

    ``on_total`` hears the number of input documents when it can be counted
    cheaply; ``on_progress`` hears how many more were handled after each commit.
    A document the coder fails on is reported to ``on_error`` and recorded in
    the ``failures`` table; the rest of its batch is committed as usual.
    The store's DuckDB lock is taken only to plan and to commit each batch (so
    ``sitrep serve`` can read in between); ``ingest_lock`` keeps out a second writer.
    """
    inputs = list(inputs)
    if on_total is not None and (total := count_inputs(inputs)) is not None:
        on_total(total)
    result = SaveResult()
    with ingest_lock(settings.db_path):
        with open_store(settings.db_path):
            pass  # create or check the store before reading anything
        dedup = Deduplicator(None, settings.dedup, settings.near_threshold)
        chunks = plan_chunks(read_inputs(inputs, settings, on_error), dedup, settings)
        for chunk, coded in code_chunks(chunks, settings):
            with open_store(settings.db_path, verify=False) as con:
                result += commit(con, chunk, coded, settings)
            for problem in coded.problems:
                on_error(problem)
            dedup.release(doc.id for doc in coded.docs)  # failed ones stay "decided" for this run
            if on_progress is not None:
                on_progress(chunk.read)
        with open_store(settings.db_path, verify=False) as con:
            update_stories(con, settings.story_window)
    return result


def plan_chunks(docs: Iterable[Document], dedup: Deduplicator, settings: Settings) -> Iterator[Chunk]:
    """Chunks of the input with duplicates and stored documents taken out."""
    for block in blocks(docs, settings.batch_size, MAX_CHUNK_CHARS):
        prints = [fingerprint(doc.id, doc.text) for doc in block]
        chunk = Chunk(read=len(block))
        with open_store(settings.db_path, verify=False) as con:
            dedup.con = con
            decisions = dedup.classify(prints)
            dedup.con = None
        for doc, fp, match in zip(block, prints, decisions, strict=True):
            if match is None:
                chunk.fresh.append(doc)
                chunk.fingerprints[doc.id] = fp
                continue
            chunk.skipped.duplicates += 1
            if match is not KNOWN:
                chunk.links.append(link_row(match, doc.id, doc.url, doc.source))
                chunk.skipped.near_duplicates += match.kind == "near"
        yield chunk


def blocks(docs: Iterable[Document], size: int, max_chars: int) -> Iterator[list[Document]]:
    """Consecutive lists of at most ``size`` documents and (unless one alone is longer) ``max_chars``."""
    block: list[Document] = []
    chars = 0
    for doc in docs:
        if block and (len(block) >= size or chars + len(doc.text) > max_chars):
            yield block
            block, chars = [], 0
        block.append(doc)
        chars += len(doc.text)
    if block:
        yield block


def commit(con: Any, chunk: Chunk, coded: Coded, settings: Settings) -> SaveResult:
    """Save a chunk's coded documents, failures and duplicate links in one transaction.

    When the rows themselves make the write fail (a value no column holds), each
    document is tried alone, in a transaction that is rolled back, to find the
    ones at fault; they join the failures and the others are saved together.
    Faults of the disk or the file are not the documents' and fail the batch.
    """
    failures = [failure_row(f) for f in coded.failures]
    try:
        result = _save(con, chunk, coded.docs, failures, settings)
    except StoreError as exc:
        if not is_data_error(exc) or not coded.docs:
            raise
        good, bad = split_unstorable(con, coded.docs)
        coded.problems.extend(bad)
        result = _save(con, chunk, good, failures + [failure_row(f) for f in bad], settings)
    result += chunk.skipped
    return result


def _save(
    con: Any, chunk: Chunk, docs: list[Document], failures: list[dict[str, Any]], settings: Settings
) -> SaveResult:
    return save_documents(
        con,
        docs,
        links=chunk.links,
        fingerprints=chunk.fingerprints,
        dedup=settings.dedup,
        near_threshold=settings.near_threshold,
        failures=failures,
    )


def split_unstorable(con: Any, docs: list[Document]) -> tuple[list[Document], list[DocumentFailure]]:
    """Documents whose rows can be written, and a failure for each that cannot."""
    good: list[Document] = []
    bad: list[DocumentFailure] = []
    for doc in docs:
        try:
            con.execute("BEGIN TRANSACTION")
            save_rows_probe(con, doc)
            good.append(doc)
        except Exception as exc:  # noqa: BLE001 - the probe's purpose is to find such documents
            bad.append(failure(doc, "store", exc))
        finally:
            rollback(con)
    return good, bad


def save_rows_probe(con: Any, doc: Document) -> None:
    """Insert one document's rows inside the caller's transaction (rolled back afterwards)."""
    from sitrep.store.rows import document_rows

    for table, rows in document_rows(doc).items():
        insert_rows(con, table, rows)


def code_chunks(chunks: Iterable[Chunk], settings: Settings) -> Iterator[tuple[Chunk, Coded]]:
    """Each chunk with its coded documents, in input order."""
    if settings.workers <= 1:
        for chunk in chunks:
            yield chunk, code_chunk(chunk.fresh, settings)
        return
    yield from _code_in_pool(chunks, settings)


def code_chunk(docs: list[Document], settings: Settings) -> Coded:
    """The whole guarded pipeline over a chunk (runs in workers too): coded documents and problems."""
    coded = Coded()
    if docs:
        coded.docs = list(pipeline.run(docs, settings, coded.problems.append))
    return coded


def code_documents(docs: list[Document], settings: Settings) -> list[Document]:
    """The whole pipeline over a list of documents; a failing document raises DocumentFailure."""
    return list(pipeline.run(docs, settings)) if docs else []


WARM_TEXT = "The French president met the German chancellor in Berlin on Monday and said 20 people were hurt."


def warm_worker(settings: Settings, parent: int | None = None) -> None:
    """Ready a worker process before its first task: tie its life to its parent's, then load the
    spaCy pipeline, the lexicons every stage reads on first use (one short text through the
    pipeline) and Arrow's pandas glue, so no task pays seconds of one-time loading (measured:
    pandas' import alone is ~1.2 s)."""
    from sitrep.scale.parquet import document_tables
    from sitrep.scale.workers import die_with_parent

    die_with_parent(parent)
    coded = code_documents([Document(id="sitrep-warm-up", text=WARM_TEXT)], settings)
    document_tables(coded)


def _code_in_pool(chunks: Iterable[Chunk], settings: Settings) -> Iterator[tuple[Chunk, Coded]]:
    """Code chunks in ``settings.workers`` spawned processes, keeping a few chunks in flight.

    Spawned (not forked) workers start clean: no copy of the parent's DuckDB
    connection or threads, and each loads the model once.  Each worker asks the
    kernel to kill it when the parent dies (scale/workers.py), so a kill -9 of
    ``sitrep ingest`` leaves no orphan coding on.
    """
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        settings.workers, mp_context=context, initializer=warm_worker, initargs=(settings, os.getpid())
    )
    window: deque[tuple[Chunk, Any]] = deque()
    try:
        for chunk in chunks:
            window.append((chunk, pool.submit(code_chunk, chunk.fresh, settings) if chunk.fresh else None))
            if len(window) > 2 * settings.workers:
                yield _finished(window.popleft())
        while window:
            yield _finished(window.popleft())
    except BrokenProcessPool as exc:
        raise ScaleError(
            f"a worker process died ({exc}); committed batches are kept; "
            "run again with fewer --workers or a smaller --batch-size"
        ) from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _finished(entry: tuple[Chunk, Any]) -> tuple[Chunk, Coded]:
    chunk, future = entry
    return chunk, future.result() if future is not None else Coded()


def count_inputs(inputs: Iterable[str]) -> int | None:
    """How many documents the inputs hold, or None when that cannot be known cheaply
    (standard input, URLs, feeds)."""
    total = 0
    for raw in inputs:
        count = _count_one(raw)
        if count is None:
            return None
        total += count
    return total


def _count_one(raw: str) -> int | None:
    from sitrep.ingest.feeds import is_url

    if raw == STDIN or is_url(raw):
        return None
    path = Path(raw)
    if path.is_dir():
        return count_inputs(str(p) for p in sorted(path.rglob("*")) if p.is_file() and is_readable_kind(p))
    return _count_file(path) if path.is_file() else 0


def _count_file(path: Path) -> int | None:
    from sitrep.ingest.formats import CSV_DELIMITERS, FEED_SUFFIXES, count_csv_rows

    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    if suffix in CSV_DELIMITERS:
        return count_csv_rows(path)
    return None if suffix in FEED_SUFFIXES else 1
