"""The last coding stage: list each document's actors (the pipeline then frees the parse)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator

from sitrep.models import Actor, ActorSummary, Document
from sitrep.resources import Resources
from sitrep.settings import Settings

ActorKey = tuple[str | None, str | None, str | None, str]  # ``Actor.key()``: what makes two mentions one actor


def process(docs: Iterable[Document], settings: Settings, resources: Resources) -> Iterator[Document]:
    """Fill ``doc.actors`` from the mentions."""
    for doc in docs:
        doc.actors = summarise_actors([m.actor for m in doc.mentions if not is_bare_role(m.actor)])
        yield doc


def is_bare_role(actor: Actor) -> bool:
    """A role noun that nothing places ("government", "civilians", "police"): it stays on the
    events it takes part in, but listing it among a document's actors would merge every
    unplaced "police" of the corpus into one meaningless top actor."""
    return not (actor.country or actor.org) and actor.name[:1].islower()


def summarise_actors(actors: list[Actor]) -> list[ActorSummary]:
    """One entry per distinct actor with its mention count, most mentioned first."""
    counts: Counter[ActorKey] = Counter(a.key() for a in actors)
    first: dict[ActorKey, Actor] = {}
    for actor in actors:
        first.setdefault(actor.key(), actor)
    return [
        summary_of(first[key], n) for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][3]))
    ]


def summary_of(actor: Actor, mentions: int) -> ActorSummary:
    """The listed form of an actor (its plain fields are copied, not read through ``as_dict``,
    which looks up the dataclass fields anew for every actor)."""
    return ActorSummary(actor.text, actor.name, actor.code, actor.country, actor.org, actor.agent, mentions)
