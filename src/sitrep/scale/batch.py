"""Batched ingest: code documents and commit each batch to the store atomically.

Documents already stored are skipped before they are parsed, so a run that
was interrupted picks up where it stopped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TypeVar

from sitrep import pipeline
from sitrep.ingest.readers import OnError, read_inputs
from sitrep.models import Document
from sitrep.settings import Settings
from sitrep.store.db import SaveResult, open_store, save_documents, stored_ids

T = TypeVar("T")
Progress = Callable[[int], None]


def ingest(
    inputs: Iterable[str], settings: Settings, on_error: OnError, on_progress: Progress | None = None
) -> SaveResult:
    """Read, code and store the inputs in ``settings.db_path``; returns what was saved."""
    total = SaveResult()
    with open_store(settings.db_path) as con:
        known = stored_ids(con)
        fresh = skip_known(read_inputs(inputs, settings, on_error), known, total)
        for batch in batched(pipeline.run(fresh, settings), settings.batch_size):
            total += save_documents(con, batch)
            if on_progress is not None:
                on_progress(len(batch))
    return total


def skip_known(docs: Iterable[Document], known: set[str], result: SaveResult) -> Iterator[Document]:
    """Documents whose id is not stored yet; the others count as duplicates."""
    for doc in docs:
        if doc.id in known:
            result.duplicates += 1
            continue
        yield doc


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most ``size`` items."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
