"""Quotation marks in the raw text: where quoted words begin and end, before any parse is read.

Curly and straight double quotation marks, guillemets, and two apostrophes ('') open and
close a quotation.  A paragraph (text between line breaks) that opens a quotation without
closing it continues into the next paragraph when that one opens with a quotation mark
again -- the newspaper convention for long quotes -- and the whole run is one
``QuoteSpan``; otherwise the open quotation ends with its paragraph.  Quoted titles and
names ("Fox News Sunday") are told apart from quoted words (``is_title``), and a split
quotation (“We will not,” she said, “give up.”) is recognised here (``is_split``) so the
quotes stage can join it.  A mark that opens a paragraph opens a quotation even when it is a
closing one; ``dash_name`` finds a name signing a quotation after a dash, and
``paragraph_labels`` the paragraphs that open with a speaker's name and a colon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sitrep.models import Quote

OPENERS = frozenset('“"«')
CLOSERS = frozenset('”"»')
PARAGRAPH_BREAK = re.compile(r"\n+")
TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "in", "on", "at", "to", "for", "with", "or"})
TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# "Pence: Flowers won't be at debate", "WALLACE: Let's start ...": one to four capitalised words and a
# colon opening a paragraph (or its quotation) name who says the rest of it.
LABEL = re.compile(r"[“\"«]?\s*((?:[^\W\d_][\w.'’-]*\s+){0,3}[^\W\d_][\w.'’-]*)\s*:\s+(?=\S)")


DASH = re.compile(r"[ \t]*[―—–]{1,2}[ \t]*(?=\S)")  # a dash signing a quotation with a name after it
NAME_WORDS = 5  # words a signing name may have
SENTENCE_STOPS = frozenset(".!?…")  # a quoted part ending so is a whole sentence, not the first half of one


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted content: its character ranges (marks excluded) and the closing mark's offset."""

    segments: tuple[tuple[int, int], ...]
    close_mark: int | None  # None when the quotation ran to the end of a paragraph unclosed

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]

    @property
    def outer_end(self) -> int:
        """End including the closing mark."""
        return self.close_mark + 1 if self.close_mark is not None else self.end

    def covers(self, char: int) -> bool:
        """Whether ``char`` lies between the opening and the closing mark (inclusive)."""
        return self.start - 1 <= char < self.outer_end

    def text(self, full_text: str) -> str:
        return " ".join(full_text[s:e].strip() for s, e in self.segments)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the paragraphs (text between line breaks)."""
    spans, start = [], 0
    for brk in PARAGRAPH_BREAK.finditer(text):
        if brk.start() > start:
            spans.append((start, brk.start()))
        start = brk.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def plain_marks(text: str) -> str:
    """``text`` with typewriter double quotes written as two apostrophes (''like this'', the New
    York Times archive style) turned into one quotation mark and a space: same length, so every
    offset still points into the original text."""
    return text.replace("''", '" ') if "''" in text else text


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Quoted stretches of ``text``, multi-paragraph quotations joined (module docstring)."""
    found: list[QuoteSpan] = []
    pending: list[tuple[int, int]] = []
    for start, end in paragraphs(text):
        if pending and text[start] not in OPENERS:
            found.append(QuoteSpan(tuple(pending), None))
            pending = []
        closed, pending = _paragraph_quotes(text, start, end, pending)
        found += closed
    if pending:
        found.append(QuoteSpan(tuple(pending), None))
    return [span for span in found if len(span.text(text)) > 1]


def _paragraph_quotes(
    text: str, start: int, end: int, carried: list[tuple[int, int]]
) -> tuple[list[QuoteSpan], list[tuple[int, int]]]:
    """The quotations one paragraph closes (the first goes on from ``carried``, an open quotation
    of the paragraphs before), and the segments of the one it leaves open.  A mark that opens
    the paragraph opens a quotation, even when it is a closing one (”We stay.” she said)."""
    found: list[QuoteSpan] = []
    segments: list[tuple[int, int]] = carried
    open_at: int | None = None
    for i in range(start, end):
        char = text[i]
        if open_at is None and (char in OPENERS or (i == start and not carried and char in CLOSERS)):
            open_at = i
        elif open_at is not None and char in CLOSERS:
            segments.append((open_at + 1, i))
            found.append(QuoteSpan(tuple(segments), i))
            segments, open_at = [], None
        elif open_at is not None and char in OPENERS:
            open_at = i  # an unmatched opener: the later one starts the quotation
    if open_at is not None:
        return found, [*segments, (open_at + 1, end)]
    return found, []


def dash_name(span: QuoteSpan, text: str) -> tuple[int, int] | None:
    """The character range of a name signing a quotation after a dash (“We stay.” ― Ana Rios),
    when the name ends its line or the next quotation begins after it."""
    match = DASH.match(text, span.outer_end) if span.close_mark is not None else None
    if match is None:
        return None
    start = match.end()
    stop = text.find("\n", start)
    stop = len(text) if stop < 0 else stop
    opener = next((i for i in range(start, stop) if text[i] in OPENERS | CLOSERS), stop)
    name = text[start:opener].rstrip(" \t.,;")
    words = name.split()
    if not 1 <= len(words) <= NAME_WORDS or not all(w[0].isupper() for w in words):
        return None
    return start, start + len(name)


@dataclass(frozen=True)
class Label:
    """A paragraph that opens with its speaker's name and a colon ("Pence: ..."): the name's and
    the content's character ranges."""

    name: tuple[int, int]
    content: tuple[int, int]


def paragraph_labels(text: str) -> list[Label]:
    """The paragraphs of ``text`` that open "Name: ..." (``LABEL``; every word of the name
    capitalised), with the rest of the paragraph as content (closing punctuation left out)."""
    labels = []
    for start, end in paragraphs(text):
        match = LABEL.match(text, start, end)
        if match is None or not all(w[0].isupper() for w in match.group(1).split()):
            continue
        stop = end
        while stop > match.end() and text[stop - 1] in CLOSERS | frozenset(" .\t"):
            stop -= 1
        labels.append(Label(match.span(1), (match.end(), stop)))
    return labels


def is_title(text: str) -> bool:
    """A quoted title or name ("Fox News Sunday", "The Apprentice"), not words someone said:
    two to six words, every content word capitalised."""
    words = TITLE_WORD.findall(text)
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    return 2 <= len(words) <= 6 and bool(content) and all(w[0].isupper() for w in content)


def is_split(before: QuoteSpan, span: QuoteSpan, text: str, cue_between: bool = False) -> bool:
    """Whether ``span`` finishes the sentence ``before`` began: “We will not,” she said, “give up.”,
    or, when the cue stands between them (``cue_between``), without commas: the first part ends
    with no stop and the second goes on in lower case (“We stand ready” tweeted Johnson “to help”)."""
    gap = text[before.outer_end : span.start - 1].strip()
    first = text[before.start : before.end].rstrip()
    if first[-1:] == "," and gap.endswith(","):
        return True
    rest = text[span.start : span.end].lstrip()
    return cue_between and bool(first) and first[-1] not in SENTENCE_STOPS and rest[:1].islower()


def joined(quote: Quote, span: QuoteSpan, text: str) -> Quote:
    """``quote`` extended by the rest of its split quotation."""
    return replace(quote, text=f"{quote.text} {span.text(text).strip()}", end=span.end)
