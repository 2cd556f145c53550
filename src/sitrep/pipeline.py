"""The coding pipeline: an ordered list of stages, each ``process(docs, settings) -> docs``.

Stages are generators, so documents stream through in batches and memory stays
flat; the Dask runner maps ``run`` over partitions unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from sitrep.coding import actors, counts, dates, docactors, events, places, quotes, stances, summary
from sitrep.ingest.readers import OnError, read_inputs
from sitrep.models import Document
from sitrep.nlp import parse
from sitrep.settings import Settings

Stage = Callable[[Iterable[Document], Settings], Iterator[Document]]

STAGES: tuple[Stage, ...] = (
    parse.process,
    actors.process,
    docactors.process,
    events.process,
    places.process,
    dates.process,
    counts.process,
    quotes.process,
    stances.process,
    summary.process,
)


def run(docs: Iterable[Document], settings: Settings) -> Iterator[Document]:
    """Every stage over the documents, lazily."""
    stream: Iterable[Document] = docs
    for stage in STAGES:
        stream = stage(stream, settings)
    yield from stream


def code_inputs(inputs: Iterable[str], settings: Settings, on_error: OnError) -> Iterator[Document]:
    """Read the inputs and code every readable document."""
    return run(read_inputs(inputs, settings, on_error), settings)
