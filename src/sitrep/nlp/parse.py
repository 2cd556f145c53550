"""The parse stage: run spaCy over documents and record their sentences.

Sentence boundaries are fixed before the parser runs (``sentence_marks``), and
the parser respects them:

* a line break always ends a sentence, because wire and Wikinews texts put the
  date line, the dateline and every paragraph on lines of their own, and a
  sentence that ran on across them would give the lead's actors to the date line;
* a closing quotation mark stays with the sentence it closes (``... over."``),
  and a speaker written in lower case after it (``"Go home!" the police said``)
  does not start a new sentence, so quote attribution sees cue and quotation together.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sitrep.models import Document, Sentence
from sitrep.nlp.model import load_pipeline
from sitrep.resources import Resources
from sitrep.settings import Settings

SENTENCE_MARKS = "sitrep_sentence_marks"
QUOTE_MARKS = frozenset({'"', "”", "’’", "''", "»"})
END_MARKS = frozenset({".", "!", "?", ",", "…"})


def process(docs: Iterable[Document], settings: Settings, resources: Resources) -> Iterator[Document]:
    """Attach the spaCy parse and the sentence list to each document.

    Uses ``nlp.pipe`` so that spaCy batches the work; texts longer than
    ``settings.max_doc_chars`` are cut, because parser memory grows with length.
    """
    nlp = sentence_pipeline(settings)
    pairs = ((doc.text[: settings.max_doc_chars], doc) for doc in docs)
    for parsed, doc in nlp.pipe(pairs, as_tuples=True, batch_size=settings.batch_size):
        doc.parsed = parsed
        doc.sentences = find_sentences(parsed)
        yield doc


def sentence_pipeline(settings: Settings) -> Any:
    """The loaded pipeline with ``sentence_marks`` placed before its parser (added once)."""
    nlp = load_pipeline(settings)
    if SENTENCE_MARKS not in nlp.pipe_names:
        _register()
        before = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe(SENTENCE_MARKS, before=before) if before else nlp.add_pipe(SENTENCE_MARKS, first=True)
    return nlp


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(SENTENCE_MARKS):
        Language.component(SENTENCE_MARKS, func=sentence_marks)


def sentence_marks(doc: Any) -> Any:
    """Preset sentence starts on a tokenised doc (rules in the module docstring)."""
    for i, start in find_sentence_marks(doc):
        doc[i].is_sent_start = start
    return doc


def find_sentence_marks(doc: Any) -> list[tuple[int, bool]]:
    """(token index, starts a sentence?) for the tokens whose boundary the text decides."""
    marks: list[tuple[int, bool]] = []
    for i in range(1, len(doc)):
        prev, tok = doc[i - 1], doc[i]
        if tok.is_space:
            continue
        if _line_break(doc, i):
            marks.append((i, True))
        elif _closing_quote(doc, i):
            marks.append((i, False))
        elif prev.text in QUOTE_MARKS and _closing_quote(doc, i - 1) and tok.is_lower:
            marks.append((i, False))  # "Go home!" the police said
    return marks


def _line_break(doc: Any, i: int) -> bool:
    """A paragraph break before token ``i``: a blank line, or a line end after a finished sentence or a heading.

    A single line end inside running text ("... the\nPrime Minister") may only be
    hard wrapping, so it ends a sentence only after end punctuation or before a
    capitalised word.
    """
    gap = doc[i - 1].whitespace_ + (doc[i - 1].text if doc[i - 1].is_space else "")
    if "\n" not in gap:
        return False
    if gap.count("\n") > 1:
        return True
    last = doc[i - 2] if doc[i - 1].is_space and i > 1 else doc[i - 1]
    return last.text in END_MARKS or last.text in QUOTE_MARKS or doc[i].is_title or doc[i].is_upper


def _closing_quote(doc: Any, i: int) -> bool:
    """A quotation mark glued to the end of the words before it ("... over.\"")."""
    tok = doc[i]
    if tok.text not in QUOTE_MARKS or i == 0:
        return False
    prev = doc[i - 1]
    return not prev.whitespace_ and (prev.text in END_MARKS or tok.text in ("”", "»"))


def find_sentences(parsed: object) -> list[Sentence]:
    """Sentences of a parsed doc with their character offsets."""
    return [
        Sentence(index=i, text=sent.text, start=sent.start_char, end=sent.end_char)
        for i, sent in enumerate(parsed.sents)  # type: ignore[attr-defined]
    ]
