"""The parse stage: run spaCy over documents and record their sentences."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sitrep.models import Document, Sentence
from sitrep.nlp.model import load_pipeline
from sitrep.settings import Settings


def process(docs: Iterable[Document], settings: Settings) -> Iterator[Document]:
    """Attach the spaCy parse and the sentence list to each document.

    Uses ``nlp.pipe`` so that spaCy batches the work; texts longer than
    ``settings.max_doc_chars`` are cut, because parser memory grows with length.
    """
    nlp = load_pipeline(settings)
    pairs = ((doc.text[: settings.max_doc_chars], doc) for doc in docs)
    for parsed, doc in nlp.pipe(pairs, as_tuples=True, batch_size=settings.batch_size):
        doc.parsed = parsed
        doc.sentences = find_sentences(parsed)
        yield doc


def find_sentences(parsed: object) -> list[Sentence]:
    """Sentences of a parsed doc with their character offsets."""
    return [
        Sentence(index=i, text=sent.text, start=sent.start_char, end=sent.end_char)
        for i, sent in enumerate(parsed.sents)  # type: ignore[attr-defined]
    ]

