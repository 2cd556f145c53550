"""Actor mentions: find who is named in a parsed document and resolve each to an Actor.

Find, then write: ``find_mentions`` is pure and returns candidates; ``process``
attaches them to the document as ``doc.mentions`` for the later stages.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sitrep.models import Actor, Document
from sitrep.settings import Settings

# Minimal seed table; the full lexicon lives in coding/data (issue 4).
_COUNTRIES = {
    "sweden": ("SWE", "Sweden"),
    "swedish": ("SWE", "Sweden"),
    "denmark": ("DNK", "Denmark"),
    "danish": ("DNK", "Denmark"),
    "greenland": ("GRL", "Greenland"),
    "greenlandic": ("GRL", "Greenland"),
    "us": ("USA", "United States"),
    "u.s.": ("USA", "United States"),
    "united states": ("USA", "United States"),
    "washington": ("USA", "United States"),
}


@dataclass(frozen=True)
class Mention:
    """An actor named by the tokens ``[start, end)`` of the parsed document."""

    start: int
    end: int
    actor: Actor


def process(docs: Iterable[Document], settings: Settings) -> Iterator[Document]:
    """Attach resolved actor mentions to each parsed document."""
    for doc in docs:
        doc.mentions = find_mentions(doc.parsed)
        yield doc


def find_mentions(parsed: object) -> list[Mention]:
    """Actor mentions in a parsed doc, in token order."""
    found = []
    for token in parsed:  # type: ignore[attr-defined]
        entry = _COUNTRIES.get(token.text.lower())
        if entry:
            code, name = entry
            actor = Actor(text=token.text, name=name, code=code, country=code)
            found.append(Mention(token.i, token.i + 1, actor))
    return found


def mention_at(doc: Document, token_i: int) -> Mention | None:
    """The mention whose span covers token ``token_i``, if any."""
    for mention in doc.mentions:
        if mention.start <= token_i < mention.end:
            return mention
    return None


def actors_for_token(doc: Document, token: object) -> list[Actor]:
    """The actor(s) a noun phrase headed by ``token`` stands for.

    Looks at the token itself, then its modifiers (compound, amod, poss, nmod)
    and its conjuncts, so that "U.S. and Danish officials" gives two actors.
    """
    found: list[Actor] = []
    heads = [token, *getattr(token, "conjuncts", ())]
    for head in heads:
        candidates = [head, *(c for c in head.children if c.dep_ in {"compound", "amod", "poss", "nmod"})]
        for cand in candidates:
            mention = mention_at(doc, cand.i)
            if mention is not None and mention.actor not in found:
                found.append(mention.actor)
    return found
