"""The one data model every stage reads and writes.

Each record is a small dataclass with ``as_dict`` / ``from_dict`` so that the
JSON output contract, the DuckDB rows and the Dask partitions all come from the
same definition.  Fields may be added; existing names are a public contract.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar, Self

if TYPE_CHECKING:
    from sitrep.nlp.types import Doc


def _plain(value: Any) -> Any:
    """Turn nested records into plain dicts and lists for JSON."""
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


class Record:
    """Shared ``as_dict``/``from_dict`` for the dataclasses below.

    ``_nested`` names fields holding another record (or a list of them) so that
    ``from_dict`` can rebuild the typed tree from plain JSON.
    """

    _nested: ClassVar[dict[str, type[Record]]] = {}
    _private: ClassVar[frozenset[str]] = frozenset()

    def as_dict(self) -> dict[str, Any]:
        # fields(): Record is a mixin, only its dataclass subclasses are ever asked
        return {
            f.name: _plain(getattr(self, f.name))
            for f in fields(self)  # type: ignore[arg-type]  # see above
            if f.name not in self._private
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        known = {f.name for f in fields(cls)}  # type: ignore[arg-type]  # a mixin: subclasses are dataclasses
        kwargs: dict[str, Any] = {}
        for key, value in data.items():
            if key not in known:
                continue
            kind = cls._nested.get(key)
            if kind is not None and value is not None:
                if isinstance(value, list):
                    value = [kind.from_dict(v) for v in value]
                else:
                    value = kind.from_dict(value)
            kwargs[key] = value
        return cls(**kwargs)


@dataclass
class Actor(Record):
    """Who acts: as written, canonical name, and the CAMEO-style code parts."""

    text: str
    name: str
    code: str
    country: str | None = None
    org: str | None = None
    agent: str | None = None

    def key(self) -> tuple[str | None, str | None, str | None, str]:
        """Identity used to merge mentions of the same actor."""
        return (self.country, self.org, self.agent, self.name)


@dataclass
class Location(Record):
    """A place resolved offline to a country and coordinates."""

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    mentions: int = 1
    feature: str | None = None  # country, city, region, sea, base ...


@dataclass
class Event(Record):
    """One coded event, pointing back to its sentence."""

    _nested: ClassVar[dict[str, type[Record]]] = {"source": Actor, "target": Actor, "location": Location}

    sentence: str
    sentence_index: int
    source: Actor
    target: Actor | None
    cameo: str
    root: str
    quad_class: int
    goldstein: float
    plover: str
    negated: bool = False
    location: Location | None = None
    date: str | None = None
    trigger: str = ""
    mode: str | None = None  # PLOVER mode, e.g. "troops", "disapprove"
    intent: bool = False  # future or intended action ("will send")
    reported_by: Actor | None = None  # speaker of reported speech
    date_source: str | None = None  # how the date was found: published, explicit or relative
    date_precision: str | None = None  # day, month or year

    def __post_init__(self) -> None:
        raw: object = self.reported_by  # a plain dict when built from JSON, though typed as the record
        if isinstance(raw, dict):
            self.reported_by = Actor.from_dict(raw)


@dataclass
class Quote(Record):
    """Words attributed to a speaker; ``direct`` when in quotation marks."""

    _nested: ClassVar[dict[str, type[Record]]] = {"speaker": Actor}

    speaker: Actor | None
    text: str
    sentence_index: int
    direct: bool = True
    cue: str = ""
    start: int | None = None  # character offsets of the quoted text in the document
    end: int | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass
class Count(Record):
    """A number tied to what it counts and to whom ("13 soldiers" of DEU)."""

    _nested: ClassVar[dict[str, type[Record]]] = {"actor": Actor}

    number: int | None
    unit: str
    actor: Actor | None
    sentence: str
    sentence_index: int = 0
    text: str = ""
    vague: bool = False
    approximate: bool = False


@dataclass
class Stance(Record):
    """An actor's position on a named issue: +1 presses/supports, -1 rejects."""

    _nested: ClassVar[dict[str, type[Record]]] = {"actor": Actor}

    actor: Actor
    issue: str
    polarity: int
    evidence: str
    sentence_index: int = 0


@dataclass
class Sentence(Record):
    """A sentence with its character span in the document text."""

    index: int
    text: str
    start: int
    end: int


@dataclass
class ActorSummary(Actor):
    """An actor as listed per document, with its mention count."""

    mentions: int = 1


def text_sha1(text: str) -> str:
    """Content hash of a text, used for idempotent storage."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass
class Document(Record):
    """A news report and everything coded from it.

    ``parsed`` holds the spaCy ``Doc`` and ``mentions`` the resolved actor
    mentions between stages inside one process; neither is serialised.
    """

    _nested: ClassVar[dict[str, type[Record]]] = {
        "sentences": Sentence,
        "events": Event,
        "actors": ActorSummary,
        "quotes": Quote,
        "counts": Count,
        "locations": Location,
        "stances": Stance,
    }
    _private: ClassVar[frozenset[str]] = frozenset({"parsed", "mentions"})

    id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None  # where it was read from (path, feed, ...)
    text_sha1: str = ""
    sentences: list[Sentence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    actors: list[ActorSummary] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the coder could not do fully (a cut text, a date out of range)
    truncated: bool = False  # only the first ``Settings.max_doc_chars`` characters were coded
    parsed: Doc | None = field(default=None, repr=False, compare=False)  # spaCy's parse, freed after coding
    mentions: list[Any] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.text_sha1:
            self.text_sha1 = text_sha1(self.text)

    def output_dict(self, include_text: bool = False) -> dict[str, Any]:
        """The output contract of ``sitrep code``: coded lists, text optional."""
        data = self.as_dict()
        if not include_text:
            data.pop("text", None)
            data.pop("sentences", None)
        return data
