"""The record of what the event coder found in a sentence, shared by every rule module.

``Found`` is one coded action with its compound actors not yet multiplied out,
``Context`` what a clause inherits from the clause that leads to it (speaker,
controller, negation, future), ``Content`` the event a frame word is about.
``Findings`` is one sentence's findings: the actions found so far and the clause
heads already coded or ruled out; ``Findings.add`` takes an ``Action`` and
applies the clause's mood and negation before recording it.  ``to_events``
turns a sentence's Found records into Events: main clause first, statements
last, one per actor pair.  Sides the text leaves implicit are filled here:

- an action done at home (protest, coercion, easing, release; a conflictual
  act of rebels, opposition or crowds) with nobody else named is against the
  doer's own country; an agentless arrest is by the authorities of the country
  it is placed in, else of the arrested's own;
- a meeting with no counterpart named, held in another country, is with its host;
- a reciprocal act pairs its parties, but not a title with its holder, and
  counterparts meet the one they are counterparts of;
- an act with an unnamed doer is dropped when the sentence names the doer of
  the same act on the same target ("injured after being attacked by X").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sitrep.coding.cameo import CameoTable, CodeSets
from sitrep.coding.events.frames import INTENT, REJECT
from sitrep.coding.grammar import arguments as args
from sitrep.coding.grammar import clauses as cl
from sitrep.coding.events.verbs import Entry
from sitrep.models import Actor, Event
from sitrep.nlp.types import Token


# Agents who stand against their own country's government when no one else is named.
DISSIDENT_AGENTS = frozenset({"REB", "OPP", "SEP", "UAF", "CVL"})
VIOLENT = "violent"
COUNTERPART_WORDS = frozenset({"counterpart", "counterparts"})
# Roots of an address to someone that may take the partner of the clause it is conjoined to.
BORROWING_ROOTS = frozenset({"02", "10", "12", "13"})


def no_place(verb: Token) -> str | None:
    """No place is known (a record built without a sentence's participants)."""
    return None


def no_addressee(verb: Token, sources: list[Actor]) -> list[Actor]:
    """No addressee is known (a record built without a sentence's participants)."""
    return []


@dataclass(kw_only=True)
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
    unnamed: bool = False  # a plain event kept with nobody named on either side ("clashes broke out")
    home: bool = False  # an action done at home: its other side defaults to the doer's own country
    family: str = ""  # acts of one family are one act when done to the same target ("violent": 18-20)
    place: str | None = None  # the country an action at home is placed in ("arrested *in Oslo*")
    verb: Token | None = None  # the clause head, for what conjoined clauses share

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

    @property
    def target_mode(self) -> str:
        """Where the content's lexicon entry looks for a target ("-" without an entry)."""
        return self.entry.target if self.entry else "-"

    @property
    def symmetric(self) -> bool:
        return bool(self.entry and self.entry.target == "sym")


@dataclass(kw_only=True)
class Action:
    """An action a rule wants recorded, before mood and negation are applied.

    ``verb`` is the clause head whose negation counts; ``symmetric`` marks a
    reciprocal action ("X and Y met"), ``intent`` one already read as an
    intent, ``statement`` a statement (kept last, and the one place an
    obligation is news: "X said Y must go")."""

    code: str
    words: list[Token]
    sources: list[Actor]
    targets: list[Actor]
    ctx: Context
    mood: cl.Mood
    verb: Token
    symmetric: bool = False
    intent: bool = False
    statement: bool = False
    unnamed: bool = False  # kept though nobody known takes part ("fighting erupted")


def speaker_of(ctx: Context) -> Actor | None:
    return ctx.speaker[0] if ctx.speaker else None


@dataclass
class Findings:
    """What was found in one sentence, and which clause heads are spoken for."""

    cameo: CameoTable
    codes: CodeSets
    found: list[Found] = field(default_factory=list)
    done: set[int] = field(default_factory=set)  # clause heads already coded or consumed by a frame
    blocked: set[int] = field(default_factory=set)  # hypothetical or purpose clauses: nothing below is news
    place_of: Callable[[Token], str | None] = no_place  # the country named as where a clause happens
    visited: set[int] = field(default_factory=set)  # clause heads coded as clauses (``done`` adds frame contents)
    addressee_of: Callable[[Token, list[Actor]], list[Actor]] = no_addressee  # a participle's host's recipient

    def under_blocked(self, token: Token) -> bool:
        """Under a hypothetical or purpose clause, or inside the content of a frame
        ("demanded that Israel ease restrictions *to allow* ..."): not news of its own."""
        if token.i in self.blocked:
            return True
        spoken = self.blocked | (self.done - self.visited)  # the heads nothing under is news
        if not spoken:
            return False  # most sentences: spare building the token's ancestors
        return any(a.i in spoken for a in token.ancestors)

    def add(self, action: Action) -> None:
        """Record an action, applying the clause's mood and negation."""
        ctx, code, sources, targets = action.ctx, action.code, action.sources, action.targets
        negated = ctx.negated or cl.is_negated(action.verb)
        future = action.mood is cl.Mood.FUTURE or ctx.future
        if action.mood is cl.Mood.OBLIGATION and not action.statement:
            return  # "X must withdraw" with nobody saying it: an opinion, not an event
        if self.codes.meetings.has(code) and not targets and not (action.symmetric and len(sources) > 1):
            targets = self.hosts([action.verb, *action.words], sources)
            if not targets:
                return  # a meeting with nobody named is not an interaction
        if not targets and not action.statement and self.cameo.lookup(code).root in BORROWING_ROOTS:
            targets = self.addressee_of(action.verb, sources)  # "wrote to X asking it to ..."
        code = international_sense(code, sources, targets, self.codes)
        intent = action.intent
        if future and not intent:
            intent, code = True, self.cameo.derive(INTENT, code)
        statement = action.statement
        if negated and future and self.codes.cooperative.has(code):
            # "will not accept refugees" is one record: the refusal, not also the withheld act.
            code, negated, intent, statement = self.cameo.derive(REJECT, code), False, False, False
        home = self.is_home(code, sources) and not statement
        self.found.append(Found(code=code, words=action.words, sources=sources, targets=targets, negated=negated,
                                intent=intent, reported_by=speaker_of(ctx), depth=ctx.depth, statement=statement,
                                symmetric=action.symmetric, unnamed=action.unnamed, home=home,
                                family=VIOLENT if self.codes.violent.has(code) else code[:2],
                                place=self.place_of(action.verb) if home else None, verb=action.verb))


    def hosts(self, words: list[Token], sources: list[Actor]) -> list[Actor]:
        """A meeting with no counterpart named, held abroad, is with its host country
        ("Obasanjo sought a deal during *talks in Abidjan*", "held talks *in Kampala*")."""
        country = next((c for w in words if (c := self.place_of(w)) is not None), None)
        if country is None or not sources or any(not a.country or a.country == country for a in sources):
            return []
        return [home_country(country)]

    def is_home(self, code: str, sources: list[Actor]) -> bool:
        """Whether an action with no other side named is done at home: by its kind (protest,
        arrest, easing), or a conflictual act of rebels, opposition or crowds."""
        if self.codes.home_roots.has(code) or self.codes.home_codes.has(code):
            return True
        return self.codes.home_conflict.has(code) and bool(sources) and all(
            a.agent in DISSIDENT_AGENTS for a in sources)


def international_sense(code: str, sources: list[Actor], targets: list[Actor], codes: CodeSets) -> str:
    """Restrictions and bans on one's own people are administrative sanctions (172);
    on another country they are sanctions (163)."""
    if not codes.domestic_restriction.has(code) or not sources or not targets:
        return code
    own = {a.country for a in sources if a.country}
    other = {a.country for a in targets if a.country}
    return codes.foreign_restriction.only if own and other and not own & other else code


def to_events(found: list[Found], sentence: str, index: int, cameo: CameoTable) -> list[Event]:
    """Events of one sentence: main clause first, statements last, one per actor pair."""
    events: list[Event] = []
    seen: set[tuple[object, ...]] = set()
    done_to = done_by_someone(found, cameo)
    lend_partners(found, cameo)
    for item in sorted(found, key=lambda f: (f.statement, f.depth, f.position)):
        if by_nobody(item) and item.targets and all((family(item, cameo), t.key()) in done_to for t in item.targets):
            continue  # "were injured after being attacked by protesters": one act, and its doer is known
        if told_with_partner(item, found, cameo):
            continue
        row = cameo.lookup(item.code)
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


def lend_partners(found: list[Found], cameo: CameoTable) -> None:
    """An address with nobody named, conjoined without its own subject to a clause that names
    its partner, is to that partner: "the men told *the troops* ... and asked for custody",
    "X met *Y* but refused talks" (a request, demand or refusal; not violence, which names its
    own victims)."""
    by_verb = {f.verb.i: f for f in found if f.verb is not None and f.targets and f.family != VIOLENT}
    for item in found:
        if item.targets or item.verb is None or item.home or (item.symmetric and len(item.sources) > 1):
            continue
        if cameo.lookup(item.code).root not in BORROWING_ROOTS:
            continue
        host = args.subjectless_conjunct_of(item.verb)
        lender = by_verb.get(host.i) if host is not None else None
        if lender is not None and {a.key() for a in lender.sources} == {a.key() for a in item.sources}:
            item.targets = list(lender.targets)


def told_with_partner(item: Found, found: list[Found], cameo: CameoTable) -> bool:
    """An act with nobody on its other side that the same doers' act of the same root names a
    partner for is one act told twice ("joined the calls by X *asking Y to* ...", "urged
    restraint, calling on Y to ..."): the one that names the partner is kept."""
    if item.targets or item.statement or not item.sources:
        return False
    root, keys = cameo.lookup(item.code).root, {a.key() for a in item.sources}
    return any(f is not item and f.targets and not f.statement and cameo.lookup(f.code).root == root
               and {a.key() for a in f.sources} == keys for f in found)


def is_counterpart(actor: Actor) -> bool:
    """An actor named as someone's counterparts ("X and his French *counterparts*")."""
    words = actor.text.lower().split()
    return bool(words) and words[-1] in COUNTERPART_WORDS


def meet_each_other(a: Actor, b: Actor) -> bool:
    """In "X and his Greek and French counterparts met", each counterpart meets X, not the
    other counterparts."""
    return not (is_counterpart(a) and is_counterpart(b))


def by_nobody(item: Found) -> bool:
    """An action whose doer is unnamed ("three men were arrested")."""
    return bool(item.sources) and all(not a.code and not a.text for a in item.sources)


def done_by_someone(found: list[Found], cameo: CameoTable) -> set[tuple[str, object]]:
    """(root, target) of the sentence's acts whose doer is named."""
    return {(family(f, cameo), t.key()) for f in found if not f.statement and not by_nobody(f) for t in f.targets}


def family(item: Found, cameo: CameoTable) -> str:
    """The kind of act, for telling one act reported twice: violent acts are one family
    ("injured after being attacked"), the rest go by root."""
    return item.family or cameo.lookup(item.code).root


def actor_pairs(item: Found) -> list[tuple[Actor, Actor | None]]:
    """Source x target pairs; a reciprocal action among compound actors pairs them up."""
    if item.symmetric and not item.targets and len(item.sources) > 1:
        # "Presidents Buhari of Nigeria and Talon of Benin signed": the title and the name are one side
        return [(a, b) for a in item.sources for b in item.sources
                if a.key() != b.key() and not (a.code and a.code == b.code) and meet_each_other(a, b)]
    targets: list[Actor | None] = list(item.targets) or [None]
    pairs = [(s, t) for s in item.sources for t in targets if t is None or t.key() != s.key()]
    return [at_home(s, t, item.place) for s, t in pairs] if item.home else pairs


def at_home(source: Actor, target: Actor | None, place: str | None = None) -> tuple[Actor, Actor | None]:
    """The other side of an action done at home, when the text names none: "Serbians
    protested" is against Serbia, "police released two settlers" releases their own
    country's people, and "71 people were arrested" was by the authorities of the country
    it happened in (named, "arrested *in Oslo*", else the arrested's own)."""
    if target is None and source.country and not source.org:
        return source, home_country(source.country)
    if not source.code and not source.text and target is not None and target.country and not target.org:
        return home_country(place or target.country), target
    return source, target


def home_country(country: str) -> Actor:
    """A country as the implicit side of an action: not written in the text, only its code."""
    return Actor(text="", name=country, code=country, country=country)
