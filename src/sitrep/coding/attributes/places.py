"""Places: find place names in the text, resolve them offline, and tie events to them.

Find, then write.  ``find_places`` finds the place names of a document and
resolves each from the document's context (``coding.attributes.placenames``: which names
count as places, how an ambiguous name is resolved); ``find_event_place`` picks
the place an event's sentence ties to it; ``process`` writes ``doc.locations``
and ``event.location``.  The prepositional phrases of place are read by
``grammar.adjuncts``.

Which place an event gets (``find_event_place``)
    In the trigger's own clause (a place inside a reported clause, "said that troops
    arrived in Nuuk", belongs to that clause's event): a place introduced by a place
    preposition (in, to, at, near, into, ...) attached to the trigger, then one
    attached inside the trigger's phrase, then one elsewhere in the clause, then a
    bare place name ("visited Nuuk") -- but never a bare country name, a possessive
    ("Washington's proposal") or a place in the source's or target's country: a
    country or capital named without a preposition is the actor, not where it acts.
    Never the target country reached by "to"/"into" (where the action is aimed), and
    never a reference place ("north of the capital", "a senator from Colorado", "the
    war in Afghanistan" deep in a noun phrase).  Ties go to the place nearest the
    trigger.  When the trigger's clause names no place, a clause sharing its adjuncts
    may: a conjoined verb without a subject of its own ("killed four militants and
    arrested ten in raids in X") or a participle adjunct ("Speaking in Brussels, she
    condemned ...").  A "to" phrase on a noun of travel is where the actor is ("during a
    visit to Prague"); part nouns name their place ("on the streets of Kinshasa", "in the
    north of Mali").  Events of the lead sentence with no place of their own, and events
    whose clause says "here", happen in the dateline city ("KABUL (AFP) -").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from sitrep.coding.attributes.gazetteer import Gazetteer, Place, gazetteer
from sitrep.coding.grammar import adjuncts as adj
from sitrep.coding.grammar.arguments import is_direct_object
from sitrep.coding.attributes.placenames import W_CAPITAL, PlaceMention, find_place_names, resolve_places
from sitrep.models import Document, Event, Location
from sitrep.nlp.types import Doc, Span, Token
from sitrep.resources import Resources
from sitrep.settings import Settings

PLACE_PREPS = adj.PLACE_PREPOSITIONS
DIRECTIONAL_PREPS = adj.DIRECTIONAL_PREPOSITIONS
DATELINE = re.compile(r"^\s*([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3})\s*(?:,[^(\n]{0,40})?\s*\([^)\n]{1,30}\)\s*[-\u2013\u2014]")
NAMED_AREAS = frozenset({"city", "country", "state", "base", "building"})  # regions and seas only on the trigger


def process(docs: Iterable[Document], settings: Settings, resources: Resources) -> Iterator[Document]:
    """Fill ``doc.locations`` (with mention counts) and each event's ``location``."""
    gaz = resources.get(gazetteer)
    for doc in docs:
        if doc.parsed is not None:
            write_places(doc, find_places(doc, gaz), gaz)
        yield doc


def find_places(doc: Document, gaz: Gazetteer) -> list[PlaceMention]:
    """Place mentions of a parsed document, each resolved in the document's context."""
    if doc.parsed is None:
        return []
    names = find_place_names(doc.parsed, gaz)
    actor_countries = [m.actor.country for m in doc.mentions if getattr(m.actor, "country", None)]
    resolved = resolve_places(names, actor_countries, gaz)
    capital = gaz.capital_of(main_country(resolved, actor_countries) or "")
    capitals = find_capital_references(doc.parsed, capital) if capital is not None else []
    return sorted(resolved + capitals, key=lambda m: m.start)


def main_country(mentions: Sequence[PlaceMention], actor_countries: Iterable[str | None]) -> str | None:
    """The country the document is about: the one its places name most, else its actors."""
    named = Counter(m.place.country for m in mentions if m.place is not None and m.place.country)
    if not named:
        named = Counter(c for c in actor_countries if c)
    return named.most_common(1)[0][0] if named else None


def find_capital_references(parsed: Doc, capital: Place) -> list[PlaceMention]:
    """"in the capital" with no "of X": the capital of the country the document is about."""
    found = []
    for token in parsed:
        if token.lower_ != "capital" or adj.place_preposition(token) is None:
            continue
        if any(c.lower_ == "the" for c in token.children) and not adj.has_identifying_modifier(token):
            found.append(PlaceMention(token.i, token.i + 1, "the capital", (capital,), capital))
    return found


def find_dateline_place(text: str, gaz: Gazetteer) -> Place | None:
    """The city of a wire dateline ("KABUL (AFP) -", "GOMA, Zaire, April 9 (Reuters) -")."""
    match = DATELINE.match(text[:120])
    if match is None:
        return None
    candidates = gaz.candidates(match.group(1).strip().title())
    return max(candidates, key=lambda p: p.prior + W_CAPITAL * p.capital) if candidates else None


def write_places(doc: Document, mentions: list[PlaceMention], gaz: Gazetteer) -> None:
    """Attach the resolved places to the document and its events; events of the lead
    sentence with no place of their own happen in the dateline city."""
    doc.locations = summarise_locations(mentions)
    sentences = list(doc.parsed.sents) if doc.parsed is not None else []
    dateline = find_dateline_place(doc.text, gaz)
    for event in doc.events:
        if 0 <= event.sentence_index < len(sentences):
            found = find_event_place(sentences[event.sentence_index], event, mentions)
            event.location = None if found is None else to_location(found.place)
        if event.location is None and dateline is not None and _at_dateline(event, sentences):
            event.location = to_location(dateline)


