"""The coding pipeline: declared stages, each ``process(docs, settings, resources) -> docs``.

Every stage says, as spaCy's ``@Language.component(requires=, assigns=)`` do,
which document fields it needs and which it fills.  ``build`` checks an order
of stage names against those declarations before anything runs, so an
impossible order (events before actors) is one ``ConfigError`` instead of
silently empty output; ``Settings.stages`` names the stages to run, so another
event coder can be swapped in by name.  The tables a stage reads come from the
``Resources`` passed to it (by default the one loaded beside the model), never
from module globals.  The pipeline, not a stage, frees the
spaCy parse once the last stage is done.

Documents are parsed in batches (``nlp.pipe`` is much faster than one call per
text) and then coded one at a time, each under one guard: a document that makes
a stage raise is reported as a ``DocumentFailure`` (input, id, stage, cause) and
left out, and the documents around it are coded as usual.  No input can block
the ones after it.  The Dask runner and the worker processes run ``run``
unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice

from sitrep.coding import summary
from sitrep.coding.actors import actors, docactors
from sitrep.coding.attributes import counts, dates, places
from sitrep.coding.events import events, theatre
from sitrep.coding.speech import quotes, stances
from sitrep.errors import ConfigError, DocumentFailure, InputError, InputWarning, SitrepError
from sitrep.ingest.readers import OnError, read_inputs
from sitrep.models import Document
from sitrep.nlp import parse
from sitrep.nlp.model import load_resources
from sitrep.resources import Resources
from sitrep.settings import Settings

Process = Callable[[Iterable[Document], Settings, Resources], Iterator[Document]]

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
        Stage("parse", 2, parse.process, ("doc.text",), ("doc.parsed", "doc.sentences"),
              "spaCy parse and sentence spans"),
        Stage("actors", 2, actors.process, ("doc.parsed",), ("doc.mentions",),
              "actor mentions resolved to CAMEO-style codes"),
        Stage("docactors", 1, docactors.process, ("doc.parsed", "doc.mentions"), ("doc.mentions",),
              "actors across the article: roles keep their country, leaders by date, no publishers"),
        Stage("events", 2, events.process, ("doc.parsed", "doc.mentions"), ("doc.events",),
              "CAMEO and PLOVER events with source, target and negation"),
        Stage("places", 2, places.process, ("doc.parsed", "doc.mentions", "doc.events"),
              ("doc.locations", "event.location"), "places resolved offline; each event's place"),
        Stage("theatre", 1, theatre.process, ("doc.parsed", "doc.mentions", "event.location"), ("event.target",),
              "an act of force or aid that names no target lands on the country where it happens"),
        Stage("dates", 2, dates.process, ("doc.parsed", "doc.events"), ("doc.date", "event.date"),
              "publication date from a dateline; each event's date"),
        Stage("counts", 2, counts.process, ("doc.parsed", "doc.mentions"), ("doc.counts",),
              "numbers of troops, casualties, protesters ... and whose they are"),
        Stage("quotes", 2, quotes.process, ("doc.parsed", "doc.mentions"), ("doc.quotes",),
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


@dataclass(frozen=True)
class Run:
    """What every stage of one run is given: the settings, the tables, and where problems go."""

    settings: Settings
    resources: Resources
    report: OnError


def run(
    docs: Iterable[Document], settings: Settings, on_error: OnError | None = None, resources: Resources | None = None
) -> Iterator[Document]:
    """Every configured stage over the documents, lazily, in order; failed documents are left out.

    ``on_error`` hears each ``DocumentFailure`` and each ``InputWarning`` (a text
    cut at the coding limit, a date out of range).  Without it a failure raises,
    so that no caller loses a document without knowing.  ``resources`` defaults
    to the tables loaded beside the model.
    """
    context = Run(settings, resources or load_resources(settings), on_error or _raise_failures)
    first, *rest = build(settings.stages)
    stream = iter(docs)
    while batch := list(islice(stream, max(1, settings.batch_size))):
        for doc in parse_batch(first, batch, context):
            coded = code_parsed(rest, doc, context)
            if coded is not None:
                release(coded)
                report_notes(coded, context.report)
                yield coded


def release(doc: Document) -> None:
    """Drop the per-process scratch fields (the spaCy doc and mentions) to free memory."""
    doc.parsed = None
    doc.mentions = []


def _raise_failures(err: InputError) -> None:
    if isinstance(err, DocumentFailure):
        raise err


def parse_batch(first: Stage, batch: list[Document], context: Run) -> list[Document]:
    """The batch through the first stage (the parse) in one ``nlp.pipe``; if that raises,
    each document alone, to find the bad one."""
    for doc in batch:
        note_long_text(doc, context.settings)
    try:
        return list(first.process(batch, context.settings, context.resources))
    except SitrepError:
        raise  # the model cannot load: every document would fail the same way
    except Exception:  # noqa: BLE001 - a parser fault in one text; found below, one by one
        pass
    parsed: list[Document] = []
    for doc in batch:
        done = guarded(first, doc, context)
        if done is not None:
            parsed.append(done)
    return parsed


def code_parsed(stages: list[Stage], doc: Document, context: Run) -> Document | None:
    """The coding stages over one parsed document; None when one of them failed."""
    current = doc
    for stage in stages:
        done = guarded(stage, current, context)
        if done is None:
            return None
        current = done
    return current


def guarded(stage: Stage, doc: Document, context: Run) -> Document | None:
    """One stage over one document; an unexpected error becomes a DocumentFailure report."""
    try:
        return next(iter(stage.process([doc], context.settings, context.resources)))
    except SitrepError as err:
        if isinstance(err, InputError):
            context.report(failure(doc, stage.name, err))
            return None
        raise
    except Exception as exc:  # noqa: BLE001 - the guard: any fault in one document is quarantined
        context.report(failure(doc, stage.name, exc))
        return None


def failure(doc: Document, stage: str, exc: BaseException) -> DocumentFailure:
    """The report of one failed document, its cause on one line."""
    text = " ".join(str(exc).split())[:300]
    cause = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    doc.parsed, doc.mentions = None, []
    return DocumentFailure(doc.source or doc.id, doc.id, stage, cause)


def note_long_text(doc: Document, settings: Settings) -> None:
    """Flag a text the parser will only read in part (``max_doc_chars``)."""
    if len(doc.text) > settings.max_doc_chars and not doc.truncated:
        doc.truncated = True
        doc.notes.append(
            f"text is {len(doc.text):,} characters; only the first {settings.max_doc_chars:,} were coded"
        )


def report_notes(doc: Document, report: OnError) -> None:
    """Each note on a coded document as one warning line."""
    for note in doc.notes:
        report(InputWarning(doc.source or doc.id, f"document {doc.id!r}: {note}"))


def code_inputs(inputs: Iterable[str], settings: Settings, on_error: OnError) -> Iterator[Document]:
    """Read the inputs and code every readable document."""
    return run(read_inputs(inputs, settings, on_error), settings, on_error)
