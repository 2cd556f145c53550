"""The coding pipeline: declared stages, each ``process(docs, settings) -> docs``.

Every stage says, as spaCy's ``@Language.component(requires=, assigns=)`` do,
which document fields it needs and which it fills.  ``build`` checks an order
of stage names against those declarations before anything runs, so an
impossible order (events before actors) is one ``ConfigError`` instead of
silently empty output; ``Settings.stages`` names the stages to run, so another
event coder can be swapped in by name.  The pipeline, not a stage, frees the
spaCy parse once the last stage is done.

Stages are generators, so documents stream through in batches and memory stays
flat; the Dask runner maps ``run`` over partitions unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from sitrep.coding import actors, counts, dates, events, places, quotes, stances, summary
from sitrep.errors import ConfigError
from sitrep.ingest.readers import OnError, read_inputs
from sitrep.models import Document
from sitrep.nlp import parse
from sitrep.settings import Settings

Process = Callable[[Iterable[Document], Settings], Iterator[Document]]

# Fields every document has when it is read (ingest fills them).
GIVEN = ("doc.text", "doc.id", "doc.date")


@dataclass(frozen=True)
class Stage:
    """A named, versioned step with the fields it reads and writes."""

    name: str
    version: int
    process: Process
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    purpose: str

    @property
    def label(self) -> str:
        return f"{self.name}.v{self.version}"


REGISTRY: dict[str, Stage] = {
    stage.name: stage
    for stage in (
        Stage("parse", 1, parse.process, ("doc.text",), ("doc.parsed", "doc.sentences"),
              "spaCy parse and sentence spans"),
        Stage("actors", 1, actors.process, ("doc.parsed",), ("doc.mentions",),
              "actor mentions resolved to CAMEO-style codes"),
        Stage("events", 1, events.process, ("doc.parsed", "doc.mentions"), ("doc.events",),
              "CAMEO and PLOVER events with source, target and negation"),
        Stage("places", 1, places.process, ("doc.parsed", "doc.mentions", "doc.events"),
              ("doc.locations", "event.location"), "places resolved offline; each event's place"),
        Stage("dates", 1, dates.process, ("doc.parsed", "doc.events"), ("doc.date", "event.date"),
              "publication date from a dateline; each event's date"),
        Stage("counts", 1, counts.process, ("doc.parsed", "doc.mentions"), ("doc.counts",),
              "numbers of troops, casualties, protesters ... and whose they are"),
        Stage("quotes", 1, quotes.process, ("doc.parsed", "doc.mentions"), ("doc.quotes",),
              "direct and indirect quotes with their speaker"),
        Stage("stances", 1, stances.process, ("doc.parsed", "doc.mentions"), ("doc.stances",),
              "who stands where on a named issue"),
        Stage("summary", 1, summary.process, ("doc.mentions",), ("doc.actors",),
              "each document's actors with mention counts"),
    )
}


def build(names: Sequence[str]) -> list[Stage]:
    """The stages named, in order, after checking every requirement is met in time."""
    unknown = [name for name in names if name not in REGISTRY]
    if unknown:
        known = ", ".join(REGISTRY)
        raise ConfigError(f"unknown stage {unknown[0]!r}; the stages are: {known}")
    stages = [REGISTRY[name] for name in names]
    filled = set(GIVEN)
    for stage in stages:
        missing = [field for field in stage.requires if field not in filled]
        if missing:
            raise ConfigError(
                f"stage {stage.name!r} requires {missing[0]}, which no earlier stage assigns; "
                f"put a stage that assigns it before {stage.name!r} (see `sitrep stages`)"
            )
        filled.update(stage.assigns)
    return stages


def run(docs: Iterable[Document], settings: Settings) -> Iterator[Document]:
    """Every configured stage over the documents, lazily; the parse is freed at the end."""
    stream: Iterable[Document] = docs
    for stage in build(settings.stages):
        stream = stage.process(stream, settings)
    for doc in stream:
        release(doc)
        yield doc


def release(doc: Document) -> None:
    """Drop the per-process scratch fields (the spaCy doc and mentions) to free memory."""
    doc.parsed = None
    doc.mentions = []


def code_inputs(inputs: Iterable[str], settings: Settings, on_error: OnError) -> Iterator[Document]:
    """Read the inputs and code every readable document."""
    return run(read_inputs(inputs, settings, on_error), settings)
