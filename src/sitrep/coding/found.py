"""The records the event coder builds before it writes Events.

``Found`` is one coded action with its compound actors not yet multiplied out,
``Context`` what a clause inherits from the clause that leads to it (speaker,
controller, negation, future), ``Content`` the event a frame word is about.
``to_events`` turns a sentence's Found records into Events: main clause first,
statements last, one per actor pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitrep.coding.cameo import lookup
from sitrep.coding.grammar import clauses as cl
from sitrep.coding.verbs import Entry
from sitrep.models import Actor, Event

Token = Any  # spaCy Token


@dataclass
class Found:
    """One coded action before its compound actors are multiplied out."""

    code: str
    words: list[Token]
    sources: list[Actor]
    targets: list[Actor]
    negated: bool = False
    intent: bool = False
    reported_by: Actor | None = None
    depth: int = 0
    statement: bool = False
    symmetric: bool = False

    @property
    def position(self) -> int:
        return min(w.i for w in self.words)

    @property
    def trigger(self) -> str:
        """The trigger words in sentence order, with their particles ("carried out strikes")."""
        unique = {w.i: w for w in self.words}
        unique.update({c.i: c for w in self.words for c in cl.trigger_parts(w)})
        return " ".join(unique[i].text for i in sorted(unique))


@dataclass(frozen=True)
class Context:
    """What a clause inherits from the clause that leads to it."""

    depth: int = 0
    speaker: tuple[Actor, ...] = ()  # who reports this clause
    subjects: tuple[Actor, ...] = ()  # controller's actors ("X agreed to go": X goes)
    negated: bool = False
    future: bool = False


@dataclass
class Content:
    """The event a frame verb or noun is about ("agreed *to send troops*")."""

    code: str | None
    token: Token
    entry: Entry | None = None
    inner: Content | None = None  # what a frame noun is about ("demand *that Israel ease*")


def speaker_of(ctx: Context) -> Actor | None:
    return ctx.speaker[0] if ctx.speaker else None


def to_events(found: list[Found], sentence: str, index: int) -> list[Event]:
    """Events of one sentence: main clause first, statements last, one per actor pair."""
    events: list[Event] = []
    seen: set[tuple] = set()
    for item in sorted(found, key=lambda f: (f.statement, f.depth, f.position)):
        row = lookup(item.code)
        for source, target in actor_pairs(item):
            key = (source.key(), target.key() if target else None, item.code, item.negated)
            if key in seen:
                continue
            seen.add(key)
            events.append(Event(
                sentence=sentence, sentence_index=index, source=source, target=target,
                cameo=row.code, root=row.root, quad_class=row.quad_class, goldstein=row.goldstein,
                plover=row.plover, mode=row.mode, negated=item.negated, intent=item.intent,
                trigger=item.trigger, reported_by=item.reported_by,
            ))
    return events


def actor_pairs(item: Found) -> list[tuple[Actor, Actor | None]]:
    """Source x target pairs; a reciprocal action among compound actors pairs them up."""
    if item.symmetric and not item.targets and len(item.sources) > 1:
        return [(a, b) for a in item.sources for b in item.sources if a.key() != b.key()]
    targets: list[Actor | None] = list(item.targets) or [None]
    return [(s, t) for s in item.sources for t in targets if t is None or t.key() != s.key()]