def _at_dateline(event: Event, sentences: Sequence[Span]) -> bool:
    """An unplaced event happens in the dateline city when it is in the lead sentence or its
    clause says *here* ("clashed with troops here Wednesday")."""
    if event.sentence_index == 0:
        return True
    if not 0 <= event.sentence_index < len(sentences):
        return False
    trigger = adj.trigger_token(sentences[event.sentence_index], event.trigger)
    return adj.says_here(adj.clause_head(trigger))


# --- events and summary ---------------------------------------------------------------------------


def find_event_place(sentence: Span, event: Event, mentions: Sequence[PlaceMention]) -> PlaceMention | None:
    """The place the event's sentence ties to it (ranking in the module docstring), else None;
    when its own clause names none, a clause that shares its adjuncts may ("killed X and
    arrested Y in raids in Z", "*Speaking in Brussels*, she condemned ...")."""
    inside = [m for m in mentions if sentence.start <= m.start < sentence.end and m.place is not None]
    if not inside:
        return None
    trigger = adj.trigger_token(sentence, event.trigger)
    actors = {a.country for a in (event.source, event.target) if a is not None and a.country}
    target = event.target.country if event.target is not None else None
    found = _clause_place(inside, trigger, actors, target, shared=False)
    hosts = adj.sharing_clauses(trigger) if trigger.i == adj.clause_head(trigger).i else []
    for host in hosts:  # only a verb's action shares the adjuncts of another verb
        found = found or _clause_place(inside, host, actors, target, shared=True)
    return found


def _clause_place(
    inside: Sequence[PlaceMention], trigger: Token, actors: set[str], target: str | None, *, shared: bool
) -> PlaceMention | None:
    """The best-ranked place of the clause ``trigger`` heads or sits in (``_tie_rank``).  From
    a ``shared`` clause only its adjuncts count ("arrested ten *in raids in X*"), not places
    inside its objects ("allowed *deployments in X*" says where the deployments are)."""
    clause = adj.clause_head(trigger)
    ranked = []
    for mention in inside:
        root = adj.place_name_root(trigger.doc[mention.start : mention.end].root)
        if adj.clause_head(root).i != clause.i:
            continue  # a place in another clause ("said that troops arrived in Nuuk") is not this event's
        if shared and not adj.is_adjunct_place(root, trigger):
            continue
        rank = _tie_rank(root, trigger, mention.place, actor_countries=actors, target=target)
        if rank is not None:
            ranked.append((rank, abs(mention.start - trigger.i), mention.start, mention))
    return min(ranked)[3] if ranked else None


def _tie_rank(
    root: Token, trigger: Token, place: Place | None, *, actor_countries: set[str], target: str | None
) -> int | None:
    """0: place preposition on the trigger; 1: a locative one on the trigger's subject or object
    ("ministers in Cairo denounced", "fired at marchers in the capital"); 2: one on another verb
    of the clause; 3: the trigger's bare object that is not a country, not possessive and not in
    an actor's country ("visited Nuuk").  Never the target country reached by "to"/"into"
    (where the action is aimed, not where it happens) and never a reference place ("north of
    the capital", "a senator from Colorado", "the war in Afghanistan" deep inside a noun phrase)."""
    if place is None:
        return None
    prep = adj.place_preposition(root)
    if prep is not None:
        return _prepositional_rank(prep, trigger, place, target)
    if not is_direct_object(root) or root.head.i != trigger.i:
        return None
    if place.feature == "country" or place.country in actor_countries:
        return None
    return 3


def _prepositional_rank(prep: Token, trigger: Token, place: Place, target: str | None) -> int | None:
    """The rank of a place introduced by the place preposition ``prep`` (ranks 0 to 2 of ``_tie_rank``)."""
    directional = prep.lower_ in DIRECTIONAL_PREPS
    if directional and place.feature == "country" and place.country == target:
        return None
    holder = prep.head
    if holder.i == trigger.i:
        return 0
    if place.feature not in NAMED_AREAS:
        return None  # "sex workers in Africa", "cooperation in the Mediterranean" describe the noun
    governor = adj.governor_of(holder)
    if governor.i == trigger.i and holder.pos_ in {"NOUN", "PROPN"} and (not directional or adj.is_travel_noun(holder)):
        return 1  # "fired at marchers in the capital", "spoke during a visit to Prague"
    return 2 if holder.pos_ in {"VERB", "AUX"} else None


def to_location(place: Place | None, mentions: int = 1) -> Location | None:
    """The output record for a gazetteer place."""
    if place is None:
        return None
    return Location(
        name=place.name,
        country=place.country,
        lat=round(place.lat, 4),
        lon=round(place.lon, 4),
        mentions=mentions,
        feature=place.feature,
    )


def summarise_locations(mentions: Sequence[PlaceMention]) -> list[Location]:
    """One Location per distinct place with its mention count, most mentioned first."""
    counts: Counter[Place] = Counter(m.place for m in mentions if m.place is not None)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].name))
    return [loc for place, n in ordered if (loc := to_location(place, n)) is not None]
