"""Span and Doc helpers that stay linear in text length.

spaCy's ``Span.ents`` walks every entity of the whole document; asked once per
sentence, event or quote it made coding quadratic on long texts.  These read
the tokens' own entity tags instead.
"""

from __future__ import annotations

from typing import Any


def ents_within(span: Any) -> list[Any]:
    """The entities lying wholly inside ``span``, from its tokens' entity tags.

    ``Span.ents`` walks every entity of the whole document; called once per
    event it made coding quadratic in text length.
    """
    from spacy.tokens import Span

    doc = span.doc
    found = []
    for token in span:
        if token.ent_iob_ != "B":
            continue
        end = token.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        if end <= span.end:
            found.append(Span(doc, token.i, end, label=token.ent_type_))
    return found


def text_end(doc: Any) -> int:
    """The character offset where the parsed text ends.

    ``Doc.text`` joins every token anew on each access (a Token object per
    word); the end offset comes from the last token alone.
    """
    if not len(doc):
        return 0
    last = doc[len(doc) - 1]
    return int(last.idx) + len(last.text_with_ws)
