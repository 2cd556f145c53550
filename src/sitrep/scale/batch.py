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
from sitrep.errors import ScaleError
from sitrep.ingest.dedup import KNOWN, Deduplicator, Fingerprint, fingerprint
from sitrep.ingest.readers import JSONL_SUFFIXES, STDIN, OnError, is_readable_kind, read_inputs
from sitrep.models import Document
from sitrep.settings import Settings
from sitrep.store.db import SaveResult, link_row, open_store, save_documents
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
    """
    inputs = list(inputs)
    if on_total is not None and (total := count_inputs(inputs)) is not None:
        on_total(total)
    result = SaveResult()
    with open_store(settings.db_path) as con:
        dedup = Deduplicator(con, settings.dedup, settings.near_threshold)
        chunks = plan_chunks(read_inputs(inputs, settings, on_error), dedup, settings)
        for chunk, coded in code_chunks(chunks, settings):
            result += commit(con, chunk, coded, settings)
            dedup.release(doc.id for doc in chunk.fresh)
            if on_progress is not None:
                on_progress(chunk.read)
        update_stories(con, settings.story_window)
    return result


def plan_chunks(docs: Iterable[Document], dedup: Deduplicator, settings: Settings) -> Iterator[Chunk]:
    """Chunks of the input with duplicates and stored documents taken out."""
    for block in blocks(docs, settings.batch_size, MAX_CHUNK_CHARS):
        prints = [fingerprint(doc.id, doc.text) for doc in block]
        chunk = Chunk(read=len(block))
        for doc, fp, match in zip(block, prints, dedup.classify(prints), strict=True):
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


def commit(con: Any, chunk: Chunk, coded: list[Document], settings: Settings) -> SaveResult:
    """Save a chunk's coded documents and duplicate links in one transaction."""
    result = save_documents(
        con,
        coded,
        links=chunk.links,
        fingerprints=chunk.fingerprints,
        dedup=settings.dedup,
        near_threshold=settings.near_threshold,
    )
    result += chunk.skipped
    return result


def code_chunks(chunks: Iterable[Chunk], settings: Settings) -> Iterator[tuple[Chunk, list[Document]]]:
    """Each chunk with its coded documents, in input order."""
    if settings.workers <= 1:
        for chunk in chunks:
            yield chunk, code_documents(chunk.fresh, settings)
        return
    yield from _code_in_pool(chunks, settings)


def code_documents(docs: list[Document], settings: Settings) -> list[Document]:
    """The whole pipeline over a list of documents (runs in workers too)."""
    return list(pipeline.run(docs, settings)) if docs else []


WARM_TEXT = "The French president met the German chancellor in Berlin on Monday and said 20 people were hurt."


def warm_worker(settings: Settings) -> None:
    """Ready a worker process before its first task: load the spaCy pipeline, the lexicons every
    stage reads on first use (one short text through the pipeline) and Arrow's pandas glue, so
    no task pays seconds of one-time loading (measured: pandas' import alone is ~1.2 s)."""
    from sitrep.scale.parquet import document_tables

    coded = code_documents([Document(id="sitrep-warm-up", text=WARM_TEXT)], settings)
    document_tables(coded)


def _code_in_pool(chunks: Iterable[Chunk], settings: Settings) -> Iterator[tuple[Chunk, list[Document]]]:
    """Code chunks in ``settings.workers`` spawned processes, keeping a few chunks in flight.

    Spawned (not forked) workers start clean: no copy of the parent's DuckDB
    connection or threads, and each loads the model once.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        settings.workers, mp_context=context, initializer=warm_worker, initargs=(settings,)
    )
    window: deque[tuple[Chunk, Any]] = deque()
    try:
        for chunk in chunks:
            window.append(
                (chunk, pool.submit(code_documents, chunk.fresh, settings) if chunk.fresh else None)
            )
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


def _finished(entry: tuple[Chunk, Any]) -> tuple[Chunk, list[Document]]:
    chunk, future = entry
    return chunk, future.result() if future is not None else []


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
