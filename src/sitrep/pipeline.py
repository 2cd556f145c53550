"""The coding pipeline: an ordered list of stages, each ``process(docs, settings) -> docs``.

Documents are parsed in batches (``nlp.pipe`` is much faster than one call per
text) and then coded one at a time, each under one guard: a document that makes
a stage raise is reported as a ``DocumentFailure`` (input, id, stage, cause) and
left out, and the documents around it are coded as usual.  No input can block
the ones after it.  The Dask runner and the worker processes run ``run``
unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from sitrep.coding import actors, counts, dates, events, places, quotes, stances, summary
from sitrep.errors import DocumentFailure, InputError, InputWarning, SitrepError
from sitrep.ingest.readers import OnError, read_inputs
from sitrep.models import Document
from sitrep.nlp import parse
from sitrep.settings import Settings

Stage = Callable[[Iterable[Document], Settings], Iterator[Document]]

STAGES: tuple[Stage, ...] = (
    parse.process,
    actors.process,
    events.process,
    places.process,
    dates.process,
    counts.process,
    quotes.process,
    stances.process,
    summary.process,
)


def stage_name(stage: Stage) -> str:
    """``dates`` for ``sitrep.coding.dates.process``: the name a failure line shows."""
    return stage.__module__.rsplit(".", 1)[-1]


def run(docs: Iterable[Document], settings: Settings, on_error: OnError | None = None) -> Iterator[Document]:
    """Every stage over the documents, lazily, in order; failed documents are left out.

    ``on_error`` hears each ``DocumentFailure`` and each ``InputWarning`` (a text
    cut at the coding limit, a date out of range).  Without it a failure raises,
    so that no caller loses a document without knowing.
    """
    report = on_error or _raise_failures
    stream = iter(docs)
    while batch := list(islice(stream, max(1, settings.batch_size))):
        for doc in parse_batch(batch, settings, report):
            coded = code_parsed(doc, settings, report)
            if coded is not None:
                report_notes(coded, report)
                yield coded


def _raise_failures(err: InputError) -> None:
    if isinstance(err, DocumentFailure):
        raise err


def parse_batch(batch: list[Document], settings: Settings, report: OnError) -> list[Document]:
    """The batch parsed in one ``nlp.pipe``; if that raises, each document alone, to find the bad one."""
    for doc in batch:
        note_long_text(doc, settings)
    try:
        return list(parse.process(batch, settings))
    except SitrepError:
        raise  # the model cannot load: every document would fail the same way
    except Exception:  # noqa: BLE001 - a parser fault in one text; found below, one by one
        pass
    parsed: list[Document] = []
    for doc in batch:
        done = guarded(parse.process, doc, settings, report)
        if done is not None:
            parsed.append(done)
    return parsed


def code_parsed(doc: Document, settings: Settings, report: OnError) -> Document | None:
    """The coding stages over one parsed document; None when one of them failed."""
    current: Document | None = doc
    for stage in STAGES[1:]:
        current = guarded(stage, current, settings, report)
        if current is None:
            return None
    return current


def guarded(stage: Stage, doc: Document, settings: Settings, report: OnError) -> Document | None:
    """One stage over one document; an unexpected error becomes a DocumentFailure report."""
    try:
        return next(iter(stage([doc], settings)))
    except SitrepError as err:
        if isinstance(err, InputError):
            report(failure(doc, stage_name(stage), err))
            return None
        raise
    except Exception as exc:  # noqa: BLE001 - the guard: any fault in one document is quarantined
        report(failure(doc, stage_name(stage), exc))
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
